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

/* Longest Call-ID, From or To kept, in bytes. */
#define TEXT_MAX 80
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

static const struct {
    const char *name;
    flow_method_t m;
} method_names[] = {
    { "INVITE", FLOW_M_INVITE }, { "ACK", FLOW_M_ACK }, { "CANCEL", FLOW_M_CANCEL }, { "BYE", FLOW_M_BYE },
    { "REGISTER", FLOW_M_REGISTER }, { "SUBSCRIBE", FLOW_M_SUBSCRIBE }, { "NOTIFY", FLOW_M_NOTIFY },
    { "PUBLISH", FLOW_M_PUBLISH }, { "MESSAGE", FLOW_M_MESSAGE }, { "OPTIONS", FLOW_M_OPTIONS },
    { "REFER", FLOW_M_REFER }, { "PRACK", FLOW_M_PRACK }, { "UPDATE", FLOW_M_UPDATE }, { "INFO", FLOW_M_INFO },
};

static flow_method_t
method_of(sip_span_t s)
{
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(method_names); i++)
        if (sip_span_equals(s, method_names[i].name))
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
keep_text(sip_span_t s, gboolean shared)
{
    char buf[TEXT_MAX + 1];
    size_t n = MIN(s.len, (size_t)TEXT_MAX), i;

    if (!s.p)
        return "";
    for (i = 0; i < n; i++)
        buf[i] = g_ascii_isprint(s.p[i]) ? s.p[i] : '?';
    buf[n] = '\0';
    return shared ? sip_explain_keep_once(texts, buf) : wmem_strdup(wmem_file_scope(), buf);
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
        f->call_id = keep_text(m->call_id, FALSE);
        f->from = keep_text(flow_uri_of(m->from), TRUE);
        f->to = keep_text(flow_uri_of(m->to), TRUE);
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

static void
note_request(flow_t *f, flow_txn_t *t, packet_info *pinfo, const flow_message_t *m, gboolean to_tag)
{
    guint32 now = since(f, pinfo);

    if (!(t->flags & FLOW_T_REQUEST_SEEN)) {
        t->flags |= FLOW_T_REQUEST_SEEN;
        t->request_frame = pinfo->num;
        t->request_ms = now;
        if (to_tag)
            t->flags |= FLOW_T_TO_TAG;
        if (m->credentials)
            t->flags |= FLOW_T_CREDENTIALS;
        if (t->method == FLOW_M_REGISTER && flow_asks_unregister(m))
            t->flags |= FLOW_T_UNREGISTER;
    }
    if (t->copies < G_MAXUINT16)
        t->copies++;
    t->last_request_frame = pinfo->num;
}

/* The final response that counts: the first 2xx; else the last final
 * response of another code or dialog (a proxy forwards the best final
 * response after those of its branches), a copy of it (same code and To
 * tag: a retransmission, another hop) changing nothing. */
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
        }
        return;
    }
    tag = flow_tag_hash(m->to);
    if (t->final_frame) {
        if (t->final_code >= 200 && t->final_code < 300)
            return;                     /* the first 2xx counts */
        if (t->final_code == code && t->final_tag == tag)
            return;                     /* a copy */
    }
    t->final_frame = pinfo->num;
    t->final_code = (guint16)MIN(code, 999u);
    t->final_tag = tag;
    t->final_ms = since(f, pinfo);
    t->q850_cause = m->q850_cause;
    t->warn_code = m->warn_code;
    t->flags = (guint8)(t->flags & ~(FLOW_T_RETRY_AFTER | FLOW_T_FINAL_NO_CONTACT | FLOW_T_STALE));
    if (m->stale)
        t->flags |= FLOW_T_STALE;
    if (m->has_retry_after) {
        t->flags |= FLOW_T_RETRY_AFTER;
        t->retry_after = m->retry_after;
    }
    if (code >= 200 && code < 300 && !m->has_contact)
        t->flags |= FLOW_T_FINAL_NO_CONTACT;
}

/* Can a message of this method tell a flow's outcome? ACK never does
 * (nothing answers it); BYE, PRACK, UPDATE, INFO and NOTIFY are never a
 * flow's main request, and count only for the table's mid-dialog flows. */
static gboolean
tells_outcome(flow_method_t m)
{
    switch (m) {
    case FLOW_M_ACK:
        return FALSE;
    case FLOW_M_BYE:
    case FLOW_M_PRACK:
    case FLOW_M_UPDATE:
    case FLOW_M_INFO:
    case FLOW_M_NOTIFY:
        return names_kept;
    default:
        return TRUE;
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
    /* A request that can be no flow's main one is not even read, unless
     * the table, which lists flows seen only mid-dialog, wants it. */
    if (!msg->start.is_response && !tells_outcome(method_of(msg->start.method)))
        return NULL;
    flow_read_message(msg, &m);
    if (!m.call_id.p || !sip_text_parse_cseq(m.cseq, &cseq, &cseq_method))
        return NULL;
    method = method_of(cseq_method);
    if (!tells_outcome(method))
        return NULL;
    from_tag = flow_tag_hash(m.from);
    f = flow_for(pinfo, &m, sip_span_hash(SIP_SPAN_HASH_START, m.call_id), record);
    if (!f)
        return NULL;
    i = find_txn(f, cseq, method, from_tag);
    if (i < 0 && record)
        i = add_txn(f, cseq, method, from_tag, pinfo->num);
    if (i < 0)
        return NULL;
    if (record) {
        flow_txn_t *t = &f->txns[i];
        if (msg->start.is_response)
            note_response(f, t, pinfo, msg, &m);
        else
            note_request(f, t, pinfo, &m, flow_tag_hash(m.to) != 0);
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
