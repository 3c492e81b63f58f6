// The venue screens drawn with ImGui, one header (and file) each: lobby board, day timeline, countdown, closing, door
// sign, message, programme list and wrong-clock programme; with what they share (ScreenContext.h). What covers them
// (announcements, the wrong-clock band, the staff corner) is drawn in ScreenOverlays.cpp, their shared preamble and
// chrome in Screens.cpp.
#pragma once

#include <string>
#include <vector>

#include <imgui.h>

#include "kiosk/ui/BoardViewModel.h"
#include "kiosk/ui/Branding.h"
#include "kiosk/ui/DoorSignViewModel.h"
#include "kiosk/ui/Fonts.h"
#include "kiosk/ui/Overlays.h"
#include "kiosk/ui/StaffStatus.h"
#include "kiosk/ui/Theme.h"
#include "kiosk/ui/TimelineViewModel.h"

#include "kiosk/ui/BoardScreen.h"
#include "kiosk/ui/ClosingScreen.h"
#include "kiosk/ui/CountdownScreen.h"
#include "kiosk/ui/DoorSignScreen.h"
#include "kiosk/ui/MessageScreen.h"
#include "kiosk/ui/ProgrammeListScreen.h"
#include "kiosk/ui/ScreenContext.h"
#include "kiosk/ui/TimelineScreen.h"
#include "kiosk/ui/WrongClockScreen.h"
