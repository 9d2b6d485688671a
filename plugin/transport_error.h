/* transport_error.h
 * SIP quoted in an ICMP error: not a live message but the request (or
 * response) an ICMP error sends back, IP and UDP headers and all. RFC 3261
 * section 18.4 makes host, network, port and protocol unreachable and
 * parameter problem errors a transport failure that the transaction layer
 * reports (section 17.1.4: for an INVITE, as a 503 would be); source quench
 * and time exceeded are ignored. Such a message is never explained or
 * counted as a copy: the ICMP frame gets one expert item saying what the
 * error means, and the quoted request's transaction its transport error.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SIP_EXPLAIN_TRANSPORT_ERROR_H
#define SIP_EXPLAIN_TRANSPORT_ERROR_H

#include <epan/expert.h>
#include <epan/packet.h>

#include "context/sip_explain_context.h"
#include "sip_explain.h"

/* Registers the expert info; proto: SIP Explain. */
void sip_explain_transport_register(int proto, expert_module_t *expert);

/* At hand-off: looks up ICMP and ICMPv6. */
void sip_explain_transport_init(void);

/* Where SIP is in a frame, from its layers. */
typedef enum {
    SIP_EXPLAIN_FRAME_NO_SIP,
    SIP_EXPLAIN_FRAME_SIP,              /* SIP's own message */
    SIP_EXPLAIN_FRAME_SIP_IN_ICMP       /* quoted by an ICMP or ICMPv6 error */
} sip_explain_frame_sip_t;

/* One walk over the frame's layers (frame_layers.h): did SIP (proto_sip)
 * dissect part of it, after ICMP or ICMPv6, which dissects the packet it
 * quotes after itself? Worked out once per frame and passed on. */
sip_explain_frame_sip_t sip_explain_frame_sip(packet_info *pinfo, int proto_sip);

/* A SIP message quoted in this frame's ICMP error: the transport error on
 * the ICMP frame (tree may be NULL: expert info only), and on the quoted
 * request's transaction where flows are recorded (opts->flows). */
void sip_explain_quoted_message(packet_info *pinfo, proto_tree *tree, const sip_explain_message_t *msg,
                                const sip_explain_context_opts_t *opts);

#endif /* SIP_EXPLAIN_TRANSPORT_ERROR_H */
