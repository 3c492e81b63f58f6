// The items every screen shares: a session as lists, cards, door signs and the timeline show it (SessionItem and
// its live-change badges), what a room has on now and next, and the bilingual labels of kinds, days and revisions.
// Pure C++ (no ImGui), built headless by tests.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/LiveMarks.h"
#include "kiosk/core/Model.h"
#include "kiosk/core/NowNext.h"
#include "kiosk/core/VenueZone.h"

namespace kiosk::ui {

/// One text in French (shown first) and English.
struct Bilingual {
  std::string fr;
  std::string en;

  bool operator==(const Bilingual&) const = default;
};

/// The format of a session, read from its free-text kind; it picks the accent colour and the label.
enum class SessionKind { Plenary, Workshop, Regional, Cafe, B2B, Break, Other };

/// Classifies a source kind ("plénière", "Atelier", "réunion régionale", "Café des Rencontres", "B2B", "pause",
/// "déjeuner", "workshop", "talk" …) ignoring case and accents.
SessionKind ClassifyKind(std::string_view kind);
/// Display label of a source kind: "Plénière" / "Plenary", "Déjeuner" / "Lunch" …; an unknown kind is shown as written.
Bilingual KindLabel(std::string_view kind);
/// The general label of a kind ("Pause" / "Break" for every break and meal; empty for Other).
Bilingual KindLabel(SessionKind kind);

/// "mercredi 8 juillet 2026" / "Wednesday 8 July 2026" (1st of the month: "1er").
Bilingual DayLabel(Day day);
/// "mercredi 8 juillet" / "Wednesday 8 July".
Bilingual ShortDayLabel(Day day);
/// "8–9 juillet 2026" / "8–9 July 2026" for a span of days (a single day when equal; months and years as needed).
Bilingual DaySpanLabel(Day first, Day last);

/// The revision on screen: the store's revision number and its import instant (UTC). number 0: no revision known.
struct RevisionStamp {
  std::int64_t number = 0;
  Instant imported_at{};
};

// MarkKind (the kind of a live change a session carries, issue 3) is kiosk::MarkKind, from kiosk/core/LiveMarks.h.

/// One badge on a session: what changed, in both languages, for the rest of the day.
struct SessionMark {
  MarkKind kind = MarkKind::Delayed;
  /// "Retardé +15 min" / "Delayed +15 min", "Avancé de 10 min" / "10 min earlier", "Déplacé → Salon Monge" /
  /// "Moved to Salon Monge", "Annulé" / "Cancelled", "Complet" / "Full".
  Bilingual text;
  /// Both languages on one short line, for chips in lists: "Retardé · Delayed +15 min", "Déplacé · Moved → Salon
  /// Monge", "Annulé · Cancelled", "Complet · Full".
  std::string compact;
  /// The shortest form, for a narrow timeline bar: "+15 min", "−10 min", "Déplacé", "Déplacé ici", "Annulé",
  /// "Complet".
  std::string brief;

  bool operator==(const SessionMark&) const = default;
};

/// A session as lists and cards show it. Times are venue-local "HH:MM"; texts have display typography applied.
struct SessionItem {
  const Session* session = nullptr;  ///< into the Programme the view model was built from
  Instant start{};                   ///< UTC
  Instant end{};                     ///< UTC
  std::string start_hm;              ///< "10:00"
  std::string end_hm;                ///< "11:30"
  std::string time_range;            ///< "10:00–11:30"
  std::string title;                 ///< French typography
  std::string title_en;              ///< may be empty
  SessionKind kind = SessionKind::Other;
  Bilingual kind_label;
  std::string room_name;
  std::string speakers;  ///< "Name (Role), Name (Role)", may be empty
  bool cancelled = false;
  Bilingual status;  ///< "Annulé" / "Cancelled" when cancelled, else empty
  /// Badges of its live changes (Session::marks) and of its cancellation, most important first: a cancelled session
  /// shows only "Annulé"; otherwise moved, delayed (or brought forward), full.
  std::vector<SessionMark> marks;
  int delay_minutes = 0;         ///< live delay in minutes (negative: brought forward); start and end include it
  std::string planned_start_hm;  ///< "10:00", the start before the delay (shown struck); empty when not delayed
  std::string moved_from;        ///< display name of the room it was moved from; empty when not moved
  bool full = false;             ///< "Complet" / "Full"
  /// The badge of its simultaneous interpretation (InterpretationMark of Session::interpretation); none for a session
  /// without it or a cancelled one. Not among `marks`, which are live changes: Badges() puts it after them.
  std::optional<SessionMark> interpretation;

  /// The mark of this kind, or nullptr.
  const SessionMark* Mark(MarkKind kind) const;
  /// Its marks, then its interpretation badge when it has one: the badges the board, the door sign and the touch
  /// screen's detail draw (issue 13).
  std::vector<SessionMark> Badges() const;
};

/// The badge of a session's simultaneous interpretation (issue 13 section 2), worded by the catalogue (keys
/// "mark.interpretation*"): languages joined with ", " in the source's order (a source's "FR↔EN" reads "FR, EN":
/// the model keeps the languages, not how they were written); text "Interprétation EN · canal 2" / "Interpreted into
/// EN · channel 2" (without a channel: "Interprétation EN" / "Interpreted into EN"); compact, both on one line:
/// "Interprétation EN · canal 2 / Interpreted into EN · channel 2"; brief, for a narrow place: "Interp. EN · c. 2"
/// ("Interp. EN"). nullopt when `interpretation` has no language.
std::optional<SessionMark> InterpretationMark(const Interpretation& interpretation);

/// What a room has on now.
struct NowInfo {
  SessionItem item;
  int minutes_left = 0;   ///< whole minutes until the end, rounded up (so never 0 while it runs)
  float progress = 0.0f;  ///< elapsed share 0..1 (0 for a zero-length session)
  Bilingual remaining;    ///< "encore 25 min" / "25 min left"; "encore 1 h 10" / "1 h 10 min left"
};

/// What a room has next.
struct NextInfo {
  SessionItem item;
  bool other_day = false;  ///< starts on a later venue-local day than now
  Bilingual when;          ///< "11:45"; other day: "demain 09:00" / "tomorrow 09:00", or "jeudi 9 juillet 09:00"
  Bilingual starts_in;     ///< "dans 25 min" / "in 25 min", "dans 1 h 25" / "in 1 h 25 min"
};

/// A session as display items show it (shared with the timeline). Its title, speakers and room name take French
/// typography when the session's language is French or unknown (IsFrenchLanguage), else only the ’ apostrophe.
SessionItem MakeSessionItem(const Programme& programme, const Session& session, const VenueZone& zone);

/// Rewords the Moved mark of `item` for its new room's own card or sign, where "Déplacé → <this room>" would send
/// people nowhere: "Déplacé ici depuis Salon Laplace" / "Moved here from Salon Laplace", compact "Déplacé ici ·
/// Moved here". No-op without a Moved mark.
void SayMovedHere(SessionItem& item);

/// `session` as on now at `now` (UTC): minutes left rounded up, elapsed share, "encore 1 h 10" / "1 h 10 min left".
NowInfo MakeNowInfo(const Programme& programme, const Session& session, const VenueZone& zone, Instant now);
/// `session` as coming next after `now` (UTC): "11:45", "demain 09:00" / "tomorrow 09:00", "dans 25 min" / "in 25 min".
NextInfo MakeNextInfo(const Programme& programme, const Session& session, const VenueZone& zone, Instant now);
/// "Mis à jour à 14:05 · révision 7" / "Updated 14:05 · revision 7"; when the revision was made on another day than
/// `today` (venue-local) the date comes in: "Mis à jour le mardi 7 juillet à 14:05 · révision 7" / "Updated Tuesday
/// 7 July 14:05 · revision 7". Empty for number 0.
Bilingual RevisionLabel(const RevisionStamp& revision, const VenueZone& zone, Day today);
/// The footer's one line: "Mis à jour à 14:05 · révision 7 / Updated 14:05 · revision 7".
std::string RevisionLine(const Bilingual& revision);

// RoomAlerts (the sessions a room's door warns about) is kiosk::RoomAlerts, from kiosk/core/LiveMarks.h.

/// The one rule for which alert a room's card or door sign shows before its next session: the first of `alerts`
/// (by start) that starts before `next` when `next` is today, else the first of them. nullopt when `alerts` is empty.
std::optional<SessionItem> AlertBeforeNext(const std::vector<SessionItem>& alerts, const std::optional<NextInfo>& next);

/// Whether the programme's own texts (room names, event title) take French typography: when at least half of its
/// sessions are in French or in no stated language (an empty programme counts as French).
bool ProgrammeIsFrench(const Programme& programme);

/// "dans 25 min" / "in 25 min", "dans 1 h 25" / "in 1 h 25 min": from `now` to `start` (both UTC), minutes rounded up.
Bilingual StartsInLabel(Instant now, Instant start);

}  // namespace kiosk::ui
