#!/usr/bin/env bash
# End to end, live: a running kiosk shows a re-imported programme within 2 s, and a missing store gives the message
# screen (a real PNG, exit 0) instead of a crash. Environment: KIOSKCTL, KIOSK, KIOSK_SOURCE_DIR.
set -euo pipefail

: "${KIOSKCTL:?path to kioskctl}" "${KIOSK:?path to kiosk}" "${KIOSK_SOURCE_DIR:?path to the checkout}"
tmp=$(mktemp -d)
kiosk_pid=""
xvfb_pid=""
cleanup() {
  [[ -n "$kiosk_pid" ]] && kill "$kiosk_pid" 2>/dev/null || true
  [[ -n "$xvfb_pid" ]] && kill "$xvfb_pid" 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT

if [[ -z "${DISPLAY:-}" ]]; then
  display=":$((200 + RANDOM % 300))"
  Xvfb "$display" -screen 0 1280x720x24 -nolisten tcp >/dev/null 2>&1 &
  xvfb_pid=$!
  export DISPLAY="$display"
  for _ in $(seq 50); do [[ -e "/tmp/.X11-unix/X${display#:}" ]] && break; sleep 0.1; done
fi

# 1. A missing store: the message screen, never a crash.
"$KIOSK" --db "$tmp/missing.db" --window 1280x720 --screenshot "$tmp/missing.png" >/dev/null 2>"$tmp/missing.log"
[[ -s "$tmp/missing.png" ]] || { echo "e2e-live: no PNG for a missing store" >&2; exit 1; }
grep -q "no schedule store at $tmp/missing.db" "$tmp/missing.log" || {
  echo "e2e-live: the log does not say the store is missing:" >&2
  cat "$tmp/missing.log" >&2
  exit 1
}

# 2. A running kiosk follows an import within 2 s.
csv="$tmp/programme.csv"
cp "$KIOSK_SOURCE_DIR/schedules/raict-2026.csv" "$csv"
"$KIOSKCTL" import "$csv" --db "$tmp/s.db" >/dev/null
"$KIOSK" --db "$tmp/s.db" --now 2026-07-08T10:20 --window 1280x720 2>"$tmp/kiosk.log" &
kiosk_pid=$!
for _ in $(seq 100); do grep -q "revision 1 loaded" "$tmp/kiosk.log" && break; sleep 0.1; done
grep -q "revision 1 loaded" "$tmp/kiosk.log" || { echo "e2e-live: kiosk never loaded revision 1" >&2; cat "$tmp/kiosk.log" >&2; exit 1; }

sed -i 's/Ouverture officielle/Ouverture officielle (retardée)/; s/J1-05,2026-07-08,10:00/J1-05,2026-07-08,10:15/' "$csv"
"$KIOSKCTL" import "$csv" --db "$tmp/s.db" | head -n 1
start=$(date +%s%N)
while ! grep -q "revision 2 loaded" "$tmp/kiosk.log"; do
  if (( ($(date +%s%N) - start) / 1000000 > 2000 )); then
    echo "e2e-live: revision 2 not shown within 2 s" >&2
    cat "$tmp/kiosk.log" >&2
    exit 1
  fi
  kill -0 "$kiosk_pid" || { echo "e2e-live: kiosk died" >&2; cat "$tmp/kiosk.log" >&2; exit 1; }
  sleep 0.02
done
echo "e2e-live: revision 2 on screen after $(( ($(date +%s%N) - start) / 1000000 )) ms"
kill -0 "$kiosk_pid" || { echo "e2e-live: kiosk died" >&2; exit 1; }
