/* test_text_cut.c: unit tests (cmocka) of cutting texts to a byte limit
 * (plugin/text_cut.c): at a character boundary, at a space where one is
 * near, with an ellipsis.
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

#include "text_cut.h"

/* Russian, Vietnamese (3-byte letters), an emoji (4 bytes), ASCII. */
static const char mixed[] =
    "Запрос отклонён: người dùng không trả lời \xF0\x9F\x93\x9E rules out communication, entirely";

static void
test_fits(void **state)
{
    (void)state;
    assert_int_equal(sip_explain_cut_len("abc def", 7), 7);
    assert_int_equal(sip_explain_cut_len("abc def", 100), 7);
    assert_int_equal(sip_explain_cut_len("", 0), 0);
}

static void
test_ascii_at_space(void **state)
{
    static const char text[] = "a state that rules out communication.";
    (void)state;

    /* "a state that rules out communicatio" would be 35 bytes. */
    assert_int_equal(sip_explain_cut_len(text, 35), strlen("a state that rules out"));
    /* A cut right before a space keeps the word whole. */
    assert_int_equal(sip_explain_cut_len(text, 7), 7);
    /* Several spaces before the cut are dropped. */
    assert_int_equal(sip_explain_cut_len("one two   three", 11), 7);
}

static void
test_multibyte_boundaries(void **state)
{
    /* "Запрос" is 12 bytes, each letter 2. */
    static const char ru[] = "Запросотклонён";
    /* "người" : n, g, ư (2 bytes), ờ (3 bytes), i */
    static const char vi[] = "người";
    static const char emoji[] = "ab\xF0\x9F\x93\x9E" "cd";
    (void)state;

    assert_int_equal(sip_explain_cut_len(ru, 11), 10);
    assert_int_equal(sip_explain_cut_len(ru, 12), 12);
    assert_int_equal(sip_explain_cut_len(vi, 3), 2);
    assert_int_equal(sip_explain_cut_len(vi, 4), 4);
    assert_int_equal(sip_explain_cut_len(vi, 5), 4);
    assert_int_equal(sip_explain_cut_len(vi, 6), 4);
    assert_int_equal(sip_explain_cut_len(vi, 7), 7);
    assert_int_equal(sip_explain_cut_len(emoji, 3), 2);
    assert_int_equal(sip_explain_cut_len(emoji, 5), 2);
    assert_int_equal(sip_explain_cut_len(emoji, 6), 6);
}

static void
test_long_last_word(void **state)
{
    /* The only space is in the first half: cut between characters. */
    static const char text[] = "To: sip:verylongaccountname@example.com";
    (void)state;

    assert_int_equal(sip_explain_cut_len(text, 20), 20);
    /* Space at 3, cut at 6: the space is kept as the word boundary. */
    assert_int_equal(sip_explain_cut_len(text, 6), 3);
}

static void
test_not_utf8(void **state)
{
    /* Continuation bytes only: no boundary near, cut at the limit. */
    static const char text[] = "\x80\x80\x80\x80\x80\x80\x80\x80";
    (void)state;

    assert_int_equal(sip_explain_cut_len(text, 5), 5);
    assert_int_equal(sip_explain_cut_len(text, 0), 0);
}

/* Every limit over the mixed text: the cut fits, is valid UTF-8 and is a
 * prefix of the text; the ellipsis is there exactly when the text was cut. */
static void
test_every_limit(void **state)
{
    size_t len = strlen(mixed), max;
    (void)state;

    for (max = 0; max <= len + 1; max++) {
        size_t n = sip_explain_cut_len(mixed, max);
        const char *cut = sip_explain_cut_text(NULL, mixed, max);
        size_t cut_len = strlen(cut);

        assert_true(n <= max);
        assert_true(g_utf8_validate(mixed, (gssize)n, NULL));
        assert_true(cut_len <= max);
        assert_true(g_utf8_validate(cut, -1, NULL));
        if (max >= len) {
            assert_ptr_equal(cut, mixed);
        } else {
            assert_ptr_not_equal(cut, mixed);
            if (max >= SIP_EXPLAIN_ELLIPSIS_BYTES) {
                assert_true(g_str_has_suffix(cut, SIP_EXPLAIN_ELLIPSIS));
                assert_memory_equal(cut, mixed, cut_len - SIP_EXPLAIN_ELLIPSIS_BYTES);
            } else {
                assert_memory_equal(cut, mixed, cut_len);
            }
            g_free((char *)cut);
        }
    }
}

static void
test_cut_text_words(void **state)
{
    const char *cut;
    (void)state;

    cut = sip_explain_cut_text(NULL, "a state that rules out communication.", 28);
    assert_string_equal(cut, "a state that rules out" SIP_EXPLAIN_ELLIPSIS);
    g_free((char *)cut);
    /* No comma left before the ellipsis. */
    cut = sip_explain_cut_text(NULL, "not registered, has do-not-disturb on", 20);
    assert_string_equal(cut, "not registered" SIP_EXPLAIN_ELLIPSIS);
    g_free((char *)cut);
}

static void
test_cut_printf(void **state)
{
    char *text;
    (void)state;

    text = sip_explain_cut_printf(NULL, 14, "%u %s", 486U, "Busy Here");
    assert_string_equal(text, "486 Busy Here");
    g_free(text);
    text = sip_explain_cut_printf(NULL, 13, "%u %s", 486U, "Busy Here");
    assert_string_equal(text, "486 Busy Here");
    g_free(text);
    text = sip_explain_cut_printf(NULL, 12, "%u %s", 486U, "Busy Here");
    assert_string_equal(text, "486 Busy" SIP_EXPLAIN_ELLIPSIS);
    g_free(text);
    /* Cyrillic over the limit: whole letters only. */
    text = sip_explain_cut_printf(NULL, 17, "%s", "Абонент занят сейчас");
    assert_string_equal(text, "Абонент" SIP_EXPLAIN_ELLIPSIS);
    g_free(text);
    text = sip_explain_cut_printf(NULL, 16, "%s", "Абонент занят сейчас");
    assert_string_equal(text, "Абонен" SIP_EXPLAIN_ELLIPSIS);
    g_free(text);
    text = sip_explain_cut_printf(NULL, 2, "%s", "Абонент");
    assert_string_equal(text, "А");
    g_free(text);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fits),
        cmocka_unit_test(test_ascii_at_space),
        cmocka_unit_test(test_multibyte_boundaries),
        cmocka_unit_test(test_long_last_word),
        cmocka_unit_test(test_not_utf8),
        cmocka_unit_test(test_every_limit),
        cmocka_unit_test(test_cut_text_words),
        cmocka_unit_test(test_cut_printf),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
