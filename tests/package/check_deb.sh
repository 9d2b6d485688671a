#!/bin/sh
# Builds the Debian package with CPack, checks its dependency and contents, and that tshark loads the plugin from it.
# Usage: sh tests/package/check_deb.sh BUILD_DIR WS_MAJOR_MINOR   (ctest label package)
set -eu
build=$1
abi=$2
. "$(dirname "$0")/../lib/tshark_env.sh"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cpack -G DEB --config "$build/CPackConfig.cmake" -B "$work/out" >/dev/null
deb=$(ls "$work"/out/*.deb)
echo "package: $(basename "$deb")"
# On Debian the version names the release it was built for (cmake/Packaging.cmake).
version=$(dpkg-deb -f "$deb" Version)
if [ "$(. /etc/os-release && echo "$ID")" = debian ]; then
  case $version in
    *~deb[0-9]*|*~sid) echo "Version: $version" ;;
    *) echo "FAIL: Version $version does not name the Debian release"; exit 1 ;;
  esac
fi
depends=$(dpkg-deb -f "$deb" Depends)
echo "Depends: $depends"
echo "$depends" | grep -Eq "^libwireshark[0-9]+ \(>= $abi\), libwireshark[0-9]+ \(<< " \
  || { echo "FAIL: Depends does not pin libwireshark to $abi"; exit 1; }
plugin_path=$(dpkg-deb -c "$deb" | awk '{print $6}' | grep "/wireshark/plugins/$abi/epan/sip_explain.so$") \
  || { echo "FAIL: sip_explain.so is not in plugins/$abi/epan"; dpkg-deb -c "$deb"; exit 1; }
echo "contains: $plugin_path"
dpkg-deb -x "$deb" "$work/root"
plugins=$(dirname "$(dirname "$work/root/$plugin_path")")
plugins=$(dirname "$plugins")
tshark_env_make "$work"
TSHARK_ENV_PLUGINS=$plugins
tshark_env_run tshark -G plugins | grep -q "sip_explain.so" || { echo "FAIL: tshark does not list the packaged plugin"; exit 1; }
# -G protocols: name, short name, filter name (4.4 adds more columns).
tshark_env_run tshark -G protocols | awk -F'\t' '$3 == "sip_explain" { found = 1 } END { exit !found }' || { echo "FAIL: protocol sip_explain not registered"; exit 1; }
echo "tshark loads sip_explain.so from the package"
# The licence (cmake/Packaging.cmake): Debian's machine-readable copyright
# file in the package's documentation folder, and LICENSE where
# cmake --install puts it.
package=$(dpkg-deb -f "$deb" Package)
doc="usr/share/doc/$package"
dpkg-deb -c "$deb" | awk '{print $6}' | grep -qx "\./$doc/copyright" \
  || { echo "FAIL: /$doc/copyright is not in the package"; dpkg-deb -c "$deb"; exit 1; }
copyright="$work/root/$doc/copyright"
head -n 1 "$copyright" | grep -qx 'Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/' \
  && grep -qx 'License: GPL-2+' "$copyright" && grep -q '/usr/share/common-licenses/GPL-2' "$copyright" \
  || { echo "FAIL: /$doc/copyright is not a machine-readable GPL-2+ copyright file"; exit 1; }
echo "contains: /$doc/copyright"
source_dir=$(cd "$(dirname "$0")/../.." && pwd)
cmake --install "$build" --prefix "$work/prefix" >/dev/null
cmp "$source_dir/LICENSE" "$work/prefix/share/doc/$package/LICENSE" \
  || { echo "FAIL: cmake --install does not put LICENSE in share/doc/$package"; exit 1; }
echo "cmake --install puts LICENSE in share/doc/$package"
