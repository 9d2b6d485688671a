#!/bin/sh
# Runs one libFuzzer harness for a bounded time on its seed corpora and reports executions, coverage and any finding.
# Usage: sh tests/fuzz/run_fuzzer.sh HARNESS SEED_CORPUS SECONDS [ARTIFACT_DIR [MORE_SEEDS...]]
# The harness runs on a scratch copy of SEED_CORPUS (the repo is never
# written); each MORE_SEEDS folder (e.g. tests/tablegen/broken) is read as a
# further corpus, which libFuzzer does not write to (it writes only to the
# first). Exit status non-zero on a finding.
set -u
harness=$1
seeds=$2
seconds=$3
artifacts=${4:-$(pwd)/artifacts}
shift $(($# < 4 ? $# : 4))
name=$(basename "$harness")
work=$(mktemp -d)
mkdir -p "$work/corpus" "$artifacts"
[ -d "$seeds" ] && cp "$seeds"/* "$work/corpus/" 2>/dev/null
"$harness" "$work/corpus" "$@" -max_total_time="$seconds" -print_final_stats=1 -timeout=10 -rss_limit_mb=2048 \
  -max_len="${FUZZ_MAX_LEN:-8192}" -artifact_prefix="$artifacts/$name-" >"$work/log" 2>&1
rc=$?
execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/log" | tail -1)
speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$work/log" | tail -1)
cov=$(grep -o 'cov: [0-9]*' "$work/log" | tail -1)
units=$(ls "$work/corpus" | wc -l)
extra=""
[ $# -gt 0 ] && extra=" (+$(for d in "$@"; do ls "$d"; done | wc -l) read-only seeds)"
echo "$name: ${execs:-?} executions in ${seconds}s (${speed:-?}/s), ${cov:-cov: ?}, corpus $units files$extra, exit $rc"
if [ $rc -ne 0 ]; then
  echo "FINDING in $name: artifacts in $artifacts"
  grep -E 'ERROR|runtime error|check failed|SUMMARY|artifact' "$work/log" | head -20
  tail -60 "$work/log"
fi
rm -rf "$work"
exit $rc
