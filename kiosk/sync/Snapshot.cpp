// Whole-database copies (SQLite online backup API) and the checks every snapshot passes.
#include "kiosk/sync/Snapshot.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <SQLiteCpp/Backup.h>
#include <SQLiteCpp/SQLiteCpp.h>
#include <sqlite3.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <stdexcept>
#include <system_error>
#include <thread>

#include "kiosk/sync/Files.h"

namespace kiosk::sync {

void CopyDatabase(SQLite::Database& source, SQLite::Database& destination, std::chrono::milliseconds wait) {
  SQLite::Backup backup(destination, source);
  const auto deadline = std::chrono::steady_clock::now() + wait;
  for (;;) {
    // -1: every page in one step, so the source is read in one transaction and the destination written in one.
    int result = backup.executeStep(-1);
    if (result == SQLITE_DONE) return;
    if (std::chrono::steady_clock::now() >= deadline) {
      throw DatabaseLocked(std::string("database locked for more than ") + std::to_string(wait.count()) + " ms (" +
                           sqlite3_errstr(result) + ")");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

std::vector<std::string> ForbiddenTables(SQLite::Database& db) {
  std::vector<std::string> forbidden;
  SQLite::Statement tables(db, "SELECT name FROM sqlite_master WHERE type IN ('table', 'view')");
  while (tables.executeStep()) {
    std::string name = tables.getColumn(0).getString();
    std::string lower = name;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    for (const char* prefix : {"registrant", "checkin", "check_in"}) {
      if (lower.rfind(prefix, 0) == 0) {
        forbidden.push_back(name);
        break;
      }
    }
  }
  return forbidden;
}

std::string QuickCheck(SQLite::Database& db) {
  SQLite::Statement check(db, "PRAGMA quick_check(1)");
  std::string result = check.executeStep() ? check.getColumn(0).getString() : "no answer";
  return result == "ok" ? std::string() : result;
}

int UserVersion(SQLite::Database& db) { return db.execAndGet("PRAGMA user_version").getInt(); }

std::string JournalMode(SQLite::Database& db) {
  std::string mode = db.execAndGet("PRAGMA journal_mode").getString();
  std::transform(mode.begin(), mode.end(), mode.begin(), [](unsigned char c) { return std::tolower(c); });
  return mode;
}

int PageSize(SQLite::Database& db) { return db.execAndGet("PRAGMA page_size").getInt(); }

void RewriteWithPageSize(const std::filesystem::path& path, int page_size) {
  SQLite::Database db(path.string(), SQLite::OPEN_READWRITE);
  db.exec("PRAGMA journal_mode=DELETE");
  db.exec("PRAGMA page_size=" + std::to_string(page_size));
  db.exec("VACUUM");
  if (int now = PageSize(db); now != page_size) {
    throw std::runtime_error("cannot change the page size of " + path.string() + " to " + std::to_string(page_size) +
                             ": it is still " + std::to_string(now));
  }
}

void ReplaceDatabaseFile(const std::filesystem::path& verified, const std::filesystem::path& destination) {
  {
    // Closing the only connection checkpoints and removes verified-wal: the file alone holds everything.
    SQLite::Database db(verified.string(), SQLite::OPEN_READWRITE);
    db.exec("PRAGMA journal_mode=WAL");
    if (std::string mode = JournalMode(db); mode != "wal") {
      throw std::runtime_error("cannot switch " + verified.string() + " to WAL mode: journal_mode is " + mode);
    }
  }
  mode_t mode = 0644;
  struct stat old {};
  if (::stat(destination.c_str(), &old) == 0) mode = old.st_mode & 07777;
  {
    int fd = ::open(verified.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw std::system_error(errno, std::generic_category(), "cannot open " + verified.string());
    const bool ok = ::fchmod(fd, mode) == 0 && ::fsync(fd) == 0;
    const int error = errno;
    ::close(fd);
    if (!ok) throw std::system_error(error, std::generic_category(), "cannot sync " + verified.string());
  }
  // The old file's side files first: a -wal or -journal left beside the new file would be replayed into it.
  for (const char* side : {"-wal", "-shm", "-journal"}) {
    const std::string name = destination.string() + side;
    if (::unlink(name.c_str()) != 0 && errno != ENOENT) {
      throw std::system_error(errno, std::generic_category(), "cannot remove " + name);
    }
  }
  if (::rename(verified.c_str(), destination.c_str()) != 0) {
    throw std::system_error(errno, std::generic_category(), "cannot move the new store into " + destination.string());
  }
  SyncFolder(destination.parent_path());
}

}  // namespace kiosk::sync
