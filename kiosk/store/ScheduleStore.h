// The schedule store: the current programme and its revisions in one SQLite file (WAL, busy_timeout).
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "kiosk/core/Diagnostics.h"
#include "kiosk/core/Model.h"

namespace SQLite {
class Database;
}

namespace kiosk {

/// The store cannot be used. Kind tells the screen what to say.
class StoreError : public std::runtime_error {
 public:
  enum class Kind { Missing, NewerSchema, Corrupt, Io };
  StoreError(Kind kind, const std::string& message) : std::runtime_error(message), m_kind(kind) {}
  Kind GetKind() const { return m_kind; }

 private:
  Kind m_kind;
};

/// One committed import.
struct RevisionInfo {
  std::int64_t number = 0;
  Instant imported_at{};      ///< UTC
  std::string source_name;    ///< file name as given to import
  std::string source_sha256;  ///< hex of the source bytes
  int sessions = 0;
  int rooms = 0;
  std::vector<std::string> warnings;  ///< Warning::ToString() of each
};

/// A programme as loaded for display, with the revision it is.
struct LoadedProgramme {
  Programme programme;
  RevisionInfo revision;
};

/// Result of CommitImport.
struct CommitResult {
  std::int64_t revision = 0;  ///< the new revision, or the current one when nothing changed
  bool changed = false;       ///< false when the programme equals the current revision's (re-import of the same file)
};

/// Owns one SQLite connection to the schedule store. Not thread-safe: one per thread.
/// Schema version in PRAGMA user_version (kSchemaVersion); older stores are migrated on open for writing.
class ScheduleStore {
 public:
  static constexpr int kSchemaVersion = 1;
  enum class Mode { ReadOnly, ReadWrite };

  /// Opens (ReadWrite: creates, with parent folders) the store. Throws StoreError: Missing (ReadOnly and no file),
  /// NewerSchema (user_version > kSchemaVersion), Corrupt (not a database), Io.
  explicit ScheduleStore(const std::filesystem::path& path, Mode mode = Mode::ReadWrite);
  ~ScheduleStore();
  ScheduleStore(const ScheduleStore&) = delete;
  ScheduleStore& operator=(const ScheduleStore&) = delete;

  /// Writes `programme` as a new revision in one transaction, keeping the row ids of sessions and rooms whose identity
  /// persists (DESIGN.md: a session is its uid, uid+start telling repeats apart, so a delayed session keeps its row;
  /// a room is its key). If it equals the current programme, nothing is written and changed=false.
  /// Throws StoreError (Io) when the write fails; the transaction is then rolled back and nothing changes.
  CommitResult CommitImport(const Programme& programme, const std::vector<Warning>& warnings,
                            const std::string& source_name, const std::string& source_sha256);

  /// The current programme in one read transaction (statements reset after use), or nullopt when no revision exists.
  /// Throws StoreError (Corrupt) when the tables cannot be read.
  std::optional<LoadedProgramme> Load();

  /// Every revision, oldest first. Throws StoreError (Corrupt).
  std::vector<RevisionInfo> Revisions();

  /// PRAGMA data_version: changes when another connection commits. Cheap; poll it to notice imports.
  /// Throws StoreError (Io).
  std::int64_t DataVersion();

  /// Store row ids of sessions keyed by "uid@start-epoch-seconds" (start in UTC seconds), ordered by start then uid,
  /// for identity tests. Throws StoreError (Corrupt).
  std::vector<std::pair<std::string, std::int64_t>> SessionRowIds();

  const std::filesystem::path& Path() const { return m_path; }

 private:
  std::filesystem::path m_path;
  std::unique_ptr<SQLite::Database> m_db;
};

/// The default store path: $KIOSK_DB if set, else $XDG_DATA_HOME/kiosk/schedule.db, else
/// ~/.local/share/kiosk/schedule.db.
std::filesystem::path DefaultStorePath();

/// SHA-256 of bytes as lowercase hex (libsodium).
std::string Sha256Hex(std::string_view bytes);

}  // namespace kiosk
