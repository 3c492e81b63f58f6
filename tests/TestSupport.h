// What the test suites share: where ../shared (cases, corpus) and the repository's files are, temporary folders,
// and a scoped host TZ.
#pragma once

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>

namespace kiosk::test {

/// ../shared/cases/NAME/FILE beside the checkout.
inline std::filesystem::path CasePath(const std::string& name, const std::string& file) {
  return std::filesystem::path(KIOSK_SHARED_DIR) / "cases" / name / file;
}
/// ../shared/corpus beside the checkout; may not exist (tests then skip).
inline std::filesystem::path CorpusDir() { return std::filesystem::path(KIOSK_SHARED_DIR) / "corpus"; }
/// A file of this repository.
inline std::filesystem::path SourcePath(const std::string& relative) {
  return std::filesystem::path(KIOSK_SOURCE_DIR) / relative;
}
/// Whole file as bytes; throws std::runtime_error when unreadable.
inline std::string ReadBytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

/// A fresh, empty folder under the system temp folder, removed with its content at scope exit.
class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    m_path = std::filesystem::temp_directory_path() /
             ("kiosk-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(m_path);
    std::filesystem::create_directories(m_path);
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(m_path, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& Path() const { return m_path; }
  /// A schedule store path inside the folder (the file is not created).
  std::filesystem::path Store() const { return m_path / "schedule.db"; }

 private:
  std::filesystem::path m_path;
};

/// Sets the host's TZ for the scope and restores it after: nothing shown or imported may depend on it.
class HostTz {
 public:
  explicit HostTz(const char* zone) {
    if (const char* old = std::getenv("TZ")) m_old = old;
    ::setenv("TZ", zone, 1);
    ::tzset();
  }
  ~HostTz() {
    if (m_old) {
      ::setenv("TZ", m_old->c_str(), 1);
    } else {
      ::unsetenv("TZ");
    }
    ::tzset();
  }
  HostTz(const HostTz&) = delete;
  HostTz& operator=(const HostTz&) = delete;

 private:
  std::optional<std::string> m_old;
};

}  // namespace kiosk::test
