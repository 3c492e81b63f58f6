// The kiosk's command line: `kiosk [--config FILE] [flags]` read into the options of one mode (the public screens,
// headless, or the check-in desk). Not part of the public screens' library: it knows the desk's options, so it is
// built into the kiosk executable beside main.cpp (tests/check_includes.sh).
#pragma once

#include <optional>

#include "kiosk/app/AppOptions.h"
#include "kiosk/app/CheckinDesk.h"

namespace kiosk::app {

/// What the command line asks for: a mode and its options, or an exit code.
struct KioskCommand {
  enum class Mode { Screens, Headless, Desk };
  Mode mode = Mode::Screens;
  AppOptions screens;  ///< Mode::Screens and Mode::Headless: the configuration file, then the flags given over it
  DeskOptions desk;    ///< Mode::Desk (--mode checkin)
  /// Set when the program must exit without running: 0 after --help, 2 for a bad flag, a bad configuration file
  /// (`kiosk: bad configuration: FILE:LINE …`) or flags that do not go together (the message is on stderr).
  std::optional<int> exit_code;
};

/// Reads `argv` (CLI11) over the configuration file (--config, else $KIOSK_CONFIG; Config.h's LoadConfig). Prints
/// errors and --help to stderr/stdout itself. Never throws.
KioskCommand ParseKioskCommandLine(int argc, char** argv);

}  // namespace kiosk::app
