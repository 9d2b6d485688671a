"""Benchmark of the sip_explain plugin: tshark with and without the plugin, alternating in the same run, in every mode people use.

    python3 tests/bench/run_bench.py --plugin /tmp/bench-build/plugin/sip_explain.so \
        [--scale N] [--runs K] [--out report.md] [--scale-check] [--no-lua] \
        [--instructions | --instructions-only] [--modes M,..] [--captures sip,voip,nosip] [--quick]

Captures are generated at run time (pcap written directly, no text2pcap):
  sip     SIP only, ~200k messages at scale 1 (UDP, and TCP with two messages
          per segment), many response codes, several transactions per Call-ID
  voip    one SIP message per ten RTP packets (172-byte RTP payloads on even
          UDP ports negotiated in SDP), ~500k packets at scale 1
  nosip   no SIP at all: DNS, UDP and TCP data, ~500k packets at scale 1
  sip-small  SIP only, ~20k messages at scale 1, for -V
  voip-small, nosip-small  ~50k packets at scale 1, for --instructions

--instructions adds instruction counts (valgrind's callgrind, ASLR off) of
every mode on the small captures, with and without the plugin, and of
tshark's start-up; unlike the times, they do not depend on the machine's load.
--instructions-only measures only those (no timed runs). --quick counts
them on the SIP capture only, without the Lua reference: every mode in a few
minutes, for checking a change.

Standard library only; tshark runs through tests/lib/tshark_env.py (found
by the line below the imports when PYTHONPATH does not name tests/lib). See
tests/bench/README.md for how to read the table.
"""
import argparse
import concurrent.futures
import os
import random
import re
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import threading
import time

sys.path.append(os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "lib"))  # tests/lib when run by hand (ctest sets PYTHONPATH)
import tshark_env  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
LUA_SCRIPT = os.path.join(HERE, "minimal_explain.lua")
RUN_TIMEOUT = 600          # seconds, per tshark run
SCALE_RUN_TIMEOUT = 1800   # seconds, per tshark run of the scale check
CALLGRIND_TIMEOUT = 1800   # seconds, per tshark run under callgrind
CALLGRIND_JOBS = 2         # callgrind runs in parallel (counts do not depend on load)
STARTUP_RUNS = 3           # callgrind runs of the start-up per variant (median)

T0 = time.monotonic()


def log(msg):
    sys.stderr.write("[%6.1fs] %s\n" % (time.monotonic() - T0, msg))
    sys.stderr.flush()


# --------------------------------------------------------------------------
# pcap writing
# --------------------------------------------------------------------------

ETH_HDR = bytes.fromhex("020000000002" "020000000001" "0800")


def ip_checksum(hdr):
    s = sum(struct.unpack("!10H", hdr))
    s = (s & 0xFFFF) + (s >> 16)
    s = (s & 0xFFFF) + (s >> 16)
    return (~s) & 0xFFFF


def ip_addr(a):
    return bytes(int(x) for x in a.split("."))


class PcapWriter:
    """Ethernet/IPv4 pcap, microsecond timestamps, UDP and TCP."""

    def __init__(self, path):
        self.f = open(path, "wb", buffering=1 << 20)
        self.f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 262144, 1))
        self.ts = 1700000000.0
        self.ip_id = 0
        self.count = 0
        self.tcp_seq = {}

    def close(self):
        self.f.close()

    def _ip(self, src, dst, proto, l4):
        self.ip_id = (self.ip_id + 1) & 0xFFFF
        hdr = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(l4), self.ip_id, 0x4000, 64, proto, 0,
                          src, dst)
        hdr = hdr[:10] + struct.pack("!H", ip_checksum(hdr)) + hdr[12:]
        return ETH_HDR + hdr + l4

    def _record(self, frame, dt):
        self.ts += dt
        sec = int(self.ts)
        usec = int((self.ts - sec) * 1e6)
        self.f.write(struct.pack("<IIII", sec, usec, len(frame), len(frame)))
        self.f.write(frame)
        self.count += 1

    def udp(self, src, sport, dst, dport, payload, dt=0.0002):
        l4 = struct.pack("!HHHH", sport, dport, 8 + len(payload), 0) + payload
        self._record(self._ip(src, dst, 17, l4), dt)

    def tcp(self, src, sport, dst, dport, payload, dt=0.0002):
        """One data segment of an (assumed established) connection; sequence
        numbers follow on per direction, ACKs the other direction."""
        key = (src, sport, dst, dport)
        rkey = (dst, dport, src, sport)
        seq = self.tcp_seq.setdefault(key, 1000)
        ack = self.tcp_seq.setdefault(rkey, 1000)
        l4 = struct.pack("!HHIIBBHHH", sport, dport, seq, ack, 0x50, 0x18, 65535, 0, 0) + payload
        self.tcp_seq[key] = (seq + len(payload)) & 0xFFFFFFFF
        self._record(self._ip(src, dst, 6, l4), dt)


# --------------------------------------------------------------------------
# SIP traffic
# --------------------------------------------------------------------------

PROXY = "10.1.0.1"


class Dialog:
    """One scenario between a client (UA) and the proxy: a list of steps,
    each (direction, message text). direction 0: UA -> proxy, 1: proxy -> UA."""

    def __init__(self, rng, n, transport, kind, ua_n=None, rtp_offset=0):
        self.rng = rng
        self.n = n
        self.transport = transport
        self.kind = kind
        ua_n = n if ua_n is None else ua_n
        self.ua = "10.0.%d.%d" % (1 + (ua_n >> 8) % 250, 1 + ua_n % 250)
        self.ua_port = 5060
        self.call_id = "%08x%04x@%s" % (rng.getrandbits(32), n & 0xFFFF, self.ua)
        self.from_tag = "%x" % rng.getrandbits(40)
        self.to_tag = "%x" % rng.getrandbits(40)
        self.user = "u%d" % (n % 5000)
        self.callee = "c%d" % (rng.randrange(5000))
        self.rtp_ua = 20000 + 2 * (n % 10000) + rtp_offset
        self.rtp_proxy = 40000 + 2 * (n % 10000)
        self.branch_n = 0
        self.steps = []
        self.media = None          # (ua, ua_port, proxy, proxy_port) once answered
        getattr(self, "_" + kind)()

    # -- message text ------------------------------------------------------
    def _branch(self):
        self.branch_n += 1
        return "z9hG4bK%x.%d" % (self.rng.getrandbits(32), self.branch_n)

    def _sdp(self, addr, port, sess):
        return ("v=0\r\no=- %d %d IN IP4 %s\r\ns=call\r\nc=IN IP4 %s\r\nt=0 0\r\n"
                "m=audio %d RTP/AVP 0 8 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\n"
                "a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\na=ptime:20\r\na=sendrecv\r\n"
                % (sess, sess, addr, addr, port))

    def _via(self, branch):
        tr = "TCP" if self.transport == "tcp" else "UDP"
        return "Via: SIP/2.0/%s %s:%d;branch=%s;rport" % (tr, self.ua, self.ua_port, branch)

    def request(self, method, cseq, branch, extra=(), body="", to_tag=False, cseq_method=None):
        uri = "sip:%s@example.org" % (self.callee if method != "REGISTER" else self.user)
        if method == "REGISTER":
            uri = "sip:example.org"
        to = "<sip:%s@example.org>" % (self.user if method == "REGISTER" else self.callee)
        if to_tag:
            to += ";tag=" + self.to_tag
        lines = ["%s %s SIP/2.0" % (method, uri), self._via(branch), "Max-Forwards: 70",
                 "From: \"%s\" <sip:%s@example.org>;tag=%s" % (self.user, self.user, self.from_tag),
                 "To: " + to, "Call-ID: " + self.call_id,
                 "CSeq: %d %s" % (cseq, cseq_method or method),
                 "Contact: <sip:%s@%s:%d>" % (self.user, self.ua, self.ua_port),
                 "User-Agent: bench-ua/1.0"]
        lines += list(extra)
        if body:
            lines.append("Content-Type: application/sdp")
        lines.append("Content-Length: %d" % len(body))
        return "\r\n".join(lines) + "\r\n\r\n" + body

    def response(self, code, reason, method, cseq, branch, extra=(), body="", to_tag=True):
        to = "<sip:%s@example.org>" % (self.user if method == "REGISTER" else self.callee)
        if to_tag:
            to += ";tag=" + self.to_tag
        lines = ["SIP/2.0 %d %s" % (code, reason),
                 self._via(branch) + ";received=%s" % self.ua,
                 "From: \"%s\" <sip:%s@example.org>;tag=%s" % (self.user, self.user, self.from_tag),
                 "To: " + to, "Call-ID: " + self.call_id, "CSeq: %d %s" % (cseq, method),
                 "Server: bench-proxy/1.0"]
        lines += list(extra)
        if body:
            lines.append("Content-Type: application/sdp")
        lines.append("Content-Length: %d" % len(body))
        return "\r\n".join(lines) + "\r\n\r\n" + body

    def up(self, text):
        self.steps.append((0, text))

    def down(self, text):
        self.steps.append((1, text))

    # -- scenarios -----------------------------------------------------------
    def _invite_answered(self, cseq=1, auth=False):
        b = self._branch()
        extra = ["Proxy-Authorization: Digest username=\"%s\", realm=\"example.org\", nonce=\"abc%d\", "
                 "uri=\"sip:%s@example.org\", response=\"0123456789abcdef0123456789abcdef\""
                 % (self.user, self.n, self.callee)] if auth else []
        self.up(self.request("INVITE", cseq, b, extra, self._sdp(self.ua, self.rtp_ua, self.n)))
        self.down(self.response(100, "Trying", "INVITE", cseq, b, to_tag=False))
        self.down(self.response(180, "Ringing", "INVITE", cseq, b))
        self.down(self.response(200, "OK", "INVITE", cseq, b,
                                ["Contact: <sip:%s@%s>" % (self.callee, PROXY)],
                                self._sdp(PROXY, self.rtp_proxy, self.n + 1)))
        self.steps.append((2, None))   # media starts
        self.up(self.request("ACK", cseq, self._branch(), to_tag=True))
        return cseq

    def _bye(self, cseq):
        b = self._branch()
        self.steps.append((3, None))   # media stops
        self.up(self.request("BYE", cseq, b, to_tag=True))
        self.down(self.response(200, "OK", "BYE", cseq, b))

    def _call(self):
        self._invite_answered()
        self._bye(2)

    def _reinvite(self):
        self._invite_answered()
        b = self._branch()
        self.up(self.request("INVITE", 2, b, body=self._sdp(self.ua, self.rtp_ua, self.n + 2), to_tag=True))
        self.down(self.response(200, "OK", "INVITE", 2, b, ["Contact: <sip:%s@%s>" % (self.callee, PROXY)],
                                self._sdp(PROXY, self.rtp_proxy, self.n + 3)))
        self.up(self.request("ACK", 2, self._branch(), to_tag=True))
        self._bye(3)

    def _auth_call(self):
        b = self._branch()
        self.up(self.request("INVITE", 1, b, body=self._sdp(self.ua, self.rtp_ua, self.n)))
        self.down(self.response(407, "Proxy Authentication Required", "INVITE", 1, b,
                                ["Proxy-Authenticate: Digest realm=\"example.org\", nonce=\"abc%d\", "
                                 "algorithm=MD5, qop=\"auth\"" % self.n]))
        self.up(self.request("ACK", 1, b, to_tag=True))
        self._invite_answered(2, auth=True)
        self._bye(3)

    def _register(self):
        b = self._branch()
        self.up(self.request("REGISTER", 1, b, ["Expires: 3600"]))
        self.down(self.response(401, "Unauthorized", "REGISTER", 1, b,
                                ["WWW-Authenticate: Digest realm=\"example.org\", nonce=\"r%d\", "
                                 "algorithm=MD5, qop=\"auth\"" % self.n]))
        b = self._branch()
        self.up(self.request("REGISTER", 2, b, [
            "Expires: 3600",
            "Authorization: Digest username=\"%s\", realm=\"example.org\", nonce=\"r%d\", "
            "uri=\"sip:example.org\", response=\"fedcba9876543210fedcba9876543210\", qop=auth, "
            "nc=00000001, cnonce=\"c%d\"" % (self.user, self.n, self.n)]))
        self.down(self.response(200, "OK", "REGISTER", 2, b, [
            "Contact: <sip:%s@%s:%d>;expires=3600" % (self.user, self.ua, self.ua_port),
            "Date: Tue, 14 Nov 2023 22:13:20 GMT"]))

    def _subscribe(self):
        b = self._branch()
        self.up(self.request("SUBSCRIBE", 1, b, ["Event: conference", "Expires: 600",
                                                 "Accept: application/conference-info+xml"]))
        self.down(self.response(489, "Bad Event", "SUBSCRIBE", 1, b,
                                ["Allow-Events: presence, dialog, message-summary"]))

    def _failed_invite(self, code, reason, extra, provisional=True):
        b = self._branch()
        self.up(self.request("INVITE", 1, b, body=self._sdp(self.ua, self.rtp_ua, self.n)))
        if provisional:
            self.down(self.response(100, "Trying", "INVITE", 1, b, to_tag=False))
        self.down(self.response(code, reason, "INVITE", 1, b, extra))
        self.up(self.request("ACK", 1, b, to_tag=True))

    def _busy(self):
        self._failed_invite(486, "Busy Here", [])

    def _unavailable(self):
        self._failed_invite(503, "Service Unavailable", ["Retry-After: 120"], provisional=False)

    def _redirect(self):
        self._failed_invite(302, "Moved Temporarily",
                            ["Contact: <sip:%s@192.0.2.%d:5060>;q=0.7, <sip:%s@voicemail.example.org>;q=0.1"
                             % (self.callee, 1 + self.n % 250, self.callee)], provisional=False)

    def _not_found(self):
        self._failed_invite(404, "Not Found", [])

    def _options(self):
        b = self._branch()
        self.up(self.request("OPTIONS", 1, b, ["Accept: application/sdp"]))
        self.down(self.response(200, "OK", "OPTIONS", 1, b,
                                ["Allow: INVITE, ACK, CANCEL, BYE, OPTIONS, REGISTER, SUBSCRIBE, NOTIFY"]))

    def _cancel(self):
        b = self._branch()
        self.up(self.request("INVITE", 1, b, body=self._sdp(self.ua, self.rtp_ua, self.n)))
        self.down(self.response(100, "Trying", "INVITE", 1, b, to_tag=False))
        self.down(self.response(180, "Ringing", "INVITE", 1, b))
        self.up(self.request("CANCEL", 1, b, cseq_method="CANCEL"))
        self.down(self.response(200, "OK", "CANCEL", 1, b))
        self.down(self.response(487, "Request Terminated", "INVITE", 1, b))
        self.up(self.request("ACK", 1, b, to_tag=True))


SIP_MIX = [("call", 30), ("auth_call", 8), ("reinvite", 5), ("register", 18), ("subscribe", 8),
           ("busy", 9), ("unavailable", 6), ("redirect", 6), ("not_found", 4), ("options", 4),
           ("cancel", 4)]
VOIP_MIX = [("call", 60), ("auth_call", 10), ("reinvite", 10), ("register", 8), ("busy", 4),
            ("cancel", 4), ("options", 4)]


class SipTraffic:
    """Interleaves many concurrent dialogs. UDP dialogs send one message per
    packet; TCP dialogs come in pairs sharing a connection, both dialogs'
    messages of a step going in one segment (two SIP messages per segment)."""

    def __init__(self, rng, mix, tcp_share=0.15, concurrent=64):
        self.rng = rng
        self.kinds = [k for k, _ in mix]
        self.weights = [w for _, w in mix]
        self.tcp_share = tcp_share
        self.n = 0
        self.active = [self._new() for _ in range(concurrent)]
        self.media = []            # active media streams: (ua, ua_port, peer, peer_port, state)
        self.tcp_port = 30000

    def _new(self):
        kind = self.rng.choices(self.kinds, self.weights)[0]
        if self.rng.random() < self.tcp_share:
            a = Dialog(self.rng, self.n, "tcp", kind)
            b = Dialog(self.rng, self.n + 1, "tcp", kind, ua_n=self.n)
            self.n += 2
            return [a, b, 0]
        self.n += 1
        return [Dialog(self.rng, self.n - 1, "udp", kind), None, 0]

    def step(self, w):
        """Writes the next SIP packet of a random dialog; returns the number
        of SIP messages written (0 when the step was a media event)."""
        i = self.rng.randrange(len(self.active))
        slot = self.active[i]
        a, b, pos = slot
        direction, text = a.steps[pos]
        slot[2] = pos + 1
        if slot[2] >= len(a.steps):
            self.active[i] = self._new()
        dialogs = [a] if b is None else [a, b]
        if direction == 2:
            for d in dialogs:
                self.media.append([d.ua, d.rtp_ua, PROXY, d.rtp_proxy, d.rng.getrandbits(32), 0, d])
            return 0
        if direction == 3:
            self.media = [m for m in self.media if m[6] not in dialogs]
            return 0
        payload = text.encode()
        if b is not None:
            payload += b.steps[pos][1].encode()
        ua = ip_addr(a.ua)
        proxy = ip_addr(PROXY)
        if a.transport == "udp":
            if direction == 0:
                w.udp(ua, 5060, proxy, 5060, payload)
            else:
                w.udp(proxy, 5060, ua, 5060, payload)
        else:
            sport = 30000 + (a.n % 20000)
            if direction == 0:
                w.tcp(ua, sport, proxy, 5060, payload)
            else:
                w.tcp(proxy, 5060, ua, sport, payload)
        return len(dialogs)

    def rtp(self, w, count):
        if not self.media:
            return 0
        for _ in range(count):
            m = self.rng.choice(self.media)
            seq = m[5]
            m[5] = (seq + 1) & 0xFFFF
            fwd = seq & 1
            hdr = struct.pack("!BBHII", 0x80, 0, seq, (seq * 160) & 0xFFFFFFFF, m[4] ^ fwd)
            if fwd:
                w.udp(ip_addr(m[0]), m[1], ip_addr(m[2]), m[3], hdr + RTP_PAYLOAD, 0.00002)
            else:
                w.udp(ip_addr(m[2]), m[3], ip_addr(m[0]), m[1], hdr + RTP_PAYLOAD, 0.00002)
        return count


RTP_PAYLOAD = bytes((0xFF - (i % 7)) for i in range(160))


def gen_sip(path, messages, seed):
    rng = random.Random(seed)
    w = PcapWriter(path)
    t = SipTraffic(rng, SIP_MIX)
    done = 0
    while done < messages:
        done += t.step(w)
    w.close()
    return w.count, done


def gen_voip(path, packets, seed):
    rng = random.Random(seed)
    w = PcapWriter(path)
    t = SipTraffic(rng, VOIP_MIX, tcp_share=0.05, concurrent=48)
    sip = 0
    while w.count < packets:
        n = t.step(w)
        if n:
            sip += n
            t.rtp(w, 10 * n)
    w.close()
    return w.count, sip


def dns_name(name):
    return b"".join(bytes([len(p)]) + p.encode() for p in name.split(".")) + b"\0"


def gen_nosip(path, packets, seed):
    """DNS queries and answers, UDP data on odd high ports, TCP data flows."""
    rng = random.Random(seed)
    w = PcapWriter(path)
    server = ip_addr("10.2.0.53")
    web = ip_addr("10.2.0.80")
    junk = bytes(rng.getrandbits(8) for _ in range(1500))
    while w.count < packets:
        r = rng.random()
        client = ip_addr("10.3.%d.%d" % (rng.randrange(1, 250), rng.randrange(1, 250)))
        if r < 0.3:
            qid = rng.getrandbits(16)
            q = dns_name("host%d.example.net" % rng.randrange(100000))
            query = struct.pack("!HHHHHH", qid, 0x0100, 1, 0, 0, 0) + q + struct.pack("!HH", 1, 1)
            sport = 1024 + rng.randrange(60000)
            w.udp(client, sport, server, 53, query)
            ans = (struct.pack("!HHHHHH", qid, 0x8180, 1, 1, 0, 0) + q + struct.pack("!HH", 1, 1)
                   + struct.pack("!HHHIH4s", 0xC00C, 1, 1, 300, 4, bytes([192, 0, 2, rng.randrange(256)])))
            w.udp(server, 53, client, sport, ans)
        elif r < 0.65:
            n = rng.randrange(40, 600)
            off = rng.randrange(0, 300)
            w.udp(client, 10001 + 2 * rng.randrange(20000), web, 7001 + 2 * rng.randrange(100),
                  junk[off:off + n])
        else:
            sport = 40000 + rng.randrange(200)
            for _ in range(4):
                n = rng.randrange(60, 900)
                off = rng.randrange(0, 100)
                if rng.random() < 0.5:
                    w.tcp(client, sport, web, 9999, junk[off:off + n])
                else:
                    w.tcp(web, 9999, client, sport, junk[off:off + n])
    w.close()
    return w.count, 0


# --------------------------------------------------------------------------
# running tshark
# --------------------------------------------------------------------------

class Workspace(tshark_env.Workspace):
    """The plugin folders of the three variants: with the plugin, without
    any, and with the Lua reference."""

    def __init__(self, plugin, keep=False, floor=None):
        super().__init__("sip_explain_bench_", [plugin], keep=keep)
        self.dirs = {
            "with": self.plugin_dir,
            "without": self.path("plugins-without"),
            "lua": self.path("plugins-lua"),
        }
        os.makedirs(self.dirs["without"])
        os.makedirs(self.dirs["lua"])
        shutil.copy(LUA_SCRIPT, os.path.join(self.dirs["lua"], "minimal_explain.lua"))
        if floor:
            # Where Wireshark looks for this version's epan plugins, as
            # for sip_explain.so (tshark_env.plugin_folder).
            self.dirs["floor"] = self.path("plugins-floor")
            epan = os.path.join(self.dirs["floor"], tshark_env.WS_VERSION, "epan")
            os.makedirs(epan)
            shutil.copy(floor, os.path.join(epan, "sip_floor.so"))
        tshark_env.make_world_readable(self.dir)

    def variant_env(self, variant):
        return self.env(plugin=self.dirs[variant])

    def output(self, variant, args, timeout=120):
        """Runs tshark and returns (rc, stdout, stderr) as text."""
        p = self.tshark(args, check=False, plugin=self.dirs[variant], timeout=timeout)
        return p.returncode, p.stdout, p.stderr

    def measure(self, variant, args, timeout=RUN_TIMEOUT):
        """One timed run, output to /dev/null. Returns (wall s, user s, maxrss KiB)."""
        errpath = self.path("stderr.txt")
        with open(errpath, "wb") as err, open(os.devnull, "wb") as null:
            start = time.monotonic()
            proc = subprocess.Popen(self.command(args), env=self.variant_env(variant), stdout=null, stderr=err,
                                    cwd=self.dir)
            killed = []

            def kill():
                killed.append(True)
                try:
                    os.kill(proc.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            timer = threading.Timer(timeout, kill)
            timer.start()
            try:
                _, status, ru = os.wait4(proc.pid, 0)
            finally:
                timer.cancel()
            wall = time.monotonic() - start
            proc.returncode = os.waitstatus_to_exitcode(status)
        if killed:
            raise RuntimeError("tshark %s timed out after %ds" % (" ".join(args), timeout))
        if proc.returncode != 0:
            with open(errpath, errors="replace") as f:
                msg = f.read()[-2000:]
            raise RuntimeError("tshark %s (%s) failed with %d: %s" % (" ".join(args), variant,
                                                                     proc.returncode, msg))
        return wall, ru.ru_utime, ru.ru_maxrss


# --------------------------------------------------------------------------
# modes
# --------------------------------------------------------------------------

# Each mode: name, captures, arguments with the plugin, arguments without it
# (None: the same), arguments for the Lua reference (None: no Lua row), note.
FIELDS_BASE = ["-T", "fields", "-e", "frame.number", "-e", "sip.Status-Code"]
ALL = ["sip", "voip", "nosip"]
# (name, captures, args with the plugin, args without it (None: the same),
#  args for the Lua reference, captures with a Lua row, description)
MODES = [
    ("summary", ALL, [], None, [], ALL, "plain -r, summary lines"),
    ("fields", ALL, FIELDS_BASE + ["-e", "sip_explain.code"], FIELDS_BASE,
     FIELDS_BASE + ["-e", "sipx_lua.text"], ["sip"],
     "-T fields -e frame.number -e sip.Status-Code -e sip_explain.code; "
     "**without: the same minus `-e sip_explain.code`**"),
    ("filter-plugin", ALL, ["-Y", "sip_explain.class >= 4"],
     ["-Y", "sip.Status-Code >= 400"], ["-Y", "sipx_lua.text && sip.Status-Code >= 400"], ["sip"],
     "-Y \"sip_explain.class >= 4\"; **without: -Y \"sip.Status-Code >= 400\"** (the same packets)"),
    ("filter-sip", ALL, ["-Y", "sip.Status-Code >= 400"], None, None, [],
     "-Y \"sip.Status-Code >= 400\" (a filter not naming the plugin, same command both sides)"),
    ("verbose", ["sip-small"], ["-V"], None, ["-V"], ["sip-small"], "-V on the small SIP capture"),
    ("expert", ALL, ["-q", "-z", "expert"], None, ["-q", "-z", "expert"], [], "-q -z expert"),
    ("expert-no-outcomes", ALL, ["-q", "-z", "expert", "-o", "sip_explain.outcomes:FALSE"],
     ["-q", "-z", "expert"], None, [],
     "-q -z expert with the preference sip_explain.outcomes off: no flow recorded"),
    ("expert-codes-only", ALL,
     ["-q", "-z", "expert", "-o", "sip_explain.outcomes:FALSE", "-o", "sip_explain.context:FALSE"],
     ["-q", "-z", "expert"], None, [],
     "-q -z expert with outcomes and context findings off: one expert item per response, what "
     "its code says (no flow, no request record, no header read for findings)"),
    ("verbose-texts-only", ["sip-small"],
     ["-V", "-o", "sip_explain.outcomes:FALSE", "-o", "sip_explain.context:FALSE"], ["-V"], None, [],
     "-V with outcomes and context findings off: the explanation of each code, its texts and its "
     "expert item"),
    ("outcome-field", ALL, FIELDS_BASE + ["-e", "sip_explain.outcome"], FIELDS_BASE, None, [],
     "-T fields ... -e sip_explain.outcome (flows recorded, the verdict on decisive responses); "
     "**without: the same minus `-e sip_explain.outcome`**"),
    ("calls", ALL, ["-q", "-z", "sip_explain,calls"], ["-q", "-z", "sip,stat"], None, [],
     "-q -z sip_explain,calls, the table of flows; **without: -q -z sip,stat**, Wireshark's own SIP "
     "statistics (the table needs the plugin)"),
]


# Modes where the floor plugin is counted, and its arguments there (None:
# those of the run without the plugin; it has no preferences of ours). In
# the expert modes it files its expert items; in fields and filter-plugin
# its field sip_floor.code stands for sip_explain.code.
FLOOR_MODES = {
    "expert": None, "expert-no-outcomes": None, "expert-codes-only": None,
    "fields": FIELDS_BASE + ["-e", "sip_floor.code"],
    "filter-plugin": ["-Y", "sip_floor.code >= 400"],
}


def median(xs):
    return statistics.median(xs)


def ratio(a, b):
    return a / b if b else float("nan")


def fmt_ratio(r):
    return "%.3f" % r


def check_setup(ws, caps, lua_ok):
    """Proves the three plugin dirs do what they should before timing."""
    def protocols(variant):
        rc, out, err = ws.output(variant, ["-G", "protocols"])
        if rc != 0:
            raise RuntimeError("tshark -G protocols failed (rc %d): %s" % (rc, err[-2000:]))
        return {line.split("\t")[2] for line in out.splitlines() if line.count("\t") >= 2}
    if "sip_explain" not in protocols("with"):
        raise RuntimeError("the plugin is not loaded by tshark")
    if {"sip_explain", "sipx_lua"} & protocols("without"):
        raise RuntimeError("the baseline loads a plugin")
    small = caps["sip-small"]
    rc, out, err = ws.output("with", ["-r", small, "-T", "fields", "-e", "sip.Status-Code",
                                      "-e", "sip_explain.code", "-c", "2000"])
    rows = [line.split("\t") for line in out.splitlines()]
    explained = sum(1 for r in rows if len(r) == 2 and r[0] and r[1])
    responses = sum(1 for r in rows if r and r[0])
    log("check: %d of %d responses explained in the first 2000 packets of sip-small"
        % (explained, responses))
    if not explained:
        raise RuntimeError("the plugin explains no response: %s" % err[-2000:])
    if lua_ok:
        rc, out, err = ws.output("lua", ["-r", small, "-T", "fields", "-e", "sip.Status-Code",
                                         "-e", "sipx_lua.text", "-c", "2000"])
        rows = [line.split("\t") for line in out.splitlines()]
        lua_explained = sum(1 for r in rows if len(r) == 2 and r[0] and r[1])
        log("check: Lua reference explains %d responses in the same packets" % lua_explained)
        if rc != 0 or not lua_explained:
            log("Lua reference does not work here (rc %d): %s" % (rc, err[-500:]))
            return False
    return True


def lua_available():
    try:
        out = subprocess.run(["tshark", "-v"], capture_output=True, text=True, timeout=60).stdout
    except (OSError, subprocess.SubprocessError):
        return False, "tshark -v failed"
    for part in out.replace("\n", " ").split(","):
        part = part.strip()
        if part.startswith("with Lua"):
            return True, part
    return False, "tshark -v does not mention Lua"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--plugin", required=True, help="the built sip_explain.so")
    ap.add_argument("--scale", type=float, default=1.0, help="capture size factor (1: ~200k SIP messages)")
    ap.add_argument("--runs", type=int, default=5, help="timed runs per variant and mode")
    ap.add_argument("--out", help="write the Markdown report here too")
    ap.add_argument("--scale-check", action="store_true",
                    help="also measure peak RSS at 1x and 10x the SIP-only capture")
    ap.add_argument("--no-lua", action="store_true", help="skip the Lua reference rows")
    ap.add_argument("--floor", help="the built sip_floor.so (tests/bench/floor/): its instruction "
                    "counts in the expert modes, the least a plugin filing one expert item per "
                    "response pays")
    ap.add_argument("--modes", help="comma-separated subset of modes (default: all)")
    ap.add_argument("--captures", help="comma-separated subset of captures: sip, voip, nosip "
                    "(default: all; sip includes sip-small)")
    ap.add_argument("--quick", action="store_true",
                    help="instruction counts of the SIP capture only, without Lua: a few minutes "
                    "(--instructions-only --captures sip --no-lua)")
    ap.add_argument("--keep", action="store_true", help="keep the temp dir with the captures")
    ap.add_argument("--seed", type=int, default=6)
    ap.add_argument("--instructions", action="store_true",
                    help="also count instructions (valgrind's callgrind) of every mode on small captures")
    ap.add_argument("--instr-runs", type=int, default=1,
                    help="callgrind runs per variant and mode (median reported; default 1)")
    ap.add_argument("--instructions-only", action="store_true",
                    help="only the instruction counts: no timed runs")
    args = ap.parse_args()
    if args.quick:
        args.instructions_only, args.no_lua = True, True
        args.captures = args.captures or "sip"
    if args.instructions_only:
        args.instructions = True
    if args.instr_runs < 1:
        ap.error("--instr-runs must be 1 or more")

    if not os.path.exists(args.plugin):
        ap.error("no plugin at %s" % args.plugin)
    if args.floor and not os.path.exists(args.floor):
        ap.error("no floor plugin at %s" % args.floor)
    if shutil.which("tshark") is None:
        ap.error("tshark is not installed")
    lua_ok, lua_note = lua_available()
    if args.no_lua:
        lua_ok, lua_note = False, "skipped (--no-lua)"
    log("Lua: %s" % lua_note)

    args.load_start = os.getloadavg()
    ws = Workspace(args.plugin, keep=args.keep, floor=args.floor)
    try:
        return run(ws, args, lua_ok, lua_note)
    finally:
        ws.close()


def run(ws, args, lua_ok, lua_note):
    s = args.scale
    specs = [("sip", gen_sip, int(200000 * s)), ("voip", gen_voip, int(500000 * s)),
             ("nosip", gen_nosip, int(500000 * s)), ("sip-small", gen_sip, int(20000 * s)),
             ("voip-small", gen_voip, int(50000 * s)), ("nosip-small", gen_nosip, int(50000 * s))]
    modes = MODES
    if args.modes:
        wanted = args.modes.split(",")
        modes = [m for m in MODES if m[0] in wanted]
    if args.captures:
        kept = set(args.captures.split(",")) | ({"sip-small"} if "sip" in args.captures.split(",") else set())
        modes = [(m[0], [c for c in m[1] if c in kept]) + tuple(m[2:]) for m in modes]
        modes = [m for m in modes if m[1]]
    needed = {"sip-small"}
    if not args.instructions_only:
        needed |= {c for m in modes for c in m[1]}
    if args.instructions and shutil.which("valgrind"):
        needed |= {SMALL_CAPTURE[c] for m in modes for c in m[1]}
    caps, info = {}, {}
    for i, (name, gen, n) in enumerate(specs):
        if name not in needed:
            continue
        path = ws.path(name + ".pcap")
        t = time.monotonic()
        packets, sip = gen(path, n, args.seed + i)
        caps[name] = path
        info[name] = (packets, sip, os.path.getsize(path))
        log("generated %s: %d packets, %d SIP messages, %.0f MB in %.1fs"
            % (name, packets, sip, os.path.getsize(path) / 1e6, time.monotonic() - t))
    tshark_env.make_world_readable(ws.dir)
    lua_ok = check_setup(ws, caps, lua_ok) if lua_ok else False

    # warm the page cache and tshark's own start-up files once per capture
    if not args.instructions_only:
        for name, path in caps.items():
            ws.measure("without", ["-r", path, "-c", "1000"])

    jobs = []
    timed_modes = [] if args.instructions_only else modes
    for mname, mcaps, with_args, without_args, lua_args, lua_caps, note in timed_modes:
        for cap in mcaps:
            jobs.append((mname, cap, with_args, with_args if without_args is None else without_args,
                         lua_args if lua_ok and cap in lua_caps else None, note))
    results = []
    total = len(jobs)
    for j, (mname, cap, wa, woa, la, note) in enumerate(jobs):
        samples = {"with": [], "without": [], "lua": []}
        for r in range(args.runs):
            for variant, vargs in (("with", wa), ("without", woa), ("lua", la)):
                if vargs is None:
                    continue
                m = ws.measure(variant, ["-r", caps[cap]] + vargs)
                samples[variant].append(m)
                log("  %s on %s, run %d/%d, %s: wall %.2fs, user %.2fs, peak RSS %.0f MiB"
                    % (mname, cap, r + 1, args.runs, variant, m[0], m[1], m[2] / 1024))
        results.append((mname, cap, note, samples, wa, woa))
        w = median([x[0] for x in samples["with"]])
        wo = median([x[0] for x in samples["without"]])
        msg = "%d/%d %s on %s: with %.2fs, without %.2fs, ratio %.3f" % (j + 1, total, mname, cap, w, wo,
                                                                         ratio(w, wo))
        if samples["lua"]:
            lw = median([x[0] for x in samples["lua"]])
            msg += ", lua %.2fs (%.3f)" % (lw, ratio(lw, wo))
        log(msg)
        if args.out and j + 1 < total:
            # a partial report after every job, so a long run interrupted
            # still leaves its figures
            args.load_end = os.getloadavg()
            with open(args.out, "w") as f:
                f.write("**Partial: %d of %d mode/capture jobs done.**\n\n" % (j + 1, total))
                f.write(make_report(args, info, results, lua_ok, lua_note, []) + "\n")

    scale_lines = []
    if args.scale_check:
        scale_lines = scale_check(ws, args, caps)

    # the load average is about the timed runs: taken before the callgrind runs
    args.load_end = os.getloadavg()
    instr_lines = None
    if args.instructions:
        if args.out and not args.instructions_only:
            with open(args.out, "w") as f:
                f.write("**Partial: timed runs done, instruction counts not yet.**\n\n")
                f.write(make_report(args, info, results, lua_ok, lua_note, scale_lines) + "\n")
        instr_lines = instruction_counts(ws, args, caps, modes, lua_ok)
    report = make_report(args, info, results, lua_ok, lua_note, scale_lines, instr_lines)
    print(report)
    if args.out:
        with open(args.out, "w") as f:
            f.write(report + "\n")
        log("report written to %s" % args.out)
    return 0


# The scale check's fields: the code and the context fields, which make the
# plugin keep its per-capture request records (in -T fields mode it only
# computes the fields named by -e).
SCALE_FIELDS = ["sip_explain.code", "sip_explain.request_frame", "sip_explain.context"]


def scale_check(ws, args, caps):
    """Peak RSS with and without the plugin, at 1x and 10x the SIP capture.
    With: -T fields naming the plugin's code and context fields (the context
    fields make it keep its per-capture request records); without: the same
    minus the plugin's fields."""
    base = int(200000 * args.scale)
    sizes = [base, 10 * base]
    argv_with = FIELDS_BASE + [a for f in SCALE_FIELDS for a in ("-e", f)]
    rows = []
    for n in sizes:
        if n == base and "sip" in caps:
            path = caps["sip"]
        else:
            path = ws.path("sip-%d.pcap" % n)
            t = time.monotonic()
            packets, _ = gen_sip(path, n, args.seed + 100)
            os.chmod(path, 0o644)
            log("generated scale capture: %d messages, %d packets, %.0f MB in %.1fs"
                % (n, packets, os.path.getsize(path) / 1e6, time.monotonic() - t))
        res = {}
        for variant, a in (("with", argv_with), ("without", FIELDS_BASE), ("with-summary", [])):
            v = "with" if variant.startswith("with-") else variant
            res[variant] = ws.measure(v, ["-r", path] + a, timeout=SCALE_RUN_TIMEOUT)
            log("scale %d messages, %s: wall %.1fs, peak RSS %.0f MiB"
                % (n, variant, res[variant][0], res[variant][2] / 1024))
        rows.append((n, res))
        if n != base or "sip" not in caps:
            os.unlink(path)
    lines = ["| SIP messages | mode | peak RSS with (MiB) | without (MiB) | with/without | plugin's extra (MiB) | wall with (s) |",
             "|---:|---|---:|---:|---:|---:|---:|"]
    for n, res in rows:
        w, wo = res["with"], res["without"]
        lines.append("| %d | -T fields (with: %s) | %.1f | %.1f | %s | %.1f | %.1f |"
                     % (n, " ".join("-e " + f for f in SCALE_FIELDS), w[2] / 1024, wo[2] / 1024, fmt_ratio(ratio(w[2], wo[2])), (w[2] - wo[2]) / 1024, w[0]))
        ws_ = res["with-summary"]
        lines.append("| %d | plain -r (with only) | %.1f | | | | %.1f |" % (n, ws_[2] / 1024, ws_[0]))
    (n1, r1), (n2, r2) = rows
    g_with = r2["with"][2] / r1["with"][2]
    g_without = r2["without"][2] / r1["without"][2]
    extra1 = r1["with"][2] - r1["without"][2]
    extra2 = r2["with"][2] - r2["without"][2]
    lines.append("")
    lines.append("With: `-T fields -e frame.number -e sip.Status-Code %s` (the context fields make the "
                 "plugin keep its per-capture request records); without: the same minus the plugin's "
                 "fields." % " ".join("-e " + f for f in SCALE_FIELDS))
    lines.append("")
    lines.append("Growth of peak RSS from %d to %d messages (x%d): with the plugin x%.2f, "
                 "without x%.2f; the plugin's own extra went from %.1f MiB to %.1f MiB."
                 % (n1, n2, n2 // n1, g_with, g_without, extra1 / 1024, extra2 / 1024))
    return lines


# The instruction counts run every mode on the small captures.
SMALL_CAPTURE = {"sip": "sip-small", "voip": "voip-small", "nosip": "nosip-small", "sip-small": "sip-small"}
COLLECTED_RE = re.compile(r"^==\d+== Collected : (\d+)\s*$", re.M)


def callgrind_wrap():
    """What goes between setpriv and tshark: ASLR off (setarch -R), so the
    counts repeat, and callgrind counting instructions, writing no file."""
    wrap = ["setarch", os.uname().machine, "-R"] if shutil.which("setarch") else []
    return wrap + ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null"]


def count_instructions(ws, variant, args):
    """One tshark run under callgrind, output to /dev/null. Returns the
    instructions executed by the whole process (callgrind's "Collected")."""
    p = subprocess.run(ws.command(args, wrap=callgrind_wrap()), env=ws.variant_env(variant),
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ws.dir,
                       timeout=CALLGRIND_TIMEOUT)
    err = p.stderr.decode(errors="replace")
    m = COLLECTED_RE.search(err)
    if p.returncode != 0 or not m:
        raise RuntimeError("tshark %s (%s) under callgrind: rc %d%s: %s"
                           % (" ".join(args), variant, p.returncode, "" if m else ", no count",
                              err[-1000:]))
    return int(m.group(1))


def fmt_count(n):
    return "{:,}".format(n) if n is not None else "failed"


def fmt_ratio4(r):
    return "%.4f" % r


def verbose_output_size(ws, caps, mode):
    """What -V prints with the plugin and without it: lines and bytes. With
    the instruction ratio of -V it tells what a printed line costs: the
    plugin's against Wireshark's own."""
    _, mcaps, with_args, without_args, _, _, _ = mode
    cap = caps[SMALL_CAPTURE[mcaps[0]]]
    size = {}
    for variant, vargs in (("with", with_args), ("without", with_args if without_args is None else without_args)):
        p = subprocess.run(ws.command(["-r", cap] + vargs), env=ws.variant_env(variant),
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, cwd=ws.dir, timeout=RUN_TIMEOUT)
        size[variant] = (p.stdout.count(b"\n"), len(p.stdout)) if p.returncode == 0 else None
    if None in size.values():
        return "-V output: not measured (tshark failed)."
    (lw, bw), (lwo, bwo) = size["with"], size["without"]
    return ("-V output on %s: with the plugin %s lines, %s bytes; without %s lines, %s bytes "
            "(%.4f and %.4f of without). A ratio of instructions below these is a printed line "
            "costing less than Wireshark's own lines do on average."
            % (SMALL_CAPTURE[mcaps[0]], fmt_count(lw), fmt_count(bw), fmt_count(lwo), fmt_count(bwo),
               ratio(lw, lwo), ratio(bw, bwo)))


def instruction_counts(ws, args, caps, modes, lua_ok):
    """Instructions executed by tshark with and without the plugin (and the
    Lua reference where the mode has a Lua row), every mode on the small
    captures, plus the start-up (-c 1, STARTUP_RUNS times each, median).
    Returns the report lines."""
    if shutil.which("valgrind") is None:
        log("instructions: valgrind is not installed, skipped")
        return ["Not measured: valgrind is not installed (`apt-get install valgrind`)."]
    startup_cap = "sip-small"
    startup_args = ["-r", caps[startup_cap], "-c", "1"]
    floor_ok = "floor" in ws.dirs
    startup_variants = ("with", "without") + (("lua",) if lua_ok else ()) + (("floor",) if floor_ok else ())
    # task: (mode, capture, variant, run, tshark arguments)
    tasks = [("start-up", startup_cap, v, i, startup_args)
             for i in range(STARTUP_RUNS) for v in startup_variants]
    rows = []
    for mname, mcaps, with_args, without_args, lua_args, lua_caps, note in modes:
        for cap in mcaps:
            small = SMALL_CAPTURE[cap]
            if (mname, small) in rows:
                continue
            rows.append((mname, small))
            woa = with_args if without_args is None else without_args
            la = lua_args if lua_ok and cap in lua_caps else None
            fa = None
            if floor_ok and mname in FLOOR_MODES:
                fa = woa if FLOOR_MODES[mname] is None else FLOOR_MODES[mname]
            for run in range(args.instr_runs):
                for variant, vargs in (("with", with_args), ("without", woa), ("lua", la), ("floor", fa)):
                    if vargs is not None:
                        tasks.append((mname, small, variant, run, ["-r", caps[small]] + vargs))
    counts, errors = {}, []
    log("instructions: %d tshark runs under callgrind, %d at a time" % (len(tasks), CALLGRIND_JOBS))
    with concurrent.futures.ThreadPoolExecutor(max_workers=CALLGRIND_JOBS) as pool:
        futures = {pool.submit(count_instructions, ws, t[2], t[4]): t[:4] for t in tasks}
        for done, fut in enumerate(concurrent.futures.as_completed(futures), 1):
            key = futures[fut]
            what = "%s on %s, %s" % key[:3]
            try:
                counts[key] = fut.result()
                log("  %d/%d instructions, %s: %s" % (done, len(tasks), what, fmt_count(counts[key])))
            except (RuntimeError, OSError, subprocess.SubprocessError) as e:
                errors.append("%s: %s" % (what, str(e)[:300].replace("\n", " ")))
                log("  %d/%d instructions, %s FAILED: %s" % (done, len(tasks), what, e))

    def r(a, b):
        return fmt_ratio4(ratio(a, b)) if a is not None and b is not None else ""
    startup, spread = {}, {}
    for v in startup_variants:
        xs = [counts[k] for k in counts if k[0] == "start-up" and k[2] == v]
        startup[v] = int(median(xs)) if xs else None
        spread[v] = (max(xs) - min(xs)) if xs else None
    s_with, s_without = startup["with"], startup["without"]
    lines = ["Each tshark run under `%s` (ASLR off), with the same arguments and plugin dirs as the "
             "timed runs, on the small captures (sip -> sip-small, voip -> voip-small, nosip -> "
             "nosip-small); %d at a time. The count is callgrind's total of instructions executed by "
             "the whole process, tshark's start-up and exit included. It does not depend on the "
             "machine's load, but is not exactly the same from run to run: Wireshark seeds the hash "
             "of its wmem maps at random in each process, so hash collisions, and instructions, vary "
             "(by up to about 1 %% on the no-SIP capture). Each count is the median of %d run(s); "
             "spread is (max - min) / median of the runs without the plugin."
             % (" ".join(callgrind_wrap()), CALLGRIND_JOBS, args.instr_runs),
             ""]
    lines.append("| mode | capture | instructions with | without | ratio | Lua ratio | ratio net of start-up "
                 "| floor net of start-up | spread without |")
    lines.append("|---|---|---:|---:|---:|---:|---:|---:|---:|")
    over = []

    def med(mname, cap, variant):
        xs = [counts[k] for k in counts if k[:3] == (mname, cap, variant)]
        return (int(median(xs)), xs) if xs else (None, [])
    for mname, cap in rows:
        w, _ = med(mname, cap, "with")
        wo, wo_runs = med(mname, cap, "without")
        lua, _ = med(mname, cap, "lua")
        floor, _ = med(mname, cap, "floor")
        net = floor_net = ""
        if None not in (w, wo, s_with, s_without) and wo > s_without:
            net = fmt_ratio4(ratio(w - s_with, wo - s_without))
            if floor is not None and startup.get("floor") is not None:
                floor_net = fmt_ratio4(ratio(floor - startup["floor"], wo - s_without))
        spread_wo = "%.2f%%" % (100.0 * (max(wo_runs) - min(wo_runs)) / wo) if len(wo_runs) > 1 else ""
        lines.append("| %s | %s | %s | %s | %s | %s | %s | %s | %s |"
                     % (mname, cap, fmt_count(w), fmt_count(wo), r(w, wo), r(lua, wo), net, floor_net,
                        spread_wo))
        if w is not None and wo is not None and ratio(w, wo) > 1.02:
            over.append("%s on %s (%.4f)" % (mname, cap, ratio(w, wo)))
    lines.append("")
    parts = []
    for v in startup_variants:
        part = "%s %s" % ({"lua": "Lua"}.get(v, v), fmt_count(startup[v]))
        if spread[v] is not None:
            part += " (spread %s)" % fmt_count(spread[v])
        parts.append(part)
    lines.append("Start-up (`-r sip-small -c 1`, median of %d runs each): %s instructions; ratio with/without %s%s. "
                 "Every count above includes it; 'ratio net of start-up' is "
                 "(with - start-up with) / (without - start-up without), meaningful when the counts "
                 "are well above the start-up (default --scale)."
                 % (STARTUP_RUNS, ", ".join(parts), r(s_with, s_without) or "n/a",
                    "" if not lua_ok else ", Lua/without " + (r(startup["lua"], s_without) or "n/a")))
    if floor_ok:
        lines.append("")
        lines.append("The floor (`tests/bench/floor/sip_floor.c`, modes %s) finds each SIP message in the "
                     "frame's bytes with the plugin's own reader and, per response, files one expert item "
                     "with a text made once per code (no tree: the expert modes, run with the arguments "
                     "of the run without the plugin) or adds its field sip_floor.code (fields: `-e "
                     "sip_floor.code`; filter-plugin: `-Y \"sip_floor.code >= 400\"`), and nothing else: "
                     "what any plugin that shows sip_explain's code items pays where SIP's items are "
                     "not in the tree (always without a tree; with one, on 4.6)." % ", ".join(sorted(FLOOR_MODES)))
    lines.append("")
    lines.append("Instruction ratios above 1.02: %s." % ("; ".join(over) if over else "none"))
    verbose = [m for m in modes if m[0] == "verbose"]
    if verbose:
        lines.append("")
        lines.append(verbose_output_size(ws, caps, verbose[0]))
    if errors:
        lines.append("")
        lines.append("Failed runs:")
        lines.extend("- " + e for e in errors)
    return lines


def make_report(args, info, results, lua_ok, lua_note, scale_lines, instr_lines=None):
    out = []
    out.append("## sip_explain benchmark")
    out.append("")
    try:
        ver = subprocess.run(["tshark", "-v"], capture_output=True, text=True, timeout=60).stdout.splitlines()[0].rstrip(".")
    except (OSError, subprocess.SubprocessError, IndexError):
        ver = "tshark"
    if args.instructions_only:
        out.append("%s; %d CPUs; scale %g; instruction counts only (--instructions-only), no timed runs."
                   % (ver, os.cpu_count() or 0, args.scale))
    else:
        out.append("%s; %d CPUs; scale %g, %d runs per variant, alternating with/without%s in each mode."
                   % (ver, os.cpu_count() or 0, args.scale, args.runs, "/lua" if lua_ok else ""))
    if not args.instructions_only or args.scale_check:
        out.append("Load average (1/5/15 min) at start %.2f/%.2f/%.2f, at end %.2f/%.2f/%.2f "
                   "(above %d means other processes competed for the CPUs)."
                   % (args.load_start + args.load_end + (os.cpu_count() or 0,)))
    extra = (" --scale-check" if args.scale_check else "") + (" --no-lua" if args.no_lua else "") \
        + (" --modes " + args.modes if args.modes else "") + (" --seed %d" % args.seed if args.seed != 6 else "") \
        + (" --instructions-only" if args.instructions_only else " --instructions" if args.instructions else "") \
        + (" --instr-runs %d" % args.instr_runs if args.instr_runs != 1 else "")
    out.append("Command: `python3 tests/bench/run_bench.py --plugin %s --scale %g --runs %d%s`"
               % (args.plugin, args.scale, args.runs, extra))
    out.append("")
    out.append("Captures: " + "; ".join("%s %d packets (%d SIP messages, %.0f MB)" % (k, v[0], v[1], v[2] / 1e6)
                                        for k, v in info.items()))
    out.append("")
    if args.instructions_only:
        out.append("Timed runs skipped (--instructions-only). Commands per mode:")
        out.append("")
        out.extend("- **%s**: %s" % (m[0], m[6]) for m in MODES
                   if not args.modes or m[0] in args.modes.split(","))
    else:
        out.extend(timed_section(results, lua_ok, lua_note))
    if scale_lines:
        out.append("")
        out.append("### Scale: peak RSS, SIP only")
        out.append("")
        out.extend(scale_lines)
    if instr_lines is not None:
        out.append("")
        out.append("### Instruction counts (callgrind)")
        out.append("")
        out.extend(instr_lines)
    return "\n".join(out)


def timed_section(results, lua_ok, lua_note):
    """The timed table, the Lua reference table and the list over 1.02."""
    out = []
    out.append("| mode | capture | without-run command | median wall with (s) | median wall without (s) | wall ratio | user ratio | min-user ratio | RSS ratio | spread without |")
    out.append("|---|---|---|---:|---:|---:|---:|---:|---:|---:|")
    over = []
    lua_rows = []
    for mname, cap, note, sm, wa, woa in results:
        base = "same command" if wa == woa else "`%s`" % " ".join(woa[len(FIELDS_BASE):] if woa[:len(FIELDS_BASE)] == FIELDS_BASE else woa)
        if woa[:len(FIELDS_BASE)] == FIELDS_BASE and wa != woa:
            base = "minus `-e sip_explain.code`"
        wall = [median([x[0] for x in sm[v]]) for v in ("with", "without")]
        user = [median([x[1] for x in sm[v]]) for v in ("with", "without")]
        rss = [median([x[2] for x in sm[v]]) for v in ("with", "without")]
        wos = [x[0] for x in sm["without"]]
        spread = (max(wos) - min(wos)) / median(wos) if wos else 0
        # The fastest run of each variant is the one least disturbed by
        # other work on the machine: its user time is the steadiest figure.
        min_user = [min(x[1] for x in sm[v]) for v in ("with", "without")]
        rw, ru, rr = ratio(*wall), ratio(*user), ratio(*rss)
        out.append("| %s | %s | %s | %.2f | %.2f | %s | %s | %s | %s | %.1f%% |"
                   % (mname, cap, base, wall[0], wall[1], fmt_ratio(rw), fmt_ratio(ru),
                      fmt_ratio(ratio(*min_user)), fmt_ratio(rr), 100 * spread))
        for label, r in (("wall", rw), ("user", ru), ("RSS", rr)):
            if r > 1.02:
                over.append("%s on %s: %s ratio %.3f" % (mname, cap, label, r))
        if sm["lua"]:
            lwall = median([x[0] for x in sm["lua"]])
            luser = median([x[1] for x in sm["lua"]])
            lrss = median([x[2] for x in sm["lua"]])
            lua_rows.append("| %s | %s | %.2f | %.2f | %s | %s | %s |"
                            % (mname, cap, lwall, wall[1], fmt_ratio(ratio(lwall, wall[1])),
                               fmt_ratio(ratio(luser, user[1])), fmt_ratio(ratio(lrss, rss[1]))))
    out.append("")
    out.append("Ratios are median(with) / median(without), and min-user the ratio of the fastest runs' user "
               "times; spread is (max - min) / median of the "
               "baseline's wall times, a measure of the noise. Commands per mode:")
    out.append("")
    seen = set()
    for mname, cap, note, sm, wa, woa in results:
        if mname not in seen:
            seen.add(mname)
            out.append("- **%s**: %s" % (mname, note))
    out.append("")
    out.append("### Reference: the same minimal job as a Lua post-dissector")
    out.append("")
    if lua_rows:
        out.append("tests/bench/minimal_explain.lua (Field.new(\"sip.Status-Code\"), a Lua table, one field "
                   "per response) against the same baseline in the same run (%s). In fields mode it adds "
                   "`-e sipx_lua.text`, in filter-plugin mode it filters `sipx_lua.text && sip.Status-Code >= 400`."
                   % lua_note)
        out.append("")
        out.append("| mode | capture | median wall Lua (s) | median wall without (s) | wall ratio | user ratio | RSS ratio |")
        out.append("|---|---|---:|---:|---:|---:|---:|")
        out.extend(lua_rows)
    else:
        out.append("Not measured: %s." % lua_note)
    out.append("")
    out.append("### Over the 1.02 target")
    out.append("")
    out.extend(["- " + o for o in over] if over else ["None: every ratio is at most 1.02."])
    return out


if __name__ == "__main__":
    sys.exit(main())
