/* flow_waiting.c
 * The flows a clock can still judge (see flow_waiting.h): a set of flows
 * and the earliest deadline among them.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "flows/flow_waiting.h"

struct flow_waiting {
    GHashTable *flows;                  /* set of const flow_t * */
    gint64 next_deadline;               /* G_MAXINT64: none */
};

flow_waiting_t *
flow_waiting_new(void)
{
    flow_waiting_t *w = g_new0(flow_waiting_t, 1);

    w->flows = g_hash_table_new(g_direct_hash, g_direct_equal);
    w->next_deadline = G_MAXINT64;
    return w;
}

void
flow_waiting_free(flow_waiting_t *w)
{
    if (!w)
        return;
    g_hash_table_destroy(w->flows);
    g_free(w);
}

void
flow_waiting_clear(flow_waiting_t *w)
{
    g_hash_table_remove_all(w->flows);
    w->next_deadline = G_MAXINT64;
}

gint64
flow_verdict_deadline(const flow_t *f, const flow_verdict_t *v, const flow_aftermath_t *am)
{
    const flow_attempt_t *a = &v->last;
    gint64 deadline = G_MAXINT64;
    guint i;

    if (a->last < 0)
        return G_MAXINT64;
    if (a->outcome == FLOW_OUTCOME_UNFINISHED)
        return f->start_ms + (gint64)f->txns[a->last].request_ms + FLOW_TIMER_B_MS;
    if (!am->answered)
        return G_MAXINT64;
    for (i = (guint)a->last + 1; i < f->n_txns; i++) {
        const flow_txn_t *t = &f->txns[i];
        if (t->method == FLOW_M_BYE && !t->final_frame && (t->flags & FLOW_T_REQUEST_SEEN)
            && am->ending.failed_bye != (gint)i) {
            gint64 d = f->start_ms + (gint64)t->request_ms + FLOW_TIMER_B_MS;
            if (d < deadline)
                deadline = d;
        }
    }
    return deadline;
}

void
flow_waiting_note(flow_waiting_t *w, const flow_t *f, gint64 deadline)
{
    if (deadline == G_MAXINT64) {
        g_hash_table_remove(w->flows, f);
        return;
    }
    g_hash_table_add(w->flows, (gpointer)f);
    if (deadline < w->next_deadline)
        w->next_deadline = deadline;
}

gboolean
flow_waiting_any(const flow_waiting_t *w)
{
    return w && g_hash_table_size(w->flows) != 0;
}

GList *
flow_waiting_due(flow_waiting_t *w, gint64 now_ms)
{
    GList *due;

    if (now_ms < w->next_deadline || g_hash_table_size(w->flows) == 0)
        return NULL;
    due = g_hash_table_get_keys(w->flows);
    g_hash_table_remove_all(w->flows);
    w->next_deadline = G_MAXINT64;
    return due;
}
