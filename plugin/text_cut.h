/* text_cut.h
 * Cuts our texts to a byte limit without breaking a UTF-8 character, at a
 * space where there is one, and marks the cut with an ellipsis. Wireshark
 * 4.0 cuts expert messages at ITEM_LABEL_LENGTH bytes wherever that falls,
 * which leaves half a Cyrillic or Vietnamese character that JSON and XML
 * readers refuse, and it cuts item labels mid-word.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SIP_EXPLAIN_TEXT_CUT_H
#define SIP_EXPLAIN_TEXT_CUT_H

#include <stddef.h>

#include <glib.h>
#include <wsutil/wmem/wmem.h>

/* "…" (U+2026) in UTF-8: what a cut text ends with. */
#define SIP_EXPLAIN_ELLIPSIS "\xE2\x80\xA6"
#define SIP_EXPLAIN_ELLIPSIS_BYTES 3

/* The length of the longest prefix of text that has at most max_bytes bytes
 * and ends at a character boundary. When text is longer than that, the
 * prefix ends before the last space in it (spaces before the cut dropped),
 * unless that would keep less than half of it: then it ends between two
 * characters. A text that is not valid UTF-8 is cut at max_bytes where no
 * boundary is near. text: NUL-terminated, never NULL. */
size_t sip_explain_cut_len(const char *text, size_t max_bytes);

/* text itself when it has at most max_bytes bytes; otherwise a copy in
 * scope cut by sip_explain_cut_len() so that it and its ellipsis fit in
 * max_bytes bytes (max_bytes below the ellipsis: the bare cut). */
const char *sip_explain_cut_text(wmem_allocator_t *scope, const char *text, size_t max_bytes);

/* A text formatted in scope and cut as by sip_explain_cut_text(). */
char *sip_explain_cut_printf(wmem_allocator_t *scope, size_t max_bytes, const char *fmt, ...)
    G_GNUC_PRINTF(3, 4);

#endif /* SIP_EXPLAIN_TEXT_CUT_H */
