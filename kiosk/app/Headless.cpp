// kiosk --headless: ProgrammeSource, the sync thread and the view models on the frame loop's cadence, no window.
#include "kiosk/app/Headless.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <fstream>
#include <map>
#include <memory>
#include <string>
#include <system_error>

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include "kiosk/app/FrameTiming.h"
#include "kiosk/app/LogTime.h"
#include "kiosk/app/ProgrammeClock.h"
#include "kiosk/app/ProgrammeLoader.h"
#include "kiosk/app/ScreenDecision.h"
#include "kiosk/app/SyncThread.h"
#include "kiosk/app/Watchdog.h"
#include "kiosk/core/Clock.h"
#include "kiosk/core/VenueZone.h"
#include "kiosk/ui/BoardViewModel.h"
#include "kiosk/ui/DoorSignViewModel.h"

namespace kiosk::app {
namespace {

using SteadyClock = std::chrono::steady_clock;

volatile std::sig_atomic_t g_stop = 0;
int g_wake_fd = -1;  ///< the write end of the running loop's WakePipe, for the signal handler

void OnStopSignal(int) {
  g_stop = 1;
  if (g_wake_fd >= 0) {
    const char byte = 's';
    ssize_t ignored = ::write(g_wake_fd, &byte, 1);  // async-signal-safe
    (void)ignored;
  }
}

/// A self-pipe: the sync thread and the signal handler write a byte, the loop sleeps in poll() on the read end.
class WakePipe {
 public:
  WakePipe() {
    if (::pipe2(m_fds, O_CLOEXEC | O_NONBLOCK) != 0) throw std::system_error(errno, std::generic_category(), "pipe2");
  }
  ~WakePipe() {
    ::close(m_fds[0]);
    ::close(m_fds[1]);
  }
  WakePipe(const WakePipe&) = delete;
  WakePipe& operator=(const WakePipe&) = delete;

  /// Thread-safe. A full pipe means a wake is pending already.
  void Wake() const {
    const char byte = 'w';
    ssize_t ignored = ::write(m_fds[1], &byte, 1);
    (void)ignored;
  }
  /// Sleeps up to `seconds` or until woken; empties the pipe.
  void Wait(double seconds) const {
    pollfd fd{m_fds[0], POLLIN, 0};
    ::poll(&fd, 1, static_cast<int>(seconds * 1000 + 0.5));
    char buffer[64];
    while (::read(m_fds[0], buffer, sizeof buffer) > 0) {
    }
  }
  int WriteFd() const { return m_fds[1]; }

 private:
  int m_fds[2] = {-1, -1};
};

/// Installs the stop handlers for its lifetime and restores the previous ones after.
class StopSignals {
 public:
  explicit StopSignals(int wake_fd) {
    g_stop = 0;
    g_wake_fd = wake_fd;
    struct sigaction action {};
    action.sa_handler = OnStopSignal;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, &m_old_int);
    sigaction(SIGTERM, &action, &m_old_term);
  }
  ~StopSignals() {
    sigaction(SIGINT, &m_old_int, nullptr);
    sigaction(SIGTERM, &m_old_term, nullptr);
    g_wake_fd = -1;
  }
  StopSignals(const StopSignals&) = delete;
  StopSignals& operator=(const StopSignals&) = delete;

 private:
  struct sigaction m_old_int {};
  struct sigaction m_old_term {};
};

class Headless {
 public:
  explicit Headless(const AppOptions& options)
      : m_options(options),
        m_loader(options.db.empty() ? DefaultStorePath() : options.db, options.sync_url, [this] { m_wake.Wake(); }) {}

  int Run();

 private:
  void OnProgrammeChanged();
  void ReadClockOffset();
  void Show(Instant now);
  void LogNowOn(const std::string& room_key, const Session* session, Instant now);

  AppOptions m_options;
  WakePipe m_wake;           ///< before m_loader, whose worker writes to it
  ProgrammeLoader m_loader;  ///< the store, read on its own thread as in the window
  SteadyClock::time_point m_started = SteadyClock::now();
  std::optional<ProgrammeClock> m_time;  ///< zone and clock; set first thing in Run()
  std::chrono::seconds m_offset{0};      ///< from --clock-offset-file
  std::shared_ptr<const LoadedProgramme> m_programme;
  ProgrammeState m_store;  ///< the loader's last state
  std::unique_ptr<SyncThread> m_sync;
  Watchdog m_watchdog;  ///< systemd: READY=1 after the first look at the store, WATCHDOG=1 from the loop only
  // What the last view showed.
  bool m_view_due = true;
  Instant m_shown_now{};
  Instant m_shown_next_change{};
  std::int64_t m_shown_revision = 0;
  std::map<std::string, std::string> m_now_on;  ///< room key -> "uid@start" of the session on now, as logged
  bool m_room_missing_logged = false;
  bool m_wrong_clock_logged = false;  ///< the wrong-clock view was logged (again only after the clock was right)
};

void Headless::OnProgrammeChanged() {
  std::shared_ptr<const LoadedProgramme> current = m_store.programme;
  // As in the windowed kiosk: the programme's zone, and a venue-local --now read again in it.
  if (current && current != m_programme) m_time->UseZone(current->programme.conference.time_zone);
  m_programme = current;
  m_view_due = true;
}

void Headless::ReadClockOffset() {
  if (m_options.clock_offset_file.empty()) return;
  long long seconds = 0;
  std::ifstream file(m_options.clock_offset_file);
  if (file && !(file >> seconds)) seconds = m_offset.count();  // half-written: keep the last value
  if (std::chrono::seconds{seconds} != m_offset) {
    m_offset = std::chrono::seconds{seconds};
    std::fprintf(stderr, "%s kiosk: clock offset now %+lld s (%s)\n", UtcMillis().c_str(), seconds,
                 m_options.clock_offset_file.c_str());
  }
}

void Headless::LogNowOn(const std::string& room_key, const Session* session, Instant now) {
  // uid and start: the next occurrence of a repeated session is a change too.
  const std::string identity = session ? session->uid + "@" + FormatUtc(session->start) : std::string();
  auto known = m_now_on.find(room_key);
  if (known == m_now_on.end() ? identity.empty() : known->second == identity) return;
  m_now_on[room_key] = identity;
  const std::string uid = session ? session->uid : std::string();
  if (session) {
    std::printf("now-on %s: %s \"%s\" (clock %s) at %s\n", room_key.c_str(), uid.c_str(), session->title.c_str(),
                FormatUtc(now).c_str(), UtcMillis().c_str());
  } else {
    std::printf("now-on %s: - (clock %s) at %s\n", room_key.c_str(), FormatUtc(now).c_str(), UtcMillis().c_str());
  }
}

void Headless::Show(Instant now) {
  const ui::RevisionStamp stamp{m_programme->revision.number, m_programme->revision.imported_at};
  if (stamp.number != m_shown_revision) {
    m_shown_revision = stamp.number;
    std::printf("shown revision %lld at %s\n", static_cast<long long>(stamp.number), UtcMillis().c_str());
  }
  std::map<std::string, const Session*> on_now;  // every room logged so far, plus those with a session on now
  for (const auto& [room_key, uid] : m_now_on) on_now[room_key] = nullptr;
  // The windowed kiosk's decision (PlanView): wrong clock, door sign or board, and the next change.
  const ViewPlan plan = PlanView(m_programme.get(), m_options.room, m_time->Trusted(), now, m_time->Zone());
  m_shown_next_change = plan.next_change;
  if (plan.kind == ViewKind::WrongClock) {
    // No now/next to log: the screen shows the programme without them.
    if (!m_wrong_clock_logged) {
      std::printf("wrong clock: %s (clock %s) at %s\n", plan.clock.title.en.c_str(), FormatUtc(now).c_str(),
                  UtcMillis().c_str());
      std::fflush(stdout);
      m_wrong_clock_logged = true;
    }
    m_shown_now = now;
    m_view_due = false;
    return;
  }
  m_wrong_clock_logged = false;
  if (plan.kind == ViewKind::DoorSign) {
    const ui::DoorSignViewModel& sign = *plan.sign;
    if (!sign.found && !m_room_missing_logged) {
      std::fprintf(stderr, "kiosk: %s\n", ui::RoomNotFoundLine(sign, stamp.number).c_str());
    }
    m_room_missing_logged = !sign.found;
    if (sign.found) on_now[sign.room_key] = sign.on_now ? sign.on_now->item.session : nullptr;
  } else {
    for (const ui::RoomCard& card : plan.board->rooms)
      on_now[card.room_key] = card.now ? card.now->item.session : nullptr;
  }
  for (const auto& [room_key, session] : on_now) LogNowOn(room_key, session, now);
  std::fflush(stdout);
  m_shown_now = now;
  m_view_due = false;
}

int Headless::Run() {
  try {
    m_time.emplace(m_options.now, m_started, m_options.speed);
  } catch (const std::exception& error) {
    std::fprintf(stderr, "kiosk: %s\n", error.what());
    return 2;
  }
  StopSignals signals(m_wake.WriteFd());
  if (!m_options.sync_url.empty()) {
    try {
      m_sync = std::make_unique<SyncThread>(SyncSettingsFrom(m_options, m_loader.Path()), [this] { m_wake.Wake(); });
    } catch (const std::exception& error) {
      std::fprintf(stderr, "kiosk: %s\n", error.what());
      return 2;
    }
  }
  std::fprintf(stderr, "%s kiosk: headless, store %s\n", UtcMillis().c_str(), m_loader.Path().c_str());
  m_loader.WaitFirst(std::chrono::seconds{1});  // start-up: the first look at the store, as the window's

  while (!g_stop) {
    const auto steady_now = SteadyClock::now();
    m_watchdog.Tick(steady_now);  // only from this loop: a hung loop stops the pings
    if (m_sync && m_sync->TakeStoreChanged()) m_loader.PollSoon();
    if (std::optional<ProgrammeState> state = m_loader.Take()) {
      const bool changed = state->programme != m_store.programme || state->problem != m_store.problem;
      m_store = std::move(*state);
      if (changed) OnProgrammeChanged();
    }
    ReadClockOffset();
    const Instant now = m_time->Now() + m_offset;
    if (m_programme && (m_view_due || ViewOutOfDate(now, m_shown_now, m_shown_next_change))) Show(now);
    m_watchdog.Ready();  // the store was looked at once: what a window's first frame is
    m_watchdog.Status(m_programme ? "revision " + std::to_string(m_shown_revision) + ", headless" : "no programme");

    // The windowed loop's cadence: until the next store poll or visible change, at most kMaxWaitSeconds.
    double timeout = kMaxWaitSeconds;  // the loader and the sync thread wake it
    if (m_programme)
      timeout = std::min(timeout, m_time->RealSeconds(static_cast<double>((m_shown_next_change - now).count())));
    m_wake.Wait(std::clamp(timeout, kMinWaitSeconds, kMaxWaitSeconds));
  }
  m_watchdog.Stopping();

  if (m_sync) {
    m_sync->Stop();
    const SyncCounters counters = m_sync->Counters();
    std::fprintf(stderr,
                 "%s kiosk: sync stopped: %lld polls (%lld updated, %lld unchanged, %lld failed), %llu bytes, "
                 "%llu bytes in unchanged polls\n",
                 UtcMillis().c_str(), static_cast<long long>(counters.polls), static_cast<long long>(counters.updated),
                 static_cast<long long>(counters.unchanged), static_cast<long long>(counters.failed),
                 static_cast<unsigned long long>(counters.bytes),
                 static_cast<unsigned long long>(counters.unchanged_bytes));
  }
  std::fprintf(stderr, "%s kiosk: headless stopped, revision %lld shown\n", UtcMillis().c_str(),
               static_cast<long long>(m_shown_revision));
  return 0;
}

}  // namespace

int RunHeadless(const AppOptions& options) {
  try {
    Headless headless(options);
    return headless.Run();
  } catch (const std::exception& error) {
    std::fprintf(stderr, "kiosk: fatal: %s\n", error.what());
    return 1;
  }
}

}  // namespace kiosk::app
