// Rules the frab schedule.xml and schedule.json importers share: venue zones, day and event times, rooms, sessions.
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "kiosk/core/Diagnostics.h"
#include "kiosk/core/Model.h"
#include "kiosk/core/Validation.h"
#include "kiosk/core/VenueZone.h"
#include "kiosk/importers/Importer.h"

namespace kiosk::frab {

/// Venue zone when neither --tz nor the file names one.
inline constexpr std::string_view kDefaultZone = "Europe/Paris";
/// Room of an event that names none.
inline constexpr std::string_view kNoRoomName = "(no room)";

/// Trimmed NFC text; ASCII (most of any programme) skips the Unicode pass. Invalid UTF-8 is kept as is; never throws.
std::string CleanText(std::string_view text);

/// True for the pretalx/frab state words of a session that will not take place (<event><status> or @state, JSON
/// "state"/"status": "cancelled", "canceled", "annulé", compared by NormalizeKey). Never throws.
bool SaysCancelled(std::string_view text);

/// "HH:MM" or "HH:MM:SS" (frab schedule.xml.xsd simpleType "start"; one-digit hours tolerated) as seconds after
/// venue-local midnight (a wall-clock time, not UTC). nullopt when unreadable; never throws.
std::optional<std::chrono::seconds> ParseTimeOfDay(std::string_view text);

/// The venue zone of an import (ImportOptions::time_zone, i.e. --tz, when given; else the file's
/// <conference><time_zone_name> (schedule.xml.xsd; JSON "time_zone_name"), given raw as `file_zone`; else
/// kDefaultZone). Wall-clock times written without an offset are read in it. An unknown file zone is ignored with a
/// warning at `file_zone_where`; a file zone other than --tz is warned about there too. Throws
/// ImportError(source, …) when the venue zone itself is unknown.
VenueZone ChooseVenueZone(const ImportOptions& options, const std::string& source, std::string_view file_zone,
                          const std::string& file_zone_where, std::vector<Warning>& warnings);

/// <conference><start>/<end> (schedule.xml.xsd "dateOrDateTimeTZ"): a date, or a date-time whose venue-local date is
/// meant (38C3 writes it in UTC; without an offset it is read in `venue`). Unreadable: a !ok() Day; never throws.
Day ConferenceDay(std::string_view raw, const VenueZone& venue);

/// What a <day> (JSON: an element of "days") tells about the events under it.
struct DayContext {
  Day date{};                    ///< venue-local calendar date; !ok() when the day has no readable one
  std::optional<Instant> start;  ///< UTC; events of older files before it are after midnight
};

/// How a format names the frab fields in its messages (XML "<date>", JSON "\"date\"").
struct FieldNames {
  std::string_view day_date;     ///< the day's date
  std::string_view day_start;    ///< the day's start
  std::string_view event_date;   ///< an event's date-time
  std::string_view event_start;  ///< an event's time of day
};

/// A day from its date (schedule.xml.xsd day@date, xs:date, meant venue-local) and its start (day@start,
/// "dateTimeTZ", already trimmed; without an offset read in `venue`). When the start has an offset and falls on
/// another venue-local date than day@date (DebConf23 labels its days with the UTC date of their start), the day is
/// that venue-local date, with one warning. Unreadable values are warned about at `where` (a missing date too, a
/// missing start not) and left out; never throws.
DayContext ReadDayContext(std::string_view raw_date, std::string_view start, const VenueZone& venue,
                          const FieldNames& names, const std::string& where, std::vector<Warning>& warnings);

/// An event's start as a UTC instant: <date> (schedule.xml.xsd event "dateTimeTZ") with its offset honoured (read in
/// `venue` without one); else (older files) the day's date and <start> (simpleType "start") read as wall-clock time
/// in `venue`, moved to the next calendar date when it falls before the day's start, or, for a day without one, before
/// `day_change` (<conference><day_change>, a venue-local time of day). Throws ImportError(where, label + …) when
/// <date> is unreadable, or when it is absent and <start> or the day's date is unreadable.
Instant EventStart(std::string_view raw_date, std::string_view raw_start, const DayContext& day,
                   std::optional<std::chrono::seconds> day_change, const VenueZone& venue, const FieldNames& names,
                   const std::string& where, const std::string& label);

/// How messages name an event: "event " + its id (event@id), else its guid, else "event (no id)".
std::string EventLabel(const std::string& id, const std::string& guid);

/// A session's uid (DESIGN.md): the event's guid (schedule.xml.xsd event@guid, unique across systems), else
/// "id:" + its id (event@id, not unique across slots), else "key:ROOM@START:TITLE" from its room key, UTC start in
/// seconds since the epoch and NormalizeKey(title). Reads session.source_id, room_key, start and title.
std::string SessionUid(const Session& session, const std::string& guid);

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

  /// The normalized programme with the builder's warnings followed by ValidateProgramme's (at `source`), less the
  /// zero-length warnings of sessions whose empty duration was already reported; moves both out of the builder.
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

}  // namespace kiosk::frab
