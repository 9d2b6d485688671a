/* fuzz_sip_locate.c: libFuzzer harness of finding SIP messages in raw bytes.
 * The bytes stand for a frame or a reassembled stream.
 * The first byte chooses how many ranges the caller has room for.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>

#include "fuzz_common.h"
#include "parse/sip_locate.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    sip_msg_range_t *ranges;
    size_t max, n, i, prev_end = 0;
    const char *buf;

    if (size < 1)
        return 0;
    max = (size_t)data[0] % 64 + 1;
    if (data[0] == 0xff)
        max = 1024;              /* what the plugin passes */
    buf = (const char *)data + 1;
    size--;
    ranges = malloc(max * sizeof *ranges);
    n = sip_locate_messages(buf, size, (data[0] & 0x40) != 0, ranges, max);
    FUZZ_CHECK(n <= max);
    FUZZ_CHECK(!(data[0] & 0x40) || n <= 1);
    for (i = 0; i < n; i++) {
        sip_start_line_t st;
        FUZZ_CHECK(ranges[i].offset < size);
        FUZZ_CHECK(ranges[i].len > 0);
        FUZZ_CHECK(ranges[i].len <= size - ranges[i].offset);
        FUZZ_CHECK(i == 0 || ranges[i].offset >= prev_end);
        prev_end = ranges[i].offset + ranges[i].len;
        /* What the plugin does next with each range. */
        FUZZ_CHECK(sip_text_parse_start_line(buf + ranges[i].offset, ranges[i].len, &st));
    }
    free(ranges);
    /* A datagram read for responses only: nothing, or the same response. */
    if (data[0] & 0x40) {
        sip_locate_iter_t it;
        sip_msg_range_t r;
        sip_start_line_t st;
        sip_msg_range_t all[1];
        size_t n_all = sip_locate_messages(buf, size, true, all, 1);

        sip_locate_init(&it, buf, size, true);
        sip_locate_responses_only(&it);
        if (sip_locate_next(&it, &r, &st)) {
            FUZZ_CHECK(st.is_response);
            FUZZ_CHECK(n_all == 1 && all[0].offset == r.offset && all[0].len == r.len);
        }
    }
    return 0;
}
