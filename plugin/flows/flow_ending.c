/* flow_ending.c
 * Routines for how an answered call ended (see flow_ending.h): the BYEs
 * after its 2xx and the ACK that came or did not (the words for them:
 * flow_ending_text.c).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "flows/flow_ending.h"

#include <string.h>

#include "flows/flow_transfer.h"

static guint32
request_ms(const flow_txn_t *t)
{
    return (t->flags & FLOW_T_REQUEST_SEEN) ? t->request_ms : t->final_ms;
}

void
flow_ending_of(const flow_t *f, guint answered, gint64 end_ms, flow_ending_t *out)
{
    const flow_txn_t *inv = &f->txns[answered];
    guint i;

    memset(out, 0, sizeof *out);
    out->bye = out->failed_bye = -1;
    out->copies = inv->final_copies;
    out->copies_span_ms = inv->final_last_ms >= inv->final_ms ? inv->final_last_ms - inv->final_ms : 0;
    for (i = answered + 1; i < f->n_txns; i++) {
        const flow_txn_t *t = &f->txns[i];
        if (t->method != FLOW_M_BYE)
            continue;
        if (out->bye < 0) {
            guint32 at = request_ms(t);
            out->bye = (gint)i;
            out->by_callee = t->from_tag != inv->from_tag;
            out->duration_ms = at >= inv->final_ms ? at - inv->final_ms : 0;
        }
        /* A hang-up fails when the last BYE did (flow_ending.h). */
        out->failed_bye = -1;
        out->bye_unanswered = FALSE;
        if (t->final_frame && t->final_code >= 300 && t->final_code != 481) {
            out->failed_bye = (gint)i;
        } else if (!t->final_frame && (t->flags & FLOW_T_REQUEST_SEEN)
                   && end_ms - (f->start_ms + (gint64)t->request_ms) >= (gint64)FLOW_TIMER_B_MS) {
            out->failed_bye = (gint)i;
            out->bye_unanswered = TRUE;
        }
    }
    out->not_acked = inv->final_code >= 200 && inv->final_code < 300 && !(inv->flags & FLOW_T_ACKED)
                  && out->copies >= 2 && out->copies_span_ms >= FLOW_T1_MIN_MS
                  && ((out->bye >= 0 && out->by_callee) || out->copies_span_ms >= FLOW_NOT_ACKED_SPAN_MS);
}

flow_outcome_t
flow_ending_outcome(const flow_t *f, guint answered, gint64 end_ms)
{
    flow_ending_t e;

    flow_ending_of(f, answered, end_ms, &e);
    if (e.not_acked)
        return FLOW_OUTCOME_ANSWERED_NOT_ACKED;
    if (e.failed_bye >= 0)
        return FLOW_OUTCOME_HANGUP_FAILED;
    return FLOW_OUTCOME_ANSWERED;
}

const char *
flow_ending_by(const flow_ending_t *e)
{
    return e->bye < 0 ? "" : e->by_callee ? "callee" : "caller";
}

void
flow_aftermath_of(const flow_t *f, flow_kind_t kind, const flow_attempt_t *a, gint64 end_ms,
                  flow_aftermath_t *out)
{
    memset(out, 0, sizeof *out);
    out->ending.bye = out->ending.failed_bye = -1;
    out->transfer.refer = out->transfer.notify = -1;
    out->transfer.outcome = FLOW_OUTCOME_NONE;
    if (a->last < 0)
        return;
    out->answered = flow_outcome_is_answered(kind, a->outcome);
    if (out->answered) {
        flow_ending_of(f, (guint)a->last, end_ms, &out->ending);
        flow_transfer_last(f, &out->transfer);
    } else if (kind == FLOW_KIND_REFER) {
        flow_transfer_of(f, (guint)a->last, &out->transfer);
    }
}

flow_outcome_t
flow_ending_refine(const flow_t *f, flow_kind_t kind, guint txn, flow_outcome_t o, gint64 end_ms)
{
    const flow_txn_t *t = &f->txns[txn];

    if (kind == FLOW_KIND_CALL && o == FLOW_OUTCOME_ANSWERED)
        return flow_ending_outcome(f, txn, end_ms);
    if (kind == FLOW_KIND_REFER && t->final_code >= 200 && t->final_code < 300) {
        flow_transfer_t x;
        flow_transfer_of(f, txn, &x);
        return x.outcome != FLOW_OUTCOME_NONE ? x.outcome : o;
    }
    return o;
}

