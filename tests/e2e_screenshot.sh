#!/usr/bin/env bash
# End to end: import the RAICT programme with kioskctl, render the board at 2026-07-08T10:20 (under Xvfb when there is
# no display) and check that the PNG is a real 1920x1080 picture, not a blank or uniform one.
# Environment: KIOSKCTL, KIOSK (binaries), KIOSK_SOURCE_DIR (the checkout).
set -euo pipefail

: "${KIOSKCTL:?path to kioskctl}" "${KIOSK:?path to kiosk}" "${KIOSK_SOURCE_DIR:?path to the checkout}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$KIOSKCTL" import "$KIOSK_SOURCE_DIR/schedules/raict-2026.csv" --db "$tmp/s.db"

run=("$KIOSK" --db "$tmp/s.db" --now 2026-07-08T10:20 --window 1920x1080 --screenshot "$tmp/board.png")
if [[ -z "${DISPLAY:-}" ]]; then
  command -v xvfb-run >/dev/null || { echo "e2e: no DISPLAY and no xvfb-run" >&2; exit 1; }
  run=(xvfb-run -a -s "-screen 0 1920x1080x24" "${run[@]}")
fi
printed=$("${run[@]}")
[[ "$printed" == *"$tmp/board.png"* ]] || { echo "e2e: kiosk did not print the screenshot path (got: $printed)" >&2; exit 1; }
[[ -s "$tmp/board.png" ]] || { echo "e2e: no PNG written" >&2; exit 1; }

# Decode the PNG with the standard library only (zlib + the five row filters) and look at what it shows.
python3 - "$tmp/board.png" <<'PY'
import struct, sys, zlib

path = sys.argv[1]
data = open(path, "rb").read()
if data[:8] != b"\x89PNG\r\n\x1a\n":
    sys.exit("e2e: not a PNG")
pos, idat = 8, b""
while pos < len(data):
    (length,) = struct.unpack(">I", data[pos:pos + 4])
    kind, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + length]
    pos += 12 + length
    if kind == b"IHDR":
        width, height, depth, colour = struct.unpack(">IIBB", body[:10])
    elif kind == b"IDAT":
        idat += body
if (width, height) != (1920, 1080):
    sys.exit(f"e2e: expected 1920x1080, got {width}x{height}")
if depth != 8 or colour not in (2, 6):
    sys.exit(f"e2e: unexpected PNG format depth={depth} colour={colour}")
channels = 3 if colour == 2 else 4
stride = width * channels
raw = zlib.decompress(idat)
prev = bytearray(stride)
colours = {}
bright = 0
offset = 0
for y in range(height):
    kind = raw[offset]
    line = bytearray(raw[offset + 1:offset + 1 + stride])
    offset += 1 + stride
    for i in range(stride):
        a = line[i - channels] if i >= channels else 0
        b = prev[i]
        c = prev[i - channels] if i >= channels else 0
        if kind == 1:
            line[i] = (line[i] + a) & 255
        elif kind == 2:
            line[i] = (line[i] + b) & 255
        elif kind == 3:
            line[i] = (line[i] + ((a + b) >> 1)) & 255
        elif kind == 4:
            pa, pb, pc = abs(b - c), abs(a - c), abs(a + b - 2 * c)
            line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    prev = line
    if y % 4:  # every 4th row is plenty to judge the picture
        continue
    for x in range(0, stride, channels * 2):
        pixel = bytes(line[x:x + 3])
        colours[pixel] = colours.get(pixel, 0) + 1
        if sum(pixel) > 600:
            bright += 1
distinct = len(colours)
dominant = max(colours.values()) / sum(colours.values())
print(f"e2e: {width}x{height}, {distinct} distinct colours, dominant colour {dominant:.0%}, {bright} bright samples")
# A blank or uniform frame has one colour; a board has text (bright pixels), cards and anti-aliasing.
if distinct < 50 or dominant > 0.95 or bright < 500:
    sys.exit("e2e: the screenshot looks blank")
PY
echo "e2e: board screenshot OK"
