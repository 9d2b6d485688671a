/* request_reading.c
 * Routines for reading what a request asked for into its record: the
 * texts and numbers some response explains (its method, Event, Expires,
 * Require, credentials, Reason ...), read once per request whichever frame
 * shows it first.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "context/context_internal.h"

#include <string.h>

#include "parse/sip_values.h"

/* The value's text, or NULL for an empty span: a record keeps no text for
 * a value the request did not give. */
static const char *
span_text_or_null(wmem_allocator_t *scope, sip_span_t s)
{
    return s.len > 0 ? span_text(scope, s) : NULL;
}

/* The values joined, or NULL when the header is absent. */
static const char *
header_values_joined_or_null(wmem_allocator_t *scope, const header_values_t *values)
{
    return values->n ? header_values_joined(scope, values) : NULL;
}

/* A delta-seconds header, when it reads as one; a record keeps no
 * malformed number (the response side says what is wrong with its own). */
static gboolean
delta_of(const header_values_t *values, guint32 *out)
{
    uint32_t v;

    if (!values->n || sip_parse_delta(header_values_first(values), false, &v, NULL) != SIP_NUM_OK)
        return FALSE;
    *out = v;
    return TRUE;
}

/* Contact's expires parameter: the lowest of the first MAX_REPEAT items,
 * the one a 423 is about. */
static void
contact_expires_of(const header_values_t *contact, recorded_request_t *record)
{
    unsigned i;

    for (i = 0; i < contact->n; i++) {
        sip_list_iter_t it;
        sip_span_t item;
        unsigned items = 0;

        sip_list_init(&it, contact->value[i]);
        while (items++ < MAX_REPEAT && sip_list_next(&it, &item)) {
            sip_contact_t c;
            sip_parse_contact(item, &c);
            if (c.has_expires && c.expires_status == SIP_NUM_OK
                && (!record->has_contact_expires || c.expires < record->contact_expires)) {
                record->has_contact_expires = TRUE;
                record->contact_expires = c.expires;
            }
        }
    }
}

/* What Authorization or Proxy-Authorization carried, as a record keeps it. */
typedef struct {
    const char *user, *realm;           /* NULL where it named none */
    gboolean has_nonce;
    guint32 nonce;                      /* nonce_hash() */
    gboolean resync;                    /* auts=: an AKA resynchronisation */
} credentials_t;

/* TRUE when the request carried credentials: a header whose nonce or
 * response is not empty. An IMS first REGISTER (3GPP TS 24.229 section
 * 5.1.1.2) carries Authorization with nonce="" and response="" only to
 * name the private user identity: that is no answer to any challenge. */
static gboolean
credentials_of(wmem_allocator_t *scope, const header_values_t *values, credentials_t *out)
{
    sip_challenge_t c;

    memset(out, 0, sizeof *out);
    if (!values->n)
        return FALSE;
    sip_parse_challenge(header_values_first(values), &c);
    if (c.nonce.len == 0 && c.response.len == 0 && !c.has_auts)
        return FALSE;
    out->user = span_text_or_null(scope, c.username);
    out->realm = span_text_or_null(scope, c.realm);
    out->has_nonce = c.nonce.len > 0;
    out->nonce = nonce_hash(c.nonce);
    out->resync = c.has_auts;
    return TRUE;
}

/* Into the record's fields of one header. */
static void
keep_credentials(const credentials_t *c, const char **user, const char **realm, gboolean *has_nonce, guint32 *nonce)
{
    *user = c->user;
    *realm = c->realm;
    *has_nonce = c->has_nonce;
    *nonce = c->nonce;
}

void
record_request(packet_info *pinfo, const sip_explain_message_t *msg, gboolean expert_only)
{
    wmem_allocator_t *pool = pinfo->pool;
    request_headers_t headers;
    request_id_t id;
    recorded_request_t record;
    credentials_t cred;
    gboolean resync = FALSE;

    read_request_headers(msg, &headers, expert_only);
    if (!request_id_of(pinfo, msg, &headers.ids, &id) || request_records_known(&id))
        return;

    memset(&record, 0, sizeof record);
    record.frame = pinfo->num;
    record.method = span_text(pool, msg->start.method);
    record.reason = header_values_joined_or_null(pool, &headers.reason);
    if (credentials_of(pool, &headers.authorization, &cred)) {
        record.has_authorization = TRUE;
        keep_credentials(&cred, &record.auth_user, &record.auth_realm, &record.has_auth_nonce, &record.auth_nonce);
        resync = cred.resync;
    } else {
        record.empty_authorization = headers.authorization.n > 0;
    }
    if (credentials_of(pool, &headers.proxy_authorization, &cred)) {
        record.has_proxy_authorization = TRUE;
        keep_credentials(&cred, &record.pauth_user, &record.pauth_realm, &record.has_pauth_nonce, &record.pauth_nonce);
        resync = resync || cred.resync;
    } else {
        record.empty_proxy_authorization = headers.proxy_authorization.n > 0;
    }
    record.credentials_resync = resync;
    if (!expert_only) {
        if (sip_span_equals(msg->start.method, "SUBSCRIBE"))
            record.uri = span_text(pool, msg->start.request_uri);
        if (headers.event.n)
            record.event = span_text(pool, sip_event_package(header_values_first(&headers.event)));
        record.has_expires = delta_of(&headers.expires, &record.expires);
        /* Contact's expires asks for a registration's length (RFC 3261
         * section 10.2.1.1): read for REGISTER only. */
        if (sip_span_equals(msg->start.method, "REGISTER"))
            contact_expires_of(&headers.contact, &record);
        record.require = header_values_joined_or_null(pool, &headers.require);
        record.proxy_require = header_values_joined_or_null(pool, &headers.proxy_require);
        record.supported = header_values_joined_or_null(pool, &headers.supported);
        record.has_session_expires = delta_of(&headers.session_expires, &record.session_expires);
        record.has_min_se = delta_of(&headers.min_se, &record.min_se);
        record.content_type = header_values_joined_or_null(pool, &headers.content_type);
        record.content_encoding = header_values_joined_or_null(pool, &headers.content_encoding);
        record.suppress_if_match = header_values_joined_or_null(pool, &headers.suppress_if_match);
        record.asterisk_cause = header_values_joined_or_null(pool, &headers.asterisk_cause);
        record.asterisk_cause_code = header_values_joined_or_null(pool, &headers.asterisk_cause_code);
    }
    request_records_add(&id, &record);
}
