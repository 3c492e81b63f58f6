// The check-in desk's state transitions as one pure function (issue 12): DeskStep Apply(DeskModel, DeskEvent), like
// the touch screen's ui::Apply(state, input). Events are typed (keys, Enter, the store's answers, the hub, a tick);
// effects are what DeskController must do against the registrant store, whose answers come back as events. No store,
// no clock, no I/O here: tests drive it with plain values. Implemented in DeskController.cpp.
#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "kiosk/checkin/DeskSync.h"
#include "kiosk/core/Model.h"
#include "kiosk/ui/CheckinViewModel.h"

namespace kiosk::checkin {

/// Everything the desk's state machine knows: what the screen shows (`view`) and the controller's own memory.
struct DeskModel {
  ui::DeskState view;
  bool store_open = false;        ///< a store connection is open (else nothing is searched or written)
  std::string pin;                ///< digits typed on the PIN screen
  bool pin_garbage = false;       ///< a non-digit (a scanner) was typed on the PIN screen since the last Enter
  int pin_failures = 0;           ///< wrong PINs in a row
  Instant pin_blocked_until{};    ///< UTC; before it, a PIN is not checked
  Instant last_activity{};        ///< UTC; the last key or click (the idle lock counts from it)
  Instant outcome_at{};           ///< UTC; when the outcome panel appeared
  bool selection_chosen = false;  ///< ↑/↓ moved the selection since the query changed: Enter takes that row
  bool query_spent = false;       ///< the field holds the code or name of the outcome shown: the next key starts afresh
  std::string last_in;            ///< uuid of this desk's last In event (what Undo cancels); empty: none

  /// The store is open and has registrants: keys do something.
  bool Usable() const { return store_open && view.store == ui::DeskStore::Ready; }
  bool Locked() const { return view.lock == ui::DeskLock::Locked; }
};

/// The desk's events. Staff actions:
namespace desk_event {
/// Characters typed (one key, or a run: a scanner's code); control characters are ignored. On the PIN screen: digits.
struct Typed {
  std::u32string text;
};
/// The whole field replaced by `text` (DeskController::OnQueryChanged).
struct QueryReplaced {
  std::string text;
};
struct Backspace {};
struct Escape {};
struct Enter {};
/// A click on result row `row` (0-based).
struct Click {
  int row = 0;
};
/// ↑ (-1) or ↓ (+1).
struct Move {
  int delta = 0;
};
struct UndoPressed {};
/// The outcome panel's 5 s and the 2 min idle lock are measured against the event's time.
struct Tick {};
/// The hub thread's state (nullopt: a standalone desk).
struct HubChanged {
  std::optional<DeskSyncState> hub;
};
// The store's answers (to the effects below):
/// The store opened and was read: its PIN and registrant revision (0: none imported).
struct StoreOpened {
  bool has_pin = false;
  std::int64_t revision = 0;
};
/// The store cannot be used (missing, unreadable): the connection is gone; the screen shows `problem`.
struct StoreLost {
  ui::DeskStore store = ui::DeskStore::Unreadable;
  ui::DeskStoreFault fault = ui::DeskStoreFault::Damaged;  ///< Unreadable only
  std::string problem;
};
/// A poll saw a new store version (another desk's events, an import, a PIN set): its PIN and revision now.
struct StoreChanged {
  bool has_pin = false;
  std::int64_t revision = 0;
};
/// Answer to effect Search: the hits for `query` (ignored when the field no longer holds it).
struct SearchDone {
  std::string query;
  std::vector<ui::DeskHit> hits;
  bool keep_selection = true;  ///< a refresh keeps the selected person; a new query selects the first row
};
/// Answer to effect Count.
struct CountsRead {
  ui::DeskCounts counts;
};
/// Answer to effect FindCode: `order_code` of the registrant whose code is exactly the field's (nullopt: none).
struct CodeFound {
  std::string trimmed;  ///< the field's text the lookup was made for
  std::optional<std::string> order_code;
};
/// Answer to effect FindPinCode: whether the digits typed on the PIN screen are a registrant's order code.
struct PinCodeFound {
  std::string pin;
  bool is_code = false;
};
/// Answer to effect CheckPin.
struct PinChecked {
  bool ok = false;
};
/// Answer to effect CheckIn: the outcome (Kind::Error with the message when the write failed) and the uuid of the
/// In event written (empty unless CheckedIn).
struct CheckedIn {
  ui::DeskOutcome outcome;
  std::string event_uuid;
};
/// Answer to effect Undo: Undone (with the registrant), NothingToUndo or Error.
struct Undone {
  ui::DeskOutcome outcome;
};
}  // namespace desk_event

/// One event and when it happened (UTC, the desk's clock: seconds suffice).
struct DeskEvent {
  using What =
      std::variant<desk_event::Typed, desk_event::QueryReplaced, desk_event::Backspace, desk_event::Escape,
                   desk_event::Enter, desk_event::Click, desk_event::Move, desk_event::UndoPressed, desk_event::Tick,
                   desk_event::HubChanged, desk_event::StoreOpened, desk_event::StoreLost, desk_event::StoreChanged,
                   desk_event::SearchDone, desk_event::CountsRead, desk_event::CodeFound, desk_event::PinCodeFound,
                   desk_event::PinChecked, desk_event::CheckedIn, desk_event::Undone>;
  What what;
  Instant at{};
};

/// What the controller must do against the store; each answers with the event named.
namespace desk_effect {
/// RegistrantStore::Search(query, kResultLimit) → SearchDone (echoing query and keep_selection).
struct Search {
  std::string query;
  bool keep_selection = true;
};
/// RegistrantStore::Counts(zone) → CountsRead.
struct Count {};
/// RegistrantStore::Find(code) (code already CanonicalOrderCode) → CodeFound.
struct FindCode {
  std::string code;
  std::string trimmed;
};
/// RegistrantStore::Find(pin) → PinCodeFound.
struct FindPinCode {
  std::string pin;
};
/// RegistrantStore::CheckPin(pin) → PinChecked.
struct CheckPin {
  std::string pin;
};
/// RegistrantStore::CheckIn(order_code, desk, now) → CheckedIn.
struct CheckIn {
  std::string order_code;
};
/// RegistrantStore::Undo(event_uuid, desk, now) → Undone.
struct Undo {
  std::string event_uuid;
};
}  // namespace desk_effect

using DeskEffect =
    std::variant<desk_effect::Search, desk_effect::Count, desk_effect::FindCode, desk_effect::FindPinCode,
                 desk_effect::CheckPin, desk_effect::CheckIn, desk_effect::Undo>;

/// Apply's answer: the next model and the store calls to make, in order.
struct DeskStep {
  DeskModel model;
  std::vector<DeskEffect> effects;
};

/// Results listed on screen at most (the Search effect's limit).
inline constexpr int kDeskResultLimit = 10;
/// The outcome panel shows this long, then the field clears for the next person.
inline constexpr std::chrono::seconds kDeskOutcomeSeconds{5};
/// Without a key or a click this long, a desk with a PIN locks again.
inline constexpr std::chrono::seconds kDeskIdleLock{120};
/// After this many wrong PINs in a row, each further try waits kDeskPinBackoff.
inline constexpr int kDeskPinTries = 5;
inline constexpr std::chrono::seconds kDeskPinBackoff{30};

/// The desk's one state transition: `model` after `event`, and the effects to run. Pure (no store, no clock: the
/// time is event.at), never throws. Rules (issue 4 section 3): a search from 2 characters; Enter checks in an exact
/// order code at once, else refuses to guess among several tickets of one code (PickOne), else the selected row,
/// else says unknown code / no match; the outcome clears after kDeskOutcomeSeconds (PickOne waits); a desk with a
/// PIN locks after kDeskIdleLock idle and slows down after kDeskPinTries wrong PINs; a badge scanned at a locked
/// desk costs no try; nobody's name stays on a locked desk or a lost store.
DeskStep Apply(DeskModel model, const DeskEvent& event);

}  // namespace kiosk::checkin
