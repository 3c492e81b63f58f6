// The desk's background thread: DeskSync::SyncOnce every interval on its own store connection (DeskHubThread.h).
#include "kiosk/checkin/DeskHubThread.h"

#include "kiosk/store/FileIdentity.h"

namespace kiosk::checkin {

// ---------------------------------------------------------------------------------------------------------------
// DeskHubThread

DeskHubThread::DeskHubThread(const std::filesystem::path& people, std::string hub_url, std::string token,
                             std::string desk, std::function<void()> wake, std::chrono::milliseconds interval)
    : m_people(people),
      m_hub_url(std::move(hub_url)),
      m_token(std::move(token)),
      m_desk(std::move(desk)),
      m_wake(std::move(wake)),
      m_interval(interval) {
  m_thread = std::thread([this] { Run(); });
}

DeskHubThread::~DeskHubThread() {
  {
    std::lock_guard lock(m_mutex);
    m_stop = true;
  }
  m_cv.notify_all();
  if (m_thread.joinable()) m_thread.join();
}

DeskSyncState DeskHubThread::State() const {
  std::lock_guard lock(m_mutex);
  return m_state;
}

void DeskHubThread::Run() {
  // The file the DeskSync's connection is on: another file at the path (replaced, removed and imported again) or a
  // store error means a new connection, as the desk's own controller does.
  FileIdentity opened;
  std::unique_lock lock(m_mutex);
  while (!m_stop) {
    lock.unlock();
    DeskSyncState state;
    try {
      if (m_sync && CompareFile(opened, IdentifyFile(m_people)) == FileChange::Replaced) m_sync.reset();
      if (!m_sync) {
        m_sync = std::make_unique<DeskSync>(m_people, m_hub_url, m_token, m_desk);
        opened = IdentifyFile(m_people);
      }
      state = m_sync->SyncOnce();  // never throws
      // The desk's own store failed: the next turn opens it afresh.
      if (state.problem == HubProblem::Store) m_sync.reset();
    } catch (const std::exception& error) {
      m_sync.reset();
      state.online = false;
      state.error = error.what();
      state.problem = HubProblem::Store;
    }
    lock.lock();
    m_state = state;
    if (m_wake) m_wake();
    m_cv.wait_for(lock, m_interval, [this] { return m_stop; });
  }
}

}  // namespace kiosk::checkin
