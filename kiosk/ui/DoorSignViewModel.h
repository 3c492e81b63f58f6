// The door sign of one room at one instant (`kiosk --room KEY`): pure C++ (no ImGui), so tests build it headless.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/Model.h"
#include "kiosk/core/VenueZone.h"
#include "kiosk/ui/BoardViewModel.h"

namespace kiosk::ui {

/// One line of the room's day list.
struct DoorSignEntry {
  SessionItem item;
  bool past = false;    ///< ended at or before now
  bool is_now = false;  ///< the session on now
  /// Moved from this room to another (item.room_name): listed here with "Déplacé → Salon Monge" so people who come
  /// to the old door are sent on.
  bool moved_away = false;
};

/// The banner across a door sign's panel when its session is full.
inline const Bilingual kFullBanner{"COMPLET", "FULL"};

/// Everything a salon's door sign shows at one instant.
struct DoorSignViewModel {
  bool found = false;     ///< false: the key names no room, or several; the screen lists `known_rooms`
  std::string requested;  ///< the key or name asked for, as given
  std::string room_key;   ///< Room::key of the room found
  std::string room_name;  ///< display typography
  /// For the not-found message, in programme order: the rooms a word names when it names several (kiosk::MatchRoom's
  /// candidates), else every room's name.
  std::vector<std::string> known_rooms;
  bool ambiguous = false;  ///< not found because a word names several rooms (known_rooms lists them)

  std::string event_name;  ///< conference title, French typography
  Bilingual day_label;     ///< venue-local date of now: "mercredi 8 juillet 2026" / "Wednesday 8 July 2026"
  std::string clock;       ///< venue-local "10:20"

  std::optional<NowInfo> on_now;  ///< the session on now in the room
  /// A cancelled session whose slot contains now (nothing else on): people may come for it.
  std::optional<SessionItem> cancelled_now;
  std::optional<NextInfo> next;  ///< the room's next confirmed session (any later day)
  /// Sessions people may come here for today that will not take place here (kiosk::ui::RoomAlerts): cancelled ones
  /// whose slot is not over, and ones moved to another room, by start. Their items carry the marks.
  std::vector<SessionItem> alerts;
  /// The alert the next panel shows first while a session is on now (the rule of the board's cards:
  /// AlertBeforeNext(alerts, next)).
  std::optional<SessionItem> alert_before_next;
  /// The badges of the session on now and of the next one: their marks without "Complet / Full", which the sign says
  /// in a banner (kFullBanner) instead, then their interpretation badge (SessionItem::Badges).
  std::vector<SessionMark> now_badges;
  std::vector<SessionMark> next_badges;
  /// When nothing is on now: "Salle libre jusqu’à 14:15" / "Free until 14:15"; "Plus de session aujourd’hui" / "No
  /// more sessions today" (the room had sessions today); "Aucune session aujourd’hui" / "No sessions today".
  Bilingual status;

  /// The day the list shows: that of the session on now, else the room's first day (on or after today's venue-local
  /// date) with a session still to end, else its last day. nullopt when the room has no session.
  std::optional<Day> day;
  Bilingual list_label;  ///< "Aujourd’hui dans cette salle" / "Today in this room", or "Programme du jeudi 9 juillet" …
  /// The room's sessions filed under `day`, by start: cancelled ones included, and those moved away from it (marked
  /// moved_away). A session moved here says where from ("Déplacé ici depuis Salon Laplace" / "Moved here from …").
  std::vector<DoorSignEntry> sessions;

  Bilingual revision;     ///< as on the board; empty if no revision
  Instant now{};          ///< UTC, the instant it was built for
  Instant next_change{};  ///< UTC: the next minute boundary or session start/end, whichever comes first

  /// Builds the sign for the room `room_key` names by the one room lookup (kiosk::MatchRoom, core/RoomLookup.h: its
  /// key, its name, or a unique word of its name, as `kioskctl show --room`), at `now` (UTC) in the venue zone. Never
  /// throws on data: an unknown key gives found == false with the rooms that exist, an ambiguous one with those it
  /// could mean.
  static DoorSignViewModel Build(const Programme& programme, std::string_view room_key, Instant now,
                                 const VenueZone& zone, const RevisionStamp& revision);
};

/// The log line for a door sign whose --room was not found (without the "kiosk: " prefix): "--room 'Salon': names
/// several rooms (Salon Monge, Salon Berthollet) in revision 3", or "--room 'X': no such room in revision 3", as
/// kioskctl words the same refusal. `sign.found` is expected false.
std::string RoomNotFoundLine(const DoorSignViewModel& sign, std::int64_t revision);

}  // namespace kiosk::ui
