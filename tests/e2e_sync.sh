#!/usr/bin/env bash
# End to end, signed sync (issue 3 section 4): keygen, import, publish, kioskctl serve on a free port, two headless
# kiosks with --sync on their own (at first missing) local stores.
#  1. both show revision 1 within 3 s of starting (a store missing at start is read as soon as the first pull made it);
#  2. kioskctl delay, then publish: both show the new revision within 3 s of publish returning;
#  3. a manifest and snapshot signed with another key replace the published ones: both kiosks refuse them (their log
#     says signature) and keep showing their revision; the next genuine publish is shown again;
#  4. SIGTERM: both stop within 2 s (the sync thread waits on a condition variable), exit 0 and print their counters.
# Environment: KIOSKCTL, KIOSK, KIOSK_SOURCE_DIR.
set -euo pipefail

: "${KIOSKCTL:?path to kioskctl}" "${KIOSK:?path to kiosk}" "${KIOSK_SOURCE_DIR:?path to the checkout}"
tmp=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$tmp"
}
trap cleanup EXIT

fail() {
  echo "e2e-sync: $*" >&2
  for name in a b; do
    echo "--- kiosk $name stdout" >&2; cat "$tmp/$name.out" >&2 || true
    echo "--- kiosk $name stderr" >&2; cat "$tmp/$name.err" >&2 || true
  done
  echo "--- serve" >&2; cat "$tmp/serve.out" "$tmp/serve.err" >&2 || true
  exit 1
}
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
# Waits until both kiosks logged PATTERN; fails after LIMIT ms; prints the wait in ms.
wait_both() {
  local pattern=$1 limit=$2 start
  start=$(now_ms)
  until grep -q -- "$pattern" "$tmp/a.out" && grep -q -- "$pattern" "$tmp/b.out"; do
    (( $(now_ms) - start > limit )) && return 1
    sleep 0.02
  done
  echo $(( $(now_ms) - start ))
}

hub="$tmp/hub.db"
mkdir -p "$tmp/pub"
"$KIOSKCTL" keygen --out "$tmp/keys" >/dev/null
"$KIOSKCTL" keygen --out "$tmp/other-keys" >/dev/null
"$KIOSKCTL" import "$KIOSK_SOURCE_DIR/schedules/raict-2026.csv" --db "$hub" >/dev/null
"$KIOSKCTL" publish --key "$tmp/keys/publisher.key" --out "$tmp/pub" --db "$hub" >/dev/null

"$KIOSKCTL" serve --dir "$tmp/pub" --port 0 >"$tmp/serve.out" 2>"$tmp/serve.err" &
pids+=($!)
for _ in $(seq 100); do grep -qs 'manifest: http' "$tmp/serve.out" && break; sleep 0.05; done
url=$(grep -o 'manifest: http[^)]*' "$tmp/serve.out" | sed 's/^manifest: //') || fail "kioskctl serve printed no URL"

start=$(now_ms)
for name in a b; do
  "$KIOSK" --headless --db "$tmp/$name.db" --sync "$url" --pubkey "$tmp/keys/publisher.pub" \
    --now 2026-07-08T10:20 >"$tmp/$name.out" 2>"$tmp/$name.err" &
  pids+=($!)
done
ms=$(wait_both '^shown revision 1 at' 3000) || fail "revision 1 not shown by both within 3 s of start"
echo "e2e-sync: revision 1 on both kiosks $(( $(now_ms) - start )) ms after start (stores missing at start)"

# 2. A live change, published: both follow within 3 s.
"$KIOSKCTL" delay J1-03 15 --db "$hub" >/dev/null
"$KIOSKCTL" publish --key "$tmp/keys/publisher.key" --out "$tmp/pub" --db "$hub" >/dev/null
ms=$(wait_both '^shown revision 2 at' 3000) || fail "revision 2 not shown by both within 3 s of publish"
echo "e2e-sync: revision 2 (delay) on both kiosks $ms ms after publish returned"

# 3. Someone publishes with another key (a rogue laptop on the venue Wi-Fi): refused, revision 2 stays.
cp "$hub" "$tmp/rogue.db"
"$KIOSKCTL" cancel J1-04 --db "$tmp/rogue.db" >/dev/null
"$KIOSKCTL" publish --key "$tmp/other-keys/publisher.key" --out "$tmp/pub" --db "$tmp/rogue.db" >/dev/null
for name in a b; do
  limit=$(( $(now_ms) + 6000 ))
  until grep -q 'sync failed: .*signature' "$tmp/$name.err"; do
    (( $(now_ms) > limit )) && fail "kiosk $name did not log a signature failure"
    sleep 0.05
  done
done
sleep 2.5  # more polls of the rogue manifest
for name in a b; do
  grep -q '^shown revision 3' "$tmp/$name.out" && fail "kiosk $name showed the rogue revision 3"
  grep -q 'keeping revision 2' "$tmp/$name.err" || fail "kiosk $name does not say it keeps revision 2"
done
echo "e2e-sync: a snapshot signed with another key refused by both (log: $(grep -m1 -o 'sync failed: .*' "$tmp/a.err" | cut -c1-160))"

# The genuine publisher publishes again: both recover.
"$KIOSKCTL" cancel J1-04 --db "$hub" >/dev/null
"$KIOSKCTL" publish --key "$tmp/keys/publisher.key" --out "$tmp/pub" --db "$hub" >/dev/null
ms=$(wait_both '^shown revision 3 at' 3000) || fail "genuine revision 3 not shown by both within 3 s of publish"
echo "e2e-sync: genuine revision 3 on both kiosks $ms ms after publish returned"

# 4. Clean shutdown: each kiosk exits 0 within 2 s of SIGTERM and reports its sync counters.
names=(serve a b)
for i in 1 2; do
  pid=${pids[$i]}
  name=${names[$i]}
  start=$(now_ms)
  kill -TERM "$pid"
  wait "$pid" || fail "kiosk $name did not exit 0 on SIGTERM"
  ms=$(( $(now_ms) - start ))
  echo "e2e-sync: kiosk $name stopped $ms ms after SIGTERM"
  (( ms <= 2000 )) || fail "kiosk $name took $ms ms to stop after SIGTERM (more than 2 s)"
done
pids=("${pids[0]}")
for name in a b; do
  grep -q 'sync stopped: [0-9]* polls' "$tmp/$name.err" || fail "kiosk $name did not report its sync counters"
done
