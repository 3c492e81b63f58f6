// Injectable clocks: the real one, a fixed instant for tests, and one that starts at a given instant and runs.
#pragma once

#include <chrono>

#include "kiosk/core/Model.h"

namespace kiosk {

/// Source of "now" as a UTC instant. Screens and queries take one so tests choose the time.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual Instant Now() const = 0;
};

/// The host's system clock (UTC; the host's TZ does not matter).
class SystemClock final : public Clock {
 public:
  Instant Now() const override;
};

/// Always the same instant.
class FixedClock final : public Clock {
 public:
  explicit FixedClock(Instant instant) : m_instant(instant) {}
  Instant Now() const override { return m_instant; }
  void Set(Instant instant) { m_instant = instant; }

 private:
  Instant m_instant;
};

/// Starts at `start` when constructed and runs at `speed` times real time (monotonic, so host clock jumps don't move
/// it).
class RunningClock final : public Clock {
 public:
  explicit RunningClock(Instant start, double speed = 1.0);
  Instant Now() const override;

 private:
  Instant m_start;
  std::chrono::steady_clock::time_point m_origin;
  double m_speed;
};

}  // namespace kiosk
