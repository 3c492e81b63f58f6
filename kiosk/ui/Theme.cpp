// The venue palette and the height-proportional metrics.
#include "kiosk/ui/Theme.h"

#include <algorithm>

namespace kiosk::ui {
namespace {

constexpr ImU32 Rgb(unsigned rgb) { return IM_COL32((rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF, 0xFF); }

}  // namespace

Metrics Metrics::ForHeight(float height) {
  Metrics m;
  m.unit = std::max(240.0f, height) / 1080.0f;
  m.body = 30.0f * m.unit;
  m.title = 44.0f * m.unit;
  m.display = 120.0f * m.unit;
  m.margin = 48.0f * m.unit;
  m.gap = 20.0f * m.unit;
  m.padding = 24.0f * m.unit;
  m.rounding = 14.0f * m.unit;
  m.rule = std::max(1.0f, 3.0f * m.unit);
  return m;
}

const Theme& Theme::Venue() {
  static const Theme theme{
      Rgb(0x0B1530),  // background: deep navy
      Rgb(0x14224A),  // surface
      Rgb(0x1B2C5C),  // surface_alt
      Rgb(0xF4F6FB),  // text
      Rgb(0xAEB9D6),  // text_muted
      Rgb(0x7480A3),  // text_faint
      Rgb(0xFFC857),  // accent: warm gold
      Rgb(0xFF5A5F),  // now_line
      Rgb(0xFF8A65),  // warning
      Rgb(0x26366B),  // track
      Rgb(0xFFA726),  // urgent: orange
      Rgb(0xA50E0E),  // emergency: deep red
      Rgb(0xFFFFFF),  // emergency_text
  };
  return theme;
}

ImU32 Theme::KindColour(SessionKind kind) const {
  switch (kind) {
    case SessionKind::Plenary:
      return Rgb(0xFFC857);  // gold
    case SessionKind::Workshop:
      return Rgb(0x4FC3F7);  // sky blue
    case SessionKind::Regional:
      return Rgb(0x81C784);  // green
    case SessionKind::Cafe:
      return Rgb(0xFFAB91);  // peach
    case SessionKind::B2B:
      return Rgb(0xCE93D8);  // violet
    case SessionKind::Break:
      return Rgb(0x90A4AE);  // grey blue
    case SessionKind::Other:
      break;
  }
  return Rgb(0x9FA8DA);  // periwinkle
}

ImU32 Theme::MarkColour(MarkKind kind) const {
  switch (kind) {
    case MarkKind::Delayed:
    case MarkKind::Earlier:
      return Rgb(0xFFB300);  // amber
    case MarkKind::Moved:
      return Rgb(0x26C6DA);  // teal
    case MarkKind::Cancelled:
      return Rgb(0xE53935);  // red
    case MarkKind::Full:
      return Rgb(0x8E24AA);  // violet
    case MarkKind::Interpretation:
      return Rgb(0x81C784);  // green: information, not a change
  }
  return warning;
}

ImU32 Theme::MarkTextColour(MarkKind kind) const {
  return kind == MarkKind::Cancelled || kind == MarkKind::Full ? Rgb(0xFFFFFF) : Rgb(0x0B1530);
}

ImU32 Theme::Fade(ImU32 colour, float alpha) {
  unsigned a = (colour >> IM_COL32_A_SHIFT) & 0xFF;
  a = static_cast<unsigned>(std::clamp(alpha, 0.0f, 1.0f) * static_cast<float>(a) + 0.5f);
  return (colour & ~IM_COL32_A_MASK) | (a << IM_COL32_A_SHIFT);
}

ImU32 Theme::Dim(ImU32 colour, float amount) const {
  amount = std::clamp(amount, 0.0f, 1.0f);
  auto mix = [&](int shift) {
    float c = static_cast<float>((colour >> shift) & 0xFF), b = static_cast<float>((background >> shift) & 0xFF);
    return static_cast<ImU32>(c + (b - c) * amount + 0.5f) << shift;
  };
  return mix(IM_COL32_R_SHIFT) | mix(IM_COL32_G_SHIFT) | mix(IM_COL32_B_SHIFT) | IM_COL32_A_MASK;
}

}  // namespace kiosk::ui
