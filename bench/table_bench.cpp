// Reading the organizers' tables (issue 13): the same 100 000-row registration sheet as CSV (the peer: the
// reader every release had), as an xlsx and as an ods (written by tests/SheetWriter.h, as the tests write them),
// each read with ReadTable and then imported as registrants. Prints times, the ratios to CSV, and peak RSS.
// Run: BUILD/bench/table_bench [ROWS]   (default 100000; invented names, fixed seed)

#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "kiosk/importers/RegistrantImporter.h"
#include "kiosk/importers/Table.h"
#include "tests/SheetWriter.h"

namespace {

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

double PeakRssMiB() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;
}

struct Timing {
  double read = 0;    ///< ReadTable, seconds
  double import = 0;  ///< the registrant import, reading included, seconds
  std::size_t rows = 0;
  std::size_t registrants = 0;
};

/// Best of three runs of reading `bytes` into a table, and of importing them (reading included).
Timing Measure(const std::string& bytes, const std::string& name) {
  Timing best{1e9, 1e9, 0, 0};
  for (int run = 0; run < 3; ++run) {
    auto start = std::chrono::steady_clock::now();
    const kiosk::Table table = kiosk::ReadTable(bytes, {name, ""});
    best.read = std::min(best.read, Seconds(start));
    best.rows = table.rows.size();
    // The import as `kioskctl registrants import` makes it: the CSV reader for a CSV, else the table read above.
    start = std::chrono::steady_clock::now();
    kiosk::RegistrantImportOptions options;
    options.source_name = name;
    const bool csv = kiosk::DetectTableFormat(bytes) == kiosk::TableFormat::Csv;
    const kiosk::RegistrantImportResult result =
        csv ? kiosk::ImportRegistrantsCsv(bytes, options)
            : kiosk::ImportRegistrantsTable(kiosk::ReadTable(bytes, {name, ""}), options);
    best.import = std::min(best.import, Seconds(start));
    best.registrants = result.registrants.size();
  }
  return best;
}

}  // namespace

int main(int argc, char** argv) {
  const int rows = argc > 1 ? std::atoi(argv[1]) : 100000;
  const std::vector<kiosk::Registrant> people = kiosk::GenerateRegistrants(rows, 2026);
  const std::string csv = kiosk::RegistrantsToSheetCsv(people);
  // The same sheet as a workbook: the CSV's header and cells, each a string.
  const kiosk::Table as_table = kiosk::ReadCsvTable(csv, {"people.csv", ""});
  kiosk::test::Sheet sheet{"Inscrits"};
  for (const kiosk::TableRow& row : as_table.rows)
    for (std::size_t c = 0; c < row.cells.size(); ++c)
      if (!row.cells[c].text.empty()) sheet.Set(row.number, static_cast<int>(c), row.cells[c].text);
  const std::string xlsx = kiosk::test::WriteXlsx({sheet});
  const std::string ods = kiosk::test::WriteOds({sheet});
  std::printf("%d invented registrants (seed 2026): CSV %.1f MB, xlsx %.1f MB, ods %.1f MB\n", rows, csv.size() / 1e6,
              xlsx.size() / 1e6, ods.size() / 1e6);

  const Timing c = Measure(csv, "people.csv");
  const Timing x = Measure(xlsx, "people.xlsx");
  const Timing o = Measure(ods, "people.ods");
  for (const auto& [name, t] : {std::pair{"csv ", c}, std::pair{"xlsx", x}, std::pair{"ods ", o}}) {
    std::printf("%s  read %7.0f ms (%.2fx csv)   import %7.0f ms (%.2fx csv)   %zu rows, %zu registrants\n", name,
                t.read * 1e3, t.read / c.read, t.import * 1e3, t.import / c.import, t.rows, t.registrants);
  }
  std::printf("peak RSS of the whole run: %.0f MiB\n", PeakRssMiB());
  return (c.registrants == x.registrants && x.registrants == o.registrants) ? 0 : 1;
}
