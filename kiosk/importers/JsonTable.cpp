// A JSON array of flat objects read as a table (Table.h, ReadJsonArrayTable): one object a row, its keys the header.
// Read with nlohmann's SAX parser so that nesting and the bounds are refused as they come, before anything large or
// deep is built.

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>

#include <nlohmann/json.hpp>

#include "kiosk/core/Diagnostics.h"
#include "kiosk/importers/Table.h"

namespace kiosk {

namespace {

/// Most cells of the whole table, the empty ones that line a row up with the header included: what the text bound
/// allows at the size of a cell, so that objects with few keys among many cannot make the table large.
constexpr std::size_t kMaxJsonTableCells = kMaxTableBytes / sizeof(TableCell);

/// Builds the table event by event. Depth 0: outside the array; 1: in the array; 2: in an object; 3: in an array
/// value of an object (strings and numbers, joined).
class TableSax : public nlohmann::json_sax<nlohmann::json> {
 public:
  explicit TableSax(Table& table) : m_table(table) { m_table.rows.push_back(TableRow{0, {}}); }

  /// The error found, if any (the parser stops at it).
  std::optional<ImportError> error;

  bool null() override { return Scalar(TableCell{}, "null"); }
  bool boolean(bool value) override {
    return Scalar(TableCell{CellType::Boolean, value ? "true" : "false", value ? 1.0 : 0.0}, "true or false");
  }
  bool number_integer(number_integer_t value) override {
    return Scalar(TableCell{CellType::Number, std::to_string(value), static_cast<double>(value)}, "a number");
  }
  bool number_unsigned(number_unsigned_t value) override {
    return Scalar(TableCell{CellType::Number, std::to_string(value), static_cast<double>(value)}, "a number");
  }
  bool number_float(number_float_t value, const string_t& text) override {
    return Scalar(TableCell{CellType::Number, text, value}, "a number");
  }
  bool string(string_t& value) override {
    if (m_depth >= 2 && !CheckCell(value.size())) return false;
    return Scalar(TableCell{CellType::Text, std::move(value), 0}, "a string");
  }
  bool binary(binary_t&) override { return Scalar(TableCell{}, "binary"); }

  bool start_object(std::size_t) override {
    if (m_depth == 0) return NotAnArray("an object");
    if (m_depth == 1) {
      if (m_table.rows.size() - 1 >= kMaxTableRows) {
        return Fail(m_table.source,
                    "more than " + std::to_string(kMaxTableRows) + " objects (the most one table holds)");
      }
      m_table.rows.push_back(TableRow{static_cast<int>(m_table.rows.size()), {}});
      m_depth = 2;
      return true;
    }
    return Nested("an object");
  }
  bool end_object() override {
    m_depth = 1;
    return true;
  }
  bool key(string_t& key) override {
    const auto found = m_columns.find(key);
    if (found != m_columns.end()) {
      m_column = found->second;
      return true;
    }
    if (m_columns.size() >= kMaxTableColumns) {
      return Fail(m_table.Where(Row().number, m_columns.size(), key),
                  "more than " + std::to_string(kMaxTableColumns) + " different keys (the most columns of a table)");
    }
    if (key.size() > kMaxTableCellBytes) {
      return Fail(m_table.Where(Row().number),
                  "a key of more than " + std::to_string(kMaxTableCellBytes) + " bytes (the most one cell holds)");
    }
    if (!CheckCell(key.size())) return false;
    m_column = m_columns.size();
    m_columns.emplace(key, m_column);
    m_table.rows.front().cells.push_back(TableCell{CellType::Text, key, 0});
    return true;
  }
  bool start_array(std::size_t) override {
    if (m_depth == 0) {
      m_depth = 1;
      return true;
    }
    if (m_depth == 1) return NotAnObject("an array");
    if (m_depth == 2) {
      m_depth = 3;
      m_joined = TableCell{};
      return true;
    }
    return Nested("an array inside an array");
  }
  bool end_array() override {
    if (m_depth == 3) {
      m_depth = 2;
      return Put(std::move(m_joined));
    }
    m_depth = 0;
    return true;
  }

  bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& exception) override {
    std::string what = exception.what();
    // "[json.exception.parse_error.101] parse error at line 1, column 5: …": keep what follows the bracket.
    if (const std::size_t bracket = what.find("] "); what.rfind("[json.", 0) == 0 && bracket != std::string::npos) {
      what.erase(0, bracket + 2);
    }
    return Fail(m_table.source, "invalid JSON at byte " + std::to_string(position) + ": " + what);
  }

 private:
  TableRow& Row() { return m_table.rows.back(); }
  std::string Key() const { return m_table.rows.front().cells[m_column].text; }

  bool Fail(std::string where, std::string message) {
    error.emplace(std::move(where), std::move(message));
    return false;
  }
  bool NotAnArray(const char* what) {
    return Fail(m_table.source, std::string("the file is ") + what +
                                    ", not an array of objects (a JSON table is [ {…}, {…} ], one object a row)");
  }
  bool NotAnObject(const char* what) {
    return Fail(m_table.source + ": element " + std::to_string(m_table.rows.size()),
                std::string("is ") + what + ", not an object (a JSON table is [ {…}, {…} ], one object a row)");
  }
  bool Nested(const char* what) {
    return Fail(m_table.Where(Row().number, m_column, Key()),
                std::string("the value is ") + what +
                    ": a table's objects must be flat (a string, number, true/false, null, or a list of strings)");
  }

  /// The cell's text against the bounds of one cell and of the whole table.
  bool CheckCell(std::size_t bytes) {
    if (bytes > kMaxTableCellBytes) {
      return Fail(m_table.Where(Row().number, m_column, Key()),
                  "more than " + std::to_string(kMaxTableCellBytes) + " bytes in one cell");
    }
    m_bytes += bytes;
    if (m_bytes > kMaxTableBytes) {
      return Fail(m_table.source, "more than " + std::to_string(kMaxTableBytes) + " bytes of text in the table");
    }
    return true;
  }

  bool Scalar(TableCell cell, const char* what) {
    if (m_depth == 0) return NotAnArray(what);
    if (m_depth == 1) return NotAnObject(what);
    if (m_depth == 3) {
      if (cell.type == CellType::Empty) return true;  // a null in a list adds nothing
      const std::size_t joined = m_joined.text.size() + (m_joined.text.empty() ? 0 : 2) + cell.text.size();
      if (joined > kMaxTableCellBytes) return CheckCell(joined);
      if (!m_joined.text.empty()) m_joined.text += "; ";
      m_joined.text += cell.text;
      m_joined.type = CellType::Text;
      return true;
    }
    return Put(std::move(cell));
  }

  /// The value of the current key in the current row.
  bool Put(TableCell cell) {
    std::vector<TableCell>& cells = Row().cells;
    if (cells.size() <= m_column) {
      m_cells += m_column + 1 - cells.size();
      if (m_cells > kMaxJsonTableCells) {
        return Fail(m_table.source, "more than " + std::to_string(kMaxJsonTableCells) +
                                        " cells (objects times their keys) in the table");
      }
      cells.resize(m_column + 1);
    }
    cells[m_column] = std::move(cell);
    return true;
  }

  Table& m_table;
  int m_depth = 0;
  std::unordered_map<std::string, std::size_t> m_columns;
  std::size_t m_column = 0;
  TableCell m_joined;
  std::size_t m_bytes = 0;
  std::size_t m_cells = 0;
};

}  // namespace

Table ReadJsonArrayTable(std::string_view bytes, const TableReadOptions& options) {
  Table table;
  table.kind = Table::Kind::Json;
  table.source = options.source_name.empty() ? "<input>" : options.source_name;
  TableSax sax(table);
  const bool ok = nlohmann::json::sax_parse(bytes, &sax, nlohmann::json::input_format_t::json, true);
  if (sax.error) throw *sax.error;
  if (!ok) throw ImportError(table.source, "invalid JSON");
  return table;
}

}  // namespace kiosk
