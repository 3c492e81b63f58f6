// What covers every venue screen, drawn after its body (EndScreen): the info band at the bottom, the urgent box, the
// emergency screen instead of the content, the wrong-clock band under the header, the staff corner; and the bands
// (LayoutBands) these leave to the screens' content.
#include <algorithm>
#include <cfloat>
#include <cmath>

#include "kiosk/ui/Catalogue.h"
#include "kiosk/ui/ScreenParts.h"
#include "kiosk/ui/Typography.h"

namespace kiosk::ui {

namespace {

/// The info band's geometry: its height (0 when no info) and where its text goes.
struct InfoBand {
  float height = 0;
  float text_x = 0, text_w = 0;
  float pad = 0;
};

/// Lines per language in the info band: two across a landscape screen, four down a portrait one (room to spare).
int InfoLines(const ScreenContext& context) { return context.size.y > context.size.x ? 4 : 2; }

InfoBand LayoutInfoBand(const ScreenContext& context) {
  InfoBand band;
  if (!context.announcements || context.announcements->info.empty() || EmergencyOf(context)) return band;
  const Metrics& m = context.metrics;
  const auto& infos = context.announcements->info;
  band.pad = m.U(10);
  const float label_w = WidthOf(context, Fonts::kStrong, Join(UiText("overlay.info"))) + 2 * m.U(12);
  const float counter_w = infos.size() > 1 ? WidthOf(context, Fonts::kBody, "00 / 00") + m.U(24) : 0.0f;
  band.text_x = m.margin + label_w + m.U(24);
  band.text_w = std::max(m.U(200), context.size.x - m.margin - counter_w - band.text_x);
  // The tallest of the notices, so the layout above does not jump as they alternate.
  float tallest = 0;
  for (const AnnouncementView& info : infos) {
    float h = WrapText(info.text, band.text_w, MeasureOf(context, Fonts::kStrong), InfoLines(context)).size() *
              LineOf(context, Fonts::kStrong);
    if (!info.text_en.empty())
      h += WrapText(info.text_en, band.text_w, MeasureOf(context, Fonts::kBody), InfoLines(context)).size() *
           LineOf(context, Fonts::kBody);
    tallest = std::max(tallest, h);
  }
  band.height = tallest + 2 * band.pad;
  return band;
}

/// Where the wrong-clock band's text goes: its left edge and width.
std::pair<float, float> ClockBandText(const ScreenContext& context) {
  const Metrics& m = context.metrics;
  const float sign = context.fonts->Size(Fonts::kTitle) * 0.8f;
  const float x = m.margin + m.U(36) + sign * 1.12f + m.U(20);
  return {x, context.size.x - m.margin - m.U(24) - x};
}

/// The staff hint of the wrong-clock band: French and English on one line when they fit, else the French on up to
/// two lines.
std::vector<std::string> ClockHintLines(const ScreenContext& context) {
  const float w = ClockBandText(context).second;
  const std::string both = Join(context.clock->hint);
  if (WidthOf(context, Fonts::kBody, both) <= w) return {both};
  return WrapText(context.clock->hint.fr, w, MeasureOf(context, Fonts::kBody), 2);
}

/// The wrong-clock band's height under the header (0 when the clock is fine): French, English, the staff hint.
float ClockBandHeight(const ScreenContext& context) {
  if (!context.clock || !context.clock->Wrong()) return 0;
  const Metrics& m = context.metrics;
  return 2 * m.U(14) + LineOf(context, Fonts::kTitle) +
         (1 + ClockHintLines(context).size()) * LineOf(context, Fonts::kBody);
}
}  // namespace

/// Height of the screen above the info band.
float ScreenBottom(const ScreenContext& context) { return context.size.y - LayoutInfoBand(context).height; }

Bands LayoutBands(const ScreenContext& context) {
  const Metrics& m = context.metrics;
  Bands b;
  b.left = m.margin;
  b.right = context.size.x - m.margin;
  b.header_top = m.U(22);
  b.header_bottom = b.header_top + m.U(128);
  b.footer_bottom = ScreenBottom(context) - m.U(16);
  b.footer_top = b.footer_bottom - m.U(92);
  b.content_top = b.header_bottom + m.U(18);
  if (const float clock_band = ClockBandHeight(context); clock_band > 0) b.content_top += clock_band + m.U(18);
  b.content_bottom = b.footer_top - m.U(14);
  return b;
}

float InfoBandTop(const ScreenContext& context) { return ScreenBottom(context); }

namespace {

/// "1 / 3" when several of one priority alternate.
std::string Counter(long long slot, std::size_t count) {
  if (count <= 1) return {};
  const long long n = static_cast<long long>(count);
  return std::to_string(((slot % n) + n) % n + 1) + " / " + std::to_string(count);
}

void DrawInfoBand(const Painter& p, const ScreenContext& context) {
  const InfoBand band = LayoutInfoBand(context);
  if (band.height <= 0) return;
  const Theme& t = p.T();
  const Metrics& m = p.M();
  const auto& infos = context.announcements->info;
  const AnnouncementView& info = *AnnouncementsViewModel::At(infos, context.slot);
  const float top = context.size.y - band.height;
  p.Box("info", ImVec2(0, top), context.size);
  p.Rect(ImVec2(0, top), context.size, t.surface_alt);
  p.Rect(ImVec2(0, top), ImVec2(context.size.x, top + m.U(5)), t.accent);
  // The band is as tall as the tallest notice; a shorter one is centred in it.
  const std::vector<std::string> fr = WrapText(info.text, band.text_w, p.Measure(Fonts::kStrong), InfoLines(context));
  const std::vector<std::string> en =
      info.text_en.empty() ? std::vector<std::string>{}
                           : WrapText(info.text_en, band.text_w, p.Measure(Fonts::kBody), InfoLines(context));
  const float text_h = fr.size() * p.Line(Fonts::kStrong) + en.size() * p.Line(Fonts::kBody);
  float y = top + std::max(band.pad, (band.height - text_h) / 2);
  p.Chip(Fonts::kStrong, ImVec2(m.margin, y), t.accent, Join(UiText("overlay.info")));
  y += DrawLines(p, Fonts::kStrong, p.Px(Fonts::kStrong), ImVec2(band.text_x, y), t.text, fr, p.Line(Fonts::kStrong));
  DrawLines(p, Fonts::kBody, p.Px(Fonts::kBody), ImVec2(band.text_x, y), t.text_muted, en, p.Line(Fonts::kBody));
  const std::string counter = Counter(context.slot, infos.size());
  if (!counter.empty()) p.TextRight(Fonts::kBody, context.size.x - m.margin, top + band.pad, t.text_muted, counter);
}

/// An announcement's two texts laid out for a box: the French as large as it fits, the English under it smaller.
struct NoticeText {
  BigText fr;
  float fr_advance = 0;
  float en_size = 0;
  float en_advance = 0;
  std::vector<std::string> en;
  float gap = 0;  ///< between the French and the English
  float Height() const { return fr.lines.size() * fr_advance + (en.empty() ? 0.0f : gap + en.size() * en_advance); }
};

/// Lays out `a` in `width` x `height`: the largest of `sizes` (pixels, descending) at which both texts fit whole,
/// the English at max(`en_min`, size * `en_ratio`) in the title face. When even the smallest does not fit, the
/// French keeps up to 60 % of the height and the English what is left, each ending with "…" at a word.
NoticeText FitNotice(const Painter& p, const AnnouncementView& a, float width, float height,
                     std::initializer_list<float> sizes, float en_min, float en_ratio, float gap) {
  NoticeText t;
  t.gap = gap;
  const Fonts::Role role = p.Big(a.text);
  for (float size : sizes) {
    t.fr = {role, size, WrapAt(p, role, size, a.text, width, 0)};
    t.fr_advance = std::round(size * kTitleLineGap);
    t.en_size = std::max(en_min, std::round(size * en_ratio));
    t.en_advance = std::round(t.en_size * kTitleLineGap);
    t.en = a.text_en.empty() ? std::vector<std::string>{} : WrapAt(p, Fonts::kTitle, t.en_size, a.text_en, width, 0);
    if (t.Height() <= height) return t;
  }
  const int fr_lines = std::max(1, static_cast<int>(height * (a.text_en.empty() ? 1.0f : 0.6f) / t.fr_advance));
  t.fr.lines = WrapAt(p, role, t.fr.size, a.text, width, fr_lines);
  if (!a.text_en.empty()) {
    const float left = height - t.fr.lines.size() * t.fr_advance - gap;
    const int en_lines = static_cast<int>(left / t.en_advance);
    t.en = en_lines > 0 ? WrapAt(p, Fonts::kTitle, t.en_size, a.text_en, width, en_lines) : std::vector<std::string>{};
  }
  return t;
}

/// The urgent announcement: a large box over the content, which stays visible around it.
void DrawUrgent(const Painter& p, const ScreenContext& context) {
  if (!context.announcements || context.announcements->urgent.empty()) return;
  const Theme& t = p.T();
  const Metrics& m = p.M();
  const auto& urgent = context.announcements->urgent;
  const AnnouncementView& a = *AnnouncementsViewModel::At(urgent, context.slot);
  const float box_w = std::min(context.size.x - 2 * m.margin, m.U(1500));
  const float pad = m.U(44);
  const float inner = box_w - 2 * pad;
  const float label_h = p.Line(Fonts::kStrong) + m.U(4);
  const float fixed = 2 * pad + label_h + m.U(28);
  const float max_h = ScreenBottom(context) - 2 * m.margin;

  const NoticeText text = FitNotice(p, a, inner, max_h - fixed, {m.U(64), m.U(52), p.Px(Fonts::kTitle)},
                                    std::round(p.Px(Fonts::kTitle) * 0.82f), 0.0f, m.U(20));
  const float box_h = fixed + text.Height();
  const float x0 = (context.size.x - box_w) / 2;
  const float y0 = std::max(m.margin, (ScreenBottom(context) - box_h) / 2);

  // A veil dims the content so the box reads first; the content still shows around it.
  p.Rect(ImVec2(0, 0), ImVec2(context.size.x, ScreenBottom(context)), IM_COL32(0, 0, 0, 110));
  p.Box("urgent", ImVec2(x0, y0), ImVec2(x0 + box_w, y0 + box_h));
  p.Rect(ImVec2(x0, y0), ImVec2(x0 + box_w, y0 + box_h), t.surface_alt, m.rounding);
  p.Outline(ImVec2(x0, y0), ImVec2(x0 + box_w, y0 + box_h), t.urgent, m.rounding, m.U(8));
  float y = y0 + pad;
  const std::string label = Join(UiText("overlay.urgent"));
  const float label_w = p.ChipWidth(Fonts::kStrong, label);
  p.Rect(ImVec2(x0 + pad, y), ImVec2(x0 + pad + label_w, y + label_h), t.urgent, label_h / 2);
  p.Text(Fonts::kStrong, ImVec2(x0 + pad + m.U(12), y + m.U(2)), t.background, label);
  const std::string counter = Counter(context.slot, urgent.size());
  if (!counter.empty()) p.TextRight(Fonts::kStrong, x0 + box_w - pad, y, t.text_muted, counter);
  y += label_h + m.U(28);
  y += DrawLines(p, text.fr.role, text.fr.size, ImVec2(x0 + pad, y), t.text, text.fr.lines, text.fr_advance);
  if (!text.en.empty())
    DrawLines(p, Fonts::kTitle, text.en_size, ImVec2(x0 + pad, y + text.gap), t.text_muted, text.en, text.en_advance);
}

/// A warning sign (triangle with "!") of height `h` with its top-left corner at `a`.
void WarningSign(const Painter& p, ImVec2 a, float h, ImU32 fill, ImU32 mark) {
  const float w = h * 1.12f;
  p.List()->AddTriangleFilled(ImVec2(a.x + w / 2, a.y), ImVec2(a.x + w, a.y + h), ImVec2(a.x, a.y + h), fill);
  const float cx = a.x + w / 2, bar = h * 0.09f;
  p.Rect(ImVec2(cx - bar, a.y + h * 0.32f), ImVec2(cx + bar, a.y + h * 0.68f), mark, bar);
  p.List()->AddCircleFilled(ImVec2(cx, a.y + h * 0.82f), bar * 1.1f, mark, 12);
}

}  // namespace

/// The emergency screen: the whole screen deep red, the notice in French and English as large as it fits.
Action DrawEmergency(const ScreenContext& context, const AnnouncementView& a) {
  BeginScreen(context);
  Painter p(context);
  const Theme& t = p.T();
  const Metrics& m = p.M();
  p.Rect(ImVec2(0, 0), context.size, t.emergency);
  const float frame = m.U(14);
  p.Outline(ImVec2(frame, frame), ImVec2(context.size.x - frame, context.size.y - frame),
            t.Fade(t.emergency_text, 0.9f), 0, m.U(6));
  const float width = context.size.x - 2 * (m.margin + frame + m.U(24));
  const float cx = context.size.x / 2;

  // Heading: the sign and "ALERTE" large, "EMERGENCY" under it.
  const float head = std::round(p.Px(Fonts::kDisplay) * 0.8f);
  const Bilingual& label = UiText("overlay.emergency");
  const std::string alerte = UpperAscii(label.fr), emergency = UpperAscii(label.en);
  const float sign_h = head * 0.8f;
  const float head_w = sign_h * 1.12f + m.U(28) + p.Width(Fonts::kDisplay, alerte, head);
  const float en_head = p.Px(Fonts::kTitle);
  const std::string counter = Counter(context.slot, context.announcements->emergency.size());

  const float heading_h = head * 1.05f + en_head * 1.2f + m.U(40);
  const float available = context.size.y - 2 * (m.margin + frame) - heading_h - m.U(20);
  const NoticeText text = FitNotice(p, a, width, available, {m.U(84), m.U(68), m.U(56), p.Px(Fonts::kTitle)},
                                    p.Px(Fonts::kTitle), 0.7f, m.U(30));
  float y = std::max(m.margin + frame, (context.size.y - heading_h - text.Height()) / 2);

  const float hx = cx - head_w / 2;
  WarningSign(p, ImVec2(hx, y + (head - sign_h) * 0.6f), sign_h, t.emergency_text, t.emergency);
  p.Text(Fonts::kDisplay, ImVec2(hx + sign_h * 1.12f + m.U(28), y), t.emergency_text, alerte, head);
  y += head * 1.05f;
  p.TextCentred(Fonts::kTitle, cx, y, t.Fade(t.emergency_text, 0.85f), emergency);
  y += en_head * 1.2f + m.U(40);
  y += DrawLines(p, text.fr.role, text.fr.size, ImVec2(cx, y), t.emergency_text, text.fr.lines, text.fr_advance, true);
  if (!text.en.empty())
    DrawLines(p, Fonts::kTitle, text.en_size, ImVec2(cx, y + text.gap), t.Fade(t.emergency_text, 0.85f), text.en,
              text.en_advance, true);
  if (!counter.empty())
    p.TextRight(Fonts::kBody, context.size.x - m.margin, context.size.y - m.margin - p.Line(Fonts::kBody),
                t.Fade(t.emergency_text, 0.8f), counter);
  return EndScreen(context, true);
}

namespace {

/// The wrong-clock band, under the header (LayoutBands leaves its room).
void DrawClockBand(const Painter& p, const ScreenContext& context) {
  const float h = ClockBandHeight(context);
  if (h <= 0) return;
  const Theme& t = p.T();
  const Metrics& m = p.M();
  const float left = m.margin, right = context.size.x - m.margin;
  const float top = m.U(22) + m.U(128) + m.U(18);
  p.Rect(ImVec2(left, top), ImVec2(right, top + h), t.Fade(t.warning, 0.16f), m.rounding);
  p.Rect(ImVec2(left, top), ImVec2(left + m.U(12), top + h), t.warning, m.rounding, ImDrawFlags_RoundCornersLeft);
  float y = top + m.U(14);
  const float sign = p.Px(Fonts::kTitle) * 0.8f;
  WarningSign(p, ImVec2(left + m.U(36), y + m.U(4)), sign, t.warning, t.background);
  const auto [tx, tw] = ClockBandText(context);
  p.TextFit(Fonts::kTitle, ImVec2(tx, y), tw, t.text, context.clock->title.fr);
  y += p.Line(Fonts::kTitle);
  p.TextFit(Fonts::kBody, ImVec2(tx, y), tw, t.text_muted, context.clock->title.en);
  y += p.Line(Fonts::kBody);
  // The hint is for staff: the faintest text of the band.
  for (const std::string& line : ClockHintLines(context)) {
    p.TextFit(Fonts::kBody, ImVec2(tx, y), tw, t.text_faint, line);
    y += p.Line(Fonts::kBody);
  }
}

/// The staff corner: tiny and faint in the top right, only while the kiosk syncs.
void DrawStaffCorner(const Painter& p, const ScreenContext& context, bool emergency) {
  if (!context.staff) return;
  const std::string text = StaffStatusText(*context.staff);
  if (text.empty()) return;
  const Metrics& m = p.M();
  const float size = std::round(m.U(16));
  const float max_w = context.size.x * 0.45f;
  const std::string fitted =
      FitOneLine(text, max_w, [&](std::string_view s) { return p.Width(Fonts::kBody, s, size); });
  const float w = p.Width(Fonts::kBody, fitted, size);
  const ImU32 colour = emergency ? p.T().Fade(p.T().emergency_text, 0.55f) : p.T().Fade(p.T().text_faint, 0.75f);
  p.Text(Fonts::kBody, ImVec2(context.size.x - m.U(10) - w, m.U(3)), colour, fitted, size);
}

void DrawOverlays(const ScreenContext& context, bool emergency) {
  Painter p(context);
  if (!emergency) {
    DrawClockBand(p, context);
    DrawInfoBand(p, context);
    DrawUrgent(p, context);
  }
  DrawStaffCorner(p, context, emergency);
}

}  // namespace

/// Draws what covers the screen (announcements, staff corner), reads the keyboard and mouse into an action and
/// closes the window. `emergency`: the emergency screen, which nothing else covers but the staff corner.
Action EndScreen(const ScreenContext& context, bool emergency) {
  DrawOverlays(context, emergency);
  Action action;
  ImGuiIO& io = ImGui::GetIO();
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape)) || (io.KeyCtrl && ImGui::IsKeyPressed('Q'))) {
    action.kind = Action::Kind::Quit;
  } else if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_RightArrow)) ||
             ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Space)) || ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
    action.kind = Action::Kind::NextPage;
  }
  EndScreenWindow();
  return action;
}

}  // namespace kiosk::ui
