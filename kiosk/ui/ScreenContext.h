// What every venue screen is drawn with and returns: the ScreenContext (fonts, palette, size, what covers every
// screen), the Action, the Pager of the lobby's rotation, and the one full-window ImGui window (BeginScreen).
#pragma once

#include <string>
#include <vector>

#include <imgui.h>

#include "kiosk/ui/BoardViewModel.h"
#include "kiosk/ui/Branding.h"
#include "kiosk/ui/DoorSignViewModel.h"
#include "kiosk/ui/Fonts.h"
#include "kiosk/ui/Overlays.h"
#include "kiosk/ui/StaffStatus.h"
#include "kiosk/ui/Theme.h"
#include "kiosk/ui/TimelineViewModel.h"

namespace kiosk::ui {

/// What the person at the screen asked for (screens never act themselves; the app applies it).
struct Action {
  enum class Kind { None, Quit, NextPage };
  Kind kind = Kind::None;
};

/// One text as a screen drew it: the string and the box of its glyphs (pixels, before ImGui's clipping).
struct DrawnText {
  std::string text;
  ImVec2 min{0, 0};
  ImVec2 max{0, 0};
};

/// What every screen draws with: the baked fonts, the palette, and the display size in pixels; and what frames or
/// covers every screen alike: announcements, the wrong-clock band, the staff corner (null: none).
struct ScreenContext {
  const Fonts* fonts = nullptr;
  const Theme* theme = nullptr;
  Metrics metrics;
  ImVec2 size{0, 0};
  /// Info in a band at the bottom (the screen's own content above it), urgent in a box over the content,
  /// emergency instead of the content, on every screen.
  const AnnouncementsViewModel* announcements = nullptr;
  /// Rotation slot: which of several announcements of one priority shows. The app counts 10 s slots of the steady
  /// clock since it started (so a wall-clock jump never stalls the rotation).
  long long slot = 0;
  const StaffStatus* staff = nullptr;  ///< drawn tiny and faint in the top right corner while syncing
  /// When Wrong(): a band under the header says the clock is wrong (the app shows the programme without now/next).
  const ClockProblemViewModel* clock = nullptr;
  /// The logo, partners, venue plan and programme URL (null: none; each screen does without).
  const Branding* branding = nullptr;
  /// Tests only: when non-null, every text the screen draws is appended with its box (zero cost when null).
  std::vector<DrawnText>* text_log = nullptr;
  /// Tests: when set, every text width measured while drawing adds its bytes here (issue 11 defect 5: fitting text
  /// measures an amount linear in the text it shows, not in the text it is given).
  std::size_t* measured_bytes = nullptr;
  /// Tests only: when non-null, the boxes the screen's texts must stay inside are appended, named in `text` ("card",
  /// "door_now", "door_next", "door_day", "bar", "urgent", "info", "countdown_list").
  std::vector<DrawnText>* box_log = nullptr;
};

/// Opens the one full-window ImGui window every screen (the desk too) draws into, and paints the theme's background.
/// Close it with EndScreenWindow().
void BeginScreen(const ScreenContext& context);
/// Closes the window BeginScreen opened.
void EndScreenWindow();

/// The context for a display of `size` pixels (metrics from the shorter side, so portrait screens stay readable).
ScreenContext MakeScreenContext(const Fonts& fonts, ImVec2 size);
/// The reference height fonts and metrics are built for: the shorter side of the display, in pixels.
float ReferenceHeight(ImVec2 size);

/// Where the lobby's rotation stands, for the page dots in the footer.
struct Pager {
  int current = 0;
  int count = 1;
};

/// The top of the info band at the bottom of the screen (the screen's height when there is none): the screens'
/// own content stays above it.
float InfoBandTop(const ScreenContext& context);

}  // namespace kiosk::ui
