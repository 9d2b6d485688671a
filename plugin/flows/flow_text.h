/* flow_text.h
 * A flow's verdict in words, in the language chosen: the outcome of an
 * attempt with the chain of frames that led to it, and what a step was.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef FLOW_TEXT_H
#define FLOW_TEXT_H

#include <epan/wmem_scopes.h>

#include "flows/flow_verdict.h"
#include "sip_explain_table.h"

/* The headline of a decided attempt's outcome ("Busy: the called side is
 * busy"), the message of its expert item; "" when it is not decided. */
const char *flow_outcome_headline(wmem_allocator_t *scope, sip_explain_lang_t lang, const flow_t *f,
                                  const flow_attempt_t *a);

/* The outcome in words: the headline, the chain in parentheses and what
 * the deciding response added; "" when it is not decided. */
const char *flow_outcome_text(wmem_allocator_t *scope, sip_explain_lang_t lang, const flow_t *f,
                              const flow_attempt_t *a);

/* What a step was ("Challenge: answered with credentials in frame 5; the
 * flow ended in frame 8: answered"); "" when txn is no step. */
const char *flow_step_text(wmem_allocator_t *scope, sip_explain_lang_t lang, const flow_t *f, guint txn,
                           const flow_txn_verdict_t *v);

#endif /* FLOW_TEXT_H */
