/* flow_transfer.c
 * Routines for a transfer's result (see flow_transfer.h): the REFER's
 * NOTIFYs read in order, the last final sipfrag status deciding.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "flows/flow_transfer.h"

void
flow_transfer_of(const flow_t *f, guint refer, flow_transfer_t *out)
{
    const flow_txn_t *r = &f->txns[refer];
    guint i;

    out->refer = (gint)refer;
    out->notify = -1;
    out->frag_code = 0;
    out->outcome = FLOW_OUTCOME_NONE;
    for (i = refer + 1; i < f->n_txns && f->txns[i].method != FLOW_M_REFER; i++) {
        const flow_txn_t *t = &f->txns[i];
        /* A final status decides; a provisional one (100 Trying) is progress
         * until one comes. */
        if (t->method != FLOW_M_NOTIFY || !(t->flags & FLOW_T_FRAG))
            continue;
        if (t->frag_code >= 200 || out->frag_code < 200) {
            out->notify = (gint)i;
            out->frag_code = t->frag_code;
        }
    }
    if (out->frag_code >= 300)
        out->outcome = FLOW_OUTCOME_TRANSFER_FAILED;
    else if (out->frag_code >= 200)
        out->outcome = FLOW_OUTCOME_TRANSFERRED;
    else if (r->final_code >= 300)
        out->outcome = FLOW_OUTCOME_REFUSED;
    else if (r->final_code >= 200 || out->notify >= 0)
        out->outcome = FLOW_OUTCOME_TRANSFER_ACCEPTED;
}

void
flow_transfer_last(const flow_t *f, flow_transfer_t *out)
{
    gint i;

    for (i = (gint)f->n_txns - 1; i >= 0; i--)
        if (f->txns[i].method == FLOW_M_REFER) {
            flow_transfer_of(f, (guint)i, out);
            return;
        }
    out->refer = out->notify = -1;
    out->frag_code = 0;
    out->outcome = FLOW_OUTCOME_NONE;
}

