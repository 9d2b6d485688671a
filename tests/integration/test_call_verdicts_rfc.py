"""Call outcomes decided by the RFCs, on captures made here.

Each call below is one Call-ID in one capture. Its expected outcome, the
key phrase of its text and the final response that decides it come from
the RFC section named with it, not from the plugin's output. Each is
checked where a verdict shows: one pass (-T fields), two passes (-2) and
the table of flows (-z sip_explain,calls).

The caller is 192.0.2.10:5060 and its proxy 192.0.2.20:5060; the relayed
calls also have a callee, 192.0.2.30:5060, behind the proxy. The two
calls that wait for a timer come first; every other call starts 40 s
later, so the capture goes on past Timer B (64*T1 = 32 s, RFC 3261
section 17.1.1.2) after them.
"""
import configparser
import os
import unittest

import captures
import sipx

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "..", "data")

CALLER, PROXY, CALLEE = (192, 0, 2, 10), (192, 0, 2, 20), (192, 0, 2, 30)
UP = (CALLER, PROXY)            # caller -> proxy
DOWN = (PROXY, CALLER)          # proxy -> caller
VIA_PROXY = "Via: SIP/2.0/UDP 192.0.2.20:5060;branch=z9hG4bKproxy1"


def invite(cid, extra=""):
    return sipx.request("INVITE", call_id=cid, extra=extra)


def resp(code, reason, cid, method="INVITE", extra=""):
    return sipx.response(code, reason, method=method, call_id=cid, extra=extra)


def call(cid, *responses, cancel_after=None):
    """An INVITE from the caller and the proxy's responses (code, reason,
    extra headers); cancel_after: the CANCEL (and its 200) after that many
    responses."""
    msgs = [(invite(cid), UP)]
    for i, (code, reason, extra) in enumerate(responses):
        if cancel_after == i:
            msgs += [(sipx.request("CANCEL", call_id=cid), UP), (resp(200, "OK", cid, "CANCEL"), DOWN)]
        msgs.append((resp(code, reason, cid, extra=extra), DOWN))
    return msgs


RINGING = (180, "Ringing", "")
PROGRESS = (183, "Session Progress", "")
TRYING = (100, "Trying", "")

# Call-ID -> (messages, outcome, key phrase of its text, final code ("": none),
#             the RFC that decides it)
CALLS = {
    # RFC 3261 17.1.1.2: a provisional response moves the INVITE client
    # transaction to Proceeding, where Timer B no longer runs; 16.6: a
    # proxy's Timer C is over 3 minutes. Ringing past 32 s is no timeout.
    "ringing@rfc": (call("ringing@rfc", TRYING, RINGING), "in-progress",
                    "the phone was still ringing when the capture ended", ""),
    # RFC 3261 17.1.1.2: Timer B (64*T1) fires when nothing at all came.
    "silent@rfc": ([(invite("silent@rfc"), UP)] * 6, "no-final-response",
                   "No response: nothing at all came within 32 s (Timer B)", ""),
    # RFC 3398 7.2.4.1 (Q.850 18, no user responding -> 408); RFC 3261
    # 16.8: a proxy whose client transaction got no provisional response
    # answers 408: the next hop never responded.
    "408-trying@rfc": (call("408-trying@rfc", TRYING, (408, "Request Timeout", "")), "timeout",
                       "the called side or the next hop never responded", "408"),
    # RFC 3261 16.8 and 21.1.2: it rang (180), then the ring timer ran out.
    "408-ringing@rfc": (call("408-ringing@rfc", RINGING, (408, "Request Timeout", "")), "no-answer",
                        "the called side was alerted, but nobody answered", "408"),
    # RFC 3398 7.2.4.1: Q.850 19, no answer from user (user alerted) -> 480.
    "480-ringing@rfc": (call("480-ringing@rfc", RINGING, (480, "Temporarily Unavailable", "")), "no-answer",
                        "the called side was alerted, but nobody answered", "480"),
    "480-cause19@rfc": (call("480-cause19@rfc", (480, "Temporarily Unavailable", "Reason: Q.850;cause=19")),
                        "no-answer", "the called side was alerted, but nobody answered", "480"),
    # RFC 3398 7.2.4.1: cause 21 is a rejection, not "no answer", even
    # after a 183 (as zeek__wireshark.pcap frame 75 has it).
    "480-183-cause21@rfc": (call("480-183-cause21@rfc", PROGRESS,
                                 (480, "Temporarily Unavailable", "Reason: Q.850;cause=21")),
                            "unavailable", "the called user cannot be reached now", "480"),
    # RFC 3261 21.4.18: a 480 with nothing else, the user cannot be reached now.
    "480-plain@rfc": (call("480-plain@rfc", (480, "Temporarily Unavailable", "")), "unavailable",
                      "the called user cannot be reached now", "480"),
    # RFC 3261 20.43: Warning 399's text is the proxy's own; here it says its
    # DNS lookup found no target (RFC 3263 section 4.3): it could not route.
    "480-dns@rfc": (call("480-dns@rfc", (480, "No DNS results",
                                         'Warning: 399 proxy.example.com "No other DNS entries to try"')),
                    "unroutable", "a proxy could not route the call; its 480 names a failed DNS lookup", "480"),
    "480-warn-dns@rfc": (call("480-warn-dns@rfc", (480, "Temporarily Unavailable",
                                                   'Warning: 399 proxy.example.com "No other DNS entries to try"')),
                         "unroutable", "a proxy could not route the call; its 480 names a failed DNS lookup", "480"),
    # RFC 8197 section 3: 607 Unwanted, the called party's judgement.
    "607@rfc": (call("607@rfc", RINGING, (607, "Unwanted", "")), "unwanted",
                "the called party marked the call as unwanted", "607"),
    # RFC 8688 section 3: 608 Rejected, an intermediary's analytics; the
    # callee was not alerted.
    "608@rfc": (call("608@rfc", (608, "Rejected", "")), "blocked",
                "call analytics or call blocking rejected the call; the callee was not alerted", "608"),
    # RFC 3398 7.2.4.1: Q.850 21 (call rejected) -> 403; 603 only for the
    # user's own rejection. The called side or its network refused.
    "403-cause21@rfc": (call("403-cause21@rfc", (403, "Forbidden", "Reason: Q.850;cause=21")), "rejected",
                        "the called side or its network refused the call", "403"),
    # RFC 3261 21.4.22: 484 Address Incomplete (overlap dialling, dial plan).
    "484@rfc": (call("484@rfc", (484, "Address Incomplete", "")), "address-incomplete",
                "the called number has too few digits for the dial plan", "484"),
    # RFC 3261 21.4.14: 416 Unsupported URI Scheme.
    "416@rfc": (call("416@rfc", (416, "Unsupported URI Scheme", "")), "unsupported-scheme",
                "the server does not handle the scheme of the Request-URI", "416"),
    # RFC 3261 21.4.9: 410 Gone, existed, no forwarding address known.
    "410@rfc": (call("410@rfc", (410, "Gone", "")), "gone",
                "existed there but no longer does", "410"),
    # RFC 3261 21.4.13: 415 refuses the body's type, encoding or language,
    # not the media: no media-refused.
    "415@rfc": (call("415@rfc", (415, "Unsupported Media Type", "")), "rejected", "Rejected with 415", "415"),
    # RFC 3261 21.1.4: 183 is session progress (early media), no ringing.
    "cancel-183@rfc": (call("cancel-183@rfc", PROGRESS, (487, "Request Terminated", ""), cancel_after=1),
                       "cancelled", "the caller hung up after 183 Session Progress, before the call was answered", "487"),
    # RFC 3261 21.1.2: 180, the phone rings; then the caller's CANCEL (9.1).
    "cancel-180@rfc": (call("cancel-180@rfc", RINGING, (487, "Request Terminated", ""), cancel_after=1),
                       "cancelled", "the caller hung up while the phone rang", "487"),
    # RFC 3261 16.8 / 21.4.25: a 487 with no CANCEL from the caller (a
    # proxy's Timer C or ring timer ended the branch): not the caller's doing.
    "487-nocancel@rfc": (call("487-nocancel@rfc", RINGING, (487, "Request Terminated", "")), "cancelled",
                         "the INVITE was terminated (487) before it was answered", "487"),
}

# A CANCEL alone (RFC 3261 9.2: answered 200 by itself): its INVITE is not in
# the capture; there is no dialog, so it is no mid-dialog flow.
CANCEL_ONLY = "cancel-only@rfc"


def relayed(cid, downstream, upstream, again):
    """RFC 3261 16.7: the proxy relays the callee's final response to the
    caller (step 9), a 503 as a 500 (step 6); the callee retransmits its
    own final until the proxy's ACK comes (17.2.1). Frames: INVITE to the
    proxy, INVITE to the callee, the callee's final, the proxy's final, the
    callee's final again."""
    a, b = downstream, upstream
    two_vias = VIA_PROXY + "\r\n"
    return [(invite(cid), UP, 5060),
            (invite(cid, extra=VIA_PROXY), (PROXY, CALLEE), 5060),
            (resp(a[0], a[1], cid, extra=two_vias), (CALLEE, PROXY), 5060),
            (resp(b[0], b[1], cid), DOWN, 5060)] + \
        ([(resp(a[0], a[1], cid, extra=two_vias), (CALLEE, PROXY), 5060)] if again else [])


RELAYED = {
    # 503 from the callee, relayed as 500 (16.7 step 6), then the callee's
    # 503 again: the caller received the 500 (frame 4 of the call).
    "relay-503@rfc": (relayed("relay-503@rfc", (503, "Service Unavailable"), (500, "Server Internal Error"), True),
                      "server-failure", "500", 4),
    # The same 486 on both hops: the caller received the proxy's copy.
    "relay-486@rfc": (relayed("relay-486@rfc", (486, "Busy Here"), (486, "Busy Here"), False),
                      "busy", "486", 4),
}


def build(path):
    """The capture; returns Call-ID -> frame numbers of its messages."""
    p = captures.Pcap(path)
    frames, n = {}, 0

    def put(cid, msg, ends, at):
        nonlocal n
        p.t = int(at * 1e6) - 1000          # Pcap adds 1 ms before each frame
        p.udp(msg.encode(), src=ends[0], dst=ends[1])
        n += 1
        frames.setdefault(cid, []).append(n)

    # The timed calls: ringing from 0.5 s; the INVITE nobody answers sent
    # at 1 s and again at 1.5, 2.5, 4.5, 8.5 and 16.5 s (Timer A doubling).
    for i, (msg, ends) in enumerate(CALLS["ringing@rfc"][0]):
        put("ringing@rfc", msg, ends, 0.1 * i)
    for at, (msg, ends) in zip((1, 1.5, 2.5, 4.5, 8.5, 16.5), CALLS["silent@rfc"][0]):
        put("silent@rfc", msg, ends, at)
    at = 40.0
    for cid, (msgs, _, _, _) in CALLS.items():
        if cid in ("ringing@rfc", "silent@rfc"):
            continue
        for msg, ends in msgs:
            put(cid, msg, ends, at)
            at += 0.05
        at += 1
    put(CANCEL_ONLY, sipx.request("CANCEL", call_id=CANCEL_ONLY), UP, at)
    put(CANCEL_ONLY, resp(200, "OK", CANCEL_ONLY, "CANCEL"), DOWN, at + 0.01)
    at += 1
    for cid, (msgs, _, _, _) in RELAYED.items():
        for msg, ends, _ in msgs:
            put(cid, msg, ends, at)
            at += 0.05
        at += 1
    p.close()
    return frames


class CallVerdictsRfcTest(sipx.WorkspaceTest):
    CTEST_FAST = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pcap = cls.ws.path("call_verdicts_rfc.pcap")
        cls.frames = build(cls.pcap)

    def verdicts(self, extra=()):
        """frame -> (Call-ID, outcome, outcome text), for every frame with an outcome."""
        rows = self.ws.fields(self.pcap, ["frame.number", "sip.Call-ID", "sip_explain.outcome",
                                          "sip_explain.outcome_text"],
                              display_filter="sip_explain.outcome", extra=list(extra))
        return {int(r[0]): r[1:] for r in rows}

    def table(self, extra=()):
        out = self.ws.tshark(["-r", self.pcap, "-q", "-z", "sip_explain,calls"] + list(extra)).stdout
        rows = {}
        for line in out.splitlines():
            cols = [c.strip() for c in line.split("|")]
            if len(cols) >= 12 and cols[0].isdigit():
                rows[cols[2]] = cols
        return rows

    def final_frame(self, cid, code):
        """The frame of the call's last response with this code."""
        msgs = CALLS[cid][0]
        hits = [i for i, (m, _) in enumerate(msgs) if m.startswith("SIP/2.0 %s " % code)]
        return self.frames[cid][hits[-1]]

    def check_frames(self, got, passes):
        for cid, (_, outcome, phrase, code) in CALLS.items():
            with self.subTest(call=cid, passes=passes):
                mine = {f: v for f, v in got.items() if v[0] == cid}
                if not code:
                    # Nothing decides it on a response; no-final-response is
                    # shown on the request's last copy once the end is known.
                    if outcome == "no-final-response" and passes == 2:
                        self.assertEqual(list(mine), [self.frames[cid][-1]])
                        self.assertEqual(mine[self.frames[cid][-1]][1], outcome)
                        self.assertIn(phrase, mine[self.frames[cid][-1]][2])
                    else:
                        self.assertEqual(mine, {})
                    continue
                frame = self.final_frame(cid, code)
                self.assertEqual(list(mine), [frame])
                self.assertEqual(mine[frame][1], outcome)
                self.assertIn(phrase, mine[frame][2])
                self.assertIn("%s " % code, mine[frame][2])

    def test_one_pass(self):
        self.check_frames(self.verdicts(), 1)

    def test_two_passes(self):
        self.check_frames(self.verdicts(["-2"]), 2)

    def test_table(self):
        for extra in ([], ["-2"]):
            rows = self.table(extra)
            for cid, (_, outcome, phrase, code) in CALLS.items():
                with self.subTest(call=cid, passes=extra):
                    row = rows[cid]
                    self.assertEqual(row[9], code)
                    self.assertEqual(row[10], outcome)
                    self.assertIn(phrase, row[11])
                    if code:
                        self.assertIn("(frame %d)" % self.final_frame(cid, code), row[11])
            with self.subTest(call=CANCEL_ONLY, passes=extra):
                row = rows[CANCEL_ONLY]
                self.assertEqual(row[10], "cancel-only")
                self.assertIn("the INVITE it cancels is not in the capture", row[11])

    def test_ringing_chain_and_no_timer_b(self):
        """The call still ringing 40 s on names its 180 and no timer; the
        INVITE that got nothing names its copies (RFC 3261 17.1.1.2)."""
        rows = self.table()
        ringing = rows["ringing@rfc"][11]
        self.assertIn("180 Ringing (frame %d)" % self.frames["ringing@rfc"][2], ringing)
        self.assertNotIn("Timer", ringing)
        silent = rows["silent@rfc"][11]
        self.assertIn("copies sent: 6, the last in frame %d" % self.frames["silent@rfc"][-1], silent)

    def test_relayed_final_response(self):
        """RFC 3261 16.7: the final response the caller received is the
        proxy's copy, sent to the address the INVITE came from; the
        callee's copy (and its retransmission) went to the proxy."""
        for extra in ([], ["-2"]):
            rows = self.table(extra)
            got = self.verdicts(extra)
            for cid, (_, outcome, code, nth) in RELAYED.items():
                frame = self.frames[cid][nth - 1]
                with self.subTest(call=cid, passes=extra):
                    self.assertEqual(rows[cid][9], code)
                    self.assertEqual(rows[cid][10], outcome)
                    self.assertIn("%s " % code, rows[cid][11])
                    self.assertIn("(frame %d)" % frame, rows[cid][11])
                    self.assertNotIn("(frame %d)" % self.frames[cid][2], rows[cid][11])
                    mine = sorted(f for f, v in got.items() if v[0] == cid)
                    # One pass decides on each final as it comes (the
                    # callee's, then the proxy's); the last word is the
                    # caller's copy. Two passes name only that one.
                    self.assertEqual(mine[-1], frame)
                    if extra:
                        self.assertEqual(mine, [frame])
                    # The callee's 503 sent again after the caller got its
                    # 500 went to the proxy: it decides nothing.
                    self.assertTrue(all(f <= frame for f in mine))

    def test_translated_cause_name(self):
        """X-2: in Russian the Q.850 cause's English name comes with the
        first sentence of its Russian text (data/q850_causes.ini)."""
        q850 = configparser.ConfigParser(interpolation=None, strict=False)
        q850.optionxform = str
        q850.read(os.path.join(DATA, "q850_causes.ini"), encoding="utf-8")
        ru = q850["19"]["Description[ru]"]
        first = ru[:ru.index(". ")] if ". " in ru else ru.rstrip(".")
        rows = self.table(["-o", "sip_explain.language:ru"])
        text = rows["480-cause19@rfc"][11]
        self.assertIn("(%s \u2014 %s)" % (q850["19"]["Reason"], first), text)
        self.assertEqual(rows["480-cause19@rfc"][10], "no-answer")     # the keyword stays English


if __name__ == "__main__":
    unittest.main()
