/* sip_explain_uat.h
 * The user's table "sip_explain_codes" (Edit > Preferences > Protocols >
 * SIP Explain > Response code texts): rows override the built-in texts of a
 * code or add a code the registry lacks.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SIP_EXPLAIN_UAT_H
#define SIP_EXPLAIN_UAT_H

#include <epan/uat.h>

#include "sip_explain_overrides.h"

/* The table, for the preferences to register (sip_explain_prefs.c). */
uat_t *sip_explain_uat_new(void);

/* The rows of the user's table that apply (NULL when there are none). */
const sip_explain_overrides_t *sip_explain_uat_overrides(void);

#endif /* SIP_EXPLAIN_UAT_H */
