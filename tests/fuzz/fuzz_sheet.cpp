// libFuzzer target for the xlsx/ods reader (ReadSpreadsheetTable): any input either reads or throws ImportError,
// within the table bounds of Table.h; nothing else is allowed (run with -rss_limit_mb=512: memory stays bounded).
// Byte 0 picks the mode: 0, the rest is the workbook's bytes (hostile ZIPs); 1-5, the rest is one XML part of a
// small valid workbook (1 xl/worksheets/sheet1.xml, 2 xl/sharedStrings.xml, 3 xl/styles.xml, 4 xl/workbook.xml,
// 5 the ods content.xml), zipped with right CRCs so that the mutations reach liborcus's XML parsing.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "kiosk/core/Diagnostics.h"
#include "kiosk/importers/Table.h"
#include "tests/SheetWriter.h"

namespace {

std::string Workbook(std::uint8_t mode, std::string_view part) {
  kiosk::test::Sheet sheet{"Programme"};
  sheet.Set(1, 0, "Jour").Set(1, 1, "Horaire").SetDate(2, 0, 46211).SetTime(2, 1, 0.395833).Merge(2, 0, 3, 0);
  if (mode == 5) {
    auto members = kiosk::test::OdsMembers({sheet});
    for (auto& member : members)
      if (member.name == "content.xml") member.data = part;
    return kiosk::test::WriteZip(members);
  }
  const char* names[] = {"", "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/styles.xml", "xl/workbook.xml"};
  auto members = kiosk::test::XlsxMembers({sheet});
  for (auto& member : members)
    if (member.name == names[mode]) member.data = part;
  return kiosk::test::WriteZip(members);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view rest(reinterpret_cast<const char*>(data) + 1, size - 1);
  const std::uint8_t mode = data[0] % 6;
  const std::string bytes = mode == 0 ? std::string(rest) : Workbook(mode, rest);
  kiosk::TableReadOptions options;
  options.source_name = "fuzz.xlsx";
  try {
    const kiosk::Table table = kiosk::ReadSpreadsheetTable(bytes, options);
    if (table.rows.size() > kiosk::kMaxTableRows || table.sheet_names.empty()) std::abort();
    int previous = 0;
    for (const kiosk::TableRow& row : table.rows) {
      if (row.number <= previous || row.cells.size() > kiosk::kMaxTableColumns) std::abort();
      previous = row.number;
      for (const kiosk::TableCell& cell : row.cells)
        if (cell.text.size() > kiosk::kMaxTableCellBytes) std::abort();
    }
  } catch (const kiosk::ImportError&) {
    // Bad input, reported with a message: the expected outcome for most fuzz inputs.
  }
  return 0;
}
