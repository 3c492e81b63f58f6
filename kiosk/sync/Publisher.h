// Publishing: a consistent, self-contained copy of the schedule store plus its signed manifest, in a folder that any
// web server can serve.
#pragma once

#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "kiosk/sync/Keys.h"

namespace kiosk::sync {

/// Publishing was refused or failed (no revision yet, registrant tables in the store, a missing output folder, ...).
/// Nothing was published: the folder still holds the previous manifest and snapshot.
class PublishError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// What Publish wrote.
struct PublishResult {
  std::int64_t revision = 0;         ///< the store's revision the snapshot holds
  int schema = 0;                    ///< the snapshot's PRAGMA user_version
  std::string file;                  ///< snapshot-<revision>-<first 8 hex of sha256>.db, in the output folder
  std::string sha256;                ///< lowercase hex of the snapshot's bytes
  std::uint64_t size = 0;            ///< bytes
  std::filesystem::path manifest;    ///< out_dir/manifest
  std::vector<std::string> removed;  ///< snapshot files of older revisions deleted from the folder
};

/// Publishes the schedule store at `db` into `out_dir` (which must exist), signed with `key`:
/// 1. copies the store with the SQLite online backup API (one read transaction: consistent while an import runs) into
///    a temporary file in `out_dir`, set to journal_mode=DELETE so the snapshot is one self-contained file;
/// 2. refuses a copy that holds registrant or check-in tables (see ForbiddenTables), fails quick_check or has no
///    revision or no session;
/// 3. renames it to snapshot-<revision>-<sha8>.db (mode 0644), then writes `manifest` atomically, last, so a kiosk
///    never sees a manifest naming a missing file;
/// 4. keeps the snapshot the previous manifest named (a kiosk may be downloading it) and deletes older ones.
/// Throws StoreError (store missing, newer schema, unreadable), PublishError, std::system_error (I/O).
PublishResult Publish(const std::filesystem::path& db, const SecretKey& key, const std::filesystem::path& out_dir);

}  // namespace kiosk::sync
