// Which table reader a file's bytes go to (Table.h).

#include <string_view>

#include "kiosk/importers/Table.h"

namespace kiosk {

TableFormat DetectTableFormat(std::string_view bytes) {
  if (bytes.starts_with("PK\x03\x04")) {
    // OpenDocument puts an uncompressed "mimetype" member first (ODF 1.2 part 3, section 3.3); an xlsx has
    // xl/workbook.xml somewhere among its member names.
    if (bytes.substr(0, 200).find("application/vnd.oasis.opendocument.spreadsheet") != std::string_view::npos)
      return TableFormat::Ods;
    return TableFormat::Xlsx;  // any other ZIP: the xlsx reader names what it is not
  }
  std::string_view text = bytes;
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first != std::string_view::npos && text[first] == '[') return TableFormat::JsonArray;
  return TableFormat::Csv;
}

Table ReadTable(std::string_view bytes, const TableReadOptions& options) {
  switch (DetectTableFormat(bytes)) {
    case TableFormat::Xlsx:
    case TableFormat::Ods:
      return ReadSpreadsheetTable(bytes, options);
    case TableFormat::JsonArray:
      return ReadJsonArrayTable(bytes, options);
    case TableFormat::Csv:
      break;
  }
  return ReadCsvTable(bytes, options);
}

}  // namespace kiosk
