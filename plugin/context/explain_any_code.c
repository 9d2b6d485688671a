/* explain_any_code.c
 * Routines for explaining the headers any response may carry: Retry-After
 * (and its absence after a 503, which changes what the client does),
 * Warning (warn-codes from data/warn_codes.ini), a 408, 480 or 503 that
 * names a failed route, and the CANCEL that ended an INVITE with 487 (its
 * causes: explain_causes.c).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "context/context_internal.h"

#include <string.h>

#include "flows/flow_reading.h"
#include "parse/sip_values.h"

static void
explain_retry_after_value(response_ctx_t *rc, sip_span_t v)
{
    wmem_allocator_t *pool = rc->pinfo->pool;
    sip_retry_after_t ra;

    sip_parse_retry_after(v, &ra);
    if (ra.status != SIP_NUM_OK && ra.status != SIP_NUM_OVERFLOW) {
        add_malformed(rc, v, "finding.RetryAfterNotSeconds", "value", span_text(pool, v),
                      "why", num_status_text(rc, ra.status), NULL);
        return;
    }
    /* An overlong number is read as saturated: a time all the same. */
    if (ra.status == SIP_NUM_OVERFLOW)
        add_malformed(rc, v, "finding.RetryAfterTooLarge", "value", span_text(pool, v), NULL);
    if (rc->show_findings)
        add_finding(rc, v, ra.seconds == 0 ? "finding.RetryNow" : "finding.RetryAfter",
                    "time", seconds_text(rc, ra.seconds),
                    "comment", ra.comment.len ? ctx_text(rc, "part.Comment", "text", span_text(pool, ra.comment), NULL) : "",
                    "duration", ra.has_duration && ra.duration_status == SIP_NUM_OK
                        ? ctx_text(rc, "part.AvailableFor", "time", seconds_text(rc, ra.duration), NULL) : "", NULL);
    if (ra.has_duration && ra.duration_status != SIP_NUM_OK)
        add_malformed(rc, v, "finding.RetryAfterDuration", "value", span_text(pool, v), NULL);
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
        add_finding(rc, empty_span(), "finding.No503RetryAfter", NULL);
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
        add_malformed(rc, item, "finding.WarningCodeNotDigits", "value", span_text(pool, w.code_text), NULL);
        return;
    }
    row = sip_explain_lookup_warn(w.code);
    if (!row) {
        add_malformed(rc, item, "finding.WarningOutOfRange", "warn", wmem_strdup_printf(pool, "%03d", w.code),
                      "agent", span_text(pool, w.agent), "text", span_text(pool, w.text), NULL);
        return;
    }
    if (w.agent.len == 0 || !w.text_quoted)
        add_malformed(rc, item, "finding.WarningIncomplete", "value", span_text(pool, item), NULL);
    if (rc->show_findings)
        add_finding(rc, item, row->reason ? "finding.Warning" : "finding.WarningUnregistered",
                    "warn", wmem_strdup_printf(pool, "%03d", w.code), "agent", span_text(pool, w.agent),
                    "text", span_text(pool, w.text), "reason", row->reason ? row->reason : "",
                    "meaning", first_sentence(pool, sip_explain_text(row->description, rc->opts->lang)), NULL);
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

/* A 408, 480 or 503 whose reason phrase or Warning 399 text names a failed
 * DNS lookup or route ("480 No DNS results", Warning: 399 ... "No other
 * DNS entries to try"): a proxy found no next hop for the request (RFC
 * 3263), which says nothing of the called user. The words are those the
 * flow's verdict reads (flow_names_routing_failure()). */
void
explain_unrouted(response_ctx_t *rc)
{
    sip_span_t evidence = rc->msg->start.reason;
    unsigned i;

    for (i = 0; !flow_names_routing_failure(evidence) && i < rc->headers.warning.n; i++) {
        sip_list_iter_t it;
        sip_span_t item;

        evidence.len = 0;
        sip_list_init(&it, rc->headers.warning.value[i]);
        while (sip_list_next(&it, &item)) {
            sip_warning_t w;

            sip_parse_warning(item, &w);
            if (w.code_ok && w.code == 399 && flow_names_routing_failure(w.text)) {
                evidence = w.text;
                break;
            }
        }
    }
    if (evidence.len && flow_names_routing_failure(evidence))
        add_expert(rc, NULL, &ei_sip_explain_context_unrouted, "evidence", span_text(rc->pinfo->pool, evidence), NULL);
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
    add_finding(rc, empty_span(), "finding.EndedByCancel", "frame", ctx_num(rc, cancel->frame), NULL);
    explain_request_causes(rc, cancel, "CANCEL");
}
