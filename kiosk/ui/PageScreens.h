// The lobby's picture pages: the partners page and the venue plan page (drawn in PageScreens.cpp).
#pragma once

#include <string>

#include "kiosk/ui/Screens.h"

namespace kiosk::ui {

/// Whether the partners page has something to show (context.branding lists partners): the rotation skips it if not.
bool HasPartnersPage(const ScreenContext& context);
/// Whether the venue plan page has something to show (context.branding's plan has rooms).
bool HasPlanPage(const ScreenContext& context);

/// The partners page: the board's header, "Nos partenaires · Our partners", the partners' logos (their names when a
/// logo is missing) in a grid, the QR code to the online programme when context.branding has its URL, the footer.
Action DrawPartners(const ScreenContext& context, const BoardViewModel& board, const Pager& pager);

/// The venue plan page: the board's header, the plan as large as fits, rooms with a session on now marked with it,
/// "Vous êtes ici · You are here" on `here_room_key` (a Room::key; empty: the screen has no place on the plan).
Action DrawVenuePlan(const ScreenContext& context, const BoardViewModel& board, const Pager& pager,
                     const std::string& here_room_key);

}  // namespace kiosk::ui
