/* label_text.h
 * The dissector's texts from data/findings.ini (and data/labels.ini) in
 * the language preference, placeholders filled, in a wmem scope.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SIP_EXPLAIN_LABEL_TEXT_H
#define SIP_EXPLAIN_LABEL_TEXT_H

#include <stdarg.h>

#include <epan/wmem_scopes.h>

#include "sip_explain_labels.h"

/* The template id in lang with its {placeholders} filled from the
 * NULL-terminated name, value pairs in ap, else from defaults (pairs in
 * an array, may be NULL). A template without placeholders is returned as
 * it is; an unknown id is returned as the text (a build mistake the tests
 * catch, never a crash). */
/* The same for a template already looked up (tmpl: never NULL). */
const char *sip_explain_template_text_va(wmem_allocator_t *scope, const char *tmpl, const char *const *defaults,
                                         va_list ap);
const char *sip_explain_label_text_va(wmem_allocator_t *scope, sip_explain_lang_t lang, const char *const *defaults,
                                      const char *id, va_list ap);
const char *sip_explain_label_text(wmem_allocator_t *scope, sip_explain_lang_t lang, const char *id, ...)
    G_GNUC_NULL_TERMINATED;

/* The name of a class (1..6) in lang ("Client Failure", "Ошибка клиента"),
 * from data/labels.ini, looked up once per language; the rules' English
 * name for anything else. */
const char *sip_explain_class_label(sip_explain_lang_t lang, int klass);

#endif /* SIP_EXPLAIN_LABEL_TEXT_H */
