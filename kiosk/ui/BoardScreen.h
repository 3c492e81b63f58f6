// The lobby board (BoardScreen.cpp): room cards in pages, with the board's header and footer.
#pragma once

#include "kiosk/ui/BoardViewModel.h"
#include "kiosk/ui/ScreenContext.h"

namespace kiosk::ui {

/// Room cards per board page and board pages needed (>= 1) for this view model on this screen.
int BoardRoomsPerPage(const ScreenContext& context);
int BoardPageCount(const ScreenContext& context, const BoardViewModel& board);

/// The lobby board: header (event, day, live clock), room cards of page `page`, footer with later sessions and the
/// revision. `notice` (e.g. the store failing while the last good revision shows) replaces the revision line.
Action DrawBoard(const ScreenContext& context, const BoardViewModel& board, int page, const Pager& pager,
                 const Bilingual& notice = {});

}  // namespace kiosk::ui
