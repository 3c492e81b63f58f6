// The desk's background thread: exchanges with the hub on its own store connection while the desk's window runs.
#pragma once

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "kiosk/checkin/DeskSync.h"

namespace kiosk::checkin {

/// Runs DeskSync::SyncOnce every `interval` on its own thread (its own store connection) until destroyed; the state
/// is read with State(). `wake` is called (from the thread) after each exchange, e.g. glfwPostEmptyEvent. The
/// DeskSync is made on the thread: a store that cannot be opened (or is replaced on disk) is tried again each
/// interval, its error in the state. Never throws from the thread.
class DeskHubThread {
 public:
  /// Throws std::system_error when the thread cannot start.
  DeskHubThread(const std::filesystem::path& people, std::string hub_url, std::string token, std::string desk,
                std::function<void()> wake, std::chrono::milliseconds interval = std::chrono::milliseconds(1000));
  ~DeskHubThread();
  DeskHubThread(const DeskHubThread&) = delete;
  DeskHubThread& operator=(const DeskHubThread&) = delete;

  DeskSyncState State() const;

 private:
  void Run();

  std::filesystem::path m_people;
  std::string m_hub_url, m_token, m_desk;
  std::unique_ptr<DeskSync> m_sync;  ///< used on the thread only
  std::function<void()> m_wake;
  std::chrono::milliseconds m_interval;
  mutable std::mutex m_mutex;
  std::condition_variable m_cv;
  bool m_stop = false;
  DeskSyncState m_state;
  std::thread m_thread;
};

}  // namespace kiosk::checkin
