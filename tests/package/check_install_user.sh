#!/bin/sh
# Checks that the install-user target installs the plugin into the personal plugin folder.
# Usage: sh tests/package/check_install_user.sh BUILD_DIR WS_MAJOR_MINOR   (ctest label package)
# The install-user target puts the plugin in the personal plugin folder of
# whoever runs it ($HOME is read when the target runs, not at configure).
set -eu
build=$1
abi=$2
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
HOME=$home cmake --build "$build" --target install-user >/dev/null
target="$home/.local/lib/wireshark/plugins/$abi/epan/sip_explain.so"
[ -f "$target" ] || { echo "FAIL: $target missing"; exit 1; }
cmp "$target" "$build/plugin/sip_explain.so" || { echo "FAIL: installed file differs from the build"; exit 1; }
echo "installed $target"
