// "The store file was replaced behind SQLite's back": what identifies a store file on disk, and the one check that an
// open connection is no longer on the file at its path.
#pragma once

#include <cstdint>
#include <filesystem>

namespace kiosk {

/// What identifies a file on disk (stat(2)): device, inode, size in bytes and modification time in ns since the
/// epoch. All zero (exists false) when there is no file at the path.
struct FileIdentity {
  bool exists = false;
  std::uintmax_t dev = 0, ino = 0, size = 0;
  std::int64_t mtime_ns = 0;
  /// Same file: both missing, or the same device and inode (its content may have changed).
  bool SameFile(const FileIdentity& other) const {
    return exists == other.exists && dev == other.dev && ino == other.ino;
  }
  bool operator==(const FileIdentity&) const = default;
};

/// The identity of the file at `path` now (exists false when stat fails). Never throws.
FileIdentity IdentifyFile(const std::filesystem::path& path);

/// How the file at a store's path stands against the one a connection opened (`opened`), seen `now`.
enum class FileChange {
  None,       ///< the same file, same size and time
  Rewritten,  ///< the same inode, another size or time, not empty: written in place (maybe without SQLite)
  Replaced,   ///< removed, another inode (renamed over, imported again), or emptied: open the path afresh
};

/// The one rule for "the store file was replaced behind SQLite's back": an open SQLite connection keeps reading the
/// inode it opened, so a file removed, renamed over or emptied under it must be opened again (Replaced); one
/// rewritten in place must be read again, which finds any damage (Rewritten).
FileChange CompareFile(const FileIdentity& opened, const FileIdentity& now);

}  // namespace kiosk
