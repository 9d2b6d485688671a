#!/bin/sh
# Installs the Debian package into a clean root of its release (only tshark installed) and checks tshark loads and runs the plugin.
# Usage: sh check_clean_install.sh PACKAGE.deb CAPTURE.pcap EXPECTED_FIELDS   (as root,
# in the throwaway root tests/matrix.sh makes; prints result lines key=value)
# dpkg -i (not apt) so that nothing is downloaded: a Depends the release's
# libwireshark does not meet makes the install fail, which is the point.
set -eu
deb=$1
capture=$2
fields=$3        # tests/golden/expected/demo.fields.txt: the reviewed -T fields output
. "$(dirname "$0")/../lib/tshark_env.sh"
fail() { echo "install=FAIL ($*)"; exit 1; }

wsver=$(tshark_env_version)
abi=$(echo "$wsver" | cut -d. -f1,2)
echo "clean_root_wireshark=$wsver"
dpkg -s wireshark-sip-explain >/dev/null 2>&1 && fail "already installed: the root is not clean"
dpkg -i "$deb" >/tmp/dpkg.log 2>&1 || { cat /tmp/dpkg.log; fail "dpkg -i"; }
so=$(dpkg -L wireshark-sip-explain | grep "/wireshark/plugins/$abi/epan/sip_explain.so$") ||
  fail "no sip_explain.so in plugins/$abi/epan"
echo "installed_as=$so"

# The system plugin folder is read by every user, root included (only
# personal folders and WIRESHARK_PLUGIN_DIR are ignored for root).
home=$(mktemp -d)
chmod 777 "$home"
cp "$capture" "$home/demo.pcap"
chmod 644 "$home/demo.pcap"
as_nobody() { tshark_env_as_nobody env HOME="$home" "$@"; }
for who in root nobody; do
  run=""
  [ "$who" = nobody ] && run=as_nobody
  if $run tshark -G plugins 2>/dev/null | grep -q "sip_explain\.so"; then
    echo "loaded_for_$who=yes"
  else
    fail "tshark -G plugins as $who does not list sip_explain.so"
  fi
  out=$($run tshark -r "$home/demo.pcap" -Y 'sip_explain.code == 489' -T fields -e sip_explain.summary) ||
    fail "tshark -r as $who"
  # demo.pcap holds exactly one 489 (the SUBSCRIBE scenario of tests/sipp);
  # its summary as the golden -T fields output has it (column 7: frame,
  # code, class, registered, reason, severity, summary; the same on every
  # version, tests/golden/normalise.py).
  expected=$(awk -F'\t' '$2 == "489" { print $7; exit }' "$fields")
  [ -n "$expected" ] || fail "no 489 in $fields"
  [ "$out" = "$expected" ] || { printf 'got: %s\n' "$out"; fail "489 summary as $who"; }
done
echo "summary_489=ok"
dpkg -r wireshark-sip-explain >/dev/null 2>&1 || fail "dpkg -r"
[ ! -e "$so" ] || fail "$so left after dpkg -r"
echo "install=ok"
