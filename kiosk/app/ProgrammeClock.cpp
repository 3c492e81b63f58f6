// The kiosk's clock: the venue zone, and the system clock or a running one from --now at --speed.
#include "kiosk/app/ProgrammeClock.h"

#include <algorithm>
#include <cstdio>
#include <stdexcept>

#include "kiosk/app/AppOptions.h"

namespace kiosk::app {

ProgrammeClock::ProgrammeClock(std::optional<std::string> now_text, SteadyTime started, double speed)
    : m_now_text(std::move(now_text)),
      m_started(started),
      m_speed(speed),
      m_zone(std::make_unique<VenueZone>(kDefaultVenueZone)) {
  if (!(speed >= kMinSpeed && speed <= kMaxSpeed)) {
    char text[128];
    std::snprintf(text, sizeof text, "--speed: %g is out of range %g..%g", speed, kMinSpeed, kMaxSpeed);
    throw std::invalid_argument(text);
  }
  if (m_now_text) {
    try {
      m_clock = std::make_unique<RunningClock>(ParseIsoInstant(*m_now_text, *m_zone), m_speed);
    } catch (const std::exception& error) {
      throw std::invalid_argument(std::string("--now: ") + error.what());
    }
    m_clock_zone = m_zone->Name();
  } else if (m_speed != 1.0) {
    // A sped-up clock starts at the real time and runs from there.
    m_clock = std::make_unique<RunningClock>(SystemClock().Now(), m_speed);
  } else {
    m_clock = std::make_unique<SystemClock>();
  }
}

void ProgrammeClock::UseZone(const std::string& zone_name) {
  if (zone_name != m_zone->Name()) {
    try {
      m_zone = std::make_unique<VenueZone>(zone_name);
    } catch (const std::exception& error) {
      std::fprintf(stderr, "kiosk: %s; showing times in %s\n", error.what(), std::string(kDefaultVenueZone).c_str());
      m_zone = std::make_unique<VenueZone>(kDefaultVenueZone);
    }
  }
  if (m_now_text && m_clock_zone != m_zone->Name()) {
    try {
      const Instant start = ParseIsoInstant(*m_now_text, *m_zone);
      // The programme time run so far is the real time run so far times the speed.
      const auto run = std::chrono::duration_cast<std::chrono::seconds>(
          std::chrono::duration<double>(std::chrono::steady_clock::now() - m_started) * m_speed);
      m_clock = std::make_unique<RunningClock>(start + run, m_speed);
      m_clock_zone = m_zone->Name();
    } catch (const std::exception&) {
      // Already read once in the constructor; keep the clock as it is.
    }
  }
}

}  // namespace kiosk::app
