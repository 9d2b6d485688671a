/* explain_any_code.c
 * Routines for explaining the headers any response may carry: Retry-After
 * (and its absence after a 503, which changes what the client does), Warning (warn-codes from
 * data/warn_codes.ini) and Reason (Q.850 causes from data/q850_causes.ini,
 * or a SIP code), including the Reason of the CANCEL or BYE a response
 * answers and of the CANCEL that ended an INVITE with 487.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "context/context_internal.h"

#include <string.h>

#include "parse/sip_values.h"

static void
explain_retry_after_value(response_ctx_t *rc, sip_span_t v)
{
    wmem_allocator_t *pool = rc->pinfo->pool;
    sip_retry_after_t ra;

    sip_parse_retry_after(v, &ra);
    if (ra.status != SIP_NUM_OK && ra.status != SIP_NUM_OVERFLOW) {
        add_malformed(rc, v, "Retry-After \"%s\" is not a number of seconds (%s): no time to retry is given",
                      span_text(pool, v), sip_num_status_name(ra.status));
        return;
    }
    /* An overlong number is read as saturated: a time all the same. */
    if (ra.status == SIP_NUM_OVERFLOW)
        add_malformed(rc, v, "Retry-After \"%s\" is larger than 2^32-1 seconds", span_text(pool, v));
    add_finding(rc, v, "%s%s%s%s%s",
                ra.seconds == 0 ? "Retry now (Retry-After 0)"
                                : wmem_strdup_printf(pool, "Retry after %s", seconds_text(pool, ra.seconds)),
                ra.comment.len ? ": \"" : "", ra.comment.len ? span_text(pool, ra.comment) : "",
                ra.comment.len ? "\"" : "",
                ra.has_duration && ra.duration_status == SIP_NUM_OK
                    ? wmem_strdup_printf(pool, "; available for %s from then", seconds_text(pool, ra.duration)) : "");
    if (ra.has_duration && ra.duration_status != SIP_NUM_OK)
        add_malformed(rc, v, "Retry-After duration in \"%s\" is not a number of seconds", span_text(pool, v));
}

void
explain_retry_after(response_ctx_t *rc)
{
    unsigned i;

    for (i = 0; i < rc->headers.retry_after.n; i++)
        explain_retry_after_value(rc, rc->headers.retry_after.value[i]);
    note_repeated_header(rc, &rc->headers.retry_after, "Retry-After");
    if (rc->headers.retry_after.n != 0)
        return;
    /* Retry-After is optional everywhere (RFC 3261 section 20.33); its
     * absence changes what the client does only after a 503, which it
     * must then treat as a 500. */
    if (rc->code == 503)
        add_finding(rc, empty_span(), "No Retry-After: the client should treat this 503 like a 500 and try another server (RFC 3261 section 21.5.4)");
}

/* One warning-value (RFC 3261 section 20.43). */
static void
explain_warning_value(response_ctx_t *rc, sip_span_t item)
{
    wmem_allocator_t *pool = rc->pinfo->pool;
    sip_warning_t w;
    const sip_explain_code_text_t *row;

    sip_parse_warning(item, &w);
    if (!w.code_ok) {
        add_malformed(rc, item, "Warning code \"%s\" is not three digits (RFC 3261 section 20.43)",
                      span_text(pool, w.code_text));
        return;
    }
    row = sip_explain_lookup_warn(w.code);
    if (!row) {
        add_malformed(rc, item, "Warning %03d from %s: \"%s\" - warn-code outside 300-399, not a SIP warning (RFC 3261 section 20.43)",
                      w.code, span_text(pool, w.agent), span_text(pool, w.text));
        return;
    }
    if (w.agent.len == 0 || !w.text_quoted)
        add_malformed(rc, item, "Warning \"%s\" lacks a warn-agent or a quoted warn-text (RFC 3261 section 20.43)",
                      span_text(pool, item));
    add_finding(rc, item, "Warning %03d from %s: \"%s\" - %s%s%s", w.code, span_text(pool, w.agent), span_text(pool, w.text),
                row->reason ? row->reason : "unregistered warn-code",
                row->description ? ": " : "", first_sentence(pool, row->description));
}

void
explain_warnings(response_ctx_t *rc)
{
    unsigned i, items = 0;

    /* At most MAX_REPEAT warning-values in all, however they are spread
     * over Warning lines. */
    for (i = 0; i < rc->headers.warning.n; i++) {
        sip_list_iter_t it;
        sip_span_t item;

        sip_list_init(&it, rc->headers.warning.value[i]);
        while (items < MAX_REPEAT && sip_list_next(&it, &item)) {
            items++;
            explain_warning_value(rc, item);
        }
    }
    note_repeated_header(rc, &rc->headers.warning, "Warning");
}

/* One Reason value (RFC 3326 section 2); where: "" or " on the BYE ...". */
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
        const char *text;

        sip_parse_reason(item, &r);
        text = r.text.len ? wmem_strdup_printf(pool, " (text \"%s\")", span_text(pool, r.text)) : "";
        if (!r.has_cause) {
            add_malformed(rc, span, "Reason%s \"%s\" has no cause parameter: nothing to explain (RFC 3326 section 2)",
                          where, span_text(pool, item));
            continue;
        }
        if (r.cause_status != SIP_NUM_OK) {
            add_malformed(rc, span, "Reason%s cause \"%s\" is not a number (RFC 3326 section 2)", where,
                          span_text(pool, r.cause_text));
            continue;
        }
        if (sip_span_equals_nocase(r.protocol, "Q.850")) {
            const sip_explain_code_text_t *row = sip_explain_lookup_q850(r.cause);
            if (!row) {
                add_malformed(rc, span, "Reason%s Q.850 cause %u is outside 0-127", where, r.cause);
                continue;
            }
            add_finding(rc, span, "Reason%s: Q.850 cause %u, %s%s%s%s", where, r.cause,
                        row->reason ? row->reason : "unassigned cause", text,
                        row->description ? ": " : "", first_sentence(pool, row->description));
        } else if (sip_span_equals_nocase(r.protocol, "SIP")) {
            /* A SIP cause is explained as the user's table explains it. */
            const sip_explain_entry_t *e = r.cause >= 100 && r.cause <= 699 ? sip_explain_resolve(rc->opts->overrides, r.cause) : NULL;
            if (!e) {
                add_malformed(rc, span, "Reason%s SIP cause %u is not a SIP status code", where, r.cause);
                continue;
            }
            add_finding(rc, span, "Reason%s: SIP cause %u %s%s: %s", where, r.cause,
                        e->reason ? e->reason : "(unregistered)", text, sip_explain_text(e->summary, rc->opts->lang));
        } else {
            add_finding(rc, span, "Reason%s: protocol %s, cause %u%s", where, span_text(pool, r.protocol), r.cause, text);
        }
    }
}

/* The Reason a recorded request carried (kept as text, in another frame:
 * nothing to highlight), named by the method and frame it came in. */
static void
explain_request_reason(response_ctx_t *rc, const recorded_request_t *req, const char *method)
{
    sip_span_t v;

    v.p = req->reason;
    v.len = strlen(req->reason);
    explain_reason_value(rc, empty_span(), v,
                         wmem_strdup_printf(rc->pinfo->pool, " on the %s in frame %u", method, req->frame));
}

void
explain_reasons(response_ctx_t *rc)
{
    unsigned i;

    for (i = 0; i < rc->headers.reason.n; i++)
        explain_reason_value(rc, rc->headers.reason.value[i], rc->headers.reason.value[i], "");
    note_repeated_header(rc, &rc->headers.reason, "Reason");
    /* The Reason of the CANCEL or BYE this response answers. */
    if (rc->request && rc->request->reason)
        explain_request_reason(rc, rc->request, rc->request->method);
}

void
explain_cancel_reason(response_ctx_t *rc)
{
    static const sip_span_t cancel_method = { "CANCEL", 6 };
    const recorded_request_t *cancel;

    /* A 487 to an INVITE: the CANCEL that ended it (same Call-ID and CSeq
     * number) may say why. */
    if (!sip_span_equals(rc->cseq_method, "INVITE"))
        return;
    cancel = find_request(rc->pinfo, rc->headers.ids.call_id, rc->cseq, cancel_method, empty_span());
    if (!cancel)
        return;
    add_finding(rc, empty_span(), "Ended by the CANCEL in frame %u", cancel->frame);
    if (cancel->reason)
        explain_request_reason(rc, cancel, "CANCEL");
}
