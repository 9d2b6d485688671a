#!/bin/sh
# Runs one Python test (a module, a class or one method) as ctest would:
# with the environment and folder ctest gives the suite that holds it.
# Usage: sh tests/one.sh test_context.ContextTest.test_retry_after
#        sh tests/one.sh test_cli.Json
# The build folder is $SIP_EXPLAIN_BUILD_DIR or build (made by tests/run.sh
# or cmake); it is not rebuilt here.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=${SIP_EXPLAIN_BUILD_DIR:-$here/../build}
if [ $# -ne 1 ]; then
  echo "usage: sh tests/one.sh MODULE[.Class[.method]]   (e.g. test_core.CoreTest.test_fields)" >&2
  exit 2
fi
if [ ! -f "$build/CTestTestfile.cmake" ]; then
  echo "tests/one.sh: no build with tests in $build: run sh tests/run.sh -L fast first (or set SIP_EXPLAIN_BUILD_DIR)" >&2
  exit 2
fi
exec python3 "$here/lib/one_test.py" "$build" "$1"
