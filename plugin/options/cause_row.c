/* cause_row.c
 * Checks one row of the user's table sip_explain_causes (see cause_row.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "options/cause_row.h"

#include <string.h>

#include "options/uat_row.h"

const char *const cause_row_kind_names[CAUSE_ROW_KINDS] = { "freeswitch", "ms-diagnostics", "twilio" };

/* The codes of each kind, as the built-in tables hold them
 * (table/compiler/read_code_table.c). */
static const uint32_t kind_max[CAUSE_ROW_KINDS] = { 999, 999999, 99999 };

/* Is s (len bytes) the lowercase name, in any case of ASCII letters? */
static int
is_name(const char *s, size_t len, const char *name)
{
    size_t i;

    if (len != strlen(name))
        return 0;
    for (i = 0; i < len; i++) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c != name[i])
            return 0;
    }
    return 1;
}

static const char *
skip_blanks(const char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    return s;
}

/* The text between blanks: its start, and its length in *len. */
static const char *
trimmed(const char *s, size_t *len)
{
    size_t n;

    s = skip_blanks(s);
    n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    *len = n;
    return s;
}

const char *
sip_explain_cause_row_check(const char *kind_text, const char *code_text, const char *name,
                            const char *meaning, int *kind, uint32_t *code)
{
    const char *p;
    size_t len;
    uint32_t value = 0;
    int digits = 0, k;

    p = trimmed(kind_text ? kind_text : "", &len);
    for (k = 0; k < CAUSE_ROW_KINDS; k++)
        if (is_name(p, len, cause_row_kind_names[k]))
            break;
    if (k == CAUSE_ROW_KINDS)
        return "the kind is not freeswitch, ms-diagnostics or twilio";
    p = trimmed(code_text ? code_text : "", &len);
    for (; len && *p >= '0' && *p <= '9'; p++, len--) {
        if (++digits > 6)
            break;
        value = value * 10 + (uint32_t)(*p - '0');
    }
    if (digits == 0 || digits > 6 || len != 0 || value > kind_max[k])
        return k == 0 ? "the code is not a number from 0 to 999"
             : k == 1 ? "the code is not a number from 0 to 999999"
                      : "the code is not a number from 0 to 99999";
    trimmed(name ? name : "", &len);
    if (len == 0)
        return "the name is empty";
    if (strnlen(name, UAT_ROW_MAX_TEXT + 1) > UAT_ROW_MAX_TEXT
        || (meaning && strnlen(meaning, UAT_ROW_MAX_TEXT + 1) > UAT_ROW_MAX_TEXT))
        return "a text is longer than 4096 bytes";
    *kind = k;
    *code = value;
    return NULL;
}
