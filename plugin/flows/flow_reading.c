/* flow_reading.c
 * Routines for reading what one SIP message tells its flow (see
 * flow_reading.h), in one pass over its header lines.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "flows/flow_reading.h"

#include <string.h>

guint32
flow_tag_hash(sip_span_t name_addr)
{
    sip_span_t tag;
    guint64 h;

    if (!name_addr.p || !sip_address_param(name_addr, "tag", &tag) || tag.len == 0)
        return 0;
    h = sip_span_hash(SIP_SPAN_HASH_START, tag);
    return (guint32)(h ^ (h >> 32)) | 1u;   /* never 0: 0 means no tag */
}

guint32
flow_nonce_hash(sip_span_t nonce)
{
    guint64 h;

    if (!nonce.len)
        return 0;
    h = sip_span_hash(SIP_SPAN_HASH_START, nonce);
    return (guint32)(h ^ (h >> 32)) | 1u;
}

gboolean
flow_challenged_on(const flow_message_t *final, guint32 request_nonce)
{
    unsigned i;

    for (i = 0; request_nonce && i < final->n_challenge_nonces; i++)
        if (final->challenge_nonce[i] == request_nonce)
            return TRUE;
    return FALSE;
}

/* Credentials that answer a challenge: a nonce or a response (an IMS first
 * REGISTER names its user with both empty). The nonce they answer is kept
 * (the first header's: a request with both Authorization and
 * Proxy-Authorization, for two servers, is judged on the first), but not
 * that of an AKA resynchronisation (auts=), which asks for a new nonce and
 * is judged apart (explain_challenge.c). */
static void
read_credentials(flow_message_t *m, sip_span_t value)
{
    sip_challenge_t c;

    sip_parse_challenge(value, &c);
    if (c.nonce.len > 0 || c.response.len > 0 || c.has_auts)
        m->credentials = TRUE;
    if (!m->credentials_nonce && !c.has_auts)
        m->credentials_nonce = flow_nonce_hash(c.nonce);
}

/* A challenge of a final response: stale=true, and the nonce of a
 * well-formed one (a malformed one is not trusted, as in
 * explain_challenge.c). */
static void
read_challenge(flow_message_t *m, sip_span_t value)
{
    sip_challenge_t c;

    sip_parse_challenge(value, &c);
    m->stale = m->stale || (c.has_stale && c.stale);
    if (c.scheme.len && !c.malformed && c.nonce.len && m->n_challenge_nonces < G_N_ELEMENTS(m->challenge_nonce))
        m->challenge_nonce[m->n_challenge_nonces++] = flow_nonce_hash(c.nonce);
}

static void
read_contact(flow_message_t *m, sip_span_t value)
{
    sip_list_iter_t it;
    sip_span_t item;
    unsigned n = 0;

    m->has_contact = TRUE;
    sip_list_init(&it, value);
    while (n++ < 16 && sip_list_next(&it, &item)) {
        sip_contact_t c;
        sip_parse_contact(item, &c);
        if (c.star)
            m->contact_star = TRUE;
        else if (!c.has_expires || c.expires_status != SIP_NUM_OK)
            m->contact_plain++;
        else if (c.expires == 0)
            m->contact_zero++;
        else
            m->contact_positive++;
    }
}

static void
read_reason(flow_message_t *m, sip_span_t value)
{
    sip_reason_t r;

    sip_parse_reason(value, &r);
    if (!m->q850_cause && sip_span_equals_nocase(r.protocol, "Q.850") && r.has_cause
        && r.cause_status == SIP_NUM_OK && r.cause > 0 && r.cause < 128)
        m->q850_cause = (guint16)r.cause;
}

/* The letters of the header lines a message of this kind is read for:
 * lines starting otherwise (Via, Max-Forwards, User-Agent ...) are not even
 * split. */
static guint32
letters_for(const sip_start_line_t *st, gboolean final, gboolean is_register)
{
    guint32 letters = sip_header_letters("Call-ID", 'i') | sip_header_letters("CSeq", 0)
                    | sip_header_letters("From", 'f') | sip_header_letters("To", 't');

    if (!st->is_response)
        letters |= sip_header_letters("Authorization", 0) | sip_header_letters("Proxy-Authorization", 0);
    if (is_register)
        letters |= sip_header_letters("Contact", 'm') | sip_header_letters("Expires", 0);
    if (final)
        letters |= sip_header_letters("Contact", 'm') | sip_header_letters("Reason", 0)
                 | sip_header_letters("Warning", 0) | sip_header_letters("Proxy-Authenticate", 0)
                 | sip_header_letters("ms-diagnostics", 0) | sip_header_letters("X-Twilio-Error", 0);
    return letters;
}

void
flow_read_message(const sip_explain_message_t *msg, flow_message_t *m)
{
    const sip_start_line_t *st = &msg->start;
    gboolean final = st->is_response && st->code >= 200;
    gboolean is_register = !st->is_response && sip_span_equals(st->method, "REGISTER");
    /* An ACK only marks the INVITE it acknowledges (flows/flow_records.c). */
    gboolean is_ack = !st->is_response && sip_span_equals(st->method, "ACK");
    /* A hang-up's Reason is read in the same pass (flow_read_ending()). */
    gboolean is_ending = !st->is_response
                         && (sip_span_equals(st->method, "BYE") || sip_span_equals(st->method, "CANCEL"));
    sip_header_iter_t it;
    sip_span_t n, v;

    memset(m, 0, sizeof *m);
    sip_header_iter_init(&it, msg->text, st);
    sip_header_iter_filter(&it, letters_for(st, final, is_register)
                                    | (is_ending || final ? sip_header_letters("Reason", 0)
                                                            | sip_header_letters("X-Asterisk-HangupCause", 0) : 0));
    while (sip_header_next(&it, &n, &v)) {
        /* An ACK tells only where it belongs; a provisional response that
         * and its To tag (whose dialog it opens). */
        if (is_ack && m->call_id.p && m->cseq.p && m->from.p)
            break;
        if (st->is_response && !final && m->call_id.p && m->cseq.p && m->from.p && m->to.p)
            break;
        if (SIP_HEADER_NAME_IS(n, "Call-ID", 'i')) {
            if (!m->call_id.p)
                m->call_id = v;
        } else if (SIP_HEADER_NAME_IS(n, "CSeq", 0)) {
            if (!m->cseq.p)
                m->cseq = v;
        } else if (SIP_HEADER_NAME_IS(n, "From", 'f')) {
            if (!m->from.p)
                m->from = v;
        } else if (SIP_HEADER_NAME_IS(n, "To", 't')) {
            if (!m->to.p)
                m->to = v;
        } else if (!st->is_response && (SIP_HEADER_NAME_IS(n, "Authorization", 0)
                                        || SIP_HEADER_NAME_IS(n, "Proxy-Authorization", 0))) {
            read_credentials(m, v);
        } else if (SIP_HEADER_NAME_IS(n, "Contact", 'm')) {
            if (is_register || final)
                read_contact(m, v);
        } else if (is_register && SIP_HEADER_NAME_IS(n, "Expires", 0)) {
            guint32 e;
            if (sip_parse_delta(v, false, &e, NULL) == SIP_NUM_OK && e == 0)
                m->expires_zero = TRUE;
        } else if (final && (SIP_HEADER_NAME_IS(n, "WWW-Authenticate", 0)
                             || SIP_HEADER_NAME_IS(n, "Proxy-Authenticate", 0))) {
            read_challenge(m, v);
        } else if (is_ending && SIP_HEADER_NAME_IS(n, "Reason", 0)) {
            if (!m->reason.p)
                m->reason = v;
        } else if (final && SIP_HEADER_NAME_IS(n, "Reason", 0)) {
            if (!m->reason.p)
                m->reason = v;
            read_reason(m, v);
        } else if ((final || is_ending) && SIP_HEADER_NAME_IS(n, "X-Asterisk-HangupCauseCode", 0)) {
            if (!m->asterisk_cause_code.p)
                m->asterisk_cause_code = v;
        } else if ((final || is_ending) && SIP_HEADER_NAME_IS(n, "X-Asterisk-HangupCause", 0)) {
            if (!m->asterisk_cause.p)
                m->asterisk_cause = v;
        } else if (final && (SIP_HEADER_NAME_IS(n, "ms-diagnostics", 0)
                             || SIP_HEADER_NAME_IS(n, "ms-diagnostics-public", 0))) {
            if (!m->ms_diagnostics.p)
                m->ms_diagnostics = v;
        } else if (final && SIP_HEADER_NAME_IS(n, "X-Twilio-Error", 0)) {
            if (!m->twilio_error.p)
                m->twilio_error = v;
        } else if (final && SIP_HEADER_NAME_IS(n, "Retry-After", 0)) {
            sip_retry_after_t ra;
            sip_parse_retry_after(v, &ra);
            if (ra.status == SIP_NUM_OK && !m->has_retry_after) {
                m->has_retry_after = TRUE;
                m->retry_after = ra.seconds;
            }
        } else if (final && SIP_HEADER_NAME_IS(n, "Warning", 0)) {
            sip_warning_t w;
            sip_parse_warning(v, &w);
            if (w.code_ok && !m->warn_code)
                m->warn_code = (guint16)w.code;
            /* Only a 480's free text is read (flows/flow_verdict.c). */
            if (st->code == 480 && w.code == 399 && flow_names_routing_failure(w.text))
                m->warn_unrouted = TRUE;
        }
    }
}

/* Words with which proxies say they found no route: "480 No DNS
 * results", Warning: 399 ... "No other DNS entries to try", "Unresolvable
 * destination", "No route to destination". */
gboolean
flow_names_routing_failure(sip_span_t text)
{
    return sip_span_contains_nocase(text, "dns") || sip_span_contains_nocase(text, "resolv")
        || sip_span_contains_nocase(text, "no route") || sip_span_contains_nocase(text, "routing")
        || sip_span_contains_nocase(text, "unroutable");
}

/* A REGISTER that removes bindings (RFC 3261 sections 10.2.1.1, 10.2.2):
 * Contact: *, or Contacts that all expire at 0, by their expires parameter
 * or, without one, by Expires: 0. One without Contact only asks what is
 * bound. */
gboolean
flow_asks_unregister(const flow_message_t *m)
{
    if (m->contact_star)
        return TRUE;
    if (m->contact_positive || (m->contact_plain && !m->expires_zero))
        return FALSE;
    return m->contact_zero || m->contact_plain;
}

/* The URI of a From or To value, for the table. */
sip_span_t
flow_uri_of(sip_span_t name_addr)
{
    sip_contact_t c;

    if (!name_addr.p)
        return name_addr;
    sip_parse_contact(name_addr, &c);
    return c.uri.p ? c.uri : sip_value_main(name_addr);
}

/* The status code of a message/sipfrag body that starts with a status line
 * (RFC 3420; RFC 3515 section 2.4.5: a NOTIFY of a REFER carries the
 * status line of the referred request); 0 when it does not. */
static guint16
sipfrag_code(const sip_explain_message_t *msg)
{
    const sip_start_line_t *st = &msg->start;
    size_t end = sip_text_headers_end(msg->text, st);
    sip_start_line_t frag;

    if (end >= st->len)
        return 0;
    end += (msg->text[end] == '\r' && end + 1 < st->len && msg->text[end + 1] == '\n') ? 2 : 1;
    if (end >= st->len || !sip_text_parse_start_line(msg->text + end, st->len - end, &frag))
        return 0;
    return frag.is_response && frag.code_is_3digit ? (guint16)frag.code : 0;
}

void
flow_read_ending(const sip_explain_message_t *msg, flow_message_t *m)
{
    const sip_start_line_t *st = &msg->start;
    sip_header_iter_t it;
    sip_span_t n, v, type = { NULL, 0 };
    gboolean refer = FALSE;

    if (st->is_response)
        return;
    if (sip_span_equals(st->method, "BYE") || sip_span_equals(st->method, "CANCEL"))
        return;                         /* its Reason: read by flow_read_message() */
    if (!sip_span_equals(st->method, "NOTIFY"))
        return;
    sip_header_iter_init(&it, msg->text, st);
    sip_header_iter_filter(&it, sip_header_letters("Event", 'o') | sip_header_letters("Content-Type", 'c'));
    while (sip_header_next(&it, &n, &v)) {
        if (SIP_HEADER_NAME_IS(n, "Event", 'o'))
            refer = refer || sip_span_equals_nocase(sip_event_package(v), "refer");
        else if (SIP_HEADER_NAME_IS(n, "Content-Type", 'c') && !type.p)
            type = sip_value_main(v);
    }
    if (refer && sip_span_equals_nocase(type, "message/sipfrag")) {
        m->frag_code = sipfrag_code(msg);
        m->refer_frag = m->frag_code != 0;
    }
}
