/* test_sip_text.c: unit tests (cmocka) of reading SIP message text.
 * Start lines, headers, CSeq, locating messages.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "parse/sip_locate.h"
#include "parse/sip_text.h"

#define S(lit) (lit), (sizeof(lit) - 1)

static void
test_status_line(void **state)
{
    sip_start_line_t st;
    static const char msg[] = "SIP/2.0 489 Bad Event\r\nCSeq: 1 SUBSCRIBE\r\n\r\n";
    (void)state;

    assert_true(sip_text_parse_start_line(S(msg), &st));
    assert_true(st.is_response);
    assert_int_equal(st.code, 489);
    assert_true(st.code_is_3digit);
    assert_int_equal(st.code_offset, 8);
    assert_true(sip_span_equals(st.reason, "Bad Event"));
    assert_int_equal(st.headers_offset, 23);
    assert_int_equal(sip_text_headers_end(msg, &st), 42);
}

static void
test_odd_status_lines(void **state)
{
    sip_start_line_t st;
    (void)state;

    assert_true(sip_text_parse_start_line(S("SIP/2.0 486 \r\n\r\n"), &st));
    assert_int_equal(st.reason.len, 0);
    assert_true(sip_text_parse_start_line(S("SIP/2.0 099 Low\r\n"), &st));
    assert_int_equal(st.code, 99);
    assert_true(st.code_is_3digit);
    assert_true(sip_text_parse_start_line(S("SIP/2.0 4294967301 Huge\r\n"), &st));
    assert_false(st.code_is_3digit);
    assert_int_equal(st.code, 999999999u);
    assert_true(sip_text_parse_start_line(S("SIP/2.0 200"), &st));  /* truncated */
    assert_int_equal(st.code, 200);
    assert_false(sip_text_parse_start_line(S("SIP/2.0 48x Odd\r\n"), &st));
    assert_false(sip_text_parse_start_line(S("SIP/2.0 -1 Neg\r\n"), &st));
    assert_false(sip_text_parse_start_line(S("SIP/2.0\r\n"), &st));
    assert_false(sip_text_parse_start_line(S(""), &st));
    assert_false(sip_text_parse_start_line(NULL, 0, &st));
    assert_false(sip_text_parse_start_line(S("HTTP/1.1 200 OK\r\n"), &st));
}

static void
test_request_line(void **state)
{
    sip_start_line_t st;
    (void)state;

    assert_true(sip_text_parse_start_line(S("SUBSCRIBE sip:bob@example.org SIP/2.0\r\nEvent: presence\r\n\r\n"), &st));
    assert_false(st.is_response);
    assert_true(sip_span_equals(st.method, "SUBSCRIBE"));
    assert_true(sip_span_equals(st.request_uri, "sip:bob@example.org"));
    assert_false(sip_text_parse_start_line(S("INVITE sip:bob@example.org HTTP/1.1\r\n"), &st));
    assert_false(sip_text_parse_start_line(S("INVITE\r\n"), &st));
}

static void
test_headers(void **state)
{
    static const char msg[] =
        "SIP/2.0 200 OK\r\n"
        "i: abc@host\r\n"
        "Allow-Events: presence,\r\n dialog\r\n"
        "garbage line without colon\r\n"
        "CSEQ :  42   INVITE \r\n"
        "\r\n"
        "Body: not a header\r\n";
    sip_start_line_t st;
    sip_span_t v;
    uint32_t n;
    sip_span_t method;
    (void)state;

    assert_true(sip_text_parse_start_line(S(msg), &st));
    v = sip_text_find_header(msg, &st, "Call-ID", 'i');
    assert_true(sip_span_equals(v, "abc@host"));
    v = sip_text_find_header(msg, &st, "Allow-Events", 'u');
    assert_true(sip_span_equals(v, "presence,\r\n dialog"));
    v = sip_text_find_header(msg, &st, "CSeq", 0);
    assert_true(sip_span_equals(v, "42   INVITE"));
    assert_true(sip_text_parse_cseq(v, &n, &method));
    assert_int_equal(n, 42);
    assert_true(sip_span_equals(method, "INVITE"));
    v = sip_text_find_header(msg, &st, "Body", 0);
    assert_int_equal(v.len, 0);
}

/* The keys of flows, transactions and copies: equal bytes hash equal,
 * a part's bytes cannot move to the next part unseen, and each byte of a
 * long span counts. */
static void
test_span_hash(void **state)
{
    sip_span_t ab = { "ab", 2 }, c = { "c", 1 }, a = { "a", 1 }, bc = { "bc", 2 }, none = { NULL, 0 };
    char long1[] = "a-call-id-of-forty-bytes-or-so@192.0.2.1", long2[sizeof long1];
    uint64_t h1, h2;
    size_t i;
    (void)state;

    h1 = sip_span_hash(sip_span_hash(SIP_SPAN_HASH_START, ab), c);
    h2 = sip_span_hash(sip_span_hash(SIP_SPAN_HASH_START, a), bc);
    assert_true(h1 != h2);
    assert_true(h1 == sip_span_hash(sip_span_hash(SIP_SPAN_HASH_START, ab), c));
    assert_true(sip_span_hash(SIP_SPAN_HASH_START, none) != sip_span_hash(sip_span_hash(SIP_SPAN_HASH_START, none), none));
    for (i = 0; i + 1 < sizeof long1; i++) {
        sip_span_t s1 = { long1, sizeof long1 - 1 }, s2 = { long2, sizeof long1 - 1 };
        memcpy(long2, long1, sizeof long1);
        long2[i] ^= 1;
        assert_true(sip_span_hash(SIP_SPAN_HASH_START, s1) != sip_span_hash(SIP_SPAN_HASH_START, s2));
    }
}

static void
test_cseq(void **state)
{
    uint32_t n;
    sip_span_t m;
    sip_span_t bad1 = { "99999999999 INVITE", 18 };
    sip_span_t bad2 = { "INVITE", 6 };
    sip_span_t bad3 = { "12", 2 };
    /* RFC 3261 section 20.16: CSeq = 1*DIGIT LWS Method; no blank, no CSeq. */
    sip_span_t bad4 = { "1INVITE", 7 };
    sip_span_t tab = { "7\tBYE", 5 };
    (void)state;

    assert_false(sip_text_parse_cseq(bad1, &n, &m));
    assert_false(sip_text_parse_cseq(bad2, &n, &m));
    assert_false(sip_text_parse_cseq(bad3, &n, &m));
    assert_false(sip_text_parse_cseq(bad4, &n, &m));
    assert_true(sip_text_parse_cseq(tab, &n, &m));
    assert_int_equal(n, 7);
    assert_true(sip_span_equals(m, "BYE"));
}

static void
test_header_filter_and_line_ends(void **state)
{
    /* CRLF, LF and a lone CR end lines; lines shorter and longer than 16
     * bytes; the last header has no line break (the buffer ends). */
    static const char msg[] =
        "SIP/2.0 503 Service Unavailable\r\n"
        "Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK776asdhds\n"
        "warning: 399 host \"a long enough warning text to span lines\"\r"
        "To: <sip:b@example.com>\r\n"
        "Retry-After: 120\r\n"
        "o: presence\r\n"
        "Reason: SIP;cause=503";
    sip_start_line_t st;
    sip_header_iter_t it;
    sip_span_t name, value;
    (void)state;

    assert_true(sip_text_parse_start_line(S(msg), &st));
    assert_int_equal(sip_letter_bit('W'), sip_letter_bit('w'));
    assert_int_equal(sip_letter_bit(':'), 0);
    sip_header_iter_init(&it, msg, &st);
    sip_header_iter_filter(&it, sip_header_letters("Warning", 0) | sip_header_letters("Reason", 0)
                                | sip_header_letters("Event", 'o'));
    assert_true(sip_header_next(&it, &name, &value));
    assert_true(sip_span_equals(name, "warning"));
    assert_true(sip_span_equals(value, "399 host \"a long enough warning text to span lines\""));
    assert_true(sip_header_next(&it, &name, &value));   /* R: Retry-After, split too */
    assert_true(sip_span_equals(name, "Retry-After"));
    assert_true(sip_header_next(&it, &name, &value));
    assert_true(sip_span_equals(name, "o"));
    assert_true(sip_header_next(&it, &name, &value));
    assert_true(sip_span_equals(name, "Reason"));
    assert_true(sip_span_equals(value, "SIP;cause=503"));
    assert_false(sip_header_next(&it, &name, &value));
    assert_false(sip_header_iter_truncated(&it));
    /* Without a filter every line comes back, the lone-CR one included. */
    sip_header_iter_init(&it, msg, &st);
    assert_true(sip_header_next(&it, &name, &value));
    assert_true(sip_span_equals(value, "SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK776asdhds"));
    assert_true(sip_header_next(&it, &name, &value));
    assert_true(sip_header_next(&it, &name, &value));
    assert_true(sip_span_equals(name, "To"));
    assert_true(sip_span_equals(value, "<sip:b@example.com>"));
}

static void
test_header_limit(void **state)
{
    /* 2000 header lines: the reader stops at SIP_TEXT_MAX_HEADERS. */
    size_t cap = 2000 * 8 + 64, len = 0, i;
    char *msg = malloc(cap);
    sip_start_line_t st;
    sip_header_iter_t it;
    sip_span_t name, value;
    unsigned count = 0;
    (void)state;

    len += (size_t)sprintf(msg, "SIP/2.0 200 OK\r\n");
    for (i = 0; i < 2000; i++)
        len += (size_t)sprintf(msg + len, "X: %02u\r\n", (unsigned)(i % 100));
    len += (size_t)sprintf(msg + len, "\r\n");
    assert_true(sip_text_parse_start_line(msg, len, &st));
    sip_header_iter_init(&it, msg, &st);
    while (sip_header_next(&it, &name, &value))
        count++;
    assert_int_equal(count, SIP_TEXT_MAX_HEADERS);
    assert_true(sip_header_iter_truncated(&it));
    /* Lines a filter skips count towards the limit too. */
    sip_header_iter_init(&it, msg, &st);
    sip_header_iter_filter(&it, sip_header_letters("Warning", 0));
    assert_false(sip_header_next(&it, &name, &value));
    assert_true(sip_header_iter_truncated(&it));
    free(msg);
}

/* The headers' end and one header's value in one pass: the same answers as
 * sip_text_headers_end() and sip_text_find_header(), wherever the header
 * is, when it is absent or folded, and past the header-line limit. */
static void
assert_one_pass_agrees(const char *msg, size_t len, size_t expected_end, const char *expected_value)
{
    sip_start_line_t st;
    sip_span_t v;

    assert_true(sip_text_parse_start_line(msg, len, &st));
    assert_int_equal(sip_text_headers_end_and_find(msg, &st, "Content-Length", 'l', &v), expected_end);
    assert_int_equal(sip_text_headers_end(msg, &st), expected_end);
    if (expected_value)
        assert_true(sip_span_equals(v, expected_value));
    else
        assert_null(v.p);
    v = sip_text_find_header(msg, &st, "Content-Length", 'l');
    if (expected_value)
        assert_true(sip_span_equals(v, expected_value));
}

static void
test_headers_end_and_find(void **state)
{
    static const char last[] = "SIP/2.0 200 OK\r\nCall-ID: a\r\nContent-Length: 4\r\n\r\nbody";
    static const char first[] = "SIP/2.0 200 OK\r\nl: 12\r\nCSeq: 1 INVITE\r\nVia: x\r\n\r\n";
    static const char absent[] = "SIP/2.0 200 OK\r\nCall-ID: a\r\nContact: <sip:b>\r\n\r\n";
    static const char folded[] = "SIP/2.0 200 OK\r\nContent-Length:\r\n 7\r\nTo: b\r\n\r\n";
    static const char unended[] = "SIP/2.0 200 OK\r\nContent-Length: 0\r\nTo: b\r\n";
    size_t cap = 600 * 8 + 64, len = 0, i;
    char *many = malloc(cap);
    (void)state;

    assert_one_pass_agrees(S(last), 47, "4");
    assert_one_pass_agrees(S(first), 47, "12");
    assert_one_pass_agrees(S(absent), 46, NULL);
    assert_one_pass_agrees(S(folded), 44, "7");
    assert_one_pass_agrees(S(unended), sizeof unended - 1, "0");
    /* Names told apart at their first bytes: white space before the colon,
     * a longer name, the compact form with a blank, another C header. */
    assert_one_pass_agrees(S("SIP/2.0 200 OK\r\nContent-Lengthx: 1\r\nContent-Length \t: 9\r\n\r\n"), 57, "9");
    assert_one_pass_agrees(S("SIP/2.0 200 OK\r\nContent-Type: a/b\r\nL : 3\r\n\r\n"), 42, "3");
    assert_one_pass_agrees(S("SIP/2.0 200 OK\r\nLx: 3\r\nContent-Length:\r\n\r\n"), 40, "");
    /* Content-Length after 600 lines: past the iterator's limit, so not
     * found, but the end is still the empty line's. */
    len += (size_t)sprintf(many, "SIP/2.0 200 OK\r\n");
    for (i = 0; i < 600; i++)
        len += (size_t)sprintf(many + len, "X: %02u\r\n", (unsigned)(i % 100));
    len += (size_t)sprintf(many + len, "l: 5\r\n\r\n");
    assert_one_pass_agrees(many, len, len - 2, NULL);
    free(many);
}

static void
test_locate(void **state)
{
    /* Binary junk, then a response with a body, a keep-alive, a request
     * whose body holds a sipfrag status line, and a last response. */
    static const char buf[] =
        "\x45\x00\x01\x02junk"
        "SIP/2.0 180 Ringing\r\nContent-Length: 4\r\n\r\nabcd"
        "\r\n"
        "NOTIFY sip:a@b SIP/2.0\r\nl: 16\r\n\r\nSIP/2.0 200 OK\r\n"
        "SIP/2.0 603 Decline\r\nContent-Length: 0\r\n\r\n";
    sip_msg_range_t r[8];
    size_t n = sip_locate_messages(buf, sizeof buf - 1, false, r, 8);
    (void)state;

    assert_int_equal(n, 3);
    assert_int_equal(r[0].offset, 8);
    assert_memory_equal(buf + r[0].offset, "SIP/2.0 180", 11);
    assert_memory_equal(buf + r[1].offset, "NOTIFY", 6);
    assert_memory_equal(buf + r[2].offset, "SIP/2.0 603", 11);
    assert_int_equal(r[2].offset + r[2].len, sizeof buf - 1);
    /* The limit on results holds. */
    assert_int_equal(sip_locate_messages(buf, sizeof buf - 1, false, r, 1), 1);
    assert_int_equal(sip_locate_messages(S("no sip here"), false, r, 8), 0);
    assert_int_equal(sip_locate_messages(NULL, 0, false, r, 8), 0);
    /* A datagram holds one message: the first start line begins it and it
     * runs to the end, whatever follows. */
    n = sip_locate_messages(buf, sizeof buf - 1, true, r, 8);
    assert_int_equal(n, 1);
    assert_int_equal(r[0].offset, 8);
    assert_int_equal(r[0].len, sizeof buf - 1 - 8);
    assert_int_equal(sip_locate_messages(S("no sip here"), true, r, 8), 0);
}

static void
test_locate_responses_only(void **state)
{
    /* Datagrams after their UDP header's last bytes. */
    static const char request[] = "\x13\xc4" "NOTIFY sip:a@b SIP/2.0\r\nl: 16\r\n\r\nSIP/2.0 200 OK\r\n";
    static const char bad_request[] = "\x13\xc4" "NOTIFY  SIP/2.0\r\nl: 16\r\n\r\nSIP/2.0 200 OK\r\n";
    static const char response[] = "\x13\xc4" "SIP/2.0 486 Busy Here\r\nl: 0\r\n\r\n";
    sip_locate_iter_t it;
    sip_msg_range_t r;
    sip_start_line_t st;
    (void)state;

    /* A request's datagram holds no response. */
    sip_locate_init(&it, S(request), true);
    sip_locate_responses_only(&it);
    assert_false(sip_locate_next(&it, &r, &st));
    sip_locate_init(&it, S(request), true);
    assert_true(sip_locate_next(&it, &r, &st));
    assert_false(st.is_response);
    /* A response's is found as without it. */
    sip_locate_init(&it, S(response), true);
    sip_locate_responses_only(&it);
    assert_true(sip_locate_next(&it, &r, &st));
    assert_true(st.is_response);
    assert_int_equal(st.code, 486);
    assert_int_equal(r.offset, 2);
    assert_false(sip_locate_next(&it, &r, &st));
    /* A request line that does not parse ends it too, where the search
     * would otherwise go on to the status line in the body. */
    sip_locate_init(&it, S(bad_request), true);
    assert_true(sip_locate_next(&it, &r, &st));
    assert_true(st.is_response);
    sip_locate_init(&it, S(bad_request), true);
    sip_locate_responses_only(&it);
    assert_false(sip_locate_next(&it, &r, &st));
    /* In a stream a request still counts: the next message starts after it. */
    sip_locate_init(&it, S(request), false);
    sip_locate_responses_only(&it);
    assert_true(sip_locate_next(&it, &r, &st));
    assert_false(st.is_response);
}

static void
test_locate_request_after_token_bytes(void **state)
{
    /* A UDP header whose last byte is 'K' (0x4B) right before the method;
     * an extension method after a binary byte stays whole. */
    static const char known[] = "\x13\xc4\x13\xc4\x01\x6fKSUBSCRIBE sip:a@b SIP/2.0\r\nl: 0\r\n\r\n";
    static const char other[] = "\x13\xc4\x01\x6f\xff" "FOO sip:a@b SIP/2.0\r\n\r\n";
    sip_msg_range_t r[2];
    (void)state;

    assert_int_equal(sip_locate_messages(S(known), false, r, 2), 1);
    assert_int_equal(r[0].offset, 7);
    assert_memory_equal(known + r[0].offset, "SUBSCRIBE ", 10);
    assert_int_equal(sip_locate_messages(S(other), false, r, 2), 1);
    assert_memory_equal(other + r[0].offset, "FOO ", 4);
}

static void
test_locate_complete(void **state)
{
    /* TCP: a message, then the start of one cut in its headers. */
    static const char cut_headers[] =
        "SIP/2.0 180 Ringing\r\nContent-Length: 0\r\n\r\n"
        "SIP/2.0 401 Unauthorized\r\nCall-ID: x\r\n";
    /* A message whose body is cut short. */
    static const char cut_body[] = "SIP/2.0 200 OK\r\nContent-Length: 10\r\n\r\nabc";
    /* A message without Content-Length whose headers end: whole. */
    static const char no_length[] = "SIP/2.0 486 Busy Here\r\nCall-ID: x\r\n\r\n";
    sip_msg_range_t r[4];
    (void)state;

    assert_int_equal(sip_locate_messages(S(cut_headers), false, r, 4), 2);
    assert_true(r[0].complete);
    assert_false(r[1].complete);
    assert_int_equal(sip_locate_messages(S(cut_body), false, r, 4), 1);
    assert_false(r[0].complete);
    assert_int_equal(sip_locate_messages(S(no_length), false, r, 4), 1);
    assert_true(r[0].complete);
    /* A datagram's message counts as whole, cut or not. */
    assert_int_equal(sip_locate_messages(S(cut_body), true, r, 4), 1);
    assert_true(r[0].complete);
}

static void
test_locate_without_length(void **state)
{
    static const char buf[] = "SIP/2.0 200 OK\r\nCall-ID: x\r\n\r\nSIP/2.0 486 Busy Here\r\n\r\n";
    sip_msg_range_t r[4];
    (void)state;

    /* Without Content-Length the rest belongs to the first message. */
    assert_int_equal(sip_locate_messages(S(buf), false, r, 4), 1);
    assert_int_equal(r[0].len, sizeof buf - 1);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_status_line),
        cmocka_unit_test(test_odd_status_lines),
        cmocka_unit_test(test_request_line),
        cmocka_unit_test(test_headers),
        cmocka_unit_test(test_cseq),
        cmocka_unit_test(test_span_hash),
        cmocka_unit_test(test_header_filter_and_line_ends),
        cmocka_unit_test(test_header_limit),
        cmocka_unit_test(test_headers_end_and_find),
        cmocka_unit_test(test_locate),
        cmocka_unit_test(test_locate_responses_only),
        cmocka_unit_test(test_locate_request_after_token_bytes),
        cmocka_unit_test(test_locate_without_length),
        cmocka_unit_test(test_locate_complete),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
