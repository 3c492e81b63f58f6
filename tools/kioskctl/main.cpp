// kioskctl: the organizer's tool — import, validate, show, list sessions, read the revision log.
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "kiosk/core/VenueZone.h"
#include "kiosk/importers/Importer.h"
#include "kiosk/store/ScheduleStore.h"
#include "tools/kioskctl/BoardText.h"
#include "tools/kioskctl/Commands.h"

namespace {

/// "1 session", "2 sessions".
std::string Count(std::size_t n, const char* singular, const char* plural) {
  return std::to_string(n) + " " + (n == 1 ? singular : plural);
}

/// The summary line of import and validate: "48 sessions, 8 rooms, 0 warnings".
std::string Summary(const kiosk::ImportResult& result) {
  return Count(result.programme.sessions.size(), "session", "sessions") + ", " +
         Count(result.programme.rooms.size(), "room", "rooms") + ", " +
         Count(result.warnings.size(), "warning", "warnings");
}

using kiosk::ctl::InvalidInput;
using kiosk::ctl::kExitFailure;
using kiosk::ctl::kExitInvalidInput;

/// A programme file read once: its bytes (hashed for the revision log) and what the importer made of them.
struct ReadResult {
  std::string bytes;
  kiosk::ImportResult import;
};

/// Throws InvalidInput for invalid files or options, std::system_error when the file cannot be read. A table (CSV,
/// xlsx, ods, JSON array) is read with the table options; the store at `db` only lends its days (TableMappingOf).
ReadResult ReadProgramme(const std::string& file, const std::string& tz, const std::string& format_name,
                         const kiosk::ctl::TableOptions& table, const std::string& db) {
  kiosk::ImportOptions options;
  options.source_name = file;
  options.time_zone = tz;
  std::optional<kiosk::SourceFormat> format;
  try {
    if (!tz.empty()) kiosk::VenueZone check(tz);
    if (!format_name.empty()) format = kiosk::ParseSourceFormat(format_name);
  } catch (const std::invalid_argument& error) {
    throw InvalidInput(error.what());
  }
  ReadResult read;
  read.bytes = kiosk::ReadSourceFile(file);
  try {
    if (read.bytes.empty()) throw kiosk::ImportError(file + ":1", "the file is empty");
    const bool is_table = kiosk::ctl::IsTableFormat(format ? *format : kiosk::DetectFormat(read.bytes));
    options.table = kiosk::ctl::TableMappingOf(table, db, is_table);
    read.import = kiosk::ImportBytes(read.bytes, options, format);
  } catch (const kiosk::ImportError& error) {
    throw InvalidInput(error.what());
  }
  return read;
}

void PrintWarnings(const std::vector<kiosk::Warning>& warnings) {
  for (const kiosk::Warning& warning : warnings) std::cout << "warning: " << warning.ToString() << "\n";
}

kiosk::LoadedProgramme LoadCurrent(const std::string& db) {
  kiosk::ScheduleStore store(db, kiosk::ScheduleStore::Mode::ReadOnly);
  std::optional<kiosk::LoadedProgramme> loaded = store.Load();
  if (!loaded) throw kiosk::StoreError(kiosk::StoreError::Kind::Missing, "no programme imported yet in " + db);
  return std::move(*loaded);
}

kiosk::Instant ParseAt(const std::string& at, const kiosk::Programme& programme) {
  if (at.empty()) return kiosk::ctl::CommandClock(kiosk::VenueZone(programme.conference.time_zone)).Now();
  try {
    return kiosk::ParseIsoInstant(at, kiosk::VenueZone(programme.conference.time_zone));
  } catch (const std::invalid_argument& error) {
    throw InvalidInput(std::string("--at: ") + error.what());
  }
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"kioskctl: import and inspect the programme shown on the venue screens"};
  app.require_subcommand(1);
  std::string db = kiosk::DefaultStorePath().string();
  app.add_option("--db", db,
                 "schedule store (default: $KIOSK_DB, else $XDG_DATA_HOME/kiosk/schedule.db, else "
                 "~/.local/share/kiosk/schedule.db)")
      ->capture_default_str();
  std::string now;
  app.add_option("--now", now,
                 "rehearsal clock for every command: ISO 8601, venue-local unless it has an offset (as kiosk --now)")
      ->envname("KIOSK_NOW");
  // --now may also come after the subcommand ("kioskctl announce … --now 2026-07-08T10:20").
  app.fallthrough();

  std::string file, tz, format, at, room, day;
  bool json = false, html = false;
  kiosk::ctl::TableOptions table;

  CLI::App* import = app.add_subcommand("import", "import a programme file as a new revision");
  import
      ->add_option(
          "FILE", file,
          "programme: CSV, xlsx, ods, a JSON array of objects, frab schedule.xml, frab/pretalx JSON or iCalendar")
      ->required();
  import->add_option("--tz", tz,
                     "venue zone (IANA name); default: the file's, else " + std::string(kiosk::kDefaultVenueZone));
  import->add_option("--format", format, "csv, xlsx, ods, json-table, frab-xml, frab-json or ics (default: detected)");
  import->add_option("--db", db, "schedule store");
  kiosk::ctl::AddTableOptions(*import, table);

  CLI::App* validate = app.add_subcommand("validate", "run every check of import, write nothing");
  validate->add_option("FILE", file, "programme file")->required();
  validate->add_option("--tz", tz, "venue zone (IANA name)");
  validate->add_option("--format", format,
                       "csv, xlsx, ods, json-table, frab-xml, frab-json or ics (default: detected)");
  validate->add_option("--db", db, "schedule store (read for its programme's days only)");
  kiosk::ctl::AddTableOptions(*validate, table);

  CLI::App* show = app.add_subcommand("show", "the board as text: one line per room, now and next");
  show->add_option("--db", db, "schedule store");
  show->add_option("--at", at, "instant, ISO 8601 (venue-local without offset); default: now");
  show->add_option("--room", room, "only this room (key or name)");
  show->add_flag("--html", html, "print the board as an HTML page instead");

  CLI::App* sessions = app.add_subcommand("sessions", "every session as JSON");
  sessions->add_option("--db", db, "schedule store");
  sessions->add_option("--day", day, "only the programme day YYYY-MM-DD");
  sessions->add_flag("--json", json, "JSON output (the default and, for now, the only one)");

  CLI::App* log = app.add_subcommand("log", "the revisions, oldest first");
  log->add_option("--db", db, "schedule store");

  const kiosk::ctl::CommandRunner groups[] = {
      kiosk::ctl::AddChangeCommands(app, db), kiosk::ctl::AddSyncCommands(app, db),
      kiosk::ctl::AddRegistrantCommands(app), kiosk::ctl::AddTableCommands(app, db)};

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    // --help is a ParseError with code 0; every usage error is "anything else" (exit 1), not invalid input.
    return app.exit(error) == 0 ? EXIT_SUCCESS : kExitFailure;
  }

  kiosk::ctl::SetRehearsalNow(now);
  try {
    for (const kiosk::ctl::CommandRunner& group : groups) {
      if (std::optional<int> code = group()) return *code;
    }
    if (*import) {
      ReadResult read = ReadProgramme(file, tz, format, table, db);
      const kiosk::ImportResult& result = read.import;
      kiosk::ScheduleStore store(db);
      kiosk::CommitResult commit =
          store.CommitImport(result.programme, result.warnings, file, kiosk::Sha256Hex(read.bytes));
      std::cout << "revision " << commit.revision << ": " << Summary(result)
                << (commit.changed ? "" : " (unchanged: same programme as the current revision)") << "\n";
      PrintWarnings(result.warnings);
      for (const std::string& line : commit.overridden) std::cout << "overrode live change: " << line << "\n";
    } else if (*validate) {
      const kiosk::ImportResult result = ReadProgramme(file, tz, format, table, db).import;
      std::cout << "valid: " << Summary(result) << "\n";
      PrintWarnings(result.warnings);
    } else if (*show) {
      kiosk::LoadedProgramme loaded = LoadCurrent(db);
      kiosk::Instant instant = ParseAt(at, loaded.programme);
      std::optional<std::string> filter;
      if (!room.empty()) {
        kiosk::ctl::RequireIdentifierArgument("--room", kiosk::FieldKind::RoomName, room);
        filter = room;
      }
      try {
        std::cout << (html ? kiosk::BoardAsHtml(loaded, instant) : kiosk::BoardAsText(loaded, instant, filter));
      } catch (const std::invalid_argument& error) {
        throw InvalidInput(error.what());
      }
    } else if (*sessions) {
      kiosk::LoadedProgramme loaded = LoadCurrent(db);
      kiosk::Day only;
      if (!day.empty() && !(only = kiosk::ParseDay(day)).ok()) throw InvalidInput("--day: expected YYYY-MM-DD: " + day);
      kiosk::VenueZone zone(loaded.programme.conference.time_zone);
      nlohmann::json out = nlohmann::json::array();
      for (const kiosk::Session& session : loaded.programme.sessions) {
        if (only.ok() && session.day != only) continue;
        const kiosk::Room* session_room = loaded.programme.FindRoom(session.room_key);
        nlohmann::json speakers = nlohmann::json::array();
        for (const kiosk::Speaker& speaker : session.speakers) {
          speakers.push_back({{"name", speaker.name}, {"role", speaker.role}});
        }
        out.push_back({{"guid", session.uid},
                       {"id", session.source_id},
                       {"day", kiosk::FormatDay(session.day)},
                       {"room", session_room ? session_room->name : session.room_key},
                       {"start", zone.FormatIso(session.start)},
                       {"end", zone.FormatIso(session.end)},
                       {"title", session.title},
                       {"title_en", session.title_en},
                       {"kind", session.kind},
                       {"track", session.track},
                       {"language", session.language},
                       {"status", session.status == kiosk::SessionStatus::Cancelled ? "cancelled" : "confirmed"},
                       {"speakers", speakers}});
        if (session.marks.Any()) {
          const kiosk::Room* from = loaded.programme.FindRoom(session.marks.moved_from);
          out.back()["live_changes"] = {
              {"delay_minutes", session.marks.delay_minutes},
              {"moved_from", session.marks.moved_from.empty() ? "" : (from ? from->name : session.marks.moved_from)},
              {"cancelled", session.marks.cancelled},
              {"full", session.marks.full},
              {"revision", session.marks.revision}};
        }
      }
      // Replace, don't throw, should a stored string not be valid UTF-8: the listing must always come out.
      std::cout << out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    } else if (*log) {
      kiosk::ScheduleStore store(db, kiosk::ScheduleStore::Mode::ReadOnly);
      for (const kiosk::RevisionInfo& revision : store.Revisions()) {
        if (revision.kind != "import") {
          std::cout << "revision " << revision.number << "  " << kiosk::FormatUtc(revision.imported_at) << "  "
                    << revision.summary << "\n";
          for (const std::string& warning : revision.warnings) std::cout << "    note: " << warning << "\n";
          continue;
        }
        std::cout << "revision " << revision.number << "  " << kiosk::FormatUtc(revision.imported_at) << "  "
                  << revision.source_name << "  sha256:" << revision.source_sha256 << "  "
                  << Count(static_cast<std::size_t>(revision.sessions), "session", "sessions") << ", "
                  << Count(static_cast<std::size_t>(revision.rooms), "room", "rooms") << ", "
                  << Count(revision.warnings.size(), "warning", "warnings") << "\n";
        for (const std::string& warning : revision.warnings) std::cout << "    warning: " << warning << "\n";
      }
    }
  } catch (const InvalidInput& error) {
    std::cerr << "kioskctl: error: " << error.what() << "\n";
    return kExitInvalidInput;
  } catch (const std::exception& error) {
    std::cerr << "kioskctl: error: " << error.what() << "\n";
    return kExitFailure;
  }
  return EXIT_SUCCESS;
}
