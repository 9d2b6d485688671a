#!/bin/sh
# One command from a fresh Debian 12 machine to sip_explain at work:
# installs the packages, builds the plugin and the sip-explain command (no
# tests: sh tests/run.sh adds them to the same build folder), installs the
# plugin into Wireshark's plugin folder and runs tshark with it on the
# capture bundled in the repo.
# Run as root:  sh quickstart.sh
set -eu
cd "$(dirname "$0")"
sh tests/deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBUILD_TESTING=OFF
cmake --build build -j"$(nproc)"
cmake --install build
echo
echo "== tshark -r tests/captures/demo.pcap -Y 'sip_explain.class >= 4' (summary)"
tshark -r tests/captures/demo.pcap -Y 'sip_explain.class >= 4' \
  -T fields -e frame.number -e sip_explain.summary
echo
echo "== One response in full (tshark -V -O sip_explain -Y 'sip_explain.code == 489')"
tshark -r tests/captures/demo.pcap -Y 'sip_explain.code == 489' -V -O sip_explain \
  | sed -n '/^SIP Response Explanation/,$p'
echo
echo "== The companion command: sip-explain 301 489 (first lines)"
sip-explain 301 489 | head -n 12
echo
echo "== What happened to each call and registration (tshark -q -z sip_explain,calls: some columns, the text's headline)"
tshark -r tests/captures/demo.pcap -q -z sip_explain,calls \
  | awk -F'|' 'NF > 10 { t = $12; sub(/ \(.*/, "", t); printf "%-6s %-10s %-5s %-20s %s\n", $1, $2, $10, $11, t }'
