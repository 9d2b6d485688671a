"""Every template id the dissector's code names exists in the data, every
template of data/findings.ini and data/outcomes.ini is used, every list
of rows that names templates is checked by the build, and each expert info
of the context is raised the way its row of context_experts.def says.

An id the data lacks would show the id itself ("finding.RetryAt") instead
of a sentence; a template nothing names is dead text that translators keep
up for nothing.

Two kinds of names:
- string literals "group.Key" of the label groups in plugin/**/*.c: checked
  here against data/findings.ini, data/outcomes.ini and data/labels.ini;
- the template ids the lists of rows name (plugin/**/*.def, e.g.
  flows/flow_outcomes.def: the string literal that ends a row). The table
  compiler checks those when it builds (--require-templates, given every
  list of SIP_EXPLAIN_TEMPLATE_LISTS in table/CMakeLists.txt); here they
  only count as used, and each list must be one the build checks.
An expert info of plugin/context/context_experts.def with a template of its
own is raised with add_expert(), which fills that one; one whose row says
NULL, with add_expert_as() and the template the call names.
Usage: python3 tests/tablegen/check_template_ids.py SOURCE_DIR
"""
import configparser
import os
import re
import sys

GROUPS = ("finding", "expert", "part", "stats", "summary", "outcome", "step", "flow")
ID = re.compile(r'"((?:%s|class)\.[A-Za-z0-9_-]+)"' % "|".join(GROUPS))
COMMENT = re.compile(r"/\*.*?\*/|//[^\n]*", re.S)
# A string literal (adjacent ones joined, as in C) that ends a row.
ROW_END = re.compile(r'((?:"[^"\\\n]*"\s*)+)\)')


def ids_in(path):
    cp = configparser.RawConfigParser(strict=False, interpolation=None, delimiters=("=",))
    cp.optionxform = str
    with open(path, encoding="utf-8") as f:
        cp.read_file(f)
    return {"%s.%s" % (g, k) for g in cp.sections() for k in cp[g] if "[" not in k}


def ids_in_code(path, source, used):
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            for m in ID.finditer(line):
                used.setdefault(m.group(1), "%s:%d" % (os.path.relpath(path, source), n))


def ids_in_list(path):
    """The template ids a list of rows names, as the table compiler reads them."""
    with open(path, encoding="utf-8") as f:
        text = COMMENT.sub(" ", f.read())
    return {"".join(re.findall(r'"([^"]*)"', m.group(1))) for m in ROW_END.finditer(text)}


def context_expert_templates(path):
    """name -> template id (None for NULL) of the rows of context_experts.def."""
    with open(path, encoding="utf-8") as f:
        text = COMMENT.sub(" ", f.read())
    rows = {}
    for m in re.finditer(r'CONTEXT_EXPERT\(((?:[^"()]|"[^"]*")*)\)', text):
        fields = re.findall(r'\s*((?:"[^"]*"\s*)+|[^,]+?)\s*(?:,|$)', m.group(1))
        rows[fields[0]] = None if fields[-1] == "NULL" else fields[-1].strip('"')
    return rows


def context_expert_calls(source):
    """Each call that raises a context expert info that its row does not allow."""
    rows = context_expert_templates(os.path.join(source, "plugin", "context", "context_experts.def"))
    call = re.compile(r"\badd_expert(_as)?\(\s*[^,()]+,\s*[^,()]+,\s*&ei_sip_explain_context_(\w+)")
    problems, calls = [], 0
    context = os.path.join(source, "plugin", "context")
    for name in sorted(os.listdir(context)):
        if not name.endswith(".c"):
            continue
        with open(os.path.join(context, name), encoding="utf-8") as f:
            text = f.read()
        for m in call.finditer(text):
            calls += 1
            where = "plugin/context/%s:%d" % (name, text.count("\n", 0, m.start()) + 1)
            item, named = m.group(2), m.group(1) is not None
            if item not in rows:
                problems.append("%s: ei_sip_explain_context_%s has no row in context_experts.def" % (where, item))
            elif named and rows[item]:
                problems.append("%s: %s has its template %s (context_experts.def): raise it with add_expert()"
                                % (where, item, rows[item]))
            elif not named and not rows[item]:
                problems.append("%s: %s has no template of its own (NULL in context_experts.def): raise it "
                                "with add_expert_as() and the template" % (where, item))
    if len(rows) < 10 or calls < 10:
        problems.append("too few context expert infos or calls found: the patterns no longer match the code")
    return problems


def main(source):
    findings = ids_in(os.path.join(source, "data", "findings.ini"))
    findings |= ids_in(os.path.join(source, "data", "outcomes.ini"))
    labels = ids_in(os.path.join(source, "data", "labels.ini"))
    with open(os.path.join(source, "table", "CMakeLists.txt"), encoding="utf-8") as f:
        built = f.read()
    used, listed, problems = {}, set(), []
    for root, _, files in os.walk(os.path.join(source, "plugin")):
        for name in sorted(files):
            path = os.path.join(root, name)
            rel = os.path.relpath(path, source)
            if name.endswith(".c"):
                ids_in_code(path, source, used)
            elif name.endswith(".def"):
                ids = ids_in_list(path)
                listed |= ids
                if ids and rel not in built:
                    problems.append("%s names templates, but table/CMakeLists.txt does not give it to the "
                                    "table compiler (SIP_EXPLAIN_TEMPLATE_LISTS)" % rel)
    problems += context_expert_calls(source)
    problems += ["%s: %s is in none of data/findings.ini, data/outcomes.ini, data/labels.ini" % (where, i)
                 for i, where in sorted(used.items()) if i not in findings | labels]
    problems += ["data/findings.ini or outcomes.ini: %s is not used by plugin/" % i
                 for i in sorted(findings - set(used) - listed)]
    for p in problems:
        print(p)
    print("%d template ids named in plugin/**/*.c, %d by its lists of rows (*.def); "
          "%d in data/findings.ini and data/outcomes.ini" % (len(used), len(listed), len(findings)))
    if len(used) < 100 or len(listed) < 20:
        problems.append("too few ids found: the patterns no longer match the code")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
