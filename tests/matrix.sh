#!/bin/sh
# Builds sip_explain with warnings as errors, runs every test (ctest) and
# builds and installs the Debian package on each Debian release users run:
# bookworm (Wireshark 4.0), trixie (4.4), sid (4.6). Run as root.
# Usage: sh tests/matrix.sh [--robustness=SUITE,...] [bookworm|trixie|sid|all]...
# (default: all). Exits non-zero when any release fails: the build, the
# plugin not loading, a failed or skipped test or none at all, the package
# or its installation. --robustness also runs tests/robustness.sh sanitize
# fuzz on the releases named. Every release checks the one set of golden
# outputs (tests/golden/expected, rewritten as any user by
# sh tests/golden/update.sh).
#
# Each release runs in a Debian root made with mmdebstrap (installed on the
# host when missing) and kept in $SIP_EXPLAIN_ROOTS/<suite> (default
# /var/cache/sip_explain/roots). A root is made again when the package list
# of tests/deps.sh or the mmdebstrap options change, or when
# SIP_EXPLAIN_REFRESH=1. It is entered with unshare --mount + chroot: /proc,
# /dev, /tmp and the work folder are mounted in that private mount
# namespace only, so nothing stays mounted.
# bookworm runs on the host when the host is Debian 12 (its packages must be
# installed: sh tests/deps.sh), in a root otherwise, or always in a root with
# SIP_EXPLAIN_MATRIX_HOST=0.
# The package of each release is installed (dpkg -i) into a throwaway
# overlay of $SIP_EXPLAIN_ROOTS/<suite>-tshark, a root with only tshark, and
# tshark must load it and explain tests/captures/demo.pcap
# (tests/package/check_clean_install.sh).
# The source tree is copied to $SIP_EXPLAIN_MATRIX_OUT/<suite>/src (default
# /var/tmp/sip_explain_matrix) and built in .../build; the logs of each
# release are in that folder. The host's apt sources are never touched.
# ctest takes /tmp/sip_explain_ctest.lock (the tests use fixed loopback
# ports and a root shares the host's network).
# Build options, ctest and its lock: tests/lib/setup.sh; tshark as nobody:
# tests/lib/tshark_env.sh.
set -eu
lock=/tmp/sip_explain_ctest.lock

# ---- Inside the root (or on the host): build, check the plugin loads, ctest ----
# --inside WORK [ROBUSTNESS]: build, load check, ctest, .deb; ROBUSTNESS yes
# also runs tests/robustness.sh sanitize fuzz. Results go to WORK/result as
# shell assignments the outer part reads.
if [ "${1:-}" = --inside ]; then
  work=$2
  robust=${3:-no}
  src=$work/src
  build=$work/build
  result=$work/result
  . "$src/tests/lib/setup.sh"
  . "$src/tests/lib/tshark_env.sh"
  now() { date +%s; }
  : >"$result"
  wsver=$(tshark_env_version)
  abi=$(echo "$wsver" | cut -d. -f1,2)
  echo "wireshark=$wsver abi=$abi" >>"$result"

  t0=$(now)
  if ! setup_configure "$src" "$build" >"$work/configure.log" 2>&1 ||
     ! setup_build "$build" >"$work/build.log" 2>&1; then
    cat "$work/configure.log" "$work/build.log" | grep -E 'error|Error|warning' | head -n 40
    echo "build=FAIL build_s=$(( $(now) - t0 ))" >>"$result"
    exit 1
  fi
  echo "build=ok build_s=$(( $(now) - t0 ))" >>"$result"

  # Wireshark reads WIRESHARK_PLUGIN_DIR only when not run as root.
  pdir=$(mktemp -d)
  SIP_EXPLAIN_WS_VERSION=$abi
  tshark_env_make "$pdir" "$build/plugin/sip_explain.so"
  if tshark_env_run tshark -G plugins 2>&1 | grep -q 'sip_explain\.so'; then
    echo "plugin=loaded" >>"$result"
  else
    echo "plugin=NOT-LOADED" >>"$result"
  fi
  rm -rf "$pdir"

  # The tests use fixed loopback ports, shared with everyone on the machine
  # (a root shares the host's network): one ctest at a time. The outer part
  # binds the host's lock file here.
  t0=$(now)
  ctest_rc=0
  # The root gets the tree without .git: commit subjects are the host's
  # check (tests/lint/check_commit_subjects.sh), not a release's.
  (cd "$build" && SIP_EXPLAIN_CTEST_LOCK=$lock && SIP_EXPLAIN_CTEST_STARTED=$work/ctest.start \
     && setup_ctest -E '^lint[.]commit_subjects$') \
    >"$work/ctest.log" 2>&1 || ctest_rc=$?
  t1=$(cat "$work/ctest.start" 2>/dev/null || echo "$t0")
  echo "ctest_rc=$ctest_rc ctest_s=$(( $(now) - t1 )) lock_wait_s=$(( t1 - t0 ))" >>"$result"
  # "95% tests passed, 2 tests failed out of 47"
  sed -n 's/^[0-9]*% tests passed, \([0-9]*\) tests* failed out of \([0-9]*\)$/failed=\1 total=\2/p' \
    "$work/ctest.log" >>"$result"
  # Failed and skipped tests are listed as "  12 - name (Failed)" / "(Not Run)" / "(Skipped)".
  failing=$(sed -n 's/^[[:space:]]*[0-9]* - \([^ ]*\) (.*$/\1/p' "$work/ctest.log" | tr '\n' ' ')
  skipped=$(grep -c '^[[:space:]]*[0-9]* - .*(\(Skipped\|Not Run\|Disabled\))' "$work/ctest.log" || true)
  echo "failing='$failing' skipped=$skipped" >>"$result"

  # The release's package: built here, installed into a clean root outside.
  t0=$(now)
  rm -rf "$work/deb"
  if (cd "$build" && cpack -G DEB -B "$work/deb") >"$work/cpack.log" 2>&1 &&
     deb=$(ls "$work"/deb/*.deb); then
    echo "deb='$(basename "$deb")' deb_bytes=$(stat -c %s "$deb") deb_depends='$(dpkg-deb -f "$deb" Depends)' cpack_s=$(( $(now) - t0 ))" >>"$result"
  else
    echo "deb=FAIL" >>"$result"
  fi

  if [ "$robust" = yes ]; then
    # Its own build folders (build-asan, build-fuzz) in the copied tree.
    # No test of these suites opens a port: no lock.
    t0=$(now)
    if (cd "$src" && sh tests/robustness.sh sanitize fuzz) >"$work/robustness.log" 2>&1; then
      echo "robustness=ok robustness_s=$(( $(now) - t0 ))" >>"$result"
    else
      echo "robustness=FAIL robustness_s=$(( $(now) - t0 ))" >>"$result"
    fi
  fi
  exit 0
fi

# ---- Outside: one root per release ----
if [ "$(id -u)" -ne 0 ]; then
  echo "tests/matrix.sh: run as root (mmdebstrap, unshare, chroot)" >&2
  exit 1
fi
src=$(cd "$(dirname "$0")/.." && pwd)
roots=${SIP_EXPLAIN_ROOTS:-/var/cache/sip_explain/roots}
outdir=${SIP_EXPLAIN_MATRIX_OUT:-/var/tmp/sip_explain_matrix}
mirror=${SIP_EXPLAIN_MIRROR:-http://deb.debian.org/debian}
now() { date +%s; }
start_s=$(now)

robust_suites=""
while [ $# -gt 0 ]; do
  case $1 in
    --update-golden)
      echo "tests/matrix.sh: --update-golden is gone: one set of golden outputs serves every Wireshark version;" \
           "rewrite it with sh tests/golden/update.sh (any user)" >&2
      exit 2 ;;
    --robustness=*) robust_suites=$(echo "${1#--robustness=}" | tr ',' ' ') ;;
    -*) echo "tests/matrix.sh: unknown option '$1'" >&2; exit 2 ;;
    *) break ;;
  esac
  shift
done
suites=${*:-all}
[ "$suites" = all ] && suites="bookworm trixie sid"
for s in $suites $robust_suites; do
  case $s in
    bookworm|trixie|sid) ;;
    *) echo "tests/matrix.sh: unknown release '$s' (bookworm, trixie, sid, all)" >&2; exit 2 ;;
  esac
done

host_codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")

if ! command -v mmdebstrap >/dev/null 2>&1; then
  echo "== installing mmdebstrap"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends mmdebstrap >/dev/null
fi
[ -e "$lock" ] || { touch "$lock" && chmod 666 "$lock"; }

# Runs "$@" chrooted in $1 with /proc, /dev, a fresh /tmp (holding the
# host's ctest lock file) and $2 (the work folder, may be empty) at /work,
# all in a private mount namespace. With $3 (a new folder), the root is an
# overlay of $1 whose changes go to $3 and are thrown away with it.
in_root() {
  _root=$1 _work=$2 _upper=$3
  shift 3
  unshare --mount --propagation private sh -eu -c '
    root=$1 work=$2 upper=$3 lock=$4
    shift 4
    if [ -n "$upper" ]; then
      mkdir -p "$upper/up" "$upper/wk" "$upper/root"
      mount -t overlay overlay -o "lowerdir=$root,upperdir=$upper/up,workdir=$upper/wk" "$upper/root"
      root=$upper/root
    fi
    mount -t proc proc "$root/proc"
    mount --rbind /dev "$root/dev"
    mount -t tmpfs -o mode=1777 tmpfs "$root/tmp"
    touch "$root$lock"
    mount --bind "$lock" "$root$lock"
    if [ -n "$work" ]; then
      mkdir -p "$root/work"
      mount --bind "$work" "$root/work"
    fi
    exec chroot "$root" "$@"' in_root "$_root" "$_work" "$_upper" "$lock" "$@"
}

# mmdebstrap's options for release $1, one a line. The packages come from
# tests/deps.sh run in the root. sid's Release carries a Valid-Until that
# the mirror lets lapse between publications; trixie's has none.
mmdebstrap_opts() {
  echo --variant=apt
  echo --include=ca-certificates
  [ "$1" = sid ] && echo "--aptopt=Acquire::Check-Valid-Until \"false\""
  return 0
}

# Makes (or reuses) a root of release $1; sets root_s and install_s.
# $2 build: $roots/<suite> with the packages of tests/deps.sh, to build and
# test in. $2 tshark: $roots/<suite>-tshark with only tshark (what a user
# has), never changed: the package is installed into an overlay of it.
# Called in a condition, where set -e does not apply: each step checks.
ensure_root() {
  suite=$1 kind=$2
  if [ "$kind" = build ]; then
    root=$roots/$suite
    what=$(sh "$src/tests/deps.sh" --list)
  else
    root=$roots/$suite-tshark
    what=tshark
  fi
  stamp=$(printf '%s\n' "$suite" "$mirror" "$(mmdebstrap_opts "$suite")" "$what" |
          sha256sum | cut -d' ' -f1)
  root_s=0 install_s=0
  if [ "${SIP_EXPLAIN_REFRESH:-0}" != 1 ] && [ -f "$root/.sip_explain_stamp" ] &&
     [ "$(cat "$root/.sip_explain_stamp")" = "$stamp" ]; then
    return 0
  fi
  echo "== $suite: making the root $root"
  mkdir -p "$roots"
  rm -rf "$root.new"
  t1=$(now)
  # One option a line: split on newlines only.
  old_ifs=$IFS
  IFS='
'
  # shellcheck disable=SC2046
  set -- $(mmdebstrap_opts "$suite")
  IFS=$old_ifs
  [ "$kind" = tshark ] && set -- "$@" --include=tshark
  mmdebstrap --quiet "$@" "$suite" "$root.new" "$mirror" || return 1
  root_s=$(( $(now) - t1 ))
  t1=$(now)
  if [ "$kind" = build ]; then
    cp "$src/tests/deps.sh" "$root.new/deps.sh" || return 1
    in_root "$root.new" "" "" sh /deps.sh || return 1
    rm -f "$root.new/deps.sh"
  fi
  install_s=$(( $(now) - t1 ))
  echo "$stamp" >"$root.new/.sip_explain_stamp" || return 1
  rm -rf "$root"
  mv "$root.new" "$root" || return 1
  echo "== $suite: root made in ${root_s}s, packages installed in ${install_s}s, $(du -sh "$root" | cut -f1)"
}

summary=""
status=0
for suite in $suites; do
  work=$outdir/$suite
  rm -rf "$work"
  mkdir -p "$work/src"
  # The tree as it is (uncommitted changes included), without build folders.
  tar -C "$src" --exclude=./.git --exclude='./build' --exclude='./build-*' -cf - . |
    tar -C "$work/src" -xf -
  robust=no
  case " $robust_suites " in *" $suite "*) robust=yes ;; esac
  root_s=0 install_s=0 made=""
  t0=$(now)
  if [ "$suite" = bookworm ] && [ "$host_codename" = bookworm ] &&
     [ "${SIP_EXPLAIN_MATRIX_HOST:-1}" != 0 ]; then
    where=host
    sh "$src/tests/matrix.sh" --inside "$work" "$robust" >"$work/log" 2>&1 || true
  else
    where="root $roots/$suite"
    if ! ensure_root "$suite" build; then
      summary="$summary
$suite: FAIL (could not make the root)"
      status=1
      continue
    fi
    [ "$root_s" != 0 ] && made="; root made in ${root_s}s, packages in ${install_s}s"
    in_root "$roots/$suite" "$work" "" sh /work/src/tests/matrix.sh --inside /work "$robust" \
      >"$work/log" 2>&1 || true
  fi
  build=FAIL build_s="?" wireshark="?" abi="?" plugin="?" ctest_rc="?" ctest_s="?" lock_wait_s="?" failed="?" total="?"
  failing="" skipped="?" deb=FAIL deb_bytes=0 deb_depends="" robustness=no robustness_s=0
  # shellcheck disable=SC1091
  [ -f "$work/result" ] && . "$work/result"
  line="$suite (Wireshark $wireshark, $where): build $build ${build_s}s, plugin $plugin"
  ok=1
  { [ "$build" = ok ] && [ "$plugin" = loaded ]; } || ok=0

  if [ "$ok" = 1 ]; then
    if [ "$total" != "?" ]; then
      line="$line, ctest $(( total - failed ))/$total passed in ${ctest_s}s (after ${lock_wait_s}s waiting for the lock)"
      [ "$skipped" != 0 ] && line="$line, $skipped skipped"
      [ -n "$failing" ] && line="$line; failed: $failing"
    else
      line="$line, ctest: no summary"
    fi
    # failed stays "?" when ctest printed no summary (--no-tests=error: none ran)
    { [ "$ctest_rc" = 0 ] && [ "$failed" = 0 ] && [ "$skipped" = 0 ]; } || ok=0
    [ "$robust" = yes ] && {
      line="$line; sanitize+fuzz $robustness in ${robustness_s}s"
      [ "$robustness" = ok ] || ok=0
    }
    # The package, installed into an overlay of a root with only tshark.
    if [ "$deb" = FAIL ]; then
      line="$line; deb FAIL (see $work/cpack.log)"
      ok=0
    elif ! ensure_root "$suite" tshark; then
      line="$line; $deb: could not make the clean root"
      ok=0
    else
      t1=$(now)
      rm -rf "$work/overlay"
      install=FAIL loaded_for_root=no loaded_for_nobody=no
      in_root "$roots/$suite-tshark" "$work" "$work/overlay" \
        sh /work/src/tests/package/check_clean_install.sh "/work/deb/$deb" /work/src/tests/captures/demo.pcap \
          /work/src/tests/golden/expected/demo.fields.txt \
        >"$work/install.log" 2>&1 || true
      rm -rf "$work/overlay"
      eval "$(grep -E '^(install|loaded_for_root|loaded_for_nobody)=[a-zA-Z]*$' "$work/install.log")"
      line="$line; $deb ($deb_bytes bytes, Depends: $deb_depends): clean install $install in $(( $(now) - t1 ))s"
      line="$line (loaded for root: $loaded_for_root, nobody: $loaded_for_nobody)"
      [ "$install" = ok ] || ok=0
    fi
  fi
  line="$line$made; total $(( $(now) - t0 ))s; logs in $work"
  [ "$ok" = 1 ] || { line="FAIL $line"; status=1; }
  echo "$line"
  summary="$summary
$line"
done
echo
echo "== Results (wall time $(( $(now) - start_s ))s)$summary"
exit $status
