// Duration grammar shared by the frab XML and JSON importers.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace kiosk {

/// A parsed duration and whether it deserves a warning.
struct ParsedDuration {
  std::chrono::minutes length{0};
  std::string warning;  ///< empty when unambiguous
};

/// frab <duration>: "H:MM", "HH:MM" (hours may exceed 24; minutes over 59 are accepted with a warning), and
/// "D:HH:MM" as pretalx writes 24 h or more (accepted with a warning: ambiguous with HH:MM:SS). Zero gives a warning.
/// Returns nullopt when the text is none of these (including empty).
std::optional<ParsedDuration> ParseFrabDuration(std::string_view text);

}  // namespace kiosk
