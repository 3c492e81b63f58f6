// The wrong-clock programme: every page of every day's grid or list in rotation, without now or next.
#include "kiosk/ui/WrongClockScreen.h"

#include "kiosk/ui/ScreenParts.h"

namespace kiosk::ui {

int WrongClockScreenCount(const ScreenContext& context, const WrongClockViewModel& programme) {
  int count = 0;
  for (const WrongClockGrid& day : programme.grids) count += TimelinePageCount(context, day.grid);
  for (const ProgrammeListViewModel& list : programme.lists) count += ProgrammeListPageCount(context, list);
  return count;
}

Action DrawWrongClock(const ScreenContext& context, const WrongClockViewModel& programme, int index) {
  const int count = WrongClockScreenCount(context, programme);
  if (count == 0) return DrawMessage(context, programme.message);  // nothing to list, and the clock still to fix
  index = ((index % count) + count) % count;
  const Pager pager{index, count};
  for (const WrongClockGrid& day : programme.grids) {
    const int pages = TimelinePageCount(context, day.grid);
    if (index < pages) return DrawTimeline(context, day.header, day.grid, index, pager);
    index -= pages;
  }
  for (const ProgrammeListViewModel& list : programme.lists) {
    const int pages = ProgrammeListPageCount(context, list);
    if (index < pages) return DrawProgrammeList(context, list, index, pager);
    index -= pages;
  }
  return DrawMessage(context, programme.message);
}

}  // namespace kiosk::ui
