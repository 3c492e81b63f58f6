// Core: venue zone conversions, ISO parsing, text keys, now/next across midnight, phases, validation warnings.
// CTest runs this suite twice, once with the host's TZ=Asia/Tokyo: nothing here may depend on the host zone.
#include <doctest/doctest.h>

#include <cstdio>
#include <cstdlib>

#include "kiosk/core/Clock.h"
#include "kiosk/core/Fields.h"
#include "kiosk/core/NowNext.h"
#include "kiosk/core/RoomLookup.h"
#include "kiosk/core/Text.h"
#include "kiosk/core/Validation.h"
#include "kiosk/core/VenueZone.h"

using namespace kiosk;
using namespace std::chrono_literals;

namespace {

Instant Utc(const char* text) { return ParseIsoInstant(text, VenueZone("UTC")); }

Session MakeSession(std::string uid, std::string room, Day day, Instant start, Instant end, std::string title,
                    SessionStatus status = SessionStatus::Confirmed) {
  Session session;
  session.uid = std::move(uid);
  session.source_id = session.uid;
  session.room_key = std::move(room);
  session.day = day;
  session.start = start;
  session.end = end;
  session.title = std::move(title);
  session.status = status;
  return session;
}

// The shape of ../shared/cases/midnight: a session crossing midnight and one after midnight filed under day 1.
Programme NightProgramme() {
  VenueZone paris("Europe/Paris");
  Programme programme;
  programme.conference.time_zone = "Europe/Paris";
  programme.rooms = {{"workshop-2", "Workshop 2"}, {"hall-a", "Hall A"}};
  Day day1 = ParseDay("2026-10-02"), day2 = ParseDay("2026-10-03");
  programme.sessions = {
      MakeSession("901", "workshop-2", day1, ParseIsoInstant("2026-10-02T17:00", paris),
                  ParseIsoInstant("2026-10-03T08:00", paris), "Night CTF"),
      MakeSession("902", "hall-a", day1, ParseIsoInstant("2026-10-03T01:30", paris),
                  ParseIsoInstant("2026-10-03T02:15", paris), "Late lightning talks"),
      MakeSession("903", "hall-a", day2, ParseIsoInstant("2026-10-03T10:00", paris),
                  ParseIsoInstant("2026-10-03T11:00", paris), "Morning plenary"),
  };
  programme.Normalize();
  return programme;
}

}  // namespace

TEST_CASE("venue zone converts wall-clock time in Paris to UTC and back, whatever the host zone") {
  VenueZone paris("Europe/Paris");
  Instant instant = ParseIsoInstant("2026-07-08T10:20", paris);
  CHECK(FormatUtc(instant) == "2026-07-08T08:20:00Z");
  CHECK(paris.FormatIso(instant) == "2026-07-08T10:20:00+02:00");
  CHECK(paris.FormatHm(instant) == "10:20");
  CHECK(paris.Offset(ParseIsoInstant("2026-01-15T12:00", paris)) == "+01:00");
  CHECK(FormatDay(paris.LocalDay(Utc("2026-07-08T22:30:00Z"))) == "2026-07-09");
}

TEST_CASE("ISO 8601 instants with Z, offsets, seconds and fractions") {
  VenueZone paris("Europe/Paris");
  CHECK(FormatUtc(ParseIsoInstant("2026-07-20T19:30:00Z", paris)) == "2026-07-20T19:30:00Z");
  CHECK(FormatUtc(ParseIsoInstant("2026-07-20T12:00:00-07:00", paris)) == "2026-07-20T19:00:00Z");
  CHECK(FormatUtc(ParseIsoInstant("2026-07-20T12:00:00+0530", paris)) == "2026-07-20T06:30:00Z");
  CHECK(FormatUtc(ParseIsoInstant("2026-07-20 12:00:30.250+02:00", paris)) == "2026-07-20T10:00:30Z");
  CHECK_THROWS_AS(ParseIsoInstant("2026-13-01T10:00", paris), std::invalid_argument);
  CHECK_THROWS_AS(ParseIsoInstant("10:00", paris), std::invalid_argument);
  CHECK_THROWS_AS(ParseIsoInstant("2026-07-20T10:00+2", paris), std::invalid_argument);
  CHECK_THROWS_AS(ParseIsoInstant("2026-07-08T24:30", paris), std::invalid_argument);
  CHECK_THROWS_AS(ParseIsoInstant("2026-07-08T10:00+99:99", paris), std::invalid_argument);
  CHECK_THROWS_AS(ParseIsoInstant("2026-07-08T10:00+15:00", paris), std::invalid_argument);
  CHECK(FormatUtc(ParseIsoInstant("2026-07-08T24:00:00Z", paris)) == "2026-07-09T00:00:00Z");
  CHECK(FormatUtc(ParseIsoInstant("2026-07-08T10:00+14:00", paris)) == "2026-07-07T20:00:00Z");
  CHECK_THROWS_AS(VenueZone("Mars/Olympus_Mons"), std::invalid_argument);
}

TEST_CASE(
    "daylight saving: the autumn overlap takes the earlier instant, the spring gap moves forward (RFC 5545 3.3.5)") {
  VenueZone paris("Europe/Paris");
  // 2026-10-25 02:30 happens twice in Paris: first at +02:00 (00:30Z).
  CHECK(FormatUtc(ParseIsoInstant("2026-10-25T02:30", paris)) == "2026-10-25T00:30:00Z");
  // 2026-03-29 02:30 does not exist in Paris: read with the offset before the gap (+01:00), i.e. 03:30 CEST.
  Instant gap = ParseIsoInstant("2026-03-29T02:30", paris);
  CHECK(FormatUtc(gap) == "2026-03-29T01:30:00Z");
  CHECK(paris.FormatHm(gap) == "03:30");
}

TEST_CASE("the tz-ics case: a Los Angeles venue shows its own wall clock, not the host's") {
  VenueZone los_angeles("America/Los_Angeles");
  Instant now = Utc("2026-07-20T19:30:00Z");
  CHECK(los_angeles.FormatHm(now) == "12:30");
  CHECK(los_angeles.FormatHm(Utc("2026-07-20T21:30:00Z")) == "14:30");
  CHECK(los_angeles.Offset(now) == "-07:00");
}

TEST_CASE("NormalizeKey ignores case, accents and spacing, Windows-1252 decodes É and œ") {
  CHECK(NormalizeKey("Salle Écluse") == "salle-ecluse");
  CHECK(NormalizeKey("  salle   ECLUSE ") == "salle-ecluse");
  CHECK(NormalizeKey("Début") == "debut");
  CHECK(NormalizeKey("Durée") == "duree");
  CHECK(NormalizeKey("Salle La Rochefoucauld") == "salle-la-rochefoucauld");
  CHECK(Windows1252ToUtf8("Salle \xC9"
                          "cluse") ==
        "Salle \xC3\x89"
        "cluse");
  CHECK(Windows1252ToUtf8("c\x9Cur") == "c\xC5\x93ur");  // cœur
  CHECK(
      IsValidUtf8("Salle \xC3\x89"
                  "cluse"));
  CHECK_FALSE(
      IsValidUtf8("Salle \xC9"
                  "cluse"));
  CHECK(ToNfc("E\xCC\x81") == "\xC3\x89");  // E + combining acute -> É
  CHECK(Trim("  a b \r\n") == "a b");
}

TEST_CASE("now/next across midnight (case midnight)") {
  Programme programme = NightProgramme();
  VenueZone paris("Europe/Paris");
  Instant two_am = ParseIsoInstant("2026-10-03T02:00", paris);
  REQUIRE(SessionOnNow(programme, "workshop-2", two_am) != nullptr);
  CHECK(SessionOnNow(programme, "workshop-2", two_am)->title == "Night CTF");
  REQUIRE(SessionOnNow(programme, "hall-a", two_am) != nullptr);
  CHECK(SessionOnNow(programme, "hall-a", two_am)->title == "Late lightning talks");
  // The programme day at 02:00 is still day 1: its sessions span the instant.
  CHECK(CurrentDay(programme, two_am, paris.LocalDay(two_am)) == ParseDay("2026-10-02"));

  Instant morning = ParseIsoInstant("2026-10-03T09:30", paris);
  CHECK(SessionOnNow(programme, "workshop-2", morning) == nullptr);
  REQUIRE(NextSession(programme, "hall-a", morning) != nullptr);
  CHECK(NextSession(programme, "hall-a", morning)->title == "Morning plenary");
  CHECK(SessionOnNow(programme, "hall-a", morning) == nullptr);
  CHECK(CurrentDay(programme, morning, paris.LocalDay(morning)) == ParseDay("2026-10-03"));
}

TEST_CASE("a session is now from its start (inclusive) to its end (exclusive), zero length never") {
  Programme programme = NightProgramme();
  VenueZone paris("Europe/Paris");
  CHECK(SessionOnNow(programme, "hall-a", ParseIsoInstant("2026-10-03T10:00", paris))->title == "Morning plenary");
  CHECK(SessionOnNow(programme, "hall-a", ParseIsoInstant("2026-10-03T11:00", paris)) == nullptr);
  Day day = ParseDay("2026-10-03");
  Instant noon = ParseIsoInstant("2026-10-03T12:00", paris);
  programme.sessions.push_back(MakeSession("zero", "hall-a", day, noon, noon, "Zero"));
  programme.Normalize();
  CHECK(SessionOnNow(programme, "hall-a", noon) == nullptr);
}

TEST_CASE("cancelled sessions are never now nor next, the replacement is (case cancelled)") {
  VenueZone paris("Europe/Paris");
  Programme programme;
  programme.rooms = {{"room-1", "Room 1"}};
  Day day = ParseDay("2026-06-10");
  auto at = [&](const char* hm) { return ParseIsoInstant(std::string("2026-06-10T") + hm, paris); };
  programme.sessions = {
      MakeSession("20", "room-1", day, at("14:00"), at("14:45"), "Original talk", SessionStatus::Cancelled),
      MakeSession("21", "room-1", day, at("14:00"), at("14:45"), "Replacement talk"),
  };
  programme.Normalize();
  CHECK(SessionOnNow(programme, "room-1", at("14:10"))->title == "Replacement talk");
  CHECK(NextSession(programme, "room-1", at("13:00"))->title == "Replacement talk");
  auto rows = NowNextByRoom(programme, at("14:10"));
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].room->name == "Room 1");
  CHECK(rows[0].now->title == "Replacement talk");
  CHECK(rows[0].next == nullptr);
}

TEST_CASE("event phase before, during and after") {
  Programme programme = NightProgramme();
  VenueZone paris("Europe/Paris");
  CHECK(PhaseAt(programme, ParseIsoInstant("2026-10-01T10:00", paris)) == EventPhase::Before);
  CHECK(PhaseAt(programme, ParseIsoInstant("2026-10-02T17:00", paris)) == EventPhase::During);
  CHECK(PhaseAt(programme, ParseIsoInstant("2026-10-03T11:00", paris)) == EventPhase::After);
  CHECK(PhaseAt(Programme{}, ParseIsoInstant("2026-10-03T11:00", paris)) == EventPhase::Before);
  // A cancelled opening session does not start the event.
  Programme cancelled_opening = programme;
  cancelled_opening.sessions.front().status = SessionStatus::Cancelled;  // Night CTF, 17:00
  CHECK(PhaseAt(cancelled_opening, ParseIsoInstant("2026-10-02T18:00", paris)) == EventPhase::Before);
  CHECK(PhaseAt(cancelled_opening, ParseIsoInstant("2026-10-03T01:45", paris)) == EventPhase::During);
  REQUIRE(OpeningSession(cancelled_opening) != nullptr);
  CHECK(OpeningSession(cancelled_opening)->title == "Late lightning talks");
  CHECK(OpeningSession(programme)->title == "Night CTF");
  CHECK(OpeningSession(Programme{}) == nullptr);
  CHECK(SessionsOfDay(programme, ParseDay("2026-10-02")).size() == 2);
  CHECK(SessionsOfDay(programme, ParseDay("2026-10-03")).size() == 1);
}

TEST_CASE("validation warns on overlap, zero length and sessions outside the conference days") {
  VenueZone paris("Europe/Paris");
  Programme programme;
  programme.conference.first_day = ParseDay("2026-06-10");
  programme.conference.last_day = ParseDay("2026-06-10");
  programme.rooms = {{"room-1", "Room 1"}};
  Day day = ParseDay("2026-06-10");
  auto at = [&](const char* when) { return ParseIsoInstant(when, paris); };
  programme.sessions = {
      MakeSession("21", "room-1", day, at("2026-06-10T14:00"), at("2026-06-10T14:45"), "Replacement talk"),
      MakeSession("22", "room-1", day, at("2026-06-10T14:30"), at("2026-06-10T15:15"), "Overlapping talk"),
      MakeSession("20", "room-1", day, at("2026-06-10T14:00"), at("2026-06-10T14:45"), "Original talk",
                  SessionStatus::Cancelled),
      MakeSession("30", "room-1", day, at("2026-06-10T16:00"), at("2026-06-10T16:00"), "Zero"),
      MakeSession("40", "room-1", ParseDay("2026-06-12"), at("2026-06-12T10:00"), at("2026-06-12T11:00"), "Late"),
  };
  programme.Normalize();
  std::vector<Warning> warnings = ValidateProgramme(programme, "programme.csv");
  REQUIRE(warnings.size() == 3);
  CHECK(warnings[0].ToString() ==
        "programme.csv: session 22: 2 sessions overlap in Room 1 between 14:30 and 14:45 on 2026-06-10: "
        "\"Replacement talk\" (21) and \"Overlapping talk\" (22)");
  CHECK(warnings[1].message == "\"Zero\" (30) has zero length");
  CHECK(warnings[2].message == "\"Late\" (40) on 2026-06-12 is outside the conference days 2026-06-10 to 2026-06-10");
}

TEST_CASE("validation tells each group of overlapping sessions in a room once, with a count, not each pair") {
  VenueZone paris("Europe/Paris");
  Programme programme;
  programme.conference.time_zone = "Europe/Paris";
  programme.rooms = {{"salon-monge", "Salon Monge"}, {"salon-laplace", "Salon Laplace"}};
  Day day = ParseDay("2026-07-08");
  auto at = [&](std::string when) { return ParseIsoInstant("2026-07-08T" + when, paris); };
  // Salon Monge: 12 sessions 10:00-11:00, 10:05-11:05 … 10:55-11:55 (every pair overlaps: 66 pairs), then a gap, then
  // three in a chain (14:00-15:00, 14:30-15:30, 15:15-16:00), then one alone. Salon Laplace: back to back, no overlap.
  for (int i = 0; i < 12; ++i) {
    char start[6], end[6];
    std::snprintf(start, sizeof start, "10:%02d", i * 5);
    std::snprintf(end, sizeof end, "11:%02d", i * 5);
    programme.sessions.push_back(MakeSession("m" + std::to_string(i + 1), "salon-monge", day, at(start), at(end),
                                             "Talk " + std::to_string(i + 1)));
  }
  programme.sessions.push_back(MakeSession("c1", "salon-monge", day, at("14:00"), at("15:00"), "Chain A"));
  programme.sessions.push_back(MakeSession("c2", "salon-monge", day, at("14:30"), at("15:30"), "Chain B"));
  programme.sessions.push_back(MakeSession("c3", "salon-monge", day, at("15:15"), at("16:00"), "Chain C"));
  programme.sessions.push_back(MakeSession("z", "salon-monge", day, at("15:45"), at("15:45"), "Zero inside"));
  programme.sessions.push_back(MakeSession("alone", "salon-monge", day, at("17:00"), at("18:00"), "Alone"));
  programme.sessions.push_back(MakeSession("l1", "salon-laplace", day, at("10:00"), at("11:00"), "Laplace 1"));
  programme.sessions.push_back(MakeSession("l2", "salon-laplace", day, at("11:00"), at("12:00"), "Laplace 2"));
  programme.Normalize();
  std::vector<std::string> overlaps;
  for (const Warning& warning : ValidateProgramme(programme, "programme.csv")) {
    if (warning.message.find("overlap") != std::string::npos) overlaps.push_back(warning.ToString());
  }
  REQUIRE(overlaps.size() == 2);
  CHECK(overlaps[0] ==
        "programme.csv: session m2: 12 sessions overlap in Salon Monge between 10:05 and 11:50 on 2026-07-08: "
        "\"Talk 1\" (m1), \"Talk 2\" (m2) and 10 more");
  CHECK(overlaps[1] ==
        "programme.csv: session c2: 3 sessions overlap in Salon Monge between 14:30 and 15:30 on 2026-07-08: "
        "\"Chain A\" (c1), \"Chain B\" (c2) and \"Chain C\" (c3)");
}

TEST_CASE("validation of 1000 sessions all overlapping in one room gives one warning, not 499500") {
  Programme programme;
  programme.conference.time_zone = "UTC";
  programme.rooms = {{"salon-monge", "Salon Monge"}};
  const Instant start = Utc("2026-07-08T08:00:00Z");
  for (int i = 0; i < 1000; ++i) {
    programme.sessions.push_back(MakeSession("s" + std::to_string(i), "salon-monge", ParseDay("2026-07-08"),
                                             start + std::chrono::seconds{i}, start + 1h + std::chrono::seconds{i},
                                             "S" + std::to_string(i)));
  }
  programme.Normalize();
  const std::vector<Warning> warnings = ValidateProgramme(programme, "six.ics");
  REQUIRE(warnings.size() == 1);
  CHECK(warnings[0].message ==
        "1000 sessions overlap in Salon Monge between 08:00 and 09:16 on 2026-07-08: \"S0\" (s0), \"S1\" (s1) and "
        "998 more");
}

TEST_CASE("warnings are bounded: the first 200 kept, the rest counted in one last warning, twice keeps the count") {
  std::vector<Warning> warnings;
  for (int i = 0; i < 1000; ++i)
    warnings.push_back({"f.csv:" + std::to_string(i + 2), "doubtful " + std::to_string(i)});
  BoundWarnings(warnings, "f.csv");
  REQUIRE(warnings.size() == kMaxWarnings + 1);
  CHECK(kMaxWarnings == 200);
  CHECK(warnings[199].message == "doubtful 199");
  CHECK(warnings.back().ToString() == "f.csv: … and 800 more warnings");

  std::vector<std::string> lines;
  for (const Warning& warning : warnings) lines.push_back(warning.ToString());
  lines.insert(lines.begin(), "overrode live change: delay J1-1");
  BoundWarningLines(lines);
  REQUIRE(lines.size() == kMaxWarnings + 1);
  CHECK(lines.back() == "… and 801 more warnings");  // "doubtful 199" and the 800 the earlier bound counted
  std::vector<std::string> few{"a", "b"};
  BoundWarningLines(few);
  CHECK(few == std::vector<std::string>{"a", "b"});
}

TEST_CASE("clocks: fixed stays, running starts at the given instant") {
  Instant start = Utc("2026-07-08T08:20:00Z");
  FixedClock fixed(start);
  CHECK(fixed.Now() == start);
  RunningClock running(start);
  CHECK(running.Now() >= start);
  CHECK(running.Now() < start + 5s);
}

TEST_CASE("fields: an identifier with a control character or over its length is refused, naming the first") {
  CHECK_FALSE(IdentifierProblem(FieldKind::OrderCode, "7ZTHV"));
  CHECK_FALSE(IdentifierProblem(FieldKind::DeskName, "Accueil 1 – Hall"));
  const auto nul = IdentifierProblem(FieldKind::OrderCode, std::string("7ZT\0HV", 6));
  REQUIRE(nul);
  CHECK(*nul == "holds a control character (U+0000) at character 4");
  for (const std::string& bad : {std::string("A\rB"), std::string("A\nB"), std::string("\x1b[31m"),
                                 std::string("A\x7F"), std::string("é\xC2\x9B")}) {
    CAPTURE(bad);
    const auto problem = IdentifierProblem(FieldKind::DeskName, bad);
    REQUIRE(problem);
    CHECK(problem->find("control character") != std::string::npos);
  }
  CHECK(*IdentifierProblem(FieldKind::DeskName, std::string(1 << 20, 'D')) == "is 1048576 characters long; at most 64");
  CHECK_FALSE(IdentifierProblem(FieldKind::DeskName, std::string(64, 'D')));
  CHECK(IdentifierProblem(FieldKind::Uid, "\xFF"));  // not UTF-8
  // Every kind has its row, with a length.
  for (const FieldLimit& limit : kFieldLimits) CHECK(&LimitOf(limit.kind) == &limit);
}

TEST_CASE("fields: display text loses its control characters but newline and tab, and is cut with an ellipsis") {
  std::string warning;
  CHECK(CleanDisplayText(FieldKind::Title, std::string("Ouver\0ture\x1b[2J\r\n\tfin\xC2\x85", 22), &warning) ==
        "Ouverture[2J\n\tfin");
  CHECK(warning == "removed 4 control characters");
  CHECK(CleanDisplayText(FieldKind::Title, "Café", &warning) == "Café");
  CHECK(warning.empty());
  // Cut at a character boundary: 299 characters and "…", 300 in all.
  std::string long_title;
  for (int i = 0; i < 400; ++i) long_title += "é";
  const std::string cut = CleanDisplayText(FieldKind::Title, long_title, &warning);
  CHECK(cut == long_title.substr(0, 299 * 2) + "\xE2\x80\xA6");
  CHECK(warning == "cut from 400 to 300 characters (its maximum)");
  CHECK(CleanDisplayText(FieldKind::Title, std::string(1 << 20, 'T')).size() == 299 + 3);
  CHECK(CutText("abc", 3) == "abc");
  CHECK(CutText("abcd", 3) == "ab\xE2\x80\xA6");
  CHECK(Printable(std::string("A\x1b[2J\r\n\0B\xC2\x9B", 11)) == "A\\x1B[2J\\x0D\\x0A\\x00B\\u009B");
  CHECK(Printable(std::string(100, 'x'), 10) == std::string(10, 'x') + "\xE2\x80\xA6");
}

// Review of issue 11: identifiers took U+202E and the other bidi controls, zero-width characters and U+2028/2029;
// display text kept an unbalanced override that reversed the rest of the screen's line.
TEST_CASE("fields: an identifier with a bidi control, a zero-width character or a line separator is refused") {
  const auto rlo = IdentifierProblem(FieldKind::OrderCode, "AB\u202E12");
  REQUIRE(rlo);
  CHECK(*rlo == "holds a bidirectional formatting character (U+202E RIGHT-TO-LEFT OVERRIDE) at character 3");
  for (const char* bad :
       {"\u202A", "\u202B", "\u202C", "\u202D", "\u2066", "\u2067", "\u2068", "\u2069", "\u200E", "\u200F", "\u061C"}) {
    CAPTURE(bad);
    const auto problem = IdentifierProblem(FieldKind::Uid, std::string("g-") + bad + "7");
    REQUIRE(problem);
    CHECK(problem->find("bidirectional formatting character (U+") != std::string::npos);
    CHECK(problem->find(") at character 3") != std::string::npos);
  }
  for (const char* bad : {"\u200B", "\u200C", "\u200D", "\u2060", "\uFEFF", "\u00AD"}) {
    CAPTURE(bad);
    const auto problem = IdentifierProblem(FieldKind::DeskName, std::string("Desk") + bad + "1");
    REQUIRE(problem);
    CHECK(problem->find("invisible format character (U+") != std::string::npos);
  }
  CHECK(*IdentifierProblem(FieldKind::DeskName, "A\u2028B") ==
        "holds a line or paragraph separator (U+2028 LINE SEPARATOR) at character 2");
  CHECK(*IdentifierProblem(FieldKind::Uid, "A\u2029") ==
        "holds a line or paragraph separator (U+2029 PARAGRAPH SEPARATOR) at character 2");
  // Legit identifiers in any script stay identifiers.
  CHECK_FALSE(IdentifierProblem(FieldKind::Uid, "جلسة-٣"));
  CHECK_FALSE(IdentifierProblem(FieldKind::DeskName, "דלפק 2"));
  CHECK_FALSE(IdentifierProblem(FieldKind::OrderCode, "RÉUNION-7"));
  // A room as a command-line argument is display text used to look a room up: Persian and Indic joiners are kept
  // (a room's name may hold them), every other format character is refused.
  CHECK_FALSE(IdentifierProblem(FieldKind::RoomName, "سالن\u200Cاصلی"));
  CHECK(*IdentifierProblem(FieldKind::RoomName, "Salle\u202E A") ==
        "holds a bidirectional formatting character (U+202E RIGHT-TO-LEFT OVERRIDE) at character 6");
}

TEST_CASE("fields: display text loses unbalanced or overriding bidi controls, keeps joiners, and U+2028 is a space") {
  std::string warning;
  // An override left open would reverse whatever the screen draws after the title on its line.
  CHECK(CleanDisplayText(FieldKind::Title, "Atelier \u202Eeniram", &warning) == "Atelier eniram");
  CHECK(warning == "removed 1 bidirectional formatting character (unbalanced or overriding, UAX #9)");
  // Overrides go even when closed; their PDF with them. A closed embedding or isolate stays.
  CHECK(CleanDisplayText(FieldKind::Title, "a\u202Ebc\u202Cd", &warning) == "abcd");
  CHECK(warning == "removed 2 bidirectional formatting characters (unbalanced or overriding, UAX #9)");
  CHECK(CleanDisplayText(FieldKind::Title, "Talk \u2067שלום\u2069 (en)", &warning) == "Talk \u2067שלום\u2069 (en)");
  CHECK(warning.empty());
  CHECK(CleanDisplayText(FieldKind::Title, "x \u202Bשלום\u202C y", &warning) == "x \u202Bשלום\u202C y");
  CHECK(warning.empty());
  // Unmatched: an isolate never closed, a PDI or PDF closing nothing, an embedding left open inside an isolate, an
  // isolate closed only on the next line.
  CHECK(CleanDisplayText(FieldKind::Title, "\u2067abc", &warning) == "abc");
  CHECK(CleanDisplayText(FieldKind::Title, "abc\u2069\u202C", &warning) == "abc");
  CHECK(warning == "removed 2 bidirectional formatting characters (unbalanced or overriding, UAX #9)");
  CHECK(CleanDisplayText(FieldKind::Title, "\u2066a\u202Bb\u2069c", &warning) == "\u2066ab\u2069c");
  CHECK(CleanDisplayText(FieldKind::Description, "\u2067a\n\u2069b", &warning) == "a\nb");
  // Marks are single characters that reverse nothing: kept, as are Arabic, Hebrew and the joiners of Persian and
  // Indic text and of emoji sequences.
  for (const char* kept : {"مرحبا بالعالم", "שלום עולם", "می\u200Cخواهم", "क्\u200Dष", "👩\u200D💻 Atelier",
                           "C++\u200F ولغات", "Zero\u200Bwidth", "Word\u2060joiner"}) {
    CAPTURE(kept);
    CHECK(CleanDisplayText(FieldKind::Title, kept, &warning) == kept);
    CHECK(warning.empty());
  }
  // Line and paragraph separators are spaces; a stray byte-order mark inside the text goes.
  CHECK(CleanDisplayText(FieldKind::Notice, "Salle\u2028fermée\u2029ce soir", &warning) == "Salle fermée ce soir");
  CHECK(warning == "replaced 2 line or paragraph separators with spaces");
  CHECK(CleanDisplayText(FieldKind::Title, "Ouver\uFEFFture", &warning) == "Ouverture");
  CHECK(warning == "removed 1 byte-order mark (U+FEFF)");
  // A room's name is also its key (and a --room argument): every format character but the joiners goes.
  CHECK(CleanDisplayText(FieldKind::RoomName, "\u2067قاعة\u2069 3\u200F", &warning) == "قاعة 3");
  CHECK(warning == "removed 3 invisible format characters");
  CHECK(CleanDisplayText(FieldKind::RoomName, "سالن\u200Cاصلی", &warning) == "سالن\u200Cاصلی");
  // A cut never leaves an isolate open: its PDI was beyond the cut.
  const std::string long_isolate = "\u2067" + std::string(400, 'x') + "\u2069";
  const std::string cut = CleanDisplayText(FieldKind::Title, long_isolate, &warning);
  CHECK(cut == std::string(298, 'x') + "\u2026");  // the isolate's opener counted in the 300, then removed
  // Printed on a terminal, a bidi control or a separator is escaped like a control character.
  CHECK(Printable("ab\u202Ecd\u2028") == "ab\\u202Ecd\\u2028");
  CHECK(Printable("g\u200B7\u00AD") == "g\\u200B7\\u00AD");
  CHECK(Printable("می\u200Cخواهم") == "می\u200Cخواهم");  // a joiner is part of the word
}

TEST_CASE("fields: a session's identifiers are refused with where, its text cleaned, its speakers bounded") {
  Session session;
  session.uid = "id:1";
  session.source_id = "1";
  session.room_key = "salon-monge";
  session.title = std::string("Ti\0tre", 6);
  for (int i = 0; i < 60000; ++i) session.speakers.push_back({"Speaker " + std::to_string(i), ""});
  std::vector<Warning> warnings;
  CheckSessionFields(session, "p.csv:2", "", warnings);
  CHECK(session.title == "Titre");
  CHECK(session.speakers.size() == kMaxSpeakers);
  REQUIRE(warnings.size() == 2);
  CHECK(warnings[0].ToString() == "p.csv:2: title: removed 1 control character");
  CHECK(warnings[1].ToString() == "p.csv:2: speakers: more than 100 speakers; the first 100 kept");

  session.source_id = std::string("1\0", 2);
  try {
    CheckSessionFields(session, "p.csv:3", "event 1", warnings);
    FAIL("no ImportError");
  } catch (const ImportError& error) {
    CHECK(std::string(error.what()) == "p.csv:3: event 1: id holds a control character (U+0000) at character 2");
  }
}

// --- the one room lookup (core/RoomLookup.h)

namespace {

/// Rooms with a curly apostrophe, accents, a word two rooms share and a guid key.
Programme Salons() {
  Programme programme;
  programme.rooms = {Room{"salon-d-honneur", "Salon d\u2019Honneur"}, Room{"salon-monge", "Salon Monge"},
                     Room{"b7e1-guid", "Amphithéâtre Élysée"},
                     Room{"salle-la-rochefoucauld", "Salle La Rochefoucauld"}};
  return programme;
}

}  // namespace

TEST_CASE("room lookup: straight, curly and modifier apostrophes, accents and case name the same room") {
  const Programme programme = Salons();
  for (const char* query : {"Salon d'Honneur", "Salon d\u2019Honneur", "Salon d\u2018Honneur", "Salon d\u02bcHonneur",
                            "SALON D'HONNEUR", "salon  d honneur", "salon-d-honneur"}) {
    CAPTURE(query);
    CHECK(FindRoom(programme, query).name == "Salon d\u2019Honneur");
    CHECK(NamesRoom(query, "salon-d-honneur", "Salon d\u2019Honneur"));
  }
  CHECK(FindRoom(programme, "amphitheatre elysee").key == "b7e1-guid");
  CHECK(FindRoom(programme, "AMPHITHÉÂTRE-ÉLYSÉE").key == "b7e1-guid");
  CHECK(FindRoom(programme, "b7e1-guid").name == "Amphithéâtre Élysée");  // the key as stored
  CHECK_FALSE(NamesRoom("", "", ""));
  CHECK_FALSE(NamesRoom("  ", "salon-monge", "Salon Monge"));
  CHECK_FALSE(NamesRoom("monge", "salon-monge", "Salon Monge"));  // a word is no whole name
}

TEST_CASE("room lookup: a unique word or start of a word of the name, an ambiguous one refused with the candidates") {
  const Programme programme = Salons();
  CHECK(FindRoom(programme, "Monge").key == "salon-monge");
  CHECK(FindRoom(programme, "honneur").key == "salon-d-honneur");
  CHECK(FindRoom(programme, "elysee").key == "b7e1-guid");
  CHECK(FindRoom(programme, "la roche").key == "salle-la-rochefoucauld");
  const RoomMatch word = MatchRoom(programme.rooms, "Monge");
  CHECK(word.by_word);
  CHECK_FALSE(MatchRoom(programme.rooms, "Salon Monge").by_word);

  const RoomMatch ambiguous = MatchRoom(programme.rooms, "Salon");
  CHECK_FALSE(ambiguous.Found());
  REQUIRE(ambiguous.candidates.size() == 2);
  CHECK(ambiguous.candidates[0]->key == "salon-d-honneur");
  CHECK(ambiguous.candidates[1]->key == "salon-monge");
  CHECK_THROWS_WITH_AS(FindRoom(programme, "salon"),
                       "'salon' names several rooms:\n  Salon d\u2019Honneur\n  Salon Monge", LookupError);

  const RoomMatch unknown = MatchRoom(programme.rooms, "Grand Salon");
  CHECK_FALSE(unknown.Found());
  CHECK_FALSE(unknown.Ambiguous());
  CHECK_THROWS_WITH_AS(FindRoom(programme, "Grand Salon"),
                       "'Grand Salon' is not a room; rooms:\n  Salon d\u2019Honneur\n  Salon Monge\n  "
                       "Amphithéâtre Élysée\n  Salle La Rochefoucauld",
                       LookupError);
  CHECK_FALSE(MatchRoom(programme.rooms, "").Found());
  CHECK_FALSE(MatchRoom(programme.rooms, "'").Found());
  CHECK_FALSE(MatchRoom({}, "Monge").Found());
}

// Review of issue 12: "a unique word of the name" (the rule). Numbered rooms share word starts ("1" starts
// "10" and "12"): a word that is whole in one name only names that room; a start of several words stays ambiguous.
TEST_CASE("room lookup: a whole word of one name beats the starts of words of other names") {
  Programme programme;
  programme.rooms = {Room{"salle-1", "Salle 1"},         Room{"salle-10", "Salle 10"},
                     Room{"salle-12", "Salle 12"},       Room{"salle-12-bis", "Salle 12 bis"},
                     Room{"salon-monge", "Salon Monge"}, Room{"amphi-mongeot", "Amphi Mongeot"}};
  CHECK(FindRoom(programme, "1").key == "salle-1");
  CHECK(MatchRoom(programme.rooms, "1").by_word);
  CHECK(FindRoom(programme, "10").key == "salle-10");
  CHECK(FindRoom(programme, "monge").key == "salon-monge");
  CHECK(FindRoom(programme, "mongeot").key == "amphi-mongeot");
  CHECK(FindRoom(programme, "bis").key == "salle-12-bis");
  // "12" is a whole word of two names: both are the candidates, with what it only starts.
  const RoomMatch twelve = MatchRoom(programme.rooms, "12");
  CHECK_FALSE(twelve.Found());
  REQUIRE(twelve.candidates.size() == 2);
  CHECK(twelve.candidates[0]->key == "salle-12");
  CHECK(twelve.candidates[1]->key == "salle-12-bis");
  CHECK(FindRoom(programme, "salle 12").key == "salle-12");  // the whole name
  // A start of words only stays ambiguous.
  const RoomMatch mon = MatchRoom(programme.rooms, "mon");
  CHECK_FALSE(mon.Found());
  CHECK(mon.candidates.size() == 2);
}
