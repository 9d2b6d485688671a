/* sip_explain_stats.c
 * A stats_tree over the "sip_explain" tap: responses by class and code
 * (with each code's one-line meaning) and by severity.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <epan/stats_tree.h>

#include "sip_explain.h"
#include "sip_explain_stats.h"

static int st_node_responses = -1;
static int st_node_classes = -1;
static int st_node_severities = -1;

static const char *const st_str_responses = "SIP responses";
static const char *const st_str_classes = "By class and code";
static const char *const st_str_severities = "By severity";
static const char *const st_str_malformed = "Malformed code (outside 100-699)";

static void
stats_init(stats_tree *st)
{
    st_node_responses = stats_tree_create_node(st, st_str_responses, 0, STAT_DT_INT, TRUE);
    st_node_classes = stats_tree_create_node(st, st_str_classes, st_node_responses, STAT_DT_INT, TRUE);
    st_node_severities = stats_tree_create_node(st, st_str_severities, st_node_responses, STAT_DT_INT, TRUE);
}

static tap_packet_status
stats_packet(stats_tree *st, packet_info *pinfo _U_, epan_dissect_t *edt _U_, const void *p,
             tap_flags_t flags _U_)
{
    const sip_explain_tap_info_t *info = p;
    const sip_explain_entry_t *e = info->entry;
    int class_node;
    char *code_name;

    tick_stat_node(st, st_str_responses, 0, FALSE);
    if (!e) {
        tick_stat_node(st, st_str_malformed, st_node_classes, FALSE);
        tick_stat_node(st, sip_explain_severity_name(SIP_EXPLAIN_SEV_WARNING), st_node_severities, FALSE);
        return TAP_PACKET_REDRAW;
    }
    class_node = tick_stat_node(st, sip_explain_class_name(info->klass), st_node_classes, TRUE);
    if (e->reason)
        code_name = g_strdup_printf("%u %s: %s", info->code, e->reason, info->summary);
    else
        code_name = g_strdup_printf("%u (unregistered): %s", info->code, info->summary);
    tick_stat_node(st, code_name, class_node, FALSE);
    g_free(code_name);
    tick_stat_node(st, sip_explain_severity_name(info->severity), st_node_severities, FALSE);
    return TAP_PACKET_REDRAW;
}

void
sip_explain_stats_register(void)
{
    stats_tree_register_plugin("sip_explain", "sip_explain", "SIP Explain/Responses by class, code and severity",
                               0, stats_packet, stats_init, NULL);
}
