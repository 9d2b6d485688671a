"""Checks preferences, the user table, statistics and the summary field as
Wireshark users reach them (-o, the personal config folder, -z)."""
import hashlib
import os
import re
import unittest

import data_files
import sipx
import tshark_env


class FitTest(unittest.TestCase):
    # one ctest entry per method (tests/lib/list_tests.py): they run in parallel
    CTEST_PER_METHOD = True

    @classmethod
    def setUpClass(cls):
        cls.ws = sipx.Workspace()
        cls.data = data_files.load_data("responses.ini")
        cls.iana = data_files.iana_codes()
        codes = [100, 180, 200, 486, 489, 499, 503, 603]
        cls.codes = codes
        cls.pcap = cls.ws.capture([sipx.response(c, cls.iana.get(c, ("Carrier Policy",))[0], cseq=i + 1)
                                   for i, c in enumerate(codes)])
        cls.config = os.path.join(cls.ws.home, ".config", "wireshark")

    @classmethod
    def tearDownClass(cls):
        cls.ws.close()

    def tearDown(self):
        table = os.path.join(self.config, "sip_explain_codes")
        if os.path.exists(table):
            os.remove(table)

    def write_table(self, text):
        return tshark_env.write_config(self.ws.home, "sip_explain_codes", text)

    def codes_with(self, *prefs):
        extra = []
        for p in prefs:
            extra += ["-o", p]
        return [r[0] for r in self.ws.fields(self.pcap, ["sip_explain.code"], "sip_explain", extra)]

    def test_pref_explain_1xx_2xx(self):
        self.assertEqual(self.codes_with(), [str(c) for c in self.codes])
        self.assertEqual(self.codes_with("sip_explain.explain_1xx_2xx:FALSE"),
                         [str(c) for c in self.codes if c >= 300])

    def test_pref_min_severity(self):
        def expert_codes(level):
            rows = self.ws.fields(self.pcap, ["sip_explain.code", "_ws.expert.message"], "sip_explain",
                                  ["-o", "sip_explain.min_severity:%s" % level])
            # The response's own expert info; conformance checks add others.
            own = re.compile(r"^\d+ .*\((Provisional|Success|Redirection|Client Failure|"
                             r"Server Failure|Global Failure|unregistered [^)]*)\): ")
            return [int(r[0]) for r in rows
                    if any(own.match(m) and m.startswith(r[0] + " ") for m in r[1].split("|"))]
        sev_rank = {"Chat": 0, "Note": 1, "Warning": 2, "Error": 3}
        def severity(c):
            return self.data[str(c)]["Severity"] if str(c) in self.data else self.data["%dxx" % (c // 100)]["Severity"]
        self.assertEqual(expert_codes("chat"), self.codes)
        self.assertEqual(expert_codes("warning"),
                         [c for c in self.codes if sev_rank[severity(c)] >= 2])
        self.assertEqual(expert_codes("error"),
                         [c for c in self.codes if sev_rank[severity(c)] >= 3])

    def test_pref_language(self):
        for lang in ("ru", "vi"):
            key = "Description[%s]" % lang
            self.assertIn(key, self.data["486"], "data/responses.ini has no %s texts for 486" % lang)
            rows = self.ws.fields(self.pcap, ["sip_explain.description"], "sip_explain.code == 486",
                                  ["-o", "sip_explain.language:%s" % lang])
            self.assertEqual(rows, [[self.data["486"][key]]])
        rows = self.ws.fields(self.pcap, ["sip_explain.description"], "sip_explain.code == 486")
        self.assertEqual(rows, [[self.data["486"]["Description"]]])

    def test_user_table_overrides_and_adds(self):
        path = self.write_table(
            '# sip_explain_codes: code, reason, description, when, fix\n'
            '"499","Carrier Policy","The carrier refused the call by its own policy. Ask the carrier.",'
            '"Seen from carrier X on premium numbers.","Call the carrier\'s NOC."\n'
            '"486","Busy Here","Our PBX says this when the hunt group is full. Nobody is free.","",""\n')
        with open(path, "rb") as f:
            before = hashlib.sha256(f.read()).hexdigest()
        rows = self.ws.fields(self.pcap, ["sip_explain.code", "sip_explain.reason", "sip_explain.registered",
                                          "sip_explain.description", "sip_explain.when", "sip_explain.fix",
                                          "sip_explain.summary"], "sip_explain.code == 486 || sip_explain.code == 499")
        self.assertEqual(rows[0][:4], ["486", "Busy Here", sipx.FIELD_TRUE,
                                       "Our PBX says this when the hunt group is full. Nobody is free."])
        self.assertEqual(rows[0][4], self.data["486"]["When"], "an empty column keeps the built-in text")
        self.assertEqual(rows[1], ["499", "Carrier Policy", sipx.FIELD_FALSE,
                                   "The carrier refused the call by its own policy. Ask the carrier.",
                                   "Seen from carrier X on premium numbers.", "Call the carrier's NOC.",
                                   "499 Carrier Policy (Client Failure): The carrier refused the call by its own policy."])
        with open(path, "rb") as f:
            self.assertEqual(hashlib.sha256(f.read()).hexdigest(), before, "the user's file is not rewritten")

    def test_user_table_bad_rows_are_refused_by_name(self):
        self.write_table(
            '"abc","Bad","x","",""\n'
            '"799","Too High","x","",""\n'
            '"486","","empty reason","",""\n'
            '"499","Carrier Policy","Vendor text.","",""\n'
            '"499","Again","Duplicate.","",""\n')
        proc = self.ws.tshark(["-r", self.pcap, "-T", "fields", "-e", "sip_explain.code",
                               "-e", "sip_explain.description", "-Y", "sip_explain.code == 486 || sip_explain.code == 499"])
        self.assertIn("row 1 of the table sip_explain_codes (code 'abc') is ignored", proc.stderr)
        self.assertIn("row 2 of the table sip_explain_codes (code '799') is ignored", proc.stderr)
        self.assertIn("row 3 of the table sip_explain_codes (code '486') is ignored: the reason phrase is empty", proc.stderr)
        self.assertIn("row 5 of the table sip_explain_codes repeats code 499", proc.stderr)
        rows = [line.split("\t") for line in proc.stdout.splitlines()]
        self.assertEqual(rows, [["486", self.data["486"]["Description"]], ["499", "Vendor text."]])

    def test_stats_tree(self):
        out = self.ws.tshark(["-r", self.pcap, "-q", "-z", "sip_explain,tree"]).stdout
        self.assertRegex(out, r"SIP responses\s+%d\s" % len(self.codes))
        self.assertRegex(out, r"Client Failure\s+3\s")
        m = re.search(r"489 Bad Event: (.*?)\s{2,}1\s.*?(\d+\.\d+)%", out)
        self.assertIsNotNone(m, out)
        self.assertTrue(self.data["489"]["Description"].startswith(m.group(1).strip()[:40]))
        self.assertEqual(m.group(2), "33.33")     # 1 of 3 client failures
        self.assertRegex(out, r"499 \(unregistered\): ")
        sev = {}
        for c in self.codes:
            s = self.data[str(c)]["Severity"] if str(c) in self.data else self.data["4xx"]["Severity"]
            sev[s] = sev.get(s, 0) + 1
        for name, count in sev.items():
            self.assertRegex(out, r"\n\s+\d\. %s\s+%d\s" % (name, count))

    def test_summary_field_is_one_line(self):
        rows = self.ws.fields(self.pcap, ["sip_explain.summary"], "sip_explain")
        self.assertEqual(len(rows), len(self.codes))
        for row, code in zip(rows, self.codes):
            self.assertNotIn("\n", row[0])
            self.assertTrue(row[0].startswith("%d " % code), row[0])
        self.assertTrue(rows[4][0].startswith("489 Bad Event (Client Failure): "))
        # As a custom column (what the README shows).
        out = self.ws.tshark(["-r", self.pcap, "-Y", "sip_explain.code == 489",
                              "-o", 'gui.column.format:"No.","%m","Explanation","%Cus:sip_explain.summary"']).stdout
        self.assertIn("489 Bad Event (Client Failure): ", out)


if __name__ == "__main__":
    unittest.main()
