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
    /* One buffer, kept and emptied for each text: dissection is not
     * reentrant here, and the fill calls nothing that fills a template. */
    static GString *out;

    if (!strchr(tmpl, '{'))
        return tmpl;
    if (!out)
        out = g_string_sized_new(256);
    g_string_truncate(out, 0);
    sip_explain_label_fill_va(out, tmpl, defaults, ap, NULL);
    return wmem_strndup(scope, out->str, out->len);
}

const char *
sip_explain_label_text_va(wmem_allocator_t *scope, sip_explain_lang_t lang, const char *const *defaults,
                          const char *id, va_list ap)
{
    const char *tmpl = sip_explain_label(lang, id);

    return tmpl ? sip_explain_template_text_va(scope, tmpl, defaults, ap) : id;
}

const char *
sip_explain_class_label(sip_explain_lang_t lang, int klass)
{
    static const char *const ids[SIP_EXPLAIN_CLASS_COUNT] = {
        "class.1xx", "class.2xx", "class.3xx", "class.4xx", "class.5xx", "class.6xx"
    };
    static const char *names[SIP_EXPLAIN_LANG_COUNT][SIP_EXPLAIN_CLASS_COUNT];

    if (klass < 1 || klass > SIP_EXPLAIN_CLASS_COUNT || (int)lang < 0 || lang >= SIP_EXPLAIN_LANG_COUNT)
        return sip_explain_class_name((sip_explain_class_t)klass);
    if (!names[lang][klass - 1])
        names[lang][klass - 1] = sip_explain_label_text(NULL, lang, ids[klass - 1], NULL);
    return names[lang][klass - 1];
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
