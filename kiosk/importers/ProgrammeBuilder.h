// Builds a programme from what an importer reads (frab XML and JSON, iCalendar): rooms and sessions kept once per
// identity, warnings collected, and the import's end (FinishImport).
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "kiosk/core/Diagnostics.h"
#include "kiosk/core/Model.h"
#include "kiosk/core/Validation.h"
#include "kiosk/importers/Importer.h"

namespace kiosk::importers {

/// Room of an event that names none.
inline constexpr std::string_view kNoRoomName = "(no room)";

/// Trimmed NFC text; ASCII (most of any programme) skips the Unicode pass. Invalid UTF-8 is kept as is; never throws.
std::string CleanText(std::string_view text);

/// A room as one listing of the source gives it: raw name and guid (as ProgrammeBuilder::Room takes them), and where.
struct ListedRoom {
  std::string name;
  std::string guid;
  std::string where;
};

/// Collects rooms and sessions in source order, keeping each identity once (DESIGN.md: a room is its guid, else its
/// normalized name; a session is its uid together with its start).
class ProgrammeBuilder {
 public:
  Programme programme;
  std::vector<Warning> warnings;

  void Warn(std::string where, std::string message);

  /// Reads one listing of rooms (JSON conference "rooms"; the <room>s of one <day>) before Room is called for them. A
  /// guid that the listing gives to rooms of different names (NormalizeKey) names no one room (pretalx can give two
  /// rooms holding parallel sessions one guid): from then on Room ignores it, so each such room is found or keyed by
  /// its name, and a name once taken as a rename of that guid's room (see Room) is no longer found as that room.
  /// Warned once per guid and set of names, at the listed room that repeats the guid ("rooms Gray Room and Tan Room
  /// share guid G; told apart by name"). A guid under another name in another listing stays a rename. Never throws.
  void ReadListing(const std::vector<ListedRoom>& listing);

  /// Index in programme.rooms of the room called `raw_name`, with `raw_guid` when the source gives one (frab
  /// room@guid), added on first sight. A room with a guid is that guid (its key): the same guid under another name
  /// is the same room (a rename; warned at `where`, once per name), and the same name under another guid another
  /// room (warned too). Without a guid, or with one that a listing shared between names (see ReadListing), the room
  /// is found by name (NormalizeKey, also among the names rooms with guids were seen under; the first such room when
  /// several share a name), else keyed by the normalized name. An empty name is kNoRoomName, with a warning.
  std::size_t Room(std::string_view raw_name, std::string_view raw_guid, const std::string& where);

  /// Adds a session unless one with the same uid and start is already there (then warns and keeps the first).
  /// Throws ImportError(where, TooManySessions()) for a session past kMaxSessions.
  /// `length_warned`: its empty duration was already warned about (see Duration), so Finish drops validation's
  /// zero-length warning for it.
  void AddSession(Session session, const std::string& where, const std::string& label, bool length_warned = false);

  /// frab <duration> (schedule.xml.xsd simpleType "duration"; see ParseFrabDuration) as a length in minutes. Empty or
  /// absent: nullopt, warned about ("empty duration, kept as zero length"); the caller keeps zero length and passes
  /// length_warned to AddSession. A readable zero ("0:00") is left to ValidateProgramme: each zero-length session is
  /// reported once. Unreadable: throws ImportError at `where`.
  std::optional<std::chrono::minutes> Duration(std::string_view raw, const std::string& where,
                                               const std::string& label);

  /// Adds a speaker (frab <persons><person>) unless the session already has one of that name (a person listed twice
  /// is linked once). An empty name is skipped.
  static void AddSpeaker(Session& session, std::string_view raw_name);

  /// FinishImport (FinishImport.h) of the builder's programme and warnings at `source`, less the zero-length
  /// warnings of sessions whose empty duration was already reported; moves both out of the builder.
  ImportResult Finish(const std::string& source);

 private:
  std::unordered_map<std::string, std::size_t> m_by_name;  ///< normalized name → first room seen under it
  std::unordered_map<std::string, std::size_t> m_by_key;   ///< Room::key (guid or normalized name) → room
  std::unordered_set<std::string> m_room_names_warned;     ///< key + '\n' + normalized name, warned once
  std::unordered_set<std::string> m_shared_guids;          ///< guids a listing gave to rooms of different names
  std::unordered_set<std::string> m_shared_warned;         ///< guid + ('\n' + normalized name)…, warned once
  std::unordered_set<std::string> m_identities;
  /// Sessions whose empty duration Duration() already reported: validation's zero-length warning skips them.
  SessionKeys m_length_warned;
};

}  // namespace kiosk::importers
