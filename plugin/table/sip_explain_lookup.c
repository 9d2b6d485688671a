/* sip_explain_lookup.c
 * O(1) lookups over the generated explanation tables.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "sip_explain_table.h"

#include <string.h>

static const char *const class_names[] = {
    NULL, "Provisional", "Success", "Redirection",
    "Client Failure", "Server Failure", "Global Failure"
};

static const char *const severity_names[SIP_EXPLAIN_SEV_COUNT] = {
    "Chat", "Note", "Warning", "Error"
};

static const char *const actor_names[SIP_EXPLAIN_ACTOR_COUNT] = {
    "none", "client", "user", "server", "network"
};

static const char *const retry_names[SIP_EXPLAIN_RETRY_COUNT] = {
    "n/a", "never", "after-change", "later", "elsewhere"
};

static const char *const lang_names[SIP_EXPLAIN_LANG_COUNT] = { "en", "ru", "vi" };

sip_explain_class_t
sip_explain_class_of(long code)
{
    if (code < SIP_EXPLAIN_CODE_MIN || code > SIP_EXPLAIN_CODE_MAX)
        return SIP_EXPLAIN_CLASS_NONE;
    return (sip_explain_class_t)(code / 100);
}

const sip_explain_entry_t *
sip_explain_lookup_registered(long code)
{
    if (code < SIP_EXPLAIN_CODE_MIN || code > SIP_EXPLAIN_CODE_MAX)
        return NULL;
    return sip_explain_response_by_code[code - SIP_EXPLAIN_CODE_MIN];
}

const sip_explain_entry_t *
sip_explain_lookup(long code)
{
    const sip_explain_entry_t *entry = sip_explain_lookup_registered(code);
    sip_explain_class_t klass;

    if (entry)
        return entry;
    klass = sip_explain_class_of(code);
    if (klass == SIP_EXPLAIN_CLASS_NONE)
        return NULL;
    return &sip_explain_classes[klass - 1];
}

const char *
sip_explain_class_name(sip_explain_class_t klass)
{
    if ((unsigned)klass >= sizeof class_names / sizeof class_names[0])
        return NULL;
    return class_names[klass];
}

const char *
sip_explain_severity_name(sip_explain_severity_t sev)
{
    return (unsigned)sev < SIP_EXPLAIN_SEV_COUNT ? severity_names[sev] : NULL;
}

const char *
sip_explain_actor_name(sip_explain_actor_t actor)
{
    return (unsigned)actor < SIP_EXPLAIN_ACTOR_COUNT ? actor_names[actor] : NULL;
}

const char *
sip_explain_retry_name(sip_explain_retry_t retry)
{
    return (unsigned)retry < SIP_EXPLAIN_RETRY_COUNT ? retry_names[retry] : NULL;
}

const char *
sip_explain_text(const char *const texts[SIP_EXPLAIN_LANG_COUNT], sip_explain_lang_t lang)
{
    if ((unsigned)lang < SIP_EXPLAIN_LANG_COUNT && texts[lang])
        return texts[lang];
    return texts[SIP_EXPLAIN_LANG_EN];
}

int
sip_explain_lang_from_name(const char *name)
{
    int i;

    if (!name)
        return -1;
    for (i = 0; i < SIP_EXPLAIN_LANG_COUNT; i++)
        if (strcmp(name, lang_names[i]) == 0)
            return i;
    return -1;
}

const char *
sip_explain_lang_name(sip_explain_lang_t lang)
{
    return (unsigned)lang < SIP_EXPLAIN_LANG_COUNT ? lang_names[lang] : NULL;
}

int
sip_explain_entry_answers_method(const sip_explain_entry_t *entry, const char *method, size_t method_len)
{
    size_t i;

    for (i = 0; i < entry->n_methods; i++) {
        const char *m = entry->methods[i];
        if (strcmp(m, "*") == 0)
            return 1;
        if (strlen(m) == method_len && memcmp(m, method, method_len) == 0)
            return 1;
    }
    return 0;
}

const sip_explain_code_text_t *
sip_explain_lookup_warn(long code)
{
    const sip_explain_code_text_t *row;

    if (code < 300 || code > 399)
        return NULL;
    row = sip_explain_warn_by_code[code - 300];
    return row ? row : &sip_explain_warn_fallback;
}

const sip_explain_code_text_t *
sip_explain_lookup_q850(long cause)
{
    const sip_explain_code_text_t *row;

    if (cause < 0 || cause > 127)
        return NULL;
    row = sip_explain_q850_by_cause[cause];
    return row ? row : &sip_explain_q850_fallback;
}
