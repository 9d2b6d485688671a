#!/bin/sh
# Builds and runs the robustness suites, each in its own build folder:
#   sanitize  the plugin built with ASan+UBSan, tshark over torture messages,
#             mutated captures, random packets, broken TCP streams, hostile input
#   fuzz      libFuzzer harnesses of every parser the plugin owns (clang),
#             FUZZ_SECONDS each (default 20)
# Usage: sh tests/robustness.sh [sanitize] [fuzz]   (both when none given)
set -eu
cd "$(dirname "$0")/.."
# CI installs every optional tool: there a skipped test is a failure
# (tests/lib/run_unittest.py, tests/lib/missing_tool.sh).
if [ "${CI:-}" = true ]; then
  export SIP_EXPLAIN_NO_SKIP="${SIP_EXPLAIN_NO_SKIP:-1}"
fi
jobs=$(nproc)
suites=${*:-sanitize fuzz}
for suite in $suites; do
  case $suite in
    sanitize)
      cmake -S . -B build-asan -DSANITIZE=ON -DCMAKE_C_COMPILER=gcc -DSIP_EXPLAIN_WERROR=ON -DBUILD_TESTING=ON
      cmake --build build-asan -j"$jobs"
      (cd build-asan && ctest -L sanitize --output-on-failure --no-tests=error -j"$jobs")
      ;;
    fuzz)
      cmake -S . -B build-fuzz -DCMAKE_C_COMPILER=clang -DFUZZ=ON -DBUILD_TESTING=ON -DSIP_EXPLAIN_BUILD_PLUGIN=OFF \
            -DFUZZ_SECONDS="${FUZZ_SECONDS:-20}"
      cmake --build build-fuzz -j"$jobs"
      (cd build-fuzz && ctest -L fuzz --output-on-failure --no-tests=error -j"$jobs")
      ;;
    *) echo "tests/robustness.sh: unknown suite '$suite' (sanitize, fuzz)" >&2; exit 2 ;;
  esac
done
