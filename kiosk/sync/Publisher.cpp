// Publishing a signed snapshot: backup-API copy, checks, content-named file, manifest written last.
#include "kiosk/sync/Publisher.h"

#include <sys/stat.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include <cerrno>
#include <chrono>
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
constexpr std::chrono::seconds kStaleAge{600};  ///< temporary files older than this were left by a killed publisher

std::string Joined(const std::vector<std::string>& names) {
  std::string text;
  for (const std::string& name : names) text += (text.empty() ? "" : ", ") + name;
  return text;
}

// The snapshot file the current manifest names, if it reads as one (its signature is not checked: this only decides
// what to keep).
std::string PreviousSnapshot(const std::filesystem::path& manifest) {
  std::error_code ec;
  if (!std::filesystem::exists(manifest, ec)) return {};
  try {
    return ParseManifest(ReadWholeFile(manifest), manifest.string()).manifest.file;
  } catch (const std::exception&) {
    return {};
  }
}

}  // namespace

PublishResult Publish(const std::filesystem::path& db, const SecretKey& key, const std::filesystem::path& out_dir) {
  std::error_code ec;
  if (!std::filesystem::is_directory(out_dir, ec)) {
    throw PublishError("no output folder " + out_dir.string() +
                       " (create it, or give the folder the web server serves)");
  }
  {
    // Opening read-only first gives the store's own errors: missing, newer schema, not a database.
    ScheduleStore store(db, ScheduleStore::Mode::ReadOnly);
    if (store.Revisions().empty()) {
      throw PublishError("no programme imported yet in " + db.string() + ": nothing to publish");
    }
  }

  RemoveStaleTempFiles(out_dir, ".snapshot-", kStaleAge);
  RemoveStaleTempFiles(out_dir, std::string(".") + kManifestFileName + ".", kStaleAge);
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

  const std::string bytes = ReadWholeFile(temp.Path());
  result.sha256 = Sha256Hex(bytes);
  result.size = bytes.size();
  result.file = "snapshot-" + std::to_string(result.revision) + "-" + result.sha256.substr(0, 8) + ".db";
  result.manifest = out_dir / kManifestFileName;

  const std::string previous = PreviousSnapshot(result.manifest);
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
  for (const auto& entry : std::filesystem::directory_iterator(out_dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (name == result.file || name == previous || !std::regex_match(name, kSnapshotName)) continue;
    if (std::filesystem::remove(entry.path(), ec)) result.removed.push_back(name);
  }
  return result;
}

}  // namespace kiosk::sync
