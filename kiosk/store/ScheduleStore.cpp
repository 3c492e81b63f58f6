// SQLite schedule store: schema, migrations, revisions, and the programme round trip.
#include "kiosk/store/ScheduleStore.h"

#include <sys/statvfs.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdio>

#include <cstdlib>
#include <sstream>
#include <unordered_map>

#include <SQLiteCpp/SQLiteCpp.h>
#include <sqlite3.h>

#include "kiosk/core/Text.h"
#include "kiosk/core/VenueZone.h"
#include "kiosk/store/ReadTransaction.h"
#include "kiosk/store/StoreJson.h"

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

// Version 2: live changes. Sessions carry their marks; each revision names the imported programme it applies (bases,
// by SHA-256 of its JSON, so a live change does not copy the programme) and keeps its live changes as JSON, so a
// rollback can restore any revision made since. Announcements are rows, cleared by a later revision.
constexpr const char* kSchemaV2 = R"sql(
ALTER TABLE sessions ADD COLUMN delay_minutes INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sessions ADD COLUMN moved_from TEXT NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN cancelled_live INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sessions ADD COLUMN full INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sessions ADD COLUMN marks_revision INTEGER NOT NULL DEFAULT 0;
ALTER TABLE revisions ADD COLUMN kind TEXT NOT NULL DEFAULT 'import';
ALTER TABLE revisions ADD COLUMN summary TEXT NOT NULL DEFAULT '';
ALTER TABLE revisions ADD COLUMN base_id INTEGER REFERENCES bases(id);
ALTER TABLE revisions ADD COLUMN changes TEXT NOT NULL DEFAULT '[]';
CREATE TABLE bases(id INTEGER PRIMARY KEY, sha256 TEXT NOT NULL UNIQUE, programme TEXT NOT NULL);
CREATE TABLE announcements(
  id INTEGER PRIMARY KEY AUTOINCREMENT, revision INTEGER NOT NULL, text TEXT NOT NULL, text_en TEXT NOT NULL,
  priority TEXT NOT NULL, until INTEGER, rooms TEXT NOT NULL, made_at INTEGER NOT NULL, cleared_revision INTEGER);
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

using store_detail::ReadTransaction;

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

std::int64_t NowEpoch() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

// Reads the programme tables (schema 1 has no marks); caller holds the transaction.
Programme ReadProgramme(SQLite::Database& db, int schema) {
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
    SQLite::Statement sessions(db, std::string("SELECT id, uid, start, end, source_id, room_id, day, title, title_en, "
                                               "kind, track, language, description, status") +
                                       (schema >= 2 ? ", delay_minutes, moved_from, cancelled_live, full, "
                                                      "marks_revision FROM sessions"
                                                    : " FROM sessions"));
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
      if (schema >= 2) {
        session.marks.delay_minutes = sessions.getColumn(14).getInt();
        session.marks.moved_from = sessions.getColumn(15).getString();
        session.marks.cancelled = sessions.getColumn(16).getInt() != 0;
        session.marks.full = sessions.getColumn(17).getInt() != 0;
        session.marks.revision = sessions.getColumn(18).getInt64();
      }
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

/// What a revision holds (the imported programme it applies, its live changes, its source and counts), read inside
/// the caller's transaction. number 0: no such revision.
struct CurrentState {
  std::int64_t number = 0;
  std::optional<std::int64_t> base_id;  ///< none for revisions made before schema 2
  std::string changes_json = "[]";
  std::string source_name, source_sha256;
  int sessions = 0, rooms = 0;
};

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

CurrentState ReadCurrentState(SQLite::Database& db) { return ReadRevisionState(db, std::nullopt); }

/// The imported programme a revision applies, by bases.id. Throws StoreError (Corrupt).
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

/// Stores an imported programme once (by the SHA-256 of its JSON) and returns its id.
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

/// Revision `number` showing the programme of `programme_of` (same imported programme, live changes, source and
/// counts): announce and clear keep the current one, rollback restores an earlier one.
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

/// "'Plénière d’ouverture' (08/07 10:00, Grand Salon)".
std::string SessionLabel(const Programme& programme, const Session& session, const VenueZone& zone) {
  const Room* room = programme.FindRoom(session.room_key);
  const std::string local = zone.FormatIso(session.start);
  return "'" + session.title + "' (" + local.substr(8, 2) + "/" + local.substr(5, 2) + " " +
         zone.FormatHm(session.start) + ", " + (room ? room->name : session.room_key) + ")";
}

/// The confirmed sessions in the same room that overlap `session` in `programme`, as notes.
std::vector<std::string> OverlapNotes(const Programme& programme, const Session& session, const VenueZone& zone) {
  std::vector<std::string> notes;
  for (const Session& other : programme.sessions) {
    if (&other == &session || other.room_key != session.room_key || other.status == SessionStatus::Cancelled) continue;
    if (other.start < session.end && session.start < other.end && other.start != other.end)
      notes.push_back("now overlaps " + SessionLabel(programme, other, zone) + " until " + zone.FormatHm(other.end));
  }
  return notes;
}

std::optional<Announcement> ReadAnnouncement(SQLite::Statement& query) {
  if (!query.executeStep()) return std::nullopt;
  Announcement announcement;
  announcement.id = query.getColumn(0).getInt64();
  announcement.revision = query.getColumn(1).getInt64();
  announcement.text = query.getColumn(2).getString();
  announcement.text_en = query.getColumn(3).getString();
  announcement.priority = ParsePriority(query.getColumn(4).getString()).value_or(AnnouncementPriority::Info);
  if (!query.getColumn(5).isNull()) announcement.until = FromEpoch(query.getColumn(5).getInt64());
  try {
    announcement.room_keys = store_json::StringsFromJson(query.getColumn(6).getString());
  } catch (const std::runtime_error&) {
    announcement.room_keys.clear();  // a damaged room list shows the notice everywhere rather than nowhere
  }
  announcement.made_at = FromEpoch(query.getColumn(7).getInt64());
  return announcement;
}

std::vector<Announcement> ReadAnnouncements(SQLite::Database& db) {
  std::vector<Announcement> announcements;
  SQLite::Statement query(db,
                          "SELECT id, revision, text, text_en, priority, until, rooms, made_at FROM announcements "
                          "WHERE cleared_revision IS NULL ORDER BY id");
  while (std::optional<Announcement> announcement = ReadAnnouncement(query))
    announcements.push_back(std::move(*announcement));
  return announcements;
}

/// Replaces the programme tables with `programme` (the one screens show) as written by `revision`, keeping row ids of
/// sessions and rooms whose identity persists (DESIGN.md). Caller holds the write transaction.
void WriteProgrammeTables(SQLite::Database& db, const Programme& incoming, std::int64_t revision,
                          const std::filesystem::path& path) {
  {
    SQLite::Statement clear(db, "DELETE FROM meta");
    clear.exec();
    SQLite::Statement meta(db, "INSERT INTO meta(key, value) VALUES(?, ?)");
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
    SQLite::Statement upsert(db,
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

  db.exec("DELETE FROM speakers");
  {
    // Identity (DESIGN.md): a session is its uid; uid + start only tells repeats apart. So a session that the
    // organizer delayed (one occurrence before and after) keeps its row: move its start before the upsert.
    std::unordered_map<std::string, int> occurrences;
    for (const Session& session : incoming.sessions) ++occurrences[session.uid];
    std::unordered_map<std::string, std::int64_t> single_starts;
    SQLite::Statement singles(db, "SELECT uid, min(start) FROM sessions GROUP BY uid HAVING count(*) = 1");
    while (singles.executeStep()) single_starts[singles.getColumn(0).getString()] = singles.getColumn(1).getInt64();
    SQLite::Statement move(db, "UPDATE sessions SET start = ? WHERE uid = ?");
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
        db,
        "INSERT INTO sessions(uid, start, end, source_id, room_id, day, title, title_en, kind, track, language, "
        "description, status, revision, delay_minutes, moved_from, cancelled_live, full, marks_revision) "
        "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT(uid, start) DO UPDATE SET end=excluded.end, source_id=excluded.source_id, "
        "room_id=excluded.room_id, day=excluded.day, title=excluded.title, title_en=excluded.title_en, "
        "kind=excluded.kind, track=excluded.track, language=excluded.language, description=excluded.description, "
        "status=excluded.status, revision=excluded.revision, delay_minutes=excluded.delay_minutes, "
        "moved_from=excluded.moved_from, cancelled_live=excluded.cancelled_live, full=excluded.full, "
        "marks_revision=excluded.marks_revision RETURNING id");
    SQLite::Statement speaker(db, "INSERT INTO speakers(session_id, position, name, role) VALUES(?, ?, ?, ?)");
    for (const Session& session : incoming.sessions) {
      auto room = room_ids.find(session.room_key);
      if (room == room_ids.end()) {
        throw StoreError(StoreError::Kind::Io,
                         path.string() + ": session " + session.uid + " names unknown room " + session.room_key);
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
      upsert.bind(15, session.marks.delay_minutes);
      upsert.bind(16, session.marks.moved_from);
      upsert.bind(17, session.marks.cancelled ? 1 : 0);
      upsert.bind(18, session.marks.full ? 1 : 0);
      upsert.bind(19, session.marks.revision);
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
    SQLite::Statement prune_sessions(db, "DELETE FROM sessions WHERE revision <> ?");
    prune_sessions.bind(1, revision);
    prune_sessions.exec();
    SQLite::Statement prune_rooms(db, "DELETE FROM rooms WHERE revision <> ?");
    prune_rooms.bind(1, revision);
    prune_rooms.exec();
  }
}

constexpr int kMaxDelayMinutes = 720;
constexpr std::size_t kMaxAnnouncementCharacters = 500;

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

/// " (read-only media: …)" when the file system holding `path` is mounted read-only (statvfs ST_RDONLY), the cause
/// to name when a write fails there; "" otherwise.
std::string ReadOnlyMedia(const std::filesystem::path& path) {
  const std::filesystem::path folder = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
  struct statvfs info {};
  if (::statvfs(folder.c_str(), &info) != 0 || (info.f_flag & ST_RDONLY) == 0) return {};
  return " (read-only media: the file system holding " + folder.string() +
         " is mounted read-only; copy the store to a writable disk, or give --db a path on one)";
}

/// True when nobody can write next to `path` (read-only media, or a folder this user may not write): SQLite cannot
/// make the -shm file a WAL store needs even to be read, so it is opened immutable.
bool FolderNotWritable(const std::filesystem::path& path) {
  const std::filesystem::path folder = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
  return !ReadOnlyMedia(path).empty() || ::access(folder.c_str(), W_OK) != 0;
}

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

}  // namespace

ScheduleStore::ScheduleStore(const std::filesystem::path& path, Mode mode) : m_path(path) {
  std::error_code ec;
  if (mode != Mode::ReadWrite && !std::filesystem::exists(path, ec)) {
    throw StoreError(StoreError::Kind::Missing, "no schedule store at " + path.string());
  }
  if (mode == Mode::ReadWrite && path.has_parent_path()) std::filesystem::create_directories(path.parent_path(), ec);
  int user_version = 0;
  try {
    int flags = mode == Mode::ReadOnly ? SQLite::OPEN_READONLY : (SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    if (mode == Mode::ReadOnly && FolderNotWritable(path)) {
      // Read-only media (a USB stick, a mounted image): no -shm can be made, and nobody writes, so the file is read
      // as immutable (SQLite URI parameter, no locks). A WAL left beside it is not read: stores are checkpointed
      // when their last connection closes.
      std::string uri = "file:";
      for (const unsigned char c : std::filesystem::absolute(path).string()) {
        const bool plain = std::isalnum(c) || c == '/' || c == '.' || c == '-' || c == '_' || c == '~';
        if (plain) {
          uri += static_cast<char>(c);
        } else {
          char escaped[4];
          std::snprintf(escaped, sizeof escaped, "%%%02X", c);
          uri += escaped;
        }
      }
      m_db = std::make_unique<SQLite::Database>(uri + "?immutable=1", flags | SQLITE_OPEN_URI, kBusyTimeoutMs);
    } else {
      m_db = std::make_unique<SQLite::Database>(path.string(), flags, kBusyTimeoutMs);
    }
    user_version = m_db->execAndGet("PRAGMA user_version").getInt();
  } catch (const SQLite::Exception& error) {
    int code = error.getErrorCode();
    auto kind = (code == SQLITE_NOTADB || code == SQLITE_CORRUPT) ? StoreError::Kind::Corrupt : StoreError::Kind::Io;
    throw StoreError(kind, "cannot open schedule store " + path.string() + ": " + error.what() + ReadOnlyMedia(path));
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
      // Each step in its own IMMEDIATE transaction, re-reading the version inside it: two processes opening a new
      // store at once must not both migrate.
      for (int step = 1; step <= kSchemaVersion; ++step) {
        SQLite::Transaction migrate(*m_db, SQLite::TransactionBehavior::IMMEDIATE);
        if (m_db->execAndGet("PRAGMA user_version").getInt() >= step) continue;
        if (step == 1) m_db->exec(kSchemaV1);
        if (step == 2) {
          m_db->exec(kSchemaV2);
          // The current programme becomes the imported programme of the latest revision, so live changes and
          // rollbacks work on a store made by schema 1.
          CurrentState current = ReadCurrentState(*m_db);
          if (current.number > 0) {
            const std::string json = store_json::ProgrammeToJson(ReadProgramme(*m_db, 1));
            SQLite::Statement set(*m_db, "UPDATE revisions SET base_id = ? WHERE number = ?");
            set.bind(1, InsertBase(*m_db, json, Sha256Hex(json)));
            set.bind(2, current.number);
            set.exec();
          }
        }
        m_db->exec("PRAGMA user_version=" + std::to_string(step));
        migrate.commit();
      }
    } catch (const SQLite::Exception& error) {
      throw StoreError(StoreError::Kind::Io,
                       "cannot prepare schedule store " + path.string() + ": " + error.what() + ReadOnlyMedia(path));
    }
  }
}

std::int64_t ScheduleStore::NowSeconds() const { return m_now ? m_now().time_since_epoch().count() : NowEpoch(); }

ScheduleStore::~ScheduleStore() = default;

std::optional<LoadedProgramme> ScheduleStore::Load() {
  try {
    ReadTransaction read(*m_db);
    const int schema = m_db->execAndGet("PRAGMA user_version").getInt();
    if (schema < 1) return std::nullopt;
    SQLite::Statement last(*m_db, RevisionQuery(schema) + " ORDER BY number DESC LIMIT 1");
    std::optional<RevisionInfo> revision = ReadRevision(last);
    if (!revision) return std::nullopt;
    LoadedProgramme loaded{ReadProgramme(*m_db, schema), std::move(*revision), {}};
    if (schema >= 2) loaded.announcements = ReadAnnouncements(*m_db);
    return loaded;
  } catch (const SQLite::Exception& error) {
    throw StoreError(StoreError::Kind::Corrupt, "cannot read schedule store " + m_path.string() + ": " + error.what());
  }
}

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

std::vector<Announcement> ScheduleStore::Announcements() {
  try {
    ReadTransaction read(*m_db);
    if (m_db->execAndGet("PRAGMA user_version").getInt() < 2) return {};
    return ReadAnnouncements(*m_db);
  } catch (const SQLite::Exception& error) {
    throw StoreError(StoreError::Kind::Corrupt,
                     "cannot read announcements of " + m_path.string() + ": " + error.what());
  }
}

std::vector<LiveChange> ScheduleStore::LiveChanges() {
  try {
    ReadTransaction read(*m_db);
    if (m_db->execAndGet("PRAGMA user_version").getInt() < 2) return {};
    return ParseChanges(ReadCurrentState(*m_db).changes_json, m_path);
  } catch (const SQLite::Exception& error) {
    throw StoreError(StoreError::Kind::Corrupt, "cannot read live changes of " + m_path.string() + ": " + error.what());
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
  for (Session& session : incoming.sessions) session.marks = {};
  incoming.Normalize();
  const std::string json = store_json::ProgrammeToJson(incoming);
  const std::string sha = Sha256Hex(json);
  const VenueZone zone(incoming.conference.time_zone);
  return InWriteTransaction(*m_db, m_path, [&](const CurrentState& current) {
    if (current.number > 0 && current.base_id && BaseSha(*m_db, *current.base_id) == sha)
      return Unchanged(current, "same programme as the current revision");

    CommitResult result = Changed(current, {});
    std::vector<LiveChange> kept;
    const std::vector<LiveChange> changes = ParseChanges(current.changes_json, m_path);
    if (current.base_id && !changes.empty()) {
      LiveChangeMerge merge = MergeLiveChanges(ReadBase(*m_db, *current.base_id, m_path), incoming, changes, zone);
      kept = std::move(merge.kept);
      result.overridden = std::move(merge.overridden);
      for (const std::string& line : merge.absorbed) result.notes.push_back("live change now in the file: " + line);
    }
    WriteProgrammeTables(*m_db, ApplyLiveChanges(incoming, kept), result.revision, m_path);

    RevisionRow row;
    row.number = result.revision;
    row.source_name = source_name;
    row.source_sha256 = source_sha256;
    row.sessions = static_cast<int>(incoming.sessions.size());
    row.rooms = static_cast<int>(incoming.rooms.size());
    for (const Warning& warning : warnings) row.warnings.push_back(warning.ToString());
    row.kind = "import";
    row.summary = "import " + std::filesystem::path(source_name).filename().string();
    if (!kept.empty()) row.summary += ", " + std::to_string(kept.size()) + " live changes kept";
    if (!result.overridden.empty())
      row.summary += ", " + std::to_string(result.overridden.size()) + " overridden by the file";
    for (const std::string& line : result.overridden) row.warnings.push_back("overrode live change: " + line);
    for (const std::string& line : result.notes) row.warnings.push_back(line);
    row.base_id = InsertBase(*m_db, json, sha);
    row.changes_json = store_json::ChangesToJson(kept);
    InsertRevision(*m_db, row);
    result.summary = row.summary;
    return result;
  });
}

CommitResult ScheduleStore::CommitChange(const ChangeRequest& request) {
  if (request.kind == ChangeKind::Delay && (request.minutes < -kMaxDelayMinutes || request.minutes > kMaxDelayMinutes))
    throw std::invalid_argument("a delay is a number of minutes from -720 to 720: got " +
                                std::to_string(request.minutes));
  return InWriteTransaction(*m_db, m_path, [&](const CurrentState& current) {
    if (current.number == 0 || !current.base_id)
      throw std::invalid_argument("no programme imported yet in " + m_path.string() + " (run kioskctl import)");
    const Programme base = ReadBase(*m_db, *current.base_id, m_path);
    const VenueZone zone(base.conference.time_zone);
    std::vector<LiveChange> changes = ParseChanges(current.changes_json, m_path);
    const Programme shown = ApplyLiveChanges(base, changes);

    // Organizers name the session as the screens show it; the change names it as imported.
    const Session& target = FindSession(shown, request.session, zone);
    const Instant imported_start = target.start - std::chrono::minutes{target.marks.delay_minutes};
    const Session* imported = nullptr;
    for (const Session& session : base.sessions)
      if (session.uid == target.uid && session.start == imported_start) imported = &session;
    if (imported == nullptr)
      throw StoreError(StoreError::Kind::Corrupt, m_path.string() + ": live changes name a session not imported");
    auto same_session = [&](const LiveChange& c) {
      return c.session_uid == imported->uid && c.session_start == imported->start;
    };

    const std::string label = SessionLabel(shown, target, zone);
    LiveChange change;
    change.revision = current.number + 1;
    change.kind = request.kind;
    change.session_uid = imported->uid;
    change.session_start = imported->start;
    change.made_at = Instant{std::chrono::seconds{NowSeconds()}};
    std::string summary;
    switch (request.kind) {
      case ChangeKind::Delay: {
        if (request.minutes == target.marks.delay_minutes)
          return Unchanged(current, label + (request.minutes == 0 ? " is not delayed"
                                                                  : " is already delayed by " +
                                                                        std::to_string(request.minutes) + " min"));
        const std::chrono::minutes delay{request.minutes};
        for (const Session& other : base.sessions)
          if (other.uid == imported->uid && &other != imported && other.start == imported->start + delay)
            throw std::invalid_argument(label + " would start with its own repeat at " + zone.FormatHm(other.start) +
                                        ": delay that occurrence instead");
        // MINUTES is the whole delay against the programme: it replaces the previous one, so a command typed twice
        // never doubles it, and 0 clears it.
        std::erase_if(changes, [&](const LiveChange& c) { return c.kind == ChangeKind::Delay && same_session(c); });
        change.minutes = request.minutes;
        summary = request.minutes == 0
                      ? "delay cleared for " + label + ": back at " + zone.FormatHm(imported->start) + "-" +
                            zone.FormatHm(imported->end)
                      : "delay " + label + " " + (request.minutes > 0 ? "+" : "") + std::to_string(request.minutes) +
                            " min: now " + zone.FormatHm(imported->start + delay) + "-" +
                            zone.FormatHm(imported->end + delay);
        break;
      }
      case ChangeKind::Move: {
        const Room& room = FindRoom(base, request.room);
        if (room.key == target.room_key) return Unchanged(current, label + " is already in " + room.name);
        change.room_key = room.key;
        change.before = imported->room_key;
        summary = "move " + label + " to " + room.name;
        break;
      }
      case ChangeKind::Cancel:
        if (target.status == SessionStatus::Cancelled) return Unchanged(current, label + " is already cancelled");
        change.before = "confirmed";
        summary = "cancel " + label;
        break;
      case ChangeKind::Full:
        if (target.marks.full) return Unchanged(current, label + " is already marked full");
        summary = "full " + label;
        break;
      case ChangeKind::Open:
        if (!target.marks.full) return Unchanged(current, label + " is not marked full");
        summary = "open " + label + " (no longer full)";
        break;
    }
    // Open takes the full mark away rather than adding to the list; a cleared delay leaves nothing behind.
    if (request.kind == ChangeKind::Open)
      std::erase_if(changes, [&](const LiveChange& c) { return c.kind == ChangeKind::Full && same_session(c); });
    else if (!(request.kind == ChangeKind::Delay && request.minutes == 0))
      changes.push_back(change);
    const Programme next = ApplyLiveChanges(base, changes);

    CommitResult result = Changed(current, summary);
    if (request.kind == ChangeKind::Delay || request.kind == ChangeKind::Move) {
      const Instant start =
          imported->start +
          std::chrono::minutes{request.kind == ChangeKind::Delay ? request.minutes : target.marks.delay_minutes};
      for (const Session& session : next.sessions)
        if (session.uid == change.session_uid && session.start == start)
          result.notes = OverlapNotes(next, session, zone);
    }
    WriteProgrammeTables(*m_db, next, result.revision, m_path);
    RevisionRow row =
        RowWithProgrammeOf(current, current.number + 1, std::string(ChangeKindName(request.kind)), summary);
    row.warnings = result.notes;
    row.changes_json = store_json::ChangesToJson(changes);
    InsertRevision(*m_db, row);
    return result;
  });
}

CommitResult ScheduleStore::Announce(Announcement announcement) {
  if (Trim(announcement.text).empty()) throw std::invalid_argument("an announcement needs a text");
  // A notice is read from 5 m in a few seconds; a long one would also cost the screen seconds a frame to lay out.
  for (const std::string* text : {&announcement.text, &announcement.text_en}) {
    const std::size_t characters = static_cast<std::size_t>(std::count_if(
        text->begin(), text->end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
    if (characters > kMaxAnnouncementCharacters)
      throw std::invalid_argument("an announcement is at most " + std::to_string(kMaxAnnouncementCharacters) +
                                  " characters in each language; this one has " + std::to_string(characters));
    if (!IsValidUtf8(*text)) throw std::invalid_argument("an announcement must be UTF-8 text");
  }
  const std::int64_t now = NowSeconds();
  if (announcement.priority == AnnouncementPriority::Emergency &&
      (announcement.until || !announcement.room_keys.empty()))
    throw std::invalid_argument("an emergency notice goes to every screen until cleared: no --until, no --room");
  if (announcement.until && announcement.until->time_since_epoch().count() <= now)
    throw std::invalid_argument("--until is in the past: the announcement would never show");
  return InWriteTransaction(*m_db, m_path, [&](const CurrentState& current) {
    if (current.number == 0)
      throw std::invalid_argument("no programme imported yet in " + m_path.string() + " (run kioskctl import)");
    std::vector<std::string> keys;
    if (!announcement.room_keys.empty()) {
      const Programme shown = ReadProgramme(*m_db, kSchemaVersion);
      for (const std::string& query : announcement.room_keys) {
        const std::string key = FindRoom(shown, query).key;
        if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(key);
      }
    }
    SQLite::Statement insert(*m_db,
                             "INSERT INTO announcements(revision, text, text_en, priority, until, rooms, made_at) "
                             "VALUES(?, ?, ?, ?, ?, ?, ?) RETURNING id");
    insert.bind(1, current.number + 1);
    insert.bind(2, std::string(Trim(announcement.text)));
    insert.bind(3, std::string(Trim(announcement.text_en)));
    insert.bind(4, std::string(PriorityName(announcement.priority)));
    if (announcement.until)
      insert.bind(5, ToEpoch(*announcement.until));
    else
      insert.bind(5);
    insert.bind(6, store_json::StringsToJson(keys));
    insert.bind(7, now);
    insert.executeStep();
    CommitResult result = Changed(current, {});
    result.announcement_id = insert.getColumn(0).getInt64();
    insert.reset();
    result.summary = "announce " + std::string(PriorityName(announcement.priority)) + " #" +
                     std::to_string(result.announcement_id) + ": " + std::string(Trim(announcement.text));
    InsertRevision(*m_db, RowWithProgrammeOf(current, current.number + 1, "announce", result.summary));
    return result;
  });
}

CommitResult ScheduleStore::ClearAnnouncement(std::int64_t id) {
  return InWriteTransaction(*m_db, m_path, [&](const CurrentState& current) {
    SQLite::Statement text(*m_db, "SELECT text FROM announcements WHERE id = ? AND cleared_revision IS NULL");
    text.bind(1, id);
    if (current.number == 0 || !text.executeStep())
      throw LookupError("no announcement " + std::to_string(id) + " is on screen (see kioskctl announcements)");
    CommitResult result = Changed(current, "clear #" + std::to_string(id) + ": " + text.getColumn(0).getString());
    result.announcement_id = id;
    text.reset();
    SQLite::Statement clear(*m_db, "UPDATE announcements SET cleared_revision = ? WHERE id = ?");
    clear.bind(1, result.revision);
    clear.bind(2, id);
    clear.exec();
    InsertRevision(*m_db, RowWithProgrammeOf(current, current.number + 1, "clear", result.summary));
    return result;
  });
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

std::filesystem::path DefaultStorePath() {
  if (const char* env = std::getenv("KIOSK_DB"); env && *env) return env;
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg)
    return std::filesystem::path(xdg) / "kiosk" / "schedule.db";
  const char* home = std::getenv("HOME");
  return std::filesystem::path(home && *home ? home : ".") / ".local" / "share" / "kiosk" / "schedule.db";
}

}  // namespace kiosk
