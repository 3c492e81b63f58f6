// The day timeline (TimelineScreen.cpp): rooms against hours with a now-line, in pages.
#pragma once

#include "kiosk/ui/BoardViewModel.h"
#include "kiosk/ui/ScreenContext.h"
#include "kiosk/ui/TimelineViewModel.h"

namespace kiosk::ui {

/// Timeline rows per page and timeline pages needed (>= 1).
int TimelineRowsPerPage(const ScreenContext& context);
int TimelinePageCount(const ScreenContext& context, const TimelineViewModel& timeline);

/// The day timeline: rooms against hours with a now-line; rows of page `page`. A board with an empty clock draws no
/// clock in the header (the wrong-clock programme).
Action DrawTimeline(const ScreenContext& context, const BoardViewModel& board, const TimelineViewModel& timeline,
                    int page, const Pager& pager);

}  // namespace kiosk::ui
