/* read_labels.c
 * Checks data/labels.ini: the words and sentence templates of the
 * sip-explain command. Any group ([heading], [compare] ...) and any key; every
 * key needs its Russian and Vietnamese translation (Key[ru]=, Key[vi]=), and
 * each translation must use exactly the {placeholders} of the English text.
 * The compiled label "group.Key" is looked up by the command.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>

#include "tablegen_model.h"

static void
label_free(gpointer p)
{
    tg_label_t *l = p;
    int i;

    if (!l)
        return;
    g_free(l->id);
    for (i = 0; i < TG_LANGS; i++)
        g_free(l->text[i]);
    g_free(l);
}

static gint
compare_id(gconstpointer a, gconstpointer b)
{
    const tg_label_t *la = *(tg_label_t *const *)a;
    const tg_label_t *lb = *(tg_label_t *const *)b;

    return strcmp(la->id, lb->id);
}

static gint
compare_str(gconstpointer a, gconstpointer b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The sorted, distinct {placeholder} names of a text, or NULL after
 * reporting a '{' or '}' that does not form one. */
static GPtrArray *
placeholders(tg_source_t *src, const keyfile_group_lines_t *g, const char *key, const char *text)
{
    GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
    const char *p = text;

    while (*p) {
        if (*p == '{') {
            const char *q = p + 1;
            while (g_ascii_isalnum(*q) || *q == '_')
                q++;
            if (q == p + 1 || *q != '}') {
                diag_error(&src->diag, keyfile_lines_key_line(g, key),
                           "%s in [%s]: '{' does not start a placeholder such as {code}", key, g->name);
                g_ptr_array_free(names, TRUE);
                return NULL;
            }
            char *name = g_strndup(p + 1, (gsize)(q - p - 1));
            gboolean seen = FALSE;
            for (guint i = 0; i < names->len; i++)
                seen |= strcmp(g_ptr_array_index(names, i), name) == 0;
            if (seen)
                g_free(name);
            else
                g_ptr_array_add(names, name);
            p = q + 1;
        } else if (*p == '}') {
            diag_error(&src->diag, keyfile_lines_key_line(g, key),
                       "%s in [%s]: '}' without a placeholder", key, g->name);
            g_ptr_array_free(names, TRUE);
            return NULL;
        } else {
            p++;
        }
    }
    g_ptr_array_sort(names, compare_str);
    return names;
}

static gboolean
in_array(GPtrArray *names, const char *name)
{
    for (guint i = 0; i < names->len; i++)
        if (strcmp(g_ptr_array_index(names, i), name) == 0)
            return TRUE;
    return FALSE;
}

/* A translation must fill the same placeholders as the English text. */
static void
check_placeholders(tg_source_t *src, const keyfile_group_lines_t *g, const char *key,
                   GPtrArray *en, const char *lkey, const char *text)
{
    GPtrArray *tr = placeholders(src, g, lkey, text);
    guint i;

    if (!tr)
        return;
    for (i = 0; i < en->len; i++)
        if (!in_array(tr, g_ptr_array_index(en, i)))
            diag_error(&src->diag, keyfile_lines_key_line(g, lkey), "%s in [%s] lacks the placeholder {%s} of %s",
                       lkey, g->name, (const char *)g_ptr_array_index(en, i), key);
    for (i = 0; i < tr->len; i++)
        if (!in_array(en, g_ptr_array_index(tr, i)))
            diag_error(&src->diag, keyfile_lines_key_line(g, lkey), "%s in [%s] uses {%s}, which %s does not have",
                       lkey, g->name, (const char *)g_ptr_array_index(tr, i), key);
    g_ptr_array_free(tr, TRUE);
}

static gint
compare_line(gconstpointer a, gconstpointer b, gpointer user_data)
{
    const keyfile_group_lines_t *g = user_data;
    int la = keyfile_lines_key_line(g, *(const char *const *)a);
    int lb = keyfile_lines_key_line(g, *(const char *const *)b);

    return (la > lb) - (la < lb);
}

static void
read_group(tg_source_t *src, const keyfile_group_lines_t *g, GPtrArray *out)
{
    GPtrArray *bases = g_ptr_array_new_with_free_func(g_free);
    GPtrArray *localizable = g_ptr_array_new_with_free_func(g_free);
    GHashTableIter iter;
    gpointer key;
    guint i;

    if (strspn(g->name, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_") != strlen(g->name)) {
        diag_error(&src->diag, g->line, "label group [%s] may hold only letters, digits, '-' and '_'", g->name);
        goto out;
    }
    g_hash_table_iter_init(&iter, g->key_lines);
    while (g_hash_table_iter_next(&iter, &key, NULL)) {
        const char *k = key;
        const char *bracket = strchr(k, '[');
        char *base = bracket ? g_strndup(k, (gsize)(bracket - k)) : g_strdup(k);

        if (!bracket)
            g_ptr_array_add(bases, g_strdup(k));
        else if (!g_hash_table_contains(g->key_lines, base))
            diag_error(&src->diag, keyfile_lines_key_line(g, k),
                       "%s in [%s] translates %s, which has no English text", k, g->name, base);
        g_ptr_array_add(localizable, base);
    }
    g_ptr_array_add(bases, NULL);
    g_ptr_array_add(localizable, NULL);
    /* Unknown languages and malformed keys; every key is a label. */
    tg_check_keys(src, g, (const char *const *)bases->pdata, (const char *const *)localizable->pdata, NULL);
    g_ptr_array_remove_index(bases, bases->len - 1);
    g_ptr_array_sort_with_data(bases, compare_line, (gpointer)g);

    if (bases->len == 0)
        diag_error(&src->diag, g->line, "label group [%s] is empty", g->name);
    for (i = 0; i < bases->len; i++) {
        const char *k = g_ptr_array_index(bases, i);
        tg_label_t *l = g_new0(tg_label_t, 1);
        GPtrArray *en;
        int lang;

        l->id = g_strconcat(g->name, ".", k, NULL);
        for (guint j = 0; j < out->len; j++)
            if (strcmp(((tg_label_t *)g_ptr_array_index(out, j))->id, l->id) == 0)
                diag_error(&src->diag, keyfile_lines_key_line(g, k),
                           "label %s in [%s] is also in another label file", k, g->name);
        l->text[0] = tg_get_text(src, g, k, TRUE);
        en = l->text[0] ? placeholders(src, g, k, l->text[0]) : NULL;
        for (lang = 1; lang < TG_LANGS; lang++) {
            char *lkey = tg_localized_key(k, lang);
            if (!g_hash_table_contains(g->key_lines, lkey))
                diag_error(&src->diag, keyfile_lines_key_line(g, k), "label %s in [%s] lacks %s",
                           k, g->name, lkey);
            else if ((l->text[lang] = tg_get_text(src, g, lkey, TRUE)) && en)
                check_placeholders(src, g, k, en, lkey, l->text[lang]);
            g_free(lkey);
        }
        if (en)
            g_ptr_array_free(en, TRUE);
        g_ptr_array_add(out, l);
    }
out:
    g_ptr_array_free(bases, TRUE);
    g_ptr_array_free(localizable, TRUE);
}

void
tg_read_labels(tg_source_t *src, tg_labels_t *out)
{
    guint i;

    if (!out->labels)
        out->labels = g_ptr_array_new_with_free_func(label_free);
    if (!src->kf)
        return;
    for (i = 0; i < src->lines->groups->len; i++)
        read_group(src, g_ptr_array_index(src->lines->groups, i), out->labels);
    if (src->lines->groups->len == 0)
        diag_error(&src->diag, src->lines->last_line ? src->lines->last_line : 1, "no label groups");
    g_ptr_array_sort(out->labels, compare_id);
}

void
tg_labels_clear(tg_labels_t *t)
{
    if (t->labels)
        g_ptr_array_free(t->labels, TRUE);
    memset(t, 0, sizeof *t);
}

/* sip_explain_labels[], sorted by id for bsearch(); one empty row when there
 * are none, as C has no empty arrays. */
void
tg_emit_labels_c(FILE *out, const tg_labels_t *t)
{
    guint i;
    int lang;

    fputs("const sip_explain_label_t sip_explain_labels[] = {\n", out);
    for (i = 0; t && i < t->labels->len; i++) {
        const tg_label_t *l = g_ptr_array_index(t->labels, i);
        fputs("    { ", out);
        tg_emit_c_string(out, l->id);
        fputs(",\n      { ", out);
        for (lang = 0; lang < TG_LANGS; lang++) {
            tg_emit_c_string(out, l->text[lang]);
            fputs(lang + 1 < TG_LANGS ? ",\n        " : " } },\n", out);
        }
    }
    if (!t || t->labels->len == 0)
        fputs("    { NULL, { NULL, NULL, NULL } },\n", out);
    fprintf(out, "};\nconst size_t sip_explain_labels_count = %u;\n", t ? t->labels->len : 0);
}
