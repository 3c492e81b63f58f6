// The check-in desk (issue 4 section 3): its state machine over the registrant store (DeskController, testable without
// a window), its hub sync thread, and `kiosk --mode checkin` (RunCheckinDesk).
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>

#include "kiosk/core/Clock.h"
#include "kiosk/core/VenueZone.h"
#include "kiosk/store/RegistrantStore.h"
#include "kiosk/sync/CheckinSync.h"
#include "kiosk/ui/CheckinViewModel.h"

namespace kiosk::app {

/// The desk's state machine: search as the query changes, check in on Enter or a click, undo, the staff PIN lock, the
/// counters, and the outcome panel's lifetime. Owns one RegistrantStore connection (not thread-safe: use it from one
/// thread). Times come from the injected clock (UTC), so tests drive the PIN idle lock and the panel's 5 s.
class DeskController {
 public:
  /// Results listed on screen at most.
  static constexpr int kResultLimit = 10;
  /// The outcome panel shows this long, then the field clears for the next person.
  static constexpr std::chrono::seconds kOutcomeSeconds{5};
  /// Without a key or a click this long, a desk with a PIN locks again.
  static constexpr std::chrono::seconds kIdleLock{120};
  /// After this many wrong PINs in a row, each further try waits kPinBackoff.
  static constexpr int kPinTries = 5;
  static constexpr std::chrono::seconds kPinBackoff{30};

  /// Opens (creating when missing) the registrant store at `people` for desk `desk` (non-empty). The desk starts
  /// locked when the store has a PIN. `zone`: the venue zone for times and counters. Throws StoreError (the store),
  /// std::invalid_argument (empty desk name).
  DeskController(const std::filesystem::path& people, std::string desk, const Clock& clock, const VenueZone& zone);

  /// The search field's text changed: runs the search (nobody below 2 characters). A query typed after an outcome
  /// replaces nothing: the field is whatever `text` is.
  void OnQueryChanged(std::string text);
  /// One typed character (UTF-8 code point) at the end of the field; after an outcome the field starts afresh, so a
  /// scanner's next code never appends to the previous one. On the PIN screen: a digit of the PIN.
  void OnChar(char32_t c);
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
  /// store's DataVersion (another desk's events merged by the hub thread): on a change re-runs the search and the
  /// counters. Returns true when anything shown changed.
  bool Tick(std::chrono::milliseconds poll_every = std::chrono::milliseconds(250));
  /// Looks at DataVersion now; true when it changed (and the results and counters were refreshed).
  bool PollStore();

  /// The hub thread's state for the status line (nullopt: standalone desk).
  void SetHub(std::optional<DeskSyncState> hub);

  /// What the screen shows.
  const ui::DeskState& State() const { return m_state; }
  ui::CheckinViewModel View() const;
  bool Locked() const { return m_state.lock == ui::DeskLock::Locked; }
  /// The uuid of the last check-in made at this desk that Undo would cancel; empty when none.
  const std::string& LastCheckin() const { return m_last_in; }
  RegistrantStore& Store() { return *m_store; }
  const VenueZone& Zone() const { return m_zone; }

 private:
  void Activity();
  void Search();
  void RefreshCounts();
  void CheckInCode(const std::string& code);
  void SetOutcome(ui::DeskOutcome outcome);
  void Lock();
  EventTime EventNow() const;

  std::unique_ptr<RegistrantStore> m_store;
  const Clock& m_clock;
  VenueZone m_zone;
  ui::DeskState m_state;
  std::string m_pin;  ///< digits typed on the PIN screen
  int m_pin_failures = 0;
  Instant m_pin_blocked_until{};
  Instant m_last_activity{};
  Instant m_outcome_at{};
  bool m_query_spent = false;  ///< the field holds the code or name of the outcome shown: the next key starts afresh
  std::string m_last_in;       ///< uuid of this desk's last In event
  std::int64_t m_data_version = -1;
  std::chrono::steady_clock::time_point m_last_poll{};
};

/// Runs DeskSync::SyncOnce every `interval` on its own thread (its own store connection) until destroyed; the state
/// is read with State(). `wake` is called (from the thread) after each exchange, e.g. glfwPostEmptyEvent.
class DeskHubThread {
 public:
  /// Throws what DeskSync's constructor throws (StoreError).
  DeskHubThread(const std::filesystem::path& people, std::string hub_url, std::string token, std::string desk,
                std::function<void()> wake, std::chrono::milliseconds interval = std::chrono::milliseconds(1000));
  ~DeskHubThread();
  DeskHubThread(const DeskHubThread&) = delete;
  DeskHubThread& operator=(const DeskHubThread&) = delete;

  DeskSyncState State() const;

 private:
  void Run();

  std::unique_ptr<DeskSync> m_sync;
  std::function<void()> m_wake;
  std::chrono::milliseconds m_interval;
  mutable std::mutex m_mutex;
  std::condition_variable m_cv;
  bool m_stop = false;
  DeskSyncState m_state;
  std::thread m_thread;
};

/// What `kiosk --mode checkin` was given.
struct DeskOptions {
  std::filesystem::path people;  ///< registrant store; empty: DefaultRegistrantStorePath()
  std::string desk;              ///< desk name; empty: the host name
  std::string hub_url;           ///< --hub; empty: standalone desk
  std::string token;             ///< --token, or the first line of --token-file
  std::string zone = "Europe/Paris";
  bool fullscreen = false;
  int monitor = 0;
  int width = 1920;
  int height = 1080;
  std::filesystem::path screenshot;  ///< when set: apply desk_input, render, write the PNG, exit
  /// --desk-input (test hook): typed into the field at start; '\n' (or the two characters "\n") is Enter.
  std::string desk_input;
};

/// The desk name to use when none is given: the host name ("desk" when it cannot be read).
std::string DefaultDeskName();

/// Splits --desk-input into what it types: text runs and Enter presses ("K7Q2A\\n" or "K7Q2A\n": "K7Q2A", Enter).
/// Returns the pieces in order; an Enter is the string "\n".
std::vector<std::string> SplitDeskInput(std::string_view input);

/// Runs the desk window until it closes (or, with a screenshot, until the PNG is written). Returns 0 on success, 1
/// when no window or GL context can be made, the store cannot be opened or the PNG cannot be written, 2 for a bad
/// option. Never throws.
int RunCheckinDesk(const DeskOptions& options);

}  // namespace kiosk::app
