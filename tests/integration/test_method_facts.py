"""Checks that a response to a method the code has texts for is judged with
that method's facts (data/responses.ini Severity@METHOD=, issue 25, review
E-6): its expert item is raised with the method's severity, under an expert
field of its own, and sip_explain.code_severity shows it; a method without
texts of its own keeps the code's severity.

SPDX-License-Identifier: GPL-2.0-or-later
"""
import unittest

import sipx

# Wireshark's PI_* severities as -T fields prints _ws.expert.severity.
PI = {"Chat": 0x00200000, "Note": 0x00400000, "Warning": 0x00600000, "Error": 0x00800000}
# sip_explain.code_severity (sip_explain_severity_t).
SEV = {"Chat": 0, "Note": 1, "Warning": 2, "Error": 3}

# (code, reason, CSeq method, the severity expected, why). Frames are
# numbered from 1 in this order.
CASES = [
    # RFC 3261 section 15.1.2: a BYE that matches no dialog is answered 481;
    # for the receiver the call is already over, which is usually harmless.
    (481, "Call/Transaction Does Not Exist", "BYE", "Note"),
    # Section 12.2.1.2: a 481 to a re-INVITE ends the dialog (a fault).
    (481, "Call/Transaction Does Not Exist", "INVITE", "Warning"),
    # 481 has no texts for UPDATE: the code's severity.
    (481, "Call/Transaction Does Not Exist", "UPDATE", "Warning"),
    # Section 21.4.18 defines 480 for a callee; to REGISTER it is the
    # registrar's own unavailability, a fault of the server.
    (480, "Temporarily Unavailable", "REGISTER", "Warning"),
    (480, "Temporarily Unavailable", "INVITE", "Note"),
    # Section 11.2: any answer to OPTIONS shows the peer is up; 501
    # (section 21.5.2) only says it does not implement OPTIONS.
    (501, "Not Implemented", "OPTIONS", "Note"),
    (501, "Not Implemented", "INVITE", "Warning"),
]


class MethodFactsTest(sipx.WorkspaceTest):
    # in the fast tier, ctest -L fast (tests/lib/list_tests.py)
    CTEST_FAST = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        messages = [sipx.response(code, reason, method=method, cseq=i + 1, call_id="facts%d@example.com" % i)
                    for i, (code, reason, method, _) in enumerate(CASES)]
        cls.pcap = cls.ws.capture(messages)

    def response_expert(self, row, code):
        """The severity of the response's own expert item in a row of
        _ws.expert.message and _ws.expert.severity (the frame may carry
        findings' items too)."""
        messages, severities = row[0].split("|"), row[1].split("|")
        self.assertEqual(len(messages), len(severities))
        own = [int(s, 0) for m, s in zip(messages, severities) if m.startswith("%d " % code)]
        self.assertEqual(len(own), 1, messages)
        return own[0]

    def test_expert_severity_is_the_methods(self):
        rows = self.ws.fields(self.pcap, ["_ws.expert.message", "_ws.expert.severity"], "sip_explain")
        self.assertEqual(len(rows), len(CASES))
        for row, (code, _, method, severity) in zip(rows, CASES):
            with self.subTest(code=code, method=method):
                self.assertEqual(self.response_expert(row, code), PI[severity])

    def test_code_severity_in_the_tree(self):
        # Asked for alone (no text read), the method is still read for it.
        rows = self.ws.fields(self.pcap, ["sip_explain.code_severity"], "sip_explain")
        self.assertEqual([r[0] for r in rows], [str(SEV[c[3]]) for c in CASES])
        out = self.ws.tshark(["-r", self.pcap, "-V", "-O", "sip_explain", "-Y", "frame.number == 1"]).stdout
        self.assertIn("Code severity: Note (1)", out)
        self.assertIn("[Expert Info (Note/Response): 481 Call/Transaction Does Not Exist", out)

    def test_expert_field_of_the_method(self):
        """The expert item of a method with a severity of its own has a field
        of its own (sip_explain.response.481.bye), so that a filter or the
        Expert Information dialog tells it from the code's."""
        rows = self.ws.fields(self.pcap, ["frame.number"], "sip_explain.response.481.bye")
        self.assertEqual(rows, [["1"]])
        rows = self.ws.fields(self.pcap, ["frame.number"], "sip_explain.response.481")
        self.assertEqual(rows, [["2"], ["3"]])
        rows = self.ws.fields(self.pcap, ["frame.number"], "sip_explain.response.480.register")
        self.assertEqual(rows, [["4"]])

    def test_min_severity_uses_the_methods(self):
        """With min_severity Warning, the Note of a 481 to BYE is not raised,
        the Warning of a 481 to INVITE is."""
        rows = self.ws.fields(self.pcap, ["frame.number"], "sip_explain.response.481 || sip_explain.response.481.bye",
                              ["-o", "sip_explain.min_severity:warning"])
        self.assertEqual(rows, [["2"], ["3"]])


if __name__ == "__main__":
    unittest.main()
