"""Builds the captures the tests read: text2pcap and mergecap runs, and a small pcap writer.

Every capture is left world-readable (0644): tshark reads it as nobody when
the tests run as root (see tshark_env).
"""
import os
import struct
import subprocess


def hexdump(payloads, stamps=None):
    """text2pcap's input: each payload (bytes or str) as offset + hex lines,
    a blank line after each; stamps[i], when given, goes before the first
    line of payload i (in text2pcap's -t format)."""
    lines = []
    for i, data in enumerate(payloads):
        if isinstance(data, str):
            data = data.encode()
        for off in range(0, len(data), 16):
            chunk = " ".join("%02x" % b for b in data[off:off + 16])
            stamp = stamps[i] + " " if stamps and off == 0 else ""
            lines.append("%s%06x %s\n" % (stamp, off, chunk))
        lines.append("\n")
    return "".join(lines)


def text2pcap(out, payloads, transport="udp", ports=(5060, 5060), stamps=None, time_format=None,
              ipv4=None, program="text2pcap", timeout=None):
    """Writes out: one UDP datagram or TCP segment (transport "udp" or
    "tcp") per payload, through text2pcap. stamps and time_format (-t): a
    time per packet; ipv4: (source, destination) addresses (-4)."""
    dump = out + ".hex"
    with open(dump, "w") as f:
        f.write(hexdump(payloads, stamps))
    cmd = [program, "-q"]
    if time_format:
        cmd += ["-t", time_format]
    if ipv4:
        cmd += ["-4", "%s,%s" % tuple(ipv4)]
    cmd += ["-u" if transport == "udp" else "-T", "%d,%d" % tuple(ports), dump, out]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=timeout)
    os.remove(dump)
    os.chmod(out, 0o644)
    return out


def mergecap(out, inputs, append=False, program="mergecap", timeout=None, file_format="pcap"):
    """Merges inputs into out (a pcap, or file_format: "pcapng" holds
    captures of different link types): in time order, or one after the
    other with append."""
    cmd = [program] + (["-a"] if append else []) + ["-F", file_format, "-w", out] + list(inputs)
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=timeout)
    os.chmod(out, 0o644)
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
    TCP sequence numbers and over the captured length of each frame (for
    streams text2pcap cannot make: cut, reordered, overlapping)."""

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
    """data in pieces of size bytes (at least one piece)."""
    return [data[i:i + size] for i in range(0, len(data), size)] or [b""]
