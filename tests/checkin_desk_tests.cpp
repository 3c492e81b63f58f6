// The check-in desk (issue 4 section 3): DeskController over a temporary registrant store with an injected clock
// (search, scan, warnings, undo, PIN, other desks' events, counters), its view model, and `kiosk --mode checkin
// --screenshot` end to end under Xvfb.
#include <doctest/doctest.h>

#include <stb_image.h>

#include <algorithm>
#include <atomic>
#include <fstream>
#include <map>
#include <set>
#include <thread>

#include "SheetWriter.h"
#include "TestSupport.h"
#include "kiosk/app/CheckinDesk.h"
#include "kiosk/checkin/DeskApply.h"
#include "kiosk/checkin/DeskController.h"
#include "kiosk/checkin/DeskWorker.h"
#include "kiosk/core/Clock.h"
#include "kiosk/core/VenueZone.h"
#include "kiosk/importers/RegistrantImporter.h"
#include "kiosk/store/RegistrantStore.h"
#include "kiosk/store/ScheduleStore.h"
#include "kiosk/ui/CheckinViewModel.h"
#include "kiosk/ui/Typography.h"

namespace {

using kiosk::CheckinEvent;
using kiosk::CheckinKind;
using kiosk::EventTime;
using kiosk::FixedClock;
using kiosk::Instant;
using kiosk::Registrant;
using kiosk::RegistrantStore;
using kiosk::VenueZone;
using kiosk::checkin::DeskController;
using kiosk::ui::DeskLock;
using kiosk::ui::DeskOutcome;
using namespace std::chrono_literals;

/// 2026-07-08 10:02 in Paris.
const Instant kTen02 = kiosk::ParseIsoInstant("2026-07-08T08:02:00Z", VenueZone("UTC"));

Registrant Person(std::string code, std::string first, std::string last, std::string organisation,
                  std::string category) {
  Registrant r;
  r.order_code = std::move(code);
  r.first_name = std::move(first);
  r.last_name = std::move(last);
  r.organisation = std::move(organisation);
  r.category = std::move(category);
  r.country = "France";
  r.days = {date::year{2026} / 7 / 8, date::year{2026} / 7 / 9};
  return r;
}

/// Five invented registrants; K7Q2A has a workshop and a B2B meeting.
std::vector<Registrant> People() {
  const VenueZone paris("Europe/Paris");
  Registrant elodie = Person("K7Q2A", "Élodie", "Dupont-Lefèvre", "Ville de Lyon", "élu·e");
  elodie.appointments = {
      {kiosk::ParseIsoInstant("2026-07-08T14:00", paris), kiosk::ParseIsoInstant("2026-07-08T15:30", paris),
       "Atelier Eau et assainissement", "Salon Monge"},
      {kiosk::ParseIsoInstant("2026-07-09T11:20", paris), kiosk::ParseIsoInstant("2026-07-09T11:40", paris),
       "B2B : Ville de Hué", "Table 7 (Salon Laplace)"}};
  Registrant anh = Person("N8GUY", "Thị Ánh", "Nguyễn", "Ville de Hué", "partenaire");
  anh.days = {date::year{2026} / 7 / 9};
  return {elodie, anh, Person("A1B2C", "Marc", "Lemoine", "Région Bretagne", "technicien·ne"),
          Person("ZZ9ZZ", "Eloi", "Martin", "Cités Unies France", "technicien·ne"),
          Person("W1THD", "Paul", "Retiré", "Ville de Nantes", "presse")};
}

/// A temporary store holding People(), W1THD withdrawn by a second import.
struct Fixture {
  kiosk::test::TempDir dir;
  std::filesystem::path people = dir.Path() / "registrants.db";
  FixedClock clock{kTen02};
  VenueZone zone{"Europe/Paris"};
  Fixture() {
    RegistrantStore store(people);
    std::vector<Registrant> all = People();
    store.Import(all, "test.csv");
    all.pop_back();
    store.Import(all, "test.csv");
  }
  DeskController Desk(const std::string& name = "A") { return DeskController(people, name, clock, zone); }
};

void Type(DeskController& desk, std::string_view text) {
  for (char32_t c : kiosk::ui::DecodeUtf8(text)) desk.OnChar(c);
}

std::vector<std::string> Names(const DeskController& desk) {
  std::vector<std::string> names;
  for (const auto& hit : desk.State().hits) names.push_back(hit.registrant.first_name);
  return names;
}

CheckinEvent EventAt(std::string code, std::string desk, Instant at) {
  CheckinEvent event;
  event.uuid = kiosk::NewUuid();
  event.order_code = std::move(code);
  event.desk = std::move(desk);
  event.at = std::chrono::time_point_cast<std::chrono::milliseconds>(at);
  event.kind = CheckinKind::In;
  return event;
}

}  // namespace

TEST_CASE("desk: typing elo lists Élodie - one character lists nobody and shows the hint") {
  Fixture f;
  DeskController desk = f.Desk();
  CHECK(desk.State().lock == DeskLock::NoPin);
  Type(desk, "e");
  CHECK(desk.State().hits.empty());
  CHECK(desk.View().hint.fr.find("Tapez un nom") != std::string::npos);
  Type(desk, "lo");
  const std::vector<std::string> names = Names(desk);
  REQUIRE_FALSE(names.empty());
  CHECK(std::find(names.begin(), names.end(), "Élodie") != names.end());
  const kiosk::ui::CheckinViewModel vm = desk.View();
  CHECK(vm.hint.fr.empty());
  REQUIRE_FALSE(vm.rows.empty());
  CHECK(vm.rows[0].selected);
  bool found = false;
  for (const auto& row : vm.rows) found = found || row.name == "DUPONT-LEFÈVRE Élodie";
  CHECK(found);
  CHECK(vm.warning_line.en == "No staff PIN set");
  CHECK(vm.hub_line.en == "standalone desk");
}

TEST_CASE("desk: a scanned order code checks in at once - a second scan warns with the time and desk") {
  Fixture f;
  DeskController desk = f.Desk();
  Type(desk, "k7q2a");
  desk.OnEnter();
  REQUIRE(desk.State().outcome.kind == DeskOutcome::Kind::CheckedIn);
  {
    RegistrantStore other(f.people);
    const kiosk::CheckinStatus status = other.Status("K7Q2A");
    REQUIRE(status.checked_in);
    CHECK(status.first->desk == "A");
    CHECK(status.first->at == std::chrono::time_point_cast<std::chrono::milliseconds>(kTen02));
  }
  kiosk::ui::CheckinViewModel vm = desk.View();
  CHECK(vm.outcome.tone == kiosk::ui::CheckinOutcomeView::Tone::Success);
  CHECK(vm.outcome.name == "DUPONT-LEFÈVRE Élodie");
  CHECK(vm.outcome.organisation == "Ville de Lyon");
  CHECK(vm.outcome.category == "élu·e");
  REQUIRE(vm.outcome.programme.size() == 2);
  CHECK(vm.outcome.programme[0].when == "mer. 8 juil. · 14:00–15:30");
  CHECK(vm.outcome.programme[1].place == "Table 7 (Salon Laplace)");
  CHECK(vm.checked_in == 1);
  CHECK(vm.can_undo);

  // The scanner's next code replaces the field (it never appends to the last one).
  f.clock.Set(kTen02 + 2s);
  Type(desk, "K7Q2A");
  CHECK(desk.State().query == "K7Q2A");
  desk.OnEnter();
  REQUIRE(desk.State().outcome.kind == DeskOutcome::Kind::AlreadyCheckedIn);
  vm = desk.View();
  CHECK(vm.outcome.tone == kiosk::ui::CheckinOutcomeView::Tone::Warning);
  REQUIRE(vm.outcome.details.size() >= 1);
  CHECK(vm.outcome.details[0].fr == "Déjà enregistré·e à 10:02 au poste A");
  CHECK(vm.outcome.details[0].en == "Already checked in at 10:02 at desk A");
  CHECK(RegistrantStore(f.people).Events().size() == 1);

  // After 5 s the panel and the field clear for the next person.
  f.clock.Set(kTen02 + 8s);
  CHECK(desk.Tick());
  CHECK(desk.State().outcome.kind == DeskOutcome::Kind::None);
  CHECK(desk.State().query.empty());
}

TEST_CASE("desk: Enter checks in the selected result, a click checks in its row, unknown codes are red") {
  Fixture f;
  DeskController desk = f.Desk();
  Type(desk, "ville");
  REQUIRE(desk.State().hits.size() >= 2);
  desk.OnMoveSelection(+1);
  CHECK(desk.State().selected == 1);
  const std::string second = desk.State().hits[1].registrant.order_code;
  desk.OnEnter();
  REQUIRE(desk.State().outcome.kind == DeskOutcome::Kind::CheckedIn);
  CHECK(desk.State().outcome.registrant->order_code == second);

  desk.OnEscape();
  Type(desk, "lemoine");
  REQUIRE(desk.State().hits.size() == 1);
  desk.OnClick(0);
  CHECK(desk.State().outcome.kind == DeskOutcome::Kind::CheckedIn);
  CHECK(RegistrantStore(f.people).Status("A1B2C").checked_in);

  desk.OnEscape();
  Type(desk, "QQ77X\n");
  desk.OnEnter();
  CHECK(desk.State().outcome.kind == DeskOutcome::Kind::UnknownCode);
  CHECK(desk.View().outcome.headline.en == "Unknown code");
  CHECK(desk.View().outcome.tone == kiosk::ui::CheckinOutcomeView::Tone::Error);
}

TEST_CASE("desk: undo cancels the desk's last check-in, once") {
  Fixture f;
  DeskController desk = f.Desk();
  Type(desk, "K7Q2A");
  desk.OnEnter();
  REQUIRE(desk.State().outcome.kind == DeskOutcome::Kind::CheckedIn);
  f.clock.Set(kTen02 + 3s);
  desk.Undo();
  CHECK(desk.State().outcome.kind == DeskOutcome::Kind::Undone);
  CHECK(desk.View().outcome.name == "DUPONT-LEFÈVRE Élodie");
  CHECK_FALSE(desk.State().can_undo);
  CHECK_FALSE(RegistrantStore(f.people).Status("K7Q2A").checked_in);
  CHECK(desk.View().checked_in == 0);
  desk.Undo();
  CHECK(desk.State().outcome.kind == DeskOutcome::Kind::NothingToUndo);
  // Checked in again after the undo: a new check-in, not a warning.
  Type(desk, "K7Q2A");
  desk.OnEnter();
  CHECK(desk.State().outcome.kind == DeskOutcome::Kind::CheckedIn);
}

TEST_CASE("desk: a withdrawn registrant is shown as not in the latest list") {
  Fixture f;
  DeskController desk = f.Desk();
  Type(desk, "W1THD");
  desk.OnEnter();
  REQUIRE(desk.State().outcome.registrant);
  CHECK(desk.State().outcome.withdrawn);
  bool said = false;
  for (const auto& line : desk.View().outcome.details) said = said || line.en == "not in the latest list";
  CHECK(said);
}

TEST_CASE("desk: staff PIN locks, unlocks, relocks after 2 minutes idle, and slows down after 5 wrong tries") {
  Fixture f;
  RegistrantStore(f.people).SetPin("2468");
  DeskController desk = f.Desk();
  CHECK(desk.Locked());
  CHECK(desk.View().locked);
  Type(desk, "elo");  // goes to the PIN, not the search
  CHECK(desk.State().query.empty());
  CHECK(desk.State().pin_digits == 0);  // letters are not PIN digits
  desk.OnEnter();                       // ... and their Enter is no try
  CHECK(desk.State().pin_message.en == "Desk locked: staff PIN");
  Type(desk, "1357");
  CHECK(desk.State().pin_digits == 4);
  desk.OnEnter();
  CHECK(desk.Locked());
  CHECK(desk.State().pin_message.en == "Wrong PIN");
  Type(desk, "2468");
  desk.OnEnter();
  REQUIRE_FALSE(desk.Locked());
  Type(desk, "elo");
  CHECK_FALSE(desk.State().hits.empty());

  // Activity keeps it open; two minutes without a key lock it and clear the names off the screen.
  f.clock.Set(kTen02 + 100s);
  desk.OnChar(U'd');
  f.clock.Set(kTen02 + 219s);
  desk.Tick();
  CHECK_FALSE(desk.Locked());
  f.clock.Set(kTen02 + 221s);
  desk.Tick();
  CHECK(desk.Locked());
  CHECK(desk.State().hits.empty());
  CHECK(desk.State().query.empty());

  // Five wrong tries: the sixth, even right, waits 30 s.
  for (int i = 0; i < 5; ++i) {
    Type(desk, "0000");
    desk.OnEnter();
  }
  CHECK(desk.State().pin_message.en.find("wait 30 s") != std::string::npos);
  Type(desk, "2468");
  desk.OnEnter();
  CHECK(desk.Locked());
  f.clock.Set(kTen02 + 221s + 31s);
  Type(desk, "2468");
  desk.OnEnter();
  CHECK_FALSE(desk.Locked());
}

TEST_CASE("desk: a check-in merged from desk B shows as already checked in at desk B after the poll") {
  Fixture f;
  DeskController desk = f.Desk();
  Type(desk, "elodie");
  REQUIRE_FALSE(desk.State().hits.empty());
  CHECK_FALSE(desk.State().hits[0].status.checked_in);
  CHECK_FALSE(desk.PollStore());

  // The hub thread (another connection) merges desk B's event at 10:05.
  {
    RegistrantStore hub_side(f.people);
    CHECK(hub_side.MergeEvents({EventAt("K7Q2A", "B", kTen02 + 3min)}) == 1);
  }
  CHECK(desk.PollStore());
  REQUIRE_FALSE(desk.State().hits.empty());
  CHECK(desk.State().hits[0].status.checked_in);
  const kiosk::ui::CheckinViewModel vm = desk.View();
  CHECK(vm.rows[0].status.fr == "Enregistré·e 10:05 · poste B");
  CHECK(vm.checked_in == 1);
  desk.OnEnter();
  REQUIRE(desk.State().outcome.kind == DeskOutcome::Kind::AlreadyCheckedIn);
  CHECK(desk.View().outcome.details.at(0).en == "Already checked in at 10:05 at desk B");

  // Desk C checked her in too while offline: both active check-ins are listed.
  {
    RegistrantStore hub_side(f.people);
    hub_side.MergeEvents({EventAt("K7Q2A", "C", kTen02 + 4min)});
  }
  CHECK(desk.PollStore());
  Type(desk, "K7Q2A");
  desk.OnEnter();
  const kiosk::ui::CheckinViewModel twice = desk.View();
  REQUIRE(twice.outcome.details.size() >= 2);
  CHECK(twice.outcome.headline.en == "Checked in 2 times");
  CHECK(twice.outcome.details[0].en == "Already checked in at 10:05 at desk B");
  CHECK(twice.outcome.details[1].en == "Already checked in at 10:06 at desk C");
}

TEST_CASE("desk: counters overall, by category and by day") {
  Fixture f;
  DeskController desk = f.Desk();
  // Expected: 4 (W1THD withdrawn). July 8: 3 expected (Anh comes on the 9th only); July 9: 4.
  CHECK(desk.State().counts.expected == 4);
  CHECK(desk.State().counts.checked_in == 0);
  Type(desk, "K7Q2A");
  desk.OnEnter();
  Type(desk, "A1B2C");
  desk.OnEnter();
  const kiosk::ui::CheckinViewModel vm = desk.View();
  CHECK(vm.checked_in == 2);
  CHECK(vm.expected == 4);
  std::map<std::string, std::pair<int, int>> categories;
  for (const auto& c : vm.categories) categories[c.label] = {c.checked_in, c.expected};
  CHECK(categories["élu·e"] == std::pair{1, 1});
  CHECK(categories["technicien·ne"] == std::pair{1, 2});
  CHECK(categories["partenaire"] == std::pair{0, 1});
  REQUIRE(vm.days.size() == 2);
  CHECK(vm.days[0].label == "mer. 8 juil.");
  CHECK(vm.days[0].checked_in == 2);
  CHECK(vm.days[0].expected == 3);
  CHECK(vm.days[1].label == "jeu. 9 juil.");
  CHECK(vm.days[1].expected == 4);
}

TEST_CASE("desk: a rehearsal check-in after the event days counts on each day as in the total") {
  // The README's walkthrough on the real clock, months after 8-9 July 2026: the total said 1/4, the days 0/3 0/4.
  Fixture f;
  f.clock.Set(kiosk::ParseIsoInstant("2026-12-07T09:30:00Z", VenueZone("UTC")));
  DeskController desk = f.Desk();
  Type(desk, "K7Q2A");
  desk.OnEnter();
  const kiosk::ui::CheckinViewModel vm = desk.View();
  CHECK(vm.checked_in == 1);
  REQUIRE(vm.days.size() == 2);
  CHECK(vm.days[0].checked_in == 1);  // Élodie is expected on the 8th and on the 9th
  CHECK(vm.days[0].expected == 3);
  CHECK(vm.days[1].checked_in == 1);
  CHECK(vm.days[1].expected == 4);
}

TEST_CASE("desk: the hub status line") {
  Fixture f;
  DeskController desk = f.Desk();
  CHECK(desk.View().hub_line.fr == "Poste autonome");
  kiosk::checkin::DeskSyncState state;
  state.online = false;
  state.pending = 3;
  state.error = "hub unreachable: http://10.0.0.5:8080: Couldn't connect to server";
  state.problem = kiosk::checkin::HubProblem::Unreachable;  // issue 12: the kind crosses as a value
  desk.SetHub(state);
  kiosk::ui::CheckinViewModel vm = desk.View();
  CHECK(vm.hub_problem);
  CHECK(vm.hub_line.fr == "Hub injoignable — 3 en attente");
  CHECK(vm.hub_line.en == "Hub unreachable — 3 pending");
  state = {};
  state.online = true;
  state.last_exchange_ms = std::chrono::duration_cast<std::chrono::milliseconds>(kTen02.time_since_epoch()).count();
  desk.SetHub(state);
  vm = desk.View();
  CHECK_FALSE(vm.hub_problem);
  CHECK(vm.hub_line.fr == "Hub\u00A0: en ligne");
  CHECK(vm.hub_line.en == "online");
}

TEST_CASE("desk: names for the desk, and the --desk-input hook") {
  Registrant r;
  r.first_name = "Thị Ánh";
  r.last_name = "Nguyễn";
  CHECK(kiosk::ui::DeskDisplayName(r) == "NGUYỄN Thị Ánh");
  r.last_name = "Le\xCC\x81vy";  // NFD: e + combining acute
  CHECK(kiosk::ui::DeskDisplayName(r) == "LÉVY Thị Ánh");
  CHECK(kiosk::ui::UpperLatin("ğüşœ ơư đ") == "ĞÜŞŒ ƠƯ Đ");
  using Pieces = std::vector<std::string>;
  CHECK(kiosk::app::SplitDeskInput("K7Q2A\\n") == Pieces{"K7Q2A", "\n"});
  CHECK(kiosk::app::SplitDeskInput("K7Q2A\nelo") == Pieces{"K7Q2A", "\n", "elo"});
  CHECK(kiosk::app::SplitDeskInput("2468\\nK7Q2A\\n") == Pieces{"2468", "\n", "K7Q2A", "\n"});
}

TEST_CASE("desk end to end: kiosk --mode checkin --screenshot with a scanned code") {
  if (kiosk::test::RunCommand("command -v xvfb-run").exit_code != 0 && std::getenv("DISPLAY") == nullptr) {
    MESSAGE("skipped: no DISPLAY and no xvfb-run");
    return;
  }
  Fixture f;
  const std::filesystem::path png = f.dir.Path() / "desk.png";
  std::string command = std::string(KIOSK_PATH) + " --mode checkin --people '" + f.people.string() +
                        "' --desk A --window 1366x768 --screenshot '" + png.string() + "' --desk-input 'K7Q2A\\n'";
  if (std::getenv("DISPLAY") == nullptr) command = "xvfb-run -a -s '-screen 0 1920x1080x24' " + command;
  const kiosk::test::CommandResult run = kiosk::test::RunCommand(command);
  INFO(run.out);
  REQUIRE(run.exit_code == 0);
  REQUIRE(std::filesystem::exists(png));
  int w = 0, h = 0, channels = 0;
  unsigned char* pixels = stbi_load(png.c_str(), &w, &h, &channels, 3);
  REQUIRE(pixels != nullptr);
  CHECK(w == 1366);
  CHECK(h == 768);
  // Not blank: many colours, and the green confirmation panel covers a good part of the right half.
  std::set<unsigned> colours;
  long green = 0;
  for (long i = 0; i < static_cast<long>(w) * h; ++i) {
    const unsigned char* p = pixels + 3 * i;
    colours.insert((p[0] << 16) | (p[1] << 8) | p[2]);
    if (p[0] == 0x2E && p[1] == 0x7D && p[2] == 0x32) ++green;
  }
  stbi_image_free(pixels);
  CHECK(colours.size() > 50);
  CHECK(green > static_cast<long>(w) * h / 10);
  RegistrantStore store(f.people);
  const kiosk::CheckinStatus status = store.Status("K7Q2A");
  REQUIRE(status.checked_in);
  CHECK(status.first->desk == "A");
}

namespace {

void WriteBytes(const std::filesystem::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
}

std::string RandomBytes(std::size_t n) {
  std::string bytes(n, '\0');
  unsigned state = 12345;
  for (char& c : bytes) {
    state = state * 1103515245u + 12345u;
    c = static_cast<char>(state >> 16);
  }
  return bytes;
}

/// Replaces `to` with a copy of `from` as a new file (a new inode, as `cp` to a temporary then `mv` would).
void ReplaceWith(const std::filesystem::path& from, const std::filesystem::path& to) {
  const std::filesystem::path temp = to.string() + ".new";
  std::filesystem::copy_file(from, temp, std::filesystem::copy_options::overwrite_existing);
  std::filesystem::rename(temp, to);
  std::filesystem::remove(to.string() + "-wal");
  std::filesystem::remove(to.string() + "-shm");
}

}  // namespace

TEST_CASE("desk: an unreadable store never throws - its message shows and the desk recovers when the file is good") {
  Fixture f;  // f.people: a good store, to copy in later
  const std::filesystem::path path = f.dir.Path() / "broken.db";

  // Random bytes: not a database.
  WriteBytes(path, RandomBytes(8192));
  DeskController desk(path, "A", f.clock, f.zone);
  CHECK(desk.State().store == kiosk::ui::DeskStore::Unreadable);
  CHECK(desk.State().store_fault == kiosk::ui::DeskStoreFault::Damaged);
  CHECK_FALSE(desk.Usable());
  kiosk::ui::CheckinViewModel vm = desk.View();
  REQUIRE(vm.store_message.shown);
  CHECK(vm.store_message.error);
  CHECK(vm.store_message.path == path.string());
  CHECK(vm.store_message.headline.en == "Registrant store unreadable or damaged");
  bool command = false;
  for (const auto& line : vm.store_message.todo)
    command = command || line.en == "kioskctl registrants import FILE --people " + path.string();
  CHECK(command);
  CHECK(vm.store_message.retry.en == "The desk tries again every 3 s");
  Type(desk, "elo");  // keys do nothing on the message screen
  desk.OnEnter();
  CHECK(desk.State().query.empty());
  CHECK(desk.State().outcome.kind == DeskOutcome::Kind::None);
  CHECK_FALSE(desk.Tick(250ms, 0ms));  // tried again: the same problem, nothing new to draw

  // A schedule store given as --people: an SQLite file, but not a registrant store.
  std::filesystem::remove(path);
  { kiosk::ScheduleStore schedule(path); }
  CHECK(desk.PollStore());
  CHECK(desk.State().store == kiosk::ui::DeskStore::Unreadable);
  CHECK(desk.State().store_fault == kiosk::ui::DeskStoreFault::NotRegistrant);
  CHECK(desk.View().store_message.headline.en == "This is not a registrant store");
  CHECK(desk.State().store_problem.find("is not a registrant store") != std::string::npos);

  // A truncated registrant store (its first page only).
  std::filesystem::remove(path);
  std::filesystem::copy_file(f.people, path);
  std::filesystem::resize_file(path, 4096);
  CHECK(desk.PollStore());
  CHECK(desk.State().store == kiosk::ui::DeskStore::Unreadable);

  // The good store copied in: the desk is back by itself, without a restart.
  ReplaceWith(f.people, path);
  CHECK(desk.Tick(250ms, 0ms));
  REQUIRE(desk.State().store == kiosk::ui::DeskStore::Ready);
  CHECK_FALSE(desk.View().store_message.shown);
  CHECK(desk.State().store_problem.empty());
  CHECK(desk.View().expected == 4);
  Type(desk, "elo");
  CHECK_FALSE(desk.State().hits.empty());

  // Replaced by random bytes while the desk runs: the message again, then back again.
  desk.OnEscape();
  const std::filesystem::path junk = f.dir.Path() / "junk.bin";
  WriteBytes(junk, RandomBytes(16384));
  ReplaceWith(junk, path);
  CHECK(desk.PollStore());
  CHECK(desk.State().store == kiosk::ui::DeskStore::Unreadable);
  CHECK(desk.State().hits.empty());
  ReplaceWith(f.people, path);
  CHECK(desk.PollStore());
  CHECK(desk.State().store == kiosk::ui::DeskStore::Ready);
  Type(desk, "K7Q2A");
  desk.OnEnter();
  CHECK(desk.State().outcome.kind == DeskOutcome::Kind::CheckedIn);
}

TEST_CASE("desk: a missing store is not created without a hub - it says so, and opens once a list is imported") {
  Fixture f;
  const std::filesystem::path path = f.dir.Path() / "sub" / "people.db";
  DeskController desk(path, "A", f.clock, f.zone);
  CHECK(desk.State().store == kiosk::ui::DeskStore::Missing);
  CHECK_FALSE(std::filesystem::exists(path));
  CHECK_FALSE(std::filesystem::exists(path.parent_path()));
  const kiosk::ui::CheckinViewModel vm = desk.View();
  REQUIRE(vm.store_message.shown);
  CHECK(vm.store_message.headline.fr == "Aucun fichier d’inscrits");
  CHECK(vm.store_message.headline.en == "No registrant store");
  CHECK(vm.store_message.path == path.string());
  REQUIRE(vm.store_message.todo.size() == 2);
  CHECK(vm.store_message.todo[1].fr == "kioskctl registrants import FICHIER --people " + path.string());
  CHECK(vm.store_message.todo[1].en == "kioskctl registrants import FILE --people " + path.string());
  CHECK_FALSE(desk.Tick(250ms, 0ms));
  CHECK_FALSE(std::filesystem::exists(path));

  // kioskctl registrants import creates it: the desk opens on its next try.
  {
    RegistrantStore store(path);
    store.Import(People(), "import.csv");
  }
  CHECK(desk.Tick(250ms, 0ms));
  CHECK(desk.State().store == kiosk::ui::DeskStore::Ready);
  CHECK(desk.View().expected == 5);
}

TEST_CASE("desk: an empty store says no registrants yet - with a hub, waiting for the hub's list") {
  Fixture f;
  const std::filesystem::path empty = f.dir.Path() / "empty.db";
  { RegistrantStore store(empty); }
  DeskController desk(empty, "A", f.clock, f.zone);
  CHECK(desk.State().store == kiosk::ui::DeskStore::Empty);
  kiosk::ui::CheckinViewModel vm = desk.View();
  REQUIRE(vm.store_message.shown);
  CHECK_FALSE(vm.store_message.error);
  CHECK(vm.store_message.headline.en == "No registrants yet");
  CHECK(vm.store_message.todo.back().en == "kioskctl registrants import FILE --people " + empty.string());
  Type(desk, "elo");
  CHECK(desk.State().query.empty());

  // An import from another process: the next poll opens the desk.
  RegistrantStore(empty).Import(People(), "import.csv");
  CHECK(desk.PollStore());
  CHECK(desk.State().store == kiosk::ui::DeskStore::Ready);
  Type(desk, "elo");
  CHECK_FALSE(desk.State().hits.empty());

  // A desk with a hub creates its missing store and waits for the hub's list.
  const std::filesystem::path hub_side = f.dir.Path() / "hub-desk.db";
  DeskController hub_desk(hub_side, "B", f.clock, f.zone, /*create_missing=*/true);
  CHECK(std::filesystem::exists(hub_side));
  hub_desk.SetHub(kiosk::checkin::DeskSyncState{});
  CHECK(hub_desk.State().store == kiosk::ui::DeskStore::Empty);
  vm = hub_desk.View();
  REQUIRE(vm.store_message.shown);
  CHECK(vm.store_message.headline.fr == "En attente de la liste du hub");
  CHECK(vm.store_message.headline.en == "Waiting for the hub’s list");
  RegistrantStore(hub_side).Import(People(), "hub");
  CHECK(hub_desk.PollStore());
  CHECK_FALSE(hub_desk.View().store_message.shown);
}

TEST_CASE("desk: a badge scanned at a locked desk costs no PIN try") {
  Fixture f;
  RegistrantStore(f.people).SetPin("2468");
  DeskController desk = f.Desk();
  REQUIRE(desk.Locked());
  for (int i = 0; i < 6; ++i) {
    Type(desk, "K7Q2A");
    desk.OnEnter();
    CHECK(desk.State().pin_digits == 0);
    CHECK(desk.State().pin_message.en == "Desk locked: staff PIN");
    CHECK(desk.State().pin_message.fr == "Poste verrouillé : code PIN du personnel");
  }
  // Six scans later the right PIN still opens at once (no 30 s wait).
  Type(desk, "2468");
  desk.OnEnter();
  CHECK_FALSE(desk.Locked());
}

TEST_CASE("desk: an earlier day's check-in names the day") {
  const VenueZone paris("Europe/Paris");
  const CheckinEvent event = EventAt("K7Q2A", "A", kTen02);
  const kiosk::Day july9 = date::year{2026} / 7 / 9;
  const kiosk::ui::Bilingual line = kiosk::ui::AlreadyCheckedInLine(event, paris, july9);
  CHECK(line.fr == "Déjà enregistré·e le 08/07 à 10:02 au poste A");
  CHECK(line.en == "Already checked in on 08/07 at 10:02 at desk A");
  const kiosk::ui::Bilingual today = kiosk::ui::AlreadyCheckedInLine(event, paris, date::year{2026} / 7 / 8);
  CHECK(today.en == "Already checked in at 10:02 at desk A");
}

TEST_CASE("desk end to end: --now is refused, and a missing store's message screen renders (exit 0)") {
  kiosk::test::TempDir dir;
  const std::filesystem::path people = dir.Path() / "none.db";
  const kiosk::test::CommandResult refused = kiosk::test::RunCommand(
      std::string(KIOSK_PATH) + " --mode checkin --people '" + people.string() + "' --now 2026-07-08T10:00");
  INFO(refused.out);
  CHECK(refused.exit_code == 2);
  CHECK(refused.out.find("--now") != std::string::npos);
  if (kiosk::test::RunCommand("command -v xvfb-run").exit_code != 0 && std::getenv("DISPLAY") == nullptr) {
    MESSAGE("skipped: no DISPLAY and no xvfb-run");
    return;
  }
  const std::filesystem::path png = dir.Path() / "missing.png";
  std::string command = std::string(KIOSK_PATH) + " --mode checkin --people '" + people.string() +
                        "' --desk A --window 1366x768 --screenshot '" + png.string() + "' --desk-input 'elo'";
  if (std::getenv("DISPLAY") == nullptr) command = "xvfb-run -a -s '-screen 0 1920x1080x24' " + command;
  const kiosk::test::CommandResult run = kiosk::test::RunCommand(command);
  INFO(run.out);
  REQUIRE(run.exit_code == 0);
  CHECK(run.out.find("no registrant store at " + people.string()) != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(people));
  int w = 0, h = 0, channels = 0;
  unsigned char* pixels = stbi_load(png.c_str(), &w, &h, &channels, 3);
  REQUIRE(pixels != nullptr);
  long red = 0;
  std::set<unsigned> colours;
  for (long i = 0; i < static_cast<long>(w) * h; ++i) {
    const unsigned char* p = pixels + 3 * i;
    colours.insert((p[0] << 16) | (p[1] << 8) | p[2]);
    if (p[0] == 0xC6 && p[1] == 0x28 && p[2] == 0x28) ++red;  // the message's red band
  }
  stbi_image_free(pixels);
  CHECK(colours.size() > 20);
  CHECK(red > 100);
}

TEST_CASE("desk: a scanned order code of several tickets checks no one in until staff pick the person") {
  kiosk::test::TempDir dir;
  const std::filesystem::path people = dir.Path() / "registrants.db";
  {
    RegistrantStore store(people);
    store.Import({Person("ABC12-KQ3F", "Marie", "Dubois", "Ville de Lyon", "élu·e"),
                  Person("ABC12-ZT7P", "Paul", "Le Gall", "Ville de Lyon", "technicien·ne"),
                  Person("ABC12-M8RX", "Sophie", "Martin", "Ville de Lyon", "technicien·ne")},
                 "pretix.csv");
  }
  FixedClock clock{kTen02};
  DeskController desk(people, "A", clock, VenueZone("Europe/Paris"));
  Type(desk, "ABC12");
  desk.OnEnter();
  CHECK(desk.State().hits.size() == 3);
  CHECK(desk.State().outcome.kind == DeskOutcome::Kind::PickOne);
  {
    RegistrantStore store(people, RegistrantStore::Mode::ReadOnly);
    CHECK(store.Events().empty());
  }
  clock.Set(kTen02 + std::chrono::seconds(30));  // staff take their time: the choice stays on screen
  desk.Tick();
  CHECK(desk.State().outcome.kind == DeskOutcome::Kind::PickOne);
  desk.OnMoveSelection(1);
  const std::string chosen = desk.State().hits[1].registrant.order_code;
  desk.OnEnter();
  CHECK(desk.State().outcome.kind == DeskOutcome::Kind::CheckedIn);
  RegistrantStore store(people, RegistrantStore::Mode::ReadOnly);
  REQUIRE(store.Events().size() == 1);
  CHECK(store.Events()[0].order_code == chosen);
}

TEST_CASE(
    "desk: after a pick-one list the next scan starts afresh, and an all-digit badge at a locked desk costs no PIN "
    "try") {
  kiosk::test::TempDir dir;
  const std::filesystem::path people = dir.Path() / "registrants.db";
  {
    RegistrantStore store(people);
    store.Import({Person("QQ7AB-KQ3F", "Marie", "Dubois", "Ville de Lyon", "élu·e"),
                  Person("QQ7AB-ZT7P", "Paul", "Le Gall", "Ville de Lyon", "technicien·ne"),
                  Person("RR8CD", "Awa", "Diop", "Ville de Dakar", "presse"),
                  Person("18441583423", "Jane", "Doe", "Company1Name", "General Admission")},
                 "mixed.csv");
  }
  FixedClock clock{kTen02};
  DeskController desk(people, "A", clock, VenueZone("Europe/Paris"));
  Type(desk, "QQ7AB");
  desk.OnEnter();
  CHECK(desk.State().outcome.kind == DeskOutcome::Kind::PickOne);
  Type(desk, "RR8CD");  // the next person's badge
  CHECK(desk.State().query == "RR8CD");
  desk.OnEnter();
  CHECK(desk.State().outcome.kind == DeskOutcome::Kind::CheckedIn);
  REQUIRE(desk.State().outcome.registrant);
  CHECK(desk.State().outcome.registrant->order_code == "RR8CD");

  {
    RegistrantStore store(people);
    store.SetPin("4821");
  }
  DeskController locked(people, "B", clock, VenueZone("Europe/Paris"));
  REQUIRE(locked.Locked());
  for (int i = 0; i < 6; ++i) {  // six Eventbrite badges (11 digits, a registrant's code): no try is counted
    Type(locked, "18441583423");
    locked.OnEnter();
  }
  Type(locked, "4821");
  locked.OnEnter();
  CHECK(!locked.Locked());
}

// Issue 12: the desk's store work runs on the DeskWorker's thread; the frame thread posts keys and takes snapshots.
TEST_CASE("desk worker: keys posted from the frame thread come back as a snapshot with the check-in") {
  Fixture f;
  kiosk::checkin::DeskWorker worker(f.people, "A", f.clock, f.zone, false, nullptr, 20ms);
  const kiosk::checkin::DeskSnapshot first = worker.WaitForSnapshot(0);
  CHECK(first.usable);
  CHECK(first.registrant_revision == 2);
  REQUIRE(first.glyph_text.has_value());
  CHECK(first.glyph_text->find("Élodie") != std::string::npos);
  const std::thread::id frame_thread = std::this_thread::get_id();
  std::uint64_t last = 0;
  for (char c : std::string("k7q2a")) last = worker.Post({.kind = kiosk::checkin::DeskInput::Kind::Char, .c = c});
  last = worker.Post({.kind = kiosk::checkin::DeskInput::Kind::Enter});
  const kiosk::checkin::DeskSnapshot after = worker.WaitForSnapshot(last);
  CHECK(after.applied == last);
  CHECK(after.state.outcome.kind == DeskOutcome::Kind::CheckedIn);
  REQUIRE(after.state.outcome.registrant.has_value());
  CHECK(after.state.outcome.registrant->first_name == "Élodie");
  CHECK(after.state.can_undo);
  CHECK(std::this_thread::get_id() == frame_thread);
  CHECK(RegistrantStore(f.people).Status("K7Q2A").checked_in);
  // An undo posted the same way.
  last = worker.Post({.kind = kiosk::checkin::DeskInput::Kind::Undo});
  CHECK(worker.WaitForSnapshot(last).state.outcome.kind == DeskOutcome::Kind::Undone);
  CHECK_FALSE(RegistrantStore(f.people).Status("K7Q2A").checked_in);
}

// Review of issue 12: a badge scanned (its code and Enter queued) just before the desk closes is still checked in, as
// it was when the window applied keys itself. The worker is held in its wake call while the keys are posted and the
// worker destroyed.
TEST_CASE("desk worker: keys queued when the desk closes are applied before the worker ends") {
  Fixture f;
  std::atomic<bool> hold{false}, held{false};
  {
    kiosk::checkin::DeskWorker worker(
        f.people, "A", f.clock, f.zone, false,
        [&] {
          if (!hold.exchange(false)) return;
          held = true;
          std::this_thread::sleep_for(300ms);
        },
        1h);
    worker.WaitForSnapshot(0);
    hold = true;
    worker.Post({.kind = kiosk::checkin::DeskInput::Kind::Escape});  // the worker publishes it, then sleeps in wake
    while (!held) std::this_thread::yield();
    for (char c : std::string("k7q2a")) worker.Post({.kind = kiosk::checkin::DeskInput::Kind::Char, .c = c});
    worker.Post({.kind = kiosk::checkin::DeskInput::Kind::Enter});
  }
  CHECK(RegistrantStore(f.people).Status("K7Q2A").checked_in);
}

// Issue 12: a run of keys the worker takes at once searches once, and ends where the same keys one by one end.
TEST_CASE("desk: a run of typed characters ends as the same keys typed one by one") {
  Fixture f;
  DeskController one_by_one = f.Desk();
  DeskController at_once = f.Desk("B");
  Type(one_by_one, "elo");
  at_once.OnText(kiosk::ui::DecodeUtf8("elo"));
  CHECK(at_once.State().query == one_by_one.State().query);
  CHECK(Names(at_once) == Names(one_by_one));
  const std::vector<std::string> names = Names(at_once);
  CHECK(std::find(names.begin(), names.end(), "Élodie") != names.end());
  one_by_one.OnEnter();
  at_once.OnEnter();
  // After an outcome the next run starts afresh, as a scanner's next code does.
  at_once.OnText(kiosk::ui::DecodeUtf8("N8GUY"));
  CHECK(at_once.State().query == "N8GUY");
}

// ---- Issue 12: the desk's transitions as the pure Apply(model, event), without a store ----

namespace {

namespace ev = kiosk::checkin::desk_event;
namespace fx = kiosk::checkin::desk_effect;
using kiosk::checkin::DeskEffect;
using kiosk::checkin::DeskEvent;
using kiosk::checkin::DeskModel;
using kiosk::checkin::DeskStep;

/// A desk whose store is open, with registrants, no PIN.
DeskModel OpenDesk() {
  DeskModel model;
  model.view.desk = "A";
  model.store_open = true;
  model.view.store = kiosk::ui::DeskStore::Ready;
  model.view.lock = DeskLock::NoPin;
  return model;
}

DeskStep Step(const DeskModel& model, DeskEvent::What what, Instant at = kTen02) {
  return kiosk::checkin::Apply(model, DeskEvent{std::move(what), at});
}

kiosk::ui::DeskHit Hit(std::string code, std::string first) {
  return {Person(std::move(code), std::move(first), "X", "", ""), {}, false};
}

}  // namespace

TEST_CASE("desk apply: typing asks for a search from 2 characters and takes only the answer for the field") {
  DeskStep one = Step(OpenDesk(), ev::Typed{U"e"}, kTen02 + 1s);
  CHECK(one.model.view.query == "e");
  CHECK(one.effects.empty());
  CHECK(one.model.last_activity == kTen02 + 1s);
  DeskStep two = Step(one.model, ev::Typed{U"l\x01"});  // a control character is ignored
  CHECK(two.model.view.query == "el");
  REQUIRE(two.effects.size() == 1);
  const auto* search = std::get_if<fx::Search>(&two.effects[0]);
  REQUIRE(search != nullptr);
  CHECK(search->query == "el");
  CHECK_FALSE(search->keep_selection);
  // An answer for an older field is dropped; the answer for "el" is shown.
  DeskStep stale = Step(two.model, ev::SearchDone{"e", {Hit("A1", "Ann")}, false});
  CHECK(stale.model.view.hits.empty());
  DeskStep done = Step(two.model, ev::SearchDone{"el", {Hit("A1", "Ann"), Hit("B2", "Bob")}, false});
  REQUIRE(done.model.view.hits.size() == 2);
  CHECK(done.model.view.selected == 0);
  // ↓ then a refresh that reorders: the selection stays on Bob.
  DeskStep down = Step(done.model, ev::Move{+1});
  CHECK(down.model.view.selected == 1);
  CHECK(down.model.selection_chosen);
  DeskStep refreshed = Step(down.model, ev::SearchDone{"el", {Hit("B2", "Bob"), Hit("A1", "Ann")}, true});
  CHECK(refreshed.model.view.selected == 0);
  CHECK(refreshed.model.view.hits[0].registrant.first_name == "Bob");
}

TEST_CASE("desk apply: Enter looks the code up, checks in, then asks for the refresh") {
  DeskModel model = OpenDesk();
  model.view.query = " K7Q2A ";
  DeskStep enter = Step(model, ev::Enter{});
  REQUIRE(enter.effects.size() == 1);
  const auto* find = std::get_if<fx::FindCode>(&enter.effects[0]);
  REQUIRE(find != nullptr);
  CHECK(find->code == "K7Q2A");
  CHECK(find->trimmed == "K7Q2A");
  DeskStep found = Step(enter.model, ev::CodeFound{"K7Q2A", std::string("K7Q2A")});
  REQUIRE(found.effects.size() == 1);
  CHECK(std::get<fx::CheckIn>(found.effects[0]).order_code == "K7Q2A");
  DeskOutcome outcome;
  outcome.kind = DeskOutcome::Kind::CheckedIn;
  outcome.text = "K7Q2A";
  DeskStep in = Step(found.model, ev::CheckedIn{outcome, "uuid-1"}, kTen02 + 2s);
  CHECK(in.model.view.outcome.kind == DeskOutcome::Kind::CheckedIn);
  CHECK(in.model.outcome_at == kTen02 + 2s);
  CHECK(in.model.query_spent);
  CHECK(in.model.last_in == "uuid-1");
  CHECK(in.model.view.can_undo);
  REQUIRE(in.effects.size() == 2);
  CHECK(std::get<fx::Search>(in.effects[0]).query == " K7Q2A ");
  CHECK(std::get<fx::Search>(in.effects[0]).keep_selection);
  CHECK(std::holds_alternative<fx::Count>(in.effects[1]));
  // Enter again on the outcome shown: nothing.
  CHECK(Step(in.model, ev::Enter{}).effects.empty());
  // The panel clears after 5 s, not before.
  CHECK(Step(in.model, ev::Tick{}, kTen02 + 6s).model.view.outcome.kind == DeskOutcome::Kind::CheckedIn);
  DeskStep later = Step(in.model, ev::Tick{}, kTen02 + 7s);
  CHECK(later.model.view.outcome.kind == DeskOutcome::Kind::None);
  CHECK(later.model.view.query.empty());
  CHECK_FALSE(later.model.query_spent);
  // Undo asks the store to cancel uuid-1; its answer clears what Undo would cancel.
  DeskStep undo = Step(in.model, ev::UndoPressed{});
  REQUIRE(undo.effects.size() == 1);
  CHECK(std::get<fx::Undo>(undo.effects[0]).event_uuid == "uuid-1");
  DeskOutcome undone;
  undone.kind = DeskOutcome::Kind::Undone;
  DeskStep after = Step(undo.model, ev::Undone{undone});
  CHECK(after.model.last_in.empty());
  CHECK_FALSE(after.model.view.can_undo);
  CHECK(after.model.view.outcome.kind == DeskOutcome::Kind::Undone);
  // A second undo: nothing to undo, and no store call.
  DeskStep again = Step(after.model, ev::UndoPressed{});
  CHECK(again.effects.empty());
  CHECK(again.model.view.outcome.kind == DeskOutcome::Kind::NothingToUndo);
}

TEST_CASE("desk apply: a code of several tickets asks to pick, a name nobody has says no match") {
  DeskModel model = OpenDesk();
  model.view.query = "ORD42";
  model.view.hits = {Hit("ORD42-1", "Ann"), Hit("ORD42-2", "Bob")};
  DeskStep pick = Step(model, ev::CodeFound{"ORD42", std::nullopt});
  CHECK(pick.effects.empty());
  CHECK(pick.model.view.outcome.kind == DeskOutcome::Kind::PickOne);
  CHECK(pick.model.view.outcome.text == "ORD42");
  // A pick waits for staff: no tick clears it.
  CHECK(Step(pick.model, ev::Tick{}, kTen02 + 60s).model.view.outcome.kind == DeskOutcome::Kind::PickOne);
  // ↓ and Enter: the second ticket is checked in.
  DeskStep down = Step(pick.model, ev::Move{+1});
  DeskStep enter = Step(down.model, ev::Enter{});
  REQUIRE(enter.effects.size() == 1);
  CHECK(std::get<fx::FindCode>(enter.effects[0]).trimmed == "ORD42");
  DeskStep chosen = Step(enter.model, ev::CodeFound{"ORD42", std::nullopt});
  REQUIRE(chosen.effects.size() == 1);
  CHECK(std::get<fx::CheckIn>(chosen.effects[0]).order_code == "ORD42-2");
  DeskModel nobody = OpenDesk();
  nobody.view.query = "Zorglub";
  DeskStep none = Step(nobody, ev::CodeFound{"Zorglub", std::nullopt});
  CHECK(none.model.view.outcome.kind == DeskOutcome::Kind::NoMatch);
  nobody.view.query = "ZZ000";
  CHECK(Step(nobody, ev::CodeFound{"ZZ000", std::nullopt}).model.view.outcome.kind == DeskOutcome::Kind::UnknownCode);
}

TEST_CASE("desk apply: the PIN screen - wrong PINs, the wait after 5, a badge costs no try, the idle lock") {
  DeskModel model = OpenDesk();
  model.view.lock = DeskLock::Locked;
  DeskStep typed = Step(model, ev::Typed{U"1234"});
  CHECK(typed.model.view.pin_digits == 4);
  CHECK(typed.model.view.query.empty());
  DeskStep enter = Step(typed.model, ev::Enter{});
  REQUIRE(enter.effects.size() == 1);
  CHECK(std::get<fx::CheckPin>(enter.effects[0]).pin == "1234");
  CHECK(enter.model.view.pin_digits == 0);
  DeskModel wrong = enter.model;
  for (int i = 0; i < 5; ++i) wrong = Step(wrong, ev::PinChecked{false}).model;
  CHECK(wrong.pin_failures == 5);
  CHECK(wrong.pin_blocked_until == kTen02 + 30s);
  CHECK(wrong.view.pin_message.en == "Wrong PIN: wait 30 s");
  // During the wait a PIN is not even checked.
  DeskStep blocked = Step(Step(wrong, ev::Typed{U"1234"}, kTen02 + 10s).model, ev::Enter{}, kTen02 + 10s);
  CHECK(blocked.effects.empty());
  CHECK(blocked.model.view.pin_message.en == "Too many tries: wait 20 s");
  // The right PIN unlocks and asks for the counters.
  DeskStep ok = Step(enter.model, ev::PinChecked{true});
  CHECK(ok.model.view.lock == DeskLock::Unlocked);
  CHECK(ok.model.pin_failures == 0);
  REQUIRE(ok.effects.size() == 1);
  CHECK(std::holds_alternative<fx::Count>(ok.effects[0]));
  // A badge of 11 digits at the locked desk: looked up, it is a registrant's code, no try counted.
  DeskStep badge = Step(Step(model, ev::Typed{U"12345678901"}).model, ev::Enter{});
  REQUIRE(badge.effects.size() == 1);
  CHECK(std::get<fx::FindPinCode>(badge.effects[0]).pin == "12345678901");
  DeskStep is_code = Step(badge.model, ev::PinCodeFound{"12345678901", true});
  CHECK(is_code.effects.empty());
  CHECK(is_code.model.pin_failures == 0);
  CHECK(is_code.model.view.pin_message.en == "Desk locked: staff PIN");
  // Unlocked and idle for 2 minutes: locked again, the field emptied.
  DeskModel idle = ok.model;
  idle.view.query = "Élodie";
  CHECK(Step(idle, ev::Tick{}, kTen02 + 119s).model.view.lock == DeskLock::Unlocked);
  DeskStep relocked = Step(idle, ev::Tick{}, kTen02 + 120s);
  CHECK(relocked.model.view.lock == DeskLock::Locked);
  CHECK(relocked.model.view.query.empty());
}

TEST_CASE("desk apply: the store lost, opened and changed, and the hub status") {
  DeskModel model = OpenDesk();
  model.view.query = "Élodie";
  model.view.hits = {Hit("K7Q2A", "Élodie")};
  DeskStep lost =
      Step(model, ev::StoreLost{kiosk::ui::DeskStore::Unreadable, kiosk::ui::DeskStoreFault::Io, "disk I/O error"});
  CHECK_FALSE(lost.model.Usable());
  CHECK(lost.model.view.store_fault == kiosk::ui::DeskStoreFault::Io);
  CHECK(lost.model.view.store_problem == "disk I/O error");
  CHECK(lost.model.view.query.empty());
  CHECK(lost.model.view.hits.empty());
  // Keys do nothing without a store.
  CHECK(Step(lost.model, ev::Typed{U"el"}).model.view.query.empty());
  // Opened again, with a PIN now: locked, only the counters asked for.
  DeskStep opened = Step(lost.model, ev::StoreOpened{true, 3});
  CHECK(opened.model.Usable());
  CHECK(opened.model.view.lock == DeskLock::Locked);
  CHECK(opened.model.view.store_problem.empty());
  REQUIRE(opened.effects.size() == 1);
  CHECK(std::holds_alternative<fx::Count>(opened.effects[0]));
  // The PIN cleared with kioskctl while the desk runs: open again; no registrant left: Empty.
  DeskStep changed = Step(opened.model, ev::StoreChanged{false, 0});
  CHECK(changed.model.view.lock == DeskLock::NoPin);
  CHECK(changed.model.view.store == kiosk::ui::DeskStore::Empty);
  kiosk::checkin::DeskSyncState hub;
  hub.online = false;
  hub.problem = kiosk::checkin::HubProblem::TokenRefused;
  hub.pending = 4;
  DeskStep status = Step(model, ev::HubChanged{hub});
  CHECK(status.model.view.hub.configured);
  CHECK(status.model.view.hub.problem == kiosk::ui::DeskHubStatus::Problem::TokenRefused);
  CHECK(status.model.view.hub.pending == 4);
  CHECK_FALSE(Step(status.model, ev::HubChanged{std::nullopt}).model.view.hub.configured);
}

// Issue 12: in the worker's mode, a check-in's outcome is there before the refresh, and a poll that finds nothing
// new asks for no search and no recount.
TEST_CASE("desk: deferred refresh - the outcome first, the list and counters after, nothing on an idle poll") {
  Fixture f;
  DeskController desk = f.Desk();
  desk.SetDeferRefresh(true);
  CHECK_FALSE(desk.RefreshPending());
  CHECK(desk.State().counts.checked_in == 0);
  Type(desk, "elodie");
  REQUIRE(desk.State().hits.size() == 1);  // the field's own search is no refresh: it runs at once
  CHECK_FALSE(desk.RefreshPending());
  desk.OnEnter();
  CHECK(desk.State().outcome.kind == DeskOutcome::Kind::CheckedIn);
  CHECK(desk.RefreshPending());
  CHECK(desk.State().counts.checked_in == 0);           // not yet recounted
  CHECK_FALSE(desk.State().hits[0].status.checked_in);  // not yet searched again
  CHECK(desk.RunDeferred());                            // the search
  CHECK(desk.State().hits[0].status.checked_in);
  CHECK(desk.RunDeferred());  // the counters
  CHECK(desk.State().counts.checked_in == 1);
  CHECK_FALSE(desk.RunDeferred());
  CHECK_FALSE(desk.RefreshPending());
  // A poll with nothing committed elsewhere: no refresh asked for.
  CHECK_FALSE(desk.PollStore());
  CHECK_FALSE(desk.RefreshPending());
  // Another connection's commit: one refresh asked for, the counters follow.
  {
    RegistrantStore hub_side(f.people);
    CHECK(hub_side.MergeEvents({EventAt("N8GUY", "B", kTen02 + 3min)}) == 1);
  }
  CHECK(desk.PollStore());
  CHECK(desk.RefreshPending());
  desk.SetDeferRefresh(false);  // runs what is pending
  CHECK_FALSE(desk.RefreshPending());
  CHECK(desk.State().counts.checked_in == 2);
}

namespace {

/// A store at `path` holding what the registrant importer reads from `csv` (invented people).
void ImportCsvInto(const std::filesystem::path& path, const std::string& csv) {
  kiosk::RegistrantImportOptions options;
  options.source_name = "registrants.csv";
  RegistrantStore(path).Import(kiosk::ImportRegistrantsCsv(csv, options).registrants, "registrants.csv");
}

/// Scans `code` at `desk` (the scanner types it and presses Enter) and returns the outcome's kind.
DeskOutcome::Kind Scan(DeskController& desk, std::string_view code) {
  Type(desk, code);
  desk.OnEnter();
  return desk.State().outcome.kind;
}

}  // namespace

TEST_CASE("desk: scanning a pretix ticket's QR code (its Secret) checks the right person in") {
  kiosk::test::TempDir dir;
  const std::filesystem::path people = dir.Path() / "registrants.db";
  ImportCsvInto(people,
                "Order code,Attendee name,E-mail,Product,Secret\n"
                "K7Q2A,Lise Varenne,l.varenne@example.org,Élu·e,k3fq9x2mbz7wq4rt\n"
                "ABC12,Noé Castellane,n.castellane@example.fr,Presse,p8xk2mq7vzt3rbw9\n"
                "ABC12,Inès Morvan,i.morvan@example.fr,Presse,t5rq8wz2kmx7vb3p\n");
  FixedClock clock{kTen02};
  DeskController desk(people, "A", clock, VenueZone("Europe/Paris"));
  // The QR code holds the secret as pretix wrote it (lower case); the person is one ticket of a 2-ticket order.
  REQUIRE(Scan(desk, "t5rq8wz2kmx7vb3p") == DeskOutcome::Kind::CheckedIn);
  REQUIRE(desk.State().outcome.registrant);
  CHECK(desk.State().outcome.registrant->first_name == "Inès");
  CHECK(desk.View().outcome.name == "MORVAN Inès");
  RegistrantStore store(people);
  const std::vector<CheckinEvent> events = store.Events();
  REQUIRE(events.size() == 1);
  CHECK(events[0].order_code.starts_with("ABC12-"));
  CHECK(store.Find("t5rq8wz2kmx7vb3p")->registrant.order_code == events[0].order_code);
  CHECK_FALSE(store.Status(store.Find("p8xk2mq7vzt3rbw9")->registrant.order_code).checked_in);
  // The secret scanned again: already checked in, nothing written.
  clock.Set(kTen02 + 2s);
  CHECK(Scan(desk, "T5RQ8WZ2KMX7VB3P") == DeskOutcome::Kind::AlreadyCheckedIn);
  CHECK(store.Events().size() == 1);
}

TEST_CASE("desk: scanning a barcode of a sheet's ticket code column checks the right person in") {
  kiosk::test::TempDir dir;
  const std::filesystem::path people = dir.Path() / "registrants.db";
  ImportCsvInto(people,
                "Code de commande;Prénom;Nom;Code billet\n"
                "R1;Lise;Varenne;4006381333931 | QR-77K2\n"
                "R2;Noé;Castellane;5012345678900\n");
  FixedClock clock{kTen02};
  DeskController desk(people, "A", clock, VenueZone("Europe/Paris"));
  REQUIRE(Scan(desk, "5012345678900") == DeskOutcome::Kind::CheckedIn);
  CHECK(desk.State().outcome.registrant->last_name == "Castellane");
  clock.Set(kTen02 + 8s);
  desk.Tick();
  REQUIRE(Scan(desk, "qr-77k2") == DeskOutcome::Kind::CheckedIn);
  CHECK(desk.State().outcome.registrant->last_name == "Varenne");
  clock.Set(kTen02 + 16s);
  desk.Tick();
  CHECK(Scan(desk, "4006381333931") == DeskOutcome::Kind::AlreadyCheckedIn);
  clock.Set(kTen02 + 18s);
  CHECK(Scan(desk, "9999999999999") == DeskOutcome::Kind::UnknownCode);
  RegistrantStore store(people);
  CHECK(store.Status("R1").checked_in);
  CHECK(store.Status("R2").checked_in);
  CHECK(store.Events().size() == 2);
}

TEST_CASE("desk: an xlsx registrant export with a ticket-code column imports and a scanned code checks in") {
  // A sheet as an organizer exports it: a title row, French headers, the barcode a number cell, the days date
  // cells, a second sheet first in nothing (read by --sheet), and an ods copy of it.
  kiosk::test::Sheet sheet{"Inscrits"};
  sheet.Set(1, 0, "RAICT 2026 - inscriptions");
  sheet.Set(3, 0, "Code de commande").Set(3, 1, "Prénom").Set(3, 2, "Nom").Set(3, 3, "Organisme");
  sheet.Set(3, 4, "Code-barres").Set(3, 5, "Jours");
  sheet.Set(4, 0, "R1").Set(4, 1, "Lise").Set(4, 2, "Varenne").Set(4, 3, "Ville de Brest");
  sheet.SetNumber(4, 4, 4006381333931).SetDate(4, 5, 46211);  // 2026-07-08
  sheet.Set(5, 0, "R2").Set(5, 1, "Noé").Set(5, 2, "Castellane").Set(5, 3, "Ville de Quimper");
  sheet.Set(5, 4, "qr-77k2 | 5012345678900");
  kiosk::test::TempDir dir;
  for (const bool ods : {false, true}) {
    CAPTURE(ods);
    const std::filesystem::path file = dir.Path() / (ods ? "inscrits.ods" : "inscrits.xlsx");
    std::ofstream(file, std::ios::binary) << (ods ? kiosk::test::WriteOds({kiosk::test::Sheet{"Notes"}, sheet})
                                                  : kiosk::test::WriteXlsx({kiosk::test::Sheet{"Notes"}, sheet}));
    kiosk::RegistrantImportOptions options;
    options.table.sheet = "Inscrits";
    const kiosk::RegistrantImportResult result = kiosk::ImportRegistrantsFile(file, options);
    REQUIRE(result.registrants.size() == 2);
    CHECK(result.registrants[0].ticket_codes == std::vector<std::string>{"4006381333931"});
    CHECK(result.registrants[0].days == std::vector<kiosk::Day>{date::year{2026} / 7 / 8});
    CHECK(result.registrants[1].ticket_codes == std::vector<std::string>{"5012345678900", "QR-77K2"});
    const std::filesystem::path people = dir.Path() / (ods ? "ods.db" : "xlsx.db");
    RegistrantStore(people).Import(result.registrants, file.string());
    FixedClock clock{kTen02};
    DeskController desk(people, "A", clock, VenueZone("Europe/Paris"));
    REQUIRE(Scan(desk, "4006381333931") == DeskOutcome::Kind::CheckedIn);
    CHECK(desk.State().outcome.registrant->last_name == "Varenne");
    clock.Set(kTen02 + 8s);
    desk.Tick();
    REQUIRE(Scan(desk, "QR-77K2") == DeskOutcome::Kind::CheckedIn);
    CHECK(desk.State().outcome.registrant->last_name == "Castellane");
    CHECK(RegistrantStore(people).Events().size() == 2);
  }
  // A sheet name not in the workbook is named.
  kiosk::RegistrantImportOptions wrong;
  wrong.table.sheet = "Participants";
  CHECK_THROWS_AS(kiosk::ImportRegistrantsFile(dir.Path() / "inscrits.xlsx", wrong), kiosk::ImportError);
}
