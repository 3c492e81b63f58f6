#!/usr/bin/env bash
# Installs the Debian 12 packages the kiosk needs to build, test and run; idempotent (installs only what is missing).
set -euo pipefail

packages=(
  build-essential cmake pkg-config clang-format
  libimgui-dev libglfw3-dev libgl-dev libfreetype-dev libstb-dev
  libsqlite3-dev libsqlitecpp-dev libsodium-dev libutf8proc-dev libical-dev
  doctest-dev libhowardhinnant-date-dev tzdata
  libpugixml-dev nlohmann-json3-dev libcli11-dev liborcus-dev libzip-dev
  libcpp-httplib-dev libcurl4-openssl-dev libmicrohttpd-dev
  xvfb xauth libgl1-mesa-dri mesa-utils python3 strace xdotool
  fonts-inter fonts-dejavu-core fonts-noto-core fonts-noto-cjk libfontconfig-dev
  libqrencode-dev libtomlplusplus-dev libsystemd-dev
)
# Optional extras: the fuzzers (clang + libFuzzer) and the browser peer of the benchmark.
if [[ "${KIOSK_SETUP_EXTRAS:-0}" == 1 ]]; then
  packages+=(clang libclang-rt-14-dev chromium)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if ((${#missing[@]} == 0)); then
  echo "setup: all ${#packages[@]} packages present"
  exit 0
fi
echo "setup: installing ${missing[*]}"
SUDO=""
if [[ $(id -u) != 0 ]]; then SUDO=sudo; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "setup: done"
