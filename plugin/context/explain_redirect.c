/* explain_redirect.c
 * Routines for explaining where a response sends the client next: the
 * Contacts of a 3xx, in the order to try them. (What a 401 or 407 asks
 * for is in explain_challenge.c.)
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "context/context_internal.h"

#include "parse/sip_values.h"

/* Counting stops here: a Contact list of any length costs bounded work. */
#define MAX_CONTACTS_COUNTED (4 * MAX_REPEAT)

typedef struct {
    sip_contact_t c;
    sip_span_t item;
} contact_item_t;

/* The first MAX_REPEAT Contact items of the response, parsed; returns
 * how many there were in all (at most MAX_CONTACTS_COUNTED + 1). */
static unsigned
collect_contacts(const header_values_t *contact, contact_item_t *items, unsigned *n)
{
    unsigned i, total = 0;

    *n = 0;
    for (i = 0; i < contact->n; i++) {
        sip_list_iter_t it;
        sip_span_t item;

        sip_list_init(&it, contact->value[i]);
        while (sip_list_next(&it, &item)) {
            if (++total > MAX_CONTACTS_COUNTED)
                break;
            if (*n < MAX_REPEAT) {
                items[*n].item = item;
                sip_parse_contact(item, &items[*n].c);
                (*n)++;
            }
        }
    }
    return total;
}

/* The q-value for ordering, in thousandths: no (or a bad) q is q=1. */
static unsigned
q_for_order(const sip_contact_t *c)
{
    return c->has_q && c->q_ok ? c->q_milli : 1000u;
}

/* Stable sort by q, highest first (RFC 3261 section 8.1.3.4: try in
 * order of q-value); equal q keep the order of the message. */
static void
sort_by_q(contact_item_t *items, unsigned n)
{
    unsigned i, j;

    for (i = 1; i < n; i++) {
        contact_item_t tmp = items[i];
        unsigned q = q_for_order(&tmp.c);
        for (j = i; j > 0; j--) {
            if (q_for_order(&items[j - 1].c) >= q)
                break;
            items[j] = items[j - 1];
        }
        items[j] = tmp;
    }
}

/* One target: its finding, with the q and expiry it gives, or a note on
 * what is malformed in it. */
static void
explain_contact(response_ctx_t *rc, const contact_item_t *target, unsigned choice, unsigned total)
{
    wmem_allocator_t *pool = rc->pinfo->pool;
    const sip_contact_t *ct = &target->c;
    wmem_strbuf_t *extra;

    if (ct->star) {
        add_malformed(rc, target->item, "finding.ContactStar", NULL);
        return;
    }
    if (ct->has_q && !ct->q_ok)
        add_malformed(rc, target->item, "finding.ContactBadQ", "value", span_text(pool, ct->q_text), NULL);
    if (ct->has_expires && ct->expires_status != SIP_NUM_OK)
        add_malformed(rc, target->item, "finding.ContactBadExpires", "value", span_text(pool, target->item), NULL);
    if (!rc->show_findings)
        return;                         /* expert info alone: the notes above */
    extra = wmem_strbuf_new(pool, "");
    if (ct->has_q && ct->q_ok)
        wmem_strbuf_append_printf(extra, ", q=%s", span_text(pool, ct->q_text));
    if (ct->has_expires && ct->expires_status == SIP_NUM_OK)
        wmem_strbuf_append(extra, ctx_text(rc, "part.ValidFor", "time", seconds_text(rc, ct->expires), NULL));
    if (rc->code == 305)
        add_finding(rc, target->item, "finding.UseProxy", "uri", span_text(pool, ct->uri),
                    "extra", wmem_strbuf_get_str(extra), NULL);
    else
        add_finding(rc, target->item, "finding.RetryAt", "uri", span_text(pool, ct->uri), "choice", ctx_num(rc, choice),
                    "total", ctx_num(rc, total), "extra", wmem_strbuf_get_str(extra), NULL);
}

void
explain_redirect(response_ctx_t *rc)
{
    contact_item_t items[MAX_REPEAT];
    unsigned n, i, total;

    if (rc->code == 380) {
        add_finding(rc, empty_span(), "finding.AlternativeServices", NULL);
        return;
    }
    total = collect_contacts(&rc->headers.contact, items, &n);
    sort_by_q(items, n);
    for (i = 0; i < n; i++)
        explain_contact(rc, &items[i], i + 1, total);
    if (total > n)
        add_finding(rc, empty_span(), "finding.MoreContacts", "more", ctx_num(rc, total - n), NULL);
    note_repeated_header(rc, &rc->headers.contact, "Contact");
}
