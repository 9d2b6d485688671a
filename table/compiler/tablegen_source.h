/* tablegen_source.h
 * One data file opened for the table compiler: its GKeyFile, its line index
 * and its diagnostics, with the checked accessors every table kind shares.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TABLEGEN_SOURCE_H
#define TABLEGEN_SOURCE_H

#include <glib.h>

#include "diag.h"
#include "keyfile_lines.h"

typedef struct {
    diag_t diag;
    GKeyFile *kf;
    keyfile_lines_t *lines;
} tg_source_t;

/* Reads and checks the file. Returns NULL when it cannot be used at all (the
 * reason has been reported); otherwise the caller checks diag.errors. */
tg_source_t *tg_source_open(const char *path);
void tg_source_free(tg_source_t *src);

/* Reports every key of the group that is not in allowed (NULL-terminated);
 * localized keys ("Fix[ru]") must have their base in localizable and a
 * language the project ships; keys for one request method ("Fix@REFER",
 * "Fix@REFER[ru]") must have their base in per_method (NULL: none may).
 * The method itself is the caller's to check. */
void tg_check_keys(tg_source_t *src, const keyfile_group_lines_t *group,
                   const char *const *allowed, const char *const *localizable,
                   const char *const *per_method);

/* The stripped value, or NULL. A required key that is missing or empty is
 * reported at its line (or the group's). */
char *tg_get_text(tg_source_t *src, const keyfile_group_lines_t *group, const char *key, gboolean required);

/* A ';'-separated list of non-empty items, or NULL when absent or bad. */
char **tg_get_list(tg_source_t *src, const keyfile_group_lines_t *group, const char *key, gboolean required);

/* Parses a whole decimal number in [min, max]; reports and returns FALSE otherwise. */
gboolean tg_parse_int(tg_source_t *src, const keyfile_group_lines_t *group, const char *key,
                      const char *text, long min, long max, long *out);

/* The name of value i of an enumeration, for i in [0, count). */
typedef const char *(*tg_enum_name_fn)(int i);

/* The i for which name_of(i) is text; reports and returns -1 otherwise. */
int tg_parse_enum(tg_source_t *src, const keyfile_group_lines_t *group, const char *key,
                  const char *text, tg_enum_name_fn name_of, int count);

/* The key of a text in a language: "Fix" in English, "Fix[ru]" in Russian
 * (a sip_explain_lang_t). Free with g_free(). */
char *tg_localized_key(const char *key, int lang);

#endif /* TABLEGEN_SOURCE_H */
