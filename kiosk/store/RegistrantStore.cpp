// The registrant store: schema, import, FTS5 search, append-only check-in events, counters and the staff PIN.
#include "kiosk/store/RegistrantStore.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <set>
#include <stdexcept>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include <SQLiteCpp/SQLiteCpp.h>
#include <sodium.h>
#include <sqlite3.h>
#include <utf8proc.h>
#include <nlohmann/json.hpp>

#include "kiosk/core/Text.h"
#include "kiosk/store/ReadTransaction.h"

namespace kiosk {
namespace {

constexpr int kBusyTimeoutMs = 5000;
/// PRAGMA application_id of a registrant store ("KRGS"): a schedule store (0) or any other SQLite file is refused.
constexpr std::int32_t kApplicationId = 0x4B524753;
/// Search: how many rows each FTS5 candidate query may return before ranking (see Search).
constexpr int kCandidateCap = 256;

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

constexpr const char* kRegistrantColumns =
    "order_code, first_name, last_name, organisation, email, category, country, days, appointments, note, withdrawn";
constexpr const char* kEventColumns = "uuid, order_code, desk, at_ms, kind, undoes";

using store_detail::ReadTransaction;

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
  return {registrant.order_code,   registrant.first_name,     registrant.last_name,
          registrant.organisation, registrant.email,          registrant.category,
          registrant.country,      JoinDays(registrant.days), AppointmentsToJson(registrant.appointments),
          registrant.note};
}

/// Reads the kRegistrantColumns starting at column `first`. Throws std::runtime_error (nlohmann) for damaged JSON.
std::pair<Registrant, bool> ReadRegistrant(SQLite::Statement& query, int first = 0) {
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
  return {std::move(r), query.getColumn(first + 10).getInt() != 0};
}

CheckinEvent ReadEvent(SQLite::Statement& query, int first = 0) {
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

/// The events of one order code, with a statement prepared from EventsOfSql (reset after use).
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

/// Every event, grouped by order code.
std::unordered_map<std::string, std::vector<CheckinEvent>> EventsByCode(SQLite::Database& db) {
  std::unordered_map<std::string, std::vector<CheckinEvent>> by_code;
  SQLite::Statement query(db, std::string("SELECT ") + kEventColumns + " FROM checkin_events");
  while (query.executeStep()) {
    CheckinEvent event = ReadEvent(query);
    by_code[event.order_code].push_back(std::move(event));
  }
  return by_code;
}

void InsertEvent(SQLite::Database& db, const CheckinEvent& event, bool local) {
  SQLite::Statement insert(db,
                           "INSERT INTO checkin_events(uuid, order_code, desk, at_ms, kind, undoes, local) "
                           "VALUES(?, ?, ?, ?, ?, ?, ?)");
  insert.bind(1, event.uuid);
  insert.bind(2, event.order_code);
  insert.bind(3, event.desk);
  insert.bind(4, static_cast<std::int64_t>(event.at.time_since_epoch().count()));
  insert.bind(5, std::string(CheckinKindName(event.kind)));
  insert.bind(6, event.undoes);
  insert.bind(7, local ? 1 : 0);
  insert.exec();
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

std::int64_t ReadRevision(SQLite::Database& db) {
  std::optional<std::string> value = GetMeta(db, "registrant_revision");
  return value ? std::stoll(*value) : 0;
}

/// Runs `write()` in one IMMEDIATE transaction (the write lock first, so a second desk on the same file waits for
/// busy_timeout instead of failing midway) and commits when it returns true; anything it throws rolls back. SQLite
/// errors become StoreError (Io); other exceptions pass through.
template <typename Write>
auto InWriteTransaction(SQLite::Database& db, const std::filesystem::path& path, Write write) {
  try {
    SQLite::Transaction transaction(db, SQLite::TransactionBehavior::IMMEDIATE);
    auto [commit, result] = write();
    if (commit) transaction.commit();
    return result;
  } catch (const SQLite::Exception& error) {
    throw StoreError(StoreError::Kind::Io, "cannot write registrant store " + path.string() + ": " + error.what());
  }
}

/// Runs `read()` in a read transaction; SQLite errors and damaged rows become StoreError (Corrupt).
template <typename Read>
auto InReadTransaction(SQLite::Database& db, const std::filesystem::path& path, Read read) {
  try {
    ReadTransaction transaction(db);
    return read();
  } catch (const SQLite::Exception& error) {
    throw StoreError(StoreError::Kind::Corrupt, "cannot read registrant store " + path.string() + ": " + error.what());
  } catch (const nlohmann::json::exception& error) {
    throw StoreError(StoreError::Kind::Corrupt,
                     "damaged row in registrant store " + path.string() + ": " + error.what());
  } catch (const std::invalid_argument& error) {
    throw StoreError(StoreError::Kind::Corrupt,
                     "damaged row in registrant store " + path.string() + ": " + error.what());
  }
}

bool IsLetterOrDigit(utf8proc_int32_t cp) {
  switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
      return true;
    default:
      return false;
  }
}

std::vector<std::string> SplitWords(const std::string& text) {
  std::vector<std::string> words;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t space = text.find(' ', start);
    if (space == std::string::npos) space = text.size();
    if (space > start) words.push_back(text.substr(start, space - start));
    start = space + 1;
  }
  return words;
}

bool HasWord(const std::string& search_text, const std::vector<std::string>& words) {
  for (const std::string& word : SplitWords(search_text)) {
    if (std::find(words.begin(), words.end(), word) != words.end()) return true;
  }
  return false;
}

/// `"w1"* AND "w2"*`: every word a prefix, in any order. Words from SearchText hold only letters and digits, so the
/// quotes need no escaping.
std::string PrefixMatch(const std::vector<std::string>& words) {
  std::string match;
  for (const std::string& word : words) {
    if (!match.empty()) match += " AND ";
    match += '"' + word + "\"*";
  }
  return match;
}

/// `column : ("w1" OR "w2") AND (prefixes)`: one query word is a whole word of `column`, and every word prefixes
/// some word. One word alone needs no prefix term (its exact match implies it), which spares FTS5 a prefix merge.
std::string ExactWordMatch(const char* column, const std::vector<std::string>& words) {
  if (words.size() == 1) return std::string(column) + " : \"" + words[0] + '"';
  std::string any;
  for (const std::string& word : words) {
    if (!any.empty()) any += " OR ";
    any += '"' + word + '"';
  }
  return std::string(column) + " : (" + any + ") AND (" + PrefixMatch(words) + ")";
}

/// One FTS5 candidate before ranking.
struct Candidate {
  std::int64_t id = 0;
  int tier = 2;  ///< 0: a query word is a whole last-name word; 1: a whole first-name word; 2, 3: neither (see Search)
  double bm25 = 0;
  std::string last, first;  ///< SearchText, for the final tie-break
};

/// Counts code points, so that "É" is one character.
/// The ASCII spelling of Latin letters that Unicode does not decompose, so stripping marks leaves them as they are
/// (after case folding): đ (Vietnamese Đặng), ł (Łukasz), ø (Søren), ı, æ, œ, ß, þ, ð, ħ, ŀ. Null for others.
const char* LatinLetterWithoutDecomposition(std::int32_t cp) {
  switch (cp) {
    case 0x0111:
      return "d";  // đ
    case 0x0142:
      return "l";  // ł
    case 0x00F8:
      return "o";  // ø
    case 0x0131:
      return "i";  // ı
    case 0x00E6:
      return "ae";  // æ
    case 0x0153:
      return "oe";  // œ
    case 0x00DF:
      return "ss";  // ß
    case 0x00FE:
      return "th";  // þ
    case 0x00F0:
      return "d";  // ð
    case 0x0127:
      return "h";  // ħ
    case 0x0140:
      return "l";  // ŀ
    default:
      return nullptr;
  }
}

/// Letters and digits typed, counted on the NFC text: "E" + U+0301 is one, "e." one, "æ" one (though it folds to
/// "ae"). Invalid UTF-8 counts its bytes.
std::size_t TypedLetters(std::string_view text) {
  const std::string nfc = ToNfc(text);
  std::size_t count = 0;
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(nfc.data());
  auto left = static_cast<utf8proc_ssize_t>(nfc.size());
  while (left > 0) {
    utf8proc_int32_t cp = 0;
    utf8proc_ssize_t size = utf8proc_iterate(p, left, &cp);
    if (size <= 0) size = 1, cp = 'x';
    count += IsLetterOrDigit(cp) ? 1 : 0;
    p += size;
    left -= size;
  }
  return count;
}

bool IsPin(std::string_view pin) {
  return pin.size() >= 4 && pin.size() <= 12 &&
         std::all_of(pin.begin(), pin.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

std::string SearchText(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  auto append = [&](bool keep, const char* bytes, std::size_t n) {
    if (!keep) {
      pending_space = true;
      return;
    }
    if (pending_space && !out.empty()) out.push_back(' ');
    pending_space = false;
    out.append(bytes, n);
  };
  const bool ascii = std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  if (ascii) {  // most names and every order code: no need for utf8proc
    for (char c : text) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      const bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
      append(keep, &c, 1);
    }
    return out;
  }
  utf8proc_uint8_t* mapped = nullptr;
  const utf8proc_ssize_t n = utf8proc_map(
      reinterpret_cast<const utf8proc_uint8_t*>(text.data()), static_cast<utf8proc_ssize_t>(text.size()), &mapped,
      static_cast<utf8proc_option_t>(UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK));
  std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> owned(mapped, &std::free);
  if (n < 0) {
    // Invalid UTF-8: keep the ASCII letters and digits, every other byte separates words.
    for (char c : text) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      append((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'), &c, 1);
    }
    return out;
  }
  const utf8proc_uint8_t* p = mapped;
  utf8proc_ssize_t left = n;
  while (left > 0) {
    utf8proc_int32_t cp = 0;
    utf8proc_ssize_t size = utf8proc_iterate(p, left, &cp);
    if (size <= 0) size = 1, cp = -1;
    if (const char* latin = LatinLetterWithoutDecomposition(cp)) {
      append(true, latin, std::strlen(latin));
    } else {
      append(cp >= 0 && IsLetterOrDigit(cp), reinterpret_cast<const char*>(p), static_cast<std::size_t>(size));
    }
    p += size;
    left -= size;
  }
  return out;
}

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
    return;
  }
  try {
    m_db->exec("PRAGMA journal_mode=WAL");
    m_db->exec("PRAGMA synchronous=NORMAL");
    // An existing store needs no write lock to open: a desk must open while a long import holds it.
    if (user_version >= 1) return;
    // Re-read inside the IMMEDIATE transaction: two desks opening a new file at once must not both create it.
    SQLite::Transaction create(*m_db, SQLite::TransactionBehavior::IMMEDIATE);
    if (m_db->execAndGet("PRAGMA user_version").getInt() < 1) {
      m_db->exec(kSchemaV1);
      m_db->exec("PRAGMA application_id=" + std::to_string(kApplicationId));
      m_db->exec("PRAGMA user_version=1");
    }
    create.commit();
  } catch (const SQLite::Exception& error) {
    throw StoreError(StoreError::Kind::Io, "cannot prepare registrant store " + path.string() + ": " + error.what());
  }
}

RegistrantStore::~RegistrantStore() = default;

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
  }
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
        std::string code = row.text[0];
        existing.emplace(std::move(code), std::move(row));
      }
    }
    SQLite::Statement insert(*m_db,
                             "INSERT INTO registrants(order_code, first_name, last_name, organisation, email, "
                             "category, country, days, appointments, note, withdrawn, revision) "
                             "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)");
    SQLite::Statement update(*m_db,
                             "UPDATE registrants SET first_name = ?2, last_name = ?3, organisation = ?4, email = ?5, "
                             "category = ?6, country = ?7, days = ?8, appointments = ?9, note = ?10, withdrawn = 0, "
                             "revision = ?11 WHERE id = ?1");
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
        for (int c = 0; c < 10; ++c) insert.bind(c + 1, text[static_cast<std::size_t>(c)]);
        insert.bind(11, next);
        insert.exec();
        insert.reset();
        const std::int64_t id = m_db->getLastInsertRowid();
        bind_search(insert_search, id, registrant);
        bind_names(insert_names, id, registrant);
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
      for (int c = 1; c < 10; ++c) update.bind(c + 1, text[static_cast<std::size_t>(c)]);
      update.bind(11, next);
      update.exec();
      update.reset();
      bind_search(update_search, row.id, registrant);
      bind_names(update_names, row.id, registrant);
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

namespace {

/// A registrant that a typed code names (MatchOrderCode).
struct CodeMatch {
  std::int64_t id = 0;
  Registrant registrant;
  bool withdrawn = false;
};

/// The registrant `code` (canonical) names, for Find and Search: the one whose order code it is, withdrawn or not;
/// else the only non-withdrawn ticket of order `code` coded "CODE-" + 4 or 8 characters of pretix's alphabet
/// (PretixTicketCode: what the ticket and the confirmation print is the order code "ABC12", the store holds
/// "ABC12-K3QF"); else none (several such tickets: Search lists them, "abc12" being a word of each code). Two lookups
/// on the unique order_code index, the second a range [code + "-", code + ".") ('.' follows '-' in ASCII) of at most
/// two rows: an order's tickets, whatever the size of the store.
std::optional<CodeMatch> MatchOrderCode(SQLite::Database& db, const std::string& code) {
  if (code.empty()) return std::nullopt;
  SQLite::Statement exact(db,
                          std::string("SELECT id, ") + kRegistrantColumns + " FROM registrants WHERE order_code = ?");
  exact.bind(1, code);
  if (exact.executeStep()) {
    auto [registrant, withdrawn] = ReadRegistrant(exact, 1);
    return CodeMatch{exact.getColumn(0).getInt64(), std::move(registrant), withdrawn};
  }
  // Only 4 or 8 characters of the alphabet after "CODE-": not a sheet's "CODE-1", nor "CODE-X-K3QF" (a ticket of
  // order "CODE-X"). length() and substr() count characters, on both sides. "+withdrawn": without it the planner
  // takes registrants_by_group (withdrawn, …), a scan of every current registrant, over the order_code range.
  SQLite::Statement tickets(db, std::string("SELECT id, ") + kRegistrantColumns +
                                    " FROM registrants WHERE order_code >= ?1 AND order_code < ?2 AND +withdrawn = 0"
                                    " AND length(order_code) - length(?1) IN (4, 8)"
                                    " AND substr(order_code, length(?1) + 1) NOT GLOB"
                                    " '*[^ABCDEFGHJKLMNPQRSTUVWXYZ3789]*' LIMIT 2");
  tickets.bind(1, code + "-");
  tickets.bind(2, code + ".");
  if (!tickets.executeStep()) return std::nullopt;
  auto [registrant, withdrawn] = ReadRegistrant(tickets, 1);
  CodeMatch match{tickets.getColumn(0).getInt64(), std::move(registrant), withdrawn};
  if (tickets.executeStep()) return std::nullopt;  // several tickets: no one is meant more than another
  return match;
}

}  // namespace

// Search, in a bounded number of steps whatever the query (issue 4 section 5: p99 under 5 ms per keystroke on
// 100 000 registrants, where "ma" can match tens of thousands and bm25 of every match would cost milliseconds):
//  1. The exact order code (CanonicalOrderCode of the trimmed query), by the unique index, or the order's only ticket
//     for a plain pretix order code (MatchOrderCode): first, exact_code.
//  2. The rowids of the rows where every query word prefixes a word of any column (`"w1"* AND "w2"*`), at most
//     kCandidateCap + 1 (cheap: no column read, no ranking; prefix indexes of 1 to 6 characters spare FTS5 the merge
//     of every term that starts with a common prefix).
//  3. When that is all of them (at most kCandidateCap), they are ranked with FTS5 bm25 (weights: last name 4, first
//     name 3, order code 2, organisation and e-mail 1): a query word equal to a whole last-name word first, then to a
//     whole first-name word, then bm25, then last name, first name (SearchText).
//  4. Otherwise (a broad prefix such as "ma"), tiers are gathered from the registrant_names table, each at most
//     kCandidateCap rows in rowid order, stopping once `limit` is reached: a query word is a whole last-name word; a
//     whole first-name word; every word prefixes a name word; then the rest of step 2. Within a tier: last name,
//     first name. bm25 is not computed there: its document frequencies alone would read every matching row.
// Withdrawn registrants are found too (RegistrantHit::withdrawn says so): the desk shows them rather than nobody.
std::vector<RegistrantHit> RegistrantStore::Search(std::string_view query, int limit) {
  const std::string_view trimmed = Trim(query);
  // Two characters of what is searched: "E" + U+0301, "e-" or "e." are one character and find nobody.
  const std::string folded = SearchText(trimmed);
  if (limit <= 0 || TypedLetters(trimmed) < 2) return {};
  const std::vector<std::string> words = SplitWords(folded);
  const std::string code = CanonicalOrderCode(trimmed);
  const int cap = std::max(kCandidateCap, limit);
  return InReadTransaction(*m_db, m_path, [&]() {
    std::vector<RegistrantHit> hits;
    std::unordered_set<std::int64_t> seen;
    if (std::optional<CodeMatch> exact = MatchOrderCode(*m_db, code)) {
      seen.insert(exact->id);
      RegistrantHit hit{std::move(exact->registrant), {}, exact->withdrawn, true};
      hit.status = DeriveCheckinStatus(hit.registrant.order_code, EventsOf(*m_db, hit.registrant.order_code));
      hits.push_back(std::move(hit));
    }
    if (words.empty() || static_cast<int>(hits.size()) >= limit) return hits;

    auto ids_of = [&](const char* table, const std::string& match, int max) {
      std::vector<std::int64_t> ids;
      SQLite::Statement fts(*m_db, std::string("SELECT rowid FROM ") + table + " WHERE " + table + " MATCH ? LIMIT ?");
      fts.bind(1, match);
      fts.bind(2, max);
      while (fts.executeStep()) ids.push_back(fts.getColumn(0).getInt64());
      return ids;
    };
    const std::string prefix_match = PrefixMatch(words);
    const std::vector<std::int64_t> matching = ids_of("registrant_search", prefix_match, cap + 1);
    std::vector<Candidate> candidates;
    if (static_cast<int>(matching.size()) <= cap) {
      SQLite::Statement fts(*m_db,
                            "SELECT rowid, bm25(registrant_search, 3.0, 4.0, 1.0, 1.0, 2.0), last_name, first_name "
                            "FROM registrant_search WHERE registrant_search MATCH ?");
      fts.bind(1, prefix_match);
      while (fts.executeStep()) {
        Candidate candidate;
        candidate.id = fts.getColumn(0).getInt64();
        if (seen.contains(candidate.id)) continue;
        candidate.bm25 = fts.getColumn(1).getDouble();
        candidate.last = fts.getColumn(2).getString();
        candidate.first = fts.getColumn(3).getString();
        candidate.tier = HasWord(candidate.last, words) ? 0 : HasWord(candidate.first, words) ? 1 : 2;
        candidates.push_back(std::move(candidate));
      }
    } else {
      const std::size_t wanted = static_cast<std::size_t>(limit) - hits.size();
      for (int tier = 0; tier < 4 && candidates.size() < wanted; ++tier) {
        const std::vector<std::int64_t> ids =
            tier == 0   ? ids_of("registrant_names", ExactWordMatch("last_name", words), cap)
            : tier == 1 ? ids_of("registrant_names", ExactWordMatch("first_name", words), cap)
            : tier == 2 ? ids_of("registrant_names", prefix_match, cap)
                        : matching;
        for (std::int64_t id : ids) {
          if (seen.insert(id).second) candidates.push_back({id, tier, 0.0, {}, {}});
        }
      }
      // Names for the within-tier order, read in one statement.
      std::string id_list = "[";
      for (const Candidate& candidate : candidates) {
        if (id_list.size() > 1) id_list += ',';
        id_list += std::to_string(candidate.id);
      }
      id_list += ']';
      std::unordered_map<std::int64_t, std::pair<std::string, std::string>> names;
      SQLite::Statement read(*m_db,
                             "SELECT id, last_name, first_name FROM registrants WHERE id IN "
                             "(SELECT value FROM json_each(?))");
      read.bind(1, id_list);
      while (read.executeStep()) {
        names[read.getColumn(0).getInt64()] = {SearchText(read.getColumn(1).getString()),
                                               SearchText(read.getColumn(2).getString())};
      }
      for (Candidate& candidate : candidates) std::tie(candidate.last, candidate.first) = names[candidate.id];
    }
    const std::size_t wanted = std::min(candidates.size(), static_cast<std::size_t>(limit) - hits.size());
    auto better = [](const Candidate& a, const Candidate& b) {
      if (a.tier != b.tier) return a.tier < b.tier;
      if (a.bm25 != b.bm25) return a.bm25 < b.bm25;  // bm25() is negative: lower is better
      if (a.last != b.last) return a.last < b.last;
      if (a.first != b.first) return a.first < b.first;
      return a.id < b.id;
    };
    std::partial_sort(candidates.begin(), candidates.begin() + static_cast<std::ptrdiff_t>(wanted), candidates.end(),
                      better);

    SQLite::Statement row(*m_db, std::string("SELECT ") + kRegistrantColumns + " FROM registrants WHERE id = ?");
    SQLite::Statement events(*m_db, EventsOfSql());
    for (std::size_t i = 0; i < wanted; ++i) {
      row.bind(1, candidates[i].id);
      if (row.executeStep()) {
        auto [registrant, withdrawn] = ReadRegistrant(row);
        RegistrantHit hit{std::move(registrant), {}, withdrawn, false};
        hit.status = DeriveCheckinStatus(hit.registrant.order_code, EventsOf(events, hit.registrant.order_code));
        hits.push_back(std::move(hit));
      }
      row.reset();
    }
    return hits;
  });
}

std::optional<RegistrantHit> RegistrantStore::Find(std::string_view order_code) {
  const std::string code = CanonicalOrderCode(order_code);
  return InReadTransaction(*m_db, m_path, [&]() -> std::optional<RegistrantHit> {
    std::optional<CodeMatch> match = MatchOrderCode(*m_db, code);
    if (!match) return std::nullopt;
    RegistrantHit hit{std::move(match->registrant), {}, match->withdrawn, true};
    hit.status = DeriveCheckinStatus(hit.registrant.order_code, EventsOf(*m_db, hit.registrant.order_code));
    return hit;
  });
}

std::vector<RegistrantHit> RegistrantStore::All() {
  return InReadTransaction(*m_db, m_path, [&]() {
    std::vector<RegistrantHit> hits;
    const auto events = EventsByCode(*m_db);
    SQLite::Statement query(*m_db,
                            std::string("SELECT ") + kRegistrantColumns + " FROM registrants ORDER BY order_code");
    while (query.executeStep()) {
      auto [registrant, withdrawn] = ReadRegistrant(query);
      RegistrantHit hit{std::move(registrant), {}, withdrawn, false};
      if (auto it = events.find(hit.registrant.order_code); it != events.end())
        hit.status = DeriveCheckinStatus(hit.registrant.order_code, it->second);
      hits.push_back(std::move(hit));
    }
    return hits;
  });
}

CheckinResult RegistrantStore::CheckIn(std::string_view order_code, std::string_view desk, EventTime at) {
  if (desk.empty()) throw std::invalid_argument("a check-in needs a desk name");
  const std::string code = CanonicalOrderCode(order_code);
  return InWriteTransaction(*m_db, m_path, [&]() -> std::pair<bool, CheckinResult> {
    CheckinResult result;
    SQLite::Statement query(*m_db,
                            std::string("SELECT ") + kRegistrantColumns + " FROM registrants WHERE order_code = ?");
    query.bind(1, code);
    if (code.empty() || !query.executeStep()) {
      result.outcome = CheckinResult::Outcome::UnknownCode;
      return {false, result};
    }
    try {
      result.registrant = ReadRegistrant(query).first;
    } catch (const std::exception& error) {  // damaged appointments JSON or days
      throw StoreError(StoreError::Kind::Corrupt,
                       m_path.string() + ": damaged registrant " + code + ": " + error.what());
    }
    query.reset();
    std::vector<CheckinEvent> events = EventsOf(*m_db, code);
    result.status = DeriveCheckinStatus(code, events);
    if (result.status.checked_in) {
      result.outcome = CheckinResult::Outcome::AlreadyCheckedIn;
      return {false, result};
    }
    CheckinEvent event{NewUuid(), code, std::string(desk), at, CheckinKind::In, ""};
    InsertEvent(*m_db, event, true);
    events.push_back(event);
    result.status = DeriveCheckinStatus(code, events);
    result.event = std::move(event);
    result.outcome = CheckinResult::Outcome::CheckedIn;
    return {true, result};
  });
}

std::optional<CheckinEvent> RegistrantStore::Undo(std::string_view in_uuid, std::string_view desk, EventTime at) {
  if (desk.empty()) throw std::invalid_argument("an undo needs a desk name");
  const std::string uuid(in_uuid);
  return InWriteTransaction(*m_db, m_path, [&]() -> std::pair<bool, std::optional<CheckinEvent>> {
    SQLite::Statement in(*m_db, "SELECT order_code FROM checkin_events WHERE uuid = ? AND kind = 'in'");
    in.bind(1, uuid);
    if (!in.executeStep()) return {false, std::nullopt};
    const std::string code = in.getColumn(0).getString();
    in.reset();
    SQLite::Statement undone(*m_db, "SELECT 1 FROM checkin_events WHERE undoes = ? AND kind = 'undo'");
    undone.bind(1, uuid);
    if (undone.executeStep()) return {false, std::nullopt};
    undone.reset();
    CheckinEvent event{NewUuid(), code, std::string(desk), at, CheckinKind::Undo, uuid};
    InsertEvent(*m_db, event, true);
    return {true, std::optional<CheckinEvent>(std::move(event))};
  });
}

CheckinStatus RegistrantStore::Status(std::string_view order_code) {
  const std::string code = CanonicalOrderCode(order_code);
  return InReadTransaction(*m_db, m_path, [&]() { return DeriveCheckinStatus(code, EventsOf(*m_db, code)); });
}

// Aggregated in SQL so that a desk can refresh its counters after every check-in with 100 000 registrants: expected
// per (category, days) group through a covering index, and the first active check-in of each checked-in code (an In
// that no Undo of the same code names, as DeriveCheckinStatus decides).
CheckinCounts RegistrantStore::Counts(const VenueZone& zone) {
  return InReadTransaction(*m_db, m_path, [&]() {
    CheckinCounts counts;
    std::set<Day> all_days;
    std::vector<std::pair<std::vector<Day>, int>> expected_days;  // (days, how many registrants)
    {
      SQLite::Statement groups(*m_db,
                               "SELECT category, days, count(*) FROM registrants WHERE withdrawn = 0 "
                               "GROUP BY category, days");
      while (groups.executeStep()) {
        const int n = groups.getColumn(2).getInt();
        counts.expected += n;
        counts.by_category[groups.getColumn(0).getString()].second += n;
        std::vector<Day> days = SplitDays(groups.getColumn(1).getString());
        all_days.insert(days.begin(), days.end());
        expected_days.emplace_back(std::move(days), n);
      }
    }
    std::vector<std::pair<Day, std::vector<Day>>> checked_in_on;  // (first check-in's day, days expected)
    {
      SQLite::Statement firsts(*m_db,
                               "SELECT r.category, f.first_at, r.days FROM (SELECT order_code, min(at_ms) AS first_at "
                               "FROM checkin_events AS i WHERE kind = 'in' AND NOT EXISTS (SELECT 1 FROM "
                               "checkin_events AS u WHERE u.undoes = i.uuid AND u.kind = 'undo' AND u.order_code = "
                               "i.order_code) GROUP BY order_code) AS f JOIN registrants AS r ON r.order_code = "
                               "f.order_code WHERE r.withdrawn = 0");
      while (firsts.executeStep()) {
        ++counts.checked_in;
        ++counts.by_category[firsts.getColumn(0).getString()].first;
        const EventTime at{std::chrono::milliseconds{firsts.getColumn(1).getInt64()}};
        checked_in_on.emplace_back(zone.LocalDay(std::chrono::floor<std::chrono::seconds>(at)),
                                   SplitDays(firsts.getColumn(2).getString()));
        all_days.insert(checked_in_on.back().first);
      }
    }
    for (const Day& day : all_days) counts.by_day[day] = {0, 0};
    for (const auto& [days, n] : expected_days) {
      if (days.empty()) {
        for (auto& [day, pair] : counts.by_day) pair.second += n;  // no days given: expected every day
      } else {
        for (const Day& day : days) counts.by_day[day].second += n;
      }
    }
    std::set<Day> event_days;  // the days registrants are expected on, when the list gives any
    for (const auto& [days, n] : expected_days) event_days.insert(days.begin(), days.end());
    // Checked in by a day: expected that day, and checked in that day or before (a badge is collected once). A
    // check-in after the event's last day (a rehearsal or test on the real clock) is no later than any of its days:
    // it counts on every day the person is expected, as it counts in the total, so the counters agree.
    const std::optional<Day> last_day = event_days.empty() ? std::nullopt : std::optional<Day>(*event_days.rbegin());
    for (const auto& [first, days] : checked_in_on) {
      const bool after_event = last_day && first > *last_day;
      for (auto& [day, pair] : counts.by_day) {
        if ((after_event || first <= day) && (days.empty() || std::find(days.begin(), days.end(), day) != days.end()))
          ++pair.first;
      }
    }
    // A check-in made outside the event's days (a rehearsal, a test) counts overall, not as a day of its own.
    if (!event_days.empty())
      std::erase_if(counts.by_day, [&](const auto& entry) { return !event_days.contains(entry.first); });
    return counts;
  });
}

namespace {

/// Refuses a malformed event from elsewhere (std::invalid_argument naming it), before anything is written.
void CheckMergedEvents(const std::vector<CheckinEvent>& events) {
  for (const CheckinEvent& event : events) {
    if (!IsUuid(event.uuid)) throw std::invalid_argument("check-in event has a malformed uuid \"" + event.uuid + "\"");
    if (CanonicalOrderCode(event.order_code).empty()) {
      throw std::invalid_argument("check-in event " + event.uuid + " has no order code");
    }
    if (event.desk.empty()) throw std::invalid_argument("check-in event " + event.uuid + " has no desk");
    if (event.kind == CheckinKind::Undo && !IsUuid(event.undoes)) {
      throw std::invalid_argument("undo event " + event.uuid + " does not name the check-in it undoes");
    }
  }
}

/// The insert of an event merged from elsewhere (a desk's push, the hub's page): a known uuid is left as it is.
constexpr const char* kInsertMergedEvent =
    "INSERT OR IGNORE INTO checkin_events(uuid, order_code, desk, at_ms, kind, undoes, local) "
    "VALUES(?, ?, ?, ?, ?, ?, 0)";

/// Runs `insert` (kInsertMergedEvent) for `event` under its canonical order code `code`; 1 when inserted, 0 when its
/// uuid was already there.
int InsertMergedEvent(SQLite::Statement& insert, const CheckinEvent& event, const std::string& code) {
  insert.bind(1, event.uuid);
  insert.bind(2, code);
  insert.bind(3, event.desk);
  insert.bind(4, static_cast<std::int64_t>(event.at.time_since_epoch().count()));
  insert.bind(5, std::string(CheckinKindName(event.kind)));
  insert.bind(6, event.kind == CheckinKind::Undo ? event.undoes : std::string());
  const int inserted = insert.exec();
  insert.reset();
  return inserted;
}

/// ms since the epoch of a UTC day's midnight.
std::int64_t DayStartMs(Day day) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(date::sys_days{day}.time_since_epoch()).count();
}

}  // namespace

int RegistrantStore::MergeEvents(const std::vector<CheckinEvent>& events) {
  CheckMergedEvents(events);
  return InWriteTransaction(*m_db, m_path, [&]() -> std::pair<bool, int> {
    SQLite::Statement insert(*m_db, kInsertMergedEvent);
    int added = 0;
    for (const CheckinEvent& event : events) {
      added += InsertMergedEvent(insert, event, CanonicalOrderCode(event.order_code));
    }
    return {added > 0, added};
  });
}

std::optional<std::pair<Day, Day>> RegistrantStore::EventDays() {
  return InReadTransaction(*m_db, m_path, [&]() -> std::optional<std::pair<Day, Day>> {
    // Through the covering index registrants_by_group: one row per distinct list of days.
    SQLite::Statement query(*m_db, "SELECT DISTINCT days FROM registrants WHERE withdrawn = 0");
    std::optional<std::pair<Day, Day>> range;
    while (query.executeStep()) {
      for (const Day& day : SplitDays(query.getColumn(0).getString())) {
        if (!day.ok()) continue;
        if (!range) range = std::pair{day, day};
        range->first = std::min(range->first, day);
        range->second = std::max(range->second, day);
      }
    }
    return range;
  });
}

HubMergeResult RegistrantStore::MergeDeskEvents(const std::vector<CheckinEvent>& events, EventTime now,
                                                const HubEventRules& rules) {
  CheckMergedEvents(events);
  const std::optional<std::pair<Day, Day>> days = EventDays();
  HubMergeResult result;
  constexpr std::int64_t kDayMs = 24 * 3600 * 1000, kOffsetMs = 14 * 3600 * 1000, kMinuteMs = 60 * 1000;
  std::int64_t from = 0, to = 0;
  if (days) {
    result.window_from_days = true;
    from = DayStartMs(days->first) - rules.margin_days * kDayMs - kOffsetMs;
    to = DayStartMs(days->second) + (1 + rules.margin_days) * kDayMs + kOffsetMs;
  } else {
    const std::int64_t clock = now.time_since_epoch().count();
    const std::int64_t distance = std::chrono::duration_cast<std::chrono::milliseconds>(rules.no_days_distance).count();
    from = clock - distance;
    to = clock + distance + 1;
  }
  result.window_from = EventTime{std::chrono::milliseconds{from}};
  result.window_to = EventTime{std::chrono::milliseconds{to}};
  return InWriteTransaction(*m_db, m_path, [&]() -> std::pair<bool, HubMergeResult> {
    SQLite::Statement known(*m_db, "SELECT 1 FROM checkin_events WHERE uuid = ?");
    SQLite::Statement in_minute(*m_db,
                                "SELECT count(*) FROM checkin_events WHERE order_code = ? AND kind IN ('in', 'undo') "
                                "AND at_ms >= ? AND at_ms < ?");
    SQLite::Statement insert(*m_db, kInsertMergedEvent);
    for (const CheckinEvent& event : events) {
      known.bind(1, event.uuid);
      const bool stored = known.executeStep();
      known.reset();
      if (stored) continue;
      const std::int64_t at = event.at.time_since_epoch().count();
      if (at < from || at >= to) {
        ++result.out_of_window;
        continue;
      }
      const std::string code = CanonicalOrderCode(event.order_code);
      // Inserted rows of this batch count too: the statements share the transaction.
      const std::int64_t minute = at / kMinuteMs * kMinuteMs - (at % kMinuteMs < 0 ? kMinuteMs : 0);
      in_minute.bind(1, code);
      in_minute.bind(2, minute);
      in_minute.bind(3, minute + kMinuteMs);
      in_minute.executeStep();
      const std::int64_t count = in_minute.getColumn(0).getInt64();
      in_minute.reset();
      if (count >= rules.max_per_code_per_minute) {
        ++result.over_rate;
        if (result.codes_over_rate.size() < 10 &&
            std::find(result.codes_over_rate.begin(), result.codes_over_rate.end(), code) ==
                result.codes_over_rate.end())
          result.codes_over_rate.push_back(code);
        continue;
      }
      result.accepted += InsertMergedEvent(insert, event, code);
    }
    return {result.accepted > 0, result};
  });
}

std::vector<StoredCheckinEvent> RegistrantStore::EventsAfter(std::int64_t after_seq, int limit, bool local_only) {
  return InReadTransaction(*m_db, m_path, [&]() {
    std::vector<StoredCheckinEvent> events;
    SQLite::Statement query(*m_db, std::string("SELECT seq, local, ") + kEventColumns +
                                       " FROM checkin_events WHERE seq > ? " + (local_only ? "AND local = 1 " : "") +
                                       "ORDER BY seq LIMIT ?");
    query.bind(1, after_seq);
    query.bind(2, limit);
    while (query.executeStep()) {
      events.push_back({query.getColumn(0).getInt64(), ReadEvent(query, 2), query.getColumn(1).getInt() != 0});
    }
    return events;
  });
}

std::vector<CheckinEvent> RegistrantStore::Events() {
  return InReadTransaction(*m_db, m_path, [&]() {
    std::vector<CheckinEvent> events;
    SQLite::Statement query(*m_db,
                            std::string("SELECT ") + kEventColumns + " FROM checkin_events ORDER BY at_ms, uuid");
    while (query.executeStep()) events.push_back(ReadEvent(query));
    return events;
  });
}

std::optional<std::int64_t> RegistrantStore::GetCounter(std::string_view name) {
  return InReadTransaction(*m_db, m_path, [&]() -> std::optional<std::int64_t> {
    SQLite::Statement query(*m_db, "SELECT value FROM counters WHERE name = ?");
    query.bind(1, std::string(name));
    if (!query.executeStep()) return std::nullopt;
    return query.getColumn(0).getInt64();
  });
}

void RegistrantStore::SetCounter(std::string_view name, std::int64_t value) {
  InWriteTransaction(*m_db, m_path, [&]() -> std::pair<bool, int> {
    SQLite::Statement upsert(*m_db,
                             "INSERT INTO counters(name, value) VALUES(?, ?) ON CONFLICT(name) DO UPDATE SET value = "
                             "excluded.value");
    upsert.bind(1, std::string(name));
    upsert.bind(2, value);
    upsert.exec();
    return {true, 0};
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

std::int64_t RegistrantStore::DataVersion() {
  try {
    return m_db->execAndGet("PRAGMA data_version").getInt64();
  } catch (const SQLite::Exception& error) {
    throw StoreError(StoreError::Kind::Io, "cannot poll " + m_path.string() + ": " + error.what());
  }
}

// --- A store's identity (issue 4 section 4: a desk notices a hub whose store was replaced)

std::string RegistrantStore::StoreId() {
  constexpr const char* kKey = "store_id";
  std::optional<std::string> id = InReadTransaction(*m_db, m_path, [&]() { return GetMeta(*m_db, kKey); });
  if (id) return *id;
  // INSERT OR IGNORE then read, under the write lock: two connections racing here both return the first one's id.
  return InWriteTransaction(*m_db, m_path, [&]() -> std::pair<bool, std::string> {
    SQLite::Statement insert(*m_db, "INSERT OR IGNORE INTO meta(key, value) VALUES(?, ?)");
    insert.bind(1, kKey);
    insert.bind(2, NewUuid());
    insert.exec();
    return {true, GetMeta(*m_db, kKey).value_or(std::string())};
  });
}

std::optional<std::string> RegistrantStore::GetText(std::string_view name) {
  const std::string key = "text." + std::string(name);
  return InReadTransaction(*m_db, m_path, [&]() { return GetMeta(*m_db, key.c_str()); });
}

void RegistrantStore::SetText(std::string_view name, std::string_view value) {
  const std::string key = "text." + std::string(name);
  InWriteTransaction(*m_db, m_path, [&]() -> std::pair<bool, int> {
    SetMeta(*m_db, key.c_str(), std::string(value));
    return {true, 0};
  });
}

std::int64_t RegistrantStore::LastEventSeq() {
  return InReadTransaction(
      *m_db, m_path, [&]() { return m_db->execAndGet("SELECT coalesce(max(seq), 0) FROM checkin_events").getInt64(); });
}

std::int32_t RegistrantStore::ApplicationId() { return kApplicationId; }

}  // namespace kiosk
