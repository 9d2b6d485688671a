/* sip_explain_cause_uat.c
 * The user's table of vendor cause codes (UAT "sip_explain_causes").
 *
 * Columns, in order: kind (freeswitch, ms-diagnostics, twilio), code, name,
 * meaning. A row that options/cause_row.c refuses is reported with the
 * reason and skipped; the other rows still apply, and the user's file is
 * never rewritten by us (Wireshark writes it only when the user saves the
 * table).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "sip_explain_cause_uat.h"

#include <ws_attributes.h>
#include <wsutil/report_message.h>

#include "options/cause_row.h"
#include "ws_compat.h"

G_STATIC_ASSERT(CAUSE_ROW_KINDS == SIP_EXPLAIN_CAUSE_TABLE_COUNT);

typedef struct {
    char *kind;
    char *code;
    char *name;
    char *meaning;
} cause_row_t;

static cause_row_t *rows;
static guint n_rows;

/* (kind << 32 | code) -> sip_explain_code_text_t *, the rows that passed
 * the checks; NULL when there are none. */
static GHashTable *user_causes;

UAT_CSTRING_CB_DEF(cause_rows, kind, cause_row_t)
UAT_CSTRING_CB_DEF(cause_rows, code, cause_row_t)
UAT_CSTRING_CB_DEF(cause_rows, name, cause_row_t)
UAT_CSTRING_CB_DEF(cause_rows, meaning, cause_row_t)

static void *
cause_row_copy(void *dest, const void *source, size_t len _U_)
{
    cause_row_t *d = dest;
    const cause_row_t *s = source;

    d->kind = g_strdup(s->kind);
    d->code = g_strdup(s->code);
    d->name = g_strdup(s->name);
    d->meaning = g_strdup(s->meaning);
    return d;
}

static void
cause_row_free(void *record)
{
    cause_row_t *r = record;

    g_free(r->kind);
    g_free(r->code);
    g_free(r->name);
    g_free(r->meaning);
}

/* Accepts every row: Wireshark stops loading the whole table at the first
 * row this refuses, so bad rows are reported and skipped after loading. */
static sip_explain_ws_bool_t
cause_row_update(void *record _U_, char **error _U_)
{
    return TRUE;
}

static void
entry_free(gpointer p)
{
    sip_explain_code_text_t *e = p;

    g_free((char *)e->reason);
    g_free((char *)e->description[0]);
    g_free(e);
}

static void
clear_entries(void)
{
    if (user_causes)
        g_hash_table_destroy(user_causes);
    user_causes = NULL;
}

static guint64
key_of(int kind, guint32 code)
{
    return (guint64)(guint32)kind << 32 | code;
}

static void
cause_rows_post_update(void)
{
    guint i;

    clear_entries();
    if (n_rows == 0)
        return;
    user_causes = g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, entry_free);
    for (i = 0; i < n_rows; i++) {
        const cause_row_t *r = &rows[i];
        sip_explain_code_text_t *e;
        guint64 *key;
        uint32_t code;
        int kind, lang;
        const char *why = sip_explain_cause_row_check(r->kind, r->code, r->name, r->meaning, &kind, &code);

        if (why) {
            report_warning("SIP Explain: row %u of the table sip_explain_causes (%s '%s') is ignored: %s.",
                           i + 1, r->kind ? r->kind : "", r->code ? r->code : "", why);
            continue;
        }
        key = g_new(guint64, 1);
        *key = key_of(kind, code);
        if (g_hash_table_contains(user_causes, key)) {
            report_warning("SIP Explain: row %u of the table sip_explain_causes repeats %s %u; the first row for it is used.",
                           i + 1, cause_row_kind_names[kind], code);
            g_free(key);
            continue;
        }
        e = g_new0(sip_explain_code_text_t, 1);
        e->code = e->last = (int)code;
        e->reason = g_strstrip(g_strdup(r->name));
        /* The user writes one text: it stands in every language. */
        e->description[0] = g_strdup(r->meaning ? r->meaning : "");
        for (lang = 1; lang < SIP_EXPLAIN_LANG_COUNT; lang++)
            e->description[lang] = e->description[0];
        g_hash_table_insert(user_causes, key, e);
    }
}

static void
cause_rows_reset(void)
{
    clear_entries();
}

const sip_explain_code_text_t *
sip_explain_uat_cause(sip_explain_cause_table_t table, guint32 code)
{
    guint64 key = key_of((int)table, code);

    return user_causes ? g_hash_table_lookup(user_causes, &key) : NULL;
}

uat_t *
sip_explain_cause_uat_new(void)
{
    static uat_field_t fields[] = {
        UAT_FLD_CSTRING(cause_rows, kind, "Kind", "freeswitch (Reason cause), ms-diagnostics (error id) or twilio (X-Twilio-Error code)"),
        UAT_FLD_CSTRING(cause_rows, code, "Code", "The number as it appears in the header"),
        UAT_FLD_CSTRING(cause_rows, name, "Name", "The vendor's name for it (required)"),
        UAT_FLD_CSTRING(cause_rows, meaning, "Meaning", "What it means and what to check (its first sentence is shown)"),
        UAT_END_FIELDS
    };

    return uat_new("SIP Explain Vendor Causes",
                   sizeof(cause_row_t),
                   "sip_explain_causes",
                   TRUE,
                   &rows,
                   &n_rows,
                   UAT_AFFECTS_DISSECTION,
                   NULL,
                   cause_row_copy,
                   cause_row_update,
                   cause_row_free,
                   cause_rows_post_update,
                   cause_rows_reset,
                   fields);
}
