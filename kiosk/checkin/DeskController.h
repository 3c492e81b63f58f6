// The check-in desk's state machine over the registrant store (DeskController), testable without a window.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/checkin/DeskApply.h"
#include "kiosk/checkin/DeskSync.h"
#include "kiosk/core/Clock.h"
#include "kiosk/core/VenueZone.h"
#include "kiosk/store/FileIdentity.h"
#include "kiosk/store/RegistrantStore.h"
#include "kiosk/ui/CheckinViewModel.h"

namespace kiosk::checkin {

/// The desk's state machine over the store: each call is a DeskEvent given to the pure Apply (DeskApply.h, where the
/// rules live); the controller runs the effects Apply asks for against its RegistrantStore and feeds their answers
/// back as events. Owns one RegistrantStore connection (not thread-safe: use it from one thread). Times come from the
/// injected clock (UTC), so tests drive the PIN idle lock and the panel's 5 s.
class DeskController {
 public:
  /// Results listed on screen at most.
  static constexpr int kResultLimit = kDeskResultLimit;
  /// The outcome panel shows this long, then the field clears for the next person.
  static constexpr std::chrono::seconds kOutcomeSeconds = kDeskOutcomeSeconds;
  /// Without a key or a click this long, a desk with a PIN locks again.
  static constexpr std::chrono::seconds kIdleLock = kDeskIdleLock;
  /// After this many wrong PINs in a row, each further try waits kPinBackoff.
  static constexpr int kPinTries = kDeskPinTries;
  static constexpr std::chrono::seconds kPinBackoff = kDeskPinBackoff;

  /// Missing or unreadable store: the desk tries to open it again this often (Tick).
  static constexpr std::chrono::seconds kRetryEvery{3};

  /// Opens the registrant store at `people` for desk `desk` (non-empty). The desk starts locked when the store has a
  /// PIN. `zone`: the venue zone for times and counters. `create_missing`: a missing file is created (a desk with a
  /// hub, whose list comes from the hub); else a missing file is not created and the state says Missing. A store
  /// that cannot be opened or read never throws (DESIGN.md: never crash on data): State().store says why, the
  /// screen shows it, and Tick tries again every kRetryEvery. Throws std::invalid_argument (empty desk name) only.
  DeskController(const std::filesystem::path& people, std::string desk, const Clock& clock, const VenueZone& zone,
                 bool create_missing = false);

  /// The search field's text changed: runs the search (nobody below 2 characters). A query typed after an outcome
  /// replaces nothing: the field is whatever `text` is.
  void OnQueryChanged(std::string text);
  /// One typed character (UTF-8 code point) at the end of the field; after an outcome the field starts afresh, so a
  /// scanner's next code never appends to the previous one. On the PIN screen: a digit of the PIN.
  void OnChar(char32_t c);
  /// Several characters typed in a row (a scanner's code, or keys queued while the worker was busy): the same as
  /// OnChar for each, but the search runs once, for the whole text.
  void OnText(std::u32string_view text);
  /// Removes the last character of the field (or of the typed PIN).
  void OnBackspace();
  /// Clears the field and the outcome panel.
  void OnEscape();
  /// Enter: an exact order code (trimmed, CanonicalOrderCode) checks in at once; else the selected result; else an
  /// "unknown code" or "no match" outcome. On the PIN screen: checks the typed PIN.
  void OnEnter();
  /// A click (or touch) on result `index`: checks that registrant in. Out of range: nothing.
  void OnClick(int index);
  /// Moves the selection (Up: -1, Down: +1), clamped to the results.
  void OnMoveSelection(int delta);
  /// Undoes the last check-in made at this desk (RegistrantStore::Undo); "nothing to undo" when there is none.
  void Undo();

  /// Called every loop: expires the outcome panel, locks after kIdleLock idle, and every `poll_every` looks at the
  /// store's DataVersion (another desk's events merged by the hub thread) and at the file (replaced, removed,
  /// rewritten): on a change re-runs the search and the counters. A missing or unreadable store is opened again
  /// every `retry_every`. Returns true when anything shown changed. Never throws.
  bool Tick(std::chrono::milliseconds poll_every = std::chrono::milliseconds(250),
            std::chrono::milliseconds retry_every = kRetryEvery);
  /// Looks at the store now (or, when it is missing or unreadable, tries to open it now); true when anything shown
  /// changed (the results and counters were refreshed, or the store state changed). Never throws.
  bool PollStore();

  /// The hub thread's state for the status line (nullopt: standalone desk).
  void SetHub(std::optional<DeskSyncState> hub);

  /// Worker mode (DeskWorker): with `defer` true, the refreshes Apply asks for after a check-in, an undo or a poll
  /// (re-running the search for the field as it is, the counters) are not run at once but remembered, coalesced,
  /// and run by RunDeferred, so the outcome is shown first and staff inputs go before them. false (the default, and
  /// the synchronous path): every effect runs at once. Setting it false runs what is pending.
  void SetDeferRefresh(bool defer);
  /// Runs one pending refresh (the search first, then the counters); false when none was pending. Never throws.
  bool RunDeferred();
  /// Worker mode: takes the pending recount, if any, for a counter elsewhere (DeskWorker counts on its own thread
  /// and connection, so a check-in never waits behind 100 000 registrants' counters); true when one was pending.
  bool TakeCountRequest();
  /// The counters read elsewhere (RegistrantStore::Counts on another connection to the same file) for the screen.
  void CountsArrived(const CheckinCounts& counts);
  /// A refresh is pending (worker mode only).
  bool RefreshPending() const { return m_search_stale || m_counts_stale; }

  /// What the screen shows.
  const ui::DeskState& State() const { return m_model.view; }
  /// The whole state machine's state (DeskApply.h).
  const DeskModel& Model() const { return m_model; }
  ui::CheckinViewModel View() const;
  bool Locked() const { return m_model.Locked(); }
  /// The store is open and has registrants: the desk takes keys (else its message screen shows and keys do nothing).
  bool Usable() const { return m_store != nullptr && m_model.view.store == ui::DeskStore::Ready; }
  /// The uuid of the last check-in made at this desk that Undo would cancel; empty when none.
  const std::string& LastCheckin() const { return m_model.last_in; }
  /// The registrant list revision last read (0: nothing imported; -1: no usable store). Changes when an import or
  /// the hub brings new registrants.
  std::int64_t RegistrantRevision() const { return m_revision; }
  /// Every registrant in the store (for the font's glyphs); empty when the store cannot be read. Never throws.
  std::vector<Registrant> Registrants();
  const VenueZone& Zone() const { return m_zone; }

 private:
  /// Applies one event (at the clock's now) and runs the effects it asks for, feeding their answers back.
  void Dispatch(DeskEvent::What what);
  /// Runs one effect against the store; its answer as an event (StoreLost when the store failed), nullopt when
  /// there is no store.
  std::optional<DeskEvent::What> Run(const DeskEffect& effect);
  /// Opens the store afresh and reads it (revision, PIN, counters); false, with the state saying why, on failure.
  bool TryOpen();
  /// A store call failed: the store is dropped; the StoreLost event saying why (logged once per distinct message).
  DeskEvent::What StoreFailed(const std::exception& error);
  /// Runs `call` (which returns the answer event) on the store; nullopt when there is none, StoreLost if it threw.
  template <class Call>
  std::optional<DeskEvent::What> Guard(Call&& call);
  static ui::DeskCounts ToCounts(const CheckinCounts& counts);
  void Log(const std::string& line);
  EventTime EventNow() const;

  std::filesystem::path m_people;
  bool m_create_missing = false;
  std::unique_ptr<RegistrantStore> m_store;  ///< null while the store is missing or unreadable
  FileIdentity m_file;  ///< the file m_store opened (FileIdentity.h: replaced behind SQLite's back)
  std::int64_t m_revision = -1;
  std::string m_logged;  ///< the last store problem logged (logged once each)
  std::chrono::steady_clock::time_point m_last_retry{};
  const Clock& m_clock;
  VenueZone m_zone;
  DeskModel m_model;  ///< changed only by Apply
  std::int64_t m_data_version = -1;
  std::chrono::steady_clock::time_point m_last_poll{};
  bool m_defer_refresh = false;
  bool m_search_stale = false;  ///< worker mode: a refresh search is pending
  bool m_counts_stale = false;  ///< worker mode: a recount is pending
};

}  // namespace kiosk::checkin
