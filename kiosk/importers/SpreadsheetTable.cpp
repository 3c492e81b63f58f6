// xlsx and ods workbooks read into a Table (Table.h, issue 13): the ZIP's central directory checked with libzip
// before anything is inflated, xlsx through liborcus's orcus_xlsx filter into our own import_factory, ods through
// liborcus's SAX parser over content.xml (orcus_ods 0.17 drops time cells, string results of formulas, merges and
// shifts the columns after a covered cell, so its filter is not used).

#include <zip.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <orcus/exception.hpp>
#include <orcus/orcus_xlsx.hpp>
#include <orcus/sax_ns_parser.hpp>
#include <orcus/spreadsheet/import_interface.hpp>
#include <orcus/xml_namespace.hpp>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kiosk/core/Diagnostics.h"
#include "kiosk/importers/Table.h"

namespace kiosk {
namespace {

namespace ss = orcus::spreadsheet;

constexpr zip_int64_t kMaxWorkbookMembers = 10'000;       // a real workbook has tens
constexpr zip_uint64_t kZipBombRatio = 200;               // inflated / compressed, past kZipBombFloor
constexpr zip_uint64_t kZipBombFloor = 4u << 20;          // members under 4 MiB may compress as well as they like
constexpr std::size_t kMaxSharedStrings = 4'000'000;      // strings of one workbook's shared string table
constexpr std::size_t kCellOverhead = sizeof(TableCell);  // what a stored cell costs besides its text
constexpr double kOds1904Offset = 1462;                   // days from 1899-12-30 to 1904-01-01

std::string MiB(std::size_t bytes) { return std::to_string(bytes >> 20) + " MiB"; }

/// Days from 1970-01-01 of a civil date (H. Hinnant's days_from_civil).
long long DaysFromCivil(long long y, unsigned m, unsigned d) {
  y -= m <= 2;
  const long long era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<long long>(doe) - 719468;
}

/// The day serial (days since 1899-12-30) of a civil date and time.
double Serial(int year, int month, int day, int hour, int minute, double second) {
  return static_cast<double>(DaysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day)) + 25569) +
         (hour * 3600.0 + minute * 60.0 + second) / 86400.0;
}

/// Date, Time or DateTime for a number format code with d/m/y (date) or h/s (time) outside quotes, escapes and
/// brackets ([h], [mm], [ss] are elapsed time); Number otherwise. "m" is minutes next to h or s, else months.
CellType KindOfFormatCode(std::string_view code) {
  code = code.substr(0, code.find(';'));  // the positive section decides
  bool date = false, time = false, month = false;
  for (std::size_t i = 0; i < code.size(); ++i) {
    const char c = static_cast<char>(code[i] | 0x20);
    if (code[i] == '"') {
      const auto close = code.find('"', i + 1);
      if (close == std::string_view::npos) break;
      i = close;
    } else if (code[i] == '\\' || code[i] == '_' || code[i] == '*') {
      ++i;
    } else if (code[i] == '[') {
      const auto close = code.find(']', i + 1);
      if (close == std::string_view::npos) break;
      const std::string_view inside = code.substr(i + 1, close - i - 1);
      if (!inside.empty() && inside.find_first_not_of("hHmMsS") == std::string_view::npos) time = true;
      i = close;
    } else if (code.substr(i, 5) == "AM/PM" || code.substr(i, 5) == "am/pm") {
      time = true;
      i += 4;
    } else if (code.substr(i, 3) == "A/P" || code.substr(i, 3) == "a/p") {
      time = true;
      i += 2;
    } else if (c == 'd' || c == 'y') {
      date = true;
    } else if (c == 'h' || c == 's') {
      time = true;
    } else if (c == 'm') {
      month = true;
    }
  }
  if (month && !time) date = true;
  if (date && time) return CellType::DateTime;
  if (date) return CellType::Date;
  if (time) return CellType::Time;
  return CellType::Number;
}

/// xlsx built-in number formats (ECMA-376 part 1, 18.8.30): 14-17 dates, 18-21 and 45-47 times, 22 date-time.
CellType KindOfBuiltinFormat(std::size_t id) {
  if (id >= 14 && id <= 17) return CellType::Date;
  if ((id >= 18 && id <= 21) || (id >= 45 && id <= 47)) return CellType::Time;
  if (id == 22) return CellType::DateTime;
  return CellType::Number;
}

/// The cells of one sheet as they are read, bounded; Finish() turns them into Table rows.
class CellStore {
 public:
  CellStore(const std::string& source) { m_where.kind = Table::Kind::Spreadsheet, m_where.source = source; }

  void BeginSheet(const std::string& name, bool keep) {
    m_where.sheet = name;
    m_keep = keep;
  }
  bool Keeping() const { return m_keep; }

  /// Checks row (0-based) and column against the bounds; throws ImportError naming the position.
  void CheckPosition(long long row, long long column) const {
    if (row < 0 || row >= static_cast<long long>(kMaxTableRows))
      throw ImportError(m_where.Where(static_cast<int>(std::clamp<long long>(row + 1, 0, INT32_MAX))),
                        "past the bound of " + std::to_string(kMaxTableRows) + " rows a sheet");
    if (column < 0 || column >= static_cast<long long>(kMaxTableColumns))
      throw ImportError(m_where.Where(static_cast<int>(row + 1)),
                        "a cell past the bound of " + std::to_string(kMaxTableColumns) + " columns a row");
  }
  /// Throws ImportError naming the cell when `bytes` of text pass kMaxTableCellBytes.
  void CheckCellBytes(long long row, long long column, std::size_t bytes) const {
    if (bytes > kMaxTableCellBytes)
      throw ImportError(
          m_where.Where(static_cast<int>(row + 1), static_cast<std::size_t>(column)),
          "a cell of " + std::to_string(bytes) + " bytes, past the bound of " + MiB(kMaxTableCellBytes) + " a cell");
  }

  /// Stores a cell at row (0-based, as liborcus numbers them) and column, in the kept sheet only.
  void Put(long long row, long long column, TableCell cell) {
    CheckPosition(row, column);
    CheckCellBytes(row, column, cell.text.size());
    if (!m_keep) return;
    Charge(cell.text.size());
    auto& cells = m_rows[static_cast<int>(row) + 1];
    if (cells.size() <= static_cast<std::size_t>(column)) cells.resize(static_cast<std::size_t>(column) + 1);
    cells[static_cast<std::size_t>(column)] = std::move(cell);
  }
  const TableCell* Find(long long row, long long column) const {
    const auto found = m_rows.find(static_cast<int>(row) + 1);
    if (found == m_rows.end() || found->second.size() <= static_cast<std::size_t>(column)) return nullptr;
    return &found->second[static_cast<std::size_t>(column)];
  }

  /// The cell format (xlsx cellXfs index) of the cell at row/column: its number format, resolved by Finish()
  /// (styles.xml may be read after the sheets), types a Number there as Date, Time or DateTime.
  void SetFormat(long long row, long long column, std::size_t xf) {
    if (m_keep && xf != 0) m_formats[{row, column}] = xf;
  }
  void AddMerge(long long first_row, long long first_column, long long last_row, long long last_column) {
    if (m_keep && (last_row > first_row || last_column > first_column))
      m_merges.push_back({first_row, first_column, last_row, last_column});
  }
  /// Copies row `row` (0-based) over the `count` rows after it (an ods row repeated with its content).
  void RepeatRow(long long row, long long count) {
    const auto found = m_rows.find(static_cast<int>(row) + 1);
    if (!m_keep || found == m_rows.end() || count <= 0) return;
    CheckPosition(row + count, 0);
    const std::vector<TableCell> cells = found->second;
    for (long long i = 1; i <= count; ++i)
      for (std::size_t column = 0; column < cells.size(); ++column)
        if (cells[column].type != CellType::Empty) Put(row + i, static_cast<long long>(column), cells[column]);
  }

  /// Applies number formats (`date_offset` days added to Date and DateTime serials: 1462 for the 1904 system) and
  /// merges, and moves every row 1..last into `table`.
  void Finish(Table& table, double date_offset, const std::function<CellType(std::size_t)>& kind_of_format) {
    for (const auto& [position, xf] : m_formats) {
      const CellType kind = kind_of_format(xf);
      if (kind == CellType::Number) continue;
      auto found = m_rows.find(static_cast<int>(position.first) + 1);
      if (found == m_rows.end() || found->second.size() <= static_cast<std::size_t>(position.second)) continue;
      TableCell& cell = found->second[static_cast<std::size_t>(position.second)];
      if (cell.type == CellType::Number) cell.type = kind;
    }
    if (date_offset != 0)
      for (auto& [number, cells] : m_rows)
        for (TableCell& cell : cells)
          if (cell.type == CellType::Date || cell.type == CellType::DateTime) cell.number += date_offset;
    const long long last_row = m_rows.empty() ? -1 : m_rows.rbegin()->first - 1;
    for (const Merge& merge : m_merges) {
      const TableCell* top_left = Find(merge.first_row, merge.first_column);
      if (top_left == nullptr || top_left->type == CellType::Empty) continue;
      const TableCell value = *top_left;
      // A range reaching past the sheet's last row (a whole column merged) spans only the rows there are.
      for (long long row = merge.first_row; row <= std::min(merge.last_row, last_row); ++row)
        for (long long column = merge.first_column; column <= merge.last_column; ++column)
          if (row != merge.first_row || column != merge.first_column) Put(row, column, value);
    }
    table.rows.clear();
    if (m_rows.empty()) return;
    table.rows.reserve(static_cast<std::size_t>(m_rows.rbegin()->first));
    for (int number = 1; number <= m_rows.rbegin()->first; ++number) {
      TableRow row;
      row.number = number;
      if (auto found = m_rows.find(number); found != m_rows.end()) row.cells = std::move(found->second);
      table.rows.push_back(std::move(row));
    }
    m_rows.clear();
  }

  const Table& Where() const { return m_where; }

 private:
  struct Merge {
    long long first_row, first_column, last_row, last_column;
  };
  void Charge(std::size_t text_bytes) {
    m_bytes += kCellOverhead + text_bytes;
    if (m_bytes > kMaxTableBytes)
      throw ImportError(m_where.source + ", sheet '" + m_where.sheet + "'",
                        "the sheet's cells pass the bound of " + MiB(kMaxTableBytes));
  }

  Table m_where;  // names positions in messages
  bool m_keep = false;
  std::map<int, std::vector<TableCell>> m_rows;                      // by row number (1-based)
  std::map<std::pair<long long, long long>, std::size_t> m_formats;  // cell -> xf index
  std::vector<Merge> m_merges;
  std::size_t m_bytes = 0;
};

// ---------------------------------------------------------------------------------------------------------------
// The ZIP, checked before liborcus inflates anything.

struct ZipCheck {
  bool xlsx = false;  // has xl/workbook.xml
  bool ods = false;   // mimetype names an OpenDocument spreadsheet
};

/// The central directory as liborcus's own zip_archive reads it (the last end record, 32-bit sizes, extra fields
/// ignored), which may differ from libzip's view (ZIP64, several end records): liborcus inflates each member into
/// a buffer of the size declared there, so those sizes are bounded too.
void CheckCentralDirectoryAsOrcusReadsIt(std::string_view bytes, const std::string& source) {
  const auto u16 = [&](std::size_t at) -> std::uint32_t {
    if (at + 2 > bytes.size()) throw ImportError(source, "not a readable ZIP archive (central directory cut short)");
    return static_cast<unsigned char>(bytes[at]) | static_cast<unsigned char>(bytes[at + 1]) << 8;
  };
  const auto u32 = [&](std::size_t at) -> std::uint32_t { return u16(at) | u16(at + 2) << 16; };
  const std::size_t end = bytes.rfind(std::string_view("PK\x05\x06", 4));
  if (end == std::string_view::npos) return;  // liborcus refuses it itself
  std::size_t at = u32(end + 16);
  zip_uint64_t total = 0, members = 0;
  while (at + 4 <= bytes.size() && u32(at) == 0x02014b50) {
    const zip_uint64_t compressed = u32(at + 20), size = u32(at + 24);
    if (++members > static_cast<zip_uint64_t>(kMaxWorkbookMembers))
      throw ImportError(source, "a ZIP of more than " + std::to_string(kMaxWorkbookMembers) + " members");
    if (size > kZipBombFloor && size / std::max<zip_uint64_t>(compressed, 1) > kZipBombRatio)
      throw ImportError(source, "a member would inflate " + std::to_string(compressed) + " bytes to " +
                                    std::to_string(size) + " (more than " + std::to_string(kZipBombRatio) +
                                    ":1): refused as a ZIP bomb");
    total += size;
    if (total > kMaxWorkbookUnzippedBytes)
      throw ImportError(source, "the workbook's members would inflate past the bound of " +
                                    MiB(kMaxWorkbookUnzippedBytes) + " (refused before inflating)");
    at += 46 + static_cast<std::size_t>(u16(at + 28)) + u16(at + 30) + u16(at + 32);
  }
}

/// Whether every markup construct of `xml` ends before the end of the text: comments, CDATA, tags and processing
/// instructions closed, quoted attribute values closed, each '&' with its ';' within 32 bytes, no DOCTYPE (a
/// workbook part has none). liborcus 0.17's SAX parser reads past its buffer on an attribute value never closed
/// (fuzz_sheet: `standalone='yes"?>`), so a part must pass this before liborcus sees it.
bool MarkupTerminated(std::string_view xml) {
  const auto entity_ok = [&](std::size_t from, std::size_t to) {  // only [from, to) searched: linear overall
    const std::string_view span = xml.substr(from, to - from);
    for (std::size_t a = span.find('&'); a != std::string_view::npos; a = span.find('&', a + 1))
      if (xml.substr(from + a, 32).find(';') == std::string_view::npos) return false;
    return true;
  };
  std::size_t i = 0;
  while (i < xml.size()) {
    const std::size_t open = xml.find('<', i);
    if (!entity_ok(i, std::min(open, xml.size()))) return false;
    if (open == std::string_view::npos) return true;
    const std::string_view rest = xml.substr(open);
    if (rest.starts_with("<!--") || rest.starts_with("<![CDATA[")) {
      const std::string_view close = rest.starts_with("<!--") ? "-->" : "]]>";
      const std::size_t end = xml.find(close, open + 4);
      if (end == std::string_view::npos) return false;
      i = end + close.size();
      continue;
    }
    if (rest.starts_with("<!")) return false;  // DOCTYPE and the like
    std::size_t k = open + 1;
    for (;; ++k) {
      if (k >= xml.size()) return false;
      const char c = xml[k];
      if (c == '"' || c == '\'') {
        const std::size_t end = xml.find(c, k + 1);
        if (end == std::string_view::npos || !entity_ok(k + 1, end)) return false;
        k = end;
      } else if (c == '<') {
        return false;
      } else if (c == '>') {
        break;
      }
    }
    i = k + 1;
  }
  return true;
}

/// Whether `text` is UTF-8 with every sequence complete and no NUL.
bool WellFormedUtf8(std::string_view text) {
  int pending = 0;
  for (const char byte : text) {
    const auto c = static_cast<unsigned char>(byte);
    if (pending > 0) {
      if ((c & 0xC0) != 0x80) return false;
      --pending;
    } else if (c == 0 || (c >= 0x80 && c < 0xC2) || c > 0xF4) {
      return false;
    } else if (c >= 0xF0) {
      pending = 3;
    } else if (c >= 0xE0) {
      pending = 2;
    } else if (c >= 0xC2) {
      pending = 1;
    }
  }
  return pending == 0;
}

/// The targets of a .rels part's relationships, "\n"-separated, but for the types whose target is binary (images,
/// printer settings, VBA, OLE, embedded packages), which liborcus does not parse.
std::string XmlRelationshipTargets(std::string_view rels) {
  std::string targets;
  for (std::size_t at = rels.find("<Relationship "); at != std::string_view::npos;
       at = rels.find("<Relationship ", at + 1)) {
    const std::string_view element = rels.substr(at, rels.find('>', at) - at);
    const auto value = [&](std::string_view attribute) -> std::string_view {
      const std::size_t start = element.find(attribute);
      if (start == std::string_view::npos || start + attribute.size() >= element.size()) return {};
      const char quote = element[start + attribute.size()];
      const std::size_t end = element.find(quote, start + attribute.size() + 1);
      if (end == std::string_view::npos) return {};
      return element.substr(start + attribute.size() + 1, end - start - attribute.size() - 1);
    };
    const std::string_view type = value("Type="), target = value("Target=");
    bool binary = false;
    for (std::string_view kind : {"/image", "/printerSettings", "/vbaProject", "/oleObject", "/package", "/hyperlink",
                                  "/audio", "/video", "/media", "/font"})
      binary = binary || type.ends_with(kind);
    if (!binary) targets.append(target).append("\n");
  }
  return targets;
}

class ZipArchive {
 public:
  ZipArchive(std::string_view bytes, const std::string& source) : m_source(source) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* data = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
    if (data != nullptr) {
      m_zip = zip_open_from_source(data, ZIP_RDONLY | ZIP_CHECKCONS, &error);
      if (m_zip == nullptr) zip_source_free(data);
    }
    if (m_zip == nullptr) {
      const std::string why = zip_error_strerror(&error);
      zip_error_fini(&error);
      throw ImportError(source, "not an xlsx or ods workbook: not a readable ZIP archive (" + why + ")");
    }
  }
  ~ZipArchive() {
    if (m_zip) zip_discard(m_zip);
  }
  ZipArchive(const ZipArchive&) = delete;
  ZipArchive& operator=(const ZipArchive&) = delete;

  /// Refuses too many members, a member inflating past kZipBombRatio:1 (and past kZipBombFloor), and declared sizes
  /// summing past kMaxWorkbookUnzippedBytes; says which kind of workbook the members make.
  ZipCheck Check() {
    const zip_int64_t count = zip_get_num_entries(m_zip, 0);
    if (count > kMaxWorkbookMembers)
      throw ImportError(m_source, "a ZIP of " + std::to_string(count) + " members, past the bound of " +
                                      std::to_string(kMaxWorkbookMembers) + " for a workbook");
    ZipCheck check;
    zip_uint64_t total = 0;
    for (zip_int64_t i = 0; i < count; ++i) {
      zip_stat_t stat;
      zip_stat_init(&stat);
      if (zip_stat_index(m_zip, static_cast<zip_uint64_t>(i), 0, &stat) != 0)
        throw ImportError(m_source, "not a readable ZIP archive (member " + std::to_string(i) + ")");
      const std::string name = (stat.valid & ZIP_STAT_NAME) && stat.name ? stat.name : "";
      const zip_uint64_t size = (stat.valid & ZIP_STAT_SIZE) ? stat.size : 0;
      const zip_uint64_t compressed = (stat.valid & ZIP_STAT_COMP_SIZE) ? stat.comp_size : 0;
      if (size > kZipBombFloor && size / std::max<zip_uint64_t>(compressed, 1) > kZipBombRatio)
        throw ImportError(m_source, "member '" + name + "' would inflate " + std::to_string(compressed) + " bytes to " +
                                        std::to_string(size) + " (more than " + std::to_string(kZipBombRatio) +
                                        ":1): refused as a ZIP bomb");
      total += size;
      if (total > kMaxWorkbookUnzippedBytes)
        throw ImportError(m_source, "the workbook's members would inflate past the bound of " +
                                        MiB(kMaxWorkbookUnzippedBytes) + " (refused before inflating)");
      if (name == "xl/workbook.xml") check.xlsx = true;
      if (name == "mimetype" && size < 200)
        check.ods = Read(name, 200).starts_with("application/vnd.oasis.opendocument.spreadsheet");
    }
    return check;
  }

  /// Inflates every member once, in 64 KiB chunks: each must inflate to exactly its declared size with its CRC-32
  /// right, and each XML part (held whole, one at a time) must be UTF-8 with its markup closed (MarkupTerminated).
  /// liborcus 0.17 parses a member that inflates short (its buffer's tail left zero) and reads past its buffer on a
  /// UTF-8 sequence cut by the end (found by fuzz_sheet), so nothing reaches it unchecked.
  void VerifyMembers() {
    const zip_int64_t count = zip_get_num_entries(m_zip, 0);
    std::vector<char> chunk(64u << 10);
    std::vector<std::pair<std::string, const char*>> not_xml;  // members that are no XML part
    std::string relationships;  // targets of the relationships liborcus may parse as XML, "\n"-separated
    for (zip_int64_t i = 0; i < count; ++i) {
      zip_stat_t stat;
      zip_stat_init(&stat);
      if (zip_stat_index(m_zip, static_cast<zip_uint64_t>(i), 0, &stat) != 0 || !(stat.valid & ZIP_STAT_SIZE))
        throw ImportError(m_source, "not a readable ZIP archive (member " + std::to_string(i) + ")");
      const std::string name = (stat.valid & ZIP_STAT_NAME) && stat.name ? stat.name : "";
      if (name.ends_with("/") && stat.size == 0) continue;  // a directory
      const bool xml = name.ends_with(".xml") || name.ends_with(".rels");
      const bool small = stat.size <= (16u << 20);  // any other part a relationship could send liborcus to
      zip_file_t* file = zip_fopen_index(m_zip, static_cast<zip_uint64_t>(i), 0);
      if (file == nullptr)
        throw ImportError(m_source, "member '" + name + "' cannot be read (" + zip_strerror(m_zip) + ")");
      zip_uint64_t total = 0;
      std::string text;  // an XML part whole (liborcus holds it whole too, after this is freed)
      if (xml || small) text.reserve(static_cast<std::size_t>(stat.size));
      zip_int64_t got = 0;
      while ((got = zip_fread(file, chunk.data(), chunk.size())) > 0) {
        total += static_cast<zip_uint64_t>(got);
        if (total > stat.size) break;
        if (xml || small) text.append(chunk.data(), static_cast<std::size_t>(got));
      }
      std::string why;
      if (got < 0) why = std::string("libzip: ") + zip_file_strerror(file);
      zip_fclose(file);
      if (why.empty() && total != stat.size) why = "it does not inflate to its declared size";
      if (!why.empty()) throw ImportError(m_source, "member '" + name + "' is corrupt (" + why + ")");
      const char* fault = !xml && !small            ? "is not checked as XML (past 16 MiB)"
                          : !WellFormedUtf8(text)   ? "is not UTF-8 XML (a workbook's parts are UTF-8)"
                          : !MarkupTerminated(text) ? "is not well-formed XML (markup left open)"
                                                    : nullptr;
      if (fault != nullptr && xml) throw ImportError(m_source, "member '" + name + "' " + fault);
      if (fault != nullptr) not_xml.push_back({name, fault});  // an image: fine unless a relationship names it
      if (name.ends_with(".rels")) relationships += XmlRelationshipTargets(text);
    }
    for (const auto& [name, fault] : not_xml) {
      const std::string base = name.substr(name.rfind('/') + 1);
      if (relationships.find(base) != std::string::npos)
        throw ImportError(m_source, "member '" + name + "' " + fault + ", and a relationship names it");
    }
  }

  bool Has(const std::string& name) { return zip_name_locate(m_zip, name.c_str(), 0) >= 0; }

  /// The member's bytes, at most `bound` (its declared size was checked); throws when it inflates past that.
  std::string Read(const std::string& name, zip_uint64_t bound) {
    zip_stat_t stat;
    zip_stat_init(&stat);
    if (zip_stat(m_zip, name.c_str(), 0, &stat) != 0 || !(stat.valid & ZIP_STAT_SIZE))
      throw ImportError(m_source, "not an ods workbook: no member '" + name + "'");
    if (stat.size > bound) throw ImportError(m_source, "member '" + name + "' is past its bound");
    zip_file_t* file = zip_fopen(m_zip, name.c_str(), 0);
    if (file == nullptr)
      throw ImportError(m_source, "member '" + name + "' cannot be read (" + zip_strerror(m_zip) + ")");
    std::string bytes(static_cast<std::size_t>(stat.size) + 1, '\0');  // one more: a member longer than declared
    const zip_int64_t got = zip_fread(file, bytes.data(), bytes.size());
    zip_fclose(file);
    if (got < 0 || static_cast<zip_uint64_t>(got) != stat.size)
      throw ImportError(m_source, "member '" + name + "' does not inflate to its declared size");
    bytes.resize(static_cast<std::size_t>(got));
    return bytes;
  }

 private:
  std::string m_source;
  zip_t* m_zip = nullptr;
};

// ---------------------------------------------------------------------------------------------------------------
// xlsx: our import_factory for orcus_xlsx.

/// The shared string table, bounded: a string past kMaxTableCellBytes is kept as its length only, so the cell that
/// uses it is refused by name.
class SharedStrings : public ss::iface::import_shared_strings {
 public:
  explicit SharedStrings(std::string source) : m_source(std::move(source)) {}

  std::size_t append(std::string_view s) override { return Push(s); }
  std::size_t add(std::string_view s) override { return Push(s); }
  void set_segment_font(std::size_t) override {}
  void set_segment_bold(bool) override {}
  void set_segment_italic(bool) override {}
  void set_segment_font_name(std::string_view) override {}
  void set_segment_font_size(double) override {}
  void set_segment_font_color(ss::color_elem_t, ss::color_elem_t, ss::color_elem_t, ss::color_elem_t) override {}
  void append_segment(std::string_view s) override {
    m_segment_bytes += s.size();
    if (m_segment_bytes <= kMaxTableCellBytes) m_segments.append(s);
  }
  std::size_t commit_segments() override {
    const std::size_t bytes = m_segment_bytes;
    std::string text = std::move(m_segments);
    m_segments.clear();
    m_segment_bytes = 0;
    return bytes > kMaxTableCellBytes ? PushOversize(bytes) : Push(text);
  }

  /// The string's text, or nullopt with its length when it passed kMaxTableCellBytes; nullptr for no such index.
  const std::string* Get(std::size_t index, std::size_t& oversize_bytes) const {
    oversize_bytes = 0;
    if (index >= m_strings.size()) return nullptr;
    if (auto found = m_oversize.find(index); found != m_oversize.end()) oversize_bytes = found->second;
    return &m_strings[index];
  }

 private:
  std::size_t Push(std::string_view s) {
    if (s.size() > kMaxTableCellBytes) return PushOversize(s.size());
    Count(s.size());
    m_strings.emplace_back(s);
    return m_strings.size() - 1;
  }
  std::size_t PushOversize(std::size_t bytes) {
    Count(0);
    m_oversize[m_strings.size()] = bytes;
    m_strings.emplace_back();
    return m_strings.size() - 1;
  }
  void Count(std::size_t bytes) {
    m_bytes += bytes + kCellOverhead;
    if (m_strings.size() >= kMaxSharedStrings || m_bytes > kMaxTableBytes)
      throw ImportError(m_source, "the shared strings (xl/sharedStrings.xml) pass the bound of " +
                                      std::to_string(kMaxSharedStrings) + " strings or " + MiB(kMaxTableBytes));
  }

  std::string m_source;
  std::vector<std::string> m_strings;
  std::map<std::size_t, std::size_t> m_oversize;  // index -> bytes
  std::string m_segments;
  std::size_t m_segment_bytes = 0;
  std::size_t m_bytes = 0;
};

/// Number formats and cell formats (xf): which xf index shows a date, a time or a date-time.
class Styles : public ss::iface::import_styles {
 public:
  CellType KindOfXf(std::size_t xf) const {
    if (xf >= m_xf_formats.size()) return CellType::Number;
    const std::size_t id = m_xf_formats[xf];
    if (auto found = m_codes.find(id); found != m_codes.end()) return KindOfFormatCode(found->second);
    return KindOfBuiltinFormat(id);
  }

  void set_number_format_count(std::size_t) override {}
  void set_number_format_identifier(std::size_t id) override { m_format_id = id; }
  void set_number_format_code(std::string_view s) override { m_format_code = s.substr(0, 1024); }
  std::size_t commit_number_format() override {
    m_codes[m_format_id] = std::move(m_format_code);
    m_format_code.clear();
    m_format_id = 0;
    return m_codes.size() - 1;
  }
  void set_xf_number_format(std::size_t index) override { m_xf_format = index; }
  std::size_t commit_cell_xf() override {
    if (m_xf_formats.size() < kMaxTableRows) m_xf_formats.push_back(m_xf_format);
    m_xf_format = 0;
    return m_xf_formats.size() - 1;
  }
  std::size_t commit_cell_style_xf() override {
    m_xf_format = 0;
    return 0;
  }
  std::size_t commit_dxf() override {
    m_xf_format = 0;
    return 0;
  }

  void set_font_count(std::size_t) override {}
  void set_font_bold(bool) override {}
  void set_font_italic(bool) override {}
  void set_font_name(std::string_view) override {}
  void set_font_size(double) override {}
  void set_font_underline(ss::underline_t) override {}
  void set_font_underline_width(ss::underline_width_t) override {}
  void set_font_underline_mode(ss::underline_mode_t) override {}
  void set_font_underline_type(ss::underline_type_t) override {}
  void set_font_underline_color(ss::color_elem_t, ss::color_elem_t, ss::color_elem_t, ss::color_elem_t) override {}
  void set_font_color(ss::color_elem_t, ss::color_elem_t, ss::color_elem_t, ss::color_elem_t) override {}
  void set_strikethrough_style(ss::strikethrough_style_t) override {}
  void set_strikethrough_type(ss::strikethrough_type_t) override {}
  void set_strikethrough_width(ss::strikethrough_width_t) override {}
  void set_strikethrough_text(ss::strikethrough_text_t) override {}
  std::size_t commit_font() override { return 0; }
  void set_fill_count(std::size_t) override {}
  void set_fill_pattern_type(ss::fill_pattern_t) override {}
  void set_fill_fg_color(ss::color_elem_t, ss::color_elem_t, ss::color_elem_t, ss::color_elem_t) override {}
  void set_fill_bg_color(ss::color_elem_t, ss::color_elem_t, ss::color_elem_t, ss::color_elem_t) override {}
  std::size_t commit_fill() override { return 0; }
  void set_border_count(std::size_t) override {}
  void set_border_style(ss::border_direction_t, ss::border_style_t) override {}
  void set_border_color(ss::border_direction_t, ss::color_elem_t, ss::color_elem_t, ss::color_elem_t,
                        ss::color_elem_t) override {}
  void set_border_width(ss::border_direction_t, double, orcus::length_unit_t) override {}
  std::size_t commit_border() override { return 0; }
  void set_cell_hidden(bool) override {}
  void set_cell_locked(bool) override {}
  void set_cell_print_content(bool) override {}
  void set_cell_formula_hidden(bool) override {}
  std::size_t commit_cell_protection() override { return 0; }
  void set_cell_xf_count(std::size_t) override {}
  void set_cell_style_xf_count(std::size_t) override {}
  void set_dxf_count(std::size_t) override {}
  void set_xf_font(std::size_t) override {}
  void set_xf_fill(std::size_t) override {}
  void set_xf_border(std::size_t) override {}
  void set_xf_protection(std::size_t) override {}
  void set_xf_style_xf(std::size_t) override {}
  void set_xf_apply_alignment(bool) override {}
  void set_xf_horizontal_alignment(ss::hor_alignment_t) override {}
  void set_xf_vertical_alignment(ss::ver_alignment_t) override {}
  void set_cell_style_count(std::size_t) override {}
  void set_cell_style_name(std::string_view) override {}
  void set_cell_style_xf(std::size_t) override {}
  void set_cell_style_builtin(std::size_t) override {}
  void set_cell_style_parent_name(std::string_view) override {}
  std::size_t commit_cell_style() override { return 0; }

 private:
  std::map<std::size_t, std::string> m_codes;  // numFmtId -> format code
  std::vector<std::size_t> m_xf_formats;       // cellXfs index -> numFmtId
  std::size_t m_format_id = 0, m_xf_format = 0;
  std::string m_format_code;
};

class GlobalSettings : public ss::iface::import_global_settings {
 public:
  void set_origin_date(int year, int month, int day) override {
    m_date_offset = (year == 1904 && month == 1 && day == 1) ? kOds1904Offset : 0;
  }
  void set_default_formula_grammar(ss::formula_grammar_t grammar) override { m_grammar = grammar; }
  ss::formula_grammar_t get_default_formula_grammar() const override { return m_grammar; }
  void set_character_set(orcus::character_set_t) override {}
  double DateOffset() const { return m_date_offset; }

 private:
  double m_date_offset = 0;
  ss::formula_grammar_t m_grammar = ss::formula_grammar_t::xlsx;
};

class XlsxSheet;

/// Merged ranges of a sheet.
class SheetProperties : public ss::iface::import_sheet_properties {
 public:
  explicit SheetProperties(CellStore* store) : m_store(store) {}
  void set_column_width(ss::col_t, double, orcus::length_unit_t) override {}
  void set_column_hidden(ss::col_t, bool) override {}
  void set_row_height(ss::row_t, double, orcus::length_unit_t) override {}
  void set_row_hidden(ss::row_t, bool) override {}
  void set_merge_cell_range(const ss::range_t& range) override {
    if (m_store) m_store->AddMerge(range.first.row, range.first.column, range.last.row, range.last.column);
  }

 private:
  CellStore* m_store;
};

/// A formula cell: its cached result, never the formula.
class Formula : public ss::iface::import_formula {
 public:
  explicit Formula(CellStore* store) : m_store(store) {}
  void set_position(ss::row_t row, ss::col_t col) override {
    m_row = row, m_column = col;
    m_cell = TableCell{};
  }
  void set_formula(ss::formula_grammar_t, std::string_view) override {}
  void set_shared_formula_index(std::size_t) override {}
  void set_result_string(std::string_view value) override {
    if (m_store) m_store->CheckCellBytes(m_row, m_column, value.size());
    m_cell = TableCell{CellType::Text, std::string(value), 0};
  }
  void set_result_value(double value) override { m_cell = TableCell{CellType::Number, {}, value}; }
  void set_result_bool(bool value) override { m_cell = TableCell{CellType::Boolean, {}, value ? 1.0 : 0.0}; }
  void set_result_empty() override { m_cell = TableCell{}; }
  void commit() override {
    if (m_store && m_cell.type != CellType::Empty) m_store->Put(m_row, m_column, std::move(m_cell));
    m_cell = TableCell{};
  }

 private:
  CellStore* m_store;
  long long m_row = 0, m_column = 0;
  TableCell m_cell;
};

/// One sheet: stores its cells when it is the sheet read (`store` non-null), else only checks the bounds.
class XlsxSheet : public ss::iface::import_sheet {
 public:
  XlsxSheet(CellStore* store, const SharedStrings& strings, const Styles& styles)
      : m_store(store), m_strings(strings), m_styles(styles), m_properties(store), m_formula(store) {}

  ss::iface::import_sheet_properties* get_sheet_properties() override { return &m_properties; }
  ss::iface::import_formula* get_formula() override { return &m_formula; }

  void set_auto(ss::row_t row, ss::col_t col, std::string_view s) override {
    Put(row, col, TableCell{CellType::Text, std::string(s), 0});
  }
  void set_string(ss::row_t row, ss::col_t col, ss::string_id_t index) override {
    std::size_t oversize = 0;
    const std::string* text = m_strings.Get(index, oversize);
    if (!m_store) return;
    m_store->CheckPosition(row, col);
    m_store->CheckCellBytes(row, col, oversize);
    if (text != nullptr) Put(row, col, TableCell{CellType::Text, *text, 0});
  }
  void set_value(ss::row_t row, ss::col_t col, double value) override {
    Put(row, col, TableCell{CellType::Number, {}, value});
  }
  void set_bool(ss::row_t row, ss::col_t col, bool value) override {
    Put(row, col, TableCell{CellType::Boolean, {}, value ? 1.0 : 0.0});
  }
  void set_date_time(ss::row_t row, ss::col_t col, int year, int month, int day, int hour, int minute,
                     double second) override {
    const bool has_time = hour != 0 || minute != 0 || second != 0;
    Put(row, col,
        TableCell{has_time ? CellType::DateTime : CellType::Date, {}, Serial(year, month, day, hour, minute, second)});
  }
  void set_format(ss::row_t row, ss::col_t col, std::size_t xf_index) override {
    if (m_store) m_store->SetFormat(row, col, xf_index);
  }
  void set_format(ss::row_t, ss::col_t, ss::row_t, ss::col_t, std::size_t) override {}
  void fill_down_cells(ss::row_t, ss::col_t, ss::row_t) override {}
  ss::range_size_t get_sheet_size() const override {
    return {static_cast<ss::row_t>(1 << 20), static_cast<ss::col_t>(1 << 14)};  // Excel's grid
  }

 private:
  void Put(long long row, long long col, TableCell cell) {
    if (m_store) m_store->Put(row, col, std::move(cell));  // another sheet: nothing kept
  }

  CellStore* m_store;
  const SharedStrings& m_strings;
  const Styles& m_styles;
  SheetProperties m_properties;
  Formula m_formula;
};

/// A1 references ("B12", "$B$12", "Sheet!A1:C3"), which orcus_xlsx asks of the factory for cell addresses.
class ReferenceResolver : public ss::iface::import_reference_resolver {
 public:
  ss::src_address_t resolve_address(std::string_view address) override {
    if (const auto bang = address.rfind('!'); bang != std::string_view::npos) address.remove_prefix(bang + 1);
    ss::src_address_t result{0, 0, 0};
    long long column = 0, row = 0;
    std::size_t i = 0;
    if (i < address.size() && address[i] == '$') ++i;
    const std::size_t letters = i;
    for (; i < address.size() && ((address[i] | 0x20) >= 'a' && (address[i] | 0x20) <= 'z'); ++i)
      column = std::min<long long>(column * 26 + ((address[i] | 0x20) - 'a' + 1), 1LL << 30);
    if (i == letters) throw orcus::invalid_arg_error("invalid cell address: " + std::string(address.substr(0, 32)));
    if (i < address.size() && address[i] == '$') ++i;
    const std::size_t digits = i;
    for (; i < address.size() && address[i] >= '0' && address[i] <= '9'; ++i)
      row = std::min<long long>(row * 10 + (address[i] - '0'), 1LL << 30);
    if (i == digits || i != address.size() || row == 0)
      throw orcus::invalid_arg_error("invalid cell address: " + std::string(address.substr(0, 32)));
    result.row = static_cast<ss::row_t>(row - 1);
    result.column = static_cast<ss::col_t>(column - 1);
    return result;
  }
  ss::src_range_t resolve_range(std::string_view range) override {
    const auto colon = range.find(':');
    if (colon == std::string_view::npos) {
      const ss::src_address_t single = resolve_address(range);
      return {single, single};
    }
    return {resolve_address(range.substr(0, colon)), resolve_address(range.substr(colon + 1))};
  }
};

class XlsxFactory : public ss::iface::import_factory {
 public:
  XlsxFactory(CellStore& store, std::string wanted, Table& table)
      : m_store(store), m_wanted(std::move(wanted)), m_table(table), m_strings(table.source) {}

  ss::iface::import_global_settings* get_global_settings() override { return &m_settings; }
  ss::iface::import_shared_strings* get_shared_strings() override { return &m_strings; }
  ss::iface::import_styles* get_styles() override { return &m_styles; }
  ss::iface::import_reference_resolver* get_reference_resolver(ss::formula_ref_context_t) override {
    return &m_resolver;
  }

  ss::iface::import_sheet* append_sheet(ss::sheet_t index, std::string_view name) override {
    if (m_sheets.size() >= 1024) throw ImportError(m_table.source, "more than 1024 sheets");
    m_table.sheet_names.emplace_back(name);
    const bool keep = !m_kept && (m_wanted.empty() || name == m_wanted);
    if (keep) {
      m_kept = true;
      m_store.BeginSheet(std::string(name), true);
      m_table.sheet = std::string(name);
    }
    m_sheets.push_back(std::make_unique<XlsxSheet>(keep ? &m_store : nullptr, m_strings, m_styles));
    (void)index;
    return m_sheets.back().get();
  }
  ss::iface::import_sheet* get_sheet(std::string_view name) override {
    for (std::size_t i = 0; i < m_table.sheet_names.size(); ++i)
      if (m_table.sheet_names[i] == name) return m_sheets[i].get();
    return nullptr;
  }
  ss::iface::import_sheet* get_sheet(ss::sheet_t index) override {
    return index >= 0 && static_cast<std::size_t>(index) < m_sheets.size() ? m_sheets[index].get() : nullptr;
  }
  void finalize() override {}

  double DateOffset() const { return m_settings.DateOffset(); }
  CellType KindOfXf(std::size_t xf) const { return m_styles.KindOfXf(xf); }

 private:
  CellStore& m_store;
  std::string m_wanted;
  Table& m_table;
  bool m_kept = false;
  SharedStrings m_strings;
  Styles m_styles;
  GlobalSettings m_settings;
  ReferenceResolver m_resolver;
  std::vector<std::unique_ptr<XlsxSheet>> m_sheets;
};

// ---------------------------------------------------------------------------------------------------------------
// ods: content.xml through liborcus's namespace-aware SAX parser (OpenDocument 1.2 part 1, 9.1 tables).

constexpr std::string_view kNsTable = "urn:oasis:names:tc:opendocument:xmlns:table:1.0";
constexpr std::string_view kNsOffice = "urn:oasis:names:tc:opendocument:xmlns:office:1.0";
constexpr std::string_view kNsText = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";

std::string_view Ns(orcus::xmlns_id_t ns) { return ns ? std::string_view(ns) : std::string_view(); }

long long Count(std::string_view text, long long fallback = 1) {
  long long value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return fallback;
    value = std::min<long long>(value * 10 + (c - '0'), 1LL << 40);
  }
  return text.empty() ? fallback : value;
}

/// "2026-07-08" or "2026-07-08T09:30:00.5": Date or DateTime, the day serial in `serial`; false when malformed.
bool ParseOdsDate(std::string_view text, CellType& type, double& serial) {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0;
  double second = 0;
  const std::string s(text.substr(0, 64));
  int used = 0;
  if (std::sscanf(s.c_str(), "%d-%d-%d%n", &year, &month, &day, &used) != 3) return false;
  if (month < 1 || month > 12 || day < 1 || day > 31 || year < -9999 || year > 99999) return false;
  type = CellType::Date;
  if (static_cast<std::size_t>(used) < s.size() && s[used] == 'T') {
    if (std::sscanf(s.c_str() + used, "T%d:%d:%lf", &hour, &minute, &second) != 3) return false;
    type = CellType::DateTime;
  }
  serial = Serial(year, month, day, hour, minute, second);
  return std::isfinite(serial);
}

/// "PT09H30M00S" (an ISO 8601 duration, as ods writes a time) as a fraction of a day.
bool ParseOdsTime(std::string_view text, double& fraction) {
  if (!text.starts_with("PT")) return false;
  double total = 0, value = 0;
  std::string number;
  for (char c : text.substr(2)) {
    if ((c >= '0' && c <= '9') || c == '.') {
      number += c;
      continue;
    }
    if (number.empty() || number.size() > 32) return false;
    value = std::strtod(number.c_str(), nullptr);
    number.clear();
    if (c == 'H')
      total += value * 3600;
    else if (c == 'M')
      total += value * 60;
    else if (c == 'S')
      total += value;
    else
      return false;
  }
  if (!number.empty()) return false;
  fraction = total / 86400.0;
  return std::isfinite(fraction);
}

class OdsContentHandler {
 public:
  OdsContentHandler(CellStore& store, std::string wanted, Table& table)
      : m_store(store), m_wanted(std::move(wanted)), m_table(table) {}

  void doctype(const orcus::sax::doctype_declaration&) {}
  void start_declaration(std::string_view) {}
  void end_declaration(std::string_view) {}
  void attribute(std::string_view, std::string_view) {}
  void attribute(const orcus::sax_ns_parser_attribute& attr) {
    if (m_attributes.size() < 64)
      m_attributes.push_back({Ns(attr.ns), std::string(attr.name), std::string(attr.value)});
  }

  void start_element(const orcus::sax_ns_parser_element& element) {
    std::vector<Attribute> attributes = std::move(m_attributes);
    m_attributes.clear();
    const std::string_view ns = Ns(element.ns), name = element.name;
    auto get = [&](std::string_view attribute_ns, std::string_view attribute_name) -> std::string_view {
      for (const Attribute& a : attributes)
        if (a.ns == attribute_ns && a.name == attribute_name) return a.value;
      return {};
    };
    if (ns == kNsTable && name == "table" && m_table_depth++ == 0) {
      const std::string sheet(get(kNsTable, "name"));
      if (m_table.sheet_names.size() >= 1024) throw ImportError(m_table.source, "more than 1024 sheets");
      m_table.sheet_names.push_back(sheet);
      const bool keep = !m_kept && (m_wanted.empty() || sheet == m_wanted);
      if (keep) m_kept = true, m_table.sheet = sheet;
      m_store.BeginSheet(sheet, keep);
      m_row = 0;
    } else if (m_table_depth != 1) {
      return;  // subtables and everything outside the tables
    } else if (ns == kNsTable && name == "table-row") {
      m_row_repeat = Count(get(kNsTable, "number-rows-repeated"));
      m_column = 0;
      m_row_has_content = false;
      m_store.CheckPosition(std::min<long long>(m_row, static_cast<long long>(kMaxTableRows)), 0);
    } else if (ns == kNsTable && (name == "table-cell" || name == "covered-table-cell")) {
      m_in_cell = true;
      m_text.clear();
      m_text_bytes = 0;
      m_paragraphs = 0;
      m_cell_repeat = Count(get(kNsTable, "number-columns-repeated"));
      m_value_type = get(kNsOffice, "value-type");
      m_value = get(kNsOffice, "value");
      m_date_value = get(kNsOffice, "date-value");
      m_time_value = get(kNsOffice, "time-value");
      m_boolean_value = get(kNsOffice, "boolean-value");
      m_string_value = get(kNsOffice, "string-value");
      m_has_string_value = !get(kNsOffice, "string-value").empty();
      const long long rows = Count(get(kNsTable, "number-rows-spanned")),
                      columns = Count(get(kNsTable, "number-columns-spanned"));
      if (rows > 1 || columns > 1)
        m_store.AddMerge(m_row, m_column, m_row + std::min<long long>(rows, kMaxTableRows) - 1,
                         std::min<long long>(m_column + columns - 1, kMaxTableColumns - 1));
    } else if (m_in_cell && ns == kNsOffice && name == "annotation") {
      ++m_skip_depth;
    } else if (m_in_cell && m_skip_depth == 0 && ns == kNsText) {
      if (name == "p" || name == "h") {
        if (m_paragraphs++ > 0) Append("\n");
      } else if (name == "s") {
        Append(std::string(static_cast<std::size_t>(std::min<long long>(Count(get(kNsText, "c")), 1024)), ' '));
      } else if (name == "tab") {
        Append("\t");
      } else if (name == "line-break") {
        Append("\n");
      }
    }
  }

  void end_element(const orcus::sax_ns_parser_element& element) {
    const std::string_view ns = Ns(element.ns), name = element.name;
    if (ns == kNsTable && name == "table") {
      if (--m_table_depth == 0) m_row = 0;
      return;
    }
    if (m_table_depth != 1) return;
    if (ns == kNsTable && name == "table-row") {
      // A row repeated with content (LibreOffice writes two identical rows so) is that many rows.
      if (m_row_has_content && m_row_repeat > 1) m_store.RepeatRow(m_row, m_row_repeat - 1);
      m_row += m_row_repeat;
    } else if (ns == kNsTable && (name == "table-cell" || name == "covered-table-cell")) {
      m_in_cell = false;
      TableCell cell = MakeCell();
      if (cell.type != CellType::Empty) {
        m_row_has_content = true;
        for (long long i = 0; i < m_cell_repeat; ++i) m_store.Put(m_row, m_column + i, cell);
      }
      m_column += m_cell_repeat;
    } else if (m_in_cell && ns == kNsOffice && name == "annotation") {
      --m_skip_depth;
    }
  }

  void characters(std::string_view value, bool) {
    if (m_in_cell && m_skip_depth == 0 && m_paragraphs > 0) Append(value);
  }

 private:
  struct Attribute {
    std::string_view ns;  // interned by the namespace repository
    std::string name, value;
  };

  void Append(std::string_view text) {
    m_text_bytes += text.size();
    if (!m_store.Keeping()) return;
    m_store.CheckCellBytes(m_row, m_column, m_text_bytes);
    m_text.append(text);
  }

  TableCell MakeCell() const {
    TableCell cell;
    if (m_value_type == "float" || m_value_type == "percentage" || m_value_type == "currency") {
      cell.type = CellType::Number;
      cell.number = std::strtod(m_value.c_str(), nullptr);
    } else if (m_value_type == "date") {
      if (!ParseOdsDate(m_date_value, cell.type, cell.number)) cell = TableCell{CellType::Text, m_text, 0};
    } else if (m_value_type == "time") {
      if (ParseOdsTime(m_time_value, cell.number))
        cell.type = CellType::Time;
      else
        cell = TableCell{CellType::Text, m_text, 0};
    } else if (m_value_type == "boolean") {
      cell.type = CellType::Boolean;
      cell.number = m_boolean_value == "true" ? 1 : 0;
    } else if (m_has_string_value) {
      cell = TableCell{CellType::Text, m_string_value, 0};
    } else if (m_paragraphs > 0) {
      cell = TableCell{CellType::Text, m_text, 0};
    }
    if (cell.type == CellType::Text) m_store.CheckCellBytes(m_row, m_column, cell.text.size());
    return cell;
  }

  CellStore& m_store;
  std::string m_wanted;
  Table& m_table;
  bool m_kept = false;
  std::vector<Attribute> m_attributes;
  int m_table_depth = 0, m_skip_depth = 0;
  long long m_row = 0, m_row_repeat = 1, m_column = 0, m_cell_repeat = 1;
  bool m_row_has_content = false, m_in_cell = false, m_has_string_value = false;
  int m_paragraphs = 0;
  std::string m_text;
  std::size_t m_text_bytes = 0;
  std::string m_value_type, m_value, m_date_value, m_time_value, m_boolean_value, m_string_value;
};

/// Attributes of one element, as liborcus's SAX parser reports them before start_element.
class AttributeList {
 public:
  void Add(const orcus::sax_ns_parser_attribute& attr) {
    if (m_attributes.size() < 64)
      m_attributes.push_back({Ns(attr.ns), std::string(attr.name), std::string(attr.value)});
  }
  std::vector<std::pair<std::string, std::string>> Take() {  // (local name, value), namespaces dropped
    std::vector<std::pair<std::string, std::string>> out;
    for (Attribute& a : m_attributes) out.emplace_back(std::move(a.name), std::move(a.value));
    m_attributes.clear();
    return out;
  }

 private:
  struct Attribute {
    std::string_view ns;
    std::string name, value;
  };
  std::vector<Attribute> m_attributes;
};

std::string Get(const std::vector<std::pair<std::string, std::string>>& attributes, std::string_view name) {
  for (const auto& [key, value] : attributes)
    if (key == name) return value;
  return {};
}

/// Base of the small SAX handlers below.
struct SaxHandler {
  void doctype(const orcus::sax::doctype_declaration&) {}
  void start_declaration(std::string_view) {}
  void end_declaration(std::string_view) {}
  void attribute(std::string_view, std::string_view) {}
  void attribute(const orcus::sax_ns_parser_attribute& attr) { attributes.Add(attr); }
  void characters(std::string_view, bool) {}
  void end_element(const orcus::sax_ns_parser_element&) {}
  AttributeList attributes;
};

template <typename Handler>
void ParseXml(const std::string& xml, Handler& handler) {
  orcus::xmlns_repository repository;
  orcus::xmlns_context context = repository.create_context();
  orcus::sax_ns_parser<Handler> parser(xml.data(), xml.size(), context, handler);
  parser.parse();
}

/// xl/workbook.xml's sheets (r:id in order) and xl/_rels/workbook.xml.rels' targets, to find a sheet's member.
struct WorkbookParts : SaxHandler {
  void start_element(const orcus::sax_ns_parser_element& element) {
    const auto a = attributes.Take();
    if (element.name == "sheet" && sheet_ids.size() < 1024) sheet_ids.push_back(Get(a, "id"));
    if (element.name == "Relationship" && targets.size() < 4096) targets[Get(a, "Id")] = Get(a, "Target");
  }
  std::vector<std::string> sheet_ids;
  std::map<std::string, std::string> targets;
};

/// The cells liborcus 0.17's xlsx filter drops: inline strings (t="inlineStr"), string cells without a formula
/// (t="str") and ISO 8601 dates (t="d", ECMA-376 part 1, 18.18.11). Fills only cells left empty.
class XlsxCellsOrcusDrops : public SaxHandler {
 public:
  explicit XlsxCellsOrcusDrops(CellStore& store) : m_store(store) {}

  void start_element(const orcus::sax_ns_parser_element& element) {
    const auto a = attributes.Take();
    const std::string_view name = element.name;
    if (name == "row") {
      const std::string r = Get(a, "r");
      m_row = r.empty() ? m_row + 1 : Count(r, m_row + 2) - 1;
      m_column = -1;
    } else if (name == "c") {
      const std::string r = Get(a, "r");
      if (r.empty()) {
        ++m_column;
      } else {
        const ss::src_address_t address = m_resolver.resolve_address(r);
        m_row = address.row, m_column = address.column;
      }
      m_type = Get(a, "t");
      m_text.clear();
      m_has_formula = false;
      m_in_text = false;
    } else if (name == "f") {
      m_has_formula = true;
    } else if (name == "rPh") {
      ++m_skip;
    } else if ((name == "t" && m_type == "inlineStr") || (name == "v" && m_type != "inlineStr")) {
      m_in_text = m_skip == 0;
    }
  }
  void end_element(const orcus::sax_ns_parser_element& element) {
    const std::string_view name = element.name;
    if (name == "rPh") {
      --m_skip;
    } else if (name == "t" || name == "v") {
      m_in_text = false;
    } else if (name == "c") {
      const TableCell* existing = m_store.Find(m_row, m_column);
      if (existing != nullptr && existing->type != CellType::Empty) return;
      TableCell cell;
      if (m_type == "inlineStr" || (m_type == "str" && !m_has_formula)) {
        cell = TableCell{CellType::Text, m_text, 0};
      } else if (m_type == "d" && !ParseOdsDate(m_text, cell.type, cell.number)) {
        cell = TableCell{CellType::Text, m_text, 0};
      }
      if (cell.type != CellType::Empty) m_store.Put(m_row, m_column, std::move(cell));
    }
  }
  void characters(std::string_view value, bool) {
    if (!m_in_text) return;
    m_store.CheckCellBytes(m_row, m_column, m_text.size() + value.size());
    m_text.append(value);
  }

 private:
  CellStore& m_store;
  ReferenceResolver m_resolver;
  long long m_row = -1, m_column = -1;
  std::string m_type, m_text;
  bool m_has_formula = false, m_in_text = false;
  int m_skip = 0;
};

/// Reads the kept sheet's member again for the cells liborcus dropped, when it has any.
void ReadXlsxCellsOrcusDrops(ZipArchive& zip, const Table& table, CellStore& store) {
  const auto kept = std::find(table.sheet_names.begin(), table.sheet_names.end(), table.sheet);
  if (kept == table.sheet_names.end()) return;
  WorkbookParts parts;
  ParseXml(zip.Read("xl/workbook.xml", kMaxWorkbookUnzippedBytes), parts);
  ParseXml(zip.Read("xl/_rels/workbook.xml.rels", kMaxWorkbookUnzippedBytes), parts);
  const std::size_t index = static_cast<std::size_t>(kept - table.sheet_names.begin());
  if (index >= parts.sheet_ids.size()) return;
  std::string target = parts.targets[parts.sheet_ids[index]];
  if (target.starts_with("/"))
    target.erase(0, 1);
  else
    target = "xl/" + target;
  if (!zip.Has(target)) return;
  const std::string xml = zip.Read(target, kMaxWorkbookUnzippedBytes);
  if (xml.find("inlineStr") == std::string::npos && xml.find("t=\"str\"") == std::string::npos &&
      xml.find("t=\"d\"") == std::string::npos)
    return;
  XlsxCellsOrcusDrops handler(store);
  ParseXml(xml, handler);
}

[[noreturn]] void UnknownSheet(const Table& table, const std::string& wanted) {
  std::string names;
  for (const std::string& name : table.sheet_names) names += (names.empty() ? "'" : ", '") + name + "'";
  throw ImportError(table.source,
                    "no sheet named '" + wanted + "'; the sheets are " + (names.empty() ? "none" : names));
}

}  // namespace

Table ReadSpreadsheetTable(std::string_view bytes, const TableReadOptions& options) {
  Table table;
  table.kind = Table::Kind::Spreadsheet;
  table.source = options.source_name.empty() ? "<input>" : options.source_name;
  ZipArchive zip(bytes, table.source);
  const ZipCheck check = zip.Check();
  if (check.xlsx && !check.ods) CheckCentralDirectoryAsOrcusReadsIt(bytes, table.source);
  zip.VerifyMembers();
  CellStore store(table.source);
  double date_offset = 0;
  std::function<CellType(std::size_t)> kind_of_format = [](std::size_t) { return CellType::Number; };
  std::unique_ptr<XlsxFactory> factory;
  try {
    if (check.ods) {
      std::string content = zip.Read("content.xml", kMaxWorkbookUnzippedBytes);
      orcus::xmlns_repository repository;
      orcus::xmlns_context context = repository.create_context();
      OdsContentHandler handler(store, options.sheet, table);
      orcus::sax_ns_parser<OdsContentHandler> parser(content.data(), content.size(), context, handler);
      parser.parse();
    } else if (check.xlsx) {
      factory = std::make_unique<XlsxFactory>(store, options.sheet, table);
      orcus::orcus_xlsx filter(factory.get());
      filter.read_stream(bytes);
      date_offset = factory->DateOffset();
      ReadXlsxCellsOrcusDrops(zip, table, store);
      kind_of_format = [&factory](std::size_t xf) { return factory->KindOfXf(xf); };
    } else {
      throw ImportError(table.source,
                        "a ZIP archive that is not an xlsx workbook (no xl/workbook.xml) nor an ods one (no "
                        "mimetype application/vnd.oasis.opendocument.spreadsheet)");
    }
  } catch (const ImportError&) {
    throw;
  } catch (const std::exception& error) {
    throw ImportError(table.source, std::string("not a readable ") + (check.ods ? "ods" : "xlsx") +
                                        " workbook (liborcus: " + error.what() + ")");
  }
  if (table.sheet.empty() && !options.sheet.empty()) UnknownSheet(table, options.sheet);
  if (table.sheet_names.empty()) throw ImportError(table.source, "the workbook holds no sheet");
  store.Finish(table, date_offset, kind_of_format);
  return table;
}

}  // namespace kiosk
