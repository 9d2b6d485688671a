/* flow_text.c
 * Routines for putting a flow's verdict into words (see flow_text.h): the
 * chain of requests and responses of an attempt with their frames, and the
 * outcome or step sentence of data/outcomes.ini around it.
 *
 * Written for every decisive response expert info reads (tshark -z expert
 * makes one per call), so the work is kept small: each template is looked
 * up once per language, filled by one scan into one buffer, and numbers
 * are written without printf.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "flows/flow_text.h"

#include <string.h>

#include <wsutil/wmem/wmem.h>

#include "sip_explain_labels.h"
#include "sip_explain_overrides.h"

/* Most requests and responses named in a chain: the last ones. */
#define CHAIN_MAX_PARTS 12
#define ARROW " \xe2\x86\x92 "          /* U+2192 RIGHTWARDS ARROW */
#define ELLIPSIS "\xe2\x80\xa6"         /* U+2026: the earlier parts left out */

/* Every template this file fills, looked up once per language. */
enum {
    T_FRAME, T_WITH_CREDENTIALS, T_CAUSE, T_RETRY_AFTER, T_WARNING, T_COPIES,
    T_STEP_DECIDED, T_STEP_CHALLENGE_EXPECTED, T_STEP_CHALLENGE_AGAIN, T_STEP_CHALLENGE_REFUSED,
    T_STEP_CHALLENGE_ANSWERED,
    T_STEP_REDIRECT_EXPECTED, T_STEP_REDIRECT_FOLLOWED, T_STEP_RETRY_EXPECTED, T_STEP_RETRIED,
    T_CANCELLED_RINGING, T_CANCELLED_PROGRESS, T_CANCELLED_NO_CANCEL, T_REJECTED_CAUSE21,
    T_NO_FINAL_RESPONSE_F, T_IN_PROGRESS_RINGING,
    T_FINAL_CAUSE, T_FINAL_OTHER_TAG, T_CANCEL_REASON, T_CANCELLED_ELSEWHERE,
    T_OUTCOME                           /* + flow_outcome_t */
};
#define T_COUNT (T_OUTCOME + FLOW_OUTCOME_COUNT)

static const char *const template_ids[T_COUNT] = {
    [T_FRAME] = "flow.Frame",
    [T_WITH_CREDENTIALS] = "flow.WithCredentials",
    [T_CAUSE] = "flow.Cause",
    [T_RETRY_AFTER] = "flow.RetryAfter",
    [T_WARNING] = "flow.Warning",
    [T_COPIES] = "flow.Copies",
    [T_STEP_DECIDED] = "step.Decided",
    [T_STEP_CHALLENGE_EXPECTED] = "step.ChallengeExpected",
    [T_STEP_CHALLENGE_AGAIN] = "step.ChallengeAgain",
    [T_STEP_CHALLENGE_REFUSED] = "step.ChallengeRefused",
    [T_STEP_CHALLENGE_ANSWERED] = "step.ChallengeAnswered",
    [T_STEP_REDIRECT_EXPECTED] = "step.RedirectExpected",
    [T_STEP_REDIRECT_FOLLOWED] = "step.RedirectFollowed",
    [T_STEP_RETRY_EXPECTED] = "step.RetryExpected",
    [T_STEP_RETRIED] = "step.Retried",
    [T_CANCELLED_RINGING] = "outcome.CancelledRinging",
    [T_CANCELLED_PROGRESS] = "outcome.CancelledProgress",
    [T_CANCELLED_NO_CANCEL] = "outcome.CancelledNoCancel",
    [T_REJECTED_CAUSE21] = "outcome.RejectedCause21",
    [T_NO_FINAL_RESPONSE_F] = "outcome.NoFinalResponseF",
    [T_IN_PROGRESS_RINGING] = "outcome.InProgressRinging",
    [T_FINAL_CAUSE] = "flow.FinalCause",
    [T_FINAL_OTHER_TAG] = "flow.FinalOtherTag",
    [T_CANCEL_REASON] = "flow.CancelReason",
    [T_CANCELLED_ELSEWHERE] = "outcome.CancelledElsewhere",
    /* The outcomes' headlines (flows/flow_outcomes.def). */
#define OUTCOME(name, keyword, severity, summary, template_id) [T_OUTCOME + FLOW_OUTCOME_##name] = template_id,
#define OUTCOME_WITHOUT_EXPERT(name, keyword, template_id) [T_OUTCOME + FLOW_OUTCOME_##name] = template_id,
#include "flows/flow_outcomes.def"
};

static const char *
template_of(sip_explain_lang_t lang, int t)
{
    static const char *cache[SIP_EXPLAIN_LANG_COUNT][T_COUNT];
    const char *text;

    if ((unsigned)lang >= SIP_EXPLAIN_LANG_COUNT)
        lang = SIP_EXPLAIN_LANG_EN;
    if (t < 0 || t >= T_COUNT || !template_ids[t])
        return "";
    if (!cache[lang][t]) {
        text = sip_explain_label(lang, template_ids[t]);
        cache[lang][t] = text ? text : template_ids[t];     /* a build mistake the tests catch */
    }
    return cache[lang][t];
}

/* One {placeholder} and its value. */
typedef struct {
    const char *name, *value;
} slot_t;

/* Appends the template with its placeholders filled from slots (an
 * unknown one is kept as written). */
static void
fill(wmem_strbuf_t *out, const char *tmpl, const slot_t *slots, size_t n)
{
    const char *p = tmpl, *open, *close;
    size_t i;

    while ((open = strchr(p, '{')) != NULL && (close = strchr(open, '}')) != NULL) {
        wmem_strbuf_append_len(out, p, (gsize)(open - p));
        for (i = 0; i < n; i++)
            if (strlen(slots[i].name) == (size_t)(close - open - 1)
                && memcmp(slots[i].name, open + 1, (size_t)(close - open - 1)) == 0)
                break;
        if (i < n)
            wmem_strbuf_append(out, slots[i].value ? slots[i].value : "");
        else
            wmem_strbuf_append_len(out, open, (gsize)(close - open + 1));
        p = close + 1;
    }
    wmem_strbuf_append(out, p);
}

/* n in decimal, into buf (12 bytes). */
static const char *
num(char *buf, guint32 n)
{
    char *p = buf + 11;

    *p = '\0';
    do {
        *--p = (char)('0' + n % 10);
        n /= 10;
    } while (n);
    return p;
}

/* Appends src to the text being made in buf (size bytes, *len used),
 * cutting it where it does not fit. */
static void
put(char *buf, size_t size, size_t *len, const char *src)
{
    size_t n = strlen(src);

    if (n > size - 1 - *len)
        n = size - 1 - *len;
    memcpy(buf + *len, src, n);
    *len += n;
    buf[*len] = '\0';
}

/* "403 Forbidden": the code with its registered reason phrase, into buf. */
static void
put_code(char *buf, size_t size, size_t *len, guint32 code)
{
    const sip_explain_entry_t *e = sip_explain_resolve(NULL, code);
    char digits[12];

    put(buf, size, len, num(digits, code));
    if (e && e->reason && e->registered) {
        put(buf, size, len, " ");
        put(buf, size, len, e->reason);
    }
}

/* One part of a chain: what (a request, or a response's code when what is
 * NULL) and its frame. */
typedef struct {
    const char *what;
    guint32 code, frame;
    gboolean credentials;
} part_t;

static void
append_part(wmem_strbuf_t *out, sip_explain_lang_t lang, const part_t *part)
{
    char what[160], buf[12];
    size_t len = 0;
    slot_t slots[2];

    what[0] = '\0';
    if (!part->what) {
        put_code(what, sizeof what, &len, part->code);
        slots[0].value = what;
    } else if (part->credentials) {
        /* "INVITE with credentials": a template of its own, filled apart. */
        wmem_strbuf_t *tmp = wmem_strbuf_new(NULL, "");
        slot_t method = { "method", part->what };
        fill(tmp, template_of(lang, T_WITH_CREDENTIALS), &method, 1);
        put(what, sizeof what, &len, wmem_strbuf_get_str(tmp));
        wmem_strbuf_destroy(tmp);
        slots[0].value = what;
    } else {
        slots[0].value = part->what;
    }
    slots[0].name = "what";
    slots[1].name = "frame";
    slots[1].value = num(buf, part->frame);
    fill(out, template_of(lang, T_FRAME), slots, 2);
}

static void
append_chain(wmem_strbuf_t *out, sip_explain_lang_t lang, const flow_t *f, const flow_attempt_t *a)
{
    part_t parts[CHAIN_MAX_PARTS];
    size_t n = 0, total = 0, i;
    guint k;

#define ADD(w, c, fr, cred) do {                                                    \
        part_t p_ = { (w), (c), (fr), (cred) };                                     \
        parts[n] = p_;                                                              \
        n = (n + 1) % CHAIN_MAX_PARTS;  /* a ring: the last ones are kept */        \
        total++;                                                                    \
    } while (0)

    for (k = (guint)a->first; a->first >= 0 && k <= (guint)a->last; k++) {
        const flow_txn_t *t = &f->txns[k];
        gboolean deciding = k == (guint)a->last;

        if (!flow_txn_may_be_main(t, (flow_method_t)f->txns[a->first].method))
            continue;
        if (t->flags & FLOW_T_REQUEST_SEEN)
            ADD(flow_method_name((flow_method_t)t->method), 0, t->request_frame,
                (t->flags & FLOW_T_CREDENTIALS) != 0);
        /* A 100 only where it is all there is of the transaction. */
        if (deciding && t->ringing_frame && (!t->final_frame || t->ringing_frame < t->final_frame)
            && (t->ringing_code > 100 || (!(t->flags & FLOW_T_REQUEST_SEEN) && !t->final_frame)
                || a->outcome == FLOW_OUTCOME_IN_PROGRESS))
            ADD(NULL, t->ringing_code, t->ringing_frame, FALSE);
        if (deciding && t->cancel_frame)
            ADD("CANCEL", 0, t->cancel_frame, FALSE);
        if (t->final_frame)
            ADD(NULL, t->final_code, t->final_frame, FALSE);
    }
#undef ADD
    if (total > CHAIN_MAX_PARTS) {
        wmem_strbuf_append(out, ELLIPSIS);
        wmem_strbuf_append(out, ARROW + 1);
    }
    for (i = 0; i < MIN(total, (size_t)CHAIN_MAX_PARTS); i++) {
        if (i)
            wmem_strbuf_append(out, ARROW);
        append_part(out, lang, &parts[total > CHAIN_MAX_PARTS ? (n + i) % CHAIN_MAX_PARTS : i]);
    }
}

/* What the deciding response added: its Q.850 cause, Retry-After, Warning. */
/* A code and its meaning from its table row (a Q.850 cause, a warn-code);
 * nothing for a code the table lacks. */
static void
append_code_meaning(wmem_strbuf_t *out, sip_explain_lang_t lang, int template_index, const char *name,
                    guint32 code, const sip_explain_code_text_t *row)
{
    char buf[12];
    slot_t slots[2];
    const char *translated;
    wmem_strbuf_t *meaning = NULL;

    if (!row)
        return;
    translated = sip_explain_text(row->description, lang);
    slots[0].name = name;
    slots[0].value = num(buf, code);
    slots[1].name = "meaning";
    slots[1].value = row->reason ? row->reason : translated;
    /* The name is the table's, in English: in another language it comes
     * with the first sentence of the translated text, "User busy — ...". */
    if (row->reason && lang != SIP_EXPLAIN_LANG_EN && translated
        && translated != sip_explain_text(row->description, SIP_EXPLAIN_LANG_EN)) {
        size_t n = sip_explain_first_sentence_len(translated);
        if (n && translated[n - 1] == '.')
            n--;
        meaning = wmem_strbuf_new(NULL, row->reason);
        wmem_strbuf_append(meaning, " \xe2\x80\x94 ");    /* U+2014 EM DASH */
        wmem_strbuf_append_len(meaning, translated, n);
        slots[1].value = wmem_strbuf_get_str(meaning);
    }
    fill(out, template_of(lang, template_index), slots, 2);
    if (meaning)
        wmem_strbuf_destroy(meaning);
}

/* The CANCEL of an INVITE (same CSeq number and From tag), or NULL. */
static const flow_txn_t *
cancel_of(const flow_t *f, const flow_txn_t *inv)
{
    guint i;

    for (i = 0; inv->cancel_frame && i < f->n_txns; i++)
        if (f->txns[i].method == FLOW_M_CANCEL && f->txns[i].cseq == inv->cseq && f->txns[i].from_tag == inv->from_tag)
            return &f->txns[i];
    return NULL;
}

/* Why the deciding transaction ended as it did, as its messages say: the
 * CANCEL's cause, the final's cause, another element's To tag. */
static void
append_causes(wmem_strbuf_t *out, sip_explain_lang_t lang, const flow_t *f, const flow_txn_t *t)
{
    const flow_txn_t *cancel = t->method == FLOW_M_INVITE ? cancel_of(f, t) : NULL;
    char frame[12];
    slot_t slot;

    if (cancel && cancel->reason) {
        slot.name = "reason";
        slot.value = cancel->reason;
        fill(out, template_of(lang, T_CANCEL_REASON), &slot, 1);
    }
    if (t->final_cause) {
        slot.name = "cause";
        slot.value = t->final_cause;
        fill(out, template_of(lang, T_FINAL_CAUSE), &slot, 1);
    }
    if (t->flags & FLOW_T_FINAL_OTHER_TAG) {
        slot.name = "frame";
        slot.value = num(frame, t->ringing_frame);
        fill(out, template_of(lang, T_FINAL_OTHER_TAG), &slot, 1);
    }
}

static void
append_extra(wmem_strbuf_t *out, sip_explain_lang_t lang, const flow_t *f, const flow_txn_t *t)
{
    char buf[12];
    slot_t slot;

    if (t->q850_cause)
        append_code_meaning(out, lang, T_CAUSE, "cause", t->q850_cause, sip_explain_lookup_q850(t->q850_cause));
    append_causes(out, lang, f, t);
    if (t->flags & FLOW_T_RETRY_AFTER) {
        slot.name = "seconds";
        slot.value = num(buf, t->retry_after);
        fill(out, template_of(lang, T_RETRY_AFTER), &slot, 1);
    }
    if (t->warn_code)
        append_code_meaning(out, lang, T_WARNING, "warn", t->warn_code, sip_explain_lookup_warn(t->warn_code));
}

/* Which headline an outcome gets, by what its deciding transaction saw. */
static int
headline_of(const flow_t *f, const flow_txn_t *t, flow_outcome_t o)
{
    const flow_txn_t *cancel;

    if (!t)
        return T_OUTCOME + (int)o;
    switch (o) {
    case FLOW_OUTCOME_CANCELLED:
        /* A CANCEL saying SIP cause 200: answered on another device
         * (forking), this branch cancelled (RFC 3326 section 2). */
        if ((cancel = cancel_of(f, t)) != NULL && (cancel->flags & FLOW_T_ELSEWHERE))
            return T_CANCELLED_ELSEWHERE;
        /* A 487 the caller's CANCEL did not cause: a proxy's ring timer,
         * a B2BUA; "rang" only after a 180 (RFC 3261 section 21.1.2): 181,
         * 182 and 183 (early media) are no ringing. */
        if (!t->cancel_frame)
            return T_CANCELLED_NO_CANCEL;
        if (t->ringing_code == 180)
            return T_CANCELLED_RINGING;
        return t->ringing_code > 180 && t->ringing_code < 190 ? T_CANCELLED_PROGRESS : T_OUTCOME + (int)o;
    case FLOW_OUTCOME_REJECTED:
        return t->final_code == 403 && t->q850_cause == 21 ? T_REJECTED_CAUSE21 : T_OUTCOME + (int)o;
    case FLOW_OUTCOME_NO_FINAL_RESPONSE:
        /* An INVITE's means nothing came at all (any 1xx stops Timer B);
         * another request's Timer F runs on after a 1xx. */
        return t->method == FLOW_M_INVITE ? T_OUTCOME + (int)o : T_NO_FINAL_RESPONSE_F;
    case FLOW_OUTCOME_IN_PROGRESS:
        return t->ringing_code == 180 ? T_IN_PROGRESS_RINGING : T_OUTCOME + (int)o;
    default:
        return T_OUTCOME + (int)o;
    }
}

/* The outcome's headline, appended to out. */
static void
append_headline(wmem_strbuf_t *out, sip_explain_lang_t lang, const flow_t *f, const flow_txn_t *t,
                 flow_outcome_t o)
{
    char code[12], timer[12], provisional[160], frame[12];
    size_t len = 0;
    slot_t slots[4];
    int id = headline_of(f, t, o);

    slots[0].name = "code";
    slots[0].value = num(code, t ? t->final_code : 0);
    slots[1].name = "timer";
    slots[1].value = num(timer, FLOW_TIMER_B_MS / 1000);
    provisional[0] = '\0';
    if (id == T_CANCELLED_PROGRESS)
        put_code(provisional, sizeof provisional, &len, t->ringing_code);
    slots[2].name = "provisional";
    slots[2].value = provisional;
    slots[3].name = "frame";            /* the ICMP error of an unreachable request */
    slots[3].value = num(frame, t ? t->unreachable_frame : 0);
    fill(out, template_of(lang, id), slots, 4);
}

const char *
flow_outcome_headline(wmem_allocator_t *scope, sip_explain_lang_t lang, const flow_t *f, const flow_attempt_t *a)
{
    wmem_strbuf_t *out;

    if (a->outcome == FLOW_OUTCOME_NONE || a->outcome >= FLOW_OUTCOME_COUNT)
        return "";
    out = wmem_strbuf_new(scope, "");
    append_headline(out, lang, f, a->last >= 0 ? &f->txns[a->last] : NULL, a->outcome);
    return wmem_strbuf_finalize(out);
}

const char *
flow_outcome_text(wmem_allocator_t *scope, sip_explain_lang_t lang, const flow_t *f, const flow_attempt_t *a)
{
    const flow_txn_t *t = a->last >= 0 ? &f->txns[a->last] : NULL;
    wmem_strbuf_t *out;
    gsize before;

    if (a->outcome == FLOW_OUTCOME_NONE || a->outcome >= FLOW_OUTCOME_COUNT)
        return "";
    out = wmem_strbuf_new(scope, "");
    append_headline(out, lang, f, t, a->outcome);
    if (t) {
        wmem_strbuf_append(out, " (");
        before = wmem_strbuf_get_len(out);
        append_chain(out, lang, f, a);
        if (wmem_strbuf_get_len(out) == before)
            wmem_strbuf_truncate(out, before - 2);  /* no part seen: no parentheses */
        else
            wmem_strbuf_append_c(out, ')');
        append_extra(out, lang, f, t);
        if (a->outcome == FLOW_OUTCOME_NO_FINAL_RESPONSE) {
            char copies[12], last[12];
            slot_t slots[2] = { { "copies", num(copies, t->copies) }, { "last", num(last, t->last_request_frame) } };
            fill(out, template_of(lang, T_COPIES), slots, 2);
        }
    }
    return wmem_strbuf_finalize(out);
}

const char *
flow_step_text(wmem_allocator_t *scope, sip_explain_lang_t lang, const flow_t *f, guint txn,
               const flow_txn_verdict_t *v)
{
    const flow_txn_t *t = &f->txns[txn];
    gboolean retried = v->retry_frame != 0;
    wmem_strbuf_t *out;
    char retry[12], code[12], frame[12];
    slot_t slots[2];
    int id;

    switch (v->step) {
    case FLOW_STEP_CHALLENGE:
        id = retried ? T_STEP_CHALLENGE_ANSWERED
           : (t->flags & FLOW_T_SAME_NONCE) ? T_STEP_CHALLENGE_REFUSED
           : (t->flags & FLOW_T_CREDENTIALS) ? T_STEP_CHALLENGE_AGAIN : T_STEP_CHALLENGE_EXPECTED;
        break;
    case FLOW_STEP_REDIRECT:
        id = retried ? T_STEP_REDIRECT_FOLLOWED : T_STEP_REDIRECT_EXPECTED;
        break;
    case FLOW_STEP_RETRY:
        id = retried ? T_STEP_RETRIED : T_STEP_RETRY_EXPECTED;
        break;
    default:
        return "";
    }
    out = wmem_strbuf_new(scope, "");
    slots[0].name = "retry";
    slots[0].value = num(retry, v->retry_frame);
    slots[1].name = "code";
    slots[1].value = num(code, t->final_code);
    fill(out, template_of(lang, id), slots, 2);
    if (v->decided_frame) {
        slots[0].name = "frame";
        slots[0].value = num(frame, v->decided_frame);
        slots[1].name = "outcome";
        slots[1].value = flow_outcome_keyword(v->outcome);
        fill(out, template_of(lang, T_STEP_DECIDED), slots, 2);
    }
    return wmem_strbuf_finalize(out);
}
