/* require_templates.c
 * Checks that the template ids a list of the plugin's rows names are labels
 * of the data (see require_templates.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "require_templates.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A template id as the list names it. */
typedef struct {
    char *id;
    int line;
} named_id_t;

static void
named_id_free(gpointer p)
{
    named_id_t *n = p;

    g_free(n->id);
    g_free(n);
}

/* Skips a comment at p (which starts one), counting lines; NULL when it does
 * not end. */
static const char *
skip_comment(const char *p, int *line)
{
    if (p[1] == '/')
        return p + strcspn(p, "\n");
    for (p += 2; *p && !(p[0] == '*' && p[1] == '/'); p++)
        if (*p == '\n')
            (*line)++;
    return *p ? p + 2 : NULL;
}

/* Appends the literal at p (which starts with quote) to lit; returns what
 * follows it, or NULL when it does not end on its line. */
static const char *
read_literal(const char *p, char quote, GString *lit)
{
    for (p++; *p && *p != quote && *p != '\n'; p++) {
        if (*p == '\\' && p[1] && p[1] != '\n')
            p++;
        g_string_append_c(lit, *p);
    }
    return *p == quote ? p + 1 : NULL;
}

/* The string literals of text that end a row: each followed, past blanks
 * and comments, by ')'. Adjacent literals are one, as in C. */
static GPtrArray *
row_end_literals(diag_t *diag, const char *text)
{
    GPtrArray *out = g_ptr_array_new_with_free_func(named_id_free);
    GString *lit = NULL;
    const char *p = text;
    int line = 1, lit_line = 0;

    while (p && *p) {
        if (p[0] == '/' && (p[1] == '*' || p[1] == '/')) {
            int start = line;
            if (!(p = skip_comment(p, &line)))
                diag_error(diag, start, "a comment that does not end");
        } else if (*p == '"' || *p == '\'') {
            char quote = *p;
            GString *chars = g_string_new(NULL);
            int start = line;
            if (!(p = read_literal(p, quote, chars))) {
                diag_error(diag, start, "a literal that does not end on its line");
            } else if (quote == '"') {
                if (!lit) {
                    lit = g_string_new(NULL);
                    lit_line = start;
                }
                g_string_append_len(lit, chars->str, (gssize)chars->len);
            } else if (lit) {           /* a character: the string ended no row */
                g_string_free(lit, TRUE);
                lit = NULL;
            }
            g_string_free(chars, TRUE);
        } else {
            if (*p == '\n')
                line++;
            if (!g_ascii_isspace(*p) && lit) {
                if (*p == ')') {
                    named_id_t *n = g_new(named_id_t, 1);
                    n->id = g_strdup(lit->str);
                    n->line = lit_line;
                    g_ptr_array_add(out, n);
                }
                g_string_free(lit, TRUE);
                lit = NULL;
            }
            p++;
        }
    }
    if (lit)
        g_string_free(lit, TRUE);
    return out;
}

/* "group.Key", each part of letters, digits, '-' and '_'. */
static gboolean
is_template_id(const char *s)
{
    static const char word[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_";
    size_t group = strspn(s, word);

    return group > 0 && s[group] == '.' && s[group + 1] && strspn(s + group + 1, word) == strlen(s + group + 1);
}

static int
compare_to_label(const void *key, const void *element)
{
    return strcmp((const char *)key, (*(const tg_label_t *const *)element)->id);
}

static gboolean
has_label(const tg_labels_t *labels, const char *id)
{
    return labels && labels->labels
        && bsearch(id, labels->labels->pdata, labels->labels->len, sizeof(gpointer), compare_to_label);
}

/* The label file that holds the group of id, or NULL. Read again only
 * when an id is missing, to say where it belongs. */
static const char *
file_of_group(const char *id, const char *const *label_paths, int n_label_paths)
{
    char *group = g_strndup(id, strcspn(id, "."));
    const char *found = NULL;
    int i;

    for (i = 0; i < n_label_paths && !found; i++) {
        tg_source_t *src = tg_source_open(label_paths[i]);
        if (src && src->lines && g_hash_table_contains(src->lines->by_name, group))
            found = label_paths[i];
        tg_source_free(src);
    }
    g_free(group);
    return found;
}

int
tg_require_templates(const char *list_path, const tg_labels_t *labels,
                     const char *const *label_paths, int n_label_paths)
{
    diag_t diag = { list_path, 0 };
    GError *err = NULL;
    gchar *text = NULL;
    GPtrArray *ids;
    guint i, named = 0;

    if (!g_file_get_contents(list_path, &text, NULL, &err)) {
        diag_error(&diag, 1, "cannot read: %s", err->message);
        g_error_free(err);
        return diag.errors;
    }
    ids = row_end_literals(&diag, text);
    for (i = 0; i < ids->len; i++) {
        const named_id_t *n = g_ptr_array_index(ids, i);
        const char *file;

        if (!is_template_id(n->id)) {
            diag_error(&diag, n->line, "\"%s\" ends a row but is no template id (group.Key)", n->id);
            continue;
        }
        named++;
        if (has_label(labels, n->id))
            continue;
        file = file_of_group(n->id, label_paths, n_label_paths);
        if (file) {
            fprintf(stderr, "%s: template %s (%s:%d) is missing: add it there, with its [ru] and [vi] texts\n",
                    file, n->id, list_path, n->line);
            diag.errors++;
        } else {
            diag_error(&diag, n->line, "template %s is missing: no label file read has its group", n->id);
        }
    }
    if (!named && !diag.errors)
        diag_error(&diag, 1, "names no template id: no row ends with a \"group.Key\" literal");
    g_ptr_array_free(ids, TRUE);
    g_free(text);
    return diag.errors;
}
