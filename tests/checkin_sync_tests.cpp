// Check-in desks and their hub (issue 4 sections 4 and 5): the protocol's JSON, desks syncing through an in-process
// hub, and the test: two desks and a `kioskctl serve --people` hub killed and restarted, one desk offline.
#include <doctest/doctest.h>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "ChildProcess.h"
#include "TestSupport.h"
#include "kiosk/checkin/DeskSync.h"
#include "kiosk/importers/RegistrantImporter.h"
#include "kiosk/store/RegistrantStore.h"
#include "kiosk/sync/Manifest.h"
// The hub's routes (library kiosk_checkin, mounted by kioskctl serve): a hub runs in-process on a kiosk/server
// HttpServer.
#include "kiosk/checkin/CheckinHub.h"
#include "kiosk/checkin/Token.h"
#include "kiosk/server/HttpServer.h"
#include "kiosk/store/FileIdentity.h"

using namespace kiosk;
using namespace kiosk::checkin;
using kiosk::test::TempDir;
namespace fs = std::filesystem;
using nlohmann::json;
using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

namespace {

constexpr const char* kToken = "0123456789abcdef0123456789abcdef";

bool Contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

EventTime Now() { return std::chrono::time_point_cast<milliseconds>(std::chrono::system_clock::now()); }

long long Ms(Clock::duration duration) { return std::chrono::duration_cast<milliseconds>(duration).count(); }

/// The message of the std::invalid_argument `make` throws; fails the test when it throws nothing.
template <typename Make>
std::string InvalidArgument(Make make) {
  try {
    make();
  } catch (const std::invalid_argument& error) {
    return error.what();
  }
  FAIL("no std::invalid_argument thrown");
  return {};
}

std::vector<Registrant> FewRegistrants() {
  std::vector<Registrant> registrants;
  for (int i = 0; i < 5; ++i) {
    Registrant registrant;
    registrant.order_code = "K" + std::to_string(1000 + i);
    registrant.first_name = i % 2 ? "Élodie" : "Nguyễn Văn";
    registrant.last_name = i % 2 ? "Dupont-Lefèvre" : "An";
    registrant.organisation = "Ville de Lyon";
    registrant.category = "élu·e";
    registrants.push_back(registrant);
  }
  return registrants;
}

std::set<std::string> Uuids(const std::vector<CheckinEvent>& events) {
  std::set<std::string> uuids;
  for (const CheckinEvent& event : events) uuids.insert(event.uuid);
  return uuids;
}

/// The hub's routes on a kiosk/server HttpServer at 127.0.0.1, `port` or any free port (0); stopped at scope exit.
/// Counts the registrant list requests it answered.
class HubServer {
 public:
  HubServer(const fs::path& people, const std::string& token, int port = 0) : m_hub(people, token) {
    m_hub.Mount(m_server);
    // Counted before the answer is sent (the logger runs just before: the client cannot see the answer first).
    m_server.SetLogger([this](const server::Request& request, int) {
      if (request.path == "/checkin/v1/registrants") ++m_list_requests;
    });
    m_port = m_server.Start("127.0.0.1", port);
    REQUIRE(m_port > 0);
  }
  ~HubServer() { m_server.Stop(); }
  std::string Url() const { return "http://127.0.0.1:" + std::to_string(m_port); }
  int Port() const { return m_port; }
  int ListRequests() const { return m_list_requests; }
  std::string HubId() { return m_hub.HubId(); }

 private:
  checkin::CheckinHub m_hub;  // before the server: it outlives the handlers
  server::HttpServer m_server;
  int m_port = 0;
  std::atomic<int> m_list_requests{0};
};

using kiosk::test::Child;
using kiosk::test::WaitForPort;

/// `kioskctl serve --people PATH --token-file FILE --port PORT` running; its port read from the line it prints.
struct HubProcess {
  std::unique_ptr<Child> child;
  int port = 0;

  void Start(const fs::path& people, const fs::path& token_file, int wanted_port) {
    child = std::make_unique<Child>(std::vector<std::string>{KIOSKCTL_PATH, "serve", "--people", people.string(),
                                                             "--token-file", token_file.string(), "--port",
                                                             std::to_string(wanted_port)});
    const std::string line = child->ReadLine(milliseconds(5000));
    INFO("serve printed: ", line);
    REQUIRE(Contains(line, "check-in hub for"));
    const std::string marker = "http://127.0.0.1:";
    const std::size_t at = line.find(marker);
    REQUIRE(at != std::string::npos);
    port = std::stoi(line.substr(at + marker.size()));
    REQUIRE(port > 0);
    REQUIRE(WaitForPort(port));
  }
};

/// One desk's sync thread: DeskSync::SyncOnce every `min_period` to `max_period`; while "offline" it talks to a dead
/// port instead. After each good round it notes when each event merged from elsewhere was first seen in the store.
class SyncLoop {
 public:
  SyncLoop(fs::path people, std::string url, std::string desk, milliseconds min_period, milliseconds max_period)
      : m_people(std::move(people)), m_url(std::move(url)), m_desk(std::move(desk)) {
    m_thread = std::thread([this, min_period, max_period] { Run(min_period, max_period); });
  }
  ~SyncLoop() { Stop(); }

  void SetOffline(bool offline) { m_offline = offline; }
  void Stop() {
    {
      std::lock_guard lock(m_mutex);
      m_stop = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable()) m_thread.join();
  }
  /// When each merged (not local) event was first seen in this desk's store: it was there by then.
  std::map<std::string, Clock::time_point> SeenBy() {
    std::lock_guard lock(m_mutex);
    return m_seen_by;
  }
  int Rounds() const { return m_rounds; }
  int FailedRounds() const { return m_failed; }
  std::string Errors() {
    std::lock_guard lock(m_mutex);
    std::string text;
    for (const std::string& error : m_errors) text += error + "\n";
    return text;
  }

 private:
  void Run(milliseconds min_period, milliseconds max_period) {
    DeskSync online(m_people, m_url, kToken, m_desk);
    DeskSync dead(m_people, "http://127.0.0.1:1", kToken, m_desk);
    RegistrantStore observer(m_people, RegistrantStore::Mode::Update);
    std::int64_t seen_seq = 0;
    unsigned step = 0;
    for (;;) {
      const bool offline = m_offline;
      DeskSyncState state = (offline ? dead : online).SyncOnce();
      ++m_rounds;
      if (!state.online) {
        ++m_failed;
        std::lock_guard lock(m_mutex);
        m_errors.insert(state.error.substr(0, state.error.find(':')));
      }
      for (;;) {
        std::vector<StoredCheckinEvent> page = observer.EventsAfter(seen_seq, 1000);
        if (page.empty()) break;
        const auto now = Clock::now();
        std::lock_guard lock(m_mutex);
        for (const StoredCheckinEvent& stored : page) {
          if (!stored.local) m_seen_by.emplace(stored.event.uuid, now);
        }
        seen_seq = page.back().seq;
      }
      const auto span = (max_period - min_period).count();
      const milliseconds period = min_period + milliseconds(span > 0 ? (step++ * 37) % (span + 1) : 0);
      std::unique_lock lock(m_mutex);
      if (m_wake.wait_for(lock, period, [this] { return m_stop; })) return;
    }
  }

  fs::path m_people;
  std::string m_url, m_desk;
  std::atomic<bool> m_offline{false};
  std::atomic<int> m_rounds{0}, m_failed{0};
  std::mutex m_mutex;
  std::condition_variable m_wake;
  bool m_stop = false;
  std::map<std::string, Clock::time_point> m_seen_by;
  std::set<std::string> m_errors;
  std::thread m_thread;
};

/// What one check-in attempt at a desk gave.
struct Attempt {
  std::string code;
  Clock::time_point started;
  CheckinResult::Outcome outcome = CheckinResult::Outcome::UnknownCode;
  std::string uuid;        ///< CheckedIn: the event written
  std::string first_desk;  ///< AlreadyCheckedIn: the desk of the first check-in
};

using Run = kiosk::test::CommandResult;
Run Kioskctl(const std::string& arguments) {
  return kiosk::test::RunCommand(std::string(KIOSKCTL_PATH) + " " + arguments);
}

}  // namespace

// --- JSON

TEST_CASE("checkin sync: check-in events round-trip through JSON") {
  const CheckinEvent in{NewUuid(), "K7Q2A", "Accueil 1", EventTime{milliseconds{1783498800123}}, CheckinKind::In, ""};
  const CheckinEvent undo{NewUuid(), "K7Q2A", "B", EventTime{milliseconds{1783498860000}}, CheckinKind::Undo, in.uuid};
  for (const CheckinEvent& event : {in, undo}) {
    const json value = CheckinEventToJson(event);
    CHECK(CheckinEventFromJson(json::parse(value.dump())) == event);
  }
  const json value = CheckinEventToJson(in);
  CHECK(value["at"] == 1783498800123);
  CHECK(value["kind"] == "in");

  json without_undoes = value;
  without_undoes.erase("undoes");
  CHECK(CheckinEventFromJson(without_undoes) == in);
}

TEST_CASE("checkin sync: a malformed event is refused with the field named") {
  const json good = CheckinEventToJson({NewUuid(), "K7Q2A", "A", EventTime{milliseconds{1}}, CheckinKind::In, ""});
  auto with = [&](const char* field, const json& replacement) {
    json changed = good;
    changed[field] = replacement;
    return changed;
  };
  auto without = [&](const char* field) {
    json changed = good;
    changed.erase(field);
    return changed;
  };
  CHECK(Contains(InvalidArgument([&] { CheckinEventFromJson(without("uuid")); }), "\"uuid\""));
  CHECK(Contains(InvalidArgument([&] { CheckinEventFromJson(with("uuid", "not-a-uuid")); }), "\"uuid\""));
  std::string upper = good["uuid"];
  std::transform(upper.begin(), upper.end(), upper.begin(), ::toupper);
  CHECK(Contains(InvalidArgument([&] { CheckinEventFromJson(with("uuid", upper)); }), "\"uuid\""));
  CHECK(Contains(InvalidArgument([&] { CheckinEventFromJson(with("order_code", "")); }), "\"order_code\""));
  CHECK(Contains(InvalidArgument([&] { CheckinEventFromJson(with("order_code", "k7q2a")); }), "\"order_code\""));
  CHECK(Contains(InvalidArgument([&] { CheckinEventFromJson(with("desk", "")); }), "\"desk\""));
  CHECK(Contains(InvalidArgument([&] { CheckinEventFromJson(with("at", "2026-07-08")); }), "\"at\""));
  CHECK(Contains(InvalidArgument([&] { CheckinEventFromJson(with("at", 1.5)); }), "\"at\""));
  CHECK(Contains(InvalidArgument([&] { CheckinEventFromJson(with("kind", "out")); }), "\"kind\""));
  CHECK(Contains(InvalidArgument([&] { CheckinEventFromJson(with("kind", "undo")); }), "\"undoes\""));
  CHECK(Contains(InvalidArgument([&] { CheckinEventFromJson(with("undoes", good["uuid"])); }), "\"undoes\""));
  CHECK(Contains(InvalidArgument([&] { CheckinEventFromJson(json::array()); }), "JSON object"));
}

TEST_CASE("checkin sync: control characters and over-long text in desk names and order codes are refused") {
  const json good = CheckinEventToJson({NewUuid(), "K7Q2A", "A", EventTime{milliseconds{1}}, CheckinKind::In, ""});
  auto with = [&](const char* field, const std::string& replacement) {
    json changed = good;
    changed[field] = replacement;
    return changed;
  };
  // Issue 11 defect 4: a desk name is printed by kioskctl checkin and exported; none may carry a terminal escape.
  for (const std::string& desk :
       {std::string("A\rB"), std::string("A\nB"), std::string("A\0B", 3), std::string("\x1b[31mA"),
        std::string("A\xC2\x9B"
                    "31m")}) {
    const std::string message = InvalidArgument([&] { CheckinEventFromJson(with("desk", desk)); });
    CHECK(Contains(message, "field \"desk\""));
    CHECK(Contains(message, "control character"));
    CHECK(message.find_first_of(std::string("\r\n\x1b\0", 4)) == std::string::npos);
  }
  CHECK(Contains(InvalidArgument([&] { CheckinEventFromJson(with("desk", std::string(1 << 20, 'D'))); }),
                 "field \"desk\""));
  CHECK(Contains(InvalidArgument([&] { CheckinEventFromJson(with("order_code", std::string(1 << 20, 'K'))); }),
                 "field \"order_code\""));
  CHECK(Contains(InvalidArgument([&] { CheckinEventFromJson(with("order_code", std::string("7ZT\0HV", 6))); }),
                 "field \"order_code\""));
  // The uuid is not echoed raw either.
  const std::string uuid = InvalidArgument([&] { CheckinEventFromJson(with("uuid", "\x1b]0;owned\x07")); });
  CHECK(Contains(uuid, "\"uuid\""));
  CHECK(uuid.find('\x1b') == std::string::npos);
  CHECK(Contains(InvalidArgument([&] {
                   RegistrantFromJson(json{{"order_code", std::string("7ZT\0HV", 6)}});
                 }),
                 "\"order_code\""));

  // Through the hub: 400 naming the field, nothing stored.
  TempDir temp;
  const fs::path hub_db = temp.Path() / "hub.db";
  RegistrantStore(hub_db).Import(FewRegistrants(), "hub.csv");
  HubServer hub(hub_db, kToken);
  httplib::Client client(hub.Url());
  const httplib::Headers auth{{"Authorization", std::string("Bearer ") + kToken}};
  for (const std::string& desk :
       {std::string("A\r\nB"), std::string("A\0B", 3), std::string("\x1b[2J"), std::string(1 << 20, 'D')}) {
    const CheckinEvent event{NewUuid(), "K1000", desk, Now(), CheckinKind::In, ""};
    auto refused = client.Post("/checkin/v1/events", auth, json{{"events", {CheckinEventToJson(event)}}}.dump(),
                               "application/json");
    REQUIRE(refused);
    CHECK(refused->status == 400);
    CHECK(Contains(json::parse(refused->body)["error"], "events[0]: field \"desk\""));
  }
  CHECK(RegistrantStore(hub_db).Events().empty());
}

TEST_CASE("checkin sync: registrants round-trip through JSON") {
  Registrant registrant;
  registrant.order_code = "K7Q2A";
  registrant.first_name = "Élodie";
  registrant.last_name = "Dupont-Lefèvre";
  registrant.organisation = "Métropole de Lyon";
  registrant.email = "elodie@example.org";
  registrant.category = "élu·e";
  registrant.country = "France";
  registrant.days = {ParseDay("2026-07-08"), ParseDay("2026-07-09")};
  registrant.appointments = {{Instant{std::chrono::seconds{1783501200}}, Instant{std::chrono::seconds{1783504800}},
                              "B2B : Ville de Hué", "Table 7 (Salon Laplace)"}};
  registrant.note = "fauteuil roulant";
  CHECK(RegistrantFromJson(json::parse(RegistrantToJson(registrant).dump())) == registrant);
  CHECK(RegistrantToJson(registrant)["days"] == json::array({"2026-07-08", "2026-07-09"}));

  Registrant minimal;
  minimal.order_code = "11211912243";
  CHECK(RegistrantFromJson(json{{"order_code", "11211912243"}}) == minimal);
  CHECK(Contains(InvalidArgument([] { RegistrantFromJson(json{{"first_name", "A"}}); }), "\"order_code\""));
  CHECK(Contains(InvalidArgument([] {
                   RegistrantFromJson(json{{"order_code", "X1"}, {"days", {"8 juillet"}}});
                 }),
                 "\"days\""));
  CHECK(Contains(InvalidArgument([] {
                   RegistrantFromJson(json{{"order_code", "X1"}, {"last_name", 3}});
                 }),
                 "\"last_name\""));
  CHECK(Contains(InvalidArgument([] {
                   RegistrantFromJson(json{{"order_code", "X1"}, {"appointments", {{{"title", "Atelier"}}}}});
                 }),
                 "\"start\""));
}

TEST_CASE("checkin sync: a malformed day in the hub's registrant list is named in a short message, not copied") {
  // Found with tests/fuzz/fuzz_hub_forms: the message used to hold the whole bad value, dumped recursively, so a
  // deeply nested one overflowed the desk's stack (a crash) and a long one made a message as long as the list.
  // Parsed, not built: a json copy is recursive too.
  const std::size_t depth = 1000000;
  const json deep =
      json::parse("{\"order_code\": \"X1\", \"days\": [" + std::string(depth, '[') + std::string(depth, ']') + "]}");
  const std::string nested = InvalidArgument([&] { RegistrantFromJson(deep); });
  CHECK(Contains(nested, "\"days\""));
  CHECK(Contains(nested, "an array"));
  CHECK(nested.size() < 200);

  const std::string long_day = "2026-07-08" + std::string(100000, '9');
  const std::string long_message = InvalidArgument([&] {
    RegistrantFromJson(json{{"order_code", "X1"}, {"days", {long_day}}});
  });
  CHECK(Contains(long_message, "\"2026-07-089999"));
  CHECK(long_message.size() < 200);
  CHECK(Contains(InvalidArgument([] {
                   RegistrantFromJson(json{{"order_code", "X1"}, {"days", {"8 juillet"}}});
                 }),
                 "got \"8 juillet\" (registrant X1)"));
  CHECK(Contains(InvalidArgument([] {
                   RegistrantFromJson(json{{"order_code", "X1"}, {"days", {20260708}}});
                 }),
                 "got a number (registrant X1)"));
}

// --- an in-process hub

TEST_CASE("checkin sync: two desks and an in-process hub") {
  TempDir temp;
  const fs::path hub_db = temp.Path() / "hub.db", a_db = temp.Path() / "a.db", b_db = temp.Path() / "b.db";
  const std::vector<Registrant> registrants = FewRegistrants();
  RegistrantStore(hub_db).Import(registrants, "hub.csv");
  RegistrantStore(a_db).Import(registrants, "desk.csv");
  HubServer hub(hub_db, kToken);

  DeskSync a(a_db, hub.Url() + "/", kToken, "A");
  DeskSync b(b_db, hub.Url(), kToken, "B");  // b.db does not exist yet: it gets the hub's list

  SUBCASE("a check-in at desk A shows at desk B after one sync each") {
    RegistrantStore desk_a(a_db);
    CheckinResult result = desk_a.CheckIn("k1001", "A", Now());
    REQUIRE(result.outcome == CheckinResult::Outcome::CheckedIn);
    CHECK(a.State().pending == 0);
    DeskSyncState state = a.SyncOnce();
    CHECK(state.online);
    CHECK(state.error.empty());
    CHECK(state.pending == 0);
    CHECK(state.last_exchange_ms > 0);
    CHECK(b.SyncOnce().online);

    RegistrantStore desk_b(b_db);
    CHECK(desk_b.All().size() == registrants.size());
    CHECK(desk_b.Find("K1001")->registrant == registrants[1]);
    CheckinStatus status = desk_b.Status("K1001");
    REQUIRE(status.checked_in);
    CHECK(*status.first == *result.event);
    CheckinResult again = desk_b.CheckIn("K1001", "B", Now());
    CHECK(again.outcome == CheckinResult::Outcome::AlreadyCheckedIn);
    CHECK(again.status.first->desk == "A");
    CHECK(Uuids(RegistrantStore(hub_db).Events()) == std::set<std::string>{result.event->uuid});

    // B's undo comes back to A, and a desk with nothing new is still online.
    REQUIRE(desk_b.Undo(result.event->uuid, "B", Now()));
    CHECK(b.SyncOnce().pending == 0);
    CHECK(a.SyncOnce().online);
    CHECK_FALSE(desk_a.Status("K1001").checked_in);
    CHECK(desk_a.Events().size() == 2);
    CHECK(RegistrantStore(hub_db).Events().size() == 2);
  }

  SUBCASE("a replayed push accepts nothing the second time") {
    RegistrantStore desk_a(a_db);
    std::vector<CheckinEvent> events;
    for (const char* code : {"K1000", "K1002", "K1003"}) events.push_back(*desk_a.CheckIn(code, "A", Now()).event);
    json list = json::array();
    for (const CheckinEvent& event : events) list.push_back(CheckinEventToJson(event));
    const std::string body = json{{"desk", "A"}, {"events", list}}.dump();
    httplib::Client client(hub.Url());
    const httplib::Headers auth{{"Authorization", std::string("Bearer ") + kToken}};
    auto first = client.Post("/checkin/v1/events", auth, body, "application/json");
    REQUIRE(first);
    CHECK(first->status == 200);
    const std::string hub_id = hub.HubId();
    CHECK(IsUuid(RegistrantStore(hub_db).StoreId()));
    CHECK(hub_id.rfind(RegistrantStore(hub_db).StoreId() + ":", 0) == 0);
    CHECK(first->get_header_value("X-Kiosk-Hub-Id") == hub_id);
    CHECK(json::parse(first->body) ==
          json{{"accepted", 3}, {"dropped", 0}, {"last_seq", 3}, {"hub_id", hub_id}, {"registrants_revision", 1}});
    auto second = client.Post("/checkin/v1/events", auth, body, "application/json");
    REQUIRE(second);
    CHECK(json::parse(second->body) ==
          json{{"accepted", 0}, {"dropped", 0}, {"last_seq", 3}, {"hub_id", hub_id}, {"registrants_revision", 1}});
    // And the desk's own push of the same events changes nothing either.
    CHECK(a.SyncOnce().online);
    CHECK(RegistrantStore(hub_db).Events().size() == 3);

    auto pulled = client.Get("/checkin/v1/events?after=1&limit=1", auth);
    REQUIRE(pulled);
    const json page = json::parse(pulled->body);
    CHECK(page["last_seq"] == 3);
    CHECK(page["hub_id"] == hub_id);
    CHECK(page["registrants_revision"] == 1);
    CHECK(pulled->get_header_value("X-Kiosk-Hub-Id") == hub_id);
    REQUIRE(page["events"].size() == 1);
    CHECK(page["events"][0]["seq"] == 2);
    CHECK(CheckinEventFromJson(page["events"][0]) == events[1]);
  }

  SUBCASE("the hub answers bad requests with 400, 401 or 304 and a message") {
    httplib::Client client(hub.Url());
    const httplib::Headers auth{{"Authorization", std::string("Bearer ") + kToken}};
    auto no_token = client.Get("/checkin/v1/events");
    REQUIRE(no_token);
    CHECK(no_token->status == 401);
    auto wrong = client.Get("/checkin/v1/registrants", {{"Authorization", "Bearer 0123456789abcdef0123456789abcdeX"}});
    REQUIRE(wrong);
    CHECK(wrong->status == 401);
    CHECK_FALSE(Contains(wrong->body, "Dupont"));

    auto malformed = client.Post("/checkin/v1/events", auth, "{\"events\": [", "application/json");
    REQUIRE(malformed);
    CHECK(malformed->status == 400);
    CHECK(Contains(json::parse(malformed->body)["error"], "malformed JSON"));
    json bad_event = CheckinEventToJson({NewUuid(), "K1000", "A", Now(), CheckinKind::In, ""});
    bad_event["kind"] = "out";
    auto refused = client.Post("/checkin/v1/events", auth, json{{"events", {bad_event}}}.dump(), "application/json");
    REQUIRE(refused);
    CHECK(refused->status == 400);
    CHECK(Contains(json::parse(refused->body)["error"], "events[0]: field \"kind\""));
    auto bad_after = client.Get("/checkin/v1/events?after=-1", auth);
    REQUIRE(bad_after);
    CHECK(bad_after->status == 400);
    CHECK(RegistrantStore(hub_db).Events().empty());

    auto list = client.Get("/checkin/v1/registrants", auth);
    REQUIRE(list);
    CHECK(list->status == 200);
    CHECK(json::parse(list->body)["hub_id"] == hub.HubId());
    const std::string etag = list->get_header_value("ETag");
    CHECK(etag == "\"1\"");
    CHECK(json::parse(list->body)["registrants"].size() == registrants.size());
    httplib::Headers conditional = auth;
    conditional.emplace("If-None-Match", etag);
    auto unchanged = client.Get("/checkin/v1/registrants", conditional);
    REQUIRE(unchanged);
    CHECK(unchanged->status == 304);
    CHECK(unchanged->get_header_value("X-Kiosk-Hub-Id") == hub.HubId());
    CHECK_FALSE(wrong->has_header("X-Kiosk-Hub-Id"));  // nothing for a wrong token
    // Only the protocol's routes: nothing else, and never the file.
    auto file = client.Get("/hub.db", auth);
    REQUIRE(file);
    CHECK(file->status == 404);
  }

  SUBCASE("a new registrant list at the hub reaches the desks, withdrawals included") {
    REQUIRE(b.SyncOnce().online);
    RegistrantStore desk_b(b_db);
    CHECK(desk_b.All().size() == registrants.size());
    std::vector<Registrant> changed(registrants.begin() + 1, registrants.end());
    changed.push_back(registrants.front());
    changed.back().order_code = "K2000";
    changed.front().organisation = "Ville de Hué";
    RegistrantStore(hub_db).Import(changed, "hub-2.csv");
    CHECK(b.SyncOnce().online);
    CHECK(desk_b.Find("K2000"));
    CHECK(desk_b.Find("K1000")->withdrawn);
    CHECK(desk_b.Find("K1001")->registrant.organisation == "Ville de Hué");
    // Unchanged at the hub: not even asked for (the events' answers carry the hub's list revision), nothing imported
    // again, while events still flow.
    const std::int64_t revision = desk_b.RegistrantRevision();
    const int asked = hub.ListRequests();
    RegistrantStore(hub_db).MergeEvents({{NewUuid(), "K1001", "C", Now(), CheckinKind::In, ""}});
    for (int i = 0; i < 3; ++i) CHECK(b.SyncOnce().online);
    CHECK(hub.ListRequests() == asked);
    CHECK(desk_b.RegistrantRevision() == revision);
    CHECK(desk_b.Status("K1001").checked_in);
    // A new list: fetched by the very next exchange.
    changed.back().first_name = "Anahit";
    RegistrantStore(hub_db).Import(changed, "hub-3.csv");
    CHECK(b.SyncOnce().online);
    CHECK(hub.ListRequests() == asked + 1);
    CHECK(desk_b.Find("K2000")->registrant.first_name == "Anahit");
  }

  SUBCASE("event times more than 366 days from the clock: the hub refuses them, a desk merges what the hub sends") {
    httplib::Client client(hub.Url());
    const httplib::Headers auth{{"Authorization", std::string("Bearer ") + kToken}};
    const auto year_and_more = std::chrono::hours(24 * 367);
    const CheckinEvent old_event{NewUuid(), "K1000", "A", Now() - year_and_more, CheckinKind::In, ""};
    const CheckinEvent good_event{NewUuid(), "K1001", "A", Now(), CheckinKind::In, ""};
    for (const CheckinEvent& bad :
         {old_event, CheckinEvent{NewUuid(), "K1002", "A", Now() + year_and_more, CheckinKind::In, ""}}) {
      const json body{{"desk", "A"}, {"events", {CheckinEventToJson(good_event), CheckinEventToJson(bad)}}};
      auto refused = client.Post("/checkin/v1/events", auth, body.dump(), "application/json");
      REQUIRE(refused);
      CHECK(refused->status == 400);
      const std::string error = json::parse(refused->body)["error"];
      CHECK(Contains(error, "events[1]: event " + bad.uuid));
      CHECK(Contains(error, "366 days from the hub's clock"));
    }
    CHECK(RegistrantStore(hub_db).Events().empty());  // the whole batch, or nothing
    // 365 days away is still an event.
    const CheckinEvent last_year{NewUuid(), "K1003", "A", Now() - std::chrono::hours(24 * 365), CheckinKind::In, ""};
    auto accepted =
        client.Post("/checkin/v1/events", auth, json{{"desk", "A"}, {"events", {CheckinEventToJson(last_year)}}}.dump(),
                    "application/json");
    REQUIRE(accepted);
    CHECK(accepted->status == 200);

    // A hub store that holds one anyway (merged before the rule, or by hand): the desk merges it like any other (the
    // hub is the one that checks times on the way in; a desk that skipped it would never get it).
    RegistrantStore(hub_db).MergeEvents({old_event, good_event});
    DeskSyncState state = a.SyncOnce();
    CHECK(state.online);
    CHECK(state.error.empty());
    CHECK(state.pending == 0);  // pulled, not the desk's own: nothing to push
    RegistrantStore desk_a(a_db);
    CHECK(Uuids(desk_a.Events()) == std::set<std::string>{last_year.uuid, old_event.uuid, good_event.uuid});
    CHECK(desk_a.GetCounter("hub.pulled") == 3);
    const CheckinEvent later{NewUuid(), "K1004", "B", Now(), CheckinKind::In, ""};
    RegistrantStore(hub_db).MergeEvents({later});
    CHECK(a.SyncOnce().online);
    CHECK(desk_a.Events().size() == 4);
    CHECK(desk_a.Status("K1004").checked_in);
    CHECK(desk_a.Status("K1000").checked_in);
  }

  SUBCASE("a local event with a wrong time is held back: the rest flows both ways, it stays pending") {
    RegistrantStore desk_a(a_db);
    const CheckinEvent first = *desk_a.CheckIn("K1000", "A", Now()).event;
    const CheckinEvent bad = *desk_a.CheckIn("K1001", "A", EventTime{milliseconds{1000}}).event;  // 1970
    const CheckinEvent second = *desk_a.CheckIn("K1002", "A", Now()).event;
    const CheckinEvent other{NewUuid(), "K1003", "C", Now(), CheckinKind::In, ""};
    RegistrantStore(hub_db).MergeEvents({other});
    for (int round = 0; round < 2; ++round) {
      DeskSyncState state = a.SyncOnce();
      CHECK(state.online);
      CHECK(state.error.empty());
      CHECK(state.pending == 1);
      CHECK(state.held == 1);
      CHECK(Uuids(RegistrantStore(hub_db).Events()) == std::set<std::string>{first.uuid, second.uuid, other.uuid});
      CHECK(Uuids(desk_a.Events()) == std::set<std::string>{first.uuid, bad.uuid, second.uuid, other.uuid});
      CHECK(desk_a.GetCounter("hub.pushed") == 3);  // past the held one: the cursor is not wedged
      CHECK(desk_a.GetText("hub.held") == "2");
    }
    // Later check-ins still go, and so do the other desk's.
    const CheckinEvent third = *desk_a.CheckIn("K1004", "A", Now()).event;
    CHECK(a.SyncOnce().pending == 1);
    CHECK(b.SyncOnce().online);
    RegistrantStore desk_b(b_db);
    CHECK(Uuids(desk_b.Events()) == std::set<std::string>{first.uuid, second.uuid, other.uuid, third.uuid});

    // A replay to another hub store holds it back too.
    const fs::path fresh_db = temp.Path() / "fresh.db";
    RegistrantStore(fresh_db).Events();
    HubServer fresh(fresh_db, kToken);
    DeskSync moved(a_db, fresh.Url(), kToken, "A");
    DeskSyncState state = moved.SyncOnce();
    CHECK(state.online);
    CHECK(state.pending == 1);
    CHECK(state.held == 1);
    CHECK(Uuids(RegistrantStore(fresh_db).Events()) ==
          std::set<std::string>{first.uuid, second.uuid, other.uuid, third.uuid});
    CHECK(desk_a.GetText("hub.held") == "2");
  }

  SUBCASE("a held-back event whose time is in bounds again goes to the hub on the next round") {
    RegistrantStore desk_a(a_db);
    REQUIRE(a.SyncOnce().online);  // learns the hub's identity
    // As if held while the desk's clock was wrong, the clock fixed since: past the push cursor, listed as held.
    const CheckinEvent event = *desk_a.CheckIn("K1000", "A", Now()).event;
    desk_a.SetCounter("hub.pushed", 1);
    desk_a.SetText("hub.held", "1");
    CHECK(a.State().pending == 0);
    CHECK(RegistrantStore(hub_db).Events().empty());
    DeskSyncState state = a.SyncOnce();
    CHECK(state.online);
    CHECK(state.pending == 0);
    CHECK(state.held == 0);
    CHECK(desk_a.GetText("hub.held") == "");
    CHECK(Uuids(RegistrantStore(hub_db).Events()) == std::set<std::string>{event.uuid});
  }

  SUBCASE("no token: 401 before the hub reads the body") {
    // Headers announcing an 8 MB body, and no body: a server that read the body first would wait for it.
    auto send_headers = [&](const std::string& authorization) {
      int fd = ::socket(AF_INET, SOCK_STREAM, 0);
      sockaddr_in address{};
      address.sin_family = AF_INET;
      address.sin_port = htons(static_cast<uint16_t>(hub.Port()));
      address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
      REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
      const std::string head = "POST /checkin/v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\n" + authorization +
                               "Content-Type: application/json\r\nContent-Length: 8000000\r\n\r\n";
      REQUIRE(::send(fd, head.data(), head.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(head.size()));
      return fd;
    };
    auto answer_within = [](int fd, milliseconds timeout) {
      std::string answer;
      pollfd poll_fd{fd, POLLIN, 0};
      if (::poll(&poll_fd, 1, static_cast<int>(timeout.count())) > 0) {
        char buffer[512];
        const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
        if (n > 0) answer.assign(buffer, static_cast<std::size_t>(n));
      }
      return answer;
    };
    const auto start = Clock::now();
    int anonymous = send_headers("");
    const std::string refused = answer_within(anonymous, milliseconds(2000));
    ::close(anonymous);
    CHECK(refused.rfind("HTTP/1.1 401", 0) == 0);
    CHECK(Ms(Clock::now() - start) < 1000);
    int wrong = send_headers("Authorization: Bearer 0123456789abcdef0123456789abcdeX\r\n");
    CHECK(answer_within(wrong, milliseconds(2000)).rfind("HTTP/1.1 401", 0) == 0);
    ::close(wrong);
    // The right token: the hub waits for the body (no answer yet), as it should.
    int authorized = send_headers(std::string("Authorization: Bearer ") + kToken + "\r\n");
    CHECK(answer_within(authorized, milliseconds(300)).empty());
    ::close(authorized);
    // Paths outside /checkin/ are not the hub's: no token asked there.
    httplib::Client client(hub.Url());
    auto other = client.Get("/manifest");
    REQUIRE(other);
    CHECK(other->status == 404);
  }

  SUBCASE("a wrong token: the desk says 401 and nothing is merged either way") {
    RegistrantStore desk_a(a_db);
    REQUIRE(desk_a.CheckIn("K1004", "A", Now()).outcome == CheckinResult::Outcome::CheckedIn);
    RegistrantStore(hub_db).MergeEvents({{NewUuid(), "K1000", "C", Now(), CheckinKind::In, ""}});
    DeskSync intruder(a_db, hub.Url(), "fedcba9876543210fedcba9876543210", "A");
    DeskSyncState state = intruder.SyncOnce();
    CHECK_FALSE(state.online);
    CHECK(state.error == "token refused by the hub (401)");
    CHECK(state.pending == 1);
    CHECK(state.last_exchange_ms == 0);
    CHECK(desk_a.Events().size() == 1);
    CHECK(RegistrantStore(hub_db).Events().size() == 1);
    CHECK(a.SyncOnce().online);  // the right token then goes through
    CHECK(desk_a.Events().size() == 2);
  }

  SUBCASE("a hub down: the desk keeps working and catches up when it is back") {
    DeskSync nowhere(a_db, "http://127.0.0.1:1", kToken, "A");
    RegistrantStore desk_a(a_db);
    REQUIRE(desk_a.CheckIn("K1000", "A", Now()).outcome == CheckinResult::Outcome::CheckedIn);
    DeskSyncState state = nowhere.SyncOnce();
    CHECK_FALSE(state.online);
    CHECK(Contains(state.error, "hub unreachable"));
    CHECK(state.pending == 1);
    CHECK(a.SyncOnce().pending == 0);
    CHECK(RegistrantStore(hub_db).Events().size() == 1);
  }

  SUBCASE("a hub with a new, empty store gets everything again") {
    RegistrantStore desk_a(a_db);
    for (const char* code : {"K1000", "K1001"}) REQUIRE(desk_a.CheckIn(code, "A", Now()).event);
    REQUIRE(a.SyncOnce().online);
    REQUIRE(b.SyncOnce().online);
    const fs::path fresh_db = temp.Path() / "fresh.db";
    RegistrantStore(fresh_db).Events();  // made empty, with no registrant list
    HubServer fresh(fresh_db, kToken);
    DeskSync moved(b_db, fresh.Url(), kToken, "B");
    RegistrantStore desk_b(b_db);
    REQUIRE(desk_b.CheckIn("K1002", "B", Now()).event);
    CHECK(moved.SyncOnce().online);
    // Another hub store: B pushes every event it holds, A's that it pulled too (A might never come back).
    CHECK(RegistrantStore(fresh_db).Events().size() == 3);
    DeskSync a_moved(a_db, fresh.Url(), kToken, "A");
    CHECK(a_moved.SyncOnce().online);
    CHECK(RegistrantStore(fresh_db).Events().size() == 3);
    CHECK(desk_a.Events().size() == 3);
    // A hub without a list never withdraws a desk's own.
    for (const RegistrantHit& hit : desk_a.All()) CHECK_FALSE(hit.withdrawn);
    CHECK(desk_a.All().size() == registrants.size());
  }
}

// Issue 11 defect 7: a 100 MB chunked POST with the token got 400 "malformed JSON" (cpp-httplib read it all, then
// cut it); the hub now answers 413 as soon as the body passes CheckinHub::kMaxBodyBytes, keeping no more than that.
TEST_CASE("checkin sync: a 100 MB chunked POST with the token gets 413, not malformed JSON") {
  TempDir temp;
  const fs::path hub_db = temp.Path() / "hub.db";
  RegistrantStore(hub_db).Import(FewRegistrants(), "hub.csv");
  HubServer hub(hub_db, kToken);
  auto post = [&](const std::string& head, bool with_body) {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(hub.Port()));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    auto send_all = [fd](const std::string& bytes) {
      for (std::size_t done = 0; done < bytes.size();) {
        const ssize_t n = ::send(fd, bytes.data() + done, bytes.size() - done, MSG_NOSIGNAL);
        if (n <= 0) return false;
        done += static_cast<std::size_t>(n);
      }
      return true;
    };
    send_all(head);
    std::size_t sent = 0;
    if (with_body) {
      // 100 MB of a JSON string in 1 MiB chunks; the server may answer and close before the end.
      const std::string chunk = "100000\r\n" + std::string(1 << 20, 'a') + "\r\n";
      if (send_all("100000\r\n{\"desk\": \"" + std::string((1 << 20) - 10, 'a') + "\r\n")) {
        for (int i = 1; i < 100 && send_all(chunk); ++i) sent += chunk.size();
        send_all("0\r\n\r\n");
      }
    }
    std::string answer;
    char buffer[4096];
    for (;;) {
      pollfd p{fd, POLLIN, 0};
      if (::poll(&p, 1, 10000) <= 0) break;
      const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
      if (n <= 0) break;
      answer.append(buffer, static_cast<std::size_t>(n));
    }
    ::close(fd);
    return answer;
  };
  const std::string auth = std::string("Authorization: Bearer ") + kToken + "\r\n";
  const std::string chunked = post("POST /checkin/v1/events HTTP/1.1\r\nHost: hub\r\n" + auth +
                                       "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n",
                                   true);
  INFO(chunked.substr(0, 300));
  CHECK(chunked.rfind("HTTP/1.1 413", 0) == 0);
  CHECK_FALSE(Contains(chunked, "malformed JSON"));
  CHECK(Contains(chunked, "at most " + std::to_string(checkin::CheckinHub::kMaxBodyBytes) + " bytes"));
  // Announced too large: refused before a byte of it is read.
  const std::string announced =
      post("POST /checkin/v1/events HTTP/1.1\r\nHost: hub\r\n" + auth + "Content-Length: 100000000\r\n\r\n", false);
  CHECK(announced.rfind("HTTP/1.1 413", 0) == 0);
  // Without the token: 401 before the body, whatever its size.
  const std::string anonymous =
      post("POST /checkin/v1/events HTTP/1.1\r\nHost: hub\r\nTransfer-Encoding: chunked\r\n\r\n", true);
  CHECK(anonymous.rfind("HTTP/1.1 401", 0) == 0);
  CHECK(RegistrantStore(hub_db).Events().empty());
}

TEST_CASE("checkin sync: a registrant store's identity is made once, kept by copies, new for a new file") {
  TempDir temp;
  const fs::path people = temp.Path() / "hub.db";
  RegistrantStore(people).Events();  // made, no identity yet
  // Eight connections ask at once: one identity.
  std::vector<std::string> ids(8);
  std::vector<std::thread> threads;
  std::atomic<bool> go{false};
  for (std::size_t i = 0; i < ids.size(); ++i) {
    threads.emplace_back([&, i] {
      RegistrantStore store(people, RegistrantStore::Mode::Update);
      while (!go) std::this_thread::yield();
      ids[i] = store.StoreId();
    });
  }
  go = true;
  for (std::thread& thread : threads) thread.join();
  const std::string id = ids.front();
  CHECK(IsUuid(id));
  for (const std::string& other : ids) CHECK(other == id);
  CHECK(RegistrantStore(people, RegistrantStore::Mode::ReadOnly).StoreId() == id);
  fs::copy_file(people, temp.Path() / "copy.db");
  CHECK(RegistrantStore(temp.Path() / "copy.db").StoreId() == id);
  CHECK(RegistrantStore(temp.Path() / "other.db").StoreId() != id);
  // Texts: a name of their own, never the store's entries.
  RegistrantStore store(people);
  CHECK_FALSE(store.GetText("hub.id"));
  store.SetText("hub.id", "abc");
  store.SetText("store_id", "not the identity");
  CHECK(store.GetText("hub.id") == "abc");
  CHECK(store.StoreId() == id);
  CHECK(store.LastEventSeq() == 0);
  store.MergeEvents(
      {{NewUuid(), "K1", "A", Now(), CheckinKind::In, ""}, {NewUuid(), "K2", "A", Now(), CheckinKind::In, ""}});
  CHECK(store.LastEventSeq() == 2);
}

TEST_CASE("checkin sync: a hub restarted on a new file: the desks start over with it, nothing lost") {
  TempDir temp;
  const fs::path hub1_db = temp.Path() / "hub1.db", hub2_db = temp.Path() / "hub2.db";
  const fs::path a_db = temp.Path() / "a.db", b_db = temp.Path() / "b.db", c_db = temp.Path() / "c.db";
  const std::vector<Registrant> registrants = FewRegistrants();
  std::vector<Registrant> second_list = registrants;  // the new hub's list: also revision 1, one more registrant
  second_list.push_back(registrants.front());
  second_list.back().order_code = "K3000";
  RegistrantStore(hub1_db).Import(registrants, "hub.csv");
  RegistrantStore(hub2_db).Import(second_list, "hub.csv");
  for (const fs::path& desk : {a_db, c_db}) RegistrantStore(desk).Import(registrants, "desk.csv");
  RegistrantStore(b_db).Import(second_list, "desk.csv");
  RegistrantStore desk_a(a_db), desk_b(b_db), desk_c(c_db);
  std::set<std::string> all;
  auto check_in = [&](RegistrantStore& store, const char* code, const char* desk) {
    CheckinResult result = store.CheckIn(code, desk, Now());
    REQUIRE(result.event);
    all.insert(result.event->uuid);
  };

  auto hub = std::make_unique<HubServer>(hub1_db, kToken);
  const int port = hub->Port();
  const std::string url = hub->Url();
  DeskSync a(a_db, url, kToken, "A"), b(b_db, url, kToken, "B");
  {
    // Desk C checks in two and syncs, then is gone for good: only desk A, which pulled them, still has them.
    DeskSync c(c_db, url, kToken, "C");
    check_in(desk_c, "K1003", "C");
    check_in(desk_c, "K1004", "C");
    REQUIRE(c.SyncOnce().online);
  }
  for (const char* code : {"K1000", "K1001", "K1002"}) check_in(desk_a, code, "A");
  DeskSyncState state = a.SyncOnce();
  REQUIRE(state.online);
  REQUIRE(state.pending == 0);
  REQUIRE(desk_a.Events().size() == 5);
  CHECK(desk_a.GetText("hub.id") == hub->HubId());

  // The hub comes back at the same address on a new file; desk B reaches it first and pushes five check-ins, so the
  // new hub already has as many events as desk A pulled from the old one.
  hub.reset();
  hub = std::make_unique<HubServer>(hub2_db, kToken, port);
  for (const char* code : {"K1000", "K1001", "K1002", "K1003", "K3000"}) check_in(desk_b, code, "B");
  REQUIRE(b.SyncOnce().online);
  REQUIRE(RegistrantStore(hub2_db).Events().size() == 5);

  // Desk A: another identity, so every cursor goes back to 0, all it holds (C's two included) goes to the new hub,
  // and it pulls everything from there, the new hub's list too (the same revision number as the old one's).
  state = a.SyncOnce();
  CHECK(state.online);
  CHECK(state.error.empty());
  CHECK(state.pending == 0);
  CHECK(Uuids(RegistrantStore(hub2_db).Events()) == all);
  CHECK(Uuids(desk_a.Events()) == all);
  CHECK(desk_a.GetText("hub.id") == hub->HubId());
  CHECK(desk_a.GetCounter("hub.pulled") == 10);
  CHECK(desk_a.GetCounter("hub.replay_to") == 0);
  CHECK(desk_a.Find("K3000"));
  CHECK(desk_a.Status("K1000").active.size() == 2);  // checked in at A and at B: the warning shows on both

  CHECK(b.SyncOnce().online);
  CHECK(Uuids(desk_b.Events()) == all);
  // Nothing more to do, and nothing doubled anywhere.
  const std::int64_t pulled = *desk_a.GetCounter("hub.pulled");
  state = a.SyncOnce();
  CHECK(state.online);
  CHECK(state.pending == 0);
  CHECK(desk_a.GetCounter("hub.pulled") == pulled);
  CHECK(RegistrantStore(hub2_db).Events().size() == all.size());
  CHECK(desk_a.Events().size() == all.size());
  CHECK(desk_b.Events().size() == all.size());

  SUBCASE("a desk from before identities, with cursors but no hub identity kept, starts over too") {
    const fs::path d_db = temp.Path() / "d.db";
    RegistrantStore desk_d(d_db);
    desk_d.Import(registrants, "desk.csv");
    check_in(desk_d, "K1004", "D");
    desk_d.SetCounter("hub.pushed", 1);  // as if pushed to some hub long ago
    desk_d.SetCounter("hub.pulled", 40);
    DeskSyncState d_state = DeskSync(d_db, url, kToken, "D").SyncOnce();
    CHECK(d_state.online);
    CHECK(d_state.pending == 0);
    CHECK(Uuids(RegistrantStore(hub2_db).Events()) == all);
    CHECK(Uuids(desk_d.Events()) == all);
  }
}

TEST_CASE("checkin sync: a hub restored from a backup: a new identity, the desks start over, nothing lost") {
  // The store's StoreId lives in the file, so a restored copy has the same one; the hub's identity changes per start.
  TempDir temp;
  const fs::path hub_db = temp.Path() / "hub.db", backup = temp.Path() / "backup.db";
  const fs::path d_db = temp.Path() / "d.db", b_db = temp.Path() / "b.db";
  const std::vector<Registrant> registrants = FewRegistrants();
  RegistrantStore(hub_db).Import(registrants, "hub.csv");
  for (const fs::path& desk : {d_db, b_db}) RegistrantStore(desk).Import(registrants, "desk.csv");
  fs::copy_file(hub_db, backup);  // no connection open: the WAL is checkpointed, the file is the whole store
  RegistrantStore desk_d(d_db), desk_b(b_db);
  std::set<std::string> all;
  auto check_in = [&](RegistrantStore& store, const std::string& code, const char* desk) {
    CheckinResult result = store.CheckIn(code, desk, Now());
    REQUIRE(result.event);
    all.insert(result.event->uuid);
  };

  auto hub = std::make_unique<HubServer>(hub_db, kToken);
  const int port = hub->Port();
  const std::string url = hub->Url();
  const std::string first_id = hub->HubId();
  DeskSync d(d_db, url, kToken, "D"), b(b_db, url, kToken, "B");
  for (int i = 0; i < 3; ++i) check_in(desk_d, registrants[i].order_code, "D");
  REQUIRE(d.SyncOnce().pending == 0);
  REQUIRE(RegistrantStore(hub_db).Events().size() == 3);
  CHECK(desk_d.GetText("hub.id") == first_id);

  // The hub stops, its store is restored from the backup (no events), and it starts again at the same address.
  hub.reset();
  for (const char* suffix : {"-wal", "-shm"}) fs::remove(hub_db.string() + suffix);
  fs::copy_file(backup, hub_db, fs::copy_options::overwrite_existing);
  hub = std::make_unique<HubServer>(hub_db, kToken, port);
  CHECK(hub->HubId() != first_id);
  CHECK(hub->HubId().rfind(RegistrantStore(hub_db).StoreId() + ":", 0) == 0);  // the same store identity
  // Desk B pushes five: the hub now has more events than desk D pulled, so only the identity tells D.
  for (int i = 0; i < 5; ++i) check_in(desk_b, "K" + std::to_string(1000 + i), "B");
  REQUIRE(b.SyncOnce().online);
  REQUIRE(RegistrantStore(hub_db).Events().size() == 5);

  DeskSyncState state = d.SyncOnce();
  CHECK(state.online);
  CHECK(state.error.empty());
  CHECK(state.pending == 0);
  CHECK(b.SyncOnce().online);
  CHECK(all.size() == 8);
  CHECK(Uuids(RegistrantStore(hub_db).Events()) == all);
  CHECK(Uuids(desk_d.Events()) == all);
  CHECK(Uuids(desk_b.Events()) == all);
  CHECK(desk_d.GetText("hub.id") == hub->HubId());
}

TEST_CASE("checkin sync: serve --dir never serves a registrant store, whatever its name") {
  TempDir temp;
  const fs::path people = temp.Path() / "people" / "registrants.db";
  const fs::path www = temp.Path() / "www";
  fs::create_directories(www);
  RegistrantStore(people).Import(FewRegistrants(), "people.csv");
  const fs::path desk = temp.Path() / "desk.db";
  RegistrantStore(desk).Import(FewRegistrants(), "desk.csv");
  fs::copy_file(desk, www / "programme.db");            // a desk's copy under an innocent name
  fs::create_hard_link(people, www / "snapshot-7.db");  // the hub's own store, linked into the folder
  std::ofstream(www / "programme.db-wal") << "pages";
  std::ofstream(www / "hello.txt") << "hello\n";
  {
    // Another SQLite file (another application id) is served as before.
    std::string header(100, '\0');
    header.replace(0, 16, std::string("SQLite format 3\0", 16));
    std::ofstream(www / "other.db", std::ios::binary) << header;
  }

  Child serve(
      {KIOSKCTL_PATH, "serve", "--dir", www.string(), "--people", people.string(), "--token", kToken, "--port", "0"});
  const std::string line = serve.ReadLine(milliseconds(5000));
  INFO("serve printed: ", line);
  const std::string marker = "http://127.0.0.1:";
  const std::size_t at = line.find(marker);
  REQUIRE(at != std::string::npos);
  const int port = std::stoi(line.substr(at + marker.size()));
  CHECK(Contains(serve.ReadLine(milliseconds(5000)), "hub id " + RegistrantStore(people).StoreId() + ":"));
  REQUIRE(WaitForPort(port));
  httplib::Client client("127.0.0.1", port);
  auto status = [&](const std::string& path) {
    auto response = client.Get(path);
    return response ? response->status : -1;
  };
  // serve --dir serves only the manifest and what it names; here a manifest names each file in turn.
  const sync::SecretKey key = sync::SecretKey::Generate();
  auto name_in_manifest = [&](const std::string& file) {
    sync::Manifest manifest;
    manifest.revision = 7;
    manifest.schema = 2;
    manifest.file = file;
    manifest.size = 100;
    manifest.sha256 = std::string(64, '0');
    manifest.published = std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
    std::ofstream(www / "manifest.tmp") << sync::SignManifest(manifest, key);
    fs::rename(www / "manifest.tmp", www / "manifest");
  };
  name_in_manifest("snapshot-7.db");
  CHECK(status("/manifest") == 200);
  CHECK(status("/hello.txt") == 404);      // named by no manifest
  CHECK(status("/snapshot-7.db") == 404);  // named, but the same device and inode as the people file
  name_in_manifest("other.db");
  CHECK(status("/other.db") == 200);  // another SQLite file (another application id), named: served
  name_in_manifest("programme.db");
  CHECK(status("/programme.db") == 404);  // the registrant store's application id
  CHECK(status("/other.db") == 200);      // the previous manifest's file: a kiosk may still be downloading it
  name_in_manifest("programme.db-wal");
  CHECK(status("/programme.db-wal") == 404);
  CHECK(serve.Stop() == 0);
}

// --- the test (section 5)

TEST_CASE("checkin sync: two desks and a hub process, hub restarted, one desk offline, 200 check-ins each") {
  TempDir temp;
  const fs::path hub_db = temp.Path() / "hub" / "registrants.db";
  const fs::path token_file = temp.Path() / "hub.token";
  std::ofstream(token_file) << kToken << "\n";
  const std::vector<Registrant> registrants = GenerateRegistrants(300, 4);
  REQUIRE(registrants.size() == 300);
  const std::map<std::string, fs::path> desks{{"A", temp.Path() / "desk-a.db"}, {"B", temp.Path() / "desk-b.db"}};
  for (const auto& [desk, path] : desks) RegistrantStore(path).Import(registrants, "registrants.csv");

  // Desk A checks in registrants 0..199 in order, desk B 299 down to 100: both reach the shared 100..199 in their
  // second half and cross at about 150, while B is offline (its check-ins 110 to 170), so some registrants get a
  // check-in at each desk; the first ten of the shared ones B reaches long after A: "already checked in".
  std::map<std::string, std::vector<std::string>> targets;
  for (int i = 0; i < 200; ++i) {
    targets["A"].push_back(registrants[i].order_code);
    targets["B"].push_back(registrants[299 - i].order_code);
  }

  HubProcess hub;
  hub.Start(hub_db, token_file, 0);
  const std::string url = "http://127.0.0.1:" + std::to_string(hub.port);
  const auto started = Clock::now();
  SyncLoop sync_a(desks.at("A"), url, "A", milliseconds(100), milliseconds(200));
  SyncLoop sync_b(desks.at("B"), url, "B", milliseconds(100), milliseconds(200));

  // Made before the threads start: the workers only look entries up.
  std::map<std::string, std::vector<Attempt>> attempts{{"A", {}}, {"B", {}}};
  std::map<std::string, std::atomic<int>> progress;
  progress["A"] = 0;
  progress["B"] = 0;
  std::vector<std::thread> workers;
  for (const auto& [desk_name, path] : desks) {
    workers.emplace_back([&, desk = desk_name, people = path] {
      RegistrantStore store(people, RegistrantStore::Mode::Update);  // the desk's screen: its own connection
      for (const std::string& code : targets.at(desk)) {
        Attempt attempt;
        attempt.code = code;
        attempt.started = Clock::now();
        CheckinResult result = store.CheckIn(code, desk, Now());
        attempt.outcome = result.outcome;
        if (result.event) attempt.uuid = result.event->uuid;
        if (result.outcome == CheckinResult::Outcome::AlreadyCheckedIn) attempt.first_desk = result.status.first->desk;
        attempts.at(desk).push_back(attempt);
        ++progress.at(desk);
        std::this_thread::sleep_for(milliseconds(20));
      }
    });
  }
  auto wait_for = [&](const char* desk, int count) {
    while (progress.at(desk) < count) std::this_thread::sleep_for(milliseconds(2));
  };

  wait_for("A", 60);
  CHECK(hub.child->Stop(SIGKILL) == -1);
  const int port = hub.port;
  std::this_thread::sleep_for(milliseconds(700));
  hub.Start(hub_db, token_file, port);  // the same port and file
  CHECK(hub.port == port);

  wait_for("B", 110);
  sync_b.SetOffline(true);
  const auto offline_from = Clock::now();
  wait_for("B", 170);
  sync_b.SetOffline(false);
  const auto offline_to = Clock::now();
  for (std::thread& worker : workers) worker.join();
  const auto done = Clock::now();

  // Every check-in made.
  std::set<std::string> made;
  std::map<std::string, int> made_per_code;
  int already = 0;
  for (const auto& [desk, list] : attempts) {
    REQUIRE(list.size() == 200);
    for (const Attempt& attempt : list) {
      CHECK(attempt.outcome != CheckinResult::Outcome::UnknownCode);
      if (attempt.outcome == CheckinResult::Outcome::CheckedIn) {
        CHECK(made.insert(attempt.uuid).second);
        ++made_per_code[attempt.code];
      } else if (attempt.outcome == CheckinResult::Outcome::AlreadyCheckedIn) {
        ++already;
        CHECK(attempt.first_desk != desk);  // a desk never tries one of its own twice here
      }
    }
  }

  // Converged: all three stores hold exactly those events (the sync threads still running).
  RegistrantStore hub_reader(hub_db, RegistrantStore::Mode::ReadOnly);
  RegistrantStore a_reader(desks.at("A"), RegistrantStore::Mode::ReadOnly);
  RegistrantStore b_reader(desks.at("B"), RegistrantStore::Mode::ReadOnly);
  auto converged = [&] {
    return Uuids(hub_reader.Events()) == made && Uuids(a_reader.Events()) == made && Uuids(b_reader.Events()) == made;
  };
  while (!converged() && Clock::now() - done < std::chrono::seconds(15)) std::this_thread::sleep_for(milliseconds(20));
  const auto converged_at = Clock::now();
  CHECK(converged());
  sync_a.Stop();
  sync_b.Stop();
  INFO("desk A sync errors: ", sync_a.Errors(), "desk B sync errors: ", sync_b.Errors());
  // A final round each, as a desk does when it comes back: nothing left to exchange.
  for (const auto& [desk, path] : desks) {
    DeskSyncState state = DeskSync(path, url, kToken, desk).SyncOnce();
    CHECK(state.online);
    CHECK(state.pending == 0);
  }
  CHECK(hub.child->Stop(SIGTERM) == 0);

  // Every check-in exactly once in all three stores.
  std::map<std::string, std::vector<CheckinEvent>> stores{
      {"hub", RegistrantStore(hub_db, RegistrantStore::Mode::ReadOnly).Events()},
      {"A", a_reader.Events()},
      {"B", b_reader.Events()}};
  for (const auto& [name, events] : stores) {
    INFO("store ", name);
    CHECK(events.size() == made.size());
    CHECK(Uuids(events) == made);
    CHECK(events == stores["hub"]);  // the same events, the same fields (Events() is by time, then uuid)
  }

  // Nobody checked in twice without the warning: a registrant with two In events shows both, on all three stores;
  // and no desk checked in someone whose other check-in it could already see.
  int duplicates = 0, duplicates_offline = 0;
  std::map<std::string, std::map<std::string, Clock::time_point>> seen_by{{"A", sync_a.SeenBy()},
                                                                          {"B", sync_b.SeenBy()}};
  std::map<std::string, std::map<std::string, const Attempt*>> made_by_code;  // code -> desk -> attempt
  for (const auto& [desk, list] : attempts) {
    for (const Attempt& attempt : list) {
      if (attempt.outcome == CheckinResult::Outcome::CheckedIn) made_by_code[attempt.code][desk] = &attempt;
    }
  }
  for (const auto& [code, count] : made_per_code) {
    CHECK(count <= 2);
    for (RegistrantStore* store : {&hub_reader, &a_reader, &b_reader}) {
      CheckinStatus status = store->Status(code);
      CHECK(status.checked_in);
      CHECK(status.active.size() == static_cast<std::size_t>(count));
    }
    if (count < 2) continue;
    ++duplicates;
    const Attempt* at_a = made_by_code[code]["A"];
    const Attempt* at_b = made_by_code[code]["B"];
    if ((at_a->started >= offline_from && at_a->started <= offline_to) ||
        (at_b->started >= offline_from && at_b->started <= offline_to)) {
      ++duplicates_offline;
    }
    // Each desk's check-in started before the other desk's event was seen in its store.
    for (const auto& [desk, other] : {std::pair{"A", at_b}, std::pair{"B", at_a}}) {
      const Attempt* mine = desk == std::string("A") ? at_a : at_b;
      auto seen = seen_by[desk].find(other->uuid);
      if (seen != seen_by[desk].end()) {
        INFO("registrant ", code, " checked in at desk ", desk, " ", Ms(seen->second - mine->started),
             " ms after the other desk's check-in was seen there");
        CHECK(seen->second >= mine->started);
      }
    }
  }
  CHECK(duplicates > 0);  // the offline period did make some
  CHECK(already > 0);     // and the desks did see each other's check-ins when online
  for (RegistrantStore* store : {&a_reader, &b_reader}) {
    std::vector<RegistrantHit> all = store->All();
    CHECK(all.size() == 300);
    CHECK(std::none_of(all.begin(), all.end(), [](const RegistrantHit& hit) { return hit.withdrawn; }));
  }

  MESSAGE("two desks and a hub: ", made.size(), " check-in events (", attempts["A"].size() + attempts["B"].size(),
          " attempts, ", already, " 'already checked in'), ", duplicates,
          " registrants checked in at both desks and flagged (", duplicates_offline,
          " during desk B's offline period of ", Ms(offline_to - offline_from), " ms), hub killed and restarted; ",
          "check-ins took ", Ms(done - started), " ms, converged ", Ms(converged_at - done),
          " ms after the last; sync rounds A ", sync_a.Rounds(), " (", sync_a.FailedRounds(), " failed), B ",
          sync_b.Rounds(), " (", sync_b.FailedRounds(), " failed)");
}

TEST_CASE("checkin sync: a check-in shows on the other desk within 5 s with a 1 s sync period") {
  TempDir temp;
  const fs::path hub_db = temp.Path() / "hub.db", a_db = temp.Path() / "a.db", b_db = temp.Path() / "b.db";
  const std::vector<Registrant> registrants = FewRegistrants();
  RegistrantStore(hub_db).Import(registrants, "hub.csv");
  HubServer hub(hub_db, kToken);
  {
    // Both desks get the list first.
    DeskSync(a_db, hub.Url(), kToken, "A").SyncOnce();
    DeskSync(b_db, hub.Url(), kToken, "B").SyncOnce();
  }
  SyncLoop sync_a(a_db, hub.Url(), "A", milliseconds(1000), milliseconds(1000));
  SyncLoop sync_b(b_db, hub.Url(), "B", milliseconds(1000), milliseconds(1000));
  RegistrantStore desk_a(a_db), desk_b(b_db);
  long long worst = 0;
  std::string figures;
  int delay_ms = 130;
  for (const char* code : {"K1000", "K1001", "K1002"}) {
    std::this_thread::sleep_for(milliseconds(delay_ms));  // different phases of the two desks' periods
    delay_ms += 290;
    const auto start = Clock::now();
    REQUIRE(desk_a.CheckIn(code, "A", Now()).outcome == CheckinResult::Outcome::CheckedIn);
    while (!desk_b.Status(code).checked_in && Clock::now() - start < std::chrono::seconds(6)) {
      std::this_thread::sleep_for(milliseconds(10));
    }
    const long long latency = Ms(Clock::now() - start);
    CHECK(desk_b.Status(code).checked_in);
    CHECK(latency < 5000);
    worst = std::max(worst, latency);
    figures += (figures.empty() ? "" : ", ") + std::to_string(latency) + " ms";
  }
  MESSAGE("check-in at desk A shown at desk B after ", figures, " (worst ", worst, " ms; target under 5000 ms)");
}

// --- kioskctl serve as a hub

TEST_CASE("checkin sync: serve refuses a hub without a good token or with the registrants in the served folder") {
  TempDir temp;
  const std::string people = (temp.Path() / "people" / "registrants.db").string();
  Run no_token = Kioskctl("serve --people " + people + " --port 0");
  CHECK(no_token.exit_code == 2);
  CHECK(Contains(no_token.out, "--token"));
  CHECK(Contains(no_token.out, "openssl rand -hex 16"));

  Run short_token = Kioskctl("serve --people " + people + " --token abc123 --port 0");
  CHECK(short_token.exit_code == 2);
  CHECK(Contains(short_token.out, "too short"));
  CHECK(Contains(short_token.out, "openssl rand -hex 16"));

  const fs::path short_file = temp.Path() / "short.token";
  std::ofstream(short_file) << "abc123\n";
  CHECK(Kioskctl("serve --people " + people + " --token-file " + short_file.string() + " --port 0").exit_code == 2);
  CHECK(Kioskctl("serve --people " + people + " --token-file " + (temp.Path() / "none").string() + " --port 0")
            .exit_code == 2);
  CHECK_FALSE(fs::exists(people));  // nothing made

  const fs::path www = temp.Path() / "www";
  fs::create_directories(www);
  Run inside =
      Kioskctl("serve --dir " + www.string() + " --people " + (www / "registrants.db").string() + " --token " + kToken);
  CHECK(inside.exit_code == 2);
  CHECK(Contains(inside.out, "personal data"));
  Run nested = Kioskctl("serve --dir " + temp.Path().string() + " --people " + people + " --token " + kToken);
  CHECK(nested.exit_code == 2);
  CHECK_FALSE(fs::exists(www / "registrants.db"));

  Run nothing = Kioskctl("serve --port 0");
  CHECK(nothing.exit_code == 2);
  CHECK(Contains(nothing.out, "--people"));
  CHECK(Kioskctl("serve --dir " + www.string() + " --token " + kToken + " --port 0").exit_code == 2);

  // A good token: the hub starts with a new, empty store and says so; the folder is served beside it.
  Child serve({KIOSKCTL_PATH, "serve", "--dir", www.string(), "--people", people, "--token", kToken, "--port", "0"});
  const std::string folder_line = serve.ReadLine(milliseconds(5000));
  CHECK(Contains(folder_line, "serving "));
  const std::string hub_line = serve.ReadLine(milliseconds(5000));
  CHECK(Contains(hub_line, "check-in hub for " + people));
  CHECK(Contains(hub_line, "0 registrants"));
  CHECK(serve.Stop() == 0);
}

TEST_CASE("checkin sync: the hub drops check-ins outside the event's days and beyond 30 a minute for one code") {
  TempDir temp;
  const fs::path hub_db = temp.Path() / "hub.db";
  std::vector<Registrant> registrants = FewRegistrants();
  const Day first{date::year{2026} / 7 / 8}, second{date::year{2026} / 7 / 9};
  for (Registrant& registrant : registrants) registrant.days = {first, second};
  RegistrantStore(hub_db).Import(registrants, "hub.csv");
  HubServer hub(hub_db, kToken);
  httplib::Client client(hub.Url());
  const httplib::Headers auth{{"Authorization", std::string("Bearer ") + kToken}};
  const EventTime ten{date::sys_days{first} + std::chrono::hours{8}};
  auto post = [&](const std::vector<CheckinEvent>& events) {
    json list = json::array();
    for (const CheckinEvent& event : events) list.push_back(CheckinEventToJson(event));
    auto answer =
        client.Post("/checkin/v1/events", auth, json{{"desk", "A"}, {"events", list}}.dump(), "application/json");
    REQUIRE(answer);
    CHECK(answer->status == 200);
    return json::parse(answer->body);
  };
  // 300 days after the event: dropped, so the person is not "already checked in" when they come.
  json answer = post({{NewUuid(), "K1000", "A", ten + std::chrono::hours(24 * 300), CheckinKind::In, ""},
                      {NewUuid(), "K1001", "A", ten, CheckinKind::In, ""}});
  CHECK(answer["accepted"] == 1);
  CHECK(answer["dropped"] == 1);
  CHECK_FALSE(RegistrantStore(hub_db).Status("K1000").checked_in);
  CHECK(RegistrantStore(hub_db).Status("K1001").checked_in);

  std::vector<CheckinEvent> flood;
  for (int i = 0; i < 1000; ++i) flood.push_back({NewUuid(), "K1002", "A", ten + milliseconds(i), CheckinKind::In, ""});
  answer = post(flood);
  CHECK(answer["accepted"] == 30);
  CHECK(answer["dropped"] == 970);
  CHECK(RegistrantStore(hub_db).Status("K1002").active.size() == 30);
}

// Issue 12: the protocol's one header drives both ends: a pull built from Protocol.h's route, parameters and keys is
// answered by the hub in the same keys, and its page limit is the hub's.
TEST_CASE("protocol header builds a request the hub answers in its own keys") {
  test::TempDir temp;
  const fs::path hub_db = temp.Path() / "hub.db";
  RegistrantStore(hub_db).Import(FewRegistrants(), "hub.csv");
  CheckinHub hub(hub_db, kToken);
  server::Request request;
  request.path = kEventsPath;
  request.query = {{kAfterParam, "0"}, {kLimitParam, std::to_string(kMaxPullLimit + 1)}};
  request.headers = {{"Authorization", std::string(kBearerScheme) + " " + kToken}};
  server::Response too_many = hub.Handle("GET", request);
  CHECK(too_many.status == 400);
  CHECK(Contains(json::parse(too_many.body)[key::kError].get<std::string>(), kLimitParam));
  request.query[1].second = std::to_string(kMaxPullLimit);
  server::Response page = hub.Handle("GET", request);
  CHECK(page.status == 200);
  const json answer = json::parse(page.body);
  CHECK(answer[key::kEvents].is_array());
  CHECK(answer[key::kLastSeq] == 0);
  CHECK(answer[key::kRegistrantsRevision] == 1);
  CHECK(answer[key::kHubId] == page.Header(kHubIdHeader));
}

// Issue 12: one reader of a token file (kiosk --token-file and kioskctl serve --token-file), one "replaced behind
// SQLite's back" check (the desk, its hub thread and the programme source).
TEST_CASE("token file and store file identity are read one way") {
  test::TempDir temp;
  const fs::path token = temp.Path() / "token";
  std::ofstream(token) << "  0123456789abcdef0123 \r\nsecond line\n";
  CHECK(ReadTokenFile(token) == "0123456789abcdef0123");
  std::ofstream(temp.Path() / "empty").flush();
  CHECK_FALSE(ReadTokenFile(temp.Path() / "empty").has_value());
  CHECK_FALSE(ReadTokenFile(temp.Path() / "missing").has_value());

  const fs::path file = temp.Path() / "people.db";
  std::ofstream(file) << "one";
  const FileIdentity opened = IdentifyFile(file);
  CHECK(opened.exists);
  CHECK(CompareFile(opened, IdentifyFile(file)) == FileChange::None);
  std::ofstream(file, std::ios::app) << "two";  // in place: same inode, new size
  CHECK(CompareFile(opened, IdentifyFile(file)) == FileChange::Rewritten);
  const fs::path other = temp.Path() / "other.db";
  std::ofstream(other) << "new";
  fs::rename(other, file);  // renamed over: another inode
  CHECK(CompareFile(opened, IdentifyFile(file)) == FileChange::Replaced);
  fs::remove(file);
  CHECK(CompareFile(opened, IdentifyFile(file)) == FileChange::Replaced);
  CHECK_FALSE(IdentifyFile(file).exists);
}

TEST_CASE("checkin sync: ticket codes travel with the hub's list - a desk scanning a pretix secret checks in") {
  Registrant lise;
  lise.order_code = "K7Q2A";
  lise.first_name = "Lise";
  lise.last_name = "Varenne";
  lise.ticket_codes = {"4006381333931", "K3FQ9X2MBZ7WQ4RT"};
  CHECK(RegistrantFromJson(json::parse(RegistrantToJson(lise).dump())) == lise);
  CHECK(RegistrantToJson(lise)["ticket_codes"] == json::array({"4006381333931", "K3FQ9X2MBZ7WQ4RT"}));
  // A desk's list from an older hub has none; a hub's list is made canonical on arrival.
  CHECK(RegistrantFromJson(json{{"order_code", "X1"}}).ticket_codes.empty());
  CHECK(RegistrantFromJson(json{{"order_code", "X1"}, {"ticket_codes", {" b2 ", "a1", "x1"}}}).ticket_codes ==
        std::vector<std::string>{"A1", "B2"});
  CHECK(Contains(InvalidArgument([] {
                   RegistrantFromJson(json{{"order_code", "X1"}, {"ticket_codes", {3}}});
                 }),
                 "\"ticket_codes\""));

  TempDir temp;
  const fs::path hub_db = temp.Path() / "hub.db", desk_db = temp.Path() / "desk.db";
  RegistrantImportOptions options;
  options.source_name = "pretix.csv";
  const RegistrantImportResult imported = ImportRegistrantsCsv(
      "Order code,Attendee name,E-mail,Secret\n"
      "K7Q2A,Lise Varenne,l.varenne@example.org,k3fq9x2mbz7wq4rt\n"
      "ABC12,Noé Castellane,n.castellane@example.fr,p8xk2mq7vzt3rbw9\n"
      "ABC12,Inès Morvan,i.morvan@example.fr,t5rq8wz2kmx7vb3p\n",
      options);
  RegistrantStore(hub_db).Import(imported.registrants, "pretix.csv");
  HubServer hub(hub_db, kToken);
  DeskSync desk(desk_db, hub.Url(), kToken, "A");  // a new desk: its list comes from the hub
  REQUIRE(desk.SyncOnce().online);
  RegistrantStore store(desk_db);
  const std::optional<RegistrantHit> ines = store.Find("t5rq8wz2kmx7vb3p");
  REQUIRE(ines);
  CHECK(ines->registrant.last_name == "Morvan");
  REQUIRE(store.CheckIn(ines->registrant.order_code, "A", Now()).outcome == CheckinResult::Outcome::CheckedIn);
  CHECK(desk.SyncOnce().pending == 0);
  // The hub has the check-in under the person's own code, found from the secret there too.
  RegistrantStore hub_store(hub_db);
  CHECK(hub_store.Find("T5RQ8WZ2KMX7VB3P")->status.checked_in);
  CHECK_FALSE(hub_store.Find("p8xk2mq7vzt3rbw9")->status.checked_in);
}
