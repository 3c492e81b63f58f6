// The --sync thread: SyncClient::Run on a std::jthread, a timestamped log line per failure, the staff status.
#include "kiosk/app/SyncThread.h"

#include <cstdio>
#include <stdexcept>

#include "kiosk/app/LogTime.h"
#include "kiosk/sync/Keys.h"
#include "kiosk/sync/SyncClient.h"

namespace kiosk::app {

namespace {

std::unique_ptr<sync::SyncClient> MakeClient(const SyncSettings& settings) {
  sync::SyncOptions options;
  options.url = settings.url;  // a folder's URL names its manifest (sync::ManifestUrl, in SyncClient)
  options.db = settings.store;
  options.poll_interval = settings.interval;
  try {
    options.public_key = sync::LoadPublicKey(settings.public_key);
    return std::make_unique<sync::SyncClient>(std::move(options));
  } catch (const std::exception& error) {
    throw std::runtime_error(std::string("--sync: ") + error.what());
  }
}

// A failure repeated every poll is logged again only this often, so a kiosk cut off for a day does not write
// 40 000 identical lines; a different failure, and the recovery, are logged at once.
constexpr int kRepeatLogEvery = 150;  // 5 minutes at the default 2 s

}  // namespace

std::string SyncProblemKind(const std::string& message) {
  const auto has = [&](const char* text) { return message.find(text) != std::string::npos; };
  if (has("cannot connect")) return "server down";
  if (has("timed out")) return "timed out";
  if (const auto at = message.find(": HTTP "); at != std::string::npos) {
    const auto digits = message.find_first_not_of("0123456789", at + 7);
    return "HTTP " + message.substr(at + 7, (digits == std::string::npos ? message.size() : digits) - at - 7);
  }
  if (has("signature")) return "bad signature";
  if (has("sha256 mismatch")) return "wrong hash";
  if (has("truncated")) return "truncated download";
  if (has("is not newer than")) return "old revision replayed";
  if (has("not a valid schedule store")) return "bad snapshot";
  if (has("schema")) return "newer schema";
  if (has("locked") || has("another puller")) return "store locked";
  return "sync error";
}

SyncSettings SyncSettingsFrom(const AppOptions& options, const std::filesystem::path& store) {
  return SyncSettings{options.sync_url, options.sync_pubkey, store,
                      std::chrono::milliseconds(static_cast<long long>(options.sync_interval * 1000))};
}

std::string KeptRevisionText(std::int64_t revision) {
  return revision > 0 ? "keeping revision " + std::to_string(revision) : "no revision yet";
}

sync::SyncResult PullOnceNow(const SyncSettings& settings) { return MakeClient(settings)->PullOnce(); }

SyncThread::SyncThread(const SyncSettings& settings, std::function<void()> on_store_changed)
    : m_url(settings.url), m_on_store_changed(std::move(on_store_changed)) {
  m_client = MakeClient(settings);
  m_url = sync::ManifestUrl(settings.url);  // the client accepted it: it does not throw
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
        // A new failure at once, the same one again every kRepeatLogEvery polls with how long it has lasted.
        ++m_failures_in_a_row;
        if (result.message != m_last_failure || m_failures_in_a_row % kRepeatLogEvery == 0) {
          std::fprintf(stderr, "%s kiosk: sync failed: %s; %s (%d failed polls in a row)\n", UtcMillis().c_str(),
                       result.message.c_str(), KeptRevisionText(result.revision).c_str(), m_failures_in_a_row);
          m_last_failure = result.message;
        }
        return;
      }
      if (m_failures_in_a_row > 0) {
        std::fprintf(stderr, "%s kiosk: sync works again after %d failed polls\n", UtcMillis().c_str(),
                     m_failures_in_a_row);
        m_failures_in_a_row = 0;
        m_last_failure.clear();
      }
      if (result.outcome == sync::SyncOutcome::Updated) {
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
  // The kind, not the message: curl's timings ("after 15002 ms") would redraw the screen at every poll.
  if (status.last_outcome == sync::SyncOutcome::Failed) staff.sync_problem = SyncProblemKind(status.last_error);
  return staff;
}

SyncCounters SyncThread::Counters() const {
  std::lock_guard lock(m_mutex);
  return m_counters;
}

}  // namespace kiosk::app
