// The lobby board at one instant, as display-ready text and numbers: pure C++ (no ImGui), so tests build it headless.
// The items it shares with every screen (SessionItem, NowInfo, NextInfo, Bilingual, labels) are in SessionItems.h.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kiosk/core/Model.h"
#include "kiosk/core/NowNext.h"
#include "kiosk/core/VenueZone.h"
#include "kiosk/ui/SessionItems.h"

namespace kiosk::ui {

/// One room's card on the board.
struct RoomCard {
  std::string room_key;
  std::string room_name;
  std::optional<NowInfo> now;
  std::optional<NextInfo> next;
  bool done_for_today = false;  ///< nothing now and nothing later on today's venue-local date
  Bilingual status;  ///< when nothing is on now: "Plus de session aujourd’hui" / "No more sessions today", or
                     ///< "Prochaine session à 11:45" / "Next session at 11:45"
  /// A cancelled session whose time slot contains now: people may come for it, so the card says it is cancelled.
  std::optional<SessionItem> cancelled_now;
  /// Sessions people may come to this room for today that will not take place here, by start: cancelled ones whose
  /// slot is not over (cancelled_now among them), and ones moved from this room to another (not yet ended), whose
  /// item names the new room ("Déplacé → Salon Monge"). Venue-local today only.
  std::vector<SessionItem> alerts;
  /// What the card's last line says while a session is on now, in place of its next session: the first of `alerts`
  /// starting before `next` (any, when there is no next today). AlertBeforeNext.
  std::optional<SessionItem> alert_before_next;
};

/// Everything the lobby board, the countdown and the closing screens show at one instant.
struct BoardViewModel {
  std::string event_name;  ///< conference title, French typography
  Bilingual dates;         ///< "8–9 juillet 2026" / "8–9 July 2026" (empty for an empty programme)
  Bilingual day_label;     ///< venue-local date of now: "mercredi 8 juillet 2026" / "Wednesday 8 July 2026"
  std::string clock;       ///< venue-local "10:20"
  EventPhase phase = EventPhase::Before;
  std::optional<Day> day;  ///< the programme day on the board (kiosk::CurrentDay)
  /// Rooms with a session on `day` or on now: those with a session on now first, then those with one still to come
  /// today (soonest first), then those done for today; programme order otherwise.
  std::vector<RoomCard> rooms;
  std::vector<SessionItem> coming;  ///< `day`'s sessions starting after now, by start (cancelled ones included)
  /// When no room has anything on now during the event: the first confirmed session to start, anywhere.
  std::optional<NextInfo> next_anywhere;

  // Waiting: before the event, or overnight (during the event, nothing left today, more on a later day).
  bool overnight = false;  ///< phase During with nothing on now nor later today, and sessions on a later day
  Bilingual waiting_label;  ///< "Ouverture des Rencontres" / "The Rencontres open"; overnight "Reprise …" / "… resume"
  Bilingual countdown;      ///< "J-3" / "3 days to go"; same day: "dans 2 h 15" / "in 2 h 15 min", "dans 35 min"
  Bilingual opening;  ///< "Ouverture mercredi 8 juillet à 09:00" / "Opens Wednesday 8 July at 09:00" (or "Reprise")
  std::vector<SessionItem> day_programme;  ///< the first day's sessions (overnight: the next day's), by start

  // After the event.
  Bilingual closing_title;  ///< "Merci de votre participation !" / "Thank you for joining us!"
  Bilingual closing_text;

  Bilingual revision;     ///< "Mis à jour à 10:42 · révision 12" (date added when not today); empty if none
  Instant now{};          ///< UTC, the instant it was built for
  Instant next_change{};  ///< UTC: the next minute boundary or session start/end, whichever comes first

  /// Builds the board for `now` (UTC) in the venue zone. Never throws on data: an empty programme gives phase Before
  /// with no rooms.
  static BoardViewModel Build(const Programme& programme, Instant now, const VenueZone& zone,
                              const RevisionStamp& revision);
};

}  // namespace kiosk::ui
