#!/usr/bin/env bash
# Public screens never open the registrant store (issue 4, DESIGN.md "Public screens never open the registrant
# store"): with the registrant file beside the schedule store, in the default data folder and named by $KIOSK_PEOPLE,
# the board (a screenshot under Xvfb), the door sign, the headless kiosk and kioskctl publish are traced with strace;
# no system call of theirs may name the registrant file, and the published snapshot holds no registrant.
# Environment: KIOSKCTL, KIOSK (binaries), KIOSK_SOURCE_DIR (the checkout).
set -euo pipefail

: "${KIOSKCTL:?path to kioskctl}" "${KIOSK:?path to kiosk}" "${KIOSK_SOURCE_DIR:?path to the checkout}"
command -v strace >/dev/null || { echo "e2e: strace is missing (tools/setup.sh installs it)" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The default data folder of both stores: $XDG_DATA_HOME/kiosk/{schedule,registrants}.db.
export XDG_DATA_HOME="$tmp/data"
unset KIOSK_DB
data="$XDG_DATA_HOME/kiosk"
"$KIOSKCTL" import "$KIOSK_SOURCE_DIR/schedules/raict-2026.csv" >/dev/null
"$KIOSKCTL" registrants generate --count 60 --out "$tmp/registrants.csv" 2>/dev/null
"$KIOSKCTL" registrants import "$tmp/registrants.csv" >/dev/null
[[ -s "$data/schedule.db" && -s "$data/registrants.db" ]] || { echo "e2e: stores not in $data" >&2; exit 1; }
export KIOSK_PEOPLE="$data/registrants.db"
code=$(sed -n 2p "$tmp/registrants.csv" | cut -d, -f1)
[[ -n "$code" ]] || { echo "e2e: no order code in the generated sheet" >&2; exit 1; }

# Checks the trace strace wrote for NAME: every system call of the process and its threads that names a path (open,
# stat, access, inotify …) is in it; none may name the registrant store.
check_trace() {
  local name=$1
  [[ -s "$tmp/$name.trace" ]] || { echo "e2e: strace wrote nothing for $name" >&2; exit 1; }
  grep -q 'schedule.db' "$tmp/$name.trace" || { echo "e2e: $name never opened the schedule store" >&2; exit 1; }
  if grep -n 'registrants.db' "$tmp/$name.trace"; then
    echo "e2e: $name touched the registrant store" >&2
    exit 1
  fi
  echo "e2e: $name: $(wc -l <"$tmp/$name.trace") file system calls, none on the registrant store"
}
trace() { strace -f -qq -e trace=%file -o "$tmp/$1.trace" "${@:2}"; }

xvfb=()
if [[ -z "${DISPLAY:-}" ]]; then
  command -v xvfb-run >/dev/null || { echo "e2e: no DISPLAY and no xvfb-run" >&2; exit 1; }
  xvfb=(xvfb-run -a -s "-screen 0 1280x720x24")
fi
"${xvfb[@]}" strace -f -qq -e trace=%file -o "$tmp/board.trace" \
  "$KIOSK" --now 2026-07-08T10:20 --window 1280x720 --screenshot "$tmp/board.png" >/dev/null
[[ -s "$tmp/board.png" ]] || { echo "e2e: no board screenshot" >&2; exit 1; }
check_trace board
"${xvfb[@]}" strace -f -qq -e trace=%file -o "$tmp/door.trace" \
  "$KIOSK" --now 2026-07-08T10:20 --room "Salon Monge" --window 1280x720 --screenshot "$tmp/door.png" >/dev/null
check_trace door
trace headless timeout -s TERM 3 "$KIOSK" --headless --now 2026-07-08T10:20 >/dev/null || true
check_trace headless

"$KIOSKCTL" keygen --out "$tmp/keys" >/dev/null
trace publish "$KIOSKCTL" publish --key "$tmp/keys/publisher.key" --out "$tmp/pub" >/dev/null
check_trace publish
if grep -rl -- "$code" "$tmp/pub"; then
  echo "e2e: the published snapshot holds the order code $code" >&2
  exit 1
fi
echo "e2e: the published folder holds no registrant ($(ls "$tmp/pub" | tr '\n' ' '))"
