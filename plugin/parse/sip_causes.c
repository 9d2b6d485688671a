/* sip_causes.c
 * Parsers of ms-diagnostics, X-Twilio-Error, Teams' correlation ids and
 * STIR's ppi (sip_causes.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "parse/sip_causes.h"

#include <string.h>

#include "parse/sip_chars.h"

static bool
is_hex(char c)
{
    return sip_is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* base64url (RFC 4648 section 5) and its padding. */
static bool
is_base64url(char c)
{
    return sip_is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '_' || c == '=';
}

static sip_span_t
span_of(const char *p, size_t len)
{
    sip_span_t s = { p, len };
    return s;
}

void
sip_parse_ms_diagnostics(sip_span_t value, sip_ms_diagnostics_t *out)
{
    sip_span_t id = sip_value_main(value);
    size_t dot = 0;

    memset(out, 0, sizeof *out);
    out->id_text = id;
    while (dot < id.len && id.p[dot] != '.')
        dot++;
    out->id_status = sip_parse_delta(span_of(id.p, dot), true, &out->id, NULL);
    if (dot < id.len) {
        out->has_sub = true;
        out->sub_status = sip_parse_delta(span_of(id.p + dot + 1, id.len - dot - 1), true, &out->sub, NULL);
    }
    sip_param_find(value, "reason", &out->reason);
    sip_param_find(value, "source", &out->source);
}

void
sip_parse_twilio_error(sip_span_t value, sip_twilio_error_t *out)
{
    sip_span_t v = sip_span_trim(value);
    size_t end = 0;

    memset(out, 0, sizeof *out);
    while (end < v.len && !sip_is_blank(v.p[end]))
        end++;
    out->code_text = span_of(v.p, end);
    out->code_status = sip_parse_delta(out->code_text, true, &out->code, NULL);
    out->message = sip_span_trim(span_of(v.p + end, v.len - end));
}

bool
sip_split_correlation_id(sip_span_t text, sip_span_t *id, sip_span_t *rest)
{
    size_t i;

    for (i = 0; i < text.len && text.p[i] != ';'; i++)
        if (!is_hex(text.p[i]) && text.p[i] != '-')
            return false;
    if (i < 8 || i >= text.len)
        return false;
    *id = span_of(text.p, i);
    *rest = sip_span_trim(span_of(text.p + i + 1, text.len - i - 1));
    return true;
}

sip_ppi_form_t
sip_ppi_form(sip_span_t ppi)
{
    size_t i, dots = 0, first = 0, second = 0;

    if (!ppi.p)
        return SIP_PPI_NONE;
    for (i = 0; i < ppi.len; i++) {
        char c = ppi.p[i];
        if (c == '.') {
            if (++dots == 1)
                first = i;
            else if (dots == 2)
                second = i;
        } else if (!is_base64url(c)) {
            return SIP_PPI_MALFORMED;
        }
    }
    if (dots != 2 || second + 1 >= ppi.len)
        return SIP_PPI_MALFORMED;
    if (first == 0 && second == 1)
        return SIP_PPI_COMPACT;
    return first > 0 && second > first + 1 ? SIP_PPI_FULL : SIP_PPI_MALFORMED;
}
