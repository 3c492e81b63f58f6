// The lobby's partners page (PartnersScreen.cpp): the board's header and footer, the partners' tiles, the QR code.
#pragma once

#include <string>

#include "kiosk/ui/Screens.h"

namespace kiosk::ui {

/// Whether the partners page has something to show (context.branding lists partners): the rotation skips it if not.
bool HasPartnersPage(const ScreenContext& context);

/// The partners page: the board's header, "Nos partenaires · Our partners", the partners in context.branding's order
/// in a grid of tiles (a tile shows the partner's logo when it is Valid(), else its name as large as fits, at most
/// two lines, with its caption under it), the QR code to the online programme when context.branding has its URL
/// (beside the grid on a landscape screen, under it on a portrait one), the footer with the revision and `pager`.
Action DrawPartners(const ScreenContext& context, const BoardViewModel& board, const Pager& pager);

}  // namespace kiosk::ui
