"""How answered calls end, and transfers: hand-made captures with real timestamps.

Each scenario is one call (or one REFER) between a caller at 192.0.2.1 and
a callee at 192.0.2.2, written frame by frame with its time. Expectations
come from the RFCs:
  - RFC 3261 section 15.1.1: either side ends the call with a BYE; the
    BYE's From tag names its sender (the INVITE's From tag: the caller).
  - RFC 3326 section 2: Reason: protocol; cause (optional); text.
  - RFC 3261 section 13.3.1.4: the callee retransmits its 2xx until the ACK
    comes, for 64*T1 = 32 s; without one it should end the call with a BYE.
  - RFC 3261 section 15.1.2 and 17.1.2.2: a BYE answered >= 300 (but 481:
    the other side no longer holds the dialog) or not within Timer F
    (64*T1 = 32 s) leaves the far end possibly still in the call.
  - RFC 3515 section 2.4.5: a REFER's result is the status line in the
    message/sipfrag of its NOTIFYs; the 202 only accepts it.
Each is checked in one pass (the verdict on the frame where it becomes
known), with -2 (on the call's 2xx or the REFER's 202) and in the table
(-z sip_explain,calls).
"""
import os
import unittest

import captures
import sipx
import tap_outputs

CALLER, CALLEE = (192, 0, 2, 1), (192, 0, 2, 2)
CALLER_TAG, CALLEE_TAG = "1928301774", "a6c85cf"
FIELDS = ["frame.number", "sip_explain.outcome", "sip_explain.outcome_text", "sip_explain.hangup.by",
          "sip_explain.hangup.reason", "sip_explain.call.duration", "sip_explain.hangup.status",
          "sip_explain.ack_missing", "sip_explain.transfer.result", "sip_explain.transfer.status",
          "sip_explain.hangup.frame"]
# Columns of -z sip_explain,calls (docs/user-guide.md, "The table of flows").
COL_FINAL, COL_OUTCOME, COL_TEXT, COL_ENDED_BY, COL_DURATION, COL_TRANSFER = 9, 10, 11, 12, 13, 14


def message(start, call_id, cseq, from_caller, to_tag=True, extra=(), body=""):
    """One SIP message of the dialog: from_caller says whose From it carries
    (the caller's requests, and responses to them)."""
    caller = "Alice <sip:alice@example.com>;tag=%s" % CALLER_TAG
    callee = "Bob <sip:bob@example.org>" + (";tag=%s" % CALLEE_TAG if to_tag else "")
    frm, to = (caller, callee) if from_caller else (callee, caller)
    lines = [start, "Via: SIP/2.0/UDP %s;branch=z9hG4bK%s%s" % ("pc33.example.com" if from_caller else
                                                               "bob.example.org", cseq[0], cseq[1]),
             "From: " + frm, "To: " + to, "Call-ID: " + call_id, "CSeq: %d %s" % cseq,
             "Max-Forwards: 70"]
    lines += list(extra)
    lines.append("Content-Length: %d" % len(body.encode()))
    return "\r\n".join(lines) + "\r\n\r\n" + body


class Call:
    """A capture being written: frames with times (s) and directions."""

    def __init__(self, call_id):
        self.call_id = call_id
        self.frames = []            # (time, payload, sent by the caller)

    def add(self, t, by_caller, text):
        self.frames.append((t, text, by_caller))
        return len(self.frames)     # its frame number

    def invite_answered(self, t_200=2.0, acked=True):
        """INVITE at 0, 180 at 0.1, 200 at t_200 (and the ACK 50 ms later):
        returns the 200's frame."""
        cid = self.call_id
        self.add(0.0, True, message("INVITE sip:bob@example.org SIP/2.0", cid, (1, "INVITE"), True,
                                    to_tag=False, extra=["Contact: <sip:alice@192.0.2.1>"]))
        self.add(0.1, False, message("SIP/2.0 180 Ringing", cid, (1, "INVITE"), True))
        ok = self.add(t_200, False, message("SIP/2.0 200 OK", cid, (1, "INVITE"), True,
                                            extra=["Contact: <sip:bob@192.0.2.2>"]))
        if acked:
            self.add(t_200 + 0.05, True, message("ACK sip:bob@192.0.2.2 SIP/2.0", cid, (1, "ACK"), True))
        return ok

    def bye(self, t, by_caller, reason=None, answer="200 OK"):
        """A BYE at t and its answer 50 ms later (answer None: none):
        returns (BYE frame, answer frame)."""
        cseq = (2, "BYE") if by_caller else (100, "BYE")
        extra = ["Reason: " + reason] if reason else []
        b = self.add(t, by_caller, message("BYE sip:%s SIP/2.0" % ("bob@192.0.2.2" if by_caller else
                                                                  "alice@192.0.2.1"),
                                           self.call_id, cseq, by_caller, extra=extra))
        a = self.add(t + 0.05, not by_caller, message("SIP/2.0 " + answer, self.call_id, cseq, by_caller)) \
            if answer else None
        return b, a

    def answered_then_bye(self, t_200, t_bye, by_caller, **bye_args):
        """invite_answered() then bye(): the frames the checks name."""
        ok = self.invite_answered(t_200=t_200)
        bye, answer = self.bye(t_bye, by_caller, **bye_args)
        return {"ok": ok, "bye": bye, "answer": answer}

    def resend_200(self, t_200, delays):
        """Copies of the INVITE's 200 OK (sent at t_200) after each delay, as
        the callee sends them while no ACK comes."""
        for delay in delays:
            self.add(t_200 + delay, False, message("SIP/2.0 200 OK", self.call_id, (1, "INVITE"), True,
                                                   extra=["Contact: <sip:bob@192.0.2.2>"]))

    def write(self, path):
        pcap = captures.Pcap(path)
        for t, text, by_caller in self.frames:
            pcap.t = round(1000000000 + t * 1000000) - 1000      # Pcap adds 1 ms before each frame
            src, dst = (CALLER, CALLEE) if by_caller else (CALLEE, CALLER)
            pcap.udp(text.encode(), src=src, dst=dst)
        pcap.close()
        return path


def notify(call_id, cseq, frag, state):
    """A NOTIFY of the transfer from the callee (the transferee) with a
    message/sipfrag body holding the referred request's status line."""
    return message("NOTIFY sip:alice@192.0.2.1 SIP/2.0", call_id, (cseq, "NOTIFY"), False,
                   extra=["Event: refer", "Subscription-State: " + state, "Content-Type: message/sipfrag"],
                   body="SIP/2.0 %s\r\n" % frag)


class CallEndingsTest(sipx.WorkspaceTest):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.frames = {}
        cls.pcaps = {}
        for name in dir(cls):
            if name.startswith("scenario_"):
                call = Call(name[len("scenario_"):] + "@h3.example.com")
                cls.frames[name[9:]] = getattr(cls, name)(call)
                cls.pcaps[name[9:]] = call.write(cls.ws.path(name[9:] + ".pcap"))

    # ---- The scenarios: each returns the frames the checks name ----

    @staticmethod
    def scenario_caller_hangs_up(call):
        return call.answered_then_bye(2.0, 64.0, by_caller=True)

    @staticmethod
    def scenario_callee_q850(call):
        return call.answered_then_bye(1.0, 31.0, by_caller=False, reason='Q.850;cause=16;text="Normal call clearing"')

    @staticmethod
    def scenario_callee_sip_reason(call):
        return call.answered_then_bye(1.0, 11.0, by_caller=False, reason='SIP;text="User Hung Up"')

    @staticmethod
    def scenario_not_acked(call):
        # The 200 at 1 s and its copies at T1, 2*T1, 4*T1 ... 32*T1 after it
        # (RFC 3261 section 13.3.1.4): 7 copies over 31.5 s, no ACK; then
        # the callee ends the call.
        ok = call.invite_answered(t_200=1.0, acked=False)
        call.resend_200(1.0, (0.5, 1.5, 3.5, 7.5, 15.5, 31.5))
        bye, answer = call.bye(33.0, by_caller=False)
        return {"ok": ok, "bye": bye, "answer": answer}

    @staticmethod
    def scenario_late_ack(call):
        ok = call.invite_answered(t_200=1.0, acked=False)
        call.resend_200(1.0, (0.5, 1.5))
        call.add(2.6, True, message("ACK sip:bob@192.0.2.2 SIP/2.0", call.call_id, (1, "ACK"), True))
        bye, answer = call.bye(40.0, by_caller=False)
        return {"ok": ok, "bye": bye, "answer": answer}

    @staticmethod
    def scenario_bye_500(call):
        return call.answered_then_bye(1.0, 10.0, by_caller=True, answer="500 Server Internal Error")

    @staticmethod
    def scenario_bye_481(call):
        return call.answered_then_bye(1.0, 10.0, by_caller=True, answer="481 Call/Transaction Does Not Exist")

    @staticmethod
    def scenario_bye_unanswered(call):
        ok = call.invite_answered(t_200=1.0)
        bye, _ = call.bye(10.0, by_caller=True, answer=None)
        for delay in (0.5, 1.5, 3.5, 7.5, 11.5, 15.5, 19.5, 23.5, 27.5, 31.5):    # Timer E
            call.add(10.0 + delay, True, call.frames[bye - 1][1])
        # The capture goes on past Timer F: an unrelated OPTIONS, answered.
        other = Call("other@h3.example.com")
        call.add(45.0, True, message("OPTIONS sip:bob@example.org SIP/2.0", other.call_id, (1, "OPTIONS"), True,
                                     to_tag=False))
        call.add(45.01, False, message("SIP/2.0 200 OK", other.call_id, (1, "OPTIONS"), True))
        return {"ok": ok, "bye": bye}

    @staticmethod
    def scenario_bye_unanswered_short(call):
        # The capture ends 8 s after the BYE: Timer F has not run out.
        ok = call.invite_answered(t_200=1.0)
        bye, _ = call.bye(10.0, by_caller=True, answer=None)
        call.add(18.0, True, call.frames[bye - 1][1])
        return {"ok": ok, "bye": bye}

    @staticmethod
    def scenario_refer_ok(call):
        cid = call.call_id
        call.add(0.0, True, message("REFER sip:bob@example.org SIP/2.0", cid, (1, "REFER"), True, to_tag=False,
                                    extra=["Refer-To: <sip:carol@example.net>", "Contact: <sip:alice@192.0.2.1>"]))
        accepted = call.add(0.05, False, message("SIP/2.0 202 Accepted", cid, (1, "REFER"), True))
        n1 = call.add(0.1, False, notify(cid, 1, "100 Trying", "active;expires=60"))
        call.add(0.15, True, message("SIP/2.0 200 OK", cid, (1, "NOTIFY"), False))
        n2 = call.add(3.0, False, notify(cid, 2, "200 OK", "terminated;reason=noresource"))
        answer = call.add(3.05, True, message("SIP/2.0 200 OK", cid, (2, "NOTIFY"), False))
        return {"ok": accepted, "notify": n2, "answer": answer, "progress": n1}

    @staticmethod
    def scenario_refer_busy(call):
        cid = call.call_id
        call.add(0.0, True, message("REFER sip:bob@example.org SIP/2.0", cid, (1, "REFER"), True, to_tag=False,
                                    extra=["Refer-To: <sip:carol@example.net>", "Contact: <sip:alice@192.0.2.1>"]))
        accepted = call.add(0.05, False, message("SIP/2.0 202 Accepted", cid, (1, "REFER"), True))
        call.add(0.1, False, notify(cid, 1, "100 Trying", "active;expires=60"))
        call.add(0.15, True, message("SIP/2.0 200 OK", cid, (1, "NOTIFY"), False))
        n2 = call.add(2.0, False, notify(cid, 2, "486 Busy Here", "terminated;reason=noresource"))
        answer = call.add(2.05, True, message("SIP/2.0 200 OK", cid, (2, "NOTIFY"), False))
        return {"ok": accepted, "notify": n2, "answer": answer}

    @staticmethod
    def scenario_refer_no_result(call):
        cid = call.call_id
        call.add(0.0, True, message("REFER sip:bob@example.org SIP/2.0", cid, (1, "REFER"), True, to_tag=False,
                                    extra=["Refer-To: <sip:carol@example.net>"]))
        accepted = call.add(0.05, False, message("SIP/2.0 202 Accepted", cid, (1, "REFER"), True))
        call.add(0.1, False, notify(cid, 1, "100 Trying", "active;expires=60"))
        return {"ok": accepted}

    @staticmethod
    def scenario_transfer_in_call(call):
        cid = call.call_id
        ok = call.invite_answered(t_200=1.0)
        call.add(5.0, True, message("REFER sip:bob@192.0.2.2 SIP/2.0", cid, (2, "REFER"), True,
                                    extra=["Refer-To: <sip:carol@example.net>"]))
        call.add(5.05, False, message("SIP/2.0 202 Accepted", cid, (2, "REFER"), True))
        n = call.add(8.0, False, notify(cid, 100, "200 OK", "terminated;reason=noresource"))
        answer = call.add(8.05, True, message("SIP/2.0 200 OK", cid, (100, "NOTIFY"), False))
        bye, _ = call.bye(8.5, by_caller=True)
        return {"ok": ok, "notify": n, "answer": answer, "bye": bye}

    # ---- Reading them ----

    def rows(self, name, two_passes):
        rows = self.ws.fields(self.pcaps[name], FIELDS, extra=["-2"] if two_passes else [])
        return {int(r[0]): r[1:] for r in rows}

    def table(self, name):
        out = self.ws.tshark(["-r", self.pcaps[name], "-q", "-z", "sip_explain,calls"]).stdout
        for line in out.splitlines():
            cols = [c.strip() for c in line.split("|")]
            if len(cols) >= 15 and cols[0].isdigit() and cols[2] == name + "@h3.example.com":
                return cols
        self.fail("no table row for %s:\n%s" % (name, out))

    def verdicts(self, rows):
        """{frame: outcome} of the frames that carry one."""
        return {n: r[0] for n, r in rows.items() if r[0]}

    # ---- Who hung up, why, after how long (RFC 3261 section 15.1.1, RFC 3326) ----

    def test_caller_hangs_up(self):
        fr = self.frames["caller_hangs_up"]
        two = self.rows("caller_hangs_up", True)
        self.assertEqual(self.verdicts(two), {fr["ok"]: "answered"})
        row = two[fr["ok"]]
        self.assertEqual(row[2], "caller")                  # the BYE carries the INVITE's From tag
        self.assertEqual(row[3], "")                        # no Reason
        self.assertAlmostEqual(float(row[4]), 62.0)         # 200 at 2 s, BYE at 64 s
        self.assertEqual(row[5], "200")
        self.assertEqual(int(row[9]), fr["bye"])
        self.assertIn("the caller hung up after 62 s (BYE frame %d)" % fr["bye"], row[1])
        # One pass: answered on the 200 (nothing after it is known yet); the
        # ending's fields on the BYE's answer, without a second verdict.
        one = self.rows("caller_hangs_up", False)
        self.assertEqual(self.verdicts(one), {fr["ok"]: "answered"})
        self.assertEqual(one[fr["ok"]][2], "")
        self.assertEqual(one[fr["answer"]][2:5], ["caller", "", "62"])
        table = self.table("caller_hangs_up")
        self.assertEqual(table[COL_OUTCOME], "answered")
        self.assertEqual(table[COL_ENDED_BY], "caller")
        self.assertEqual(table[COL_DURATION], "62.000")
        self.assertIn("the caller hung up after 62 s", table[COL_TEXT])

    def test_callee_hangs_up_with_q850_reason(self):
        fr = self.frames["callee_q850"]
        row = self.rows("callee_q850", True)[fr["ok"]]
        self.assertEqual(row[0], "answered")
        self.assertEqual(row[2], "callee")                  # From tag = the 200's To tag
        self.assertEqual(row[3], "Q.850 cause 16 (Normal call clearing)")
        self.assertAlmostEqual(float(row[4]), 30.0)
        self.assertIn("the callee hung up after 30 s (BYE frame %d); Reason: Q.850 cause 16 (Normal call clearing)"
                      % fr["bye"], row[1])
        one = self.rows("callee_q850", False)
        self.assertEqual(one[fr["answer"]][2:4], ["callee", "Q.850 cause 16 (Normal call clearing)"])
        table = self.table("callee_q850")
        self.assertEqual((table[COL_OUTCOME], table[COL_ENDED_BY], table[COL_DURATION]),
                         ("answered", "callee", "30.000"))
        self.assertIn("Q.850 cause 16 (Normal call clearing)", table[COL_TEXT])

    def test_reason_without_cause(self):
        # RFC 3326 section 2: the cause is optional.
        fr = self.frames["callee_sip_reason"]
        row = self.rows("callee_sip_reason", True)[fr["ok"]]
        self.assertEqual(row[0], "answered")
        self.assertEqual(row[2:5], ["callee", "SIP (User Hung Up)", "10"])
        self.assertIn("Reason: SIP (User Hung Up)", row[1])

    # ---- A 2xx never acknowledged (RFC 3261 section 13.3.1.4) ----

    def test_2xx_never_acknowledged(self):
        fr = self.frames["not_acked"]
        two = self.rows("not_acked", True)
        self.assertEqual(self.verdicts(two), {fr["ok"]: "answered-not-acked"})
        row = two[fr["ok"]]
        self.assertEqual(row[6], "7")                       # sip_explain.ack_missing: copies of the 200
        self.assertEqual(row[2], "callee")
        self.assertIn("Answered but never acknowledged", row[1])
        self.assertIn("the callee sent the 200 7 times over 31.5 s and no ACK came", row[1])
        self.assertIn("the callee hung up after 32 s (BYE frame %d)" % fr["bye"], row[1])
        # One pass: answered on the 200; decided on the answer to the
        # callee's BYE, where giving up shows.
        one = self.rows("not_acked", False)
        self.assertEqual(self.verdicts(one), {fr["ok"]: "answered", fr["answer"]: "answered-not-acked"})
        self.assertEqual(one[fr["answer"]][6], "7")
        table = self.table("not_acked")
        self.assertEqual((table[COL_OUTCOME], table[COL_ENDED_BY]), ("answered-not-acked", "callee"))
        self.assertIn("no ACK came", table[COL_TEXT])

    def test_late_ack_is_plain_answered(self):
        # The 200 sent again twice, then the ACK came: the callee stops
        # (RFC 3261 section 13.3.1.4) and the call goes on; the callee's
        # BYE later is a plain hang-up, not giving up.
        fr = self.frames["late_ack"]
        row = self.rows("late_ack", True)[fr["ok"]]
        self.assertEqual(row[0], "answered")
        self.assertEqual(row[6], "")                        # no sip_explain.ack_missing
        self.assertEqual(row[2], "callee")
        self.assertNotIn("no ACK", row[1])

    # ---- A hang-up that failed (RFC 3261 sections 15.1.2, 17.1.2.2) ----

    def test_bye_refused(self):
        fr = self.frames["bye_500"]
        two = self.rows("bye_500", True)
        self.assertEqual(self.verdicts(two), {fr["ok"]: "hangup-failed"})
        row = two[fr["ok"]]
        self.assertEqual(row[5], "500")
        self.assertIn("Hang-up failed", row[1])
        self.assertIn("the BYE (frame %d) was answered 500 Server Internal Error (frame %d)"
                      % (fr["bye"], fr["answer"]), row[1])
        one = self.rows("bye_500", False)
        self.assertEqual(self.verdicts(one), {fr["ok"]: "answered", fr["answer"]: "hangup-failed"})
        self.assertEqual(self.table("bye_500")[COL_OUTCOME], "hangup-failed")

    def test_bye_481_ends_the_call(self):
        # 481: the other side holds no such dialog; the session is over
        # (RFC 3261 section 15.1.2), so the hang-up did not fail.
        fr = self.frames["bye_481"]
        two = self.rows("bye_481", True)
        self.assertEqual(self.verdicts(two), {fr["ok"]: "answered"})
        self.assertEqual(two[fr["ok"]][5], "481")
        self.assertIn("answered 481 (frame %d)" % fr["answer"], two[fr["ok"]][1])
        self.assertEqual(self.verdicts(self.rows("bye_481", False)), {fr["ok"]: "answered"})

    def test_bye_never_answered(self):
        fr = self.frames["bye_unanswered"]
        two = self.rows("bye_unanswered", True)
        self.assertEqual(two[fr["ok"]][0], "hangup-failed")
        self.assertIn("the BYE (frame %d) got no final response within 32 s (Timer F)" % fr["bye"],
                      two[fr["ok"]][1])
        self.assertEqual(two[fr["ok"]][5], "")              # no answer to name
        # One pass: no frame of the call comes after Timer F runs out, so
        # nothing decides it there; the 200 is answered.
        one = self.rows("bye_unanswered", False)
        self.assertEqual(one[fr["ok"]][0], "answered")
        self.assertNotIn("hangup-failed", self.verdicts(one).values())
        self.assertEqual(self.table("bye_unanswered")[COL_OUTCOME], "hangup-failed")
        # By outcome, in one pass, judges the call again when the BYE's
        # Timer F runs out, as the table does (flows/flow_waiting.h).
        tree, table = tap_outputs.outcome_counts(self.ws.tshark(
            ["-r", self.pcaps["bye_unanswered"], "-q", "-z", "sip_explain,tree", "-z", "sip_explain,calls"],
            text=False).stdout)
        self.assertEqual(tree["hangup-failed"], 1)
        self.assertEqual(tree, table)
        # Ended 8 s after the BYE: Timer F still runs, nothing is claimed.
        short = self.frames["bye_unanswered_short"]
        self.assertEqual(self.rows("bye_unanswered_short", True)[short["ok"]][0], "answered")
        self.assertEqual(self.table("bye_unanswered_short")[COL_OUTCOME], "answered")

    # ---- Transfers (RFC 3515 section 2.4.5) ----

    def check_transfer_result(self, name, outcome, code, words):
        """A REFER whose NOTIFY carries a final sipfrag: decided on the 202
        with -2; in one pass the 202 only accepts the REFER and the NOTIFY's
        answer decides."""
        fr = self.frames[name]
        two = self.rows(name, True)
        self.assertEqual(self.verdicts(two), {fr["ok"]: outcome})
        row = two[fr["ok"]]
        self.assertEqual(row[7:9], [outcome, str(code)])
        self.assertIn("%s (NOTIFY frame %d)" % (words, fr["notify"]), row[1])
        one = self.rows(name, False)
        self.assertEqual(self.verdicts(one), {fr["ok"]: "transfer-accepted", fr["answer"]: outcome})
        table = self.table(name)
        self.assertEqual((table[COL_OUTCOME], table[COL_TRANSFER]), (outcome, "%s %d" % (outcome, code)))

    def test_transfer_succeeded(self):
        self.check_transfer_result("refer_ok", "transferred", 200, "the referred request got 200 OK")

    def test_transfer_failed(self):
        self.check_transfer_result("refer_busy", "transfer-failed", 486,
                                   "failed: the referred request got 486 Busy Here")

    def test_transfer_without_result(self):
        # 202 then only 100 Trying: accepted, result not known.
        fr = self.frames["refer_no_result"]
        two = self.rows("refer_no_result", True)
        self.assertEqual(self.verdicts(two), {fr["ok"]: "transfer-accepted"})
        self.assertIn("result not known", two[fr["ok"]][1])
        self.assertEqual(two[fr["ok"]][7:9], ["transfer-accepted", "100"])

    def test_transfer_inside_a_call(self):
        # The call stays answered; the transfer is its own part.
        fr = self.frames["transfer_in_call"]
        two = self.rows("transfer_in_call", True)
        self.assertEqual(self.verdicts(two), {fr["ok"]: "answered"})
        row = two[fr["ok"]]
        self.assertEqual(row[7:9], ["transferred", "200"])
        self.assertIn("the caller hung up after 7.5 s", row[1])
        self.assertIn("transfer (REFER frame", row[1])
        one = self.rows("transfer_in_call", False)
        self.assertEqual(self.verdicts(one), {fr["ok"]: "answered"})
        self.assertEqual(one[fr["answer"]][7:9], ["transferred", "200"])
        table = self.table("transfer_in_call")
        self.assertEqual((table[COL_OUTCOME], table[COL_TRANSFER]), ("answered", "transferred 200"))

    def test_expert_items(self):
        # One expert item per decided flow: Warning for the faults, with -2.
        out = self.ws.tshark(["-r", self.pcaps["bye_500"], "-q", "-2", "-z", "expert"]).stdout
        self.assertIn("Hang-up failed", out)
        self.assertNotIn("Call answered", out)


if __name__ == "__main__":
    unittest.main()
