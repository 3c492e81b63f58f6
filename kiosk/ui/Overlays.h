// What frames or covers every screen: announcements, the wrong-clock warning (and the programme shown instead of
// now/next), the staff corner. Pure C++ (no ImGui), so tests build them headless.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/ClockCheck.h"
#include "kiosk/core/LiveChanges.h"
#include "kiosk/core/Model.h"
#include "kiosk/core/VenueZone.h"
#include "kiosk/ui/BoardViewModel.h"
#include "kiosk/ui/Catalogue.h"
#include "kiosk/ui/StaffStatus.h"
#include "kiosk/ui/TimelineViewModel.h"

namespace kiosk::ui {

/// One announcement as a screen shows it.
struct AnnouncementView {
  std::int64_t id = 0;
  AnnouncementPriority priority = AnnouncementPriority::Info;
  std::string text;     ///< French typography (the only text when there is no English)
  std::string text_en;  ///< English; empty when none or the same as `text`

  bool operator==(const AnnouncementView&) const = default;
};

/// The announcements of one screen at one instant (issue 3): info in a band at the bottom, urgent in a box over the
/// content, emergency over the whole screen. Several of one priority alternate, one per rotation slot.
struct AnnouncementsViewModel {
  std::vector<AnnouncementView> emergency;  ///< newest first
  std::vector<AnnouncementView> urgent;     ///< newest first
  std::vector<AnnouncementView> info;       ///< newest first
  /// The earliest end (UTC) of a shown announcement: the screen must change then. nullopt: none ends.
  std::optional<Instant> next_change;

  /// kiosk::ActiveAnnouncements(announcements, now, room_key) split by priority, texts with display typography (French
  /// for `text`). An announcement without French text shows its English one as `text`; one with neither (texts empty
  /// after ScreenText) is dropped. `room_key`: the door sign's room (announcements for that room are added), null on
  /// the lobby.
  static AnnouncementsViewModel Build(const std::vector<Announcement>& announcements, Instant now,
                                      const std::string* room_key);

  bool Empty() const { return emergency.empty() && urgent.empty() && info.empty(); }
  /// The most of one priority (for redraws: more than one alternates).
  std::size_t MostOfOnePriority() const;
  /// The one of `list` that rotation slot `slot` shows (slot modulo its size), or nullptr when `list` is empty.
  static const AnnouncementView* At(const std::vector<AnnouncementView>& list, long long slot);
};

/// The fixed labels of the announcement boxes (from the catalogue: "overlay.emergency", "overlay.urgent",
/// "overlay.info"; the screens read them there).
inline const Bilingual& kEmergencyLabel = UiText("overlay.emergency");
inline const Bilingual& kUrgentLabel = UiText("overlay.urgent");
inline const Bilingual& kInfoLabel = UiText("overlay.info");

/// What a screen says when its clock cannot be trusted (issue 3 section 3: kiosk::CheckClock): it shows the
/// programme without now/next under a band saying so, never "nothing on today".
struct ClockProblemViewModel {
  ClockCheck check = ClockCheck::Plausible;
  Bilingual title;  ///< "L’horloge de cet écran est incorrecte" / "This screen’s clock is wrong"
  /// For staff: what the clock says and why it is wrong, and what to do: "Horloge : 2020-01-01 10:20, avant les
  /// Rencontres · régler l’heure (NTP)" / "Clock: 2020-01-01 10:20, before the event · set the time (NTP)".
  Bilingual hint;

  bool Wrong() const { return check != ClockCheck::Plausible; }
  /// kiosk::CheckClock(programme, revision.imported_at, now) and its texts; times venue-local. A revision number 0
  /// (none known) checks only against the event.
  static ClockProblemViewModel Build(const Programme& programme, const RevisionStamp& revision, Instant now,
                                     const VenueZone& zone);
};

/// One programme day as a plain list, without now or next: what a screen whose clock is wrong shows (a portrait
/// lobby, a door sign), one day after the other.
struct ProgrammeListViewModel {
  std::string title;               ///< the event's name, or the door sign's room
  Bilingual day_label;             ///< "mercredi 8 juillet 2026" / "Wednesday 8 July 2026"
  bool show_rooms = true;          ///< false on a door sign (every item is in its room, or says where it moved)
  std::vector<SessionItem> items;  ///< the day's sessions by start (of the room, plus those moved away from it)
  Bilingual revision;              ///< as on the board

  /// One list per programme day, in order. `room_key` non-null: only that room's sessions and those moved away from
  /// it (a door sign), titled with the room's name. The revision label always has its date (today is unknown).
  /// Never throws; an empty programme gives no list.
  static std::vector<ProgrammeListViewModel> Build(const Programme& programme, const VenueZone& zone,
                                                   const RevisionStamp& revision, const std::string* room_key);
};

/// The message screen: nothing to show, and why.
struct MessageViewModel {
  Bilingual title;         ///< "Programme indisponible" / "Programme unavailable"
  std::string reason;      ///< what went wrong (store path and error), as logged
  int retry_seconds = -1;  ///< seconds until the next attempt; < 0 hides the retry line
  /// Why, for staff, in both languages, drawn French first with the English beside it ("signature refusée … ·
  /// signature refused …"); empty: none.
  Bilingual problem;
  /// > 0: the attempts' fixed interval in seconds, shown instead of a countdown ("nouvel essai toutes les 2 s").
  double retry_every_seconds = 0;
};

/// The message screen for a programme that cannot be shown: "Programme indisponible" / "Programme unavailable"
/// (catalogue "message.unavailable"), `reason` as logged, the next attempt in `retry_seconds` (< 0: not shown).
MessageViewModel UnavailableMessage(std::string reason, int retry_seconds);

/// Why a sync attempt failed, for staff, in French and English: `kind` is one of the kinds
/// kiosk::app::ToString(SyncProblem) gives ("server down", "timed out", "HTTP 404", "bad signature", "wrong hash",
/// "truncated download", "old revision replayed", "bad snapshot", "newer schema", "store locked", "sync error");
/// empty (no attempt finished yet) gives "première connexion en cours" / "first connection under way"; an unknown
/// kind is given as is in both languages. Never throws.
Bilingual SyncProblemText(std::string_view kind);

/// The message screen of a `--sync` kiosk that has no programme yet: "En attente du premier programme signé" /
/// "Waiting for the first signed programme" (catalogue "message.sync_waiting"), the publisher's URL, why the
/// last attempt failed (SyncProblemText of `problem_kind`) and the polls' interval `interval_seconds` (> 0) as
/// "nouvel essai toutes les 2 s" / "retrying every 2 s". Never throws.
MessageViewModel SyncWaitingMessage(const std::string& url, std::string_view problem_kind, double interval_seconds);

/// Seconds for the screens: "2 s", "0,5 s" / "0.5 s" (French decimal comma), at most 2 decimals, a no-break space
/// before the unit. Returns {fr, en}.
Bilingual SecondsText(double seconds);

/// One day (or window of a long day) of the wrong-clock timelines, with the header it is drawn under.
struct WrongClockGrid {
  BoardViewModel header;  ///< the event's name, the grid's day, no clock, the revision with its date
  TimelineViewModel grid;
};

/// What a screen whose clock is wrong shows instead of now/next (issue 3 section 3), every programme day in turn: a
/// landscape lobby the days' timelines (TimelineViewModel::BuildWithoutNow), a portrait lobby or a door sign the
/// days as lists (ProgrammeListViewModel), an empty programme the message screen.
struct WrongClockViewModel {
  std::vector<WrongClockGrid> grids;          ///< landscape lobby: each day's grids in order; else empty
  std::vector<ProgrammeListViewModel> lists;  ///< portrait lobby or door sign: one list per day; else empty
  /// When there is nothing to list: the clock's title and its staff hint in both languages.
  MessageViewModel message;

  bool Empty() const { return grids.empty() && lists.empty(); }
  /// `room_key`: the door sign's room, null on the lobby; `landscape`: the display is at least as wide as tall.
  /// `clock`: the check the band shows (its texts go into the message). Never throws.
  static WrongClockViewModel Build(const Programme& programme, const VenueZone& zone, const RevisionStamp& revision,
                                   const std::string* room_key, bool landscape, const ClockProblemViewModel& clock);
};

/// The staff corner's text, to the minute (the screen redraws for it once a minute): "sync <1 min", "sync 3 min",
/// "sync 2 h 05"; with a problem "sync ⚠ 3 min: HTTP 404 …"; before any good sync "sync ⚠ none yet" (and the
/// problem). Empty when the kiosk does not sync.
std::string StaffStatusText(const StaffStatus& status);

}  // namespace kiosk::ui
