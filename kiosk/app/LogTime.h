// Timestamps for the kiosk's log lines: UTC with milliseconds, so tests and benchmarks can measure latencies.
#pragma once

#include <chrono>
#include <cstdio>
#include <ctime>
#include <string>

namespace kiosk::app {

/// `when` as ISO 8601 UTC with milliseconds: "2026-07-08T08:20:01.123Z" (the host's TZ plays no part).
inline std::string UtcMillis(std::chrono::system_clock::time_point when = std::chrono::system_clock::now()) {
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(when.time_since_epoch()).count();
  const std::time_t seconds = static_cast<std::time_t>(ms >= 0 ? ms / 1000 : (ms - 999) / 1000);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[64];
  std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", utc.tm_year + 1900, utc.tm_mon + 1,
                utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec, static_cast<int>(ms - seconds * 1000LL));
  return text;
}

}  // namespace kiosk::app
