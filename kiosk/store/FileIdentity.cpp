// The identity of a store file on disk and the one "replaced behind SQLite's back" check (FileIdentity.h).
#include "kiosk/store/FileIdentity.h"

#include <sys/stat.h>

namespace kiosk {

FileIdentity IdentifyFile(const std::filesystem::path& path) {
  FileIdentity id;
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) return id;
  id.exists = true;
  id.dev = static_cast<std::uintmax_t>(info.st_dev);
  id.ino = static_cast<std::uintmax_t>(info.st_ino);
  id.size = static_cast<std::uintmax_t>(info.st_size);
  id.mtime_ns = static_cast<std::int64_t>(info.st_mtim.tv_sec) * 1000000000 + info.st_mtim.tv_nsec;
  return id;
}

FileChange CompareFile(const FileIdentity& opened, const FileIdentity& now) {
  if (!now.SameFile(opened) || (now.size == 0 && opened.size > 0)) return FileChange::Replaced;
  return now == opened ? FileChange::None : FileChange::Rewritten;
}

}  // namespace kiosk
