// Polling the schedule store and swapping in whole programmes; every store failure becomes a message and a retry.
#include "kiosk/app/ProgrammeSource.h"

#include <cstdio>

#include "kiosk/store/FileIdentity.h"

namespace kiosk::app {
namespace {

/// What fills an empty store: the organizer's import, or the --sync thread.
std::string Remedy(const std::string& publisher) {
  return publisher.empty() ? "import a programme with kioskctl import" : "waiting for the publisher at " + publisher;
}

StoreProblem KindOf(const StoreError& error) {
  switch (error.GetKind()) {
    case StoreError::Kind::Missing:
      return StoreProblem::Missing;
    case StoreError::Kind::NewerSchema:
      return StoreProblem::NewerSchema;
    case StoreError::Kind::Corrupt:
      return StoreProblem::Corrupt;
    case StoreError::Kind::Io:
      break;
  }
  return StoreProblem::Io;
}

std::string Describe(const StoreError& error, const std::filesystem::path& path, const std::string& publisher) {
  switch (error.GetKind()) {
    case StoreError::Kind::Missing:
      return "no schedule store at " + path.string() + " (" + Remedy(publisher) + ")";
    case StoreError::Kind::NewerSchema:
      return "the schedule store was written by a newer kiosk: " + std::string(error.what());
    case StoreError::Kind::Corrupt:
      return "the schedule store is damaged: " + std::string(error.what());
    case StoreError::Kind::Io:
      break;
  }
  return "the schedule store cannot be read: " + std::string(error.what());
}

}  // namespace

ProgrammeSource::ProgrammeSource(std::filesystem::path path) : m_path(std::move(path)) {}

ProgrammeSource::~ProgrammeSource() = default;

void ProgrammeSource::Fail(StoreProblem kind, const std::string& problem, SteadyTime now) {
  if (problem != m_problem)
    std::fprintf(stderr, "kiosk: %s; retrying every %llds\n", problem.c_str(),
                 static_cast<long long>(kRetryInterval.count()));
  m_problem = problem;
  m_problem_kind = kind;
  m_store.reset();  // reopen from scratch on the next attempt
  m_data_version = -1;
  m_next_poll = now + kRetryInterval;
}

ProgrammeSource::FileStamp ProgrammeSource::Stamp() const {
  const FileIdentity id = IdentifyFile(m_path);  // the one "replaced behind SQLite's back" identity (store/)
  return {id.dev, id.ino, static_cast<long long>(id.size), id.mtime_ns};
}

bool ProgrammeSource::Poll(SteadyTime now) {
  if (now < m_next_poll) return false;
  const std::string problem_before = m_problem;
  const auto current_before = m_current;
  try {
    const FileStamp stamp = Stamp();
    if (m_store && stamp != m_stamp) {
      // Replaced (new inode) or overwritten in place: the open connection would go on reading its old snapshot.
      m_store.reset();
      m_data_version = -1;
    }
    if (!m_store) {
      m_store = std::make_unique<ScheduleStore>(m_path, ScheduleStore::Mode::ReadOnly);
      m_stamp = stamp;
    }
    std::int64_t version = m_store->DataVersion();
    if (version != m_data_version || !m_problem.empty()) {
      std::optional<LoadedProgramme> loaded = m_store->Load();  // one read transaction, statements reset
      if (!loaded) {
        Fail(StoreProblem::NoProgramme,
             "the schedule store at " + m_path.string() + " holds no programme yet (" + Remedy(m_publisher) + ")", now);
      } else if (loaded->programme.sessions.empty()) {
        Fail(StoreProblem::NoSessions, "the programme in " + m_path.string() + " has no sessions", now);
      } else {
        m_data_version = version;
        if (!m_current || m_current->revision.number != loaded->revision.number ||
            !(m_current->programme == loaded->programme)) {
          m_current = std::make_shared<const LoadedProgramme>(std::move(*loaded));
          std::fprintf(stderr, "kiosk: programme revision %lld loaded: %zu sessions, %zu rooms\n",
                       static_cast<long long>(m_current->revision.number), m_current->programme.sessions.size(),
                       m_current->programme.rooms.size());
        }
        if (!m_problem.empty()) std::fprintf(stderr, "kiosk: schedule store readable again\n");
        m_problem.clear();
        m_problem_kind = StoreProblem::None;
        m_next_poll = now + kPollInterval;
      }
    } else {
      m_next_poll = now + kPollInterval;
    }
  } catch (const StoreError& error) {
    Fail(KindOf(error), Describe(error, m_path, m_publisher), now);
  } catch (const std::exception& error) {
    Fail(StoreProblem::Io, "the schedule store cannot be read: " + std::string(error.what()), now);
  } catch (...) {
    Fail(StoreProblem::Io, "the schedule store cannot be read (unknown error)", now);
  }
  return m_problem != problem_before || m_current != current_before;
}

}  // namespace kiosk::app
