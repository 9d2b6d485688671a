/* flow_outcome.h
 * Call outcomes as Wireshark shows them: the fields sip_explain.outcome,
 * .outcome_text, .step, .step_text, .outcome_frame, .retry_frame and
 * .flow_kind, an expert item per outcome on a flow's decisive response,
 * and the "sip_explain_calls" tap the table of flows reads.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef FLOW_OUTCOME_H
#define FLOW_OUTCOME_H

#include <epan/expert.h>
#include <epan/packet.h>

#include "context/sip_explain_context.h"
#include "flows/flow_verdict.h"
#include "sip_explain.h"

/* Registers the fields, the expert infos, the tap and the records' init
 * and cleanup routines. ett: the Explanation's subtree, for requests. */
void sip_explain_outcome_register(int proto, expert_module_t *expert);

/* Is an outcome read in this tree (NULL: no tree, only taps)? In tshark
 * the answer holds for a pass. */
gboolean sip_explain_outcome_read(proto_tree *tree);

/* Does the table of flows listen? */
gboolean sip_explain_outcome_table_listens(void);

/* Before the messages of a frame whose flows are recorded: the frame is
 * recorded if it is dissected for the first time (flow_records.h). */
void sip_explain_outcome_begin_frame(packet_info *pinfo);

/* Notes the message in its flow (msg->flow, msg->flow_txn) and queues the
 * flow on the table's tap. */
void sip_explain_outcome_note(packet_info *pinfo, sip_explain_message_t *msg);

/* A request quoted in an ICMP error (transport_error.h): its transaction
 * failed to send; queued on the table's tap as a note is. */
void sip_explain_outcome_unreachable(packet_info *pinfo, sip_explain_message_t *msg);

/* Every frame: how far the capture goes, and the table's clock. */
void sip_explain_outcome_frame(packet_info *pinfo);

/* Adds what the response means for its flow to its Explanation (tree may
 * be NULL: only expert info), code_item: where expert info hangs. Returns
 * the outcome the response decides (NONE when it decides none). */
flow_outcome_t sip_explain_outcome_response(packet_info *pinfo, proto_tree *tree, proto_item *code_item,
                                            const sip_explain_message_t *msg,
                                            const sip_explain_context_opts_t *opts);

/* A request that never got a final response, once the whole capture is
 * known: its last copy gets the verdict (root: the frame's tree). */
void sip_explain_outcome_request(packet_info *pinfo, proto_tree *root, const sip_explain_message_t *msg,
                                 const sip_explain_context_opts_t *opts);

#endif /* FLOW_OUTCOME_H */
