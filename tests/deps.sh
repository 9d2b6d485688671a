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
apt-get install -y -qq --no-install-recommends \
  tshark wireshark-dev libwireshark-dev libwsutil-dev libwiretap-dev \
  cmake gcc make pkg-config libglib2.0-dev libcmocka-dev python3 \
  sip-tester util-linux ca-certificates >/dev/null
echo "tests/deps.sh: packages installed"
