/* test_table.c: unit tests (cmocka) of the lookups over the generated tables.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "sip_explain_table.h"

/* The registry, read from tests/iana_response_codes.csv (path in argv). */
static const char *iana_csv;

typedef struct {
    int code;
    char reason[64];
    int rfc;
} iana_row_t;

static int
read_iana(iana_row_t *rows, int max)
{
    FILE *f = fopen(iana_csv, "r");
    char line[256];
    int n = 0;

    assert_non_null(f);
    while (fgets(line, sizeof line, f) && n < max) {
        char *c1, *c2;
        if (line[0] < '0' || line[0] > '9')
            continue;
        c1 = strchr(line, ',');
        c2 = c1 ? strchr(c1 + 1, ',') : NULL;
        assert_non_null(c2);
        rows[n].code = atoi(line);
        snprintf(rows[n].reason, sizeof rows[n].reason, "%.*s", (int)(c2 - c1 - 1), c1 + 1);
        rows[n].rfc = atoi(c2 + 1);
        n++;
    }
    fclose(f);
    return n;
}

static void
test_registered_codes_match_registry(void **state)
{
    iana_row_t rows[128];
    int n = read_iana(rows, 128), i;
    (void)state;

    assert_int_equal(n, 75);
    assert_int_equal(sip_explain_responses_count, 75);
    for (i = 0; i < n; i++) {
        const sip_explain_entry_t *e = sip_explain_lookup_registered(rows[i].code);
        assert_non_null(e);
        assert_int_equal(e->code, rows[i].code);
        assert_string_equal(e->reason, rows[i].reason);
        assert_int_equal(e->rfcs[0], rows[i].rfc);
        assert_int_equal(e->klass, rows[i].code / 100);
        assert_true(e->registered);
        assert_ptr_equal(sip_explain_lookup(rows[i].code), e);
        assert_non_null(e->description[SIP_EXPLAIN_LANG_EN]);
        assert_non_null(e->when[SIP_EXPLAIN_LANG_EN]);
        assert_non_null(e->fix[SIP_EXPLAIN_LANG_EN]);
        assert_true(strlen(e->summary[SIP_EXPLAIN_LANG_EN]) <= strlen(e->description[SIP_EXPLAIN_LANG_EN]));
        assert_true(e->n_methods > 0);
    }
}

static void
test_every_in_range_code_resolves(void **state)
{
    long code;
    int registered = 0;
    (void)state;

    for (code = 100; code <= 699; code++) {
        const sip_explain_entry_t *e = sip_explain_lookup(code);
        assert_non_null(e);
        assert_int_equal(e->klass, code / 100);
        if (e->registered) {
            assert_int_equal(e->code, code);
            registered++;
        } else {
            assert_ptr_equal(e, &sip_explain_classes[code / 100 - 1]);
            assert_null(sip_explain_lookup_registered(code));
        }
    }
    assert_int_equal(registered, 75);
}

static void
test_out_of_range(void **state)
{
    long bad[] = { -1, 0, 99, 700, 799, 999, 4294967301L, -4294967301L };
    size_t i;
    (void)state;

    for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_null(sip_explain_lookup(bad[i]));
        assert_null(sip_explain_lookup_registered(bad[i]));
        assert_int_equal(sip_explain_class_of(bad[i]), SIP_EXPLAIN_CLASS_NONE);
    }
}

static void
test_names(void **state)
{
    (void)state;
    assert_string_equal(sip_explain_class_name(SIP_EXPLAIN_CLASS_CLIENT_FAILURE), "Client Failure");
    assert_string_equal(sip_explain_class_name(SIP_EXPLAIN_CLASS_GLOBAL_FAILURE), "Global Failure");
    assert_null(sip_explain_class_name(SIP_EXPLAIN_CLASS_NONE));
    assert_null(sip_explain_class_name((sip_explain_class_t)42));
    assert_string_equal(sip_explain_severity_name(SIP_EXPLAIN_SEV_ERROR), "Error");
    assert_null(sip_explain_severity_name(SIP_EXPLAIN_SEV_COUNT));
    assert_int_equal(sip_explain_lang_from_name("ru"), SIP_EXPLAIN_LANG_RU);
    assert_int_equal(sip_explain_lang_from_name("de"), -1);
    assert_int_equal(sip_explain_lang_from_name(NULL), -1);
}

static void
test_methods_and_text_fallback(void **state)
{
    const sip_explain_entry_t *e489 = sip_explain_lookup(489);
    const sip_explain_entry_t *e404 = sip_explain_lookup(404);
    const char *const untranslated[SIP_EXPLAIN_LANG_COUNT] = { "english", NULL, NULL };
    (void)state;

    assert_true(sip_explain_entry_answers_method(e489, "SUBSCRIBE", 9));
    assert_false(sip_explain_entry_answers_method(e489, "INVITE", 6));
    assert_true(sip_explain_entry_answers_method(e404, "INVITE", 6));
    assert_string_equal(sip_explain_text(untranslated, SIP_EXPLAIN_LANG_VI), "english");
}

static void
test_code_tables(void **state)
{
    const sip_explain_code_text_t *w = sip_explain_lookup_warn(304);
    const sip_explain_code_text_t *q = sip_explain_lookup_q850(17);
    (void)state;

    assert_non_null(w);
    assert_int_equal(w->code, 304);
    assert_string_equal(w->reason, "Media type not available");
    assert_ptr_equal(sip_explain_lookup_warn(398), &sip_explain_warn_fallback);
    assert_null(sip_explain_lookup_warn(299));
    assert_null(sip_explain_lookup_warn(400));
    assert_non_null(q);
    assert_string_equal(q->reason, "User busy");
    assert_int_equal(q->sip, 486);
    assert_ptr_equal(sip_explain_lookup_q850(126), &sip_explain_q850_fallback);
    assert_null(sip_explain_lookup_q850(128));
    assert_null(sip_explain_lookup_q850(-1));
}

/* Every cause and warn-code meaning exists in each language, translated
 * (not the English again), so a Reason or Warning finding reads in the
 * language chosen. */
static int has(const char *text, const char *part);

static void
assert_translated(const sip_explain_code_text_t *row)
{
    int lang;

    assert_non_null(row->description[SIP_EXPLAIN_LANG_EN]);
    for (lang = 1; lang < SIP_EXPLAIN_LANG_COUNT; lang++) {
        assert_non_null(row->description[lang]);
        assert_string_not_equal(row->description[lang], row->description[SIP_EXPLAIN_LANG_EN]);
    }
}

static void
test_code_tables_translated(void **state)
{
    size_t i;
    (void)state;

    assert_true(sip_explain_q850_causes_count >= 60);
    assert_true(sip_explain_warn_codes_count >= 15);
    for (i = 0; i < sip_explain_q850_causes_count; i++)
        assert_translated(&sip_explain_q850_causes[i]);
    for (i = 0; i < sip_explain_warn_codes_count; i++)
        assert_translated(&sip_explain_warn_codes[i]);
    assert_translated(&sip_explain_q850_fallback);
    assert_translated(&sip_explain_warn_fallback);
    /* Q.850 cause 14 (ported number, query on release): the number moved
     * to another network, which is not a failed lookup. */
    assert_string_equal(sip_explain_lookup_q850(14)->reason, "QoR: ported number");
    assert_true(has(sip_explain_lookup_q850(14)->description[SIP_EXPLAIN_LANG_EN], "ported to another network"));
}

/* ---- Facts checked against the RFCs (the expectations are written here
 * from the RFC text, not read from data/) ---- */

static int
has(const char *text, const char *part)
{
    return text && strstr(text, part) != NULL;
}

static int
requires_header(const sip_explain_entry_t *e, const char *name)
{
    size_t i;

    for (i = 0; i < e->n_requires; i++)
        if (strcmp(e->requires[i], name) == 0)
            return 1;
    return 0;
}

/* RFC 5839 section 7.1 defines 204 (valid only for an in-dialog SUBSCRIBE);
 * section 8.1 is only the IANA registration. */
static void
test_rfc_204_cites_5839_section_7_1(void **state)
{
    const sip_explain_entry_t *e = sip_explain_lookup(204);
    (void)state;

    assert_true(has(e->methods_ref[SIP_EXPLAIN_LANG_EN], "RFC 5839"));
    assert_true(has(e->methods_ref[SIP_EXPLAIN_LANG_EN], "7.1"));
    assert_false(has(e->methods_ref[SIP_EXPLAIN_LANG_EN], "8.1"));
    assert_true(sip_explain_entry_answers_method(e, "SUBSCRIBE", 9));
    assert_false(sip_explain_entry_answers_method(e, "NOTIFY", 6));
    /* A dialog-creating SUBSCRIBE never gets 204. */
    assert_false(has(e->description[SIP_EXPLAIN_LANG_EN], "created or refreshed"));
}

/* RFC 3329 2.3.1 (client-initiated) and 2.3.2 (server-initiated) both make
 * the 494 carry Security-Server; the first 494 is the normal start of the
 * negotiation, as a 401 is of digest (so not a Warning). */
static void
test_rfc_494_sec_agree(void **state)
{
    const sip_explain_entry_t *e = sip_explain_lookup(494);
    (void)state;

    assert_true(requires_header(e, "Security-Server"));
    assert_true(has(e->requires_ref[SIP_EXPLAIN_LANG_EN], "RFC 3329"));
    assert_true(has(e->requires_ref[SIP_EXPLAIN_LANG_EN], "2.3.1"));
    assert_true(has(e->requires_ref[SIP_EXPLAIN_LANG_EN], "2.3.2"));
    assert_true(e->severity < SIP_EXPLAIN_SEV_WARNING);
    assert_true(e->severity <= sip_explain_lookup(401)->severity + 1);
    /* A request without any sec-agree tag gets 421 (RFC 3329 2.3.2). */
    assert_true(has(e->when[SIP_EXPLAIN_LANG_EN], "421"));
}

/* RFC 4028 section 2 defines a session refresh request as an INVITE or
 * UPDATE, and Table 1 of section 4 allows Session-Expires only there. */
static void
test_rfc_422_methods_from_4028_sections_2_and_4(void **state)
{
    const sip_explain_entry_t *e = sip_explain_lookup(422);
    (void)state;

    assert_true(has(e->methods_ref[SIP_EXPLAIN_LANG_EN], "RFC 4028"));
    assert_true(has(e->methods_ref[SIP_EXPLAIN_LANG_EN], "section 2"));
    assert_true(has(e->methods_ref[SIP_EXPLAIN_LANG_EN], "Table 1"));
    assert_false(has(e->methods_ref[SIP_EXPLAIN_LANG_EN], "sections 1 and 6"));
    assert_true(sip_explain_entry_answers_method(e, "INVITE", 6));
    assert_true(sip_explain_entry_answers_method(e, "UPDATE", 6));
    assert_true(requires_header(e, "Min-SE"));
}

/* RFC 3261 section 21.4.17 ties 423 to no method, so answering another one
 * is not a fault; RFC 3903 section 6 step 4 requires Min-Expires for
 * PUBLISH as RFC 3261 section 10.3 does for REGISTER. */
static void
test_rfc_423_no_method_limit(void **state)
{
    const sip_explain_entry_t *e = sip_explain_lookup(423);
    (void)state;

    assert_null(e->methods_ref[SIP_EXPLAIN_LANG_EN]);
    assert_true(requires_header(e, "Min-Expires"));
    assert_true(has(e->requires_ref[SIP_EXPLAIN_LANG_EN], "RFC 3261 section 10.3"));
    assert_true(has(e->requires_ref[SIP_EXPLAIN_LANG_EN], "RFC 3903 section 6 step 4"));
}

/* RFC 6086 section 4.2.2: a 469 contains a Recv-Info header field. */
static void
test_rfc_469_requires_recv_info(void **state)
{
    const sip_explain_entry_t *e = sip_explain_lookup(469);
    (void)state;

    assert_true(requires_header(e, "Recv-Info"));
    assert_true(has(e->requires_ref[SIP_EXPLAIN_LANG_EN], "RFC 6086"));
    assert_true(has(e->requires_ref[SIP_EXPLAIN_LANG_EN], "4.2.2"));
}

/* RFC 3903 calls the publication server the Event State Compositor. */
static void
test_rfc_412_event_state_compositor(void **state)
{
    const sip_explain_entry_t *e = sip_explain_lookup(412);
    (void)state;

    assert_true(has(e->methods_ref[SIP_EXPLAIN_LANG_EN], "RFC 3903"));
    assert_true(has(e->description[SIP_EXPLAIN_LANG_EN], "Event State Compositor"));
    assert_false(has(e->description[SIP_EXPLAIN_LANG_EN], "state agent"));
}

/* RFC 3428 sections 4 and 7: relays and store-and-forward servers answer
 * MESSAGE with 202. RFC 6665 8.3.1 and RFC 7647 5 deprecate it for
 * SUBSCRIBE, NOTIFY and REFER, which older stacks still send. */
static void
test_rfc_202_answers_message(void **state)
{
    const sip_explain_entry_t *e = sip_explain_lookup(202);
    (void)state;

    assert_true(sip_explain_entry_answers_method(e, "MESSAGE", 7));
    assert_true(sip_explain_entry_answers_method(e, "SUBSCRIBE", 9));
    assert_true(sip_explain_entry_answers_method(e, "REFER", 5));
    assert_true(has(e->description[SIP_EXPLAIN_LANG_EN], "RFC 3428"));
    assert_true(has(e->description[SIP_EXPLAIN_LANG_EN], "RFC 6665 section 8.3.1"));
    assert_true(has(e->description[SIP_EXPLAIN_LANG_EN], "RFC 7647 section 5"));
}

/* RFC 3892: the refer target answers whatever request the REFER caused. */
static void
test_rfc_429_answers_any_method(void **state)
{
    const sip_explain_entry_t *e = sip_explain_lookup(429);
    (void)state;

    assert_true(sip_explain_entry_answers_method(e, "INVITE", 6));
    assert_true(sip_explain_entry_answers_method(e, "MESSAGE", 7));
    assert_true(sip_explain_entry_answers_method(e, "SUBSCRIBE", 9));
}

/* RFC 4320 4.1 (100 to a non-INVITE once Timer E reaches T2) and 4.2 (no
 * 408 to a non-INVITE); RFC 3261 8.2.6.2 lets a 100 carry a To tag. */
static void
test_rfc_100_and_408_follow_4320(void **state)
{
    const sip_explain_entry_t *e100 = sip_explain_lookup(100);
    const sip_explain_entry_t *e408 = sip_explain_lookup(408);
    (void)state;

    assert_true(has(e100->when[SIP_EXPLAIN_LANG_EN], "RFC 4320 section 4.1"));
    assert_true(has(e100->description[SIP_EXPLAIN_LANG_EN], "8.2.6.2"));
    assert_false(has(e100->description[SIP_EXPLAIN_LANG_EN], "carries no To tag"));
    assert_true(has(e408->when[SIP_EXPLAIN_LANG_EN], "RFC 4320 section 4.2"));
}

/* The numbers a reference cites (RFCs, sections, codes), in order,
 * written into buf as "4320,4.1,100". */
static void
cited_numbers(const char *ref, char *buf, size_t size)
{
    size_t n = 0;

    buf[0] = '\0';
    for (const char *p = ref; *p;) {
        if (*p < '0' || *p > '9') {
            p++;
            continue;
        }
        if (n && n + 1 < size)
            buf[n++] = ',';
        while ((*p >= '0' && *p <= '9') || (*p == '.' && p[1] >= '0' && p[1] <= '9')) {
            if (n + 1 < size)
                buf[n++] = *p;
            p++;
        }
        buf[n] = '\0';
    }
}

/* A conformance message (plugin/context/conformance.c) puts MethodsRef or
 * RequiresRef inside a sentence in the reader's language: each reference
 * has its own translation, which cites the same numbers as the English. */
static void
test_references_translated(void **state)
{
    size_t i;
    int lang, checked = 0;
    (void)state;

    for (i = 0; i < sip_explain_responses_count; i++) {
        const sip_explain_entry_t *e = &sip_explain_responses[i];
        const char *const *refs[2] = { e->methods_ref, e->requires_ref };
        for (int k = 0; k < 2; k++) {
            char en[128], tr[128];
            if (!refs[k][SIP_EXPLAIN_LANG_EN])
                continue;
            cited_numbers(refs[k][SIP_EXPLAIN_LANG_EN], en, sizeof en);
            for (lang = SIP_EXPLAIN_LANG_EN + 1; lang < SIP_EXPLAIN_LANG_COUNT; lang++) {
                assert_non_null(refs[k][lang]);
                assert_string_not_equal(refs[k][lang], refs[k][SIP_EXPLAIN_LANG_EN]);
                cited_numbers(refs[k][lang], tr, sizeof tr);
                if (strcmp(en, tr) != 0)
                    fail_msg("%d: [%s] cites %s, the English %s", e->code,
                             sip_explain_lang_name((sip_explain_lang_t)lang), tr, en);
                checked++;
            }
        }
    }
    assert_true(checked >= 2 * 17);
    /* RFC 4320 section 4.1: no provisional response but 100 to a non-INVITE. */
    assert_true(has(sip_explain_lookup(180)->methods_ref[SIP_EXPLAIN_LANG_EN], "RFC 4320 section 4.1"));
}

/* Severity policy (data/responses.ini header): routine races are not
 * errors; a 5xx the client treats as 500 (RFC 3261 8.1.3.2) weighs as 500;
 * 603 may carry Retry-After (RFC 3261 21.6.2), so retrying later is allowed. */
static void
test_rfc_severities(void **state)
{
    (void)state;

    assert_int_equal(sip_explain_lookup(481)->severity, SIP_EXPLAIN_SEV_WARNING);
    assert_int_equal(sip_explain_lookup(482)->severity, SIP_EXPLAIN_SEV_WARNING);
    assert_int_equal(sip_explain_lookup(599)->severity, sip_explain_lookup(500)->severity);
    assert_int_equal(sip_explain_lookup(603)->retry, SIP_EXPLAIN_RETRY_LATER);
}

/* RFC 3398 section 7.2.4.1: cause 29 maps to 501 (there is no 510), an
 * unlisted cause to 500, cause 44 is untranslatable. Causes 14 and 24 are
 * later Q.850 values that no RFC maps to a status code. */
static void
test_rfc_q850_mapping(void **state)
{
    const sip_explain_code_text_t *c14 = sip_explain_lookup_q850(14);
    const sip_explain_code_text_t *c24 = sip_explain_lookup_q850(24);
    (void)state;

    assert_int_equal(sip_explain_lookup_q850(29)->sip, 501);
    assert_int_equal(sip_explain_lookup_q850(44)->sip, 0);
    assert_int_equal(sip_explain_lookup_q850(17)->sip, 486);
    assert_int_equal(sip_explain_lookup_q850(27)->sip, 502);
    assert_int_equal(c14->code, 14);
    assert_non_null(c14->reason);
    assert_int_equal(c14->sip, 0);
    assert_int_equal(c24->code, 24);
    assert_non_null(c24->reason);
    assert_int_equal(c24->sip, 0);
    assert_ptr_equal(sip_explain_lookup_q850(126), &sip_explain_q850_fallback);
    assert_true(has(sip_explain_q850_fallback.description[SIP_EXPLAIN_LANG_EN], "500"));
    assert_true(has(sip_explain_q850_fallback.description[SIP_EXPLAIN_LANG_EN], "7.2.4.1"));
}

/* The lookup by method, over an entry made here: the method's texts where
 * the method matches exactly (case-sensitive, whole span), else the
 * general ones; a language the method's texts lack falls back to their
 * English, not to the general texts. */
static void
test_entry_texts_by_method(void **state)
{
    static const sip_explain_method_texts_t refer[] = {
        { "REFER", SIP_EXPLAIN_SEV_NOTE, SIP_EXPLAIN_ACTOR_USER, SIP_EXPLAIN_RETRY_LATER,
          { "Refer text. More.", "Текст REFER.", NULL }, { "Refer text.", "Текст REFER.", NULL },
          { "Refer when.", NULL, NULL }, { "Refer fix.", NULL, NULL } },
    };
    sip_explain_entry_t e;
    sip_explain_texts_t t;
    (void)state;

    memset(&e, 0, sizeof e);
    e.severity = SIP_EXPLAIN_SEV_WARNING;
    e.actor = SIP_EXPLAIN_ACTOR_CLIENT;
    e.retry = SIP_EXPLAIN_RETRY_NEVER;
    e.description[SIP_EXPLAIN_LANG_EN] = "General text. More.";
    e.description[SIP_EXPLAIN_LANG_VI] = "Chung.";
    e.summary[SIP_EXPLAIN_LANG_EN] = "General text.";
    e.when[SIP_EXPLAIN_LANG_EN] = "General when.";
    e.fix[SIP_EXPLAIN_LANG_EN] = "General fix.";
    e.method_texts = refer;
    e.n_method_texts = 1;

    t = sip_explain_entry_texts(&e, "REFER", 5);
    assert_ptr_equal(t.variant, &refer[0]);
    assert_string_equal(sip_explain_text(t.description, SIP_EXPLAIN_LANG_RU), "Текст REFER.");
    assert_string_equal(sip_explain_text(t.summary, SIP_EXPLAIN_LANG_EN), "Refer text.");
    assert_string_equal(sip_explain_text(t.when, SIP_EXPLAIN_LANG_EN), "Refer when.");
    assert_string_equal(sip_explain_text(t.fix, SIP_EXPLAIN_LANG_EN), "Refer fix.");
    assert_string_equal(sip_explain_text(t.description, SIP_EXPLAIN_LANG_VI), "Refer text. More.");
    /* The facts go with the texts: the method's. */
    assert_int_equal(t.severity, SIP_EXPLAIN_SEV_NOTE);
    assert_int_equal(t.actor, SIP_EXPLAIN_ACTOR_USER);
    assert_int_equal(t.retry, SIP_EXPLAIN_RETRY_LATER);
    /* A span: "REFER" inside a longer buffer matches by its length. */
    assert_ptr_equal(sip_explain_entry_texts(&e, "REFER sip:x", 5).variant, &refer[0]);

    const struct { const char *m; size_t len; } general[] = {
        { "refer", 5 }, { "REFE", 4 }, { "REFERS", 6 }, { "INVITE", 6 }, { "", 0 }, { NULL, 0 }, { "REFER", 0 },
    };
    for (size_t i = 0; i < sizeof general / sizeof general[0]; i++) {
        t = sip_explain_entry_texts(&e, general[i].m, general[i].len);
        assert_null(t.variant);
        assert_string_equal(sip_explain_text(t.description, SIP_EXPLAIN_LANG_VI), "Chung.");
        assert_string_equal(sip_explain_text(t.summary, SIP_EXPLAIN_LANG_EN), "General text.");
        assert_string_equal(sip_explain_text(t.when, SIP_EXPLAIN_LANG_EN), "General when.");
        assert_int_equal(t.severity, SIP_EXPLAIN_SEV_WARNING);
        assert_int_equal(t.actor, SIP_EXPLAIN_ACTOR_CLIENT);
        assert_int_equal(t.retry, SIP_EXPLAIN_RETRY_NEVER);
    }
}

/* The facts of texts per method, as data/responses.ini decides them from
 * the texts and the RFCs (issue 25, review E-6). */
static void
test_method_facts(void **state)
{
    static const struct {
        long code;
        const char *method;
        sip_explain_severity_t severity;
        sip_explain_actor_t actor;
        sip_explain_retry_t retry;
    } want[] = {
        /* RFC 3261 section 15.1.2: a BYE that matches no dialog gets 481;
         * the call is over for both sides, nothing is broken. */
        { 481, "BYE", SIP_EXPLAIN_SEV_NOTE, SIP_EXPLAIN_ACTOR_NONE, SIP_EXPLAIN_RETRY_NEVER },
        /* RFC 3261 section 12.2.1.2: a 481 to a re-INVITE ends the dialog, a fault. */
        { 481, "INVITE", SIP_EXPLAIN_SEV_WARNING, SIP_EXPLAIN_ACTOR_CLIENT, SIP_EXPLAIN_RETRY_NEVER },
        /* RFC 3261 section 21.4.18 defines 480 for a callee, not for a
         * registrar: to REGISTER it is the server's own unavailability. */
        { 480, "REGISTER", SIP_EXPLAIN_SEV_WARNING, SIP_EXPLAIN_ACTOR_SERVER, SIP_EXPLAIN_RETRY_LATER },
        /* RFC 3261 section 11.2: any answer to OPTIONS shows the peer is up;
         * 501 (section 21.5.2) means it never implements OPTIONS. */
        { 501, "OPTIONS", SIP_EXPLAIN_SEV_NOTE, SIP_EXPLAIN_ACTOR_CLIENT, SIP_EXPLAIN_RETRY_NEVER },
        { 405, "OPTIONS", SIP_EXPLAIN_SEV_NOTE, SIP_EXPLAIN_ACTOR_CLIENT, SIP_EXPLAIN_RETRY_AFTER_CHANGE },
        { 488, "OPTIONS", SIP_EXPLAIN_SEV_NOTE, SIP_EXPLAIN_ACTOR_CLIENT, SIP_EXPLAIN_RETRY_AFTER_CHANGE },
        /* RFC 3261 section 10.3: the registrar refuses the authenticated
         * user; the client's credentials or To must change. */
        { 403, "REGISTER", SIP_EXPLAIN_SEV_WARNING, SIP_EXPLAIN_ACTOR_CLIENT, SIP_EXPLAIN_RETRY_NEVER },
        /* RFC 4320 section 4.2: a 408 to REGISTER comes from the server side. */
        { 408, "REGISTER", SIP_EXPLAIN_SEV_ERROR, SIP_EXPLAIN_ACTOR_SERVER, SIP_EXPLAIN_RETRY_LATER },
    };
    (void)state;

    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        const sip_explain_entry_t *e = sip_explain_lookup(want[i].code);
        sip_explain_texts_t t = sip_explain_entry_texts(e, want[i].method, strlen(want[i].method));
        print_message("%ld to %s\n", want[i].code, want[i].method);
        assert_non_null(t.variant);
        assert_int_equal(t.severity, want[i].severity);
        assert_int_equal(t.actor, want[i].actor);
        assert_int_equal(t.retry, want[i].retry);
    }
    /* Another method keeps the code's facts: 481 to UPDATE is a fault. */
    sip_explain_texts_t update = sip_explain_entry_texts(sip_explain_lookup(481), "UPDATE", 6);
    assert_null(update.variant);
    assert_int_equal(update.severity, SIP_EXPLAIN_SEV_WARNING);
}

static void
test_method_token(void **state)
{
    (void)state;
    assert_true(sip_explain_is_method_token("REFER", 5));
    assert_true(sip_explain_is_method_token("X-Ext.1!%*_+`'~", 15));
    assert_false(sip_explain_is_method_token("", 0));
    assert_false(sip_explain_is_method_token(NULL, 0));
    assert_false(sip_explain_is_method_token("RE@FER", 6));
    assert_false(sip_explain_is_method_token("RE FER", 6));
    assert_false(sip_explain_is_method_token("REFER\0", 6));
    assert_false(sip_explain_is_method_token("A[ru]", 5));
}

/* Every method's texts in the table: a method the code answers, English
 * texts, a summary that is the first sentence of each description, and a
 * description of its own (not the general one). */
static void
test_method_texts_well_formed(void **state)
{
    size_t i, k, total = 0;
    (void)state;

    for (i = 0; i < sip_explain_responses_count; i++) {
        const sip_explain_entry_t *e = &sip_explain_responses[i];
        for (k = 0; k < e->n_method_texts; k++) {
            const sip_explain_method_texts_t *v = &e->method_texts[k];
            assert_true(sip_explain_is_method_token(v->method, strlen(v->method)));
            assert_true(sip_explain_entry_answers_method(e, v->method, strlen(v->method)));
            assert_ptr_equal(sip_explain_entry_texts(e, v->method, strlen(v->method)).variant, v);
            assert_non_null(v->when[SIP_EXPLAIN_LANG_EN]);
            assert_non_null(v->fix[SIP_EXPLAIN_LANG_EN]);
            for (int lang = 0; lang < SIP_EXPLAIN_LANG_COUNT; lang++) {
                if (!v->description[lang]) {
                    assert_null(v->summary[lang]);
                    continue;
                }
                assert_int_equal(strlen(v->summary[lang]), sip_explain_first_sentence_len(v->description[lang]));
                assert_memory_equal(v->summary[lang], v->description[lang], strlen(v->summary[lang]));
                assert_true(e->description[lang] == NULL || strcmp(v->description[lang], e->description[lang]) != 0);
            }
            total++;
        }
    }
    assert_int_equal(total, sip_explain_method_texts_count);
    for (k = 0; k < SIP_EXPLAIN_CLASS_COUNT; k++)
        assert_int_equal(sip_explain_classes[k].n_method_texts, 0);
}

/* A 488 to REFER is a refused transfer, not a media mismatch; to INVITE
 * it keeps the session-description text. RFC 3428 section 7: a 202 to
 * MESSAGE is acceptance by a relay, delivery unknown. */
static void
test_rfc_488_refer_and_202_message(void **state)
{
    const sip_explain_entry_t *e488 = sip_explain_lookup(488);
    const sip_explain_entry_t *e202 = sip_explain_lookup(202);
    sip_explain_texts_t refer = sip_explain_entry_texts(e488, "REFER", 5);
    sip_explain_texts_t invite = sip_explain_entry_texts(e488, "INVITE", 6);
    sip_explain_texts_t message = sip_explain_entry_texts(e202, "MESSAGE", 7);
    (void)state;

    assert_non_null(refer.variant);
    assert_true(has(refer.description[SIP_EXPLAIN_LANG_EN], "transfer"));
    assert_false(has(refer.fix[SIP_EXPLAIN_LANG_EN], "SDP offer"));
    for (int lang = 0; lang < SIP_EXPLAIN_LANG_COUNT; lang++) {
        assert_non_null(refer.description[lang]);
        assert_non_null(refer.when[lang]);
        assert_non_null(refer.fix[lang]);
    }
    assert_null(invite.variant);
    assert_ptr_equal(invite.description, e488->description);
    assert_non_null(message.variant);
    assert_true(has(message.description[SIP_EXPLAIN_LANG_EN], "RFC 3428 section 7"));
    assert_false(has(message.description[SIP_EXPLAIN_LANG_EN], "NOTIFY"));
}

int
main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_registered_codes_match_registry),
        cmocka_unit_test(test_every_in_range_code_resolves),
        cmocka_unit_test(test_out_of_range),
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_methods_and_text_fallback),
        cmocka_unit_test(test_code_tables_translated),
        cmocka_unit_test(test_code_tables),
        cmocka_unit_test(test_rfc_204_cites_5839_section_7_1),
        cmocka_unit_test(test_rfc_494_sec_agree),
        cmocka_unit_test(test_rfc_422_methods_from_4028_sections_2_and_4),
        cmocka_unit_test(test_rfc_423_no_method_limit),
        cmocka_unit_test(test_rfc_469_requires_recv_info),
        cmocka_unit_test(test_rfc_412_event_state_compositor),
        cmocka_unit_test(test_rfc_202_answers_message),
        cmocka_unit_test(test_rfc_429_answers_any_method),
        cmocka_unit_test(test_rfc_100_and_408_follow_4320),
        cmocka_unit_test(test_references_translated),
        cmocka_unit_test(test_rfc_severities),
        cmocka_unit_test(test_rfc_q850_mapping),
        cmocka_unit_test(test_entry_texts_by_method),
        cmocka_unit_test(test_method_facts),
        cmocka_unit_test(test_method_token),
        cmocka_unit_test(test_method_texts_well_formed),
        cmocka_unit_test(test_rfc_488_refer_and_202_message),
    };

    if (argc != 2) {
        fprintf(stderr, "usage: %s tests/iana_response_codes.csv\n", argv[0]);
        return 2;
    }
    iana_csv = argv[1];
    return cmocka_run_group_tests(tests, NULL, NULL);
}
