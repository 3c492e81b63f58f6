// Programme-wide validation rules that produce warnings: overlaps, zero length, outside the conference days.
#include "kiosk/core/Validation.h"

#include <algorithm>
#include <map>
#include <optional>

#include "kiosk/core/VenueZone.h"

namespace kiosk {
namespace {

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

  // Overlaps: confirmed sessions per room, sorted by start; compare each with the later ones it reaches.
  std::map<std::string, std::vector<const Session*>> by_room;
  for (const Session& session : programme.sessions) {
    if (session.status == SessionStatus::Confirmed) by_room[session.room_key].push_back(&session);
  }
  for (auto& [room_key, list] : by_room) {
    std::stable_sort(list.begin(), list.end(), [](const Session* a, const Session* b) { return a->start < b->start; });
    const Room* room = programme.FindRoom(room_key);
    const std::string room_name = room ? room->name : room_key;
    for (std::size_t i = 0; i < list.size(); ++i) {
      for (std::size_t j = i + 1; j < list.size() && list[j]->start < list[i]->end; ++j) {
        Instant from = std::max(list[i]->start, list[j]->start);
        Instant to = std::min(list[i]->end, list[j]->end);
        if (from >= to) continue;
        warnings.push_back({where(*list[j]), Describe(*list[i]) + " and " + Describe(*list[j]) + " overlap in " +
                                                 room_name + " between " + zone->FormatHm(from) + " and " +
                                                 zone->FormatHm(to)});
      }
    }
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
