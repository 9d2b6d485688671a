/* sip_floor.c
 * The benchmark's floor: the least a post-dissector pays to show, for every
 * SIP response, what sip_explain shows of its code alone. Like sip_explain
 * where SIP's items are missing (no tree; tshark 4.6 -T fields and -Y) it
 * finds each message in the frame's bytes (the same reader,
 * plugin/parse/sip_locate.c) and reads its start line; then
 *  - without a tree (tshark -q -z expert) it files one expert item, with a
 *    text made once per code from the compiled table (code, reason, class,
 *    summary), at the code's severity;
 *  - with a tree it adds the field sip_floor.code, which -e and -Y name as
 *    sip_explain.code is named.
 * Nothing else: no header is read, no request recorded, no flow noted.
 *
 * Not installed. `run_bench.py --floor sip_floor.so` runs it in place of
 * sip_explain, so a report shows how much of sip_explain's cost in a mode
 * any plugin that shows what it shows would pay.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <epan/expert.h>
#include <epan/packet.h>
#include <epan/proto.h>
#include <ws_version.h>

#include "frame_layers.h"
#include "parse/sip_locate.h"
#include "response_copies.h"
#include "sip_explain_table.h"
#include "ws_compat.h"

#if SIP_EXPLAIN_WS_HAS_PLUGIN_DESCRIBE
#include <wsutil/plugins.h>
#endif

WS_DLL_PUBLIC_DEF const gchar plugin_version[] = "0.0.0";
WS_DLL_PUBLIC_DEF const int plugin_want_major = WIRESHARK_VERSION_MAJOR;
WS_DLL_PUBLIC_DEF const int plugin_want_minor = WIRESHARK_VERSION_MINOR;
WS_DLL_PUBLIC void plugin_register(void);

static int proto_sip_floor = -1;
static int proto_sip = -1;
static int hf_floor_code = -1;
static expert_field ei_floor[SIP_EXPLAIN_SEV_COUNT] = { EI_INIT, EI_INIT, EI_INIT, EI_INIT };
static char *texts[1000];               /* per code, made once */

#define MAX_MESSAGES 1024               /* per data source, as sip_explain reads at most */

static void
file_item(packet_info *pinfo, uint32_t code)
{
    const sip_explain_entry_t *e = sip_explain_lookup(code);

    if (!e)
        return;
    if (!texts[code])
        texts[code] = g_strdup_printf("%u %s (%s): %s", code, e->reason ? e->reason : "",
                                      sip_explain_class_name((sip_explain_class_t)e->klass),
                                      e->summary[SIP_EXPLAIN_LANG_EN]);
    expert_add_info_format(pinfo, NULL, &ei_floor[e->severity < SIP_EXPLAIN_SEV_COUNT ? e->severity : 0],
                           "%s", texts[code]);
}

/* The responses of one data source, reassembled data first and the frame's
 * own bytes last, as sip_explain reads them (plugin/message_locate.c). It
 * also skips a message found again in the frame's own bytes after the
 * reassembled ones; the floor does not: bench.floor checks that it files
 * the same items as sip_explain on every capture the tests have. */
static void
file_responses(packet_info *pinfo, proto_tree *tree, tvbuff_t *ds)
{
    gint len = ds ? tvb_captured_length(ds) : 0;
    sip_locate_iter_t it;
    sip_msg_range_t range;
    sip_start_line_t st;
    unsigned n = 0;

    if (len <= 0)
        return;
    sip_locate_init(&it, (const char *)tvb_get_ptr(ds, 0, len), (size_t)len, pinfo->ptype == PT_UDP);
    sip_locate_responses_only(&it);
    while (n++ < MAX_MESSAGES && sip_locate_next(&it, &range, &st))
        if (range.complete && st.is_response && st.code_is_3digit) {
            if (tree) {
                proto_tree_add_uint(tree, hf_floor_code, ds, (gint)(range.offset + st.code_offset), 3, st.code);
            } else {
                /* A retransmitted final response files nothing in
                 * sip_explain either (plugin/response_copies.h). */
                sip_explain_message_t msg;
                memset(&msg, 0, sizeof msg);
                msg.text = (const char *)tvb_get_ptr(ds, 0, len) + range.offset;
                msg.len = range.len;
                msg.start = st;
                if (sip_explain_response_copy_of(pinfo, &msg) == pinfo->num || st.code < 200)
                    file_item(pinfo, st.code);
            }
        }
}

/* Registered as sip_explain's is (plugin/packet-sip-explain.c): a handle
 * without a protocol, which spares Wireshark's per-layer bookkeeping; the
 * protocol's name set here is what expert info records. */
static int
dissect_sip_floor(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data _U_)
{
    const char *saved_proto;
    GSList *src;

    if (!sip_explain_frame_has_layer(pinfo, proto_sip) || !pinfo->data_src)
        return 0;
    saved_proto = pinfo->current_proto;
    pinfo->current_proto = "SIP floor";
    for (src = pinfo->data_src->next; src; src = src->next)
        file_responses(pinfo, tree, get_data_source_tvb((const struct data_source *)src->data));
    file_responses(pinfo, tree, get_data_source_tvb((const struct data_source *)pinfo->data_src->data));
    pinfo->current_proto = saved_proto;
    return tvb_captured_length(tvb);
}

static void
proto_register_sip_floor(void)
{
    static ei_register_info ei[] = {
        { &ei_floor[SIP_EXPLAIN_SEV_CHAT], { "sip_floor.chat", PI_RESPONSE_CODE, PI_CHAT, "response", EXPFILL } },
        { &ei_floor[SIP_EXPLAIN_SEV_NOTE], { "sip_floor.note", PI_RESPONSE_CODE, PI_NOTE, "response", EXPFILL } },
        { &ei_floor[SIP_EXPLAIN_SEV_WARNING], { "sip_floor.warn", PI_RESPONSE_CODE, PI_WARN, "response", EXPFILL } },
        { &ei_floor[SIP_EXPLAIN_SEV_ERROR], { "sip_floor.error", PI_RESPONSE_CODE, PI_ERROR, "response", EXPFILL } },
    };

    static hf_register_info hf[] = {
        { &hf_floor_code, { "Code", "sip_floor.code", FT_UINT16, BASE_DEC, NULL, 0x0, NULL, HFILL } },
    };

    proto_sip_floor = proto_register_protocol("SIP benchmark floor", "SIP floor", "sip_floor");
    proto_register_field_array(proto_sip_floor, hf, G_N_ELEMENTS(hf));
    sip_explain_copies_register();
    expert_register_field_array(expert_register_protocol(proto_sip_floor), ei, G_N_ELEMENTS(ei));
}

static void
proto_reg_handoff_sip_floor(void)
{
    proto_sip = proto_get_id_by_filter_name("sip");
    register_postdissector(create_dissector_handle(dissect_sip_floor, -1));
}

void
plugin_register(void)
{
    static proto_plugin plug;

    plug.register_protoinfo = proto_register_sip_floor;
    plug.register_handoff = proto_reg_handoff_sip_floor;
    proto_register_plugin(&plug);
}

#if SIP_EXPLAIN_WS_HAS_PLUGIN_DESCRIBE
WS_DLL_PUBLIC uint32_t plugin_describe(void);

uint32_t
plugin_describe(void)
{
    return WS_PLUGIN_DESC_DISSECTOR;
}
#endif
