"""Helpers of the robustness suites (tests/sanitize): decode the RFC 4475
torture fixtures, write captures (text2pcap, or a small pcap writer for TCP
streams we need to cut, reorder or overlap), and run tshark with the plugin
under the sanitizers, failing on any sanitizer report, crash or non-zero
exit.

Wireshark ignores WIRESHARK_PLUGIN_DIR when it runs as root, so as root
tshark is started as nobody, with every file in a world-readable folder.
tshark itself is not instrumented: the sanitizer runtimes are preloaded.
"""
import os
import re
import shutil
import signal
import struct
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE_DIR = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(SOURCE_DIR, "tests", "integration"))
import sipx  # noqa: E402  (the plugin folder set-up is shared)
TORTURE_DIR = os.path.join(SOURCE_DIR, "tests", "torture")
NOBODY = 65534

# What a sanitizer or a crash leaves on stderr.
REPORT_PATTERNS = [
    re.compile(r"ERROR: AddressSanitizer"),
    re.compile(r"ERROR: LeakSanitizer"),
    re.compile(r"runtime error: "),
    re.compile(r"SUMMARY: (Address|UndefinedBehavior|Leak)Sanitizer"),
    re.compile(r"AddressSanitizer:DEADLYSIGNAL"),
    re.compile(r"Segmentation fault|Aborted|core dumped"),
]

# The output modes every capture is read with.
MODES = {
    "V": ["-V"],
    "fields": ["-T", "fields", "-e", "frame.number", "-e", "sip_explain.code"],
    "filter": ["-Y", "sip_explain"],
    "expert": ["-q", "-z", "expert"],
}


# ---------------------------------------------------------------- fixtures

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


# ---------------------------------------------------------------- captures

def text2pcap(workdir, name, payloads, transport="udp", ports=(5060, 5060)):
    """One packet per payload, through text2pcap (-u / -T)."""
    dump = os.path.join(workdir, name + ".hex")
    with open(dump, "w") as f:
        for data in payloads:
            for off in range(0, len(data), 16):
                chunk = data[off:off + 16]
                f.write("%06x %s\n" % (off, " ".join("%02x" % b for b in chunk)))
            f.write("\n")
    out = os.path.join(workdir, name)
    flag = "-u" if transport == "udp" else "-T"
    subprocess.run(["text2pcap", "-q", flag, "%d,%d" % ports, dump, out], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.remove(dump)
    return out


def mergecap(out, inputs):
    subprocess.run(["mergecap", "-a", "-F", "pcap", "-w", out] + list(inputs), check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return out


def _csum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return ~s & 0xffff


class Pcap:
    """A tiny pcap writer: Ethernet / IPv4 / UDP or TCP, with control over
    TCP sequence numbers and over the captured length of each frame."""

    def __init__(self, path):
        self.path = path
        self.f = open(path, "wb")
        self.f.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 262144, 1))
        self.t = 1000000
        self.ip_id = 1

    def _frame(self, proto, l4, src, dst, caplen=None):
        ip_len = 20 + len(l4)
        total = ip_len if ip_len <= 0xffff else 0   # 0: TSO-like oversize
        iph = struct.pack("!BBHHHBBH4s4s", 0x45, 0, total, self.ip_id & 0xffff, 0, 64, proto, 0,
                          bytes(src), bytes(dst))
        iph = iph[:10] + struct.pack("!H", _csum(iph)) + iph[12:]
        self.ip_id += 1
        frame = b"\x00\x11\x22\x33\x44\x55\x00\x66\x77\x88\x99\xaa\x08\x00" + iph + l4
        cap = frame if caplen is None else frame[:caplen]
        self.t += 1000
        self.f.write(struct.pack("<IIII", self.t // 1000000, self.t % 1000000, len(cap), len(frame)))
        self.f.write(cap)

    def udp(self, payload, sport=5060, dport=5060, src=(192, 0, 2, 1), dst=(192, 0, 2, 2), caplen=None):
        l4 = struct.pack("!HHHH", sport, dport, (8 + len(payload)) & 0xffff, 0) + payload
        self._frame(17, l4, src, dst, caplen)

    def tcp(self, payload, seq, sport=5060, dport=5060, src=(192, 0, 2, 1), dst=(192, 0, 2, 2),
            flags=0x18, ack=1, caplen=None):
        l4 = struct.pack("!HHIIBBHHH", sport, dport, seq & 0xffffffff, ack, 5 << 4, flags, 65535, 0, 0)
        self._frame(6, l4 + payload, src, dst, caplen)

    def tcp_stream(self, segments, sport, dport=5060, isn=1000, order=None, caplens=None):
        """segments: list of bytes, sent in stream order with consecutive
        sequence numbers; order: the order frames are written in."""
        seqs, seq = [], isn
        self.tcp(b"", isn - 1, sport, dport, flags=0x02)          # SYN
        for s in segments:
            seqs.append(seq)
            seq += len(s)
        for i in (order if order is not None else range(len(segments))):
            cl = caplens[i] if caplens else None
            self.tcp(segments[i], seqs[i], sport, dport, caplen=cl)

    def close(self):
        self.f.close()
        os.chmod(self.path, 0o644)


def split(data, size):
    return [data[i:i + size] for i in range(0, len(data), size)] or [b""]


# ---------------------------------------------------------------- tshark

def sanitizer_env():
    """Environment for tshark with the sanitized plugin: the preloaded
    runtimes (SIP_EXPLAIN_SAN_PRELOAD, ':'-separated) and the options."""
    env = {}
    preload = os.environ.get("SIP_EXPLAIN_SAN_PRELOAD", "")
    if preload:
        env["LD_PRELOAD"] = preload
    env["ASAN_OPTIONS"] = os.environ.get(
        "SIP_EXPLAIN_ASAN_OPTIONS",
        "detect_leaks=0:halt_on_error=1:abort_on_error=0:exitcode=86:"
        "detect_stack_use_after_return=0:allocator_may_return_null=1:print_summary=1")
    env["UBSAN_OPTIONS"] = os.environ.get(
        "SIP_EXPLAIN_UBSAN_OPTIONS", "halt_on_error=1:print_stacktrace=1:exitcode=87:print_summary=1")
    return env


class Result:
    def __init__(self, args, rc, stdout, stderr, seconds):
        self.args, self.rc, self.stdout, self.stderr, self.seconds = args, rc, stdout, stderr, seconds

    def problems(self):
        """Why this run counts as a failure ([] when it does not)."""
        out = []
        if self.rc < 0:
            out.append("killed by signal %s" % signal.Signals(-self.rc).name)
        elif self.rc != 0:
            out.append("exit status %d" % self.rc)
        for pat in REPORT_PATTERNS:
            m = pat.search(self.stderr)
            if m:
                line = self.stderr[self.stderr.rfind("\n", 0, m.start()) + 1:]
                out.append("stderr: " + line.split("\n", 1)[0][:200])
        return out


class Workspace:
    """A world-readable folder with the plugin(s) and the captures."""

    def __init__(self, plugins, ws_version=None, keep=False):
        self.ws_version = ws_version or os.environ.get("SIP_EXPLAIN_WS_VERSION", "4.0")
        self.dir, self.plugin_dir, self.home = sipx.plugin_folder("sip_explain_san_", plugins, self.ws_version)
        self.keep = keep
        self.runs = 0

    def path(self, name):
        return os.path.join(self.dir, name)

    def close(self):
        if not self.keep:
            shutil.rmtree(self.dir, ignore_errors=True)

    def tshark(self, args, env_extra=None, timeout=900):
        env = dict(os.environ)
        env.pop("LD_PRELOAD", None)
        env["HOME"] = self.home
        env["LC_ALL"] = "C.UTF-8"
        env["WIRESHARK_PLUGIN_DIR"] = self.plugin_dir
        env.update(sanitizer_env())
        if env_extra:
            env.update(env_extra)
        cmd = ["tshark"] + list(args)
        if os.geteuid() == 0:
            cmd = ["setpriv", "--reuid=%d" % NOBODY, "--regid=%d" % NOBODY, "--clear-groups"] + cmd
        t0 = time.monotonic()
        proc = subprocess.run(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              cwd=self.dir, timeout=timeout)
        self.runs += 1
        return Result(args, proc.returncode, proc.stdout.decode("utf-8", "replace"),
                      proc.stderr.decode("utf-8", "replace"), time.monotonic() - t0)

    def check_plugin_loaded(self):
        """The plugin must really be loaded, or a green run proves nothing."""
        r = self.tshark(["-G", "protocols"], env_extra={"ASAN_OPTIONS": "detect_leaks=0"})
        if "\tsip_explain\t" not in r.stdout and "sip_explain" not in r.stdout:
            raise AssertionError("sip_explain is not loaded by tshark: %s" % r.stderr[-2000:])

    def read_all_modes(self, pcap, modes=None, extra=()):
        """Reads pcap in every output mode; returns [(mode, Result)]."""
        out = []
        for mode in (modes or MODES):
            out.append((mode, self.tshark(["-n", "-r", pcap] + MODES[mode] + list(extra))))
        return out
