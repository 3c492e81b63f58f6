// `kiosk --mode checkin` (RunCheckinDesk): the desk's window loop over kiosk/checkin's DeskController and its
// background thread.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/Model.h"  // kDefaultVenueZone

namespace kiosk::app {

/// What `kiosk --mode checkin` was given.
struct DeskOptions {
  std::filesystem::path people;                       ///< registrant store; empty: DefaultRegistrantStorePath()
  std::string desk;                                   ///< desk name; empty: the host name
  std::string hub_url;                                ///< --hub; empty: standalone desk
  std::string token;                                  ///< --token, or the first line of --token-file
  std::string zone = std::string(kDefaultVenueZone);  ///< venue zone (IANA name)
  bool fullscreen = false;
  int monitor = 0;
  int width = 1920;
  int height = 1080;
  std::filesystem::path screenshot;  ///< when set: apply desk_input, render, write the PNG, exit
  /// --desk-input (test hook): typed into the field at start; '\n' (or the two characters "\n") is Enter.
  std::string desk_input;
};

/// The desk name to use when none is given: the host name ("desk" when it cannot be read).
std::string DefaultDeskName();

/// Splits --desk-input into what it types: text runs and Enter presses ("K7Q2A\\n" or "K7Q2A\n": "K7Q2A", Enter).
/// Returns the pieces in order; an Enter is the string "\n".
std::vector<std::string> SplitDeskInput(std::string_view input);

/// Runs the desk window until it closes (or, with a screenshot, until the PNG is written). A missing, empty or
/// unreadable store shows its message screen (and a screenshot of it is a success). Returns 0 on success, 1 when no
/// window or GL context can be made or the PNG cannot be written, 2 for a bad option. Never throws.
int RunCheckinDesk(const DeskOptions& options);

}  // namespace kiosk::app
