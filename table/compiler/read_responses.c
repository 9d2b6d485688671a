/* read_responses.c
 * Checks data/responses.ini: one group per response code plus one group
 * per class, each key validated against the schema in the file header.
 * The names of classes, severities, actors and retry advice are the shared
 * rules' (sip_explain_rules.c).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>

#include "tablegen_model.h"

/* The names of the values of Class= (the first class is 0), Severity=,
 * Actor= and Retry=, as tg_parse_enum() reads them. */
static const char *
class_name_at(int i)
{
    return sip_explain_class_name((sip_explain_class_t)(i + 1));
}

static const char *
severity_name_at(int i)
{
    return sip_explain_severity_name((sip_explain_severity_t)i);
}

static const char *
actor_name_at(int i)
{
    return sip_explain_actor_name((sip_explain_actor_t)i);
}

static const char *
retry_name_at(int i)
{
    return sip_explain_retry_name((sip_explain_retry_t)i);
}

static const char *const code_keys[] = {
    "Reason", "Class", "RFC", "Severity", "Methods", "MethodsRef", "Headers",
    "Requires", "RequiresRef", "Actor", "Retry", "Description", "When", "Fix", NULL
};
static const char *const class_keys[] = {
    "Class", "Severity", "Actor", "Retry", "Description", "When", "Fix", NULL
};
static const char *const text_keys[] = { "Description", "When", "Fix", NULL };

static void
response_free(gpointer p)
{
    tg_response_t *r = p;
    int i;

    if (!r)
        return;
    g_free(r->reason);
    g_strfreev(r->methods);
    g_strfreev(r->headers);
    g_free(r->methods_ref);
    g_strfreev(r->requires);
    g_free(r->requires_ref);
    for (i = 0; i < TG_LANGS; i++) {
        g_free(r->description[i]);
        g_free(r->when[i]);
        g_free(r->fix[i]);
    }
    g_free(r);
}

static gint
compare_code(gconstpointer a, gconstpointer b)
{
    const tg_response_t *ra = *(tg_response_t *const *)a;
    const tg_response_t *rb = *(tg_response_t *const *)b;

    return (ra->code > rb->code) - (ra->code < rb->code);
}

/* "489" -> code, "4xx" -> class; anything else is reported. */
static gboolean
parse_group_name(tg_source_t *src, const keyfile_group_lines_t *g, long *code, gboolean *is_class)
{
    const char *n = g->name;

    if (strlen(n) == 3 && n[0] >= '1' && n[0] < '1' + SIP_EXPLAIN_CLASS_COUNT && strcmp(n + 1, "xx") == 0) {
        *code = (n[0] - '0') * 100;
        *is_class = TRUE;
        return TRUE;
    }
    if (strlen(n) >= 1 && strspn(n, "0123456789") == strlen(n)) {
        long v = strlen(n) > 4 ? 100000 : strtol(n, NULL, 10);
        if (strlen(n) != 3 || v < 100 || v > 699) {
            diag_error(&src->diag, g->line, "code [%s] is outside 100-699", n);
            return FALSE;
        }
        *code = v;
        *is_class = FALSE;
        return TRUE;
    }
    diag_error(&src->diag, g->line, "group [%s] is neither a response code such as [489] nor a class such as [4xx]", n);
    return FALSE;
}

static void
read_texts(tg_source_t *src, const keyfile_group_lines_t *g, tg_response_t *r)
{
    int lang;

    r->description[0] = tg_get_text(src, g, "Description", TRUE);
    r->when[0] = tg_get_text(src, g, "When", TRUE);
    r->fix[0] = tg_get_text(src, g, "Fix", TRUE);
    for (lang = 1; lang < TG_LANGS; lang++) {
        char **slots[3] = { &r->description[lang], &r->when[lang], &r->fix[lang] };
        gboolean any = FALSE;
        int k;

        for (k = 0; text_keys[k]; k++) {
            char *key = tg_localized_key(text_keys[k], lang);
            any |= g_hash_table_contains(g->key_lines, key);
            g_free(key);
        }
        if (!any)
            continue;
        /* A translated entry must have all three texts. */
        for (k = 0; text_keys[k]; k++) {
            char *key = tg_localized_key(text_keys[k], lang);
            if (!g_hash_table_contains(g->key_lines, key))
                diag_error(&src->diag, g->line, "translation [%s] of [%s] lacks %s",
                           sip_explain_lang_name((sip_explain_lang_t)lang), g->name, key);
            else
                *slots[k] = tg_get_text(src, g, key, TRUE);
            g_free(key);
        }
    }
}

static void
read_rfcs(tg_source_t *src, const keyfile_group_lines_t *g, tg_response_t *r)
{
    char **items = tg_get_list(src, g, "RFC", TRUE);

    if (!items)
        return;
    for (char **it = items; *it; it++) {
        long v;
        if (r->n_rfcs == TG_MAX_RFCS) {
            diag_error(&src->diag, keyfile_lines_key_line(g, "RFC"), "more than %d RFCs", TG_MAX_RFCS);
            break;
        }
        if (tg_parse_int(src, g, "RFC", *it, 1, 99999, &v))
            r->rfcs[r->n_rfcs++] = v;
    }
    g_strfreev(items);
}

static int
read_enum(tg_source_t *src, const keyfile_group_lines_t *g, const char *key, tg_enum_name_fn name_of, int count)
{
    char *text = tg_get_text(src, g, key, TRUE);
    int v = text ? tg_parse_enum(src, g, key, text, name_of, count) : -1;

    g_free(text);
    return v;
}

static tg_response_t *
read_group(tg_source_t *src, const keyfile_group_lines_t *g)
{
    tg_response_t *r;
    long code;
    gboolean is_class;
    int klass;

    if (!parse_group_name(src, g, &code, &is_class))
        return NULL;
    r = g_new0(tg_response_t, 1);
    r->code = code;
    r->is_class = is_class;
    tg_check_keys(src, g, is_class ? class_keys : code_keys, text_keys);

    klass = read_enum(src, g, "Class", class_name_at, SIP_EXPLAIN_CLASS_COUNT);
    if (klass >= 0 && klass + 1 != code / 100)
        diag_error(&src->diag, keyfile_lines_key_line(g, "Class"),
                   "class '%s' does not match [%s]: %ldxx is %s",
                   class_name_at(klass), g->name, code / 100, class_name_at((int)(code / 100) - 1));
    r->klass = (int)(code / 100);
    r->severity = read_enum(src, g, "Severity", severity_name_at, SIP_EXPLAIN_SEV_COUNT);
    r->actor = read_enum(src, g, "Actor", actor_name_at, SIP_EXPLAIN_ACTOR_COUNT);
    r->retry = read_enum(src, g, "Retry", retry_name_at, SIP_EXPLAIN_RETRY_COUNT);
    if (!is_class) {
        r->reason = tg_get_text(src, g, "Reason", TRUE);
        read_rfcs(src, g, r);
        r->methods = tg_get_list(src, g, "Methods", TRUE);
        r->methods_ref = tg_get_text(src, g, "MethodsRef", FALSE);
        r->headers = tg_get_list(src, g, "Headers", FALSE);
        r->requires = tg_get_list(src, g, "Requires", FALSE);
        r->requires_ref = tg_get_text(src, g, "RequiresRef", FALSE);
        if (r->requires && !r->requires_ref)
            diag_error(&src->diag, keyfile_lines_key_line(g, "Requires"),
                       "Requires in [%s] needs RequiresRef (the RFC section that requires it)", g->name);
        if (r->requires_ref && !r->requires)
            diag_error(&src->diag, keyfile_lines_key_line(g, "RequiresRef"),
                       "RequiresRef in [%s] without Requires", g->name);
        if (r->methods_ref && r->methods && g_strv_contains((const gchar *const *)r->methods, "*"))
            diag_error(&src->diag, keyfile_lines_key_line(g, "MethodsRef"),
                       "MethodsRef in [%s] limits nothing: Methods is *", g->name);
    }
    read_texts(src, g, r);
    return r;
}

void
tg_read_responses(tg_source_t *src, tg_responses_t *out)
{
    guint i;

    memset(out, 0, sizeof *out);
    out->codes = g_ptr_array_new_with_free_func(response_free);
    if (!src->kf)
        return;
    for (i = 0; i < src->lines->groups->len; i++) {
        const keyfile_group_lines_t *g = g_ptr_array_index(src->lines->groups, i);
        tg_response_t *r = read_group(src, g);

        if (!r)
            continue;
        if (r->is_class) {
            if (!out->classes[r->klass - 1])
                out->classes[r->klass - 1] = r;
            else
                response_free(r);
        } else {
            g_ptr_array_add(out->codes, r);
        }
    }
    for (i = 0; i < SIP_EXPLAIN_CLASS_COUNT; i++)
        if (!out->classes[i])
            diag_error(&src->diag, src->lines->last_line,
                       "missing class group [%uxx] (the fallback for unregistered codes)", i + 1);
    g_ptr_array_sort(out->codes, compare_code);
}

void
tg_responses_clear(tg_responses_t *t)
{
    int i;

    if (t->codes)
        g_ptr_array_free(t->codes, TRUE);
    for (i = 0; i < SIP_EXPLAIN_CLASS_COUNT; i++)
        response_free(t->classes[i]);
    memset(t, 0, sizeof *t);
}
