/* sip_explain.h
 * The types the parts of the sip_explain plugin hand each other.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SIP_EXPLAIN_H
#define SIP_EXPLAIN_H

#include <epan/packet.h>

#include "parse/sip_text.h"
#include "sip_explain_table.h"

struct flow;

/* One SIP message found in the frame, as the post-dissector hands it on. */
typedef struct {
    tvbuff_t *tvb;                /* the data source holding the message */
    int offset;                   /* of the message in tvb */
    const char *text;             /* the message's bytes (not NUL-terminated) */
    size_t len;
    sip_start_line_t start;
    const struct flow *flow;      /* its flow (flows/flow_records.h), where flows are recorded; else NULL */
    unsigned flow_txn;            /* its transaction in the flow */
} sip_explain_message_t;

/* What the tap "sip_explain" delivers: one per explained response, and,
 * with flow_note set, one per message noted in a flow (flow NULL: the
 * clock, see sip_explain_stats.h), which only the stats tree's By outcome
 * reads (the other fields are empty). */
typedef struct {
    uint32_t code;
    sip_explain_class_t klass;          /* NONE for a code outside 100..699 */
    gboolean registered;
    sip_explain_severity_t severity;
    const sip_explain_entry_t *entry;   /* NULL for a code outside 100..699 */
    const char *summary;                /* entry's summary in the language shown; NULL without entry */
    int outcome;                        /* flow_outcome_t of the flow it decides; 0: none (or not read) */
    gboolean flow_note;                 /* a flow note, no response */
    const struct flow *flow;            /* flow_note: the flow noted; NULL: the clock */
} sip_explain_tap_info_t;

#endif /* SIP_EXPLAIN_H */
