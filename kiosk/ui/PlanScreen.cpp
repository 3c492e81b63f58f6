// The lobby's venue plan page: the plan as large as fits and the list of the rooms with a session on now.
#include "kiosk/ui/PlanScreen.h"

#include <algorithm>
#include <cmath>

#include "kiosk/ui/Catalogue.h"
#include "kiosk/ui/ScreenParts.h"
#include "kiosk/ui/Typography.h"

namespace kiosk::ui {

namespace {

/// The "now on" list beside (or under) the plan: each room with a session on now, its kind's swatch, its title and
/// time. Stops at `b.y`.
void DrawNowList(const Painter& p, ImVec2 a, ImVec2 b, const BoardViewModel& board) {
  const Theme& t = p.T();
  const Metrics& m = p.M();
  const float width = b.x - a.x;
  float y = a.y;
  const Bilingual& heading = UiText("plan.now_on");
  p.TextFit(Fonts::kStrong, ImVec2(a.x, y), width, t.accent, FrenchDisplay(heading.fr) + Dot() + heading.en);
  y += p.Line(Fonts::kStrong) + m.U(10);
  // The fullest entries with which every room on now fits: two lines of title and the time, else one line and the
  // time, else one line; those that still do not fit are left out (the plan shows them).
  int count = 0;
  for (const RoomCard& card : board.rooms) count += card.now ? 1 : 0;
  const float body = p.Line(Fonts::kBody), gap = m.U(18), name = p.Line(Fonts::kStrong);
  auto fits = [&](int body_lines) { return y + count * (name + body_lines * body + gap) <= b.y; };
  const int title_lines = fits(3) ? 2 : 1;
  const bool show_time = fits(title_lines + 1);
  bool any = false;
  for (const RoomCard& card : board.rooms) {
    if (!card.now) continue;
    const SessionItem& item = card.now->item;
    const float swatch = m.U(10), left = a.x + swatch + m.U(16), inner = b.x - left;
    if (y + name + body + gap > b.y) break;
    any = true;
    const float top = y;
    p.TextFit(Fonts::kStrong, ImVec2(left, y), inner, t.text, card.room_name);
    y += name;
    y += p.TextWrapped(Fonts::kBody, ImVec2(left, y), inner, t.text_muted, item.title, title_lines);
    if (show_time && y + body + gap <= b.y) {
      p.TextFit(Fonts::kBody, ImVec2(left, y), inner, t.text_faint, item.time_range + Dot() + card.now->remaining.fr);
      y += body;
    }
    p.Rect(ImVec2(a.x, top + m.U(4)), ImVec2(a.x + swatch, y - m.U(4)), t.KindColour(item.kind), swatch / 2);
    y += gap;
  }
  if (!any) {
    const Bilingual& none = UiText("plan.nothing_now");
    p.TextWrapped(Fonts::kBody, ImVec2(a.x, y), width, t.text_muted, FrenchDisplay(none.fr) + Dot() + none.en, 3);
  }
}

/// The venue plan page's body: its title, the plan with its own title under it, and the "now on" list.
void DrawVenuePlanBody(const ScreenContext& context, const Painter& p, const Bands& b, const BoardViewModel& board,
                       const std::string& here_room_key) {
  const Theme& t = p.T();
  const Metrics& m = p.M();
  const float top = b.content_top + DrawPageTitle(p, b.left, b.right, b.content_top, UiText("plan.title")) + m.U(16);
  const VenuePlan empty;
  const VenuePlan& plan = context.branding ? context.branding->plan : empty;
  // The plan's own title (it says the plan is schematic) under the plan, small.
  const float note_h = plan.title.empty() ? 0.0f : p.Line(Fonts::kBody) + m.U(8);
  const float width = b.right - b.left, height = b.content_bottom - top;
  // The list under the plan on a portrait screen, and on one too narrow for the list's least width (m.U(480)) to be
  // at most 42 % of it (a square 1024 x 1024): beside the plan there, the list would crowd it to a third.
  const bool stacked = context.size.y > context.size.x * 1.1f || m.U(480) > width * 0.42f;
  ImVec2 plan_min(b.left, top), plan_max(b.right, b.content_bottom - note_h);
  ImVec2 list_min, list_max;
  if (stacked) {
    // The plan across the width, the list under it.
    const float plan_h = std::min(width / plan.aspect, height * 0.62f);
    plan_max.y = top + plan_h;
    list_min = ImVec2(b.left, plan_max.y + note_h + m.U(28));
    list_max = ImVec2(b.right, b.content_bottom);
  } else {
    // The plan as tall as the band, the list in the width it leaves (at least m.U(480)).
    const float by_height = (height - note_h) * plan.aspect;
    // At least m.U(480) but never over 42 % of the width; std::min keeps std::clamp's bounds in order (crossed,
    // it is undefined) should the test for `stacked` ever change.
    const float list_max_w = width * 0.42f;
    const float list_w = std::clamp(width - by_height - m.U(48), std::min(m.U(480), list_max_w), list_max_w);
    plan_max.x = b.right - list_w - m.U(48);
    list_min = ImVec2(b.right - list_w, top);
    list_max = ImVec2(b.right, b.content_bottom);
  }
  const auto box = FitAspect(plan_min, plan_max, plan.aspect);
  std::vector<Room> rooms;  // the programme's names for plan rooms without a label
  for (const RoomCard& card : board.rooms) rooms.push_back(Room{card.room_key, card.room_name});
  if (!stacked) {
    // Keep the plan at the left edge: the list takes the rest.
    const float shift = box.first.x - b.left;
    const std::pair<ImVec2, ImVec2> left_box{ImVec2(box.first.x - shift, box.first.y),
                                             ImVec2(box.second.x - shift, box.second.y)};
    list_min.x = std::min(list_min.x, left_box.second.x + m.U(48));
    if (!plan.Empty()) DrawPlan(p, left_box, plan, here_room_key, !here_room_key.empty(), &rooms, &board.rooms);
    if (note_h > 0)
      p.TextFit(Fonts::kBody, ImVec2(left_box.first.x, left_box.second.y + m.U(8)),
                left_box.second.x - left_box.first.x, t.text_faint, FrenchDisplay(plan.title));
  } else {
    if (!plan.Empty()) DrawPlan(p, box, plan, here_room_key, !here_room_key.empty(), &rooms, &board.rooms);
    if (note_h > 0)
      p.TextFit(Fonts::kBody, ImVec2(box.first.x, box.second.y + m.U(8)), box.second.x - box.first.x, t.text_faint,
                FrenchDisplay(plan.title));
  }
  DrawNowList(p, list_min, list_max, board);
}

}  // namespace

bool HasPlanPage(const ScreenContext& context) {
  return context.branding != nullptr && !context.branding->plan.Empty();
}

Action DrawVenuePlan(const ScreenContext& context, const BoardViewModel& board, const Pager& pager,
                     const std::string& here_room_key) {
  return DrawBoardScreenFrame(context, board, {pager}, [&](const Painter& p, const Bands& b) {
    DrawVenuePlanBody(context, p, b, board, here_room_key);
  });
}

}  // namespace kiosk::ui
