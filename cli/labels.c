/* labels.c
 * Looks up the command's labels in the current language and fills the
 * {placeholders} of sentence templates.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "labels.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static sip_explain_lang_t current_lang = SIP_EXPLAIN_LANG_EN;

void
cx_labels_set_lang(sip_explain_lang_t lang)
{
    current_lang = lang;
}

sip_explain_lang_t
cx_labels_lang(void)
{
    return current_lang;
}

static int
compare_label(const void *key, const void *member)
{
    return strcmp(key, ((const sip_explain_label_t *)member)->id);
}

const char *
cx_label(const char *id)
{
    const sip_explain_label_t *l = NULL;

    if (sip_explain_labels_count)
        l = bsearch(id, sip_explain_labels, sip_explain_labels_count, sizeof sip_explain_labels[0], compare_label);
    if (!l || !l->text[current_lang]) {
        fprintf(stderr, "sip-explain: internal error: data/labels.ini has no label %s\n", id);
        abort();
    }
    return l->text[current_lang];
}

char *
cx_fill(const char *id, ...)
{
    const char *tmpl = cx_label(id);
    GString *out = g_string_new(NULL);
    const char *p = tmpl;

    while (*p) {
        const char *close;
        const char *value = NULL;
        va_list ap;

        if (*p != '{' || !(close = strchr(p, '}'))) {
            g_string_append_c(out, *p++);
            continue;
        }
        va_start(ap, id);
        for (;;) {
            const char *name = va_arg(ap, const char *);
            const char *v;
            if (!name)
                break;
            v = va_arg(ap, const char *);
            if (strlen(name) == (size_t)(close - p - 1) && strncmp(name, p + 1, (size_t)(close - p - 1)) == 0) {
                value = v;
                break;
            }
        }
        va_end(ap);
        if (!value) {
            fprintf(stderr, "sip-explain: internal error: no value for %.*s in label %s\n",
                    (int)(close - p + 1), p, id);
            abort();
        }
        g_string_append(out, value);
        p = close + 1;
    }
    return g_string_free(out, FALSE);
}
