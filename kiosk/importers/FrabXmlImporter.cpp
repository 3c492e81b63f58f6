// frab schedule.xml (as frab, pretalx and pentabarf write it) to the core model, with pugixml.
#include <algorithm>
#include <chrono>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include <pugixml.hpp>

#include "kiosk/core/Text.h"
#include "kiosk/core/VenueZone.h"
#include "kiosk/importers/FrabCommon.h"
#include "kiosk/importers/Importer.h"

namespace kiosk {
namespace {

using frab::CleanText;
using frab::DayContext;
using frab::ProgrammeBuilder;
using frab::Zones;

/// How messages name the frab fields of a schedule.xml.
constexpr frab::FieldNames kFieldNames{"date attribute", "start attribute", "<date>", "<start>"};

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

/// Reads one schedule.xml.
class XmlReader {
 public:
  XmlReader(const ImportOptions& options, std::string source) : m_options(options), m_source(std::move(source)) {}

  ImportResult Read(const pugi::xml_node& schedule) {
    const pugi::xml_node conference = schedule.child("conference");
    m_zones.emplace(frab::ChooseZones(m_options, m_source, TextOf(conference.child("time_zone_name")),
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

    return m_builder.Finish(m_source);
  }

 private:
  void ReadConference(const pugi::xml_node& conference) {
    ConferenceInfo& info = m_builder.programme.conference;
    info.title = CleanText(TextOf(conference.child("title")));
    info.acronym = CleanText(TextOf(conference.child("acronym")));
    info.time_zone = m_zones->venue.Name();
    info.first_day = frab::ConferenceDay(TextOf(conference.child("start")), *m_zones);
    info.last_day = frab::ConferenceDay(TextOf(conference.child("end")), *m_zones);
    m_day_change = frab::ParseTimeOfDay(TextOf(conference.child("day_change")));
  }

  void ReadDay(const pugi::xml_node& day, std::size_t day_index) {
    const std::string day_path = m_source + ": /schedule/day[" + std::to_string(day_index) + "]";
    const DayContext context = frab::ReadDayContext(day.attribute("date").value(), Trim(day.attribute("start").value()),
                                                    m_zones->wall, kFieldNames, day_path, m_builder.warnings);

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
    session.start = frab::EventStart(date, start, day, m_day_change, m_zones->wall, kFieldNames, where, label);
    session.end = session.start + m_builder.Duration(duration, where, label);
    session.day = day.date.ok() ? day.date : m_zones->venue.LocalDay(session.start);
    if (session.description.empty()) session.description = std::move(abstract);
    if (frab::SaysCancelled(status)) session.status = SessionStatus::Cancelled;
    for (const pugi::xml_node& person : persons.children("person")) {
      std::string_view person_name = TextOf(person);
      if (Trim(person_name).empty()) person_name = person.attribute("name").value();
      ProgrammeBuilder::AddSpeaker(session, person_name);
    }
    session.uid = frab::SessionUid(session, guid);
    m_builder.AddSession(std::move(session), where, label);
  }

  const ImportOptions& m_options;
  std::string m_source;
  std::optional<Zones> m_zones;
  std::optional<std::chrono::seconds> m_day_change;
  ProgrammeBuilder m_builder;
};

}  // namespace

// Structure (frab schedule.xml.xsd): <schedule><conference/><day date start><room name guid><event id guid>…. Also
// read: pentabarf's <event>s directly in <day>; older files without <date> or offsets (see frab::EventStart).
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
