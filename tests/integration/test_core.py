"""Checks that every SIP response gets an Explanation subtree that tshark can
filter on, with texts from data/responses.ini."""
import re
import unittest

import data_files
import sipx

CLASS_NAMES = {1: "Provisional", 2: "Success", 3: "Redirection",
               4: "Client Failure", 5: "Server Failure", 6: "Global Failure"}
SEVERITY_LEVEL = {"Chat": "2097152", "Note": "4194304", "Warning": "6291456", "Error": "8388608"}


class CoreTest(sipx.WorkspaceTest):
    # in the fast tier, ctest -L fast (tests/lib/list_tests.py)
    CTEST_FAST = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.data = data_files.load_data("responses.ini")
        cls.iana = data_files.iana_codes()

    def test_every_registered_code(self):
        codes = sorted(self.iana)
        pcap = self.ws.capture([sipx.response(c, self.iana[c][0], cseq=i + 1)
                                for i, c in enumerate(codes)])
        rows = self.ws.fields(pcap, ["frame.number", "sip_explain.code", "sip_explain.class",
                                     "sip_explain.registered", "sip_explain.reason",
                                     "sip_explain.rfc", "sip_explain.description",
                                     "sip_explain.when", "sip_explain.fix"])
        self.assertEqual(len(rows), len(codes))
        descriptions = set()
        for row, code in zip(rows, codes):
            reason, rfc = self.iana[code]
            frame, got_code, klass, registered, got_reason, got_rfc, desc, when, fix = row
            with self.subTest(code=code):
                self.assertEqual(int(got_code), code)
                self.assertEqual(int(klass), code // 100)
                self.assertEqual(registered, sipx.FIELD_TRUE)
                self.assertEqual(got_reason, reason)
                self.assertTrue(got_rfc.startswith("RFC %d" % rfc), got_rfc)
                group = self.data[str(code)]
                # Each response answers an INVITE: its INVITE texts where it has them.
                self.assertEqual(desc, group.get("Description@INVITE", group["Description"]))
                self.assertEqual(when, group.get("When@INVITE", group["When"]))
                self.assertEqual(fix, group.get("Fix@INVITE", group["Fix"]))
                descriptions.add(desc)
        self.assertEqual(len(descriptions), len(codes), "each code has its own description")

    def test_data_covers_exactly_the_registry(self):
        codes = {int(g) for g in self.data.sections() if g.isdigit()}
        self.assertEqual(codes, set(self.iana))
        for code, (reason, rfc) in self.iana.items():
            group = self.data[str(code)]
            self.assertEqual(group["Reason"], reason)
            self.assertEqual(int(group["RFC"].split(";")[0]), rfc)
            self.assertEqual(group["Class"], CLASS_NAMES[code // 100])

    def test_unregistered_codes_get_their_class(self):
        codes = [150, 299, 399, 499, 599, 699]
        pcap = self.ws.capture([sipx.response(c, "Vendor Specific") for c in codes])
        rows = self.ws.fields(pcap, ["sip_explain.code", "sip_explain.class", "sip_explain.registered",
                                     "sip_explain.reason", "sip_explain.description",
                                     "sip_explain.summary"])
        self.assertEqual([int(r[0]) for r in rows], codes)
        for row, code in zip(rows, codes):
            with self.subTest(code=code):
                self.assertEqual(int(row[1]), code // 100)
                self.assertEqual(row[2], sipx.FIELD_FALSE)
                self.assertEqual(row[3], "", "no registered phrase for an unregistered code")
                self.assertEqual(row[4], self.data["%dxx" % (code // 100)]["Description"])
                self.assertIn("unregistered", row[5])

    def test_two_responses_in_one_tcp_segment(self):
        seg = sipx.response(489, "Bad Event", method="SUBSCRIBE", extra="Allow-Events: presence") + \
            sipx.response(200, "OK", method="SUBSCRIBE", cseq=2)
        pcap = self.ws.capture([seg], transport="tcp")
        rows = self.ws.fields(pcap, ["sip_explain.code", "sip_explain.reason", "sip_explain.class"])
        self.assertEqual(rows, [["489|200", "Bad Event|OK", "4|2"]])
        verbose = self.ws.tshark(["-r", pcap, "-V", "-O", "sip_explain"]).stdout
        self.assertEqual(verbose.count("SIP Response Explanation: "), 2)
        self.assertIn("SIP Response Explanation: 489 Bad Event (Client Failure)", verbose)

    def test_requests_are_not_explained(self):
        pcap = self.ws.capture([sipx.request("INVITE"), sipx.request("BYE", cseq=2)])
        rows = self.ws.fields(pcap, ["frame.number", "sip_explain.code"])
        self.assertEqual(rows, [["1", ""], ["2", ""]])

    def test_display_filters(self):
        pcap = self.ws.capture([sipx.response(180, "Ringing"), sipx.response(486, "Busy Here"),
                                sipx.response(503, "Service Unavailable"), sipx.request("ACK")])
        def frames(f):
            return [r[0] for r in self.ws.fields(pcap, ["frame.number"], display_filter=f)]
        self.assertEqual(frames("sip_explain"), ["1", "2", "3"])
        self.assertEqual(frames("sip_explain.class >= 4"), ["2", "3"])
        self.assertEqual(frames("sip_explain.code == 486"), ["2"])
        self.assertEqual(frames('sip_explain.reason == "Service Unavailable"'), ["3"])
        self.assertEqual(frames('sip_explain.fix contains "Retry-After"'),
                         [f for f, c in (("2", 486), ("3", 503))
                          if "Retry-After" in self.data[str(c)]["Fix"]] + [])

    def test_odd_shapes(self):
        msgs = [
            sipx.response(486, ""),                             # empty reason phrase
            sipx.response(486, "Occupied"),                     # non-standard phrase
            sipx.response(486, "busy here"),                    # case differs only
            sipx.response("099", "Too Low"),
            sipx.response(799, "Too High"),
            sipx.response(404, "Not Found", omit=("CSeq",)),
            sipx.response(404, "Not Found", omit=("Call-ID",)),
            sipx.response(404, "Not Found", omit=("CSeq", "Call-ID", "Via", "From", "To")),
        ]
        pcap = self.ws.capture(msgs)
        rows = self.ws.fields(pcap, ["frame.number", "sip_explain.code", "sip_explain.class",
                                     "sip_explain.registered", "_ws.expert.message"])
        by_frame = {r[0]: r[1:] for r in rows}
        self.assertEqual(by_frame["1"][0], "486")
        self.assertIn("Empty reason phrase", by_frame["1"][3])
        self.assertIn('Reason phrase "Occupied" differs from the registered "Busy Here"', by_frame["2"][3])
        self.assertNotIn("differs", by_frame["3"][3])
        # Out of range: a code, no class, not registered, a malformed warning.
        # Wireshark's SIP dissector takes any three digits as a status code
        # (4.0 and later): an empty code here is the plugin's regression.
        for frame, code in (("4", "99"), ("5", "799")):
            code_val, klass, registered, expert = by_frame[frame]
            self.assertEqual(code_val, code)
            self.assertEqual(klass, "")
            self.assertEqual(registered, sipx.FIELD_FALSE)
            self.assertRegex(expert, r"outside 100-699")
        for frame in ("6", "7", "8"):
            self.assertEqual(by_frame[frame][0], "404", "frame %s" % frame)
            self.assertEqual(by_frame[frame][1], "4")
        # Not a status line for SIP ("SIP/2.0 486" with no space, a 4-digit
        # code): nothing to explain, and nothing breaks.
        pcap = self.ws.capture([sipx.response(486, None), sipx.response(4860, "Busy")])
        rows = self.ws.fields(pcap, ["frame.number", "sip_explain.code"])
        self.assertEqual(rows, [["1", ""], ["2", ""]])

    def test_expert_severity_per_code(self):
        codes = [100, 200, 401, 407, 487, 486, 603, 480, 489, 420, 408, 481, 500, 503]
        pcap = self.ws.capture([sipx.response(c, self.iana[c][0]) for c in codes])
        rows = self.ws.fields(pcap, ["sip_explain.code", "_ws.expert.severity", "_ws.expert.message",
                                     "sip_explain.severity"])
        for row, code in zip(rows, codes):
            expected = self.data[str(code)]["Severity"]
            # The response's own expert info (conformance checks may add more).
            pairs = dict(zip(row[2].split("|"), row[1].split("|")))
            mine = [m for m in pairs if m.startswith("%d %s (" % (code, self.iana[code][0]))]
            with self.subTest(code=code):
                self.assertEqual(len(mine), 1, row)
                self.assertEqual(pairs[mine[0]], SEVERITY_LEVEL[expected])
        # The severity policy in the header of data/responses.ini.
        sev = {c: self.data[str(c)]["Severity"] for c in self.iana}
        for c in (100, 180, 183, 200, 202, 401, 407, 487):
            self.assertEqual(sev[c], "Chat", c)
        for c in (486, 600, 603, 480):
            self.assertEqual(sev[c], "Note", c)
        for c in list(range(500, 600)) + [408, 481, 482, 483]:
            if c in sev:
                self.assertIn(sev[c], ("Warning", "Error"), c)

    def test_expert_tap_without_tree(self):
        """tshark -z expert builds no protocol tree: the plugin still reports."""
        codes = [486, 489, 500, 200]
        pcap = self.ws.capture([sipx.response(c, self.iana[c][0], method="SUBSCRIBE" if c == 489 else "INVITE")
                                for c in codes])
        # The four responses share a Call-ID: one flow, whose outcome items
        # are tested in test_call_outcomes.py; here the code's items alone.
        out = self.ws.tshark(["-r", pcap, "-q", "-z", "expert", "-o", "sip_explain.outcomes:FALSE"]).stdout
        for code in codes:
            self.assertRegex(out, r"SIP Explain\s+%d %s \(" % (code, re.escape(self.iana[code][0])))
        counts = dict(re.findall(r"^(Errors|Warns|Notes|Chats) \((\d+)\)", out, re.M))
        self.assertEqual(counts, {"Errors": "1", "Warns": "1", "Notes": "1", "Chats": "1"})

    def test_two_pass_and_verbose(self):
        pcap = self.ws.capture([sipx.response(603, "Decline")])
        out = self.ws.tshark(["-r", pcap, "-2", "-V", "-O", "sip_explain"]).stdout
        self.assertIn("SIP Response Explanation: 603 Decline (Global Failure)", out)
        self.assertIn("Class: Global Failure (6)", out)
        self.assertIn("Defined in: RFC 3261", out)
        # Long texts are shown whole, on wrapped lines under their field.
        flat = " ".join(out.split())
        for key, label in (("Description", "Description:"), ("When", "When you see it:"), ("Fix", "How to fix it:")):
            text = self.data["603"][key]
            self.assertIn(" ".join(text.split()), flat)
            if len(text.encode()) > 150:
                self.assertIn("[%s]" % label, out)

    def test_without_plugin_no_fields(self):
        pcap = self.ws.capture([sipx.response(603, "Decline")])
        proc = self.ws.tshark(["-r", pcap, "-Y", "sip_explain"], check=False, plugin=False)
        self.assertNotEqual(proc.returncode, 0)
        self.assertIn("sip_explain", proc.stderr)


if __name__ == "__main__":
    unittest.main()
