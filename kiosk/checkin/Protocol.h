// The check-in protocol between desks and their hub, one header for both ends (the model: Tracy's TracyProtocol.hpp):
// routes, JSON keys, limits and the hub's identity header. Neither the desk's client (DeskSync) nor the hub's routes
// (CheckinHub) spells a literal of its own.
//
// JSON over HTTP, every request with "Authorization: Bearer TOKEN"; 401 without the right one, sent before the hub
// reads any body:
//   POST kEventsPath      body {"desk": NAME, "events": [EVENT…]}
//        -> {"accepted": N, "dropped": D, "last_seq": S, "hub_id": ID, "registrants_revision": R}
//        N: how many of the events were new to the hub (a replay accepts 0); S: the hub's highest seq after it.
//        D: new events the hub did not keep (RegistrantStore::MergeDeskEvents): dated outside the event's days (the
//        registrants' days) widened by `kioskctl serve --checkin-margin-days` (default kDefaultMarginDays), or beyond
//        kMaxEventsPerCodePerMinute events of one order code in one minute. They are acknowledged all the same (a batch
//        refused whole would wedge the desk). The whole batch is merged in one transaction, or nothing is: a malformed
//        event, or one whose "at" is more than kMaxEventClockDistance from the hub's clock, gives 400 naming the
//        event's uuid.
//   GET  kEventsPath?after=SEQ&limit=N (N 1 to kMaxPullLimit, default kMaxPullLimit)
//        -> {"events": [EVENT…], "last_seq": S, "hub_id": ID, "registrants_revision": R}
//        Each returned EVENT also has "seq", the hub's sequence number; the next "after" is the last event's seq, and
//        an empty list means the desk is up to date. S is the hub's highest seq.
//   GET  kRegistrantsPath  (If-None-Match: "REVISION")   -> 304, or {"revision": R, "registrants": [REG…],
//        "hub_id": ID} with ETag "R"; R is 0 (and the list empty) while the hub has no registrant list, and then a
//        desk keeps its own. Withdrawn registrants are not listed.
// ID is the hub's identity: its store's (RegistrantStore::StoreId), ":", and a random value made each time the hub
// starts (`kioskctl serve`), also sent as the header kHubIdHeader on every answer to a request with the right token.
// The random part is there because a store restored from a backup keeps its StoreId (it lives in the file) while its
// seqs go back: after any hub restart every desk starts over, pushing all it holds and pulling from 0 (a union by
// uuid makes that harmless, and it is cheap for thousands of events). Seqs and revisions are numbers of one hub
// store: a desk that sees another ID than the one it kept (a hub restarted, on the same, a new or a restored file)
// starts over with it: it pushes every event it holds (its own and those it pulled, so a dead desk's check-ins reach
// the new store too; a union, so harmless), then pulls from 0 and fetches the list again. R, the hub's registrant
// list revision, lets a desk fetch the list only when it changed.
// Errors: 400 {"error": MESSAGE} for malformed JSON or events, 401 for a missing or wrong token, 413 for a body over
// kMaxBodyBytes, 500 {"error": MESSAGE} when the hub's store fails.
// EVENT is {"uuid", "order_code", "desk", "at" (ms since the epoch, UTC), "kind" ("in"|"undo"), "undoes"} ("undoes"
// may be left out of an In event).
// REG is the Registrant fields by name (days as "YYYY-MM-DD", appointments as {"start", "end" (s since the epoch,
// UTC), "title", "place"}, ticket_codes as a list of strings, issue 13); only "order_code" is required.
#pragma once

#include <chrono>
#include <cstddef>

namespace kiosk::checkin {

// --- Routes
/// Every route of the protocol starts with this (the server's token guard covers it).
inline constexpr const char* kRoutePrefix = "/checkin/";
/// POST: a desk pushes its events; GET (with kAfterParam, kLimitParam): a desk pulls the hub's.
inline constexpr const char* kEventsPath = "/checkin/v1/events";
/// GET: the registrant list (ETag / If-None-Match: the quoted revision).
inline constexpr const char* kRegistrantsPath = "/checkin/v1/registrants";
/// Query parameters of GET kEventsPath.
inline constexpr const char* kAfterParam = "after";
inline constexpr const char* kLimitParam = "limit";

// --- Headers
/// The header that carries the hub store's identity (see above).
inline constexpr const char* kHubIdHeader = "X-Kiosk-Hub-Id";
/// RFC 6750 section 2.1: "Authorization: Bearer TOKEN" (the scheme is case-insensitive).
inline constexpr const char* kBearerScheme = "Bearer";

// --- JSON keys
namespace key {
inline constexpr const char* kDesk = "desk";
inline constexpr const char* kEvents = "events";
inline constexpr const char* kAccepted = "accepted";
inline constexpr const char* kDropped = "dropped";
inline constexpr const char* kLastSeq = "last_seq";
inline constexpr const char* kHubId = "hub_id";
inline constexpr const char* kRegistrantsRevision = "registrants_revision";
inline constexpr const char* kSeq = "seq";
inline constexpr const char* kRevision = "revision";
inline constexpr const char* kRegistrants = "registrants";
inline constexpr const char* kError = "error";
// EVENT
inline constexpr const char* kUuid = "uuid";
inline constexpr const char* kOrderCode = "order_code";
inline constexpr const char* kAt = "at";
inline constexpr const char* kKind = "kind";
inline constexpr const char* kUndoes = "undoes";
}  // namespace key

// --- Limits
/// Events per GET at most (the page a desk pulls and merges in one transaction); also the default limit.
inline constexpr int kMaxPullLimit = 1000;
/// Events per POST from a desk.
inline constexpr int kPushBatch = 500;
/// Larger POST bodies get 413 (chunked bodies too).
inline constexpr std::size_t kMaxBodyBytes = 8u << 20;
/// The hub refuses to start with a shorter token.
inline constexpr std::size_t kMinTokenLength = 16;
/// How far an event's time may be from the hub's clock: the hub refuses a batch with such an event (400), so a desk
/// holds back its events this far from its own clock (sent once they are not), and merges all the hub sends. A year
/// and a day: a desk whose clock restarted at 1970 (no battery-backed clock) or a typo in a hand-made event cannot
/// reorder everyone's "first check-in".
inline constexpr std::chrono::hours kMaxEventClockDistance{24 * 366};

// --- Rate limits of the hub (RegistrantStore's HubEventRules, which the hub fills from these)
/// Events of one order code per minute of event time the hub keeps; beyond, dropped (and counted in "dropped").
inline constexpr int kMaxEventsPerCodePerMinute = 30;
/// Whole days around the event's days in which the hub keeps events (kioskctl serve --checkin-margin-days).
inline constexpr int kDefaultMarginDays = 1;

}  // namespace kiosk::checkin
