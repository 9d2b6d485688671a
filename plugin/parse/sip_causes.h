/* sip_causes.h
 * Parsers of the header values that say why a call failed or ended,
 * beyond the Reason header (sip_values.h): Microsoft's ms-diagnostics,
 * Asterisk's X-Asterisk-HangupCauseCode, Twilio's X-Twilio-Error, the
 * text of a Reason that Microsoft Teams prefixes with a correlation id,
 * and the PASSporT a STIR Reason names (RFC 9410 section 4).
 *
 * Pure C, no allocation, no Wireshark, as sip_values.h: every function
 * reads a span and writes spans into it or numbers.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SIP_CAUSES_H
#define SIP_CAUSES_H

#include "parse/sip_values.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- ms-diagnostics, ms-diagnostics-public ([MS-OCER] section 2.2.1.2)
 * 1034;reason="Previous hop ...";source="edge.contoso.com"
 * -> id 1034, no sub-code, reason and source unquoted. */
typedef struct {
    sip_span_t id_text;             /* the error id as found (before ';') */
    sip_num_status_t id_status;     /* of the id's digits */
    uint32_t id;
    bool has_sub;                   /* "<id>.<sub>" */
    sip_num_status_t sub_status;
    uint32_t sub;
    sip_span_t reason, source;      /* unquoted; empty when missing */
} sip_ms_diagnostics_t;

void sip_parse_ms_diagnostics(sip_span_t value, sip_ms_diagnostics_t *out);

/* ---- X-Twilio-Error: <code> <message>
 * 32011 Error communicating with target SIP endpoint -> 32011, the rest. */
typedef struct {
    sip_span_t code_text;           /* the leading token as found */
    sip_num_status_t code_status;
    uint32_t code;
    sip_span_t message;             /* trimmed; empty when missing */
} sip_twilio_error_t;

void sip_parse_twilio_error(sip_span_t value, sip_twilio_error_t *out);

/* ---- A Reason's text with a correlation id first, as Microsoft Teams
 * Direct Routing writes it: "d3e5...-42;No callee endpoints were found."
 * The id is one token of hex digits and dashes (at least 8 bytes) before
 * the first ';'. false (and *id, *rest untouched) when the text is not so
 * made. */
bool sip_split_correlation_id(sip_span_t text, sip_span_t *id, sip_span_t *rest);

/* ---- The PASSporT a STIR Reason names by its ppi parameter (RFC 9410
 * section 4): the compact form "..<signature>" or a full JWS
 * "<header>.<claims>.<signature>". */
typedef enum {
    SIP_PPI_NONE = 0,               /* no ppi parameter */
    SIP_PPI_COMPACT,                /* "..signature" */
    SIP_PPI_FULL,                   /* three parts, the first two not empty */
    SIP_PPI_MALFORMED               /* anything else */
} sip_ppi_form_t;

sip_ppi_form_t sip_ppi_form(sip_span_t ppi);

#ifdef __cplusplus
}
#endif

#endif /* SIP_CAUSES_H */
