// The check-in desk's screen drawn with ImGui: header with counters, the search field, result rows, the outcome
// panel, the hub status line; and the staff PIN screen. Reads a CheckinViewModel, returns what was clicked.
#pragma once

#include "kiosk/ui/CheckinViewModel.h"
#include "kiosk/ui/Screens.h"

namespace kiosk::ui {

/// What the mouse asked for on the desk screen (the keyboard goes to the desk controller directly, in order).
struct CheckinAction {
  enum class Kind { None, CheckIn, Undo };
  Kind kind = Kind::None;
  int row = -1;  ///< CheckIn: the index of the clicked result row
};

/// Draws the desk (landscape; every length in units of the screen height, so 1366x768 and 1920x1080 look alike), or
/// the PIN screen when `vm.locked`. `caret_on`: whether the field's caret is drawn this frame (it blinks).
CheckinAction DrawCheckinScreen(const ScreenContext& context, const CheckinViewModel& vm, bool caret_on = true);

}  // namespace kiosk::ui
