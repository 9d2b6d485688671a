#!/bin/sh
# Builds sip_explain with warnings as errors and runs every test with ctest.
# Usage: sh tests/run.sh [extra ctest arguments]
# A label or -R that selects no test fails (--no-tests=error).
set -eu
cd "$(dirname "$0")/.."
# CI installs every optional tool: there a skipped test is a failure
# (tests/lib/run_unittest.py, tests/lib/missing_tool.sh).
if [ "${CI:-}" = true ]; then
  export SIP_EXPLAIN_NO_SKIP="${SIP_EXPLAIN_NO_SKIP:-1}"
fi
build=${SIP_EXPLAIN_BUILD_DIR:-build}
cmake -S . -B "$build" -DSIP_EXPLAIN_WERROR=ON -DBUILD_TESTING=ON
cmake --build "$build" -j"$(nproc)"
cd "$build"
# Tests use fixed loopback ports: with SIP_EXPLAIN_CTEST_LOCK=FILE, ctest
# waits for that lock (flock), so parallel worktrees take turns.
if [ -n "${SIP_EXPLAIN_CTEST_LOCK:-}" ]; then
  exec flock "$SIP_EXPLAIN_CTEST_LOCK" ctest --output-on-failure --no-tests=error -j"$(nproc)" "$@"
fi
ctest --output-on-failure --no-tests=error -j"$(nproc)" "$@"
