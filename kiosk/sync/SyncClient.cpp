// The sync client: manifest poll, signature and replay checks, download, snapshot checks, locked backup-API swap.
#include "kiosk/sync/SyncClient.h"

#include <SQLiteCpp/SQLiteCpp.h>
#include <sqlite3.h>

#include <algorithm>
#include <condition_variable>
#include <cstdio>
#include <fstream>
#include <stdexcept>
#include <system_error>

#include "kiosk/store/ScheduleStore.h"
#include "kiosk/sync/Files.h"
#include "kiosk/sync/Manifest.h"
#include "kiosk/sync/Snapshot.h"

namespace kiosk::sync {
namespace {

constexpr int kBusyTimeoutMs = 5000;
constexpr std::chrono::milliseconds kSwapWait{10000};
constexpr std::chrono::seconds kStaleAge{600};  ///< downloads older than this were left by a killed kiosk
/// The lock and swap waits look at the stop request this often, so a kiosk closing mid-swap is not held ~10 s.
constexpr std::chrono::milliseconds kStopCheck{100};

/// CopyDatabaseUnlessStopped gave up on a locked store because the stop request came.
class StoppedWhileLocked : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// CopyDatabase retried in kStopCheck steps for up to `wait`; gives up early when `stop` is requested.
/// Throws as CopyDatabase does (DatabaseLocked after `wait`), or StoppedWhileLocked when stopped.
void CopyDatabaseUnlessStopped(SQLite::Database& source, SQLite::Database& destination, std::chrono::milliseconds wait,
                               const std::stop_token& stop) {
  const auto deadline = std::chrono::steady_clock::now() + wait;
  for (;;) {
    try {
      CopyDatabase(source, destination, kStopCheck);
      return;
    } catch (const DatabaseLocked&) {
      // Still locked after kStopCheck.
      if (std::chrono::steady_clock::now() >= deadline) {
        throw DatabaseLocked("database locked for more than " + std::to_string(wait.count()) + " ms");
      }
      if (stop.stop_requested()) throw StoppedWhileLocked("stopped while the store was locked");
    }
  }
}

/// The kind of a failed transfer, as FetchError gives it.
SyncFailure FailureOf(const FetchError& error, bool stopped) {
  switch (error.GetKind()) {
    case FetchError::Kind::Connect:
      return SyncFailure::Unreachable;
    case FetchError::Kind::Timeout:
      return SyncFailure::Timeout;
    case FetchError::Kind::Truncated:
      return SyncFailure::Truncated;
    case FetchError::Kind::TooLarge:
      return SyncFailure::TooLarge;
    case FetchError::Kind::Other:
      break;
  }
  return stopped ? SyncFailure::Stopped : SyncFailure::Other;
}

/// The kind of a refused manifest, as ManifestError gives it.
SyncFailure FailureOf(const ManifestError& error) {
  switch (error.GetKind()) {
    case ManifestError::Kind::NotAManifest:
      return SyncFailure::NotAManifest;
    case ManifestError::Kind::Truncated:
      return SyncFailure::Truncated;
    case ManifestError::Kind::BadSignature:
      return SyncFailure::BadSignature;
    case ManifestError::Kind::Malformed:
      break;
  }
  return SyncFailure::BadManifest;
}

/// SQLITE_BUSY or SQLITE_LOCKED (primary codes): another connection held the database past the busy timeout.
bool IsLocked(const SQLite::Exception& error) {
  const int code = error.getErrorCode() & 0xff;
  return code == SQLITE_BUSY || code == SQLITE_LOCKED;
}

Instant Now() { return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now()); }

std::string HttpStatusText(const std::string& url, long status) {
  std::string text = url + ": HTTP " + std::to_string(status);
  if (status == 304) text += " (not modified, to a request that named no version: a broken cache or proxy?)";
  if (status == 404) text += " (not found: nothing published at this URL?)";
  if (status >= 500) text += " (server error)";
  return text;
}

}  // namespace

std::string_view ToString(SyncOutcome outcome) {
  switch (outcome) {
    case SyncOutcome::Updated:
      return "updated";
    case SyncOutcome::Unchanged:
      return "unchanged";
    case SyncOutcome::Failed:
      break;
  }
  return "failed";
}

std::string ManifestUrl(const std::string& url) {
  if (url.rfind("http://", 0) != 0 && url.rfind("https://", 0) != 0) {
    throw std::invalid_argument("not an http:// or https:// URL: '" + url + "'");
  }
  try {
    const std::string resolved = Fetcher::Resolve(url, kManifestFileName);
    const std::size_t authority = url.find("://") + 3;
    const std::size_t path = url.find_first_of("/?#", authority);
    const std::size_t path_end = url.find_first_of("?#", authority);
    const bool folder = path == std::string::npos || url[path] != '/' ||
                        url[(path_end == std::string::npos ? url.size() : path_end) - 1] == '/';
    return folder ? resolved : url;
  } catch (const FetchError& error) {
    throw std::invalid_argument(error.what());
  }
}

SyncClient::SyncClient(SyncOptions options) : m_options(std::move(options)), m_fetcher(m_options.timeouts) {
  m_options.url = ManifestUrl(m_options.url);
  // Downloads of a kiosk killed midway; a live puller's own file is seconds old.
  const std::filesystem::path folder = m_options.db.parent_path();
  RemoveStaleTempFiles(folder.empty() ? std::filesystem::path(".") : folder, IncomingPrefix(), kStaleAge);
}

std::string SyncClient::IncomingPrefix() const { return "." + m_options.db.filename().string() + ".incoming-"; }

SyncClient::~SyncClient() = default;

std::int64_t SyncClient::LocalRevision() const {
  std::error_code ec;
  if (!std::filesystem::exists(m_options.db, ec)) return 0;
  ScheduleStore store(m_options.db, ScheduleStore::Mode::ReadOnly);
  std::vector<RevisionInfo> revisions = store.Revisions();
  return revisions.empty() ? 0 : revisions.back().number;
}

SyncResult SyncClient::PullOnce() {
  SyncResult result;
  try {
    result = Pull();
  } catch (const std::exception& error) {
    // Pull turns every expected problem into Failed; this is the net under the unexpected (out of memory, disk full).
    result.outcome = SyncOutcome::Failed;
    result.message = m_options.url + ": " + error.what();
    result.failure = SyncFailure::Other;
    result.http_status = 0;
  }
  std::lock_guard lock(m_status_mutex);
  const Instant now = Now();
  m_status.last_attempt = now;
  m_status.last_outcome = result.outcome;
  m_status.bytes_received += result.bytes_received;
  if (result.outcome == SyncOutcome::Failed) {
    m_status.last_error = result.message;
    ++m_status.failures_in_a_row;
  } else {
    // A 304 says only that the server (or whoever answers for it) claims nothing changed: not a good sync.
    if (result.manifest_verified) m_status.last_good = now;
    m_status.last_answer = now;
    m_status.last_error.clear();
    m_status.failures_in_a_row = 0;
  }
  if (result.revision > 0 || result.outcome != SyncOutcome::Failed) m_status.revision = result.revision;
  return result;
}

SyncResult SyncClient::Pull() {
  const std::string& url = m_options.url;
  SyncResult result;
  // Every failure names its kind where it is found.
  auto failed = [&](SyncFailure failure, std::string message) {
    result.outcome = SyncOutcome::Failed;
    result.failure = failure;
    result.message = std::move(message);
    return result;
  };
  auto http_failed = [&](const std::string& from, long status) {
    result.http_status = status;
    return failed(SyncFailure::HttpStatus, HttpStatusText(from, status));
  };

  // A local store that is not a database (or is corrupt) counts as revision 0: the next good snapshot replaces it.
  // Any other problem (a newer schema, I/O) fails the pull and leaves the store alone.
  std::string unreadable, store_problem;
  SyncFailure store_failure = SyncFailure::StoreUnreadable;
  auto read_local = [&](std::int64_t& revision) {
    unreadable.clear();
    try {
      revision = LocalRevision();
      return true;
    } catch (const StoreError& error) {
      if (error.GetKind() != StoreError::Kind::Corrupt) {
        store_problem = std::string("local store: ") + error.what();
        store_failure =
            error.GetKind() == StoreError::Kind::NewerSchema ? SyncFailure::NewerSchema : SyncFailure::StoreUnreadable;
        return false;
      }
      unreadable = error.what();
      revision = 0;
      return true;
    }
  };
  std::int64_t local = 0;
  if (!read_local(local)) return failed(store_failure, store_problem);
  result.revision = local;
  m_highest_revision = std::max(m_highest_revision, local);
  if (local != m_validated_revision || !unreadable.empty()) {
    // The store changed behind us (or this is the first poll): the validators no longer describe what it holds.
    m_etag.clear();
    m_last_modified.clear();
  }

  // 1. The manifest, conditionally except every Nth poll: only a verified manifest counts as a good sync, so a
  // server (or a man in the middle) answering 304 forever cannot hide from the staff's age of the last good sync.
  const int every = m_options.unconditional_poll_every;
  bool conditional = !m_etag.empty() || !m_last_modified.empty();
  if (conditional && every > 0 && m_conditional_polls + 1 >= every) conditional = false;
  FetchResponse manifest_response;
  try {
    FetchRequest request{url, "", "", kMaxManifestBytes};
    if (conditional) {
      request.if_none_match = m_etag;
      request.if_modified_since = m_last_modified;
      ++m_conditional_polls;
    }
    request.stop = m_stop;
    manifest_response = m_fetcher.Get(request);
  } catch (const FetchError& error) {
    return failed(FailureOf(error, m_stop.stop_requested()), error.what());
  }
  result.bytes_received += manifest_response.bytes_received;
  if (manifest_response.status == 304 && conditional) {
    result.outcome = SyncOutcome::Unchanged;
    result.message = "revision " + std::to_string(local) + " is current (" + url + " not modified)";
    return result;
  }
  if (manifest_response.status != 200) return http_failed(url, manifest_response.status);

  // 2. Signature first, then the fields.
  Manifest manifest;
  try {
    manifest = VerifyManifest(manifest_response.body, m_options.public_key, url);
  } catch (const ManifestError& error) {
    return failed(FailureOf(error), error.what());
  }
  result.manifest_verified = true;
  m_conditional_polls = 0;
  auto keep_validators = [&](std::int64_t revision) {
    m_etag = manifest_response.etag;
    // A Last-Modified less than a second before the response's Date may change again within that second unseen
    // (RFC 7232 section 2.2.2): such a weak one is not used for If-Modified-Since.
    const std::int64_t modified = Fetcher::ParseHttpDate(manifest_response.last_modified);
    const std::int64_t date = Fetcher::ParseHttpDate(manifest_response.date);
    m_last_modified = (modified >= 0 && date >= 0 && modified < date) ? manifest_response.last_modified : "";
    m_validated_revision = revision;
  };

  // 3. Schema and revision.
  if (manifest.schema > ScheduleStore::kSchemaVersion) {
    return failed(SyncFailure::NewerSchema,
                  url + ": the snapshot's schema " + std::to_string(manifest.schema) + " is newer than this kiosk's " +
                      std::to_string(ScheduleStore::kSchemaVersion) +
                      " (update the kiosk software); keeping revision " + std::to_string(local));
  }
  if (manifest.revision == local) {
    keep_validators(local);
    result.outcome = SyncOutcome::Unchanged;
    result.message = "revision " + std::to_string(local) + " is current";
    return result;
  }
  // An unreadable store holds nothing to protect: the revision it held is only a floor when this client applied it.
  const std::int64_t floor = std::max(local, m_highest_revision);
  if (manifest.revision < floor) {
    return failed(SyncFailure::OldRevision, url + ": revision " + std::to_string(manifest.revision) +
                                                " is not newer than " + std::to_string(floor) +
                                                " (an older manifest replayed, or a stale mirror); keeping revision " +
                                                std::to_string(local));
  }
  if (manifest.size > m_options.max_snapshot_bytes) {
    return failed(SyncFailure::TooLarge, url + ": the snapshot's " + std::to_string(manifest.size) +
                                             " bytes exceed the " + std::to_string(m_options.max_snapshot_bytes) +
                                             " allowed");
  }

  // 4. The snapshot: size and hash, then SQLite's own checks on a temporary copy beside the store.
  std::string snapshot_url;
  FetchResponse snapshot;
  try {
    snapshot_url = Fetcher::Resolve(manifest_response.effective_url, manifest.file);
    FetchRequest request{snapshot_url, "", "", manifest.size};
    request.bulk = true;
    request.stop = m_stop;
    snapshot = m_fetcher.Get(request);
  } catch (const FetchError& error) {
    return failed(FailureOf(error, m_stop.stop_requested()), error.what());
  }
  result.bytes_received += snapshot.bytes_received;
  if (snapshot.status != 200) return http_failed(snapshot_url, snapshot.status);
  if (snapshot.body.size() != manifest.size) {
    return failed(SyncFailure::Truncated,
                  snapshot_url + ": truncated download: " + std::to_string(snapshot.body.size()) + " of the " +
                      std::to_string(manifest.size) + " bytes the manifest announces");
  }
  if (std::string sha256 = Sha256Hex(snapshot.body); sha256 != manifest.sha256) {
    return failed(SyncFailure::HashMismatch, snapshot_url + ": sha256 mismatch: the signed manifest says " +
                                                 manifest.sha256 + ", the download is " + sha256);
  }

  std::filesystem::path folder = m_options.db.parent_path();
  if (folder.empty()) folder = ".";
  std::error_code ec;
  std::filesystem::create_directories(folder, ec);
  TempFile incoming(folder, IncomingPrefix(), "");
  {
    std::ofstream out(incoming.Path(), std::ios::binary | std::ios::trunc);
    out.write(snapshot.body.data(), static_cast<std::streamsize>(snapshot.body.size()));
    out.close();
    if (!out)
      return failed(SyncFailure::StoreWriteFailed,
                    "cannot write the downloaded snapshot to " + incoming.Path().string());
  }
  snapshot.body.clear();
  snapshot.body.shrink_to_fit();

  const std::string invalid = snapshot_url + ": not a valid schedule store: ";
  try {
    SQLite::Database check(incoming.Path(), SQLite::OPEN_READONLY);
    if (std::string problem = QuickCheck(check); !problem.empty())
      return failed(SyncFailure::BadSnapshot, invalid + "quick_check: " + problem);
    if (int version = UserVersion(check); version != manifest.schema) {
      return failed(SyncFailure::BadSnapshot, invalid + "schema " + std::to_string(version) + ", the manifest says " +
                                                  std::to_string(manifest.schema));
    }
    if (!ForbiddenTables(check).empty())
      return failed(SyncFailure::BadSnapshot, invalid + "it holds registrant or check-in tables");
  } catch (const SQLite::Exception& error) {
    return failed(SyncFailure::BadSnapshot, invalid + error.what());
  }
  try {
    // Opening for writing migrates an older schema to this kiosk's, so the swap brings the store straight to it.
    ScheduleStore check(incoming.Path(), ScheduleStore::Mode::ReadWrite);
    std::optional<LoadedProgramme> loaded = check.Load();
    if (!loaded) return failed(SyncFailure::BadSnapshot, invalid + "no revision in it");
    if (loaded->revision.number != manifest.revision) {
      return failed(SyncFailure::BadSnapshot, invalid + "it holds revision " + std::to_string(loaded->revision.number) +
                                                  ", the manifest says " + std::to_string(manifest.revision));
    }
    if (loaded->programme.sessions.empty())
      return failed(SyncFailure::BadSnapshot, invalid + "its programme has no session");
  } catch (const StoreError& error) {
    return failed(SyncFailure::BadSnapshot, invalid + error.what());
  }

  // 5. The swap, under the store's sync lock. Look again first: another puller (kioskctl pull beside the kiosk) may
  // have got there meanwhile.
  // Waited for in kStopCheck steps, so a stop request (the kiosk closing) ends the wait within about 0.1 s.
  std::optional<FileLock> lock;
  const auto lock_deadline = std::chrono::steady_clock::now() + m_options.lock_wait;
  while (!lock) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(lock_deadline - std::chrono::steady_clock::now());
    try {
      lock.emplace(m_options.db.string() + ".sync-lock", std::clamp(left, std::chrono::milliseconds{0}, kStopCheck));
    } catch (const std::system_error& error) {
      const bool held = error.code() == std::errc::operation_would_block;
      if (held && m_stop.stop_requested()) {
        return failed(SyncFailure::StoreLocked, "stopped while waiting for another puller's lock on " +
                                                    m_options.db.string() + "; keeping revision " +
                                                    std::to_string(local));
      }
      if (!held || std::chrono::steady_clock::now() >= lock_deadline) {
        return failed(SyncFailure::StoreLocked,
                      "cannot swap revision " + std::to_string(manifest.revision) + " into " + m_options.db.string() +
                          ": another puller holds it: " +
                          (held ? "still locked after " + std::to_string(m_options.lock_wait.count()) + " ms"
                                : std::string(error.what())) +
                          "; keeping revision " + std::to_string(local));
      }
    }
  }
  if (!read_local(local)) return failed(store_failure, store_problem);
  result.revision = local;
  if (local >= manifest.revision) {
    if (local == manifest.revision) keep_validators(local);
    result.outcome = local == manifest.revision ? SyncOutcome::Unchanged : SyncOutcome::Failed;
    result.message = "revision " + std::to_string(local) + " is current";
    if (local > manifest.revision) {
      result.failure = SyncFailure::OldRevision;
      result.message = url + ": revision " + std::to_string(manifest.revision) + " is not newer than " +
                       std::to_string(local) + "; keeping revision " + std::to_string(local);
    }
    return result;
  }
  std::string replaced;
  try {
    if (!unreadable.empty()) {
      ReplaceDatabaseFile(incoming.Path(), m_options.db);
      incoming.Release();
      result.file_replaced = true;
      replaced = "; replaced the unreadable local store " + m_options.db.string() + " (" + unreadable + ")";
    } else {
      SwapIn(incoming.Path());
    }
  } catch (const std::exception& error) {
    // Locked past the wait (or stopped while locked) is the store's lock; anything else is a failed write.
    const auto* sqlite = dynamic_cast<const SQLite::Exception*>(&error);
    const bool locked = dynamic_cast<const DatabaseLocked*>(&error) ||
                        dynamic_cast<const StoppedWhileLocked*>(&error) || (sqlite && IsLocked(*sqlite));
    return failed(locked ? SyncFailure::StoreLocked : SyncFailure::StoreWriteFailed,
                  "cannot swap revision " + std::to_string(manifest.revision) + " into " + m_options.db.string() +
                      ": " + error.what() + "; keeping revision " + std::to_string(local));
  }

  try {
    ScheduleStore after(m_options.db, ScheduleStore::Mode::ReadOnly);
    std::optional<LoadedProgramme> loaded = after.Load();
    result.revision = loaded ? loaded->revision.number : 0;
    if (result.revision != manifest.revision) {
      return failed(SyncFailure::StoreWriteFailed, "after the swap " + m_options.db.string() + " holds revision " +
                                                       std::to_string(result.revision) + ", not " +
                                                       std::to_string(manifest.revision));
    }
    m_highest_revision = std::max(m_highest_revision, manifest.revision);
    keep_validators(manifest.revision);
    result.outcome = SyncOutcome::Updated;
    result.message = "revision " + std::to_string(manifest.revision) + " from " + url + " (" +
                     std::to_string(loaded->programme.sessions.size()) + " sessions, " +
                     std::to_string(result.bytes_received) + " bytes received)" + replaced;
    return result;
  } catch (const StoreError& error) {
    return failed(SyncFailure::StoreWriteFailed, std::string("after the swap: ") + error.what());
  }
}

void SyncClient::SwapIn(const std::filesystem::path& incoming) {
  std::error_code ec;
  // A new store gets the schema and WAL mode first, so the copy lands in a WAL database like any later one.
  if (!std::filesystem::exists(m_options.db, ec)) ScheduleStore create(m_options.db, ScheduleStore::Mode::ReadWrite);
  int page_size = 0;
  {
    SQLite::Database destination(m_options.db, SQLite::OPEN_READONLY, kBusyTimeoutMs);
    page_size = PageSize(destination);
  }
  {
    SQLite::Database source(incoming, SQLite::OPEN_READONLY, kBusyTimeoutMs);
    if (PageSize(source) == page_size) page_size = 0;
  }
  // The backup API cannot change a WAL store's page size (SQLITE_READONLY): give the copy the store's instead.
  if (page_size > 0) RewriteWithPageSize(incoming, page_size);
  SQLite::Database source(incoming, SQLite::OPEN_READONLY, kBusyTimeoutMs);
  SQLite::Database destination(m_options.db, SQLite::OPEN_READWRITE, kBusyTimeoutMs);
  if (JournalMode(destination) != "wal") destination.exec("PRAGMA journal_mode=WAL");
  // Short busy waits inside each step, so the stop request is looked at every kStopCheck.
  destination.setBusyTimeout(static_cast<int>(kStopCheck.count()));
  CopyDatabaseUnlessStopped(source, destination, kSwapWait, m_stop);
}

void SyncClient::Run(std::stop_token stop, const std::function<void(const SyncResult&)>& on_result) {
  m_stop = stop;
  std::mutex mutex;
  std::condition_variable_any wake;
  std::string last_logged;
  while (!stop.stop_requested()) {
    SyncResult result = PullOnce();
    if (on_result) {
      on_result(result);
    } else if (result.outcome == SyncOutcome::Failed && result.message != last_logged) {
      std::fprintf(stderr, "kiosk: sync: %s\n", result.message.c_str());
      last_logged = result.message;
    } else if (result.outcome != SyncOutcome::Failed) {
      if (result.outcome == SyncOutcome::Updated) std::fprintf(stderr, "kiosk: sync: %s\n", result.message.c_str());
      last_logged.clear();
    }
    std::unique_lock lock(mutex);
    wake.wait_for(lock, stop, m_options.poll_interval, [] { return false; });
  }
  m_stop = {};
}

SyncStatus SyncClient::Status() const {
  std::lock_guard lock(m_status_mutex);
  return m_status;
}

}  // namespace kiosk::sync
