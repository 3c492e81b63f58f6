// The desk's store work off the frame thread (issue 12): a worker thread owns the DeskController (and so its
// RegistrantStore connection); the frame thread posts the staff's keys and clicks and takes back what to show.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "kiosk/checkin/DeskController.h"
#include "kiosk/checkin/DeskSync.h"
#include "kiosk/core/Clock.h"
#include "kiosk/core/VenueZone.h"
#include "kiosk/ui/CheckinViewModel.h"

namespace kiosk::checkin {

/// One thing the staff did (or the hub thread reported), in the order it happened.
struct DeskInput {
  /// PollStore: look at the store now (DeskController::PollStore), e.g. after a hub exchange made elsewhere.
  enum class Kind { Char, Enter, Backspace, Escape, Up, Down, Undo, Click, Hub, PollStore } kind = Kind::Char;
  char32_t c = 0;                    ///< Kind::Char: the code point typed
  int row = 0;                       ///< Kind::Click: the result row clicked
  std::optional<DeskSyncState> hub;  ///< Kind::Hub: the hub thread's state (nullopt: standalone)
};

/// Applies one input to a controller (the same calls the window made before): shared by the worker, the synchronous
/// path and the tests.
void ApplyInput(DeskController& desk, const DeskInput& input);

/// What the frame thread shows: a copy of the controller's state after the inputs up to `applied` (a count).
struct DeskSnapshot {
  ui::DeskState state;
  bool locked = false;
  bool usable = false;
  std::int64_t registrant_revision = -1;
  /// Every registrant's name and the desk's strings, for the font's glyphs; set only when the registrant list
  /// changed since the last snapshot (reading it touches the store: done on the worker).
  std::optional<std::string> glyph_text;
  std::uint64_t applied = 0;  ///< inputs applied so far (Post returns each input's number)
  /// No refresh is pending: the results' badges and the counters reflect every write seen so far. A snapshot right
  /// after a check-in shows its outcome first (settled false); the refreshed list and counters follow.
  bool settled = true;
};

/// Owns a DeskController on its own thread: Post queues an input and returns at once; the worker applies the inputs
/// in order, ticks the controller every `tick` (outcome panel, idle lock, store polling, retries), and after each
/// change publishes a DeskSnapshot and calls `wake` (e.g. glfwPostEmptyEvent). Staff inputs go first: the
/// controller runs in deferred-refresh mode (DeskController::SetDeferRefresh), so a check-in's outcome is published
/// before the search and the counters are refreshed, and queued inputs are served before each refresh step and
/// before each store poll (a poll finding nothing new costs one PRAGMA data_version); the counters are read on a
/// second thread with its own read connection and come back as an event. The frame thread never waits on
/// SQLite: Post and TakeSnapshot only take a mutex held for a copy. The controller is built on the thread (its
/// constructor opens the store); until then TakeSnapshot gives nothing. Never throws from the thread: a controller
/// that cannot be built (an empty desk name) is reported by the constructor, which waits for it.
class DeskWorker {
 public:
  /// Same arguments as DeskController's. Throws what DeskController's constructor throws (std::invalid_argument),
  /// std::system_error when the thread cannot start.
  DeskWorker(std::filesystem::path people, std::string desk, const Clock& clock, VenueZone zone, bool create_missing,
             std::function<void()> wake, std::chrono::milliseconds tick = std::chrono::milliseconds(250));
  /// Applies the inputs already posted (a check-in queued as the desk closes still happens), then joins the worker.
  ~DeskWorker();
  DeskWorker(const DeskWorker&) = delete;
  DeskWorker& operator=(const DeskWorker&) = delete;

  /// Queues `input`; returns its number (1, 2, …): the snapshot with `applied` at or above it shows its effect.
  std::uint64_t Post(DeskInput input);
  /// Queues `inputs` at once (a frame's keys: the worker takes them as one run); returns the last one's number (the
  /// number before them when empty).
  std::uint64_t Post(std::vector<DeskInput> inputs);
  /// The newest snapshot when one was published since the last call, else nullopt.
  std::optional<DeskSnapshot> TakeSnapshot();
  /// Blocks until a settled snapshot (no refresh pending) with `applied` at or above `inputs` is published and
  /// returns it (start-up, screenshots and tests: never the frame loop).
  DeskSnapshot WaitForSnapshot(std::uint64_t inputs);

 private:
  void Loop(std::filesystem::path people, std::string desk, bool create_missing);
  /// The counter thread: RegistrantStore::Counts (and a new registrant list's glyph text) on its own connection
  /// whenever the worker asks.
  void Count(std::filesystem::path people);
  /// Publishes the controller's state; `glyphs`: read the glyph text now (start-up), else `glyph_text` when the
  /// counter thread read a new registrant list's.
  void Publish(DeskController& desk, bool glyphs, std::optional<std::string> glyph_text = std::nullopt);

  const Clock& m_clock;
  VenueZone m_zone;
  std::function<void()> m_wake;
  std::chrono::milliseconds m_tick;
  std::mutex m_mutex;
  std::condition_variable m_cv;
  std::condition_variable m_published;
  std::deque<std::pair<std::uint64_t, DeskInput>> m_inputs;
  std::uint64_t m_posted = 0;
  std::optional<DeskSnapshot> m_snapshot;
  bool m_stop = false;
  bool m_started = false;
  std::exception_ptr m_start_error;
  std::uint64_t m_applied = 0;         ///< worker thread only
  std::int64_t m_glyph_revision = -2;  ///< worker thread only
  // The counters (100 000 registrants: 100-200 ms while hub merges run) are read on a thread of their own, so a
  // staff input never waits behind them; m_mutex guards these, m_count_cv wakes the counter.
  std::condition_variable m_count_cv;
  bool m_count_wanted = false;   ///< a recount asked for, not started
  bool m_count_running = false;  ///< the counter is reading
  bool m_count_done = false;     ///< m_count_result is ready for the worker (nullopt: the read failed)
  std::optional<CheckinCounts> m_count_result;
  bool m_glyph_wanted = false;              ///< a new registrant list's glyph text asked for
  std::optional<std::string> m_glyph_text;  ///< read by the counter thread, for the next snapshot
  std::thread m_thread;
  std::thread m_counter;
};

}  // namespace kiosk::checkin
