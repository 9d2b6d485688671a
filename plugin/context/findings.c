/* findings.c
 * Routines for adding findings (sip_explain.context items) and expert
 * notes to a response's Explanation subtree.
 *
 * A finding is added only where it is shown (rc->show_findings); its
 * expert note is judged in any case, and raised (when the min_severity
 * preference lets it) hanging on the finding's item where there is one,
 * else on the status code's, so that a tap without a tree still sees it.
 * Every expert info of the context goes through add_expert() (or
 * add_expert_as()), which knows each one's severity from
 * context_experts.def: the highest judged is the response's severity.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "context/context_internal.h"
#include "expert_severity.h"

#include <stdarg.h>
#include <string.h>

#include "parse/sip_values.h"
#include "text_lines.h"
#include "label_text.h"

/* What add_expert() reads of each expert info of the context: its
 * severity, as registered in context_register.c (the min_severity
 * preference compares with it), and its template (NULL: each call names
 * one). Both from context_experts.def. */
typedef struct {
    const expert_field *ei;
    sip_explain_severity_t severity;
    const char *template_id;
} context_expert_t;

static const context_expert_t context_experts[] = {
#define CONTEXT_EXPERT(name, group, severity, summary, template_id) \
    { &ei_sip_explain_context_##name, EXPERT_SEVERITY(severity), template_id },
#include "context/context_experts.def"
};

/* NULL for an expert info that is not the context's: a fault to fix in
 * the caller, judged a Warning so it is never hidden. */
static const context_expert_t *
context_expert(const expert_field *ei)
{
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(context_experts); i++)
        if (context_experts[i].ei == ei)
            return &context_experts[i];
    return NULL;
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

/* Judges the expert info (row: its row, NULL when it is none of the
 * context's) and raises it, when its severity reaches the preference, with
 * the template id filled from ap. */
static void
add_expert_va(response_ctx_t *rc, proto_item *pi, expert_field *ei, const context_expert_t *row,
              const char *id, va_list ap)
{
    sip_explain_severity_t sev = row ? row->severity : SIP_EXPLAIN_SEV_WARNING;

    if (sev > rc->highest)
        rc->highest = sev;
    if ((int)sev < rc->opts->min_severity)
        return;
    expert_add_info_format(rc->pinfo, pi ? pi : rc->anchor, ei, "%s", fill_va(rc, id, ap));
}

void
add_expert(response_ctx_t *rc, proto_item *pi, expert_field *ei, ...)
{
    const context_expert_t *row = context_expert(ei);
    va_list ap;

    /* An item without a template of its own is raised with add_expert_as();
     * add_expert() for it is a programming error, which ctest
     * tablegen.template_ids finds, and the tree shows if it gets through. */
    DISSECTOR_ASSERT(row && row->template_id);
    va_start(ap, ei);
    add_expert_va(rc, pi, ei, row, row->template_id, ap);
    va_end(ap);
}

void
add_expert_as(response_ctx_t *rc, proto_item *pi, expert_field *ei, const char *id, ...)
{
    va_list ap;

    va_start(ap, id);
    add_expert_va(rc, pi, ei, context_expert(ei), id, ap);
    va_end(ap);
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
    add_expert(rc, pi, &ei_sip_explain_context_malformed, "text", text, NULL);
}

void
note_repeated_header(response_ctx_t *rc, const header_values_t *values, const char *name)
{
    if (values->total > MAX_REPEAT)
        add_expert_as(rc, NULL, &ei_sip_explain_context_repeated, "expert.Repeated", "header", name,
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
