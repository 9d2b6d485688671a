/* ws_compat.h
 * The differences between the Wireshark versions sip_explain builds
 * against (4.0, 4.2, 4.4, 4.6), in one place. Each is commented with the
 * version it comes from.
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

/* 4.4: the preference and UAT interfaces take C bool where they took
 * gboolean (prefs_register_bool_preference(), uat_update_cb_t). */
#if SIP_EXPLAIN_WS_AT_LEAST(4, 4)
typedef bool sip_explain_ws_bool_t;
#else
typedef gboolean sip_explain_ws_bool_t;
#endif

#endif /* SIP_EXPLAIN_WS_COMPAT_H */
