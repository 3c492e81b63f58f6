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

}  // namespace kiosk::ui
