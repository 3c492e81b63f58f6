// The lobby's picture pages: the partners page (PartnersScreen.h) and the venue plan page (PlanScreen.h). Both have the
// board's header and footer, keep to the shared bands (ScreenParts.h LayoutBands) and give way to an emergency notice.
#pragma once

#include "kiosk/ui/PartnersScreen.h"
#include "kiosk/ui/PlanScreen.h"
