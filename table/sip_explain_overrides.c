/* sip_explain_overrides.c
 * The user's rows for response codes, looked up before the built-in table.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "sip_explain_overrides.h"

#include <glib.h>

struct sip_explain_overrides {
    GHashTable *entries;        /* code -> sip_explain_entry_t * */
    GPtrArray *allocations;     /* the entries and their strings */
};

static const char *
keep(sip_explain_overrides_t *user, char *s)
{
    g_ptr_array_add(user->allocations, s);
    return s;
}

/* The text without surrounding blanks, or NULL when nothing is left. */
static const char *
stripped_or_null(sip_explain_overrides_t *user, const char *s)
{
    char *copy;

    if (!s)
        return NULL;
    copy = g_strstrip(g_strdup(s));
    if (!*copy) {
        g_free(copy);
        return NULL;
    }
    return keep(user, copy);
}

static void
set_all_langs(const char *texts[SIP_EXPLAIN_LANG_COUNT], const char *text)
{
    int i;

    for (i = 0; i < SIP_EXPLAIN_LANG_COUNT; i++)
        texts[i] = text;
}

sip_explain_overrides_t *
sip_explain_overrides_new(void)
{
    sip_explain_overrides_t *user = g_new(sip_explain_overrides_t, 1);

    user->entries = g_hash_table_new(g_direct_hash, g_direct_equal);
    user->allocations = g_ptr_array_new_with_free_func(g_free);
    return user;
}

void
sip_explain_overrides_free(sip_explain_overrides_t *user)
{
    if (!user)
        return;
    g_hash_table_destroy(user->entries);
    g_ptr_array_free(user->allocations, TRUE);
    g_free(user);
}

bool
sip_explain_overrides_add(sip_explain_overrides_t *user, uint32_t code, const char *reason,
                          const char *description, const char *when, const char *fix)
{
    sip_explain_entry_t *e;
    const char *text;
    bool own_texts = false;

    if (g_hash_table_contains(user->entries, GUINT_TO_POINTER(code)))
        return false;
    e = g_new(sip_explain_entry_t, 1);
    keep(user, (char *)e);
    *e = *sip_explain_lookup(code);       /* built-in entry or its class */
    e->code = (uint16_t)code;
    e->reason = stripped_or_null(user, reason);
    if ((text = stripped_or_null(user, description)) != NULL) {
        own_texts = true;
        set_all_langs((const char **)e->description, text);
        set_all_langs((const char **)e->summary, keep(user, g_strndup(text, sip_explain_first_sentence_len(text))));
    }
    if ((text = stripped_or_null(user, when)) != NULL) {
        own_texts = true;
        set_all_langs((const char **)e->when, text);
    }
    if ((text = stripped_or_null(user, fix)) != NULL) {
        own_texts = true;
        set_all_langs((const char **)e->fix, text);
    }
    /* The user's texts are meant for every response with the code: the
     * built-in texts per request method would hide them. */
    if (own_texts) {
        e->method_texts = NULL;
        e->n_method_texts = 0;
    }
    g_hash_table_insert(user->entries, GUINT_TO_POINTER(code), e);
    return true;
}

const sip_explain_entry_t *
sip_explain_resolve(const sip_explain_overrides_t *user, uint32_t code)
{
    if (user) {
        const sip_explain_entry_t *e = g_hash_table_lookup(user->entries, GUINT_TO_POINTER(code));
        if (e)
            return e;
    }
    return sip_explain_lookup(code);
}
