/* read_responses.c
 * Checks data/responses.ini: one group per response code plus one group
 * per class, each key validated against the schema in the file header,
 * with the texts a code has for particular request methods.
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
/* A code group's translated keys: its texts, and the RFC references that
 * the conformance messages put inside a translated sentence. */
static const char *const code_localizable[] = {
    "Description", "When", "Fix", "MethodsRef", "RequiresRef", NULL
};
/* The facts of a method's texts: stated (Severity@BYE= ...), or the code's
 * taken on purpose (Facts@BYE=same). */
static const char *const fact_keys[] = { "Severity", "Actor", "Retry", NULL };
#define FACTS_KEY "Facts"
#define FACTS_SAME "same"
static const char *const method_keys[] = {
    "Description", "When", "Fix", "Severity", "Actor", "Retry", FACTS_KEY, NULL
};

static void
texts_free(char *description[TG_LANGS], char *when[TG_LANGS], char *fix[TG_LANGS])
{
    int i;

    for (i = 0; i < TG_LANGS; i++) {
        g_free(description[i]);
        g_free(when[i]);
        g_free(fix[i]);
    }
}

static void
response_free(gpointer p)
{
    tg_response_t *r = p;

    if (!r)
        return;
    g_free(r->reason);
    g_strfreev(r->methods);
    g_strfreev(r->headers);
    g_strfreev(r->requires);
    for (int i = 0; i < TG_LANGS; i++) {
        g_free(r->methods_ref[i]);
        g_free(r->requires_ref[i]);
    }
    texts_free(r->description, r->when, r->fix);
    if (r->method_texts)
        g_ptr_array_free(r->method_texts, TRUE);
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

/* The key of a text: "Fix", "Fix[ru]", and for one method "Fix@REFER",
 * "Fix@REFER[ru]". Free with g_free(). */
static char *
text_key(const char *base, const char *method, int lang)
{
    char *plain = method ? g_strconcat(base, "@", method, NULL) : g_strdup(base);
    char *key = tg_localized_key(plain, lang);

    g_free(plain);
    return key;
}

/* Description, When and Fix in every language, the general ones (method
 * NULL) or one method's: English is required, and a translation has all
 * three or none. Missing keys are reported at line where. */
static void
read_text_set(tg_source_t *src, const keyfile_group_lines_t *g, const char *method, int where,
              char *description[TG_LANGS], char *when[TG_LANGS], char *fix[TG_LANGS])
{
    int lang;

    for (lang = 0; lang < TG_LANGS; lang++) {
        char **slots[3] = { &description[lang], &when[lang], &fix[lang] };
        gboolean any = FALSE;
        int k;

        for (k = 0; text_keys[k]; k++) {
            char *key = text_key(text_keys[k], method, lang);
            if (lang == SIP_EXPLAIN_LANG_EN && !method)
                *slots[k] = tg_get_text(src, g, key, TRUE);
            any |= g_hash_table_contains(g->key_lines, key);
            g_free(key);
        }
        if (lang == SIP_EXPLAIN_LANG_EN && !method)
            continue;
        /* A method's texts exist because one of its keys is there, so its
         * English texts are always required. */
        if (!any && lang != SIP_EXPLAIN_LANG_EN)
            continue;
        for (k = 0; text_keys[k]; k++) {
            char *key = text_key(text_keys[k], method, lang);
            if (g_hash_table_contains(g->key_lines, key))
                *slots[k] = tg_get_text(src, g, key, TRUE);
            else if (lang == SIP_EXPLAIN_LANG_EN)
                diag_error(&src->diag, where, "texts for %s in [%s] lack %s (a method's texts need Description, When and Fix)",
                           method, g->name, key);
            else
                diag_error(&src->diag, where, "translation [%s] of [%s]%s%s lacks %s",
                           sip_explain_lang_name((sip_explain_lang_t)lang), g->name,
                           method ? " for " : "", method ? method : "", key);
            g_free(key);
        }
    }
}

static void
method_texts_free(gpointer p)
{
    tg_method_texts_t *v = p;

    g_free(v->method);
    texts_free(v->description, v->when, v->fix);
    g_free(v);
}

static gint
compare_line(gconstpointer a, gconstpointer b)
{
    const tg_method_texts_t *va = *(tg_method_texts_t *const *)a;
    const tg_method_texts_t *vb = *(tg_method_texts_t *const *)b;

    return (va->line > vb->line) - (va->line < vb->line);
}

/* The methods named by keys such as When@REFER[ru] or Severity@REFER,
 * each once, at the line of its first text key (else of its first fact
 * key), in file order. Keys tg_check_keys refuses are left to its message. */
static GPtrArray *
methods_named(const keyfile_group_lines_t *g)
{
    GPtrArray *found = g_ptr_array_new_with_free_func(method_texts_free);
    GHashTableIter iter;
    gpointer key, line;
    tg_method_texts_t *v;
    guint i;

    g_hash_table_iter_init(&iter, g->key_lines);
    while (g_hash_table_iter_next(&iter, &key, &line)) {
        const char *k = key;
        const char *at = strchr(k, '@');
        const char *bracket = at ? strchr(at, '[') : NULL;
        char *base, *method;
        gboolean is_text;

        if (!at || (strchr(k, '[') && strchr(k, '[') < at))
            continue;
        base = g_strndup(k, (gsize)(at - k));
        method = bracket ? g_strndup(at + 1, (gsize)(bracket - at - 1)) : g_strdup(at + 1);
        is_text = g_strv_contains(text_keys, base);
        /* A translated fact is refused by tg_check_keys. */
        if (!is_text && (bracket || !g_strv_contains(method_keys, base))) {
            g_free(base);
            g_free(method);
            continue;
        }
        for (i = 0; i < found->len; i++)
            if (strcmp(((tg_method_texts_t *)g_ptr_array_index(found, i))->method, method) == 0)
                break;
        if (i < found->len) {
            v = g_ptr_array_index(found, i);
            g_free(method);
        } else {
            v = g_new0(tg_method_texts_t, 1);
            v->method = method;
            g_ptr_array_add(found, v);
        }
        if (is_text && (!v->has_texts || GPOINTER_TO_INT(line) < v->line)) {
            v->line = GPOINTER_TO_INT(line);
            v->has_texts = TRUE;
        } else if (!is_text && (!v->fact_line || GPOINTER_TO_INT(line) < v->fact_line)) {
            v->fact_line = GPOINTER_TO_INT(line);
            v->fact_key = FACTS_KEY;
            for (int f = 0; fact_keys[f]; f++)
                if (strcmp(fact_keys[f], base) == 0)
                    v->fact_key = fact_keys[f];
        }
        g_free(base);
    }
    for (i = 0; i < found->len; i++) {
        v = g_ptr_array_index(found, i);
        if (!v->has_texts)
            v->line = v->fact_line;
    }
    g_ptr_array_sort(found, compare_line);
    return found;
}

/* A name of an enumeration's value, or "?" for one that could not be read. */
static const char *
name_or_unknown(tg_enum_name_fn name_of, int i)
{
    return i >= 0 ? name_of(i) : "?";
}

/* The facts of a method's texts: all three stated, or the code's taken
 * with Facts@METHOD=same, so that someone decided, for every text per
 * method, that the facts shown beside it agree with it. */
static void
read_method_facts(tg_source_t *src, const keyfile_group_lines_t *g, const tg_response_t *r, tg_method_texts_t *v)
{
    static const tg_enum_name_fn names[] = { severity_name_at, actor_name_at, retry_name_at };
    static const int counts[] = { SIP_EXPLAIN_SEV_COUNT, SIP_EXPLAIN_ACTOR_COUNT, SIP_EXPLAIN_RETRY_COUNT };
    int *values[] = { &v->severity, &v->actor, &v->retry };
    char *facts_key = g_strconcat(FACTS_KEY "@", v->method, NULL);
    char *keys[3];
    int k, stated = 0, first_stated = -1;

    v->severity = r->severity;
    v->actor = r->actor;
    v->retry = r->retry;
    for (k = 0; k < 3; k++) {
        keys[k] = g_strconcat(fact_keys[k], "@", v->method, NULL);
        if (g_hash_table_contains(g->key_lines, keys[k])) {
            stated++;
            if (first_stated < 0)
                first_stated = k;
        }
    }
    if (g_hash_table_contains(g->key_lines, facts_key)) {
        char *value = tg_get_text(src, g, facts_key, TRUE);
        int line = keyfile_lines_key_line(g, facts_key);

        if (value && strcmp(value, FACTS_SAME) != 0)
            diag_error(&src->diag, line, "%s in [%s]: '%s' is not '" FACTS_SAME "' (%s=" FACTS_SAME
                       " keeps the code's Severity, Actor and Retry for these texts; otherwise state %s, %s and %s)",
                       facts_key, g->name, value, facts_key, keys[0], keys[1], keys[2]);
        else if (value && stated)
            diag_error(&src->diag, line, "[%s] both keeps the code's facts for %s (%s=" FACTS_SAME ") and states %s: keep one",
                       g->name, v->method, facts_key, keys[first_stated]);
        g_free(value);
    } else if (stated == 0) {
        diag_error(&src->diag, v->line,
                   "texts for %s in [%s] neither state their facts nor keep the code's: add %s, %s and %s, or %s="
                   FACTS_SAME " once the code's (Severity=%s, Actor=%s, Retry=%s) fit these texts",
                   v->method, g->name, keys[0], keys[1], keys[2], facts_key,
                   name_or_unknown(severity_name_at, r->severity), name_or_unknown(actor_name_at, r->actor),
                   name_or_unknown(retry_name_at, r->retry));
    } else {
        for (k = 0; k < 3; k++) {
            char *text;

            if (!g_hash_table_contains(g->key_lines, keys[k])) {
                diag_error(&src->diag, v->fact_line, "facts for %s in [%s] lack %s (state %s, %s and %s, or write %s="
                           FACTS_SAME " alone)", v->method, g->name, keys[k], keys[0], keys[1], keys[2], facts_key);
                continue;
            }
            text = tg_get_text(src, g, keys[k], TRUE);
            if (text)
                *values[k] = tg_parse_enum(src, g, keys[k], text, names[k], counts[k]);
            g_free(text);
        }
    }
    for (k = 0; k < 3; k++)
        g_free(keys[k]);
    g_free(facts_key);
}

/* Texts per request method: each method a SIP token that the code answers
 * (Methods, unless *), with all three texts in each language it has. */
static void
read_method_texts(tg_source_t *src, const keyfile_group_lines_t *g, tg_response_t *r)
{
    GPtrArray *found = methods_named(g);
    gboolean any_method = !r->methods || g_strv_contains((const gchar *const *)r->methods, "*");
    guint i;

    for (i = 0; i < found->len; i++) {
        tg_method_texts_t *v = g_ptr_array_index(found, i);
        char *listed;

        if (!sip_explain_is_method_token(v->method, strlen(v->method))) {
            diag_error(&src->diag, v->line, "'%s' in [%s] is not a SIP method (a token of RFC 3261 section 25.1, such as REFER)",
                       v->method, g->name);
            continue;
        }
        if (!any_method && !g_strv_contains((const gchar *const *)r->methods, v->method)) {
            listed = g_strjoinv(";", r->methods);
            diag_error(&src->diag, v->line, "[%s] has texts for %s, a method it does not answer (Methods=%s)",
                       g->name, v->method, listed);
            g_free(listed);
            continue;
        }
        if (!v->has_texts) {
            diag_error(&src->diag, v->fact_line,
                       "%s@%s in [%s] without texts for %s: facts per method go with Description@%s, When@%s and Fix@%s",
                       v->fact_key, v->method, g->name, v->method, v->method, v->method, v->method);
            continue;
        }
        read_text_set(src, g, v->method, v->line, v->description, v->when, v->fix);
        read_method_facts(src, g, r, v);
    }
    if (found->len)
        r->method_texts = found;
    else
        g_ptr_array_free(found, TRUE);
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

/* MethodsRef or RequiresRef in every language. A conformance message puts
 * the reference inside a sentence of the reader's language, so an English
 * one needs each translation, and a translation needs the English. */
static void
read_reference(tg_source_t *src, const keyfile_group_lines_t *g, const char *key, char *out[TG_LANGS])
{
    out[SIP_EXPLAIN_LANG_EN] = tg_get_text(src, g, key, FALSE);
    for (int lang = SIP_EXPLAIN_LANG_EN + 1; lang < TG_LANGS; lang++) {
        char *localized = tg_localized_key(key, lang);

        if (g_hash_table_contains(g->key_lines, localized)) {
            out[lang] = tg_get_text(src, g, localized, TRUE);
            if (!out[SIP_EXPLAIN_LANG_EN])
                diag_error(&src->diag, keyfile_lines_key_line(g, localized),
                           "%s in [%s] translates a %s that is not there", localized, g->name, key);
        } else if (out[SIP_EXPLAIN_LANG_EN]) {
            diag_error(&src->diag, keyfile_lines_key_line(g, key),
                       "%s in [%s] lacks %s (a conformance message cites it in every language)",
                       key, g->name, localized);
        }
        g_free(localized);
    }
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
    tg_check_keys(src, g, is_class ? class_keys : code_keys, is_class ? text_keys : code_localizable,
                  is_class ? NULL : method_keys);

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
        read_reference(src, g, "MethodsRef", r->methods_ref);
        r->headers = tg_get_list(src, g, "Headers", FALSE);
        r->requires = tg_get_list(src, g, "Requires", FALSE);
        read_reference(src, g, "RequiresRef", r->requires_ref);
        if (r->requires && !r->requires_ref[SIP_EXPLAIN_LANG_EN])
            diag_error(&src->diag, keyfile_lines_key_line(g, "Requires"),
                       "Requires in [%s] needs RequiresRef (the RFC section that requires it)", g->name);
        /* An item is a header name, or names joined by '|' of which the
         * response must carry one (415: Accept|Accept-Encoding|Accept-Language). */
        for (char **it = r->requires; it && *it; it++) {
            char **alternatives = g_strsplit(*it, "|", -1);
            for (char **a = alternatives; *a; a++)
                if (!**a || !sip_explain_is_method_token(*a, strlen(*a)))
                    diag_error(&src->diag, keyfile_lines_key_line(g, "Requires"),
                               "Requires in [%s]: '%s' is not a header name, nor header names joined by '|'",
                               g->name, *it);
            g_strfreev(alternatives);
        }
        if (r->requires_ref[SIP_EXPLAIN_LANG_EN] && !r->requires)
            diag_error(&src->diag, keyfile_lines_key_line(g, "RequiresRef"),
                       "RequiresRef in [%s] without Requires", g->name);
        if (r->methods_ref[SIP_EXPLAIN_LANG_EN] && r->methods && g_strv_contains((const gchar *const *)r->methods, "*"))
            diag_error(&src->diag, keyfile_lines_key_line(g, "MethodsRef"),
                       "MethodsRef in [%s] limits nothing: Methods is *", g->name);
    }
    read_text_set(src, g, NULL, g->line, r->description, r->when, r->fix);
    if (!is_class)
        read_method_texts(src, g, r);
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
