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

SyncProblem ProblemOf(const sync::SyncResult& pulled) {
  using Kind = SyncProblem::Kind;
  using sync::SyncFailure;
  if (pulled.outcome != sync::SyncOutcome::Failed) return {};
  switch (pulled.failure) {
    case SyncFailure::Unreachable:
      return {Kind::ServerDown};
    case SyncFailure::Timeout:
      return {Kind::TimedOut};
    case SyncFailure::HttpStatus:
      return {Kind::Http, static_cast<int>(pulled.http_status)};
    case SyncFailure::BadSignature:
      return {Kind::BadSignature};
    case SyncFailure::HashMismatch:
      return {Kind::WrongHash};
    case SyncFailure::Truncated:
      return {Kind::Truncated};
    case SyncFailure::OldRevision:
      return {Kind::Replayed};
    case SyncFailure::BadSnapshot:
      return {Kind::BadSnapshot};
    case SyncFailure::NewerSchema:
      return {Kind::NewerSchema};
    case SyncFailure::StoreLocked:
      return {Kind::StoreLocked};
    case SyncFailure::None:  // a Failed result always names its kind; None would be a client bug
    case SyncFailure::NotAManifest:
    case SyncFailure::BadManifest:
    case SyncFailure::TooLarge:
    case SyncFailure::StoreUnreadable:
    case SyncFailure::StoreWriteFailed:
    case SyncFailure::Stopped:
    case SyncFailure::Other:
      break;
  }
  return {Kind::Other};
}

SyncProblem ClassifySyncFailure(const std::string& message) {
  using Kind = SyncProblem::Kind;
  const auto has = [&](const char* text) { return message.find(text) != std::string::npos; };
  if (has("cannot connect")) return {Kind::ServerDown};
  if (has("timed out")) return {Kind::TimedOut};
  if (const auto at = message.find(": HTTP "); at != std::string::npos) {
    int status = 0;
    for (std::size_t i = at + 7; i < message.size() && message[i] >= '0' && message[i] <= '9' && status < 100000; ++i)
      status = status * 10 + (message[i] - '0');
    return {Kind::Http, status};
  }
  if (has("signature")) return {Kind::BadSignature};
  if (has("sha256 mismatch")) return {Kind::WrongHash};
  if (has("truncated")) return {Kind::Truncated};
  if (has("is not newer than")) return {Kind::Replayed};
  if (has("not a valid schedule store")) return {Kind::BadSnapshot};
  if (has("schema")) return {Kind::NewerSchema};
  if (has("locked") || has("another puller")) return {Kind::StoreLocked};
  return {Kind::Other};
}

std::string ToString(const SyncProblem& problem) {
  using Kind = SyncProblem::Kind;
  switch (problem.kind) {
    case Kind::None:
      return "";
    case Kind::ServerDown:
      return "server down";
    case Kind::TimedOut:
      return "timed out";
    case Kind::Http:
      return "HTTP " + std::to_string(problem.http_status);
    case Kind::BadSignature:
      return "bad signature";
    case Kind::WrongHash:
      return "wrong hash";
    case Kind::Truncated:
      return "truncated download";
    case Kind::Replayed:
      return "old revision replayed";
    case Kind::BadSnapshot:
      return "bad snapshot";
    case Kind::NewerSchema:
      return "newer schema";
    case Kind::StoreLocked:
      return "store locked";
    case Kind::Other:
      break;
  }
  return "sync error";
}

std::string SyncProblemKind(const std::string& message) { return ToString(ClassifySyncFailure(message)); }

SyncSettings SyncSettingsFrom(const AppOptions& options, const std::filesystem::path& store) {
  return SyncSettings{options.sync_url, options.sync_pubkey, store,
                      std::chrono::milliseconds(static_cast<long long>(options.sync_interval * 1000))};
}

std::string KeptRevisionText(std::int64_t revision) {
  return revision > 0 ? "keeping revision " + std::to_string(revision) : "no revision yet";
}

sync::SyncResult PullOnceNow(const SyncSettings& settings) { return MakeClient(settings)->PullOnce(); }

ui::StaffStatus StaffAfterPull(const sync::SyncResult& pulled) {
  ui::StaffStatus staff;
  staff.syncing = true;
  if (pulled.outcome == sync::SyncOutcome::Failed) {
    staff.sync_problem = ToString(ProblemOf(pulled));
  } else {
    staff.last_sync_age = std::chrono::seconds{0};
  }
  return staff;
}

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
        // The kind the client set where the pull failed: the frame thread reads the typed value.
        m_problem = ProblemOf(result);
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
  std::lock_guard lock(m_mutex);
  staff.sync_problem = ToString(m_problem);
  return staff;
}

SyncCounters SyncThread::Counters() const {
  std::lock_guard lock(m_mutex);
  return m_counters;
}

}  // namespace kiosk::app
