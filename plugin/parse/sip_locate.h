/* sip_locate.h
 * Finds SIP messages in raw bytes (a frame, or a reassembled stream) when
 * no protocol tree tells where the SIP dissector found them: the first
 * start line, then each following message by its Content-Length.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SIP_LOCATE_H
#define SIP_LOCATE_H

#include <stdbool.h>
#include <stddef.h>

#include "sip_text.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
    size_t offset;
    size_t len;
    /* The whole message is in the buffer: its headers end (an empty line)
     * and the body its Content-Length announces are there. A message cut
     * short (the first segment of one that TCP carries in several) is not
     * one the SIP dissector has seen yet. Always true with one_message: a
     * datagram holds what it holds. */
    bool complete;
} sip_msg_range_t;

/* Fills out[] with up to max messages; returns how many were found. A
 * message ends where its Content-Length says when another message follows
 * it; the last one runs to the end of the buffer. one_message: the buffer
 * holds one message at most (a UDP datagram: RFC 3261 section 18.3 has the
 * bytes after its body discarded), so the first start line begins the only
 * message and nothing after it is searched. */
size_t sip_locate_messages(const char *buf, size_t len, bool one_message, sip_msg_range_t *out, size_t max);

/* The same one message at a time, with each message's start line as
 * parsed while finding it (its len is the message's length). */
typedef struct {
    const char *buf;
    size_t len, pos;
    bool one_message, responses_only, started, done;
} sip_locate_iter_t;

void sip_locate_init(sip_locate_iter_t *it, const char *buf, size_t len, bool one_message);

/* For a caller that reads responses only: with one_message, a datagram
 * whose first start line is a request line ("SIP/2.0" then a line break)
 * yields nothing, found without reading that line further. (Without it,
 * a request line that does not parse is passed over, and a status line
 * after it, in a message/sipfrag body say, would count.) */
void sip_locate_responses_only(sip_locate_iter_t *it);
bool sip_locate_next(sip_locate_iter_t *it, sip_msg_range_t *range, sip_start_line_t *start);

#ifdef __cplusplus
}
#endif

#endif /* SIP_LOCATE_H */
