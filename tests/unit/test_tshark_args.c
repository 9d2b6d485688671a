/* test_tshark_args.c: unit tests (cmocka) of reading which fields a tshark
 * command line prints (plugin/options/tshark_args.c).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "options/tshark_args.h"

#define ARGV(...) ((char *const[]){ "tshark", __VA_ARGS__ })
#define ARGC(...) ((int)(sizeof ARGV(__VA_ARGS__) / sizeof(char *)))
#define PARSE(out, ...) tshark_args_parse(ARGC(__VA_ARGS__), ARGV(__VA_ARGS__), (out))

static void
assert_fields(const tshark_args_t *a, size_t n, const char *const *names)
{
    size_t i;

    assert_int_equal(a->n_fields, n);
    for (i = 0; i < n; i++)
        assert_string_equal(a->fields[i], names[i]);
}

static void
test_fields_mode(void **state)
{
    tshark_args_t a;
    static const char *const want[] = { "frame.number", "sip_explain.code" };
    (void)state;

    assert_true(PARSE(&a, "-r", "x.pcap", "-T", "fields", "-e", "frame.number", "-e", "sip_explain.code"));
    assert_true(a.named_fields_only);
    assert_fields(&a, 2, want);
}

static void
test_attached_and_grouped_values(void **state)
{
    tshark_args_t a;
    static const char *const want[] = { "sip_explain.code", "sip_explain.class", "frame.number" };
    (void)state;

    /* -Tfields, -eNAME, and -qe NAME (a group whose last option takes the next word). */
    assert_true(PARSE(&a, "-Tfields", "-nr", "x.pcap", "-esip_explain.code", "-qe", "sip_explain.class",
                      "-lnE", "header=y", "-e", "frame.number"));
    assert_true(a.named_fields_only);
    assert_fields(&a, 3, want);
}

static void
test_values_that_look_like_options(void **state)
{
    tshark_args_t a;
    static const char *const want[] = { "-e" };
    (void)state;

    /* The word after -Y is its value even when it starts with '-'. */
    assert_true(PARSE(&a, "-Y", "-e", "-T", "fields", "-e", "-e"));
    assert_true(a.named_fields_only);
    assert_fields(&a, 1, want);
}

static void
test_other_formats(void **state)
{
    tshark_args_t a;
    (void)state;

    assert_true(PARSE(&a, "-r", "x.pcap", "-V"));
    assert_false(a.named_fields_only);
    assert_true(PARSE(&a, "-T", "json", "-r", "x.pcap"));
    assert_false(a.named_fields_only);          /* json without -e: whole tree */
    assert_true(PARSE(&a, "-T", "json", "-e", "sip_explain.code"));
    assert_true(a.named_fields_only);
    assert_true(PARSE(&a, "-T", "ek", "-e", "sip_explain.code"));
    assert_true(a.named_fields_only);
    assert_true(PARSE(&a, "-T", "pdml", "-e", "sip_explain.code"));
    assert_true(a.named_fields_only);
    assert_true(PARSE(&a, "-T", "text", "-e", "sip_explain.code"));
    assert_false(a.named_fields_only);
    /* The last -T counts, as in tshark. */
    assert_true(PARSE(&a, "-T", "fields", "-e", "sip.Method", "-T", "pdml"));
    assert_true(a.named_fields_only);
    assert_true(PARSE(&a, "-T", "fields", "-e", "sip.Method", "-T", "text"));
    assert_false(a.named_fields_only);
}

static void
test_long_options(void **state)
{
    tshark_args_t a;
    static const char *const want[] = { "sip_explain.code" };
    (void)state;

    assert_true(PARSE(&a, "--read-file", "x.pcap", "--display-filter=sip", "--color", "-T", "fields",
                      "-e", "sip_explain.code", "--log-level", "critical"));
    assert_true(a.named_fields_only);
    assert_fields(&a, 1, want);
    /* Not understood: an abbreviation, an unknown option, a value missing. */
    assert_false(PARSE(&a, "--read-f", "x.pcap", "-T", "fields", "-e", "sip_explain.code"));
    assert_false(a.named_fields_only);
    assert_int_equal(a.n_fields, 0);
    assert_false(PARSE(&a, "--no-such-option", "-T", "fields", "-e", "sip_explain.code"));
    assert_false(PARSE(&a, "--color=yes", "-T", "fields", "-e", "sip_explain.code"));
    assert_false(PARSE(&a, "-T", "fields", "-e", "sip_explain.code", "--read-file"));
}

static void
test_unknown_short_options(void **state)
{
    tshark_args_t a;
    (void)state;

    assert_false(PARSE(&a, "-T", "fields", "-e", "sip_explain.code", "-k"));
    assert_false(a.named_fields_only);
    assert_false(PARSE(&a, "-T", "fields", "-e"));               /* value missing */
    assert_false(PARSE(&a, "-G", "fields"));                     /* a report */
    assert_false(PARSE(&a, "-qG"));
}

static void
test_options_end(void **state)
{
    tshark_args_t a;
    static const char *const want[] = { "sip_explain.code" };
    (void)state;

    /* tshark's option string starts with '+': the first non-option ends
     * the options, the rest is a filter (and "--" ends them too). */
    assert_true(PARSE(&a, "-T", "fields", "-e", "sip_explain.code", "sip", "-e", "frame.number"));
    assert_fields(&a, 1, want);
    assert_true(PARSE(&a, "-T", "fields", "-e", "sip_explain.code", "--", "-e", "frame.number"));
    assert_fields(&a, 1, want);
    assert_true(PARSE(&a, "-T", "fields", "-e", "sip_explain.code", "-", "-e", "frame.number"));
    assert_fields(&a, 1, want);
}

static void
test_too_many_fields(void **state)
{
    char *argv[3 + 2 * (TSHARK_ARGS_MAX_FIELDS + 1)];
    tshark_args_t a;
    int argc = 0, i;
    (void)state;

    argv[argc++] = "tshark";
    argv[argc++] = "-Tfields";
    for (i = 0; i < TSHARK_ARGS_MAX_FIELDS; i++) {
        argv[argc++] = "-e";
        argv[argc++] = "frame.number";
    }
    assert_true(tshark_args_parse(argc, argv, &a));
    assert_int_equal(a.n_fields, TSHARK_ARGS_MAX_FIELDS);
    argv[argc++] = "-e";
    argv[argc++] = "frame.number";
    assert_false(tshark_args_parse(argc, argv, &a));
    assert_false(a.named_fields_only);
}

static void
test_degenerate(void **state)
{
    tshark_args_t a;
    char *const only_name[] = { "tshark" };
    char *const with_null[] = { "tshark", NULL, "-e", "x" };
    (void)state;

    assert_false(tshark_args_parse(0, only_name, &a));
    assert_false(tshark_args_parse(1, NULL, &a));
    assert_true(tshark_args_parse(1, only_name, &a));
    assert_false(a.named_fields_only);
    assert_false(tshark_args_parse(4, with_null, &a));
}

/* -2: the first pass records what the second reads (call outcomes). */
static void
test_two_pass(void **state)
{
    tshark_args_t a;
    (void)state;

    assert_true(PARSE(&a, "-r", "x.pcap", "-V"));
    assert_false(a.two_pass);
    assert_true(PARSE(&a, "-2", "-r", "x.pcap"));
    assert_true(a.two_pass);
    assert_true(PARSE(&a, "-nV2", "-r", "x.pcap"));        /* grouped */
    assert_true(a.two_pass);
    assert_true(PARSE(&a, "-Y", "-2", "-r", "x.pcap"));    /* a value, not the option */
    assert_false(a.two_pass);
    assert_true(PARSE(&a, "-r", "x.pcap", "--", "-2"));   /* after the options */
    assert_false(a.two_pass);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fields_mode),
        cmocka_unit_test(test_attached_and_grouped_values),
        cmocka_unit_test(test_values_that_look_like_options),
        cmocka_unit_test(test_other_formats),
        cmocka_unit_test(test_long_options),
        cmocka_unit_test(test_unknown_short_options),
        cmocka_unit_test(test_options_end),
        cmocka_unit_test(test_too_many_fields),
        cmocka_unit_test(test_degenerate),
        cmocka_unit_test(test_two_pass),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
