// The schedule store's revisions: the revisions table and the imported programmes (bases) they apply, the write
// transaction every commit runs in, the revision list, and rollback.
#include <chrono>
#include <sstream>

#include <SQLiteCpp/SQLiteCpp.h>

#include "kiosk/store/ScheduleStore.h"
#include "kiosk/store/ScheduleStoreInternal.h"
#include "kiosk/store/StoreJson.h"

namespace kiosk {

using namespace schedule_detail;

namespace {

std::string JoinLines(const std::vector<std::string>& lines) {
  std::string text;
  for (const std::string& line : lines) {
    if (!text.empty()) text += '\n';
    text += line;
  }
  return text;
}

std::vector<std::string> SplitLines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::int64_t NowEpoch() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

/// Revision `number`, or the latest when nullopt.
CurrentState ReadRevisionState(SQLite::Database& db, std::optional<std::int64_t> number) {
  CurrentState state;
  SQLite::Statement query(db, std::string("SELECT number, base_id, changes, source_name, source_sha256, sessions, "
                                          "rooms FROM revisions ") +
                                  (number ? "WHERE number = ?" : "ORDER BY number DESC LIMIT 1"));
  if (number) query.bind(1, *number);
  if (!query.executeStep()) return state;
  state.number = query.getColumn(0).getInt64();
  if (!query.getColumn(1).isNull()) state.base_id = query.getColumn(1).getInt64();
  state.changes_json = query.getColumn(2).getString();
  state.source_name = query.getColumn(3).getString();
  state.source_sha256 = query.getColumn(4).getString();
  state.sessions = query.getColumn(5).getInt();
  state.rooms = query.getColumn(6).getInt();
  return state;
}

}  // namespace

namespace schedule_detail {

std::optional<RevisionInfo> ReadRevision(SQLite::Statement& query) {
  if (!query.executeStep()) return std::nullopt;
  RevisionInfo info;
  info.number = query.getColumn(0).getInt64();
  info.imported_at = FromEpoch(query.getColumn(1).getInt64());
  info.source_name = query.getColumn(2).getString();
  info.source_sha256 = query.getColumn(3).getString();
  info.sessions = query.getColumn(4).getInt();
  info.rooms = query.getColumn(5).getInt();
  info.warnings = SplitLines(query.getColumn(6).getString());
  if (query.getColumnCount() > 7) {
    info.kind = query.getColumn(7).getString();
    info.summary = query.getColumn(8).getString();
  }
  return info;
}

std::string RevisionQuery(int schema) {
  return schema >= 2
             ? "SELECT number, imported_at, source_name, source_sha256, sessions, rooms, warnings, kind, summary "
               "FROM revisions"
             : "SELECT number, imported_at, source_name, source_sha256, sessions, rooms, warnings FROM revisions";
}

CurrentState ReadCurrentState(SQLite::Database& db) { return ReadRevisionState(db, std::nullopt); }

Programme ReadBase(SQLite::Database& db, std::int64_t id, const std::filesystem::path& path) {
  SQLite::Statement query(db, "SELECT programme FROM bases WHERE id = ?");
  query.bind(1, id);
  if (!query.executeStep())
    throw StoreError(StoreError::Kind::Corrupt,
                     path.string() + ": imported programme " + std::to_string(id) + " is missing");
  try {
    return store_json::ProgrammeFromJson(query.getColumn(0).getString());
  } catch (const std::runtime_error& error) {
    throw StoreError(StoreError::Kind::Corrupt, path.string() + ": " + error.what());
  }
}

std::string BaseSha(SQLite::Database& db, std::int64_t id) {
  SQLite::Statement query(db, "SELECT sha256 FROM bases WHERE id = ?");
  query.bind(1, id);
  return query.executeStep() ? query.getColumn(0).getString() : std::string();
}

std::int64_t InsertBase(SQLite::Database& db, const std::string& json, const std::string& sha) {
  SQLite::Statement upsert(db,
                           "INSERT INTO bases(sha256, programme) VALUES(?, ?) "
                           "ON CONFLICT(sha256) DO UPDATE SET sha256 = excluded.sha256 RETURNING id");
  upsert.bind(1, sha);
  upsert.bind(2, json);
  upsert.executeStep();
  return upsert.getColumn(0).getInt64();
}

std::vector<LiveChange> ParseChanges(const std::string& json, const std::filesystem::path& path) {
  try {
    return store_json::ChangesFromJson(json);
  } catch (const std::runtime_error& error) {
    throw StoreError(StoreError::Kind::Corrupt, path.string() + ": " + error.what());
  }
}

void InsertRevision(SQLite::Database& db, const RevisionRow& row) {
  std::vector<std::string> warnings = row.warnings;
  BoundWarningLines(warnings);
  SQLite::Statement insert(db,
                           "INSERT INTO revisions(number, imported_at, source_name, source_sha256, sessions, rooms, "
                           "warnings, kind, summary, base_id, changes) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  insert.bind(1, row.number);
  insert.bind(2, NowEpoch());
  insert.bind(3, row.source_name);
  insert.bind(4, row.source_sha256);
  insert.bind(5, row.sessions);
  insert.bind(6, row.rooms);
  insert.bind(7, JoinLines(warnings));
  insert.bind(8, row.kind);
  insert.bind(9, row.summary);
  if (row.base_id)
    insert.bind(10, *row.base_id);
  else
    insert.bind(10);
  insert.bind(11, row.changes_json);
  insert.exec();
}

RevisionRow RowWithProgrammeOf(const CurrentState& programme_of, std::int64_t number, std::string kind,
                               std::string summary) {
  RevisionRow row;
  row.number = number;
  row.source_name = programme_of.source_name;
  row.source_sha256 = programme_of.source_sha256;
  row.sessions = programme_of.sessions;
  row.rooms = programme_of.rooms;
  row.kind = std::move(kind);
  row.summary = std::move(summary);
  row.base_id = programme_of.base_id;
  row.changes_json = programme_of.changes_json;
  return row;
}

CommitResult Unchanged(const CurrentState& current, std::string why) {
  CommitResult result;
  result.revision = current.number;
  result.summary = std::move(why);
  return result;
}

CommitResult Changed(const CurrentState& current, std::string summary) {
  CommitResult result;
  result.revision = current.number + 1;
  result.changed = true;
  result.summary = std::move(summary);
  return result;
}

}  // namespace schedule_detail

std::int64_t ScheduleStore::NowSeconds() const { return m_now ? m_now().time_since_epoch().count() : NowEpoch(); }

std::vector<RevisionInfo> ScheduleStore::Revisions() {
  try {
    std::vector<RevisionInfo> revisions;
    ReadTransaction read(*m_db);
    const int schema = m_db->execAndGet("PRAGMA user_version").getInt();
    if (schema < 1) return revisions;
    SQLite::Statement query(*m_db, RevisionQuery(schema) + " ORDER BY number");
    while (std::optional<RevisionInfo> info = ReadRevision(query)) revisions.push_back(std::move(*info));
    return revisions;
  } catch (const SQLite::Exception& error) {
    throw StoreError(StoreError::Kind::Corrupt, "cannot read revisions of " + m_path.string() + ": " + error.what());
  }
}

CommitResult ScheduleStore::Rollback(std::int64_t number) {
  return InWriteTransaction(*m_db, m_path, [&](const CurrentState& current) {
    const CurrentState restored = ReadRevisionState(*m_db, number);
    if (restored.number == 0)
      throw LookupError("no revision " + std::to_string(number) + " (the store has 1 to " +
                        std::to_string(current.number) + ", see kioskctl log)");
    if (!restored.base_id)
      throw LookupError("revision " + std::to_string(number) +
                        " was made by an older kiosk that did not keep its programme: it cannot be restored");
    if (restored.base_id == current.base_id && restored.changes_json == current.changes_json)
      return Unchanged(current, "revision " + std::to_string(number) + " shows the same programme as the current one");
    const RevisionRow row =
        RowWithProgrammeOf(restored, current.number + 1, "rollback", "rollback to revision " + std::to_string(number));
    const Programme base = ReadBase(*m_db, *row.base_id, m_path);
    WriteProgrammeTables(*m_db, ApplyLiveChanges(base, ParseChanges(row.changes_json, m_path)), row.number, m_path);
    InsertRevision(*m_db, row);
    return Changed(current, row.summary);
  });
}

}  // namespace kiosk
