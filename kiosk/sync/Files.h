// Small POSIX file helpers the sync library shares: atomic writes, whole-file reads, temporary files removed on scope
// exit, advisory locks, streamed hashing. Internal to kiosk_sync (and kioskctl's serve, which streams files).
#pragma once

#include <sys/types.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace kiosk::sync {

/// Owns a POSIX file descriptor and closes it at scope exit (-1: none).
class Fd {
 public:
  explicit Fd(int fd) : m_fd(fd) {}
  ~Fd() {
    if (m_fd >= 0) ::close(m_fd);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int Get() const { return m_fd; }
  /// Closes now and returns close()'s result (fsync-then-close callers check it).
  int Close() {
    const int result = ::close(m_fd);
    m_fd = -1;
    return result;
  }

 private:
  int m_fd;
};

/// Writes `bytes` to a temporary file beside `path` (created with `mode`, fsynced), then moves it into place and
/// fsyncs the folder, so a reader sees the old file or the new one, never half of one. With overwrite=false an
/// existing `path` is left alone and std::system_error (EEXIST) is thrown. When `later_than` (Unix seconds) is >= 0,
/// the new file's mtime is made at least one second later than it, so a web server's Last-Modified or mtime-based
/// ETag changes even when two writes fall in the same second. Throws std::system_error naming the file.
void WriteFileAtomically(const std::filesystem::path& path, std::string_view bytes, mode_t mode, bool overwrite = true,
                         std::int64_t later_than = -1);

/// The file's modification time in whole Unix seconds, or -1 when it does not exist.
std::int64_t ModifiedSeconds(const std::filesystem::path& path);

/// The whole file. Throws std::system_error naming the file.
std::string ReadWholeFile(const std::filesystem::path& path);

/// fsyncs a folder so a rename inside it is durable. Throws std::system_error naming the folder.
void SyncFolder(const std::filesystem::path& folder);

/// Removes files in `folder` whose name starts with `prefix` and that were last modified more than `age` ago: the
/// temporary files of a process killed midway (a live one touches its own within seconds). Errors are ignored.
/// Returns how many were removed.
int RemoveStaleTempFiles(const std::filesystem::path& folder, const std::string& prefix, std::chrono::seconds age);

/// SHA-256 (64 lowercase hex digits) of the bytes of the open file `fd`, read from offset 0 to its end with pread in
/// 64 KiB blocks: the file is never held in memory whole. Throws std::system_error naming `name`.
std::string Sha256HexOfFile(int fd, const std::filesystem::path& name);

/// An exclusive flock(2) on `path`, held for the object's life. The kernel drops it when the holder dies, so a killed
/// process never leaves it stuck. The file is created (mode 0644) when missing and left in place afterwards (removing
/// a lock file races with the next holder). Waits up to `wait` while another holder (another process, or another
/// FileLock in this one) has it. Throws std::system_error naming the file: EWOULDBLOCK when it is still held after
/// `wait`, else the error of open or flock.
class FileLock {
 public:
  FileLock(const std::filesystem::path& path, std::chrono::milliseconds wait);
  ~FileLock();
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;

 private:
  int m_fd = -1;
};

/// A uniquely named empty file (mkstemp, mode 0600) in `folder`, named `prefix` + random + `suffix`; removed at scope
/// exit with the side files SQLite may leave beside it (-journal, -wal, -shm) unless Release()d.
class TempFile {
 public:
  /// Throws std::system_error naming the folder.
  TempFile(const std::filesystem::path& folder, const std::string& prefix, const std::string& suffix);
  ~TempFile();
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;

  const std::filesystem::path& Path() const { return m_path; }
  /// Keeps the file (it was renamed into place).
  void Release() { m_path.clear(); }

 private:
  std::filesystem::path m_path;
};

}  // namespace kiosk::sync
