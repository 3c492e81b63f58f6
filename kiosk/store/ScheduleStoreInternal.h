// Helpers the schedule store's files share (ScheduleStore.cpp, ScheduleSchema.cpp, ScheduleRevisions.cpp,
// ScheduleLiveChanges.cpp): row readers, the revisions and bases tables, the write transaction. Internal to
// kiosk/store.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <SQLiteCpp/SQLiteCpp.h>

#include "kiosk/store/ReadTransaction.h"
#include "kiosk/store/ScheduleStore.h"

namespace kiosk::schedule_detail {

using store_detail::ReadTransaction;

/// Seconds since the epoch (UTC) to an Instant, and back: the stores' INTEGER times.
Instant FromEpoch(std::int64_t seconds);
std::int64_t ToEpoch(Instant instant);

/// The next row of a statement made from RevisionQuery; nullopt after the last.
std::optional<RevisionInfo> ReadRevision(SQLite::Statement& query);
/// SELECT of the revisions table's columns that schema version `schema` has (kind and summary since 2).
std::string RevisionQuery(int schema);

/// Reads the programme tables (schema 1 has no marks); caller holds the transaction.
Programme ReadProgramme(SQLite::Database& db, int schema);

/// What a revision holds (the imported programme it applies, its live changes, its source and counts), read inside
/// the caller's transaction. number 0: no such revision.
struct CurrentState {
  std::int64_t number = 0;
  std::optional<std::int64_t> base_id;  ///< none for revisions made before schema 2
  std::string changes_json = "[]";
  std::string source_name, source_sha256;
  int sessions = 0, rooms = 0;
};

/// The latest revision (number 0 when there is none).
CurrentState ReadCurrentState(SQLite::Database& db);

/// The imported programme a revision applies, by bases.id. Throws StoreError (Corrupt).
Programme ReadBase(SQLite::Database& db, std::int64_t id, const std::filesystem::path& path);
/// The SHA-256 of the imported programme bases.id `id`; "" when missing.
std::string BaseSha(SQLite::Database& db, std::int64_t id);
/// Stores an imported programme once (by the SHA-256 of its JSON) and returns its id.
std::int64_t InsertBase(SQLite::Database& db, const std::string& json, const std::string& sha);
/// A revision's live changes from their JSON. Throws StoreError (Corrupt) naming `path`.
std::vector<LiveChange> ParseChanges(const std::string& json, const std::filesystem::path& path);

/// One row of the revisions table.
struct RevisionRow {
  std::int64_t number = 0;
  std::string source_name, source_sha256;
  int sessions = 0, rooms = 0;
  std::vector<std::string> warnings;
  std::string kind, summary;
  std::optional<std::int64_t> base_id;
  std::string changes_json = "[]";
};

/// Inserts `row`, its warnings bounded (BoundWarningLines: kMaxWarnings and one line counting the rest), so neither
/// the store nor a snapshot of it grows with the square of a programme's sessions.
void InsertRevision(SQLite::Database& db, const RevisionRow& row);

/// Revision `number` showing the programme of `programme_of` (same imported programme, live changes, source and
/// counts): announce and clear keep the current one, rollback restores an earlier one.
RevisionRow RowWithProgrammeOf(const CurrentState& programme_of, std::int64_t number, std::string kind,
                               std::string summary);

/// The announcements on screen (not cleared), by id.
std::vector<Announcement> ReadAnnouncements(SQLite::Database& db);

/// Replaces the programme tables with `programme` (the one screens show) as written by `revision`, keeping row ids of
/// sessions and rooms whose identity persists (DESIGN.md). Caller holds the write transaction.
void WriteProgrammeTables(SQLite::Database& db, const Programme& incoming, std::int64_t revision,
                          const std::filesystem::path& path);

/// What a commit returns when it changes nothing (`why`), and when it makes revision current.number + 1.
CommitResult Unchanged(const CurrentState& current, std::string why);
CommitResult Changed(const CurrentState& current, std::string summary);

/// " (read-only media: …)" when the file system holding `path` is mounted read-only (statvfs ST_RDONLY), the cause
/// to name when a write fails there; "" otherwise.
std::string ReadOnlyMedia(const std::filesystem::path& path);

/// Runs `write(current state)` in one IMMEDIATE transaction (the write lock first, so a concurrent writer waits for
/// busy_timeout instead of failing midway) and commits when it returns changed; anything it throws rolls back, so a
/// failed write leaves nothing. SQLite errors become StoreError (Io).
template <typename Write>
CommitResult InWriteTransaction(SQLite::Database& db, const std::filesystem::path& path, Write write) {
  try {
    SQLite::Transaction transaction(db, SQLite::TransactionBehavior::IMMEDIATE);
    CommitResult result = write(ReadCurrentState(db));
    if (result.changed) transaction.commit();
    return result;
  } catch (const SQLite::Exception& error) {
    throw StoreError(StoreError::Kind::Io,
                     "cannot write schedule store " + path.string() + ": " + error.what() + ReadOnlyMedia(path));
  }
}

}  // namespace kiosk::schedule_detail
