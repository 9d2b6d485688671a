/* response_copies.c
 * Tells a retransmitted final response from the first copy (see
 * response_copies.h): one file-scope map from a hash of what makes a copy
 * (the message's bytes, the addresses and ports) to the first frame that
 * carried it.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "response_copies.h"

/* The first copies: an open-addressing table of (key, first frame), linear
 * probing, at most half full. One file-scope table with no allocation per
 * response: a wmem map cost more than hashing the message itself. */
typedef struct {
    guint64 key;                        /* 0: an empty slot (a key of 0 is stored as 1) */
    guint32 frame;
} copy_slot_t;

static copy_slot_t *slots;
static gsize n_slots, n_used;           /* n_slots: a power of 2 */

#define COPIES_FIRST_SLOTS 1024

static void
copies_init(void)
{
    n_slots = COPIES_FIRST_SLOTS;
    n_used = 0;
    slots = g_new0(copy_slot_t, n_slots);
}

static void
copies_cleanup(void)
{
    g_free(slots);
    slots = NULL;
    n_slots = n_used = 0;
}

/* The slot of key: where it is, or the empty one where it goes. */
static copy_slot_t *
slot_of(copy_slot_t *table, gsize size, guint64 key)
{
    gsize i = (gsize)(key ^ (key >> 32)) & (size - 1);

    while (table[i].key && table[i].key != key)
        i = (i + 1) & (size - 1);
    return &table[i];
}

static void
grow(void)
{
    copy_slot_t *old = slots;
    gsize old_size = n_slots, i;

    n_slots *= 2;
    slots = g_new0(copy_slot_t, n_slots);
    for (i = 0; i < old_size; i++)
        if (old[i].key)
            *slot_of(slots, n_slots, old[i].key) = old[i];
    g_free(old);
}

void
sip_explain_copies_register(void)
{
    register_init_routine(copies_init);
    register_cleanup_routine(copies_cleanup);
}

/* An address and port, into the hash. */
static guint64
hash_endpoint(guint64 h, const address *a, guint32 port)
{
    sip_span_t data = { (const char *)a->data, a->data ? (size_t)a->len : 0 };
    char port_bytes[2] = { (char)(port >> 8), (char)port };
    sip_span_t port_span = { port_bytes, sizeof port_bytes };

    return sip_span_hash(sip_span_hash(h, data), port_span);
}

/* The key of the message's copies: the message itself (a retransmission is
 * the same message passed to the transport again, RFC 3261 sections 17.2.1
 * and 13.3.1.4: same transaction, code, To tag and every other byte), and
 * the addresses and ports it went between. The whole message is hashed,
 * eight bytes at a time (sip_span_hash()), for a few hundred instructions,
 * where reading its ids from the header lines would cost several times
 * that. */
static guint64
copy_key(packet_info *pinfo, const sip_explain_message_t *msg)
{
    sip_span_t bytes = { msg->text, msg->len };
    guint64 h = sip_span_hash(SIP_SPAN_HASH_START, bytes);

    h = hash_endpoint(h, &pinfo->src, pinfo->srcport);
    return hash_endpoint(h, &pinfo->dst, pinfo->destport);
}

guint32
sip_explain_response_copy_of(packet_info *pinfo, const sip_explain_message_t *msg)
{
    copy_slot_t *slot;
    guint64 key;

    if (!slots || msg->start.code < 200)
        return 0;
    key = copy_key(pinfo, msg);
    if (!key)
        key = 1;
    slot = slot_of(slots, n_slots, key);
    if (slot->key) {
        /* A frame dissected out of order (a GUI click before the pass):
         * the earliest copy is the first. */
        if (pinfo->num < slot->frame)
            slot->frame = pinfo->num;
        return slot->frame;
    }
    slot->key = key;
    slot->frame = pinfo->num;
    if (++n_used * 2 > n_slots)
        grow();
    return pinfo->num;
}
