"""Context findings, expert messages and statistics rows in Russian and Vietnamese.

The dissector's own sentences (data/findings.ini) follow the language
preference like the code texts do. Read over the bundled capture, the
TCP-segmented golden capture and every capture of tests/real (merged into
one file, so that each mode is one tshark run per language):
- every context finding shown in English is one of the English templates,
  and the finding at the same place in ru and vi is the same template in
  that language (values found in the packet stay as found): the same
  findings, translated, none lost or added;
- ru findings contain Cyrillic, vi findings Vietnamese letters, and no
  {placeholder} is left unfilled in any language;
- -z expert (the no-tree path) reports the same number of items of each
  severity in every language, and none of the plugin's messages in ru or
  vi is the English one;
- the statistics tree has the same counts, with no English row name left;
- the sip-explain command says what the dissector says: for each code and
  request method of these captures, in each language, its summary,
  description, when and fix (with --method) are the dissector's.
The captures must show at least MIN_TEMPLATES different findings, so the
test keeps meaning something if the corpus shrinks.
"""
import collections
import json
import os
import re
import subprocess
import unittest

import captures
import data_files
import finding_templates
import tap_outputs
import tshark_env

TESTS = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CAPTURES = [os.path.join(TESTS, "captures", "demo.pcap"), os.path.join(TESTS, "golden", "tcp_segments.pcap")]
MIN_TEMPLATES = 25


class FindingsLanguagesTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.ws = tshark_env.Workspace("sip_explain_languages_")
        inputs = CAPTURES + [os.path.join(data_files.REAL_DIR, "captures", n)
                             for n in data_files.real_capture_names()]
        cls.merged = captures.mergecap(cls.ws.path("all.pcapng"), inputs, append=True, file_format="pcapng")
        cls.findings = {lang: finding_templates.findings_by_frame(
            cls.ws.tshark(["-r", cls.merged] + finding_templates.fields_args(lang)).stdout)
            for lang in ("en", "ru", "vi")}

    @classmethod
    def tearDownClass(cls):
        cls.ws.close()

    def test_same_findings_translated(self):
        problems, seen = finding_templates.translation_problems(self.findings)
        self.assertEqual(problems[:10], [], "%d problems" % len(problems))
        print("finding templates shown: %d of %d" % (len(seen), len(finding_templates.templates("en"))))
        self.assertGreaterEqual(len(seen), MIN_TEMPLATES,
                                "only %d finding templates shown: %s" % (len(seen), sorted(seen)))

    def test_expert_messages_translated(self):
        rows = {}
        for lang in ("en", "ru", "vi"):
            out = self.ws.tshark(["-r", self.merged, "-q", "-o", "sip_explain.language:" + lang,
                                  "-z", "expert"]).stdout
            rows[lang] = collections.Counter()
            for (severity, _, message), n in tap_outputs.expert_rows(out).items():
                rows[lang][(severity, message)] += n
        self.assertGreater(sum(rows["en"].values()), 100)
        by_severity = {lang: collections.Counter() for lang in rows}
        for lang, counter in rows.items():
            for (severity, _), n in counter.items():
                by_severity[lang][severity] += n
        english = {message for _, message in rows["en"]}
        for lang, script in finding_templates.SCRIPTS.items():
            self.assertEqual(by_severity[lang], by_severity["en"], lang)
            for _, message in rows[lang]:
                self.assertNotIn(message, english, "%s expert message left in English" % lang)
                self.assertRegex(message, script, "%s expert message %r" % (lang, message))
                self.assertNotRegex(message, finding_templates.PLACEHOLDER, message)

    def test_statistics_rows_translated(self):
        rows = {}
        for lang in ("en", "ru", "vi"):
            out = self.ws.tshark(["-r", self.merged, "-q", "-o", "sip_explain.language:" + lang,
                                  "-z", "sip_explain,tree"], text=False).stdout
            rows[lang] = [(name, count) for _, name, count in tap_outputs.stats_rows(out)]
        # Code rows carry the code; outcome keywords ("busy") are filter
        # values, English in every language.
        keyword = re.compile(r"\d{3} |[a-z]+(-[a-z]+)*$")
        skeleton = [name for name, _ in rows["en"] if not keyword.match(name)]
        self.assertIn("By severity", skeleton)
        for lang, script in finding_templates.SCRIPTS.items():
            # Rows sort by name, which differs by language: the counts agree as a whole.
            self.assertEqual(sorted(n for _, n in rows[lang]), sorted(n for _, n in rows["en"]), lang)
            names = [name for name, _ in rows[lang] if not keyword.match(name)]
            self.assertEqual(len(names), len(skeleton), lang)
            for name in names:
                self.assertNotIn(name, skeleton, "%s statistics row left in English" % lang)
                self.assertRegex(name, script, "%s statistics row %r" % (lang, name))



class CommandAgreesTest(unittest.TestCase):
    """sip-explain and the dissector read the same compiled texts."""

    def test_command_agrees_with_dissector(self):
        cli = os.environ.get("SIP_EXPLAIN")
        if not cli or not os.path.exists(cli):
            self.fail("SIP_EXPLAIN must name the built sip-explain command (ctest sets it)")
        ws = tshark_env.Workspace("sip_explain_agree_")
        try:
            pcap = ws.add_file(CAPTURES[0])
            seen = 0
            for lang in ("en", "ru", "vi"):
                out = ws.tshark(["-r", pcap, "-o", "sip_explain.language:" + lang, "-Y", "sip_explain",
                                 "-T", "fields", "-e", "sip_explain.code", "-e", "sip_explain.request_method",
                                 "-e", "sip_explain.summary", "-e", "sip_explain.description",
                                 "-e", "sip_explain.when", "-e", "sip_explain.fix"]).stdout
                done = set()
                for line in out.splitlines():
                    code, method, summary, desc, when, fix = line.split("\t")
                    if (code, method) in done:
                        continue
                    done.add((code, method))
                    args = [cli, "--json", "--lang", lang] + (["--method", method] if method else []) + [code]
                    page = json.loads(subprocess.run(args, check=True, capture_output=True, text=True).stdout)
                    # With --method the page's texts are that method's, as the dissector's are.
                    texts = c = page["codes"][0]
                    with self.subTest(lang=lang, code=code, method=method):
                        self.assertEqual(summary, "%s %s (%s): %s" % (code, c["reason"], c["class_label"],
                                                                       texts["summary"]))
                        self.assertEqual([desc, when, fix], [texts["description"], texts["when"], texts["fix"]])
                    seen += 1
            self.assertGreaterEqual(seen, 30)
        finally:
            ws.close()


if __name__ == "__main__":
    unittest.main()
