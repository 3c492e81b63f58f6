// The one rule by which people name a room (kioskctl move/announce/show --room, kiosk --room and --here, the plan and
// the touch screen): its key, its name, or a unique word of its name.
#pragma once

#include <stdexcept>
#include <string_view>
#include <vector>

#include "kiosk/core/Model.h"

namespace kiosk {

/// A SESSION or ROOM argument that names nothing, or more than one thing. what() lists the candidates, one per line.
class LookupError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Whether `query` names the room with `room_key` and `room_name` as a whole: `query` (trimmed, non-empty) is the key
/// as stored, or equals the key or the name after MatchKey (Text.h: case, accents, white space, punctuation and the
/// apostrophes ' ’ ‘ ʼ ignored). An empty query, or one with no letter or digit that is not the key, names nothing.
/// The first tier of FindRoom; also the plan's rule (a plan room keyed by a programme room's key or name).
bool NamesRoom(std::string_view query, std::string_view room_key, std::string_view room_name);

/// What a room query found among rooms; never throws.
struct RoomMatch {
  const Room* room = nullptr;           ///< the room named; null when none or several
  bool by_word = false;                 ///< found by a word of its name rather than as a whole (NamesRoom)
  std::vector<const Room*> candidates;  ///< several rooms a word names (room null), in the rooms' order

  bool Found() const { return room != nullptr; }
  bool Ambiguous() const { return !candidates.empty(); }
};

/// The room `query` names among `rooms`: the first that NamesRoom (the key as stored first); else the one room
/// whose name (MatchKey form) begins with the query's MatchKey form at a word ("monge" and "Monge" name
/// "Salon Monge", "la roche" names "Salle La Rochefoucauld"). When it begins words of several names, the one name
/// holding it as a whole word wins ("1" names "Salle 1" beside "Salle 10"); otherwise it names none of them: they are
/// the candidates. Pure, never throws.
RoomMatch MatchRoom(const std::vector<Room>& rooms, std::string_view query);

/// MatchRoom in `programme.rooms` that throws LookupError when nothing matches ("'X' is not a room; rooms:" and every
/// room's name, one per line) or when a word names several rooms ("'X' names several rooms:" and those rooms).
const Room& FindRoom(const Programme& programme, std::string_view query);

}  // namespace kiosk
