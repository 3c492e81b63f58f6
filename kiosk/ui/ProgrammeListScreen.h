// The programme of one day as a list, without now or next (ProgrammeListScreen.cpp).
#pragma once

#include "kiosk/ui/Overlays.h"
#include "kiosk/ui/ScreenContext.h"

namespace kiosk::ui {

/// The programme of one day as a list, without now or next (the clock is wrong): time, marks, title, room; page
/// `page` of it.
Action DrawProgrammeList(const ScreenContext& context, const ProgrammeListViewModel& list, int page,
                         const Pager& pager);
/// Pages the list needs on this screen (>= 1).
int ProgrammeListPageCount(const ScreenContext& context, const ProgrammeListViewModel& list);

}  // namespace kiosk::ui
