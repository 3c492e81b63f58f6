// The check-in hub's HTTP routes on kiosk/server: token check, JSON in and out, one store connection per request.
#include "kiosk/checkin/CheckinHub.h"

#include <sodium.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <exception>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "kiosk/checkin/ProtocolJson.h"
#include "kiosk/server/HttpServer.h"
#include "kiosk/store/RegistrantStore.h"

namespace kiosk::checkin {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxIdleConnections = 16;
constexpr const char* kJson = "application/json";

void Sha256(const std::string& text, unsigned char (&digest)[32]) {
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(text.data()), text.size());
}

/// JSON text that always comes out, even should a stored string not be valid UTF-8.
std::string Dump(const json& value) { return value.dump(-1, ' ', false, json::error_handler_t::replace); }

void Error(server::Response& response, int status, const std::string& message) {
  response.status = status;
  response.SetContent(Dump(json{{key::kError, message}}), kJson);
}

/// A query parameter as an integer in [low, high], or `fallback` when absent. Throws std::invalid_argument.
std::int64_t IntegerParam(const server::Request& request, const char* name, std::int64_t fallback, std::int64_t low,
                          std::int64_t high) {
  if (!request.HasParam(name)) return fallback;
  const std::string text = request.Param(name);
  std::int64_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value < low || value > high) {
    throw std::invalid_argument(std::string("query parameter \"") + name + "\" must be an integer from " +
                                std::to_string(low) + " to " + std::to_string(high) + ", got \"" + text + "\"");
  }
  return value;
}

}  // namespace

/// A store connection borrowed from the hub's pool for one request; given back at scope exit, or dropped when the
/// request failed with an exception (the connection may be what is broken).
class CheckinHub::Lease {
 public:
  explicit Lease(CheckinHub& hub) : m_hub(hub), m_store(hub.Borrow()), m_exceptions(std::uncaught_exceptions()) {}
  ~Lease() {
    if (std::uncaught_exceptions() == m_exceptions) m_hub.Return(std::move(m_store));
  }
  Lease(const Lease&) = delete;
  Lease& operator=(const Lease&) = delete;
  RegistrantStore& operator*() { return *m_store; }
  RegistrantStore* operator->() { return m_store.get(); }

 private:
  CheckinHub& m_hub;
  std::unique_ptr<RegistrantStore> m_store;
  int m_exceptions;
};

CheckinHub::CheckinHub(std::filesystem::path people, const std::string& token) : m_people(std::move(people)) {
  if (token.size() < kMinTokenLength) {
    throw std::invalid_argument("the hub's token must have at least " + std::to_string(kMinTokenLength) +
                                " characters");
  }
  if (sodium_init() < 0) throw std::runtime_error("libsodium cannot start");
  Sha256(token, m_token_digest);
  unsigned char random[16];
  randombytes_buf(random, sizeof random);
  char hex[2 * sizeof random + 1];
  sodium_bin2hex(hex, sizeof hex, random, sizeof random);
  m_instance = hex;
}

std::string CheckinHub::HubId() {
  Lease store(*this);
  return store->StoreId() + ":" + m_instance;
}

CheckinHub::~CheckinHub() = default;

bool CheckinHub::Authorized(const std::string& authorization) const {
  // RFC 6750 section 2.1: "Bearer" (a case-insensitive scheme), one space, the token.
  constexpr std::string_view kScheme = "bearer ";
  if (authorization.size() <= kScheme.size()) return false;
  for (std::size_t i = 0; i < kScheme.size(); ++i) {
    const char c = authorization[i];
    if ((c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c) != kScheme[i]) return false;
  }
  unsigned char digest[32];
  Sha256(authorization.substr(kScheme.size()), digest);
  // Equal-length digests compared in constant time: neither the token's bytes nor its length leak through timing.
  return crypto_verify_32(digest, m_token_digest) == 0;
}

std::unique_ptr<RegistrantStore> CheckinHub::Borrow() {
  {
    std::lock_guard lock(m_mutex);
    if (!m_idle.empty()) {
      std::unique_ptr<RegistrantStore> store = std::move(m_idle.back());
      m_idle.pop_back();
      return store;
    }
  }
  return std::make_unique<RegistrantStore>(m_people, RegistrantStore::Mode::Update);
}

void CheckinHub::Return(std::unique_ptr<RegistrantStore> store) {
  std::lock_guard lock(m_mutex);
  if (m_idle.size() < kMaxIdleConnections) m_idle.push_back(std::move(store));
}

std::int64_t CheckinHub::LastSeq(RegistrantStore& store) {
  std::int64_t last = 0;
  {
    std::lock_guard lock(m_mutex);
    last = m_last_seq;
  }
  for (;;) {
    std::vector<StoredCheckinEvent> page = store.EventsAfter(last, kMaxPullLimit);
    if (page.empty()) break;
    last = page.back().seq;
  }
  std::lock_guard lock(m_mutex);
  m_last_seq = std::max(m_last_seq, last);
  return m_last_seq;
}

namespace {

void Refuse(server::Response& response) {
  response.SetHeader("WWW-Authenticate", "Bearer realm=\"kiosk check-in hub\"");
  Error(response, 401, "missing or wrong token (Authorization: Bearer TOKEN)");
}

}  // namespace

void CheckinHub::Guarded(void (CheckinHub::*handler)(const server::Request&, server::Response&, RegistrantStore&,
                                                     const std::string&),
                         const server::Request& request, server::Response& response) {
  if (!Authorized(request.Header("Authorization"))) return Refuse(response);
  response.SetHeader("Cache-Control", "no-store");  // personal data: no proxy keeps a copy
  try {
    Lease store(*this);
    // From the connection that serves the request: the identity and the numbers come from the same file.
    const std::string hub_id = store->StoreId() + ":" + m_instance;
    response.SetHeader(kHubIdHeader, hub_id);
    (this->*handler)(request, response, *store, hub_id);
  } catch (const json::exception& error) {
    Error(response, 400, std::string("malformed JSON: ") + error.what());
  } catch (const std::invalid_argument& error) {
    Error(response, 400, error.what());
  } catch (const std::exception& error) {
    Error(response, 500, std::string("the hub's store failed: ") + error.what());
  }
}

server::Response CheckinHub::Handle(const std::string& method, const server::Request& request) {
  server::Response response;
  if (method == "POST" && request.path == kEventsPath) {
    Guarded(&CheckinHub::PostEvents, request, response);
  } else if (method == "GET" && request.path == kEventsPath) {
    Guarded(&CheckinHub::GetEvents, request, response);
  } else if (method == "GET" && request.path == kRegistrantsPath) {
    Guarded(&CheckinHub::GetRegistrants, request, response);
  } else {
    Error(response, 404, "no such route");
  }
  return response;
}

void CheckinHub::Mount(server::HttpServer& server) {
  // Before any byte of a body is read: an unauthenticated client cannot make the hub read 8 MiB.
  server.AddGuard(kRoutePrefix, [this](const server::Request& request, server::Response& response) {
    if (Authorized(request.Header("Authorization"))) return false;
    Refuse(response);
    return true;
  });
  for (const char* method : {"POST", "GET"}) {
    server.Route(
        method, kEventsPath,
        [this, method = std::string(method)](const server::Request& request, server::Response& response) {
          response = Handle(method, request);
        },
        method == std::string("POST") ? kMaxBodyBytes : 0);
  }
  server.Route("GET", kRegistrantsPath, [this](const server::Request& request, server::Response& response) {
    response = Handle("GET", request);
  });
}

void CheckinHub::PostEvents(const server::Request& request, server::Response& response, RegistrantStore& store,
                            const std::string& hub_id) {
  const json body = json::parse(request.body);
  if (!body.is_object()) throw std::invalid_argument("the body must be a JSON object {\"desk\", \"events\"}");
  auto list = body.find(key::kEvents);
  if (list == body.end() || !list->is_array()) throw std::invalid_argument("field \"events\" must be a list");
  std::vector<CheckinEvent> events;
  events.reserve(list->size());
  const EventTime now = std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
  for (std::size_t i = 0; i < list->size(); ++i) {
    try {
      events.push_back(CheckinEventFromJson((*list)[i]));
    } catch (const std::invalid_argument& error) {
      throw std::invalid_argument("events[" + std::to_string(i) + "]: " + error.what());
    }
    const CheckinEvent& event = events.back();
    if (!EventTimeInBounds(event.at, now)) {
      // Most likely a desk whose clock is wrong: say which event, and that the clock is the thing to fix.
      throw std::invalid_argument("events[" + std::to_string(i) + "]: event " + event.uuid + " (" + event.order_code +
                                  " at desk " + event.desk + ") has the time " +
                                  std::to_string(event.at.time_since_epoch().count()) +
                                  " ms since 1970, more than 366 days from the hub's clock (" +
                                  std::to_string(now.time_since_epoch().count()) + "): is that desk's clock right?");
    }
  }
  const HubMergeResult merged = store.MergeDeskEvents(events, now, m_rules);
  response.SetContent(Dump(json{{key::kAccepted, merged.accepted},
                                {key::kDropped, merged.Dropped()},
                                {key::kLastSeq, LastSeq(store)},
                                {key::kHubId, hub_id},
                                {key::kRegistrantsRevision, store.RegistrantRevision()}}),
                      kJson);
}

void CheckinHub::GetEvents(const server::Request& request, server::Response& response, RegistrantStore& store,
                           const std::string& hub_id) {
  const std::int64_t after = IntegerParam(request, kAfterParam, 0, 0, INT64_MAX);
  const auto limit = static_cast<int>(IntegerParam(request, kLimitParam, kMaxPullLimit, 1, kMaxPullLimit));
  // The highest seq first: every event returned below is then at most it, or newer (and S only detects a new file).
  std::int64_t last_seq = LastSeq(store);
  const std::int64_t revision = store.RegistrantRevision();
  json events = json::array();
  for (const StoredCheckinEvent& stored : store.EventsAfter(after, limit)) {
    json event = CheckinEventToJson(stored.event);
    event[key::kSeq] = stored.seq;
    last_seq = std::max(last_seq, stored.seq);
    events.push_back(std::move(event));
  }
  response.SetContent(Dump(json{{key::kEvents, std::move(events)},
                                {key::kLastSeq, last_seq},
                                {key::kHubId, hub_id},
                                {key::kRegistrantsRevision, revision}}),
                      kJson);
}

void CheckinHub::GetRegistrants(const server::Request& request, server::Response& response, RegistrantStore& store,
                                const std::string& hub_id) {
  // The list and its revision from one moment: read the revision on both sides of the list, retry if it moved.
  for (int attempt = 0;; ++attempt) {
    const std::int64_t revision = store.RegistrantRevision();
    const std::string etag = "\"" + std::to_string(revision) + "\"";
    if (revision > 0 && request.Header("If-None-Match") == etag) {
      response.SetHeader("ETag", etag);
      response.status = 304;
      return;
    }
    json registrants = json::array();
    if (revision > 0) {
      for (const RegistrantHit& hit : store.All()) {
        if (!hit.withdrawn) registrants.push_back(RegistrantToJson(hit.registrant));
      }
    }
    if (store.RegistrantRevision() != revision && attempt < 3) continue;
    response.SetHeader("ETag", etag);
    response.SetContent(
        Dump(json{{key::kRevision, revision}, {key::kRegistrants, std::move(registrants)}, {key::kHubId, hub_id}}),
        kJson);
    return;
  }
}

}  // namespace kiosk::checkin
