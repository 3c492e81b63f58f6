// frab-compatible JSON (pretalx schedule.json, frab schedule.json) to the core model, with nlohmann::json.
#include <algorithm>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "kiosk/core/Text.h"
#include "kiosk/core/VenueZone.h"
#include "kiosk/importers/FrabCommon.h"
#include "kiosk/importers/Importer.h"
#include "kiosk/importers/ProgrammeBuilder.h"

namespace kiosk {
namespace {

using frab::CleanText;
using frab::DayContext;
using importers::ProgrammeBuilder;

/// How messages name the frab fields of a schedule.json.
constexpr frab::FieldNames kFieldNames{"\"date\"", "\"day_start\"", "\"date\"", "\"start\""};

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
    m_zone.emplace(frab::ChooseVenueZone(m_options, m_source, ScalarText(Member(*conference, "time_zone_name")),
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

    return m_builder.Finish(m_source);
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
    info.time_zone = m_zone->Name();
    // "start"/"end": a date, or a date-time whose venue-local date is meant.
    info.first_day = frab::ConferenceDay(ScalarText(Member(conference, "start")), *m_zone);
    info.last_day = frab::ConferenceDay(ScalarText(Member(conference, "end")), *m_zone);

    // pretalx lists every room, in its display order, with its guid (which may be null). The only room guids of a
    // schedule.json: the day's "rooms" keys are names.
    const Json* rooms = Member(conference, "rooms");
    if (rooms == nullptr || !rooms->is_array()) return;
    std::vector<importers::ListedRoom> listing;
    listing.reserve(rooms->size());
    for (std::size_t i = 0; i < rooms->size(); ++i) {
      const Json& room = (*rooms)[i];
      std::string where = m_source + ": /schedule/conference/rooms/" + std::to_string(i);
      if (room.is_object()) {
        listing.push_back({ScalarText(Member(room, "name")), ScalarText(Member(room, "guid")), std::move(where)});
      } else if (room.is_string()) {
        listing.push_back({room.get_ref<const std::string&>(), {}, std::move(where)});
      }
    }
    m_builder.ReadListing(listing);
    for (const importers::ListedRoom& room : listing) m_builder.Room(room.name, room.guid, room.where);
  }

  void ReadDay(const Json& day, const std::string& day_path) {
    if (!day.is_object()) throw ImportError(day_path, "expected a day object");
    const DayContext context =
        frab::ReadDayContext(ScalarText(Member(day, "date")), CleanText(ScalarText(Member(day, "day_start"))), *m_zone,
                             kFieldNames, day_path, m_builder.warnings);
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
    const std::string label = frab::EventLabel(session.source_id, guid);
    session.room_key = m_builder.programme.rooms[room].key;
    // Only the day's "day_start" moves a start past midnight: this reader takes no "day_change".
    session.start = frab::EventStart(ScalarText(Member(event, "date")), ScalarText(Member(event, "start")), day,
                                     std::nullopt, *m_zone, kFieldNames, where, label);
    const std::optional<std::chrono::minutes> length =
        m_builder.Duration(ScalarText(Member(event, "duration")), where, label);
    session.end = session.start + length.value_or(std::chrono::minutes(0));
    session.day = day.date.ok() ? day.date : m_zone->LocalDay(session.start);
    // "title" is a string (frab schema.json); anything else is no title.
    const Json* title = Member(event, "title");
    if (title != nullptr && title->is_string()) session.title = CleanText(title->get_ref<const std::string&>());
    if (session.title.empty()) {
      const bool other = title != nullptr && !title->is_string() && !title->is_null();
      m_builder.Warn(where, label + " has no title" +
                                (other ? std::string(" (\"title\" is ") + title->type_name() + ", not a string)" : ""));
    }
    session.kind = MemberText(event, "type");
    session.language = MemberText(event, "language");
    session.interpretation = frab::ReadInterpretation(MemberText(event, "interpretation"), session.language,
                                                      where + "/interpretation", label, m_builder.warnings);
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
    if (frab::SaysCancelled(status)) session.status = SessionStatus::Cancelled;
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
    session.uid = frab::SessionUid(session, guid);
    m_builder.AddSession(std::move(session), where, label, !length);
  }

  const ImportOptions& m_options;
  std::string m_source;
  std::optional<VenueZone> m_zone;
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
  std::string text(what);
  if (!IsValidUtf8(text)) {
    // "…ill-formed UTF-8 byte; last read: '"Caf\xe9"'": the quoted input would carry the bad bytes into the message.
    const std::size_t last_read = text.find("; last read: '");
    if (last_read != std::string::npos) {
      const std::size_t quote_end = text.find("'; ", last_read + 14);
      text.erase(last_read, quote_end == std::string::npos ? std::string::npos : quote_end + 1 - last_read);
    }
  }
  if (!IsValidUtf8(text)) {
    for (char& c : text) {
      if (static_cast<unsigned char>(c) >= 0x80) c = '?';
    }
  }
  return ImportError(source + ":" + std::to_string(line),
                     "JSON parse error at column " + std::to_string(column) + ": " + text);
}

}  // namespace

// Structure (frab schedule.json, voc schedule validator schema.json): {"schedule": {"conference": {"time_zone_name",
// "rooms": [{name, guid}], "days": [{"date", "day_start", "rooms": {"Room": [event…]}}]}}}. Errors name the JSON
// pointer of the culprit ("file: /schedule/conference/days/1/rooms/Forest/0"). Same defaults as ImportFrabXml: an
// empty or absent "duration" is kept as zero length with a warning; an absent, empty or non-string "title" is no
// title, with a warning; "state"/"status" cancelled makes it Cancelled. Invalid UTF-8 (RFC 8259 section 8.1) and
// unpaired \u surrogates are rejected by nlohmann's parser: an ImportError at file:line.
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
