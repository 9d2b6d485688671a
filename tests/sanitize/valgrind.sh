#!/bin/sh
# valgrind memcheck over tshark with the normal (not sanitized) plugin: fails on any report in the plugin's frames.
# Usage: sh tests/sanitize/valgrind.sh PLUGIN.so   (ctest label valgrind)
# tshark -V and -q -z expert on a few captures: torture messages (UDP), call
# flows (TCP) and the 1000 responses in one segment. Fails on any invalid
# read/write or use of uninitialised values in a frame of the plugin, and on
# a definitely-lost block whose stack includes the plugin. Wireshark's own
# reports are counted and printed, not judged.
set -u
plugin=$1
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib/tshark_env.sh"
work=$(mktemp -d)
PYTHONPATH="$here:$here/../lib" PYTHONDONTWRITEBYTECODE=1 python3 - "$work" <<'PY' || exit 1
import os, sys
import captures
import run_sanitize as rs
from sip_samples import flow_messages, torture_payloads
work = sys.argv[1]
captures.text2pcap(os.path.join(work, "torture_udp.pcap"), torture_payloads(), "udp")
captures.text2pcap(os.path.join(work, "flows_tcp.pcap"), flow_messages(), "tcp")
p = captures.Pcap(os.path.join(work, "thousand_tcp.pcap"))
p.tcp_stream([rs.hostile_payloads()["1000_responses_one_segment"]], 42000)
p.close()
PY
mkdir -p "$work/logs"
tshark_env_make "$work" "$plugin"
chmod 777 "$work/logs"
status=0
for cap in torture_udp flows_tcp thousand_tcp; do
  for mode in "-V" "-q -z expert"; do
    tag=$cap-$(echo "$mode" | tr -cd 'a-zV')
    log=$work/logs/vg-$tag.txt
    # shellcheck disable=SC2086
    tshark_env_run env G_SLICE=always-malloc \
      valgrind --tool=memcheck --leak-check=full --show-leak-kinds=definite --num-callers=40 \
        --error-limit=no --log-file="$log" \
        tshark -n -r "$work/$cap.pcap" $mode >/dev/null 2>"$work/logs/stderr-$tag.txt"
    rc=$?
    errors=$(sed -n 's/.*ERROR SUMMARY: \([0-9]*\) errors.*/\1/p' "$log" | tail -1)
    lost=$(sed -n 's/.*definitely lost: \([0-9,]*\) bytes.*/\1/p' "$log" | tail -1)
    # Blocks of the report (separated by blank "==PID== " lines) that name the plugin.
    ours=$(awk '/^==[0-9]+== $/ { if (blk ~ /sip_explain|packet-sip-explain|sip_text|sip_locate|sip_values/ && blk ~ /Invalid (read|write)|uninitialised|definitely lost|Conditional jump|Syscall param/) n++; blk=""; next } { blk = blk "\n" $0 } END { print n+0 }' "$log")
    echo "valgrind $cap [$mode]: tshark exit $rc, $errors errors (all of tshark), definitely lost ${lost:-0} bytes (all of tshark), $ours report(s) in sip_explain frames"
    if [ ! -s "$log" ] || [ "${ours:-1}" -ne 0 ] || [ "$rc" -ne 0 ]; then
      status=1
      echo "---- $log"
      awk '/^==[0-9]+== $/ { if (blk ~ /sip_explain|packet-sip-explain|sip_text|sip_locate|sip_values/) print blk; blk=""; next } { blk = blk "\n" $0 }' "$log" | head -200
      cp "$log" "${VALGRIND_KEEP:-/tmp}/" 2>/dev/null
    fi
  done
done
rm -rf "$work"
exit $status
