"""SIP message text and captures for the integration tests, with tshark run through tests/lib.

response() and request() write the SIP text of one message; Workspace
(tests/lib/tshark_env.py) turns messages into a capture with text2pcap and
reads it back with tshark -T fields.
"""
import unittest

import captures
import tshark_env

# How tshark -T fields prints a boolean (tests/lib/tshark_env.py).
FIELD_TRUE, FIELD_FALSE = tshark_env.FIELD_TRUE, tshark_env.FIELD_FALSE


def response(code, reason, method="INVITE", cseq=1, call_id="a84b4c76e66710@pc33.example.com",
             extra="", body="", branch="z9hG4bKnashds8", omit=()):
    """Text of one SIP response. Headers named in omit are left out."""
    headers = [
        ("Via", "SIP/2.0/UDP pc33.example.com;branch=%s;received=192.0.2.1" % branch),
        ("From", "Alice <sip:alice@example.com>;tag=1928301774"),
        ("To", "Bob <sip:bob@example.org>;tag=a6c85cf"),
        ("Call-ID", call_id),
        ("CSeq", "%d %s" % (cseq, method)),
    ]
    lines = ["SIP/2.0 %s %s" % (code, reason) if reason is not None else "SIP/2.0 %s" % code]
    lines += ["%s: %s" % (k, v) for k, v in headers if k not in omit]
    lines += [h for h in extra.split("\r\n") if h]
    lines.append("Content-Length: %d" % len(body.encode()))
    return "\r\n".join(lines) + "\r\n\r\n" + body


def request(method, uri="sip:bob@example.org", cseq=1, call_id="a84b4c76e66710@pc33.example.com",
            extra="", body="", branch="z9hG4bKnashds8"):
    lines = [
        "%s %s SIP/2.0" % (method, uri),
        "Via: SIP/2.0/UDP pc33.example.com;branch=%s" % branch,
        "Max-Forwards: 70",
        "From: Alice <sip:alice@example.com>;tag=1928301774",
        "To: Bob <sip:bob@example.org>",
        "Call-ID: %s" % call_id,
        "CSeq: %d %s" % (cseq, method),
    ]
    lines += [h for h in extra.split("\r\n") if h]
    lines.append("Content-Length: %d" % len(body.encode()))
    return "\r\n".join(lines) + "\r\n\r\n" + body


class Workspace(tshark_env.Workspace):
    """A world-readable folder holding the plugin and the captures."""

    def __init__(self):
        super().__init__("sip_explain_test_")
        self.count = 0

    def capture(self, messages, transport="udp", name=None):
        """A capture with one packet per item of messages (str or bytes).
        transport: "udp" or "tcp" (each item one TCP segment)."""
        self.count += 1
        return captures.text2pcap(self.path(name or "capture%d.pcap" % self.count), messages, transport)

    def fields(self, pcap, fields, display_filter=None, extra=()):
        """Rows of -T fields output: a list of lists of strings."""
        args = ["-r", pcap, "-T", "fields", "-E", "separator=/t", "-E", "occurrence=a",
                "-E", "aggregator=|"]
        for f in fields:
            args += ["-e", f]
        if display_filter:
            args += ["-Y", display_filter]
        args += list(extra)
        out = self.tshark(args).stdout
        return [line.split("\t") for line in out.splitlines()]


class WorkspaceTest(unittest.TestCase):
    """A test class whose tests share one Workspace, cls.ws, closed after them."""

    @classmethod
    def setUpClass(cls):
        cls.ws = Workspace()

    @classmethod
    def tearDownClass(cls):
        cls.ws.close()
