// The check-in hub's HTTP routes (issue 4 section 4): desks push and pull check-in events and fetch the registrant
// list, with a shared token. The protocol: kiosk/checkin/Protocol.h. `kioskctl serve` only mounts them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "kiosk/checkin/Protocol.h"
#include "kiosk/server/Http.h"
#include "kiosk/store/RegistrantStore.h"  // HubEventRules

namespace kiosk {
class RegistrantStore;
}
namespace kiosk::server {
class HttpServer;
}

namespace kiosk::checkin {

/// Serves one registrant store to the desks. Each request borrows a RegistrantStore connection of its own from a
/// small pool (one per concurrent request, reused), so requests on the server's worker threads never share one.
/// The registrant file itself is never served: only the routes of the protocol exist.
class CheckinHub {
 public:
  static constexpr std::size_t kMaxBodyBytes = checkin::kMaxBodyBytes;  ///< larger POST bodies get 413
  static constexpr int kMaxPullLimit = checkin::kMaxPullLimit;          ///< events per GET at most
  static constexpr std::size_t kMinTokenLength = checkin::kMinTokenLength;

  /// `people`: an existing registrant store (opened ReadWrite per connection). `token`: what desks send as
  /// "Authorization: Bearer TOKEN"; only its SHA-256 digest is kept. Throws std::invalid_argument for a token shorter
  /// than kMinTokenLength.
  CheckinHub(std::filesystem::path people, const std::string& token);
  ~CheckinHub();
  CheckinHub(const CheckinHub&) = delete;
  CheckinHub& operator=(const CheckinHub&) = delete;

  /// Adds the routes under /checkin/v1/ to `server` (before Start), their request bodies capped at kMaxBodyBytes
  /// (413 beyond, chunked bodies too), and a guard: a request under /checkin/ without the right token gets 401
  /// before its body is read (and again in each route). Every answer to a request with the right token carries the
  /// store's identity, header X-Kiosk-Hub-Id (and "hub_id" in JSON bodies). The hub must outlive the server's use.
  void Mount(server::HttpServer& server);

  /// The route for `method` and `path` (one of the protocol's), run on `request` as the server would after the
  /// guard: for tests without a socket. Unknown routes answer 404.
  server::Response Handle(const std::string& method, const server::Request& request);

  /// The rules of RegistrantStore::MergeDeskEvents for every push (event days plus margin, rate per order code).
  /// Call before Mount.
  void SetEventRules(const HubEventRules& rules) { m_rules = rules; }

  /// The identity sent to desks: the store's StoreId, ":", and a random value made when this hub was constructed
  /// (once per `kioskctl serve`). A restart, even on a store restored from a backup (same StoreId, older seqs), is
  /// thus another identity: every desk pushes all it holds again and pulls from 0 (Protocol.h).
  std::string HubId();

  /// True when `authorization` is "Bearer TOKEN" with the hub's token; compares SHA-256 digests in constant time.
  bool Authorized(const std::string& authorization) const;

 private:
  class Lease;
  std::unique_ptr<RegistrantStore> Borrow();
  void Return(std::unique_ptr<RegistrantStore> store);
  /// The highest seq in the store, found by scanning forward from the last one seen (events are never deleted).
  std::int64_t LastSeq(RegistrantStore& store);

  /// The routes, each with the request's store connection and the hub's identity (HubId).
  void PostEvents(const server::Request& request, server::Response& response, RegistrantStore& store,
                  const std::string& hub_id);
  void GetEvents(const server::Request& request, server::Response& response, RegistrantStore& store,
                 const std::string& hub_id);
  void GetRegistrants(const server::Request& request, server::Response& response, RegistrantStore& store,
                      const std::string& hub_id);
  /// Token check, store lease, errors as JSON: what every route runs around its handler.
  void Guarded(void (CheckinHub::*handler)(const server::Request&, server::Response&, RegistrantStore&,
                                           const std::string&),
               const server::Request& request, server::Response& response);

  std::filesystem::path m_people;
  std::string m_instance;  ///< random hex made at construction: the part of the identity that changes per start
  unsigned char m_token_digest[32] = {};
  std::mutex m_mutex;  ///< guards m_idle and m_last_seq
  std::vector<std::unique_ptr<RegistrantStore>> m_idle;
  std::int64_t m_last_seq = 0;
  HubEventRules m_rules{.margin_days = kDefaultMarginDays, .max_per_code_per_minute = kMaxEventsPerCodePerMinute};
};

}  // namespace kiosk::checkin
