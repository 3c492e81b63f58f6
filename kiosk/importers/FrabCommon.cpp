// Rules the frab schedule.xml and schedule.json importers share (see FrabCommon.h).
#include "kiosk/importers/FrabCommon.h"

#include <algorithm>
#include <iterator>
#include <stdexcept>
#include <utility>

#include "kiosk/core/Fields.h"
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

VenueZone ChooseVenueZone(const ImportOptions& options, const std::string& source, std::string_view file_zone,
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
  if (options.time_zone.empty()) return file ? *file : VenueZone(kDefaultZone);
  std::optional<VenueZone> given;
  try {
    given.emplace(options.time_zone);
  } catch (const std::invalid_argument&) {
    throw ImportError(source, "unknown time zone '" + options.time_zone + "'");
  }
  if (file && file->Name() != given->Name()) {
    warnings.push_back({file_zone_where, "the file's time zone '" + file->Name() + "' differs from --tz '" +
                                             given->Name() + "'; times without an offset are read in " +
                                             given->Name()});
  }
  return *given;
}

Day ConferenceDay(std::string_view raw, const VenueZone& venue) {
  const std::string_view text = Trim(raw);
  if (text.size() <= 10) return ParseDay(text);
  try {
    return venue.LocalDay(ParseIsoInstant(text, venue));
  } catch (const std::invalid_argument&) {
    return ParseDay(text.substr(0, 10));
  }
}

namespace {

/// True when an ISO 8601 date-time ends with "Z" or a "±HH:MM"/"±HHMM" offset (looked for after the date part).
bool HasOffset(std::string_view text) {
  return text.size() > 10 && text.find_first_of("Zz+-", 10) != std::string_view::npos;
}

}  // namespace

DayContext ReadDayContext(std::string_view raw_date, std::string_view start, const VenueZone& venue,
                          const FieldNames& names, const std::string& where, std::vector<Warning>& warnings) {
  DayContext context;
  context.date = ParseDay(Trim(raw_date));
  if (!context.date.ok()) {
    warnings.push_back(
        {where, "no readable " + std::string(names.day_date) + "; its events are filed under their venue-local date"});
  }
  if (!start.empty()) {
    try {
      context.start = ParseIsoInstant(start, venue);
    } catch (const std::invalid_argument&) {
      warnings.push_back(
          {where, "unreadable " + std::string(names.day_start) + " '" + std::string(start) + "', ignored"});
    }
  }
  // A day starts on the date it is about: a start with an offset that falls on another venue-local date says the
  // label is some other zone's date (DebConf23: the UTC date of 03:00 in Kolkata).
  if (context.start && context.date.ok() && HasOffset(start)) {
    const Day local = venue.LocalDay(*context.start);
    if (local != context.date) {
      warnings.push_back({where, std::string(names.day_start) + " '" + std::string(start) + "' is " + FormatDay(local) +
                                     " in " + venue.Name() + ", not " + std::string(names.day_date) + " " +
                                     FormatDay(context.date) + "; the day's events are filed under " +
                                     FormatDay(local)});
      context.date = local;
    }
  }
  return context;
}

Instant EventStart(std::string_view raw_date, std::string_view raw_start, const DayContext& day,
                   std::optional<std::chrono::seconds> day_change, const VenueZone& venue, const FieldNames& names,
                   const std::string& where, const std::string& label) {
  const std::string_view date = Trim(raw_date);
  if (!date.empty()) {
    try {
      return ParseIsoInstant(date, venue);
    } catch (const std::invalid_argument& error) {
      // A well-formed date out of kiosk's years says so (OutOfRange), not "unreadable".
      if (std::string_view(error.what()).starts_with("out of range"))
        throw ImportError(where, label + ": " + std::string(names.event_date) + " " + error.what());
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
  const Instant start = venue.ToInstant(local);
  const bool after_midnight = day.start ? start < *day.start : (day_change && *time_of_day < *day_change);
  return after_midnight ? venue.ToInstant(local + date::days(1)) : start;
}

std::string EventLabel(const std::string& id, const std::string& guid) {
  // Printable: an id may hold the control character its check is about to name.
  if (!id.empty()) return "event " + Printable(id);
  if (!guid.empty()) return "event " + Printable(guid);
  return "event (no id)";
}

std::string SessionUid(const Session& session, const std::string& guid) {
  if (!guid.empty()) return guid;
  if (!session.source_id.empty()) return "id:" + session.source_id;
  // The title as the session will keep it (cut to its maximum), so that an over-long title gives a bounded uid.
  return "key:" + session.room_key + "@" + std::to_string(session.start.time_since_epoch().count()) + ":" +
         NormalizeKey(WithoutFormatCharacters(CleanDisplayText(FieldKind::Title, session.title)));
}

namespace {

/// The key a room is found by name with: NormalizeKey of its display name, else (no letter or digit) the name itself.
std::string RoomNameKey(const std::string& name) {
  std::string key = NormalizeKey(name);
  return key.empty() ? name : key;
}

}  // namespace

void ProgrammeBuilder::Warn(std::string where, std::string message) {
  warnings.push_back({std::move(where), std::move(message)});
}

void ProgrammeBuilder::ReadListing(const std::vector<ListedRoom>& listing) {
  struct Named {
    std::string name, key;
  };
  std::vector<std::string> guids;
  std::vector<Named> names;
  guids.reserve(listing.size());
  names.reserve(listing.size());
  for (const ListedRoom& room : listing) {
    guids.push_back(CleanText(room.guid));
    std::string name = CleanDisplayText(FieldKind::RoomName, CleanText(room.name));  // as Room() keeps it
    if (name.empty()) name = kNoRoomName;                                            // Room warns about it
    std::string key = RoomNameKey(name);
    names.push_back({std::move(name), std::move(key)});
  }
  for (std::size_t first = 0; first < listing.size(); ++first) {
    const std::string& guid = guids[first];
    if (guid.empty() || std::find(guids.begin(), guids.begin() + static_cast<std::ptrdiff_t>(first), guid) !=
                            guids.begin() + static_cast<std::ptrdiff_t>(first)) {
      continue;  // no guid, or one already looked at from its first room
    }
    std::vector<const Named*> sharing{&names[first]};
    std::size_t repeat = listing.size();  // the first listed room giving the guid under a second name
    for (std::size_t i = first + 1; i < listing.size(); ++i) {
      if (guids[i] != guid) continue;
      const bool new_name =
          std::none_of(sharing.begin(), sharing.end(), [&](const Named* named) { return named->key == names[i].key; });
      if (!new_name) continue;
      sharing.push_back(&names[i]);
      if (repeat == listing.size()) repeat = i;
    }
    if (sharing.size() < 2) continue;

    m_shared_guids.insert(guid);
    // A name an earlier listing took as a rename of the guid's room is one of the rooms this listing tells apart.
    if (auto owner = m_by_key.find(guid); owner != m_by_key.end()) {
      const std::string owner_key = RoomNameKey(programme.rooms[owner->second].name);
      for (const Named* named : sharing) {
        auto alias = m_by_name.find(named->key);
        if (alias != m_by_name.end() && alias->second == owner->second && named->key != owner_key) {
          m_by_name.erase(alias);
        }
      }
    }
    std::vector<std::string> keys;  // sorted: the same rooms listed in another order are warned about once
    std::string list;
    for (std::size_t i = 0; i < sharing.size(); ++i) {
      keys.push_back(sharing[i]->key);
      if (i > 0) list += i + 1 == sharing.size() ? " and " : ", ";
      list += sharing[i]->name;
    }
    std::sort(keys.begin(), keys.end());
    std::string warned = guid;
    for (const std::string& key : keys) warned += '\n' + key;
    if (m_shared_warned.insert(std::move(warned)).second) {
      Warn(listing[repeat].where, "rooms " + list + " share guid " + guid + "; told apart by name");
    }
  }
}

std::size_t ProgrammeBuilder::Room(std::string_view raw_name, std::string_view raw_guid, const std::string& where) {
  std::string warning;
  std::string name = CleanDisplayText(FieldKind::RoomName, CleanText(raw_name), &warning);
  if (!warning.empty()) Warn(where, "room name: " + warning);
  if (name.empty()) {
    Warn(where, "no room name; filed under " + std::string(kNoRoomName));
    name = kNoRoomName;
  }
  std::string name_key = RoomNameKey(name);
  std::string guid = CleanText(raw_guid);
  if (auto problem = IdentifierProblem(FieldKind::Uid, guid)) throw ImportError(where, "room guid " + *problem);
  // A guid one listing gave to rooms of different names tells none of them apart: the name does.
  if (m_shared_guids.count(guid) != 0) guid.clear();

  if (guid.empty()) {
    if (auto found = m_by_name.find(name_key); found != m_by_name.end()) return found->second;
  }
  // A key is one room whoever uses it: a guid, or the normalized name of a room without one.
  const std::string& key = guid.empty() ? name_key : guid;
  if (auto found = m_by_key.find(key); found != m_by_key.end()) {
    const std::size_t index = found->second;
    const kiosk::Room& room = programme.rooms[index];
    const std::string room_name_key = RoomNameKey(room.name);
    if (!guid.empty() && room_name_key != name_key && m_room_names_warned.insert(key + '\n' + name_key).second) {
      Warn(where, "room '" + name + "' has the guid " + key + " of room '" + room.name + "'; taken as the same room");
    }
    m_by_name.try_emplace(std::move(name_key), index);
    return index;
  }

  const std::size_t index = programme.rooms.size();
  auto [named, first_of_name] = m_by_name.try_emplace(name_key, index);
  if (!first_of_name) {
    // Only a room with a guid gets here under a name already taken: another guid, another room.
    Warn(where, "room '" + name + "' (guid " + guid + ") has the name of another room (" +
                    programme.rooms[named->second].key + "); kept as two rooms");
  }
  m_by_key.emplace(key, index);
  programme.rooms.push_back({key, std::move(name)});
  return index;
}

void ProgrammeBuilder::AddSession(Session session, const std::string& where, const std::string& label,
                                  bool length_warned) {
  CheckSessionFields(session, where, label, warnings);
  std::string identity = session.uid + '@' + std::to_string(session.start.time_since_epoch().count());
  if (!m_identities.insert(std::move(identity)).second) {
    Warn(where, label + ": same uid " + session.uid + " at the same start as an earlier event; kept once");
    return;
  }
  if (programme.sessions.size() >= kMaxSessions) throw ImportError(where, TooManySessions());
  if (length_warned && session.end == session.start) m_length_warned.insert({session.uid, session.start});
  programme.sessions.push_back(std::move(session));
}

std::optional<std::chrono::minutes> ProgrammeBuilder::Duration(std::string_view raw, const std::string& where,
                                                               const std::string& label) {
  const std::string_view text = Trim(raw);
  if (text.empty()) {
    Warn(where, label + ": empty duration, kept as zero length");
    return std::nullopt;
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
  // One more than kept: AddSession's check then says that some were left out (and a list of 60 000 names is not
  // compared with itself, name by name).
  if (session.speakers.size() > kMaxSpeakers) return;
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
  // An empty duration was already reported by Duration(): validation does not warn of its zero length again.
  std::vector<Warning> checks = ValidateProgramme(result.programme, source, m_length_warned);
  m_length_warned.clear();
  result.warnings.insert(result.warnings.end(), std::make_move_iterator(checks.begin()),
                         std::make_move_iterator(checks.end()));
  return result;
}

}  // namespace kiosk::frab
