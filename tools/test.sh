#!/usr/bin/env bash
# The test command: installs what is missing, builds, and runs every test with CTest (screenshots under Xvfb).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$root/tools/setup.sh"
bash "$root/tools/build.sh"
cd "${KIOSK_BUILD_DIR:-$root/build}"
ctest --output-on-failure -j"$(nproc)"
