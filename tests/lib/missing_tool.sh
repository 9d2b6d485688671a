#!/bin/sh
# Stands in for a suite whose optional external tools are not installed:
# says which, and exits 77, which ctest reports as skipped (SKIP_RETURN_CODE
# 77), not passed. With SIP_EXPLAIN_NO_SKIP=1 (CI) it fails instead.
# Usage: sh tests/lib/missing_tool.sh SUITE "TOOLS" "apt-get install ..."
echo "$1: missing tool(s): $2 (install: $3)"
case ${SIP_EXPLAIN_NO_SKIP:-} in
  ""|0) exit 77 ;;
  *) echo "SIP_EXPLAIN_NO_SKIP is set: a skipped suite is a failure"; exit 1 ;;
esac
