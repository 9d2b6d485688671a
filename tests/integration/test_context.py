"""Checks that each response is explained in its transaction: the request it
answers (sip_explain.request_frame / .request_method), context findings
(sip_explain.context), conformance checks (expert info citing the RFC), and
hostile header values. Text fixtures are built at test time; a further test
runs the sipp scenarios of tests/sipp when sipp is installed.

The RFC sections cited come from data/responses.ini (RequiresRef /
MethodsRef); which header each code requires and which methods it may answer
are written here, from the RFCs: a rule missing from the data is a failure."""
import os
import re
import shutil
import subprocess
import tempfile
import unittest

import data_files
import finding_templates
import run_unittest
import sipx

CONTEXT_FIELDS = ["frame.number", "sip_explain.code", "sip_explain.request_frame",
                  "sip_explain.request_method", "sip_explain.context", "_ws.expert.message"]


def req(method, cseq=1, branch="z9hG4bKctx1", call_id="ctx-call-1@example.com", extra="", uri=None):
    """A request; its Via branch and Call-ID match resp() by default."""
    return sipx.request(method, uri=uri or "sip:bob@example.org", cseq=cseq, call_id=call_id,
                        extra=extra, branch=branch)


def resp(code, reason, method="INVITE", cseq=1, branch="z9hG4bKctx1", call_id="ctx-call-1@example.com",
         extra="", omit=()):
    return sipx.response(code, reason, method=method, cseq=cseq, call_id=call_id, extra=extra,
                         branch=branch, omit=omit)


def crlf(*headers):
    return "\r\n".join(headers)


class ContextTest(sipx.WorkspaceTest):
    # one ctest entry per method (tests/lib/list_tests.py): they run in parallel
    CTEST_PER_METHOD = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.data = data_files.load_data("responses.ini")

    # ---- helpers ----

    def rows(self, messages, two_pass=False, transport="udp", extra=()):
        pcap = self.ws.capture(messages, transport=transport)
        args = list(extra) + (["-2"] if two_pass else [])
        out = {}
        for r in self.ws.fields(pcap, CONTEXT_FIELDS, extra=args):
            out[r[0]] = {"code": r[1], "request_frame": r[2], "method": r[3],
                         "context": r[4].split("|") if r[4] else [],
                         "expert": r[5]}
        return out

    def both(self, messages, **kw):
        """Single pass and -2 must agree; returns the single-pass rows."""
        one = self.rows(messages, **kw)
        two = self.rows(messages, two_pass=True, **kw)
        for frame in one:
            self.assertEqual(one[frame]["request_frame"], two[frame]["request_frame"], "frame %s" % frame)
            self.assertEqual(one[frame]["context"], two[frame]["context"], "frame %s" % frame)
        return one

    def assertFinding(self, row, pattern):
        self.assertTrue(any(re.search(pattern, c) for c in row["context"]),
                        "no finding matches %r in %r" % (pattern, row["context"]))

    def require_rule(self, code, key):
        self.assertIn(key, self.data[str(code)], "data/responses.ini has no %s for %d" % (key, code))
        return self.data[str(code)]

    # ---- 1. request linkage ----

    def test_linkage_retransmission_and_two_transactions(self):
        msgs = [
            req("REGISTER", cseq=1, branch="z9hG4bKa"),                     # 1
            req("REGISTER", cseq=1, branch="z9hG4bKa"),                     # 2 retransmission
            resp(401, "Unauthorized", "REGISTER", cseq=1, branch="z9hG4bKa",
                 extra='WWW-Authenticate: Digest realm="example.com", nonce="n1", qop="auth"'),  # 3
            req("REGISTER", cseq=2, branch="z9hG4bKb",
                extra='Authorization: Digest username="alice", realm="example.com", nonce="n1", response="x"'),  # 4
            resp(200, "OK", "REGISTER", cseq=2, branch="z9hG4bKb"),         # 5
            resp(401, "Unauthorized", "REGISTER", cseq=1, branch="z9hG4bKa",
                 extra='WWW-Authenticate: Digest realm="example.com", nonce="n1"'),  # 6 retransmitted response
        ]
        for two in (False, True):
            with self.subTest(two_pass=two):
                rows = self.rows(msgs, two_pass=two)
                self.assertEqual(rows["1"]["request_frame"], "")
                self.assertEqual(rows["3"]["request_frame"], "1", "first copy of a retransmission")
                self.assertEqual(rows["3"]["method"], "REGISTER")
                self.assertEqual(rows["5"]["request_frame"], "4", "second transaction, same Call-ID")
                self.assertEqual(rows["6"]["request_frame"], "1")

    def test_linkage_methods_and_call_ids(self):
        msgs = [
            req("INVITE", cseq=1, branch="z9hG4bKi1"),                                     # 1
            req("INVITE", cseq=1, branch="z9hG4bKo1", call_id="other@example.com"),        # 2
            req("CANCEL", cseq=1, branch="z9hG4bKi1", extra="Reason: SIP;cause=200;text=\"Call completed elsewhere\""),  # 3
            resp(200, "OK", "CANCEL", cseq=1, branch="z9hG4bKi1"),                         # 4
            resp(487, "Request Terminated", "INVITE", cseq=1, branch="z9hG4bKi1"),        # 5
            resp(486, "Busy Here", "INVITE", cseq=1, branch="z9hG4bKo1", call_id="other@example.com"),  # 6
            resp(404, "Not Found", "INVITE", cseq=9, branch="z9hG4bKzz"),                 # 7 request not captured
        ]
        rows = self.both(msgs)
        self.assertEqual((rows["4"]["request_frame"], rows["4"]["method"]), ("3", "CANCEL"))
        self.assertEqual((rows["5"]["request_frame"], rows["5"]["method"]), ("1", "INVITE"))
        self.assertEqual(rows["6"]["request_frame"], "2")
        self.assertEqual((rows["7"]["request_frame"], rows["7"]["method"]), ("", "INVITE"))
        # The CANCEL's Reason, explained on its response and on the 487.
        self.assertFinding(rows["4"], r"Reason on the CANCEL in frame 3: SIP cause 200 OK")
        self.assertFinding(rows["5"], r"Ended by the CANCEL in frame 3")

    def test_linkage_forked_branches(self):
        """The same request seen at two hops (different Via branches): each
        response links to the copy with its branch."""
        msgs = [
            req("INVITE", branch="z9hG4bKhop1"),     # 1 UAC -> proxy
            req("INVITE", branch="z9hG4bKhop2"),     # 2 proxy -> UAS
            resp(180, "Ringing", branch="z9hG4bKhop2"),
            resp(180, "Ringing", branch="z9hG4bKhop1"),
        ]
        rows = self.both(msgs)
        self.assertEqual(rows["3"]["request_frame"], "2")
        self.assertEqual(rows["4"]["request_frame"], "1")

    def test_linkage_tcp_two_requests_in_one_segment(self):
        seg = req("OPTIONS", cseq=1, branch="z9hG4bKt1") + req("OPTIONS", cseq=2, branch="z9hG4bKt2")
        rows = self.both([seg, resp(200, "OK", "OPTIONS", cseq=2, branch="z9hG4bKt2")], transport="tcp")
        self.assertEqual(rows["2"]["request_frame"], "1")

    def test_gui_order_verbose(self):
        """-V output (what the GUI shows) has the link and the findings."""
        pcap = self.ws.capture([req("SUBSCRIBE", extra="Event: presence"),
                                resp(489, "Bad Event", "SUBSCRIBE", extra="Allow-Events: dialog")])
        out = self.ws.tshark(["-r", pcap, "-2", "-V", "-O", "sip_explain"]).stdout
        self.assertIn("Request in frame: 1", out)
        self.assertIn("Context: Event package asked for: presence", out)

    # ---- 2. findings ----

    def test_3xx_contacts(self):
        rows = self.both([resp(302, "Moved Temporarily", extra=crlf(
            "Contact: <sip:bob@192.0.2.10:5060>;q=0.3",
            "Contact: <sip:bob@198.51.100.20:5060>;q=0.7;expires=600"))])
        r = rows["1"]
        self.assertEqual(r["context"][0], "Retry at sip:bob@198.51.100.20:5060 (choice 1 of 2, q=0.7, valid for 600 s (10.0 min))")
        self.assertEqual(r["context"][1], "Retry at sip:bob@192.0.2.10:5060 (choice 2 of 2, q=0.3)")
        rows = self.both([resp(305, "Use Proxy", extra="Contact: <sip:proxy.example.org;lr>")])
        self.assertFinding(rows["1"], r"^Use the proxy sip:proxy.example.org;lr")

    def test_3xx_without_contact_is_a_note(self):
        rows = self.both([resp(302, "Moved Temporarily"), resp(380, "Alternative Service", cseq=2)])
        self.assertIn("302 redirect without Contact", rows["1"]["expert"])
        self.assertIn("RFC 3261 sections 8.1.3.4 and 21.3", rows["1"]["expert"])
        self.assertNotIn("without Contact", rows["2"]["expert"])

    def test_401_first_challenge_and_after_credentials(self):
        chal = 'WWW-Authenticate: Digest realm="example.com", nonce="abc", algorithm=SHA-256, qop="auth,auth-int"'
        msgs = [
            req("REGISTER", cseq=1, branch="z9hG4bK1"),
            resp(401, "Unauthorized", "REGISTER", cseq=1, branch="z9hG4bK1", extra=chal),
            req("REGISTER", cseq=2, branch="z9hG4bK2",
                extra='Authorization: Digest username="alice", realm="example.com", nonce="abc", response="bad"'),
            resp(401, "Unauthorized", "REGISTER", cseq=2, branch="z9hG4bK2", extra=chal),
            req("REGISTER", cseq=3, branch="z9hG4bK3",
                extra='Authorization: Digest username="alice", realm="example.com", nonce="old", response="ok"'),
            resp(401, "Unauthorized", "REGISTER", cseq=3, branch="z9hG4bK3", extra=chal + ", stale=true"),
        ]
        rows = self.both(msgs)
        self.assertFinding(rows["2"], r'^Challenge: Digest realm "example.com", algorithm SHA-256, qop auth,auth-int$')
        self.assertFinding(rows["2"], r"^First challenge: the request \(frame 1\) carried no credentials in Authorization;")
        self.assertFinding(rows["4"], r'^Challenged again on the same nonce: .*user "alice".*realm "example.com".*wrong')
        self.assertIn("credentials refused", rows["4"]["expert"])
        self.assertFinding(rows["6"], r"stale=true")
        self.assertFinding(rows["6"], r"nonce was stale .*credentials were right")
        self.assertNotIn("credentials refused", rows["6"]["expert"])

    def test_407_proxy_challenge(self):
        msgs = [req("INVITE", extra='Proxy-Authorization: Digest username="bob", realm="proxy.example", nonce="n", response="r"'),
                resp(407, "Proxy Authentication Required",
                     extra='Proxy-Authenticate: Digest realm="proxy.example", nonce="n", algorithm=MD5')]
        rows = self.both(msgs)
        self.assertFinding(rows["2"], r'^Challenge: Digest realm "proxy.example", algorithm MD5, qop not given')
        self.assertFinding(rows["2"], r'^Challenged again on the same nonce: .*Proxy-Authorization for user "bob"')

    def test_405_allow(self):
        rows = self.both([req("PUBLISH", extra="Event: presence"),
                          resp(405, "Method Not Allowed", "PUBLISH", extra="Allow: INVITE, ACK, BYE, CANCEL, OPTIONS")])
        self.assertFinding(rows["2"], r"^Allowed methods: INVITE, ACK, BYE, CANCEL, OPTIONS$")
        self.assertFinding(rows["2"], r"method PUBLISH is not among them")

    def test_415_accept(self):
        rows = self.both([req("MESSAGE", extra="Content-Type: text/html"),
                          resp(415, "Unsupported Media Type", "MESSAGE",
                               extra=crlf("Accept: text/plain, message/cpim", "Accept-Encoding: identity",
                                          "Accept-Language: en, fr"))])
        r = rows["2"]
        self.assertFinding(r, r"accepts bodies of type: text/plain, message/cpim")
        self.assertFinding(r, r"accepts encodings: identity")
        self.assertFinding(r, r"accepts languages: en, fr")
        self.assertFinding(r, r"request sent Content-Type text/html")

    def test_420_421(self):
        rows = self.both([
            req("INVITE", extra=crlf("Require: foo, 100rel", "Proxy-Require: bar")),
            resp(420, "Bad Extension", extra="Unsupported: foo"),
            req("INVITE", cseq=2, branch="z9hG4bK421", extra="Supported: timer"),
            resp(421, "Extension Required", cseq=2, branch="z9hG4bK421", extra="Require: 100rel"),
        ])
        self.assertFinding(rows["2"], r"does not support these option tags: foo$")
        self.assertFinding(rows["2"], r"Require: foo, 100rel; Proxy-Require: bar")
        self.assertFinding(rows["4"], r"requires these extensions: 100rel")
        self.assertFinding(rows["4"], r"request's Supported: timer")

    def test_422_423(self):
        rows = self.both([
            req("INVITE", extra=crlf("Session-Expires: 90", "Min-SE: 60")),
            resp(422, "Session Interval Too Small", extra="Min-SE: 1800"),
            req("REGISTER", cseq=2, branch="z9hG4bK423",
                extra=crlf("Contact: <sip:alice@192.0.2.1>;expires=30", "Expires: 60")),
            resp(423, "Interval Too Brief", "REGISTER", cseq=2, branch="z9hG4bK423", extra="Min-Expires: 3600"),
        ])
        self.assertFinding(rows["2"], r"Min-SE\) is 1800 s")
        self.assertFinding(rows["2"], r"Session-Expires 90 s, below the minimum")
        self.assertFinding(rows["2"], r"own Min-SE was 60 s")
        self.assertFinding(rows["4"], r"Min-Expires\) is 3600 s")
        self.assertFinding(rows["4"], r"asked for Expires 60 s, below the minimum")
        self.assertFinding(rows["4"], r"Contact asked for expires=30 s")

    def test_489_and_204(self):
        rows = self.both([
            req("SUBSCRIBE", extra=crlf("Event: presence;id=7", "Expires: 3600")),
            resp(489, "Bad Event", "SUBSCRIBE", extra="Allow-Events: message-summary, dialog"),
            req("SUBSCRIBE", cseq=2, branch="z9hG4bK204", uri="sip:carol@example.org",
                extra=crlf("Event: dialog", "Suppress-If-Match: b4cf7")),
            resp(204, "No Notification", "SUBSCRIBE", cseq=2, branch="z9hG4bK204", extra="Expires: 600"),
            resp(489, "Bad Event", "SUBSCRIBE", cseq=3, branch="z9hG4bKx"),
        ])
        self.assertFinding(rows["2"], r"^Event package asked for: presence$")
        self.assertFinding(rows["2"], r"^Event packages offered \(Allow-Events\): message-summary, dialog$")
        self.assertFinding(rows["4"], r"subscription to dialog at sip:carol@example.org .*entity-tag b4cf7")
        self.assertFinding(rows["4"], r"subscription lasts 600 s")
        self.assertFinding(rows["5"], r"lists no Allow-Events")

    def test_retry_after(self):
        rows = self.both([
            resp(486, "Busy Here", extra="Retry-After: 120 (in a meeting);duration=3600"),
            resp(503, "Service Unavailable", cseq=2),
            resp(480, "Temporarily Unavailable", cseq=3, extra="Retry-After: 0"),
            resp(600, "Busy Everywhere", cseq=4),
            resp(500, "Server Internal Error", cseq=5, extra="Retry-After: 30"),
        ])
        self.assertFinding(rows["1"], r'^Retry after 120 s \(2.0 min\): "in a meeting"; available for 3600 s \(1.0 h\) from then$')
        self.assertFinding(rows["2"], r"No Retry-After: .*like a 500 .*RFC 3261 section 21.5.4")
        self.assertFinding(rows["3"], r"^Retry now")
        # Retry-After is optional: its absence is remarked only after a 503.
        self.assertFalse([c for c in rows["4"]["context"] if "Retry-After" in c], rows["4"]["context"])
        self.assertFinding(rows["5"], r"^Retry after 30 s$")

    def test_warning(self):
        rows = self.both([resp(488, "Not Acceptable Here",
                               extra='Warning: 304 gw1.example.net "Media type not available"')])
        warn = data_files.load_data("warn_codes.ini")["304"]
        self.assertFinding(rows["1"], r'^Warning 304 from gw1.example.net: "Media type not available" - %s'
                           % re.escape(warn["Reason"]))

    def test_reason_q850_and_sip(self):
        q = data_files.load_data("q850_causes.ini")
        rows = self.both([
            resp(603, "Decline", extra='Reason: Q.850;cause=21;text="Call rejected"'),
            resp(486, "Busy Here", cseq=2, extra="Reason: Q.850;cause=17"),
            resp(480, "Temporarily Unavailable", cseq=3, extra="Reason: SIP;cause=480"),
            req("BYE", cseq=4, branch="z9hG4bKbye", extra="Reason: Q.850;cause=16"),
            resp(200, "OK", "BYE", cseq=4, branch="z9hG4bKbye"),
        ])
        self.assertFinding(rows["1"], r"^Reason: Q.850 cause 21, %s \(text \"Call rejected\"\)" % re.escape(q["21"]["Reason"]))
        self.assertTrue(re.search("rejected", q["21"]["Reason"], re.I))
        self.assertFinding(rows["2"], r"^Reason: Q.850 cause 17, %s" % re.escape(q["17"]["Reason"]))
        self.assertFinding(rows["3"], r"^Reason: SIP cause 480 Temporarily Unavailable")
        self.assertFinding(rows["5"], r"^Reason on the BYE in frame 4: Q.850 cause 16")

    def test_findings_when_the_request_lacks_or_is_absent(self):
        rows = self.both([
            resp(401, "Unauthorized", "REGISTER", cseq=1, branch="z9hG4bKa",
                 extra='WWW-Authenticate: Digest realm="x", nonce="n"'),       # 1: request not captured
            resp(380, "Alternative Service", cseq=2, branch="z9hG4bKb"),       # 2
            req("MESSAGE", cseq=3, branch="z9hG4bKc", extra="Content-Type: text/html"),
            resp(415, "Unsupported Media Type", "MESSAGE", cseq=3, branch="z9hG4bKc"),  # 4: no Accept
            req("INVITE", cseq=4, branch="z9hG4bKd"),
            resp(420, "Bad Extension", cseq=4, branch="z9hG4bKd", extra="Unsupported: foo"),  # 6
            req("INVITE", cseq=5, branch="z9hG4bKe"),
            resp(422, "Session Interval Too Small", cseq=5, branch="z9hG4bKe", extra="Min-SE: 1800"),  # 8
            req("REGISTER", cseq=6, branch="z9hG4bKf"),
            resp(423, "Interval Too Brief", "REGISTER", cseq=6, branch="z9hG4bKf", extra="Min-Expires: 3600"),  # 10
        ])
        self.assertFinding(rows["1"], r"^The request is not in the capture: cannot tell a first challenge")
        self.assertFinding(rows["2"], r"^The other ways to reach the callee are in the message body; Contact does not list them")
        self.assertFinding(rows["4"], r"lists no Accept, Accept-Encoding or Accept-Language")
        self.assertFinding(rows["6"], r"^The request \(frame 5\) had no Require or Proxy-Require")
        self.assertFinding(rows["8"], r"^The request carried no Session-Expires")
        self.assertFinding(rows["10"], r"^The request gave no Expires")

    def test_expert_tap_tcp_several_messages_in_one_segment(self):
        seg = (resp(486, "Busy Here", cseq=1, branch="z9hG4bKs1") +
               resp(302, "Moved Temporarily", cseq=2, branch="z9hG4bKs2") +
               resp(405, "Method Not Allowed", cseq=3, branch="z9hG4bKs3"))
        pcap = self.ws.capture([seg], transport="tcp")
        for two in ([], ["-2"]):
            out = self.ws.tshark(["-r", pcap, "-q", "-z", "expert"] + two).stdout
            with self.subTest(two_pass=bool(two)):
                self.assertRegex(out, r"\n\s+1\s+Response\s+SIP Explain\s+486 Busy Here \(")
                self.assertRegex(out, r"\n\s+1\s+Response\s+SIP Explain\s+302 Moved Temporarily \(")
                self.assertRegex(out, r"\n\s+1\s+Response\s+SIP Explain\s+405 Method Not Allowed \(")
                self.assertIn("302 redirect without Contact", out)
                self.assertIn("405 Method Not Allowed without Allow", out)

    def test_preference_off(self):
        msgs = [req("SUBSCRIBE", extra="Event: presence"),
                resp(489, "Bad Event", "SUBSCRIBE", extra="Allow-Events: dialog")]
        rows = self.rows(msgs, extra=["-o", "sip_explain.context:FALSE"])
        self.assertEqual(rows["2"]["context"], [])
        self.assertEqual(rows["2"]["request_frame"], "1", "linkage stays")

    # ---- 3. conformance ----

    def test_missing_required_headers(self):
        cases = [(401, "Unauthorized", "WWW-Authenticate"), (407, "Proxy Authentication Required", "Proxy-Authenticate"),
                 (405, "Method Not Allowed", "Allow"), (420, "Bad Extension", "Unsupported"),
                 (421, "Extension Required", "Require"), (422, "Session Interval Too Small", "Min-SE"),
                 (423, "Interval Too Brief", "Min-Expires"), (494, "Security Agreement Required", "Security-Server")]
        for code, _, header in cases:
            self.require_rule(code, "Requires")
        methods = {423: "REGISTER"}
        rows = self.both([resp(c, r, methods.get(c, "INVITE"), cseq=i + 1) for i, (c, r, _) in enumerate(cases)])
        for i, (code, reason, header) in enumerate(cases):
            with self.subTest(code=code):
                expert = rows[str(i + 1)]["expert"]
                self.assertIn("%d %s without %s, which %s requires" % (code, reason, header,
                              self.data[str(code)]["RequiresRef"]), expert)
        # With the header present: no complaint.
        rows = self.both([resp(405, "Method Not Allowed", extra="Allow: INVITE"),
                          resp(423, "Interval Too Brief", "REGISTER", cseq=2, extra="Min-Expires: 60"),
                          resp(421, "Extension Required", cseq=3, extra="Require: 100rel")])
        for f in ("1", "2", "3"):
            self.assertNotIn("without", rows[f]["expert"])

    def test_code_answering_wrong_method(self):
        for code in (204, 489, 412):
            self.require_rule(code, "MethodsRef")
        rows = self.both([
            resp(204, "No Notification", "INVITE"),
            resp(489, "Bad Event", "INVITE", cseq=2, extra="Allow-Events: presence"),
            resp(423, "Interval Too Brief", "INVITE", cseq=3, extra="Min-Expires: 60"),
            resp(412, "Conditional Request Failed", "SUBSCRIBE", cseq=4),
            resp(412, "Conditional Request Failed", "PUBLISH", cseq=5),
            resp(489, "Bad Event", "SUBSCRIBE", cseq=6, extra="Allow-Events: presence"),
        ])
        # RFC 3261 section 21.4.17 ties 423 to no method: no complaint.
        self.assertNotIn("limits it to", rows["3"]["expert"])
        for frame, code, method in (("1", 204, "INVITE"), ("2", 489, "INVITE"), ("4", 412, "SUBSCRIBE")):
            with self.subTest(code=code):
                self.assertRegex(rows[frame]["expert"], r"%d .* answers %s, but %s limits it to"
                                 % (code, method, re.escape(self.data[str(code)]["MethodsRef"])))
        self.assertNotIn("limits it to", rows["5"]["expert"])
        self.assertNotIn("limits it to", rows["6"]["expert"])

    def test_expert_tap_without_tree(self):
        """-z expert builds no tree: conformance and malformed notes still count."""
        pcap = self.ws.capture([resp(302, "Moved Temporarily"),
                                resp(486, "Busy Here", cseq=2, extra="Retry-After: soon")])
        out = self.ws.tshark(["-r", pcap, "-q", "-z", "expert"]).stdout
        self.assertIn("302 redirect without Contact", out)
        self.assertIn('Retry-After "soon" is not a number of seconds', out)

    # ---- 4. hostile values ----

    def test_hostile_values(self):
        long_text = "x" * 5000
        rows = self.both([
            resp(486, "Busy Here", extra="Retry-After: 99999999999999999999999"),
            resp(486, "Busy Here", cseq=2, extra="Retry-After: -30"),
            resp(486, "Busy Here", cseq=3, extra="Retry-After: tomorrow"),
            resp(488, "Not Acceptable Here", cseq=4, extra='Warning: 199 proxy "HTTP style"'),
            resp(488, "Not Acceptable Here", cseq=5, extra='Warning: 3x4 proxy "bad code"'),
            resp(603, "Decline", cseq=6, extra='Reason: Q.850;text="no cause"'),
            resp(603, "Decline", cseq=7, extra="Reason: Q.850;cause=300"),
            resp(488, "Not Acceptable Here", cseq=8, extra='Warning: 399 %s "%s"' % ("h" * 10, long_text)),
            resp(302, "Moved Temporarily", cseq=9, extra="Contact: <sip:a@b>;q=7;expires=never"),
            resp(423, "Interval Too Brief", "REGISTER", cseq=10, extra="Min-Expires: soon"),
        ])
        self.assertFinding(rows["1"], r"larger than 2\^32-1")
        self.assertFinding(rows["2"], r'Retry-After "-30" is not a number of seconds \(negative\)')
        self.assertFinding(rows["3"], r'Retry-After "tomorrow" is not a number of seconds')
        self.assertFinding(rows["4"], r"warn-code outside 300-399")
        self.assertFinding(rows["5"], r'Warning code "3x4" is not three digits')
        # cause is optional (RFC 3326 section 2): the text, no malformed finding
        self.assertFinding(rows["6"], r'Reason: protocol Q.850, no cause given \(text "no cause"\)')
        self.assertFinding(rows["7"], r"Q.850 cause 300 is outside 0-127")
        long = [c for c in rows["8"]["context"] if c.startswith("Warning 399")][0]
        self.assertLess(len(long), 1000, "values are length-limited")
        self.assertIn("x" * 200 + "\u2026", long)
        self.assertFinding(rows["9"], r'q-value "7" is not 0 to 1')
        self.assertFinding(rows["9"], r"expires .* is not a number of seconds")
        self.assertFinding(rows["10"], r'Min-Expires "soon" is not a number of seconds')
        for f in ("1", "2", "3", "4", "5", "6", "7", "9", "10"):
            with self.subTest(frame=f):
                self.assertTrue(rows[f]["expert"], "a note for a malformed value")

    def test_header_repeated_1000_times(self):
        warnings = crlf(*['Warning: 399 h%d "repeated"' % i for i in range(1000)])
        reasons = crlf(*["Reason: Q.850;cause=16"] * 1000)
        rows = self.both([resp(488, "Not Acceptable Here", extra=warnings),
                          resp(603, "Decline", cseq=2, extra=reasons),
                          resp(486, "Busy Here", cseq=3, extra=crlf(*["Retry-After: 5"] * 1000))])
        self.assertEqual(len([c for c in rows["1"]["context"] if c.startswith("Warning 399")]), 16)
        self.assertIn("only the first 16 are explained", rows["1"]["expert"])
        self.assertIn("header lines: the rest are not read", rows["1"]["expert"])
        self.assertEqual(len([c for c in rows["2"]["context"] if c.startswith("Reason")]), 16)
        self.assertEqual(len([c for c in rows["3"]["context"] if c.startswith("Retry after")]), 16)
        # A list with 1000 items in one line: bounded too.
        rows = self.both([resp(302, "Moved Temporarily", extra="Contact: " + ", ".join(
            "<sip:u%d@example.org>" % i for i in range(1000)))])
        self.assertEqual(len([c for c in rows["1"]["context"] if c.startswith("Retry at")]), 16)
        self.assertFinding(rows["1"], r"more Contact targets are not listed")


SIPP_SCRIPT = os.path.join(data_files.SOURCE_DIR, "tests", "sipp", "make_captures.sh")


class SippCaptureTest(unittest.TestCase):
    """Context findings and request links on traffic made by sipp (a real peer)."""

    @classmethod
    def setUpClass(cls):
        # sipp is the one optional tool here; the scenarios and the script
        # are the project's own, so any failure to capture is a failure.
        if not shutil.which("sipp"):
            raise run_unittest.missing_tool("sipp", "apt-get install sip-tester")
        cls.ws = sipx.Workspace()
        out = tempfile.mkdtemp(prefix="sip_explain_sipp_")
        proc = subprocess.run(["bash", SIPP_SCRIPT, out], capture_output=True, text=True, timeout=600)
        if proc.returncode != 0 or not os.path.exists(os.path.join(out, "all.pcap")):
            shutil.rmtree(out, ignore_errors=True)
            cls.ws.close()
            raise AssertionError("tests/sipp/make_captures.sh failed (exit %d): %s"
                                 % (proc.returncode, proc.stderr[-2000:]))
        cls.pcap = cls.ws.add_file(os.path.join(out, "all.pcap"))
        shutil.rmtree(out, ignore_errors=True)
        cls.data = data_files.load_data("responses.ini")

    @classmethod
    def tearDownClass(cls):
        cls.ws.close()

    def rows_for(self, code, two_pass=False):
        rows = self.ws.fields(self.pcap, CONTEXT_FIELDS[1:], display_filter="sip_explain.code == %d" % code,
                              extra=["-2"] if two_pass else [])
        self.assertTrue(rows, "no %d in the sipp capture" % code)
        return rows

    def all_context(self, code, two_pass=False):
        return [c for r in self.rows_for(code, two_pass) for c in r[3].split("|")]

    def test_findings_and_request_links(self):
        for two in (False, True):
            with self.subTest(two_pass=two):
                ctx = self.all_context(489, two)
                self.assertIn("Event package asked for: presence", ctx)
                self.assertIn("Event packages offered (Allow-Events): message-summary, dialog", ctx)
                ctx = self.all_context(423, two)
                self.assertTrue(any("Min-Expires) is 3600 s" in c for c in ctx), ctx)
                self.assertTrue(any("asked for Expires 60 s" in c for c in ctx), ctx)
                ctx = self.all_context(302, two)
                self.assertTrue(any(c.startswith("Retry at sip:bob@192.0.2.10:5060") for c in ctx), ctx)
                ctx = self.all_context(603, two)
                self.assertTrue(any(c.startswith("Reason: Q.850 cause 21") and "reject" in c.lower()
                                    for c in ctx), ctx)
                for r in self.rows_for(489, two) + self.rows_for(423, two) + self.rows_for(603, two):
                    self.assertNotEqual(r[1], "", "every response links to its request")

    def test_findings_in_every_language(self):
        # With sip_explain.language ru or vi, every finding of the sipp
        # traffic is its English finding translated (tests/lib/finding_templates.py).
        findings = {lang: finding_templates.findings_by_frame(
            self.ws.tshark(["-r", self.pcap] + finding_templates.fields_args(lang)).stdout)
            for lang in ("en", "ru", "vi")}
        problems, seen = finding_templates.translation_problems(findings)
        self.assertEqual(problems[:10], [], "%d problems" % len(problems))
        self.assertGreaterEqual(len(seen), 15, sorted(seen))

    def test_405_without_allow_flagged(self):
        rows = self.rows_for(405)
        self.assertTrue(any("405 Method Not Allowed without Allow" in r[4] for r in rows), rows)

    def test_register_rechallenge_and_linkage(self):
        ctx = self.all_context(401)
        self.assertTrue(any(c.startswith('Challenge: Digest realm "example.com", algorithm MD5, qop auth')
                            for c in ctx), ctx)
        self.assertTrue(any(c.startswith("First challenge") for c in ctx), ctx)

    # The scenarios of tests/sipp, each asserted (what the peer sent is in
    # tests/sipp/uas_*.xml and uac_*.xml).

    def assert_context(self, code, patterns, two_pass=False):
        ctx = self.all_context(code, two_pass)
        for pattern in patterns:
            self.assertTrue(any(re.search(pattern, c) for c in ctx), "%d: no %r in %r" % (code, pattern, ctx))

    def experts(self, code):
        return "|".join(r[4] for r in self.rows_for(code))

    def test_busy_unavailable_overload_retry_after(self):
        for two in (False, True):
            with self.subTest(two_pass=two):
                self.assert_context(486, [r"^Retry after 120 s \(2\.0 min\)"], two)
                self.assert_context(480, [r"^Retry after 300 s \(5\.0 min\)"], two)
                self.assert_context(503, [r"^Retry after 30 s"], two)
        for code in (486, 480, 503):
            self.assertNotIn("No Retry-After", "|".join(self.all_context(code)))
            for r in self.rows_for(code):
                self.assertEqual(r[2], "INVITE")
                self.assertNotEqual(r[1], "", "%d links to its INVITE" % code)

    def test_proxy_challenge(self):
        self.assert_context(407, [r'^Challenge: Digest realm "example.com", algorithm MD5, qop auth'])
        self.assertIn("INVITE", {r[2] for r in self.rows_for(407)})
        self.assertNotIn("without Proxy-Authenticate", self.experts(407))

    def test_415_420_422_488(self):
        self.assert_context(415, [r"accepts bodies of type: text/plain", r"request sent Content-Type text/html"])
        self.assert_context(420, [r"does not support these option tags: timer$", r"Require: 100rel, timer"])
        self.assert_context(422, [r"Min-SE\) is 90 s", r"Session-Expires 60 s, below the minimum"])
        self.assert_context(488, [r'^Warning 304 from pbx.example.com: "Media type not available" - '
                                  r"Media type not available"])
        for code, header in ((420, "Unsupported"), (422, "Min-SE")):
            self.assertNotIn("without %s" % header, self.experts(code))

    def test_cancel_487(self):
        rows = self.rows_for(487)
        self.assertTrue(all(r[2] == "INVITE" and r[1] for r in rows), rows)
        self.assert_context(487, [r"^Ended by the CANCEL in frame \d+", r"SIP cause 487"])

    def test_412_publish(self):
        rows = self.rows_for(412)
        self.assertTrue(all(r[2] == "PUBLISH" and r[1] for r in rows), rows)
        self.assertNotIn("limits it to", self.experts(412))

    def test_plain_call(self):
        # The one call answered 200 to its INVITE: all of its responses.
        answered = self.ws.fields(self.pcap, ["sip.Call-ID"],
                                  display_filter='sip_explain.code == 200 && sip_explain.request_method == "INVITE"')
        self.assertEqual(len({r[0] for r in answered}), 1, answered)
        rows = self.ws.fields(self.pcap, CONTEXT_FIELDS[1:],
                              display_filter='sip_explain && sip.Call-ID == "%s"' % answered[0][0])
        codes = [r[0] for r in rows]
        for code in ("100", "180", "200"):
            self.assertIn(code, codes)
        for r in rows:
            self.assertNotEqual(r[1], "", "every response of the call links to its request: %r" % r)
            self.assertNotRegex(r[4], r"without|answers a|after credentials", r)


if __name__ == "__main__":
    unittest.main()
