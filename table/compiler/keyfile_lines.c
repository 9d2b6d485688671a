/* keyfile_lines.c
 * Scans a key file line by line for where each group and key stands (see
 * keyfile_lines.h), refusing what GKeyFile would accept silently.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "keyfile_lines.h"

#include <string.h>

static void
group_lines_free(gpointer p)
{
    keyfile_group_lines_t *g = p;

    g_free(g->name);
    g_hash_table_destroy(g->key_lines);
    g_free(g);
}

static gboolean
is_key_char(char c)
{
    return g_ascii_isalnum(c) || c == '-' || c == '_' || c == '[' || c == ']' || c == '@' || c == '.';
}

keyfile_lines_t *
keyfile_lines_scan(diag_t *diag, const char *data, gsize len)
{
    keyfile_lines_t *lines;
    keyfile_group_lines_t *current = NULL;
    const char *p = data;
    const char *end = data + len;
    int lineno = 0;

    if (len > KEYFILE_MAX_BYTES) {
        diag_error(diag, 1, "file is %" G_GSIZE_FORMAT " bytes, more than the %d accepted",
                   len, KEYFILE_MAX_BYTES);
        return NULL;
    }
    if (memchr(data, '\0', len)) {
        const char *nul = memchr(data, '\0', len);
        int nl = 1;
        for (const char *q = data; q < nul; q++)
            nl += (*q == '\n');
        diag_error(diag, nl, "NUL byte in a text file");
        return NULL;
    }

    lines = g_new0(keyfile_lines_t, 1);
    lines->groups = g_ptr_array_new_with_free_func(group_lines_free);
    lines->by_name = g_hash_table_new(g_str_hash, g_str_equal);

    while (p < end) {
        const char *nl = memchr(p, '\n', (gsize)(end - p));
        const char *eol = nl ? nl : end;
        gsize n = (gsize)(eol - p);
        const char *s = p;

        lineno++;
        if (n > 0 && s[n - 1] == '\r')
            n--;
        if (!g_utf8_validate(s, (gssize)n, NULL)) {
            diag_error(diag, lineno, "invalid UTF-8");
        } else {
            gsize i = 0;
            while (i < n && (s[i] == ' ' || s[i] == '\t'))
                i++;
            if (i == n || s[i] == '#') {
                /* blank line or comment */
            } else if (s[i] == '[') {
                const char *close = memchr(s + i, ']', n - i);
                if (!close || close == s + i + 1) {
                    diag_error(diag, lineno, "malformed group header");
                } else {
                    char *name = g_strndup(s + i + 1, (gsize)(close - (s + i + 1)));
                    keyfile_group_lines_t *first = g_hash_table_lookup(lines->by_name, name);
                    if (first) {
                        diag_error(diag, lineno, "duplicate group [%s] (first at line %d)", name, first->line);
                        /* later keys still get indexed, under this copy */
                    }
                    current = g_new0(keyfile_group_lines_t, 1);
                    current->name = name;
                    current->line = lineno;
                    current->key_lines = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
                    g_ptr_array_add(lines->groups, current);
                    if (!first)
                        g_hash_table_insert(lines->by_name, current->name, current);
                }
            } else {
                gsize k = i;
                while (k < n && is_key_char(s[k]))
                    k++;
                gsize key_end = k;
                while (k < n && (s[k] == ' ' || s[k] == '\t'))
                    k++;
                if (key_end == i || k == n || s[k] != '=') {
                    diag_error(diag, lineno, "not a group, a Key=value line or a comment");
                } else if (!current) {
                    diag_error(diag, lineno, "key before the first group");
                } else {
                    char *key = g_strndup(s + i, key_end - i);
                    gpointer old = g_hash_table_lookup(current->key_lines, key);
                    if (old) {
                        diag_error(diag, lineno, "duplicate key %s in [%s] (first at line %d)",
                                   key, current->name, GPOINTER_TO_INT(old));
                        g_free(key);
                    } else {
                        g_hash_table_insert(current->key_lines, key, GINT_TO_POINTER(lineno));
                    }
                }
            }
        }
        p = nl ? nl + 1 : end;
    }
    lines->last_line = lineno;
    return lines;
}

void
keyfile_lines_free(keyfile_lines_t *lines)
{
    if (!lines)
        return;
    g_hash_table_destroy(lines->by_name);
    g_ptr_array_free(lines->groups, TRUE);
    g_free(lines);
}

int
keyfile_lines_key_line(const keyfile_group_lines_t *group, const char *key)
{
    gpointer line = g_hash_table_lookup(group->key_lines, key);

    return line ? GPOINTER_TO_INT(line) : group->line;
}
