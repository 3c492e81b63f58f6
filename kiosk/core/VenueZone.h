// The venue's time zone: converts between UTC instants and the wall-clock times people read and write.
#pragma once

#include <string>
#include <string_view>

#include <date/tz.h>

#include "kiosk/core/Model.h"

namespace kiosk {

/// A venue zone from the OS tz database (IANA name such as "Europe/Paris"). The host's TZ is never consulted.
class VenueZone {
 public:
  /// Throws std::invalid_argument naming the zone when the tz database does not know it.
  explicit VenueZone(std::string_view iana_name);

  const std::string& Name() const { return m_name; }

  /// Wall-clock time in the venue to UTC. In the autumn overlap the earlier instant is chosen; a time in the spring
  /// gap is moved forward by the gap (as RFC 5545 section 3.3.5 prescribes for nonexistent local times).
  Instant ToInstant(date::local_seconds local) const;
  /// UTC to venue wall-clock time.
  date::local_seconds ToLocal(Instant instant) const;
  /// Venue-local calendar date of an instant.
  Day LocalDay(Instant instant) const;
  /// UTC offset at `instant` as "+02:00".
  std::string Offset(Instant instant) const;
  /// ISO 8601 with the venue offset: "2026-07-08T10:20:00+02:00".
  std::string FormatIso(Instant instant) const;
  /// Venue-local "HH:MM".
  std::string FormatHm(Instant instant) const;

 private:
  std::string m_name;
  const date::time_zone* m_zone;
};

/// Parses ISO 8601 "YYYY-MM-DDTHH:MM[:SS][.fff][Z|±HH:MM|±HHMM|±HH]" (a space may replace T). Without an offset the
/// time is venue-local in `zone`. Hours 00-23 (24:00:00 alone means the end of the day), offsets within ±14:00.
/// Throws std::invalid_argument with the text on failure.
Instant ParseIsoInstant(std::string_view text, const VenueZone& zone);

/// Formats a UTC instant as "2026-07-08T08:20:00Z".
std::string FormatUtc(Instant instant);

}  // namespace kiosk
