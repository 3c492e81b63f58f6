// Tests of the frab schedule.xml / schedule.json importers and the duration grammar, on the shared cases and inline
// files.
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <regex>
#include <string>
#include <vector>

#include "ImportTestHelpers.h"
#include "TestSupport.h"
#include "kiosk/core/Diagnostics.h"
#include "kiosk/core/Model.h"
#include "kiosk/core/NowNext.h"
#include "kiosk/core/Text.h"
#include "kiosk/core/VenueZone.h"
#include "kiosk/importers/Durations.h"
#include "kiosk/importers/Importer.h"
#include "kiosk/store/ScheduleStore.h"

namespace {

using namespace std::chrono_literals;
using date::local_days;
using date::October;
using kiosk::ImportError;
using kiosk::ImportOptions;
using kiosk::ImportResult;
using kiosk::Instant;
using kiosk::Programme;
using kiosk::Session;
using kiosk::Warning;

using kiosk::test::Named;
using kiosk::test::WarningsText;

ImportResult ImportCaseXml(const std::string& name, const std::string& file) {
  return kiosk::ImportFrabXml(kiosk::test::ReadBytes(kiosk::test::CasePath(name, file)), Named(file));
}

/// Wall-clock time in a zone as a UTC instant.
Instant At(const char* zone, date::year_month_day day, std::chrono::minutes time_of_day) {
  return kiosk::VenueZone(zone).ToInstant(local_days(day) + time_of_day);
}
Instant Paris(date::year_month_day day, std::chrono::minutes time_of_day) {
  return At("Europe/Paris", day, time_of_day);
}

const Session& ByTitle(const Programme& programme, const std::string& title) {
  auto found = std::find_if(programme.sessions.begin(), programme.sessions.end(),
                            [&](const Session& session) { return session.title == title; });
  REQUIRE_MESSAGE(found != programme.sessions.end(), "no session titled " << title);
  return *found;
}

const kiosk::Room& RoomNamed(const Programme& programme, const std::string& name) {
  auto found = std::find_if(programme.rooms.begin(), programme.rooms.end(),
                            [&](const kiosk::Room& room) { return room.name == name; });
  REQUIRE_MESSAGE(found != programme.rooms.end(), "no room named " << name);
  return *found;
}

/// How many warnings contain every one of `needles` (in "where: message").
std::size_t CountWarnings(const std::vector<Warning>& warnings, std::initializer_list<std::string> needles) {
  return static_cast<std::size_t>(std::count_if(warnings.begin(), warnings.end(), [&](const Warning& warning) {
    const std::string text = warning.ToString();
    return std::all_of(needles.begin(), needles.end(),
                       [&](const std::string& needle) { return text.find(needle) != std::string::npos; });
  }));
}

}  // namespace

TEST_CASE("ParseFrabDuration reads H:MM, HH:MM and pretalx D:HH:MM") {
  auto length = [](std::string_view text) {
    auto parsed = kiosk::ParseFrabDuration(text);
    REQUIRE_MESSAGE(parsed.has_value(), "unreadable: " << text);
    return parsed->length;
  };
  auto warning = [](std::string_view text) { return kiosk::ParseFrabDuration(text)->warning; };

  CHECK(length("1:30") == 90min);
  CHECK(warning("1:30").empty());
  CHECK(length("01:30") == 90min);
  CHECK(length(" 02:15 ") == 135min);
  CHECK(length("26:00") == 26h);
  CHECK(warning("26:00").empty());
  CHECK(length("100:00") == 100h);
  CHECK(length("00:75") == 75min);
  CHECK(warning("00:75").find("over 59") != std::string::npos);
  // pretalx writes a day part only for 24 h or more, and then D:HH:MM is ambiguous with the schema's HH:MM:SS.
  CHECK(length("1:02:00") == 26h);
  CHECK(warning("1:02:00").find("ambiguous") != std::string::npos);
  CHECK(length("2:00:30") == 48h + 30min);
  // No zero day (pretalx never writes one), an hour part over 23 or a one-digit last part: it can only be HH:MM:SS.
  CHECK(length("00:30:00") == 30min);
  CHECK(warning("00:30:00").empty());
  CHECK(length("01:30:00") == 90min);
  CHECK(warning("01:30:00").empty());
  CHECK(length("0:45:40") == 46min);
  CHECK(warning("0:45:40").find("seconds") != std::string::npos);
  CHECK(length("0:00") == 0min);
  CHECK_FALSE(warning("0:00").empty());  // Durations.h contract; the importers leave it to ValidateProgramme

  for (const char* bad :
       {"", "  ", "abc", "90", "1:5", "1:", ":30", "-1:00", "1:30:00:00", "12345:00", "1h30", "01:3O", "1:02:000"}) {
    CHECK_MESSAGE(!kiosk::ParseFrabDuration(bad).has_value(), "accepted: '" << std::string(bad) << "'");
  }
}

TEST_CASE("durations.xml: every duration kept, the doubtful ones warned about") {
  const ImportResult result = ImportCaseXml("durations", "durations.xml");
  const Programme& programme = result.programme;
  INFO(WarningsText(result.warnings));
  REQUIRE(programme.sessions.size() == 6);
  CHECK(programme.rooms.size() == 3);
  CHECK(programme.conference.time_zone == "Europe/Paris");
  CHECK(programme.conference.acronym == "dur");
  CHECK(programme.conference.first_day == date::year_month_day{date::year{2026} / 7 / 14});
  CHECK(programme.conference.last_day == date::year_month_day{date::year{2026} / 7 / 16});
  const date::year_month_day day{date::year{2026} / 7 / 14};

  const Session& three_part = ByTitle(programme, "Three-part duration");
  CHECK(three_part.uid == "d0000000-0000-4000-8000-000000000001");
  CHECK(three_part.source_id == "1");
  CHECK(three_part.day == day);
  CHECK(three_part.start == Paris(day, 10h));
  CHECK(three_part.end - three_part.start == 26h);
  CHECK(CountWarnings(result.warnings, {"durations.xml: /schedule/day[1]/room[1]/event[1]", "event 1:", "ambiguous"}) ==
        1);

  const Session& over_24 = ByTitle(programme, "Hours over 24");
  CHECK(over_24.end - over_24.start == 26h);
  CHECK(CountWarnings(result.warnings, {"event 2:"}) == 0);

  const Session& zero = ByTitle(programme, "Zero length");
  CHECK(zero.end == zero.start);
  CHECK(zero.start == Paris(day, 10h));
  // Reported once, by validation, not a second time by the importer.
  CHECK(CountWarnings(result.warnings, {"Zero length", "zero length"}) == 1);
  CHECK(CountWarnings(result.warnings, {"event 3:"}) == 0);

  const Session& over_59 = ByTitle(programme, "Minutes over 59");
  CHECK(over_59.start == Paris(day, 11h));
  CHECK(over_59.end - over_59.start == 75min);
  CHECK(CountWarnings(result.warnings, {"/schedule/day[1]/room[3]/event[2]", "event 4:", "over 59"}) == 1);

  const Session& no_leading_zero = ByTitle(programme, "No leading zero");
  CHECK(no_leading_zero.start == Paris(day, 13h));
  CHECK(no_leading_zero.end - no_leading_zero.start == 90min);
  CHECK(CountWarnings(result.warnings, {"event 5:"}) == 0);

  // Documented default (ImportFrabXml): an empty duration is kept as zero length, with a warning naming the event.
  const Session& empty = ByTitle(programme, "Empty duration");
  CHECK(empty.start == Paris(day, 15h));
  CHECK(empty.end == empty.start);
  CHECK(CountWarnings(result.warnings,
                      {"/schedule/day[1]/room[3]/event[4]", "event 6:", "empty duration, kept as zero length"}) == 1);
  // Its zero length is that same fact: validation does not report it a second time.
  CHECK(CountWarnings(result.warnings, {"Empty duration"}) == 0);
  CHECK(CountWarnings(result.warnings, {"session 6"}) == 0);
  CHECK(CountWarnings(result.warnings, {"zero length"}) == 2);  // "Zero length" by validation, event 6 by the importer

  CHECK(RoomNamed(programme, "Salle 3").key == kiosk::NormalizeKey("Salle 3"));
  CHECK(zero.room_key == RoomNamed(programme, "Salle 3").key);
}

TEST_CASE("night.xml: sessions across and after midnight") {
  const ImportResult result = ImportCaseXml("midnight", "night.xml");
  const Programme& programme = result.programme;
  REQUIRE(programme.sessions.size() == 3);
  REQUIRE(programme.rooms.size() == 2);
  CHECK(programme.rooms[0].name == "Workshop 2");
  CHECK(programme.rooms[1].name == "Hall A");
  const std::string workshop = RoomNamed(programme, "Workshop 2").key;
  const std::string hall = RoomNamed(programme, "Hall A").key;
  const date::year_month_day day1{date::year{2026} / October / 2};
  const date::year_month_day day2{date::year{2026} / October / 3};

  const Session& ctf = ByTitle(programme, "Night CTF");
  CHECK(ctf.room_key == workshop);
  CHECK(ctf.day == day1);
  CHECK(ctf.start == Paris(day1, 17h));
  CHECK(ctf.end == Paris(day2, 8h));
  CHECK(ctf.kind == "workshop");
  CHECK(ctf.language == "en");
  CHECK(ctf.uid == "7b0c6a52-0000-4000-8000-000000000901");

  const Session& late = ByTitle(programme, "Late lightning talks");
  CHECK(late.room_key == hall);
  CHECK(late.day == day1);  // filed under day 1 although on 3 October
  CHECK(late.start == Paris(day2, 1h + 30min));
  CHECK(late.end == Paris(day2, 2h + 15min));
  REQUIRE(late.speakers.size() == 1);
  CHECK(late.speakers[0].name == "Inès Moreau-Vidal");

  const Session& plenary = ByTitle(programme, "Morning plenary");
  CHECK(plenary.day == day2);
  CHECK(plenary.start == Paris(day2, 10h));

  const Instant two_am = Paris(day2, 2h);
  const Session* now_workshop = kiosk::SessionOnNow(programme, workshop, two_am);
  const Session* now_hall = kiosk::SessionOnNow(programme, hall, two_am);
  REQUIRE(now_workshop != nullptr);
  REQUIRE(now_hall != nullptr);
  CHECK(now_workshop->title == "Night CTF");
  CHECK(now_hall->title == "Late lightning talks");

  const Instant half_past_nine = Paris(day2, 9h + 30min);
  const Session* next_hall = kiosk::NextSession(programme, hall, half_past_nine);
  REQUIRE(next_hall != nullptr);
  CHECK(next_hall->title == "Morning plenary");
  CHECK(kiosk::SessionOnNow(programme, workshop, half_past_nine) == nullptr);

  // Each session is filed under one day only.
  const auto first_day = kiosk::SessionsOfDay(programme, day1);
  const auto second_day = kiosk::SessionsOfDay(programme, day2);
  CHECK(first_day.size() == 2);
  CHECK(second_day.size() == 1);
  CHECK(second_day[0]->title == "Morning plenary");
}

TEST_CASE("night.xml without <date> and offsets: the day's start decides what is after midnight") {
  const std::string bytes = kiosk::test::ReadBytes(kiosk::test::CasePath("midnight", "night.xml"));
  const std::string old_style = std::regex_replace(bytes, std::regex("<date>[^<]*</date>"), "");
  REQUIRE(old_style.find("<date>") == std::string::npos);
  const ImportResult modern = kiosk::ImportFrabXml(bytes, Named("night.xml"));
  const ImportResult old = kiosk::ImportFrabXml(old_style, Named("night-old.xml"));
  CHECK(old.programme == modern.programme);
}

TEST_CASE("old frab XML: no <date>, no offsets, <day_change>, rooms by normalized name") {
  const std::string xml = R"(<?xml version="1.0" encoding="UTF-8"?>
<schedule>
  <conference><title> Old  Conf </title><start>2019-05-10</start><end>2019-05-11</end><days>2</days>
    <day_change>06:00:00</day_change><timeslot_duration>00:15:00</timeslot_duration></conference>
  <day index="1" date="2019-05-10">
    <room name="Main Hall">
      <event id="11"><start>10:00</start><duration>01:00</duration><room>Main Hall</room><title>Opening</title>
        <abstract>Short</abstract><description>  Long text  </description>
        <persons><person id="1">Ada Lovelace</person><person id="1">Ada Lovelace</person><person id="2">Grace</person></persons>
      </event>
      <event id="12"><start>01:30</start><duration>0:45</duration><room>Main Hall</room><title>After midnight</title>
        <abstract>Only an abstract</abstract></event>
    </room>
    <room name="main  hall"><event id="13"><start>14:00</start><duration>00:30</duration><title>Same room</title></event></room>
    <room name="Salle Écluse"></room>
  </day>
  <day index="2" date="2019-05-11">
    <room name="Main Hall"><event id="21"><start>09:00</start><duration>01:00</duration><title>Day two</title></event></room>
  </day>
</schedule>)";
  const date::year_month_day day1{date::year{2019} / 5 / 10};
  const date::year_month_day day2{date::year{2019} / 5 / 11};

  const ImportResult result = kiosk::ImportFrabXml(xml, Named("old.xml"));
  const Programme& programme = result.programme;
  INFO(WarningsText(result.warnings));
  CHECK(programme.conference.time_zone == "Europe/Paris");  // none in the file, none given: the default
  CHECK(programme.conference.title == "Old  Conf");
  REQUIRE(programme.rooms.size() == 2);
  CHECK(programme.rooms[0] == kiosk::Room{"main-hall", "Main Hall"});
  CHECK(programme.rooms[1].name == "Salle Écluse");  // a room without events still counts
  CHECK(programme.rooms[1].key == kiosk::NormalizeKey("Salle Écluse"));
  REQUIRE(programme.sessions.size() == 4);

  const Session& opening = ByTitle(programme, "Opening");
  CHECK(opening.uid == "id:11");
  CHECK(opening.source_id == "11");
  CHECK(opening.room_key == "main-hall");
  CHECK(opening.day == day1);
  CHECK(opening.start == Paris(day1, 10h));
  CHECK(opening.end == Paris(day1, 11h));
  CHECK(opening.description == "Long text");
  REQUIRE(opening.speakers.size() == 2);
  CHECK(opening.speakers[0] == kiosk::Speaker{"Ada Lovelace", ""});
  CHECK(opening.speakers[1].name == "Grace");

  const Session& late = ByTitle(programme, "After midnight");
  CHECK(late.day == day1);
  CHECK(late.start == Paris(day2, 1h + 30min));  // before day_change 06:00: the next calendar date
  CHECK(late.end - late.start == 45min);
  CHECK(late.description == "Only an abstract");

  CHECK(ByTitle(programme, "Same room").room_key == "main-hall");
  CHECK(ByTitle(programme, "Day two").start == Paris(day2, 9h));
  CHECK(ByTitle(programme, "Day two").day == day2);

  // --tz: the venue zone; wall-clock times are read in it since the file names none.
  const ImportResult brussels = kiosk::ImportFrabXml(xml, Named("old.xml", "Europe/London"));
  CHECK(brussels.programme.conference.time_zone == "Europe/London");
  CHECK(ByTitle(brussels.programme, "Opening").start == At("Europe/London", day1, 10h));
}

TEST_CASE("frab XML: the venue zone is --tz, else the file's, else Europe/Paris, times without offset read in it") {
  const std::string xml = R"(<schedule><conference><time_zone_name>Europe/London</time_zone_name></conference>
  <day date="2026-03-02" index="1"><room name="R"><event id="1"><start>10:00</start><duration>01:00</duration>
  <title>T</title></event><event id="2"><date>2026-03-02T12:00:00+01:00</date><duration>01:00</duration>
  <title>U</title></event></room></day></schedule>)";
  const date::year_month_day day{date::year{2026} / 3 / 2};
  const std::string differs = "differs from --tz";

  const ImportResult own = kiosk::ImportFrabXml(xml, Named("z.xml"));
  CHECK(own.programme.conference.time_zone == "Europe/London");
  CHECK(ByTitle(own.programme, "T").start == At("Europe/London", day, 10h));
  CHECK(CountWarnings(own.warnings, {differs}) == 0);

  // --tz wins over the file's zone, for the venue and for reading wall-clock times; the difference is warned once.
  const ImportResult given = kiosk::ImportFrabXml(xml, Named("z.xml", "Europe/Paris"));
  CHECK(given.programme.conference.time_zone == "Europe/Paris");
  REQUIRE(given.programme.sessions.size() == 2);
  CHECK(ByTitle(given.programme, "T").start == Paris(day, 10h));
  CHECK(ByTitle(given.programme, "T").start == date::sys_days{day} + 9h);
  CHECK(ByTitle(given.programme, "U").start == date::sys_days{day} + 11h);  // an offset is honoured whatever the zone
  CHECK(CountWarnings(given.warnings, {differs}) == 1);
  CHECK(CountWarnings(given.warnings, {"z.xml: /schedule/conference/time_zone_name",
                                       "the file's time zone 'Europe/London' differs from --tz 'Europe/Paris'"}) == 1);

  const ImportResult same = kiosk::ImportFrabXml(xml, Named("z.xml", "Europe/London"));
  CHECK(ByTitle(same.programme, "T").start == At("Europe/London", day, 10h));
  CHECK(CountWarnings(same.warnings, {differs}) == 0);

  CHECK_THROWS_WITH_AS(kiosk::ImportFrabXml(xml, Named("z.xml", "Mars/Olympus")),
                       "z.xml: unknown time zone 'Mars/Olympus'", ImportError);

  const std::string unknown_zone = std::regex_replace(xml, std::regex("Europe/London"), "Nowhere/Atlantis");
  const ImportResult fallback = kiosk::ImportFrabXml(unknown_zone, Named("z.xml"));
  CHECK(fallback.programme.conference.time_zone == "Europe/Paris");
  CHECK(ByTitle(fallback.programme, "T").start == Paris(day, 10h));
  CHECK(CountWarnings(fallback.warnings, {"/schedule/conference/time_zone_name", "Nowhere/Atlantis"}) == 1);
  const ImportResult fallback_given = kiosk::ImportFrabXml(unknown_zone, Named("z.xml", "Asia/Tokyo"));
  CHECK(ByTitle(fallback_given.programme, "T").start == At("Asia/Tokyo", day, 10h));
  CHECK(CountWarnings(fallback_given.warnings, {"Nowhere/Atlantis"}) == 1);
  CHECK(CountWarnings(fallback_given.warnings, {differs}) == 0);
}

TEST_CASE("frab JSON: --tz wins over \"time_zone_name\" too") {
  const std::string json = R"({"schedule": {"conference": {"time_zone_name": "America/New_York", "days": [
    {"date": "2026-03-02", "rooms": {"R": [{"id": 1, "start": "10:00", "duration": "01:00", "title": "T"}]}}]}}})";
  const date::year_month_day day{date::year{2026} / 3 / 2};
  const ImportResult own = kiosk::ImportFrabJson(json, Named("z.json"));
  CHECK(own.programme.conference.time_zone == "America/New_York");
  CHECK(ByTitle(own.programme, "T").start == date::sys_days{day} + 15h);
  const ImportResult given = kiosk::ImportFrabJson(json, Named("z.json", "Europe/Berlin"));
  CHECK(given.programme.conference.time_zone == "Europe/Berlin");
  CHECK(ByTitle(given.programme, "T").start == date::sys_days{day} + 9h);
  CHECK(CountWarnings(given.warnings, {"z.json: /schedule/conference/time_zone_name",
                                       "the file's time zone 'America/New_York' differs from --tz 'Europe/Berlin'"}) ==
        1);
}

TEST_CASE("pentabarf XML: events directly in <day>, room from the event") {
  const std::string xml = R"(<?xml version="1.0" encoding="utf-8"?>
<schedule>
  <conference><title>27C3</title><acronym>27c3</acronym><time_zone_name>Europe/Berlin</time_zone_name></conference>
  <day index="1" date="2010-12-27">
    <event id="4001"><start>11:00</start><duration>00:30</duration><room>Saal 1</room><title>Talk A</title>
      <subtitle>ignored</subtitle><track>Hacking</track><type>lecture</type><language>de</language>
      <abstract>Short &amp; sweet</abstract><description></description>
      <persons><person id="7">Eve</person></persons></event>
    <event id="4002"><start>11:00</start><duration>01:00</duration><room>Saal 2</room><title>Talk B</title>
      <status>Cancelled</status></event>
    <event id="4003"><start>12:00</start><duration>00:30</duration><room>saal 1</room><title>Talk C</title></event>
  </day>
</schedule>)";
  const date::year_month_day day{date::year{2010} / 12 / 27};
  const ImportResult result = kiosk::ImportFrabXml(xml, Named("27c3.xml"));
  const Programme& programme = result.programme;
  CHECK(programme.conference.time_zone == "Europe/Berlin");
  CHECK(programme.conference.acronym == "27c3");
  REQUIRE(programme.rooms.size() == 2);
  CHECK(programme.rooms[0] == kiosk::Room{"saal-1", "Saal 1"});
  CHECK(programme.rooms[1] == kiosk::Room{"saal-2", "Saal 2"});
  REQUIRE(programme.sessions.size() == 3);

  const Session& a = ByTitle(programme, "Talk A");
  CHECK(a.uid == "id:4001");
  CHECK(a.room_key == "saal-1");
  CHECK(a.day == day);
  CHECK(a.start == At("Europe/Berlin", day, 11h));
  CHECK(a.end == At("Europe/Berlin", day, 11h + 30min));
  CHECK(a.track == "Hacking");
  CHECK(a.kind == "lecture");
  CHECK(a.language == "de");
  CHECK(a.description == "Short & sweet");
  CHECK(a.title_en.empty());
  REQUIRE(a.speakers.size() == 1);
  CHECK(a.speakers[0].name == "Eve");
  CHECK(a.status == kiosk::SessionStatus::Confirmed);

  CHECK(ByTitle(programme, "Talk B").status == kiosk::SessionStatus::Cancelled);
  CHECK(ByTitle(programme, "Talk B").room_key == "saal-2");
  CHECK(ByTitle(programme, "Talk C").room_key == "saal-1");
}

TEST_CASE("frab XML: room guids, repeated guids, offsets honoured") {
  const std::string xml = R"(<schedule><conference><time_zone_name>Europe/Paris</time_zone_name></conference>
  <day date="2026-07-08" index="1">
    <room name="Salon A" guid="room-a">
      <event id="1" guid="g1"><date>2026-07-08T10:00:00+02:00</date><start>10:00</start><duration>01:00</duration><title>Keynote</title></event>
      <event id="1" guid="g1"><date>2026-07-08T10:00:00+02:00</date><start>10:00</start><duration>01:00</duration><title>Keynote</title></event>
      <event id="1" guid="g1"><date>2026-07-08T14:00:00+02:00</date><start>14:00</start><duration>01:00</duration><title>Keynote</title></event>
      <event id="2" guid="g2"><date>2026-07-08T08:00:00Z</date><start>10:00</start><duration>00:30</duration><title>UTC</title></event>
    </room>
  </day>
  <day date="2026-07-09" index="2"><room name="salon a" guid="room-a"/></day>
</schedule>)";
  const date::year_month_day day{date::year{2026} / 7 / 8};
  const ImportResult result = kiosk::ImportFrabXml(xml, Named("repeat.xml"));
  const Programme& programme = result.programme;
  REQUIRE(programme.rooms.size() == 1);
  CHECK(programme.rooms[0] == kiosk::Room{"room-a", "Salon A"});
  REQUIRE(programme.sessions.size() == 3);
  CHECK(programme.sessions[0].uid == "g1");
  CHECK(programme.sessions[0].start == Paris(day, 10h));
  CHECK(programme.sessions[0].room_key == "room-a");
  CHECK(programme.sessions[1].uid == "g2");
  CHECK(programme.sessions[1].start == Paris(day, 10h));
  CHECK(programme.sessions[2].uid == "g1");
  CHECK(programme.sessions[2].start == Paris(day, 14h));
  CHECK(CountWarnings(result.warnings, {"repeat.xml: /schedule/day[1]/room[1]/event[2]", "g1", "kept once"}) == 1);
}

TEST_CASE("frab XML: errors name the file and the line or element path") {
  const ImportOptions options = Named("bad.xml");
  SUBCASE("malformed XML gives file:line") {
    const std::string xml = "<schedule>\n<day date=\"2026-01-01\">\n<room name=\"A\">\n</day>\n</schedule>\n";
    try {
      kiosk::ImportFrabXml(xml, options);
      FAIL("no ImportError");
    } catch (const ImportError& error) {
      CHECK(error.Where() == "bad.xml:4");
      CHECK(std::string(error.what()).find("at byte") != std::string::npos);
    }
  }
  SUBCASE("empty input") { CHECK_THROWS_AS(kiosk::ImportFrabXml("", options), ImportError); }
  SUBCASE("not a schedule") {
    CHECK_THROWS_WITH_AS(kiosk::ImportFrabXml("<rss><channel/></rss>", options), doctest::Contains("<schedule>"),
                         ImportError);
  }
  SUBCASE("missing start names the element path and the event") {
    std::string xml =
        "<schedule><day date=\"2026-01-01\"/><day date=\"2026-01-02\"><room name=\"A\"/><room name=\"B\"/>"
        "<room name=\"C\">";
    for (int i = 51; i <= 54; ++i) {
      xml += "<event id=\"" + std::to_string(i) + "\"><start>10:00</start><duration>00:10</duration></event>";
    }
    xml += "<event id=\"55\"><duration>00:10</duration><title>No start</title></event></room></day></schedule>";
    try {
      kiosk::ImportFrabXml(xml, options);
      FAIL("no ImportError");
    } catch (const ImportError& error) {
      CHECK(error.Where() == "bad.xml: /schedule/day[2]/room[3]/event[5]");
      CHECK(error.Message().find("event 55") != std::string::npos);
      CHECK(error.Message().find("<start>") != std::string::npos);
    }
  }
  SUBCASE("unreadable date") {
    const std::string xml = R"(<schedule><day date="2026-01-02"><room name="A"><event id="9"><date>yesterday</date>
      <start>10:00</start><duration>00:10</duration></event></room></day></schedule>)";
    CHECK_THROWS_WITH_AS(kiosk::ImportFrabXml(xml, options),
                         "bad.xml: /schedule/day[1]/room[1]/event[1]: event 9: unreadable <date> 'yesterday'",
                         ImportError);
  }
  SUBCASE("a well-formed date out of range says so") {
    const std::string xml = R"(<schedule><day date="2026-01-02"><room name="A"><event id="9">
      <date>9999-12-31T10:00:00+01:00</date><start>10:00</start><duration>00:10</duration></event></room></day>
      </schedule>)";
    CHECK_THROWS_WITH_AS(kiosk::ImportFrabXml(xml, options),
                         "bad.xml: /schedule/day[1]/room[1]/event[1]: event 9: <date> out of range: "
                         "9999-12-31T10:00:00+01:00 (dates run from 1970-01-01 to 2100-12-31)",
                         ImportError);
  }
  SUBCASE("unreadable duration") {
    const std::string xml = R"(<schedule><day date="2026-01-02"><room name="A"><event id="9">
      <start>10:00</start><duration>an hour</duration></event></room></day></schedule>)";
    try {
      kiosk::ImportFrabXml(xml, options);
      FAIL("no ImportError");
    } catch (const ImportError& error) {
      CHECK(error.Where() == "bad.xml: /schedule/day[1]/room[1]/event[1]");
      CHECK(error.Message().find("event 9") != std::string::npos);
      CHECK(error.Message().find("an hour") != std::string::npos);
    }
  }
}

TEST_CASE("duplicate-ids/schedule.json: one id, two guids, a person listed twice is linked once") {
  const std::string bytes = kiosk::test::ReadBytes(kiosk::test::CasePath("duplicate-ids", "schedule.json"));
  const ImportResult result = kiosk::ImportFrabJson(bytes, Named("schedule.json"));
  const Programme& programme = result.programme;
  INFO(WarningsText(result.warnings));
  CHECK(programme.conference.time_zone == "Europe/Paris");
  CHECK(programme.conference.acronym == "dup");
  REQUIRE(programme.rooms.size() == 1);
  CHECK(programme.rooms[0] == kiosk::Room{"forest", "Forest"});
  REQUIRE(programme.sessions.size() == 2);
  const date::year_month_day day1{date::year{2026} / 8 / 20};
  const date::year_month_day day2{date::year{2026} / 8 / 21};

  const Session& first = programme.sessions[0];
  CHECK(first.title == "Soldering 101");
  CHECK(first.uid == "5e2f0000-0000-4000-8000-000000000001");
  CHECK(first.source_id == "77");
  CHECK(first.day == day1);
  CHECK(first.start == Paris(day1, 9h));
  CHECK(first.end == Paris(day1, 10h));
  CHECK(first.kind == "Workshop");
  CHECK(first.track.empty());
  CHECK(first.language == "en");
  REQUIRE(first.speakers.size() == 1);
  CHECK(first.speakers[0].name == "Mira Quenell");

  const Session& second = programme.sessions[1];
  CHECK(second.title == "Soldering 101");
  CHECK(second.uid == "5e2f0000-0000-4000-8000-000000000002");
  CHECK(second.source_id == "77");
  CHECK(second.day == day2);
  CHECK(second.start == Paris(day2, 9h));
  CHECK(second.end == Paris(day2, 10h));
  CHECK(second.speakers.empty());
  CHECK(first.uid != second.uid);

  // Re-importing the same file changes nothing in the store: same sessions, same row ids.
  kiosk::test::TempDir dir;
  kiosk::ScheduleStore store(dir.Store());
  const std::string sha = kiosk::Sha256Hex(bytes);
  const kiosk::CommitResult first_commit = store.CommitImport(programme, result.warnings, "schedule.json", sha);
  CHECK(first_commit.changed);
  const auto row_ids = store.SessionRowIds();
  CHECK(row_ids.size() == 2);

  const ImportResult again = kiosk::ImportFrabJson(bytes, Named("schedule.json"));
  const kiosk::CommitResult second_commit = store.CommitImport(again.programme, again.warnings, "schedule.json", sha);
  CHECK_FALSE(second_commit.changed);
  CHECK(second_commit.revision == first_commit.revision);
  CHECK(store.SessionRowIds() == row_ids);
  const auto loaded = store.Load();
  REQUIRE(loaded.has_value());
  CHECK(loaded->programme.sessions.size() == 2);
  CHECK(store.Revisions().size() == 1);
}

TEST_CASE("truncated: a partial file is rejected and the store keeps the last good revision") {
  const std::string good = kiosk::test::ReadBytes(kiosk::test::CasePath("durations", "durations.xml"));
  const std::string truncated = kiosk::test::ReadBytes(kiosk::test::CasePath("truncated", "v5-truncated.xml"));
  const std::string full = kiosk::test::ReadBytes(kiosk::test::CasePath("truncated", "v5-full.xml"));

  kiosk::test::TempDir dir;
  kiosk::ScheduleStore store(dir.Store());
  const ImportResult first = kiosk::ImportFrabXml(good, Named("durations.xml"));
  REQUIRE(first.programme.sessions.size() == 6);
  const kiosk::CommitResult committed =
      store.CommitImport(first.programme, first.warnings, "durations.xml", kiosk::Sha256Hex(good));
  CHECK(committed.changed);

  try {
    kiosk::ImportFrabXml(truncated, Named("v5-truncated.xml"));
    FAIL("the truncated file was accepted");
  } catch (const ImportError& error) {
    // Cut inside the first event: the error is at the end of the last (8th) line.
    CHECK(error.Where() == "v5-truncated.xml:8");
    CHECK(std::string(error.what()).rfind("v5-truncated.xml:8: ", 0) == 0);
    CHECK(error.Message().rfind("unexpected end of file", 0) == 0);
    CHECK(error.Message().find("at byte " + std::to_string(truncated.size() - 1)) != std::string::npos);
  }
  auto loaded = store.Load();
  REQUIRE(loaded.has_value());
  CHECK(loaded->programme.sessions.size() == 6);
  CHECK(loaded->revision.number == committed.revision);
  CHECK(store.Revisions().size() == 1);

  // The same version label as the rejected file does not block the full one: it imports and commits. Its programme
  // equals version 3's (the label is not part of the model), so the store has nothing new to write.
  const ImportResult repaired = kiosk::ImportFrabXml(full, Named("v5-full.xml"));
  CHECK(repaired.programme.sessions.size() == 6);
  CHECK(repaired.programme == first.programme);
  kiosk::CommitResult after{};
  CHECK_NOTHROW(after =
                    store.CommitImport(repaired.programme, repaired.warnings, "v5-full.xml", kiosk::Sha256Hex(full)));
  CHECK(after.revision >= committed.revision);
  loaded = store.Load();
  REQUIRE(loaded.has_value());
  CHECK(loaded->programme.sessions.size() == 6);
  CHECK(loaded->revision.number == after.revision);
}

TEST_CASE("frab JSON: shapes of tracks, persons, state, old files without date") {
  const std::string json = R"({"schedule": {"version": "1", "conference": {"acronym": "j", "title": "J",
    "start": "2026-03-01", "end": "2026-03-02", "daysCount": 2, "time_zone_name": "Europe/Berlin",
    "rooms": [{"name": "Zeta", "guid": "zeta-guid"}, {"name": "Alpha", "guid": null}, {"name": "Empty"}],
    "days": [
      {"index": 1, "date": "2026-03-01", "day_start": "2026-03-01T08:00:00+01:00", "day_end": "2026-03-02T03:00:00+01:00",
       "rooms": {"Alpha": [
          {"id": 1, "guid": "j1", "start": "23:30", "duration": "01:00", "room": "Alpha", "title": " Late ",
           "track": {"name": "Night", "color": "#000"}, "type": "talk", "persons": [{"name": "Bob"}, "Carol", {"full_public_name": "Dan"}]},
          {"id": 2, "start": "01:00", "duration": "", "title": "Very late", "track": null, "state": "canceled",
           "abstract": "Abs", "description": ""}],
         "Zeta": [{"id": 3, "guid": "j3", "date": "2026-03-01T09:00:00Z", "start": "10:00", "duration": "00:30",
           "title": "Z", "track": "Main", "persons": []}]}}]}}})";
  const date::year_month_day day{date::year{2026} / 3 / 1};
  const date::year_month_day next{date::year{2026} / 3 / 2};
  const ImportResult result = kiosk::ImportFrabJson(json, Named("j.json"));
  const Programme& programme = result.programme;
  CHECK(programme.conference.time_zone == "Europe/Berlin");
  CHECK(programme.conference.first_day == day);
  REQUIRE(programme.rooms.size() == 3);  // conference.rooms order, with guids when given
  CHECK(programme.rooms[0] == kiosk::Room{"zeta-guid", "Zeta"});
  CHECK(programme.rooms[1] == kiosk::Room{"alpha", "Alpha"});
  CHECK(programme.rooms[2] == kiosk::Room{"empty", "Empty"});
  REQUIRE(programme.sessions.size() == 3);

  const Session& late = ByTitle(programme, "Late");
  CHECK(late.uid == "j1");
  CHECK(late.room_key == "alpha");
  CHECK(late.start == At("Europe/Berlin", day, 23h + 30min));
  CHECK(late.end == At("Europe/Berlin", next, 30min));
  CHECK(late.track == "Night");
  REQUIRE(late.speakers.size() == 3);
  CHECK(late.speakers[0].name == "Bob");
  CHECK(late.speakers[1].name == "Carol");
  CHECK(late.speakers[2].name == "Dan");

  const Session& very_late = ByTitle(programme, "Very late");
  CHECK(very_late.uid == "id:2");
  CHECK(very_late.day == day);
  CHECK(very_late.start == At("Europe/Berlin", next, 1h));  // before day_start 08:00: after midnight
  CHECK(very_late.end == very_late.start);
  CHECK(very_late.status == kiosk::SessionStatus::Cancelled);
  CHECK(very_late.description == "Abs");
  CHECK(very_late.track.empty());
  CHECK(CountWarnings(result.warnings,
                      {"j.json: /schedule/conference/days/0/rooms/Alpha/1", "event 2:", "empty duration"}) == 1);

  const Session& zeta = ByTitle(programme, "Z");
  CHECK(zeta.room_key == "zeta-guid");
  CHECK(zeta.start == At("Europe/Berlin", day, 10h));
  CHECK(zeta.track == "Main");
}

TEST_CASE("frab JSON: errors name the file and line, or the JSON path") {
  const ImportOptions options = Named("bad.json");
  SUBCASE("syntax error gives file:line") {
    try {
      kiosk::ImportFrabJson("{\n  \"schedule\": {\n    \"version\": ,\n  }\n}\n", options);
      FAIL("no ImportError");
    } catch (const ImportError& error) {
      CHECK(error.Where() == "bad.json:3");
      CHECK(error.Message().find("column 16") != std::string::npos);
    }
  }
  SUBCASE("empty and non-schedule inputs") {
    CHECK_THROWS_AS(kiosk::ImportFrabJson("", options), ImportError);
    CHECK_THROWS_AS(kiosk::ImportFrabJson("[]", options), ImportError);
    CHECK_THROWS_AS(kiosk::ImportFrabJson(R"({"schedule": {"conference": {"days": 3}}})", options), ImportError);
  }
  SUBCASE("an event without date or start names its JSON path") {
    const std::string json = R"({"schedule": {"conference": {"time_zone_name": "Europe/Paris", "days": [
      {"date": "2026-08-20", "rooms": {}},
      {"date": "2026-08-21", "rooms": {"Forest": [{"id": 78, "duration": "01:00", "title": "When?"}]}}]}}})";
    try {
      kiosk::ImportFrabJson(json, options);
      FAIL("no ImportError");
    } catch (const ImportError& error) {
      CHECK(error.Where() == "bad.json: /schedule/conference/days/1/rooms/Forest/0");
      CHECK(error.Message().find("event 78") != std::string::npos);
    }
  }
  SUBCASE("an event that is not an object") {
    const std::string json =
        R"({"schedule": {"conference": {"days": [{"date": "2026-08-20", "rooms": {"a/b": [7]}}]}}})";
    CHECK_THROWS_WITH_AS(kiosk::ImportFrabJson(json, options),
                         "bad.json: /schedule/conference/days/0/rooms/a~1b/0: expected an event object", ImportError);
  }
}

TEST_CASE("frab XML: text that is not valid UTF-8 is an error naming the element and the event") {
  // /tmp/rv/bad8.xml: Latin-1 bytes in a file declared UTF-8.
  const std::string head =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<schedule><conference><title>T</title>"
      "<time_zone_name>Europe/Paris</time_zone_name></conference><day index=\"1\" "
      "date=\"2026-07-08\">";
  const std::string event_head =
      "<event id=\"1\" guid=\"g1\"><date>2026-07-08T10:00:00+02:00</date><start>10:00</start>"
      "<duration>01:00</duration>";
  const std::string tail = "</event></room></day></schedule>";
  const std::string bad_room = head +
                               "<room name=\"Salle \xc9"
                               "cluse\">" +
                               event_head + "<title>Caf\xe9</title>" + tail;
  CHECK_THROWS_WITH_AS(kiosk::ImportFrabXml(bad_room, Named("bad8.xml")),
                       "bad8.xml: /schedule/day[1]/room[1]: invalid UTF-8 in the name attribute of <room>",
                       ImportError);

  const std::string bad_title = head + "<room name=\"Salle A\">" + event_head + "<title>Caf\xe9</title>" + tail;
  try {
    kiosk::ImportFrabXml(bad_title, Named("bad8.xml"));
    FAIL("invalid UTF-8 accepted");
  } catch (const ImportError& error) {
    CHECK(error.Where() == "bad8.xml: /schedule/day[1]/room[1]/event[1]/title");
    CHECK(error.Message() == "event 1: invalid UTF-8 in <title>");
    CHECK(kiosk::IsValidUtf8(error.what()));
  }

  const std::string bad_person = head + "<room name=\"A\"/><room name=\"B\">" + event_head +
                                 "<title>Ok</title><persons><person>Ann</person><person>Z\xc3</person></persons>" +
                                 tail;
  CHECK_THROWS_WITH_AS(kiosk::ImportFrabXml(bad_person, Named("p.xml")),
                       "p.xml: /schedule/day[1]/room[2]/event[1]/persons/person[2]: event 1: invalid UTF-8 in <person>",
                       ImportError);

  // A character reference to a surrogate gives no character either.
  const std::string surrogate = head + "<room name=\"A\">" + event_head + "<title>x&#xD800;</title>" + tail;
  CHECK_THROWS_WITH_AS(kiosk::ImportFrabXml(surrogate, Named("s.xml")),
                       "s.xml: /schedule/day[1]/room[1]/event[1]/title: event 1: invalid UTF-8 in <title>",
                       ImportError);

  // Deep nesting: the path keeps its outer and inner steps.
  std::string deep = "<schedule>";
  for (int i = 0; i < 100000; ++i) deep += "<x>";
  deep += "\xff";
  for (int i = 0; i < 100000; ++i) deep += "</x>";
  deep += "</schedule>";
  CHECK_THROWS_WITH_AS(kiosk::ImportFrabXml(deep, Named("deep.xml")),
                       "deep.xml: /schedule/x/x/x/x/x/x/x/x/x/x/x/\u2026/x/x/x/x/x/x/x/x/x/x/x/x: invalid UTF-8 in <x>",
                       ImportError);

  // The same bytes in a file that declares them Latin-1 are decoded, not rejected.
  std::string latin1 = bad_room;
  latin1.replace(latin1.find("UTF-8"), 5, "ISO-8859-1");
  const ImportResult decoded = kiosk::ImportFrabXml(latin1, Named("latin1.xml"));
  REQUIRE(decoded.programme.rooms.size() == 1);
  CHECK(decoded.programme.rooms[0].name == "Salle \u00c9cluse");
  CHECK(decoded.programme.rooms[0].key == "salle-ecluse");
  REQUIRE(decoded.programme.sessions.size() == 1);
  CHECK(decoded.programme.sessions[0].title == "Caf\u00e9");
}

TEST_CASE("frab JSON: invalid UTF-8 and unpaired surrogates are parse errors at file:line, in valid UTF-8") {
  const std::string head =
      "{\"schedule\": {\"conference\": {\"time_zone_name\": \"Europe/Paris\", \"days\": [\n"
      "{\"date\": \"2026-07-08\", \"rooms\": {\"A\": [\n";
  const std::string event = "{\"id\": 1, \"date\": \"2026-07-08T10:00:00+02:00\", \"duration\": \"01:00\", ";
  const std::string tail = "}]}}]}}}";
  for (const std::string& title : {std::string("\"Caf\xe9\""), std::string("\"\\ud800\""), std::string("\"x\\udc00\""),
                                   std::string("\"\xed\xa0\x80\"")}) {
    INFO(title);
    try {
      kiosk::ImportFrabJson(head + event + "\"title\": " + title + tail, Named("bad.json"));
      FAIL("accepted");
    } catch (const ImportError& error) {
      CHECK(error.Where() == "bad.json:3");
      CHECK(error.Message().rfind("JSON parse error at column ", 0) == 0);
      CHECK(kiosk::IsValidUtf8(error.what()));
    }
  }
  // In a key (a room name) as well.
  try {
    kiosk::ImportFrabJson(
        "{\"schedule\": {\"conference\": {\"days\": [{\"date\": \"2026-07-08\",\n\"rooms\": {\"R\xe9\": []}}]}}}",
        Named("key.json"));
    FAIL("accepted");
  } catch (const ImportError& error) {
    CHECK(error.Where() == "key.json:2");
    CHECK(error.Message().find("ill-formed UTF-8") != std::string::npos);
    CHECK(kiosk::IsValidUtf8(error.what()));
  }
  // Escaped non-ASCII is fine.
  const ImportResult ok =
      kiosk::ImportFrabJson(head + event + "\"title\": \"Caf\\u00e9 \\ud83d\\ude00\"" + tail, Named("ok.json"));
  REQUIRE(ok.programme.sessions.size() == 1);
  CHECK(ok.programme.sessions[0].title == "Caf\u00e9 \U0001F600");
}

TEST_CASE("frab XML and JSON: an event without a title is kept, with a warning naming it") {
  const std::string xml = R"(<schedule><day date="2026-07-08"><room name="A">
    <event id="5"><date>2026-07-08T10:00:00+02:00</date><duration>00:30</duration></event>
    <event id="6"><date>2026-07-08T11:00:00+02:00</date><duration>00:30</duration><title>  </title></event>
    <event guid="g7"><date>2026-07-08T12:00:00+02:00</date><duration>00:30</duration><title/></event>
    <event><date>2026-07-08T13:00:00+02:00</date><duration>00:30</duration></event>
    <event id="9"><date>2026-07-08T14:00:00+02:00</date><duration>00:30</duration><title>Named</title></event>
  </room></day></schedule>)";
  const ImportResult from_xml = kiosk::ImportFrabXml(xml, Named("t.xml"));
  INFO(WarningsText(from_xml.warnings));
  REQUIRE(from_xml.programme.sessions.size() == 5);
  CHECK(from_xml.programme.sessions[0].title.empty());
  CHECK(from_xml.programme.sessions[0].start == Paris(date::year{2026} / 7 / 8, 10h));
  CHECK(CountWarnings(from_xml.warnings, {"t.xml: /schedule/day[1]/room[1]/event[1]: event 5 has no title"}) == 1);
  CHECK(CountWarnings(from_xml.warnings, {"t.xml: /schedule/day[1]/room[1]/event[2]: event 6 has no title"}) == 1);
  CHECK(CountWarnings(from_xml.warnings, {"t.xml: /schedule/day[1]/room[1]/event[3]: event g7 has no title"}) == 1);
  CHECK(CountWarnings(from_xml.warnings, {"t.xml: /schedule/day[1]/room[1]/event[4]: event (no id) has no title"}) ==
        1);
  CHECK(CountWarnings(from_xml.warnings, {"has no title"}) == 4);

  const std::string json = R"({"schedule": {"conference": {"days": [{"date": "2026-07-08", "rooms": {"A": [
    {"id": 1, "date": "2026-07-08T10:00:00+02:00", "duration": "00:30"},
    {"id": 2, "date": "2026-07-08T11:00:00+02:00", "duration": "00:30", "title": ""},
    {"id": 3, "date": "2026-07-08T12:00:00+02:00", "duration": "00:30", "title": null},
    {"id": 4, "date": "2026-07-08T13:00:00+02:00", "duration": "00:30", "title": 42},
    {"id": 5, "date": "2026-07-08T14:00:00+02:00", "duration": "00:30", "title": {"en": "Talk"}},
    {"id": 6, "date": "2026-07-08T15:00:00+02:00", "duration": "00:30", "title": "Named"}]}}]}}})";
  const ImportResult from_json = kiosk::ImportFrabJson(json, Named("t.json"));
  INFO(WarningsText(from_json.warnings));
  REQUIRE(from_json.programme.sessions.size() == 6);
  const std::string at = "t.json: /schedule/conference/days/0/rooms/A/";
  CHECK(CountWarnings(from_json.warnings, {at + "0: event 1 has no title"}) == 1);
  CHECK(CountWarnings(from_json.warnings, {at + "1: event 2 has no title"}) == 1);
  CHECK(CountWarnings(from_json.warnings, {at + "2: event 3 has no title"}) == 1);
  CHECK(CountWarnings(from_json.warnings, {at + "3: event 4 has no title (\"title\" is number, not a string)"}) == 1);
  CHECK(CountWarnings(from_json.warnings, {at + "4: event 5 has no title (\"title\" is object, not a string)"}) == 1);
  CHECK(CountWarnings(from_json.warnings, {"has no title"}) == 5);
  CHECK(from_json.programme.sessions[3].title.empty());
  CHECK(from_json.programme.sessions[5].title == "Named");
}

TEST_CASE("frab XML and JSON: a day labelled with another zone's date is filed under its venue-local date") {
  // DebConf23's shape: Kochi (UTC+05:30), each day labelled with the UTC date of its 03:00 local start.
  const std::string xml = R"(<schedule><conference><start>2023-09-10</start><end>2023-09-12</end>
    <time_zone_name>Asia/Kolkata</time_zone_name></conference>
  <day date="2023-09-09" start="2023-09-09T21:30:00+00:00" end="2023-09-10T21:29:59+00:00" index="1">
    <room name="Anamudi">
      <event id="1"><date>2023-09-10T05:00:00+00:00</date><start>10:30</start><duration>00:30</duration><title>Opening</title></event>
    </room></day>
  <day date="2023-09-10" start="2023-09-10T21:30:00+00:00" end="2023-09-11T21:29:59+00:00" index="2">
    <room name="Anamudi">
      <event id="2"><start>10:30</start><duration>00:30</duration><title>Old style</title></event>
    </room></day>
  <day date="2023-09-12" start="2023-09-12T03:00:00" index="3">
    <room name="Anamudi"><event id="3"><start>10:30</start><duration>00:30</duration><title>Right day</title></event></room>
  </day>
</schedule>)";
  const date::year_month_day tenth{date::year{2023} / 9 / 10};
  const date::year_month_day eleventh{date::year{2023} / 9 / 11};
  const ImportResult result = kiosk::ImportFrabXml(xml, Named("dc.xml"));
  INFO(WarningsText(result.warnings));
  REQUIRE(result.programme.sessions.size() == 3);
  const Session& opening = ByTitle(result.programme, "Opening");
  CHECK(opening.day == tenth);
  CHECK(opening.start == At("Asia/Kolkata", tenth, 10h + 30min));
  const Session& old_style = ByTitle(result.programme, "Old style");
  CHECK(old_style.day == eleventh);
  CHECK(old_style.start == At("Asia/Kolkata", eleventh, 10h + 30min));
  // A start without an offset is venue-local already: its date is the day's.
  const date::year_month_day twelfth{date::year{2023} / 9 / 12};
  CHECK(ByTitle(result.programme, "Right day").day == twelfth);
  CHECK(ByTitle(result.programme, "Right day").start == At("Asia/Kolkata", twelfth, 10h + 30min));
  CHECK(CountWarnings(result.warnings,
                      {"dc.xml: /schedule/day[1]: start attribute '2023-09-09T21:30:00+00:00' is 2023-09-10 in "
                       "Asia/Kolkata, not date attribute 2023-09-09; the day's events are filed under 2023-09-10"}) ==
        1);
  CHECK(CountWarnings(result.warnings, {"dc.xml: /schedule/day[2]: start attribute", "filed under 2023-09-11"}) == 1);
  CHECK(CountWarnings(result.warnings, {"/schedule/day[3]"}) == 0);
  CHECK(CountWarnings(result.warnings, {"outside the conference days"}) == 0);
  CHECK(result.warnings.size() == 2);

  const std::string json = R"({"schedule": {"conference": {"time_zone_name": "Asia/Kolkata", "start": "2023-09-10",
    "end": "2023-09-10", "days": [{"date": "2023-09-09", "day_start": "2023-09-09T21:30:00Z", "rooms": {"Anamudi": [
      {"id": 1, "date": "2023-09-10T10:30:00+05:30", "duration": "00:30", "title": "Opening"},
      {"id": 2, "start": "11:30", "duration": "00:30", "title": "Old style"}]}}]}}})";
  const ImportResult from_json = kiosk::ImportFrabJson(json, Named("dc.json"));
  INFO(WarningsText(from_json.warnings));
  REQUIRE(from_json.programme.sessions.size() == 2);
  CHECK(ByTitle(from_json.programme, "Opening").day == tenth);
  CHECK(ByTitle(from_json.programme, "Opening").start == At("Asia/Kolkata", tenth, 10h + 30min));
  CHECK(ByTitle(from_json.programme, "Old style").day == tenth);
  CHECK(ByTitle(from_json.programme, "Old style").start == At("Asia/Kolkata", tenth, 11h + 30min));
  CHECK(CountWarnings(from_json.warnings,
                      {"dc.json: /schedule/conference/days/0: \"day_start\" '2023-09-09T21:30:00Z' is 2023-09-10 in "
                       "Asia/Kolkata, not \"date\" 2023-09-09; the day's events are filed under 2023-09-10"}) == 1);
  CHECK(from_json.warnings.size() == 1);
}

TEST_CASE("frab XML and JSON: a room with a guid is that guid, without one, its normalized name") {
  SUBCASE("same name, two guids: two rooms") {
    const std::string xml = R"(<schedule><day date="2026-07-08">
      <room name="Hall" guid="hall-north"><event id="1"><date>2026-07-08T10:00:00+02:00</date>
        <duration>01:00</duration><title>N</title></event></room>
      <room name="hall" guid="hall-south"><event id="2"><date>2026-07-08T10:00:00+02:00</date>
        <duration>01:00</duration><title>S</title></event></room>
    </day></schedule>)";
    const ImportResult result = kiosk::ImportFrabXml(xml, Named("r.xml"));
    INFO(WarningsText(result.warnings));
    REQUIRE(result.programme.rooms.size() == 2);
    CHECK(result.programme.rooms[0] == kiosk::Room{"hall-north", "Hall"});
    CHECK(result.programme.rooms[1] == kiosk::Room{"hall-south", "hall"});
    CHECK(ByTitle(result.programme, "N").room_key == "hall-north");
    CHECK(ByTitle(result.programme, "S").room_key == "hall-south");
    CHECK(CountWarnings(result.warnings, {"overlap"}) == 0);
    CHECK(CountWarnings(result.warnings, {"r.xml: /schedule/day[1]/room[2]",
                                          "room 'hall' (guid hall-south) has the name of another room (hall-north); "
                                          "kept as two rooms"}) == 1);
  }
  SUBCASE("a renamed room keeps its guid: one room, the rename warned once") {
    const std::string xml = R"(<schedule>
      <day date="2026-07-08"><room name="Salle A" guid="room-a"><event id="1"><date>2026-07-08T10:00:00+02:00</date>
        <duration>01:00</duration><title>One</title></event></room></day>
      <day date="2026-07-09"><room name="Amphi Turing" guid="room-a">
        <event id="2"><date>2026-07-09T10:00:00+02:00</date>
        <duration>01:00</duration><title>Two</title></event></room></day>
      <day date="2026-07-10"><room name="Amphi Turing" guid="room-a">
        <event id="3"><date>2026-07-10T10:00:00+02:00</date>
        <duration>01:00</duration><title>Three</title></event></room>
        <event id="4"><date>2026-07-10T12:00:00+02:00</date>
          <duration>01:00</duration><room>amphi turing</room><title>Four</title></event></day>
    </schedule>)";
    const ImportResult result = kiosk::ImportFrabXml(xml, Named("r.xml"));
    INFO(WarningsText(result.warnings));
    REQUIRE(result.programme.rooms.size() == 1);
    CHECK(result.programme.rooms[0] == kiosk::Room{"room-a", "Salle A"});
    for (const Session& session : result.programme.sessions) CHECK(session.room_key == "room-a");
    CHECK(result.programme.sessions.size() == 4);
    CHECK(CountWarnings(result.warnings,
                        {"r.xml: /schedule/day[2]/room[1]",
                         "room 'Amphi Turing' has the guid room-a of room 'Salle A'; taken as the same room"}) == 1);
    CHECK(result.warnings.size() == 1);
  }
  SUBCASE("JSON: conference rooms with guids, day rooms by name") {
    const std::string json = R"({"schedule": {"conference": {"rooms": [{"name": "Gray Room", "guid": "g-1"},
      {"name": "Blue Room", "guid": "g-2"}], "days": [{"date": "2026-07-08",
      "rooms": {"gray room": [{"id": 1, "date": "2026-07-08T10:00:00+02:00", "duration": "01:00", "title": "Y"}],
                "Blue Room": [{"id": 2, "date": "2026-07-08T10:00:00+02:00", "duration": "01:00", "title": "B"}],
                "Green Room": [{"id": 3, "date": "2026-07-08T10:00:00+02:00", "duration": "01:00", "title": "G"}]}}]}}})";
    const ImportResult result = kiosk::ImportFrabJson(json, Named("r.json"));
    INFO(WarningsText(result.warnings));
    REQUIRE(result.programme.rooms.size() == 3);
    CHECK(result.programme.rooms[0] == kiosk::Room{"g-1", "Gray Room"});
    CHECK(result.programme.rooms[1] == kiosk::Room{"g-2", "Blue Room"});
    CHECK(result.programme.rooms[2] == kiosk::Room{"green-room", "Green Room"});
    CHECK(ByTitle(result.programme, "Y").room_key == "g-1");
    CHECK(ByTitle(result.programme, "B").room_key == "g-2");
    CHECK(ByTitle(result.programme, "G").room_key == "green-room");
    CHECK(result.warnings.empty());
  }
}

TEST_CASE("frab XML and JSON: a guid one listing gives to two room names is no identity, across listings a rename") {
  SUBCASE("XML: shared within a <day>, two rooms told apart by name; renamed between days, one room") {
    // Day 1 and day 2 each list Gray and Tan under guid g-1 (parallel sessions); room-b is renamed on day 2.
    const std::string xml = R"(<schedule>
      <day date="2026-07-08">
        <room name="Gray Room" guid="g-1"><event id="1"><date>2026-07-08T10:00:00+02:00</date>
          <duration>01:00</duration><title>Gray 1</title></event></room>
        <room name="Tan Room" guid="g-1"><event id="2"><date>2026-07-08T10:00:00+02:00</date>
          <duration>01:00</duration><title>Tan 1</title></event></room>
        <room name="Salle B" guid="room-b"><event id="3"><date>2026-07-08T10:00:00+02:00</date>
          <duration>01:00</duration><title>B 1</title></event></room></day>
      <day date="2026-07-09">
        <room name="Tan Room" guid="g-1"><event id="4"><date>2026-07-09T10:00:00+02:00</date>
          <duration>01:00</duration><title>Tan 2</title></event></room>
        <room name="gray room" guid="g-1"><event id="5"><date>2026-07-09T10:00:00+02:00</date>
          <duration>01:00</duration><title>Gray 2</title></event></room>
        <room name="Amphi B" guid="room-b"><event id="6"><date>2026-07-09T10:00:00+02:00</date>
          <duration>01:00</duration><title>B 2</title></event></room></day>
    </schedule>)";
    const ImportResult result = kiosk::ImportFrabXml(xml, Named("r.xml"));
    INFO(WarningsText(result.warnings));
    REQUIRE(result.programme.rooms.size() == 3);
    CHECK(result.programme.rooms[0] == kiosk::Room{"gray-room", "Gray Room"});
    CHECK(result.programme.rooms[1] == kiosk::Room{"tan-room", "Tan Room"});
    CHECK(result.programme.rooms[2] == kiosk::Room{"room-b", "Salle B"});
    CHECK(ByTitle(result.programme, "Gray 1").room_key == "gray-room");
    CHECK(ByTitle(result.programme, "Gray 2").room_key == "gray-room");
    CHECK(ByTitle(result.programme, "Tan 1").room_key == "tan-room");
    CHECK(ByTitle(result.programme, "Tan 2").room_key == "tan-room");
    CHECK(ByTitle(result.programme, "B 1").room_key == "room-b");
    CHECK(ByTitle(result.programme, "B 2").room_key == "room-b");
    CHECK(CountWarnings(result.warnings, {"overlap"}) == 0);
    // Day 2 lists the same two rooms again (in another order): warned once.
    CHECK(CountWarnings(result.warnings, {"r.xml: /schedule/day[1]/room[2]: rooms Gray Room and Tan Room share guid "
                                          "g-1; told apart by name"}) == 1);
    CHECK(CountWarnings(result.warnings, {"r.xml: /schedule/day[2]/room[3]: room 'Amphi B' has the guid room-b of "
                                          "room 'Salle B'; taken as the same room"}) == 1);
    CHECK(result.warnings.size() == 2);
  }
  SUBCASE("XML: a guid alone on one day, shared on a later one") {
    // Day 1: Gray is g-1. Day 2 takes Tan as Gray renamed. Day 3 lists both under g-1: Tan is its own room from
    // then on; the sessions already filed stay where the earlier days put them.
    const std::string xml = R"(<schedule>
      <day date="2026-07-08"><room name="Gray Room" guid="g-1"><event id="1"><date>2026-07-08T10:00:00+02:00</date>
        <duration>01:00</duration><title>Gray 1</title></event></room></day>
      <day date="2026-07-09"><room name="Tan Room" guid="g-1"><event id="2"><date>2026-07-09T10:00:00+02:00</date>
        <duration>01:00</duration><title>Tan 2</title></event></room></day>
      <day date="2026-07-10">
        <room name="Gray Room" guid="g-1"><event id="3"><date>2026-07-10T10:00:00+02:00</date>
          <duration>01:00</duration><title>Gray 3</title></event></room>
        <room name="Tan Room" guid="g-1"><event id="4"><date>2026-07-10T10:00:00+02:00</date>
          <duration>01:00</duration><title>Tan 3</title></event></room></day>
      <day date="2026-07-11"><room name="Tan Room" guid="g-1"><event id="5"><date>2026-07-11T10:00:00+02:00</date>
        <duration>01:00</duration><title>Tan 4</title></event></room></day>
    </schedule>)";
    const ImportResult result = kiosk::ImportFrabXml(xml, Named("r.xml"));
    INFO(WarningsText(result.warnings));
    REQUIRE(result.programme.rooms.size() == 2);
    CHECK(result.programme.rooms[0] == kiosk::Room{"g-1", "Gray Room"});
    CHECK(result.programme.rooms[1] == kiosk::Room{"tan-room", "Tan Room"});
    CHECK(ByTitle(result.programme, "Gray 1").room_key == "g-1");
    CHECK(ByTitle(result.programme, "Tan 2").room_key == "g-1");
    CHECK(ByTitle(result.programme, "Gray 3").room_key == "g-1");
    CHECK(ByTitle(result.programme, "Tan 3").room_key == "tan-room");
    CHECK(ByTitle(result.programme, "Tan 4").room_key == "tan-room");
    CHECK(CountWarnings(result.warnings, {"r.xml: /schedule/day[2]/room[1]: room 'Tan Room' has the guid g-1 of "
                                          "room 'Gray Room'; taken as the same room"}) == 1);
    CHECK(CountWarnings(result.warnings, {"r.xml: /schedule/day[3]/room[2]: rooms Gray Room and Tan Room share guid "
                                          "g-1; told apart by name"}) == 1);
    CHECK(result.warnings.size() == 2);
  }
  SUBCASE("JSON: shared within conference \"rooms\", two rooms; the days' room keys find them by name") {
    // A schedule.json gives room guids only in conference "rooms" (one listing); each day's keys are names, so no
    // guid there can name a room renamed between days.
    const std::string json = R"({"schedule": {"conference": {"rooms": [{"name": "Gray Room", "guid": "g-1"},
      {"name": "Tan Room", "guid": "g-1"}, {"name": "Blue Room", "guid": "g-2"}], "days": [
      {"date": "2026-07-08", "rooms": {
        "Tan Room": [{"id": 1, "date": "2026-07-08T10:00:00+02:00", "duration": "01:00", "title": "Tan 1"}],
        "gray room": [{"id": 2, "date": "2026-07-08T10:00:00+02:00", "duration": "01:00", "title": "Gray 1"}],
        "Blue Room": [{"id": 3, "date": "2026-07-08T10:00:00+02:00", "duration": "01:00", "title": "Blue 1"}]}},
      {"date": "2026-07-09", "rooms": {
        "Gray Room": [{"id": 4, "date": "2026-07-09T10:00:00+02:00", "duration": "01:00", "title": "Gray 2"}],
        "Tan Room": [{"id": 5, "date": "2026-07-09T10:00:00+02:00", "duration": "01:00", "title": "Tan 2"}]}}]}}})";
    const ImportResult result = kiosk::ImportFrabJson(json, Named("r.json"));
    INFO(WarningsText(result.warnings));
    REQUIRE(result.programme.rooms.size() == 3);
    CHECK(result.programme.rooms[0] == kiosk::Room{"gray-room", "Gray Room"});
    CHECK(result.programme.rooms[1] == kiosk::Room{"tan-room", "Tan Room"});
    CHECK(result.programme.rooms[2] == kiosk::Room{"g-2", "Blue Room"});
    CHECK(ByTitle(result.programme, "Gray 1").room_key == "gray-room");
    CHECK(ByTitle(result.programme, "Gray 2").room_key == "gray-room");
    CHECK(ByTitle(result.programme, "Tan 1").room_key == "tan-room");
    CHECK(ByTitle(result.programme, "Tan 2").room_key == "tan-room");
    CHECK(ByTitle(result.programme, "Blue 1").room_key == "g-2");
    CHECK(CountWarnings(result.warnings, {"overlap"}) == 0);
    CHECK(CountWarnings(result.warnings, {"r.json: /schedule/conference/rooms/1: rooms Gray Room and Tan Room share "
                                          "guid g-1; told apart by name"}) == 1);
    CHECK(result.warnings.size() == 1);
  }
  SUBCASE("JSON: three names on one guid, one warning naming all three") {
    const std::string json = R"({"schedule": {"conference": {"rooms": [{"name": "A", "guid": "g"},
      {"name": "a", "guid": "g"}, {"name": "B", "guid": "g"}, {"name": "C", "guid": "g"}], "days": [
      {"date": "2026-07-08", "rooms": {
        "C": [{"id": 1, "date": "2026-07-08T10:00:00+02:00", "duration": "01:00", "title": "C 1"}]}}]}}})";
    const ImportResult result = kiosk::ImportFrabJson(json, Named("r.json"));
    INFO(WarningsText(result.warnings));
    REQUIRE(result.programme.rooms.size() == 3);
    CHECK(result.programme.rooms[0] == kiosk::Room{"a", "A"});
    CHECK(result.programme.rooms[1] == kiosk::Room{"b", "B"});
    CHECK(result.programme.rooms[2] == kiosk::Room{"c", "C"});
    CHECK(ByTitle(result.programme, "C 1").room_key == "c");
    CHECK(CountWarnings(result.warnings,
                        {"r.json: /schedule/conference/rooms/2: rooms A, B and C share guid g; told apart by name"}) ==
          1);
    CHECK(result.warnings.size() == 1);
  }
}

TEST_CASE("frab: control characters are removed from display text with a warning and refused in a guid") {
  // Issue 11 defect 4, once for every importer at ProgrammeBuilder::AddSession / Room.
  const std::string json = R"({"schedule": {"conference": {"title": "Conf\u001b[2J", "days": [{"index": 1,
    "date": "2026-07-08", "rooms": {"Salle\u0007 A": [{"id": 7, "guid": "g-7", "date": "2026-07-08T10:00:00+02:00",
    "duration": "01:00", "title": "Ouver\u0000ture\u009b", "persons": [{"public_name": "Anne\u0000 Martin"}]}]}}]}}})";
  const ImportResult result = kiosk::ImportFrabJson(json, Named("s.json"));
  INFO(WarningsText(result.warnings));
  REQUIRE(result.programme.sessions.size() == 1);
  CHECK(result.programme.sessions[0].title == "Ouverture");
  CHECK(result.programme.sessions[0].speakers.at(0).name == "Anne Martin");
  CHECK(result.programme.rooms.at(0).name == "Salle A");
  CHECK(WarningsText(result.warnings).find("event 7: title: removed 2 control characters") != std::string::npos);
  CHECK(WarningsText(result.warnings).find("room name: removed 1 control character") != std::string::npos);

  std::string bad_guid = json;
  bad_guid.replace(bad_guid.find("\"g-7\""), 5, "\"g\\u001b7\"");
  try {
    kiosk::ImportFrabJson(bad_guid, Named("s.json"));
    FAIL("no ImportError");
  } catch (const ImportError& error) {
    CHECK(error.Message().find("uid holds a control character (U+001B)") != std::string::npos);
    CHECK(std::string(error.what()).find('\x1b') == std::string::npos);
  }

  const std::string xml =
      "<?xml version=\"1.0\"?><schedule><conference><title>C</title></conference>"
      "<day index=\"1\" date=\"2026-07-08\"><room name=\"Hall\"><event id=\"1\" guid=\"g-1\">"
      "<date>2026-07-08T10:00:00+02:00</date><duration>01:00</duration><title>" +
      std::string(1 << 20, 'T') + "</title></event></room></day></schedule>";
  const ImportResult long_title = kiosk::ImportFrabXml(xml, Named("s.xml"));
  REQUIRE(long_title.programme.sessions.size() == 1);
  CHECK(long_title.programme.sessions[0].title == std::string(299, 'T') + "\xE2\x80\xA6");
  CHECK(WarningsText(long_title.warnings).find("title: cut from 1048576 to 300 characters") != std::string::npos);
}

// Review of issue 11: a guid took U+202E and zero-width characters; a title's open override reversed the line.
TEST_CASE("frab: bidi controls and zero-width characters are refused in a guid, unbalanced ones removed from a title") {
  const std::string json = R"({"schedule": {"conference": {"title": "C", "days": [{"index": 1, "date": "2026-07-08",
    "rooms": {"Salle A": [{"id": 7, "guid": "g-7", "date": "2026-07-08T10:00:00+02:00", "duration": "01:00",
    "title": "Atelier \u202Eeniram\u2028suite", "persons": [{"public_name": "\u2067مریم\u2069 Karimi"}]},
    {"id": 8, "date": "2026-07-08T11:00:00+02:00", "duration": "01:00", "title": "می\u200Cخواهم"}]}}]}}})";
  const ImportResult result = kiosk::ImportFrabJson(json, Named("s.json"));
  INFO(WarningsText(result.warnings));
  REQUIRE(result.programme.sessions.size() == 2);
  CHECK(result.programme.sessions[0].title == "Atelier eniram suite");
  CHECK(result.programme.sessions[0].speakers.at(0).name == "\u2067مریم\u2069 Karimi");  // a closed isolate stays
  CHECK(WarningsText(result.warnings).find("event 7: title: removed 1 bidirectional formatting character") !=
        std::string::npos);
  // A Persian title keeps its ZWNJ; the uid derived from it (no guid) is an identifier without it.
  CHECK(result.programme.sessions[1].title == "می\u200Cخواهم");
  CHECK(result.programme.sessions[1].uid.find("\u200C") == std::string::npos);

  for (const auto& [bad, code] :
       {std::pair{"g\\u202E7", "U+202E RIGHT-TO-LEFT OVERRIDE"}, std::pair{"g\\u200B7", "U+200B ZERO WIDTH SPACE"},
        std::pair{"g\\u20287", "U+2028 LINE SEPARATOR"}}) {
    CAPTURE(bad);
    std::string bad_guid = json;
    bad_guid.replace(bad_guid.find("\"g-7\""), 5, "\"" + std::string(bad) + "\"");
    try {
      kiosk::ImportFrabJson(bad_guid, Named("s.json"));
      FAIL("no ImportError");
    } catch (const ImportError& error) {
      CHECK(error.Where().find("s.json") == 0);
      CHECK(error.Message().find(std::string("uid holds ")) != std::string::npos);
      CHECK(error.Message().find(std::string("(") + code + ") at character 2") != std::string::npos);
    }
  }

  const std::string xml =
      "<?xml version=\"1.0\"?><schedule><conference><title>C</title></conference>"
      "<day index=\"1\" date=\"2026-07-08\"><room name=\"Hall\" guid=\"r-1\"><event id=\"1\" "
      "guid=\"g-1\"><date>2026-07-08T10:00:00+02:00</date><duration>01:00</duration>"
      "<title>x \u202Bשלום</title></event></room></day></schedule>";
  const ImportResult from_xml = kiosk::ImportFrabXml(xml, Named("s.xml"));
  REQUIRE(from_xml.programme.sessions.size() == 1);
  CHECK(from_xml.programme.sessions[0].title == "x שלום");  // the embedding never closed
  std::string bad_room = xml;
  bad_room.replace(bad_room.find("r-1"), 3, "r\u202E1");
  try {
    kiosk::ImportFrabXml(bad_room, Named("s.xml"));
    FAIL("no ImportError");
  } catch (const ImportError& error) {
    CHECK(error.Message() ==
          "room guid holds a bidirectional formatting character (U+202E RIGHT-TO-LEFT OVERRIDE) at "
          "character 2");
  }
  std::string bad_event = xml;
  bad_event.replace(bad_event.find("g-1"), 3, "g\u20601");
  try {
    kiosk::ImportFrabXml(bad_event, Named("s.xml"));
    FAIL("no ImportError");
  } catch (const ImportError& error) {
    CHECK(error.Message().find("uid holds an invisible format character (U+2060 WORD JOINER) at character 2") !=
          std::string::npos);
  }
}

TEST_CASE("status words: the spreadsheet, frab XML and frab JSON importers read the same word the same way") {
  // Each word as a spreadsheet status cell, a frab <status> and a JSON "state"; "annulée" was refused by frab before.
  const std::vector<std::pair<std::string, kiosk::SessionStatus>> words = {
      {"cancelled", kiosk::SessionStatus::Cancelled}, {"Canceled", kiosk::SessionStatus::Cancelled},
      {"annulé", kiosk::SessionStatus::Cancelled},    {"Annulée", kiosk::SessionStatus::Cancelled},
      {"annulee", kiosk::SessionStatus::Cancelled},   {"ANNULE", kiosk::SessionStatus::Cancelled},
      {"confirmed", kiosk::SessionStatus::Confirmed}, {"confirmée", kiosk::SessionStatus::Confirmed},
      {"accepted", kiosk::SessionStatus::Confirmed},  {"scheduled", kiosk::SessionStatus::Confirmed}};
  for (const auto& [word, status] : words) {
    CAPTURE(word);
    const ImportResult csv = kiosk::ImportCsv(
        "id,date,start,end,room,title,status\n1,2026-07-08,10:00,11:00,Salon Monge,Talk," + word + "\n",
        Named("s.csv"));
    const ImportResult xml = kiosk::ImportFrabXml(
        R"(<schedule><day date="2026-07-08"><room name="Salon Monge"><event id="1"><date>2026-07-08T10:00:00+02:00</date>)"
        R"(<duration>01:00</duration><title>Talk</title><status>)" +
            word + "</status></event></room></day></schedule>",
        Named("s.xml"));
    const ImportResult json = kiosk::ImportFrabJson(
        R"({"schedule": {"conference": {"days": [{"date": "2026-07-08", "rooms": {"Salon Monge": [{"id": 1, )"
        R"("date": "2026-07-08T10:00:00+02:00", "duration": "01:00", "title": "Talk", "state": ")" +
            word + "\"}]}}]}}}",
        Named("s.json"));
    REQUIRE(csv.programme.sessions.size() == 1);
    REQUIRE(xml.programme.sessions.size() == 1);
    REQUIRE(json.programme.sessions.size() == 1);
    CHECK(csv.programme.sessions[0].status == status);
    CHECK(xml.programme.sessions[0].status == status);
    CHECK(json.programme.sessions[0].status == status);
  }
}

TEST_CASE("frab XML and JSON: an event with neither guid nor id gets the derived uid every importer spells") {
  const ImportResult xml = kiosk::ImportFrabXml(
      R"(<schedule><day date="2026-07-08"><room name="Salon Monge"><event><date>2026-07-08T10:00:00+02:00</date>)"
      R"(<duration>01:00</duration><title>Table ronde : élus</title></event></room></day></schedule>)",
      Named("u.xml"));
  const ImportResult json = kiosk::ImportFrabJson(
      R"({"schedule": {"conference": {"days": [{"date": "2026-07-08", "rooms": {"Salon Monge": [)"
      R"({"date": "2026-07-08T10:00:00+02:00", "duration": "01:00", "title": "Table ronde : élus"}]}}]}}})",
      Named("u.json"));
  REQUIRE(xml.programme.sessions.size() == 1);
  REQUIRE(json.programme.sessions.size() == 1);
  // importers/SessionUid.h: SCHEME ":" UTC start "@" room key "/" NormalizeKey(title), as "csv:" and "ics:" uids.
  CHECK(xml.programme.sessions[0].uid == "frab:2026-07-08T08:00:00Z@salon-monge/table-ronde-elus");
  CHECK(json.programme.sessions[0].uid == xml.programme.sessions[0].uid);
}

TEST_CASE("frab XML and JSON (pretalx): two languages or an interpretation field give the session's interpretation") {
  const std::string xml = R"(<schedule><day date="2026-07-08"><room name="A">
    <event id="1"><date>2026-07-08T10:00:00+02:00</date><duration>00:30</duration><title>Both</title>
      <language>fr, en</language></event>
    <event id="2"><date>2026-07-08T11:00:00+02:00</date><duration>00:30</duration><title>One</title>
      <language>en</language></event>
    <event id="3"><date>2026-07-08T12:00:00+02:00</date><duration>00:30</duration><title>Field</title>
      <language>fr</language><interpretation>FR↔EN canal 2</interpretation></event>
    <event id="4"><date>2026-07-08T13:00:00+02:00</date><duration>00:30</duration><title>Unreadable</title>
      <language>fr/en</language><interpretation>FR/XX</interpretation></event>
    <event id="5"><date>2026-07-08T14:00:00+02:00</date><duration>00:30</duration><title>Words</title>
      <language>English</language></event>
  </room></day></schedule>)";
  const ImportResult from_xml = kiosk::ImportFrabXml(xml, Named("t.xml"));
  INFO(WarningsText(from_xml.warnings));
  REQUIRE(from_xml.programme.sessions.size() == 5);
  CHECK(ByTitle(from_xml.programme, "Both").interpretation == kiosk::Interpretation{{"FR", "EN"}, ""});
  CHECK(ByTitle(from_xml.programme, "Both").language == "fr, en");  // the language is kept as written
  CHECK_FALSE(ByTitle(from_xml.programme, "One").interpretation.Any());
  CHECK(ByTitle(from_xml.programme, "Field").interpretation == kiosk::Interpretation{{"FR", "EN"}, "2"});
  // An interpretation field it cannot read: a warning naming the event and the text, and none shown (not the
  // language's guess, which the field contradicts).
  CHECK_FALSE(ByTitle(from_xml.programme, "Unreadable").interpretation.Any());
  CHECK(CountWarnings(from_xml.warnings,
                      {"t.xml: /schedule/day[1]/room[1]/event[4]/interpretation: event 4: interpretation 'FR/XX'"}) ==
        1);
  CHECK_FALSE(ByTitle(from_xml.programme, "Words").interpretation.Any());

  // pretalx's schedule.json (frab JSON): "language" as pretalx writes it, and an "interpretation" field.
  const std::string json = R"json({"schedule": {"conference": {"days": [{"date": "2026-07-08", "rooms": {"A": [
    {"id": 1, "date": "2026-07-08T10:00:00+02:00", "duration": "00:30", "title": "Both", "language": "fr/en"},
    {"id": 2, "date": "2026-07-08T11:00:00+02:00", "duration": "00:30", "title": "One", "language": "en"},
    {"id": 3, "date": "2026-07-08T12:00:00+02:00", "duration": "00:30", "title": "Field", "language": "en",
     "interpretation": "EN, ES (channel 3)"}]}}]}}})json";
  const ImportResult from_json = kiosk::ImportFrabJson(json, Named("t.json"));
  INFO(WarningsText(from_json.warnings));
  REQUIRE(from_json.programme.sessions.size() == 3);
  CHECK(ByTitle(from_json.programme, "Both").interpretation == kiosk::Interpretation{{"FR", "EN"}, ""});
  CHECK_FALSE(ByTitle(from_json.programme, "One").interpretation.Any());
  CHECK(ByTitle(from_json.programme, "Field").interpretation == kiosk::Interpretation{{"EN", "ES"}, "3"});
}
