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
    gboolean has_retry_after, stale;
    guint32 retry_after;
} flow_message_t;

/* Reads the message's headers (one pass). */
void flow_read_message(const sip_explain_message_t *msg, flow_message_t *m);

/* Does this REGISTER remove its bindings (RFC 3261 sections 10.2.1.1,
 * 10.2.2)? */
gboolean flow_asks_unregister(const flow_message_t *m);

/* 32 bits of the hash of the tag parameter of a From or To value; 0 when
 * there is none. */
guint32 flow_tag_hash(sip_span_t name_addr);

/* The URI of a From or To value, for the table. */
sip_span_t flow_uri_of(sip_span_t name_addr);

#endif /* FLOW_READING_H */
