/* findings.c
 * Routines for adding findings (sip_explain.context items) and expert
 * notes to a response's Explanation subtree.
 *
 * A finding is added only where it is shown (rc->show_findings); its
 * expert note is judged in any case, and raised (when the min_severity
 * preference lets it) hanging on the finding's item where there is one,
 * else on the status code's, so that a tap without a tree still sees it.
 * Every expert info of the context goes through add_expert(), which knows
 * each one's severity: the highest judged is the response's severity.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "context/context_internal.h"

#include <stdarg.h>
#include <string.h>

#include "parse/sip_values.h"
#include "text_lines.h"

/* The severity of each expert info of the context, as registered in
 * context_register.c (the preference compares with these). */
static const struct {
    expert_field *ei;
    sip_explain_severity_t severity;
} expert_severities[] = {
    { &ei_sip_explain_context_missing_header, SIP_EXPLAIN_SEV_WARNING },
    { &ei_sip_explain_context_wrong_method, SIP_EXPLAIN_SEV_WARNING },
    { &ei_sip_explain_context_no_contact, SIP_EXPLAIN_SEV_NOTE },
    { &ei_sip_explain_context_malformed, SIP_EXPLAIN_SEV_NOTE },
    { &ei_sip_explain_context_repeated, SIP_EXPLAIN_SEV_NOTE },
    { &ei_sip_explain_context_rechallenge, SIP_EXPLAIN_SEV_WARNING },
    { &ei_sip_explain_context_nonce_refused, SIP_EXPLAIN_SEV_NOTE },
    { &ei_sip_explain_context_nonce_changed, SIP_EXPLAIN_SEV_NOTE },
    { &ei_sip_explain_context_nonce_refresh, SIP_EXPLAIN_SEV_CHAT },
    { &ei_sip_explain_context_aka_resync, SIP_EXPLAIN_SEV_CHAT },
    { &ei_sip_explain_context_forbidden_user, SIP_EXPLAIN_SEV_WARNING },
    { &ei_sip_explain_context_callee_rejected, SIP_EXPLAIN_SEV_NOTE },
    { &ei_sip_explain_context_allow_contradicts, SIP_EXPLAIN_SEV_NOTE },
};

static sip_explain_severity_t
severity_of(const expert_field *ei)
{
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(expert_severities); i++)
        if (expert_severities[i].ei == ei)
            return expert_severities[i].severity;
    return SIP_EXPLAIN_SEV_WARNING;     /* not listed: a fault to fix here, never hidden */
}

void
add_expert(response_ctx_t *rc, proto_item *pi, expert_field *ei, const char *fmt, ...)
{
    sip_explain_severity_t sev = severity_of(ei);
    va_list ap;
    char *text;

    if (sev > rc->highest)
        rc->highest = sev;
    if ((int)sev < rc->opts->min_severity)
        return;
    va_start(ap, fmt);
    text = wmem_strdup_vprintf(rc->pinfo->pool, fmt, ap);
    va_end(ap);
    expert_add_info_format(rc->pinfo, pi ? pi : rc->anchor, ei, "%s", text);
}

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
    /* Wireshark cuts the label "Context: ..." at ITEM_LABEL_LENGTH bytes. */
    sip_explain_text_lines(rc->tree, pi, rc->msg->tvb, text, ITEM_LABEL_LENGTH - sizeof "Context: ");
    return pi;
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
    add_expert(rc, pi, &ei_sip_explain_context_malformed, "%s", text);
}

void
note_repeated_header(response_ctx_t *rc, const header_values_t *values, const char *name)
{
    if (values->total > MAX_REPEAT)
        add_expert(rc, NULL, &ei_sip_explain_context_repeated,
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
