// The organizer's spreadsheet as CSV: the table of ReadCsvTable (CsvTable.cpp: decoding, delimiter, RFC 4180
// records) read as a programme by ImportProgrammeTable (ProgrammeTable.cpp: header, columns, days, times, zones).

#include <string_view>

#include "kiosk/importers/Importer.h"
#include "kiosk/importers/ProgrammeTable.h"
#include "kiosk/importers/Table.h"

namespace kiosk {

ImportResult ImportCsv(std::string_view bytes, const ImportOptions& options) {
  TableReadOptions read;
  read.source_name = options.source_name;
  return ImportProgrammeTable(ReadCsvTable(bytes, read), options);
}

}  // namespace kiosk
