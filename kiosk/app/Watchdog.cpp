// sd_notify for the kiosk: READY=1, WATCHDOG=1 pings at half of WatchdogSec, STATUS= lines.
#include "kiosk/app/Watchdog.h"

#include <cstdio>
#include <cstdlib>

#include <systemd/sd-daemon.h>

#include "kiosk/app/LogTime.h"

namespace kiosk::app {

Watchdog::Watchdog() {
  const char* socket = std::getenv("NOTIFY_SOCKET");
  m_active = socket && *socket;
  if (!m_active) return;
  std::uint64_t usec = 0;
  // > 0: a watchdog for this process (WATCHDOG_PID unset or ours); keep the variables for the children's sake.
  if (sd_watchdog_enabled(0, &usec) > 0 && usec > 0) m_interval = std::chrono::microseconds(usec / 2);
  if (m_interval) {
    std::fprintf(stderr, "%s kiosk: systemd notify socket %s, watchdog ping every %.1f s\n", UtcMillis().c_str(),
                 socket, m_interval->count() / 1e6);
  } else {
    std::fprintf(stderr, "%s kiosk: systemd notify socket %s, no watchdog\n", UtcMillis().c_str(), socket);
  }
}

bool Watchdog::Notify(const std::string& message) {
  if (!m_active) return false;
  const int sent = sd_notify(0, message.c_str());
  if (sent < 0) std::fprintf(stderr, "%s kiosk: sd_notify failed (%d)\n", UtcMillis().c_str(), sent);
  return sent > 0;
}

void Watchdog::Ready(const std::string& status) {
  if (!m_active || m_ready) return;
  m_ready = true;
  m_last_ping = std::chrono::steady_clock::now();
  std::string message = "READY=1";
  if (!status.empty()) {
    message += "\nSTATUS=" + status;
    m_status = status;
  }
  // systemd counts READY=1 as a keep-alive too.
  Notify(message);
}

bool Watchdog::Tick(SteadyTime now) {
  if (!m_active || !m_interval) return false;
  if (m_last_ping != SteadyTime{} && now - m_last_ping < *m_interval) return false;
  m_last_ping = now;
  return Notify("WATCHDOG=1");
}

void Watchdog::Status(const std::string& status) {
  if (!m_active || status == m_status) return;
  m_status = status;
  Notify("STATUS=" + status);
}

void Watchdog::Stopping() { Notify("STOPPING=1"); }

}  // namespace kiosk::app
