/* test_rfc_facts.c: unit tests (cmocka) of the generated tables against
 * facts written here from the RFCs, not read from data/: the Q.850 to SIP
 * mapping of RFC 3398 section 7.2.4.1, the warn-codes of RFC 3261 section
 * 20.43 and the IANA registry, and the class of every code.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "sip_explain_table.h"

/* RFC 3398 section 7.2.4.1, ISUP cause value -> SIP response. The RFC
 * writes "510 Not implemented" for cause 29; there is no 510 and the text
 * names 501, so 501. Cause 16 (normal call clearing) maps to no response
 * (a BYE), as does every cause the table does not list. */
static const struct { int cause, sip; } rfc3398[] = {
    { 1, 404 }, { 2, 404 }, { 3, 404 }, { 17, 486 }, { 18, 408 }, { 19, 480 }, { 20, 480 },
    { 21, 403 }, { 22, 410 }, { 23, 410 }, { 26, 404 }, { 27, 502 }, { 28, 484 }, { 29, 501 },
    { 31, 480 }, { 34, 503 }, { 38, 503 }, { 41, 503 }, { 42, 503 }, { 47, 503 }, { 55, 403 },
    { 57, 403 }, { 58, 503 }, { 65, 488 }, { 70, 488 }, { 79, 501 }, { 87, 403 }, { 88, 503 },
    { 102, 504 }, { 111, 500 }, { 127, 500 },
};

static int
rfc3398_sip(int cause)
{
    size_t i;

    for (i = 0; i < sizeof rfc3398 / sizeof rfc3398[0]; i++)
        if (rfc3398[i].cause == cause)
            return rfc3398[i].sip;
    return 0;
}

static void
test_q850_to_sip_rfc3398(void **state)
{
    int cause;
    (void)state;

    for (cause = 0; cause <= 127; cause++) {
        const sip_explain_code_text_t *row = sip_explain_lookup_q850(cause);
        assert_non_null(row);
        if (row->sip != rfc3398_sip(cause))
            fail_msg("Q.850 cause %d maps to %d, RFC 3398 section 7.2.4.1 says %d", cause, row->sip,
                     rfc3398_sip(cause));
    }
    assert_null(sip_explain_lookup_q850(-1));
    assert_null(sip_explain_lookup_q850(128));
}

/* RFC 3261 section 20.43 and the IANA warn-code registry (308: RFC 8373;
 * 380, 381: RFC 5630). Other codes of 300-399 get the fallback row. */
static const struct { int code; const char *text; } warn_codes[] = {
    { 300, "Incompatible network protocol" }, { 301, "Incompatible network address formats" },
    { 302, "Incompatible transport protocol" }, { 303, "Incompatible bandwidth units" },
    { 304, "Media type not available" }, { 305, "Incompatible media format" },
    { 306, "Attribute not understood" }, { 307, "Session description parameter not understood" },
    { 308, "Incompatible language specification" }, { 330, "Multicast not available" },
    { 331, "Unicast not available" }, { 370, "Insufficient bandwidth" },
    { 380, "SIPS Not Allowed" }, { 381, "SIPS Required" }, { 399, "Miscellaneous warning" },
};

static void
test_warn_codes_rfc3261_and_iana(void **state)
{
    int code;
    (void)state;

    for (code = 300; code <= 399; code++) {
        const sip_explain_code_text_t *row = sip_explain_lookup_warn(code);
        const char *want = NULL;
        size_t i;

        for (i = 0; i < sizeof warn_codes / sizeof warn_codes[0]; i++)
            if (warn_codes[i].code == code)
                want = warn_codes[i].text;
        assert_non_null(row);
        if (want) {
            assert_int_equal(row->code, code);
            assert_string_equal(row->reason, want);
        } else {
            assert_ptr_equal(row, &sip_explain_warn_fallback);
        }
    }
    assert_null(sip_explain_lookup_warn(299));
    assert_null(sip_explain_lookup_warn(400));
}

/* RFC 3261 section 7.2: the first digit is the class; 100-699 only. */
static void
test_class_boundaries(void **state)
{
    long code;
    (void)state;

    for (code = 100; code <= 699; code++) {
        assert_int_equal(sip_explain_class_of(code), code / 100);
        assert_non_null(sip_explain_lookup(code));
        assert_int_equal(sip_explain_lookup(code)->klass, code / 100);
    }
    assert_int_equal(sip_explain_class_of(99), SIP_EXPLAIN_CLASS_NONE);
    assert_int_equal(sip_explain_class_of(700), SIP_EXPLAIN_CLASS_NONE);
    assert_null(sip_explain_lookup(99));
    assert_null(sip_explain_lookup(700));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_q850_to_sip_rfc3398),
        cmocka_unit_test(test_warn_codes_rfc3261_and_iana),
        cmocka_unit_test(test_class_boundaries),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
