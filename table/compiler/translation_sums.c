/* translation_sums.c
 * Compares the translations of the data files with data/translations.sums,
 * the record of which English text each was made from, and rewrites that
 * record when translators have done their part (see translation_sums.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "translation_sums.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "sip_explain_table.h"

/* Hex digits of SHA-256 kept per text: enough to notice any edit. */
#define HASH_CHARS 12

#define STAMP_COMMAND "cmake --build build --target stamp-translations"
#define CONFIRM_COMMAND "cmake --build build --target confirm-translations"

/* One translated text of a data file, as it stands. */
typedef struct {
    char *id;               /* "data/responses.ini [480] Description[ru]": the line's key */
    char *path;             /* the data file, as given on the command line */
    char *what;             /* "[480] Description[ru]" */
    int line;
    char english[HASH_CHARS + 1];
    char translation[HASH_CHARS + 1];
} translation_t;

struct tg_translations {
    GPtrArray *texts;       /* translation_t *, file by file, in line order */
};

/* One line of the sums file. */
typedef struct {
    char *id;
    int line;
    char english[HASH_CHARS + 1];
    char translation[HASH_CHARS + 1];
    gboolean matched;       /* a noted translation has this id */
} stamp_t;

typedef struct {
    GPtrArray *stamps;      /* stamp_t *, in file order */
    GHashTable *by_id;      /* id -> stamp_t * */
    char *text;             /* the file as read, NULL when absent */
} stamps_t;

static const char *const mode_names[] = { "warn", "require", "stamp", "confirm" };

int
tg_sums_mode_from_name(const char *name)
{
    for (int i = 0; i < (int)G_N_ELEMENTS(mode_names); i++)
        if (strcmp(name, mode_names[i]) == 0)
            return i;
    return -1;
}

static void
translation_free(gpointer p)
{
    translation_t *t = p;

    g_free(t->id);
    g_free(t->path);
    g_free(t->what);
    g_free(t);
}

static void
stamp_free(gpointer p)
{
    stamp_t *s = p;

    g_free(s->id);
    g_free(s);
}

tg_translations_t *
tg_translations_new(void)
{
    tg_translations_t *t = g_new0(tg_translations_t, 1);

    t->texts = g_ptr_array_new_with_free_func(translation_free);
    return t;
}

void
tg_translations_free(tg_translations_t *t)
{
    if (!t)
        return;
    g_ptr_array_free(t->texts, TRUE);
    g_free(t);
}

/* A value as written (escapes and all), without the blanks at either end:
 * any other edit of an English text makes its translations out of date. */
static void
hash_value(GKeyFile *kf, const char *group, const char *key, char out[HASH_CHARS + 1])
{
    char *value = g_key_file_get_value(kf, group, key, NULL);
    char *sum = g_compute_checksum_for_string(G_CHECKSUM_SHA256, value ? g_strstrip(value) : "", -1);

    g_strlcpy(out, sum, HASH_CHARS + 1);
    g_free(sum);
    g_free(value);
}

/* The English key of "Description@REGISTER[ru]" ("Description@REGISTER"),
 * or NULL when key is not a text in a language the project translates into. */
static char *
english_key_of(const char *key)
{
    const char *open = strrchr(key, '[');
    size_t len = strlen(key);
    char *lang;
    gboolean translated;

    if (!open || open == key || key[len - 1] != ']')
        return NULL;
    lang = g_strndup(open + 1, (gsize)(key + len - 1 - (open + 1)));
    translated = sip_explain_lang_from_name(lang) > SIP_EXPLAIN_LANG_EN;
    g_free(lang);
    return translated ? g_strndup(key, (gsize)(open - key)) : NULL;
}

static gint
by_line(gconstpointer a, gconstpointer b)
{
    const translation_t *x = *(translation_t *const *)a;
    const translation_t *y = *(translation_t *const *)b;

    return (x->line > y->line) - (x->line < y->line);
}

void
tg_translations_note(tg_translations_t *t, const tg_source_t *src)
{
    GPtrArray *found;

    if (!src || !src->kf || !src->lines)
        return;
    found = g_ptr_array_new();
    for (guint g = 0; g < src->lines->groups->len; g++) {
        const keyfile_group_lines_t *group = g_ptr_array_index(src->lines->groups, g);
        GHashTableIter iter;
        gpointer key, line;

        /* A repeated group is an error of its own; GKeyFile merged it. */
        if (g_hash_table_lookup(src->lines->by_name, group->name) != group)
            continue;
        g_hash_table_iter_init(&iter, group->key_lines);
        while (g_hash_table_iter_next(&iter, &key, &line)) {
            char *english = english_key_of(key);
            translation_t *text;

            /* A translation without its English is reported by the readers. */
            if (!english || !g_hash_table_contains(group->key_lines, english)) {
                g_free(english);
                continue;
            }
            text = g_new0(translation_t, 1);
            text->path = g_strdup(src->diag.path);
            text->what = g_strdup_printf("[%s] %s", group->name, (const char *)key);
            text->id = g_strdup_printf("%s %s", text->path, text->what);
            text->line = GPOINTER_TO_INT(line);
            hash_value(src->kf, group->name, english, text->english);
            hash_value(src->kf, group->name, key, text->translation);
            g_ptr_array_add(found, text);
            g_free(english);
        }
    }
    g_ptr_array_sort(found, by_line);
    for (guint i = 0; i < found->len; i++)
        g_ptr_array_add(t->texts, g_ptr_array_index(found, i));
    g_ptr_array_free(found, TRUE);
}

static gboolean
is_hash(const char *s)
{
    size_t n = 0;

    for (; s[n]; n++)
        if (!g_ascii_isxdigit(s[n]) || g_ascii_isupper(s[n]))
            return FALSE;
    return n == HASH_CHARS;
}

static void
stamps_clear(stamps_t *s)
{
    g_hash_table_destroy(s->by_id);
    g_ptr_array_free(s->stamps, TRUE);
    g_free(s->text);
}

/* Reads the sums file into s. A missing file is empty when missing_ok (the
 * first stamping); any other problem is reported on diag. */
static void
stamps_load(stamps_t *s, diag_t *diag, gboolean missing_ok)
{
    GError *err = NULL;
    char **lines;

    s->stamps = g_ptr_array_new_with_free_func(stamp_free);
    s->by_id = g_hash_table_new(g_str_hash, g_str_equal);
    s->text = NULL;
    if (!g_file_get_contents(diag->path, &s->text, NULL, &err)) {
        if (!(missing_ok && g_error_matches(err, G_FILE_ERROR, G_FILE_ERROR_NOENT)))
            diag_error(diag, 1, "cannot read: %s (write it with: " STAMP_COMMAND ")", err->message);
        g_error_free(err);
        return;
    }
    lines = g_strsplit(s->text, "\n", -1);
    for (int n = 0; lines[n]; n++) {
        char *line = g_strchomp(lines[n]);      /* also a '\r' of CRLF */
        char *last = strrchr(line, ' ');
        char *before = last ? g_strrstr_len(line, last - line, " ") : NULL;
        stamp_t *stamp;

        if (*line == '\0' || *line == '#')
            continue;
        if (before)
            *before = *last = '\0';
        if (!before || !is_hash(before + 1) || !is_hash(last + 1) || !strstr(line, " [")) {
            diag_error(diag, n + 1, "not a stamp 'FILE [GROUP] KEY[LANG] ENGLISH TRANSLATION' "
                       "(%d lowercase hex digits each): restore the line from version control", HASH_CHARS);
            continue;
        }
        if (g_hash_table_contains(s->by_id, line)) {
            const stamp_t *first = g_hash_table_lookup(s->by_id, line);
            diag_error(diag, n + 1, "second stamp for %s (first at line %d)", line, first->line);
            continue;
        }
        stamp = g_new0(stamp_t, 1);
        stamp->id = g_strdup(line);
        stamp->line = n + 1;
        g_strlcpy(stamp->english, before + 1, sizeof stamp->english);
        g_strlcpy(stamp->translation, last + 1, sizeof stamp->translation);
        g_ptr_array_add(s->stamps, stamp);
        g_hash_table_insert(s->by_id, stamp->id, stamp);
    }
    g_strfreev(lines);
}

/* Reports a translation on its own line of its data file. */
static void
report_text(int *count, const translation_t *text, const char *message)
{
    diag_t diag = { text->path, 0 };

    diag_error(&diag, text->line, "%s %s", text->what, message);
    (*count)++;
}

/* What a stamp says of a translation as it stands. */
typedef enum {
    STAMP_CURRENT,          /* both texts as stamped */
    STAMP_NONE,             /* no stamp: a new translation */
    STAMP_STALE,            /* the English changed, the translation did not */
    STAMP_UPDATED,          /* both changed: a translator updated it */
    STAMP_EDITED            /* only the translation changed */
} stamp_state_t;

static stamp_state_t
stamp_state(stamps_t *s, const translation_t *text)
{
    stamp_t *stamp = g_hash_table_lookup(s->by_id, text->id);
    gboolean same_english, same_translation;

    if (!stamp)
        return STAMP_NONE;
    stamp->matched = TRUE;
    same_english = strcmp(stamp->english, text->english) == 0;
    same_translation = strcmp(stamp->translation, text->translation) == 0;
    if (same_english)
        return same_translation ? STAMP_CURRENT : STAMP_EDITED;
    return same_translation ? STAMP_STALE : STAMP_UPDATED;
}

int
tg_translations_check(const tg_translations_t *t, const char *sums_path)
{
    diag_t diag = { sums_path, 0 };
    stamps_t s;
    int reported = 0;

    stamps_load(&s, &diag, FALSE);
    /* Without the file, listing every translation as unstamped says nothing more. */
    for (guint i = 0; s.text && i < t->texts->len; i++) {
        const translation_t *text = g_ptr_array_index(t->texts, i);
        char *message = NULL;

        switch (stamp_state(&s, text)) {
        case STAMP_CURRENT:
            break;
        case STAMP_NONE:
            message = g_strdup_printf("has no stamp in %s (a new translation? run: " STAMP_COMMAND ")",
                                      sums_path);
            break;
        case STAMP_STALE:
            message = g_strdup("translates an older English text (English changed; a translator must "
                               "update it, then run: " STAMP_COMMAND ")");
            break;
        case STAMP_UPDATED:
            message = g_strdup("was updated for a changed English text but not stamped (run: "
                               STAMP_COMMAND ")");
            break;
        case STAMP_EDITED:
            message = g_strdup("changed since it was stamped (run: " STAMP_COMMAND ")");
            break;
        }
        if (message)
            report_text(&reported, text, message);
        g_free(message);
    }
    for (guint i = 0; i < s.stamps->len; i++) {
        const stamp_t *stamp = g_ptr_array_index(s.stamps, i);
        if (!stamp->matched)
            diag_error(&diag, stamp->line, "stamp for %s, a translation that no longer exists "
                       "(run: " STAMP_COMMAND ")", stamp->id);
    }
    stamps_clear(&s);
    return reported + diag.errors;
}

static const char sums_header[] =
    "# %s: the English text each translation was made from.\n"
    "# Written by the table compiler (table/compiler/translation_sums.c); do not\n"
    "# edit it by hand, review its changes with the translations.\n"
    "#\n"
    "# One line per translated text of data/*.ini (KEY[LANG]= beside KEY=), sorted:\n"
    "#   FILE [GROUP] KEY[LANG] ENGLISH TRANSLATION\n"
    "# ENGLISH and TRANSLATION are the first %d hex digits of the SHA-256 of\n"
    "# the English value (KEY=) and of the translation (KEY[LANG]=) as written,\n"
    "# without blanks at either end, when the translation was stamped. The\n"
    "# build reports every translation whose English changed since, and ctest\n"
    "# tablegen.translations_current fails until a translator updates it.\n"
    "#\n"
    "# After updating translations (never instead), run\n"
    "#   " STAMP_COMMAND "\n"
    "# It stamps new and edited translations, and refuses one whose English\n"
    "# changed while it did not. When such a translation still fits the new\n"
    "# English (a typo fixed), a translator accepts every translation as it\n"
    "# stands with\n"
    "#   " CONFIRM_COMMAND "\n";

static char *
stamp_line(const translation_t *text)
{
    return g_strdup_printf("%s %s %s", text->id, text->english, text->translation);
}

static gint
by_text(gconstpointer a, gconstpointer b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int
tg_translations_stamp(const tg_translations_t *t, const char *sums_path, tg_sums_mode_t mode)
{
    diag_t diag = { sums_path, 0 };
    stamps_t s;
    GPtrArray *lines = g_ptr_array_new_with_free_func(g_free);
    GString *out;
    int refused = 0, stamped = 0, removed = 0;
    GError *err = NULL;

    stamps_load(&s, &diag, TRUE);
    if (diag.errors) {
        fprintf(stderr, "%s: not rewritten: fix or delete the lines above first\n", sums_path);
        stamps_clear(&s);
        g_ptr_array_free(lines, TRUE);
        return diag.errors;
    }
    for (guint i = 0; i < t->texts->len; i++) {
        const translation_t *text = g_ptr_array_index(t->texts, i);
        stamp_state_t state = stamp_state(&s, text);
        const char *why = NULL;

        if (state == STAMP_NONE)
            why = "new translation";
        else if (state == STAMP_EDITED)
            why = "translation edited";
        else if (state == STAMP_UPDATED)
            why = "translation updated for the changed English";
        else if (state == STAMP_STALE && mode == TG_SUMS_CONFIRM)
            why = "confirmed for the changed English";
        if (state == STAMP_STALE && mode != TG_SUMS_CONFIRM) {
            /* Keep the old stamp: the translation still says what the old English said. */
            const stamp_t *stamp = g_hash_table_lookup(s.by_id, text->id);
            report_text(&refused, text, "not stamped: its English changed but it did not (a translator "
                        "must update it first; if it still fits the new English, run: " CONFIRM_COMMAND ")");
            g_ptr_array_add(lines, g_strdup_printf("%s %s %s", stamp->id, stamp->english, stamp->translation));
            continue;
        }
        if (why) {
            printf("stamped (%s): %s:%d: %s\n", why, text->path, text->line, text->what);
            stamped++;
        }
        g_ptr_array_add(lines, stamp_line(text));
    }
    for (guint i = 0; i < s.stamps->len; i++) {
        const stamp_t *stamp = g_ptr_array_index(s.stamps, i);
        if (!stamp->matched) {
            printf("removed stamp: %s (no such translation any more)\n", stamp->id);
            removed++;
        }
    }
    g_ptr_array_sort(lines, by_text);
    out = g_string_new(NULL);
    g_string_append_printf(out, sums_header, sums_path, HASH_CHARS);
    for (guint i = 0; i < lines->len; i++)
        g_string_append_printf(out, "%s\n", (const char *)g_ptr_array_index(lines, i));
    if (s.text && strcmp(s.text, out->str) == 0) {
        printf("%s: unchanged (%u stamps)\n", sums_path, lines->len);
    } else if (!g_file_set_contents(sums_path, out->str, (gssize)out->len, &err)) {
        diag_error(&diag, 1, "cannot write: %s", err->message);
        g_error_free(err);
    } else {
        printf("%s: %d stamped, %d removed; %u stamps in all\n", sums_path, stamped, removed, lines->len);
    }
    if (refused)
        fprintf(stderr, "%s: %d translation%s not stamped (above): %s\n", sums_path, refused,
                refused == 1 ? "" : "s", "their English changed since they were made");
    g_string_free(out, TRUE);
    g_ptr_array_free(lines, TRUE);
    stamps_clear(&s);
    return refused + diag.errors;
}
