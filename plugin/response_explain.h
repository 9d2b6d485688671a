/* response_explain.h
 * The Explanation subtree of a SIP response: status code, class, registered
 * reason, severity, summary, the texts (meaning, when seen, how to fix),
 * the RFC, its expert info, and the record queued on the "sip_explain" tap.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SIP_EXPLAIN_RESPONSE_EXPLAIN_H
#define SIP_EXPLAIN_RESPONSE_EXPLAIN_H

#include <epan/expert.h>
#include <epan/packet.h>

#include "context/sip_explain_context.h"
#include "sip_explain.h"

/* Registers the fields, subtrees and expert infos of the Explanation, the
 * per-code ones included (response_experts.h). proto: the protocol whose
 * item heads the subtree; tap: where each explained response is queued. */
void sip_explain_response_register(int proto, int tap, expert_module_t *expert);

/* Will the severity of responses in this tree (NULL: none) be read: the
 * field sip_explain.severity shown, or the tap listening? Then the context
 * judges its findings, which that severity includes. */
gboolean sip_explain_response_severity_read(proto_tree *tree);

/* Explains one response: adds its Explanation to root (NULL when no tree is
 * built), raises its expert info, queues it on the tap and hands it to the
 * context. opts: the language, findings switch and user rows in force, and
 * judge = sip_explain_response_severity_read(root), asked once per frame. */
void sip_explain_response(packet_info *pinfo, proto_tree *root, const sip_explain_message_t *msg,
                          const sip_explain_context_opts_t *opts);

/* Queues a flow note on the "sip_explain" tap where it listens: the flow
 * a message was noted in, or NULL for the clock (sip_explain_stats.h). */
void sip_explain_response_queue_flow(packet_info *pinfo, const struct flow *flow);

#endif /* SIP_EXPLAIN_RESPONSE_EXPLAIN_H */
