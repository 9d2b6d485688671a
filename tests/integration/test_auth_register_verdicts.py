"""Verdicts on registrations, MESSAGE and authentication, by the RFCs.

One capture built here (text2pcap, one time per message) holds one flow
per case, each with its own Call-ID; every case is checked in the three
places a verdict shows: one pass (-Y/-T fields), two passes (-2) and the
table (-z sip_explain,calls). The expectations come from the RFCs:

- RFC 3261 section 10.2.3: a REGISTER without Contact changes no binding;
  the registrar answers with the bindings it holds (a query), so its 200
  is no registration. A REGISTER with Contact that gets a 200 is one
  (section 10.2.1).
- RFC 3428 section 4: after a 202 to MESSAGE the sender must not assume
  the message was delivered (a relay or store-and-forward server took it);
  a 200 is a delivery.
- RFC 7616 section 3.3 (and RFC 3261 section 22.2): a nonce the server no
  longer takes is challenged with stale=true and a new nonce. A challenge
  on the very nonce the credentials answered refuses the credentials: that
  is decided at once, in one pass. One challenge with a new nonce and no
  stale=true, not answered, may be the server's nonce rotation: the nonce
  or the credentials were refused (no `credentials-refused`); a second
  one in a row refuses the credentials.
- RFC 3261 section 22.1: a first 401/407 to a request without credentials
  asks for them; the IMS sentence (3GPP TS 24.229 section 5.1.1.2: a first
  REGISTER names its user with an empty nonce and response) belongs only
  where the request carried such a header.
"""
import unittest

import captures
import sipx

CONTACT = "Contact: <sip:alice@192.0.2.1:5060>"


def req(method, cid, cseq, extra="", body=""):
    return sipx.request(method, uri="sip:example.com" if method == "REGISTER" else "sip:bob@example.org",
                        cseq=cseq, call_id=cid, branch="z9hG4bK-%s-%d" % (cid.split("@")[0], cseq), extra=extra,
                        body=body)


def resp(code, reason, method, cid, cseq, extra=""):
    return sipx.response(code, reason, method=method, cseq=cseq, call_id=cid,
                         branch="z9hG4bK-%s-%d" % (cid.split("@")[0], cseq), extra=extra)


def auth(nonce):
    return ('Authorization: Digest username="alice", realm="example.com", nonce="%s", uri="sip:example.com", '
            'response="6629fae49393a05397450978507c4ef1"' % nonce)


def chal(nonce):
    return 'WWW-Authenticate: Digest realm="example.com", nonce="%s", algorithm=MD5' % nonce


def rechallenges(cid, nonces):
    """REGISTER, 401 on nonces[0]; then for each further nonce a REGISTER
    with credentials on the previous one and a 401 on this one."""
    msgs = [req("REGISTER", cid, 1, CONTACT), resp(401, "Unauthorized", "REGISTER", cid, 1, chal(nonces[0]))]
    for i in range(1, len(nonces)):
        msgs += [req("REGISTER", cid, i + 1, CONTACT + "\r\n" + auth(nonces[i - 1])),
                 resp(401, "Unauthorized", "REGISTER", cid, i + 1, chal(nonces[i]))]
    return msgs


# case -> (messages, outcome in one pass, outcome with -2 and in the table, code of the decisive response,
#          a key phrase of its text)
CASES = {
    # RFC 3261 10.2.3: no Contact, a query; the 200 lists the bindings.
    "query": ([req("REGISTER", "query@example.com", 1),
               resp(200, "OK", "REGISTER", "query@example.com", 1, CONTACT + ";expires=1800")],
              "registration-queried", "registration-queried", "200", "listed those it holds"),
    # RFC 3261 10.2.1: a Contact and a 200: bound.
    "register": ([req("REGISTER", "register@example.com", 1, CONTACT + "\r\nExpires: 3600"),
                  resp(200, "OK", "REGISTER", "register@example.com", 1, CONTACT + ";expires=3600")],
                 "registered", "registered", "200", "the registrar accepted the binding"),
    # RFC 3428 section 4: 202 is no delivery; 200 is.
    "message202": ([req("MESSAGE", "message202@example.com", 1, "Content-Type: text/plain", body="hello"),
                    resp(202, "Accepted", "MESSAGE", "message202@example.com", 1)],
                   "accepted-for-delivery", "accepted-for-delivery", "202", "not delivered"),
    "message200": ([req("MESSAGE", "message200@example.com", 1, "Content-Type: text/plain", body="hello"),
                    resp(200, "OK", "MESSAGE", "message200@example.com", 1)],
                   "delivered", "delivered", "200", "reached its recipient"),
    # One new nonce after credentials, no stale=true, no retry: undecided in
    # one pass (a retry may come), and with the whole capture the nonce or
    # the credentials were refused.
    "rechallenge": (rechallenges("rechallenge@example.com", ["n1", "n2"]),
                    "", "rechallenge-unanswered", "401", "the server refused the nonce or the credentials"),
    # Two new nonces in a row: the credentials, decided at once.
    "two-rechallenges": (rechallenges("tworechallenges@example.com", ["m1", "m2", "m3"]),
                         "credentials-refused", "credentials-refused", "401", "were not accepted"),
    # The very nonce the credentials answered, challenged again: the
    # credentials, decided at once in one pass.
    "same-nonce": (rechallenges("samenonce@example.com", ["s1", "s1"]),
                   "credentials-refused", "credentials-refused", "401", "were not accepted"),
    # A first challenge to an INVITE without credentials, never answered.
    "first-invite": ([req("INVITE", "firstinvite@example.com", 1),
                      resp(407, "Proxy Authentication Required", "INVITE", "firstinvite@example.com", 1,
                           'Proxy-Authenticate: Digest realm="example.com", nonce="p1", algorithm=MD5')],
                     "", "challenge-unanswered", "407", "no request with credentials followed the 407"),
    # An IMS first REGISTER (empty nonce and response), challenged, never answered.
    "ims-first": ([req("REGISTER", "imsfirst@example.com", 1,
                       CONTACT + '\r\nAuthorization: Digest username="alice@ims.example", realm="example.com", '
                                 'uri="sip:example.com", nonce="", response=""'),
                   resp(401, "Unauthorized", "REGISTER", "imsfirst@example.com", 1, chal("i1"))],
                  "", "challenge-unanswered", "401", "no request with credentials followed the 401"),
}

# Flows checked apart, in the same capture.
MORE = {
    # The nonce the credentials answered, challenged twice: the first decides
    # the attempt in one pass; the second is a step whose text says what the
    # finding says (the credentials were refused), not "the nonce may be stale".
    "same-nonce-twice": rechallenges("samenoncetwice@example.com", ["t1", "t1", "t1"]),
    # A REGISTER without Expires refused with 423 (RFC 3261 section 10.2.8).
    "no-expires": [req("REGISTER", "noexpires@example.com", 1, CONTACT),
                   resp(423, "Interval Too Brief", "REGISTER", "noexpires@example.com", 1, "Min-Expires: 3600")],
}

IMS_SENTENCE = "IMS first REGISTER"


def build_capture(path):
    """The cases one after the other, 100 ms apart, each flow 10 s after
    the last (no timer runs out: each flow has its final responses)."""
    payloads, stamps, first_frames = [], [], {}
    flows = [(name, case[0]) for name, case in CASES.items()] + list(MORE.items())
    for n, (name, msgs) in enumerate(flows):
        first_frames[name] = len(payloads) + 1
        for i, m in enumerate(msgs):
            payloads.append(m)
            stamps.append("10:%02d:%02d.%06d" % (n // 6, (n % 6) * 10, 100000 * i))
    captures.text2pcap(path, payloads, stamps=stamps, time_format="%H:%M:%S.%f")
    return first_frames


class AuthRegisterVerdictsTest(sipx.WorkspaceTest):
    CTEST_FAST = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pcap = cls.ws.path("auth_register_verdicts.pcap")
        cls.first = build_capture(cls.pcap)
        cls.last = {}
        for name, msgs in [(name, case[0]) for name, case in CASES.items()] + list(MORE.items()):
            cls.last[name] = cls.first[name] + len(msgs) - 1
        cls.one_pass = cls.responses()
        cls.two_passes = cls.responses(["-2"])

    @classmethod
    def responses(cls, extra=()):
        """frame -> [Call-ID, outcome, step, outcome_text, step_text, context findings] of each response."""
        rows = cls.ws.fields(cls.pcap, ["frame.number", "sip.Call-ID", "sip_explain.outcome", "sip_explain.step",
                                          "sip_explain.outcome_text", "sip_explain.step_text",
                                          "sip_explain.context"],
                              display_filter="sip.Status-Code", extra=list(extra))
        return {int(r[0]): r[1:] for r in rows}

    def check_outcomes(self, got, passes):
        for name, (msgs, one_pass, two_passes, code, phrase) in CASES.items():
            expected = one_pass if passes == 1 else two_passes
            cid = [l for l in msgs[0].split("\r\n") if l.startswith("Call-ID:")][0].split(": ")[1]
            decided = {n: r for n, r in got.items() if r[0] == cid and r[1]}
            with self.subTest(case=name, passes=passes):
                if not expected:
                    self.assertEqual(decided, {})
                    continue
                # one decisive response per flow: the last response
                self.assertEqual(list(decided), [self.last[name]])
                row = decided[self.last[name]]
                self.assertEqual(row[1], expected)
                self.assertIn(phrase, row[3])

    def test_one_pass(self):
        got = self.one_pass
        self.check_outcomes(got, 1)
        # A new nonce once, in one pass: a step that expects a retry, and the
        # step text and the finding both say "the nonce or the credentials".
        r = got[self.last["rechallenge"]]
        self.assertEqual((r[1], r[2]), ("", "challenge"))
        self.assertIn("nonce may be stale or the credentials wrong", r[4])
        self.assertIn("the server refused the nonce or the credentials", r[5])

    def test_same_nonce_one_pass_agrees(self):
        """The same-nonce re-challenge: the outcome, the finding and the
        expert info say the same thing in one pass; no text says the nonce
        may be stale."""
        rows = self.ws.fields(self.pcap, ["frame.number", "sip_explain.outcome", "sip_explain.outcome_text",
                                          "sip_explain.step_text", "sip_explain.context", "_ws.expert.message"],
                              display_filter="frame.number == %d" % self.last["same-nonce"])
        frame, outcome, text, step_text, context, expert = rows[0]
        self.assertEqual(outcome, "credentials-refused")
        self.assertIn("Challenged again on the same nonce", context)
        self.assertIn("password or realm is wrong", context)
        # E-20: a rewritten Request-URI gives the same re-challenge.
        self.assertIn("digest uri no longer matches", context)
        self.assertIn("on the nonce the credentials answered: credentials refused", expert)
        self.assertIn("Credentials refused", expert)
        self.assertEqual(step_text, "")
        self.assertNotIn("stale", text + context)

    def test_same_nonce_twice_step_agrees(self):
        got = self.one_pass
        first, second = self.first["same-nonce-twice"] + 3, self.last["same-nonce-twice"]
        self.assertEqual(got[first][1], "credentials-refused")
        self.assertEqual((got[second][1], got[second][2]), ("", "challenge"))
        self.assertIn("the credentials were refused", got[second][4])
        self.assertNotIn("stale", got[second][4])
        self.assertIn("Challenged again on the same nonce", got[second][5])
        # With the whole capture: one verdict, on the last response.
        got = self.two_passes
        self.assertEqual(got[first][1:3], ["", "challenge"])
        self.assertEqual(got[second][1], "credentials-refused")

    def test_no_expires_423(self):
        """E-19: without Expires the server used its default; the 423 says it
        is below the server's own minimum."""
        got = self.one_pass
        self.assertIn("The request gave no Expires, so the server applied its own default; a 423 then means that "
                      "default is below the server's own minimum", got[self.last["no-expires"]][5])

    def test_two_passes(self):
        got = self.two_passes
        self.check_outcomes(got, 2)
        # The challenge the credentials answered is a step that links to the
        # response that decided the flow.
        r = got[self.first["rechallenge"] + 1]
        self.assertEqual(r[2], "challenge")
        self.assertIn("rechallenge-unanswered", r[4])

    def test_table(self):
        out = self.ws.tshark(["-r", self.pcap, "-q", "-z", "sip_explain,calls"]).stdout
        rows = {}
        for line in out.splitlines():
            cols = [c.strip() for c in line.split("|")]
            if len(cols) >= 12 and cols[0].isdigit():
                rows[int(cols[0])] = cols
        for name, (_, _, outcome, code, phrase) in CASES.items():
            with self.subTest(case=name):
                row = rows[self.first[name]]
                self.assertEqual(row[9], code)
                self.assertEqual(row[10], outcome)
                self.assertIn(phrase, row[11])
                self.assertIn("(frame %d)" % self.last[name], row[11])

    def test_first_challenge_ims_sentence(self):
        """The IMS sentence only where the request carried an empty Authorization."""
        got = self.one_pass
        invite = got[self.last["first-invite"]][5]
        self.assertIn("First challenge: the request (frame %d) carried no credentials in Proxy-Authorization"
                      % self.first["first-invite"], invite)
        self.assertNotIn(IMS_SENTENCE, invite)
        ims = got[self.last["ims-first"]][5]
        self.assertIn("First challenge: the request (frame %d) carried no credentials in Authorization"
                      % self.first["ims-first"], ims)
        self.assertIn(IMS_SENTENCE, ims)


if __name__ == "__main__":
    unittest.main()
