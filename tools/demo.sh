#!/usr/bin/env bash
# The main job: installs what is missing, builds, imports the bundled RAICT 2026 programme and opens the kiosk.
# Without a display it renders the board under Xvfb to a PNG and prints its path.
# Extra arguments go to the kiosk, e.g. tools/demo.sh --now 2026-07-08T10:20 --fullscreen
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${KIOSK_BUILD_DIR:-$root/build}"
bash "$root/tools/setup.sh"
bash "$root/tools/build.sh"
db="${KIOSK_DB:-$root/out/raict-2026.db}"
mkdir -p "$(dirname "$db")"
"$build/kioskctl" import "$root/schedules/raict-2026.csv" --db "$db"
if [[ -n "${DISPLAY:-}" || -n "${WAYLAND_DISPLAY:-}" ]]; then
  exec "$build/kiosk" --db "$db" "$@"
fi
png="$root/out/raict-board.png"
args=("$@")
if [[ ${#args[@]} -eq 0 ]]; then args=(--now 2026-07-08T10:20 --window 1920x1080); fi
xvfb-run -a -s "-screen 0 3840x2160x24" "$build/kiosk" --db "$db" "${args[@]}" --screenshot "$png"
