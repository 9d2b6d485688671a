"""Bounded work: times the plugin per message on hostile input against a normal response (run by hand).

For each case, a capture with COPIES copies (one TCP stream or UDP datagram
each) is read by tshark with the plugin and with the plugin disabled
(--disable-protocol sip_explain); the difference over the copies is the
plugin's cost per copy. Best of 3 runs.

  python3 tests/sanitize/bench_hostile.py PLUGIN.so [COPIES]   (the normal, not sanitized, build)
"""
import os
import resource
import sys

sys.path.append(os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "lib"))  # tests/lib when run by hand (ctest sets PYTHONPATH)
import run_sanitize as rs  # noqa: E402
import sanitize_lib as sl  # noqa: E402


def cpu(ws, args):
    """CPU seconds (user + system) of one tshark run: steadier than wall
    time on a busy machine."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    ws.run(args)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def best(ws, args, n=3):
    return min(cpu(ws, args) for _ in range(n))


def main():
    plugin = sys.argv[1]
    copies = int(sys.argv[2]) if len(sys.argv) > 2 else 20
    os.environ["SIP_EXPLAIN_SAN_PRELOAD"] = ""
    ws = sl.Workspace([plugin])
    try:
        ws.check_plugin_loaded()
        print("%-28s %-5s %9s %-14s %10s %10s %12s" % ("case", "tr", "bytes", "mode", "cpu with", "cpu without",
                                                     "plugin ms/copy"))
        for name, data in rs.hostile_payloads().items():
            transport = "udp" if name == "normal" else "tcp"
            n = copies * 10 if name == "normal" else copies
            pcap = rs.write_hostile(ws, name, data, transport, n)
            for mode, args in (("-V", ["-V"]), ("-T fields", ["-T", "fields", "-e", "sip_explain.code"]),
                               ("-z expert", ["-q", "-z", "expert"])):
                base = ["-n", "-r", pcap] + args
                on = best(ws, base)
                off = best(ws, base + ["--disable-protocol", "sip_explain"])
                print("%-28s %-5s %9d %-14s %10.3f %10.3f %12.3f"
                      % (name, transport, len(data), mode, on, off, (on - off) * 1000.0 / n), flush=True)
    finally:
        ws.close()


if __name__ == "__main__":
    main()
