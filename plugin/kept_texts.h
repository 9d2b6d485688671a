/* kept_texts.h
 * Texts kept for the capture file, each distinct one once: a map of
 * strings (g_str_hash, g_str_equal) in wmem_file_scope() whose keys are
 * the kept copies. The request records (context/request_records.c) and the
 * flows (flows/flow_records.c) keep methods, From and To URIs this way.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SIP_EXPLAIN_KEPT_TEXTS_H
#define SIP_EXPLAIN_KEPT_TEXTS_H

#include <epan/wmem_scopes.h>

/* The kept copy of text: the one in texts, else a new one put there. */
static inline const char *
sip_explain_keep_once(wmem_map_t *texts, const char *text)
{
    char *kept = (char *)wmem_map_lookup(texts, text);

    if (!kept) {
        kept = wmem_strdup(wmem_file_scope(), text);
        wmem_map_insert(texts, kept, kept);
    }
    return kept;
}

#endif /* SIP_EXPLAIN_KEPT_TEXTS_H */
