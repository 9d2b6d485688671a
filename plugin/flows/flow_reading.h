/* flow_reading.h
 * What one SIP message tells its flow: the ids that place it (Call-ID,
 * CSeq, From and To), whether a request carried credentials or asked to
 * remove bindings, and what a final response added (Q.850 cause,
 * Retry-After, Warning, a stale challenge).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef FLOW_READING_H
#define FLOW_READING_H

#include <glib.h>

#include "parse/sip_values.h"
#include "sip_explain.h"

/* What one message tells its flow. */
typedef struct {
    sip_span_t call_id, cseq, from, to;
    gboolean credentials, expires_zero, contact_star, has_contact;
    unsigned contact_zero, contact_positive, contact_plain;     /* by their expires parameter */
    guint16 q850_cause, warn_code;
    gboolean warn_unrouted;             /* a 480: a Warning 399 whose text names a failed DNS lookup or route */
    gboolean has_retry_after, stale;
    guint32 retry_after;
    guint32 credentials_nonce;          /* a request: flow_nonce_hash() of the nonce its credentials answer */
    guint32 challenge_nonce[4];         /* a final: those of its challenges (the first four) */
    unsigned n_challenge_nonces;
    /* How a call ended, and transfers (RFC 3326, RFC 3515 section 2.4.5). */
    sip_span_t reason;                  /* a BYE or CANCEL or a final: its first Reason */
    /* The causes vendors give (a final; a BYE or CANCEL: Asterisk's). */
    sip_span_t ms_diagnostics, twilio_error, asterisk_cause, asterisk_cause_code;
    gboolean refer_frag;                /* a NOTIFY of Event: refer with a message/sipfrag status line */
    guint16 frag_code;                  /* that status line's code */
} flow_message_t;

/* Reads the message's headers (one pass). */
void flow_read_message(const sip_explain_message_t *msg, flow_message_t *m);

/* What a NOTIFY (Event: refer and a message/sipfrag status line: a final
 * status is the transfer's result, RFC 3515 section 2.4.5, whatever its
 * Subscription-State) adds for transfers: a second pass over the headers
 * of NOTIFYs only, into m as read by flow_read_message() (which reads a
 * BYE's or CANCEL's Reason in its own pass). */
void flow_read_ending(const sip_explain_message_t *msg, flow_message_t *m);

/* Does this REGISTER remove its bindings (RFC 3261 sections 10.2.1.1,
 * 10.2.2)? */
gboolean flow_asks_unregister(const flow_message_t *m);

/* 32 bits of the hash of a nonce, never 0 (0: no nonce). */
guint32 flow_nonce_hash(sip_span_t nonce);

/* Did the final response challenge again on the nonce the request's
 * credentials answered (request_nonce from its flow_message_t)? */
gboolean flow_challenged_on(const flow_message_t *final, guint32 request_nonce);

/* 32 bits of the hash of the tag parameter of a From or To value; 0 when
 * there is none. */
guint32 flow_tag_hash(sip_span_t name_addr);

/* The URI of a From or To value, for the table. */
sip_span_t flow_uri_of(sip_span_t name_addr);

/* Does a reason phrase or warn-text say a proxy found no route (a failed
 * DNS lookup, no route)? */
gboolean flow_names_routing_failure(sip_span_t text);

#endif /* FLOW_READING_H */
