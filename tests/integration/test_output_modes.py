"""Checks that the plugin works only for what is shown, and that what is shown
stays complete in every mode.

- tshark -T fields (and -T json/ek/pdml) with -e: the plugin reads tshark's
  command line and adds only the fields named (plus what filters prime).
  Each field asked for on its own must carry exactly what it carries when
  the whole tree is built.
- tshark -z expert builds no tree: only requests that expert info can use
  (credentials, Reason) are recorded, and the expert infos that need them
  still appear."""
import json
import os
import unittest

import sipx

PLUGIN_FIELDS = ["sip_explain.code", "sip_explain.class", "sip_explain.registered", "sip_explain.reason",
                 "sip_explain.description", "sip_explain.when", "sip_explain.fix", "sip_explain.rfc",
                 "sip_explain.severity", "sip_explain.summary", "sip_explain.request_frame",
                 "sip_explain.request_method", "sip_explain.context"]
DEMO = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "captures", "demo.pcap")


def req(method, cseq=1, branch="z9hG4bK1", extra=""):
    return sipx.request(method, cseq=cseq, branch=branch, extra=extra, call_id="modes@example.com")


def resp(code, reason, method="INVITE", cseq=1, branch="z9hG4bK1", extra=""):
    return sipx.response(code, reason, method=method, cseq=cseq, branch=branch, extra=extra,
                         call_id="modes@example.com")


class OutputModesTest(sipx.WorkspaceTest):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.demo = cls.ws.add_file(DEMO)

    def column(self, fields, extra=()):
        """frame number -> value of the last field, for frames that have it."""
        rows = self.ws.fields(self.demo, ["frame.number"] + fields, extra=extra)
        return {r[0]: r[-1] for r in rows if r[-1]}

    def test_each_field_alone_equals_whole_tree(self):
        # -e _ws.expert.message needs the whole subtree (expert info hangs
        # on its items): that run is the reference.
        whole = self.ws.fields(self.demo, ["frame.number"] + PLUGIN_FIELDS + ["_ws.expert.message"])
        self.assertGreater(sum(1 for r in whole if r[1]), 10, "the demo capture has responses")
        for i, field in enumerate(PLUGIN_FIELDS):
            with self.subTest(field=field):
                want = {r[0]: r[1 + i] for r in whole if r[1 + i]}
                self.assertTrue(want, "%s is empty in the whole tree" % field)
                self.assertEqual(self.column([field]), want)

    def test_named_field_with_a_filter_on_another(self):
        # The filter primes sip_explain.class; only the code is printed.
        rows = self.ws.fields(self.demo, ["frame.number", "sip_explain.code"],
                              display_filter="sip_explain.class == 4")
        codes = {r[1] for r in rows}
        self.assertTrue(codes)
        self.assertTrue(all(c.startswith("4") for c in codes), codes)
        # Same packets as SIP's own field says.
        sip = self.ws.fields(self.demo, ["frame.number"], display_filter="sip.Status-Code >= 400 && sip.Status-Code < 500")
        self.assertEqual([r[0] for r in rows], [r[0] for r in sip])

    def test_grouped_and_attached_options(self):
        rows = self.ws.tshark(["-nr", self.demo, "-Tfields", "-esip_explain.code", "-qe", "sip_explain.reason",
                               "-Y", "sip_explain.code == 489"]).stdout.splitlines()
        self.assertTrue(rows)
        self.assertTrue(all(r == "489\tBad Event" for r in rows), rows)

    def test_json_with_named_fields(self):
        out = self.ws.tshark(["-r", self.demo, "-T", "json", "-e", "sip_explain.code", "-e", "sip_explain.class",
                              "-Y", "sip_explain.code == 407"]).stdout
        packets = json.loads(out)
        self.assertTrue(packets)
        for p in packets:
            layers = p["_source"]["layers"]
            self.assertEqual(layers["sip_explain.code"], ["407"])
            self.assertEqual(layers["sip_explain.class"], ["4"])

    def test_filters_with_and_without_the_protocol_agree(self):
        # A filter naming only our fields gets them without the Explanation
        # item (nobody sees it); naming the protocol too brings it back.
        # Either way the same packets match, those SIP's own field picks.
        def frames(flt):
            return [r[0] for r in self.ws.fields(self.demo, ["frame.number"], display_filter=flt)]
        fields_only = frames("sip_explain.class >= 4")
        self.assertTrue(fields_only)
        self.assertEqual(frames("sip_explain && sip_explain.class >= 4"), fields_only)
        self.assertEqual(frames("sip.Status-Code >= 400"), fields_only)
        self.assertEqual(frames("sip_explain"), frames("sip.Status-Code"))

    def test_protocol_named_gives_the_whole_subtree(self):
        rows = self.ws.fields(self.demo, ["sip_explain"], display_filter="sip_explain.code == 489")
        self.assertTrue(rows)
        self.assertTrue(all(r[0].startswith("SIP Response Explanation: 489 Bad Event") for r in rows), rows)

    def test_disabled_protocol_does_nothing(self):
        # The plugin is dissected without a protocol handle: disabling
        # sip_explain (Analyze > Enabled Protocols, --disable-protocol) must
        # still turn it off in every mode, and enabled it names itself in
        # expert info.
        off = ["--disable-protocol", "sip_explain"]
        self.assertTrue(self.column(["sip_explain.code"]))
        self.assertFalse(self.column(["sip_explain.code"], extra=off))
        self.assertFalse(self.column(["_ws.expert.message"], extra=off + ["-Y", "sip_explain"]))
        verbose = self.ws.tshark(["-r", self.demo, "-V"] + off).stdout
        self.assertIn("Session Initiation Protocol", verbose)
        self.assertNotIn("SIP Response Explanation", verbose)
        on = self.ws.tshark(["-r", self.demo, "-q", "-z", "expert"]).stdout
        self.assertIn("SIP Explain", on)
        self.assertNotIn("SIP Explain", self.ws.tshark(["-r", self.demo, "-q", "-z", "expert"] + off).stdout)

    def test_expert_tap_keeps_what_expert_info_needs(self):
        chal = 'WWW-Authenticate: Digest realm="example.com", nonce="abc"'
        pcap = self.ws.capture([
            req("REGISTER", cseq=1, branch="z9hG4bKr1"),
            resp(401, "Unauthorized", "REGISTER", cseq=1, branch="z9hG4bKr1", extra=chal),
            req("REGISTER", cseq=2, branch="z9hG4bKr2",
                extra='Authorization: Digest username="alice", realm="example.com", nonce="abc", response="x"'),
            resp(401, "Unauthorized", "REGISTER", cseq=2, branch="z9hG4bKr2", extra=chal),
            req("INVITE", cseq=3, branch="z9hG4bKi3"),
            req("CANCEL", cseq=3, branch="z9hG4bKi3", extra="Reason: Q.850;cause=300"),
            resp(200, "OK", "CANCEL", cseq=3, branch="z9hG4bKi3"),
            resp(487, "Request Terminated", cseq=3, branch="z9hG4bKi3"),
        ])
        out = self.ws.tshark(["-r", pcap, "-q", "-z", "expert"]).stdout
        self.assertRegex(out, r"\n\s+1\s+Sequence\s+SIP Explain\s+401 on the nonce the credentials answered")
        self.assertRegex(out, r"\n\s+2\s+Malformed\s+SIP Explain\s+Reason on the CANCEL in frame 6 Q.850 cause 300")
        # The same expert infos as with a tree.
        tree = self.ws.fields(pcap, ["_ws.expert.message"])
        self.assertEqual(sum(1 for r in tree if "401 on the nonce the credentials answered" in r[0]), 1)


if __name__ == "__main__":
    unittest.main()
