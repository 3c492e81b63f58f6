// QR codes for the venue screens: the module matrix from libqrencode (no GL, no ImGui), drawn by DrawQrCode
// (ScreenParts.h).
#pragma once

#include <string_view>
#include <vector>

namespace kiosk::ui {

/// A QR code's modules: `size` x `size`, row by row from the top left, true for a dark module. No quiet zone: the
/// drawing adds the 4 modules ISO/IEC 18004 asks for around it.
struct QrMatrix {
  int size = 0;            ///< modules per side: 21 for version 1, + 4 a version (25, 29, 33 …), 0 when empty
  std::vector<bool> dark;  ///< size * size modules
  bool Empty() const { return size <= 0; }
  /// Module at column `x`, row `y` (0 .. size-1); false outside.
  bool Dark(int x, int y) const {
    return x >= 0 && y >= 0 && x < size && y < size && dark[static_cast<std::size_t>(y * size + x)];
  }
};

/// Encodes `text` (UTF-8 bytes, in 8-bit mode) at error correction level M (about 15 % of the code may be lost),
/// in the smallest version that holds it. Empty when `text` is empty or longer than version 40 holds at level M
/// (2331 bytes), or when libqrencode fails (out of memory). Deterministic: the same text gives the same matrix.
QrMatrix EncodeQr(std::string_view text);

}  // namespace kiosk::ui
