// Publishing: a consistent, self-contained copy of the schedule store plus its signed manifest, in a folder that any
// web server can serve.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "kiosk/sync/Keys.h"
#include "kiosk/sync/Manifest.h"

namespace kiosk::sync {

/// Publishing was refused or failed (no revision yet, registrant tables in the store, a missing output folder,
/// another publish holding the folder's lock, ...). Nothing was published: the folder still holds the previous
/// manifest and snapshot.
class PublishError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// The folder's manifest names a newer revision than the store holds (another organizer's store, or an old copy):
/// publishing would take every kiosk back, so it is refused unless PublishOptions::force.
class PublishConflict : public PublishError {
 public:
  using PublishError::PublishError;
};

/// How to publish.
struct PublishOptions {
  bool force = false;  ///< publish even when the folder's manifest names a newer revision (a deliberate step back)
  std::chrono::milliseconds lock_wait{30000};  ///< how long to wait for another publish into the same folder
  /// A snapshot larger than this (bytes) is refused (PublishError): kiosks refuse it. Lower only in tests.
  std::uint64_t max_snapshot_bytes = kMaxSnapshotBytes;
};

/// What Publish wrote.
struct PublishResult {
  std::int64_t revision = 0;           ///< the store's revision the snapshot holds
  int schema = 0;                      ///< the snapshot's PRAGMA user_version
  std::string file;                    ///< snapshot-<revision>-<first 8 hex of sha256>.db, in the output folder
  std::string sha256;                  ///< lowercase hex of the snapshot's bytes
  std::uint64_t size = 0;              ///< bytes
  std::filesystem::path manifest;      ///< out_dir/manifest
  std::vector<std::string> removed;    ///< snapshot files of older revisions deleted from the folder
  std::int64_t replaced_revision = 0;  ///< the revision the folder's previous manifest named (0: none)
};

/// The lock file Publish holds (flock) in the output folder for the whole publish: two publishes into one folder run
/// one after the other. Hidden, so `kioskctl serve` never serves it.
constexpr const char* kPublishLockFileName = ".publish.lock";

/// Publishes the schedule store at `db` into `out_dir` (which must exist), signed with `key`:
/// 1. takes an exclusive flock on out_dir/.publish.lock for the whole publish (waiting up to options.lock_wait), and
///    removes the temporary files of publishes killed midway;
/// 2. copies the store with the SQLite online backup API (one read transaction: consistent while an import runs) into
///    a hidden temporary file in `out_dir` (".snapshot-*.tmp", never served, removed on every failure), set to
///    journal_mode=DELETE so the snapshot is one self-contained file;
/// 3. refuses a copy that holds registrant or check-in tables (see ForbiddenTables);
/// 4. keeps only what screens need (each step skipped when its table or column is absent, as in a schema 1 store):
///    the `bases` row of the current revision (older revisions' base_id set to NULL), '[]' as older revisions'
///    `changes`, their kind as older revisions' `summary` and '' as their `warnings` (an announce revision's summary
///    quotes its text), "clear #N" as the summary of a clear revision, no cleared announcement, and each
///    revisions.source_name cut to its file name (the folders it named removed from warnings and summary too);
///    then page_size=4096 and VACUUM, so no deleted byte remains and every kiosk's WAL store (4096-byte pages) can
///    take it with the backup API;
/// 5. refuses a copy larger than options.max_snapshot_bytes (kMaxSnapshotBytes: what kiosks take), saying its size,
///    its sessions and the bytes of its current revision's warnings, and one that fails quick_check or has no
///    revision or no session, and (PublishConflict) one whose
///    revision is older than the revision the folder's manifest names, unless options.force;
/// 6. renames it to snapshot-<revision>-<sha8>.db (mode 0644), then writes `manifest` atomically, last, so a kiosk
///    never sees a manifest naming a missing file;
/// 7. keeps the snapshot the previous manifest named (a kiosk may be downloading it) and deletes older ones.
/// Throws StoreError (store missing, newer schema, unreadable), PublishError (PublishConflict), std::system_error
/// (I/O).
PublishResult Publish(const std::filesystem::path& db, const SecretKey& key, const std::filesystem::path& out_dir,
                      const PublishOptions& options = {});

}  // namespace kiosk::sync
