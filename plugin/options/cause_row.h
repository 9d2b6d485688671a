/* cause_row.h
 * Checks one row of the user's table sip_explain_causes (a vendor's cause
 * code the built-in tables lack, or a text the user prefers) before it is
 * used. Needs only the C library (fuzzed and unit-tested without
 * Wireshark).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef CAUSE_ROW_H
#define CAUSE_ROW_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The kinds of cause a row may name, in sip_explain_cause_table_t order
 * (table/sip_explain_table.h): "freeswitch", "ms-diagnostics", "twilio". */
#define CAUSE_ROW_KINDS 3
extern const char *const cause_row_kind_names[CAUSE_ROW_KINDS];

/* NULL when the row is good (*kind and *code are set), else why it is
 * refused. Any argument may be NULL (an empty column). */
const char *sip_explain_cause_row_check(const char *kind_text, const char *code_text, const char *name,
                                        const char *meaning, int *kind, uint32_t *code);

#ifdef __cplusplus
}
#endif

#endif /* CAUSE_ROW_H */
