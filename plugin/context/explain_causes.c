/* explain_causes.c
 * Routines for explaining why a call failed or ended, as a message says
 * it beyond its status code:
 *   - every Reason value (RFC 3326, several per header or message: RFC
 *     9366) of the response and of the CANCEL or BYE it answers: Q.850
 *     (data/q850_causes.ini; a cause whose RFC 3398 status code is not the
 *     response's is pointed out), SIP (a status code; FreeSWITCH's own
 *     hangup causes, data/freeswitch_causes.ini, where the number is not
 *     a status code or the text names the cause), STIR (RFC 9410: a
 *     verifier's error, and the PASSporT it names), others as found;
 *     Microsoft Teams' "<correlation id>;<text>" is split;
 *   - Microsoft's ms-diagnostics and ms-diagnostics-public ([MS-OCER]
 *     section 2.2.1.2, data/ms_diagnostics.ini);
 *   - Asterisk's X-Asterisk-HangupCause and X-Asterisk-HangupCauseCode (a
 *     Q.850 cause), on a response or on the request it answers;
 *   - Twilio's X-Twilio-Error (data/twilio_errors.ini);
 *   - who sent an error response (Server, User-Agent): whether the callee
 *     or an element on the path refused is what a reader asks of it.
 * Each cause is a finding, with its fields (sip_explain.cause.*) beneath.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "context/context_internal.h"

#include <string.h>

#include "parse/sip_causes.h"
#include "sip_explain_cause_uat.h"

/* One cause as its fields show it; NULL: not given. */
typedef struct {
    const char *header;         /* the header that carried it */
    const char *protocol;       /* "Q.850", "SIP", "STIR", "FreeSWITCH", "ms-diagnostics", "Twilio" ... */
    gboolean has_code;
    guint32 code;
    const char *name;           /* the registry's or the vendor's name of the code */
    const char *text;           /* what the message says of it */
    const char *source;         /* the server that gave it */
    const char *correlation_id; /* Teams: the call's id at Microsoft */
} cause_t;

static void
add_string_field(response_ctx_t *rc, proto_tree *tree, int hf, const char *value)
{
    if (value && *value)
        proto_item_set_generated(proto_tree_add_string(tree, hf, rc->msg->tvb, 0, 0, value));
}

/* The cause's fields beneath its finding (pi; NULL where findings are not
 * shown). */
static void
add_cause_fields(response_ctx_t *rc, proto_item *pi, const cause_t *c)
{
    proto_tree *tree;
    wmem_strbuf_t *summary;

    if (!pi)
        return;
    tree = proto_item_add_subtree(pi, ett_sip_explain_cause);
    summary = wmem_strbuf_new(rc->pinfo->pool, c->protocol);
    if (c->has_code)
        wmem_strbuf_append_printf(summary, " %u", c->code);
    if (c->name)
        wmem_strbuf_append_printf(summary, " %s", c->name);
    add_string_field(rc, tree, hf_sip_explain_cause, wmem_strbuf_get_str(summary));
    add_string_field(rc, tree, hf_sip_explain_cause_header, c->header);
    add_string_field(rc, tree, hf_sip_explain_cause_protocol, c->protocol);
    if (c->has_code)
        proto_item_set_generated(proto_tree_add_uint(tree, hf_sip_explain_cause_code, rc->msg->tvb, 0, 0, c->code));
    add_string_field(rc, tree, hf_sip_explain_cause_name, c->name);
    add_string_field(rc, tree, hf_sip_explain_cause_text, c->text);
    add_string_field(rc, tree, hf_sip_explain_cause_source, c->source);
    add_string_field(rc, tree, hf_sip_explain_cause_correlation_id, c->correlation_id);
}

/* A vendor's row for the code: the user's table first (sip_explain_uat.h),
 * then the built-in one. */
static const sip_explain_code_text_t *
vendor_row(sip_explain_cause_table_t table, guint32 code)
{
    const sip_explain_code_text_t *row = sip_explain_uat_cause(table, code);

    return row ? row : sip_explain_lookup_cause(table, code);
}

static const char *
row_meaning(response_ctx_t *rc, const sip_explain_code_text_t *row)
{
    return first_sentence(rc->pinfo->pool, sip_explain_text(row->description, rc->opts->lang));
}

/* " (text "...")", with Teams' correlation id split off into c. */
static const char *
cause_text(response_ctx_t *rc, sip_span_t text, cause_t *c)
{
    wmem_allocator_t *pool = rc->pinfo->pool;
    sip_span_t id, rest;

    if (!text.len)
        return "";
    if (sip_split_correlation_id(text, &id, &rest)) {
        c->correlation_id = span_text(pool, id);
        c->text = span_text(pool, rest);
        return wmem_strdup_printf(pool, "%s%s", ctx_text(rc, "part.ReasonText", "text", c->text, NULL),
                              ctx_text(rc, "part.CorrelationId", "id", c->correlation_id, NULL));
    }
    c->text = span_text(pool, text);
    return ctx_text(rc, "part.ReasonText", "text", c->text, NULL);
}

/* A Q.850 cause in a final error response whose status code is not the one
 * RFC 3398 section 7.2.4.1 gives for it (a 487 says why it was cancelled,
 * not how the call was released: it is not compared). The RFC allows 603
 * for cause 21 and 301 for cause 22 besides the table's codes. */
static void
check_q850_status(response_ctx_t *rc, proto_item *pi, guint32 cause, const sip_explain_code_text_t *row)
{
    if (rc->code < 300 || rc->code == 487 || !row->sip || (guint32)row->sip == rc->code)
        return;
    if ((cause == 21 && rc->code == 603) || (cause == 22 && rc->code == 301))
        return;
    add_expert(rc, pi, &ei_sip_explain_context_cause_contradicts, "cause", ctx_num(rc, cause),
               "name", row->reason ? row->reason : "", "mapped", ctx_num(rc, (guint64)row->sip), NULL);
}

/* A SIP or STIR cause: a status code, explained as the user's table
 * explains it. NULL when the number is none. */
static const sip_explain_entry_t *
status_cause(response_ctx_t *rc, guint32 cause)
{
    return cause >= 100 && cause <= 699 ? sip_explain_resolve(rc->opts->overrides, cause) : NULL;
}

/* A FreeSWITCH hangup cause in a Reason (protocol SIP in newer releases,
 * FreeSWITCH in older ones): its row when the number is not a registered
 * status code or the text names the cause; NULL otherwise. */
static const sip_explain_code_text_t *
freeswitch_cause(response_ctx_t *rc, const sip_reason_t *r, gboolean protocol_is_freeswitch)
{
    const sip_explain_code_text_t *row = vendor_row(SIP_EXPLAIN_CAUSES_FREESWITCH, r->cause);
    const sip_explain_entry_t *e;

    if (!row || protocol_is_freeswitch)
        return row;
    if (row->reason && sip_span_equals_nocase(r->text, row->reason))
        return row;
    e = status_cause(rc, r->cause);
    return e && e->registered ? NULL : row;
}

/* ", PASSporT named in compact form" ...: the ppi of a STIR Reason (RFC
 * 9410 section 4). */
static const char *
ppi_text(response_ctx_t *rc, sip_span_t item, sip_span_t span, const char *reason)
{
    sip_span_t ppi = empty_span();

    sip_param_find(item, "ppi", &ppi);
    switch (sip_ppi_form(ppi)) {
    case SIP_PPI_COMPACT: return ctx_text(rc, "part.PpiCompact", NULL);
    case SIP_PPI_FULL:    return ctx_text(rc, "part.PpiFull", NULL);
    case SIP_PPI_MALFORMED:
        add_malformed(rc, span, "finding.ReasonPpiMalformed", "reason", reason,
                      "value", span_text(rc->pinfo->pool, ppi), NULL);
        return "";
    case SIP_PPI_NONE:    break;
    }
    return "";
}

/* One reason-value with a cause that reads as a number. */
static void
explain_reason_cause(response_ctx_t *rc, sip_span_t span, sip_span_t item, const sip_reason_t *r,
                     const char *reason, cause_t *c)
{
    wmem_allocator_t *pool = rc->pinfo->pool;
    const char *text = rc->show_findings ? cause_text(rc, r->text, c) : "";
    const sip_explain_code_text_t *row;
    const sip_explain_entry_t *e;
    gboolean is_freeswitch = sip_span_equals_nocase(r->protocol, "FreeSWITCH");
    proto_item *pi;

    c->has_code = TRUE;
    c->code = r->cause;
    if (sip_span_equals_nocase(r->protocol, "Q.850")) {
        c->protocol = "Q.850";
        row = sip_explain_lookup_q850(r->cause);
        if (!row) {
            add_malformed(rc, span, "finding.ReasonQ850OutOfRange", "reason", reason, "cause", ctx_num(rc, r->cause), NULL);
            return;
        }
        c->name = row->reason;
        pi = rc->show_findings ? add_finding(rc, span, row->reason ? "finding.ReasonQ850" : "finding.ReasonQ850Unassigned",
                         "reason", reason, "cause", ctx_num(rc, r->cause), "name", row->reason ? row->reason : "",
                         "text", text, "meaning", row_meaning(rc, row), NULL) : NULL;
        add_cause_fields(rc, pi, c);
        if (span.p)                     /* the response's own Reason */
            check_q850_status(rc, pi, r->cause, row);
    } else if ((is_freeswitch || sip_span_equals_nocase(r->protocol, "SIP"))
               && (row = freeswitch_cause(rc, r, is_freeswitch)) != NULL) {
        c->protocol = "FreeSWITCH";
        c->name = row->reason;
        /* The text is most often the cause's name: said once. */
        if (row->reason && sip_span_equals_nocase(r->text, row->reason))
            text = "";
        pi = rc->show_findings ? add_finding(rc, span, "finding.ReasonFreeSwitch", "reason", reason,
                         "protocol", span_text(pool, r->protocol), "cause", ctx_num(rc, r->cause),
                         "name", row->reason ? row->reason : "", "text", text, "meaning", row_meaning(rc, row), NULL) : NULL;
        add_cause_fields(rc, pi, c);
    } else if (sip_span_equals_nocase(r->protocol, "SIP")) {
        c->protocol = "SIP";
        if (!(e = status_cause(rc, r->cause))) {
            add_malformed(rc, span, "finding.ReasonSipNotCode", "reason", reason, "cause", ctx_num(rc, r->cause), NULL);
            return;
        }
        c->name = e->reason;
        pi = rc->show_findings ? add_finding(rc, span, "finding.ReasonSip", "reason", reason, "cause", ctx_num(rc, r->cause),
                         "name", e->reason ? e->reason : ctx_text(rc, "part.Unregistered", NULL), "text", text,
                         "meaning", sip_explain_text(e->summary, rc->opts->lang), NULL) : NULL;
        add_cause_fields(rc, pi, c);
    } else if (sip_span_equals_nocase(r->protocol, "STIR")) {
        const char *ppi = ppi_text(rc, item, span, reason);
        if (!(e = status_cause(rc, r->cause))) {
            add_malformed(rc, span, "finding.ReasonSipNotCode", "reason", reason, "cause", ctx_num(rc, r->cause), NULL);
            return;
        }
        c->protocol = "STIR";
        c->name = e->reason;
        pi = rc->show_findings ? add_finding(rc, span, "finding.ReasonStir", "reason", reason, "cause", ctx_num(rc, r->cause),
                         "name", e->reason ? e->reason : ctx_text(rc, "part.Unregistered", NULL), "text", text,
                         "ppi", ppi, "meaning", sip_explain_text(e->summary, rc->opts->lang), NULL) : NULL;
        add_cause_fields(rc, pi, c);
        add_expert(rc, pi, &ei_sip_explain_context_stir_error, "cause", ctx_num(rc, r->cause),
                   "name", e->reason ? e->reason : "", NULL);
    } else {
        pi = rc->show_findings ? add_finding(rc, span, "finding.ReasonOther", "reason", reason, "protocol", c->protocol,
                         "cause", ctx_num(rc, r->cause), "text", text, NULL) : NULL;
        add_cause_fields(rc, pi, c);
    }
}

/* One Reason value (RFC 3326 section 2); where: NULL, or the request that
 * carried it ("the BYE in frame 7"). span: the bytes to highlight, empty
 * for a value recorded from another frame. */
static void
explain_reason_value(response_ctx_t *rc, sip_span_t span, sip_span_t value, const char *where)
{
    sip_list_iter_t it;
    sip_span_t item;
    unsigned items = 0;
    wmem_allocator_t *pool = rc->pinfo->pool;

    sip_list_init(&it, value);
    while (items++ < MAX_REPEAT && sip_list_next(&it, &item)) {
        sip_reason_t r;
        cause_t c;
        const char *reason = where ? ctx_text(rc, "part.ReasonOn", "request", where, NULL) : "Reason";

        sip_parse_reason(item, &r);
        /* Some user agents write description= for text= (a
         * reason-extension, which RFC 3326 section 2 allows). */
        if (!r.text.len)
            sip_param_find(item, "description", &r.text);
        memset(&c, 0, sizeof c);
        c.header = "Reason";
        c.protocol = span_text(pool, r.protocol);
        /* cause is a reason-param like any other, optional (RFC 3326
         * section 2): a Reason without it says only its text. */
        if (!r.has_cause) {
            if (rc->show_findings) {
                const char *text = cause_text(rc, r.text, &c);
                add_cause_fields(rc, add_finding(rc, span, "finding.ReasonNoCause", "reason", reason,
                                                 "protocol", c.protocol, "text", text, NULL), &c);
            }
        } else if (r.cause_status != SIP_NUM_OK) {
            add_malformed(rc, span, "finding.ReasonCauseNotNumber", "reason", reason,
                          "value", span_text(pool, r.cause_text), NULL);
        } else {
            explain_reason_cause(rc, span, item, &r, reason, &c);
        }
    }
}

void
explain_reasons(response_ctx_t *rc)
{
    unsigned i;

    for (i = 0; i < rc->headers.reason.n; i++)
        explain_reason_value(rc, rc->headers.reason.value[i], rc->headers.reason.value[i], NULL);
    note_repeated_header(rc, &rc->headers.reason, "Reason");
    /* The causes of the CANCEL or BYE this response answers. */
    if (rc->request)
        explain_request_causes(rc, rc->request, rc->request->method);
}

/* ---- ms-diagnostics ---- */

static void
explain_ms_diagnostics_value(response_ctx_t *rc, sip_span_t value, const char *header)
{
    wmem_allocator_t *pool = rc->pinfo->pool;
    sip_ms_diagnostics_t d;
    const sip_explain_code_text_t *row;
    const char *source;
    cause_t c;
    proto_item *pi;

    sip_parse_ms_diagnostics(value, &d);
    if (d.id_status != SIP_NUM_OK || (d.has_sub && d.sub_status != SIP_NUM_OK)) {
        add_malformed(rc, value, "finding.MsDiagnosticsNotNumber", "header", header,
                      "value", span_text(pool, d.id_text), NULL);
        return;
    }
    memset(&c, 0, sizeof c);
    c.header = header;
    c.protocol = "ms-diagnostics";
    c.has_code = TRUE;
    c.code = d.id;
    c.text = d.reason.len ? span_text(pool, d.reason) : NULL;
    c.source = d.source.len ? span_text(pool, d.source) : NULL;
    source = c.source ? ctx_text(rc, "part.FromSource", "source", c.source, NULL) : "";
    row = vendor_row(SIP_EXPLAIN_CAUSES_MS_DIAGNOSTICS, d.id);
    if (row && row->code == (int)d.id && row->last == (int)d.id) {
        c.name = row->reason;
        pi = rc->show_findings ? add_finding(rc, value, "finding.MsDiagnostics", "header", header, "id", span_text(pool, d.id_text),
                         "text", c.text ? c.text : "", "source", source, "name", row->reason ? row->reason : "",
                         "meaning", row_meaning(rc, row), NULL) : NULL;
    } else if (row && row->code >= 0) {
        pi = rc->show_findings ? add_finding(rc, value, "finding.MsDiagnosticsRange", "header", header, "id", span_text(pool, d.id_text),
                         "text", c.text ? c.text : "", "source", source, "area", row->reason ? row->reason : "",
                         "meaning", row_meaning(rc, row), NULL) : NULL;
    } else {
        pi = rc->show_findings ? add_finding(rc, value, "finding.MsDiagnosticsUnknown", "header", header, "id", span_text(pool, d.id_text),
                         "text", c.text ? c.text : "", "source", source, NULL) : NULL;
    }
    add_cause_fields(rc, pi, &c);
}

static void
explain_ms_diagnostics(response_ctx_t *rc, const header_values_t *values, const char *header)
{
    unsigned i;

    for (i = 0; i < values->n; i++)
        explain_ms_diagnostics_value(rc, values->value[i], header);
    note_repeated_header(rc, values, header);
}

/* ---- Asterisk ---- */

/* X-Asterisk-HangupCauseCode (a Q.850 cause) with the
 * X-Asterisk-HangupCause text beside it, or that text alone. where: as
 * explain_reason_value(). */
static void
explain_asterisk_cause(response_ctx_t *rc, sip_span_t code_span, sip_span_t text_span, const char *where)
{
    wmem_allocator_t *pool = rc->pinfo->pool;
    const char *header = code_span.len ? "X-Asterisk-HangupCauseCode" : "X-Asterisk-HangupCause";
    const sip_explain_code_text_t *row;
    sip_span_t highlight = where ? empty_span() : (code_span.len ? code_span : text_span);
    guint32 cause;
    cause_t c;
    proto_item *pi;

    if (where)
        header = ctx_text(rc, "part.HeaderOn", "header", header, "request", where, NULL);
    memset(&c, 0, sizeof c);
    c.header = code_span.len ? "X-Asterisk-HangupCauseCode" : "X-Asterisk-HangupCause";
    c.protocol = "Q.850";
    c.text = text_span.len ? span_text(pool, sip_span_trim(text_span)) : NULL;
    if (!code_span.len) {
        if (rc->show_findings)
            add_cause_fields(rc, add_finding(rc, highlight, "finding.AsteriskCauseText", "header", header,
                                             "text", c.text, NULL), &c);
        return;
    }
    if (sip_parse_delta(code_span, true, &cause, NULL) != SIP_NUM_OK || !(row = sip_explain_lookup_q850(cause))) {
        add_malformed(rc, highlight, "finding.AsteriskCauseNotCause", "header", header,
                      "value", span_text(pool, code_span), NULL);
        return;
    }
    c.has_code = TRUE;
    c.code = cause;
    c.name = row->reason;
    pi = rc->show_findings ? add_finding(rc, highlight, "finding.AsteriskCause", "header", header, "cause", ctx_num(rc, cause),
                     "name", row->reason ? row->reason : ctx_text(rc, "part.Unassigned", NULL),
                     "text", c.text ? ctx_text(rc, "part.ReasonText", "text", c.text, NULL) : "",
                     "meaning", row_meaning(rc, row), NULL) : NULL;
    add_cause_fields(rc, pi, &c);
}

static sip_span_t
text_span(const char *text)
{
    sip_span_t s = { text, text ? strlen(text) : 0 };
    return s;
}

/* ---- Twilio ---- */

static void
explain_twilio_error(response_ctx_t *rc, sip_span_t value)
{
    wmem_allocator_t *pool = rc->pinfo->pool;
    sip_twilio_error_t t;
    const sip_explain_code_text_t *row;
    cause_t c;
    proto_item *pi;

    sip_parse_twilio_error(value, &t);
    if (t.code_status != SIP_NUM_OK) {
        add_malformed(rc, value, "finding.TwilioErrorNotNumber", "value", span_text(pool, value), NULL);
        return;
    }
    memset(&c, 0, sizeof c);
    c.header = "X-Twilio-Error";
    c.protocol = "Twilio";
    c.has_code = TRUE;
    c.code = t.code;
    c.text = t.message.len ? span_text(pool, t.message) : NULL;
    row = vendor_row(SIP_EXPLAIN_CAUSES_TWILIO, t.code);
    if (row) {
        /* The message is most often the catalogue's title: said once. */
        gboolean says_name = row->reason && sip_span_equals_nocase(t.message, row->reason);
        c.name = row->reason;
        pi = rc->show_findings ? add_finding(rc, value, "finding.TwilioError", "error", ctx_num(rc, t.code),
                         "name", row->reason ? row->reason : "",
                         "text", c.text && !says_name ? ctx_text(rc, "part.ReasonText", "text", c.text, NULL) : "",
                         "meaning", row_meaning(rc, row), NULL) : NULL;
    } else {
        pi = rc->show_findings ? add_finding(rc, value, "finding.TwilioErrorUnknown", "error", ctx_num(rc, t.code),
                         "text", c.text ? ctx_text(rc, "part.ReasonText", "text", c.text, NULL) : "", NULL) : NULL;
    }
    add_cause_fields(rc, pi, &c);
}

void
explain_vendor_causes(response_ctx_t *rc)
{
    const response_headers_t *h = &rc->headers;
    unsigned i;

    explain_ms_diagnostics(rc, &h->ms_diagnostics, "ms-diagnostics");
    explain_ms_diagnostics(rc, &h->ms_diagnostics_public, "ms-diagnostics-public");
    if (h->asterisk_cause_code.n || h->asterisk_cause.n)
        explain_asterisk_cause(rc, header_values_first(&h->asterisk_cause_code),
                               header_values_first(&h->asterisk_cause), NULL);
    for (i = 0; i < h->twilio_error.n; i++)
        explain_twilio_error(rc, h->twilio_error.value[i]);
    note_repeated_header(rc, &h->twilio_error, "X-Twilio-Error");
}

void
explain_request_causes(response_ctx_t *rc, const recorded_request_t *req, const char *method)
{
    const char *where;

    if (!req->reason && !req->asterisk_cause && !req->asterisk_cause_code)
        return;
    where = ctx_text(rc, "part.RequestInFrame", "method", method, "frame", ctx_num(rc, req->frame), NULL);
    if (req->reason)
        explain_reason_value(rc, empty_span(), text_span(req->reason), where);
    if (req->asterisk_cause || req->asterisk_cause_code)
        explain_asterisk_cause(rc, text_span(req->asterisk_cause_code), text_span(req->asterisk_cause), where);
}

/* ---- Who sent an error response ---- */

void
explain_sent_by(response_ctx_t *rc)
{
    const header_values_t *agent = rc->headers.server.n ? &rc->headers.server : &rc->headers.user_agent;
    proto_item *pi;

    if (!rc->show_findings || !agent->n)
        return;
    pi = add_finding(rc, agent->value[0], "finding.SentBy", "agent", span_text(rc->pinfo->pool, agent->value[0]),
                     "header", agent == &rc->headers.server ? "Server" : "User-Agent", NULL);
    if (pi)
        add_string_field(rc, proto_item_add_subtree(pi, ett_sip_explain_cause), hf_sip_explain_sent_by,
                         span_text(rc->pinfo->pool, agent->value[0]));
}
