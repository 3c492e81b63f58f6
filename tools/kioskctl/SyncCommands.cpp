// kioskctl's signed snapshots: keygen, publish, pull, serve.
#include <CLI/CLI.hpp>

#include "tools/kioskctl/Commands.h"

namespace kiosk::ctl {

CommandRunner AddSyncCommands(CLI::App& app, std::string& db) {
  (void)app;
  (void)db;
  return [] { return std::optional<int>(); };
}

}  // namespace kiosk::ctl
