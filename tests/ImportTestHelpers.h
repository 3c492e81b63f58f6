// Helpers the importer suites share.
#pragma once

#include <string>
#include <vector>

#include "kiosk/importers/Importer.h"

namespace kiosk::test {

/// Import options naming the source (as messages will) and, when given, the --tz venue zone.
inline ImportOptions Named(const std::string& name, const std::string& time_zone = {}) {
  ImportOptions options;
  options.source_name = name;
  options.time_zone = time_zone;
  return options;
}

/// Every warning as "where: message", one a line: what a failed check prints.
inline std::string WarningsText(const std::vector<Warning>& warnings) {
  std::string text;
  for (const Warning& warning : warnings) text += warning.ToString() + "\n";
  return text;
}

}  // namespace kiosk::test
