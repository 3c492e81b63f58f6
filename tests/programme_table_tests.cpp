// Tests of the programme read from any table (issue 13): the CSV table reader, the column roles, and the programme
// of French, English and German sheets as organizers write them (ImportProgrammeTable).
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "ImportTestHelpers.h"
#include "SheetWriter.h"
#include "kiosk/core/Model.h"
#include "kiosk/core/VenueZone.h"
#include "kiosk/importers/Importer.h"
#include "kiosk/importers/ProgrammeTable.h"
#include "kiosk/importers/Table.h"
#include "kiosk/importers/TableMapping.h"

namespace {

using kiosk::CellType;
using kiosk::Instant;
using kiosk::Table;

Table Csv(const std::string& text) {
  kiosk::TableReadOptions options;
  options.source_name = "sheet.csv";
  return kiosk::ReadCsvTable(text, options);
}

/// The texts of row `index` (Empty cells as "").
std::vector<std::string> Texts(const Table& table, std::size_t index) {
  std::vector<std::string> texts;
  for (const kiosk::TableCell& cell : table.rows.at(index).cells) texts.push_back(cell.text);
  return texts;
}

}  // namespace

// --- the CSV table reader

TEST_CASE("csv table: rows numbered by physical line, empty fields Empty, metadata lines kept whole") {
  const Table table = Csv("# title: Colloque, Lyon,,\n\nid,date,title\n1,,\"two\nlines\"\n2,2026-07-08,T\n");
  CHECK(table.source == "sheet.csv");
  CHECK(table.delimiter == ',');
  REQUIRE(table.rows.size() == 5);
  CHECK(table.rows[0].number == 1);
  CHECK(Texts(table, 0) == std::vector<std::string>{"# title: Colloque, Lyon"});
  CHECK(table.rows[1].number == 2);
  CHECK(table.rows[1].cells.empty());
  CHECK(Texts(table, 2) == std::vector<std::string>{"id", "date", "title"});
  CHECK(table.rows[3].number == 4);
  CHECK(table.rows[3].cells.at(1).type == CellType::Empty);
  CHECK(table.rows[3].cells.at(2).type == CellType::Text);
  CHECK(table.rows[3].cells.at(2).text == "two\nlines");
  CHECK(table.rows[4].number == 6);
  CHECK(table.Where(6) == "sheet.csv:6");
}

TEST_CASE("csv table: the delimiter is found when a title row with commas precedes a semicolon header") {
  const Table table =
      Csv("Colloque international, Lyon, juillet 2026\n\nJour;Horaire;Salle;Intitulé\n"
          "mercredi 8 juillet 2026;9h30 - 10h30;Amphi A;Ouverture, accueil\n"
          "mercredi 8 juillet 2026;10h30 - 11h;Amphi A;Pause\n");
  CHECK(table.delimiter == ';');
  CHECK(Texts(table, 0) == std::vector<std::string>{"Colloque international, Lyon, juillet 2026"});
  CHECK(Texts(table, 2) == std::vector<std::string>{"Jour", "Horaire", "Salle", "Intitulé"});
  CHECK(Texts(table, 3).at(3) == "Ouverture, accueil");
  // Tabs, and a title row without any delimiter.
  CHECK(Csv("Programme\nDate\tStart\tRoom\tTitle\n2026-07-08\t09:30\tA\tT, U\n").delimiter == '\t');
}

TEST_CASE("csv table: Windows-1252 is decoded with a warning, an unterminated quote names its line") {
  const Table table = Csv("date,salle\n2026-07-08,Th\xE9\xE2tre\n");
  CHECK(Texts(table, 1).at(1) == "Théâtre");
  REQUIRE(table.warnings.size() == 1);
  CHECK(table.warnings[0].ToString() == "sheet.csv:1: not valid UTF-8: decoded as Windows-1252");
  CHECK_THROWS_WITH_AS(Csv("a,b\n1,\"open\n"), doctest::Contains("sheet.csv:2"), kiosk::ImportError);
}

// --- the programme of a table

namespace {

using kiosk::ImportError;
using kiosk::ImportOptions;
using kiosk::ImportResult;
using kiosk::Session;
using namespace std::chrono_literals;

Instant Utc(const std::string& iso) { return kiosk::ParseIsoInstant(iso, kiosk::VenueZone("UTC")); }

ImportOptions Options(const std::string& name) {
  ImportOptions options;
  options.source_name = name;
  return options;
}

/// Imports `bytes` as the file `name` (format detected), with `options` (source_name set to `name`).
ImportResult Import(const std::string& bytes, const std::string& name, ImportOptions options = {}) {
  options.source_name = name;
  return kiosk::ImportBytes(bytes, options);
}

std::string ErrorOf(const std::string& bytes, const std::string& name, ImportOptions options = {}) {
  try {
    Import(bytes, name, std::move(options));
  } catch (const ImportError& error) {
    return error.what();
  }
  return "";
}

bool Contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

const Session& ByTitle(const ImportResult& result, const std::string& title) {
  for (const Session& session : result.programme.sessions) {
    if (session.title == title) return session;
  }
  FAIL("no session '" << title << "'");
  throw std::logic_error("unreachable");
}

int Count(const std::vector<kiosk::Warning>& warnings, const std::string& where, const std::string& part) {
  return static_cast<int>(std::count_if(warnings.begin(), warnings.end(), [&](const kiosk::Warning& w) {
    return w.where == where && Contains(w.message, part);
  }));
}

}  // namespace

TEST_CASE("programme table: French headers, a title row, 'mercredi 8 juillet 2026' and '9h30 - 10h30'") {
  const std::string csv =
      "Colloque RAICT, Lyon;;;;;\n"
      ";;;;;\n"
      "Jour;Horaire;Salle;Type;Intitulé;Intervenant(e)s\n"
      "mercredi 8 juillet 2026;9h30 - 10h30;Amphi A;Plénière;Ouverture;Marie Curie (Maire), Jean Dupont\n"
      "mercredi 8 juillet 2026;de 11h à 12h15;Salle 2;Atelier;Eau et villes;Ana Lima\n"
      "jeudi 9 juillet 2026;9h30–10h;Amphi A;Plénière;Clôture;\n";
  const ImportResult result = Import(csv, "programme.csv");
  REQUIRE(result.programme.sessions.size() == 3);
  const Session& opening = ByTitle(result, "Ouverture");
  CHECK(opening.day == kiosk::Day{date::year{2026} / 7 / 8});
  CHECK(opening.start == Utc("2026-07-08T07:30:00Z"));
  CHECK(opening.end == Utc("2026-07-08T08:30:00Z"));
  CHECK(opening.kind == "Plénière");
  CHECK(opening.speakers.size() == 1);  // ',' is not a separator of names
  CHECK(opening.speakers.at(0).name == "Marie Curie (Maire), Jean Dupont");
  const Session& workshop = ByTitle(result, "Eau et villes");
  CHECK(workshop.start == Utc("2026-07-08T09:00:00Z"));
  CHECK(workshop.end == Utc("2026-07-08T10:15:00Z"));
  CHECK(ByTitle(result, "Clôture").end == Utc("2026-07-09T08:00:00Z"));
  CHECK(result.programme.rooms.size() == 2);
  // No warning about the title row or the header.
  CHECK(Count(result.warnings, "programme.csv:3", "") == 0);
}

TEST_CASE("programme table: Title,Speaker,Date,Time,Room with Time the start, 12-hour times, start-only ends") {
  const std::string csv =
      "Title,Speaker,Date,Time,Room\n"
      "Keynote,Ada Lovelace,2026-07-08,9:30 AM,Main Hall\n"
      "Panel,Grace Hopper,2026-07-08,11:00 AM,Main Hall\n"
      "Lunch talk,,2026-07-08,12:15 PM,Room B\n";
  const ImportResult result = Import(csv, "events.csv");
  REQUIRE(result.programme.sessions.size() == 3);
  const Session& keynote = ByTitle(result, "Keynote");
  CHECK(keynote.start == Utc("2026-07-08T07:30:00Z"));
  CHECK(keynote.end == Utc("2026-07-08T09:00:00Z"));  // the room's next session
  CHECK(keynote.speakers.at(0).name == "Ada Lovelace");
  CHECK(Count(result.warnings, "events.csv:2", "ends at 11:00, when the next session in Main Hall starts") == 1);
  const Session& panel = ByTitle(result, "Panel");
  CHECK(panel.end == panel.start + 30min);  // the default duration
  CHECK(Count(result.warnings, "events.csv:3", "no later session in Main Hall that day") == 1);
  CHECK(Count(result.warnings, "events.csv:3", "default duration, 30 min") == 1);
  const Session& lunch = ByTitle(result, "Lunch talk");
  CHECK(lunch.start == Utc("2026-07-08T10:15:00Z"));
  // --default-duration changes the last sessions' ends, not the ends the next session gives.
  ImportOptions options;
  options.table.default_duration = 45min;
  const ImportResult longer = Import(csv, "events.csv", options);
  CHECK(ByTitle(longer, "Panel").end - ByTitle(longer, "Panel").start == 45min);
  CHECK(ByTitle(longer, "Keynote").end == Utc("2026-07-08T09:00:00Z"));
}

TEST_CASE("programme table: start times only and no session followed by another end after the default duration") {
  // Issue 13: "No end and no duration: the session ends ... else after --default-duration (30 min unless given)".
  const std::string csv = "date,start,room,title\n2026-07-08,09:30,A,T\n2026-07-08,09:30,B,U\n";
  const ImportResult plain = Import(csv, "test.csv");
  REQUIRE(plain.programme.sessions.size() == 2);
  CHECK(plain.programme.sessions.at(0).end - plain.programme.sessions.at(0).start == 30min);
  CHECK(plain.programme.sessions.at(1).end - plain.programme.sessions.at(1).start == 30min);
  std::size_t defaulted = 0;
  for (const kiosk::Warning& warning : plain.warnings)
    if (Contains(warning.ToString(), "ends after the default duration, 30 min (--default-duration)")) ++defaulted;
  CHECK(defaulted == 2);
  ImportOptions options;
  options.table.default_duration = 20min;
  const ImportResult result = Import(csv, "test.csv", options);
  CHECK(result.programme.sessions.at(0).end - result.programme.sessions.at(0).start == 20min);
}

TEST_CASE("programme table: a weekday-only day column maps onto --days, 'Jour N' onto the metadata's days") {
  const std::string weekdays =
      "Day,Start,End,Room,Title\nWednesday,09:00,10:00,A,First\nThursday,09:00,10:00,A,Second\n";
  const std::string error = ErrorOf(weekdays, "week.csv");
  CHECK(Contains(error, "week.csv:2"));
  CHECK(Contains(error, "--days"));
  ImportOptions options;
  options.table.days = {kiosk::Day{date::year{2026} / 7 / 8}, kiosk::Day{date::year{2026} / 7 / 9}};
  const ImportResult result = Import(weekdays, "week.csv", options);
  CHECK(ByTitle(result, "First").day == kiosk::Day{date::year{2026} / 7 / 8});
  CHECK(ByTitle(result, "Second").start == Utc("2026-07-09T07:00:00Z"));

  const std::string numbered =
      "# start: 2026-07-08\n# end: 2026-07-09\nJour;Heure de début;Heure de fin;Lieu;Titre\n"
      "Jour 1;9h;10h;A;Un\nJour 2;9h;10h;A;Deux\n";
  const ImportResult days = Import(numbered, "jours.csv");
  CHECK(ByTitle(days, "Un").day == kiosk::Day{date::year{2026} / 7 / 8});
  CHECK(ByTitle(days, "Deux").day == kiosk::Day{date::year{2026} / 7 / 9});
  CHECK(Contains(
      ErrorOf("# start: 2026-07-08\n# end: 2026-07-09\nJour;Horaire;Lieu;Titre\nJour 3;9h-10h;A;Trois\n", "jours.csv"),
      "jours.csv:4"));
}

TEST_CASE("programme table: a missing required column lists the headers seen and says how to name one") {
  const std::string csv = "Quand;Heure;Où;Quoi\n2026-07-08;9h30;A;T\n";
  const std::string error = ErrorOf(csv, "sheet.csv");
  CHECK(Contains(error, "sheet.csv:1: missing required columns 'date', 'room' and 'title'"));
  CHECK(Contains(error, "headers seen: 'Quand', 'Heure', 'Où', 'Quoi'"));
  CHECK(Contains(error, "--column start=Heure"));
  CHECK(Contains(error, "--map FILE.toml"));
  // --column names the unknown headers; a later entry wins; "ignored" drops a column.
  ImportOptions options;
  kiosk::AddColumnOption(options.table, "date=Quand");
  kiosk::AddColumnOption(options.table, "room=Où");
  kiosk::AddColumnOption(options.table, "kind=Quoi");
  kiosk::AddColumnOption(options.table, "title=Quoi");
  options.table.default_duration = 60min;
  const ImportResult result = Import(csv, "sheet.csv", options);
  REQUIRE(result.programme.sessions.size() == 1);
  CHECK(result.programme.sessions[0].title == "T");
  CHECK(result.programme.sessions[0].end == Utc("2026-07-08T08:30:00Z"));
  // A role that does not exist is named.
  ImportOptions bad;
  kiosk::AddColumnOption(bad.table, "debut=Heure");
  CHECK(Contains(ErrorOf(csv, "sheet.csv", bad), "unknown column role 'debut'"));
}

TEST_CASE("programme table: a second version with one session moved keeps the other sessions' uids") {
  const std::string first =
      "Jour;Horaire;Salle;Intitulé\n"
      "08/07/2026;9h30 - 10h30;Amphi A;Ouverture\n"
      "08/07/2026;11h - 12h;Amphi A;Atelier\n"
      "08/07/2026;14h - 15h;Salle 2;Table ronde\n";
  const std::string second =
      "Programme v2\n\nJour;Horaire;Salle;Intitulé\n"
      "08/07/2026;9h30 - 10h30;Amphi A;Ouverture\n"
      "08/07/2026;11h30 - 12h30;Amphi A;Atelier\n"
      "08/07/2026;14h - 15h;Salle 2;Table ronde\n";
  const ImportResult a = Import(first, "v1.csv");
  const ImportResult b = Import(second, "v2.csv");
  CHECK(ByTitle(a, "Ouverture").uid == ByTitle(b, "Ouverture").uid);
  CHECK(ByTitle(a, "Table ronde").uid == ByTitle(b, "Table ronde").uid);
  CHECK(ByTitle(b, "Atelier").start == Utc("2026-07-08T09:30:00Z"));
  // The derivation is the CSV importer's: day, start, room key, title.
  CHECK(Contains(ByTitle(a, "Ouverture").uid, "csv:2026-07-08T09:30@amphi-a"));
}

TEST_CASE("programme table: the interpretation column gives each session its languages and channel") {
  const ImportResult result = Import(
      "date,start,end,room,title,interprétation\n2026-07-08,09:30,10:30,A,T,FR/EN canal 2\n"
      "2026-07-08,11:00,12:00,A,U,\n",
      "i.csv");
  CHECK(ByTitle(result, "T").interpretation.languages == std::vector<std::string>{"FR", "EN"});
  CHECK(ByTitle(result, "T").interpretation.channel == "2");
  CHECK_FALSE(ByTitle(result, "U").interpretation.Any());
}

namespace {

/// The French sheet of the issue as an organizer builds it in a spreadsheet: a title row, the day merged over its
/// rows as a Date cell, hours as Time cells with float noise, a range written as text.
kiosk::test::Sheet FrenchSheet() {
  kiosk::test::Sheet sheet{"Programme"};
  sheet.Set(1, 0, "Colloque RAICT 2026");
  sheet.Set(3, 0, "Jour").Set(3, 1, "Début").Set(3, 2, "Fin").Set(3, 3, "Salle").Set(3, 4, "Intitulé");
  sheet.SetDate(4, 0, 46211);  // 2026-07-08, merged over rows 4 to 6
  sheet.Merge(4, 0, 6, 0);
  sheet.SetTime(4, 1, 0.39583333).SetTime(4, 2, 0.4375000001).Set(4, 3, "Amphi A").Set(4, 4, "Ouverture");
  sheet.SetTime(5, 1, 0.4583333333333333).SetTime(5, 2, 0.5).Set(5, 3, "Amphi A").Set(5, 4, "Atelier");
  sheet.SetTime(6, 1, 0.5833333).SetTime(6, 2, 0.625).Set(6, 3, "Salle 2").Set(6, 4, "Table ronde");
  sheet.SetDateTime(7, 0, 46212.375).SetTime(7, 2, 0.41666667).Set(7, 3, "Amphi A").Set(7, 4, "Clôture");
  return sheet;
}

void CheckFrenchSheet(const ImportResult& result, const std::string& name) {
  CAPTURE(name);
  REQUIRE(result.programme.sessions.size() == 4);
  const Session& opening = ByTitle(result, "Ouverture");
  CHECK(opening.day == kiosk::Day{date::year{2026} / 7 / 8});
  CHECK(opening.start == Utc("2026-07-08T07:30:00Z"));
  CHECK(opening.end == Utc("2026-07-08T08:30:00Z"));
  CHECK(ByTitle(result, "Atelier").day == kiosk::Day{date::year{2026} / 7 / 8});  // the merged day cell
  CHECK(ByTitle(result, "Atelier").start == Utc("2026-07-08T09:00:00Z"));
  CHECK(ByTitle(result, "Table ronde").end == Utc("2026-07-08T13:00:00Z"));
  // A date-and-time day cell and no start: the cell fills both.
  const Session& closing = ByTitle(result, "Clôture");
  CHECK(closing.start == Utc("2026-07-09T07:00:00Z"));
  CHECK(closing.end == Utc("2026-07-09T08:00:00Z"));
}

}  // namespace

TEST_CASE("programme table: xlsx and ods with merged day cells, Excel serial dates and day fractions with noise") {
  const kiosk::test::Sheet sheet = FrenchSheet();
  const std::string xlsx = kiosk::test::WriteXlsx({sheet});
  const std::string ods = kiosk::test::WriteOds({sheet});
  CHECK(kiosk::DetectFormat(xlsx) == kiosk::SourceFormat::Xlsx);
  CHECK(kiosk::DetectFormat(ods) == kiosk::SourceFormat::Ods);
  CheckFrenchSheet(Import(xlsx, "programme.xlsx"), "xlsx");
  CheckFrenchSheet(Import(ods, "programme.ods"), "ods");
  // The same uids as the CSV the organizer exported before.
  const ImportResult csv =
      Import("Jour;Début;Fin;Salle;Intitulé\n08/07/2026;09:30;10:30;Amphi A;Ouverture\n", "programme.csv");
  CHECK(ByTitle(csv, "Ouverture").uid == ByTitle(Import(xlsx, "programme.xlsx"), "Ouverture").uid);
}

TEST_CASE("programme table: a spreadsheet's messages name the sheet, row and column") {
  kiosk::test::Sheet sheet = FrenchSheet();
  sheet.Set(5, 1, "midi et quart");
  const std::string error = ErrorOf(kiosk::test::WriteXlsx({sheet}), "programme.xlsx");
  CHECK(
      Contains(error, "programme.xlsx, sheet 'Programme', row 5, column B (Début): unparseable time 'midi et quart'"));
}

TEST_CASE("programme table: inspect gives the header row, the roles, the rows converted and the mapping") {
  const std::string csv =
      "Colloque\nJour;Horaire;Salle;Intitulé;Remarques\n"
      "mercredi 8 juillet 2026;9h30 - 10h30;Amphi A;Ouverture;x\n"
      "mercredi 8 juillet 2026;midi;Amphi A;Déjeuner;\n";
  const kiosk::Table table = Csv(csv);
  const kiosk::TableInspection inspection = kiosk::InspectProgrammeTable(table, Options("sheet.csv"));
  CHECK(inspection.header_row == 2);
  REQUIRE(inspection.columns.size() == 5);
  CHECK(inspection.columns[1].role == "start");
  CHECK(inspection.columns[1].letters == "B");
  CHECK(inspection.columns[4].role == "ignored");
  REQUIRE(inspection.rows.size() == 2);
  CHECK(inspection.rows[0].date == "2026-07-08");
  CHECK(inspection.rows[0].start == "09:30");
  CHECK(inspection.rows[0].end == "10:30");
  CHECK(inspection.rows[0].room == "Amphi A");
  CHECK(inspection.rows[0].title == "Ouverture");
  CHECK(Contains(inspection.rows[1].problem, "sheet.csv:4"));
  CHECK(inspection.session_rows == 1);
  CHECK(Contains(inspection.error, "unparseable time 'midi'"));
  CHECK(inspection.mapping.purpose == "programme");
  CHECK(inspection.mapping.header_row == 2);
  CHECK(inspection.mapping.columns.at(0) == std::pair<std::string, std::string>{"Jour", "date"});
}

TEST_CASE("programme roles: names, parsing and headers in French, English and German") {
  using kiosk::ProgrammeRole;
  CHECK(kiosk::ProgrammeRoleName(ProgrammeRole::EndDate) == "end_date");
  CHECK(kiosk::ParseProgrammeRole("End-Date") == ProgrammeRole::EndDate);
  CHECK_FALSE(kiosk::ParseProgrammeRole("horaire").has_value());
  CHECK(kiosk::ProgrammeRoleOfHeader("Horaire") == ProgrammeRole::Start);
  CHECK(kiosk::ProgrammeRoleOfHeader("Uhrzeit") == ProgrammeRole::Start);
  CHECK(kiosk::ProgrammeRoleOfHeader("start_time") == ProgrammeRole::Start);
  CHECK(kiosk::ProgrammeRoleOfHeader("start_date") == ProgrammeRole::Date);
  CHECK(kiosk::ProgrammeRoleOfHeader("end_date") == ProgrammeRole::EndDate);
  CHECK(kiosk::ProgrammeRoleOfHeader("Datum") == ProgrammeRole::Date);
  CHECK(kiosk::ProgrammeRoleOfHeader("INTITULÉ") == ProgrammeRole::Title);
  CHECK(kiosk::ProgrammeRoleOfHeader("Intervenant(e)s") == ProgrammeRole::Speakers);
  CHECK(kiosk::ProgrammeRoleOfHeader("Referent") == ProgrammeRole::Speakers);
  CHECK(kiosk::ProgrammeRoleOfHeader("Venue") == ProgrammeRole::Room);
  CHECK(kiosk::ProgrammeRoleOfHeader("Ort") == ProgrammeRole::Room);
  CHECK(kiosk::ProgrammeRoleOfHeader("Durée") == ProgrammeRole::Duration);
  CHECK(kiosk::ProgrammeRoleOfHeader("Thème") == ProgrammeRole::Track);
  CHECK(kiosk::ProgrammeRoleOfHeader("Résumé") == ProgrammeRole::Description);
  CHECK(kiosk::ProgrammeRoleOfHeader("Interprétation") == ProgrammeRole::Interpretation);
  CHECK(kiosk::ProgrammeRoleOfHeader("Heure de début") == ProgrammeRole::Start);
  CHECK_FALSE(kiosk::ProgrammeRoleOfHeader("Remarques").has_value());
}

TEST_CASE("programme table: a JSON array of events with compound names and date-and-time cells") {
  const std::string compound = R"([
    {"title": "Keynote", "start_date": "2026-07-08", "start_time": "09:30", "end_date": "2026-07-08",
     "end_time": "10:30", "venue": "Main Hall", "speaker": "Ada Lovelace"},
    {"title": "Night walk", "start_date": "2026-07-08", "start_time": "22:00", "end_date": "2026-07-09",
     "end_time": "01:00", "venue": "Garden", "speaker": null}
  ])";
  CHECK(kiosk::DetectFormat(compound) == kiosk::SourceFormat::JsonTable);
  const ImportResult result = Import(compound, "events.json");
  REQUIRE(result.programme.sessions.size() == 2);
  CHECK(ByTitle(result, "Keynote").start == Utc("2026-07-08T07:30:00Z"));
  CHECK(ByTitle(result, "Keynote").end == Utc("2026-07-08T08:30:00Z"));
  CHECK(ByTitle(result, "Keynote").speakers.at(0).name == "Ada Lovelace");
  CHECK(ByTitle(result, "Night walk").end == Utc("2026-07-08T23:00:00Z"));  // the end_date says the next day
  const std::string date_times = R"([
    {"name": "Opening", "start": "2024-05-31 17:20:00", "end": "2024-05-31 18:00:00", "location": "Hall"},
    {"name": "Closing", "start": "31/05/2024 18h00", "duration": 30, "location": "Hall"}
  ])";
  const ImportResult both = Import(date_times, "site.json");
  CHECK(ByTitle(both, "Opening").day == kiosk::Day{date::year{2024} / 5 / 31});
  CHECK(ByTitle(both, "Opening").start == Utc("2024-05-31T15:20:00Z"));
  CHECK(ByTitle(both, "Opening").end == Utc("2024-05-31T16:00:00Z"));
  CHECK(ByTitle(both, "Closing").end == Utc("2024-05-31T16:30:00Z"));
  const std::string bad = R"([{"name": "X", "start": "2024-05-31 17:20", "end": "2024-05-31 18:00", "location": "Hall"},
                              {"name": "Y", "start": "soon", "location": "Hall"}])";
  CHECK(
      Contains(ErrorOf(bad, "site.json"), "site.json: object 2, key 'start': unparseable time 'soon' in column start"));
}

TEST_CASE("programme table: a mapping's header row and columns read a sheet no name would") {
  kiosk::test::Sheet sheet{"Feuille1"};
  sheet.Set(1, 0, "Quand").Set(1, 1, "Créneau").Set(1, 2, "Où").Set(1, 3, "Quoi").Set(1, 4, "Note");
  sheet.Set(2, 0, "Jour").Set(2, 1, "Horaire").Set(2, 2, "Salle").Set(2, 3, "Intitulé");  // a second header row
  sheet.Set(3, 0, "8.7.2026").Set(3, 1, "9:30 - 10:30 AM").Set(3, 2, "A").Set(3, 3, "T").Set(3, 4, "x");
  const std::string xlsx = kiosk::test::WriteXlsx({sheet});
  ImportOptions options;
  options.table.header_row = 1;
  options.table.columns = {
      {"Quand", "date"}, {"créneau", "start"}, {"OÙ", "room"}, {"Quoi", "title"}, {"Note", "ignored"}};
  // Row 2 is read as a session row and refused, naming the sheet, row and column.
  CHECK(Contains(ErrorOf(xlsx, "p.xlsx", options), "p.xlsx, sheet 'Feuille1', row 2, column A (Quand)"));
  options.table.header_row = 2;
  options.table.columns.clear();
  const ImportResult result = Import(xlsx, "p.xlsx", options);
  REQUIRE(result.programme.sessions.size() == 1);
  CHECK(result.programme.sessions[0].start == Utc("2026-07-08T07:30:00Z"));
  CHECK(result.programme.sessions[0].end == Utc("2026-07-08T08:30:00Z"));
  CHECK(Count(result.warnings, "p.xlsx, sheet 'Feuille1', row 2, column E (Note)", "unknown column 'Note' ignored") ==
        0);  // row 2's E is empty: nothing to warn
  options.table.header_row = 9;
  CHECK(Contains(ErrorOf(xlsx, "p.xlsx", options), "header row 9 is not in the table"));
}

TEST_CASE("programme table: day banner rows give their day to the rows below them") {
  kiosk::test::Sheet sheet{"Programme"};
  sheet.Set(1, 0, "Horaire").Set(1, 1, "Salle").Set(1, 2, "Intitulé");
  sheet.Set(2, 0, "Mercredi 8 juillet 2026").Merge(2, 0, 2, 2);  // merged across the row
  sheet.Set(3, 0, "9h30 - 10h30").Set(3, 1, "Amphi A").Set(3, 2, "Ouverture");
  sheet.SetDate(4, 0, 46212);  // 2026-07-09 alone in column A
  sheet.Set(5, 0, "9h - 10h").Set(5, 1, "Amphi A").Set(5, 2, "Clôture");
  const ImportResult result = Import(kiosk::test::WriteOds({sheet}), "p.ods");
  REQUIRE(result.programme.sessions.size() == 2);
  CHECK(ByTitle(result, "Ouverture").start == Utc("2026-07-08T07:30:00Z"));
  CHECK(ByTitle(result, "Clôture").start == Utc("2026-07-09T07:00:00Z"));
  // In a CSV with a day column left empty under the banner.
  const ImportResult csv =
      Import("Jour;Horaire;Salle;Intitulé\njeudi 9 juillet 2026;;;\n;9h-10h;A;T\n10/07/2026;9h-10h;A;U\n", "p.csv");
  CHECK(ByTitle(csv, "T").day == kiosk::Day{date::year{2026} / 7 / 9});
  CHECK(ByTitle(csv, "U").day == kiosk::Day{date::year{2026} / 7 / 10});
}

TEST_CASE("programme table: the first title row above the header names the conference, unless '# title:' does") {
  const std::string titled =
      "17es Rencontres de l'action internationale;;;;\nProgramme provisoire;;;;\n;;;;\n"
      "Jour;Horaire;Salle;Intitulé\n08/07/2026;9h30 - 10h30;Grand Salon;Ouverture\n";
  CHECK(Import(titled, "fr.csv").programme.conference.title == "17es Rencontres de l'action internationale");
  const std::string metadata =
      "# title: RAICT 2026\nRencontres;;;\nJour;Horaire;Salle;Intitulé\n"
      "08/07/2026;9h30 - 10h30;Grand Salon;Ouverture\n";
  CHECK(Import(metadata, "fr.csv").programme.conference.title == "RAICT 2026");
  // A row of several cells above the header is not a title.
  const std::string wide = "Salle;Jour;Note;\nJour;Horaire;Salle;Intitulé\n08/07/2026;9h30 - 10h30;A;B\n";
  CHECK(Import(wide, "fr.csv").programme.conference.title.empty());
}

TEST_CASE("programme table: headers of several words, Créneau and Animateurs, and every missing column named at once") {
  // Issue 13 (a newcomer's sheet): "Date de la session" was ignored, "Créneau" and "Animateurs" unknown, and the
  // error named only the first missing column.
  using kiosk::ProgrammeRole;
  CHECK(kiosk::ProgrammeRoleOfHeader("Date de la session") == ProgrammeRole::Date);
  CHECK(kiosk::ProgrammeRoleOfHeader("Nom de la salle") == ProgrammeRole::Room);
  CHECK(kiosk::ProgrammeRoleOfHeader("Titre de l'atelier") == ProgrammeRole::Title);
  CHECK(kiosk::ProgrammeRoleOfHeader("Session ID") == ProgrammeRole::Id);
  CHECK(kiosk::ProgrammeRoleOfHeader("Room name") == ProgrammeRole::Room);
  CHECK(kiosk::ProgrammeRoleOfHeader("Session title") == ProgrammeRole::Title);
  CHECK(kiosk::ProgrammeRoleOfHeader("Créneau") == ProgrammeRole::Start);
  CHECK(kiosk::ProgrammeRoleOfHeader("Animateurs") == ProgrammeRole::Speakers);
  CHECK(kiosk::ProgrammeRoleOfHeader("Modérateur") == ProgrammeRole::Speakers);
  CHECK_FALSE(kiosk::ProgrammeRoleOfHeader("Commentaire interne").has_value());
  CHECK_FALSE(kiosk::ProgrammeRoleOfHeader("Nombre de places").has_value());

  const std::string sheet =
      "Date de la session;Créneau;Lieu;Sujet;Animateurs\n"
      "08/07/2026;9h30 - 10h30;Salon Monge;Ouverture;Claire Vasseur\n";
  const ImportResult result = Import(sheet, "fr.csv");
  REQUIRE(result.programme.sessions.size() == 1);
  CHECK(result.programme.sessions.front().speakers.at(0).name == "Claire Vasseur");
  CHECK(result.programme.sessions.front().end - result.programme.sessions.front().start == 60min);

  const std::string error = ErrorOf("Quand;Horaire prévu;Où;Sujet\n08/07/2026;9h30;A;B\n", "fr.csv");
  CHECK(Contains(error,
                 "fr.csv:1: missing required columns 'date' and 'room'; headers seen: 'Quand', 'Horaire "
                 "prévu', 'Où', 'Sujet'. Name each with --column date=HEADER"));
}

TEST_CASE("programme table: a day the event's days cannot place names the column, then says --days or the map") {
  const std::string error = ErrorOf("Jour;Horaire;Salle;Titre\nJour 1;9h30 - 10h30;A;B\n", "fr.csv");
  CHECK(Contains(error,
                 "fr.csv:2: column Jour: 'Jour 1' needs the event's days: give them with --days, e.g. --days "
                 "2026-07-08,2026-07-09, or days = [\"2026-07-08\", \"2026-07-09\"] in the --map file"));
  const std::string map = kiosk::TableMappingToToml(kiosk::TableMapping{});
  CHECK(Contains(map, "# days = [\"2026-07-08\", \"2026-07-09\"]"));
  CHECK(Contains(map, "# default_duration = 30"));
}

TEST_CASE("programme table: a row with a title and no room is a break for everyone, skipped with a warning") {
  // Issue 13 (a newcomer's sheet): "Pause déjeuner" without a room refused the whole sheet.
  const std::string sheet =
      "Jour;Horaire;Salle;Intitulé\n08/07/2026;9h30 - 10h30;Salon Monge;Ouverture\n"
      "08/07/2026;12h30 - 14h;;Pause déjeuner\n08/07/2026;14h - 15h;Salon Monge;Atelier\n";
  const ImportResult result = Import(sheet, "fr.csv");
  REQUIRE(result.programme.sessions.size() == 2);
  CHECK(result.programme.sessions.at(1).title == "Atelier");
  const auto warned = std::any_of(result.warnings.begin(), result.warnings.end(), [](const kiosk::Warning& w) {
    return w.ToString() ==
           "fr.csv:3: 'Pause déjeuner' has no room (column Salle): skipped, as a break for everyone; give it a room "
           "(e.g. Restaurant) to show it on the screens";
  });
  CHECK(warned);
  // A row with a room and no title is still refused: it names a room's session without saying what it is.
  CHECK(Contains(ErrorOf("Jour;Horaire;Salle;Intitulé\n08/07/2026;9h30;Salon Monge;\n", "fr.csv"),
                 "empty cell in required column Intitulé"));
}
