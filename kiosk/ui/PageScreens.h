// The lobby's picture pages: the partners page and the venue plan page (drawn in PageScreens.cpp). Both have the
// board's header and footer, keep to the shared bands (ScreenParts.h LayoutBands) and give way to an emergency notice.
#pragma once

#include <string>

#include "kiosk/ui/Screens.h"

namespace kiosk::ui {

/// Whether the partners page has something to show (context.branding lists partners): the rotation skips it if not.
bool HasPartnersPage(const ScreenContext& context);
/// Whether the venue plan page has something to show (context.branding's plan has rooms).
bool HasPlanPage(const ScreenContext& context);

/// The partners page: the board's header, "Nos partenaires · Our partners", the partners in context.branding's order
/// in a grid of tiles (a tile shows the partner's logo when it is Valid(), else its name as large as fits, at most
/// two lines, with its caption under it), the QR code to the online programme when context.branding has its URL
/// (beside the grid on a landscape screen, under it on a portrait one), the footer with the revision and `pager`.
Action DrawPartners(const ScreenContext& context, const BoardViewModel& board, const Pager& pager);

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
