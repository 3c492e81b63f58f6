// What a kiosk shows at one moment, decided once: the screen, its page in the rotation, an emergency over everything,
// night dimming, and when the picture next changes. Pure (no window, no GL, no store); the window and headless
// loops apply its answer.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>

#include "kiosk/app/AppOptions.h"
#include "kiosk/core/Clock.h"
#include "kiosk/core/VenueZone.h"
#include "kiosk/store/ScheduleStore.h"
#include "kiosk/ui/BoardViewModel.h"
#include "kiosk/ui/DoorSignViewModel.h"
#include "kiosk/ui/Overlays.h"
#include "kiosk/ui/TimelineViewModel.h"

namespace kiosk::app {

/// Which screen a kiosk shows (announcement overlays come on top of any but the message).
enum class ViewKind {
  Message,     ///< no programme loaded
  WrongClock,  ///< the clock cannot be trusted: the programme without now/next (issue 3 section 3)
  DoorSign,    ///< --room: one room
  Board,       ///< the lobby: countdown, board/timeline rotation or closing, as BoardViewModel's phase says
};

/// What both kiosk loops build for one moment: the screen, its view models, and when it next changes.
struct ViewPlan {
  ViewKind kind = ViewKind::Message;
  const Room* room = nullptr;  ///< --room's room when found
  ui::AnnouncementsViewModel announcements;
  ui::ClockProblemViewModel clock;
  std::optional<ui::DoorSignViewModel> sign;  ///< DoorSign
  std::optional<ui::BoardViewModel> board;    ///< Board
  /// UTC: when the screen changes next (minute, session boundary, an announcement's end); Message: `now` + 1 s.
  Instant next_change{};
  /// Whether an emergency announcement covers the whole screen (nothing under it needs to rotate).
  bool Covered() const { return !announcements.emergency.empty(); }
};

/// Decides the view at `now` (UTC) for `loaded` (null: none loaded), `room_option` (--room) and a clock that is
/// `clock_trusted` (ProgrammeClock::Trusted). A wrong clock shows WrongClock on the lobby and on a door sign whose
/// room exists. Pure; never throws for any programme.
ViewPlan PlanView(const LoadedProgramme* loaded, const std::optional<std::string>& room_option, bool clock_trusted,
                  Instant now, const VenueZone& zone);
/// One picture the window can show.
enum class Screen {
  Message,     ///< no programme loaded (ViewKind::Message)
  Emergency,   ///< an emergency announcement over the whole screen, whatever is under it
  WrongClock,  ///< the programme without now/next, one day per page
  DoorSign,    ///< --room's own screen
  Touch,       ///< the --interactive touch screen while a visitor uses it
  Countdown,   ///< before the event (or overnight between its days)
  Closing,     ///< after the event
  Board,       ///< the lobby's rotation: now/next cards
  Timeline,    ///< the lobby's rotation: the day's timeline
  Partners,    ///< the lobby's rotation: the partners' page
  Plan,        ///< the lobby's rotation: the venue plan
};

/// "board", "timeline", "partners", "plan" for the lobby's pages; "message", "emergency", "wrong clock", "door sign",
/// "touch screen", "countdown", "closing" for the others.
const char* ScreenName(Screen screen);

/// How many pages each screen takes at the window's size: ui's measures, which need the fonts (App gives
/// ui::BoardPageCount and friends bound to its ScreenContext, with the plan's announcements and clock band, which
/// take room), or a test's numbers.
struct ScreenLayout {
  bool landscape = true;  ///< width >= height: the lobby's timeline is in the rotation only then (unless alone)
  std::function<int(const ViewPlan&, const ui::BoardViewModel&)> board_pages =
      [](const ViewPlan&, const ui::BoardViewModel&) { return 1; };
  std::function<int(const ViewPlan&, const ui::TimelineViewModel&)> timeline_pages =
      [](const ViewPlan&, const ui::TimelineViewModel&) { return 1; };
  bool partners = false;  ///< ui::HasPartnersPage: there are partners' logos to show
  bool plan = false;      ///< ui::HasPlanPage: there is a venue plan
  /// ui::WrongClockScreenCount; 0: the wrong-clock view shows its page 0 without rotating.
  std::function<int(const ViewPlan&, const ui::WrongClockViewModel&)> wrong_clock_pages =
      [](const ViewPlan&, const ui::WrongClockViewModel&) { return 1; };
};

/// What the screen is given besides the programme, the clock and the options.
struct ScreenInput {
  std::chrono::seconds elapsed{0};  ///< real (steady) time since the kiosk started: the rotation runs on it
  int manual_offset = 0;            ///< pages skipped by hand (a tap, →, --page)
  bool touch_active = false;        ///< an --interactive kiosk touched less than idle_seconds ago
  bool clock_trusted = true;        ///< ProgrammeClock::Trusted: a --now or --speed clock is never "wrong"
};

/// The answer: what to draw and when it stops being right.
struct ScreenDecision {
  ViewPlan plan;                                       ///< the view models (PlanView's)
  std::optional<ui::TimelineViewModel> timeline;       ///< built when the lobby's rotation holds the timeline
  std::optional<ui::WrongClockViewModel> wrong_clock;  ///< Screen::WrongClock
  Screen screen = Screen::Message;
  /// What is under an emergency (Screen::Emergency): the screen it covers, for the actions it lets through.
  Screen covered = Screen::Message;
  int page = 0;        ///< the screen's own page: board or timeline page, wrong-clock day
  int index = 0;       ///< place in the lobby's rotation (the pager's dots), 0-based
  int count = 1;       ///< screens in the lobby's rotation
  long long slot = 0;  ///< the rotation slot (elapsed / page_seconds): which of several announcements shows
  /// Pictures that alternate with the slot (rotation pages, several announcements of one priority): above one, a
  /// new slot may be a new picture.
  int alternating = 1;
  /// Night mode's level at this time (1 by day) and the brightness applied: 1 when an alert or a session going on
  /// keeps the screen bright.
  float night = 1.0f;
  float brightness = 1.0f;
  /// UTC: when the programme's picture changes next (PlanView's next_change).
  Instant next_change{};
  /// Real time since the start (like ScreenInput::elapsed) at which the rotation next shows another picture;
  /// std::chrono::seconds::max() when nothing alternates.
  std::chrono::seconds next_slot_change = std::chrono::seconds::max();
  std::string status;  ///< for systemd's STATUS= line: "board page 1 (screen 1/3)", "touch screen", "no programme"
};

/// Decides what shows at programme time `now` (UTC) for `loaded` (null: none loaded) with `options` (--room,
/// --show, the lobby's pages and page_seconds, --interactive, night mode) and `input`, paging with `layout`.
/// The rules: no programme shows the message; an emergency covers every other screen (several alternate, one a slot);
/// a wrong clock shows the programme without now/next (lobby, and a door sign whose room exists), a day per page,
/// two slots a page; --room shows its door sign; a lobby touched less than idle_seconds ago the touch screen; before
/// the event (or overnight) the countdown, after it the closing screen; else the lobby's rotation, in slots of
/// page_seconds, a board page two slots and any other page one, --page and taps moving it on. Night mode dims from
/// night_from to night_until (venue-local) unless an emergency, an urgent notice or a session on now is shown.
/// Pure; never throws for any programme.
ScreenDecision DecideScreen(const LoadedProgramme* loaded, Instant now, const VenueZone& zone,
                            const AppOptions& options, const ScreenInput& input, const ScreenLayout& layout);

}  // namespace kiosk::app
