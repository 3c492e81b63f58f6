// The desk's hub client (issue 4 section 4): a desk pushes its check-in events to the hub and pulls everyone else's,
// over HTTP with a shared token (the protocol: kiosk/checkin/Protocol.h). Events are a union by uuid
// (RegistrantStore::MergeEvents), so a replay, a restarted hub or a desk that was offline for an hour never loses or
// doubles a check-in.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "kiosk/checkin/Protocol.h"
#include "kiosk/checkin/ProtocolJson.h"
#include "kiosk/core/Registrant.h"

namespace kiosk::checkin {

/// Why a desk's last exchange with its hub failed, as a value (DeskSyncState::error is the message for people; no
/// one sorts it again by its words).
enum class HubProblem {
  None,          ///< the exchange succeeded
  Unreachable,   ///< no connection (refused, no route, unknown host)
  TimedOut,      ///< connected, no answer in time
  Exchange,      ///< the transfer failed otherwise (cut short, too large)
  TokenRefused,  ///< 401: the desk's token is not the hub's
  Refused,       ///< another non-2xx answer (400 naming an event, 500: the hub's store failed)
  Malformed,     ///< the hub's answer breaks the protocol (JSON, identity, events the store refuses)
  Store,         ///< the desk's own registrant store failed: its connection is opened afresh
};

/// Where a desk stands with its hub, for the desk's status line.
struct DeskSyncState {
  HubProblem problem = HubProblem::None;  ///< why the last exchange failed (None when online)
  bool online = false;                    ///< the last exchange with the hub succeeded
  std::string error;  ///< what failed last ("hub unreachable: …", "token refused by the hub (401)"); empty when online
  /// events the hub has not acknowledged yet: local ones after cursor "hub.pushed", and after a change of hub store
  /// those of the replay not yet pushed
  int pending = 0;
  /// of `pending`: events held back because their time is more than kMaxEventClockDistance from the desk's clock
  /// (a typo, or a clock that was wrong); sent by the first round after which they are not
  int held = 0;
  std::int64_t last_exchange_ms = 0;  ///< when the last exchange succeeded, ms since the epoch (0: never)
};

/// One desk's link to the hub, over its own RegistrantStore connection and its own sync::Fetcher (the one HTTP client)
/// (one DeskSync per thread; connect timeout 1 s, 3 s per event exchange, 30 s for the registrant list; redirects are
/// not followed, so the token goes nowhere else). SyncOnce exchanges events first: it pushes the local events the hub
/// has not acknowledged (cursor "hub.pushed", batches of 500) and pulls the hub's events after cursor "hub.pulled"
/// (pages of 1000, until none, every event merged). An event more than kMaxEventClockDistance from the desk's clock is
/// never put in a batch (the hub would refuse the whole batch, wedging the desk): it is held back (text "hub.held", the
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
  /// sync::FetchError when libcurl cannot make a handle.
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

}  // namespace kiosk::checkin
