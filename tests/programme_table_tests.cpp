// Tests of the programme read from any table (issue 13): the CSV table reader, the column roles, and the programme
// of French, English and German sheets as organizers write them (ImportProgrammeTable).
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "ImportTestHelpers.h"
#include "kiosk/importers/Table.h"

namespace {

using kiosk::CellType;
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
