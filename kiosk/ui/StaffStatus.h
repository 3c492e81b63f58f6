// What the screen tells venue staff (not attendees) about itself: the age of the last good snapshot sync.
#pragma once

#include <chrono>
#include <optional>
#include <string>

namespace kiosk::ui {

/// Filled by the app (the --sync thread's status), drawn small and low-contrast in a corner by the screens.
struct StaffStatus {
  bool syncing = false;                               ///< the kiosk runs with --sync URL
  std::optional<std::chrono::seconds> last_sync_age;  ///< since the last good sync (updated or unchanged); none yet
  std::string sync_problem;  ///< why the last attempt failed (e.g. "HTTP 404" or "bad signature"; the full message is
                             ///< in the log); empty when ok
};

}  // namespace kiosk::ui
