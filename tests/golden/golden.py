"""Golden outputs: compares what users see (tshark's output with the plugin) byte for byte with committed files.

For each capture below and each output mode people use, tshark's output
with the plugin is compared with the file committed under expected/. Any
change of what users see then shows up as a diff in review. One set of
files serves every Wireshark version: both sides of the comparison go
through normalise.py first, which takes out only what Wireshark itself
prints differently from version to version; the files are written in that
form. Regenerate deliberately, and read the diff, with

    sh tests/golden/update.sh

(it builds the plugin in $SIP_EXPLAIN_BUILD_DIR, default build, and runs
this script with --update; no root needed).
"""
import argparse
import difflib
import os
import sys

import normalise
import tshark_env

HERE = os.path.dirname(os.path.abspath(__file__))

CAPTURES = {
    # sipp peers on loopback: 16 scenarios, 75 SIP messages
    "demo": os.path.join(os.path.dirname(HERE), "captures", "demo.pcap"),
    # several messages in one TCP segment, one split between segments,
    # a call flow in 100-byte segments
    "tcp_segments": os.path.join(HERE, "tcp_segments.pcap"),
}

FIELDS = ["frame.number", "sip_explain.code", "sip_explain.class", "sip_explain.registered",
          "sip_explain.reason", "sip_explain.severity", "sip_explain.summary",
          "sip_explain.description", "sip_explain.when", "sip_explain.fix", "sip_explain.rfc",
          "sip_explain.request_frame", "sip_explain.request_method", "sip_explain.context",
          "sip_explain.outcome", "sip_explain.outcome_text", "sip_explain.step", "sip_explain.step_text"]

# The FT_BOOLEAN fields among FIELDS (plugin/response_explain.c): their
# columns print 1/0 or True/False by Wireshark version.
BOOLEAN_FIELDS = ["sip_explain.registered"]

# Output mode: tshark's arguments, and what normalise.py takes out of it.
MODES = {
    "verbose": (["-V", "-O", "sip_explain"], normalise.frame_lines),
    "verbose_2pass": (["-2", "-V", "-O", "sip_explain"], normalise.frame_lines),
    "verbose_ru": (["-o", "sip_explain.language:ru", "-V", "-O", "sip_explain"], normalise.frame_lines),
    "fields": (["-Y", "sip_explain", "-T", "fields", "-E", "occurrence=a", "-E", "aggregator=|"]
               + [a for f in FIELDS for a in ("-e", f)],
               lambda data: normalise.fields(data, [FIELDS.index(f) for f in BOOLEAN_FIELDS])),
    "expert": (["-q", "-z", "expert"], normalise.expert),
    "stats": (["-q", "-z", "sip_explain,tree"], None),
    "calls": (["-q", "-z", "sip_explain,calls"], None),
}

EXPECTED_DIR = os.path.join(HERE, "expected")


def normalised(name, data):
    """data, the output of file name <capture>.<mode>.txt, without what
    Wireshark prints differently from version to version (normalise.py)."""
    how = MODES[name.split(".")[1]][1]
    return how(data) if how else data


def outputs(ws):
    """{file name: output bytes} for every capture and mode (bytes: the
    comparison must not depend on the output being valid UTF-8)."""
    result = {}
    for cap_name, cap in sorted(CAPTURES.items()):
        local = ws.add_file(cap)
        for mode, (args, _) in sorted(MODES.items()):
            proc = ws.tshark(["-r", local] + args, text=False)
            result["%s.%s.txt" % (cap_name, mode)] = proc.stdout
    return result


def update_command():
    """The command that rewrites expected/ with the plugin of this build."""
    build = os.environ.get("SIP_EXPLAIN_BUILD_DIR", "build")
    source = os.path.dirname(os.path.dirname(HERE))
    rel = os.path.relpath(os.path.abspath(os.path.join(source, build)), source)
    prefix = "" if rel == "build" else "SIP_EXPLAIN_BUILD_DIR=%s " % (build if rel.startswith("..") else rel)
    return "cd %s && %ssh tests/golden/update.sh" % (source, prefix)


def compare(got):
    """Prints how each output compares with its expected file; returns the
    number of files that match and the number that do not (an output that
    differs, is missing or cannot be read as its mode, a stale file)."""
    passed = failed = 0
    for name, text in sorted(got.items()):
        path = os.path.join(EXPECTED_DIR, name)
        if not os.path.exists(path):
            print("golden: %s: missing expected file" % name)
            failed += 1
            continue
        with open(path, "rb") as f:
            want = f.read()
        try:
            want, text = normalised(name, want), normalised(name, text)
        except ValueError as e:
            print("golden: %s: %s" % (name, e))
            failed += 1
            continue
        if want != text:
            failed += 1
            diff = difflib.unified_diff(want.decode("utf-8", "replace").splitlines(True),
                                        text.decode("utf-8", "replace").splitlines(True),
                                        "expected/" + name, "got/" + name)
            sys.stdout.writelines(list(diff)[:80])
            print("golden: %s differs" % name)
        else:
            passed += 1
            print("golden: %s identical (%d bytes)" % (name, len(text)))
    for name in sorted(set(os.listdir(EXPECTED_DIR)) - set(got)):
        if name.endswith(".txt"):
            print("golden: expected/%s: no output of golden.py has this name (remove it)" % name)
            failed += 1
    return passed, failed


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--update", action="store_true", help="write the expected outputs (normalised)")
    args = ap.parse_args()
    ws = tshark_env.Workspace("sip_explain_golden_")
    try:
        got = outputs(ws)
    finally:
        ws.close()
    if args.update:
        for name, text in got.items():
            with open(os.path.join(EXPECTED_DIR, name), "wb") as f:
                f.write(normalised(name, text))
        print("wrote %d files to %s (Wireshark %s)" % (len(got), EXPECTED_DIR, tshark_env.WS_VERSION))
        return 0
    passed, failed = compare(got)
    print("%d passed, %d failed (Wireshark %s)" % (passed, failed, tshark_env.WS_VERSION))
    if failed:
        print("golden: if the change is intended, rewrite the expected files and read their diff:")
        print("    " + update_command())
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
