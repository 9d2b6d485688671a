/* findings.c
 * Routines for adding findings (sip_explain.context items) and expert
 * notes to a response's Explanation subtree.
 *
 * A finding is added only where it is shown (rc->show_findings); its
 * expert note is added in any case, hanging on the finding's item where
 * there is one, else on the status code's, so that a tap without a tree
 * still sees it.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "context/context_internal.h"

#include <stdarg.h>

#include "parse/sip_values.h"

proto_item *
add_finding(response_ctx_t *rc, sip_span_t span, const char *fmt, ...)
{
    proto_item *pi;
    va_list ap;
    char *text;
    int start = 0, len = 0;

    if (!rc->show_findings)
        return NULL;
    va_start(ap, fmt);
    text = wmem_strdup_vprintf(rc->pinfo->pool, fmt, ap);
    va_end(ap);
    /* Only bytes of this message are highlighted: a value recorded from
     * the request lies in another frame. */
    if (span.p && span.p >= rc->msg->text && span.p + span.len <= rc->msg->text + rc->msg->len) {
        start = rc->msg->offset + (int)(span.p - rc->msg->text);
        len = (int)span.len;
    }
    pi = proto_tree_add_string(rc->tree, hf_sip_explain_context, rc->msg->tvb, start, len, text);
    if (len == 0)
        proto_item_set_generated(pi);
    return pi;
}

proto_item *
expert_anchor(response_ctx_t *rc, proto_item *pi)
{
    return pi ? pi : rc->anchor;
}

void
add_malformed(response_ctx_t *rc, sip_span_t span, const char *fmt, ...)
{
    va_list ap;
    char *text;
    proto_item *pi;

    va_start(ap, fmt);
    text = wmem_strdup_vprintf(rc->pinfo->pool, fmt, ap);
    va_end(ap);
    pi = add_finding(rc, span, "%s", text);
    expert_add_info_format(rc->pinfo, expert_anchor(rc, pi), &ei_sip_explain_context_malformed, "%s", text);
}

void
note_repeated_header(response_ctx_t *rc, const header_values_t *values, const char *name)
{
    if (values->total > MAX_REPEAT)
        expert_add_info_format(rc->pinfo, rc->anchor, &ei_sip_explain_context_repeated,
                               "%s appears %u times; only the first %u are explained",
                               name, values->total, MAX_REPEAT);
}

gboolean
read_delta_header(response_ctx_t *rc, const header_values_t *values, const char *name, guint32 *out)
{
    sip_span_t first = header_values_first(values);
    uint32_t v = 0;
    sip_num_status_t st;

    if (!values->n)
        return FALSE;
    st = sip_parse_delta(first, true, &v, NULL);
    if (st == SIP_NUM_OK) {
        *out = v;
        return TRUE;
    }
    /* An overlong number is read as saturated: still usable, but the
     * sender got it wrong, so it gets a note too. */
    if (st == SIP_NUM_OVERFLOW) {
        add_malformed(rc, first, "%s \"%s\" is larger than 2^32-1 seconds; read as %u",
                      name, span_text(rc->pinfo->pool, first), v);
        *out = v;
        return TRUE;
    }
    add_malformed(rc, first, "%s \"%s\" is not a number of seconds (%s)", name,
                  span_text(rc->pinfo->pool, first), sip_num_status_name(st));
    return FALSE;
}

void
add_list_finding(response_ctx_t *rc, const header_values_t *values, const char *format, const char *none)
{
    if (values->n)
        add_finding(rc, values->value[0], format, header_values_joined(rc->pinfo->pool, values));
    else if (none)
        add_finding(rc, empty_span(), "%s", none);
}
