"""Helpers for the integration tests: build captures from SIP message text
with text2pcap, and run tshark with the freshly built plugin.

Wireshark ignores personal plugins and WIRESHARK_PLUGIN_DIR when it runs as
root, so when the tests run as root tshark is started as nobody, with the
plugin and every file it reads in a world-readable temporary folder.
"""
import configparser
import csv
import os
import shutil
import subprocess
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE_DIR = os.path.dirname(os.path.dirname(HERE))
PLUGIN = os.environ.get("SIP_EXPLAIN_PLUGIN", "")
WS_VERSION = os.environ.get("SIP_EXPLAIN_WS_VERSION", "4.0")
NOBODY = 65534


def data_file(name):
    return os.path.join(SOURCE_DIR, "data", name)


def read_keyfile(path):
    """The data file as configparser sees it (keys keep their case)."""
    parser = configparser.ConfigParser(interpolation=None, delimiters=("=",),
                                       comment_prefixes=("#",), strict=True)
    parser.optionxform = str
    with open(path, encoding="utf-8") as f:
        parser.read_file(f)
    return parser


def iana_codes():
    """The registry as the tests know it: {code: (reason, rfc)}."""
    rows = {}
    with open(os.path.join(SOURCE_DIR, "tests", "iana_response_codes.csv"), encoding="utf-8") as f:
        for row in csv.reader(line for line in f if not line.startswith("#")):
            if row[0] == "code":
                continue
            rows[int(row[0])] = (row[1], int(row[2]))
    return rows


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


def plugin_folder(prefix, plugins, ws_version=WS_VERSION):
    """A new world-readable temp folder with plugins/<ws_version>/epan/
    holding the given plugin files, and a writable home/ for tshark (which
    runs as nobody when we are root). Returns (folder, plugin dir, home)."""
    folder = tempfile.mkdtemp(prefix=prefix)
    os.chmod(folder, 0o755)
    plugin_dir = os.path.join(folder, "plugins")
    epan = os.path.join(plugin_dir, ws_version, "epan")
    os.makedirs(epan)
    for p in plugins:
        if not p or not os.path.exists(p):
            raise RuntimeError("plugin not found: %r" % p)
        shutil.copy(p, os.path.join(epan, os.path.basename(p)))
    home = os.path.join(folder, "home")
    os.makedirs(home)
    for root, dirs, files in os.walk(folder):
        for d in dirs:
            os.chmod(os.path.join(root, d), 0o777 if d == "home" else 0o755)
        for f in files:
            os.chmod(os.path.join(root, f), 0o644)
    return folder, plugin_dir, home


class Workspace:
    """A world-readable folder holding the plugin and the captures."""

    def __init__(self):
        if not PLUGIN or not os.path.exists(PLUGIN):
            raise RuntimeError("SIP_EXPLAIN_PLUGIN must name the built sip_explain.so")
        self.dir, self.plugin_dir, self.home = plugin_folder("sip_explain_test_", [PLUGIN])
        self.count = 0

    def close(self):
        shutil.rmtree(self.dir, ignore_errors=True)

    def path(self, name):
        return os.path.join(self.dir, name)

    def capture(self, messages, transport="udp", name=None):
        """A capture with one packet per item of messages (str or bytes).
        transport: "udp" or "tcp" (each item one TCP segment)."""
        self.count += 1
        name = name or "capture%d.pcap" % self.count
        hexdump = self.path(name + ".txt")
        with open(hexdump, "w") as f:
            for m in messages:
                data = m.encode() if isinstance(m, str) else m
                for off in range(0, len(data), 16):
                    chunk = data[off:off + 16]
                    f.write("%06x %s\n" % (off, " ".join("%02x" % b for b in chunk)))
                f.write("\n")
        out = self.path(name)
        flag = "-u" if transport == "udp" else "-T"
        subprocess.run(["text2pcap", "-q", flag, "5060,5060", hexdump, out], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.chmod(out, 0o644)
        return out

    def tshark(self, args, check=True, plugin=True, env_extra=None):
        """Runs tshark with the plugin (as nobody when we are root); returns
        the CompletedProcess with text stdout/stderr."""
        env = dict(os.environ)
        env["HOME"] = self.home
        env["LC_ALL"] = "C.UTF-8"
        env.pop("WIRESHARK_PLUGIN_DIR", None)
        if plugin:
            env["WIRESHARK_PLUGIN_DIR"] = self.plugin_dir
        else:
            env["WIRESHARK_PLUGIN_DIR"] = os.path.join(self.dir, "no-plugins")
        if env_extra:
            env.update(env_extra)
        cmd = ["tshark"] + list(args)
        if os.geteuid() == 0:
            cmd = ["setpriv", "--reuid=%d" % NOBODY, "--regid=%d" % NOBODY, "--clear-groups"] + cmd
        proc = subprocess.run(cmd, env=env, capture_output=True, text=True, cwd=self.dir,
                              timeout=600)
        if check and proc.returncode != 0:
            raise AssertionError("tshark %s failed (%d): %s" % (" ".join(args), proc.returncode, proc.stderr))
        return proc

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
