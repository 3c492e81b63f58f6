// The touch screen (`kiosk --interactive`) drawn with ImGui: Browse, Detail and Plan pages, returning what was tapped.
#pragma once

#include <vector>

#include <imgui.h>

#include "kiosk/ui/InteractiveViewModel.h"
#include "kiosk/ui/Screens.h"

namespace kiosk::ui {

/// A tappable box the screen drew this frame (pixels, screen coordinates) and the input a tap on it makes.
struct TouchTarget {
  ImVec2 min{0, 0};
  ImVec2 max{0, 0};
  InteractiveInput input;
};

/// What one frame of the touch screen drew and what the person at it did.
struct InteractiveResult {
  /// Quit from the keyboard (Esc, Ctrl+Q) as on every screen; never NextPage (a tap is `input`).
  Action action;
  /// The screen was tapped this frame (left mouse button pressed: touch arrives as the mouse on X11), on a target or
  /// not: the app applies `input` (Apply) so that any touch keeps the visitor's session alive.
  bool touched = false;
  /// The tapped target (Target::None when the tap hit nothing, landed in the info band, or an urgent notice covers
  /// the page), `at` stamped with TouchClock::now(), `list_page` the Browse list page shown (nullopt on Detail and
  /// Plan, and under an urgent notice). Meaningful only when `touched`.
  InteractiveInput input;
  /// Every target tappable this frame, topmost last; each at least Metrics::U(88) px high and above the info band
  /// (InfoBandTop). None while an urgent notice covers the page (its veil dims all of it) or an emergency replaces it.
  std::vector<TouchTarget> targets;
};

/// Draws the touch screen for `vm` (built from `state`) into the one full-window ImGui window, inside an ImGui
/// frame: the header (event, today, clock) and footer (revision, list pages) of the other screens, announcements and
/// the staff corner over it, and the emergency screen instead of it all. Browse: day tabs, the plan button, kind
/// and theme chips, the list page `state.list_page` (clamped) with page arrows. Detail: Back, the session and "Voir
/// sur le plan · See on the plan" when the plan has its room, with the plan beside it (landscape) or under it
/// (portrait). Plan: Back and the plan (context.branding->plan) with the room highlighted. Never throws.
InteractiveResult DrawInteractive(const ScreenContext& context, const InteractiveViewModel& vm,
                                  const InteractiveState& state);

}  // namespace kiosk::ui
