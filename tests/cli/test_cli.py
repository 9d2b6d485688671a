"""Tests of the sip-explain command (cli/) and of the labels it prints (ctest label cli).

Runs the built command, as named by $SIP_EXPLAIN, and checks its real output
against the data it is compiled from: data/responses.ini, data/labels.ini and
tests/iana_response_codes.csv, read by tests/lib/data_files.py. The labels
part of the table compiler is run as $SIP_EXPLAIN_TABLEGEN.
"""
import glob
import json
import os
import re
import subprocess
import sys
import tempfile
import unittest

import data_files

PROG = os.environ.get("SIP_EXPLAIN", "sip-explain")
TABLEGEN = os.environ.get("SIP_EXPLAIN_TABLEGEN", "sip_explain_tablegen")
SOURCE = data_files.SOURCE_DIR
HERE = os.path.dirname(os.path.abspath(__file__))

LANGS = ("en", "ru", "vi")
HEADINGS = {
    "en": ["Description", "When you see it", "How to fix it", "Key differences",
           "When to use which", "Learn more"],
    "ru": ["Описание", "Когда встречается", "Как исправить", "Ключевые различия",
           "Когда что использовать", "Узнать больше"],
    "vi": ["Mô tả", "Thường gặp khi", "Cách khắc phục", "Sự khác biệt chính",
           "Khi nào dùng cái nào", "Tìm hiểu thêm"],
}
DESC, WHEN, FIX, DIFF, USE, MORE = range(6)

CODE_KEYS = {"code", "reason", "registered", "class", "class_range", "class_label",
             "severity", "actor", "retry", "methods", "headers", "rfcs", "note",
             "summary", "description", "when", "fix", "signals_text", "actor_text",
             "retry_text", "links", "method", "method_texts"}
COMPARE_KEYS = {"same_code", "same_class", "intro", "differences", "when_to_use", "links"}
DIFF_KEYS = {"class", "signals", "actor", "retry", "headers", "methods", "rfcs"}


RESPONSES = data_files.load_data("responses.ini")
LABELS = data_files.load_data("labels.ini")


def text(group, key, lang):
    """A response text in a language, English where it is not translated."""
    sec = RESPONSES[group]
    if lang != "en" and f"{key}[{lang}]" in sec:
        return sec[f"{key}[{lang}]"]
    return sec[key]


def own_methods(code):
    """The methods a code has texts of its own for, in data order."""
    return [k.split("@", 1)[1] for k in RESPONSES[code] if k.startswith("Description@") and "[" not in k]


def method_text(code, key, method, lang):
    """A method's own text in a language, its English where it is not translated."""
    return text(code, f"{key}@{method}", lang)


def label(group, key, lang):
    return LABELS[group][key if lang == "en" else f"{key}[{lang}]"]


def run(*args):
    p = subprocess.run([PROG, *args], capture_output=True, text=True, encoding="utf-8")
    return p.returncode, p.stdout, p.stderr


def ok(testcase, *args):
    rc, out, err = run(*args)
    testcase.assertEqual(rc, 0, f"sip-explain {' '.join(args)}: {err}")
    testcase.assertEqual(err, "")
    return out


def unwrapped(out):
    """The text with its wrapping undone, to find whole sentences."""
    return re.sub(r"\s+", " ", out)


def heading_lines(out, lang):
    """Index of each heading of lang that stands alone on a line, in order."""
    lines = out.splitlines()
    return [(lines.index(h), h) for h in HEADINGS[lang] if h in lines]


class SingleCode(unittest.TestCase):
    def test_489_page(self):
        out = ok(self, "489")
        lines = out.splitlines()
        self.assertEqual(lines[0], "489 Bad Event")
        flat = unwrapped(out)
        self.assertRegex(out, r"(?m)^  Class: +Client Failure \(4xx\)$")
        self.assertRegex(out, r"(?m)^  Next step in: +Allow-Events$")
        self.assertRegex(out, r"(?m)^  Answers: +SUBSCRIBE, NOTIFY, PUBLISH$")
        self.assertRegex(out, r"(?m)^  Defined in: +RFC 6665$")
        for key in ("Description", "When", "Fix"):
            self.assertIn(RESPONSES["489"][key], flat)
        self.assertIn("RFC 6665: https://www.rfc-editor.org/rfc/rfc6665", out)
        self.assertIn("https://www.rfc-editor.org/rfc/rfc3265", out)
        order = [h for _, h in heading_lines(out, "en")]
        self.assertEqual(order, ["Description", "When you see it", "How to fix it", "Learn more"])
        idx = [lines.index(h) for h in order]
        self.assertEqual(idx, sorted(idx))

    def test_every_registered_code_has_a_page(self):
        rows = data_files.iana_rows()
        for code, reason, rfc in rows:
            out = ok(self, code)
            self.assertEqual(out.splitlines()[0], f"{code} {reason}")
            self.assertIn(f"https://www.rfc-editor.org/rfc/rfc{rfc}", out)


class Comparison(unittest.TestCase):
    def test_301_489_sections_in_order(self):
        out = ok(self, "301", "489")
        lines = out.splitlines()
        flat = unwrapped(out)
        self.assertEqual(lines[0], "301 Moved Permanently  |  489 Bad Event")
        self.assertIn("301 Moved Permanently is a Redirection (3xx) response and "
                      "489 Bad Event is a Client Failure (4xx) response.", flat)
        heads = heading_lines(out, "en")
        self.assertEqual([h for _, h in heads],
                         [HEADINGS["en"][i] for i in (DESC, WHEN, DIFF, USE, MORE)])
        pos = [i for i, _ in heads]
        self.assertEqual(pos, sorted(pos))
        intro_end = pos[0]
        self.assertGreater(intro_end, 1, "the sentence on both classes comes first")
        # each code's description and when, 301 first
        for section, key in ((0, "Description"), (1, "When")):
            body = unwrapped("\n".join(lines[pos[section]:pos[section + 1]]))
            a = body.index(RESPONSES["301"][key])
            b = body.index(RESPONSES["489"][key])
            self.assertLess(a, b)
            self.assertLess(body.index("301 Moved Permanently"), body.index("489 Bad Event"))
        diff = unwrapped("\n".join(lines[pos[2]:pos[3]]))
        bullets = [l for l in lines[pos[2]:pos[3]] if l.startswith("  - ")]
        self.assertEqual([b.split(":")[0] for b in bullets],
                         ["  - Class", "  - What each signals", "  - Who must act", "  - Retrying",
                          "  - Headers that carry the next step", "  - Methods", "  - Defined in"])
        self.assertIn("301 is Redirection (3xx)", diff)
        self.assertIn("489 is Client Failure (4xx)", diff)
        self.assertIn("Who must act: in both cases, the client", diff)      # actor client = client
        self.assertIn("for 301, the request may succeed at another address or server; "
                      "for 489, retrying helps only after the request is changed", diff)
        self.assertIn("for 301, Contact; for 489, Allow-Events", diff)
        self.assertIn("301 answers any method; 489 answers SUBSCRIBE, NOTIFY, PUBLISH", diff)
        self.assertIn("301 in RFC 3261; 489 in RFC 6665", diff)
        use = unwrapped("\n".join(lines[pos[3]:pos[4]]))
        self.assertLess(use.index("Answer with 301"), use.index("Answer with 489"))
        self.assertIn("not interchangeable", use)
        more = "\n".join(lines[pos[4]:])
        self.assertIn("https://www.rfc-editor.org/rfc/rfc3261", more)
        self.assertIn("https://www.rfc-editor.org/rfc/rfc6665", more)

    def test_order_follows_the_arguments(self):
        flat = unwrapped(ok(self, "489", "301"))
        self.assertIn("489 Bad Event is a Client Failure (4xx) response and 301", flat)
        self.assertLess(flat.index(RESPONSES["489"]["Description"]),
                        flat.index(RESPONSES["301"]["Description"]))

    def test_same_class_reads_as_one_class(self):
        flat = unwrapped(ok(self, "301", "302"))
        self.assertIn("301 Moved Permanently and 302 Moved Temporarily are both "
                      "Redirection (3xx) responses.", flat)
        self.assertIn("Class: both are Redirection (3xx)", flat)
        self.assertIn("treats it like 300", flat)
        self.assertNotIn("not interchangeable", flat)

    def test_code_with_itself(self):
        out = ok(self, "489", "489")
        flat = unwrapped(out)
        self.assertIn("489 Bad Event compared with itself", flat)
        self.assertNotIn("Key differences", out)
        self.assertEqual(flat.count(RESPONSES["489"]["Description"]), 1)
        self.assertIn("How to fix it", out.splitlines())

    def test_differences_come_from_the_data(self):
        """Each bullet says 'both' exactly when the data fields agree."""
        pairs = [("486", "600"), ("180", "183"), ("404", "604"), ("401", "407"), ("200", "202")]
        for a, b in pairs:
            data = json.loads(ok(self, "--json", a, b))
            ca, cb = data["codes"]
            d = data["comparison"]["differences"]
            for key, field in (("actor", "actor"), ("retry", "retry"), ("signals", "severity"),
                               ("methods", "methods"), ("class", "class")):
                same = ca[field] == cb[field]
                self.assertEqual("both" in d[key], same, f"{a} {b} {key}: {d[key]}")


class Languages(unittest.TestCase):
    def test_text_fits_78_columns(self):
        # Pages and comparisons are wrapped for an 80-column terminal: no
        # line longer than 78 characters in any language (a word longer than
        # that, such as a long URL, would be the only excuse; none is here).
        longest = 0
        for lang in ("en", "ru", "vi"):
            for args in (["489"], ["301", "489"], ["603"], ["--method", "REFER", "488"], ["494"], ["199"]):
                out = ok(self, "--lang", lang, *args)
                for line in out.splitlines():
                    longest = max(longest, len(line))
                    with self.subTest(lang=lang, args=args):
                        self.assertLessEqual(len(line), 78, line)
        self.assertGreater(longest, 70, "the texts are long enough to need wrapping")

    def test_vi_204_603(self):
        out = ok(self, "--lang", "vi", "204", "603")
        heads = heading_lines(out, "vi")
        self.assertEqual([h for _, h in heads],
                         [HEADINGS["vi"][i] for i in (DESC, WHEN, DIFF, USE, MORE)])
        self.assertEqual([i for i, _ in heads], sorted(i for i, _ in heads))
        for h in HEADINGS["en"]:
            self.assertNotIn(h, out.splitlines())
        flat = unwrapped(out)
        self.assertIn(label("class", "2xx", "vi"), flat)
        self.assertIn(label("class", "6xx", "vi"), flat)
        for code in ("204", "603"):
            self.assertIn(text(code, "Description", "vi"), flat)
            self.assertIn(text(code, "When", "vi"), flat)

    def test_ru_486(self):
        out = ok(self, "--lang", "ru", "486")
        heads = heading_lines(out, "ru")
        self.assertEqual([h for _, h in heads],
                         [HEADINGS["ru"][i] for i in (DESC, WHEN, FIX, MORE)])
        flat = unwrapped(out)
        self.assertIn("Ошибка клиента (4xx)", flat)
        for key in ("Description", "When", "Fix"):
            self.assertIn(text("486", key, "ru"), flat)

    def test_lang_equals_form(self):
        self.assertEqual(ok(self, "--lang=ru", "486"), ok(self, "486", "--lang", "ru"))

    def test_every_label_prints_in_every_language(self):
        """Pages that use every template; a missing label would abort."""
        for lang in LANGS:
            seen = ""
            for args in (["489"], ["499"], ["100"], ["200"], ["301", "489"], ["301", "302"],
                         ["489", "489"], ["499", "699"], ["180", "603"], ["--help"], ["--list"],
                         ["488", "--method", "REFER"], ["488", "--method", "MESSAGE"]):
                seen += ok(self, "--lang", lang, *args)
                seen += ok(self, "--lang", lang, "--json", *args) if args != ["--help"] else ""
            for args in (["abc"], ["700"], ["--nope"], [], ["1", "2", "3"], ["--list", "1"], ["--lang"],
                         ["--method", "a b", "488"], ["488", "--method"]):
                rc, out, err = run("--lang", lang, *args)
                self.assertIn(rc, (1, 2))
                self.assertNotIn("internal error", err)

    def test_labels_file_translates_every_label(self):
        for name, sec in LABELS.items():
            for key in sec:
                if "[" not in key:
                    for lang in ("ru", "vi"):
                        self.assertIn(f"{key}[{lang}]", sec, f"[{name}] {key}")

    def test_no_label_text_in_the_c_code(self):
        """The command's words live in data/labels.ini only."""
        literals = []
        for path in glob.glob(os.path.join(SOURCE, "cli", "*.[ch]")):
            with open(path, encoding="utf-8") as f:
                code = re.sub(r"/\*.*?\*/", "", f.read(), flags=re.S)   # comments may quote
            literals += re.findall(r'"((?:[^"\\\n]|\\.)*)"', code)
        self.assertIn("help.Usage", literals)      # the scan sees the label ids
        words = set()
        for name, sec in LABELS.items():
            for key, value in sec.items():
                for part in re.split(r"\{\w+\}", value):
                    if len(part.strip()) >= 6 and " " in part.strip():
                        words.add(part.strip())
        for lit in literals:
            for w in words:
                self.assertFalse(w in lit, f"label text {w!r} is repeated in cli/: {lit!r}")


class Json(unittest.TestCase):
    def check_code(self, obj, code, lang):
        self.assertEqual(set(obj), CODE_KEYS)
        sec = RESPONSES[code]
        self.assertEqual(obj["code"], int(code))
        self.assertTrue(obj["registered"])
        self.assertEqual(obj["reason"], sec["Reason"])
        self.assertEqual(obj["class"], sec["Class"])
        self.assertEqual(obj["class_range"], code[0] + "xx")
        self.assertEqual(obj["class_label"], label("class", code[0] + "xx", lang))
        self.assertEqual(obj["severity"], sec["Severity"])
        self.assertEqual(obj["actor"], sec["Actor"])
        self.assertEqual(obj["retry"], sec["Retry"])
        self.assertEqual(obj["methods"], [m.strip() for m in sec["Methods"].split(";") if m.strip()])
        self.assertEqual(obj["headers"], [h.strip() for h in sec.get("Headers", "").split(";") if h.strip()])
        self.assertEqual(obj["rfcs"], [int(r) for r in sec["RFC"].split(";")])
        for key in ("description", "when", "fix"):
            self.assertEqual(obj[key], text(code, key.capitalize(), lang))
        self.assertTrue(obj["description"].startswith(obj["summary"]))
        self.assertIsNone(obj["note"])
        self.assertIsNone(obj["method"])
        self.assertEqual([m["method"] for m in obj["method_texts"]], own_methods(code))
        for m in obj["method_texts"]:
            self.assertTrue(method_text(code, "Description", m["method"], lang).startswith(m["summary"]))
        self.assertEqual(obj["links"][0]["url"], f"https://www.rfc-editor.org/rfc/rfc{obj['rfcs'][0]}")

    def test_single(self):
        rc, out, err = run("--json", "489")
        self.assertEqual(rc, 0)
        # the documented way: python3 -m json.tool
        p = subprocess.run([sys.executable, "-m", "json.tool"], input=out, capture_output=True, text=True)
        self.assertEqual(p.returncode, 0, p.stderr)
        data = json.loads(out)
        self.assertEqual(set(data), {"lang", "codes", "comparison"})
        self.assertEqual(data["lang"], "en")
        self.assertIsNone(data["comparison"])
        self.assertEqual(len(data["codes"]), 1)
        self.check_code(data["codes"][0], "489", "en")

    def test_comparison(self):
        for lang in LANGS:
            data = json.loads(ok(self, "--json", "--lang", lang, "301", "489"))
            self.assertEqual(data["lang"], lang)
            self.check_code(data["codes"][0], "301", lang)
            self.check_code(data["codes"][1], "489", lang)
            cmp = data["comparison"]
            self.assertEqual(set(cmp), COMPARE_KEYS)
            self.assertEqual(set(cmp["differences"]), DIFF_KEYS)
            self.assertFalse(cmp["same_code"])
            self.assertFalse(cmp["same_class"])
            self.assertEqual(len(cmp["when_to_use"]), 3)
            # the text page prints the same sentences
            flat = unwrapped(ok(self, "--lang", lang, "301", "489"))
            for s in [cmp["intro"], *cmp["differences"].values(), *cmp["when_to_use"]]:
                self.assertIn(s, flat)

    def test_every_code_every_language(self):
        for code in [s for s in RESPONSES.sections() if s.isdigit()]:
            for lang in LANGS:
                data = json.loads(ok(self, "--json", "--lang", lang, code))
                self.check_code(data["codes"][0], code, lang)

    def test_list(self):
        data = json.loads(ok(self, "--json", "--list"))
        self.assertEqual(len(data["codes"]), 75)
        self.assertEqual(set(data["codes"][0]), {"code", "reason", "class", "class_range", "class_label"})


class List(unittest.TestCase):
    def test_matches_the_iana_registry(self):
        rows = data_files.iana_rows()
        out = ok(self, "--list")
        lines = out.splitlines()
        self.assertEqual(len(lines), 75)
        self.assertEqual(len(rows), 75)
        for line, (code, reason, _rfc) in zip(lines, rows):
            m = re.fullmatch(r"(\d{3})  (.+?) {2,}(.+) \((\dxx)\)", line)
            self.assertIsNotNone(m, line)
            self.assertEqual(m.group(1), code)
            self.assertEqual(m.group(2), reason)
            self.assertEqual(m.group(3), RESPONSES[code]["Class"])
            self.assertEqual(m.group(4), code[0] + "xx")

    def test_localized_class(self):
        lines = ok(self, "--lang", "ru", "--list").splitlines()
        self.assertEqual(len(lines), 75)
        self.assertTrue(lines[0].startswith("100  Trying  "), lines[0])
        self.assertTrue(lines[0].endswith("  " + label("class", "1xx", "ru") + " (1xx)"), lines[0])
        self.assertTrue(lines[-1].endswith("  " + label("class", "6xx", "ru") + " (6xx)"), lines[-1])


class MethodTexts(unittest.TestCase):
    """--method: the texts of a response to one request method (its CSeq)."""

    def test_488_refer_page(self):
        for lang in LANGS:
            out = ok(self, "--lang", lang, "488", "--method", "REFER")
            flat = unwrapped(out)
            with self.subTest(lang=lang):
                for key in ("Description", "When", "Fix"):
                    self.assertIn(method_text("488", key, "REFER", lang), flat)
                self.assertNotIn(text("488", "Description", lang), flat)
                note = label("text", "ForMethod", lang).replace("{code}", "488").replace("{method}", "REFER")
                self.assertIn(note, flat)
                self.assertNotIn(label("heading", "PerMethod", lang), out.splitlines())
        flat = unwrapped(ok(self, "488", "--method=REFER"))
        self.assertIn("transfer", flat)
        self.assertNotIn("Compare the SDP offer", flat)

    def test_method_without_own_texts(self):
        for method in ("MESSAGE", "refer"):       # methods are case-sensitive
            flat = unwrapped(ok(self, "488", "--method", method))
            self.assertIn(RESPONSES["488"]["Description"], flat)
            self.assertIn(f"488 has no texts of its own for {method}: the general texts follow.", flat)

    def test_page_lists_the_methods(self):
        out = ok(self, "481")
        lines = out.splitlines()
        start = lines.index("Texts for particular request methods")
        self.assertLess(lines.index("How to fix it"), start)
        self.assertLess(start, lines.index("Learn more"))
        listed = [l.split(":")[0].strip() for l in lines[start + 1:] if re.match(r"^  [A-Z]+: ", l)]
        self.assertEqual(listed, ["INVITE", "BYE", "CANCEL", "NOTIFY"])
        self.assertEqual(listed, own_methods("481"))
        flat = unwrapped(out)
        self.assertIn("BYE: " + RESPONSES["481"]["Description@BYE"].split(". ")[0] + ".", flat)
        self.assertIn("sip-explain 481 --method INVITE", flat)
        self.assertNotIn("Texts for particular request methods", ok(self, "404"))

    def test_comparison_uses_each_codes_method_texts(self):
        flat = unwrapped(ok(self, "488", "202", "--method", "REFER"))
        self.assertIn(RESPONSES["488"]["Description@REFER"], flat)
        self.assertIn(RESPONSES["202"]["Description@REFER"], flat)

    def test_json(self):
        data = json.loads(ok(self, "--json", "--lang", "vi", "202", "--method", "MESSAGE"))
        obj = data["codes"][0]
        self.assertEqual(obj["method"], "MESSAGE")
        self.assertEqual(obj["description"], RESPONSES["202"]["Description@MESSAGE[vi]"])
        self.assertTrue(obj["description"].startswith(obj["summary"]))
        self.assertEqual([m["method"] for m in obj["method_texts"]], ["SUBSCRIBE", "REFER", "MESSAGE"])
        obj = json.loads(ok(self, "--json", "488", "--method", "UPDATE"))["codes"][0]
        self.assertIsNone(obj["method"])
        self.assertEqual(obj["description"], RESPONSES["488"]["Description"])

    def test_method_facts(self):
        """The facts shown are those of the texts shown (issue 25, review E-6).
        Expected values are the data's decisions from the RFCs: 480 to
        REGISTER is the registrar's own unavailability (RFC 3261 section
        21.4.18 defines 480 for a callee); a 481 to BYE ends nothing that was
        still up (section 15.1.2); any answer to OPTIONS shows the peer is up
        (section 11.2)."""
        want = {("480", "REGISTER"): ("Warning", "server", "later"),
                ("481", "BYE"): ("Note", "none", "never"),
                ("501", "OPTIONS"): ("Note", "client", "never")}
        for (code, method), facts in want.items():
            for lang in LANGS:
                with self.subTest(code=code, method=method, lang=lang):
                    obj = json.loads(ok(self, "--json", "--lang", lang, code, "--method", method))["codes"][0]
                    self.assertEqual(obj["method"], method)
                    self.assertEqual((obj["severity"], obj["actor"], obj["retry"]), facts)
                    retry_key = {"later": "Later", "never": "Never"}[facts[2]]
                    self.assertEqual(obj["signals_text"], label("severity", facts[0], lang))
                    self.assertEqual(obj["actor_text"], label("actor", facts[1], lang))
                    self.assertEqual(obj["retry_text"], label("retry", retry_key, lang))
                    flat = unwrapped(ok(self, "--lang", lang, code, "--method", method))
                    self.assertIn(label("actor", facts[1], lang), flat)
                    self.assertIn(label("severity", facts[0], lang), flat)
        # Without the method, or for one without texts, the code's own facts.
        for args in (("480",), ("480", "--method", "INVITE")):
            obj = json.loads(ok(self, "--json", *args))["codes"][0]
            self.assertEqual((obj["severity"], obj["actor"], obj["retry"]), ("Note", "user", "later"))
            flat = unwrapped(ok(self, *args))
            self.assertIn(label("actor", "user", "en"), flat)
            self.assertNotIn(label("actor", "server", "en"), flat)

    def test_comparison_uses_each_codes_method_facts(self):
        data = json.loads(ok(self, "--json", "481", "480", "--method", "REGISTER"))
        self.assertEqual([c["actor"] for c in data["codes"]], ["client", "server"])
        self.assertNotIn("both", data["comparison"]["differences"]["actor"])
        data = json.loads(ok(self, "--json", "481", "486", "--method", "BYE"))
        self.assertEqual([c["severity"] for c in data["codes"]], ["Note", "Note"])
        self.assertIn("both", data["comparison"]["differences"]["signals"])

    def test_bad_method(self):
        for arg in ("RE FER", "", "RE@FER", "INVITE;", "ÄCK"):
            with self.subTest(arg=arg):
                rc, out, err = run("--method", arg, "488")
                self.assertEqual(rc, 2)
                self.assertEqual(out, "")
                self.assertIn(f"'{arg}' is not a SIP method", err)
        rc, out, err = run("488", "--method")
        self.assertEqual(rc, 2)
        self.assertIn("'--method' needs a value", err)


class Errors(unittest.TestCase):
    def refused(self, args, status, needle):
        rc, out, err = run(*args)
        self.assertEqual(rc, status, f"{args}: {err}")
        self.assertEqual(out, "")
        self.assertIn(needle, err)
        self.assertTrue(err.startswith("sip-explain: "), err)

    def test_bad_codes(self):
        for arg in ("abc", "4294967301", "-1", "099", "1e3", "", "700", "99", "1000",
                    "+489", " 489", "489 ", "0x1e9", "٤٨٩", "18446744073709551905"):
            with self.subTest(arg=arg):
                self.refused([arg], 1, f"'{arg}' is not a SIP response code")

    def test_bad_code_in_a_comparison(self):
        self.refused(["301", "abc"], 1, "'abc'")
        self.refused(["-1", "489"], 1, "'-1'")

    def test_three_codes(self):
        self.refused(["301", "489", "603"], 2, "'603'")

    def test_unknown_option(self):
        self.refused(["--bogus", "489"], 2, "unknown option '--bogus'")
        self.refused(["-x"], 2, "'-x'")

    def test_bad_lang(self):
        self.refused(["--lang", "de", "489"], 2, "unknown language 'de'")
        self.refused(["--lang=", "489"], 2, "unknown language ''")
        self.refused(["489", "--lang"], 2, "'--lang' needs a value")

    def test_usage(self):
        self.refused([], 2, "give one or two response codes")
        self.refused(["--list", "489"], 2, "--list takes no codes")

    def test_translated_message(self):
        rc, out, err = run("--lang", "ru", "abc")
        self.assertEqual(rc, 1)
        self.assertIn("«abc» — не код ответа SIP", err)

    def test_help(self):
        out = ok(self, "--help")
        self.assertTrue(out.startswith("Usage: sip-explain"))
        for opt in ("--lang", "--json", "--list", "--help", "--method"):
            self.assertIn(opt, out)
        self.assertEqual(ok(self, "-h"), out)


class Unregistered(unittest.TestCase):
    def test_499(self):
        out = ok(self, "499")
        flat = unwrapped(out)
        self.assertEqual(out.splitlines()[0], "499 (unregistered)")
        self.assertIn("499 is not in the IANA registry of SIP response codes", flat)
        self.assertIn("treats it like 400", flat)
        for key in ("Description", "When", "Fix"):
            self.assertIn(RESPONSES["4xx"][key], flat)
        self.assertIn("rfc3261#section-8.1.3.2", out)

    def test_499_json(self):
        data = json.loads(ok(self, "--json", "499"))
        c = data["codes"][0]
        self.assertEqual(set(c), CODE_KEYS)
        self.assertFalse(c["registered"])
        self.assertIsNone(c["reason"])
        self.assertEqual(c["class"], "Client Failure")
        self.assertEqual(c["description"], RESPONSES["4xx"]["Description"])
        self.assertIn("499", c["note"])

    def test_in_a_comparison(self):
        flat = unwrapped(ok(self, "499", "489"))
        self.assertIn("499 (unregistered) and 489 Bad Event are both Client Failure (4xx)", flat)
        self.assertIn("499 is not in the IANA registry", flat)


class LabelsCompiler(unittest.TestCase):
    def test_real_labels(self):
        p = subprocess.run([TABLEGEN, "--labels", "data/labels.ini"], cwd=SOURCE,
                           capture_output=True, text=True)
        self.assertEqual(p.returncode, 0, p.stderr)

    def test_broken_labels(self):
        files = sorted(glob.glob(os.path.join(HERE, "labels_broken", "*.ini")))
        self.assertGreater(len(files), 5)
        for path in files:
            rel = os.path.relpath(path, SOURCE)
            with open(path, encoding="utf-8") as f:
                expect = re.search(r"^# expect: (.*)$", f.read(), re.M).group(1)
            with self.subTest(file=rel), tempfile.TemporaryDirectory() as tmp:
                out_c = os.path.join(tmp, "tables.c")
                p = subprocess.run([TABLEGEN, "--out", out_c, "--labels", rel], cwd=SOURCE,
                                   capture_output=True, text=True)
                self.assertEqual(p.returncode, 1, p.stderr)
                self.assertIn(f"{rel}:{expect}", p.stderr)
                self.assertFalse(os.path.exists(out_c))
                self.assertFalse(os.path.exists(out_c + ".tmp"))


if __name__ == "__main__":
    unittest.main()
