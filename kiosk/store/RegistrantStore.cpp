// The registrant store's rows: the helpers its files share (RegistrantStoreInternal.h), registrant import, the list
// revision, uuids and the staff PIN. The file and its schema: RegistrantSchema.cpp; search: RegistrantLookup.cpp and
// RegistrantSearch.cpp; check-in events and counters: RegistrantEvents.cpp; the hub sync's cursors: RegistrantSync.cpp.
#include "kiosk/store/RegistrantStore.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include <SQLiteCpp/SQLiteCpp.h>
#include <sodium.h>
#include <nlohmann/json.hpp>

#include "kiosk/store/RegistrantStoreInternal.h"

namespace kiosk {

using namespace registrant_detail;

namespace {

void InitSodium() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (sodium_init() < 0) throw std::runtime_error("libsodium cannot be initialised");
  });
}

std::string JoinDays(const std::vector<Day>& days) {
  std::string text;
  for (const Day& day : days) {
    if (!text.empty()) text += ',';
    text += FormatDay(day);
  }
  return text;
}

std::int64_t ToEpoch(Instant instant) { return instant.time_since_epoch().count(); }
Instant FromEpoch(std::int64_t seconds) { return Instant{std::chrono::seconds{seconds}}; }

/// Appointments as a JSON array of {start, end (UTC epoch seconds), title, place}; invalid UTF-8 replaced.
std::string AppointmentsToJson(const std::vector<RegistrantAppointment>& appointments) {
  nlohmann::json array = nlohmann::json::array();
  for (const RegistrantAppointment& a : appointments) {
    array.push_back({{"start", ToEpoch(a.start)}, {"end", ToEpoch(a.end)}, {"title", a.title}, {"place", a.place}});
  }
  return array.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::vector<RegistrantAppointment> AppointmentsFromJson(const std::string& text) {
  std::vector<RegistrantAppointment> appointments;
  const nlohmann::json array = nlohmann::json::parse(text);
  for (const nlohmann::json& item : array) {
    appointments.push_back({FromEpoch(item.at("start").get<std::int64_t>()),
                            FromEpoch(item.at("end").get<std::int64_t>()), item.at("title").get<std::string>(),
                            item.at("place").get<std::string>()});
  }
  return appointments;
}

/// The stored text of a registrant's columns (order_code … note), in kRegistrantColumns order, so that an import
/// compares what it would write with what is there.
std::vector<std::string> RowText(const Registrant& registrant) {
  return {registrant.order_code,
          registrant.first_name,
          registrant.last_name,
          registrant.organisation,
          registrant.email,
          registrant.category,
          registrant.country,
          JoinDays(registrant.days),
          AppointmentsToJson(registrant.appointments),
          registrant.note,
          JoinTicketCodes(registrant.ticket_codes)};
}

std::int64_t ReadRevision(SQLite::Database& db) {
  std::optional<std::string> value = GetMeta(db, "registrant_revision");
  return value ? std::stoll(*value) : 0;
}

bool IsPin(std::string_view pin) {
  return pin.size() >= 4 && pin.size() <= 12 &&
         std::all_of(pin.begin(), pin.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

namespace {

/// An import that writes more rows than this is staged (ImportStaged); a smaller one is one transaction.
constexpr int kStagedImportRows = 2000;
/// A staging transaction commits once it has held the write lock this long (a desk's check-in waits at most about
/// this, plus the publishing transaction's), then the import leaves the lock free for kStagingGap so that a waiting
/// check-in (polling every 2 ms: BusyWait in RegistrantSchema.cpp) takes it.
constexpr auto kStagingSlice = std::chrono::milliseconds{150};
constexpr auto kStagingGap = std::chrono::milliseconds{10};

// The next list, written beside the live one (issue 13 section 4). Same columns as RegistrantSchema.cpp's version 2;
// the indexes are made on the empty tables (kept up by each slice's inserts), named @GROUP@ and @CODES@: the live
// tables' index names with "_b" added or removed, as index names are the database's, not the table's.
constexpr const char* kStagingSchema = R"sql(
DROP TABLE IF EXISTS registrants_next;
DROP TABLE IF EXISTS registrant_search_next;
DROP TABLE IF EXISTS registrant_names_next;
DROP TABLE IF EXISTS registrant_codes_next;
DROP TABLE IF EXISTS registrants_old;
DROP TABLE IF EXISTS registrant_search_old;
DROP TABLE IF EXISTS registrant_names_old;
DROP TABLE IF EXISTS registrant_codes_old;
CREATE TABLE registrants_next(
  id INTEGER PRIMARY KEY, order_code TEXT NOT NULL UNIQUE, first_name TEXT NOT NULL, last_name TEXT NOT NULL,
  organisation TEXT NOT NULL, email TEXT NOT NULL, category TEXT NOT NULL, country TEXT NOT NULL, days TEXT NOT NULL,
  appointments TEXT NOT NULL, note TEXT NOT NULL, withdrawn INTEGER NOT NULL DEFAULT 0, revision INTEGER NOT NULL,
  ticket_codes TEXT NOT NULL DEFAULT '');
CREATE VIRTUAL TABLE registrant_search_next USING fts5(
  first_name, last_name, organisation, email, order_code,
  tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3 4 5 6');
CREATE VIRTUAL TABLE registrant_names_next USING fts5(
  first_name, last_name, tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3');
CREATE TABLE registrant_codes_next(code TEXT PRIMARY KEY, order_code TEXT NOT NULL) WITHOUT ROWID;
CREATE INDEX @GROUP@ ON registrants_next(withdrawn, category, days);
CREATE INDEX @CODES@ ON registrant_codes_next(order_code);
)sql";

// The swap, schema edits only (FTS5 renames its shadow tables): the old tables are dropped afterwards, each in a
// transaction of its own (kDropOld), as freeing their pages takes a while.
constexpr const char* kPublishStaged = R"sql(
ALTER TABLE registrants RENAME TO registrants_old;
ALTER TABLE registrant_search RENAME TO registrant_search_old;
ALTER TABLE registrant_names RENAME TO registrant_names_old;
ALTER TABLE registrant_codes RENAME TO registrant_codes_old;
ALTER TABLE registrants_next RENAME TO registrants;
ALTER TABLE registrant_search_next RENAME TO registrant_search;
ALTER TABLE registrant_names_next RENAME TO registrant_names;
ALTER TABLE registrant_codes_next RENAME TO registrant_codes;
)sql";
constexpr std::array<const char*, 4> kDropOld{
    "DROP TABLE IF EXISTS registrants_old", "DROP TABLE IF EXISTS registrant_search_old",
    "DROP TABLE IF EXISTS registrant_names_old", "DROP TABLE IF EXISTS registrant_codes_old"};

/// `sql` with every `from` replaced by `to`.
std::string ReplaceAll(std::string sql, std::string_view from, std::string_view to) {
  for (std::size_t at = sql.find(from); at != std::string::npos; at = sql.find(from, at + to.size())) {
    sql.replace(at, from.size(), to);
  }
  return sql;
}

/// The name the next list's index takes: `name` + "_b" when the live table `table` has the index `name`, else
/// `name` (a leftover *_old table holding it is dropped by kStagingSchema before the index is made).
std::string NextIndexName(SQLite::Database& db, const std::string& name, const char* table) {
  SQLite::Statement query(db, "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = ? AND tbl_name = ?");
  query.bind(1, name);
  query.bind(2, table);
  query.executeStep();
  return query.getColumn(0).getInt() > 0 ? name + "_b" : name;
}

/// One row of the live list, as an import compares it.
struct ExistingRow {
  std::int64_t id = 0;
  std::vector<std::string> text;  ///< RowText order
  bool withdrawn = false;
  std::int64_t revision = 0;
  bool seen = false;
};

/// A large import that never holds the write lock long (issue 13 section 4: desks keep checking in during an
/// import of 100 000 registrants), and still appears at once to readers: the whole next list (every row, its search
/// rows and codes) is written into *_next tables in transactions of at most kStagingSlice, then published by one
/// short transaction that swaps the tables by renaming them and sets the revision (WAL readers see the old list or
/// the new one, never a mix); the old tables are then dropped one by one. An import that changes nothing returns at
/// once, without the write lock. Returns nullopt, writing nothing, when the import changes at most
/// kStagedImportRows rows (the caller writes it in one transaction, as before). Throws StoreError (Io) when another
/// import started or finished meanwhile (the live list is then unchanged).
std::optional<RegistrantImportSummary> ImportStaged(SQLite::Database& db, const std::filesystem::path& path,
                                                    const std::vector<Registrant>& incoming,
                                                    const std::string& source_name) {
  using Clock = std::chrono::steady_clock;
  // The plan, read without the write lock.
  std::unordered_map<std::string, ExistingRow> existing;
  std::int64_t current = 0, max_id = 0;
  InReadTransaction(db, path, [&]() {
    current = ReadRevision(db);
    SQLite::Statement all(db, std::string("SELECT id, ") + kRegistrantColumns + ", revision FROM registrants");
    while (all.executeStep()) {
      ExistingRow row;
      row.id = all.getColumn(0).getInt64();
      max_id = std::max(max_id, row.id);
      for (int c = 1; c <= 10; ++c) row.text.push_back(all.getColumn(c).getString());
      row.withdrawn = all.getColumn(11).getInt() != 0;
      row.text.push_back(all.getColumn(12).getString());
      row.revision = all.getColumn(13).getInt64();
      std::string code = row.text[0];
      existing.emplace(std::move(code), std::move(row));
    }
    return 0;
  });
  RegistrantImportSummary summary;
  const std::int64_t next = current + 1;
  struct Planned {
    std::int64_t id = 0;
    std::int64_t revision = 0;
    std::vector<std::string> text;
  };
  std::vector<Planned> planned;
  planned.reserve(incoming.size());
  for (const Registrant& registrant : incoming) {
    std::vector<std::string> text = RowText(registrant);
    auto it = existing.find(registrant.order_code);
    if (it == existing.end()) {
      planned.push_back({++max_id, next, std::move(text)});
      ++summary.added;
      continue;
    }
    ExistingRow& row = it->second;
    row.seen = true;
    const bool unchanged = row.text == text && !row.withdrawn;
    planned.push_back({row.id, unchanged ? row.revision : next, std::move(text)});
    ++(unchanged ? summary.unchanged : summary.updated);
  }
  std::vector<std::pair<std::int64_t, std::int64_t>> kept;  // withdrawn rows: id, revision
  for (const auto& [code, row] : existing) {
    if (row.seen) continue;
    kept.emplace_back(row.id, row.withdrawn ? row.revision : next);
    summary.withdrawn += row.withdrawn ? 0 : 1;
  }
  if (summary.added + summary.updated + summary.withdrawn == 0) {  // nothing to write: no write lock at all
    summary.revision = current;
    return summary;
  }
  if (summary.added + summary.updated + summary.withdrawn <= kStagedImportRows) return std::nullopt;

  const std::string token = NewUuid();
  auto slice = [&](auto&& work) {  // one transaction; `work(deadline)` returns when done or past the deadline
    InWriteTransaction(db, path, [&]() -> std::pair<bool, int> {
      if (GetMeta(db, "registrant_staging") != token) {
        throw StoreError(StoreError::Kind::Io, "another import of the registrant list started while importing " +
                                                   source_name + " into " + path.string() + ": nothing changed");
      }
      work(Clock::now() + kStagingSlice);
      return {true, 0};
    });
    std::this_thread::sleep_for(kStagingGap);
  };
  InWriteTransaction(db, path, [&]() -> std::pair<bool, int> {
    std::string schema =
        ReplaceAll(kStagingSchema, "@GROUP@", NextIndexName(db, "registrants_by_group", "registrants"));
    db.exec(ReplaceAll(schema, "@CODES@", NextIndexName(db, "registrant_codes_by_order", "registrant_codes")));
    SetMeta(db, "registrant_staging", token);
    return {true, 0};
  });
  SQLite::Statement insert(db,
                           "INSERT INTO registrants_next(id, order_code, first_name, last_name, organisation, email, "
                           "category, country, days, appointments, note, ticket_codes, withdrawn, revision) "
                           "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)");
  SQLite::Statement insert_search(db,
                                  "INSERT INTO registrant_search_next(rowid, first_name, last_name, organisation, "
                                  "email, order_code) VALUES(?, ?, ?, ?, ?, ?)");
  SQLite::Statement insert_names(db, "INSERT INTO registrant_names_next(rowid, first_name, last_name) VALUES(?, ?, ?)");
  SQLite::Statement insert_code(db, "INSERT OR IGNORE INTO registrant_codes_next(code, order_code) VALUES(?, ?)");
  std::size_t done = 0;
  while (done < planned.size()) {
    slice([&](Clock::time_point deadline) {
      for (; done < planned.size() && Clock::now() < deadline; ++done) {
        const Planned& row = planned[done];
        const Registrant& r = incoming[done];
        insert.bind(1, row.id);
        for (int c = 0; c < 11; ++c) insert.bind(c + 2, row.text[static_cast<std::size_t>(c)]);
        insert.bind(13, row.revision);
        insert.exec();
        insert.reset();
        insert_search.bind(1, row.id);
        insert_search.bind(2, SearchText(r.first_name));
        insert_search.bind(3, SearchText(r.last_name));
        insert_search.bind(4, SearchText(r.organisation));
        insert_search.bind(5, SearchText(r.email));
        insert_search.bind(6, SearchText(r.order_code));
        insert_search.exec();
        insert_search.reset();
        insert_names.bind(1, row.id);
        insert_names.bind(2, SearchText(r.first_name));
        insert_names.bind(3, SearchText(r.last_name));
        insert_names.exec();
        insert_names.reset();
        for (const std::string& code : r.ticket_codes) {
          insert_code.bind(1, code);
          insert_code.bind(2, r.order_code);
          insert_code.exec();
          insert_code.reset();
        }
      }
    });
  }
  // Withdrawn rows are copied as they are, marked withdrawn; their codes unless a listed registrant has them now.
  SQLite::Statement copy(db, std::string("INSERT INTO registrants_next(id, ") + kRegistrantColumns +
                                 ", revision) SELECT id, order_code, first_name, last_name, organisation, email, "
                                 "category, country, days, appointments, note, 1, ticket_codes, ?2 FROM registrants "
                                 "WHERE id = ?1");
  SQLite::Statement copy_search(db,
                                "INSERT INTO registrant_search_next(rowid, first_name, last_name, organisation, email, "
                                "order_code) SELECT rowid, first_name, last_name, organisation, email, order_code "
                                "FROM registrant_search WHERE rowid = ?");
  SQLite::Statement copy_names(db,
                               "INSERT INTO registrant_names_next(rowid, first_name, last_name) SELECT rowid, "
                               "first_name, last_name FROM registrant_names WHERE rowid = ?");
  SQLite::Statement copy_codes(db,
                               "INSERT OR IGNORE INTO registrant_codes_next(code, order_code) SELECT code, order_code "
                               "FROM registrant_codes WHERE order_code = (SELECT order_code FROM registrants WHERE id "
                               "= ?)");
  done = 0;
  while (done < kept.size()) {
    slice([&](Clock::time_point deadline) {
      for (; done < kept.size() && Clock::now() < deadline; ++done) {
        copy.bind(1, kept[done].first);
        copy.bind(2, kept[done].second);
        copy.exec();
        copy.reset();
        for (SQLite::Statement* statement : {&copy_search, &copy_names, &copy_codes}) {
          statement->bind(1, kept[done].first);
          statement->exec();
          statement->reset();
        }
      }
    });
  }
  // Rows written in many transactions leave many FTS5 segments: merged in slices into one, as 'optimize' would
  // (a negative merge merges across levels; little or no work written means it is done).
  for (const char* table : {"registrant_search_next", "registrant_names_next"}) {
    bool merged = false;
    while (!merged) {
      slice([&](Clock::time_point deadline) {
        while (!merged && Clock::now() < deadline) {
          const int before = db.getTotalChanges();
          db.exec(std::string("INSERT INTO ") + table + "(" + table + ", rank) VALUES('merge', -64)");
          merged = db.getTotalChanges() - before < 2;
        }
      });
    }
  }
  InWriteTransaction(db, path, [&]() -> std::pair<bool, int> {
    if (GetMeta(db, "registrant_staging") != token || ReadRevision(db) != current) {
      throw StoreError(StoreError::Kind::Io, "another import of the registrant list ran while importing " +
                                                 source_name + " into " + path.string() + ": nothing changed");
    }
    db.exec(kPublishStaged);
    db.exec("DELETE FROM meta WHERE key = 'registrant_staging'");
    SetMeta(db, "registrant_revision", std::to_string(next));
    SetMeta(db, "registrant_source", source_name);
    return {true, 0};
  });
  for (const char* drop : kDropOld) {
    std::this_thread::sleep_for(kStagingGap);
    InWriteTransaction(db, path, [&]() -> std::pair<bool, int> {
      db.exec(drop);
      return {true, 0};
    });
  }
  summary.revision = next;
  return summary;
}

}  // namespace

namespace registrant_detail {

std::vector<Day> SplitDays(const std::string& text) {
  std::vector<Day> days;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    if (comma > start) days.push_back(ParseDay(std::string_view(text).substr(start, comma - start)));
    start = comma + 1;
  }
  return days;
}

std::string JoinTicketCodes(const std::vector<std::string>& codes) {
  std::string text;
  for (const std::string& code : codes) {
    if (!text.empty()) text += '\n';
    text += code;
  }
  return text;
}

std::vector<std::string> SplitTicketCodes(const std::string& text) {
  std::vector<std::string> codes;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    if (end > start) codes.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return codes;
}

std::pair<Registrant, bool> ReadRegistrant(SQLite::Statement& query, int first) {
  Registrant r;
  r.order_code = query.getColumn(first + 0).getString();
  r.first_name = query.getColumn(first + 1).getString();
  r.last_name = query.getColumn(first + 2).getString();
  r.organisation = query.getColumn(first + 3).getString();
  r.email = query.getColumn(first + 4).getString();
  r.category = query.getColumn(first + 5).getString();
  r.country = query.getColumn(first + 6).getString();
  r.days = SplitDays(query.getColumn(first + 7).getString());
  r.appointments = AppointmentsFromJson(query.getColumn(first + 8).getString());
  r.note = query.getColumn(first + 9).getString();
  r.ticket_codes = SplitTicketCodes(query.getColumn(first + 11).getString());
  return {std::move(r), query.getColumn(first + 10).getInt() != 0};
}

CheckinEvent ReadEvent(SQLite::Statement& query, int first) {
  CheckinEvent event;
  event.uuid = query.getColumn(first + 0).getString();
  event.order_code = query.getColumn(first + 1).getString();
  event.desk = query.getColumn(first + 2).getString();
  event.at = EventTime{std::chrono::milliseconds{query.getColumn(first + 3).getInt64()}};
  event.kind = ParseCheckinKind(query.getColumn(first + 4).getString());
  event.undoes = query.getColumn(first + 5).getString();
  return event;
}

std::string EventsOfSql() {
  return std::string("SELECT ") + kEventColumns + " FROM checkin_events WHERE order_code = ?";
}

std::vector<CheckinEvent> EventsOf(SQLite::Statement& query, const std::string& order_code) {
  std::vector<CheckinEvent> events;
  query.bind(1, order_code);
  while (query.executeStep()) events.push_back(ReadEvent(query));
  query.reset();
  return events;
}

std::vector<CheckinEvent> EventsOf(SQLite::Database& db, const std::string& order_code) {
  SQLite::Statement query(db, EventsOfSql());
  return EventsOf(query, order_code);
}

std::optional<std::string> GetMeta(SQLite::Database& db, const char* key) {
  SQLite::Statement query(db, "SELECT value FROM meta WHERE key = ?");
  query.bind(1, key);
  if (!query.executeStep()) return std::nullopt;
  return query.getColumn(0).getString();
}

void SetMeta(SQLite::Database& db, const char* key, const std::string& value) {
  SQLite::Statement upsert(db,
                           "INSERT INTO meta(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value = "
                           "excluded.value");
  upsert.bind(1, key);
  upsert.bind(2, value);
  upsert.exec();
}

}  // namespace registrant_detail

std::string NewUuid() {
  InitSodium();
  unsigned char bytes[16];
  randombytes_buf(bytes, sizeof bytes);
  bytes[6] = static_cast<unsigned char>((bytes[6] & 0x0F) | 0x40);  // version 4 (RFC 4122 section 4.4)
  bytes[8] = static_cast<unsigned char>((bytes[8] & 0x3F) | 0x80);  // variant 10xx
  static constexpr char kHex[] = "0123456789abcdef";
  std::string uuid;
  uuid.reserve(36);
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) uuid.push_back('-');
    uuid.push_back(kHex[bytes[i] >> 4]);
    uuid.push_back(kHex[bytes[i] & 0x0F]);
  }
  return uuid;
}

bool IsUuid(std::string_view text) {
  if (text.size() != 36) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (c != '-') return false;
    } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
      return false;
    }
  }
  return true;
}

RegistrantImportSummary RegistrantStore::Import(const std::vector<Registrant>& registrants,
                                                const std::string& source_name) {
  // Validate everything before writing anything.
  std::vector<Registrant> incoming = registrants;
  {
    std::unordered_set<std::string> seen;
    seen.reserve(incoming.size());
    for (std::size_t i = 0; i < incoming.size(); ++i) {
      incoming[i].order_code = CanonicalOrderCode(incoming[i].order_code);
      if (incoming[i].order_code.empty()) {
        throw std::invalid_argument(source_name + ": registrant " + std::to_string(i + 1) + " has no order code");
      }
      if (!seen.insert(incoming[i].order_code).second) {
        throw std::invalid_argument(source_name + ": order code " + incoming[i].order_code + " is repeated");
      }
    }
    // A ticket code names one registrant: not two, and not another's order code (Find would not know whom).
    std::unordered_map<std::string, const std::string*> code_owner;
    for (Registrant& registrant : incoming) {
      registrant.ticket_codes = CanonicalTicketCodes(registrant.ticket_codes, registrant.order_code);
      for (const std::string& code : registrant.ticket_codes) {
        if (seen.contains(code)) {
          throw std::invalid_argument(source_name + ": ticket code " + code + " of order code " +
                                      registrant.order_code + " is the order code of another registrant");
        }
        const auto [it, inserted] = code_owner.emplace(code, &registrant.order_code);
        if (!inserted) {
          throw std::invalid_argument(source_name + ": ticket code " + code + " is shared by order codes " +
                                      *it->second + " and " + registrant.order_code);
        }
      }
    }
  }
  if (std::optional<RegistrantImportSummary> staged = ImportStaged(*m_db, m_path, incoming, source_name))
    return *staged;
  return InWriteTransaction(*m_db, m_path, [&]() -> std::pair<bool, RegistrantImportSummary> {
    RegistrantImportSummary summary;
    const std::int64_t current = ReadRevision(*m_db);
    const std::int64_t next = current + 1;
    struct Existing {
      std::int64_t id = 0;
      std::vector<std::string> text;
      bool withdrawn = false;
      bool seen = false;
    };
    std::unordered_map<std::string, Existing> existing;
    {
      SQLite::Statement all(*m_db, std::string("SELECT id, ") + kRegistrantColumns + " FROM registrants");
      while (all.executeStep()) {
        Existing row;
        row.id = all.getColumn(0).getInt64();
        for (int c = 1; c <= 10; ++c) row.text.push_back(all.getColumn(c).getString());
        row.withdrawn = all.getColumn(11).getInt() != 0;
        row.text.push_back(all.getColumn(12).getString());  // ticket_codes, as RowText's last
        std::string code = row.text[0];
        existing.emplace(std::move(code), std::move(row));
      }
    }
    SQLite::Statement insert(*m_db,
                             "INSERT INTO registrants(order_code, first_name, last_name, organisation, email, "
                             "category, country, days, appointments, note, ticket_codes, withdrawn, revision) "
                             "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)");
    SQLite::Statement update(*m_db,
                             "UPDATE registrants SET first_name = ?2, last_name = ?3, organisation = ?4, email = ?5, "
                             "category = ?6, country = ?7, days = ?8, appointments = ?9, note = ?10, "
                             "ticket_codes = ?11, withdrawn = 0, revision = ?12 WHERE id = ?1");
    // A registrant's codes are replaced whole; a code a withdrawn registrant held goes to the one listing it now.
    SQLite::Statement delete_codes(*m_db, "DELETE FROM registrant_codes WHERE order_code = ?");
    SQLite::Statement insert_code(*m_db,
                                  "INSERT INTO registrant_codes(code, order_code) VALUES(?, ?) "
                                  "ON CONFLICT(code) DO UPDATE SET order_code = excluded.order_code");
    auto write_codes = [&](const Registrant& r) {
      delete_codes.bind(1, r.order_code);
      delete_codes.exec();
      delete_codes.reset();
      for (const std::string& code : r.ticket_codes) {
        insert_code.bind(1, code);
        insert_code.bind(2, r.order_code);
        insert_code.exec();
        insert_code.reset();
      }
    };
    SQLite::Statement insert_search(*m_db,
                                    "INSERT INTO registrant_search(rowid, first_name, last_name, organisation, "
                                    "email, order_code) VALUES(?, ?, ?, ?, ?, ?)");
    SQLite::Statement update_search(*m_db,
                                    "UPDATE registrant_search SET first_name = ?2, last_name = ?3, organisation = ?4, "
                                    "email = ?5, order_code = ?6 WHERE rowid = ?1");
    SQLite::Statement insert_names(*m_db, "INSERT INTO registrant_names(rowid, first_name, last_name) VALUES(?, ?, ?)");
    SQLite::Statement update_names(*m_db,
                                   "UPDATE registrant_names SET first_name = ?2, last_name = ?3 WHERE rowid = ?1");
    SQLite::Statement withdraw(*m_db, "UPDATE registrants SET withdrawn = 1, revision = ? WHERE id = ?");
    auto bind_search = [](SQLite::Statement& statement, std::int64_t id, const Registrant& r) {
      statement.bind(1, id);
      statement.bind(2, SearchText(r.first_name));
      statement.bind(3, SearchText(r.last_name));
      statement.bind(4, SearchText(r.organisation));
      statement.bind(5, SearchText(r.email));  // "e.marchetti@x.org" gives "e marchetti x org": local part words too
      statement.bind(6, SearchText(r.order_code));
      statement.exec();
      statement.reset();
    };
    auto bind_names = [](SQLite::Statement& statement, std::int64_t id, const Registrant& r) {
      statement.bind(1, id);
      statement.bind(2, SearchText(r.first_name));
      statement.bind(3, SearchText(r.last_name));
      statement.exec();
      statement.reset();
    };
    for (const Registrant& registrant : incoming) {
      std::vector<std::string> text = RowText(registrant);
      auto it = existing.find(registrant.order_code);
      if (it == existing.end()) {
        for (int c = 0; c < 11; ++c) insert.bind(c + 1, text[static_cast<std::size_t>(c)]);
        insert.bind(12, next);
        insert.exec();
        insert.reset();
        const std::int64_t id = m_db->getLastInsertRowid();
        bind_search(insert_search, id, registrant);
        bind_names(insert_names, id, registrant);
        write_codes(registrant);
        ++summary.added;
        continue;
      }
      Existing& row = it->second;
      row.seen = true;
      if (row.text == text && !row.withdrawn) {
        ++summary.unchanged;
        continue;
      }
      update.bind(1, row.id);
      for (int c = 1; c < 11; ++c) update.bind(c + 1, text[static_cast<std::size_t>(c)]);
      update.bind(12, next);
      update.exec();
      update.reset();
      bind_search(update_search, row.id, registrant);
      bind_names(update_names, row.id, registrant);
      write_codes(registrant);
      ++summary.updated;  // a withdrawn registrant listed again counts as updated
    }
    for (const auto& [code, row] : existing) {
      if (row.seen || row.withdrawn) continue;
      withdraw.bind(1, next);
      withdraw.bind(2, row.id);
      withdraw.exec();
      withdraw.reset();
      ++summary.withdrawn;
    }
    const bool changed = summary.added + summary.updated + summary.withdrawn > 0;
    summary.revision = changed ? next : current;
    if (changed) {
      SetMeta(*m_db, "registrant_revision", std::to_string(next));
      SetMeta(*m_db, "registrant_source", source_name);
      // Many changed rows leave many FTS5 segments; merging them keeps prefix queries within the latency budget.
      if (summary.added + summary.updated > 1000) {
        m_db->exec("INSERT INTO registrant_search(registrant_search) VALUES('optimize')");
        m_db->exec("INSERT INTO registrant_names(registrant_names) VALUES('optimize')");
      }
    }
    return {changed, summary};
  });
}

std::int64_t RegistrantStore::RegistrantRevision() {
  return InReadTransaction(*m_db, m_path, [&]() { return ReadRevision(*m_db); });
}

void RegistrantStore::SetPin(std::string_view pin) {
  if (!IsPin(pin)) throw std::invalid_argument("the staff PIN must be 4 to 12 digits");
  InitSodium();
  char hash[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(hash, pin.data(), pin.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    throw StoreError(StoreError::Kind::Io, "cannot hash the staff PIN (out of memory)");
  }
  InWriteTransaction(*m_db, m_path, [&]() -> std::pair<bool, int> {
    SetMeta(*m_db, "pin_hash", hash);
    return {true, 0};
  });
}

bool RegistrantStore::CheckPin(std::string_view pin) {
  std::optional<std::string> hash = InReadTransaction(*m_db, m_path, [&]() { return GetMeta(*m_db, "pin_hash"); });
  if (!hash || !IsPin(pin)) return false;
  InitSodium();
  return crypto_pwhash_str_verify(hash->c_str(), pin.data(), pin.size()) == 0;
}

bool RegistrantStore::HasPin() {
  return InReadTransaction(*m_db, m_path, [&]() { return GetMeta(*m_db, "pin_hash").has_value(); });
}

}  // namespace kiosk
