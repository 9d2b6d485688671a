/* test_header_values.c: unit tests (cmocka) of the header value parsers.
 * plugin/parse/sip_values.c with ordinary and hostile input: every value
 * is read within its span, numbers saturate, and malformed values are
 * reported, never trusted.
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

#include "parse/sip_values.h"

static sip_span_t
sp(const char *s)
{
    sip_span_t r = { s, strlen(s) };
    return r;
}

/* A span copied to a heap buffer of exactly its length, so that a read past
 * the end is caught by sanitizers and valgrind. */
static sip_span_t
exact(const char *s, char **owner)
{
    size_t n = strlen(s);
    sip_span_t r;

    *owner = malloc(n ? n : 1);
    assert_non_null(*owner);
    memcpy(*owner, s, n);
    r.p = *owner;
    r.len = n;
    return r;
}

static void
test_delta(void **state)
{
    uint32_t v;
    size_t end;
    (void)state;

    assert_int_equal(sip_parse_delta(sp("3600"), true, &v, &end), SIP_NUM_OK);
    assert_int_equal(v, 3600);
    assert_int_equal(sip_parse_delta(sp("  0  "), true, &v, NULL), SIP_NUM_OK);
    assert_int_equal(v, 0);
    assert_int_equal(sip_parse_delta(sp(""), true, &v, NULL), SIP_NUM_EMPTY);
    assert_int_equal(sip_parse_delta(sp("   "), true, &v, NULL), SIP_NUM_EMPTY);
    assert_int_equal(sip_parse_delta(sp("-5"), true, &v, NULL), SIP_NUM_NEGATIVE);
    assert_int_equal(sip_parse_delta(sp("soon"), true, &v, NULL), SIP_NUM_NOT_NUMERIC);
    assert_int_equal(sip_parse_delta(sp("5s"), true, &v, NULL), SIP_NUM_NOT_NUMERIC);
    assert_int_equal(sip_parse_delta(sp("5s"), false, &v, NULL), SIP_NUM_NOT_NUMERIC);
    assert_int_equal(sip_parse_delta(sp("1.5"), false, &v, NULL), SIP_NUM_NOT_NUMERIC);
    assert_int_equal(sip_parse_delta(sp("+5"), true, &v, NULL), SIP_NUM_NOT_NUMERIC);
    assert_int_equal(sip_parse_delta(sp("0x10"), true, &v, NULL), SIP_NUM_NOT_NUMERIC);
    assert_int_equal(sip_parse_delta(sp("4294967295"), true, &v, NULL), SIP_NUM_OK);
    assert_int_equal(v, 4294967295u);
    assert_int_equal(sip_parse_delta(sp("4294967296"), true, &v, NULL), SIP_NUM_OVERFLOW);
    assert_int_equal(v, SIP_DELTA_MAX);
    assert_int_equal(sip_parse_delta(sp("99999999999999999999999999999999999999"), true, &v, NULL),
                     SIP_NUM_OVERFLOW);
    assert_int_equal(v, SIP_DELTA_MAX);
    assert_int_equal(sip_parse_delta(sp("120 (comment)"), false, &v, &end), SIP_NUM_OK);
    assert_int_equal(end, 3);
    assert_int_equal(sip_parse_delta(sp("120 (comment)"), true, &v, NULL), SIP_NUM_NOT_NUMERIC);
    {
        sip_span_t none = { NULL, 0 };
        assert_int_equal(sip_parse_delta(none, true, &v, NULL), SIP_NUM_EMPTY);
    }
    assert_string_equal(sip_num_status_name(SIP_NUM_NEGATIVE), "negative");
}

static void
test_delta_huge(void **state)
{
    size_t n = 1000000, i;
    char *buf = malloc(n);
    sip_span_t s;
    uint32_t v;
    (void)state;

    assert_non_null(buf);
    for (i = 0; i < n; i++)
        buf[i] = '9';
    s.p = buf;
    s.len = n;
    assert_int_equal(sip_parse_delta(s, true, &v, NULL), SIP_NUM_OVERFLOW);
    assert_int_equal(v, SIP_DELTA_MAX);
    free(buf);
}

static void
test_list(void **state)
{
    sip_list_iter_t it;
    sip_span_t item;
    unsigned n = 0;
    (void)state;

    sip_list_init(&it, sp(" INVITE, ACK ,,BYE , "));
    while (sip_list_next(&it, &item)) {
        n++;
        if (n == 1)
            assert_true(sip_span_equals(item, "INVITE"));
        if (n == 2)
            assert_true(sip_span_equals(item, "ACK"));
        if (n == 3)
            assert_true(sip_span_equals(item, "BYE"));
    }
    assert_int_equal(n, 3);
    /* commas inside quotes and <...> do not split */
    sip_list_init(&it, sp("\"Doe, John\" <sip:a@b;x=1,2>;q=0.5, <sip:c@d>"));
    assert_true(sip_list_next(&it, &item));
    assert_true(sip_span_equals(item, "\"Doe, John\" <sip:a@b;x=1,2>;q=0.5"));
    assert_true(sip_list_next(&it, &item));
    assert_true(sip_span_equals(item, "<sip:c@d>"));
    assert_false(sip_list_next(&it, &item));
    /* an unterminated quote swallows the rest, without reading past it */
    {
        char *owner;
        sip_list_init(&it, exact("a, \"b, c", &owner));
        assert_true(sip_list_next(&it, &item));
        assert_true(sip_list_next(&it, &item));
        assert_true(sip_span_equals(item, "\"b, c"));
        assert_false(sip_list_next(&it, &item));
        free(owner);
    }
    assert_true(sip_list_has_token(sp("presence, Dialog;x=1"), "dialog", 6));
    assert_false(sip_list_has_token(sp("presence, dialog-info"), "dialog", 6));
    assert_false(sip_list_has_token(sp(""), "dialog", 6));
}

static void
test_params(void **state)
{
    sip_span_t v;
    (void)state;

    assert_true(sip_param_find(sp("<sip:a@b;q=0.1>;q=0.7;expires=60"), "q", &v));
    assert_true(sip_span_equals(v, "0.7"));
    assert_true(sip_param_find(sp("<sip:a@b>;EXPIRES=60"), "expires", &v));
    assert_true(sip_span_equals(v, "60"));
    assert_true(sip_param_find(sp("Q.850;text=\"a;b\";cause=16"), "cause", &v));
    assert_true(sip_span_equals(v, "16"));
    assert_true(sip_param_find(sp("x;lr"), "lr", &v));
    assert_int_equal(v.len, 0);
    assert_false(sip_param_find(sp("x;lr"), "q", &v));
    assert_false(sip_param_find(sp("\"a;q=1\" <sip:x>"), "q", &v));
    assert_true(sip_span_equals(sip_value_main(sp(" presence ;id=1")), "presence"));
    assert_true(sip_span_equals(sip_unquote(sp("\"x\"")), "x"));
    assert_int_equal(sip_unquote(sp("\"")).len, 0);
    /* The first list item's parameter only (the top Via's branch). */
    assert_true(sip_first_item_param(sp("SIP/2.0/UDP a;BRANCH=z9hG4bK1;rport, SIP/2.0/UDP b;branch=z9hG4bK2"),
                                     "branch", &v));
    assert_true(sip_span_equals(v, "z9hG4bK1"));
    assert_false(sip_first_item_param(sp("SIP/2.0/UDP a;rport, SIP/2.0/UDP b;branch=z9hG4bK2"), "branch", &v));
    assert_true(sip_param_find(sp("SIP/2.0/UDP a;rport, SIP/2.0/UDP b;branch=z9hG4bK2"), "branch", &v));
    assert_true(sip_first_item_param(sp("SIP/2.0/UDP a;x=\"1,2\";branch=b3"), "branch", &v));
    assert_true(sip_span_equals(v, "b3"));
}

/* Does the text hold a '>' that does not close a URI: a second one, or
 * one with no '<' before it? */
static bool
odd_gt(const char *s, size_t n)
{
    size_t i, gts = 0;
    bool lt = false;

    for (i = 0; i < n; i++) {
        lt = lt || s[i] == '<';
        if (s[i] == '>' && (++gts > 1 || !lt))
            return true;
    }
    return false;
}

/* A From, To or Contact value's header parameters, read from the end
 * (sip_address_param): the same answers as sip_param_find() wherever the
 * only '>' closes the URI, or there is none, on values shorter and longer than the
 * sixteen bytes read at once, with the URI's own parameters and quoted
 * display names, and the value cut at every length (each read within its
 * span). With another '>' (in a display name, a quoted value, or a value
 * the grammar does not allow), see the cases after the loop. */
static void
test_address_params(void **state)
{
    static const char *const values[] = {
        "\"u29\" <sip:u29@example.org>;tag=be4c41d9c0",
        "<sip:c4627@example.org>",
        "<sip:bob@example.org;tag=uri>;tag=header",
        "<sip:bob@example.org>;TAG = spaced ;x=1",
        "\"a>b;tag=9\" <sip:x@y>;tag=77",
        "\"a\" <sip:x@y>;tag=77;x=\"q>\"",
        "\"a\" <sip:x@y>;x=\"q>;tag=5\";tag=6",
        "sip:alice@atlanta.example.com;tag=1928301774",
        "<sip:x@y>;tag",
        "<sip:x@y>;tag=",
        "<sip:x@y>;p=<a>;tag=3",
        "<sip:very-long-user-name-for-the-test@a.long.domain.example.com>;tag=abcdefghijklmnopqrstuvwxyz0123",
        "<sip:x@y>;tag=a,b",
        "<sip:x@y>;tag=a<b",
        "Bob <sip:bob@b.example>;expires=60;tag=t1",
        ">;tag=1",
        "",
    };
    static const char *const names[] = { "tag", "expires", "x", "p" };
    size_t i, j, cut;
    (void)state;

    for (i = 0; i < sizeof values / sizeof values[0]; i++) {
        for (cut = 0; cut <= strlen(values[i]); cut++) {
            char *owner;
            char *prefix = strndup(values[i], cut);
            sip_span_t s = exact(prefix, &owner);
            for (j = 0; j < sizeof names / sizeof names[0]; j++) {
                sip_span_t a = { NULL, 0 }, b = { NULL, 0 };
                bool found_a = sip_address_param(s, names[j], &a);
                bool found_b = sip_param_find(s, names[j], &b);
                if (odd_gt(prefix, cut))
                    continue;
                assert_int_equal(found_a, found_b);
                if (found_a) {
                    assert_int_equal(a.len, b.len);
                    assert_true(a.p == b.p);
                }
            }
            free(owner);
            free(prefix);
        }
    }
    /* The header parameter, not the URI's. */
    {
        sip_span_t v;
        assert_true(sip_address_param(sp("<sip:bob@example.org;tag=uri>;tag=header"), "tag", &v));
        assert_true(sip_span_equals(v, "header"));
        assert_true(sip_address_param(sp("\"a>b;tag=9\" <sip:x@y>;tag=77"), "tag", &v));
        assert_true(sip_span_equals(v, "77"));
        assert_true(sip_address_param(sp("\"a\" <sip:x@y>;x=\"q>;tag=5\";tag=6"), "tag", &v));
        assert_true(sip_span_equals(v, "6"));
        assert_false(sip_address_param(sp("<sip:c4627@example.org>"), "tag", &v));
        /* A quoted value that holds a '>' is read as sip_param_find() reads it. */
        assert_true(sip_address_param(sp("\"a\" <sip:x@y>;tag=77;x=\"q>\""), "tag", &v));
        assert_true(sip_span_equals(v, "77"));
        /* A value in <...> (not in the grammar): read from after its '>'. */
        assert_true(sip_address_param(sp("<sip:x@y>;p=<a>;tag=3"), "tag", &v));
        assert_true(sip_span_equals(v, "3"));
        assert_false(sip_address_param(sp("<sip:x@y>;p=<a>;tag=3"), "p", &v));
    }
}

static void
test_retry_after(void **state)
{
    sip_retry_after_t ra;
    (void)state;

    sip_parse_retry_after(sp("120 (I'm in a meeting);duration=3600"), &ra);
    assert_int_equal(ra.status, SIP_NUM_OK);
    assert_int_equal(ra.seconds, 120);
    assert_true(sip_span_equals(ra.comment, "I'm in a meeting"));
    assert_true(ra.has_duration);
    assert_int_equal(ra.duration_status, SIP_NUM_OK);
    assert_int_equal(ra.duration, 3600);

    sip_parse_retry_after(sp("18000;duration=3600"), &ra);
    assert_int_equal(ra.seconds, 18000);
    assert_int_equal(ra.comment.len, 0);
    assert_int_equal(ra.duration, 3600);

    sip_parse_retry_after(sp("5 (a;duration=9 (nested) x)"), &ra);
    assert_int_equal(ra.seconds, 5);
    assert_false(ra.has_duration);          /* inside the comment */
    sip_parse_retry_after(sp("5 (never closed;duration=9"), &ra);
    assert_int_equal(ra.status, SIP_NUM_OK);
    assert_false(ra.has_duration);
    sip_parse_retry_after(sp("5;duration=soon"), &ra);
    assert_true(ra.has_duration);
    assert_int_equal(ra.duration_status, SIP_NUM_NOT_NUMERIC);

    sip_parse_retry_after(sp("-30"), &ra);
    assert_int_equal(ra.status, SIP_NUM_NEGATIVE);
    sip_parse_retry_after(sp("tomorrow"), &ra);
    assert_int_equal(ra.status, SIP_NUM_NOT_NUMERIC);
    sip_parse_retry_after(sp(""), &ra);
    assert_int_equal(ra.status, SIP_NUM_EMPTY);
    sip_parse_retry_after(sp("123456789012345678901234567890"), &ra);
    assert_int_equal(ra.status, SIP_NUM_OVERFLOW);
    assert_int_equal(ra.seconds, SIP_DELTA_MAX);
}

static void
test_warning(void **state)
{
    sip_warning_t w;
    char *owner;
    (void)state;

    sip_parse_warning(sp("304 gw1.example.net \"Media type not available\""), &w);
    assert_true(w.code_ok);
    assert_int_equal(w.code, 304);
    assert_true(sip_span_equals(w.agent, "gw1.example.net"));
    assert_true(sip_span_equals(w.text, "Media type not available"));
    assert_true(w.text_quoted);

    sip_parse_warning(sp("399 host \"say \\\"hi\\\"\""), &w);
    assert_true(w.text_quoted);
    assert_true(sip_span_equals(w.text, "say \\\"hi\\\""));

    sip_parse_warning(sp("199 host \"HTTP style\""), &w);
    assert_true(w.code_ok);
    assert_int_equal(w.code, 199);           /* the caller checks 300-399 */

    sip_parse_warning(sp("30x host \"t\""), &w);
    assert_false(w.code_ok);
    assert_int_equal(w.code, -1);
    sip_parse_warning(sp("3040 host \"t\""), &w);
    assert_false(w.code_ok);
    sip_parse_warning(sp("307"), &w);
    assert_true(w.code_ok);
    assert_int_equal(w.agent.len, 0);
    assert_int_equal(w.text.len, 0);
    sip_parse_warning(exact("307 h \"unterminated", &owner), &w);
    assert_false(w.text_quoted);
    assert_true(sip_span_equals(w.text, "unterminated"));
    free(owner);
    sip_parse_warning(sp(""), &w);
    assert_false(w.code_ok);
}

static void
test_reason(void **state)
{
    sip_reason_t r;
    (void)state;

    sip_parse_reason(sp("Q.850;cause=21;text=\"Call rejected\""), &r);
    assert_true(sip_span_equals(r.protocol, "Q.850"));
    assert_true(r.has_cause);
    assert_int_equal(r.cause_status, SIP_NUM_OK);
    assert_int_equal(r.cause, 21);
    assert_true(sip_span_equals(r.text, "Call rejected"));

    sip_parse_reason(sp("SIP ; cause = 580 ; text=\"Precondition\""), &r);
    assert_true(sip_span_equals(r.protocol, "SIP"));
    assert_int_equal(r.cause, 580);

    sip_parse_reason(sp("Q.850;text=\"no cause\""), &r);
    assert_false(r.has_cause);
    sip_parse_reason(sp("Q.850;cause=abc"), &r);
    assert_true(r.has_cause);
    assert_int_equal(r.cause_status, SIP_NUM_NOT_NUMERIC);
    sip_parse_reason(sp("Q.850;cause=-1"), &r);
    assert_int_equal(r.cause_status, SIP_NUM_NEGATIVE);
    sip_parse_reason(sp("Q.850;cause="), &r);
    assert_int_equal(r.cause_status, SIP_NUM_EMPTY);
    sip_parse_reason(sp("Q.850;cause=99999999999"), &r);
    assert_int_equal(r.cause_status, SIP_NUM_OVERFLOW);
    sip_parse_reason(sp(""), &r);
    assert_int_equal(r.protocol.len, 0);
    assert_false(r.has_cause);
}

static void
test_event(void **state)
{
    (void)state;
    assert_true(sip_span_equals(sip_event_package(sp("presence;id=12")), "presence"));
    assert_true(sip_span_equals(sip_event_package(sp("message-summary")), "message-summary"));
    assert_int_equal(sip_event_package(sp(";id=1")).len, 0);
}

static void
test_contact(void **state)
{
    sip_contact_t c;
    (void)state;

    sip_parse_contact(sp("\"Bob, Jr\" <sip:bob@192.0.2.4;transport=tcp>;q=0.7;expires=3600"), &c);
    assert_false(c.star);
    assert_true(sip_span_equals(c.display, "Bob, Jr"));
    assert_true(sip_span_equals(c.uri, "sip:bob@192.0.2.4;transport=tcp"));
    assert_true(c.has_q);
    assert_true(c.q_ok);
    assert_int_equal(c.q_milli, 700);
    assert_true(c.has_expires);
    assert_int_equal(c.expires_status, SIP_NUM_OK);
    assert_int_equal(c.expires, 3600);

    sip_parse_contact(sp("sip:carol@chicago.com;q=1.000"), &c);
    assert_true(sip_span_equals(c.uri, "sip:carol@chicago.com"));
    assert_true(c.q_ok);
    assert_int_equal(c.q_milli, 1000);
    sip_parse_contact(sp("*"), &c);
    assert_true(c.star);

    /* hostile q-values and expires */
    sip_parse_contact(sp("<sip:a@b>;q=1.5"), &c);
    assert_true(c.has_q);
    assert_false(c.q_ok);
    sip_parse_contact(sp("<sip:a@b>;q=0.12345"), &c);
    assert_false(c.q_ok);
    sip_parse_contact(sp("<sip:a@b>;q=-0.1"), &c);
    assert_false(c.q_ok);
    sip_parse_contact(sp("<sip:a@b>;q="), &c);
    assert_false(c.q_ok);
    sip_parse_contact(sp("<sip:a@b>;q=0."), &c);
    assert_true(c.q_ok);
    assert_int_equal(c.q_milli, 0);
    sip_parse_contact(sp("<sip:a@b>;expires=never"), &c);
    assert_true(c.has_expires);
    assert_int_equal(c.expires_status, SIP_NUM_NOT_NUMERIC);
    sip_parse_contact(sp("<sip:unterminated"), &c);
    assert_true(sip_span_equals(c.uri, "sip:unterminated"));
    sip_parse_contact(sp(""), &c);
    assert_int_equal(c.uri.len, 0);
}

static void
test_challenge(void **state)
{
    sip_challenge_t ch;
    (void)state;

    sip_parse_challenge(sp("Digest realm=\"atlanta.com\", domain=\"sip:ss1.carrier.com\", "
                           "qop=\"auth,auth-int\", nonce=\"f84f1cec41e6cbe5aea9c8e88d359\", "
                           "opaque=\"\", stale=TRUE, algorithm=SHA-256"), &ch);
    assert_true(sip_span_equals(ch.scheme, "Digest"));
    assert_true(sip_span_equals(ch.realm, "atlanta.com"));
    assert_true(sip_span_equals(ch.qop, "auth,auth-int"));
    assert_true(sip_span_equals(ch.algorithm, "SHA-256"));
    assert_true(sip_span_equals(ch.nonce, "f84f1cec41e6cbe5aea9c8e88d359"));
    assert_true(ch.has_stale);
    assert_true(ch.stale);

    sip_parse_challenge(sp("Digest username=\"alice\", realm=\"biloxi.com\", stale=false"), &ch);
    assert_true(sip_span_equals(ch.username, "alice"));
    assert_true(ch.has_stale);
    assert_false(ch.stale);

    /* a second challenge on the same line is not mixed into the first */
    sip_parse_challenge(sp("Digest realm=\"a\", nonce=\"1\", Digest realm=\"b\", algorithm=MD5"), &ch);
    assert_true(sip_span_equals(ch.realm, "a"));
    assert_int_equal(ch.algorithm.len, 0);

    sip_parse_challenge(sp(""), &ch);
    assert_int_equal(ch.scheme.len, 0);
    sip_parse_challenge(sp("Digest"), &ch);
    assert_true(sip_span_equals(ch.scheme, "Digest"));
    assert_int_equal(ch.realm.len, 0);
    sip_parse_challenge(sp("Digest realm=\"never closed, qop=auth"), &ch);
    assert_true(sip_span_equals(ch.realm, "\"never closed, qop=auth"));
    assert_int_equal(ch.qop.len, 0);
    assert_true(ch.malformed);

    /* Escaped quotes stay inside the value (RFC 3261 section 25.1). */
    sip_parse_challenge(sp("Digest realm=\"a\\\"b\\\\\", nonce=\"x\", algorithm=MD5"), &ch);
    assert_true(sip_span_equals(ch.realm, "a\\\"b\\\\"));
    assert_true(sip_span_equals(ch.algorithm, "MD5"));
    assert_false(ch.malformed);
    /* An unescaped quote inside a value: flagged, not trusted. */
    sip_parse_challenge(sp("Digest realm=\"x\"y\", nonce=\"n\", algorithm=MD5"), &ch);
    assert_true(ch.malformed);
    /* IMS AKA first REGISTER (3GPP TS 24.229): empty nonce and response. */
    sip_parse_challenge(sp("Digest username=\"001@ims.example\", realm=\"ims.example\", uri=\"sip:ims.example\", "
                           "nonce=\"\", response=\"\""), &ch);
    assert_int_equal(ch.nonce.len, 0);
    assert_int_equal(ch.response.len, 0);
    assert_true(sip_span_equals(ch.username, "001@ims.example"));
    sip_parse_challenge(sp("Digest username=\"bob\", nonce=\"abc\", response=\"6629fae49393a05397450978507c4ef1\""), &ch);
    assert_true(sip_span_equals(ch.response, "6629fae49393a05397450978507c4ef1"));
    assert_false(ch.malformed);
}

/* A value repeated many times: the list iterator walks it in bounded steps
 * and the caller can stop early. */
static void
test_repeated_list(void **state)
{
    size_t n = 1000, i, len = 0;
    char *buf = malloc(n * 16);
    sip_list_iter_t it;
    sip_span_t item, s;
    unsigned count = 0;
    (void)state;

    assert_non_null(buf);
    for (i = 0; i < n; i++)
        len += (size_t)sprintf(buf + len, "%s399 h \"x\"", i ? ", " : "");
    s.p = buf;
    s.len = len;
    sip_list_init(&it, s);
    while (sip_list_next(&it, &item)) {
        sip_warning_t w;
        sip_parse_warning(item, &w);
        assert_int_equal(w.code, 399);
        count++;
    }
    assert_int_equal(count, n);
    free(buf);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_delta),
        cmocka_unit_test(test_delta_huge),
        cmocka_unit_test(test_list),
        cmocka_unit_test(test_params),
        cmocka_unit_test(test_retry_after),
        cmocka_unit_test(test_warning),
        cmocka_unit_test(test_reason),
        cmocka_unit_test(test_event),
        cmocka_unit_test(test_contact),
        cmocka_unit_test(test_address_params),
        cmocka_unit_test(test_challenge),
        cmocka_unit_test(test_repeated_list),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
