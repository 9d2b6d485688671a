/* labels.h
 * The command's words and sentence templates, compiled from data/labels.ini
 * into sip_explain_labels[] (see table/sip_explain_table.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SIP_EXPLAIN_CLI_LABELS_H
#define SIP_EXPLAIN_CLI_LABELS_H

#include <glib.h>

#include "sip_explain_table.h"

void cx_labels_set_lang(sip_explain_lang_t lang);
sip_explain_lang_t cx_labels_lang(void);

/* The label "group.Key" in the current language. A label the data does not
 * have is a build mistake: the command stops (the tests run every label). */
const char *cx_label(const char *id);

/* The label with its {placeholders} filled from NULL-terminated name, value
 * pairs; every placeholder must be given. Free with g_free(). */
char *cx_fill(const char *id, ...) G_GNUC_NULL_TERMINATED;

#endif /* SIP_EXPLAIN_CLI_LABELS_H */
