// Registrant store: search (accents, forms, word order, exact code, ranking), import and withdrawal, check-ins from
// several connections, event merge, undo, counters, PIN, schema errors.
#include <doctest/doctest.h>

#include <algorithm>
#include <barrier>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <SQLiteCpp/SQLiteCpp.h>

#include <date/date.h>

#include "TestSupport.h"
#include "kiosk/core/Text.h"
#include "kiosk/core/VenueZone.h"
#include "kiosk/store/RegistrantStore.h"
#include "kiosk/store/ScheduleStore.h"

using namespace kiosk;
using namespace std::chrono_literals;

namespace {

Registrant Person(std::string code, std::string first, std::string last, std::string organisation = "",
                  std::string email = "", std::string category = "") {
  Registrant r;
  r.order_code = std::move(code);
  r.first_name = std::move(first);
  r.last_name = std::move(last);
  r.organisation = std::move(organisation);
  r.email = std::move(email);
  r.category = std::move(category);
  return r;
}

std::vector<std::string> Codes(const std::vector<RegistrantHit>& hits) {
  std::vector<std::string> codes;
  for (const RegistrantHit& hit : hits) codes.push_back(hit.registrant.order_code);
  return codes;
}

std::set<std::string> CodeSet(const std::vector<RegistrantHit>& hits) {
  std::vector<std::string> codes = Codes(hits);
  return {codes.begin(), codes.end()};
}

/// 2026-07-08T10:00:00Z plus `minutes`.
EventTime At(int minutes) {
  return EventTime{date::sys_days{date::year{2026} / 7 / 8}} + 10h + std::chrono::minutes{minutes};
}

std::vector<std::string> SplitLine(const std::string& line, char separator) {
  std::vector<std::string> fields;
  std::stringstream in(line);
  for (std::string field; std::getline(in, field, separator);) fields.push_back(field);
  return fields;
}

/// The shared case's registrants.csv (no quotes: a plain split does).
std::vector<Registrant> ReadCaseRegistrants(const std::filesystem::path& csv) {
  std::istringstream in(kiosk::test::ReadBytes(csv));
  std::vector<Registrant> registrants;
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    std::vector<std::string> f = SplitLine(line, ',');
    REQUIRE(f.size() == 5);
    registrants.push_back(Person(f[0], f[1], f[2], f[3], f[4]));
  }
  return registrants;
}

/// One row of EXPECTED.md: | `query` | CODE, CODE (comment) | or "nobody".
struct ExpectedRow {
  std::string query;
  std::set<std::string> codes;
};

std::vector<ExpectedRow> ReadExpected(const std::filesystem::path& md) {
  std::istringstream in(kiosk::test::ReadBytes(md));
  std::vector<ExpectedRow> rows;
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("| `", 0) != 0) continue;
    const std::size_t open = line.find('`'), close = line.find('`', open + 1);
    ExpectedRow row;
    row.query = line.substr(open + 1, close - open - 1);
    std::string codes = line.substr(line.find('|', close) + 1);
    codes = codes.substr(0, codes.find_first_of("(|"));
    for (const std::string& code : SplitLine(codes, ',')) {
      std::string trimmed(Trim(code));
      if (!trimmed.empty() && trimmed != "nobody") row.codes.insert(trimmed);
    }
    rows.push_back(row);
  }
  return rows;
}

}  // namespace

TEST_CASE("SearchText folds case, accents, Unicode forms and punctuation the same way") {
  CHECK(SearchText("Dupont-Lefèvre") == "dupont lefevre");
  CHECK(SearchText("Nguyễn") == "nguyen");
  CHECK(SearchText("\xC3\x89lodie") == "elodie");   // NFC É
  CHECK(SearchText("E\xCC\x81lodie") == "elodie");  // NFD E + U+0301
  CHECK(SearchText("ÉLODIE") == "elodie");
  CHECK(SearchText("d'Arcy") == "d arcy");
  CHECK(SearchText("d\xE2\x80\x99"
                   "Arcy") == "d arcy");  // U+2019
  CHECK(SearchText("  e.marchetti@example.org ") == "e marchetti example org");
  CHECK(SearchText("K7Q2A") == "k7q2a");
  CHECK(SearchText("Straße") == "strasse");
  CHECK(SearchText("--") == "");
  CHECK(SearchText("") == "");
}

TEST_CASE("the search-accents table of the shared cases") {
  const std::filesystem::path csv = kiosk::test::CasePath("search-accents", "registrants.csv");
  const std::filesystem::path md = kiosk::test::CasePath("search-accents", "EXPECTED.md");
  if (!std::filesystem::exists(csv) || !std::filesystem::exists(md)) {
    MESSAGE("skipped: no shared case at " << csv.parent_path().string());
    return;
  }
  kiosk::test::TempDir temp;
  RegistrantStore store(temp.Path() / "registrants.db");
  const std::vector<Registrant> registrants = ReadCaseRegistrants(csv);
  REQUIRE(registrants.size() == 6);
  CHECK(registrants[2].first_name == "E\xCC\x81lodie");  // the case's decomposed row made it through as is
  CHECK(store.Import(registrants, "registrants.csv").added == 6);

  const std::vector<ExpectedRow> rows = ReadExpected(md);
  REQUIRE(rows.size() == 9);
  for (const ExpectedRow& row : rows) {
    CAPTURE(row.query);
    std::vector<RegistrantHit> hits = store.Search(row.query);
    CHECK(CodeSet(hits) == row.codes);
  }
  // The scanner's code is flagged as the exact code, and comes first.
  std::vector<RegistrantHit> scanned = store.Search("K7Q2B");
  REQUIRE(!scanned.empty());
  CHECK(scanned[0].exact_code);
  CHECK(scanned[0].registrant.first_name == "ÉLODIE");
}

TEST_CASE("NFC and NFD spellings find each other") {
  kiosk::test::TempDir temp;
  RegistrantStore store(temp.Path() / "registrants.db");
  store.Import({Person("NFC1", "\xC3\x89lodie", "Martel"), Person("NFD1", "E\xCC\x81lodie", "Morel"),
                Person("OTHER", "Paul", "Durand")},
               "forms");
  const std::set<std::string> both = {"NFC1", "NFD1"};
  CHECK(CodeSet(store.Search("\xC3\x89lodie")) == both);
  CHECK(CodeSet(store.Search("E\xCC\x81lodie")) == both);
  CHECK(CodeSet(store.Search("elo")) == both);
  CHECK(CodeSet(store.Search("ÉLO")) == both);
}

TEST_CASE("apostrophes and hyphens separate words") {
  kiosk::test::TempDir temp;
  RegistrantStore store(temp.Path() / "registrants.db");
  store.Import({Person("CURLY", "Anne",
                       "d\xE2\x80\x99"
                       "Arcy"),
                Person("STRAIGHT", "Marc", "d'Arcy"), Person("JB", "Jean-Baptiste", "Kaboré"),
                Person("J", "Jean", "Valjean"), Person("B", "Baptiste", "Morel")},
               "punctuation");
  CHECK(CodeSet(store.Search("d'Arcy")) == std::set<std::string>{"CURLY", "STRAIGHT"});
  CHECK(CodeSet(store.Search("d\xE2\x80\x99"
                             "arcy")) == std::set<std::string>{"CURLY", "STRAIGHT"});
  CHECK(CodeSet(store.Search("arcy anne")) == std::set<std::string>{"CURLY"});
  CHECK(Codes(store.Search("jean baptiste")) == std::vector<std::string>{"JB"});
  CHECK(Codes(store.Search("baptiste jean")) == std::vector<std::string>{"JB"});
  CHECK(Codes(store.Search("jean-baptiste kab")) == std::vector<std::string>{"JB"});
  CHECK(Codes(store.Search("jean b")) == std::vector<std::string>{"JB"});
  // FTS5 syntax in what the desk types is only text.
  CHECK_NOTHROW(store.Search("\"AND\" OR (NOT*) NEAR: ^col"));
  CHECK(Codes(store.Search("jean AND")).empty());
  CHECK(Codes(store.Search("*jean*")) == std::vector<std::string>{"J", "JB"});
}

TEST_CASE("a query shorter than two characters lists nobody") {
  kiosk::test::TempDir temp;
  RegistrantStore store(temp.Path() / "registrants.db");
  store.Import({Person("A1", "Élodie", "Brun"), Person("E", "Eve", "Ebert")}, "short");
  CHECK(store.Search("").empty());
  CHECK(store.Search("   ").empty());
  CHECK(store.Search("e").empty());
  CHECK(store.Search(" É \r\n").empty());
  CHECK(store.Search("E").empty());  // even though it is an order code
  CHECK(store.Search("él").size() == 1);
  CHECK(store.Search("elodie", 0).empty());
}

TEST_CASE("the exact order code comes first even when its letters prefix names") {
  kiosk::test::TempDir temp;
  RegistrantStore store(temp.Path() / "registrants.db");
  store.Import({Person("MA01", "Ana", "Ma"), Person("MART", "Zoé", "Zola"), Person("MA02", "Martine", "Martin"),
                Person("MA03", "Jean", "Martel")},
               "codes");
  std::vector<RegistrantHit> hits = store.Search("  mart\r\n");
  REQUIRE(hits.size() == 3);  // MART itself, then the two whose names start with "mart"
  CHECK(hits[0].registrant.order_code == "MART");
  CHECK(hits[0].exact_code);
  CHECK_FALSE(hits[1].exact_code);
  CHECK_FALSE(hits[2].exact_code);
  CHECK(hits[1].registrant.order_code == "MA02");  // two name words start with "mart": the better bm25
  CHECK(hits[2].registrant.order_code == "MA03");
  // A code that is also a whole surname word: the code still comes first.
  store.Import({Person("MA01", "Ana", "Ma"), Person("MART", "Zoé", "Zola"), Person("MA02", "Martine", "Martin"),
                Person("MA03", "Jean", "Martel"), Person("MARTIN", "Zoé", "Zola")},
               "codes");
  std::vector<RegistrantHit> martin = store.Search("martin");
  REQUIRE(martin.size() == 2);
  CHECK(martin[0].registrant.order_code == "MARTIN");
  CHECK(martin[0].exact_code);
  CHECK(martin[1].registrant.order_code == "MA02");
}

TEST_CASE("an exact surname ranks before prefix matches and the limit is respected") {
  kiosk::test::TempDir temp;
  RegistrantStore store(temp.Path() / "registrants.db");
  std::vector<Registrant> people = {Person("P1", "Marc", "Mabire"), Person("P2", "Lin", "Ma", "Ville de Marseille"),
                                    Person("P3", "Ma", "Zhou"), Person("P4", "Anne", "Marchand")};
  store.Import(people, "rank");
  std::vector<RegistrantHit> hits = store.Search("ma");
  REQUIRE(hits.size() == 4);
  CHECK(hits[0].registrant.order_code == "P2");  // last name is the word "ma"
  CHECK(hits[1].registrant.order_code == "P3");  // first name is the word "ma"
  CHECK(store.Search("ma", 2).size() == 2);
  CHECK(Codes(store.Search("zhou ma")) == std::vector<std::string>{"P3"});

  SUBCASE("also when the prefix matches more rows than the search ranks with bm25") {
    // 600 people whose names start with "ma" come first in the file; the one whose surname is "Ma" comes last.
    std::vector<Registrant> many;
    for (int i = 0; i < 600; ++i) {
      many.push_back(
          Person("M" + std::to_string(1000 + i), "Mathieu", "Martin-" + std::to_string(i), "Mairie de Mâcon"));
    }
    many.push_back(Person("LAST", "Wei", "Ma"));
    many.push_back(Person("FIRST", "Ma", "Yun"));
    many.insert(many.end(), people.begin(), people.end());
    store.Import(many, "many");
    std::vector<RegistrantHit> found = store.Search("ma", 10);
    CHECK(Codes(found) ==
          std::vector<std::string>{"P2", "LAST", "FIRST", "P3", "P1", "P4", "M1000", "M1001", "M1010", "M1100"});
    CHECK(store.Search("mathieu martin 59", 50).size() == 11);  // 59, 590..599
    CHECK(store.Search("ma", 1000).size() >= 256);
  }
}

TEST_CASE("e-mail local parts and organisations are searched") {
  kiosk::test::TempDir temp;
  RegistrantStore store(temp.Path() / "registrants.db");
  store.Import({Person("A", "Élodie", "Marchetti", "Ville de Lyon", "e.marchetti@example.org"),
                Person("B", "Jan", "van der Berg", "Gemeente Utrecht", "j_vdberg-nl@example.org")},
               "mail");
  CHECK(Codes(store.Search("marchetti")) == std::vector<std::string>{"A"});
  CHECK(Codes(store.Search("vdberg")) == std::vector<std::string>{"B"});
  CHECK(Codes(store.Search("nl utrecht")) == std::vector<std::string>{"B"});
  CHECK(Codes(store.Search("lyon")) == std::vector<std::string>{"A"});
}

TEST_CASE("import upserts by order code, counts what it did and bumps the revision only on change") {
  kiosk::test::TempDir temp;
  RegistrantStore store(temp.Path() / "registrants.db");
  CHECK(store.RegistrantRevision() == 0);
  Registrant a = Person("k7q2a", "Élodie", "Marchetti", "Ville de Lyon", "e.marchetti@example.org", "élu·e");
  a.country = "France";
  a.days = {ParseDay("2026-07-08"), ParseDay("2026-07-09")};
  a.appointments = {{ParseIsoInstant("2026-07-08T14:00", VenueZone("Europe/Paris")),
                     ParseIsoInstant("2026-07-08T15:30", VenueZone("Europe/Paris")), "Atelier Eau", "Salon Monge"}};
  a.note = "fauteuil roulant";
  Registrant b = Person("K7Q2B", "Jan", "van der Berg");
  RegistrantImportSummary first = store.Import({a, b}, "a.csv");
  CHECK(first.added == 2);
  CHECK(first.updated == 0);
  CHECK(first.unchanged == 0);
  CHECK(first.withdrawn == 0);
  CHECK(first.revision == 1);

  std::optional<RegistrantHit> found = store.Find(" k7q2a ");
  REQUIRE(found.has_value());
  a.order_code = "K7Q2A";  // stored canonical
  CHECK(found->registrant == a);
  CHECK_FALSE(found->withdrawn);
  CHECK_FALSE(found->status.checked_in);

  RegistrantImportSummary again = store.Import({a, b}, "a.csv");
  CHECK(again.unchanged == 2);
  CHECK(again.added + again.updated + again.withdrawn == 0);
  CHECK(again.revision == 1);
  CHECK(store.RegistrantRevision() == 1);

  b.organisation = "Gemeente Utrecht";
  RegistrantImportSummary changed = store.Import({a, b}, "a.csv");
  CHECK(changed.updated == 1);
  CHECK(changed.unchanged == 1);
  CHECK(changed.revision == 2);
  CHECK(Codes(store.Search("utrecht")) == std::vector<std::string>{"K7Q2B"});
  std::vector<RegistrantHit> all = store.All();
  REQUIRE(all.size() == 2);
  CHECK(all[0].registrant == a);
  CHECK(all[1].registrant == b);
}

TEST_CASE("re-import keeps check-ins and marks missing registrants withdrawn, then revives them") {
  kiosk::test::TempDir temp;
  RegistrantStore store(temp.Path() / "registrants.db");
  store.Import({Person("A", "Anne", "Arnaud", "", "", "élu·e"), Person("B", "Bruno", "Blanc", "", "", "élu·e"),
                Person("C", "Chloé", "Caron", "", "", "presse")},
               "v1.csv");
  REQUIRE(store.CheckIn("B", "Accueil 1", At(0)).outcome == CheckinResult::Outcome::CheckedIn);
  const std::vector<CheckinEvent> events_before = store.Events();

  RegistrantImportSummary without_b = store.Import(
      {Person("A", "Anne", "Arnaud", "", "", "élu·e"), Person("C", "Chloé", "Caron", "", "", "presse")}, "v2.csv");
  CHECK(without_b.withdrawn == 1);
  CHECK(without_b.unchanged == 2);
  CHECK(without_b.revision == 2);
  CHECK(store.Events() == events_before);
  std::optional<RegistrantHit> b = store.Find("B");
  REQUIRE(b.has_value());
  CHECK(b->withdrawn);
  CHECK(b->status.checked_in);
  CHECK(b->status.first->desk == "Accueil 1");
  std::vector<RegistrantHit> hits = store.Search("bruno");
  REQUIRE(hits.size() == 1);
  CHECK(hits[0].withdrawn);
  CheckinCounts counts = store.Counts(VenueZone("Europe/Paris"));
  CHECK(counts.expected == 2);
  CHECK(counts.checked_in == 0);

  // The same file again: nothing changes, B is not withdrawn a second time.
  RegistrantImportSummary same = store.Import(
      {Person("A", "Anne", "Arnaud", "", "", "élu·e"), Person("C", "Chloé", "Caron", "", "", "presse")}, "v2.csv");
  CHECK(same.withdrawn == 0);
  CHECK(same.revision == 2);

  RegistrantImportSummary back =
      store.Import({Person("A", "Anne", "Arnaud", "", "", "élu·e"), Person("B", "Bruno", "Blanc", "", "", "élu·e"),
                    Person("C", "Chloé", "Caron", "", "", "presse")},
                   "v3.csv");
  CHECK(back.updated == 1);
  CHECK(back.revision == 3);
  CHECK_FALSE(store.Find("B")->withdrawn);
  CHECK(store.Find("B")->status.checked_in);
  CHECK(store.Counts(VenueZone("Europe/Paris")).checked_in == 1);
  CHECK(store.Events() == events_before);
}

TEST_CASE("an invalid import writes nothing") {
  kiosk::test::TempDir temp;
  RegistrantStore store(temp.Path() / "registrants.db");
  CHECK_THROWS_AS(store.Import({Person("A", "Anne", "Arnaud"), Person("  ", "No", "Code")}, "bad.csv"),
                  std::invalid_argument);
  CHECK_THROWS_AS(store.Import({Person("k1", "Anne", "Arnaud"), Person("K1 ", "Same", "Code")}, "bad.csv"),
                  std::invalid_argument);
  CHECK(store.All().empty());
  CHECK(store.RegistrantRevision() == 0);
  store.Import({Person("A", "Anne", "Arnaud")}, "good.csv");
  CHECK_THROWS_AS(store.Import({Person("B", "B", "B"), Person("B", "B", "B")}, "bad.csv"), std::invalid_argument);
  CHECK(Codes(store.All()) == std::vector<std::string>{"A"});
  CHECK_FALSE(store.Find("A")->withdrawn);
}

TEST_CASE("check-in: unknown code, checked in, already checked in") {
  kiosk::test::TempDir temp;
  RegistrantStore store(temp.Path() / "registrants.db");
  store.Import({Person("K7Q2A", "Élodie", "Marchetti")}, "a.csv");

  CheckinResult unknown = store.CheckIn("NOPE", "A", At(0));
  CHECK(unknown.outcome == CheckinResult::Outcome::UnknownCode);
  CHECK_FALSE(unknown.registrant.has_value());
  CHECK(store.CheckIn("", "A", At(0)).outcome == CheckinResult::Outcome::UnknownCode);
  CHECK_THROWS_AS(store.CheckIn("K7Q2A", "", At(0)), std::invalid_argument);
  CHECK(store.Events().empty());

  CheckinResult first = store.CheckIn(" k7q2a\r", "A", At(2));
  REQUIRE(first.outcome == CheckinResult::Outcome::CheckedIn);
  REQUIRE(first.event.has_value());
  CHECK(IsUuid(first.event->uuid));
  CHECK(first.event->order_code == "K7Q2A");
  CHECK(first.event->desk == "A");
  CHECK(first.event->at == At(2));
  CHECK(first.event->kind == CheckinKind::In);
  CHECK(first.registrant->last_name == "Marchetti");
  CHECK(first.status.checked_in);

  CheckinResult second = store.CheckIn("K7Q2A", "B", At(5));
  CHECK(second.outcome == CheckinResult::Outcome::AlreadyCheckedIn);
  CHECK_FALSE(second.event.has_value());
  REQUIRE(second.status.first.has_value());
  CHECK(second.status.first->desk == "A");
  CHECK(second.status.first->at == At(2));
  CHECK(store.Events().size() == 1);
  CHECK(store.Status("k7q2a").first == first.event);

  std::vector<StoredCheckinEvent> stored = store.EventsAfter(0, 10, true);
  REQUIRE(stored.size() == 1);
  CHECK(stored[0].local);
  CHECK(stored[0].event == *first.event);
}

TEST_CASE("two connections checking the same code in at once: exactly one check-in") {
  kiosk::test::TempDir temp;
  const std::filesystem::path path = temp.Path() / "registrants.db";
  RegistrantStore(path).Import({Person("K7Q2A", "Élodie", "Marchetti")}, "a.csv");
  for (int round = 0; round < 5; ++round) {
    const std::string code = round == 0 ? "K7Q2A" : "R" + std::to_string(round);
    if (round > 0) {
      std::vector<Registrant> list = {Person("K7Q2A", "Élodie", "Marchetti")};
      for (int i = 1; i <= round; ++i) list.push_back(Person("R" + std::to_string(i), "R", "R"));
      RegistrantStore(path).Import(list, "a.csv");
    }
    RegistrantStore desk_a(path), desk_b(path);
    std::barrier start(2);
    CheckinResult result_a, result_b;
    std::thread a([&] {
      start.arrive_and_wait();
      result_a = desk_a.CheckIn(code, "A", At(0));
    });
    std::thread b([&] {
      start.arrive_and_wait();
      result_b = desk_b.CheckIn(code, "B", At(0));
    });
    a.join();
    b.join();
    std::multiset<CheckinResult::Outcome> outcomes = {result_a.outcome, result_b.outcome};
    CHECK(outcomes == std::multiset<CheckinResult::Outcome>{CheckinResult::Outcome::CheckedIn,
                                                            CheckinResult::Outcome::AlreadyCheckedIn});
    CHECK(desk_a.Status(code).active.size() == 1);
  }
  CHECK(RegistrantStore(path).Events().size() == 5);
}

TEST_CASE("merging events is a union by uuid: a replay adds nothing") {
  kiosk::test::TempDir temp;
  RegistrantStore desk_a(temp.Path() / "a.db"), desk_b(temp.Path() / "b.db");
  const std::vector<Registrant> people = {Person("A1", "Anne", "Arnaud"), Person("B1", "Bruno", "Blanc")};
  desk_a.Import(people, "p.csv");
  desk_b.Import(people, "p.csv");
  desk_a.CheckIn("A1", "A", At(0));
  desk_b.CheckIn("B1", "B", At(1));

  std::vector<CheckinEvent> from_a;
  for (const StoredCheckinEvent& stored : desk_a.EventsAfter(0, 100, true)) from_a.push_back(stored.event);
  CHECK(desk_b.MergeEvents(from_a) == 1);
  CHECK(desk_b.MergeEvents(from_a) == 0);
  CHECK(desk_b.MergeEvents({}) == 0);
  CHECK(desk_b.Status("A1").checked_in);
  CHECK(desk_b.Events().size() == 2);
  std::vector<StoredCheckinEvent> b_events = desk_b.EventsAfter(0, 100);
  REQUIRE(b_events.size() == 2);
  CHECK(b_events[0].local);  // B's own check-in came first
  CHECK_FALSE(b_events[1].local);
  CHECK(b_events[0].seq < b_events[1].seq);
  CHECK(desk_b.EventsAfter(0, 100, true).size() == 1);
  CHECK(desk_b.EventsAfter(b_events[0].seq, 100).size() == 1);
  CHECK(desk_b.EventsAfter(0, 1).size() == 1);

  // An event for a code this store does not know yet is kept.
  CheckinEvent stranger{NewUuid(), "LATER", "C", At(3), CheckinKind::In, ""};
  CHECK(desk_b.MergeEvents({stranger}) == 1);
  desk_b.Import({people[0], people[1], Person("LATER", "Léa", "Tard")}, "p2.csv");
  CHECK(desk_b.Find("later")->status.checked_in);
}

TEST_CASE("malformed merged events are refused and nothing of the batch is written") {
  kiosk::test::TempDir temp;
  RegistrantStore store(temp.Path() / "registrants.db");
  const CheckinEvent good{NewUuid(), "A1", "A", At(0), CheckinKind::In, ""};
  CheckinEvent bad_uuid = good;
  bad_uuid.uuid = "not-a-uuid";
  CheckinEvent upper = good;
  upper.uuid = "3F2504E0-4F89-41D3-9A0C-0305E82C3301";
  CheckinEvent no_code{NewUuid(), "", "A", At(0), CheckinKind::In, ""};
  CheckinEvent no_desk{NewUuid(), "A1", "", At(0), CheckinKind::In, ""};
  CheckinEvent undo_nothing{NewUuid(), "A1", "A", At(0), CheckinKind::Undo, ""};
  for (const CheckinEvent& bad : {bad_uuid, upper, no_code, no_desk, undo_nothing}) {
    CHECK_THROWS_AS(store.MergeEvents({good, bad}), std::invalid_argument);
  }
  CHECK(store.Events().empty());
}

TEST_CASE("an offline double check-in shows two active check-ins") {
  kiosk::test::TempDir temp;
  RegistrantStore desk_a(temp.Path() / "a.db"), desk_b(temp.Path() / "b.db");
  desk_a.Import({Person("K7Q2A", "Élodie", "Marchetti")}, "p.csv");
  desk_b.Import({Person("K7Q2A", "Élodie", "Marchetti")}, "p.csv");
  CheckinResult at_a = desk_a.CheckIn("K7Q2A", "A", At(10));
  CheckinResult at_b = desk_b.CheckIn("K7Q2A", "B", At(4));
  REQUIRE(at_a.outcome == CheckinResult::Outcome::CheckedIn);
  REQUIRE(at_b.outcome == CheckinResult::Outcome::CheckedIn);
  CHECK(desk_a.MergeEvents({*at_b.event}) == 1);
  CHECK(desk_b.MergeEvents({*at_a.event}) == 1);
  for (RegistrantStore* store : {&desk_a, &desk_b}) {
    CheckinStatus status = store->Status("K7Q2A");
    CHECK(status.checked_in);
    REQUIRE(status.active.size() == 2);
    CHECK(status.first->desk == "B");  // the earlier one
    CHECK(status.active[1].desk == "A");
    CHECK(store->Events() == std::vector<CheckinEvent>{*at_b.event, *at_a.event});  // by time
  }
}

TEST_CASE("undo a check-in, then check in again") {
  kiosk::test::TempDir temp;
  RegistrantStore store(temp.Path() / "registrants.db");
  store.Import({Person("K7Q2A", "Élodie", "Marchetti")}, "p.csv");
  CheckinResult in = store.CheckIn("K7Q2A", "A", At(0));
  REQUIRE(in.event.has_value());

  std::optional<CheckinEvent> undo = store.Undo(in.event->uuid, "A", At(1));
  REQUIRE(undo.has_value());
  CHECK(undo->kind == CheckinKind::Undo);
  CHECK(undo->undoes == in.event->uuid);
  CHECK(undo->order_code == "K7Q2A");
  CHECK(IsUuid(undo->uuid));
  CHECK_FALSE(store.Status("K7Q2A").checked_in);
  CHECK_FALSE(store.Undo(in.event->uuid, "A", At(2)).has_value());  // already undone
  CHECK_FALSE(store.Undo(undo->uuid, "A", At(2)).has_value());      // not an In
  CHECK_FALSE(store.Undo(NewUuid(), "A", At(2)).has_value());       // unknown
  CHECK_THROWS_AS(store.Undo(in.event->uuid, "", At(2)), std::invalid_argument);
  CHECK(store.Events().size() == 2);

  CheckinResult again = store.CheckIn("K7Q2A", "B", At(3));
  CHECK(again.outcome == CheckinResult::Outcome::CheckedIn);
  CHECK(again.status.active.size() == 1);
  CHECK(again.status.first->desk == "B");
  CHECK(store.Events().size() == 3);
}

TEST_CASE("events are append-only in the file itself") {
  kiosk::test::TempDir temp;
  const std::filesystem::path path = temp.Path() / "registrants.db";
  {
    RegistrantStore store(path);
    store.Import({Person("A1", "Anne", "Arnaud")}, "p.csv");
    store.CheckIn("A1", "A", At(0));
  }
  SQLite::Database db(path.string(), SQLite::OPEN_READWRITE);
  CHECK_THROWS(db.exec("UPDATE checkin_events SET desk = 'X'"));
  CHECK_THROWS(db.exec("DELETE FROM checkin_events"));
  CHECK(db.execAndGet("SELECT count(*) FROM checkin_events").getInt() == 1);
}

TEST_CASE("counts by category and by venue-local day") {
  kiosk::test::TempDir temp;
  RegistrantStore store(temp.Path() / "registrants.db");
  const Day d8 = ParseDay("2026-07-08"), d9 = ParseDay("2026-07-09");
  Registrant a = Person("A", "Anne", "Arnaud", "", "", "élu·e");
  a.days = {d8};
  Registrant b = Person("B", "Bruno", "Blanc", "", "", "élu·e");
  b.days = {d8, d9};
  Registrant c = Person("C", "Chloé", "Caron", "", "", "presse");  // no days: every day
  Registrant d = Person("D", "Dao", "Đặng", "", "", "partenaire");
  d.days = {d9};
  Registrant e = Person("E", "Émile", "Ernst", "", "", "presse");
  store.Import({a, b, c, d, e}, "v1.csv");
  store.CheckIn("E", "A", At(0));
  store.Import({a, b, c, d}, "v2.csv");  // E withdrawn: neither expected nor counted

  store.CheckIn("A", "A", At(-60));  // 2026-07-08 11:00 in Paris
  // 2026-07-08T22:30Z is 2026-07-09 00:30 in Paris: C counts on the 9th.
  store.CheckIn("C", "B", At(12 * 60 + 30));
  CheckinResult undone = store.CheckIn("D", "B", At(24 * 60));
  store.Undo(undone.event->uuid, "B", At(24 * 60 + 1));

  CheckinCounts counts = store.Counts(VenueZone("Europe/Paris"));
  CHECK(counts.expected == 4);
  CHECK(counts.checked_in == 2);
  CHECK(counts.by_category.size() == 3);
  CHECK(counts.by_category["élu·e"] == std::pair<int, int>{1, 2});
  CHECK(counts.by_category["presse"] == std::pair<int, int>{1, 1});
  CHECK(counts.by_category["partenaire"] == std::pair<int, int>{0, 1});
  REQUIRE(counts.by_day.size() == 2);
  CHECK(counts.by_day[d8] == std::pair<int, int>{1, 3});  // A, B, C expected; A in
  CHECK(counts.by_day[d9] == std::pair<int, int>{1, 3});  // B, C, D expected; C in

  // In UTC the same check-in falls on the 8th.
  CheckinCounts utc = store.Counts(VenueZone("UTC"));
  CHECK(utc.by_day[d8] == std::pair<int, int>{2, 3});
  // C, checked in on the 8th and expected every day, counts on the 9th too: a badge is collected once.
  CHECK(utc.by_day[d9] == std::pair<int, int>{1, 3});
}

TEST_CASE("the staff PIN is stored hashed and checked") {
  kiosk::test::TempDir temp;
  const std::filesystem::path path = temp.Path() / "registrants.db";
  {
    RegistrantStore store(path);
    CHECK_FALSE(store.HasPin());
    CHECK_FALSE(store.CheckPin("1234"));
    CHECK_THROWS_AS(store.SetPin("123"), std::invalid_argument);
    CHECK_THROWS_AS(store.SetPin("1234567890123"), std::invalid_argument);
    CHECK_THROWS_AS(store.SetPin("12a4"), std::invalid_argument);
    CHECK_THROWS_AS(store.SetPin(" 1234"), std::invalid_argument);
    CHECK_FALSE(store.HasPin());
    store.SetPin("4821");
    CHECK(store.HasPin());
    CHECK(store.CheckPin("4821"));
    CHECK_FALSE(store.CheckPin("4822"));
    CHECK_FALSE(store.CheckPin(""));
    CHECK_FALSE(store.CheckPin("48210"));
  }
  RegistrantStore reopened(path, RegistrantStore::Mode::ReadOnly);
  CHECK(reopened.CheckPin("4821"));
  SQLite::Database db(path.string(), SQLite::OPEN_READONLY);
  const std::string stored = db.execAndGet("SELECT value FROM meta WHERE key = 'pin_hash'").getString();
  CHECK(stored.rfind("$argon2id$", 0) == 0);
  CHECK(stored.find("4821") == std::string::npos);
}

TEST_CASE("opening something that is not a registrant store") {
  kiosk::test::TempDir temp;
  SUBCASE("a schedule store") {
    { ScheduleStore schedule(temp.Store()); }
    try {
      RegistrantStore store(temp.Store());
      FAIL("opened a schedule store");
    } catch (const StoreError& error) {
      CHECK(error.GetKind() == StoreError::Kind::Corrupt);
      CHECK(std::string(error.what()).find("not a registrant store") != std::string::npos);
    }
  }
  SUBCASE("a newer schema") {
    const std::filesystem::path path = temp.Path() / "registrants.db";
    { RegistrantStore store(path); }
    {
      SQLite::Database db(path.string(), SQLite::OPEN_READWRITE);
      db.exec("PRAGMA user_version = " + std::to_string(RegistrantStore::kSchemaVersion + 1));
    }
    try {
      RegistrantStore store(path);
      FAIL("opened a newer schema");
    } catch (const StoreError& error) {
      CHECK(error.GetKind() == StoreError::Kind::NewerSchema);
    }
  }
  SUBCASE("a file that is not a database") {
    const std::filesystem::path path = temp.Path() / "registrants.db";
    std::ofstream(path) << "order_code,first_name\nK7Q2A,Élodie\n" << std::string(4096, 'x');
    try {
      RegistrantStore store(path);
      FAIL("opened a text file");
    } catch (const StoreError& error) {
      CHECK(error.GetKind() == StoreError::Kind::Corrupt);
    }
  }
  SUBCASE("another SQLite database") {
    const std::filesystem::path path = temp.Path() / "other.db";
    {
      SQLite::Database db(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
      db.exec("CREATE TABLE t(x)");
    }
    CHECK_THROWS_AS(RegistrantStore{path}, StoreError);
  }
  SUBCASE("a missing file") {
    const std::filesystem::path path = temp.Path() / "nothing.db";
    for (RegistrantStore::Mode mode : {RegistrantStore::Mode::ReadOnly, RegistrantStore::Mode::Update}) {
      try {
        RegistrantStore store(path, mode);
        FAIL("opened a missing file");
      } catch (const StoreError& error) {
        CHECK(error.GetKind() == StoreError::Kind::Missing);
      }
    }
    CHECK_FALSE(std::filesystem::exists(path));
    RegistrantStore created(temp.Path() / "deep" / "er" / "registrants.db");  // ReadWrite makes the folders
    CHECK(std::filesystem::exists(temp.Path() / "deep" / "er" / "registrants.db"));
    RegistrantStore update(temp.Path() / "deep" / "er" / "registrants.db", RegistrantStore::Mode::Update);
    CHECK(update.RegistrantRevision() == 0);
  }
}

TEST_CASE("counters, data_version and the default path") {
  kiosk::test::TempDir temp;
  const std::filesystem::path path = temp.Path() / "registrants.db";
  RegistrantStore store(path), other(path);
  CHECK_FALSE(store.GetCounter("hub.pushed").has_value());
  store.SetCounter("hub.pushed", 42);
  store.SetCounter("hub.pushed", 43);
  CHECK(store.GetCounter("hub.pushed") == 43);
  CHECK(other.GetCounter("hub.pushed") == 43);

  const std::int64_t before = store.DataVersion();
  CHECK(store.DataVersion() == before);
  other.Import({Person("A1", "Anne", "Arnaud")}, "p.csv");
  CHECK(store.DataVersion() != before);

  const char* saved_people = std::getenv("KIOSK_PEOPLE");
  const char* saved_xdg = std::getenv("XDG_DATA_HOME");
  const std::optional<std::string> people = saved_people ? std::optional<std::string>(saved_people) : std::nullopt;
  const std::optional<std::string> xdg = saved_xdg ? std::optional<std::string>(saved_xdg) : std::nullopt;
  ::setenv("KIOSK_PEOPLE", "/srv/desk/people.db", 1);
  CHECK(DefaultRegistrantStorePath() == "/srv/desk/people.db");
  ::unsetenv("KIOSK_PEOPLE");
  ::setenv("XDG_DATA_HOME", "/data", 1);
  CHECK(DefaultRegistrantStorePath() == "/data/kiosk/registrants.db");
  if (people) ::setenv("KIOSK_PEOPLE", people->c_str(), 1);
  if (xdg)
    ::setenv("XDG_DATA_HOME", xdg->c_str(), 1);
  else
    ::unsetenv("XDG_DATA_HOME");
}

TEST_CASE("NewUuid makes version 4 uuids that IsUuid accepts") {
  std::set<std::string> seen;
  for (int i = 0; i < 200; ++i) {
    const std::string uuid = NewUuid();
    CHECK(IsUuid(uuid));
    CHECK(uuid[14] == '4');
    CHECK(std::string("89ab").find(uuid[19]) != std::string::npos);
    seen.insert(uuid);
  }
  CHECK(seen.size() == 200);
  CHECK(IsUuid("3f2504e0-4f89-41d3-9a0c-0305e82c3301"));
  CHECK_FALSE(IsUuid("3F2504E0-4F89-41D3-9A0C-0305E82C3301"));
  CHECK_FALSE(IsUuid("3f2504e0-4f89-41d3-9a0c-0305e82c330"));
  CHECK_FALSE(IsUuid("3f2504e0f4f89-41d3-9a0c-0305e82c3301"));
  CHECK_FALSE(IsUuid("3f2504e0-4f89-41d3-9a0c-0305e82c330g"));
  CHECK_FALSE(IsUuid(""));
}

TEST_CASE("search folds letters without a decomposition and one folded character finds nobody") {
  kiosk::test::TempDir temp;
  RegistrantStore store(temp.Path() / "registrants.db");
  store.Import({Person("V1", "Thị Hồng", "Đặng", "Ville de Hué"), Person("P1", "Łukasz", "Nowak", "Gdańsk"),
                Person("D1", "Søren", "Kierkegaard", "Aarhus Kommune"), Person("E1", "Eva", "Æbelø", "Odense")},
               "fold.csv");
  const auto codes = [&](std::string_view query) {
    std::vector<std::string> found;
    for (const RegistrantHit& hit : store.Search(query)) found.push_back(hit.registrant.order_code);
    return found;
  };
  CHECK(codes("dang") == std::vector<std::string>{"V1"});
  CHECK(codes("ĐẶNG") == std::vector<std::string>{"V1"});
  CHECK(codes("lukasz") == std::vector<std::string>{"P1"});
  CHECK(codes("soren") == std::vector<std::string>{"D1"});
  CHECK(codes("aebelo") == std::vector<std::string>{"E1"});
  CHECK(SearchText("Đặng Łukasz Søren Straße") == "dang lukasz soren strasse");
  // One character once folded, however it was typed: decomposed, with punctuation or invisible characters.
  CHECK(codes("E\xCC\x81").empty());
  CHECK(codes("e.").empty());
  CHECK(codes("e-").empty());
  CHECK(codes("\xC2\xA0"
              "e")
            .empty());
  CHECK(codes("e\xE2\x80\x8B").empty());
  CHECK(codes("æ").empty());  // one letter typed, though it folds to two
  CHECK(!codes("ev").empty());
}

TEST_CASE("a new registrant store is readable by its owner only") {
  kiosk::test::TempDir temp;
  const auto path = temp.Path() / "registrants.db";
  {
    RegistrantStore store(path);
    store.Import({Person("A1", "Anne", "Arnaud")}, "p.csv");
  }
  const auto perms = std::filesystem::status(path).permissions();
  CHECK((perms & (std::filesystem::perms::group_all | std::filesystem::perms::others_all)) ==
        std::filesystem::perms::none);
}

TEST_CASE("a plain pretix order code finds the order's only ticket as the exact match") {
  kiosk::test::TempDir temp;
  RegistrantStore store(temp.Path() / "registrants.db");
  // Codes as the pretix importer gives them (PretixTicketCode): "ORDER-" + 4 or 8 characters of pretix's alphabet.
  store.Import({Person("ABC12-HCZU", "Marie", "Dubois", "Ville de Rennes"),
                Person("K7Q2A-PLKH", "Jan", "van der Berg", "Gemeente Utrecht"),
                Person("LM3PX-7YDPECM9", "Awa", "Diop"), Person("Q1-1", "Omar", "Tazi"),
                Person("ORD-XYZ-ABCD", "Yann", "Le Gall"), Person("ORD2-ABC1", "Anne", "de la Tour")},
               "pretix.csv");
  const std::optional<RegistrantHit> marie = store.Find(" abc12 ");
  REQUIRE(marie);
  CHECK(marie->registrant.order_code == "ABC12-HCZU");
  CHECK(marie->exact_code);
  const std::vector<RegistrantHit> hits = store.Search("abc12");
  REQUIRE_FALSE(hits.empty());
  CHECK(hits[0].registrant.order_code == "ABC12-HCZU");
  CHECK(hits[0].exact_code);
  CHECK(hits.size() == 1);  // not listed again by the word search
  CHECK(store.Find("K7Q2A")->registrant.last_name == "van der Berg");
  CHECK(store.Find("lm3px")->registrant.order_code == "LM3PX-7YDPECM9");  // 8 characters after a collision
  // The full code still works, and the desk checks in by the hit's own code.
  CHECK(store.Find("abc12-hczu")->registrant.first_name == "Marie");
  CHECK(store.CheckIn(marie->registrant.order_code, "A", At(0)).outcome == CheckinResult::Outcome::CheckedIn);
  CHECK(store.Find("ABC12")->status.checked_in);
  // Not tickets of the order: a prefix of the order code, a sheet's "CODE-1", "ORD-XYZ-ABCD" (a ticket of
  // "ORD-XYZ"), a suffix outside pretix's alphabet.
  CHECK_FALSE(store.Find("ABC1"));
  CHECK_FALSE(store.Find("Q1"));
  CHECK_FALSE(store.Find("ORD"));
  REQUIRE(store.Find("ORD-XYZ"));
  CHECK(store.Find("ORD-XYZ")->registrant.last_name == "Le Gall");
  CHECK_FALSE(store.Find("ORD2"));
  CHECK_FALSE(store.Find(""));
  CHECK(store.Search("ord2").empty() == false);  // still a word of "ORD2-ABC1", just not exact
  CHECK_FALSE(store.Search("ord2")[0].exact_code);
}

TEST_CASE("a plain order code of several tickets has no exact match and lists the tickets") {
  kiosk::test::TempDir temp;
  RegistrantStore store(temp.Path() / "registrants.db");
  store.Import({Person("ABC12-HCZU", "Marie", "Dubois"), Person("ABC12-E9Z7", "Paul", "Le Gall"),
                Person("ABC12-C7AK", "Sophie", "Martin"), Person("K7Q2A-PLKH", "Jan", "van der Berg"),
                Person("ABC123-HCZU", "Awa", "Diop")},
               "pretix.csv");
  CHECK_FALSE(store.Find("ABC12"));
  const std::vector<RegistrantHit> hits = store.Search("ABC12");
  CHECK(CodeSet(hits) == std::set<std::string>{"ABC12-HCZU", "ABC12-E9Z7", "ABC12-C7AK", "ABC123-HCZU"});
  CHECK(std::none_of(hits.begin(), hits.end(), [](const RegistrantHit& hit) { return hit.exact_code; }));
  CHECK(SearchText("ABC12-K3QF") == "abc12 k3qf");  // the order code is a word of each ticket's code
}

TEST_CASE("a plain order code: withdrawn tickets do not count, a literal code wins") {
  kiosk::test::TempDir temp;
  RegistrantStore store(temp.Path() / "registrants.db");
  store.Import({Person("ABC12-HCZU", "Marie", "Dubois"), Person("ABC12-E9Z7", "Paul", "Le Gall")}, "v1.csv");
  CHECK_FALSE(store.Find("ABC12"));
  // Paul's ticket cancelled: Marie is the order's only ticket now.
  store.Import({Person("ABC12-HCZU", "Marie", "Dubois")}, "v2.csv");
  CHECK(store.Find("ABC12")->registrant.order_code == "ABC12-HCZU");
  CHECK(store.Search("ABC12")[0].exact_code);
  // Marie's ticket withdrawn too: nobody is meant, and Search lists both, withdrawn, as word matches.
  store.Import({Person("K7Q2A-PLKH", "Jan", "van der Berg")}, "v3.csv");
  CHECK_FALSE(store.Find("ABC12"));
  const std::vector<RegistrantHit> withdrawn = store.Search("ABC12");
  CHECK(CodeSet(withdrawn) == std::set<std::string>{"ABC12-HCZU", "ABC12-E9Z7"});
  CHECK_FALSE(withdrawn[0].exact_code);
  // A sheet registrant coded literally "ABC12" is the exact match, before the order's only ticket.
  store.Import({Person("ABC12", "Sophie", "Martin"), Person("ABC12-HCZU", "Marie", "Dubois")}, "sheet.csv");
  CHECK(store.Find("abc12")->registrant.first_name == "Sophie");
  const std::vector<RegistrantHit> sheet = store.Search("abc12");
  REQUIRE(sheet.size() == 3);  // and Paul's withdrawn ticket, as a word match
  CHECK(sheet[0].registrant.order_code == "ABC12");
  CHECK(sheet[0].exact_code);
  CHECK(CodeSet({sheet.begin() + 1, sheet.end()}) == std::set<std::string>{"ABC12-HCZU", "ABC12-E9Z7"});
  CHECK_FALSE(sheet[1].exact_code);
  CHECK_FALSE(sheet[2].exact_code);
}

TEST_CASE("the plain order code lookup is an index range, not a scan") {
  kiosk::test::TempDir temp;
  const auto path = temp.Path() / "registrants.db";
  RegistrantStore(path).Import({Person("ABC12-HCZU", "Marie", "Dubois")}, "p.csv");
  SQLite::Database db(path.string(), SQLite::OPEN_READONLY);
  // The WHERE clause of RegistrantStore.cpp's MatchOrderCode: "+withdrawn" keeps the planner off
  // registrants_by_group, which it would otherwise take (a scan of every current registrant).
  SQLite::Statement plan(db,
                         "EXPLAIN QUERY PLAN SELECT id FROM registrants WHERE order_code >= ?1 AND order_code < ?2 "
                         "AND +withdrawn = 0 AND length(order_code) - length(?1) IN (4, 8) AND "
                         "substr(order_code, length(?1) + 1) NOT GLOB '*[^ABCDEFGHJKLMNPQRSTUVWXYZ3789]*' LIMIT 2");
  std::string detail;
  while (plan.executeStep()) detail += plan.getColumn(3).getString() + "\n";
  INFO(detail);
  CHECK(detail.find("USING INDEX sqlite_autoindex_registrants_1 (order_code>? AND order_code<?)") != std::string::npos);
}

TEST_CASE("the hub merges desk events only within the registrants' days plus the margin") {
  kiosk::test::TempDir temp;
  RegistrantStore store(temp.Path() / "hub.db");
  Registrant person = Person("K7Q2A", "Élodie", "Marchetti");
  person.days = {Day{date::year{2026} / 7 / 8}, Day{date::year{2026} / 7 / 9}};
  Registrant other = Person("B3X9P", "Ana", "Silva");  // no days: expected every day
  store.Import({person, other}, "list.csv");
  CHECK(store.EventDays() == std::pair{person.days.front(), person.days.back()});

  const auto event = [](EventTime at, std::string code = "K7Q2A") {
    return CheckinEvent{NewUuid(), std::move(code), "A", at, CheckinKind::In, ""};
  };
  const EventTime now = At(0);
  // A year ahead (the old bound let it in, and the person was then "already checked in" at the event).
  const CheckinEvent ahead = event(At(0) + 24h * 300);
  HubMergeResult result = store.MergeDeskEvents({ahead, event(At(0) - 24h * 3, "B3X9P")}, now, HubEventRules{});
  CHECK(result.accepted == 0);
  CHECK(result.out_of_window == 2);
  CHECK(result.window_from_days);
  CHECK_FALSE(store.Status("K7Q2A").checked_in);
  CHECK(store.Events().empty());

  // The day before and the day after are within the default margin of 1 day (and 14 hours for the venue's UTC
  // offset); three days after the last day is not.
  const CheckinEvent day_before = event(At(-24 * 60), "B3X9P"), day_after = event(At(2 * 24 * 60 - 60));
  result = store.MergeDeskEvents({day_before, day_after, event(At(4 * 24 * 60))}, now, HubEventRules{});
  CHECK(result.accepted == 2);
  CHECK(result.out_of_window == 1);
  // Margin 0: the event's days only, (UTC days widened by 14 hours for the venue's offset).
  result = store.MergeDeskEvents({event(At(-24 * 60 - 60)), event(At(60))}, now, HubEventRules{.margin_days = 0});
  CHECK(result.accepted == 1);
  CHECK(result.out_of_window == 1);
  // A replay is neither accepted nor dropped.
  result = store.MergeDeskEvents({day_before, day_after}, now, HubEventRules{});
  CHECK(result.accepted == 0);
  CHECK(result.Dropped() == 0);

  // No registrant with days: the hub's clock, a year and a day either side.
  kiosk::test::TempDir other_temp;
  RegistrantStore no_days(other_temp.Path() / "hub.db");
  no_days.Import({other}, "list.csv");
  CHECK_FALSE(no_days.EventDays());
  result = no_days.MergeDeskEvents({event(now + 24h * 300, "B3X9P"), event(now + 24h * 367, "B3X9P")}, now, {});
  CHECK_FALSE(result.window_from_days);
  CHECK(result.accepted == 1);
  CHECK(result.out_of_window == 1);
}

TEST_CASE("the hub keeps at most 30 events of one order code a minute and counts the rest") {
  kiosk::test::TempDir temp;
  RegistrantStore store(temp.Path() / "hub.db");
  Registrant person = Person("K7Q2A", "Élodie", "Marchetti");
  person.days = {Day{date::year{2026} / 7 / 8}};
  store.Import({person, Person("B3X9P", "Ana", "Silva")}, "list.csv");
  std::vector<CheckinEvent> events;
  for (int i = 0; i < 10000; ++i) {
    // 10 000 in the minute 10:00, then one at 10:01, and another code in the same minute.
    events.push_back({NewUuid(), "k7q2a", "X", At(0) + std::chrono::milliseconds{i}, CheckinKind::In, ""});
  }
  events.push_back({NewUuid(), "K7Q2A", "X", At(1), CheckinKind::In, ""});
  events.push_back({NewUuid(), "B3X9P", "X", At(0), CheckinKind::In, ""});
  const HubMergeResult result = store.MergeDeskEvents(events, At(0), HubEventRules{});
  CHECK(result.accepted == 32);
  CHECK(result.over_rate == 9970);
  CHECK(result.codes_over_rate == std::vector<std::string>{"K7Q2A"});
  CHECK(store.Events().size() == 32);
  // The next batch in that minute is dropped too: the count is of what the store holds.
  const HubMergeResult next =
      store.MergeDeskEvents({{NewUuid(), "K7Q2A", "Y", At(0) + 59s, CheckinKind::In, ""}}, At(0), HubEventRules{});
  CHECK(next.accepted == 0);
  CHECK(next.over_rate == 1);
  CHECK(store.Status("K7Q2A").active.size() == 31);
}

TEST_CASE("a ticket code finds its registrant as the exact match, and checks them in") {
  kiosk::test::TempDir temp;
  RegistrantStore store(temp.Path() / "registrants.db");
  Registrant lise = Person("ABC12", "Lise", "Varenne", "Ville de Quimperlé");
  lise.ticket_codes = {"  x7kq9mzt2w4p8rbv ", "4006381333931", "abc12", ""};  // canonical: upper, no order code
  Registrant noe = Person("ZZ7Q", "Noé", "Castellane");
  noe.ticket_codes = {"bar-0042"};
  REQUIRE(store.Import({lise, noe}, "sheet.csv").added == 2);
  const std::optional<RegistrantHit> found = store.Find("x7kq9mzt2w4p8rbv\r");
  REQUIRE(found);
  CHECK(found->registrant.order_code == "ABC12");
  CHECK(found->exact_code);
  CHECK(found->registrant.ticket_codes == std::vector<std::string>{"4006381333931", "X7KQ9MZT2W4P8RBV"});
  CHECK(store.Find("4006381333931")->registrant.last_name == "Varenne");
  CHECK(store.Find("BAR-0042")->registrant.first_name == "Noé");
  CHECK_FALSE(store.Find("4006381333932"));
  // Search (the desk's typed query) puts the ticket code's registrant first.
  const std::vector<RegistrantHit> hits = store.Search("bar-0042");
  REQUIRE_FALSE(hits.empty());
  CHECK(hits[0].registrant.order_code == "ZZ7Q");
  CHECK(hits[0].exact_code);
  CHECK(store.CheckIn(found->registrant.order_code, "A", At(0)).outcome == CheckinResult::Outcome::CheckedIn);
  CHECK(store.Find("X7KQ9MZT2W4P8RBV")->status.checked_in);
  // Unchanged on re-import; a changed code list is an update and the old code finds nobody.
  CHECK(store.Import({lise, noe}, "sheet.csv").unchanged == 2);
  noe.ticket_codes = {"BAR-0043"};
  CHECK(store.Import({lise, noe}, "sheet.csv").updated == 1);
  CHECK_FALSE(store.Find("BAR-0042"));
  CHECK(store.Find("bar-0043")->registrant.order_code == "ZZ7Q");
  // A code moves from one registrant to another in one import.
  lise.ticket_codes = {"4006381333931"};
  noe.ticket_codes = {"BAR-0043", "x7kq9mzt2w4p8rbv"};
  store.Import({noe, lise}, "sheet.csv");
  CHECK(store.Find("X7KQ9MZT2W4P8RBV")->registrant.order_code == "ZZ7Q");
  CHECK(store.Find("4006381333931")->registrant.order_code == "ABC12");
  // An order code still wins over a ticket code equal to it elsewhere (refused at import anyway).
  CHECK(store.Find("ABC12")->registrant.first_name == "Lise");
}

TEST_CASE("a ticket code two registrants share is refused and nothing is written") {
  kiosk::test::TempDir temp;
  RegistrantStore store(temp.Path() / "registrants.db");
  Registrant a = Person("AAA11", "Lise", "Varenne");
  Registrant b = Person("BBB22", "Noé", "Castellane");
  a.ticket_codes = {"SHARED-1"};
  b.ticket_codes = {"shared-1 "};
  try {
    store.Import({a, b}, "sheet.csv");
    FAIL("imported a shared ticket code");
  } catch (const std::invalid_argument& error) {
    CHECK(std::string(error.what()) == "sheet.csv: ticket code SHARED-1 is shared by order codes AAA11 and BBB22");
  }
  b.ticket_codes = {"aaa11"};
  CHECK_THROWS_WITH_AS(store.Import({a, b}, "sheet.csv"),
                       "sheet.csv: ticket code AAA11 of order code BBB22 is the order code of another registrant",
                       std::invalid_argument);
  CHECK(store.RegistrantRevision() == 0);
  CHECK(store.All().empty());
}

TEST_CASE("a version 1 registrant store opens: migrated, its registrants and check-ins kept") {
  kiosk::test::TempDir temp;
  const std::filesystem::path path = temp.Path() / "registrants.db";
  {
    RegistrantStore store(path);
    store.Import({Person("K7Q2A", "Lise", "Varenne")}, "old.csv");
    store.CheckIn("K7Q2A", "A", At(0));
  }
  {  // Back to version 1 as that kiosk wrote it: no ticket_codes column, no registrant_codes table.
    SQLite::Database db(path.string(), SQLite::OPEN_READWRITE);
    db.exec("DROP TABLE registrant_codes");
    db.exec("ALTER TABLE registrants DROP COLUMN ticket_codes");
    db.exec("PRAGMA user_version = 1");
  }
  SUBCASE("read-only, as a desk's counter thread opens it") {
    RegistrantStore store(path, RegistrantStore::Mode::ReadOnly);
    CHECK(store.Find("k7q2a")->status.checked_in);
    CHECK(store.All().size() == 1);
  }
  SUBCASE("read-write, then a list with ticket codes") {
    RegistrantStore store(path);
    CHECK(store.Find("k7q2a")->status.checked_in);
    Registrant lise = Person("K7Q2A", "Lise", "Varenne");
    lise.ticket_codes = {"QR-SECRET-1"};
    CHECK(store.Import({lise}, "new.csv").updated == 1);
    CHECK(store.Find("qr-secret-1")->status.checked_in);
  }
  SQLite::Database db(path.string(), SQLite::OPEN_READONLY);
  CHECK(db.execAndGet("PRAGMA user_version").getInt() == RegistrantStore::kSchemaVersion);
}

TEST_CASE("a large import is staged and published whole: the same list, search, codes and withdrawals") {
  kiosk::test::TempDir temp;
  RegistrantStore store(temp.Path() / "registrants.db");
  std::vector<Registrant> first;
  for (int i = 0; i < 3000; ++i) {
    Registrant r = Person("P" + std::to_string(10000 + i), "Lise" + std::to_string(i), "Varenne", "Ville de Brest");
    r.ticket_codes = {"T" + std::to_string(i)};
    first.push_back(std::move(r));
  }
  first[7].last_name = "Castellane";
  RegistrantImportSummary summary = store.Import(first, "big.csv");  // 3000 rows written: staged
  CHECK(summary.added == 3000);
  CHECK(summary.revision == 1);
  CHECK(store.RegistrantRevision() == 1);
  REQUIRE(store.All().size() == 3000);
  CHECK(store.All()[0].registrant == first[0]);
  CHECK(store.Find("t7")->registrant.last_name == "Castellane");
  CHECK(Codes(store.Search("castellane")) == std::vector<std::string>{"P10007"});
  CHECK(store.CheckIn("P10007", "A", At(0)).outcome == CheckinResult::Outcome::CheckedIn);

  // A second list: 2500 kept (2400 changed), 500 gone, 2100 new; a code moves to a new registrant.
  std::vector<Registrant> second(first.begin(), first.begin() + 2500);
  for (int i = 100; i < 2500; ++i) second[static_cast<std::size_t>(i)].organisation = "Ville de Quimper";
  second[2].ticket_codes = {};
  for (int i = 0; i < 2100; ++i) second.push_back(Person("N" + std::to_string(20000 + i), "Noé", "Morvan"));
  second.back().ticket_codes = {"t2"};
  summary = store.Import(second, "big.csv");
  CHECK(summary.added == 2100);
  CHECK(summary.updated == 2401);
  CHECK(summary.unchanged == 99);
  CHECK(summary.withdrawn == 500);
  CHECK(summary.revision == 2);
  const std::vector<RegistrantHit> all = store.All();
  REQUIRE(all.size() == 5100);
  CHECK(std::count_if(all.begin(), all.end(), [](const RegistrantHit& hit) { return hit.withdrawn; }) == 500);
  CHECK(store.Find("P12999")->withdrawn);
  CHECK(store.Find("T2999")->registrant.order_code == "P12999");  // a withdrawn registrant's code still finds them
  CHECK(store.Find("T2")->registrant.order_code == "N22099");
  CHECK(store.Find("t7")->status.checked_in);  // check-ins untouched
  CHECK(store.Search("quimper", 5000).size() == 2400);
  CHECK(store.Search("brest", 5000).size() == 600);  // 100 unchanged + 500 withdrawn
  // A small import afterwards takes the one-transaction path on the published tables.
  second[0].first_name = "Lisette";
  summary = store.Import(second, "big.csv");
  CHECK(summary.updated == 1);
  CHECK(summary.unchanged == 4599);
  CHECK(store.Find("T0")->registrant.first_name == "Lisette");
  // No staging table is left behind.
  SQLite::Database db((temp.Path() / "registrants.db").string(), SQLite::OPEN_READONLY);
  CHECK(db.execAndGet("SELECT count(*) FROM sqlite_master WHERE name LIKE '%_next%'").getInt() == 0);
}
