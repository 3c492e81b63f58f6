// The kiosk's shared loop pieces (kiosk/app/ProgrammeClock.h): clock and zone, sync settings, which view shows and
// when it next changes; and the sync problem kinds the staff corner shows. No window, no GL.
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include <SQLiteCpp/Database.h>
#include <httplib.h>

#include "ScreenTestSupport.h"
#include "TestSupport.h"
#include "kiosk/app/ProgrammeClock.h"
#include "kiosk/app/ProgrammeLoader.h"
#include "kiosk/app/ProgrammeSource.h"
#include "kiosk/app/ScreenDecision.h"
#include "kiosk/app/SyncThread.h"
#include "kiosk/importers/Importer.h"
#include "kiosk/store/ScheduleStore.h"
#include "kiosk/sync/Keys.h"
#include "kiosk/sync/Publisher.h"
#include "kiosk/ui/Overlays.h"

using namespace kiosk;
using namespace kiosk::app;
using std::chrono::hours;
using std::chrono::minutes;

namespace {

/// The RAICT 2026 programme as revision 3, made at 2026-07-08T07:00 venue time.
LoadedProgramme RaictLoaded(const VenueZone& zone) {
  ImportOptions options;
  options.source_name = "raict-2026.csv";
  LoadedProgramme loaded;
  loaded.programme = kiosk::ImportFile(test::SourcePath("schedules/raict-2026.csv"), options).programme;
  loaded.revision.number = 3;
  loaded.revision.imported_at = ParseIsoInstant("2026-07-08T07:00", zone);
  return loaded;
}

}  // namespace

TEST_CASE("a clock given with --now is trusted and read in the programme's zone") {
  ProgrammeClock clock(std::string("2026-07-08T10:20"));
  CHECK(clock.Trusted());
  CHECK(clock.Zone().Name() == "Europe/Paris");
  const Instant paris = clock.Now();
  CHECK(paris - ParseIsoInstant("2026-07-08T10:20", clock.Zone()) < std::chrono::seconds{2});
  clock.UseZone("Asia/Tokyo");
  CHECK(clock.Zone().Name() == "Asia/Tokyo");
  // Venue-local: 10:20 in Tokyo is 7 h earlier in UTC than 10:20 in Paris (summer time).
  CHECK(paris - clock.Now() > hours{6});

  CHECK_FALSE(ProgrammeClock(std::nullopt).Trusted());
  CHECK_THROWS_AS(ProgrammeClock(std::string("not a time")), std::invalid_argument);
}

TEST_CASE("an unknown programme zone falls back to Europe/Paris") {
  ProgrammeClock clock(std::nullopt);
  clock.UseZone("Not/AZone");
  CHECK(clock.Zone().Name() == kDefaultVenueZone);
}

TEST_CASE("SyncSettingsFrom takes URL, key and interval from the options and the store given") {
  AppOptions options;
  options.sync_url = "http://127.0.0.1:8080/";
  options.sync_pubkey = "/keys/publisher.pub";
  options.sync_interval = 0.25;
  const SyncSettings settings = SyncSettingsFrom(options, "/var/kiosk.db");
  CHECK(settings.url == options.sync_url);
  CHECK(settings.public_key == options.sync_pubkey);
  CHECK(settings.store == "/var/kiosk.db");
  CHECK(settings.interval == std::chrono::milliseconds{250});
}

TEST_CASE("PlanView shows the board at a trusted clock and the message without a programme") {
  const VenueZone zone("Europe/Paris");
  const LoadedProgramme loaded = RaictLoaded(zone);
  const Instant now = ParseIsoInstant("2026-07-08T10:20", zone);
  const ViewPlan board = PlanView(&loaded, std::nullopt, true, now, zone);
  CHECK(board.kind == ViewKind::Board);
  REQUIRE(board.board);
  CHECK(board.next_change == board.board->next_change);
  CHECK(board.next_change > now);

  const ViewPlan sign = PlanView(&loaded, std::string("salon-monge"), true, now, zone);
  CHECK(sign.kind == ViewKind::DoorSign);
  REQUIRE(sign.sign);
  CHECK(sign.sign->found);

  CHECK(PlanView(nullptr, std::nullopt, true, now, zone).kind == ViewKind::Message);
}

TEST_CASE("PlanView: kiosk --room finds a room by either apostrophe and by a unique word, as kioskctl does") {
  const VenueZone zone("Europe/Paris");
  LoadedProgramme loaded = RaictLoaded(zone);
  loaded.programme.rooms.push_back(Room{"salon-d-honneur", "Salon d\u2019Honneur"});
  const Instant now = ParseIsoInstant("2026-07-08T10:20", zone);
  for (const char* query : {"Salon d'Honneur", "Salon d\u2019Honneur", "honneur"}) {
    CAPTURE(query);
    const ViewPlan plan = PlanView(&loaded, std::string(query), true, now, zone);
    REQUIRE(plan.room);
    CHECK(plan.room->key == "salon-d-honneur");
    REQUIRE(plan.sign);
    CHECK(plan.sign->room_key == "salon-d-honneur");
  }
  const ViewPlan monge = PlanView(&loaded, std::string("Monge"), true, now, zone);
  REQUIRE(monge.room);
  CHECK(monge.room->key == "salon-monge");
  const ViewPlan salon = PlanView(&loaded, std::string("Salon"), true, now, zone);
  CHECK(salon.room == nullptr);
  REQUIRE(salon.sign);
  CHECK_FALSE(salon.sign->found);
}

TEST_CASE("a wrong system clock gives the wrong-clock view, a --now clock at the same time does not") {
  const VenueZone zone("Europe/Paris");
  const LoadedProgramme loaded = RaictLoaded(zone);
  const Instant wrong = ParseIsoInstant("2020-01-01T10:20", zone);  // years before the event and the revision
  const ViewPlan plan = PlanView(&loaded, std::nullopt, false, wrong, zone);
  CHECK(plan.kind == ViewKind::WrongClock);
  CHECK(plan.clock.Wrong());
  CHECK(plan.next_change == ParseIsoInstant("2020-01-01T10:21", zone));
  CHECK(PlanView(&loaded, std::string("salon-monge"), false, wrong, zone).kind == ViewKind::WrongClock);
  // The operator's simulation is trusted as given.
  CHECK(PlanView(&loaded, std::nullopt, true, wrong, zone).kind != ViewKind::WrongClock);
  // A system clock that is plausible shows the board.
  CHECK(PlanView(&loaded, std::nullopt, false, ParseIsoInstant("2026-07-08T10:20", zone), zone).kind ==
        ViewKind::Board);
}

TEST_CASE("an announcement's end is a next change of the view, and an emergency covers it") {
  const VenueZone zone("Europe/Paris");
  LoadedProgramme loaded = RaictLoaded(zone);
  const Instant now = ParseIsoInstant("2026-07-08T10:20:30", zone);
  Announcement info;
  info.id = 1;
  info.revision = 3;
  info.text = "Vestiaire fermé";
  info.priority = AnnouncementPriority::Info;
  info.until = now + std::chrono::seconds{10};  // before the next minute
  info.made_at = now - minutes{5};
  loaded.announcements.push_back(info);
  for (const std::optional<std::string>& room :
       {std::optional<std::string>(), std::optional<std::string>("salon-monge")}) {
    const ViewPlan plan = PlanView(&loaded, room, true, now, zone);
    CHECK(plan.next_change == *info.until);
    CHECK_FALSE(plan.Covered());
  }
  Announcement emergency = info;
  emergency.id = 2;
  emergency.priority = AnnouncementPriority::Emergency;
  emergency.until.reset();
  loaded.announcements.push_back(emergency);
  CHECK(PlanView(&loaded, std::nullopt, true, now, zone).Covered());
}

TEST_CASE("sync failures show a stable kind to staff, without timings or URLs") {
  CHECK(SyncProblemKind("http://127.0.0.1:9/manifest: timed out: Operation timed out after 15002 milliseconds") ==
        SyncProblemKind("http://127.0.0.1:9/manifest: timed out: Operation timed out after 15001 milliseconds"));
  CHECK(SyncProblemKind("http://h/manifest: timed out: after 15002 ms") == "timed out");
  CHECK(SyncProblemKind("http://h:1/manifest: cannot connect (server down?): Connection refused") == "server down");
  CHECK(SyncProblemKind("http://h:8080/manifest: HTTP 404 (not found: nothing published at this URL?)") == "HTTP 404");
  CHECK(SyncProblemKind("http://h/manifest: bad signature: the manifest names key x") == "bad signature");
  CHECK(SyncProblemKind("http://h/s.db: sha256 mismatch: the signed manifest says a, the download is b") ==
        "wrong hash");
  CHECK(SyncProblemKind("something new") == "sync error");
}

TEST_CASE("a sync kiosk's log: no revision yet rather than revision 0, and it waits for the publisher") {
  // Issue 11: a kiosk refusing every snapshot logged "keeping revision 0", and a fresh sync kiosk advised
  // "import a programme with kioskctl import".
  CHECK(KeptRevisionText(0) == "no revision yet");
  CHECK(KeptRevisionText(6) == "keeping revision 6");

  test::TempDir dir;
  const auto now = std::chrono::steady_clock::now();
  ProgrammeSource imported(dir.Path() / "missing.db");
  imported.Poll(now);
  CHECK(imported.Problem().find("import a programme with kioskctl import") != std::string::npos);

  ProgrammeSource synced(dir.Path() / "missing.db");
  synced.WaitForPublisher("http://192.168.1.10:8080/");
  synced.Poll(now);
  CHECK(synced.Problem().find("kioskctl import") == std::string::npos);
  CHECK(synced.Problem().find("waiting for the publisher at http://192.168.1.10:8080/") != std::string::npos);
}

TEST_CASE("the frame thread takes the programme without waiting on a store that another connection holds") {
  // Issue 12: the frame loop called ProgrammeSource::Poll itself, so a store held by another connection (an import,
  // a checkpoint, a sync swap) froze the screen for the 5 s busy timeout. The loader reads it on its own thread.
  using std::chrono::steady_clock;
  test::TempDir dir;
  const std::filesystem::path db = dir.Path() / "kiosk.db";
  {
    ScheduleStore store(db);
    const LoadedProgramme raict = RaictLoaded(VenueZone("Europe/Paris"));
    store.CommitImport(raict.programme, {}, "raict-2026.csv", "");
  }
  // A rollback journal, so that a writer's exclusive lock makes readers wait (in WAL mode they never would; the
  // wait stands for any busy store: a copy being swapped in, a disk that stalls).
  SQLite::Database(db.string(), SQLite::OPEN_READWRITE).exec("PRAGMA journal_mode=DELETE");
  std::atomic<int> wakes{0};
  ProgrammeLoader loader(db, "", [&] { ++wakes; });
  REQUIRE(loader.WaitFirst(std::chrono::seconds{10}));
  const std::optional<ProgrammeState> first = loader.Take();
  REQUIRE(first);
  REQUIRE(first->programme);
  CHECK(first->problem == StoreProblem::None);
  CHECK(first->programme->revision.number == 1);
  // The wake is called by the loader's thread right after it publishes: it may come just after WaitFirst returns.
  for (int i = 0; i < 200 && wakes == 0; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  CHECK(wakes >= 1);
  CHECK_FALSE(loader.Take());  // nothing new since

  // Another connection takes the store and keeps a write transaction open: readers wait for it.
  SQLite::Database writer(db.string(), SQLite::OPEN_READWRITE);
  writer.exec("BEGIN EXCLUSIVE");
  writer.exec("CREATE TABLE held_by_test(x)");

  // What the frame loop did before: a poll on its own thread waits on SQLite.
  ProgrammeSource direct(db);
  auto start = steady_clock::now();
  direct.Poll(start);
  const auto direct_wait = steady_clock::now() - start;
  CHECK(direct_wait >= std::chrono::seconds{1});
  CHECK(direct.ProblemKind() == StoreProblem::Io);

  // The loader's worker is in SQLite's wait now; the frame thread's Take() returns at once, with nothing new.
  loader.PollSoon();
  std::this_thread::sleep_for(std::chrono::milliseconds{200});
  start = steady_clock::now();
  std::optional<ProgrammeState> taken;
  for (int frame = 0; frame < 100; ++frame) taken = loader.Take();
  const auto take_wait = steady_clock::now() - start;
  MESSAGE("direct poll waited ", std::chrono::duration<double, std::milli>(direct_wait).count(), " ms, 100 Take() ",
          std::chrono::duration<double, std::milli>(take_wait).count(), " ms");
  CHECK(take_wait < std::chrono::milliseconds{50});
  CHECK_FALSE(taken);
  writer.exec("ROLLBACK");
}

TEST_CASE("the loader hands a missing store over as a typed problem, and the programme once it is imported") {
  test::TempDir dir;
  const std::filesystem::path db = dir.Path() / "later.db";
  std::atomic<int> wakes{0};
  ProgrammeLoader loader(db, "", [&] { ++wakes; });
  REQUIRE(loader.WaitFirst(std::chrono::seconds{10}));
  std::optional<ProgrammeState> state = loader.Take();
  REQUIRE(state);
  CHECK(state->problem == StoreProblem::Missing);
  CHECK(state->problem_text.find("no schedule store at") != std::string::npos);
  CHECK_FALSE(state->programme);
  {
    ScheduleStore store(db);
    store.CommitImport(RaictLoaded(VenueZone("Europe/Paris")).programme, {}, "raict-2026.csv", "");
  }
  loader.PollSoon();
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds{10};
  while (!(state && state->programme) && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds{10});
    if (auto next = loader.Take()) state = next;
  }
  REQUIRE(state->programme);
  CHECK(state->problem == StoreProblem::None);
  CHECK(state->programme->revision.number == 1);
}

namespace {

/// A layout with fixed page counts: `board` board pages, `timeline` timeline pages, partners and plan pages.
ScreenLayout FixedLayout(int board, int timeline, bool partners, bool plan, bool landscape = true) {
  ScreenLayout layout;
  layout.landscape = landscape;
  layout.board_pages = [board](const ViewPlan&, const ui::BoardViewModel&) { return board; };
  layout.timeline_pages = [timeline](const ViewPlan&, const ui::TimelineViewModel&) { return timeline; };
  layout.partners = partners;
  layout.plan = plan;
  return layout;
}

}  // namespace

TEST_CASE("DecideScreen rotates the lobby: a board page two slots, any other page one, taps moving it on") {
  const VenueZone zone("Europe/Paris");
  const LoadedProgramme loaded = RaictLoaded(zone);
  const Instant now = ParseIsoInstant("2026-07-08T10:20", zone);
  AppOptions options;  // board, timeline, partners, plan; 10 s slots
  const ScreenLayout layout = FixedLayout(2, 1, true, true);
  ScreenInput input;
  const auto at = [&](long long seconds, int manual = 0) {
    input.elapsed = std::chrono::seconds{seconds};
    input.manual_offset = manual;
    return DecideScreen(&loaded, now, zone, options, input, layout);
  };
  const ScreenDecision first = at(0);
  CHECK(first.screen == Screen::Board);
  CHECK(first.page == 0);
  CHECK(first.index == 0);
  CHECK(first.count == 5);
  CHECK(first.status == "board page 1 (screen 1/5)");
  CHECK(first.next_slot_change == std::chrono::seconds{20});  // the board page stays two slots
  CHECK(first.next_change == first.plan.next_change);
  CHECK(at(19).page == 0);
  CHECK(at(20).screen == Screen::Board);
  CHECK(at(20).page == 1);
  CHECK(at(40).screen == Screen::Timeline);
  CHECK(at(40).next_slot_change == std::chrono::seconds{50});
  CHECK(at(50).screen == Screen::Partners);
  CHECK(at(60).screen == Screen::Plan);
  CHECK(at(70).screen == Screen::Board);  // around again: slots 7 = board page 0
  CHECK(at(0, 1).page == 1);              // a tap: the next screen
  CHECK(at(0, 2).screen == Screen::Timeline);

  // --show board with one page: nothing alternates, so no slot is a visible change.
  options.screen = ScreenChoice::Board;
  const ScreenDecision still = DecideScreen(&loaded, now, zone, options, input, FixedLayout(1, 1, true, true));
  CHECK(still.screen == Screen::Board);
  CHECK(still.count == 1);
  CHECK(still.alternating == 1);
  CHECK(still.next_slot_change == std::chrono::seconds::max());
}

TEST_CASE("DecideScreen leaves the timeline out of a portrait lobby unless it is alone, and skips empty pages") {
  const VenueZone zone("Europe/Paris");
  const LoadedProgramme loaded = RaictLoaded(zone);
  const Instant now = ParseIsoInstant("2026-07-08T10:20", zone);
  AppOptions options;
  ScreenInput input;
  const ScreenDecision portrait =
      DecideScreen(&loaded, now, zone, options, input, FixedLayout(1, 1, false, false, false));
  CHECK(portrait.count == 1);
  CHECK_FALSE(portrait.timeline);
  options.screen = ScreenChoice::Timeline;
  const ScreenDecision alone = DecideScreen(&loaded, now, zone, options, input, FixedLayout(1, 1, false, false, false));
  CHECK(alone.screen == Screen::Timeline);
  REQUIRE(alone.timeline);
  // Only pages that cannot show: the board, never a blank screen.
  options.screen = ScreenChoice::Auto;
  options.lobby_pages = {"partners"};
  CHECK(DecideScreen(&loaded, now, zone, options, input, FixedLayout(1, 1, false, false)).screen == Screen::Board);
}

TEST_CASE("DecideScreen puts an emergency over every screen, and alternates several with the slots") {
  const VenueZone zone("Europe/Paris");
  LoadedProgramme loaded = RaictLoaded(zone);
  const Instant now = ParseIsoInstant("2026-07-08T22:30", zone);  // night, nothing on
  Announcement emergency;
  emergency.id = 1;
  emergency.revision = 3;
  emergency.text = "Évacuation";
  emergency.priority = AnnouncementPriority::Emergency;
  emergency.made_at = now - minutes{1};
  loaded.announcements.push_back(emergency);
  AppOptions options;
  ScreenInput input;
  const ScreenLayout layout = FixedLayout(2, 1, true, true);
  const ScreenDecision lobby = DecideScreen(&loaded, now, zone, options, input, layout);
  CHECK(lobby.screen == Screen::Emergency);
  CHECK(lobby.alternating == 1);
  CHECK(lobby.next_slot_change == std::chrono::seconds::max());  // nothing under it rotates
  CHECK(lobby.night < 1.0f);
  CHECK(lobby.brightness == 1.0f);  // never dimmed
  input.touch_active = true;
  options.interactive = true;
  const ScreenDecision touch = DecideScreen(&loaded, now, zone, options, input, layout);
  CHECK(touch.screen == Screen::Emergency);
  CHECK(touch.covered == Screen::Touch);
  options.room = "salon-monge";
  CHECK(DecideScreen(&loaded, now, zone, options, input, layout).covered == Screen::DoorSign);

  emergency.id = 2;
  loaded.announcements.push_back(emergency);
  options.room.reset();
  input.touch_active = false;
  const ScreenDecision two = DecideScreen(&loaded, now, zone, options, input, layout);
  CHECK(two.alternating == 2);
  CHECK(two.next_slot_change == std::chrono::seconds{10});
}

TEST_CASE("DecideScreen dims the night unless a session is on, and shows the countdown before the event") {
  const VenueZone zone("Europe/Paris");
  const LoadedProgramme loaded = RaictLoaded(zone);
  AppOptions options;  // night 21:00 to 07:00 at 0.35
  ScreenInput input;
  const ScreenLayout layout = FixedLayout(1, 1, false, false);
  const ScreenDecision day =
      DecideScreen(&loaded, ParseIsoInstant("2026-07-08T10:20", zone), zone, options, input, layout);
  CHECK(day.night == 1.0f);
  CHECK(day.brightness == 1.0f);
  const ScreenDecision night =
      DecideScreen(&loaded, ParseIsoInstant("2026-07-08T23:30", zone), zone, options, input, layout);
  CHECK(night.night == doctest::Approx(0.35f));
  CHECK(night.brightness == doctest::Approx(0.35f));
  const ScreenDecision early =
      DecideScreen(&loaded, ParseIsoInstant("2026-07-01T10:00", zone), zone, options, input, layout);
  CHECK(early.screen == Screen::Countdown);
  CHECK(DecideScreen(nullptr, ParseIsoInstant("2026-07-08T10:20", zone), zone, options, input, layout).screen ==
        Screen::Message);
}

TEST_CASE("a failed pull crosses to the frame thread as a typed sync problem") {
  const SyncProblem http = ClassifySyncFailure("http://h:8080/manifest: HTTP 404 (not found: nothing published?)");
  CHECK(http.kind == SyncProblem::Kind::Http);
  CHECK(http.http_status == 404);
  CHECK(ToString(http) == "HTTP 404");
  CHECK(ClassifySyncFailure("http://h:1/manifest: cannot connect (server down?): Connection refused").kind ==
        SyncProblem::Kind::ServerDown);
  CHECK(ClassifySyncFailure("cannot swap revision 7 into /x.db: another puller holds it").kind ==
        SyncProblem::Kind::StoreLocked);
  CHECK(ToString(SyncProblem{}).empty());
  CHECK(ToString(SyncProblem{SyncProblem::Kind::Other}) == "sync error");
}

TEST_CASE("kiosk --sync --screenshot after a pull refused for another key's signature shows the wrong-key reason") {
  // Issue 11: the screenshot's one pull failed on a manifest signed by another key, but the screen said "première
  // connexion en cours · first connection under way": the screenshot path never passed the failure to the screen.
  test::TempDir dir;
  const std::filesystem::path organizer = dir.Path() / "organizer.db", www = dir.Path() / "www";
  std::filesystem::create_directories(www);
  {
    ImportOptions options;
    options.source_name = "raict-2026.csv";
    const ImportResult imported = kiosk::ImportFile(test::SourcePath("schedules/raict-2026.csv"), options);
    ScheduleStore store(organizer);
    REQUIRE(store.CommitImport(imported.programme, imported.warnings, "raict-2026.csv", "0").changed);
  }
  const sync::KeyPairFiles trusted = sync::GenerateKeyPair(dir.Path() / "keys");
  const sync::KeyPairFiles other = sync::GenerateKeyPair(dir.Path() / "other-keys");
  sync::Publish(organizer, sync::LoadSecretKey(other.secret_key), www);

  httplib::Server server;
  server.set_mount_point("/", www.string());
  const int port = server.bind_to_any_port("127.0.0.1");
  REQUIRE(port > 0);
  std::thread serving([&] { server.listen_after_bind(); });
  for (int i = 0; i < 200 && !server.is_running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  AppOptions options;
  options.sync_url = "http://127.0.0.1:" + std::to_string(port) + "/";
  options.sync_pubkey = trusted.public_key;
  const sync::SyncResult pulled = PullOnceNow(SyncSettingsFrom(options, dir.Path() / "kiosk.db"));
  server.stop();
  serving.join();
  REQUIRE(pulled.outcome == sync::SyncOutcome::Failed);
  CHECK(pulled.message.find("bad signature") != std::string::npos);

  // What App::Run gives the screen after that pull: the kind, and the waiting message's reason in both languages.
  const ui::StaffStatus staff = StaffAfterPull(pulled);
  CHECK(staff.syncing);
  CHECK(staff.sync_problem == "bad signature");
  CHECK_FALSE(staff.last_sync_age.has_value());
  const ui::MessageViewModel message =
      ui::SyncWaitingMessage(options.sync_url, staff.sync_problem, options.sync_interval);
  test::HeadlessImGui imgui;
  ui::Fonts fonts;
  for (const ImVec2 size : {ImVec2(960, 540), ImVec2(1920, 1080), ImVec2(1080, 1920)}) {
    CAPTURE(size.x);
    const std::vector<ui::DrawnText> drawn = test::DrawHeadless(fonts, size, [&](ui::ScreenContext& context) {
      context.staff = &staff;
      ui::DrawMessage(context, message);
    });
    bool french = false, english = false, first_try = false;
    for (const ui::DrawnText& text : drawn) {
      french = french || text.text.find("signature refusée") != std::string::npos;
      english = english || text.text.find("signature refused") != std::string::npos;
      first_try = first_try || text.text.find("first connection") != std::string::npos;
    }
    CHECK(french);
    CHECK(english);
    CHECK_FALSE(first_try);
  }

  // A good pull: no problem, a sync just now.
  const ui::StaffStatus good = StaffAfterPull({sync::SyncOutcome::Updated, 1, "updated to revision 1"});
  CHECK(good.sync_problem.empty());
  REQUIRE(good.last_sync_age.has_value());
  CHECK(good.last_sync_age->count() == 0);
}

TEST_CASE("the staff corner reads the kind the sync client set, not words found in the message") {
  // Issue 12: the kind was sorted again from the message by substring, so a manifest URL serving the text
  // "timed out" (not a manifest) showed "timed out", and a malformed "schema" line showed "newer schema".
  test::TempDir dir;
  const sync::KeyPairFiles keys = sync::GenerateKeyPair(dir.Path() / "keys");
  httplib::Server server;
  server.Get("/timed-out/manifest", [](const httplib::Request&, httplib::Response& response) {
    response.set_content("timed out\n", "text/plain");
  });
  server.Get("/gone/manifest", [](const httplib::Request&, httplib::Response& response) { response.status = 410; });
  const int port = server.bind_to_any_port("127.0.0.1");
  REQUIRE(port > 0);
  std::thread serving([&] { server.listen_after_bind(); });
  for (int i = 0; i < 200 && !server.is_running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  AppOptions options;
  options.sync_pubkey = keys.public_key;
  auto pull = [&](const std::string& folder) {
    options.sync_url = "http://127.0.0.1:" + std::to_string(port) + "/" + folder;
    return PullOnceNow(SyncSettingsFrom(options, dir.Path() / "kiosk.db"));
  };
  const sync::SyncResult not_manifest = pull("timed-out/");
  const sync::SyncResult gone = pull("gone/");
  server.stop();
  serving.join();

  INFO("message: " << not_manifest.message);
  CHECK(not_manifest.failure == sync::SyncFailure::NotAManifest);
  CHECK(ProblemOf(not_manifest) == SyncProblem{SyncProblem::Kind::Other});
  CHECK(StaffAfterPull(not_manifest).sync_problem == "sync error");
  CHECK(gone.failure == sync::SyncFailure::HttpStatus);
  CHECK(ProblemOf(gone) == SyncProblem{SyncProblem::Kind::Http, 410});
  CHECK(StaffAfterPull(gone).sync_problem == "HTTP 410");

  // The server gone: the kind, whatever the message says.
  const sync::SyncResult down = pull("timed-out/");
  CHECK(down.failure == sync::SyncFailure::Unreachable);
  CHECK(StaffAfterPull(down).sync_problem == "server down");

  // A message alone no longer decides: the same words with another kind show that kind.
  sync::SyncResult typed{sync::SyncOutcome::Failed, 3, "http://h/manifest: timed out"};
  typed.failure = sync::SyncFailure::HashMismatch;
  CHECK(StaffAfterPull(typed).sync_problem == "wrong hash");
  CHECK(ProblemOf({sync::SyncOutcome::Unchanged, 3, "revision 3 is current"}) == SyncProblem{});
}
