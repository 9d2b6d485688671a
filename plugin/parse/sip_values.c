/* sip_values.c
 * Parsers of SIP header values. See sip_values.h.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "parse/sip_values.h"

#include <string.h>
#if defined(__SSE2__) && defined(__GNUC__)
#include <emmintrin.h>
#endif

#include "sip_chars.h"

static sip_span_t
sub(sip_span_t s, size_t from, size_t to)
{
    sip_span_t r;

    if (to > s.len)
        to = s.len;
    if (from > to)
        from = to;
    r.p = s.p ? s.p + from : s.p;
    r.len = to - from;
    return r;
}

/* Offset just past the quoted string that starts at pos (s.p[pos] == '"'). */
static size_t
skip_quoted(sip_span_t s, size_t pos)
{
    pos++;
    while (pos < s.len && s.p[pos] != '"') {
        if (s.p[pos] == '\\' && pos + 1 < s.len)
            pos++;
        pos++;
    }
    return pos < s.len ? pos + 1 : s.len;
}

/* Is s exactly one quoted-string (RFC 3261 section 25.1): an opening
 * quote, characters or backslash escapes, and a closing quote at its end? */
static bool
is_one_quoted_string(sip_span_t s)
{
    size_t pos = 1;

    if (s.len < 2 || s.p[0] != '"')
        return false;
    while (pos < s.len && s.p[pos] != '"') {
        if (s.p[pos] == '\\')
            pos++;
        pos++;
    }
    return pos == s.len - 1;
}

/* The bytes scan() stops at to look closer: every stop character it is
 * given (';', ',', '<', or NUL for none) and the starts of quoted strings
 * and <...>. */
static bool
scan_looks_at(char c)
{
    return c == ';' || c == ',' || c == '"' || c == '<' || c == '\0';
}

/* The first byte at or after pos (at most s.len) that scan_looks_at()
 * accepts, or s.len: sixteen bytes at a time, as the header reader finds line ends. */
static inline size_t
next_looked_at(sip_span_t s, size_t pos)
{
#if defined(__SSE2__) && defined(__GNUC__)
    const __m128i semi = _mm_set1_epi8(';'), comma = _mm_set1_epi8(','), quote = _mm_set1_epi8('"'),
                  lt = _mm_set1_epi8('<'), nul = _mm_setzero_si128();

    while (s.len - pos >= 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s.p + pos));
        __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, semi), _mm_cmpeq_epi8(v, comma)),
                                   _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, lt)),
                                                _mm_cmpeq_epi8(v, nul)));
        unsigned m = (unsigned)_mm_movemask_epi8(hit);
        if (m)
            return pos + (size_t)__builtin_ctz(m);
        pos += 16;
    }
#endif
    while (pos < s.len && !scan_looks_at(s.p[pos]))
        pos++;
    return pos;
}

/* Offset of the first stop character at or after pos that is outside
 * quoted strings and <...>; s.len when there is none. Runs of other bytes
 * are passed sixteen at a time, a <...> with memchr(). */
static size_t
scan(sip_span_t s, size_t pos, char stop1, char stop2)
{
    while (pos < s.len) {
        char c;

        pos = next_looked_at(s, pos);
        if (pos >= s.len)
            break;
        c = s.p[pos];
        if (c == stop1 || c == stop2)
            return pos;
        if (c == '"') {
            pos = skip_quoted(s, pos);
            continue;
        }
        if (c == '<') {
            const char *gt = (const char *)memchr(s.p + pos, '>', s.len - pos);
            pos = gt ? (size_t)(gt - s.p) + 1 : s.len;
            continue;
        }
        pos++;
    }
    return s.len;
}

const char *
sip_num_status_name(sip_num_status_t st)
{
    switch (st) {
    case SIP_NUM_OK:          return "ok";
    case SIP_NUM_EMPTY:       return "empty";
    case SIP_NUM_NEGATIVE:    return "negative";
    case SIP_NUM_NOT_NUMERIC: return "not a number";
    case SIP_NUM_OVERFLOW:    return "too large";
    }
    return "invalid";
}

sip_num_status_t
sip_parse_delta(sip_span_t s, bool whole, uint32_t *value, size_t *end_out)
{
    size_t pos = 0, start;
    uint64_t n = 0;
    bool overflow = false;

    *value = 0;
    if (end_out)
        *end_out = 0;
    if (!s.p)
        return SIP_NUM_EMPTY;
    while (pos < s.len && sip_is_lws(s.p[pos]))
        pos++;
    if (pos == s.len)
        return SIP_NUM_EMPTY;
    if (s.p[pos] == '-' && pos + 1 < s.len && sip_is_digit(s.p[pos + 1]))
        return SIP_NUM_NEGATIVE;
    start = pos;
    while (pos < s.len && sip_is_digit(s.p[pos])) {
        if (!overflow) {
            n = n * 10u + (uint64_t)(s.p[pos] - '0');
            if (n > SIP_DELTA_MAX)
                overflow = true;
        }
        pos++;
    }
    if (pos == start)
        return SIP_NUM_NOT_NUMERIC;
    if (end_out)
        *end_out = pos;
    if (whole) {
        size_t i;
        for (i = pos; i < s.len; i++)
            if (!sip_is_lws(s.p[i]))
                return SIP_NUM_NOT_NUMERIC;
    } else if (pos < s.len && !sip_is_lws(s.p[pos]) && s.p[pos] != ';' && s.p[pos] != '('
               && s.p[pos] != ',') {
        return SIP_NUM_NOT_NUMERIC;     /* "5s", "1.5", "0x10" */
    }
    if (overflow) {
        *value = SIP_DELTA_MAX;
        return SIP_NUM_OVERFLOW;
    }
    *value = (uint32_t)n;
    return SIP_NUM_OK;
}

void
sip_list_init(sip_list_iter_t *it, sip_span_t value)
{
    it->rest = value.p ? value : (sip_span_t){ NULL, 0 };
}

bool
sip_list_next(sip_list_iter_t *it, sip_span_t *item)
{
    while (it->rest.len > 0) {
        size_t comma = scan(it->rest, 0, ',', 0);
        sip_span_t piece = sip_span_trim(sub(it->rest, 0, comma));

        it->rest = comma < it->rest.len ? sub(it->rest, comma + 1, it->rest.len)
                                        : sub(it->rest, it->rest.len, it->rest.len);
        if (piece.len > 0) {
            *item = piece;
            return true;
        }
    }
    return false;
}

sip_span_t
sip_value_main(sip_span_t s)
{
    return sip_span_trim(sub(s, 0, scan(s, 0, ';', 0)));
}

bool
sip_list_has_token(sip_span_t list, const char *token, size_t token_len)
{
    sip_list_iter_t it;
    sip_span_t item;

    sip_list_init(&it, list);
    while (sip_list_next(&it, &item))
        if (sip_span_equals_nocase_n(sip_value_main(item), token, token_len))
            return true;
    return false;
}

sip_span_t
sip_unquote(sip_span_t s)
{
    s = sip_span_trim(s);
    if (s.len >= 2 && s.p[0] == '"' && s.p[s.len - 1] == '"')
        return sub(s, 1, s.len - 1);
    if (s.len == 1 && s.p[0] == '"')
        return sub(s, 1, 1);
    return s;
}

/* Is param (what follows one ';', up to the next) "name" or "name=value",
 * white space around each? Then *value: the value unquoted, or an empty
 * span at its end. */
static bool
param_is(sip_span_t param, const char *name, size_t n, sip_span_t *value)
{
    size_t eq = 0;

    param = sip_span_trim(param);
    while (eq < param.len && param.p[eq] != '=')
        eq++;
    if (!sip_span_equals_nocase_n(sip_span_trim(sub(param, 0, eq)), name, n))
        return false;
    *value = eq < param.len ? sip_unquote(sub(param, eq + 1, param.len)) : sub(param, param.len, param.len);
    return true;
}

/* The parameter among those before the first stop2 (0: none) outside
 * quotes and <...>. */
static bool
param_find(sip_span_t s, const char *name, sip_span_t *value, char stop2)
{
    size_t n = strlen(name);
    size_t pos = scan(s, 0, ';', stop2);

    while (pos < s.len && s.p[pos] == ';') {
        size_t end = scan(s, pos + 1, ';', stop2);

        if (param_is(sub(s, pos + 1, end), name, n, value))
            return true;
        pos = end;
    }
    return false;
}

bool
sip_param_find(sip_span_t s, const char *name, sip_span_t *value)
{
    return param_find(s, name, value, 0);
}

/* param_find() where no byte of s is one scan() treats apart but ';':
 * the parameters are split at each ';', and read in place. */
static bool
plain_param_find(sip_span_t s, const char *name, sip_span_t *value)
{
    const char *end = s.p + s.len;
    const char *semi = (const char *)memchr(s.p, ';', s.len);
    size_t n = strlen(name);

    while (semi) {
        const char *next = (const char *)memchr(semi + 1, ';', (size_t)(end - semi - 1));
        sip_span_t param = { semi + 1, (size_t)((next ? next : end) - semi - 1) };

        if (param_is(param, name, n, value))
            return true;
        semi = next;
    }
    return false;
}

bool
sip_address_param(sip_span_t s, const char *name, sip_span_t *value)
{
    size_t gt = s.len, i;
    sip_span_t params;

#if defined(__SSE2__) && defined(__GNUC__)
    /* Most often the last '>' is among the last sixteen bytes: found with
     * the bytes after it checked, in one load (bit i: s.p[s.len - 16 + i]). */
    if (s.len >= 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s.p + s.len - 16));
        unsigned gts = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8('>')));
        unsigned odd = (unsigned)_mm_movemask_epi8(
            _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')), _mm_cmpeq_epi8(v, _mm_set1_epi8('<'))),
                         _mm_cmpeq_epi8(v, _mm_setzero_si128())));
        if (gts) {
            unsigned last = 31u - (unsigned)__builtin_clz(gts);
            if (!(odd >> last))
                return plain_param_find(sub(s, s.len - 16 + last + 1, s.len), name, value);
        }
    }
#endif
    while (gt > 0 && s.p[gt - 1] != '>')
        gt--;
    if (gt == 0)
        return param_find(s, name, value, 0);          /* an addr-spec */
    params = sub(s, gt, s.len);
    for (i = 0; i < params.len; i++)
        if (params.p[i] != ';' && scan_looks_at(params.p[i]) && params.p[i] != ',')
            return param_find(s, name, value, 0);      /* a quoted value may hold a '>' */
    return plain_param_find(params, name, value);
}

bool
sip_first_item_param(sip_span_t list, const char *name, sip_span_t *value)
{
    return param_find(list, name, value, ',');
}

void
sip_parse_retry_after(sip_span_t value, sip_retry_after_t *out)
{
    size_t pos = 0;
    sip_span_t rest, dur;

    memset(out, 0, sizeof *out);
    value = sip_span_trim(value);
    out->status = sip_parse_delta(value, false, &out->seconds, &pos);
    if (out->status != SIP_NUM_OK && out->status != SIP_NUM_OVERFLOW)
        return;
    while (pos < value.len && sip_is_lws(value.p[pos]))
        pos++;
    if (pos < value.len && value.p[pos] == '(') {
        size_t start = pos + 1;
        unsigned depth = 1;

        pos++;
        while (pos < value.len && depth > 0) {
            if (value.p[pos] == '\\' && pos + 1 < value.len)
                pos++;
            else if (value.p[pos] == '(')
                depth++;
            else if (value.p[pos] == ')')
                depth--;
            pos++;
        }
        out->comment = sip_span_trim(sub(value, start, depth == 0 ? pos - 1 : pos));
    }
    rest = sub(value, pos, value.len);
    if (sip_param_find(rest, "duration", &dur)) {
        out->has_duration = true;
        out->duration_status = sip_parse_delta(dur, true, &out->duration, NULL);
    }
}

/* The next run of non-white-space at or after *pos; moves *pos past it. */
static sip_span_t
next_word(sip_span_t s, size_t *pos)
{
    size_t start;

    while (*pos < s.len && sip_is_lws(s.p[*pos]))
        (*pos)++;
    start = *pos;
    while (*pos < s.len && !sip_is_lws(s.p[*pos]))
        (*pos)++;
    return sub(s, start, *pos);
}

void
sip_parse_warning(sip_span_t item, sip_warning_t *out)
{
    size_t pos = 0;
    sip_span_t rest;

    memset(out, 0, sizeof *out);
    out->code = -1;
    item = sip_span_trim(item);
    out->code_text = next_word(item, &pos);
    if (out->code_text.len == 3 && sip_is_digit(out->code_text.p[0]) && sip_is_digit(out->code_text.p[1])
        && sip_is_digit(out->code_text.p[2])) {
        out->code_ok = true;
        out->code = (out->code_text.p[0] - '0') * 100 + (out->code_text.p[1] - '0') * 10
                    + (out->code_text.p[2] - '0');
    }
    out->agent = next_word(item, &pos);
    rest = sip_span_trim(sub(item, pos, item.len));
    if (rest.len > 0 && rest.p[0] == '"') {
        size_t end = skip_quoted(rest, 0);
        out->text_quoted = end >= 2 && rest.p[end - 1] == '"';
        out->text = sub(rest, 1, out->text_quoted ? end - 1 : end);
    } else {
        out->text = rest;
    }
}

void
sip_parse_reason(sip_span_t item, sip_reason_t *out)
{
    sip_span_t v;

    memset(out, 0, sizeof *out);
    out->protocol = sip_value_main(item);
    if (sip_param_find(item, "cause", &v)) {
        out->has_cause = true;
        out->cause_text = v;
        out->cause_status = sip_parse_delta(v, true, &out->cause, NULL);
    }
    if (sip_param_find(item, "text", &v))
        out->text = v;
}

sip_span_t
sip_event_package(sip_span_t value)
{
    return sip_value_main(value);
}

/* q-value grammar of RFC 3261 section 25.1:
 * qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] ) */
static bool
parse_qvalue(sip_span_t s, unsigned *milli)
{
    size_t i;
    unsigned frac = 0, scale = 100;

    s = sip_span_trim(s);
    if (s.len == 0 || (s.p[0] != '0' && s.p[0] != '1'))
        return false;
    if (s.len == 1) {
        *milli = s.p[0] == '1' ? 1000u : 0u;
        return true;
    }
    if (s.p[1] != '.' || s.len > 5)
        return false;
    for (i = 2; i < s.len; i++) {
        if (!sip_is_digit(s.p[i]))
            return false;
        frac += (unsigned)(s.p[i] - '0') * scale;
        scale /= 10;
    }
    if (s.p[0] == '1') {
        if (frac != 0)
            return false;
        *milli = 1000u;
    } else {
        *milli = frac;
    }
    return true;
}

void
sip_parse_contact(sip_span_t item, sip_contact_t *out)
{
    sip_span_t main_part, v;
    size_t lt;

    memset(out, 0, sizeof *out);
    item = sip_span_trim(item);
    if (item.len == 1 && item.p[0] == '*') {
        out->star = true;
        return;
    }
    main_part = sip_value_main(item);
    /* '<' outside the quoted display name */
    lt = scan(main_part, 0, '<', 0);
    if (lt < main_part.len) {
        size_t gt = lt + 1;

        while (gt < main_part.len && main_part.p[gt] != '>')
            gt++;
        out->display = sip_unquote(sub(main_part, 0, lt));
        out->uri = sip_span_trim(sub(main_part, lt + 1, gt));
    } else {
        out->uri = main_part;
    }
    if (sip_param_find(item, "q", &v)) {
        out->has_q = true;
        out->q_text = v;
        out->q_ok = parse_qvalue(v, &out->q_milli);
    }
    if (sip_param_find(item, "expires", &v)) {
        out->has_expires = true;
        out->expires_status = sip_parse_delta(v, true, &out->expires, NULL);
    }
}

void
sip_parse_challenge(sip_span_t value, sip_challenge_t *out)
{
    size_t pos = 0;
    sip_list_iter_t it;
    sip_span_t item;
    bool first = true;

    memset(out, 0, sizeof *out);
    value = sip_span_trim(value);
    out->scheme = next_word(value, &pos);
    sip_list_init(&it, sub(value, pos, value.len));
    while (sip_list_next(&it, &item)) {
        size_t eq = 0;
        sip_span_t name, val;

        while (eq < item.len && item.p[eq] != '=')
            eq++;
        name = sip_span_trim(sub(item, 0, eq));
        if (!first && (eq == item.len
                       || (name.len && (memchr(name.p, ' ', name.len) || memchr(name.p, '\t', name.len)))))
            break;              /* "Digest realm=..." starts the next challenge */
        first = false;
        val = eq < item.len ? sip_span_trim(sub(item, eq + 1, item.len)) : sub(item, item.len, item.len);
        if (val.len && val.p[0] == '"' && !is_one_quoted_string(val))
            out->malformed = true;      /* a quote inside not escaped, or none to close it */
        val = sip_unquote(val);
        if (sip_span_equals_nocase_n(name, "realm", 5)) {
            out->realm = val;
            out->has_realm = true;
        }
        else if (sip_span_equals_nocase_n(name, "algorithm", 9))
            out->algorithm = val;
        else if (sip_span_equals_nocase_n(name, "qop", 3))
            out->qop = val;
        else if (sip_span_equals_nocase_n(name, "nonce", 5))
            out->nonce = val;
        else if (sip_span_equals_nocase_n(name, "username", 8))
            out->username = val;
        else if (sip_span_equals_nocase_n(name, "response", 8))
            out->response = val;
        else if (sip_span_equals_nocase_n(name, "auts", 4))
            out->has_auts = true;
        else if (sip_span_equals_nocase_n(name, "stale", 5)) {
            out->has_stale = true;
            out->stale = sip_span_equals_nocase_n(val, "true", 4);
        }
    }
}
