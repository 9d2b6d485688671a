/* tablegen.c
 * sip_explain_tablegen: compiles data/<name>.ini into the C tables of
 * sip_explain_table.h, or stops with FILE:LINE: messages.
 *
 *   sip_explain_tablegen [--out FILE.c] [--responses F] [--warnings F] [--q850 F]
 *                        [--labels F]... [--glossary-ru F] [--glossary-vi F]
 *
 * --labels may be given up to four times (data/labels.ini, data/findings.ini):
 * one table, an id in one file only. A glossary rejects translated texts that use its avoided terms.
 * Without --out it only checks. Exit status: 0 ok, 1 data errors, 2 usage.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "tablegen_model.h"

static int
usage(void)
{
    fputs("usage: sip_explain_tablegen [--out FILE.c] [--responses FILE] [--warnings FILE] [--q850 FILE]\n"
          "                            [--labels FILE]... [--glossary-ru FILE] [--glossary-vi FILE]\n", stderr);
    return 2;
}

/* Writes to a temporary file beside the target and renames it, so a failed
 * run never leaves a half-written table behind. */
static gboolean
write_output(const char *path, const tg_responses_t *responses,
             const tg_code_table_t *warn, const tg_code_table_t *q850,
             const tg_labels_t *labels)
{
    char *tmp = g_strconcat(path, ".tmp", NULL);
    FILE *out = fopen(tmp, "w");
    gboolean ok;

    if (!out) {
        fprintf(stderr, "%s: cannot write: %s\n", tmp, g_strerror(errno));
        g_free(tmp);
        return FALSE;
    }
    ok = tg_emit_c(out, responses, warn, q850);
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

static void
check_glossaries(tg_source_t *src)
{
    int lang;

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
    tg_labels_t labels = { NULL };
    gboolean have_labels = FALSE;
    tg_responses_t responses;
    tg_code_table_t warn, q850;
    gboolean have_responses = FALSE, have_warn = FALSE, have_q850 = FALSE;
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
        if (!slot || i + 1 >= argc || *slot)
            return usage();
        *slot = argv[++i];
    }
    if (!responses_path && !warn_path && !q850_path && !n_labels && !glossary_path[1] && !glossary_path[2])
        return usage();

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

    if (!errors && out_path
        && !write_output(out_path, have_responses ? &responses : NULL,
                         have_warn ? &warn : NULL, have_q850 ? &q850 : NULL,
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
    if (have_labels)
        tg_labels_clear(&labels);
    for (i = 1; i < TG_LANGS; i++)
        tg_glossary_clear(&glossaries[i]);
    return errors ? 1 : 0;
}
