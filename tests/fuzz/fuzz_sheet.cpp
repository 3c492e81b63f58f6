// libFuzzer target for the xlsx/ods reader (ReadSpreadsheetTable): any input either reads or throws ImportError,
// within the table bounds of Table.h; nothing else is allowed (run with -rss_limit_mb=512: memory stays bounded).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "kiosk/core/Diagnostics.h"
#include "kiosk/importers/Table.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
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
