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
#include "kiosk/sync/Manifest.h"

namespace kiosk::sync {

/// The manifest's URL for the URL a person gives: a folder's URL (no path, or a path ending in '/':
/// "http://host:8080", "http://host:8080/", "http://host/kiosk/") names the `manifest` in it (kManifestFileName);
/// any other URL is the manifest's own, unchanged. Throws std::invalid_argument for anything but a valid http:// or
/// https:// URL.
std::string ManifestUrl(const std::string& url);

/// What a SyncClient needs.
struct SyncOptions {
  std::string url;           ///< the manifest's URL, http:// or https://, or its folder's (see ManifestUrl)
  PublicKey public_key;      ///< the only key whose manifests are accepted
  std::filesystem::path db;  ///< the local schedule store (created when missing)
  /// Manifest: connect 3 s, total 15 s. Snapshot: aborted below 1 KiB/s for 10 s, 1 h at most.
  FetchTimeouts timeouts;
  std::chrono::milliseconds poll_interval{2000};         ///< Run(): time between two polls
  std::uint64_t max_snapshot_bytes = kMaxSnapshotBytes;  ///< a manifest announcing a larger snapshot is refused
  /// Every Nth poll is unconditional (no If-None-Match / If-Modified-Since): it fetches and verifies the signed
  /// manifest, which is what SyncStatus::last_good counts, so a healthy server keeps the age of the last good sync
  /// under N polls (about 30 s with 15 and the 2 s default) while one answering only 304 lets it grow. 1: every
  /// poll is unconditional; 0: only when no validator is kept (the age then grows while nothing is published).
  int unconditional_poll_every = 15;
  /// How long a pull waits for another puller's lock on "<db>.sync-lock" (see PullOnce step 5). Under Run(), this
  /// wait and the swap's wait for a locked store end within about 0.1 s of a stop request (the pull then fails).
  std::chrono::milliseconds lock_wait{10000};
};

enum class SyncOutcome { Updated, Unchanged, Failed };
/// "updated", "unchanged", "failed".
std::string_view ToString(SyncOutcome outcome);

/// Why a pull failed: set at the check that failed (SyncClient::Pull), so the screen's thread reads a typed value and
/// never sorts the message. The message says the rest (URL, figures, the library's words).
enum class SyncFailure {
  None,             ///< the pull did not fail
  Unreachable,      ///< cannot connect: refused, unreachable, unknown host (FetchError::Kind::Connect)
  Timeout,          ///< a total timeout, or a bulk download below the low-speed limit (FetchError::Kind::Timeout)
  HttpStatus,       ///< an HTTP status other than 200 (or 304 to a conditional request): SyncResult::http_status
  NotAManifest,     ///< the manifest's URL served something else: a page, a listing, an empty body
  BadManifest,      ///< a manifest whose lines or fields break the format
  BadSignature,     ///< no signature, or one that does not verify with the trusted key
  NewerSchema,      ///< the manifest's schema, or the local store's, is newer than this kiosk's
  OldRevision,      ///< the manifest's revision is older than the store's or one applied before (replayed)
  TooLarge,         ///< more bytes than allowed: the manifest's announced size, or a body beyond its cap
  Truncated,        ///< fewer bytes than announced: a cut connection, a short snapshot, a manifest without its line end
  HashMismatch,     ///< the snapshot's SHA-256 is not the one the signed manifest gives
  BadSnapshot,      ///< the snapshot is not a valid schedule store (quick_check, user_version, tables, revision)
  StoreLocked,      ///< another puller's lock or a connection held the local store past the wait
  StoreUnreadable,  ///< the local store could not be read (I/O, not a corrupt file: that one is replaced)
  StoreWriteFailed,  ///< the download or the swap could not be written, or the store did not hold the new revision
                     ///< after
  Stopped,           ///< the stop request ended the pull (SyncClient::Run)
  Other,             ///< anything else: a bad snapshot URL, an unexpected exception
};

/// What one pull did.
struct SyncResult {
  SyncOutcome outcome = SyncOutcome::Failed;
  std::int64_t revision = 0;         ///< the local store's revision afterwards (the one on screen; 0: none)
  std::string message;               ///< what happened; for Failed, the URL and the check that failed
  std::uint64_t bytes_received = 0;  ///< headers and bodies of this pull's requests, as libcurl counted them
  /// A signed manifest was fetched (200, not 304) and verified with the trusted key during this pull.
  bool manifest_verified = false;
  /// The store's file was replaced by a new one (a corrupt local store) instead of written in place: connections
  /// open on the old file keep the old content until they reopen it.
  bool file_replaced = false;
  SyncFailure failure = SyncFailure::None;  ///< why it failed: None unless outcome is Failed
  long http_status = 0;                     ///< with SyncFailure::HttpStatus: the response's status, e.g. 404
};

/// What the screen shows about syncing; a copy, taken under the client's mutex.
struct SyncStatus {
  std::optional<Instant> last_attempt;  ///< UTC of the last pull's end
  /// UTC of the end of the last pull that fetched and verified a signed manifest and ended Updated or Unchanged:
  /// a 304 Not Modified does not count (see SyncClient on what its age tells staff).
  std::optional<Instant> last_good;
  /// UTC of the end of the last pull that ended Updated or Unchanged, a 304 included (the server answered).
  std::optional<Instant> last_answer;
  std::optional<SyncOutcome> last_outcome;
  std::int64_t revision = 0;  ///< the local store's revision after the last pull
  std::string last_error;     ///< the last failure's message; cleared by a good pull
  int failures_in_a_row = 0;
  std::uint64_t bytes_received = 0;  ///< over every pull so far
};

/// Pulls signed snapshots into a local store. PullOnce:
/// 1. GETs the manifest with If-None-Match / If-Modified-Since (304: Unchanged), except every
///    unconditional_poll_every-th poll, which sends neither;
/// 2. verifies its Ed25519 signature with the trusted key before reading any field;
/// 3. refuses a schema newer than ScheduleStore::kSchemaVersion and a revision older than the local one (or than any
///    this client applied: a replayed manifest); the same revision is Unchanged;
/// 4. downloads the snapshot it names (relative to the manifest's URL, at most `size` bytes, aborted when it stalls)
///    into a temporary file beside the store, checks size and SHA-256, then PRAGMA quick_check, user_version, no
///    registrant tables, and that it loads as a programme of that revision with at least one session (migrating it
///    to this kiosk's schema);
/// 5. under an exclusive flock on "<db>.sync-lock" (two pullers on one store, a kiosk and `kioskctl pull`, take turns),
///    reads the local revision again and copies the snapshot into the local store with the SQLite backup API: one
///    write transaction, so the store stays in WAL mode, readers on other connections see the old revision or the
///    new (PRAGMA data_version changes), and a crash midway leaves the old revision. A snapshot whose page size
///    differs from the store's is first rewritten with the store's (VACUUM), as the backup API cannot change the
///    page size of a WAL database.
/// A local store that is not a database (or is corrupt) counts as revision 0 and, once a snapshot passed every
/// check, is replaced by it as a whole file (ReplaceDatabaseFile: WAL mode, the old -wal/-shm removed, one rename);
/// the result's message says so and file_replaced is set.
/// Network and data problems never throw: they give Failed with a message and a SyncFailure, and the store is left as
/// it was.
/// One thread calls PullOnce or Run; any thread may call Status.
///
/// What the staff's "age of the last good sync" (SyncStatus::last_good) tells, and what it cannot:
/// - it grows when the server stops answering, answers with errors, serves a manifest that does not verify, or
///   answers 304 even to the unconditional polls (a cache or a man in the middle pinning the kiosk): a healthy server
///   keeps it below unconditional_poll_every polls;
/// - a man in the middle who replays the current signed manifest (and snapshot) keeps it small while holding the
///   kiosk on its current revision: the manifest carries no expiry, so a genuine but stale manifest cannot be told
///   from a fresh one. Known limitation (README); the revision on screen is the check (staff compare it with the
///   organizers' `kioskctl log`).
class SyncClient {
 public:
  /// Throws std::invalid_argument when the URL is not an http:// or https:// URL.
  explicit SyncClient(SyncOptions options);
  ~SyncClient();
  SyncClient(const SyncClient&) = delete;
  SyncClient& operator=(const SyncClient&) = delete;

  /// One poll, as described above; updates Status().
  SyncResult PullOnce();

  /// Polls every poll_interval until `stop` is requested (wakes at once when it is; a download in flight ends
  /// within about a second, a wait for the sync lock or a locked store within about 0.1 s, as Failed). Calls
  /// `on_result` after each pull; without one, each new failure message is written to stderr ("kiosk: sync: ...").
  void Run(std::stop_token stop, const std::function<void(const SyncResult&)>& on_result = {});

  /// A copy of the status, safe to call from the screen's thread.
  SyncStatus Status() const;

  const SyncOptions& Options() const { return m_options; }

 private:
  SyncResult Pull();
  std::int64_t LocalRevision() const;
  /// Copies the verified snapshot at `incoming` into the store (step 5); the caller holds the sync lock.
  /// Throws on failure (the store is then left as it was).
  void SwapIn(const std::filesystem::path& incoming);
  /// ".<store file name>.incoming-": the downloads' temporary files beside the store.
  std::string IncomingPrefix() const;

  SyncOptions m_options;
  Fetcher m_fetcher;
  std::string m_etag;                      ///< of the last manifest applied or found current
  std::string m_last_modified;             ///< likewise, kept only when strong (RFC 7232 section 2.2.2)
  std::int64_t m_validated_revision = -1;  ///< the local revision when the validators were kept
  std::int64_t m_highest_revision = 0;     ///< the highest revision this client applied or saw applied
  int m_conditional_polls = 0;             ///< conditional polls since the last verified manifest
  std::stop_token m_stop;                  ///< Run()'s, so a download in flight ends when it is stopped
  mutable std::mutex m_status_mutex;
  SyncStatus m_status;
};

}  // namespace kiosk::sync
