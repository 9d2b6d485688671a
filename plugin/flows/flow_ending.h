/* flow_ending.h
 * How an answered call ended: who hung up (the BYE's direction), why (its
 * Reason, RFC 3326), after how long (2xx to BYE); a 2xx never
 * acknowledged (RFC 3261 section 13.3.1.4); a hang-up that failed (the
 * BYE refused, or unanswered within Timer F).
 *
 * Rules (docs/user-guide.md, "How a call ended"):
 * - The BYE that ended the call is the call's first BYE after its 2xx;
 *   sent with the INVITE's From tag it is the caller's, else the callee's.
 * - Not acknowledged: no ACK with the INVITE's CSeq number and From tag
 *   came, the 2xx was sent again at least once at least FLOW_T1_MIN_MS
 *   after the first (a copy from another hop comes within milliseconds),
 *   and either the callee then ended the call with a BYE or its copies went
 *   on for FLOW_NOT_ACKED_SPAN_MS (half of 64*T1): the callee never got an
 *   ACK. A capture that ends earlier, or a 2xx never sent again (one leg
 *   captured, the ACK on another path), claims nothing.
 * - Hang-up failed: the last BYE got a final response >= 300 other than
 *   481, or none within Timer F while the capture went on. A 481 is not a
 *   failure: the other side no longer holds the dialog (it ended it first,
 *   or never had it), and RFC 3261 section 15.1.2 has the sender consider
 *   the session ended on 481, as on 408 or no answer; but a 408 or no
 *   answer means the far end may still hold the call, so those count.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef FLOW_ENDING_H
#define FLOW_ENDING_H

#include "flows/flow_transfer.h"
#include "flows/flow_verdict.h"

/* A copy of a 2xx this long after the first is a retransmission for want
 * of an ACK (T1 = 500 ms, less some jitter), not another hop's copy. */
#define FLOW_T1_MIN_MS 400u
/* Copies of a 2xx going on this long (half of 64*T1) without an ACK show
 * the ACK is not coming. */
#define FLOW_NOT_ACKED_SPAN_MS 16000u

typedef struct {
    gint bye;                   /* the BYE that ended the call (txn index); -1: none seen */
    gboolean by_callee;         /* sent by the callee (else the caller) */
    guint32 duration_ms;        /* from the 2xx to that BYE */
    gboolean not_acked;         /* the 2xx was never acknowledged (rules above) */
    guint16 copies;             /* of the 2xx */
    guint32 copies_span_ms;     /* from its first copy to its last */
    gint failed_bye;            /* the BYE that failed (txn index); -1: the hang-up did not fail */
    gboolean bye_unanswered;    /* that BYE got no final response within Timer F */
} flow_ending_t;

/* Is o the outcome of an answered call (whose ending is told)? */
static inline gboolean
flow_outcome_is_answered(flow_kind_t kind, flow_outcome_t o)
{
    return kind == FLOW_KIND_CALL
        && (o == FLOW_OUTCOME_ANSWERED || o == FLOW_OUTCOME_ANSWERED_NOT_ACKED || o == FLOW_OUTCOME_HANGUP_FAILED);
}

/* How the call answered in transaction answered (a main INVITE with a
 * 2xx) ended, as far as recorded; end_ms: the capture's last time. */
void flow_ending_of(const flow_t *f, guint answered, gint64 end_ms, flow_ending_t *out);

/* The outcome of that answered call: ANSWERED, ANSWERED_NOT_ACKED or
 * HANGUP_FAILED. */
flow_outcome_t flow_ending_outcome(const flow_t *f, guint answered, gint64 end_ms);

/* What followed a decided attempt: how the call ended, where the attempt
 * is an answered call, and the transfer the attempt names (that call's
 * last REFER, or a REFER's own result). Worked out once, for the outcome
 * text, the fields, the table's cells and the next deadline alike. */
typedef struct {
    gboolean answered;          /* an answered call (flow_outcome_is_answered()): ending is set */
    flow_ending_t ending;       /* bye and failed_bye -1 otherwise */
    flow_transfer_t transfer;   /* outcome NONE: no transfer */
} flow_aftermath_t;

/* The aftermath of attempt a of a flow of this kind; end_ms: the
 * capture's last time. */
void flow_aftermath_of(const flow_t *f, flow_kind_t kind, const flow_attempt_t *a, gint64 end_ms,
                       flow_aftermath_t *out);

/* "caller", "callee" or "" (no BYE seen): sip_explain.hangup.by. */
const char *flow_ending_by(const flow_ending_t *e);

/* The hook of the verdict (flow_verdict.c, walk()): the outcome o that
 * main transaction txn's final response gives, refined by what followed
 * it: an answered call by how it ended (above), a REFER's 2xx by the
 * transfer's result (flows/flow_transfer.h). */
flow_outcome_t flow_ending_refine(const flow_t *f, flow_kind_t kind, guint txn, flow_outcome_t o, gint64 end_ms);

#endif /* FLOW_ENDING_H */
