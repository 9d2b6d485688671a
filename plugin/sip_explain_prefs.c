/* sip_explain_prefs.c
 * Registers the plugin's preferences, the user's table among them, and
 * owns their values.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "sip_explain_prefs.h"

#include "sip_explain_uat.h"
#include "sip_explain_cause_uat.h"

static sip_explain_prefs_t current = {
    .explain_1xx_2xx = TRUE,
    .min_severity = SIP_EXPLAIN_SEV_CHAT,
    .context = TRUE,
    .lang = SIP_EXPLAIN_LANG_EN,
    .outcomes = TRUE,
};

static const enum_val_t severity_pref_vals[] = {
    { "chat",    "Chat (every response)",     SIP_EXPLAIN_SEV_CHAT },
    { "note",    "Note",                      SIP_EXPLAIN_SEV_NOTE },
    { "warning", "Warning",                   SIP_EXPLAIN_SEV_WARNING },
    { "error",   "Error",                     SIP_EXPLAIN_SEV_ERROR },
    { NULL, NULL, -1 }
};

static const enum_val_t lang_pref_vals[] = {
    { "en", "English",                SIP_EXPLAIN_LANG_EN },
    { "ru", "Russian (Русский)",      SIP_EXPLAIN_LANG_RU },
    { "vi", "Vietnamese (Tiếng Việt)", SIP_EXPLAIN_LANG_VI },
    { NULL, NULL, -1 }
};

const sip_explain_prefs_t *
sip_explain_prefs(void)
{
    return &current;
}

sip_explain_lang_t
sip_explain_prefs_lang(const sip_explain_prefs_t *p)
{
    return (unsigned)p->lang < SIP_EXPLAIN_LANG_COUNT ? (sip_explain_lang_t)p->lang : SIP_EXPLAIN_LANG_EN;
}

void
sip_explain_prefs_register(int proto)
{
    module_t *module = prefs_register_protocol(proto, NULL);

    prefs_register_bool_preference(module, "explain_1xx_2xx", "Explain provisional and success responses",
        "Add the Explanation subtree to 1xx and 2xx responses too", &current.explain_1xx_2xx);
    prefs_register_enum_preference(module, "min_severity", "Lowest severity that raises expert info",
        "Responses judged below this severity get no expert info (their fields stay)",
        &current.min_severity, severity_pref_vals, FALSE);
    prefs_register_bool_preference(module, "context", "Show context findings",
        "Link each response to its request and explain the headers that matter", &current.context);
    prefs_register_enum_preference(module, "language", "Language of the texts",
        "Language of description, when and fix, of the context findings, expert messages and statistics rows (English where a text is not translated)",
        &current.lang, lang_pref_vals, FALSE);
    prefs_register_bool_preference(module, "outcomes", "Judge call outcomes",
        "Follow each call and registration through its requests and responses and give its outcome "
        "(sip_explain.outcome, the expert item of the deciding response, Statistics > SIP Explain > "
        "Calls and registrations). Off: no flow is recorded", &current.outcomes);
    prefs_register_uat_preference(module, "codes", "Response code texts",
        "Your own texts for response codes: override a built-in explanation or add a vendor code",
        sip_explain_uat_new());
    prefs_register_uat_preference(module, "causes", "Vendor cause codes",
        "Your own cause codes of a vendor (FreeSWITCH Reason causes, ms-diagnostics ids, X-Twilio-Error codes): "
        "add one the built-in tables lack or replace the text of one they have",
        sip_explain_cause_uat_new());
}
