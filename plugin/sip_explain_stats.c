/* sip_explain_stats.c
 * A stats_tree over the "sip_explain" tap: responses by class and code
 * (with each code's one-line meaning) and by severity, and the flows by
 * outcome.
 *
 * By outcome counts each flow once, by its verdict as the table of flows
 * (flows/flow_table.c) judges it: judged again whenever a message of the
 * flow is noted, and, while it waits for a final response, when the
 * capture's clock passes its Timer B or F. In one pass an outcome a flow
 * passed through (unfinished, before its answer) keeps a row of 0.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdio.h>
#include <string.h>

#include <epan/stats_tree.h>

#include "sip_explain.h"
#include "sip_explain_stats.h"
#include "text_cut.h"
#include "label_text.h"
#include "sip_explain_prefs.h"
#include "flows/flow_verdict.h"
#include "flows/flow_records.h"
#include "flows/flow_waiting.h"

/* Longest code row ("486 Busy Here: <meaning>"), in bytes: the meaning is
 * a sentence, and a user's table may hold a longer one. */
#define CODE_NAME_BYTES 160

static int st_node_responses = -1;
static int st_node_classes = -1;
static int st_node_severities = -1;
static int st_node_outcomes = -1;

/* Names in the language preference, set when the tree is made. */
static const char *st_str_responses = "SIP responses";
static const char *st_str_classes = "By class and code";
static const char *st_str_severities = "By severity";
static const char *st_str_malformed = "Malformed code (outside 100-699)";
static const char *st_str_outcomes = "By outcome";
static sip_explain_lang_t st_lang;

/* By outcome: each flow's outcome as counted (flow -> outcome + 1), the
 * count per outcome, and the flows the clock can still judge. */
static GHashTable *counted_flows;
static flow_waiting_t *waiting_flows;
static int outcome_counts[FLOW_OUTCOME_COUNT];
static int flows_counted;

static void
forget_flows(void)
{
    if (counted_flows)
        g_hash_table_remove_all(counted_flows);
    else
        counted_flows = g_hash_table_new(g_direct_hash, g_direct_equal);
    if (waiting_flows)
        flow_waiting_clear(waiting_flows);
    else
        waiting_flows = flow_waiting_new();
    memset(outcome_counts, 0, sizeof outcome_counts);
    flows_counted = 0;
}

gboolean
sip_explain_stats_wants_clock(void)
{
    return flow_waiting_any(waiting_flows);
}

/* The flow judged as the table judges it; its row moved where its outcome
 * changed. */
static void
count_flow(stats_tree *st, const flow_t *f)
{
    flow_verdict_t v;
    flow_aftermath_t am;
    flow_outcome_t before, now;
    gpointer found = g_hash_table_lookup(counted_flows, f);
    gint64 end_ms = flow_records_capture_end_ms();

    flow_judge(f, TRUE, end_ms, &v);
    now = v.last.outcome < FLOW_OUTCOME_COUNT ? v.last.outcome : FLOW_OUTCOME_NONE;
    before = found ? (flow_outcome_t)(GPOINTER_TO_INT(found) - 1) : FLOW_OUTCOME_NONE;
    /* Judged again when a timer of its runs out, as the table does. */
    flow_aftermath_of(f, v.kind, &v.last, end_ms, &am);
    flow_waiting_note(waiting_flows, f, flow_verdict_deadline(f, &v, &am));
    if (found && before == now)
        return;
    g_hash_table_insert(counted_flows, (gpointer)f, GINT_TO_POINTER((int)now + 1));
    if (before != FLOW_OUTCOME_NONE) {
        outcome_counts[before]--;
        flows_counted--;
        set_stat_node(st, flow_outcome_keyword(before), st_node_outcomes, FALSE, outcome_counts[before]);
    }
    if (now != FLOW_OUTCOME_NONE) {
        outcome_counts[now]++;
        flows_counted++;
        set_stat_node(st, flow_outcome_keyword(now), st_node_outcomes, FALSE, outcome_counts[now]);
    }
    set_stat_node(st, st_str_outcomes, 0, TRUE, flows_counted);
}

/* The clock passed a deadline: the waiting flows are judged again. */
static void
count_waiting(stats_tree *st)
{
    GList *again = flow_waiting_due(waiting_flows, flow_records_capture_end_ms()), *l;

    for (l = again; l; l = l->next)
        count_flow(st, (const flow_t *)l->data);
    g_list_free(again);
}

/* Row names. stats_tree sorts every row's children, in tshark too, by the
 * column the tree names at registration: here the name, ascending. So the
 * names carry the order: "1xx Provisional" .. "6xx Global Failure", codes
 * by their three digits, severities numbered from the worst ("1. Error"
 * .. "4. Chat"), whatever order they were first seen in. */
static char class_names[SIP_EXPLAIN_CLASS_COUNT][96];
static char severity_names[SIP_EXPLAIN_SEV_COUNT][64];

static const char *
class_row(sip_explain_class_t klass)
{
    return class_names[klass - 1];
}

static const char *
severity_row(sip_explain_severity_t sev)
{
    return severity_names[sev < SIP_EXPLAIN_SEV_COUNT ? sev : SIP_EXPLAIN_SEV_WARNING];
}

/* Every class and severity row exists from the start, so that the tree has
 * the same shape for every capture (a row with 0 says none was seen). */
static void
stats_init(stats_tree *st)
{
    static const char *const severity_ids[SIP_EXPLAIN_SEV_COUNT] = {
        "stats.Chat", "stats.Note", "stats.Warning", "stats.Error"
    };
    int i;

    st_lang = sip_explain_prefs_lang(sip_explain_prefs());
    st_str_responses = sip_explain_label_text(NULL, st_lang, "stats.Responses", NULL);
    st_str_classes = sip_explain_label_text(NULL, st_lang, "stats.ByClass", NULL);
    st_str_severities = sip_explain_label_text(NULL, st_lang, "stats.BySeverity", NULL);
    st_str_malformed = sip_explain_label_text(NULL, st_lang, "stats.Malformed", NULL);
    st_str_outcomes = sip_explain_label_text(NULL, st_lang, "flow.ByOutcome", NULL);
    st_node_responses = stats_tree_create_node(st, st_str_responses, 0, STAT_DT_INT, TRUE);
    st_node_classes = stats_tree_create_node(st, st_str_classes, st_node_responses, STAT_DT_INT, TRUE);
    for (i = 0; i < SIP_EXPLAIN_CLASS_COUNT; i++) {
        snprintf(class_names[i], sizeof class_names[i], "%dxx %s", i + 1,
                   sip_explain_class_label(st_lang, i + 1));
        stats_tree_create_node(st, class_names[i], st_node_classes, STAT_DT_INT, TRUE);
    }
    st_node_severities = stats_tree_create_node(st, st_str_severities, st_node_responses, STAT_DT_INT, TRUE);
    for (i = SIP_EXPLAIN_SEV_COUNT - 1; i >= 0; i--) {
        snprintf(severity_names[i], sizeof severity_names[i], "%d. %s", SIP_EXPLAIN_SEV_COUNT - i,
                   sip_explain_label_text(NULL, st_lang, severity_ids[i], NULL));
        stats_tree_create_node(st, severity_names[i], st_node_severities, STAT_DT_INT, FALSE);
    }
    /* The flows, by outcome keyword (sorted by name). */
    st_node_outcomes = stats_tree_create_node(st, st_str_outcomes, 0, STAT_DT_INT, TRUE);
    forget_flows();
}

static tap_packet_status
stats_packet(stats_tree *st, packet_info *pinfo, epan_dissect_t *edt _U_, const void *p,
             tap_flags_t flags _U_)
{
    const sip_explain_tap_info_t *info = p;
    const sip_explain_entry_t *e = info->entry;
    int class_node;
    const char *code_name;

    if (info->flow_note) {
        if (info->flow)
            count_flow(st, (const flow_t *)info->flow);
        count_waiting(st);
        return info->flow ? TAP_PACKET_REDRAW : TAP_PACKET_DONT_REDRAW;
    }
    /* A parent counts what its children count, so that its row and the
     * children's percentages of it are right. */
    tick_stat_node(st, st_str_responses, 0, FALSE);
    tick_stat_node(st, st_str_classes, st_node_responses, TRUE);
    tick_stat_node(st, st_str_severities, st_node_responses, TRUE);
    if (!e) {
        tick_stat_node(st, st_str_malformed, st_node_classes, FALSE);
        tick_stat_node(st, severity_row(SIP_EXPLAIN_SEV_WARNING), st_node_severities, FALSE);
        return TAP_PACKET_REDRAW;
    }
    class_node = tick_stat_node(st, class_row(info->klass), st_node_classes, TRUE);
    if (e->reason)
        code_name = sip_explain_cut_printf(pinfo->pool, CODE_NAME_BYTES, "%u %s: %s", info->code, e->reason,
                                           info->summary);
    else
        code_name = sip_explain_cut_text(pinfo->pool,
                                         sip_explain_label_text(pinfo->pool, st_lang, "stats.Unregistered",
                                                                "code", wmem_strdup_printf(pinfo->pool, "%u", info->code),
                                                                "summary", info->summary, NULL),
                                         CODE_NAME_BYTES);
    tick_stat_node(st, code_name, class_node, FALSE);
    tick_stat_node(st, severity_row(info->severity), st_node_severities, FALSE);
    return TAP_PACKET_REDRAW;
}

void
sip_explain_stats_register(void)
{
    stats_tree_register_plugin("sip_explain", "sip_explain", "SIP Explain/Responses by class, code and severity",
                               ST_SORT_COL_NAME << ST_FLG_SRTCOL_SHIFT, stats_packet, stats_init, NULL);
}
