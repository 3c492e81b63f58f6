// Check-in events: checking in and undoing at a desk, status and counters, and merging events made elsewhere (a desk's
// push at the hub, the hub's pages at a desk). Events are append-only.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include <SQLiteCpp/SQLiteCpp.h>

#include "kiosk/store/RegistrantStore.h"
#include "kiosk/store/RegistrantStoreInternal.h"

namespace kiosk {

using namespace registrant_detail;

namespace {

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

}  // namespace

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

std::vector<CheckinEvent> RegistrantStore::Events() {
  return InReadTransaction(*m_db, m_path, [&]() {
    std::vector<CheckinEvent> events;
    SQLite::Statement query(*m_db,
                            std::string("SELECT ") + kEventColumns + " FROM checkin_events ORDER BY at_ms, uuid");
    while (query.executeStep()) events.push_back(ReadEvent(query));
    return events;
  });
}

}  // namespace kiosk
