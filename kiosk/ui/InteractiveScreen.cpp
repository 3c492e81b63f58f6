// ImGui drawing of the touch screen: every tappable box is laid out here, remembered, and hit-tested against the tap.
#include "kiosk/ui/InteractiveScreen.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <utility>

#include "kiosk/ui/Catalogue.h"
#include "kiosk/ui/Overlays.h"
#include "kiosk/ui/ScreenParts.h"
#include "kiosk/ui/Typography.h"

namespace kiosk::ui {
namespace {

using Target = InteractiveInput::Target;

/// Which way a button's arrow points (None: no arrow).
enum class Arrow { None, Left, Right, Up, Down };

/// One frame of the touch screen: the painter, the sizes every box shares and the targets drawn so far.
struct Frame {
  const ScreenContext& context;
  const Painter& p;
  const Metrics& m;
  std::vector<TouchTarget>& targets;
  float touch;  ///< height of a touch target: at least U(88)
  float small;  ///< size of the English line under a French label (pixels)
  float pad;    ///< inside a button, left and right
  float gap;    ///< between buttons and rows

  float SmallLine() const { return std::round(small * kLineGap); }
  /// Width a label takes on a button: its French in the strong face, its English (when different) small under it.
  float LabelWidth(const Bilingual& label) const {
    float w = p.Width(Fonts::kStrong, label.fr);
    if (HasEnglish(label)) w = std::max(w, p.Width(Fonts::kBody, label.en, small));
    return std::ceil(w) + 2;  // a pixel or two of slack: rounding must never cut a label that was measured to fit
  }
  static bool HasEnglish(const Bilingual& label) { return !label.en.empty() && label.en != label.fr; }
  void Add(ImVec2 a, ImVec2 b, InteractiveInput input) const { targets.push_back({a, b, std::move(input)}); }
};

/// How a button is filled.
struct ButtonLook {
  ImU32 fill;
  ImU32 text;
  ImU32 outline = 0;  ///< 0: none
  ImU32 swatch = 0;   ///< a kind's colour as a dot before the label; 0: none
  Arrow arrow = Arrow::None;
};

ButtonLook Plain(const Frame& f) { return {f.p.T().surface_alt, f.p.T().text}; }
ButtonLook Active(const Frame& f, ImU32 colour) { return {Theme::Fade(colour, 0.30f), f.p.T().text, colour}; }

/// A triangle pointing `arrow`, centred on `c`, `s` pixels across.
void DrawArrow(const Painter& p, ImVec2 c, float s, Arrow arrow, ImU32 colour) {
  const float h = s / 2;
  switch (arrow) {
    case Arrow::Left:
      p.List()->AddTriangleFilled(ImVec2(c.x - h * 0.6f, c.y), ImVec2(c.x + h * 0.6f, c.y - h),
                                  ImVec2(c.x + h * 0.6f, c.y + h), colour);
      break;
    case Arrow::Right:
      p.List()->AddTriangleFilled(ImVec2(c.x + h * 0.6f, c.y), ImVec2(c.x - h * 0.6f, c.y + h),
                                  ImVec2(c.x - h * 0.6f, c.y - h), colour);
      break;
    case Arrow::Up:
      p.List()->AddTriangleFilled(ImVec2(c.x, c.y - h * 0.6f), ImVec2(c.x + h, c.y + h * 0.6f),
                                  ImVec2(c.x - h, c.y + h * 0.6f), colour);
      break;
    case Arrow::Down:
      p.List()->AddTriangleFilled(ImVec2(c.x, c.y + h * 0.6f), ImVec2(c.x - h, c.y - h * 0.6f),
                                  ImVec2(c.x + h, c.y - h * 0.6f), colour);
      break;
    case Arrow::None:
      break;
  }
}

/// Extra width an arrow or a swatch adds before a button's label.
float Lead(const Frame& f, const ButtonLook& look) {
  if (look.arrow != Arrow::None) return f.m.U(40);
  if (look.swatch != 0) return f.m.U(28);
  return 0.0f;
}

/// Width of a button with `label`: at least a touch target's height, so that a short label is not a sliver.
float ButtonWidth(const Frame& f, const Bilingual& label, const ButtonLook& look) {
  return std::max(f.touch, f.LabelWidth(label) + Lead(f, look) + 2 * f.pad);
}

/// A button from `a` to `b`: its French label in the strong face and its English small under it (one line when they
/// are the same), shortened to fit, an arrow or a swatch before them. Tapping it gives `input`.
void Button(const Frame& f, ImVec2 a, ImVec2 b, const Bilingual& label, const ButtonLook& look,
            InteractiveInput input) {
  const Painter& p = f.p;
  p.Rect(a, b, look.fill, f.m.rounding);
  if (look.outline != 0) p.Outline(a, b, look.outline, f.m.rounding, std::max(1.0f, f.m.U(3)));
  float x = a.x + f.pad;
  const float cy = (a.y + b.y) / 2;
  if (look.arrow != Arrow::None) {
    DrawArrow(p, ImVec2(x + f.m.U(14), cy), f.m.U(28), look.arrow, look.text);
    x += f.m.U(40);
  } else if (look.swatch != 0) {
    p.List()->AddCircleFilled(ImVec2(x + f.m.U(9), cy), f.m.U(9), look.swatch, 16);
    x += f.m.U(28);
  }
  const float width = b.x - f.pad - x;
  if (width > 0 && !label.fr.empty()) {
    if (Frame::HasEnglish(label)) {
      const float y = cy - (p.Line(Fonts::kStrong) + f.SmallLine()) / 2;
      p.TextFit(Fonts::kStrong, ImVec2(x, y), width, look.text, label.fr);
      const std::string en =
          FitOneLine(label.en, width, [&](std::string_view s) { return p.Width(Fonts::kBody, s, f.small); });
      p.Text(Fonts::kBody, ImVec2(x, y + p.Line(Fonts::kStrong)), p.T().text_muted, en, f.small);
    } else {
      p.TextFit(Fonts::kStrong, ImVec2(x, cy - p.Px(Fonts::kStrong) / 2), width, look.text, label.fr);
    }
  }
  f.Add(a, b, std::move(input));
}

/// An arrow alone on a button (no label), disabled (faint, not tappable) when `enabled` is false.
void ArrowButton(const Frame& f, ImVec2 a, ImVec2 b, Arrow arrow, bool enabled, InteractiveInput input) {
  const Theme& t = f.p.T();
  f.p.Rect(a, b, enabled ? t.surface_alt : t.Dim(t.surface_alt, 0.5f), f.m.rounding);
  DrawArrow(f.p, ImVec2((a.x + b.x) / 2, (a.y + b.y) / 2), f.m.U(40), arrow, enabled ? t.text : t.text_faint);
  if (enabled) f.Add(a, b, std::move(input));
}

/// Back, at the top left of the content; returns its right edge.
float BackButton(const Frame& f, const Bands& b, float y) {
  const Bilingual& label = UiText("interactive.back");
  ButtonLook look = Plain(f);
  look.arrow = Arrow::Left;
  const float w = ButtonWidth(f, label, look);
  Button(f, ImVec2(b.left, y), ImVec2(b.left + w, y + f.touch), label, look, InteractiveInput::Tap(Target::Back));
  return b.left + w;
}

// ----- Browse

/// The day tabs and the plan button; the tabs take their long labels when they all fit, else the short ones, and
/// only as many as fit (the active one among them).
void DayRow(const Frame& f, const Bands& b, float y, const InteractiveViewModel& vm) {
  float right = b.right;
  if (vm.has_plan) {
    const Bilingual& label = UiText("interactive.plan");
    const float w = ButtonWidth(f, label, Plain(f));
    Button(f, ImVec2(b.right - w, y), ImVec2(b.right, y + f.touch), label, Plain(f),
           InteractiveInput::Tap(Target::Plan));
    right = b.right - w - f.gap;
  }
  if (vm.days.empty()) return;
  auto total = [&](bool compact) {
    float w = 0;
    for (const DayTab& tab : vm.days) w += ButtonWidth(f, compact ? tab.compact : tab.label, Plain(f)) + f.gap;
    return w - f.gap;
  };
  const bool compact = total(false) > right - b.left;
  std::size_t active = 0;
  for (std::size_t i = 0; i < vm.days.size(); ++i)
    if (vm.days[i].active) active = i;
  // The first tab shown: as early as leaves the active one on the row.
  std::size_t first = 0;
  for (;;) {
    float x = b.left;
    std::size_t last = first;
    while (last < vm.days.size()) {
      const float w = ButtonWidth(f, compact ? vm.days[last].compact : vm.days[last].label, Plain(f));
      if (x + w > right && last > first) break;
      x += w + f.gap;
      ++last;
    }
    if (active < last || first >= active) break;
    ++first;
  }
  float x = b.left;
  for (std::size_t i = first; i < vm.days.size(); ++i) {
    const DayTab& tab = vm.days[i];
    const Bilingual& label = compact ? tab.compact : tab.label;
    const float w = std::min(ButtonWidth(f, label, Plain(f)), right - x);
    if (w < f.m.U(88) || (x + w > right + 0.5f && i > first)) break;
    InteractiveInput input = InteractiveInput::Tap(Target::Day);
    input.day = tab.day;
    Button(f, ImVec2(x, y), ImVec2(x + w, y + f.touch), label, tab.active ? Active(f, f.p.T().accent) : Plain(f),
           input);
    if (tab.today) {
      // A bar under the label marks today's tab.
      f.p.Rect(ImVec2(x + f.pad, y + f.touch - f.m.U(8)), ImVec2(x + w - f.pad, y + f.touch - f.m.U(4)), f.p.T().accent,
               f.m.U(2));
    }
    x += w + f.gap;
  }
}

/// One row of filter chips beside its label, over `lines` lines: "Tous · All", then the chips from `first` that fit,
/// then an arrow to the next ones (back to the first after the last) when they do not all fit. Returns its height.
float ChipRow(const Frame& f, const Bands& b, float y, float label_w, int lines, const Bilingual& row_label,
              const std::vector<FilterChip>& chips, const std::string& active, int first, Target tap, Target more) {
  const Painter& p = f.p;
  const Theme& t = p.T();
  {
    const float cy = y + f.touch / 2;
    const float top = cy - (p.Line(Fonts::kStrong) + f.SmallLine()) / 2;
    p.TextFit(Fonts::kStrong, ImVec2(b.left, top), label_w - f.gap, t.text_muted, row_label.fr);
    p.Text(Fonts::kBody, ImVec2(b.left, top + p.Line(Fonts::kStrong)), t.text_faint,
           FitOneLine(row_label.en, label_w - f.gap,
                      [&](std::string_view s) { return p.Width(Fonts::kBody, s, f.small); }),
           f.small);
  }
  const float start = b.left + label_w;
  const Bilingual& all = UiText("interactive.all");
  const float all_w = ButtonWidth(f, all, Plain(f));
  Button(f, ImVec2(start, y), ImVec2(start + all_w, y + f.touch), all, active.empty() ? Active(f, t.accent) : Plain(f),
         InteractiveInput::Tap(tap));
  const float height = lines * f.touch + (lines - 1) * f.gap;
  if (chips.empty()) return height;

  auto look_of = [&](const FilterChip& chip) {
    ButtonLook look =
        chip.key == active ? Active(f, tap == Target::Kind ? t.KindColour(chip.kind) : t.accent) : Plain(f);
    if (tap == Target::Kind) look.swatch = t.KindColour(chip.kind);
    return look;
  };
  first = std::clamp(first, 0, static_cast<int>(chips.size()) - 1);
  // Lays the chips from `first` out line by line (the last line ending at `last_right`), drawing them when `draw`;
  // returns the index of the first chip left out. A chip wider than a whole line is shortened rather than left out,
  // so the arrow always moves on.
  auto flow = [&](float last_right, bool draw) {
    std::size_t i = static_cast<std::size_t>(first);
    float x = start + all_w + f.gap;
    for (int line = 0; line < lines && i < chips.size(); ++line) {
      const float top = y + line * (f.touch + f.gap);
      const float right = line + 1 == lines ? last_right : b.right;
      if (line > 0) x = start;
      bool placed = false;
      for (; i < chips.size(); ++i) {
        const ButtonLook look = look_of(chips[i]);
        float w = ButtonWidth(f, chips[i].label, look);
        if (x + w > right) {
          if (placed || right - x < f.touch) break;
          w = right - x;
        }
        if (draw)
          Button(f, ImVec2(x, top), ImVec2(x + w, top + f.touch), chips[i].label, look,
                 InteractiveInput::Tap(tap, chips[i].key));
        x += w + f.gap;
        placed = true;
      }
    }
    return i;
  };
  const float arrow_w = f.touch;
  const bool arrow = first > 0 || flow(b.right, false) < chips.size();
  const std::size_t next = flow(arrow ? b.right - arrow_w - f.gap : b.right, true);
  if (arrow) {
    InteractiveInput input = InteractiveInput::Tap(more);
    if (next == static_cast<std::size_t>(first)) {
      input.index = (first + 1) % static_cast<int>(chips.size());
    } else {
      input.index = next < chips.size() ? static_cast<int>(next) : 0;
    }
    const float top = y + height - f.touch;
    ArrowButton(f, ImVec2(b.right - arrow_w, top), ImVec2(b.right, top + f.touch), Arrow::Right, true, input);
  }
  return height;
}

/// The list's grid on this screen: columns, rows per column, item size.
struct ListLayout {
  float top = 0, bottom = 0;
  float left = 0, right = 0;  ///< the items' area (the page arrows right of it)
  int columns = 1;
  int rows = 1;
  float item_h = 0, column_w = 0;
  float arrows_x = 0;  ///< left edge of the page arrows
};

ListLayout LayoutList(const Frame& f, const Bands& b, float top) {
  ListLayout l;
  l.top = top;
  l.bottom = b.content_bottom;
  l.left = b.left;
  l.arrows_x = b.right - f.touch;
  l.right = l.arrows_x - f.gap;
  l.columns = b.right - b.left >= f.m.U(1500) ? 2 : 1;
  l.item_h = std::max(f.touch, 2 * f.m.U(12) + f.p.Line(Fonts::kStrong) + f.p.Line(Fonts::kBody) + f.m.U(4));
  l.rows = std::max(1, static_cast<int>((l.bottom - l.top + f.m.U(10)) / (l.item_h + f.m.U(10))));
  // Spare height goes into the items (up to a fifth more each), so the list reaches down to the footer.
  l.item_h = std::clamp((l.bottom - l.top - (l.rows - 1) * f.m.U(10)) / l.rows, l.item_h, l.item_h * 1.2f);
  l.column_w = (l.right - l.left - (l.columns - 1) * f.gap) / l.columns;
  return l;
}

/// One session of the list: its start (the planned one struck under it when delayed, else its end), title, and
/// "now" chip, marks, room, kind and theme on the second line.
void ListItem(const Frame& f, ImVec2 a, ImVec2 b, const BrowseItem& entry) {
  const Painter& p = f.p;
  const Theme& t = p.T();
  const Metrics& m = f.m;
  const SessionItem& item = entry.item;
  p.Rect(a, b, entry.past ? t.Dim(t.surface, 0.45f) : t.surface, m.rounding);
  p.Rect(a, ImVec2(a.x + m.U(10), b.y), entry.past ? t.Fade(t.KindColour(item.kind), 0.4f) : t.KindColour(item.kind),
         m.rounding, ImDrawFlags_RoundCornersLeft);
  if (entry.is_now) p.Outline(a, b, t.accent, m.rounding, std::max(1.0f, m.U(3)));
  const float x0 = a.x + m.U(26);
  const float y1 = std::round((a.y + b.y - p.Line(Fonts::kStrong) - m.U(4) - p.Line(Fonts::kBody)) / 2);
  const float y2 = y1 + p.Line(Fonts::kStrong) + m.U(4);
  const ImU32 colour = item.cancelled ? t.warning : (entry.past ? t.text_muted : t.text);
  p.Text(Fonts::kStrong, ImVec2(x0, y1), colour, item.start_hm);
  if (!item.planned_start_hm.empty()) {
    p.Struck(Fonts::kBody, ImVec2(x0, y2), t.text_faint, item.planned_start_hm);
  } else {
    p.Text(Fonts::kBody, ImVec2(x0, y2), t.text_faint, item.end_hm);
  }
  const float x = x0 + p.Width(Fonts::kStrong, "00:00") + m.U(24);
  const float w = b.x - m.U(16) - x;
  if (w <= 0) return;
  p.TextFit(Fonts::kStrong, ImVec2(x, y1), w, colour, item.title);
  float dx = x;
  if (entry.is_now) {
    const std::string now = Join(UiText("interactive.now"));
    if (p.ChipWidth(Fonts::kBody, now) < w / 2)
      dx += p.Chip(Fonts::kBody, ImVec2(dx, y2 - m.U(2)), t.accent, now) + m.U(12);
  }
  const float badges = p.Badges(Fonts::kBody, ImVec2(dx, y2 - m.U(2)), (x + w - dx) * 0.6f, item.marks);
  if (badges > 0) dx += badges + m.U(14);
  std::string detail = item.room_name;
  if (const std::string kind = Join(item.kind_label); !kind.empty()) detail += Dot() + kind;
  if (!entry.theme.empty()) detail += Dot() + entry.theme;
  p.TextFit(Fonts::kBody, ImVec2(dx, y2), x + w - dx, t.text_muted, detail);
}

/// Returns the page shown and the pages there are.
Pager DrawBrowse(const Frame& f, const Bands& b, const InteractiveViewModel& vm, const InteractiveState& state) {
  const Painter& p = f.p;
  const Theme& t = p.T();
  float y = b.content_top;
  DayRow(f, b, y, vm);
  y += f.touch + f.gap;

  const Bilingual& kind_label = UiText("interactive.kind");
  const Bilingual& theme_label = UiText("interactive.theme");
  const float label_w = std::max(f.LabelWidth(kind_label), f.LabelWidth(theme_label)) + f.gap;
  // A portrait screen has height to spare: two lines of chips a row, so fewer hide behind the arrows.
  const int lines = f.context.size.y > f.context.size.x ? 2 : 1;
  y += ChipRow(f, b, y, label_w, lines, kind_label, vm.kinds, vm.kind, state.kind_first, Target::Kind,
               Target::KindMore) +
       f.gap;
  y += ChipRow(f, b, y, label_w, lines, theme_label, vm.themes, vm.theme, state.theme_first, Target::Theme,
               Target::ThemeMore) +
       f.gap;

  const ListLayout l = LayoutList(f, b, y);
  const int per_page = l.columns * l.rows;
  const int count = static_cast<int>(vm.items.size());
  const int pages = std::max(1, (count + per_page - 1) / per_page);
  // No page chosen yet: the one with the first session not over, so a visitor sees what is still to come.
  const int page = std::clamp(state.list_page.value_or(static_cast<int>(vm.first_current) / per_page), 0, pages - 1);
  if (vm.items.empty()) {
    const Bilingual& none = UiText("interactive.no_sessions");
    const float cy = (l.top + l.bottom) / 2;
    const float width = b.right - b.left;
    const std::string fr = FitOneLine(FrenchDisplay(none.fr), width, p.Measure(Fonts::kTitle));
    p.TextCentred(Fonts::kTitle, (b.left + b.right) / 2, cy - p.Line(Fonts::kTitle), t.text_muted, fr);
    p.TextCentred(Fonts::kBody, (b.left + b.right) / 2, cy + f.m.U(8), t.text_faint,
                  FitOneLine(none.en, width, p.Measure(Fonts::kBody)));
  }
  for (int i = page * per_page; i < std::min(count, (page + 1) * per_page); ++i) {
    const int index = i - page * per_page;
    const float x = l.left + static_cast<float>(index / l.rows) * (l.column_w + f.gap);
    const float top = l.top + static_cast<float>(index % l.rows) * (l.item_h + f.m.U(10));
    const ImVec2 a(x, top), c(x + l.column_w, top + l.item_h);
    const BrowseItem& entry = vm.items[static_cast<std::size_t>(i)];
    ListItem(f, a, c, entry);
    InteractiveInput input = InteractiveInput::Tap(Target::Session);
    input.key = entry.item.session ? entry.item.session->uid : std::string();
    input.start = entry.item.start;
    f.Add(a, c, input);
  }
  if (pages > 1) {
    const float h = std::max(f.touch, (l.bottom - l.top - f.gap) / 2);
    InteractiveInput up = InteractiveInput::Tap(Target::PageUp), down = InteractiveInput::Tap(Target::PageDown);
    up.index = page - 1;
    down.index = page + 1;
    ArrowButton(f, ImVec2(l.arrows_x, l.top), ImVec2(b.right, l.top + h), Arrow::Up, page > 0, up);
    ArrowButton(f, ImVec2(l.arrows_x, l.bottom - h), ImVec2(b.right, l.bottom), Arrow::Down, page + 1 < pages, down);
  }
  return {page, pages};
}

// ----- Detail

/// The plan in `a`..`b` with `room_key` highlighted; "Plan indisponible" when there is none.
void PlanBox(const Frame& f, ImVec2 a, ImVec2 b, const std::string& room_key, const InteractiveViewModel& vm) {
  const Painter& p = f.p;
  const Branding* branding = f.context.branding;
  if (branding && !branding->plan.Empty()) {
    DrawPlanInset(p, a, b, branding->plan, room_key, false, &vm.rooms);
    return;
  }
  const Bilingual& none = UiText("interactive.plan_unavailable");
  const float cx = (a.x + b.x) / 2, cy = (a.y + b.y) / 2;
  p.TextCentred(Fonts::kTitle, cx, cy - p.Line(Fonts::kTitle), p.T().text_muted,
                FitOneLine(none.fr, b.x - a.x, p.Measure(Fonts::kTitle)));
  p.TextCentred(Fonts::kBody, cx, cy + f.m.U(8), p.T().text_faint,
                FitOneLine(none.en, b.x - a.x, p.Measure(Fonts::kBody)));
}

void DrawDetail(const Frame& f, const Bands& b, const InteractiveViewModel& vm) {
  const Painter& p = f.p;
  const Theme& t = p.T();
  const Metrics& m = f.m;
  const SessionDetail& d = *vm.detail;
  const SessionItem& item = d.item;
  float y = b.content_top;
  BackButton(f, b, y);
  if (d.on_plan) {
    const Bilingual& label = UiText("interactive.see_on_plan");
    ButtonLook look = Plain(f);
    look.arrow = Arrow::Right;
    const float w = std::min(ButtonWidth(f, label, look), (b.right - b.left) * 0.6f);
    InteractiveInput input = InteractiveInput::Tap(Target::Plan);
    input.key = d.room_key;
    Button(f, ImVec2(b.right - w, y), ImVec2(b.right, y + f.touch), label, look, input);
  }
  y += f.touch + f.gap * 2;

  // The plan beside the text on a landscape screen, under it on a portrait one.
  float text_right = b.right, text_bottom = b.content_bottom;
  const bool landscape = f.context.size.x > f.context.size.y;
  if (d.on_plan) {
    if (landscape) {
      const float plan_left = b.left + (b.right - b.left) * 0.60f;
      PlanBox(f, ImVec2(plan_left, y), ImVec2(b.right, b.content_bottom), d.room_key, vm);
      text_right = plan_left - m.U(40);
    } else {
      // As wide as the screen allows, up to 45 % of the height left, so the text keeps the larger part.
      const float aspect = f.context.branding ? std::max(0.2f, f.context.branding->plan.aspect) : 1.6f;
      const float plan_h = std::min((b.right - b.left) / aspect, (b.content_bottom - y) * 0.45f);
      const float plan_top = b.content_bottom - plan_h;
      PlanBox(f, ImVec2(b.left, plan_top), ImVec2(b.right, b.content_bottom), d.room_key, vm);
      text_bottom = plan_top - m.U(24);
    }
  }
  const float x = b.left, w = text_right - b.left;

  // Where it stands: now or over, its live marks and its interpretation (issue 13).
  {
    float dx = x;
    const float chip_h = p.Line(Fonts::kBody) + m.U(4);
    if (d.is_now) dx += p.Chip(Fonts::kBody, ImVec2(dx, y), t.accent, Join(UiText("interactive.now"))) + m.U(12);
    if (d.past && !item.cancelled)
      dx += p.Chip(Fonts::kBody, ImVec2(dx, y), t.text_faint, Join(UiText("interactive.ended"))) + m.U(12);
    // The interpretation goes beside the marks when it fits there in both languages, else on a line of its own,
    // where a visitor reading the detail gets the English too.
    const float marks_w = p.Badges(Fonts::kBody, ImVec2(dx, y), FLT_MAX, item.marks, false);
    const bool beside = !item.interpretation || marks_w + (marks_w > 0 ? m.U(12) : 0.0f) +
                                                        p.BadgeWidth(Fonts::kBody, item.interpretation->compact) <=
                                                    x + w - dx;
    const float badges = p.Badges(Fonts::kBody, ImVec2(dx, y), x + w - dx, beside ? item.Badges() : item.marks);
    if (dx > x || badges > 0) y += chip_h + m.U(16);
    if (!beside && p.Badges(Fonts::kBody, ImVec2(x, y), w, {*item.interpretation}) > 0) y += chip_h + m.U(16);
  }
  // Titles: French (as the programme gives it) large, English under it.
  const float title_size = p.Px(Fonts::kTitle);
  const float title_advance = std::round(title_size * kTitleLineGap);
  y +=
      p.TextWrapped(Fonts::kTitle, ImVec2(x, y), w, item.cancelled ? t.warning : t.text, item.title, 3, title_advance) +
      m.U(8);
  if (!item.title_en.empty()) y += p.TextWrapped(Fonts::kBody, ImVec2(x, y), w, t.text_muted, item.title_en, 2);
  y += m.U(16);

  // When and where.
  {
    float dx = x;
    if (!item.planned_start_hm.empty())
      dx += p.Struck(Fonts::kStrong, ImVec2(dx, y), t.text_faint, item.planned_start_hm) + m.U(16);
    p.Text(Fonts::kStrong, ImVec2(dx, y), item.cancelled ? t.warning : t.accent, item.time_range);
    dx += p.Width(Fonts::kStrong, item.time_range) + m.U(24);
    if (dx < x + w) p.TextFit(Fonts::kBody, ImVec2(dx, y), x + w - dx, t.text_muted, Join(d.day_label));
    y += p.Line(Fonts::kStrong);
    dx = x;
    dx += p.TextFit(Fonts::kStrong, ImVec2(dx, y), w, t.text, item.room_name) + m.U(24);
    std::string what = Join(item.kind_label);
    if (!d.theme.empty()) what += (what.empty() ? "" : Dot()) + d.theme;
    if (dx < x + w && !what.empty()) p.TextFit(Fonts::kBody, ImVec2(dx, y), x + w - dx, t.text_muted, what);
    y += p.Line(Fonts::kStrong) + m.U(16);
  }
  // Speakers, one a line under their heading; with a description they take at most half of what is left, the rest
  // of them counted ("+ 3").
  const float body = p.Line(Fonts::kBody);
  const int room = static_cast<int>((text_bottom - y) / body);
  const int speaker_lines =
      std::min(static_cast<int>(d.speakers.size()) + 1, d.description.empty() ? room : std::max(2, room / 2));
  if (!d.speakers.empty() && speaker_lines >= 2) {
    p.Text(Fonts::kBody, ImVec2(x, y), t.text_faint,
           FitOneLine(Join(UiText("interactive.speakers")), w, p.Measure(Fonts::kBody)));
    y += body;
    const std::size_t shown = static_cast<std::size_t>(speaker_lines - 1);
    for (std::size_t i = 0; i < d.speakers.size(); ++i) {
      if (i + 1 == shown && d.speakers.size() > shown) {
        p.Text(Fonts::kBody, ImVec2(x, y), t.text_muted, "+ " + std::to_string(d.speakers.size() - i));
        y += body;
        break;
      }
      const SpeakerLine& s = d.speakers[i];
      const float nw = p.TextFit(Fonts::kStrong, ImVec2(x, y), w, t.text, s.name);
      if (!s.role.empty() && nw + m.U(16) < w)
        p.TextFit(Fonts::kBody, ImVec2(x + nw + m.U(16), y), w - nw - m.U(16), t.text_muted, s.role);
      y += body;
    }
    y += m.U(16);
  }
  // The description, wrapped, ending with "…" where the room runs out.
  if (!d.description.empty()) {
    const int lines = static_cast<int>((text_bottom - y) / body);
    if (lines >= 1) p.TextWrapped(Fonts::kBody, ImVec2(x, y), w, t.text, d.description, lines);
  }
}

// ----- Plan

void DrawPlanPage(const Frame& f, const Bands& b, const InteractiveViewModel& vm) {
  const Painter& p = f.p;
  const Theme& t = p.T();
  const float y = b.content_top;
  const float x = BackButton(f, b, y) + f.m.U(32);
  if (x < b.right) {
    const std::string title = vm.plan_room_name.empty() ? Join(UiText("interactive.plan")) : vm.plan_room_name;
    const std::string sub =
        f.context.branding && !f.context.branding->plan.title.empty() ? f.context.branding->plan.title : std::string();
    const float top = y + (f.touch - p.Line(Fonts::kTitle) - (sub.empty() ? 0 : p.Line(Fonts::kBody))) / 2;
    p.TextFit(Fonts::kTitle, ImVec2(x, top), b.right - x, t.accent, title);
    if (!sub.empty()) p.TextFit(Fonts::kBody, ImVec2(x, top + p.Line(Fonts::kTitle)), b.right - x, t.text_muted, sub);
  }
  PlanBox(f, ImVec2(b.left, y + f.touch + f.gap * 2), ImVec2(b.right, b.content_bottom), vm.plan_room_key, vm);
}

/// Whether EndScreen draws an urgent notice over the page this frame (DrawUrgent's condition; an emergency, which
/// replaces the page, is handled before).
bool UrgentShown(const ScreenContext& context) {
  return context.announcements != nullptr &&
         AnnouncementsViewModel::At(context.announcements->urgent, context.slot) != nullptr;
}

/// The touch screen's body: header, the page (browse, detail or plan), footer, and the touch targets and the tap into
/// `result`.
void DrawInteractiveBody(const ScreenContext& context, const Painter& p, const Bands& b, const InteractiveViewModel& vm,
                         const InteractiveState& state, InteractiveResult& result) {
  const Metrics& m = context.metrics;
  const float small = std::round(p.Px(Fonts::kBody) * 0.8f);
  const float touch = std::ceil(std::max(m.U(88), p.Line(Fonts::kStrong) + std::round(small * kLineGap) + 2 * m.U(10)));
  Frame f{context, p, m, result.targets, touch, small, m.U(20), m.U(14)};
  DrawHeader(p, b, vm.event_name, vm.today_label, vm.clock);

  Pager pager;
  bool browse = false;
  if (vm.page == InteractivePage::Detail && vm.detail) {
    DrawDetail(f, b, vm);
  } else if (vm.page == InteractivePage::Plan) {
    DrawPlanPage(f, b, vm);
  } else {
    pager = DrawBrowse(f, b, vm, state);
    browse = true;
  }
  DrawFooter(p, b, vm.revision, pager, {}, FooterTop::None);

  // EndScreen draws over the page: the info band at the bottom, which no target may reach under, and the urgent
  // notice, whose veil covers the whole page: nothing under it is tappable then.
  const float band_top = InfoBandTop(context);
  for (TouchTarget& target : result.targets) target.max.y = std::min(target.max.y, band_top);
  std::erase_if(result.targets, [](const TouchTarget& target) { return target.max.y <= target.min.y; });
  const bool urgent = UrgentShown(context);
  if (urgent) result.targets.clear();

  if (ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
    // Any touch keeps the screen awake; only one on a target drawn on top does more.
    result.touched = true;
    const ImVec2 at = ImGui::GetIO().MousePos;
    // Topmost first: the last box drawn over a point is the one seen there.
    for (auto it = result.targets.rbegin(); it != result.targets.rend(); ++it) {
      if (at.x >= it->min.x && at.x < it->max.x && at.y >= it->min.y && at.y < it->max.y) {
        result.input = it->input;
        break;
      }
    }
    result.input.at = TouchClock::now();
    // The page the visitor saw, for Apply to pin; not through the urgent veil (that tap only keeps the screen awake).
    if (browse && !urgent) result.input.list_page = pager.current;
  }
}

}  // namespace

InteractiveResult DrawInteractive(const ScreenContext& context, const InteractiveViewModel& vm,
                                  const InteractiveState& state) {
  InteractiveResult result;
  // An emergency covers everything (the frame draws it instead of the body): nothing is tappable.
  const Action action = DrawScreenFrame(
      context, [&](const Painter& p, const Bands& b) { DrawInteractiveBody(context, p, b, vm, state, result); });
  if (action.kind == Action::Kind::Quit) result.action = action;
  return result;
}

}  // namespace kiosk::ui
