/* uat_row.h
 * Checks one row of the user's table sip_explain_codes before it is used.
 * Needs only the C library (fuzzed and unit-tested without Wireshark).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef UAT_ROW_H
#define UAT_ROW_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Longest text accepted in a column, in bytes. */
#define UAT_ROW_MAX_TEXT 4096

/* NULL when the row is good (*code is set), else why it is refused. Any
 * argument may be NULL (an empty column). */
const char *sip_explain_uat_row_check(const char *code_text, const char *reason,
                                      const char *description, const char *when,
                                      const char *fix, uint32_t *code);

#ifdef __cplusplus
}
#endif

#endif /* UAT_ROW_H */
