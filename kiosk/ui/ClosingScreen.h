// The closing screen after the event (ClosingScreen.cpp).
#pragma once

#include "kiosk/ui/BoardViewModel.h"
#include "kiosk/ui/ScreenContext.h"

namespace kiosk::ui {

/// After the event: closing words.
Action DrawClosing(const ScreenContext& context, const BoardViewModel& board);

}  // namespace kiosk::ui
