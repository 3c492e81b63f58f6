// The touch screen's state transitions and its view model, built from a programme, a state and an instant.
#include "kiosk/ui/InteractiveViewModel.h"

#include <algorithm>
#include <array>
#include <map>
#include <string_view>

#include "kiosk/core/NowNext.h"
#include "kiosk/core/Text.h"
#include "kiosk/ui/Typography.h"

namespace kiosk::ui {
namespace {

constexpr std::array<std::string_view, 7> kFrenchWeekdayShort = {"dim.", "lun.", "mar.", "mer.",
                                                                 "jeu.", "ven.", "sam."};
constexpr std::array<std::string_view, 7> kEnglishWeekdayShort = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};

/// "mer. 8" / "Wed 8".
Bilingual CompactDayLabel(Day day) {
  const unsigned weekday = date::weekday{date::sys_days{day}}.c_encoding();
  const std::string number = std::to_string(static_cast<unsigned>(day.day()));
  return {std::string(kFrenchWeekdayShort[weekday]) + " " + number,
          std::string(kEnglishWeekdayShort[weekday]) + " " + number};
}

/// Chips of `counts` (key -> count, label), most sessions first, then by label (accents and case ignored).
std::vector<FilterChip> SortedChips(const std::map<std::string, std::pair<int, Bilingual>>& counts,
                                    const std::string& active, bool kind_chips) {
  std::vector<FilterChip> chips;
  for (const auto& [key, value] : counts) chips.push_back({key, value.second, value.first, key == active});
  for (FilterChip& chip : chips) chip.kind = kind_chips ? ClassifyKind(chip.key) : SessionKind::Other;
  std::sort(chips.begin(), chips.end(), [](const FilterChip& a, const FilterChip& b) {
    if (a.count != b.count) return a.count > b.count;
    return MatchKey(a.label.fr) < MatchKey(b.label.fr);
  });
  return chips;
}

bool Offered(const std::vector<FilterChip>& chips, const std::string& key) {
  return std::any_of(chips.begin(), chips.end(), [&](const FilterChip& chip) { return chip.key == key; });
}

/// The session the state selected: its uid at its start; after a live delay moved the start, the occurrence of that
/// uid starting nearest to it.
const Session* FindSelected(const Programme& programme, const InteractiveState& state) {
  if (state.session_uid.empty()) return nullptr;
  const Session* best = nullptr;
  for (const Session& session : programme.sessions) {
    if (session.uid != state.session_uid) continue;
    if (session.start == state.session_start) return &session;
    const auto distance = [&](const Session& s) {
      return s.start > state.session_start ? s.start - state.session_start : state.session_start - s.start;
    };
    if (!best || distance(session) < distance(*best)) best = &session;
  }
  return best;
}

}  // namespace

InteractiveState Apply(InteractiveState state, const InteractiveInput& input) {
  using Target = InteractiveInput::Target;
  state.last_touch = input.at;
  // The first touch pins the page the visitor saw: a session ending must not turn the list under their finger.
  if (!state.list_page && input.list_page) state.list_page = std::max(0, *input.list_page);
  switch (input.target) {
    case Target::None:
      break;
    case Target::Day:
      state.page = InteractivePage::Browse;
      state.day = input.day;
      state.list_page.reset();
      state.kind_first = 0;
      state.theme_first = 0;
      break;
    case Target::Kind:
      state.page = InteractivePage::Browse;
      state.kind = input.key == state.kind ? std::string() : input.key;
      state.list_page.reset();
      break;
    case Target::Theme:
      state.page = InteractivePage::Browse;
      state.theme = input.key == state.theme ? std::string() : input.key;
      state.list_page.reset();
      break;
    case Target::KindMore:
      state.kind_first = std::max(0, input.index);
      break;
    case Target::ThemeMore:
      state.theme_first = std::max(0, input.index);
      break;
    case Target::Session:
      state.page = InteractivePage::Detail;
      state.session_uid = input.key;
      state.session_start = input.start;
      break;
    case Target::Back:
      if (state.page == InteractivePage::Plan && state.plan_return == InteractivePage::Detail &&
          !state.session_uid.empty()) {
        state.page = InteractivePage::Detail;
      } else {
        state.page = InteractivePage::Browse;
        state.session_uid.clear();
        state.session_start = {};
      }
      state.plan_room.clear();
      break;
    case Target::Plan:
      state.plan_return = state.page == InteractivePage::Detail ? InteractivePage::Detail : InteractivePage::Browse;
      state.page = InteractivePage::Plan;
      state.plan_room = input.key;
      break;
    case Target::PageUp:
      state.list_page = std::max(0, input.index >= 0 ? input.index : state.list_page.value_or(0) - 1);
      break;
    case Target::PageDown:
      state.list_page = std::max(0, input.index >= 0 ? input.index : state.list_page.value_or(0) + 1);
      break;
  }
  return state;
}

bool IdleExpired(const InteractiveState& state, TouchClock::time_point now, std::chrono::duration<double> idle) {
  // Never touched counts as idle whatever the clock says (the steady clock starts near 0 at boot).
  return state.last_touch == TouchClock::time_point{} || now - state.last_touch >= idle;
}

bool PlanHasRoom(const VenuePlan& plan, const Room& room) {
  return std::any_of(plan.rooms.begin(), plan.rooms.end(),
                     [&](const PlanRoom& plan_room) { return PlanRoomMatches(plan_room, room.key, room.name); });
}

InteractiveViewModel InteractiveViewModel::Build(const Programme& programme, const VenueZone& zone, Instant now,
                                                 const InteractiveState& state, const RevisionStamp& revision,
                                                 const VenuePlan* plan) {
  InteractiveViewModel vm;
  vm.now = now;
  const bool french = ProgrammeIsFrench(programme);
  vm.event_name = DisplayText(Trim(programme.conference.title), french);
  const Day today = zone.LocalDay(now);
  vm.today_label = DayLabel(today);
  vm.clock = zone.FormatHm(now);
  vm.revision = RevisionLabel(revision, zone, today);
  vm.has_plan = plan != nullptr && !plan->Empty();
  vm.rooms = programme.rooms;

  const std::vector<Day> days = programme.Days();
  if (state.day && std::find(days.begin(), days.end(), *state.day) != days.end()) {
    vm.day = state.day;
  } else {
    vm.day = CurrentDay(programme, now, today);
  }
  for (const Day day : days)
    vm.days.push_back({day, ShortDayLabel(day), CompactDayLabel(day), vm.day && day == *vm.day, day == today});

  // The day's sessions, then the kinds and themes they offer; a filter the day lacks is dropped.
  std::vector<const Session*> of_day;
  if (vm.day) of_day = SessionsOfDay(programme, *vm.day);
  std::map<std::string, std::pair<int, Bilingual>> kinds, themes;
  for (const Session* session : of_day) {
    if (const std::string key = MatchKey(session->kind); !key.empty()) {
      auto& entry = kinds[key];
      if (entry.first++ == 0) entry.second = KindLabel(Trim(session->kind));
    }
    if (const std::string key = MatchKey(session->track); !key.empty()) {
      auto& entry = themes[key];
      if (entry.first++ == 0)
        entry.second = {DisplayText(Trim(session->track), IsFrenchLanguage(session->language)), ""};
    }
  }
  vm.kinds = SortedChips(kinds, state.kind, true);
  vm.themes = SortedChips(themes, state.theme, false);
  if (Offered(vm.kinds, state.kind)) vm.kind = state.kind;
  if (Offered(vm.themes, state.theme)) vm.theme = state.theme;

  auto item_of = [&](const Session& session) {
    BrowseItem item;
    item.item = MakeSessionItem(programme, session, zone);
    item.theme = DisplayText(Trim(session.track), IsFrenchLanguage(session.language));
    item.is_now = !item.item.cancelled && session.start <= now && now < session.end;
    item.past = session.end <= now;
    return item;
  };
  for (const Session* session : of_day) {
    if (!vm.kind.empty() && MatchKey(session->kind) != vm.kind) continue;
    if (!vm.theme.empty() && MatchKey(session->track) != vm.theme) continue;
    vm.items.push_back(item_of(*session));
  }
  for (std::size_t i = 0; i < vm.items.size(); ++i) {
    if (!vm.items[i].past) {
      vm.first_current = i;
      break;
    }
  }

  // Detail (and Plan opened from it): the session, if the programme still has it.
  vm.page = state.page;
  const Session* selected = FindSelected(programme, state);
  const bool wants_session = state.page == InteractivePage::Detail ||
                             (state.page == InteractivePage::Plan && state.plan_return == InteractivePage::Detail);
  if (wants_session && selected) {
    const BrowseItem item = item_of(*selected);
    SessionDetail detail;
    detail.item = item.item;
    if (detail.item.title_en == detail.item.title) detail.item.title_en.clear();
    detail.theme = item.theme;
    detail.is_now = item.is_now;
    detail.past = item.past;
    detail.day_label = ShortDayLabel(selected->day.ok() ? selected->day : zone.LocalDay(selected->start));
    const bool session_french = IsFrenchLanguage(selected->language);
    for (const Speaker& speaker : selected->speakers) {
      if (Trim(speaker.name).empty()) continue;
      detail.speakers.push_back(
          {DisplayText(Trim(speaker.name), session_french), DisplayText(Trim(speaker.role), session_french)});
    }
    detail.description = DisplayText(selected->description, session_french);
    detail.room_key = selected->room_key;
    const Room* room = programme.FindRoom(selected->room_key);
    detail.on_plan = vm.has_plan && room != nullptr && PlanHasRoom(*plan, *room);
    vm.detail = std::move(detail);
  } else if (state.page == InteractivePage::Detail) {
    vm.page = InteractivePage::Browse;  // gone with a new revision: back to the list
  }

  if (vm.page == InteractivePage::Plan) {
    vm.plan_room_key = state.plan_room;
    if (const Room* room = programme.FindRoom(state.plan_room)) vm.plan_room_name = DisplayText(room->name, french);
  }
  return vm;
}

}  // namespace kiosk::ui
