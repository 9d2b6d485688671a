/* sip_explain_context.h
 * What a response says in its transaction: the request it answers, the
 * headers that matter, and the rules it breaks.
 *
 * The core post-dissector calls these for every SIP message of a frame.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SIP_EXPLAIN_CONTEXT_H
#define SIP_EXPLAIN_CONTEXT_H

#include <stdbool.h>

#include <epan/expert.h>

#include "sip_explain.h"
#include "sip_explain_overrides.h"

/* What the user asked for, as the context needs it: handed in by the
 * dissector, read from the preferences and the user's table. */
typedef struct {
    sip_explain_lang_t lang;                    /* language of the texts */
    bool findings;                              /* show context findings ("context" preference) */
    int min_severity;                           /* sip_explain_severity_t: the lowest that raises
                                                   expert info ("min_severity" preference) */
    bool judge;                                 /* judge the findings even where none is shown: the
                                                   caller shows or taps the severity they make */
    const sip_explain_overrides_t *overrides;   /* the user's rows, for codes a Reason names */
} sip_explain_context_opts_t;

/* Registers the context's fields, expert infos (in the protocol's expert
 * module) and file-scope state; called from proto_register_sip_explain(). */
void sip_explain_context_register(int proto, expert_module_t *expert);

/* Will anything read the context of responses in this tree (NULL: no
 * tree, only taps)? Requests need recording only then (in tshark, whose
 * output is fixed for the run). */
gboolean sip_explain_context_needed(proto_tree *tree, const sip_explain_context_opts_t *opts);

/* A request seen in a frame: record what it asked for. tree: the frame's
 * tree, NULL when none is built (then, in tshark, which shows only expert
 * info without a tree, only what expert info needs is kept). */
void sip_explain_context_request(packet_info *pinfo, proto_tree *tree, const sip_explain_message_t *msg);

/* A response, after the core fields: tree is its Explanation subtree (NULL
 * when no tree is built), code_item the status code item (may be NULL),
 * entry the explanation (NULL when the code is malformed). Adds the request
 * linkage, context findings and conformance checks. Returns the highest
 * severity of the expert infos judged (Chat when none was, or the findings
 * were not judged), whether or not min_severity let them be raised. */
sip_explain_severity_t sip_explain_context_response(packet_info *pinfo, proto_tree *tree, proto_item *code_item,
                                  const sip_explain_message_t *msg, const sip_explain_entry_t *entry,
                                  const sip_explain_context_opts_t *opts);

#endif /* SIP_EXPLAIN_CONTEXT_H */
