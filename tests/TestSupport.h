// What the test suites share: where ../shared (cases, corpus) and the repository's files are, temporary folders,
// a scoped host TZ, and running a command for its exit code and output.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cstdio>
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

/// What a command did: its exit code and everything it printed.
struct CommandResult {
  int exit_code = -1;  ///< -1 when it did not exit normally (killed by a signal)
  std::string out;     ///< stdout and stderr together
};

/// Runs `command` with /bin/sh (popen), stderr merged into stdout, and waits for it.
/// Throws std::runtime_error when it cannot be started.
inline CommandResult RunCommand(const std::string& command) {
  CommandResult run;
  FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) throw std::runtime_error("cannot run: " + command);
  std::array<char, 4096> buffer{};
  while (std::size_t n = std::fread(buffer.data(), 1, buffer.size(), pipe)) run.out.append(buffer.data(), n);
  int status = ::pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

/// The tables schema 1 of the schedule store wrote (the kiosk before issue 3), for migration and snapshot tests: a
/// fixture of that on-disk form, not a copy of the code that makes it.
inline constexpr const char* kScheduleSchemaV1 = R"sql(
      CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE revisions(number INTEGER PRIMARY KEY, imported_at INTEGER NOT NULL, source_name TEXT NOT NULL,
        source_sha256 TEXT NOT NULL, sessions INTEGER NOT NULL, rooms INTEGER NOT NULL, warnings TEXT NOT NULL);
      CREATE TABLE rooms(id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
        position INTEGER NOT NULL, revision INTEGER NOT NULL);
      CREATE TABLE sessions(id INTEGER PRIMARY KEY, uid TEXT NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL,
        source_id TEXT NOT NULL, room_id INTEGER NOT NULL REFERENCES rooms(id), day TEXT NOT NULL,
        title TEXT NOT NULL, title_en TEXT NOT NULL, kind TEXT NOT NULL, track TEXT NOT NULL, language TEXT NOT NULL,
        description TEXT NOT NULL, status TEXT NOT NULL, revision INTEGER NOT NULL, UNIQUE(uid, start));
      CREATE TABLE speakers(session_id INTEGER NOT NULL REFERENCES sessions(id), position INTEGER NOT NULL,
        name TEXT NOT NULL, role TEXT NOT NULL, PRIMARY KEY(session_id, position));
)sql";

}  // namespace kiosk::test
