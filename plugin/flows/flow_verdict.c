/* flow_verdict.c
 * Routines for judging a flow (see flow_verdict.h): which requests are its
 * main ones, how they group into attempts, and what the response that
 * ended each attempt means for the call or registration.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "flows/flow_verdict.h"

#include <string.h>

#include "flows/flow_ending.h"

/* Most main transactions judged per flow (the rest of a very long
 * registration is not looked at). */
#define MAX_MAIN 512

/* The outcomes' keywords, filter values (flows/flow_outcomes.def). */
static const char *const outcome_keywords[FLOW_OUTCOME_COUNT] = {
#define OUTCOME(name, keyword, severity, summary, template_id) [FLOW_OUTCOME_##name] = keyword,
#define OUTCOME_WITHOUT_EXPERT(name, keyword, template_id) [FLOW_OUTCOME_##name] = keyword,
#include "flows/flow_outcomes.def"
};

static const char *const step_keywords[FLOW_STEP_COUNT] = {
    [FLOW_STEP_NONE] = "",
    [FLOW_STEP_CHALLENGE] = "challenge",
    [FLOW_STEP_REDIRECT] = "redirect",
    [FLOW_STEP_RETRY] = "retry",
};

static const char *const kind_keywords[FLOW_KIND_COUNT] = {
    [FLOW_KIND_CALL] = "call",
    [FLOW_KIND_REGISTRATION] = "registration",
    [FLOW_KIND_SUBSCRIPTION] = "subscription",
    [FLOW_KIND_PUBLICATION] = "publication",
    [FLOW_KIND_MESSAGE] = "message",
    [FLOW_KIND_OPTIONS] = "options",
    [FLOW_KIND_REFER] = "refer",
    [FLOW_KIND_OTHER] = "other",
};

const char *
flow_outcome_keyword(flow_outcome_t o)
{
    return o < FLOW_OUTCOME_COUNT ? outcome_keywords[o] : "";
}

const char *
flow_step_keyword(flow_step_t s)
{
    return s < FLOW_STEP_COUNT ? step_keywords[s] : "";
}

const char *
flow_kind_keyword(flow_kind_t k)
{
    return k < FLOW_KIND_COUNT ? kind_keywords[k] : "other";
}

static gboolean
is_2xx(guint32 code)
{
    return code >= 200 && code < 300;
}

static gboolean
is_challenge(guint32 code)
{
    return code == 401 || code == 407;
}

/* Final responses that ask the client to send the request again, changed:
 * a challenge, a redirect, or a value the server names (RFC 3261 sections
 * 21.4.7, 21.4.15; RFC 4028 422; RFC 6665 489; RFC 3261 491; RFC 3329 494). */
static gboolean
invites_retry(guint32 code)
{
    return is_challenge(code) || (code >= 300 && code < 400) || code == 420 || code == 421 || code == 422
        || code == 423 || code == 489 || code == 491 || code == 494;
}

static flow_kind_t
kind_of(const flow_t *f)
{
    guint i;

    for (i = 0; i < f->n_txns; i++)
        if (f->txns[i].method == FLOW_M_INVITE)
            return FLOW_KIND_CALL;
    for (i = 0; i < f->n_txns; i++) {
        switch (f->txns[i].method) {
        case FLOW_M_REGISTER: return FLOW_KIND_REGISTRATION;
        case FLOW_M_SUBSCRIBE:
        case FLOW_M_NOTIFY: return FLOW_KIND_SUBSCRIPTION;
        case FLOW_M_PUBLISH: return FLOW_KIND_PUBLICATION;
        case FLOW_M_MESSAGE: return FLOW_KIND_MESSAGE;
        case FLOW_M_OPTIONS: return FLOW_KIND_OPTIONS;
        case FLOW_M_REFER: return FLOW_KIND_REFER;
        case FLOW_M_CANCEL:
        case FLOW_M_BYE:
        case FLOW_M_PRACK:
        case FLOW_M_UPDATE:
        case FLOW_M_INFO: return FLOW_KIND_CALL;
        default: break;
        }
    }
    return FLOW_KIND_OTHER;
}

static flow_method_t
main_method(const flow_t *f, flow_kind_t kind)
{
    switch (kind) {
    case FLOW_KIND_CALL: return FLOW_M_INVITE;
    case FLOW_KIND_REGISTRATION: return FLOW_M_REGISTER;
    case FLOW_KIND_SUBSCRIPTION: return FLOW_M_SUBSCRIBE;
    case FLOW_KIND_PUBLICATION: return FLOW_M_PUBLISH;
    case FLOW_KIND_MESSAGE: return FLOW_M_MESSAGE;
    case FLOW_KIND_OPTIONS: return FLOW_M_OPTIONS;
    case FLOW_KIND_REFER: return FLOW_M_REFER;
    default: return f->n_txns ? (flow_method_t)f->txns[0].method : FLOW_M_OTHER;
    }
}

/* The main transactions, in the order they began. A call's are its
 * initial INVITEs: before any was answered with a 2xx, and (where the
 * request is seen) without a To tag; a re-INVITE is not one. */
static guint
main_txns(const flow_t *f, flow_kind_t kind, guint16 *out)
{
    flow_method_t m = main_method(f, kind);
    gboolean answered = FALSE;
    guint i, n = 0;

    for (i = 0; i < f->n_txns && n < MAX_MAIN; i++) {
        const flow_txn_t *t = &f->txns[i];
        if (!flow_txn_may_be_main(t, m) || answered)
            continue;
        if (kind == FLOW_KIND_CALL && is_2xx(t->final_code))
            answered = TRUE;
        out[n++] = (guint16)i;
    }
    return n;
}

/* The attempt had a challenge before t, or t carried credentials. */
static gboolean
after_credentials(const flow_txn_t *t, const flow_attempt_t *a)
{
    return (t->flags & FLOW_T_CREDENTIALS) || (!(t->flags & FLOW_T_REQUEST_SEEN) && a->challenges > 0);
}

/* Does a challenge refuse the credentials by itself: one on the very nonce
 * they answered (flow_records.c; RFC 7616 section 3.3: a nonce no longer
 * taken is challenged with stale=true and a new nonce)? */
static gboolean
refuses_credentials(const flow_txn_t *t)
{
    return (t->flags & FLOW_T_SAME_NONCE) != 0;
}

/* A 401 or 407 that ended an attempt. Without credentials before it, or
 * with stale=true (the nonce, not the password, RFC 7616 section 3.3), it
 * went unanswered. After credentials, the credentials were refused when it
 * named the nonce they answered, or when it is the second refusal in a
 * row; one new nonce alone may be the server's rotation: the nonce or the
 * credentials. */
static flow_outcome_t
challenge_outcome(const flow_txn_t *t, const flow_attempt_t *a)
{
    if (!after_credentials(t, a) || (t->flags & FLOW_T_STALE))
        return FLOW_OUTCOME_CHALLENGE_UNANSWERED;
    if (refuses_credentials(t) || a->refusals_after_credentials >= 2)
        return FLOW_OUTCOME_CREDENTIALS_REFUSED;
    return FLOW_OUTCOME_RECHALLENGE_UNANSWERED;
}

/* A 408 or 480 to an INVITE, by what came before it. RFC 3398 section
 * 7.2.4.1 maps Q.850 19 (no answer from user, user alerted) to 480 and 18
 * (no user responding) to 408. A 18x from the far side means it was
 * reached: nobody answered, unless a 480's Q.850 cause says otherwise (a
 * 480 with cause 21 after a 183 is a rejection, left to the code's meaning). A 408 without one is a next hop or callee that
 * never responded (a proxy's client transaction timed out, RFC 3261
 * sections 16.8 and 17.1.1.2), a network fault; a 480 whose reason phrase or Warning 399 names a
 * failed DNS lookup or route (flow_records.c) is a proxy that could not
 * route; any other 480, a user the network knows but cannot reach now
 * (RFC 3261 section 21.4.18). */
static flow_outcome_t
unanswered_outcome(const flow_txn_t *t)
{
    gboolean alerted = t->ringing_code >= 180 && t->ringing_code < 190;

    if (t->q850_cause == 19)
        return FLOW_OUTCOME_NO_ANSWER;
    if (t->q850_cause == 18)
        return FLOW_OUTCOME_TIMEOUT;
    if (t->final_code == 408)
        return alerted ? FLOW_OUTCOME_NO_ANSWER : FLOW_OUTCOME_TIMEOUT;
    if (alerted && !t->q850_cause)
        return FLOW_OUTCOME_NO_ANSWER;
    return (t->flags & FLOW_T_FINAL_UNROUTED) ? FLOW_OUTCOME_UNROUTABLE : FLOW_OUTCOME_UNAVAILABLE;
}

/* What the final response that ended an attempt means. */
static flow_outcome_t
outcome_of(flow_kind_t kind, const flow_txn_t *t, const flow_attempt_t *a)
{
    guint32 code = t->final_code;

    if (is_challenge(code))
        return challenge_outcome(t, a);
    /* Q.850 cause 21, call rejected, is the called party's or its
     * network's; RFC 3398 section 7.2.4.1 maps it to 403 and keeps 603 for
     * the user's own rejection. */
    if (code == 403 && t->q850_cause == 21 && kind == FLOW_KIND_CALL)
        return FLOW_OUTCOME_REJECTED;
    if (code == 403 && after_credentials(t, a))
        return FLOW_OUTCOME_CREDENTIALS_REFUSED;
    if (code >= 500 && code < 600)
        return FLOW_OUTCOME_SERVER_FAILURE;
    if (kind == FLOW_KIND_REGISTRATION) {
        if (!is_2xx(code))
            return FLOW_OUTCOME_REGISTRATION_FAILED;
        if (t->flags & FLOW_T_UNREGISTER)
            return FLOW_OUTCOME_UNREGISTERED;
        /* A REGISTER without Contact binds nothing: the registrar answers
         * with the bindings it holds (RFC 3261 section 10.2.3). */
        if (t->flags & FLOW_T_QUERY)
            return FLOW_OUTCOME_REGISTRATION_QUERIED;
        return !(t->flags & FLOW_T_REQUEST_SEEN) && (t->flags & FLOW_T_FINAL_NO_CONTACT) ? FLOW_OUTCOME_UNREGISTERED
                                                                                      : FLOW_OUTCOME_REGISTERED;
    }
    /* RFC 3428 section 4: a 200 to MESSAGE is a delivery; a 202 only says
     * a relay or store-and-forward server took it, and the sender must not
     * take it for a delivery. Another 2xx it gives no meaning. */
    if (kind == FLOW_KIND_MESSAGE && (code == 200 || code == 202))
        return code == 200 ? FLOW_OUTCOME_DELIVERED : FLOW_OUTCOME_ACCEPTED_FOR_DELIVERY;
    if (kind != FLOW_KIND_CALL)
        return is_2xx(code) ? FLOW_OUTCOME_ACCEPTED : FLOW_OUTCOME_REFUSED;
    if (is_2xx(code))
        return FLOW_OUTCOME_ANSWERED;
    if (code >= 300 && code < 400)
        return FLOW_OUTCOME_REDIRECTED;
    switch (code) {
    case 486: case 600:
        return FLOW_OUTCOME_BUSY;
    case 603:
        return FLOW_OUTCOME_DECLINED;
    case 607:                           /* RFC 8197: the called party did not want it */
        return FLOW_OUTCOME_UNWANTED;
    case 608:                           /* RFC 8688: an intermediary's analytics, not the callee */
        return FLOW_OUTCOME_BLOCKED;
    case 487:
        return FLOW_OUTCOME_CANCELLED;
    case 408: case 480:
        return unanswered_outcome(t);
    case 404: case 604:
        return FLOW_OUTCOME_NOT_FOUND;
    case 410:                           /* RFC 3261 section 21.4.9: existed, gone for good */
        return FLOW_OUTCOME_GONE;
    case 484:                           /* RFC 3261 section 21.4.22: more digits would route */
        return FLOW_OUTCOME_ADDRESS_INCOMPLETE;
    case 416:                           /* RFC 3261 section 21.4.14 */
        return FLOW_OUTCOME_UNSUPPORTED_SCHEME;
    /* 415 refuses the body's Content-Type, encoding or language (RFC 3261
     * section 21.4.13), not the media offered: a plain rejection. */
    case 488: case 606:
        return FLOW_OUTCOME_MEDIA_REFUSED;
    case 403:
        return FLOW_OUTCOME_FORBIDDEN;
    default:
        return FLOW_OUTCOME_REJECTED;
    }
}

/* A main transaction without a final response that nothing followed. */
static flow_outcome_t
outcome_without_final(const flow_t *f, const flow_txn_t *t, gboolean complete, gint64 end_ms)
{
    /* Timer B and F start with the request's first copy. */
    gint64 waited = end_ms - (f->start_ms + (gint64)t->request_ms);

    /* An ICMP error quoting the request is a transport error, the answer
     * itself (RFC 3261 sections 17.1.4 and 18.4). */
    if (t->unreachable_frame)
        return FLOW_OUTCOME_UNREACHABLE;
    /* Any provisional response stops Timer B: the INVITE client
     * transaction then waits in Proceeding without a limit (RFC 3261
     * section 17.1.1.2); only a proxy's Timer C, over 3 minutes, ends it
     * (section 16.6). Timer F of a non-INVITE runs on after a 1xx
     * (section 17.1.2.2). */
    if (t->method == FLOW_M_INVITE && t->ringing_frame)
        return complete ? FLOW_OUTCOME_IN_PROGRESS : FLOW_OUTCOME_NONE;
    if ((t->flags & FLOW_T_REQUEST_SEEN) && waited >= (gint64)FLOW_TIMER_B_MS)
        return FLOW_OUTCOME_NO_FINAL_RESPONSE;
    return complete ? FLOW_OUTCOME_UNFINISHED : FLOW_OUTCOME_NONE;
}

/* A flow of CANCELs alone: the INVITE they cancel, and its final
 * response, are not in the capture. */
static gboolean
only_cancels(const flow_t *f)
{
    guint i;

    for (i = 0; i < f->n_txns; i++)
        if (f->txns[i].method != FLOW_M_CANCEL)
            return FALSE;
    return TRUE;
}

static flow_step_t
step_of(guint32 code)
{
    if (is_challenge(code))
        return FLOW_STEP_CHALLENGE;
    if (code >= 300 && code < 400)
        return FLOW_STEP_REDIRECT;
    return FLOW_STEP_RETRY;
}

/* Walks the attempts. For each main transaction calls back with its
 * attempt as judged so far (decided: the attempt ends at it). Stops when
 * the callback returns FALSE. */
typedef gboolean (*attempt_cb)(guint k, guint16 txn, const flow_attempt_t *a, gboolean ends, void *data);

static void
walk(const flow_t *f, flow_kind_t kind, gboolean complete, gint64 end_ms, attempt_cb cb, void *data,
     flow_verdict_t *verdict)
{
    guint16 mains[MAX_MAIN];
    guint n = main_txns(f, kind, mains), k, start = 0;
    flow_attempt_t a = { -1, -1, FLOW_OUTCOME_NONE, 0, 0 };
    gboolean refused_before = FALSE;    /* a refusal in the attempt decided it when it was the last */

    verdict->kind = kind;
    verdict->last = a;
    if (n == 0) {
        if (complete && f->n_txns)
            verdict->last.outcome = only_cancels(f) ? FLOW_OUTCOME_CANCEL_ONLY : FLOW_OUTCOME_MID_DIALOG;
        return;
    }
    for (k = 0; k < n; k++) {
        const flow_txn_t *t = &f->txns[mains[k]];
        gboolean followed = k + 1 < n, ends = FALSE;

        if (k == start) {
            a.first = mains[k];
            a.challenges = a.refusals_after_credentials = 0;
            refused_before = FALSE;
        }
        a.last = mains[k];
        a.outcome = FLOW_OUTCOME_NONE;
        if (is_2xx(t->final_code)) {
            /* How an answered call ended, a transfer's result (flow_ending.h). */
            a.outcome = flow_ending_refine(f, kind, mains[k], outcome_of(kind, t, &a), end_ms);
            ends = TRUE;
        } else if (t->final_code >= 300) {
            /* A challenge on the nonce the credentials answered, or the
             * second refusal of credentials in a row, is no stale nonce:
             * decided even before the rest is known, once per attempt (a
             * client that keeps trying gets no verdict per try). */
            gboolean refused = FALSE;
            if (is_challenge(t->final_code) && after_credentials(t, &a) && !(t->flags & FLOW_T_STALE)) {
                a.refusals_after_credentials++;
                refused = refuses_credentials(t) || a.refusals_after_credentials == 2;
            }
            if (!followed) {
                if (complete || !invites_retry(t->final_code) || (refused && !refused_before))
                    a.outcome = outcome_of(kind, t, &a);
                ends = TRUE;
            }
            refused_before = refused_before || refused;
            if (is_challenge(t->final_code))
                a.challenges++;
        } else if (!followed) {
            a.outcome = outcome_without_final(f, t, complete, end_ms);
            ends = TRUE;
        }
        verdict->last = a;
        if (cb && !cb(k, mains[k], &a, ends, data))
            return;
        if (ends)
            start = k + 1;
    }
}

void
flow_judge(const flow_t *f, gboolean complete, gint64 end_ms, flow_verdict_t *out)
{
    walk(f, kind_of(f), complete, end_ms, NULL, NULL, out);
}

guint32
flow_attempt_frame(const flow_t *f, const flow_attempt_t *a)
{
    const flow_txn_t *t;

    if (a->last < 0 || a->outcome == FLOW_OUTCOME_NONE)
        return 0;
    t = &f->txns[a->last];
    return t->final_frame ? t->final_frame : t->last_request_frame;
}

/* Finding one transaction's attempt: where it is, and the attempt that
 * contains it once that attempt ends. */
typedef struct {
    guint16 txn;
    gboolean found;
    gboolean decisive;
    flow_attempt_t at;                  /* its attempt as judged at it */
    flow_attempt_t end;                 /* the attempt when it ended (or as far as known) */
    guint16 next;                       /* the main transaction after it */
    gboolean has_next;
} find_t;

static gboolean
find_cb(guint k _U_, guint16 txn, const flow_attempt_t *a, gboolean ends, void *data)
{
    find_t *fd = (find_t *)data;

    if (!fd->found) {
        if (txn != fd->txn)
            return TRUE;
        fd->found = TRUE;
        fd->at = *a;
        fd->end = *a;
        fd->decisive = ends && a->outcome != FLOW_OUTCOME_NONE;
        return !ends;
    }
    if (!fd->has_next) {
        fd->has_next = TRUE;
        fd->next = txn;
    }
    fd->end = *a;
    return !ends;
}

void
flow_judge_txn(const flow_t *f, guint txn, gboolean complete, gint64 end_ms, flow_txn_verdict_t *out)
{
    find_t fd;
    flow_verdict_t v;
    const flow_txn_t *t = &f->txns[txn];

    memset(out, 0, sizeof *out);
    memset(&fd, 0, sizeof fd);
    fd.txn = (guint16)txn;
    walk(f, kind_of(f), complete, end_ms, find_cb, &fd, &v);
    out->kind = v.kind;
    if (!fd.found)
        return;
    out->main = TRUE;
    out->attempt = fd.end;
    if (fd.decisive) {
        out->decisive = TRUE;
        out->outcome = fd.at.outcome;
        return;
    }
    if (t->final_code < 300)
        return;                         /* no final yet, or a 2xx still in the making */
    out->step = step_of(t->final_code);
    out->outcome = fd.end.last != fd.at.last ? fd.end.outcome : FLOW_OUTCOME_NONE;
    if (fd.has_next)
        out->retry_frame = f->txns[fd.next].request_frame ? f->txns[fd.next].request_frame
                                                          : f->txns[fd.next].first_frame;
    if (fd.end.last != fd.at.last)
        out->decided_frame = flow_attempt_frame(f, &fd.end);
}
