// End to end through the kioskctl binary: registrants generate/import/search/pin, checkin (exit 3 the second time),
// checkins export; bad input exits 2 and writes nothing; a re-import never loses a check-in.
#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <set>

#include <nlohmann/json.hpp>

#include "TestSupport.h"
#include "kiosk/importers/RegistrantImporter.h"
#include "kiosk/store/RegistrantStore.h"

namespace fs = std::filesystem;

namespace {

using Run = kiosk::test::CommandResult;

Run Kioskctl(const std::string& arguments) {
  return kiosk::test::RunCommand(std::string(KIOSKCTL_PATH) + " " + arguments);
}

/// A folder with the demonstration registrants (400, seed 2026, with the RAICT programme) imported into people.db.
struct Demo {
  kiosk::test::TempDir temp;
  fs::path csv = temp.Path() / "registrants.csv";
  fs::path people = temp.Path() / "people.db";
  std::string People() const { return " --people " + people.string(); }
  Demo() {
    const Run generate =
        Kioskctl("registrants generate --programme " + kiosk::test::SourcePath("schedules/raict-2026.csv").string() +
                 " --out " + csv.string());
    REQUIRE(generate.exit_code == 0);
    const Run import = Kioskctl("registrants import " + csv.string() + People());
    REQUIRE(import.exit_code == 0);
    CHECK(import.out.find("registrants: 400 read (sheet), 400 added, 0 updated, 0 unchanged, 0 withdrawn") == 0);
  }
};

nlohmann::json SearchJson(const Demo& demo, const std::string& query) {
  const Run search = Kioskctl("registrants search '" + query + "' --json" + demo.People());
  REQUIRE(search.exit_code == 0);
  return nlohmann::json::parse(search.out);
}

}  // namespace

TEST_CASE("registrants generate is the same for the same seed and differs for another") {
  kiosk::test::TempDir temp;
  const Run a = Kioskctl("registrants generate --count 50 --seed 7");
  const Run b = Kioskctl("registrants generate --count 50 --seed 7");
  const Run c = Kioskctl("registrants generate --count 50 --seed 8");
  REQUIRE(a.exit_code == 0);
  CHECK(a.out == b.out);
  CHECK(a.out != c.out);
  CHECK(std::count(a.out.begin(), a.out.end(), '\n') >= 51);  // header and 50 rows (cells may hold line breaks)
}

TEST_CASE("the demonstration registrants: typing elo finds Elodie, and search JSON has the documented fields") {
  Demo demo;
  const nlohmann::json hits = SearchJson(demo, "elo");
  REQUIRE(hits.is_array());
  REQUIRE(!hits.empty());
  bool elodie = false;
  for (const nlohmann::json& hit : hits) {
    for (const char* field : {"order_code", "first_name", "last_name", "organisation", "checked_in"}) {
      CHECK(hit.contains(field));
    }
    elodie = elodie || hit["first_name"].get<std::string>() == "Élodie";
    CHECK(hit["checked_in"] == false);
  }
  CHECK(elodie);
  CHECK(SearchJson(demo, "e").empty());  // one character lists nobody
  CHECK(SearchJson(demo, " ").empty());
}

TEST_CASE("checkin by order code, a second check-in exits 3 with the first time and desk, undo, export") {
  Demo demo;
  const nlohmann::json hits = SearchJson(demo, "elo");
  REQUIRE(!hits.empty());
  const std::string code = hits[0]["order_code"];
  std::string lower = code;  // as typed by hand: the code is matched whatever its case
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));

  const Run first = Kioskctl("checkin " + lower + " --desk A" + demo.People());
  CHECK(first.exit_code == 0);
  CHECK(first.out.find("checked in: " + code) == 0);
  CHECK(first.out.find("at desk A") != std::string::npos);

  const Run second = Kioskctl("checkin " + code + " --desk B" + demo.People());
  CHECK(second.exit_code == 3);
  CHECK(second.out.find("already checked in: " + code) == 0);
  CHECK(second.out.find("at desk A") != std::string::npos);  // the first desk, not this one

  const nlohmann::json after = SearchJson(demo, code);
  REQUIRE(!after.empty());
  CHECK(after[0]["order_code"] == code);
  CHECK(after[0]["exact_code"] == true);
  CHECK(after[0]["checked_in"] == true);
  CHECK(after[0]["checked_in_desk"] == "A");

  const Run unknown = Kioskctl("checkin ZZZZZZZZ --desk A" + demo.People());
  CHECK(unknown.exit_code == 2);
  CHECK(unknown.out.find("no registrant has order code ZZZZZZZZ") != std::string::npos);

  const Run undo = Kioskctl("checkin " + code + " --undo --desk A" + demo.People());
  CHECK(undo.exit_code == 0);
  CHECK(undo.out.find("undone: check-in of " + code) == 0);
  CHECK(Kioskctl("checkin " + code + " --desk B" + demo.People()).exit_code == 0);

  const Run json = Kioskctl("checkins export" + demo.People());
  REQUIRE(json.exit_code == 0);
  const nlohmann::json events = nlohmann::json::parse(json.out);
  REQUIRE(events.size() == 3);  // in at A, its undo, in at B
  CHECK(events[0]["kind"] == "in");
  CHECK(events[0]["desk"] == "A");
  CHECK(events[1]["kind"] == "undo");
  CHECK(events[1]["undoes"] == events[0]["uuid"]);
  CHECK(events[2]["desk"] == "B");
  CHECK(events[2]["first_name"] == hits[0]["first_name"]);
  std::set<std::string> uuids;
  for (const nlohmann::json& event : events) uuids.insert(event["uuid"].get<std::string>());
  CHECK(uuids.size() == 3);

  const Run csv = Kioskctl("checkins export --csv" + demo.People());
  REQUIRE(csv.exit_code == 0);
  CHECK(csv.out.find(
            "uuid,kind,order_code,first_name,last_name,organisation,category,desk,at_utc,at_local,undoes\r\n") == 0);
  CHECK(std::count(csv.out.begin(), csv.out.end(), '\n') == 4);
}

TEST_CASE("a re-import keeps check-ins, and a registrant missing from the file is withdrawn, not deleted") {
  Demo demo;
  const nlohmann::json hits = SearchJson(demo, "elo");
  REQUIRE(!hits.empty());
  const std::string code = hits[0]["order_code"];
  REQUIRE(Kioskctl("checkin " + code + " --desk A" + demo.People()).exit_code == 0);

  // The same list without that registrant's row.
  std::vector<kiosk::Registrant> list = kiosk::ImportRegistrantsFile(demo.csv, {}).registrants;
  std::erase_if(list, [&](const kiosk::Registrant& r) { return r.order_code == code; });
  REQUIRE(list.size() == 399);
  const fs::path smaller = demo.temp.Path() / "smaller.csv";
  std::ofstream(smaller, std::ios::binary) << kiosk::RegistrantsToSheetCsv(list);
  const Run reimport = Kioskctl("registrants import " + smaller.string() + demo.People());
  REQUIRE(reimport.exit_code == 0);
  CHECK(reimport.out.find("399 read (sheet), 0 added, 0 updated, 399 unchanged, 1 withdrawn") != std::string::npos);
  nlohmann::json after = SearchJson(demo, code);
  REQUIRE(!after.empty());
  CHECK(after[0]["checked_in"] == true);
  CHECK(after[0]["withdrawn"] == true);

  REQUIRE(Kioskctl("registrants import " + demo.csv.string() + demo.People()).exit_code == 0);
  after = SearchJson(demo, code);
  CHECK(after[0]["withdrawn"] == false);
  CHECK(after[0]["checked_in"] == true);
}

TEST_CASE("a bad registrant file exits 2 naming the file and line, and writes nothing") {
  Demo demo;
  const auto before = kiosk::test::ReadBytes(demo.people);
  const fs::path bad = demo.temp.Path() / "bad.csv";
  std::ofstream(bad, std::ios::binary) << "order_code,first_name,last_name\nAAAAA,Anne,Martin\nAAAAA,Paul,Durand\n";
  const Run run = Kioskctl("registrants import " + bad.string() + demo.People());
  CHECK(run.exit_code == 2);
  CHECK(run.out.find(bad.string() + ":3") != std::string::npos);
  kiosk::RegistrantStore store(demo.people, kiosk::RegistrantStore::Mode::ReadOnly);
  CHECK(store.All().size() == 400);
  CHECK(!store.Find("AAAAA"));

  const Run missing = Kioskctl("registrants search elo --people " + (demo.temp.Path() / "none.db").string());
  CHECK(missing.exit_code == 1);
  CHECK(!fs::exists(demo.temp.Path() / "none.db"));
}

TEST_CASE("the staff PIN is read from standard input and stored hashed") {
  Demo demo;
  const Run short_pin =
      kiosk::test::RunCommand("echo 12 | " + std::string(KIOSKCTL_PATH) + " registrants pin" + demo.People());
  CHECK(short_pin.exit_code == 2);
  const Run set =
      kiosk::test::RunCommand("echo 4821 | " + std::string(KIOSKCTL_PATH) + " registrants pin" + demo.People());
  CHECK(set.exit_code == 0);
  kiosk::RegistrantStore store(demo.people, kiosk::RegistrantStore::Mode::ReadOnly);
  CHECK(store.HasPin());
  CHECK(store.CheckPin("4821"));
  CHECK(!store.CheckPin("4822"));
  CHECK(kiosk::test::ReadBytes(demo.people).find("4821") == std::string::npos);
}

TEST_CASE("registrants search through kioskctl follows the search-accents case") {
  const fs::path csv = kiosk::test::CasePath("search-accents", "registrants.csv");
  if (!fs::exists(csv)) {
    MESSAGE("skipped: " << csv.string() << " is absent");
    return;
  }
  kiosk::test::TempDir temp;
  const std::string people = " --people " + (temp.Path() / "people.db").string();
  REQUIRE(Kioskctl("registrants import " + csv.string() + people).exit_code == 0);
  const auto codes = [&](const std::string& query) {
    const Run run = Kioskctl("registrants search '" + query + "' --json" + people);
    REQUIRE(run.exit_code == 0);
    std::set<std::string> found;
    for (const nlohmann::json& hit : nlohmann::json::parse(run.out)) found.insert(hit["order_code"].get<std::string>());
    return found;
  };
  CHECK(codes("elodie") == std::set<std::string>{"K7Q2A", "K7Q2B", "K7Q2C"});
  CHECK(codes("ÉLO") == std::set<std::string>{"K7Q2A", "K7Q2B", "K7Q2C"});
  CHECK(codes("nguyen anh") == std::set<std::string>{"K7Q2D"});
  CHECK(codes("ánh") == std::set<std::string>{"K7Q2D"});
  CHECK(codes("dupont marie") == std::set<std::string>{"K7Q2E"});
  CHECK(codes("lefevre") == std::set<std::string>{"K7Q2E"});
  CHECK(codes("berg jan") == std::set<std::string>{"K7Q2F"});
  CHECK(codes("K7Q2B") == std::set<std::string>{"K7Q2B"});
}

TEST_CASE("an import that would withdraw most registrants is refused unless --withdraw-missing") {
  Demo demo;
  const fs::path one = demo.temp.Path() / "one.csv";
  std::ofstream(one, std::ios::binary) << "order_code,first_name,last_name\nNEW01,Anne,Martin\n";
  const Run refused = Kioskctl("registrants import " + one.string() + demo.People());
  CHECK(refused.exit_code == 2);
  CHECK(refused.out.find("leaves out 400 of the 400 registrants") != std::string::npos);
  CHECK(refused.out.find("--withdraw-missing") != std::string::npos);
  {
    kiosk::RegistrantStore store(demo.people, kiosk::RegistrantStore::Mode::ReadOnly);
    CHECK(!store.Find("NEW01"));
  }
  const Run forced = Kioskctl("registrants import " + one.string() + " --withdraw-missing" + demo.People());
  CHECK(forced.exit_code == 0);
  CHECK(forced.out.find("1 added, 0 updated, 0 unchanged, 400 withdrawn") != std::string::npos);
}

TEST_CASE("checkins export --csv never writes a cell a spreadsheet would run as a formula") {
  kiosk::test::TempDir temp;
  const std::string people = " --people " + (temp.Path() / "people.db").string();
  const fs::path csv = temp.Path() / "evil.csv";
  std::ofstream(csv, std::ios::binary) << "order_code,first_name,last_name,organisation\n"
                                          "EVIL1,=HYPERLINK(\"http://x\"),@SUM(1+1),+33 Mairie\n";
  REQUIRE(Kioskctl("registrants import " + csv.string() + people).exit_code == 0);
  REQUIRE(Kioskctl("checkin EVIL1 --desk A" + people).exit_code == 0);
  const Run out = Kioskctl("checkins export --csv" + people);
  REQUIRE(out.exit_code == 0);
  CHECK(out.out.find(",\"'=HYPERLINK(\"\"http://x\"\")\",'@SUM(1+1),'+33 Mairie,") != std::string::npos);
}

TEST_CASE("checkin --undo undoes the latest check-in only") {
  Demo demo;
  const nlohmann::json hits = SearchJson(demo, "elo");
  REQUIRE(!hits.empty());
  const std::string code = hits[0]["order_code"];
  // Two desks checked the same person in while they could not see each other: two events, merged.
  {
    kiosk::RegistrantStore store(demo.people);
    const auto at = [](long long ms) { return kiosk::EventTime{std::chrono::milliseconds{ms}}; };
    REQUIRE(store.MergeEvents({{kiosk::NewUuid(), code, "A", at(1783497600000), kiosk::CheckinKind::In, ""},
                               {kiosk::NewUuid(), code, "B", at(1783497660000), kiosk::CheckinKind::In, ""}}) == 2);
  }
  const Run undo = Kioskctl("checkin " + code + " --undo --desk C" + demo.People());
  CHECK(undo.exit_code == 0);
  CHECK(undo.out.find("at desk B") != std::string::npos);
  CHECK(undo.out.find("still checked in") != std::string::npos);
  const nlohmann::json after = SearchJson(demo, code);
  CHECK(after[0]["checked_in"] == true);
  CHECK(after[0]["checked_in_desk"] == "A");
  CHECK(after[0]["check_ins"] == 1);
}

TEST_CASE("a control character in an order code exits 2 naming the file and line, and withdraws no one") {
  // Issue 11 defect 4: "7ZT\0HV" was added and the real, checked-in "7ZTHV" withdrawn, exit 0.
  Demo demo;
  const nlohmann::json hits = SearchJson(demo, "elo");
  REQUIRE(!hits.empty());
  const std::string code = hits[0]["order_code"];
  REQUIRE(Kioskctl("checkin " + code + " --desk A" + demo.People()).exit_code == 0);
  const auto before = kiosk::test::ReadBytes(demo.people);

  std::vector<kiosk::Registrant> list = kiosk::ImportRegistrantsFile(demo.csv, {}).registrants;
  const auto found =
      std::find_if(list.begin(), list.end(), [&](const kiosk::Registrant& r) { return r.order_code == code; });
  REQUIRE(found != list.end());
  std::rotate(list.begin(), found, found + 1);  // first row: line 2
  list.front().order_code.insert(3, 1, '\0');
  const fs::path bad = demo.temp.Path() / "nul.csv";
  std::ofstream(bad, std::ios::binary) << kiosk::RegistrantsToSheetCsv(list);
  const Run run = Kioskctl("registrants import " + bad.string() + demo.People());
  CHECK(run.exit_code == 2);
  CHECK(run.out.find(bad.string() + ":2") != std::string::npos);
  CHECK(run.out.find("control character") != std::string::npos);
  CHECK(run.out.find('\0') == std::string::npos);
  CHECK(kiosk::test::ReadBytes(demo.people) == before);
  const nlohmann::json after = SearchJson(demo, code);
  REQUIRE(!after.empty());
  CHECK(after[0]["withdrawn"] == false);
  CHECK(after[0]["checked_in"] == true);

  // A 1 MB order code is refused the same way.
  list.front().order_code = std::string(1 << 20, 'K');
  std::ofstream(bad, std::ios::binary | std::ios::trunc) << kiosk::RegistrantsToSheetCsv(list);
  const Run huge = Kioskctl("registrants import " + bad.string() + demo.People());
  CHECK(huge.exit_code == 2);
  CHECK(huge.out.find(bad.string() + ":2") != std::string::npos);
  CHECK(huge.out.size() < 4096);
  CHECK(kiosk::test::ReadBytes(demo.people) == before);
}

TEST_CASE("registrant names with control characters are imported without them, with a warning") {
  kiosk::test::TempDir temp;
  const std::string people = " --people " + (temp.Path() / "people.db").string();
  const fs::path csv = temp.Path() / "names.csv";
  static const char kNames[] = "order_code,first_name,last_name\nNAME1,Anne\x1b[2J,Mar\0tin\n";
  std::ofstream(csv, std::ios::binary) << std::string(kNames, sizeof kNames - 1);
  const Run run = Kioskctl("registrants import " + csv.string() + people);
  CHECK(run.exit_code == 0);
  CHECK(run.out.find("warning: " + csv.string() + ":2") != std::string::npos);
  const Run search = Kioskctl("registrants search NAME1 --json" + people);
  REQUIRE(search.exit_code == 0);
  const nlohmann::json hits = nlohmann::json::parse(search.out);
  REQUIRE(hits.size() == 1);
  CHECK(hits[0]["first_name"] == "Anne[2J");
  CHECK(hits[0]["last_name"] == "Martin");
}

TEST_CASE("kioskctl checkin refuses a desk name or order code with control characters, and never prints one") {
  Demo demo;
  const nlohmann::json hits = SearchJson(demo, "elo");
  REQUIRE(!hits.empty());
  const std::string code = hits[0]["order_code"];
  const auto before = kiosk::test::ReadBytes(demo.people);
  const Run escape = Kioskctl("checkin " + code + " --desk \"$(printf 'A\\033[31m')\"" + demo.People());
  CHECK(escape.exit_code == 2);
  CHECK(escape.out.find("--desk") != std::string::npos);
  CHECK(escape.out.find('\x1b') == std::string::npos);
  const Run line =
      Kioskctl("checkin \"$(printf '" + code.substr(0, 2) + "\\r" + code.substr(2) + "')\" --desk A" + demo.People());
  CHECK(line.exit_code == 2);
  CHECK(line.out.find('\r') == std::string::npos);
  const Run long_desk = Kioskctl("checkin " + code + " --desk " + std::string(100000, 'D') + demo.People());
  CHECK(long_desk.exit_code == 2);
  CHECK(long_desk.out.size() < 4096);
  CHECK(kiosk::test::ReadBytes(demo.people) == before);

  // A store written before the fix (or by a hub of an older version) may hold such a desk name: it is shown escaped.
  {
    kiosk::RegistrantStore store(demo.people);
    REQUIRE(store.MergeEvents(
                {{kiosk::NewUuid(), code, "A\x1b[2J\r\nB", kiosk::EventTime{std::chrono::milliseconds{1783497600000}},
                  kiosk::CheckinKind::In, ""}}) == 1);
  }
  const Run again = Kioskctl("checkin " + code + " --desk B" + demo.People());
  CHECK(again.exit_code == 3);
  CHECK(again.out.find('\x1b') == std::string::npos);
  CHECK(again.out.find('\r') == std::string::npos);
  const Run search = Kioskctl("registrants search " + code + demo.People());
  CHECK(search.exit_code == 0);
  CHECK(search.out.find('\x1b') == std::string::npos);
  for (const char* format : {"", " --csv"}) {
    const Run exported = Kioskctl(std::string("checkins export") + format + demo.People());
    CHECK(exported.exit_code == 0);
    CHECK(exported.out.find('\x1b') == std::string::npos);
    CHECK(exported.out.find("A\r") == std::string::npos);
  }
}

TEST_CASE("registrants search shows one registrant's check-ins as the first, the last and a count") {
  Demo demo;
  const nlohmann::json hits = SearchJson(demo, "elo");
  REQUIRE(!hits.empty());
  const std::string code = hits[0]["order_code"];
  // 10 000 check-ins of one code, as a token holder could once push them to the hub (issue 11, defect 6).
  {
    kiosk::RegistrantStore store(demo.people);
    std::vector<kiosk::CheckinEvent> events;
    for (int i = 0; i < 10000; ++i) {
      const kiosk::EventTime at{std::chrono::milliseconds{1783497600000LL + i * 1000LL}};
      events.push_back({kiosk::NewUuid(), code, i == 9999 ? "Z" : "X", at, kiosk::CheckinKind::In, ""});
    }
    REQUIRE(store.MergeEvents(events) == 10000);
  }
  const Run text = Kioskctl("registrants search " + code + demo.People());
  REQUIRE(text.exit_code == 0);
  CHECK(text.out.size() < 400);
  CHECK(text.out.find("and again") == std::string::npos);
  CHECK(text.out.find("checked in 10:00 (2026-07-08) at desk X, 10000 times in all, the last 12:46 (2026-07-08) at "
                      "desk Z") != std::string::npos);
  const nlohmann::json json = SearchJson(demo, code);
  CHECK(json[0]["check_ins"] == 10000);
  CHECK(json[0]["checked_in_desk"] == "X");
  CHECK(json[0]["last_checked_in_desk"] == "Z");
  CHECK(json[0]["last_checked_in_at"] == "2026-07-08T12:46:39+02:00");
}

TEST_CASE("checkin --now stamps the rehearsal clock's time") {
  Demo demo;
  const nlohmann::json hits = SearchJson(demo, "elo");
  REQUIRE(!hits.empty());
  const std::string code = hits[0]["order_code"];
  const Run first = Kioskctl("checkin " + code + " --desk A --now 2026-07-08T09:05" + demo.People());
  CHECK(first.exit_code == 0);
  CHECK(first.out.find("09:05 (2026-07-08) at desk A") != std::string::npos);
  CHECK(SearchJson(demo, code)[0]["checked_in_at"] == "2026-07-08T09:05:00+02:00");
}

TEST_CASE("registrants import --column names a ticket code column, and checkin by that code checks the person in") {
  kiosk::test::TempDir temp;
  const fs::path csv = temp.Path() / "inscrits.csv", people = temp.Path() / "people.db";
  std::ofstream(csv) << "Dossier,Nom complet,Badge\nD-1,Lise Varenne,4006381333931\nD-2,Noé Castellane,5012345678900\n";
  const Run bad = Kioskctl("registrants import " + csv.string() + " --column badge=Badge --people " + people.string());
  CHECK(bad.exit_code == 2);
  CHECK(bad.out.find("unknown registrant column role 'badge'") != std::string::npos);
  CHECK_FALSE(fs::exists(people));
  const Run import = Kioskctl("registrants import " + csv.string() +
                              " --column order_code=Dossier --column ticket_code=Badge --people " + people.string());
  REQUIRE(import.exit_code == 0);
  const Run checkin = Kioskctl("checkin 5012345678900 --desk A --people " + people.string());
  CHECK(checkin.exit_code == 0);
  CHECK(checkin.out.find("checked in: D-2") == 0);
}
