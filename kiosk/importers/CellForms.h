// The forms organizers write days and hours in, in French, English and German (issue 13 section 2): one parser for
// every table importer (programme and registrants, CSV and spreadsheets).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/Model.h"
#include "kiosk/importers/Table.h"

namespace kiosk::cells {

/// A wall-clock time of day as seconds since midnight. Forms: "9h30", "9 h 30", "9h", "21h", "09:30", "9:30",
/// "09:30:00", "9.30", "9:30 AM", "9:30am", "9 PM", "12:15 PM" (12 AM is midnight, 12 PM noon; an hour over 12 with
/// AM/PM is refused). "24:00" (and "24h") only when allow_midnight_end. nullopt when the text is none of these.
std::optional<std::chrono::seconds> ParseTimeOfDay(std::string_view text, bool allow_midnight_end = false);

/// A start and maybe an end written in one cell: "9h30 - 10h30", "9:30–10:30" (en dash), "9h30—10h30",
/// "de 9h30 à 10h30", "9h30 à 10h30", "from 9:30 to 10:30", "9:30 AM - 10:30 AM", "9:30 - 10:30 AM" (the AM/PM of the
/// end applies to a start without one when that keeps start <= end), "von 9:30 bis 10:30", "9h30/10h30", "9-10h" (a
/// bare start hour before an end written as a time, when not after it); or a single
/// time (end nullopt). The end may be "24:00". nullopt when the text is none of these.
struct TimeRange {
  std::chrono::seconds start{};
  std::optional<std::chrono::seconds> end;
  bool operator==(const TimeRange&) const = default;
};
std::optional<TimeRange> ParseTimeRange(std::string_view text);

/// A day cell as written: a calendar date, or only a weekday, or only a day number of the event.
struct DayCell {
  std::optional<Day> date;          ///< a full date ("08/07/2026", "8 juillet 2026", "2026-07-08", "8.7.2026",
                                    ///< "mercredi 8 juillet 2026", "Wednesday, July 8, 2026", "Mittwoch, 8. Juli 2026")
  std::optional<unsigned> weekday;  ///< ISO weekday 1 (Monday) to 7 (Sunday) of a weekday name alone ("Thursday",
                                    ///< "jeudi", "Donnerstag", "jeu.", "Thu"); also set with a date that names one
  std::optional<int> day_number;    ///< "Jour 1", "J1", "Day 2", "Tag 2", "1er jour", "Jour 2 - mercredi": 1-based
  std::optional<date::month_day> month_day;  ///< a date written without its year ("mercredi 8 juillet", "8 juillet",
                                             ///< "July 8", "8. Juli"): ResolveDay finds it among the event's days
  bool operator==(const DayCell&) const = default;
};
/// Reads a day cell: numeric dates are day first (DD/MM/YYYY, DD.MM.YYYY, DD-MM-YYYY) except ISO YYYY-MM-DD; month
/// names in French, English and German, full or abbreviated with or without a dot, any case, accents optional
/// ("fevrier", "août", "Mär"); a leading weekday is checked against the date (a mismatch is refused: nullopt with
/// *problem "…"). Years kFirstYear..kLastYear (1970-2100). nullopt when the text is none of these; *problem (when not
/// null) then says why in a phrase that names the text ("'mardi 8 juillet 2026': 8 July 2026 is a Wednesday").
std::optional<DayCell> ParseDayCell(std::string_view text, std::string* problem = nullptr);

/// The event day a DayCell means: its date; else the event day of its month_day; else event_days[day_number - 1];
/// else the event day of that weekday (one only; two event days on the same weekday make a weekday ambiguous). A
/// weekday named beside a month_day or a day number is checked against the day found. nullopt, with *problem naming
/// the cell and the event days, when event_days cannot tell ("'Thursday' is none of the event's days (2026-07-08,
/// 2026-07-09)", "'Jour 3' but the event has 2 days (2026-07-08, 2026-07-09)", "'Thursday' needs the event's days:
/// give them with --days, e.g. --days 2026-07-08,2026-07-09").
std::optional<Day> ResolveDay(const DayCell& cell, std::string_view text, const std::vector<Day>& event_days,
                              std::string* problem);

/// A date and a time in one cell: "2024-05-31 17:20:00", "2024-05-31T17:20", "31/05/2024 17h20", "31/05/2024 à
/// 17h20", "8 juillet 2026 9h30", "July 8, 2026 9:30 AM". A trailing "Z" or offset ("+02:00") is kept in `offset`
/// (seconds east of UTC); nullopt when absent (venue-local wall-clock time).
struct DateTimeCell {
  Day day{};
  std::chrono::seconds time{};
  std::optional<std::chrono::seconds> offset;
  bool operator==(const DateTimeCell&) const = default;
};
std::optional<DateTimeCell> ParseDateTime(std::string_view text);

/// The calendar day of a spreadsheet day serial (days since 1899-12-30; the fraction, the time, is ignored).
/// nullopt outside kFirstYear..kLastYear.
std::optional<Day> DayOfSerial(double serial);
/// The time of day of a day fraction (or of a serial's fraction), rounded to the nearest second, then to the
/// nearest minute when within 2 seconds of it (0.39583333 and 0.3958333333333333 are both 09:30:00); 1.0 (or a
/// fraction that rounds to 24:00) is 24:00 (86400 s). nullopt for a negative value or one over 1 day.
std::optional<std::chrono::seconds> TimeOfDayFraction(double fraction);

/// A duration: "45", "45 min", "45mn", "45 minutes", "1:30", "1h30", "1 h 30", "2h", "1.5 h", "90'"; from a
/// spreadsheet Time cell its fraction of a day. Bounded to 7 days; nullopt otherwise.
std::optional<std::chrono::minutes> ParseDuration(std::string_view text);

/// A session's interpretation as an international programme announces it (issue 13 section 2): "FR↔EN", "FR<>EN",
/// "FR/EN", "EN, ES", "FR/EN canal 2", "EN (channel 3)", "interprétation anglais", "français - anglais",
/// "Kanal 2: EN". Languages are ISO 639-1 codes upper-cased ("FR", "EN", "ES", "AR", …) in the order written,
/// language names in French, English and German mapped to their codes; channel the headset channel as written ("2").
/// nullopt for an empty cell or "non"/"no"/"-"/"aucune"/"none"; nullopt with *problem for text it cannot read.
std::optional<Interpretation> ParseInterpretation(std::string_view text, std::string* problem = nullptr);

}  // namespace kiosk::cells
