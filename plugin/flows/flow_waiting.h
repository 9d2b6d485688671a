/* flow_waiting.h
 * The flows whose verdict the capture's clock alone can still change:
 * those waiting for a final response to their main request (Timer B or F)
 * or to the BYE of their answered call (Timer F, hang-up failed). Each
 * reader of verdicts judged as the table judges them (the table of flows,
 * the stats tree's By outcome) keeps such a set, and judges its flows again
 * once the clock passes the earliest deadline.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef FLOW_WAITING_H
#define FLOW_WAITING_H

#include <glib.h>

#include "flows/flow_ending.h"

typedef struct flow_waiting flow_waiting_t;

flow_waiting_t *flow_waiting_new(void);
void flow_waiting_free(flow_waiting_t *w);
/* Forgets every flow (a new capture, a reset tap). */
void flow_waiting_clear(flow_waiting_t *w);

/* When the clock can next change f's verdict v: Timer B or F of its last
 * attempt's main request, still unanswered, or Timer F of a BYE of its
 * answered call, still unanswered (am: flow_aftermath_of() v's last
 * attempt); G_MAXINT64: never. */
gint64 flow_verdict_deadline(const flow_t *f, const flow_verdict_t *v, const flow_aftermath_t *am);

/* f was judged again, its next deadline (flow_verdict_deadline()) is
 * deadline: keeps it in the set until then, or takes it out. */
void flow_waiting_note(flow_waiting_t *w, const flow_t *f, gint64 deadline);

/* Is any flow waiting? */
gboolean flow_waiting_any(const flow_waiting_t *w);

/* Once the clock (now_ms) has passed the earliest deadline: every flow of
 * the set, taken out of it, to be judged again (each is noted again by
 * flow_waiting_note()); else NULL. The caller frees the list. */
GList *flow_waiting_due(flow_waiting_t *w, gint64 now_ms);

#endif /* FLOW_WAITING_H */
