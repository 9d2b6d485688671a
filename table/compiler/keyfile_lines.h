/* keyfile_lines.h
 * Where each group and key of a key file stands, for file:line diagnostics.
 * GKeyFile parses the values but keeps no line numbers and silently merges
 * a repeated group; this index notes both before GKeyFile sees the file.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef KEYFILE_LINES_H
#define KEYFILE_LINES_H

#include <glib.h>

#include "diag.h"

typedef struct {
    char *name;
    int line;
    GHashTable *key_lines;    /* key as written ("Fix[ru]") -> line (GINT_TO_POINTER) */
} keyfile_group_lines_t;

typedef struct {
    GPtrArray *groups;        /* keyfile_group_lines_t *, in file order */
    GHashTable *by_name;      /* group name -> keyfile_group_lines_t * (first one) */
    int last_line;
} keyfile_lines_t;

/* Largest data file accepted, in bytes. */
#define KEYFILE_MAX_BYTES (4 * 1024 * 1024)

/* Checks every line (UTF-8, shape) and indexes groups and keys. Reports each
 * problem through diag and returns the index, or NULL when the file cannot be
 * read at all. */
keyfile_lines_t *keyfile_lines_scan(diag_t *diag, const char *data, gsize len);

void keyfile_lines_free(keyfile_lines_t *lines);

/* Line of a key in a group, or the group's own line when the key is absent. */
int keyfile_lines_key_line(const keyfile_group_lines_t *group, const char *key);

#endif /* KEYFILE_LINES_H */
