/* render_json.c
 * The page as JSON. The keys are stable and documented in sip-explain(1);
 * texts are in the language asked for (English where a text has no
 * translation), identifiers (class, severity, actor, retry) are the data's
 * English names.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "explain.h"

#include "labels.h"

static void
json_str(GString *out, const char *s)
{
    if (!s) {
        g_string_append(out, "null");
        return;
    }
    g_string_append_c(out, '"');
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '"': g_string_append(out, "\\\""); break;
        case '\\': g_string_append(out, "\\\\"); break;
        case '\n': g_string_append(out, "\\n"); break;
        case '\t': g_string_append(out, "\\t"); break;
        case '\r': g_string_append(out, "\\r"); break;
        default:
            if (*p < 0x20)
                g_string_append_printf(out, "\\u%04x", *p);
            else
                g_string_append_c(out, (char)*p);
        }
    }
    g_string_append_c(out, '"');
}

static void
key(GString *out, const char *ind, const char *name)
{
    g_string_append_printf(out, ",\n%s", ind);
    json_str(out, name);
    g_string_append(out, ": ");
}

static void
key_str(GString *out, const char *ind, const char *name, const char *value)
{
    key(out, ind, name);
    json_str(out, value);
}

static void
str_array(GString *out, const char *const *items, size_t n)
{
    g_string_append_c(out, '[');
    for (size_t i = 0; i < n; i++) {
        if (i)
            g_string_append(out, ", ");
        json_str(out, items[i]);
    }
    g_string_append_c(out, ']');
}

static void
links(GString *out, const char *ind, const GPtrArray *list)
{
    g_string_append_c(out, '[');
    for (guint i = 0; i < list->len; i++) {
        const cx_link_t *l = g_ptr_array_index(list, i);
        g_string_append_printf(out, "%s\n%s  {\"title\": ", i ? "," : "", ind);
        json_str(out, l->title);
        g_string_append(out, ", \"url\": ");
        json_str(out, l->url);
        g_string_append_c(out, '}');
    }
    if (list->len)
        g_string_append_printf(out, "\n%s", ind);
    g_string_append_c(out, ']');
}

static void
code_obj(GString *out, const cx_code_t *c)
{
    const sip_explain_entry_t *e = c->entry;
    const char *ind = "      ";

    g_string_append_printf(out, "    {\n%s\"code\": %ld", ind, c->code);
    key_str(out, ind, "reason", c->registered ? e->reason : NULL);
    key(out, ind, "registered");
    g_string_append(out, c->registered ? "true" : "false");
    key_str(out, ind, "class", sip_explain_class_name(e->klass));
    key(out, ind, "class_range");
    g_string_append_printf(out, "\"%dxx\"", e->klass);
    key_str(out, ind, "class_label", cx_class_label(e->klass));
    key_str(out, ind, "severity", sip_explain_severity_name(c->severity));
    key_str(out, ind, "actor", sip_explain_actor_name(c->actor_value));
    key_str(out, ind, "retry", sip_explain_retry_name(c->retry_value));
    key(out, ind, "methods");
    str_array(out, e->methods, e->n_methods);
    key(out, ind, "headers");
    str_array(out, e->headers, e->n_headers);
    key(out, ind, "rfcs");
    g_string_append_c(out, '[');
    for (size_t i = 0; i < e->n_rfcs; i++)
        g_string_append_printf(out, "%s%u", i ? ", " : "", e->rfcs[i]);
    g_string_append_c(out, ']');
    key_str(out, ind, "note", c->note);
    key_str(out, ind, "method", c->method_own ? c->method : NULL);
    key(out, ind, "method_texts");
    g_string_append_c(out, '[');
    for (size_t i = 0; i < e->n_method_texts; i++) {
        g_string_append_printf(out, "%s{\"method\": ", i ? ", " : "");
        json_str(out, e->method_texts[i].method);
        g_string_append(out, ", \"summary\": ");
        json_str(out, sip_explain_text(e->method_texts[i].summary, cx_labels_lang()));
        g_string_append_c(out, '}');
    }
    g_string_append_c(out, ']');
    key_str(out, ind, "summary", c->summary);
    key_str(out, ind, "description", c->description);
    key_str(out, ind, "when", c->when);
    key_str(out, ind, "fix", c->fix);
    key_str(out, ind, "signals_text", c->signals);
    key_str(out, ind, "actor_text", c->actor);
    key_str(out, ind, "retry_text", c->retry);
    key(out, ind, "links");
    links(out, ind, c->links);
    g_string_append(out, "\n    }");
}

static void
compare_obj(GString *out, const cx_compare_t *cmp)
{
    const char *ind = "    ";
    int i;

    g_string_append_printf(out, "{\n%s\"same_code\": %s", ind, cmp->same_code ? "true" : "false");
    key(out, ind, "same_class");
    g_string_append(out, cmp->same_class ? "true" : "false");
    key_str(out, ind, "intro", cmp->intro);
    key(out, ind, "differences");
    g_string_append_c(out, '{');
    for (i = 0; i < CX_DIFF_COUNT; i++) {
        g_string_append_printf(out, "%s\n      ", i ? "," : "");
        json_str(out, cx_diff_keys[i]);
        g_string_append(out, ": ");
        json_str(out, cmp->diff[i]);
    }
    g_string_append_printf(out, "\n%s}", ind);
    key(out, ind, "when_to_use");
    str_array(out, (const char *const *)cmp->use, 3);
    key(out, ind, "links");
    links(out, ind, cmp->links);
    g_string_append(out, "\n  }");
}

void
cx_render_json(GString *out, const cx_page_t *page)
{
    g_string_append(out, "{\n  \"lang\": ");
    json_str(out, sip_explain_lang_name(cx_labels_lang()));
    g_string_append(out, ",\n  \"codes\": [\n");
    for (int i = 0; i < page->n_codes; i++) {
        if (i)
            g_string_append(out, ",\n");
        code_obj(out, &page->code[i]);
    }
    g_string_append(out, "\n  ],\n  \"comparison\": ");
    if (page->compare)
        compare_obj(out, page->compare);
    else
        g_string_append(out, "null");
    g_string_append(out, "\n}\n");
}

void
cx_render_list_json(GString *out)
{
    g_string_append(out, "{\n  \"lang\": ");
    json_str(out, sip_explain_lang_name(cx_labels_lang()));
    g_string_append(out, ",\n  \"codes\": [");
    for (size_t i = 0; i < sip_explain_responses_count; i++) {
        const sip_explain_entry_t *e = &sip_explain_responses[i];
        g_string_append_printf(out, "%s\n    {\"code\": %u, \"reason\": ", i ? "," : "", (unsigned)e->code);
        json_str(out, e->reason);
        g_string_append(out, ", \"class\": ");
        json_str(out, sip_explain_class_name(e->klass));
        g_string_append_printf(out, ", \"class_range\": \"%dxx\", \"class_label\": ", e->klass);
        json_str(out, cx_class_label(e->klass));
        g_string_append_c(out, '}');
    }
    g_string_append(out, "\n  ]\n}\n");
}
