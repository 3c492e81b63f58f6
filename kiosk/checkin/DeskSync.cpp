// The desk's hub client: a desk's push/pull over the one HTTP client, sync::Fetcher (DeskSync.h; the protocol:
// Protocol.h).
#include "kiosk/checkin/DeskSync.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <mutex>
#include <optional>
#include <set>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "kiosk/core/Fields.h"
#include "kiosk/store/RegistrantStore.h"
#include "kiosk/sync/Fetcher.h"

namespace kiosk::checkin {
namespace {

using nlohmann::json;

constexpr const char* kUserAgent = "kiosk-checkin/0.1";
constexpr const char* kPushedCursor = "hub.pushed";
constexpr const char* kPulledCursor = "hub.pulled";
/// The hub's registrant list revision this desk last imported (the hub's number, not the desk's own revision).
constexpr const char* kRegistrantsCursor = "hub.registrants";
/// After a change of hub store, every event with seq up to "hub.replay_to" is pushed again; "hub.replayed" is how far
/// that got. 0 and 0: no replay under way.
constexpr const char* kReplayToCursor = "hub.replay_to";
constexpr const char* kReplayedCursor = "hub.replayed";
/// The hub store's identity (X-Kiosk-Hub-Id) these cursors count in: a RegistrantStore text, not a counter.
constexpr const char* kHubIdText = "hub.id";
/// The seqs of this desk's events held back for their time (out of EventTimeInBounds when their turn came), at or
/// below "hub.pushed" (or "hub.replayed"): a RegistrantStore text, the seqs in increasing order, comma-separated ("":
/// none). Each round sends those now in bounds and keeps the rest.
constexpr const char* kHeldText = "hub.held";
constexpr int kPullLimit = kMaxPullLimit;
constexpr std::chrono::milliseconds kConnectTimeout{1000};
constexpr std::chrono::milliseconds kTotalTimeout{3000};
/// The registrant list may be tens of MB for a big event: it gets longer than an event exchange.
constexpr std::chrono::milliseconds kRegistrantsTimeout{30000};
constexpr std::size_t kMaxResponseBytes = 256u << 20;

/// A failed exchange: what goes into DeskSyncState::error.
struct SyncFailure : std::runtime_error {
  explicit SyncFailure(const std::string& message, HubProblem kind = HubProblem::Malformed)
      : std::runtime_error(message), problem(kind) {}
  HubProblem problem;
};

/// An answer came from another hub store than the cursors count in: they were reset, the round starts over.
struct HubChanged {};

struct HttpResponse {
  long status = 0;
  std::string body;
  std::string hub_id;  ///< X-Kiosk-Hub-Id; empty when the hub sent none (a hub from before identities)
};

std::int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

EventTime NowTime() { return EventTime{std::chrono::milliseconds{NowMs()}}; }

/// A hub identity: the store's uuid, optionally ":" and up to 64 letters, digits or '-' (the hub's start, see
/// Protocol.h).
bool IsHubId(const std::string& id) {
  const std::size_t colon = id.find(':');
  if (!IsUuid(id.substr(0, colon))) return false;
  if (colon == std::string::npos) return true;
  const std::string_view rest = std::string_view(id).substr(colon + 1);
  if (rest.empty() || rest.size() > 64) return false;
  return std::all_of(rest.begin(), rest.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-';
  });
}

std::set<std::int64_t> ParseSeqs(const std::optional<std::string>& text) {
  std::set<std::int64_t> seqs;
  if (!text) return seqs;
  std::size_t start = 0;
  while (start < text->size()) {
    std::size_t end = text->find(',', start);
    if (end == std::string::npos) end = text->size();
    std::int64_t value = 0;
    auto [ptr, error] = std::from_chars(text->data() + start, text->data() + end, value);
    if (error == std::errc() && ptr == text->data() + end && value > 0) seqs.insert(value);
    start = end + 1;
  }
  return seqs;
}

std::string FormatSeqs(const std::set<std::int64_t>& seqs) {
  std::string text;
  for (std::int64_t seq : seqs) {
    if (!text.empty()) text += ',';
    text += std::to_string(seq);
  }
  return text;
}

}  // namespace

// --- DeskSync

struct DeskSync::Impl {
  RegistrantStore store;
  std::string base;  ///< hub URL without a trailing '/'
  std::string authorization;
  std::string desk;
  sync::Fetcher fetcher;           ///< the one HTTP client, its connection kept between exchanges
  mutable std::mutex state_mutex;  ///< State() may be called from the desk's screen while SyncOnce runs
  DeskSyncState state;
  /// The hub's registrant list revision sent with the last pull; nullopt: the hub sends none (or no pull yet).
  std::optional<std::int64_t> hub_registrants_revision;
  /// No registrant list request before this (see DeskSync::kRegistrantsRecheck), and why the last one failed.
  std::chrono::steady_clock::time_point registrants_not_before{};
  std::string registrants_error;
  HubProblem registrants_problem = HubProblem::None;

  Impl(const std::filesystem::path& people, std::string hub_url, const std::string& token, std::string desk_name)
      : store(people, RegistrantStore::Mode::ReadWrite),
        base(std::move(hub_url)),
        authorization(std::string("Authorization: ") + kBearerScheme + " " + token),
        desk(std::move(desk_name)),
        fetcher(sync::FetchTimeouts{.connect = kConnectTimeout, .total = kTotalTimeout}) {
    while (!base.empty() && base.back() == '/') base.pop_back();
  }

  /// One request to the hub. Throws SyncFailure for a transport error or a 401; other statuses are returned.
  HttpResponse Request(const std::string& path, const std::string* post_body, const std::string& if_none_match = {},
                       std::chrono::milliseconds total_timeout = kTotalTimeout) {
    sync::FetchRequest request;
    request.url = base + path;
    request.headers = {authorization, "Accept: application/json"};
    if (post_body) {
      request.post = true;
      request.post_body = *post_body;
      request.headers.push_back("Content-Type: application/json");
    }
    request.if_none_match = if_none_match;
    request.follow_redirects = false;  // the token must never follow a redirect elsewhere
    request.capture_header = kHubIdHeader;
    request.total = total_timeout;
    request.max_bytes = kMaxResponseBytes;
    request.user_agent = kUserAgent;
    sync::FetchResponse fetched;
    try {
      fetched = fetcher.Get(request);
    } catch (const sync::FetchError& error) {
      switch (error.GetKind()) {
        case sync::FetchError::Kind::Connect:
          throw SyncFailure(std::string("hub unreachable: ") + error.what(), HubProblem::Unreachable);
        case sync::FetchError::Kind::Timeout:
          throw SyncFailure(std::string("hub timed out: ") + error.what(), HubProblem::TimedOut);
        default:
          throw SyncFailure(std::string("hub exchange failed: ") + error.what(), HubProblem::Exchange);
      }
    }
    HttpResponse response;
    response.status = fetched.status;
    response.body = std::move(fetched.body);
    response.hub_id = std::move(fetched.captured);
    if (response.status == 401) throw SyncFailure("token refused by the hub (401)", HubProblem::TokenRefused);
    return response;
  }

  /// The body of a 2xx answer as JSON; throws SyncFailure for another status or malformed JSON.
  static json Expect2xx(const HttpResponse& response, const std::string& what) {
    if (response.status < 200 || response.status > 299) {
      std::string detail;
      try {
        json body = json::parse(response.body);
        if (body.is_object() && body.contains(key::kError) && body[key::kError].is_string()) detail = body[key::kError];
      } catch (const json::exception&) {
      }
      throw SyncFailure("hub answered HTTP " + std::to_string(response.status) + " to " + what +
                            (detail.empty() ? "" : ": " + detail),
                        HubProblem::Refused);
    }
    try {
      json body = json::parse(response.body);
      if (!body.is_object()) throw SyncFailure("hub sent something other than a JSON object to " + what);
      return body;
    } catch (const json::exception& error) {
      throw SyncFailure("hub sent malformed JSON to " + what + ": " + error.what());
    }
  }

  /// True when any cursor counts in some hub store's numbers.
  bool AnyCursor() {
    for (const char* name : {kPushedCursor, kPulledCursor, kRegistrantsCursor, kReplayToCursor}) {
      if (store.GetCounter(name).value_or(0) != 0) return true;
    }
    return false;
  }

  /// The cursors count in another hub store's numbers (`why`): all back to 0, and every event this desk holds, up to
  /// the last one now, pushed again by the next Push. Written in an order that a crash midway only repeats: the
  /// caller keeps the new hub identity last.
  void StartOver(const std::string& why) {
    const std::int64_t last = store.LastEventSeq();
    store.SetCounter(kReplayedCursor, 0);
    store.SetCounter(kReplayToCursor, last);
    store.SetCounter(kPushedCursor, 0);
    store.SetCounter(kPulledCursor, 0);
    store.SetCounter(kRegistrantsCursor, 0);
    store.SetText(kHeldText, "");  // the replay goes over them again
    hub_registrants_revision.reset();
    registrants_not_before = {};
    registrants_error.clear();
    std::fprintf(stderr, "kiosk: hub: %s: pushing every event of this desk again, pulling all from the start\n",
                 why.c_str());
  }

  /// Checks the hub store's identity an answer carries against the one the cursors count in; another one: StartOver
  /// and throws HubChanged. A first identity is just kept (when no cursor counts in anyone's numbers yet).
  void NoteHub(const HttpResponse& response) {
    if (response.hub_id.empty()) return;  // a hub from before identities: Pull's last_seq check still applies
    if (!IsHubId(response.hub_id)) {
      throw SyncFailure(std::string("hub sent a malformed ") + kHubIdHeader + " \"" + response.hub_id.substr(0, 64) +
                        "\"");
    }
    const std::optional<std::string> kept = store.GetText(kHubIdText);
    if (kept == response.hub_id) return;
    if (kept || AnyCursor()) {
      StartOver(kept ? "the hub's store changed (" + *kept + " before, " + response.hub_id + " now)"
                     : "the hub's store " + response.hub_id + " is not known to this desk's cursors");
      store.SetText(kHubIdText, response.hub_id);
      throw HubChanged{};
    }
    store.SetText(kHubIdText, response.hub_id);
  }

  /// POSTs a batch of events; the hub's answer, checked.
  json PostEvents(json events, std::size_t count) {
    const std::string body = json{{key::kDesk, desk}, {key::kEvents, std::move(events)}}.dump();
    HttpResponse response = Request(kEventsPath, &body);
    NoteHub(response);
    json answer = Expect2xx(response, "the push of " + std::to_string(count) + " events");
    if (!answer.contains(key::kAccepted)) throw SyncFailure("hub's answer to a push has no \"accepted\"");
    return answer;
  }

  /// Posts the events of `batch` within time bounds of this desk's clock and adds the others' seqs to the held-back
  /// list "hub.held" (the hub would refuse the whole batch for one of them), logging each held one. Throws
  /// SyncFailure when the post fails (nothing is then recorded as held: the batch is retried whole).
  void SendBatch(const std::vector<StoredCheckinEvent>& batch) {
    const EventTime now = NowTime();
    json events = json::array();
    std::set<std::int64_t> held_now;
    for (const StoredCheckinEvent& stored : batch) {
      if (EventTimeInBounds(stored.event.at, now)) {
        events.push_back(CheckinEventToJson(stored.event));
        continue;
      }
      held_now.insert(stored.seq);
      std::fprintf(stderr,
                   "kiosk: hub: holding back event %s (%s at desk %s): its time, %lld ms since 1970, is more than 366 "
                   "days from this desk's clock; sent once it is not\n",
                   stored.event.uuid.c_str(), stored.event.order_code.c_str(), stored.event.desk.c_str(),
                   static_cast<long long>(stored.event.at.time_since_epoch().count()));
    }
    if (const std::size_t count = events.size(); count > 0) PostEvents(std::move(events), count);
    if (held_now.empty()) return;
    std::set<std::int64_t> held = ParseSeqs(store.GetText(kHeldText));
    held.insert(held_now.begin(), held_now.end());
    store.SetText(kHeldText, FormatSeqs(held));
  }

  /// Sends the held-back events that are now within time bounds (a desk's clock fixed, or time passed), keeps the
  /// rest held. One scan from the first held seq, only while some are held.
  void RetryHeld() {
    const std::set<std::int64_t> held = ParseSeqs(store.GetText(kHeldText));
    if (held.empty()) return;
    const EventTime now = NowTime();
    std::vector<CheckinEvent> ready;
    std::set<std::int64_t> sent;
    for (std::int64_t after = *held.begin() - 1; after < *held.rbegin();) {
      std::vector<StoredCheckinEvent> page = store.EventsAfter(after, kPullLimit);
      if (page.empty()) break;
      for (const StoredCheckinEvent& stored : page) {
        if (held.count(stored.seq) && EventTimeInBounds(stored.event.at, now)) {
          ready.push_back(stored.event);
          sent.insert(stored.seq);
        }
      }
      after = page.back().seq;
    }
    for (std::size_t start = 0; start < ready.size(); start += kPushBatch) {
      json events = json::array();
      const std::size_t end = std::min(ready.size(), start + kPushBatch);
      for (std::size_t i = start; i < end; ++i) events.push_back(CheckinEventToJson(ready[i]));
      PostEvents(std::move(events), end - start);
    }
    if (sent.empty()) return;
    std::set<std::int64_t> still = ParseSeqs(store.GetText(kHeldText));
    for (std::int64_t seq : sent) still.erase(seq);
    store.SetText(kHeldText, FormatSeqs(still));
  }

  /// After a change of hub store: pushes every event with seq up to "hub.replay_to", local or not (a dead desk's
  /// check-ins reach the new store through the desks that pulled them); events out of time bounds are held back.
  void Replay() {
    const std::int64_t until = store.GetCounter(kReplayToCursor).value_or(0);
    if (until <= 0) return;
    std::int64_t done = store.GetCounter(kReplayedCursor).value_or(0);
    while (done < until) {
      std::vector<StoredCheckinEvent> batch = store.EventsAfter(done, kPushBatch);
      std::erase_if(batch, [&](const StoredCheckinEvent& stored) { return stored.seq > until; });
      if (batch.empty()) break;
      SendBatch(batch);
      done = batch.back().seq;
      store.SetCounter(kReplayedCursor, done);
    }
    // The local events up to `until` went with the replay.
    if (store.GetCounter(kPushedCursor).value_or(0) < until) store.SetCounter(kPushedCursor, until);
    store.SetCounter(kReplayToCursor, 0);
    store.SetCounter(kReplayedCursor, 0);
  }

  /// Pushes local events after "hub.pushed" in batches (a replay first, when one is under way, then the held-back
  /// events now in bounds); the cursor moves after each batch the hub acknowledged, past the events held back from
  /// it too (kept in "hub.held", so one bad time never wedges the cursor).
  void Push() {
    Replay();
    RetryHeld();
    std::int64_t pushed = store.GetCounter(kPushedCursor).value_or(0);
    for (;;) {
      std::vector<StoredCheckinEvent> batch = store.EventsAfter(pushed, kPushBatch, true);
      if (batch.empty()) return;
      SendBatch(batch);
      pushed = batch.back().seq;
      store.SetCounter(kPushedCursor, pushed);
      if (static_cast<int>(batch.size()) < kPushBatch) return;
    }
  }

  /// Pulls the hub's events after "hub.pulled" until the hub has no more, merging each page before its cursor moves.
  /// Every event the hub sends is merged: the hub checked its time on the way in (against its own clock), and a desk
  /// that skipped one for its own clock would never get it once that clock is fixed.
  void Pull() {
    std::int64_t pulled = store.GetCounter(kPulledCursor).value_or(0);
    for (;;) {
      const std::string path = std::string(kEventsPath) + "?" + kAfterParam + "=" + std::to_string(pulled) + "&" +
                               kLimitParam + "=" + std::to_string(kPullLimit);
      HttpResponse response = Request(path, nullptr);
      NoteHub(response);
      json answer = Expect2xx(response, "a pull");
      std::vector<CheckinEvent> events;
      std::int64_t last = pulled;
      std::int64_t hub_last = 0;
      bool page_empty = true;
      try {
        hub_last = IntegerField(answer, key::kLastSeq);
        if (answer.contains(key::kRegistrantsRevision)) {
          hub_registrants_revision = IntegerField(answer, key::kRegistrantsRevision);
        } else {
          hub_registrants_revision.reset();
        }
        const json& list = Field(answer, key::kEvents);
        if (!list.is_array()) throw std::invalid_argument("field \"events\" must be a list");
        page_empty = list.empty();
        for (const json& item : list) {
          CheckinEvent event = CheckinEventFromJson(item);
          last = std::max(last, IntegerField(item, key::kSeq));
          events.push_back(std::move(event));
        }
      } catch (const std::invalid_argument& error) {
        throw SyncFailure(std::string("hub sent a malformed event list: ") + error.what());
      }
      if (page_empty) {
        // Fewer events at the hub than already pulled: a new store that sends no identity, or an older copy of the
        // same one (a restored backup). Start over with it.
        if (hub_last < pulled) {
          StartOver("the hub has fewer events (" + std::to_string(hub_last) + ") than this desk pulled (" +
                    std::to_string(pulled) + ")");
          throw HubChanged{};
        }
        return;
      }
      if (!events.empty()) {
        try {
          store.MergeEvents(events);
        } catch (const std::invalid_argument& error) {
          throw SyncFailure(std::string("hub sent an event the store refuses: ") + error.what());
        }
      }
      pulled = last;
      store.SetCounter(kPulledCursor, pulled);
    }
  }

  /// Fetches the registrant list when it is due: the hub's revision (from the pull) differs from the one imported,
  /// or, from a hub that sends none, every kRegistrantsRecheck. After a failed list, not again before
  /// kRegistrantsRecheck (the failure is reported meanwhile).
  void MaybeRefreshRegistrants() {
    const auto now = std::chrono::steady_clock::now();
    if (now < registrants_not_before) {
      if (!registrants_error.empty()) throw SyncFailure(registrants_error, registrants_problem);
      return;
    }
    if (hub_registrants_revision) {
      const std::int64_t known = store.GetCounter(kRegistrantsCursor).value_or(0);
      if (*hub_registrants_revision <= 0 || *hub_registrants_revision == known) return;
    } else {
      registrants_not_before = now + DeskSync::kRegistrantsRecheck;
    }
    try {
      RefreshRegistrants();
      registrants_error.clear();
    } catch (const SyncFailure& error) {
      registrants_not_before = now + DeskSync::kRegistrantsRecheck;
      registrants_error = error.what();
      registrants_problem = error.problem;
      throw;
    }
  }

  /// Imports the hub's registrant list when its revision changed; a hub without a list (revision 0) changes nothing.
  void RefreshRegistrants() {
    const std::int64_t known = store.GetCounter(kRegistrantsCursor).value_or(0);
    const std::string etag = known > 0 ? "\"" + std::to_string(known) + "\"" : std::string();
    HttpResponse response = Request(kRegistrantsPath, nullptr, etag, kRegistrantsTimeout);
    NoteHub(response);
    if (response.status == 304) return;
    json answer = Expect2xx(response, "the registrant list request");
    std::vector<Registrant> registrants;
    std::int64_t revision = 0;
    try {
      revision = IntegerField(answer, key::kRevision);
      if (revision <= 0 || revision == known) return;
      const json& list = Field(answer, key::kRegistrants);
      if (!list.is_array()) throw std::invalid_argument("field \"registrants\" must be a list");
      registrants.reserve(list.size());
      for (const json& item : list) registrants.push_back(RegistrantFromJson(item));
    } catch (const std::invalid_argument& error) {
      throw SyncFailure(std::string("hub sent a malformed registrant list: ") + error.what());
    }
    try {
      store.Import(registrants, "hub");
    } catch (const std::invalid_argument& error) {
      throw SyncFailure(std::string("hub sent a registrant list the store refuses: ") + error.what());
    }
    store.SetCounter(kRegistrantsCursor, revision);
  }

  /// Events the hub has not acknowledged: the held-back ones (also returned in `held`), the rest of a replay, and the
  /// local events after it and "hub.pushed".
  int CountPending(int& held) {
    const std::int64_t replay_to = store.GetCounter(kReplayToCursor).value_or(0);
    held = static_cast<int>(ParseSeqs(store.GetText(kHeldText)).size());
    int pending = held;
    if (replay_to > 0) {
      for (std::int64_t after = store.GetCounter(kReplayedCursor).value_or(0); after < replay_to;) {
        std::vector<StoredCheckinEvent> page = store.EventsAfter(after, kPullLimit);
        for (const StoredCheckinEvent& stored : page) pending += stored.seq <= replay_to ? 1 : 0;
        if (static_cast<int>(page.size()) < kPullLimit) break;
        after = page.back().seq;
      }
    }
    const std::int64_t pushed = std::max(store.GetCounter(kPushedCursor).value_or(0), replay_to);
    for (std::int64_t after = pushed;;) {
      std::vector<StoredCheckinEvent> page = store.EventsAfter(after, kPullLimit, true);
      pending += static_cast<int>(page.size());
      if (static_cast<int>(page.size()) < kPullLimit) return pending;
      after = page.back().seq;
    }
  }
};

DeskSync::DeskSync(const std::filesystem::path& people, std::string hub_url, std::string token, std::string desk)
    : m_impl(std::make_unique<Impl>(people, std::move(hub_url), token, std::move(desk))) {}

DeskSync::~DeskSync() = default;

DeskSyncState DeskSync::SyncOnce() {
  DeskSyncState next;
  {
    std::lock_guard lock(m_impl->state_mutex);
    next = m_impl->state;
  }
  try {
    // Events first, the registrant list (perhaps tens of MB) after: a check-in never waits behind it. A change of
    // hub store met on the way resets the cursors and starts the round over (twice at most: a hub whose identity
    // keeps changing is reported, not chased).
    for (int attempt = 0;; ++attempt) {
      try {
        // A push the hub refuses (a desk whose clock was wrong wrote an event a year off: 400) must not also stop
        // this desk from learning the others' check-ins: pull anyway, then report the push's failure.
        std::optional<SyncFailure> push_failed;
        try {
          m_impl->Push();
        } catch (const SyncFailure& failure) {
          push_failed = failure;
        }
        m_impl->Pull();
        m_impl->MaybeRefreshRegistrants();
        if (push_failed) throw *push_failed;
        break;
      } catch (const HubChanged&) {
        if (attempt >= 2) throw SyncFailure("the hub's store keeps changing (3 identities in one exchange)");
      }
    }
    next.online = true;
    next.error.clear();
    next.problem = HubProblem::None;
    next.last_exchange_ms = NowMs();
  } catch (const SyncFailure& error) {
    // The desk keeps working on its own store and tries again later.
    next.online = false;
    next.error = error.what();
    next.problem = error.problem;
  } catch (const std::exception& error) {
    // StoreError, or anything else from the desk's own store.
    next.online = false;
    next.error = error.what();
    next.problem = HubProblem::Store;
  }
  try {
    next.pending = m_impl->CountPending(next.held);
  } catch (const std::exception& error) {
    if (next.error.empty()) {
      next.error = error.what();
      next.problem = HubProblem::Store;
    }
    next.online = false;
  }
  std::lock_guard lock(m_impl->state_mutex);
  m_impl->state = next;
  return next;
}

DeskSyncState DeskSync::State() const {
  std::lock_guard lock(m_impl->state_mutex);
  return m_impl->state;
}

}  // namespace kiosk::checkin
