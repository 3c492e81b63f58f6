#!/usr/bin/env bash
# Soak test of the unattended kiosk (issue 5 section 6): 24 simulated hours of the RAICT lobby under Xvfb, the
# programme clock sped up with --speed so the day passes in REAL_MINUTES real minutes, the pages rotating (on real
# time), and a live change every simulated 10 minutes (a kioskctl import of an edited programme, a delay, a "full"
# mark, an announcement and its clearing, the original programme again). The kiosk's VmRSS is sampled every
# simulated hour; it prints the curve (hour, RSS MiB) and the growth from hour 1 to the last hour.
# Fails (exit 1) when the kiosk exits before the end; exit 3 when RSS grew more than SOAK_MAX_GROWTH_MIB (16) over
# the second half of the run (the first hours hold the warm-up). The kiosk's log is kept in SOAK_LOG
# (out/soak-kiosk.log).
#
# Usage: bench/soak.sh [REAL_MINUTES | short]   (default 15: speed 96; "short": 2 minutes, speed 720, for CI)
# Environment: SOAK_HOURS (24), SOAK_START (2026-07-08T00:00, venue-local: the night before day 1, the event's
# hours, the evening's night mode), SOAK_MAX_GROWTH_MIB (16); binaries $KIOSK and $KIOSKCTL, else
# $KIOSK_BUILD_DIR/{kiosk,kioskctl} (default build/). Needs xvfb-run (Debian xvfb).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${KIOSK_BUILD_DIR:-$root/build}"
kiosk="${KIOSK:-$build/kiosk}"
kioskctl="${KIOSKCTL:-$build/kioskctl}"
programme="$root/schedules/raict-2026.csv"
hours="${SOAK_HOURS:-24}"
start="${SOAK_START:-2026-07-08T00:00}"
max_growth="${SOAK_MAX_GROWTH_MIB:-16}"
keep_log="${SOAK_LOG:-$root/out/soak-kiosk.log}"
minutes="${1:-15}"
[[ "$minutes" == short ]] && minutes=2
if ! [[ "$minutes" =~ ^[0-9]+([.][0-9]+)?$ ]]; then
  echo "usage: bench/soak.sh [REAL_MINUTES | short]" >&2
  exit 2
fi
for tool in "$kiosk" "$kioskctl"; do
  [[ -x "$tool" ]] || { echo "soak: $tool is not built" >&2; exit 2; }
done
command -v xvfb-run >/dev/null || { echo "soak: xvfb-run is missing (apt-get install xvfb)" >&2; exit 2; }

# Simulated seconds per real second, and the real seconds of a simulated 10 minutes and hour.
speed=$(awk -v h="$hours" -v m="$minutes" 'BEGIN { printf "%.4f", h * 3600 / (m * 60) }')
tick=$(awk -v s="$speed" 'BEGIN { printf "%.4f", 600 / s }')
ticks=$(( hours * 6 ))

tmp="$(mktemp -d)"
db="$tmp/soak.db"
xvfb_pid=""
cleanup() {
  [[ -n "$xvfb_pid" ]] && kill "$xvfb_pid" 2>/dev/null || true
  [[ -n "${kiosk_pid:-}" ]] && kill "$kiosk_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT

"$kioskctl" import "$programme" --db "$db" | head -n 1
# A second version of the programme (one title changed) so that alternate imports each make a revision.
sed 's/^J1-03,\(.*\),Salon Monge,atelier,"Eau, thème de l’année/J1-03,\1,Salon Monge,atelier,"Eau (soak), thème de l’année/' \
  "$programme" >"$tmp/edited.csv"
cmp -s "$programme" "$tmp/edited.csv" && { echo "soak: could not make the edited programme" >&2; exit 2; }

echo "soak: $hours simulated hours from $start in $minutes real minutes (--speed $speed), a change every" \
  "simulated 10 min ($tick s real), RSS every simulated hour"
xvfb-run -a -s "-screen 0 1920x1080x24" \
  "$kiosk" --db "$db" --now "$start" --speed "$speed" --window 1920x1080 >"$tmp/kiosk.out" 2>"$tmp/kiosk.log" &
xvfb_pid=$!
# xvfb-run starts Xvfb and then the kiosk as its children: find the kiosk's pid.
kiosk_pid=""
for _ in $(seq 200); do
  kiosk_pid=$(ps -o pid=,comm= --ppid "$xvfb_pid" | awk '$2 == "kiosk" { print $1 }' | head -n 1 || true)
  [[ -n "$kiosk_pid" ]] && grep -qs 'first frame' "$tmp/kiosk.log" && break
  sleep 0.1
done
if [[ -z "$kiosk_pid" ]] || ! kill -0 "$kiosk_pid" 2>/dev/null; then
  echo "soak: FAIL: the kiosk did not start" >&2
  cat "$tmp/kiosk.log" >&2
  exit 1
fi
grep -m1 'window ' "$tmp/kiosk.log" || true

rss_mib() { awk '/^VmRSS:/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }
# The kiosk's own heap and stacks (RssAnon); the rest of VmRSS is mapped files (Mesa's llvmpipe and LLVM pages first
# touched when a new kind of drawing is compiled, fonts while an atlas is built).
anon_mib() { awk '/^RssAnon:/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }
alive() { kill -0 "$kiosk_pid" 2>/dev/null; }
failed_changes=0
change() {  # one live change, as an organizer would make it during the event
  if ! "$kioskctl" "$@" --db "$db" >>"$tmp/changes.log" 2>&1; then
    failed_changes=$(( failed_changes + 1 ))
    echo "soak: kioskctl $* failed" >>"$tmp/changes.log"
  fi
}
announcement=""
t0=$(date +%s.%N)
rss=()
printf '%5s  %8s  %9s  %s\n' hour "RSS MiB" "anon MiB" "simulated clock (venue)"
for (( k = 1; k <= ticks; k++ )); do
  # Wait for the real instant of simulated minute 10 k (changes take real time: no drift).
  target=$(awk -v t0="$t0" -v k="$k" -v tick="$tick" 'BEGIN { printf "%.3f", t0 + k * tick }')
  now=$(date +%s.%N)
  pause=$(awk -v a="$target" -v b="$now" 'BEGIN { d = a - b; printf "%.3f", (d > 0 ? d : 0) }')
  sleep "$pause"
  if ! alive; then
    echo "soak: FAIL: the kiosk exited at simulated minute $(( k * 10 )); its log:" >&2
    tail -n 30 "$tmp/kiosk.log" >&2
    exit 1
  fi
  case $(( k % 6 )) in
    0) change import "$tmp/edited.csv" ;;
    1) change delay J1-03 $(( (k * 5) % 30 )) ;;
    2) if [[ -z "$announcement" ]]; then
         change announce "Soak : annonce $k" --en "Soak: notice $k"
         announcement=$(grep -o 'kioskctl clear [0-9]*' "$tmp/changes.log" | tail -n 1 | awk '{ print $3 }')
       fi ;;
    3) if (( (k / 6) % 2 )); then change full J1-06; else change open J1-06; fi ;;
    4) if [[ -n "$announcement" ]]; then change clear "$announcement"; announcement=""; fi ;;
    5) change import "$programme" ;;
  esac
  printf '%d\t%s\t%s\n' "$(( k * 10 ))" "$(awk -v a="$(date +%s.%N)" -v b="$t0" 'BEGIN { printf "%.1f", a - b }')" \
    "$(rss_mib "$kiosk_pid")" >>"$tmp/rss.tsv"
  if (( k % 6 == 0 )); then
    hour=$(( k / 6 ))
    mib=$(rss_mib "$kiosk_pid")
    rss+=("$mib")
    clock=$(date -u -d "$(date -d "${start/T/ } UTC" +%Y-%m-%dT%H:%M) UTC + $hour hours" +%d/%m\ %H:%M)
    printf '%5d  %8s  %9s  %s\n' "$hour" "$mib" "$(anon_mib "$kiosk_pid")" "$clock"
  fi
done

alive || { echo "soak: FAIL: the kiosk exited at the end" >&2; tail -n 30 "$tmp/kiosk.log" >&2; exit 1; }
store_revision=$("$kioskctl" log --db "$db" | grep -o '^revision [0-9]*' | tail -n 1 | awk '{ print $2 }' || true)
# The last change is on screen within a second or two (the kiosk polls the store every 0.5 s).
for _ in $(seq 30); do
  grep -q "shown revision ${store_revision:-0} at" "$tmp/kiosk.log" && break
  sleep 0.1
done
revisions=$(grep -c 'shown revision' "$tmp/kiosk.log" || true)
last_shown=$(grep -o 'shown revision [0-9]*' "$tmp/kiosk.log" | tail -n 1 | awk '{ print $3 }')
kill -TERM "$kiosk_pid"
for _ in $(seq 50); do alive || break; sleep 0.1; done
wait "$xvfb_pid" 2>/dev/null || true
xvfb_pid=""
kiosk_pid=""
mkdir -p "$(dirname "$keep_log")"
cp "$tmp/kiosk.log" "$keep_log"
# Every simulated 10 minutes: simulated minute, real seconds, RSS MiB.
cp "$tmp/rss.tsv" "${keep_log%.log}-rss.tsv"
first="${rss[0]}"
last="${rss[${#rss[@]} - 1]}"
half="${rss[$(( ${#rss[@]} / 2 - 1 ))]}"
growth() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%+.1f MiB (%+.1f %%)", b - a, (a > 0 ? (b - a) * 100 / a : 0) }'; }
peak=$(printf '%s\n' "${rss[@]}" | sort -g | tail -n 1)
echo "soak: RSS hour 1 $first MiB, hour $hours $last MiB: growth $(growth "$first" "$last"); peak $peak MiB;" \
  "second half (hour $(( ${#rss[@]} / 2 )) to $hours): $(growth "$half" "$last")"
echo "soak: $(( ticks - failed_changes )) of $ticks live changes made; the kiosk logged $revisions revisions shown," \
  "the last $last_shown (store: ${store_revision:-?}); its log: $keep_log"
# The first hour holds the warm-up (fonts, pages first drawn, GL driver caches): the second half says whether it
# keeps growing.
if awk -v a="$half" -v b="$last" -v m="$max_growth" 'BEGIN { exit !(b - a > m) }'; then
  echo "soak: FAIL: RSS grew more than $max_growth MiB over the second half" >&2
  exit 3
fi
if (( failed_changes > 0 )) || [[ "${last_shown:-}" != "${store_revision:-}" ]]; then
  echo "soak: FAIL: $failed_changes live changes failed, or the last revision was not shown" >&2
  exit 1
fi
echo "soak: OK: no crash, RSS flat within $max_growth MiB over the second half"
