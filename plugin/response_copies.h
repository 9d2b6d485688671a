/* response_copies.h
 * Retransmitted final responses: a server transaction sends its final
 * response again until the ACK comes (RFC 3261 section 17.2.1), a UAS its
 * 2xx (section 13.3.1.4): the same message (same transaction, code, To tag
 * and every other byte) sent again between the same addresses and ports.
 * It is explained once, at the first copy; a proxy relaying the response
 * to the next hop sends it between other addresses, a message of its own,
 * explained too. A final response that differs in any byte (another
 * fork's To tag) is no copy.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SIP_EXPLAIN_RESPONSE_COPIES_H
#define SIP_EXPLAIN_RESPONSE_COPIES_H

#include <epan/packet.h>

#include "sip_explain.h"

/* Created and freed with the capture file (registered by the routine below). */
void sip_explain_copies_register(void);

/* Notes a final response the first time its frame is dissected; returns
 * the frame of its first copy: pinfo->num for the first, an earlier frame
 * for a retransmission, 0 for a message that names no transaction. */
guint32 sip_explain_response_copy_of(packet_info *pinfo, const sip_explain_message_t *msg);

#endif /* SIP_EXPLAIN_RESPONSE_COPIES_H */
