"""The deliberate bugs tests/mutate/mutate.py applies, one at a time.

Each replaces one exact piece of text (it must occur once in the file) by
a wrong one that a user would notice: a fact of the data, a rule of a
parser, what the dissector shows, what the command prints. A mutation the
suite cannot tell from the original (it changes nothing a user can see)
carries equivalent="why"; it is reported and not counted.
"""
from collections import namedtuple

Mutation = namedtuple("Mutation", "area path old new what equivalent")


def M(area, path, old, new, what, equivalent=None):
    return Mutation(area, path, old, new, what, equivalent)


MUTATIONS = [
    # ---- data: facts users rely on -------------------------------------
    M("data", "data/responses.ini",
      "[404]\nReason=Not Found\nClass=Client Failure\nRFC=3261\nSeverity=Note",
      "[404]\nReason=Not Found\nClass=Client Failure\nRFC=3261\nSeverity=Warning",
      "404 judged Warning instead of Note"),
    M("data", "data/q850_causes.ini",
      "[21]\nReason=Call rejected\nSIP=403", "[21]\nReason=Call rejected\nSIP=404",
      "Q.850 cause 21 mapped to 404 instead of 403"),
    M("data", "data/responses.ini",
      "Requires=Allow\nRequiresRef=RFC 3261 section 21.4.6",
      "RequiresRef=RFC 3261 section 21.4.6",
      "405 no longer requires Allow"),
    M("data", "data/responses.ini",
      "[486]\nReason=Busy Here", "[486]\nReason=Busy",
      "486 reason phrase changed"),
    M("data", "data/warn_codes.ini", "[399]\nReason=Miscellaneous warning",
      "[399]\nReason=Miscellaneous", "warn-code 399 text changed"),
    # ---- parsers --------------------------------------------------------
    M("parse", "plugin/parse/sip_text.c",
      "    out->code_is_3digit = (pos - start) == 3;",
      "    out->code_is_3digit = (pos - start) >= 3;",
      "a four-digit status code counts as three digits"),
    M("parse", "plugin/parse/sip_text.c",
      "        return false;               /* \"SIP/2.0 48x\" is not a status line */",
      "        ;",
      "\"SIP/2.0 48x\" accepted as a status line"),
    M("parse", "plugin/parse/sip_text.c",
      "    if (pos == 0 || pos >= value.len || !sip_is_blank(value.p[pos]))\n        return false;",
      "    if (pos == 0 || pos >= value.len)\n        return false;",
      "CSeq without a blank between number and method accepted"),
    M("parse", "plugin/parse/sip_values.c",
      "    if (s.p[pos] == '-' && pos + 1 < s.len && sip_is_digit(s.p[pos + 1]))\n        return SIP_NUM_NEGATIVE;",
      "    if (s.p[pos] == '-' && pos + 1 < s.len && sip_is_digit(s.p[pos + 1]))\n        pos++;",
      "negative delta-seconds read as positive"),
    M("parse", "plugin/parse/sip_values.c",
      "            if (n > SIP_DELTA_MAX)\n                overflow = true;",
      "            if (n > SIP_DELTA_MAX * 2ull)\n                overflow = true;",
      "delta-seconds overflow limit doubled"),
    M("parse", "plugin/parse/sip_values.c",
      "    if (sip_param_find(rest, \"duration\", &dur)) {",
      "    if (sip_param_find(rest, \"durations\", &dur)) {",
      "Retry-After duration parameter ignored"),
    M("parse", "plugin/parse/sip_values.c",
      "    if (sip_param_find(item, \"text\", &v))\n        out->text = v;",
      "    (void)0;",
      "Reason text parameter ignored"),
    M("parse", "plugin/parse/sip_locate.c",
      "    end = (cl < 0 || (size_t)cl > len - pos - body) ? len - pos : body + (size_t)cl;",
      "    end = (cl < 0 || (size_t)cl > len - pos - body) ? len - pos : body;",
      "message bodies ignored when splitting a TCP segment into messages"),
    M("parse", "plugin/parse/sip_locate.c",
      "    if (it->one_message || !start_line_may_follow(buf, len, pos + start->headers_offset)) {",
      "    if (1) {",
      "only one message per TCP segment located without a tree"),
    # ---- command --------------------------------------------------------
    M("cli", "cli/explain.c", "    if (len != 3 || arg[0] == '0')\n        return 2;",
      "    if (len > 3)\n        return 2;",
      "sip-explain accepts 042 and 1-digit codes"),
    M("cli", "cli/render_json.c", "        case '\"': g_string_append(out, \"\\\\\\\"\"); break;",
      "        case '\"': g_string_append(out, \"\\\"\"); break;",
      "JSON output does not escape quotes"),
    M("cli", "cli/render_text.c", "        if (!line_empty && col + 1 + len > WIDTH) {",
      "        if (!line_empty && col + 1 + len > WIDTH + 20) {",
      "text output wrapped beyond 78 columns"),
]
