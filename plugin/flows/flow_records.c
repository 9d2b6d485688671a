/* flow_records.c
 * Routines for keeping the flows of a capture in file scope (see
 * flow_records.h): one pass over a message's header lines reads what its
 * flow needs, and its transaction is found or added.
 *
 * One file-scope map from the Call-ID's 64-bit hash to the flow, and an
 * array of the flows in the order they began. A flow holds its
 * transactions in one array, at most MAX_TXNS (a registration refreshed
 * for days stops there and says so). Texts (Call-ID, From and To URIs) are
 * cut to TEXT_MAX bytes and interned.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "flows/flow_records.h"

#include <string.h>

#include <wsutil/wmem/wmem.h>

#include "flows/flow_reading.h"
#include "kept_texts.h"
#include "parse/sip_causes.h"

/* Longest Call-ID, From or To kept, in bytes. */
#define TEXT_MAX 80
/* Longest cause kept in words, in bytes. */
#define CAUSE_TEXT_MAX 160
/* Most transactions kept per flow. */
#define MAX_TXNS 512

static wmem_map_t *flows;           /* Call-ID hash -> flow_t */
static wmem_map_t *texts;           /* each distinct text, once */
static gint64 capture_end_ms;
static guint32 recorded_upto;           /* the last frame recorded */
static gboolean recording;              /* the frame being dissected is */
static gboolean names_kept = TRUE;      /* see flow_records_keep_names() */

void
flow_records_init(void)
{
    flows = wmem_map_new(wmem_file_scope(), g_direct_hash, g_direct_equal);
    texts = wmem_map_new(wmem_file_scope(), g_str_hash, g_str_equal);
    capture_end_ms = 0;
    recorded_upto = 0;
    recording = FALSE;
}

void
flow_records_cleanup(void)
{
    flows = NULL;
    texts = NULL;
}

#define METHOD(name, m) { name, sizeof name - 1, m }
static const struct {
    const char *name;
    size_t len;
    flow_method_t m;
} method_names[] = {
    METHOD("INVITE", FLOW_M_INVITE), METHOD("ACK", FLOW_M_ACK), METHOD("CANCEL", FLOW_M_CANCEL),
    METHOD("BYE", FLOW_M_BYE), METHOD("REGISTER", FLOW_M_REGISTER), METHOD("SUBSCRIBE", FLOW_M_SUBSCRIBE),
    METHOD("NOTIFY", FLOW_M_NOTIFY), METHOD("PUBLISH", FLOW_M_PUBLISH), METHOD("MESSAGE", FLOW_M_MESSAGE),
    METHOD("OPTIONS", FLOW_M_OPTIONS), METHOD("REFER", FLOW_M_REFER), METHOD("PRACK", FLOW_M_PRACK),
    METHOD("UPDATE", FLOW_M_UPDATE), METHOD("INFO", FLOW_M_INFO),
};
#undef METHOD

/* Methods are case-sensitive (RFC 3261 section 7.1). */
static flow_method_t
method_of(sip_span_t s)
{
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(method_names); i++)
        if (s.len == method_names[i].len && memcmp(s.p, method_names[i].name, s.len) == 0)
            return method_names[i].m;
    return FLOW_M_OTHER;
}

const char *
flow_method_name(flow_method_t m)
{
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(method_names); i++)
        if (method_names[i].m == m)
            return method_names[i].name;
    return "other";
}

/* ---- Keeping ---- */

/* The text as kept: printable, at most TEXT_MAX bytes; shared: kept once
 * however many flows name it (From and To repeat; a Call-ID does not). */
static const char *
keep_text(sip_span_t s, gboolean shared, size_t max)
{
    char buf[CAUSE_TEXT_MAX + 1];
    size_t n = MIN(s.len, MIN(max, (size_t)CAUSE_TEXT_MAX)), i;

    if (!s.p)
        return "";
    for (i = 0; i < n; i++)
        buf[i] = g_ascii_isprint(s.p[i]) ? s.p[i] : '?';
    buf[n] = '\0';
    return shared ? sip_explain_keep_once(texts, buf) : wmem_strdup(wmem_file_scope(), buf);
}

/* A Reason (RFC 3326 section 2) in words: "Q.850 cause 16 (Normal call
 * clearing)", "SIP (User Hung Up)"; the cause is optional. Its values (RFC 9366: one per protocol) joined with "; ", the
 * first four. but_q850: leave out a Q.850 value whose text says nothing
 * beyond its cause (a final's cause is explained from its own table), so
 * that only a Teams correlation id and text are kept of it. */
static void
append_reason_words(GString *s, sip_span_t value, gboolean but_q850)
{
    sip_list_iter_t it;
    sip_span_t item, id, rest;
    sip_reason_t r;
    unsigned n = 0;

    sip_list_init(&it, value);
    while (n < 4 && sip_list_next(&it, &item)) {
        sip_parse_reason(item, &r);
        if (!r.protocol.len)
            continue;
        if (but_q850 && sip_span_equals_nocase(r.protocol, "Q.850") && !sip_split_correlation_id(r.text, &id, &rest))
            continue;
        if (n++)
            g_string_append(s, "; ");
        g_string_append_len(s, r.protocol.p, (gssize)r.protocol.len);
        if (r.has_cause && r.cause_status == SIP_NUM_OK)
            g_string_append_printf(s, " cause %u", r.cause);
        if (r.text.len) {
            g_string_append(s, " (");
            g_string_append_len(s, r.text.p, (gssize)r.text.len);
            g_string_append_c(s, ')');
        }
    }
}

/* A header's name and value in words: "X-Twilio-Error: 32011 Error ...". */
static void
append_header_words(GString *s, const char *name, sip_span_t value)
{
    value = sip_span_trim(value);
    g_string_append(s, name);
    g_string_append(s, ": ");
    g_string_append_len(s, value.p, (gssize)value.len);
}

static const char *
keep_words(GString *s)
{
    sip_span_t words;
    const char *kept;

    words.p = s->str;
    words.len = s->len;
    kept = s->len ? keep_text(words, TRUE, CAUSE_TEXT_MAX) : NULL;
    g_string_free(s, TRUE);
    return kept;
}

/* The cause a BYE or CANCEL gives, in words: its Reason, else Asterisk's
 * X-Asterisk-HangupCauseCode (a Q.850 cause) or X-Asterisk-HangupCause,
 * named by its header (*not_reason). */
static const char *
ending_cause_words(const flow_message_t *m, gboolean *not_reason)
{
    GString *s;

    *not_reason = !m->reason.len;

    if (!m->reason.len && !m->asterisk_cause_code.len && !m->asterisk_cause.len)
        return NULL;                    /* most: no text to make */
    s = g_string_new(NULL);

    if (m->reason.len)
        append_reason_words(s, m->reason, FALSE);
    else if (m->asterisk_cause_code.len)
        append_header_words(s, "X-Asterisk-HangupCauseCode", m->asterisk_cause_code);
    else if (m->asterisk_cause.len)
        append_header_words(s, "X-Asterisk-HangupCause", m->asterisk_cause);
    return keep_words(s);
}

/* What a final response says of its cause beyond a Q.850 cause alone
 * (which the outcome explains from its own table): the vendor's
 * diagnostics (ms-diagnostics, X-Twilio-Error) first, else the Reason's
 * other values, else Asterisk's cause. */
static const char *
final_cause_words(const flow_message_t *m)
{
    GString *s;

    if (!m->ms_diagnostics.len && !m->twilio_error.len && !m->reason.len && !m->asterisk_cause_code.len)
        return NULL;                    /* most: no text to make */
    s = g_string_new(NULL);

    if (m->ms_diagnostics.len) {
        sip_ms_diagnostics_t d;
        sip_parse_ms_diagnostics(m->ms_diagnostics, &d);
        append_header_words(s, "ms-diagnostics", d.id_text);
        if (d.reason.len) {
            g_string_append(s, " (");
            g_string_append_len(s, d.reason.p, (gssize)d.reason.len);
            g_string_append_c(s, ')');
        }
    } else if (m->twilio_error.len) {
        append_header_words(s, "X-Twilio-Error", m->twilio_error);
    } else if (m->reason.len) {
        append_reason_words(s, m->reason, TRUE);
    }
    if (!s->len && !m->reason.len && m->asterisk_cause_code.len) {
        append_header_words(s, "X-Asterisk-HangupCauseCode", m->asterisk_cause_code);
    }
    return keep_words(s);
}

/* A CANCEL's Reason SIP cause 200: answered elsewhere. */
static gboolean
completed_elsewhere(sip_span_t value)
{
    sip_list_iter_t it;
    sip_span_t item;
    sip_reason_t r;

    sip_list_init(&it, value);
    while (sip_list_next(&it, &item)) {
        sip_parse_reason(item, &r);
        if (sip_span_equals_nocase(r.protocol, "SIP") && r.has_cause && r.cause_status == SIP_NUM_OK && r.cause == 200)
            return TRUE;
    }
    return FALSE;
}

static gint64
ms_of(const nstime_t *t)
{
    return (gint64)t->secs * 1000 + t->nsecs / 1000000;
}

static guint32
since(const flow_t *f, packet_info *pinfo)
{
    gint64 d = ms_of(&pinfo->abs_ts) - f->start_ms;

    return d <= 0 ? 0 : d >= G_MAXUINT32 ? G_MAXUINT32 : (guint32)d;
}

static flow_t *
flow_for(packet_info *pinfo, const flow_message_t *m, guint64 key, gboolean create)
{
    flow_t *f = (flow_t *)wmem_map_lookup(flows, GSIZE_TO_POINTER((gsize)key));

    if (f || !create)
        return f;
    f = wmem_new0(wmem_file_scope(), flow_t);
    if (names_kept) {
        f->call_id = keep_text(m->call_id, FALSE, TEXT_MAX);
        f->from = keep_text(flow_uri_of(m->from), TRUE, TEXT_MAX);
        f->to = keep_text(flow_uri_of(m->to), TRUE, TEXT_MAX);
    } else {
        f->call_id = f->from = f->to = "";
    }
    f->start_ms = ms_of(&pinfo->abs_ts);
    f->start_rel_ms = ms_of(&pinfo->rel_ts);
    f->first_frame = pinfo->num;
    wmem_map_insert(flows, GSIZE_TO_POINTER((gsize)key), f);
    return f;
}

static gint
find_txn(const flow_t *f, guint32 cseq, flow_method_t method, guint32 from_tag)
{
    gint i;

    for (i = (gint)f->n_txns - 1; i >= 0; i--) {
        const flow_txn_t *t = &f->txns[i];
        if (t->cseq == cseq && t->method == method && t->from_tag == from_tag)
            return i;
    }
    return -1;
}

static gint
add_txn(flow_t *f, guint32 cseq, flow_method_t method, guint32 from_tag, guint32 frame)
{
    flow_txn_t *t;

    if (f->n_txns == MAX_TXNS)
        return -1;
    if (f->n_txns == f->cap_txns) {
        guint16 cap = f->cap_txns ? (guint16)MIN(f->cap_txns * 2, MAX_TXNS) : 2;
        f->txns = (flow_txn_t *)wmem_realloc(wmem_file_scope(), f->txns, cap * sizeof *f->txns);
        f->cap_txns = cap;
    }
    t = &f->txns[f->n_txns];
    memset(t, 0, sizeof *t);
    t->cseq = cseq;
    t->method = (guint8)method;
    t->from_tag = from_tag;
    t->first_frame = frame;
    return f->n_txns++;
}

/* An address and port as 32 bits, never 0 (0: none known). */
static guint32
endpoint_hash(const address *addr, guint32 port)
{
    guint32 h = (guint32)add_address_to_hash(port, addr);

    return h ? h : 1;
}

/* Is this response sent back to where the flow's first request came from,
 * for a request of the same sender: the copy that sender received? */
static gboolean
to_sender(const flow_t *f, const flow_txn_t *t, packet_info *pinfo)
{
    return f->origin_addr && t->from_tag == f->origin_tag
        && endpoint_hash(&pinfo->dst, pinfo->destport) == f->origin_addr;
}

static void
note_request(flow_t *f, flow_txn_t *t, packet_info *pinfo, const flow_message_t *m)
{
    if (!(t->flags & FLOW_T_REQUEST_SEEN)) {
        t->flags |= FLOW_T_REQUEST_SEEN;
        t->request_frame = pinfo->num;
        t->request_ms = since(f, pinfo);
        if (flow_tag_hash(m->to) != 0)
            t->flags |= FLOW_T_TO_TAG;
        if (m->credentials) {
            t->flags |= FLOW_T_CREDENTIALS;
            t->credentials_nonce = m->credentials_nonce;
        }
        if (t->method == FLOW_M_REGISTER && flow_asks_unregister(m))
            t->flags |= FLOW_T_UNREGISTER;
        if (t->method == FLOW_M_REGISTER && !m->has_contact)
            t->flags |= FLOW_T_QUERY;
    }
    if (!f->origin_addr) {
        f->origin_tag = t->from_tag;
        f->origin_addr = endpoint_hash(&pinfo->src, pinfo->srcport);
    }
    if (t->copies < G_MAXUINT16)
        t->copies++;
    t->last_request_frame = pinfo->num;
}

/* A 401 or 407 on the very nonce the request's credentials answered: the
 * server refuses the credentials, not the nonce (RFC 7616 section 3.3: a
 * nonce it no longer takes is answered with stale=true). Judged as
 * explain_challenge.c does: not when the reason phrase says the nonce
 * changed or went stale. */
static gboolean
refuses_credentials(const sip_explain_message_t *msg, const flow_message_t *m, const flow_txn_t *t)
{
    sip_span_t phrase = msg->start.reason;

    return (msg->start.code == 401 || msg->start.code == 407) && (t->flags & FLOW_T_CREDENTIALS)
        && flow_challenged_on(m, t->credentials_nonce) && !sip_span_contains_nocase(phrase, "nonce")
        && !sip_span_contains_nocase(phrase, "stale");
}

/* The final response that counts: the first 2xx; else the last final
 * response of another code or dialog (a proxy forwards the best final
 * response after those of its branches), a copy of it (same code and To
 * tag: a retransmission, another hop) changing nothing, except that the
 * copy sent back to the request's sender (to_sender()) replaces one sent
 * to a hop before it: that is the response the sender received. */
static void
note_response(flow_t *f, flow_txn_t *t, packet_info *pinfo, const sip_explain_message_t *msg,
              const flow_message_t *m)
{
    guint32 code = msg->start.code;
    guint32 tag;

    if (code < 200) {
        /* The first 1xx other than 100; a 100 only until one comes. */
        if (!t->ringing_frame || (t->ringing_code == 100 && code > 100)) {
            t->ringing_frame = pinfo->num;
            t->ringing_code = (guint16)code;
            t->ringing_ms = since(f, pinfo);
            t->ringing_tag = flow_tag_hash(m->to);
        }
        return;
    }
    tag = flow_tag_hash(m->to);
    if (t->final_frame) {
        if (t->final_code == code && t->final_tag == tag) {
            /* a copy: a retransmission (a 2xx until its ACK comes, RFC
             * 3261 section 13.3.1.4), or another hop */
            if (t->final_copies < G_MAXUINT16)
                t->final_copies++;
            t->final_last_ms = since(f, pinfo);
            /* A proxy relays the final towards the sender (RFC 3261
             * section 16.7): the copy sent to the sender is the one it
             * received, and the one the flow names. */
            if (!(t->flags & FLOW_T_FINAL_TO_SENDER) && to_sender(f, t, pinfo)) {
                t->flags |= FLOW_T_FINAL_TO_SENDER;
                t->final_frame = pinfo->num;
                t->final_ms = since(f, pinfo);
            }
            return;
        }
        if (t->final_code >= 200 && t->final_code < 300)
            return;                     /* the first 2xx counts */
        /* Once the sender's copy is known, another code on a hop before
         * it (a branch's, a retransmission) is not what the sender got. */
        if ((t->flags & FLOW_T_FINAL_TO_SENDER) && !to_sender(f, t, pinfo))
            return;
    }
    t->final_frame = pinfo->num;
    t->final_code = (guint16)MIN(code, 999u);
    t->final_tag = tag;
    t->final_ms = t->final_last_ms = since(f, pinfo);
    t->final_copies = 1;
    t->q850_cause = m->q850_cause;
    t->warn_code = m->warn_code;
    t->final_cause = final_cause_words(m);
    t->flags = (guint16)(t->flags & ~(FLOW_T_RETRY_AFTER | FLOW_T_FINAL_NO_CONTACT | FLOW_T_STALE | FLOW_T_SAME_NONCE
                                      | FLOW_T_FINAL_UNROUTED | FLOW_T_FINAL_TO_SENDER | FLOW_T_FINAL_OTHER_TAG));
    /* An error whose To tag is not that of the provisional response (RFC
     * 3261 section 12.1: the tag names the element that answers): not the
     * endpoint that sent the provisional. Both must carry a tag. A 487
     * answers a CANCEL, whoever sends it: not judged. */
    if (code >= 300 && code != 487 && tag && t->ringing_tag && tag != t->ringing_tag)
        t->flags |= FLOW_T_FINAL_OTHER_TAG;
    if (to_sender(f, t, pinfo))
        t->flags |= FLOW_T_FINAL_TO_SENDER;
    /* A 480 whose phrase or Warning 399 says no route was found
     * (flows/flow_verdict.c). */
    if (code == 480 && (m->warn_unrouted || flow_names_routing_failure(msg->start.reason)))
        t->flags |= FLOW_T_FINAL_UNROUTED;
    if (m->stale)
        t->flags |= FLOW_T_STALE;
    else if (refuses_credentials(msg, m, t))
        t->flags |= FLOW_T_SAME_NONCE;
    if (m->has_retry_after) {
        t->flags |= FLOW_T_RETRY_AFTER;
        t->retry_after = m->retry_after;
    }
    if (code >= 200 && code < 300 && !m->has_contact)
        t->flags |= FLOW_T_FINAL_NO_CONTACT;
}

/* Can a message of this method tell a flow's outcome? ACK, BYE and
 * NOTIFY tell how a call ended and a transfer's result
 * (flows/flow_ending.h, flows/flow_transfer.h): an ACK only marks its
 * INVITE, it is no transaction of its own. PRACK, UPDATE and INFO are
 * never a flow's main request, and count only for the table's mid-dialog
 * flows. */
static gboolean
tells_outcome(flow_method_t m)
{
    switch (m) {
    case FLOW_M_PRACK:
    case FLOW_M_UPDATE:
    case FLOW_M_INFO:
        return names_kept;
    default:
        return TRUE;
    }
}

/* An ACK: its INVITE (same CSeq number and From tag) was acknowledged
 * (RFC 3261 section 13.2.2.4); only the first pass records it. */
static void
note_ack(flow_t *f, guint32 cseq, guint32 from_tag)
{
    gint i = find_txn(f, cseq, FLOW_M_INVITE, from_tag);

    if (i >= 0)
        f->txns[i].flags |= FLOW_T_ACKED;
}

/* What a BYE or CANCEL (its Reason) or a NOTIFY (a transfer's progress)
 * adds, read from its first copy. */
static void
note_ending(flow_txn_t *t, const sip_explain_message_t *msg, flow_message_t *m)
{
    gboolean not_reason;

    flow_read_ending(msg, m);
    t->reason = ending_cause_words(m, &not_reason);
    if (t->reason && not_reason)
        t->flags |= FLOW_T_CAUSE_NOT_REASON;
    if (t->method == FLOW_M_CANCEL && m->reason.len && completed_elsewhere(m->reason))
        t->flags |= FLOW_T_ELSEWHERE;
    if (m->refer_frag) {
        t->flags |= FLOW_T_FRAG;
        t->frag_code = m->frag_code;
    }
}

/* The transaction a message belongs to. A CANCEL is kept as its own
 * transaction and marks the INVITE it cancels. */
static const flow_t *
note_or_find(packet_info *pinfo, const sip_explain_message_t *msg, guint *txn_out, gboolean record)
{
    flow_message_t m;
    guint32 cseq;
    sip_span_t cseq_method;
    flow_method_t method;
    guint32 from_tag;
    flow_t *f;
    gint i;

    if (!flows)
        return NULL;
    if (!msg->start.is_response) {
        flow_method_t request_method = method_of(msg->start.method);
        /* A request that can be no flow's main one is not even read,
         * unless the table, which lists flows seen only mid-dialog, wants
         * it. An ACK is read once, where it is recorded: it has no verdict
         * to show. */
        if (!tells_outcome(request_method) || (!record && request_method == FLOW_M_ACK))
            return NULL;
    }
    flow_read_message(msg, &m);
    if (!m.call_id.p || !sip_text_parse_cseq(m.cseq, &cseq, &cseq_method))
        return NULL;
    method = method_of(cseq_method);
    if (!tells_outcome(method))
        return NULL;
    from_tag = flow_tag_hash(m.from);
    f = flow_for(pinfo, &m, sip_span_hash(SIP_SPAN_HASH_START, m.call_id), record && method != FLOW_M_ACK);
    if (!f)
        return NULL;
    if (method == FLOW_M_ACK) {
        if (record && !msg->start.is_response)
            note_ack(f, cseq, from_tag);
        return NULL;
    }
    i = find_txn(f, cseq, method, from_tag);
    if (i < 0 && record)
        i = add_txn(f, cseq, method, from_tag, pinfo->num);
    if (i < 0)
        return NULL;
    if (record) {
        flow_txn_t *t = &f->txns[i];
        if (msg->start.is_response) {
            note_response(f, t, pinfo, msg, &m);
        } else {
            if (!(t->flags & FLOW_T_REQUEST_SEEN)
                && (method == FLOW_M_BYE || method == FLOW_M_CANCEL || method == FLOW_M_NOTIFY))
                note_ending(t, msg, &m);
            note_request(f, t, pinfo, &m);
        }
        if (!msg->start.is_response && method == FLOW_M_CANCEL) {
            gint inv = find_txn(f, cseq, FLOW_M_INVITE, from_tag);
            if (inv >= 0 && !f->txns[inv].cancel_frame)
                f->txns[inv].cancel_frame = pinfo->num;
        }
    }
    *txn_out = (guint)i;
    return f;
}

void
flow_records_begin_frame(packet_info *pinfo)
{
    recording = pinfo->num > recorded_upto || (!PINFO_FD_VISITED(pinfo) && pinfo->num == recorded_upto);
    if (recording)
        recorded_upto = pinfo->num;
}

void
flow_records_keep_names(gboolean keep)
{
    names_kept = keep;
}

gboolean
flow_records_complete(void)
{
    return !recording;
}

const flow_t *
flow_records_note(packet_info *pinfo, const sip_explain_message_t *msg, guint *txn)
{
    return note_or_find(pinfo, msg, txn, recording);
}

const flow_t *
flow_records_note_unreachable(packet_info *pinfo, const sip_explain_message_t *msg, guint *txn)
{
    const flow_t *f = note_or_find(pinfo, msg, txn, FALSE);

    if (f && recording && !f->txns[*txn].unreachable_frame)
        ((flow_t *)f)->txns[*txn].unreachable_frame = pinfo->num;
    return f;
}

void
flow_records_note_time(packet_info *pinfo)
{
    gint64 t = ms_of(&pinfo->abs_ts);

    if (t > capture_end_ms)
        capture_end_ms = t;
}

gint64
flow_records_capture_end_ms(void)
{
    return capture_end_ms;
}
