// ReadSpreadsheetTable on xlsx and ods workbooks written by tests/SheetWriter.h (issue 13 sections 1 and 4).

#include <doctest/doctest.h>

#include <chrono>
#include <cstring>
#include <string>

#include "kiosk/core/Diagnostics.h"
#include "kiosk/importers/Table.h"
#include "tests/SheetWriter.h"

using namespace kiosk;
using kiosk::test::Sheet;

namespace {

Table Read(const std::string& bytes, const std::string& name, const std::string& sheet = {}) {
  TableReadOptions options;
  options.source_name = name;
  options.sheet = sheet;
  return ReadSpreadsheetTable(bytes, options);
}

const TableCell& At(const Table& table, int row, std::size_t column) {
  static const TableCell empty;
  for (const TableRow& r : table.rows)
    if (r.number == row) return column < r.cells.size() ? r.cells[column] : empty;
  return empty;
}

std::string ErrorOf(const std::string& bytes, const std::string& name, const std::string& sheet = {}) {
  try {
    Read(bytes, name, sheet);
  } catch (const ImportError& error) {
    return error.Where() + ": " + error.Message();
  }
  return "no error";
}

/// The organizer's programme: a title row, a header row, a day merged over three rows, times with float noise,
/// a weekday formula with its cached value.
Sheet Programme() {
  Sheet s{"Programme"};
  s.Set(1, 0, "RAICT 2026");
  s.Set(3, 0, "Jour").Set(3, 1, "Horaire").Set(3, 2, "Jour sem.").Set(3, 3, "Intitulé").Set(3, 4, "Début");
  s.SetDate(4, 0, 46211).Merge(4, 0, 6, 0);
  s.SetTime(4, 1, 0.3958333333).SetTime(5, 1, 0.4375).SetTime(6, 1, 0.5);
  s.SetFormula(4, 2, "TEXT(A4;\"dddd\")", "mercredi");
  s.SetFormula(5, 2, "A4+1", 46212.0);
  s.SetInline(4, 3, "Ouverture").Set(5, 3, "Atelier & co").Set(6, 3, "Déjeuner");
  s.SetDateTime(4, 4, 46211.395833333333).SetNumber(5, 4, 12.5).SetBool(6, 4, true);
  return s;
}

void CheckProgramme(const Table& table) {
  CHECK(table.kind == Table::Kind::Spreadsheet);
  CHECK(table.sheet == "Programme");
  REQUIRE(table.rows.size() == 6);
  CHECK(table.rows[0].number == 1);
  CHECK(At(table, 1, 0) == TableCell{CellType::Text, "RAICT 2026", 0});
  CHECK(table.rows[1].cells.empty());  // the blank row 2 is kept
  CHECK(At(table, 3, 3).text == "Intitulé");
  CHECK(At(table, 4, 0).type == CellType::Date);
  CHECK(At(table, 4, 0).number == 46211);
  // The merged day cell repeats over rows 5 and 6, and the cells after it stay in their columns.
  CHECK(At(table, 5, 0) == At(table, 4, 0));
  CHECK(At(table, 6, 0) == At(table, 4, 0));
  CHECK(At(table, 4, 1).type == CellType::Time);
  CHECK(At(table, 4, 1).number == doctest::Approx(0.3958333333).epsilon(1e-9));
  CHECK(At(table, 5, 1).number == doctest::Approx(0.4375));
  CHECK(At(table, 4, 2) == TableCell{CellType::Text, "mercredi", 0});
  CHECK(At(table, 5, 2).type == CellType::Number);
  CHECK(At(table, 5, 2).number == 46212);
  CHECK(At(table, 4, 3).text == "Ouverture");
  CHECK(At(table, 5, 3).text == "Atelier & co");
  CHECK(At(table, 4, 4).type == CellType::DateTime);
  CHECK(At(table, 4, 4).number == doctest::Approx(46211.395833333333).epsilon(1e-12));
  CHECK(At(table, 5, 4).type == CellType::Number);
  CHECK(At(table, 5, 4).number == 12.5);
  CHECK(At(table, 6, 4).type == CellType::Boolean);
  CHECK(At(table, 6, 4).number == 1);
}

/// Sets the declared uncompressed size of `member` in every header of the ZIP (central directory and local).
void DeclareSize(std::string& zip, const std::string& member, std::uint32_t size) {
  for (std::size_t at = 0; (at = zip.find("PK", at)) != std::string::npos; ++at) {
    const bool central = zip.compare(at, 4, "PK\x01\x02") == 0, local = zip.compare(at, 4, "PK\x03\x04") == 0;
    if (!central && !local) continue;
    const std::size_t name_at = at + (central ? 46 : 30);
    const auto name_length = static_cast<unsigned char>(zip[at + (central ? 28 : 26)]) +
                             256 * static_cast<unsigned char>(zip[at + (central ? 29 : 27)]);
    if (zip.compare(name_at, name_length, member) != 0 || name_length != member.size()) continue;
    std::memcpy(&zip[at + (central ? 24 : 22)], &size, 4);  // little-endian host
  }
}

}  // namespace

TEST_CASE(
    "xlsx: strings, dates, times, date-times, formulas' cached values and merged day cells as the sheet types them") {
  CheckProgramme(Read(test::WriteXlsx({Programme()}), "programme.xlsx"));
}

TEST_CASE(
    "ods: strings, dates, times, date-times, formulas' cached values and merged day cells as the sheet types them") {
  CheckProgramme(Read(test::WriteOds({Programme()}), "programme.ods"));
}

TEST_CASE("xlsx and ods: the sheet chosen by name, and an unknown name lists the sheets") {
  Sheet other{"Inscrits"};
  other.Set(2, 1, "Nom");
  for (const auto& [bytes, name] : {std::pair{test::WriteXlsx({Programme(), other}), std::string("p.xlsx")},
                                    std::pair{test::WriteOds({Programme(), other}), std::string("p.ods")}}) {
    CAPTURE(name);
    const Table first = Read(bytes, name);
    CHECK(first.sheet == "Programme");
    CHECK(first.sheet_names == std::vector<std::string>{"Programme", "Inscrits"});
    const Table chosen = Read(bytes, name, "Inscrits");
    CHECK(chosen.sheet == "Inscrits");
    REQUIRE(chosen.rows.size() == 2);
    CHECK(chosen.rows[1].number == 2);
    CHECK(At(chosen, 2, 1).text == "Nom");
    CHECK(ErrorOf(bytes, name, "Programm") ==
          name + ": no sheet named 'Programm'; the sheets are 'Programme', 'Inscrits'");
  }
}

TEST_CASE("a ZIP that is not a workbook, and bytes that are not a ZIP, are refused naming the file") {
  const std::string zip = test::WriteZip({{"notes.txt", "hello"}});
  CHECK(ErrorOf(zip, "notes.xlsx").find("notes.xlsx: a ZIP archive that is not an xlsx workbook") == 0);
  CHECK(ErrorOf("PK\x03\x04garbage", "broken.xlsx").find("broken.xlsx: not an xlsx or ods workbook") == 0);
}

TEST_CASE("a zip bomb (a member inflating a thousandfold to 64 MiB) is refused before inflating") {
  auto members = test::XlsxMembers({Programme()});
  for (auto& member : members)
    if (member.name == "xl/sharedStrings.xml") member.data += std::string(64u << 20, ' ');
  const std::string bomb = test::WriteZip(members);
  CHECK(bomb.size() < (1u << 20));
  const auto start = std::chrono::steady_clock::now();
  const std::string error = ErrorOf(bomb, "bomb.xlsx");
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::milliseconds(500));
  CHECK(error.find("bomb.xlsx: member 'xl/sharedStrings.xml' would inflate") == 0);
  CHECK(error.find("ZIP bomb") != std::string::npos);
}

TEST_CASE("a huge sharedStrings declared past the workbook bound is refused before inflating") {
  for (const bool ods : {false, true}) {
    std::string zip = ods ? test::WriteOds({Programme()}) : test::WriteXlsx({Programme()});
    const std::string member = ods ? "content.xml" : "xl/sharedStrings.xml";
    // Stored (not deflated), so the ratio is no clue: the declared size alone, 3 GiB, passes the bound.
    auto members = ods ? test::OdsMembers({Programme()}) : test::XlsxMembers({Programme()});
    for (auto& m : members) m.compress = m.name != member && m.compress;
    zip = test::WriteZip(members);
    DeclareSize(zip, member, 3u << 30);
    const std::string error = ErrorOf(zip, ods ? "huge.ods" : "huge.xlsx");
    CAPTURE(error);
    CHECK((error.find("would inflate past the bound of 512 MiB") != std::string::npos ||
           error.find("refused as a ZIP bomb") != std::string::npos));
  }
}

TEST_CASE("a cell of 10 MB is refused naming the sheet, row and column") {
  const std::string big(10u << 20, 'x');
  Sheet s{"Programme"};
  s.Set(1, 0, "RAICT").Set(3, 2, big);
  for (const bool ods : {false, true}) {
    auto members = ods ? test::OdsMembers({s}) : test::XlsxMembers({s});
    for (auto& m : members) m.compress = false;  // no ZIP bomb: the text is really there
    const std::string name = ods ? "big.ods" : "big.xlsx";
    CHECK(ErrorOf(test::WriteZip(members), name) ==
          name + ", sheet 'Programme', row 3, column C: a cell of 10485760 bytes, past the bound of 1 MiB a cell");
  }
}

TEST_CASE("cells past the column bound are refused naming the row") {
  Sheet s{"Wide"};
  s.Set(2, static_cast<int>(kMaxTableColumns), "too far");
  CHECK(ErrorOf(test::WriteXlsx({s}), "wide.xlsx") ==
        "wide.xlsx, sheet 'Wide', row 2: a cell past the bound of 1024 columns a row");
  CHECK(ErrorOf(test::WriteOds({s}), "wide.ods") ==
        "wide.ods, sheet 'Wide', row 2: a cell past the bound of 1024 columns a row");
}

TEST_CASE("xlsx: inline strings, string cells without a formula and ISO dates (t=d), which liborcus 0.17 drops") {
  Sheet s{"Inscrits"};
  s.SetInline(1, 0, "Nom").SetInline(1, 1, "Code billet");
  s.SetInline(2, 0, "Zoé Martin").SetNumber(2, 1, 1).SetNumber(2, 2, 2);
  auto members = test::XlsxMembers({s});
  for (auto& member : members)
    if (member.name == "xl/worksheets/sheet1.xml") {
      const auto replace = [&](const std::string& from, const std::string& to) {
        member.data.replace(member.data.find(from), from.size(), to);
      };
      replace("<c r=\"B2\"><v>1</v></c>", "<c r=\"B2\" t=\"str\"><v>QR-7F3A</v></c>");
      replace("<c r=\"C2\"><v>2</v></c>", "<c r=\"C2\" t=\"d\"><v>2026-07-08T09:30:00</v></c>");
    }
  const Table table = Read(test::WriteZip(members), "inscrits.xlsx");
  CHECK(At(table, 1, 0) == TableCell{CellType::Text, "Nom", 0});
  CHECK(At(table, 1, 1) == TableCell{CellType::Text, "Code billet", 0});
  CHECK(At(table, 2, 0) == TableCell{CellType::Text, "Zoé Martin", 0});
  CHECK(At(table, 2, 1) == TableCell{CellType::Text, "QR-7F3A", 0});
  CHECK(At(table, 2, 2).type == CellType::DateTime);
  CHECK(At(table, 2, 2).number == doctest::Approx(46211.395833333333).epsilon(1e-12));
}

TEST_CASE("a member whose bytes were altered (CRC wrong) or that is not UTF-8 is refused before liborcus reads it") {
  // Found by fuzz_sheet: liborcus 0.17 parsed a sheet that inflated short and read past its buffer.
  auto members = test::XlsxMembers({Programme()});
  for (auto& m : members) m.compress = false;
  std::string zip = test::WriteZip(members);
  const auto at = zip.find("mercredi");  // the cached weekday, stored: alter it behind the CRC's back
  REQUIRE(at != std::string::npos);
  zip[at] = 'M';
  CHECK(ErrorOf(zip, "altered.xlsx") ==
        "altered.xlsx: member 'xl/worksheets/sheet1.xml' is corrupt (libzip: CRC error)");
  for (auto& m : members)
    if (m.name == "xl/worksheets/sheet1.xml") m.data.replace(m.data.find("mercredi"), 8, "mercr\xC3");
  CHECK(ErrorOf(test::WriteZip(members), "latin.xlsx") ==
        "latin.xlsx: member 'xl/worksheets/sheet1.xml' is not UTF-8 XML (a workbook's parts are UTF-8)");
}

TEST_CASE(
    "an XML part whose markup is left open (an attribute value never closed) is refused before liborcus reads it") {
  // Found by fuzz_sheet: liborcus 0.17's SAX parser read past its buffer on `standalone='yes"?>`.
  auto members = test::XlsxMembers({Programme()});
  for (auto& m : members)
    if (m.name == "xl/worksheets/sheet1.xml")
      m.data.replace(m.data.find("standalone=\"yes\""), 16, "standalone='yes\"");
  CHECK(ErrorOf(test::WriteZip(members), "open.xlsx") ==
        "open.xlsx: member 'xl/worksheets/sheet1.xml' is not well-formed XML (markup left open)");
}

TEST_CASE("a binary part (an image) is no XML and passes, unless a relationship sends liborcus to parse it") {
  auto members = test::XlsxMembers({Programme()});
  members.push_back({"xl/media/image1.png", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16)});
  CHECK(Read(test::WriteZip(members), "image.xlsx").rows.size() == 6);
  for (auto& m : members)
    if (m.name == "xl/_rels/workbook.xml.rels") {
      const auto at = m.data.find("worksheets/sheet1.xml");
      m.data.replace(at, 21, "media/image1.png");
    }
  CHECK(ErrorOf(test::WriteZip(members), "image.xlsx") ==
        "image.xlsx: member 'xl/media/image1.png' is not UTF-8 XML (a workbook's parts are UTF-8), and a "
        "relationship names it");
}
