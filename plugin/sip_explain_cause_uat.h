/* sip_explain_cause_uat.h
 * The user's table "sip_explain_causes" (Edit > Preferences > Protocols >
 * SIP Explain > Vendor cause codes): rows add a vendor's cause code the
 * built-in tables (data/freeswitch_causes.ini, data/ms_diagnostics.ini,
 * data/twilio_errors.ini) lack, or replace the text of one they have,
 * without rebuilding.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SIP_EXPLAIN_CAUSE_UAT_H
#define SIP_EXPLAIN_CAUSE_UAT_H

#include <glib.h>

#include <epan/uat.h>

#include "sip_explain_table.h"

/* The table, for the preferences to register (sip_explain_prefs.c). */
uat_t *sip_explain_cause_uat_new(void);

/* The user's row for a vendor's code (its meaning in every language), or
 * NULL. */
const sip_explain_code_text_t *sip_explain_uat_cause(sip_explain_cause_table_t table, guint32 code);

#endif /* SIP_EXPLAIN_CAUSE_UAT_H */
