/* sip_text.c
 * Reads a SIP message's start line and header fields from its bytes (see
 * sip_text.h): bounded, allocation-free, line ends found 16 bytes at a time.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "sip_text.h"

#include <stdint.h>
#include <string.h>
#if defined(__SSE2__) && defined(__GNUC__)
#include <emmintrin.h>
#endif

#include "sip_chars.h"

#define SIP_VERSION "SIP/2.0"
#define SIP_VERSION_LEN 7

/* One 64-bit word into the hash: a rotate, an xor and a multiply (as
 * rustc's FxHash). */
static inline uint64_t
hash_fold(uint64_t h, uint64_t w)
{
    return (((h << 5) | (h >> 59)) ^ w) * UINT64_C(0x517CC1B727220A95);
}

uint64_t
sip_span_hash(uint64_t h, sip_span_t s)
{
    const char *p = s.p;
    size_t len = s.len;
    uint64_t w;

    h = hash_fold(h, (uint64_t)len);    /* separates one part from the next */
    for (; len >= sizeof w; p += sizeof w, len -= sizeof w) {
        memcpy(&w, p, sizeof w);
        h = hash_fold(h, w);
    }
    w = 0;
    if (len)
        memcpy(&w, p, len);
    h = hash_fold(h, w);
    /* MurmurHash3's finaliser: every bit of the key in the low ones, which
     * a map hashing the key as a pointer (g_direct_hash) keeps. */
    h ^= h >> 33;
    h *= UINT64_C(0xFF51AFD7ED558CCD);
    h ^= h >> 33;
    h *= UINT64_C(0xC4CEB9FE1A85EC53);
    return h ^ (h >> 33);
}

bool
sip_span_contains_nocase(sip_span_t s, const char *text)
{
    size_t n = strlen(text), i;

    for (i = 0; n <= s.len && i <= s.len - n; i++) {
        sip_span_t at = { s.p + i, n };
        if (sip_span_equals_nocase_n(at, text, n))
            return true;
    }
    return false;
}

/* Offset just past the line break at pos (CRLF, LF or a lone CR). */
static size_t
skip_break(const char *buf, size_t len, size_t pos)
{
    if (pos < len && buf[pos] == '\r')
        pos++;
    if (pos < len && buf[pos] == '\n')
        pos++;
    return pos;
}

/* Nothing looked for yet: the first scan_line_end() looks. */
#define SCAN_UNKNOWN SIZE_MAX

#if defined(__SSE2__) && defined(__GNUC__)
/* End of the line that starts at pos: the offset of its CR or LF, or len.
 * Sixteen bytes at a time, each byte looked at once however the lines end
 * (CRLF, LF, lone CR); the scan state is not needed. Inlined into each
 * reader: it runs once per header line. */
static inline __attribute__((always_inline)) size_t
scan_line_end(const char *buf, size_t len, size_t pos, size_t *next_cr, size_t *next_lf)
{
    const __m128i cr = _mm_set1_epi8('\r'), lf = _mm_set1_epi8('\n');

    (void)next_cr;
    (void)next_lf;
    while (pos < len && len - pos >= 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(buf + pos));
        unsigned m = (unsigned)_mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v, cr), _mm_cmpeq_epi8(v, lf)));
        if (m)
            return pos + (size_t)__builtin_ctz(m);
        pos += 16;
    }
    while (pos < len && buf[pos] != '\r' && buf[pos] != '\n')
        pos++;
    return pos < len ? pos : len;
}
#else
/* Offset of the first c at or after pos, or len. */
static size_t
find_char(const char *buf, size_t len, size_t pos, char c)
{
    const char *p = pos < len ? memchr(buf + pos, c, len - pos) : NULL;

    return p ? (size_t)(p - buf) : len;
}

/* End of the line that starts at pos: the offset of its CR or LF, or len.
 * The next CR and the next LF are found with memchr and kept until a line
 * start passes them, so each byte is looked at once however the lines end
 * (CRLF, LF, lone CR). */
static size_t
scan_line_end(const char *buf, size_t len, size_t pos, size_t *next_cr, size_t *next_lf)
{
    if (*next_cr == SCAN_UNKNOWN || *next_cr < pos)
        *next_cr = find_char(buf, len, pos, '\r');
    if (*next_lf == SCAN_UNKNOWN || *next_lf < pos)
        *next_lf = find_char(buf, len, pos, '\n');
    return *next_cr < *next_lf ? *next_cr : *next_lf;
}
#endif

/* The empty line that ends the headers, searched from pos: the offset of
 * its line break, or len when there is none. */
static size_t
find_headers_end(const char *buf, size_t len, size_t pos)
{
    size_t next_cr = SCAN_UNKNOWN, next_lf = SCAN_UNKNOWN;

    while (pos < len) {
        size_t eol = scan_line_end(buf, len, pos, &next_cr, &next_lf);
        if (eol == pos)
            return pos;
        pos = skip_break(buf, len, eol);
    }
    return len;
}

static bool
parse_status_line(const char *buf, size_t eol, sip_start_line_t *out)
{
    size_t pos = SIP_VERSION_LEN;
    size_t start;
    uint32_t code = 0;

    if (pos >= eol || !sip_is_blank(buf[pos]))
        return false;
    while (pos < eol && sip_is_blank(buf[pos]))
        pos++;
    start = pos;
    while (pos < eol && sip_is_digit(buf[pos])) {
        if (code <= 99999999u)
            code = code * 10u + (uint32_t)(buf[pos] - '0');
        else
            code = 999999999u;
        pos++;
    }
    if (pos == start)
        return false;
    if (pos < eol && !sip_is_blank(buf[pos]))
        return false;               /* "SIP/2.0 48x" is not a status line */
    out->is_response = true;
    out->code = code;
    out->code_offset = start;
    out->code_len = pos - start;
    out->code_is_3digit = (pos - start) == 3;
    while (pos < eol && sip_is_blank(buf[pos]))
        pos++;
    out->reason.p = buf + pos;
    out->reason.len = eol - pos;
    out->reason = sip_span_trim(out->reason);
    return true;
}

static bool
parse_request_line(const char *buf, size_t eol, sip_start_line_t *out)
{
    size_t pos = 0, uri_start, uri_end;

    while (pos < eol && sip_is_token_char(buf[pos]))
        pos++;
    if (pos == 0 || pos >= eol || !sip_is_blank(buf[pos]))
        return false;
    out->method.p = buf;
    out->method.len = pos;
    while (pos < eol && sip_is_blank(buf[pos]))
        pos++;
    uri_start = pos;
    while (pos < eol && !sip_is_blank(buf[pos]))
        pos++;
    uri_end = pos;
    while (pos < eol && sip_is_blank(buf[pos]))
        pos++;
    if (uri_end == uri_start || eol - pos < SIP_VERSION_LEN
        || memcmp(buf + pos, SIP_VERSION, SIP_VERSION_LEN) != 0)
        return false;
    out->request_uri.p = buf + uri_start;
    out->request_uri.len = uri_end - uri_start;
    out->is_response = false;
    return true;
}

bool
sip_text_parse_start_line(const char *buf, size_t len, sip_start_line_t *out)
{
    size_t eol, next_cr = SCAN_UNKNOWN, next_lf = SCAN_UNKNOWN;
    bool ok;

    memset(out, 0, sizeof *out);
    if (!buf || len == 0)
        return false;
    eol = scan_line_end(buf, len, 0, &next_cr, &next_lf);
    if (eol >= SIP_VERSION_LEN && memcmp(buf, SIP_VERSION, SIP_VERSION_LEN) == 0)
        ok = parse_status_line(buf, eol, out);
    else
        ok = parse_request_line(buf, eol, out);
    if (!ok) {
        memset(out, 0, sizeof *out);
        return false;
    }
    out->headers_offset = skip_break(buf, len, eol);
    out->len = len;
    return true;
}

size_t
sip_text_headers_end(const char *buf, const sip_start_line_t *start)
{
    return find_headers_end(buf, start->len, start->headers_offset);
}

/* The first value of the named header from the iterator's place (an empty
 * span without one): the iterator stops after that header's lines. */
static sip_span_t
find_next(sip_header_iter_t *it, const char *long_form, char compact)
{
    sip_span_t name, value;
    sip_span_t none = { NULL, 0 };

    sip_header_iter_filter(it, sip_header_letters(long_form, compact));
    while (sip_header_next(it, &name, &value))
        if (sip_header_name_is(name, long_form, compact))
            return value;
    return none;
}

size_t
sip_text_headers_end_and_find(const char *buf, const sip_start_line_t *start,
                              const char *long_form, char compact, sip_span_t *value)
{
    sip_header_iter_t it;

    sip_header_iter_init(&it, buf, start);
    *value = find_next(&it, long_form, compact);
    /* The rest from where the iterator stopped: after the value's line, at
     * the empty line itself, at the end of the buffer, or at its line
     * limit. */
    return find_headers_end(buf, start->len, it.pos);
}

void
sip_header_iter_init(sip_header_iter_t *it, const char *buf, const sip_start_line_t *start)
{
    it->buf = buf;
    it->pos = start->headers_offset;
    it->end = start->len;               /* until the empty line is met */
    it->count = 0;
    it->next_cr = it->next_lf = SCAN_UNKNOWN;
    it->letters = 0;
}

void
sip_header_iter_filter(sip_header_iter_t *it, uint32_t letters)
{
    it->letters = letters;
}

/* The first ':' of buf[pos, lim), or lim. A header name is short: most
 * are found in the first sixteen bytes. */
static inline __attribute__((always_inline)) size_t
find_colon(const char *buf, size_t pos, size_t lim)
{
#if defined(__SSE2__) && defined(__GNUC__)
    const __m128i colon = _mm_set1_epi8(':');

    while (lim - pos >= 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(buf + pos));
        unsigned m = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, colon));
        if (m)
            return pos + (size_t)__builtin_ctz(m);
        pos += 16;
    }
    while (pos < lim && buf[pos] != ':')
        pos++;
    return pos;
#else
    const char *c = pos < lim ? memchr(buf + pos, ':', lim - pos) : NULL;

    return c ? (size_t)(c - buf) : lim;
#endif
}

/* The iterator's state is kept in locals while it walks (the buffer is
 * read through char pointers, which may alias anything: fields of *it
 * would be loaded again after each store) and stored back once. */
bool
sip_header_next(sip_header_iter_t *it, sip_span_t *name, sip_span_t *value)
{
    const char *buf = it->buf;
    const uint32_t letters = it->letters;
    size_t pos = it->pos, end = it->end;
    unsigned count = it->count;
    bool found = false;

    while (pos < end && count < SIP_TEXT_MAX_HEADERS) {
        size_t start = pos;
        size_t eol = scan_line_end(buf, end, start, &it->next_cr, &it->next_lf);
        size_t colon;

        if (eol == start) {
            end = start;                /* the empty line: the headers end */
            break;
        }
        count++;
        /* Fold continuation lines (starting with white space) into this one. */
        pos = skip_break(buf, end, eol);
        while (pos < end && sip_is_blank(buf[pos])) {
            eol = scan_line_end(buf, end, pos, &it->next_cr, &it->next_lf);
            pos = skip_break(buf, end, eol);
        }
        if (letters && !(letters & sip_letter_bit(buf[start])))
            continue;               /* a name the caller does not want */
        if (sip_is_blank(buf[start]))
            continue;               /* not a header line: skip it */
        colon = find_colon(buf, start, eol);
        if (colon == eol || colon == start)
            continue;               /* not a header line: skip it */
        name->p = buf + start;
        name->len = colon - start;
        *name = sip_span_trim(*name);
        if (name->len == 0)
            continue;
        value->p = buf + colon + 1;
        value->len = eol - colon - 1;
        *value = sip_span_trim(*value);
        found = true;
        break;
    }
    it->pos = pos;
    it->end = end;
    it->count = count;
    return found;
}

bool
sip_header_iter_truncated(const sip_header_iter_t *it)
{
    return it->count >= SIP_TEXT_MAX_HEADERS && it->pos < it->end
        && it->buf[it->pos] != '\r' && it->buf[it->pos] != '\n';
}

sip_span_t
sip_text_find_header(const char *buf, const sip_start_line_t *start,
                     const char *long_form, char compact)
{
    sip_header_iter_t it;

    sip_header_iter_init(&it, buf, start);
    return find_next(&it, long_form, compact);
}

bool
sip_text_parse_cseq(sip_span_t value, uint32_t *number, sip_span_t *method)
{
    size_t pos = 0;
    uint64_t n = 0;

    value = sip_span_trim(value);
    while (pos < value.len && sip_is_digit(value.p[pos])) {
        n = n * 10u + (uint64_t)(value.p[pos] - '0');
        if (n > 0xffffffffu)
            return false;           /* RFC 3261: less than 2**31, we allow 32 bits */
        pos++;
    }
    if (pos == 0 || pos >= value.len || !sip_is_blank(value.p[pos]))
        return false;
    while (pos < value.len && sip_is_blank(value.p[pos]))
        pos++;
    method->p = value.p + pos;
    method->len = 0;
    while (pos + method->len < value.len && sip_is_token_char(value.p[pos + method->len]))
        method->len++;
    *number = (uint32_t)n;
    return method->len > 0;
}
