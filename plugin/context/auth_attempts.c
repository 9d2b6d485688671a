/* auth_attempts.c
 * Routines for keeping, per user, which responses refused credentials and
 * which accepted them, in file scope: a run of refusals on fresh nonces
 * says the credentials are wrong where no single response does.
 *
 * One file-scope map from a 64-bit key (Call-ID, user, realm, header) to
 * that user's outcomes, newest first (dissection in frame order adds at
 * the head). Only responses to requests carrying credentials are noted,
 * once each: re-dissection adds nothing. Freed with the file.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "context/context_internal.h"

#include <string.h>

/* Counting stops here: a long run costs bounded work. */
#define MAX_RUN 64

typedef struct outcome {
    struct outcome *older;
    guint32 frame;
    gint offset;
    guint8 outcome;                     /* auth_outcome_t */
} outcome_t;

static wmem_map_t *attempts;            /* key -> outcome_t list, newest first */

void
auth_attempts_init(void)
{
    attempts = wmem_map_new(wmem_file_scope(), g_direct_hash, g_direct_equal);
}

void
auth_attempts_cleanup(void)
{
    attempts = NULL;                    /* freed with the file scope */
}

static sip_span_t
text_span(const char *text)
{
    sip_span_t s = { text, text ? strlen(text) : 0 };
    return s;
}

guint64
auth_attempts_key(sip_span_t call_id, const char *user, const char *realm, gboolean proxy)
{
    static const sip_span_t www = { "W", 1 }, prx = { "P", 1 };
    guint64 h = sip_span_hash(SIP_SPAN_HASH_START, call_id);

    h = sip_span_hash(h, text_span(user));
    h = sip_span_hash(h, text_span(realm));
    return sip_span_hash(h, proxy ? prx : www);
}

static gboolean
before(guint32 frame_a, gint offset_a, guint32 frame_b, gint offset_b)
{
    return frame_a < frame_b || (frame_a == frame_b && offset_a < offset_b);
}

void
auth_attempts_note(guint64 key, guint32 frame, gint offset, auth_outcome_t outcome)
{
    gpointer k = GSIZE_TO_POINTER((gsize)key);
    outcome_t *head, *o, **link;

    if (!attempts)
        return;
    head = (outcome_t *)wmem_map_lookup(attempts, k);
    link = &head;
    /* Newest first: find where this one goes (usually the head). */
    for (o = head; o && before(frame, offset, o->frame, o->offset); o = o->older)
        link = &o->older;
    if (o && o->frame == frame && o->offset == offset)
        return;                         /* noted on an earlier pass */
    o = wmem_new(wmem_file_scope(), outcome_t);
    o->frame = frame;
    o->offset = offset;
    o->outcome = (guint8)outcome;
    o->older = *link;
    *link = o;
    wmem_map_insert(attempts, k, head);
}

unsigned
auth_attempts_refused_in_row(guint64 key, guint32 frame, gint offset)
{
    const outcome_t *o;
    unsigned n = 0;

    if (!attempts)
        return 0;
    o = (const outcome_t *)wmem_map_lookup(attempts, GSIZE_TO_POINTER((gsize)key));
    while (o && before(frame, offset, o->frame, o->offset))
        o = o->older;                   /* later than this response */
    for (; o && o->outcome == AUTH_REFUSED && n < MAX_RUN; o = o->older)
        n++;
    return n;
}
