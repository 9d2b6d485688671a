"""SIP message samples shared by the robustness suites and the fuzz seeds.

The RFC 4475 torture fixtures (tests/torture, in the RFC's notation) as
bytes, response variants of them, and ordinary call flows with the headers
the explanations read.
"""
import os
import re

TORTURE_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "torture")


def decode_fixture(text):
    """RFC 4475 section 2 notation to bytes: every line ends with CRLF;
    <allOneLine>...</allOneLine> joins its lines; <hex>..</hex> is raw
    octets; <repeat count=N>..</repeat> repeats its text."""
    text = re.sub(r"<allOneLine>\n(.*?)\n</allOneLine>",
                  lambda m: m.group(1).replace("\n", ""), text, flags=re.S)
    text = re.sub(r"<repeat count=(\d+)>(.*?)</repeat>",
                  lambda m: m.group(2) * int(m.group(1)), text, flags=re.S)
    if text.endswith("\n"):
        text = text[:-1]
    out = bytearray()
    for i, line in enumerate(text.split("\n")):
        if i:
            out += b"\r\n"
        pos = 0
        for m in re.finditer(r"<hex>([0-9A-Fa-f]*)</hex>", line):
            out += line[pos:m.start()].encode("utf-8")
            out += bytes.fromhex(m.group(1))
            pos = m.end()
        out += line[pos:].encode("utf-8")
    out += b"\r\n"
    return bytes(out)


def torture_messages():
    """[(name, bytes)] of every fixture in tests/torture, sorted by name."""
    out = []
    for name in sorted(os.listdir(TORTURE_DIR)):
        if name.endswith(".txt"):
            with open(os.path.join(TORTURE_DIR, name), encoding="utf-8") as f:
                out.append((name[:-4], decode_fixture(f.read())))
    return out


RESPONSE_LINES = [b"SIP/2.0 486 Busy Here", b"SIP/2.0 503 Service Unavailable",
                  b"SIP/2.0 401 Unauthorized", b"SIP/2.0 489 Bad Event",
                  b"SIP/2.0 302 Moved Temporarily", b"SIP/2.0 699 Whatever",
                  b"SIP/2.0 420 Bad Extension", b"SIP/2.0 200 OK"]


def as_response(msg, i):
    """The torture message with its start line replaced by a status line, so
    its tortured headers reach the response path of the plugin."""
    eol = msg.find(b"\r\n")
    if eol < 0 or msg.startswith(b"SIP/2.0 "):
        return msg
    return RESPONSE_LINES[i % len(RESPONSE_LINES)] + msg[eol:]


def flow_messages():
    """Ordinary call flows, with the headers the explanations read."""
    def resp(code, reason, method=b"INVITE", cseq=1, extra=b"", body=b""):
        return (b"SIP/2.0 %d %s\r\nVia: SIP/2.0/UDP pc33.example.com;branch=z9hG4bK%d\r\n"
                b"From: <sip:alice@example.com>;tag=1928\r\nTo: <sip:bob@example.org>;tag=a6c8\r\n"
                b"Call-ID: flow%d@example.com\r\nCSeq: %d %s\r\n%sContent-Length: %d\r\n\r\n%s"
                % (code, reason, cseq, cseq, cseq, method, extra, len(body), body))

    def req(method, cseq=1, extra=b""):
        return (b"%s sip:bob@example.org SIP/2.0\r\nVia: SIP/2.0/UDP pc33.example.com;branch=z9hG4bK%d\r\n"
                b"Max-Forwards: 70\r\nFrom: <sip:alice@example.com>;tag=1928\r\nTo: <sip:bob@example.org>\r\n"
                b"Call-ID: flow%d@example.com\r\nCSeq: %d %s\r\n%sContent-Length: 0\r\n\r\n"
                % (method, cseq, cseq, cseq, method, extra))
    out = [
        req(b"INVITE", 1), resp(100, b"Trying"), resp(180, b"Ringing"),
        resp(486, b"Busy Here", extra=b"Retry-After: 120 (in a meeting);duration=3600\r\n"),
        req(b"REGISTER", 2), resp(401, b"Unauthorized", b"REGISTER", 2,
                                  b'WWW-Authenticate: Digest realm="example.com", nonce="abc", qop="auth", '
                                  b'algorithm=MD5, stale=FALSE\r\n'),
        req(b"SUBSCRIBE", 3, b"Event: presence\r\n"),
        resp(489, b"Bad Event", b"SUBSCRIBE", 3, b"Allow-Events: dialog, message-summary, refer\r\n"),
        resp(503, b"Service Unavailable", cseq=4,
             extra=b'Retry-After: 30\r\nWarning: 399 proxy.example.com "Overloaded", 370 x "y"\r\n'),
        resp(480, b"Temporarily Unavailable", cseq=5,
             extra=b'Reason: Q.850;cause=18;text="No user responding", SIP;cause=480\r\n'),
        resp(302, b"Moved Temporarily", cseq=6,
             extra=b"Contact: <sip:bob@192.0.2.9>;q=0.7;expires=3600, \"B\" <sip:b2@example.org>;q=0.1\r\n"),
        resp(407, b"Proxy Authentication Required", cseq=7,
             extra=b'Proxy-Authenticate: Digest realm="p", nonce="n", opaque="o", qop="auth,auth-int"\r\n'),
        resp(420, b"Bad Extension", cseq=8, extra=b"Unsupported: 100rel, timer\r\n"),
        resp(405, b"Method Not Allowed", cseq=9, extra=b"Allow: INVITE, ACK, BYE, CANCEL, OPTIONS\r\n"),
        resp(415, b"Unsupported Media Type", cseq=10,
             extra=b"Accept: application/sdp\r\nAccept-Encoding: gzip\r\nAccept-Language: en\r\n"),
        resp(422, b"Session Interval Too Small", cseq=11, extra=b"Min-SE: 1800\r\n"),
        resp(423, b"Interval Too Brief", b"REGISTER", 12, b"Min-Expires: 3600\r\n"),
        resp(494, b"Security Agreement Required", cseq=13,
             extra=b"Security-Server: ipsec-3gpp;q=0.1;alg=hmac-sha-1-96\r\nRequire: sec-agree\r\n"),
        resp(200, b"OK", cseq=14, extra=b"Content-Type: application/sdp\r\n", body=b"v=0\r\n"),
        resp(606, b"Not Acceptable", cseq=15, extra=b"Warning: 304 example.com \"Media type not available\"\r\n"),
        resp(999, b"Nine Nine Nine", cseq=16), resp(42, b"Short", cseq=17),
        resp(1234, b"Long", cseq=18), resp(480, b"", cseq=19),
        req(b"BYE", 20), resp(481, b"Call/Transaction Does Not Exist", b"BYE", 20),
    ]
    return out


def torture_payloads():
    """Every torture message, then a response variant of each request."""
    msgs = torture_messages()
    payloads = [m for _, m in msgs]
    payloads += [as_response(m, i) for i, (_, m) in enumerate(msgs) if not m.startswith(b"SIP/2.0 ")]
    return payloads
