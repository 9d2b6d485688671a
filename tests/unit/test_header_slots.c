/* test_header_slots.c
 * The header reader's slot tables (plugin/context/headers.c) agree with the
 * letter filter of the message reader (sip_header_letters): a slot whose
 * letters were wrong would skip its header's lines and never read it.
 * Checked here, not in the plugin: a dissector must not abort Wireshark
 * for a programming error (Wireshark's tools/checkAPIs.pl, g_error).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "context/context_internal.h"

static void
slot_letters_match_the_reader(void **state)
{
    (void)state;
    assert_true(header_slot_tables_right());
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(slot_letters_match_the_reader),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
