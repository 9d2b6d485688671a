"""What real captures showed around correct verdicts (issue 25): SIP quoted
in an ICMP error, retransmitted final responses, 488 to a request without
SDP, a Reason without cause, and a proxy that could not route (DNS).

Every capture is hand-made here (tests/lib/captures.py's pcap writer, with
the ICMP packets built byte by byte), each read in one pass and with -2.
"""
import os
import struct
import unittest

import captures
import data_files
import sipx
import tap_outputs

CALLER, CALLEE, PROXY, ROUTER = (192, 0, 2, 1), (192, 0, 2, 2), (192, 0, 2, 9), (198, 51, 100, 7)
PASSES = {"one pass": (), "-2": ("-2",)}
CALL_ID = "icmp-4711@192.0.2.1"


# The expert item packet-icmp.c adds to every ICMP error since Wireshark 4.2.
ICMP_ERROR_ITEM = "Type indicates an error"


class IcmpPcap(captures.Pcap):
    """The pcap writer with ICMP errors quoting a UDP datagram."""

    def icmp_error(self, quoted, icmp_type, code, src, dst, q_src, q_dst, sport=5060, dport=5060):
        udp = struct.pack("!HHHH", sport, dport, 8 + len(quoted), 0) + quoted
        ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), 99, 0, 64, 17, 0, bytes(q_src), bytes(q_dst))
        ip = ip[:10] + struct.pack("!H", captures._csum(ip)) + ip[12:]
        icmp = struct.pack("!BBHI", icmp_type, code, 0, 0) + ip + udp
        icmp = icmp[:2] + struct.pack("!H", captures._csum(icmp)) + icmp[4:]
        self._frame(1, icmp, src, dst)


def invite(call_id=CALL_ID, extra=""):
    return sipx.request("INVITE", call_id=call_id, extra=extra).encode()


def final(code, reason, call_id=CALL_ID, method="INVITE", extra="", body=""):
    return sipx.response(code, reason, method=method, call_id=call_id, extra=extra, body=body).encode()


class TransportAndCopiesTest(sipx.WorkspaceTest):
    # one ctest entry per method (tests/lib/list_tests.py): they run in parallel
    CTEST_PER_METHOD = True

    def pcap(self, name, frames):
        """frames: (kind, args) with kind "udp" (payload, src, dst) or
        "icmp" (quoted payload, type, code, ICMP sender, quoted src, quoted dst)."""
        p = IcmpPcap(self.ws.path(name))
        for kind, *args in frames:
            if kind == "udp":
                payload, src, dst = args
                p.udp(payload, src=src, dst=dst)
            else:
                quoted, icmp_type, code, sender, q_src, q_dst = args
                p.icmp_error(quoted, icmp_type, code, sender, q_src, q_src, q_dst)
        p.close()
        return p.path

    def experts(self, pcap, extra=()):
        """frame -> [(severity, message)] of the plugin's expert items."""
        rows = self.ws.fields(pcap, ["frame.number", "_ws.expert.severity", "_ws.expert.message",
                                     "_ws.expert.group"], extra=("-V",) + tuple(extra))
        out = {}
        for r in rows:
            if len(r) > 2 and r[2]:
                # Wireshark's own ICMP item (4.2 and later) is not ours.
                items = [i for i in zip(r[1].split("|"), r[2].split("|")) if i[1] != ICMP_ERROR_ITEM]
                if items:
                    out[int(r[0])] = items
        return out

    def field(self, pcap, name, extra=()):
        """frame -> value of one field (frames without it left out)."""
        rows = self.ws.fields(pcap, ["frame.number", name], extra=extra)
        return {int(r[0]): r[1] for r in rows if len(r) > 1 and r[1]}

    def table(self, pcap, extra=()):
        """Call-ID -> (outcome, outcome in words) of -z sip_explain,calls."""
        out = self.ws.tshark(["-r", pcap, "-q", "-z", "sip_explain,calls"] + list(extra)).stdout
        rows, header = {}, None
        for line in out.splitlines():
            cols = [c.strip() for c in line.split("|")]
            if cols[0] == "Frame":
                header = cols
            elif header and len(cols) >= len(header) - 1 and cols[0].isdigit():
                rows[cols[header.index("Call-ID")]] = (cols[header.index("Outcome")],
                                                        cols[header.index("Outcome in words")])
        return rows

    # ---- SIP inside ICMP (RFC 3261 sections 17.1.4 and 18.4) ----

    def icmp_capture(self, name, icmp_type=3, code=3, sender=CALLEE):
        req = invite()
        return self.pcap(name, [("udp", req, CALLER, CALLEE),
                                ("icmp", req, icmp_type, code, sender, CALLER, CALLEE)])

    def test_icmp_port_unreachable(self):
        pcap = self.icmp_capture("icmp_port.pcap")
        for label, extra in PASSES.items():
            with self.subTest(passes=label):
                # Not explained as a response, one Warning on the ICMP frame.
                self.assertEqual(self.field(pcap, "sip_explain.code", extra), {})
                experts = self.experts(pcap, extra)
                self.assertEqual(list(experts), [2])
                self.assertEqual(len(experts[2]), 1)
                severity, message = experts[2][0]
                self.assertEqual(severity, "6291456")      # PI_WARN
                self.assertIn("port unreachable", message)
                self.assertIn("192.0.2.2", message)         # who sent the ICMP error
                self.assertEqual(list(self.field(pcap, "sip_explain.transport_error", extra)), [2])
                # The flow: unreachable, and the quote is no copy of the request.
                row = self.table(pcap, extra)[CALL_ID]
                self.assertEqual(row[0], "unreachable")
                self.assertIn("frame 2", row[1])
                self.assertNotIn("copies", row[1])

    def test_icmp_host_unreachable_from_router(self):
        # A router's host unreachable: the address named is the router's.
        pcap = self.icmp_capture("icmp_host.pcap", code=1, sender=ROUTER)
        experts = self.experts(pcap)
        self.assertEqual(len(experts[2]), 1)
        self.assertIn("host unreachable", experts[2][0][1])
        self.assertIn("198.51.100.7", experts[2][0][1])
        self.assertEqual(self.table(pcap)[CALL_ID][0], "unreachable")

    def test_icmp_time_exceeded_ignored(self):
        # RFC 3261 section 18.4: time exceeded is no transport failure; the
        # quoted INVITE is still no live copy.
        pcap = self.icmp_capture("icmp_ttl.pcap", icmp_type=11, code=0)
        self.assertEqual(self.experts(pcap), {})
        self.assertNotEqual(self.table(pcap, ("-2",))[CALL_ID][0], "unreachable")

    def test_answered_despite_icmp(self):
        # An ICMP error on one copy, then a 486: the final response decides.
        req = invite()
        pcap = self.pcap("icmp_then_486.pcap", [("udp", req, CALLER, CALLEE),
                                                ("icmp", req, 3, 3, CALLEE, CALLER, CALLEE),
                                                ("udp", req, CALLER, CALLEE),
                                                ("udp", final(486, "Busy Here"), CALLEE, CALLER)])
        self.assertEqual(self.table(pcap, ("-2",))[CALL_ID][0], "busy")

    # ---- Retransmitted final responses (RFC 3261 sections 17.2.1, 13.3.1.4) ----

    def test_486_retransmitted_without_ack(self):
        # An INVITE server transaction resends its final response until the
        # ACK comes (Timer G, section 17.2.1): six copies, one event.
        busy = final(486, "Busy Here")
        pcap = self.pcap("busy6.pcap", [("udp", invite(), CALLER, CALLEE)]
                         + [("udp", busy, CALLEE, CALLER)] * 6)
        for label, extra in PASSES.items():
            with self.subTest(passes=label):
                experts = self.experts(pcap, extra)
                self.assertEqual(list(experts), [2])
                self.assertEqual(self.field(pcap, "sip_explain.copy_of", extra), {n: "2" for n in range(3, 8)})
                self.assertEqual(set(self.field(pcap, "sip_explain.code", extra)), set(range(2, 8)))

    def test_200_retransmitted(self):
        # A UAS resends its 2xx until the ACK comes (section 13.3.1.4).
        ok = final(200, "OK")
        pcap = self.pcap("ok3.pcap", [("udp", invite(), CALLER, CALLEE)] + [("udp", ok, CALLEE, CALLER)] * 3)
        for label, extra in PASSES.items():
            with self.subTest(passes=label):
                self.assertEqual(self.field(pcap, "sip_explain.copy_of", extra), {3: "2", 4: "2"})
                self.assertEqual(list(self.experts(pcap, extra)), [2])

    def test_relayed_final_explained_at_both_hops(self):
        # A proxy relays the 486 (section 16.7): the same response between
        # other addresses is a message of its own.
        busy = final(486, "Busy Here")
        pcap = self.pcap("relay.pcap", [("udp", invite(), CALLER, PROXY), ("udp", invite(), PROXY, CALLEE),
                                        ("udp", busy, CALLEE, PROXY), ("udp", busy, PROXY, CALLER)])
        for label, extra in PASSES.items():
            with self.subTest(passes=label):
                self.assertEqual(self.field(pcap, "sip_explain.copy_of", extra), {})
                self.assertEqual(set(self.field(pcap, "sip_explain.code", extra)), {3, 4})
                self.assertIn(3, self.experts(pcap, extra))
                self.assertIn(4, self.experts(pcap, extra))

    # ---- What a response says, by the RFCs ----

    def context(self, pcap, extra=()):
        """frame -> (context findings, expert messages) of each explained response."""
        rows = self.ws.fields(pcap, ["frame.number", "sip_explain.context", "_ws.expert.message",
                                     "sip_explain.description"], display_filter="sip_explain.code",
                              extra=("-V",) + tuple(extra))
        return {int(r[0]): (r[1], r[2], r[3]) for r in rows}

    def test_488_to_notify_without_body(self):
        # RFC 3261 section 21.4.26 is about a refused session description,
        # and offers come in INVITE, ACK, PRACK and UPDATE (section 13.2.1,
        # RFC 3262, RFC 3311): a NOTIFY without a body refused no codec.
        notify = sipx.request("NOTIFY", extra="Event: dialog\r\nSubscription-State: active").encode()
        pcap = self.pcap("notify488.pcap", [("udp", notify, CALLER, CALLEE),
                                            ("udp", final(488, "Not Acceptable Here", method="NOTIFY"),
                                             CALLEE, CALLER)])
        for label, extra in PASSES.items():
            with self.subTest(passes=label):
                _, experts, description = self.context(pcap, extra)[2]
                self.assertIn("NOTIFY", description)
                self.assertNotIn("offered session description", description + experts)
                self.assertNotIn("G.729", description)

    def test_reason_without_cause(self):
        # RFC 3326 section 2: cause is a reason-param like any other; a
        # Reason without it is well-formed, and its text is what it says.
        pcap = self.pcap("reason.pcap", [("udp", invite(), CALLER, CALLEE),
                                         ("udp", final(603, "Decline",
                                                       extra='Reason: SIP;description="User Hung Up"'),
                                          CALLEE, CALLER)])
        for label, extra in PASSES.items():
            with self.subTest(passes=label):
                context, experts, _ = self.context(pcap, extra)[2]
                self.assertIn("User Hung Up", context)
                self.assertNotIn("malformed", experts.lower())
                self.assertNotIn("cause parameter", experts + context)
                self.assertEqual(self.field(pcap, "_ws.malformed", extra), {})

    def test_480_no_dns(self):
        # A proxy that found no DNS entry for the next hop (RFC 3263) says
        # nothing of the called user: a finding says so.
        pcap = self.pcap("nodns.pcap", [("udp", invite(), CALLER, PROXY),
                                        ("udp", final(480, "No DNS results",
                                                      extra='Warning: 399 proxy.example.org "No other DNS entries to try"'),
                                         PROXY, CALLER)])
        for label, extra in PASSES.items():
            with self.subTest(passes=label):
                experts = self.context(pcap, extra)[2][1]
                self.assertIn("could not route the request", experts)
                self.assertIn("No DNS results", experts)

    def test_408_and_503_route_failure_in_warning(self):
        for code, reason in ((408, "Request Timeout"), (503, "Service Unavailable")):
            with self.subTest(code=code):
                pcap = self.pcap("route%d.pcap" % code, [
                    ("udp", invite(), CALLER, PROXY),
                    ("udp", final(code, reason, extra='Warning: 399 proxy "No route to destination"'), PROXY, CALLER)])
                experts = self.context(pcap)[2][1]
                self.assertIn("could not route the request", experts)
                self.assertIn("No route to destination", experts)

    def test_480_user_unavailable_is_no_route_failure(self):
        pcap = self.pcap("away.pcap", [("udp", invite(), CALLER, CALLEE),
                                       ("udp", final(480, "Temporarily Unavailable"), CALLEE, CALLER)])
        self.assertNotIn("could not route", self.context(pcap)[2][1])


class TreeOutcomesMatchTableTest(sipx.WorkspaceTest):
    """-z sip_explain,tree's By outcome counts each flow once by the verdict
    the table of flows (-z sip_explain,calls) gives it, on every capture of
    the real corpus, in one pass and with -2 (issue 25). In one pass an
    outcome a flow passed through keeps a row of 0, left out here."""

    REAL = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "real", "captures")

    def counts(self, pcap, extra):
        return tap_outputs.outcome_counts(
            self.ws.tshark(["-r", pcap, "-q", "-z", "sip_explain,tree", "-z", "sip_explain,calls"] + list(extra),
                           text=False).stdout)

    def test_every_real_capture(self):
        for name in data_files.real_capture_names():
            pcap = self.ws.add_file(os.path.join(self.REAL, name))
            for label, extra in PASSES.items():
                with self.subTest(capture=name, passes=label):
                    tree, table = self.counts(pcap, extra)
                    self.assertEqual(tree, table)


if __name__ == "__main__":
    unittest.main()
