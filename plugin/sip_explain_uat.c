/* sip_explain_uat.c
 * The user's table of response code texts (UAT "sip_explain_codes").
 *
 * Columns, in order: code, reason, description, when, fix. A row with a bad
 * code or an empty reason is refused with a message naming it; the other
 * rows still apply, and the user's file is never rewritten by us (Wireshark
 * writes it only when the user saves the table).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "sip_explain_uat.h"

#include <string.h>

#include <ws_attributes.h>
#include <wsutil/report_message.h>

#include "options/uat_row.h"
#include "ws_compat.h"

typedef struct {
    char *code;
    char *reason;
    char *description;
    char *when;
    char *fix;
} code_row_t;

static code_row_t *rows;
static guint n_rows;

/* The rows that passed the checks, as the lookup uses them (NULL: none). */
static sip_explain_overrides_t *user_rows;

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
static sip_explain_ws_bool_t
code_row_update(void *record _U_, char **error _U_)
{
    return TRUE;
}

static void
clear_entries(void)
{
    sip_explain_overrides_free(user_rows);
    user_rows = NULL;
}

/* After loading or editing: build the entries, report refused rows. */
static void
code_rows_post_update(void)
{
    guint i;

    clear_entries();
    if (n_rows == 0)
        return;
    user_rows = sip_explain_overrides_new();
    for (i = 0; i < n_rows; i++) {
        const code_row_t *r = &rows[i];
        uint32_t code;
        const char *why = sip_explain_uat_row_check(r->code, r->reason, r->description, r->when, r->fix, &code);

        if (why) {
            report_warning("SIP Explain: row %u of the table sip_explain_codes (code '%s') is ignored: %s.",
                           i + 1, r->code ? r->code : "", why);
            continue;
        }
        if (!sip_explain_overrides_add(user_rows, code, r->reason, r->description, r->when, r->fix))
            report_warning("SIP Explain: row %u of the table sip_explain_codes repeats code %u; the first row for it is used.",
                           i + 1, code);
    }
}

static void
code_rows_reset(void)
{
    clear_entries();
}

const sip_explain_overrides_t *
sip_explain_uat_overrides(void)
{
    return user_rows;
}

uat_t *
sip_explain_uat_new(void)
{
    static uat_field_t fields[] = {
        UAT_FLD_CSTRING(code_rows, code, "Code", "Response code, 100 to 699"),
        UAT_FLD_CSTRING(code_rows, reason, "Reason", "Reason phrase (required)"),
        UAT_FLD_CSTRING(code_rows, description, "Description", "What the code means (empty: keep the built-in text)"),
        UAT_FLD_CSTRING(code_rows, when, "When", "When you see it (empty: keep the built-in text)"),
        UAT_FLD_CSTRING(code_rows, fix, "Fix", "How to fix it (empty: keep the built-in text)"),
        UAT_END_FIELDS
    };

    return uat_new("SIP Explain Codes",
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
}
