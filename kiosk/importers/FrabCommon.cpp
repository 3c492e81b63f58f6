// Rules the frab schedule.xml and schedule.json importers share (see FrabCommon.h).
#include "kiosk/importers/FrabCommon.h"

#include <stdexcept>

#include "kiosk/core/Fields.h"
#include "kiosk/core/StatusWords.h"
#include "kiosk/core/Text.h"
#include "kiosk/importers/CellForms.h"
#include "kiosk/importers/SessionUid.h"

namespace kiosk::frab {

bool SaysCancelled(std::string_view text) { return ParseStatusWord(text) == SessionStatus::Cancelled; }

std::optional<std::chrono::seconds> ParseTimeOfDay(std::string_view text) {
  text = Trim(text);
  auto two = [](std::string_view digits) {
    if (digits.empty() || digits.size() > 2) return -1;
    int value = 0;
    for (char c : digits) {
      if (c < '0' || c > '9') return -1;
      value = value * 10 + (c - '0');
    }
    return value;
  };
  const std::size_t colon = text.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  const int hours = two(text.substr(0, colon));
  std::string_view rest = text.substr(colon + 1);
  const std::size_t colon2 = rest.find(':');
  const int minutes = two(rest.substr(0, colon2));
  const int seconds = colon2 == std::string_view::npos ? 0 : two(rest.substr(colon2 + 1));
  if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59 || seconds < 0 || seconds > 59) return std::nullopt;
  if (rest.substr(0, colon2).size() != 2) return std::nullopt;
  return std::chrono::hours(hours) + std::chrono::minutes(minutes) + std::chrono::seconds(seconds);
}

VenueZone ChooseVenueZone(const ImportOptions& options, const std::string& source, std::string_view file_zone,
                          const std::string& file_zone_where, std::vector<Warning>& warnings) {
  std::optional<VenueZone> file;
  const std::string file_name = CleanText(file_zone);
  if (!file_name.empty()) {
    try {
      file.emplace(file_name);
    } catch (const std::invalid_argument&) {
      warnings.push_back({file_zone_where, "unknown time zone '" + file_name + "', ignored"});
    }
  }
  if (options.time_zone.empty()) return file ? *file : VenueZone(kDefaultVenueZone);
  std::optional<VenueZone> given;
  try {
    given.emplace(options.time_zone);
  } catch (const std::invalid_argument&) {
    throw ImportError(source, "unknown time zone '" + options.time_zone + "'");
  }
  if (file && file->Name() != given->Name()) {
    warnings.push_back({file_zone_where, "the file's time zone '" + file->Name() + "' differs from --tz '" +
                                             given->Name() + "'; times without an offset are read in " +
                                             given->Name()});
  }
  return *given;
}

Day ConferenceDay(std::string_view raw, const VenueZone& venue) {
  const std::string_view text = Trim(raw);
  if (text.size() <= 10) return ParseDay(text);
  try {
    return venue.LocalDay(ParseIsoInstant(text, venue));
  } catch (const std::invalid_argument&) {
    return ParseDay(text.substr(0, 10));
  }
}

namespace {

/// True when an ISO 8601 date-time ends with "Z" or a "±HH:MM"/"±HHMM" offset (looked for after the date part).
bool HasOffset(std::string_view text) {
  return text.size() > 10 && text.find_first_of("Zz+-", 10) != std::string_view::npos;
}

}  // namespace

DayContext ReadDayContext(std::string_view raw_date, std::string_view start, const VenueZone& venue,
                          const FieldNames& names, const std::string& where, std::vector<Warning>& warnings) {
  DayContext context;
  context.date = ParseDay(Trim(raw_date));
  if (!context.date.ok()) {
    warnings.push_back(
        {where, "no readable " + std::string(names.day_date) + "; its events are filed under their venue-local date"});
  }
  if (!start.empty()) {
    try {
      context.start = ParseIsoInstant(start, venue);
    } catch (const std::invalid_argument&) {
      warnings.push_back(
          {where, "unreadable " + std::string(names.day_start) + " '" + std::string(start) + "', ignored"});
    }
  }
  // A day starts on the date it is about: a start with an offset that falls on another venue-local date says the
  // label is some other zone's date (DebConf23: the UTC date of 03:00 in Kolkata).
  if (context.start && context.date.ok() && HasOffset(start)) {
    const Day local = venue.LocalDay(*context.start);
    if (local != context.date) {
      warnings.push_back({where, std::string(names.day_start) + " '" + std::string(start) + "' is " + FormatDay(local) +
                                     " in " + venue.Name() + ", not " + std::string(names.day_date) + " " +
                                     FormatDay(context.date) + "; the day's events are filed under " +
                                     FormatDay(local)});
      context.date = local;
    }
  }
  return context;
}

Instant EventStart(std::string_view raw_date, std::string_view raw_start, const DayContext& day,
                   std::optional<std::chrono::seconds> day_change, const VenueZone& venue, const FieldNames& names,
                   const std::string& where, const std::string& label) {
  const std::string_view date = Trim(raw_date);
  if (!date.empty()) {
    try {
      return ParseIsoInstant(date, venue);
    } catch (const std::invalid_argument& error) {
      // A well-formed date out of kiosk's years says so (OutOfRange), not "unreadable".
      if (std::string_view(error.what()).starts_with("out of range"))
        throw ImportError(where, label + ": " + std::string(names.event_date) + " " + error.what());
      throw ImportError(where,
                        label + ": unreadable " + std::string(names.event_date) + " '" + std::string(date) + "'");
    }
  }
  const std::optional<std::chrono::seconds> time_of_day = ParseTimeOfDay(raw_start);
  if (!time_of_day) {
    throw ImportError(where, label + ": no " + std::string(names.event_date) + " and missing or unreadable " +
                                 std::string(names.event_start) + " '" + std::string(Trim(raw_start)) + "'");
  }
  if (!day.date.ok()) {
    throw ImportError(where, label + ": no " + std::string(names.event_date) + ", and its day has no readable date");
  }
  const date::local_seconds local = date::local_days(day.date) + *time_of_day;
  const Instant start = venue.ToInstant(local);
  const bool after_midnight = day.start ? start < *day.start : (day_change && *time_of_day < *day_change);
  return after_midnight ? venue.ToInstant(local + date::days(1)) : start;
}

std::string SessionUid(const Session& session, const std::string& guid) {
  return importers::SessionUid(guid, session.source_id,
                               {"frab", FormatUtc(session.start), session.room_key, session.title});
}

std::string EventLabel(const std::string& id, const std::string& guid) {
  // Printable: an id may hold the control character its check is about to name.
  if (!id.empty()) return "event " + Printable(id);
  if (!guid.empty()) return "event " + Printable(guid);
  return "event (no id)";
}

Interpretation ReadInterpretation(std::string_view interpretation, std::string_view language, const std::string& where,
                                  const std::string& label, std::vector<Warning>& warnings) {
  if (!Trim(interpretation).empty()) {
    std::string problem;
    if (std::optional<Interpretation> read = cells::ParseInterpretation(interpretation, &problem)) return *read;
    // The problem names the text ("interpretation 'FR/XX': unknown language 'xx' …").
    if (!problem.empty()) warnings.push_back({where, label + ": " + problem + "; left out"});
    return {};
  }
  // The language field is free text ("English", "fr"): only two or more languages in it announce interpretation.
  if (std::optional<Interpretation> read = cells::ParseInterpretation(language); read && read->languages.size() >= 2)
    return *read;
  return {};
}

}  // namespace kiosk::frab
