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
realm_text(response_ctx_t *rc, const sip_challenge_t *ch)
{
    if (!ch->has_realm)
        return ctx_text(rc, "part.NoRealm", NULL);
    if (!ch->realm.len)
        return ctx_text(rc, "part.EmptyRealm", NULL);
    return ctx_text(rc, "part.Realm", "realm", span_text(rc->pinfo->pool, ch->realm), NULL);
}

/* One challenge, as found; a malformed one is shown but not trusted. */
static void
explain_one_challenge(response_ctx_t *rc, sip_span_t value, const char *name, challenges_t *all)
{
    wmem_allocator_t *pool = rc->pinfo->pool;
    sip_challenge_t ch;

    sip_parse_challenge(value, &ch);
    if (ch.scheme.len == 0) {
        add_malformed(rc, value, "finding.ChallengeEmpty", "header", name, NULL);
        return;
    }
    if (ch.malformed) {
        add_malformed(rc, value, "finding.ChallengeBadQuotes", "header", name, "value", span_text(pool, value), NULL);
        return;
    }
    if (ch.has_stale && ch.stale)
        all->stale = TRUE;
    if (all->n_nonces < MAX_REPEAT)
        all->nonce[all->n_nonces++] = nonce_hash(ch.nonce);
    if (!rc->show_findings) {
        all->aka |= is_aka(ch.algorithm);
        return;
    }
    if (is_aka(ch.algorithm)) {
        all->aka = TRUE;
        add_finding(rc, value, "finding.ChallengeAka", "scheme", span_text(pool, ch.scheme),
                    "realm", realm_text(rc, &ch), "algorithm", span_text(pool, ch.algorithm), NULL);
        return;
    }
    add_finding(rc, value, "finding.Challenge", "scheme", span_text(pool, ch.scheme), "realm", realm_text(rc, &ch),
                "algorithm", ch.algorithm.len ? span_text(pool, ch.algorithm) : ctx_text(rc, "part.NoAlgorithm", NULL),
                "qop", ch.qop.len ? span_text(pool, ch.qop) : ctx_text(rc, "part.NoQop", NULL),
                "stale", ch.has_stale ? (ch.stale ? ", stale=true" : ", stale=false") : "", NULL);
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
whose(response_ctx_t *rc, const credentials_t *c)
{
    return wmem_strdup_printf(rc->pinfo->pool, "%s%s",
                              c->user ? ctx_text(rc, "part.ForUser", "user", c->user, NULL) : "",
                              c->realm ? ctx_text(rc, "part.InRealm", "realm", c->realm, NULL) : "");
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
    const char *who = rc->show_findings ? whose(rc, c) : "";
    const char *frame = ctx_num(rc, req->frame);
    const char *wrong = rc->show_findings ? ctx_text(rc, all->aka ? "part.AkaRefused" : "part.WrongCredentials", NULL) : "";
    sip_span_t phrase = rc->msg->start.reason;
    proto_item *pi;
    unsigned run;

    if (req->credentials_resync) {
        pi = add_finding(rc, empty_span(), "finding.AkaResync", "frame", frame, "who", who, NULL);
        add_expert(rc, pi, &ei_sip_explain_context_aka_resync, NULL);
        return;
    }
    if (all->stale) {
        pi = add_finding(rc, empty_span(), "finding.StaleNonce", "frame", frame, "who", who, NULL);
        add_expert(rc, pi, &ei_sip_explain_context_nonce_refresh, NULL);
        return;
    }
    /* A server that says the nonce changed or is stale, in words rather
     * than with stale=true, is taken at its word. */
    if (sip_span_contains_nocase(phrase, "nonce") || sip_span_contains_nocase(phrase, "stale")) {
        pi = add_finding(rc, empty_span(), "finding.NonceChangedPhrase", "frame", frame, "who", who,
                         "phrase", span_text(pool, phrase), NULL);
        add_expert(rc, pi, &ei_sip_explain_context_nonce_changed, "phrase", span_text(pool, phrase), NULL);
        return;
    }
    run = note_refused(rc, c);
    /* The flow's verdict judges the same nonce the same way, and in the
     * same order after stale=true and a phrase naming the nonce
     * (flows/flow_records.c, FLOW_T_SAME_NONCE): keep the two alike. */
    if (c->has_nonce && challenged_on(all, c->nonce)) {
        pi = add_finding(rc, empty_span(), "finding.SameNonce", "frame", frame, "header", c->header, "who", who,
                         "verdict", wrong, NULL);
        add_expert_as(rc, pi, &ei_sip_explain_context_rechallenge, "expert.SameNonce", NULL);
    } else if (run >= REFUSALS_FOR_WRONG_CREDENTIALS) {
        pi = add_finding(rc, empty_span(), "finding.RefusedInRow", "times", ctx_num(rc, run), "who", who, "frame", frame,
                         "header", c->header, "verdict", wrong, NULL);
        add_expert_as(rc, pi, &ei_sip_explain_context_rechallenge, "expert.RefusedInRow", "times", ctx_num(rc, run), NULL);
    } else {
        pi = add_finding(rc, empty_span(), "finding.NewNonce", "frame", frame, "header", c->header, "who", who, NULL);
        add_expert(rc, pi, &ei_sip_explain_context_nonce_refused, NULL);
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
        add_finding(rc, empty_span(), "finding.ChallengeNoRequest", NULL);
        return;
    }
    if (credentials_of(req, proxy, &c))
        judge_rechallenge(rc, &c, &all);
    else if (proxy ? req->empty_proxy_authorization : req->empty_authorization)
        add_finding(rc, empty_span(), "finding.FirstChallengeEmpty", "frame", ctx_num(rc, req->frame), "header", c.header,
                    NULL);
    else
        add_finding(rc, empty_span(), "finding.FirstChallenge", "frame", ctx_num(rc, req->frame), "header", c.header, NULL);
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
        pi = add_finding(rc, reason, has ? "finding.CalleeRejectedCredentials" : "finding.CalleeRejected", NULL);
        add_expert(rc, pi, &ei_sip_explain_context_callee_rejected, NULL);
        return;
    }
    if (!has)
        return;
    note_refused(rc, &c);
    if (rc->show_findings)
        pi = add_finding(rc, empty_span(), "finding.ForbiddenUser", "frame", ctx_num(rc, req->frame), "header", c.header,
                         "who", whose(rc, &c), NULL);
    else
        pi = NULL;
    add_expert(rc, pi, &ei_sip_explain_context_forbidden_user, NULL);
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
