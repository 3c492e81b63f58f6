// kioskctl's check-in desk commands (issue 4): registrants import | generate | search | pin, checkin, checkins export.
// They run the same code as the desk (RegistrantStore), on the registrant store, never on the schedule store.
#include <termios.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <set>
#include <sstream>
#include <string>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "kiosk/core/Text.h"
#include "kiosk/core/VenueZone.h"
#include "kiosk/importers/Importer.h"
#include "kiosk/importers/RegistrantImporter.h"
#include "kiosk/importers/TableMapping.h"
#include "kiosk/store/RegistrantStore.h"
#include "tools/kioskctl/Commands.h"

namespace kiosk::ctl {
namespace {

constexpr int kExitAlreadyCheckedIn = 3;

struct RegistrantOptions {
  std::string people;
  std::string tz{kiosk::kDefaultVenueZone};
  std::string file;
  std::string query;
  std::string code;
  std::string desk;
  std::string programme;
  std::string out;
  std::string sheet;                 ///< registrants import --sheet
  std::vector<std::string> columns;  ///< registrants import --column ROLE=HEADER
  std::string map;                   ///< registrants import --map FILE.toml
  int count = 400;
  std::uint64_t seed = 2026;
  int limit = 20;
  bool json = false;
  bool csv = false;
  bool undo = false;
  bool withdraw_missing = false;
};

std::filesystem::path PeoplePath(const RegistrantOptions& options) {
  return options.people.empty() ? DefaultRegistrantStorePath() : std::filesystem::path(options.people);
}

VenueZone ZoneOf(const RegistrantOptions& options) {
  try {
    return VenueZone(options.tz);
  } catch (const std::invalid_argument& error) {
    throw InvalidInput(std::string("--tz: ") + error.what());
  }
}

/// "ms since the epoch" as a UTC instant in seconds.
Instant ToInstant(EventTime at) { return std::chrono::time_point_cast<std::chrono::seconds>(at); }

/// 2026-07-08T10:02:07.123Z
std::string FormatEventUtc(EventTime at) {
  const auto ms = at.time_since_epoch().count() % 1000;
  std::string text = FormatUtc(ToInstant(at));  // 2026-07-08T10:02:07Z
  char fraction[8];
  std::snprintf(fraction, sizeof fraction, ".%03lld", static_cast<long long>(ms < 0 ? ms + 1000 : ms));
  text.insert(text.size() - 1, fraction);
  return text;
}

/// Now for a check-in's time: the rehearsal clock (--now) read in the venue zone, else the system clock in ms.
EventTime NowMs(const VenueZone& zone) {
  const Clock& clock = CommandClock(zone);
  if (dynamic_cast<const SystemClock*>(&clock))
    return std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
  return clock.Now();
}

/// "Élodie MARCHETTI (Ville de Lyon, élu·e)".
std::string Describe(const Registrant& registrant) {
  std::string text = registrant.first_name;
  if (!registrant.last_name.empty()) text += (text.empty() ? "" : " ") + registrant.last_name;
  std::string details = registrant.organisation;
  if (!registrant.category.empty()) details += (details.empty() ? "" : ", ") + registrant.category;
  if (!details.empty()) text += " (" + details + ")";
  return text;
}

/// "10:02 (2026-07-08) at desk B".
std::string DescribeCheckin(const CheckinEvent& event, const VenueZone& zone) {
  const Instant at = ToInstant(event.at);
  // Printable: a store written before desk names were checked may hold a terminal's escape codes in one.
  return zone.FormatHm(at) + " (" + zone.FormatIso(at).substr(0, 10) + ") at desk " + Printable(event.desk);
}

nlohmann::json HitToJson(const RegistrantHit& hit, const VenueZone& zone) {
  const Registrant& r = hit.registrant;
  nlohmann::json out = {{"order_code", r.order_code},
                        {"first_name", r.first_name},
                        {"last_name", r.last_name},
                        {"organisation", r.organisation},
                        {"email", r.email},
                        {"category", r.category},
                        {"country", r.country},
                        {"checked_in", hit.status.checked_in},
                        {"checked_in_at", nullptr},
                        {"checked_in_desk", nullptr},
                        {"check_ins", hit.status.active.size()},
                        {"withdrawn", hit.withdrawn},
                        {"exact_code", hit.exact_code}};
  if (hit.status.first) {
    out["checked_in_at"] = zone.FormatIso(ToInstant(hit.status.first->at));
    out["checked_in_desk"] = hit.status.first->desk;
  }
  if (hit.status.active.size() > 1) {
    out["last_checked_in_at"] = zone.FormatIso(ToInstant(hit.status.active.back().at));
    out["last_checked_in_desk"] = hit.status.active.back().desk;
  }
  return out;
}

/// One line per registrant: "K7Q2A  Élodie MARCHETTI (Ville de Lyon, élu·e)  checked in 10:02 (…) at desk B".
std::string HitToText(const RegistrantHit& hit, const VenueZone& zone) {
  std::string line = hit.registrant.order_code + "  " + Describe(hit.registrant);
  if (hit.status.checked_in) {
    // Bounded whatever the hub merged: the first, the last and how many (issue 11, defect 6).
    line += "  checked in " + DescribeCheckin(*hit.status.first, zone);
    const std::size_t times = hit.status.active.size();
    if (times == 2) line += ", and again " + DescribeCheckin(hit.status.active.back(), zone);
    if (times > 2)
      line +=
          ", " + std::to_string(times) + " times in all, the last " + DescribeCheckin(hit.status.active.back(), zone);
  } else {
    line += "  expected";
  }
  if (hit.withdrawn) line += "  (not in the latest import)";
  return line;
}

int Import(const RegistrantOptions& options) {
  RegistrantImportOptions import_options;
  import_options.source_name = options.file;
  import_options.time_zone = ZoneOf(options).Name();
  try {  // the organizer's word on the sheet: a mapping file, then --sheet and --column over it
    if (!options.map.empty()) {
      import_options.table = ReadTableMappingFile(options.map);
      if (!import_options.table.purpose.empty() && import_options.table.purpose != "registrants") {
        throw InvalidInput(options.map + ": a mapping for a " + import_options.table.purpose +
                           " import, not for registrants");
      }
    }
    if (!options.sheet.empty()) import_options.table.sheet = options.sheet;
    for (const std::string& column : options.columns) AddColumnOption(import_options.table, column);
  } catch (const ImportError& error) {
    throw InvalidInput(error.what());
  } catch (const std::invalid_argument& error) {
    throw InvalidInput(error.what());
  }
  RegistrantImportResult result;
  try {
    result = ImportRegistrantsFile(options.file, import_options);
  } catch (const ImportError& error) {
    throw InvalidInput(error.what());
  }
  if (result.registrants.empty()) throw InvalidInput(options.file + ": no registrant in the file");
  RegistrantStore store(PeoplePath(options));
  // A partial file (one sheet of several, an export filtered by product) would withdraw everyone else.
  std::set<std::string> incoming;
  for (const Registrant& registrant : result.registrants) incoming.insert(registrant.order_code);
  std::size_t current = 0, missing = 0;
  for (const RegistrantHit& hit : store.All()) {
    if (hit.withdrawn) continue;
    ++current;
    missing += !incoming.contains(hit.registrant.order_code);
  }
  if (!options.withdraw_missing && missing > 5 && missing * 2 > current) {
    throw InvalidInput(options.file + " leaves out " + std::to_string(missing) + " of the " + std::to_string(current) +
                       " registrants in " + store.Path().string() +
                       ": importing it would withdraw them (kept with their check-ins, no longer expected). If the "
                       "file is the whole list, run again with --withdraw-missing");
  }
  const RegistrantImportSummary summary = store.Import(result.registrants, options.file);
  std::cout << "registrants: " << result.registrants.size() << " read (" << RegistrantFormatName(result.format) << "), "
            << summary.added << " added, " << summary.updated << " updated, " << summary.unchanged << " unchanged, "
            << summary.withdrawn << " withdrawn (kept with their check-ins); list revision " << summary.revision
            << "\n";
  for (const Warning& warning : result.warnings) std::cout << "warning: " << warning.ToString() << "\n";
  return kExitOk;
}

int Generate(const RegistrantOptions& options) {
  if (options.count < 1 || options.count > 1'000'000) throw InvalidInput("--count: expected 1 to 1000000");
  std::optional<ImportResult> programme;
  if (!options.programme.empty()) {
    try {
      programme = ImportFile(options.programme, ImportOptions{});
    } catch (const ImportError& error) {
      throw InvalidInput(error.what());
    }
  }
  const std::vector<Registrant> registrants =
      GenerateRegistrants(options.count, options.seed, programme ? &programme->programme : nullptr);
  const std::string csv = RegistrantsToSheetCsv(registrants, ZoneOf(options).Name());
  if (options.out.empty() || options.out == "-") {
    std::cout << csv;
  } else {
    std::ofstream out(options.out, std::ios::binary | std::ios::trunc);
    out << csv;
    out.close();
    if (!out) throw std::runtime_error("cannot write " + options.out);
    std::cerr << "wrote " << registrants.size() << " invented registrants (seed " << options.seed << ") to "
              << options.out << "\n";
  }
  return kExitOk;
}

int Search(const RegistrantOptions& options) {
  const VenueZone zone = ZoneOf(options);
  RegistrantStore store(PeoplePath(options), RegistrantStore::Mode::ReadOnly);
  const std::vector<RegistrantHit> hits = store.Search(options.query, options.limit);
  if (options.json) {
    nlohmann::json out = nlohmann::json::array();
    for (const RegistrantHit& hit : hits) out.push_back(HitToJson(hit, zone));
    std::cout << out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  } else {
    for (const RegistrantHit& hit : hits) std::cout << HitToText(hit, zone) << "\n";
    if (hits.empty())
      std::cerr << "nobody found" << (SearchText(options.query).size() < 2 ? " (type at least 2 characters)" : "")
                << "\n";
  }
  return kExitOk;
}

/// Reads the PIN: twice without echo from a terminal, else one line from standard input (scripts).
std::string ReadPin() {
  if (!isatty(STDIN_FILENO)) {
    std::string pin;
    std::getline(std::cin, pin);
    return std::string(Trim(pin));
  }
  termios saved{};
  tcgetattr(STDIN_FILENO, &saved);
  termios quiet = saved;
  quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
  tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  std::string first, second;
  std::cerr << "staff PIN (4 to 12 digits): " << std::flush;
  std::getline(std::cin, first);
  std::cerr << "\nagain: " << std::flush;
  std::getline(std::cin, second);
  std::cerr << "\n";
  tcsetattr(STDIN_FILENO, TCSANOW, &saved);
  if (first != second) throw InvalidInput("the two PINs differ: nothing written");
  return std::string(Trim(first));
}

int Pin(const RegistrantOptions& options) {
  RegistrantStore store(PeoplePath(options), RegistrantStore::Mode::Update);
  const std::string pin = ReadPin();
  try {
    store.SetPin(pin);
  } catch (const std::invalid_argument& error) {
    throw InvalidInput(error.what());
  }
  std::cout << "staff PIN set for " << store.Path().string() << " (stored hashed, Argon2id)\n";
  return kExitOk;
}

int Checkin(const RegistrantOptions& options) {
  if (Trim(options.desk).empty()) throw InvalidInput("--desk: the desk's name is needed (e.g. --desk A)");
  RequireIdentifierArgument("--desk", FieldKind::DeskName, options.desk);
  RequireIdentifierArgument("ORDER_CODE", FieldKind::OrderCode, CanonicalOrderCode(options.code));
  const VenueZone zone = ZoneOf(options);
  RegistrantStore store(PeoplePath(options), RegistrantStore::Mode::Update);
  // The code as printed: a pretix order of one ticket is found by its order code alone (RegistrantStore::Find).
  std::string code = CanonicalOrderCode(options.code);
  if (const std::optional<RegistrantHit> found = store.Find(code)) {
    code = found->registrant.order_code;
  } else {
    // An order of several tickets: say which, rather than "unknown code".
    std::string tickets;
    for (const RegistrantHit& hit : store.Search(code, 20)) {
      if (hit.registrant.order_code.starts_with(code + "-")) {
        tickets += "\n  " + hit.registrant.order_code + "  " + Describe(hit.registrant);
      }
    }
    if (!tickets.empty()) {
      throw InvalidInput("order " + code + " has several tickets: give the ticket's code, one of:" + tickets);
    }
  }
  if (options.undo) {
    const std::optional<RegistrantHit> hit = store.Find(code);
    if (!hit) throw InvalidInput("no registrant has order code " + code);
    if (!hit->status.checked_in) throw InvalidInput(code + " " + Describe(hit->registrant) + " is not checked in");
    // The latest check-in, as the desk's undo: after an offline double check-in the earlier one stays.
    const CheckinEvent& event = hit->status.active.back();
    store.Undo(event.uuid, options.desk, NowMs(zone));
    std::cout << "undone: check-in of " << code << " " << Describe(hit->registrant) << " made "
              << DescribeCheckin(event, zone) << "\n";
    if (hit->status.active.size() > 1) {
      std::cout << "still checked in " << DescribeCheckin(hit->status.active.front(), zone) << "\n";
    }
    return kExitOk;
  }
  const CheckinResult result = store.CheckIn(code, options.desk, NowMs(zone));
  switch (result.outcome) {
    case CheckinResult::Outcome::UnknownCode:
      throw InvalidInput("no registrant has order code " + code + ": nothing written");
    case CheckinResult::Outcome::AlreadyCheckedIn:
      std::cout << "already checked in: " << code << " " << Describe(*result.registrant) << " checked in "
                << DescribeCheckin(*result.status.first, zone) << "\n";
      return kExitAlreadyCheckedIn;
    case CheckinResult::Outcome::CheckedIn:
      std::cout << "checked in: " << code << " " << Describe(*result.registrant) << " "
                << DescribeCheckin(*result.event, zone) << "\n";
      return kExitOk;
  }
  return kExitFailure;
}

/// RFC 4180 cell: quoted when it holds a comma, a quote or a line break. Names are typed by attendees themselves, so
/// a cell a spreadsheet would run as a formula (= + - @ tab CR first) gets a leading ' (OWASP "CSV injection").
std::string CsvCell(std::string text) {
  if (!text.empty() && std::string_view("=+-@\t\r").find(text.front()) != std::string_view::npos) text.insert(0, "'");
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (char c : text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

int Export(const RegistrantOptions& options) {
  const VenueZone zone = ZoneOf(options);
  RegistrantStore store(PeoplePath(options), RegistrantStore::Mode::ReadOnly);
  const std::vector<CheckinEvent> events = store.Events();
  std::ostringstream text;
  if (options.csv) {
    text << "uuid,kind,order_code,first_name,last_name,organisation,category,desk,at_utc,at_local,undoes\r\n";
  }
  nlohmann::json out = nlohmann::json::array();
  for (const CheckinEvent& event : events) {
    const std::optional<RegistrantHit> hit = store.Find(event.order_code);
    const Registrant registrant = hit ? hit->registrant : Registrant{};
    const std::string local = zone.FormatIso(ToInstant(event.at));
    if (options.csv) {
      for (const std::string& cell :
           {Printable(event.uuid), std::string(CheckinKindName(event.kind)), Printable(event.order_code),
            registrant.first_name, registrant.last_name, registrant.organisation, registrant.category,
            Printable(event.desk), FormatEventUtc(event.at), local}) {
        text << CsvCell(cell) << ",";
      }
      text << CsvCell(event.undoes) << "\r\n";
    } else {
      out.push_back({{"uuid", event.uuid},
                     {"kind", CheckinKindName(event.kind)},
                     {"order_code", event.order_code},
                     {"first_name", registrant.first_name},
                     {"last_name", registrant.last_name},
                     {"organisation", registrant.organisation},
                     {"category", registrant.category},
                     {"desk", event.desk},
                     {"at", FormatEventUtc(event.at)},
                     {"at_local", local},
                     {"undoes", event.undoes}});
    }
  }
  const std::string body =
      options.csv ? text.str() : out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  if (options.out.empty() || options.out == "-") {
    std::cout << body;
  } else {
    std::ofstream file(options.out, std::ios::binary | std::ios::trunc);
    file << body;
    file.close();
    if (!file) throw std::runtime_error("cannot write " + options.out);
    std::cerr << "wrote " << events.size() << " check-in events to " << options.out << "\n";
  }
  return kExitOk;
}

}  // namespace

CommandRunner AddRegistrantCommands(CLI::App& app) {
  auto options = std::make_shared<RegistrantOptions>();
  const char* kPeopleHelp = "registrant store (default: $KIOSK_PEOPLE, else ~/.local/share/kiosk/registrants.db)";
  const std::string kTzHelp = "venue zone (IANA) for days and times (default " + std::string(kDefaultVenueZone) + ")";

  CLI::App* registrants = app.add_subcommand("registrants", "the registrant store of the check-in desk");
  registrants->require_subcommand(1);
  CLI::App* import = registrants->add_subcommand(
      "import", "import a pretix check-in list, an Eventbrite attendee report or a plain sheet (CSV, xlsx or ods)");
  import->add_option("FILE", options->file, "the export (CSV, xlsx or ods)")->required();
  import->add_option("--sheet", options->sheet, "xlsx/ods: the sheet to read, by name (default: the first)");
  import->add_option("--column", options->columns,
                     "ROLE=HEADER: the column HEADER holds ROLE (order_code, first_name, last_name, full_name, "
                     "organisation, email, category, country, days, programme, note, ticket_code, ignored); "
                     "repeatable");
  import->add_option("--map", options->map,
                     "a mapping file (TOML, purpose = \"registrants\") naming the sheet and "
                     "the columns' roles; --sheet and --column apply over it");
  import->add_option("--people", options->people, kPeopleHelp);
  import->add_option("--tz", options->tz, kTzHelp);
  import->add_flag("--withdraw-missing", options->withdraw_missing,
                   "the file is the whole list: withdraw registrants it leaves out even when they are most of them");

  CLI::App* generate = registrants->add_subcommand(
      "generate", "write invented registrants (fixed seed) as a plain sheet, for demonstrations and benchmarks");
  generate->add_option("--count", options->count, "how many (default 400)");
  generate->add_option("--seed", options->seed, "the seed: the same seed gives the same people (default 2026)");
  generate->add_option("--programme", options->programme,
                       "a programme file: gives registrants workshops and B2B meetings from it");
  generate->add_option("--out", options->out, "the CSV file to write (default: standard output)");
  generate->add_option("--tz", options->tz, kTzHelp);

  CLI::App* search = registrants->add_subcommand("search", "find registrants as the desk does (same code)");
  search->add_option("QUERY", options->query, "name, organisation, e-mail or order code, words in any order")
      ->required();
  search->add_option("--people", options->people, kPeopleHelp);
  search->add_flag("--json", options->json, "a JSON list of objects (order_code, names, organisation, checked_in…)");
  search->add_option("--limit", options->limit, "at most this many (default 20)")->check(CLI::Range(1, 1000));
  search->add_option("--tz", options->tz, kTzHelp);

  CLI::App* pin = registrants->add_subcommand(
      "pin", "set the staff PIN that unlocks the desk (read twice from the terminal, or one line from stdin)");
  pin->add_option("--people", options->people, kPeopleHelp);

  CLI::App* checkin = app.add_subcommand(
      "checkin", "check a registrant in at a desk; exit 3 with the first time and desk when already checked in");
  checkin->add_option("ORDER_CODE", options->code, "the order code (as on the ticket)")->required();
  checkin->add_option("--desk", options->desk, "the desk's name, e.g. A")->required();
  checkin->add_option("--people", options->people, kPeopleHelp);
  checkin->add_flag("--undo", options->undo, "undo their check-in instead (an undo event; nothing is deleted)");
  checkin->add_option("--tz", options->tz, kTzHelp);

  CLI::App* checkins = app.add_subcommand("checkins", "the check-in events");
  checkins->require_subcommand(1);
  CLI::App* exporter = checkins->add_subcommand("export", "every check-in event (in and undo), JSON or --csv, by time");
  exporter->add_option("--people", options->people, kPeopleHelp);
  exporter->add_flag("--csv", options->csv, "CSV (RFC 4180) instead of JSON");
  exporter->add_option("--out", options->out, "the file to write (default: standard output)");
  exporter->add_option("--tz", options->tz, kTzHelp);

  return [=]() -> std::optional<int> {
    if (*import) return Import(*options);
    if (*generate) return Generate(*options);
    if (*search) return Search(*options);
    if (*pin) return Pin(*options);
    if (*checkin) return Checkin(*options);
    if (*exporter) return Export(*options);
    return std::nullopt;
  };
}

}  // namespace kiosk::ctl
