/* read_code_table.c
 * Checks a small code table: data/warn_codes.ini, data/q850_causes.ini and
 * the vendors' cause tables (data/freeswitch_causes.ini,
 * data/ms_diagnostics.ini, data/twilio_errors.ini).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>

#include "tablegen_model.h"

const tg_code_kind_t tg_warn_kind = { "warn-code", 300, 399, "3xx", TRUE, FALSE, FALSE };
const tg_code_kind_t tg_q850_kind = { "cause", 0, 127, "default", FALSE, TRUE, FALSE };
const tg_code_kind_t tg_cause_kinds[SIP_EXPLAIN_CAUSE_TABLE_COUNT] = {
    [SIP_EXPLAIN_CAUSES_FREESWITCH] = { "FreeSWITCH cause", 128, 999, NULL, FALSE, FALSE, FALSE },
    [SIP_EXPLAIN_CAUSES_MS_DIAGNOSTICS] = { "ms-diagnostics id or range LOW-HIGH", 0, 999999, "default",
                                            FALSE, FALSE, TRUE },
    [SIP_EXPLAIN_CAUSES_TWILIO] = { "Twilio error code", 10000, 99999, NULL, FALSE, FALSE, FALSE },
};

static const char *const row_keys_rfc[] = { "Reason", "RFC", "Description", NULL };
static const char *const row_keys_sip[] = { "Reason", "SIP", "Description", NULL };
static const char *const fallback_keys[] = { "Description", NULL };
static const char *const localizable_keys[] = { "Description", NULL };

static void
row_free(gpointer p)
{
    tg_code_row_t *r = p;

    if (!r)
        return;
    g_free(r->reason);
    g_free(r->rfc);
    for (int lang = 0; lang < TG_LANGS; lang++)
        g_free(r->description[lang]);
    g_free(r);
}

/* By code; a range before a row of its first code (lookups walk back from
 * the code and must meet the row of the code first). */
static gint
compare_code(gconstpointer a, gconstpointer b)
{
    const tg_code_row_t *ra = *(tg_code_row_t *const *)a;
    const tg_code_row_t *rb = *(tg_code_row_t *const *)b;

    if (ra->code != rb->code)
        return (ra->code > rb->code) - (ra->code < rb->code);
    return (ra->last < rb->last) - (ra->last > rb->last);
}

/* A group name of digits only, at most 6, as a code; -1 when it is not. */
static long
digits_value(const char *s, size_t len)
{
    if (len == 0 || len > 6 || strspn(s, "0123456789") < len)
        return -1;
    return strtol(s, NULL, 10);
}

/* The codes a group name stands for: [N], or [LOW-HIGH] where the kind
 * allows ranges. FALSE when it is neither, or outside the kind's codes. */
static gboolean
group_codes(const tg_code_kind_t *kind, const char *name, long *first, long *last)
{
    const char *dash = kind->ranges ? strchr(name, '-') : NULL;

    *first = digits_value(name, dash ? (size_t)(dash - name) : strlen(name));
    *last = dash ? digits_value(dash + 1, strlen(dash + 1)) : *first;
    return *first >= kind->min && *last <= kind->max && *first <= *last && (!dash || *first < *last);
}

/* Description in English and in every language the project ships. */
static void
read_descriptions(tg_source_t *src, const keyfile_group_lines_t *g, tg_code_row_t *r)
{
    r->description[0] = tg_get_text(src, g, "Description", TRUE);
    for (int lang = 1; lang < TG_LANGS; lang++) {
        char *key = tg_localized_key("Description", lang);
        r->description[lang] = tg_get_text(src, g, key, TRUE);
        g_free(key);
    }
}

static tg_code_row_t *
read_row(tg_source_t *src, const tg_code_kind_t *kind, const keyfile_group_lines_t *g)
{
    tg_code_row_t *r = g_new0(tg_code_row_t, 1);

    if (kind->fallback_group && strcmp(g->name, kind->fallback_group) == 0) {
        r->code = r->last = -1;
        tg_check_keys(src, g, fallback_keys, localizable_keys, NULL);
        read_descriptions(src, g, r);
        return r;
    }
    if (!group_codes(kind, g->name, &r->code, &r->last)) {
        if (kind->fallback_group)
            diag_error(&src->diag, g->line, "group [%s] is not a %s from %ld to %ld nor [%s]",
                       g->name, kind->what, kind->min, kind->max, kind->fallback_group);
        else
            diag_error(&src->diag, g->line, "group [%s] is not a %s from %ld to %ld",
                       g->name, kind->what, kind->min, kind->max);
        row_free(r);
        return NULL;
    }
    tg_check_keys(src, g, kind->has_sip ? row_keys_sip : row_keys_rfc, localizable_keys, NULL);
    r->reason = tg_get_text(src, g, "Reason", TRUE);
    read_descriptions(src, g, r);
    if (kind->has_rfc) {
        char *rfc = tg_get_text(src, g, "RFC", TRUE);
        long v;
        if (rfc && tg_parse_int(src, g, "RFC", rfc, 1, 99999, &v))
            r->rfc = g_strdup_printf("RFC %ld", v);
        g_free(rfc);
    }
    if (kind->has_sip) {
        char *sip = tg_get_text(src, g, "SIP", FALSE);
        if (sip)
            tg_parse_int(src, g, "SIP", sip, 100, 699, &r->sip);
        g_free(sip);
    }
    return r;
}

/* A code in two groups, or two ranges that overlap, would make a lookup
 * depend on the file's order. */
static void
check_unique(tg_source_t *src, const tg_code_table_t *t)
{
    const tg_code_row_t *last_range = NULL, *prev = NULL;
    guint i;

    for (i = 0; i < t->rows->len; i++) {
        const tg_code_row_t *r = g_ptr_array_index(t->rows, i);
        gboolean range = r->last > r->code;

        if (prev && prev->code == r->code && prev->last == r->last)
            diag_error(&src->diag, src->lines->last_line, "code %ld has two groups", r->code);
        if (range && last_range && r->code <= last_range->last)
            diag_error(&src->diag, src->lines->last_line, "ranges [%ld-%ld] and [%ld-%ld] overlap",
                       last_range->code, last_range->last, r->code, r->last);
        if (range)
            last_range = r;
        prev = r;
    }
}

void
tg_read_code_table(tg_source_t *src, const tg_code_kind_t *kind, tg_code_table_t *out)
{
    guint i;

    memset(out, 0, sizeof *out);
    out->rows = g_ptr_array_new_with_free_func(row_free);
    if (!src->kf)
        return;
    for (i = 0; i < src->lines->groups->len; i++) {
        const keyfile_group_lines_t *g = g_ptr_array_index(src->lines->groups, i);
        tg_code_row_t *r = read_row(src, kind, g);

        if (!r)
            continue;
        if (r->code >= 0)
            g_ptr_array_add(out->rows, r);
        else if (!out->fallback)
            out->fallback = r;
        else
            row_free(r);
    }
    if (kind->fallback_group && !out->fallback)
        diag_error(&src->diag, src->lines->last_line, "missing fallback group [%s]", kind->fallback_group);
    g_ptr_array_sort(out->rows, compare_code);
    check_unique(src, out);
}

void
tg_code_table_clear(tg_code_table_t *t)
{
    if (t->rows)
        g_ptr_array_free(t->rows, TRUE);
    row_free(t->fallback);
    memset(t, 0, sizeof *t);
}
