// Rules the frab schedule.xml and schedule.json importers share (see FrabCommon.h).
#include "kiosk/importers/FrabCommon.h"

#include <algorithm>
#include <iterator>
#include <stdexcept>
#include <utility>

#include "kiosk/core/Text.h"
#include "kiosk/core/Validation.h"
#include "kiosk/importers/Durations.h"

namespace kiosk::frab {

std::string CleanText(std::string_view text) {
  text = Trim(text);
  const bool ascii = std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  return ascii ? std::string(text) : ToNfc(text);
}

bool SaysCancelled(std::string_view text) {
  if (Trim(text).empty()) return false;
  const std::string key = NormalizeKey(text);
  return key == "cancelled" || key == "canceled" || key == "annule";
}

std::optional<std::chrono::seconds> ParseTimeOfDay(std::string_view text) {
  text = Trim(text);
  auto two = [](std::string_view digits) {
    if (digits.empty() || digits.size() > 2) return -1;
    int value = 0;
    for (char c : digits) {
      if (c < '0' || c > '9') return -1;
      value = value * 10 + (c - '0');
    }
    return value;
  };
  const std::size_t colon = text.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  const int hours = two(text.substr(0, colon));
  std::string_view rest = text.substr(colon + 1);
  const std::size_t colon2 = rest.find(':');
  const int minutes = two(rest.substr(0, colon2));
  const int seconds = colon2 == std::string_view::npos ? 0 : two(rest.substr(colon2 + 1));
  if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59 || seconds < 0 || seconds > 59) return std::nullopt;
  if (rest.substr(0, colon2).size() != 2) return std::nullopt;
  return std::chrono::hours(hours) + std::chrono::minutes(minutes) + std::chrono::seconds(seconds);
}

Zones ChooseZones(const ImportOptions& options, const std::string& source, std::string_view file_zone,
                  const std::string& file_zone_where, std::vector<Warning>& warnings) {
  std::optional<VenueZone> file;
  const std::string file_name = CleanText(file_zone);
  if (!file_name.empty()) {
    try {
      file.emplace(file_name);
    } catch (const std::invalid_argument&) {
      warnings.push_back({file_zone_where, "unknown time zone '" + file_name + "', ignored"});
    }
  }
  std::optional<VenueZone> venue;
  const std::string venue_name = !options.time_zone.empty() ? options.time_zone
                                 : file                     ? file->Name()
                                                            : std::string(kDefaultZone);
  try {
    venue.emplace(venue_name);
  } catch (const std::invalid_argument&) {
    throw ImportError(source, "unknown time zone '" + venue_name + "'");
  }
  return Zones{*venue, file ? *file : *venue};
}

Day ConferenceDay(std::string_view raw, const Zones& zones) {
  const std::string_view text = Trim(raw);
  if (text.size() <= 10) return ParseDay(text);
  try {
    return zones.venue.LocalDay(ParseIsoInstant(text, zones.wall));
  } catch (const std::invalid_argument&) {
    return ParseDay(text.substr(0, 10));
  }
}

DayContext ReadDayContext(std::string_view raw_date, std::string_view start, const VenueZone& wall,
                          const FieldNames& names, const std::string& where, std::vector<Warning>& warnings) {
  DayContext context;
  context.date = ParseDay(Trim(raw_date));
  if (!context.date.ok()) {
    warnings.push_back(
        {where, "no readable " + std::string(names.day_date) + "; its events are filed under their venue-local date"});
  }
  if (!start.empty()) {
    try {
      context.start = ParseIsoInstant(start, wall);
    } catch (const std::invalid_argument&) {
      warnings.push_back(
          {where, "unreadable " + std::string(names.day_start) + " '" + std::string(start) + "', ignored"});
    }
  }
  return context;
}

Instant EventStart(std::string_view raw_date, std::string_view raw_start, const DayContext& day,
                   std::optional<std::chrono::seconds> day_change, const VenueZone& wall, const FieldNames& names,
                   const std::string& where, const std::string& label) {
  const std::string_view date = Trim(raw_date);
  if (!date.empty()) {
    try {
      return ParseIsoInstant(date, wall);
    } catch (const std::invalid_argument&) {
      throw ImportError(where,
                        label + ": unreadable " + std::string(names.event_date) + " '" + std::string(date) + "'");
    }
  }
  const std::optional<std::chrono::seconds> time_of_day = ParseTimeOfDay(raw_start);
  if (!time_of_day) {
    throw ImportError(where, label + ": no " + std::string(names.event_date) + " and missing or unreadable " +
                                 std::string(names.event_start) + " '" + std::string(Trim(raw_start)) + "'");
  }
  if (!day.date.ok()) {
    throw ImportError(where, label + ": no " + std::string(names.event_date) + ", and its day has no readable date");
  }
  const date::local_seconds local = date::local_days(day.date) + *time_of_day;
  const Instant start = wall.ToInstant(local);
  const bool after_midnight = day.start ? start < *day.start : (day_change && *time_of_day < *day_change);
  return after_midnight ? wall.ToInstant(local + date::days(1)) : start;
}

std::string SessionUid(const Session& session, const std::string& guid) {
  if (!guid.empty()) return guid;
  if (!session.source_id.empty()) return "id:" + session.source_id;
  return "key:" + session.room_key + "@" + std::to_string(session.start.time_since_epoch().count()) + ":" +
         NormalizeKey(session.title);
}

void ProgrammeBuilder::Warn(std::string where, std::string message) {
  warnings.push_back({std::move(where), std::move(message)});
}

std::size_t ProgrammeBuilder::Room(std::string_view raw_name, std::string_view raw_guid, const std::string& where) {
  std::string name = CleanText(raw_name);
  if (name.empty()) {
    Warn(where, "no room name; filed under " + std::string(kNoRoomName));
    name = kNoRoomName;
  }
  std::string name_key = NormalizeKey(name);
  if (name_key.empty()) name_key = name;
  if (auto found = m_by_name.find(name_key); found != m_by_name.end()) return found->second;

  const std::size_t index = programme.rooms.size();
  std::string key = name_key;
  const std::string guid = CleanText(raw_guid);
  if (!guid.empty()) {
    auto [slot, inserted] = m_by_guid.try_emplace(guid, index);
    if (inserted) {
      key = guid;
    } else {
      Warn(where, "room '" + name + "' has the guid of room '" + programme.rooms[slot->second].name +
                      "'; keyed by its name instead");
    }
  }
  programme.rooms.push_back({std::move(key), std::move(name)});
  m_by_name.emplace(std::move(name_key), index);
  return index;
}

void ProgrammeBuilder::AddSession(Session session, const std::string& where, const std::string& label) {
  std::string identity = session.uid + '@' + std::to_string(session.start.time_since_epoch().count());
  if (!m_identities.insert(std::move(identity)).second) {
    Warn(where, label + ": same uid " + session.uid + " at the same start as an earlier event; kept once");
    return;
  }
  programme.sessions.push_back(std::move(session));
}

std::chrono::minutes ProgrammeBuilder::Duration(std::string_view raw, const std::string& where,
                                                const std::string& label) {
  const std::string_view text = Trim(raw);
  if (text.empty()) {
    Warn(where, label + ": empty duration, kept as zero length");
    return std::chrono::minutes(0);
  }
  const std::optional<ParsedDuration> parsed = ParseFrabDuration(text);
  if (!parsed) {
    throw ImportError(where,
                      label + ": unreadable duration '" + std::string(text) + "' (expected H:MM, HH:MM or D:HH:MM)");
  }
  if (!parsed->warning.empty() && parsed->length.count() != 0) {
    Warn(where, label + ": duration '" + std::string(text) + "': " + parsed->warning);
  }
  return parsed->length;
}

void ProgrammeBuilder::AddSpeaker(Session& session, std::string_view raw_name) {
  std::string name = CleanText(raw_name);
  if (name.empty()) return;
  for (const Speaker& speaker : session.speakers) {
    if (speaker.name == name) return;
  }
  session.speakers.push_back({std::move(name), {}});
}

ImportResult ProgrammeBuilder::Finish(const std::string& source) {
  ImportResult result;
  result.programme = std::move(programme);
  result.programme.Normalize();
  result.warnings = std::move(warnings);
  std::vector<Warning> checks = ValidateProgramme(result.programme, source);
  result.warnings.insert(result.warnings.end(), std::make_move_iterator(checks.begin()),
                         std::make_move_iterator(checks.end()));
  return result;
}

}  // namespace kiosk::frab
