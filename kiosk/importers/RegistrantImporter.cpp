// Registration platforms' CSV exports -> registrants: pretix check-in list, Eventbrite attendee report, plain sheet.
//
// Format read by ImportRegistrantsCsv and ImportRegistrantsTable (xlsx, ods), both through a Table (Table.h):
// - CSV bytes read by ReadCsvTable (DecodeCsvBytes: UTF-8 with or without BOM, Windows-1252 with a warning, mixed
//   encodings refused; delimiter ',', ';' or tab; RFC 4180 cells); a workbook by ReadSpreadsheetTable (the sheet of
//   RegistrantImportOptions::table.sheet, else the first), its typed cells read as text by TableCellText.
// - The header is the mapping's header_row when given, else the first row that is neither blank nor a "#" comment
//   and has two non-empty cells or more (a title row above it is skipped), else the first such row.
// - Header names are compared by MatchKey (case, accents, punctuation and spacing ignored: "E-mail", "e_mail" and
//   "E‑MAIL" are one name; "Nom du participant : Prénom" and "Nom du participant: Prénom" too).
// - The format is told by the header:
//   pretix check-in list: order code + (attendee name or a name part or product). Columns (English / French as
//     pretix translates them; ../shared/corpus/SOURCES.md): Order code / Code de commande, Attendee name / Nom du
//     participant, "Attendee name: <part>" / "Nom du participant : <part>" (Given name / Prénom, Family name / Nom
//     de famille / Nom), Product / Produit (-> category), E-mail / E-Mail / Adresse mail du participant, Company /
//     Société / Entreprise, Country / Pays, Requires special attention / Nécessite une attention particulière,
//     Comment / Commentaire (-> note), Secret (the ticket's secret, what its QR code holds: a ticket code, and the
//     hash of PretixTicketCode below). Other columns (price, checked in, seat, questions…) are ignored silently. French
//     names checked against pretix's fr django.po ("Code de commande", "Nom du participant", "Produit", "Société",
//     "Pays", "E-Mail"); the others are plausible variants.
//   Eventbrite attendee report: "Order #" + First Name + Last Name + (Attendee # or Ticket Type or Attendee Status).
//     The order code is "Attendee #" when present (one order may hold several attendees), else "Order #". Ticket
//     Type -> category, Company, Email, Home Country. A row whose Attendee Status is Refunded, Cancelled / Canceled
//     or Deleted is skipped with a warning.
//   pretix tickets: a check-in list has one row per ticket (order position), so an order of several tickets repeats
//     its order code. An order of ONE ticket keeps its order code as printed (correcting the attendee's name or
//     e-mail in pretix never changes it). Each ticket of an order of several becomes "ORDER-XXXX"
//     (PretixTicketCode): XXXX are 4 characters of pretix's alphabet "ABCDEFGHJKLMNPQRSTUVWXYZ3789" taken from the
//     FNV-1a 64 hash of the ticket's Secret when the export has that column, else of MatchKey(first name + " " +
//     last name) + "|" + the e-mail with ASCII letters lower-cased. The code depends on the ticket alone, not on the
//     row order nor on the order's other tickets, so a re-export keeps every check-in with its person (check-in
//     events are keyed by this code). Limits: without a Secret column, correcting a name in an order of several
//     tickets gives that ticket a new code (the old one is withdrawn with its check-in); an order that goes from one
//     ticket to several moves its first attendee from "ORDER" to "ORDER-XXXX" the same way. Two rows of one order
//     with the same name + e-mail key are one person (an add-on product, or a repeated row): kept once, with a
//     warning. Two tickets of one order whose 4 characters collide (about 1 in 600 000 for a pair) are both coded
//     with 8 characters (the same hash; the first 4 unchanged), with a warning. Error: two tickets with one code
//     (8 characters colliding too; names both lines).
//   Plain sheet: order code and a name column (see kSheetAliases in RegistrantColumns.cpp for the English and French
//     names); unknown columns are ignored with a warning.
// - Ticket codes (Registrant::ticket_codes, issue 13): the codes a desk scans besides the order code. pretix: the
//   Secret; Eventbrite: "Barcode #"; the sheet: a column "ticket code" / "code billet" / "barcode" / "code-barres" /
//   "ticket secret" / "QR code" / "ticket number" / "numéro de billet" (kSheetAliases), several codes in one cell
//   separated by ';', '|' or line breaks. CanonicalOrderCode'd. A code two registrants share, or that is another
//   registrant's order code, is an error naming both lines.
// - Names: name parts win over a full name. A full name is split on its last word, taking with it the particles
//   before it (see kParticles: "Jan van der Berg" -> "Jan" / "van der Berg", "Anne de la Tour" -> "de la Tour",
//   "Yann Le Gall" -> "Le Gall", "Karim Ben Salah" -> "Ben Salah"); the first word always stays the first name. A
//   single word is the last name. Names written family name first (Vietnamese, Japanese…) cannot be told apart
//   and are split the same way: prefer name parts or the sheet for them.
// - Sheet days: ISO YYYY-MM-DD or DD/MM/YYYY, separated by ';' ',' '|' or white space; venue-local; sorted,
//   duplicates removed.
// - Sheet programme: entries separated by line breaks when the cell holds one (even a trailing one), else by ';'.
//   Each entry is "YYYY-MM-DD HH:MM[-HH:MM] Title[ @ Place]" (the last " @ " separates the place), venue-local time in
//   RegistrantImportOptions::time_zone; an end earlier on the clock than the start is on the next day. Sorted by
//   (start, end, title, place).
// - Every cell is trimmed and NFC-normalised; order codes are CanonicalOrderCode'd.
// Errors (ImportError "file:line", line of the record's first physical line): no header, unknown header, missing
// order code, no name, repeated order code (Eventbrite and sheet; names both lines; pretix: see above), bad day or
// programme entry, a row with more non-empty cells than the header.

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <utility>
#include <vector>

#include <date/date.h>

#include "kiosk/core/Fields.h"
#include "kiosk/core/Text.h"
#include "kiosk/core/VenueZone.h"
#include "kiosk/importers/CsvText.h"
#include "kiosk/importers/Importer.h"
#include "kiosk/importers/RegistrantImportInternal.h"
#include "kiosk/importers/RegistrantImporter.h"

namespace kiosk {
namespace {

/// Words that belong to the family name that follows them ("van der Berg", "Le Gall", "Ould Brahim"). Compared by
/// MatchKey, so "Le" and "le" are one.
constexpr std::array<std::string_view, 24> kParticles{"de",  "du",  "des",   "la",  "le",  "les", "van", "von",
                                                      "der", "den", "ter",   "ten", "da",  "das", "do",  "dos",
                                                      "di",  "del", "della", "ben", "bin", "el",  "al",  "ould"};

bool IsParticle(std::string_view word) {
  const std::string key = MatchKey(word);
  return std::find(kParticles.begin(), kParticles.end(), key) != kParticles.end();
}

/// Splits a full name into first and last name (rules in the file comment).
std::pair<std::string, std::string> SplitFullName(std::string_view name) {
  std::vector<std::string_view> words;
  std::size_t pos = 0;
  while (pos < name.size()) {
    const std::size_t begin = name.find_first_not_of(" \t\n", pos);
    if (begin == std::string_view::npos) break;
    std::size_t end = name.find_first_of(" \t\n", begin);
    if (end == std::string_view::npos) end = name.size();
    words.push_back(name.substr(begin, end - begin));
    pos = end;
  }
  if (words.empty()) return {};
  if (words.size() == 1) return {"", std::string(words[0])};
  std::size_t last_begin = words.size() - 1;
  while (last_begin > 1 && IsParticle(words[last_begin - 1])) --last_begin;
  const auto join = [&](std::size_t from, std::size_t to) {
    std::string text;
    for (std::size_t i = from; i < to; ++i) {
      if (!text.empty()) text += ' ';
      text += words[i];
    }
    return text;
  };
  return {join(0, last_begin), join(last_begin, words.size())};
}

/// "HH:MM" or "H:MM" as minutes since midnight (00:00 to 23:59, and 24:00 = 1440 when `end`: midnight ending the
/// day); nullopt when invalid.
std::optional<int> ParseHm(std::string_view text, bool end = false) {
  const auto colon = text.find(':');
  if (colon == std::string_view::npos || text.size() - colon - 1 != 2) return std::nullopt;
  const auto hours = ParseDigits(text.substr(0, colon), 2);
  const auto minutes = ParseDigits(text.substr(colon + 1), 2);
  if (end && hours == 24 && minutes == 0) return 24 * 60;
  if (!hours || !minutes || *hours > 23 || *minutes > 59) return std::nullopt;
  return *hours * 60 + *minutes;
}

/// Splits on any of `separators`, trimming pieces and dropping empty ones.
std::vector<std::string_view> SplitOn(std::string_view text, std::string_view separators) {
  std::vector<std::string_view> pieces;
  std::size_t begin = 0;
  while (begin <= text.size()) {
    std::size_t end = text.find_first_of(separators, begin);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view piece = Trim(text.substr(begin, end - begin));
    if (!piece.empty()) pieces.push_back(piece);
    begin = end + 1;
  }
  return pieces;
}

bool IsTruthy(std::string_view text) {
  const std::string key = MatchKey(text);
  return key == "yes" || key == "oui" || key == "true" || key == "vrai" || key == "1" || key == "x";
}

bool AppointmentBefore(const RegistrantAppointment& a, const RegistrantAppointment& b) {
  return std::tie(a.start, a.end, a.title, a.place) < std::tie(b.start, b.end, b.title, b.place);
}

/// pretix's order code alphabet: no 0 O 1 I 2 4 5 6, which are misread.
constexpr std::string_view kPretixAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ3789";

/// FNV-1a, 64 bits (Fowler, Noll, Vo; offset basis 0xcbf29ce484222325, prime 0x100000001b3): written out because
/// std::hash differs between standard libraries and releases, and a ticket code must never change.
std::uint64_t Fnv1a64(std::string_view bytes) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (const char c : bytes) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

/// Who a pretix ticket is for: MatchKey(first + " " + last) + "|" + the e-mail, ASCII letters lower-cased. The name
/// split does not matter ("Jan van" + "der Berg" and "Jan" + "van der Berg" are one key).
std::string PretixPersonKey(std::string_view first_name, std::string_view last_name, std::string_view email) {
  std::string key = MatchKey(std::string(first_name) + " " + std::string(last_name)) + "|";
  for (const char c : email) key += c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  return key;
}

/// `length` characters of kPretixAlphabet: the hash's base-28 digits, least significant first (28^8 < 2^64), so the
/// first 4 of the 8-character form are the 4-character form.
std::string TicketSuffix(std::uint64_t hash, int length) {
  std::string suffix;
  for (int i = 0; i < length; ++i) {
    suffix += kPretixAlphabet[hash % kPretixAlphabet.size()];
    hash /= kPretixAlphabet.size();
  }
  return suffix;
}

}  // namespace

namespace registrant_import_detail {

std::string RegistrantImport::CachedNfc(std::string_view text) {
  constexpr std::size_t kMaxCached = 1 << 16;
  const bool ascii = std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  if (ascii) return std::string(text);  // NFC already
  if (const auto found = m_nfc_cache.find(std::string(text)); found != m_nfc_cache.end()) return found->second;
  std::string nfc = ToNfc(text);
  if (m_nfc_cache.size() < kMaxCached) m_nfc_cache.emplace(std::string(text), nfc);
  return nfc;
}

std::vector<Day> RegistrantImport::ParseDays(int line, const std::string& cell) const {
  std::vector<Day> days;
  for (std::string_view piece : SplitOn(cell, ";,| \t\n")) {
    const auto day = ParseCsvDay(piece);
    if (!day) {
      const std::string problem = CsvDayProblem(piece);
      Fail(line, (problem.starts_with("out of range") ? problem : "unparseable day '" + std::string(piece) + "'") +
                     " in column days (YYYY-MM-DD or DD/MM/YYYY)");
    }
    days.push_back(*day);
  }
  std::sort(days.begin(), days.end());
  days.erase(std::unique(days.begin(), days.end()), days.end());
  return days;
}

std::vector<RegistrantAppointment> RegistrantImport::ParseProgramme(int line, std::string_view untrimmed) {
  std::vector<RegistrantAppointment> appointments;
  // A line break anywhere, even a trailing one, means one entry a line (a title may then hold ';').
  const bool by_line = untrimmed.find('\n') != std::string_view::npos;
  const std::string_view cell = Trim(untrimmed);
  if (cell.empty()) return appointments;
  if (!m_zone) {
    const std::string name = m_options.time_zone.empty() ? std::string(kDefaultVenueZone) : m_options.time_zone;
    try {
      m_zone.emplace(name);
    } catch (const std::exception&) {
      throw ImportError(m_source, "unknown time zone '" + name + "'");
    }
  }
  for (std::string_view entry : SplitOn(cell, by_line ? "\n" : ";")) {
    const auto bad = [&](std::string_view why) {
      Fail(line, "bad programme entry '" + ToNfc(entry) + "': " + std::string(why) +
                     " (expected 'YYYY-MM-DD HH:MM[-HH:MM] Title @ Place')");
    };
    const auto space = entry.find(' ');
    if (space == std::string_view::npos) bad("no time");
    const auto day = ParseCsvDay(entry.substr(0, space));
    if (!day) {
      const std::string problem = CsvDayProblem(entry.substr(0, space));
      bad(problem.starts_with("out of range") ? problem : "unparseable date");
    }
    std::string_view rest = Trim(entry.substr(space + 1));
    const auto time_end = rest.find(' ');
    const std::string_view times = rest.substr(0, time_end);
    std::string_view text = time_end == std::string_view::npos ? std::string_view{} : Trim(rest.substr(time_end));
    const auto dash = times.find('-');
    const auto start = ParseHm(times.substr(0, dash));
    if (!start && ParseHm(times.substr(0, dash), true) == 24 * 60)
      bad("24:00 is the end of a day, not a start (00:00 of the next day is)");
    if (!start) bad("unparseable start time");
    std::optional<int> end = start;
    if (dash != std::string_view::npos) {
      end = ParseHm(times.substr(dash + 1), true);
      if (!end) bad("unparseable end time");
    }
    RegistrantAppointment appointment;
    const date::local_seconds midnight{date::local_days{*day}};
    appointment.start = m_zone->ToInstant(midnight + std::chrono::minutes{*start});
    // An end earlier on the clock than the start is past midnight.
    const auto end_day = *end < *start ? date::days{1} : date::days{0};
    appointment.end = m_zone->ToInstant(midnight + end_day + std::chrono::minutes{*end});
    if (const auto at = text.rfind(" @ "); at != std::string_view::npos) {
      // Normalised piece by piece: NFC of the whole cell is the same, as the pieces split at ASCII characters
      // that compose with nothing.
      appointment.place = CachedNfc(Trim(text.substr(at + 3)));
      text = Trim(text.substr(0, at));
    }
    if (text.empty()) bad("no title");
    appointment.title = CachedNfc(text);
    appointments.push_back(std::move(appointment));
  }
  std::sort(appointments.begin(), appointments.end(), AppointmentBefore);
  return appointments;
}

void RegistrantImport::ReadRow(const CsvRecord& row) {
  for (std::size_t i = m_header_size; i < row.cells.size(); ++i) {
    if (!Trim(row.cells[i]).empty()) {
      Fail(row.line, "row has " + std::to_string(row.cells.size()) + " cells but the header has " +
                         std::to_string(m_header_size) + " (a delimiter in an unquoted cell?)");
    }
  }
  if (m_result.format == RegistrantFormat::Eventbrite) {
    const std::string status = MatchKey(Cell(row, Column::Status));
    if (status == "refunded" || status == "cancelled" || status == "canceled" || status == "deleted") {
      Warn(row.line, "attendee status '" + Cell(row, Column::Status) + "': skipped");
      return;
    }
  }
  Registrant registrant;
  registrant.order_code = CanonicalOrderCode(Cell(row, Column::OrderCode));
  // Eventbrite: an attendee without an attendee number is known by the order number.
  if (registrant.order_code.empty()) registrant.order_code = CanonicalOrderCode(Cell(row, Column::AltOrderCode));
  if (registrant.order_code.empty()) Fail(row.line, "no order code");
  if (auto problem = IdentifierProblem(FieldKind::OrderCode, registrant.order_code)) {
    Fail(row.line, "order code " + *problem);  // before any message quotes the code
  }
  registrant.first_name = Cell(row, Column::FirstName);
  registrant.last_name = Cell(row, Column::LastName);
  if (registrant.first_name.empty() && registrant.last_name.empty()) {
    std::tie(registrant.first_name, registrant.last_name) = SplitFullName(Cell(row, Column::FullName));
  }
  if (registrant.first_name.empty() && registrant.last_name.empty()) {
    Fail(row.line, "no name for order code " + registrant.order_code);
  }
  registrant.organisation = Cell(row, Column::Organisation);
  registrant.email = Cell(row, Column::Email);
  registrant.category = Cell(row, Column::Category);
  registrant.country = Cell(row, Column::Country);
  registrant.days = ParseDays(row.line, Cell(row, Column::Days));
  const auto programme_column = m_columns[static_cast<std::size_t>(Column::Programme)];
  if (programme_column && *programme_column < row.cells.size()) {
    registrant.appointments = ParseProgramme(row.line, row.cells[*programme_column]);
  }
  registrant.note = Cell(row, Column::Note);
  if (IsTruthy(Cell(row, Column::Attention))) {
    registrant.note = "Attention particulière / Special attention" +
                      (registrant.note.empty() ? std::string() : " ; " + registrant.note);
  }
  // Ticket codes: several in one cell, separated by ';', '|' or line breaks; pretix's Secret (what the ticket's QR code
  // holds) is one too.
  std::vector<std::string> codes;
  const std::string codes_cell = Cell(row, Column::TicketCode);
  for (std::string_view code : SplitOn(codes_cell, ";|\n")) codes.emplace_back(code);
  if (m_result.format == RegistrantFormat::Pretix && !RawCell(row, Column::Secret).empty()) {
    codes.emplace_back(RawCell(row, Column::Secret));
  }
  registrant.ticket_codes = CanonicalTicketCodes(codes, registrant.order_code);
  // Once, at the boundary: a control character in the order code refuses the file (it would add a code no scanner
  // can type and withdraw the real one); names and notes lose theirs, with a warning (issue 11 defect 4).
  CheckRegistrantFields(registrant, Where(row.line), m_result.warnings);
  if (m_result.format == RegistrantFormat::Pretix) {
    AddPretixTicket(row.line, std::move(registrant), std::string(RawCell(row, Column::Secret)));
    return;
  }
  const auto [it, inserted] = m_code_lines.emplace(registrant.order_code, row.line);
  if (!inserted) {
    Fail(row.line, "order code " + registrant.order_code + " repeats line " + std::to_string(it->second));
  }
  m_lines.push_back(row.line);
  m_result.registrants.push_back(std::move(registrant));
}

void RegistrantImport::AddPretixTicket(int line, Registrant registrant, std::string secret) {
  std::string key = PretixPersonKey(registrant.first_name, registrant.last_name, registrant.email);
  std::vector<std::size_t>& rows = m_order_rows[registrant.order_code];
  for (const std::size_t index : rows) {
    if (m_person_keys[index] == key) {
      // Its ticket (an add-on's own secret) still names the person.
      std::vector<std::string>& codes = m_result.registrants[index].ticket_codes;
      codes.insert(codes.end(), registrant.ticket_codes.begin(), registrant.ticket_codes.end());
      codes = CanonicalTicketCodes(codes, m_result.registrants[index].order_code);
      // An add-on product (lunch, a workshop seat) or a repeated export row: the same person, checked in once.
      Warn(line, "order " + registrant.order_code + ": the attendee of line " + std::to_string(m_lines[index]) +
                     " again (an add-on product or a repeated row): kept once");
      return;
    }
  }
  rows.push_back(m_result.registrants.size());
  m_lines.push_back(line);
  m_person_keys.push_back(std::move(key));
  m_secrets.push_back(std::move(secret));
  m_result.registrants.push_back(std::move(registrant));
}

void RegistrantImport::CodePretixTickets() {
  std::vector<Registrant>& registrants = m_result.registrants;
  std::vector<std::uint64_t> hashes(registrants.size());
  // The 4-character code -> its rows: more than one row is two persons of one order that collide.
  std::unordered_map<std::string, std::vector<std::size_t>> by_short_code;
  std::vector<std::string> short_codes(registrants.size());
  for (std::size_t i = 0; i < registrants.size(); ++i) {
    // The ticket's secret when the export has it (stable when a name or e-mail is corrected), else the person.
    hashes[i] = Fnv1a64(m_secrets[i].empty() ? m_person_keys[i] : "secret|" + m_secrets[i]);
    short_codes[i] = registrants[i].order_code + "-" + TicketSuffix(hashes[i], 4);
    by_short_code[short_codes[i]].push_back(i);
  }
  std::vector<std::string> orders(registrants.size());
  for (std::size_t i = 0; i < registrants.size(); ++i) {
    orders[i] = registrants[i].order_code;
    // An order of one ticket keeps its order code as printed: correcting the attendee's name must not change it.
    if (m_order_rows.at(orders[i]).size() == 1) continue;
    const std::vector<std::size_t>& rows = by_short_code.at(short_codes[i]);
    if (rows.size() < 2) {
      registrants[i].order_code = short_codes[i];
      continue;
    }
    if (rows.front() == i) {
      std::string lines;
      for (const std::size_t row : rows) lines += (lines.empty() ? "" : ", ") + std::to_string(m_lines[row]);
      Warn(m_lines[i], "order " + orders[i] + ": the attendees of lines " + lines + " would share the ticket code " +
                           short_codes[i] + ": coded with 8 characters");
    }
    registrants[i].order_code += "-" + TicketSuffix(hashes[i], 8);
  }
  // The suffix holds no '-', so codes of different orders differ: only two persons of one order whose 8 characters
  // collide too can clash.
  std::unordered_map<std::string_view, std::size_t> seen;
  for (std::size_t i = 0; i < registrants.size(); ++i) {
    const auto [it, inserted] = seen.emplace(registrants[i].order_code, i);
    if (inserted) continue;
    Fail(m_lines[i], "order " + orders[i] + ": the attendee of this line and that of line " +
                         std::to_string(m_lines[it->second]) + " get the same ticket code " +
                         registrants[i].order_code + " (change one's e-mail)");
  }
}

RegistrantImportResult RegistrantImport::RunTable(const Table& table) {
  m_table = &table;
  m_result.warnings = table.warnings;
  auto record = [](const TableRow& row) {
    CsvRecord converted;
    converted.line = row.number;
    for (const TableCell& cell : row.cells) converted.cells.push_back(TableCellText(cell));
    while (!converted.cells.empty() && Trim(converted.cells.back()).empty()) converted.cells.pop_back();
    return converted;
  };
  auto blank = [](const CsvRecord& row) {
    return std::all_of(row.cells.begin(), row.cells.end(), [](const std::string& cell) { return Trim(cell).empty(); });
  };
  // The header: the mapping's row when it names one; else the first row that is neither blank nor a "#" comment and
  // has two cells or more (a title row above it, "RAICT 2026 - inscriptions", has one); else the first such row.
  std::vector<CsvRecord> rows;
  rows.reserve(table.rows.size());
  for (const TableRow& row : table.rows) rows.push_back(record(row));
  std::optional<std::size_t> header, fallback;
  for (std::size_t i = 0; i < rows.size() && !header; ++i) {
    if (m_options.table.header_row > 0) {
      if (rows[i].line == m_options.table.header_row) header = i;
      continue;
    }
    if (blank(rows[i]) || Trim(rows[i].cells.front()).starts_with("#")) continue;
    if (!fallback) fallback = i;
    const auto filled = std::count_if(rows[i].cells.begin(), rows[i].cells.end(),
                                      [](const std::string& cell) { return !Trim(cell).empty(); });
    if (filled >= 2) header = i;
  }
  if (!header) header = fallback;
  if (!header) {
    throw ImportError(table.Where(m_options.table.header_row > 0 ? m_options.table.header_row : 1),
                      m_options.table.header_row > 0 ? "no such header row" : "no header line (empty file?)");
  }
  ReadHeader(rows[*header]);
  for (std::size_t i = *header + 1; i < rows.size(); ++i) {
    if (!blank(rows[i])) ReadRow(rows[i]);
  }
  if (m_result.format == RegistrantFormat::Pretix) CodePretixTickets();
  CheckTicketCodes();
  return std::move(m_result);
}

void RegistrantImport::CheckTicketCodes() {
  std::unordered_map<std::string_view, std::size_t> order_codes;
  for (std::size_t i = 0; i < m_result.registrants.size(); ++i)
    order_codes.emplace(m_result.registrants[i].order_code, i);
  std::unordered_map<std::string, std::size_t> owners;
  for (std::size_t i = 0; i < m_result.registrants.size(); ++i) {
    Registrant& registrant = m_result.registrants[i];
    registrant.ticket_codes = CanonicalTicketCodes(registrant.ticket_codes, registrant.order_code);
    for (const std::string& code : registrant.ticket_codes) {
      if (const auto other = order_codes.find(code); other != order_codes.end()) {
        Fail(m_lines[i], "ticket code " + code + " is the order code of line " +
                             std::to_string(m_lines[other->second]) + " (" +
                             m_result.registrants[other->second].order_code + ")");
      }
      const auto [it, inserted] = owners.emplace(code, i);
      if (!inserted) {
        Fail(m_lines[i], "ticket code " + code + " of order code " + registrant.order_code + " is also that of line " +
                             std::to_string(m_lines[it->second]) + " (order code " +
                             m_result.registrants[it->second].order_code + ")");
      }
    }
  }
}

}  // namespace registrant_import_detail

using registrant_import_detail::RegistrantImport;

std::string_view RegistrantFormatName(RegistrantFormat format) {
  switch (format) {
    case RegistrantFormat::Pretix:
      return "pretix";
    case RegistrantFormat::Eventbrite:
      return "eventbrite";
    case RegistrantFormat::Sheet:
      return "sheet";
  }
  return "?";
}

RegistrantImportResult ImportRegistrantsCsv(std::string_view bytes, const RegistrantImportOptions& options) {
  // Through the table every format shares (ReadCsvTable: DecodeCsvBytes, RFC 4180 records by physical line).
  TableReadOptions read;
  read.source_name = options.source_name;
  return ImportRegistrantsTable(ReadCsvTable(bytes, read), options);
}

std::string PretixTicketCode(std::string_view order_code, std::string_view first_name, std::string_view last_name,
                             std::string_view email, int length) {
  return CanonicalOrderCode(order_code) + "-" +
         TicketSuffix(Fnv1a64(PretixPersonKey(first_name, last_name, email)), length == 8 ? 8 : 4);
}

RegistrantImportResult ImportRegistrantsTable(const Table& table, const RegistrantImportOptions& options) {
  return RegistrantImport(options).RunTable(table);
}

std::string TableCellText(const TableCell& cell) {
  char buffer[40];
  const auto day_of = [](double serial) {
    return date::year_month_day{date::sys_days{date::year{1899} / 12 / 30} +
                                date::days{static_cast<int>(std::floor(serial))}};
  };
  const auto minutes_of = [](double fraction) {
    return static_cast<int>(std::lround((fraction - std::floor(fraction)) * 24 * 60)) % (24 * 60);
  };
  switch (cell.type) {
    case CellType::Empty:
      return {};
    case CellType::Text:
      return cell.text;
    case CellType::Number:
      if (!cell.text.empty()) return cell.text;
      std::snprintf(buffer, sizeof buffer, "%.15g", cell.number);
      return buffer;
    case CellType::Boolean:
      return cell.number != 0 ? "1" : "0";
    case CellType::Date:
      return FormatDay(day_of(cell.number + 1e-9));
    case CellType::Time: {
      const int minutes = minutes_of(cell.number);
      std::snprintf(buffer, sizeof buffer, "%02d:%02d", minutes / 60, minutes % 60);
      return buffer;
    }
    case CellType::DateTime: {
      // Rounded to the minute first, so 09:59:59.99 of float noise is 10:00 of the same day.
      const double rounded = std::round(cell.number * 24 * 60) / (24 * 60);
      const int minutes = minutes_of(rounded + 1e-9);
      std::snprintf(buffer, sizeof buffer, " %02d:%02d", minutes / 60, minutes % 60);
      return FormatDay(day_of(rounded + 1e-9)) + buffer;
    }
  }
  return cell.text;
}

RegistrantImportResult ImportRegistrantsFile(const std::filesystem::path& path, RegistrantImportOptions options) {
  if (options.source_name.empty()) options.source_name = path.string();
  const std::string bytes = ReadSourceFile(path);
  const TableFormat format = DetectTableFormat(bytes);
  if (format == TableFormat::Xlsx || format == TableFormat::Ods) {
    TableReadOptions read;
    read.source_name = options.source_name;
    read.sheet = options.table.sheet;
    return ImportRegistrantsTable(ReadSpreadsheetTable(bytes, read), options);
  }
  return ImportRegistrantsCsv(bytes, options);
}

}  // namespace kiosk
