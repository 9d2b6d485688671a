/* tablegen.c
 * sip_explain_tablegen: compiles data/<name>.ini into the C tables of
 * sip_explain_table.h, or stops with FILE:LINE: messages.
 *
 *   sip_explain_tablegen [--out FILE.c] [--responses F] [--warnings F] [--q850 F]
 *                        [--freeswitch F] [--ms-diagnostics F] [--twilio F]
 *                        [--labels F]... [--glossary-ru F] [--glossary-vi F]
 *                        [--translation-sums F [--translations MODE]]
 *                        [--require-templates LIST]...
 *
 * --labels may be given up to four times (data/labels.ini, data/findings.ini):
 * one table, an id in one file only. A glossary rejects translated texts that use its avoided terms.
 * Without --out it only checks. --translation-sums compares every translation
 * with the English it was stamped from (translation_sums.h); MODE warn (the
 * default) reports stale ones and still writes the table, require makes them
 * errors, stamp and confirm rewrite the sums file instead.
 * --require-templates: every template id the list of the plugin's rows names
 * must be a label (require_templates.h); up to four lists.
 * Exit status: 0 ok, 1 data errors (or stale translations with require,
 * refused stamps), 2 usage.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "tablegen_model.h"
#include "translation_sums.h"
#include "require_templates.h"

static int
usage(void)
{
    fputs("usage: sip_explain_tablegen [--out FILE.c] [--responses FILE] [--warnings FILE] [--q850 FILE]\n"
          "                            [--freeswitch FILE] [--ms-diagnostics FILE] [--twilio FILE]\n"
          "                            [--labels FILE]... [--glossary-ru FILE] [--glossary-vi FILE]\n"
          "                            [--translation-sums FILE [--translations warn|require|stamp|confirm]]\n"
          "                            [--require-templates LIST]...\n",
          stderr);
    return 2;
}

/* Writes to a temporary file beside the target and renames it, so a failed
 * run never leaves a half-written table behind. */
static gboolean
write_output(const char *path, const tg_responses_t *responses,
             const tg_code_table_t *warn, const tg_code_table_t *q850,
             const tg_code_table_t *const causes[SIP_EXPLAIN_CAUSE_TABLE_COUNT], const tg_labels_t *labels)
{
    char *tmp = g_strconcat(path, ".tmp", NULL);
    FILE *out = fopen(tmp, "w");
    gboolean ok;

    if (!out) {
        fprintf(stderr, "%s: cannot write: %s\n", tmp, g_strerror(errno));
        g_free(tmp);
        return FALSE;
    }
    ok = tg_emit_c(out, responses, warn, q850, causes);
    tg_emit_labels_c(out, labels);
    ok = ok && !ferror(out);
    ok = (fclose(out) == 0) && ok;
    if (ok && rename(tmp, path) != 0) {
        fprintf(stderr, "%s: cannot rename to %s: %s\n", tmp, path, g_strerror(errno));
        ok = FALSE;
    }
    if (!ok)
        remove(tmp);
    g_free(tmp);
    return ok;
}

/* Errors of an opened source (1 when it could not be opened); frees it. */
static int
close_source(tg_source_t *src)
{
    int errors = src ? src->diag.errors : 1;

    tg_source_free(src);
    return errors;
}

/* Glossaries given on the command line, checked against every data file. */
static tg_glossary_t glossaries[TG_LANGS];
/* The translations of every data file, for --translation-sums. */
static tg_translations_t *translations;

static void
check_glossaries(tg_source_t *src)
{
    int lang;

    tg_translations_note(translations, src);
    for (lang = 1; src && lang < TG_LANGS; lang++)
        if (glossaries[lang].entries)
            tg_check_glossary(src, &glossaries[lang]);
}

static gboolean
load_code_table(const char *path, const tg_code_kind_t *kind, tg_code_table_t *out, int *errors)
{
    tg_source_t *src = tg_source_open(path);
    gboolean opened = src != NULL;

    if (opened)
        tg_read_code_table(src, kind, out);
    check_glossaries(src);
    *errors += close_source(src);
    return opened;
}

int
main(int argc, char **argv)
{
    const char *out_path = NULL, *responses_path = NULL, *warn_path = NULL, *q850_path = NULL;
    const char *labels_path[4] = { NULL };
    int n_labels = 0;
    const char *glossary_path[TG_LANGS] = { NULL };
    const char *template_lists[4] = { NULL };
    int n_template_lists = 0;
    const char *sums_path = NULL, *sums_mode_name = NULL;
    int sums_mode = TG_SUMS_WARN;
    tg_labels_t labels = { NULL };
    gboolean have_labels = FALSE;
    tg_responses_t responses;
    tg_code_table_t warn, q850;
    gboolean have_responses = FALSE, have_warn = FALSE, have_q850 = FALSE;
    /* The vendors' cause tables, by sip_explain_cause_table_t. */
    static const char *const cause_options[SIP_EXPLAIN_CAUSE_TABLE_COUNT] = {
        [SIP_EXPLAIN_CAUSES_FREESWITCH] = "--freeswitch",
        [SIP_EXPLAIN_CAUSES_MS_DIAGNOSTICS] = "--ms-diagnostics",
        [SIP_EXPLAIN_CAUSES_TWILIO] = "--twilio",
    };
    const char *cause_path[SIP_EXPLAIN_CAUSE_TABLE_COUNT] = { NULL };
    tg_code_table_t cause_table[SIP_EXPLAIN_CAUSE_TABLE_COUNT];
    const tg_code_table_t *causes[SIP_EXPLAIN_CAUSE_TABLE_COUNT] = { NULL };
    gboolean any_cause = FALSE;
    int t;
    int errors = 0;
    int i;

    for (i = 1; i < argc; i++) {
        const char **slot = NULL;
        if (strcmp(argv[i], "--out") == 0)
            slot = &out_path;
        else if (strcmp(argv[i], "--responses") == 0)
            slot = &responses_path;
        else if (strcmp(argv[i], "--warnings") == 0)
            slot = &warn_path;
        else if (strcmp(argv[i], "--q850") == 0)
            slot = &q850_path;
        else if (strcmp(argv[i], "--labels") == 0 && n_labels < (int)G_N_ELEMENTS(labels_path))
            slot = &labels_path[n_labels++];
        else if (strcmp(argv[i], "--glossary-ru") == 0)
            slot = &glossary_path[1];
        else if (strcmp(argv[i], "--glossary-vi") == 0)
            slot = &glossary_path[2];
        else if (strcmp(argv[i], "--translation-sums") == 0)
            slot = &sums_path;
        else if (strcmp(argv[i], "--translations") == 0)
            slot = &sums_mode_name;
        else if (strcmp(argv[i], "--require-templates") == 0 && n_template_lists < (int)G_N_ELEMENTS(template_lists))
            slot = &template_lists[n_template_lists++];
        for (t = 0; !slot && t < SIP_EXPLAIN_CAUSE_TABLE_COUNT; t++)
            if (strcmp(argv[i], cause_options[t]) == 0)
                slot = &cause_path[t];
        if (!slot || i + 1 >= argc || *slot)
            return usage();
        *slot = argv[++i];
    }
    for (t = 0; t < SIP_EXPLAIN_CAUSE_TABLE_COUNT; t++)
        any_cause |= cause_path[t] != NULL;
    if (!responses_path && !warn_path && !q850_path && !any_cause && !n_labels && !glossary_path[1] && !glossary_path[2])
        return usage();
    if (sums_mode_name && (!sums_path || (sums_mode = tg_sums_mode_from_name(sums_mode_name)) < 0))
        return usage();
    if (sums_mode >= TG_SUMS_STAMP && out_path)
        return usage();
    translations = tg_translations_new();

    for (i = 1; i < TG_LANGS; i++) {
        tg_source_t *src = glossary_path[i] ? tg_source_open(glossary_path[i]) : NULL;
        if (src)
            tg_read_glossary(src, i, &glossaries[i]);
        if (glossary_path[i])
            errors += close_source(src);
    }

    if (responses_path) {
        tg_source_t *src = tg_source_open(responses_path);
        if (src) {
            tg_read_responses(src, &responses);
            have_responses = TRUE;
        }
        check_glossaries(src);
        errors += close_source(src);
    }
    have_warn = warn_path && load_code_table(warn_path, &tg_warn_kind, &warn, &errors);
    have_q850 = q850_path && load_code_table(q850_path, &tg_q850_kind, &q850, &errors);
    for (t = 0; t < SIP_EXPLAIN_CAUSE_TABLE_COUNT; t++)
        if (cause_path[t] && load_code_table(cause_path[t], &tg_cause_kinds[t], &cause_table[t], &errors))
            causes[t] = &cause_table[t];
    /* Several label files make one table: an id may be in one only. */
    for (i = 0; i < n_labels; i++) {
        tg_source_t *src = tg_source_open(labels_path[i]);
        if (src) {
            tg_read_labels(src, &labels);
            have_labels = TRUE;
        }
        check_glossaries(src);
        errors += close_source(src);
    }
    for (i = 0; i < n_template_lists; i++)
        errors += tg_require_templates(template_lists[i], have_labels ? &labels : NULL, labels_path, n_labels);

    /* Stale translations never stop the build: someone who cannot write
     * Russian must still be able to build and test an English change. */
    if (sums_path && sums_mode >= TG_SUMS_STAMP) {
        if (errors)
            fprintf(stderr, "%s: not rewritten: fix the data errors above first\n", sums_path);
        else
            errors += tg_translations_stamp(translations, sums_path, (tg_sums_mode_t)sums_mode);
    } else if (sums_path) {
        int stale = tg_translations_check(translations, sums_path);
        if (stale)
            fprintf(stderr, "sip_explain_tablegen: %d translation stamp%s out of date in %s%s\n", stale,
                    stale == 1 ? "" : "s", sums_path,
                    sums_mode == TG_SUMS_REQUIRE ? "" : " (the table is still written; ctest "
                    "tablegen.translations_current fails until they are updated)");
        if (sums_mode == TG_SUMS_REQUIRE)
            errors += stale;
    }
    if (!errors && out_path
        && !write_output(out_path, have_responses ? &responses : NULL,
                         have_warn ? &warn : NULL, have_q850 ? &q850 : NULL, causes,
                         have_labels ? &labels : NULL))
        errors++;
    if (errors)
        fprintf(stderr, "sip_explain_tablegen: %d error%s, no table written\n", errors, errors == 1 ? "" : "s");

    if (have_responses)
        tg_responses_clear(&responses);
    if (have_warn)
        tg_code_table_clear(&warn);
    if (have_q850)
        tg_code_table_clear(&q850);
    for (t = 0; t < SIP_EXPLAIN_CAUSE_TABLE_COUNT; t++)
        if (causes[t])
            tg_code_table_clear(&cause_table[t]);
    if (have_labels)
        tg_labels_clear(&labels);
    for (i = 1; i < TG_LANGS; i++)
        tg_glossary_clear(&glossaries[i]);
    tg_translations_free(translations);
    return errors ? 1 : 0;
}
