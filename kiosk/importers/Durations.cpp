// The frab <duration> grammar: H:MM, HH:MM and pretalx's D:HH:MM, with warnings for the doubtful ones.
#include "kiosk/importers/Durations.h"

#include <array>
#include <cstddef>

#include "kiosk/core/Text.h"

namespace kiosk {
namespace {

/// Most digits a part may have; keeps every sum far from overflow.
constexpr std::size_t kMaxDigits = 4;

/// A run of 1..kMaxDigits ASCII digits as a number, or -1.
int ParseDigits(std::string_view text) {
  if (text.empty() || text.size() > kMaxDigits) return -1;
  int value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return -1;
    value = value * 10 + (c - '0');
  }
  return value;
}

std::string FormatLength(int minutes) {
  std::string text = std::to_string(minutes / 60) + " h";
  if (minutes % 60 != 0) text += " " + std::to_string(minutes % 60) + " min";
  return text;
}

}  // namespace

// Rules (frab schedule.xml.xsd simpleType "duration": "H:MM", "HH:MM" or "HH:MM:SS"; pretalx serialize_duration writes
// "D:HH:MM" when a session lasts a day or more and never writes a zero day):
// - two parts H:MM: hours 1-4 digits (over 24 is fine), minutes exactly 2 digits; minutes over 59 are added with a
// warning;
// - three parts A:B:C: read as pretalx's D:HH:MM with an "ambiguous" warning, unless it cannot be that (A is 0, B is
// over
//   23, or C has one digit), in which case it is the schema's HH:MM:SS (seconds rounded to the minute, with a warning).
std::optional<ParsedDuration> ParseFrabDuration(std::string_view text) {
  text = Trim(text);
  std::array<std::string_view, 3> parts{};
  std::size_t count = 0;
  while (true) {
    std::size_t colon = text.find(':');
    if (count == parts.size()) return std::nullopt;
    parts[count++] = text.substr(0, colon);
    if (colon == std::string_view::npos) break;
    text.remove_prefix(colon + 1);
  }
  if (count < 2) return std::nullopt;
  std::array<int, 3> values{};
  for (std::size_t i = 0; i < count; ++i) {
    values[i] = ParseDigits(parts[i]);
    if (values[i] < 0) return std::nullopt;
  }

  ParsedDuration parsed;
  int minutes = 0;
  if (count == 2) {
    if (parts[1].size() != 2) return std::nullopt;
    minutes = values[0] * 60 + values[1];
    if (values[1] > 59) parsed.warning = "minutes over 59 in duration, read as " + std::to_string(minutes) + " min";
  } else {
    const bool can_be_days = values[0] != 0 && values[1] <= 23 && parts[1].size() == 2 && parts[2].size() == 2;
    if (can_be_days) {
      minutes = (values[0] * 24 + values[1]) * 60 + values[2];
      parsed.warning = "ambiguous duration read as D:HH:MM (pretalx) = " + FormatLength(minutes) +
                       "; as HH:MM:SS it would be " + FormatLength(values[0] * 60 + values[1]);
    } else {
      if (parts[1].size() != 2 || parts[2].size() > 2 || values[2] > 59) return std::nullopt;
      minutes = values[0] * 60 + values[1] + (values[2] >= 30 ? 1 : 0);
      if (values[1] > 59) {
        parsed.warning = "minutes over 59 in duration, read as " + std::to_string(minutes) + " min";
      } else if (values[2] != 0) {
        parsed.warning = "seconds in duration rounded to the minute";
      }
    }
  }
  parsed.length = std::chrono::minutes(minutes);
  if (minutes == 0 && parsed.warning.empty()) parsed.warning = "zero-length duration";
  return parsed;
}

}  // namespace kiosk
