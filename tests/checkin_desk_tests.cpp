// The check-in desk (issue 4 section 3): DeskController over a temporary registrant store with an injected clock
// (search, scan, warnings, undo, PIN, other desks' events, counters), its view model, and `kiosk --mode checkin
// --screenshot` end to end under Xvfb.
#include <doctest/doctest.h>

#include <stb_image.h>

#include <algorithm>
#include <map>
#include <set>

#include "TestSupport.h"
#include "kiosk/app/CheckinDesk.h"
#include "kiosk/core/Clock.h"
#include "kiosk/core/VenueZone.h"
#include "kiosk/store/RegistrantStore.h"
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
using kiosk::app::DeskController;
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

TEST_CASE("desk: the hub status line") {
  Fixture f;
  DeskController desk = f.Desk();
  CHECK(desk.View().hub_line.fr == "Poste autonome");
  kiosk::DeskSyncState state;
  state.online = false;
  state.pending = 3;
  state.error = "hub unreachable: http://10.0.0.5:8080: Couldn't connect to server";
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
