/* sip_explain_context.c
 * What a response says in its transaction:
 *  - the request it answers (sip_explain.request_frame, .request_method),
 *    from a per-capture record of what each request asked for;
 *  - context findings (sip_explain.context), one string per finding;
 *  - conformance checks as expert info, each citing its RFC section;
 *  - notes on malformed header values, which are shown as found but
 *    length-limited and never trusted.
 *
 * State: the request records (request_records.c), in file scope. A request
 * is recorded once: re-dissection (tshark -2, GUI clicks in any order) and
 * retransmissions add nothing, and a response links to the first copy
 * whichever frame was dissected first. Per message, all work is one pass
 * over the header lines (plus the values a finding reads) and allocates
 * only in pinfo->pool.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "context/sip_explain_context.h"

#include <stddef.h>
#include <string.h>

#include <epan/expert.h>
#include <epan/proto.h>
#include <ws_version.h>
#if WIRESHARK_VERSION_MAJOR > 4 || (WIRESHARK_VERSION_MAJOR == 4 && WIRESHARK_VERSION_MINOR >= 2)
/* 4.2 moved format_text() to wsutil and made it take char. */
#include <wsutil/str_util.h>
#define SPAN_FORMAT_TEXT(scope, p, n) format_text((scope), (p), (n))
#else
#include <epan/strutil.h>
#define SPAN_FORMAT_TEXT(scope, p, n) format_text((scope), (const guchar *)(p), (n))
#endif
#include <wsutil/wmem/wmem.h>

#include "context/request_records.h"
#include "parse/sip_values.h"

/* Longest value shown in a finding, in bytes, before an ellipsis. */
#define SPAN_TEXT_MAX 256
/* Most values of one header read per message (the rest are counted). */
#define MAX_REPEAT 16

static int hf_sip_explain_request_frame = -1;
static int hf_sip_explain_request_method = -1;
static int hf_sip_explain_context = -1;

static expert_field ei_sip_explain_context_missing_header = EI_INIT;
static expert_field ei_sip_explain_context_wrong_method = EI_INIT;
static expert_field ei_sip_explain_context_no_contact = EI_INIT;
static expert_field ei_sip_explain_context_malformed = EI_INIT;
static expert_field ei_sip_explain_context_repeated = EI_INIT;
static expert_field ei_sip_explain_context_rechallenge = EI_INIT;

/* ---- Small helpers ---- */

static sip_span_t
empty_span(void)
{
    sip_span_t s = { NULL, 0 };
    return s;
}

/* The value as found, printable, at most SPAN_TEXT_MAX bytes with an ellipsis. */
static const char *
span_text(wmem_allocator_t *scope, sip_span_t s)
{
    size_t n = MIN(s.len, (size_t)SPAN_TEXT_MAX);
    const char *text;

    if (!s.p || s.len == 0)
        return "";
    text = SPAN_FORMAT_TEXT(scope, s.p, n);
    if (s.len > SPAN_TEXT_MAX)
        return wmem_strconcat(scope, text, "\xe2\x80\xa6", NULL);
    return text;
}

/* The same, or NULL for an empty span: a request record keeps no text for
 * a value the request did not give. */
static const char *
span_text_or_null(wmem_allocator_t *scope, sip_span_t s)
{
    return s.len > 0 ? span_text(scope, s) : NULL;
}

/* Values of one header name in a message: the first MAX_REPEAT, and how many
 * lines carried it in all. */
typedef struct {
    sip_span_t v[MAX_REPEAT];
    unsigned n, total;
} header_values_t;

static void
header_values_add(header_values_t *m, sip_span_t v)
{
    if (m->n < MAX_REPEAT)
        m->v[m->n++] = v;
    m->total++;
}

/* The values joined with ", ", as found, length-limited. */
static const char *
header_values_joined(wmem_allocator_t *scope, const header_values_t *m)
{
    wmem_strbuf_t *buf;
    unsigned i;

    if (m->n == 1)
        return span_text(scope, m->v[0]);
    buf = wmem_strbuf_new(scope, "");
    for (i = 0; i < m->n && wmem_strbuf_get_len(buf) < SPAN_TEXT_MAX; i++) {
        if (i)
            wmem_strbuf_append(buf, ", ");
        wmem_strbuf_append(buf, span_text(scope, m->v[i]));
    }
    if (i < m->n || wmem_strbuf_get_len(buf) > SPAN_TEXT_MAX) {
        wmem_strbuf_truncate(buf, SPAN_TEXT_MAX);
        wmem_strbuf_append(buf, "\xe2\x80\xa6");
    }
    return wmem_strbuf_get_str(buf);
}

/* The same for a header_values_t as a single span (first value) for parsers. */
static sip_span_t
header_values_first(const header_values_t *m)
{
    return m->n ? m->v[0] : empty_span();
}

/* FNV-1a, continued from h over the span's bytes. */
static guint64
hash_span(guint64 h, sip_span_t s)
{
    size_t i;

    for (i = 0; i < s.len; i++) {
        h ^= (guint8)s.p[i];
        h *= G_GUINT64_CONSTANT(1099511628211);
    }
    h ^= 0xff;                          /* separates one part from the next */
    h *= G_GUINT64_CONSTANT(1099511628211);
    return h;
}

/* Call-ID + CSeq number + CSeq method, as a 64-bit hash (continued with
 * the top Via branch for the branch key): a key costs 8 bytes per
 * transaction whatever the Call-ID's length. A match is checked against the
 * record's CSeq and method. */
static guint64
transaction_hash(sip_span_t call_id, guint32 cseq, sip_span_t method)
{
    guint64 h = G_GUINT64_CONSTANT(1469598103934665603);
    char num[4];
    sip_span_t cseq_bytes;

    num[0] = (char)(cseq >> 24);
    num[1] = (char)(cseq >> 16);
    num[2] = (char)(cseq >> 8);
    num[3] = (char)cseq;
    cseq_bytes.p = num;
    cseq_bytes.len = sizeof num;
    h = hash_span(h, call_id);
    h = hash_span(h, cseq_bytes);
    return hash_span(h, method);
}

static sip_span_t
via_branch(sip_span_t via)
{
    sip_span_t branch;

    if (sip_first_item_param(via, "branch", &branch))
        return branch;
    return empty_span();
}

/* Compact forms of RFC 3261 section 7.3.3 and later RFCs. */
static char
compact_form(const char *name)
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
        if (g_ascii_strcasecmp(forms[i].name, name) == 0)
            return forms[i].c;
    return 0;
}

static gboolean
message_has_header(const sip_explain_message_t *msg, const char *name)
{
    sip_header_iter_t it;
    sip_span_t n, v;
    char compact = compact_form(name);

    sip_header_iter_init(&it, msg->text, &msg->start);
    while (sip_header_next(&it, &n, &v))
        if (sip_header_name_is(n, name, compact))
            return TRUE;
    return FALSE;
}

/* ---- Requests ---- */

/* The first Call-ID, CSeq and Via of a message: what matches a response to
 * its request. */
typedef struct {
    sip_span_t call_id, cseq, via;
} transaction_headers_t;

/* Takes the header when it is one of transaction_headers_t's; TRUE when it was. */
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
} header_slot_t;

#define SLOT(name, compact, set, field) { name, sizeof name - 1, compact, offsetof(set, field) }

/* A set of slots of one table, as bits (slot i: bit i). */
typedef guint32 slot_mask_t;
#define SLOT_BIT(i) ((slot_mask_t)1 << (i))
#define ALL_SLOTS(table) ((slot_mask_t)(SLOT_BIT(G_N_ELEMENTS(table) - 1) * 2 - 1))

static header_values_t *
slot_values(void *set, const header_slot_t *slot)
{
    return (header_values_t *)(void *)((char *)set + slot->offset);
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
    guint32 letters = sip_header_letters("Call-ID", 'i') | sip_header_letters("CSeq", 0)
                    | sip_header_letters("Via", 'v');

    /* Only the counts: a value is read only below its slot's count. */
    memset(ids, 0, sizeof *ids);
    wanted &= n_slots < 32 ? SLOT_BIT(n_slots) - 1 : ~(slot_mask_t)0;
    for (i = 0; i < n_slots; i++) {
        header_values_t *m = slot_values(set, &slots[i]);
        m->n = m->total = 0;
        if (wanted & SLOT_BIT(i))
            letters |= sip_header_letters(slots[i].name, slots[i].compact);
    }
    sip_header_iter_init(&it, msg->text, &msg->start);
    sip_header_iter_filter(&it, letters);
    while (sip_header_next(&it, &n, &v)) {
        slot_mask_t left;

        if (take_transaction_header(ids, n, v))
            continue;
        for (left = wanted; left; left &= left - 1) {
            const header_slot_t *slot = &slots[g_bit_nth_lsf(left, -1)];
            if (sip_header_name_is_n(n, slot->name, slot->len, slot->compact)) {
                header_values_add(slot_values(set, slot), v);
                break;
            }
        }
    }
    return sip_header_iter_truncated(&it);
}

typedef struct {
    transaction_headers_t ids;
    /* Read even for expert info alone: the re-challenge check and the
     * Reason of a CANCEL or BYE. */
    header_values_t authorization, proxy_authorization, reason;
    /* Read when the context is shown. */
    header_values_t event, expires, contact, require, proxy_require, supported, session_expires, min_se;
    header_values_t content_type, content_encoding, suppress_if_match;
} request_headers_t;

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
};

G_STATIC_ASSERT(G_N_ELEMENTS(request_slots) <= 32);   /* a slot_mask_t holds them */

/* Slots for expert info alone: the first three of request_slots. */
#define EXPERT_REQUEST_SLOTS (SLOT_BIT(0) | SLOT_BIT(1) | SLOT_BIT(2))

/* Does the request carry any header expert info alone reads? A pass that
 * splits only lines starting as those names do. */
static gboolean
carries_expert_headers(const sip_explain_message_t *msg)
{
    sip_header_iter_t it;
    sip_span_t n, v;
    guint32 letters = 0;
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(request_slots); i++)
        if (EXPERT_REQUEST_SLOTS & SLOT_BIT(i))
            letters |= sip_header_letters(request_slots[i].name, request_slots[i].compact);
    sip_header_iter_init(&it, msg->text, &msg->start);
    sip_header_iter_filter(&it, letters);
    while (sip_header_next(&it, &n, &v))
        for (i = 0; i < G_N_ELEMENTS(request_slots); i++)
            if ((EXPERT_REQUEST_SLOTS & SLOT_BIT(i))
                && sip_header_name_is_n(n, request_slots[i].name, request_slots[i].len, request_slots[i].compact))
                return TRUE;
    return FALSE;
}

static void
read_request_headers(const sip_explain_message_t *msg, request_headers_t *h, gboolean expert_only)
{
    read_headers(msg, &h->ids, h, request_slots, G_N_ELEMENTS(request_slots),
                 expert_only ? EXPERT_REQUEST_SLOTS : ALL_SLOTS(request_slots));
}

static gboolean
delta_of(const header_values_t *m, guint32 *out)
{
    uint32_t v;

    if (!m->n || sip_parse_delta(header_values_first(m), false, &v, NULL) != SIP_NUM_OK)
        return FALSE;
    *out = v;
    return TRUE;
}

/* The values joined, or NULL when the header is absent: what a request
 * record keeps. */
static const char *
header_values_joined_or_null(wmem_allocator_t *scope, const header_values_t *m)
{
    return m->n ? header_values_joined(scope, m) : NULL;
}

/* A transaction's keys, from its transaction_hash(): the hash closed, and
 * continued with the top Via branch (0 without one). */
static void
transaction_id(guint64 h, guint32 cseq, sip_span_t method, sip_span_t branch, request_id_t *id)
{
    id->cseq = cseq;
    id->cseq_method = method;
    id->key = hash_span(h, empty_span());
    id->branch = branch.len ? hash_span(h, branch) : 0;
}

/* Where a request stands: FALSE when it has no Call-ID or no valid CSeq. */
static gboolean
request_id_of(packet_info *pinfo, const sip_explain_message_t *msg, const transaction_headers_t *ids, request_id_t *id)
{
    guint32 cseq;
    sip_span_t method;

    if (!ids->call_id.p || !sip_text_parse_cseq(ids->cseq, &cseq, &method))
        return FALSE;
    transaction_id(transaction_hash(ids->call_id, cseq, method), cseq, method, via_branch(ids->via), id);
    id->frame = pinfo->num;
    id->offset = msg->offset;
    return TRUE;
}

/* Contact's expires parameter: the lowest of the first MAX_REPEAT items. */
static void
contact_expires_of(const header_values_t *contact, recorded_request_t *q)
{
    unsigned i;

    for (i = 0; i < contact->n; i++) {
        sip_list_iter_t it;
        sip_span_t item;
        unsigned items = 0;

        sip_list_init(&it, contact->v[i]);
        while (items++ < MAX_REPEAT && sip_list_next(&it, &item)) {
            sip_contact_t c;
            sip_parse_contact(item, &c);
            if (c.has_expires && c.expires_status == SIP_NUM_OK
                && (!q->has_contact_expires || c.expires < q->contact_expires)) {
                q->has_contact_expires = TRUE;
                q->contact_expires = c.expires;
            }
        }
    }
}

void
sip_explain_context_request(packet_info *pinfo, proto_tree *tree, const sip_explain_message_t *msg)
{
    /* tshark without a tree shows only expert info: keep only what it needs. */
    gboolean expert_only = !tree && sip_explain_output_fixed();
    request_headers_t h;
    request_id_t id;
    recorded_request_t q;

    if (msg->start.is_response || sip_span_equals(msg->start.method, "ACK"))
        return;                                 /* ACK is answered by nothing */
    if (expert_only && !carries_expert_headers(msg))
        return;
    read_request_headers(msg, &h, expert_only);
    if (!request_id_of(pinfo, msg, &h.ids, &id) || request_records_known(&id))
        return;

    memset(&q, 0, sizeof q);
    q.frame = pinfo->num;
    q.method = span_text(pinfo->pool, msg->start.method);
    q.reason = header_values_joined_or_null(pinfo->pool, &h.reason);
    if (h.authorization.n) {
        sip_challenge_t c;
        sip_parse_challenge(header_values_first(&h.authorization), &c);
        q.has_authorization = TRUE;
        q.auth_user = span_text_or_null(pinfo->pool, c.username);
        q.auth_realm = span_text_or_null(pinfo->pool, c.realm);
    }
    if (h.proxy_authorization.n) {
        sip_challenge_t c;
        sip_parse_challenge(header_values_first(&h.proxy_authorization), &c);
        q.has_proxy_authorization = TRUE;
        q.pauth_user = span_text_or_null(pinfo->pool, c.username);
        q.pauth_realm = span_text_or_null(pinfo->pool, c.realm);
    }
    if (!expert_only) {
        if (sip_span_equals(msg->start.method, "SUBSCRIBE"))
            q.uri = span_text(pinfo->pool, msg->start.request_uri);
        if (h.event.n)
            q.event = span_text(pinfo->pool, sip_event_package(header_values_first(&h.event)));
        q.has_expires = delta_of(&h.expires, &q.expires);
        contact_expires_of(&h.contact, &q);
        q.require = header_values_joined_or_null(pinfo->pool, &h.require);
        q.proxy_require = header_values_joined_or_null(pinfo->pool, &h.proxy_require);
        q.supported = header_values_joined_or_null(pinfo->pool, &h.supported);
        q.has_session_expires = delta_of(&h.session_expires, &q.session_expires);
        q.has_min_se = delta_of(&h.min_se, &q.min_se);
        q.content_type = header_values_joined_or_null(pinfo->pool, &h.content_type);
        q.content_encoding = header_values_joined_or_null(pinfo->pool, &h.content_encoding);
        q.suppress_if_match = header_values_joined_or_null(pinfo->pool, &h.suppress_if_match);
    }
    request_records_add(&id, &q);
}

/* The request a response answers (see request_records_find). via: the
 * response's top Via, or empty; its branch is read only when some request
 * of the transaction is recorded. */
static const recorded_request_t *
find_request(packet_info *pinfo, sip_span_t call_id, guint32 cseq, sip_span_t method, sip_span_t via)
{
    request_id_t id;
    guint64 h;

    if (!call_id.p)
        return NULL;
    h = transaction_hash(call_id, cseq, method);
    transaction_id(h, cseq, method, empty_span(), &id);
    if (!request_records_any(&id))
        return NULL;
    if (via.len)
        transaction_id(h, cseq, method, via_branch(via), &id);
    id.frame = pinfo->num;
    id.offset = 0;
    return request_records_find(pinfo->pool, &id);
}

/* ---- Responses ---- */

typedef struct {
    transaction_headers_t ids;
    header_values_t contact, www_auth, proxy_auth, allow, accept, accept_encoding, accept_language;
    header_values_t unsupported, require, min_se, min_expires, allow_events, expires;
    header_values_t retry_after, warning, reason;
    slot_mask_t read;                   /* the slots read */
    gboolean too_many_lines;
} response_headers_t;

enum {
    RESPONSE_SLOT_CONTACT, RESPONSE_SLOT_WWW_AUTH, RESPONSE_SLOT_PROXY_AUTH, RESPONSE_SLOT_ALLOW, RESPONSE_SLOT_ACCEPT, RESPONSE_SLOT_ACCEPT_ENCODING,
    RESPONSE_SLOT_ACCEPT_LANGUAGE, RESPONSE_SLOT_UNSUPPORTED, RESPONSE_SLOT_REQUIRE, RESPONSE_SLOT_MIN_SE, RESPONSE_SLOT_MIN_EXPIRES,
    RESPONSE_SLOT_ALLOW_EVENTS, RESPONSE_SLOT_EXPIRES, RESPONSE_SLOT_RETRY_AFTER, RESPONSE_SLOT_WARNING, RESPONSE_SLOT_REASON
};

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
};

G_STATIC_ASSERT(G_N_ELEMENTS(response_slots) <= 32);

/* The response slot of a header name, as a bit (0: none keeps it). */
static slot_mask_t
response_slot_of(const char *name)
{
    size_t i, len = strlen(name);

    for (i = 0; i < G_N_ELEMENTS(response_slots); i++)
        if (response_slots[i].len == len && g_ascii_strcasecmp(response_slots[i].name, name) == 0)
            return SLOT_BIT(i);
    return 0;
}

/* The slots expert info reads on a response with this code: Retry-After,
 * Warning and Reason on any code, the headers the table requires for it,
 * and the header its own checks parse (the rest only feed findings). */
static slot_mask_t
expert_response_slots(uint32_t code, const sip_explain_entry_t *e)
{
    slot_mask_t m = SLOT_BIT(RESPONSE_SLOT_RETRY_AFTER) | SLOT_BIT(RESPONSE_SLOT_WARNING) | SLOT_BIT(RESPONSE_SLOT_REASON);
    size_t i;

    for (i = 0; e && i < e->n_requires; i++)
        m |= response_slot_of(e->requires[i]);
    if (code >= 300 && code <= 399)
        m |= SLOT_BIT(RESPONSE_SLOT_CONTACT);
    switch (code) {
    case 401: m |= SLOT_BIT(RESPONSE_SLOT_WWW_AUTH); break;
    case 407: m |= SLOT_BIT(RESPONSE_SLOT_PROXY_AUTH); break;
    case 422: m |= SLOT_BIT(RESPONSE_SLOT_MIN_SE); break;
    case 423: m |= SLOT_BIT(RESPONSE_SLOT_MIN_EXPIRES); break;
    case 204: m |= SLOT_BIT(RESPONSE_SLOT_EXPIRES); break;
    default: break;
    }
    return m;
}

static void
read_response_headers(const sip_explain_message_t *msg, response_headers_t *h, slot_mask_t wanted)
{
    h->read = wanted;
    h->too_many_lines = read_headers(msg, &h->ids, h, response_slots, G_N_ELEMENTS(response_slots), wanted);
}

typedef struct {
    packet_info *pinfo;
    proto_tree *tree;
    proto_item *anchor;                 /* item expert infos hang on */
    const sip_explain_message_t *msg;
    const sip_explain_entry_t *entry;
    const sip_explain_context_opts_t *opts;
    const recorded_request_t *request; /* the request answered; NULL when not in the capture */
    uint32_t code;
    sip_span_t cseq_method;
    gboolean show_findings;             /* FALSE: only expert info is read */
    response_headers_t headers;         /* last: not zeroed with the rest */
} response_ctx_t;

/* One finding. span: the header value it is about (its bytes are
 * highlighted), or empty for a generated item. Returns the item (NULL
 * when findings are not shown). */
static proto_item * G_GNUC_PRINTF(3, 4)
add_finding(response_ctx_t *rc, sip_span_t span, const char *fmt, ...)
{
    proto_item *pi;
    va_list ap;
    char *text;
    int start = 0, len = 0;

    if (!rc->show_findings)
        return NULL;
    va_start(ap, fmt);
    text = wmem_strdup_vprintf(rc->pinfo->pool, fmt, ap);
    va_end(ap);
    if (span.p && span.p >= rc->msg->text && span.p + span.len <= rc->msg->text + rc->msg->len) {
        start = rc->msg->offset + (int)(span.p - rc->msg->text);
        len = (int)span.len;
    }
    pi = proto_tree_add_string(rc->tree, hf_sip_explain_context, rc->msg->tvb, start, len, text);
    if (len == 0)
        proto_item_set_generated(pi);
    return pi;
}

static proto_item *
expert_anchor(response_ctx_t *rc, proto_item *pi)
{
    return pi ? pi : rc->anchor;
}

/* A malformed value: a finding saying so and an expert note. */
static void G_GNUC_PRINTF(3, 4)
add_malformed(response_ctx_t *rc, sip_span_t span, const char *fmt, ...)
{
    va_list ap;
    char *text;
    proto_item *pi;

    va_start(ap, fmt);
    text = wmem_strdup_vprintf(rc->pinfo->pool, fmt, ap);
    va_end(ap);
    pi = add_finding(rc, span, "%s", text);
    expert_add_info_format(rc->pinfo, expert_anchor(rc, pi), &ei_sip_explain_context_malformed, "%s", text);
}

static void
note_repeated_header(response_ctx_t *rc, const header_values_t *m, const char *name)
{
    if (m->total > MAX_REPEAT)
        expert_add_info_format(rc->pinfo, rc->anchor, &ei_sip_explain_context_repeated,
                               "%s appears %u times; only the first %u are explained",
                               name, m->total, MAX_REPEAT);
}

/* The first sentence of a table text (the shared rule of summaries):
 * findings stay one line. */
static const char *
first_sentence(wmem_allocator_t *scope, const char *text)
{
    return text ? wmem_strndup(scope, text, sip_explain_first_sentence_len(text)) : "";
}

static const char *
seconds_text(wmem_allocator_t *scope, guint32 s)
{
    if (s >= 86400 && s % 3600 == 0)
        return wmem_strdup_printf(scope, "%u s (%u h)", s, s / 3600);
    if (s >= 3600)
        return wmem_strdup_printf(scope, "%u s (%.1f h)", s, s / 3600.0);
    if (s >= 120)
        return wmem_strdup_printf(scope, "%u s (%.1f min)", s, s / 60.0);
    return wmem_strdup_printf(scope, "%u s", s);
}

/* A delta-seconds header: its value, or a malformed note. */
static gboolean
read_delta_header(response_ctx_t *rc, const header_values_t *m, const char *name, guint32 *out)
{
    uint32_t v = 0;
    sip_num_status_t st;

    if (!m->n)
        return FALSE;
    st = sip_parse_delta(header_values_first(m), true, &v, NULL);
    if (st == SIP_NUM_OK) {
        *out = v;
        return TRUE;
    }
    if (st == SIP_NUM_OVERFLOW) {
        add_malformed(rc, header_values_first(m), "%s \"%s\" is larger than 2^32-1 seconds; read as %u",
                  name, span_text(rc->pinfo->pool, header_values_first(m)), v);
        *out = v;
        return TRUE;
    }
    add_malformed(rc, header_values_first(m), "%s \"%s\" is not a number of seconds (%s)", name,
              span_text(rc->pinfo->pool, header_values_first(m)), sip_num_status_name(st));
    return FALSE;
}

/* ---- Conformance ---- */

/* Is the header in the response? Read from the set for the names it keeps
 * and read, so most checks need no further pass over the headers. */
static gboolean
response_has_header(const response_ctx_t *rc, const char *name)
{
    size_t i, len = strlen(name);

    for (i = 0; i < G_N_ELEMENTS(response_slots); i++)
        if ((rc->headers.read & SLOT_BIT(i)) && response_slots[i].len == len
            && g_ascii_strcasecmp(response_slots[i].name, name) == 0)
            return slot_values((void *)&rc->headers, &response_slots[i])->total > 0;
    return message_has_header(rc->msg, name);
}

static void
check_conformance(response_ctx_t *rc)
{
    const sip_explain_entry_t *e = rc->entry;
    size_t i;

    if (!e)
        return;
    for (i = 0; i < e->n_requires; i++) {
        if (!response_has_header(rc, e->requires[i]))
            expert_add_info_format(rc->pinfo, rc->anchor, &ei_sip_explain_context_missing_header,
                                   "%u %s without %s, which %s requires",
                                   rc->code, e->reason ? e->reason : "response", e->requires[i],
                                   e->requires_ref ? e->requires_ref : "the RFC");
    }
    if (e->methods_ref && rc->cseq_method.len
        && !sip_explain_entry_answers_method(e, rc->cseq_method.p, rc->cseq_method.len)) {
        wmem_strbuf_t *list = wmem_strbuf_new(rc->pinfo->pool, "");
        for (i = 0; i < e->n_methods; i++)
            wmem_strbuf_append_printf(list, "%s%s", i ? ", " : "", e->methods[i]);
        expert_add_info_format(rc->pinfo, rc->anchor, &ei_sip_explain_context_wrong_method,
                               "%u %s answers a %s request, but %s limits it to %s",
                               rc->code, e->reason ? e->reason : "response",
                               span_text(rc->pinfo->pool, rc->cseq_method), e->methods_ref,
                               wmem_strbuf_get_str(list));
    }
    /* 3xx without Contact: RFC 3261 section 8.1.3.4 has the client retry at
     * the Contact URIs and section 21.3 says 301, 302 and 305 give them in
     * Contact; 380 describes alternatives in the body instead. A note, as
     * 300 only SHOULD list Contacts. Skipped where the table already
     * requires Contact for the code. */
    if (rc->code >= 300 && rc->code <= 399 && rc->code != 380 && rc->headers.contact.n == 0) {
        gboolean required = FALSE;
        for (i = 0; i < e->n_requires; i++)
            if (g_ascii_strcasecmp(e->requires[i], "Contact") == 0)
                required = TRUE;
        if (!required)
            expert_add_info_format(rc->pinfo, rc->anchor, &ei_sip_explain_context_no_contact,
                                   "%u redirect without Contact: the client has nowhere to retry "
                                   "(RFC 3261 sections 8.1.3.4 and 21.3)", rc->code);
    }
}

/* ---- Findings per code ---- */

typedef struct {
    sip_contact_t c;
    sip_span_t item;
} contact_item_t;

static void
explain_redirect(response_ctx_t *rc)
{
    contact_item_t items[MAX_REPEAT];
    unsigned n = 0, i, j, total = 0;

    if (rc->code == 380) {
        add_finding(rc, empty_span(), "Alternative services are described in the message body, not in Contact");
        return;
    }
    for (i = 0; i < rc->headers.contact.n; i++) {
        sip_list_iter_t it;
        sip_span_t item;

        sip_list_init(&it, rc->headers.contact.v[i]);
        while (sip_list_next(&it, &item)) {
            if (++total > 4 * MAX_REPEAT)
                break;
            if (n < MAX_REPEAT) {
                items[n].item = item;
                sip_parse_contact(item, &items[n].c);
                n++;
            }
        }
    }
    /* Stable sort by q, highest first (RFC 3261 section 8.1.3.4: try in
     * order of q-value). No q is q=1 for ordering. */
    for (i = 1; i < n; i++) {
        contact_item_t tmp = items[i];
        unsigned q = tmp.c.has_q && tmp.c.q_ok ? tmp.c.q_milli : 1000u;
        for (j = i; j > 0; j--) {
            const sip_contact_t *p = &items[j - 1].c;
            unsigned pq = p->has_q && p->q_ok ? p->q_milli : 1000u;
            if (pq >= q)
                break;
            items[j] = items[j - 1];
        }
        items[j] = tmp;
    }
    for (i = 0; i < n; i++) {
        const sip_contact_t *ct = &items[i].c;
        wmem_strbuf_t *extra = wmem_strbuf_new(rc->pinfo->pool, "");

        if (ct->star) {
            add_malformed(rc, items[i].item, "Contact \"*\" in a redirect names no target (RFC 3261 section 10.2.2 allows it only in REGISTER)");
            continue;
        }
        if (ct->has_q) {
            if (ct->q_ok)
                wmem_strbuf_append_printf(extra, ", q=%s", span_text(rc->pinfo->pool, ct->q_text));
            else
                add_malformed(rc, items[i].item, "Contact q-value \"%s\" is not 0 to 1 with at most three decimals (RFC 3261 section 20.10)",
                          span_text(rc->pinfo->pool, ct->q_text));
        }
        if (ct->has_expires) {
            if (ct->expires_status == SIP_NUM_OK)
                wmem_strbuf_append_printf(extra, ", valid for %s", seconds_text(rc->pinfo->pool, ct->expires));
            else
                add_malformed(rc, items[i].item, "Contact expires \"%s\" is not a number of seconds",
                          span_text(rc->pinfo->pool, items[i].item));
        }
        if (rc->code == 305)
            add_finding(rc, items[i].item, "Use the proxy %s for this request%s", span_text(rc->pinfo->pool, ct->uri),
                    wmem_strbuf_get_str(extra));
        else
            add_finding(rc, items[i].item, "Retry at %s (choice %u of %u%s)", span_text(rc->pinfo->pool, ct->uri),
                    i + 1, total, wmem_strbuf_get_str(extra));
    }
    if (total > n)
        add_finding(rc, empty_span(), "%u more Contact targets are not listed", total - n);
    note_repeated_header(rc, &rc->headers.contact, "Contact");
}

static void
explain_challenge(response_ctx_t *rc)
{
    gboolean proxy = rc->code == 407;
    const header_values_t *m = proxy ? &rc->headers.proxy_auth : &rc->headers.www_auth;
    const char *hname = proxy ? "Proxy-Authenticate" : "WWW-Authenticate";
    gboolean any_stale = FALSE;
    unsigned i;

    for (i = 0; i < m->n; i++) {
        sip_challenge_t ch;
        wmem_allocator_t *pool = rc->pinfo->pool;

        sip_parse_challenge(m->v[i], &ch);
        if (ch.has_stale && ch.stale)
            any_stale = TRUE;
        if (ch.scheme.len == 0) {
            add_malformed(rc, m->v[i], "%s is empty: no challenge to answer", hname);
            continue;
        }
        add_finding(rc, m->v[i], "Challenge: %s realm \"%s\", algorithm %s, qop %s%s", span_text(pool, ch.scheme),
                ch.realm.len ? span_text(pool, ch.realm) : "(none)",
                ch.algorithm.len ? span_text(pool, ch.algorithm) : "not given (MD5)",
                ch.qop.len ? span_text(pool, ch.qop) : "not given (RFC 2069 compatibility)",
                ch.has_stale ? (ch.stale ? ", stale=true" : ", stale=false") : "");
    }
    note_repeated_header(rc, m, hname);
    if (!rc->request) {
        add_finding(rc, empty_span(), "The request is not in the capture: cannot tell a first challenge from credentials that were refused");
        return;
    }
    if (proxy ? rc->request->has_proxy_authorization : rc->request->has_authorization) {
        const char *user = proxy ? rc->request->pauth_user : rc->request->auth_user;
        const char *realm = proxy ? rc->request->pauth_realm : rc->request->auth_realm;

        if (any_stale) {
            add_finding(rc, empty_span(), "The request (frame %u) carried credentials%s%s%s, but the nonce was stale (stale=true): "
                    "the password was accepted; resend with the new nonce", rc->request->frame,
                    user ? " for user \"" : "", user ? user : "", user ? "\"" : "");
        } else {
            proto_item *pi = add_finding(rc, empty_span(), "Challenged again after credentials: the request (frame %u) carried %s%s%s%s%s%s%s, "
                    "so the username, password or realm is wrong (not a stale nonce)", rc->request->frame,
                    proxy ? "Proxy-Authorization" : "Authorization",
                    user ? " for user \"" : "", user ? user : "", user ? "\"" : "",
                    realm ? " in realm \"" : "", realm ? realm : "", realm ? "\"" : "");
            expert_add_info_format(rc->pinfo, expert_anchor(rc, pi), &ei_sip_explain_context_rechallenge,
                                   "%u after credentials: wrong username, password or realm", rc->code);
        }
    } else {
        add_finding(rc, empty_span(), "First challenge: the request (frame %u) carried no %s; the client should resend it with credentials",
                rc->request->frame, proxy ? "Proxy-Authorization" : "Authorization");
    }
}

static void
explain_list(response_ctx_t *rc, const header_values_t *m, const char *fmt_has, const char *none)
{
    if (m->n)
        add_finding(rc, m->v[0], fmt_has, header_values_joined(rc->pinfo->pool, m));
    else if (none)
        add_finding(rc, empty_span(), "%s", none);
}

static gboolean
list_has(const header_values_t *m, sip_span_t token)
{
    unsigned i;

    for (i = 0; i < m->n; i++)
        if (sip_list_has_token(m->v[i], token.p, token.len))
            return TRUE;
    return FALSE;
}

static void
explain_405(response_ctx_t *rc)
{
    explain_list(rc, &rc->headers.allow, "Allowed methods: %s", NULL);
    if (rc->headers.allow.n && rc->cseq_method.len && !list_has(&rc->headers.allow, rc->cseq_method))
        add_finding(rc, empty_span(), "The request's method %s is not among them", span_text(rc->pinfo->pool, rc->cseq_method));
}

static void
explain_415(response_ctx_t *rc)
{
    explain_list(rc, &rc->headers.accept, "The server accepts bodies of type: %s", NULL);
    explain_list(rc, &rc->headers.accept_encoding, "The server accepts encodings: %s", NULL);
    explain_list(rc, &rc->headers.accept_language, "The server accepts languages: %s", NULL);
    if (!rc->headers.accept.n && !rc->headers.accept_encoding.n && !rc->headers.accept_language.n)
        add_finding(rc, empty_span(), "The response lists no Accept, Accept-Encoding or Accept-Language: it does not say what it takes");
    if (rc->request && rc->request->content_type)
        add_finding(rc, empty_span(), "The request sent Content-Type %s%s%s", rc->request->content_type,
                rc->request->content_encoding ? " with Content-Encoding " : "",
                rc->request->content_encoding ? rc->request->content_encoding : "");
}

static void
explain_420(response_ctx_t *rc)
{
    explain_list(rc, &rc->headers.unsupported, "The server does not support these option tags: %s", NULL);
    if (rc->request) {
        if (rc->request->require || rc->request->proxy_require)
            add_finding(rc, empty_span(), "The request demanded Require: %s; Proxy-Require: %s",
                    rc->request->require ? rc->request->require : "(none)",
                    rc->request->proxy_require ? rc->request->proxy_require : "(none)");
        else
            add_finding(rc, empty_span(), "The request (frame %u) had no Require or Proxy-Require", rc->request->frame);
    }
}

static void
explain_421(response_ctx_t *rc)
{
    explain_list(rc, &rc->headers.require, "The server requires these extensions: %s", NULL);
    if (rc->request)
        add_finding(rc, empty_span(), "The request's Supported: %s", rc->request->supported ? rc->request->supported : "(none)");
}

static void
explain_422(response_ctx_t *rc)
{
    guint32 min_se;
    gboolean has = read_delta_header(rc, &rc->headers.min_se, "Min-SE", &min_se);
    wmem_allocator_t *pool = rc->pinfo->pool;

    if (has)
        add_finding(rc, header_values_first(&rc->headers.min_se), "The smallest session interval accepted (Min-SE) is %s",
                seconds_text(pool, min_se));
    if (!rc->request)
        return;
    if (rc->request->has_session_expires)
        add_finding(rc, empty_span(), "The request asked for Session-Expires %s%s", seconds_text(pool, rc->request->session_expires),
                has ? (rc->request->session_expires < min_se ? ", below the minimum: raise it to at least Min-SE"
                                                        : ", not below Min-SE (the response is inconsistent)") : "");
    else
        add_finding(rc, empty_span(), "The request carried no Session-Expires");
    if (rc->request->has_min_se)
        add_finding(rc, empty_span(), "The request's own Min-SE was %s", seconds_text(pool, rc->request->min_se));
}

static void
explain_423(response_ctx_t *rc)
{
    guint32 min_exp;
    gboolean has = read_delta_header(rc, &rc->headers.min_expires, "Min-Expires", &min_exp);
    wmem_allocator_t *pool = rc->pinfo->pool;

    if (has)
        add_finding(rc, header_values_first(&rc->headers.min_expires), "The shortest expiration accepted (Min-Expires) is %s",
                seconds_text(pool, min_exp));
    if (!rc->request)
        return;
    if (rc->request->has_expires)
        add_finding(rc, empty_span(), "The request asked for Expires %s%s", seconds_text(pool, rc->request->expires),
                has && rc->request->expires < min_exp ? ", below the minimum: raise it to at least Min-Expires" : "");
    if (rc->request->has_contact_expires)
        add_finding(rc, empty_span(), "The request's Contact asked for expires=%s%s", seconds_text(pool, rc->request->contact_expires),
                has && rc->request->contact_expires < min_exp ? ", below the minimum" : "");
    if (!rc->request->has_expires && !rc->request->has_contact_expires)
        add_finding(rc, empty_span(), "The request gave no Expires: the server's default was too short for it");
}

static void
explain_489(response_ctx_t *rc)
{
    if (rc->request)
        add_finding(rc, empty_span(), "Event package asked for: %s", rc->request->event ? rc->request->event : "(no Event header)");
    explain_list(rc, &rc->headers.allow_events, "Event packages offered (Allow-Events): %s",
                 "The response lists no Allow-Events: it does not say which event packages it offers");
}

static void
explain_204(response_ctx_t *rc)
{
    guint32 exp;

    if (rc->request)
        add_finding(rc, empty_span(), "No NOTIFY will be sent for now: the subscription to %s at %s is in place, and the "
                "state has not changed since entity-tag %s; a NOTIFY follows when it changes",
                rc->request->event ? rc->request->event : "(no Event)", rc->request->uri,
                rc->request->suppress_if_match ? rc->request->suppress_if_match : "(no Suppress-If-Match)");
    else
        add_finding(rc, empty_span(), "No NOTIFY will be sent for now: the subscriber's state is current");
    if (read_delta_header(rc, &rc->headers.expires, "Expires", &exp))
        add_finding(rc, header_values_first(&rc->headers.expires), "The subscription lasts %s", seconds_text(rc->pinfo->pool, exp));
}

static void
explain_retry_after(response_ctx_t *rc)
{
    unsigned i;
    wmem_allocator_t *pool = rc->pinfo->pool;

    for (i = 0; i < rc->headers.retry_after.n; i++) {
        sip_retry_after_t ra;
        sip_span_t v = rc->headers.retry_after.v[i];

        sip_parse_retry_after(v, &ra);
        if (ra.status != SIP_NUM_OK && ra.status != SIP_NUM_OVERFLOW) {
            add_malformed(rc, v, "Retry-After \"%s\" is not a number of seconds (%s): no time to retry is given",
                      span_text(pool, v), sip_num_status_name(ra.status));
            continue;
        }
        if (ra.status == SIP_NUM_OVERFLOW)
            add_malformed(rc, v, "Retry-After \"%s\" is larger than 2^32-1 seconds", span_text(pool, v));
        add_finding(rc, v, "%s%s%s%s%s",
                ra.seconds == 0 ? "Retry now (Retry-After 0)"
                                : wmem_strdup_printf(pool, "Retry after %s", seconds_text(pool, ra.seconds)),
                ra.comment.len ? ": \"" : "", ra.comment.len ? span_text(pool, ra.comment) : "",
                ra.comment.len ? "\"" : "",
                ra.has_duration && ra.duration_status == SIP_NUM_OK
                    ? wmem_strdup_printf(pool, "; available for %s from then", seconds_text(pool, ra.duration)) : "");
        if (ra.has_duration && ra.duration_status != SIP_NUM_OK)
            add_malformed(rc, v, "Retry-After duration in \"%s\" is not a number of seconds", span_text(pool, v));
    }
    note_repeated_header(rc, &rc->headers.retry_after, "Retry-After");
    if (rc->headers.retry_after.n == 0) {
        switch (rc->code) {
        case 503:
            add_finding(rc, empty_span(), "No Retry-After: the client should treat this 503 like a 500 and try another server (RFC 3261 section 21.5.4)");
            break;
        case 480: case 486: case 600: case 603:
            add_finding(rc, empty_span(), "No Retry-After: the server gives no time at which to call again");
            break;
        default:
            break;
        }
    }
}

static void
explain_warnings(response_ctx_t *rc)
{
    unsigned i, items = 0;
    wmem_allocator_t *pool = rc->pinfo->pool;

    for (i = 0; i < rc->headers.warning.n; i++) {
        sip_list_iter_t it;
        sip_span_t item;

        sip_list_init(&it, rc->headers.warning.v[i]);
        while (items < MAX_REPEAT && sip_list_next(&it, &item)) {
            sip_warning_t w;
            const sip_explain_code_text_t *row;

            items++;
            sip_parse_warning(item, &w);
            if (!w.code_ok) {
                add_malformed(rc, item, "Warning code \"%s\" is not three digits (RFC 3261 section 20.43)",
                          span_text(pool, w.code_text));
                continue;
            }
            row = sip_explain_lookup_warn(w.code);
            if (!row) {
                add_malformed(rc, item, "Warning %03d from %s: \"%s\" - warn-code outside 300-399, not a SIP warning (RFC 3261 section 20.43)",
                          w.code, span_text(pool, w.agent), span_text(pool, w.text));
                continue;
            }
            if (w.agent.len == 0 || !w.text_quoted)
                add_malformed(rc, item, "Warning \"%s\" lacks a warn-agent or a quoted warn-text (RFC 3261 section 20.43)",
                          span_text(pool, item));
            add_finding(rc, item, "Warning %03d from %s: \"%s\" - %s%s%s", w.code, span_text(pool, w.agent), span_text(pool, w.text),
                    row->reason ? row->reason : "unregistered warn-code",
                    row->description ? ": " : "", first_sentence(pool, row->description));
        }
    }
    note_repeated_header(rc, &rc->headers.warning, "Warning");
}

/* One Reason value (RFC 3326 section 2); where: "" or " on the BYE ...". */
static void
explain_reason_value(response_ctx_t *rc, sip_span_t span, sip_span_t value, const char *where)
{
    sip_list_iter_t it;
    sip_span_t item;
    unsigned items = 0;
    wmem_allocator_t *pool = rc->pinfo->pool;

    sip_list_init(&it, value);
    while (items++ < MAX_REPEAT && sip_list_next(&it, &item)) {
        sip_reason_t r;
        const char *text;

        sip_parse_reason(item, &r);
        text = r.text.len ? wmem_strdup_printf(pool, " (text \"%s\")", span_text(pool, r.text)) : "";
        if (!r.has_cause) {
            add_malformed(rc, span, "Reason%s \"%s\" has no cause parameter: nothing to explain (RFC 3326 section 2)",
                      where, span_text(pool, item));
            continue;
        }
        if (r.cause_status != SIP_NUM_OK) {
            add_malformed(rc, span, "Reason%s cause \"%s\" is not a number (RFC 3326 section 2)", where,
                      span_text(pool, r.cause_text));
            continue;
        }
        if (sip_span_equals_nocase(r.protocol, "Q.850")) {
            const sip_explain_code_text_t *row = sip_explain_lookup_q850(r.cause);
            if (!row) {
                add_malformed(rc, span, "Reason%s Q.850 cause %u is outside 0-127", where, r.cause);
                continue;
            }
            add_finding(rc, span, "Reason%s: Q.850 cause %u, %s%s%s%s", where, r.cause,
                    row->reason ? row->reason : "unassigned cause", text,
                    row->description ? ": " : "", first_sentence(pool, row->description));
        } else if (sip_span_equals_nocase(r.protocol, "SIP")) {
            const sip_explain_entry_t *e = r.cause >= 100 && r.cause <= 699 ? sip_explain_resolve(rc->opts->overrides, r.cause) : NULL;
            if (!e) {
                add_malformed(rc, span, "Reason%s SIP cause %u is not a SIP status code", where, r.cause);
                continue;
            }
            add_finding(rc, span, "Reason%s: SIP cause %u %s%s: %s", where, r.cause,
                    e->reason ? e->reason : "(unregistered)", text, sip_explain_text(e->summary, rc->opts->lang));
        } else {
            add_finding(rc, span, "Reason%s: protocol %s, cause %u%s", where, span_text(pool, r.protocol), r.cause, text);
        }
    }
}

static void
explain_reasons(response_ctx_t *rc)
{
    unsigned i;

    for (i = 0; i < rc->headers.reason.n; i++)
        explain_reason_value(rc, rc->headers.reason.v[i], rc->headers.reason.v[i], "");
    note_repeated_header(rc, &rc->headers.reason, "Reason");
    /* The Reason of the CANCEL or BYE this response answers. */
    if (rc->request && rc->request->reason) {
        sip_span_t v;
        v.p = rc->request->reason;
        v.len = strlen(rc->request->reason);
        explain_reason_value(rc, empty_span(), v,
                             wmem_strdup_printf(rc->pinfo->pool, " on the %s in frame %u", rc->request->method, rc->request->frame));
    }
}

/* A 487 to an INVITE: the CANCEL that ended it may say why. */
static void
explain_cancel_reason(response_ctx_t *rc, guint32 cseq)
{
    const recorded_request_t *cancel;
    sip_span_t m = { "CANCEL", 6 };
    sip_span_t v;

    if (rc->code != 487 || !sip_span_equals(rc->cseq_method, "INVITE"))
        return;
    cancel = find_request(rc->pinfo, rc->headers.ids.call_id, cseq, m, empty_span());
    if (!cancel) {
        return;
    }
    add_finding(rc, empty_span(), "Ended by the CANCEL in frame %u", cancel->frame);
    if (cancel->reason) {
        v.p = cancel->reason;
        v.len = strlen(cancel->reason);
        explain_reason_value(rc, empty_span(), v,
                             wmem_strdup_printf(rc->pinfo->pool, " on the CANCEL in frame %u", cancel->frame));
    }
}

static gboolean
linkage_needed(proto_tree *tree)
{
    return sip_explain_field_shown(tree, hf_sip_explain_request_frame) || sip_explain_field_shown(tree, hf_sip_explain_request_method);
}

static gboolean
findings_needed(proto_tree *tree, const sip_explain_context_opts_t *opts)
{
    return opts->findings
        && (!tree || sip_explain_field_shown(tree, hf_sip_explain_context)
            || sip_explain_expert_wanted(tree));
}

gboolean
sip_explain_context_needed(proto_tree *tree, const sip_explain_context_opts_t *opts)
{
    return linkage_needed(tree) || findings_needed(tree, opts);
}

void
sip_explain_context_response(packet_info *pinfo, proto_tree *tree, proto_item *code_item,
                             const sip_explain_message_t *msg, const sip_explain_entry_t *entry,
                             const sip_explain_context_opts_t *opts)
{
    response_ctx_t *rc;
    guint32 cseq = 0;
    gboolean have_cseq;
    proto_item *pi;
    gboolean findings = findings_needed(tree, opts);

    if (!findings && !linkage_needed(tree))
        return;
    rc = wmem_new(pinfo->pool, response_ctx_t);
    memset(rc, 0, offsetof(response_ctx_t, headers)); /* headers: read_response_headers() */
    rc->pinfo = pinfo;
    rc->tree = tree;
    rc->anchor = code_item;
    rc->msg = msg;
    rc->entry = entry;
    rc->opts = opts;
    rc->code = msg->start.code;
    /* Findings only where they are shown; expert info reads fewer headers. */
    rc->show_findings = tree && findings && sip_explain_field_shown(tree, hf_sip_explain_context);
    read_response_headers(msg, &rc->headers, rc->show_findings ? ALL_SLOTS(response_slots)
                                                       : expert_response_slots(rc->code, entry));
    have_cseq = sip_text_parse_cseq(rc->headers.ids.cseq, &cseq, &rc->cseq_method);
    if (!have_cseq)
        rc->cseq_method = empty_span();
    if (have_cseq)
        rc->request = find_request(pinfo, rc->headers.ids.call_id, cseq, rc->cseq_method, rc->headers.ids.via);

    /* Linkage: always, whatever the context preference says. */
    if (tree) {
        if (rc->request) {
            pi = proto_tree_add_uint(tree, hf_sip_explain_request_frame, msg->tvb, 0, 0, rc->request->frame);
            proto_item_set_generated(pi);
            pi = proto_tree_add_string(tree, hf_sip_explain_request_method, msg->tvb, 0, 0, rc->request->method);
            proto_item_set_generated(pi);
        } else if (have_cseq) {
            /* The request is not in the capture: its method is the CSeq's. */
            pi = proto_tree_add_string(tree, hf_sip_explain_request_method, msg->tvb,
                                       msg->offset + (int)(rc->cseq_method.p - msg->text),
                                       (int)rc->cseq_method.len, span_text(pinfo->pool, rc->cseq_method));
            (void)pi;
        }
    }
    /* Findings and checks only where someone will read them: a shown tree,
     * a filter or column naming sip_explain.context, or expert info. */
    if (!findings)
        return;

    if (rc->headers.too_many_lines)
        expert_add_info_format(pinfo, code_item, &ei_sip_explain_context_repeated,
                               "More than %u header lines: the rest are not read", SIP_TEXT_MAX_HEADERS);
    check_conformance(rc);

    if (rc->code >= 300 && rc->code <= 399)
        explain_redirect(rc);
    switch (rc->code) {
    case 401: case 407: explain_challenge(rc); break;
    case 405: explain_405(rc); break;
    case 415: explain_415(rc); break;
    case 420: explain_420(rc); break;
    case 421: explain_421(rc); break;
    case 422: explain_422(rc); break;
    case 423: explain_423(rc); break;
    case 489: explain_489(rc); break;
    case 204: explain_204(rc); break;
    default: break;
    }
    if (have_cseq)
        explain_cancel_reason(rc, cseq);
    explain_retry_after(rc);
    explain_warnings(rc);
    explain_reasons(rc);
}

void
sip_explain_context_register(int proto)
{
    static hf_register_info hf[] = {
        { &hf_sip_explain_request_frame, { "Request in frame", "sip_explain.request_frame", FT_FRAMENUM, BASE_NONE,
            FRAMENUM_TYPE(FT_FRAMENUM_REQUEST), 0x0,
            "The frame of the request this response answers (first copy of a retransmitted request)", HFILL } },
        { &hf_sip_explain_request_method, { "Request method", "sip_explain.request_method", FT_STRING, BASE_NONE, NULL, 0x0,
            "The method of the request this response answers", HFILL } },
        { &hf_sip_explain_context, { "Context", "sip_explain.context", FT_STRING, BASE_NONE, NULL, 0x0,
            "A finding from this response and its request, in plain words with the values found", HFILL } },
    };
    static ei_register_info ei[] = {
        { &ei_sip_explain_context_missing_header, { "sip_explain.context.missing_header", PI_PROTOCOL, PI_WARN,
            "A header the RFC requires for this status code is missing", EXPFILL } },
        { &ei_sip_explain_context_wrong_method, { "sip_explain.context.wrong_method", PI_PROTOCOL, PI_WARN,
            "The status code answers a method that cannot receive it", EXPFILL } },
        { &ei_sip_explain_context_no_contact, { "sip_explain.context.no_contact", PI_PROTOCOL, PI_NOTE,
            "A redirection response without Contact", EXPFILL } },
        { &ei_sip_explain_context_malformed, { "sip_explain.context.malformed", PI_MALFORMED, PI_NOTE,
            "A header value is malformed; it is shown as found and not trusted", EXPFILL } },
        { &ei_sip_explain_context_repeated, { "sip_explain.context.repeated", PI_PROTOCOL, PI_NOTE,
            "A header is repeated more often than is explained", EXPFILL } },
        { &ei_sip_explain_context_rechallenge, { "sip_explain.context.rechallenge", PI_SEQUENCE, PI_WARN,
            "Challenged again after credentials were sent", EXPFILL } },
    };
    expert_module_t *expert;

    proto_register_field_array(proto, hf, array_length(hf));
    expert = expert_register_protocol(proto);
    expert_register_field_array(expert, ei, array_length(ei));
    register_init_routine(request_records_init);
    register_cleanup_routine(request_records_cleanup);
}
