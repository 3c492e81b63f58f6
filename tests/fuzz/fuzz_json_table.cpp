// libFuzzer target: arbitrary bytes through ReadJsonArrayTable (a JSON array of flat objects read as a table) and
// ParseTableMapping (the --map TOML file); only ImportError may come out, and the table stays within the bounds.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "kiosk/core/Diagnostics.h"
#include "kiosk/importers/Table.h"
#include "kiosk/importers/TableMapping.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  try {
    const kiosk::Table table = kiosk::ReadJsonArrayTable(bytes, {"fuzz.json", ""});
    if (table.rows.empty() || table.rows.size() > kiosk::kMaxTableRows + 1) std::abort();
    for (const kiosk::TableRow& row : table.rows) {
      if (row.cells.size() > kiosk::kMaxTableColumns) std::abort();
      for (const kiosk::TableCell& cell : row.cells) {
        if (cell.text.size() > kiosk::kMaxTableCellBytes) std::abort();
      }
    }
  } catch (const kiosk::ImportError&) {
    // Rejected input is the expected outcome; any other exception escapes and is reported as a crash.
  }
  try {
    kiosk::ParseTableMapping(bytes, "fuzz.toml");
  } catch (const kiosk::ImportError&) {
  }
  return 0;
}
