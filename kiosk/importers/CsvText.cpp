// CSV text handling shared by the programme and registrant importers (see CsvText.h).

#include "kiosk/importers/CsvText.h"

#include <iconv.h>

#include <cerrno>

#include <algorithm>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kiosk/core/Text.h"

namespace kiosk {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

}  // namespace

std::optional<CsvRecord> CsvReader::Next() {
  if (m_pos >= m_text.size()) return std::nullopt;
  enum class State { CellStart, Unquoted, Quoted, QuoteInQuoted };
  State state = State::CellStart;
  CsvRecord record;
  record.line = m_line;
  std::string cell;
  int quote_line = m_line;
  while (m_pos < m_text.size()) {
    const std::size_t pos = m_pos++;
    const char c = m_text[pos];
    switch (state) {
      case State::QuoteInQuoted:
        if (c == '"') {
          cell += '"';
          state = State::Quoted;
          break;
        }
        // The quote closed the cell: whatever follows is read as unquoted text up to the delimiter.
        state = State::Unquoted;
        [[fallthrough]];
      case State::CellStart:
      case State::Unquoted:
        if (c == m_delimiter) {
          record.cells.push_back(std::move(cell));
          cell.clear();
          state = State::CellStart;
        } else if (c == '\n') {
          ++m_line;
          record.cells.push_back(std::move(cell));
          return record;
        } else if (CrlfAt(pos)) {
          // The '\n' that follows ends the record.
        } else if (c == '"' && state == State::CellStart) {
          cell.clear();  // white space before an opening quote is not content
          quote_line = m_line;
          state = State::Quoted;
        } else {
          cell += c;
          if (c != ' ' && c != '\t') state = State::Unquoted;
        }
        break;
      case State::Quoted:
        if (c == '"') {
          state = State::QuoteInQuoted;
        } else if (CrlfAt(pos)) {
          // A line break inside a cell is kept as '\n' whatever the file's line ends.
        } else {
          if (c == '\n') ++m_line;
          cell += c;
        }
        break;
    }
  }
  if (state == State::Quoted) {
    throw ImportError(m_source + ":" + std::to_string(quote_line), "unterminated quoted cell");
  }
  record.cells.push_back(std::move(cell));
  return record;
}

/// The delimiter of a header line: the most frequent of ',', ';' and tab outside quotes (',' when none or a tie).
char DetectDelimiter(std::string_view header_line) {
  std::size_t commas = 0, semicolons = 0, tabs = 0;
  bool quoted = false;
  for (char c : header_line) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    commas += c == ',';
    semicolons += c == ';';
    tabs += c == '\t';
  }
  if (semicolons > commas && semicolons >= tabs) return ';';
  if (tabs > commas && tabs > semicolons) return '\t';
  return ',';
}

/// The line (1-based) of byte `offset`.
int LineOf(std::string_view bytes, std::size_t offset) {
  return 1 + static_cast<int>(std::count(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
}

/// Length of the well-formed multi-byte UTF-8 sequence starting at `pos` (RFC 3629 section 4: no overlong forms, no
/// surrogates, nothing above U+10FFFF), 0 when none starts there.
std::size_t MultiByteSequenceAt(std::string_view bytes, std::size_t pos) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(bytes[i]); };
  const unsigned char lead = byte(pos);
  std::size_t length = 0;
  unsigned char low = 0x80, high = 0xBF;  // range of the second byte
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;
    if (lead == 0xED) high = 0x9F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;
    if (lead == 0xF4) high = 0x8F;
  } else {
    return 0;
  }
  if (pos + length > bytes.size() || byte(pos + 1) < low || byte(pos + 1) > high) return 0;
  for (std::size_t i = 2; i < length; ++i) {
    if (byte(pos + i) < 0x80 || byte(pos + i) > 0xBF) return 0;
  }
  return length;
}

Utf8Scan ScanUtf8(std::string_view bytes) {
  Utf8Scan scan;
  for (std::size_t pos = 0; pos < bytes.size();) {
    if (static_cast<unsigned char>(bytes[pos]) < 0x80) {
      ++pos;
    } else if (const std::size_t length = MultiByteSequenceAt(bytes, pos)) {
      scan.has_multi_byte = true;
      pos += length;
    } else {
      if (scan.first_invalid == std::string_view::npos) scan.first_invalid = pos;
      ++pos;
    }
  }
  return scan;
}

/// "0xE9".
std::string HexByte(char byte) {
  constexpr std::string_view kDigits = "0123456789ABCDEF";
  const auto value = static_cast<unsigned char>(byte);
  return std::string("0x") + kDigits[value >> 4] + kDigits[value & 0xF];
}

std::optional<std::string> OtherDocument(std::string_view bytes) {
  constexpr const char* kExport = ": export it as CSV (UTF-8) and import that file";
  if (bytes.starts_with("PK\x03\x04")) {
    // A ZIP: OpenDocument puts an uncompressed "mimetype" member first (ODF 1.2 part 3, section 3.3).
    const std::string_view head = bytes.substr(0, 4096);
    if (head.find("application/vnd.oasis.opendocument.spreadsheet") != std::string_view::npos)
      return std::string("this is an OpenDocument .ods spreadsheet (LibreOffice Calc)") + kExport +
             " (File > Save As > Text CSV, character set Unicode (UTF-8))";
    if (head.find("application/vnd.oasis.opendocument.text") != std::string_view::npos)
      return std::string("this is an OpenDocument .odt text document, not a table") + kExport;
    if (bytes.find("xl/") != std::string_view::npos)
      return std::string("this is an Excel .xlsx workbook") + kExport + " (File > Save As > CSV UTF-8)";
    if (bytes.find("word/") != std::string_view::npos)
      return std::string("this is a Word .docx document, not a table") + kExport;
    return std::string("this is a ZIP archive: unpack it and import the CSV, XML, JSON or iCalendar file inside");
  }
  if (bytes.starts_with("%PDF-"))
    return std::string(
        "this is a PDF document: a programme or registrant list must be the source file (CSV, frab "
        "XML or JSON, iCalendar), not its printout");
  if (bytes.starts_with("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"))
    return std::string("this is a legacy Microsoft Office file (.xls or .doc)") + kExport;
  return std::nullopt;
}

std::optional<Utf16Order> DetectUtf16WithoutBom(std::string_view bytes, const std::string& source) {
  // The first units only: a header row or a calendar's BEGIN lines are ASCII, so every unit of them has a NUL byte.
  const std::size_t units = std::min<std::size_t>(bytes.size(), 512) / 2;
  if (units < 4) return std::nullopt;
  std::size_t little = 0, big = 0, both = 0;
  for (std::size_t u = 0; u < units; ++u) {
    const bool first_nul = bytes[2 * u] == '\0', second_nul = bytes[2 * u + 1] == '\0';
    if (first_nul && second_nul) {
      ++both;
    } else if (second_nul) {
      ++little;  // "a\0": U+0000-U+00FF in UTF-16LE
    } else if (first_nul) {
      ++big;  // "\0a": the same in UTF-16BE
    }
  }
  if (both * 4 > units || (little * 4 > units && big * 4 > units)) {
    throw ImportError(source,
                      "the file holds NUL bytes at every position (UTF-32, or not a text file): save it as UTF-8");
  }
  // A text has NUL bytes in a quarter of its units at least, all on one side; a UTF-8 file has none (one NUL in a
  // title is a control character, not an encoding).
  if (little * 4 > units && big * 8 <= little) return Utf16Order::LittleEndian;
  if (big * 4 > units && little * 8 <= big) return Utf16Order::BigEndian;
  if (little + big + both > units / 8) {
    throw ImportError(source, "the file is UTF-16 (no byte-order mark) of unclear byte order: save it as UTF-8");
  }
  return std::nullopt;
}

std::optional<std::string> DecodeUtf16(std::string_view bytes, const std::string& source, std::string* encoding) {
  std::optional<Utf16Order> order;
  bool bom = true;
  if (bytes.starts_with("\xFF\xFE")) {
    order = Utf16Order::LittleEndian;
  } else if (bytes.starts_with("\xFE\xFF")) {
    order = Utf16Order::BigEndian;
  } else {
    order = DetectUtf16WithoutBom(bytes, source);
    bom = false;
  }
  if (!order) return std::nullopt;
  const bool little = *order == Utf16Order::LittleEndian;
  if (bom) bytes.remove_prefix(2);
  if (encoding != nullptr) {
    *encoding = bom ? "UTF-16" : std::string("UTF-16 (") + (little ? "little" : "big") + "-endian, no byte-order mark)";
  }
  iconv_t convert = iconv_open("UTF-8", little ? "UTF-16LE" : "UTF-16BE");
  if (convert == reinterpret_cast<iconv_t>(-1)) throw ImportError(source, "UTF-16: save the file as UTF-8");
  std::string out(bytes.size() * 2 + 16, '\0');  // a UTF-16 unit gives at most 3 UTF-8 bytes, a pair 4
  char* in = const_cast<char*>(bytes.data());
  std::size_t in_left = bytes.size();
  char* to = out.data();
  std::size_t out_left = out.size();
  const std::size_t result = iconv(convert, &in, &in_left, &to, &out_left);
  const int error = errno;
  iconv_close(convert);
  out.resize(out.size() - out_left);
  if (result == static_cast<std::size_t>(-1)) {
    const std::string what = error == EINVAL ? "the file ends in the middle of a character"
                                             : "bytes that are not UTF-16 (an unpaired surrogate?)";
    throw ImportError(source + ":" + std::to_string(LineOf(out, out.size())),
                      "UTF-16 (" + std::string(little ? "little" : "big") + "-endian" +
                          (bom ? "" : ", no byte-order mark") + ") file with " + what + "; save the file as UTF-8");
  }
  // A BOM-less file may still start with U+FEFF once decoded (written twice); it is no text.
  if (!bom && std::string_view(out).starts_with("\xEF\xBB\xBF")) out.erase(0, 3);
  return out;
}

DecodedCsv DecodeCsvBytes(std::string_view bytes, const std::string& source, std::vector<Warning>& warnings) {
  if (std::optional<std::string> other = OtherDocument(bytes)) throw ImportError(source, *other);
  std::string encoding;
  if (std::optional<std::string> utf8 = DecodeUtf16(bytes, source, &encoding)) {
    warnings.push_back(Warning{source + ":1", "decoded from " + encoding});
    DecodedCsv decoded = DecodeCsvBytes(*utf8, source, warnings);
    decoded.had_bom = true;
    return decoded;
  }
  DecodedCsv decoded;
  decoded.had_bom = bytes.starts_with(kUtf8Bom);
  if (decoded.had_bom) bytes.remove_prefix(kUtf8Bom.size());
  if (const Utf8Scan scan = ScanUtf8(bytes); scan.first_invalid != std::string_view::npos) {
    // Decoding a file that is mostly UTF-8 as Windows-1252 would turn every accent into mojibake ("Ã‰"): only a
    // file without any UTF-8 sign (a BOM or a multi-byte sequence) is a legacy export.
    if (decoded.had_bom || scan.has_multi_byte) {
      throw ImportError(source + ":" + std::to_string(LineOf(bytes, scan.first_invalid)),
                        "invalid UTF-8 (mixed encodings?): byte " + HexByte(bytes[scan.first_invalid]) +
                            " in a file otherwise written as UTF-8; save the file as UTF-8");
    }
    // Windows-1252 leaves 0x81, 0x8D, 0x8F, 0x90 and 0x9D undefined: such a file is neither encoding.
    const auto undefined = bytes.find_first_of("\x81\x8D\x8F\x90\x9D");
    if (undefined != std::string_view::npos) {
      throw ImportError(source + ":" + std::to_string(LineOf(bytes, undefined)),
                        "neither UTF-8 nor Windows-1252; save the file as UTF-8");
    }
    decoded.text = Windows1252ToUtf8(bytes);
    decoded.windows1252 = true;
    warnings.push_back(Warning{source + ":1", "not valid UTF-8: decoded as Windows-1252"});
    return decoded;
  }
  decoded.text = std::string(bytes);
  return decoded;
}

/// Parses `digits` (1 to max_digits ASCII digits, nothing else) into an int.
std::optional<int> ParseDigits(std::string_view digits, std::size_t max_digits) {
  if (digits.empty() || digits.size() > max_digits) return std::nullopt;
  int value = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

/// A calendar day "YYYY-MM-DD" or "DD/MM/YYYY" (day and month may have one digit), years 1970 to 2200. nullopt
/// when invalid. Programme CSVs and registrant sheets read days the same way.
namespace {

/// ParseCsvDay without the range: any year of 4 digits.
std::optional<Day> ParseCsvDayAnyYear(std::string_view text) {
  std::optional<int> year, month, day;
  if (const auto dash = text.find('-'); dash != std::string_view::npos) {
    const auto dash2 = text.find('-', dash + 1);
    if (dash2 == std::string_view::npos) return std::nullopt;
    year = ParseDigits(text.substr(0, dash), 4);
    month = ParseDigits(text.substr(dash + 1, dash2 - dash - 1), 2);
    day = ParseDigits(text.substr(dash2 + 1), 2);
    if (dash != 4) return std::nullopt;
  } else if (const auto slash = text.find('/'); slash != std::string_view::npos) {
    const auto slash2 = text.find('/', slash + 1);
    if (slash2 == std::string_view::npos) return std::nullopt;
    day = ParseDigits(text.substr(0, slash), 2);
    month = ParseDigits(text.substr(slash + 1, slash2 - slash - 1), 2);
    year = ParseDigits(text.substr(slash2 + 1), 4);
    if (text.size() - slash2 - 1 != 4) return std::nullopt;
  }
  if (!year || !month || !day) return std::nullopt;
  const Day result{date::year{*year}, date::month{static_cast<unsigned>(*month)},
                   date::day{static_cast<unsigned>(*day)}};
  if (!result.ok()) return std::nullopt;
  return result;
}

}  // namespace

std::optional<Day> ParseCsvDay(std::string_view text) {
  const std::optional<Day> day = ParseCsvDayAnyYear(text);
  if (!day || !DayInRange(*day)) return std::nullopt;
  return day;
}

std::string CsvDayProblem(std::string_view text) {
  if (ParseCsvDayAnyYear(text)) return OutOfRange(text);
  return "unparseable date '" + std::string(text) + "'";
}

}  // namespace kiosk
