// Now/next queries: linear scans over the sorted sessions (a programme holds at most a few thousand).
#include "kiosk/core/NowNext.h"

#include <algorithm>

namespace kiosk {

const Session* SessionOnNow(const Programme& programme, const std::string& room_key, Instant t) {
  const Session* found = nullptr;
  for (const Session& session : programme.sessions) {
    if (session.start > t) break;  // sorted by start
    if (session.room_key != room_key || session.status == SessionStatus::Cancelled) continue;
    if (session.start <= t && t < session.end) {
      // Of overlapping sessions, the one that started last is what the room is showing now.
      if (!found || session.start >= found->start) found = &session;
    }
  }
  return found;
}

const Session* NextSession(const Programme& programme, const std::string& room_key, Instant t) {
  for (const Session& session : programme.sessions) {
    if (session.start <= t || session.room_key != room_key || session.status == SessionStatus::Cancelled) continue;
    return &session;  // sorted by start, then room, then uid
  }
  return nullptr;
}

std::vector<RoomNowNext> NowNextByRoom(const Programme& programme, Instant t) {
  std::vector<RoomNowNext> result;
  result.reserve(programme.rooms.size());
  for (const Room& room : programme.rooms) {
    result.push_back({&room, SessionOnNow(programme, room.key, t), NextSession(programme, room.key, t)});
  }
  return result;
}

namespace {

/// Whether a session counts for the span of a day or of the event: confirmed ones, or all when none is confirmed.
bool CountsForSpan(const Programme& programme, const Session& session) {
  if (session.status == SessionStatus::Confirmed) return true;
  return std::none_of(programme.sessions.begin(), programme.sessions.end(),
                      [](const Session& s) { return s.status == SessionStatus::Confirmed; });
}

}  // namespace

std::optional<Day> CurrentDay(const Programme& programme, Instant t, Day venue_today) {
  if (programme.sessions.empty()) return std::nullopt;
  std::vector<Day> days = programme.Days();
  for (Day day : days) {
    Instant first = Instant::max(), last = Instant::min();
    for (const Session& session : programme.sessions) {
      if (session.day != day || !CountsForSpan(programme, session)) continue;
      first = std::min(first, session.start);
      last = std::max(last, session.end);
    }
    if (first <= t && t < last) return day;
  }
  for (Day day : days) {
    if (day >= venue_today) return day;
  }
  return days.back();
}

std::vector<const Session*> SessionsOfDay(const Programme& programme, Day day) {
  std::vector<const Session*> result;
  for (const Session& session : programme.sessions) {
    if (session.day == day) result.push_back(&session);
  }
  return result;
}

const Session* OpeningSession(const Programme& programme) {
  const Session* opening = nullptr;
  for (const Session& session : programme.sessions) {
    if (!CountsForSpan(programme, session)) continue;
    if (!opening || session.start < opening->start) opening = &session;
  }
  return opening;
}

EventPhase PhaseAt(const Programme& programme, Instant t) {
  if (programme.sessions.empty()) return EventPhase::Before;
  Instant first = Instant::max(), last = Instant::min();
  for (const Session& session : programme.sessions) {
    if (!CountsForSpan(programme, session)) continue;
    first = std::min(first, session.start);
    last = std::max(last, session.end);
  }
  if (t < first) return EventPhase::Before;
  if (t >= last) return EventPhase::After;
  return EventPhase::During;
}

}  // namespace kiosk
