// The venue screens drawn with ImGui: lobby board, day timeline, countdown, closing, door sign, programme list and
// message screens, with announcements (band, box, emergency screen) and the staff corner over any of them.
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

/// Room cards per board page and board pages needed (>= 1) for this view model on this screen.
int BoardRoomsPerPage(const ScreenContext& context);
int BoardPageCount(const ScreenContext& context, const BoardViewModel& board);
/// Timeline rows per page and timeline pages needed (>= 1).
int TimelineRowsPerPage(const ScreenContext& context);
int TimelinePageCount(const ScreenContext& context, const TimelineViewModel& timeline);

/// The lobby board: header (event, day, live clock), room cards of page `page`, footer with later sessions and the
/// revision. `notice` (e.g. the store failing while the last good revision shows) replaces the revision line.
Action DrawBoard(const ScreenContext& context, const BoardViewModel& board, int page, const Pager& pager,
                 const Bilingual& notice = {});
/// The day timeline: rooms against hours with a now-line; rows of page `page`. A board with an empty clock draws no
/// clock in the header (the wrong-clock programme).
Action DrawTimeline(const ScreenContext& context, const BoardViewModel& board, const TimelineViewModel& timeline,
                    int page, const Pager& pager);
/// Before the event (or overnight between two days): countdown and the programme of the day to come.
Action DrawCountdown(const ScreenContext& context, const BoardViewModel& board);
/// After the event: closing words.
Action DrawClosing(const ScreenContext& context, const BoardViewModel& board);
/// A salon's door sign: its name large, the clock, what is on now (or that it is free), next, and its day. An unknown
/// room gives the message screen naming the rooms that exist. `notice` replaces the revision line.
Action DrawDoorSign(const ScreenContext& context, const DoorSignViewModel& sign, const Bilingual& notice = {});
/// Nothing to show: the reason and when the next attempt is.
Action DrawMessage(const ScreenContext& context, const MessageViewModel& message);
/// The programme of one day as a list, without now or next (the clock is wrong): time, marks, title, room; page
/// `page` of it.
Action DrawProgrammeList(const ScreenContext& context, const ProgrammeListViewModel& list, int page,
                         const Pager& pager);
/// Pages the list needs on this screen (>= 1).
int ProgrammeListPageCount(const ScreenContext& context, const ProgrammeListViewModel& list);

/// Screens the wrong-clock programme rotates through: every page of every grid or list (0 when it is Empty()).
int WrongClockScreenCount(const ScreenContext& context, const WrongClockViewModel& programme);
/// Screen `index` (modulo the count) of the wrong-clock programme, with page dots for the rotation; the message
/// screen when it is Empty().
Action DrawWrongClock(const ScreenContext& context, const WrongClockViewModel& programme, int index);

}  // namespace kiosk::ui
