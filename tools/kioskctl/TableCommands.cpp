// kioskctl's table commands (issue 13): the options that tell import, validate and inspect how to read an organizer's
// sheet (--sheet, --column, --map, --days, --default-duration), and `kioskctl inspect FILE`, which prints the table as
// an import will read it and writes nothing (but the mapping file --write-map asks for).
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <system_error>
#include <vector>

#include <CLI/CLI.hpp>

#include "kiosk/core/VenueZone.h"
#include "kiosk/importers/Importer.h"
#include "kiosk/importers/ProgrammeTable.h"
#include "kiosk/importers/Table.h"
#include "kiosk/importers/TableMapping.h"
#include "kiosk/store/ScheduleStore.h"
#include "tools/kioskctl/Commands.h"

namespace kiosk::ctl {

namespace {

/// Longest --default-duration: one day, in minutes (as a mapping file's default_duration).
constexpr int kMaxDefaultDurationMinutes = 24 * 60;
/// Most days the store's conference span gives (a longer span is a typo: the sessions' own days are used instead).
constexpr int kMaxEventDays = 366;

/// The event's days the store at `db` knows: the conference's first..last day, else the sessions' distinct days;
/// empty when there is no store or no programme in it.
std::vector<Day> StoreDays(const std::string& db) {
  std::error_code error;
  if (db.empty() || !std::filesystem::exists(db, error)) return {};
  std::optional<LoadedProgramme> loaded;
  try {
    ScheduleStore store(db, ScheduleStore::Mode::ReadOnly);
    loaded = store.Load();
  } catch (const std::exception& failure) {
    // The days are a help for weekday and "Jour N" cells, not a reason to stop: say why they are missing.
    std::cerr << "kioskctl: warning: the event's days could not be read from " << db << ": " << failure.what() << "\n";
    return {};
  }
  if (!loaded) return {};
  const ConferenceInfo& conference = loaded->programme.conference;
  if (conference.first_day.ok() && conference.last_day.ok() && conference.first_day <= conference.last_day) {
    const date::sys_days first(conference.first_day), last(conference.last_day);
    if ((last - first).count() < kMaxEventDays) {
      std::vector<Day> days;
      for (date::sys_days day = first; day <= last; day += date::days{1}) days.emplace_back(day);
      return days;
    }
  }
  return loaded->programme.Days();
}

bool IsTable(SourceFormat format) {
  return format == SourceFormat::Csv || format == SourceFormat::Xlsx || format == SourceFormat::Ods ||
         format == SourceFormat::JsonTable;
}

/// Display width of UTF-8 text, near enough for lining up columns: one per code point.
std::size_t Width(std::string_view text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::string Pad(std::string text, std::size_t width) {
  const std::size_t have = Width(text);
  if (have < width) text.append(width - have, ' ');
  return text;
}

/// How a row is named in the listing: "line 12" (CSV), "row 12" (sheet), "object 12" (JSON).
std::string RowName(const Table& table, int number) {
  switch (table.kind) {
    case Table::Kind::Csv:
      return "line " + std::to_string(number);
    case Table::Kind::Spreadsheet:
      return "row " + std::to_string(number);
    case Table::Kind::Json:
      return "object " + std::to_string(number);
  }
  return std::to_string(number);
}

std::string FormatDays(const std::vector<Day>& days) {
  std::string out;
  for (const Day& day : days) out += (out.empty() ? "" : ", ") + FormatDay(day);
  return out;
}

/// The column letters of each of mapping's columns, for the comments of the written file: the inspected column with
/// that header (each used once, in order).
std::vector<std::string> LettersOf(const TableMapping& mapping, const std::vector<InspectedColumn>& columns) {
  std::vector<std::string> letters;
  std::vector<bool> used(columns.size(), false);
  for (const auto& [header, role] : mapping.columns) {
    std::string found;
    for (std::size_t i = 0; i < columns.size(); ++i) {
      if (!used[i] && columns[i].header == header) {
        used[i] = true;
        found = columns[i].letters;
        break;
      }
    }
    letters.push_back(found);
  }
  return letters;
}

/// Writes `text` to `path` whole or not at all (a temporary file beside it, renamed over it).
void WriteFileAtomically(const std::filesystem::path& path, const std::string& text) {
  std::filesystem::path temporary = path;
  temporary += ".tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out) throw std::system_error(errno ? errno : EIO, std::generic_category(), "cannot write " + path.string());
    out << text;
    out.flush();
    if (!out) {
      std::filesystem::remove(temporary);
      throw std::system_error(EIO, std::generic_category(), "cannot write " + path.string());
    }
  }
  std::filesystem::rename(temporary, path);
}

struct InspectOptions {
  std::string file;
  std::string tz;
  std::string write_map;
  int rows = 10;
  TableOptions table;
};

int RunInspect(const InspectOptions& inspect, const std::string& db) {
  ImportOptions options;
  options.source_name = inspect.file;
  options.time_zone = inspect.tz;
  if (!inspect.tz.empty()) {
    try {
      VenueZone check(inspect.tz);
    } catch (const std::invalid_argument& error) {
      throw InvalidInput(std::string("--tz: ") + error.what());
    }
  }
  if (inspect.rows < 0) throw InvalidInput("--rows: must be 0 or more");
  const std::string bytes = ReadSourceFile(inspect.file);
  if (bytes.empty()) throw InvalidInput(inspect.file + ":1: the file is empty");
  const SourceFormat format = DetectFormat(bytes);
  // A JSON text starting with '[' is an array of objects (Table.h), whatever DetectFormat's name for it.
  if (!IsTable(format) && DetectTableFormat(bytes) != TableFormat::JsonArray) {
    throw InvalidInput(inspect.file + ": a " + std::string(FormatName(format)) +
                       " file, not a table: inspect reads CSV, xlsx, ods and JSON arrays of objects (check this one "
                       "with kioskctl validate)");
  }
  std::string days_from;
  options.table = TableMappingOf(inspect.table, db, true, &days_from);

  Table table;
  try {
    table = ReadTable(bytes, TableReadOptions{inspect.file, options.table.sheet});
  } catch (const ImportError& error) {
    throw InvalidInput(error.what());
  }
  const TableInspection inspection =
      InspectProgrammeTable(table, options, static_cast<std::size_t>(std::max(inspect.rows, 0)));

  std::cout << "file: " << inspect.file << " (" << FormatName(format);
  if (format == SourceFormat::Csv)
    std::cout << ", delimiter '" << (table.delimiter == '\t' ? "tab" : std::string(1, table.delimiter)) << "'";
  std::cout << ")\n";
  if (!inspection.sheet_names.empty()) {
    std::cout << "sheet: " << inspection.sheet;
    std::vector<std::string> others;
    for (const std::string& name : inspection.sheet_names) {
      if (name != inspection.sheet) others.push_back("'" + name + "'");
    }
    if (!others.empty()) {
      std::cout << " (other sheets:";
      for (std::size_t i = 0; i < others.size(); ++i) std::cout << (i ? ", " : " ") << others[i];
      std::cout << "; choose one with --sheet NAME)";
    }
    std::cout << "\n";
  }
  if (inspection.header_row > 0) {
    std::cout << "header: " << RowName(table, inspection.header_row) << "\n";
  } else if (table.kind != Table::Kind::Json) {
    std::cout << "header: not found\n";
  }
  std::size_t letters_width = 0, header_width = 0;
  for (const InspectedColumn& column : inspection.columns) {
    letters_width = std::max(letters_width, Width(column.letters));
    header_width = std::max(header_width, Width(column.header));
  }
  if (!inspection.columns.empty()) std::cout << "columns:\n";
  for (const InspectedColumn& column : inspection.columns) {
    std::cout << "  " << Pad(column.letters, letters_width) << "  " << Pad(column.header, header_width) << "  -> "
              << column.role << (column.from_mapping ? "  (from the mapping)" : "") << "\n";
  }
  if (!options.table.days.empty()) {
    std::cout << "days: " << FormatDays(options.table.days) << " (" << days_from << ")\n";
  }
  if (!inspection.rows.empty()) {
    std::cout << "first rows, as imported:\n";
    std::size_t name_width = 0;
    for (const InspectedRow& row : inspection.rows) name_width = std::max(name_width, RowName(table, row.row).size());
    for (const InspectedRow& row : inspection.rows) {
      std::cout << "  " << Pad(RowName(table, row.row), name_width) << "  ";
      if (!row.problem.empty()) {
        std::cout << "refused: " << row.problem << "\n";
      } else {
        std::cout << row.date << "  " << row.start << "-" << row.end << "  " << row.room << "  " << row.title << "\n";
      }
    }
  }
  for (const Warning& warning : inspection.warnings) std::cout << "warning: " << warning.ToString() << "\n";

  if (!inspect.write_map.empty()) {
    if (inspection.columns.empty()) {
      std::cout << "no mapping written: no header row was found (name the columns with --column ROLE=HEADER)\n";
    } else {
      WriteFileAtomically(inspect.write_map,
                          TableMappingToToml(inspection.mapping, LettersOf(inspection.mapping, inspection.columns)));
      std::cout << "mapping written to " << inspect.write_map << " (correct it, then import with --map "
                << inspect.write_map << ")\n";
    }
  }
  if (!inspection.error.empty()) {
    std::cout << "import would fail: " << inspection.error << "\n";
    return kExitInvalidInput;
  }
  std::cout << "import would succeed: " << inspection.session_rows
            << (inspection.session_rows == 1 ? " session" : " sessions") << ", " << inspection.warnings.size()
            << (inspection.warnings.size() == 1 ? " warning" : " warnings") << "\n";
  return kExitOk;
}

}  // namespace

void AddTableOptions(CLI::App& command, TableOptions& options) {
  command.add_option("--sheet", options.sheet, "xlsx, ods: the sheet to read, by name (default: the first)");
  command
      .add_option("--column", options.columns,
                  "ROLE=HEADER: the column headed HEADER holds ROLE (date, start, end, duration, room, title, "
                  "speakers, kind, track, language, interpretation, status, description, id, title_en, end_date, or "
                  "ignored); repeatable, e.g. --column start=Heure")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  command.add_option("--map", options.map,
                     "a mapping file (TOML, as inspect --write-map writes it): sheet, header row, column roles, days; "
                     "the other table options override it");
  command.add_option("--days", options.days,
                     "the event's days in order, YYYY-MM-DD or DD/MM/YYYY, comma separated, for weekday and "
                     "\"Jour 1\" cells (default: the mapping's, else the days of the programme in the store)");
  command.add_option("--default-duration", options.default_duration,
                     "minutes a session with no end and no duration lasts when no later session in its room ends it "
                     "(default 30)");
}

TableMapping TableMappingOf(const TableOptions& options, const std::string& db, bool store_days,
                            std::string* days_from) {
  TableMapping mapping;
  std::string from;
  if (!options.map.empty()) {
    try {
      mapping = ReadTableMappingFile(options.map);
    } catch (const ImportError& error) {
      throw InvalidInput(error.what());
    }
    if (!mapping.days.empty()) from = "from " + options.map;
  }
  try {
    if (!options.sheet.empty()) mapping.sheet = options.sheet;
    if (!options.days.empty()) {
      mapping.days = ParseDaysOption(options.days);
      from = "from --days";
    }
    for (const std::string& column : options.columns) AddColumnOption(mapping, column);
  } catch (const std::invalid_argument& error) {
    throw InvalidInput(error.what());
  }
  if (!options.default_duration.empty()) {
    int minutes = 0;
    std::istringstream in(options.default_duration);
    if (!(in >> minutes) || !in.eof() || minutes < 1 || minutes > kMaxDefaultDurationMinutes) {
      throw InvalidInput("--default-duration: minutes from 1 to " + std::to_string(kMaxDefaultDurationMinutes) +
                         ", not '" + options.default_duration + "'");
    }
    mapping.default_duration = std::chrono::minutes(minutes);
  }
  if (mapping.days.empty() && store_days) {
    mapping.days = StoreDays(db);
    if (!mapping.days.empty()) from = "from the programme in " + db;
  }
  if (days_from) *days_from = from;
  return mapping;
}

bool IsTableFormat(SourceFormat format) { return IsTable(format); }

CommandRunner AddTableCommands(CLI::App& app, std::string& db) {
  auto options = std::make_shared<InspectOptions>();
  CLI::App* inspect =
      app.add_subcommand("inspect", "print a table (CSV, xlsx, ods, JSON array) as import will read it; write nothing");
  inspect->add_option("FILE", options->file, "programme table")->required();
  inspect->add_option("--db", db, "schedule store (its programme's days read weekday and \"Jour N\" cells)");
  inspect->add_option("--tz", options->tz, "venue zone (IANA name)");
  inspect->add_option("--rows", options->rows, "how many rows to convert and print (default 10)");
  inspect->add_option("--write-map", options->write_map,
                      "write the mapping of this reading (sheet, header row, column roles, days) to this TOML file, "
                      "to correct and give to import --map");
  AddTableOptions(*inspect, options->table);
  return [inspect, options, &db]() -> std::optional<int> {
    if (!*inspect) return std::nullopt;
    return RunInspect(*options, db);
  };
}

}  // namespace kiosk::ctl
