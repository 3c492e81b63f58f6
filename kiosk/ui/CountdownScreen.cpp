// The countdown before the event (or overnight): the time to the opening and the programme of the day to come.
#include "kiosk/ui/CountdownScreen.h"

#include <algorithm>
#include <cfloat>
#include <cmath>

#include "kiosk/ui/Catalogue.h"
#include "kiosk/ui/ScreenParts.h"
#include "kiosk/ui/Typography.h"

namespace kiosk::ui {

namespace {

/// The countdown's body: the countdown to the opening and the programme of the day to come.
void DrawCountdownBody(const ScreenContext& context, const Painter& p, const Bands& b, const BoardViewModel& board) {
  const Theme& t = p.T();
  const Metrics& m = p.M();

  // Left: the countdown. Right: the programme of the day to come.
  const bool side_by_side = context.size.x >= context.size.y;
  float left_w = side_by_side ? (b.right - b.left) * 0.40f : b.right - b.left;
  float cx = b.left + left_w / 2;
  float block_h = p.Px(Fonts::kDisplay) * 1.1f + p.Line(Fonts::kTitle) + m.U(30) + 2 * p.Line(Fonts::kBody);
  float y = side_by_side ? (b.content_top + b.content_bottom - block_h) / 2 : b.content_top + m.U(20);
  p.TextCentred(Fonts::kBody, cx, y - p.Line(Fonts::kBody) - m.U(10), t.text_muted, Join(board.waiting_label));
  float size = p.Px(Fonts::kDisplay);
  if (p.Width(Fonts::kDisplay, board.countdown.fr, size) > left_w)
    size *= left_w / p.Width(Fonts::kDisplay, board.countdown.fr, size);
  p.TextCentred(Fonts::kDisplay, cx, y, t.accent, board.countdown.fr, size);
  y += p.Px(Fonts::kDisplay) * 1.1f;
  p.TextCentred(Fonts::kTitle, cx, y, t.text, board.countdown.en);
  y += p.Line(Fonts::kTitle) + m.U(30);
  p.TextCentred(Fonts::kStrong, cx, y, t.text, FitOneLine(board.opening.fr, left_w, p.Measure(Fonts::kStrong)));
  y += p.Line(Fonts::kStrong);
  p.TextCentred(Fonts::kBody, cx, y, t.text_muted, FitOneLine(board.opening.en, left_w, p.Measure(Fonts::kBody)));
  y += p.Line(Fonts::kBody);

  float list_left = side_by_side ? b.left + left_w + m.U(40) : b.left;
  float list_top = side_by_side ? b.content_top : y + m.U(40);
  float list_w = b.right - list_left;
  p.Box("countdown_list", ImVec2(list_left - m.U(20), list_top), ImVec2(b.right, b.content_bottom));
  p.Rect(ImVec2(list_left - m.U(20), list_top), ImVec2(b.right, b.content_bottom), t.surface, m.rounding);
  float ly = list_top + m.U(20);
  float lx = list_left + m.U(8), lw = list_w - m.U(40);
  if (!board.day_programme.empty()) {
    Bilingual day = ShortDayLabel(board.day_programme.front().session->day);
    const Bilingual heading = Format(UiText("common.programme_of"), {{"day", day.fr}});
    p.TextFit(Fonts::kTitle, ImVec2(lx, ly), lw, t.accent, heading.fr);
    ly += p.Line(Fonts::kTitle);
    p.TextFit(Fonts::kBody, ImVec2(lx, ly), lw, t.text_muted,
              Format(UiText("common.programme_of").en, {{"day", day.en}}));
    ly += p.Line(Fonts::kBody) + m.U(14);
  }
  const float time_w = p.Width(Fonts::kStrong, "00:00") + m.U(24);
  const float item_h = p.Line(Fonts::kStrong) + p.Line(Fonts::kBody) + m.U(16);
  const float list_bottom = b.content_bottom - m.U(16);
  for (std::size_t i = 0; i < board.day_programme.size(); ++i) {
    const SessionItem& item = board.day_programme[i];
    std::size_t left_over = board.day_programme.size() - i;
    bool last_fits = ly + item_h <= list_bottom;
    bool room_for_more = ly + item_h + p.Line(Fonts::kBody) <= list_bottom;
    if (!(left_over == 1 ? last_fits : room_for_more)) {
      const std::string more = std::to_string(left_over);
      const bool one = left_over == 1;
      p.Text(Fonts::kBody, ImVec2(lx + m.U(20) + time_w, ly), t.text_faint,
             Join(Format(UiText(one ? "countdown.more_one" : "countdown.more_many"), {{"n", more}})));
      break;
    }
    ImU32 colour = item.cancelled ? t.warning : t.text;
    p.List()->AddCircleFilled(ImVec2(lx + m.U(4), ly + p.Line(Fonts::kStrong) / 2), m.U(6), t.KindColour(item.kind),
                              12);
    p.Text(Fonts::kStrong, ImVec2(lx + m.U(20), ly), colour, item.start_hm);
    p.TextFit(Fonts::kStrong, ImVec2(lx + m.U(20) + time_w, ly), lw - time_w - m.U(20), colour, item.title);
    // Second line: its marks as badges, then room and kind.
    float dx = lx + m.U(20) + time_w;
    const float dy = ly + p.Line(Fonts::kStrong);
    const float badges = p.Badges(Fonts::kBody, ImVec2(dx, dy - m.U(2)), (lw - time_w - m.U(20)) * 0.6f, item.marks);
    if (badges > 0) dx += badges + m.U(14);
    std::string detail = item.room_name + Dot() + Join(item.kind_label);
    p.TextFit(Fonts::kBody, ImVec2(dx, dy), lx + lw - dx, t.text_muted, detail);
    ly += item_h;
  }
}

}  // namespace

Action DrawCountdown(const ScreenContext& context, const BoardViewModel& board) {
  return DrawBoardScreenFrame(context, board, {},
                              [&](const Painter& p, const Bands& b) { DrawCountdownBody(context, p, b, board); });
}

}  // namespace kiosk::ui
