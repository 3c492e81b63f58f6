#!/usr/bin/env bash
# Benchmark of signed sync on loopback, printing figures (not pass/fail):
#  - latency from `kioskctl publish` returning to each headless kiosk's "shown revision N" line, over PUBLISHES
#    publishes to KIOSKS kiosks polling every 2 s (the default), p50 / p95 / max (target p95 < 3 s);
#  - bytes per poll when nothing changed (libcurl's count of headers and body, from the kiosks' sync counters);
#  - each kiosk's RSS and CPU while idle-polling.
# Usage: bench/sync_bench.sh [KIOSKS [PUBLISHES [PROGRAMME]]]   (defaults 10, 10, schedules/raict-2026.csv)
# Binaries: $KIOSK and $KIOSKCTL, else $KIOSK_BUILD_DIR/{kiosk,kioskctl} (default build/).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${KIOSK_BUILD_DIR:-$root/build}"
kiosk="${KIOSK:-$build/kiosk}"
kioskctl="${KIOSKCTL:-$build/kioskctl}"
kiosks="${1:-10}"
publishes="${2:-10}"
programme="${3:-$root/schedules/raict-2026.csv}"
idle_seconds=20
tmp="$(mktemp -d)"
serve_pid=""
kiosk_pids=()
cleanup() {
  for pid in "${kiosk_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  [[ -n "$serve_pid" ]] && kill "$serve_pid" 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
all_show() {  # all kiosks logged "shown revision $1"
  for (( k = 0; k < kiosks; k++ )); do grep -q "^shown revision $1 at" "$tmp/k$k.out" || return 1; done
}

mkdir -p "$tmp/pub"
"$kioskctl" keygen --out "$tmp/keys" >/dev/null
"$kioskctl" import "$programme" --db "$tmp/hub.db" | head -n 1
"$kioskctl" publish --key "$tmp/keys/publisher.key" --out "$tmp/pub" --db "$tmp/hub.db"
"$kioskctl" serve --dir "$tmp/pub" --port 0 >"$tmp/serve.out" 2>"$tmp/serve.err" &
serve_pid=$!
for _ in $(seq 100); do grep -qs 'manifest: http' "$tmp/serve.out" && break; sleep 0.05; done
url=$(grep -o 'manifest: http[^)]*' "$tmp/serve.out" | sed 's/^manifest: //')
echo "server: kioskctl serve at $url; $kiosks headless kiosks polling every 2 s (default), each with its own store"

for (( k = 0; k < kiosks; k++ )); do
  "$kiosk" --headless --db "$tmp/k$k.db" --sync "$url" --pubkey "$tmp/keys/publisher.pub" \
    >"$tmp/k$k.out" 2>"$tmp/k$k.err" &
  kiosk_pids+=($!)
done
start=$(now_ms)
until all_show 1; do
  (( $(now_ms) - start > 20000 )) && { echo "revision 1 not shown by every kiosk within 20 s" >&2; exit 1; }
  sleep 0.05
done
echo "revision 1 on all $kiosks kiosks $(( $(now_ms) - start )) ms after they started (stores missing at start)"

# Publishes at moments unrelated to the polls: 1.5-4.5 s apart (fixed seed), each a live change then publish.
RANDOM=2026
session=$("$kioskctl" sessions --db "$tmp/hub.db" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["guid"])' 2>/dev/null || true)
: >"$tmp/published.txt"
for (( i = 1; i <= publishes; i++ )); do
  sleep "$(( 1 + RANDOM % 3 )).$(( RANDOM % 10 ))"
  if (( i % 2 )); then change="full"; else change="open"; fi
  revision=$("$kioskctl" "$change" "$session" --db "$tmp/hub.db" | sed -n 's/^revision \([0-9]*\).*/\1/p')
  "$kioskctl" publish --key "$tmp/keys/publisher.key" --out "$tmp/pub" --db "$tmp/hub.db" >/dev/null
  echo "$revision $(date -u +%Y-%m-%dT%H:%M:%S.%3NZ)" >>"$tmp/published.txt"
  start=$(now_ms)
  until all_show "$revision"; do
    (( $(now_ms) - start > 15000 )) && { echo "revision $revision not on every kiosk within 15 s" >&2; break; }
    sleep 0.05
  done
done

# Idle: nothing published; every poll is a conditional GET answered 304.
sleep 1
declare -A cpu_before
for pid in "${kiosk_pids[@]}"; do cpu_before[$pid]=$(awk '{print $14 + $15}' "/proc/$pid/stat"); done
sleep "$idle_seconds"
hz=$(getconf CLK_TCK)
: >"$tmp/memory.txt"
for pid in "${kiosk_pids[@]}"; do
  rss=$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status")
  hwm=$(awk '/^VmHWM:/ {print $2}' "/proc/$pid/status")
  cpu=$(awk -v b="${cpu_before[$pid]}" -v hz="$hz" '{print ($14 + $15 - b) / hz}' "/proc/$pid/stat")
  echo "$rss $hwm $cpu" >>"$tmp/memory.txt"
done
for pid in "${kiosk_pids[@]}"; do kill -TERM "$pid"; done
for pid in "${kiosk_pids[@]}"; do wait "$pid" || true; done
kiosk_pids=()
cat "$tmp"/k*.err | grep -h 'sync stopped:' >"$tmp/counters.txt" || true

python3 - "$tmp" "$kiosks" "$idle_seconds" <<'PY'
import datetime, glob, os, re, statistics, sys
tmp, kiosks, idle = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
def t(text):
    return datetime.datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=datetime.timezone.utc).timestamp()
published = {}
for line in open(os.path.join(tmp, "published.txt")):
    revision, when = line.split()
    published[int(revision)] = t(when)
latencies, missing = [], 0
for k in range(kiosks):
    shown = {}
    for line in open(os.path.join(tmp, f"k{k}.out")):
        m = re.match(r"shown revision (\d+) at (\S+)", line)
        if m:
            shown[int(m.group(1))] = t(m.group(2))
    for revision, when in published.items():
        if revision in shown:
            latencies.append(shown[revision] - when)
        else:
            missing += 1
latencies.sort()
def pct(p):
    return latencies[min(len(latencies) - 1, max(0, round(p / 100 * len(latencies) + 0.5) - 1))]
print(f"publish -> shown: {len(latencies)} samples ({len(published)} publishes x {kiosks} kiosks, {missing} never shown): "
      f"p50 {pct(50) * 1000:.0f} ms, p95 {pct(95) * 1000:.0f} ms, max {latencies[-1] * 1000:.0f} ms, "
      f"min {latencies[0] * 1000:.0f} ms (target p95 < 3000 ms)")
polls = unchanged = unchanged_bytes = failed = total_bytes = 0
for line in open(os.path.join(tmp, "counters.txt")):
    m = re.search(r"(\d+) polls \((\d+) updated, (\d+) unchanged, (\d+) failed\), (\d+) bytes, (\d+) bytes in unchanged", line)
    if m:
        p, u, un, f, b, ub = map(int, m.groups())
        polls += p; unchanged += un; failed += f; total_bytes += b; unchanged_bytes += ub
if unchanged:
    print(f"bytes per poll when nothing changed: {unchanged_bytes / unchanged:.0f} (headers + body as libcurl counts them, "
          f"{unchanged} such polls; {polls} polls in all, {failed} failed, {total_bytes / 1e6:.2f} MB received in all)")
rows = [list(map(float, line.split())) for line in open(os.path.join(tmp, "memory.txt"))]
rss = [r[0] / 1024 for r in rows]; hwm = [r[1] / 1024 for r in rows]; cpu = [r[2] for r in rows]
print(f"kiosk RSS (headless, after the run): median {statistics.median(rss):.1f} MiB, max {max(rss):.1f} MiB; "
      f"peak (VmHWM) max {max(hwm):.1f} MiB")
print(f"kiosk CPU while idle-polling for {idle} s: median {statistics.median(cpu):.2f} s = "
      f"{100 * statistics.median(cpu) / idle:.2f} % of one core per kiosk")
PY
