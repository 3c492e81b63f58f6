// Programme-wide validation rules that produce warnings: overlaps, zero length, outside the conference days.
#include "kiosk/core/Validation.h"

#include <algorithm>
#include <map>
#include <optional>

#include "kiosk/core/VenueZone.h"

namespace kiosk {
namespace {

/// Sessions an overlap warning names before "and N more".
constexpr std::size_t kOverlapNamed = 3;

std::string Describe(const Session& session) {
  std::string text = "\"" + session.title + "\"";
  if (!session.source_id.empty()) text += " (" + session.source_id + ")";
  return text;
}

}  // namespace

std::vector<Warning> ValidateProgramme(const Programme& programme, const std::string& source,
                                       const SessionKeys& zero_length_reported) {
  std::vector<Warning> warnings;
  std::optional<VenueZone> zone;
  try {
    zone.emplace(programme.conference.time_zone);
  } catch (const std::invalid_argument& error) {
    warnings.push_back({source, error.what()});
    zone.emplace("UTC");
  }
  auto where = [&](const Session& session) {
    return source + ": session " + (session.source_id.empty() ? session.uid : session.source_id);
  };

  // Overlaps: confirmed sessions of positive length per room, sorted by start, swept once (O(n log n) a room). A
  // group is a run of sessions each starting before the latest end so far: each overlaps an earlier one, and the
  // group is told once, with the span where two or more of them run at once (a square of pairs would not fit).
  std::map<std::string, std::vector<const Session*>> by_room;
  for (const Session& session : programme.sessions) {
    if (session.status == SessionStatus::Confirmed && session.end > session.start) {
      by_room[session.room_key].push_back(&session);
    }
  }
  for (auto& room_sessions : by_room) {
    // Not a structured binding: the lambda below captures `list`, which clang 14 (the fuzzers' compiler) refuses
    // for a binding.
    const std::string& room_key = room_sessions.first;
    std::vector<const Session*>& list = room_sessions.second;
    std::stable_sort(list.begin(), list.end(), [](const Session* a, const Session* b) { return a->start < b->start; });
    const Room* room = programme.FindRoom(room_key);
    const std::string room_name = room ? room->name : room_key;
    std::size_t first = 0;         // the group's first session in `list`
    Instant reach = list[0]->end;  // the latest end of the group so far
    Instant from{}, to{};          // where two or more of the group run at once
    auto tell = [&](std::size_t end) {
      const std::size_t count = end - first;
      if (count < 2) return;
      std::string names = Describe(*list[first]);
      const std::size_t named = count <= kOverlapNamed ? count : kOverlapNamed - 1;
      for (std::size_t i = 1; i < named; ++i) names += (i + 1 == count ? " and " : ", ") + Describe(*list[first + i]);
      if (named < count) names += " and " + std::to_string(count - named) + " more";
      warnings.push_back({where(*list[first + 1]), std::to_string(count) + " sessions overlap in " + room_name +
                                                       " between " + zone->FormatHm(from) + " and " +
                                                       zone->FormatHm(to) + " on " + FormatDay(zone->LocalDay(from)) +
                                                       ": " + names});
    };
    for (std::size_t i = 1; i < list.size(); ++i) {
      const Session& session = *list[i];
      if (session.start < reach) {
        if (i == first + 1) from = session.start;
        to = std::max(i == first + 1 ? Instant{} : to, std::min(session.end, reach));
        reach = std::max(reach, session.end);
      } else {
        tell(i);
        first = i;
        reach = session.end;
      }
    }
    tell(list.size());
  }

  const ConferenceInfo& info = programme.conference;
  for (const Session& session : programme.sessions) {
    if (session.end == session.start && !zero_length_reported.count({session.uid, session.start})) {
      warnings.push_back({where(session), Describe(session) + " has zero length"});
    }
    if (info.first_day.ok() && info.last_day.ok()) {
      Day start_day = zone->LocalDay(session.start);
      if (session.day < info.first_day || session.day > info.last_day ||
          (start_day < info.first_day || start_day > date::sys_days{info.last_day} + date::days{1})) {
        warnings.push_back({where(session), Describe(session) + " on " + FormatDay(session.day) +
                                                " is outside the conference days " + FormatDay(info.first_day) +
                                                " to " + FormatDay(info.last_day)});
      }
    }
  }
  return warnings;
}

}  // namespace kiosk
