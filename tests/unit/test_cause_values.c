/* test_cause_values.c: unit tests (cmocka) of what reads a vendor's cause:
 * the parsers of plugin/parse/sip_causes.c (ms-diagnostics, X-Twilio-Error,
 * a Teams correlation id, a STIR ppi), the user table's row check
 * (plugin/options/cause_row.c) and the lookup of the built-in cause tables
 * (table/sip_explain_lookup.c) with their ranges.
 *
 * Expectations come from the formats' sources: [MS-OCER] section 2.2.1.2
 * ("<ErrorId>[.<SubErrorCode>];reason=...;source=..."), Twilio's header
 * "X-Twilio-Error: <code> <message>", RFC 9410 section 4 (a ppi names a
 * PASSporT in full form or in compact form "..<signature>", RFC 8225
 * section 7).
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

#include "options/cause_row.h"
#include "parse/sip_causes.h"
#include "sip_explain_table.h"

static sip_span_t
sp(const char *s)
{
    sip_span_t r = { s, strlen(s) };
    return r;
}

static void
assert_span(sip_span_t s, const char *want)
{
    assert_int_equal(s.len, strlen(want));
    assert_memory_equal(s.p, want, s.len);
}

static void
test_ms_diagnostics(void **state)
{
    sip_ms_diagnostics_t d;
    (void)state;

    sip_parse_ms_diagnostics(sp("1034;reason=\"Previous hop federated peer did not report diagnostic information\";"
                                "Domain=\"contoso.com\";source=\"edge.contoso.com\""), &d);
    assert_int_equal(d.id_status, SIP_NUM_OK);
    assert_int_equal(d.id, 1034);
    assert_false(d.has_sub);
    assert_span(d.reason, "Previous hop federated peer did not report diagnostic information");
    assert_span(d.source, "edge.contoso.com");

    sip_parse_ms_diagnostics(sp(" 1003.2 ; reason=\"User does not exist\""), &d);
    assert_int_equal(d.id, 1003);
    assert_true(d.has_sub);
    assert_int_equal(d.sub_status, SIP_NUM_OK);
    assert_int_equal(d.sub, 2);
    assert_int_equal(d.source.len, 0);

    /* As Lync logs show it: blanks around '=' and between parameters. */
    sip_parse_ms_diagnostics(sp("1009; reason =\"No match for domain in DNS SRV results\"; domain =\" cms.example \";"
                                "source=\"sip.example.lab\""), &d);
    assert_int_equal(d.id, 1009);
    assert_span(d.reason, "No match for domain in DNS SRV results");
    assert_span(d.source, "sip.example.lab");

    /* Bad ids are reported, never trusted. */
    sip_parse_ms_diagnostics(sp("abc;reason=\"x\""), &d);
    assert_int_equal(d.id_status, SIP_NUM_NOT_NUMERIC);
    assert_span(d.id_text, "abc");
    sip_parse_ms_diagnostics(sp("12."), &d);
    assert_true(d.has_sub);
    assert_int_equal(d.sub_status, SIP_NUM_EMPTY);
    sip_parse_ms_diagnostics(sp("99999999999999999999"), &d);
    assert_int_equal(d.id_status, SIP_NUM_OVERFLOW);
    sip_parse_ms_diagnostics(sp(""), &d);
    assert_int_equal(d.id_status, SIP_NUM_EMPTY);
    /* A missing closing quote: the reason runs to the end. */
    sip_parse_ms_diagnostics(sp("2;reason=\"unterminated"), &d);
    assert_int_equal(d.id, 2);
}

static void
test_twilio_error(void **state)
{
    sip_twilio_error_t t;
    (void)state;

    sip_parse_twilio_error(sp("32011 Error communicating with target SIP endpoint"), &t);
    assert_int_equal(t.code_status, SIP_NUM_OK);
    assert_int_equal(t.code, 32011);
    assert_span(t.message, "Error communicating with target SIP endpoint");
    sip_parse_twilio_error(sp("  13227\t"), &t);
    assert_int_equal(t.code, 13227);
    assert_int_equal(t.message.len, 0);
    sip_parse_twilio_error(sp("oops no code"), &t);
    assert_int_equal(t.code_status, SIP_NUM_NOT_NUMERIC);
    assert_span(t.code_text, "oops");
    sip_parse_twilio_error(sp(""), &t);
    assert_int_equal(t.code_status, SIP_NUM_EMPTY);
}

static void
test_correlation_id(void **state)
{
    sip_span_t id, rest;
    (void)state;

    assert_true(sip_split_correlation_id(sp("0a1b2c3d-4e5f-4789-abcd-ef0123456789;No callee endpoints were found."),
                                         &id, &rest));
    assert_span(id, "0a1b2c3d-4e5f-4789-abcd-ef0123456789");
    assert_span(rest, "No callee endpoints were found.");
    /* Not an id: words, too short, or no text after it. */
    assert_false(sip_split_correlation_id(sp("Normal call clearing;really"), &id, &rest));
    assert_false(sip_split_correlation_id(sp("abc;text"), &id, &rest));
    assert_false(sip_split_correlation_id(sp("0a1b2c3d4e5f"), &id, &rest));
    assert_false(sip_split_correlation_id(sp(""), &id, &rest));
}

static void
test_ppi_form(void **state)
{
    sip_span_t none = { NULL, 0 };
    (void)state;

    assert_int_equal(sip_ppi_form(none), SIP_PPI_NONE);
    assert_int_equal(sip_ppi_form(sp("..c2lnbmF0dXJl")), SIP_PPI_COMPACT);
    assert_int_equal(sip_ppi_form(sp("eyJhbGciOiJFUzI1NiJ9.eyJpYXQiOjE0NDN9.c2ln_-")), SIP_PPI_FULL);
    assert_int_equal(sip_ppi_form(sp("not a passport")), SIP_PPI_MALFORMED);
    assert_int_equal(sip_ppi_form(sp("..")), SIP_PPI_MALFORMED);
    assert_int_equal(sip_ppi_form(sp("a..b")), SIP_PPI_MALFORMED);
    assert_int_equal(sip_ppi_form(sp("a.b")), SIP_PPI_MALFORMED);
    assert_int_equal(sip_ppi_form(sp("")), SIP_PPI_MALFORMED);
}

static void
test_cause_row_check(void **state)
{
    int kind = -1;
    uint32_t code = 0;
    (void)state;

    assert_null(sip_explain_cause_row_check("ms-diagnostics", " 52001 ", "Custom", "Meaning", &kind, &code));
    assert_int_equal(kind, SIP_EXPLAIN_CAUSES_MS_DIAGNOSTICS);
    assert_int_equal(code, 52001);
    assert_null(sip_explain_cause_row_check(" FreeSWITCH ", "835", "MY_CAUSE", NULL, &kind, &code));
    assert_int_equal(kind, SIP_EXPLAIN_CAUSES_FREESWITCH);
    assert_null(sip_explain_cause_row_check("twilio", "32999", "X", "", &kind, &code));
    assert_int_equal(kind, SIP_EXPLAIN_CAUSES_TWILIO);

    assert_string_equal(sip_explain_cause_row_check("asterisk", "16", "x", NULL, &kind, &code),
                        "the kind is not freeswitch, ms-diagnostics or twilio");
    assert_string_equal(sip_explain_cause_row_check(NULL, "16", "x", NULL, &kind, &code),
                        "the kind is not freeswitch, ms-diagnostics or twilio");
    assert_string_equal(sip_explain_cause_row_check("freeswitch", "1000", "x", NULL, &kind, &code),
                        "the code is not a number from 0 to 999");
    assert_string_equal(sip_explain_cause_row_check("twilio", "123456789", "x", NULL, &kind, &code),
                        "the code is not a number from 0 to 99999");
    assert_string_equal(sip_explain_cause_row_check("ms-diagnostics", "12a", "x", NULL, &kind, &code),
                        "the code is not a number from 0 to 999999");
    assert_string_equal(sip_explain_cause_row_check("twilio", "", "x", NULL, &kind, &code),
                        "the code is not a number from 0 to 99999");
    assert_string_equal(sip_explain_cause_row_check("twilio", "32011", " \t", NULL, &kind, &code),
                        "the name is empty");
}

/* The built-in tables: every row sorted, ranges not overlapping, a code
 * found as its own row, else in its range, else the fallback. */
static void
test_cause_tables(void **state)
{
    int t;
    (void)state;

    for (t = 0; t < SIP_EXPLAIN_CAUSE_TABLE_COUNT; t++) {
        const sip_explain_cause_rows_t *c = &sip_explain_cause_tables[t];
        size_t i;
        int last_range_end = -1;

        assert_true(c->count > 0);
        for (i = 0; i < c->count; i++) {
            const sip_explain_code_text_t *r = &c->rows[i];
            int probe;

            assert_true(r->last >= r->code);
            assert_non_null(r->reason);
            for (int lang = 0; lang < SIP_EXPLAIN_LANG_COUNT; lang++)
                assert_non_null(r->description[lang]);
            if (i)
                assert_true(c->rows[i - 1].code <= r->code);
            if (r->last > r->code) {
                assert_true(r->code > last_range_end);
                last_range_end = r->last;
                /* A code inside the range without a row of its own. */
                for (probe = r->code; probe <= r->last; probe++) {
                    const sip_explain_code_text_t *got = sip_explain_lookup_cause((sip_explain_cause_table_t)t, probe);
                    if (got->code == probe && got->last == probe)
                        continue;
                    assert_ptr_equal(got, r);
                    break;
                }
            } else {
                assert_ptr_equal(sip_explain_lookup_cause((sip_explain_cause_table_t)t, r->code), r);
            }
        }
        assert_ptr_equal(sip_explain_lookup_cause((sip_explain_cause_table_t)t, 5000000), c->fallback);
    }
    assert_null(sip_explain_lookup_cause(SIP_EXPLAIN_CAUSE_TABLE_COUNT, 1));
}

/* Facts of the sources, checked against the data files. */
static void
test_cause_facts(void **state)
{
    const sip_explain_code_text_t *r;
    (void)state;

    /* FreeSWITCH switch_types.h: 601 and 801 are ATTENDED_TRANSFER, 609
     * and 809 GATEWAY_DOWN. */
    r = sip_explain_lookup_cause(SIP_EXPLAIN_CAUSES_FREESWITCH, 601);
    assert_non_null(r);
    assert_string_equal(r->reason, "ATTENDED_TRANSFER");
    assert_string_equal(sip_explain_lookup_cause(SIP_EXPLAIN_CAUSES_FREESWITCH, 801)->reason, "ATTENDED_TRANSFER");
    assert_string_equal(sip_explain_lookup_cause(SIP_EXPLAIN_CAUSES_FREESWITCH, 609)->reason, "GATEWAY_DOWN");
    assert_string_equal(sip_explain_lookup_cause(SIP_EXPLAIN_CAUSES_FREESWITCH, 809)->reason, "GATEWAY_DOWN");
    assert_null(sip_explain_lookup_cause(SIP_EXPLAIN_CAUSES_FREESWITCH, 16));
    /* [MS-OCER]: ids 12000-12999 are outbound call routing, 13000-13999
     * inbound; an id outside every range gets the fallback. */
    r = sip_explain_lookup_cause(SIP_EXPLAIN_CAUSES_MS_DIAGNOSTICS, 12345);
    assert_int_equal(r->code, 12000);
    assert_int_equal(r->last, 12999);
    r = sip_explain_lookup_cause(SIP_EXPLAIN_CAUSES_MS_DIAGNOSTICS, 13999);
    assert_int_equal(r->code, 13000);
    /* Twilio: 32011 is the SIP endpoint error. */
    r = sip_explain_lookup_cause(SIP_EXPLAIN_CAUSES_TWILIO, 32011);
    assert_non_null(r);
    assert_int_equal(r->code, 32011);
    assert_null(sip_explain_lookup_cause(SIP_EXPLAIN_CAUSES_TWILIO, 10001));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ms_diagnostics),
        cmocka_unit_test(test_twilio_error),
        cmocka_unit_test(test_correlation_id),
        cmocka_unit_test(test_ppi_form),
        cmocka_unit_test(test_cause_row_check),
        cmocka_unit_test(test_cause_tables),
        cmocka_unit_test(test_cause_facts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
