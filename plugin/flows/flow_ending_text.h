/* flow_ending_text.h
 * How an answered call ended (flows/flow_ending.h) and a transfer's
 * result (flows/flow_transfer.h) in words, in the language chosen, and the
 * outcome text they complete.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef FLOW_ENDING_TEXT_H
#define FLOW_ENDING_TEXT_H

#include <epan/wmem_scopes.h>

#include "flows/flow_ending.h"
#include "flows/flow_transfer.h"
#include "sip_explain_table.h"

/* The ending in words, appended to an answered call's outcome text ("; the
 * callee hung up after 62 s (BYE frame 40); Reason: ..."); "" when nothing
 * is known. */
const char *flow_ending_text(wmem_allocator_t *scope, sip_explain_lang_t lang, const flow_t *f, guint answered,
                             const flow_ending_t *e);

/* The transfer in words, appended to an outcome text ("; transfer (REFER
 * frame 7): the referred request failed with 486 Busy Here (NOTIFY frame
 * 12)"); "" when there is none. */
const char *flow_transfer_text(wmem_allocator_t *scope, sip_explain_lang_t lang, const flow_t *f,
                               const flow_transfer_t *x);

/* "486 Busy Here": a code with its registered reason phrase. */
const char *flow_code_words(wmem_allocator_t *scope, guint32 code);

/* A decided attempt's outcome text (flow_outcome_text()) with its
 * aftermath (flow_aftermath_of(): how an answered call ended and its
 * transfer, or a REFER's result) appended: what sip_explain.outcome_text
 * and the table show. */
const char *flow_full_outcome_text(wmem_allocator_t *scope, sip_explain_lang_t lang, const flow_t *f,
                                   const flow_attempt_t *a, const flow_aftermath_t *am);

#endif /* FLOW_ENDING_TEXT_H */
