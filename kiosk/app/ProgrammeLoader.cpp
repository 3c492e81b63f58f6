// The schedule store's worker thread: ProgrammeSource::Poll off the frame thread, states handed over under a mutex.
#include "kiosk/app/ProgrammeLoader.h"

namespace kiosk::app {

ProgrammeLoader::ProgrammeLoader(std::filesystem::path path, std::string publisher, std::function<void()> on_change)
    : m_path(path), m_source(std::move(path)), m_on_change(std::move(on_change)) {
  m_source.WaitForPublisher(std::move(publisher));
  m_thread = std::jthread([this](std::stop_token stop) { Work(stop); });
}

ProgrammeLoader::~ProgrammeLoader() {
  m_thread.request_stop();
  m_wake.notify_all();
  if (m_thread.joinable()) m_thread.join();
}

void ProgrammeLoader::Work(std::stop_token stop) {
  bool first = true;
  while (!stop.stop_requested()) {
    const ProgrammeSource::SteadyTime now = std::chrono::steady_clock::now();
    const bool changed = m_source.Poll(now);  // SQLite, with its busy timeout: only ever on this thread
    const bool retrying = !m_source.Problem().empty();
    if (changed || first || retrying) {
      // A store that stays unreadable republishes at each retry: only the message's countdown moves.
      ProgrammeState state{m_source.Current(), m_source.ProblemKind(), m_source.Problem(), m_source.NextPoll()};
      {
        std::lock_guard lock(m_mutex);
        m_state = std::move(state);
        ++m_published;
      }
      m_wake.notify_all();  // WaitFirst
      if ((changed || first) && m_on_change) m_on_change();
      first = false;
    }
    std::unique_lock lock(m_mutex);
    m_wake.wait_until(lock, stop, m_source.NextPoll(), [this] { return m_poll_soon; });
    if (m_poll_soon) {
      m_poll_soon = false;
      m_source.PollSoon();
    }
  }
}

std::optional<ProgrammeState> ProgrammeLoader::Take() {
  std::lock_guard lock(m_mutex);
  if (m_published == m_taken) return std::nullopt;
  m_taken = m_published;
  return m_state;
}

void ProgrammeLoader::PollSoon() {
  {
    std::lock_guard lock(m_mutex);
    m_poll_soon = true;
  }
  m_wake.notify_all();
}

bool ProgrammeLoader::WaitFirst(std::chrono::milliseconds timeout) {
  std::unique_lock lock(m_mutex);
  return m_wake.wait_for(lock, timeout, [this] { return m_published > 0; });
}

}  // namespace kiosk::app
