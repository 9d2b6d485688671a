/* fuzz_sip_text.c: libFuzzer harness of reading one SIP message's text.
 * Start line, header iteration, header lookup (alone and with the headers'
 * end in one pass) and CSeq.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>

#include "fuzz_common.h"
#include "parse/sip_text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *buf = (const char *)data;
    sip_start_line_t st;
    sip_header_iter_t it;
    sip_span_t name, value, found, first_length = { NULL, 0 };
    unsigned n = 0;

    if (!sip_text_parse_start_line(buf, size, &st))
        return 0;
    FUZZ_CHECK(st.len == size);
    FUZZ_CHECK(st.headers_offset <= sip_text_headers_end(buf, &st) && sip_text_headers_end(buf, &st) <= size);
    if (st.is_response) {
        FUZZ_CHECK(st.code_offset + st.code_len <= size);
        FUZZ_CHECK(st.code_is_3digit == (st.code_len == 3));
        if (st.code_is_3digit)
            FUZZ_CHECK(st.code <= 999);
        fuzz_check_span(st.reason, buf, size);
    } else {
        fuzz_check_span(st.method, buf, size);
        fuzz_check_span(st.request_uri, buf, size);
    }

    sip_header_iter_init(&it, buf, &st);
    while (sip_header_next(&it, &name, &value)) {
        /* The first Content-Length as every line split finds it: what the
         * look-ups that split only its lines must find too. */
        if (!first_length.p && sip_header_name_is(name, "Content-Length", 'l'))
            first_length = value;
        FUZZ_CHECK(++n <= SIP_TEXT_MAX_HEADERS);
        FUZZ_CHECK(name.len > 0);
        fuzz_check_span(name, buf, size);
        fuzz_check_span(value, buf, size);
        if (sip_header_name_is(name, "CSeq", 0)) {
            uint32_t number;
            sip_span_t method;
            if (sip_text_parse_cseq(value, &number, &method))
                fuzz_check_span(method, buf, size);
        }
        (void)sip_span_equals(value, "INVITE");
        (void)sip_span_equals_nocase(name, "content-length");
        fuzz_check_span(sip_span_trim(value), buf, size);
    }

    found = sip_text_find_header(buf, &st, "Content-Length", 'l');
    fuzz_check_span(found, buf, size);
    FUZZ_CHECK(found.p == first_length.p && found.len == first_length.len);
    {
        /* The one-pass look-up agrees with the two it replaces. */
        sip_span_t also;
        FUZZ_CHECK(sip_text_headers_end_and_find(buf, &st, "Content-Length", 'l', &also)
                   == sip_text_headers_end(buf, &st));
        FUZZ_CHECK(also.p == found.p && also.len == found.len);
    }
    found = sip_text_find_header(buf, &st, "Call-ID", 'i');
    fuzz_check_span(found, buf, size);
    found = sip_text_find_header(buf, &st, "CSeq", 0);
    if (found.len) {
        uint32_t number;
        sip_span_t method;
        if (sip_text_parse_cseq(found, &number, &method))
            fuzz_check_span(method, buf, size);
    }
    return 0;
}
