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

/// A colour of the timeline's legend and what it stands for.
struct LegendItem {
  SessionKind kind = SessionKind::Other;  ///< the colour category (Theme::KindColour)
  std::string label;                      ///< "Atelier" for a category; for Other a kind's own name, "Talk"
};

/// The legend of one timeline page: the colours actually on it.
struct TimelineLegend {
  /// Known categories first, once each whatever the source spelling ("atelier", "micro-atelier"), in the order a
  /// day runs (plenary, workshop, regional, café, B2B, break); then the kinds without a category, which share one
  /// colour, by their own names, those with the most bars first.
  std::vector<LegendItem> items;
  int more_other = 0;  ///< kinds without a category left unnamed (beyond the few named)
};

/// A day spanning more than this is shown as a window around now (a lobby screen reads a few hours, not a night).
inline constexpr std::chrono::hours kTimelineWindowThreshold{10};
/// The length of that window.
inline constexpr std::chrono::hours kTimelineWindow{8};

/// The grid of one programme day, or of a window of it around now when the day is long.
struct TimelineViewModel {
  Day day{};
  Bilingual day_label;  ///< "mercredi 8 juillet 2026" / "Wednesday 8 July 2026"
  Instant day_start{};  ///< UTC of the venue-local whole hour at or before the day's first start
  Instant day_end{};    ///< UTC of the whole hour at or after the last end, at most the next day at 06:00
  /// The span on screen (UTC): the whole day, or when the day spans more than kTimelineWindowThreshold, a window of
  /// kTimelineWindow hours from the venue-local hour before now (from day_start before the day's first session),
  /// shifted (never shrunk) to stay inside day_start..day_end.
  Instant grid_start{};
  Instant grid_end{};
  bool windowed = false;            ///< grid_start..grid_end is a window of a longer day
  std::vector<TimelineTick> ticks;  ///< one per venue-local hour, grid_start included, grid_end included
  /// Rooms with at least one of the day's sessions on the grid, in programme order.
  std::vector<TimelineRow> rows;
  std::optional<float> now_x;  ///< share 0..1 where now falls, when it falls inside the grid
  std::string now_hm;          ///< venue-local "12:30" of now

  /// The grid of `day`'s sessions (Session::day, so a day never shows another day's sessions) at `now` (UTC). A
  /// session crossing the grid's edge (the window's or the day change's) is clipped to it, never dropped; one wholly
  /// outside the window is left out, and so is a room with nothing on the grid. An empty day gives no rows and no
  /// ticks. `window` and `threshold` replace kTimelineWindow and kTimelineWindowThreshold (a portrait screen, whose
  /// hours are narrow, shows 4 of them).
  static TimelineViewModel Build(const Programme& programme, Day day, Instant now, const VenueZone& zone,
                                 std::chrono::hours window = kTimelineWindow,
                                 std::chrono::hours threshold = kTimelineWindowThreshold);
  /// The grid of `day` without now (no now-line, nothing past or on now), for a screen whose clock cannot be trusted
  /// (kiosk::CheckClock): one grid when the day fits, else windows of kTimelineWindow from its start, the last one
  /// ending with the day, so every session shows; a window with nothing on it (a gap in the day) gives no grid, and
  /// the windows after it still come. Empty when the day has no session.
  static std::vector<TimelineViewModel> BuildWithoutNow(const Programme& programme, Day day, const VenueZone& zone);

  /// Pages needed to show every row with `rows_per_page` rows per page (at least 1; rows_per_page < 1 counts as 1).
  int PageCount(int rows_per_page) const;
  /// Indices [first, last) of the rows on page `page` (taken modulo the page count).
  std::pair<std::size_t, std::size_t> RowsOnPage(int page, int rows_per_page) const;
  /// The legend of rows [first, last): the colours of their bars (cancelled bars, drawn as cancelled, count for
  /// none), naming at most `max_other` kinds without a category.
  TimelineLegend Legend(std::size_t first, std::size_t last, std::size_t max_other = 3) const;
};

/// The venue-local hour at which one programme day hands over to the next, for grids (frab's day change).
inline constexpr int kDayChangeHour = 6;

/// Which page of `pages` shows at `elapsed` time since the rotation started: (elapsed / per_page) % pages.
int RotationPage(std::chrono::seconds elapsed, std::chrono::seconds per_page, int pages);

}  // namespace kiosk::ui
