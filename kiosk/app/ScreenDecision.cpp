// What a kiosk shows at one moment, decided once: PlanView's view models, then the screen, page, emergency and night.
#include "kiosk/app/ScreenDecision.h"

#include <algorithm>
#include <cmath>
#include <tuple>
#include <vector>

#include "kiosk/app/ScreenCare.h"
#include "kiosk/core/RoomLookup.h"

namespace kiosk::app {
namespace {

/// The lobby rotates in slots of AppOptions::page_seconds; a board page takes two slots, any other page one.
constexpr int kBoardSlots = 2;

/// One screen of the lobby's rotation.
struct LobbyScreen {
  Screen kind = Screen::Board;
  int page = 0;
};

/// The lobby's pages in rotation order: --show board|timeline keeps one, else AppOptions::lobby_pages.
std::vector<std::string> LobbyPages(const AppOptions& options) {
  if (options.screen == ScreenChoice::Board) return {"board"};
  if (options.screen == ScreenChoice::Timeline) return {"timeline"};
  return options.lobby_pages;
}

/// Progress bars step with the minute: the share elapsed at the start of `minute`, so that every picture drawn
/// within one minute is the same (a page turn mid-minute draws the bars where the minute's first frame drew them).
void StepWithMinute(std::optional<ui::NowInfo>& info, Instant minute) {
  if (!info || !info->item.session) return;
  const Session& session = *info->item.session;
  const auto length = (session.end - session.start).count();
  info->progress =
      length > 0 ? std::clamp(static_cast<float>((minute - session.start).count()) / length, 0.0f, 1.0f) : 0.0f;
}

}  // namespace

const char* ScreenName(Screen screen) {
  switch (screen) {
    case Screen::Message:
      return "message";
    case Screen::Emergency:
      return "emergency";
    case Screen::WrongClock:
      return "wrong clock";
    case Screen::DoorSign:
      return "door sign";
    case Screen::Touch:
      return "touch screen";
    case Screen::Countdown:
      return "countdown";
    case Screen::Closing:
      return "closing";
    case Screen::Board:
      return "board";
    case Screen::Timeline:
      return "timeline";
    case Screen::Partners:
      return "partners";
    case Screen::Plan:
      return "plan";
  }
  return "board";
}

ViewPlan PlanView(const LoadedProgramme* loaded, const std::optional<std::string>& room_option, bool clock_trusted,
                  Instant now, const VenueZone& zone) {
  ViewPlan plan;
  if (!loaded) {
    plan.next_change = now + std::chrono::seconds{1};
    return plan;
  }
  const Programme& programme = loaded->programme;
  const ui::RevisionStamp stamp{loaded->revision.number, loaded->revision.imported_at};
  plan.room = room_option ? MatchRoom(programme.rooms, *room_option).room : nullptr;
  plan.announcements =
      ui::AnnouncementsViewModel::Build(loaded->announcements, now, plan.room ? &plan.room->key : nullptr);
  if (!clock_trusted) plan.clock = ui::ClockProblemViewModel::Build(programme, stamp, now, zone);
  if (plan.clock.Wrong() && (plan.room || !room_option)) {
    plan.kind = ViewKind::WrongClock;
    // Nothing on it follows the clock but the minute it shows (and announcements).
    plan.next_change = std::chrono::floor<std::chrono::minutes>(now) + std::chrono::minutes{1};
  } else if (room_option) {
    plan.kind = ViewKind::DoorSign;
    plan.sign = ui::DoorSignViewModel::Build(programme, *room_option, now, zone, stamp);
    plan.next_change = plan.sign->next_change;
  } else {
    plan.kind = ViewKind::Board;
    plan.board = ui::BoardViewModel::Build(programme, now, zone, stamp);
    plan.next_change = plan.board->next_change;
  }
  // An announcement ending changes the screen.
  if (plan.announcements.next_change) plan.next_change = std::min(plan.next_change, *plan.announcements.next_change);
  return plan;
}
ScreenDecision DecideScreen(const LoadedProgramme* loaded, Instant now, const VenueZone& zone,
                            const AppOptions& options, const ScreenInput& input, const ScreenLayout& layout) {
  ScreenDecision decision;
  const std::chrono::seconds slot_length{std::max<long long>(1, std::llround(options.page_seconds))};
  const long long slot = input.elapsed / slot_length;
  decision.slot = slot;
  decision.plan = PlanView(loaded, options.room, input.clock_trusted, now, zone);
  ViewPlan& plan = decision.plan;
  // What moves with the seconds (progress bars, the timeline's line at now) steps with the minute instead: the
  // picture then changes only at next_change or a new slot, and one frame per change draws it.
  const Instant minute = std::chrono::floor<std::chrono::minutes>(now);
  if (plan.board)
    for (ui::RoomCard& card : plan.board->rooms) StepWithMinute(card.now, minute);
  if (plan.sign) StepWithMinute(plan.sign->on_now, minute);
  decision.next_change = plan.next_change;
  if (plan.kind == ViewKind::Message) {
    decision.status = "no programme";
    return decision;
  }
  const Programme& programme = loaded->programme;
  const ui::AnnouncementsViewModel& announcements = plan.announcements;

  // The picture at slot s, as far as the slot moves it: rotation index, and which announcement of each priority.
  std::function<long long(long long)> rotation_at = [](long long) { return 0LL; };
  if (plan.kind == ViewKind::WrongClock) {
    const ui::RevisionStamp stamp{loaded->revision.number, loaded->revision.imported_at};
    decision.wrong_clock = ui::WrongClockViewModel::Build(programme, zone, stamp, plan.room ? &plan.room->key : nullptr,
                                                          layout.landscape, plan.clock);
    decision.screen = Screen::WrongClock;
    const int count = layout.wrong_clock_pages(plan, *decision.wrong_clock);
    if (count > 0) {
      decision.count = count;
      decision.alternating = count;
      rotation_at = [count, manual = input.manual_offset](long long s) {
        return (ui::RotationPage(std::chrono::seconds{s}, std::chrono::seconds{kBoardSlots}, count) + manual) % count;
      };
      decision.page = static_cast<int>(rotation_at(slot));
      decision.index = decision.page;
    }
  } else if (plan.kind == ViewKind::DoorSign) {
    decision.screen = Screen::DoorSign;  // one room, never rotating
  } else if (input.touch_active) {
    decision.screen = Screen::Touch;
    decision.status = "touch screen";
  } else if (plan.board->phase == EventPhase::Before || plan.board->overnight) {
    decision.screen = Screen::Countdown;
  } else if (plan.board->phase == EventPhase::After) {
    decision.screen = Screen::Closing;
  } else {
    // The timeline is built only when it is in the rotation (its page count needs it). On a portrait screen the hours
    // are too narrow for text in the bars: the lobby leaves it out there unless it is the only page.
    const ui::BoardViewModel& board = *plan.board;
    std::vector<LobbyScreen> screens;
    std::vector<int> slots;  // index into screens, one per slot
    const std::vector<std::string> pages = LobbyPages(options);
    for (const std::string& name : pages) {
      const int first = static_cast<int>(screens.size());
      if (name == "board") {
        for (int page = 0; page < layout.board_pages(plan, board); ++page) {
          screens.push_back({Screen::Board, page});
          slots.insert(slots.end(), kBoardSlots, static_cast<int>(screens.size()) - 1);
        }
      } else if (name == "timeline" && (layout.landscape || pages.size() == 1)) {
        if (!decision.timeline)
          decision.timeline =
              layout.landscape
                  ? ui::TimelineViewModel::Build(programme, board.day.value_or(zone.LocalDay(now)), minute, zone)
                  : ui::TimelineViewModel::Build(programme, board.day.value_or(zone.LocalDay(now)), minute, zone,
                                                 std::chrono::hours{4}, std::chrono::hours{5});
        for (int page = 0; page < layout.timeline_pages(plan, *decision.timeline); ++page)
          screens.push_back({Screen::Timeline, page});
      } else if (name == "partners" && layout.partners) {
        screens.push_back({Screen::Partners, 0});
      } else if (name == "plan" && layout.plan) {
        screens.push_back({Screen::Plan, 0});
      }
      for (int i = first; i < static_cast<int>(screens.size()); ++i)
        if (screens[i].kind != Screen::Board) slots.push_back(i);
    }
    if (screens.empty()) {
      // Nothing in the configured rotation can show (e.g. only "partners" and no partners): the board, never blank.
      screens.push_back({Screen::Board, 0});
      slots.push_back(0);
    }
    const int count = static_cast<int>(screens.size());
    rotation_at = [slots, count, manual = input.manual_offset](long long s) {
      const int n = static_cast<int>(slots.size());
      return static_cast<long long>(
          (slots[ui::RotationPage(std::chrono::seconds{s}, std::chrono::seconds{1}, n)] + manual) % count);
    };
    const int index = static_cast<int>(rotation_at(slot));
    decision.screen = screens[index].kind;
    decision.page = screens[index].page;
    decision.index = index;
    decision.count = count;
    decision.alternating = count;
    decision.status = std::string(ScreenName(decision.screen)) + " page " + std::to_string(decision.page + 1) +
                      " (screen " + std::to_string(index + 1) + "/" + std::to_string(count) + ")";
  }

  // An emergency covers the whole screen: the pages under it do not rotate. Several announcements of one priority
  // alternate with the slots.
  const auto size_of = [](const std::vector<ui::AnnouncementView>& list) {
    return static_cast<long long>(std::max<std::size_t>(1, list.size()));
  };
  std::function<std::tuple<long long, long long, long long>(long long)> picture_at;
  if (plan.Covered()) {
    decision.covered = decision.screen;
    decision.screen = Screen::Emergency;
    decision.alternating = announcements.emergency.size() > 1 ? 2 : 1;
    picture_at = [n = size_of(announcements.emergency)](long long s) {
      return std::tuple<long long, long long, long long>{((s % n) + n) % n, 0, 0};
    };
  } else {
    if (announcements.MostOfOnePriority() > 1) decision.alternating = std::max(decision.alternating, 2);
    picture_at = [rotation_at, u = size_of(announcements.urgent), i = size_of(announcements.info)](long long s) {
      return std::tuple<long long, long long, long long>{rotation_at(s), ((s % u) + u) % u, ((s % i) + i) % i};
    };
  }
  // The next slot that shows another picture (a board page stays two slots; one page and one notice: never).
  if (decision.alternating > 1) {
    const auto shown = picture_at(slot);
    for (long long next = slot + 1; next <= slot + 1000; ++next) {
      if (picture_at(next) != shown) {
        decision.next_slot_change = next * slot_length;
        break;
      }
    }
  }

  // Night mode never dims an alert or a session going on (an evening session, a late delay).
  const date::local_seconds local = zone.ToLocal(now);
  decision.night =
      NightBrightness(std::chrono::floor<std::chrono::minutes>(local - std::chrono::floor<date::days>(local)),
                      options.night_from, options.night_until, options.night_brightness);
  const bool keep_bright = plan.Covered() || !announcements.urgent.empty() ||
                           (plan.board && std::any_of(plan.board->rooms.begin(), plan.board->rooms.end(),
                                                      [](const ui::RoomCard& card) { return card.now.has_value(); }));
  decision.brightness = keep_bright ? 1.0f : decision.night;
  return decision;
}

}  // namespace kiosk::app
