// frab-compatible JSON (pretalx schedule.json, frab schedule.json) to the core model, with nlohmann::json.
#include <algorithm>
#include <chrono>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "kiosk/core/Text.h"
#include "kiosk/core/Validation.h"
#include "kiosk/core/VenueZone.h"
#include "kiosk/importers/Durations.h"
#include "kiosk/importers/Importer.h"

namespace kiosk {
namespace {

// The helpers down to ProgrammeBuilder are the same as FrabXmlImporter.cpp's (same rules for both frab formats).

/// Venue zone when neither --tz nor the file names one.
constexpr std::string_view kDefaultZone = "Europe/Paris";
/// Room of an event that names none.
constexpr std::string_view kNoRoomName = "(no room)";

/// Trimmed NFC text; ASCII (most of any programme) skips the Unicode pass.
std::string CleanText(std::string_view text) {
  text = Trim(text);
  const bool ascii = std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  return ascii ? std::string(text) : ToNfc(text);
}

/// pretalx/frab state words for a session that will not take place.
bool SaysCancelled(std::string_view text) {
  if (Trim(text).empty()) return false;
  const std::string key = NormalizeKey(text);
  return key == "cancelled" || key == "canceled" || key == "annule";
}

/// "HH:MM" or "HH:MM:SS" (frab schedule.xml.xsd simpleType "start"; one-digit hours tolerated) as a time of day.
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

/// The zones of one import: `venue` is the programme's (ImportOptions::time_zone, else the file's, else
/// kDefaultZone); `wall` reads times written without an offset (the file's zone when it names one, else `venue`).
struct Zones {
  VenueZone venue;
  VenueZone wall;
};

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

/// Collects rooms and sessions in source order, keeping each identity once (DESIGN.md: a room is its guid, else its
/// normalized name; a session is its uid together with its start).
class ProgrammeBuilder {
 public:
  Programme programme;
  std::vector<Warning> warnings;

  void Warn(std::string where, std::string message) { warnings.push_back({std::move(where), std::move(message)}); }

  /// Index in programme.rooms of the room called `name` (with `guid` when the source gives one), added on first sight.
  /// Names equal after NormalizeKey are one room; a guid already taken by a differently named room is not trusted.
  std::size_t Room(std::string_view raw_name, std::string_view raw_guid, const std::string& where) {
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

  /// Adds a session unless one with the same uid and start is already there (then warns and keeps the first).
  void AddSession(Session session, const std::string& where, const std::string& label) {
    std::string identity = session.uid + '@' + std::to_string(session.start.time_since_epoch().count());
    if (!m_identities.insert(std::move(identity)).second) {
      Warn(where, label + ": same uid " + session.uid + " at the same start as an earlier event; kept once");
      return;
    }
    programme.sessions.push_back(std::move(session));
  }

  /// frab <duration> (see ParseFrabDuration). Empty or absent: kept as zero length with a warning. Zero-length
  /// sessions are left to ValidateProgramme so they are not reported twice. Unreadable: ImportError at `where`.
  std::chrono::minutes Duration(std::string_view raw, const std::string& where, const std::string& label) {
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

  /// Adds a speaker unless the session already has one of that name (a person listed twice is linked once).
  static void AddSpeaker(Session& session, std::string_view raw_name) {
    std::string name = CleanText(raw_name);
    if (name.empty()) return;
    for (const Speaker& speaker : session.speakers) {
      if (speaker.name == name) return;
    }
    session.speakers.push_back({std::move(name), {}});
  }

 private:
  std::unordered_map<std::string, std::size_t> m_by_name;
  std::unordered_map<std::string, std::size_t> m_by_guid;
  std::unordered_set<std::string> m_identities;
};

/// Keys keep their source order: the order of rooms in a day is the order the file gives.
using Json = nlohmann::ordered_json;

/// The member `key` of an object, or nullptr (also when `object` is not an object).
const Json* Member(const Json& object, const char* key) {
  if (!object.is_object()) return nullptr;
  const auto found = object.find(key);
  return found == object.end() ? nullptr : &*found;
}

/// A scalar as text (numbers as written, null and containers as empty).
std::string ScalarText(const Json* value) {
  if (value == nullptr) return {};
  if (value->is_string()) return value->get_ref<const std::string&>();
  if (value->is_number_integer() || value->is_number_unsigned() || value->is_number_float() || value->is_boolean()) {
    return value->dump();
  }
  return {};
}

/// A member's text (see ScalarText), trimmed and NFC.
std::string MemberText(const Json& object, const char* key) { return CleanText(ScalarText(Member(object, key))); }

/// One reference token of a JSON pointer (RFC 6901 section 3: '~' as "~0", '/' as "~1").
std::string PointerToken(std::string_view key) {
  std::string token;
  token.reserve(key.size());
  for (char c : key) {
    if (c == '~') {
      token += "~0";
    } else if (c == '/') {
      token += "~1";
    } else {
      token += c;
    }
  }
  return token;
}

/// What a day object tells about the events under it.
struct DayContext {
  Day date{};
  std::optional<Instant> start;  ///< "day_start": events of older files before it are after midnight
};

/// Reads one frab-compatible schedule.json.
class JsonReader {
 public:
  JsonReader(const ImportOptions& options, std::string source) : m_options(options), m_source(std::move(source)) {}

  ImportResult Read(const Json& root) {
    const Json* schedule = Member(root, "schedule");
    if (schedule == nullptr || !schedule->is_object()) {
      throw ImportError(m_source + ": /schedule", "no \"schedule\" object: not a frab-compatible schedule.json");
    }
    const Json* conference = Member(*schedule, "conference");
    if (conference == nullptr || !conference->is_object()) {
      throw ImportError(m_source + ": /schedule/conference", "no \"conference\" object");
    }
    m_zones.emplace(ChooseZones(m_options, m_source, ScalarText(Member(*conference, "time_zone_name")),
                                m_source + ": /schedule/conference/time_zone_name", m_builder.warnings));
    ReadConference(*conference);

    const Json* days = Member(*conference, "days");
    if (days == nullptr || !days->is_array()) {
      throw ImportError(m_source + ": /schedule/conference/days", "no \"days\" array");
    }
    m_builder.programme.sessions.reserve(CountEvents(*days));
    for (std::size_t i = 0; i < days->size(); ++i) {
      ReadDay((*days)[i], m_source + ": /schedule/conference/days/" + std::to_string(i));
    }

    ImportResult result;
    result.programme = std::move(m_builder.programme);
    result.programme.Normalize();
    result.warnings = std::move(m_builder.warnings);
    std::vector<Warning> checks = ValidateProgramme(result.programme, m_source);
    result.warnings.insert(result.warnings.end(), std::make_move_iterator(checks.begin()),
                           std::make_move_iterator(checks.end()));
    return result;
  }

 private:
  static std::size_t CountEvents(const Json& days) {
    std::size_t count = 0;
    for (const Json& day : days) {
      const Json* rooms = Member(day, "rooms");
      if (rooms == nullptr || !rooms->is_object()) continue;
      for (const auto& room : rooms->items()) {
        if (room.value().is_array()) count += room.value().size();
      }
    }
    return count;
  }

  void ReadConference(const Json& conference) {
    ConferenceInfo& info = m_builder.programme.conference;
    info.title = MemberText(conference, "title");
    info.acronym = MemberText(conference, "acronym");
    info.description = MemberText(conference, "description");
    info.time_zone = m_zones->venue.Name();
    info.first_day = ConferenceDay(ScalarText(Member(conference, "start")));
    info.last_day = ConferenceDay(ScalarText(Member(conference, "end")));

    // pretalx lists every room, in its display order, with its guid (which may be null).
    const Json* rooms = Member(conference, "rooms");
    if (rooms == nullptr || !rooms->is_array()) return;
    for (std::size_t i = 0; i < rooms->size(); ++i) {
      const Json& room = (*rooms)[i];
      const std::string where = m_source + ": /schedule/conference/rooms/" + std::to_string(i);
      if (room.is_object()) {
        m_builder.Room(ScalarText(Member(room, "name")), ScalarText(Member(room, "guid")), where);
      } else if (room.is_string()) {
        m_builder.Room(room.get_ref<const std::string&>(), {}, where);
      }
    }
  }

  /// "start"/"end": a date, or a date-time whose venue-local date is meant.
  Day ConferenceDay(std::string_view raw) const {
    const std::string_view text = Trim(raw);
    if (text.size() <= 10) return ParseDay(text);
    try {
      return m_zones->venue.LocalDay(ParseIsoInstant(text, m_zones->wall));
    } catch (const std::invalid_argument&) {
      return ParseDay(text.substr(0, 10));
    }
  }

  void ReadDay(const Json& day, const std::string& day_path) {
    if (!day.is_object()) throw ImportError(day_path, "expected a day object");
    DayContext context;
    context.date = ParseDay(Trim(ScalarText(Member(day, "date"))));
    if (!context.date.ok()) {
      m_builder.Warn(day_path, "no readable \"date\"; its events are filed under their venue-local date");
    }
    const std::string day_start = CleanText(ScalarText(Member(day, "day_start")));
    if (!day_start.empty()) {
      try {
        context.start = ParseIsoInstant(day_start, m_zones->wall);
      } catch (const std::invalid_argument&) {
        m_builder.Warn(day_path, "unreadable \"day_start\" '" + day_start + "', ignored");
      }
    }
    const Json* rooms = Member(day, "rooms");
    if (rooms == nullptr) return;
    if (!rooms->is_object()) throw ImportError(day_path + "/rooms", "expected an object of room name to events");
    for (const auto& entry : rooms->items()) {
      const std::string room_path = day_path + "/rooms/" + PointerToken(entry.key());
      // A room without events is still a room of the venue.
      const std::size_t room = m_builder.Room(entry.key(), {}, room_path);
      const Json& events = entry.value();
      if (events.is_null()) continue;
      if (!events.is_array()) throw ImportError(room_path, "expected an array of events");
      for (std::size_t i = 0; i < events.size(); ++i) {
        ReadEvent(events[i], context, room, room_path + "/" + std::to_string(i));
      }
    }
  }

  void ReadEvent(const Json& event, const DayContext& day, std::size_t room, const std::string& where) {
    if (!event.is_object()) throw ImportError(where, "expected an event object");
    Session session;
    session.source_id = MemberText(event, "id");
    const std::string guid = MemberText(event, "guid");
    const std::string label = "event " + (session.source_id.empty() ? guid : session.source_id);
    session.room_key = m_builder.programme.rooms[room].key;
    session.start =
        EventStart(ScalarText(Member(event, "date")), ScalarText(Member(event, "start")), day, where, label);
    session.end = session.start + m_builder.Duration(ScalarText(Member(event, "duration")), where, label);
    session.day = day.date.ok() ? day.date : m_zones->venue.LocalDay(session.start);
    session.title = MemberText(event, "title");
    session.kind = MemberText(event, "type");
    session.language = MemberText(event, "language");
    // "track" is a name, null, or (some frab versions) an object with a name.
    if (const Json* track = Member(event, "track"); track != nullptr && track->is_object()) {
      session.track = MemberText(*track, "name");
    } else {
      session.track = CleanText(ScalarText(track));
    }
    session.description = MemberText(event, "description");
    if (session.description.empty()) session.description = MemberText(event, "abstract");
    std::string status = MemberText(event, "state");
    if (status.empty()) status = MemberText(event, "status");
    if (SaysCancelled(status)) session.status = SessionStatus::Cancelled;
    if (const Json* persons = Member(event, "persons"); persons != nullptr && persons->is_array()) {
      for (const Json& person : *persons) {
        if (person.is_string()) {
          ProgrammeBuilder::AddSpeaker(session, person.get_ref<const std::string&>());
          continue;
        }
        std::string name = ScalarText(Member(person, "public_name"));
        if (Trim(name).empty()) name = ScalarText(Member(person, "name"));
        if (Trim(name).empty()) name = ScalarText(Member(person, "full_public_name"));
        ProgrammeBuilder::AddSpeaker(session, name);
      }
    }
    if (!guid.empty()) {
      session.uid = guid;
    } else if (!session.source_id.empty()) {
      session.uid = "id:" + session.source_id;
    } else {
      session.uid = "key:" + session.room_key + "@" + std::to_string(session.start.time_since_epoch().count()) + ":" +
                    NormalizeKey(session.title);
    }
    m_builder.AddSession(std::move(session), where, label);
  }

  /// "date" with its offset honoured; else (older files) the day's date and "start" read as wall-clock time, moved
  /// to the next calendar date when it falls before the day's "day_start".
  Instant EventStart(std::string_view raw_date, std::string_view raw_start, const DayContext& day,
                     const std::string& where, const std::string& label) const {
    const std::string_view date = Trim(raw_date);
    if (!date.empty()) {
      try {
        return ParseIsoInstant(date, m_zones->wall);
      } catch (const std::invalid_argument&) {
        throw ImportError(where, label + ": unreadable \"date\" '" + std::string(date) + "'");
      }
    }
    const std::optional<std::chrono::seconds> time_of_day = ParseTimeOfDay(raw_start);
    if (!time_of_day) {
      throw ImportError(
          where, label + ": no \"date\" and missing or unreadable \"start\" '" + std::string(Trim(raw_start)) + "'");
    }
    if (!day.date.ok()) throw ImportError(where, label + ": no \"date\", and its day has no readable date");
    const date::local_seconds local = date::local_days(day.date) + *time_of_day;
    const Instant start = m_zones->wall.ToInstant(local);
    const bool after_midnight = day.start && start < *day.start;
    return after_midnight ? m_zones->wall.ToInstant(local + date::days(1)) : start;
  }

  const ImportOptions& m_options;
  std::string m_source;
  std::optional<Zones> m_zones;
  ProgrammeBuilder m_builder;
};

/// "file:LINE" and "column C: what" for a parse error at 1-based byte `byte` (nlohmann parse_error::byte).
ImportError ParseErrorAt(const std::string& source, std::string_view bytes, std::size_t byte, std::string_view what) {
  const std::size_t end = std::min(bytes.size(), byte > 0 ? byte - 1 : 0);
  const std::string_view before = bytes.substr(0, end);
  const std::size_t line = 1 + static_cast<std::size_t>(std::count(before.begin(), before.end(), '\n'));
  const std::size_t last_newline = before.rfind('\n');
  const std::size_t column = last_newline == std::string_view::npos ? end + 1 : end - last_newline;
  // nlohmann's text is "[json.exception.parse_error.101] parse error at line L, column C: reason".
  const std::size_t reason = what.find(": ", what.find("column"));
  if (reason != std::string_view::npos && what.find("column") != std::string_view::npos) what.remove_prefix(reason + 2);
  return ImportError(source + ":" + std::to_string(line),
                     "JSON parse error at column " + std::to_string(column) + ": " + std::string(what));
}

}  // namespace

// Structure (frab schedule.json, voc schedule validator schema.json): {"schedule": {"conference": {"time_zone_name",
// "rooms": [{name, guid}], "days": [{"date", "day_start", "rooms": {"Room": [event…]}}]}}}. Errors name the JSON
// pointer of the culprit ("file: /schedule/conference/days/1/rooms/Forest/0"). Same defaults as ImportFrabXml: an
// empty or absent "duration" is kept as zero length with a warning; "state"/"status" cancelled makes it Cancelled.
ImportResult ImportFrabJson(std::string_view bytes, const ImportOptions& options) {
  const std::string source = options.source_name.empty() ? std::string("(input)") : options.source_name;
  Json root;
  try {
    root = Json::parse(bytes.data(), bytes.data() + bytes.size());
  } catch (const Json::parse_error& error) {
    throw ParseErrorAt(source, bytes, error.byte, error.what());
  } catch (const Json::exception& error) {
    // e.g. out_of_range.406 for a number too large: no position is kept.
    throw ImportError(source, std::string("JSON parse error: ") + error.what());
  }
  return JsonReader(options, source).Read(root);
}

}  // namespace kiosk
