/* request_records.h
 * What each request of the capture asked for, kept in file scope so that a
 * response can be explained against the request it answers.
 *
 * Stored compactly (a 48-byte record plus 8 bytes for each text or number
 * it carried that some response explains, and the map's entry; each
 * distinct text kept once); handed out whole, as a recorded_request_t in the
 * caller's scope.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef REQUEST_RECORDS_H
#define REQUEST_RECORDS_H

#include <epan/wmem_scopes.h>

#include "parse/sip_text.h"

/* What a request asked for. Texts are NULL when the request had no such
 * header; they are shown as found, length-limited. */
typedef struct {
    guint32 frame;
    const char *method;                 /* request line */
    const char *uri;                    /* SUBSCRIBE only (204 explains it) */
    const char *event;                  /* package */
    const char *require, *proxy_require, *supported;
    const char *content_type, *content_encoding;
    const char *suppress_if_match;
    const char *reason;                 /* Reason value(s) (CANCEL, BYE) */
    const char *asterisk_cause, *asterisk_cause_code;   /* X-Asterisk-HangupCause(Code) */
    const char *auth_user, *auth_realm; /* from Authorization */
    const char *pauth_user, *pauth_realm;
    gboolean has_expires, has_contact_expires, has_session_expires, has_min_se;
    /* Credentials: only those that carry a nonce or a response (an IMS
     * first REGISTER names the user with both empty: no credentials). */
    gboolean has_authorization, has_proxy_authorization;
    gboolean has_auth_nonce, has_pauth_nonce;
    gboolean credentials_resync;        /* auts= in either: an AKA resynchronisation */
    /* The header with nonce and response both empty: how an IMS first
     * REGISTER names its user (no credentials). */
    gboolean empty_authorization, empty_proxy_authorization;
    guint32 expires, contact_expires, session_expires, min_se;
    guint32 auth_nonce, pauth_nonce;    /* nonce_hash() of the nonce the credentials answer */
} recorded_request_t;

/* Where a request is and which transaction it belongs to. key: hash of
 * Call-ID, CSeq number and method; branch: hash of the same with the top
 * Via branch, 0 when there is none. */
typedef struct {
    guint64 key, branch;
    guint32 cseq;
    sip_span_t cseq_method;
    guint32 frame;
    gint offset;                        /* of the message in its data source */
} request_id_t;

/* Created and freed with the capture file (init and cleanup routines). */
void request_records_init(void);
void request_records_cleanup(void);

/* Is this request recorded: the same message (re-dissection), or a copy in
 * an earlier frame (retransmission)? A copy recorded from a later frame
 * (frames dissected out of order) takes this frame, and TRUE is returned:
 * the request is recorded. FALSE also when there is no capture file. */
gboolean request_records_known(const request_id_t *id);

/* How many requests are recorded under the transaction's key (id->key):
 * 0, 1, or 2 for two or more (a forked request seen at several hops). */
guint request_records_under_key(const request_id_t *id);

/* Records a request not yet known (texts are copied into file scope). */
void request_records_add(const request_id_t *id, const recorded_request_t *req);

/* The request a response (id: the response's) answers, seen at or before
 * the response's frame: the one with the same branch, else the first copy
 * of the transaction. NULL when none. The result lives in scope. */
const recorded_request_t *request_records_find(wmem_allocator_t *scope, const request_id_t *id);

#endif /* REQUEST_RECORDS_H */
