// Finding registrants: a desk's Search (FTS5, ranked in tiers), Find by order code, and All.
#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <SQLiteCpp/SQLiteCpp.h>

#include "kiosk/core/Text.h"
#include "kiosk/store/RegistrantSearch.h"
#include "kiosk/store/RegistrantStore.h"
#include "kiosk/store/RegistrantStoreInternal.h"

namespace kiosk {

using namespace registrant_detail;
using registrant_search::ExactWordMatch;
using registrant_search::HasWord;
using registrant_search::PrefixMatch;
using registrant_search::SplitWords;
using registrant_search::TypedLetters;

namespace {

/// Search: how many rows each FTS5 candidate query may return before ranking (see Search).
constexpr int kCandidateCap = 256;

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

/// One FTS5 candidate before ranking.
struct Candidate {
  std::int64_t id = 0;
  int tier = 2;  ///< 0: a query word is a whole last-name word; 1: a whole first-name word; 2, 3: neither (see Search)
  double bm25 = 0;
  std::string last, first;  ///< SearchText, for the final tie-break
};

/// A registrant that a typed code names (MatchOrderCode).
struct CodeMatch {
  std::int64_t id = 0;
  Registrant registrant;
  bool withdrawn = false;
};

/// The registrant `code` (canonical) names, for Find and Search: the one whose order code it is, withdrawn or not;
/// else the one whose ticket code it is (Registrant::ticket_codes), withdrawn or not; else the only non-withdrawn
/// ticket of order `code` coded "CODE-" + 4 or 8 characters of pretix's alphabet (PretixTicketCode: what the ticket and
/// the confirmation print is the order code "ABC12", the store holds "ABC12-K3QF"); else none (several such tickets:
/// Search lists them, "abc12" being a word of each code). Two lookups on the unique order_code index, the second a
/// range [code + "-", code + ".") ('.' follows '-' in ASCII) of at most two rows: an order's tickets, whatever the size
/// of the store.
std::optional<CodeMatch> MatchOrderCode(SQLite::Database& db, const std::string& code) {
  if (code.empty()) return std::nullopt;
  SQLite::Statement exact(db,
                          std::string("SELECT id, ") + kRegistrantColumns + " FROM registrants WHERE order_code = ?");
  exact.bind(1, code);
  if (exact.executeStep()) {
    auto [registrant, withdrawn] = ReadRegistrant(exact, 1);
    return CodeMatch{exact.getColumn(0).getInt64(), std::move(registrant), withdrawn};
  }
  // A ticket code (Registrant::ticket_codes: a pretix ticket's secret, a barcode): one registrant by the primary key.
  SQLite::Statement by_ticket(db, std::string("SELECT id, ") + kRegistrantColumns +
                                      " FROM registrants WHERE order_code = "
                                      "(SELECT order_code FROM registrant_codes WHERE code = ?)");
  by_ticket.bind(1, code);
  if (by_ticket.executeStep()) {
    auto [registrant, withdrawn] = ReadRegistrant(by_ticket, 1);
    return CodeMatch{by_ticket.getColumn(0).getInt64(), std::move(registrant), withdrawn};
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

}  // namespace kiosk
