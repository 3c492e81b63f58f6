// QR codes: libqrencode's matrix, and DrawQrCode (ScreenParts.h) drawing it as pixel-aligned ImDrawList rectangles.
#include "kiosk/ui/QrCode.h"

#include <qrencode.h>

#include <cmath>
#include <string>

#include "kiosk/ui/ScreenParts.h"

namespace kiosk::ui {

QrMatrix EncodeQr(std::string_view text) {
  QrMatrix matrix;
  if (text.empty()) return matrix;
  // 8-bit mode (not QRcode_encodeString's mode guessing), so a URL's bytes go in as they are; version 0: the
  // smallest version that holds them.
  QRcode* code = QRcode_encodeData(static_cast<int>(text.size()), reinterpret_cast<const unsigned char*>(text.data()),
                                   0, QR_ECLEVEL_M);
  if (code == nullptr) return matrix;
  matrix.size = code->width;
  matrix.dark.resize(static_cast<std::size_t>(code->width) * static_cast<std::size_t>(code->width));
  // Bit 0 of each byte is the module's colour (1: dark); the other bits are libqrencode's bookkeeping.
  for (std::size_t i = 0; i < matrix.dark.size(); ++i) matrix.dark[i] = (code->data[i] & 1) != 0;
  QRcode_free(code);
  return matrix;
}

bool DrawQrCode(const Painter& p, ImVec2 a, float side, std::string_view url) {
  // The last URL's matrix: a screen draws the same code every frame, and encoding it is the costly part. Per thread,
  // so two threads drawing never share it.
  thread_local std::string cached_url;
  thread_local QrMatrix cached_matrix;
  thread_local bool cached = false;
  if (!cached || cached_url != url) {
    cached_matrix = EncodeQr(url);
    cached_url.assign(url);
    cached = true;
  }
  const QrMatrix& matrix = cached_matrix;
  if (matrix.Empty()) return false;
  constexpr int kQuiet = 4;  // ISO/IEC 18004: a quiet zone of 4 modules on every side
  const int modules = matrix.size + 2 * kQuiet;
  // Whole pixels per module, so every module is the same size and edges stay sharp for a phone's camera.
  const float module = std::floor(side / static_cast<float>(modules));
  if (module < 1.0f) return false;
  const ImVec2 at(std::round(a.x), std::round(a.y));
  const float white_side = std::round(side);
  p.Rect(at, ImVec2(at.x + white_side, at.y + white_side), IM_COL32_WHITE);
  const float inset = std::floor((white_side - module * static_cast<float>(modules)) / 2) + module * kQuiet;
  const ImU32 ink = IM_COL32(0, 0, 0, 255);
  for (int y = 0; y < matrix.size; ++y) {
    // A run of dark modules in a row is one rectangle: fewer vertices, no seams between neighbours.
    for (int x = 0; x < matrix.size;) {
      if (!matrix.Dark(x, y)) {
        ++x;
        continue;
      }
      int end = x;
      while (end < matrix.size && matrix.Dark(end, y)) ++end;
      const ImVec2 min(at.x + inset + module * static_cast<float>(x), at.y + inset + module * static_cast<float>(y));
      p.Rect(min, ImVec2(min.x + module * static_cast<float>(end - x), min.y + module), ink);
      x = end;
    }
  }
  return true;
}

}  // namespace kiosk::ui
