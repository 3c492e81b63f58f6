#!/usr/bin/env bash
# Configures and builds the kiosk in build/ (Release with debug info); used by demo.sh, test.sh and the benchmarks.
# Usage: tools/build.sh [--target NAME]... [CMAKE_OPTION]...   (no --target: every target, the tests included)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${KIOSK_BUILD_DIR:-$root/build}"
targets=()
options=()
while (($#)); do
  if [[ "$1" == --target && $# -ge 2 ]]; then
    targets+=(--target "$2")
    shift 2
  else
    options+=("$1")
    shift
  fi
done
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo ${options[@]+"${options[@]}"} >/dev/null
cmake --build "$build" -j"$(nproc)" ${targets[@]+"${targets[@]}"}
