/* transport_error.c
 * SIP quoted in an ICMP error (see transport_error.h): which error it is,
 * read from the ICMP header in front of the quoted IP and UDP headers, and
 * what it means for the quoted message's transaction.
 *
 * Wireshark marks the quoted packet while ICMP dissects it
 * (pinfo->flags.in_error_pkt, epan/packet_info.h) and clears the mark when
 * ICMP returns, before post-dissectors run: here a frame that ICMP or
 * ICMPv6 dissected is one whose SIP is quoted (SIP is never carried over
 * ICMP otherwise).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "transport_error.h"

#include <epan/address.h>
#include <epan/to_str.h>
#include <epan/proto.h>

#include "expert_severity.h"
#include "flows/flow_outcome.h"
#include "label_text.h"
#include "sip_explain_shown.h"
#include "response_experts.h"
#include "response_explain.h"
#include "text_cut.h"
#include "text_lines.h"

static int proto_sip_explain = -1;
static int proto_icmp = -1;
static int proto_icmpv6 = -1;

static int hf_transport_error = -1;
static gint ett_transport_error = -1;
static expert_field ei_transport_error = EI_INIT;

/* Lengths of the headers between the ICMP header and the quoted SIP. */
#define UDP_HEADER 8
#define ICMP_HEADER 8
#define IPV6_HEADER 40

void
sip_explain_transport_init(void)
{
    proto_icmp = proto_get_id_by_filter_name("icmp");
    proto_icmpv6 = proto_get_id_by_filter_name("icmpv6");
}

sip_explain_frame_sip_t
sip_explain_frame_sip(packet_info *pinfo, int proto_sip)
{
    wmem_list_frame_t *layer;
    gboolean icmp = FALSE;

    for (layer = wmem_list_head(pinfo->layers); layer; layer = wmem_list_frame_next(layer)) {
        int proto = GPOINTER_TO_INT(wmem_list_frame_data(layer));
        if (proto == proto_sip)
            return icmp ? SIP_EXPLAIN_FRAME_SIP_IN_ICMP : SIP_EXPLAIN_FRAME_SIP;
        icmp = icmp || proto == proto_icmp || proto == proto_icmpv6;
    }
    return SIP_EXPLAIN_FRAME_NO_SIP;
}

/* The byte at offset (an exception past the end, as tvb_get_guint8(),
 * which Wireshark 4.4 deprecates for tvb_get_uint8(), missing in 4.0). */
static guint8
byte_at(tvbuff_t *tvb, int offset)
{
    return *tvb_get_ptr(tvb, offset, 1);
}

/* The ICMP header in front of the quoted UDP datagram whose payload
 * starts at offset: the quoted IPv4 header (its IHL: 20 to 60 bytes) or
 * IPv6 header (40 bytes, no extension header) ends where the UDP header
 * starts. Returns the ICMP header's offset, -1 when none is found. */
static int
icmp_header_offset(tvbuff_t *tvb, int offset, gboolean *v6)
{
    int udp = offset - UDP_HEADER, ip, ihl;

    if (udp < 20 + ICMP_HEADER)
        return -1;                      /* no room for an IPv4 header and ICMP's */
    for (ihl = 20; ihl <= 60; ihl += 4) {
        ip = udp - ihl;
        if (ip < ICMP_HEADER)
            break;
        if (byte_at(tvb, ip) == (0x40 | (ihl / 4)) && byte_at(tvb, ip + 9) == 17) {
            *v6 = FALSE;
            return ip - ICMP_HEADER;
        }
    }
    ip = udp - IPV6_HEADER;
    if (ip >= ICMP_HEADER && (byte_at(tvb, ip) >> 4) == 6 && byte_at(tvb, ip + 6) == 17) {
        *v6 = TRUE;
        return ip - ICMP_HEADER;
    }
    return -1;
}

/* The template of the part naming the ICMP error; NULL for an error that
 * is no transport failure (RFC 3261 section 18.4: source quench and time
 * exceeded are ignored; a packet too big is a path MTU matter). */
static const char *
error_part(guint8 type, guint8 code, gboolean v6)
{
    if (!v6 && type == 3) {
        switch (code) {
        case 0: return "part.IcmpNetUnreachable";
        case 1: return "part.IcmpHostUnreachable";
        case 2: return "part.IcmpProtocolUnreachable";
        case 3: return "part.IcmpPortUnreachable";
        case 4: return NULL;            /* fragmentation needed */
        case 9: case 10: case 13: return "part.IcmpProhibited";
        default: return "part.IcmpUnreachable";
        }
    }
    if (v6 && type == 1) {
        switch (code) {
        case 0: return "part.IcmpNetUnreachable";
        case 1: case 5: case 6: return "part.IcmpProhibited";
        case 3: return "part.IcmpHostUnreachable";
        case 4: return "part.IcmpPortUnreachable";
        default: return "part.IcmpUnreachable";
        }
    }
    if ((!v6 && type == 12) || (v6 && type == 4))
        return "part.IcmpParameterProblem";
    return NULL;
}

void
sip_explain_quoted_message(packet_info *pinfo, proto_tree *tree, const sip_explain_message_t *msg,
                           const sip_explain_context_opts_t *opts)
{
    sip_explain_message_t quoted = *msg;
    gboolean v6 = FALSE;
    int icmp = icmp_header_offset(msg->tvb, msg->offset, &v6);
    const char *part, *what, *text;
    proto_item *ti;
    gboolean expert, shown;

    if (icmp < 0)
        return;
    part = error_part(byte_at(msg->tvb, icmp), byte_at(msg->tvb, icmp + 1), v6);
    if (!part)
        return;
    /* The quoted request's transaction fails (RFC 3261 section 17.1.4). */
    if (opts->flows && !msg->start.is_response) {
        sip_explain_outcome_unreachable(pinfo, &quoted);
        if (quoted.flow)
            sip_explain_response_queue_flow(pinfo, quoted.flow);
    }
    expert = SIP_EXPLAIN_SEV_WARNING >= opts->min_severity && sip_explain_expert_wanted(tree);
    shown = tree && sip_explain_field_shown(tree, hf_transport_error);
    if (!expert && !shown)
        return;
    what = msg->start.is_response ? wmem_strdup_printf(pinfo->pool, "%u", msg->start.code)
                                  : wmem_strndup(pinfo->pool, msg->start.method.p, MIN(msg->start.method.len, 32));
    text = sip_explain_label_text(pinfo->pool, opts->lang,
                                  msg->start.is_response ? "expert.IcmpResponseUndelivered" : "expert.IcmpUnreachable",
                                  "kind", sip_explain_label_text(pinfo->pool, opts->lang, part, NULL),
                                  "address", address_to_str(pinfo->pool, &pinfo->src), "what", what, NULL);
    ti = NULL;
    if (tree) {
        /* Labels cut here, not by Wireshark 4.0, which cuts mid-character;
         * the field holds the whole text, on child lines where printed. */
        ti = proto_tree_add_item(tree, proto_sip_explain, msg->tvb, msg->offset, (int)msg->len, ENC_NA);
        proto_item_append_text(ti, ": %s", sip_explain_cut_text(pinfo->pool, text, SIP_EXPLAIN_EXPERT_MSG_MAX));
        ti = sip_explain_add_text(proto_item_add_subtree(ti, ett_transport_error), hf_transport_error,
                                  msg->tvb, icmp, ICMP_HEADER, text, SIP_EXPLAIN_TEXT_LINE_BYTES);
        proto_item_set_generated(ti);
    }
    if (expert)
        expert_add_info_format(pinfo, ti, &ei_transport_error, "%s",
                               sip_explain_cut_text(pinfo->pool, text, SIP_EXPLAIN_EXPERT_MSG_MAX));
}

void
sip_explain_transport_register(int proto, expert_module_t *expert)
{
    static hf_register_info hf[] = {
        { &hf_transport_error, { "Transport error", "sip_explain.transport_error", FT_STRING, BASE_NONE, NULL, 0x0,
            "An ICMP error quoting a SIP message: what it means for the message's transaction "
            "(RFC 3261 sections 17.1.4 and 18.4)", HFILL } },
    };
    static gint *ett[] = { &ett_transport_error };
    static ei_register_info ei[] = {
        { &ei_transport_error, { "sip_explain.transport_error.icmp", PI_SEQUENCE, PI_WARN,
            "ICMP error quoting a SIP message: it was not delivered", EXPFILL } },
    };

    proto_sip_explain = proto;
    proto_register_field_array(proto, hf, array_length(hf));
    proto_register_subtree_array(ett, array_length(ett));
    expert_register_field_array(expert, ei, array_length(ei));
}
