// Check-in desks and their hub (issue 4 section 4): desks push their check-in events to the hub and pull everyone
// else's, over HTTP with a shared token. Events are a union by uuid (RegistrantStore::MergeEvents), so a replay, a
// restarted hub or a desk that was offline for an hour never loses or doubles a check-in.
//
// The protocol (JSON over HTTP, every request with "Authorization: Bearer TOKEN"; 401 without it):
//   POST /checkin/v1/events      body {"desk": NAME, "events": [EVENT…]}     -> {"accepted": N, "last_seq": S}
//   GET  /checkin/v1/events?after=SEQ&limit=N                                 -> {"events": [EVENT…], "last_seq": S}
//        (SEQ and S are the hub's own sequence numbers; each returned EVENT also has "seq")
//   GET  /checkin/v1/registrants  (If-None-Match: "REVISION")   -> 304, or {"revision": R, "registrants": [REG…]}
// EVENT is {"uuid", "order_code", "desk", "at" (ms since the epoch, UTC), "kind" ("in"|"undo"), "undoes"}.
// REG is the Registrant fields by name (days as "YYYY-MM-DD", appointment times as ms since the epoch, UTC).
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include <nlohmann/json_fwd.hpp>

#include "kiosk/core/Registrant.h"

namespace kiosk {

/// JSON forms of the protocol above. FromJson throws std::invalid_argument naming the field for a malformed value.
nlohmann::json CheckinEventToJson(const CheckinEvent& event);
CheckinEvent CheckinEventFromJson(const nlohmann::json& json);
nlohmann::json RegistrantToJson(const Registrant& registrant);
Registrant RegistrantFromJson(const nlohmann::json& json);

/// Where a desk stands with its hub, for the desk's status line.
struct DeskSyncState {
  bool online = false;           ///< the last exchange with the hub succeeded
  std::string error;             ///< what failed last ("hub unreachable", "token refused (401)"); empty when online
  int pending = 0;               ///< local events the hub has not acknowledged yet
  std::int64_t last_exchange_ms = 0;  ///< when the last exchange succeeded, ms since the epoch (0: never)
};

/// One desk's link to the hub, over its own RegistrantStore connection (open one per thread). SyncOnce pushes the
/// local events the hub has not acknowledged (cursor "hub.pushed"), pulls the hub's events after cursor
/// "hub.pulled", and refreshes the registrant list when the hub's revision changed. Cursors advance only after the
/// store has committed what they cover, so a crash or a failed request only repeats work. Never throws from
/// SyncOnce: failures go into the state.
class DeskSync {
 public:
  /// `hub_url` such as "http://10.0.0.5:8080" (a trailing '/' is allowed). Throws StoreError (the store).
  DeskSync(const std::filesystem::path& people, std::string hub_url, std::string token, std::string desk);
  ~DeskSync();
  DeskSync(const DeskSync&) = delete;
  DeskSync& operator=(const DeskSync&) = delete;

  /// One push + pull + registrant refresh. Returns the state after it.
  DeskSyncState SyncOnce();
  DeskSyncState State() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

}  // namespace kiosk
