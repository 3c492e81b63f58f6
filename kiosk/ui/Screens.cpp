// What every venue screen shares: its window (BeginScreen, EndScreenWindow), the frame that owns the preamble
// (DrawScreenFrame, DrawBoardScreenFrame), the header and footer, and the text fitting and session lines the screens
// draw with. The screens themselves: one file each (BoardScreen.cpp, TimelineScreen.cpp, ...); what covers them:
// ScreenOverlays.cpp.
#include "kiosk/ui/Screens.h"

#include <algorithm>
#include <cctype>
#include <cfloat>
#include <cmath>

#include "kiosk/ui/Catalogue.h"
#include "kiosk/ui/ScreenParts.h"
#include "kiosk/ui/Typography.h"

namespace kiosk::ui {

void BeginScreen(const ScreenContext& context) {
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(context.size);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0.0f);
  ImGui::Begin("##screen", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoBackground | ImGuiWindowFlags_NoNav |
                   ImGuiWindowFlags_NoScrollWithMouse);
  ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(0, 0), context.size, context.theme->background);
}

void EndScreenWindow() {
  ImGui::End();
  ImGui::PopStyleVar(2);
}

/// The longest run of whole words of `text` that fits `max_width` with "…" after it (separators such as " -" or ","
/// dropped before the "…"); empty when not even the first word fits. For labels better left out than cut mid-word.
std::string FitWholeWords(std::string_view text, float max_width, const MeasureText& measure) {
  if (measure(text) <= max_width) return std::string(text);
  std::string best;
  for (std::size_t space = text.find(' '); space != std::string_view::npos; space = text.find(' ', space + 1)) {
    std::string_view head = text.substr(0, space);
    while (!head.empty() && (head.back() == ' ' || head.back() == '-' || head.back() == ',' || head.back() == ':' ||
                             head.back() == ';' || head.back() == '/'))
      head.remove_suffix(1);
    if (head.empty()) continue;
    std::string candidate = std::string(head) + std::string(kEllipsis);
    if (measure(candidate) > max_width) break;
    best = std::move(candidate);
  }
  return best;
}

Action DrawScreenFrame(const ScreenContext& context, const ScreenBody& body) {
  if (const AnnouncementView* emergency = EmergencyOf(context)) return DrawEmergency(context, *emergency);
  BeginScreen(context);
  const Painter p(context);
  const Bands b = LayoutBands(context);
  body(p, b);
  return EndScreen(context);
}

Action DrawBoardScreenFrame(const ScreenContext& context, const BoardViewModel& board, const BoardFooter& footer,
                            const ScreenBody& body) {
  return DrawScreenFrame(context, [&](const Painter& p, const Bands& b) {
    DrawHeader(p, b, board);
    body(p, b);
    DrawFooter(p, b, board.revision, footer.pager, footer.notice, footer.top, &board, footer.legend);
  });
}
/// `text` with its ASCII letters in capitals (the labels set in capitals are ASCII: "Alerte", "Emergency").
std::string UpperAscii(std::string text) {
  for (char& c : text)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return text;
}
/// " · " between the French and English halves of a line.
std::string Join(const Bilingual& text) {
  if (text.en.empty() || text.en == text.fr) return text.fr;
  if (text.fr.empty()) return text.en;
  return text.fr + " " + std::string(kMiddleDot) + " " + text.en;
}
std::string Dot() { return " " + std::string(kMiddleDot) + " "; }

float WidthOf(const ScreenContext& context, Fonts::Role role, std::string_view text, float size) {
  if (size <= 0) size = context.fonts->Size(role);
  if (context.measured_bytes) *context.measured_bytes += text.size();
  return context.fonts->Get(role)->CalcTextSizeA(size, FLT_MAX, 0.0f, text.data(), text.data() + text.size()).x;
}
float LineOf(const ScreenContext& context, Fonts::Role role) {
  return std::round(context.fonts->Size(role) * kLineGap);
}
MeasureText MeasureOf(const ScreenContext& context, Fonts::Role role, float size) {
  return [&context, role, size](std::string_view text) { return WidthOf(context, role, text, size); };
}
/// The emergency announcement the screen shows instead of its content, or nullptr.
const AnnouncementView* EmergencyOf(const ScreenContext& context) {
  return context.announcements ? AnnouncementsViewModel::At(context.announcements->emergency, context.slot) : nullptr;
}

/// Lines of `text` wrapped at `width` with `role` drawn at `size`, at most `max_lines` (0: any).
std::vector<std::string> WrapAt(const Painter& p, Fonts::Role role, float size, std::string_view text, float width,
                                int max_lines) {
  return WrapText(
      text, width, [&](std::string_view s) { return p.Width(role, s, size); }, max_lines);
}

/// `text` in `role` within `width` x `height`, on at most `max_lines` lines `size * kTitleLineGap` apart: the first
/// of `sizes` (pixels, descending) at which it fits whole, else cut with "…" (at a word) at the last size. At least
/// one line, even when `height` holds less.
TitleFit FitTitle(const Painter& p, Fonts::Role role, std::initializer_list<float> sizes, std::string_view text,
                  float width, float height, int max_lines) {
  TitleFit fit;
  int lines = 1;
  for (float size : sizes) {
    fit.size = size;
    fit.advance = std::round(size * kTitleLineGap);
    lines = std::clamp(static_cast<int>((height + 0.5f) / fit.advance), 1, max_lines);
    fit.lines = WrapAt(p, role, size, text, width, 0);
    if (static_cast<int>(fit.lines.size()) <= lines) return fit;
  }
  fit.lines = WrapAt(p, role, fit.size, text, width, lines);
  return fit;
}

/// Draws `lines` from `pos` with `role` at `size`, `advance` apart; `centre`: centred on pos.x. Returns the height.
float DrawLines(const Painter& p, Fonts::Role role, float size, ImVec2 pos, ImU32 colour,
                const std::vector<std::string>& lines, float advance, bool centre) {
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (centre) {
      p.TextCentred(role, pos.x, pos.y + i * advance, colour, lines[i], size);
    } else {
      p.Text(role, ImVec2(pos.x, pos.y + i * advance), colour, lines[i], size);
    }
  }
  return static_cast<float>(lines.size()) * advance;
}

/// The French text of an announcement as large as it fits: the largest of `sizes` whose wrapping needs at most
/// `max_lines` lines (the smallest one cuts with "…" at a word). Returns the role, the size and the lines.
BigText FitBig(const Painter& p, std::string_view text, float width, std::initializer_list<float> sizes,
               int max_lines) {
  const Fonts::Role role = p.Big(text);
  BigText fit{role, 0, {}};
  for (float size : sizes) {
    fit.size = size;
    fit.lines = WrapAt(p, role, size, text, width, 0);
    if (static_cast<int>(fit.lines.size()) <= max_lines) return fit;
  }
  fit.lines = WrapAt(p, role, fit.size, text, width, max_lines);
  return fit;
}

/// Event (or room) name, a day and the live clock; no clock when `clock` is empty (it cannot be trusted).
void DrawHeader(const Painter& p, const Bands& b, const std::string& event_name, const Bilingual& day_label,
                const std::string& clock) {
  const Theme& t = p.T();
  const Metrics& m = p.M();
  float clock_w = clock.empty() ? 0.0f : p.Width(Fonts::kDisplay, "00:00");
  float clock_h = p.Px(Fonts::kDisplay);
  float clock_x = b.right - clock_w;
  float clock_y = (b.header_top + b.header_bottom - clock_h) / 2 - m.U(4);
  p.TextRight(Fonts::kDisplay, b.right, clock_y, t.text, clock);

  float text_w = clock_x - b.left - (clock.empty() ? 0.0f : m.U(40));
  // The event logo on the left, when it leaves the event name and the day at least U(900) (landscape screens).
  float left = b.left;
  const ScreenContext& context = p.Context();
  if (context.branding != nullptr && context.branding->logo.Valid()) {
    const Picture& logo = context.branding->logo;
    const float logo_h = b.header_bottom - b.header_top - m.U(16);
    const float logo_w = logo_h * static_cast<float>(logo.width) / static_cast<float>(logo.height);
    if (logo_h > 0 && text_w - logo_w - m.U(32) >= m.U(900)) {
      const float used = DrawLogo(p, ImVec2(b.left, b.header_top + m.U(4)),
                                  ImVec2(b.left + logo_w, b.header_top + m.U(4) + logo_h), logo);
      if (used > 0) {
        left += used + m.U(32);
        text_w -= used + m.U(32);
      }
    }
  }
  float y = b.header_top + m.U(8);
  p.TextFit(Fonts::kStrong, ImVec2(left, y), text_w, t.accent, event_name);
  y += p.Line(Fonts::kStrong) + m.U(8);
  float fr_w = p.TextFit(Fonts::kTitle, ImVec2(left, y), text_w, t.text, day_label.fr);
  float en_x = left + fr_w + m.U(24);
  const std::string& en = day_label.en;
  if (en_x + p.Width(Fonts::kBody, en) <= left + text_w) {
    // Same baseline as the French date.
    float baseline_shift = p.Font(Fonts::kTitle)->Ascent - p.Font(Fonts::kBody)->Ascent;
    p.Text(Fonts::kBody, ImVec2(en_x, y + baseline_shift), t.text_muted, en);
  }
  p.HLine(b.left, b.right, b.header_bottom, t.track);
}
void DrawHeader(const Painter& p, const Bands& b, const BoardViewModel& board) {
  DrawHeader(p, b, board.event_name, board.day_label, board.clock);
}

namespace {

/// More pages than this in the rotation are counted in figures rather than dots.
constexpr int kMaxPageDots = 8;

}  // namespace

/// Footer: later sessions of the day (or what comes next) or the legend of the kinds on the page, the revision or a
/// notice, and where the rotation stands.
void DrawFooter(const Painter& p, const Bands& b, const Bilingual& revision, const Pager& pager,
                const Bilingual& notice, FooterTop top, const BoardViewModel* board, const TimelineLegend* legend) {
  const Theme& t = p.T();
  const Metrics& m = p.M();
  p.HLine(b.left, b.right, b.footer_top, t.track);
  float y = b.footer_top + m.U(14);
  float x = b.left;

  if (top == FooterTop::Legend && legend) {
    // The one French-only line: the kinds' English names are on the board's chips. Kinds without a category share
    // one colour, so they share one swatch: "▮ Talk, Workshop, Other +2".
    auto swatch = [&](float at, ImU32 colour) {
      p.Rect(ImVec2(at, y + m.U(8)), ImVec2(at + m.U(20), y + p.Line(Fonts::kBody) - m.U(8)), colour, m.U(4));
      return m.U(30);
    };
    std::string others;
    for (const LegendItem& item : legend->items) {
      if (item.kind == SessionKind::Other) {
        others += (others.empty() ? "" : ", ") + item.label;
        continue;
      }
      if (x + m.U(30) + p.Width(Fonts::kBody, item.label) > b.right) break;
      x += swatch(x, t.KindColour(item.kind));
      p.Text(Fonts::kBody, ImVec2(x, y), t.text_muted, item.label);
      x += p.Width(Fonts::kBody, item.label) + m.U(36);
    }
    if (legend->more_other > 0) others += " +" + std::to_string(legend->more_other);
    if (!others.empty() && x + m.U(30) + p.Width(Fonts::kBody, "Abcd…") <= b.right) {
      x += swatch(x, t.KindColour(SessionKind::Other));
      p.TextFit(Fonts::kBody, ImVec2(x, y), b.right - x, t.text_muted, others);
    }
  }
  if (top == FooterTop::Later && board) {
    // Sessions already shown as a room's next on the cards are left out: the footer adds what comes after.
    std::vector<const SessionItem*> later;
    for (const SessionItem& item : board->coming) {
      bool is_next = std::any_of(board->rooms.begin(), board->rooms.end(), [&](const RoomCard& card) {
        return card.next && card.next->item.session == item.session;
      });
      if (!is_next) later.push_back(&item);
    }
    if (board->next_anywhere) {
      const NextInfo& next = *board->next_anywhere;
      const Bilingual& resuming = UiText("board.resuming");
      std::string label =
          Format(resuming.fr, {{"when", next.when.fr}}) + Dot() + Format(resuming.en, {{"when", next.when.en}}) + "  ";
      x += p.TextFit(Fonts::kStrong, ImVec2(x, y), b.right - x, t.accent, label);
      p.TextFit(Fonts::kBody, ImVec2(x, y), b.right - x, t.text, next.item.title + Dot() + next.item.room_name);
    } else if (!later.empty()) {
      std::string label = Join(UiText("common.later"));
      x += p.Width(Fonts::kStrong, label) + m.U(24);
      p.Text(Fonts::kStrong, ImVec2(b.left, y), t.accent, label);
      for (const SessionItem* item : later) {
        const std::string time = item->start_hm + " ";
        const ImU32 colour = item->cancelled ? t.warning : t.text;
        const float time_w = p.Width(Fonts::kStrong, time);
        // Its most important mark as a badge ("Annulé · Cancelled", "Retardé · Delayed +15 min") after the time.
        const std::string badge = item->marks.empty() ? std::string() : item->marks.front().compact;
        const float badge_w = badge.empty() ? 0.0f : p.BadgeWidth(Fonts::kBody, badge) + m.U(10);
        if (x + time_w + badge_w + std::min(p.Width(Fonts::kBody, item->title), m.U(260)) > b.right) break;
        p.Text(Fonts::kStrong, ImVec2(x, y), colour, time);
        x += time_w;
        if (!badge.empty())
          x += p.Badge(Fonts::kBody, ImVec2(x, y - m.U(2)), item->marks.front().kind, badge) + m.U(10);
        // Whole words only: a later title cut in the middle of a word reads wrong from afar.
        const std::string title = FitWholeWords(item->title, std::min(m.U(520), b.right - x), p.Measure(Fonts::kBody));
        p.Text(Fonts::kBody, ImVec2(x, y), item->cancelled ? t.warning : t.text_muted, title);
        x += p.Width(Fonts::kBody, title);
        x += m.U(36);
      }
    }
  }

  float y2 = y + p.Line(Fonts::kBody) + m.U(6);
  bool has_notice = !notice.fr.empty();
  const Bilingual& line = has_notice ? notice : revision;
  // A dot per page while they are few; past that, "4 / 15", which leaves the revision line its room.
  const bool dots = pager.count > 1 && pager.count <= kMaxPageDots;
  const std::string page_label =
      pager.count > kMaxPageDots ? std::to_string(pager.current + 1) + " / " + std::to_string(pager.count) : "";
  float pager_w = dots ? pager.count * m.U(28) : (page_label.empty() ? 0.0f : p.Width(Fonts::kBody, page_label));
  const float line_w = b.right - b.left - pager_w - m.U(24);
  const std::string text = has_notice ? Join(line) : RevisionLine(line);
  if (!has_notice && p.Width(Fonts::kBody, text) > line_w && !line.en.empty()) {
    // Too long for one line (a narrow screen, a revision of another day): French above English when the footer's
    // first line is free, so neither is cut; else the French alone.
    if (top == FooterTop::None) {
      p.TextFit(Fonts::kBody, ImVec2(b.left, y), b.right - b.left, t.text_faint, line.fr);
      p.TextFit(Fonts::kBody, ImVec2(b.left, y2), line_w, t.text_faint, line.en);
    } else {
      p.TextFit(Fonts::kBody, ImVec2(b.left, y2), line_w, t.text_faint, line.fr);
    }
  } else {
    p.TextFit(Fonts::kBody, ImVec2(b.left, y2), line_w, has_notice ? t.warning : t.text_faint, text);
  }
  if (!page_label.empty()) p.TextRight(Fonts::kBody, b.right, y2, t.text_muted, page_label);
  if (dots) {
    float r = m.U(7), cy = y2 + p.Line(Fonts::kBody) / 2;
    for (int i = 0; i < pager.count; ++i) {
      float cx = b.right - (pager.count - 1 - i) * m.U(28) - r;
      p.List()->AddCircleFilled(ImVec2(cx, cy), r, i == pager.current ? t.accent : t.track, 16);
    }
  }
}

/// The start as planned, struck, before the time range when the session is delayed (else just the range), in
/// `role` at `size`. Returns the width drawn.
float DrawTimeRange(const Painter& p, Fonts::Role role, ImVec2 pos, ImU32 colour, const SessionItem& item, float size) {
  float x = pos.x;
  if (!item.planned_start_hm.empty()) {
    x += p.Struck(role, pos, p.T().text_faint, item.planned_start_hm, size) + p.M().U(16);
  }
  p.Text(role, ImVec2(x, pos.y), colour, item.time_range, size);
  return x + p.Width(role, item.time_range, size) - pos.x;
}

/// The width DrawTimeRange takes.
float TimeRangeWidth(const Painter& p, Fonts::Role role, const SessionItem& item, float size) {
  float w = p.Width(role, item.time_range, size);
  if (!item.planned_start_hm.empty()) w += p.Width(role, item.planned_start_hm, size) + p.M().U(16);
  return w;
}

/// The width of `title` (in `role`) that a line with a mark beside it keeps for the title: its first words, at least
/// 40 % of `room` (or as much as "Abcdefghijklmn…"), all of it when shorter, so the mark never cuts the title to
/// nothing ("Réu…": which session moved?).
float TitleKeep(const Painter& p, Fonts::Role role, const std::string& title, float room) {
  return std::min(p.Width(role, title), std::max(0.4f * room, p.Width(role, "Abcdefghijklmn…")));
}

/// `mark` for a line where its compact and French forms may not fit: a session moved elsewhere then says where it went
/// in a form both languages read ("→ Restaurant Les Arts", in the mark's colour) rather than "Déplacé" alone, which
/// sends no one anywhere. Other marks are kept as they are.
SessionMark WhereMovedMark(SessionMark mark) {
  const std::size_t arrow = mark.compact.find("\u2192");
  if (mark.kind == MarkKind::Moved && arrow != std::string::npos) mark.brief = mark.compact.substr(arrow);
  return mark;
}

/// A session people may come for that will not take place here, on one line, the session first: its start and title,
/// then its first mark beside it ("10:00  Réunion régionale Afrique…  [Déplacé · Moved → Restaurant Les Arts]",
/// "[Annulé · Cancelled]") in the form that fits next to what the title keeps (TitleKeep; Painter::Badges picks the
/// compact form, else the French, else the brief one, where a moved session's is WhereMovedMark's "→ Salon Monge").
void DrawAlertLine(const Painter& p, ImVec2 pos, float width, const SessionItem& item) {
  const Theme& t = p.T();
  const Metrics& m = p.M();
  const std::string time = item.start_hm + "  ";
  const float time_w = p.Width(Fonts::kStrong, time);
  if (time_w + p.Width(Fonts::kBody, "Ab…") > width) return;
  const float room = width - time_w;
  std::vector<SessionMark> mark;
  float badge_w = 0;
  if (!item.marks.empty()) {
    mark.push_back(WhereMovedMark(item.marks.front()));
    const float badge_room = room - TitleKeep(p, Fonts::kBody, item.title, room) - m.U(14);
    if (badge_room > 0) badge_w = p.Badges(Fonts::kBody, ImVec2(0, 0), badge_room, mark, false);
  }
  p.Text(Fonts::kStrong, pos, t.text, time);
  const float title_w = p.TextFit(Fonts::kBody, ImVec2(pos.x + time_w, pos.y),
                                  badge_w > 0 ? room - badge_w - m.U(14) : room, t.text_muted, item.title);
  if (badge_w > 0) p.Badges(Fonts::kBody, ImVec2(pos.x + time_w + title_w + m.U(14), pos.y - m.U(2)), badge_w, mark);
}

float ReferenceHeight(ImVec2 size) { return std::min(size.x, size.y); }

ScreenContext MakeScreenContext(const Fonts& fonts, ImVec2 size) {
  ScreenContext context;
  context.fonts = &fonts;
  context.theme = &Theme::Venue();
  context.metrics = Metrics::ForHeight(ReferenceHeight(size));
  context.size = size;
  return context;
}

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
  p.TextFit(Fonts::kBody, ImVec2(left, y), right - left, t.text_muted,
            sign.day_label.fr + Dot() + sign.day_label.en + Dot() + sign.event_name);
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

int WrongClockScreenCount(const ScreenContext& context, const WrongClockViewModel& programme) {
  int count = 0;
  for (const WrongClockGrid& day : programme.grids) count += TimelinePageCount(context, day.grid);
  for (const ProgrammeListViewModel& list : programme.lists) count += ProgrammeListPageCount(context, list);
  return count;
}

Action DrawWrongClock(const ScreenContext& context, const WrongClockViewModel& programme, int index) {
  const int count = WrongClockScreenCount(context, programme);
  if (count == 0) return DrawMessage(context, programme.message);  // nothing to list, and the clock still to fix
  index = ((index % count) + count) % count;
  const Pager pager{index, count};
  for (const WrongClockGrid& day : programme.grids) {
    const int pages = TimelinePageCount(context, day.grid);
    if (index < pages) return DrawTimeline(context, day.header, day.grid, index, pager);
    index -= pages;
  }
  for (const ProgrammeListViewModel& list : programme.lists) {
    const int pages = ProgrammeListPageCount(context, list);
    if (index < pages) return DrawProgrammeList(context, list, index, pager);
    index -= pages;
  }
  return DrawMessage(context, programme.message);
}

}  // namespace kiosk::ui
