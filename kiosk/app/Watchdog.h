// systemd's service notifications for the kiosk: ready after the first frame, watchdog pings from the frame loop.
#pragma once

#include <chrono>
#include <optional>
#include <string>

namespace kiosk::app {

/// Talks to systemd through sd_notify(3) (Type=notify units; see tools/kiosk.service): READY=1 once, WATCHDOG=1 at
/// half of the unit's WatchdogSec (sd_watchdog_enabled(3), WATCHDOG_USEC) and STATUS= lines. Every call is a no-op
/// when NOTIFY_SOCKET is not set (a kiosk started by hand). Call it from the frame loop only, never from another
/// thread: a frame loop that hangs must stop the pings so systemd restarts the kiosk. Not thread-safe.
class Watchdog {
 public:
  using SteadyTime = std::chrono::steady_clock::time_point;

  /// Reads NOTIFY_SOCKET and WATCHDOG_USEC (and WATCHDOG_PID: a watchdog meant for another process is ignored) and
  /// logs to stderr whether it notifies and at which interval.
  Watchdog();

  /// Whether systemd listens (NOTIFY_SOCKET is set).
  bool Active() const { return m_active; }
  /// The time between two pings: half of WATCHDOG_USEC; nullopt without a watchdog.
  std::optional<std::chrono::microseconds> PingInterval() const { return m_interval; }

  /// Sends READY=1 (with `status` as STATUS= when not empty) the first time; later calls do nothing.
  void Ready(const std::string& status = {});
  /// Sends WATCHDOG=1 when PingInterval() has passed since the last ping (or Ready()); call every loop iteration.
  /// Returns whether it pinged.
  bool Tick(SteadyTime now = std::chrono::steady_clock::now());
  /// Sends STATUS=`status` (shown by systemctl status) when it differs from the last one sent.
  void Status(const std::string& status);
  /// Sends STOPPING=1 (a clean exit, e.g. the window closed).
  void Stopping();

 private:
  bool Notify(const std::string& message);

  bool m_active = false;
  bool m_ready = false;
  std::optional<std::chrono::microseconds> m_interval;
  SteadyTime m_last_ping{};
  std::string m_status;
};

}  // namespace kiosk::app
