/* test_flow_verdict.c
 * The verdict engine (plugin/flows/flow_verdict.c) on flows built by hand:
 * which requests are main, how attempts end, what one pass may decide
 * before the rest is known, and the outcome of each kind of final
 * response. No Wireshark run: the flows are the records the plugin keeps.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "flows/flow_verdict.h"

#define MAX_TXNS_BUILT 16

typedef struct {
    flow_t f;
    flow_txn_t t[MAX_TXNS_BUILT];
} built_t;

static void
start(built_t *b)
{
    memset(b, 0, sizeof *b);
    b->f.txns = b->t;
    b->f.cap_txns = MAX_TXNS_BUILT;
    b->f.start_ms = 1000000;
}

/* A transaction: request seen in req_frame (0: not seen) at ms, its final
 * response code in final_frame (0: none). */
static flow_txn_t *
txn(built_t *b, flow_method_t m, guint32 cseq, guint32 req_frame, guint32 final_code, guint32 final_frame)
{
    flow_txn_t *t = &b->t[b->f.n_txns++];

    t->method = (guint8)m;
    t->cseq = cseq;
    t->from_tag = 7;
    t->first_frame = req_frame ? req_frame : final_frame;
    if (req_frame) {
        t->flags |= FLOW_T_REQUEST_SEEN;
        t->request_frame = t->last_request_frame = req_frame;
        t->copies = 1;
        t->request_ms = req_frame * 10;
    }
    if (final_frame) {
        t->final_code = (guint16)final_code;
        t->final_frame = final_frame;
        t->final_ms = final_frame * 10;
    }
    return t;
}

static flow_outcome_t
outcome(const built_t *b, gboolean complete, gint64 end_ms)
{
    flow_verdict_t v;

    flow_judge(&b->f, complete, end_ms, &v);
    return v.last.outcome;
}

static void
test_answered_after_challenge(void **state)
{
    built_t b;
    flow_txn_verdict_t v;
    flow_txn_t *retry;

    (void)state;
    start(&b);
    txn(&b, FLOW_M_INVITE, 1, 1, 407, 3);
    retry = txn(&b, FLOW_M_INVITE, 2, 5, 200, 8);
    retry->flags |= FLOW_T_CREDENTIALS;
    assert_int_equal(outcome(&b, FALSE, 0), FLOW_OUTCOME_ANSWERED);
    flow_judge_txn(&b.f, 0, TRUE, 0, &v);
    assert_false(v.decisive);
    assert_int_equal(v.step, FLOW_STEP_CHALLENGE);
    assert_int_equal(v.retry_frame, 5);
    assert_int_equal(v.decided_frame, 8);
    assert_int_equal(v.outcome, FLOW_OUTCOME_ANSWERED);
    flow_judge_txn(&b.f, 1, TRUE, 0, &v);
    assert_true(v.decisive);
    assert_int_equal(v.attempt.challenges, 1);
}

static void
test_challenge_waits_for_the_rest(void **state)
{
    built_t b;
    flow_txn_verdict_t v;

    (void)state;
    start(&b);
    txn(&b, FLOW_M_INVITE, 1, 1, 407, 3);
    /* One pass: a retry is expected, nothing is decided. */
    flow_judge_txn(&b.f, 0, FALSE, 0, &v);
    assert_false(v.decisive);
    assert_int_equal(v.step, FLOW_STEP_CHALLENGE);
    assert_int_equal(v.decided_frame, 0);
    /* The whole capture known and no retry: the challenge went unanswered. */
    flow_judge_txn(&b.f, 0, TRUE, 0, &v);
    assert_true(v.decisive);
    assert_int_equal(v.outcome, FLOW_OUTCOME_CHALLENGE_UNANSWERED);
}

static void
test_refusals_of_credentials(void **state)
{
    built_t b;
    flow_txn_t *t;

    (void)state;
    start(&b);
    txn(&b, FLOW_M_REGISTER, 1, 1, 401, 2);
    txn(&b, FLOW_M_REGISTER, 2, 3, 401, 4)->flags |= FLOW_T_CREDENTIALS;
    /* One refusal of credentials on a new nonce: a stale nonce is
     * possible, one pass waits; the whole capture known, the nonce or the
     * credentials were refused, not surely the credentials. */
    assert_int_equal(outcome(&b, FALSE, 0), FLOW_OUTCOME_NONE);
    assert_int_equal(outcome(&b, TRUE, 0), FLOW_OUTCOME_RECHALLENGE_UNANSWERED);
    /* Two in a row are decided at once. */
    txn(&b, FLOW_M_REGISTER, 3, 5, 401, 6)->flags |= FLOW_T_CREDENTIALS;
    assert_int_equal(outcome(&b, FALSE, 0), FLOW_OUTCOME_CREDENTIALS_REFUSED);
    assert_int_equal(outcome(&b, TRUE, 0), FLOW_OUTCOME_CREDENTIALS_REFUSED);
    /* A third is a step again in one pass: one verdict per attempt. */
    txn(&b, FLOW_M_REGISTER, 4, 7, 401, 8)->flags |= FLOW_T_CREDENTIALS;
    assert_int_equal(outcome(&b, FALSE, 0), FLOW_OUTCOME_NONE);
    /* A challenge on the nonce the credentials answered refuses them (RFC
     * 7616 section 3.3): decided at once, once per attempt. */
    start(&b);
    txn(&b, FLOW_M_REGISTER, 1, 1, 401, 2);
    txn(&b, FLOW_M_REGISTER, 2, 3, 401, 4)->flags |= FLOW_T_CREDENTIALS | FLOW_T_SAME_NONCE;
    assert_int_equal(outcome(&b, FALSE, 0), FLOW_OUTCOME_CREDENTIALS_REFUSED);
    assert_int_equal(outcome(&b, TRUE, 0), FLOW_OUTCOME_CREDENTIALS_REFUSED);
    txn(&b, FLOW_M_REGISTER, 3, 5, 401, 6)->flags |= FLOW_T_CREDENTIALS;
    assert_int_equal(outcome(&b, FALSE, 0), FLOW_OUTCOME_NONE);     /* the second: decided already */
    assert_int_equal(outcome(&b, TRUE, 0), FLOW_OUTCOME_CREDENTIALS_REFUSED);
    /* stale=true refuses the nonce, not the password. */
    start(&b);
    txn(&b, FLOW_M_REGISTER, 1, 1, 401, 2);
    t = txn(&b, FLOW_M_REGISTER, 2, 3, 401, 4);
    t->flags |= FLOW_T_CREDENTIALS | FLOW_T_STALE;
    assert_int_equal(outcome(&b, TRUE, 0), FLOW_OUTCOME_CHALLENGE_UNANSWERED);
    /* 403 after credentials, and 403 with Q.850 cause 21 on a call. */
    start(&b);
    txn(&b, FLOW_M_INVITE, 1, 1, 407, 2);
    t = txn(&b, FLOW_M_INVITE, 2, 3, 403, 4);
    t->flags |= FLOW_T_CREDENTIALS;
    assert_int_equal(outcome(&b, FALSE, 0), FLOW_OUTCOME_CREDENTIALS_REFUSED);
    /* Cause 21 is the called side's or its network's (RFC 3398 section
     * 7.2.4.1 maps it to 403; 603 is the user's own rejection). */
    t->q850_cause = 21;
    assert_int_equal(outcome(&b, FALSE, 0), FLOW_OUTCOME_REJECTED);
    start(&b);
    txn(&b, FLOW_M_INVITE, 1, 1, 403, 2);
    assert_int_equal(outcome(&b, FALSE, 0), FLOW_OUTCOME_FORBIDDEN);
}

static void
test_call_codes(void **state)
{
    static const struct {
        guint32 code;
        flow_outcome_t o;
    } cases[] = {
        { 486, FLOW_OUTCOME_BUSY }, { 600, FLOW_OUTCOME_BUSY }, { 603, FLOW_OUTCOME_DECLINED },
        { 607, FLOW_OUTCOME_UNWANTED }, { 608, FLOW_OUTCOME_BLOCKED },
        { 487, FLOW_OUTCOME_CANCELLED }, { 408, FLOW_OUTCOME_TIMEOUT }, { 480, FLOW_OUTCOME_UNAVAILABLE },
        { 404, FLOW_OUTCOME_NOT_FOUND }, { 604, FLOW_OUTCOME_NOT_FOUND }, { 410, FLOW_OUTCOME_GONE },
        { 484, FLOW_OUTCOME_ADDRESS_INCOMPLETE }, { 416, FLOW_OUTCOME_UNSUPPORTED_SCHEME },
        { 415, FLOW_OUTCOME_REJECTED }, { 488, FLOW_OUTCOME_MEDIA_REFUSED },
        { 606, FLOW_OUTCOME_MEDIA_REFUSED }, { 500, FLOW_OUTCOME_SERVER_FAILURE },
        { 503, FLOW_OUTCOME_SERVER_FAILURE }, { 483, FLOW_OUTCOME_REJECTED }, { 302, FLOW_OUTCOME_REDIRECTED },
    };
    built_t b;
    size_t i;

    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        start(&b);
        txn(&b, FLOW_M_INVITE, 1, 1, cases[i].code, 2);
        assert_int_equal(outcome(&b, TRUE, 0), cases[i].o);
    }
    /* 408 and 480 by what came before them (RFC 3398 section 7.2.4.1):
     * alerted (a 18x, or Q.850 19) is no answer; Q.850 18 or a 408
     * without a 18x, a timeout; a 480 naming a failed route, unroutable. */
    {
        static const struct {
            guint32 code, ringing, cause;
            guint16 flags;
            flow_outcome_t o;
        } unanswered[] = {
            { 480, 180, 0, 0, FLOW_OUTCOME_NO_ANSWER }, { 408, 183, 0, 0, FLOW_OUTCOME_NO_ANSWER },
            { 480, 0, 19, 0, FLOW_OUTCOME_NO_ANSWER }, { 408, 100, 0, 0, FLOW_OUTCOME_TIMEOUT },
            { 480, 180, 18, 0, FLOW_OUTCOME_TIMEOUT }, { 480, 100, 0, 0, FLOW_OUTCOME_UNAVAILABLE },
            { 480, 0, 0, FLOW_T_FINAL_UNROUTED, FLOW_OUTCOME_UNROUTABLE },
            { 480, 180, 0, FLOW_T_FINAL_UNROUTED, FLOW_OUTCOME_NO_ANSWER },
            /* A cause other than 18 or 19 on a 480 after a 183 (21, call
             * rejected) is no "nobody answered"; a 408 after one is. */
            { 480, 183, 21, 0, FLOW_OUTCOME_UNAVAILABLE }, { 408, 180, 102, 0, FLOW_OUTCOME_NO_ANSWER },
        };
        for (i = 0; i < sizeof unanswered / sizeof unanswered[0]; i++) {
            flow_txn_t *t;
            start(&b);
            t = txn(&b, FLOW_M_INVITE, 1, 1, unanswered[i].code, 3);
            t->ringing_code = (guint16)unanswered[i].ringing;
            t->ringing_frame = unanswered[i].ringing ? 2 : 0;
            t->q850_cause = (guint16)unanswered[i].cause;
            t->flags |= unanswered[i].flags;
            assert_int_equal(outcome(&b, TRUE, 0), unanswered[i].o);
        }
    }
    /* A 3xx waits in one pass (a new INVITE may follow); a 486 does not. */
    start(&b);
    txn(&b, FLOW_M_INVITE, 1, 1, 302, 2);
    assert_int_equal(outcome(&b, FALSE, 0), FLOW_OUTCOME_NONE);
    txn(&b, FLOW_M_INVITE, 2, 3, 200, 4);
    assert_int_equal(outcome(&b, FALSE, 0), FLOW_OUTCOME_ANSWERED);
}

static void
test_reinvite_is_no_main_request(void **state)
{
    built_t b;
    flow_txn_t *re;
    flow_txn_verdict_t v;

    (void)state;
    start(&b);
    txn(&b, FLOW_M_INVITE, 1, 1, 200, 2);
    re = txn(&b, FLOW_M_INVITE, 2, 5, 488, 6);
    re->flags |= FLOW_T_TO_TAG;
    assert_int_equal(outcome(&b, TRUE, 0), FLOW_OUTCOME_ANSWERED);
    flow_judge_txn(&b.f, 1, TRUE, 0, &v);
    assert_false(v.main);
    /* Without the request, an INVITE after the 2xx is no main one either. */
    re->flags = 0;
    assert_int_equal(outcome(&b, TRUE, 0), FLOW_OUTCOME_ANSWERED);
}

static void
test_no_final_response(void **state)
{
    built_t b;
    gint64 sent;

    (void)state;
    start(&b);
    txn(&b, FLOW_M_INVITE, 1, 1, 0, 0)->last_request_frame = 6;
    sent = b.f.start_ms + b.t[0].request_ms;
    assert_int_equal(outcome(&b, FALSE, sent + 31999), FLOW_OUTCOME_NONE);
    assert_int_equal(outcome(&b, TRUE, sent + 31999), FLOW_OUTCOME_UNFINISHED);
    /* Timer B runs from the first copy. */
    assert_int_equal(outcome(&b, FALSE, sent + FLOW_TIMER_B_MS), FLOW_OUTCOME_NO_FINAL_RESPONSE);
    assert_int_equal(flow_attempt_frame(&b.f, &(flow_attempt_t){ 0, 0, FLOW_OUTCOME_NO_FINAL_RESPONSE, 0, 0 }), 6);
    /* Any 1xx, even a 100, stops Timer B (RFC 3261 section 17.1.1.2): the
     * call is in progress when the capture ends, however long it rang;
     * one pass cannot know the end. */
    b.t[0].ringing_frame = 2;
    b.t[0].ringing_code = 100;
    assert_int_equal(outcome(&b, FALSE, sent + 200000), FLOW_OUTCOME_NONE);
    assert_int_equal(outcome(&b, TRUE, sent + 200000), FLOW_OUTCOME_IN_PROGRESS);
    assert_int_equal(outcome(&b, TRUE, sent + 1000), FLOW_OUTCOME_IN_PROGRESS);
    /* Timer F keeps running after a 1xx (section 17.1.2.2). */
    b.t[0].method = FLOW_M_OPTIONS;
    assert_int_equal(outcome(&b, TRUE, sent + FLOW_TIMER_B_MS), FLOW_OUTCOME_NO_FINAL_RESPONSE);
}

static void
test_registrations(void **state)
{
    built_t b;
    flow_txn_t *t;

    (void)state;
    start(&b);
    txn(&b, FLOW_M_REGISTER, 1, 1, 200, 2);
    assert_int_equal(outcome(&b, TRUE, 0), FLOW_OUTCOME_REGISTERED);
    /* A refresh refused later: the last attempt's outcome is the flow's. */
    txn(&b, FLOW_M_REGISTER, 2, 3, 500, 4);
    assert_int_equal(outcome(&b, TRUE, 0), FLOW_OUTCOME_SERVER_FAILURE);
    t = txn(&b, FLOW_M_REGISTER, 3, 5, 200, 6);
    t->flags |= FLOW_T_UNREGISTER;
    assert_int_equal(outcome(&b, TRUE, 0), FLOW_OUTCOME_UNREGISTERED);
    /* Without the request: a 2xx that lists no binding. */
    start(&b);
    txn(&b, FLOW_M_REGISTER, 1, 0, 200, 2)->flags |= FLOW_T_FINAL_NO_CONTACT;
    assert_int_equal(outcome(&b, TRUE, 0), FLOW_OUTCOME_UNREGISTERED);
    /* A REGISTER without Contact asks what is bound (RFC 3261 section
     * 10.2.3): its 2xx binds nothing. */
    start(&b);
    txn(&b, FLOW_M_REGISTER, 1, 1, 200, 2)->flags |= FLOW_T_QUERY;
    assert_int_equal(outcome(&b, FALSE, 0), FLOW_OUTCOME_REGISTRATION_QUERIED);
    b.t[0].flags |= FLOW_T_FINAL_NO_CONTACT;
    assert_int_equal(outcome(&b, FALSE, 0), FLOW_OUTCOME_REGISTRATION_QUERIED);
    start(&b);
    txn(&b, FLOW_M_REGISTER, 1, 1, 423, 2);
    assert_int_equal(outcome(&b, FALSE, 0), FLOW_OUTCOME_NONE);     /* 423 invites a retry */
    assert_int_equal(outcome(&b, TRUE, 0), FLOW_OUTCOME_REGISTRATION_FAILED);
}

static void
test_other_kinds(void **state)
{
    built_t b;
    flow_verdict_t v;

    (void)state;
    start(&b);
    txn(&b, FLOW_M_OPTIONS, 1, 1, 405, 2);
    flow_judge(&b.f, TRUE, 0, &v);
    assert_int_equal(v.kind, FLOW_KIND_OPTIONS);
    assert_int_equal(v.last.outcome, FLOW_OUTCOME_REFUSED);
    start(&b);
    txn(&b, FLOW_M_SUBSCRIBE, 1, 1, 489, 2);
    txn(&b, FLOW_M_SUBSCRIBE, 2, 3, 200, 4);
    txn(&b, FLOW_M_NOTIFY, 1, 5, 200, 6);
    flow_judge(&b.f, FALSE, 0, &v);
    assert_int_equal(v.kind, FLOW_KIND_SUBSCRIPTION);
    assert_int_equal(v.last.outcome, FLOW_OUTCOME_ACCEPTED);
    /* MESSAGE (RFC 3428 section 4): 200 delivered; 202 only accepted for
     * delivery; another 2xx has no meaning of its own there. */
    {
        static const struct {
            guint32 code;
            flow_outcome_t o;
        } message_cases[] = {
            { 200, FLOW_OUTCOME_DELIVERED }, { 202, FLOW_OUTCOME_ACCEPTED_FOR_DELIVERY },
            { 204, FLOW_OUTCOME_ACCEPTED }, { 404, FLOW_OUTCOME_REFUSED },
        };
        size_t i;

        for (i = 0; i < sizeof message_cases / sizeof message_cases[0]; i++) {
            start(&b);
            txn(&b, FLOW_M_MESSAGE, 1, 1, message_cases[i].code, 2);
            flow_judge(&b.f, FALSE, 0, &v);
            assert_int_equal(v.kind, FLOW_KIND_MESSAGE);
            assert_int_equal(v.last.outcome, message_cases[i].o);
        }
    }
    /* Only a BYE: the call began before the capture. */
    start(&b);
    txn(&b, FLOW_M_BYE, 5, 1, 200, 2);
    flow_judge(&b.f, TRUE, 0, &v);
    assert_int_equal(v.kind, FLOW_KIND_CALL);
    assert_int_equal(v.last.outcome, FLOW_OUTCOME_MID_DIALOG);
    assert_int_equal(outcome(&b, FALSE, 0), FLOW_OUTCOME_NONE);
    /* Only a CANCEL: its INVITE is not in the capture; no dialog either. */
    start(&b);
    txn(&b, FLOW_M_CANCEL, 1, 1, 200, 2);
    assert_int_equal(outcome(&b, TRUE, 0), FLOW_OUTCOME_CANCEL_ONLY);
    txn(&b, FLOW_M_BYE, 2, 3, 200, 4);
    assert_int_equal(outcome(&b, TRUE, 0), FLOW_OUTCOME_MID_DIALOG);
}

static void
test_keywords(void **state)
{
    int o;

    (void)state;
    assert_string_equal(flow_outcome_keyword(FLOW_OUTCOME_CREDENTIALS_REFUSED), "credentials-refused");
    assert_string_equal(flow_outcome_keyword(FLOW_OUTCOME_COUNT), "");
    for (o = FLOW_OUTCOME_NONE + 1; o < FLOW_OUTCOME_COUNT; o++) {
        const char *k = flow_outcome_keyword((flow_outcome_t)o);
        size_t i;
        assert_true(k[0] != '\0');
        for (i = 0; k[i]; i++)
            assert_true((k[i] >= 'a' && k[i] <= 'z') || k[i] == '-');
    }
}

/* How an answered call ended (plugin/flows/flow_ending.h): a BYE refused
 * or unanswered within Timer F fails the hang-up, a 481 does not (RFC 3261
 * sections 15.1.2, 17.1.2.2); a 2xx sent again for want of an ACK, then
 * given up (section 13.3.1.4). A REFER's result (RFC 3515 section 2.4.5). */
static void
test_call_endings(void **state)
{
    built_t b;
    flow_txn_t *inv, *bye, *n;
    gint64 sent;

    (void)state;
    start(&b);
    inv = txn(&b, FLOW_M_INVITE, 1, 1, 200, 3);
    inv->flags |= FLOW_T_ACKED;
    bye = txn(&b, FLOW_M_BYE, 2, 10, 200, 11);
    assert_int_equal(outcome(&b, TRUE, 0), FLOW_OUTCOME_ANSWERED);
    bye->final_code = 500;
    assert_int_equal(outcome(&b, TRUE, 0), FLOW_OUTCOME_HANGUP_FAILED);
    bye->final_code = 481;
    assert_int_equal(outcome(&b, TRUE, 0), FLOW_OUTCOME_ANSWERED);
    bye->final_code = 0;
    bye->final_frame = 0;
    sent = b.f.start_ms + bye->request_ms;
    assert_int_equal(outcome(&b, TRUE, sent + FLOW_TIMER_B_MS - 1), FLOW_OUTCOME_ANSWERED);
    assert_int_equal(outcome(&b, TRUE, sent + FLOW_TIMER_B_MS), FLOW_OUTCOME_HANGUP_FAILED);

    start(&b);
    inv = txn(&b, FLOW_M_INVITE, 1, 1, 200, 3);
    inv->final_copies = 7;
    inv->final_last_ms = inv->final_ms + 31500;
    bye = txn(&b, FLOW_M_BYE, 100, 40, 200, 41);
    bye->from_tag = 9;                  /* the callee's */
    assert_int_equal(outcome(&b, TRUE, 0), FLOW_OUTCOME_ANSWERED_NOT_ACKED);
    inv->flags |= FLOW_T_ACKED;
    assert_int_equal(outcome(&b, TRUE, 0), FLOW_OUTCOME_ANSWERED);
    inv->flags = (guint16)(inv->flags & ~FLOW_T_ACKED);
    inv->final_last_ms = inv->final_ms + 10;    /* another hop's copy, no retransmission */
    assert_int_equal(outcome(&b, TRUE, 0), FLOW_OUTCOME_ANSWERED);
    bye->from_tag = 7;                  /* the caller hung up: no sign the callee gave up */
    inv->final_last_ms = inv->final_ms + 5000;
    assert_int_equal(outcome(&b, TRUE, 0), FLOW_OUTCOME_ANSWERED);
    inv->final_last_ms = inv->final_ms + 16000; /* but the copies went on */
    assert_int_equal(outcome(&b, TRUE, 0), FLOW_OUTCOME_ANSWERED_NOT_ACKED);

    start(&b);
    txn(&b, FLOW_M_REFER, 1, 1, 202, 2);
    assert_int_equal(outcome(&b, FALSE, 0), FLOW_OUTCOME_TRANSFER_ACCEPTED);
    n = txn(&b, FLOW_M_NOTIFY, 1, 3, 200, 4);
    n->flags |= FLOW_T_FRAG;
    n->frag_code = 100;
    assert_int_equal(outcome(&b, FALSE, 0), FLOW_OUTCOME_TRANSFER_ACCEPTED);
    n = txn(&b, FLOW_M_NOTIFY, 2, 5, 200, 6);
    n->flags |= FLOW_T_FRAG;
    n->frag_code = 486;
    assert_int_equal(outcome(&b, FALSE, 0), FLOW_OUTCOME_TRANSFER_FAILED);
    n->frag_code = 200;
    assert_int_equal(outcome(&b, TRUE, 0), FLOW_OUTCOME_TRANSFERRED);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_answered_after_challenge),
        cmocka_unit_test(test_challenge_waits_for_the_rest),
        cmocka_unit_test(test_refusals_of_credentials),
        cmocka_unit_test(test_call_codes),
        cmocka_unit_test(test_reinvite_is_no_main_request),
        cmocka_unit_test(test_no_final_response),
        cmocka_unit_test(test_registrations),
        cmocka_unit_test(test_other_kinds),
        cmocka_unit_test(test_keywords),
        cmocka_unit_test(test_call_endings),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
