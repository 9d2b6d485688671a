/* flow_outcome.c
 * Routines for showing call outcomes (see flow_outcome.h): the fields and
 * expert infos of a flow's verdict, added to a response's Explanation
 * only where someone reads them, and the tap of the table of flows.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "flows/flow_outcome.h"

#include <epan/proto.h>
#include <epan/tap.h>

#include "expert_severity.h"
#include "flows/flow_ending_text.h"
#include "flows/flow_text.h"
#include "sip_explain_shown.h"
#include "response_experts.h"
#include "text_lines.h"
#include "text_cut.h"

static int proto_sip_explain = -1;
static int calls_tap = -1;

static int hf_outcome = -1;
static int hf_outcome_text = -1;
static int hf_step = -1;
static int hf_step_text = -1;
static int hf_outcome_frame = -1;
static int hf_retry_frame = -1;
static int hf_flow_kind = -1;
/* How an answered call ended, a transfer's result (flows/flow_ending.h,
 * flows/flow_transfer.h). */
static int hf_hangup_by = -1;
static int hf_hangup_reason = -1;
static int hf_hangup_frame = -1;
static int hf_hangup_status = -1;
static int hf_call_duration = -1;
static int hf_ack_missing = -1;
static int hf_transfer_result = -1;
static int hf_transfer_status = -1;

static gint ett_outcome = -1;

/* One expert info per outcome that has one (flows/flow_outcomes.def); the
 * others stay EI_INIT_EI and are never raised. */
static expert_field ei_outcome[FLOW_OUTCOME_COUNT];

/* Each outcome's expert severity, which the min_severity preference
 * compares. */
static const sip_explain_severity_t severity_of[FLOW_OUTCOME_COUNT] = {
#define OUTCOME(name, keyword, severity, summary, template_id) [FLOW_OUTCOME_##name] = EXPERT_SEVERITY(severity),
#define OUTCOME_WITHOUT_EXPERT(name, keyword, template_id)
#include "flows/flow_outcomes.def"
};

/* ---- What is read ---- */

static gboolean
fields_shown(proto_tree *tree)
{
    return sip_explain_field_shown(tree, hf_outcome) || sip_explain_field_shown(tree, hf_outcome_text)
        || sip_explain_field_shown(tree, hf_step) || sip_explain_field_shown(tree, hf_step_text)
        || sip_explain_field_shown(tree, hf_outcome_frame) || sip_explain_field_shown(tree, hf_retry_frame)
        || sip_explain_field_shown(tree, hf_flow_kind) || sip_explain_field_shown(tree, hf_hangup_by)
        || sip_explain_field_shown(tree, hf_hangup_reason) || sip_explain_field_shown(tree, hf_hangup_frame)
        || sip_explain_field_shown(tree, hf_hangup_status) || sip_explain_field_shown(tree, hf_call_duration)
        || sip_explain_field_shown(tree, hf_ack_missing) || sip_explain_field_shown(tree, hf_transfer_result)
        || sip_explain_field_shown(tree, hf_transfer_status);
}

gboolean
sip_explain_outcome_table_listens(void)
{
    return have_tap_listener(calls_tap);
}

gboolean
sip_explain_outcome_read(proto_tree *tree)
{
    static sip_explain_reading_mark_t mark;
    static gboolean answer;

    if (!tree)
        return sip_explain_outcome_table_listens() || sip_explain_listeners_want_results();
    if (!sip_explain_same_reading(&mark, tree))
        answer = sip_explain_outcome_table_listens() || sip_explain_listeners_want_results()
              || sip_explain_expert_wanted(tree) || fields_shown(tree);
    return answer;
}

/* Are the outcome's fields read in this tree (worked out once while what
 * is read stays the same)? */
static gboolean
shown_here(proto_tree *tree)
{
    static sip_explain_reading_mark_t mark;
    static gboolean answer;

    if (!sip_explain_same_reading(&mark, tree))
        answer = fields_shown(tree);
    return answer;
}

/* ---- Recording ---- */

/* Has a frame been dissected for flows? Until then frames tell flows
 * nothing (in tshark, nothing reads an outcome). */
static gboolean flows_noted;

void
sip_explain_outcome_note(packet_info *pinfo, sip_explain_message_t *msg)
{
    guint txn = 0;

    msg->flow = flow_records_note(pinfo, msg, &txn);
    msg->flow_txn = txn;
    if (msg->flow && have_tap_listener(calls_tap))
        tap_queue_packet(calls_tap, pinfo, msg->flow);
}

void
sip_explain_outcome_unreachable(packet_info *pinfo, sip_explain_message_t *msg)
{
    guint txn = 0;

    msg->flow = flow_records_note_unreachable(pinfo, msg, &txn);
    msg->flow_txn = txn;
    if (msg->flow && have_tap_listener(calls_tap))
        tap_queue_packet(calls_tap, pinfo, msg->flow);
}

void
sip_explain_outcome_begin_frame(packet_info *pinfo)
{
    flows_noted = TRUE;
    /* Names only for the table, which the GUI may open at any time. */
    flow_records_keep_names(!sip_explain_in_tshark() || have_tap_listener(calls_tap));
    flow_records_begin_frame(pinfo);
}

void
sip_explain_outcome_frame(packet_info *pinfo)
{
    if (!flows_noted)
        return;
    if (!PINFO_FD_VISITED(pinfo))
        flow_records_note_time(pinfo);
    if (have_tap_listener(calls_tap))
        tap_queue_packet(calls_tap, pinfo, NULL);   /* the table's clock */
}

/* ---- Showing ---- */

static proto_item *
add_string(proto_tree *tree, int hf, const sip_explain_message_t *msg, const char *value)
{
    proto_item *pi = proto_tree_add_string(tree, hf, msg->tvb, 0, 0, value);

    proto_item_set_generated(pi);
    return pi;
}

/* A sentence: whole on child lines where it is long and the tree printed. */
static void
add_sentence(proto_tree *tree, int hf, const sip_explain_message_t *msg, const char *text)
{
    proto_item_set_generated(sip_explain_add_text(tree, hf, msg->tvb, 0, 0, text, SIP_EXPLAIN_TEXT_LINE_BYTES));
}

static void
add_frame(proto_tree *tree, int hf, const sip_explain_message_t *msg, guint32 frame)
{
    proto_item *pi;

    if (!frame)
        return;
    pi = proto_tree_add_uint(tree, hf, msg->tvb, 0, 0, frame);
    proto_item_set_generated(pi);
}

static void
raise_expert(packet_info *pinfo, proto_item *anchor, flow_outcome_t o, const char *text,
             const sip_explain_context_opts_t *opts)
{
    if (o == FLOW_OUTCOME_NONE || o >= FLOW_OUTCOME_COUNT || ei_outcome[o].ei == EI_INIT_EI
        || severity_of[o] < (sip_explain_severity_t)opts->min_severity)
        return;
    expert_add_info_format(pinfo, anchor, &ei_outcome[o], "%s",
                           sip_explain_cut_text(pinfo->pool, text, SIP_EXPLAIN_EXPERT_MSG_MAX));
}

static void
add_uint(proto_tree *tree, int hf, const sip_explain_message_t *msg, guint32 value)
{
    proto_item_set_generated(proto_tree_add_uint(tree, hf, msg->tvb, 0, 0, value));
}

/* The fields of how an answered call ended and of its transfer, or of a
 * REFER's result (am: flow_aftermath_of()). */
static void
add_ending(proto_tree *tree, const sip_explain_message_t *msg, const flow_t *f, const flow_aftermath_t *am)
{
    const flow_ending_t *e = &am->ending;
    const flow_transfer_t *x = &am->transfer;

    if (am->answered && e->bye >= 0) {
        const flow_txn_t *bye = &f->txns[e->bye];
        add_string(tree, hf_hangup_by, msg, flow_ending_by(e));
        if (bye->reason)
            add_string(tree, hf_hangup_reason, msg, bye->reason);
        add_frame(tree, hf_hangup_frame, msg, bye->request_frame ? bye->request_frame : bye->first_frame);
        proto_item_set_generated(proto_tree_add_double(tree, hf_call_duration, msg->tvb, 0, 0,
                                                       (double)e->duration_ms / 1000.0));
        bye = &f->txns[e->failed_bye >= 0 ? e->failed_bye : e->bye];
        if (bye->final_frame)
            add_uint(tree, hf_hangup_status, msg, bye->final_code);
    }
    if (am->answered && e->not_acked)
        add_uint(tree, hf_ack_missing, msg, e->copies);
    if (x->outcome != FLOW_OUTCOME_NONE) {
        add_string(tree, hf_transfer_result, msg, flow_outcome_keyword(x->outcome));
        if (x->frag_code)
            add_uint(tree, hf_transfer_status, msg, x->frag_code);
    }
}

/* One pass: the final response to a BYE or NOTIFY that tells how the call
 * ended or a transfer's result, known only now. Its fields go here; where
 * the outcome changes (a hang-up that failed, a 2xx never acknowledged, a
 * REFER's result), the outcome is decided here too. With the whole capture
 * known, the call's or REFER's deciding response shows it all instead. */
static flow_outcome_t
ending_response(packet_info *pinfo, proto_tree *tree, proto_item *code_item, const sip_explain_message_t *msg,
                const sip_explain_context_opts_t *opts)
{
    const flow_t *f = msg->flow;
    gint64 end_ms = flow_records_capture_end_ms();
    gint txn = (gint)msg->flow_txn;
    gboolean tells, decides;
    flow_verdict_t v;
    flow_aftermath_t am;
    const flow_attempt_t *a = &v.last;

    flow_judge(f, FALSE, end_ms, &v);
    if (a->last < 0 || a->outcome == FLOW_OUTCOME_NONE)
        return FLOW_OUTCOME_NONE;
    flow_aftermath_of(f, v.kind, a, end_ms, &am);
    if (f->txns[txn].method == FLOW_M_BYE)
        tells = am.answered && (txn == am.ending.bye || txn == am.ending.failed_bye);
    else                                /* a NOTIFY: an answered call's transfer, or a REFER's */
        tells = txn == am.transfer.notify && am.transfer.frag_code >= 200;
    if (!tells)
        return FLOW_OUTCOME_NONE;
    decides = f->txns[txn].method == FLOW_M_BYE ? a->outcome != FLOW_OUTCOME_ANSWERED : v.kind == FLOW_KIND_REFER;
    if (tree) {
        proto_item *anchor;
        if (decides) {
            add_string(tree, hf_flow_kind, msg, flow_kind_keyword(v.kind));
            anchor = add_string(tree, hf_outcome, msg, flow_outcome_keyword(a->outcome));
            add_sentence(tree, hf_outcome_text, msg, flow_full_outcome_text(pinfo->pool, opts->lang, f, a, &am));
            code_item = anchor;
        }
        add_ending(tree, msg, f, &am);
    }
    if (!decides)
        return FLOW_OUTCOME_NONE;
    raise_expert(pinfo, code_item, a->outcome, flow_outcome_headline(pinfo->pool, opts->lang, f, a), opts);
    return a->outcome;
}

flow_outcome_t
sip_explain_outcome_response(packet_info *pinfo, proto_tree *tree, proto_item *code_item,
                             const sip_explain_message_t *msg, const sip_explain_context_opts_t *opts)
{
    const flow_t *f = msg->flow;
    flow_txn_verdict_t v;

    if (!f || msg->flow_txn >= f->n_txns)
        return FLOW_OUTCOME_NONE;
    if (f->txns[msg->flow_txn].final_frame != pinfo->num || msg->start.code < 200)
        return FLOW_OUTCOME_NONE;       /* a provisional response, a copy or another branch's */
    if (tree && !shown_here(tree))
        tree = NULL;
    if (!flow_records_complete()
        && (f->txns[msg->flow_txn].method == FLOW_M_BYE || f->txns[msg->flow_txn].method == FLOW_M_NOTIFY))
        return ending_response(pinfo, tree, code_item, msg, opts);
    /* The whole capture is known once the first pass is over (tshark -2,
     * the GUI); in one pass only the frames before this one. */
    flow_judge_txn(f, msg->flow_txn, flow_records_complete(), flow_records_capture_end_ms(), &v);
    if (v.decisive) {
        proto_item *anchor = code_item;

        if (tree) {
            flow_aftermath_t am;
            flow_aftermath_of(f, v.kind, &v.attempt, flow_records_capture_end_ms(), &am);
            add_string(tree, hf_flow_kind, msg, flow_kind_keyword(v.kind));
            anchor = add_string(tree, hf_outcome, msg, flow_outcome_keyword(v.outcome));
            add_sentence(tree, hf_outcome_text, msg, flow_full_outcome_text(pinfo->pool, opts->lang, f,
                                                                            &v.attempt, &am));
            add_ending(tree, msg, f, &am);
        }
        /* The headline alone: one message per outcome, which Expert
         * Information groups, and no chain made where only it is read. */
        raise_expert(pinfo, anchor, v.outcome, flow_outcome_headline(pinfo->pool, opts->lang, f, &v.attempt), opts);
        return v.outcome;
    }
    if (v.step != FLOW_STEP_NONE && tree) {
        add_string(tree, hf_step, msg, flow_step_keyword(v.step));
        add_sentence(tree, hf_step_text, msg, flow_step_text(pinfo->pool, opts->lang, f, msg->flow_txn, &v));
        add_frame(tree, hf_retry_frame, msg, v.retry_frame);
        add_frame(tree, hf_outcome_frame, msg, v.decided_frame);
    }
    return FLOW_OUTCOME_NONE;
}

void
sip_explain_outcome_request(packet_info *pinfo, proto_tree *root, const sip_explain_message_t *msg,
                            const sip_explain_context_opts_t *opts)
{
    const flow_t *f = msg->flow;
    const flow_txn_t *t;
    flow_txn_verdict_t v;
    proto_item *ti;
    proto_tree *tree = NULL;
    const char *headline;

    if (!f || msg->flow_txn >= f->n_txns || !flow_records_complete())
        return;
    t = &f->txns[msg->flow_txn];
    if (t->final_frame || t->last_request_frame != pinfo->num)
        return;
    flow_judge_txn(f, msg->flow_txn, TRUE, flow_records_capture_end_ms(), &v);
    if (!v.decisive || v.outcome != FLOW_OUTCOME_NO_FINAL_RESPONSE)
        return;
    headline = flow_outcome_headline(pinfo->pool, opts->lang, f, &v.attempt);
    if (root) {
        ti = proto_tree_add_item(root, proto_sip_explain, msg->tvb, msg->offset, (int)msg->len, ENC_NA);
        tree = proto_item_add_subtree(ti, ett_outcome);
        proto_item_append_text(ti, ": %s", flow_outcome_keyword(v.outcome));
        ti = add_string(tree, hf_outcome, msg, flow_outcome_keyword(v.outcome));
        add_sentence(tree, hf_outcome_text, msg, flow_outcome_text(pinfo->pool, opts->lang, f, &v.attempt));
        raise_expert(pinfo, ti, v.outcome, headline, opts);
    } else {
        raise_expert(pinfo, NULL, v.outcome, headline, opts);
    }
}

/* ---- Registration ---- */

void
sip_explain_outcome_register(int proto, expert_module_t *expert)
{
    static hf_register_info hf[] = {
        { &hf_outcome, { "Outcome", "sip_explain.outcome", FT_STRING, BASE_NONE, NULL, 0x0,
            "What happened to the call or registration this response decides (docs/user-guide.md: Call outcomes)", HFILL } },
        { &hf_outcome_text, { "Outcome in words", "sip_explain.outcome_text", FT_STRING, BASE_NONE, NULL, 0x0,
            "The outcome with the chain of requests and responses that led to it", HFILL } },
        { &hf_step, { "Step", "sip_explain.step", FT_STRING, BASE_NONE, NULL, 0x0,
            "What this final response was on the way: challenge, redirect, retry", HFILL } },
        { &hf_step_text, { "Step in words", "sip_explain.step_text", FT_STRING, BASE_NONE, NULL, 0x0,
            "What the step asks for, and what followed it", HFILL } },
        { &hf_retry_frame, { "Retried in frame", "sip_explain.retry_frame", FT_FRAMENUM, BASE_NONE,
            FRAMENUM_TYPE(FT_FRAMENUM_REQUEST), 0x0, "The request sent again after this response", HFILL } },
        { &hf_outcome_frame, { "Decided in frame", "sip_explain.outcome_frame", FT_FRAMENUM, BASE_NONE,
            FRAMENUM_TYPE(FT_FRAMENUM_RESPONSE), 0x0, "The response that decided the flow this step is part of", HFILL } },
        { &hf_flow_kind, { "Flow", "sip_explain.flow_kind", FT_STRING, BASE_NONE, NULL, 0x0,
            "call, registration, subscription, publication, message, options, refer, other", HFILL } },
        { &hf_hangup_by, { "Hung up by", "sip_explain.hangup.by", FT_STRING, BASE_NONE, NULL, 0x0,
            "Who sent the BYE that ended the answered call: caller (the INVITE's From tag) or callee", HFILL } },
        { &hf_hangup_reason, { "Hang-up reason", "sip_explain.hangup.reason", FT_STRING, BASE_NONE, NULL, 0x0,
            "The Reason header of that BYE (RFC 3326): protocol, cause, text", HFILL } },
        { &hf_hangup_frame, { "Hang-up in frame", "sip_explain.hangup.frame", FT_FRAMENUM, BASE_NONE,
            FRAMENUM_TYPE(FT_FRAMENUM_REQUEST), 0x0, "The BYE that ended the answered call", HFILL } },
        { &hf_hangup_status, { "Hang-up answered with", "sip_explain.hangup.status", FT_UINT16, BASE_DEC, NULL, 0x0,
            "The final response to the BYE (to the one that failed, when the hang-up failed)", HFILL } },
        { &hf_call_duration, { "Call duration (s)", "sip_explain.call.duration", FT_DOUBLE, BASE_NONE, NULL, 0x0,
            "Seconds from the 2xx that answered the call to the BYE that ended it", HFILL } },
        { &hf_ack_missing, { "2xx sent without ACK", "sip_explain.ack_missing", FT_UINT16, BASE_DEC, NULL, 0x0,
            "Copies of the 2xx the callee sent while no ACK came (RFC 3261 section 13.3.1.4)", HFILL } },
        { &hf_transfer_result, { "Transfer result", "sip_explain.transfer.result", FT_STRING, BASE_NONE, NULL, 0x0,
            "transferred, transfer-failed, transfer-accepted (no final NOTIFY yet) or refused: from the "
            "message/sipfrag of the REFER's NOTIFYs (RFC 3515)", HFILL } },
        { &hf_transfer_status, { "Transfer status", "sip_explain.transfer.status", FT_UINT16, BASE_DEC, NULL, 0x0,
            "The status code in the NOTIFY's message/sipfrag that decided the transfer", HFILL } },
    };
    static gint *ett[] = { &ett_outcome };
    static ei_register_info ei[] = {
#define OUTCOME(name, keyword, severity, summary, template_id) \
        { &ei_outcome[FLOW_OUTCOME_##name], { "sip_explain.outcome." keyword, PI_SEQUENCE, \
                                              EXPERT_PI_SEVERITY(severity), summary, EXPFILL } },
#define OUTCOME_WITHOUT_EXPERT(name, keyword, template_id)
#include "flows/flow_outcomes.def"
    };
    size_t i;

    proto_sip_explain = proto;
    /* All unregistered first: the registration below sets those with a
     * row, and raise_expert() skips the rest. */
    for (i = 0; i < FLOW_OUTCOME_COUNT; i++) {
        ei_outcome[i].ei = EI_INIT_EI;
        ei_outcome[i].hf = -1;
    }
    proto_register_field_array(proto, hf, array_length(hf));
    proto_register_subtree_array(ett, array_length(ett));
    expert_register_field_array(expert, ei, array_length(ei));
    calls_tap = register_tap("sip_explain_calls");
    register_init_routine(flow_records_init);
    register_cleanup_routine(flow_records_cleanup);
}
