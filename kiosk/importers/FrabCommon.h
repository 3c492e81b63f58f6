// Rules the frab schedule.xml and schedule.json importers share: venue zones, day and event times, event labels (the
// programme builder they fill is importers/ProgrammeBuilder.h).
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "kiosk/core/Diagnostics.h"
#include "kiosk/core/Model.h"
#include "kiosk/core/Validation.h"
#include "kiosk/core/VenueZone.h"
#include "kiosk/importers/Importer.h"
#include "kiosk/importers/ProgrammeBuilder.h"

namespace kiosk::frab {

/// importers::CleanText (ProgrammeBuilder.h), as the frab importers have always called it.
using importers::CleanText;

/// True for the pretalx/frab state words of a session that will not take place (<event><status> or @state, JSON
/// "state"/"status"): those ParseStatusWord (core/StatusWords.h) reads as Cancelled. Never throws.
bool SaysCancelled(std::string_view text);

/// "HH:MM" or "HH:MM:SS" (frab schedule.xml.xsd simpleType "start"; one-digit hours tolerated) as seconds after
/// venue-local midnight (a wall-clock time, not UTC). nullopt when unreadable; never throws.
std::optional<std::chrono::seconds> ParseTimeOfDay(std::string_view text);

/// The venue zone of an import (ImportOptions::time_zone, i.e. --tz, when given; else the file's
/// <conference><time_zone_name> (schedule.xml.xsd; JSON "time_zone_name"), given raw as `file_zone`; else
/// kDefaultVenueZone). Wall-clock times written without an offset are read in it. An unknown file zone is ignored with
/// a warning at `file_zone_where`; a file zone other than --tz is warned about there too. Throws ImportError(source, …)
/// when the venue zone itself is unknown.
VenueZone ChooseVenueZone(const ImportOptions& options, const std::string& source, std::string_view file_zone,
                          const std::string& file_zone_where, std::vector<Warning>& warnings);

/// <conference><start>/<end> (schedule.xml.xsd "dateOrDateTimeTZ"): a date, or a date-time whose venue-local date is
/// meant (38C3 writes it in UTC; without an offset it is read in `venue`). Unreadable: a !ok() Day; never throws.
Day ConferenceDay(std::string_view raw, const VenueZone& venue);

/// What a <day> (JSON: an element of "days") tells about the events under it.
struct DayContext {
  Day date{};                    ///< venue-local calendar date; !ok() when the day has no readable one
  std::optional<Instant> start;  ///< UTC; events of older files before it are after midnight
};

/// How a format names the frab fields in its messages (XML "<date>", JSON "\"date\"").
struct FieldNames {
  std::string_view day_date;     ///< the day's date
  std::string_view day_start;    ///< the day's start
  std::string_view event_date;   ///< an event's date-time
  std::string_view event_start;  ///< an event's time of day
};

/// A day from its date (schedule.xml.xsd day@date, xs:date, meant venue-local) and its start (day@start,
/// "dateTimeTZ", already trimmed; without an offset read in `venue`). When the start has an offset and falls on
/// another venue-local date than day@date (DebConf23 labels its days with the UTC date of their start), the day is
/// that venue-local date, with one warning. Unreadable values are warned about at `where` (a missing date too, a
/// missing start not) and left out; never throws.
DayContext ReadDayContext(std::string_view raw_date, std::string_view start, const VenueZone& venue,
                          const FieldNames& names, const std::string& where, std::vector<Warning>& warnings);

/// An event's start as a UTC instant: <date> (schedule.xml.xsd event "dateTimeTZ") with its offset honoured (read in
/// `venue` without one); else (older files) the day's date and <start> (simpleType "start") read as wall-clock time
/// in `venue`, moved to the next calendar date when it falls before the day's start, or, for a day without one, before
/// `day_change` (<conference><day_change>, a venue-local time of day). Throws ImportError(where, label + …) when
/// <date> is unreadable, or when it is absent and <start> or the day's date is unreadable.
Instant EventStart(std::string_view raw_date, std::string_view raw_start, const DayContext& day,
                   std::optional<std::chrono::seconds> day_change, const VenueZone& venue, const FieldNames& names,
                   const std::string& where, const std::string& label);

/// A session's simultaneous interpretation (issue 13 section 2): from the event's own field when it has one
/// (`interpretation`: <interpretation> in schedule.xml, "interpretation" in frab/pretalx JSON; "FR↔EN", "EN, ES",
/// "FR/EN canal 2"), else from its language field (`language`: <language>, "language") when that names two or more
/// languages ("fr, en", "fr/en"). Both are read by cells::ParseInterpretation (CellForms.h). An interpretation field
/// it cannot read is warned about at `where` (naming `label`) and gives none; a language naming one language, or one
/// it cannot read, gives none without a warning (one language says nothing of interpretation). Never throws.
Interpretation ReadInterpretation(std::string_view interpretation, std::string_view language, const std::string& where,
                                  const std::string& label, std::vector<Warning>& warnings);

/// How messages name an event: "event " + its id (event@id), else its guid, else "event (no id)".
std::string EventLabel(const std::string& id, const std::string& guid);

/// A frab event's uid: importers::SessionUid (SessionUid.h) of its guid (schedule.xml.xsd event@guid), its id
/// (event@id, session.source_id), else "frab:" + UTC start + "@" + room key + "/" + title. Reads session.source_id,
/// start, room_key and title.
std::string SessionUid(const Session& session, const std::string& guid);

}  // namespace kiosk::frab
