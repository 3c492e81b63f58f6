// Colours and sizes of the venue screens: dark navy, high contrast, an accent per session kind; sizes scale with
// height.
#pragma once

#include <imgui.h>

#include "kiosk/ui/BoardViewModel.h"

namespace kiosk::ui {

/// Pixel sizes for a screen `height` pixels high, all proportional to it (designed at 1080, so 720p and 4K scale).
/// At 1080: body 30 px, titles and room names 44 px, the clock 120 px.
struct Metrics {
  float unit = 1.0f;       ///< height / 1080
  float body = 30.0f;      ///< body text, >= 28 px at 1080
  float title = 44.0f;     ///< session titles and room names, >= 40 px at 1080
  float display = 120.0f;  ///< the clock and the countdown
  float margin = 48.0f;    ///< outer margin
  float gap = 20.0f;       ///< between cards
  float padding = 24.0f;   ///< inside cards
  float rounding = 14.0f;  ///< card corners
  float rule = 3.0f;       ///< thin lines

  /// Sizes for a screen of `height` pixels (clamped to at least 240).
  static Metrics ForHeight(float height);
  /// Scales a length designed at 1080 px.
  float U(float at_1080) const { return at_1080 * unit; }
};

/// The palette. Colours are packed ImU32 (ABGR, as ImDrawList takes them).
struct Theme {
  ImU32 background;   ///< dark navy
  ImU32 surface;      ///< cards
  ImU32 surface_alt;  ///< alternate rows, headers
  ImU32 text;         ///< primary text, near white
  ImU32 text_muted;   ///< English lines, secondary text
  ImU32 text_faint;   ///< past sessions, hints
  ImU32 accent;       ///< the event's accent (clock, room names)
  ImU32 now_line;     ///< the timeline's now-line
  ImU32 warning;      ///< cancelled, problems
  ImU32 track;        ///< progress bar background

  ImU32 urgent;          ///< the urgent announcement's frame and label
  ImU32 emergency;       ///< the emergency screen's background (deep red)
  ImU32 emergency_text;  ///< text on it (white)

  /// The one theme of the kiosk.
  static const Theme& Venue();
  /// Accent colour of a session kind.
  ImU32 KindColour(SessionKind kind) const;
  /// Fill of a live-change badge: amber delayed, teal moved, red cancelled, violet full.
  ImU32 MarkColour(MarkKind kind) const;
  /// Text on that fill (dark on the light fills, white on the dark ones).
  ImU32 MarkTextColour(MarkKind kind) const;
  /// `colour` with its alpha multiplied by `alpha` (0..1).
  static ImU32 Fade(ImU32 colour, float alpha);
  /// `colour` mixed towards the background by `amount` (0 = colour, 1 = background), opaque.
  ImU32 Dim(ImU32 colour, float amount) const;
};

}  // namespace kiosk::ui
