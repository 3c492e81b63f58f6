// A salon's door sign (DoorSignScreen.cpp).
#pragma once

#include "kiosk/ui/DoorSignViewModel.h"
#include "kiosk/ui/ScreenContext.h"

namespace kiosk::ui {

/// A salon's door sign: its name large, the clock, what is on now (or that it is free), next, and its day. An unknown
/// room gives the message screen naming the rooms that exist. `notice` replaces the revision line.
Action DrawDoorSign(const ScreenContext& context, const DoorSignViewModel& sign, const Bilingual& notice = {});

}  // namespace kiosk::ui
