/* tablegen_source.c
 * Opens one data file for the table compiler and gives the checked
 * accessors every table kind shares: keys, texts, lists, numbers, names.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "tablegen_source.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "sip_explain_table.h"

static gboolean
in_list(const char *const *list, const char *s)
{
    for (; *list; list++)
        if (strcmp(*list, s) == 0)
            return TRUE;
    return FALSE;
}

tg_source_t *
tg_source_open(const char *path)
{
    tg_source_t *src = g_new0(tg_source_t, 1);
    GError *err = NULL;
    gchar *data = NULL;
    gsize len = 0;

    src->diag.path = path;
    if (!g_file_get_contents(path, &data, &len, &err)) {
        diag_error(&src->diag, 1, "cannot read: %s", err->message);
        g_error_free(err);
        g_free(src);
        return NULL;
    }
    src->lines = keyfile_lines_scan(&src->diag, data, len);
    if (!src->lines || src->diag.errors) {
        /* GKeyFile would only repeat these problems without a line. */
        g_free(data);
        return src;
    }
    src->kf = g_key_file_new();
    if (!g_key_file_load_from_data(src->kf, data, len, G_KEY_FILE_KEEP_TRANSLATIONS, &err)) {
        diag_error(&src->diag, 1, "%s", err->message);
        g_error_free(err);
        g_key_file_free(src->kf);
        src->kf = NULL;
    }
    g_free(data);
    return src;
}

void
tg_source_free(tg_source_t *src)
{
    if (!src)
        return;
    if (src->kf)
        g_key_file_free(src->kf);
    keyfile_lines_free(src->lines);
    g_free(src);
}

/* A language that texts are translated into: one the project ships other
 * than English, the language of the untranslated keys. */
static gboolean
is_translation_language(const char *name)
{
    return sip_explain_lang_from_name(name) > SIP_EXPLAIN_LANG_EN;
}

static void
report_unknown_language(tg_source_t *src, int line, const char *lang, const char *key)
{
    GString *known = g_string_new(NULL);
    int i;

    for (i = SIP_EXPLAIN_LANG_EN + 1; i < SIP_EXPLAIN_LANG_COUNT; i++)
        g_string_append_printf(known, "%s%s", known->len ? ", " : "",
                               sip_explain_lang_name((sip_explain_lang_t)i));
    diag_error(&src->diag, line, "unknown language '%s' in %s (known: %s)", lang, key, known->str);
    g_string_free(known, TRUE);
}

void
tg_check_keys(tg_source_t *src, const keyfile_group_lines_t *group,
              const char *const *allowed, const char *const *localizable,
              const char *const *per_method)
{
    GHashTableIter iter;
    gpointer key, line;

    g_hash_table_iter_init(&iter, group->key_lines);
    while (g_hash_table_iter_next(&iter, &key, &line)) {
        const char *k = key;
        const char *bracket = strchr(k, '[');
        const char *at = strchr(k, '@');
        char *base;

        if (at && bracket && at > bracket)
            at = NULL;              /* "Fix[ru]@X": reported as malformed below */
        base = g_strndup(k, (gsize)((at ? at : bracket ? bracket : k + strlen(k)) - k));
        if (at && (!per_method || !in_list(per_method, base))) {
            diag_error(&src->diag, GPOINTER_TO_INT(line), "key %s cannot have texts per request method (%s)",
                       base, k);
        } else if (!bracket) {
            if (!at && !in_list(allowed, k))
                diag_error(&src->diag, GPOINTER_TO_INT(line), "unknown key %s in [%s]", k, group->name);
        } else {
            const char *close = strchr(bracket, ']');
            char *lang = close ? g_strndup(bracket + 1, (gsize)(close - bracket - 1)) : g_strdup("");
            if (!close || close[1] != '\0')
                diag_error(&src->diag, GPOINTER_TO_INT(line), "malformed localized key %s", k);
            else if (!localizable || !in_list(localizable, base))
                diag_error(&src->diag, GPOINTER_TO_INT(line), "key %s cannot be translated", base);
            else if (!is_translation_language(lang))
                report_unknown_language(src, GPOINTER_TO_INT(line), lang, k);
            g_free(lang);
        }
        g_free(base);
    }
}

char *
tg_get_text(tg_source_t *src, const keyfile_group_lines_t *group, const char *key, gboolean required)
{
    char *value;

    if (!g_hash_table_contains(group->key_lines, key)) {
        if (required)
            diag_error(&src->diag, group->line, "missing required key %s in [%s]", key, group->name);
        return NULL;
    }
    value = g_key_file_get_string(src->kf, group->name, key, NULL);
    if (value) {
        /* Blanks around a value are layout, except a leading one written
         * \s (a template fragment that follows a word). */
        char *raw = g_key_file_get_value(src->kf, group->name, key, NULL);
        if (raw && g_str_has_prefix(raw, "\\s"))
            g_strchomp(value);
        else
            g_strstrip(value);
        g_free(raw);
    }
    if (!value || !*value) {
        diag_error(&src->diag, keyfile_lines_key_line(group, key), "empty value for key %s in [%s]", key, group->name);
        g_free(value);
        return NULL;
    }
    return value;
}

char **
tg_get_list(tg_source_t *src, const keyfile_group_lines_t *group, const char *key, gboolean required)
{
    char *text = tg_get_text(src, group, key, required);
    char **items;
    gboolean ok = TRUE;

    if (!text)
        return NULL;
    items = g_strsplit(text, ";", -1);
    g_free(text);
    for (char **it = items; *it; it++) {
        g_strstrip(*it);
        if (**it == '\0' && it[1] == NULL && it != items) {
            /* a trailing ';' is allowed, as GKeyFile writes lists that way */
            g_free(*it);
            *it = NULL;
            break;
        }
        if (**it == '\0') {
            ok = FALSE;
            break;
        }
    }
    if (!ok) {
        diag_error(&src->diag, keyfile_lines_key_line(group, key), "empty item in list %s", key);
        g_strfreev(items);
        return NULL;
    }
    return items;
}

gboolean
tg_parse_int(tg_source_t *src, const keyfile_group_lines_t *group, const char *key,
             const char *text, long min, long max, long *out)
{
    char *end = NULL;
    long v;

    errno = 0;
    v = strtol(text, &end, 10);
    if (!g_ascii_isdigit(text[0]) || errno || *end != '\0' || v < min || v > max) {
        diag_error(&src->diag, keyfile_lines_key_line(group, key),
                   "%s: '%s' is not a number from %ld to %ld", key, text, min, max);
        return FALSE;
    }
    *out = v;
    return TRUE;
}

int
tg_parse_enum(tg_source_t *src, const keyfile_group_lines_t *group, const char *key,
              const char *text, tg_enum_name_fn name_of, int count)
{
    GString *known = g_string_new(NULL);
    int i;

    for (i = 0; i < count; i++) {
        if (strcmp(name_of(i), text) == 0) {
            g_string_free(known, TRUE);
            return i;
        }
        g_string_append_printf(known, "%s%s", i ? ", " : "", name_of(i));
    }
    diag_error(&src->diag, keyfile_lines_key_line(group, key), "unknown %s '%s' (known: %s)", key, text, known->str);
    g_string_free(known, TRUE);
    return -1;
}

char *
tg_localized_key(const char *key, int lang)
{
    if (lang == SIP_EXPLAIN_LANG_EN)
        return g_strdup(key);
    return g_strdup_printf("%s[%s]", key, sip_explain_lang_name((sip_explain_lang_t)lang));
}
