/* response_experts.h
 * The expert fields of explained responses, generated from the table: one
 * per registered code and one per class (for codes the registry lacks), so
 * that the Expert Information dialog groups entries by code.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SIP_EXPLAIN_RESPONSE_EXPERTS_H
#define SIP_EXPLAIN_RESPONSE_EXPERTS_H

#include <epan/expert.h>

#include "sip_explain_table.h"

/* The longest expert message that Wireshark shows whole: it labels the
 * expert item "Expert Info (<severity>/<group>): <message>" in
 * ITEM_LABEL_LENGTH bytes with the NUL; the longest prefix our groups give
 * is "Expert Info (Warning/Malformed): ". */
#define SIP_EXPLAIN_EXPERT_MSG_MAX \
    (ITEM_LABEL_LENGTH - 1 - (sizeof "Expert Info (Warning/Malformed): " - 1))

/* Registers "sip_explain.response.<code>" for every registered code,
 * "sip_explain.response.<N>xx" for every class, and
 * "sip_explain.response.<code>.<method>" for every method whose texts
 * have a severity of their own, each with the severity the table judges. */
void sip_explain_response_experts_register(expert_module_t *expert);

/* The expert field of a response: its method's (variant: the texts shown,
 * NULL for the general ones) where that has a severity of its own, else its
 * code's, or its class's (entry is the response's explanation, never NULL). */
expert_field *sip_explain_response_expert(uint32_t code, const sip_explain_entry_t *entry,
                                          const sip_explain_method_texts_t *variant);

#endif /* SIP_EXPLAIN_RESPONSE_EXPERTS_H */
