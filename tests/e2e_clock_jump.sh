#!/usr/bin/env bash
# End to end, the clock jumping (issue 3 section 4): a headless kiosk whose clock jumps 4 h forward, then back, shows
# the right now-on session within 1 s of each jump. The jump goes through the test hook --clock-offset-file (seconds
# added to the kiosk's clock, re-read every loop); the kiosk's loop is the same as the windowed one's (a look at the
# clock at least every 0.5 s, a new view when a boundary passed or the clock stepped back).
# Environment: KIOSKCTL, KIOSK, KIOSK_SOURCE_DIR.
set -euo pipefail

: "${KIOSKCTL:?path to kioskctl}" "${KIOSK:?path to kiosk}" "${KIOSK_SOURCE_DIR:?path to the checkout}"
tmp=$(mktemp -d)
kiosk_pid=""
cleanup() {
  [[ -n "$kiosk_pid" ]] && kill "$kiosk_pid" 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT

fail() {
  echo "e2e-clock-jump: $*" >&2
  echo "--- kiosk stdout" >&2; cat "$tmp/kiosk.out" >&2
  echo "--- kiosk stderr" >&2; cat "$tmp/kiosk.err" >&2
  exit 1
}
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
# Writes the offset atomically (the kiosk never reads half a number).
set_offset() { echo "$1" >"$tmp/offset.new" && mv "$tmp/offset.new" "$tmp/offset"; }
# Waits until the kiosk has logged PATTERN at least COUNT times; fails after LIMIT ms; prints the wait in ms.
wait_for() {
  local pattern=$1 count=$2 limit=$3 start
  start=$(now_ms)
  while (( $(grep -c -- "$pattern" "$tmp/kiosk.out" || true) < count )); do
    (( $(now_ms) - start > limit )) && return 1
    kill -0 "$kiosk_pid" 2>/dev/null || fail "the kiosk died"
    sleep 0.02
  done
  echo $(( $(now_ms) - start ))
}

"$KIOSKCTL" import "$KIOSK_SOURCE_DIR/schedules/raict-2026.csv" --db "$tmp/s.db" >/dev/null
set_offset 0
# 10:20 venue time: Salon Monge has J1-03 (10:00-11:30); 4 h later, 14:20, it has J1-16 (14:15-15:45).
"$KIOSK" --headless --db "$tmp/s.db" --now 2026-07-08T10:20 --clock-offset-file "$tmp/offset" \
  >"$tmp/kiosk.out" 2>"$tmp/kiosk.err" &
kiosk_pid=$!
wait_for 'now-on salon-monge: id:J1-03 ' 1 5000 >/dev/null || fail "J1-03 never shown at 10:20"

set_offset 14400
ms=$(wait_for 'now-on salon-monge: id:J1-16 ' 1 1000) || fail "4 h forward: J1-16 not shown within 1 s"
grep -q 'now-on salon-monge: id:J1-16 .*(clock 2026-07-08T12:2' "$tmp/kiosk.out" || fail "forward: wrong clock"
echo "e2e-clock-jump: 4 h forward, now-on Salon Monge J1-16 after $ms ms"

set_offset 0
ms=$(wait_for 'now-on salon-monge: id:J1-03 ' 2 1000) || fail "4 h back: J1-03 not shown again within 1 s"
echo "e2e-clock-jump: 4 h back, now-on Salon Monge J1-03 again after $ms ms"

# And 4 h back from there, 06:20, before the opening: nothing is on now in Salon Monge.
set_offset -14400
ms=$(wait_for 'now-on salon-monge: - ' 1 1000) || fail "4 h back to 06:20: Salon Monge not shown empty within 1 s"
echo "e2e-clock-jump: 4 h back to 06:20, nothing on now in Salon Monge after $ms ms"

kill -TERM "$kiosk_pid"
wait "$kiosk_pid" || fail "the kiosk did not exit 0 on SIGTERM"
kiosk_pid=""
