"""The benchmark's floor plugin (floor/sip_floor.c) files one expert item
per SIP response, for the same responses as sip_explain, with the same code;
where a tree is built, its field sip_floor.code has the values of
sip_explain.code, frame by frame.

run_bench.py --floor reports its instruction counts as the least any plugin
filing sip_explain's expert items pays; that holds only if it finds the
same responses: every one, each once (TCP segments and reassembled
messages, several messages in a segment), no more. Checked on the bundled
captures, the real corpus and a capture of the benchmark's own generator,
against sip_explain's own code items in tshark -q -z expert.
"""
import collections
import glob
import os
import re
import sys
import unittest

import tshark_env

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import run_bench  # noqa: E402  (the benchmark's capture generator)

FLOOR = os.environ.get("SIP_FLOOR_PLUGIN", "")
# A row of tshark -z expert: frequency, group, protocol, summary.
ROW = re.compile(r"^\s+(\d+)\s+(\S+)\s+(SIP floor|SIP Explain)\s+(.*)$")
# The summary of a code item: "489 Bad Event (Client Failure): ...".
CODE_ITEM = re.compile(r"^(\d{3}) [^(]*\((Provisional|Success|Redirection|Client Failure|"
                       r"Server Failure|Global Failure)\): ")


def code_items(text, protocol):
    """Counter of response codes over the code items a protocol filed."""
    counts = collections.Counter()
    for line in text.splitlines():
        m = ROW.match(line)
        if m and m.group(3) == protocol and m.group(2) == "Response":
            c = CODE_ITEM.match(m.group(4))
            if c:
                counts[c.group(1)] += int(m.group(1))
    return counts


@unittest.skipUnless(FLOOR and os.path.exists(FLOOR), "SIP_FLOOR_PLUGIN names no built sip_floor.so")
class FloorFilesWhatThePluginFiles(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.floor = tshark_env.Workspace("sip_floor_test_", plugins=[FLOOR])
        cls.plugin = tshark_env.Workspace("sip_floor_test_")
        cls.captures = sorted(glob.glob(os.path.join(tshark_env.SOURCE_DIR, "tests", "captures", "*.pcap"))
                              + glob.glob(os.path.join(tshark_env.SOURCE_DIR, "tests", "real", "captures", "*")))
        generated = cls.floor.path("bench-sip.pcap")
        run_bench.gen_sip(generated, 2000, 1)
        cls.captures.append(generated)

    @classmethod
    def tearDownClass(cls):
        cls.floor.close()
        cls.plugin.close()

    def expert(self, ws, capture):
        return ws.tshark(["-r", ws.add_file(capture) if not capture.startswith(ws.dir) else capture,
                          "-q", "-z", "expert"]).stdout

    def test_same_responses_same_codes(self):
        total = 0
        for capture in self.captures:
            with self.subTest(capture=os.path.basename(capture)):
                floor = code_items(self.expert(self.floor, capture), "SIP floor")
                plugin = code_items(self.expert(self.plugin, capture), "SIP Explain")
                self.assertEqual(floor, plugin)
                total += sum(floor.values())
        # The generated capture alone has about a thousand responses.
        self.assertGreater(total, 1000)

    def codes_by_frame(self, ws, capture, field):
        out = ws.tshark(["-r", ws.add_file(capture) if not capture.startswith(ws.dir) else capture,
                         "-T", "fields", "-e", "frame.number", "-e", field]).stdout
        rows = (line.split("\t") for line in out.splitlines())
        return {r[0]: sorted(r[1].split(",")) for r in rows if len(r) == 2 and r[1]}

    def test_same_code_fields(self):
        """-T fields: the floor's field where sip_explain's is, same values."""
        total = 0
        for capture in self.captures:
            with self.subTest(capture=os.path.basename(capture)):
                floor = self.codes_by_frame(self.floor, capture, "sip_floor.code")
                plugin = self.codes_by_frame(self.plugin, capture, "sip_explain.code")
                self.assertEqual(floor, plugin)
                total += len(floor)
        self.assertGreater(total, 1000)

    def test_no_item_without_sip(self):
        """A capture without SIP: the floor files nothing."""
        nosip = self.floor.path("nosip.pcap")
        run_bench.gen_nosip(nosip, 200, 1)
        out = self.floor.tshark(["-r", nosip, "-q", "-z", "expert"]).stdout
        self.assertNotIn("SIP floor", out)


if __name__ == "__main__":
    unittest.main()
