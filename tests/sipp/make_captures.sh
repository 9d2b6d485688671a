#!/bin/bash
# Records real SIP captures: every sipp scenario pair of tests/sipp run on loopback.
# Usage: bash tests/sipp/make_captures.sh OUTDIR
#
# Runs every sipp scenario pair in this directory on 127.0.0.1 and captures
# the traffic on the loopback interface: one OUTDIR/<name>.pcap per scenario
# and OUTDIR/all.pcap (all of them merged with mergecap).
#
# Needs: sipp (Debian package sip-tester), tshark, mergecap, timeout.
# Must be able to capture on "lo" (root, or a user allowed to run dumpcap).
# Every sipp run is bounded (-timeout + coreutils timeout), every wait loop is
# bounded; the whole run takes about 30-40 seconds.
set -u

usage() { echo "usage: $0 OUTDIR" >&2; exit 2; }
[ $# -eq 1 ] || usage

die() { echo "make_captures.sh: ERROR: $*" >&2; exit 1; }

HERE=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$1" || die "cannot create output directory $1"
OUTDIR=$(cd "$1" && pwd)

# Capture tool: dumpcap by default (what "tshark -w" runs internally, without
# tshark's ~2 s start-up per scenario); CAPTURE_TOOL=tshark runs
#   tshark -i lo -f "udp portrange 5060-5099" -F pcap -w OUTDIR/<name>.pcap
# literally. Both write pcap (not pcapng) with the same capture filter.
CAPTURE_TOOL=${CAPTURE_TOOL:-dumpcap}
case "$CAPTURE_TOOL" in
    dumpcap|tshark) ;;
    *) die "CAPTURE_TOOL must be dumpcap or tshark" ;;
esac

for tool in sipp tshark mergecap timeout "$CAPTURE_TOOL"; do
    command -v "$tool" >/dev/null 2>&1 ||
        die "'$tool' not found (apt-get install -y sip-tester tshark)"
done

# name : distinct response codes that must appear in the capture
SCENARIOS=(
    "invite_call:100 180 200"
    "invite_proxy_auth:100 407"
    "register:401 423 200"
    "subscribe:489 200 204"
    "invite_302:100 302"
    "invite_486:100 486"
    "invite_603:100 180 603"
    "invite_480:100 480"
    "invite_503:100 503"
    "options_405:405"
    "message_415:415"
    "invite_420:100 420"
    "invite_422:100 422"
    "invite_488:100 488"
    "invite_cancel:100 180 200 487"
    "publish_412:412"
)

# Ports: every scenario gets its own UAS/UAC port pair inside the capture
# filter range. 5060 is left alone (a local SIP server may use it); 5072 (AYIYA)
# and 5094 (HART-IP) are skipped because Wireshark decodes those UDP ports as
# other protocols, so SIP on them would not be dissected as SIP.
CAPTURE_FILTER="udp portrange 5060-5099"
FIRST_PORT=5062
LAST_PORT=5099
SKIP_PORTS=" 5072 5094 "
next_port=$FIRST_PORT
alloc_port() {      # sets PORT to the next usable port
    while case "$SKIP_PORTS" in *" $next_port "*) true ;; *) false ;; esac; do
        next_port=$((next_port + 1))
    done
    [ "$next_port" -le "$LAST_PORT" ] || die "too many scenarios for ports $FIRST_PORT-$LAST_PORT"
    PORT=$next_port
    next_port=$((next_port + 1))
}

SIPP_TIMEOUT=10      # sipp -timeout (seconds), reported as an error
HARD_TIMEOUT=20      # coreutils timeout around every sipp process

WORK=$(mktemp -d /tmp/sipp_captures.XXXXXX) || die "mktemp failed"
CAPTURE_PID=""
UAS_PID=""

cleanup() {
    [ -n "$UAS_PID" ] && kill "$UAS_PID" 2>/dev/null
    [ -n "$CAPTURE_PID" ] && kill -INT "$CAPTURE_PID" 2>/dev/null && wait "$CAPTURE_PID" 2>/dev/null
    rm -rf "$WORK"
}

start_capture() {   # pcap logfile  -> sets CAPTURE_PID
    if [ "$CAPTURE_TOOL" = tshark ]; then
        tshark -i lo -f "$CAPTURE_FILTER" -F pcap -w "$1" >"$2" 2>&1 &
    else
        dumpcap -i lo -f "$CAPTURE_FILTER" -P -w "$1" >"$2" 2>&1 &
    fi
    CAPTURE_PID=$!
}

capture_running() { # pcap logfile
    if [ "$CAPTURE_TOOL" = tshark ]; then
        grep -q "Capture started" "$2" 2>/dev/null
    else
        grep -q "^File: " "$2" 2>/dev/null && [ "$(stat -c %s "$1" 2>/dev/null || echo 0)" -ge 24 ]
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

fail_scenario() {   # name message
    local name=$1; shift
    echo "make_captures.sh: ERROR: scenario '$name' failed: $*" >&2
    for f in "$WORK/$name".*; do
        [ -s "$f" ] || continue
        echo "---- $(basename "$f") (last lines) ----" >&2
        tail -n 15 "$f" >&2
    done
    exit 1
}

port_is_bound() {   # port
    if command -v ss >/dev/null 2>&1; then
        ss -Hlun "sport = :$1" 2>/dev/null | grep -q .
    else
        grep -qi ":$(printf '%04X' "$1") " /proc/net/udp 2>/dev/null
    fi
}

cd "$WORK" || die "cannot enter $WORK"
start=$(date +%s)
pcaps=(); names=(); expects=(); ports=()

for entry in "${SCENARIOS[@]}"; do
    name=${entry%%:*}
    expect=${entry#*:}
    uas_xml="$HERE/uas_$name.xml"
    uac_xml="$HERE/uac_$name.xml"
    [ -f "$uas_xml" ] && [ -f "$uac_xml" ] || die "missing uas_$name.xml or uac_$name.xml in $HERE"
    alloc_port; uas_port=$PORT
    alloc_port; uac_port=$PORT
    pcap="$OUTDIR/$name.pcap"
    rm -f "$pcap"

    # 1. start the capture and wait until it is running (output file open,
    #    which happens after the interface is open and the filter is set)
    start_capture "$pcap" "$WORK/$name.capture"
    for _ in $(seq 100); do
        capture_running "$pcap" "$WORK/$name.capture" && break
        kill -0 "$CAPTURE_PID" 2>/dev/null || break
        sleep 0.05
    done
    capture_running "$pcap" "$WORK/$name.capture" ||
        fail_scenario "$name" "$CAPTURE_TOOL did not start capturing on lo (need root / CAP_NET_RAW)"
    sleep 0.1

    # 2. UAS in the background, wait until its port is bound
    timeout "$HARD_TIMEOUT" sipp -sf "$uas_xml" -i 127.0.0.1 -p "$uas_port" \
        -mi 127.0.0.1 -m 1 -timeout "${SIPP_TIMEOUT}s" -timeout_error -nostdin \
        -trace_err -error_file "$WORK/$name.uas_errors" \
        >"$WORK/$name.uas_out" 2>&1 &
    UAS_PID=$!
    for _ in $(seq 50); do
        port_is_bound "$uas_port" && break
        kill -0 "$UAS_PID" 2>/dev/null || break
        sleep 0.1
    done

    # 3. UAC in the foreground, one call
    timeout "$HARD_TIMEOUT" sipp "127.0.0.1:$uas_port" -sf "$uac_xml" -i 127.0.0.1 \
        -p "$uac_port" -mi 127.0.0.1 -m 1 -timeout "${SIPP_TIMEOUT}s" -timeout_error \
        -nostdin -trace_err -error_file "$WORK/$name.uac_errors" \
        >"$WORK/$name.uac_out" 2>&1
    uac_rc=$?
    wait "$UAS_PID"
    uas_rc=$?
    UAS_PID=""

    # 4. stop the capture (give the last datagrams time to be written)
    sleep 0.3
    kill -INT "$CAPTURE_PID" 2>/dev/null
    wait "$CAPTURE_PID" 2>/dev/null
    CAPTURE_PID=""

    [ "$uac_rc" -eq 0 ] || fail_scenario "$name" "UAC sipp exited with $uac_rc"
    [ "$uas_rc" -eq 0 ] || fail_scenario "$name" "UAS sipp exited with $uas_rc"
    [ "$(stat -c %s "$pcap" 2>/dev/null || echo 0)" -gt 24 ] ||
        fail_scenario "$name" "nothing captured in $pcap"
    pcaps+=("$pcap")
    names+=("$name")
    expects+=("$expect")
    ports+=("$uas_port")
    echo "captured $name (UAS 127.0.0.1:$uas_port, UAC 127.0.0.1:$uac_port)"
done

# 5. every capture must hold its expected response codes (one tshark pass over
#    the merged file; the UAS port tells which scenario a response belongs to)
mergecap -F pcap -w "$OUTDIR/all.pcap" "${pcaps[@]}" || die "mergecap failed"
chmod a+r "${pcaps[@]}" "$OUTDIR/all.pcap" 2>/dev/null
tshark -r "$OUTDIR/all.pcap" -Y sip -T fields -E separator=/t \
    -e udp.srcport -e udp.dstport -e sip.Status-Code \
    >"$WORK/summary" 2>"$WORK/summary.err" ||
    die "tshark could not read $OUTDIR/all.pcap: $(head -n 3 "$WORK/summary.err")"
status=0
for i in "${!names[@]}"; do
    name=${names[$i]}
    mine=$(awk -F'\t' -v p="${ports[$i]}" '$1 == p || $2 == p' "$WORK/summary")
    nmsg=$(printf '%s\n' "$mine" | grep -c .)
    got=$(printf '%s\n' "$mine" | awk -F'\t' '$3 != "" { print $3 }' | sort -u | tr '\n' ' ')
    missing=""
    for code in ${expects[$i]}; do
        case " $got" in *" $code "*) ;; *) missing="$missing $code" ;; esac
    done
    if [ -n "$missing" ]; then
        echo "make_captures.sh: ERROR: scenario '$name': response(s)$missing missing from $OUTDIR/$name.pcap (found: ${got:-none})" >&2
        status=1
    else
        printf '%-18s ok  %2d SIP messages, responses: %s\n' "$name" "$nmsg" "$got"
    fi
done
[ "$status" -eq 0 ] || exit 1
echo "wrote ${#pcaps[@]} captures and $OUTDIR/all.pcap in $(( $(date +%s) - start ))s"
