// The touch screen (`kiosk --interactive`, issue 5 section 1) as state, inputs and display-ready data: browse the
// programme by day, kind and theme, a session's detail, the venue plan. Pure C++ (no ImGui calls), so tests build it
// headless.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/core/Model.h"
#include "kiosk/core/VenueZone.h"
#include "kiosk/ui/BoardViewModel.h"
#include "kiosk/ui/Branding.h"

namespace kiosk::ui {

/// The steady clock the touch screen counts idle time with (a wall-clock jump never ends or prolongs a visit).
using TouchClock = std::chrono::steady_clock;

/// How long the touch screen waits without a touch before the app shows the lobby board again (issue 5 section 1).
inline constexpr std::chrono::seconds kDefaultIdle{60};

/// The pages of the touch screen.
enum class InteractivePage {
  Browse,  ///< one day's sessions, filtered by kind and theme, a page of them at a time
  Detail,  ///< one session: titles, time, room, speakers, description, marks
  Plan,    ///< the venue plan, a room highlighted
};

/// Where a visitor stands on the touch screen. Owned by the app, changed only by Apply, reset (to a default
/// InteractiveState) when IdleExpired. A default state has never been touched: it is idle, and the app shows the
/// lobby board until the first touch.
struct InteractiveState {
  InteractivePage page = InteractivePage::Browse;
  /// The programme day browsed (venue-local date, as Session::day); nullopt: the board's day (kiosk::CurrentDay).
  std::optional<Day> day;
  /// Kind filter: MatchKey of Session::kind ("atelier", "rendez-vous-b2b"); empty: every kind. A filter that the day
  /// does not offer is ignored by the view model (it shows every kind).
  std::string kind;
  /// Theme filter: MatchKey of Session::track ("eau", "crises-rehabilitation"); empty: every theme. Ignored like
  /// `kind` on a day without it.
  std::string theme;
  /// The session of Detail (and of Plan when opened from it): Session::uid and Session::start (UTC), its identity.
  std::string session_uid;
  Instant session_start{};
  /// The room Plan highlights (a Room::key; empty: none).
  std::string plan_room;
  /// Where Back leads from Plan: Detail when the plan was opened from a session's detail, else Browse.
  InteractivePage plan_return = InteractivePage::Browse;
  /// Browse: the page of the list shown (0-based; the screen clamps it to the pages there are); nullopt: the page
  /// holding the first session not yet over (InteractiveViewModel::first_current), until the next touch pins the page
  /// shown then (Apply, InteractiveInput::list_page).
  std::optional<int> list_page;
  int kind_first = 0;   ///< Browse: index of the first kind chip shown when the chips do not all fit
  int theme_first = 0;  ///< Browse: index of the first theme chip shown
  /// The last touch (steady clock); the epoch (default) when never touched.
  TouchClock::time_point last_touch{};

  bool operator==(const InteractiveState&) const = default;
};

/// One tap on the touch screen: what it hit and when. The screen (DrawInteractive) makes them; tests make them by
/// hand.
struct InteractiveInput {
  enum class Target {
    None,       ///< a touch on nothing tappable: only keeps the screen awake
    Day,        ///< a day tab: `day`
    Kind,       ///< a kind chip: `key` (MatchKey of Session::kind); empty key: "Tous · All"
    Theme,      ///< a theme chip: `key` (MatchKey of Session::track); empty key: "Tous · All"
    KindMore,   ///< the arrow of the kind chips: `index` is the first chip to show next
    ThemeMore,  ///< the arrow of the theme chips: `index` is the first chip to show next
    Session,    ///< a session of the list: `key` its uid, `start` its start (UTC)
    Back,       ///< Back: Detail to Browse, Plan to where it was opened from
    Plan,       ///< the plan: `key` the Room::key to highlight (empty: the whole plan)
    PageUp,     ///< the list's previous page: `index` the page to show (< 0: list_page - 1)
    PageDown,   ///< the list's next page: `index` the page to show (< 0: list_page + 1)
  };
  Target target = Target::None;
  Day day{};
  std::string key;
  Instant start{};
  int index = -1;
  TouchClock::time_point at{};  ///< when the touch happened (steady clock)
  /// The list page Browse showed when the touch happened (DrawInteractive fills it in, whatever was tapped); nullopt
  /// when Browse was not shown. Apply pins an unset InteractiveState::list_page to it, so the list no longer follows
  /// "now" under the visitor's finger once they have touched the screen.
  std::optional<int> list_page;

  bool operator==(const InteractiveInput&) const = default;

  /// A tap on `target` carrying `key` (a filter, a uid, a room) and `index` (a page, a chip); the rest default.
  static InteractiveInput Tap(Target target, std::string key = {}, int index = -1) {
    InteractiveInput input;
    input.target = target;
    input.key = std::move(key);
    input.index = index;
    return input;
  }
};

/// The state after `input`: always `last_touch = input.at`; an unset list page pinned to `input.list_page` (the page
/// the visitor saw) when it has one, before the target applies. Day: that day, filters kept, list page unset (the
/// page with what is still to come) and chip rows back to their start. Kind or Theme: that filter (the active one
/// tapped again, or an empty key: every kind or theme), list page unset. Session: Detail of that session. Back: Detail
/// to Browse (day, filters and list page kept); Plan to the page it came from. Plan: Plan of that room, remembering
/// whether it came from Detail. PageUp/PageDown: the list page `index` (never below 0). None changes nothing but the
/// touch time. Pure; never throws.
InteractiveState Apply(InteractiveState state, const InteractiveInput& input);

/// Whether the visitor has left: at least `idle` (seconds) of steady-clock time since the last touch (a state never
/// touched is idle). The app then shows the lobby board and resets the state to InteractiveState{}.
bool IdleExpired(const InteractiveState& state, TouchClock::time_point now,
                 std::chrono::duration<double> idle = kDefaultIdle);

/// A day tab of Browse.
struct DayTab {
  Day day{};
  Bilingual label;    ///< "mercredi 8 juillet" / "Wednesday 8 July"
  Bilingual compact;  ///< "mer. 8" / "Wed 8", when the tabs do not fit with `label`
  bool active = false;
  bool today = false;  ///< the venue-local date of now
};

/// A filter chip of Browse: a kind or a theme present on the day browsed.
struct FilterChip {
  std::string key;  ///< what the tap carries: MatchKey of Session::kind or Session::track
  /// Kind: KindLabel ("Atelier" / "Workshop"); theme: the track as written, display typography, in `fr` (`en` empty).
  Bilingual label;
  int count = 0;  ///< the day's sessions with it (whatever the other filter)
  bool active = false;
  SessionKind kind = SessionKind::Other;  ///< a kind chip's category (its colour); Other for themes
};

/// A session of the Browse list: as the board shows it (MakeSessionItem: venue-local times, marks, typography), and
/// where it stands at now.
struct BrowseItem {
  SessionItem item;
  std::string theme;    ///< the track, display typography; may be empty
  bool is_now = false;  ///< confirmed and start <= now < end
  bool past = false;    ///< ended at or before now
};

/// A speaker of the Detail page, display typography.
struct SpeakerLine {
  std::string name;
  std::string role;  ///< may be empty
};

/// The session of the Detail page.
struct SessionDetail {
  SessionItem item;                   ///< titles (title_en empty when the same), times, room, kind, marks
  Bilingual day_label;                ///< "jeudi 9 juillet" / "Thursday 9 July" (the session's programme day)
  std::string theme;                  ///< the track, display typography; may be empty
  std::vector<SpeakerLine> speakers;  ///< in programme order, nameless ones left out
  std::string description;  ///< whole, on one paragraph (ScreenText); the screen wraps it and ends it with "…"
  bool is_now = false;
  bool past = false;
  std::string room_key;  ///< Room::key of its room (where it takes place now, after a live move)
  bool on_plan = false;  ///< the venue plan has its room: "Voir sur le plan · See on the plan"
};

/// Everything the touch screen shows for one state at one instant.
struct InteractiveViewModel {
  std::string event_name;  ///< conference title, display typography (the header)
  Bilingual today_label;   ///< venue-local date of now: "mercredi 8 juillet 2026" / "Wednesday 8 July 2026"
  std::string clock;       ///< venue-local "10:20"
  Bilingual revision;      ///< as on the board (RevisionLabel); empty when none

  /// The page to draw: the state's, or Browse when its session is no longer in the programme (a new revision).
  InteractivePage page = InteractivePage::Browse;
  std::optional<Day> day;          ///< the day browsed: the state's when the programme has it, else the board's day
  std::vector<DayTab> days;        ///< every programme day, ascending
  std::vector<FilterChip> kinds;   ///< kinds present on `day`, most sessions first, then by label
  std::vector<FilterChip> themes;  ///< themes present on `day` (sessions without a track offer none), likewise
  std::string kind;                ///< the kind filter in effect (empty: every kind)
  std::string theme;               ///< the theme filter in effect (empty: every theme)
  std::vector<BrowseItem> items;   ///< `day`'s sessions passing both filters, by start (cancelled ones included)
  /// Index in `items` of the first session not over at `now` (0 when all are over): the list opens on its page.
  std::size_t first_current = 0;

  std::optional<SessionDetail> detail;  ///< Detail, and Plan opened from it: the session
  bool has_plan = false;                ///< a venue plan with rooms was given: the Plan button shows
  std::string plan_room_key;            ///< Plan: the room highlighted (empty: none)
  std::string plan_room_name;           ///< its display name (empty: none or not in the programme)
  std::vector<Room> rooms;              ///< the programme's rooms, for the names of plan rooms without a label

  Instant now{};  ///< UTC, the instant it was built for

  /// Builds the touch screen for `state` at `now` (UTC) in the venue zone. `plan`: the venue plan the screen draws
  /// (ScreenContext::branding->plan; null: none), to know which rooms it has. Never throws on data: an empty
  /// programme gives no days and no items.
  static InteractiveViewModel Build(const Programme& programme, const VenueZone& zone, Instant now,
                                    const InteractiveState& state, const RevisionStamp& revision = {},
                                    const VenuePlan* plan = nullptr);
};

/// Whether `plan` draws `room`: a plan room that PlanRoomMatches (Branding.h) its key or its name, the rule by which
/// DrawPlanInset and the venue plan page highlight it.
bool PlanHasRoom(const VenuePlan& plan, const Room& room);

}  // namespace kiosk::ui
