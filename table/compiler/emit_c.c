/* emit_c.c
 * Writes the checked tables as C source for sip_explain_table.h.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdio.h>
#include <string.h>

#include "tablegen_model.h"

/* A C string literal, or NULL. Bytes outside printable ASCII are written as
 * octal escapes so the literal means the same bytes on any compiler. */
static void
put_str(FILE *out, const char *s)
{
    const unsigned char *p;

    if (!s) {
        fputs("NULL", out);
        return;
    }
    fputc('"', out);
    for (p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(out, "\\%c", *p);
        else if (*p == '?' && p[1] == '?')
            fputs("?\"\"", out);          /* no trigraphs */
        else if (*p < 0x20 || *p >= 0x7f)
            fprintf(out, "\\%03o", *p);
        else
            fputc(*p, out);
    }
    fputc('"', out);
}

/* The summary of a description: its first sentence (the shared rule). */
static char *
first_sentence(const char *text)
{
    return text ? g_strndup(text, sip_explain_first_sentence_len(text)) : NULL;
}

static void
put_lang_array(FILE *out, char *const texts[TG_LANGS])
{
    int i;

    fputs("{ ", out);
    for (i = 0; i < TG_LANGS; i++) {
        put_str(out, texts[i]);
        fputs(i + 1 < TG_LANGS ? ", " : " }", out);
    }
}

static void
put_str_array_def(FILE *out, const char *name, long code, char **items)
{
    if (!items || !items[0])
        return;
    fprintf(out, "static const char *const %s_%ld[] = { ", name, code);
    for (char **it = items; *it; it++) {
        put_str(out, *it);
        fputs(", ", out);
    }
    fputs("};\n", out);
}

static char *
rfc_display(const tg_response_t *r)
{
    GString *s;
    int i;

    if (r->n_rfcs == 0)
        return NULL;
    s = g_string_new(NULL);
    g_string_printf(s, "RFC %ld", r->rfcs[0]);
    for (i = 1; i < r->n_rfcs; i++)
        g_string_append_printf(s, "%sRFC %ld", i == 1 ? " (earlier: " : ", ", r->rfcs[i]);
    if (r->n_rfcs > 1)
        g_string_append_c(s, ')');
    return g_string_free(s, FALSE);
}

/* Description, summary (its first sentence, the shared rule), when and
 * fix, each an array per language, separated by ",\n      ". */
static void
put_texts(FILE *out, char *const description[TG_LANGS], char *const when[TG_LANGS], char *const fix[TG_LANGS])
{
    char *summary[TG_LANGS];
    int i;

    for (i = 0; i < TG_LANGS; i++)
        summary[i] = first_sentence(description[i]);
    put_lang_array(out, description);
    fputs(",\n      ", out);
    put_lang_array(out, summary);
    fputs(",\n      ", out);
    put_lang_array(out, when);
    fputs(",\n      ", out);
    put_lang_array(out, fix);
    for (i = 0; i < TG_LANGS; i++)
        g_free(summary[i]);
}

static void
put_method_texts(FILE *out, const tg_method_texts_t *v)
{
    fputs("    { ", out);
    put_str(out, v->method);
    fprintf(out, ", %d, %d, %d,\n      ", v->severity, v->actor, v->retry);
    put_texts(out, v->description, v->when, v->fix);
    fputs(" },\n", out);
}

/* The entry's method texts start at sip_explain_method_texts[first]. */
static void
put_entry(FILE *out, const tg_response_t *r, guint first)
{
    char *rfc = rfc_display(r);

    fprintf(out, "    { %ld, %d, %d, %d, %d, %d,\n      ", r->code, r->klass, r->is_class ? 0 : 1,
            r->severity, r->actor, r->retry);
    put_str(out, r->reason);
    fputs(", ", out);
    put_str(out, rfc);
    if (r->n_rfcs)
        fprintf(out, ", rfcs_%ld, %d,\n      ", r->code, r->n_rfcs);
    else
        fputs(", NULL, 0,\n      ", out);
    if (r->methods && r->methods[0])
        fprintf(out, "methods_%ld, %u, ", r->code, g_strv_length(r->methods));
    else
        fputs("NULL, 0, ", out);
    put_lang_array(out, r->methods_ref);
    fputs(", ", out);
    if (r->headers && r->headers[0])
        fprintf(out, "headers_%ld, %u, ", r->code, g_strv_length(r->headers));
    else
        fputs("NULL, 0, ", out);
    if (r->requires && r->requires[0])
        fprintf(out, "requires_%ld, %u, ", r->code, g_strv_length(r->requires));
    else
        fputs("NULL, 0, ", out);
    put_lang_array(out, r->requires_ref);
    fputs(",\n      ", out);
    put_texts(out, r->description, r->when, r->fix);
    if (r->method_texts)
        fprintf(out, ",\n      &sip_explain_method_texts[%u], %u },\n", first, r->method_texts->len);
    else
        fputs(",\n      NULL, 0 },\n", out);
    g_free(rfc);
}

static void
put_entry_arrays(FILE *out, const tg_response_t *r)
{
    int i;

    if (r->n_rfcs) {
        fprintf(out, "static const uint16_t rfcs_%ld[] = { ", r->code);
        for (i = 0; i < r->n_rfcs; i++)
            fprintf(out, "%ld, ", r->rfcs[i]);
        fputs("};\n", out);
    }
    put_str_array_def(out, "methods", r->code, r->methods);
    put_str_array_def(out, "headers", r->code, r->headers);
    put_str_array_def(out, "requires", r->code, r->requires);
}

#define EMPTY_ENTRY_TAIL "NULL, NULL, NULL, 0, NULL, 0, { NULL }, NULL, 0, NULL, 0, { NULL }, { NULL }, { NULL }, { NULL }, { NULL }, NULL, 0 },\n"

/* Every code's method texts, in code order; returns how many. */
static guint
emit_method_texts(FILE *out, const tg_responses_t *t)
{
    guint i, k, n = 0;

    fputs("const sip_explain_method_texts_t sip_explain_method_texts[] = {\n", out);
    for (i = 0; t && i < t->codes->len; i++) {
        const tg_response_t *r = g_ptr_array_index(t->codes, i);
        for (k = 0; r->method_texts && k < r->method_texts->len; k++, n++)
            put_method_texts(out, g_ptr_array_index(r->method_texts, k));
    }
    if (n == 0)
        fputs("    { NULL, 0, 0, 0, { NULL }, { NULL }, { NULL }, { NULL } },\n", out);
    fprintf(out, "};\nconst size_t sip_explain_method_texts_count = %u;\n\n", n);
    return n;
}

static void
emit_responses(FILE *out, const tg_responses_t *t)
{
    guint i, first = 0;
    int k;

    emit_method_texts(out, t);
    for (i = 0; t && i < t->codes->len; i++)
        put_entry_arrays(out, g_ptr_array_index(t->codes, i));
    fputs("\nconst sip_explain_entry_t sip_explain_responses[] = {\n", out);
    for (i = 0; t && i < t->codes->len; i++) {
        const tg_response_t *r = g_ptr_array_index(t->codes, i);
        put_entry(out, r, first);
        first += r->method_texts ? r->method_texts->len : 0;
    }
    if (!t || t->codes->len == 0)
        fputs("    { 0, 0, 0, 0, 0, 0, " EMPTY_ENTRY_TAIL, out);
    fputs("};\n", out);
    fprintf(out, "const size_t sip_explain_responses_count = %u;\n\n", t ? t->codes->len : 0);

    fputs("const sip_explain_entry_t *const sip_explain_response_by_code[SIP_EXPLAIN_CODE_MAX - SIP_EXPLAIN_CODE_MIN + 1] = {\n", out);
    for (i = 0; t && i < t->codes->len; i++) {
        const tg_response_t *r = g_ptr_array_index(t->codes, i);
        fprintf(out, "    [%ld - SIP_EXPLAIN_CODE_MIN] = &sip_explain_responses[%u],\n", r->code, i);
    }
    fputs("};\n\nconst sip_explain_entry_t sip_explain_classes[SIP_EXPLAIN_CLASS_COUNT] = {\n", out);
    for (k = 0; k < SIP_EXPLAIN_CLASS_COUNT; k++) {
        if (t && t->classes[k])
            put_entry(out, t->classes[k], 0);
        else
            fprintf(out, "    { %d, %d, 0, 0, 0, 0, " EMPTY_ENTRY_TAIL, (k + 1) * 100, k + 1);
    }
    fputs("};\n\n", out);
}

static void
put_code_row(FILE *out, const tg_code_row_t *r)
{
    fprintf(out, "{ %ld, ", r->code);
    put_str(out, r->reason);
    fputs(", ", out);
    put_str(out, r->rfc);
    fprintf(out, ", %ld, ", r->sip);
    put_lang_array(out, r->description);
    fprintf(out, ", %ld }", r->last);
}

/* The rows of a code table, one per line, inside an array's braces (an
 * empty table gets a placeholder row: C has no empty arrays). */
static void
put_code_rows(FILE *out, const tg_code_table_t *t)
{
    guint i;

    for (i = 0; t && i < t->rows->len; i++) {
        fputs("    ", out);
        put_code_row(out, g_ptr_array_index(t->rows, i));
        fputs(",\n", out);
    }
    if (!t || t->rows->len == 0)
        fputs("    { -1, NULL, NULL, 0, { NULL }, -1 },\n", out);
}

static void
emit_code_table(FILE *out, const char *prefix, const char *index_name, long min, long max,
                const tg_code_table_t *t)
{
    guint i;

    fprintf(out, "const sip_explain_code_text_t %s[] = {\n", prefix);
    put_code_rows(out, t);
    fprintf(out, "};\nconst size_t %s_count = %u;\n", prefix, t ? t->rows->len : 0);
    fprintf(out, "const sip_explain_code_text_t *const %s[%ld] = {\n", index_name, max - min + 1);
    for (i = 0; t && i < t->rows->len; i++) {
        const tg_code_row_t *r = g_ptr_array_index(t->rows, i);
        fprintf(out, "    [%ld] = &%s[%u],\n", r->code - min, prefix, i);
    }
    fprintf(out, "};\nconst sip_explain_code_text_t %s_fallback = ", strstr(prefix, "_warn") ? "sip_explain_warn" : "sip_explain_q850");
    if (t && t->fallback)
        put_code_row(out, t->fallback);
    else
        fputs("{ -1, NULL, NULL, 0, { NULL }, -1 }", out);
    fputs(";\n\n", out);
}

/* The vendors' cause tables: sorted rows, searched by code. */
static void
emit_cause_tables(FILE *out, const tg_code_table_t *const causes[SIP_EXPLAIN_CAUSE_TABLE_COUNT])
{
    int t;

    for (t = 0; t < SIP_EXPLAIN_CAUSE_TABLE_COUNT; t++) {
        const tg_code_table_t *c = causes ? causes[t] : NULL;

        fprintf(out, "static const sip_explain_code_text_t cause_rows_%d[] = {\n", t);
        put_code_rows(out, c);
        fputs("};\n", out);
        if (c && c->fallback) {
            fprintf(out, "static const sip_explain_code_text_t cause_fallback_%d = ", t);
            put_code_row(out, c->fallback);
            fputs(";\n", out);
        }
    }
    fputs("const sip_explain_cause_rows_t sip_explain_cause_tables[SIP_EXPLAIN_CAUSE_TABLE_COUNT] = {\n", out);
    for (t = 0; t < SIP_EXPLAIN_CAUSE_TABLE_COUNT; t++) {
        const tg_code_table_t *c = causes ? causes[t] : NULL;
        if (c && c->fallback)
            fprintf(out, "    { cause_rows_%d, %u, &cause_fallback_%d },\n", t, c->rows->len, t);
        else
            fprintf(out, "    { cause_rows_%d, %u, NULL },\n", t, c ? c->rows->len : 0);
    }
    fputs("};\n\n", out);
}

void
tg_emit_c_string(FILE *out, const char *s)
{
    put_str(out, s);
}

gboolean
tg_emit_c(FILE *out, const tg_responses_t *responses,
          const tg_code_table_t *warn, const tg_code_table_t *q850,
          const tg_code_table_t *const causes[SIP_EXPLAIN_CAUSE_TABLE_COUNT])
{
    fputs("/* Generated by sip_explain_tablegen from data/<name>.ini. Do not edit: edit the data. */\n"
          "#include \"sip_explain_table.h\"\n\n", out);
    emit_responses(out, responses);
    emit_code_table(out, "sip_explain_warn_codes", "sip_explain_warn_by_code", 300, 399, warn);
    emit_code_table(out, "sip_explain_q850_causes", "sip_explain_q850_by_cause", 0, 127, q850);
    emit_cause_tables(out, causes);
    return !ferror(out);
}
