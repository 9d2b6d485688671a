/* flow_table.h
 * The table of flows (tshark -z sip_explain,calls; Statistics > SIP
 * Explain > Calls and registrations), fed by the "sip_explain_calls" tap.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef FLOW_TABLE_H
#define FLOW_TABLE_H

/* Registers the table; called from proto_register_sip_explain(), after
 * the tap is registered (sip_explain_outcome_register()). */
void sip_explain_flow_table_register(void);

#endif /* FLOW_TABLE_H */
