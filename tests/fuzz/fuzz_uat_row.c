/* fuzz_uat_row.c: libFuzzer harness of the user tables' row checks.
 * The input is split at 0x1f into columns; a missing column is NULL. The
 * five columns are a row of sip_explain_codes (code, reason, description,
 * when, fix), and the first four a row of sip_explain_causes (kind, code,
 * name, meaning).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>

#include "fuzz_common.h"
#include "options/cause_row.h"
#include "options/uat_row.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *cols[5] = { NULL, NULL, NULL, NULL, NULL };
    size_t start = 0, i;
    int c = 0;
    uint32_t code = 0xdeadbeef;
    int kind = -1;
    const char *why;

    for (i = 0; i <= size && c < 5; i++) {
        if (i == size || data[i] == 0x1f) {
            /* Exact-size copies (ASan catches a read past the NUL). */
            cols[c] = malloc(i - start + 1);
            memcpy(cols[c], data + start, i - start);
            cols[c][i - start] = '\0';
            c++;
            start = i + 1;
        }
    }
    why = sip_explain_uat_row_check(cols[0], cols[1], cols[2], cols[3], cols[4], &code);
    if (why == NULL)
        FUZZ_CHECK(code >= 100 && code <= 699);
    else
        FUZZ_CHECK(strlen(why) > 0);
    code = 0xdeadbeef;
    why = sip_explain_cause_row_check(cols[0], cols[1], cols[2], cols[3], &kind, &code);
    if (why == NULL)
        FUZZ_CHECK(kind >= 0 && kind < CAUSE_ROW_KINDS && code <= 999999);
    else
        FUZZ_CHECK(strlen(why) > 0);
    for (i = 0; i < 5; i++)
        free(cols[i]);
    return 0;
}
