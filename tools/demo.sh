#!/usr/bin/env bash
# The main job: installs what is missing, builds the kiosk and kioskctl (not the tests), imports the bundled RAICT
# 2026 programme into a new store and opens the kiosk on it. An existing store is kept as it is (the organizer's
# edits, live changes and notices stay): give --reimport to import the bundled programme over it again.
# Without a display it renders the board under Xvfb to a PNG and prints its path.
# Usage: tools/demo.sh [--reimport] [KIOSK_ARGUMENT]...   e.g. tools/demo.sh --now 2026-07-08T10:20 --fullscreen
# The store is $KIOSK_DB, else out/raict-2026.db; the build folder $KIOSK_BUILD_DIR, else build/.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${KIOSK_BUILD_DIR:-$root/build}"
reimport=0
args=()
for arg in "$@"; do
  if [[ "$arg" == --reimport ]]; then reimport=1; else args+=("$arg"); fi
done
bash "$root/tools/setup.sh"
bash "$root/tools/build.sh" --target kiosk --target kioskctl
db="${KIOSK_DB:-$root/out/raict-2026.db}"
mkdir -p "$(dirname "$db")"
if [[ -e "$db" && "$reimport" == 0 ]]; then
  echo "demo: opening the existing store $db as it is (tools/demo.sh --reimport imports the bundled programme again)"
else
  "$build/kioskctl" import "$root/schedules/raict-2026.csv" --db "$db"
  echo "demo: opening the store $db"
fi
if [[ -n "${DISPLAY:-}" || -n "${WAYLAND_DISPLAY:-}" ]]; then
  exec "$build/kiosk" --db "$db" ${args[@]+"${args[@]}"}
fi
png="$root/out/raict-board.png"
mkdir -p "$(dirname "$png")"
if [[ ${#args[@]} -eq 0 ]]; then args=(--now 2026-07-08T10:20 --window 1920x1080); fi
xvfb-run -a -s "-screen 0 3840x2160x24" "$build/kiosk" --db "$db" "${args[@]}" --screenshot "$png"
