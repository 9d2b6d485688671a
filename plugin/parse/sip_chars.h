/* sip_chars.h
 * Character classes of the SIP grammar (RFC 3261 section 25.1), shared by
 * the readers in this folder. ASCII only, locale-free.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SIP_CHARS_H
#define SIP_CHARS_H

#include <stdbool.h>
#include <string.h>

/* SP or HTAB. */
static inline bool
sip_is_blank(char c)
{
    return c == ' ' || c == '\t';
}

/* SP, HTAB, CR or LF (white space inside a folded header value). */
static inline bool
sip_is_lws(char c)
{
    return sip_is_blank(c) || c == '\r' || c == '\n';
}

static inline bool
sip_is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static inline char
sip_to_lower(char c)
{
    return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

/* RFC 3261 token characters (methods, parameter names). */
static inline bool
sip_is_token_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || sip_is_digit(c)
        || (c != '\0' && strchr("-.!%*_+`'~", c) != NULL);
}

#endif /* SIP_CHARS_H */
