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
#include "label_text.h"

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

/* The template in the response's language with its placeholders filled:
 * {code} is the response's code unless the pairs give it. */
static const char *
fill_va(response_ctx_t *rc, const char *id, va_list ap)
{
    const char *tmpl = sip_explain_label(rc->opts->lang, id);
    const char *defaults[] = { "code", NULL, NULL };

    if (!tmpl)                          /* a build mistake; the tests show every template */
        return id;
    if (strstr(tmpl, "{code}"))
        defaults[1] = ctx_num(rc, rc->code);
    return sip_explain_template_text_va(rc->pinfo->pool, tmpl, defaults, ap);
}

const char *
ctx_text(response_ctx_t *rc, const char *id, ...)
{
    const char *text;
    va_list ap;

    va_start(ap, id);
    text = fill_va(rc, id, ap);
    va_end(ap);
    return text;
}

const char *
ctx_num(response_ctx_t *rc, guint64 n)
{
    return wmem_strdup_printf(rc->pinfo->pool, "%" G_GUINT64_FORMAT, n);
}

const char *
num_status_text(response_ctx_t *rc, sip_num_status_t st)
{
    switch (st) {
    case SIP_NUM_EMPTY:       return ctx_text(rc, "part.NumEmpty", NULL);
    case SIP_NUM_NEGATIVE:    return ctx_text(rc, "part.NumNegative", NULL);
    case SIP_NUM_NOT_NUMERIC: return ctx_text(rc, "part.NumNotNumber", NULL);
    case SIP_NUM_OVERFLOW:    return ctx_text(rc, "part.NumTooLarge", NULL);
    case SIP_NUM_OK:          break;
    }
    return sip_num_status_name(st);
}

void
add_expert(response_ctx_t *rc, proto_item *pi, expert_field *ei, const char *id, ...)
{
    sip_explain_severity_t sev = severity_of(ei);
    va_list ap;
    const char *text;

    if (sev > rc->highest)
        rc->highest = sev;
    if ((int)sev < rc->opts->min_severity)
        return;
    va_start(ap, id);
    text = fill_va(rc, id, ap);
    va_end(ap);
    expert_add_info_format(rc->pinfo, pi ? pi : rc->anchor, ei, "%s", text);
}

/* A finding whose text is made. */
static proto_item *
add_finding_text(response_ctx_t *rc, sip_span_t span, const char *text)
{
    proto_item *pi;
    int start = 0, len = 0;

    if (!rc->show_findings)
        return NULL;
    /* Only bytes of this message are highlighted: a value recorded from
     * the request lies in another frame. */
    if (span.p && span.p >= rc->msg->text && span.p + span.len <= rc->msg->text + rc->msg->len) {
        start = rc->msg->offset + (int)(span.p - rc->msg->text);
        len = (int)span.len;
    }
    /* Wireshark cuts the label "Context: ..." at ITEM_LABEL_LENGTH bytes. */
    pi = sip_explain_add_text(rc->tree, hf_sip_explain_context, rc->msg->tvb, start, len, text,
                              ITEM_LABEL_LENGTH - sizeof "Context: ");
    if (len == 0)
        proto_item_set_generated(pi);
    return pi;
}

proto_item *
add_finding(response_ctx_t *rc, sip_span_t span, const char *id, ...)
{
    va_list ap;
    const char *text;

    if (!rc->show_findings)
        return NULL;
    va_start(ap, id);
    text = fill_va(rc, id, ap);
    va_end(ap);
    return add_finding_text(rc, span, text);
}

void
add_malformed(response_ctx_t *rc, sip_span_t span, const char *id, ...)
{
    va_list ap;
    const char *text;
    proto_item *pi;

    va_start(ap, id);
    text = fill_va(rc, id, ap);
    va_end(ap);
    pi = add_finding_text(rc, span, text);
    add_expert(rc, pi, &ei_sip_explain_context_malformed, "expert.Malformed", "text", text, NULL);
}

void
note_repeated_header(response_ctx_t *rc, const header_values_t *values, const char *name)
{
    if (values->total > MAX_REPEAT)
        add_expert(rc, NULL, &ei_sip_explain_context_repeated, "expert.Repeated", "header", name,
                   "times", ctx_num(rc, values->total), "shown", ctx_num(rc, MAX_REPEAT), NULL);
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
        add_malformed(rc, first, "finding.DeltaTooLarge", "header", name,
                      "value", span_text(rc->pinfo->pool, first), "read", ctx_num(rc, v), NULL);
        *out = v;
        return TRUE;
    }
    add_malformed(rc, first, "finding.DeltaNotSeconds", "header", name,
                  "value", span_text(rc->pinfo->pool, first), "why", num_status_text(rc, st), NULL);
    return FALSE;
}

void
add_list_finding(response_ctx_t *rc, const header_values_t *values, const char *id, const char *none_id)
{
    if (!rc->show_findings)
        return;
    if (values->n)
        add_finding(rc, values->value[0], id, "list", header_values_joined(rc->pinfo->pool, values), NULL);
    else if (none_id)
        add_finding(rc, empty_span(), none_id, NULL);
}
