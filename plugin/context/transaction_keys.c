/* transaction_keys.c
 * Routines for the keys that match a response to the request it answers:
 * Call-ID, CSeq number and CSeq method, and the top Via branch where there
 * is one, so that the same request seen at two hops, forked responses and
 * several transactions in one Call-ID are told apart.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "context/context_internal.h"

#include "parse/sip_values.h"

/* Call-ID + CSeq number + CSeq method, as a 64-bit hash (continued with
 * the top Via branch for the branch key): a key costs 8 bytes per
 * transaction whatever the Call-ID's length. A match is checked against the
 * record's CSeq and method. */
static guint64
transaction_hash(sip_span_t call_id, guint32 cseq, sip_span_t method)
{
    guint64 h = SIP_SPAN_HASH_START;
    char num[4];
    sip_span_t cseq_bytes;

    num[0] = (char)(cseq >> 24);
    num[1] = (char)(cseq >> 16);
    num[2] = (char)(cseq >> 8);
    num[3] = (char)cseq;
    cseq_bytes.p = num;
    cseq_bytes.len = sizeof num;
    h = sip_span_hash(h, call_id);
    h = sip_span_hash(h, cseq_bytes);
    return sip_span_hash(h, method);
}

static sip_span_t
via_branch(sip_span_t via)
{
    sip_span_t branch;

    if (sip_first_item_param(via, "branch", &branch))
        return branch;
    return empty_span();
}

/* A transaction's keys, from its transaction_hash(): the hash closed, and
 * continued with the top Via branch (0 without one). */
static void
transaction_id(guint64 h, guint32 cseq, sip_span_t method, sip_span_t branch, request_id_t *id)
{
    id->cseq = cseq;
    id->cseq_method = method;
    id->key = sip_span_hash(h, empty_span());
    id->branch = branch.len ? sip_span_hash(h, branch) : 0;
}

gboolean
request_id_of(packet_info *pinfo, const sip_explain_message_t *msg, const transaction_headers_t *ids,
              request_id_t *id)
{
    guint32 cseq;
    sip_span_t method;

    if (!ids->call_id.p || !sip_text_parse_cseq(ids->cseq, &cseq, &method))
        return FALSE;
    transaction_id(transaction_hash(ids->call_id, cseq, method), cseq, method, via_branch(ids->via), id);
    id->frame = pinfo->num;
    id->offset = msg->offset;
    return TRUE;
}

const recorded_request_t *
find_request(packet_info *pinfo, sip_span_t call_id, guint32 cseq, sip_span_t method, sip_span_t via)
{
    request_id_t id;
    guint64 h;
    guint recorded;

    if (!call_id.p)
        return NULL;
    h = transaction_hash(call_id, cseq, method);
    transaction_id(h, cseq, method, empty_span(), &id);
    /* Most responses of a capture without requests stop here. The branch
     * is read only where it can tell records apart: with one record under
     * the key, request_records_find() takes it whatever its branch. */
    recorded = request_records_under_key(&id);
    if (recorded == 0)
        return NULL;
    if (via.len && recorded > 1)
        transaction_id(h, cseq, method, via_branch(via), &id);
    id.frame = pinfo->num;
    id.offset = 0;
    return request_records_find(pinfo->pool, &id);
}
