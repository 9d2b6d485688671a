/* request_records.c
 * Routines for keeping what each request of the capture asked for, in
 * file scope (see request_records.h).
 *
 * One file-scope map from the transaction key (Call-ID, CSeq number and
 * method, hashed to 64 bits and used as the map's key itself, so no key is
 * allocated) to a chain of records: usually one, more where a proxy forked
 * the request under other Via branches. A record holds numbers and
 * pointers, and after them only the texts and numbers the request carried
 * (most carry two or three of the fifteen texts and six numbers); every
 * text is interned, so the values that repeat from request to request
 * (methods, Supported, Event, Content-Type, URIs) are kept once. Memory
 * grows with the number of transactions, not with retransmissions or
 * re-dissection, and everything is freed with the file.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "context/request_records.h"

#include <stddef.h>
#include <string.h>

#include <wsutil/wmem/wmem.h>

#include "kept_texts.h"

/* Longest CSeq method kept, in bytes. */
#define METHOD_MAX 64

enum {
    HAS_EXPIRES = 1 << 0,
    HAS_CONTACT_EXPIRES = 1 << 1,
    HAS_SESSION_EXPIRES = 1 << 2,
    HAS_MIN_SE = 1 << 3,
    HAS_AUTHORIZATION = 1 << 4,
    HAS_PROXY_AUTHORIZATION = 1 << 5,
    HAS_AUTH_NONCE = 1 << 6,
    HAS_PAUTH_NONCE = 1 << 7,
    CREDENTIALS_RESYNC = 1 << 8,
    EMPTY_AUTHORIZATION = 1 << 9,
    EMPTY_PROXY_AUTHORIZATION = 1 << 10,
};

typedef struct record {
    struct record *next;                /* same key, another branch */
    guint64 branch;
    const char *method, *cseq_method;   /* interned */
    guint32 frame;
    gint offset;
    guint32 cseq;
    guint16 texts;                      /* bit i: text_fields[i] is kept */
    guint16 flags;
    /* Only what the request carried, packed: the interned texts the mask
     * names (text_fields order), then the numbers the flags name
     * (number_fields order). A request without any keeps nothing here. */
    gpointer kept[];
} record_t;

static wmem_map_t *records;             /* key -> record chain */
static wmem_map_t *texts;               /* each distinct text, once */

void
request_records_init(void)
{
    records = wmem_map_new(wmem_file_scope(), g_direct_hash, g_direct_equal);
    texts = wmem_map_new(wmem_file_scope(), g_str_hash, g_str_equal);
}

void
request_records_cleanup(void)
{
    /* Both maps live in file scope and are freed with it. */
    records = NULL;
    texts = NULL;
}

static gpointer
key_of(const request_id_t *id)
{
    /* On 32-bit systems the key is cut to 32 bits: a record found is still
     * checked against the CSeq number and method. */
    return GSIZE_TO_POINTER((gsize)id->key);
}

static const char *
intern(const char *text)
{
    return text ? sip_explain_keep_once(texts, text) : NULL;
}

static gboolean
same_transaction(const record_t *r, const request_id_t *id)
{
    return r->cseq == id->cseq && r->cseq_method && sip_span_equals(id->cseq_method, r->cseq_method);
}

gboolean
request_records_known(const request_id_t *id)
{
    record_t *r;

    if (!records)
        return TRUE;                    /* no file: nothing to record into */
    for (r = (record_t *)wmem_map_lookup(records, key_of(id)); r; r = r->next) {
        if (r->frame == id->frame && r->offset == id->offset)
            return TRUE;                /* recorded on an earlier pass */
        if (r->branch == id->branch && same_transaction(r, id)) {
            if (id->frame < r->frame) { /* the first copy is the one linked to */
                r->frame = id->frame;
                r->offset = id->offset;
            }
            return TRUE;
        }
    }
    return FALSE;
}

guint
request_records_under_key(const request_id_t *id)
{
    const record_t *r = records ? (const record_t *)wmem_map_lookup(records, key_of(id)) : NULL;

    return !r ? 0 : r->next ? 2 : 1;
}

/* The texts a request may carry, where they are in the view. */
static const size_t text_fields[] = {
    offsetof(recorded_request_t, uri), offsetof(recorded_request_t, event), offsetof(recorded_request_t, require),
    offsetof(recorded_request_t, proxy_require), offsetof(recorded_request_t, supported),
    offsetof(recorded_request_t, content_type), offsetof(recorded_request_t, content_encoding),
    offsetof(recorded_request_t, suppress_if_match), offsetof(recorded_request_t, reason),
    offsetof(recorded_request_t, auth_user), offsetof(recorded_request_t, auth_realm),
    offsetof(recorded_request_t, pauth_user), offsetof(recorded_request_t, pauth_realm),
    offsetof(recorded_request_t, asterisk_cause), offsetof(recorded_request_t, asterisk_cause_code),
};

/* Bit i of record_t.texts keeps text_fields[i]. */
G_STATIC_ASSERT(G_N_ELEMENTS(text_fields) <= 16);

/* The numbers, each with the flag that says it is there. */
static const struct {
    guint16 flag;
    size_t in_view;
} number_fields[] = {
    { HAS_EXPIRES, offsetof(recorded_request_t, expires) },
    { HAS_CONTACT_EXPIRES, offsetof(recorded_request_t, contact_expires) },
    { HAS_SESSION_EXPIRES, offsetof(recorded_request_t, session_expires) },
    { HAS_MIN_SE, offsetof(recorded_request_t, min_se) },
    { HAS_AUTH_NONCE, offsetof(recorded_request_t, auth_nonce) },
    { HAS_PAUTH_NONCE, offsetof(recorded_request_t, pauth_nonce) },
};

static const char **
text_at(const recorded_request_t *q, size_t offset)
{
    return (const char **)(void *)((char *)(gsize)q + offset);
}

static guint32 *
number_at(const recorded_request_t *q, size_t offset)
{
    return (guint32 *)(void *)((char *)(gsize)q + offset);
}

static guint16
flags_of(const recorded_request_t *q)
{
    return (guint16)((q->has_expires ? HAS_EXPIRES : 0) | (q->has_contact_expires ? HAS_CONTACT_EXPIRES : 0)
                     | (q->has_session_expires ? HAS_SESSION_EXPIRES : 0) | (q->has_min_se ? HAS_MIN_SE : 0)
                     | (q->has_authorization ? HAS_AUTHORIZATION : 0)
                     | (q->has_proxy_authorization ? HAS_PROXY_AUTHORIZATION : 0)
                     | (q->has_auth_nonce ? HAS_AUTH_NONCE : 0) | (q->has_pauth_nonce ? HAS_PAUTH_NONCE : 0)
                     | (q->credentials_resync ? CREDENTIALS_RESYNC : 0)
                     | (q->empty_authorization ? EMPTY_AUTHORIZATION : 0)
                     | (q->empty_proxy_authorization ? EMPTY_PROXY_AUTHORIZATION : 0));
}

void
request_records_add(const request_id_t *id, const recorded_request_t *q)
{
    record_t *r;
    char method[METHOD_MAX + 1];
    size_t n = MIN(id->cseq_method.len, (size_t)METHOD_MAX);
    guint16 texts = 0;
    guint16 flags = flags_of(q);
    size_t i, n_kept = 0;

    if (!records)
        return;
    memcpy(method, id->cseq_method.p, n);
    method[n] = '\0';
    for (i = 0; i < G_N_ELEMENTS(text_fields); i++)
        if (*text_at(q, text_fields[i])) {
            texts |= (guint16)(1u << i);
            n_kept++;
        }
    for (i = 0; i < G_N_ELEMENTS(number_fields); i++)
        if (flags & number_fields[i].flag)
            n_kept++;
    r = (record_t *)wmem_alloc(wmem_file_scope(), sizeof *r + n_kept * sizeof r->kept[0]);
    r->branch = id->branch;
    r->method = intern(q->method);
    r->cseq_method = intern(method);
    r->frame = id->frame;
    r->offset = id->offset;
    r->cseq = id->cseq;
    r->texts = texts;
    r->flags = flags;
    n_kept = 0;
    for (i = 0; i < G_N_ELEMENTS(text_fields); i++)
        if (texts & (1u << i))
            r->kept[n_kept++] = (gpointer)intern(*text_at(q, text_fields[i]));
    for (i = 0; i < G_N_ELEMENTS(number_fields); i++)
        if (flags & number_fields[i].flag)
            r->kept[n_kept++] = GUINT_TO_POINTER(*number_at(q, number_fields[i].in_view));
    r->next = (record_t *)wmem_map_lookup(records, key_of(id));
    wmem_map_insert(records, key_of(id), r);
}

static recorded_request_t *
view_of(wmem_allocator_t *scope, const record_t *r)
{
    recorded_request_t *q = wmem_new0(scope, recorded_request_t);
    size_t i, k = 0;

    q->frame = r->frame;
    q->method = r->method;
    q->has_expires = (r->flags & HAS_EXPIRES) != 0;
    q->has_contact_expires = (r->flags & HAS_CONTACT_EXPIRES) != 0;
    q->has_session_expires = (r->flags & HAS_SESSION_EXPIRES) != 0;
    q->has_min_se = (r->flags & HAS_MIN_SE) != 0;
    q->has_authorization = (r->flags & HAS_AUTHORIZATION) != 0;
    q->has_proxy_authorization = (r->flags & HAS_PROXY_AUTHORIZATION) != 0;
    q->has_auth_nonce = (r->flags & HAS_AUTH_NONCE) != 0;
    q->has_pauth_nonce = (r->flags & HAS_PAUTH_NONCE) != 0;
    q->credentials_resync = (r->flags & CREDENTIALS_RESYNC) != 0;
    q->empty_authorization = (r->flags & EMPTY_AUTHORIZATION) != 0;
    q->empty_proxy_authorization = (r->flags & EMPTY_PROXY_AUTHORIZATION) != 0;
    for (i = 0; i < G_N_ELEMENTS(text_fields); i++)
        if (r->texts & (1u << i))
            *text_at(q, text_fields[i]) = (const char *)r->kept[k++];
    for (i = 0; i < G_N_ELEMENTS(number_fields); i++)
        if (r->flags & number_fields[i].flag)
            *number_at(q, number_fields[i].in_view) = GPOINTER_TO_UINT(r->kept[k++]);
    return q;
}

const recorded_request_t *
request_records_find(wmem_allocator_t *scope, const request_id_t *id)
{
    const record_t *r, *best = NULL;

    if (!records)
        return NULL;
    for (r = (const record_t *)wmem_map_lookup(records, key_of(id)); r; r = r->next) {
        if (r->frame > id->frame || !same_transaction(r, id))
            continue;
        if (id->branch && r->branch == id->branch) {
            best = r;
            break;
        }
        if (!best || r->frame < best->frame)
            best = r;
    }
    return best ? view_of(scope, best) : NULL;
}
