// The lobby's venue plan page (PlanScreen.cpp): the board's header and footer, the plan, what is on now.
#pragma once

#include <string>

#include "kiosk/ui/Screens.h"

namespace kiosk::ui {

/// Whether the venue plan page has something to show (context.branding's plan has rooms).
bool HasPlanPage(const ScreenContext& context);

/// The venue plan page: the board's header, "Plan des salles · Venue plan", the plan as large as fits with the plan's
/// own title under it, and "En ce moment · Now on": every room with a session on now (board.rooms' `now`), its
/// title and time. On the plan, rooms with a session on now are filled in the colour of its kind with its title
/// inside when a line of it fits; `here_room_key` (a programme room as kiosk::MatchRoom reads it: key, name or a unique
/// word of the name; else a plan room's key; a lobby screen gives its own place, e.g. "accueil"; empty: none) is filled
/// in the accent with "Vous êtes ici · You are here". The list is beside the plan on a landscape screen, under it on a
/// portrait one and on one too narrow for both side by side (a square screen).
Action DrawVenuePlan(const ScreenContext& context, const BoardViewModel& board, const Pager& pager,
                     const std::string& here_room_key);

}  // namespace kiosk::ui
