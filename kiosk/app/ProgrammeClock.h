// What the windowed and the headless kiosk share: the venue zone and clock, the sync settings, and which view shows.
#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "kiosk/app/App.h"
#include "kiosk/app/SyncThread.h"
#include "kiosk/core/Clock.h"
#include "kiosk/core/VenueZone.h"
#include "kiosk/store/ScheduleStore.h"
#include "kiosk/ui/BoardViewModel.h"
#include "kiosk/ui/DoorSignViewModel.h"
#include "kiosk/ui/Overlays.h"

namespace kiosk::app {

/// The zone times are shown in and the kiosk's clock: the system clock, or a RunningClock from --now.
/// A --now without offset is venue-local: when the programme's zone differs from the one it was read in, it is read
/// again in the new zone, keeping the time run so far. With a --speed other than 1 the clock runs that many times
/// faster than real time, from --now or else from the system time at start (soak tests, demonstrations); only the
/// programme clock speeds up: the lobby's page rotation and the burn-in walk stay on real (steady) time.
class ProgrammeClock {
 public:
  static constexpr const char* kDefaultZone = kDefaultVenueZone.data();  // NUL-terminated: a literal
  using SteadyTime = std::chrono::steady_clock::time_point;

  /// `now_text`: --now (ISO 8601), or nullopt for the system clock. `speed`: programme seconds per real second,
  /// kMinSpeed..kMaxSpeed (Config.h). Throws std::invalid_argument (a bad --now or speed).
  explicit ProgrammeClock(std::optional<std::string> now_text, SteadyTime started = std::chrono::steady_clock::now(),
                          double speed = 1.0);

  /// Switches to `zone_name` (the programme's); an unknown zone is logged to stderr and kDefaultZone used instead.
  void UseZone(const std::string& zone_name);

  const VenueZone& Zone() const { return *m_zone; }
  Instant Now() const { return m_clock->Now(); }
  /// A clock given with --now (or sped up with --speed) is the operator's simulation (rehearsals, screenshots,
  /// soak tests), trusted as given: only the system clock can be wrong.
  bool Trusted() const { return m_now_text.has_value() || m_speed != 1.0; }
  /// Programme seconds per real second (--speed); 1 for real time.
  double Speed() const { return m_speed; }
  /// How long real (steady) time takes to cover `programme` seconds of this clock: `programme` / Speed(). The frame
  /// loop sleeps this long until the next visible change.
  double RealSeconds(double programme) const { return programme / m_speed; }

 private:
  std::optional<std::string> m_now_text;
  SteadyTime m_started;
  double m_speed = 1.0;
  std::unique_ptr<VenueZone> m_zone;
  std::unique_ptr<Clock> m_clock;
  std::string m_clock_zone;  ///< zone the --now text was read in
};

/// The --sync settings of `options`, swapping snapshots into `store`.
SyncSettings SyncSettingsFrom(const AppOptions& options, const std::filesystem::path& store);

/// Which screen a kiosk shows (announcement overlays come on top of any but the message).
enum class ViewKind {
  Message,     ///< no programme loaded
  WrongClock,  ///< the clock cannot be trusted: the programme without now/next (issue 3 section 3)
  DoorSign,    ///< --room: one room
  Board,       ///< the lobby: countdown, board/timeline rotation or closing, as BoardViewModel's phase says
};

/// What both kiosk loops build for one moment: the screen, its view models, and when it next changes.
struct ViewPlan {
  ViewKind kind = ViewKind::Message;
  const Room* room = nullptr;  ///< --room's room when found
  ui::AnnouncementsViewModel announcements;
  ui::ClockProblemViewModel clock;
  std::optional<ui::DoorSignViewModel> sign;  ///< DoorSign
  std::optional<ui::BoardViewModel> board;    ///< Board
  /// UTC: when the screen changes next (minute, session boundary, an announcement's end); Message: `now` + 1 s.
  Instant next_change{};
  /// Whether an emergency announcement covers the whole screen (nothing under it needs to rotate).
  bool Covered() const { return !announcements.emergency.empty(); }
};

/// Decides the view at `now` (UTC) for `loaded` (null: none loaded), `room_option` (--room) and a clock that is
/// `clock_trusted` (ProgrammeClock::Trusted). A wrong clock shows WrongClock on the lobby and on a door sign whose
/// room exists. Pure; never throws for any programme.
ViewPlan PlanView(const LoadedProgramme* loaded, const std::optional<std::string>& room_option, bool clock_trusted,
                  Instant now, const VenueZone& zone);

}  // namespace kiosk::app
