/* explainers.c
 * Routines for choosing what to explain about a response by its code: the
 * table below lists, in the order their findings appear, the explainers
 * and the codes each one runs for.
 *
 * To add a rule for a code:
 *  1. write void explain_<what>(response_ctx_t *rc) in the explain_*.c
 *     file of its topic (a new topic gets a new file, listed in
 *     SIP_EXPLAIN_CONTEXT_SOURCES in plugin/CMakeLists.txt), declared in
 *     context_internal.h; it adds findings with add_finding(), notes
 *     malformed values with add_malformed(), and reads the response's
 *     headers in rc->headers and the request it answers in rc->request
 *     (NULL when that is not in the capture);
 *  2. if it reads a header the response does not read yet, add a slot for
 *     it (response_headers_t and RESPONSE_SLOT_* in context_internal.h,
 *     response_slots in headers.c);
 *  3. add a row here. Its last column names the header slots it parses
 *     for expert notes (a malformed value, a wrong credential ...): those
 *     are read even where findings are not shown, as in tshark -z expert.
 *     Headers it reads only for findings need no mention.
 * A rule that is a fault of the response rather than an explanation goes
 * to conformance.c, or to data/responses.ini where it is a required
 * header or a method limit.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "context/context_internal.h"

typedef struct {
    uint32_t first, last;                       /* the codes it runs for */
    void (*explain)(response_ctx_t *rc);
    slot_mask_t expert_reads;                   /* slots its expert notes parse */
} code_explainer_t;

/* Any code, even one outside 100-699. */
#define ANY_CODE 0, G_MAXUINT32
#define READS(slot) SLOT_BIT(RESPONSE_SLOT_##slot)

static const code_explainer_t explainers[] = {
    { 300, 399, explain_redirect, READS(CONTACT) },
    { 401, 401, explain_challenge, READS(WWW_AUTH) },
    { 407, 407, explain_challenge, READS(PROXY_AUTH) },
    { 403, 403, explain_403, READS(REASON) },
    { 405, 405, explain_405, READS(ALLOW) },
    { 415, 415, explain_415, 0 },
    { 420, 420, explain_420, 0 },
    { 421, 421, explain_421, 0 },
    { 422, 422, explain_422, READS(MIN_SE) },
    { 423, 423, explain_423, READS(MIN_EXPIRES) },
    { 489, 489, explain_489, 0 },
    { 204, 204, explain_204, READS(EXPIRES) },
    { 200, 299, note_credentials_accepted, 0 },
    { 487, 487, explain_cancel_reason, 0 },
    { 408, 408, explain_unrouted, READS(WARNING) },
    { 480, 480, explain_unrouted, READS(WARNING) },
    { 503, 503, explain_unrouted, READS(WARNING) },
    { ANY_CODE, explain_retry_after, READS(RETRY_AFTER) },
    { ANY_CODE, explain_warnings, READS(WARNING) },
    { ANY_CODE, explain_reasons, READS(REASON) },
    { ANY_CODE, explain_vendor_causes, READS(MS_DIAGNOSTICS) | READS(MS_DIAGNOSTICS_PUBLIC) | READS(ASTERISK_CAUSE)
                                       | READS(ASTERISK_CAUSE_CODE) | READS(TWILIO_ERROR) },
    { SENT_BY_FIRST_CODE, G_MAXUINT32, explain_sent_by, 0 },
};

void
explain_response(response_ctx_t *rc)
{
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(explainers); i++)
        if (rc->code >= explainers[i].first && rc->code <= explainers[i].last)
            explainers[i].explain(rc);
}

static slot_mask_t
expert_slots_of(uint32_t code)
{
    slot_mask_t m = 0;
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(explainers); i++)
        if (code >= explainers[i].first && code <= explainers[i].last)
            m |= explainers[i].expert_reads;
    return m;
}

/* Made once per code of 100-699, asked for every response. */
slot_mask_t
explainer_expert_slots(uint32_t code)
{
    static slot_mask_t known[600];
    static gboolean made;
    uint32_t c;

    if (code < 100 || code > 699)
        return expert_slots_of(code);
    if (!made) {
        for (c = 100; c <= 699; c++)
            known[c - 100] = expert_slots_of(c);
        made = TRUE;
    }
    return known[code - 100];
}
