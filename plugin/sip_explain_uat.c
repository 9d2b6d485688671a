/* sip_explain_uat.c
 *
 * Columns, in order: code, reason, description, when, fix. A row with a bad
 * code or an empty reason is refused with a message naming it; the other
 * rows still apply, and the user's file is never rewritten by us (Wireshark
 * writes it only when the user saves the table).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>

#include <epan/uat.h>
#include <wsutil/report_message.h>

#include "parse/uat_row.h"
#include "sip_explain.h"
#include "sip_explain_uat.h"

typedef struct {
    char *code;
    char *reason;
    char *description;
    char *when;
    char *fix;
} code_row_t;

static code_row_t *rows;
static guint n_rows;

/* code -> sip_explain_entry_t * built from the rows (NULL when none). */
static GHashTable *user_entries;
/* Strings and entries owned by user_entries. */
static GPtrArray *user_allocations;

UAT_CSTRING_CB_DEF(code_rows, code, code_row_t)
UAT_CSTRING_CB_DEF(code_rows, reason, code_row_t)
UAT_CSTRING_CB_DEF(code_rows, description, code_row_t)
UAT_CSTRING_CB_DEF(code_rows, when, code_row_t)
UAT_CSTRING_CB_DEF(code_rows, fix, code_row_t)

static void *
code_row_copy(void *dest, const void *source, size_t len _U_)
{
    code_row_t *d = dest;
    const code_row_t *s = source;

    d->code = g_strdup(s->code);
    d->reason = g_strdup(s->reason);
    d->description = g_strdup(s->description);
    d->when = g_strdup(s->when);
    d->fix = g_strdup(s->fix);
    return d;
}

static void
code_row_free(void *record)
{
    code_row_t *r = record;

    g_free(r->code);
    g_free(r->reason);
    g_free(r->description);
    g_free(r->when);
    g_free(r->fix);
}

/* Accepts every row: Wireshark stops loading the whole table at the first
 * row this refuses, so bad rows are reported and skipped after loading, in
 * code_rows_post_update(), where the good rows still apply. */
static gboolean
code_row_update(void *record _U_, char **error _U_)
{
    return TRUE;
}

static char *
keep(char *s)
{
    g_ptr_array_add(user_allocations, s);
    return s;
}

static const char *
stripped_or_null(const char *s)
{
    char *copy;

    if (!s)
        return NULL;
    copy = g_strstrip(g_strdup(s));
    if (!*copy) {
        g_free(copy);
        return NULL;
    }
    return keep(copy);
}

static void
set_all_langs(const char *texts[SIP_EXPLAIN_LANG_COUNT], const char *text)
{
    int i;

    for (i = 0; i < SIP_EXPLAIN_LANG_COUNT; i++)
        texts[i] = text;
}

static const char *
first_sentence(const char *text)
{
    const char *dot = strstr(text, ". ");

    return dot ? keep(g_strndup(text, (gsize)(dot - text + 1))) : text;
}

static sip_explain_entry_t *
entry_from_row(const code_row_t *row, uint32_t code)
{
    sip_explain_entry_t *e = g_new(sip_explain_entry_t, 1);
    const char *text;

    keep((char *)e);
    *e = *sip_explain_lookup(code);       /* built-in entry or its class */
    e->code = (uint16_t)code;
    e->reason = stripped_or_null(row->reason);
    if ((text = stripped_or_null(row->description)) != NULL) {
        set_all_langs((const char **)e->description, text);
        set_all_langs((const char **)e->summary, first_sentence(text));
    }
    if ((text = stripped_or_null(row->when)) != NULL)
        set_all_langs((const char **)e->when, text);
    if ((text = stripped_or_null(row->fix)) != NULL)
        set_all_langs((const char **)e->fix, text);
    return e;
}

static void
clear_entries(void)
{
    if (user_entries)
        g_hash_table_destroy(user_entries);
    if (user_allocations)
        g_ptr_array_free(user_allocations, TRUE);
    user_entries = NULL;
    user_allocations = NULL;
}

/* After loading or editing: build the entries, report refused rows. */
static void
code_rows_post_update(void)
{
    guint i;

    clear_entries();
    if (n_rows == 0)
        return;
    user_entries = g_hash_table_new(g_direct_hash, g_direct_equal);
    user_allocations = g_ptr_array_new_with_free_func(g_free);
    for (i = 0; i < n_rows; i++) {
        const code_row_t *r = &rows[i];
        uint32_t code;
        const char *why = sip_explain_uat_row_check(r->code, r->reason, r->description, r->when, r->fix, &code);

        if (why) {
            report_warning("SIP Explain: row %u of the table sip_explain_codes (code '%s') is ignored: %s.",
                           i + 1, r->code ? r->code : "", why);
            continue;
        }
        if (g_hash_table_contains(user_entries, GUINT_TO_POINTER(code))) {
            report_warning("SIP Explain: row %u of the table sip_explain_codes repeats code %u; the first row for it is used.",
                           i + 1, code);
            continue;
        }
        g_hash_table_insert(user_entries, GUINT_TO_POINTER(code), entry_from_row(r, code));
    }
}

static void
code_rows_reset(void)
{
    clear_entries();
}

const sip_explain_entry_t *
sip_explain_resolve(uint32_t code)
{
    if (user_entries) {
        const sip_explain_entry_t *e = g_hash_table_lookup(user_entries, GUINT_TO_POINTER(code));
        if (e)
            return e;
    }
    return sip_explain_lookup(code);
}

void
sip_explain_uat_register(module_t *module)
{
    static uat_field_t fields[] = {
        UAT_FLD_CSTRING(code_rows, code, "Code", "Response code, 100 to 699"),
        UAT_FLD_CSTRING(code_rows, reason, "Reason", "Reason phrase (required)"),
        UAT_FLD_CSTRING(code_rows, description, "Description", "What the code means (empty: keep the built-in text)"),
        UAT_FLD_CSTRING(code_rows, when, "When", "When you see it (empty: keep the built-in text)"),
        UAT_FLD_CSTRING(code_rows, fix, "Fix", "How to fix it (empty: keep the built-in text)"),
        UAT_END_FIELDS
    };
    uat_t *uat = uat_new("SIP Explain Codes",
                         sizeof(code_row_t),
                         "sip_explain_codes",
                         TRUE,
                         &rows,
                         &n_rows,
                         UAT_AFFECTS_DISSECTION,
                         NULL,
                         code_row_copy,
                         code_row_update,
                         code_row_free,
                         code_rows_post_update,
                         code_rows_reset,
                         fields);

    prefs_register_uat_preference(module, "codes", "Response code texts",
        "Your own texts for response codes: override a built-in explanation or add a vendor code",
        uat);
}
