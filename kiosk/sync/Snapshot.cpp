// Whole-database copies (SQLite online backup API) and the checks every snapshot passes.
#include "kiosk/sync/Snapshot.h"

#include <SQLiteCpp/Backup.h>
#include <SQLiteCpp/SQLiteCpp.h>
#include <sqlite3.h>

#include <algorithm>
#include <cctype>
#include <stdexcept>
#include <thread>

namespace kiosk::sync {

void CopyDatabase(SQLite::Database& source, SQLite::Database& destination, std::chrono::milliseconds wait) {
  SQLite::Backup backup(destination, source);
  const auto deadline = std::chrono::steady_clock::now() + wait;
  for (;;) {
    // -1: every page in one step, so the source is read in one transaction and the destination written in one.
    int result = backup.executeStep(-1);
    if (result == SQLITE_DONE) return;
    if (std::chrono::steady_clock::now() >= deadline) {
      throw std::runtime_error(std::string("database locked for more than ") + std::to_string(wait.count()) + " ms (" +
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

}  // namespace kiosk::sync
