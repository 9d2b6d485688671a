"""The dissector's findings in every language: data/findings.ini read as
regular expressions, and the check that a capture's findings in ru and vi
are its English findings translated (tests/integration/test_findings_languages.py
and the sipp capture test use it).
"""
import os
import re

import data_files

FINDINGS_INI = data_files.data_file("findings.ini")
SEP = "\x1f"                     # between occurrences of a field: never in a finding
CYRILLIC = re.compile("[\u0400-\u04ff]")
# Latin letters with diacritics, as Vietnamese writes nearly every word
# (Latin-1 vowels, d with stroke, horn, breve, Latin Extended Additional).
VIETNAMESE = re.compile("[\u00c0-\u00fd\u0102\u0103\u0110\u0111\u01a0\u01a1\u01af\u01b0\u1ea0-\u1ef9]")
SCRIPTS = {"ru": CYRILLIC, "vi": VIETNAMESE}
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")


def templates(lang):
    """{id: regex} of the [finding] templates in lang: each placeholder
    matches any text (fragments nest other templates)."""
    cp = data_files.read_keyfile(FINDINGS_INI)
    key = "%s" if lang == "en" else "%%s[%s]" % lang
    out = {}
    for name in cp["finding"]:
        if "[" in name:
            continue
        text = cp["finding"][key % name].replace("\\s", " ")
        pattern = "".join(".*" if PLACEHOLDER.fullmatch(part) else re.escape(part)
                          for part in re.split(r"(\{[a-z_]+\})", text))
        out[name] = re.compile("^%s$" % pattern, re.S)
    return out


def template_of(text, regexes):
    """The ids of the templates text is an instance of."""
    return {name for name, rx in regexes.items() if rx.match(text)}


def fields_args(lang, field="sip_explain.context"):
    """tshark arguments for frame number and all findings of each response."""
    return ["-o", "sip_explain.language:" + lang, "-Y", "sip_explain", "-T", "fields", "-E", "occurrence=a",
            "-E", "aggregator=" + SEP, "-e", "frame.number", "-e", field]


def findings_by_frame(out):
    """{frame: [findings]} from the output of fields_args()."""
    rows = {}
    for line in out.splitlines():
        frame, _, context = line.partition("\t")
        rows[frame] = context.split(SEP) if context else []
    return rows


def translation_problems(findings):
    """findings: {lang: {frame: [findings]}} for en, ru and vi. Returns
    (problems, ids of the English templates shown)."""
    en_t = templates("en")
    problems, seen = [], set()
    for lang, script in SCRIPTS.items():
        lang_t = templates(lang)
        if sorted(findings[lang]) != sorted(findings["en"]):
            problems.append("%s: other frames explained than in English" % lang)
            continue
        for frame, en_rows in findings["en"].items():
            rows = findings[lang][frame]
            if len(rows) != len(en_rows):
                problems.append("frame %s: %s findings %s, English %s" % (frame, lang, rows, en_rows))
                continue
            for en, text in zip(en_rows, rows):
                ids = template_of(en, en_t)
                seen |= ids
                if not ids:
                    problems.append("frame %s: English finding is no template: %r" % (frame, en))
                elif not ids & template_of(text, lang_t):
                    problems.append("frame %s: %s finding %r is not the %s template of %r (%s)"
                                    % (frame, lang, text, lang, en, ", ".join(sorted(ids))))
                if not script.search(text):
                    problems.append("frame %s: %r is not in %s" % (frame, text, lang))
                if PLACEHOLDER.search(text):
                    problems.append("frame %s: unfilled placeholder in %r" % (frame, text))
    return problems, seen
