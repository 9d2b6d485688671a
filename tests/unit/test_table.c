/* test_table.c: unit tests (cmocka) of the lookups over the generated tables.
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

#include "sip_explain_table.h"

/* The registry, read from tests/iana_response_codes.csv (path in argv). */
static const char *iana_csv;

typedef struct {
    int code;
    char reason[64];
    int rfc;
} iana_row_t;

static int
read_iana(iana_row_t *rows, int max)
{
    FILE *f = fopen(iana_csv, "r");
    char line[256];
    int n = 0;

    assert_non_null(f);
    while (fgets(line, sizeof line, f) && n < max) {
        char *c1, *c2;
        if (line[0] < '0' || line[0] > '9')
            continue;
        c1 = strchr(line, ',');
        c2 = c1 ? strchr(c1 + 1, ',') : NULL;
        assert_non_null(c2);
        rows[n].code = atoi(line);
        snprintf(rows[n].reason, sizeof rows[n].reason, "%.*s", (int)(c2 - c1 - 1), c1 + 1);
        rows[n].rfc = atoi(c2 + 1);
        n++;
    }
    fclose(f);
    return n;
}

static void
test_registered_codes_match_registry(void **state)
{
    iana_row_t rows[128];
    int n = read_iana(rows, 128), i;
    (void)state;

    assert_int_equal(n, 75);
    assert_int_equal(sip_explain_responses_count, 75);
    for (i = 0; i < n; i++) {
        const sip_explain_entry_t *e = sip_explain_lookup_registered(rows[i].code);
        assert_non_null(e);
        assert_int_equal(e->code, rows[i].code);
        assert_string_equal(e->reason, rows[i].reason);
        assert_int_equal(e->rfcs[0], rows[i].rfc);
        assert_int_equal(e->klass, rows[i].code / 100);
        assert_true(e->registered);
        assert_ptr_equal(sip_explain_lookup(rows[i].code), e);
        assert_non_null(e->description[SIP_EXPLAIN_LANG_EN]);
        assert_non_null(e->when[SIP_EXPLAIN_LANG_EN]);
        assert_non_null(e->fix[SIP_EXPLAIN_LANG_EN]);
        assert_true(strlen(e->summary[SIP_EXPLAIN_LANG_EN]) <= strlen(e->description[SIP_EXPLAIN_LANG_EN]));
        assert_true(e->n_methods > 0);
    }
}

static void
test_every_in_range_code_resolves(void **state)
{
    long code;
    int registered = 0;
    (void)state;

    for (code = 100; code <= 699; code++) {
        const sip_explain_entry_t *e = sip_explain_lookup(code);
        assert_non_null(e);
        assert_int_equal(e->klass, code / 100);
        if (e->registered) {
            assert_int_equal(e->code, code);
            registered++;
        } else {
            assert_ptr_equal(e, &sip_explain_classes[code / 100 - 1]);
            assert_null(sip_explain_lookup_registered(code));
        }
    }
    assert_int_equal(registered, 75);
}

static void
test_out_of_range(void **state)
{
    long bad[] = { -1, 0, 99, 700, 799, 999, 4294967301L, -4294967301L };
    size_t i;
    (void)state;

    for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_null(sip_explain_lookup(bad[i]));
        assert_null(sip_explain_lookup_registered(bad[i]));
        assert_int_equal(sip_explain_class_of(bad[i]), SIP_EXPLAIN_CLASS_NONE);
    }
}

static void
test_names(void **state)
{
    (void)state;
    assert_string_equal(sip_explain_class_name(SIP_EXPLAIN_CLASS_CLIENT_FAILURE), "Client Failure");
    assert_string_equal(sip_explain_class_name(SIP_EXPLAIN_CLASS_GLOBAL_FAILURE), "Global Failure");
    assert_null(sip_explain_class_name(SIP_EXPLAIN_CLASS_NONE));
    assert_null(sip_explain_class_name((sip_explain_class_t)42));
    assert_string_equal(sip_explain_severity_name(SIP_EXPLAIN_SEV_ERROR), "Error");
    assert_null(sip_explain_severity_name(SIP_EXPLAIN_SEV_COUNT));
    assert_int_equal(sip_explain_lang_from_name("ru"), SIP_EXPLAIN_LANG_RU);
    assert_int_equal(sip_explain_lang_from_name("de"), -1);
    assert_int_equal(sip_explain_lang_from_name(NULL), -1);
}

static void
test_methods_and_text_fallback(void **state)
{
    const sip_explain_entry_t *e489 = sip_explain_lookup(489);
    const sip_explain_entry_t *e404 = sip_explain_lookup(404);
    const char *const untranslated[SIP_EXPLAIN_LANG_COUNT] = { "english", NULL, NULL };
    (void)state;

    assert_true(sip_explain_entry_answers_method(e489, "SUBSCRIBE", 9));
    assert_false(sip_explain_entry_answers_method(e489, "INVITE", 6));
    assert_true(sip_explain_entry_answers_method(e404, "INVITE", 6));
    assert_string_equal(sip_explain_text(untranslated, SIP_EXPLAIN_LANG_VI), "english");
}

static void
test_code_tables(void **state)
{
    const sip_explain_code_text_t *w = sip_explain_lookup_warn(304);
    const sip_explain_code_text_t *q = sip_explain_lookup_q850(17);
    (void)state;

    assert_non_null(w);
    assert_int_equal(w->code, 304);
    assert_string_equal(w->reason, "Media type not available");
    assert_ptr_equal(sip_explain_lookup_warn(398), &sip_explain_warn_fallback);
    assert_null(sip_explain_lookup_warn(299));
    assert_null(sip_explain_lookup_warn(400));
    assert_non_null(q);
    assert_string_equal(q->reason, "User busy");
    assert_int_equal(q->sip, 486);
    assert_ptr_equal(sip_explain_lookup_q850(126), &sip_explain_q850_fallback);
    assert_null(sip_explain_lookup_q850(128));
    assert_null(sip_explain_lookup_q850(-1));
}

int
main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_registered_codes_match_registry),
        cmocka_unit_test(test_every_in_range_code_resolves),
        cmocka_unit_test(test_out_of_range),
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_methods_and_text_fallback),
        cmocka_unit_test(test_code_tables),
    };

    if (argc != 2) {
        fprintf(stderr, "usage: %s tests/iana_response_codes.csv\n", argv[0]);
        return 2;
    }
    iana_csv = argv[1];
    return cmocka_run_group_tests(tests, NULL, NULL);
}
