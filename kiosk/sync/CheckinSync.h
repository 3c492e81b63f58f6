// Check-in desks and their hub (issue 4 section 4): desks push their check-in events to the hub and pull everyone
// else's, over HTTP with a shared token. Events are a union by uuid (RegistrantStore::MergeEvents), so a replay, a
// restarted hub or a desk that was offline for an hour never loses or doubles a check-in.
//
// The protocol (JSON over HTTP, every request with "Authorization: Bearer TOKEN"; 401 without the right one, sent
// before the hub reads any body):
//   POST /checkin/v1/events      body {"desk": NAME, "events": [EVENT…]}
//        -> {"accepted": N, "dropped": D, "last_seq": S, "hub_id": ID, "registrants_revision": R}
//        N: how many of the events were new to the hub (a replay accepts 0); S: the hub's highest seq after it.
//        D: new events the hub did not keep (RegistrantStore::MergeDeskEvents): dated outside the event's days (the
//        registrants' days) widened by `kioskctl serve --checkin-margin-days` (default 1), or beyond 30 events of one
//        order code in one minute. They are acknowledged all the same (a batch refused whole would wedge the desk).
//        The whole batch is merged in one transaction, or nothing is: a malformed event, or one whose "at" is more
//        than kMaxEventClockDistance from the hub's clock, gives 400 naming the event's uuid.
//   GET  /checkin/v1/events?after=SEQ&limit=N (N 1 to 1000, default 1000)
//        -> {"events": [EVENT…], "last_seq": S, "hub_id": ID, "registrants_revision": R}
//        Each returned EVENT also has "seq", the hub's sequence number; the next "after" is the last event's seq, and
//        an empty list means the desk is up to date. S is the hub's highest seq.
//   GET  /checkin/v1/registrants  (If-None-Match: "REVISION")   -> 304, or {"revision": R, "registrants": [REG…],
//        "hub_id": ID} with ETag "R"; R is 0 (and the list empty) while the hub has no registrant list, and then a
//        desk keeps its own. Withdrawn registrants are not listed.
// ID is the hub's identity: its store's (RegistrantStore::StoreId), ":", and a random value made each time the hub
// starts (`kioskctl serve`), also sent as the header X-Kiosk-Hub-Id on every answer to a request with the right token.
// The random part is there because a store restored from a backup keeps its StoreId (it lives in the file) while its
// seqs go back: after any hub restart every desk starts over, pushing all it holds and pulling from 0 (a union by
// uuid makes that harmless, and it is cheap for thousands of events). Seqs and revisions are numbers of one hub
// store: a desk that sees another ID than the one it kept (a hub restarted, on the same, a new or a restored file)
// starts over with it: it pushes every event it
// holds (its own and those it pulled, so a dead desk's check-ins reach the new store too; a union, so harmless),
// then pulls from 0 and fetches the list again. R, the hub's registrant list revision, lets a desk fetch the list
// only when it changed.
// Errors: 400 {"error": MESSAGE} for malformed JSON or events, 401 for a missing or wrong token, 413 for a body over
// 8 MiB, 500 {"error": MESSAGE} when the hub's store fails.
// EVENT is {"uuid", "order_code", "desk", "at" (ms since the epoch, UTC), "kind" ("in"|"undo"), "undoes"} ("undoes"
// may be left out of an In event).
// REG is the Registrant fields by name (days as "YYYY-MM-DD", appointments as {"start", "end" (s since the epoch,
// UTC), "title", "place"}); only "order_code" is required.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include <nlohmann/json_fwd.hpp>

#include "kiosk/core/Registrant.h"

namespace kiosk {

/// The header that carries the hub store's identity (see the protocol above).
inline constexpr const char* kHubIdHeader = "X-Kiosk-Hub-Id";

/// How far an event's time may be from the hub's clock: the hub refuses a batch with such an event (400), so a desk
/// holds back its events this far from its own clock (sent once they are not), and merges all the hub sends. A year and
/// a day: a desk whose clock restarted at 1970 (no battery-backed clock) or a typo in a hand-made event cannot reorder
/// everyone's "first check-in".
inline constexpr std::chrono::hours kMaxEventClockDistance{24 * 366};

/// True when `at` is within kMaxEventClockDistance of `now` (both UTC).
bool EventTimeInBounds(EventTime at, EventTime now);

/// JSON forms of the protocol above. FromJson throws std::invalid_argument naming the field for a malformed value.
nlohmann::json CheckinEventToJson(const CheckinEvent& event);
CheckinEvent CheckinEventFromJson(const nlohmann::json& json);
nlohmann::json RegistrantToJson(const Registrant& registrant);
Registrant RegistrantFromJson(const nlohmann::json& json);

/// Where a desk stands with its hub, for the desk's status line.
struct DeskSyncState {
  bool online = false;  ///< the last exchange with the hub succeeded
  std::string error;  ///< what failed last ("hub unreachable: …", "token refused by the hub (401)"); empty when online
  /// events the hub has not acknowledged yet: local ones after cursor "hub.pushed", and after a change of hub store
  /// those of the replay not yet pushed
  int pending = 0;
  /// of `pending`: events held back because their time is more than kMaxEventClockDistance from the desk's clock
  /// (a typo, or a clock that was wrong); sent by the first round after which they are not
  int held = 0;
  std::int64_t last_exchange_ms = 0;  ///< when the last exchange succeeded, ms since the epoch (0: never)
};

/// One desk's link to the hub, over its own RegistrantStore connection and its own libcurl handle (one DeskSync per
/// thread; connect timeout 1 s, 3 s per event exchange, 30 s for the registrant list; redirects are not followed, so
/// the token goes nowhere else). SyncOnce exchanges events first: it pushes the local events the hub has not
/// acknowledged (cursor "hub.pushed", batches of 500) and pulls the hub's events after cursor "hub.pulled" (pages of
/// 1000, until none, every event merged). An event more than kMaxEventClockDistance from the desk's clock is never
/// put in a batch (the hub would refuse the whole batch, wedging the desk): it is held back (text "hub.held", the
/// seqs; a line on stderr once), the cursor moves past it, and every round sends those held back that are now within
/// bounds; they count as pending meanwhile. Then it imports the hub's registrant list (RegistrantStore::Import, source
/// "hub"), but only when the hub's list revision sent with the events ("registrants_revision") is above 0 and differs
/// from cursor "hub.registrants" (a hub that sends none: a conditional GET at most every kRegistrantsRecheck); after a
/// failed list, not again before kRegistrantsRecheck. The hub's identity (header X-Kiosk-Hub-Id) is kept as text
/// "hub.id" (RegistrantStore::SetText); when an answer carries another one (or none was kept and a cursor is above
/// 0), every cursor goes back to 0, every event the desk holds is pushed again (cursors "hub.replayed" up to
/// "hub.replay_to"), and the round starts over. Cursors advance only after the hub's 2xx and the store's commit, so a
/// crash or a failed request only repeats work, and a repeat is harmless (a union by uuid). Never throws from
/// SyncOnce: failures go into the state.
class DeskSync {
 public:
  /// `people`: the desk's registrant store, opened ReadWrite (made when missing: the hub's list then fills it).
  /// `hub_url` such as "http://10.0.0.5:8080" (a trailing '/' is allowed). Throws StoreError (the store),
  /// std::runtime_error when libcurl cannot make a handle.
  DeskSync(const std::filesystem::path& people, std::string hub_url, std::string token, std::string desk);
  ~DeskSync();
  DeskSync(const DeskSync&) = delete;
  DeskSync& operator=(const DeskSync&) = delete;

  /// One push + pull + registrant refresh, blocking (seconds at most when the hub is unreachable). Returns the
  /// state after it.
  DeskSyncState SyncOnce();
  /// The least time between two registrant list requests when the hub does not say its list revision, or after a
  /// failed one.
  static constexpr std::chrono::seconds kRegistrantsRecheck{10};
  /// The state after the last SyncOnce (a default state before the first); safe to call from another thread.
  DeskSyncState State() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

}  // namespace kiosk
