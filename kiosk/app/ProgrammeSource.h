// The kiosk's view of the schedule store: polls for changes, reloads whole, and turns store failures into a reason.
#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>

#include "kiosk/store/ScheduleStore.h"

namespace kiosk::app {

/// Why the store cannot be shown, as a kind the screen and the log can act on without reading the text again.
enum class StoreProblem {
  None,         ///< readable: the programme shown is the store's
  Missing,      ///< no file at the path (StoreError::Kind::Missing)
  NewerSchema,  ///< written by a newer kiosk (StoreError::Kind::NewerSchema)
  Corrupt,      ///< not a database, or damaged (StoreError::Kind::Corrupt)
  Io,           ///< cannot be read now: locked past the busy timeout, permissions, a disk error
  NoProgramme,  ///< a store with no programme imported yet
  NoSessions,   ///< a programme without sessions
};

/// Owns a read-only ScheduleStore; runs on ProgrammeLoader's worker thread (never the frame thread: Poll waits on
/// SQLite's busy timeout). Poll() checks PRAGMA data_version every 0.5 s and reloads the whole programme in
/// one read transaction when it changed; the current programme is an immutable snapshot swapped in one step.
/// A missing, newer, corrupt or empty store never throws out of here: it becomes Problem() and is retried every 5 s,
/// while the last good programme (if any) stays current. A file replaced or rewritten behind SQLite's back (mv, cp)
/// leaves data_version as it was, so each poll also compares the file's inode, size and mtime and reopens on change.
class ProgrammeSource {
 public:
  using SteadyTime = std::chrono::steady_clock::time_point;
  static constexpr std::chrono::milliseconds kPollInterval{500};
  static constexpr std::chrono::seconds kRetryInterval{5};

  explicit ProgrammeSource(std::filesystem::path path);
  ~ProgrammeSource();

  /// Polls if due at `now`. Returns true when what should be shown changed (new programme, problem appeared or
  /// cleared).
  bool Poll(SteadyTime now);

  /// The last programme loaded successfully, or null. Never changes under a caller holding it.
  std::shared_ptr<const LoadedProgramme> Current() const { return m_current; }
  /// Why the store cannot be read now (empty when it can), e.g. "no schedule store at /path (run kioskctl import)".
  const std::string& Problem() const { return m_problem; }
  /// The kind of Problem(); StoreProblem::None when it is empty.
  StoreProblem ProblemKind() const { return m_problem_kind; }
  /// When the next poll or retry is due.
  SteadyTime NextPoll() const { return m_next_poll; }
  /// Makes the next Poll() look at the store whatever the time, e.g. after the --sync thread swapped a snapshot in
  /// (a store missing until then would otherwise wait for the 5 s retry).
  void PollSoon() { m_next_poll = {}; }
  const std::filesystem::path& Path() const { return m_path; }
  /// The store is filled by a --sync thread from `url` (the publisher's manifest or folder): a missing or empty store
  /// then says it waits for the publisher there, instead of advising kioskctl import. Empty: filled by imports.
  void WaitForPublisher(std::string url) { m_publisher = std::move(url); }

 private:
  void Fail(StoreProblem kind, const std::string& problem, SteadyTime now);

  /// What identifies the file on disk: device, inode, size and modification time (all zero when it is missing).
  struct FileStamp {
    unsigned long long device = 0, inode = 0;
    long long size = 0, mtime_ns = 0;
    bool operator==(const FileStamp&) const = default;
  };
  FileStamp Stamp() const;

  std::filesystem::path m_path;
  std::unique_ptr<ScheduleStore> m_store;
  std::shared_ptr<const LoadedProgramme> m_current;
  std::int64_t m_data_version = -1;
  FileStamp m_stamp;  ///< of the file m_store opened
  std::string m_problem;
  StoreProblem m_problem_kind = StoreProblem::None;
  std::string m_publisher;  ///< WaitForPublisher's URL; empty: imports fill the store
  SteadyTime m_next_poll{};
};

}  // namespace kiosk::app
