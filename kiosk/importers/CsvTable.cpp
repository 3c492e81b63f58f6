// A CSV file as a Table (Table.h): decoding and the RFC 4180 reader of CsvText.h, the delimiter found among the
// first lines even when title rows precede the header, "#" lines above the first record kept whole.

#include <algorithm>
#include <array>
#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kiosk/core/Diagnostics.h"
#include "kiosk/core/Text.h"
#include "kiosk/importers/CsvText.h"
#include "kiosk/importers/Table.h"

namespace kiosk {
namespace {

/// Lines (records: a quoted line break does not end one) the delimiter is found among.
constexpr std::size_t kDelimiterSampleLines = 20;

/// True for a line holding only white space and delimiters (a spreadsheet's empty row).
bool IsBlankLine(std::string_view line) { return line.find_first_not_of(" \t\r,;") == std::string_view::npos; }

/// True for a "# key: value" or comment line, as written or quoted by a spreadsheet.
bool IsHashLine(std::string_view trimmed) { return trimmed.starts_with('#') || trimmed.starts_with("\"#"); }

/// The text of a "#" line: unquoted when a spreadsheet quoted it, trailing empty cells removed.
std::string HashLineText(std::string_view line) {
  if (line.front() != '"') return std::string(Trim(line.substr(0, line.find_last_not_of(" \t,;") + 1)));
  std::string unquoted;
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
  return std::string(Trim(unquoted));
}

/// The delimiter of the table: among the first non-blank, non-"#" records, the one of ',', ';' and tab that the
/// most records hold the same number of times (a header and its rows agree; a title row above them does not count
/// against it). A tie goes to DetectDelimiter of the first record holding any of them (the header when no title
/// row precedes it), so a file read before issue 13 keeps its delimiter.
char FindDelimiter(std::string_view text) {
  constexpr std::array<char, 3> kCandidates{',', ';', '\t'};
  std::vector<std::array<std::size_t, 3>> counts;
  std::string_view first_with_any;
  std::size_t pos = 0;
  while (pos < text.size() && counts.size() < kDelimiterSampleLines) {
    // One record: a line break inside quotes does not end it.
    std::array<std::size_t, 3> count{};
    bool quoted = false;
    std::size_t end = pos;
    for (; end < text.size(); ++end) {
      const char c = text[end];
      if (c == '"') quoted = !quoted;
      if (quoted) continue;
      if (c == '\n') break;
      for (std::size_t i = 0; i < kCandidates.size(); ++i) count[i] += c == kCandidates[i];
    }
    const std::string_view record = text.substr(pos, end - pos);
    pos = end + 1;
    const std::string_view trimmed = Trim(record);
    if (IsBlankLine(trimmed) || IsHashLine(trimmed)) continue;
    if (first_with_any.empty() && (count[0] + count[1] + count[2]) > 0) first_with_any = record;
    counts.push_back(count);
  }
  if (first_with_any.empty()) return ',';
  const auto score = [&](std::size_t i) {
    std::map<std::size_t, std::size_t> lines_with;  // count -> records holding the delimiter that many times
    std::size_t most = 0;
    for (const auto& count : counts) {
      if (count[i] > 0) most = std::max(most, ++lines_with[count[i]]);
    }
    return most;
  };
  const char fallback = DetectDelimiter(first_with_any);
  char best = fallback;
  std::size_t best_score = score(
      static_cast<std::size_t>(std::find(kCandidates.begin(), kCandidates.end(), fallback) - kCandidates.begin()));
  for (std::size_t i = 0; i < kCandidates.size(); ++i) {
    if (const std::size_t s = score(i); s > best_score) {
      best = kCandidates[i];
      best_score = s;
    }
  }
  return best;
}

/// Adds `cell`'s bytes to the table's total, throwing past the bounds.
void CountCell(std::size_t cell_bytes, std::size_t& total, const std::string& where) {
  if (cell_bytes > kMaxTableCellBytes)
    throw ImportError(where, "a cell of " + std::to_string(cell_bytes) + " bytes, over the " +
                                 std::to_string(kMaxTableCellBytes) + " a cell may hold");
  total += cell_bytes;
  if (total > kMaxTableBytes)
    throw ImportError(where, "the table holds more than " + std::to_string(kMaxTableBytes >> 20) +
                                 " MiB of text, the most a table may hold");
}

}  // namespace

Table ReadCsvTable(std::string_view bytes, const TableReadOptions& options) {
  Table table;
  table.kind = Table::Kind::Csv;
  table.source = options.source_name.empty() ? std::string("<input>") : options.source_name;
  const DecodedCsv decoded = DecodeCsvBytes(bytes, table.source, table.warnings);
  const std::string_view text = decoded.text;
  table.delimiter = FindDelimiter(text);
  std::size_t total_bytes = 0;
  const auto add_row = [&](TableRow row) {
    if (table.rows.size() >= kMaxTableRows)
      throw ImportError(table.Where(row.number),
                        "more than " + std::to_string(kMaxTableRows) + " rows, the most a table may hold");
    if (row.cells.size() > kMaxTableColumns)
      throw ImportError(table.Where(row.number), "a row of " + std::to_string(row.cells.size()) + " cells, over the " +
                                                     std::to_string(kMaxTableColumns) + " a row may hold");
    table.rows.push_back(std::move(row));
  };

  // Above the first record: blank lines and "#" lines are kept whole (one cell), as "# key: value" metadata reads.
  std::size_t pos = 0;
  int line = 1;
  while (pos < text.size()) {
    const std::size_t eol = text.find('\n', pos);
    const std::size_t end = eol == std::string_view::npos ? text.size() : eol;
    const std::string_view trimmed = Trim(text.substr(pos, end - pos));
    if (!IsBlankLine(trimmed) && !IsHashLine(trimmed)) break;
    TableRow row{line, {}};
    if (!IsBlankLine(trimmed)) {
      std::string cell = HashLineText(trimmed);
      CountCell(cell.size(), total_bytes, table.Where(line));
      row.cells.push_back(TableCell{CellType::Text, std::move(cell), 0});
    }
    add_row(std::move(row));
    pos = end + 1;
    ++line;
  }

  // From the first record on (a title row, the header): RFC 4180 records.
  if (pos < text.size()) {
    CsvReader reader(text, pos, line, table.delimiter, table.source);
    while (auto record = reader.Next()) {
      TableRow row{record->line, {}};
      if (record->cells.size() > kMaxTableColumns)
        throw ImportError(table.Where(row.number), "a row of " + std::to_string(record->cells.size()) +
                                                       " cells, over the " + std::to_string(kMaxTableColumns) +
                                                       " a row may hold");
      row.cells.reserve(record->cells.size());
      for (std::string& cell : record->cells) {
        CountCell(cell.size(), total_bytes, table.Where(row.number));
        if (cell.empty()) {
          row.cells.emplace_back();
        } else {
          row.cells.push_back(TableCell{CellType::Text, std::move(cell), 0});
        }
      }
      add_row(std::move(row));
    }
  }
  return table;
}

}  // namespace kiosk
