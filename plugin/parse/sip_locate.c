/* sip_locate.c
 * Finds SIP messages in raw bytes: the first start line, then each next
 * message by the Content-Length of the one before.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "sip_locate.h"

#include <string.h>

#include "sip_chars.h"

#include "sip_text.h"

#define SIP_VERSION "SIP/2.0"
#define SIP_VERSION_LEN 7

static const char *
find_version(const char *buf, size_t len, size_t from)
{
    while (from + SIP_VERSION_LEN <= len) {
        const char *s = memchr(buf + from, 'S', len - from - SIP_VERSION_LEN + 1);
        if (!s)
            return NULL;
        if (memcmp(s, SIP_VERSION, SIP_VERSION_LEN) == 0)
            return s;
        from = (size_t)(s - buf) + 1;
    }
    return NULL;
}

/* Could a start line begin after from? Every one holds "SIP/2.0" followed
 * by a space (status line) or a line break (request line); Via's
 * "SIP/2.0/UDP" does not count. */
static int
start_line_may_follow(const char *buf, size_t len, size_t from)
{
    const char *h;

    while ((h = find_version(buf, len, from)) != NULL) {
        size_t after = (size_t)(h - buf) + SIP_VERSION_LEN;
        if (after >= len || buf[after] == ' ' || buf[after] == '\r' || buf[after] == '\n')
            return 1;
        from = after;
    }
    return 0;
}

/* Where the method of a request line found in raw bytes starts. What comes
 * before a message in a frame (a UDP header, say) may end in bytes that are
 * token characters too ('K' is 0x4B): where the token ends in a method of
 * RFC 3261 or its extensions, the method is that (the longest such). */
static size_t
method_start(const char *buf, size_t start, size_t end)
{
#define METHOD(m) { m, sizeof m - 1 }
    static const struct { const char *name; size_t len; } methods[] = {
        METHOD("INVITE"), METHOD("ACK"), METHOD("BYE"), METHOD("CANCEL"), METHOD("REGISTER"),
        METHOD("OPTIONS"), METHOD("PRACK"), METHOD("SUBSCRIBE"), METHOD("NOTIFY"),
        METHOD("PUBLISH"), METHOD("INFO"), METHOD("REFER"), METHOD("MESSAGE"), METHOD("UPDATE"),
    };
#undef METHOD
    size_t best = start, i;
    int found = 0;

    for (i = 0; i < sizeof methods / sizeof *methods; i++) {
        size_t n = methods[i].len;
        if (n <= end - start && memcmp(buf + end - n, methods[i].name, n) == 0 && (!found || end - n < best)) {
            best = end - n;
            found = 1;
        }
    }
    return found ? best : start;
}

/* Start of the request line whose "SIP/2.0" is at h, or len. */
static size_t
request_line_start(const char *buf, size_t h, size_t len)
{
    size_t p = h, method_end;

    if (p == 0 || buf[p - 1] != ' ')
        return len;
    while (p > 0 && buf[p - 1] == ' ')
        p--;
    while (p > 0 && buf[p - 1] != ' ' && buf[p - 1] != '\n' && buf[p - 1] != '\r')
        p--;                                  /* Request-URI */
    if (p == 0 || buf[p - 1] != ' ')
        return len;
    while (p > 0 && buf[p - 1] == ' ')
        p--;
    method_end = p;
    while (p > 0 && sip_is_token_char(buf[p - 1]))
        p--;                                  /* method */
    return method_start(buf, p, method_end);
}

/* Offset of the first SIP start line (parsed into st), or len; len too at
 * the first request line when requests_end. */
static size_t
first_start_line(const char *buf, size_t len, sip_start_line_t *st, bool requests_end)
{
    size_t from = 0;
    const char *h;

    while ((h = find_version(buf, len, from)) != NULL) {
        size_t off = (size_t)(h - buf);
        size_t after = off + SIP_VERSION_LEN;

        if (after < len && buf[after] == ' ') {
            if (sip_text_parse_start_line(h, len - off, st) && st->is_response)
                return off;
        } else if (after < len && (buf[after] == '\r' || buf[after] == '\n')) {
            size_t start;
            if (requests_end)
                return len;
            start = request_line_start(buf, off, len);
            if (start < len && sip_text_parse_start_line(buf + start, len - start, st) && !st->is_response)
                return start;
        }
        from = off + 1;
    }
    return len;
}

/* A Content-Length value, or -1 when absent or unreadable. */
static long
content_length(sip_span_t v)
{
    long n = 0;
    size_t i;

    if (v.len == 0 || v.len > 9)
        return -1;
    for (i = 0; i < v.len; i++) {
        if (v.p[i] < '0' || v.p[i] > '9')
            return -1;
        n = n * 10 + (v.p[i] - '0');
    }
    return n;
}

void
sip_locate_init(sip_locate_iter_t *it, const char *buf, size_t len, bool one_message)
{
    it->buf = buf;
    it->len = buf ? len : 0;
    it->pos = 0;
    it->one_message = one_message;
    it->responses_only = false;
    it->started = false;
    it->done = buf == NULL;
}

void
sip_locate_responses_only(sip_locate_iter_t *it)
{
    it->responses_only = true;
}

bool
sip_locate_next(sip_locate_iter_t *it, sip_msg_range_t *range, sip_start_line_t *start)
{
    const char *buf = it->buf;
    size_t len = it->len, pos, body, end;
    bool headers_end_found;
    sip_span_t cl_value;
    long cl;

    if (it->done)
        return false;
    if (!it->started) {
        it->started = true;
        it->pos = first_start_line(buf, len, start, it->one_message && it->responses_only);
    } else if (it->pos >= len || !sip_text_parse_start_line(buf + it->pos, len - it->pos, start)) {
        it->done = true;
        return false;
    }
    pos = it->pos;
    if (pos >= len) {
        it->done = true;
        return false;
    }
    range->offset = pos;
    range->complete = true;
    if (it->one_message) {
        range->len = len - pos;             /* a datagram's message: to the end */
        it->done = true;
        return true;
    }
    /* One pass over the header lines finds both. */
    body = sip_text_headers_end_and_find(buf + pos, start, "Content-Length", 'l', &cl_value);
    headers_end_found = body < len - pos;
    if (body < len - pos && buf[pos + body] == '\r')
        body++;
    if (body < len - pos && buf[pos + body] == '\n')
        body++;
    cl = content_length(cl_value);
    range->complete = headers_end_found && (cl < 0 || (size_t)cl <= len - pos - body);
    if (!start_line_may_follow(buf, len, pos + start->headers_offset)) {
        range->len = len - pos;             /* the last message: to the end */
        it->done = true;
        return true;
    }
    end = (cl < 0 || (size_t)cl > len - pos - body) ? len - pos : body + (size_t)cl;
    range->len = end;
    start->len = end;
    if (cl < 0) {
        it->done = true;                /* without a length the rest is this message's */
        return true;
    }
    pos += end;
    while (pos < len && (buf[pos] == '\r' || buf[pos] == '\n'))
        pos++;                          /* keep-alive line breaks between messages */
    it->pos = pos;
    return true;
}

size_t
sip_locate_messages(const char *buf, size_t len, bool one_message, sip_msg_range_t *out, size_t max)
{
    sip_locate_iter_t it;
    sip_start_line_t start;
    size_t n = 0;

    sip_locate_init(&it, buf, len, one_message);
    while (n < max && sip_locate_next(&it, &out[n], &start))
        n++;
    return n;
}
