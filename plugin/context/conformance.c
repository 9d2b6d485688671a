/* conformance.c
 * Routines for the rules a response breaks, as expert info citing the RFC:
 * a header the table requires for the code is missing (key Requires), the
 * code answers a method it cannot (key Methods), a redirect names no
 * Contact.
 *
 * The first two rules live in data/responses.ini; the 3xx one is here
 * because it is a note, not a fault.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "context/context_internal.h"

#include <string.h>

/* 3xx without Contact: RFC 3261 section 8.1.3.4 has the client retry at
 * the Contact URIs and section 21.3 says 301, 302 and 305 give them in
 * Contact; 380 describes alternatives in the body instead. A note, as
 * 300 only SHOULD list Contacts. Skipped where the table already
 * requires Contact for the code. */
static void
check_redirect_contact(response_ctx_t *rc)
{
    const sip_explain_entry_t *e = rc->entry;
    gboolean required = FALSE;
    size_t i;

    if (rc->code < 300 || rc->code > 399 || rc->code == 380 || rc->headers.contact.n != 0)
        return;
    for (i = 0; i < e->n_requires; i++)
        if (g_ascii_strcasecmp(e->requires[i], "Contact") == 0)
            required = TRUE;
    if (!required)
        add_expert(rc, NULL, &ei_sip_explain_context_no_contact, NULL);
}

void
check_conformance(response_ctx_t *rc)
{
    const sip_explain_entry_t *e = rc->entry;
    size_t i;

    if (!e)
        return;
    for (i = 0; i < e->n_requires; i++) {
        gboolean any = strchr(e->requires[i], '|') != NULL;
        if (!response_has_header(&rc->headers, rc->msg, e->requires[i]))
            add_expert_as(rc, NULL, &ei_sip_explain_context_missing_header,
                          any ? "expert.MissingAnyHeader" : "expert.MissingHeader",
                          "reason", e->reason ? e->reason : "",
                          "header", any ? g_strdelimit(wmem_strdup(rc->pinfo->pool, e->requires[i]), "|", '/')
                                        : e->requires[i],
                          "ref", e->requires_ref[SIP_EXPLAIN_LANG_EN]
                                     ? sip_explain_text(e->requires_ref, rc->opts->lang) : "RFC 3261", NULL);
    }
    /* Only codes whose limit the table cites are checked: most codes
     * answer any method. */
    if (e->methods_ref[SIP_EXPLAIN_LANG_EN] && rc->cseq_method.len
        && !sip_explain_entry_answers_method(e, rc->cseq_method.p, rc->cseq_method.len)) {
        wmem_strbuf_t *list = wmem_strbuf_new(rc->pinfo->pool, "");
        for (i = 0; i < e->n_methods; i++)
            wmem_strbuf_append_printf(list, "%s%s", i ? ", " : "", e->methods[i]);
        add_expert(rc, NULL, &ei_sip_explain_context_wrong_method,
                   "reason", e->reason ? e->reason : "", "method", span_text(rc->pinfo->pool, rc->cseq_method),
                   "ref", sip_explain_text(e->methods_ref, rc->opts->lang), "methods", wmem_strbuf_get_str(list), NULL);
    }
    check_redirect_contact(rc);
}
