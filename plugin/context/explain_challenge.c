/* explain_challenge.c
 * Routines for explaining a 401 or 407 next to the credentials the request
 * carried, a 403 to a request with credentials, and the 2xx that accepts
 * credentials.
 *
 * A challenge to credentials is judged by what changed: a challenge on the
 * very nonce the credentials answered refuses the credentials; stale=true
 * refreshes the nonce; a new nonce alone does not say whether the nonce or
 * the credentials were refused, until the same user is refused again and
 * again (auth_attempts.c keeps the run). A reason phrase that names the
 * nonce is taken at its word.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "context/context_internal.h"

#include <string.h>

#include "parse/sip_values.h"

/* Refusals in a row, on fresh nonces, that say the credentials are wrong:
 * one new nonce may be the server's rotation, a third is not. */
#define REFUSALS_FOR_WRONG_CREDENTIALS 3

/* What the challenges of a response say, together. */
typedef struct {
    gboolean stale;                     /* one says stale=true */
    gboolean aka;                       /* one is IMS AKA */
    guint32 nonce[MAX_REPEAT];          /* nonce_hash() of each trusted challenge's nonce */
    unsigned n_nonces;
} challenges_t;

/* AKAv1-MD5, AKAv2-MD5 (RFC 3310, RFC 4169): 3GPP IMS AKA. */
static gboolean
is_aka(sip_span_t algorithm)
{
    return algorithm.len >= 5
        && (sip_span_equals_nocase_n((sip_span_t){ algorithm.p, 5 }, "AKAv1", 5)
            || sip_span_equals_nocase_n((sip_span_t){ algorithm.p, 5 }, "AKAv2", 5));
}

static const char *
realm_text(wmem_allocator_t *pool, const sip_challenge_t *ch)
{
    if (!ch->has_realm)
        return "no realm";
    if (!ch->realm.len)
        return "an empty realm (realm=\"\")";
    return wmem_strdup_printf(pool, "realm \"%s\"", span_text(pool, ch->realm));
}

/* One challenge, as found; a malformed one is shown but not trusted. */
static void
explain_one_challenge(response_ctx_t *rc, sip_span_t value, const char *name, challenges_t *all)
{
    wmem_allocator_t *pool = rc->pinfo->pool;
    sip_challenge_t ch;

    sip_parse_challenge(value, &ch);
    if (ch.scheme.len == 0) {
        add_malformed(rc, value, "%s is empty: no challenge to answer", name);
        return;
    }
    if (ch.malformed) {
        add_malformed(rc, value, "%s \"%s\" has a quoted value that is not one quoted-string "
                      "(RFC 3261 section 25.1): its parameters cannot be told apart", name, span_text(pool, value));
        return;
    }
    if (ch.has_stale && ch.stale)
        all->stale = TRUE;
    if (all->n_nonces < MAX_REPEAT)
        all->nonce[all->n_nonces++] = nonce_hash(ch.nonce);
    if (is_aka(ch.algorithm)) {
        all->aka = TRUE;
        add_finding(rc, value, "Challenge: %s %s, algorithm %s: IMS AKA (RFC 3310, 3GPP TS 33.203), not a password: "
                    "the nonce carries RAND and AUTN, and the ISIM computes the answer from the key it shares with "
                    "the network. A failure means the SIM's and the network's keys do not match, or their sequence "
                    "numbers are out of step (the ISIM answers with auts), not a mistyped password",
                    span_text(pool, ch.scheme), realm_text(pool, &ch), span_text(pool, ch.algorithm));
        return;
    }
    add_finding(rc, value, "Challenge: %s %s, algorithm %s, qop %s%s",
                span_text(pool, ch.scheme), realm_text(pool, &ch),
                ch.algorithm.len ? span_text(pool, ch.algorithm) : "not given (MD5)",
                ch.qop.len ? span_text(pool, ch.qop) : "not given (RFC 2069 compatibility)",
                ch.has_stale ? (ch.stale ? ", stale=true" : ", stale=false") : "");
}

static void
explain_challenges(response_ctx_t *rc, const header_values_t *challenges, const char *name, challenges_t *all)
{
    unsigned i;

    for (i = 0; i < challenges->n; i++)
        explain_one_challenge(rc, challenges->value[i], name, all);
    note_repeated_header(rc, challenges, name);
}

static gboolean
challenged_on(const challenges_t *all, guint32 nonce)
{
    unsigned i;

    for (i = 0; i < all->n_nonces; i++)
        if (all->nonce[i] == nonce)
            return TRUE;
    return FALSE;
}

/* The credentials a request carried in the header a code answers. */
typedef struct {
    gboolean proxy;
    const char *header;                 /* "Authorization", "Proxy-Authorization" */
    const char *user, *realm;           /* NULL: not named */
    gboolean has_nonce;
    guint32 nonce;
} credentials_t;

static gboolean
credentials_of(const recorded_request_t *req, gboolean proxy, credentials_t *c)
{
    c->proxy = proxy;
    c->header = proxy ? "Proxy-Authorization" : "Authorization";
    c->user = proxy ? req->pauth_user : req->auth_user;
    c->realm = proxy ? req->pauth_realm : req->auth_realm;
    c->has_nonce = proxy ? req->has_pauth_nonce : req->has_auth_nonce;
    c->nonce = proxy ? req->pauth_nonce : req->auth_nonce;
    return proxy ? req->has_proxy_authorization : req->has_authorization;
}

/* " for user "alice" in realm "example.com"" */
static const char *
whose(wmem_allocator_t *pool, const credentials_t *c)
{
    return wmem_strdup_printf(pool, "%s%s%s%s%s%s", c->user ? " for user \"" : "", c->user ? c->user : "",
                              c->user ? "\"" : "", c->realm ? " in realm \"" : "", c->realm ? c->realm : "",
                              c->realm ? "\"" : "");
}

static guint64
attempts_key(const response_ctx_t *rc, const credentials_t *c)
{
    return auth_attempts_key(rc->headers.ids.call_id, c->user, c->realm, c->proxy);
}

/* Notes this response as a refusal of the credentials; returns the
 * refusals in a row, this one included. */
static unsigned
note_refused(response_ctx_t *rc, const credentials_t *c)
{
    guint64 key = attempts_key(rc, c);

    auth_attempts_note(key, rc->pinfo->num, rc->msg->offset, AUTH_REFUSED);
    return auth_attempts_refused_in_row(key, rc->pinfo->num, rc->msg->offset);
}

/* A 401 or 407 to a request that carried credentials: the verdict. */
static void
judge_rechallenge(response_ctx_t *rc, const credentials_t *c, const challenges_t *all)
{
    wmem_allocator_t *pool = rc->pinfo->pool;
    const recorded_request_t *req = rc->request;
    const char *who = whose(pool, c);
    const char *wrong = all->aka ? "the ISIM's answer was refused: the SIM's key does not match the network's, "
                                   "or the identity is wrong (not a mistyped password)"
                                 : "the username, password or realm is wrong";
    sip_span_t phrase = rc->msg->start.reason;
    proto_item *pi;
    unsigned run;

    if (req->credentials_resync) {
        pi = add_finding(rc, empty_span(), "The request (frame %u) carried an AKA resynchronisation (auts)%s: the ISIM's "
                         "sequence number was out of step, and this fresh challenge is the network's normal answer", req->frame, who);
        add_expert(rc, pi, &ei_sip_explain_context_aka_resync, "%u after an AKA resynchronisation: a fresh challenge, as expected", rc->code);
        return;
    }
    if (all->stale) {
        pi = add_finding(rc, empty_span(), "The request (frame %u) carried credentials%s, but the nonce was stale (stale=true): "
                         "the credentials were right; resend them computed on the new nonce", req->frame, who);
        add_expert(rc, pi, &ei_sip_explain_context_nonce_refresh, "%u with stale=true: the nonce expired, the credentials were right", rc->code);
        return;
    }
    /* A server that says the nonce changed or is stale, in words rather
     * than with stale=true, is taken at its word. */
    if (sip_span_contains_nocase(phrase, "nonce") || sip_span_contains_nocase(phrase, "stale")) {
        pi = add_finding(rc, empty_span(), "The request (frame %u) carried credentials%s; the reason phrase \"%s\" says the nonce "
                         "expired or changed: resend them computed on the new nonce (the server should say so with stale=true, "
                         "RFC 7616 section 3.3)", req->frame, who, span_text(pool, phrase));
        add_expert(rc, pi, &ei_sip_explain_context_nonce_changed, "%u \"%s\": the nonce expired or changed, not the credentials",
                   rc->code, span_text(pool, phrase));
        return;
    }
    run = note_refused(rc, c);
    if (c->has_nonce && challenged_on(all, c->nonce)) {
        pi = add_finding(rc, empty_span(), "Challenged again on the same nonce: the request (frame %u) carried %s%s computed on "
                         "this nonce, so %s", req->frame, c->header, who, wrong);
        add_expert(rc, pi, &ei_sip_explain_context_rechallenge, "%u on the nonce the credentials answered: credentials refused", rc->code);
    } else if (run >= REFUSALS_FOR_WRONG_CREDENTIALS) {
        pi = add_finding(rc, empty_span(), "Refused %u times in a row%s, each time with a new nonce: the request (frame %u) "
                         "carried %s, so %s", run, who, req->frame, c->header, wrong);
        add_expert(rc, pi, &ei_sip_explain_context_rechallenge, "%u: credentials refused %u times in a row", rc->code, run);
    } else {
        pi = add_finding(rc, empty_span(), "Challenged again with a new nonce after the request (frame %u) carried %s%s: the server "
                         "refused the nonce or the credentials and does not say which (stale=true would mean the nonce)",
                         req->frame, c->header, who);
        add_expert(rc, pi, &ei_sip_explain_context_nonce_refused, "%u with a new nonce: the nonce or the credentials were refused", rc->code);
    }
}

void
explain_challenge(response_ctx_t *rc)
{
    gboolean proxy = rc->code == 407;
    const recorded_request_t *req = rc->request;
    challenges_t all;
    credentials_t c;

    memset(&all, 0, sizeof all);
    explain_challenges(rc, proxy ? &rc->headers.proxy_auth : &rc->headers.www_auth,
                       proxy ? "Proxy-Authenticate" : "WWW-Authenticate", &all);
    /* What the challenge means depends on what the request carried. */
    if (!req) {
        add_finding(rc, empty_span(), "The request is not in the capture: cannot tell a first challenge from credentials that were refused");
        return;
    }
    if (credentials_of(req, proxy, &c))
        judge_rechallenge(rc, &c, &all);
    else
        add_finding(rc, empty_span(), "First challenge: the request (frame %u) carried no credentials in %s (an IMS first "
                    "REGISTER's empty nonce and response are none); the client should resend it with credentials",
                    req->frame, c.header);
}

/* Reason: Q.850;cause=21 (call rejected) among the response's Reasons. */
static gboolean
callee_rejected(const response_ctx_t *rc, sip_span_t *where)
{
    unsigned i;

    for (i = 0; i < rc->headers.reason.n; i++) {
        sip_list_iter_t it;
        sip_span_t item;
        unsigned items = 0;

        sip_list_init(&it, rc->headers.reason.value[i]);
        while (items++ < MAX_REPEAT && sip_list_next(&it, &item)) {
            sip_reason_t r;

            sip_parse_reason(item, &r);
            if (sip_span_equals_nocase(r.protocol, "Q.850") && r.has_cause && r.cause_status == SIP_NUM_OK && r.cause == 21) {
                *where = rc->headers.reason.value[i];
                return TRUE;
            }
        }
    }
    return FALSE;
}

void
explain_403(response_ctx_t *rc)
{
    const recorded_request_t *req = rc->request;
    credentials_t c;
    gboolean has;
    sip_span_t reason;
    proto_item *pi;

    has = req && (credentials_of(req, TRUE, &c) || credentials_of(req, FALSE, &c));
    if (callee_rejected(rc, &reason)) {
        pi = add_finding(rc, reason, "Q.850 cause 21 (call rejected): the callee declined the call; this 403 is the callee's "
                         "decision%s", has ? ", not a refusal of the credentials" : ", not a fault of the request");
        add_expert(rc, pi, &ei_sip_explain_context_callee_rejected, "403 with Q.850 cause 21: the callee rejected the call");
        return;
    }
    if (!has)
        return;
    note_refused(rc, &c);
    pi = add_finding(rc, empty_span(), "Refused after credentials: the request (frame %u) carried %s%s; a 403 refuses the user, not "
                     "the nonce (RFC 3261 section 21.4.4: authorization will not help): the password is wrong, or the user may "
                     "not make this request", req->frame, c.header, whose(rc->pinfo->pool, &c));
    add_expert(rc, pi, &ei_sip_explain_context_forbidden_user, "403 after credentials: the user is refused");
}

void
note_credentials_accepted(response_ctx_t *rc)
{
    const recorded_request_t *req = rc->request;
    credentials_t c;

    if (!req)
        return;
    if (credentials_of(req, FALSE, &c))
        auth_attempts_note(attempts_key(rc, &c), rc->pinfo->num, rc->msg->offset, AUTH_ACCEPTED);
    if (credentials_of(req, TRUE, &c))
        auth_attempts_note(attempts_key(rc, &c), rc->pinfo->num, rc->msg->offset, AUTH_ACCEPTED);
}
