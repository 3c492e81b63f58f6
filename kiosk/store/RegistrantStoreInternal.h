// Helpers the registrant store's files share (RegistrantStore.cpp, RegistrantSchema.cpp, RegistrantLookup.cpp,
// RegistrantEvents.cpp, RegistrantSync.cpp): column lists, row readers, the meta table, transactions. Internal to
// kiosk/store.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include <SQLiteCpp/SQLiteCpp.h>
#include <nlohmann/json.hpp>

#include "kiosk/store/ReadTransaction.h"
#include "kiosk/store/RegistrantStore.h"

namespace kiosk::registrant_detail {

constexpr const char* kRegistrantColumns =
    "order_code, first_name, last_name, organisation, email, category, country, days, appointments, note, withdrawn, "
    "ticket_codes";
constexpr const char* kEventColumns = "uuid, order_code, desk, at_ms, kind, undoes";

using store_detail::ReadTransaction;

/// Days as stored: "2025-06-12,2025-06-13" (FormatDay, comma-separated; ParseDay gives a !ok() day for a damaged one).
std::vector<Day> SplitDays(const std::string& text);

/// Ticket codes as stored in registrants.ticket_codes: one a line (a code holds no control character).
std::string JoinTicketCodes(const std::vector<std::string>& codes);
std::vector<std::string> SplitTicketCodes(const std::string& text);

/// Reads the kRegistrantColumns starting at column `first`. Throws std::runtime_error (nlohmann) for damaged JSON.
std::pair<Registrant, bool> ReadRegistrant(SQLite::Statement& query, int first = 0);

/// Reads the kEventColumns starting at column `first`.
CheckinEvent ReadEvent(SQLite::Statement& query, int first = 0);

/// SELECT kEventColumns of one order code (bound as parameter 1), for EventsOf.
std::string EventsOfSql();

/// The events of one order code, with a statement prepared from EventsOfSql (reset after use).
std::vector<CheckinEvent> EventsOf(SQLite::Statement& query, const std::string& order_code);
std::vector<CheckinEvent> EventsOf(SQLite::Database& db, const std::string& order_code);

/// The meta table's value for `key`; nullopt when absent.
std::optional<std::string> GetMeta(SQLite::Database& db, const char* key);
/// Inserts or replaces the meta table's value for `key`.
void SetMeta(SQLite::Database& db, const char* key, const std::string& value);

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

}  // namespace kiosk::registrant_detail
