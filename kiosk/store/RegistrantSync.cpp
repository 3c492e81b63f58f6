// What the hub sync keeps in the registrant store: events by seq for paging, named counters (the sync cursors), the
// store's identity and named texts (the desk's "hub.id").
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <SQLiteCpp/SQLiteCpp.h>

#include "kiosk/store/RegistrantStore.h"
#include "kiosk/store/RegistrantStoreInternal.h"

namespace kiosk {

using namespace registrant_detail;

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

}  // namespace kiosk
