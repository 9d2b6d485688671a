"""Causes beyond the status code: Reason values, vendor diagnostics and who answered.

Responses (and the BYE or CANCEL a response answers) carrying the headers
vendors and carriers use to say why a call failed or ended. Expectations
come from the sources, not from the plugin:
  - RFC 3326 section 2: Reason: protocol ;cause= ;text=, cause optional;
    RFC 9366: several values, one per protocol.
  - RFC 3398 section 7.2.4.1: Q.850 cause 17 is released as 486, 18 as
    408, 21 as 403 (603 allowed where the user rejected the call).
  - RFC 9410 section 4: Reason: STIR ;cause=<STIR status code> ;ppi= the
    PASSporT, full or compact ("..<signature>"); 436 is "Bad Identity
    Info" (RFC 8224 section 13.2).
  - FreeSWITCH switch_types.h: hangup causes 601 and 801
    ATTENDED_TRANSFER, 609 and 809 GATEWAY_DOWN, 603 USER_CHALLENGE; its
    mod_sofia sends causes >= 128 as Reason: SIP;cause=N;text="NAME".
  - [MS-OCER] section 2.2.1.2: ms-diagnostics: <id>[.<sub>];reason=;source=;
    ids 12000-12999 are outbound call routing (VoIP).
  - Asterisk: X-Asterisk-HangupCauseCode is a Q.850 cause (16: normal
    clearing), X-Asterisk-HangupCause its text.
  - Twilio: X-Twilio-Error: <code> <message> (the message is free text);
    32011 is "Error communicating with your SIP communications
    infrastructure" in its public error catalogue.
Each text is checked in English, Russian and Vietnamese where the plugin
writes one; values found in the packet stay as found.
"""
import os
import unittest

import sipp_expected
import sipx
import tshark_env

TEAMS_ID = "0a1b2c3d-4e5f-4789-abcd-ef0123456789"
CAUSE_FIELDS = ["frame.number", "sip_explain.cause", "sip_explain.cause.header", "sip_explain.cause.protocol",
                "sip_explain.cause.code", "sip_explain.cause.name", "sip_explain.cause.text",
                "sip_explain.cause.source", "sip_explain.cause.correlation_id", "sip_explain.sent_by",
                "sip_explain.context", "sip_explain.context.malformed", "sip_explain.context.cause_contradicts",
                "sip_explain.context.stir_error"]
LANGS = ("en", "ru", "vi")


def invite(cseq=1, call_id="c1@example.com", extra=""):
    return sipx.request("INVITE", cseq=cseq, call_id=call_id, extra=extra)


class CausesTest(sipx.WorkspaceTest):
    """One capture of single responses, each answering an INVITE of its own Call-ID."""

    CASES = {
        # name: (code, reason phrase, headers of the response)
        "q850_busy": (486, "Busy Here", 'Reason: Q.850;cause=17;text="User busy"'),
        "q850_contradicts": (480, "Temporarily Unavailable", 'Reason: Q.850;cause=17;text="User busy"'),
        "q850_rejected_603": (603, "Decline", "Reason: Q.850;cause=21"),
        "teams": (480, "Temporarily Unavailable",
                  'Reason: Q.850;cause=18;text="%s;No callee endpoints were found."\r\n'
                  'Server: Microsoft.PSTNHub.SIPProxy v.2022.1.1.1' % TEAMS_ID),
        "freeswitch_new": (500, "Server Internal Error", 'Reason: SIP;cause=801;text="ATTENDED_TRANSFER"'),
        "freeswitch_old": (500, "Server Internal Error", 'Reason: SIP;cause=609;text="GATEWAY_DOWN"'),
        "freeswitch_by_text": (500, "Server Internal Error", 'Reason: SIP;cause=603;text="USER_CHALLENGE"'),
        "sip_603": (500, "Server Internal Error", 'Reason: SIP;cause=603;text="Decline"'),
        "freeswitch_protocol": (500, "Server Internal Error", 'Reason: FreeSWITCH;cause=609;text="GATEWAY_DOWN"'),
        "two_values": (480, "Temporarily Unavailable", 'Reason: SIP;cause=480, Q.850;cause=19'),
        "no_cause": (480, "Temporarily Unavailable", 'Reason: SIP;text="Hung up by script"'),
        "other_protocol": (480, "Temporarily Unavailable", "Reason: X-ACME;cause=42"),
        "stir": (180, "Ringing", 'Reason: STIR;cause=436;text="Bad Identity Info";ppi="..c2lnbmF0dXJl"'),
        "ms_range": (404, "Not Found",
                     'ms-diagnostics: 12345;reason="No route";source="mediation.contoso.com"'),
        "ms_public": (403, "Forbidden", 'ms-diagnostics-public: 12345;reason="No route"'),
        "ms_unknown_id": (404, "Not Found", 'ms-diagnostics: 980000;reason="Out of range"'),
        "asterisk": (486, "Busy Here", "X-Asterisk-HangupCause: User busy\r\nX-Asterisk-HangupCauseCode: 17"),
        "asterisk_text_only": (486, "Busy Here", "X-Asterisk-HangupCause: User busy"),
        "twilio": (502, "Bad Gateway", "X-Twilio-Error: 32011 Error communicating with target SIP endpoint"),
        "twilio_unknown": (502, "Bad Gateway", "X-Twilio-Error: 10001 Something else"),
        "user_agent": (486, "Busy Here", "User-Agent: Linphone/5.2"),
        # Bad input: a clear finding and a Malformed note, never a crash.
        "bad_ms": (500, "Server Internal Error", 'ms-diagnostics: abc;reason="x'),
        "bad_twilio": (500, "Server Internal Error", "X-Twilio-Error: oops no code"),
        "bad_asterisk": (500, "Server Internal Error", "X-Asterisk-HangupCauseCode: 999"),
        "bad_ppi": (500, "Server Internal Error", 'Reason: STIR;cause=436;ppi="not a passport"'),
        "huge_id": (500, "Server Internal Error", "ms-diagnostics: 99999999999999999999999;reason=x"),
        "bad_q850": (500, "Server Internal Error", "Reason: Q.850;cause=300"),
        "truncated": (500, "Server Internal Error", 'Reason: Q.850;cause=16;text="unterminated'),
    }

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.frame = {}
        msgs = []
        for i, (name, (code, phrase, headers)) in enumerate(sorted(cls.CASES.items())):
            cid = "%s@causes.example.com" % name
            msgs.append(invite(call_id=cid))
            msgs.append(sipx.response(code, phrase, call_id=cid, extra=headers))
            cls.frame[name] = len(msgs)
        cls.pcap = cls.ws.capture(msgs, name="causes.pcap")
        cls.rows = {}
        for lang in LANGS:
            rows = cls.ws.fields(cls.pcap, CAUSE_FIELDS, "sip.Status-Code",
                                 extra=["-o", "sip_explain.language:" + lang])
            cls.rows[lang] = {int(r[0]): dict(zip(CAUSE_FIELDS, r)) for r in rows}

    def row(self, name, lang="en"):
        return self.rows[lang][self.frame[name]]

    def findings(self, name, lang="en"):
        return self.row(name, lang)["sip_explain.context"]

    def field(self, name, field):
        return self.row(name)[field]

    def assert_in_all(self, name, words):
        """Each language's findings contain its words (a dict lang -> list)."""
        for lang, want in words.items():
            for w in want:
                self.assertIn(w, self.findings(name, lang), "%s [%s]" % (name, lang))

    # ---- Reason ----

    def test_q850_matches_status(self):
        self.assertEqual(self.field("q850_busy", "sip_explain.cause.protocol"), "Q.850")
        self.assertEqual(self.field("q850_busy", "sip_explain.cause.code"), "17")
        self.assertEqual(self.field("q850_busy", "sip_explain.context.cause_contradicts"), "")
        self.assertEqual(self.field("q850_rejected_603", "sip_explain.context.cause_contradicts"), "")

    def test_q850_contradicting_status(self):
        # Cause 17 is released as 486 (RFC 3398 section 7.2.4.1), not 480.
        self.assertNotEqual(self.field("q850_contradicts", "sip_explain.context.cause_contradicts"), "")
        out = self.ws.tshark(["-r", self.pcap, "-q", "-z", "expert,note"]).stdout
        self.assertIn("Reason Q.850 cause 17 (User busy) maps to 486 by RFC 3398 section 7.2.4.1, not to 480", out)

    def test_teams_correlation_id(self):
        self.assertEqual(self.field("teams", "sip_explain.cause.correlation_id"), TEAMS_ID)
        self.assertEqual(self.field("teams", "sip_explain.cause.text"), "No callee endpoints were found.")
        self.assert_in_all("teams", {"en": ["correlation id " + TEAMS_ID], "ru": ["идентификатор корреляции"],
                                     "vi": ["mã tương quan"]})

    def test_freeswitch_causes(self):
        for name, code, cause in (("freeswitch_new", "801", "ATTENDED_TRANSFER"),
                                  ("freeswitch_old", "609", "GATEWAY_DOWN"),
                                  ("freeswitch_by_text", "603", "USER_CHALLENGE"),
                                  ("freeswitch_protocol", "609", "GATEWAY_DOWN")):
            self.assertEqual(self.field(name, "sip_explain.cause.protocol"), "FreeSWITCH", name)
            self.assertEqual(self.field(name, "sip_explain.cause.code"), code, name)
            self.assertEqual(self.field(name, "sip_explain.cause.name"), cause, name)
        self.assert_in_all("freeswitch_new", {"en": ["FreeSWITCH's hangup cause ATTENDED_TRANSFER",
                                                     "not a SIP status code"],
                                              "ru": ["FreeSWITCH", "ATTENDED_TRANSFER"],
                                              "vi": ["FreeSWITCH", "ATTENDED_TRANSFER"]})
        # The text said once: the name.
        self.assertNotIn('text "ATTENDED_TRANSFER"', self.findings("freeswitch_new"))
        # 603 is Decline, a registered status code, unless the text names FreeSWITCH's cause.
        self.assertEqual(self.field("sip_603", "sip_explain.cause.protocol"), "SIP")
        self.assertEqual(self.field("sip_603", "sip_explain.cause.name"), "Decline")

    def test_every_reason_value(self):
        self.assertEqual(self.field("two_values", "sip_explain.cause.protocol"), "SIP|Q.850")
        self.assertEqual(self.field("two_values", "sip_explain.cause.code"), "480|19")

    def test_reason_without_cause(self):
        self.assertEqual(self.field("no_cause", "sip_explain.cause.text"), "Hung up by script")
        self.assertEqual(self.field("no_cause", "sip_explain.cause.code"), "")
        self.assertIn("no cause given", self.findings("no_cause"))

    def test_other_protocol_raw(self):
        self.assertEqual(self.field("other_protocol", "sip_explain.cause.protocol"), "X-ACME")
        self.assertEqual(self.field("other_protocol", "sip_explain.cause.code"), "42")

    def test_stir(self):
        self.assertEqual(self.field("stir", "sip_explain.cause.protocol"), "STIR")
        self.assertEqual(self.field("stir", "sip_explain.cause.code"), "436")
        self.assertEqual(self.field("stir", "sip_explain.cause.name"), "Bad Identity Info")
        self.assertNotEqual(self.field("stir", "sip_explain.context.stir_error"), "")
        self.assert_in_all("stir", {"en": ["STIR cause 436", "compact form", "RFC 9410"],
                                    "ru": ["причина STIR 436", "компактной форме"],
                                    "vi": ["nguyên nhân STIR 436", "dạng rút gọn"]})

    # ---- ms-diagnostics ----

    def test_ms_diagnostics_range(self):
        self.assertEqual(self.field("ms_range", "sip_explain.cause.header"), "ms-diagnostics")
        self.assertEqual(self.field("ms_range", "sip_explain.cause.code"), "12345")
        self.assertEqual(self.field("ms_range", "sip_explain.cause.source"), "mediation.contoso.com")
        self.assertEqual(self.field("ms_range", "sip_explain.cause.text"), "No route")
        self.assertIn("outbound", self.findings("ms_range").lower())
        self.assertIn("from mediation.contoso.com", self.findings("ms_range"))
        self.assertEqual(self.field("ms_public", "sip_explain.cause.header"), "ms-diagnostics-public")
        self.assertIn("outside the ranges", self.findings("ms_unknown_id"))

    # ---- Asterisk and Twilio ----

    def test_asterisk(self):
        self.assertEqual(self.field("asterisk", "sip_explain.cause.protocol"), "Q.850")
        self.assertEqual(self.field("asterisk", "sip_explain.cause.code"), "17")
        self.assertEqual(self.field("asterisk", "sip_explain.cause.text"), "User busy")
        self.assert_in_all("asterisk", {"en": ["X-Asterisk-HangupCauseCode: Asterisk's hangup cause 17"],
                                        "ru": ["причина разъединения Asterisk 17"],
                                        "vi": ["mã kết thúc cuộc gọi của Asterisk 17"]})
        self.assertIn('"User busy"', self.findings("asterisk_text_only"))
        self.assertEqual(self.field("asterisk_text_only", "sip_explain.cause.code"), "")

    def test_twilio(self):
        self.assertEqual(self.field("twilio", "sip_explain.cause.protocol"), "Twilio")
        self.assertEqual(self.field("twilio", "sip_explain.cause.code"), "32011")
        self.assertEqual(self.field("twilio", "sip_explain.cause.name"),
                         "Error communicating with your SIP communications infrastructure")
        self.assertEqual(self.field("twilio", "sip_explain.cause.text"), "Error communicating with target SIP endpoint")
        self.assertIn("X-Twilio-Error 32011", self.findings("twilio"))
        self.assertIn("does not know", self.findings("twilio_unknown"))

    # ---- Who answered ----

    def test_sent_by(self):
        self.assertEqual(self.field("teams", "sip_explain.sent_by"), "Microsoft.PSTNHub.SIPProxy v.2022.1.1.1")
        self.assertEqual(self.field("user_agent", "sip_explain.sent_by"), "Linphone/5.2")
        self.assert_in_all("user_agent", {"en": ["Sent by Linphone/5.2 (User-Agent)"],
                                          "ru": ["Linphone/5.2 (User-Agent)"], "vi": ["Linphone/5.2 (User-Agent)"]})

    # ---- Bad input ----

    def test_bad_values(self):
        for name in ("bad_ms", "bad_twilio", "bad_asterisk", "bad_ppi", "huge_id", "bad_q850"):
            self.assertNotEqual(self.field(name, "sip_explain.context.malformed"), "", name)
        self.assertIn('ms-diagnostics "abc": the error id is not a number', self.findings("bad_ms"))
        self.assertIn('X-Twilio-Error "oops no code" does not start with an error code', self.findings("bad_twilio"))
        self.assertIn('"999" is not a Q.850 cause', self.findings("bad_asterisk"))
        self.assertIn("is not a PASSporT", self.findings("bad_ppi"))
        self.assertEqual(self.field("truncated", "sip_explain.cause.code"), "16")


class RequestCausesTest(sipx.WorkspaceTest):
    """The causes a BYE or CANCEL carried, on the response that answers it."""

    def test_bye_causes_on_its_answer(self):
        cid = "bye@causes.example.com"
        bye = sipx.request("BYE", cseq=2, call_id=cid,
                           extra='Reason: SIP;cause=601;text="ATTENDED_TRANSFER"\r\n'
                                 'X-Asterisk-HangupCause: Normal Clearing\r\nX-Asterisk-HangupCauseCode: 16')
        pcap = self.ws.capture([bye, sipx.response(200, "OK", method="BYE", cseq=2, call_id=cid)])
        for lang, words in (("en", ["Reason on the BYE in frame 1: SIP cause 601 is FreeSWITCH's hangup cause",
                                    "X-Asterisk-HangupCauseCode on the BYE in frame 1: Asterisk's hangup cause 16"]),
                            ("ru", ["Reason в запросе BYE в кадре 1", "X-Asterisk-HangupCauseCode в запросе BYE"]),
                            ("vi", ["Reason của BYE ở khung 1", "X-Asterisk-HangupCauseCode của BYE"])):
            rows = self.ws.fields(pcap, ["sip_explain.context", "sip_explain.cause.protocol",
                                         "sip_explain.cause.code", "sip_explain.cause.text"],
                                  "sip.Status-Code", extra=["-o", "sip_explain.language:" + lang])
            self.assertEqual(len(rows), 1)
            for w in words:
                self.assertIn(w, rows[0][0], lang)
            self.assertEqual(rows[0][1:3], ["FreeSWITCH|Q.850", "601|16"])
            self.assertEqual(rows[0][3], "ATTENDED_TRANSFER|Normal Clearing")


class UserCausesTest(sipx.WorkspaceTest):
    """The user's table sip_explain_causes: rows add or replace a vendor's code; bad rows are reported and skipped."""

    def test_user_rows(self):
        tshark_env.write_config(self.ws.home, "sip_explain_causes",
                                '# sip_explain_causes: kind, code, name, meaning\n'
                                '"ms-diagnostics","52001","Our SBC refused the trunk","The SBC refused. Call its team."\n'
                                '"freeswitch","835","MY_OWN_CAUSE","A cause of our build."\n'
                                '"asterisk","16","x","y"\n'
                                '"twilio","123456789","x","y"\n')
        try:
            msgs = [invite(call_id="u1@x"), sipx.response(500, "Server Internal Error", call_id="u1@x",
                                                          extra='ms-diagnostics: 52001;reason="trunk"'),
                    invite(call_id="u2@x"), sipx.response(500, "Server Internal Error", call_id="u2@x",
                                                          extra='Reason: SIP;cause=835;text="MY_OWN_CAUSE"')]
            pcap = self.ws.capture(msgs)
            run = self.ws.tshark(["-r", pcap, "-T", "fields", "-e", "sip_explain.context", "-e",
                                  "sip_explain.cause.name", "-Y", "sip.Status-Code"])
            rows = [line.split("\t") for line in run.stdout.splitlines()]
            self.assertIn("Our SBC refused the trunk: The SBC refused.", rows[0][0])
            self.assertEqual(rows[0][1], "Our SBC refused the trunk")
            self.assertEqual(rows[1][1], "MY_OWN_CAUSE")
            self.assertIn("row 3 of the table sip_explain_causes (asterisk '16') is ignored: "
                          "the kind is not freeswitch, ms-diagnostics or twilio", run.stderr)
            self.assertIn("row 4 of the table sip_explain_causes (twilio '123456789') is ignored", run.stderr)
        finally:
            tshark_env.write_config(self.ws.home, "sip_explain_causes", "")


if __name__ == "__main__":
    unittest.main()


class SippCausesTest(sipx.WorkspaceTest):
    """tests/captures/causes.pcap: nine sipp calls (tests/sipp/causes/) that send each header in responses and in
    BYE or CANCEL; tests/sipp/causes/expected.tsv says where each one is."""

    FIELDS = ["frame.number", "sip_explain.outcome", "sip_explain.outcome_text", "sip_explain.context",
              "sip_explain.cause.header", "sip_explain.cause.protocol", "sip_explain.cause.code",
              "sip_explain.cause.name", "sip_explain.cause.text", "sip_explain.cause.source",
              "sip_explain.cause.correlation_id", "sip_explain.context.malformed", "sip_explain.context.stir_error",
              "sip_explain.context.cause_contradicts", "sip_explain.hangup.reason"]

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        here = os.path.dirname(os.path.abspath(__file__))
        cls.pcap = cls.ws.add_file(os.path.join(here, "..", "captures", "causes.pcap"))
        cls.expected = sipp_expected.read_expected(os.path.join(here, "..", "sipp", "causes", "expected.tsv"))
        cls.by_pass = {}
        for passes in ((), ("-2",)):
            rows = cls.ws.fields(cls.pcap, cls.FIELDS, "sip_explain", extra=passes)
            cls.by_pass[passes] = {int(r[0]): dict(zip(cls.FIELDS, r)) for r in rows}

    def response(self, scenario, code, nth=0, passes=("-2",)):
        frames = [f for c, f in self.expected[scenario][1] if c == code]
        return self.by_pass[passes][frames[nth]]

    def outcome_text(self, scenario):
        """The outcome in words of the scenario's call, with -2 (on its deciding response)."""
        first, last = self.expected[scenario][2]
        texts = [r["sip_explain.outcome_text"] for f, r in self.by_pass[("-2",)].items()
                 if first <= f <= last and r["sip_explain.outcome_text"]]
        self.assertEqual(len(texts), 1, scenario)
        return texts[0]

    def test_teams_480(self):
        r = self.response("teams_480", "480")
        self.assertEqual(r["sip_explain.cause.header"], "Reason|ms-diagnostics")
        self.assertEqual(r["sip_explain.cause.code"], "20|10199")
        self.assertEqual(r["sip_explain.cause.correlation_id"], TEAMS_ID)
        self.assertEqual(r["sip_explain.cause.source"], "sip.pstnhub.microsoft.com")
        # RFC 3398: cause 20 (subscriber absent) is released as 480: no contradiction.
        self.assertEqual(r["sip_explain.context.cause_contradicts"], "")
        text = self.outcome_text("teams_480")
        self.assertIn("the response gave its cause: ms-diagnostics: 10199 (Routing rules did not find a final "
                      "response)", text)
        ringing = [f for c, f in self.expected["teams_480"][1] if c == "180"][0]
        self.assertIn("its To tag is not that of the provisional response (frame %d): another element answered"
                      % ringing, text)

    def test_freeswitch_bye(self):
        ok_to_bye = self.response("freeswitch_bye", "200", nth=1)
        self.assertIn("SIP cause 601 is FreeSWITCH's hangup cause ATTENDED_TRANSFER", ok_to_bye["sip_explain.context"])
        self.assertEqual(ok_to_bye["sip_explain.cause.protocol"], "FreeSWITCH")
        text = self.outcome_text("freeswitch_bye")
        self.assertIn("the callee hung up", text)
        self.assertIn("Reason: SIP cause 601 (ATTENDED_TRANSFER)", text)

    def test_asterisk(self):
        text = self.outcome_text("asterisk_bye")
        self.assertIn("the caller hung up", text)
        self.assertIn("X-Asterisk-HangupCauseCode: 16", text)
        busy = self.response("asterisk_486", "486")
        self.assertEqual(busy["sip_explain.cause.header"], "Reason|X-Asterisk-HangupCauseCode")
        self.assertEqual(busy["sip_explain.cause.code"], "17|17")
        self.assertEqual(busy["sip_explain.outcome"], "busy")

    def test_twilio(self):
        r = self.response("twilio_502", "502")
        self.assertEqual(r["sip_explain.cause.name"], "Error communicating with your SIP communications infrastructure")
        self.assertIn("X-Twilio-Error: 32011 Error communicating with target SIP endpoint",
                      self.outcome_text("twilio_502"))

    def test_stir_on_ringing(self):
        r = self.response("stir_call", "180")
        self.assertEqual(r["sip_explain.cause.protocol"], "STIR")
        self.assertNotEqual(r["sip_explain.context.stir_error"], "")
        self.assertIn("compact form", r["sip_explain.context"])

    def test_cancel_answered_elsewhere(self):
        text = self.outcome_text("cancel_elsewhere")
        self.assertTrue(text.startswith("Cancelled: the call was answered on another device"), text)
        self.assertIn("the CANCEL gave its cause: SIP cause 200 (Call completed elsewhere)", text)
        ok_to_cancel = self.response("cancel_elsewhere", "200")
        self.assertIn("Reason on the CANCEL in frame", ok_to_cancel["sip_explain.context"])

    def test_ms_diagnostics_public(self):
        r = self.response("ms_public_403", "403")
        self.assertEqual(r["sip_explain.cause.header"], "ms-diagnostics|ms-diagnostics-public")
        self.assertEqual(r["sip_explain.cause.code"], "1003|4005")
        self.assertEqual(r["sip_explain.cause.source"], "fe01.contoso.com")
        self.assertIn("ms-diagnostics 1003.2", r["sip_explain.context"])

    def test_bad_values(self):
        for passes in ((), ("-2",)):
            r = self.response("bad_values_500", "500", passes=passes)
            # ms-diagnostics id, X-Twilio-Error code, Asterisk cause 999, Q.850 cause 300, the ppi.
            self.assertEqual(len(r["sip_explain.context.malformed"].split("|")), 5, r["sip_explain.context"])

    def test_one_pass_agrees(self):
        for scenario, code in (("teams_480", "480"), ("twilio_502", "502"), ("ms_public_403", "403")):
            one = self.response(scenario, code, passes=())
            two = self.response(scenario, code)
            for f in self.FIELDS[3:-1]:
                self.assertEqual(one[f], two[f], (scenario, f))
