// The kiosk's clock: the venue zone times are shown in, the system clock or the operator's --now and --speed.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "kiosk/core/Clock.h"
#include "kiosk/core/VenueZone.h"

namespace kiosk::app {

/// The zone times are shown in and the kiosk's clock: the system clock, or a RunningClock from --now.
/// A --now without offset is venue-local: when the programme's zone differs from the one it was read in, it is read
/// again in the new zone, keeping the time run so far. With a --speed other than 1 the clock runs that many times
/// faster than real time, from --now or else from the system time at start (soak tests, demonstrations); only the
/// programme clock speeds up: the lobby's page rotation and the burn-in walk stay on real (steady) time.
class ProgrammeClock {
 public:
  using SteadyTime = std::chrono::steady_clock::time_point;

  /// `now_text`: --now (ISO 8601), or nullopt for the system clock. `speed`: programme seconds per real second,
  /// kMinSpeed..kMaxSpeed (AppOptions.h). Throws std::invalid_argument (a bad --now or speed).
  explicit ProgrammeClock(std::optional<std::string> now_text, SteadyTime started = std::chrono::steady_clock::now(),
                          double speed = 1.0);

  /// Switches to `zone_name` (the programme's); an unknown zone is logged to stderr and kDefaultVenueZone used instead.
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

}  // namespace kiosk::app
