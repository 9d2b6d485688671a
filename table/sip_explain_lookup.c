/* sip_explain_lookup.c
 * O(1) lookups over the generated explanation tables.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "sip_explain_table.h"

#include <string.h>

sip_explain_class_t
sip_explain_class_of(long code)
{
    if (code < SIP_EXPLAIN_CODE_MIN || code > SIP_EXPLAIN_CODE_MAX)
        return SIP_EXPLAIN_CLASS_NONE;
    return (sip_explain_class_t)(code / 100);
}

const sip_explain_entry_t *
sip_explain_lookup_registered(long code)
{
    if (code < SIP_EXPLAIN_CODE_MIN || code > SIP_EXPLAIN_CODE_MAX)
        return NULL;
    return sip_explain_response_by_code[code - SIP_EXPLAIN_CODE_MIN];
}

const sip_explain_entry_t *
sip_explain_lookup(long code)
{
    const sip_explain_entry_t *entry = sip_explain_lookup_registered(code);
    sip_explain_class_t klass;

    if (entry)
        return entry;
    klass = sip_explain_class_of(code);
    if (klass == SIP_EXPLAIN_CLASS_NONE)
        return NULL;
    return &sip_explain_classes[klass - 1];
}

const char *
sip_explain_text(const char *const texts[SIP_EXPLAIN_LANG_COUNT], sip_explain_lang_t lang)
{
    if ((unsigned)lang < SIP_EXPLAIN_LANG_COUNT && texts[lang])
        return texts[lang];
    return texts[SIP_EXPLAIN_LANG_EN];
}

int
sip_explain_entry_answers_method(const sip_explain_entry_t *entry, const char *method, size_t method_len)
{
    size_t i;

    for (i = 0; i < entry->n_methods; i++) {
        const char *m = entry->methods[i];
        if (strcmp(m, "*") == 0)
            return 1;
        if (strlen(m) == method_len && memcmp(m, method, method_len) == 0)
            return 1;
    }
    return 0;
}

sip_explain_texts_t
sip_explain_entry_texts(const sip_explain_entry_t *entry, const char *method, size_t method_len)
{
    sip_explain_texts_t t = { NULL, entry->description, entry->summary, entry->when, entry->fix,
                              (sip_explain_severity_t)entry->severity, (sip_explain_actor_t)entry->actor,
                              (sip_explain_retry_t)entry->retry };
    size_t i;

    for (i = 0; method && i < entry->n_method_texts; i++) {
        const sip_explain_method_texts_t *v = &entry->method_texts[i];
        if (strlen(v->method) == method_len && memcmp(v->method, method, method_len) == 0) {
            t.variant = v;
            t.description = v->description;
            t.summary = v->summary;
            t.when = v->when;
            t.fix = v->fix;
            t.severity = (sip_explain_severity_t)v->severity;
            t.actor = (sip_explain_actor_t)v->actor;
            t.retry = (sip_explain_retry_t)v->retry;
            break;
        }
    }
    return t;
}

const sip_explain_code_text_t *
sip_explain_lookup_warn(long code)
{
    const sip_explain_code_text_t *row;

    if (code < 300 || code > 399)
        return NULL;
    row = sip_explain_warn_by_code[code - 300];
    return row ? row : &sip_explain_warn_fallback;
}

const sip_explain_code_text_t *
sip_explain_lookup_q850(long cause)
{
    const sip_explain_code_text_t *row;

    if (cause < 0 || cause > 127)
        return NULL;
    row = sip_explain_q850_by_cause[cause];
    return row ? row : &sip_explain_q850_fallback;
}

const sip_explain_code_text_t *
sip_explain_lookup_cause(sip_explain_cause_table_t table, long code)
{
    const sip_explain_cause_rows_t *t;
    const sip_explain_code_text_t *range = NULL;
    size_t lo = 0, hi;

    if ((unsigned)table >= SIP_EXPLAIN_CAUSE_TABLE_COUNT)
        return NULL;
    t = &sip_explain_cause_tables[table];
    /* The first row whose code is above; a row of the code itself, or a
     * range holding it, stands before it. Ranges do not overlap, so only
     * the nearest range row can hold the code. */
    hi = t->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (t->rows[mid].code <= code)
            lo = mid + 1;
        else
            hi = mid;
    }
    while (lo-- > 0) {
        const sip_explain_code_text_t *row = &t->rows[lo];
        if (row->code == code && row->last == code)
            return row;
        if (row->last > row->code) {
            if (!range && code <= row->last)
                range = row;
            break;
        }
    }
    return range ? range : t->fallback;
}
