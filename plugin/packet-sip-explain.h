/* packet-sip-explain.h
 * The protocol's registration routines, which plugin.c hands Wireshark.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef PACKET_SIP_EXPLAIN_H
#define PACKET_SIP_EXPLAIN_H

void proto_register_sip_explain(void);
void proto_reg_handoff_sip_explain(void);

#endif /* PACKET_SIP_EXPLAIN_H */
