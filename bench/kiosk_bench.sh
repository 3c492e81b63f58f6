#!/usr/bin/env bash
# Benchmarks of the screen, printing figures (not pass/fail):
#  1. kiosk start to first frame, CPU per frame and peak RSS at 1920x1080, for the RAICT board and 38c3 (72 rooms);
#  2. CPU used over 60 s by an idle lobby board (target < 2 % of one core);
#  3. the same RAICT board as an HTML page in headless Chromium vs kiosk --screenshot: start to screenshot, peak memory (PSS);
#  4. idle side by side: `kiosk --show board` and Chromium in kiosk mode showing the same board as HTML with a 1 s clock
#     timer, each alone on the 1920x1080 Xvfb for IDLE_SECONDS: CPU (% of one core, every process of each) and the ratio
#     (issue 12's target: the kiosk at most a tenth of Chromium).
# Usage: bench/kiosk_bench.sh [IDLE_SECONDS] [SECTIONS]   (after tools/build.sh; installs chromium when missing)
#   SECTIONS: which to run, e.g. "4" or "2 4" (default "1 2 3 4").
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${KIOSK_BUILD_DIR:-$root/build}"
idle_seconds="${1:-60}"
sections=" ${2:-1 2 3 4} "
run() { [[ "$sections" == *" $1 "* ]]; }
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

if run 1; then
echo "== 1. frames at 1920x1080"
"$build/kiosk" --db "$tmp/raict.db" --now 2026-07-08T10:20 --show board --bench-frames 300 2>/dev/null
if [[ -f "$tmp/38c3.db" ]]; then
  "$build/kiosk" --db "$tmp/38c3.db" --now 2024-12-28T14:00:00+01:00 --show board --bench-frames 300 2>/dev/null
fi

fi

if run 2; then
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

fi

if run 3; then
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
fi

# CPU ticks (user + system, and of its waited-for children) of process ROOT and all its descendants: a browser is a
# tree of processes (browser, zygotes, renderer, GPU and utility processes).
tree_cpu() {
  local pids=("$1") total=0 pid t i=0
  while ((i < ${#pids[@]})); do
    for pid in $(ps -o pid= --ppid "${pids[$i]}" 2>/dev/null); do pids+=("$pid"); done
    i=$((i + 1))
  done
  for pid in "${pids[@]}"; do
    t=$(awk '{print $14 + $15 + $16 + $17}' "/proc/$pid/stat" 2>/dev/null || echo 0)
    total=$((total + t))
  done
  echo "$total"
}
# idle_cpu LABEL ROOT: percent of one core used by ROOT's process tree over idle_seconds (after 10 s to settle).
idle_cpu() {
  local hz before after
  hz=$(getconf CLK_TCK)
  sleep 10
  before=$(tree_cpu "$2")
  sleep "$idle_seconds"
  after=$(tree_cpu "$2")
  awk -v b="$before" -v a="$after" -v hz="$hz" -v s="$idle_seconds" -v l="$1" \
    'BEGIN { cpu = (a - b) / hz; printf "%s: %.2f s CPU over %d s = %.3f %% of one core\n", l, cpu, s, 100 * cpu / s }' |
    tee -a "$tmp/idle.txt"
}

if run 4; then
echo "== 4. idle side by side at 1920x1080 for ${idle_seconds} s: kiosk --show board vs Chromium --kiosk (same board, 1 s clock)"
: >"$tmp/idle.txt"
"$build/kiosk" --db "$tmp/raict.db" --now 2026-07-08T10:20 --show board --window 1920x1080 2>/dev/null &
kiosk_pid=$!
idle_cpu "kiosk --show board" "$kiosk_pid"
kill "$kiosk_pid"
wait "$kiosk_pid" 2>/dev/null || true
# Chromium: the board's HTML with a clock that a timer rewrites every second, as a web signage page would.
"$build/kioskctl" show --db "$tmp/raict.db" --at 2026-07-08T10:20 --html |
  sed 's|</body>|<script>const c=document.querySelector(".clock");setInterval(()=>{const d=new Date();c.textContent=String(d.getHours()).padStart(2,"0")+":"+String(d.getMinutes()).padStart(2,"0");},1000);</script></body>|' \
    >"$tmp/idle-board.html"
chromium --kiosk --no-sandbox --no-first-run --disable-quic --disable-background-networking --disable-component-update \
  --disable-sync --noerrdialogs --disable-infobars --window-position=0,0 --window-size=1920,1080 \
  --user-data-dir="$tmp/chromium-idle-profile" "file://$tmp/idle-board.html" >/dev/null 2>&1 &
chromium_pid=$!
idle_cpu "chromium --kiosk" "$chromium_pid"
kill "$chromium_pid" 2>/dev/null || true
wait "$chromium_pid" 2>/dev/null || true
awk '/^kiosk/ { k = $(NF - 4) } /^chromium/ { c = $(NF - 4) }
  END { if (k > 0) printf "idle ratio: the kiosk uses %.3f of Chromium'"'"'s CPU (1/%.1f; target 1/10)\n", k / c, c / k;
        else print "idle ratio: the kiosk used no measurable CPU" }' "$tmp/idle.txt"
fi
