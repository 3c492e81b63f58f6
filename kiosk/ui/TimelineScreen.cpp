// The day timeline: rooms against hours with a now-line, drawn in the board's frame.
#include "kiosk/ui/TimelineScreen.h"

#include <algorithm>
#include <cfloat>
#include <cmath>

#include "kiosk/ui/Catalogue.h"
#include "kiosk/ui/ScreenParts.h"
#include "kiosk/ui/Typography.h"

namespace kiosk::ui {

namespace {

struct TimelineLayout {
  float label_w;  ///< room-name column
  float axis_h;   ///< hour labels above the grid
  float grid_left, grid_right, grid_top, grid_bottom;
  float row_h;
  int rows_per_page;
};

TimelineLayout LayoutTimeline(const ScreenContext& context) {
  const Metrics& m = context.metrics;
  Bands b = LayoutBands(context);
  TimelineLayout l;
  l.label_w = m.U(360);
  l.axis_h = std::round(m.body * kLineGap) + m.U(12);
  l.grid_left = b.left + l.label_w;
  l.grid_right = b.right - m.U(30);
  l.grid_top = b.content_top + l.axis_h;
  l.grid_bottom = b.content_bottom;
  // Two lines of body text in the bars, or a room name on two tight lines, whichever is taller.
  const float min_row_h = std::max(2 * std::round(m.body * kTitleLineGap) + m.U(22), 2 * m.title);
  l.rows_per_page = std::max(1, static_cast<int>((l.grid_bottom - l.grid_top) / min_row_h));
  l.row_h = min_row_h;
  return l;
}

void DrawBar(const Painter& p, ImVec2 a, ImVec2 b, const TimelineBar& bar) {
  const Theme& t = p.T();
  const Metrics& m = p.M();
  const ImU32 colour = t.KindColour(bar.item.kind);
  float rounding = m.U(8);
  ImDrawFlags corners =
      (bar.clipped_start ? 0 : ImDrawFlags_RoundCornersLeft) | (bar.clipped_end ? 0 : ImDrawFlags_RoundCornersRight);
  if (corners == 0) corners = ImDrawFlags_RoundCornersNone;
  p.Box("bar", a, b);
  if (bar.item.cancelled) {
    p.Rect(a, b, t.Fade(t.warning, 0.12f), rounding, corners);
    p.Outline(a, b, t.Fade(t.warning, 0.7f), rounding, m.rule);
  } else {
    float alpha = bar.is_past ? 0.16f : (bar.is_now ? 0.55f : 0.32f);
    p.Rect(a, b, t.Fade(colour, alpha), rounding, corners);
    if (!bar.clipped_start)
      p.Rect(a, ImVec2(a.x + m.U(6), b.y), bar.is_past ? t.Fade(colour, 0.5f) : colour, rounding,
             ImDrawFlags_RoundCornersLeft);
    if (bar.is_now) p.Outline(a, b, colour, rounding, m.rule);
  }
  if (!bar.item.marks.empty() && !bar.item.cancelled) {
    // A live change: the bar framed in the colour of its most important mark.
    p.Outline(a, b, t.MarkColour(bar.item.marks.front().kind), rounding, m.U(4));
  }
  if (bar.clipped_end) {
    // An arrow head at the right edge: the session goes on past the grid.
    float cy = (a.y + b.y) / 2, s = m.U(12);
    p.List()->AddTriangleFilled(ImVec2(b.x - s, cy - s), ImVec2(b.x - s, cy + s), ImVec2(b.x, cy), colour);
  }

  // Text inside the bar only, never beyond it: the title on as many lines as fit, the times when a line is left.
  float pad = m.U(12);
  float left = a.x + pad + (bar.clipped_start ? 0 : m.U(6)), right = b.x - pad - (bar.clipped_end ? m.U(14) : 0);
  float width = right - left;
  if (width < p.Width(Fonts::kBody, "Ab…")) return;
  const float advance = std::round(p.Px(Fonts::kBody) * kTitleLineGap);
  ImU32 text_colour = bar.is_past ? t.text_faint : t.text;
  float y = a.y + m.U(6);
  int lines = std::max(1, static_cast<int>((b.y - m.U(4) - y) / advance));
  if (!bar.item.marks.empty() && lines >= 2) {
    // The most important mark on the first line, as a badge when it fits ("Annulé · Cancelled", "Retardé · Delayed
    // +15 min", else its French alone, else the shortest form: "+15 min", "Annulé").
    const SessionMark& mark = bar.item.marks.front();
    std::string text = mark.compact;
    if (p.BadgeWidth(Fonts::kBody, text) > width) text = mark.text.fr;
    if (p.BadgeWidth(Fonts::kBody, text) > width) text = mark.brief;
    if (!text.empty() && p.BadgeWidth(Fonts::kBody, text) <= width) {
      p.Badge(Fonts::kBody, ImVec2(left - m.U(4), y - m.U(2)), mark.kind, text);
      y += advance + m.U(6);
      lines = std::max(1, static_cast<int>((b.y - m.U(4) - y) / advance));
    }
  }
  const std::string& title = bar.item.title;
  bool with_time = lines >= 3 || (lines == 2 && p.Width(Fonts::kBody, title) <= width);
  y += p.TextWrapped(bar.is_now ? Fonts::kStrong : Fonts::kBody, ImVec2(left, y), width,
                     bar.item.cancelled ? t.warning : text_colour, title, with_time ? lines - 1 : lines, advance);
  if (with_time) {
    p.TextFit(Fonts::kBody, ImVec2(left, y), width, bar.is_past ? t.text_faint : t.text_muted, bar.item.time_range);
  }
}

}  // namespace

int TimelineRowsPerPage(const ScreenContext& context) { return LayoutTimeline(context).rows_per_page; }

int TimelinePageCount(const ScreenContext& context, const TimelineViewModel& timeline) {
  return timeline.PageCount(TimelineRowsPerPage(context));
}

namespace {

/// The timeline's body: the hours, the rows of page `page` with their bars, the now-line and its pill.
void DrawTimelineBody(const ScreenContext& context, const Painter& p, const Bands& b, const TimelineViewModel& timeline,
                      int page) {
  const Theme& t = p.T();
  const Metrics& m = p.M();
  TimelineLayout l = LayoutTimeline(context);
  auto [first, last] = timeline.RowsOnPage(page, l.rows_per_page);
  const float grid_w = l.grid_right - l.grid_left;
  auto x_of = [&](float share) { return l.grid_left + share * grid_w; };

  // Title of the page in the label column's header cell.
  p.TextFit(Fonts::kStrong, ImVec2(b.left, b.content_top), l.label_w - m.U(20), t.accent,
            Join(UiText("timeline.title")));

  int rows_here = static_cast<int>(last - first);
  float row_h = rows_here > 0 ? std::min((l.grid_bottom - l.grid_top) / rows_here, l.row_h * 1.6f) : l.row_h;
  float grid_bottom = l.grid_top + row_h * rows_here;

  // The now pill above the grid; hour labels that would collide with it or with each other are skipped.
  float pill_left = FLT_MAX, pill_right = -FLT_MAX;
  if (timeline.now_x) {
    float w = p.Width(Fonts::kStrong, timeline.now_hm) + m.U(20);
    pill_left = std::clamp(x_of(*timeline.now_x) - w / 2, l.grid_left - w / 2, b.right - w);
    pill_right = pill_left + w;
  }
  float last_label_right = -FLT_MAX;
  for (const TimelineTick& tick : timeline.ticks) {
    float x = x_of(tick.x);
    p.List()->AddLine(ImVec2(x, l.grid_top), ImVec2(x, grid_bottom), t.Fade(t.track, 0.9f), m.rule * 0.7f);
    float w = p.Width(Fonts::kBody, tick.label);
    float lx = std::clamp(x - w / 2, l.grid_left - w / 2, b.right - w);
    bool under_pill = lx < pill_right + m.U(8) && lx + w > pill_left - m.U(8);
    if (lx > last_label_right + m.U(16) && !under_pill) {
      p.Text(Fonts::kBody, ImVec2(lx, b.content_top), t.text_muted, tick.label);
      last_label_right = lx + w;
    }
  }

  for (std::size_t i = first; i < last; i += 2) {
    float top = l.grid_top + (i - first) * row_h;
    p.Rect(ImVec2(b.left, top), ImVec2(b.right, top + row_h), t.Fade(t.surface, 0.55f));
  }
  // The now-line goes under the bars: it shows through their translucent fill without crossing their text.
  if (timeline.now_x) {
    float x = x_of(*timeline.now_x);
    p.List()->AddLine(ImVec2(x, l.grid_top - m.U(6)), ImVec2(x, grid_bottom), t.now_line, m.U(4));
  }
  for (std::size_t i = first; i < last; ++i) {
    const TimelineRow& row = timeline.rows[i];
    float top = l.grid_top + (i - first) * row_h;
    // Room names on at most two tight lines, centred in the row.
    const float advance = p.Px(Fonts::kTitle);
    const int max_lines = std::clamp(static_cast<int>(row_h / advance), 1, 2);
    std::vector<std::string> lines = WrapText(row.room_name, l.label_w - m.U(36), p.Measure(Fonts::kTitle), max_lines);
    float ny = top + (row_h - lines.size() * advance) / 2;
    for (const std::string& line : lines) {
      p.Text(Fonts::kTitle, ImVec2(b.left + m.U(16), ny), t.text, line);
      ny += advance;
    }
    for (const TimelineBar& bar : row.bars) {
      float x0 = x_of(bar.x0) + m.U(2), x1 = x_of(bar.x1) - m.U(2);
      if (x1 - x0 < m.U(4)) x1 = x0 + m.U(4);
      DrawBar(p, ImVec2(x0, top + m.U(8)), ImVec2(x1, top + row_h - m.U(8)), bar);
    }
  }

  if (timeline.now_x) {
    float ly = b.content_top - m.U(2);
    p.Rect(ImVec2(pill_left, ly), ImVec2(pill_right, ly + p.Line(Fonts::kStrong) + m.U(4)), t.now_line, m.U(8));
    p.Text(Fonts::kStrong, ImVec2(pill_left + m.U(10), ly + m.U(2)), t.background, timeline.now_hm);
  }
  if (timeline.rows.empty()) {
    p.TextCentred(Fonts::kTitle, context.size.x / 2, (b.content_top + b.content_bottom) / 2, t.text_muted,
                  Join(UiText("common.no_sessions_day")));
  }
}

}  // namespace

Action DrawTimeline(const ScreenContext& context, const BoardViewModel& board, const TimelineViewModel& timeline,
                    int page, const Pager& pager) {
  const std::pair<std::size_t, std::size_t> rows = timeline.RowsOnPage(page, TimelineRowsPerPage(context));
  const TimelineLegend legend = timeline.Legend(rows.first, rows.second);
  return DrawBoardScreenFrame(
      context, board, {pager, {}, FooterTop::Legend, &legend},
      [&](const Painter& p, const Bands& b) { DrawTimelineBody(context, p, b, timeline, page); });
}

}  // namespace kiosk::ui
