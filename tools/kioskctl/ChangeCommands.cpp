// kioskctl's live changes during the event: delay, cancel, move, full, open, announce, clear, rollback.
#include <CLI/CLI.hpp>

#include "tools/kioskctl/Commands.h"

namespace kiosk::ctl {

CommandRunner AddChangeCommands(CLI::App& app, std::string& db) {
  (void)app;
  (void)db;
  return [] { return std::optional<int>(); };
}

}  // namespace kiosk::ctl
