// The programme read from a table (CSV, xlsx, ods, JSON array of flat objects) written by a person (issue 13):
// header row found, columns by their French, English or German names or by the organizer's mapping, days and hours
// in the forms organizers write them (CellForms.h).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/Diagnostics.h"
#include "kiosk/importers/Importer.h"
#include "kiosk/importers/Table.h"
#include "kiosk/importers/TableMapping.h"

namespace kiosk {

/// What a programme table's column means.
enum class ProgrammeRole {
  Id,
  Date,      ///< the day (a date, a weekday, "Jour 1"), or a date and a time
  Start,     ///< the start time, a range "9h30 - 10h30", or a date and time
  End,       ///< the end time, or a date and time
  EndDate,   ///< the end's date when the export splits it (end_date); checked against the date
  Duration,  ///< minutes or H:MM
  Room,
  Kind,
  Title,
  TitleEn,
  Speakers,
  Track,
  Language,
  Interpretation,
  Status,
  Description,
};

/// The role's name in messages, --column and mapping files: "id", "date", "start", "end", "end_date", "duration",
/// "room", "kind", "title", "title_en", "speakers", "track", "language", "interpretation", "status", "description".
std::string_view ProgrammeRoleName(ProgrammeRole role);
/// The role of a name ProgrammeRoleName gives (NormalizeKey'd, so "Start", "end-date" work); nullopt otherwise.
std::optional<ProgrammeRole> ParseProgrammeRole(std::string_view name);
/// The role a header names by itself, in French, English or German, case, accents and punctuation ignored
/// (jour, date, day, datum; horaire, heure, time, uhrzeit, début, start, start_time, start_date…; fin, end, ende;
/// durée, duration, dauer; salle, lieu, room, location, venue, ort, raum; intitulé, titre, title, titel, session;
/// intervenant(e)s, speakers, speaker, referent(en); type, format, kind; thème, track; langue, language, sprache;
/// interprétation, interpretation, dolmetschen; statut, status; description, résumé, summary, abstract,
/// beschreibung; id, identifiant, uid, guid). nullopt for a header it does not know.
std::optional<ProgrammeRole> ProgrammeRoleOfHeader(std::string_view header);

/// ImportCsv, ImportBytes for Xlsx/Ods/JsonTable: the programme of a table. The header row is options.table's, else
/// the first row among the first 30 non-blank ones where the required roles are found (title rows and "# key:
/// value" metadata rows above it are skipped; metadata is read as ImportCsv documents). Roles: options.table's columns
/// first, then ProgrammeRoleOfHeader. Required: a day (date column, or a date-and-time start), a start, a room, a
/// title. A session with no end and no duration ends when the room's next session that day starts, else after the
/// default duration (options.table, 30 min), each with one warning saying which rule set it. Weekday and "Jour N"
/// day cells map onto options.table.days (else the programme's own metadata days).
/// Throws ImportError naming the source, sheet, row and column (Table::Where); a missing required column lists the
/// headers seen and says how to name one ("--column start=Heure" or --map FILE.toml).
ImportResult ImportProgrammeTable(const Table& table, const ImportOptions& options);

/// One column as an import reads it, for `kioskctl inspect`.
struct InspectedColumn {
  std::size_t index = 0;      ///< 0-based (column A is 0)
  std::string letters;        ///< "A", "B", … (ColumnLetters)
  std::string header;         ///< the header cell's text
  std::string role;           ///< ProgrammeRoleName, or "ignored"
  bool from_mapping = false;  ///< the role came from --column / --map, not from the header's name
};

/// One row converted as an import would convert it.
struct InspectedRow {
  int row = 0;        ///< TableRow::number
  std::string date;   ///< "2026-07-08"
  std::string start;  ///< "09:30"
  std::string end;    ///< "10:30"
  std::string room;
  std::string title;
  std::string problem;  ///< why the row would be refused ("" when it reads)
};

/// A table as ImportProgrammeTable would read it, without writing anything and without stopping at the first bad
/// row: the header row found, each column's role, the first rows converted, the warnings, and the mapping that
/// records this reading (sheet, header row, every column's role, days) for --write-map.
struct TableInspection {
  std::string sheet;                     ///< the sheet read ("" for CSV, JSON)
  std::vector<std::string> sheet_names;  ///< every sheet of the workbook
  int header_row = 0;                    ///< 0 when none was found
  std::vector<InspectedColumn> columns;
  std::vector<InspectedRow> rows;  ///< at most max_rows
  std::size_t session_rows = 0;    ///< rows that read as sessions (all of them, not only the first)
  std::vector<Warning> warnings;
  std::string error;     ///< what ImportProgrammeTable would throw, "" when it would import
  TableMapping mapping;  ///< purpose "programme"
};
TableInspection InspectProgrammeTable(const Table& table, const ImportOptions& options, std::size_t max_rows = 10);

}  // namespace kiosk
