// The kiosk's side of signed snapshots: poll the manifest, download, verify, and swap the snapshot into the local
// store while the screen keeps drawing. Failures keep the last good revision.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>
#include <stop_token>
#include <string>
#include <string_view>

#include "kiosk/core/Model.h"
#include "kiosk/sync/Fetcher.h"
#include "kiosk/sync/Keys.h"

namespace kiosk::sync {

/// What a SyncClient needs.
struct SyncOptions {
  std::string url;                                  ///< the manifest's URL, http:// or https://
  PublicKey public_key;                             ///< the only key whose manifests are accepted
  std::filesystem::path db;                         ///< the local schedule store (created when missing)
  FetchTimeouts timeouts;                           ///< per request: connect 3 s, total 15 s by default
  std::chrono::milliseconds poll_interval{2000};    ///< Run(): time between two polls
  std::uint64_t max_snapshot_bytes = 256ull << 20;  ///< a manifest announcing a larger snapshot is refused
};

enum class SyncOutcome { Updated, Unchanged, Failed };
/// "updated", "unchanged", "failed".
std::string_view ToString(SyncOutcome outcome);

/// What one pull did.
struct SyncResult {
  SyncOutcome outcome = SyncOutcome::Failed;
  std::int64_t revision = 0;         ///< the local store's revision afterwards (the one on screen; 0: none)
  std::string message;               ///< what happened; for Failed, the URL and the check that failed
  std::uint64_t bytes_received = 0;  ///< headers and bodies of this pull's requests, as libcurl counted them
};

/// What the screen shows about syncing; a copy, taken under the client's mutex.
struct SyncStatus {
  std::optional<Instant> last_attempt;  ///< UTC of the last pull's end
  std::optional<Instant> last_good;     ///< UTC of the last pull that ended Updated or Unchanged
  std::optional<SyncOutcome> last_outcome;
  std::int64_t revision = 0;  ///< the local store's revision after the last pull
  std::string last_error;     ///< the last failure's message; cleared by a good pull
  int failures_in_a_row = 0;
  std::uint64_t bytes_received = 0;  ///< over every pull so far
};

/// Pulls signed snapshots into a local store. PullOnce:
/// 1. GETs the manifest with If-None-Match / If-Modified-Since (304: Unchanged);
/// 2. verifies its Ed25519 signature with the trusted key before reading any field;
/// 3. refuses a schema newer than ScheduleStore::kSchemaVersion and a revision older than the local one (or than any
///    this client applied: a replayed manifest); the same revision is Unchanged;
/// 4. downloads the snapshot it names (relative to the manifest's URL, at most `size` bytes) into a temporary file
///    beside the store, checks size and SHA-256, then PRAGMA quick_check, user_version, no registrant tables, and
///    that it loads as a programme of that revision with at least one session (migrating it to this kiosk's schema);
/// 5. copies it into the local store with the SQLite backup API: one write transaction, so the store stays in WAL
///    mode, readers on other connections see the old revision or the new (PRAGMA data_version changes), and a crash
///    midway leaves the old revision.
/// Network and data problems never throw: they give Failed with a message and the store is left as it was.
/// One thread calls PullOnce or Run; any thread may call Status.
class SyncClient {
 public:
  /// Throws std::invalid_argument when the URL is not an http:// or https:// URL.
  explicit SyncClient(SyncOptions options);
  ~SyncClient();
  SyncClient(const SyncClient&) = delete;
  SyncClient& operator=(const SyncClient&) = delete;

  /// One poll, as described above; updates Status().
  SyncResult PullOnce();

  /// Polls every poll_interval until `stop` is requested (wakes at once when it is). Calls `on_result` after each
  /// pull; without one, each new failure message is written to stderr ("kiosk: sync: ...").
  void Run(std::stop_token stop, const std::function<void(const SyncResult&)>& on_result = {});

  /// A copy of the status, safe to call from the screen's thread.
  SyncStatus Status() const;

  const SyncOptions& Options() const { return m_options; }

 private:
  SyncResult Pull();
  std::int64_t LocalRevision() const;
  /// ".<store file name>.incoming-": the downloads' temporary files beside the store.
  std::string IncomingPrefix() const;

  SyncOptions m_options;
  Fetcher m_fetcher;
  std::string m_etag;                      ///< of the last manifest applied or found current
  std::string m_last_modified;             ///< likewise, kept only when strong (RFC 7232 section 2.2.2)
  std::int64_t m_validated_revision = -1;  ///< the local revision when the validators were kept
  std::int64_t m_highest_revision = 0;     ///< the highest revision this client applied or saw applied
  mutable std::mutex m_status_mutex;
  SyncStatus m_status;
};

}  // namespace kiosk::sync
