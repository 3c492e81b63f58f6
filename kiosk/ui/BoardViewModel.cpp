// Builds the lobby board view model from a programme, an instant and the venue zone.
#include "kiosk/ui/BoardViewModel.h"

#include <algorithm>
#include <array>
#include <limits>

#include "kiosk/core/Fields.h"
#include "kiosk/core/LiveChanges.h"
#include "kiosk/core/Text.h"
#include "kiosk/ui/Catalogue.h"
#include "kiosk/ui/Overlays.h"
#include "kiosk/ui/Typography.h"

namespace kiosk::ui {
namespace {

using std::chrono::minutes;

Bilingual Countdown(Instant now, Instant first_start, const VenueZone& zone) {
  auto days = (date::sys_days{zone.LocalDay(first_start)} - date::sys_days{zone.LocalDay(now)}).count();
  if (days >= 1) {
    std::string n = std::to_string(days);
    return Format(UiText(days == 1 ? "countdown.day" : "countdown.days"), {{"n", n}});
  }
  return StartsInLabel(now, first_start);
}

}  // namespace

BoardViewModel BoardViewModel::Build(const Programme& programme, Instant now, const VenueZone& zone,
                                     const RevisionStamp& revision) {
  BoardViewModel vm;
  vm.now = now;
  const Day today = zone.LocalDay(now);
  const bool french = ProgrammeIsFrench(programme);
  vm.event_name = DisplayText(Trim(programme.conference.title), french);
  vm.day_label = DayLabel(today);
  vm.clock = zone.FormatHm(now);
  vm.phase = PhaseAt(programme, now);
  vm.day = CurrentDay(programme, now, today);
  vm.revision = RevisionLabel(revision, zone, today);

  // The clock changes at the next minute boundary; a session starting or ending changes the cards.
  vm.next_change = std::chrono::floor<minutes>(now) + minutes{1};
  for (const Session& session : programme.sessions) {
    if (session.start > now) vm.next_change = std::min(vm.next_change, session.start);
    if (session.end > now) vm.next_change = std::min(vm.next_change, session.end);
  }

  if (programme.sessions.empty()) return vm;
  const std::vector<Day> days = programme.Days();
  vm.dates = DaySpanLabel(days.front(), days.back());

  // Waiting for `next` (before the event, or overnight): what opens when, and that day's programme.
  auto wait_for = [&](const Session& next, std::string_view label_key, std::string_view opening_key) {
    vm.waiting_label = UiText(label_key);
    const Bilingual d = ShortDayLabel(zone.LocalDay(next.start));
    const std::string hm = zone.FormatHm(next.start);
    const Bilingual& opening = UiText(opening_key);
    vm.opening = {Format(opening.fr, {{"day", d.fr}, {"time", hm}}), Format(opening.en, {{"day", d.en}, {"time", hm}})};
    for (const Session* session : SessionsOfDay(programme, next.day))
      vm.day_programme.push_back(MakeSessionItem(programme, *session, zone));
  };

  // A cancelled first session opens nothing: count to the first confirmed one, the session PhaseAt waits for.
  const Session* opening = OpeningSession(programme);
  if (vm.phase == EventPhase::Before && opening != nullptr) {
    vm.countdown = Countdown(now, opening->start, zone);
    wait_for(*opening, "board.event_opens", "board.opens_at");
  }
  if (vm.phase == EventPhase::After) {
    vm.closing_title = {FrenchDisplay(UiText("closing.title").fr), UiText("closing.title").en};
    vm.closing_text = UiText("closing.text");
  }

  const std::vector<const Session*> day_sessions =
      vm.day ? SessionsOfDay(programme, *vm.day) : std::vector<const Session*>{};
  for (const RoomNowNext& entry : NowNextByRoom(programme, now)) {
    // A room whose only session today moved away still gets its card: people look for the session there.
    const std::vector<const Session*> alerts = RoomAlerts(programme, entry.room->key, now, zone);
    bool in_day = entry.now != nullptr || !alerts.empty() ||
                  std::any_of(day_sessions.begin(), day_sessions.end(),
                              [&](const Session* s) { return s->room_key == entry.room->key; });
    if (!in_day) continue;
    RoomCard card;
    card.room_key = entry.room->key;
    card.room_name = DisplayText(entry.room->name, french);
    // The card is the room's own: a session moved into it is "moved here", not "moved to <this room>".
    if (entry.now) {
      card.now = MakeNowInfo(programme, *entry.now, zone, now);
      SayMovedHere(card.now->item);
    }
    if (entry.next) {
      card.next = MakeNextInfo(programme, *entry.next, zone, now);
      SayMovedHere(card.next->item);
    }
    for (const Session* session : day_sessions) {
      if (session->room_key == card.room_key && session->status == SessionStatus::Cancelled && session->start <= now &&
          now < session->end) {
        card.cancelled_now = MakeSessionItem(programme, *session, zone);
      }
    }
    for (const Session* session : alerts) card.alerts.push_back(MakeSessionItem(programme, *session, zone));
    card.alert_before_next = AlertBeforeNext(card.alerts, card.next);
    card.done_for_today = !entry.now && (!card.next || card.next->other_day);
    if (!entry.now) {
      if (card.done_for_today) {
        card.status = UiText("common.no_more_today");
      } else {
        card.status = Format(UiText("board.next_session_at"), {{"time", card.next->item.start_hm}});
      }
    }
    vm.rooms.push_back(std::move(card));
  }

  // At a glance the first cards are the rooms where something is on, then those where something is still to come
  // today, soonest first; rooms done for the day go last. Programme order otherwise.
  auto rank = [](const RoomCard& card) { return card.now ? 0 : (card.done_for_today ? 2 : 1); };
  std::stable_sort(vm.rooms.begin(), vm.rooms.end(), [&](const RoomCard& a, const RoomCard& b) {
    if (rank(a) != rank(b)) return rank(a) < rank(b);
    if (rank(a) == 1) return a.next->item.start < b.next->item.start;
    return false;
  });

  for (const Session* session : day_sessions) {
    if (session->start > now) vm.coming.push_back(MakeSessionItem(programme, *session, zone));
  }

  if (vm.phase == EventPhase::During &&
      std::none_of(vm.rooms.begin(), vm.rooms.end(), [](const RoomCard& card) { return card.now.has_value(); })) {
    for (const Session& session : programme.sessions) {
      if (session.start > now && session.status != SessionStatus::Cancelled) {
        vm.next_anywhere = MakeNextInfo(programme, session, zone, now);
        break;
      }
    }
  }

  // Overnight: the day is over and the event resumes on a later day; the screen waits for it like before the start.
  if (vm.next_anywhere && vm.next_anywhere->other_day &&
      std::none_of(programme.sessions.begin(), programme.sessions.end(), [&](const Session& s) {
        return s.status != SessionStatus::Cancelled && s.end > now && zone.LocalDay(s.start) <= today;
      })) {
    const Session& next = *vm.next_anywhere->item.session;
    vm.overnight = true;
    vm.countdown = StartsInLabel(now, next.start);
    wait_for(next, "board.event_resumes", "board.resumes_at");
  }
  return vm;
}

}  // namespace kiosk::ui
