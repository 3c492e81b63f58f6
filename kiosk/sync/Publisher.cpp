// Publishing a signed snapshot: folder lock, backup-API copy, what screens need only, checks, content-named file,
// manifest written last.
#include "kiosk/sync/Publisher.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include <cerrno>
#include <chrono>
#include <optional>
#include <regex>
#include <system_error>

#include "kiosk/store/ScheduleStore.h"
#include "kiosk/sync/Files.h"
#include "kiosk/sync/Manifest.h"
#include "kiosk/sync/Snapshot.h"

namespace kiosk::sync {
namespace {

constexpr int kBusyTimeoutMs = 5000;
constexpr std::chrono::milliseconds kCopyWait{10000};
/// Every kiosk store is made with SQLite's default page size; the backup API cannot change a WAL store's.
constexpr int kSnapshotPageSize = 4096;

std::string Joined(const std::vector<std::string>& names) {
  std::string text;
  for (const std::string& name : names) text += (text.empty() ? "" : ", ") + name;
  return text;
}

// The current manifest of the folder, if it reads as one (its signature is not checked: this only decides what to
// keep and whether the store is older than what is published).
std::optional<Manifest> PreviousManifest(const std::filesystem::path& manifest) {
  std::error_code ec;
  if (!std::filesystem::exists(manifest, ec)) return std::nullopt;
  try {
    return ParseManifest(ReadWholeFile(manifest), manifest.string()).manifest;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

bool HasTable(SQLite::Database& db, const std::string& table) {
  SQLite::Statement query(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?");
  query.bind(1, table);
  return query.executeStep();
}

bool HasColumn(SQLite::Database& db, const std::string& table, const std::string& column) {
  SQLite::Statement query(db, "SELECT 1 FROM pragma_table_info(?) WHERE name = ?");
  query.bind(1, table);
  query.bind(2, column);
  return query.executeStep();
}

// "/home/organizer/Documents/raict.csv" -> "raict.csv" (a Windows path too).
std::string FileNameOnly(const std::string& name) {
  const std::size_t slash = name.find_last_of("/\\");
  return slash == std::string::npos ? name : name.substr(slash + 1);
}

// Step 4 of Publish, on the DELETE-mode copy: what screens need only, then page size and VACUUM. Each step is skipped
// when its table or column is absent (a schema 1 store has no bases, changes or announcements).
void KeepWhatScreensNeed(SQLite::Database& copy) {
  {
    SQLite::Transaction transaction(copy);
    const bool revisions = HasTable(copy, "revisions") && HasColumn(copy, "revisions", "number");
    const std::string older = "number < (SELECT max(number) FROM revisions)";
    if (revisions && HasColumn(copy, "revisions", "base_id")) {
      copy.exec("UPDATE revisions SET base_id = NULL WHERE " + older);
      if (HasTable(copy, "bases")) {
        // Older revisions' imported programmes are what rollback needs on the organizer's machine, not on screens.
        copy.exec(
            "DELETE FROM bases WHERE id NOT IN (SELECT base_id FROM revisions WHERE base_id IS NOT NULL AND "
            "number = (SELECT max(number) FROM revisions))");
      }
    }
    if (revisions && HasColumn(copy, "revisions", "changes")) {
      copy.exec("UPDATE revisions SET changes = '[]' WHERE " + older);
    }
    // Older revisions' summaries and warnings are the organizers' history (kioskctl log): an announce revision's
    // summary quotes its text, so a cleared announcement would survive there. Screens show the current revision.
    if (revisions && HasColumn(copy, "revisions", "summary")) {
      copy.exec("UPDATE revisions SET summary = " + std::string(HasColumn(copy, "revisions", "kind") ? "kind" : "''") +
                " WHERE " + older);
      if (HasColumn(copy, "revisions", "kind")) {
        // "clear #3: <the text taken off the screens>" -> "clear #3".
        copy.exec(
            "UPDATE revisions SET summary = substr(summary, 1, instr(summary, ':') - 1) "
            "WHERE kind = 'clear' AND instr(summary, ':') > 0");
      }
    }
    if (revisions && HasColumn(copy, "revisions", "warnings")) {
      copy.exec("UPDATE revisions SET warnings = '' WHERE " + older);
    }
    if (HasTable(copy, "announcements") && HasColumn(copy, "announcements", "cleared_revision")) {
      copy.exec("DELETE FROM announcements WHERE cleared_revision IS NOT NULL");
    }
    if (revisions && HasColumn(copy, "revisions", "source_name")) {
      // The organizer's folders (a home directory, a user name) stay on the organizer's machine.
      std::vector<std::string> also;
      for (const char* column : {"warnings", "summary"}) {
        if (HasColumn(copy, "revisions", column)) also.push_back(column);
      }
      std::vector<std::pair<std::int64_t, std::string>> rows;
      {
        SQLite::Statement query(copy, "SELECT number, source_name FROM revisions");
        while (query.executeStep()) rows.emplace_back(query.getColumn(0).getInt64(), query.getColumn(1).getString());
      }
      for (const auto& [number, source_name] : rows) {
        const std::string name = FileNameOnly(source_name);
        if (name == source_name) continue;
        std::string sql = "UPDATE revisions SET source_name = ?1";
        for (const std::string& column : also) sql += ", " + column + " = replace(" + column + ", ?2, ?1)";
        SQLite::Statement update(copy, sql + " WHERE number = ?3");
        update.bind(1, name);
        update.bind(2, source_name);
        update.bind(3, number);
        update.exec();
      }
    }
    transaction.commit();
  }
  // VACUUM rebuilds the file: no freed page keeps a deleted byte, and the page size changes (DELETE mode only).
  copy.exec("PRAGMA page_size=" + std::to_string(kSnapshotPageSize));
  copy.exec("VACUUM");
  if (int size = PageSize(copy); size != kSnapshotPageSize) {
    throw PublishError("cannot give the snapshot " + std::to_string(kSnapshotPageSize) + "-byte pages: it has " +
                       std::to_string(size));
  }
}

/// Throws PublishError when the snapshot in `copy` (VACUUMed) is larger than `limit` bytes: every kiosk would refuse
/// it. Says its size, its sessions and the bytes of the current revision's warnings, the usual causes.
void RefuseOversized(SQLite::Database& copy, const std::filesystem::path& db, std::uint64_t limit) {
  const auto pages = static_cast<std::uint64_t>(copy.execAndGet("PRAGMA page_count").getInt64());
  const std::uint64_t size = pages * static_cast<std::uint64_t>(PageSize(copy));
  if (size <= limit) return;
  std::string what = "the snapshot of " + db.string();
  std::string detail;
  if (HasTable(copy, "revisions")) {
    SQLite::Statement current(copy,
                              "SELECT number, sessions, length(CAST(warnings AS BLOB)) FROM revisions "
                              "ORDER BY number DESC LIMIT 1");
    if (current.executeStep()) {
      what = "the snapshot of revision " + std::to_string(current.getColumn(0).getInt64()) + " of " + db.string();
      detail = " (" + std::to_string(current.getColumn(1).getInt64()) + " sessions, " +
               std::to_string(current.getColumn(2).getInt64()) + " bytes of warnings)";
    }
  }
  const std::string mib =
      limit >= (1u << 20) && limit % (1u << 20) == 0 ? " (" + std::to_string(limit >> 20) + " MiB)" : std::string();
  throw PublishError(what + " would be " + std::to_string(size) + " bytes" + detail + ", over the " +
                     std::to_string(limit) + " bytes" + mib +
                     " a kiosk accepts: refusing to publish it; nothing written. Import the programme again "
                     "with this kioskctl (a revision keeps at most " +
                     std::to_string(kMaxWarnings) + " warnings) or make it smaller");
}

}  // namespace

PublishResult Publish(const std::filesystem::path& db, const SecretKey& key, const std::filesystem::path& out_dir,
                      const PublishOptions& options) {
  std::error_code ec;
  if (!std::filesystem::is_directory(out_dir, ec)) {
    throw PublishError("no output folder " + out_dir.string() +
                       " (create it, or give the folder the web server serves)");
  }
  std::optional<FileLock> lock;
  try {
    lock.emplace(out_dir / kPublishLockFileName, options.lock_wait);
  } catch (const std::system_error& error) {
    throw PublishError("another publish into " + out_dir.string() + " is running: " + error.what());
  }
  {
    // Opening read-only first gives the store's own errors: missing, newer schema, not a database.
    ScheduleStore store(db, ScheduleStore::Mode::ReadOnly);
    if (store.Revisions().empty()) {
      throw PublishError("no programme imported yet in " + db.string() + ": nothing to publish");
    }
  }

  // Under the lock no other publisher is live: every temporary file here was left by one that was killed.
  RemoveStaleTempFiles(out_dir, ".snapshot-", std::chrono::seconds{0});
  RemoveStaleTempFiles(out_dir, std::string(".") + kManifestFileName + ".", std::chrono::seconds{0});
  TempFile temp(out_dir, ".snapshot-", ".tmp");
  PublishResult result;
  try {
    {
      SQLite::Database source(db, SQLite::OPEN_READONLY, kBusyTimeoutMs);
      SQLite::Database copy(temp.Path(), SQLite::OPEN_READWRITE, kBusyTimeoutMs);
      CopyDatabase(source, copy, kCopyWait);
    }
    // A fresh connection: the copied header still says WAL (the store's mode); DELETE makes the snapshot one file.
    SQLite::Database copy(temp.Path(), SQLite::OPEN_READWRITE, kBusyTimeoutMs);
    copy.exec("PRAGMA journal_mode=DELETE");
    if (std::string mode = JournalMode(copy); mode != "delete") {
      throw PublishError("cannot make the snapshot self-contained: journal_mode is " + mode);
    }
    if (std::vector<std::string> forbidden = ForbiddenTables(copy); !forbidden.empty()) {
      throw PublishError(db.string() + " holds registrant or check-in tables (" + Joined(forbidden) +
                         "): refusing to publish it, registrant data never goes to public screens");
    }
    KeepWhatScreensNeed(copy);
    RefuseOversized(copy, db, options.max_snapshot_bytes);
    if (std::string problem = QuickCheck(copy); !problem.empty()) {
      throw PublishError(db.string() + " fails PRAGMA quick_check: " + problem);
    }
    result.schema = UserVersion(copy);
  } catch (const SQLite::Exception& error) {
    throw PublishError("cannot copy " + db.string() + " into " + out_dir.string() + ": " + error.what());
  } catch (const std::runtime_error& error) {
    if (dynamic_cast<const PublishError*>(&error)) throw;
    throw PublishError("cannot copy " + db.string() + ": " + error.what());
  }

  {
    // Read the revision from the copy itself: an import that committed after the check above is in it or not, and
    // the manifest must say which.
    ScheduleStore copy(temp.Path(), ScheduleStore::Mode::ReadOnly);
    std::optional<LoadedProgramme> loaded = copy.Load();
    if (!loaded) throw PublishError("no programme imported yet in " + db.string() + ": nothing to publish");
    if (loaded->programme.sessions.empty()) {
      throw PublishError("revision " + std::to_string(loaded->revision.number) + " of " + db.string() +
                         " has no session: refusing to publish an empty programme");
    }
    result.revision = loaded->revision.number;
  }

  result.manifest = out_dir / kManifestFileName;
  const std::optional<Manifest> previous = PreviousManifest(result.manifest);
  if (previous) result.replaced_revision = previous->revision;
  if (previous && previous->revision > result.revision && !options.force) {
    throw PublishConflict(out_dir.string() + " already publishes revision " + std::to_string(previous->revision) +
                          ", newer than revision " + std::to_string(result.revision) + " of " + db.string() +
                          ": publishing it would take every kiosk back (another organizer's store, or an old copy?); "
                          "use --force to publish it all the same");
  }

  {
    int fd = ::open(temp.Path().c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw std::system_error(errno, std::generic_category(), "cannot open " + temp.Path().string());
    struct stat info {};
    try {
      if (::fstat(fd, &info) != 0) {
        throw std::system_error(errno, std::generic_category(), "cannot stat " + temp.Path().string());
      }
      result.sha256 = Sha256HexOfFile(fd, temp.Path());
    } catch (...) {
      ::close(fd);
      throw;
    }
    ::close(fd);
    result.size = static_cast<std::uint64_t>(info.st_size);
  }
  result.file = "snapshot-" + std::to_string(result.revision) + "-" + result.sha256.substr(0, 8) + ".db";

  if (::chmod(temp.Path().c_str(), 0644) != 0) {
    throw std::system_error(errno, std::generic_category(), "cannot set the mode of " + temp.Path().string());
  }
  if (::rename(temp.Path().c_str(), (out_dir / result.file).c_str()) != 0) {
    throw std::system_error(errno, std::generic_category(),
                            "cannot move the snapshot to " + (out_dir / result.file).string());
  }
  temp.Release();
  SyncFolder(out_dir);

  Manifest manifest;
  manifest.revision = result.revision;
  manifest.schema = result.schema;
  manifest.file = result.file;
  manifest.size = result.size;
  manifest.sha256 = result.sha256;
  manifest.published = std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
  // Last: the manifest only ever names a file that is in place. Its mtime moves on by at least a second, so servers
  // that derive Last-Modified or ETag from the mtime (python's http.server, nginx) announce the change.
  WriteFileAtomically(result.manifest, SignManifest(manifest, key), 0644, true, ModifiedSeconds(result.manifest));

  static const std::regex kSnapshotName(R"(snapshot-[0-9]+-[0-9a-f]{8}\.db)");
  const std::string previous_file = previous ? previous->file : std::string();
  for (const auto& entry : std::filesystem::directory_iterator(out_dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (name == result.file || name == previous_file || !std::regex_match(name, kSnapshotName)) continue;
    if (std::filesystem::remove(entry.path(), ec)) result.removed.push_back(name);
  }
  return result;
}

}  // namespace kiosk::sync
