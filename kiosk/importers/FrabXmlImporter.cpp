// frab schedule.xml (as frab, pretalx and pentabarf write it) to the core model, with pugixml.
#include <algorithm>
#include <chrono>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <pugixml.hpp>

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

/// "/schedule/day[2]/room[1]/event[3]/title": element names from the root, with the position among same-named
/// siblings for <day>, <room> and <event> (as the reader's messages give them) and for any other repeated element.
/// Past kMaxPathSteps levels the middle is left out ("/…").
std::string PathOf(pugi::xml_node element) {
  constexpr std::size_t kMaxPathSteps = 24;
  std::vector<std::string> steps;  // innermost first
  for (; element.type() == pugi::node_element; element = element.parent()) {
    const char* name = element.name();
    const bool listed =
        (std::strcmp(name, "day") == 0 || std::strcmp(name, "room") == 0 || std::strcmp(name, "event") == 0) &&
        !Is(element.parent(), "event");
    std::string step = std::string("/") + name;
    if (listed || element.previous_sibling(name) || element.next_sibling(name)) {
      std::size_t position = 1;
      for (auto before = element.previous_sibling(name); before; before = before.previous_sibling(name)) ++position;
      step += "[" + std::to_string(position) + "]";
    }
    steps.push_back(std::move(step));
  }
  constexpr std::size_t kKeep = kMaxPathSteps / 2;  // outermost and innermost steps kept when eliding
  std::string path;
  for (std::size_t i = steps.size(); i-- > 0;) {
    if (steps.size() > kMaxPathSteps && i == steps.size() - kKeep - 1) {
      path += "/\u2026";
      i = kKeep;  // the loop goes on with the innermost kKeep steps
      continue;
    }
    path += steps[i];
  }
  return path;
}

/// XML 1.0 section 4.3.3: bytes not legal in the declared encoding are a fatal error. pugixml does not check them
/// (it converts other declared encodings to UTF-8), and invalid UTF-8 kept in a programme breaks its JSON output
/// later. Checks every element and attribute name, attribute value and character data, in document order. Throws
/// ImportError("file: /schedule/…/title", "event 7: invalid UTF-8 in <title>") for the first culprit.
void RequireValidUtf8(const pugi::xml_document& document, const std::string& source) {
  auto fail = [&](const pugi::xml_node& element, const std::string& what) {
    std::string label;
    for (pugi::xml_node event = element; event; event = event.parent()) {
      if (!Is(event, "event")) continue;
      const std::string_view id = event.attribute("id").value();
      const std::string_view guid = event.attribute("guid").value();
      label = frab::EventLabel(IsValidUtf8(id) ? CleanText(id) : std::string(),
                               IsValidUtf8(guid) ? CleanText(guid) : std::string()) +
              ": ";
      break;
    }
    const std::string path = PathOf(element);
    throw ImportError(path.empty() ? source : source + ": " + path, label + "invalid UTF-8 in " + what);
  };
  for (pugi::xml_node node = document.first_child(); node;) {
    const pugi::xml_node parent = node.parent();
    switch (node.type()) {
      case pugi::node_element:
        if (!IsValidUtf8(node.name())) fail(parent, "an element name");
        for (const pugi::xml_attribute& attribute : node.attributes()) {
          if (!IsValidUtf8(attribute.name())) fail(node, "an attribute name of <" + std::string(node.name()) + ">");
          if (!IsValidUtf8(attribute.value())) {
            fail(node, "the " + std::string(attribute.name()) + " attribute of <" + node.name() + ">");
          }
        }
        break;
      case pugi::node_pcdata:
      case pugi::node_cdata:
        if (!IsValidUtf8(node.value())) fail(parent, "<" + std::string(parent.name()) + ">");
        break;
      default:  // comments, processing instructions, the declaration, a doctype
        if (!IsValidUtf8(node.name()) || !IsValidUtf8(node.value())) fail(parent, "markup other than elements");
        for (const pugi::xml_attribute& attribute : node.attributes()) {
          if (!IsValidUtf8(attribute.name()) || !IsValidUtf8(attribute.value())) {
            fail(parent, "markup other than elements");
          }
        }
        break;
    }
    // Next in document order, without recursion (a deeply nested file must not exhaust the stack).
    if (node.first_child()) {
      node = node.first_child();
      continue;
    }
    while (node && !node.next_sibling()) node = node.parent();
    if (node) node = node.next_sibling();
  }
}

/// Reads one schedule.xml.
class XmlReader {
 public:
  XmlReader(const ImportOptions& options, std::string source) : m_options(options), m_source(std::move(source)) {}

  ImportResult Read(const pugi::xml_node& schedule) {
    const pugi::xml_node conference = schedule.child("conference");
    m_zone.emplace(frab::ChooseVenueZone(m_options, m_source, TextOf(conference.child("time_zone_name")),
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
    info.time_zone = m_zone->Name();
    info.first_day = frab::ConferenceDay(TextOf(conference.child("start")), *m_zone);
    info.last_day = frab::ConferenceDay(TextOf(conference.child("end")), *m_zone);
    m_day_change = frab::ParseTimeOfDay(TextOf(conference.child("day_change")));
  }

  void ReadDay(const pugi::xml_node& day, std::size_t day_index) {
    const std::string day_path = m_source + ": /schedule/day[" + std::to_string(day_index) + "]";
    const DayContext context = frab::ReadDayContext(day.attribute("date").value(), Trim(day.attribute("start").value()),
                                                    *m_zone, kFieldNames, day_path, m_builder.warnings);

    // The day's <room>s are one listing: a guid they give to rooms of different names identifies none of them.
    std::vector<importers::ListedRoom> listing;
    for (const pugi::xml_node& room : day.children("room")) {
      listing.push_back({room.attribute("name").value(), room.attribute("guid").value(),
                         day_path + "/room[" + std::to_string(listing.size() + 1) + "]"});
    }
    m_builder.ReadListing(listing);

    std::size_t room_index = 0;
    std::size_t loose_event_index = 0;
    for (const pugi::xml_node& child : day.children()) {
      if (Is(child, "room")) {
        const std::string& room_path = listing[room_index++].where;
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
    std::string_view date, start, duration, status, interpretation;
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
      } else if (name == "interpretation") {
        interpretation = TextOf(field);
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
    const std::string label = frab::EventLabel(session.source_id, guid);
    if (session.title.empty()) m_builder.Warn(where, label + " has no title");

    session.room_key = m_builder.programme.rooms[room].key;
    session.start = frab::EventStart(date, start, day, m_day_change, *m_zone, kFieldNames, where, label);
    const std::optional<std::chrono::minutes> length = m_builder.Duration(duration, where, label);
    session.end = session.start + length.value_or(std::chrono::minutes(0));
    session.day = day.date.ok() ? day.date : m_zone->LocalDay(session.start);
    if (session.description.empty()) session.description = std::move(abstract);
    if (frab::SaysCancelled(status)) session.status = SessionStatus::Cancelled;
    session.interpretation = frab::ReadInterpretation(CleanText(interpretation), session.language,
                                                      where + "/interpretation", label, m_builder.warnings);
    for (const pugi::xml_node& person : persons.children("person")) {
      std::string_view person_name = TextOf(person);
      if (Trim(person_name).empty()) person_name = person.attribute("name").value();
      ProgrammeBuilder::AddSpeaker(session, person_name);
    }
    session.uid = frab::SessionUid(session, guid);
    m_builder.AddSession(std::move(session), where, label, !length);
  }

  const ImportOptions& m_options;
  std::string m_source;
  std::optional<VenueZone> m_zone;
  std::optional<std::chrono::seconds> m_day_change;
  ProgrammeBuilder m_builder;
};

}  // namespace

// Structure (frab schedule.xml.xsd): <schedule><conference/><day date start><room name guid><event id guid>…. Also
// read: pentabarf's <event>s directly in <day>; older files without <date> or offsets (see frab::EventStart).
// Documented defaults: an empty or absent <duration> is kept as zero length with a warning naming the event; an event
// without a <title> is kept, with a warning; a cancelled <status>/@state makes the session Cancelled, otherwise it is
// Confirmed. Text that is not valid UTF-8 (after pugixml's decoding of the declared encoding) is an ImportError.
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
  RequireValidUtf8(document, source);
  const pugi::xml_node root = document.document_element();
  if (!Is(root, "schedule")) {
    throw ImportError(source, "root element is <" + std::string(root.name()) + ">, not a frab <schedule>");
  }
  return XmlReader(options, source).Read(root);
}

}  // namespace kiosk
