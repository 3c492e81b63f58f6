// Venue zone conversions over the OS tz database (date/tz with USE_OS_TZDB).
#include "kiosk/core/VenueZone.h"

#include <cstdio>
#include <stdexcept>

namespace kiosk {

VenueZone::VenueZone(std::string_view iana_name) : m_name(iana_name), m_zone(nullptr) {
  try {
    m_zone = date::locate_zone(m_name);
  } catch (const std::exception&) {
    throw std::invalid_argument("unknown time zone '" + m_name + "' (expected an IANA name such as Europe/Paris)");
  }
}

Instant VenueZone::ToInstant(date::local_seconds local) const {
  date::local_info info = m_zone->get_info(local);
  switch (info.result) {
    case date::local_info::unique:
    case date::local_info::ambiguous:    // first is the earlier of the two
    case date::local_info::nonexistent:  // the offset before the gap moves the time forward by the gap
      return Instant{local.time_since_epoch() - info.first.offset};
  }
  return Instant{local.time_since_epoch() - info.first.offset};
}

date::local_seconds VenueZone::ToLocal(Instant instant) const {
  return date::local_seconds{instant.time_since_epoch() + m_zone->get_info(instant).offset};
}

Day VenueZone::LocalDay(Instant instant) const { return Day{date::floor<date::days>(ToLocal(instant))}; }

std::string VenueZone::Offset(Instant instant) const {
  auto offset = m_zone->get_info(instant).offset;
  long minutes = static_cast<long>(std::chrono::duration_cast<std::chrono::minutes>(offset).count());
  char sign = minutes < 0 ? '-' : '+';
  if (minutes < 0) minutes = -minutes;
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%c%02ld:%02ld", sign, minutes / 60, minutes % 60);
  return buffer;
}

std::string VenueZone::FormatIso(Instant instant) const {
  return date::format("%Y-%m-%dT%H:%M:%S", ToLocal(instant)) + Offset(instant);
}

std::string VenueZone::FormatHm(Instant instant) const { return date::format("%H:%M", ToLocal(instant)); }

namespace {

int Digits(std::string_view text, std::size_t pos, std::size_t count, std::string_view whole) {
  if (pos + count > text.size()) throw std::invalid_argument("unparseable date-time '" + std::string(whole) + "'");
  int value = 0;
  for (std::size_t i = pos; i < pos + count; ++i) {
    if (text[i] < '0' || text[i] > '9')
      throw std::invalid_argument("unparseable date-time '" + std::string(whole) + "'");
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

}  // namespace

Instant ParseIsoInstant(std::string_view text, const VenueZone& zone) {
  const std::string_view whole = text;
  auto fail = [&]() -> Instant { throw std::invalid_argument("unparseable date-time '" + std::string(whole) + "'"); };
  if (text.size() < 16 || text[4] != '-' || text[7] != '-' || (text[10] != 'T' && text[10] != ' ') || text[13] != ':')
    return fail();
  int y = Digits(text, 0, 4, whole), mo = Digits(text, 5, 2, whole), d = Digits(text, 8, 2, whole);
  int h = Digits(text, 11, 2, whole), mi = Digits(text, 14, 2, whole), s = 0;
  std::size_t pos = 16;
  if (pos < text.size() && text[pos] == ':') {
    s = Digits(text, pos + 1, 2, whole);
    pos += 3;
    if (pos < text.size() && (text[pos] == '.' || text[pos] == ',')) {
      ++pos;
      while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos;
    }
  }
  Day day{date::year{y}, date::month{static_cast<unsigned>(mo)}, date::day{static_cast<unsigned>(d)}};
  // 24:00:00 is the end of the day (ISO 8601); any other hour 24 is not a time.
  if (!day.ok() || h > 24 || mi > 59 || s > 60 || (h == 24 && (mi != 0 || s != 0))) return fail();
  if (!DayInRange(day)) throw std::invalid_argument(OutOfRange(whole));
  auto local = date::local_days{day} + std::chrono::hours{h} + std::chrono::minutes{mi} + std::chrono::seconds{s};
  std::string_view rest = text.substr(pos);
  if (rest.empty()) return zone.ToInstant(local);
  if (rest == "Z" || rest == "z") return Instant{local.time_since_epoch()};
  if (rest[0] != '+' && rest[0] != '-') return fail();
  int oh = 0, om = 0;
  if (rest.size() == 6 && rest[3] == ':') {
    oh = Digits(rest, 1, 2, whole);
    om = Digits(rest, 4, 2, whole);
  } else if (rest.size() == 5) {
    oh = Digits(rest, 1, 2, whole);
    om = Digits(rest, 3, 2, whole);
  } else if (rest.size() == 3) {
    oh = Digits(rest, 1, 2, whole);
  } else {
    return fail();
  }
  if (om > 59 || oh * 60 + om > 14 * 60) return fail();  // real UTC offsets lie within ±14:00
  auto offset = std::chrono::hours{oh} + std::chrono::minutes{om};
  if (rest[0] == '-') offset = -offset;
  return Instant{local.time_since_epoch() - offset};
}

std::string FormatUtc(Instant instant) { return date::format("%Y-%m-%dT%H:%M:%SZ", instant); }

}  // namespace kiosk
