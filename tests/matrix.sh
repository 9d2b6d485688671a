#!/bin/sh
# Builds sip_explain with warnings as errors and runs every test (ctest) on
# each Debian release users run: bookworm (Wireshark 4.0), trixie (4.4),
# sid (4.6). Run as root.
# Usage: sh tests/matrix.sh [bookworm|trixie|sid|all]...   (default: all)
#
# Each release runs in a Debian root made with mmdebstrap and kept in
# $SIP_EXPLAIN_ROOTS/<suite> (default /var/cache/sip_explain/roots). A root
# is made again when the package list of tests/deps.sh or the mmdebstrap
# options change, or when SIP_EXPLAIN_REFRESH=1. It is entered with
# unshare --mount + chroot: /proc, /dev, /tmp and the work folder are
# mounted in that private mount namespace only, so nothing stays mounted.
# bookworm runs on the host when the host is Debian 12 (its packages must be
# installed: sh tests/deps.sh), in a root otherwise, or always in a root with
# SIP_EXPLAIN_MATRIX_HOST=0.
# The source tree is copied to $SIP_EXPLAIN_MATRIX_OUT/<suite>/src (default
# /var/tmp/sip_explain_matrix) and built in .../build; the log of each
# release is .../log. The host's apt sources are never touched.
set -eu

# ---- Inside the root (or on the host): build, check the plugin loads, ctest ----
if [ "${1:-}" = --inside ]; then
  work=$2
  src=$work/src
  build=$work/build
  result=$work/result
  now() { date +%s; }
  jobs=$(nproc)
  : >"$result"
  # Wireshark's version from tshark: "TShark (Wireshark) 4.4.9 (...)".
  wsver=$(tshark --version | sed -n '1s/^TShark (Wireshark) \([0-9][0-9.]*[0-9]\).*/\1/p')
  abi=$(echo "$wsver" | cut -d. -f1,2)
  echo "wireshark=$wsver" >>"$result"

  t0=$(now)
  if ! cmake -S "$src" -B "$build" -DSIP_EXPLAIN_WERROR=ON >"$work/configure.log" 2>&1 ||
     ! cmake --build "$build" -j"$jobs" >"$work/build.log" 2>&1; then
    cat "$work/configure.log" "$work/build.log" | grep -E 'error|Error|warning' | head -n 40
    echo "build=FAIL build_s=$(( $(now) - t0 ))" >>"$result"
    exit 1
  fi
  echo "build=ok build_s=$(( $(now) - t0 ))" >>"$result"

  # Wireshark reads WIRESHARK_PLUGIN_DIR only when not run as root.
  pdir=$(mktemp -d)
  mkdir -p "$pdir/plugins/$abi/epan" "$pdir/home"
  cp "$build/plugin/sip_explain.so" "$pdir/plugins/$abi/epan/"
  chmod -R a+rX "$pdir"
  chmod 777 "$pdir/home"
  if env HOME="$pdir/home" WIRESHARK_PLUGIN_DIR="$pdir/plugins" \
       setpriv --reuid=65534 --regid=65534 --clear-groups tshark -G plugins 2>&1 |
     grep -q 'sip_explain\.so'; then
    echo "plugin=loaded" >>"$result"
  else
    echo "plugin=NOT-LOADED" >>"$result"
  fi
  rm -rf "$pdir"

  t0=$(now)
  (cd "$build" && ctest --output-on-failure -j"$jobs") >"$work/ctest.log" 2>&1 || true
  echo "ctest_s=$(( $(now) - t0 ))" >>"$result"
  # "95% tests passed, 2 tests failed out of 47"
  sed -n 's/^[0-9]*% tests passed, \([0-9]*\) tests* failed out of \([0-9]*\)$/failed=\1 total=\2/p' \
    "$work/ctest.log" >>"$result"
  failing=$(sed -n 's/^[[:space:]]*[0-9]* - \([^ ]*\) (.*$/\1/p' "$work/ctest.log" | tr '\n' ' ')
  echo "failing='$failing'" >>"$result"
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

suites=${*:-all}
[ "$suites" = all ] && suites="bookworm trixie sid"
for s in $suites; do
  case $s in
    bookworm|trixie|sid) ;;
    *) echo "tests/matrix.sh: unknown release '$s' (bookworm, trixie, sid, all)" >&2; exit 2 ;;
  esac
done

host_codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")

# Runs "$@" chrooted in $1 with /proc, /dev, a fresh /tmp and $2 (the work
# folder, may be empty) at /work, all in a private mount namespace.
in_root() {
  _root=$1 _work=$2
  shift 2
  unshare --mount --propagation private sh -eu -c '
    root=$1 work=$2
    shift 2
    mount -t proc proc "$root/proc"
    mount --rbind /dev "$root/dev"
    mount -t tmpfs -o mode=1777 tmpfs "$root/tmp"
    if [ -n "$work" ]; then
      mkdir -p "$root/work"
      mount --bind "$work" "$root/work"
    fi
    exec chroot "$root" "$@"' in_root "$_root" "$_work" "$@"
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

# Makes (or reuses) the root of release $1; sets root_s and install_s.
# Called in a condition, where set -e does not apply: each step checks.
ensure_root() {
  suite=$1
  root=$roots/$suite
  stamp=$(printf '%s\n' "$suite" "$mirror" "$(mmdebstrap_opts "$suite")" "$(sh "$src/tests/deps.sh" --list)" |
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
  mmdebstrap --quiet "$@" "$suite" "$root.new" "$mirror" || return 1
  root_s=$(( $(now) - t1 ))
  t1=$(now)
  cp "$src/tests/deps.sh" "$root.new/deps.sh" || return 1
  in_root "$root.new" "" sh /deps.sh || return 1
  rm -f "$root.new/deps.sh"
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
  root_s=0 install_s=0
  t0=$(now)
  if [ "$suite" = bookworm ] && [ "$host_codename" = bookworm ] &&
     [ "${SIP_EXPLAIN_MATRIX_HOST:-1}" != 0 ]; then
    where=host
    sh "$src/tests/matrix.sh" --inside "$work" >"$work/log" 2>&1 || true
  else
    where="root $roots/$suite"
    if ! ensure_root "$suite"; then
      summary="$summary
$suite: FAIL (could not make the root)"
      status=1
      continue
    fi
    in_root "$roots/$suite" "$work" sh /work/src/tests/matrix.sh --inside /work >"$work/log" 2>&1 || true
  fi
  total_s=$(( $(now) - t0 ))
  # shellcheck disable=SC1090
  build=FAIL build_s="?" wireshark="?" plugin="?" ctest_s="?" failed="?" total="?" failing=
  [ -f "$work/result" ] && . "$work/result"
  line="$suite (Wireshark $wireshark, $where): build $build ${build_s}s"
  if [ "$build" = ok ] && [ "$total" != "?" ]; then
    line="$line, plugin $plugin, ctest $(( total - failed ))/$total passed in ${ctest_s}s"
    [ -n "$failing" ] && line="$line; failed: $failing"
  fi
  [ "$root_s" != 0 ] && line="$line; root made in ${root_s}s, packages in ${install_s}s"
  line="$line; total ${total_s}s; log $work/log, $work/ctest.log"
  echo "$line"
  summary="$summary
$line"
  if [ "$build" != ok ] || [ "$plugin" != loaded ] || [ "$failed" != 0 ]; then
    # failed stays "?" when ctest printed no summary
    status=1
  fi
done
echo
echo "== Results$summary"
exit $status
