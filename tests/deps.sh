#!/bin/sh
# Installs what building and testing sip_explain needs on Debian 12
# (Wireshark 4.0). Run as root. Used by quickstart.sh and .ci/run.
set -eu
if [ "$(id -u)" -ne 0 ]; then
  echo "tests/deps.sh: run as root (it calls apt-get)" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# Wireshark: tshark and its development files (wireshark-dev has the CMake
# package config; wsutil headers are their own package).
# Build: Wireshark's development files, GLib, CMake. Tests: cmocka, python3,
# sipp (a real SIP peer), the Qt GUI under Xvfb for the screenshot test,
# valgrind, and clang with its sanitizer and libFuzzer runtimes.
apt-get install -y -qq --no-install-recommends \
  tshark wireshark-common wireshark-dev libwireshark-dev libwsutil-dev libwiretap-dev \
  cmake gcc g++ make pkg-config libglib2.0-dev libcmocka-dev python3 \
  sip-tester util-linux ca-certificates \
  wireshark-qt xvfb xauth xdotool imagemagick tesseract-ocr fonts-dejavu-core \
  valgrind clang libclang-rt-14-dev >/dev/null
echo "tests/deps.sh: packages installed"
