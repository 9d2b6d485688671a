/* message_locate.h
 * Finds the SIP messages of a frame and hands each on: a request to the
 * context (to be recorded), a response to its explanation. With a tree they
 * are the SIP dissector's top-level items; without one, they are found in
 * the frame's data sources. Also the frame gate: is there work here at all?
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SIP_EXPLAIN_MESSAGE_LOCATE_H
#define SIP_EXPLAIN_MESSAGE_LOCATE_H

#include <epan/packet.h>

#include "context/sip_explain_context.h"

/* At hand-off, once every protocol is registered: looks up SIP. */
void sip_explain_locate_init(void);

/* Is there anything for us in this frame: SIP, and someone who reads what
 * we add (or, in interactive programs, requests to record)? */
gboolean sip_explain_frame_has_work(packet_info *pinfo, proto_tree *tree);

/* With a tree: the messages are SIP's top-level items (one per message,
 * several over TCP). Responses are explained when wanted; requests are
 * recorded when anything may read their context. Returns whether the frame
 * had SIP messages to work on. */
gboolean sip_explain_locate_in_tree(packet_info *pinfo, proto_tree *tree, gboolean wanted,
                                    const sip_explain_context_opts_t *opts);

/* Without a tree: the messages found in the frame's data sources. Requests
 * are recorded; responses are explained when explain is set (taps listen). */
void sip_explain_locate_in_data_sources(packet_info *pinfo, gboolean explain,
                                        const sip_explain_context_opts_t *opts);

#endif /* SIP_EXPLAIN_MESSAGE_LOCATE_H */
