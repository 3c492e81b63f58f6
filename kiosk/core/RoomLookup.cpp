// The one room lookup (see RoomLookup.h).
#include "kiosk/core/RoomLookup.h"

#include <string>

#include "kiosk/core/Text.h"

namespace kiosk {
namespace {

/// Whether MatchKey form `name` holds `prefix` at its start or after one of its '-' (a word boundary); with `whole`,
/// only where it also ends at a word boundary ('-' or the end): "12" is a whole word of "salle-12", a start of
/// "salle-120".
bool HasAtAWord(const std::string& name, const std::string& prefix, bool whole) {
  if (prefix.empty()) return false;
  const auto at = [&](std::size_t start) {
    if (name.compare(start, prefix.size(), prefix) != 0) return false;
    const std::size_t end = start + prefix.size();
    return !whole || end == name.size() || name[end] == '-';
  };
  if (at(0)) return true;
  for (std::size_t dash = name.find('-'); dash != std::string::npos; dash = name.find('-', dash + 1))
    if (at(dash + 1)) return true;
  return false;
}

}  // namespace

bool NamesRoom(std::string_view query, std::string_view room_key, std::string_view room_name) {
  query = Trim(query);
  if (query.empty()) return false;
  if (query == room_key) return true;
  const std::string key = MatchKey(query);
  return !key.empty() && (MatchKey(room_key) == key || MatchKey(room_name) == key);
}

RoomMatch MatchRoom(const std::vector<Room>& rooms, std::string_view query) {
  RoomMatch match;
  query = Trim(query);
  if (query.empty()) return match;
  // The key as stored wins over a name that folds to it (a guid-keyed room's key is no name).
  for (const Room& room : rooms)
    if (room.key == query) return match.room = &room, match;
  for (const Room& room : rooms)
    if (NamesRoom(query, room.key, room.name)) return match.room = &room, match;
  const std::string key = MatchKey(query);
  std::vector<const Room*> by_word;
  std::vector<const Room*> whole_word;
  for (const Room& room : rooms) {
    const std::string name = MatchKey(room.name);
    if (!HasAtAWord(name, key, false)) continue;
    by_word.push_back(&room);
    if (HasAtAWord(name, key, true)) whole_word.push_back(&room);
  }
  // A word whole in one name only names that room, whatever other words it starts ("1": "Salle 1", not "Salle 10").
  if (by_word.size() > 1 && whole_word.size() == 1) by_word = std::move(whole_word);
  if (by_word.size() == 1) {
    match.room = by_word.front();
    match.by_word = true;
  } else if (by_word.size() > 1) {
    match.candidates = std::move(by_word);
  }
  return match;
}

const Room& FindRoom(const Programme& programme, std::string_view query_view) {
  const RoomMatch match = MatchRoom(programme.rooms, query_view);
  if (match.room) return *match.room;
  const std::string query(Trim(query_view));
  std::string message = "'" + query + "' " + (match.Ambiguous() ? "names several rooms:" : "is not a room; rooms:");
  if (match.Ambiguous()) {
    for (const Room* room : match.candidates) message += "\n  " + room->name;
  } else {
    for (const Room& room : programme.rooms) message += "\n  " + room.name;
  }
  throw LookupError(message);
}

}  // namespace kiosk
