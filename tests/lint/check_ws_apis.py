"""Wireshark's API rules: no call that its tools/checkAPIs.pl forbids.

Wireshark checks its own sources with tools/checkAPIs.pl. The lists below
follow its groups ("prohibited", "deprecated", "dissectors-prohibited",
"dissectors-restricted"), as names only, so that this plugin meets the
same rules as a dissector in Wireshark's tree:

- code that runs inside Wireshark (plugin/, the table lookups in table/)
  calls nothing of any group: a g_error() or an assert aborts Wireshark
  with the user's capture open, printf writes into tshark's output;
- the build's table compiler (table/compiler/) and the sip-explain command
  (cli/) are programs of their own: they may print and exit, but not call
  memory-unsafe or locale-dependent functions.

Usage: check_ws_apis.py SOURCE_ROOT     (exit 1 and one line per call found)
"""
import os
import re
import sys

# checkAPIs.pl "prohibited": memory-unsafe, non-portable, locale-dependent.
PROHIBITED = """
atoi gets sprintf g_sprintf vsprintf g_vsprintf strcpy strncpy strcat strncat
cftime ascftime ntohl ntohs htonl htons strdup strndup strtoull g_fprintf
g_vfprintf g_snprintf g_vsnprintf bzero bcopy bcmp malloc calloc realloc
valloc free cfree isalnum isascii isalpha iscntrl isdigit islower isgraph
isprint ispunct isspace isupper isxdigit tolower toupper atof strtod
strcasecmp strncasecmp g_memdup g_strcasecmp g_strncasecmp g_strup g_strdown
g_string_up g_string_down strerror tmpnam
""".split()
# checkAPIs.pl "deprecated" (those a C plugin could still reach).
DEPRECATED = """
perror ctime g_basename g_dirname g_format_size_for_display
g_string_sprintf g_string_sprintfa tvb_length_remaining
""".split()
# checkAPIs.pl "dissectors-prohibited" and "dissectors-restricted": calls
# that end the program or print to the terminal.
IN_WIRESHARK = """
abort assert assert_perror exit g_assert g_error printf g_warning
g_print g_printerr fprintf puts
""".split()

RULES = [
    # (folders, the file names to leave out, forbidden names)
    (["plugin", "table", "tests/bench/floor"], ("table/compiler/",), PROHIBITED + DEPRECATED + IN_WIRESHARK),
    (["table/compiler", "cli"], (), PROHIBITED + DEPRECATED),
]

COMMENT_OR_STRING = re.compile(
    r'/\*.*?\*/|//[^\n]*|"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'', re.S)


def blank(match):
    """A comment or a literal, replaced by as many newlines (lines stay)."""
    return "\n" * match.group(0).count("\n") + " "


def calls(text, names):
    """(line, name) of each call of one of names: the name as a whole word,
    not a member (->free, .free), followed by an opening parenthesis."""
    code = COMMENT_OR_STRING.sub(blank, text)
    pattern = re.compile(r'(?<![\w.>])(%s)\s*\(' % "|".join(map(re.escape, names)))
    for m in pattern.finditer(code):
        yield code.count("\n", 0, m.start()) + 1, m.group(1)


def main(argv):
    if len(argv) != 2 or not os.path.isdir(argv[1]):
        print("usage: check_ws_apis.py SOURCE_ROOT", file=sys.stderr)
        return 2
    root = argv[1]
    found = checked = 0
    for folders, skip, names in RULES:
        for folder in folders:
            for dirpath, _, files in os.walk(os.path.join(root, folder)):
                for name in sorted(files):
                    if not name.endswith((".c", ".h")):
                        continue
                    path = os.path.join(dirpath, name)
                    rel = os.path.relpath(path, root)
                    if any(rel.startswith(s) for s in skip):
                        continue
                    checked += 1
                    with open(path, encoding="utf-8") as f:
                        text = f.read()
                    for line, call in calls(text, names):
                        print("%s:%d: %s() is not allowed here (Wireshark's tools/checkAPIs.pl)"
                              % (rel, line, call))
                        found += 1
    if checked == 0:
        print("check_ws_apis: no C file found under %s" % root, file=sys.stderr)
        return 2
    print("check_ws_apis: %d files, %d forbidden calls" % (checked, found))
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
