// The registrant store's file: where it lives, its schema, opening (and creating) it, and what identifies it.
#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <thread>

#include <SQLiteCpp/SQLiteCpp.h>
#include <sqlite3.h>

#include "kiosk/store/RegistrantStore.h"

namespace kiosk {
namespace {

constexpr int kBusyTimeoutMs = 5000;
/// How often a connection waiting for the write lock tries again (BusyWait).
constexpr auto kBusyPoll = std::chrono::milliseconds{2};

/// The busy handler of every registrant store connection: tries again every kBusyPoll for kBusyTimeoutMs. SQLite's
/// own (sqlite3_busy_timeout) sleeps up to 100 ms between tries, so a desk's check-in could miss every short gap
/// between the transactions of a staged import (RegistrantStore::Import) and wait the whole timeout; polling finds
/// the gap within kBusyPoll (issue 13 section 4).
int BusyWait(void*, int count) {
  thread_local std::chrono::steady_clock::time_point first;
  const auto now = std::chrono::steady_clock::now();
  if (count == 0) first = now;
  if (now - first >= std::chrono::milliseconds{kBusyTimeoutMs}) return 0;
  std::this_thread::sleep_for(kBusyPoll);
  return 1;
}
/// PRAGMA application_id of a registrant store ("KRGS"): a schedule store (0) or any other SQLite file is refused.
constexpr std::int32_t kApplicationId = 0x4B524753;

// Version 1. registrants.id is the FTS5 rowid (stable across VACUUM, unlike an implicit rowid); order_code is the
// identity. Search rows hold SearchText of each field; registrant_names repeats the two name fields so that the
// exact-name tiers of Search never scan the doclists of words common in organisations and e-mails ("ville", "org").
// Events are append-only: triggers refuse UPDATE and DELETE.
constexpr const char* kSchemaV1 = R"sql(
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT INTO meta(key, value) VALUES('kind', 'kiosk registrant store');
CREATE TABLE registrants(
  id INTEGER PRIMARY KEY, order_code TEXT NOT NULL UNIQUE, first_name TEXT NOT NULL, last_name TEXT NOT NULL,
  organisation TEXT NOT NULL, email TEXT NOT NULL, category TEXT NOT NULL, country TEXT NOT NULL, days TEXT NOT NULL,
  appointments TEXT NOT NULL, note TEXT NOT NULL, withdrawn INTEGER NOT NULL DEFAULT 0, revision INTEGER NOT NULL);
CREATE VIRTUAL TABLE registrant_search USING fts5(
  first_name, last_name, organisation, email, order_code,
  tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3 4 5 6');
CREATE VIRTUAL TABLE registrant_names USING fts5(
  first_name, last_name, tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3');
CREATE TABLE checkin_events(
  seq INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, order_code TEXT NOT NULL, desk TEXT NOT NULL,
  at_ms INTEGER NOT NULL, kind TEXT NOT NULL CHECK(kind IN ('in', 'undo')), undoes TEXT NOT NULL,
  local INTEGER NOT NULL);
CREATE INDEX checkin_events_by_code ON checkin_events(order_code, kind, at_ms, uuid);
CREATE INDEX checkin_events_by_undoes ON checkin_events(undoes);
CREATE INDEX registrants_by_group ON registrants(withdrawn, category, days);
CREATE INDEX checkin_events_local ON checkin_events(local, seq);
CREATE TRIGGER checkin_events_no_update BEFORE UPDATE ON checkin_events
  BEGIN SELECT RAISE(ABORT, 'check-in events are append-only'); END;
CREATE TRIGGER checkin_events_no_delete BEFORE DELETE ON checkin_events
  BEGIN SELECT RAISE(ABORT, 'check-in events are append-only'); END;
CREATE TABLE counters(name TEXT PRIMARY KEY, value INTEGER NOT NULL);
)sql";

// Version 2 (issue 13): ticket codes. registrants.ticket_codes holds a registrant's Registrant::ticket_codes, one a
// line (the row an import compares); registrant_codes maps each code to its registrant's order code for the desk's
// scan (Find), one registrant per code. A version 1 store is migrated when opened (the codes are empty).
constexpr const char* kMigrateToV2 = R"sql(
ALTER TABLE registrants ADD COLUMN ticket_codes TEXT NOT NULL DEFAULT '';
CREATE TABLE registrant_codes(code TEXT PRIMARY KEY, order_code TEXT NOT NULL) WITHOUT ROWID;
CREATE INDEX registrant_codes_by_order ON registrant_codes(order_code);
PRAGMA user_version=2;
)sql";

/// Migrates a version 1 store to the current version in one IMMEDIATE transaction (re-reading the version inside it,
/// so two connections opening it at once migrate it once).
void Migrate(SQLite::Database& db) {
  SQLite::Transaction migrate(db, SQLite::TransactionBehavior::IMMEDIATE);
  if (db.execAndGet("PRAGMA user_version").getInt() == 1) db.exec(kMigrateToV2);
  migrate.commit();
}

}  // namespace

std::filesystem::path DefaultRegistrantStorePath() {
  if (const char* env = std::getenv("KIOSK_PEOPLE"); env && *env) return env;
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg)
    return std::filesystem::path(xdg) / "kiosk" / "registrants.db";
  const char* home = std::getenv("HOME");
  return std::filesystem::path(home && *home ? home : ".") / ".local" / "share" / "kiosk" / "registrants.db";
}

RegistrantStore::RegistrantStore(const std::filesystem::path& path, Mode mode) : m_path(path) {
  std::error_code ec;
  if (mode != Mode::ReadWrite && !std::filesystem::exists(path, ec)) {
    throw StoreError(StoreError::Kind::Missing, "no registrant store at " + path.string());
  }
  if (mode == Mode::ReadWrite && path.has_parent_path()) std::filesystem::create_directories(path.parent_path(), ec);
  if (mode == Mode::ReadWrite && !std::filesystem::exists(path, ec)) {
    // Personal data: readable by its owner only. SQLite gives the -wal and -shm files the database file's mode.
    const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd >= 0) ::close(fd);
  }
  int user_version = 0;
  std::int32_t application_id = 0;
  int tables = 0;
  try {
    int flags = mode == Mode::ReadOnly ? SQLite::OPEN_READONLY : (SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    m_db = std::make_unique<SQLite::Database>(path.string(), flags, kBusyTimeoutMs);
    sqlite3_busy_handler(m_db->getHandle(), BusyWait, nullptr);
    user_version = m_db->execAndGet("PRAGMA user_version").getInt();
    application_id = m_db->execAndGet("PRAGMA application_id").getInt();
    tables = m_db->execAndGet("SELECT count(*) FROM sqlite_master").getInt();
  } catch (const SQLite::Exception& error) {
    int code = error.getErrorCode();
    auto kind = (code == SQLITE_NOTADB || code == SQLITE_CORRUPT) ? StoreError::Kind::Corrupt : StoreError::Kind::Io;
    throw StoreError(kind, "cannot open registrant store " + path.string() + ": " + error.what());
  }
  // Checked before the version: a schedule store has a higher user_version, and must say what it is, not "newer".
  if (application_id != kApplicationId && (user_version != 0 || tables != 0)) {
    throw StoreError(StoreError::Kind::Corrupt, path.string() + " is not a registrant store");
  }
  if (user_version > kSchemaVersion) {
    throw StoreError(StoreError::Kind::NewerSchema, "registrant store " + path.string() + " has schema version " +
                                                        std::to_string(user_version) + ", newer than this kiosk's " +
                                                        std::to_string(kSchemaVersion));
  }
  try {
    // A desk searches on every keystroke: keep the search index in memory (SQLite's default cache is 2 MiB; the index
    // of 100 000 registrants is about 30 MiB), and read it mapped rather than copied.
    m_db->exec("PRAGMA cache_size=-65536");
    m_db->exec("PRAGMA mmap_size=268435456");
  } catch (const SQLite::Exception&) {
    // only a slower search
  }
  if (mode == Mode::ReadOnly) {
    if (user_version == 0) throw StoreError(StoreError::Kind::Missing, "no registrant store at " + path.string());
    if (user_version < kSchemaVersion) {
      // A store of the previous version is read with the current columns: migrated once, by a connection of its own.
      try {
        SQLite::Database writer(path.string(), SQLite::OPEN_READWRITE, kBusyTimeoutMs);
        sqlite3_busy_handler(writer.getHandle(), BusyWait, nullptr);
        Migrate(writer);
      } catch (const SQLite::Exception& error) {
        throw StoreError(StoreError::Kind::Io, "cannot migrate registrant store " + path.string() +
                                                   " to schema version " + std::to_string(kSchemaVersion) + ": " +
                                                   error.what());
      }
    }
    return;
  }
  try {
    m_db->exec("PRAGMA journal_mode=WAL");
    m_db->exec("PRAGMA synchronous=NORMAL");
    // An existing store needs no write lock to open: a desk must open while a long import holds it.
    if (user_version >= kSchemaVersion) return;
    if (user_version >= 1) {
      Migrate(*m_db);
      return;
    }
    // Re-read inside the IMMEDIATE transaction: two desks opening a new file at once must not both create it.
    SQLite::Transaction create(*m_db, SQLite::TransactionBehavior::IMMEDIATE);
    if (m_db->execAndGet("PRAGMA user_version").getInt() < 1) {
      m_db->exec(kSchemaV1);
      m_db->exec("PRAGMA application_id=" + std::to_string(kApplicationId));
      m_db->exec("PRAGMA user_version=1");
      m_db->exec(kMigrateToV2);
    }
    create.commit();
  } catch (const SQLite::Exception& error) {
    throw StoreError(StoreError::Kind::Io, "cannot prepare registrant store " + path.string() + ": " + error.what());
  }
}

RegistrantStore::~RegistrantStore() = default;

std::int64_t RegistrantStore::DataVersion() {
  try {
    return m_db->execAndGet("PRAGMA data_version").getInt64();
  } catch (const SQLite::Exception& error) {
    throw StoreError(StoreError::Kind::Io, "cannot poll " + m_path.string() + ": " + error.what());
  }
}

std::int32_t RegistrantStore::ApplicationId() { return kApplicationId; }

}  // namespace kiosk
