// Issue 13: the organizer's mapping of a table (TableMapping.h: the --map TOML file, --column, --days) and the JSON
// array of flat objects read as a table (Table.h: ReadJsonArrayTable).
#include <doctest/doctest.h>

#include <fstream>
#include <stdexcept>
#include <string>

#include "TestSupport.h"
#include "kiosk/core/Diagnostics.h"
#include "kiosk/importers/Table.h"
#include "kiosk/importers/TableMapping.h"

namespace {

using kiosk::CellType;
using kiosk::ImportError;
using kiosk::Table;
using kiosk::TableMapping;

kiosk::Day D(int y, unsigned m, unsigned d) { return kiosk::Day{date::year{y}, date::month{m}, date::day{d}}; }

/// The ImportError's message (file and line included) of parsing `text`, "" when it parses.
std::string MappingError(const std::string& text) {
  try {
    kiosk::ParseTableMapping(text, "map.toml");
  } catch (const ImportError& error) {
    return error.what();
  }
  return "";
}

Table Json(const std::string& text) { return kiosk::ReadJsonArrayTable(text, {"events.json", ""}); }

std::string JsonError(const std::string& text) {
  try {
    Json(text);
  } catch (const ImportError& error) {
    return error.what();
  }
  return "";
}

}  // namespace

TEST_CASE("a mapping file is read: purpose, sheet, header row, days, default duration, columns in file order") {
  const TableMapping mapping = kiosk::ParseTableMapping(R"(# written by kioskctl inspect
purpose = "programme"
sheet = "Programme été"
header_row = 3
days = ["2026-07-08", "2026-07-09"]
default_duration = 45

[columns]
"Horaire" = "start"
"Salle" = "room"
"Intitulé" = "title"
"Commentaires" = "ignored"
)",
                                                        "map.toml");
  CHECK(mapping.purpose == "programme");
  CHECK(mapping.sheet == "Programme été");
  CHECK(mapping.header_row == 3);
  CHECK(mapping.days == std::vector<kiosk::Day>{D(2026, 7, 8), D(2026, 7, 9)});
  REQUIRE(mapping.default_duration.has_value());
  CHECK(mapping.default_duration->count() == 45);
  // The file's order, not the alphabetical one toml++ iterates in.
  REQUIRE(mapping.columns.size() == 4);
  CHECK(mapping.columns[0] == std::pair<std::string, std::string>{"Horaire", "start"});
  CHECK(mapping.columns[1] == std::pair<std::string, std::string>{"Salle", "room"});
  CHECK(mapping.columns[2] == std::pair<std::string, std::string>{"Intitulé", "title"});
  CHECK(mapping.columns[3] == std::pair<std::string, std::string>{"Commentaires", "ignored"});
  CHECK_FALSE(mapping.Empty());
  CHECK(TableMapping{}.Empty());
  CHECK(kiosk::ParseTableMapping("", "empty.toml").Empty());
}

TEST_CASE("a mapping written and read back is equal, header texts with quotes, accents and equals signs included") {
  TableMapping mapping;
  mapping.purpose = "programme";
  mapping.sheet = "Feuille \"1\" = été";
  mapping.header_row = 2;
  mapping.days = {D(2026, 7, 8), D(2026, 7, 9), D(2026, 7, 10)};
  mapping.default_duration = std::chrono::minutes(20);
  mapping.columns = {{"Début = heure", "start"},
                     {"Salle \"principale\"", "room"},
                     {"Intitulé (français)", "title"},
                     {"a\\b\ttab", "ignored"},
                     {"", "ignored"},
                     {"Zeit für Kaffee ☕", "kind"},
                     {"Année", "date"}};
  const std::string toml = kiosk::TableMappingToToml(mapping, {"A", "B", "C", "D", "E", "F", "G"});
  CHECK(toml.find("# column B\n\"Salle \\\"principale\\\"\" = \"room\"\n") != std::string::npos);
  CHECK(kiosk::ParseTableMapping(toml, "out.toml") == mapping);

  // A mapping with nothing in it, and one with only columns, come back equal too.
  CHECK(kiosk::ParseTableMapping(kiosk::TableMappingToToml(TableMapping{}), "out.toml") == TableMapping{});
  TableMapping columns_only;
  columns_only.columns = {{"Zeit", "start"}, {"Ort", "room"}};
  CHECK(kiosk::ParseTableMapping(kiosk::TableMappingToToml(columns_only), "out.toml") == columns_only);

  // Of a header given twice, the last role wins, as when importing.
  TableMapping twice;
  twice.columns = {{"Heure", "start"}, {"Salle", "room"}, {"Heure", "end"}};
  const TableMapping back = kiosk::ParseTableMapping(kiosk::TableMappingToToml(twice), "out.toml");
  CHECK(back.columns == std::vector<std::pair<std::string, std::string>>{{"Salle", "room"}, {"Heure", "end"}});
}

TEST_CASE("a bad mapping file is refused naming the file and line") {
  CHECK(MappingError("purpose = \"programme\"\nsheet = \n").rfind("map.toml:2: invalid TOML: ", 0) == 0);
  CHECK(MappingError("purpose = \"programme\"\n\ncolour = \"red\"\n") ==
        "map.toml:3: unknown key 'colour' (a mapping has purpose, sheet, header_row, days, default_duration and "
        "[columns])");
  CHECK(MappingError("purpose = \"agenda\"\n") ==
        "map.toml:1: 'purpose' must be \"programme\" or \"registrants\", not \"agenda\"");
  CHECK(MappingError("header_row = \"3\"\n") == "map.toml:1: 'header_row' must be a whole number");
  CHECK(MappingError("header_row = 0\n") == "map.toml:1: 'header_row' must be from 1 to 2147483647, not 0");
  CHECK(MappingError("default_duration = 2000\n") == "map.toml:1: 'default_duration' must be from 1 to 1440, not 2000");
  CHECK(MappingError("days = [\n  \"2026-07-08\",\n  \"2026-07-32\",\n]\n") ==
        "map.toml:3: 'days': not a day (YYYY-MM-DD): '2026-07-32'");
  CHECK(MappingError("days = [\"2026-07-09\", \"2026-07-08\"]\n") ==
        "map.toml:1: 'days': 2026-07-08 comes before 2026-07-09 (list the days in order)");
  CHECK(MappingError("days = \"2026-07-08\"\n").rfind("map.toml:1: 'days' must be a list of days", 0) == 0);
  CHECK(MappingError("[columns]\n\"Heure\" = \"start\"\n\"Salle\" = 3\n") ==
        "map.toml:3: 'columns.Salle' must be a string (in quotes)");
  CHECK(MappingError("[columns]\n\"Heure\" = \"  \"\n") ==
        "map.toml:2: column 'Heure': the role is empty (a role name, or \"ignored\")");
  CHECK(MappingError("columns = 3\n").rfind("map.toml:1: 'columns' must be a table", 0) == 0);
  // TOML native dates are days too.
  CHECK(kiosk::ParseTableMapping("days = [2026-07-08]\n", "map.toml").days == std::vector<kiosk::Day>{D(2026, 7, 8)});
}

TEST_CASE("a mapping file is read from disk, and an unreadable one is not invalid input") {
  kiosk::test::TempDir temp;
  const auto path = temp.Path() / "map.toml";
  std::ofstream(path) << "sheet = \"Planning\"\n[columns]\n\"Quand\" = \"start\"\n";
  const TableMapping mapping = kiosk::ReadTableMappingFile(path);
  CHECK(mapping.sheet == "Planning");
  CHECK(mapping.columns == std::vector<std::pair<std::string, std::string>>{{"Quand", "start"}});
  std::ofstream(path) << "sheet = 3\n";
  CHECK_THROWS_WITH_AS(kiosk::ReadTableMappingFile(path),
                       (path.string() + ":1: 'sheet' must be a string (in quotes)").c_str(), ImportError);
  CHECK_THROWS_AS(kiosk::ReadTableMappingFile(temp.Path() / "missing.toml"), std::system_error);
}

TEST_CASE("--column ROLE=HEADER appends the header's role, the header may hold '='") {
  TableMapping mapping;
  kiosk::AddColumnOption(mapping, "start=Heure");
  kiosk::AddColumnOption(mapping, " title = Intitulé = sujet ");
  CHECK(mapping.columns ==
        std::vector<std::pair<std::string, std::string>>{{"Heure", "start"}, {"Intitulé = sujet", "title"}});
  CHECK_THROWS_WITH_AS(kiosk::AddColumnOption(mapping, "start"),
                       "--column 'start': expected ROLE=HEADER, as in --column start=Heure", std::invalid_argument);
  CHECK_THROWS_WITH_AS(kiosk::AddColumnOption(mapping, "=Heure"), "--column '=Heure': the role before '=' is empty",
                       std::invalid_argument);
  CHECK_THROWS_WITH_AS(kiosk::AddColumnOption(mapping, "start= "), "--column 'start= ': the header after '=' is empty",
                       std::invalid_argument);
  CHECK(mapping.columns.size() == 2);
}

TEST_CASE("--days takes ISO and French days in order, and names a bad one") {
  CHECK(kiosk::ParseDaysOption("2026-07-08,2026-07-09") == std::vector<kiosk::Day>{D(2026, 7, 8), D(2026, 7, 9)});
  CHECK(kiosk::ParseDaysOption("08/07/2026, 2026-07-10") == std::vector<kiosk::Day>{D(2026, 7, 8), D(2026, 7, 10)});
  CHECK_THROWS_WITH_AS(kiosk::ParseDaysOption("2026-07-08,mercredi"),
                       "--days: not a day (YYYY-MM-DD or DD/MM/YYYY): 'mercredi'", std::invalid_argument);
  CHECK_THROWS_WITH_AS(kiosk::ParseDaysOption("2026-07-08,"), "--days: not a day (YYYY-MM-DD or DD/MM/YYYY): ''",
                       std::invalid_argument);
  CHECK_THROWS_WITH_AS(kiosk::ParseDaysOption("2026-07-08,2026-07-08"), "--days: 2026-07-08 is repeated",
                       std::invalid_argument);
  CHECK_THROWS_WITH_AS(kiosk::ParseDaysOption("2026-07-09,2026-07-08"),
                       "--days: 2026-07-08 comes before 2026-07-09 (give the days in order)", std::invalid_argument);
  CHECK_THROWS_AS(kiosk::ParseDaysOption("31/02/2026"), std::invalid_argument);
}

TEST_CASE("a JSON array of flat objects is a table: keys in order of first appearance, one row per object") {
  const Table table = Json(R"([
  {"title": "Ouverture", "start": "2026-07-08T09:30:00+02:00", "room": "Salle A", "speakers": ["Ana", "Bo"]},
  {"title": "Atelier", "duration": 45, "rate": 2.50, "room": null, "online": true, "tags": [1, "x", null]},
  {}
])");
  CHECK(table.kind == Table::Kind::Json);
  CHECK(table.source == "events.json");
  REQUIRE(table.rows.size() == 4);
  CHECK(table.rows[0].number == 0);
  std::vector<std::string> header;
  for (const auto& cell : table.rows[0].cells) {
    CHECK(cell.type == CellType::Text);
    header.push_back(cell.text);
  }
  CHECK(header == std::vector<std::string>{"title", "start", "room", "speakers", "duration", "rate", "online", "tags"});
  const auto& first = table.rows[1];
  CHECK(first.number == 1);
  REQUIRE(first.cells.size() == 4);
  CHECK(first.cells[0] == kiosk::TableCell{CellType::Text, "Ouverture", 0});
  CHECK(first.cells[3] == kiosk::TableCell{CellType::Text, "Ana; Bo", 0});
  const auto& second = table.rows[2];
  CHECK(second.number == 2);
  REQUIRE(second.cells.size() == 8);
  CHECK(second.cells[0].text == "Atelier");
  CHECK(second.cells[1].type == CellType::Empty);  // no start in this object
  CHECK(second.cells[2] == kiosk::TableCell{});    // null
  CHECK(second.cells[4] == kiosk::TableCell{CellType::Number, "45", 45});
  CHECK(second.cells[5] == kiosk::TableCell{CellType::Number, "2.50", 2.5});
  CHECK(second.cells[6] == kiosk::TableCell{CellType::Boolean, "true", 1});
  CHECK(second.cells[7] == kiosk::TableCell{CellType::Text, "1; x", 0});
  CHECK(table.rows[3].number == 3);
  CHECK(table.rows[3].cells.empty());
  CHECK(table.Where(2, 4, "duration") == "events.json: object 2, key 'duration'");

  // A UTF-8 byte order mark and an empty array.
  CHECK(Json("\xEF\xBB\xBF[{\"a\": \"é\"}]").rows[1].cells[0].text == "é");
  CHECK(Json("[]").rows.size() == 1);
  CHECK(kiosk::ReadJsonArrayTable("[]", {}).source == "<input>");
}

TEST_CASE("a JSON table refuses nesting naming the object and key, a non-object element, and invalid JSON") {
  CHECK(JsonError(R"([{"title": "A"}, {"title": "B", "room": {"name": "Salle A"}}])") ==
        "events.json: object 2, key 'room': the value is an object: a table's objects must be flat (a string, number, "
        "true/false, null, or a list of strings)");
  CHECK(JsonError(R"([{"title": "A", "speakers": [{"name": "Ana"}]}])") ==
        "events.json: object 1, key 'speakers': the value is an object: a table's objects must be flat (a string, "
        "number, true/false, null, or a list of strings)");
  CHECK(JsonError(R"([{"title": "A", "slots": [[1, 2]]}])")
            .rfind("events.json: object 1, key 'slots': the value is "
                   "an array inside an array",
                   0) == 0);
  CHECK(JsonError(R"([{"title": "A"}, "B"])") ==
        "events.json: element 2: is a string, not an object (a JSON table is [ {…}, {…} ], one object a row)");
  CHECK(JsonError(R"([{"title": "A"}, [1]])").rfind("events.json: element 2: is an array, not an object", 0) == 0);
  CHECK(JsonError(R"({"title": "A"})").rfind("events.json: the file is an object, not an array of objects", 0) == 0);
  CHECK(JsonError(R"([{"title": "A"},])").rfind("events.json: invalid JSON at byte 17: parse error at line 1", 0) == 0);
  CHECK(JsonError("[{\"title\": \"\xC3\"}]").rfind("events.json: invalid JSON at byte ", 0) == 0);
  CHECK(JsonError(R"([{"title": "A"}] x)").rfind("events.json: invalid JSON at byte ", 0) == 0);
}

TEST_CASE("a JSON table holds to the bounds: a cell's bytes, the keys of a table") {
  const std::string big(kiosk::kMaxTableCellBytes + 1, 'x');
  CHECK(JsonError("[{\"title\": \"" + big + "\"}]") ==
        "events.json: object 1, key 'title': more than 1048576 bytes in one cell");
  std::string half(kiosk::kMaxTableCellBytes / 2 + 1, 'y');
  CHECK(JsonError("[{\"tags\": [\"" + half + "\", \"" + half + "\"]}]") ==
        "events.json: object 1, key 'tags': more than 1048576 bytes in one cell");
  std::string wide = "[{";
  for (std::size_t i = 0; i <= kiosk::kMaxTableColumns; ++i) wide += (i ? ",\"k" : "\"k") + std::to_string(i) + "\":1";
  wide += "}]";
  CHECK(JsonError(wide) ==
        "events.json: object 1, key 'k1024': more than 1024 different keys (the most columns of a "
        "table)");
}
