// The schedule store: the current programme and its revisions in one SQLite file (WAL, busy_timeout).
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "kiosk/core/Diagnostics.h"
#include "kiosk/core/LiveChanges.h"
#include "kiosk/core/Model.h"
#include "kiosk/store/StoreError.h"

namespace SQLite {
class Database;
}

namespace kiosk {

/// One committed revision: an import, a live change, an announcement or a rollback.
struct RevisionInfo {
  std::int64_t number = 0;
  Instant imported_at{};        ///< UTC time the revision was made (import or change)
  std::string source_name;      ///< file name as given to import (of the import the programme comes from)
  std::string source_sha256;    ///< hex of the source bytes
  std::string kind = "import";  ///< import, delay, cancel, move, full, open, announce, clear, rollback
  std::string summary;          ///< one line on what the revision did, e.g. "delay 'Plénière d'ouverture' +15 min"
  int sessions = 0;
  int rooms = 0;
  /// Warning::ToString() of each, as written: at most kMaxWarnings and one "… and N more warnings" (every revision
  /// written since issue 11; older stores may hold more).
  std::vector<std::string> warnings;
};

/// A programme as loaded for display, with the revision it is.
struct LoadedProgramme {
  Programme programme;  ///< as imported with the live changes applied (sessions carry SessionMarks)
  RevisionInfo revision;
  std::vector<Announcement> announcements;  ///< every announcement not cleared (expired ones too: filter with now)
};

/// Result of every Commit… method.
struct CommitResult {
  std::int64_t revision = 0;  ///< the new revision, or the current one when nothing changed
  bool changed = false;       ///< false when nothing was written (same programme, or the change was already so)
  std::string summary;        ///< what the revision did, or why nothing changed ("'Café…' is already full")
  std::vector<std::string> overridden;  ///< CommitImport: the live changes the file overrode, one line each
  std::vector<std::string> notes;       ///< CommitChange: things worth knowing (a delay that now overlaps the next)
  std::int64_t announcement_id = 0;     ///< Announce: the id to clear it with
};

/// A live change as the organizer asked for it; the store resolves the names inside its write transaction.
struct ChangeRequest {
  ChangeKind kind = ChangeKind::Delay;
  std::string session;  ///< SESSION as FindSession reads it (guid, id, uid@time, start of the title)
  int minutes = 0;      ///< Delay: the whole delay against the programme, -720..720 (negative: earlier; 0 clears it)
  std::string room;     ///< Move: ROOM as FindRoom reads it (key or name)
};

/// Owns one SQLite connection to the schedule store. Not thread-safe: one per thread.
/// Schema version in PRAGMA user_version (kSchemaVersion); older stores are migrated on open for writing.
class ScheduleStore {
 public:
  /// 1: programme tables and revisions. 2: live changes (session marks, each revision's imported programme and live
  /// changes) and announcements. 3: each session's interpretation (languages, channel).
  static constexpr int kSchemaVersion = 3;
  /// ReadWrite creates the store (and its folders) when missing; Update writes only to an existing store, so a
  /// mistyped --db on a live change fails instead of making an empty store.
  enum class Mode { ReadOnly, ReadWrite, Update };

  /// Opens (ReadWrite: creates, with parent folders) the store. Throws StoreError: Missing (ReadOnly or Update and no
  /// file), NewerSchema (user_version > kSchemaVersion), Corrupt (not a database), Io.
  explicit ScheduleStore(const std::filesystem::path& path, Mode mode = Mode::ReadWrite);
  ~ScheduleStore();
  ScheduleStore(const ScheduleStore&) = delete;
  ScheduleStore& operator=(const ScheduleStore&) = delete;

  /// Writes `programme` as a new revision in one transaction, keeping the row ids of sessions and rooms whose identity
  /// persists (DESIGN.md: a session is its uid, uid+start telling repeats apart, so a delayed session keeps its row;
  /// a room is its key). If it equals the current programme, nothing is written and changed=false.
  /// Throws StoreError (Io) when the write fails; the transaction is then rolled back and nothing changes.
  /// The live changes of the current revision are merged with the new file (MergeLiveChanges): those the file does
  /// not contradict stay applied, the others are listed in CommitResult::overridden. The revision keeps the first
  /// kMaxWarnings of `warnings` and the overridden changes and notes after them, the rest counted (BoundWarningLines).
  CommitResult CommitImport(const Programme& programme, const std::vector<Warning>& warnings,
                            const std::string& source_name, const std::string& source_sha256);

  /// Makes one live change as a new revision (issue 3: delay, cancel, move, full, open), in one IMMEDIATE transaction
  /// so two organizers never interleave. A change that changes nothing (cancel of a cancelled session, full of a full
  /// one, move to its own room) writes nothing: changed=false and the summary says why.
  /// Throws LookupError (SESSION or ROOM names nothing or several: the message lists candidates),
  /// std::invalid_argument (minutes out of range, a delay onto another occurrence of the same session, no programme
  /// imported yet), StoreError (Io; Corrupt when the stored programme or changes cannot be read).
  CommitResult CommitChange(const ChangeRequest& request);

  /// Adds an announcement as a new revision. `announcement.room_keys` holds ROOM arguments (keys or names), resolved
  /// with FindRoom; id, revision and made_at are assigned. An Emergency may have neither rooms nor an end: it goes to
  /// every screen until cleared. Throws LookupError (unknown room), std::invalid_argument (empty text, a text over
  /// 500 characters or not UTF-8, an end in the past, an emergency with an end or rooms, no programme imported yet),
  /// StoreError (Io).
  CommitResult Announce(Announcement announcement);

  /// Every announcement not cleared (expired ones included), oldest first. Throws StoreError (Corrupt).
  std::vector<Announcement> Announcements();

  /// Clears an announcement as a new revision. Throws LookupError when no announcement has that id or it was
  /// cleared already, StoreError (Io).
  CommitResult ClearAnnouncement(std::int64_t id);

  /// Restores the programme of an earlier revision (its imported programme and live changes) as a new revision.
  /// Announcements are left as they are: a rollback must never silently clear an emergency notice.
  /// Throws LookupError for an unknown revision or one made before schema 2 (its programme was not kept),
  /// StoreError (Io).
  CommitResult Rollback(std::int64_t revision);

  /// The live changes of the current revision, in the order they were made. Throws StoreError (Corrupt).
  std::vector<LiveChange> LiveChanges();

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

  /// The clock live changes and announcements read (made_at, and --until refused when already past), UTC; the
  /// system clock unless set (kioskctl --now for a rehearsal: a Clock's Now). Revisions keep the system clock's time:
  /// the log says when a change was really made.
  void SetNow(std::function<Instant()> now) { m_now = std::move(now); }

 private:
  std::int64_t NowSeconds() const;

  std::filesystem::path m_path;
  std::unique_ptr<SQLite::Database> m_db;
  std::function<Instant()> m_now;
};

/// The default store path: $KIOSK_DB if set, else $XDG_DATA_HOME/kiosk/schedule.db, else
/// ~/.local/share/kiosk/schedule.db.
std::filesystem::path DefaultStorePath();

/// SHA-256 of bytes as lowercase hex (libsodium).
std::string Sha256Hex(std::string_view bytes);

}  // namespace kiosk
