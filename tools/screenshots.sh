#!/usr/bin/env bash
# Renders the README's pictures into docs/: the RAICT lobby board, day timeline and the Salon Monge door sign at
# 2026-07-08T10:20, 1920x1080.
# Usage: tools/screenshots.sh (after tools/build.sh). The footer shows when this script imported the programme.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${KIOSK_BUILD_DIR:-$root/build}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
"$build/kioskctl" import "$root/schedules/raict-2026.csv" --db "$tmp/raict.db" >/dev/null
mkdir -p "$root/docs"
for screen in board timeline; do
  xvfb-run -a -s "-screen 0 1920x1080x24" "$build/kiosk" --db "$tmp/raict.db" --now 2026-07-08T10:20 \
    --window 1920x1080 --show "$screen" --screenshot "$root/docs/$screen-2026-07-08T1020.png" 2>/dev/null
done
xvfb-run -a -s "-screen 0 1920x1080x24" "$build/kiosk" --db "$tmp/raict.db" --now 2026-07-08T10:20 \
  --window 1920x1080 --room "Salon Monge" --screenshot "$root/docs/door-salon-monge-2026-07-08T1020.png" 2>/dev/null
