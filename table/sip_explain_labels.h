/* sip_explain_labels.h
 * Words and sentence templates compiled from data/labels.ini (the
 * command's) and data/findings.ini (the dissector's context findings,
 * expert messages and statistics rows): looked up by "group.Key" in a
 * language, their {placeholders} filled from name, value pairs.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SIP_EXPLAIN_LABELS_H
#define SIP_EXPLAIN_LABELS_H

#include <stdarg.h>

#include <glib.h>

#include "sip_explain_table.h"

/* The label id in lang (English where lang is out of range), or NULL
 * when the data has no such label. */
const char *sip_explain_label(sip_explain_lang_t lang, const char *id);

/* Appends tmpl to out with each {name} replaced by the value of the
 * first pair of that name in ap (const char *name, const char *value,
 * ..., NULL), else in defaults (the same pairs as an array; may be NULL).
 * Values are copied as they are (a '{' in a value is text). A placeholder
 * without a value is copied and counted in *missing (when not NULL). */
void sip_explain_label_fill_va(GString *out, const char *tmpl, const char *const *defaults,
                               va_list ap, unsigned *missing);

#endif /* SIP_EXPLAIN_LABELS_H */
