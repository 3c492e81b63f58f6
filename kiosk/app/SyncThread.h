// The kiosk's --sync thread: pulls signed snapshots into the local store in the background and tells the frame loop.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "kiosk/app/AppOptions.h"
#include "kiosk/ui/StaffStatus.h"

#include "kiosk/sync/SyncClient.h"

namespace kiosk::app {

/// What `kiosk --sync URL --pubkey FILE [--db PATH] [--sync-interval SECONDS]` asks for.
struct SyncSettings {
  std::string url;                           ///< the manifest's URL; one ending in '/' is a folder and gets "manifest"
  std::filesystem::path public_key;          ///< publisher.pub from `kioskctl keygen`
  std::filesystem::path store;               ///< the local schedule store the snapshots are swapped into
  std::chrono::milliseconds interval{2000};  ///< between the end of one poll and the start of the next
};

/// The --sync settings of `options`, swapping snapshots into `store`.
SyncSettings SyncSettingsFrom(const AppOptions& options, const std::filesystem::path& store);

/// Counters over the thread's life, for the headless kiosk's exit line and the sync benchmark.
struct SyncCounters {
  std::int64_t polls = 0, updated = 0, unchanged = 0, failed = 0;
  std::uint64_t bytes = 0;            ///< every request's headers and bodies (libcurl's count)
  std::uint64_t unchanged_bytes = 0;  ///< of the polls that found nothing new
};

/// Why the last pull failed, as the staff corner names it: a typed value that crosses from the sync thread to the
/// frame thread (the full message stays in the log).
struct SyncProblem {
  enum class Kind {
    None,          ///< the last pull was good (or none finished yet)
    ServerDown,    ///< "server down": cannot connect
    TimedOut,      ///< "timed out"
    Http,          ///< "HTTP <status>"
    BadSignature,  ///< "bad signature"
    WrongHash,     ///< "wrong hash": sha256 mismatch
    Truncated,     ///< "truncated download"
    Replayed,      ///< "old revision replayed": not newer than the store's
    BadSnapshot,   ///< "bad snapshot": not a valid schedule store
    NewerSchema,   ///< "newer schema"
    StoreLocked,   ///< "store locked": the local store or another puller holds it
    Other,         ///< "sync error"
  };
  Kind kind = Kind::None;
  int http_status = 0;  ///< with Http: the status, e.g. 404
  bool operator==(const SyncProblem&) const = default;
};

/// The staff corner's kind of a pull: None when it did not fail, else its sync::SyncFailure (set by sync::SyncClient
/// at the check that failed) with the HTTP status. Kinds without words of their own (not a manifest, a malformed
/// manifest, too large, the local store unreadable or not written, stopped, other) are Kind::Other, "sync error".
/// Reads no message text. What SyncThread and StaffAfterPull use.
SyncProblem ProblemOf(const sync::SyncResult& pulled);

/// The kind of a failed pull's logged `message`, sorted by substring. NOT used by the kiosk (ProblemOf reads the
/// typed sync::SyncFailure instead): kept only for the tests that assert the staff words of logged messages.
SyncProblem ClassifySyncFailure(const std::string& message);

/// The staff corner's words for `problem`: "server down", "timed out", "HTTP 404", "bad signature", "wrong hash",
/// "truncated download", "old revision replayed", "bad snapshot", "newer schema", "store locked", "sync error";
/// empty for Kind::None. Stable from poll to poll (no timings, no URL), so a failure that lasts does not redraw.
std::string ToString(const SyncProblem& problem);

/// ToString(ClassifySyncFailure(message)): the staff corner's words for a failed pull's message. NOT used by the
/// kiosk (see ClassifySyncFailure).
std::string SyncProblemKind(const std::string& message);

/// What a failed poll leaves on screen, for the log line: "keeping revision 6", or "no revision yet" when the
/// store held none (revision <= 0).
std::string KeptRevisionText(std::int64_t revision);

/// One pull now, on the caller's thread (kiosk --sync --screenshot renders what the server publishes). Never throws
/// for network or data problems (see SyncResult); throws std::runtime_error for a bad key file or URL.
sync::SyncResult PullOnceNow(const SyncSettings& settings);

/// What the staff corner and the waiting message show after the one pull of `kiosk --sync --screenshot`, as
/// SyncThread::Staff does for the live window: syncing, the failure's kind (ToString of ProblemOf(pulled)) when
/// it failed ("bad signature" for a manifest signed by another key), a last good sync just now when it did not.
ui::StaffStatus StaffAfterPull(const sync::SyncResult& pulled);

/// Runs sync::SyncClient::PullOnce every interval on its own thread. A failed poll is logged to stderr with a UTC
/// timestamp ("2026-07-08T08:20:01.123Z kiosk: sync failed: ...; keeping revision 6 (1 failed polls in a row)"),
/// the same failure again every 150 polls, and the recovery; the store is left as it was, so the screen keeps the
/// last good revision. After a poll that swapped a new revision in, `on_store_changed`
/// is called on the sync thread: it must be thread-safe and quick (glfwPostEmptyEvent, a write to a pipe).
class SyncThread {
 public:
  /// Reads the public key and starts the thread; the first poll starts at once.
  /// Throws std::runtime_error (a missing or malformed key file, a URL that is not http:// or https://).
  SyncThread(const SyncSettings& settings, std::function<void()> on_store_changed);
  /// Stops and joins (see Stop).
  ~SyncThread();
  SyncThread(const SyncThread&) = delete;
  SyncThread& operator=(const SyncThread&) = delete;

  /// Asks the thread to stop and joins it. A wait between polls ends at once; a poll in flight ends first: a
  /// transfer within about 1 s, a wait for the sync lock or a locked store within about 0.1 s (see
  /// sync::SyncClient::Run). Checks of a downloaded snapshot already under way run to their end. Idempotent.
  void Stop();

  /// True once after each poll that changed the store: the frame loop then polls its ProgrammeSource at once.
  bool TakeStoreChanged() { return m_store_changed.exchange(false); }

  /// What the staff corner shows now: syncing, the age of the last good poll, the last failure's kind
  /// (ToString of the typed SyncProblem the sync thread recorded; empty when the last poll was good). Safe from any
  /// thread; reads no message text.
  ui::StaffStatus Staff() const;

  SyncCounters Counters() const;

  /// The manifest URL polled (after adding "manifest" to a folder URL).
  const std::string& Url() const { return m_url; }

 private:
  std::string m_url;
  std::function<void()> m_on_store_changed;
  std::unique_ptr<sync::SyncClient> m_client;
  std::atomic<bool> m_store_changed{false};
  mutable std::mutex m_mutex;
  SyncCounters m_counters;
  SyncProblem m_problem;        ///< of the last pull; under m_mutex
  int m_failures_in_a_row = 0;  ///< sync thread only
  std::string m_last_failure;   ///< sync thread only
  std::jthread m_thread;        ///< last: started after everything it uses, stopped first
};

}  // namespace kiosk::app
