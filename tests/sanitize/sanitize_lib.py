"""Runs tshark with the sanitized plugin and judges the run: any sanitizer report, crash or non-zero exit fails it.

tshark itself is not instrumented: the sanitizer runtimes are preloaded
(SIP_EXPLAIN_SAN_PRELOAD). The workspace, and tshark as nobody when we are
root, come from tests/lib/tshark_env.py; the captures from
tests/lib/captures.py and the messages from tests/lib/sip_samples.py.
"""
import os
import re
import signal
import time

import tshark_env

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


class Workspace(tshark_env.Workspace):
    """A world-readable folder with the plugin(s) and the captures; tshark
    runs with the sanitizer runtimes preloaded."""

    def __init__(self, plugins, keep=False):
        super().__init__("sip_explain_san_", plugins, keep=keep)
        self.runs = 0

    def env(self, plugin=True, env_extra=None):
        extra = sanitizer_env()
        extra.update(env_extra or {})
        return super().env(plugin, extra)

    def run(self, args, env_extra=None, timeout=900):
        """One tshark run; returns its Result (never raises on failure)."""
        t0 = time.monotonic()
        proc = self.tshark(args, check=False, env_extra=env_extra, timeout=timeout, text=False)
        self.runs += 1
        return Result(args, proc.returncode, proc.stdout.decode("utf-8", "replace"),
                      proc.stderr.decode("utf-8", "replace"), time.monotonic() - t0)

    def check_plugin_loaded(self):
        """The plugin must really be loaded, or a green run proves nothing."""
        r = self.run(["-G", "protocols"], env_extra={"ASAN_OPTIONS": "detect_leaks=0"})
        if "\tsip_explain\t" not in r.stdout and "sip_explain" not in r.stdout:
            raise AssertionError("sip_explain is not loaded by tshark: %s" % r.stderr[-2000:])

    def read_all_modes(self, pcap, modes=None, extra=()):
        """Reads pcap in every output mode; returns [(mode, Result)]."""
        out = []
        for mode in (modes or MODES):
            out.append((mode, self.run(["-n", "-r", pcap] + MODES[mode] + list(extra))))
        return out
