// frab schedule.xml (as frab, pretalx and pentabarf write it) to the core model, with pugixml.
#include <algorithm>
#include <chrono>
#include <cstring>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include <pugixml.hpp>

#include "kiosk/core/Text.h"
#include "kiosk/core/Validation.h"
#include "kiosk/core/VenueZone.h"
#include "kiosk/importers/Durations.h"
#include "kiosk/importers/Importer.h"

namespace kiosk {
namespace {

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

bool Is(const pugi::xml_node& node, const char* name) {
  return node.type() == pugi::node_element && std::strcmp(node.name(), name) == 0;
}

std::string_view TextOf(const pugi::xml_node& node) { return node.text().get(); }

std::size_t CountChildren(const pugi::xml_node& node, const char* name) {
  std::size_t count = 0;
  for (auto child = node.child(name); child; child = child.next_sibling(name)) ++count;
  return count;
}

/// 1 + the number of line feeds before `offset`.
std::size_t LineAt(std::string_view bytes, std::ptrdiff_t offset) {
  const std::size_t end = std::min(bytes.size(), static_cast<std::size_t>(std::max<std::ptrdiff_t>(offset, 0)));
  return 1 +
         static_cast<std::size_t>(std::count(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(end), '\n'));
}

/// What a <day> tells about the events under it.
struct DayContext {
  Day date{};
  std::optional<Instant> start;  ///< day@start: events of older files before it are after midnight
};

/// Reads one schedule.xml.
class XmlReader {
 public:
  XmlReader(const ImportOptions& options, std::string source) : m_options(options), m_source(std::move(source)) {}

  ImportResult Read(const pugi::xml_node& schedule) {
    const pugi::xml_node conference = schedule.child("conference");
    m_zones.emplace(ChooseZones(m_options, m_source, TextOf(conference.child("time_zone_name")),
                                m_source + ": /schedule/conference/time_zone_name", m_builder.warnings));
    ReadConference(conference);

    std::size_t event_count = 0;
    for (const pugi::xml_node& day : schedule.children("day")) {
      event_count += CountChildren(day, "event");
      for (const pugi::xml_node& room : day.children("room")) event_count += CountChildren(room, "event");
    }
    m_builder.programme.sessions.reserve(event_count);

    std::size_t day_index = 0;
    for (const pugi::xml_node& day : schedule.children("day")) ReadDay(day, ++day_index);

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
  void ReadConference(const pugi::xml_node& conference) {
    ConferenceInfo& info = m_builder.programme.conference;
    info.title = CleanText(TextOf(conference.child("title")));
    info.acronym = CleanText(TextOf(conference.child("acronym")));
    info.time_zone = m_zones->venue.Name();
    info.first_day = ConferenceDay(TextOf(conference.child("start")));
    info.last_day = ConferenceDay(TextOf(conference.child("end")));
    m_day_change = ParseTimeOfDay(TextOf(conference.child("day_change")));
  }

  /// <conference><start>: a date, or a date-time whose venue-local date is meant (38C3 writes it in UTC).
  Day ConferenceDay(std::string_view raw) const {
    const std::string_view text = Trim(raw);
    if (text.size() <= 10) return ParseDay(text);
    try {
      return m_zones->venue.LocalDay(ParseIsoInstant(text, m_zones->wall));
    } catch (const std::invalid_argument&) {
      return ParseDay(text.substr(0, 10));
    }
  }

  void ReadDay(const pugi::xml_node& day, std::size_t day_index) {
    const std::string day_path = m_source + ": /schedule/day[" + std::to_string(day_index) + "]";
    DayContext context;
    context.date = ParseDay(Trim(day.attribute("date").value()));
    if (!context.date.ok()) {
      Warn(day_path, "no readable date attribute; its events are filed under their venue-local date");
    }
    const std::string_view day_start = Trim(day.attribute("start").value());
    if (!day_start.empty()) {
      try {
        context.start = ParseIsoInstant(day_start, m_zones->wall);
      } catch (const std::invalid_argument&) {
        Warn(day_path, "unreadable start attribute '" + std::string(day_start) + "', ignored");
      }
    }

    std::size_t room_index = 0;
    std::size_t loose_event_index = 0;
    for (const pugi::xml_node& child : day.children()) {
      if (Is(child, "room")) {
        const std::string room_path = day_path + "/room[" + std::to_string(++room_index) + "]";
        // A room without events is still a room of the venue.
        const std::size_t room =
            m_builder.Room(child.attribute("name").value(), child.attribute("guid").value(), room_path);
        std::size_t event_index = 0;
        for (const pugi::xml_node& event : child.children("event")) {
          ReadEvent(event, context, room, room_path + "/event[" + std::to_string(++event_index) + "]");
        }
      } else if (Is(child, "event")) {
        // pentabarf: events directly in the day, each naming its room.
        const std::string event_path = day_path + "/event[" + std::to_string(++loose_event_index) + "]";
        const std::size_t room = m_builder.Room(TextOf(child.child("room")), {}, event_path);
        ReadEvent(child, context, room, event_path);
      }
    }
  }

  void ReadEvent(const pugi::xml_node& event, const DayContext& day, std::size_t room, const std::string& where) {
    std::string_view date, start, duration, status;
    Session session;
    session.source_id = CleanText(event.attribute("id").value());
    const std::string guid = CleanText(event.attribute("guid").value());
    status = event.attribute("status").value();
    if (status.empty()) status = event.attribute("state").value();
    std::string abstract;
    pugi::xml_node persons;
    for (const pugi::xml_node& field : event.children()) {
      if (field.type() != pugi::node_element) continue;
      const std::string_view name = field.name();
      if (name == "date") {
        date = TextOf(field);
      } else if (name == "start") {
        start = TextOf(field);
      } else if (name == "duration") {
        duration = TextOf(field);
      } else if (name == "title") {
        session.title = CleanText(TextOf(field));
      } else if (name == "track") {
        session.track = CleanText(TextOf(field));
      } else if (name == "type") {
        session.kind = CleanText(TextOf(field));
      } else if (name == "language") {
        session.language = CleanText(TextOf(field));
      } else if (name == "abstract") {
        abstract = CleanText(TextOf(field));
      } else if (name == "description") {
        session.description = CleanText(TextOf(field));
      } else if (name == "persons") {
        persons = field;
      } else if (name == "status" || name == "state") {
        status = TextOf(field);
      }
    }
    const std::string label = "event " + (session.source_id.empty() ? guid : session.source_id);

    session.room_key = m_builder.programme.rooms[room].key;
    session.start = EventStart(date, start, day, where, label);
    session.end = session.start + m_builder.Duration(duration, where, label);
    session.day = day.date.ok() ? day.date : m_zones->venue.LocalDay(session.start);
    if (session.description.empty()) session.description = std::move(abstract);
    if (SaysCancelled(status)) session.status = SessionStatus::Cancelled;
    for (const pugi::xml_node& person : persons.children("person")) {
      std::string_view person_name = TextOf(person);
      if (Trim(person_name).empty()) person_name = person.attribute("name").value();
      ProgrammeBuilder::AddSpeaker(session, person_name);
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

  /// <date> with its offset honoured; else (older files) the day's date and <start> read as wall-clock time, moved
  /// to the next calendar date when it falls before the day's start (day@start, else <conference><day_change>).
  Instant EventStart(std::string_view raw_date, std::string_view raw_start, const DayContext& day,
                     const std::string& where, const std::string& label) const {
    const std::string_view date = Trim(raw_date);
    if (!date.empty()) {
      try {
        return ParseIsoInstant(date, m_zones->wall);
      } catch (const std::invalid_argument&) {
        throw ImportError(where, label + ": unreadable <date> '" + std::string(date) + "'");
      }
    }
    const std::optional<std::chrono::seconds> time_of_day = ParseTimeOfDay(raw_start);
    if (!time_of_day) {
      throw ImportError(where,
                        label + ": no <date> and missing or unreadable <start> '" + std::string(Trim(raw_start)) + "'");
    }
    if (!day.date.ok()) throw ImportError(where, label + ": no <date>, and its day has no readable date");
    const date::local_seconds local = date::local_days(day.date) + *time_of_day;
    const Instant start = m_zones->wall.ToInstant(local);
    const bool after_midnight = day.start ? start < *day.start : (m_day_change && *time_of_day < *m_day_change);
    return after_midnight ? m_zones->wall.ToInstant(local + date::days(1)) : start;
  }

  void Warn(std::string where, std::string message) { m_builder.Warn(std::move(where), std::move(message)); }

  const ImportOptions& m_options;
  std::string m_source;
  std::optional<Zones> m_zones;
  std::optional<std::chrono::seconds> m_day_change;
  ProgrammeBuilder m_builder;
};

}  // namespace

// Structure (frab schedule.xml.xsd): <schedule><conference/><day date start><room name guid><event id guid>…. Also
// read: pentabarf's <event>s directly in <day>; older files without <date> or offsets (see EventStart).
// Documented defaults: an empty or absent <duration> is kept as zero length with a warning naming the event; a
// cancelled <status>/@state makes the session Cancelled, otherwise it is Confirmed.
ImportResult ImportFrabXml(std::string_view bytes, const ImportOptions& options) {
  const std::string source = options.source_name.empty() ? std::string("(input)") : options.source_name;
  std::string buffer(bytes);  // pugixml parses in situ: strings point into this buffer
  pugi::xml_document document;
  const pugi::xml_parse_result parsed =
      document.load_buffer_inplace(buffer.data(), buffer.size(), pugi::parse_default, pugi::encoding_auto);
  if (!parsed) {
    // pugixml stops on the last byte of a file cut short: say so rather than "Start-end tags mismatch".
    const bool at_end = parsed.offset + 1 >= static_cast<std::ptrdiff_t>(bytes.size());
    throw ImportError(source + ":" + std::to_string(LineAt(bytes, parsed.offset)),
                      (at_end ? "unexpected end of file (" + std::string(parsed.description()) + ")"
                              : std::string(parsed.description())) +
                          " at byte " + std::to_string(parsed.offset));
  }
  const pugi::xml_node root = document.document_element();
  if (!Is(root, "schedule")) {
    throw ImportError(source, "root element is <" + std::string(root.name()) + ">, not a frab <schedule>");
  }
  return XmlReader(options, source).Read(root);
}

}  // namespace kiosk
