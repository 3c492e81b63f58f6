// Real public frab XML and JSON programmes (../shared/corpus) through the importers; skipped when the corpus is absent.
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "TestSupport.h"
#include "kiosk/core/Model.h"
#include "kiosk/core/VenueZone.h"
#include "kiosk/importers/Importer.h"

namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using kiosk::ImportResult;
using kiosk::Instant;
using kiosk::Programme;
using kiosk::Session;

bool CorpusPresent() { return fs::is_directory(kiosk::test::CorpusDir()); }

/// A JSON Schema document (frab-schema.json) rather than a programme: its "$schema" names the meta-schema.
bool IsJsonSchema(const std::string& bytes) {
  const std::string head = bytes.substr(0, 400);
  return head.find("\"$schema\"") != std::string::npos && head.find("json-schema.org/") != std::string::npos;
}

ImportResult ImportCorpus(const std::string& relative, const std::string& time_zone = {}) {
  const fs::path path = kiosk::test::CorpusDir() / relative;
  kiosk::ImportOptions options;
  options.source_name = path.filename().string();
  options.time_zone = time_zone;
  const std::string bytes = kiosk::test::ReadBytes(path);
  return path.extension() == ".json" ? kiosk::ImportFrabJson(bytes, options) : kiosk::ImportFrabXml(bytes, options);
}

std::vector<fs::path> CorpusFiles(const std::string& folder, const std::string& extension) {
  std::vector<fs::path> files;
  for (const fs::directory_entry& entry : fs::directory_iterator(kiosk::test::CorpusDir() / folder)) {
    if (entry.is_regular_file() && entry.path().extension() == extension) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

const Session& ByTitle(const Programme& programme, const std::string& title) {
  auto found = std::find_if(programme.sessions.begin(), programme.sessions.end(),
                            [&](const Session& session) { return session.title == title; });
  REQUIRE_MESSAGE(found != programme.sessions.end(), "no session titled " << title);
  return *found;
}

/// How many warnings contain `needle` (in "where: message").
std::size_t CountWarnings(const std::vector<kiosk::Warning>& warnings, const std::string& needle) {
  return static_cast<std::size_t>(std::count_if(warnings.begin(), warnings.end(), [&](const kiosk::Warning& warning) {
    return warning.ToString().find(needle) != std::string::npos;
  }));
}

Instant At(const char* zone, date::year_month_day day, std::chrono::minutes time_of_day) {
  return kiosk::VenueZone(zone).ToInstant(date::local_days(day) + time_of_day);
}

}  // namespace

TEST_CASE("corpus: every frab XML and JSON programme imports") {
  if (!CorpusPresent()) {
    MESSAGE("corpus absent, skipped");
    return;
  }
  std::vector<fs::path> files = CorpusFiles("frab", ".xml");
  const std::vector<fs::path> json = CorpusFiles("json", ".json");
  files.insert(files.end(), json.begin(), json.end());
  CHECK(files.size() == 9);
  int imported = 0;
  for (const fs::path& path : files) {
    const std::string bytes = kiosk::test::ReadBytes(path);
    if (path.extension() == ".json" && IsJsonSchema(bytes)) continue;  // frab-schema.json describes the format
    INFO(path.filename().string());
    kiosk::ImportOptions options;
    options.source_name = path.filename().string();
    try {
      const ImportResult result =
          path.extension() == ".json" ? kiosk::ImportFrabJson(bytes, options) : kiosk::ImportFrabXml(bytes, options);
      CHECK_FALSE(result.programme.sessions.empty());
      CHECK_FALSE(result.programme.rooms.empty());
      for (const Session& session : result.programme.sessions) {
        CHECK(session.end >= session.start);
        CHECK_FALSE(session.uid.empty());
        CHECK(result.programme.FindRoom(session.room_key) != nullptr);
      }
      ++imported;
    } catch (const kiosk::ImportError& error) {
      FAIL_CHECK(error.what());
    }
  }
  CHECK(imported == 8);
}

TEST_CASE("corpus: session, room and day counts") {
  if (!CorpusPresent()) {
    MESSAGE("corpus absent, skipped");
    return;
  }
  struct Expected {
    const char* file;
    std::size_t sessions, rooms, days;
  };
  // From the issue (sessions of FOSDEM and 38C3) and SOURCES.md (days, rooms, events of each file).
  const Expected expected[] = {
      {"frab/fosdem-2024.xml", 674, 32, 2},   {"frab/fosdem-2026.xml", 883, 30, 2},
      {"frab/38c3.xml", 1007, 72, 4},         {"frab/debconf23.xml", 117, 5, 8},
      {"frab/democon-pretalx.xml", 35, 2, 3}, {"json/democon-pretalx.json", 35, 2, 3},
      {"json/frab-camp2019.json", 79, 2, 5},
  };
  for (const Expected& want : expected) {
    INFO(want.file);
    const ImportResult result = ImportCorpus(want.file);
    CHECK(result.programme.sessions.size() == want.sessions);
    CHECK(result.programme.rooms.size() == want.rooms);
    CHECK(result.programme.Days().size() == want.days);
  }
}

TEST_CASE("corpus: 38C3 times, zones and sessions after midnight") {
  if (!CorpusPresent()) {
    MESSAGE("corpus absent, skipped");
    return;
  }
  const auto begin = std::chrono::steady_clock::now();
  const ImportResult result = ImportCorpus("frab/38c3.xml");
  const auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - begin);
  MESSAGE("38c3.xml (2 MB) imported in " << elapsed.count() << " ms");
  const Programme& programme = result.programme;
  CHECK(programme.conference.time_zone == "Europe/Berlin");
  CHECK(programme.conference.first_day == date::year_month_day{date::year{2024} / 12 / 27});
  CHECK(programme.conference.last_day == date::year_month_day{date::year{2024} / 12 / 30});
  CHECK(programme.rooms[0].name == "Saal 1");
  CHECK(programme.rooms[0].key == "ba692ba3-421b-5371-8309-60acc34a3c05");

  const Session& opening = ByTitle(programme, "38C3: Opening Ceremony");
  CHECK(opening.uid == "270fa44c-821a-577f-8ca3-33e8d4a8c2a7");
  CHECK(opening.source_id == "2");
  CHECK(opening.room_key == programme.rooms[0].key);
  CHECK(opening.start == At("Europe/Berlin", date::year{2024} / 12 / 27, 10h + 30min));
  CHECK(opening.end - opening.start == 30min);
  CHECK(opening.kind == "Ceremony");
  CHECK(opening.track == "CCC");
  CHECK(opening.language == "en");
  CHECK(opening.speakers.size() >= 1);
  CHECK(opening.speakers[0].name == "Gabriela Bogk");

  // SOURCES.md: 58 events dated the next calendar day but filed under the previous day; 26 run past midnight.
  const kiosk::VenueZone berlin("Europe/Berlin");
  int next_day = 0, past_midnight = 0;
  for (const Session& session : programme.sessions) {
    if (berlin.LocalDay(session.start) != session.day) ++next_day;
    if (session.end > session.start && berlin.LocalDay(session.end - 1s) != berlin.LocalDay(session.start)) {
      ++past_midnight;
    }
  }
  CHECK(next_day == 58);
  CHECK(past_midnight == 26);
}

TEST_CASE("corpus: zones of FOSDEM, DebConf and the voc DemoCon") {
  if (!CorpusPresent()) {
    MESSAGE("corpus absent, skipped");
    return;
  }
  SUBCASE("FOSDEM 2024 names no zone: the default, or --tz") {
    const ImportResult plain = ImportCorpus("frab/fosdem-2024.xml");
    CHECK(plain.programme.conference.time_zone == "Europe/Paris");
    const ImportResult brussels = ImportCorpus("frab/fosdem-2024.xml", "Europe/Brussels");
    CHECK(brussels.programme.conference.time_zone == "Europe/Brussels");
    const Session& turtle = ByTitle(brussels.programme, "Creative Coding with TurtleStitch");
    CHECK(turtle.uid == "id:10528");
    CHECK(turtle.start == At("Europe/Brussels", date::year{2024} / 2 / 3, 10h + 30min));
    CHECK(turtle.end - turtle.start == 1h);
    CHECK(turtle.track == "FOSS Educational Programming Languages devroom");
    REQUIRE(turtle.speakers.size() == 1);
    CHECK(turtle.speakers[0].name == "Pauline Maas");
    // Its <description> is empty: the abstract stands in.
    CHECK(turtle.description.rfind("<p>Turtlestitch is based on", 0) == 0);
  }
  SUBCASE("FOSDEM 2026 names Europe/Brussels") {
    const ImportResult result = ImportCorpus("frab/fosdem-2026.xml");
    CHECK(result.programme.conference.time_zone == "Europe/Brussels");
    const Session& welcome = ByTitle(result.programme, "Welcome to FOSDEM 2026");
    CHECK(welcome.start == At("Europe/Brussels", date::year{2026} / 1 / 31, 9h + 30min));
    CHECK(welcome.track == "Main Track");
  }
  SUBCASE("DebConf23: <date> in UTC, <start> in Asia/Kolkata; the offset wins") {
    const ImportResult result = ImportCorpus("frab/debconf23.xml");
    CHECK(result.programme.conference.time_zone == "Asia/Kolkata");
    const Session& opening = ByTitle(result.programme, "Opening Ceremony");
    CHECK(opening.uid == "455d075f-48c0-2ec2-24b3-f5add30c383a");
    CHECK(opening.start == date::sys_days{date::year{2023} / 9 / 10} + 5h);
    CHECK(kiosk::VenueZone("Asia/Kolkata").FormatHm(opening.start) == "10:30");
    // Each <day> is labelled with the UTC date of its start (03:00 in Kochi): filed under the venue-local date.
    CHECK(opening.day == date::year_month_day{date::year{2023} / 9 / 10});
    const std::vector<kiosk::Day> days = result.programme.Days();
    REQUIRE(days.size() == 8);
    CHECK(days.front() == date::year_month_day{date::year{2023} / 9 / 10});
    CHECK(days.back() == date::year_month_day{date::year{2023} / 9 / 17});
    const kiosk::VenueZone kolkata("Asia/Kolkata");
    for (const Session& session : result.programme.sessions) CHECK(session.day == kolkata.LocalDay(session.start));
    CHECK(CountWarnings(result.warnings,
                        "debconf23.xml: /schedule/day[1]: start attribute "
                        "'2023-09-09T21:30:00+00:00' is 2023-09-10 in Asia/Kolkata, not date "
                        "attribute 2023-09-09; the day's events are filed under 2023-09-10") == 1);
    CHECK(CountWarnings(result.warnings, "the day's events are filed under") == 8);  // one per day
    CHECK(CountWarnings(result.warnings, "outside the conference days") == 0);
    CHECK(result.warnings.size() == 8);
  }
  SUBCASE("voc DemoCon JSON says UTC but writes +01:00") {
    const ImportResult result = ImportCorpus("json/pretalx-democon-voc.json");
    CHECK(result.programme.conference.time_zone == "UTC");
    CHECK(result.programme.sessions.size() == 36);
    // Its conference "rooms" gives Gray Room and Tan Room one guid, yet both hold sessions at the same times: within
    // one listing a shared guid is no identity, so they are two rooms keyed by name, with one warning.
    REQUIRE(result.programme.rooms.size() == 2);
    CHECK(result.programme.rooms[0] == kiosk::Room{"gray-room", "Gray Room"});
    CHECK(result.programme.rooms[1] == kiosk::Room{"tan-room", "Tan Room"});
    CHECK(CountWarnings(result.warnings,
                        "pretalx-democon-voc.json: /schedule/conference/rooms/1: rooms Gray Room and Tan Room "
                        "share guid b379c473-93b9-4eae-9a09-d482e86cede3; told apart by name") == 1);
    CHECK(ByTitle(result.programme, "Advanced 24hour hub").room_key == "tan-room");
    // 3 days of 9 Gray Room and 3 Tan Room sessions, each room's own back to back: no overlap left, and that one
    // warning is all (merged, the Tan Room sessions gave 27 overlap warnings).
    const auto in_room = [&](const std::string& key) {
      return std::count_if(result.programme.sessions.begin(), result.programme.sessions.end(),
                           [&](const Session& session) { return session.room_key == key; });
    };
    CHECK(in_room("gray-room") == 27);
    CHECK(in_room("tan-room") == 9);
    CHECK(CountWarnings(result.warnings, "overlap") == 0);
    CHECK(result.warnings.size() == 1);
    const Session& first = ByTitle(result.programme, "Focused 5thgeneration hardware");
    CHECK(first.start == date::sys_days{date::year{2020} / 12 / 14} + 8h);
  }
}

TEST_CASE("corpus: DemoCon as pretalx XML and as pretalx JSON give the same sessions") {
  if (!CorpusPresent()) {
    MESSAGE("corpus absent, skipped");
    return;
  }
  const ImportResult xml = ImportCorpus("frab/democon-pretalx.xml");
  const ImportResult json = ImportCorpus("json/democon-pretalx.json");
  using Row = std::tuple<std::string, Instant, Instant, std::string, std::string, std::string>;
  auto rows = [](const Programme& programme) {
    std::vector<Row> result;
    for (const Session& session : programme.sessions) {
      const kiosk::Room* room = programme.FindRoom(session.room_key);
      REQUIRE(room != nullptr);
      result.emplace_back(session.uid, session.start, session.end, session.title, room->key, room->name);
    }
    std::sort(result.begin(), result.end());
    return result;
  };
  const std::vector<Row> from_xml = rows(xml.programme);
  const std::vector<Row> from_json = rows(json.programme);
  CHECK(from_xml.size() == 35);
  CHECK(from_json.size() == 35);
  CHECK(from_xml == from_json);
  CHECK(xml.programme.conference.time_zone == "Europe/Berlin");
  CHECK(json.programme.conference.time_zone == "Europe/Berlin");

  // SOURCES.md: two events sit before their own day's 04:00 start; both files date them explicitly.
  const Session& early = ByTitle(xml.programme, "Persevering cohesive concept");
  CHECK(early.start == At("Europe/Berlin", date::year{2022} / 9 / 6, 1h + 50min));
  CHECK(early.day == date::year_month_day{date::year{2022} / 9 / 6});
  CHECK(ByTitle(json.programme, "Persevering cohesive concept").start == early.start);
}
