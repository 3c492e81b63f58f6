// Reading registration platforms' CSV exports into registrants (issue 4 section 1).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/Diagnostics.h"
#include "kiosk/core/Model.h"
#include "kiosk/core/Registrant.h"
#include "kiosk/importers/Table.h"
#include "kiosk/importers/TableMapping.h"

namespace kiosk {

/// The exports we read, told apart by their header row.
enum class RegistrantFormat {
  Pretix,      ///< pretix check-in list CSV, French or English headers (../shared/corpus/SOURCES.md)
  Eventbrite,  ///< Eventbrite attendee report ("Order #", "First Name", "Last Name", …)
  Sheet,       ///< the organizer's plain sheet (order code, first name, last name, organisation, e-mail, category,
               ///< country, days, programme), French or English headers
};
std::string_view RegistrantFormatName(RegistrantFormat format);  ///< "pretix", "eventbrite", "sheet"

struct RegistrantImportOptions {
  std::string source_name;                   ///< used in messages ("registrants.csv")
  std::string time_zone{kDefaultVenueZone};  ///< venue zone for the days and programme times of the sheet
  /// The organizer's word on the sheet (kioskctl registrant import --sheet, --column ROLE=HEADER, --map): `sheet`
  /// picks a workbook's sheet; `columns` give headers a role, before the export's own names: order_code,
  /// first_name, last_name, full_name, organisation, email, category, country, days, programme, note, ticket_code,
  /// or ignored (an unknown role is an ImportError naming the header row).
  TableMapping table;
};

struct RegistrantImportResult {
  std::vector<Registrant> registrants;  ///< in file order, order codes canonical and unique
  RegistrantFormat format = RegistrantFormat::Sheet;
  std::vector<Warning> warnings;
};

/// Reads a CSV export with the programme CSV's handling: UTF-8 with or without BOM, Windows-1252 with a warning,
/// mixed encodings refused; ',' ';' or tab; quoted multi-line cells. Throws ImportError("file:line", …) for an
/// unknown header row, a row without order code or name, a repeated order code, a bad day or programme entry.
/// pretix lists one row per ticket: every pretix row, a single ticket too, becomes a registrant coded
/// PretixTicketCode(order, name, e-mail) ("ABC12-K3QF"), stable across re-exports in any row order and when the
/// order gains a ticket; two rows of one order with the same name and e-mail (PretixTicketCode's key) are one person
/// (an add-on product, a repeated row: kept once, with a warning); two persons of one order whose 4 characters
/// collide both get 8 (with a warning); two tickets still sharing a code is an error naming both lines. No warning
/// for a multi-ticket order. Eventbrite (one code per attendee) and the sheet refuse any repeated code and keep
/// codes as given. Columns, name splitting and the days / programme grammar of the sheet: see RegistrantImporter.cpp.
RegistrantImportResult ImportRegistrantsCsv(std::string_view bytes, const RegistrantImportOptions& options);

/// The registrant code of a pretix ticket: CanonicalOrderCode(order_code) + "-" + `length` (4, or 8 for two persons
/// of one order whose 4 collide) characters of pretix's alphabet "ABCDEFGHJKLMNPQRSTUVWXYZ3789": the base-28 digits,
/// least significant first, of the FNV-1a 64-bit hash (offset basis 0xcbf29ce484222325, prime 0x100000001b3) of the
/// UTF-8 bytes of MatchKey(first_name + " " + last_name) + "|" + email with ASCII letters lower-cased. Fixed forever:
/// check-in events are keyed by it ("ABC12", "Marie", "Dubois", "maire@ville-exemple.fr" gives "ABC12-HCZU", pinned
/// by the tests). A length other than 8 is taken as 4.
std::string PretixTicketCode(std::string_view order_code, std::string_view first_name, std::string_view last_name,
                             std::string_view email, int length = 4);

/// An xlsx or ods registrant export (a Table from ReadSpreadsheetTable), read as ImportRegistrantsCsv reads a CSV:
/// the header is the first row that is neither blank nor a "#" row, each cell is its text (TableCellText: a date
/// cell as YYYY-MM-DD, a whole number without decimals), messages name the sheet and row. Throws ImportError.
RegistrantImportResult ImportRegistrantsTable(const Table& table, const RegistrantImportOptions& options);

/// A cell as the registrant import reads it: Text as is, Number as written (else %.15g: a barcode 4006381333931
/// stays whole), Boolean "1"/"0", Date "YYYY-MM-DD", Time "HH:MM", DateTime "YYYY-MM-DD HH:MM" (minutes rounded).
std::string TableCellText(const TableCell& cell);

/// Reads the file and imports it; source_name defaults to the path; an xlsx or ods workbook (DetectTableFormat) is
/// read with ReadSpreadsheetTable (options.table.sheet) and ImportRegistrantsTable. Throws ImportError,
/// std::system_error.
RegistrantImportResult ImportRegistrantsFile(const std::filesystem::path& path, RegistrantImportOptions options);

/// Invented registrants for demonstrations and benchmarks, the same for the same seed on every machine (own PRNG,
/// not std distributions). RAICT-like: French local governments and those of the partner countries, categories,
/// names in French, Vietnamese, Armenian, Japanese and Arabic romanisations with particles, hyphens and accents.
/// `programme`, when not null, gives each registrant a few of its workshops and some a B2B meeting at a table.
/// Shape: `count` registrants (none when count <= 0); order codes unique, 5 characters of pretix's alphabet
/// "ABCDEFGHJKLMNPQRSTUVWXYZ3789" (longer beyond about 500 000 registrants); e-mails at example.org / example.fr;
/// days explicit (the programme's days, else 8 and 9 July 2026), most registrants every day; at least three
/// "Élodie" when count >= 50. 100 000 registrants take well under a second.
std::vector<Registrant> GenerateRegistrants(int count, std::uint64_t seed, const Programme* programme = nullptr);

/// Writes registrants as the plain sheet (UTF-8, ',' delimited, English headers), which ImportRegistrantsCsv reads
/// back to equal registrants. Times venue-local in `time_zone`. Columns: order_code, first_name, last_name,
/// organisation, email, category, country, days ("2026-07-08;2026-07-09"), programme (one entry a line,
/// "2026-07-08 10:00-11:30 Title @ Place"), note, and ticket_code ("CODE1;CODE2") when any registrant has ticket
/// codes. Throws std::invalid_argument for an unknown zone.
std::string RegistrantsToSheetCsv(const std::vector<Registrant>& registrants,
                                  const std::string& time_zone = std::string(kDefaultVenueZone));

}  // namespace kiosk
