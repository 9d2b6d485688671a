/* plugin.c
 * Wireshark plugin entry points of sip_explain: the symbols Wireshark's
 * plugin loader (wsutil/plugins.c) looks up, as in the plugin.c Wireshark
 * generates for its own plugins. Version differences: ws_compat.h.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <epan/packet.h>
#include <epan/proto.h>
#include <ws_version.h>

#include "packet-sip-explain.h"
#include "ws_compat.h"

#if SIP_EXPLAIN_WS_HAS_PLUGIN_DESCRIBE
#include <wsutil/plugins.h>
#endif

#ifndef SIP_EXPLAIN_VERSION
#define SIP_EXPLAIN_VERSION "0.0.0"
#endif

WS_DLL_PUBLIC_DEF const gchar plugin_version[] = SIP_EXPLAIN_VERSION;
WS_DLL_PUBLIC_DEF const int plugin_want_major = WIRESHARK_VERSION_MAJOR;
WS_DLL_PUBLIC_DEF const int plugin_want_minor = WIRESHARK_VERSION_MINOR;

WS_DLL_PUBLIC void plugin_register(void);

void
plugin_register(void)
{
    static proto_plugin plug;

    plug.register_protoinfo = proto_register_sip_explain;
    plug.register_handoff = proto_reg_handoff_sip_explain;
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
