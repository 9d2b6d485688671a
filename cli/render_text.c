/* render_text.c
 * The page as text for a terminal: headings at the left margin, paragraphs
 * indented and wrapped at 78 columns (counted in characters, so Russian and
 * Vietnamese wrap like English).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "explain.h"

#include <stdio.h>
#include <string.h>

#include "labels.h"

#define WIDTH 78

static void
indent(GString *out, long n)
{
    for (; n > 0; n--)
        g_string_append_c(out, ' ');
}

/* Appends text wrapped at WIDTH: the first line starts at column first (the
 * caller has already written that much), later lines are indented by rest. */
static void
wrap(GString *out, const char *text, long first, long rest)
{
    char **words = g_strsplit(text, " ", -1);
    long col = first;
    gboolean line_empty = TRUE;

    for (char **w = words; *w; w++) {
        long len = g_utf8_strlen(*w, -1);
        if (len == 0)
            continue;
        if (!line_empty && col + 1 + len > WIDTH) {
            g_string_append_c(out, '\n');
            indent(out, rest);
            col = rest;
            line_empty = TRUE;
        }
        if (!line_empty) {
            g_string_append_c(out, ' ');
            col++;
        }
        g_string_append(out, *w);
        col += len;
        line_empty = FALSE;
    }
    g_string_append_c(out, '\n');
    g_strfreev(words);
}

static void
paragraph(GString *out, const char *text, long at)
{
    indent(out, at);
    wrap(out, text, at, at);
}

void
cx_text_paragraph(GString *out, const char *text, long at)
{
    paragraph(out, text, at);
}

static void
heading(GString *out, const char *id)
{
    g_string_append_printf(out, "\n%s\n", cx_label(id));
}

/* "  - text" with the text's later lines under its first word. */
static void
bullet(GString *out, const char *text)
{
    g_string_append(out, "  - ");
    wrap(out, text, 4, 4);
}

static void
links(GString *out, const GPtrArray *list)
{
    for (guint i = 0; i < list->len; i++) {
        const cx_link_t *l = g_ptr_array_index(list, i);
        char *line = g_strdup_printf("%s: %s", l->title, l->url);
        paragraph(out, line, 2);
        g_free(line);
    }
}

static void
title(GString *out, const cx_code_t *c)
{
    g_string_append_printf(out, "%ld %s\n", c->code, c->reason);
    if (c->note)
        paragraph(out, c->note, 2);
}

static void
facts(GString *out, const cx_code_t *c)
{
    const char *ids[] = { "field.Class", "field.Signals", "field.Actor", "field.Retry",
                          "field.Methods", "field.Headers", "field.Rfc" };
    const char *values[] = { c->class_full, c->signals, c->actor, c->retry,
                             c->methods, c->headers, c->rfc };
    size_t n = c->registered ? G_N_ELEMENTS(ids) : 4;
    long width = 0;
    size_t i;

    for (i = 0; i < n; i++)
        width = MAX(width, g_utf8_strlen(cx_label(ids[i]), -1));
    g_string_append_c(out, '\n');
    /* "  Label:" padded to two spaces after the longest label */
    for (i = 0; i < n; i++) {
        const char *label = cx_label(ids[i]);
        g_string_append_printf(out, "  %s:", label);
        indent(out, width - g_utf8_strlen(label, -1) + 2);
        wrap(out, values[i], width + 5, width + 5);
    }
}

/* The methods the code has texts of its own for, each with its summary,
 * and how to see them; on a page that asked for no method. */
static void
method_texts(GString *out, const cx_code_t *c)
{
    const sip_explain_entry_t *e = c->entry;
    char num[8];
    char *hint;

    if (c->method || e->n_method_texts == 0)
        return;
    snprintf(num, sizeof num, "%ld", c->code);
    heading(out, "heading.PerMethod");
    for (size_t i = 0; i < e->n_method_texts; i++) {
        const sip_explain_method_texts_t *v = &e->method_texts[i];
        g_string_append_printf(out, "  %s: ", v->method);
        wrap(out, sip_explain_text(v->summary, cx_labels_lang()), 4 + (long)strlen(v->method), 4);
    }
    hint = cx_fill("text.MethodHint", "code", num, "method", e->method_texts[0].method, NULL);
    paragraph(out, hint, 2);
    g_free(hint);
}

static void
single(GString *out, const cx_code_t *c)
{
    title(out, c);
    if (c->method_note)
        paragraph(out, c->method_note, 2);
    facts(out, c);
    heading(out, "heading.Description");
    paragraph(out, c->description, 2);
    heading(out, "heading.When");
    paragraph(out, c->when, 2);
    heading(out, "heading.Fix");
    paragraph(out, c->fix, 2);
    method_texts(out, c);
    heading(out, "heading.LearnMore");
    links(out, c->links);
}

/* A heading, then under each code's name its text of that kind. */
static void
per_code(GString *out, const cx_page_t *page, const char *id, gboolean when)
{
    heading(out, id);
    for (int i = 0; i < 2; i++) {
        const cx_code_t *c = &page->code[i];
        g_string_append_printf(out, "  %ld %s\n", c->code, c->reason);
        paragraph(out, when ? c->when : c->description, 4);
    }
}

static void
comparison(GString *out, const cx_page_t *page)
{
    const cx_compare_t *cmp = page->compare;
    int i;

    g_string_append_printf(out, "%ld %s  |  %ld %s\n\n", page->code[0].code, page->code[0].reason,
                           page->code[1].code, page->code[1].reason);
    paragraph(out, cmp->intro, 0);
    for (i = 0; i < 2; i++) {
        if (page->code[i].note)
            paragraph(out, page->code[i].note, 2);
        if (page->code[i].method_note)
            paragraph(out, page->code[i].method_note, 2);
    }
    per_code(out, page, "heading.Description", FALSE);
    per_code(out, page, "heading.When", TRUE);
    heading(out, "heading.Differences");
    for (i = 0; i < CX_DIFF_COUNT; i++)
        bullet(out, cmp->diff[i]);
    heading(out, "heading.Use");
    for (i = 0; i < 3; i++)
        bullet(out, cmp->use[i]);
    heading(out, "heading.LearnMore");
    links(out, cmp->links);
}

void
cx_render_text(GString *out, const cx_page_t *page)
{
    if (page->compare && page->compare->same_code) {
        paragraph(out, page->compare->intro, 0);
        g_string_append_c(out, '\n');
        single(out, &page->code[0]);
    } else if (page->compare) {
        comparison(out, page);
    } else {
        single(out, &page->code[0]);
    }
}

void
cx_render_list_text(GString *out)
{
    size_t i;
    long width = 0;

    for (i = 0; i < sip_explain_responses_count; i++)
        width = MAX(width, g_utf8_strlen(sip_explain_responses[i].reason, -1));
    for (i = 0; i < sip_explain_responses_count; i++) {
        const sip_explain_entry_t *e = &sip_explain_responses[i];
        char *klass = cx_class_full(e->klass);
        g_string_append_printf(out, "%u  %s", (unsigned)e->code, e->reason);
        indent(out, width - g_utf8_strlen(e->reason, -1) + 2);
        g_string_append_printf(out, "%s\n", klass);
        g_free(klass);
    }
}
