// The venue zone and clock, the sync settings and the view decision shared by the windowed and headless kiosks.
#include "kiosk/app/ProgrammeClock.h"

#include <algorithm>
#include <cstdio>
#include <stdexcept>

#include "kiosk/app/Config.h"
#include "kiosk/core/RoomLookup.h"

namespace kiosk::app {

ProgrammeClock::ProgrammeClock(std::optional<std::string> now_text, SteadyTime started, double speed)
    : m_now_text(std::move(now_text)),
      m_started(started),
      m_speed(speed),
      m_zone(std::make_unique<VenueZone>(kDefaultZone)) {
  if (!(speed >= kMinSpeed && speed <= kMaxSpeed)) {
    char text[128];
    std::snprintf(text, sizeof text, "--speed: %g is out of range %g..%g", speed, kMinSpeed, kMaxSpeed);
    throw std::invalid_argument(text);
  }
  if (m_now_text) {
    try {
      m_clock = std::make_unique<RunningClock>(ParseIsoInstant(*m_now_text, *m_zone), m_speed);
    } catch (const std::exception& error) {
      throw std::invalid_argument(std::string("--now: ") + error.what());
    }
    m_clock_zone = m_zone->Name();
  } else if (m_speed != 1.0) {
    // A sped-up clock starts at the real time and runs from there.
    m_clock = std::make_unique<RunningClock>(SystemClock().Now(), m_speed);
  } else {
    m_clock = std::make_unique<SystemClock>();
  }
}

void ProgrammeClock::UseZone(const std::string& zone_name) {
  if (zone_name != m_zone->Name()) {
    try {
      m_zone = std::make_unique<VenueZone>(zone_name);
    } catch (const std::exception& error) {
      std::fprintf(stderr, "kiosk: %s; showing times in %s\n", error.what(), kDefaultZone);
      m_zone = std::make_unique<VenueZone>(kDefaultZone);
    }
  }
  if (m_now_text && m_clock_zone != m_zone->Name()) {
    try {
      const Instant start = ParseIsoInstant(*m_now_text, *m_zone);
      // The programme time run so far is the real time run so far times the speed.
      const auto run = std::chrono::duration_cast<std::chrono::seconds>(
          std::chrono::duration<double>(std::chrono::steady_clock::now() - m_started) * m_speed);
      m_clock = std::make_unique<RunningClock>(start + run, m_speed);
      m_clock_zone = m_zone->Name();
    } catch (const std::exception&) {
      // Already read once in the constructor; keep the clock as it is.
    }
  }
}

SyncSettings SyncSettingsFrom(const AppOptions& options, const std::filesystem::path& store) {
  return SyncSettings{options.sync_url, options.sync_pubkey, store,
                      std::chrono::milliseconds(static_cast<long long>(options.sync_interval * 1000))};
}

ViewPlan PlanView(const LoadedProgramme* loaded, const std::optional<std::string>& room_option, bool clock_trusted,
                  Instant now, const VenueZone& zone) {
  ViewPlan plan;
  if (!loaded) {
    plan.next_change = now + std::chrono::seconds{1};
    return plan;
  }
  const Programme& programme = loaded->programme;
  const ui::RevisionStamp stamp{loaded->revision.number, loaded->revision.imported_at};
  plan.room = room_option ? MatchRoom(programme.rooms, *room_option).room : nullptr;
  plan.announcements =
      ui::AnnouncementsViewModel::Build(loaded->announcements, now, plan.room ? &plan.room->key : nullptr);
  if (!clock_trusted) plan.clock = ui::ClockProblemViewModel::Build(programme, stamp, now, zone);
  if (plan.clock.Wrong() && (plan.room || !room_option)) {
    plan.kind = ViewKind::WrongClock;
    // Nothing on it follows the clock but the minute it shows (and announcements).
    plan.next_change = std::chrono::floor<std::chrono::minutes>(now) + std::chrono::minutes{1};
  } else if (room_option) {
    plan.kind = ViewKind::DoorSign;
    plan.sign = ui::DoorSignViewModel::Build(programme, *room_option, now, zone, stamp);
    plan.next_change = plan.sign->next_change;
  } else {
    plan.kind = ViewKind::Board;
    plan.board = ui::BoardViewModel::Build(programme, now, zone, stamp);
    plan.next_change = plan.board->next_change;
  }
  // An announcement ending changes the screen.
  if (plan.announcements.next_change) plan.next_change = std::min(plan.next_change, *plan.announcements.next_change);
  return plan;
}

}  // namespace kiosk::app
