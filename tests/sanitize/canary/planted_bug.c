/* planted_bug.c: the sanitize suite's canary, a tiny plugin with deliberate bugs.
 * Built only for the sanitize tests: it proves that tshark run as the
 * suites run it (nobody, sanitizer runtimes preloaded, the sanitized plugin
 * folder) reports a bug in a plugin. It never touches sip_explain's code.
 *
 * A post-dissector that looks for a trigger in the frame:
 *   PLANTED-HEAP-OVERFLOW  reads one byte past a heap buffer (ASan)
 *   PLANTED-UB-SHIFT       shifts a signed int out of range (UBSan)
 *   PLANTED-SEGV           writes to an unmapped address
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <epan/packet.h>
#include <ws_version.h>

static int proto_planted = -1;
volatile int planted_sink;

static gboolean
frame_has(tvbuff_t *tvb, const char *needle)
{
    gint len = tvb_captured_length(tvb);
    size_t n = strlen(needle);
    const guint8 *p = len > 0 ? tvb_get_ptr(tvb, 0, len) : NULL;
    gint i;

    for (i = 0; p && (size_t)(len - i) >= n; i++)
        if (memcmp(p + i, needle, n) == 0)
            return TRUE;
    return FALSE;
}

static int
dissect_planted(tvbuff_t *tvb, packet_info *pinfo _U_, proto_tree *tree _U_, void *data _U_)
{
    if (frame_has(tvb, "PLANTED-HEAP-OVERFLOW")) {
        volatile size_t n = 16;
        char copy[16];
        char *buf = malloc(16);
        memset(buf, 'x', 16);
        memcpy(copy, buf + 8, n);                        /* 8 bytes past the end */
        planted_sink = copy[0];
        free(buf);
    }
    if (frame_has(tvb, "PLANTED-UB-SHIFT")) {
        volatile int shift = 40;
        planted_sink = 1 << shift;                       /* shift exponent too large */
    }
    if (frame_has(tvb, "PLANTED-SEGV")) {
        int *volatile p = (int *)(uintptr_t)16;          /* not NULL: UBSan leaves it to ASan */
        *p = 1;
    }
    return 0;
}

static void
proto_register_planted(void)
{
    proto_planted = proto_register_protocol("Planted bug (sanitize canary)", "PlantedBug", "planted_bug");
}

static void
proto_reg_handoff_planted(void)
{
    register_postdissector(create_dissector_handle(dissect_planted, proto_planted));
}

WS_DLL_PUBLIC_DEF const gchar plugin_version[] = "0.0.1";
WS_DLL_PUBLIC_DEF const int plugin_want_major = WIRESHARK_VERSION_MAJOR;
WS_DLL_PUBLIC_DEF const int plugin_want_minor = WIRESHARK_VERSION_MINOR;

WS_DLL_PUBLIC void plugin_register(void);

void
plugin_register(void)
{
    static proto_plugin plug;

    plug.register_protoinfo = proto_register_planted;
    plug.register_handoff = proto_reg_handoff_planted;
    proto_register_plugin(&plug);
}
