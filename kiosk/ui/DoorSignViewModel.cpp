// Builds the door sign view model: one room's now, next and day, from a programme, an instant and the venue zone.
#include "kiosk/ui/DoorSignViewModel.h"

#include <algorithm>

#include "kiosk/core/NowNext.h"
#include "kiosk/core/RoomLookup.h"
#include "kiosk/core/Text.h"
#include "kiosk/ui/Catalogue.h"
#include "kiosk/ui/Typography.h"

namespace kiosk::ui {

namespace {

/// A session as this room's sign shows it: one moved here says where from, rather than "Déplacé → <this room>".
SessionItem ItemForRoom(const Programme& programme, const Session& session, const VenueZone& zone,
                        const std::string& room_key) {
  SessionItem item = MakeSessionItem(programme, session, zone);
  if (session.room_key == room_key) SayMovedHere(item);
  return item;
}

}  // namespace

DoorSignViewModel DoorSignViewModel::Build(const Programme& programme, std::string_view room_key, Instant now,
                                           const VenueZone& zone, const RevisionStamp& revision) {
  DoorSignViewModel vm;
  vm.now = now;
  vm.requested = std::string(room_key);
  const Day today = zone.LocalDay(now);
  const bool french = ProgrammeIsFrench(programme);
  vm.event_name = DisplayText(Trim(programme.conference.title), french);
  vm.day_label = DayLabel(today);
  vm.clock = zone.FormatHm(now);
  vm.revision = RevisionLabel(revision, zone, today);
  vm.next_change = std::chrono::floor<std::chrono::minutes>(now) + std::chrono::minutes{1};

  const RoomMatch match = MatchRoom(programme.rooms, room_key);
  const Room* room = match.room;
  if (room == nullptr) {
    if (match.Ambiguous()) {
      vm.ambiguous = true;
      for (const Room* r : match.candidates) vm.known_rooms.push_back(DisplayText(r->name, french));
    } else {
      for (const Room& r : programme.rooms) vm.known_rooms.push_back(DisplayText(r.name, french));
    }
    return vm;
  }
  vm.found = true;
  vm.room_key = room->key;
  vm.room_name = DisplayText(room->name, french);

  std::vector<const Session*> mine;  // programme order: by start
  std::vector<const Session*> moved_away;
  for (const Session& session : programme.sessions) {
    if (session.room_key != room->key) {
      if (session.marks.moved_from == room->key) moved_away.push_back(&session);
      continue;
    }
    mine.push_back(&session);
    // Only this room's boundaries change what the sign shows (besides the minute).
    if (session.start > now) vm.next_change = std::min(vm.next_change, session.start);
    if (session.end > now) vm.next_change = std::min(vm.next_change, session.end);
  }

  if (const Session* on = SessionOnNow(programme, room->key, now)) {
    vm.on_now = MakeNowInfo(programme, *on, zone, now);
    vm.on_now->item = ItemForRoom(programme, *on, zone, room->key);
  }
  if (const Session* next = NextSession(programme, room->key, now)) {
    vm.next = MakeNextInfo(programme, *next, zone, now);
    vm.next->item = ItemForRoom(programme, *next, zone, room->key);
  }
  for (const Session* session : RoomAlerts(programme, room->key, now, zone)) {
    vm.alerts.push_back(MakeSessionItem(programme, *session, zone));
    // A session moved away still changes what the sign says when it starts and ends.
    if (session->start > now) vm.next_change = std::min(vm.next_change, session->start);
    if (session->end > now) vm.next_change = std::min(vm.next_change, session->end);
  }
  vm.alert_before_next = AlertBeforeNext(vm.alerts, vm.next);
  auto without_full = [](const std::vector<SessionMark>& marks) {
    std::vector<SessionMark> out;
    for (const SessionMark& mark : marks)
      if (mark.kind != MarkKind::Full) out.push_back(mark);
    return out;
  };
  if (vm.on_now) vm.now_badges = without_full(vm.on_now->item.Badges());
  if (vm.next) vm.next_badges = without_full(vm.next->item.Badges());
  if (!vm.on_now) {
    for (const Session* session : mine) {
      if (session->status == SessionStatus::Cancelled && session->start <= now && now < session->end)
        vm.cancelled_now = MakeSessionItem(programme, *session, zone);
    }
    const bool had_today = std::any_of(mine.begin(), mine.end(), [&](const Session* s) {
      return s->status != SessionStatus::Cancelled && zone.LocalDay(s->start) == today && s->start <= now;
    });
    if (vm.next && !vm.next->other_day) {
      const std::string& hm = vm.next->item.start_hm;
      const Bilingual free = Format(UiText("common.free_until"), {{"time", hm}});
      vm.status = {FrenchDisplay(free.fr), free.en};
    } else if (had_today) {
      vm.status = UiText("common.no_more_today");
    } else {
      vm.status = UiText("common.no_sessions_today");
    }
  }

  // The day to list: the one running now, else the room's first day with a session still to end, else its last.
  // Sessions moved away count: a room whose sessions all left still lists them, marked, for those at its door.
  std::vector<const Session*> listed = mine;
  listed.insert(listed.end(), moved_away.begin(), moved_away.end());
  if (vm.on_now) {
    vm.day = vm.on_now->item.session->day;
  } else {
    for (const Session* session : listed) {
      // A day whose sessions are all over gives way to the next one (the evening shows tomorrow).
      if (session->day.ok() && session->day >= today && session->end > now && (!vm.day || session->day < *vm.day))
        vm.day = session->day;
    }
    if (!vm.day) {
      for (const Session* session : listed)
        if (session->day.ok() && (!vm.day || session->day > *vm.day)) vm.day = session->day;
    }
  }
  if (vm.day) {
    if (*vm.day == today) {
      vm.list_label = UiText("door.today_here");
    } else {
      const Bilingual d = ShortDayLabel(*vm.day);
      const Bilingual& of = UiText("common.programme_of");
      vm.list_label = {Format(of.fr, {{"day", d.fr}}), Format(of.en, {{"day", d.en}})};
    }
    for (const Session* session : mine) {
      if (session->day != *vm.day) continue;
      DoorSignEntry entry;
      entry.item = ItemForRoom(programme, *session, zone, room->key);
      entry.past = session->end <= now;
      entry.is_now = vm.on_now && vm.on_now->item.session == session;
      vm.sessions.push_back(std::move(entry));
    }
    for (const Session* session : moved_away) {
      if (session->day != *vm.day) continue;
      DoorSignEntry entry;
      entry.item = MakeSessionItem(programme, *session, zone);
      entry.past = session->end <= now;
      entry.moved_away = true;
      vm.sessions.push_back(std::move(entry));
    }
    // By start; at equal starts (a room swap) the session here before the one that left.
    std::stable_sort(vm.sessions.begin(), vm.sessions.end(), [](const DoorSignEntry& a, const DoorSignEntry& b) {
      if (a.item.start != b.item.start) return a.item.start < b.item.start;
      return !a.moved_away && b.moved_away;
    });
  }
  return vm;
}

std::string RoomNotFoundLine(const DoorSignViewModel& sign, std::int64_t revision) {
  std::string line = "--room '" + sign.requested + "': ";
  if (sign.ambiguous) {
    line += "names several rooms (";
    for (std::size_t i = 0; i < sign.known_rooms.size(); ++i) line += (i ? ", " : "") + sign.known_rooms[i];
    line += ")";
  } else {
    line += "no such room";
  }
  return line + " in revision " + std::to_string(revision);
}

}  // namespace kiosk::ui
