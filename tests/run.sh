#!/bin/sh
# Builds sip_explain with warnings as errors and runs every test with ctest.
# Usage: sh tests/run.sh [extra ctest arguments]
# A label or -R that selects no test fails (--no-tests=error). Build folder:
# $SIP_EXPLAIN_BUILD_DIR (default build); SIP_EXPLAIN_CTEST_LOCK=FILE makes
# ctest wait for that lock (tests/lib/setup.sh).
set -eu
cd "$(dirname "$0")/.."
. tests/lib/setup.sh
setup_no_skip_on_ci
build=${SIP_EXPLAIN_BUILD_DIR:-build}
setup_configure . "$build"
setup_build "$build"
cd "$build"
setup_ctest "$@"
