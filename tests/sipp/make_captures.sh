#!/bin/bash
# Records real SIP captures: sipp scenario pairs run on loopback.
# Usage: bash tests/sipp/make_captures.sh [--outcomes | --causes] OUTDIR
#
#   (default)   the 16 scenario pairs of tests/sipp/          -> OUTDIR/all.pcap
#   --outcomes  the 10 whole-flow pairs of tests/sipp/outcomes/ -> OUTDIR/outcomes.pcap
#   --causes    the 9 vendor-cause pairs of tests/sipp/causes/  -> OUTDIR/causes.pcap
#
# Runs every uac_/uas_ scenario pair of the chosen set on 127.0.0.1 (sipp, one
# call each) and captures the traffic on the loopback interface: one
# OUTDIR/<name>.pcap per scenario, plus all of them merged with mergecap (in
# the order listed below, original timestamps kept).
#
# Needs: sipp (Debian package sip-tester), dumpcap, tshark, mergecap, timeout.
# Must be able to capture on "lo" (root, or a user allowed to run dumpcap).
# Every sipp run and every wait loop is bounded. The default set takes about
# 30-40 seconds; --outcomes about 60, 35 of them in no_final_response (which
# waits for Timer B); --causes about 17-20.
set -u

PROG=${0##*/}
usage() {
    echo "usage: $PROG [--outcomes | --causes] OUTDIR" >&2
    echo "  (default)   record the scenarios of tests/sipp/ into OUTDIR/all.pcap" >&2
    echo "  --outcomes  record the scenarios of tests/sipp/outcomes/ into OUTDIR/outcomes.pcap" >&2
    echo "  --causes    record the scenarios of tests/sipp/causes/ into OUTDIR/causes.pcap" >&2
    exit 2
}
die() { echo "$PROG: ERROR: $*" >&2; exit 1; }

SET=default
case "${1-}" in
    --outcomes) SET=outcomes; shift ;;
    --causes) SET=causes; shift ;;
    -h|--help) usage ;;
    -*) echo "$PROG: ERROR: unknown option '$1'" >&2; usage ;;
esac
[ $# -eq 1 ] || usage
[ -n "$1" ] || die "OUTDIR is empty"

HERE=$(cd "$(dirname "$0")" && pwd)

# ---- The scenario sets: everything that differs between them --------------
# SCENARIOS entries are  name:codes[:timeout]
#   codes    response codes that must appear in the capture ("none": no
#            response at all, and the capture must span Timer B)
#   timeout  sipp -timeout in seconds (default 10)
# Every scenario gets its own UAS/UAC port pair from FIRST_PORT..LAST_PORT,
# inside CAPTURE_FILTER, skipping SKIP_PORTS.
case "$SET" in
default)
    SCENARIO_DIR=$HERE
    MERGED=all.pcap
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
    # 5060 is left alone (a local SIP server may use it); 5072 (AYIYA) and
    # 5094 (HART-IP) are skipped because Wireshark decodes those UDP ports as
    # other protocols, so SIP on them would not be dissected as SIP.
    CAPTURE_FILTER="udp portrange 5060-5099"
    FIRST_PORT=5062
    LAST_PORT=5099
    SKIP_PORTS=" 5072 5094 "
    ONLY_SIP=no          # non-SIP UDP frames in the capture are ignored
    ;;
outcomes)
    SCENARIO_DIR=$HERE/outcomes
    MERGED=outcomes.pcap
    SCENARIOS=(
        "answered_after_407:100 407 180 200"
        "credentials_refused:407 403"
        "registered_after_401:401 200"
        "register_fresh_nonces:401"
        "unregister:200"
        "not_found:100 404"
        "redirect_followed:302 100 200"
        "forked_early_dialogs:100 180 183 200"
        "no_final_response:none:45"
        "busy_after_ringing:100 180 486"
    )
    # Disjoint from the default set's 5060-5099. Wireshark 4.0 assigns none of
    # these UDP ports to another dissector ("tshark -G decodes"), so its SIP
    # heuristic decodes them. SKIP_PORTS lists any that a later Wireshark might
    # claim.
    CAPTURE_FILTER="udp portrange 5100-5139"
    FIRST_PORT=5100
    LAST_PORT=5139
    SKIP_PORTS="  "
    ONLY_SIP=yes         # every captured UDP frame must be decoded as SIP
    ;;
causes)
    SCENARIO_DIR=$HERE/causes
    MERGED=causes.pcap
    SCENARIOS=(
        "teams_480:100 180 480"
        "freeswitch_bye:100 180 200"
        "asterisk_bye:100 200"
        "asterisk_486:100 180 486"
        "twilio_502:100 502"
        "stir_call:100 180 200"
        "cancel_elsewhere:100 180 200 487"
        "ms_public_403:403"
        "bad_values_500:100 500"
    )
    # Disjoint from 5060-5099 (default) and 5100-5139 (outcomes). Wireshark 4.0
    # assigns none of these UDP ports to another dissector ("tshark -G
    # decodes"), so its SIP heuristic decodes them. SKIP_PORTS lists any that a
    # later Wireshark might claim.
    CAPTURE_FILTER="udp portrange 5140-5179"
    FIRST_PORT=5140
    LAST_PORT=5179
    SKIP_PORTS="  "
    ONLY_SIP=yes         # every captured UDP frame must be decoded as SIP
    ;;
esac
# ----------------------------------------------------------------------------

# Capture tool: dumpcap by default (what "tshark -w" runs internally, without
# tshark's ~2 s start-up per scenario); CAPTURE_TOOL=tshark runs
#   tshark -i lo -f "$CAPTURE_FILTER" -F pcap -w OUTDIR/<name>.pcap
# literally. Both write pcap (not pcapng) with the same capture filter.
CAPTURE_TOOL=${CAPTURE_TOOL:-dumpcap}
case "$CAPTURE_TOOL" in
    dumpcap|tshark) ;;
    *) die "CAPTURE_TOOL must be dumpcap or tshark (got '$CAPTURE_TOOL')" ;;
esac

for tool in sipp dumpcap tshark mergecap timeout; do
    command -v "$tool" >/dev/null 2>&1 ||
        die "'$tool' not found (apt-get install -y sip-tester tshark)"
done

# Check the whole set before recording anything.
for entry in "${SCENARIOS[@]}"; do
    IFS=: read -r name expect sipp_timeout <<<"$entry"
    if [ -z "$name" ] || [ -z "$expect" ]; then
        die "bad SCENARIOS entry '$entry' (want name:codes[:timeout])"
    fi
    case "${sipp_timeout:-10}" in
        *[!0-9]*) die "bad timeout in SCENARIOS entry '$entry' (want whole seconds)" ;;
    esac
    for xml in "$SCENARIO_DIR/uas_$name.xml" "$SCENARIO_DIR/uac_$name.xml"; do
        [ -f "$xml" ] || die "scenario '$name': missing $xml"
    done
done

mkdir -p "$1" || die "cannot create output directory $1"
OUTDIR=$(cd "$1" && pwd) || die "cannot enter output directory $1"

next_port=$FIRST_PORT
alloc_port() {      # sets PORT to the next usable port
    while case "$SKIP_PORTS" in *" $next_port "*) true ;; *) false ;; esac; do
        next_port=$((next_port + 1))
    done
    [ "$next_port" -le "$LAST_PORT" ] || die "too many scenarios for ports $FIRST_PORT-$LAST_PORT"
    PORT=$next_port
    next_port=$((next_port + 1))
}

WORK=$(mktemp -d "/tmp/sipp_$SET.XXXXXX") || die "mktemp failed"
CAPTURE_PID=""
UAS_PID=""

cleanup() {
    [ -n "$UAS_PID" ] && kill "$UAS_PID" 2>/dev/null
    [ -n "$CAPTURE_PID" ] && kill -INT "$CAPTURE_PID" 2>/dev/null && wait "$CAPTURE_PID" 2>/dev/null
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

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

fail_scenario() {   # name message
    local name=$1; shift
    echo "$PROG: ERROR: scenario '$name' failed: $*" >&2
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
namelen=0            # longest scenario name, for the report columns

for entry in "${SCENARIOS[@]}"; do
    IFS=: read -r name expect sipp_timeout <<<"$entry"
    sipp_timeout=${sipp_timeout:-10}     # sipp -timeout (seconds), reported as an error
    hard_timeout=$((sipp_timeout + 10))  # coreutils timeout around every sipp process
    uas_xml="$SCENARIO_DIR/uas_$name.xml"
    uac_xml="$SCENARIO_DIR/uac_$name.xml"
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
    timeout "$hard_timeout" sipp -sf "$uas_xml" -i 127.0.0.1 -p "$uas_port" \
        -mi 127.0.0.1 -m 1 -timeout "${sipp_timeout}s" -timeout_error -nostdin \
        -trace_err -error_file "$WORK/$name.uas_errors" \
        >"$WORK/$name.uas_out" 2>&1 &
    UAS_PID=$!
    for _ in $(seq 50); do
        port_is_bound "$uas_port" && break
        kill -0 "$UAS_PID" 2>/dev/null || break
        sleep 0.1
    done

    # 3. UAC in the foreground, one call
    timeout "$hard_timeout" sipp "127.0.0.1:$uas_port" -sf "$uac_xml" -i 127.0.0.1 \
        -p "$uac_port" -mi 127.0.0.1 -m 1 -timeout "${sipp_timeout}s" -timeout_error \
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
    pcaps+=("$pcap"); names+=("$name"); expects+=("$expect"); ports+=("$uas_port")
    [ "${#name}" -le "$namelen" ] || namelen=${#name}
    echo "captured $name (UAS 127.0.0.1:$uas_port, UAC 127.0.0.1:$uac_port)"
done

# 5. merge, then one tshark pass over the merged file: every scenario (told
#    apart by its UAS port) must hold its expected response codes
merged="$OUTDIR/$MERGED"
mergecap -F pcap -w "$merged" "${pcaps[@]}" || die "mergecap failed"
chmod a+r "${pcaps[@]}" "$merged" 2>/dev/null
tshark -r "$merged" -Y udp -T fields -E separator=/t \
    -e udp.srcport -e udp.dstport -e sip.Status-Code -e sip.Method \
    -e frame.time_epoch \
    >"$WORK/udp" 2>"$WORK/summary.err" ||
    die "tshark could not read $merged: $(head -n 3 "$WORK/summary.err")"
# SIP frames are those with a status code or a method
awk -F'\t' '$3 != "" || $4 != ""' "$WORK/udp" >"$WORK/summary"
status=0
if [ "$ONLY_SIP" = yes ] && awk -F'\t' '$3 == "" && $4 == ""' "$WORK/udp" | grep -q .; then
    echo "$PROG: ERROR: some UDP frames in $merged are not decoded as SIP" >&2
    status=1
fi
total=0
for i in "${!names[@]}"; do
    name=${names[$i]}
    mine=$(awk -F'\t' -v p="${ports[$i]}" '$1 == p || $2 == p' "$WORK/summary")
    nmsg=$(printf '%s\n' "$mine" | grep -c .)
    total=$((total + nmsg))
    got=$(printf '%s\n' "$mine" | awk -F'\t' '$3 != "" { print $3 }' | sort -un | tr '\n' ' ')
    problem=""
    if [ "${expects[$i]}" = none ]; then
        # no response at all, and the capture runs past Timer B (32 s)
        [ -z "$got" ] || problem="unexpected response(s) $got"
        span=$(printf '%s\n' "$mine" | awk -F'\t' 'NR == 1 { t0 = $5 } { t = $5 } END { printf "%d", t - t0 }')
        [ "$span" -ge 33 ] || problem="$problem capture spans only ${span}s (need >= 33)"
        got="none; $(printf '%s\n' "$mine" | awk -F'\t' '$4 == "INVITE"' | grep -c .) INVITE copies, ${span}s"
    else
        for code in ${expects[$i]}; do
            case " $got" in *" $code "*) ;; *) problem="$problem $code" ;; esac
        done
        [ -z "$problem" ] || problem="response(s)$problem missing (found: ${got:-none})"
    fi
    if [ -n "$problem" ]; then
        echo "$PROG: ERROR: scenario '$name': $problem in $OUTDIR/$name.pcap" >&2
        status=1
    else
        printf '%-*s ok  %2d SIP messages, responses: %s\n' "$((namelen + 1))" "$name" "$nmsg" "$got"
    fi
done
[ "$status" -eq 0 ] || exit 1
echo "wrote ${#pcaps[@]} captures and $merged ($total SIP messages) in $(( $(date +%s) - start ))s"
