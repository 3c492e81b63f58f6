// SQLite helpers shared by the publisher and the sync client: whole-database copies with the online backup API and the
// checks a snapshot must pass. Internal to kiosk_sync.
#pragma once

#include <chrono>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace SQLite {
class Database;
}

namespace kiosk::sync {

/// A database stayed locked (SQLITE_BUSY or SQLITE_LOCKED) for longer than the caller would wait: another connection
/// holds it. The message says for how long.
class DatabaseLocked : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Copies every page of `source` into `destination` with the SQLite online backup API, in one step: one read
/// transaction on the source (a consistent copy even while another process imports) and one write transaction on the
/// destination (readers of the destination see the old content or the new, and a crash midway leaves the old).
/// Retries while either side is locked, up to `wait`. Throws SQLite::Exception, or DatabaseLocked when still locked
/// after `wait`.
void CopyDatabase(SQLite::Database& source, SQLite::Database& destination, std::chrono::milliseconds wait);

/// Tables that a public snapshot must never hold: registrant data and check-ins (names starting with "registrant",
/// "checkin" or "check_in", any case). Everything else belongs to the programme, whatever the schema version adds.
/// Throws SQLite::Exception.
std::vector<std::string> ForbiddenTables(SQLite::Database& db);

/// PRAGMA quick_check: empty when the database is sound, else SQLite's first complaint. Throws SQLite::Exception when
/// the file is not a database at all.
std::string QuickCheck(SQLite::Database& db);

/// PRAGMA user_version: the schedule store's schema version. Throws SQLite::Exception.
int UserVersion(SQLite::Database& db);

/// PRAGMA journal_mode, lowercase ("wal", "delete"). Throws SQLite::Exception.
std::string JournalMode(SQLite::Database& db);

/// PRAGMA page_size in bytes. Throws SQLite::Exception.
int PageSize(SQLite::Database& db);

/// Rewrites the database file at `path` (no other connection open on it) with `page_size`: journal_mode=DELETE,
/// PRAGMA page_size, VACUUM (SQLite changes the page size only so, and never in WAL mode). The content is unchanged.
/// Throws SQLite::Exception, or std::runtime_error when the page size did not change.
void RewriteWithPageSize(const std::filesystem::path& path, int page_size);

/// Puts the verified database file `verified` (no connection open on it) in place of `destination` in one rename:
/// switches `verified` to WAL mode (like every schedule store), fsyncs it, gives it the mode of the file it replaces
/// (0644 when there is none), removes the -wal, -shm and -journal files of the old one (they would otherwise be
/// applied to the new file), renames it over `destination` and fsyncs the folder. Readers holding the old file open
/// keep reading the old one until they reopen (ProgrammeSource notices the new inode). For a store the backup API
/// cannot write into (not a database at all). Throws SQLite::Exception, std::system_error naming the file.
void ReplaceDatabaseFile(const std::filesystem::path& verified, const std::filesystem::path& destination);

}  // namespace kiosk::sync
