// The countdown before the event (CountdownScreen.cpp).
#pragma once

#include "kiosk/ui/BoardViewModel.h"
#include "kiosk/ui/ScreenContext.h"

namespace kiosk::ui {

/// Before the event (or overnight between two days): countdown and the programme of the day to come.
Action DrawCountdown(const ScreenContext& context, const BoardViewModel& board);

}  // namespace kiosk::ui
