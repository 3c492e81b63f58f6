// Live changes during the event (issue 3): delays, cancellations, room moves, "room full", announcements; how they
// apply to the imported programme and how a re-import keeps the ones the file does not contradict.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/Model.h"
#include "kiosk/core/RoomLookup.h"
#include "kiosk/core/VenueZone.h"

namespace kiosk {

/// What an organizer did to one session. Names on the command line and in the store: delay, cancel, move, full, open.
enum class ChangeKind { Delay, Cancel, Move, Full, Open };
std::string_view ChangeKindName(ChangeKind kind);
/// The kind named `name`, or nullopt.
std::optional<ChangeKind> ParseChangeKind(std::string_view name);

/// One live change. It names its session as the imported programme has it (uid + start), so a later import can tell
/// whether the file still has that session and whether the file changed what the change changed.
struct LiveChange {
  std::int64_t revision = 0;  ///< the revision that made it
  ChangeKind kind = ChangeKind::Delay;
  std::string session_uid;  ///< Session::uid in the imported programme
  Instant session_start{};  ///< the session's start in the imported programme (UTC); tells repeats apart
  int minutes = 0;          ///< Delay: minutes later (negative: earlier)
  std::string room_key;     ///< Move: the destination Room::key
  std::string before;       ///< Move: the imported room key when the change was made; Cancel: "confirmed"
  Instant made_at{};        ///< UTC

  bool operator==(const LiveChange&) const = default;
};

/// Urgency of an announcement: Info runs in a band at the bottom of the screen, Urgent covers the board, Emergency
/// takes the whole screen on every kiosk until cleared.
enum class AnnouncementPriority { Info, Urgent, Emergency };
std::string_view PriorityName(AnnouncementPriority priority);
std::optional<AnnouncementPriority> ParsePriority(std::string_view name);

/// A notice to attendees, in French and (optionally) English.
struct Announcement {
  std::int64_t id = 0;        ///< > 0, unique in a store, never reused
  std::int64_t revision = 0;  ///< the revision that made it
  std::string text;           ///< French, or the only language
  std::string text_en;        ///< English, may be empty
  AnnouncementPriority priority = AnnouncementPriority::Info;
  std::optional<Instant> until;        ///< UTC end; nullopt: until cleared (always nullopt for Emergency)
  std::vector<std::string> room_keys;  ///< door signs of these rooms only; empty: every screen
  Instant made_at{};                   ///< UTC

  bool operator==(const Announcement&) const = default;
};

/// The announcements a screen shows at `now`: those not expired (until > now) and made for every screen, plus, on a
/// door sign (`room_key` non-null), those naming its room. An emergency is shown on every screen whatever its rooms.
/// Ordered by priority (emergency first), then newest first.
std::vector<const Announcement*> ActiveAnnouncements(const std::vector<Announcement>& announcements, Instant now,
                                                     const std::string* room_key);

/// The programme the screens show: `imported` with `changes` applied in order, each session's SessionMarks set, then
/// Normalize()d. Delay sets start and end to the imported ones plus its minutes (the latest delay of a session wins;
/// one that would land on another occurrence of the same uid is skipped); Move sets the room (marks.moved_from keeps
/// the imported one); Cancel sets status Cancelled; Full/Open set and clear marks.full. A change whose session
/// (uid + start) or destination room is not in `imported` is skipped.
Programme ApplyLiveChanges(const Programme& imported, const std::vector<LiveChange>& changes);

/// What a re-import does to the live changes.
struct LiveChangeMerge {
  std::vector<LiveChange> kept;
  std::vector<std::string> overridden;  ///< one line per change the file overrode, saying what and why
  std::vector<std::string> absorbed;    ///< one line per change the file now makes itself (dropped, nothing lost)
};

/// Three-way merge for a re-import (issue 3: "a later import keeps live changes that the file does not contradict, and
/// says which it overrode"). A change is kept when the new file still has its session and leaves what the change
/// touched as it was when the change was made: the start (Delay), the room (Move), the status (Cancel); Full/Open
/// only need the session. A session the file re-timed (its uid held once in both) keeps its other changes, moved to
/// the new time. When the file makes the change itself (cancels it too, has it in the new room or at the delayed
/// time) the change is `absorbed`; otherwise the file wins and it is `overridden`. Lines name the session by its
/// title in `previous` (the imported programme the change was made on), times in `zone`.
LiveChangeMerge MergeLiveChanges(const Programme& previous, const Programme& incoming,
                                 const std::vector<LiveChange>& changes, const VenueZone& zone);

/// The session `query` names in `programme`: its guid/uid, its source id, "uid@HH:MM" or "uid@YYYY-MM-DDTHH:MM"
/// (venue-local) for one occurrence of a repeated session, else an unambiguous start of its French or English title
/// (case, accents and punctuation ignored: NormalizeKey). Throws LookupError when nothing matches or when several
/// sessions do (listing up to 10 as "uid  YYYY-MM-DD HH:MM  room  title", times in `zone`).
const Session& FindSession(const Programme& programme, std::string_view query, const VenueZone& zone);

}  // namespace kiosk
