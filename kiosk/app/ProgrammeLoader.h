// The schedule store read off the frame thread: a worker polls ProgrammeSource and hands immutable states over.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "kiosk/app/ProgrammeSource.h"

namespace kiosk::app {

/// What the store gave at one poll, as the frame thread sees it: immutable once handed over.
struct ProgrammeState {
  std::shared_ptr<const LoadedProgramme> programme;  ///< the last programme loaded successfully, or null
  StoreProblem problem = StoreProblem::None;         ///< why the store cannot be read now
  std::string problem_text;                 ///< ProgrammeSource::Problem(), for the screen and the log; empty with None
  ProgrammeSource::SteadyTime next_poll{};  ///< when the worker looks at the store again (the message's countdown)
};

/// Runs a ProgrammeSource on its own thread, so the frame thread never waits on SQLite (its 5 s busy timeout, a
/// checkpoint, a slow disk; DESIGN.md "data flow" 4, the model of Tracy's RunQueue). The worker polls PRAGMA
/// data_version every ProgrammeSource::kPollInterval (kRetryInterval while the store is unreadable), loads a changed
/// programme in one read transaction and publishes a new ProgrammeState; it then calls `on_change` (thread-safe and
/// quick: glfwPostEmptyEvent, a write to a pipe) so the frame loop wakes and Take()s it.
class ProgrammeLoader {
 public:
  /// Starts the worker; its first poll starts at once. `publisher`: see ProgrammeSource::WaitForPublisher.
  ProgrammeLoader(std::filesystem::path path, std::string publisher, std::function<void()> on_change);
  /// Stops and joins the worker (a poll under way ends first: at most the store's busy timeout).
  ~ProgrammeLoader();
  ProgrammeLoader(const ProgrammeLoader&) = delete;
  ProgrammeLoader& operator=(const ProgrammeLoader&) = delete;

  /// Frame thread: the newest state when one was published since the last Take(), else nullopt. Never touches
  /// SQLite: it takes only the hand-over mutex, which the worker holds for a copy of the state, never during I/O.
  std::optional<ProgrammeState> Take();
  /// Any thread: makes the worker look at the store now (after the --sync thread swapped a snapshot in, which a
  /// store missing until then would otherwise see only at the 5 s retry).
  void PollSoon();
  /// Blocks up to `timeout` until the worker's first poll has published its state; true when it has. For start-up
  /// and one-shot screenshots only, never from a running frame loop.
  bool WaitFirst(std::chrono::milliseconds timeout);

  const std::filesystem::path& Path() const { return m_path; }

 private:
  void Work(std::stop_token stop);

  std::filesystem::path m_path;
  ProgrammeSource m_source;  ///< the worker's only
  std::function<void()> m_on_change;
  std::mutex m_mutex;  ///< guards what follows; held only to copy a state in or out
  std::condition_variable_any m_wake;
  ProgrammeState m_state;
  std::uint64_t m_published = 0;  ///< states published so far
  std::uint64_t m_taken = 0;      ///< the last one Take() returned
  bool m_poll_soon = false;
  std::jthread m_thread;  ///< last: started after everything it uses, stopped first
};

}  // namespace kiosk::app
