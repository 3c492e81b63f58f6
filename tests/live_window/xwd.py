"""Reads the framebuffer that Xvfb keeps in a file with -fbdir (an XWD image, X11's XWDFileHeader) and measures it.

The live-window tests read what a running kiosk shows on the X screen, not a screenshot the kiosk made itself:
Xvfb -fbdir DIR maps its screen to DIR/Xvfb_screen0, an XWD file whose pixels change as the windows draw.
Only 24/32-bit TrueColor screens are read (Xvfb -screen 0 WxHx24), which is what the tests start.
"""

import struct
import zlib

# XWDFileHeader: 25 CARD32 fields, big-endian (X11 XWDFile.h).
_HEADER_FIELDS = (
    "header_size file_version pixmap_format pixmap_depth pixmap_width pixmap_height xoffset byte_order "
    "bitmap_unit bitmap_bit_order bitmap_pad bits_per_pixel bytes_per_line visual_class red_mask green_mask "
    "blue_mask bits_per_rgb colormap_entries ncolors window_width window_height window_x window_y window_bdrwidth"
).split()


class Frame:
    """One picture: width, height and rows of (r, g, b) bytes (bytes objects of width * 3)."""

    def __init__(self, width, height, rgb):
        self.width = width
        self.height = height
        self.rgb = rgb  # bytes, width * height * 3

    def pixel(self, x, y):
        i = 3 * (y * self.width + x)
        return self.rgb[i], self.rgb[i + 1], self.rgb[i + 2]

    def crop(self, x, y, w, h):
        """The rectangle (x, y, w, h), clamped to the frame."""
        x0, y0 = max(0, x), max(0, y)
        x1, y1 = min(self.width, x + w), min(self.height, y + h)
        rows = [self.rgb[3 * (row * self.width + x0):3 * (row * self.width + x1)] for row in range(y0, y1)]
        return Frame(max(0, x1 - x0), max(0, y1 - y0), b"".join(rows))

    def sample(self, step):
        """Every step-th pixel of every step-th row: a smaller frame for fast statistics."""
        if step <= 1:
            return self
        w = (self.width + step - 1) // step
        rows = []
        for y in range(0, self.height, step):
            row = self.rgb[3 * y * self.width:3 * (y + 1) * self.width]
            picked = bytearray(3 * w)
            picked[0::3] = row[0::3 * step]
            picked[1::3] = row[1::3 * step]
            picked[2::3] = row[2::3 * step]
            rows.append(bytes(picked))
        return Frame(w, len(rows), b"".join(rows))

    def colours(self, cap=100000):
        """Distinct RGB colours (at most cap)."""
        seen = set()
        data = self.rgb
        for i in range(0, len(data), 3):
            seen.add(data[i:i + 3])
            if len(seen) >= cap:
                break
        return len(seen)

    def share(self, predicate):
        """Share (0..1) of pixels for which predicate(r, g, b) holds."""
        n = self.width * self.height
        if n == 0:
            return 0.0
        data = self.rgb
        hits = sum(1 for i in range(0, len(data), 3) if predicate(data[i], data[i + 1], data[i + 2]))
        return hits / n

    def dark_share(self, limit=12):
        """Share of pixels that are black or nearly (every channel <= limit): a blank screen is ~1.0."""
        return self.share(lambda r, g, b: r <= limit and g <= limit and b <= limit)

    def red_share(self):
        """Share of strongly red pixels (the emergency screen's background)."""
        return self.share(lambda r, g, b: r >= 150 and g <= 70 and b <= 70)

    def difference(self, other, tolerance=24):
        """Share of pixels whose colour differs by more than tolerance in any channel; 1.0 when sizes differ."""
        if (self.width, self.height) != (other.width, other.height):
            return 1.0
        a, b = self.rgb, other.rgb
        n = self.width * self.height
        diff = 0
        for i in range(0, len(a), 3):
            if abs(a[i] - b[i]) > tolerance or abs(a[i + 1] - b[i + 1]) > tolerance or abs(a[i + 2] - b[i + 2]) > tolerance:
                diff += 1
        return diff / n if n else 0.0

    def write_png(self, path):
        """Writes the frame as an 8-bit RGB PNG (zlib only), to look at what a test saw."""
        raw = b"".join(b"\x00" + self.rgb[3 * y * self.width:3 * (y + 1) * self.width] for y in range(self.height))

        def chunk(kind, data):
            body = kind + data
            return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

        with open(path, "wb") as out:
            out.write(b"\x89PNG\r\n\x1a\n")
            out.write(chunk(b"IHDR", struct.pack(">IIBBBBB", self.width, self.height, 8, 2, 0, 0, 0)))
            out.write(chunk(b"IDAT", zlib.compress(raw, 6)))
            out.write(chunk(b"IEND", b""))


def read(path):
    """The screen in an Xvfb -fbdir file. Raises ValueError for a file that is not a 24/32-bit TrueColor XWD."""
    with open(path, "rb") as f:
        data = f.read()
    if len(data) < 100:
        raise ValueError(f"{path}: {len(data)} bytes, too short for an XWD header")
    fields = dict(zip(_HEADER_FIELDS, struct.unpack(">25I", data[:100])))
    if fields["file_version"] != 7:
        raise ValueError(f"{path}: XWD version {fields['file_version']}, expected 7")
    bpp = fields["bits_per_pixel"]
    if bpp not in (24, 32):
        raise ValueError(f"{path}: {bpp} bits per pixel; start Xvfb with -screen 0 WxHx24")
    width, height, stride = fields["pixmap_width"], fields["pixmap_height"], fields["bytes_per_line"]
    # The header is followed by the window name, then ncolors XWDColor entries of 12 bytes each.
    offset = fields["header_size"] + 12 * fields["ncolors"]
    if len(data) < offset + stride * height:
        raise ValueError(f"{path}: {len(data)} bytes, expected {offset + stride * height}")
    little = fields["byte_order"] == 0  # LSBFirst
    step = bpp // 8
    masks = (fields["red_mask"], fields["green_mask"], fields["blue_mask"])
    shifts = [(m & -m).bit_length() - 1 for m in masks]
    out = bytearray(width * height * 3)
    fmt = "<I" if little else ">I"
    if step == 4 and masks == (0xFF0000, 0xFF00, 0xFF) and little:
        # The common case (BGRX in memory): slice the channels out directly.
        for y in range(height):
            row = data[offset + y * stride:offset + y * stride + width * 4]
            o = 3 * width * y
            out[o:o + 3 * width:3] = row[2::4]
            out[o + 1:o + 3 * width:3] = row[1::4]
            out[o + 2:o + 3 * width:3] = row[0::4]
    else:
        for y in range(height):
            base = offset + y * stride
            for x in range(width):
                chunk = data[base + x * step:base + x * step + step]
                value = struct.unpack(fmt, chunk + b"\x00" * (4 - step))[0] if step < 4 else struct.unpack(fmt, chunk)[0]
                o = 3 * (y * width + x)
                for c in range(3):
                    out[o + c] = (value & masks[c]) >> shifts[c]
    return Frame(width, height, bytes(out))
