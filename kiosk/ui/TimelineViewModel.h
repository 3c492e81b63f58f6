// The day timeline: rooms (rows) against venue-local hours (columns), bars placed on 0..1 of the grid; no ImGui.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/core/Model.h"
#include "kiosk/core/VenueZone.h"
#include "kiosk/ui/BoardViewModel.h"

namespace kiosk::ui {

/// One session's bar on a row. x0 < x1 are shares 0..1 of the grid span, after clipping to the grid.
struct TimelineBar {
  SessionItem item;
  float x0 = 0.0f;
  float x1 = 0.0f;
  bool clipped_start = false;  ///< the session starts before the grid (drawn open on the left)
  bool clipped_end = false;    ///< the session ends after the grid (drawn open on the right)
  bool is_now = false;         ///< on now (confirmed and start <= now < end)
  bool is_past = false;        ///< ended at or before now
};

/// One room's row.
struct TimelineRow {
  std::string room_key;
  std::string room_name;
  std::vector<TimelineBar> bars;  ///< by start
};

/// A venue-local hour line of the grid.
struct TimelineTick {
  float x = 0.0f;     ///< share 0..1 of the grid span
  std::string label;  ///< "09:00"
};

/// The grid of one programme day.
struct TimelineViewModel {
  Day day{};
  Bilingual day_label;              ///< "mercredi 8 juillet 2026" / "Wednesday 8 July 2026"
  Instant grid_start{};             ///< UTC of the venue-local whole hour at or before the day's first start
  Instant grid_end{};               ///< UTC of the whole hour at or after the last end, at most the next day at 06:00
  std::vector<TimelineTick> ticks;  ///< one per venue-local hour, grid_start included, grid_end included
  std::vector<TimelineRow> rows;    ///< rooms with a session filed under the day, in programme order
  std::optional<float> now_x;       ///< share 0..1 where now falls, when it falls inside the grid
  std::string now_hm;               ///< venue-local "12:30" of now

  /// The grid of `day`'s sessions (Session::day, so a day never shows another day's sessions). A session crossing
  /// the grid's edge is clipped to it, never dropped. An empty day gives no rows and no ticks.
  static TimelineViewModel Build(const Programme& programme, Day day, Instant now, const VenueZone& zone);

  /// Pages needed to show every row with `rows_per_page` rows per page (at least 1; rows_per_page < 1 counts as 1).
  int PageCount(int rows_per_page) const;
  /// Indices [first, last) of the rows on page `page` (taken modulo the page count).
  std::pair<std::size_t, std::size_t> RowsOnPage(int page, int rows_per_page) const;
};

/// The venue-local hour at which one programme day hands over to the next, for grids (frab's day change).
inline constexpr int kDayChangeHour = 6;

/// Which page of `pages` shows at `elapsed` time since the rotation started: (elapsed / per_page) % pages.
int RotationPage(std::chrono::seconds elapsed, std::chrono::seconds per_page, int pages);

}  // namespace kiosk::ui
