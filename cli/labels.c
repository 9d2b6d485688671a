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

#include "sip_explain_labels.h"

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

const char *
cx_label(const char *id)
{
    const char *text = sip_explain_label(current_lang, id);

    if (!text) {
        fprintf(stderr, "sip-explain: internal error: data/labels.ini has no label %s\n", id);
        abort();
    }
    return text;
}

char *
cx_fill(const char *id, ...)
{
    GString *out = g_string_new(NULL);
    unsigned missing = 0;
    va_list ap;

    va_start(ap, id);
    sip_explain_label_fill_va(out, cx_label(id), NULL, ap, &missing);
    va_end(ap);
    if (missing) {
        fprintf(stderr, "sip-explain: internal error: label %s has a placeholder without a value: %s\n", id, out->str);
        abort();
    }
    return g_string_free(out, FALSE);
}
