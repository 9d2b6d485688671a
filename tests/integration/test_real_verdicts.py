"""Checks the verdicts on credentials, challenges and contradictions on
other people's traffic (tests/real/captures, frame numbers named) and on
small captures built here: a challenge on the nonce the credentials
answered refuses them (Warning); stale=true refreshes the nonce (Chat); a
new nonce alone does not say which was refused (Note), unless the reason
phrase blames the nonce or the same user is refused again and again; an
IMS AKA first REGISTER carries no credentials. Also sip_explain.severity
(the highest of the explanation) next to sip_explain.code_severity, and the
min_severity preference over every expert info of the plugin."""
import os
import re
import unittest

import sipx

HERE = os.path.dirname(os.path.abspath(__file__))
REAL = os.path.join(HERE, "..", "real", "captures")
FIELDS = ["frame.number", "sip_explain.code", "sip_explain.context", "_ws.expert.message",
          "sip_explain.severity", "sip_explain.code_severity"]

REFUSED = "credentials refused"               # sip_explain.context.rechallenge
NEW_NONCE = "the nonce or the credentials were refused"   # .nonce_refused
NONCE_CHANGED = "the nonce expired or changed"            # .nonce_changed
STALE = "the nonce expired, the credentials were right"   # .nonce_refresh


def req(method, cseq, branch, extra="", call_id="verdict-1@example.com"):
    return sipx.request(method, cseq=cseq, branch=branch, extra=extra, call_id=call_id)


def resp(code, reason, method, cseq, branch, extra="", call_id="verdict-1@example.com"):
    return sipx.response(code, reason, method=method, cseq=cseq, branch=branch, extra=extra, call_id=call_id)


def auth(nonce, user="alice", response="d41d8cd98f00b204e9800998ecf8427e"):
    return 'Authorization: Digest username="%s", realm="example.com", nonce="%s", uri="sip:example.com", response="%s"' % (
        user, nonce, response)


def chal(nonce, extra=""):
    return 'WWW-Authenticate: Digest realm="example.com", nonce="%s", algorithm=MD5, qop="auth"%s' % (nonce, extra)


class VerdictTest(sipx.WorkspaceTest):
    # one ctest entry per method (tests/lib/list_tests.py): they run in parallel
    CTEST_PER_METHOD = True

    def rows(self, pcap, extra=()):
        out = {}
        for r in self.ws.fields(pcap, FIELDS, extra=list(extra)):
            if r[1]:
                out[int(r[0])] = {"code": r[1], "context": r[2].split("|") if r[2] else [],
                                  "expert": r[3], "severity": r[4], "code_severity": r[5]}
        return out

    def real(self, name, extra=()):
        return self.rows(self.ws.add_file(os.path.join(REAL, name)), extra)

    def built(self, messages, extra=()):
        return self.rows(self.ws.capture(messages), extra)

    def finding(self, row, pattern):
        hits = [c for c in row["context"] if re.search(pattern, c)]
        self.assertTrue(hits, "no finding matches %r in %r" % (pattern, row["context"]))
        return hits[0]

    # ---- real captures ----

    def test_same_nonce_refused_real(self):
        rows = self.real("heplify__ipip0.pcap")
        for f in (6, 8):
            self.assertIn(REFUSED, rows[f]["expert"], f)
            self.finding(rows[f], r'^Challenged again on the same nonce: .*user "1154".*password or realm is wrong')
            self.assertEqual(rows[f]["severity"], "2")
            self.assertEqual(rows[f]["code_severity"], "0")
        rows = self.real("ipfixprobe__sip.pcap")
        for f in (32, 36, 38, 40, 42, 44, 49):
            self.assertIn(REFUSED, rows[f]["expert"], f)
            self.assertEqual(rows[f]["severity"], "2", f)
        # Frame 46 answers credentials on an older nonce with a new one: by
        # itself a Note, but it is the fourth refusal in a row of user 6001
        # in this Call-ID.
        self.finding(rows[46], r"^Refused 4 times in a row for user \"6001\"")
        self.assertIn(REFUSED, rows[46]["expert"])

    def test_nonce_has_changed_real(self):
        rows = self.real("zeek__wireshark.pcap")
        for f in (9, 13, 48, 52, 64):
            self.assertNotIn(REFUSED, rows[f]["expert"], f)
            self.assertIn(NONCE_CHANGED, rows[f]["expert"], f)
            self.assertFalse([c for c in rows[f]["context"] if "password" in c], rows[f]["context"])
            self.finding(rows[f], r'reason phrase "nonce has changed" says the nonce expired or changed')
            self.assertEqual(rows[f]["severity"], "1", f)
        # A 403 after credentials refuses the user.
        for f in (5, 43, 67):
            self.assertIn("403 after credentials: the user is refused", rows[f]["expert"], f)
            self.finding(rows[f], r"^Refused after credentials: .*refuses the user, not the nonce")

    def test_ims_aka_first_register_real(self):
        rows = self.real("arkime__gtp-iphone.pcap")
        r = rows[16]
        self.assertEqual(r["code"], "401")
        self.assertNotIn("credentials", r["expert"])
        self.finding(r, r"^First challenge: the request \(frame 14\) carried no credentials")
        self.finding(r, r"^Challenge: Digest realm .*algorithm AKAv1-MD5: IMS AKA .*RAND and AUTN.*ISIM.*not a mistyped password$")
        self.assertFalse([c for c in r["context"] if "qop" in c or "not given" in c])
        self.assertEqual(rows[29]["code"], "200")
        self.assertEqual((r["severity"], r["code_severity"]), ("0", "0"))

    def test_405_allow_lists_the_method_real(self):
        r = self.real("arkime__gtp-iphone.pcap")[34]
        self.finding(r, r"^The server contradicts itself: it refuses SUBSCRIBE, yet its Allow lists SUBSCRIBE")
        self.assertIn("405 refuses SUBSCRIBE, which its Allow lists", r["expert"])

    def test_403_callee_rejected_real(self):
        r = self.real("heplify__sip_sctp.pcap")[4]
        # RFC 3398 section 7.2.4.1: cause 21 is a rejection by the called
        # party or its network, mapped to 403 (603 only when the user itself).
        self.finding(r, r"^Q.850 cause 21 \(call rejected\): the called side or its network refused the call")
        self.assertIn("the call was rejected at the called side", r["expert"])
        self.assertNotIn("the user is refused", r["expert"])

    # ---- built captures: each verdict ----

    def test_verdicts_built(self):
        msgs = [
            req("REGISTER", 1, "z9hG4bKv1"),                                            # 1
            resp(401, "Unauthorized", "REGISTER", 1, "z9hG4bKv1", chal("n1")),         # 2 first
            req("REGISTER", 2, "z9hG4bKv2", auth("n1")),                                # 3
            resp(401, "Unauthorized", "REGISTER", 2, "z9hG4bKv2", chal("n1")),         # 4 same nonce
            req("REGISTER", 3, "z9hG4bKv3", auth("n1")),                                # 5
            resp(401, "Unauthorized", "REGISTER", 3, "z9hG4bKv3", chal("n2", ", stale=true")),  # 6 stale
            req("REGISTER", 4, "z9hG4bKv4", auth("n2")),                                # 7
            resp(200, "OK", "REGISTER", 4, "z9hG4bKv4"),                                # 8 accepted
            req("REGISTER", 5, "z9hG4bKv5", auth("n2")),                                # 9
            resp(401, "Unauthorized", "REGISTER", 5, "z9hG4bKv5", chal("n3")),         # 10 new nonce: 1st
            req("REGISTER", 6, "z9hG4bKv6", auth("n3")),                                # 11
            resp(401, "Unauthorized", "REGISTER", 6, "z9hG4bKv6", chal("n4")),         # 12 2nd
            req("REGISTER", 7, "z9hG4bKv7", auth("n4")),                                # 13
            resp(401, "Unauthorized", "REGISTER", 7, "z9hG4bKv7", chal("n5")),         # 14 3rd: wrong
            req("REGISTER", 8, "z9hG4bKv8", auth("n5")),                                # 15
            resp(401, "Stale Nonce", "REGISTER", 8, "z9hG4bKv8", chal("n6")),          # 16 phrase
            req("REGISTER", 9, "z9hG4bKv9", auth("n6")),                                # 17
            resp(403, "Forbidden", "REGISTER", 9, "z9hG4bKv9"),                         # 18
        ]
        rows = self.built(msgs)
        self.finding(rows[2], r"^First challenge")
        self.assertEqual(rows[2]["severity"], "0")
        self.assertIn(REFUSED, rows[4]["expert"])
        self.assertEqual(rows[4]["severity"], "2")
        self.assertIn(STALE, rows[6]["expert"])
        self.finding(rows[6], r"nonce was stale .*credentials were right")
        self.assertEqual(rows[6]["severity"], "0")
        for f in (10, 12):
            self.assertIn(NEW_NONCE, rows[f]["expert"], f)
            self.finding(rows[f], r"^Challenged again with a new nonce .*does not say which")
            self.assertEqual(rows[f]["severity"], "1", f)
        self.assertIn("credentials refused 3 times in a row", rows[14]["expert"])
        self.assertEqual(rows[14]["severity"], "2")
        self.assertIn(NONCE_CHANGED, rows[16]["expert"])
        self.assertNotIn(REFUSED, rows[16]["expert"])
        self.assertIn("the user is refused", rows[18]["expert"])
        self.assertEqual((rows[18]["severity"], rows[18]["code_severity"]), ("2", "2"))
        # The same verdicts in two passes (the flow's outcome, which two
        # passes know better, aside: test_call_outcomes.py).
        rows = self.built(msgs, extra=["-o", "sip_explain.outcomes:FALSE"])
        two = self.built(msgs, extra=["-2", "-o", "sip_explain.outcomes:FALSE"])
        for f in rows:
            self.assertEqual(rows[f]["expert"], two[f]["expert"], f)

    def test_aka_and_realm_built(self):
        first = ('Authorization: Digest username="001010000000001@ims.example", realm="ims.example", '
                 'uri="sip:ims.example", nonce="", response=""')
        rows = self.built([
            req("REGISTER", 1, "z9hG4bKa1", first),
            resp(401, "Unauthorized", "REGISTER", 1, "z9hG4bKa1",
                 'WWW-Authenticate: Digest realm="ims.example", nonce="UkFORDEyMzQ1Njc4OTBBVVRO", algorithm=AKAv1-MD5'),
            req("REGISTER", 2, "z9hG4bKa2",
                'Authorization: Digest username="001010000000001@ims.example", realm="ims.example", '
                'nonce="UkFORDEyMzQ1Njc4OTBBVVRO", auts="QVVUUzEyMzQ1Ng==", response=""'),
            resp(401, "Unauthorized", "REGISTER", 2, "z9hG4bKa2",
                 'WWW-Authenticate: Digest realm="ims.example", nonce="TkVXUkFORDEyMzQ1Ng==", algorithm=AKAv1-MD5'),
            req("REGISTER", 3, "z9hG4bKa3"),
            resp(401, "Unauthorized", "REGISTER", 3, "z9hG4bKa3", 'WWW-Authenticate: Digest realm="", nonce="x"'),
            req("REGISTER", 4, "z9hG4bKa4"),
            resp(401, "Unauthorized", "REGISTER", 4, "z9hG4bKa4", 'WWW-Authenticate: Digest realm="a"b", nonce="x"'),
        ])
        self.finding(rows[2], r"^First challenge")
        self.finding(rows[2], r"IMS AKA .*RAND and AUTN")
        self.assertNotIn("credentials", rows[2]["expert"])
        self.finding(rows[4], r"AKA resynchronisation \(auts\)")
        self.assertNotIn(REFUSED, rows[4]["expert"])
        self.finding(rows[6], r'^Challenge: Digest an empty realm \(realm=""\), algorithm not given')
        self.assertFalse([c for c in rows[6]["context"] if "(none)" in c])
        # Malformed: a finding and a note, and nothing claimed from it.
        self.finding(rows[8], r"not one quoted-string")
        self.assertIn("not one quoted-string", rows[8]["expert"])
        self.assertFalse([c for c in rows[8]["context"] if c.startswith("Challenge:")])

    def test_severity_and_min_severity(self):
        msgs = [
            req("REGISTER", 1, "z9hG4bKs1", auth("n1")),
            resp(401, "Unauthorized", "REGISTER", 1, "z9hG4bKs1", chal("n1")),        # Chat code, Warning finding
            req("PUBLISH", 2, "z9hG4bKs2", "Event: presence"),
            resp(405, "Method Not Allowed", "PUBLISH", 2, "z9hG4bKs2", "Allow: PUBLISH, INVITE"),  # Warning, Note
            resp(486, "Busy Here", "INVITE", 3, "z9hG4bKs3"),                          # Note, no finding
        ]
        rows = self.built(msgs)
        self.assertEqual((rows[2]["code_severity"], rows[2]["severity"]), ("0", "2"))
        self.assertEqual((rows[4]["code_severity"], rows[4]["severity"]), ("2", "2"))
        self.assertEqual((rows[5]["code_severity"], rows[5]["severity"]), ("1", "1"))
        self.assertFalse([c for c in rows[5]["context"] if "Retry-After" in c])
        pcap = self.ws.capture(msgs)
        # The severity field alone judges the findings (no tree shown).
        alone = self.ws.fields(pcap, ["frame.number", "sip_explain.severity"])
        self.assertEqual({r[0]: r[1] for r in alone if r[1]}, {"2": "2", "4": "2", "5": "1"})
        # The stats tree counts the severity of the whole explanation.
        tree = self.ws.tshark(["-r", pcap, "-q", "-z", "sip_explain,tree"]).stdout
        self.assertRegex(tree, r"\n\s*\d\. Warning\s+2\s")
        # min_severity:warning leaves no Note or Chat of the plugin.
        out = self.ws.tshark(["-r", pcap, "-q", "-z", "expert", "-o", "sip_explain.min_severity:warning"]).stdout
        self.assertIn("SIP Explain", out)
        sections = re.split(r"\n(?=\w+ \(\d+\)\n=+)", out)
        for sec in sections:
            if sec.startswith(("Notes", "Chats")):
                self.assertNotIn("SIP Explain", sec)
        self.assertIn("credentials refused", out)
        # The fields stay.
        kept = self.rows(pcap, ["-o", "sip_explain.min_severity:warning"])
        self.assertEqual(kept[4]["severity"], "2")
        self.assertNotIn("which its Allow lists", kept[4]["expert"])

    def test_long_finding_shown_whole(self):
        long_text = "x" * 40 + " " + "word " * 60
        pcap = self.ws.capture([resp(488, "Not Acceptable Here", "INVITE", 1, "z9hG4bKl1",
                                     'Warning: 399 gw.example "%s"' % long_text.strip())])
        out = self.ws.tshark(["-r", pcap, "-V", "-O", "sip_explain"]).stdout
        self.assertNotIn("Context [truncated]", out)
        block = out[out.index("    Context:\n"):out.index("    [Severity:")]
        lines = [l.strip() for l in block.splitlines()[1:]]
        self.assertGreater(len(lines), 2)
        self.assertTrue(all(len(l.encode()) <= 150 for l in lines), lines)
        # Whole: the value as found (cut at 256 bytes with an ellipsis)
        # and the explanation of warn-code 399 to its last word.
        whole = " ".join(lines)
        self.assertTrue(whole.startswith('Warning 399 from gw.example: "' + "x" * 40 + " word"), whole)
        self.assertTrue(whole.endswith("never acted upon automatically."), whole)

if __name__ == "__main__":
    unittest.main()
