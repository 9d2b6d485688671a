/* fuzz_common.h: what the libFuzzer harnesses share.
 * A check that aborts (a finding) when a parser hands back a span outside
 * the input it was given.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef FUZZ_COMMON_H
#define FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "parse/sip_text.h"

#define FUZZ_CHECK(cond) \
    do { \
        if (!(cond)) { \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
            abort(); \
        } \
    } while (0)

/* Every span a parser returns lies inside [buf, buf + len). */
static inline void
fuzz_check_span(sip_span_t s, const char *buf, size_t len)
{
    if (s.len == 0)
        return;
    FUZZ_CHECK(s.p != NULL);
    FUZZ_CHECK(s.p >= buf && s.p <= buf + len);
    FUZZ_CHECK(s.len <= (size_t)(buf + len - s.p));
    /* Touch the first and last byte so ASan sees any bad span at once. */
    volatile char c = s.p[0];
    c = s.p[s.len - 1];
    (void)c;
}

#endif /* FUZZ_COMMON_H */
