/* text_lines.h
 * Long texts shown whole where a tree is printed: Wireshark cuts item
 * labels at 240 bytes, so the item of a long text gets child lines that
 * hold all of it, broken at spaces and never inside a UTF-8 character.
 * Used by the Explanation's texts and by the context's findings.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SIP_EXPLAIN_TEXT_LINES_H
#define SIP_EXPLAIN_TEXT_LINES_H

#include <stddef.h>

#include <epan/proto.h>

/* Longest child line, in bytes. */
#define SIP_EXPLAIN_TEXT_LINE_BYTES 150

/* Registers the line field (sip_explain.text_line) and its subtree. */
void sip_explain_text_lines_register(int proto);

/* Adds text as a string item of field hf (bytes start, len of tvb) to
 * tree. When it is longer than longest bytes and the tree is printed
 * whole, the item's label is its field's name and a colon, made with the
 * item, and text goes on child lines under it. The field's value is always
 * the whole text. */
proto_item *sip_explain_add_text(proto_tree *tree, int hf, tvbuff_t *tvb, int start, int len, const char *text,
                                 size_t longest);

#endif /* SIP_EXPLAIN_TEXT_LINES_H */
