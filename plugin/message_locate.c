/* message_locate.c
 * Finds the SIP messages of a frame and hands each on (see
 * message_locate.h): in the tree, the bytes each top-level SIP item covers,
 * so no SIP field needs priming; without a tree, the frame's data sources,
 * read by parse/sip_locate.c.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "message_locate.h"

#include <epan/proto.h>

#include "parse/sip_locate.h"
#include "response_explain.h"
#include "sip_explain_shown.h"

/* Largest part of one SIP message that is read, in bytes. */
#define MAX_MESSAGE_BYTES (256 * 1024)
/* Most messages located in one data source when there is no tree. */
#define MAX_LOCATED_MESSAGES 1024

static int proto_sip = -1;

void
sip_explain_locate_init(void)
{
    proto_sip = proto_get_id_by_filter_name("sip");
}

/* Reads the SIP message behind one top-level "sip" item. */
static gboolean
message_from_item(field_info *fi, sip_explain_message_t *msg)
{
    tvbuff_t *tvb = fi->ds_tvb;
    gint available;
    int len;

    if (!tvb || fi->start < 0)
        return FALSE;
    available = tvb_reported_length_remaining(tvb, fi->start);
    len = fi->length > 0 ? fi->length : available;
    len = MIN(len, tvb_captured_length_remaining(tvb, fi->start));
    len = MIN(len, MAX_MESSAGE_BYTES);
    if (len <= 0)
        return FALSE;
    msg->tvb = tvb;
    msg->offset = fi->start;
    msg->len = (size_t)len;
    msg->text = (const char *)tvb_get_ptr(tvb, fi->start, len);
    return sip_text_parse_start_line(msg->text, msg->len, &msg->start);
}

/* Does the SIP item start with a status line ("SIP/2.0 ")? A quick look
 * that spares reading requests nobody records. */
static gboolean
is_response_item(field_info *fi)
{
    static const char status[] = "SIP/2.0 ";

    return fi->ds_tvb && fi->start >= 0
        && tvb_memeql(fi->ds_tvb, fi->start, (const guint8 *)status, sizeof status - 1) == 0;
}

/* Only the children present now are SIP's: ours are appended after `last`. */
gboolean
sip_explain_locate_in_tree(packet_info *pinfo, proto_tree *tree, gboolean wanted,
                           const sip_explain_context_opts_t *opts)
{
    proto_node *node, *last = tree->last_child;
    /* In tshark, requests are recorded only for a context someone reads. */
    gboolean record = !sip_explain_in_tshark() || (wanted && sip_explain_context_needed(tree, opts));
    gboolean found = FALSE;

    if (!wanted && !record)
        return FALSE;
    for (node = tree->first_child; node; node = node->next) {
        field_info *fi = PNODE_FINFO(node);
        sip_explain_message_t msg;

        if (fi && fi->hfinfo->id == proto_sip && (record || is_response_item(fi))
            && message_from_item(fi, &msg)) {
            found = TRUE;
            if (!msg.start.is_response) {
                if (record)
                    sip_explain_context_request(pinfo, tree, &msg);
            }
            else if (wanted)
                sip_explain_response(pinfo, tree, &msg, opts);
        }
        if (node == last)
            break;
    }
    return found;
}

void
sip_explain_locate_in_data_sources(packet_info *pinfo, gboolean explain,
                                   const sip_explain_context_opts_t *opts)
{
    GSList *src;
    /* Over UDP a datagram holds one message (RFC 3261 section 18.3). */
    gboolean one_message = pinfo->ptype == PT_UDP;

    for (src = pinfo->data_src; src; src = src->next) {
        tvbuff_t *tvb = get_data_source_tvb((const struct data_source *)src->data);
        gint len = tvb ? tvb_captured_length(tvb) : 0;
        sip_locate_iter_t it;
        sip_msg_range_t range;
        sip_explain_message_t msg;
        const char *bytes;
        unsigned n = 0;

        if (len <= 0)
            continue;
        bytes = (const char *)tvb_get_ptr(tvb, 0, len);
        sip_locate_init(&it, bytes, (size_t)len, one_message);
        while (n++ < MAX_LOCATED_MESSAGES && sip_locate_next(&it, &range, &msg.start)) {
            msg.tvb = tvb;
            msg.offset = (int)range.offset;
            msg.text = bytes + range.offset;
            msg.len = MIN(range.len, MAX_MESSAGE_BYTES);
            if (msg.start.headers_offset > msg.len)
                continue;                   /* a start line longer than we read */
            msg.start.len = msg.len;
            if (!msg.start.is_response)
                sip_explain_context_request(pinfo, NULL, &msg);
            else if (explain)
                sip_explain_response(pinfo, NULL, &msg, opts);
        }
    }
}

/* Did SIP dissect part of this frame? Compares protocol ids, where
 * proto_is_frame_protocol() looks up and compares each layer's name. */
static gboolean
frame_has_sip(packet_info *pinfo)
{
    wmem_list_frame_t *layer;

    for (layer = wmem_list_head(pinfo->layers); layer; layer = wmem_list_frame_next(layer))
        if (GPOINTER_TO_INT(wmem_list_frame_data(layer)) == proto_sip)
            return TRUE;
    return FALSE;
}

gboolean
sip_explain_frame_has_work(packet_info *pinfo, proto_tree *tree)
{
    proto_node *node;

    if (!tree) {
        if (sip_explain_in_tshark() && !sip_explain_listeners_want_results())
            return FALSE;
        return frame_has_sip(pinfo);
    }
    if (sip_explain_in_tshark() && !sip_explain_output_wanted(tree))
        return FALSE;
    for (node = tree->first_child; node; node = node->next)
        if (PNODE_FINFO(node) && PNODE_FINFO(node)->hfinfo->id == proto_sip)
            return TRUE;
    return FALSE;
}
