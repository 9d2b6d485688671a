"""Call outcomes on real sipp flows: one verdict per call or registration.

tests/captures/outcomes.pcap holds ten sipp scenarios (tests/sipp/outcomes/,
whose expected.tsv names each scenario's Call-ID and the frames of its
responses). Each scenario is judged in the three places a verdict shows:
  - one pass (tshark -Y/-T fields): the decisive response carries
    sip_explain.outcome, judged by what came before it;
  - two passes (-2): the same, and each step (401/407, 302) links to the
    response that decided its flow and to the request that retried it;
    a request that never got a final response gets its verdict;
  - the table (-z sip_explain,calls): one row per Call-ID.
The bundled demo capture's 16 flows are checked in the table too, and
expert info shows one outcome item per decided flow.
"""
import os
import re
import unittest

import sipp_expected
import sipx

HERE = os.path.dirname(os.path.abspath(__file__))
CAPTURES = os.path.join(HERE, "..", "captures")
EXPECTED_TSV = os.path.join(HERE, "..", "sipp", "outcomes", "expected.tsv")

# scenario -> (outcome, code of the decisive response, "first" or "last" of that code)
VERDICTS = {
    "answered_after_407": ("answered", "200", "first"),
    "credentials_refused": ("credentials-refused", "403", "first"),
    "registered_after_401": ("registered", "200", "first"),
    "register_fresh_nonces": ("credentials-refused", "401", "last"),
    "unregister": ("unregistered", "200", "first"),
    "not_found": ("not-found", "404", "first"),
    "redirect_followed": ("answered", "200", "first"),
    "forked_early_dialogs": ("answered", "200", "first"),
    "busy_after_ringing": ("busy", "486", "first"),
}


def read_expected():
    """scenario -> (call_id, [(code, frame)], (first frame, last frame)) of the main Call-ID."""
    return sipp_expected.read_expected(EXPECTED_TSV)


def decisive_frame(responses, code, which):
    frames = [n for c, n in responses if c == code]
    return frames[0] if which == "first" else frames[-1]


class CallOutcomesTest(sipx.WorkspaceTest):
    # in the fast tier, ctest -L fast (tests/lib/list_tests.py)
    CTEST_FAST = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pcap = cls.ws.add_file(os.path.join(CAPTURES, "outcomes.pcap"))
        cls.demo = cls.ws.add_file(os.path.join(CAPTURES, "demo.pcap"))
        cls.expected = read_expected()

    def verdicts(self, extra=()):
        rows = self.ws.fields(self.pcap, ["frame.number", "sip.Call-ID", "sip_explain.outcome",
                                          "sip_explain.step", "sip_explain.outcome_frame",
                                          "sip_explain.retry_frame", "sip_explain.outcome_text",
                                          "sip_explain.step_text"],
                              display_filter="sip_explain.outcome or sip_explain.step", extra=extra)
        return {int(r[0]): r[1:] for r in rows}

    def check_decisive(self, got):
        for scenario, (outcome, code, which) in VERDICTS.items():
            call_id, responses, _ = self.expected[scenario]
            frame = decisive_frame(responses, code, which)
            with self.subTest(scenario=scenario):
                self.assertIn(frame, got, "no verdict on frame %d" % frame)
                self.assertEqual(got[frame][0], call_id)
                self.assertEqual(got[frame][1], outcome)
                # one decisive response per flow
                decided = [n for n, r in got.items() if r[0] == call_id and r[1]]
                self.assertEqual(decided, [frame])

    def test_one_pass(self):
        got = self.verdicts()
        self.check_decisive(got)
        # A challenge in one pass expects a retry; it cannot know the rest.
        _, responses, _ = self.expected["answered_after_407"]
        challenge = decisive_frame(responses, "407", "first")
        self.assertEqual(got[challenge][2], "challenge")
        self.assertIn("expected", got[challenge][6])
        self.assertEqual(got[challenge][3], "")
        # No response ended the unanswered INVITE: nothing to show it on yet.
        call_id, _, _ = self.expected["no_final_response"]
        self.assertFalse([n for n, r in got.items() if r[0] == call_id])

    def test_two_passes(self):
        got = self.verdicts(extra=["-2"])
        self.check_decisive(got)
        # Steps link to the response that decided their flow and to the retry.
        for scenario, code in (("answered_after_407", "407"), ("credentials_refused", "407"),
                               ("registered_after_401", "401"), ("redirect_followed", "302")):
            call_id, responses, _ = self.expected[scenario]
            step = decisive_frame(responses, code, "first")
            outcome, dcode, which = VERDICTS[scenario]
            with self.subTest(scenario=scenario):
                self.assertEqual(got[step][1], "")
                self.assertEqual(got[step][2], "redirect" if code == "302" else "challenge")
                self.assertEqual(int(got[step][3]), decisive_frame(responses, dcode, which))
                retry = int(got[step][4])
                self.assertTrue(step < retry < int(got[step][3]))
                self.assertIn(outcome, got[step][6])
        # The INVITE nobody answered: its last copy, once the capture went on past Timer B.
        call_id, _, (first, last) = self.expected["no_final_response"]
        self.assertEqual(got[last][:2], [call_id, "no-final-response"])
        self.assertIn("copies sent: %d, the last in frame %d" % (last - first + 1, last), got[last][5])

    def table(self, pcap):
        out = self.ws.tshark(["-r", pcap, "-q", "-z", "sip_explain,calls"]).stdout
        rows = {}
        for line in out.splitlines():
            cols = [c.strip() for c in line.split("|")]
            if len(cols) >= 12 and cols[0].isdigit():
                rows[cols[2]] = cols
        return out, rows

    def test_table(self):
        out, rows = self.table(self.pcap)
        self.assertIn("SIP Explain/Calls and registrations", out)
        call_ids = {cid for cid, _, _ in self.expected.values()} | {"options-" + self.expected["no_final_response"][0]}
        self.assertEqual(set(rows), call_ids)
        for scenario, (outcome, code, which) in VERDICTS.items():
            call_id, responses, (first, _) = self.expected[scenario]
            with self.subTest(scenario=scenario):
                row = rows[call_id]
                self.assertEqual(int(row[0]), first)
                self.assertEqual(row[9], code)
                self.assertEqual(row[10], outcome)
                self.assertIn("frame %d" % decisive_frame(responses, code, which), row[11])
        self.assertEqual(rows[self.expected["no_final_response"][0]][10], "no-final-response")
        # The OPTIONS sent 2 s before the capture ends: its Timer F has not run out.
        self.assertEqual(rows["options-" + self.expected["no_final_response"][0]][10], "unfinished")
        # Authentication rounds and the setup times of a call answered after 407.
        row = rows[self.expected["answered_after_407"][0]]
        self.assertEqual(row[8], "1")
        self.assertLess(float(row[6]), float(row[7]))
        self.assertEqual(rows[self.expected["register_fresh_nonces"][0]][8], "3")
        # The Q.850 cause of the busy call is named.
        self.assertIn("Q.850 cause 17", rows[self.expected["busy_after_ringing"][0]][11])

    def test_demo_table_lists_every_flow(self):
        ids = {r[0] for r in self.ws.fields(self.demo, ["sip.Call-ID"]) if r[0]}
        _, rows = self.table(self.demo)
        self.assertEqual(set(rows), ids)
        by_outcome = {}
        for row in rows.values():
            by_outcome.setdefault(row[10], []).append(row)
        for outcome in ("answered", "busy", "declined", "cancelled", "registered", "redirected",
                        "rechallenge-unanswered", "unavailable", "media-refused", "server-failure"):
            self.assertIn(outcome, by_outcome)
        declined = by_outcome["declined"][0]
        self.assertEqual(declined[9], "603")
        self.assertIn("Q.850 cause 21", declined[11])
        self.assertIn("CANCEL (frame", by_outcome["cancelled"][0][11])

    def test_demo_verdicts_in_every_place(self):
        """The demo capture's declined (603 with Q.850 21), busy and
        cancelled-while-ringing calls: the same verdict on the same frame
        in one pass and two, and in the table."""
        _, rows = self.table(self.demo)
        for extra in ([], ["-2"]):
            got = {r[1]: (int(r[0]), r[2]) for r in self.ws.fields(
                self.demo, ["frame.number", "sip.Call-ID", "sip_explain.outcome"],
                display_filter="sip_explain.outcome", extra=extra)}
            for outcome, code in (("declined", "603"), ("busy", "486"), ("cancelled", "487")):
                with self.subTest(outcome=outcome, passes=extra):
                    cid = [c for c, row in rows.items() if row[10] == outcome][0]
                    self.assertEqual(got[cid][1], outcome)
                    self.assertEqual(rows[cid][9], code)
                    self.assertIn("frame %d)" % got[cid][0], rows[cid][11])

    def test_final_response_that_counts(self):
        """Built flows: of two 486s from different dialogs (a fork's, then
        the proxy's) the later decides; a retransmitted 486 (same To tag)
        changes nothing; a 2xx after a failure of another branch wins."""
        def resp(code, reason, tag, call_id):
            return sipx.response(code, reason, call_id=call_id, omit=("To",),
                                 extra="To: Bob <sip:bob@example.org>;tag=%s" % tag)
        msgs = [sipx.request("INVITE", call_id="fork1@example.com"),
                resp(486, "Busy Here", "fork-a", "fork1@example.com"),
                resp(486, "Busy Here", "proxy", "fork1@example.com"),
                resp(486, "Busy Here", "proxy", "fork1@example.com"),
                sipx.request("INVITE", call_id="fork2@example.com"),
                resp(480, "Temporarily Unavailable", "fork-a", "fork2@example.com"),
                resp(200, "OK", "fork-b", "fork2@example.com")]
        pcap = self.ws.capture(msgs)
        for extra in ([], ["-2"]):
            rows = self.ws.fields(pcap, ["frame.number", "sip.Call-ID", "sip_explain.outcome"],
                                  display_filter="sip_explain.outcome", extra=extra)
            self.assertEqual([(int(r[0]), r[1], r[2]) for r in rows],
                             [(2, "fork1@example.com", "busy"), (3, "fork1@example.com", "busy"),
                              (6, "fork2@example.com", "unavailable"), (7, "fork2@example.com", "answered")]
                             if not extra else
                             [(3, "fork1@example.com", "busy"), (7, "fork2@example.com", "answered")], extra)

    def test_expert_one_item_per_decided_flow(self):
        """The expert item of an outcome says its headline, the same for
        every flow with that outcome, so the Expert Information dialog and
        -z expert group flows by outcome: busy (Note), credentials refused
        twice and not found (Warnings)."""
        out = self.ws.tshark(["-r", self.pcap, "-q", "-z", "expert,note"]).stdout
        counts = {}
        for line in out.splitlines():
            m = re.match(r"\s*(\d+)\s+Sequence\s+SIP Explain\s+(.*)$", line)
            if m and ":" in m.group(2):
                counts[m.group(2)] = int(m.group(1))
        self.assertEqual(counts.get("Busy: the called side is busy"), 1)
        self.assertEqual(counts.get("Credentials refused: the credentials sent after the challenge were not accepted"), 2)
        self.assertEqual(counts.get("Not found: the called address is unknown where the request went"), 1)
        # In the tree the whole text is one field away.
        got = self.verdicts()
        busy = decisive_frame(self.expected["busy_after_ringing"][1], "486", "first")
        self.assertTrue(got[busy][5].startswith("Busy: the called side is busy (INVITE (frame"))

    def test_stats_tree_by_outcome(self):
        out = self.ws.tshark(["-r", self.pcap, "-q", "-z", "sip_explain,tree"]).stdout
        self.assertIn("By outcome", out)
        answered = [l for l in out.splitlines() if l.strip().startswith("answered")]
        self.assertEqual(len(answered), 1)
        self.assertEqual(answered[0].split()[1], "3")

    def test_russian_outcome_text(self):
        got = self.verdicts(extra=["-o", "sip_explain.language:ru"])
        call_id, responses, _ = self.expected["busy_after_ringing"]
        frame = decisive_frame(responses, "486", "first")
        self.assertEqual(got[frame][1], "busy")           # the keyword stays a filter value
        self.assertIn("кадр %d" % frame, got[frame][5])


if __name__ == "__main__":
    unittest.main()
