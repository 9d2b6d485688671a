/* sip_values.h
 * Parsers of SIP header VALUES: delta-seconds (Expires, Min-Expires, Min-SE,
 * Session-Expires), Retry-After, Warning, Reason, Event, token lists
 * (Allow, Allow-Events, Supported, Require, Unsupported, Accept*), Contact
 * with q and expires, and authentication challenges.
 *
 * Pure C, no allocation, no Wireshark: every function reads a span and
 * writes spans into it or numbers. Input is never trusted: every loop is
 * bounded by the span's length, numbers saturate instead of overflowing,
 * quoted strings and <...> are skipped as one piece, and a caller can bound
 * the number of list items by counting calls.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SIP_VALUES_H
#define SIP_VALUES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "parse/sip_text.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Largest delta-seconds kept; RFC 3261 section 20.19: values above 2**32-1
 * are taken as 2**32-1. */
#define SIP_DELTA_MAX 4294967295u

typedef enum {
    SIP_NUM_OK = 0,
    SIP_NUM_EMPTY,          /* nothing where a number should be */
    SIP_NUM_NEGATIVE,       /* "-5" */
    SIP_NUM_NOT_NUMERIC,    /* "soon", "5s", "0x10" */
    SIP_NUM_OVERFLOW        /* more than SIP_DELTA_MAX: value saturated */
} sip_num_status_t;

/* "malformed", "empty" ... for messages; "ok" for SIP_NUM_OK. */
const char *sip_num_status_name(sip_num_status_t st);

/* Parses leading digits of s (after white space); *end_out gets the offset
 * after them. Returns the status; *value is saturated at SIP_DELTA_MAX. When
 * whole is true the number must be all of s (trailing white space allowed). */
sip_num_status_t sip_parse_delta(sip_span_t s, bool whole, uint32_t *value, size_t *end_out);

/* ---- Lists and parameters ---- */

/* Splits a comma-separated header value into items, skipping commas inside
 * "quoted strings" (with \-escapes), <angle brackets> and (comments). */
typedef struct {
    sip_span_t rest;
} sip_list_iter_t;

void sip_list_init(sip_list_iter_t *it, sip_span_t value);
/* Next non-empty item, trimmed. */
bool sip_list_next(sip_list_iter_t *it, sip_span_t *item);

/* Does the comma list contain this token (case-insensitive, parameters after
 * ';' ignored)? */
bool sip_list_has_token(sip_span_t list, const char *token, size_t token_len);

/* The value of ;name=value (or ;name with an empty value) in the parameters
 * of s, searched after the first ';' that is outside quotes and <...>.
 * Quotes around the value are removed. Returns false when absent. */
bool sip_param_find(sip_span_t s, const char *name, sip_span_t *value);

/* The same for a header parameter of a From, To or Contact value (tag,
 * expires), found from its end: a name-addr's header parameters follow the
 * '>' that closes its URI (RFC 3261 section 25.1), so they are read from
 * the last '>' and the URI and display name are not read, unless a quote,
 * '<' or NUL follows that '>' (then as sip_param_find()). An addr-spec (no
 * '>') is read as sip_param_find() reads it. */
bool sip_address_param(sip_span_t s, const char *name, sip_span_t *value);

/* The same in the first item of a comma list only (the top Via's branch):
 * the search stops at the first ',' outside quotes and <...>. */
bool sip_first_item_param(sip_span_t list, const char *name, sip_span_t *value);

/* The part before the first ';' outside quotes and <...>, trimmed. */
sip_span_t sip_value_main(sip_span_t s);

/* Removes one pair of surrounding double quotes, if any. */
sip_span_t sip_unquote(sip_span_t s);

/* ---- Retry-After (RFC 3261 section 20.33) ----
 * Retry-After: 120 (I'm in a meeting);duration=3600 */
typedef struct {
    sip_num_status_t status;   /* of the delta-seconds */
    uint32_t seconds;
    sip_span_t comment;        /* inside the parentheses, may be empty */
    bool has_duration;
    sip_num_status_t duration_status;
    uint32_t duration;
} sip_retry_after_t;

void sip_parse_retry_after(sip_span_t value, sip_retry_after_t *out);

/* ---- Warning (RFC 3261 section 20.43) ----
 * Warning: 307 isi.edu "Session parameter 'foo' not understood"
 * One call per warning-value of the comma list. */
typedef struct {
    bool code_ok;              /* exactly three digits */
    int code;                  /* -1 when not three digits */
    sip_span_t code_text;      /* as found */
    sip_span_t agent;
    sip_span_t text;           /* unquoted; empty when missing */
    bool text_quoted;          /* the text was a quoted string */
} sip_warning_t;

void sip_parse_warning(sip_span_t item, sip_warning_t *out);

/* ---- Reason (RFC 3326 section 2) ----
 * Reason: Q.850;cause=16;text="Terminated" */
typedef struct {
    sip_span_t protocol;       /* "SIP", "Q.850", ... */
    bool has_cause;
    sip_num_status_t cause_status;
    uint32_t cause;
    sip_span_t cause_text;     /* as found */
    sip_span_t text;           /* unquoted; empty when missing */
} sip_reason_t;

void sip_parse_reason(sip_span_t item, sip_reason_t *out);

/* ---- Event (RFC 6665 section 8.2.1) ----
 * Event: presence;id=12 -> package "presence" */
sip_span_t sip_event_package(sip_span_t value);

/* ---- Contact (RFC 3261 section 20.10) with q and expires ---- */
typedef struct {
    bool star;                 /* "Contact: *" */
    sip_span_t display;        /* display name, may be empty */
    sip_span_t uri;            /* inside <...> or the addr-spec */
    bool has_q;
    bool q_ok;
    unsigned q_milli;          /* q as thousandths, 0..1000 */
    sip_span_t q_text;
    bool has_expires;
    sip_num_status_t expires_status;
    uint32_t expires;
} sip_contact_t;

void sip_parse_contact(sip_span_t item, sip_contact_t *out);

/* ---- Challenges (RFC 3261 section 25.1 challenge, RFC 7616, RFC 8760)
 * WWW-Authenticate: Digest realm="atlanta.com", nonce="...", qop="auth",
 *                   algorithm=SHA-256, stale=TRUE
 * Only the first challenge of a header line is read. */
typedef struct {
    sip_span_t scheme;
    sip_span_t realm;          /* unquoted */
    bool has_realm;            /* realm= given, maybe empty (realm="") */
    sip_span_t algorithm;
    sip_span_t qop;            /* unquoted, e.g. auth,auth-int */
    sip_span_t nonce;
    bool has_stale;
    bool stale;                /* stale=true (case-insensitive) */
    sip_span_t username;       /* credentials only (Authorization) */
    sip_span_t response;       /* credentials only: the digest computed, unquoted */
    bool has_auts;             /* credentials only: auts= (IMS AKA resynchronisation,
                                  3GPP TS 33.203) */
    bool malformed;            /* a quoted value that is not one quoted-string:
                                  what follows it may have been read into it */
} sip_challenge_t;

void sip_parse_challenge(sip_span_t value, sip_challenge_t *out);

#ifdef __cplusplus
}
#endif

#endif /* SIP_VALUES_H */
