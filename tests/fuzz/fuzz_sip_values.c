/* fuzz_sip_values.c: libFuzzer harness of the header-value parsers.
 * Every header-value parser of parse/sip_values.h and parse/sip_causes.h
 * on one value: delta seconds, lists and parameters, Retry-After, Warning,
 * Reason, Event, Contact, challenges, ms-diagnostics, X-Twilio-Error, a
 * Reason text's correlation id and a STIR ppi. Every span handed back
 * must lie in the input.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>

#include "fuzz_common.h"
#include "parse/sip_causes.h"
#include "parse/sip_values.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define SPAN(s) fuzz_check_span((s), buf, size)

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *buf = (const char *)data;
    sip_span_t v = { buf, size };
    sip_span_t item, pv;
    sip_list_iter_t it;
    sip_retry_after_t ra;
    sip_warning_t w;
    sip_reason_t r;
    sip_contact_t ct;
    sip_challenge_t ch;
    sip_ms_diagnostics_t md;
    sip_twilio_error_t te;
    sip_span_t id, rest;
    uint32_t num;
    size_t end;
    unsigned items = 0;
    static const char *const params[] = { "q", "expires", "cause", "text", "duration", "id", "tag", "" };
    size_t i;

    FUZZ_CHECK(sip_num_status_name(sip_parse_delta(v, true, &num, &end)) != NULL);
    FUZZ_CHECK(end <= size);
    (void)sip_parse_delta(v, false, &num, &end);
    FUZZ_CHECK(end <= size);

    SPAN(sip_value_main(v));
    SPAN(sip_unquote(v));
    SPAN(sip_event_package(v));
    for (i = 0; i < sizeof params / sizeof params[0]; i++)
        if (sip_param_find(v, params[i], &pv))
            SPAN(pv);
    (void)sip_list_has_token(v, "timer", 5);
    (void)sip_list_has_token(v, "", 0);

    sip_parse_retry_after(v, &ra);
    SPAN(ra.comment);
    sip_parse_challenge(v, &ch);
    SPAN(ch.scheme); SPAN(ch.realm); SPAN(ch.algorithm); SPAN(ch.qop); SPAN(ch.nonce); SPAN(ch.username);

    sip_parse_ms_diagnostics(v, &md);
    SPAN(md.id_text); SPAN(md.reason); SPAN(md.source);
    sip_parse_twilio_error(v, &te);
    SPAN(te.code_text); SPAN(te.message);
    if (sip_split_correlation_id(v, &id, &rest)) {
        SPAN(id); SPAN(rest);
        FUZZ_CHECK(id.len >= 8);
    }
    FUZZ_CHECK(sip_ppi_form(v) <= SIP_PPI_MALFORMED);

    sip_list_init(&it, v);
    while (sip_list_next(&it, &item)) {
        FUZZ_CHECK(item.len > 0);
        FUZZ_CHECK(++items <= size);       /* each item takes at least one byte */
        SPAN(item);
        sip_parse_warning(item, &w);
        SPAN(w.code_text); SPAN(w.agent); SPAN(w.text);
        FUZZ_CHECK(!w.code_ok || (w.code >= 0 && w.code <= 999));
        sip_parse_reason(item, &r);
        SPAN(r.protocol); SPAN(r.cause_text); SPAN(r.text);
        sip_parse_contact(item, &ct);
        SPAN(ct.display); SPAN(ct.uri); SPAN(ct.q_text);
        FUZZ_CHECK(!ct.q_ok || ct.q_milli <= 1000);
    }
    return 0;
}
