// The wrong-clock programme in rotation: grids and lists without now or next (WrongClockScreen.cpp).
#pragma once

#include "kiosk/ui/Overlays.h"
#include "kiosk/ui/ScreenContext.h"

namespace kiosk::ui {

/// Screens the wrong-clock programme rotates through: every page of every grid or list (0 when it is Empty()).
int WrongClockScreenCount(const ScreenContext& context, const WrongClockViewModel& programme);
/// Screen `index` (modulo the count) of the wrong-clock programme, with page dots for the rotation; the message
/// screen when it is Empty().
Action DrawWrongClock(const ScreenContext& context, const WrongClockViewModel& programme, int index);

}  // namespace kiosk::ui
