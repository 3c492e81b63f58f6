// The message screen: nothing to show, and why (MessageScreen.cpp).
#pragma once

#include "kiosk/ui/Overlays.h"
#include "kiosk/ui/ScreenContext.h"

namespace kiosk::ui {

/// Nothing to show: the reason and when the next attempt is.
Action DrawMessage(const ScreenContext& context, const MessageViewModel& message);

}  // namespace kiosk::ui
