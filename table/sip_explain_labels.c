/* sip_explain_labels.c
 * Looks up labels (data/labels.ini, data/findings.ini) by id and fills the
 * {placeholders} of sentence templates.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "sip_explain_labels.h"

#include <stdlib.h>
#include <string.h>

static int
compare_label(const void *key, const void *member)
{
    return strcmp(key, ((const sip_explain_label_t *)member)->id);
}

const char *
sip_explain_label(sip_explain_lang_t lang, const char *id)
{
    const sip_explain_label_t *l = NULL;

    if (!id || !sip_explain_labels_count)
        return NULL;
    l = bsearch(id, sip_explain_labels, sip_explain_labels_count, sizeof sip_explain_labels[0], compare_label);
    if (!l)
        return NULL;
    if ((int)lang < 0 || lang >= SIP_EXPLAIN_LANG_COUNT || !l->text[lang])
        return l->text[SIP_EXPLAIN_LANG_EN];
    return l->text[lang];
}

/* The value of the placeholder name (len bytes) among the pairs, or NULL. */
static const char *
value_of(const char *name, size_t len, va_list ap)
{
    va_list pairs;
    const char *found = NULL;

    va_copy(pairs, ap);
    for (;;) {
        const char *n = va_arg(pairs, const char *);
        const char *v;
        if (!n)
            break;
        v = va_arg(pairs, const char *);
        if (strlen(n) == len && strncmp(n, name, len) == 0) {
            found = v ? v : "";
            break;
        }
    }
    va_end(pairs);
    return found;
}

/* The value of the placeholder name (len bytes) among the default pairs. */
static const char *
default_of(const char *name, size_t len, const char *const *defaults)
{
    for (; defaults && defaults[0] && defaults[1]; defaults += 2)
        if (strlen(defaults[0]) == len && strncmp(defaults[0], name, len) == 0)
            return defaults[1];
    return NULL;
}

void
sip_explain_label_fill_va(GString *out, const char *tmpl, const char *const *defaults,
                          va_list ap, unsigned *missing)
{
    const char *p = tmpl;

    while (p && *p) {
        const char *open = strchr(p, '{');
        const char *close = open ? strchr(open, '}') : NULL;
        const char *value;

        if (!close) {
            g_string_append(out, p);
            return;
        }
        g_string_append_len(out, p, open - p);
        value = value_of(open + 1, (size_t)(close - open - 1), ap);
        if (!value)
            value = default_of(open + 1, (size_t)(close - open - 1), defaults);
        if (value) {
            g_string_append(out, value);
        } else {
            g_string_append_len(out, open, close - open + 1);
            if (missing)
                (*missing)++;
        }
        p = close + 1;
    }
}
