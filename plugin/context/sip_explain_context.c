/* sip_explain_context.c
 * What a response says in its transaction (issue 3):
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
#define SHOW_FORMAT_TEXT(scope, p, n) format_text((scope), (p), (n))
#else
#include <epan/strutil.h>
#define SHOW_FORMAT_TEXT(scope, p, n) format_text((scope), (const guchar *)(p), (n))
#endif
#include <wsutil/wmem/wmem.h>

#include "context/request_records.h"
#include "parse/sip_values.h"

/* Longest value shown in a finding, in bytes, before an ellipsis. */
#define SHOW_MAX 256
/* Most values of one header read per message (the rest are counted). */
#define MAX_REPEAT 16

static int hf_request_frame = -1;
static int hf_request_method = -1;
static int hf_context = -1;

static expert_field ei_missing_header = EI_INIT;
static expert_field ei_wrong_method = EI_INIT;
static expert_field ei_no_contact = EI_INIT;
static expert_field ei_malformed_value = EI_INIT;
static expert_field ei_repeated = EI_INIT;
static expert_field ei_rechallenge = EI_INIT;

/* ---- Small helpers ---- */

static sip_span_t
empty_span(void)
{
    sip_span_t s = { NULL, 0 };
    return s;
}

/* The value as found, printable, at most SHOW_MAX bytes with an ellipsis. */
static const char *
show(wmem_allocator_t *scope, sip_span_t s)
{
    size_t n = MIN(s.len, (size_t)SHOW_MAX);
    const char *text;

    if (!s.p || s.len == 0)
        return "";
    text = SHOW_FORMAT_TEXT(scope, s.p, n);
    if (s.len > SHOW_MAX)
        return wmem_strconcat(scope, text, "\xe2\x80\xa6", NULL);
    return text;
}

/* Same, for a request record (which keeps its own copy). NULL for no value. */
static const char *
keep(packet_info *pinfo, sip_span_t s, gboolean present)
{
    return present ? show(pinfo->pool, s) : NULL;
}

/* Values of one header name in a message: the first MAX_REPEAT, and how many
 * lines carried it in all. */
typedef struct {
    sip_span_t v[MAX_REPEAT];
    unsigned n, total;
} multi_t;

static void
multi_add(multi_t *m, sip_span_t v)
{
    if (m->n < MAX_REPEAT)
        m->v[m->n++] = v;
    m->total++;
}

/* The values joined with ", ", as found, length-limited. */
static const char *
joined(wmem_allocator_t *scope, const multi_t *m)
{
    wmem_strbuf_t *buf;
    unsigned i;

    if (m->n == 1)
        return show(scope, m->v[0]);
    buf = wmem_strbuf_new(scope, "");
    for (i = 0; i < m->n && wmem_strbuf_get_len(buf) < SHOW_MAX; i++) {
        if (i)
            wmem_strbuf_append(buf, ", ");
        wmem_strbuf_append(buf, show(scope, m->v[i]));
    }
    if (i < m->n || wmem_strbuf_get_len(buf) > SHOW_MAX) {
        wmem_strbuf_truncate(buf, SHOW_MAX);
        wmem_strbuf_append(buf, "\xe2\x80\xa6");
    }
    return wmem_strbuf_get_str(buf);
}

/* The same for a multi_t as a single span (first value) for parsers. */
static sip_span_t
first_of(const multi_t *m)
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
} msg_ids_t;

/* Takes the header when it is one of msg_ids_t's; TRUE when it was. */
static gboolean
take_ids(msg_ids_t *ids, sip_span_t name, sip_span_t value)
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
    size_t offset;          /* of its multi_t in the set */
} header_slot_t;

#define SLOT(name, compact, set, field) { name, sizeof name - 1, compact, offsetof(set, field) }

/* A set of slots of one table, as bits (slot i: bit i). */
typedef guint32 slot_mask_t;
#define SLOT_BIT(i) ((slot_mask_t)1 << (i))
#define ALL_SLOTS(table) ((slot_mask_t)(SLOT_BIT(G_N_ELEMENTS(table) - 1) * 2 - 1))

static multi_t *
slot_values(void *set, const header_slot_t *slot)
{
    return (multi_t *)(void *)((char *)set + slot->offset);
}

/* Reads a message's headers into a set: the ids, then the values of each
 * header a wanted slot names; lines starting with other letters are not
 * even split. The counts of the other slots stay 0. TRUE when the
 * header-line limit cut it short. */
static gboolean
read_headers(const sip_explain_message_t *msg, msg_ids_t *ids, void *set,
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
        multi_t *m = slot_values(set, &slots[i]);
        m->n = m->total = 0;
        if (wanted & SLOT_BIT(i))
            letters |= sip_header_letters(slots[i].name, slots[i].compact);
    }
    sip_header_iter_init(&it, msg->text, &msg->start);
    sip_header_iter_filter(&it, letters);
    while (sip_header_next(&it, &n, &v)) {
        slot_mask_t left;

        if (take_ids(ids, n, v))
            continue;
        for (left = wanted; left; left &= left - 1) {
            const header_slot_t *slot = &slots[g_bit_nth_lsf(left, -1)];
            if (sip_header_name_is_n(n, slot->name, slot->len, slot->compact)) {
                multi_add(slot_values(set, slot), v);
                break;
            }
        }
    }
    return sip_header_iter_truncated(&it);
}

typedef struct {
    msg_ids_t ids;
    /* Read even for expert info alone: the re-challenge check and the
     * Reason of a CANCEL or BYE. */
    multi_t authorization, proxy_authorization, reason;
    /* Read when the context is shown. */
    multi_t event, expires, contact, require, proxy_require, supported, session_expires, min_se;
    multi_t content_type, content_encoding, suppress_if_match;
} req_headers_t;

#define REQ_SLOT(name, compact, field) SLOT(name, compact, req_headers_t, field)
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
read_request_headers(const sip_explain_message_t *msg, req_headers_t *h, gboolean expert_only)
{
    read_headers(msg, &h->ids, h, request_slots, G_N_ELEMENTS(request_slots),
                 expert_only ? EXPERT_REQUEST_SLOTS : ALL_SLOTS(request_slots));
}

static gboolean
delta_of(const multi_t *m, guint32 *out)
{
    uint32_t v;

    if (!m->n || sip_parse_delta(first_of(m), false, &v, NULL) != SIP_NUM_OK)
        return FALSE;
    *out = v;
    return TRUE;
}

static const char *
keep_joined(packet_info *pinfo, const multi_t *m)
{
    return m->n ? joined(pinfo->pool, m) : NULL;
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
request_id_of(packet_info *pinfo, const sip_explain_message_t *msg, const msg_ids_t *ids, request_id_t *id)
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
contact_expires_of(const multi_t *contact, ctx_request_t *q)
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
    req_headers_t h;
    request_id_t id;
    ctx_request_t q;

    if (msg->start.is_response || sip_span_equals(msg->start.method, "ACK"))
        return;                                 /* ACK is answered by nothing */
    if (expert_only && !carries_expert_headers(msg))
        return;
    read_request_headers(msg, &h, expert_only);
    if (!request_id_of(pinfo, msg, &h.ids, &id) || request_records_known(&id))
        return;

    memset(&q, 0, sizeof q);
    q.frame = pinfo->num;
    q.method = keep(pinfo, msg->start.method, TRUE);
    q.reason = keep_joined(pinfo, &h.reason);
    if (h.authorization.n) {
        sip_challenge_t c;
        sip_parse_challenge(first_of(&h.authorization), &c);
        q.has_authorization = TRUE;
        q.auth_user = keep(pinfo, c.username, c.username.len > 0);
        q.auth_realm = keep(pinfo, c.realm, c.realm.len > 0);
    }
    if (h.proxy_authorization.n) {
        sip_challenge_t c;
        sip_parse_challenge(first_of(&h.proxy_authorization), &c);
        q.has_proxy_authorization = TRUE;
        q.pauth_user = keep(pinfo, c.username, c.username.len > 0);
        q.pauth_realm = keep(pinfo, c.realm, c.realm.len > 0);
    }
    if (!expert_only) {
        if (sip_span_equals(msg->start.method, "SUBSCRIBE"))
            q.uri = keep(pinfo, msg->start.request_uri, TRUE);
        if (h.event.n)
            q.event = keep(pinfo, sip_event_package(first_of(&h.event)), TRUE);
        q.has_expires = delta_of(&h.expires, &q.expires);
        contact_expires_of(&h.contact, &q);
        q.require = keep_joined(pinfo, &h.require);
        q.proxy_require = keep_joined(pinfo, &h.proxy_require);
        q.supported = keep_joined(pinfo, &h.supported);
        q.has_session_expires = delta_of(&h.session_expires, &q.session_expires);
        q.has_min_se = delta_of(&h.min_se, &q.min_se);
        q.content_type = keep_joined(pinfo, &h.content_type);
        q.content_encoding = keep_joined(pinfo, &h.content_encoding);
        q.suppress_if_match = keep_joined(pinfo, &h.suppress_if_match);
    }
    request_records_add(&id, &q);
}

/* The request a response answers (see request_records_find). via: the
 * response's top Via, or empty; its branch is read only when some request
 * of the transaction is recorded. */
static const ctx_request_t *
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
    msg_ids_t ids;
    multi_t contact, www_auth, proxy_auth, allow, accept, accept_encoding, accept_language;
    multi_t unsupported, require, min_se, min_expires, allow_events, expires;
    multi_t retry_after, warning, reason;
    slot_mask_t read;                   /* the slots read */
    gboolean too_many_lines;
} resp_headers_t;

enum {
    RS_CONTACT, RS_WWW_AUTH, RS_PROXY_AUTH, RS_ALLOW, RS_ACCEPT, RS_ACCEPT_ENCODING,
    RS_ACCEPT_LANGUAGE, RS_UNSUPPORTED, RS_REQUIRE, RS_MIN_SE, RS_MIN_EXPIRES,
    RS_ALLOW_EVENTS, RS_EXPIRES, RS_RETRY_AFTER, RS_WARNING, RS_REASON
};

#define RESP_SLOT(i, name, compact, field) [i] = SLOT(name, compact, resp_headers_t, field)
static const header_slot_t response_slots[] = {
    RESP_SLOT(RS_CONTACT, "Contact", 'm', contact),
    RESP_SLOT(RS_WWW_AUTH, "WWW-Authenticate", 0, www_auth),
    RESP_SLOT(RS_PROXY_AUTH, "Proxy-Authenticate", 0, proxy_auth),
    RESP_SLOT(RS_ALLOW, "Allow", 0, allow),
    RESP_SLOT(RS_ACCEPT, "Accept", 0, accept),
    RESP_SLOT(RS_ACCEPT_ENCODING, "Accept-Encoding", 0, accept_encoding),
    RESP_SLOT(RS_ACCEPT_LANGUAGE, "Accept-Language", 0, accept_language),
    RESP_SLOT(RS_UNSUPPORTED, "Unsupported", 0, unsupported),
    RESP_SLOT(RS_REQUIRE, "Require", 0, require),
    RESP_SLOT(RS_MIN_SE, "Min-SE", 0, min_se),
    RESP_SLOT(RS_MIN_EXPIRES, "Min-Expires", 0, min_expires),
    RESP_SLOT(RS_ALLOW_EVENTS, "Allow-Events", 'u', allow_events),
    RESP_SLOT(RS_EXPIRES, "Expires", 0, expires),
    RESP_SLOT(RS_RETRY_AFTER, "Retry-After", 0, retry_after),
    RESP_SLOT(RS_WARNING, "Warning", 0, warning),
    RESP_SLOT(RS_REASON, "Reason", 0, reason),
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
    slot_mask_t m = SLOT_BIT(RS_RETRY_AFTER) | SLOT_BIT(RS_WARNING) | SLOT_BIT(RS_REASON);
    size_t i;

    for (i = 0; e && i < e->n_requires; i++)
        m |= response_slot_of(e->requires[i]);
    if (code >= 300 && code <= 399)
        m |= SLOT_BIT(RS_CONTACT);
    switch (code) {
    case 401: m |= SLOT_BIT(RS_WWW_AUTH); break;
    case 407: m |= SLOT_BIT(RS_PROXY_AUTH); break;
    case 422: m |= SLOT_BIT(RS_MIN_SE); break;
    case 423: m |= SLOT_BIT(RS_MIN_EXPIRES); break;
    case 204: m |= SLOT_BIT(RS_EXPIRES); break;
    default: break;
    }
    return m;
}

static void
read_response_headers(const sip_explain_message_t *msg, resp_headers_t *h, slot_mask_t wanted)
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
    const ctx_request_t *req;
    uint32_t code;
    sip_span_t cseq_method;
    gboolean show_findings;             /* FALSE: only expert info is read */
    resp_headers_t h;                   /* last: not zeroed with the rest */
} ctx_t;

/* One finding. span: the header value it is about (its bytes are
 * highlighted), or empty for a generated item. Returns the item (NULL
 * when findings are not shown). */
static proto_item * G_GNUC_PRINTF(3, 4)
finding(ctx_t *c, sip_span_t span, const char *fmt, ...)
{
    proto_item *pi;
    va_list ap;
    char *text;
    int start = 0, len = 0;

    if (!c->show_findings)
        return NULL;
    va_start(ap, fmt);
    text = wmem_strdup_vprintf(c->pinfo->pool, fmt, ap);
    va_end(ap);
    if (span.p && span.p >= c->msg->text && span.p + span.len <= c->msg->text + c->msg->len) {
        start = c->msg->offset + (int)(span.p - c->msg->text);
        len = (int)span.len;
    }
    pi = proto_tree_add_string(c->tree, hf_context, c->msg->tvb, start, len, text);
    if (len == 0)
        proto_item_set_generated(pi);
    return pi;
}

static proto_item *
anchor_of(ctx_t *c, proto_item *pi)
{
    return pi ? pi : c->anchor;
}

/* A malformed value: a finding saying so and an expert note. */
static void G_GNUC_PRINTF(3, 4)
malformed(ctx_t *c, sip_span_t span, const char *fmt, ...)
{
    va_list ap;
    char *text;
    proto_item *pi;

    va_start(ap, fmt);
    text = wmem_strdup_vprintf(c->pinfo->pool, fmt, ap);
    va_end(ap);
    pi = finding(c, span, "%s", text);
    expert_add_info_format(c->pinfo, anchor_of(c, pi), &ei_malformed_value, "%s", text);
}

static void
note_repeats(ctx_t *c, const multi_t *m, const char *name)
{
    if (m->total > MAX_REPEAT)
        expert_add_info_format(c->pinfo, c->anchor, &ei_repeated,
                               "%s appears %u times; only the first %u are explained",
                               name, m->total, MAX_REPEAT);
}

/* The first sentence of a table text: findings stay one line. */
static const char *
first_sentence(wmem_allocator_t *scope, const char *text)
{
    const char *end;

    if (!text)
        return "";
    end = strstr(text, ". ");
    return end ? wmem_strndup(scope, text, (size_t)(end - text) + 1) : text;
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
header_delta(ctx_t *c, const multi_t *m, const char *name, guint32 *out)
{
    uint32_t v = 0;
    sip_num_status_t st;

    if (!m->n)
        return FALSE;
    st = sip_parse_delta(first_of(m), true, &v, NULL);
    if (st == SIP_NUM_OK) {
        *out = v;
        return TRUE;
    }
    if (st == SIP_NUM_OVERFLOW) {
        malformed(c, first_of(m), "%s \"%s\" is larger than 2^32-1 seconds; read as %u",
                  name, show(c->pinfo->pool, first_of(m)), v);
        *out = v;
        return TRUE;
    }
    malformed(c, first_of(m), "%s \"%s\" is not a number of seconds (%s)", name,
              show(c->pinfo->pool, first_of(m)), sip_num_status_name(st));
    return FALSE;
}

/* ---- Conformance ---- */

/* Is the header in the response? Read from the set for the names it keeps
 * and read, so most checks need no further pass over the headers. */
static gboolean
response_has_header(const ctx_t *c, const char *name)
{
    size_t i, len = strlen(name);

    for (i = 0; i < G_N_ELEMENTS(response_slots); i++)
        if ((c->h.read & SLOT_BIT(i)) && response_slots[i].len == len
            && g_ascii_strcasecmp(response_slots[i].name, name) == 0)
            return slot_values((void *)&c->h, &response_slots[i])->total > 0;
    return message_has_header(c->msg, name);
}

static void
check_conformance(ctx_t *c)
{
    const sip_explain_entry_t *e = c->entry;
    size_t i;

    if (!e)
        return;
    for (i = 0; i < e->n_requires; i++) {
        if (!response_has_header(c, e->requires[i]))
            expert_add_info_format(c->pinfo, c->anchor, &ei_missing_header,
                                   "%u %s without %s, which %s requires",
                                   c->code, e->reason ? e->reason : "response", e->requires[i],
                                   e->requires_ref ? e->requires_ref : "the RFC");
    }
    if (e->methods_ref && c->cseq_method.len
        && !sip_explain_entry_answers_method(e, c->cseq_method.p, c->cseq_method.len)) {
        wmem_strbuf_t *list = wmem_strbuf_new(c->pinfo->pool, "");
        for (i = 0; i < e->n_methods; i++)
            wmem_strbuf_append_printf(list, "%s%s", i ? ", " : "", e->methods[i]);
        expert_add_info_format(c->pinfo, c->anchor, &ei_wrong_method,
                               "%u %s answers a %s request, but %s limits it to %s",
                               c->code, e->reason ? e->reason : "response",
                               show(c->pinfo->pool, c->cseq_method), e->methods_ref,
                               wmem_strbuf_get_str(list));
    }
    /* 3xx without Contact: RFC 3261 section 8.1.3.4 has the client retry at
     * the Contact URIs and section 21.3 says 301, 302 and 305 give them in
     * Contact; 380 describes alternatives in the body instead. A note, as
     * 300 only SHOULD list Contacts. Skipped where the table already
     * requires Contact for the code. */
    if (c->code >= 300 && c->code <= 399 && c->code != 380 && c->h.contact.n == 0) {
        gboolean required = FALSE;
        for (i = 0; i < e->n_requires; i++)
            if (g_ascii_strcasecmp(e->requires[i], "Contact") == 0)
                required = TRUE;
        if (!required)
            expert_add_info_format(c->pinfo, c->anchor, &ei_no_contact,
                                   "%u redirect without Contact: the client has nowhere to retry "
                                   "(RFC 3261 sections 8.1.3.4 and 21.3)", c->code);
    }
}

/* ---- Findings per code ---- */

typedef struct {
    sip_contact_t c;
    sip_span_t item;
} contact_item_t;

static void
explain_redirect(ctx_t *c)
{
    contact_item_t items[MAX_REPEAT];
    unsigned n = 0, i, j, total = 0;

    if (c->code == 380) {
        finding(c, empty_span(), "Alternative services are described in the message body, not in Contact");
        return;
    }
    for (i = 0; i < c->h.contact.n; i++) {
        sip_list_iter_t it;
        sip_span_t item;

        sip_list_init(&it, c->h.contact.v[i]);
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
        wmem_strbuf_t *extra = wmem_strbuf_new(c->pinfo->pool, "");

        if (ct->star) {
            malformed(c, items[i].item, "Contact \"*\" in a redirect names no target (RFC 3261 section 10.2.2 allows it only in REGISTER)");
            continue;
        }
        if (ct->has_q) {
            if (ct->q_ok)
                wmem_strbuf_append_printf(extra, ", q=%s", show(c->pinfo->pool, ct->q_text));
            else
                malformed(c, items[i].item, "Contact q-value \"%s\" is not 0 to 1 with at most three decimals (RFC 3261 section 20.10)",
                          show(c->pinfo->pool, ct->q_text));
        }
        if (ct->has_expires) {
            if (ct->expires_status == SIP_NUM_OK)
                wmem_strbuf_append_printf(extra, ", valid for %s", seconds_text(c->pinfo->pool, ct->expires));
            else
                malformed(c, items[i].item, "Contact expires \"%s\" is not a number of seconds",
                          show(c->pinfo->pool, items[i].item));
        }
        if (c->code == 305)
            finding(c, items[i].item, "Use the proxy %s for this request%s", show(c->pinfo->pool, ct->uri),
                    wmem_strbuf_get_str(extra));
        else
            finding(c, items[i].item, "Retry at %s (choice %u of %u%s)", show(c->pinfo->pool, ct->uri),
                    i + 1, total, wmem_strbuf_get_str(extra));
    }
    if (total > n)
        finding(c, empty_span(), "%u more Contact targets are not listed", total - n);
    note_repeats(c, &c->h.contact, "Contact");
}

static void
explain_challenge(ctx_t *c)
{
    gboolean proxy = c->code == 407;
    const multi_t *m = proxy ? &c->h.proxy_auth : &c->h.www_auth;
    const char *hname = proxy ? "Proxy-Authenticate" : "WWW-Authenticate";
    gboolean any_stale = FALSE;
    unsigned i;

    for (i = 0; i < m->n; i++) {
        sip_challenge_t ch;
        wmem_allocator_t *pool = c->pinfo->pool;

        sip_parse_challenge(m->v[i], &ch);
        if (ch.has_stale && ch.stale)
            any_stale = TRUE;
        if (ch.scheme.len == 0) {
            malformed(c, m->v[i], "%s is empty: no challenge to answer", hname);
            continue;
        }
        finding(c, m->v[i], "Challenge: %s realm \"%s\", algorithm %s, qop %s%s", show(pool, ch.scheme),
                ch.realm.len ? show(pool, ch.realm) : "(none)",
                ch.algorithm.len ? show(pool, ch.algorithm) : "not given (MD5)",
                ch.qop.len ? show(pool, ch.qop) : "not given (RFC 2069 compatibility)",
                ch.has_stale ? (ch.stale ? ", stale=true" : ", stale=false") : "");
    }
    note_repeats(c, m, hname);
    if (!c->req) {
        finding(c, empty_span(), "The request is not in the capture: cannot tell a first challenge from credentials that were refused");
        return;
    }
    if (proxy ? c->req->has_proxy_authorization : c->req->has_authorization) {
        const char *user = proxy ? c->req->pauth_user : c->req->auth_user;
        const char *realm = proxy ? c->req->pauth_realm : c->req->auth_realm;

        if (any_stale) {
            finding(c, empty_span(), "The request (frame %u) carried credentials%s%s%s, but the nonce was stale (stale=true): "
                    "the password was accepted; resend with the new nonce", c->req->frame,
                    user ? " for user \"" : "", user ? user : "", user ? "\"" : "");
        } else {
            proto_item *pi = finding(c, empty_span(), "Challenged again after credentials: the request (frame %u) carried %s%s%s%s%s%s%s, "
                    "so the username, password or realm is wrong (not a stale nonce)", c->req->frame,
                    proxy ? "Proxy-Authorization" : "Authorization",
                    user ? " for user \"" : "", user ? user : "", user ? "\"" : "",
                    realm ? " in realm \"" : "", realm ? realm : "", realm ? "\"" : "");
            expert_add_info_format(c->pinfo, anchor_of(c, pi), &ei_rechallenge,
                                   "%u after credentials: wrong username, password or realm", c->code);
        }
    } else {
        finding(c, empty_span(), "First challenge: the request (frame %u) carried no %s; the client should resend it with credentials",
                c->req->frame, proxy ? "Proxy-Authorization" : "Authorization");
    }
}

static void
explain_list(ctx_t *c, const multi_t *m, const char *fmt_has, const char *none)
{
    if (m->n)
        finding(c, m->v[0], fmt_has, joined(c->pinfo->pool, m));
    else if (none)
        finding(c, empty_span(), "%s", none);
}

static gboolean
list_has(const multi_t *m, sip_span_t token)
{
    unsigned i;

    for (i = 0; i < m->n; i++)
        if (sip_list_has_token(m->v[i], token.p, token.len))
            return TRUE;
    return FALSE;
}

static void
explain_405(ctx_t *c)
{
    explain_list(c, &c->h.allow, "Allowed methods: %s", NULL);
    if (c->h.allow.n && c->cseq_method.len && !list_has(&c->h.allow, c->cseq_method))
        finding(c, empty_span(), "The request's method %s is not among them", show(c->pinfo->pool, c->cseq_method));
}

static void
explain_415(ctx_t *c)
{
    explain_list(c, &c->h.accept, "The server accepts bodies of type: %s", NULL);
    explain_list(c, &c->h.accept_encoding, "The server accepts encodings: %s", NULL);
    explain_list(c, &c->h.accept_language, "The server accepts languages: %s", NULL);
    if (!c->h.accept.n && !c->h.accept_encoding.n && !c->h.accept_language.n)
        finding(c, empty_span(), "The response lists no Accept, Accept-Encoding or Accept-Language: it does not say what it takes");
    if (c->req && c->req->content_type)
        finding(c, empty_span(), "The request sent Content-Type %s%s%s", c->req->content_type,
                c->req->content_encoding ? " with Content-Encoding " : "",
                c->req->content_encoding ? c->req->content_encoding : "");
}

static void
explain_420(ctx_t *c)
{
    explain_list(c, &c->h.unsupported, "The server does not support these option tags: %s", NULL);
    if (c->req) {
        if (c->req->require || c->req->proxy_require)
            finding(c, empty_span(), "The request demanded Require: %s; Proxy-Require: %s",
                    c->req->require ? c->req->require : "(none)",
                    c->req->proxy_require ? c->req->proxy_require : "(none)");
        else
            finding(c, empty_span(), "The request (frame %u) had no Require or Proxy-Require", c->req->frame);
    }
}

static void
explain_421(ctx_t *c)
{
    explain_list(c, &c->h.require, "The server requires these extensions: %s", NULL);
    if (c->req)
        finding(c, empty_span(), "The request's Supported: %s", c->req->supported ? c->req->supported : "(none)");
}

static void
explain_422(ctx_t *c)
{
    guint32 min_se;
    gboolean has = header_delta(c, &c->h.min_se, "Min-SE", &min_se);
    wmem_allocator_t *pool = c->pinfo->pool;

    if (has)
        finding(c, first_of(&c->h.min_se), "The smallest session interval accepted (Min-SE) is %s",
                seconds_text(pool, min_se));
    if (!c->req)
        return;
    if (c->req->has_session_expires)
        finding(c, empty_span(), "The request asked for Session-Expires %s%s", seconds_text(pool, c->req->session_expires),
                has ? (c->req->session_expires < min_se ? ", below the minimum: raise it to at least Min-SE"
                                                        : ", not below Min-SE (the response is inconsistent)") : "");
    else
        finding(c, empty_span(), "The request carried no Session-Expires");
    if (c->req->has_min_se)
        finding(c, empty_span(), "The request's own Min-SE was %s", seconds_text(pool, c->req->min_se));
}

static void
explain_423(ctx_t *c)
{
    guint32 min_exp;
    gboolean has = header_delta(c, &c->h.min_expires, "Min-Expires", &min_exp);
    wmem_allocator_t *pool = c->pinfo->pool;

    if (has)
        finding(c, first_of(&c->h.min_expires), "The shortest expiration accepted (Min-Expires) is %s",
                seconds_text(pool, min_exp));
    if (!c->req)
        return;
    if (c->req->has_expires)
        finding(c, empty_span(), "The request asked for Expires %s%s", seconds_text(pool, c->req->expires),
                has && c->req->expires < min_exp ? ", below the minimum: raise it to at least Min-Expires" : "");
    if (c->req->has_contact_expires)
        finding(c, empty_span(), "The request's Contact asked for expires=%s%s", seconds_text(pool, c->req->contact_expires),
                has && c->req->contact_expires < min_exp ? ", below the minimum" : "");
    if (!c->req->has_expires && !c->req->has_contact_expires)
        finding(c, empty_span(), "The request gave no Expires: the server's default was too short for it");
}

static void
explain_489(ctx_t *c)
{
    if (c->req)
        finding(c, empty_span(), "Event package asked for: %s", c->req->event ? c->req->event : "(no Event header)");
    explain_list(c, &c->h.allow_events, "Event packages offered (Allow-Events): %s",
                 "The response lists no Allow-Events: it does not say which event packages it offers");
}

static void
explain_204(ctx_t *c)
{
    guint32 exp;

    if (c->req)
        finding(c, empty_span(), "No NOTIFY will be sent for now: the subscription to %s at %s is in place, and the "
                "state has not changed since entity-tag %s; a NOTIFY follows when it changes",
                c->req->event ? c->req->event : "(no Event)", c->req->uri,
                c->req->suppress_if_match ? c->req->suppress_if_match : "(no Suppress-If-Match)");
    else
        finding(c, empty_span(), "No NOTIFY will be sent for now: the subscriber's state is current");
    if (header_delta(c, &c->h.expires, "Expires", &exp))
        finding(c, first_of(&c->h.expires), "The subscription lasts %s", seconds_text(c->pinfo->pool, exp));
}

static void
explain_retry_after(ctx_t *c)
{
    unsigned i;
    wmem_allocator_t *pool = c->pinfo->pool;

    for (i = 0; i < c->h.retry_after.n; i++) {
        sip_retry_after_t ra;
        sip_span_t v = c->h.retry_after.v[i];

        sip_parse_retry_after(v, &ra);
        if (ra.status != SIP_NUM_OK && ra.status != SIP_NUM_OVERFLOW) {
            malformed(c, v, "Retry-After \"%s\" is not a number of seconds (%s): no time to retry is given",
                      show(pool, v), sip_num_status_name(ra.status));
            continue;
        }
        if (ra.status == SIP_NUM_OVERFLOW)
            malformed(c, v, "Retry-After \"%s\" is larger than 2^32-1 seconds", show(pool, v));
        finding(c, v, "%s%s%s%s%s",
                ra.seconds == 0 ? "Retry now (Retry-After 0)"
                                : wmem_strdup_printf(pool, "Retry after %s", seconds_text(pool, ra.seconds)),
                ra.comment.len ? ": \"" : "", ra.comment.len ? show(pool, ra.comment) : "",
                ra.comment.len ? "\"" : "",
                ra.has_duration && ra.duration_status == SIP_NUM_OK
                    ? wmem_strdup_printf(pool, "; available for %s from then", seconds_text(pool, ra.duration)) : "");
        if (ra.has_duration && ra.duration_status != SIP_NUM_OK)
            malformed(c, v, "Retry-After duration in \"%s\" is not a number of seconds", show(pool, v));
    }
    note_repeats(c, &c->h.retry_after, "Retry-After");
    if (c->h.retry_after.n == 0) {
        switch (c->code) {
        case 503:
            finding(c, empty_span(), "No Retry-After: the client should treat this 503 like a 500 and try another server (RFC 3261 section 21.5.4)");
            break;
        case 480: case 486: case 600: case 603:
            finding(c, empty_span(), "No Retry-After: the server gives no time at which to call again");
            break;
        default:
            break;
        }
    }
}

static void
explain_warnings(ctx_t *c)
{
    unsigned i, items = 0;
    wmem_allocator_t *pool = c->pinfo->pool;

    for (i = 0; i < c->h.warning.n; i++) {
        sip_list_iter_t it;
        sip_span_t item;

        sip_list_init(&it, c->h.warning.v[i]);
        while (items < MAX_REPEAT && sip_list_next(&it, &item)) {
            sip_warning_t w;
            const sip_explain_code_text_t *row;

            items++;
            sip_parse_warning(item, &w);
            if (!w.code_ok) {
                malformed(c, item, "Warning code \"%s\" is not three digits (RFC 3261 section 20.43)",
                          show(pool, w.code_text));
                continue;
            }
            row = sip_explain_lookup_warn(w.code);
            if (!row) {
                malformed(c, item, "Warning %03d from %s: \"%s\" - warn-code outside 300-399, not a SIP warning (RFC 3261 section 20.43)",
                          w.code, show(pool, w.agent), show(pool, w.text));
                continue;
            }
            if (w.agent.len == 0 || !w.text_quoted)
                malformed(c, item, "Warning \"%s\" lacks a warn-agent or a quoted warn-text (RFC 3261 section 20.43)",
                          show(pool, item));
            finding(c, item, "Warning %03d from %s: \"%s\" - %s%s%s", w.code, show(pool, w.agent), show(pool, w.text),
                    row->reason ? row->reason : "unregistered warn-code",
                    row->description ? ": " : "", first_sentence(pool, row->description));
        }
    }
    note_repeats(c, &c->h.warning, "Warning");
}

/* One Reason value (RFC 3326 section 2); where: "" or " on the BYE ...". */
static void
explain_reason_value(ctx_t *c, sip_span_t span, sip_span_t value, const char *where)
{
    sip_list_iter_t it;
    sip_span_t item;
    unsigned items = 0;
    wmem_allocator_t *pool = c->pinfo->pool;

    sip_list_init(&it, value);
    while (items++ < MAX_REPEAT && sip_list_next(&it, &item)) {
        sip_reason_t r;
        const char *text;

        sip_parse_reason(item, &r);
        text = r.text.len ? wmem_strdup_printf(pool, " (text \"%s\")", show(pool, r.text)) : "";
        if (!r.has_cause) {
            malformed(c, span, "Reason%s \"%s\" has no cause parameter: nothing to explain (RFC 3326 section 2)",
                      where, show(pool, item));
            continue;
        }
        if (r.cause_status != SIP_NUM_OK) {
            malformed(c, span, "Reason%s cause \"%s\" is not a number (RFC 3326 section 2)", where,
                      show(pool, r.cause_text));
            continue;
        }
        if (sip_span_equals_nocase(r.protocol, "Q.850")) {
            const sip_explain_code_text_t *row = sip_explain_lookup_q850(r.cause);
            if (!row) {
                malformed(c, span, "Reason%s Q.850 cause %u is outside 0-127", where, r.cause);
                continue;
            }
            finding(c, span, "Reason%s: Q.850 cause %u, %s%s%s%s", where, r.cause,
                    row->reason ? row->reason : "unassigned cause", text,
                    row->description ? ": " : "", first_sentence(pool, row->description));
        } else if (sip_span_equals_nocase(r.protocol, "SIP")) {
            const sip_explain_entry_t *e = r.cause >= 100 && r.cause <= 699 ? sip_explain_resolve(c->opts->overrides, r.cause) : NULL;
            if (!e) {
                malformed(c, span, "Reason%s SIP cause %u is not a SIP status code", where, r.cause);
                continue;
            }
            finding(c, span, "Reason%s: SIP cause %u %s%s: %s", where, r.cause,
                    e->reason ? e->reason : "(unregistered)", text, sip_explain_text(e->summary, c->opts->lang));
        } else {
            finding(c, span, "Reason%s: protocol %s, cause %u%s", where, show(pool, r.protocol), r.cause, text);
        }
    }
}

static void
explain_reasons(ctx_t *c)
{
    unsigned i;

    for (i = 0; i < c->h.reason.n; i++)
        explain_reason_value(c, c->h.reason.v[i], c->h.reason.v[i], "");
    note_repeats(c, &c->h.reason, "Reason");
    /* The Reason of the CANCEL or BYE this response answers. */
    if (c->req && c->req->reason) {
        sip_span_t v;
        v.p = c->req->reason;
        v.len = strlen(c->req->reason);
        explain_reason_value(c, empty_span(), v,
                             wmem_strdup_printf(c->pinfo->pool, " on the %s in frame %u", c->req->method, c->req->frame));
    }
}

/* A 487 to an INVITE: the CANCEL that ended it may say why. */
static void
explain_cancel_reason(ctx_t *c, guint32 cseq)
{
    const ctx_request_t *cancel;
    sip_span_t m = { "CANCEL", 6 };
    sip_span_t v;

    if (c->code != 487 || !sip_span_equals(c->cseq_method, "INVITE"))
        return;
    cancel = find_request(c->pinfo, c->h.ids.call_id, cseq, m, empty_span());
    if (!cancel) {
        return;
    }
    finding(c, empty_span(), "Ended by the CANCEL in frame %u", cancel->frame);
    if (cancel->reason) {
        v.p = cancel->reason;
        v.len = strlen(cancel->reason);
        explain_reason_value(c, empty_span(), v,
                             wmem_strdup_printf(c->pinfo->pool, " on the CANCEL in frame %u", cancel->frame));
    }
}

static gboolean
linkage_needed(proto_tree *tree)
{
    return sip_explain_field_shown(tree, hf_request_frame) || sip_explain_field_shown(tree, hf_request_method);
}

static gboolean
findings_needed(proto_tree *tree, const sip_explain_context_opts_t *opts)
{
    return opts->findings
        && (!tree || sip_explain_field_shown(tree, hf_context)
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
    ctx_t *c;
    guint32 cseq = 0;
    gboolean have_cseq;
    proto_item *pi;
    gboolean findings = findings_needed(tree, opts);

    if (!findings && !linkage_needed(tree))
        return;
    c = wmem_new(pinfo->pool, ctx_t);
    memset(c, 0, offsetof(ctx_t, h));          /* h: read_response_headers() */
    c->pinfo = pinfo;
    c->tree = tree;
    c->anchor = code_item;
    c->msg = msg;
    c->entry = entry;
    c->opts = opts;
    c->code = msg->start.code;
    /* Findings only where they are shown; expert info reads fewer headers. */
    c->show_findings = tree && findings && sip_explain_field_shown(tree, hf_context);
    read_response_headers(msg, &c->h, c->show_findings ? ALL_SLOTS(response_slots)
                                                       : expert_response_slots(c->code, entry));
    have_cseq = sip_text_parse_cseq(c->h.ids.cseq, &cseq, &c->cseq_method);
    if (!have_cseq)
        c->cseq_method = empty_span();
    if (have_cseq)
        c->req = find_request(pinfo, c->h.ids.call_id, cseq, c->cseq_method, c->h.ids.via);

    /* Linkage: always, whatever the context preference says. */
    if (tree) {
        if (c->req) {
            pi = proto_tree_add_uint(tree, hf_request_frame, msg->tvb, 0, 0, c->req->frame);
            proto_item_set_generated(pi);
            pi = proto_tree_add_string(tree, hf_request_method, msg->tvb, 0, 0, c->req->method);
            proto_item_set_generated(pi);
        } else if (have_cseq) {
            /* The request is not in the capture: its method is the CSeq's. */
            pi = proto_tree_add_string(tree, hf_request_method, msg->tvb,
                                       msg->offset + (int)(c->cseq_method.p - msg->text),
                                       (int)c->cseq_method.len, show(pinfo->pool, c->cseq_method));
            (void)pi;
        }
    }
    /* Findings and checks only where someone will read them: a shown tree,
     * a filter or column naming sip_explain.context, or expert info. */
    if (!findings)
        return;

    if (c->h.too_many_lines)
        expert_add_info_format(pinfo, code_item, &ei_repeated,
                               "More than %u header lines: the rest are not read", SIP_TEXT_MAX_HEADERS);
    check_conformance(c);

    if (c->code >= 300 && c->code <= 399)
        explain_redirect(c);
    switch (c->code) {
    case 401: case 407: explain_challenge(c); break;
    case 405: explain_405(c); break;
    case 415: explain_415(c); break;
    case 420: explain_420(c); break;
    case 421: explain_421(c); break;
    case 422: explain_422(c); break;
    case 423: explain_423(c); break;
    case 489: explain_489(c); break;
    case 204: explain_204(c); break;
    default: break;
    }
    if (have_cseq)
        explain_cancel_reason(c, cseq);
    explain_retry_after(c);
    explain_warnings(c);
    explain_reasons(c);
}

void
sip_explain_context_register(int proto)
{
    static hf_register_info hf[] = {
        { &hf_request_frame, { "Request in frame", "sip_explain.request_frame", FT_FRAMENUM, BASE_NONE,
            FRAMENUM_TYPE(FT_FRAMENUM_REQUEST), 0x0,
            "The frame of the request this response answers (first copy of a retransmitted request)", HFILL } },
        { &hf_request_method, { "Request method", "sip_explain.request_method", FT_STRING, BASE_NONE, NULL, 0x0,
            "The method of the request this response answers", HFILL } },
        { &hf_context, { "Context", "sip_explain.context", FT_STRING, BASE_NONE, NULL, 0x0,
            "A finding from this response and its request, in plain words with the values found", HFILL } },
    };
    static ei_register_info ei[] = {
        { &ei_missing_header, { "sip_explain.context.missing_header", PI_PROTOCOL, PI_WARN,
            "A header the RFC requires for this status code is missing", EXPFILL } },
        { &ei_wrong_method, { "sip_explain.context.wrong_method", PI_PROTOCOL, PI_WARN,
            "The status code answers a method that cannot receive it", EXPFILL } },
        { &ei_no_contact, { "sip_explain.context.no_contact", PI_PROTOCOL, PI_NOTE,
            "A redirection response without Contact", EXPFILL } },
        { &ei_malformed_value, { "sip_explain.context.malformed", PI_MALFORMED, PI_NOTE,
            "A header value is malformed; it is shown as found and not trusted", EXPFILL } },
        { &ei_repeated, { "sip_explain.context.repeated", PI_PROTOCOL, PI_NOTE,
            "A header is repeated more often than is explained", EXPFILL } },
        { &ei_rechallenge, { "sip_explain.context.rechallenge", PI_SEQUENCE, PI_WARN,
            "Challenged again after credentials were sent", EXPFILL } },
    };
    expert_module_t *expert;

    proto_register_field_array(proto, hf, array_length(hf));
    expert = expert_register_protocol(proto);
    expert_register_field_array(expert, ei, array_length(ei));
    register_init_routine(request_records_init);
    register_cleanup_routine(request_records_cleanup);
}
