// The schedule store's file: its schema and migrations, opening it (immutable on read-only media), and where it lives.
#include <sys/statvfs.h>
#include <unistd.h>

#include <cctype>
#include <cstdio>
#include <cstdlib>

#include <SQLiteCpp/SQLiteCpp.h>
#include <sqlite3.h>

#include "kiosk/store/ScheduleStore.h"
#include "kiosk/store/ScheduleStoreInternal.h"
#include "kiosk/store/StoreJson.h"

namespace kiosk {

using namespace schedule_detail;

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

// Version 3: simultaneous interpretation (issue 13). Languages are the ISO 639-1 codes joined with ',' ("FR,EN");
// both empty for a session without interpretation, which is what every session of an older store becomes.
constexpr const char* kSchemaV3 = R"sql(
ALTER TABLE sessions ADD COLUMN interpretation_languages TEXT NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN interpretation_channel TEXT NOT NULL DEFAULT '';
)sql";

/// True when nobody can write next to `path` (read-only media, or a folder this user may not write): SQLite cannot
/// make the -shm file a WAL store needs even to be read, so it is opened immutable.
bool FolderNotWritable(const std::filesystem::path& path) {
  const std::filesystem::path folder = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
  return !ReadOnlyMedia(path).empty() || ::access(folder.c_str(), W_OK) != 0;
}

}  // namespace

namespace schedule_detail {

std::string ReadOnlyMedia(const std::filesystem::path& path) {
  const std::filesystem::path folder = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
  struct statvfs info {};
  if (::statvfs(folder.c_str(), &info) != 0 || (info.f_flag & ST_RDONLY) == 0) return {};
  return " (read-only media: the file system holding " + folder.string() +
         " is mounted read-only; copy the store to a writable disk, or give --db a path on one)";
}

}  // namespace schedule_detail

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
        if (step == 3) m_db->exec(kSchemaV3);
        m_db->exec("PRAGMA user_version=" + std::to_string(step));
        migrate.commit();
      }
    } catch (const SQLite::Exception& error) {
      throw StoreError(StoreError::Kind::Io,
                       "cannot prepare schedule store " + path.string() + ": " + error.what() + ReadOnlyMedia(path));
    }
  }
}

ScheduleStore::~ScheduleStore() = default;

std::int64_t ScheduleStore::DataVersion() {
  try {
    return m_db->execAndGet("PRAGMA data_version").getInt64();
  } catch (const SQLite::Exception& error) {
    throw StoreError(StoreError::Kind::Io, "cannot poll " + m_path.string() + ": " + error.what());
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
