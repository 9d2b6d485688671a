# SPDX-License-Identifier: GPL-2.0-or-later
"""The golden outputs' normaliser: takes out what differs between Wireshark versions, and nothing of the plugin's.

versions/<4.0|4.4|4.6>/ hold excerpts of real tshark outputs of the golden
captures on each version, cut where the versions differ (-T fields with
the boolean column, the first frames of -V, the whole -z expert of the TCP
capture, where 4.6 adds TCP notes). They must normalise to the same bytes;
the rest of the golden files was the same on every version. The committed
expected/ files must already be in normalised form (update.sh writes them
so). The other tests change one thing of the plugin's in a real output and
check that the normaliser keeps it as a difference.
"""
import os
import unittest

import golden
import normalise

HERE = os.path.dirname(os.path.abspath(__file__))
VERSIONS_DIR = os.path.join(HERE, "versions")
VERSIONS = ["4.0", "4.4", "4.6"]


def read(*path):
    with open(os.path.join(*path), "rb") as f:
        return f.read()


class VersionsNormaliseAlike(unittest.TestCase):
    def test_every_excerpt_is_the_same_once_normalised(self):
        names = sorted(os.listdir(os.path.join(VERSIONS_DIR, VERSIONS[0])))
        self.assertEqual(len(names), 4)
        for name in names:
            raw = {v: read(VERSIONS_DIR, v, name) for v in VERSIONS}
            self.assertGreater(len(set(raw.values())), 1, "%s: the versions print it alike: not a fixture" % name)
            want = golden.normalised(name, raw[VERSIONS[0]])
            for v in VERSIONS[1:]:
                self.assertEqual(golden.normalised(name, raw[v]), want, "%s: %s and %s" % (name, VERSIONS[0], v))

    def test_committed_expected_files_are_normalised(self):
        names = sorted(n for n in os.listdir(golden.EXPECTED_DIR) if n.endswith(".txt"))
        self.assertEqual(len(names), len(golden.CAPTURES) * len(golden.MODES))
        for name in names:
            data = read(golden.EXPECTED_DIR, name)
            self.assertEqual(golden.normalised(name, data), data, name)


class Fields(unittest.TestCase):
    def setUp(self):
        self.v40 = read(VERSIONS_DIR, "4.0", "tcp_segments.fields.txt")
        self.rows = [line.split(b"\t") for line in golden.normalised("x.fields.txt", self.v40).splitlines()]

    def test_boolean_column_in_one_form(self):
        self.assertEqual(self.v40.split(b"\t")[3], b"1|1")
        self.assertEqual(self.rows[0][3], b"True|True")
        self.assertEqual(normalise.fields(b"a\t0|1\tb\n", [1]), b"a\tFalse|True\tb\n")

    def test_other_columns_kept(self):
        # frame, code and class are numbers, not booleans
        self.assertEqual(self.rows[0][:3], [b"5", b"503|480", b"5|4"])
        raw = self.v40.rstrip(b"\n").split(b"\t")
        self.assertEqual(len(raw), len(golden.FIELDS))
        self.assertEqual(raw[:3] + raw[4:], self.rows[0][:3] + self.rows[0][4:])
        self.assertNotEqual(golden.normalised("x.fields.txt", self.v40.replace(b"\t1|1\t", b"\t1|0\t")),
                            golden.normalised("x.fields.txt", self.v40))

    def test_other_values_of_boolean_column_kept(self):
        self.assertEqual(normalise.fields(b"a\t2||yes\n", [1]), b"a\t2||yes\n")


class FrameLines(unittest.TestCase):
    def test_record_type_taken_out_of_frame_lines_only(self):
        self.assertEqual(normalise.frame_lines(b"Frame 12: Packet, 80 bytes on wire\n"), b"Frame 12: 80 bytes on wire\n")
        for kept in (b"    Frame 12: Packet, 80 bytes\n", b"Note: Packet, 80 bytes\n", b"Frame 12: 80 bytes, Packet, x\n"):
            self.assertEqual(normalise.frame_lines(kept), kept)

    def test_plugin_text_still_compared(self):
        v46 = read(VERSIONS_DIR, "4.6", "demo.verbose.txt")
        changed = v46.replace(b"100 Trying (Provisional)", b"100 Trying (Provisionl)", 1)
        self.assertNotEqual(changed, v46)
        self.assertNotEqual(golden.normalised("demo.verbose.txt", changed), golden.normalised("demo.verbose.txt", v46))


class Expert(unittest.TestCase):
    def setUp(self):
        self.v46 = read(VERSIONS_DIR, "4.6", "tcp_segments.expert.txt")

    def test_other_protocols_out_counts_recomputed(self):
        out = normalise.expert(self.v46)
        self.assertIn(b"\nNotes (15)\n", self.v46)
        self.assertIn(b"\nNotes (6)\n", out)     # 3 TCP + 3 TCP + 3 SIP rows out of 15
        self.assertIn(b"\nChats (9)\n", out)
        self.assertIn(b"\nWarns (4)\n", out)
        self.assertNotIn(b" TCP  ", out)
        self.assertNotIn(b" SIP  ", out)
        self.assertEqual(out.count(b" SIP Explain  "), self.v46.count(b" SIP Explain  "))

    def test_own_count_change_is_a_difference(self):
        changed = self.v46.replace(b"           2   Response        SIP Explain  489",
                                   b"           1   Response        SIP Explain  489")
        changed = changed.replace(b"Warns (4)", b"Warns (3)")
        self.assertNotEqual(changed, self.v46)
        self.assertNotEqual(normalise.expert(changed), normalise.expert(self.v46))

    def test_heading_not_matching_its_rows_refused(self):
        with self.assertRaisesRegex(ValueError, "Warns"):
            normalise.expert(self.v46.replace(b"Warns (4)", b"Warns (5)"))

    def test_row_not_understood_refused(self):
        with self.assertRaisesRegex(ValueError, "row not understood"):
            normalise.expert(self.v46.replace(b"           1   Sequence        SIP Explain  Server",
                                              b"  Sequence SIP Explain Server"))

    def test_section_of_other_protocols_only_left_out(self):
        raw = (b"\nWarns (2)\n=============\n   Frequency      Group           Protocol  Summary\n"
               b"           2   Protocol                TCP  Something\n"
               b"\nNotes (1)\n=============\n   Frequency      Group           Protocol  Summary\n"
               b"           1   Response        SIP Explain  486 Busy Here\n")
        self.assertEqual(normalise.expert(raw),
                         b"\nNotes (1)\n=============\n   Frequency      Group           Protocol  Summary\n"
                         b"           1   Response        SIP Explain  486 Busy Here\n")
        ours_first = raw[raw.index(b"\nNotes"):] + raw[:raw.index(b"\nNotes")]
        self.assertEqual(normalise.expert(ours_first), normalise.expert(raw))

if __name__ == "__main__":
    unittest.main()
