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

# During the event: live changes and an info notice on the board, the old room's door sign after a move, and an
# emergency notice.
ctl() { "$build/kioskctl" "$@" --db "$tmp/raict.db" >/dev/null; }
ctl delay J1-03 15 && ctl full J1-03 && ctl full J1-06
ctl cancel J1-04 && ctl move J1-05 --room "Salon Berthollet"   # the cancelled session's room is free
ctl announce "Le déjeuner sera servi à 13 h 15 au Restaurant Les Arts" --en "Lunch will be served at 13:15 at Restaurant Les Arts"
shot() {  # shot NAME kiosk-arguments…
  local name="$1"
  shift
  xvfb-run -a -s "-screen 0 1920x1080x24" "$build/kiosk" --db "$tmp/raict.db" --now 2026-07-08T10:20 \
    --window 1920x1080 "$@" --screenshot "$root/docs/$name-2026-07-08T1020.png" 2>/dev/null
}
shot board-live-changes --show board
shot door-salon-laplace-moved --room "Salon Laplace"
ctl announce "Évacuation du bâtiment : suivez les consignes du personnel et rejoignez le point de rassemblement." \
  --en "Evacuate the building: follow the staff's instructions and go to the assembly point." --priority emergency
shot emergency --show board

# The check-in desk (1366x768, a laptop at the desk) on the demonstration registrants: desk A after typing "elo",
# and desk B scanning a registrant desk A has just checked in (the desks share one registrant store here; through
# the hub they see each other's check-ins the same way).
"$build/kioskctl" registrants generate --programme "$root/schedules/raict-2026.csv" --out "$tmp/registrants.csv" 2>/dev/null
"$build/kioskctl" registrants import "$tmp/registrants.csv" --people "$tmp/people.db" >/dev/null
desk() {  # desk NAME PNG INPUT
  xvfb-run -a -s "-screen 0 1920x1080x24" "$build/kiosk" --mode checkin --people "$tmp/people.db" --desk "$1" \
    --window 1366x768 --desk-input "$3" --screenshot "$root/docs/$2.png" 2>/dev/null
}
desk A desk-elo elo
code=$(sed -n 2p "$tmp/registrants.csv" | cut -d, -f1)
"$build/kioskctl" checkin "$code" --desk A --people "$tmp/people.db" >/dev/null
desk B desk-already "$code\n"
