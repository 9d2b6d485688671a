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
    bool flows;                                 /* note every message in its flow (flows/): an
                                                   outcome is read, or will be */
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

/* What the context read of one response: its headers, the request it
 * answers. Made before the core fields, so that they and the findings
 * share one pass over the header lines. */
typedef struct sip_explain_response_context sip_explain_response_context_t;

/* Reads a response for its context: tree is its Explanation subtree (NULL
 * when no tree is built), entry the explanation (NULL when the code is
 * malformed). NULL when nothing of the context will be read. Adds nothing
 * to the tree. */
sip_explain_response_context_t *sip_explain_context_read(packet_info *pinfo, proto_tree *tree,
                                                         const sip_explain_message_t *msg,
                                                         const sip_explain_entry_t *entry,
                                                         const sip_explain_context_opts_t *opts);

/* The method of the response's CSeq as read; FALSE when CSeq is missing or
 * malformed. */
gboolean sip_explain_context_cseq_method(const sip_explain_response_context_t *rc, sip_span_t *method);

/* After the core fields (rc from sip_explain_context_read(), may be NULL):
 * code_item is the status code item (may be NULL). Adds the request
 * linkage, context findings and conformance checks. Returns the highest
 * severity of the expert infos judged (Chat when none was, or the findings
 * were not judged), whether or not min_severity let them be raised. */
sip_explain_severity_t sip_explain_context_response(sip_explain_response_context_t *rc, proto_item *code_item);

#endif /* SIP_EXPLAIN_CONTEXT_H */
