// Format detection and dispatch to the importers.
#include "kiosk/importers/Importer.h"

#include "kiosk/importers/CsvText.h"
#include "kiosk/importers/ProgrammeTable.h"
#include "kiosk/importers/Table.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <system_error>

#include "kiosk/core/Fields.h"

namespace kiosk {

SourceFormat ParseSourceFormat(std::string_view name) {
  if (name == "csv") return SourceFormat::Csv;
  if (name == "frab-xml" || name == "xml") return SourceFormat::FrabXml;
  if (name == "frab-json" || name == "json") return SourceFormat::FrabJson;
  if (name == "ics" || name == "ical" || name == "icalendar") return SourceFormat::ICalendar;
  if (name == "xlsx") return SourceFormat::Xlsx;
  if (name == "ods") return SourceFormat::Ods;
  if (name == "json-table") return SourceFormat::JsonTable;
  throw std::invalid_argument("unknown format '" + std::string(name) +
                              "' (expected csv, xlsx, ods, json-table, frab-xml, frab-json or ics)");
}

std::string_view FormatName(SourceFormat format) {
  switch (format) {
    case SourceFormat::Csv:
      return "csv";
    case SourceFormat::FrabXml:
      return "frab-xml";
    case SourceFormat::FrabJson:
      return "frab-json";
    case SourceFormat::ICalendar:
      return "ics";
    case SourceFormat::Xlsx:
      return "xlsx";
    case SourceFormat::Ods:
      return "ods";
    case SourceFormat::JsonTable:
      return "json-table";
  }
  return "csv";
}

SourceFormat DetectFormat(std::string_view bytes) {
  switch (DetectTableFormat(bytes)) {
    case TableFormat::Xlsx:
      return SourceFormat::Xlsx;
    case TableFormat::Ods:
      return SourceFormat::Ods;
    case TableFormat::JsonArray:
      return SourceFormat::JsonTable;
    case TableFormat::Csv:
      break;
  }
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  for (char c : bytes) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
    if (c == '<') return SourceFormat::FrabXml;
    if (c == '{') return SourceFormat::FrabJson;
    break;
  }
  std::size_t first = bytes.find_first_not_of(" \t\r\n");
  if (first != std::string_view::npos && bytes.size() - first >= 15) {
    std::string head(bytes.substr(first, 15));
    for (char& c : head) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (head == "BEGIN:VCALENDAR") return SourceFormat::ICalendar;
  }
  return SourceFormat::Csv;
}

namespace {

/// True when `bytes` end with a ZIP's end of central directory record (APPNOTE 4.3.16: signature PK\5\6 within the
/// last 64 KiB + 22 bytes): a whole ZIP, not the first bytes of one.
bool WholeZip(std::string_view bytes) {
  const std::size_t tail = std::min<std::size_t>(bytes.size(), (64u << 10) + 22);
  return bytes.substr(bytes.size() - tail).find("PK\x05\x06") != std::string_view::npos;
}

/// A table format read as a programme: xlsx and ods by ReadSpreadsheetTable (the sheet of --sheet or the mapping),
/// JSON arrays by ReadJsonArrayTable.
ImportResult ImportTable(std::string_view bytes, const ImportOptions& options, SourceFormat format) {
  TableReadOptions read;
  read.source_name = options.source_name;
  read.sheet = options.table.sheet;
  const Table table =
      format == SourceFormat::JsonTable ? ReadJsonArrayTable(bytes, read) : ReadSpreadsheetTable(bytes, read);
  return ImportProgrammeTable(table, options);
}

ImportResult Dispatch(std::string_view bytes, const ImportOptions& options, SourceFormat format) {
  switch (format) {
    case SourceFormat::Csv:
      return ImportCsv(bytes, options);
    case SourceFormat::FrabXml:
      return ImportFrabXml(bytes, options);
    case SourceFormat::FrabJson:
      return ImportFrabJson(bytes, options);
    case SourceFormat::ICalendar:
      return ImportICalendar(bytes, options);
    case SourceFormat::Xlsx:
    case SourceFormat::Ods:
    case SourceFormat::JsonTable:
      return ImportTable(bytes, options, format);
  }
  throw ImportError(options.source_name, "unknown format");
}

}  // namespace

ImportResult ImportBytes(std::string_view bytes, const ImportOptions& options, std::optional<SourceFormat> format) {
  // What the file is, before any format reads it: a whole xlsx or ods workbook is read as a table; another document
  // (a PDF, a legacy .xls, a ZIP cut short) is named; a UTF-16 file decoded.
  const SourceFormat detected = format.value_or(DetectFormat(bytes));
  const bool workbook = detected == SourceFormat::Xlsx || detected == SourceFormat::Ods;
  if (!workbook || !WholeZip(bytes)) {
    if (std::optional<std::string> other = OtherDocument(bytes)) throw ImportError(options.source_name, *other);
  }
  std::string encoding;
  if (!workbook) {
    if (std::optional<std::string> utf8 = DecodeUtf16(bytes, options.source_name, &encoding)) {
      ImportResult result = ImportBytes(*utf8, options, format);
      result.warnings.insert(result.warnings.begin(), Warning{options.source_name + ":1", "decoded from " + encoding});
      return result;
    }
  }
  ImportResult result = Dispatch(bytes, options, detected);
  // Sessions and rooms were checked by each importer where it read them (with their line); the conference here.
  CheckConferenceFields(result.programme.conference, options.source_name, result.warnings);
  // An import replaces the whole programme: a file without sessions (a header only, an empty export) would blank
  // every screen, so it is refused as invalid input.
  if (result.programme.sessions.empty()) {
    throw ImportError(options.source_name,
                      "no sessions in the file; refusing to replace the programme with an empty one");
  }
  if (result.programme.sessions.size() > kMaxSessions) throw ImportError(options.source_name, TooManySessions());
  BoundWarnings(result.warnings, options.source_name);
  return result;
}

std::string TooManySessions() {
  return "more than " + std::to_string(kMaxSessions) +
         " sessions, the most a programme may hold; nothing imported (split the file, or leave out past days)";
}

ImportResult ImportFile(const std::filesystem::path& path, ImportOptions options, std::optional<SourceFormat> format) {
  if (options.source_name.empty()) options.source_name = path.string();
  const std::string text = ReadSourceFile(path);
  if (text.empty()) throw ImportError(options.source_name + ":1", "the file is empty");
  return ImportBytes(text, options, format);
}

std::string ReadSourceFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw std::system_error(errno ? errno : ENOENT, std::generic_category(), "cannot open " + path.string());
  }
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (in.bad()) throw std::system_error(EIO, std::generic_category(), "cannot read " + path.string());
  return bytes.str();
}

}  // namespace kiosk
