// A salon's door sign: its name large, the clock, now, next, its day and the plan; the message screen for an unknown
// room.
#include "kiosk/ui/DoorSignScreen.h"

#include <algorithm>
#include <cfloat>
#include <cmath>

#include "kiosk/ui/Catalogue.h"
#include "kiosk/ui/ScreenParts.h"
#include "kiosk/ui/Typography.h"

namespace kiosk::ui {

namespace {

/// "COMPLET / FULL" large on the violet of the mark across the top of a panel from `a`, `width` wide. Returns its
/// height.
float FullBanner(const Painter& p, ImVec2 a, float width, float size) {
  const Metrics& m = p.M();
  const std::string text = UiText("door.full").fr + " / " + UiText("door.full").en;
  const Fonts::Role role = p.Big(text);
  if (p.Width(role, text, size) > width - 2 * m.U(36)) size *= (width - 2 * m.U(36)) / p.Width(role, text, size);
  const float h = std::round(size * 1.3f);
  p.Rect(a, ImVec2(a.x + width, a.y + h), p.T().MarkColour(MarkKind::Full), m.rounding, ImDrawFlags_RoundCornersTop);
  p.Text(role, ImVec2(a.x + m.U(44), a.y + (h - size) / 2 - size * 0.04f), p.T().MarkTextColour(MarkKind::Full), text,
         size);
  return h;
}

/// A session that was to be here and will not be: its mark large ("Déplacé → Salon Monge" / "Moved to Salon
/// Monge", "Annulé" / "Cancelled") in the mark's colour, then its time and title. Returns the height used.
float DrawDoorAlert(const Painter& p, ImVec2 pos, float width, const SessionItem& alert) {
  const Theme& t = p.T();
  const Metrics& m = p.M();
  if (alert.marks.empty()) return 0;
  const SessionMark& mark = alert.marks.front();
  float y = pos.y;
  const BigText fr = FitBig(p, mark.text.fr, width, {std::round(p.Px(Fonts::kDisplay) * 0.6f), p.Px(Fonts::kTitle)}, 2);
  y += DrawLines(p, fr.role, fr.size, ImVec2(pos.x, y), t.MarkColour(mark.kind), fr.lines,
                 std::round(fr.size * kTitleLineGap));
  y += p.TextWrapped(Fonts::kTitle, ImVec2(pos.x, y), width, t.text_muted, mark.text.en, 2) + m.U(6);
  y += p.TextWrapped(Fonts::kStrong, ImVec2(pos.x, y), width, t.text, alert.time_range + Dot() + alert.title, 2);
  return y - pos.y;
}

/// What DrawDoorNow draws over its panel, in the box from `a` to `b`: spread over the box (the time row and the bar
/// at its foot), or with `to_content` one under the other from its top. Returns the panel's bottom: `b.y`, or with
/// `to_content` the bottom of the content (at most `b.y`).
float DrawDoorNowContent(const Painter& p, ImVec2 a, ImVec2 b, const DoorSignViewModel& sign, bool to_content) {
  const Theme& t = p.T();
  const Metrics& m = p.M();
  const NowInfo* now = sign.on_now ? &*sign.on_now : nullptr;
  const ImU32 kind_colour = now ? t.KindColour(now->item.kind) : t.track;
  const float left = a.x + m.U(44), right = b.x - m.U(36), width = right - left;
  float y = a.y + m.U(28);

  if (!now) {
    // Free: first what people may have come for (cancelled, moved away), then the status.
    if (!sign.alerts.empty()) {
      y += DrawDoorAlert(p, ImVec2(left, y), width, sign.alerts.front()) + m.U(20);
      for (std::size_t i = 1; i < std::min<std::size_t>(3, sign.alerts.size()); ++i) {
        if (y + p.Line(Fonts::kBody) > (a.y + b.y) / 2) break;
        DrawAlertLine(p, ImVec2(left, y), width, sign.alerts[i]);
        y += p.Line(Fonts::kBody) + m.U(12);
      }
      y += m.U(12);
    }
    const float size = std::round(p.Px(Fonts::kDisplay) * 0.62f);
    const Fonts::Role role = p.Big(sign.status.fr);
    const float mid = to_content ? y + m.U(12) : std::max(y, (a.y + b.y) / 2 - size * 1.2f);
    float h = p.TextWrappedAt(role, role == Fonts::kDisplay ? size : p.Px(Fonts::kTitle), ImVec2(left, mid), width,
                              t.text, sign.status.fr, 2, std::round(size * 1.08f));
    h += m.U(8) + p.TextWrapped(Fonts::kTitle, ImVec2(left, mid + h + m.U(8)), width, t.text_muted, sign.status.en, 2);
    return to_content ? std::min(b.y, mid + h + m.U(40)) : b.y;
  }

  // A full room says so first, across the panel, in letters readable from the far end of the corridor.
  if (now->item.full) {
    y = a.y + FullBanner(p, a, b.x - a.x, std::round(p.Px(Fonts::kDisplay) * 0.6f)) + m.U(24);
  }

  // "En cours · Now" and the kind.
  const std::string label = Join(UiText("door.now"));
  float x = left + p.Chip(Fonts::kStrong, ImVec2(left, y), t.now_line, label) + m.U(16);
  const std::string kind = Join(now->item.kind_label);
  if (!kind.empty() && x + p.ChipWidth(Fonts::kBody, kind) <= right)
    p.Chip(Fonts::kBody, ImVec2(x, y), kind_colour, kind);
  y += p.Line(Fonts::kStrong) + m.U(22);
  // Its other live changes: "Retardé · Delayed +15 min", "Déplacé ici · Moved here".
  const std::vector<SessionMark>& marks = sign.now_badges;
  if (!marks.empty() && p.Badges(Fonts::kStrong, ImVec2(left, y), width, marks) > 0)
    y += p.Line(Fonts::kStrong) + m.U(22);

  // Bottom-up: progress bar, then the time row above it.
  const float bar_h = m.U(18);
  float bar_y = b.y - m.U(36) - bar_h;
  const float time_size = std::round(p.Px(Fonts::kDisplay) * 0.5f);
  float time_y = bar_y - m.U(18) - time_size * 1.1f;

  // Title: large on up to three lines, smaller when it needs more, the English and speakers in what is left.
  const std::string& title = now->item.title;
  const Fonts::Role title_role = p.Big(title);
  const float title_px = p.Px(Fonts::kTitle), small_px = std::round(title_px * kTitleShrink);
  const float below = time_y - m.U(20);
  const TitleFit fit = title_role == Fonts::kDisplay
                           ? FitTitle(p, title_role, {std::round(p.Px(Fonts::kDisplay) * 0.52f), title_px, small_px},
                                      title, width, below - y, 4)
                           : FitTitle(p, title_role, {title_px, small_px}, title, width, below - y, 4);
  y += DrawLines(p, title_role, fit.size, ImVec2(left, y), t.text, fit.lines, fit.advance) + m.U(10);
  const float body = p.Line(Fonts::kBody);
  const bool has_en = !now->item.title_en.empty() && now->item.title_en != title;
  if (has_en && y + body <= below) {
    const int lines = std::clamp(static_cast<int>((below - y - (now->item.speakers.empty() ? 0 : body)) / body), 1, 2);
    y += p.TextWrapped(Fonts::kBody, ImVec2(left, y), width, t.text_muted, now->item.title_en, lines) + m.U(8);
  }
  if (!now->item.speakers.empty() && y + body <= below) {
    const int lines = std::clamp(static_cast<int>((below - y) / body), 1, 3);
    y += p.TextWrapped(Fonts::kBody, ImVec2(left, y), width, t.text_muted, now->item.speakers, lines);
  }
  if (to_content) {
    // The time row and the bar right under the texts, rather than at the foot of a half-empty panel.
    time_y = std::min(time_y, y + m.U(20));
    bar_y = time_y + time_size * 1.1f + m.U(18);
  }

  // The time (the planned start struck when delayed, when it fits), the time left on the right.
  const Fonts::Role time_role = p.Big(now->item.time_range);
  SessionItem time_item = now->item;
  if (TimeRangeWidth(p, time_role, time_item, time_size) > width * 0.62f) time_item.planned_start_hm.clear();
  const float time_w = DrawTimeRange(p, time_role, ImVec2(left, time_y), t.text, time_item, time_size);
  const float rem_size = p.Px(Fonts::kTitle);
  std::string fr = now->remaining.fr;
  if (p.Width(Fonts::kTitle, fr) <= right - left - time_w - m.U(30)) {
    p.TextRight(Fonts::kTitle, right, time_y, kind_colour, fr);
    p.TextRight(Fonts::kBody, right, time_y + rem_size * 1.05f, t.text_muted, now->remaining.en);
  }
  p.Rect(ImVec2(left, bar_y), ImVec2(right, bar_y + bar_h), t.track, bar_h / 2);
  p.Rect(ImVec2(left, bar_y), ImVec2(left + std::max(bar_h, width * now->progress), bar_y + bar_h), kind_colour,
         bar_h / 2);
  return to_content ? bar_y + bar_h + m.U(36) : b.y;
}

/// The door sign's panel for what is on now (or that the room is free), in the box from `a` to `b`. With `fit` (a
/// portrait sign with a plan to show) the panel ends under its content instead of spreading it over the box, so the
/// panels under it get the rest. Returns the panel's bottom (pixels).
float DrawDoorNow(const Painter& p, ImVec2 a, ImVec2 b, const DoorSignViewModel& sign, bool fit = false) {
  const Theme& t = p.T();
  const Metrics& m = p.M();
  const ImU32 kind_colour = sign.on_now ? t.KindColour(sign.on_now->item.kind) : t.track;
  // The content first, on the upper channel, so that the panel under it can end where the content does.
  ImDrawList* list = p.List();
  list->ChannelsSplit(2);
  list->ChannelsSetCurrent(1);
  const float bottom = DrawDoorNowContent(p, a, b, sign, fit);
  list->ChannelsSetCurrent(0);
  p.Box("door_now", a, ImVec2(b.x, bottom));
  p.Rect(a, ImVec2(b.x, bottom), t.surface, m.rounding);
  p.Rect(a, ImVec2(a.x + m.U(12), bottom), kind_colour, m.rounding, ImDrawFlags_RoundCornersLeft);
  list->ChannelsMerge();
  return bottom;
}

/// The next session: "Ensuite · Next", its start large and its title. Returns the height used.
float DrawDoorNext(const Painter& p, ImVec2 a, float width, float max_h, const DoorSignViewModel& sign) {
  const Theme& t = p.T();
  const Metrics& m = p.M();
  const float left = a.x + m.U(32), right = a.x + width - m.U(28), w = right - left;
  const float big = std::round(p.Px(Fonts::kDisplay) * 0.5f);
  const NextInfo* next = sign.next ? &*sign.next : nullptr;
  float y = a.y + m.U(22);
  const std::string label = Join(UiText("common.next"));
  if (next && next->item.full) {
    // The next session is full: the panel's head says it on the violet of the mark.
    const float h = p.Line(Fonts::kTitle) + m.U(20);
    p.Rect(a, ImVec2(a.x + width, a.y + h), t.MarkColour(MarkKind::Full), m.rounding, ImDrawFlags_RoundCornersTop);
    const ImU32 on = t.MarkTextColour(MarkKind::Full);
    p.Text(Fonts::kStrong, ImVec2(left, a.y + (h - p.Line(Fonts::kStrong)) / 2), on, label);
    p.TextRight(Fonts::kTitle, right, a.y + (h - p.Line(Fonts::kTitle)) / 2 + m.U(2), on,
                UiText("door.full").fr + " / " + UiText("door.full").en);
    y = a.y + h + m.U(14);
  } else {
    p.Text(Fonts::kStrong, ImVec2(left, y), t.text_muted, label);
    y += p.Line(Fonts::kStrong) + m.U(6);
  }
  // A session before it that will not take place here (on now elsewhere, cancelled, moved away): one line first.
  if (sign.on_now && sign.alert_before_next) {
    DrawAlertLine(p, ImVec2(left, y + m.U(4)), w, *sign.alert_before_next);
    y += p.Line(Fonts::kBody) + m.U(16);
  }
  if (!next) {
    const Bilingual& none = UiText("door.no_more_here");
    y += p.TextWrapped(Fonts::kTitle, ImVec2(left, y), w, t.text_muted, FrenchDisplay(none.fr), 2);
    y += p.TextWrapped(Fonts::kBody, ImVec2(left, y), w, t.text_faint, none.en, 1);
  } else {
    std::string when = next->when.fr;
    if (!when.empty()) when[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(when[0])));
    const Fonts::Role role = p.Big(when);
    const float size = role == Fonts::kDisplay ? big : p.Px(Fonts::kTitle);
    p.Text(role, ImVec2(left, y), t.accent, when, size);
    float after = left + p.Width(role, when, size) + m.U(24);
    if (next->other_day) {
      p.Text(Fonts::kBody, ImVec2(left, y + size * 1.08f), t.text_muted, next->when.en);
      y += p.Line(Fonts::kBody);
    } else {
      const std::string in = Join(next->starts_in);
      if (after + p.Width(Fonts::kBody, in) <= right) {
        p.Text(Fonts::kBody, ImVec2(after, y + size - p.Line(Fonts::kBody)), t.text_muted, in);
        after += p.Width(Fonts::kBody, in) + m.U(20);
      }
    }
    // Its live changes under the time ("Retardé · Delayed +15 min").
    const std::vector<SessionMark>& marks = sign.next_badges;
    y += size * 1.1f;
    if (!marks.empty() && p.Badges(Fonts::kBody, ImVec2(left, y), w, marks) > 0) y += p.Line(Fonts::kBody) + m.U(12);
    const float title_px = p.Px(Fonts::kTitle);
    const TitleFit fit = FitTitle(p, Fonts::kTitle, {title_px, std::round(title_px * kTitleShrink)}, next->item.title,
                                  w, a.y + max_h - m.U(20) - y, 2);
    y += DrawLines(p, Fonts::kTitle, fit.size, ImVec2(left, y), t.text, fit.lines, fit.advance);
    if (!next->item.title_en.empty() && next->item.title_en != next->item.title &&
        y + p.Line(Fonts::kBody) <= a.y + max_h - m.U(16))
      y += p.TextWrapped(Fonts::kBody, ImVec2(left, y), w, t.text_muted, next->item.title_en, 1);
  }
  return y + m.U(20) - a.y;
}

/// The room's day: start, the first mark as a badge, and title per line; past ones faint, the one on now marked,
/// those moved away sending people on.
/// The height (pixels) the day panel needs to list every session of the room with a second line for each title (with
/// `two_lines` false: one line each, as DrawDoorDay draws them when the two do not fit).
float DoorDayHeight(const Painter& p, const DoorSignViewModel& sign, bool two_lines = true) {
  const Metrics& m = p.M();
  const float row = p.Line(Fonts::kTitle) + m.U(6) + (two_lines ? p.Line(Fonts::kStrong) : 0.0f);
  return m.U(20) + p.Line(Fonts::kStrong) + m.U(10) + static_cast<float>(sign.sessions.size()) * row + m.U(12);
}

/// The venue plan under the day panel, the room highlighted with "Vous êtes ici · You are here", in `a`..`b`.
void DrawDoorPlan(const Painter& p, const ScreenContext& context, ImVec2 a, ImVec2 b, const DoorSignViewModel& sign) {
  const Metrics& m = p.M();
  p.Box("door_plan", a, b);
  p.Rect(a, b, p.T().Dim(p.T().surface, 0.3f), m.rounding);
  DrawPlanInset(p, ImVec2(a.x + m.U(16), a.y + m.U(16)), ImVec2(b.x - m.U(16), b.y - m.U(16)), context.branding->plan,
                sign.room_key, true);
}

void DrawDoorDay(const Painter& p, ImVec2 a, ImVec2 b, const DoorSignViewModel& sign) {
  const Theme& t = p.T();
  const Metrics& m = p.M();
  const float left = a.x + m.U(32), right = b.x - m.U(28);
  float y = a.y + m.U(20);
  p.TextFit(Fonts::kStrong, ImVec2(left, y), right - left, t.accent, Join(sign.list_label));
  y += p.Line(Fonts::kStrong) + m.U(10);
  const float time_w = p.Width(Fonts::kTitle, "00:00") + m.U(24);
  const float row = p.Line(Fonts::kTitle) + m.U(6);
  // When the whole day fits with a second line for each title, long titles wrap onto it rather than being cut.
  const float second = p.Line(Fonts::kStrong);
  const bool two_lines = static_cast<float>(sign.sessions.size()) * (row + second) <= b.y - m.U(12) - y;
  for (std::size_t i = 0; i < sign.sessions.size(); ++i) {
    const DoorSignEntry& entry = sign.sessions[i];
    const std::size_t left_over = sign.sessions.size() - i;
    if (y + row > b.y - m.U(12) || (left_over > 1 && y + row + p.Line(Fonts::kBody) > b.y - m.U(12))) {
      const std::string more = std::to_string(left_over);
      p.Text(Fonts::kBody, ImVec2(left + time_w, y), t.text_faint,
             Join(Format(UiText(left_over == 1 ? "door.more_one" : "door.more_many"), {{"n", more}})));
      break;
    }
    ImU32 colour = entry.item.cancelled ? t.warning
                   : entry.past         ? t.text_faint
                   : entry.moved_away   ? t.text_muted
                                        : t.text;
    float x = left + time_w;
    const float text_y = y + (p.Px(Fonts::kTitle) - p.Px(Fonts::kStrong)) * 0.7f;
    // The title's lines: its second under the first, from the start of the title column, when the day has room.
    // The most important mark; it gets at most 60 % of the line so the title keeps a readable start, and a session
    // moved away, whose new room is what the line is for, all but what its title keeps (TitleKeep: which session).
    const float badge_room = entry.moved_away
                                 ? right - x - TitleKeep(p, Fonts::kStrong, entry.item.title, right - x) - m.U(14)
                                 : (right - x) * 0.6f;
    std::vector<SessionMark> mark;
    if (!entry.item.marks.empty())
      mark.push_back(entry.moved_away ? WhereMovedMark(entry.item.marks.front()) : entry.item.marks.front());
    const float badge_w =
        mark.empty() || badge_room <= 0 ? 0.0f : p.Badges(Fonts::kBody, ImVec2(0, 0), badge_room, mark, false);
    const float first_x = badge_w > 0 ? x + badge_w + m.U(14) : x;
    std::vector<std::string> lines;
    if (two_lines && right - first_x >= p.Width(Fonts::kStrong, "Abc…")) {
      lines = WrapText(entry.item.title, right - first_x, p.Measure(Fonts::kStrong), 0);
      if (lines.size() > 1) {
        // The rest after the first line, on one more line as wide as the column.
        std::string rest = entry.item.title.substr(std::min(entry.item.title.size(), lines[0].size()));
        while (!rest.empty() && rest.front() == ' ') rest.erase(0, 1);
        lines.resize(1);
        lines.push_back(FitOneLine(rest, right - x, p.Measure(Fonts::kStrong)));
      }
    }
    const float row_h = row + (lines.size() > 1 ? second : 0.0f);
    if (entry.is_now) {
      p.Rect(ImVec2(a.x + m.U(12), y - m.U(4)), ImVec2(b.x - m.U(12), y + row_h - m.U(4)), t.Fade(t.now_line, 0.18f),
             m.U(8));
      p.Rect(ImVec2(a.x + m.U(12), y - m.U(4)), ImVec2(a.x + m.U(18), y + row_h - m.U(4)), t.now_line, m.U(3));
    }
    p.Text(Fonts::kTitle, ImVec2(left, y), colour, entry.item.start_hm);
    if (badge_w > 0) x += p.Badges(Fonts::kBody, ImVec2(x, text_y - m.U(2)), badge_w, mark) + m.U(14);
    if (lines.size() > 1) {
      p.Text(Fonts::kStrong, ImVec2(x, text_y), colour, lines[0]);
      p.Text(Fonts::kStrong, ImVec2(left + time_w, text_y + second), colour, lines[1]);
    } else if (right - x >= p.Width(Fonts::kStrong, "Abc…")) {
      p.TextFit(Fonts::kStrong, ImVec2(x, text_y), right - x, colour, entry.item.title);
    }
    y += row_h;
  }
  if (sign.sessions.empty()) p.Text(Fonts::kBody, ImVec2(left, y), t.text_faint, Join(UiText("common.no_sessions")));
}

/// The day panel in `a`..`b`, and under it the venue plan with "vous êtes ici" when the day leaves it at least U(300).
void DrawDoorDayAndPlan(const Painter& p, const ScreenContext& context, ImVec2 a, ImVec2 b,
                        const DoorSignViewModel& sign) {
  const Metrics& m = p.M();
  const bool has_plan = context.branding != nullptr && !context.branding->plan.Empty();
  // The titles on one line each when their second lines would leave the plan too little room.
  float day_h = DoorDayHeight(p, sign);
  if (b.y - a.y - day_h - m.gap < m.U(300)) day_h = DoorDayHeight(p, sign, false);
  float day_bottom = b.y;
  if (has_plan && b.y - a.y - day_h - m.gap >= m.U(300)) {
    day_bottom = a.y + day_h;
    DrawDoorPlan(p, context, ImVec2(a.x, day_bottom + m.gap), b, sign);
  }
  p.Box("door_day", a, ImVec2(b.x, day_bottom));
  p.Rect(a, ImVec2(b.x, day_bottom), p.T().Dim(p.T().surface, 0.3f), m.rounding);
  DrawDoorDay(p, a, ImVec2(b.x, day_bottom), sign);
}

/// The door sign's body: its own header (the room's name large, the clock, the date), now, next, the day and the plan,
/// its own footer.
void DrawDoorSignBody(const ScreenContext& context, const Painter& p, const DoorSignViewModel& sign,
                      const Bilingual& notice) {
  const Theme& t = p.T();
  const Metrics& m = p.M();
  const bool portrait = context.size.y > context.size.x;
  const float left = m.margin, right = context.size.x - m.margin;

  // Header: the room's name as large as the width allows, the clock on the right, the date under the name.
  const float clock_size = p.Px(Fonts::kDisplay);
  const float clock_w = p.Width(Fonts::kDisplay, "00:00");
  const float top = m.U(28);
  p.TextRight(Fonts::kDisplay, right, top, t.text, sign.clock);
  const float name_w = right - clock_w - m.U(48) - left;
  const Fonts::Role name_role = p.Big(sign.room_name);
  float name_size = name_role == Fonts::kDisplay ? clock_size : p.Px(Fonts::kTitle) * 1.6f;
  const float natural = p.Width(name_role, sign.room_name, name_size);
  // A little under the exact ratio: rounding must not make the fitted name a hair too wide and cut it.
  const float fitted = name_size * name_w / natural * 0.98f;
  float y = 0;
  if (natural <= name_w || fitted >= p.Px(Fonts::kTitle)) {
    if (natural > name_w) name_size = fitted;
    p.Text(name_role, ImVec2(left, top), t.accent,
           FitOneLine(sign.room_name, name_w, [&](std::string_view s) { return p.Width(name_role, s, name_size); }),
           name_size);
    y = top + std::max(name_size, clock_size) * 1.08f;
  } else {
    // Too long for one line at the title size: two lines beside the clock (one step smaller if need be), cut last.
    const float title_px = p.Px(Fonts::kTitle), big = std::round(title_px * 1.3f);
    const TitleFit fit = FitTitle(p, name_role, {big, title_px, std::round(title_px * kTitleShrink)}, sign.room_name,
                                  name_w, 2 * std::round(big * kTitleLineGap), 2);
    DrawLines(p, name_role, fit.size, ImVec2(left, top), t.accent, fit.lines, fit.advance);
    y = top + std::max(fit.Height() + m.U(8), clock_size * 1.08f);
  }
  // A programme without a conference title (a sheet without metadata) ends the line at the day, without a dot.
  std::string day_line = sign.day_label.fr + Dot() + sign.day_label.en;
  if (!sign.event_name.empty()) day_line += Dot() + sign.event_name;
  p.TextFit(Fonts::kBody, ImVec2(left, y), right - left, t.text_muted, day_line);
  y += p.Line(Fonts::kBody) + m.U(14);
  p.HLine(left, right, y, t.track);
  const float content_top = y + m.U(24);

  // Footer: the revision or a notice; French and English on a line each when one line is too narrow for both (a
  // portrait sign), rather than the English cut.
  const bool has_notice = !notice.fr.empty();
  const Bilingual& footer = has_notice ? notice : sign.revision;
  const std::string one_line = has_notice ? Join(notice) : RevisionLine(sign.revision);
  std::vector<std::string> footer_lines = {one_line};
  if (p.Width(Fonts::kBody, one_line) > right - left && !footer.en.empty()) footer_lines = {footer.fr, footer.en};
  const float footer_y =
      ScreenBottom(context) - m.U(16) - static_cast<float>(footer_lines.size()) * p.Line(Fonts::kBody);
  for (std::size_t i = 0; i < footer_lines.size(); ++i)
    p.TextFit(Fonts::kBody, ImVec2(left, footer_y + static_cast<float>(i) * p.Line(Fonts::kBody)), right - left,
              has_notice ? t.warning : t.text_faint, footer_lines[i]);
  const float content_bottom = footer_y - m.U(16);

  // With a venue plan to show (under the day, DrawDoorDayAndPlan), a portrait sign's now and next panels give it room.
  const bool has_plan = context.branding != nullptr && !context.branding->plan.Empty();
  if (portrait) {
    // Stacked: now, next, the day, the plan. With a plan to show, the now and next panels end under their content
    // (up to the height they had) and the plan gets the rest: no half-empty card above a plan squeezed small.
    const float now_h = std::min(m.U(has_plan ? 580 : 760), (content_bottom - content_top) * 0.48f);
    float ny = DrawDoorNow(p, ImVec2(left, content_top), ImVec2(right, content_top + now_h), sign, has_plan) + m.gap;
    // Never taller than the space left, so the day panel below keeps a positive height on short windows.
    float next_h = std::max(0.0f, std::min(m.U(has_plan ? 250 : 300), (content_bottom - ny) * 0.45f));
    ImDrawList* list = p.List();
    list->ChannelsSplit(2);
    list->ChannelsSetCurrent(1);
    const float next_used = DrawDoorNext(p, ImVec2(left, ny), right - left, next_h, sign);
    if (has_plan) next_h = std::min(next_h, next_used);
    list->ChannelsSetCurrent(0);
    p.Box("door_next", ImVec2(left, ny), ImVec2(right, ny + next_h));
    p.Rect(ImVec2(left, ny), ImVec2(right, ny + next_h), t.Dim(t.surface, 0.3f), m.rounding);
    list->ChannelsMerge();
    ny += next_h + m.gap;
    DrawDoorDayAndPlan(p, context, ImVec2(left, ny), ImVec2(right, content_bottom), sign);
  } else {
    const float split = left + (right - left) * 0.60f;
    DrawDoorNow(p, ImVec2(left, content_top), ImVec2(split - m.gap / 2, content_bottom), sign);
    const float cx = split + m.gap / 2;
    const float next_h = std::min(m.U(330), (content_bottom - content_top) * 0.45f);
    p.Box("door_next", ImVec2(cx, content_top), ImVec2(right, content_top + next_h));
    p.Rect(ImVec2(cx, content_top), ImVec2(right, content_top + next_h), t.Dim(t.surface, 0.3f), m.rounding);
    DrawDoorNext(p, ImVec2(cx, content_top), right - cx, next_h, sign);
    const float dy = content_top + next_h + m.gap;
    DrawDoorDayAndPlan(p, context, ImVec2(cx, dy), ImVec2(right, content_bottom), sign);
  }
}

}  // namespace

Action DrawDoorSign(const ScreenContext& context, const DoorSignViewModel& sign, const Bilingual& notice) {
  if (!sign.found) {
    // The emergency still covers it: DrawMessage is framed too.
    MessageViewModel message;
    const Bilingual unknown = Format(UiText("door.unknown_room"), {{"room", sign.requested}});
    message.title = {FrenchDisplay(unknown.fr), unknown.en};
    std::string rooms;
    for (const std::string& name : sign.known_rooms) rooms += (rooms.empty() ? "" : ", ") + name;
    message.reason = sign.known_rooms.empty() ? FrenchDisplay(Join(UiText("door.no_rooms")))
                                              : Join(UiText("door.rooms")) + ": " + rooms;
    return DrawMessage(context, message);
  }
  return DrawScreenFrame(context, [&](const Painter& p, const Bands&) { DrawDoorSignBody(context, p, sign, notice); });
}

}  // namespace kiosk::ui
