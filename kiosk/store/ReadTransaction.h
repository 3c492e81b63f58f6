// A read transaction for both stores (schedule and registrants): internal to kiosk/store.
#pragma once

#include <SQLiteCpp/Database.h>

namespace kiosk::store_detail {

/// A read transaction that always ends, so no snapshot outlives the call (STYLE.md: a pinned WAL snapshot shows stale
/// data). BEGIN on construction (throws SQLite::Exception), COMMIT on destruction (errors ignored: nothing was
/// written).
class ReadTransaction {
 public:
  explicit ReadTransaction(SQLite::Database& db) : m_db(db) { m_db.exec("BEGIN"); }
  ~ReadTransaction() {
    try {
      m_db.exec("COMMIT");
    } catch (...) {
    }
  }
  ReadTransaction(const ReadTransaction&) = delete;
  ReadTransaction& operator=(const ReadTransaction&) = delete;

 private:
  SQLite::Database& m_db;
};

}  // namespace kiosk::store_detail
