// POSIX file helpers for kiosk_sync: atomic writes (temp + fsync + rename), reads, scoped temporary files, flock,
// streamed SHA-256.
#include "kiosk/sync/Files.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <system_error>
#include <thread>
#include <vector>

namespace kiosk::sync {
namespace {

[[noreturn]] void ThrowErrno(const std::string& what, const std::filesystem::path& path) {
  throw std::system_error(errno, std::generic_category(), what + " " + path.string());
}

void WriteAll(int fd, std::string_view bytes, const std::filesystem::path& path) {
  while (!bytes.empty()) {
    ssize_t written = ::write(fd, bytes.data(), bytes.size());
    if (written < 0) {
      if (errno == EINTR) continue;
      ThrowErrno("cannot write", path);
    }
    bytes.remove_prefix(static_cast<std::size_t>(written));
  }
}

}  // namespace

void SyncFolder(const std::filesystem::path& folder) {
  const std::filesystem::path name = folder.empty() ? std::filesystem::path(".") : folder;
  Fd fd(::open(name.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (fd.Get() < 0) ThrowErrno("cannot open folder", name);
  if (::fsync(fd.Get()) != 0) ThrowErrno("cannot sync folder", name);
}

std::int64_t ModifiedSeconds(const std::filesystem::path& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) return -1;
  return static_cast<std::int64_t>(info.st_mtim.tv_sec);
}

void WriteFileAtomically(const std::filesystem::path& path, std::string_view bytes, mode_t mode, bool overwrite,
                         std::int64_t later_than) {
  const std::filesystem::path folder = path.parent_path();
  TempFile temp(folder.empty() ? std::filesystem::path(".") : folder, "." + path.filename().string() + ".", ".tmp");
  {
    Fd fd(::open(temp.Path().c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC));
    if (fd.Get() < 0) ThrowErrno("cannot open", temp.Path());
    // mkstemp made it 0600; fchmod sets the wanted mode whatever the umask.
    if (::fchmod(fd.Get(), mode) != 0) ThrowErrno("cannot set the mode of", temp.Path());
    WriteAll(fd.Get(), bytes, temp.Path());
    if (later_than >= 0) {
      struct stat info {};
      if (::fstat(fd.Get(), &info) != 0) ThrowErrno("cannot stat", temp.Path());
      if (info.st_mtim.tv_sec <= later_than) {
        const struct timespec times[2] = {{0, UTIME_OMIT}, {static_cast<time_t>(later_than + 1), 0}};
        if (::futimens(fd.Get(), times) != 0) ThrowErrno("cannot set the time of", temp.Path());
      }
    }
    if (::fsync(fd.Get()) != 0) ThrowErrno("cannot sync", temp.Path());
    if (fd.Close() != 0) ThrowErrno("cannot close", temp.Path());
  }
  if (overwrite) {
    if (::rename(temp.Path().c_str(), path.c_str()) != 0) ThrowErrno("cannot move a new file into", path);
    temp.Release();
  } else {
    // link() fails with EEXIST instead of replacing, so two writers cannot both win; TempFile then removes the temp.
    if (::link(temp.Path().c_str(), path.c_str()) != 0) ThrowErrno("cannot create", path);
  }
  SyncFolder(folder);
}

std::string ReadWholeFile(const std::filesystem::path& path) {
  Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.Get() < 0) ThrowErrno("cannot open", path);
  std::string bytes;
  std::vector<char> buffer(1 << 16);
  for (;;) {
    ssize_t n = ::read(fd.Get(), buffer.data(), buffer.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      ThrowErrno("cannot read", path);
    }
    if (n == 0) break;
    bytes.append(buffer.data(), static_cast<std::size_t>(n));
  }
  return bytes;
}

int RemoveStaleTempFiles(const std::filesystem::path& folder, const std::string& prefix, std::chrono::seconds age) {
  int removed = 0;
  std::error_code ec;
  const auto now = std::filesystem::file_time_type::clock::now();
  for (const auto& entry : std::filesystem::directory_iterator(folder, ec)) {
    if (entry.path().filename().string().rfind(prefix, 0) != 0) continue;
    auto modified = entry.last_write_time(ec);
    if (ec || now - modified < age) continue;
    if (std::filesystem::remove(entry.path(), ec)) ++removed;
  }
  return removed;
}

std::string Sha256HexOfFile(int fd, const std::filesystem::path& name) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium cannot be initialised");
  crypto_hash_sha256_state state;
  crypto_hash_sha256_init(&state);
  std::vector<unsigned char> buffer(1 << 16);
  off_t offset = 0;
  for (;;) {
    ssize_t n = ::pread(fd, buffer.data(), buffer.size(), offset);
    if (n < 0) {
      if (errno == EINTR) continue;
      ThrowErrno("cannot read", name);
    }
    if (n == 0) break;
    crypto_hash_sha256_update(&state, buffer.data(), static_cast<unsigned long long>(n));
    offset += n;
  }
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&state, digest);
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

FileLock::FileLock(const std::filesystem::path& path, std::chrono::milliseconds wait) {
  m_fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (m_fd < 0) ThrowErrno("cannot open the lock file", path);
  const auto deadline = std::chrono::steady_clock::now() + wait;
  for (;;) {
    if (::flock(m_fd, LOCK_EX | LOCK_NB) == 0) return;
    const int error = errno;
    if (error != EWOULDBLOCK && error != EINTR) {
      ::close(m_fd);
      errno = error;
      ThrowErrno("cannot lock", path);
    }
    if (std::chrono::steady_clock::now() >= deadline) {
      ::close(m_fd);
      throw std::system_error(
          EWOULDBLOCK, std::generic_category(),
          "still locked by another process after " + std::to_string(wait.count()) + " ms: " + path.string());
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

FileLock::~FileLock() {
  if (m_fd >= 0) ::close(m_fd);  // closing the last descriptor of the open file releases the flock
}

TempFile::TempFile(const std::filesystem::path& folder, const std::string& prefix, const std::string& suffix) {
  std::string pattern = (folder / (prefix + "XXXXXX" + suffix)).string();
  int fd = ::mkstemps(pattern.data(), static_cast<int>(suffix.size()));
  if (fd < 0) ThrowErrno("cannot create a temporary file in", folder);
  ::close(fd);
  m_path = pattern;
}

TempFile::~TempFile() {
  if (m_path.empty()) return;
  for (const char* side : {"", "-journal", "-wal", "-shm"}) ::unlink((m_path.string() + side).c_str());
}

}  // namespace kiosk::sync
