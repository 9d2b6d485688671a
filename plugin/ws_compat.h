/* ws_compat.h
 * What differs between the Wireshark versions sip_explain builds with:
 * 4.0 (Debian 12), 4.4 (Debian 13) and 4.6 (sid). Every difference is
 * here, each with the version it comes from; the rest of the plugin uses
 * the names below and has one copy of its code.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SIP_EXPLAIN_WS_COMPAT_H
#define SIP_EXPLAIN_WS_COMPAT_H

#include <stdbool.h>

#include <glib.h>
#include <ws_version.h>

#define SIP_EXPLAIN_WS_AT_LEAST(major, minor) \
    (WIRESHARK_VERSION_MAJOR > (major) || \
     (WIRESHARK_VERSION_MAJOR == (major) && WIRESHARK_VERSION_MINOR >= (minor)))

/* 4.4: prefs_register_bool_preference() takes a bool * and a UAT's
 * uat_update_cb_t returns bool; both were gboolean (an int) before. */
#if SIP_EXPLAIN_WS_AT_LEAST(4, 4)
typedef bool sip_explain_ws_bool_t;
#else
typedef gboolean sip_explain_ws_bool_t;
#endif

/* 4.4: tshark -T fields builds no visible tree. It primes each -e field
 * with HF_REF_TYPE_PRINT (proto_tree_prime_with_hfid_print(), epan/proto.h)
 * and prints the label a dissector gives such an item (4.0 built the whole
 * visible tree, as for -V, and picked the -e fields out of it). */
#if SIP_EXPLAIN_WS_AT_LEAST(4, 4)
#define SIP_EXPLAIN_WS_LABEL_PRINTED(hfinfo) ((hfinfo)->ref_type == HF_REF_TYPE_PRINT)
#else
#define SIP_EXPLAIN_WS_LABEL_PRINTED(hfinfo) FALSE
#endif

/* 4.6: in a tree nobody sees (tshark -T fields, -Y, taps), items added at
 * the top level are faked like any other: proto_item_is_hidden()
 * (epan/proto.h) now answers true for the root, which has no field_info,
 * so TRY_TO_FAKE_THIS_ITEM (epan/proto.c) no longer creates a top-level
 * protocol item that no filter or -e names. SIP's top-level items, where
 * the plugin reads SIP messages, are then missing: it finds the messages in
 * the frame's bytes, as it does without a tree. */
#define SIP_EXPLAIN_WS_FAKES_TOP_LEVEL_ITEMS SIP_EXPLAIN_WS_AT_LEAST(4, 6)

/* 4.2: the plugin loader also looks for plugin_describe() (its flags say
 * what kind of plugin it is, for "tshark -G plugins" and About). Up to 4.6
 * a plugin still exports plugin_version, plugin_want_major,
 * plugin_want_minor and plugin_register (wsutil/plugins.c). */
#define SIP_EXPLAIN_WS_HAS_PLUGIN_DESCRIBE SIP_EXPLAIN_WS_AT_LEAST(4, 2)

#endif /* SIP_EXPLAIN_WS_COMPAT_H */
