// A table read from an organizer's file (CSV, xlsx, ods, a JSON array of flat objects), before any column has a
// meaning: the one shape the programme and registrant importers read spreadsheets through (issue 13).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/Diagnostics.h"

namespace kiosk {

/// What a cell holds, as the file typed it. Spreadsheets type dates and times by the cell's number format (xlsx
/// numFmt, ods office:value-type date/time); CSV and JSON strings are Text, JSON numbers Number.
enum class CellType {
  Empty,     ///< no value (a blank cell, JSON null, a CSV empty field)
  Text,      ///< `text` holds the string
  Number,    ///< `number` holds the value; `text` the digits as written (CSV, JSON) or as the sheet shows it, may be ""
  Boolean,   ///< `number` 1 or 0
  Date,      ///< `number` is a day serial: days since 1899-12-30 (the 1900 date system of Excel and LibreOffice)
  Time,      ///< `number` is a fraction of a day (0.395833… is 09:30), float noise included
  DateTime,  ///< `number` is a day serial with the time as its fraction
};

/// One cell. For a formula: its cached result (value and type), never the formula.
struct TableCell {
  CellType type = CellType::Empty;
  std::string text;   ///< UTF-8; for Text the string as stored (not trimmed), else see CellType
  double number = 0;  ///< see CellType

  bool Blank() const;  ///< Empty, or Text of white space only
  bool operator==(const TableCell&) const = default;
};

/// One row of a table: its 1-based number where the file has it (sheet row; CSV physical line where the record
/// starts; JSON object index from 1) and its cells from column A (index 0).
struct TableRow {
  int number = 0;
  std::vector<TableCell> cells;
};

/// A whole table as a file holds it: every row, title rows and blank rows included (header detection is the
/// importer's job), with merged cells already repeated over the rows and columns they span.
struct Table {
  /// How positions are named in messages.
  enum class Kind {
    Csv,          ///< "source:LINE"
    Spreadsheet,  ///< "source, sheet 'NAME', row N, column C" (C the column letter, and the header when known)
    Json,         ///< "source: object N, key 'K'"
  };
  Kind kind = Kind::Csv;
  std::string source;                    ///< the file's name as the user gave it ("programme.xlsx")
  std::string sheet;                     ///< the sheet read (spreadsheets), else ""
  std::vector<std::string> sheet_names;  ///< every sheet of the workbook in order (spreadsheets), else empty
  char delimiter = ',';                  ///< CSV: the delimiter found (',' ';' or tab); else ','
  std::vector<TableRow> rows;            ///< in file order
  std::vector<Warning> warnings;         ///< from reading (encoding, a cell cut to its bound…)

  /// Where row `row_number` (TableRow::number) is, as messages name it: "programme.csv:12",
  /// "programme.xlsx, sheet 'Programme', row 12", "events.json: object 12".
  std::string Where(int row_number) const;
  /// The same naming one cell: "programme.csv:12" (a CSV names the line only; the message names the column),
  /// "programme.xlsx, sheet 'Programme', row 12, column C", "events.json: object 12, key 'start'".
  /// `header` is the column's header text when known ("" otherwise); spreadsheets add it as " (Horaire)".
  std::string Where(int row_number, std::size_t column, std::string_view header = {}) const;
};

/// "A" for 0, "Z" for 25, "AA" for 26 (the spreadsheet column letters).
std::string ColumnLetters(std::size_t column);

/// Bounds every table reader holds to, whatever the file declares (issue 13 section 4): past them the reader throws
/// ImportError naming the file (and sheet, row, column when known).
inline constexpr std::size_t kMaxTableRows = 1'000'000;               ///< rows of one table (a 100 000-row sheet fits)
inline constexpr std::size_t kMaxTableColumns = 1024;                 ///< columns of one row
inline constexpr std::size_t kMaxTableCellBytes = 1 << 20;            ///< bytes of one cell's text (1 MiB)
inline constexpr std::size_t kMaxTableBytes = 256u << 20;             ///< text bytes of all cells together (256 MiB)
inline constexpr std::size_t kMaxWorkbookUnzippedBytes = 512u << 20;  ///< xlsx/ods: members' declared sizes, summed

/// How to read a table from a file.
struct TableReadOptions {
  std::string source_name;  ///< used in messages; "<input>" when empty
  std::string sheet;        ///< spreadsheets: the sheet to read by name; "" for the first sheet
};

/// The file formats a table is read from, by their bytes: a ZIP holding xl/workbook.xml (xlsx), a ZIP whose
/// mimetype member names application/vnd.oasis.opendocument.spreadsheet (ods), a JSON text starting with '['
/// (array of flat objects), else CSV.
enum class TableFormat { Csv, Xlsx, Ods, JsonArray };
TableFormat DetectTableFormat(std::string_view bytes);

/// CSV (RFC 4180, the decoding of DecodeCsvBytes in CsvText.h: UTF-8 with or without BOM, UTF-16, Windows-1252 with
/// a warning; delimiter ',' ';' or tab, the most frequent outside quotes among the first non-blank, non-'#' lines).
/// Every record becomes a row of Text cells (Empty for an empty field) numbered by the physical line where it starts;
/// blank lines and "#" lines are kept as rows (the importer reads "# key: value" metadata from them).
/// Throws ImportError("source:line", …) for what DecodeCsvBytes refuses, a quoted cell never closed, a bound passed.
Table ReadCsvTable(std::string_view bytes, const TableReadOptions& options);

/// An xlsx (Office Open XML, ECMA-376) or ods (OpenDocument 1.2) workbook read with liborcus through our own
/// orcus::spreadsheet::iface::import_factory: the sheet named by options.sheet, else the first. Cells keep the type the
/// workbook gives them: shared and inline strings are Text; numbers whose number format is a date, time or date-time
/// format (xlsx built-in ids 14-22 and 45-47, or a format code with d/m/y/h/s outside quotes and brackets; ods
/// office:value-type date and time) are Date, Time or DateTime; formulas give their cached value and type; merged
/// ranges repeat the top-left cell's value over every cell they span. Rows are numbered as the sheet numbers them.
/// Throws ImportError(source, …) for a ZIP that is neither, a workbook past the bounds above (before inflating: the
/// members' declared sizes), a sheet name not found (naming the sheets there are), or liborcus's parse error.
Table ReadSpreadsheetTable(std::string_view bytes, const TableReadOptions& options);

/// A JSON array of flat objects (one event or one person per object), as event sites publish them. The header row
/// (number 0) holds every key in order of first appearance; each object is a row numbered from 1. Strings are Text,
/// numbers Number (text: as written), true/false Boolean, null Empty, an array of strings or numbers one Text joined
/// with "; ". Throws ImportError naming the object (and key) for a value that is an object or an array holding an
/// object or array, an element that is not an object, and for invalid JSON (with the byte offset).
Table ReadJsonArrayTable(std::string_view bytes, const TableReadOptions& options);

/// Dispatches on DetectTableFormat.
Table ReadTable(std::string_view bytes, const TableReadOptions& options);

}  // namespace kiosk
