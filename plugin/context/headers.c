/* headers.c
 * Routines for reading a SIP message's headers into slots: the values of
 * each header name the context reads, in one pass over the header lines.
 *
 * A slot table names the headers of one set (request_headers_t,
 * response_headers_t) and where the set keeps each one. A reader asks for
 * some slots only; lines starting with letters none of them can start with
 * are not even split, which is what makes reading for expert info alone
 * cheap.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "context/context_internal.h"

#include <stddef.h>
#include <string.h>

/* Compact forms of RFC 3261 section 7.3.3 and later RFCs. */
static char
compact_form(const char *name, size_t len)
{
    static const struct { const char *name; char c; } forms[] = {
        { "Call-ID", 'i' }, { "Contact", 'm' }, { "Content-Encoding", 'e' },
        { "Content-Length", 'l' }, { "Content-Type", 'c' }, { "From", 'f' },
        { "Subject", 's' }, { "Supported", 'k' }, { "To", 't' }, { "Via", 'v' },
        { "Event", 'o' }, { "Allow-Events", 'u' }, { "Refer-To", 'r' },
        { "Referred-By", 'b' }, { "Session-Expires", 'x' }, { "Reject-Contact", 'j' },
        { "Accept-Contact", 'a' }, { "Request-Disposition", 'd' }, { "Identity", 'y' },
    };
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(forms); i++)
        if (strlen(forms[i].name) == len && g_ascii_strncasecmp(forms[i].name, name, len) == 0)
            return forms[i].c;
    return 0;
}

/* A pass of its own, for a header no slot read. */
static gboolean
message_has_header(const sip_explain_message_t *msg, const char *name, size_t len)
{
    sip_header_iter_t it;
    sip_span_t n, v;
    char compact = compact_form(name, len);

    sip_header_iter_init(&it, msg->text, &msg->start);
    while (sip_header_next(&it, &n, &v))
        if (sip_header_name_is_n(n, name, len, compact))
            return TRUE;
    return FALSE;
}

/* Takes the header when it is one of transaction_headers_t's; TRUE when it
 * was. The first of each counts: the top Via is the one a response keeps. */
static gboolean
take_transaction_header(transaction_headers_t *ids, sip_span_t name, sip_span_t value)
{
    sip_span_t *slot;

    if (SIP_HEADER_NAME_IS(name, "Call-ID", 'i'))
        slot = &ids->call_id;
    else if (SIP_HEADER_NAME_IS(name, "CSeq", 0))
        slot = &ids->cseq;
    else if (SIP_HEADER_NAME_IS(name, "Via", 'v'))
        slot = &ids->via;
    else
        return FALSE;
    if (!slot->p)
        *slot = value;
    return TRUE;
}

/* Where a header set keeps the values of one header name. */
typedef struct {
    const char *name;
    size_t len;             /* strlen(name) */
    char compact;
    size_t offset;          /* of its header_values_t in the set */
    guint32 letters;        /* sip_header_letters(name, compact), made by the compiler */
} header_slot_t;

/* sip_letter_bit() of a letter known when compiling (0 for none). */
#define LETTER_BIT_OF(c) ((c) ? (guint32)1 << ((((c) | 0x20) - 'a') & 31) : 0u)
#define SLOT(name, compact, set, field) \
    { name, sizeof name - 1, compact, offsetof(set, field), LETTER_BIT_OF((name)[0]) | LETTER_BIT_OF(compact) }
/* The letters Call-ID (i), CSeq and Via (v) start with. */
#define TRANSACTION_LETTERS (LETTER_BIT_OF('c') | LETTER_BIT_OF('i') | LETTER_BIT_OF('v'))
#define ALL_SLOTS(table) ((slot_mask_t)(SLOT_BIT(G_N_ELEMENTS(table) - 1) * 2 - 1))

static header_values_t *
slot_values(void *set, const header_slot_t *slot)
{
    return (header_values_t *)(void *)((char *)set + slot->offset);
}

static void
header_values_add(header_values_t *values, sip_span_t v)
{
    if (values->n < MAX_REPEAT)
        values->value[values->n++] = v;
    values->total++;
}

/* Reads a message's headers into a set: the ids, then the values of each
 * header a wanted slot names; lines starting with other letters are not
 * even split. The counts of the other slots stay 0. TRUE when the
 * header-line limit cut it short. */
static gboolean
read_headers(const sip_explain_message_t *msg, transaction_headers_t *ids, void *set,
             const header_slot_t *slots, size_t n_slots, slot_mask_t wanted)
{
    sip_header_iter_t it;
    sip_span_t n, v;
    size_t i;
    guint32 letters = TRANSACTION_LETTERS;

    /* Only the counts: a value is read only below its slot's count. */
    memset(ids, 0, sizeof *ids);
    wanted &= n_slots < 32 ? SLOT_BIT(n_slots) - 1 : ~(slot_mask_t)0;
    for (i = 0; i < n_slots; i++) {
        header_values_t *values = slot_values(set, &slots[i]);
        values->n = values->total = 0;
        if (wanted & SLOT_BIT(i))
            letters |= slots[i].letters;
    }
    sip_header_iter_init(&it, msg->text, &msg->start);
    sip_header_iter_filter(&it, letters);
    while (sip_header_next(&it, &n, &v)) {
        guint32 bit = sip_letter_bit(n.p[0]);   /* names are compared only where it matches */
        slot_mask_t left;

        if ((bit & TRANSACTION_LETTERS) && take_transaction_header(ids, n, v))
            continue;
        for (left = wanted; left; left &= left - 1) {
            const header_slot_t *slot = &slots[__builtin_ctz(left)];
            if ((slot->letters & bit) && sip_header_name_is_n(n, slot->name, slot->len, slot->compact)) {
                header_values_add(slot_values(set, slot), v);
                break;
            }
        }
    }
    return sip_header_iter_truncated(&it);
}

/* ---- Requests ---- */

#define REQ_SLOT(name, compact, field) SLOT(name, compact, request_headers_t, field)
static const header_slot_t request_slots[] = {
    REQ_SLOT("Authorization", 0, authorization),
    REQ_SLOT("Proxy-Authorization", 0, proxy_authorization),
    REQ_SLOT("Reason", 0, reason),
    REQ_SLOT("Event", 'o', event),
    REQ_SLOT("Expires", 0, expires),
    REQ_SLOT("Contact", 'm', contact),
    REQ_SLOT("Require", 0, require),
    REQ_SLOT("Proxy-Require", 0, proxy_require),
    REQ_SLOT("Supported", 'k', supported),
    REQ_SLOT("Session-Expires", 'x', session_expires),
    REQ_SLOT("Min-SE", 0, min_se),
    REQ_SLOT("Content-Type", 'c', content_type),
    REQ_SLOT("Content-Encoding", 'e', content_encoding),
    REQ_SLOT("Suppress-If-Match", 0, suppress_if_match),
    REQ_SLOT("X-Asterisk-HangupCause", 0, asterisk_cause),
    REQ_SLOT("X-Asterisk-HangupCauseCode", 0, asterisk_cause_code),
};

G_STATIC_ASSERT(G_N_ELEMENTS(request_slots) <= 32);   /* a slot_mask_t holds them */

/* Slots for expert info alone: the first three of request_slots. */
#define EXPERT_REQUEST_SLOTS (SLOT_BIT(0) | SLOT_BIT(1) | SLOT_BIT(2))

gboolean
request_carries_expert_headers(const sip_explain_message_t *msg)
{
    sip_header_iter_t it;
    sip_span_t n, v;
    guint32 letters = 0;
    size_t i;

    /* A pass that splits only lines starting as those names do. */
    for (i = 0; i < G_N_ELEMENTS(request_slots); i++)
        if (EXPERT_REQUEST_SLOTS & SLOT_BIT(i))
            letters |= request_slots[i].letters;
    sip_header_iter_init(&it, msg->text, &msg->start);
    sip_header_iter_filter(&it, letters);
    while (sip_header_next(&it, &n, &v))
        for (i = 0; i < G_N_ELEMENTS(request_slots); i++)
            if ((EXPERT_REQUEST_SLOTS & SLOT_BIT(i))
                && sip_header_name_is_n(n, request_slots[i].name, request_slots[i].len, request_slots[i].compact))
                return TRUE;
    return FALSE;
}

void
read_request_headers(const sip_explain_message_t *msg, request_headers_t *headers, gboolean expert_only)
{
    read_headers(msg, &headers->ids, headers, request_slots, G_N_ELEMENTS(request_slots),
                 expert_only ? EXPERT_REQUEST_SLOTS : ALL_SLOTS(request_slots));
}

/* ---- Responses ---- */

#define RESP_SLOT(i, name, compact, field) [i] = SLOT(name, compact, response_headers_t, field)
static const header_slot_t response_slots[] = {
    RESP_SLOT(RESPONSE_SLOT_CONTACT, "Contact", 'm', contact),
    RESP_SLOT(RESPONSE_SLOT_WWW_AUTH, "WWW-Authenticate", 0, www_auth),
    RESP_SLOT(RESPONSE_SLOT_PROXY_AUTH, "Proxy-Authenticate", 0, proxy_auth),
    RESP_SLOT(RESPONSE_SLOT_ALLOW, "Allow", 0, allow),
    RESP_SLOT(RESPONSE_SLOT_ACCEPT, "Accept", 0, accept),
    RESP_SLOT(RESPONSE_SLOT_ACCEPT_ENCODING, "Accept-Encoding", 0, accept_encoding),
    RESP_SLOT(RESPONSE_SLOT_ACCEPT_LANGUAGE, "Accept-Language", 0, accept_language),
    RESP_SLOT(RESPONSE_SLOT_UNSUPPORTED, "Unsupported", 0, unsupported),
    RESP_SLOT(RESPONSE_SLOT_REQUIRE, "Require", 0, require),
    RESP_SLOT(RESPONSE_SLOT_MIN_SE, "Min-SE", 0, min_se),
    RESP_SLOT(RESPONSE_SLOT_MIN_EXPIRES, "Min-Expires", 0, min_expires),
    RESP_SLOT(RESPONSE_SLOT_ALLOW_EVENTS, "Allow-Events", 'u', allow_events),
    RESP_SLOT(RESPONSE_SLOT_EXPIRES, "Expires", 0, expires),
    RESP_SLOT(RESPONSE_SLOT_RETRY_AFTER, "Retry-After", 0, retry_after),
    RESP_SLOT(RESPONSE_SLOT_WARNING, "Warning", 0, warning),
    RESP_SLOT(RESPONSE_SLOT_REASON, "Reason", 0, reason),
    RESP_SLOT(RESPONSE_SLOT_MS_DIAGNOSTICS, "ms-diagnostics", 0, ms_diagnostics),
    RESP_SLOT(RESPONSE_SLOT_MS_DIAGNOSTICS_PUBLIC, "ms-diagnostics-public", 0, ms_diagnostics_public),
    RESP_SLOT(RESPONSE_SLOT_ASTERISK_CAUSE, "X-Asterisk-HangupCause", 0, asterisk_cause),
    RESP_SLOT(RESPONSE_SLOT_ASTERISK_CAUSE_CODE, "X-Asterisk-HangupCauseCode", 0, asterisk_cause_code),
    RESP_SLOT(RESPONSE_SLOT_TWILIO_ERROR, "X-Twilio-Error", 0, twilio_error),
    RESP_SLOT(RESPONSE_SLOT_SERVER, "Server", 0, server),
    RESP_SLOT(RESPONSE_SLOT_USER_AGENT, "User-Agent", 0, user_agent),
};

G_STATIC_ASSERT(G_N_ELEMENTS(response_slots) == RESPONSE_SLOT_COUNT);
G_STATIC_ASSERT(RESPONSE_SLOT_COUNT <= 32);

/* The response slot of a header name (len bytes); -1 when none keeps it. */
static int
response_slot_of(const char *name, size_t len)
{
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(response_slots); i++)
        if (response_slots[i].len == len && g_ascii_strncasecmp(response_slots[i].name, name, len) == 0)
            return (int)i;
    return -1;
}

/* The names of a requirement of the table, one at a time: a header name,
 * or names joined by '|' of which one must be there ("Accept|Accept-Encoding").
 * *p: where the next name starts, NULL after the last. */
static gboolean
next_required_name(const char **p, const char **name, size_t *len)
{
    const char *bar;

    if (!*p)
        return FALSE;
    bar = strchr(*p, '|');
    *name = *p;
    *len = bar ? (size_t)(bar - *p) : strlen(*p);
    *p = bar ? bar + 1 : NULL;
    return TRUE;
}

slot_mask_t
response_required_slots(const sip_explain_entry_t *entry)
{
    slot_mask_t m = 0;
    size_t i, len;
    const char *p, *name;

    for (i = 0; entry && i < entry->n_requires; i++)
        for (p = entry->requires[i]; next_required_name(&p, &name, &len);) {
            int slot = response_slot_of(name, len);
            if (slot >= 0)
                m |= SLOT_BIT(slot);
        }
    return m;
}

void
read_response_headers(const sip_explain_message_t *msg, response_headers_t *headers, slot_mask_t wanted)
{
    headers->read = wanted;
    headers->too_many_lines = read_headers(msg, &headers->ids, headers, response_slots,
                                           G_N_ELEMENTS(response_slots), wanted);
}

gboolean
response_has_header(const response_headers_t *headers, const sip_explain_message_t *msg, const char *requirement)
{
    const char *p = requirement, *name;
    size_t len;

    while (next_required_name(&p, &name, &len)) {
        int slot = response_slot_of(name, len);
        gboolean read = slot >= 0 && (headers->read & SLOT_BIT(slot));

        if (read ? slot_values((void *)headers, &response_slots[slot])->total > 0
                 : message_has_header(msg, name, len))
            return TRUE;
    }
    return FALSE;
}

/* The letters the compiler made for each slot are those the header reader
 * computes (sip_header_letters); checked once, at registration. */
static gboolean
slot_letters_right(const header_slot_t *slots, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (slots[i].letters != sip_header_letters(slots[i].name, slots[i].compact))
            return FALSE;
    return TRUE;
}

gboolean
header_slot_tables_right(void)
{
    return slot_letters_right(request_slots, G_N_ELEMENTS(request_slots))
        && slot_letters_right(response_slots, G_N_ELEMENTS(response_slots))
        && TRANSACTION_LETTERS == (sip_header_letters("Call-ID", 'i') | sip_header_letters("CSeq", 0)
                                   | sip_header_letters("Via", 'v'));
}
