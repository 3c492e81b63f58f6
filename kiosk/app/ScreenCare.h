// Care for a screen that stays on for days: the burn-in walk of the whole picture and the dim night hours.
#pragma once

#include <chrono>
#include <cmath>
#include <optional>
#include <string>

#include <imgui.h>

namespace kiosk::app {

/// How far the burn-in walk moves the picture at most, in framebuffer-independent window pixels, for a window
/// `height` pixels high: `shift_pixels` is given at 1080 px high and scales with the height (4 px at 1080: 8 at
/// 2160, about 2.7 at 720). 0 or less: no shift.
inline float BurnInMaxPixels(float shift_pixels, float height) {
  return shift_pixels > 0 && height > 0 ? shift_pixels * height / 1080.0f : 0.0f;
}

namespace detail {
/// A bounce 0, 1, …, r, r-1, …, -r, …, -1, 0, … of period 4r (one step a unit); 0 when r is 0.
inline int Bounce(long long step, int r) {
  if (r <= 0) return 0;
  const long long period = 4LL * r;
  const int m = static_cast<int>(((step % period) + period) % period);
  if (m <= r) return m;
  if (m <= 3 * r) return 2 * r - m;
  return m - 4 * r;
}
}  // namespace detail

/// The burn-in offset of the whole picture (pixels, x right and y down) after `since_start` of real running time,
/// moving one step every `period`: a deterministic walk over the integer grid within ±floor(max_px) on each axis.
/// x sweeps across the whole range (one pixel a step, period 4R steps), then y moves one pixel, so every offset of
/// the square is visited (a full cycle is 16R² steps) and the picture never jumps more than a pixel on each axis.
/// Starts at (0, 0). `max_px` below 1 or a non-positive `period`: always (0, 0).
inline ImVec2 BurnInShift(std::chrono::seconds since_start, float max_px,
                          std::chrono::seconds period = std::chrono::minutes{3}) {
  const int r = std::isfinite(max_px) && max_px >= 1.0f ? static_cast<int>(std::floor(max_px)) : 0;
  if (r == 0 || period.count() <= 0 || since_start.count() < 0) return ImVec2(0, 0);
  const long long step = since_start / period;
  return ImVec2(static_cast<float>(detail::Bounce(step, r)), static_cast<float>(detail::Bounce(step / (4LL * r), r)));
}

/// "HH:MM" (00:00 to 23:59, also "24:00" for the end of the day) as minutes since midnight; nullopt when malformed.
inline std::optional<std::chrono::minutes> ParseHm(const std::string& text) {
  if (text.size() != 5 || text[2] != ':') return std::nullopt;
  for (int i : {0, 1, 3, 4})
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
  const int h = (text[0] - '0') * 10 + (text[1] - '0'), m = (text[3] - '0') * 10 + (text[4] - '0');
  if (m > 59 || h > 24 || (h == 24 && m != 0)) return std::nullopt;
  return std::chrono::minutes{h * 60 + m};
}

/// The screen's brightness (0..1) at venue-local `time_of_day` (since local midnight): `brightness` from `from`
/// (included) until `until` (excluded), 1 otherwise. The night may span midnight (21:00 to 07:00); `from == until`
/// means no night. `brightness` is clamped to 0..1.
inline float NightBrightness(std::chrono::minutes time_of_day, std::chrono::minutes from, std::chrono::minutes until,
                             float brightness) {
  using std::chrono::minutes;
  constexpr minutes kDay{24 * 60};
  const auto wrap = [&](minutes m) { return ((m % kDay) + kDay) % kDay; };
  const minutes t = wrap(time_of_day), a = wrap(from), b = wrap(until);
  if (a == b) return 1.0f;
  const bool night = a < b ? (t >= a && t < b) : (t >= a || t < b);
  if (!night) return 1.0f;
  return brightness < 0 ? 0.0f : brightness > 1 ? 1.0f : brightness;
}

/// NightBrightness for the configured HH:MM texts (AppOptions::night_from, night_until): 1 when either is empty or
/// malformed (LoadConfig and main.cpp reject malformed ones before this).
inline float NightBrightness(std::chrono::minutes time_of_day, const std::string& from, const std::string& until,
                             float brightness) {
  const auto a = ParseHm(from), b = ParseHm(until);
  if (!a || !b) return 1.0f;
  return NightBrightness(time_of_day, *a, *b, brightness);
}

}  // namespace kiosk::app
