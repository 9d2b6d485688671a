/* flow_transfer.h
 * A transfer's result: a REFER's 202 says only that it was accepted; the
 * result is the final status line in the message/sipfrag body of its
 * NOTIFYs with Event: refer (RFC 3515 section 2.4.5: provisional ones
 * report progress; the one with a final status, which ends the
 * subscription, the result). The NOTIFYs between a
 * REFER and the next REFER of the same flow are that REFER's.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef FLOW_TRANSFER_H
#define FLOW_TRANSFER_H

#include "flows/flow_verdict.h"

typedef struct {
    gint refer;                 /* the REFER (txn index); -1: none */
    gint notify;                /* the NOTIFY that gave the result or the last progress; -1: none */
    guint16 frag_code;          /* that NOTIFY's sipfrag status code; 0: none */
    flow_outcome_t outcome;     /* TRANSFERRED, TRANSFER_FAILED, TRANSFER_ACCEPTED (no final status
                                 * yet), REFUSED (the REFER itself refused); NONE: nothing known */
} flow_transfer_t;

/* The result of the REFER in transaction refer. */
void flow_transfer_of(const flow_t *f, guint refer, flow_transfer_t *out);

/* The result of the flow's last REFER (a transfer inside a call); refer =
 * -1 when it has none. */
void flow_transfer_last(const flow_t *f, flow_transfer_t *out);

#endif /* FLOW_TRANSFER_H */
