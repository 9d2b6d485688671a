/* label_text.c
 * Fills the dissector's text templates into wmem memory.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "label_text.h"

#include <string.h>

const char *
sip_explain_template_text_va(wmem_allocator_t *scope, const char *tmpl, const char *const *defaults, va_list ap)
{
    GString *out;
    char *text;

    if (!strchr(tmpl, '{'))
        return tmpl;
    out = g_string_sized_new(256);
    sip_explain_label_fill_va(out, tmpl, defaults, ap, NULL);
    text = wmem_strndup(scope, out->str, out->len);
    g_string_free(out, TRUE);
    return text;
}

const char *
sip_explain_label_text_va(wmem_allocator_t *scope, sip_explain_lang_t lang, const char *const *defaults,
                          const char *id, va_list ap)
{
    const char *tmpl = sip_explain_label(lang, id);

    return tmpl ? sip_explain_template_text_va(scope, tmpl, defaults, ap) : id;
}

const char *
sip_explain_label_text(wmem_allocator_t *scope, sip_explain_lang_t lang, const char *id, ...)
{
    const char *text;
    va_list ap;

    va_start(ap, id);
    text = sip_explain_label_text_va(scope, lang, NULL, id, ap);
    va_end(ap);
    return text;
}
