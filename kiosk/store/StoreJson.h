// JSON forms the schedule store keeps inside revisions: the imported programme, live changes, announcement rooms.
// Internal to kiosk_store.
#pragma once

#include <string>
#include <vector>

#include "kiosk/core/LiveChanges.h"
#include "kiosk/core/Model.h"

namespace kiosk::store_json {

/// The imported programme (without marks) as compact JSON, keys in a fixed order so equal programmes give equal
/// bytes (the store names a programme by the SHA-256 of this text).
std::string ProgrammeToJson(const Programme& programme);
/// Throws std::runtime_error when the text is not what ProgrammeToJson writes.
Programme ProgrammeFromJson(const std::string& text);

/// Live changes as a JSON array of objects {revision, kind, uid, start (UTC epoch seconds), minutes, room, before,
/// made_at (UTC epoch seconds)}, in order. Never throws (invalid UTF-8 is replaced).
std::string ChangesToJson(const std::vector<LiveChange>& changes);
/// The inverse of ChangesToJson. Throws std::runtime_error on malformed text or an unknown kind.
std::vector<LiveChange> ChangesFromJson(const std::string& text);

/// A JSON array of strings (announcement room keys). Never throws.
std::string StringsToJson(const std::vector<std::string>& strings);
/// The inverse of StringsToJson. Throws std::runtime_error on malformed text.
std::vector<std::string> StringsFromJson(const std::string& text);

}  // namespace kiosk::store_json
