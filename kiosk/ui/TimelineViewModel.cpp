// Builds the day timeline: grid span from the day's sessions, bars clipped to it, hour ticks and the now-line.
#include "kiosk/ui/TimelineViewModel.h"

#include <algorithm>

#include "kiosk/core/NowNext.h"
#include "kiosk/ui/Typography.h"

namespace kiosk::ui {
namespace {

using std::chrono::hours;

/// The venue-local whole hour at or before `instant`, as UTC.
Instant FloorHour(Instant instant, const VenueZone& zone) {
  return zone.ToInstant(std::chrono::floor<hours>(zone.ToLocal(instant)));
}

/// The venue-local whole hour at or after `instant`, as UTC.
Instant CeilHour(Instant instant, const VenueZone& zone) {
  date::local_seconds local = zone.ToLocal(instant);
  auto floor = std::chrono::floor<hours>(local);
  return zone.ToInstant(floor == local ? floor : floor + hours{1});
}

float Share(Instant t, Instant start, Instant end) {
  return static_cast<float>((t - start).count()) / static_cast<float>((end - start).count());
}

}  // namespace

TimelineViewModel TimelineViewModel::Build(const Programme& programme, Day day, Instant now, const VenueZone& zone) {
  TimelineViewModel vm;
  vm.day = day;
  vm.day_label = DayLabel(day);
  vm.now_hm = zone.FormatHm(now);
  const std::vector<const Session*> sessions = SessionsOfDay(programme, day);
  if (sessions.empty()) return vm;

  Instant first = Instant::max(), last = Instant::min();
  for (const Session* session : sessions) {
    first = std::min(first, session->start);
    last = std::max(last, session->end);
  }
  // A session running through the night must not stretch the day's grid into the next morning.
  const Instant day_change = zone.ToInstant(date::local_days{day} + date::days{1} + hours{kDayChangeHour});
  vm.grid_start = FloorHour(first, zone);
  vm.grid_end = std::min(CeilHour(last, zone), std::max(day_change, CeilHour(first, zone) + hours{1}));
  if (vm.grid_end <= vm.grid_start) vm.grid_end = vm.grid_start + hours{1};

  // UTC steps of an hour from a local whole hour land on local whole hours, and across a DST change they repeat or
  // skip the local hour exactly as the wall clock does.
  for (Instant t = vm.grid_start; t <= vm.grid_end; t += hours{1}) {
    vm.ticks.push_back({Share(t, vm.grid_start, vm.grid_end), zone.FormatHm(t)});
  }

  for (const Room& room : programme.rooms) {
    TimelineRow row;
    row.room_key = room.key;
    row.room_name = FrenchDisplay(room.name);
    for (const Session* session : sessions) {
      if (session->room_key != room.key) continue;
      Instant start = std::clamp(session->start, vm.grid_start, vm.grid_end);
      Instant end = std::clamp(session->end, vm.grid_start, vm.grid_end);
      if (end < start) end = start;
      TimelineBar bar;
      bar.item = MakeSessionItem(programme, *session, zone);
      bar.x0 = Share(start, vm.grid_start, vm.grid_end);
      bar.x1 = Share(end, vm.grid_start, vm.grid_end);
      bar.clipped_start = session->start < vm.grid_start;
      bar.clipped_end = session->end > vm.grid_end;
      bar.is_now = !bar.item.cancelled && session->start <= now && now < session->end;
      bar.is_past = session->end <= now;
      row.bars.push_back(std::move(bar));
    }
    if (!row.bars.empty()) vm.rows.push_back(std::move(row));
  }
  if (vm.grid_start <= now && now <= vm.grid_end) vm.now_x = Share(now, vm.grid_start, vm.grid_end);
  return vm;
}

int TimelineViewModel::PageCount(int rows_per_page) const {
  rows_per_page = std::max(1, rows_per_page);
  int rows_count = static_cast<int>(rows.size());
  return std::max(1, (rows_count + rows_per_page - 1) / rows_per_page);
}

std::pair<std::size_t, std::size_t> TimelineViewModel::RowsOnPage(int page, int rows_per_page) const {
  rows_per_page = std::max(1, rows_per_page);
  int pages = PageCount(rows_per_page);
  page = ((page % pages) + pages) % pages;
  std::size_t first = static_cast<std::size_t>(page) * static_cast<std::size_t>(rows_per_page);
  std::size_t last = std::min(rows.size(), first + static_cast<std::size_t>(rows_per_page));
  return {std::min(first, rows.size()), last};
}

int RotationPage(std::chrono::seconds elapsed, std::chrono::seconds per_page, int pages) {
  if (pages <= 1 || per_page.count() <= 0) return 0;
  long long index = elapsed.count() / per_page.count();
  return static_cast<int>(((index % pages) + pages) % pages);
}

}  // namespace kiosk::ui
