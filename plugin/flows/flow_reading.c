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

    if (!name_addr.p || !sip_param_find(name_addr, "tag", &tag) || tag.len == 0)
        return 0;
    h = sip_span_hash(SIP_SPAN_HASH_START, tag);
    return (guint32)(h ^ (h >> 32)) | 1u;   /* never 0: 0 means no tag */
}

/* Credentials that answer a challenge: a nonce or a response (an IMS first
 * REGISTER names its user with both empty). */
static gboolean
carries_credentials(sip_span_t value)
{
    sip_challenge_t c;

    sip_parse_challenge(value, &c);
    return c.nonce.len > 0 || c.response.len > 0 || c.has_auts;
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
                 | sip_header_letters("Warning", 0) | sip_header_letters("Proxy-Authenticate", 0);
    return letters;
}

void
flow_read_message(const sip_explain_message_t *msg, flow_message_t *m)
{
    const sip_start_line_t *st = &msg->start;
    gboolean final = st->is_response && st->code >= 200;
    gboolean is_register = !st->is_response && sip_span_equals(st->method, "REGISTER");
    sip_header_iter_t it;
    sip_span_t n, v;

    memset(m, 0, sizeof *m);
    sip_header_iter_init(&it, msg->text, st);
    sip_header_iter_filter(&it, letters_for(st, final, is_register));
    while (sip_header_next(&it, &n, &v)) {
        /* A provisional response tells only where it belongs. */
        if (st->is_response && !final && m->call_id.p && m->cseq.p && m->from.p)
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
            m->credentials = m->credentials || carries_credentials(v);
        } else if (SIP_HEADER_NAME_IS(n, "Contact", 'm')) {
            if (is_register || final)
                read_contact(m, v);
        } else if (is_register && SIP_HEADER_NAME_IS(n, "Expires", 0)) {
            guint32 e;
            if (sip_parse_delta(v, false, &e, NULL) == SIP_NUM_OK && e == 0)
                m->expires_zero = TRUE;
        } else if (final && (SIP_HEADER_NAME_IS(n, "WWW-Authenticate", 0)
                             || SIP_HEADER_NAME_IS(n, "Proxy-Authenticate", 0))) {
            sip_challenge_t c;
            sip_parse_challenge(v, &c);
            m->stale = m->stale || (c.has_stale && c.stale);
        } else if (final && SIP_HEADER_NAME_IS(n, "Reason", 0)) {
            read_reason(m, v);
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
        }
    }
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
