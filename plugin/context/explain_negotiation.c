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

    add_list_finding(rc, allow, "Allowed methods: %s", NULL);
    if (!allow->n || !rc->cseq_method.len)
        return;
    method = span_text(rc->pinfo->pool, rc->cseq_method);
    if (!list_has(allow, rc->cseq_method)) {
        add_finding(rc, empty_span(), "The request's method %s is not among them", method);
        return;
    }
    /* RFC 3261 section 21.4.6: Allow lists the methods the server does
     * accept, so the refused one cannot be among them. */
    pi = add_finding(rc, header_values_first(allow), "The server contradicts itself: it refuses %s, yet its Allow lists %s "
                     "(RFC 3261 section 21.4.6: Allow names the methods the server supports)", method, method);
    add_expert(rc, pi, &ei_sip_explain_context_allow_contradicts, "405 refuses %s, which its Allow lists", method);
}

void
explain_415(response_ctx_t *rc)
{
    const response_headers_t *h = &rc->headers;
    const recorded_request_t *req = rc->request;

    add_list_finding(rc, &h->accept, "The server accepts bodies of type: %s", NULL);
    add_list_finding(rc, &h->accept_encoding, "The server accepts encodings: %s", NULL);
    add_list_finding(rc, &h->accept_language, "The server accepts languages: %s", NULL);
    if (!h->accept.n && !h->accept_encoding.n && !h->accept_language.n)
        add_finding(rc, empty_span(), "The response lists no Accept, Accept-Encoding or Accept-Language: it does not say what it takes");
    if (req && req->content_type)
        add_finding(rc, empty_span(), "The request sent Content-Type %s%s%s", req->content_type,
                    req->content_encoding ? " with Content-Encoding " : "",
                    req->content_encoding ? req->content_encoding : "");
}

void
explain_420(response_ctx_t *rc)
{
    const recorded_request_t *req = rc->request;

    add_list_finding(rc, &rc->headers.unsupported, "The server does not support these option tags: %s", NULL);
    if (!req)
        return;
    if (req->require || req->proxy_require)
        add_finding(rc, empty_span(), "The request demanded Require: %s; Proxy-Require: %s",
                    req->require ? req->require : "(none)",
                    req->proxy_require ? req->proxy_require : "(none)");
    else
        add_finding(rc, empty_span(), "The request (frame %u) had no Require or Proxy-Require", req->frame);
}

void
explain_421(response_ctx_t *rc)
{
    add_list_finding(rc, &rc->headers.require, "The server requires these extensions: %s", NULL);
    if (rc->request)
        add_finding(rc, empty_span(), "The request's Supported: %s",
                    rc->request->supported ? rc->request->supported : "(none)");
}

/* The minimum a 422 or 423 states (Min-SE, Min-Expires), as a finding;
 * FALSE when the response gives none that reads as a number. */
static gboolean
explain_minimum(response_ctx_t *rc, const header_values_t *values, const char *name, const char *what,
                guint32 *min)
{
    if (!read_delta_header(rc, values, name, min))
        return FALSE;
    add_finding(rc, header_values_first(values), "The %s accepted (%s) is %s", what, name,
                seconds_text(rc->pinfo->pool, *min));
    return TRUE;
}

void
explain_422(response_ctx_t *rc)
{
    const recorded_request_t *req = rc->request;
    wmem_allocator_t *pool = rc->pinfo->pool;
    guint32 min_se;
    gboolean has = explain_minimum(rc, &rc->headers.min_se, "Min-SE", "smallest session interval", &min_se);

    if (!req)
        return;
    if (req->has_session_expires)
        add_finding(rc, empty_span(), "The request asked for Session-Expires %s%s", seconds_text(pool, req->session_expires),
                    has ? (req->session_expires < min_se ? ", below the minimum: raise it to at least Min-SE"
                                                         : ", not below Min-SE (the response is inconsistent)") : "");
    else
        add_finding(rc, empty_span(), "The request carried no Session-Expires");
    if (req->has_min_se)
        add_finding(rc, empty_span(), "The request's own Min-SE was %s", seconds_text(pool, req->min_se));
}

void
explain_423(response_ctx_t *rc)
{
    const recorded_request_t *req = rc->request;
    wmem_allocator_t *pool = rc->pinfo->pool;
    guint32 min_exp;
    gboolean has = explain_minimum(rc, &rc->headers.min_expires, "Min-Expires", "shortest expiration", &min_exp);

    if (!req)
        return;
    if (req->has_expires)
        add_finding(rc, empty_span(), "The request asked for Expires %s%s", seconds_text(pool, req->expires),
                    has && req->expires < min_exp ? ", below the minimum: raise it to at least Min-Expires" : "");
    if (req->has_contact_expires)
        add_finding(rc, empty_span(), "The request's Contact asked for expires=%s%s", seconds_text(pool, req->contact_expires),
                    has && req->contact_expires < min_exp ? ", below the minimum" : "");
    if (!req->has_expires && !req->has_contact_expires)
        add_finding(rc, empty_span(), "The request gave no Expires: the server's default was too short for it");
}
