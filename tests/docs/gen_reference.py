#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Writes docs/reference.md from what tshark reports of the plugin's registrations.

The reference lists the plugin's fields (tshark -G fields: filter name,
label, type, description), the meanings of its numeric fields (tshark
-G values) and its expert items, which Wireshark registers as fields too
(FT_NONE, no description, the label being the expert item's summary). The
outcome keywords are the last part of the outcome expert items' names.
Wireshark 4.0's tshark reports no expert item's group or severity (it has
no -G expert), so for the context's items and the outcomes they are read
from the rows that declare them (plugin/context/context_experts.def,
plugin/flows/flow_outcomes.def); an item tshark lists without a row, or a
row tshark does not list, stops the generator.

Usage:
  python3 tests/docs/gen_reference.py            # print the reference
  python3 tests/docs/gen_reference.py --write    # rewrite docs/reference.md
  python3 tests/docs/gen_reference.py --check    # exit 1 with a diff if docs/reference.md is stale (ctest docs.reference)

The plugin is $SIP_EXPLAIN_PLUGIN (set by ctest), else --plugin, else
build/plugin/sip_explain.so ($SIP_EXPLAIN_BUILD_DIR instead of build).
tshark runs as nobody when we are root (tests/lib/tshark_env.py).
"""
import argparse
import difflib
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE_DIR = os.path.dirname(os.path.dirname(HERE))
sys.path.append(os.path.join(HERE, os.pardir, "lib"))  # tests/lib when run by hand (ctest sets PYTHONPATH)
REFERENCE = os.path.join(SOURCE_DIR, "docs", "reference.md")
UPDATE_COMMAND = "python3 tests/docs/gen_reference.py --write"
PROTOCOL = "sip_explain"

# Expert items by the part of their name after "sip_explain.": heading, what the group holds.
EXPERT_GROUPS = (
    ("response.", "Per response code",
     "One per registered code and one per class (`4xx` ...) for unregistered codes; "
     "the severity is the code's (`Severity=` in `data/responses.ini`)."),
    ("context.", "Context findings",
     "Raised by the checks of a response against its request and its headers."),
    ("outcome.", "Call outcomes",
     "One per outcome keyword, on a flow's decisive response; the keyword is the last part "
     "of the name and the value of `sip_explain.outcome`."),
    ("", "Other", "About the status line itself."),
)


def ws_version():
    """Wireshark's major.minor, from tshark --version (the plugin folder's name)."""
    out = subprocess.run(["tshark", "--version"], capture_output=True, text=True, check=True).stdout
    words = out.split()
    version = words[words.index("(Wireshark)") + 1]
    return ".".join(version.split(".")[:2])


def glossaries(plugin):
    """tshark -G fields and -G values with the plugin loaded: (fields, values) as text."""
    os.environ.setdefault("SIP_EXPLAIN_WS_VERSION", ws_version())
    import tshark_env  # reads SIP_EXPLAIN_WS_VERSION when imported
    ws = tshark_env.Workspace(prefix="sip_explain_reference_", plugins=[plugin])
    try:
        return ws.tshark(["-G", "fields"]).stdout, ws.tshark(["-G", "values"]).stdout
    finally:
        ws.close()


def our_rows(fields_text):
    """The protocol row and the field rows whose parent is our protocol:
    (protocol name, [(abbrev, name, type, description)])."""
    proto_name, rows = None, []
    for line in fields_text.splitlines():
        cols = line.split("\t")
        if cols[0] == "P" and len(cols) >= 3 and cols[2] == PROTOCOL:
            proto_name = cols[1]
        elif cols[0] == "F" and len(cols) >= 5 and cols[4] == PROTOCOL:
            description = cols[7] if len(cols) > 7 else ""
            rows.append((cols[2], cols[1], cols[3], description))
    if proto_name is None or not rows:
        raise SystemExit("tshark -G fields lists no protocol %s: is the plugin loaded?" % PROTOCOL)
    return proto_name, rows


def our_values(values_text):
    """{field: [(value, meaning)]} of our fields' value strings (V rows of -G values)."""
    values = {}
    for line in values_text.splitlines():
        cols = line.split("\t")
        if cols[0] == "V" and len(cols) >= 4 and cols[1].startswith(PROTOCOL + "."):
            values.setdefault(cols[1], []).append((cols[2], cols[3]))
    return values


CONTEXT_EXPERTS_DEF = os.path.join(SOURCE_DIR, "plugin", "context", "context_experts.def")
OUTCOMES_DEF = os.path.join(SOURCE_DIR, "plugin", "flows", "flow_outcomes.def")


def words(token):
    """PROTOCOL -> Protocol, RESPONSE_CODE -> Response code."""
    return token.replace("_", " ").capitalize()


def declared_experts():
    """{expert item's filter name: "Group / Severity" or "Severity"} from the
    row lists (the comments that explain a row's form are skipped)."""
    def rows(path, pattern):
        with open(path, encoding="utf-8") as f:
            text = re.sub(r"/\*.*?\*/", "", f.read(), flags=re.S)
        return re.findall(pattern, text)
    out = {}
    for name, group, severity in rows(CONTEXT_EXPERTS_DEF, r"CONTEXT_EXPERT\(\s*(\w+),\s*(\w+),\s*(\w+),"):
        out["%s.context.%s" % (PROTOCOL, name)] = "%s / %s" % (words(group), words(severity))
    for keyword, severity in rows(OUTCOMES_DEF, r"\bOUTCOME\(\s*\w+,\s*\"([^\"]+)\",\s*(\w+),"):
        out["%s.outcome.%s" % (PROTOCOL, keyword)] = words(severity)
    return out


def is_expert_item(row):
    """Expert items are registered as fields with no type and no description."""
    _, _, ftype, description = row
    return ftype == "FT_NONE" and not description


def cell(text):
    return text.replace("|", "\\|")


def render(proto_name, rows, values, declared):
    fields = [r for r in rows if not is_expert_item(r)]
    experts = sorted(r for r in rows if is_expert_item(r))
    registered = {r[0] for r in experts if r[0].startswith((PROTOCOL + ".context.", PROTOCOL + ".outcome."))}
    if registered != set(declared):
        raise SystemExit("the rows of the .def files and tshark's expert items differ: only in tshark %s, "
                         "only in the rows %s" % (sorted(registered - set(declared)),
                                                  sorted(set(declared) - registered)))
    out = [
        "# Reference: fields, values and expert items",
        "",
        "<!-- Generated by tests/docs/gen_reference.py from tshark -G fields and -G values "
        "with the plugin loaded. Do not edit: run `%s`. -->" % UPDATE_COMMAND,
        "",
        "What tshark reports of the plugin's registrations (`tshark -G fields`, `tshark -G values`), "
        "written by `tests/docs/gen_reference.py`; the ctest test `docs.reference` fails when this "
        "page no longer matches the plugin. The group and severity of the context's expert items "
        "and the outcomes' severities come from the rows that declare them "
        "(`plugin/context/context_experts.def`, `plugin/flows/flow_outcomes.def`). What each field "
        "and expert item means in use is in [the user guide](user-guide.md).",
        "",
        "## Fields",
        "",
        "The protocol `%s` (*%s*) holds one subtree per SIP response." % (PROTOCOL, cell(proto_name)),
        "",
        "| Field | Label | Type | Description |",
        "|---|---|---|---|",
    ]
    for abbrev, name, ftype, description in fields:
        out.append("| `%s` | %s | %s | %s |" % (abbrev, cell(name), ftype, cell(description)))
    out += ["", "## Values of numeric fields", "", "| Field | Values |", "|---|---|"]
    for abbrev, _, _, _ in fields:
        if abbrev in values:
            out.append("| `%s` | %s |" % (abbrev, ", ".join("%s %s" % (v, cell(m)) for v, m in values[abbrev])))
    out += ["", "## Expert items", "",
            "Each is also a display filter (`%s.context.malformed`), and `tshark -z expert` and "
            "*Analyze > Expert Information* show its summary." % PROTOCOL]
    listed = set()
    for prefix, heading, what in EXPERT_GROUPS:
        group = [r for r in experts if r[0].startswith(PROTOCOL + "." + prefix) and r[0] not in listed]
        if not group:
            continue
        listed.update(r[0] for r in group)
        keyword = prefix == "outcome."
        judged = {"context.": "Group / Severity", "outcome.": "Severity"}.get(prefix)
        out += ["", "### " + heading, "", what, "",
                "| Expert item | %sSummary |%s" % ("Keyword | " if keyword else "", " %s |" % judged if judged else ""),
                "|---|%s---|%s" % ("---|" if keyword else "", "---|" if judged else "")]
        for abbrev, name, _, _ in group:
            extra = "`%s` | " % abbrev[len(PROTOCOL + ".outcome."):] if keyword else ""
            out.append("| `%s` | %s%s |%s" % (abbrev, extra, cell(name),
                                              " %s |" % declared[abbrev] if judged else ""))
    return "\n".join(out) + "\n"


def plugin_path(arg):
    if os.environ.get("SIP_EXPLAIN_PLUGIN"):
        return os.environ["SIP_EXPLAIN_PLUGIN"]
    if arg:
        return arg
    build = os.environ.get("SIP_EXPLAIN_BUILD_DIR", "build")
    return os.path.join(SOURCE_DIR, build, "plugin", "sip_explain.so")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--write", action="store_true", help="rewrite docs/reference.md")
    mode.add_argument("--check", action="store_true", help="fail with a diff if docs/reference.md is stale")
    parser.add_argument("--plugin", help="the built sip_explain.so (default: $SIP_EXPLAIN_PLUGIN, else build/plugin/)")
    args = parser.parse_args()
    plugin = plugin_path(args.plugin)
    if not os.path.exists(plugin):
        raise SystemExit("plugin not found: %s (build it, or name it with --plugin)" % plugin)
    fields_text, values_text = glossaries(plugin)
    proto_name, rows = our_rows(fields_text)
    text = render(proto_name, rows, our_values(values_text), declared_experts())
    if args.write:
        with open(REFERENCE, "w", encoding="utf-8") as f:
            f.write(text)
        print("wrote %s" % os.path.relpath(REFERENCE))
        return 0
    if args.check:
        try:
            with open(REFERENCE, encoding="utf-8") as f:
                current = f.read()
        except FileNotFoundError:
            current = ""
        if current == text:
            print("docs/reference.md matches the plugin")
            return 0
        sys.stdout.writelines(difflib.unified_diff(
            current.splitlines(True), text.splitlines(True),
            "docs/reference.md (in the tree)", "docs/reference.md (from tshark -G)"))
        print("\nFAIL: docs/reference.md is stale. Update it with:\n    %s" % UPDATE_COMMAND)
        return 1
    sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
