// The structural pass of the iCalendar importer (IcsImporter.cpp): RFC 5545 content lines unfolded on octets, the
// BEGIN/END nesting and the encoding checked, and the text handed to libical built, each VEVENT tagged with its line.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/Diagnostics.h"

namespace kiosk::ics {

/// Deepest BEGIN nesting accepted (VCALENDAR > VTIMEZONE > STANDARD is 3; VEVENT > VALARM is 3).
constexpr std::size_t kMaxDepth = 16;
/// Property this importer adds after each BEGIN:VEVENT before handing the text to libical: the event's line.
constexpr std::string_view kLineProperty = "X-KIOSK-LINE";

/// ASCII upper case of `text` (property and component names are case-insensitive, RFC 5545 2).
std::string Upper(std::string_view text);

/// A content line after unfolding, and the physical line (1-based) where it starts.
struct ContentLine {
  std::string text;
  int line = 0;
};

/// RFC 5545 3.1: a line break (CRLF, or LF as many exporters write) followed by one space or tab is removed, on
/// octets, before the text is decoded; the line break of each content line is dropped.
std::vector<ContentLine> Unfold(std::string_view bytes);

/// The text handed to libical and what the structural pass learnt on the way.
struct ScannedFile {
  std::string text;       ///< the VCALENDAR objects' content lines, CRLF-ended, each VEVENT tagged with kLineProperty
  std::string file_zone;  ///< X-WR-TIMEZONE of the first calendar naming one
  int file_zone_line = 1;
};

/// Checks the BEGIN/END structure of the unfolded lines (RFC 5545 3.4, 3.6) and the encoding (3.1.4), and builds the
/// text for libical. `source` names the file in messages; warnings (text after END:VCALENDAR, lines that are not
/// content lines) are appended to `warnings`. Throws ImportError naming the line.
ScannedFile Scan(const std::vector<ContentLine>& lines, const std::string& source, std::vector<Warning>& warnings);

}  // namespace kiosk::ics
