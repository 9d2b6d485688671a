"""Golden outputs: compares what users see (tshark's output with the plugin) byte for byte with committed files.

For each capture below and each output mode people use, tshark's output
with the plugin is compared with the file committed under
expected/<Wireshark major.minor>/. Any change of what users see then shows
up as a diff in review. Regenerate deliberately with

    PYTHONPATH=tests/lib python3 tests/golden/golden.py --update

(with SIP_EXPLAIN_PLUGIN and SIP_EXPLAIN_WS_VERSION set, as ctest does),
or for every Wireshark version at once, each built and run in its Debian
release, with

    sh tests/matrix.sh --update-golden     (as root; or name the releases)

Wireshark itself prints some things differently from version to version,
hence one folder of expected outputs per version.
"""
import argparse
import difflib
import os
import sys

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

MODES = {
    "verbose": ["-V", "-O", "sip_explain"],
    "verbose_2pass": ["-2", "-V", "-O", "sip_explain"],
    "verbose_ru": ["-o", "sip_explain.language:ru", "-V", "-O", "sip_explain"],
    "fields": ["-Y", "sip_explain", "-T", "fields", "-E", "occurrence=a", "-E", "aggregator=|"]
              + [a for f in FIELDS for a in ("-e", f)],
    "expert": ["-q", "-z", "expert"],
    "stats": ["-q", "-z", "sip_explain,tree"],
    "calls": ["-q", "-z", "sip_explain,calls"],
}


def expected_dir():
    return os.path.join(HERE, "expected", tshark_env.WS_VERSION)


def outputs(ws):
    """{file name: output bytes} for every capture and mode (bytes: the
    comparison must not depend on the output being valid UTF-8)."""
    result = {}
    for cap_name, cap in sorted(CAPTURES.items()):
        local = ws.add_file(cap)
        for mode, args in sorted(MODES.items()):
            proc = ws.tshark(["-r", local] + args, text=False)
            result["%s.%s.txt" % (cap_name, mode)] = proc.stdout
    return result


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--update", action="store_true", help="write the expected outputs")
    args = ap.parse_args()
    ws = tshark_env.Workspace("sip_explain_golden_")
    try:
        got = outputs(ws)
    finally:
        ws.close()
    folder = expected_dir()
    if args.update:
        os.makedirs(folder, exist_ok=True)
        for name, text in got.items():
            with open(os.path.join(folder, name), "wb") as f:
                f.write(text)
        print("wrote %d files to %s" % (len(got), folder))
        return 0
    if not os.path.isdir(folder):
        print("golden: no expected outputs for Wireshark %s in %s; make them with --update"
              % (tshark_env.WS_VERSION, folder))
        return 1
    failed = 0
    for name, text in sorted(got.items()):
        path = os.path.join(folder, name)
        if not os.path.exists(path):
            print("golden: %s: missing expected file" % name)
            failed += 1
            continue
        with open(path, "rb") as f:
            want = f.read()
        if want != text:
            failed += 1
            diff = difflib.unified_diff(want.decode("utf-8", "replace").splitlines(True),
                                        text.decode("utf-8", "replace").splitlines(True),
                                        "expected/" + name, "got/" + name)
            sys.stdout.writelines(list(diff)[:80])
            print("golden: %s differs" % name)
        else:
            print("golden: %s identical (%d bytes)" % (name, len(text)))
    print("%d passed, %d failed" % (len(got) - failed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
