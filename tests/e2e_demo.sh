#!/usr/bin/env bash
# tools/demo.sh end to end (issue 11 section 12): it builds only kiosk and kioskctl, says which store it opens, keeps
# an existing store as it is (the organizer's live change stays) and imports again only with --reimport.
# Environment: KIOSK_BUILD_DIR (a configured build folder), KIOSKCTL (binary), KIOSK_SOURCE_DIR (the checkout).
set -euo pipefail

: "${KIOSK_BUILD_DIR:?build folder}" "${KIOSKCTL:?path to kioskctl}" "${KIOSK_SOURCE_DIR:?path to the checkout}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "e2e_demo: $*" >&2; exit 1; }
demo() { env -u DISPLAY -u WAYLAND_DISPLAY KIOSK_DB="$tmp/raict.db" bash "$KIOSK_SOURCE_DIR/tools/demo.sh" "$@" 2>&1; }
revisions() { "$KIOSKCTL" log --db "$tmp/raict.db" | grep -c '^revision [0-9]'; }

first=$(demo) || fail "first run failed: $first"
[[ "$first" == *"opening the store $tmp/raict.db"* ]] || fail "the first run does not say which store it opens: $first"
[[ -s "$tmp/raict.db" ]] || fail "no store made"
"$KIOSKCTL" delay J1-02 15 --db "$tmp/raict.db" >/dev/null
before=$(revisions)

second=$(demo) || fail "second run failed: $second"
[[ "$second" == *"opening the existing store $tmp/raict.db as it is"* ]] || fail "the second run does not say it keeps the store: $second"
[[ "$(revisions)" == "$before" ]] || fail "the second run wrote a revision over the organizer's store"
"$KIOSKCTL" log --db "$tmp/raict.db" | grep -q -i 'delay' || fail "the live change is gone"

third=$(demo --reimport) || fail "--reimport run failed: $third"
[[ "$third" == *"opening the store $tmp/raict.db"* ]] || fail "--reimport does not say which store it opens: $third"
echo "e2e_demo: ok"
