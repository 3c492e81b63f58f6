// ImGui drawing of the check-in desk and its PIN screen; layout in units of the screen height (Metrics).
#include "kiosk/ui/CheckinScreen.h"

#include <algorithm>
#include <cfloat>
#include <cmath>

#include "kiosk/ui/Catalogue.h"
#include "kiosk/ui/ScreenParts.h"
#include "kiosk/ui/Typography.h"

namespace kiosk::ui {
namespace {

constexpr ImU32 Rgb(unsigned rgb) { return IM_COL32((rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF, 0xFF); }

constexpr ImU32 kGreen = Rgb(0x2E7D32);
constexpr ImU32 kGreenText = Rgb(0x81C784);
constexpr ImU32 kYellow = Rgb(0xFBC02D);
constexpr ImU32 kRed = Rgb(0xC62828);
constexpr ImU32 kRedText = Rgb(0xFF6B6B);
constexpr ImU32 kDark = Rgb(0x101418);
constexpr ImU32 kWhite = Rgb(0xFFFFFF);

/// Text drawing bound to one frame's draw list.
class Pen {
 public:
  explicit Pen(const ScreenContext& context)
      : m_context(context), m_list(ImGui::GetWindowDrawList()), m(context.metrics) {}

  const Metrics& M() const { return m; }
  ImDrawList* List() const { return m_list; }
  float Px(Fonts::Role role) const { return m_context.fonts->Size(role); }
  float Line(Fonts::Role role) const { return std::round(Px(role) * 1.15f); }
  float Width(Fonts::Role role, std::string_view text, float size = 0) const {
    if (size <= 0) size = Px(role);
    return m_context.fonts->Get(role)->CalcTextSizeA(size, FLT_MAX, 0.0f, text.data(), text.data() + text.size()).x;
  }
  MeasureText Measure(Fonts::Role role, float size = 0) const {
    return [this, role, size](std::string_view text) { return Width(role, text, size); };
  }
  void Text(Fonts::Role role, ImVec2 pos, ImU32 colour, std::string_view text, float size = 0) const {
    if (text.empty()) return;
    if (size <= 0) size = Px(role);
    const ImVec2 at(std::round(pos.x), std::round(pos.y));
    m_list->AddText(m_context.fonts->Get(role), size, at, colour, text.data(), text.data() + text.size());
    if (m_context.text_log) {
      const float w = Width(role, text, size);
      m_context.text_log->push_back({std::string(text), at, ImVec2(at.x + w, at.y + size)});
    }
  }
  /// One line shortened with "…" to `width`; returns the width drawn.
  float Fit(Fonts::Role role, ImVec2 pos, float width, ImU32 colour, std::string_view text, float size = 0) const {
    if (width <= 0) return 0;
    const std::string fitted = FitOneLine(text, width, Measure(role, size));
    Text(role, pos, colour, fitted, size);
    return Width(role, fitted, size);
  }
  /// `text` wrapped to `width` (Typography's WrapText; `max_lines` 0: as many as it needs, long words split),
  /// one line every `line_h` pixels (0: 1.2 times the size); returns the height drawn.
  float Wrapped(Fonts::Role role, ImVec2 pos, float width, ImU32 colour, std::string_view text, float size = 0,
                int max_lines = 0, float line_h = 0) const {
    if (width <= 0 || text.empty()) return 0;
    if (size <= 0) size = Px(role);
    if (line_h <= 0) line_h = std::round(size * 1.2f);
    float y = pos.y;
    for (const std::string& line : WrapText(text, width, Measure(role, size), max_lines)) {
      Text(role, ImVec2(pos.x, y), colour, line, size);
      y += line_h;
    }
    return y - pos.y;
  }
  void TextRight(Fonts::Role role, float right, float y, ImU32 colour, std::string_view text, float size = 0) const {
    Text(role, ImVec2(right - Width(role, text, size), y), colour, text, size);
  }
  void TextCentred(Fonts::Role role, float cx, float y, ImU32 colour, std::string_view text, float size = 0) const {
    Text(role, ImVec2(cx - Width(role, text, size) / 2, y), colour, text, size);
  }
  void Rect(ImVec2 a, ImVec2 b, ImU32 colour, float rounding = 0) const {
    m_list->AddRectFilled(a, b, colour, rounding);
  }
  /// A pill with `text` on `fill`; returns its width.
  float Pill(Fonts::Role role, ImVec2 pos, ImU32 fill, ImU32 colour, std::string_view text, float size = 0) const {
    const float pad = m.U(14), w = Width(role, text, size) + 2 * pad, h = (size > 0 ? size : Px(role)) * 1.35f;
    Rect(pos, ImVec2(pos.x + w, pos.y + h), fill, h / 2);
    Text(role, ImVec2(pos.x + pad, pos.y + h * 0.13f), colour, text, size);
    return w;
  }
  float PillWidth(Fonts::Role role, std::string_view text, float size = 0) const {
    return Width(role, text, size) + 2 * m.U(14);
  }

 private:
  const ScreenContext& m_context;
  ImDrawList* m_list;
  const Metrics& m;
};

bool Clicked(ImVec2 a, ImVec2 b) {
  return ImGui::IsMouseClicked(ImGuiMouseButton_Left) && ImGui::IsMouseHoveringRect(a, b, false);
}

std::string Counter(int done, int expected) { return std::to_string(done) + " / " + std::to_string(expected); }

CheckinAction DrawPin(const ScreenContext& context, const CheckinViewModel& vm) {
  Pen p(context);
  const Theme& t = *context.theme;
  const Metrics& m = p.M();
  const float cx = context.size.x / 2;
  float y = context.size.y * 0.22f;
  const Bilingual locked = Format(UiText("desk.locked"), {{"desk", vm.desk}});
  p.TextCentred(Fonts::kTitle, cx, y, t.text, locked.fr);
  y += p.Line(Fonts::kTitle);
  p.TextCentred(Fonts::kBody, cx, y, t.text_muted, locked.en);
  y += p.Line(Fonts::kBody) + m.U(50);
  p.TextCentred(Fonts::kStrong, cx, y, t.text, FrenchDisplay(UiText("desk.pin_prompt").fr));
  y += p.Line(Fonts::kStrong);
  p.TextCentred(Fonts::kBody, cx, y, t.text_muted, UiText("desk.pin_prompt").en);
  y += p.Line(Fonts::kBody) + m.U(40);
  // Dots for the digits typed, empty circles up to 4 so the box never looks blank.
  const int shown = std::max(4, vm.pin_digits);
  const float r = m.U(16), step = m.U(52);
  const float box_w = std::max(m.U(360), shown * step + m.U(40)), box_h = m.U(110);
  p.Rect(ImVec2(cx - box_w / 2, y), ImVec2(cx + box_w / 2, y + box_h), t.surface, m.rounding);
  float x = cx - (shown - 1) * step / 2;
  for (int i = 0; i < shown; ++i, x += step) {
    const ImVec2 c(x, y + box_h / 2);
    if (i < vm.pin_digits)
      p.List()->AddCircleFilled(c, r, t.text, 24);
    else
      p.List()->AddCircle(c, r, t.text_faint, 24, m.U(3));
  }
  y += box_h + m.U(40);
  if (!vm.pin_message.fr.empty()) {
    p.TextCentred(Fonts::kStrong, cx, y, kRedText, vm.pin_message.fr);
    y += p.Line(Fonts::kStrong);
    p.TextCentred(Fonts::kBody, cx, y, t.text_muted, vm.pin_message.en);
  }
  return {};
}

/// The header: desk name left, overall counter right, category and day counters under it. Returns its bottom.
float DrawHeader(const Pen& p, const ScreenContext& context, const CheckinViewModel& vm) {
  const Theme& t = *context.theme;
  const Metrics& m = p.M();
  const float left = m.margin, right = context.size.x - m.margin;
  float y = m.U(28);
  const std::string desk = Format(UiText("desk.desk").fr, {{"desk", vm.desk}});
  p.Text(Fonts::kTitle, ImVec2(left, y), t.accent, desk);
  const float desk_w = p.Width(Fonts::kTitle, desk);
  p.Text(Fonts::kBody, ImVec2(left + desk_w + m.U(24), y + p.Px(Fonts::kTitle) - p.Px(Fonts::kBody)), t.text_muted,
         Join(UiText("desk.title")));
  // Overall counter: "123 / 400" large, with its label under it.
  const std::string total = Counter(vm.checked_in, vm.expected);
  p.TextRight(Fonts::kTitle, right, y, t.text, total);
  const float total_w = p.Width(Fonts::kTitle, total);
  p.TextRight(Fonts::kBody, right - total_w - m.U(20), y + p.Px(Fonts::kTitle) - p.Px(Fonts::kBody), t.text_muted,
              UiText("desk.counter").fr + " / " + UiText("desk.counter").en);
  y += p.Line(Fonts::kTitle) + m.U(10);
  // Counter chips: days first, then categories, as many as fit on one line.
  const float small = m.U(24);
  float x = left;
  auto chip = [&](const CheckinCounterView& c, ImU32 fill) {
    const std::string text = c.label + "  " + Counter(c.checked_in, c.expected);
    const float w = p.PillWidth(Fonts::kBody, text, small);
    if (x + w > right) return;
    x += p.Pill(Fonts::kBody, ImVec2(x, y), fill, t.text, text, small) + m.U(12);
  };
  for (const CheckinCounterView& c : vm.days) chip(c, t.surface_alt);
  if (!vm.days.empty()) x += m.U(16);
  for (const CheckinCounterView& c : vm.categories) chip(c, t.surface);
  y += small * 1.35f + m.U(18);
  return y;
}

/// One result row; returns true when clicked.
bool DrawRow(const Pen& p, const ScreenContext& context, const CheckinRowView& row, ImVec2 a, ImVec2 b) {
  const Theme& t = *context.theme;
  const Metrics& m = p.M();
  const bool hovered = ImGui::IsMouseHoveringRect(a, b, false);
  p.Rect(a, b, row.selected ? t.surface_alt : (hovered ? t.surface_alt : t.surface), m.U(10));
  if (row.selected) p.Rect(a, ImVec2(a.x + m.U(8), b.y), t.accent, m.U(4));
  // Badge on the right, French on top, English under it, in the badge's colour.
  ImU32 badge_fill = t.track, badge_text = t.text_muted;
  switch (row.badge) {
    case CheckinRowView::Badge::CheckedIn:
      badge_fill = kGreen;
      badge_text = kWhite;
      break;
    case CheckinRowView::Badge::Twice:
      badge_fill = kYellow;
      badge_text = kDark;
      break;
    case CheckinRowView::Badge::Withdrawn:
      badge_fill = Rgb(0x5D4037);
      badge_text = kWhite;
      break;
    case CheckinRowView::Badge::Expected:
      break;
  }
  const float pad = m.U(22), small = m.U(24);
  const float badge_w = std::min((b.x - a.x) * 0.42f, p.PillWidth(Fonts::kStrong, row.status.fr, small));
  const float badge_h = small * 1.35f;
  const float badge_x = b.x - pad - badge_w;
  const float mid = (a.y + b.y) / 2;
  p.Rect(ImVec2(badge_x, mid - badge_h / 2), ImVec2(b.x - pad, mid + badge_h / 2), badge_fill, badge_h / 2);
  p.Fit(Fonts::kStrong, ImVec2(badge_x + m.U(14), mid - badge_h / 2 + badge_h * 0.13f), badge_w - m.U(28), badge_text,
        row.status.fr, small);
  const float text_w = badge_x - a.x - 2 * pad;
  const float line = p.Line(Fonts::kStrong);
  const float top = mid - (line + small * 1.2f) / 2;
  p.Fit(Fonts::kStrong, ImVec2(a.x + pad, top), text_w, t.text, row.name);
  std::string second = row.organisation;
  if (!row.category.empty()) second += (second.empty() ? "" : "  ·  ") + row.category;
  if (!row.order_code.empty()) second += (second.empty() ? "" : "  ·  ") + row.order_code;
  p.Fit(Fonts::kBody, ImVec2(a.x + pad, top + line), text_w, t.text_muted, second, small);
  return Clicked(a, b);
}

/// The outcome panel in the box a-b.
void DrawOutcome(const Pen& p, const ScreenContext& context, const CheckinOutcomeView& out, ImVec2 a, ImVec2 b) {
  const Theme& t = *context.theme;
  const Metrics& m = p.M();
  ImU32 fill = t.surface, ink = t.text, muted = t.text_muted;
  switch (out.tone) {
    case CheckinOutcomeView::Tone::Success:
      fill = kGreen;
      ink = kWhite;
      muted = Rgb(0xDCEFDC);
      break;
    case CheckinOutcomeView::Tone::Warning:
      fill = kYellow;
      ink = kDark;
      muted = Rgb(0x3A3000);
      break;
    case CheckinOutcomeView::Tone::Error:
      fill = kRed;
      ink = kWhite;
      muted = Rgb(0xFFD6D6);
      break;
    case CheckinOutcomeView::Tone::Neutral:
    case CheckinOutcomeView::Tone::None:
      break;
  }
  p.Rect(a, b, fill, m.rounding);
  const float pad = m.U(32), width = b.x - a.x - 2 * pad, x = a.x + pad;
  float y = a.y + pad;
  if (out.tone == CheckinOutcomeView::Tone::None) {
    // Idle: how the desk works.
    p.Text(Fonts::kStrong, ImVec2(x, y), t.text_muted, Join(UiText("desk.ready")));
    y += p.Line(Fonts::kStrong) + m.U(16);
    const Bilingual* help[] = {&UiText("desk.help_scan"), &UiText("desk.help_select"), &UiText("desk.help_undo")};
    for (int i = 0; i < 6; ++i) {
      const Bilingual& line = *help[i / 2];
      p.Fit(Fonts::kBody, ImVec2(x, y), width, i % 2 ? t.text_faint : t.text_muted, i % 2 ? line.en : line.fr, m.U(26));
      y += m.U(26) * (i % 2 ? 1.6f : 1.2f);
    }
    return;
  }
  p.Fit(Fonts::kTitle, ImVec2(x, y), width, ink, out.headline.fr);
  y += p.Line(Fonts::kTitle);
  p.Fit(Fonts::kBody, ImVec2(x, y), width, muted, out.headline.en);
  y += p.Line(Fonts::kBody) + m.U(14);
  if (!out.name.empty()) {
    // The name as large as it fits: the person at the desk reads it from across the table.
    float size = p.Px(Fonts::kTitle) * 1.3f;
    while (size > p.Px(Fonts::kStrong) && p.Width(Fonts::kTitle, out.name, size) > width) size *= 0.92f;
    p.Fit(Fonts::kTitle, ImVec2(x, y), width, ink, out.name, size);
    y += size * 1.15f;
    if (!out.organisation.empty()) {
      p.Fit(Fonts::kStrong, ImVec2(x, y), width, ink, out.organisation);
      y += p.Line(Fonts::kStrong);
    }
    if (!out.category.empty()) {
      p.Fit(Fonts::kBody, ImVec2(x, y), width, muted, out.category);
      y += p.Line(Fonts::kBody);
    }
    y += m.U(10);
  }
  for (const Bilingual& line : out.details) {
    if (y + p.Line(Fonts::kStrong) > b.y - pad) break;
    p.Fit(Fonts::kStrong, ImVec2(x, y), width, ink, line.fr);
    y += p.Line(Fonts::kStrong);
    if (!line.en.empty()) {
      p.Fit(Fonts::kBody, ImVec2(x, y), width, muted, line.en, m.U(24));
      y += m.U(24) * 1.25f;
    }
  }
  if (!out.programme.empty() && y + m.U(80) < b.y - pad) {
    y += m.U(12);
    p.Fit(Fonts::kStrong, ImVec2(x, y), width, ink, Join(UiText("desk.their_programme")), m.U(24));
    y += m.U(24) * 1.35f;
    const float small = m.U(24);
    float when_w = 0;
    for (const CheckinAppointmentView& line : out.programme)
      when_w = std::max(when_w, p.Width(Fonts::kBody, line.when, small));
    when_w = std::min(when_w + m.U(18), width * 0.45f);
    for (std::size_t i = 0; i < out.programme.size(); ++i) {
      const CheckinAppointmentView& line = out.programme[i];
      if (y + 2 * small * 1.2f > b.y - pad) {
        p.Fit(Fonts::kBody, ImVec2(x, y), width, muted, "… +" + std::to_string(out.programme.size() - i), small);
        break;
      }
      p.Fit(Fonts::kBody, ImVec2(x, y), when_w, muted, line.when, small);
      // A long title takes a second line when the panel has room for it (and its place line), else "…".
      const float line_h = small * 1.2f, title_w = width - when_w;
      std::vector<std::string> title = WrapText(line.title, title_w, p.Measure(Fonts::kStrong, small), 2);
      const float needed = (static_cast<float>(title.size()) + (line.place.empty() ? 0.0f : 1.0f)) * line_h;
      if (title.size() > 1 && y + needed > b.y - pad)
        title = {FitOneLine(line.title, title_w, p.Measure(Fonts::kStrong, small))};
      for (const std::string& part : title) {
        p.Text(Fonts::kStrong, ImVec2(x + when_w, y), ink, part, small);
        y += line_h;
      }
      if (title.empty()) y += line_h;
      if (!line.place.empty()) {
        p.Fit(Fonts::kBody, ImVec2(x + when_w, y), width - when_w, muted, line.place, small);
        y += small * 1.2f;
      }
      y += m.U(6);
    }
  }
}

/// The registrant store is missing, unreadable or empty: a full-screen message instead of the desk (French first,
/// English under it; the path; what to do; that it tries again by itself).
void DrawStoreMessage(const ScreenContext& context, const CheckinViewModel& vm) {
  Pen p(context);
  const Theme& t = *context.theme;
  const Metrics& m = p.M();
  const CheckinStoreMessageView& msg = vm.store_message;
  const float left = m.margin * 2, right = context.size.x - m.margin * 2, width = right - left;
  float y = m.U(28);
  const std::string desk = Format(UiText("desk.desk").fr, {{"desk", vm.desk}});
  p.Text(Fonts::kTitle, ImVec2(m.margin, y), t.accent, desk);
  p.Text(Fonts::kBody,
         ImVec2(m.margin + p.Width(Fonts::kTitle, desk) + m.U(24), y + p.Px(Fonts::kTitle) - p.Px(Fonts::kBody)),
         t.text_muted, Join(UiText("desk.title")));
  y += p.Line(Fonts::kTitle) + m.U(40);
  // A band in the message's colour, then the headline.
  const ImU32 band = msg.error ? kRed : t.accent;
  p.Rect(ImVec2(left - m.U(28), y), ImVec2(left - m.U(16), y + p.Line(Fonts::kTitle) * 2), band, m.U(4));
  y += p.Wrapped(Fonts::kTitle, ImVec2(left, y), width, msg.error ? kRedText : t.text, msg.headline.fr, 0, 2,
                 p.Line(Fonts::kTitle));
  y += p.Wrapped(Fonts::kStrong, ImVec2(left, y), width, t.text_muted, msg.headline.en, 0, 2, p.Line(Fonts::kStrong));
  y += m.U(30);
  const float small = m.U(26);
  // The path: the whole of it, on as many lines as it needs (never cut: staff type it).
  p.Text(Fonts::kBody, ImVec2(left, y), t.text_faint, Join(UiText("desk.file")), small);
  y += small * 1.3f;
  y += p.Wrapped(Fonts::kStrong, ImVec2(left, y), width, t.text, msg.path, 0, 0, p.Line(Fonts::kStrong));
  if (!msg.detail.empty()) {
    y += m.U(8);
    y += p.Wrapped(Fonts::kBody, ImVec2(left, y), width, t.text_muted, msg.detail, small, 3);
  }
  y += m.U(30);
  for (const Bilingual& line : msg.todo) {
    const bool command = line.fr.rfind("kioskctl", 0) == 0;
    if (command) {
      // A command line: in a box, French (FICHIER) and English (FILE) forms one under the other.
      std::vector<std::string> fr = WrapText(line.fr, width - m.U(48), p.Measure(Fonts::kStrong, small));
      std::vector<std::string> en = WrapText(line.en, width - m.U(48), p.Measure(Fonts::kBody, small));
      const float h = (fr.size() + en.size()) * small * 1.3f + m.U(28);
      p.Rect(ImVec2(left, y), ImVec2(right, y + h), t.surface_alt, m.U(10));
      float ly = y + m.U(14);
      for (const std::string& part : fr) {
        p.Text(Fonts::kStrong, ImVec2(left + m.U(24), ly), t.text, part, small);
        ly += small * 1.3f;
      }
      for (const std::string& part : en) {
        p.Text(Fonts::kBody, ImVec2(left + m.U(24), ly), t.text_muted, part, small);
        ly += small * 1.3f;
      }
      y += h + m.U(16);
    } else {
      y += p.Wrapped(Fonts::kStrong, ImVec2(left, y), width, t.text, line.fr, 0, 2, p.Line(Fonts::kStrong));
      y += p.Wrapped(Fonts::kBody, ImVec2(left, y), width, t.text_muted, line.en, small, 2, small * 1.3f);
      y += m.U(12);
    }
  }
  // At the bottom: it needs no restart.
  const float bottom = context.size.y - m.U(40);
  const float retry_y = std::max(y + m.U(10), bottom - p.Line(Fonts::kBody) - small * 1.3f);
  p.Fit(Fonts::kBody, ImVec2(left, retry_y), width, t.text_muted, msg.retry.fr);
  p.Fit(Fonts::kBody, ImVec2(left, retry_y + p.Line(Fonts::kBody)), width, t.text_faint, msg.retry.en, small);
}

}  // namespace

CheckinAction DrawCheckinScreen(const ScreenContext& context, const CheckinViewModel& vm, bool caret_on) {
  BeginScreen(context);
  CheckinAction action;
  if (vm.store_message.shown) {
    DrawStoreMessage(context, vm);
    EndScreenWindow();
    return action;
  }
  if (vm.locked) {
    action = DrawPin(context, vm);
    EndScreenWindow();
    return action;
  }
  Pen p(context);
  const Theme& t = *context.theme;
  const Metrics& m = p.M();
  const float left = m.margin, right = context.size.x - m.margin;
  float y = DrawHeader(p, context, vm);

  // The search field: always focused (the keyboard and a scanner type into it), with a caret.
  const float field_h = p.Px(Fonts::kTitle) * 1.9f;
  p.Rect(ImVec2(left, y), ImVec2(right, y + field_h), t.surface_alt, m.rounding);
  ImGui::GetWindowDrawList()->AddRect(ImVec2(left, y), ImVec2(right, y + field_h), t.accent, m.rounding, 0, m.U(3));
  const float text_y = y + (field_h - p.Px(Fonts::kTitle)) / 2;
  const float text_x = left + m.U(28);
  float caret_x = text_x;
  if (vm.query.empty()) {
    p.Fit(Fonts::kBody, ImVec2(text_x, y + (field_h - p.Px(Fonts::kBody)) / 2), right - text_x - m.U(28), t.text_faint,
          Join(UiText("desk.search")));
  } else {
    // The end of a long query stays visible (that is where typing happens).
    std::string shown = vm.query;
    const float room = right - text_x - m.U(50);
    while (!shown.empty() && p.Width(Fonts::kTitle, shown) > room) {
      std::size_t cut = 1;
      while (cut < shown.size() && (static_cast<unsigned char>(shown[cut]) & 0xC0) == 0x80) ++cut;
      shown.erase(0, cut);
    }
    p.Text(Fonts::kTitle, ImVec2(text_x, text_y), t.text, shown);
    caret_x = text_x + p.Width(Fonts::kTitle, shown) + m.U(4);
  }
  if (caret_on)
    p.Rect(ImVec2(caret_x, text_y), ImVec2(caret_x + m.U(4), text_y + p.Px(Fonts::kTitle) * 1.05f), t.accent);
  y += field_h + m.U(20);

  // The footer: hub status and the red warning line on the left, the undo button on the right.
  const float footer_h = m.U(70);
  const float footer_y = context.size.y - m.U(20) - footer_h;
  const std::string &undo_fr = UiText("desk.undo").fr, &undo_en = UiText("desk.undo").en;
  const float small = m.U(24);
  const float undo_w =
      std::max(p.Width(Fonts::kStrong, undo_fr, small), p.Width(Fonts::kBody, undo_en, small)) + m.U(48);
  const ImVec2 undo_a(right - undo_w, footer_y), undo_b(right, footer_y + footer_h);
  const ImU32 undo_ink = vm.can_undo ? t.text : t.text_faint;
  p.Rect(undo_a, undo_b, vm.can_undo ? t.track : t.surface, m.U(10));
  p.Text(Fonts::kStrong, ImVec2(undo_a.x + m.U(24), footer_y + m.U(8)), undo_ink, undo_fr, small);
  p.Text(Fonts::kBody, ImVec2(undo_a.x + m.U(24), footer_y + m.U(8) + small * 1.2f), t.text_muted, undo_en, small);
  if (vm.can_undo && Clicked(undo_a, undo_b)) action.kind = CheckinAction::Kind::Undo;
  const float status_w = undo_a.x - left - m.U(24);
  const ImU32 hub_ink = vm.hub_problem ? kRedText : t.text_muted;
  float status_y = footer_y + m.U(4);
  const std::string hub = vm.hub_line.fr + " / " + vm.hub_line.en;
  p.Fit(Fonts::kBody, ImVec2(left, status_y), status_w, hub_ink, hub, small);
  status_y += small * 1.35f;
  if (!vm.warning_line.fr.empty())
    p.Fit(Fonts::kStrong, ImVec2(left, status_y), status_w, kRedText, vm.warning_line.fr + " / " + vm.warning_line.en,
          small);

  // Results on the left, the outcome panel on the right.
  const float bottom = footer_y - m.U(20);
  const float split = left + (right - left) * 0.56f;
  const float list_right = split - m.U(12), panel_left = split + m.U(12);
  if (vm.rows.empty()) {
    if (!vm.hint.fr.empty()) {
      float hy = y + m.U(30);
      p.Fit(Fonts::kStrong, ImVec2(left + m.U(12), hy), list_right - left, t.text_muted, vm.hint.fr);
      hy += p.Line(Fonts::kStrong);
      p.Fit(Fonts::kBody, ImVec2(left + m.U(12), hy), list_right - left, t.text_faint, vm.hint.en);
    }
  } else {
    const float row_h = p.Line(Fonts::kStrong) + small * 1.2f + m.U(26), row_gap = m.U(8);
    const float more_h = small * 1.4f;
    int fit = std::max(1, static_cast<int>((bottom - y + row_gap) / (row_h + row_gap)));
    // Rows that do not fit: say so under the last one (keep room for that line).
    if (fit < static_cast<int>(vm.rows.size()) && y + fit * (row_h + row_gap) + more_h > bottom && fit > 1) --fit;
    // Keep the selected row on screen.
    int first = 0;
    for (const CheckinRowView& row : vm.rows)
      if (row.selected) first = std::max(0, static_cast<int>(&row - vm.rows.data()) - fit + 1);
    for (int i = first; i < static_cast<int>(vm.rows.size()) && i < first + fit; ++i) {
      const float ry = y + (i - first) * (row_h + row_gap);
      if (DrawRow(p, context, vm.rows[i], ImVec2(left, ry), ImVec2(list_right, ry + row_h))) {
        action.kind = CheckinAction::Kind::CheckIn;
        action.row = i;
      }
    }
    // What is not on screen: the rows below the last one shown, else (scrolled to the end) those above the first.
    const int shown = std::min(fit, static_cast<int>(vm.rows.size()) - first);
    const int below = static_cast<int>(vm.rows.size()) - first - shown;
    const ImVec2 more_at(left + m.U(12), y + shown * (row_h + row_gap));
    if (below > 0) {
      const std::string n = std::to_string(below);
      p.Fit(Fonts::kBody, more_at, list_right - left, t.text_faint,
            Format(UiText("desk.more_below").fr, {{"n", n}}) + " / " + Format(UiText("desk.more_below").en, {{"n", n}}),
            small);
    } else if (first > 0) {
      const std::string n = std::to_string(first);
      p.Fit(Fonts::kBody, more_at, list_right - left, t.text_faint,
            Format(UiText("desk.more_above").fr, {{"n", n}}) + " / " + Format(UiText("desk.more_above").en, {{"n", n}}),
            small);
    }
  }
  DrawOutcome(p, context, vm.outcome, ImVec2(panel_left, y), ImVec2(right, bottom));
  EndScreenWindow();
  return action;
}

}  // namespace kiosk::ui
