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
 * we add (or, in interactive programs, requests to record)? wanted: with a
 * tree, sip_explain_output_wanted() of it, which the caller keeps. quoted
 * is set: is the frame's SIP quoted in an ICMP error (no live message)? */
gboolean sip_explain_frame_has_work(packet_info *pinfo, proto_tree *tree, gboolean wanted, gboolean *quoted);

/* Has SIP put a top-level item in this tree? */
gboolean sip_explain_tree_has_sip(proto_tree *tree);

/* With a tree: the messages are SIP's top-level items (one per message,
 * several over TCP). Responses are explained when wanted, requests recorded
 * when record; quoted: from sip_explain_frame_has_work(). Returns whether
 * the frame had SIP messages to work on. */
gboolean sip_explain_locate_in_tree(packet_info *pinfo, proto_tree *tree, gboolean wanted, gboolean record,
                                    const sip_explain_context_opts_t *opts, gboolean quoted);

/* Without SIP's items (no tree, or, from Wireshark 4.6, none in a tree
 * nobody sees): the messages found in the frame's data sources, whole ones
 * only (as SIP dissects them), reassembled data first, each message once.
 * Responses are explained when explain, requests recorded when record;
 * tree: where to add (NULL: none). */
void sip_explain_locate_in_data_sources(packet_info *pinfo, proto_tree *tree, gboolean explain,
                                        gboolean record, const sip_explain_context_opts_t *opts,
                                        gboolean quoted);

#endif /* SIP_EXPLAIN_MESSAGE_LOCATE_H */
