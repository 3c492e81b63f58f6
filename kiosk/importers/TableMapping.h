// What an organizer says once about a sheet the kiosk cannot read by itself (issue 13 section 2): the sheet, the
// header row, each column's role, the event's days. Given with --sheet, --column ROLE=HEADER, --days,
// --default-duration, or a mapping file (--map FILE.toml) that `kioskctl inspect FILE --write-map OUT.toml` writes from
// its best guess and that is reused for every later version of the same sheet.
#pragma once

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kiosk/core/Model.h"

namespace kiosk {

/// What a table import is told instead of guessing. Empty fields: guess.
struct TableMapping {
  /// "programme" or "registrants": which import the mapping was written for (a mapping file names it; a programme
  /// import refuses a registrants mapping and the reverse).
  std::string purpose;
  std::string sheet;   ///< spreadsheets: the sheet by name; "" for the first sheet
  int header_row = 0;  ///< the header's row number (TableRow::number); 0: found by the importer
  /// Header text as the sheet writes it (compared with NormalizeKey: case, accents and punctuation ignored) and the
  /// role it has: a role name of the importer ("start", "room", "ticket_code", …) or "ignored". Later entries win.
  std::vector<std::pair<std::string, std::string>> columns;
  std::vector<Day> days;  ///< the event's days in order, for weekday and "Jour N" cells; empty: from the store
  std::optional<std::chrono::minutes> default_duration;  ///< a session with no end and no duration (default 30 min)

  bool Empty() const;
  bool operator==(const TableMapping&) const = default;
};

/// Parses a mapping file (TOML, read with toml++):
///   purpose = "programme"            # or "registrants"
///   sheet = "Programme"              # optional
///   header_row = 3                   # optional
///   days = ["2026-07-08", "2026-07-09"]   # optional, YYYY-MM-DD
///   default_duration = 30            # minutes, optional
///   [columns]
///   "Horaire" = "start"              # header text = role (or "ignored")
/// Throws ImportError("source:line", …) for invalid TOML, an unknown key, a value of the wrong type, a bad day;
/// role names are checked by the importer that uses the mapping (it knows its roles).
TableMapping ParseTableMapping(std::string_view text, const std::string& source);
/// Reads and parses the file. Throws ImportError, std::system_error when unreadable.
TableMapping ReadTableMappingFile(const std::filesystem::path& path);
/// The mapping as a file ParseTableMapping reads back to an equal mapping, with a comment line above each column
/// naming its letter when `letters` gives it (same order as columns), for the organizer to correct.
std::string TableMappingToToml(const TableMapping& mapping, const std::vector<std::string>& letters = {});

/// Applies a "ROLE=HEADER" option (--column start=Heure) to `mapping`: appends {HEADER, ROLE}. Throws
/// std::invalid_argument("--column 'TEXT': …") when there is no '=' or either side is empty.
void AddColumnOption(TableMapping& mapping, std::string_view option);
/// Parses --days "2026-07-08,2026-07-09" (YYYY-MM-DD or DD/MM/YYYY, comma separated, in order, no repeat). Throws
/// std::invalid_argument naming the bad day.
std::vector<Day> ParseDaysOption(std::string_view option);

}  // namespace kiosk
