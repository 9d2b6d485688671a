/* message_locate.c
 * Finds the SIP messages of a frame and hands each on (see
 * message_locate.h): in the tree, the bytes each top-level SIP item covers,
 * so no SIP field needs priming; without a tree, the frame's data sources,
 * read by parse/sip_locate.c.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "message_locate.h"

#include <string.h>

#include <epan/proto.h>

#include "flows/flow_outcome.h"
#include "parse/sip_locate.h"
#include "response_copies.h"
#include "response_explain.h"
#include "sip_explain_shown.h"
#include "transport_error.h"
#include "ws_compat.h"

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

gboolean
sip_explain_tree_has_sip(proto_tree *tree)
{
    proto_node *node;

    for (node = tree->first_child; node; node = node->next)
        if (PNODE_FINFO(node) && PNODE_FINFO(node)->hfinfo->id == proto_sip)
            return TRUE;
    return FALSE;
}

/* One message: noted in its flow, recorded (a request), explained (a
 * response). quoted: the frame is an ICMP error quoting it, no live
 * message (transport_error.h). */
static void
hand_on(packet_info *pinfo, proto_tree *tree, sip_explain_message_t *msg, gboolean explain, gboolean record,
        const sip_explain_context_opts_t *opts, gboolean quoted)
{
    msg->flow = NULL;
    msg->flow_txn = 0;
    if (quoted) {
        if (explain || opts->flows)
            sip_explain_quoted_message(pinfo, tree, msg, opts);
        return;
    }
    if (opts->flows) {
        sip_explain_outcome_note(pinfo, msg);
        if (msg->flow)
            sip_explain_response_queue_flow(pinfo, msg->flow);
    }
    if (!msg->start.is_response) {
        if (record)
            sip_explain_context_request(pinfo, tree, msg);
        if (opts->flows && explain)
            sip_explain_outcome_request(pinfo, tree, msg, opts);
    } else if (explain) {
        sip_explain_response(pinfo, tree, msg, opts);
    } else if (!sip_explain_in_tshark() && !PINFO_FD_VISITED(pinfo)) {
        /* The GUI's first pass: copies noted in order, for a click later. */
        sip_explain_response_copy_of(pinfo, msg);
    }
}

/* Only the children present now are SIP's: ours are appended after `last`. */
gboolean
sip_explain_locate_in_tree(packet_info *pinfo, proto_tree *tree, gboolean wanted, gboolean record,
                           const sip_explain_context_opts_t *opts, gboolean quoted)
{
    proto_node *node, *last = tree->last_child;
    gboolean found = FALSE;

    for (node = tree->first_child; node; node = node->next) {
        field_info *fi = PNODE_FINFO(node);
        sip_explain_message_t msg;

        if (fi && fi->hfinfo->id == proto_sip) {
            /* A request quoted in ICMP is handed on even where requests
             * are not: its transport error is shown. */
            if ((record || opts->flows || quoted || is_response_item(fi)) && message_from_item(fi, &msg)) {
                found = TRUE;
                hand_on(pinfo, tree, &msg, wanted, record, opts, quoted);
            }
        }
        if (node == last)
            break;
    }
    return found;
}

/* A message already handed on from another data source of this frame:
 * when TCP reassembly asked for one more segment, the reassembled buffer
 * ends with this segment's bytes, which the frame's own buffer holds too. */
typedef struct {
    const char *text;
    size_t len;
} seen_message_t;

static gboolean
seen_in_other_source(const GArray *seen, const char *text, size_t len)
{
    guint i;

    for (i = 0; i < seen->len; i++) {
        const seen_message_t *m = &g_array_index(seen, seen_message_t, i);
        if (m->len == len && memcmp(m->text, text, len) == 0)
            return TRUE;
    }
    return FALSE;
}

/* The messages of one data source; seen: those of the sources done before
 * (NULL when there is only one source). */
static void
locate_in_source(packet_info *pinfo, proto_tree *tree, tvbuff_t *tvb, gboolean explain,
                 gboolean record, const sip_explain_context_opts_t *opts, GArray *seen, gboolean quoted)
{
    /* Over UDP a datagram holds one message (RFC 3261 section 18.3). */
    gboolean one_message = pinfo->ptype == PT_UDP;
    gint len = tvb ? tvb_captured_length(tvb) : 0;
    sip_locate_iter_t it;
    sip_msg_range_t range;
    sip_explain_message_t msg;
    const char *bytes;
    unsigned n = 0;

    if (len <= 0)
        return;
    bytes = (const char *)tvb_get_ptr(tvb, 0, len);
    sip_locate_init(&it, bytes, (size_t)len, one_message);
    if (!record && !opts->flows && !quoted)
        sip_locate_responses_only(&it);     /* hand_on() would pass requests over */
    while (n++ < MAX_LOCATED_MESSAGES && sip_locate_next(&it, &range, &msg.start)) {
        msg.tvb = tvb;
        msg.offset = (int)range.offset;
        msg.text = bytes + range.offset;
        msg.len = MIN(range.len, MAX_MESSAGE_BYTES);
        if (msg.start.headers_offset > msg.len)
            continue;                   /* a start line longer than we read */
        /* A message cut short is not SIP's yet: SIP waits for the rest of
         * it (TCP) and dissects it whole in a later frame. */
        if (!range.complete)
            continue;
        if (seen) {
            seen_message_t mine = { msg.text, msg.len };
            if (seen_in_other_source(seen, msg.text, msg.len))
                continue;
            g_array_append_val(seen, mine);
        }
        msg.start.len = msg.len;
        hand_on(pinfo, tree, &msg, explain, record, opts, quoted);
    }
}

void
sip_explain_locate_in_data_sources(packet_info *pinfo, proto_tree *tree, gboolean explain,
                                   gboolean record, const sip_explain_context_opts_t *opts,
                                   gboolean quoted)
{
    GSList *first = pinfo->data_src, *src;
    GArray *seen;

    if (!first)
        return;
    if (!first->next) {                 /* the frame alone: most frames */
        locate_in_source(pinfo, tree, get_data_source_tvb((const struct data_source *)first->data),
                         explain, record, opts, NULL, quoted);
        return;
    }
    /* Reassembled data first, as SIP dissects a message that ends in this
     * frame before those that follow it here; the frame's own bytes last. */
    seen = g_array_new(FALSE, FALSE, sizeof(seen_message_t));
    for (src = first->next; src; src = src->next)
        locate_in_source(pinfo, tree, get_data_source_tvb((const struct data_source *)src->data),
                         explain, record, opts, seen, quoted);
    locate_in_source(pinfo, tree, get_data_source_tvb((const struct data_source *)first->data),
                     explain, record, opts, seen, quoted);
    g_array_free(seen, TRUE);
}

gboolean
sip_explain_frame_has_work(packet_info *pinfo, proto_tree *tree, gboolean wanted, gboolean *quoted)
{
    sip_explain_frame_sip_t where;

    *quoted = FALSE;
    if (sip_explain_in_tshark() && !sip_explain_first_of_two_passes(pinfo) && !sip_explain_outcome_table_listens()
        && !(tree ? wanted : sip_explain_listeners_want_results()))
        return FALSE;
    where = sip_explain_frame_sip(pinfo, proto_sip);
    *quoted = where == SIP_EXPLAIN_FRAME_SIP_IN_ICMP;
    if (!tree || sip_explain_tree_has_sip(tree))
        return where != SIP_EXPLAIN_FRAME_NO_SIP;
    /* SIP quoted in ICMP sits in ICMP's subtree, not at the top. */
    return where != SIP_EXPLAIN_FRAME_NO_SIP && (SIP_EXPLAIN_WS_FAKES_TOP_LEVEL_ITEMS || *quoted);
}
