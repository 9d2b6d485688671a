/* plugin.c
 * Wireshark plugin entry points of sip_explain.
 *
 * Built and tested against Wireshark 4.0. The registration API changed
 * twice since: 4.2 asks each plugin to describe itself (plugin_describe),
 * 4.4 replaced the exported symbols by a module struct. Both later paths
 * follow the public plugin headers of those versions, untested here.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <epan/packet.h>
#include <epan/proto.h>
#include <ws_version.h>

#include "packet-sip-explain.h"
#include "ws_compat.h"

#ifndef SIP_EXPLAIN_VERSION
#define SIP_EXPLAIN_VERSION "0.0.0"
#endif

static void
register_sip_explain(void)
{
    static proto_plugin plug;

    plug.register_protoinfo = proto_register_sip_explain;
    plug.register_handoff = proto_reg_handoff_sip_explain;
    proto_register_plugin(&plug);
}

#if SIP_EXPLAIN_WS_AT_LEAST(4, 4)

#include <wsutil/plugins.h>

static struct ws_module sip_explain_module = {
    .flags = WS_PLUGIN_DESC_DISSECTOR,
    .version = SIP_EXPLAIN_VERSION,
    .spdx_id = "GPL-2.0-or-later",
    .home_url = "",
    .blurb = "Explains SIP responses: meaning, cause, fix, RFC",
    .register_cb = &register_sip_explain,
};

WIRESHARK_PLUGIN_REGISTER_EPAN(&sip_explain_module, 0)

#else /* 4.0 and 4.2 */

WS_DLL_PUBLIC_DEF const gchar plugin_version[] = SIP_EXPLAIN_VERSION;
WS_DLL_PUBLIC_DEF const int plugin_want_major = WIRESHARK_VERSION_MAJOR;
WS_DLL_PUBLIC_DEF const int plugin_want_minor = WIRESHARK_VERSION_MINOR;

WS_DLL_PUBLIC void plugin_register(void);

void
plugin_register(void)
{
    register_sip_explain();
}

#if SIP_EXPLAIN_WS_AT_LEAST(4, 2)
#include <wsutil/plugins.h>
WS_DLL_PUBLIC uint32_t plugin_describe(void);

uint32_t
plugin_describe(void)
{
    return WS_PLUGIN_DESC_DISSECTOR;
}
#endif

#endif
