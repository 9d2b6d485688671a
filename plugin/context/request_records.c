/* request_records.c
 * What each request of the capture asked for (see request_records.h).
 *
 * One file-scope map from the transaction key (Call-ID, CSeq number and
 * method, hashed to 64 bits and used as the map's key itself, so no key is
 * allocated) to a chain of records: usually one, more where a proxy forked
 * the request under other Via branches. A record holds numbers and
 * pointers; the texts few requests carry hang off it only when present, and
 * every text is interned, so the values that repeat from request to request
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

/* Longest CSeq method kept, in bytes. */
#define METHOD_MAX 64

enum {
    HAS_EXPIRES = 1 << 0,
    HAS_CONTACT_EXPIRES = 1 << 1,
    HAS_SESSION_EXPIRES = 1 << 2,
    HAS_MIN_SE = 1 << 3,
    HAS_AUTHORIZATION = 1 << 4,
    HAS_PROXY_AUTHORIZATION = 1 << 5,
};

/* What only some requests carry: allocated when a request has any of it. */
typedef struct {
    const char *uri, *event, *require, *proxy_require, *supported;
    const char *content_type, *content_encoding, *suppress_if_match, *reason;
    const char *auth_user, *auth_realm, *pauth_user, *pauth_realm;
    guint32 expires, contact_expires, session_expires, min_se;
} record_extra_t;

typedef struct record {
    struct record *next;                /* same key, another branch */
    guint64 branch;
    const char *method, *cseq_method;   /* interned */
    const record_extra_t *extra;        /* NULL: nothing of it */
    guint32 frame;
    gint offset;
    guint32 cseq;
    guint8 flags;
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
    char *kept;

    if (!text)
        return NULL;
    kept = (char *)wmem_map_lookup(texts, text);
    if (!kept) {
        kept = wmem_strdup(wmem_file_scope(), text);
        wmem_map_insert(texts, kept, kept);
    }
    return kept;
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

gboolean
request_records_any(const request_id_t *id)
{
    return records && wmem_map_lookup(records, key_of(id)) != NULL;
}

/* The texts of a request, where they are in the view and in the record. */
#define TEXT_FIELD(f) { offsetof(ctx_request_t, f), offsetof(record_extra_t, f) }
static const struct {
    size_t in_view, in_record;
} text_fields[] = {
    TEXT_FIELD(uri), TEXT_FIELD(event), TEXT_FIELD(require), TEXT_FIELD(proxy_require),
    TEXT_FIELD(supported), TEXT_FIELD(content_type), TEXT_FIELD(content_encoding),
    TEXT_FIELD(suppress_if_match), TEXT_FIELD(reason), TEXT_FIELD(auth_user),
    TEXT_FIELD(auth_realm), TEXT_FIELD(pauth_user), TEXT_FIELD(pauth_realm),
};

static const char **
text_at(const void *base, size_t offset)
{
    return (const char **)(void *)((char *)(gsize)base + offset);
}

static gboolean
has_extra(const ctx_request_t *q)
{
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(text_fields); i++)
        if (*text_at(q, text_fields[i].in_view))
            return TRUE;
    return q->has_expires || q->has_contact_expires || q->has_session_expires || q->has_min_se;
}

static const record_extra_t *
keep_extra(const ctx_request_t *q)
{
    record_extra_t *x;
    size_t i;

    if (!has_extra(q))
        return NULL;
    x = wmem_new(wmem_file_scope(), record_extra_t);
    for (i = 0; i < G_N_ELEMENTS(text_fields); i++)
        *text_at(x, text_fields[i].in_record) = intern(*text_at(q, text_fields[i].in_view));
    x->expires = q->expires;
    x->contact_expires = q->contact_expires;
    x->session_expires = q->session_expires;
    x->min_se = q->min_se;
    return x;
}

void
request_records_add(const request_id_t *id, const ctx_request_t *q)
{
    record_t *r;
    char method[METHOD_MAX + 1];
    size_t n = MIN(id->cseq_method.len, (size_t)METHOD_MAX);

    if (!records)
        return;
    memcpy(method, id->cseq_method.p, n);
    method[n] = '\0';
    r = wmem_new(wmem_file_scope(), record_t);
    r->branch = id->branch;
    r->method = intern(q->method);
    r->cseq_method = intern(method);
    r->extra = keep_extra(q);
    r->frame = id->frame;
    r->offset = id->offset;
    r->cseq = id->cseq;
    r->flags = (guint8)((q->has_expires ? HAS_EXPIRES : 0) | (q->has_contact_expires ? HAS_CONTACT_EXPIRES : 0)
                        | (q->has_session_expires ? HAS_SESSION_EXPIRES : 0) | (q->has_min_se ? HAS_MIN_SE : 0)
                        | (q->has_authorization ? HAS_AUTHORIZATION : 0)
                        | (q->has_proxy_authorization ? HAS_PROXY_AUTHORIZATION : 0));
    r->next = (record_t *)wmem_map_lookup(records, key_of(id));
    wmem_map_insert(records, key_of(id), r);
}

static ctx_request_t *
view_of(wmem_allocator_t *scope, const record_t *r)
{
    ctx_request_t *q = wmem_new0(scope, ctx_request_t);
    const record_extra_t *x = r->extra;
    size_t i;

    q->frame = r->frame;
    q->method = r->method;
    q->has_expires = (r->flags & HAS_EXPIRES) != 0;
    q->has_contact_expires = (r->flags & HAS_CONTACT_EXPIRES) != 0;
    q->has_session_expires = (r->flags & HAS_SESSION_EXPIRES) != 0;
    q->has_min_se = (r->flags & HAS_MIN_SE) != 0;
    q->has_authorization = (r->flags & HAS_AUTHORIZATION) != 0;
    q->has_proxy_authorization = (r->flags & HAS_PROXY_AUTHORIZATION) != 0;
    if (!x)
        return q;
    for (i = 0; i < G_N_ELEMENTS(text_fields); i++)
        *text_at(q, text_fields[i].in_view) = *text_at(x, text_fields[i].in_record);
    q->expires = x->expires;
    q->contact_expires = x->contact_expires;
    q->session_expires = x->session_expires;
    q->min_se = x->min_se;
    return q;
}

const ctx_request_t *
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
