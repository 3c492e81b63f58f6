// The organizer's spreadsheet (CSV) importer: a small RFC 4180 state machine, header aliases, venue-local times.
//
// Format read by ImportCsv:
// - UTF-8 with or without BOM. A file with no multi-byte UTF-8 sequence at all (and no BOM) whose bytes are not
//   UTF-8 is a legacy export and is read as Windows-1252 (with a warning naming line 1); a file that is otherwise
//   UTF-8 with stray non-UTF-8 bytes is refused (mixed encodings), naming the line of the first such byte.
// - Optional metadata lines before the header, "# key: value" with key title, acronym, description, time_zone,
//   start, end (YYYY-MM-DD); other "#" lines before the header are comments. Blank lines are skipped.
// - A header line whose delimiter (',', ';' or tab) is the most frequent outside quotes. Columns are matched by
//   NormalizeKey (case and accents ignored), French or English:
//     id/identifiant, date, start/début/heure de début, end/fin/heure de fin, duration/durée, room/salle/lieu,
//     kind/type/format, title/titre, title_en/titre_en/english title, speakers/intervenants, track/thème,
//     language/langue, status/statut, description.
//   Required: date, start, end or duration, room, title. Unknown columns are ignored with a warning.
// - RFC 4180 cells: quoted cells may hold delimiters, doubled quotes and line breaks; CRLF or LF.
// - date YYYY-MM-DD or DD/MM/YYYY; times HH:MM, H:MM, HH:MM:SS or 9h30; duration in minutes or H:MM.
// - Times are wall-clock times in the venue zone: ImportOptions::time_zone (--tz) when given, else the file's
//   "# time_zone:", else Europe/Paris (a warning names the metadata line when --tz overrides another zone).
//   A time in a spring-forward gap is moved forward by the gap, one in an autumn overlap is the earlier instant;
//   both with a warning. An end earlier on the clock than the start is read on the next day (a session past
//   midnight, with a warning) unless that makes the session longer than 12 hours; an end before the start as
//   UTC instants is an error.
// Line numbers in messages are the physical line (1-based) where the record starts.
// Decoding and the RFC 4180 reader are shared with the registrant importer (CsvText.h).

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <date/date.h>
#include <date/tz.h>

#include "kiosk/core/Diagnostics.h"
#include "kiosk/core/Fields.h"
#include "kiosk/core/Model.h"
#include "kiosk/core/StatusWords.h"
#include "kiosk/core/Text.h"
#include "kiosk/core/Validation.h"
#include "kiosk/core/VenueZone.h"
#include "kiosk/importers/CsvText.h"
#include "kiosk/importers/FinishImport.h"
#include "kiosk/importers/Importer.h"
#include "kiosk/importers/SessionUid.h"

namespace kiosk {
namespace {

constexpr long kMaxDurationMinutes = 7 * 24 * 60;
/// Longest session an end earlier on the clock than its start may give when read on the next day.
constexpr std::chrono::hours kMaxPastMidnightLength{12};

/// The columns the importer understands.
enum class Field {
  Id,
  Date,
  Start,
  End,
  Duration,
  Room,
  Kind,
  Title,
  TitleEn,
  Speakers,
  Track,
  Language,
  Status,
  Description,
  Count
};

constexpr std::size_t kFieldCount = static_cast<std::size_t>(Field::Count);

/// Header names (as NormalizeKey folds them) and the column each one means.
constexpr std::array<std::pair<std::string_view, Field>, 33> kHeaderAliases{{
    {"id", Field::Id},
    {"identifiant", Field::Id},
    {"date", Field::Date},
    {"start", Field::Start},
    {"debut", Field::Start},
    {"heure-de-debut", Field::Start},
    {"end", Field::End},
    {"fin", Field::End},
    {"heure-de-fin", Field::End},
    {"duration", Field::Duration},
    {"duree", Field::Duration},
    {"room", Field::Room},
    {"salle", Field::Room},
    {"lieu", Field::Room},
    {"kind", Field::Kind},
    {"type", Field::Kind},
    {"format", Field::Kind},
    {"title", Field::Title},
    {"titre", Field::Title},
    {"title-en", Field::TitleEn},
    {"titre-en", Field::TitleEn},
    {"english-title", Field::TitleEn},
    {"speakers", Field::Speakers},
    {"intervenants", Field::Speakers},
    {"track", Field::Track},
    {"theme", Field::Track},
    {"language", Field::Language},
    {"langue", Field::Language},
    {"status", Field::Status},
    {"statut", Field::Status},
    {"description", Field::Description},
    {"heure-debut", Field::Start},
    {"heure-fin", Field::End},
}};

/// English name of a column, for messages about a column that is missing.
std::string_view CanonicalName(Field field) {
  switch (field) {
    case Field::Id:
      return "id";
    case Field::Date:
      return "date";
    case Field::Start:
      return "start";
    case Field::End:
      return "end";
    case Field::Duration:
      return "duration";
    case Field::Room:
      return "room";
    case Field::Kind:
      return "kind";
    case Field::Title:
      return "title";
    case Field::TitleEn:
      return "title_en";
    case Field::Speakers:
      return "speakers";
    case Field::Track:
      return "track";
    case Field::Language:
      return "language";
    case Field::Status:
      return "status";
    case Field::Description:
      return "description";
    case Field::Count:
      break;
  }
  return "?";
}

std::optional<Field> FieldOfHeader(std::string_view header) {
  const std::string key = NormalizeKey(header);
  for (const auto& [alias, field] : kHeaderAliases) {
    if (alias == key) return field;
  }
  return std::nullopt;
}

/// A wall-clock time "HH:MM", "H:MM", "HH:MM:SS", "9h30", "9h" as seconds since midnight. "24:00" only when
/// allow_midnight_end (an end at midnight). nullopt when invalid.
std::optional<std::chrono::seconds> ParseClockTime(std::string_view text, bool allow_midnight_end) {
  const auto sep = text.find_first_of(":hH.");
  if (sep == std::string_view::npos) return std::nullopt;
  const auto hours = ParseDigits(text.substr(0, sep), 2);
  std::string_view rest = text.substr(sep + 1);
  std::optional<int> minutes = 0;
  std::optional<int> seconds = 0;
  if (rest.empty()) {
    if (text[sep] != 'h' && text[sep] != 'H') return std::nullopt;  // "9h" but not "9:"
  } else {
    const auto colon = rest.find(':');
    if (colon != std::string_view::npos) {
      if (text[sep] != ':') return std::nullopt;
      seconds = ParseDigits(rest.substr(colon + 1), 2);
      if (rest.size() - colon - 1 != 2) return std::nullopt;
      rest = rest.substr(0, colon);
    }
    minutes = ParseDigits(rest, 2);
    if (rest.size() != 2) return std::nullopt;
  }
  if (!hours || !minutes || !seconds || *minutes > 59 || *seconds > 59) return std::nullopt;
  const auto total = std::chrono::hours{*hours} + std::chrono::minutes{*minutes} + std::chrono::seconds{*seconds};
  if (total < std::chrono::hours{24}) return total;
  if (allow_midnight_end && total == std::chrono::hours{24}) return total;
  return std::nullopt;
}

/// A duration: whole minutes ("45", "45 min", "45mn") or hours and minutes ("1:30", "1h30", "2h"). nullopt when
/// invalid.
std::optional<std::chrono::minutes> ParseCsvDuration(std::string_view text) {
  std::string_view number = text;
  for (std::string_view suffix : {"minutes", "min", "mn"}) {
    if (number.size() > suffix.size() && number.substr(number.size() - suffix.size()) == suffix) {
      number = Trim(number.substr(0, number.size() - suffix.size()));
      break;
    }
  }
  std::optional<long> minutes;
  if (const auto whole = ParseDigits(number, 5)) {
    minutes = *whole;
  } else if (number == text) {
    const auto sep = text.find_first_of(":hH");
    if (sep == std::string_view::npos) return std::nullopt;
    const auto hours = ParseDigits(text.substr(0, sep), 3);
    const std::string_view rest = text.substr(sep + 1);
    std::optional<int> mins = 0;
    if (!rest.empty()) mins = rest.size() == 2 ? ParseDigits(rest, 2) : std::nullopt;
    if (rest.empty() && text[sep] == ':') return std::nullopt;
    if (!hours || !mins || *mins > 59) return std::nullopt;
    minutes = *hours * 60L + *mins;
  }
  if (!minutes || *minutes > kMaxDurationMinutes) return std::nullopt;
  return std::chrono::minutes{*minutes};
}

/// "HH:MM" of seconds since midnight (seconds dropped).
std::string FormatClock(std::chrono::seconds since_midnight) {
  const auto minutes = std::chrono::duration_cast<std::chrono::minutes>(since_midnight).count();
  const long h = minutes / 60, m = minutes % 60;
  std::string text;
  text += static_cast<char>('0' + h / 10);
  text += static_cast<char>('0' + h % 10);
  text += ':';
  text += static_cast<char>('0' + m / 10);
  text += static_cast<char>('0' + m % 10);
  return text;
}

/// Splits a speakers cell on '|', line breaks and (unless it is the CSV delimiter) ';'. "Name (Role)" gives the role.
std::vector<Speaker> ParseSpeakers(std::string_view cell, char delimiter) {
  std::vector<Speaker> speakers;
  std::string separators = "|\n";
  if (delimiter != ';') separators += ';';
  std::size_t begin = 0;
  while (begin <= cell.size()) {
    std::size_t end = cell.find_first_of(separators, begin);
    if (end == std::string_view::npos) end = cell.size();
    const std::string_view piece = Trim(cell.substr(begin, end - begin));
    begin = end + 1;
    if (piece.empty()) continue;
    Speaker speaker{std::string(piece), ""};
    if (piece.back() == ')') {
      // The trailing parenthesised group, matched backwards so a role may hold parentheses of its own.
      int depth = 0;
      std::size_t open = std::string_view::npos;
      for (std::size_t i = piece.size(); i-- > 0;) {
        if (piece[i] == ')') ++depth;
        if (piece[i] == '(' && --depth == 0) {
          open = i;
          break;
        }
      }
      if (open != std::string_view::npos) {
        const std::string_view name = Trim(piece.substr(0, open));
        if (!name.empty())
          speaker = Speaker{std::string(name), std::string(Trim(piece.substr(open + 1, piece.size() - open - 2)))};
      }
    }
    speakers.push_back(std::move(speaker));
  }
  return speakers;
}

/// True for a line holding only white space and delimiters (a spreadsheet's empty row).
bool IsBlankLine(std::string_view line) { return line.find_first_not_of(" \t\r,;") == std::string_view::npos; }

/// The text of a metadata line: unquoted when a spreadsheet quoted it, trailing empty cells removed.
std::string_view MetadataText(std::string_view line, std::string& unquoted) {
  if (line.front() != '"') return Trim(line.substr(0, line.find_last_not_of(" \t,;") + 1));
  unquoted.clear();
  for (std::size_t i = 1; i < line.size(); ++i) {
    if (line[i] != '"') {
      unquoted += line[i];
    } else if (i + 1 < line.size() && line[i + 1] == '"') {
      unquoted += '"';
      ++i;
    } else {
      break;
    }
  }
  return Trim(unquoted);
}

/// Builds the programme from the CSV text (UTF-8, BOM removed).
class CsvImport {
 public:
  CsvImport(std::string_view text, const ImportOptions& options)
      : m_text(text),
        m_options(options),
        m_source(options.source_name.empty() ? std::string("<input>") : options.source_name) {}

  ImportResult Run(std::vector<Warning> warnings);

 private:
  std::string Where(int line) const { return m_source + ":" + std::to_string(line); }
  [[noreturn]] void Fail(int line, std::string message) const { throw ImportError(Where(line), std::move(message)); }
  void Warn(int line, std::string message) { m_warnings.push_back(Warning{Where(line), std::move(message)}); }

  /// Reads metadata and comments up to the header; returns the header's offset and line (offset npos: none).
  std::pair<std::size_t, int> ReadPreamble();
  void ReadMetadata(std::string_view line, int line_number);
  void SetZones();
  void ReadHeader(const CsvRecord& header);
  void ReadRow(const CsvRecord& row);
  /// The trimmed, NFC cell of `field` in `row` ("" when the column is absent or the row is short).
  std::string Cell(const CsvRecord& row, Field field) const;
  std::string ColumnName(Field field) const { return m_header_names[static_cast<std::size_t>(field)]; }
  std::chrono::seconds RequireTime(const CsvRecord& row, Field field, const std::string& text,
                                   bool allow_midnight) const;
  /// The instant of venue wall-clock time `local` (the `what` time of the row on `line`), with a warning when the
  /// time does not exist (spring-forward gap) or happens twice (autumn overlap) in the venue zone.
  Instant ToInstant(int line, std::string_view what, date::local_seconds local);

  std::string_view m_text;
  const ImportOptions& m_options;
  std::string m_source;
  std::vector<Warning> m_warnings;
  Programme m_programme;
  char m_delimiter = ',';

  std::string m_file_zone;  ///< "# time_zone:" value, empty when absent
  int m_file_zone_line = 0;
  std::optional<VenueZone> m_zone;        ///< the venue zone; every wall-clock time is read in it
  const date::time_zone* m_tz = nullptr;  ///< the same zone, to tell gaps and overlaps (VenueZone hides them)

  std::size_t m_header_size = 0;
  std::array<std::optional<std::size_t>, kFieldCount> m_columns{};
  std::array<std::string, kFieldCount> m_header_names{};

  std::map<std::string, std::size_t> m_room_index;                    ///< room key -> index in m_programme.rooms
  std::map<std::pair<std::string, Instant>, int> m_occurrence_lines;  ///< (uid, start) -> line
};

std::pair<std::size_t, int> CsvImport::ReadPreamble() {
  std::size_t pos = 0;
  int line_number = 1;
  while (pos < m_text.size()) {
    const std::size_t eol = m_text.find('\n', pos);
    const std::size_t end = eol == std::string_view::npos ? m_text.size() : eol;
    const std::string_view line = Trim(m_text.substr(pos, end - pos));
    if (!IsBlankLine(line)) {
      if (line.front() != '#' && !line.starts_with("\"#")) return {pos, line_number};
      ReadMetadata(line, line_number);
    }
    pos = end + 1;
    ++line_number;
  }
  return {std::string_view::npos, line_number};
}

void CsvImport::ReadMetadata(std::string_view line, int line_number) {
  std::string unquoted;
  std::string_view text = MetadataText(line, unquoted);
  text.remove_prefix(std::min<std::size_t>(1, text.size()));  // the '#'
  const auto colon = text.find(':');
  if (colon == std::string_view::npos) return;  // a comment
  const std::string key = NormalizeKey(text.substr(0, colon));
  const std::string value = ToNfc(Trim(text.substr(colon + 1)));
  ConferenceInfo& conference = m_programme.conference;
  if (key == "title" || key == "titre") {
    conference.title = value;
  } else if (key == "acronym" || key == "sigle" || key == "acronyme") {
    conference.acronym = value;
  } else if (key == "description") {
    conference.description = value;
  } else if (key == "time-zone" || key == "timezone" || key == "tz" || key == "fuseau-horaire") {
    m_file_zone = value;
    m_file_zone_line = line_number;
  } else if (key == "start" || key == "debut" || key == "end" || key == "fin") {
    const auto day = ParseCsvDay(value);
    if (!day)
      Fail(line_number, CsvDayProblem(value) + " in metadata '" + std::string(Trim(text.substr(0, colon))) + "'");
    (key == "start" || key == "debut" ? conference.first_day : conference.last_day) = *day;
  }
  // Other "# key: value" lines are comments.
}

void CsvImport::SetZones() {
  // One rule for every importer: the venue zone is --tz, else the file's own zone, else Europe/Paris, and wall-clock
  // times are read in that venue zone (--tz wins over the file's metadata).
  const bool given = !m_options.time_zone.empty();
  const std::string name = given                  ? m_options.time_zone
                           : !m_file_zone.empty() ? m_file_zone
                                                  : std::string(kDefaultVenueZone);
  try {
    m_zone.emplace(name);
    m_tz = date::locate_zone(name);
  } catch (const std::exception&) {
    if (!given && !m_file_zone.empty()) Fail(m_file_zone_line, "unknown time zone '" + m_file_zone + "'");
    throw ImportError(m_source, "unknown time zone '" + name + "' given with --tz");
  }
  if (given && !m_file_zone.empty() && m_file_zone != name) {
    // Also when the file's zone is unknown: --tz replaces it.
    Warn(m_file_zone_line, "file says time_zone " + m_file_zone + "; reading times in --tz " + name);
  }
  m_programme.conference.time_zone = name;
}

void CsvImport::ReadHeader(const CsvRecord& header) {
  m_header_size = header.cells.size();
  for (std::size_t i = 0; i < header.cells.size(); ++i) {
    const std::string name = ToNfc(Trim(header.cells[i]));
    if (name.empty()) continue;  // a spreadsheet's trailing empty column
    const auto field = FieldOfHeader(name);
    if (!field) {
      Warn(header.line, "unknown column '" + name + "' ignored");
      continue;
    }
    auto& column = m_columns[static_cast<std::size_t>(*field)];
    if (column) {
      Warn(header.line, "column '" + name + "' repeats column '" + ColumnName(*field) + "'; ignored");
      continue;
    }
    column = i;
    m_header_names[static_cast<std::size_t>(*field)] = name;
  }
  for (Field required : {Field::Date, Field::Start, Field::Room, Field::Title}) {
    if (!m_columns[static_cast<std::size_t>(required)]) {
      Fail(header.line, "missing required column '" + std::string(CanonicalName(required)) + "'");
    }
  }
  if (!m_columns[static_cast<std::size_t>(Field::End)] && !m_columns[static_cast<std::size_t>(Field::Duration)]) {
    Fail(header.line, "missing required column 'end' (or 'duration')");
  }
}

std::string CsvImport::Cell(const CsvRecord& row, Field field) const {
  const auto column = m_columns[static_cast<std::size_t>(field)];
  if (!column || *column >= row.cells.size()) return {};
  return ToNfc(Trim(row.cells[*column]));
}

std::chrono::seconds CsvImport::RequireTime(const CsvRecord& row, Field field, const std::string& text,
                                            bool allow_midnight) const {
  const auto time = ParseClockTime(text, allow_midnight);
  if (!time && ParseClockTime(text, true) == std::chrono::hours{24})
    Fail(row.line, "24:00 in column " + ColumnName(field) +
                       " is the end of a day, not a start: a session that starts at midnight starts at 00:00 on the "
                       "next day");
  if (!time) Fail(row.line, "unparseable time '" + text + "' in column " + ColumnName(field));
  return *time;
}

Instant CsvImport::ToInstant(int line, std::string_view what, date::local_seconds local) {
  const Instant instant = m_zone->ToInstant(local);
  const auto result = m_tz->get_info(local).result;
  if (result == date::local_info::unique) return instant;
  const std::string said = std::string(what) + " " + date::format("%Y-%m-%d %H:%M", local);
  const std::string read = m_zone->FormatHm(instant) + m_zone->Offset(instant);
  if (result == date::local_info::nonexistent) {
    Warn(line, said + " does not exist in " + m_zone->Name() + " (clocks go forward); read as " + read);
  } else {
    Warn(line, said + " happens twice in " + m_zone->Name() + " (clocks go back); read as the first, " + read);
  }
  return instant;
}

void CsvImport::ReadRow(const CsvRecord& row) {
  if (row.cells.size() > m_header_size) {
    Fail(row.line, "row has " + std::to_string(row.cells.size()) + " cells but the header has " +
                       std::to_string(m_header_size) + " (a delimiter in an unquoted cell?)");
  }
  for (Field required : {Field::Date, Field::Start, Field::Room, Field::Title}) {
    if (Cell(row, required).empty()) Fail(row.line, "empty cell in required column " + ColumnName(required));
  }

  const std::string date_text = Cell(row, Field::Date);
  const auto day = ParseCsvDay(date_text);
  if (!day) Fail(row.line, CsvDayProblem(date_text) + " in column " + ColumnName(Field::Date));
  const auto start_time = RequireTime(row, Field::Start, Cell(row, Field::Start), false);
  const date::local_seconds midnight{date::local_days{*day}};

  Session session;
  session.day = *day;
  session.start = ToInstant(row.line, "start", midnight + start_time);

  const std::string end_text = Cell(row, Field::End);
  const std::string duration_text = Cell(row, Field::Duration);
  std::optional<std::chrono::minutes> duration;
  if (!duration_text.empty()) {
    duration = ParseCsvDuration(duration_text);
    if (!duration) {
      Fail(row.line, "unparseable duration '" + duration_text + "' in column " + ColumnName(Field::Duration));
    }
  }
  if (!end_text.empty()) {
    const auto end_time = RequireTime(row, Field::End, end_text, true);
    // Organizers write a session past midnight as 22:00 to 01:00 on one row: the end is on the next day.
    const bool next_day = end_time < start_time;
    session.end = ToInstant(row.line, "end", midnight + end_time + (next_day ? date::days{1} : date::days{0}));
    // Compared as instants: in a spring-forward gap a start that is earlier on the clock may be the later instant.
    if (session.end < session.start) {
      Fail(row.line, "end before start (" + FormatClock(start_time) + " to " + end_text + " is " +
                         m_zone->FormatHm(session.start) + m_zone->Offset(session.start) + " to " +
                         m_zone->FormatHm(session.end) + m_zone->Offset(session.end) + " in " + m_zone->Name() +
                         " across the clock change)");
    }
    if (next_day && session.end - session.start > kMaxPastMidnightLength) {
      Fail(row.line, "end before start (" + FormatClock(start_time) + " to " + end_text +
                         "; read on the next day the session would last more than 12 hours)");
    }
    if (next_day) Warn(row.line, "ends after midnight, read as " + FormatClock(end_time) + " the next day");
    if (duration && session.end - session.start != *duration) {
      Warn(row.line, "end " + end_text + " and duration '" + duration_text + "' disagree; the end is used");
    }
  } else if (duration) {
    session.end = session.start + *duration;
  } else {
    Fail(row.line, "no end time and no duration");
  }

  std::string room_name = Cell(row, Field::Room);
  if (std::string warning; (room_name = CleanDisplayText(FieldKind::RoomName, room_name, &warning)), !warning.empty()) {
    Warn(row.line, "room name: " + warning);
  }
  const std::string room_key = NormalizeKey(room_name);
  if (room_key.empty()) Fail(row.line, "room name '" + room_name + "' has no letter or digit");
  if (m_room_index.emplace(room_key, m_programme.rooms.size()).second) {
    m_programme.rooms.push_back(Room{room_key, room_name});
  }
  session.room_key = room_key;

  session.source_id = Cell(row, Field::Id);
  session.title = Cell(row, Field::Title);
  session.title_en = Cell(row, Field::TitleEn);
  session.kind = Cell(row, Field::Kind);
  session.track = Cell(row, Field::Track);
  session.language = Cell(row, Field::Language);
  session.description = Cell(row, Field::Description);
  session.speakers = ParseSpeakers(Cell(row, Field::Speakers), m_delimiter);
  CheckSessionFields(session, Where(row.line), "", m_warnings);  // before the uid is derived from the clean title
  // Without an id the identity is derived from what the row says (day, start, room, title): re-importing the same
  // file gives the same uids, and a cancelled session and its replacement in the same slot stay distinct.
  session.uid = importers::SessionUid(
      "", session.source_id, {"csv", FormatDay(*day) + "T" + FormatClock(start_time), room_key, session.title});

  const std::string status_text = Cell(row, Field::Status);
  const auto status = ParseStatusWord(status_text);
  if (!status) Warn(row.line, "unknown status '" + status_text + "'; read as confirmed");
  session.status = status.value_or(SessionStatus::Confirmed);

  const auto [it, inserted] = m_occurrence_lines.emplace(std::make_pair(session.uid, session.start), row.line);
  if (!inserted) {
    Fail(row.line, "duplicate session '" + session.uid + "' at the same start as line " + std::to_string(it->second));
  }
  if (m_programme.sessions.size() >= kMaxSessions) Fail(row.line, TooManySessions());
  m_programme.sessions.push_back(std::move(session));
}

ImportResult CsvImport::Run(std::vector<Warning> warnings) {
  m_warnings = std::move(warnings);
  const auto [header_offset, header_line] = ReadPreamble();
  if (header_offset == std::string_view::npos) Fail(1, "no header line (empty file?)");
  SetZones();

  const std::size_t header_end = std::min(m_text.find('\n', header_offset), m_text.size());
  m_delimiter = DetectDelimiter(m_text.substr(header_offset, header_end - header_offset));
  CsvReader reader(m_text, header_offset, header_line, m_delimiter, m_source);
  ReadHeader(*reader.Next());
  while (const auto row = reader.Next()) {
    const bool empty =
        std::all_of(row->cells.begin(), row->cells.end(), [](const std::string& cell) { return Trim(cell).empty(); });
    if (!empty) ReadRow(*row);
  }

  return importers::FinishImport(std::move(m_programme), std::move(m_warnings), m_source);
}

}  // namespace

ImportResult ImportCsv(std::string_view bytes, const ImportOptions& options) {
  const std::string source = options.source_name.empty() ? std::string("<input>") : options.source_name;
  std::vector<Warning> warnings;
  const DecodedCsv decoded = DecodeCsvBytes(bytes, source, warnings);
  const std::string_view text = decoded.text;
  return CsvImport(text, options).Run(std::move(warnings));
}

}  // namespace kiosk
