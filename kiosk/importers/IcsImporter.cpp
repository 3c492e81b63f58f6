// iCalendar (RFC 5545) importer: VEVENTs become sessions, LOCATION their room; libical parses, this file decides.
//
// Rules of ImportICalendar (RFC 5545 sections in brackets):
// - Lines are unfolded on octets before anything is decoded [3.1]: a CRLF (or a bare LF) followed by one space or tab
//   is removed, so a fold may split a multi-byte UTF-8 character. The unfolded text must be UTF-8 [3.1.4] without NUL.
//   Line numbers in messages are physical lines of the file as an editor shows them (1-based), counted before
//   unfolding: the line where the content line (for an event, its BEGIN:VEVENT) starts.
// - The file must be one or more VCALENDAR objects [3.4] whose BEGIN/END lines nest; anything else (no BEGIN:VCALENDAR,
//   an END that closes nothing, a truncated file) is refused naming the line. Text after the last END:VCALENDAR and
//   lines that are not content lines ("NAME[;PARAM]:VALUE") are ignored with a warning.
// - Venue zone: ImportOptions::time_zone (--tz) when set, else the calendar's X-WR-TIMEZONE, else Europe/Paris; a
//   file zone other than --tz is warned about (frab::ChooseVenueZone).
// - Times [3.3.5]: "Z" is UTC; a TZID [3.2.19] that names a zone of the OS tz database (also as the last segments of
//   a globally unique "/prefix/Area/City" TZID) is read with that zone (kiosk::VenueZone), and a warning says when
//   the file's VTIMEZONE of that name disagrees with it; any other TZID uses the file's VTIMEZONE [3.6.5] through
//   libical; a TZID with neither is read in the venue zone, with a warning. Floating times (no TZID, no Z) are
//   venue-local. Wall-clock times in a spring-forward gap move forward by the gap, those in the autumn overlap are
//   the earlier instant.
// - All-day events (DTSTART;VALUE=DATE) run from the venue-local midnight of DTSTART to the venue-local midnight of
//   DTEND, which is exclusive [3.6.1], with a warning per event.
// - Length [3.6.1, 3.8.2.2, 3.8.2.5]: DTEND; else DURATION (weeks and days are nominal: the same wall-clock time so
//   many days later; hours, minutes, seconds exact [3.3.6]); else one day for a DATE DTSTART and zero length (with a
//   warning) for a DATE-TIME one. DTEND before DTSTART (or a negative DURATION) is refused naming the event's line
//   and UID.
// - Fields: SUMMARY title, DESCRIPTION description, LOCATION room (rooms keyed by NormalizeKey of the name; an event
//   without LOCATION goes to the room "(no room)", key "no-room", with a warning), the first CATEGORIES value kind,
//   STATUS:CANCELLED [3.8.1.11] a cancelled session, UID [3.8.4.7] the session uid (none: "ics:" + UTC start +
//   "/" + NormalizeKey(title), with a warning). ATTENDEE and ORGANIZER are not speakers: they are skipped.
// - Recurrence [3.8.5]: RRULE, RDATE and EXDATE are expanded with libical's icalrecur_iterator, in wall-clock time
//   of DTSTART's zone. DTSTART is always the first occurrence [3.8.5.3]; UNTIL is inclusive [3.3.10]. Nothing in an
//   iCalendar file gives the conference dates, so they are taken as the span from the first to the last venue-local
//   date of the DTSTARTs of all events (the non-recurring ones and the first occurrence of each recurring one);
//   each rule keeps its occurrences within that span and at most 31 days after its DTSTART, at most 500 of them, with
//   a warning when it goes on beyond (at the event's line, naming its UID); libical's iterator is stepped at most
//   500 + min(EXDATEs, 500) + 1 times a rule, whatever its COUNT. A file whose events all recur has no such span:
//   each rule then runs for its 31 days. Each occurrence is a Session with the event's uid and its own start (identity
//   uid + start). An EXDATE removes an occurrence; a VEVENT with a RECURRENCE-ID [3.8.4.4] replaces the occurrence it
//   names (a cancelled one stays on the programme as cancelled); one that names an occurrence outside the span is left
//   out, one whose master is absent is a session of its own. RANGE=THISANDFUTURE is read as this occurrence only, with
//   a warning.
// - Session.day is the venue-local date of the start. The conference title and description are X-WR-CALNAME and
//   X-WR-CALDESC; its days are left unknown.

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <date/date.h>
#include <libical/ical.h>

#include "kiosk/core/Diagnostics.h"
#include "kiosk/core/Fields.h"
#include "kiosk/core/Model.h"
#include "kiosk/core/Text.h"
#include "kiosk/core/VenueZone.h"
#include "kiosk/importers/FrabCommon.h"
#include "kiosk/importers/IcsLines.h"
#include "kiosk/importers/Importer.h"
#include "kiosk/importers/ProgrammeBuilder.h"
#include "kiosk/importers/SessionUid.h"

namespace kiosk {
namespace {

using ics::kLineProperty;
using ics::Scan;
using ics::ScannedFile;
using ics::Unfold;
using ics::Upper;

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
/// Most occurrences one recurring event gives.
constexpr std::size_t kMaxOccurrences = 500;
/// How far after its DTSTART a recurring event is expanded.
constexpr date::days kRecurrenceReach{31};
/// Years a time may name: a programme is neither prehistoric nor beyond what the tz database describes.
constexpr int kMinYear = 1900;
constexpr int kMaxYear = 2200;

struct ComponentDeleter {
  void operator()(icalcomponent* component) const { icalcomponent_free(component); }
};
using ComponentPtr = std::unique_ptr<icalcomponent, ComponentDeleter>;

struct IteratorDeleter {
  void operator()(icalrecur_iterator* iterator) const { icalrecur_iterator_free(iterator); }
};
using IteratorPtr = std::unique_ptr<icalrecur_iterator, IteratorDeleter>;

/// TEXT unescaping (RFC 5545 3.3.11) for the X- properties libical keeps raw.
std::string UnescapeText(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\' && i + 1 < text.size()) {
      const char next = text[++i];
      out.push_back(next == 'n' || next == 'N' ? '\n' : next);
    } else {
      out.push_back(text[i]);
    }
  }
  return out;
}

/// Value of the first X- property of that name, or nullptr.
const char* XProperty(icalcomponent* component, std::string_view name) {
  for (icalproperty* property = icalcomponent_get_first_property(component, ICAL_X_PROPERTY); property != nullptr;
       property = icalcomponent_get_next_property(component, ICAL_X_PROPERTY)) {
    const char* x_name = icalproperty_get_x_name(property);
    if (x_name != nullptr && Upper(x_name) == name) return icalproperty_get_x(property);
  }
  return nullptr;
}

std::string Text(const char* text) { return text == nullptr ? std::string() : frab::CleanText(text); }

/// How the wall-clock values of one property map to instants.
struct TimeBase {
  enum class Kind { Utc, Zone, VTimezone, Venue };
  Kind kind = Kind::Venue;
  const VenueZone* zone = nullptr;    ///< Zone: the tz database zone
  icaltimezone* vtimezone = nullptr;  ///< VTimezone; for Zone, the file's VTIMEZONE of that name when it has one
  std::string tzid;
};

/// A DATE or DATE-TIME value as written, and its instant.
struct TimeValue {
  icaltimetype raw{};
  TimeBase base;
  bool is_date = false;
  date::local_seconds local{};  ///< wall clock in `base` (midnight for a DATE)
  Instant instant{};
};

std::string FormatLocal(date::local_seconds local, bool is_date) {
  return is_date ? date::format("%Y-%m-%d", local) : date::format("%Y-%m-%dT%H:%M:%S", local);
}

/// A value as the file wrote it: "2019-03-04T08:30:00 Europe/Berlin", "2026-07-08T08:00:00Z", "2026-07-08",
/// "2026-07-08T10:00:00 (floating)".
std::string Describe(const TimeValue& value) {
  std::string text = FormatLocal(value.local, value.is_date);
  if (value.base.kind == TimeBase::Kind::Utc) return text + "Z";
  if (!value.base.tzid.empty()) return text + " " + value.base.tzid;
  return value.is_date ? text : text + " (floating)";
}

/// Time zones of one import: the venue's, the tz database's, and the file's VTIMEZONEs.
class Zones {
 public:
  Zones(VenueZone venue, std::vector<Warning>& warnings) : m_venue(std::move(venue)), m_warnings(warnings) {}

  const VenueZone& Venue() const { return m_venue; }

  /// How a value of `property` reads (RFC 5545 3.3.5): UTC, a TZID, floating; a DATE is venue-local.
  TimeBase Base(icalproperty* property, const icaltimetype& time, icalcomponent* calendar, const std::string& where) {
    TimeBase base;
    if (time.is_date) return base;
    if (icaltime_is_utc(time)) {
      base.kind = TimeBase::Kind::Utc;
      return base;
    }
    icalparameter* parameter = icalproperty_get_first_parameter(property, ICAL_TZID_PARAMETER);
    const char* raw_tzid = parameter == nullptr ? nullptr : icalparameter_get_tzid(parameter);
    if (raw_tzid == nullptr || *raw_tzid == '\0') return base;  // floating: venue-local
    base.tzid = raw_tzid;
    base.vtimezone = icalcomponent_get_timezone(calendar, raw_tzid);
    if (const VenueZone* zone = TzDatabaseZone(base.tzid)) {
      base.kind = TimeBase::Kind::Zone;
      base.zone = zone;
    } else if (base.vtimezone != nullptr) {
      base.kind = TimeBase::Kind::VTimezone;
    } else if (m_unknown_warned.insert(base.tzid).second) {
      m_warnings.push_back({where, "TZID '" + base.tzid +
                                       "' is neither a tz database zone nor defined by a VTIMEZONE; its times are "
                                       "read in the venue zone " +
                                       m_venue.Name()});
    }
    return base;
  }

  /// The instant of a wall-clock time in `base`. Throws nothing.
  Instant ToInstant(const TimeBase& base, date::local_seconds local, const std::string& where) {
    switch (base.kind) {
      case TimeBase::Kind::Utc:
        return Instant{local.time_since_epoch()};
      case TimeBase::Kind::Zone: {
        const Instant instant = base.zone->ToInstant(local);
        if (base.vtimezone != nullptr && !m_disagreement_warned.count(base.tzid)) {
          const Instant file = FromVTimezone(base.vtimezone, local);
          if (file != instant) {
            m_disagreement_warned.insert(base.tzid);
            m_warnings.push_back({where, "the file's VTIMEZONE '" + base.tzid + "' puts " + FormatLocal(local, false) +
                                             " at " + FormatUtc(file) + " but the tz database at " +
                                             FormatUtc(instant) + "; the tz database is used"});
          }
        }
        return instant;
      }
      case TimeBase::Kind::VTimezone:
        return FromVTimezone(base.vtimezone, local);
      case TimeBase::Kind::Venue:
        break;
    }
    return m_venue.ToInstant(local);
  }

 private:
  /// The tz database zone a TZID names, or nullptr. A TZID starting with "/" is a globally unique identifier
  /// (RFC 5545 3.2.19) such as "/freeassociation.sourceforge.net/Tzfile/Europe/Paris": its last segments are tried.
  const VenueZone* TzDatabaseZone(const std::string& tzid) {
    if (auto found = m_tz_database.find(tzid); found != m_tz_database.end()) {
      return found->second ? &*found->second : nullptr;
    }
    std::optional<VenueZone> zone = TryZone(tzid);
    if (!zone && tzid.starts_with('/')) {
      for (std::size_t slash = tzid.find('/', 1); slash != std::string::npos && !zone;
           slash = tzid.find('/', slash + 1)) {
        zone = TryZone(tzid.substr(slash + 1));
      }
    }
    auto& cached = m_tz_database[tzid];
    cached = std::move(zone);
    return cached ? &*cached : nullptr;
  }

  static std::optional<VenueZone> TryZone(const std::string& name) {
    if (name.empty() || name.find('/') == std::string::npos) {
      // Bare names ("UTC", "CET", "EST") are also in the tz database; "W. Europe Standard Time" is not.
      if (name != "UTC" && name != "GMT" && name != "Etc/UTC") return std::nullopt;
    }
    try {
      return VenueZone(name);
    } catch (const std::invalid_argument&) {
      return std::nullopt;
    }
  }

  /// Wall-clock time in a VTIMEZONE to UTC, by libical (RFC 5545 3.6.5 observances).
  static Instant FromVTimezone(icaltimezone* zone, date::local_seconds local) {
    const auto days = date::floor<date::days>(local);
    const date::year_month_day ymd{days};
    const date::hh_mm_ss<std::chrono::seconds> time{local - days};
    icaltimetype wall = icaltime_null_time();
    wall.year = static_cast<int>(ymd.year());
    wall.month = static_cast<int>(static_cast<unsigned>(ymd.month()));
    wall.day = static_cast<int>(static_cast<unsigned>(ymd.day()));
    wall.hour = static_cast<int>(time.hours().count());
    wall.minute = static_cast<int>(time.minutes().count());
    wall.second = static_cast<int>(time.seconds().count());
    int is_daylight = 0;
    const int offset = icaltimezone_get_utc_offset(zone, &wall, &is_daylight);
    return Instant{local.time_since_epoch()} - std::chrono::seconds(offset);
  }

  VenueZone m_venue;
  std::vector<Warning>& m_warnings;
  std::map<std::string, std::optional<VenueZone>> m_tz_database;
  std::set<std::string> m_unknown_warned;
  std::set<std::string> m_disagreement_warned;
};

/// A length of the RFC 5545 kind: nominal days (same wall-clock time so many days later) plus exact seconds (3.3.6).
struct Length {
  date::days nominal{0};
  std::chrono::seconds exact{0};
};

/// One VEVENT as read, before it is expanded into sessions.
struct Event {
  icalcomponent* component = nullptr;
  icalcomponent* calendar = nullptr;
  int line = 0;
  std::string where;  ///< "file:line" of its BEGIN:VEVENT
  std::string label;  ///< "event UID" for messages
  std::string uid;    ///< the session uid (UID, else derived)
  TimeValue start;
  Length length;
  bool zero_length_warned = false;
  std::optional<TimeValue> recurrence_id;
  bool recurring = false;  ///< has RRULE or RDATE (and no RECURRENCE-ID)
  Session proto;           ///< every field but start, end, day
};

/// A libical getter of a DATE or DATE-TIME property value (icalproperty_get_dtstart, …).
using TimeGetter = icaltimetype (*)(const icalproperty*);

class IcsImport {
 public:
  IcsImport(const ImportOptions& options, std::string source, importers::ProgrammeBuilder& builder,
            const ScannedFile& scanned)
      : m_source(std::move(source)),
        m_builder(builder),
        m_zones(frab::ChooseVenueZone(options, m_source, scanned.file_zone,
                                      m_source + ":" + std::to_string(scanned.file_zone_line), builder.warnings),
                builder.warnings) {}

  void Run(icalcomponent* root);

 private:
  [[noreturn]] void Fail(const std::string& where, const std::string& message) const {
    throw ImportError(where, message);
  }

  TimeValue ReadTime(const Event& event, icalproperty* property, const icaltimetype& raw, std::string_view name);
  std::optional<TimeValue> ReadProperty(const Event& event, icalproperty_kind kind, TimeGetter getter,
                                        std::string_view name);
  Event ReadEvent(icalcomponent* component, icalcomponent* calendar);
  void ReadLength(Event& event);
  Session At(const Event& event, const TimeValue& start);
  TimeValue Occurrence(const Event& event, const icaltimetype& raw);
  /// The sessions of a recurring event and its overrides, each with the VEVENT it comes from.
  std::vector<std::pair<Session, const Event*>> Expand(const Event& event, std::optional<Day> span_last,
                                                       const std::vector<const Event*>& overrides);
  void Add(Session session, const Event& from);

  std::string m_source;
  importers::ProgrammeBuilder& m_builder;
  Zones m_zones;
};

TimeValue IcsImport::ReadTime(const Event& event, icalproperty* property, const icaltimetype& raw,
                              std::string_view name) {
  TimeValue value;
  value.raw = raw;
  value.is_date = raw.is_date != 0;
  const date::year_month_day ymd{date::year{raw.year}, date::month{static_cast<unsigned>(raw.month)},
                                 date::day{static_cast<unsigned>(raw.day)}};
  const bool time_ok = value.is_date || (raw.hour >= 0 && raw.hour <= 23 && raw.minute >= 0 && raw.minute <= 59 &&
                                         raw.second >= 0 && raw.second <= 60);
  if (!ymd.ok() || !time_ok || raw.year < kMinYear || raw.year > kMaxYear) {
    Fail(event.where, event.label + ": unreadable or out-of-range " + std::string(name) + " '" +
                          std::string(icaltime_as_ical_string(raw)) + "'");
  }
  // A leap second (:60) is read as the last second of the minute.
  const std::chrono::seconds time_of_day = value.is_date
                                               ? std::chrono::seconds(0)
                                               : std::chrono::hours(raw.hour) + std::chrono::minutes(raw.minute) +
                                                     std::chrono::seconds(std::min(raw.second, 59));
  value.local = date::local_days{ymd} + time_of_day;
  value.base = property == nullptr ? TimeBase{} : m_zones.Base(property, raw, event.calendar, event.where);
  value.instant = m_zones.ToInstant(value.base, value.local, event.where);
  return value;
}

std::optional<TimeValue> IcsImport::ReadProperty(const Event& event, icalproperty_kind kind, TimeGetter getter,
                                                 std::string_view name) {
  icalproperty* property = icalcomponent_get_first_property(event.component, kind);
  if (property == nullptr) return std::nullopt;
  const icaltimetype raw = getter(property);
  if (icaltime_is_null_time(raw)) Fail(event.where, event.label + ": unreadable " + std::string(name));
  return ReadTime(event, property, raw, name);
}

Event IcsImport::ReadEvent(icalcomponent* component, icalcomponent* calendar) {
  Event event;
  event.component = component;
  event.calendar = calendar;
  if (const char* line = XProperty(component, kLineProperty)) event.line = std::atoi(line);
  event.where = m_source + ":" + std::to_string(event.line);
  const std::string uid = Text(icalcomponent_get_uid(component));
  event.label = uid.empty() ? "event (no UID)" : "event " + Printable(uid);

  // libical drops a property it cannot read and leaves an X-LIC-ERROR in its place.
  std::string dtstart_error;
  for (icalproperty* error = icalcomponent_get_first_property(component, ICAL_XLICERROR_PROPERTY); error != nullptr;
       error = icalcomponent_get_next_property(component, ICAL_XLICERROR_PROPERTY)) {
    const std::string message = Text(icalproperty_get_xlicerror(error));
    if (message.find("DTSTART") != std::string::npos && dtstart_error.empty()) dtstart_error = message;
    // An empty property ("LOCATION:") reads as an absent one, which the rules below deal with.
    if (!message.starts_with("No value for")) m_builder.Warn(event.where, event.label + ": libical: " + message);
  }

  auto start = ReadProperty(event, ICAL_DTSTART_PROPERTY, icalproperty_get_dtstart, "DTSTART");
  if (!start) {
    Fail(event.where, event.label + ": no DTSTART (RFC 5545 3.6.1)" +
                          (dtstart_error.empty() ? std::string() : ": " + dtstart_error));
  }
  event.start = *start;
  event.recurrence_id = ReadProperty(event, ICAL_RECURRENCEID_PROPERTY, icalproperty_get_recurrenceid, "RECURRENCE-ID");
  event.recurring = !event.recurrence_id && (icalcomponent_get_first_property(component, ICAL_RRULE_PROPERTY) ||
                                             icalcomponent_get_first_property(component, ICAL_RDATE_PROPERTY));
  ReadLength(event);

  Session& proto = event.proto;
  proto.title = Text(icalcomponent_get_summary(component));
  if (proto.title.empty()) m_builder.Warn(event.where, event.label + ": no SUMMARY; the session has no title");
  proto.description = Text(icalcomponent_get_description(component));
  if (icalproperty* category = icalcomponent_get_first_property(component, ICAL_CATEGORIES_PROPERTY)) {
    // libical splits "CATEGORIES:Talk,Workshop" into one property per value: the first is the kind.
    proto.kind = Text(icalproperty_get_categories(category));
  }
  if (icalproperty* status = icalcomponent_get_first_property(component, ICAL_STATUS_PROPERTY)) {
    if (icalproperty_get_status(status) == ICAL_STATUS_CANCELLED) proto.status = SessionStatus::Cancelled;
  }
  const std::size_t room = m_builder.Room(Text(icalcomponent_get_location(component)), "", event.where);
  proto.room_key = m_builder.programme.rooms[room].key;
  // No room in a derived iCalendar uid: it never had one, and adding it would change sessions already imported.
  proto.uid = importers::SessionUid(uid, "", {"ics", FormatUtc(event.start.instant), "", proto.title});
  if (uid.empty())
    m_builder.Warn(event.where, "event without UID (RFC 5545 3.8.4.7 requires one); identified as " + proto.uid);
  event.uid = proto.uid;
  return event;
}

void IcsImport::ReadLength(Event& event) {
  const TimeValue& start = event.start;
  const auto end = ReadProperty(event, ICAL_DTEND_PROPERTY, icalproperty_get_dtend, "DTEND");
  icalproperty* duration_property = icalcomponent_get_first_property(event.component, ICAL_DURATION_PROPERTY);
  if (end) {
    if (duration_property != nullptr) {
      m_builder.Warn(event.where, event.label + ": both DTEND and DURATION (RFC 5545 3.6.1 allows one); DTEND is used");
    }
    if (end->instant < start.instant) {
      std::string message = event.label + ": DTEND " + Describe(*end) + " is before DTSTART " + Describe(start);
      if (end->base.kind != start.base.kind || end->base.tzid != start.base.tzid) {
        const VenueZone& venue = m_zones.Venue();
        message += " (" + venue.FormatIso(end->instant) + " and " + venue.FormatIso(start.instant) + ")";
      }
      Fail(event.where, message + " (RFC 5545 3.8.2.2: DTEND must be later than DTSTART)");
    }
    if (start.is_date && end->is_date) {
      event.length.nominal = date::floor<date::days>(end->local) - date::floor<date::days>(start.local);
    } else {
      event.length.exact = end->instant - start.instant;
    }
  } else if (duration_property != nullptr) {
    const icaldurationtype duration = icalproperty_get_duration(duration_property);
    if (duration.is_neg) {
      Fail(event.where, event.label + ": negative DURATION " + std::string(icaldurationtype_as_ical_string(duration)) +
                            " (the session would end before it starts)");
    }
    event.length.nominal = date::days(static_cast<long>(duration.weeks) * 7 + duration.days);
    event.length.exact = std::chrono::hours(duration.hours) + std::chrono::minutes(duration.minutes) +
                         std::chrono::seconds(duration.seconds);
  } else if (start.is_date) {
    event.length.nominal = date::days(1);  // RFC 5545 3.6.1: a DATE DTSTART without DTEND lasts one day
  } else {
    event.zero_length_warned = true;
    m_builder.Warn(event.where, event.label +
                                    ": no DTEND and no DURATION; it ends when it starts (RFC 5545 3.6.1), kept as "
                                    "zero length");
  }
  if (start.is_date) {
    m_builder.Warn(event.where, event.label + ": all-day event (VALUE=DATE); shown from midnight to midnight in " +
                                    m_zones.Venue().Name());
  }
}

Session IcsImport::At(const Event& event, const TimeValue& start) {
  Session session = event.proto;
  session.start = start.instant;
  // Nominal days keep the wall-clock time across a clock change (RFC 5545 3.3.6); the exact part is added as is.
  const date::local_seconds end_local = start.local + event.length.nominal;
  session.end =
      (event.length.nominal.count() == 0 ? start.instant : m_zones.ToInstant(start.base, end_local, event.where)) +
      event.length.exact;
  if (session.end < session.start) session.end = session.start;  // a clock change inside a nominal day
  session.day = m_zones.Venue().LocalDay(session.start);
  return session;
}

TimeValue IcsImport::Occurrence(const Event& event, const icaltimetype& raw) {
  TimeValue value = event.start;
  const date::year_month_day ymd{date::year{raw.year}, date::month{static_cast<unsigned>(raw.month)},
                                 date::day{static_cast<unsigned>(raw.day)}};
  value.raw = raw;
  value.local =
      date::local_days{ymd} + (value.is_date ? std::chrono::seconds(0)
                                             : std::chrono::hours(raw.hour) + std::chrono::minutes(raw.minute) +
                                                   std::chrono::seconds(std::min(raw.second, 59)));
  value.instant = m_zones.ToInstant(value.base, value.local, event.where);
  return value;
}

/// True when `occurrence` is the one a RECURRENCE-ID or EXDATE value names: by instant, or by date for a DATE.
bool Names(const TimeValue& value, const TimeValue& occurrence) {
  if (value.is_date || occurrence.is_date) {
    return date::floor<date::days>(value.local) == date::floor<date::days>(occurrence.local);
  }
  return value.instant == occurrence.instant;
}

std::vector<std::pair<Session, const Event*>> IcsImport::Expand(const Event& event, std::optional<Day> span_last,
                                                                const std::vector<const Event*>& overrides) {
  const VenueZone& venue = m_zones.Venue();
  const Day first_day = venue.LocalDay(event.start.instant);
  const Day reach = date::sys_days{first_day} + kRecurrenceReach;
  const Day last_day = span_last && *span_last < reach ? std::max(*span_last, first_day) : reach;
  const auto in_window = [&](const TimeValue& value) {
    const Day day = venue.LocalDay(value.instant);
    return day >= first_day && day <= last_day;
  };

  std::vector<TimeValue> exdates;
  for (icalproperty* property = icalcomponent_get_first_property(event.component, ICAL_EXDATE_PROPERTY);
       property != nullptr; property = icalcomponent_get_next_property(event.component, ICAL_EXDATE_PROPERTY)) {
    const icaltimetype raw = icalproperty_get_exdate(property);
    if (!icaltime_is_null_time(raw)) exdates.push_back(ReadTime(event, property, raw, "EXDATE"));
  }
  const auto excluded = [&](const TimeValue& occurrence) {
    return std::any_of(exdates.begin(), exdates.end(),
                       [&](const TimeValue& exdate) { return Names(exdate, occurrence); });
  };

  // DTSTART counts as the first occurrence whether or not the rule gives it (RFC 5545 3.8.5.3).
  std::vector<TimeValue> occurrences{event.start};
  bool goes_on = false;  // the rule has occurrences after the window
  bool cut = false;      // … or more than kMaxOccurrences: stopped there, however many the rule asks for
  std::vector<icalproperty*> rules;
  for (icalproperty* property = icalcomponent_get_first_property(event.component, ICAL_RRULE_PROPERTY);
       property != nullptr; property = icalcomponent_get_next_property(event.component, ICAL_RRULE_PROPERTY)) {
    rules.push_back(property);
  }
  for (icalproperty* property : rules) {
    icalrecurrencetype rule = icalproperty_get_rrule(property);
    // UNTIL is checked here against the occurrence's instant: libical would compare a UTC UNTIL with the wall clock.
    std::optional<TimeValue> until;
    if (!icaltime_is_null_time(rule.until) && rule.until.year > kMaxYear) rule.until = icaltime_null_time();
    if (!icaltime_is_null_time(rule.until)) {
      until = ReadTime(event, nullptr, rule.until, "UNTIL");
      if (icaltime_is_utc(rule.until)) until->instant = Instant{until->local.time_since_epoch()};
      rule.until = icaltime_null_time();
    }
    const bool until_utc = until && icaltime_is_utc(until->raw);
    IteratorPtr iterator(icalrecur_iterator_new(rule, event.start.raw));
    if (!iterator) {
      m_builder.Warn(event.where, event.label + ": RRULE not understood (" +
                                      std::string(icalrecurrencetype_as_string(&rule)) + "); only its DTSTART is kept");
      continue;
    }
    std::size_t steps = 0;
    for (icaltimetype raw = icalrecur_iterator_next(iterator.get()); !icaltime_is_null_time(raw);
         raw = icalrecur_iterator_next(iterator.get())) {
      // Bounded: COUNT=100000000 with FREQ=SECONDLY must not step 100M times (EXDATEs may remove up to as many).
      if (++steps > kMaxOccurrences + std::min(exdates.size(), kMaxOccurrences) + 1) {
        cut = true;
        break;
      }
      const TimeValue occurrence = Occurrence(event, raw);
      if (until) {
        const bool after = until_utc ? occurrence.instant > until->instant
                           : until->is_date
                               ? date::floor<date::days>(occurrence.local) > date::floor<date::days>(until->local)
                               : occurrence.local > until->local;
        if (after) break;
      }
      if (occurrence.instant <= event.start.instant) continue;  // DTSTART is already in
      if (!in_window(occurrence)) {
        goes_on = true;
        break;
      }
      occurrences.push_back(occurrence);
    }
  }
  for (icalproperty* property = icalcomponent_get_first_property(event.component, ICAL_RDATE_PROPERTY);
       property != nullptr; property = icalcomponent_get_next_property(event.component, ICAL_RDATE_PROPERTY)) {
    const icaldatetimeperiodtype rdate = icalproperty_get_rdate(property);
    const icaltimetype raw = icaltime_is_null_time(rdate.time) ? rdate.period.start : rdate.time;
    if (icaltime_is_null_time(raw)) continue;
    const TimeValue occurrence = ReadTime(event, property, raw, "RDATE");
    if (in_window(occurrence)) {
      occurrences.push_back(occurrence);
    } else {
      goes_on = true;
    }
  }

  std::sort(occurrences.begin(), occurrences.end(),
            [](const TimeValue& a, const TimeValue& b) { return a.instant < b.instant; });
  occurrences.erase(std::unique(occurrences.begin(), occurrences.end(),
                                [](const TimeValue& a, const TimeValue& b) { return a.instant == b.instant; }),
                    occurrences.end());
  occurrences.erase(std::remove_if(occurrences.begin(), occurrences.end(), excluded), occurrences.end());
  if (occurrences.size() > kMaxOccurrences) {
    occurrences.resize(kMaxOccurrences);
    cut = true;
  }
  if (cut && !occurrences.empty()) {
    m_builder.Warn(event.where, event.label + ": recurring event stopped at " + std::to_string(occurrences.size()) +
                                    " occurrences, from " + FormatDay(first_day) + " to " +
                                    FormatDay(venue.LocalDay(occurrences.back().instant)) +
                                    "; the rule gives more, left out (at most " + std::to_string(kMaxOccurrences) +
                                    " occurrences and 31 days a series)");
  } else if (goes_on && !occurrences.empty()) {
    m_builder.Warn(event.where, event.label + ": recurring event expanded to " + std::to_string(occurrences.size()) +
                                    " occurrence(s) from " + FormatDay(first_day) + " to " +
                                    FormatDay(venue.LocalDay(occurrences.back().instant)) +
                                    "; later ones fall outside the conference dates (" + FormatDay(first_day) + " to " +
                                    FormatDay(last_day) + ", at most 31 days and 500 occurrences)");
  }

  std::vector<std::pair<Session, const Event*>> sessions;
  std::vector<bool> replaced(occurrences.size(), false);
  std::size_t outside = 0;
  for (const Event* override : overrides) {
    const TimeValue& id = *override->recurrence_id;
    if (icalproperty* property = icalcomponent_get_first_property(override->component, ICAL_RECURRENCEID_PROPERTY)) {
      icalparameter* range = icalproperty_get_first_parameter(property, ICAL_RANGE_PARAMETER);
      if (range != nullptr && icalparameter_get_range(range) == ICAL_RANGE_THISANDFUTURE) {
        m_builder.Warn(override->where,
                       override->label + ": RECURRENCE-ID;RANGE=THISANDFUTURE read as this occurrence only");
      }
    }
    const auto match = std::find_if(occurrences.begin(), occurrences.end(),
                                    [&](const TimeValue& occurrence) { return Names(id, occurrence); });
    if (match != occurrences.end()) {
      replaced[static_cast<std::size_t>(match - occurrences.begin())] = true;
    } else if (!in_window(id)) {
      ++outside;
      continue;
    } else {
      m_builder.Warn(override->where, override->label + ": RECURRENCE-ID " + Describe(id) +
                                          " names no occurrence of the recurring event at line " +
                                          std::to_string(event.line) + "; kept as a session of its own");
    }
    sessions.emplace_back(At(*override, override->start), override);
  }
  if (outside != 0) {
    m_builder.Warn(event.where, event.label + ": " + std::to_string(outside) +
                                    " RECURRENCE-ID override(s) of occurrences outside the conference dates left out");
  }
  for (std::size_t i = 0; i < occurrences.size(); ++i) {
    if (!replaced[i]) sessions.emplace_back(At(event, occurrences[i]), &event);
  }
  return sessions;
}

void IcsImport::Add(Session session, const Event& from) {
  m_builder.AddSession(std::move(session), from.where, from.label, from.zero_length_warned);
}

void IcsImport::Run(icalcomponent* root) {
  std::vector<icalcomponent*> calendars;
  if (icalcomponent_isa(root) == ICAL_VCALENDAR_COMPONENT) {
    calendars.push_back(root);
  } else {
    for (icalcomponent* child = icalcomponent_get_first_component(root, ICAL_VCALENDAR_COMPONENT); child != nullptr;
         child = icalcomponent_get_next_component(root, ICAL_VCALENDAR_COMPONENT)) {
      calendars.push_back(child);
    }
  }
  if (calendars.empty()) Fail(m_source + ":1", "libical found no VCALENDAR in the file");

  ConferenceInfo& conference = m_builder.programme.conference;
  conference.time_zone = m_zones.Venue().Name();
  if (const char* name = XProperty(calendars.front(), "X-WR-CALNAME"))
    conference.title = Text(UnescapeText(name).c_str());
  if (const char* text = XProperty(calendars.front(), "X-WR-CALDESC")) {
    conference.description = Text(UnescapeText(text).c_str());
  }

  std::vector<Event> events;
  for (icalcomponent* calendar : calendars) {
    for (icalcomponent* component = icalcomponent_get_first_component(calendar, ICAL_VEVENT_COMPONENT);
         component != nullptr; component = icalcomponent_get_next_component(calendar, ICAL_VEVENT_COMPONENT)) {
      events.push_back(ReadEvent(component, calendar));
    }
  }

  // Masters by uid; overrides go to their master, or stand alone when it is absent.
  std::map<std::string, std::size_t> masters;
  for (std::size_t i = 0; i < events.size(); ++i) {
    if (events[i].recurring) masters.try_emplace(events[i].uid, i);
  }
  std::map<std::size_t, std::vector<const Event*>> overrides;
  std::vector<const Event*> singles;
  std::optional<Day> span_last;
  bool any_single = false;
  for (const Event& event : events) {
    const Day day = m_zones.Venue().LocalDay(event.start.instant);
    if (event.recurrence_id) {
      if (auto master = masters.find(event.uid); master != masters.end()) {
        overrides[master->second].push_back(&event);
        continue;
      }
    }
    if (!event.recurring) {
      singles.push_back(&event);
      any_single = true;
    }
    if (!span_last || day > *span_last) span_last = day;
  }
  if (!any_single) span_last.reset();  // nothing dates the conference: each rule runs for its own 31 days

  for (std::size_t i = 0; i < events.size(); ++i) {
    const Event& event = events[i];
    if (event.recurring) {
      if (masters.at(event.uid) != i) {
        m_builder.Warn(event.where, event.label +
                                        ": a second recurring VEVENT with this UID; its occurrences are "
                                        "kept unless another event has the same start");
      }
      const auto found = overrides.find(i);
      const std::vector<const Event*> none;
      for (auto& [session, from] : Expand(event, span_last, found == overrides.end() ? none : found->second)) {
        Add(std::move(session), *from);
      }
    }
  }
  for (const Event* event : singles) {
    Add(At(*event, event->start), *event);
  }
}

}  // namespace

ImportResult ImportICalendar(std::string_view bytes, const ImportOptions& options) {
  const std::string source = options.source_name.empty() ? std::string("<input>") : options.source_name;
  if (bytes.starts_with(kUtf8Bom)) bytes.remove_prefix(kUtf8Bom.size());
  importers::ProgrammeBuilder builder;
  const ScannedFile scanned = Scan(Unfold(bytes), source, builder.warnings);
  ComponentPtr root(icalparser_parse_string(scanned.text.c_str()));
  if (!root) throw ImportError(source + ":1", "libical could not parse the file");
  IcsImport(options, source, builder, scanned).Run(root.get());
  return builder.Finish(source);
}

}  // namespace kiosk
