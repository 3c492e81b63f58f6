// The programme read from a table (ProgrammeTable.h): a CSV, an xlsx or ods sheet, a JSON array of flat objects.
//
// What is read (ImportCsv before issue 13 read the same from CSV; every rule it had is kept):
// - "# key: value" metadata rows above the header: title, acronym, description, time_zone, start, end (YYYY-MM-DD);
//   other "#" rows are comments. Blank rows are skipped everywhere.
// - The header row: the mapping's (TableMapping::header_row), else the first of the first 30 non-blank rows where a
//   start (or a day), a room and a title are named; title rows above it are skipped. Columns by the mapping first
//   (--column, --map), then by their French, English or German names (ProgrammeRoleOfHeader). Unknown columns are
//   ignored with a warning.
// - Days: a date in the forms of ParseCsvDay and cells::ParseDayCell, a weekday or "Jour N" mapped onto the event's
//   days (TableMapping::days, else the metadata's start..end), a spreadsheet Date or DateTime cell by its serial.
//   A day banner row (one day written alone across a row, as organizers head each day) gives its day to the rows
//   below it whose day cell is empty, or to every row when there is no day column.
// - Times: HH:MM, H:MM, HH:MM:SS, 9h30, and every form of cells::ParseTimeOfDay; a Start cell that is a range
//   ("9h30 - 10h30") gives the end too; a cell holding a date and a time fills both; a spreadsheet Time cell by its
//   fraction of a day (cells::TimeOfDayFraction).
// - Times are wall-clock times in the venue zone: ImportOptions::time_zone (--tz) when given, else the file's
//   "# time_zone:", else Europe/Paris (a warning names the metadata row when --tz overrides another zone).
//   A time in a spring-forward gap is moved forward by the gap, one in an autumn overlap is the earlier instant;
//   both with a warning. An end earlier on the clock than the start is read on the next day (a session past
//   midnight, with a warning) unless that makes the session longer than 12 hours; an end before the start as
//   UTC instants is an error.
// - A session with no end and no duration ends when its room's next session that day starts, else after the default
//   duration (TableMapping::default_duration, 30 min), each with a warning naming the rule. A table with no end and
//   no duration column where no end can be read at all (no range, no session followed by another in its room) is
//   refused unless --default-duration is given (the CSV importer before issue 13 refused it: "missing required
//   column 'end' (or 'duration')").
// - uids: the id column, else derived from "csv", the day, the start (HH:MM), the room key and the title: the
//   derivation of the CSV importer before issue 13, so re-imports (and a CSV saved as xlsx) keep identities.
// Messages name the row and column as Table::Where does ("file.csv:12", "file.xlsx, sheet 'P', row 12, column C").

#include "kiosk/importers/ProgrammeTable.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
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
#include "kiosk/importers/CellForms.h"
#include "kiosk/importers/CsvText.h"
#include "kiosk/importers/FinishImport.h"
#include "kiosk/importers/SessionUid.h"

namespace kiosk {
namespace {

constexpr long kMaxDurationMinutes = 7 * 24 * 60;
/// Longest session an end earlier on the clock than its start may give when read on the next day.
constexpr std::chrono::hours kMaxPastMidnightLength{12};
/// Non-blank rows among which the header row is looked for.
constexpr std::size_t kHeaderSearchRows = 30;
/// The end of a session with no end, no duration and no later session in its room that day.
constexpr std::chrono::minutes kDefaultDuration{30};
/// Most event days a metadata start..end range gives weekday and "Jour N" cells.
constexpr std::size_t kMaxEventDays = 366;

constexpr std::size_t kRoleCount = static_cast<std::size_t>(ProgrammeRole::Description) + 1;
constexpr std::size_t Index(ProgrammeRole role) { return static_cast<std::size_t>(role); }

/// A wall-clock time "HH:MM", "H:MM", "HH:MM:SS", "9h30", "9h" as seconds since midnight. "24:00" only when
/// allow_midnight_end (an end at midnight). nullopt when invalid. (The CSV importer's grammar before issue 13.)
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
/// invalid. (The CSV importer's grammar before issue 13; cells::ParseDuration reads the other forms.)
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

/// A number as a person reads it: "45", "1.5".
std::string FormatNumber(double number) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.15g", number);
  return buffer;
}

/// The fraction of a day of a serial (its time).
double DayFraction(double serial) { return serial - static_cast<double>(static_cast<long long>(serial)); }

/// The text of a cell as the importer reads it: Text trimmed and NFC; numbers as written (else formatted); Date
/// "YYYY-MM-DD", Time "HH:MM", DateTime "YYYY-MM-DD HH:MM" by their serials.
std::string CellText(const TableCell& cell) {
  switch (cell.type) {
    case CellType::Empty:
      return {};
    case CellType::Text:
      return ToNfc(Trim(cell.text));
    case CellType::Number:
    case CellType::Boolean:
      if (!Trim(cell.text).empty()) return ToNfc(Trim(cell.text));
      return FormatNumber(cell.number);
    case CellType::Date:
      if (const auto day = cells::DayOfSerial(cell.number)) return FormatDay(*day);
      break;
    case CellType::Time:
      if (const auto time = cells::TimeOfDayFraction(cell.number)) return FormatClock(*time);
      break;
    case CellType::DateTime: {
      const auto day = cells::DayOfSerial(cell.number);
      const auto time = cells::TimeOfDayFraction(DayFraction(cell.number));
      if (day && time) return FormatDay(*day) + " " + FormatClock(*time);
      break;
    }
  }
  return FormatNumber(cell.number);
}

/// True for a row with nothing in it.
bool BlankRow(const TableRow& row) {
  return std::all_of(row.cells.begin(), row.cells.end(), [](const TableCell& cell) { return cell.Blank(); });
}

/// The text of a "# key: value" row (its cells joined back with the delimiter, trailing empty cells removed), or
/// nullopt when the row is not one.
std::optional<std::string> HashRowText(const TableRow& row, char delimiter) {
  const auto first = std::find_if(row.cells.begin(), row.cells.end(), [](const TableCell& c) { return !c.Blank(); });
  if (first == row.cells.end() || first->type != CellType::Text || !Trim(first->text).starts_with('#'))
    return std::nullopt;
  std::string text;
  for (auto it = first; it != row.cells.end(); ++it) {
    if (it != first) text += delimiter;
    text += it->text;
  }
  const std::string_view trimmed = Trim(text);
  return std::string(Trim(trimmed.substr(0, trimmed.find_last_not_of(" \t,;") + 1)));
}

/// The roles the header row gives its columns.
struct ColumnRoles {
  std::array<std::optional<std::size_t>, kRoleCount> column{};  ///< role -> column index
  std::array<std::string, kRoleCount> header{};                 ///< role -> the header's text
  std::vector<std::string> roles;  ///< column index -> role name, "ignored" or "" (empty header)
  std::vector<bool> from_mapping;  ///< column index -> the mapping named it
  std::vector<std::pair<std::size_t, std::string>> unknown;  ///< columns ignored for an unknown header
  /// Columns whose role an earlier column has: index, header, role.
  std::vector<std::tuple<std::size_t, std::string, ProgrammeRole>> repeated;
  bool Has(ProgrammeRole role) const { return column[Index(role)].has_value(); }
};

/// The event's days from --days (or a mapping), else from the metadata's start..end.
std::vector<Day> EventDays(const ImportOptions& options, const ConferenceInfo& conference) {
  if (!options.table.days.empty()) return options.table.days;
  std::vector<Day> days;
  if (!conference.first_day.ok() || !conference.last_day.ok()) return days;
  for (date::sys_days day{conference.first_day}; day <= date::sys_days{conference.last_day}; day += date::days{1}) {
    if (days.size() >= kMaxEventDays) break;
    days.push_back(Day{day});
  }
  return days;
}

/// What a row gave, for the start-only rule and for InspectProgrammeTable.
struct RowRead {
  int row = 0;
  std::optional<std::size_t> session;  ///< index in the programme's sessions
  bool needs_end = false;              ///< no end, no duration: set after every row is read
  std::string problem;
};

/// Reads one table into a programme. In inspect mode a bad row is recorded (RowRead::problem) and skipped.
class ProgrammeTableReader {
 public:
  ProgrammeTableReader(const Table& table, const ImportOptions& options, bool inspect)
      : m_table(table), m_options(options), m_inspect(inspect), m_warnings(table.warnings) {}

  /// Reads the whole table; throws ImportError (in inspect mode only for the header and the metadata).
  void Run();
  ImportResult Finish() { return importers::FinishImport(std::move(m_programme), std::move(m_warnings), Source()); }

  const ColumnRoles& Roles() const { return m_roles; }
  std::optional<std::size_t> HeaderIndex() const { return m_header_index; }
  const std::vector<RowRead>& Rows() const { return m_rows; }
  const Programme& Result() const { return m_programme; }
  const std::vector<Warning>& Warnings() const { return m_warnings; }
  const VenueZone* Zone() const { return m_zone ? &*m_zone : nullptr; }
  const std::vector<Day>& Days() const { return m_event_days; }
  std::string FirstRowProblem() const {
    for (const RowRead& row : m_rows) {
      if (!row.problem.empty()) return row.problem;
    }
    return {};
  }

 private:
  std::string Source() const { return m_table.source.empty() ? std::string("<input>") : m_table.source; }
  [[noreturn]] void Fail(int row, std::string message) const {
    throw ImportError(m_table.Where(row), std::move(message));
  }
  [[noreturn]] void FailAt(int row, ProgrammeRole role, std::string message) const {
    throw ImportError(WhereAt(row, role), std::move(message));
  }
  std::string WhereAt(int row, ProgrammeRole role) const {
    const auto column = m_roles.column[Index(role)];
    if (!column) return m_table.Where(row);
    return m_table.Where(row, *column, m_roles.header[Index(role)]);
  }
  void Warn(int row, std::string message) { m_warnings.push_back(Warning{m_table.Where(row), std::move(message)}); }

  ColumnRoles RolesOf(const TableRow& header) const;
  std::optional<std::size_t> FindHeader() const;
  void ReadMetadata(std::string_view line, int row);
  void SetZones();
  void CheckRequired(const TableRow& header);
  /// The header's non-empty cells quoted and joined: "'Jour', 'Salle'".
  std::string HeadersSeen(const TableRow& header) const;
  /// The missing-column error naming every role of `roles` and the headers `seen` ("'Jour', 'Salle'").
  [[noreturn]] void FailMissing(const TableRow& header, const std::vector<ProgrammeRole>& roles,
                                const std::string& seen, std::string_view extra = {}) const;
  void ReadRow(const TableRow& row);
  void EndStartOnlySessions();
  const TableCell* CellOf(const TableRow& row, ProgrammeRole role) const;
  std::string Cell(const TableRow& row, ProgrammeRole role) const;
  std::string ColumnName(ProgrammeRole role) const { return m_roles.header[Index(role)]; }
  Instant ToInstant(int row, std::string_view what, date::local_seconds local);
  /// The day of the Date cell: its date, or a date-and-time (the time then in *time).
  Day ReadDay(const TableRow& row, std::optional<std::chrono::seconds>* time);
  /// A start cell: the time, maybe an end (a range), maybe a day (a date and a time).
  struct StartRead {
    std::chrono::seconds time{};
    std::optional<std::chrono::seconds> end;
    std::optional<Day> day;
  };
  StartRead ReadStart(const TableRow& row);
  /// An end cell: the time, and the day when the cell says it.
  struct EndRead {
    std::chrono::seconds time{};
    std::optional<Day> day;
  };
  EndRead ReadEnd(const TableRow& row);
  std::optional<std::chrono::minutes> ReadDuration(const TableRow& row);
  /// The day of a day banner row: a row whose non-blank cells all hold the same day ("Mercredi 8 juillet 2026"
  /// alone in column A, or merged across the row), as organizers head each day's rows; nullopt for another row.
  std::optional<Day> BannerDay(const TableRow& row) const;
  /// A Time or DateTime cell of `role` read by its serial (nullopt for other cells).
  std::optional<StartRead> TypedTime(const TableRow& row, ProgrammeRole role, bool allow_midnight) const;

  const Table& m_table;
  const ImportOptions& m_options;
  bool m_inspect;
  std::vector<Warning> m_warnings;
  Programme m_programme;

  std::string m_file_zone;  ///< "# time_zone:" value, empty when absent
  int m_file_zone_row = 0;
  std::optional<VenueZone> m_zone;        ///< the venue zone; every wall-clock time is read in it
  const date::time_zone* m_tz = nullptr;  ///< the same zone, to tell gaps and overlaps (VenueZone hides them)
  std::vector<Day> m_event_days;

  std::optional<std::size_t> m_header_index;
  std::size_t m_header_size = 0;
  ColumnRoles m_roles;
  std::optional<Day> m_banner_day;  ///< the day of the last day banner row ("Mercredi 8 juillet" across the row)

  std::vector<RowRead> m_rows;
  std::map<std::string, std::size_t> m_room_index;                   ///< room key -> index in m_programme.rooms
  std::map<std::pair<std::string, Instant>, int> m_occurrence_rows;  ///< (uid, start) -> row
};

ColumnRoles ProgrammeTableReader::RolesOf(const TableRow& header) const {
  ColumnRoles roles;
  roles.roles.assign(header.cells.size(), "");
  roles.from_mapping.assign(header.cells.size(), false);
  for (std::size_t i = 0; i < header.cells.size(); ++i) {
    const std::string name = CellText(header.cells[i]);
    if (name.empty()) continue;  // a spreadsheet's trailing empty column
    const std::string key = NormalizeKey(name);
    std::optional<std::string> mapped;
    for (const auto& [mapped_header, mapped_role] : m_options.table.columns) {  // later entries win
      if (NormalizeKey(mapped_header) == key) mapped = mapped_role;
    }
    std::optional<ProgrammeRole> role;
    if (mapped) {
      roles.from_mapping[i] = true;
      if (NormalizeKey(*mapped) == "ignored") {
        roles.roles[i] = "ignored";
        continue;
      }
      role = ParseProgrammeRole(*mapped);
    } else {
      role = ProgrammeRoleOfHeader(name);
    }
    if (!role) {
      roles.roles[i] = "ignored";
      roles.unknown.emplace_back(i, name);
      continue;
    }
    auto& column = roles.column[Index(*role)];
    if (column) {
      roles.roles[i] = "ignored";
      roles.repeated.emplace_back(i, name, *role);
      continue;
    }
    column = i;
    roles.header[Index(*role)] = name;
    roles.roles[i] = std::string(ProgrammeRoleName(*role));
  }
  return roles;
}

std::optional<std::size_t> ProgrammeTableReader::FindHeader() const {
  const std::vector<TableRow>& rows = m_table.rows;
  if (m_options.table.header_row > 0) {
    for (std::size_t i = 0; i < rows.size(); ++i) {
      if (rows[i].number == m_options.table.header_row) return i;
    }
    throw ImportError(Source(), "the mapping's header row " + std::to_string(m_options.table.header_row) +
                                    " is not in the table (it has " + std::to_string(rows.size()) + " rows)");
  }
  std::optional<std::size_t> best;
  long best_score = -1;
  std::size_t seen = 0;
  for (std::size_t i = 0; i < rows.size() && seen < kHeaderSearchRows; ++i) {
    if (BlankRow(rows[i]) || HashRowText(rows[i], m_table.delimiter)) continue;
    ++seen;
    const ColumnRoles roles = RolesOf(rows[i]);
    if ((roles.Has(ProgrammeRole::Start) || roles.Has(ProgrammeRole::Date)) && roles.Has(ProgrammeRole::Room) &&
        roles.Has(ProgrammeRole::Title))
      return i;
    const long score =
        std::count_if(roles.column.begin(), roles.column.end(), [](const auto& column) { return column.has_value(); });
    if (score > best_score) {
      best = i;
      best_score = score;
    }
  }
  return best;  // the most likely header, for the message naming what it lacks
}

void ProgrammeTableReader::ReadMetadata(std::string_view line, int row) {
  std::string_view text = Trim(line);
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
    m_file_zone_row = row;
  } else if (key == "start" || key == "debut" || key == "end" || key == "fin") {
    const auto day = ParseCsvDay(value);
    if (!day) Fail(row, CsvDayProblem(value) + " in metadata '" + std::string(Trim(text.substr(0, colon))) + "'");
    (key == "start" || key == "debut" ? conference.first_day : conference.last_day) = *day;
  }
  // Other "# key: value" lines are comments.
}

void ProgrammeTableReader::SetZones() {
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
    if (!given && !m_file_zone.empty()) Fail(m_file_zone_row, "unknown time zone '" + m_file_zone + "'");
    throw ImportError(Source(), "unknown time zone '" + name + "' given with --tz");
  }
  if (given && !m_file_zone.empty() && m_file_zone != name) {
    // Also when the file's zone is unknown: --tz replaces it.
    Warn(m_file_zone_row, "file says time_zone " + m_file_zone + "; reading times in --tz " + name);
  }
  m_programme.conference.time_zone = name;
}

std::string ProgrammeTableReader::HeadersSeen(const TableRow& header) const {
  std::string seen;
  for (const TableCell& cell : header.cells) {
    const std::string name = CellText(cell);
    if (name.empty()) continue;
    if (!seen.empty()) seen += ", ";
    seen += "'" + name + "'";
  }
  return seen;
}

void ProgrammeTableReader::FailMissing(const TableRow& header, const std::vector<ProgrammeRole>& roles,
                                       const std::string& seen, std::string_view extra) const {
  std::string names;
  for (std::size_t i = 0; i < roles.size(); ++i) {
    if (i > 0) names += i + 1 == roles.size() ? " and " : ", ";
    names += "'" + std::string(ProgrammeRoleName(roles[i])) + "'";
  }
  const std::string role_name(ProgrammeRoleName(roles.front()));
  Fail(header.number, std::string(roles.size() == 1 ? "missing required column " : "missing required columns ") +
                          names + std::string(extra) +
                          "; headers seen: " + (seen.empty() ? std::string("none") : seen) + ". Name " +
                          (roles.size() == 1 ? "the column" : "each") + " with --column " + role_name +
                          "=HEADER (e.g. --column start=Heure, repeatable), or with a mapping file --map FILE.toml "
                          "(kioskctl inspect FILE --write-map FILE.toml writes one to correct)");
}

void ProgrammeTableReader::CheckRequired(const TableRow& header) {
  // The first data row tells whether a day or a start column holds dates and times (one fills both).
  const TableRow* first = nullptr;
  for (std::size_t i = *m_header_index + 1; i < m_table.rows.size() && !first; ++i) {
    if (!BlankRow(m_table.rows[i])) first = &m_table.rows[i];
  }
  const auto holds_date_time = [&](ProgrammeRole role) {
    const TableCell* cell = first ? CellOf(*first, role) : nullptr;
    if (!cell) return false;
    return cell->type == CellType::DateTime || cells::ParseDateTime(CellText(*cell)).has_value();
  };
  const auto has_banner = [&] {
    std::size_t seen = 0;
    for (std::size_t i = *m_header_index + 1; i < m_table.rows.size() && seen < kHeaderSearchRows; ++i) {
      if (BlankRow(m_table.rows[i])) continue;
      ++seen;
      if (BannerDay(m_table.rows[i])) return true;
    }
    return false;
  };
  // Every missing column named at once: an organizer correcting one at a time would run the import once per column.
  std::vector<ProgrammeRole> missing;
  if (!m_roles.Has(ProgrammeRole::Date) && !holds_date_time(ProgrammeRole::Start) && !has_banner())
    missing.push_back(ProgrammeRole::Date);
  if (!m_roles.Has(ProgrammeRole::Start) && !holds_date_time(ProgrammeRole::Date))
    missing.push_back(ProgrammeRole::Start);
  if (!m_roles.Has(ProgrammeRole::Room)) missing.push_back(ProgrammeRole::Room);
  if (!m_roles.Has(ProgrammeRole::Title)) missing.push_back(ProgrammeRole::Title);
  if (!missing.empty()) FailMissing(header, missing, HeadersSeen(header));
}

std::optional<Day> ProgrammeTableReader::BannerDay(const TableRow& row) const {
  const TableCell* only = nullptr;
  for (const TableCell& cell : row.cells) {
    if (cell.Blank()) continue;
    if (only && !(cell == *only) && CellText(cell) != CellText(*only)) return std::nullopt;
    only = &cell;
  }
  if (!only) return std::nullopt;
  if (only->type == CellType::Date) return cells::DayOfSerial(only->number);
  if (only->type != CellType::Text) return std::nullopt;
  const std::string text = CellText(*only);
  if (const auto day = ParseCsvDay(text)) return day;
  std::string problem;
  const auto day_cell = cells::ParseDayCell(text, &problem);
  if (!day_cell) return std::nullopt;
  const auto day = cells::ResolveDay(*day_cell, text, m_event_days, &problem);
  if (!day) Fail(row.number, problem);
  return day;
}

const TableCell* ProgrammeTableReader::CellOf(const TableRow& row, ProgrammeRole role) const {
  const auto column = m_roles.column[Index(role)];
  if (!column || *column >= row.cells.size()) return nullptr;
  return &row.cells[*column];
}

std::string ProgrammeTableReader::Cell(const TableRow& row, ProgrammeRole role) const {
  const TableCell* cell = CellOf(row, role);
  return cell ? CellText(*cell) : std::string();
}

Instant ProgrammeTableReader::ToInstant(int row, std::string_view what, date::local_seconds local) {
  const Instant instant = m_zone->ToInstant(local);
  const auto result = m_tz->get_info(local).result;
  if (result == date::local_info::unique) return instant;
  const std::string said = std::string(what) + " " + date::format("%Y-%m-%d %H:%M", local);
  const std::string read = m_zone->FormatHm(instant) + m_zone->Offset(instant);
  if (result == date::local_info::nonexistent) {
    Warn(row, said + " does not exist in " + m_zone->Name() + " (clocks go forward); read as " + read);
  } else {
    Warn(row, said + " happens twice in " + m_zone->Name() + " (clocks go back); read as the first, " + read);
  }
  return instant;
}

Day ProgrammeTableReader::ReadDay(const TableRow& row, std::optional<std::chrono::seconds>* time) {
  const TableCell* cell = CellOf(row, ProgrammeRole::Date);
  const std::string text = Cell(row, ProgrammeRole::Date);
  const std::string in_column = " in column " + ColumnName(ProgrammeRole::Date);
  if (cell && (cell->type == CellType::Date || cell->type == CellType::DateTime)) {
    const auto day = cells::DayOfSerial(cell->number);
    if (!day)
      FailAt(row.number, ProgrammeRole::Date,
             "date serial " + FormatNumber(cell->number) + " is out of range" + in_column +
                 " (dates run from 1970-01-01 to 2100-12-31)");
    if (cell->type == CellType::DateTime) *time = cells::TimeOfDayFraction(DayFraction(cell->number));
    return *day;
  }
  if (const auto day = ParseCsvDay(text)) return *day;
  std::string problem;
  if (const auto day_cell = cells::ParseDayCell(text, &problem)) {
    if (const auto day = cells::ResolveDay(*day_cell, text, m_event_days, &problem)) return *day;
    // The column first: the problem ends with the advice ("give them with --days, e.g. …").
    FailAt(row.number, ProgrammeRole::Date, "column " + ColumnName(ProgrammeRole::Date) + ": " + problem);
  }
  if (const auto date_time = cells::ParseDateTime(text)) {
    *time = date_time->time;
    return date_time->day;
  }
  // A numeric date keeps the CSV importer's message ("unparseable date '31/02/2026'", "out of range: …").
  const bool numeric = text.find_first_not_of("0123456789/-. ") == std::string::npos;
  const std::string csv_problem = CsvDayProblem(text);
  if (numeric || problem.empty() || csv_problem.starts_with("out of range"))
    FailAt(row.number, ProgrammeRole::Date, csv_problem + in_column);
  FailAt(row.number, ProgrammeRole::Date, problem + in_column);
}

std::optional<ProgrammeTableReader::StartRead> ProgrammeTableReader::TypedTime(const TableRow& row, ProgrammeRole role,
                                                                               bool allow_midnight) const {
  const TableCell* cell = CellOf(row, role);
  if (!cell || (cell->type != CellType::Time && cell->type != CellType::DateTime)) return std::nullopt;
  StartRead read;
  const auto time = cells::TimeOfDayFraction(cell->type == CellType::Time ? cell->number : DayFraction(cell->number));
  if (cell->type == CellType::DateTime) read.day = cells::DayOfSerial(cell->number);
  if (!time || (!allow_midnight && *time >= std::chrono::hours{24}) || (cell->type == CellType::DateTime && !read.day))
    FailAt(row.number, role, "'" + FormatNumber(cell->number) + "' is not a time of day in column " + ColumnName(role));
  read.time = *time;
  return read;
}

ProgrammeTableReader::StartRead ProgrammeTableReader::ReadStart(const TableRow& row) {
  if (auto typed = TypedTime(row, ProgrammeRole::Start, false)) return *typed;
  const std::string text = Cell(row, ProgrammeRole::Start);
  const std::string midnight_start =
      "24:00 in column " + ColumnName(ProgrammeRole::Start) +
      " is the end of a day, not a start: a session that starts at midnight starts at 00:00 on the next day";
  StartRead read;
  if (const auto time = ParseClockTime(text, false)) {
    read.time = *time;
    return read;
  }
  if (ParseClockTime(text, true) == std::chrono::hours{24}) FailAt(row.number, ProgrammeRole::Start, midnight_start);
  if (const auto range = cells::ParseTimeRange(text)) {
    if (range->start >= std::chrono::hours{24}) FailAt(row.number, ProgrammeRole::Start, midnight_start);
    read.time = range->start;
    read.end = range->end;
    return read;
  }
  if (const auto date_time = cells::ParseDateTime(text)) {
    read.day = date_time->day;
    read.time = date_time->time;
    return read;
  }
  FailAt(row.number, ProgrammeRole::Start,
         "unparseable time '" + text + "' in column " + ColumnName(ProgrammeRole::Start));
}

ProgrammeTableReader::EndRead ProgrammeTableReader::ReadEnd(const TableRow& row) {
  if (auto typed = TypedTime(row, ProgrammeRole::End, true)) return EndRead{typed->time, typed->day};
  const std::string text = Cell(row, ProgrammeRole::End);
  if (const auto time = ParseClockTime(text, true)) return EndRead{*time, std::nullopt};
  if (const auto time = cells::ParseTimeOfDay(text, true)) return EndRead{*time, std::nullopt};
  if (const auto date_time = cells::ParseDateTime(text)) return EndRead{date_time->time, date_time->day};
  FailAt(row.number, ProgrammeRole::End, "unparseable time '" + text + "' in column " + ColumnName(ProgrammeRole::End));
}

std::optional<std::chrono::minutes> ProgrammeTableReader::ReadDuration(const TableRow& row) {
  const TableCell* cell = CellOf(row, ProgrammeRole::Duration);
  if (!cell || cell->Blank()) return std::nullopt;
  if (cell->type == CellType::Time) {
    if (const auto time = cells::TimeOfDayFraction(cell->number))
      return std::chrono::duration_cast<std::chrono::minutes>(*time);
  }
  const std::string text = CellText(*cell);
  if (const auto duration = ParseCsvDuration(text)) return duration;
  if (const auto duration = cells::ParseDuration(text)) return duration;
  FailAt(row.number, ProgrammeRole::Duration,
         "unparseable duration '" + text + "' in column " + ColumnName(ProgrammeRole::Duration));
}

void ProgrammeTableReader::ReadRow(const TableRow& row) {
  if (m_table.kind == Table::Kind::Csv && row.cells.size() > m_header_size) {
    Fail(row.number, "row has " + std::to_string(row.cells.size()) + " cells but the header has " +
                         std::to_string(m_header_size) + " (a delimiter in an unquoted cell?)");
  }
  // A row with a title and no room is a break for everyone ("Pause déjeuner", "Cocktail"): no room's session, so
  // not on the screens; skipped with a warning that says how to show it, not a refusal of the whole sheet.
  if (m_roles.Has(ProgrammeRole::Room) && Cell(row, ProgrammeRole::Room).empty() &&
      !Cell(row, ProgrammeRole::Title).empty()) {
    Warn(row.number, "'" + Cell(row, ProgrammeRole::Title) + "' has no room (column " +
                         ColumnName(ProgrammeRole::Room) +
                         "): skipped, as a break for everyone; give it a room (e.g. Restaurant) to show it on the "
                         "screens");
    m_rows.pop_back();
    return;
  }
  for (ProgrammeRole required :
       {ProgrammeRole::Date, ProgrammeRole::Start, ProgrammeRole::Room, ProgrammeRole::Title}) {
    if (!m_roles.Has(required) || !Cell(row, required).empty()) continue;
    // A day cell holding a date and a time fills the start.
    if (required == ProgrammeRole::Date && m_banner_day) continue;  // the day banner's day
    const TableCell* day_cell = CellOf(row, ProgrammeRole::Date);
    if (required == ProgrammeRole::Start && day_cell &&
        (day_cell->type == CellType::DateTime || cells::ParseDateTime(CellText(*day_cell))))
      continue;
    FailAt(row.number, required, "empty cell in required column " + ColumnName(required));
  }

  // The day and the start: a day column (maybe a date and a time), a start column (a time, a range, a date and a
  // time).
  std::optional<std::chrono::seconds> day_cell_time;
  std::optional<Day> day;
  if (m_roles.Has(ProgrammeRole::Date) && !Cell(row, ProgrammeRole::Date).empty()) day = ReadDay(row, &day_cell_time);
  StartRead start;
  if (m_roles.Has(ProgrammeRole::Start) && !Cell(row, ProgrammeRole::Start).empty()) {
    start = ReadStart(row);
  } else if (day_cell_time) {
    start.time = *day_cell_time;
  } else {
    FailAt(row.number, ProgrammeRole::Date,
           "no start: column " + ColumnName(ProgrammeRole::Date) + " holds no time and there is no start column");
  }
  if (!day) day = start.day;
  if (!day) day = m_banner_day;
  if (!day)
    FailAt(row.number, ProgrammeRole::Start,
           "no day: '" + Cell(row, ProgrammeRole::Start) + "' holds no date and there is no date column");
  const std::chrono::seconds start_time = start.time;
  const date::local_seconds midnight{date::local_days{*day}};

  Session session;
  session.day = *day;
  session.start = ToInstant(row.number, "start", midnight + start_time);

  const std::string end_text = Cell(row, ProgrammeRole::End);
  const std::string duration_text = Cell(row, ProgrammeRole::Duration);
  const std::optional<std::chrono::minutes> duration = ReadDuration(row);
  std::optional<EndRead> end;
  if (!end_text.empty()) {
    end = ReadEnd(row);
  } else if (start.end) {
    end = EndRead{*start.end, std::nullopt};
  }
  if (const std::string text = Cell(row, ProgrammeRole::EndDate); end && !end->day && !text.empty()) {
    const TableCell* cell = CellOf(row, ProgrammeRole::EndDate);
    if (cell->type == CellType::Date || cell->type == CellType::DateTime) {
      end->day = cells::DayOfSerial(cell->number);
    } else if (const auto parsed = ParseCsvDay(text)) {
      end->day = parsed;
    } else if (const auto parsed_cell = cells::ParseDayCell(text); parsed_cell && parsed_cell->date) {
      end->day = parsed_cell->date;
    }
    if (!end->day)
      FailAt(row.number, ProgrammeRole::EndDate,
             CsvDayProblem(text) + " in column " + ColumnName(ProgrammeRole::EndDate));
  }
  bool needs_end = false;
  if (end) {
    const std::string end_said = end_text.empty() ? FormatClock(end->time) : end_text;
    // Organizers write a session past midnight as 22:00 to 01:00 on one row: the end is on the next day.
    const bool next_day = !end->day && end->time < start_time;
    const date::local_seconds end_midnight{date::local_days{end->day.value_or(*day)}};
    session.end = ToInstant(row.number, "end", end_midnight + end->time + (next_day ? date::days{1} : date::days{0}));
    // Compared as instants: in a spring-forward gap a start that is earlier on the clock may be the later instant.
    if (session.end < session.start) {
      Fail(row.number, "end before start (" + FormatClock(start_time) + " to " + end_said + " is " +
                           m_zone->FormatHm(session.start) + m_zone->Offset(session.start) + " to " +
                           m_zone->FormatHm(session.end) + m_zone->Offset(session.end) + " in " + m_zone->Name() +
                           " across the clock change)");
    }
    if (next_day && session.end - session.start > kMaxPastMidnightLength) {
      Fail(row.number, "end before start (" + FormatClock(start_time) + " to " + end_said +
                           "; read on the next day the session would last more than 12 hours)");
    }
    if (next_day) Warn(row.number, "ends after midnight, read as " + FormatClock(end->time) + " the next day");
    if (duration && session.end - session.start != *duration) {
      Warn(row.number, "end " + end_said + " and duration '" + duration_text + "' disagree; the end is used");
    }
  } else if (duration) {
    session.end = session.start + *duration;
  } else {
    needs_end = true;  // the room's next session, else the default duration: once every row is read
    session.end = session.start;
  }

  std::string room_name = Cell(row, ProgrammeRole::Room);
  if (std::string warning; (room_name = CleanDisplayText(FieldKind::RoomName, room_name, &warning)), !warning.empty()) {
    Warn(row.number, "room name: " + warning);
  }
  const std::string room_key = NormalizeKey(room_name);
  if (room_key.empty()) FailAt(row.number, ProgrammeRole::Room, "room name '" + room_name + "' has no letter or digit");
  if (m_room_index.emplace(room_key, m_programme.rooms.size()).second) {
    m_programme.rooms.push_back(Room{room_key, room_name});
  }
  session.room_key = room_key;

  session.source_id = Cell(row, ProgrammeRole::Id);
  session.title = Cell(row, ProgrammeRole::Title);
  session.title_en = Cell(row, ProgrammeRole::TitleEn);
  session.kind = Cell(row, ProgrammeRole::Kind);
  session.track = Cell(row, ProgrammeRole::Track);
  session.language = Cell(row, ProgrammeRole::Language);
  session.description = Cell(row, ProgrammeRole::Description);
  session.speakers = ParseSpeakers(Cell(row, ProgrammeRole::Speakers), m_table.delimiter);
  if (const std::string text = Cell(row, ProgrammeRole::Interpretation); !text.empty()) {
    std::string problem;
    if (const auto interpretation = cells::ParseInterpretation(text, &problem)) {
      session.interpretation = *interpretation;
    } else if (!problem.empty()) {
      m_warnings.push_back(
          Warning{WhereAt(row.number, ProgrammeRole::Interpretation), "interpretation not read: " + problem});
    }
  }
  CheckSessionFields(session, m_table.Where(row.number), "", m_warnings);  // before the uid is derived from the title
  // Without an id the identity is derived from what the row says (day, start, room, title): re-importing the same
  // file gives the same uids, and a cancelled session and its replacement in the same slot stay distinct. The "csv"
  // prefix is kept for every table so a CSV saved as xlsx keeps its identities.
  session.uid = importers::SessionUid(
      "", session.source_id, {"csv", FormatDay(*day) + "T" + FormatClock(start_time), room_key, session.title});

  const std::string status_text = Cell(row, ProgrammeRole::Status);
  const auto status = ParseStatusWord(status_text);
  if (!status) Warn(row.number, "unknown status '" + status_text + "'; read as confirmed");
  session.status = status.value_or(SessionStatus::Confirmed);

  const auto [it, inserted] = m_occurrence_rows.emplace(std::make_pair(session.uid, session.start), row.number);
  if (!inserted) {
    Fail(row.number, "duplicate session '" + session.uid + "' at the same start as " +
                         (m_table.kind == Table::Kind::Csv ? "line " : "row ") + std::to_string(it->second));
  }
  if (m_programme.sessions.size() >= kMaxSessions) Fail(row.number, TooManySessions());
  m_rows.back().session = m_programme.sessions.size();
  m_rows.back().needs_end = needs_end;
  m_programme.sessions.push_back(std::move(session));
}

void ProgrammeTableReader::EndStartOnlySessions() {
  // Starts of every session by room and day, sorted: the next one of a room that day ends a start-only session.
  std::map<std::pair<std::string, date::sys_days>, std::vector<Instant>> starts;
  for (const Session& session : m_programme.sessions)
    starts[{session.room_key, date::sys_days{session.day}}].push_back(session.start);
  for (auto& [key, list] : starts) std::sort(list.begin(), list.end());
  const std::chrono::minutes fallback = m_options.table.default_duration.value_or(kDefaultDuration);
  const auto next_start = [&](const Session& session) -> std::optional<Instant> {
    const auto& list = starts[{session.room_key, date::sys_days{session.day}}];
    const auto next = std::upper_bound(list.begin(), list.end(), session.start);
    if (next == list.end()) return std::nullopt;
    return *next;
  };
  for (const RowRead& row : m_rows) {
    if (!row.session || !row.needs_end) continue;
    Session& session = m_programme.sessions[*row.session];
    const std::optional<Instant> next = next_start(session);
    const std::string& room = m_programme.rooms[m_room_index[session.room_key]].name;
    if (next) {
      session.end = *next;
      Warn(row.row, "no end and no duration: ends at " + m_zone->FormatHm(*next) + ", when the next session in " +
                        room + " starts");
    } else {
      session.end = session.start + fallback;
      Warn(row.row, "no end and no duration, and no later session in " + room +
                        " that day: ends after the default duration, " + std::to_string(fallback.count()) +
                        " min (--default-duration)");
    }
  }
}

void ProgrammeTableReader::Run() {
  m_header_index = FindHeader();
  // Metadata rows above the header (all of them when there is none).
  const std::size_t metadata_end = m_header_index.value_or(m_table.rows.size());
  for (std::size_t i = 0; i < metadata_end; ++i) {
    if (const auto text = HashRowText(m_table.rows[i], m_table.delimiter)) ReadMetadata(*text, m_table.rows[i].number);
  }
  if (!m_header_index) Fail(1, "no header line (empty file?)");
  // A sheet often starts with the event's name on a row of its own: without a "# title:" it names the conference
  // (door signs and the board's header show it).
  if (m_programme.conference.title.empty()) {
    for (std::size_t i = 0; i < *m_header_index; ++i) {
      const TableRow& row = m_table.rows[i];
      if (BlankRow(row) || HashRowText(row, m_table.delimiter)) continue;
      const auto filled =
          std::count_if(row.cells.begin(), row.cells.end(), [](const TableCell& cell) { return !cell.Blank(); });
      const auto first =
          std::find_if(row.cells.begin(), row.cells.end(), [](const TableCell& cell) { return !cell.Blank(); });
      if (filled == 1 && first->type == CellType::Text) {
        std::string warning;
        m_programme.conference.title = CleanDisplayText(FieldKind::Title, ToNfc(Trim(first->text)), &warning);
      }
      break;  // only the first title row: the next ones are subtitles ("version du 2 juillet")
    }
  }
  SetZones();
  m_event_days = EventDays(m_options, m_programme.conference);

  for (const auto& [mapped_header, role] : m_options.table.columns) {
    if (NormalizeKey(role) != "ignored" && !ParseProgrammeRole(role))
      throw ImportError(Source(), "unknown column role '" + role + "' for '" + mapped_header +
                                      "' (roles: id, date, start, end, end_date, duration, room, kind, title, "
                                      "title_en, speakers, track, language, interpretation, status, description, "
                                      "ignored)");
  }
  const TableRow& header = m_table.rows[*m_header_index];
  m_header_size = header.cells.size();
  m_roles = RolesOf(header);
  for (const auto& [column, name] : m_roles.unknown)
    m_warnings.push_back(Warning{m_table.Where(header.number, column, name), "unknown column '" + name + "' ignored"});
  for (const auto& [column, name, role] : m_roles.repeated) {
    m_warnings.push_back(Warning{m_table.Where(header.number, column, name),
                                 "column '" + name + "' repeats column '" + ColumnName(role) + "'; ignored"});
  }
  CheckRequired(header);

  for (std::size_t i = *m_header_index + 1; i < m_table.rows.size(); ++i) {
    const TableRow& row = m_table.rows[i];
    if (BlankRow(row)) continue;
    if (const auto banner = BannerDay(row)) {
      m_banner_day = banner;
      continue;
    }
    m_rows.push_back(RowRead{row.number, std::nullopt, false, {}});
    if (!m_inspect) {
      ReadRow(row);
      continue;
    }
    try {
      ReadRow(row);
    } catch (const ImportError& error) {
      m_rows.back().problem = error.what();
    }
  }
  EndStartOnlySessions();
}

}  // namespace

ImportResult ImportProgrammeTable(const Table& table, const ImportOptions& options) {
  ProgrammeTableReader reader(table, options, false);
  reader.Run();
  return reader.Finish();
}

TableInspection InspectProgrammeTable(const Table& table, const ImportOptions& options, std::size_t max_rows) {
  TableInspection inspection;
  inspection.sheet = table.sheet;
  inspection.sheet_names = table.sheet_names;
  ProgrammeTableReader reader(table, options, true);
  try {
    reader.Run();
  } catch (const ImportError& error) {
    inspection.error = error.what();
  }
  if (const auto header = reader.HeaderIndex()) {
    const TableRow& row = table.rows[*header];
    inspection.header_row = row.number;
    const ColumnRoles& roles = reader.Roles();
    for (std::size_t i = 0; i < row.cells.size(); ++i) {
      InspectedColumn column;
      column.index = i;
      column.letters = ColumnLetters(i);
      column.header = CellText(row.cells[i]);
      if (column.header.empty()) continue;
      column.role = i < roles.roles.size() && !roles.roles[i].empty() ? roles.roles[i] : "ignored";
      column.from_mapping = i < roles.from_mapping.size() && roles.from_mapping[i];
      inspection.columns.push_back(column);
    }
  }
  const Programme& programme = reader.Result();
  const VenueZone* zone = reader.Zone();
  for (const RowRead& read : reader.Rows()) {
    if (read.session) ++inspection.session_rows;
    if (inspection.rows.size() >= max_rows) continue;
    InspectedRow row;
    row.row = read.row;
    row.problem = read.problem;
    if (read.session && zone) {
      const Session& session = programme.sessions[*read.session];
      row.date = FormatDay(session.day);
      row.start = zone->FormatHm(session.start);
      row.end = zone->FormatHm(session.end);
      for (const Room& room : programme.rooms) {
        if (room.key == session.room_key) row.room = room.name;
      }
      row.title = session.title;
    }
    inspection.rows.push_back(std::move(row));
  }
  inspection.warnings = reader.Warnings();
  if (inspection.error.empty()) inspection.error = reader.FirstRowProblem();
  if (inspection.error.empty() && inspection.session_rows == 0)
    inspection.error = table.source + ": no sessions in the file; refusing to replace the programme with an empty one";
  TableMapping& mapping = inspection.mapping;
  mapping.purpose = "programme";
  mapping.sheet = table.sheet;
  mapping.header_row = inspection.header_row;
  for (const InspectedColumn& column : inspection.columns) mapping.columns.emplace_back(column.header, column.role);
  mapping.days = options.table.days.empty() ? reader.Days() : options.table.days;
  mapping.default_duration = options.table.default_duration;
  return inspection;
}

}  // namespace kiosk
