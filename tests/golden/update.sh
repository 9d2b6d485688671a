#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Rewrites tests/golden/expected/ from tshark's output with the plugin built here; read the diff before committing it.
# Usage: sh tests/golden/update.sh   (as any user; build folder
# $SIP_EXPLAIN_BUILD_DIR, default build, relative to the source tree)
# Configures the build folder when it has never been, builds the plugin,
# and runs golden.py --update with the tshark on PATH. The files are
# written normalised (tests/golden/normalise.py), so any Wireshark version
# the project supports writes the same bytes for the same plugin output.
# As root, tshark runs as nobody (tests/lib/tshark_env.py).
set -eu
cd "$(dirname "$0")/../.."
. tests/lib/setup.sh
. tests/lib/tshark_env.sh
build=${SIP_EXPLAIN_BUILD_DIR:-build}
[ -f "$build/CMakeCache.txt" ] || setup_configure . "$build"
setup_build "$build" --target sip_explain
plugin=$(cd "$build/plugin" && pwd)/sip_explain.so
abi=$(tshark_env_version | cut -d. -f1,2)
[ -n "$abi" ] || { echo "tests/golden/update.sh: cannot read the version of tshark (tshark --version)" >&2; exit 1; }
SIP_EXPLAIN_PLUGIN=$plugin SIP_EXPLAIN_WS_VERSION=$abi PYTHONPATH=tests/lib PYTHONDONTWRITEBYTECODE=1 \
  exec python3 tests/golden/golden.py --update
