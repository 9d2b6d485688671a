/* read_glossary.c
 * Reads data/glossary.<lang>.ini (one group per term: Term, Use, Avoid,
 * Note) and rejects a translated text of any data file that contains one of
 * the avoided forms, compared case-insensitively (g_utf8_casefold) on
 * NFC-normalized UTF-8:
 *
 *   data/responses.ini:LINE: [604] Fix[ru] uses "маппится", avoided by
 *   data/glossary.ru.ini:LINE (use "преобразуется в")
 *
 * A term's Allow forms are exceptions: an avoided form inside one of them
 * (the digest parameter in "tham số response", the English term given in
 * brackets after the Russian one) is not reported.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>

#include "tablegen_model.h"

static const char *const glossary_keys[] = { "Term", "Use", "Avoid", "Allow", "Note", NULL };
static const char *const lang_names[TG_LANGS] = { "en", "ru", "vi" };

typedef struct {
    char *group;
    char *use;
    char **avoid;           /* as written */
    char **avoid_folded;    /* NFC, case-folded */
    char **allow;           /* exceptions, as written; NULL when none */
    char **allow_folded;
    int line;               /* of Avoid= */
} gloss_entry_t;

static void
entry_free(gpointer p)
{
    gloss_entry_t *e = p;

    g_free(e->group);
    g_free(e->use);
    g_strfreev(e->avoid);
    g_strfreev(e->avoid_folded);
    g_strfreev(e->allow);
    g_strfreev(e->allow_folded);
    g_free(e);
}

/* NFC, then case-folded; NULL for text that is not valid UTF-8. */
static char *
fold(const char *s)
{
    char *nfc = g_utf8_normalize(s, -1, G_NORMALIZE_NFC);
    char *folded;

    if (!nfc)
        return NULL;
    folded = g_utf8_casefold(nfc, -1);
    g_free(nfc);
    return folded;
}

/* A copy of folded text with the entry's Allow forms blanked out, byte
 * for byte, so that the offsets of what is left stay those of the text. */
static char *
without_allowed(const char *folded, const gloss_entry_t *e)
{
    char *copy = g_strdup(folded);

    for (guint k = 0; e->allow_folded && e->allow_folded[k]; k++) {
        size_t len = strlen(e->allow_folded[k]);
        for (char *at = len ? strstr(copy, e->allow_folded[k]) : NULL; at; at = strstr(at + len, e->allow_folded[k]))
            memset(at, '\x01', len);
    }
    return copy;
}

void
tg_read_glossary(tg_source_t *src, int lang, tg_glossary_t *out)
{
    guint i;

    memset(out, 0, sizeof *out);
    out->lang = lang;
    out->path = src->diag.path;
    out->entries = g_ptr_array_new_with_free_func(entry_free);
    if (!src->kf)
        return;
    for (i = 0; i < src->lines->groups->len; i++) {
        const keyfile_group_lines_t *g = g_ptr_array_index(src->lines->groups, i);
        char *term, *use, *note;
        char **avoid, **allow;
        gloss_entry_t *e;
        guint n, k;

        tg_check_keys(src, g, glossary_keys, NULL, NULL);
        term = tg_get_text(src, g, "Term", TRUE);
        use = tg_get_text(src, g, "Use", TRUE);
        note = tg_get_text(src, g, "Note", FALSE);
        avoid = tg_get_list(src, g, "Avoid", TRUE);
        allow = tg_get_list(src, g, "Allow", FALSE);
        g_free(term);
        g_free(note);
        if (!use || !avoid) {
            g_free(use);
            g_strfreev(avoid);
            g_strfreev(allow);
            continue;
        }
        n = g_strv_length(avoid);
        e = g_new0(gloss_entry_t, 1);
        e->group = g_strdup(g->name);
        e->use = use;
        e->avoid = avoid;
        e->avoid_folded = g_new0(char *, n + 1);
        e->line = keyfile_lines_key_line(g, "Avoid");
        for (k = 0; k < n; k++) {
            e->avoid_folded[k] = fold(avoid[k]);
            if (g_utf8_strlen(avoid[k], -1) < 3)
                diag_error(&src->diag, e->line, "avoided form \"%s\" in [%s] is shorter than 3 characters "
                           "and would match inside ordinary words", avoid[k], g->name);
        }
        /* An exception must contain what it excuses, or it excuses nothing. */
        e->allow = allow;
        e->allow_folded = g_new0(char *, (allow ? g_strv_length(allow) : 0) + 1);
        for (k = 0; allow && allow[k]; k++) {
            gboolean excuses = FALSE;
            e->allow_folded[k] = fold(allow[k]);
            for (guint a = 0; a < n && e->allow_folded[k]; a++)
                excuses |= e->avoid_folded[a] && strstr(e->allow_folded[k], e->avoid_folded[a]) != NULL;
            if (!excuses)
                diag_error(&src->diag, keyfile_lines_key_line(g, "Allow"),
                           "allowed form \"%s\" in [%s] contains none of its avoided forms", allow[k], g->name);
        }
        g_ptr_array_add(out->entries, e);
    }
    /* The advice must not contain what the glossary forbids. */
    for (i = 0; i < out->entries->len; i++) {
        gloss_entry_t *e = g_ptr_array_index(out->entries, i);
        char *use = fold(e->use);
        guint j, k;

        for (j = 0; use && j < out->entries->len; j++) {
            gloss_entry_t *a = g_ptr_array_index(out->entries, j);
            char *checked = without_allowed(use, a);
            for (k = 0; a->avoid_folded[k]; k++)
                if (strstr(checked, a->avoid_folded[k]))
                    diag_error(&src->diag, keyfile_lines_key_line(g_hash_table_lookup(src->lines->by_name, e->group), "Use"),
                               "Use of [%s] contains \"%s\", avoided by [%s] at line %d",
                               e->group, a->avoid[k], a->group, a->line);
            g_free(checked);
        }
        g_free(use);
    }
}

void
tg_glossary_clear(tg_glossary_t *g)
{
    if (g->entries)
        g_ptr_array_free(g->entries, TRUE);
    memset(g, 0, sizeof *g);
}

/* The word of value (NFC) that holds the match at [at, at + len) of its
 * folded form, found by folding it one character at a time, so that the
 * message quotes "маппится" rather than the stem "маппи". */
static char *
original_word(const char *value, gsize at, gsize len)
{
    const char *p = value, *start = NULL, *end = NULL;
    gsize folded = 0;

    while (*p && !end) {
        const char *next = g_utf8_next_char(p);
        char *f = g_utf8_casefold(p, next - p);

        if (!start && folded + strlen(f) > at)
            start = p;
        folded += strlen(f);
        g_free(f);
        p = next;
        if (start && folded >= at + len)
            end = p;
    }
    if (!start || !end)
        return NULL;
    while (start > value) {
        const char *prev = g_utf8_prev_char(start);
        if (!g_unichar_isalnum(g_utf8_get_char(prev)))
            break;
        start = prev;
    }
    while (*end && g_unichar_isalnum(g_utf8_get_char(end)))
        end = g_utf8_next_char(end);
    return g_strndup(start, (gsize)(end - start));
}

static void
check_value(tg_source_t *src, const tg_glossary_t *gl, const keyfile_group_lines_t *g,
            const char *key, const char *value)
{
    char *nfc = g_utf8_normalize(value, -1, G_NORMALIZE_NFC);
    char *folded = nfc ? g_utf8_casefold(nfc, -1) : NULL;
    guint i, k;

    for (i = 0; folded && i < gl->entries->len; i++) {
        const gloss_entry_t *e = g_ptr_array_index(gl->entries, i);
        char *checked = without_allowed(folded, e);
        for (k = 0; e->avoid_folded[k]; k++) {
            const char *hit = e->avoid_folded[k][0] ? strstr(checked, e->avoid_folded[k]) : NULL;
            char *shown;

            if (!hit)
                continue;
            shown = original_word(nfc, (gsize)(hit - checked), strlen(e->avoid_folded[k]));
            diag_error(&src->diag, keyfile_lines_key_line(g, key),
                       "[%s] %s uses \"%s\", avoided by %s:%d (use \"%s\")",
                       g->name, key, shown ? shown : e->avoid[k], gl->path, e->line, e->use);
            g_free(shown);
        }
        g_free(checked);
    }
    g_free(folded);
    g_free(nfc);
}

static gint
compare_line(gconstpointer a, gconstpointer b, gpointer lines)
{
    int la = GPOINTER_TO_INT(g_hash_table_lookup(lines, *(const char *const *)a));
    int lb = GPOINTER_TO_INT(g_hash_table_lookup(lines, *(const char *const *)b));

    return (la > lb) - (la < lb);
}

void
tg_check_glossary(tg_source_t *src, const tg_glossary_t *gl)
{
    char *suffix;
    guint i;

    if (!src->kf || !gl->entries || gl->lang <= 0 || gl->lang >= TG_LANGS)
        return;
    suffix = g_strdup_printf("[%s]", lang_names[gl->lang]);
    for (i = 0; i < src->lines->groups->len; i++) {
        const keyfile_group_lines_t *g = g_ptr_array_index(src->lines->groups, i);
        GPtrArray *keys = g_ptr_array_new();
        GHashTableIter iter;
        gpointer key;
        guint k;

        /* A repeated group is reported by keyfile_lines; GKeyFile merged it. */
        if (g_hash_table_lookup(src->lines->by_name, g->name) != g)
            continue;
        g_hash_table_iter_init(&iter, g->key_lines);
        while (g_hash_table_iter_next(&iter, &key, NULL))
            if (g_str_has_suffix(key, suffix))
                g_ptr_array_add(keys, key);
        g_ptr_array_sort_with_data(keys, compare_line, g->key_lines);
        for (k = 0; k < keys->len; k++) {
            const char *name = g_ptr_array_index(keys, k);
            char *value = g_key_file_get_string(src->kf, g->name, name, NULL);
            if (value)
                check_value(src, gl, g, name, value);
            g_free(value);
        }
        g_ptr_array_free(keys, TRUE);
    }
    g_free(suffix);
}
