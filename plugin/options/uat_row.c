/* uat_row.c
 * Checks one row of the user's table sip_explain_codes (see uat_row.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "options/uat_row.h"

#include <string.h>

static int
is_blank(const char *s)
{
    if (!s)
        return 1;
    for (; *s; s++)
        if (*s != ' ' && *s != '\t')
            return 0;
    return 1;
}

static int
too_long(const char *s)
{
    return s && strnlen(s, UAT_ROW_MAX_TEXT + 1) > UAT_ROW_MAX_TEXT;
}

const char *
sip_explain_uat_row_check(const char *code_text, const char *reason,
                          const char *description, const char *when,
                          const char *fix, uint32_t *code)
{
    const char *p = code_text;
    uint32_t value = 0;
    int digits = 0;

    if (is_blank(code_text))
        return "the code is empty";
    while (*p == ' ' || *p == '\t')
        p++;
    for (; *p >= '0' && *p <= '9'; p++) {
        if (++digits > 3)
            return "the code is not a number from 100 to 699";
        value = value * 10 + (uint32_t)(*p - '0');
    }
    while (*p == ' ' || *p == '\t')
        p++;
    if (*p != '\0' || digits != 3 || value < 100 || value > 699)
        return "the code is not a number from 100 to 699";
    if (is_blank(reason))
        return "the reason phrase is empty";
    if (too_long(reason) || too_long(description) || too_long(when) || too_long(fix))
        return "a text is longer than 4096 bytes";
    *code = value;
    return NULL;
}
