# SPDX-License-Identifier: GPL-2.0-or-later
# The set-up the test scripts share: how a build folder is configured and
# built, how ctest runs, CI's no-skip rule. Sourced by tests/run.sh,
# tests/robustness.sh, tests/matrix.sh and tests/golden/update.sh; tshark
# as nobody, its plugin folder and Wireshark's version are tshark_env.sh's.
#
#   . "$(dirname "$0")/lib/setup.sh"        (from tests/; ../lib from a subfolder)
#   setup_no_skip_on_ci
#       Under CI=true, where every optional tool is installed, a skipped test
#       is a failure: exports SIP_EXPLAIN_NO_SKIP=1 unless it is set
#       (tests/lib/run_unittest.py, tests/lib/missing_tool.sh read it).
#   setup_configure SOURCE BUILD [CMAKE ARG...]
#       cmake -S SOURCE -B BUILD with the tests and warnings as errors, then
#       the arguments given (a later -D wins over an earlier one).
#   setup_build BUILD [ARG...]
#       cmake --build BUILD on every core, ARG... (e.g. --target sip_explain).
#   setup_ctest [CTEST ARG...]
#       ctest in the current folder (a build folder) with every core, the
#       output of failed tests, and a failure when no test is selected. The
#       tests use fixed loopback ports: with SIP_EXPLAIN_CTEST_LOCK=FILE it
#       first waits for that lock (flock), so parallel trees and Debian roots
#       take turns; with SIP_EXPLAIN_CTEST_STARTED=FILE too, the time it got
#       the lock (seconds since the epoch) is written there.

setup_no_skip_on_ci() {
  if [ "${CI:-}" = true ]; then
    export SIP_EXPLAIN_NO_SKIP="${SIP_EXPLAIN_NO_SKIP:-1}"
  fi
}

setup_configure() {
  _setup_source=$1
  _setup_build=$2
  shift 2
  cmake -S "$_setup_source" -B "$_setup_build" -DSIP_EXPLAIN_WERROR=ON -DBUILD_TESTING=ON "$@"
}

setup_build() {
  _setup_build=$1
  shift
  cmake --build "$_setup_build" -j"$(nproc)" "$@"
}

setup_ctest() {
  if [ -n "${SIP_EXPLAIN_CTEST_LOCK:-}" ]; then
    flock "$SIP_EXPLAIN_CTEST_LOCK" sh -c 'date +%s >"$0" && exec "$@"' "${SIP_EXPLAIN_CTEST_STARTED:-/dev/null}" \
      ctest --output-on-failure --no-tests=error -j"$(nproc)" "$@"
  else
    ctest --output-on-failure --no-tests=error -j"$(nproc)" "$@"
  fi
}
