/* sip_explain_context.c
 * Placeholder until the transaction context lands (issue 3): registers
 * nothing and adds nothing.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "context/sip_explain_context.h"

void
sip_explain_context_register(int proto _U_)
{
}

void
sip_explain_context_request(packet_info *pinfo _U_, const sip_explain_message_t *msg _U_)
{
}

void
sip_explain_context_response(packet_info *pinfo _U_, proto_tree *tree _U_, proto_item *code_item _U_,
                             const sip_explain_message_t *msg _U_, const sip_explain_entry_t *entry _U_)
{
}
