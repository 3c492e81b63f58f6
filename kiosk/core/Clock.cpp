// Clock implementations.
#include "kiosk/core/Clock.h"

namespace kiosk {

Instant SystemClock::Now() const {
  return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
}

RunningClock::RunningClock(Instant start, double speed)
    : m_start(start), m_origin(std::chrono::steady_clock::now()), m_speed(speed) {}

Instant RunningClock::Now() const {
  auto elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - m_origin) * m_speed;
  return m_start + std::chrono::duration_cast<std::chrono::seconds>(elapsed);
}

}  // namespace kiosk
