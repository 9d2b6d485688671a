/* sip_explain_overrides.h
 * The user's own rows for response codes, and the lookup that puts them
 * before the built-in table: the explanation a response gets.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SIP_EXPLAIN_OVERRIDES_H
#define SIP_EXPLAIN_OVERRIDES_H

#include <stdbool.h>

#include "sip_explain_table.h"

typedef struct sip_explain_overrides sip_explain_overrides_t;

sip_explain_overrides_t *sip_explain_overrides_new(void);
void sip_explain_overrides_free(sip_explain_overrides_t *user);

/* Adds the row of a code (100..699, checked by the caller): reason is
 * required, a NULL or blank description, when or fix keeps the built-in
 * text (or the class's). A row with any text of its own also drops the
 * built-in texts per request method. Texts are copied. Returns false, adding nothing,
 * when the code already has a row. */
bool sip_explain_overrides_add(sip_explain_overrides_t *user, uint32_t code, const char *reason,
                               const char *description, const char *when, const char *fix);

/* The explanation of a code: the user's row where there is one (user may
 * be NULL), else the built-in entry or its class. NULL outside 100..699. */
const sip_explain_entry_t *sip_explain_resolve(const sip_explain_overrides_t *user, uint32_t code);

#endif /* SIP_EXPLAIN_OVERRIDES_H */
