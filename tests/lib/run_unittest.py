"""Runs Python unittest suites for ctest so that a skip cannot pass for a pass.

    python3 tests/lib/run_unittest.py MODULE[.Class] ...   (cwd: the suite's folder)

unittest exits 0 when tests are skipped, and ctest then shows "Passed". Here
a skip is allowed only when an optional external tool is absent: the test
raises missing_tool("sipp", "apt-get install sip-tester"), whose reason starts
with MISSING_TOOL. Exit codes:
  0   every test ran and passed
  1   a failure, an error, an unexpected success, or any other skip
  77  passed, but some tests were skipped for a missing tool (ctest shows
      them as skipped: SKIP_RETURN_CODE 77 in tests/CMakeLists.txt)
With SIP_EXPLAIN_NO_SKIP=1 (CI, where every tool is installed) every skip
is a failure.
"""
import os
import sys
import unittest

MISSING_TOOL = "missing tool: "
SKIP_EXIT = 77


def missing_tool(tool, how_to_install):
    """The one allowed skip: an optional external tool is not installed."""
    return unittest.SkipTest("%s%s is not installed (%s)" % (MISSING_TOOL, tool, how_to_install))


def no_skip():
    return os.environ.get("SIP_EXPLAIN_NO_SKIP", "") not in ("", "0")


def verdict(result):
    """The exit code for a finished unittest result, printing why."""
    if not result.wasSuccessful():
        return 1
    bad = [(t, why) for t, why in result.skipped if not why.startswith(MISSING_TOOL)]
    for test, why in bad:
        print("SKIP NOT ALLOWED: %s: %s (only a missing optional tool may skip)" % (test, why))
    if bad:
        return 1
    if result.skipped:
        for test, why in result.skipped:
            print("skipped: %s: %s" % (test, why))
        if no_skip():
            print("SIP_EXPLAIN_NO_SKIP is set: a skipped test is a failure")
            return 1
        return SKIP_EXIT
    return 0


def main(names):
    if not names:
        print("usage: run_unittest.py MODULE[.Class] ...", file=sys.stderr)
        return 2
    sys.path.insert(0, os.getcwd())
    suite = unittest.defaultTestLoader.loadTestsFromNames(names)
    if suite.countTestCases() == 0:
        print("no tests in %s" % " ".join(names))
        return 1
    result = unittest.TextTestRunner(verbosity=2).run(suite)
    return verdict(result)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
