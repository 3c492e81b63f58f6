// The end of every programme import (see FinishImport.h).
#include "kiosk/importers/FinishImport.h"

#include <iterator>
#include <utility>

namespace kiosk::importers {

ImportResult FinishImport(Programme programme, std::vector<Warning> warnings, const std::string& source,
                          const SessionKeys& zero_length_reported) {
  ImportResult result{std::move(programme), std::move(warnings)};
  result.programme.Normalize();
  std::vector<Warning> checks = ValidateProgramme(result.programme, source, zero_length_reported);
  result.warnings.insert(result.warnings.end(), std::make_move_iterator(checks.begin()),
                         std::make_move_iterator(checks.end()));
  return result;
}

}  // namespace kiosk::importers
