// kioskctl's shared command plumbing: exit codes, the invalid-input error, and command groups kept in their own files.
#pragma once

#include <functional>
#include <iostream>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/Fields.h"
#include "kiosk/importers/Importer.h"
#include "kiosk/importers/TableMapping.h"

#include "kiosk/core/Clock.h"
#include "kiosk/core/VenueZone.h"

namespace CLI {
class App;
}

namespace kiosk::ctl {

// Exit codes (documented in the README): 0 ok, 1 other failure, 2 invalid input (nothing written), 3 already checked in
// (kioskctl checkin).
constexpr int kExitOk = 0;
constexpr int kExitFailure = 1;
constexpr int kExitInvalidInput = 2;

/// Invalid input or options: main prints "kioskctl: error: <what>" and exits kExitInvalidInput. Nothing was written.
struct InvalidInput : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// A command-line argument that names something (an order code, a desk, a session, a room): throws
/// InvalidInput("OPTION " + problem) when it holds a control character or is longer than `kind` allows (Fields.h).
inline void RequireIdentifierArgument(std::string_view option, FieldKind kind, const std::string& value) {
  if (const auto problem = IdentifierProblem(kind, value)) throw InvalidInput(std::string(option) + " " + *problem);
}

/// A display text given on the command line (an announcement) as kept: CleanDisplayText of `kind`, with
/// "kioskctl: warning: OPTION: …" on standard error when a control character was removed or the text cut.
inline std::string CleanTextArgument(std::string_view option, FieldKind kind, const std::string& value) {
  std::string warning;
  std::string cleaned = CleanDisplayText(kind, value, &warning);
  if (!warning.empty()) std::cerr << "kioskctl: warning: " << option << ": " << warning << "\n";
  return cleaned;
}
/// The rehearsal clock of every kioskctl command (issue 11, defect 10): `--now` or $KIOSK_NOW, ISO 8601, venue-local
/// unless it has an offset, as `kiosk --now`; empty: the system clock. Set by main after parsing.
void SetRehearsalNow(std::string text);

/// The clock commands read (announce --until, live changes' made_at, check-in times, show's default --at): a fixed
/// clock at the rehearsal instant read in `zone`, else the system clock. Throws InvalidInput naming --now when it is
/// not a date-time. The reference stays valid until the next call.
const Clock& CommandClock(const VenueZone& zone);

/// What the clock says, for messages: "2026-12-07 20:05 (Europe/Paris) by this machine's clock" or
/// "2026-07-08 10:20 (Europe/Paris) by --now".
std::string DescribeClock(const VenueZone& zone);

/// A group of subcommands, registered on the CLI before parsing. After parsing, main calls each group's runner: it
/// returns the exit code when one of its subcommands was chosen and ran, nullopt when none of its subcommands was
/// chosen. It may throw InvalidInput (exit 2) or any std::exception (exit 1).
using CommandRunner = std::function<std::optional<int>()>;

/// The live changes during the event: delay, cancel, move, full, open, announce, announcements, clear, rollback.
/// `db` is the schedule store path, bound to the global --db option.
CommandRunner AddChangeCommands(CLI::App& app, std::string& db);

/// Signed snapshots: keygen, publish, pull, serve.
CommandRunner AddSyncCommands(CLI::App& app, std::string& db);

/// The check-in desk's registrant store: registrants import | generate | search | pin, checkin [--undo] (exit 3 when
/// already checked in), checkins export. Each has its own --people option (never the schedule store's --db).
CommandRunner AddRegistrantCommands(CLI::App& app);

/// The table options of import, validate and inspect (issue 13), as given on the command line.
struct TableOptions {
  std::string sheet;                 ///< --sheet NAME
  std::vector<std::string> columns;  ///< --column ROLE=HEADER, in order (repeatable)
  std::string map;                   ///< --map FILE.toml
  std::string days;                  ///< --days 2026-07-08,2026-07-09
  std::string default_duration;      ///< --default-duration MIN (checked by TableMappingOf)
};

/// Adds --sheet, --column (repeatable), --map, --days and --default-duration to `command`, bound to `options`.
void AddTableOptions(CLI::App& command, TableOptions& options);

/// ImportOptions::table from the options: the --map file first, then --sheet, --days, --default-duration and --column
/// over it (a --column entry comes after the map's, so it wins). When neither --days nor the map gives days and
/// `store_days` is set, the days of the programme already in the store `db` (its conference's first..last day, else
/// its sessions' distinct days); no store or no programme: none. `days_from` (when given) receives where the days came
/// from ("from --days", "from map.toml", "from the programme in DB"), "" when there are none. Throws InvalidInput for
/// a bad option or an invalid mapping file (naming the file and line), std::system_error when the map is unreadable.
TableMapping TableMappingOf(const TableOptions& options, const std::string& db, bool store_days,
                            std::string* days_from = nullptr);

/// Csv, Xlsx, Ods and JsonTable: the formats read as tables, which the table options apply to.
bool IsTableFormat(SourceFormat format);

/// `inspect FILE`: the table as import will read it (sheet, header row, each column's role, the first rows converted,
/// the warnings, whether import would succeed); exit 0 when it would import, 2 when not; writes nothing but the
/// --write-map file. `db` (global --db) is read for the event's days only.
CommandRunner AddTableCommands(CLI::App& app, std::string& db);

}  // namespace kiosk::ctl
