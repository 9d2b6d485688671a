/* require_templates.h
 * --require-templates LIST: every template id a list of the plugin's names
 * (plugin/flows/flow_outcomes.def, plugin/context/context_experts.def) must
 * be a label of the data, so that a row added without its text stops the
 * build instead of showing its id in a user's capture.
 *
 * A list is a file of X-macro rows, NAME(field, ..., "group.Key"): the
 * string literal that ends a row, just before its ')', is the row's template
 * id; a row that ends otherwise (NULL) names none. Comments are skipped.
 * The [ru] and [vi] texts of a label are required where it is read
 * (read_labels.c), so an id found here is found in every language.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef REQUIRE_TEMPLATES_H
#define REQUIRE_TEMPLATES_H

#include "tablegen_model.h"

/* Reports, on stderr, each template id the list names that labels lacks,
 * as "data/outcomes.ini: template outcome.Foo (LIST:LINE) is missing"
 * (label_paths: the label files read, to name the one holding the id's
 * group), and a list that cannot be read or names no template id at all
 * (its rows no longer end as above). Returns the number of errors. */
int tg_require_templates(const char *list_path, const tg_labels_t *labels,
                         const char *const *label_paths, int n_label_paths);

#endif /* REQUIRE_TEMPLATES_H */
