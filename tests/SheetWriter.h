// Test-only writer of small xlsx and ods workbooks (as bytes, with libzip) from a description: the sheets the table
// reader tests, the programme-table tests and the registrant tests read (issue 13).
//
//   test::Sheet s{"Programme"};
//   s.Set(1, 0, "RAICT 2026");         // row 1 (sheet numbering, from 1), column A (index 0): a string
//   s.Set(3, 0, "Jour").Set(3, 1, "Horaire");
//   s.SetDate(4, 0, 46211);            // 2026-07-08, a number styled as a date (xlsx numFmt 14; ods value-type date)
//   s.SetTime(4, 1, 0.3958333333);     // 09:30 with float noise (xlsx custom "hh:mm"; ods value-type time)
//   s.SetFormula(4, 2, "TEXT(A4;\"dddd\")", "mercredi");  // a formula and its cached result
//   s.Merge(4, 0, 8, 0);               // A4:A8 merged (the day cell over a day's rows)
//   std::string xlsx = test::WriteXlsx({s});
//   std::string ods = test::WriteOds({s});
//
// Rows are numbered as the sheet numbers them (1-based, gaps allowed: missing rows are simply absent), columns from 0
// (A). Formulas are written verbatim (xlsx <f>, ods table:formula "of:=…") and never evaluated: only the cached result
// matters to the readers. XlsxMembers/OdsMembers give the ZIP members so a test can alter one (a huge sharedStrings)
// before WriteZip.
#pragma once

#include <zip.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kiosk::test {

/// One cell of a test sheet.
struct SheetCell {
  enum class Kind {
    Text,           ///< xlsx shared string; ods string
    InlineText,     ///< xlsx inline string (t="inlineStr"); ods string
    Number,         ///< a plain number (General format)
    Date,           ///< `number` a day serial (days since 1899-12-30), styled as a date
    Time,           ///< `number` a fraction of a day, styled as a time
    DateTime,       ///< `number` a day serial with the time as its fraction, styled as a date-time
    Boolean,        ///< `number` 1 or 0
    FormulaNumber,  ///< `formula` with cached number `number`
    FormulaText,    ///< `formula` with cached string `text`
  };
  Kind kind = Kind::Text;
  std::string text;
  double number = 0;
  std::string formula;
};

/// A merged range, inclusive, rows as the sheet numbers them and columns from 0.
struct SheetMerge {
  int first_row, first_column, last_row, last_column;
};

/// A sheet described cell by cell (see the file comment).
struct Sheet {
  explicit Sheet(std::string sheet_name) : name(std::move(sheet_name)) {}

  Sheet& Set(int row, int column, std::string_view text) {
    return Put(row, column, {SheetCell::Kind::Text, std::string(text)});
  }
  Sheet& SetInline(int row, int column, std::string_view text) {
    return Put(row, column, {SheetCell::Kind::InlineText, std::string(text)});
  }
  Sheet& SetNumber(int row, int column, double value) { return Put(row, column, {SheetCell::Kind::Number, {}, value}); }
  Sheet& SetDate(int row, int column, double serial) { return Put(row, column, {SheetCell::Kind::Date, {}, serial}); }
  Sheet& SetTime(int row, int column, double fraction) {
    return Put(row, column, {SheetCell::Kind::Time, {}, fraction});
  }
  Sheet& SetDateTime(int row, int column, double serial) {
    return Put(row, column, {SheetCell::Kind::DateTime, {}, serial});
  }
  Sheet& SetBool(int row, int column, bool value) {
    return Put(row, column, {SheetCell::Kind::Boolean, {}, value ? 1.0 : 0.0});
  }
  Sheet& SetFormula(int row, int column, std::string_view formula, double cached) {
    return Put(row, column, {SheetCell::Kind::FormulaNumber, {}, cached, std::string(formula)});
  }
  Sheet& SetFormula(int row, int column, std::string_view formula, std::string_view cached) {
    return Put(row, column, {SheetCell::Kind::FormulaText, std::string(cached), 0, std::string(formula)});
  }
  Sheet& Merge(int first_row, int first_column, int last_row, int last_column) {
    merges.push_back({first_row, first_column, last_row, last_column});
    return *this;
  }

  std::string name;
  std::map<std::pair<int, int>, SheetCell> cells;  ///< by (row, column)
  std::vector<SheetMerge> merges;

 private:
  Sheet& Put(int row, int column, SheetCell cell) {
    cells[{row, column}] = std::move(cell);
    return *this;
  }
};

/// One member of a ZIP archive.
struct ZipMember {
  std::string name;
  std::string data;
  bool compress = true;  ///< deflate, else stored
};

/// The archive's bytes, members in the order given. Throws std::runtime_error when libzip fails.
inline std::string WriteZip(const std::vector<ZipMember>& members) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
  if (buffer == nullptr) throw std::runtime_error("zip_source_buffer_create failed");
  zip_source_keep(buffer);
  zip_t* archive = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
  if (archive == nullptr) {
    zip_source_free(buffer);
    throw std::runtime_error("zip_open_from_source failed");
  }
  for (const ZipMember& member : members) {
    zip_source_t* data = zip_source_buffer(archive, member.data.data(), member.data.size(), 0);
    const zip_int64_t index = data ? zip_file_add(archive, member.name.c_str(), data, ZIP_FL_ENC_UTF_8) : -1;
    if (index < 0) {
      if (data) zip_source_free(data);
      zip_discard(archive);
      zip_source_free(buffer);
      throw std::runtime_error("zip_file_add failed for " + member.name);
    }
    zip_set_file_compression(archive, static_cast<zip_uint64_t>(index), member.compress ? ZIP_CM_DEFLATE : ZIP_CM_STORE,
                             member.compress ? 6 : 0);
  }
  if (zip_close(archive) != 0) {
    zip_discard(archive);
    zip_source_free(buffer);
    throw std::runtime_error("zip_close failed");
  }
  std::string bytes;
  if (zip_source_open(buffer) == 0) {
    zip_source_seek(buffer, 0, SEEK_END);
    const zip_int64_t size = zip_source_tell(buffer);
    zip_source_seek(buffer, 0, SEEK_SET);
    bytes.resize(size > 0 ? static_cast<std::size_t>(size) : 0);
    if (size > 0) zip_source_read(buffer, bytes.data(), static_cast<zip_uint64_t>(size));
    zip_source_close(buffer);
  }
  zip_source_free(buffer);
  return bytes;
}

namespace sheet_writer_detail {

inline std::string Escape(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

inline std::string Number(double value) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.17g", value);
  return buffer;
}

inline std::string CellName(int row, int column) {
  std::string letters;
  for (int n = column + 1; n > 0; n = (n - 1) / 26)
    letters.insert(letters.begin(), static_cast<char>('A' + (n - 1) % 26));
  return letters + std::to_string(row);
}

/// "2026-07-08" for serial 46211 (days since 1899-12-30; H. Hinnant's civil_from_days).
inline std::string IsoDate(double serial) {
  long long z = static_cast<long long>(std::floor(serial)) - 25569 + 719468;  // 25569: serial of 1970-01-01
  const long long era = (z >= 0 ? z : z - 146096) / 146097;
  const long long doe = z - era * 146097;
  const long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long long mp = (5 * doy + 2) / 153;
  const long long d = doy - (153 * mp + 2) / 5 + 1;
  const long long m = mp < 10 ? mp + 3 : mp - 9;
  const long long y = yoe + era * 400 + (m <= 2);
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04lld-%02lld-%02lld", y, m, d);
  return buffer;
}

/// Hours, minutes and seconds (with decimals, so float noise survives) of a day fraction.
inline void Clock(double fraction, int& hours, int& minutes, double& seconds) {
  double total = (fraction - std::floor(fraction)) * 86400.0;
  hours = static_cast<int>(total / 3600);
  total -= hours * 3600.0;
  minutes = static_cast<int>(total / 60);
  seconds = total - minutes * 60.0;
}

inline std::string OdsTime(double fraction) {  // "PT09H29M59.999997120S"
  int h, m;
  double s;
  Clock(fraction, h, m, s);
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "PT%02dH%02dM%012.9fS", h, m, s);
  return buffer;
}

inline std::string OdsDateTime(double serial) {  // "2026-07-08T09:30:00.000000000"
  int h, m;
  double s;
  Clock(serial, h, m, s);
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "T%02d:%02d:%012.9f", h, m, s);
  return IsoDate(serial) + buffer;
}

}  // namespace sheet_writer_detail

/// The members of an xlsx workbook (ECMA-376 SpreadsheetML) holding `sheets` in order. Styles: xf 0 General, xf 1
/// built-in numFmt 14 (date), xf 2 custom numFmt 164 "hh:mm" (time), xf 3 built-in numFmt 22 (date-time).
inline std::vector<ZipMember> XlsxMembers(const std::vector<Sheet>& sheets) {
  using namespace sheet_writer_detail;
  const std::string main_ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
  const std::string rel_ns = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  std::vector<ZipMember> members;
  std::string types =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
      "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
      "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
      "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
      "<Override PartName=\"/xl/workbook.xml\" "
      "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
      "<Override PartName=\"/xl/styles.xml\" "
      "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
      "<Override PartName=\"/xl/sharedStrings.xml\" "
      "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>";
  for (std::size_t i = 0; i < sheets.size(); ++i)
    types += "<Override PartName=\"/xl/worksheets/sheet" + std::to_string(i + 1) +
             ".xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>";
  types += "</Types>";
  members.push_back({"[Content_Types].xml", types});
  members.push_back({"_rels/.rels",
                     "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                     "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                     "<Relationship Id=\"rId1\" Type=\"" +
                         rel_ns + "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"});

  std::string workbook = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<workbook xmlns=\"" + main_ns +
                         "\" xmlns:r=\"" + rel_ns + "\"><sheets>";
  std::string workbook_rels =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
      "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">";
  for (std::size_t i = 0; i < sheets.size(); ++i) {
    const std::string n = std::to_string(i + 1);
    workbook += "<sheet name=\"" + Escape(sheets[i].name) + "\" sheetId=\"" + n + "\" r:id=\"rId" + n + "\"/>";
    workbook_rels += "<Relationship Id=\"rId" + n + "\" Type=\"" + rel_ns + "/worksheet\" Target=\"worksheets/sheet" +
                     n + ".xml\"/>";
  }
  const std::string styles_id = std::to_string(sheets.size() + 1), strings_id = std::to_string(sheets.size() + 2);
  workbook += "</sheets></workbook>";
  workbook_rels += "<Relationship Id=\"rId" + styles_id + "\" Type=\"" + rel_ns +
                   "/styles\" Target=\"styles.xml\"/><Relationship Id=\"rId" + strings_id + "\" Type=\"" + rel_ns +
                   "/sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>";
  members.push_back({"xl/workbook.xml", workbook});
  members.push_back({"xl/_rels/workbook.xml.rels", workbook_rels});

  std::vector<std::string> shared;
  std::map<std::string, std::size_t> shared_index;
  for (std::size_t i = 0; i < sheets.size(); ++i) {
    std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<worksheet xmlns=\"" + main_ns +
                      "\" xmlns:r=\"" + rel_ns + "\"><sheetData>";
    int open_row = 0;
    for (const auto& [position, cell] : sheets[i].cells) {
      const auto [row, column] = position;
      if (row != open_row) {
        if (open_row != 0) xml += "</row>";
        xml += "<row r=\"" + std::to_string(row) + "\">";
        open_row = row;
      }
      const std::string ref = " r=\"" + CellName(row, column) + "\"";
      switch (cell.kind) {
        case SheetCell::Kind::Text: {
          auto [it, added] = shared_index.try_emplace(cell.text, shared.size());
          if (added) shared.push_back(cell.text);
          xml += "<c" + ref + " t=\"s\"><v>" + std::to_string(it->second) + "</v></c>";
          break;
        }
        case SheetCell::Kind::InlineText:
          xml += "<c" + ref + " t=\"inlineStr\"><is><t xml:space=\"preserve\">" + Escape(cell.text) + "</t></is></c>";
          break;
        case SheetCell::Kind::Number:
          xml += "<c" + ref + "><v>" + Number(cell.number) + "</v></c>";
          break;
        case SheetCell::Kind::Date:
          xml += "<c" + ref + " s=\"1\"><v>" + Number(cell.number) + "</v></c>";
          break;
        case SheetCell::Kind::Time:
          xml += "<c" + ref + " s=\"2\"><v>" + Number(cell.number) + "</v></c>";
          break;
        case SheetCell::Kind::DateTime:
          xml += "<c" + ref + " s=\"3\"><v>" + Number(cell.number) + "</v></c>";
          break;
        case SheetCell::Kind::Boolean:
          xml += "<c" + ref + " t=\"b\"><v>" + std::string(cell.number != 0 ? "1" : "0") + "</v></c>";
          break;
        case SheetCell::Kind::FormulaNumber:
          xml += "<c" + ref + "><f>" + Escape(cell.formula) + "</f><v>" + Number(cell.number) + "</v></c>";
          break;
        case SheetCell::Kind::FormulaText:
          xml += "<c" + ref + " t=\"str\"><f>" + Escape(cell.formula) + "</f><v>" + Escape(cell.text) + "</v></c>";
          break;
      }
    }
    if (open_row != 0) xml += "</row>";
    xml += "</sheetData>";
    if (!sheets[i].merges.empty()) {
      xml += "<mergeCells count=\"" + std::to_string(sheets[i].merges.size()) + "\">";
      for (const SheetMerge& m : sheets[i].merges)
        xml += "<mergeCell ref=\"" + CellName(m.first_row, m.first_column) + ":" + CellName(m.last_row, m.last_column) +
               "\"/>";
      xml += "</mergeCells>";
    }
    xml += "</worksheet>";
    members.push_back({"xl/worksheets/sheet" + std::to_string(i + 1) + ".xml", xml});
  }

  members.push_back(
      {"xl/styles.xml",
       "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<styleSheet xmlns=\"" + main_ns +
           "\"><numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"hh:mm\"/></numFmts>"
           "<fonts count=\"1\"><font><sz val=\"11\"/><name val=\"Calibri\"/></font></fonts>"
           "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill>"
           "<fill><patternFill patternType=\"gray125\"/></fill></fills>"
           "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
           "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/>"
           "</cellStyleXfs><cellXfs count=\"4\">"
           "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
           "<xf numFmtId=\"14\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
           "<xf numFmtId=\"164\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
           "<xf numFmtId=\"22\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
           "</cellXfs><cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/>"
           "</cellStyles></styleSheet>"});
  std::string strings = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<sst xmlns=\"" + main_ns +
                        "\" count=\"" + std::to_string(shared.size()) + "\" uniqueCount=\"" +
                        std::to_string(shared.size()) + "\">";
  for (const std::string& s : shared) strings += "<si><t xml:space=\"preserve\">" + Escape(s) + "</t></si>";
  strings += "</sst>";
  members.push_back({"xl/sharedStrings.xml", strings});
  return members;
}

/// The members of an ods workbook (OpenDocument 1.2): the stored "mimetype" first, META-INF/manifest.xml,
/// content.xml with one table:table per sheet. Dates are office:value-type "date", times "time" (PT..H..M..S),
/// date-times "date" with a time part; merged ranges are number-rows/columns-spanned with covered cells.
inline std::vector<ZipMember> OdsMembers(const std::vector<Sheet>& sheets) {
  using namespace sheet_writer_detail;
  std::vector<ZipMember> members;
  members.push_back({"mimetype", "application/vnd.oasis.opendocument.spreadsheet", false});
  members.push_back({"META-INF/manifest.xml",
                     "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                     "<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" "
                     "manifest:version=\"1.2\"><manifest:file-entry manifest:full-path=\"/\" manifest:version=\"1.2\" "
                     "manifest:media-type=\"application/vnd.oasis.opendocument.spreadsheet\"/>"
                     "<manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/>"
                     "</manifest:manifest>"});
  std::string xml =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
      "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" "
      "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" "
      "xmlns:of=\"urn:oasis:names:tc:opendocument:xmlns:of:1.2\" office:version=\"1.2\">"
      "<office:body><office:spreadsheet>";
  for (const Sheet& sheet : sheets) {
    xml += "<table:table table:name=\"" + Escape(sheet.name) + "\">";
    int columns = 1, last_row = 0;
    for (const auto& [position, cell] : sheet.cells) {
      columns = std::max(columns, position.second + 1);
      last_row = std::max(last_row, position.first);
    }
    for (const SheetMerge& m : sheet.merges) {
      columns = std::max(columns, m.last_column + 1);
      last_row = std::max(last_row, m.last_row);
    }
    xml += "<table:table-column table:number-columns-repeated=\"" + std::to_string(columns) + "\"/>";
    auto covered = [&](int row, int column) {
      for (const SheetMerge& m : sheet.merges)
        if (row >= m.first_row && row <= m.last_row && column >= m.first_column && column <= m.last_column &&
            !(row == m.first_row && column == m.first_column))
          return true;
      return false;
    };
    for (int row = 1; row <= last_row; ++row) {
      xml += "<table:table-row>";
      for (int column = 0; column < columns; ++column) {
        if (covered(row, column)) {
          xml += "<table:covered-table-cell/>";
          continue;
        }
        std::string span;
        for (const SheetMerge& m : sheet.merges)
          if (m.first_row == row && m.first_column == column)
            span = " table:number-columns-spanned=\"" + std::to_string(m.last_column - m.first_column + 1) +
                   "\" table:number-rows-spanned=\"" + std::to_string(m.last_row - m.first_row + 1) + "\"";
        const auto found = sheet.cells.find({row, column});
        if (found == sheet.cells.end()) {
          xml += "<table:table-cell" + span + "/>";
          continue;
        }
        const SheetCell& cell = found->second;
        const auto paragraph = [](const std::string& text) { return "<text:p>" + Escape(text) + "</text:p>"; };
        switch (cell.kind) {
          case SheetCell::Kind::Text:
          case SheetCell::Kind::InlineText:
            xml += "<table:table-cell office:value-type=\"string\"" + span + ">" + paragraph(cell.text) +
                   "</table:table-cell>";
            break;
          case SheetCell::Kind::Number:
            xml += "<table:table-cell office:value-type=\"float\" office:value=\"" + Number(cell.number) + "\"" + span +
                   ">" + paragraph(Number(cell.number)) + "</table:table-cell>";
            break;
          case SheetCell::Kind::Date:
            xml += "<table:table-cell office:value-type=\"date\" office:date-value=\"" + IsoDate(cell.number) + "\"" +
                   span + ">" + paragraph(IsoDate(cell.number)) + "</table:table-cell>";
            break;
          case SheetCell::Kind::Time:
            xml += "<table:table-cell office:value-type=\"time\" office:time-value=\"" + OdsTime(cell.number) + "\"" +
                   span + ">" + paragraph(OdsTime(cell.number)) + "</table:table-cell>";
            break;
          case SheetCell::Kind::DateTime:
            xml += "<table:table-cell office:value-type=\"date\" office:date-value=\"" + OdsDateTime(cell.number) +
                   "\"" + span + ">" + paragraph(OdsDateTime(cell.number)) + "</table:table-cell>";
            break;
          case SheetCell::Kind::Boolean:
            xml += "<table:table-cell office:value-type=\"boolean\" office:boolean-value=\"" +
                   std::string(cell.number != 0 ? "true" : "false") + "\"" + span + ">" +
                   paragraph(cell.number != 0 ? "TRUE" : "FALSE") + "</table:table-cell>";
            break;
          case SheetCell::Kind::FormulaNumber:
            xml += "<table:table-cell table:formula=\"of:=" + Escape(cell.formula) +
                   "\" office:value-type=\"float\" office:value=\"" + Number(cell.number) + "\"" + span + ">" +
                   paragraph(Number(cell.number)) + "</table:table-cell>";
            break;
          case SheetCell::Kind::FormulaText:
            xml += "<table:table-cell table:formula=\"of:=" + Escape(cell.formula) +
                   "\" office:value-type=\"string\" office:string-value=\"" + Escape(cell.text) + "\"" + span + ">" +
                   paragraph(cell.text) + "</table:table-cell>";
            break;
        }
      }
      xml += "</table:table-row>";
    }
    xml += "</table:table>";
  }
  xml += "</office:spreadsheet></office:body></office:document-content>";
  members.push_back({"content.xml", xml});
  return members;
}

/// An xlsx workbook's bytes holding `sheets` (the first is the first sheet).
inline std::string WriteXlsx(const std::vector<Sheet>& sheets) { return WriteZip(XlsxMembers(sheets)); }
/// An ods workbook's bytes holding `sheets`.
inline std::string WriteOds(const std::vector<Sheet>& sheets) { return WriteZip(OdsMembers(sheets)); }

}  // namespace kiosk::test
