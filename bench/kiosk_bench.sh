#!/usr/bin/env bash
# Benchmarks of the screen, printing figures (not pass/fail):
#  1. kiosk start to first frame, CPU per frame and peak RSS at 1920x1080, for the RAICT board and 38c3 (72 rooms);
#  2. CPU used over 60 s by an idle lobby board (target < 2 % of one core);
#  3. the same RAICT board as an HTML page in headless Chromium vs kiosk --screenshot: start to screenshot, peak memory (PSS).
# Usage: bench/kiosk_bench.sh [IDLE_SECONDS]   (after tools/build.sh; installs chromium when missing)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${KIOSK_BUILD_DIR:-$root/build}"
idle_seconds="${1:-60}"
KIOSK_SETUP_EXTRAS=1 bash "$root/tools/setup.sh" >/dev/null
tmp="$(mktemp -d)"
xvfb_pid=""
cleanup() {
  [[ -n "$xvfb_pid" ]] && kill "$xvfb_pid" 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT

"$build/kioskctl" import "$root/schedules/raict-2026.csv" --db "$tmp/raict.db" | head -n 1
corpus38="$root/../shared/corpus/frab/38c3.xml"
if [[ -f "$corpus38" ]]; then "$build/kioskctl" import "$corpus38" --db "$tmp/38c3.db" | head -n 1; fi

# One X server for every run, so its own memory and start-up are not counted.
display=":$((90 + RANDOM % 100))"
Xvfb "$display" -screen 0 1920x1080x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
sleep 1
export DISPLAY="$display"
echo "renderer: $(glxinfo -B 2>/dev/null | grep -m1 'OpenGL renderer' | sed 's/.*: //') (software: every GL figure includes rasterisation on the CPU)"

echo "== 1. frames at 1920x1080"
"$build/kiosk" --db "$tmp/raict.db" --now 2026-07-08T10:20 --show board --bench-frames 300 2>/dev/null
if [[ -f "$tmp/38c3.db" ]]; then
  "$build/kiosk" --db "$tmp/38c3.db" --now 2024-12-28T14:00:00+01:00 --show board --bench-frames 300 2>/dev/null
fi

echo "== 2. idle lobby board for ${idle_seconds} s (rotation on: a page change every 10-20 s, the clock each minute)"
"$build/kiosk" --db "$tmp/raict.db" --now 2026-07-08T10:20 2>/dev/null &
kiosk_pid=$!
sleep 5  # past start-up
ticks() { awk '{print $14 + $15}' "/proc/$kiosk_pid/stat"; }
hz=$(getconf CLK_TCK)
before=$(ticks)
sleep "$idle_seconds"
after=$(ticks)
kill "$kiosk_pid"
wait "$kiosk_pid" 2>/dev/null || true
awk -v b="$before" -v a="$after" -v hz="$hz" -v s="$idle_seconds" \
  'BEGIN { cpu = (a - b) / hz; printf "idle board: %.2f s CPU over %d s = %.2f %% of one core (target < 2 %%)\n", cpu, s, 100 * cpu / s }'

echo "== 3. the same board in headless Chromium (the browser peer) vs the kiosk, start to screenshot"
"$build/kioskctl" show --db "$tmp/raict.db" --at 2026-07-08T10:20 --html >"$tmp/board.html"
for run in 1 2 3; do
  python3 "$root/bench/measure.py" kiosk -- "$build/kiosk" --db "$tmp/raict.db" --now 2026-07-08T10:20 \
    --show board --screenshot "$tmp/kiosk.png" | tail -n 1
  python3 "$root/bench/measure.py" chromium -- chromium --headless --no-sandbox --disable-gpu --disable-quic \
    --no-first-run --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$tmp/chromium-profile-$run" --window-size=1920,1080 --hide-scrollbars \
    --screenshot="$tmp/chromium.png" "file://$tmp/board.html" | tail -n 1
done | tee "$tmp/peer.txt"
python3 - "$tmp/peer.txt" <<'PY'
import statistics, sys
runs = {}
for line in open(sys.argv[1]):
    parts = line.split()
    if parts[:1] != ["RESULT"]:
        continue
    values = dict(p.split("=") for p in parts[2:])
    runs.setdefault(parts[1], []).append(values)
def median(label, key):
    return statistics.median(float(r[key]) for r in runs[label])
for label in ("kiosk", "chromium"):
    print(f"{label}: median start to screenshot {median(label, 'wall_ms'):.0f} ms, peak memory (PSS) {median(label, 'pss_mib'):.1f} MiB, "
          f"CPU {median(label, 'cpu_ms'):.0f} ms")
print(f"ratio chromium/kiosk: time {median('chromium', 'wall_ms') / median('kiosk', 'wall_ms'):.1f}x, "
      f"memory {median('chromium', 'pss_mib') / median('kiosk', 'pss_mib'):.1f}x, "
      f"CPU {median('chromium', 'cpu_ms') / median('kiosk', 'cpu_ms'):.1f}x")
PY
