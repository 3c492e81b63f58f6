// The programme model shared by every layer: rooms, sessions, speakers, and the conference they belong to.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <date/date.h>

namespace kiosk {

/// The venue zone (IANA name) when neither --tz, the programme file nor the screen's configuration names one: the
/// first venue's. Every default zone in kiosk and kioskctl is this one constant.
inline constexpr std::string_view kDefaultVenueZone = "Europe/Paris";

/// An instant in UTC, to the second. Every time in the model is one; the venue zone converts for display and parsing.
using Instant = std::chrono::sys_seconds;

/// A programme day as the source files it (venue-local calendar date). A session after midnight may belong to the day
/// before.
using Day = date::year_month_day;

/// Whether a session takes place. Source values: frab has none; pretalx/CSV "cancelled"/"annulé" map to Cancelled.
enum class SessionStatus { Confirmed, Cancelled };

/// A person on stage. `role` is free text ("Maire de …"), possibly empty.
struct Speaker {
  std::string name;
  std::string role;

  bool operator==(const Speaker&) const = default;
};

/// A room of the venue. Identity (DESIGN.md): its guid, else its normalized name (see NormalizeKey).
struct Room {
  std::string key;   ///< identity key: guid or normalized name; never empty
  std::string name;  ///< display name as written in the source

  bool operator==(const Room&) const = default;
};

/// What live changes during the event did to a session (issue 3): the screens show them in French and English for the
/// rest of the day ("Retardé +15 min / Delayed", "Déplacé → Salon Monge / Moved", "Annulé / Cancelled",
/// "Complet / Full"). Set only by ApplyLiveChanges (LiveChanges.h); importers leave it empty.
struct SessionMarks {
  int delay_minutes = 0;      ///< sum of live delays in minutes (negative: brought forward); start/end already moved
  std::string moved_from;     ///< Room::key the session was in before a live move; empty when not moved
  bool cancelled = false;     ///< cancelled live (status is Cancelled too)
  bool full = false;          ///< the room is full for this session ("Complet / Full")
  std::int64_t revision = 0;  ///< the revision of the latest live change to this session; 0 when none

  bool Any() const { return delay_minutes != 0 || !moved_from.empty() || cancelled || full; }
  bool operator==(const SessionMarks&) const = default;
};

/// Simultaneous interpretation announced for a session (issue 13 section 2): the languages it is interpreted into
/// or between, and the headset channel. Screens show it as a badge ("Interprétation EN · canal 2 / Interpreted into
/// EN · channel 2").
struct Interpretation {
  std::vector<std::string>
      languages;        ///< ISO 639-1 codes upper-cased ("FR", "EN"), in the order the source writes them
  std::string channel;  ///< headset channel as announced ("2"); empty when none is given

  bool Any() const { return !languages.empty(); }
  bool operator==(const Interpretation&) const = default;
};

/// One occurrence of a session in a room.
/// Identity (DESIGN.md): `uid` (the guid, else the source id) together with `start`: a guid repeated at another start
/// is a repeat of that session and each occurrence is kept.
struct Session {
  std::string uid;  ///< guid if the source has one, else "id:" + source id, else a key derived from room+start+title
  std::string source_id;          ///< the id column / frab event@id, possibly empty
  std::string room_key;           ///< Room::key of its room
  Day day{};                      ///< programme day it is filed under (frab <day date>, CSV date column)
  Instant start{};                ///< UTC
  Instant end{};                  ///< UTC, >= start
  std::string title;              ///< as in the source (French first for RAICT)
  std::string title_en;           ///< English title, may be empty
  std::string kind;               ///< format: plénière, atelier, talk, workshop … (frab <type>)
  std::string track;              ///< theme (frab <track>)
  std::string language;           ///< "fr", "en", "fr/en" … may be empty
  Interpretation interpretation;  ///< simultaneous interpretation; none when !Any()
  std::string description;
  std::vector<Speaker> speakers;
  SessionStatus status = SessionStatus::Confirmed;
  SessionMarks marks;  ///< live changes applied to it (none for a session as imported)

  bool operator==(const Session&) const = default;
};

/// What a programme says about its conference. Days are venue-local; `time_zone` is an IANA name.
struct ConferenceInfo {
  std::string title;
  std::string acronym;
  std::string description;
  std::string time_zone{kDefaultVenueZone};
  Day first_day{};  ///< !ok() when unknown
  Day last_day{};   ///< !ok() when unknown

  bool operator==(const ConferenceInfo&) const = default;
};

/// A whole programme: what one import produces and one revision holds.
/// Rooms in display order; sessions sorted by (start, room order, uid) after Normalize().
struct Programme {
  ConferenceInfo conference;
  std::vector<Room> rooms;
  std::vector<Session> sessions;

  bool operator==(const Programme&) const = default;

  /// The room with this key, or nullptr.
  const Room* FindRoom(const std::string& key) const;
  /// Sorts sessions by (start, room order, uid) so equal programmes compare equal whatever the source order.
  void Normalize();
  /// Distinct programme days of the sessions, ascending.
  std::vector<Day> Days() const;
};

/// The years any date may have in kiosk, in files, on the command line and for clocks: 1970 to 2100 (the one place
/// this range is decided; issue 11, defect 7). Earlier dates precede the Unix epoch that instants and check-in times
/// count from; later ones are typos (9999-12-31 as "no end", 3000 for 2030).
inline constexpr int kFirstYear = 1970;
inline constexpr int kLastYear = 2100;
/// True when `day` is a valid calendar date from kFirstYear-01-01 to kLastYear-12-31.
bool DayInRange(Day day);
/// The message for a well-formed date out of that range, quoting it as written:
/// "out of range: 9999-12-31 (dates run from 1970-01-01 to 2100-12-31)".
std::string OutOfRange(std::string_view as_written);

/// Formats a day as YYYY-MM-DD.
std::string FormatDay(Day day);
/// Parses YYYY-MM-DD. Returns !ok() day on failure.
Day ParseDay(std::string_view text);

}  // namespace kiosk
