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
        add_finding(rc, empty_span(), rc->request->event ? "finding.EventAsked" : "finding.EventAskedNone",
                    "event", rc->request->event, NULL);
    add_list_finding(rc, &rc->headers.allow_events, "finding.EventsOffered", "finding.NoAllowEvents");
}

void
explain_204(response_ctx_t *rc)
{
    const recorded_request_t *req = rc->request;
    guint32 exp;

    /* uri stays as recorded: NULL (shown "(null)") when the request was
     * not a SUBSCRIBE, which the conformance check reports. */
    if (!req)
        add_finding(rc, empty_span(), "finding.NoNotifyCurrent", NULL);
    else if (rc->show_findings)     /* the values are looked up only to be shown */
        add_finding(rc, empty_span(), "finding.NoNotifyYet",
                    "event", req->event ? req->event : ctx_text(rc, "part.NoEvent", NULL),
                    "uri", req->uri ? req->uri : "(null)",
                    "etag", req->suppress_if_match ? req->suppress_if_match : ctx_text(rc, "part.NoSuppressIfMatch", NULL), NULL);
    if (read_delta_header(rc, &rc->headers.expires, "Expires", &exp) && rc->show_findings)
        add_finding(rc, header_values_first(&rc->headers.expires), "finding.SubscriptionLasts",
                    "time", seconds_text(rc, exp), NULL);
}
