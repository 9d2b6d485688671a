/* sip_explain_context.c
 * Routines for deciding what the context of a message needs, and for
 * running the parts that make it: a request is read into its record; a
 * response gets
 *  - the request it answers (sip_explain.request_frame, .request_method),
 *    from the per-capture record of what each request asked for;
 *  - context findings (sip_explain.context), one string per finding;
 *  - conformance checks as expert info, each citing its RFC section;
 *  - notes on malformed header values, which are shown as found but
 *    length-limited and never trusted.
 * context_internal.h lists the files that do each part.
 *
 * State: the request records (request_records.c), in file scope. A request
 * is recorded once: re-dissection (tshark -2, GUI clicks in any order) and
 * retransmissions add nothing, and a response links to the first copy
 * whichever frame was dissected first. Per message, all work is one pass
 * over the header lines (plus the values a finding reads) and allocates
 * only in pinfo->pool.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "context/sip_explain_context.h"

#include <stddef.h>
#include <string.h>

#include "context/context_internal.h"

/* The link to the request is made whatever the context preference says,
 * wherever a field of it is read. */
static gboolean
linkage_needed(proto_tree *tree)
{
    return sip_explain_field_shown(tree, hf_sip_explain_request_frame)
        || sip_explain_field_shown(tree, hf_sip_explain_request_method);
}

/* Findings and checks only where someone will read them: a shown tree,
 * a filter or column naming sip_explain.context, expert info, or the
 * severity they make (opts->judge). */
static gboolean
findings_needed(proto_tree *tree, const sip_explain_context_opts_t *opts)
{
    return opts->findings
        && (!tree || opts->judge || sip_explain_field_shown(tree, hf_sip_explain_context)
            || sip_explain_expert_wanted(tree));
}

gboolean
sip_explain_context_needed(proto_tree *tree, const sip_explain_context_opts_t *opts)
{
    return linkage_needed(tree) || findings_needed(tree, opts);
}

void
sip_explain_context_request(packet_info *pinfo, proto_tree *tree, const sip_explain_message_t *msg)
{
    /* tshark without a tree shows only expert info: keep only what it needs. */
    gboolean expert_only = !tree && sip_explain_in_tshark();

    if (msg->start.is_response || sip_span_equals(msg->start.method, "ACK"))
        return;                                 /* ACK is answered by nothing */
    /* Most requests carry none of what expert info reads: a pass that
     * splits few lines spares reading them at all. */
    if (expert_only && !request_carries_expert_headers(msg))
        return;
    record_request(pinfo, msg, expert_only);
}

/* The request the response answers: its frame and method; without it, the
 * method of the response's CSeq. Whatever the context preference says. */
static void
add_linkage(response_ctx_t *rc)
{
    const sip_explain_message_t *msg = rc->msg;
    proto_item *pi;

    if (rc->request) {
        pi = proto_tree_add_uint(rc->tree, hf_sip_explain_request_frame, msg->tvb, 0, 0, rc->request->frame);
        proto_item_set_generated(pi);
        pi = proto_tree_add_string(rc->tree, hf_sip_explain_request_method, msg->tvb, 0, 0, rc->request->method);
        proto_item_set_generated(pi);
    } else if (rc->have_cseq) {
        /* The request is not in the capture: its method is the CSeq's. */
        proto_tree_add_string(rc->tree, hf_sip_explain_request_method, msg->tvb,
                              msg->offset + (int)(rc->cseq_method.p - msg->text),
                              (int)rc->cseq_method.len, span_text(rc->pinfo->pool, rc->cseq_method));
    }
}

sip_explain_response_context_t *
sip_explain_context_read(packet_info *pinfo, proto_tree *tree, const sip_explain_message_t *msg,
                         const sip_explain_entry_t *entry, const sip_explain_context_opts_t *opts)
{
    static sip_explain_reading_mark_t mark;
    static gboolean findings_read, linkage_read, shown;
    response_ctx_t *rc;
    gboolean findings;

    /* What is read, worked out once while it stays the same (in tshark: once
     * a pass), not for every response. */
    if (!tree) {
        findings = findings_needed(NULL, opts);     /* without a tree no link is shown */
        if (!findings)
            return NULL;
    } else {
        if (!sip_explain_same_reading(&mark, tree)) {
            findings_read = findings_needed(tree, opts);
            linkage_read = linkage_needed(tree);
            shown = sip_explain_field_shown(tree, hf_sip_explain_context);
        }
        findings = findings_read;
        if (!findings && !linkage_read)
            return NULL;
    }
    rc = wmem_new(pinfo->pool, response_ctx_t);
    memset(rc, 0, offsetof(response_ctx_t, headers)); /* headers: read_response_headers() */
    rc->pinfo = pinfo;
    rc->tree = tree;
    rc->msg = msg;
    rc->entry = entry;
    rc->opts = opts;
    rc->code = msg->start.code;
    rc->highest = SIP_EXPLAIN_SEV_CHAT;
    rc->judge = findings;
    /* Findings only where they are shown; expert info reads fewer headers:
     * those its checks need. */
    rc->show_findings = tree && findings && shown;
    read_response_headers(msg, &rc->headers,
                          rc->show_findings ? RESPONSE_SLOTS_ALL & ~(rc->code < SENT_BY_FIRST_CODE ? RESPONSE_SLOTS_SENT_BY : 0)
                                            : response_required_slots(entry) | explainer_expert_slots(rc->code));
    rc->have_cseq = sip_text_parse_cseq(rc->headers.ids.cseq, &rc->cseq, &rc->cseq_method);
    if (!rc->have_cseq)
        rc->cseq_method = empty_span();
    else
        rc->request = find_request(pinfo, rc->headers.ids.call_id, rc->cseq, rc->cseq_method, rc->headers.ids.via);
    return rc;
}

gboolean
sip_explain_context_cseq_method(const sip_explain_response_context_t *rc, sip_span_t *method)
{
    *method = rc->cseq_method;
    return rc->have_cseq;
}

sip_explain_severity_t
sip_explain_context_response(sip_explain_response_context_t *rc, proto_item *code_item)
{
    if (!rc)
        return SIP_EXPLAIN_SEV_CHAT;
    rc->anchor = code_item;
    if (rc->tree)
        add_linkage(rc);
    if (!rc->judge)
        return SIP_EXPLAIN_SEV_CHAT;

    if (rc->headers.too_many_lines)
        add_expert_as(rc, NULL, &ei_sip_explain_context_repeated, "expert.TooManyLines",
                      "lines", ctx_num(rc, SIP_TEXT_MAX_HEADERS), NULL);
    check_conformance(rc);
    explain_response(rc);
    return rc->highest;
}
