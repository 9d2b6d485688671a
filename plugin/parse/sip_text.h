/* sip_text.h
 * Reads the text of one SIP message as found in a capture: its start line
 * and its header fields. Never trusts the input: every span stays inside the
 * buffer, every loop is bounded, nothing is allocated. Needs only the C
 * library, so the fuzz harnesses and unit tests use it without Wireshark.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SIP_TEXT_H
#define SIP_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "sip_chars.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Most header lines read from one message; the rest are ignored. */
#define SIP_TEXT_MAX_HEADERS 512

typedef struct {
    const char *p;
    size_t len;
} sip_span_t;

typedef struct {
    bool is_response;
    /* response: "SIP/2.0 489 Bad Event" */
    uint32_t code;            /* value of the digits (saturated at 999999999) */
    bool code_is_3digit;      /* exactly three digits, as RFC 3261 requires */
    size_t code_offset;       /* offset of the digits in the buffer */
    size_t code_len;          /* number of digits */
    sip_span_t reason;        /* may be empty */
    /* request: "INVITE sip:bob@example.com SIP/2.0" */
    sip_span_t method;
    sip_span_t request_uri;
    /* where the header fields start, and the length of the buffer (where
     * they end is found only when asked: sip_text_headers_end) */
    size_t headers_offset;
    size_t len;
} sip_start_line_t;

/* Parses the start line. Returns false when the buffer does not start with
 * a SIP status line or request line. */
bool sip_text_parse_start_line(const char *buf, size_t len, sip_start_line_t *out);

/* Where the header fields end: the offset of the empty line, or the end of
 * the buffer when there is none. Reads every header line: only for callers
 * that read the headers or the body. */
size_t sip_text_headers_end(const char *buf, const sip_start_line_t *start);

/* The same, and in the same pass the first value of the named header (as
 * sip_text_find_header: an empty span without one). For a caller that
 * needs both, Content-Length with the body's start, say. */
size_t sip_text_headers_end_and_find(const char *buf, const sip_start_line_t *start,
                                     const char *long_form, char compact, sip_span_t *value);

typedef struct {
    const char *buf;
    size_t pos, end;
    unsigned count;             /* header lines read */
    size_t next_cr, next_lf;    /* the next line breaks found (scan state) */
    uint32_t letters;           /* 0, or: skip lines not starting with these */
} sip_header_iter_t;

void sip_header_iter_init(sip_header_iter_t *it, const char *buf, const sip_start_line_t *start);

/* A set of letters (either case) as a mask: bit 0 is 'a', bit 25 'z'. 0
 * for a character that is not a letter. */
static inline uint32_t
sip_letter_bit(char c)
{
    char l = sip_to_lower(c);

    return (l >= 'a' && l <= 'z') ? (uint32_t)1 << (l - 'a') : 0;
}

/* The letters a line of this header can start with, for a filter: the long
 * form's first letter and the compact form's (0: none). */
static inline uint32_t
sip_header_letters(const char *long_form, char compact)
{
    return sip_letter_bit(long_form[0]) | (compact ? sip_letter_bit(compact) : 0);
}

/* From now on, lines that do not start with one of the letters (a mask of
 * sip_header_letters) are skipped without being split into name and value
 * (they still count towards SIP_TEXT_MAX_HEADERS). For callers that want a
 * few names only. */
void sip_header_iter_filter(sip_header_iter_t *it, uint32_t letters);

/* Next header field: name and value (leading and trailing white space
 * removed; folded continuation lines stay inside the value). Returns false at
 * the end or after SIP_TEXT_MAX_HEADERS lines. */
bool sip_header_next(sip_header_iter_t *it, sip_span_t *name, sip_span_t *value);

/* After sip_header_next() returned false: did the line limit stop it
 * before the empty line that ends the headers? */
bool sip_header_iter_truncated(const sip_header_iter_t *it);

/* First value of the named header in the message, or an empty span. */
sip_span_t sip_text_find_header(const char *buf, const sip_start_line_t *start,
                                const char *long_form, char compact);

/* Comparisons of a span with a text: exact, and ASCII case-insensitive
 * (with the text's length known, or not). Inline, as the trim below: the
 * readers call them for every name and value they split, most often with
 * a string literal, whose length the compiler then knows. */
static inline bool
sip_span_equals(sip_span_t s, const char *text)
{
    size_t n = strlen(text);

    return s.len == n && memcmp(s.p, text, n) == 0;
}

static inline bool
sip_span_equals_nocase_n(sip_span_t s, const char *text, size_t n)
{
    size_t i;

    if (s.len != n)
        return false;
    for (i = 0; i < n; i++)
        if (s.p[i] != text[i] && sip_to_lower(s.p[i]) != sip_to_lower(text[i]))
            return false;
    return true;
}

static inline bool
sip_span_equals_nocase(sip_span_t s, const char *text)
{
    return sip_span_equals_nocase_n(s, text, strlen(text));
}

/* White space and line breaks off both ends. */
static inline sip_span_t
sip_span_trim(sip_span_t s)
{
    while (s.len && sip_is_lws(s.p[0])) {
        s.p++;
        s.len--;
    }
    while (s.len && sip_is_lws(s.p[s.len - 1]))
        s.len--;
    return s;
}

/* Does s contain text anywhere (ASCII case-insensitive)? */
bool sip_span_contains_nocase(sip_span_t s, const char *text);

/* Does the header name match the long form (case-insensitive, its length
 * known) or the compact form (0 when there is none)? Inline: called for
 * every header line and every name a reader looks for. */
static inline bool
sip_header_name_is_n(sip_span_t name, const char *long_form, size_t long_len, char compact)
{
    if (name.len == 1)
        return compact && sip_to_lower(name.p[0]) == sip_to_lower(compact);
    return name.len == long_len && sip_to_lower(name.p[0]) == sip_to_lower(long_form[0])
        && sip_span_equals_nocase_n(name, long_form, long_len);
}

/* The same with the long form's length unknown: most names differ in their
 * first letter, so no strlen for those. */
static inline bool
sip_header_name_is(sip_span_t name, const char *long_form, char compact)
{
    if (name.len > 1 && sip_to_lower(name.p[0]) != sip_to_lower(long_form[0]))
        return false;
    return sip_header_name_is_n(name, long_form, strlen(long_form), compact);
}

/* The same for a string literal. */
#define SIP_HEADER_NAME_IS(name, literal, compact) \
    sip_header_name_is_n((name), "" literal, sizeof literal - 1, (compact))

/* Where every sip_span_hash() chain starts. */
#define SIP_SPAN_HASH_START UINT64_C(1469598103934665603)

/* A 64-bit hash of the span's bytes, eight at a time, continued from h;
 * the length goes in first, so that hashing spans one after the other
 * tells ("ab", "c") from ("a", "bc"): the keys of transactions, flows,
 * users and retransmitted messages. */
uint64_t sip_span_hash(uint64_t h, sip_span_t s);

/* Parses a CSeq value "314159 INVITE" into number and method. */
bool sip_text_parse_cseq(sip_span_t value, uint32_t *number, sip_span_t *method);

#ifdef __cplusplus
}
#endif

#endif /* SIP_TEXT_H */
