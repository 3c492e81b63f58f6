#!/usr/bin/env bash
# Renders the gallery: every venue screen mode at the four screen sizes the issue names (1280x720, 1920x1080,
# 1080x1920 portrait, 3840x2160) on the RAICT demonstration programme on 9 July 2026 at 11:10, when a café with a
# French, Vietnamese and Japanese title is on in Salle La Rochefoucauld and Salon Laplace lists Japanese titles.
# Writes OUT/<mode>-<W>x<H>.png and OUT/README.md (the gallery page, default OUT: docs/gallery).
# Usage: tools/gallery.sh [OUT]   (after tools/build.sh; KIOSK_BUILD_DIR picks another build)
# Without a display it runs itself once under xvfb-run with a 3840x2160 screen.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${KIOSK_BUILD_DIR:-$root/build}"
out="$(realpath -m "${1:-$root/docs/gallery}")"
if [[ -z "${DISPLAY:-}" ]]; then
  command -v xvfb-run >/dev/null || { echo "gallery: no DISPLAY and no xvfb-run (tools/setup.sh installs it)" >&2; exit 1; }
  exec xvfb-run -a -s "-screen 0 3840x2160x24" "${BASH_SOURCE[0]}" "$out"
fi
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$out"
rm -f "$out"/*.png
moment=2026-07-09T11:10
sizes=(1280x720 1920x1080 1080x1920 3840x2160)
"$build/kioskctl" import "$root/schedules/raict-2026.csv" --db "$tmp/raict.db" >/dev/null

# mode name, then the kiosk's arguments for it
modes=(
  "board|--show board"
  "timeline|--show timeline"
  "door|--room Salle La Rochefoucauld"
  "door-laplace|--room Salon Laplace"
  "partners|--show partners --programme-url https://example.org/raict-2026/programme"
  "plan|--show plan --here accueil"
  "touch|--interactive"
)
shot() {  # shot DB NAME SIZE ARGS...
  local db="$1" name="$2" size="$3"
  shift 3
  "$build/kiosk" --db "$db" --now "$moment" --window "$size" "$@" --screenshot "$out/$name-$size.png" \
    >/dev/null 2>>"$tmp/kiosk.log" || { echo "gallery: $name $size failed:" >&2; tail -5 "$tmp/kiosk.log" >&2; exit 1; }
}
for entry in "${modes[@]}"; do
  name="${entry%%|*}"
  read -r -a args <<<"${entry#*|}"
  # --room takes the rest of the line as one room name (the other modes' arguments have no spaces)
  if [[ "${args[0]}" == --room ]]; then args=(--room "${entry#*--room }"); fi
  for size in "${sizes[@]}"; do shot "$tmp/raict.db" "$name" "$size" "${args[@]}"; done
done

# The emergency notice covers every screen.
cp "$tmp/raict.db" "$tmp/emergency.db"
"$build/kioskctl" announce "Évacuation du bâtiment : suivez les consignes du personnel et rejoignez le point de rassemblement." \
  --en "Evacuate the building: follow the staff's instructions and go to the assembly point." --priority emergency \
  --db "$tmp/emergency.db" >/dev/null
for size in "${sizes[@]}"; do shot "$tmp/emergency.db" emergency "$size" --show board; done

# The gallery page.
{
  echo "# Gallery: every screen mode at every size"
  echo
  echo "The RAICT 2026 demonstration programme on 9 July 2026 at 11:10, rendered by \`tools/gallery.sh\` under Xvfb"
  echo "(Mesa llvmpipe). The café on now in Salle La Rochefoucauld has a title in French, Vietnamese and Japanese; the"
  echo "Franco-Japanese café (cancelled) and the COPIL at 15:30 in Salon Laplace have Japanese ones (door-laplace). Titles"
  echo "too long for their box wrap, shrink a step, then end with … at a word, so the timeline's bars show their start."
  echo "The lobby rotates board, timeline, partners and plan (a portrait timeline shows 4 hours); the door signs"
  echo "show their room on the plan where there is room for it (portrait); touch is an \`--interactive\` kiosk after a"
  echo "first touch. The venue plan is an invented schematic and the QR code points to an example address."
  echo "Click a picture for full size."
  echo
  for entry in "${modes[@]}" "emergency|"; do
    name="${entry%%|*}"
    echo "## $name"
    echo
    for size in "${sizes[@]}"; do
      echo "[<img src=\"$name-$size.png\" width=\"24%\" alt=\"$name at $size\">]($name-$size.png)"
    done
    echo
  done
} >"$out/README.md"
ls "$out"/*.png | wc -l | xargs -I{} echo "gallery: {} screenshots in $out"
