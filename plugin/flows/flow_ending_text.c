/* flow_ending_text.c
 * Routines for putting how an answered call ended and a transfer's result
 * into words (see flow_ending_text.h), from the [ending] and [transfer]
 * templates of data/outcomes.ini.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "flows/flow_ending_text.h"

#include <stdio.h>

#include <string.h>

#include <wsutil/wmem/wmem.h>

#include "flows/flow_text.h"
#include "label_text.h"
#include "sip_explain_overrides.h"

const char *
flow_code_words(wmem_allocator_t *scope, guint32 code)
{
    const sip_explain_entry_t *e = sip_explain_resolve(NULL, code);

    if (e && e->reason && e->registered)
        return wmem_strdup_printf(scope, "%u %s", code, e->reason);
    return wmem_strdup_printf(scope, "%u", code);
}

/* Seconds in words: "62", "31.5" (one decimal unless whole). */
static const char *
seconds(wmem_allocator_t *scope, guint32 ms)
{
    char buf[G_ASCII_DTOSTR_BUF_SIZE];

    if (ms % 1000 == 0)
        return wmem_strdup_printf(scope, "%u", ms / 1000);
    return wmem_strdup(scope, g_ascii_formatd(buf, sizeof buf, "%.1f", (double)ms / 1000.0));
}

static const char *
frame_text(wmem_allocator_t *scope, guint32 frame)
{
    return wmem_strdup_printf(scope, "%u", frame);
}

static guint32
request_frame(const flow_txn_t *t)
{
    return t->request_frame ? t->request_frame : t->first_frame;
}

const char *
flow_ending_text(wmem_allocator_t *scope, sip_explain_lang_t lang, const flow_t *f, guint answered,
                 const flow_ending_t *e)
{
    const flow_txn_t *inv = &f->txns[answered];
    wmem_strbuf_t *out = wmem_strbuf_new(scope, "");

    if (e->not_acked)
        wmem_strbuf_append(out, sip_explain_label_text(scope, lang, "flow.NotAcked",
                                                       "code", frame_text(scope, inv->final_code),
                                                       "copies", frame_text(scope, e->copies),
                                                       "seconds", seconds(scope, e->copies_span_ms), NULL));
    if (e->bye >= 0) {
        const flow_txn_t *bye = &f->txns[e->bye];
        wmem_strbuf_append(out, sip_explain_label_text(scope, lang,
                                                       e->by_callee ? "flow.HungUpByCallee" : "flow.HungUpByCaller",
                                                       "seconds", seconds(scope, e->duration_ms),
                                                       "frame", frame_text(scope, request_frame(bye)), NULL));
        if (bye->reason)
            wmem_strbuf_append(out, sip_explain_label_text(scope, lang, (bye->flags & FLOW_T_CAUSE_NOT_REASON)
                                                                        ? "flow.HangupCause" : "flow.HangupReason",
                                                           "reason", bye->reason, NULL));
        if (bye->final_code == 481 && e->failed_bye != e->bye)
            wmem_strbuf_append(out, sip_explain_label_text(scope, lang, "flow.Bye481",
                                                           "answer", frame_text(scope, bye->final_frame), NULL));
    }
    if (e->failed_bye >= 0) {
        const flow_txn_t *bye = &f->txns[e->failed_bye];
        if (e->bye_unanswered)
            wmem_strbuf_append(out, sip_explain_label_text(scope, lang, "flow.ByeUnanswered",
                                                           "frame", frame_text(scope, request_frame(bye)),
                                                           "timer", frame_text(scope, FLOW_TIMER_B_MS / 1000),
                                                           NULL));
        else
            wmem_strbuf_append(out, sip_explain_label_text(scope, lang, "flow.ByeRefused",
                                                           "frame", frame_text(scope, request_frame(bye)),
                                                           "code", flow_code_words(scope, bye->final_code),
                                                           "answer", frame_text(scope, bye->final_frame), NULL));
    }
    return wmem_strbuf_finalize(out);
}

const char *
flow_full_outcome_text(wmem_allocator_t *scope, sip_explain_lang_t lang, const flow_t *f,
                       const flow_attempt_t *a, const flow_aftermath_t *am)
{
    const char *text = flow_outcome_text(scope, lang, f, a);
    const char *ending, *transfer;
    wmem_strbuf_t *out;

    if (a->last < 0 || !*text)
        return text;
    ending = am->answered ? flow_ending_text(scope, lang, f, (guint)a->last, &am->ending) : "";
    transfer = flow_transfer_text(scope, lang, f, &am->transfer);
    if (!*ending && !*transfer)
        return text;
    out = wmem_strbuf_new(scope, text);
    wmem_strbuf_append(out, ending);
    wmem_strbuf_append(out, transfer);
    return wmem_strbuf_finalize(out);
}

const char *
flow_transfer_text(wmem_allocator_t *scope, sip_explain_lang_t lang, const flow_t *f, const flow_transfer_t *x)
{
    char refer[12], notify[12];
    const flow_txn_t *r;

    if (x->refer < 0 || x->outcome == FLOW_OUTCOME_NONE)
        return "";
    r = &f->txns[x->refer];
    snprintf(refer, sizeof refer, "%u", request_frame(r));
    snprintf(notify, sizeof notify, "%u", x->notify >= 0 ? request_frame(&f->txns[x->notify]) : 0);
    switch (x->outcome) {
    case FLOW_OUTCOME_TRANSFERRED:
    case FLOW_OUTCOME_TRANSFER_FAILED:
        return sip_explain_label_text(scope, lang,
                                      x->outcome == FLOW_OUTCOME_TRANSFERRED ? "flow.TransferDone"
                                                                             : "flow.TransferFailed",
                                      "refer", refer, "status", flow_code_words(scope, x->frag_code),
                                      "notify", notify, NULL);
    case FLOW_OUTCOME_REFUSED:
        return sip_explain_label_text(scope, lang, "flow.TransferRefused", "refer", refer,
                                      "code", flow_code_words(scope, r->final_code), NULL);
    default:
        return sip_explain_label_text(scope, lang, "flow.TransferPending", "refer", refer, NULL);
    }
}
