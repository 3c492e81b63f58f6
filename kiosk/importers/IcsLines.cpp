// The structural pass of the iCalendar importer (IcsLines.h).
#include "kiosk/importers/IcsLines.h"

#include <algorithm>

#include "kiosk/core/Text.h"
#include "kiosk/importers/Importer.h"

namespace kiosk::ics {

std::string Upper(std::string_view text) {
  std::string upper(text);
  for (char& c : upper) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return upper;
}

std::vector<ContentLine> Unfold(std::string_view bytes) {
  std::vector<ContentLine> lines;
  int physical = 1;
  std::size_t pos = 0;
  while (pos < bytes.size()) {
    ContentLine current{{}, physical};
    for (;;) {
      const std::size_t newline = bytes.find('\n', pos);
      const std::size_t end = newline == std::string_view::npos ? bytes.size() : newline;
      std::size_t content_end = end;
      if (content_end > pos && bytes[content_end - 1] == '\r') --content_end;
      current.text.append(bytes.substr(pos, content_end - pos));
      if (newline == std::string_view::npos) {
        pos = bytes.size();
        break;
      }
      pos = newline + 1;
      ++physical;
      if (pos < bytes.size() && (bytes[pos] == ' ' || bytes[pos] == '\t')) {
        ++pos;  // a fold: the next physical line continues this content line
        continue;
      }
      break;
    }
    lines.push_back(std::move(current));
  }
  return lines;
}

ScannedFile Scan(const std::vector<ContentLine>& lines, const std::string& source, std::vector<Warning>& warnings) {
  ScannedFile scanned;
  struct Open {
    std::string name;
    int line;
  };
  std::vector<Open> open;
  int calendars = 0;
  bool trailing_warned = false;
  const auto fail = [&](int line, const std::string& message) {
    throw ImportError(source + ":" + std::to_string(line), message);
  };
  for (const ContentLine& line : lines) {
    const std::string_view text = line.text;
    if (text.find('\0') != std::string_view::npos) fail(line.line, "NUL byte in the file (not an iCalendar file?)");
    if (!IsValidUtf8(text)) fail(line.line, "invalid UTF-8 (RFC 5545 3.1.4: iCalendar text is UTF-8)");
    if (Trim(text).empty()) continue;
    const std::size_t colon = text.find(':');
    const std::size_t name_end = std::min(colon, text.find(';'));
    const std::string name = Upper(Trim(text.substr(0, name_end)));
    const std::string value = colon == std::string_view::npos ? std::string() : Upper(Trim(text.substr(colon + 1)));
    const std::string excerpt(text.substr(0, 40));

    if (open.empty()) {
      if (name == "BEGIN" && value == "VCALENDAR") {
        ++calendars;
      } else if (calendars == 0) {
        fail(line.line, "not an iCalendar file: expected BEGIN:VCALENDAR (RFC 5545 3.4), found '" + excerpt + "'");
      } else {
        if (!trailing_warned) {
          warnings.push_back({source + ":" + std::to_string(line.line), "text after END:VCALENDAR ignored"});
        }
        trailing_warned = true;
        continue;
      }
    }
    if (colon == std::string_view::npos) {
      warnings.push_back({source + ":" + std::to_string(line.line),
                          "not a content line (RFC 5545 3.1: NAME[;PARAM]:VALUE), ignored: '" + excerpt + "'"});
      continue;
    }
    if (name == "BEGIN") {
      if (value.empty()) fail(line.line, "BEGIN without a component name");
      if (open.size() >= kMaxDepth) fail(line.line, "components nested too deep");
      open.push_back({value, line.line});
    } else if (name == "END") {
      if (value != open.back().name) {
        fail(line.line, "END:" + value + " does not close BEGIN:" + open.back().name + " of line " +
                            std::to_string(open.back().line));
      }
      open.pop_back();
    } else if (name == "X-WR-TIMEZONE" && open.size() == 1 && scanned.file_zone.empty()) {
      scanned.file_zone = Trim(text.substr(colon + 1));
      scanned.file_zone_line = line.line;
    } else if (name == kLineProperty) {
      continue;  // ours only
    }
    scanned.text.append(text);
    scanned.text.append("\r\n");
    if (name == "BEGIN" && value == "VEVENT") {
      scanned.text.append(kLineProperty);
      scanned.text.append(":" + std::to_string(line.line) + "\r\n");
    }
  }
  if (!open.empty()) {
    fail(open.back().line,
         "BEGIN:" + open.back().name + " is never closed by END:" + open.back().name + " (truncated file?)");
  }
  if (calendars == 0) fail(1, "no BEGIN:VCALENDAR: empty or not an iCalendar file");
  return scanned;
}

}  // namespace kiosk::ics
