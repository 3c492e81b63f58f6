// The closing screen after the event: the thanks, the closing words and the dates.
#include "kiosk/ui/ClosingScreen.h"

#include <algorithm>
#include <cfloat>
#include <cmath>

#include "kiosk/ui/Catalogue.h"
#include "kiosk/ui/ScreenParts.h"
#include "kiosk/ui/Typography.h"

namespace kiosk::ui {

namespace {

/// The closing screen's body: the thanks, the closing words and the event's dates.
void DrawClosingBody(const ScreenContext& context, const Painter& p, const Bands& b, const BoardViewModel& board) {
  const Theme& t = p.T();
  const Metrics& m = p.M();
  const float cx = context.size.x / 2, width = b.right - b.left;
  const float big = std::round(p.Px(Fonts::kDisplay) * 0.62f);
  float block_h =
      big * 1.2f + p.Line(Fonts::kTitle) + m.U(50) + 2 * p.Line(Fonts::kBody) + m.U(40) + p.Line(Fonts::kStrong);
  float y = (b.content_top + b.content_bottom - block_h) / 2;
  std::string thanks = board.closing_title.fr;
  float size = big;
  if (p.Width(Fonts::kDisplay, thanks, size) > width) size *= width / p.Width(Fonts::kDisplay, thanks, size);
  p.TextCentred(Fonts::kDisplay, cx, y, t.accent, thanks, size);
  y += big * 1.2f;
  p.TextCentred(Fonts::kTitle, cx, y, t.text, FitOneLine(board.closing_title.en, width, p.Measure(Fonts::kTitle)));
  y += p.Line(Fonts::kTitle) + m.U(50);
  p.TextCentred(Fonts::kBody, cx, y, t.text, FitOneLine(board.closing_text.fr, width, p.Measure(Fonts::kBody)));
  y += p.Line(Fonts::kBody);
  p.TextCentred(Fonts::kBody, cx, y, t.text_muted, FitOneLine(board.closing_text.en, width, p.Measure(Fonts::kBody)));
  y += p.Line(Fonts::kBody) + m.U(40);
  p.HLine(cx - m.U(120), cx + m.U(120), y - m.U(20), t.track);
  p.TextCentred(Fonts::kStrong, cx, y, t.text_muted, FitOneLine(Join(board.dates), width, p.Measure(Fonts::kStrong)));
}

}  // namespace

Action DrawClosing(const ScreenContext& context, const BoardViewModel& board) {
  return DrawBoardScreenFrame(context, board, {},
                              [&](const Painter& p, const Bands& b) { DrawClosingBody(context, p, b, board); });
}

}  // namespace kiosk::ui
