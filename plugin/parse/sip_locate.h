/* sip_locate.h
 * Finds SIP messages in raw bytes (a frame, or a reassembled stream) when
 * no protocol tree tells where the SIP dissector found them: the first
 * start line, then each following message by its Content-Length.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SIP_LOCATE_H
#define SIP_LOCATE_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
    size_t offset;
    size_t len;
} sip_msg_range_t;

/* Fills out[] with up to max messages; returns how many were found. A
 * message ends where its Content-Length says when another message follows
 * it; the last one runs to the end of the buffer. */
size_t sip_locate_messages(const char *buf, size_t len, sip_msg_range_t *out, size_t max);

#ifdef __cplusplus
}
#endif

#endif /* SIP_LOCATE_H */
