/* explain.c
 * Builds the pages: the facts of each code and the comparison sentences,
 * all from the table's fields (class, severity, actor, retry, methods,
 * headers, RFCs) and the templates of data/labels.ini.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "explain.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "labels.h"

const char *const cx_diff_keys[CX_DIFF_COUNT] = {
    "class", "signals", "actor", "retry", "headers", "methods", "rfcs"
};

/* Label keys of sip_explain_retry_t, in its order. */
static const char *const retry_keys[SIP_EXPLAIN_RETRY_COUNT] = {
    "NA", "Never", "AfterChange", "Later", "Elsewhere"
};

int
cx_parse_code(const char *arg, long *code)
{
    size_t len = strlen(arg);

    if (len == 0 || strspn(arg, "0123456789") != len)
        return 1;
    /* Only three digits with no leading zero can be a code; this also keeps
     * huge numbers from wrapping round to a small one. */
    if (len != 3 || arg[0] == '0')
        return 2;
    *code = strtol(arg, NULL, 10);
    if (*code < SIP_EXPLAIN_CODE_MIN || *code > SIP_EXPLAIN_CODE_MAX)
        return 2;
    return 0;
}

/* The label "group.key" in the current language. */
static const char *
label_of(const char *group, const char *key)
{
    char *id = g_strconcat(group, ".", key, NULL);
    const char *text = cx_label(id);

    g_free(id);
    return text;
}

static char *
label_dup(const char *group, const char *key)
{
    return g_strdup(label_of(group, key));
}

/* "4xx": the key of a class's labels (klass 1 to 6). */
static void
class_key(char key[4], int klass)
{
    key[0] = klass >= 1 && klass <= 9 ? (char)('0' + klass) : '?';
    key[1] = key[2] = 'x';
    key[3] = '\0';
}

const char *
cx_class_label(int klass)
{
    char key[4];

    class_key(key, klass);
    return label_of("class", key);
}

char *
cx_class_full(int klass)
{
    return g_strdup_printf("%s (%dxx)", cx_class_label(klass), klass);
}

static char *
class_gist(int klass)
{
    char key[4];

    class_key(key, klass);
    return label_dup("class-gist", key);
}

static char *
join(const char *const *items, size_t n)
{
    GString *s = g_string_new(NULL);
    size_t i;

    for (i = 0; i < n; i++)
        g_string_append_printf(s, "%s%s", i ? ", " : "", items[i]);
    return g_string_free(s, FALSE);
}

static char *
rfc_name(unsigned rfc)
{
    return g_strdup_printf("RFC %u", rfc);
}

static cx_link_t *
link_new(char *title, char *url)
{
    cx_link_t *l = g_new(cx_link_t, 1);

    l->title = title;
    l->url = url;
    return l;
}

static void
link_free(gpointer p)
{
    cx_link_t *l = p;

    g_free(l->title);
    g_free(l->url);
    g_free(l);
}

static void
code_init(cx_code_t *c, long code, const char *method)
{
    const sip_explain_entry_t *e = sip_explain_lookup(code);
    sip_explain_lang_t lang = cx_labels_lang();
    sip_explain_texts_t texts = sip_explain_entry_texts(e, method, method ? strlen(method) : 0);
    char num[8];
    size_t i;

    snprintf(num, sizeof num, "%ld", code);
    c->code = code;
    c->entry = e;
    c->registered = e->registered != 0;
    c->class_full = cx_class_full(e->klass);
    /* The facts of the texts shown, so that the two never disagree. */
    c->severity = texts.severity;
    c->actor_value = texts.actor;
    c->retry_value = texts.retry;
    c->signals = label_dup("severity", sip_explain_severity_name(texts.severity));
    c->actor = label_dup("actor", sip_explain_actor_name(texts.actor));
    c->retry = label_dup("retry", retry_keys[texts.retry]);
    c->description = sip_explain_text(texts.description, lang);
    c->summary = sip_explain_text(texts.summary, lang);
    c->when = sip_explain_text(texts.when, lang);
    c->fix = sip_explain_text(texts.fix, lang);
    c->method = method;
    c->method_own = texts.variant != NULL;
    if (method)
        c->method_note = cx_fill(texts.variant ? "text.ForMethod" : "text.NoMethodTexts",
                                 "code", num, "method", method, NULL);
    c->links = g_ptr_array_new_with_free_func(link_free);

    if (c->registered) {
        c->reason = g_strdup(e->reason);
        if (e->n_methods == 0 || (e->n_methods == 1 && strcmp(e->methods[0], "*") == 0))
            c->methods = g_strdup(cx_label("text.AnyMethod"));
        else
            c->methods = join(e->methods, e->n_methods);
        c->headers = e->n_headers ? join(e->headers, e->n_headers) : g_strdup(cx_label("text.NoHeaders"));
        c->rfc = e->n_rfcs ? rfc_name(e->rfcs[0]) : g_strdup(cx_label("text.NoRfc"));
        for (i = 0; i < e->n_rfcs; i++) {
            char *name = rfc_name(e->rfcs[i]);
            char *title = name;
            if (i > 0) {
                title = cx_fill("text.Replaced", "old", name, "rfc", c->rfc, NULL);
                g_free(name);
            }
            g_ptr_array_add(c->links, link_new(title, g_strdup_printf(CX_RFC_URL, e->rfcs[i])));
        }
    } else {
        char base[8];
        char *rfc3261 = rfc_name(3261);

        snprintf(base, sizeof base, "%d", e->klass * 100);
        c->reason = g_strdup_printf("(%s)", cx_label("text.Unregistered"));
        c->note = cx_fill("text.UnregisteredNote", "code", num, "class", c->class_full, "base", base, NULL);
        c->methods = g_strdup(cx_label("text.AnyMethod"));
        c->headers = g_strdup(cx_label("text.NoHeaders"));
        c->rfc = g_strdup(cx_label("text.NoRfc"));
        g_ptr_array_add(c->links, link_new(cx_fill("text.UnknownCodes", "rfc", rfc3261, NULL),
                                           g_strdup_printf(CX_RFC_URL "#section-8.1.3.2", 3261u)));
        g_ptr_array_add(c->links, link_new(g_strdup(cx_label("text.Registry")), g_strdup(CX_REGISTRY_URL)));
        g_free(rfc3261);
    }
}

static void
code_clear(cx_code_t *c)
{
    g_free(c->reason);
    g_free(c->class_full);
    g_free(c->note);
    g_free(c->method_note);
    g_free(c->signals);
    g_free(c->actor);
    g_free(c->retry);
    g_free(c->methods);
    g_free(c->headers);
    g_free(c->rfc);
    if (c->links)
        g_ptr_array_free(c->links, TRUE);
}

/* One sentence of the differences: the "Same" template when both codes
 * share the value, else the "Differ" one with a value for each. */
static char *
same_or_differ(const char *what, const char *name, const char *a_code, const char *b_code,
               const char *va, const char *vb)
{
    char *same_id = g_strconcat("compare.", what, "Same", NULL);
    char *differ_id = g_strconcat("compare.", what, "Differ", NULL);
    char *name_a = g_strconcat(name, "_a", NULL);
    char *name_b = g_strconcat(name, "_b", NULL);
    char *s;

    if (strcmp(va, vb) == 0)
        s = cx_fill(same_id, name, va, NULL);
    else
        s = cx_fill(differ_id, "a", a_code, "b", b_code, name_a, va, name_b, vb, NULL);
    g_free(same_id);
    g_free(differ_id);
    g_free(name_a);
    g_free(name_b);
    return s;
}

static char *
use_one(const cx_code_t *c, const char *num)
{
    return cx_fill("compare.UseOne", "code", num, "reason", c->reason, "summary", c->summary,
                   "retry", c->retry, NULL);
}

static cx_compare_t *
compare_new(const cx_code_t *a, const cx_code_t *b)
{
    cx_compare_t *cmp = g_new0(cx_compare_t, 1);
    char na[8], nb[8];
    char *gist_a = class_gist(a->entry->klass);
    char *gist_b = class_gist(b->entry->klass);
    guint i, j;

    snprintf(na, sizeof na, "%ld", a->code);
    snprintf(nb, sizeof nb, "%ld", b->code);
    cmp->same_code = a->code == b->code;
    cmp->same_class = a->entry->klass == b->entry->klass;

    if (cmp->same_code)
        cmp->intro = cx_fill("compare.IntroItself", "a", na, "reason_a", a->reason, NULL);
    else if (cmp->same_class)
        cmp->intro = cx_fill("compare.IntroSame", "a", na, "reason_a", a->reason,
                             "b", nb, "reason_b", b->reason, "class", a->class_full, NULL);
    else
        cmp->intro = cx_fill("compare.IntroDiffer", "a", na, "reason_a", a->reason,
                             "b", nb, "reason_b", b->reason,
                             "class_a", a->class_full, "class_b", b->class_full, NULL);

    if (cmp->same_class)
        cmp->diff[CX_DIFF_CLASS] = cx_fill("compare.ClassSame", "class", a->class_full, "gist", gist_a, NULL);
    else
        cmp->diff[CX_DIFF_CLASS] = cx_fill("compare.ClassDiffer", "a", na, "b", nb,
                                           "class_a", a->class_full, "gist_a", gist_a,
                                           "class_b", b->class_full, "gist_b", gist_b, NULL);
    cmp->diff[CX_DIFF_SIGNALS] = same_or_differ("Signals", "severity", na, nb, a->signals, b->signals);
    cmp->diff[CX_DIFF_ACTOR] = same_or_differ("Actor", "actor", na, nb, a->actor, b->actor);
    cmp->diff[CX_DIFF_RETRY] = same_or_differ("Retry", "retry", na, nb, a->retry, b->retry);
    if (a->entry->n_headers == 0 && b->entry->n_headers == 0)
        cmp->diff[CX_DIFF_HEADERS] = g_strdup(cx_label("compare.HeadersNone"));
    else
        cmp->diff[CX_DIFF_HEADERS] = same_or_differ("Headers", "headers", na, nb, a->headers, b->headers);
    cmp->diff[CX_DIFF_METHODS] = same_or_differ("Methods", "methods", na, nb, a->methods, b->methods);
    cmp->diff[CX_DIFF_RFCS] = same_or_differ("Rfcs", "rfc", na, nb, a->rfc, b->rfc);

    cmp->use[0] = use_one(a, na);
    cmp->use[1] = use_one(b, nb);
    if (cmp->same_class) {
        char base[8];
        snprintf(base, sizeof base, "%d", a->entry->klass * 100);
        cmp->use[2] = cx_fill("compare.UseSameClass", "class", a->class_full, "base", base, NULL);
    } else {
        cmp->use[2] = cx_fill("compare.UseDiffClass", "class_a", a->class_full, "class_b", b->class_full, NULL);
    }

    cmp->links = g_ptr_array_new_with_free_func(link_free);
    for (i = 0; i < 2; i++) {
        const cx_code_t *c = i ? b : a;
        for (j = 0; j < c->links->len; j++) {
            const cx_link_t *l = g_ptr_array_index(c->links, j);
            gboolean seen = FALSE;
            for (guint k = 0; k < cmp->links->len; k++)
                seen |= strcmp(((cx_link_t *)g_ptr_array_index(cmp->links, k))->url, l->url) == 0;
            if (!seen)
                g_ptr_array_add(cmp->links, link_new(g_strdup(l->title), g_strdup(l->url)));
        }
    }
    g_free(gist_a);
    g_free(gist_b);
    return cmp;
}

cx_page_t *
cx_page_new(const long *codes, int n, const char *method)
{
    cx_page_t *page = g_new0(cx_page_t, 1);
    int i;

    page->n_codes = n;
    for (i = 0; i < n; i++)
        code_init(&page->code[i], codes[i], method);
    if (n == 2)
        page->compare = compare_new(&page->code[0], &page->code[1]);
    return page;
}

void
cx_page_free(cx_page_t *page)
{
    int i;

    if (!page)
        return;
    for (i = 0; i < page->n_codes; i++)
        code_clear(&page->code[i]);
    if (page->compare) {
        g_free(page->compare->intro);
        for (i = 0; i < CX_DIFF_COUNT; i++)
            g_free(page->compare->diff[i]);
        for (i = 0; i < 3; i++)
            g_free(page->compare->use[i]);
        g_ptr_array_free(page->compare->links, TRUE);
        g_free(page->compare);
    }
    g_free(page);
}
