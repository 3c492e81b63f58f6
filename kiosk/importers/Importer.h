// Reading a programme file of any supported format into the core model, with validation.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/Diagnostics.h"
#include "kiosk/core/Model.h"
#include "kiosk/importers/TableMapping.h"

namespace kiosk {

/// Most sessions one programme may hold (occurrences of a recurring event count one each): ten times a large
/// congress, and what a kiosk lays out and a snapshot carries well under its 256 MiB limit. Each importer refuses the
/// session past it while reading (ImportError at the row, element or event that brings it, naming the file), so
/// memory stays bounded by the file's size (issue 11, defect 2).
inline constexpr std::size_t kMaxSessions = 20000;

/// The message of the ImportError for the session past kMaxSessions.
std::string TooManySessions();

/// Source formats of a programme. Csv, Xlsx, Ods and JsonTable are tables (Table.h) read by ImportProgrammeTable.
enum class SourceFormat { Csv, FrabXml, FrabJson, ICalendar, Xlsx, Ods, JsonTable };

/// Parses "csv", "frab-xml", "frab-json", "ics", "xlsx", "ods", "json-table"; throws std::invalid_argument otherwise.
SourceFormat ParseSourceFormat(std::string_view name);
/// "csv", "frab-xml", "frab-json", "ics", "xlsx", "ods", "json-table".
std::string_view FormatName(SourceFormat format);

/// How to read a file.
struct ImportOptions {
  /// Name used in messages ("programme.csv"), usually the path as the user gave it.
  std::string source_name;
  /// Venue zone (IANA) from --tz. The venue zone is this when set, else the file's own (frab <time_zone_name>, CSV
  /// "# time_zone:"), else Europe/Paris; wall-clock times without an offset are read in that venue zone, and a file
  /// that names another zone than --tz gets a warning. Times with an offset keep their instant whatever the zone.
  std::string time_zone;
  /// Tables only (CSV, xlsx, ods, JSON array): the sheet, header row, column roles, event days and default duration
  /// the organizer gave (--sheet, --column, --days, --default-duration, --map); empty: all guessed.
  TableMapping table;
};

/// A parsed programme and what is worth telling about it.
struct ImportResult {
  Programme programme;            ///< normalized (Programme::Normalize)
  std::vector<Warning> warnings;  ///< importer warnings followed by ValidateProgramme's
};

/// Guesses the format from the bytes: a ZIP is xlsx or ods (DetectTableFormat), then from the first non-blank bytes
/// ('<' XML, '{' JSON, '[' a JSON array of objects, "BEGIN:VCALENDAR" iCalendar, else CSV), ignoring a UTF-8 BOM.
SourceFormat DetectFormat(std::string_view bytes);

/// The organizer's spreadsheet as CSV: ReadCsvTable then ImportProgrammeTable (see ProgrammeTable.cpp for the
/// columns and rules). Throws ImportError("file:line", …).
ImportResult ImportCsv(std::string_view bytes, const ImportOptions& options);
/// frab schedule.xml as frab, pretalx and pentabarf write it (schema: frab's schedule.xml.xsd).
/// Throws ImportError("file:line" or "file: /schedule/day[i]/…", …).
ImportResult ImportFrabXml(std::string_view bytes, const ImportOptions& options);
/// frab-compatible JSON (pretalx schedule.json, frab schedule.json). Throws ImportError.
ImportResult ImportFrabJson(std::string_view bytes, const ImportOptions& options);

/// iCalendar (RFC 5545): VEVENTs become sessions, LOCATION the room. See IcsImporter.cpp for the rules.
/// Throws ImportError("file:line", …) naming the unfolded line or the event's UID.
ImportResult ImportICalendar(std::string_view bytes, const ImportOptions& options);

/// Dispatches on `format` (detected when nullopt) and returns the programme with its warnings, at most kMaxWarnings
/// of them and one more counting the rest (BoundWarnings). Throws ImportError when the file is invalid, holds no
/// session (an import replaces the whole programme) or more than kMaxSessions.
ImportResult ImportBytes(std::string_view bytes, const ImportOptions& options,
                         std::optional<SourceFormat> format = std::nullopt);

/// Reads the file and imports it. source_name defaults to the path. Throws ImportError when invalid, and
/// std::system_error when the file cannot be read (not invalid input: another kind of failure).
ImportResult ImportFile(const std::filesystem::path& path, ImportOptions options,
                        std::optional<SourceFormat> format = std::nullopt);

/// The whole file as bytes. Throws std::system_error when it cannot be opened or read.
std::string ReadSourceFile(const std::filesystem::path& path);

}  // namespace kiosk
