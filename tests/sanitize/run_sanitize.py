"""Runs tshark with the sanitized sip_explain plugin over hostile captures (ctest label sanitize).

  PYTHONPATH=tests/lib python3 tests/sanitize/run_sanitize.py SUITE [--plugin sip_explain.so] [--canary canary.so]

Suites: torture, mutate, randpkt, tcp, hostile, canary-asan, canary-ubsan,
canary-segv. Each capture is read with -V, -T fields -e sip_explain.code,
-Y sip_explain and -q -z expert. Any sanitizer report, signal or non-zero
exit fails the suite; the capture that did it is kept in
$SIP_EXPLAIN_SAN_FINDINGS (default ./sanitize-findings) with the command to
reproduce it.

Counts are scaled by SIP_EXPLAIN_MUTATION_SEEDS (editcap seeds per base
capture, default 60) and SIP_EXPLAIN_RANDPKT_COUNT (default 500).
"""
import argparse
import os
import random
import shutil
import subprocess
import sys

import captures
import sanitize_lib as sl
from sip_samples import flow_messages, torture_messages, torture_payloads

FINDINGS = os.path.abspath(os.environ.get("SIP_EXPLAIN_SAN_FINDINGS", "sanitize-findings"))


def log(*a):
    print(*a, flush=True)


# ---------------------------------------------------------------- inputs

def make_bases(ws):
    """The base captures: torture and flows, each over UDP and over TCP
    (each TCP message its own stream, so a wrong Content-Length in one does
    not swallow the others)."""
    bases = {}
    tort = torture_payloads()
    flows = flow_messages()
    for name, payloads in (("torture", tort), ("flows", flows)):
        bases[name + "_udp"] = captures.text2pcap(ws.path(name + "_udp.pcap"), payloads, "udp")
        parts = []
        for i, p in enumerate(payloads):
            parts.append(captures.text2pcap(ws.path("%s_tcp_%d.pcap" % (name, i)), [p], "tcp",
                                            (20000 + i, 5060)))
        bases[name + "_tcp"] = captures.mergecap(ws.path(name + "_tcp.pcap"), parts, append=True)
        for p in parts:
            os.remove(p)
    return bases


# ---------------------------------------------------------------- checking

class Suite:
    def __init__(self, ws, name):
        self.ws, self.name = ws, name
        self.captures = 0
        self.packets = 0
        self.failures = []

    def count_packets(self, pcap):
        out = subprocess.run(["capinfos", "-c", "-M", pcap], capture_output=True, text=True).stdout
        for line in out.splitlines():
            if "Number of packets" in line:
                return int(line.split(":")[1].strip())
        return 0

    def read(self, pcap, members=None, modes=None):
        """Reads pcap in every mode. On a failure with members (the single
        captures merged into pcap), finds the member(s) that fail."""
        bad = []
        for mode, r in self.ws.read_all_modes(pcap, modes):
            if r.problems():
                bad.append((mode, r))
        if not bad:
            return True
        if members and len(members) > 1:
            before = len(self.failures)
            for m in members:
                self.read(m, None, [mode for mode, _ in bad])
            if len(self.failures) == before:
                # No single member reproduces it (state across captures,
                # or a flaky crash): still a failure, kept as the batch.
                log("the merged batch %s fails but none of its %d members does alone"
                    % (pcap, len(members)))
                self.keep(pcap, bad)
            return False
        self.keep(pcap, bad)
        return False

    def keep(self, pcap, bad):
        os.makedirs(FINDINGS, exist_ok=True)
        dest = os.path.join(FINDINGS, "%s-%d-%s" % (self.name, len(self.failures), os.path.basename(pcap)))
        shutil.copy(pcap, dest)
        for mode, r in bad:
            with open(dest + "." + mode + ".stderr.txt", "w") as f:
                f.write(r.stderr)
            self.failures.append((dest, mode, r.problems()))
            log("FAIL %s mode %s: %s" % (dest, mode, "; ".join(r.problems())))
            log("  reproduce: tshark -n -r %s %s  (with the sanitized plugin, LD_PRELOAD=%s)"
                % (dest, " ".join(sl.MODES[mode]), os.environ.get("SIP_EXPLAIN_SAN_PRELOAD", "")))
            log("  " + r.stderr[-3000:].replace("\n", "\n  "))

    def add(self, pcap, members=None):
        n = self.count_packets(pcap)
        self.captures += len(members) if members else 1
        self.packets += n
        self.read(pcap, members)

    def finish(self):
        log("%s: %d captures, %d packets, %d tshark runs, %d failures"
            % (self.name, self.captures, self.packets, self.ws.runs, len(self.failures)))
        return 1 if self.failures else 0


def batched(suite, ws, members, name, size=25):
    for b in range(0, len(members), size):
        group = members[b:b + size]
        merged = captures.mergecap(ws.path("%s_batch%d.pcap" % (name, b // size)), group, append=True)
        suite.add(merged, group)


# ---------------------------------------------------------------- suites

def suite_torture(ws):
    s = Suite(ws, "torture")
    bases = make_bases(ws)
    log("torture: %d fixtures, %d messages (requests, responses and response variants)"
        % (len(torture_messages()), len(torture_payloads())))
    for name in ("torture_udp", "torture_tcp"):
        s.add(bases[name])
    return s.finish()


def text_mutate(rng, msg):
    """A structure-aware mutation of one message's text."""
    tokens = [b"\r\n", b"\r", b"\n", b":", b" ", b"\t", b"SIP/2.0 ", b"SIP/2.0", b"\r\n\r\n", b"\x00",
              b"Content-Length: 99999\r\n", b"l: -1\r\n", b"CSeq: 4294967296 INVITE\r\n", b"999",
              b"\xff\xfe", b";", b",", b"\"", b"<", b">", b"=", b"Retry-After: ", b"Warning: 399 ",
              b"Reason: Q.850;cause=", b"Allow-Events: ", b"Contact: <", b"WWW-Authenticate: Digest ",
              b"SIP/2.0 4", b" \r\n ", b"%00"]
    data = bytearray(msg)
    for _ in range(rng.randint(1, 8)):
        op = rng.randrange(6)
        pos = rng.randrange(len(data) + 1)
        if op == 0:
            data[pos:pos] = rng.choice(tokens)
        elif op == 1 and data:
            del data[pos:pos + rng.randint(1, 40)]
        elif op == 2 and data:
            end = min(len(data), pos + rng.randint(1, 60))
            data[pos:pos] = bytes(data[pos:end]) * rng.randint(2, 50)
        elif op == 3 and data:
            data = data[:pos]
        elif op == 4 and data:
            data[min(pos, len(data) - 1)] = rng.randrange(256)
        else:
            data[pos:pos] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 16)))
    return bytes(data[:60000])


def suite_mutate(ws):
    s = Suite(ws, "mutate")
    seeds = int(os.environ.get("SIP_EXPLAIN_MUTATION_SEEDS", "60"))
    bases = make_bases(ws)
    members = []
    for name, base in sorted(bases.items()):
        offset = "42" if name.endswith("_udp") else "54"      # Ethernet+IPv4+UDP/TCP headers
        for seed in range(1, seeds + 1):
            rate = ("0.02", "0.005", "0.1")[seed % 3]
            out = ws.path("%s_E%s_seed%d.pcap" % (name, rate, seed))
            args = ["editcap", "-E", rate, "--seed", str(seed)]
            if seed % 4 != 0:
                args += ["-o", offset]                          # mostly the SIP bytes
            subprocess.run(args + [base, out], check=True, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
            os.chmod(out, 0o644)
            members.append(out)
    editcap_n = len(members)
    # Text mutations (random.Random with fixed seeds): inserted line breaks,
    # colons, status lines, deletions, repeats, truncation.
    msgs = torture_payloads() + flow_messages()
    for seed in range(1, seeds * 2 + 1):
        rng = random.Random(seed)
        payloads = [text_mutate(rng, rng.choice(msgs)) for _ in range(20)]
        transport = "udp" if seed % 2 else "tcp"
        payloads = [p for p in payloads if p] or [b"SIP/2.0 "]
        members.append(captures.text2pcap(ws.path("textmut_seed%d.pcap" % seed), payloads, transport,
                                    (5060, 5060) if transport == "udp" else (30000 + seed, 5060)))
    log("mutate: %d editcap captures (%d bases x %d seeds), %d text-mutation captures"
        % (editcap_n, len(bases), seeds, len(members) - editcap_n))
    batched(s, ws, members, "mutate")
    return s.finish()


def suite_randpkt(ws):
    s = Suite(ws, "randpkt")
    count = os.environ.get("SIP_EXPLAIN_RANDPKT_COUNT", "500")
    members = []
    for kind in ("udp", "tcp", "-r"):
        out = ws.path("randpkt_%s.pcap" % kind.strip("-"))
        args = ["randpkt", "-b", "1500", "-c", count] + (["-r"] if kind == "-r" else ["-t", kind]) + [out]
        subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.chmod(out, 0o644)
        members.append(out)
    # randpkt cannot aim at port 5060: random bytes behind a SIP status or
    # request line, on the SIP port (seeded).
    rng = random.Random(4475)
    for transport in ("udp", "tcp"):
        payloads = []
        for i in range(int(count)):
            head = rng.choice([b"SIP/2.0 ", b"SIP/2.0 4", b"SIP/2.0 503 x\r\n", b"INVITE sip:a SIP/2.0\r\n",
                               b"SIP/2.0 200 OK\r\nCSeq: ", b"SIP/2.0 180 R\r\nContent-Length: "])
            body = bytes(rng.randrange(256) for _ in range(rng.randint(0, 1400)))
            payloads.append(head + body)
        members.append(captures.text2pcap(ws.path("randsip_%s.pcap" % transport), payloads, transport))
    for m in members:
        s.add(m)
    return s.finish()


def suite_tcp(ws):
    """Several messages per segment, messages split across segments,
    reordered, missing, overlapping and truncated segments."""
    s = Suite(ws, "tcp")
    flows = flow_messages()
    tort = torture_payloads()
    path = ws.path("tcp_streams.pcap")
    p = captures.Pcap(path)
    port = 40000
    rng = random.Random(7)
    cases = 0

    def stream(segments, order=None, caplens=None):
        nonlocal port, cases
        port += 1
        cases += 1
        p.tcp_stream(segments, port, order=order, caplens=caplens)

    several = b"".join(flows[1:8])
    stream([several])                                            # 7 messages, one segment
    stream([several + flows[8][:50], flows[8][50:] + flows[9]])  # one split between segments
    for size in (1, 7, 13, 64, 100, 536):                        # split into small segments
        stream(captures.split(b"".join(flows[:6]), size))
    segs = captures.split(b"".join(flows), 200)
    stream(segs, order=list(reversed(range(len(segs)))))         # reversed
    order = list(range(len(segs)))
    rng.shuffle(order)
    stream(segs, order=order)                                    # shuffled
    stream(segs, order=[i for i in range(len(segs)) if i != 2])  # a missing segment
    stream(segs, order=list(range(len(segs))) + [1, 3, 0])       # retransmissions
    stream(segs, caplens=[54 + rng.randint(0, len(x)) for x in segs])   # snapped frames
    stream(captures.split(b"".join(tort[:20]), 300))                   # torture, several per segment
    stream([b"".join(tort[20:40])])
    stream([m[:len(m) // 2] for m in flows])                     # every message cut in half
    stream([b"\r\n\r\n" + flows[3] + b"\r\n" + flows[4]])        # keep-alives between
    p.close()
    # Overlapping retransmission with different bytes: written by hand.
    path2 = ws.path("tcp_overlap.pcap")
    p2 = captures.Pcap(path2)
    m = flows[3]
    p2.tcp(b"", 999, 41000, 5060, flags=0x02)
    p2.tcp(m[:80], 1000, 41000, 5060)
    p2.tcp(b"SIP/2.0 999 X\r\n" + m[15:120], 1000, 41000, 5060)
    p2.tcp(m[80:], 1080, 41000, 5060)
    p2.close()
    log("tcp: %d streams" % (cases + 1))
    s.add(path)
    s.add(path2)
    return s.finish()


def hostile_payloads():
    """name -> (transport, list of stream bytes or datagrams)."""
    ok = (b"SIP/2.0 486 Busy Here\r\nVia: SIP/2.0/TCP a.example.com;branch=z9hG4bK1\r\n"
          b"CSeq: 1 INVITE\r\nCall-ID: c@x\r\nContent-Length: 0\r\n\r\n")
    hdr = b"Warning: 399 proxy.example.com \"Overloaded\"\r\n"
    head = b"SIP/2.0 503 Service Unavailable\r\nCSeq: 1 INVITE\r\nCall-ID: h@x\r\n"
    short = b"SIP/2.0 503 Service Unavailable\r\nCSeq: %d INVITE\r\nContent-Length: 0\r\n\r\n"
    thousand = b"".join(short % i for i in range(1000))
    return {
        "normal": ok,
        "1000_responses_one_segment": thousand,
        "10000_repeated_headers": head + hdr * 10000 + b"Content-Length: 0\r\n\r\n",
        "64KiB_header_value": head + b"Retry-After: " + b"9" * 65536 + b"\r\nContent-Length: 0\r\n\r\n",
        "64KiB_reason_phrase": b"SIP/2.0 486 " + b"B" * 65536 + b"\r\nContent-Length: 0\r\n\r\n",
        "10000_folded_lines": head + b"Warning: 399 x \"y\"\r\n" + b" ,399 x \"y\"\r\n" * 10000
                              + b"Content-Length: 0\r\n\r\n",
        "no_empty_line_64KiB": head + (b"X-Pad: " + b"a" * 100 + b"\r\n") * 600,
    }


def write_hostile(ws, name, data, transport, copies=1):
    """copies of the payload: one UDP datagram each, or one TCP stream each
    (the 1000 responses in a single segment, the rest in 1460-byte
    segments)."""
    path = ws.path("hostile_%s_%s.pcap" % (name, transport))
    p = captures.Pcap(path)
    for c in range(copies):
        if transport == "udp":
            p.udp(data)
        elif name == "1000_responses_one_segment":
            p.tcp_stream([data], 42000 + c)
        else:
            p.tcp_stream(captures.split(data, 1460), 42000 + c)
    p.close()
    return path


def suite_hostile(ws):
    s = Suite(ws, "hostile")
    for name, data in hostile_payloads().items():
        if len(data) <= 65000:
            s.add(write_hostile(ws, name, data, "udp"))
        s.add(write_hostile(ws, name, data, "tcp"))
    # UDP datagrams at the size limit, and snapped frames.
    path = ws.path("hostile_udp_limits.pcap")
    p = captures.Pcap(path)
    p.udp(b"SIP/2.0 500 X\r\nCSeq: 1 INVITE\r\nRetry-After: " + b"1" * 64000 + b"\r\n\r\n")
    p.udp(b"SIP/2.0 500 X\r\n" + b"Warning: 399 h \"t\"\r\n" * 3000 + b"\r\n")
    for cut in (42, 43, 50, 52, 60, 70):
        p.udp(hostile_payloads()["normal"], caplen=cut)
    p.close()
    s.add(path)
    return s.finish()


def suite_canary(ws, kind):
    """The planted bug must be caught: run the canary plugin beside
    sip_explain on a packet carrying the trigger, and expect a report."""
    trigger = {"asan": b"PLANTED-HEAP-OVERFLOW", "ubsan": b"PLANTED-UB-SHIFT", "segv": b"PLANTED-SEGV"}[kind]
    expect = {"asan": "AddressSanitizer: heap-buffer-overflow", "ubsan": "runtime error:",
              "segv": "AddressSanitizer: SEGV"}[kind]
    pcap = captures.text2pcap(ws.path("canary_%s.pcap" % kind),
                              [b"SIP/2.0 486 Busy Here\r\nX-Trigger: " + trigger + b"\r\nContent-Length: 0\r\n\r\n"])
    ok = True
    for mode, r in ws.read_all_modes(pcap, ["fields"]):
        probs = r.problems()
        log("canary-%s (%s): exit %d, problems seen: %s" % (kind, mode, r.rc, probs))
        if not probs or expect not in r.stderr:
            log("canary not detected! stderr:\n" + r.stderr[-3000:])
            ok = False
        elif "planted_bug.c" not in r.stderr:
            log("detected, but the report does not name planted_bug.c:\n" + r.stderr[-3000:])
            ok = False
        else:
            log(r.stderr[-1500:])
    # A clean packet with the canary loaded must stay clean.
    clean = captures.text2pcap(ws.path("canary_clean.pcap"),
                               [b"SIP/2.0 486 Busy Here\r\nContent-Length: 0\r\n\r\n"])
    for mode, r in ws.read_all_modes(clean, ["fields"]):
        if r.problems():
            log("canary plugin reports on a clean packet: %s" % r.problems())
            ok = False
    return 0 if ok else 1


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("suite")
    ap.add_argument("--plugin", default=os.environ.get("SIP_EXPLAIN_PLUGIN"))
    ap.add_argument("--canary", default=os.environ.get("SIP_EXPLAIN_CANARY"))
    ap.add_argument("--keep", action="store_true", help="keep the work folder")
    a = ap.parse_args()
    plugins = [a.plugin]
    if a.suite.startswith("canary"):
        plugins.append(a.canary)
    ws = sl.Workspace(plugins, keep=a.keep)
    try:
        ws.check_plugin_loaded()
        if a.suite.startswith("canary-"):
            return suite_canary(ws, a.suite.split("-", 1)[1])
        return {"torture": suite_torture, "mutate": suite_mutate, "randpkt": suite_randpkt,
                "tcp": suite_tcp, "hostile": suite_hostile}[a.suite](ws)
    finally:
        if a.keep:
            log("work folder kept: " + ws.dir)
        ws.close()


if __name__ == "__main__":
    sys.exit(main())
