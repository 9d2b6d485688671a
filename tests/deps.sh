#!/bin/sh
# Installs what building and testing sip_explain needs on Debian 12
# bookworm (Wireshark 4.0), 13 trixie (4.4) and sid (4.6). Run as root.
# Used by quickstart.sh, .ci/run and, inside each release's root,
# tests/matrix.sh.
# Usage: sh tests/deps.sh          install
#        sh tests/deps.sh --list   print the package names, install nothing
set -eu
# Wireshark: tshark and its development files (wireshark-dev has the CMake
# package config; wsutil headers are their own package).
# Build: Wireshark's development files, GLib, CMake. Tests: cmocka, python3,
# sipp (a real SIP peer), the Qt GUI under Xvfb for the screenshot test,
# valgrind, and clang with its sanitizer and libFuzzer runtimes.
# The same names hold in every release: "wireshark" is the Qt GUI from 13
# on and a meta package for wireshark-qt in 12; libclang-rt-dev is the
# runtime of the default clang (14 in 12, 19 in 13).
packages="tshark wireshark-common wireshark-dev libwireshark-dev libwsutil-dev libwiretap-dev
  cmake gcc g++ make pkg-config libglib2.0-dev libcmocka-dev python3
  sip-tester util-linux ca-certificates
  wireshark xvfb xauth xdotool imagemagick tesseract-ocr fonts-dejavu-core
  valgrind clang libclang-rt-dev"
if [ "${1:-}" = --list ]; then
  echo $packages  # one line
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "tests/deps.sh: run as root (it calls apt-get)" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $packages >/dev/null
echo "tests/deps.sh: packages installed"
