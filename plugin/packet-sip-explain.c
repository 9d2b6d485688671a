/* packet-sip-explain.c
 * The SIP Explain protocol as Wireshark sees it: its registration and the
 * post-dissector that hands each frame with work to the parts.
 *
 * A post-dissector that adds an Explanation subtree to every SIP response:
 * class, meaning, when it is seen, how to fix it, the RFC, and expert info
 * with a severity judged per code (response_explain.c, response_experts.c),
 * with what the response says in its transaction (context/). It reads each
 * SIP message from the bytes the SIP dissector's top-level item covers, or,
 * where only taps listen and no tree is built (tshark -z expert), from the
 * frame's bytes (message_locate.c). Where nothing is shown (tshark -r
 * without -V, -Y or -T fields) it does no work at all (sip_explain_shown.c).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "packet-sip-explain.h"

#include <epan/expert.h>
#include <epan/packet.h>
#include <epan/proto.h>
#include <epan/tap.h>

#include "context/sip_explain_context.h"
#include "flows/flow_outcome.h"
#include "flows/flow_table.h"
#include "message_locate.h"
#include "response_copies.h"
#include "response_explain.h"
#include "sip_explain_prefs.h"
#include "sip_explain_shown.h"
#include "sip_explain_stats.h"
#include "sip_explain_uat.h"
#include "transport_error.h"
#include "ws_compat.h"

static int proto_sip_explain = -1;
static protocol_t *protocol_sip_explain;
static int sip_explain_tap = -1;

/* What the parts need of the preferences and the user's table. */
static sip_explain_context_opts_t
context_opts(void)
{
    sip_explain_context_opts_t opts;

    opts.lang = sip_explain_prefs_lang(sip_explain_prefs());
    opts.findings = sip_explain_prefs()->context;
    opts.min_severity = sip_explain_prefs()->min_severity;
    opts.judge = false;                 /* set per tree: see dissect_sip_explain() */
    opts.flows = false;                 /* likewise */
    opts.overrides = sip_explain_uat_overrides();
    return opts;
}

/* What of a frame with a tree is read. Asked for every frame; in tshark
 * the same for every frame of a pass, so answered once a pass, in
 * Wireshark once per dissected frame (sip_explain_same_reading()). */
typedef struct {
    gboolean wanted;            /* anything we add: sip_explain_output_wanted() */
    gboolean judge;             /* the severity: sip_explain_response_severity_read() */
    gboolean outcome;           /* an outcome: sip_explain_outcome_read() */
    gboolean context;           /* the context of responses, so requests need
                                   recording: sip_explain_context_needed() */
} tree_reading_t;

static const tree_reading_t *
tree_reading(proto_tree *tree)
{
    static sip_explain_reading_mark_t mark;
    static tree_reading_t r;

    if (!sip_explain_same_reading(&mark, tree)) {
        sip_explain_context_opts_t opts = context_opts();

        r.wanted = sip_explain_output_wanted(tree);
        r.judge = opts.judge = sip_explain_response_severity_read(tree);
        r.outcome = sip_explain_outcome_read(tree);
        r.context = sip_explain_context_needed(tree, &opts);
    }
    return &r;
}

/* reading: tree_reading() of the tree; NULL without one. */
static int
dissect_sip_explain(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, const tree_reading_t *reading,
                   gboolean quoted)
{
    sip_explain_context_opts_t opts = context_opts();

    /* Where the severity is read, the findings it includes are judged, and
     * the requests they read are recorded. */
    opts.judge = reading ? reading->judge : sip_explain_response_severity_read(NULL);
    /* Flows are recorded in the GUI (any response may be clicked later),
     * in the first of tshark -2's passes, and where an outcome is read. */
    opts.flows = sip_explain_prefs()->outcomes
              && (!sip_explain_in_tshark() || sip_explain_first_of_two_passes(pinfo)
                  || (reading ? reading->outcome : sip_explain_outcome_read(NULL)));
    if (opts.flows)
        sip_explain_outcome_begin_frame(pinfo);
    if (tree) {
        /* Requests are recorded whenever a tree shows where they are (in
         * tshark: only for a context someone reads), so a response
         * explained later (a GUI click) finds what it answers. */
        gboolean wanted = reading->wanted;
        gboolean record = !sip_explain_in_tshark() || (wanted && reading->context);

        if (!wanted && !record && !opts.flows)
            return 0;
        if (!sip_explain_locate_in_tree(pinfo, tree, wanted, record, &opts, quoted)) {
            /* SIP quoted in ICMP sits in ICMP's subtree, not at the top:
             * read from the frame's bytes, as without a tree. */
            if ((!SIP_EXPLAIN_WS_FAKES_TOP_LEVEL_ITEMS || sip_explain_tree_has_sip(tree))
                && !quoted)
                return 0;
            sip_explain_locate_in_data_sources(pinfo, tree, wanted, record, &opts, quoted);
        }
    } else {
        /* Wireshark's first pass may build no tree (no colouring rules):
         * it still records requests, for the response a user clicks later. */
        sip_explain_locate_in_data_sources(pinfo, NULL, sip_explain_listeners_want_results(), TRUE, &opts,
                                           quoted);
    }
    return tvb_captured_length(tvb);
}

/* The registered post-dissector, a handle without a protocol. Frames with
 * nothing for us stop at its first test. The others are dissected here
 * rather than through a protocol handle: Wireshark 4.0 lists protocols in
 * frame.protocols before post-dissectors run, so of what
 * call_dissector_only() does (a layer added to pinfo->layers: a map insert
 * and list updates, 400 to 700 instructions a frame) only two things
 * matter, and they are done here: a protocol the user disabled does
 * nothing, and expert info records our protocol's name. */
static int
dissect_sip_explain_gate(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data _U_)
{
    const tree_reading_t *reading;
    const char *saved_proto;
    gboolean quoted;
    int ret;

    if (!proto_is_protocol_enabled(protocol_sip_explain))
        return 0;
    sip_explain_outcome_frame(pinfo);
    if (sip_explain_stats_wants_clock())
        sip_explain_response_queue_flow(pinfo, NULL);
    reading = tree ? tree_reading(tree) : NULL;
    if (!sip_explain_frame_has_work(pinfo, tree, reading && reading->wanted, &quoted))
        return 0;
    saved_proto = pinfo->current_proto;
    pinfo->current_proto = proto_get_protocol_short_name(protocol_sip_explain);
    ret = dissect_sip_explain(tvb, pinfo, tree, reading, quoted);
    pinfo->current_proto = saved_proto;
    return ret;
}

void
proto_register_sip_explain(void)
{
    expert_module_t *expert;

    proto_sip_explain = proto_register_protocol("SIP Response Explanation", "SIP Explain", "sip_explain");
    protocol_sip_explain = find_protocol_by_id(proto_sip_explain);
    expert = expert_register_protocol(proto_sip_explain);
    sip_explain_tap = register_tap("sip_explain");
    sip_explain_response_register(proto_sip_explain, sip_explain_tap, expert);
    sip_explain_transport_register(proto_sip_explain, expert);
    sip_explain_copies_register();

    sip_explain_prefs_register(proto_sip_explain);

    sip_explain_context_register(proto_sip_explain, expert);
    sip_explain_outcome_register(proto_sip_explain, expert);
    sip_explain_stats_register();
    sip_explain_flow_table_register();
}

void
proto_reg_handoff_sip_explain(void)
{
    register_postdissector(create_dissector_handle(dissect_sip_explain_gate, -1));
    sip_explain_locate_init();
    sip_explain_transport_init();
    sip_explain_shown_init(proto_sip_explain, sip_explain_tap);
}
