// The check-in desk's view model (issue 4 section 3): what the desk shows, built from plain data (no store, no GL).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/Registrant.h"
#include "kiosk/core/VenueZone.h"
#include "kiosk/ui/BoardViewModel.h"  // Bilingual

namespace kiosk::ui {

// ---- What the desk controller knows (plain data, filled by kiosk/app/CheckinDesk) ----

/// One registrant the search found, with their status.
struct DeskHit {
  Registrant registrant;
  CheckinStatus status;
  bool withdrawn = false;  ///< not in the latest registrant import
};

/// What the last Enter, click or undo did; shown in the outcome panel for a few seconds.
struct DeskOutcome {
  enum class Kind {
    None,
    CheckedIn,         ///< green: a new check-in was written at this desk
    AlreadyCheckedIn,  ///< yellow: status.active says when and where (two entries: two desks while offline)
    UnknownCode,       ///< red: no registrant has the code typed or scanned
    NoMatch,           ///< red: Enter on a name nobody matches
    PickOne,           ///< neutral: Enter on an order code of several tickets: choose the person with ↑ ↓
    Undone,            ///< neutral: the desk's last check-in was undone
    NothingToUndo,     ///< neutral: undo with no check-in of this desk to undo
    Error,             ///< red: the store failed (message in `text`)
  };
  Kind kind = Kind::None;
  std::optional<Registrant> registrant;  ///< CheckedIn, AlreadyCheckedIn, Undone
  CheckinStatus status;                  ///< AlreadyCheckedIn (and CheckedIn, for a second active check-in)
  bool withdrawn = false;                ///< the registrant is not in the latest list
  std::string text;                      ///< UnknownCode / NoMatch: what was typed; Error: the message
};

/// Checked in against expected (RegistrantStore::Counts, copied).
struct DeskCounts {
  int checked_in = 0;
  int expected = 0;
  struct Group {
    std::string label;  ///< a category, or a venue-local day as "YYYY-MM-DD"
    Day day{};          ///< by_day entries only
    int checked_in = 0;
    int expected = 0;
  };
  std::vector<Group> by_category;
  std::vector<Group> by_day;
};

/// The desk's link to its hub, for the status line.
struct DeskHubStatus {
  /// Why the last exchange failed, as the desk's status line tells it apart (from checkin::HubProblem).
  enum class Problem { None, Unreachable, TokenRefused, Other };
  bool configured = false;  ///< --hub given; false: standalone desk
  bool online = false;
  Problem problem = Problem::None;
  std::string error;
  int pending = 0;
  std::int64_t last_exchange_ms = 0;  ///< ms since the epoch, UTC; 0: never
};

/// Whether staff must type the PIN first.
enum class DeskLock {
  Unlocked,  ///< a PIN is set and was typed
  Locked,    ///< the PIN screen shows
  NoPin,     ///< no PIN in the store: the desk is open, with a red line saying so
};

/// Whether the registrant store can be used; anything but Ready replaces the desk with a full-screen message.
enum class DeskStore {
  Ready,       ///< registrants to search
  Missing,     ///< no file at the path (a standalone desk never creates one)
  Unreadable,  ///< the file cannot be opened or read: store_problem says why, store_fault what kind
  Empty,       ///< a registrant store with no registrant imported yet (with a hub: the hub's list is awaited)
};

/// What is wrong with an Unreadable store, for the advice on the message screen.
enum class DeskStoreFault {
  Damaged,        ///< not an SQLite database, or a damaged one (random bytes, a truncated file)
  NotRegistrant,  ///< an SQLite file that is not a registrant store (e.g. the programme's store given as --people)
  NewerSchema,    ///< written by a newer kiosk
  Io,             ///< permissions, disk full, a lock held too long
};

/// Everything the desk screen is built from.
struct DeskState {
  std::string desk;           ///< this desk's name
  std::string query;          ///< the search field's text
  std::vector<DeskHit> hits;  ///< search results, best first (empty below 2 characters)
  int selected = 0;           ///< index into hits that Enter checks in
  DeskOutcome outcome;        ///< the panel under the results
  DeskCounts counts;
  DeskHubStatus hub;
  DeskLock lock = DeskLock::NoPin;
  int pin_digits = 0;         ///< digits typed on the PIN screen (shown as dots)
  Bilingual pin_message;      ///< "Code incorrect" or the wait after 5 wrong tries; empty: none
  bool can_undo = false;      ///< this desk has a check-in to undo
  std::string store_problem;  ///< the store failed to open or read (its message); empty when fine
  DeskStore store = DeskStore::Ready;
  DeskStoreFault store_fault = DeskStoreFault::Damaged;  ///< Unreadable only
  std::string store_path;                                ///< the registrant store's path, for the message screen
  int retry_seconds = 3;                                 ///< Missing, Unreadable: the desk looks again this often
};

// ---- What the screen draws (strings ready, French first) ----

/// One result row.
struct CheckinRowView {
  std::string name;          ///< "DUPONT-LEFÈVRE Élodie" (last name in capitals, the French desk habit)
  std::string organisation;  ///< may be empty
  std::string category;      ///< may be empty
  std::string order_code;
  enum class Badge { Expected, CheckedIn, Twice, Withdrawn } badge = Badge::Expected;
  Bilingual status;  ///< "Enregistré·e 10:02 · poste B" / "Checked in 10:02 · desk B", or "Attendu·e" / "Expected"
  bool selected = false;
};

/// A line of the registrant's own programme: "mer. 8 juil. 14:00–15:30 · Atelier Eau · Salon Monge".
struct CheckinAppointmentView {
  std::string when;   ///< "mer. 8 · 14:00–15:30"
  std::string title;  ///< "B2B : Ville de Hué"
  std::string place;  ///< "Table 7 (Salon Laplace)"; may be empty
};

/// The outcome panel.
struct CheckinOutcomeView {
  enum class Tone { None, Success, Warning, Error, Neutral } tone = Tone::None;
  Bilingual headline;              ///< "Bienvenue !" / "Welcome", "Déjà enregistré·e…", "Code inconnu"
  std::vector<Bilingual> details;  ///< each active check-in of a warning, the withdrawn line, the note
  std::string name;                ///< empty when no registrant
  std::string organisation;
  std::string category;
  std::vector<CheckinAppointmentView> programme;
};

/// One counter chip: "élu·e 12/40".
struct CheckinCounterView {
  std::string label;
  int checked_in = 0;
  int expected = 0;
};

/// The full-screen message shown instead of the desk when the registrant store is missing, unreadable or empty.
struct CheckinStoreMessageView {
  bool shown = false;
  bool error = false;           ///< red (missing, unreadable) rather than neutral (empty, waiting for the hub)
  Bilingual headline;           ///< "Aucun fichier d'inscrits" / "No registrant store"
  std::string path;             ///< the store's path
  std::string detail;           ///< the store's error message (English, technical); may be empty
  std::vector<Bilingual> todo;  ///< what to do, e.g. the kioskctl command line
  Bilingual retry;              ///< "Nouvel essai toutes les 3 s" / "Retrying every 3 s"
};

/// The whole desk screen.
struct CheckinViewModel {
  std::string desk;  ///< "Poste A"
  int checked_in = 0;
  int expected = 0;
  std::vector<CheckinCounterView> categories;
  std::vector<CheckinCounterView> days;  ///< labels "mer. 8 juil."
  std::string query;
  Bilingual hint;  ///< shown instead of results below 2 characters, or "Aucun résultat" when nobody matches
  std::vector<CheckinRowView> rows;
  CheckinOutcomeView outcome;
  Bilingual hub_line;  ///< "Hub : en ligne / online", "poste autonome / standalone desk"
  bool hub_problem = false;
  Bilingual warning_line;  ///< red line: no PIN set, or the store's problem; empty: none
  bool locked = false;
  int pin_digits = 0;
  Bilingual pin_message;
  bool can_undo = false;
  CheckinStoreMessageView store_message;  ///< shown: drawn instead of the desk and the PIN screen
};

/// Builds what the screen draws from the desk's state. `zone` gives venue-local times ("10:02"), `now` (UTC) the age
/// of the last hub exchange. Never throws.
CheckinViewModel BuildCheckinViewModel(const DeskState& state, const VenueZone& zone, Instant now);

/// "DUPONT Élodie": last name upper-cased (ASCII, Latin-1, Latin Extended-A/B and Additional letters) then first
/// name, NFC and screen-safe (ScreenText). Either part may be empty.
std::string DeskDisplayName(const Registrant& registrant);

/// Upper-case of UTF-8 text for the letters the registrants' names use (Latin scripts, Vietnamese included); other
/// characters unchanged.
std::string UpperLatin(std::string_view text);

/// "Déjà enregistré·e à 10:02 au poste B" / "Already checked in at 10:02 at desk B" for one active check-in event,
/// venue-local time; on another day than `today`: "Déjà enregistré·e le 08/07 à 10:02 au poste B" / "Already checked
/// in on 08/07 at 10:02 at desk B".
Bilingual AlreadyCheckedInLine(const CheckinEvent& event, const VenueZone& zone, Day today);

/// Every character the desk may draw for these registrants (names, organisations, categories, appointments, notes)
/// plus its own labels and the Latin Extended-B, combining marks and Latin Extended Additional blocks (Vietnamese),
/// for Fonts::SetText.
std::string CheckinGlyphText(const std::vector<Registrant>& registrants);

}  // namespace kiosk::ui
