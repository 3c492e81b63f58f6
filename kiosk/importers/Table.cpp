// Table positions as messages name them (Table.h).

#include "kiosk/importers/Table.h"

#include <string>

namespace kiosk {

bool TableCell::Blank() const {
  if (type == CellType::Empty) return true;
  return type == CellType::Text && text.find_first_not_of(" \t\r\n") == std::string::npos;
}

std::string ColumnLetters(std::size_t column) {
  std::string letters;
  std::size_t n = column + 1;  // bijective base 26: A..Z, AA..
  while (n > 0) {
    const std::size_t digit = (n - 1) % 26;
    letters.insert(letters.begin(), static_cast<char>('A' + digit));
    n = (n - 1) / 26;
  }
  return letters;
}

std::string Table::Where(int row_number) const {
  switch (kind) {
    case Kind::Csv:
      return source + ":" + std::to_string(row_number);
    case Kind::Spreadsheet:
      return source + ", sheet '" + sheet + "', row " + std::to_string(row_number);
    case Kind::Json:
      return row_number == 0 ? source : source + ": object " + std::to_string(row_number);
  }
  return source;
}

std::string Table::Where(int row_number, std::size_t column, std::string_view header) const {
  switch (kind) {
    case Kind::Csv:
      return Where(row_number);
    case Kind::Spreadsheet: {
      std::string where = Where(row_number) + ", column " + ColumnLetters(column);
      if (!header.empty()) where += " (" + std::string(header) + ")";
      return where;
    }
    case Kind::Json:
      return Where(row_number) + ", key '" + std::string(header) + "'";
  }
  return source;
}

}  // namespace kiosk
