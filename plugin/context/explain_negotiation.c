/* explain_negotiation.c
 * Routines for explaining the codes that refuse what the request asked
 * for, next to what the server takes instead: 405 (Allow), 415 (Accept*),
 * 420 (Unsupported), 421 (Require), 422 (Min-SE against Session-Expires)
 * and 423 (Min-Expires against Expires).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "context/context_internal.h"

#include "parse/sip_values.h"

/* Does any value of the list header name the token? */
static gboolean
list_has(const header_values_t *values, sip_span_t token)
{
    unsigned i;

    for (i = 0; i < values->n; i++)
        if (sip_list_has_token(values->value[i], token.p, token.len))
            return TRUE;
    return FALSE;
}

void
explain_405(response_ctx_t *rc)
{
    const header_values_t *allow = &rc->headers.allow;

    const char *method;
    proto_item *pi;

    add_list_finding(rc, allow, "finding.AllowedMethods", NULL);
    if (!allow->n || !rc->cseq_method.len)
        return;
    method = span_text(rc->pinfo->pool, rc->cseq_method);
    if (!list_has(allow, rc->cseq_method)) {
        add_finding(rc, empty_span(), "finding.MethodNotAllowed", "method", method, NULL);
        return;
    }
    /* RFC 3261 section 21.4.6: Allow lists the methods the server does
     * accept, so the refused one cannot be among them. */
    pi = add_finding(rc, header_values_first(allow), "finding.AllowContradicts", "method", method, NULL);
    add_expert(rc, pi, &ei_sip_explain_context_allow_contradicts, "method", method, NULL);
}

void
explain_415(response_ctx_t *rc)
{
    const response_headers_t *h = &rc->headers;
    const recorded_request_t *req = rc->request;

    add_list_finding(rc, &h->accept, "finding.AcceptTypes", NULL);
    add_list_finding(rc, &h->accept_encoding, "finding.AcceptEncodings", NULL);
    add_list_finding(rc, &h->accept_language, "finding.AcceptLanguages", NULL);
    if (!h->accept.n && !h->accept_encoding.n && !h->accept_language.n)
        add_finding(rc, empty_span(), "finding.NoAccept", NULL);
    if (req && req->content_type)
        add_finding(rc, empty_span(), req->content_encoding ? "finding.SentContentTypeEncoding" : "finding.SentContentType",
                    "type", req->content_type, "encoding", req->content_encoding, NULL);
}

void
explain_420(response_ctx_t *rc)
{
    const recorded_request_t *req = rc->request;

    add_list_finding(rc, &rc->headers.unsupported, "finding.Unsupported", NULL);
    if (!req || !rc->show_findings)
        return;
    if (req->require || req->proxy_require)
        add_finding(rc, empty_span(), "finding.RequestRequired",
                    "require", req->require ? req->require : ctx_text(rc, "part.None", NULL),
                    "proxy_require", req->proxy_require ? req->proxy_require : ctx_text(rc, "part.None", NULL), NULL);
    else
        add_finding(rc, empty_span(), "finding.RequestRequiredNothing", "frame", ctx_num(rc, req->frame), NULL);
}

void
explain_421(response_ctx_t *rc)
{
    add_list_finding(rc, &rc->headers.require, "finding.RequiredExtensions", NULL);
    if (rc->request && rc->show_findings)
        add_finding(rc, empty_span(), "finding.RequestSupported",
                    "list", rc->request->supported ? rc->request->supported : ctx_text(rc, "part.None", NULL), NULL);
}

/* The minimum a 422 or 423 states (Min-SE, Min-Expires), as a finding;
 * FALSE when the response gives none that reads as a number. */
static gboolean
explain_minimum(response_ctx_t *rc, const header_values_t *values, const char *name, const char *id,
                guint32 *min)
{
    if (!read_delta_header(rc, values, name, min))
        return FALSE;
    if (rc->show_findings)
        add_finding(rc, header_values_first(values), id, "time", seconds_text(rc, *min), NULL);
    return TRUE;
}

void
explain_422(response_ctx_t *rc)
{
    const recorded_request_t *req = rc->request;
    guint32 min_se;
    gboolean has = explain_minimum(rc, &rc->headers.min_se, "Min-SE", "finding.MinSe", &min_se);

    if (!req || !rc->show_findings)
        return;
    if (req->has_session_expires)
        add_finding(rc, empty_span(), "finding.AskedSessionExpires", "time", seconds_text(rc, req->session_expires),
                    "verdict", has ? ctx_text(rc, req->session_expires < min_se ? "part.BelowMinSe" : "part.NotBelowMinSe", NULL)
                                   : "", NULL);
    else
        add_finding(rc, empty_span(), "finding.NoSessionExpires", NULL);
    if (req->has_min_se)
        add_finding(rc, empty_span(), "finding.RequestMinSe", "time", seconds_text(rc, req->min_se), NULL);
}

void
explain_423(response_ctx_t *rc)
{
    const recorded_request_t *req = rc->request;
    guint32 min_exp;
    gboolean has = explain_minimum(rc, &rc->headers.min_expires, "Min-Expires", "finding.MinExpires", &min_exp);

    if (!req || !rc->show_findings)
        return;
    if (req->has_expires)
        add_finding(rc, empty_span(), "finding.AskedExpires", "time", seconds_text(rc, req->expires),
                    "verdict", has && req->expires < min_exp ? ctx_text(rc, "part.BelowMinExpires", NULL) : "", NULL);
    if (req->has_contact_expires)
        add_finding(rc, empty_span(), "finding.AskedContactExpires", "time", seconds_text(rc, req->contact_expires),
                    "verdict", has && req->contact_expires < min_exp ? ctx_text(rc, "part.BelowMinimum", NULL) : "", NULL);
    if (!req->has_expires && !req->has_contact_expires)
        add_finding(rc, empty_span(), "finding.NoExpires", NULL);
}
