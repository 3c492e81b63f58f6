// The registrant CSV import's reader, shared by RegistrantImporter.cpp (rows, names, days, programme, pretix ticket
// codes) and RegistrantColumns.cpp (the header row: format and columns). Internal to kiosk/importers.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "kiosk/core/VenueZone.h"
#include "kiosk/importers/CsvText.h"
#include "kiosk/importers/Importer.h"
#include "kiosk/importers/RegistrantImporter.h"
#include "kiosk/importers/Table.h"

namespace kiosk::registrant_import_detail {

/// The columns registrants are read from, whatever the format.
enum class Column {
  OrderCode,
  AltOrderCode,  ///< Eventbrite "Order #" when "Attendee #" is the order code
  FullName,
  FirstName,
  LastName,
  Organisation,
  Email,
  Category,
  Country,
  Days,
  Programme,
  Note,
  Attention,   ///< pretix "Requires special attention"
  Status,      ///< Eventbrite "Attendee Status"
  Secret,      ///< pretix "Secret": the ticket's own code (what its QR code holds), stable when a name is corrected
  TicketCode,  ///< Eventbrite "Barcode #", a sheet's "ticket code" / "code billet" / "code-barres": codes a desk scans
  Count
};
constexpr std::size_t kColumnCount = static_cast<std::size_t>(Column::Count);

/// Builds registrants from a table's rows.
class RegistrantImport {
 public:
  explicit RegistrantImport(const RegistrantImportOptions& options)
      : m_options(options), m_source(options.source_name.empty() ? std::string("<input>") : options.source_name) {}

  /// Imports a table (ReadCsvTable, ReadSpreadsheetTable), each row read as the record of its cells' text
  /// (TableCellText); messages name the line, or the sheet and row (Table::Where).
  RegistrantImportResult RunTable(const Table& table);

 private:
  std::string Where(int line) const { return m_table ? m_table->Where(line) : m_source + ":" + std::to_string(line); }
  [[noreturn]] void Fail(int line, std::string message) const { throw ImportError(Where(line), std::move(message)); }
  void Warn(int line, std::string message) { m_result.warnings.push_back(Warning{Where(line), std::move(message)}); }

  void ReadHeader(const CsvRecord& header);
  void ReadRow(const CsvRecord& row);
  /// pretix: keeps a row for CodePretixTickets, merging a row of the same person of the same order at once.
  void AddPretixTicket(int line, Registrant registrant, std::string secret);
  /// pretix: codes every row "ORDER-XXXX" (8 characters for persons of one order that collide on 4; file comment)
  /// and checks that the codes are unique.
  void CodePretixTickets();
  /// Every format: no ticket code names two registrants, nor another's order code (ImportError naming both lines).
  void CheckTicketCodes();
  std::string Cell(const CsvRecord& row, Column column);
  /// The trimmed cell, not normalised ("" when the column is absent or the row is short).
  std::string_view RawCell(const CsvRecord& row, Column column) const;
  /// ToNfc through a cache: organisations, categories, countries and programme entries repeat on many rows.
  std::string CachedNfc(std::string_view text);
  bool Has(Column column) const { return m_columns[static_cast<std::size_t>(column)].has_value(); }
  std::vector<Day> ParseDays(int line, const std::string& cell) const;
  /// The appointments of a programme cell as the file holds it (not trimmed: a trailing line break counts).
  std::vector<RegistrantAppointment> ParseProgramme(int line, std::string_view untrimmed);

  const Table* m_table = nullptr;  ///< RunTable: the table read
  const RegistrantImportOptions& m_options;
  std::string m_source;
  RegistrantImportResult m_result;
  std::size_t m_header_size = 0;
  std::array<std::optional<std::size_t>, kColumnCount> m_columns{};
  std::unordered_map<std::string, int> m_code_lines;  ///< canonical order code -> line (Eventbrite, sheet)
  /// pretix: canonical order code -> its rows (indices in m_result.registrants), in file order.
  std::unordered_map<std::string, std::vector<std::size_t>> m_order_rows;
  std::vector<int> m_lines;                ///< the line of each registrant (every format)
  std::vector<std::string> m_person_keys;  ///< pretix: the PretixPersonKey of each registrant
  std::vector<std::string> m_secrets;      ///< pretix: the ticket's Secret cell of each registrant ("" without one)
  std::unordered_map<std::string, std::string> m_nfc_cache;
  std::optional<VenueZone> m_zone;  ///< made on the first programme cell
};

}  // namespace kiosk::registrant_import_detail
