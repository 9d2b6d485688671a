/* text_lines.c
 * Breaks a long text into child lines of its item (see text_lines.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "text_lines.h"

#include <string.h>

#include <epan/packet.h>

#include "sip_explain_shown.h"
#include "text_cut.h"

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
        /* At a space where one keeps the line long enough, else between
         * two characters; bytes that are not UTF-8 are cut anyway. */
        size_t n = sip_explain_cut_len(p, SIP_EXPLAIN_TEXT_LINE_BYTES);

        if (n == 0)
            n = MIN(strlen(p), SIP_EXPLAIN_TEXT_LINE_BYTES);

        proto_tree_add_none_format(lines, hf_sip_explain_text_line, tvb, 0, 0, "%.*s", (int)n, p);
        p += n;
        while (*p == ' ')
            p++;
    }
}
