// CSV text handling shared by the programme and registrant importers: byte decoding (BOM, UTF-8, Windows-1252),
// delimiter detection and an RFC 4180 record reader.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kiosk/core/Diagnostics.h"
#include "kiosk/core/Model.h"

namespace kiosk {

/// One CSV record: its cells (not yet trimmed) and the physical line (1-based) it starts on.
struct CsvRecord {
  int line = 0;
  std::vector<std::string> cells;
};

/// Reads RFC 4180 records one by one from `text`, starting at `offset` which is on physical line `line`.
/// Quoted cells may hold the delimiter, doubled quotes and line breaks (kept as '\n'); CRLF or LF line ends.
/// `text` must outlive the reader.
class CsvReader {
 public:
  CsvReader(std::string_view text, std::size_t offset, int line, char delimiter, std::string source)
      : m_text(text), m_pos(offset), m_line(line), m_delimiter(delimiter), m_source(std::move(source)) {}

  /// The next record, or nullopt at the end of the text. Throws ImportError("source:line", …) for a quoted cell
  /// never closed, naming the line where its quote opened.
  std::optional<CsvRecord> Next();

 private:
  bool CrlfAt(std::size_t pos) const {
    return m_text[pos] == '\r' && pos + 1 < m_text.size() && m_text[pos + 1] == '\n';
  }

  std::string_view m_text;
  std::size_t m_pos;
  int m_line;
  char m_delimiter;
  std::string m_source;
};

/// The delimiter of a header line: the most frequent of ',', ';' and tab outside quotes (',' when none or a tie).
char DetectDelimiter(std::string_view header_line);

/// The line (1-based) of byte `offset` of `bytes` (offset <= size).
int LineOf(std::string_view bytes, std::size_t offset);

/// Length of the well-formed multi-byte UTF-8 sequence starting at `pos` (RFC 3629 section 4: no overlong forms, no
/// surrogates, nothing above U+10FFFF), 0 when none starts there.
std::size_t MultiByteSequenceAt(std::string_view bytes, std::size_t pos);

/// Where a file breaks UTF-8 and whether it holds any multi-byte UTF-8 sequence (a sign it was written as UTF-8).
struct Utf8Scan {
  std::size_t first_invalid = std::string_view::npos;
  bool has_multi_byte = false;
};
Utf8Scan ScanUtf8(std::string_view bytes);

/// "0xE9".
std::string HexByte(char byte);

/// The text of a CSV file as UTF-8, and how it was found.
struct DecodedCsv {
  std::string text;          ///< UTF-8, BOM removed, otherwise the file's bytes (line ends unchanged)
  bool had_bom = false;      ///< the file started with a UTF-8 BOM
  bool windows1252 = false;  ///< the file was not UTF-8 and was decoded as Windows-1252
};

/// A document a programme or registrant import does not read, recognised by its magic bytes, as the sentence that
/// tells the organizer what to do: "this is an Excel .xlsx workbook: export it as CSV (UTF-8) ..." for a ZIP holding
/// xl/ (.xlsx), an OpenDocument spreadsheet (ZIP whose first member is "mimetype" naming it), another ZIP, a PDF
/// ("%PDF-"), a legacy Office file (OLE2 D0 CF 11 E0); nullopt for anything else.
std::optional<std::string> OtherDocument(std::string_view bytes);

/// The byte order of a UTF-16 file.
enum class Utf16Order { LittleEndian, BigEndian };

/// The byte order of a UTF-16 file written without a byte-order mark, recognised by its NUL bytes: among the first
/// 256 two-byte units, more than a quarter hold a NUL byte on one side (a character U+0001-U+00FF: ASCII and Latin-1,
/// what a header row, a calendar's BEGIN lines or a frab file start with) and at most an eighth as many on the other;
/// nullopt for a file with few NUL bytes (UTF-8, Windows-1252: one NUL in a title is a control character). Throws
/// ImportError(source, …) for a file with NUL bytes in both positions of many units ("the file holds NUL bytes at
/// every position (UTF-32, or not a text file): save it as UTF-8") or on both sides ("the file is UTF-16 (no
/// byte-order mark) of unclear byte order: save it as UTF-8").
std::optional<Utf16Order> DetectUtf16WithoutBom(std::string_view bytes, const std::string& source);

/// A UTF-16 text file (BOM FF FE: little-endian, FE FF: big-endian; without a BOM: DetectUtf16WithoutBom) as UTF-8
/// without the BOM, decoded with glibc's iconv; nullopt when `bytes` is not UTF-16. `encoding`, when not null, is
/// set to what was found: "UTF-16", or "UTF-16 (little-endian, no byte-order mark)". Throws ImportError("source:line",
/// …) for a byte sequence that is not UTF-16 (an unpaired surrogate, an odd byte at the end), naming the line of the
/// UTF-8 text, and what DetectUtf16WithoutBom throws.
std::optional<std::string> DecodeUtf16(std::string_view bytes, const std::string& source,
                                       std::string* encoding = nullptr);

/// Decodes a CSV file's bytes: a document of another kind is refused (OtherDocument, ImportError naming it); UTF-16
/// with or without a BOM is decoded (DecodeUtf16, with the warning "source:1: decoded from UTF-16", or "… from UTF-16
/// (little-endian, no byte-order mark)"); then UTF-8 with or without
/// BOM as is; a file with no BOM and no multi-byte UTF-8 sequence whose bytes are not UTF-8 is a legacy export, decoded
/// as Windows-1252 with the warning "source:1: not valid UTF-8: decoded as Windows-1252" appended to `warnings`. Throws
/// ImportError("source:line", …) naming the line of the first bad byte for a file otherwise UTF-8 with stray bytes
/// (mixed encodings), or one with a byte Windows-1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D). Line numbers
/// count from the first byte after the BOM.
DecodedCsv DecodeCsvBytes(std::string_view bytes, const std::string& source, std::vector<Warning>& warnings);

/// Parses `digits` (1 to max_digits ASCII digits, nothing else) into an int; nullopt otherwise.
std::optional<int> ParseDigits(std::string_view digits, std::size_t max_digits);

/// A calendar day "YYYY-MM-DD" or "DD/MM/YYYY" (day and month may have one digit), years kFirstYear to kLastYear
/// (1970 to 2100); nullopt when
/// invalid. Programme CSVs and registrant sheets read days the same way.
std::optional<Day> ParseCsvDay(std::string_view text);

/// Why ParseCsvDay refused `text`: OutOfRange(text) for a well-formed date outside kFirstYear..kLastYear, else
/// "unparseable date 'TEXT'".
std::string CsvDayProblem(std::string_view text);

}  // namespace kiosk
