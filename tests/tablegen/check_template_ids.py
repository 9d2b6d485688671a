"""Every template id the dissector names exists in the data, and every
template of data/findings.ini and data/outcomes.ini is used.

An id the data lacks would show the id itself ("finding.RetryAt") instead
of a sentence; a template no code names is dead text that translators keep
up for nothing. Reads plugin/**/*.c for string literals "group.Key" of the
label groups, and data/findings.ini, data/outcomes.ini and data/labels.ini
for the ids.
Usage: python3 tests/tablegen/check_template_ids.py SOURCE_DIR
"""
import configparser
import os
import re
import sys

GROUPS = ("finding", "expert", "part", "stats", "summary", "outcome", "step", "flow")
ID = re.compile(r'"((?:%s|class)\.[A-Za-z0-9_-]+)"' % "|".join(GROUPS))


def ids_in(path):
    cp = configparser.RawConfigParser(strict=False, interpolation=None, delimiters=("=",))
    cp.optionxform = str
    with open(path, encoding="utf-8") as f:
        cp.read_file(f)
    return {"%s.%s" % (g, k) for g in cp.sections() for k in cp[g] if "[" not in k}


def main(source):
    findings = ids_in(os.path.join(source, "data", "findings.ini"))
    findings |= ids_in(os.path.join(source, "data", "outcomes.ini"))
    labels = ids_in(os.path.join(source, "data", "labels.ini"))
    used = {}
    for root, _, files in os.walk(os.path.join(source, "plugin")):
        for name in files:
            if name.endswith(".c"):
                path = os.path.join(root, name)
                with open(path, encoding="utf-8") as f:
                    for n, line in enumerate(f, 1):
                        for m in ID.finditer(line):
                            used.setdefault(m.group(1), "%s:%d" % (os.path.relpath(path, source), n))
    problems = ["%s: %s is in none of data/findings.ini, data/outcomes.ini, data/labels.ini" % (where, i)
                for i, where in sorted(used.items()) if i not in findings | labels]
    problems += ["data/findings.ini or outcomes.ini: %s is not used by plugin/" % i for i in sorted(findings - set(used))]
    for p in problems:
        print(p)
    print("%d template ids used by plugin/, %d in data/findings.ini and data/outcomes.ini" % (len(used), len(findings)))
    if len(used) < 100:
        problems.append("too few ids found: the pattern no longer matches the code")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
