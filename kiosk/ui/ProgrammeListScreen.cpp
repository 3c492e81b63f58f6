// The programme of one day as a list without now or next (the wrong-clock programme), in pages.
#include "kiosk/ui/ProgrammeListScreen.h"

#include <algorithm>
#include <cfloat>
#include <cmath>

#include "kiosk/ui/Catalogue.h"
#include "kiosk/ui/ScreenParts.h"
#include "kiosk/ui/Typography.h"

namespace kiosk::ui {

namespace {

/// The programme list's grid: columns, rows per column, item height.
struct ListGrid {
  int columns = 1;
  int rows = 1;
  float item_h = 0;
};

ListGrid LayoutList(const ScreenContext& context) {
  const Metrics& m = context.metrics;
  const Bands b = LayoutBands(context);
  ListGrid grid;
  grid.columns = b.right - b.left >= m.U(1500) ? 2 : 1;
  grid.item_h = LineOf(context, Fonts::kStrong) + LineOf(context, Fonts::kBody) + m.U(18);
  grid.rows = std::max(1, static_cast<int>((b.content_bottom - b.content_top - m.U(10)) / grid.item_h));
  return grid;
}

}  // namespace

int ProgrammeListPageCount(const ScreenContext& context, const ProgrammeListViewModel& list) {
  const ListGrid grid = LayoutList(context);
  const int per_page = grid.columns * grid.rows;
  return std::max(1, (static_cast<int>(list.items.size()) + per_page - 1) / per_page);
}

namespace {

/// The programme list's body: its header (the day's, or a door sign's room name large), the items of page `page`,
/// and its footer.
void DrawProgrammeListBody(const ScreenContext& context, const Painter& p, const Bands& b,
                           const ProgrammeListViewModel& list, int page, const Pager& pager) {
  const Theme& t = p.T();
  const Metrics& m = p.M();
  if (list.show_rooms) {
    DrawHeader(p, b, list.title, list.day_label, "");
  } else {
    // A door sign: the room's name large, as on the sign itself, then the day.
    const float size = std::round(p.Px(Fonts::kDisplay) * 0.6f);
    const Fonts::Role role = p.Big(list.title);
    p.Text(role, ImVec2(b.left, b.header_top), t.accent,
           FitOneLine(list.title, b.right - b.left, [&](std::string_view s) { return p.Width(role, s, size); }), size);
    const float y = b.header_top + std::round(size * 1.12f);
    p.TextFit(Fonts::kBody, ImVec2(b.left, y), b.right - b.left, t.text, Join(list.day_label));
    p.HLine(b.left, b.right, b.header_bottom, t.track);
  }
  const ListGrid grid = LayoutList(context);
  const int per_page = grid.columns * grid.rows;
  const int pages = ProgrammeListPageCount(context, list);
  page = ((page % pages) + pages) % pages;
  const std::size_t first = static_cast<std::size_t>(page) * static_cast<std::size_t>(per_page);
  const std::size_t last = std::min(list.items.size(), first + static_cast<std::size_t>(per_page));
  const float column_w = (b.right - b.left - (grid.columns - 1) * m.U(40)) / grid.columns;
  const float time_w = p.Width(Fonts::kStrong, "00:00") + m.U(24);
  for (std::size_t i = first; i < last; ++i) {
    const SessionItem& item = list.items[i];
    const int index = static_cast<int>(i - first);
    const float x0 = b.left + (index / grid.rows) * (column_w + m.U(40));
    const float y = b.content_top + m.U(6) + (index % grid.rows) * grid.item_h;
    const float x = x0 + m.U(20) + time_w, w = x0 + column_w - x;
    const ImU32 colour = item.cancelled ? t.warning : t.text;
    p.List()->AddCircleFilled(ImVec2(x0 + m.U(4), y + p.Line(Fonts::kStrong) / 2), m.U(6), t.KindColour(item.kind), 12);
    p.Text(Fonts::kStrong, ImVec2(x0 + m.U(20), y), colour, item.start_hm);
    p.TextFit(Fonts::kStrong, ImVec2(x, y), w, colour, item.title);
    float dx = x;
    const float dy = y + p.Line(Fonts::kStrong);
    const float badges = p.Badges(Fonts::kBody, ImVec2(dx, dy - m.U(2)), w * 0.6f, item.marks);
    if (badges > 0) dx += badges + m.U(14);
    std::string detail = Join(item.kind_label);
    if (list.show_rooms) detail = item.room_name + (detail.empty() ? "" : Dot() + detail);
    p.TextFit(Fonts::kBody, ImVec2(dx, dy), x + w - dx, t.text_muted, item.time_range + Dot() + detail);
  }
  if (list.items.empty())
    p.TextCentred(Fonts::kTitle, context.size.x / 2, (b.content_top + b.content_bottom) / 2, t.text_muted,
                  Join(UiText("common.no_sessions_day")));
  DrawFooter(p, b, list.revision, pager, {}, FooterTop::None);
}

}  // namespace

Action DrawProgrammeList(const ScreenContext& context, const ProgrammeListViewModel& list, int page,
                         const Pager& pager) {
  return DrawScreenFrame(
      context, [&](const Painter& p, const Bands& b) { DrawProgrammeListBody(context, p, b, list, page, pager); });
}

}  // namespace kiosk::ui
