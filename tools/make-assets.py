#!/usr/bin/env python3
"""Generates assets/raict-2026/logo.png: an invented wordmark for the RAICT 2026 screens (not the organizer's logo).

"RAICT 2026" over "Rencontres de l'action internationale / des collectivités territoriales", beside a stylised globe,
on a transparent background, in the colours of the kiosk's dark navy theme (kiosk/ui/Theme.cpp: text #F4F6FB, accent
gold #FFC857, muted #AEB9D6). Drawn 4x large and reduced, for smooth edges. Needs python3-pil and the Inter font
(fonts-inter), else DejaVu Sans. Dev-time only: the PNG is committed.
Usage: /usr/bin/python3 tools/make-assets.py [OUT.png]   (Debian's python3, the one python3-pil serves)
"""
import os
import sys

from PIL import Image, ImageDraw, ImageFont

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "assets", "raict-2026", "logo.png")

WIDTH, HEIGHT = 1200, 300  # final pixels: about 4.7:1, for the header band
SCALE = 4  # supersampling
TEXT = (0xF4, 0xF6, 0xFB, 255)
GOLD = (0xFF, 0xC8, 0x57, 255)
MUTED = (0xAE, 0xB9, 0xD6, 255)

BOLD = ["/usr/share/fonts/opentype/inter/Inter-Bold.otf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"]
REGULAR = ["/usr/share/fonts/opentype/inter/Inter-Medium.otf", "/usr/share/fonts/opentype/inter/Inter-Regular.otf",
           "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"]


def font(candidates, size):
    for path in candidates:
        if os.path.exists(path):
            return ImageFont.truetype(path, size * SCALE)
    sys.exit("make-assets: no font found among " + ", ".join(candidates))


def main():
    image = Image.new("RGBA", (WIDTH * SCALE, HEIGHT * SCALE), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    s = SCALE

    # The globe: a gold ring, a meridian ellipse and the equator, with one white arc for "action".
    cx, cy, r = 140 * s, 150 * s, 112 * s
    line = 14 * s
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=GOLD, width=line)
    draw.ellipse((cx - r * 0.45, cy - r, cx + r * 0.45, cy + r), outline=GOLD, width=line * 3 // 4)
    draw.line((cx - r, cy, cx + r, cy), fill=GOLD, width=line * 3 // 4)
    draw.arc((cx - r * 1.28, cy - r * 1.28, cx + r * 1.28, cy + r * 1.28), start=200, end=320, fill=TEXT, width=line)

    x = 300 * s
    big = font(BOLD, 118)
    draw.text((x, 18 * s), "RAICT", font=big, fill=TEXT)
    raict_w = draw.textlength("RAICT", font=big)
    draw.text((x + raict_w + 30 * s, 18 * s), "2026", font=big, fill=GOLD)

    small = font(REGULAR, 40)
    draw.text((x + 4 * s, 172 * s), "Rencontres de l\u2019action internationale", font=small, fill=MUTED)
    draw.text((x + 4 * s, 226 * s), "des collectivités territoriales", font=small, fill=MUTED)

    image = image.resize((WIDTH, HEIGHT), Image.LANCZOS)
    box = image.getbbox()  # trim the transparent margins, keep a few pixels
    if box:
        pad = 4
        image = image.crop((max(0, box[0] - pad), max(0, box[1] - pad), min(WIDTH, box[2] + pad),
                            min(HEIGHT, box[3] + pad)))
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    image.save(OUT, optimize=True)
    print(OUT, image.size[0], "x", image.size[1])


if __name__ == "__main__":
    main()
