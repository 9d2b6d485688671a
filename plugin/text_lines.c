/* text_lines.c
 * Breaks a long text into child lines of its item (see text_lines.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "text_lines.h"

#include <string.h>

#include <epan/packet.h>

#include "sip_explain_shown.h"

static int hf_sip_explain_text_line = -1;
static gint ett_sip_explain_text_lines = -1;

void
sip_explain_text_lines_register(int proto)
{
    static hf_register_info hf[] = {
        { &hf_sip_explain_text_line, { "Text", "sip_explain.text_line", FT_NONE, BASE_NONE, NULL, 0x0,
            "One line of a long text, as shown in the details pane", HFILL } },
    };
    static gint *ett[] = { &ett_sip_explain_text_lines };

    proto_register_field_array(proto, hf, array_length(hf));
    proto_register_subtree_array(ett, array_length(ett));
}

/* Bytes of the next line of p: at most SIP_EXPLAIN_TEXT_LINE_BYTES, ended
 * before a space where there is one, else between two characters. */
static size_t
line_length(const char *p)
{
    size_t n = strlen(p);

    if (n <= SIP_EXPLAIN_TEXT_LINE_BYTES)
        return n;
    n = SIP_EXPLAIN_TEXT_LINE_BYTES;
    while (n > 0 && p[n] != ' ')
        n--;
    if (n == 0) {                       /* one long word: cut between characters */
        n = SIP_EXPLAIN_TEXT_LINE_BYTES;
        while (n > 0 && ((unsigned char)p[n] & 0xC0) == 0x80)
            n--;
        if (n == 0)                     /* not UTF-8 at all: cut anywhere */
            n = SIP_EXPLAIN_TEXT_LINE_BYTES;
    }
    return n;
}

void
sip_explain_text_lines(proto_tree *tree, proto_item *pi, tvbuff_t *tvb, const char *text, size_t longest)
{
    proto_tree *lines;
    const char *p = text;

    if (!pi || !sip_explain_tree_printed(tree) || strlen(text) <= longest)
        return;
    /* The label names the field; the lines below carry the text. */
    proto_item_set_text(pi, "%s:", PITEM_FINFO(pi)->hfinfo->name);
    lines = proto_item_add_subtree(pi, ett_sip_explain_text_lines);
    while (*p) {
        size_t n = line_length(p);

        proto_tree_add_none_format(lines, hf_sip_explain_text_line, tvb, 0, 0, "%.*s", (int)n, p);
        p += n;
        while (*p == ' ')
            p++;
    }
}
