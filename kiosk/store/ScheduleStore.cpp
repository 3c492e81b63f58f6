// SQLite schedule store: schema, migrations, revisions, and the programme round trip.
#include "kiosk/store/ScheduleStore.h"

#include <cstdlib>
#include <sstream>
#include <unordered_map>

#include <SQLiteCpp/SQLiteCpp.h>
#include <sqlite3.h>

namespace kiosk {
namespace {

constexpr int kBusyTimeoutMs = 5000;

// Version 1 of the schema. Rows carry the revision that last wrote them, so a commit can upsert (keeping row ids of
// sessions and rooms whose identity persists) and then delete what the new revision no longer has.
constexpr const char* kSchemaV1 = R"sql(
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS revisions(
  number INTEGER PRIMARY KEY, imported_at INTEGER NOT NULL, source_name TEXT NOT NULL, source_sha256 TEXT NOT NULL,
  sessions INTEGER NOT NULL, rooms INTEGER NOT NULL, warnings TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS rooms(
  id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, name TEXT NOT NULL, position INTEGER NOT NULL,
  revision INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS sessions(
  id INTEGER PRIMARY KEY, uid TEXT NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL,
  source_id TEXT NOT NULL, room_id INTEGER NOT NULL REFERENCES rooms(id), day TEXT NOT NULL,
  title TEXT NOT NULL, title_en TEXT NOT NULL, kind TEXT NOT NULL, track TEXT NOT NULL, language TEXT NOT NULL,
  description TEXT NOT NULL, status TEXT NOT NULL, revision INTEGER NOT NULL,
  UNIQUE(uid, start));
CREATE TABLE IF NOT EXISTS speakers(
  session_id INTEGER NOT NULL REFERENCES sessions(id), position INTEGER NOT NULL, name TEXT NOT NULL,
  role TEXT NOT NULL, PRIMARY KEY(session_id, position));
)sql";

const char* StatusName(SessionStatus status) { return status == SessionStatus::Cancelled ? "cancelled" : "confirmed"; }

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

Instant FromEpoch(std::int64_t seconds) { return Instant{std::chrono::seconds{seconds}}; }
std::int64_t ToEpoch(Instant instant) { return instant.time_since_epoch().count(); }

// A read transaction that always ends, so no snapshot outlives the call (STYLE.md: a pinned WAL snapshot shows stale
// data).
class ReadTransaction {
 public:
  explicit ReadTransaction(SQLite::Database& db) : m_db(db) { m_db.exec("BEGIN"); }
  ~ReadTransaction() {
    try {
      m_db.exec("COMMIT");
    } catch (...) {
    }
  }

 private:
  SQLite::Database& m_db;
};

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
  return info;
}

constexpr const char* kRevisionColumns =
    "SELECT number, imported_at, source_name, source_sha256, sessions, rooms, warnings FROM revisions";

// Reads the programme tables; caller holds the transaction.
Programme ReadProgramme(SQLite::Database& db) {
  Programme programme;
  {
    SQLite::Statement meta(db, "SELECT key, value FROM meta");
    while (meta.executeStep()) {
      std::string key = meta.getColumn(0).getString(), value = meta.getColumn(1).getString();
      ConferenceInfo& info = programme.conference;
      if (key == "title")
        info.title = value;
      else if (key == "acronym")
        info.acronym = value;
      else if (key == "description")
        info.description = value;
      else if (key == "time_zone")
        info.time_zone = value;
      else if (key == "first_day")
        info.first_day = ParseDay(value);
      else if (key == "last_day")
        info.last_day = ParseDay(value);
    }
  }
  std::unordered_map<std::int64_t, std::string> room_keys;
  {
    SQLite::Statement rooms(db, "SELECT id, key, name FROM rooms ORDER BY position");
    while (rooms.executeStep()) {
      room_keys[rooms.getColumn(0).getInt64()] = rooms.getColumn(1).getString();
      programme.rooms.push_back({rooms.getColumn(1).getString(), rooms.getColumn(2).getString()});
    }
  }
  std::unordered_map<std::int64_t, std::size_t> index_of;
  {
    SQLite::Statement sessions(db,
                               "SELECT id, uid, start, end, source_id, room_id, day, title, title_en, kind, track, "
                               "language, description, status FROM sessions");
    while (sessions.executeStep()) {
      Session session;
      session.uid = sessions.getColumn(1).getString();
      session.start = FromEpoch(sessions.getColumn(2).getInt64());
      session.end = FromEpoch(sessions.getColumn(3).getInt64());
      session.source_id = sessions.getColumn(4).getString();
      session.room_key = room_keys[sessions.getColumn(5).getInt64()];
      session.day = ParseDay(sessions.getColumn(6).getString());
      session.title = sessions.getColumn(7).getString();
      session.title_en = sessions.getColumn(8).getString();
      session.kind = sessions.getColumn(9).getString();
      session.track = sessions.getColumn(10).getString();
      session.language = sessions.getColumn(11).getString();
      session.description = sessions.getColumn(12).getString();
      session.status =
          sessions.getColumn(13).getString() == "cancelled" ? SessionStatus::Cancelled : SessionStatus::Confirmed;
      index_of[sessions.getColumn(0).getInt64()] = programme.sessions.size();
      programme.sessions.push_back(std::move(session));
    }
  }
  {
    SQLite::Statement speakers(db, "SELECT session_id, name, role FROM speakers ORDER BY session_id, position");
    while (speakers.executeStep()) {
      auto it = index_of.find(speakers.getColumn(0).getInt64());
      if (it == index_of.end()) continue;
      programme.sessions[it->second].speakers.push_back(
          {speakers.getColumn(1).getString(), speakers.getColumn(2).getString()});
    }
  }
  programme.Normalize();
  return programme;
}

}  // namespace

ScheduleStore::ScheduleStore(const std::filesystem::path& path, Mode mode) : m_path(path) {
  std::error_code ec;
  if (mode == Mode::ReadOnly && !std::filesystem::exists(path, ec)) {
    throw StoreError(StoreError::Kind::Missing, "no schedule store at " + path.string());
  }
  if (mode == Mode::ReadWrite && path.has_parent_path()) std::filesystem::create_directories(path.parent_path(), ec);
  int user_version = 0;
  try {
    int flags = mode == Mode::ReadOnly ? SQLite::OPEN_READONLY : (SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    m_db = std::make_unique<SQLite::Database>(path.string(), flags, kBusyTimeoutMs);
    user_version = m_db->execAndGet("PRAGMA user_version").getInt();
  } catch (const SQLite::Exception& error) {
    int code = error.getErrorCode();
    auto kind = (code == SQLITE_NOTADB || code == SQLITE_CORRUPT) ? StoreError::Kind::Corrupt : StoreError::Kind::Io;
    throw StoreError(kind, "cannot open schedule store " + path.string() + ": " + error.what());
  }
  if (user_version > kSchemaVersion) {
    throw StoreError(StoreError::Kind::NewerSchema, "schedule store " + path.string() + " has schema version " +
                                                        std::to_string(user_version) + ", newer than this kiosk's " +
                                                        std::to_string(kSchemaVersion));
  }
  if (mode == Mode::ReadWrite) {
    try {
      m_db->exec("PRAGMA journal_mode=WAL");
      m_db->exec("PRAGMA synchronous=NORMAL");
      if (user_version < 1) {
        SQLite::Transaction migrate(*m_db, SQLite::TransactionBehavior::IMMEDIATE);
        m_db->exec(kSchemaV1);
        m_db->exec("PRAGMA user_version=1");
        migrate.commit();
      }
    } catch (const SQLite::Exception& error) {
      throw StoreError(StoreError::Kind::Io, "cannot prepare schedule store " + path.string() + ": " + error.what());
    }
  }
}

ScheduleStore::~ScheduleStore() = default;

std::optional<LoadedProgramme> ScheduleStore::Load() {
  try {
    if (m_db->execAndGet("PRAGMA user_version").getInt() < 1) return std::nullopt;
    ReadTransaction read(*m_db);
    SQLite::Statement last(*m_db, std::string(kRevisionColumns) + " ORDER BY number DESC LIMIT 1");
    std::optional<RevisionInfo> revision = ReadRevision(last);
    if (!revision) return std::nullopt;
    return LoadedProgramme{ReadProgramme(*m_db), std::move(*revision)};
  } catch (const SQLite::Exception& error) {
    throw StoreError(StoreError::Kind::Corrupt, "cannot read schedule store " + m_path.string() + ": " + error.what());
  }
}

std::vector<RevisionInfo> ScheduleStore::Revisions() {
  try {
    std::vector<RevisionInfo> revisions;
    if (m_db->execAndGet("PRAGMA user_version").getInt() < 1) return revisions;
    SQLite::Statement query(*m_db, std::string(kRevisionColumns) + " ORDER BY number");
    while (std::optional<RevisionInfo> info = ReadRevision(query)) revisions.push_back(std::move(*info));
    return revisions;
  } catch (const SQLite::Exception& error) {
    throw StoreError(StoreError::Kind::Corrupt, "cannot read revisions of " + m_path.string() + ": " + error.what());
  }
}

std::int64_t ScheduleStore::DataVersion() {
  try {
    return m_db->execAndGet("PRAGMA data_version").getInt64();
  } catch (const SQLite::Exception& error) {
    throw StoreError(StoreError::Kind::Io, "cannot poll " + m_path.string() + ": " + error.what());
  }
}

std::vector<std::pair<std::string, std::int64_t>> ScheduleStore::SessionRowIds() {
  try {
    std::vector<std::pair<std::string, std::int64_t>> ids;
    SQLite::Statement query(*m_db, "SELECT uid || '@' || start, id FROM sessions ORDER BY start, uid");
    while (query.executeStep()) ids.emplace_back(query.getColumn(0).getString(), query.getColumn(1).getInt64());
    return ids;
  } catch (const SQLite::Exception& error) {
    throw StoreError(StoreError::Kind::Corrupt, "cannot read sessions of " + m_path.string() + ": " + error.what());
  }
}

CommitResult ScheduleStore::CommitImport(const Programme& programme, const std::vector<Warning>& warnings,
                                         const std::string& source_name, const std::string& source_sha256) {
  Programme incoming = programme;
  incoming.Normalize();
  try {
    // IMMEDIATE: take the write lock first, so a concurrent writer waits (busy_timeout) instead of failing midway.
    SQLite::Transaction transaction(*m_db, SQLite::TransactionBehavior::IMMEDIATE);
    std::int64_t current = m_db->execAndGet("SELECT coalesce(max(number), 0) FROM revisions").getInt64();
    if (current > 0 && ReadProgramme(*m_db) == incoming) return CommitResult{current, false};
    const std::int64_t revision = current + 1;

    {
      SQLite::Statement clear(*m_db, "DELETE FROM meta");
      clear.exec();
      SQLite::Statement meta(*m_db, "INSERT INTO meta(key, value) VALUES(?, ?)");
      const ConferenceInfo& info = incoming.conference;
      std::pair<const char*, std::string> rows[] = {{"title", info.title},
                                                    {"acronym", info.acronym},
                                                    {"description", info.description},
                                                    {"time_zone", info.time_zone},
                                                    {"first_day", info.first_day.ok() ? FormatDay(info.first_day) : ""},
                                                    {"last_day", info.last_day.ok() ? FormatDay(info.last_day) : ""}};
      for (const auto& [key, value] : rows) {
        meta.bind(1, key);
        meta.bind(2, value);
        meta.exec();
        meta.reset();
      }
    }

    std::unordered_map<std::string, std::int64_t> room_ids;
    {
      SQLite::Statement upsert(*m_db,
                               "INSERT INTO rooms(key, name, position, revision) VALUES(?, ?, ?, ?) "
                               "ON CONFLICT(key) DO UPDATE SET name=excluded.name, position=excluded.position, "
                               "revision=excluded.revision RETURNING id");
      for (std::size_t i = 0; i < incoming.rooms.size(); ++i) {
        upsert.bind(1, incoming.rooms[i].key);
        upsert.bind(2, incoming.rooms[i].name);
        upsert.bind(3, static_cast<std::int64_t>(i));
        upsert.bind(4, revision);
        upsert.executeStep();
        room_ids[incoming.rooms[i].key] = upsert.getColumn(0).getInt64();
        upsert.reset();
      }
    }

    m_db->exec("DELETE FROM speakers");
    {
      // Identity (DESIGN.md): a session is its uid; uid + start only tells repeats apart. So a session that the
      // organizer delayed (one occurrence before and after) keeps its row: move its start before the upsert.
      std::unordered_map<std::string, int> occurrences;
      for (const Session& session : incoming.sessions) ++occurrences[session.uid];
      std::unordered_map<std::string, std::int64_t> single_starts;
      SQLite::Statement singles(*m_db, "SELECT uid, min(start) FROM sessions GROUP BY uid HAVING count(*) = 1");
      while (singles.executeStep()) single_starts[singles.getColumn(0).getString()] = singles.getColumn(1).getInt64();
      SQLite::Statement move(*m_db, "UPDATE sessions SET start = ? WHERE uid = ?");
      for (const Session& session : incoming.sessions) {
        auto stored = single_starts.find(session.uid);
        if (occurrences[session.uid] != 1 || stored == single_starts.end() || stored->second == ToEpoch(session.start))
          continue;
        move.bind(1, ToEpoch(session.start));
        move.bind(2, session.uid);
        move.exec();
        move.reset();
      }
    }
    {
      SQLite::Statement upsert(
          *m_db,
          "INSERT INTO sessions(uid, start, end, source_id, room_id, day, title, title_en, kind, track, language, "
          "description, status, revision) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
          "ON CONFLICT(uid, start) DO UPDATE SET end=excluded.end, source_id=excluded.source_id, "
          "room_id=excluded.room_id, day=excluded.day, title=excluded.title, title_en=excluded.title_en, "
          "kind=excluded.kind, track=excluded.track, language=excluded.language, description=excluded.description, "
          "status=excluded.status, revision=excluded.revision RETURNING id");
      SQLite::Statement speaker(*m_db, "INSERT INTO speakers(session_id, position, name, role) VALUES(?, ?, ?, ?)");
      for (const Session& session : incoming.sessions) {
        auto room = room_ids.find(session.room_key);
        if (room == room_ids.end()) {
          throw StoreError(StoreError::Kind::Io, "session " + session.uid + " names unknown room " + session.room_key);
        }
        upsert.bind(1, session.uid);
        upsert.bind(2, ToEpoch(session.start));
        upsert.bind(3, ToEpoch(session.end));
        upsert.bind(4, session.source_id);
        upsert.bind(5, room->second);
        upsert.bind(6, FormatDay(session.day));
        upsert.bind(7, session.title);
        upsert.bind(8, session.title_en);
        upsert.bind(9, session.kind);
        upsert.bind(10, session.track);
        upsert.bind(11, session.language);
        upsert.bind(12, session.description);
        upsert.bind(13, StatusName(session.status));
        upsert.bind(14, revision);
        upsert.executeStep();
        const std::int64_t session_id = upsert.getColumn(0).getInt64();
        upsert.reset();
        for (std::size_t i = 0; i < session.speakers.size(); ++i) {
          speaker.bind(1, session_id);
          speaker.bind(2, static_cast<std::int64_t>(i));
          speaker.bind(3, session.speakers[i].name);
          speaker.bind(4, session.speakers[i].role);
          speaker.exec();
          speaker.reset();
        }
      }
    }
    {
      SQLite::Statement prune_sessions(*m_db, "DELETE FROM sessions WHERE revision <> ?");
      prune_sessions.bind(1, revision);
      prune_sessions.exec();
      SQLite::Statement prune_rooms(*m_db, "DELETE FROM rooms WHERE revision <> ?");
      prune_rooms.bind(1, revision);
      prune_rooms.exec();
    }
    {
      std::vector<std::string> warning_lines;
      for (const Warning& warning : warnings) warning_lines.push_back(warning.ToString());
      SQLite::Statement insert(*m_db,
                               "INSERT INTO revisions(number, imported_at, source_name, source_sha256, sessions, "
                               "rooms, warnings) VALUES(?, ?, ?, ?, ?, ?, ?)");
      insert.bind(1, revision);
      insert.bind(2, static_cast<std::int64_t>(std::chrono::duration_cast<std::chrono::seconds>(
                                                   std::chrono::system_clock::now().time_since_epoch())
                                                   .count()));
      insert.bind(3, source_name);
      insert.bind(4, source_sha256);
      insert.bind(5, static_cast<std::int64_t>(incoming.sessions.size()));
      insert.bind(6, static_cast<std::int64_t>(incoming.rooms.size()));
      insert.bind(7, JoinLines(warning_lines));
      insert.exec();
    }
    transaction.commit();
    return CommitResult{revision, true};
  } catch (const SQLite::Exception& error) {
    throw StoreError(StoreError::Kind::Io, "cannot write schedule store " + m_path.string() + ": " + error.what());
  }
}

std::filesystem::path DefaultStorePath() {
  if (const char* env = std::getenv("KIOSK_DB"); env && *env) return env;
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg)
    return std::filesystem::path(xdg) / "kiosk" / "schedule.db";
  const char* home = std::getenv("HOME");
  return std::filesystem::path(home && *home ? home : ".") / ".local" / "share" / "kiosk" / "schedule.db";
}

}  // namespace kiosk
