/* flow_verdict.h
 * What happened to a flow, and why: its outcome, the response that decided
 * it, and what each earlier response was on the way (a challenge, a
 * redirect that was followed, a request retried).
 *
 * A flow is a series of attempts. An attempt is a run of its main requests
 * (a call's initial INVITEs, a registration's REGISTERs, ...) where each
 * was sent again after a final response that asked for it (a challenge, a
 * redirect, 422, 423 ...); it ends with a 2xx or with a final response
 * after which nothing was sent again. The flow's outcome is its last
 * attempt's.
 *
 * What is judged is what was recorded: in one pass, the frames before the
 * one being dissected; after the first pass (tshark -2, the GUI, the table
 * drawn at the end), the whole capture (complete = TRUE). A response that
 * asks for a retry is decisive only when the rest is known and no retry
 * came; until then it is a step that expects one.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef FLOW_VERDICT_H
#define FLOW_VERDICT_H

#include "flows/flow_records.h"

/* The outcome vocabulary, one row per outcome in flows/flow_outcomes.def. */
typedef enum {
#define OUTCOME(name, keyword, severity, summary, template_id) FLOW_OUTCOME_##name,
#define OUTCOME_WITHOUT_EXPERT(name, keyword, template_id) FLOW_OUTCOME_##name,
#include "flows/flow_outcomes.def"
    FLOW_OUTCOME_COUNT
} flow_outcome_t;

/* What a response that did not decide its attempt was. */
typedef enum {
    FLOW_STEP_NONE,
    FLOW_STEP_CHALLENGE,        /* 401/407: credentials expected, or sent */
    FLOW_STEP_REDIRECT,         /* 3xx: a request to the new target expected, or sent */
    FLOW_STEP_RETRY,            /* another final response that was (or invites being) answered by a retry */
    FLOW_STEP_COUNT
} flow_step_t;

/* Timer B and Timer F with the default T1 of 500 ms (RFC 3261 sections
 * 17.1.1.2, 17.1.2.2): how long a client waits for a final response. */
#define FLOW_TIMER_B_MS 32000u

/* One attempt: txn indices into flow_t.txns. */
typedef struct {
    gint first, last;                   /* its first and its deciding main transaction */
    flow_outcome_t outcome;             /* NONE: not decided yet */
    guint challenges;                   /* 401/407 in it */
    guint refusals_after_credentials;   /* of those, answers to a request with credentials */
} flow_attempt_t;

/* The whole flow as judged. */
typedef struct {
    flow_kind_t kind;
    flow_attempt_t last;                /* its last attempt (first = -1: none) */
} flow_verdict_t;

/* What one transaction's final response was in its flow. */
typedef struct {
    flow_kind_t kind;
    gboolean main;                      /* one of the flow's main requests */
    gboolean decisive;                  /* it decided its attempt: outcome is set */
    flow_outcome_t outcome;             /* decisive: the outcome; a step: its attempt's (may be NONE) */
    flow_step_t step;                   /* not decisive: what it was */
    guint32 retry_frame;                /* the request that followed it (0: none yet) */
    guint32 decided_frame;              /* a step: the response that decided its attempt (0: not yet) */
    flow_attempt_t attempt;
} flow_txn_verdict_t;

/* Can this transaction be one of a flow's main requests, whose main
 * method is m: of that method, and for an INVITE not one sent inside a
 * dialog (its request seen with a To tag)? Within an attempt, exactly its
 * main requests; across the flow, a call's also end at its first 2xx. */
static inline gboolean
flow_txn_may_be_main(const flow_txn_t *t, flow_method_t m)
{
    return t->method == m
        && !(m == FLOW_M_INVITE && (t->flags & FLOW_T_REQUEST_SEEN) && (t->flags & FLOW_T_TO_TAG));
}

/* Judges the flow. complete: every frame of the capture is recorded;
 * end_ms: the capture's last time (flow_records_capture_end_ms()). */
void flow_judge(const flow_t *f, gboolean complete, gint64 end_ms, flow_verdict_t *out);

/* Judges one transaction's part in its flow. */
void flow_judge_txn(const flow_t *f, guint txn, gboolean complete, gint64 end_ms, flow_txn_verdict_t *out);

/* The frame of the response that decided the attempt (for no final
 * response: the request's last copy); 0 when none. */
guint32 flow_attempt_frame(const flow_t *f, const flow_attempt_t *a);

/* The keyword of an outcome ("answered") and of a step ("challenge"). */
const char *flow_outcome_keyword(flow_outcome_t o);
const char *flow_step_keyword(flow_step_t s);

/* The keyword of a flow kind ("call", "registration"). */
const char *flow_kind_keyword(flow_kind_t k);


#endif /* FLOW_VERDICT_H */
