/* explain_events.c
 * Routines for explaining the codes of event subscriptions (RFC 6665,
 * RFC 5839): 489, the event package asked for against those offered, and
 * 204, the subscription that will not be notified yet.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "context/context_internal.h"

void
explain_489(response_ctx_t *rc)
{
    if (rc->request)
        add_finding(rc, empty_span(), "Event package asked for: %s",
                    rc->request->event ? rc->request->event : "(no Event header)");
    add_list_finding(rc, &rc->headers.allow_events, "Event packages offered (Allow-Events): %s",
                     "The response lists no Allow-Events: it does not say which event packages it offers");
}

void
explain_204(response_ctx_t *rc)
{
    const recorded_request_t *req = rc->request;
    guint32 exp;

    /* uri stays as recorded: NULL (shown "(null)") when the request was
     * not a SUBSCRIBE, which the conformance check reports. */
    if (req)
        add_finding(rc, empty_span(), "No NOTIFY will be sent for now: the subscription to %s at %s is in place, and the "
                    "state has not changed since entity-tag %s; a NOTIFY follows when it changes",
                    req->event ? req->event : "(no Event)", req->uri,
                    req->suppress_if_match ? req->suppress_if_match : "(no Suppress-If-Match)");
    else
        add_finding(rc, empty_span(), "No NOTIFY will be sent for now: the subscriber's state is current");
    if (read_delta_header(rc, &rc->headers.expires, "Expires", &exp))
        add_finding(rc, header_values_first(&rc->headers.expires), "The subscription lasts %s",
                    seconds_text(rc->pinfo->pool, exp));
}
