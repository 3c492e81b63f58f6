// Tests of kiosk::cells (issue 13 section 2): the times, ranges, days, dates with times, spreadsheet serials and
// fractions, durations and interpretations organizers write in their sheets, with exact values and the refusals.
#include <doctest/doctest.h>

#include <chrono>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/Model.h"
#include "kiosk/importers/CellForms.h"

namespace {

using namespace std::chrono_literals;
using kiosk::Day;
using kiosk::Interpretation;
using kiosk::cells::DateTimeCell;
using kiosk::cells::DayCell;
using kiosk::cells::ParseDateTime;
using kiosk::cells::ParseDayCell;
using kiosk::cells::ParseDuration;
using kiosk::cells::ParseInterpretation;
using kiosk::cells::ParseTimeOfDay;
using kiosk::cells::ParseTimeRange;
using kiosk::cells::ResolveDay;
using kiosk::cells::TimeOfDayFraction;
using kiosk::cells::TimeRange;
using std::chrono::minutes;
using std::chrono::seconds;

Day D(int y, unsigned m, unsigned d) { return Day{date::year{y}, date::month{m}, date::day{d}}; }

std::optional<seconds> T(int h, int m, int s = 0) {
  return std::chrono::hours{h} + std::chrono::minutes{m} + std::chrono::seconds{s};
}

DayCell DateCell(Day day, std::optional<unsigned> weekday = std::nullopt) {
  DayCell cell;
  cell.date = day;
  cell.weekday = weekday;
  return cell;
}

DayCell WeekdayCell(unsigned weekday) {
  DayCell cell;
  cell.weekday = weekday;
  return cell;
}

DayCell NumberCell(int number, std::optional<unsigned> weekday = std::nullopt) {
  DayCell cell;
  cell.day_number = number;
  cell.weekday = weekday;
  return cell;
}

std::optional<TimeRange> Range(std::optional<seconds> start, std::optional<seconds> end) {
  TimeRange range;
  range.start = *start;
  range.end = end;
  return range;
}

}  // namespace

TEST_CASE("ParseTimeOfDay reads the forms organizers write") {
  CHECK(ParseTimeOfDay("9h30") == T(9, 30));
  CHECK(ParseTimeOfDay("9H30") == T(9, 30));
  CHECK(ParseTimeOfDay("9 h 30") == T(9, 30));
  CHECK(ParseTimeOfDay("9h") == T(9, 0));
  CHECK(ParseTimeOfDay("21h") == T(21, 0));
  CHECK(ParseTimeOfDay("21h00") == T(21, 0));
  CHECK(ParseTimeOfDay("09:30") == T(9, 30));
  CHECK(ParseTimeOfDay("9:30") == T(9, 30));
  CHECK(ParseTimeOfDay("09:30:00") == T(9, 30));
  CHECK(ParseTimeOfDay("09:30:15") == T(9, 30, 15));
  CHECK(ParseTimeOfDay("9.30") == T(9, 30));
  CHECK(ParseTimeOfDay("  9:30 ") == T(9, 30));
  CHECK(ParseTimeOfDay("9:30 Uhr") == T(9, 30));
  CHECK(ParseTimeOfDay("00:00") == T(0, 0));
  CHECK(ParseTimeOfDay("23:59") == T(23, 59));
}

TEST_CASE("ParseTimeOfDay reads 12-hour times") {
  CHECK(ParseTimeOfDay("9:30 AM") == T(9, 30));
  CHECK(ParseTimeOfDay("9:30am") == T(9, 30));
  CHECK(ParseTimeOfDay("9:30 a.m.") == T(9, 30));
  CHECK(ParseTimeOfDay("9:30 PM") == T(21, 30));
  CHECK(ParseTimeOfDay("9 PM") == T(21, 0));
  CHECK(ParseTimeOfDay("9pm") == T(21, 0));
  CHECK(ParseTimeOfDay("12:15 PM") == T(12, 15));
  CHECK(ParseTimeOfDay("12 PM") == T(12, 0));
  CHECK(ParseTimeOfDay("12 AM") == T(0, 0));
  CHECK(ParseTimeOfDay("12:30 AM") == T(0, 30));
  CHECK(ParseTimeOfDay("9:30\xE2\x80\xAF"
                       "AM") == T(9, 30));  // narrow NBSP, as some locales write it
  CHECK(ParseTimeOfDay("11:59 PM") == T(23, 59));
}

TEST_CASE("ParseTimeOfDay refuses what is not a time") {
  for (const char* text :
       {"25:00", "9h75",   "13:00 PM", "0:30 AM", "24:00", "24h", "9",      "21",   "9:3",   "9:",     "9.",
        "930",   "9:30:7", "9:60",     "9h30x",   "",      "h30", "123:00", "9 30", "-9:30", "9:30 XM"}) {
    INFO(text);
    CHECK_FALSE(ParseTimeOfDay(text));
  }
  CHECK(ParseTimeOfDay("24:00", true) == T(24, 0));
  CHECK(ParseTimeOfDay("24h", true) == T(24, 0));
  CHECK(ParseTimeOfDay("24:00:00", true) == T(24, 0));
  CHECK_FALSE(ParseTimeOfDay("24:01", true));
  CHECK_FALSE(ParseTimeOfDay(std::string(201, '9')));
  CHECK_FALSE(ParseTimeOfDay(std::string(190, ' ') + "9h30" + std::string(190, ' ')));
}

TEST_CASE("ParseTimeOfDay accepts every form the CSV importer accepted with the same value") {
  // CsvImporter.cpp's ParseClockTime: 1-2 digit hours, ':' 'h' 'H' '.' then 2-digit minutes, ":SS" after ':'.
  CHECK(ParseTimeOfDay("7:05") == T(7, 5));
  CHECK(ParseTimeOfDay("07h05") == T(7, 5));
  CHECK(ParseTimeOfDay("07H") == T(7, 0));
  CHECK(ParseTimeOfDay("14.45") == T(14, 45));
  CHECK(ParseTimeOfDay("14:45:59") == T(14, 45, 59));
  CHECK(ParseTimeOfDay("0:00") == T(0, 0));
  CHECK(ParseTimeOfDay("24:00", true) == T(24, 0));
  CHECK_FALSE(ParseTimeOfDay("14.45.00"));
  CHECK_FALSE(ParseTimeOfDay("14h45:00"));
}

TEST_CASE("ParseTimeRange reads a start and an end in one cell") {
  CHECK(ParseTimeRange("9h30 - 10h30") == Range(T(9, 30), T(10, 30)));
  CHECK(ParseTimeRange("9:30\xE2\x80\x93"
                       "10:30") == Range(T(9, 30), T(10, 30)));  // en dash
  CHECK(ParseTimeRange("9h30\xE2\x80\x94"
                       "10h30") == Range(T(9, 30), T(10, 30)));  // em dash
  CHECK(ParseTimeRange("de 9h30 \xC3\xA0 10h30") == Range(T(9, 30), T(10, 30)));
  CHECK(ParseTimeRange("De 9h30 \xC3\xA0 10h30") == Range(T(9, 30), T(10, 30)));
  CHECK(ParseTimeRange("9h30 \xC3\xA0 10h30") == Range(T(9, 30), T(10, 30)));
  CHECK(ParseTimeRange("from 9:30 to 10:30") == Range(T(9, 30), T(10, 30)));
  CHECK(ParseTimeRange("von 9:30 bis 10:30") == Range(T(9, 30), T(10, 30)));
  CHECK(ParseTimeRange("9h30/10h30") == Range(T(9, 30), T(10, 30)));
  CHECK(ParseTimeRange("9:30 AM - 10:30 AM") == Range(T(9, 30), T(10, 30)));
  CHECK(ParseTimeRange("9:30 - 10:30 AM") == Range(T(9, 30), T(10, 30)));
  CHECK(ParseTimeRange("2:00 - 3:30 PM") == Range(T(14, 0), T(15, 30)));
  CHECK(ParseTimeRange("11:30 - 1 PM") == Range(T(11, 30), T(13, 0)));
  CHECK(ParseTimeRange("11 - 1 PM") == Range(T(11, 0), T(13, 0)));
  CHECK(ParseTimeRange("11:30 AM - 12:30 PM") == Range(T(11, 30), T(12, 30)));
  CHECK(ParseTimeRange("22h - 24h") == Range(T(22, 0), T(24, 0)));
  CHECK(ParseTimeRange("22:00 - 24:00") == Range(T(22, 0), T(24, 0)));
  CHECK(ParseTimeRange("22:00 - 01:00") == Range(T(22, 0), T(1, 0)));  // past midnight: the caller adds the day
  CHECK(ParseTimeRange("9-10h") == Range(T(9, 0), T(10, 0)));
  CHECK(ParseTimeRange("14 - 15h30") == Range(T(14, 0), T(15, 30)));
  CHECK(ParseTimeRange("de 14 \xC3\xA0 15h") == Range(T(14, 0), T(15, 0)));
  CHECK(ParseTimeRange("9h30") == Range(T(9, 30), std::nullopt));
  CHECK(ParseTimeRange("9:30 AM") == Range(T(9, 30), std::nullopt));
}

TEST_CASE("ParseTimeRange refuses what is not a range") {
  for (const char* text : {"", "9h30 -", "- 10h30", "9h30 - 10h75", "24:00 - 01:00", "25:00", "9h30 - 10h30 - 11h",
                           "9h30 xx 10h30", "13:00 PM - 2 PM", "de", "9 - 10", "11-10h", "25-26h"}) {
    INFO(text);
    CHECK_FALSE(ParseTimeRange(text));
  }
  CHECK_FALSE(ParseTimeRange(std::string(150, '9') + " - " + std::string(150, '9')));
}

TEST_CASE("ParseDayCell reads dates in French, English and German") {
  CHECK(ParseDayCell("08/07/2026") == DateCell(D(2026, 7, 8)));
  CHECK(ParseDayCell("8/7/2026") == DateCell(D(2026, 7, 8)));
  CHECK(ParseDayCell("8 juillet 2026") == DateCell(D(2026, 7, 8)));
  CHECK(ParseDayCell("mercredi 8 juillet 2026") == DateCell(D(2026, 7, 8), 3));
  CHECK(ParseDayCell("Mercredi 8 Juillet 2026") == DateCell(D(2026, 7, 8), 3));
  CHECK(ParseDayCell("2026-07-08") == DateCell(D(2026, 7, 8)));
  CHECK(ParseDayCell("8.7.2026") == DateCell(D(2026, 7, 8)));
  CHECK(ParseDayCell("08.07.2026") == DateCell(D(2026, 7, 8)));
  CHECK(ParseDayCell("08-07-2026") == DateCell(D(2026, 7, 8)));
  CHECK(ParseDayCell("Wednesday, July 8, 2026") == DateCell(D(2026, 7, 8), 3));
  CHECK(ParseDayCell("July 8, 2026") == DateCell(D(2026, 7, 8)));
  CHECK(ParseDayCell("8th July 2026") == DateCell(D(2026, 7, 8)));
  CHECK(ParseDayCell("Mittwoch, 8. Juli 2026") == DateCell(D(2026, 7, 8), 3));
  CHECK(ParseDayCell("1er ao\xC3\xBBt 2026") == DateCell(D(2026, 8, 1)));
  CHECK(ParseDayCell("3 fevrier 2026") == DateCell(D(2026, 2, 3)));
  CHECK(ParseDayCell("3 f\xC3\xA9vr. 2026") == DateCell(D(2026, 2, 3)));
  CHECK(ParseDayCell("5. M\xC3\xA4r 2026") == DateCell(D(2026, 3, 5)));
  CHECK(ParseDayCell("5. M\xC3\xA4rz 2026") == DateCell(D(2026, 3, 5)));
  CHECK(ParseDayCell("mar. 10 mars 2026") == DateCell(D(2026, 3, 10), 2));
  CHECK(ParseDayCell("jeu. 9 juil. 2026") == DateCell(D(2026, 7, 9), 4));
  CHECK(ParseDayCell("Thu 9 Jul 2026") == DateCell(D(2026, 7, 9), 4));
  CHECK(ParseDayCell("12 Dez. 2026") == DateCell(D(2026, 12, 12)));
  CHECK(ParseDayCell("2026-10-02") == DateCell(D(2026, 10, 2)));
  // shared/cases: csv-encoding and cancelled write their days so
  CHECK(ParseDayCell("2026-06-10") == DateCell(D(2026, 6, 10)));
}

TEST_CASE("ParseDayCell reads weekdays alone and event day numbers") {
  CHECK(ParseDayCell("Thursday") == WeekdayCell(4));
  CHECK(ParseDayCell("jeudi") == WeekdayCell(4));
  CHECK(ParseDayCell("Jeudi") == WeekdayCell(4));
  CHECK(ParseDayCell("Donnerstag") == WeekdayCell(4));
  CHECK(ParseDayCell("jeu.") == WeekdayCell(4));
  CHECK(ParseDayCell("Thu") == WeekdayCell(4));
  CHECK(ParseDayCell("MERCREDI") == WeekdayCell(3));
  CHECK(ParseDayCell("dimanche") == WeekdayCell(7));
  CHECK(ParseDayCell("Jour 1") == NumberCell(1));
  CHECK(ParseDayCell("J1") == NumberCell(1));
  CHECK(ParseDayCell("Day 2") == NumberCell(2));
  CHECK(ParseDayCell("Tag 2") == NumberCell(2));
  CHECK(ParseDayCell("1er jour") == NumberCell(1));
  CHECK(ParseDayCell("2e jour") == NumberCell(2));
  CHECK(ParseDayCell("2. Tag") == NumberCell(2));
  CHECK(ParseDayCell("Jour 2 - mercredi") == NumberCell(2, 3));
  CHECK(ParseDayCell("mercredi (jour 2)") == NumberCell(2, 3));
  CHECK(ParseDayCell("J 1") == NumberCell(1));
  DayCell both = NumberCell(1);
  both.date = D(2026, 7, 8);
  CHECK(ParseDayCell("Jour 1 - 08/07/2026") == both);
}

DayCell MonthDayCell(unsigned month, unsigned day, std::optional<unsigned> weekday = std::nullopt) {
  DayCell cell;
  cell.month_day = date::month{month} / date::day{day};
  cell.weekday = weekday;
  return cell;
}

TEST_CASE("ParseDayCell reads a date written without its year and ResolveDay finds it among the event's days") {
  CHECK(ParseDayCell("8 juillet") == MonthDayCell(7, 8));
  CHECK(ParseDayCell("mercredi 8 juillet") == MonthDayCell(7, 8, 3));
  CHECK(ParseDayCell("Wednesday, July 8") == MonthDayCell(7, 8, 3));
  CHECK(ParseDayCell("Mittwoch, 8. Juli") == MonthDayCell(7, 8, 3));
  CHECK(ParseDayCell("1er ao\xC3\xBBt") == MonthDayCell(8, 1));
  const std::vector<Day> days{D(2026, 7, 8), D(2026, 7, 9)};
  std::string problem;
  CHECK(ResolveDay(MonthDayCell(7, 9), "9 juillet", days, &problem) == D(2026, 7, 9));
  CHECK(ResolveDay(MonthDayCell(7, 8, 3), "mercredi 8 juillet", days, &problem) == D(2026, 7, 8));
  CHECK_FALSE(ResolveDay(MonthDayCell(7, 8, 2), "mardi 8 juillet", days, &problem));
  CHECK(problem == "'mardi 8 juillet': 8 July 2026 is a Wednesday");
  CHECK_FALSE(ResolveDay(MonthDayCell(7, 10), "10 juillet", days, &problem));
  CHECK(problem == "'10 juillet' is none of the event's days (2026-07-08, 2026-07-09)");
  CHECK_FALSE(ResolveDay(MonthDayCell(7, 10), "10 juillet", {}, &problem));
  CHECK(problem ==
        "'10 juillet' needs the event's days: give them with --days, e.g. --days 2026-07-08,2026-07-09, or days = "
        "[\"2026-07-08\", \"2026-07-09\"] in the --map file");
}

TEST_CASE("ParseDayCell refuses impossible dates and says why") {
  std::string problem;
  CHECK_FALSE(ParseDayCell("31/02/2026", &problem));
  CHECK(problem == "'31/02/2026' is not a calendar date");
  CHECK_FALSE(ParseDayCell("mardi 8 juillet 2026", &problem));
  CHECK(problem == "'mardi 8 juillet 2026': 8 July 2026 is a Wednesday");
  CHECK_FALSE(ParseDayCell("Thursday, July 8, 2026", &problem));
  CHECK(problem == "'Thursday, July 8, 2026': 8 July 2026 is a Wednesday");
  CHECK_FALSE(ParseDayCell("08/07/1969", &problem));
  CHECK(problem == "out of range: 08/07/1969 (dates run from 1970-01-01 to 2100-12-31)");
  CHECK_FALSE(ParseDayCell("Jour 0", &problem));
  CHECK(problem == "'Jour 0': event days count from 1");
  for (const char* text : {"", "demain", "08/07", "8 juillet 26", "08/07/26", "31 juin", "2026/07/08/09", "13/13/2026",
                           "Jour", "32 juillet 2026", "8 juillet 2026 9h30"}) {
    INFO(text);
    problem.clear();
    CHECK_FALSE(ParseDayCell(text, &problem));
    CHECK_FALSE(problem.empty());
  }
  CHECK_FALSE(ParseDayCell("demain", &problem));
  CHECK(problem ==
        "unreadable day 'demain': write a date (08/07/2026, 8 juillet 2026, 2026-07-08), a weekday or Jour 1");
  CHECK_FALSE(ParseDayCell(std::string(300, 'a'), &problem));
  CHECK(problem == "a day cell of 300 bytes is not a day");
}

TEST_CASE("ResolveDay maps weekdays and day numbers onto the event's days") {
  const std::vector<Day> days{D(2026, 7, 8), D(2026, 7, 9)};
  std::string problem;
  CHECK(ResolveDay(DateCell(D(2026, 7, 8)), "08/07/2026", days, &problem) == D(2026, 7, 8));
  CHECK(ResolveDay(DateCell(D(2026, 7, 20)), "20/07/2026", days, &problem) == D(2026, 7, 20));  // its date
  CHECK(ResolveDay(WeekdayCell(4), "Thursday", days, &problem) == D(2026, 7, 9));
  CHECK(ResolveDay(WeekdayCell(3), "mercredi", days, &problem) == D(2026, 7, 8));
  CHECK(ResolveDay(NumberCell(1), "Jour 1", days, &problem) == D(2026, 7, 8));
  CHECK(ResolveDay(NumberCell(2), "Day 2", days, &problem) == D(2026, 7, 9));
  CHECK(ResolveDay(NumberCell(2, 4), "Jour 2 - jeudi", days, &problem) == D(2026, 7, 9));
  // From a parsed cell, end to end.
  CHECK(ResolveDay(*ParseDayCell("Tag 2"), "Tag 2", days, &problem) == D(2026, 7, 9));
  CHECK(ResolveDay(*ParseDayCell("jeu."), "jeu.", days, &problem) == D(2026, 7, 9));
}

TEST_CASE("ResolveDay refuses what the event's days cannot tell") {
  const std::vector<Day> days{D(2026, 7, 8), D(2026, 7, 9)};
  std::string problem;
  CHECK_FALSE(ResolveDay(NumberCell(3), "Jour 3", days, &problem));
  CHECK(problem == "'Jour 3' but the event has 2 days (2026-07-08, 2026-07-09)");
  CHECK_FALSE(ResolveDay(WeekdayCell(5), "Friday", days, &problem));
  CHECK(problem == "'Friday' is none of the event's days (2026-07-08, 2026-07-09)");
  CHECK_FALSE(ResolveDay(WeekdayCell(4), "Thursday", {}, &problem));
  CHECK(problem ==
        "'Thursday' needs the event's days: give them with --days, e.g. --days 2026-07-08,2026-07-09, or days = "
        "[\"2026-07-08\", \"2026-07-09\"] in the --map file");
  CHECK_FALSE(ResolveDay(NumberCell(1), "Jour 1", {}, &problem));
  CHECK(problem ==
        "'Jour 1' needs the event's days: give them with --days, e.g. --days 2026-07-08,2026-07-09, or days = "
        "[\"2026-07-08\", \"2026-07-09\"] in the --map file");
  const std::vector<Day> two_weeks{D(2026, 7, 8), D(2026, 7, 9), D(2026, 7, 15), D(2026, 7, 16)};
  CHECK_FALSE(ResolveDay(WeekdayCell(4), "jeudi", two_weeks, &problem));
  CHECK(problem == "'jeudi' is ambiguous: the event has 2 Thursdays (2026-07-09, 2026-07-16): write the date");
  CHECK(ResolveDay(NumberCell(4), "Jour 4", two_weeks, &problem) == D(2026, 7, 16));
  CHECK(ResolveDay(NumberCell(4, 4), "Jour 4 jeudi", two_weeks, &problem) == D(2026, 7, 16));
  CHECK_FALSE(ResolveDay(NumberCell(1, 4), "Jour 1 jeudi", days, &problem));
  CHECK(problem == "'Jour 1 jeudi': day 1 of the event is 2026-07-08, a Wednesday");
  CHECK_FALSE(ResolveDay(DayCell{}, "", days, &problem));
  CHECK(problem == "'' is not a day");
  CHECK_FALSE(ResolveDay(NumberCell(1), "Jour 1", {}, nullptr));  // no problem pointer: no crash
}

TEST_CASE("ParseDateTime reads a date and a time in one cell") {
  CHECK(ParseDateTime("2024-05-31 17:20:00") == DateTimeCell{D(2024, 5, 31), 17h + 20min, std::nullopt});
  CHECK(ParseDateTime("2024-05-31T17:20") == DateTimeCell{D(2024, 5, 31), 17h + 20min, std::nullopt});
  CHECK(ParseDateTime("31/05/2024 17h20") == DateTimeCell{D(2024, 5, 31), 17h + 20min, std::nullopt});
  CHECK(ParseDateTime("31/05/2024 \xC3\xA0 17h20") == DateTimeCell{D(2024, 5, 31), 17h + 20min, std::nullopt});
  CHECK(ParseDateTime("8 juillet 2026 9h30") == DateTimeCell{D(2026, 7, 8), 9h + 30min, std::nullopt});
  CHECK(ParseDateTime("mercredi 8 juillet 2026 9 h 30") == DateTimeCell{D(2026, 7, 8), 9h + 30min, std::nullopt});
  CHECK(ParseDateTime("July 8, 2026 9:30 AM") == DateTimeCell{D(2026, 7, 8), 9h + 30min, std::nullopt});
  CHECK(ParseDateTime("July 8, 2026 at 2:15 PM") == DateTimeCell{D(2026, 7, 8), 14h + 15min, std::nullopt});
  CHECK(ParseDateTime("2024-05-31T17:20:00Z") == DateTimeCell{D(2024, 5, 31), 17h + 20min, 0s});
  CHECK(ParseDateTime("2024-05-31T17:20:00+02:00") == DateTimeCell{D(2024, 5, 31), 17h + 20min, 2h});
  CHECK(ParseDateTime("2024-05-31T17:20:00-05:00") == DateTimeCell{D(2024, 5, 31), 17h + 20min, -5h});
  CHECK(ParseDateTime("2024-05-31 17:20+0530") == DateTimeCell{D(2024, 5, 31), 17h + 20min, 5h + 30min});
  // shared/cases: midnight/night.xml, durations/durations.xml and duplicate-ids/schedule.json write their starts so
  CHECK(ParseDateTime("2026-10-02T17:00:00+02:00") == DateTimeCell{D(2026, 10, 2), 17h, 2h});
  CHECK(ParseDateTime("2026-10-03T01:30:00+02:00") == DateTimeCell{D(2026, 10, 3), 1h + 30min, 2h});
  CHECK(ParseDateTime("2026-07-14T10:00:00+02:00") == DateTimeCell{D(2026, 7, 14), 10h, 2h});
  CHECK(ParseDateTime("2026-08-20T09:00:00+02:00") == DateTimeCell{D(2026, 8, 20), 9h, 2h});
}

TEST_CASE("ParseDateTime refuses a cell without both a date and a time") {
  for (const char* text : {"", "2024-05-31", "17:20", "Thursday 9:30", "Jour 1 9h30", "31/02/2024 17:20",
                           "2024-05-31 25:00", "2024-05-31T17:20:00+25:00", "2024-05-31 17:20 xyz"}) {
    INFO(text);
    CHECK_FALSE(ParseDateTime(text));
  }
  CHECK_FALSE(ParseDateTime("2024-05-31 " + std::string(200, ' ') + "17:20"));
}

TEST_CASE("DayOfSerial converts spreadsheet day serials") {
  CHECK(kiosk::cells::DayOfSerial(46211) == D(2026, 7, 8));
  CHECK(kiosk::cells::DayOfSerial(46211.395833333336) == D(2026, 7, 8));
  CHECK(kiosk::cells::DayOfSerial(25569) == D(1970, 1, 1));
  CHECK(kiosk::cells::DayOfSerial(45443) == D(2024, 5, 31));
  CHECK_FALSE(kiosk::cells::DayOfSerial(25568));  // 1969-12-31
  CHECK_FALSE(kiosk::cells::DayOfSerial(-1));
  CHECK_FALSE(kiosk::cells::DayOfSerial(1e12));
  CHECK_FALSE(kiosk::cells::DayOfSerial(std::numeric_limits<double>::quiet_NaN()));
  CHECK_FALSE(kiosk::cells::DayOfSerial(std::numeric_limits<double>::infinity()));
}

TEST_CASE("TimeOfDayFraction reads day fractions with float noise") {
  CHECK(TimeOfDayFraction(0.3958333333) == T(9, 30));
  CHECK(TimeOfDayFraction(0.39583333333333331) == T(9, 30));
  CHECK(TimeOfDayFraction(0.395833) == T(9, 30));
  CHECK(TimeOfDayFraction(0.39583333) == T(9, 30));
  CHECK(TimeOfDayFraction(0.0) == T(0, 0));
  CHECK(TimeOfDayFraction(0.5) == T(12, 0));
  CHECK(TimeOfDayFraction(0.75) == T(18, 0));
  CHECK(TimeOfDayFraction(0.99999999) == T(24, 0));
  CHECK(TimeOfDayFraction(1.0) == T(24, 0));
  CHECK(TimeOfDayFraction(0.396) == T(9, 30, 14));  // 34214.4 s: a real time with seconds is kept
  CHECK(TimeOfDayFraction(10.0 / 86400) == T(0, 0, 10));
  CHECK(TimeOfDayFraction(46211.395833333336 - 46211) == T(9, 30));
  CHECK_FALSE(TimeOfDayFraction(-0.1));
  CHECK_FALSE(TimeOfDayFraction(1.5));
  CHECK_FALSE(TimeOfDayFraction(std::numeric_limits<double>::quiet_NaN()));
}

TEST_CASE("ParseDuration reads durations") {
  CHECK(ParseDuration("45") == minutes{45});
  CHECK(ParseDuration("45 min") == minutes{45});
  CHECK(ParseDuration("45min") == minutes{45});
  CHECK(ParseDuration("45mn") == minutes{45});
  CHECK(ParseDuration("45 minutes") == minutes{45});
  CHECK(ParseDuration("45 Min.") == minutes{45});
  CHECK(ParseDuration("1:30") == minutes{90});
  CHECK(ParseDuration("01:30:00") == minutes{90});
  CHECK(ParseDuration("1h30") == minutes{90});
  CHECK(ParseDuration("1H30") == minutes{90});
  CHECK(ParseDuration("1 h 30") == minutes{90});
  CHECK(ParseDuration("1h30 min") == minutes{90});
  CHECK(ParseDuration("2h") == minutes{120});
  CHECK(ParseDuration("2 heures") == minutes{120});
  CHECK(ParseDuration("1.5 h") == minutes{90});
  CHECK(ParseDuration("1,5 h") == minutes{90});
  CHECK(ParseDuration("1.5h") == minutes{90});
  CHECK(ParseDuration("90'") == minutes{90});
  CHECK(ParseDuration("90\xE2\x80\x99") == minutes{90});
  CHECK(ParseDuration("10080") == minutes{10080});
  CHECK(ParseDuration("168:00") == minutes{10080});
  // shared/cases/durations: "26:00" is 26 h, "0:00" zero, "1:30" 90 minutes; midnight: "15:00", "00:45"
  CHECK(ParseDuration("26:00") == minutes{26 * 60});
  CHECK(ParseDuration("0:00") == minutes{0});
  CHECK(ParseDuration("15:00") == minutes{900});
  CHECK(ParseDuration("00:45") == minutes{45});
  CHECK(ParseDuration("01:00") == minutes{60});
}

TEST_CASE("ParseDuration refuses what is not a duration") {
  for (const char* text : {"", "abc", "10081", "169:00", "1:", "1:5", "1:75", "1.5", "1.5 min", "1.33 h", "-5",
                           "1:30:20", "h30", "45 secondes"}) {
    INFO(text);
    CHECK_FALSE(ParseDuration(text));
  }
  CHECK_FALSE(ParseDuration(std::string(201, '1')));
}

TEST_CASE("ParseInterpretation reads what programmes announce") {
  const auto I = [](std::vector<std::string> languages, std::string channel = {}) {
    return std::optional<Interpretation>{Interpretation{std::move(languages), std::move(channel)}};
  };
  CHECK(ParseInterpretation("FR\xE2\x86\x94"
                            "EN") == I({"FR", "EN"}));
  CHECK(ParseInterpretation("FR<>EN") == I({"FR", "EN"}));
  CHECK(ParseInterpretation("FR/EN") == I({"FR", "EN"}));
  CHECK(ParseInterpretation("EN, ES") == I({"EN", "ES"}));
  CHECK(ParseInterpretation("FR/EN canal 2") == I({"FR", "EN"}, "2"));
  CHECK(ParseInterpretation("EN (channel 3)") == I({"EN"}, "3"));
  CHECK(ParseInterpretation("interpr\xC3\xA9tation anglais") == I({"EN"}));
  CHECK(ParseInterpretation("fran\xC3\xA7"
                            "ais - anglais") == I({"FR", "EN"}));
  CHECK(ParseInterpretation("Kanal 2: EN") == I({"EN"}, "2"));
  CHECK(ParseInterpretation("interpr\xC3\xA9tation en anglais") == I({"EN"}));
  CHECK(ParseInterpretation("de l'anglais vers le fran\xC3\xA7"
                            "ais") == I({"EN", "FR"}));
  CHECK(ParseInterpretation("FR/DE") == I({"FR", "DE"}));
  CHECK(ParseInterpretation("Englisch, Deutsch") == I({"EN", "DE"}));
  CHECK(ParseInterpretation("en, es, ar") == I({"EN", "ES", "AR"}));
  CHECK(ParseInterpretation("FR/EN/FR") == I({"FR", "EN"}));
  CHECK(ParseInterpretation("English (ch. 4)") == I({"EN"}, "4"));
}

TEST_CASE("ParseInterpretation says none or why it cannot read") {
  std::string problem;
  for (const char* text : {"", "  ", "non", "Non", "no", "-", "aucune", "none", "None", "nein"}) {
    INFO(text);
    problem.clear();
    CHECK_FALSE(ParseInterpretation(text, &problem));
    CHECK(problem.empty());
  }
  CHECK_FALSE(ParseInterpretation("FR/Klingon", &problem));
  CHECK(problem ==
        "interpretation 'FR/Klingon': unknown language 'klingon' (write codes or names: FR/EN, EN, ES, anglais; a "
        "channel as canal 2)");
  CHECK_FALSE(ParseInterpretation("oui", &problem));
  CHECK(problem == "interpretation 'oui' names no language (write FR/EN, EN, ES, anglais \xE2\x80\xA6)");
  CHECK_FALSE(ParseInterpretation("EN canal", &problem));
  CHECK(problem == "interpretation 'EN canal': 'canal' without a channel number");
  CHECK_FALSE(ParseInterpretation(std::string(300, 'a'), &problem));
  CHECK_FALSE(problem.empty());
}

namespace {

// The CSV importer's private readers as they are at main bf16d2c (kiosk/importers/CsvImporter.cpp ParseClockTime and
// ParseCsvDuration), copied here as the reference: every text they accept must keep its value through kiosk::cells.
std::optional<int> RefDigits(std::string_view digits, std::size_t max_digits) {
  if (digits.empty() || digits.size() > max_digits) return std::nullopt;
  int value = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

std::string_view RefTrim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

std::optional<seconds> RefClockTime(std::string_view text, bool allow_midnight_end) {
  const auto sep = text.find_first_of(":hH.");
  if (sep == std::string_view::npos) return std::nullopt;
  const auto hours = RefDigits(text.substr(0, sep), 2);
  std::string_view rest = text.substr(sep + 1);
  std::optional<int> mins = 0;
  std::optional<int> secs = 0;
  if (rest.empty()) {
    if (text[sep] != 'h' && text[sep] != 'H') return std::nullopt;
  } else {
    const auto colon = rest.find(':');
    if (colon != std::string_view::npos) {
      if (text[sep] != ':') return std::nullopt;
      secs = RefDigits(rest.substr(colon + 1), 2);
      if (rest.size() - colon - 1 != 2) return std::nullopt;
      rest = rest.substr(0, colon);
    }
    mins = RefDigits(rest, 2);
    if (rest.size() != 2) return std::nullopt;
  }
  if (!hours || !mins || !secs || *mins > 59 || *secs > 59) return std::nullopt;
  const auto total = std::chrono::hours{*hours} + std::chrono::minutes{*mins} + std::chrono::seconds{*secs};
  if (total < std::chrono::hours{24}) return total;
  if (allow_midnight_end && total == std::chrono::hours{24}) return total;
  return std::nullopt;
}

std::optional<minutes> RefDuration(std::string_view text) {
  std::string_view number = text;
  for (std::string_view suffix : {"minutes", "min", "mn"}) {
    if (number.size() > suffix.size() && number.substr(number.size() - suffix.size()) == suffix) {
      number = RefTrim(number.substr(0, number.size() - suffix.size()));
      break;
    }
  }
  std::optional<long> total;
  if (const auto whole = RefDigits(number, 5)) {
    total = *whole;
  } else if (number == text) {
    const auto sep = text.find_first_of(":hH");
    if (sep == std::string_view::npos) return std::nullopt;
    const auto hours = RefDigits(text.substr(0, sep), 3);
    const std::string_view rest = text.substr(sep + 1);
    std::optional<int> mins = 0;
    if (!rest.empty()) mins = rest.size() == 2 ? RefDigits(rest, 2) : std::nullopt;
    if (rest.empty() && text[sep] == ':') return std::nullopt;
    if (!hours || !mins || *mins > 59) return std::nullopt;
    total = *hours * 60L + *mins;
  }
  if (!total || *total > 7 * 24 * 60) return std::nullopt;
  return minutes{*total};
}

/// Every string of `alphabet` of length 1 to max_length, trimmed as the importer trims cells, to `check`.
template <typename Check>
void EachString(std::string_view alphabet, std::size_t max_length, Check check) {
  std::string text;
  std::vector<std::size_t> index;
  for (std::size_t length = 1; length <= max_length; ++length) {
    index.assign(length, 0);
    while (true) {
      text.clear();
      for (std::size_t i : index) text += alphabet[i];
      const std::string_view trimmed = RefTrim(text);
      if (trimmed.size() == text.size()) check(text);
      std::size_t pos = 0;
      while (pos < length && ++index[pos] == alphabet.size()) index[pos++] = 0;
      if (pos == length) break;
    }
  }
}

}  // namespace

TEST_CASE("ParseTimeOfDay keeps every time the CSV importer read, with its value") {
  long accepted = 0;
  const auto same = [&](const std::string& text) {
    for (bool allow : {false, true}) {
      const auto before = RefClockTime(text, allow);
      if (!before) continue;
      ++accepted;
      const auto now = ParseTimeOfDay(text, allow);
      if (now != before) FAIL_CHECK("'" << text << "' was " << before->count() << " s");
    }
  };
  EachString("0129:hH. 5", 6, same);
  EachString("0249:.", 8, same);  // with seconds: "09:30:00", "24:00:00"
  CHECK(accepted > 1000);
}

TEST_CASE("ParseDuration keeps every duration the CSV importer read, with its value") {
  long accepted = 0;
  EachString("0159:hH m", 6, [&](const std::string& text) {
    const auto before = RefDuration(text);
    if (!before) return;
    ++accepted;
    if (ParseDuration(text) != before) FAIL_CHECK("'" << text << "' was " << before->count() << " min");
  });
  for (const char* text : {"45 minutes", "45minutes", "45 min", "45min", "45 mn", "45mn", "10080 min", "00045"}) {
    INFO(text);
    CHECK(ParseDuration(text) == RefDuration(text));
  }
  CHECK(accepted > 1000);
}

TEST_CASE("Every cell reader survives random text built from the forms' own pieces") {
  // A deterministic generator (no seed from the clock): texts of pieces the grammars look for, in any order.
  const std::vector<std::string> pieces{
      "9",    "30",  "h",       ":",     ".",    " ",  "-", "/",      "AM",    "pm", "de",           "\xC3\xA0",
      "2026", "07",  "juillet", "jeudi", "Jour", "T",  "Z", "+02:00", "canal", "FR", "\xE2\x80\x93", "\xE2\x86\x94",
      "'",    "min", ",",       "\xC3",  "\xFF", "1er"};
  unsigned long state = 12345;
  const auto next = [&state] {
    state = state * 6364136223846793005UL + 1442695040888963407UL;
    return static_cast<unsigned>(state >> 33);
  };
  std::string problem;
  for (int round = 0; round < 20000; ++round) {
    std::string text;
    const unsigned count = next() % 12;
    for (unsigned i = 0; i < count; ++i) text += pieces[next() % pieces.size()];
    const auto time = ParseTimeOfDay(text, true);
    if (time) CHECK(*time <= std::chrono::hours{24});
    if (const auto range = ParseTimeRange(text)) CHECK(range->start < std::chrono::hours{24});
    if (const auto cell = ParseDayCell(text, &problem)) {
      CHECK((cell->date || cell->weekday || cell->day_number || cell->month_day));
      if (cell->date) CHECK(kiosk::DayInRange(*cell->date));
      CHECK(ResolveDay(*cell, text, {D(2026, 7, 8), D(2026, 7, 9)}, &problem).has_value() ==
            ResolveDay(*cell, text, {D(2026, 7, 8), D(2026, 7, 9)}, nullptr).has_value());
    }
    if (const auto both = ParseDateTime(text)) CHECK(kiosk::DayInRange(both->day));
    if (const auto duration = ParseDuration(text)) CHECK(duration->count() <= 7 * 24 * 60);
    if (const auto interpretation = ParseInterpretation(text, &problem)) CHECK(interpretation->Any());
  }
}
