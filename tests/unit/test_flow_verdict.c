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
    /* One refusal of credentials: a stale nonce is possible, one pass waits. */
    assert_int_equal(outcome(&b, FALSE, 0), FLOW_OUTCOME_NONE);
    assert_int_equal(outcome(&b, TRUE, 0), FLOW_OUTCOME_CREDENTIALS_REFUSED);
    /* Two in a row are decided at once. */
    txn(&b, FLOW_M_REGISTER, 3, 5, 401, 6)->flags |= FLOW_T_CREDENTIALS;
    assert_int_equal(outcome(&b, FALSE, 0), FLOW_OUTCOME_CREDENTIALS_REFUSED);
    /* A third is a step again in one pass: one verdict per attempt. */
    txn(&b, FLOW_M_REGISTER, 4, 7, 401, 8)->flags |= FLOW_T_CREDENTIALS;
    assert_int_equal(outcome(&b, FALSE, 0), FLOW_OUTCOME_NONE);
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
    t->q850_cause = 21;
    assert_int_equal(outcome(&b, FALSE, 0), FLOW_OUTCOME_DECLINED);
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
        { 487, FLOW_OUTCOME_CANCELLED }, { 408, FLOW_OUTCOME_NO_ANSWER }, { 480, FLOW_OUTCOME_UNAVAILABLE },
        { 404, FLOW_OUTCOME_NOT_FOUND }, { 604, FLOW_OUTCOME_NOT_FOUND }, { 488, FLOW_OUTCOME_MEDIA_REFUSED },
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
    /* Only a BYE: the call began before the capture. */
    start(&b);
    txn(&b, FLOW_M_BYE, 5, 1, 200, 2);
    flow_judge(&b.f, TRUE, 0, &v);
    assert_int_equal(v.kind, FLOW_KIND_CALL);
    assert_int_equal(v.last.outcome, FLOW_OUTCOME_MID_DIALOG);
    assert_int_equal(outcome(&b, FALSE, 0), FLOW_OUTCOME_NONE);
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
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
