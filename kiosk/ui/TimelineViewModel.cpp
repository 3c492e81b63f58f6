// Builds the day timeline: grid span from the day's sessions (or a window of it around now), bars clipped to it, hour
// ticks, the now-line and the legend.
#include "kiosk/ui/TimelineViewModel.h"

#include <algorithm>
#include <array>

#include "kiosk/core/NowNext.h"
#include "kiosk/core/Text.h"
#include "kiosk/ui/Catalogue.h"
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

/// Whether `session` shows on a grid from `start` to `end`: it overlaps it (an instant session: it falls in it).
bool OnGrid(const Session& session, Instant start, Instant end) {
  if (session.start == session.end) return start <= session.start && session.start <= end;
  return session.start < end && session.end > start;
}

/// A source kind as the legend names it: as written, first letter capitalised ("talk" -> "Talk"); "Autre" if empty.
std::string OwnKindName(std::string_view kind) {
  std::string name = DisplayText(kind, false);
  if (name.empty()) return UiText("kind.other").fr;
  if (name[0] >= 'a' && name[0] <= 'z') name[0] = static_cast<char>(name[0] - 'a' + 'A');
  return name;
}

/// The legend's categories in the order a day runs.
constexpr std::array<SessionKind, 6> kLegendOrder = {SessionKind::Plenary, SessionKind::Workshop, SessionKind::Regional,
                                                     SessionKind::Cafe,    SessionKind::B2B,      SessionKind::Break};

}  // namespace

TimelineViewModel TimelineViewModel::Build(const Programme& programme, Day day, Instant now, const VenueZone& zone,
                                           std::chrono::hours window, std::chrono::hours threshold) {
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
  vm.day_start = FloorHour(first, zone);
  vm.day_end = std::min(CeilHour(last, zone), std::max(day_change, CeilHour(first, zone) + hours{1}));
  if (vm.day_end <= vm.day_start) vm.day_end = vm.day_start + hours{1};
  if (now >= vm.day_end && now < last) {
    // A session of the day still runs long after the day (an exhibition over weeks): the grid follows now rather
    // than showing the day's first night with no now-line.
    vm.day_end = std::max(vm.day_end, std::min(CeilHour(last, zone), FloorHour(now - hours{1}, zone) + window));
  }
  vm.grid_start = vm.day_start;
  vm.grid_end = vm.day_end;
  if (vm.day_end - vm.day_start > std::max(threshold, window)) {
    // Over a long day (a congress running into the night) bars an hour long would be slivers: show the hours around
    // now, from the hour before it so what has just started keeps its beginning on screen.
    vm.windowed = true;
    Instant start = now < first ? vm.day_start : FloorHour(now - hours{1}, zone);
    start = std::clamp(start, vm.day_start, vm.day_end - window);
    vm.grid_start = start;
    vm.grid_end = start + window;
  }

  // UTC steps of an hour from a local whole hour land on local whole hours, and across a DST change they repeat or
  // skip the local hour exactly as the wall clock does.
  for (Instant t = vm.grid_start; t <= vm.grid_end; t += hours{1}) {
    vm.ticks.push_back({Share(t, vm.grid_start, vm.grid_end), zone.FormatHm(t)});
  }

  const bool french = ProgrammeIsFrench(programme);
  for (const Room& room : programme.rooms) {
    TimelineRow row;
    row.room_key = room.key;
    row.room_name = DisplayText(room.name, french);
    for (const Session* session : sessions) {
      if (session->room_key != room.key || !OnGrid(*session, vm.grid_start, vm.grid_end)) continue;
      Instant start = std::clamp(session->start, vm.grid_start, vm.grid_end);
      Instant end = std::clamp(session->end, vm.grid_start, vm.grid_end);
      if (end < start) end = start;
      TimelineBar bar;
      bar.item = MakeSessionItem(programme, *session, zone);
      SayMovedHere(bar.item);  // the row is its new room
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

std::vector<TimelineViewModel> TimelineViewModel::BuildWithoutNow(const Programme& programme, Day day,
                                                                  const VenueZone& zone) {
  std::vector<TimelineViewModel> grids;
  // The day before, at midnight: before every session filed under `day`, so the first window starts with the day.
  Instant at = zone.ToInstant(date::local_days{day} - date::days{1});
  for (int guard = 0; guard < 8; ++guard) {
    TimelineViewModel vm = Build(programme, day, at, zone);
    const bool more = vm.windowed && vm.grid_end < vm.day_end;
    const Instant next = vm.grid_end;
    if (vm.rows.empty()) {
      // A gap in a long day (nothing between the morning and the evening): no grid for it, and go on after it.
      if (!more) break;
      at = next + hours{1};
      continue;
    }
    vm.now_x.reset();
    vm.now_hm.clear();
    for (TimelineRow& row : vm.rows) {
      for (TimelineBar& bar : row.bars) bar.is_now = bar.is_past = false;
    }
    grids.push_back(std::move(vm));
    if (!more) break;
    // The next window starts where this one ends: Build starts a window at the hour before `now`.
    at = next + hours{1};
  }
  return grids;
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

TimelineLegend TimelineViewModel::Legend(std::size_t first, std::size_t last, std::size_t max_other) const {
  std::array<bool, kLegendOrder.size()> present{};
  struct OtherKind {
    std::string key;
    std::string label;
    int bars = 0;
  };
  std::vector<OtherKind> others;  // in order of first sight, so ties keep it
  last = std::min(last, rows.size());
  for (std::size_t i = first; i < last; ++i) {
    for (const TimelineBar& bar : rows[i].bars) {
      if (bar.item.cancelled) continue;
      auto known = std::find(kLegendOrder.begin(), kLegendOrder.end(), bar.item.kind);
      if (known != kLegendOrder.end()) {
        present[static_cast<std::size_t>(known - kLegendOrder.begin())] = true;
        continue;
      }
      const std::string_view source = bar.item.session ? std::string_view(bar.item.session->kind) : std::string_view();
      std::string key = NormalizeKey(source);
      auto it = std::find_if(others.begin(), others.end(), [&](const OtherKind& o) { return o.key == key; });
      if (it == others.end()) it = others.insert(others.end(), {std::move(key), OwnKindName(source), 0});
      ++it->bars;
    }
  }
  TimelineLegend legend;
  for (std::size_t k = 0; k < kLegendOrder.size(); ++k)
    if (present[k]) legend.items.push_back({kLegendOrder[k], KindLabel(kLegendOrder[k]).fr});
  std::stable_sort(others.begin(), others.end(),
                   [](const OtherKind& a, const OtherKind& b) { return a.bars > b.bars; });
  for (std::size_t i = 0; i < others.size(); ++i) {
    if (i < max_other) {
      legend.items.push_back({SessionKind::Other, others[i].label});
    } else {
      ++legend.more_other;
    }
  }
  return legend;
}

int RotationPage(std::chrono::seconds elapsed, std::chrono::seconds per_page, int pages) {
  if (pages <= 1 || per_page.count() <= 0) return 0;
  long long index = elapsed.count() / per_page.count();
  return static_cast<int>(((index % pages) + pages) % pages);
}

}  // namespace kiosk::ui
