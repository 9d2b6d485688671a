#!/bin/sh
# Builds and runs the robustness suites, each in its own build folder:
#   sanitize  the plugin built with ASan+UBSan, tshark over torture messages,
#             mutated captures, random packets, broken TCP streams, hostile input
#   fuzz      libFuzzer harnesses of every parser the plugin owns (clang),
#             FUZZ_SECONDS each (default 20)
# Usage: sh tests/robustness.sh [sanitize] [fuzz]   (both when none given)
set -eu
cd "$(dirname "$0")/.."
. tests/lib/setup.sh
setup_no_skip_on_ci
# No test of these suites opens a port: they do not wait for the ctest lock.
unset SIP_EXPLAIN_CTEST_LOCK
suites=${*:-sanitize fuzz}
for suite in $suites; do
  case $suite in
    sanitize)
      setup_configure . build-asan -DSANITIZE=ON -DCMAKE_C_COMPILER=gcc
      setup_build build-asan
      (cd build-asan && setup_ctest -L sanitize)
      ;;
    fuzz)
      # Without -Werror, as this suite has always been built (clang's
      # warnings differ from gcc's, which the other builds gate on).
      setup_configure . build-fuzz -DSIP_EXPLAIN_WERROR=OFF -DCMAKE_C_COMPILER=clang -DFUZZ=ON \
        -DSIP_EXPLAIN_BUILD_PLUGIN=OFF -DFUZZ_SECONDS="${FUZZ_SECONDS:-20}"
      setup_build build-fuzz
      (cd build-fuzz && setup_ctest -L fuzz)
      ;;
    *) echo "tests/robustness.sh: unknown suite '$suite' (sanitize, fuzz)" >&2; exit 2 ;;
  esac
done
