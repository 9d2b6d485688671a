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

proto_item *
sip_explain_add_text(proto_tree *tree, int hf, tvbuff_t *tvb, int start, int len, const char *text, size_t longest)
{
    proto_item *pi;
    proto_tree *lines;
    const char *p = text;

    if (!sip_explain_tree_printed(tree) || strlen(text) <= longest)
        return proto_tree_add_string(tree, hf, tvb, start, len, text);
    /* The label names the field; the lines below carry the text. */
    pi = proto_tree_add_string_format(tree, hf, tvb, start, len, text, "%s:", proto_registrar_get_name(hf));
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
    return pi;
}
