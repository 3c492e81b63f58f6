#!/usr/bin/env bash
# The gallery (issue 5 section 7): tools/gallery.sh renders every screen mode at 1280x720, 1920x1080, 1080x1920 and
# 3840x2160; each PNG must have the size its name says and show a real picture, not a blank or uniform one.
# Environment: KIOSK_BUILD_DIR (the build with kiosk and kioskctl), PNG_STATS (tests/png_stats), KIOSK_SOURCE_DIR.
set -euo pipefail

: "${KIOSK_BUILD_DIR:?build dir}" "${PNG_STATS:?path to png_stats}" "${KIOSK_SOURCE_DIR:?path to the checkout}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
KIOSK_BUILD_DIR="$KIOSK_BUILD_DIR" bash "$KIOSK_SOURCE_DIR/tools/gallery.sh" "$tmp/gallery"
[[ -s "$tmp/gallery/README.md" ]] || { echo "e2e_gallery: no gallery page" >&2; exit 1; }
count=0
while read -r path width height colours content; do
  [[ "$path" != "png_stats" ]] || { echo "e2e_gallery: png_stats could not read a screenshot" >&2; exit 1; }
  name=$(basename "$path" .png)
  size=${name##*-}
  [[ "${width}x${height}" == "$size" ]] || { echo "e2e_gallery: $name is ${width}x${height}" >&2; exit 1; }
  # Anti-aliased text gives hundreds of colours; a blank or uniform screen has a handful.
  ((colours >= 200)) || { echo "e2e_gallery: $name has $colours colours: blank?" >&2; exit 1; }
  # At least 2 % of the screen differs from its background (text, cards, bands).
  python3 -c "import sys; sys.exit(0 if float('$content') >= 0.02 else 1)" ||
    { echo "e2e_gallery: $name: only $content of the screen is not background" >&2; exit 1; }
  grep -q "($name.png)" "$tmp/gallery/README.md" || { echo "e2e_gallery: $name not on the gallery page" >&2; exit 1; }
  count=$((count + 1))
  echo "$name: ${width}x${height}, $colours colours, $content not background"
done < <("$PNG_STATS" "$tmp"/gallery/*.png || echo "png_stats failed")
# 8 modes (board, timeline, two door signs, partners, plan, touch, emergency) at 4 sizes.
((count == 32)) || { echo "e2e_gallery: $count screenshots, expected 32" >&2; exit 1; }
echo "e2e_gallery: $count screenshots checked"
