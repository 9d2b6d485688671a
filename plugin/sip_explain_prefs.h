/* sip_explain_prefs.h
 * The plugin's preferences: one owner (sip_explain_prefs.c) that registers
 * them all, the user's table included; every other part is handed the
 * values it needs.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SIP_EXPLAIN_PREFS_H
#define SIP_EXPLAIN_PREFS_H

#include <epan/prefs.h>

#include "sip_explain_table.h"
#include "ws_compat.h"

typedef struct {
    sip_explain_ws_bool_t explain_1xx_2xx;  /* explain provisional and success responses */
    int min_severity;                       /* sip_explain_severity_t: lowest that raises expert info */
    sip_explain_ws_bool_t context;          /* show context findings */
    int lang;                               /* sip_explain_lang_t of the texts */
    sip_explain_ws_bool_t outcomes;         /* follow calls and registrations as flows */
} sip_explain_prefs_t;

/* The current values (Wireshark writes them when the user changes them). */
const sip_explain_prefs_t *sip_explain_prefs(void);

/* The language of the texts, always a valid sip_explain_lang_t. */
sip_explain_lang_t sip_explain_prefs_lang(const sip_explain_prefs_t *prefs);

/* Registers the preferences of the protocol, the user's table of response
 * code texts (sip_explain_uat.c) among them. */
void sip_explain_prefs_register(int proto);

#endif /* SIP_EXPLAIN_PREFS_H */
