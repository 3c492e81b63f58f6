// The programme builder the frab and iCalendar importers share (see ProgrammeBuilder.h).
#include "kiosk/importers/ProgrammeBuilder.h"

#include <algorithm>
#include <utility>

#include "kiosk/core/Fields.h"
#include "kiosk/core/Text.h"
#include "kiosk/importers/Durations.h"
#include "kiosk/importers/FinishImport.h"

namespace kiosk::importers {

std::string CleanText(std::string_view text) {
  text = Trim(text);
  const bool ascii = std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  return ascii ? std::string(text) : ToNfc(text);
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
  // An empty duration was already reported by Duration(): validation does not warn of its zero length again.
  ImportResult result = FinishImport(std::move(programme), std::move(warnings), source, m_length_warned);
  m_length_warned.clear();
  return result;
}

}  // namespace kiosk::importers
