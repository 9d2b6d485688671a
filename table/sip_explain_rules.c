/* sip_explain_rules.c
 * The rules every part shares (the table compiler, the generated table's
 * lookups, the plugin and the command): names of classes, severities,
 * actors, retry advice and languages, where a summary ends and what a
 * method name may hold.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "sip_explain_table.h"

#include <string.h>

static const char *const class_names[SIP_EXPLAIN_CLASS_COUNT + 1] = {
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

size_t
sip_explain_first_sentence_len(const char *text)
{
    const char *end = strstr(text, ". ");

    return end ? (size_t)(end - text) + 1 : strlen(text);
}

int
sip_explain_is_method_token(const char *s, size_t len)
{
    size_t i;

    if (!s || len == 0)
        return 0;
    for (i = 0; i < len; i++) {
        char c = s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
              || (c && strchr("-.!%*_+`'~", c))))
            return 0;
    }
    return 1;
}
