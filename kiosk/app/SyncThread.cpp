// The --sync thread: SyncClient::Run on a std::jthread, a timestamped log line per failure, the staff status.
#include "kiosk/app/SyncThread.h"

#include <cstdio>
#include <stdexcept>

#include "kiosk/app/LogTime.h"
#include "kiosk/sync/Keys.h"
#include "kiosk/sync/SyncClient.h"

namespace kiosk::app {

SyncThread::SyncThread(const SyncSettings& settings, std::function<void()> on_store_changed)
    : m_url(settings.url), m_on_store_changed(std::move(on_store_changed)) {
  if (!m_url.empty() && m_url.back() == '/') m_url += "manifest";
  sync::SyncOptions options;
  options.url = m_url;
  options.db = settings.store;
  options.poll_interval = settings.interval;
  try {
    options.public_key = sync::LoadPublicKey(settings.public_key);
    m_client = std::make_unique<sync::SyncClient>(std::move(options));
  } catch (const std::exception& error) {
    throw std::runtime_error(std::string("--sync: ") + error.what());
  }
  std::fprintf(stderr, "%s kiosk: syncing from %s every %.1f s into %s\n", UtcMillis().c_str(), m_url.c_str(),
               settings.interval.count() / 1000.0, settings.store.c_str());
  m_thread = std::jthread([this](std::stop_token stop) {
    m_client->Run(stop, [this](const sync::SyncResult& result) {
      {
        std::lock_guard lock(m_mutex);
        ++m_counters.polls;
        m_counters.bytes += result.bytes_received;
        switch (result.outcome) {
          case sync::SyncOutcome::Updated:
            ++m_counters.updated;
            break;
          case sync::SyncOutcome::Unchanged:
            ++m_counters.unchanged;
            m_counters.unchanged_bytes += result.bytes_received;
            break;
          case sync::SyncOutcome::Failed:
            ++m_counters.failed;
            break;
        }
      }
      if (result.outcome == sync::SyncOutcome::Failed) {
        // Every failure, not only new ones: staff reading the log later see how long the screen was cut off.
        std::fprintf(stderr, "%s kiosk: sync failed: %s; keeping revision %lld\n", UtcMillis().c_str(),
                     result.message.c_str(), static_cast<long long>(result.revision));
      } else if (result.outcome == sync::SyncOutcome::Updated) {
        std::fprintf(stderr, "%s kiosk: sync: %s\n", UtcMillis().c_str(), result.message.c_str());
        m_store_changed = true;
        if (m_on_store_changed) m_on_store_changed();
      }
    });
  });
}

SyncThread::~SyncThread() { Stop(); }

void SyncThread::Stop() {
  if (!m_thread.joinable()) return;
  m_thread.request_stop();
  m_thread.join();
}

ui::StaffStatus SyncThread::Staff() const {
  const sync::SyncStatus status = m_client->Status();
  ui::StaffStatus staff;
  staff.syncing = true;
  if (status.last_good) {
    const auto now = std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
    staff.last_sync_age = std::max(std::chrono::seconds{0}, now - *status.last_good);
  }
  if (status.last_outcome == sync::SyncOutcome::Failed) staff.sync_problem = status.last_error;
  return staff;
}

SyncCounters SyncThread::Counters() const {
  std::lock_guard lock(m_mutex);
  return m_counters;
}

}  // namespace kiosk::app
