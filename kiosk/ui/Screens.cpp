// ImGui drawing of the venue screens; all layout in units of the screen (Metrics), all text from the view models.
#include "kiosk/ui/Screens.h"

#include <algorithm>
#include <cctype>
#include <cfloat>
#include <cmath>

#include "kiosk/ui/Typography.h"

namespace kiosk::ui {
namespace {

constexpr float kLineGap = 1.12f;       ///< line advance as a multiple of the font size
constexpr float kTitleLineGap = 1.04f;  ///< tighter advance inside a wrapped title

/// Drawing helpers bound to one frame's draw list and context.
class Painter {
 public:
  explicit Painter(const ScreenContext& context)
      : m_context(context), m_list(ImGui::GetWindowDrawList()), m_theme(*context.theme), m_m(context.metrics) {}

  const Theme& T() const { return m_theme; }
  const Metrics& M() const { return m_m; }
  ImDrawList* List() const { return m_list; }
  ImFont* Font(Fonts::Role role) const { return m_context.fonts->Get(role); }
  /// The size to draw a role at; the atlas may hold it baked smaller (see Fonts::Size).
  float Px(Fonts::Role role) const { return m_context.fonts->Size(role); }
  float Line(Fonts::Role role) const { return std::round(Px(role) * kLineGap); }

  float Width(Fonts::Role role, std::string_view text, float size = 0) const {
    ImFont* font = Font(role);
    if (size <= 0) size = Px(role);
    return font->CalcTextSizeA(size, FLT_MAX, 0.0f, text.data(), text.data() + text.size()).x;
  }
  MeasureText Measure(Fonts::Role role) const {
    return [this, role](std::string_view text) { return Width(role, text); };
  }

  void Text(Fonts::Role role, ImVec2 pos, ImU32 colour, std::string_view text, float size = 0) const {
    if (text.empty()) return;
    ImFont* font = Font(role);
    if (size <= 0) size = Px(role);
    m_list->AddText(font, size, ImVec2(std::round(pos.x), std::round(pos.y)), colour, text.data(),
                    text.data() + text.size());
  }
  /// Text ending at `right`.
  void TextRight(Fonts::Role role, float right, float y, ImU32 colour, std::string_view text) const {
    Text(role, ImVec2(right - Width(role, text), y), colour, text);
  }
  /// Text centred on `centre_x`.
  void TextCentred(Fonts::Role role, float centre_x, float y, ImU32 colour, std::string_view text,
                   float size = 0) const {
    Text(role, ImVec2(centre_x - Width(role, text, size) / 2, y), colour, text, size);
  }
  /// One line, shortened with "…" to `width`. Returns the width drawn.
  float TextFit(Fonts::Role role, ImVec2 pos, float width, ImU32 colour, std::string_view text) const {
    std::string fitted = FitOneLine(text, width, Measure(role));
    Text(role, pos, colour, fitted);
    return Width(role, fitted);
  }
  /// Wrapped text at `size` px, at most `max_lines` lines `advance` apart. Returns the height used.
  float TextWrappedAt(Fonts::Role role, float size, ImVec2 pos, float width, ImU32 colour, std::string_view text,
                      int max_lines, float advance) const {
    auto measure = [this, role, size](std::string_view t) { return Width(role, t, size); };
    std::vector<std::string> lines = WrapText(text, width, measure, max_lines);
    for (std::size_t i = 0; i < lines.size(); ++i)
      Text(role, ImVec2(pos.x, pos.y + i * advance), colour, lines[i], size);
    return static_cast<float>(lines.size()) * advance;
  }
  /// Whether the role's face has a glyph for every character of `text` (the display face holds few).
  bool HasGlyphs(Fonts::Role role, std::string_view text) const {
    ImFont* font = Font(role);
    for (char32_t c : DecodeUtf8(text)) {
      if (c < 0x20) continue;
      if (c > 0xFFFF || font->FindGlyphNoFallback(static_cast<ImWchar>(c)) == nullptr) return false;
    }
    return true;
  }
  /// The face to draw `text` large with: the bold display face when it has every glyph, else the title face.
  Fonts::Role Big(std::string_view text) const {
    return HasGlyphs(Fonts::kDisplay, text) ? Fonts::kDisplay : Fonts::kTitle;
  }
  /// Wrapped text, at most `max_lines` lines `advance` apart (0: Line(role)). Returns the height used.
  float TextWrapped(Fonts::Role role, ImVec2 pos, float width, ImU32 colour, std::string_view text, int max_lines,
                    float advance = 0) const {
    if (advance <= 0) advance = Line(role);
    std::vector<std::string> lines = WrapText(text, width, Measure(role), max_lines);
    for (std::size_t i = 0; i < lines.size(); ++i) Text(role, ImVec2(pos.x, pos.y + i * advance), colour, lines[i]);
    return static_cast<float>(lines.size()) * advance;
  }

  void Rect(ImVec2 a, ImVec2 b, ImU32 colour, float rounding = 0, ImDrawFlags flags = 0) const {
    m_list->AddRectFilled(a, b, colour, rounding, flags);
  }
  void Outline(ImVec2 a, ImVec2 b, ImU32 colour, float rounding, float thickness) const {
    m_list->AddRect(a, b, colour, rounding, 0, thickness);
  }
  void HLine(float x0, float x1, float y, ImU32 colour) const {
    m_list->AddRectFilled(ImVec2(x0, y), ImVec2(x1, y + m_m.rule), colour);
  }

  /// A pill with `text` in `colour` on a faded fill of it. Returns its width.
  float Chip(Fonts::Role role, ImVec2 pos, ImU32 colour, std::string_view text) const {
    float pad = m_m.U(12), w = Width(role, text) + 2 * pad, h = Line(role) + m_m.U(4);
    Rect(pos, ImVec2(pos.x + w, pos.y + h), Theme::Fade(colour, 0.20f), h / 2);
    Text(role, ImVec2(pos.x + pad, pos.y + m_m.U(2)), colour, text);
    return w;
  }
  float ChipWidth(Fonts::Role role, std::string_view text) const { return Width(role, text) + 2 * m_m.U(12); }

 private:
  const ScreenContext& m_context;
  ImDrawList* m_list;
  const Theme& m_theme;
  const Metrics& m_m;
};

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

/// Opens the one full-window ImGui window every screen draws into, and paints the background.
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

/// Reads the keyboard and mouse into an action and closes the window.
Action EndScreen() {
  Action action;
  ImGuiIO& io = ImGui::GetIO();
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape)) || (io.KeyCtrl && ImGui::IsKeyPressed('Q'))) {
    action.kind = Action::Kind::Quit;
  } else if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_RightArrow)) ||
             ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Space)) || ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
    action.kind = Action::Kind::NextPage;
  }
  ImGui::End();
  ImGui::PopStyleVar(2);
  return action;
}

/// " · " between the French and English halves of a line.
std::string Join(const Bilingual& text) {
  if (text.en.empty() || text.en == text.fr) return text.fr;
  if (text.fr.empty()) return text.en;
  return text.fr + " " + std::string(kMiddleDot) + " " + text.en;
}
std::string Dot() { return " " + std::string(kMiddleDot) + " "; }

/// Shared vertical layout: header, content, footer bands (pixels).
struct Bands {
  float left, right;
  float header_top, header_bottom;
  float content_top, content_bottom;
  float footer_top, footer_bottom;
};

Bands LayoutBands(const ScreenContext& context) {
  const Metrics& m = context.metrics;
  Bands b;
  b.left = m.margin;
  b.right = context.size.x - m.margin;
  b.header_top = m.U(22);
  b.header_bottom = b.header_top + m.U(128);
  b.footer_bottom = context.size.y - m.U(16);
  b.footer_top = b.footer_bottom - m.U(92);
  b.content_top = b.header_bottom + m.U(18);
  b.content_bottom = b.footer_top - m.U(14);
  return b;
}

/// Event name, day and the live clock.
void DrawHeader(const Painter& p, const Bands& b, const BoardViewModel& board) {
  const Theme& t = p.T();
  const Metrics& m = p.M();
  float clock_w = p.Width(Fonts::kDisplay, "00:00");
  float clock_h = p.Px(Fonts::kDisplay);
  float clock_x = b.right - clock_w;
  float clock_y = (b.header_top + b.header_bottom - clock_h) / 2 - m.U(4);
  p.TextRight(Fonts::kDisplay, b.right, clock_y, t.text, board.clock);

  float text_w = clock_x - b.left - m.U(40);
  float y = b.header_top + m.U(8);
  p.TextFit(Fonts::kStrong, ImVec2(b.left, y), text_w, t.accent, board.event_name);
  y += p.Line(Fonts::kStrong) + m.U(8);
  float fr_w = p.TextFit(Fonts::kTitle, ImVec2(b.left, y), text_w, t.text, board.day_label.fr);
  float en_x = b.left + fr_w + m.U(24);
  const std::string& en = board.day_label.en;
  if (en_x + p.Width(Fonts::kBody, en) <= b.left + text_w) {
    // Same baseline as the French date.
    float baseline_shift = p.Font(Fonts::kTitle)->Ascent - p.Font(Fonts::kBody)->Ascent;
    p.Text(Fonts::kBody, ImVec2(en_x, y + baseline_shift), t.text_muted, en);
  }
  p.HLine(b.left, b.right, b.header_bottom, t.track);
}

/// More pages than this in the rotation are counted in figures rather than dots.
constexpr int kMaxPageDots = 8;

/// What the footer's first line shows.
enum class FooterTop { None, Later, Legend };

/// Footer: later sessions of the day (or what comes next) or the legend of the kinds on the page, the revision or a
/// notice, and where the rotation stands.
void DrawFooter(const Painter& p, const Bands& b, const BoardViewModel& board, const Pager& pager,
                const Bilingual& notice, FooterTop top, const TimelineLegend* legend = nullptr) {
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
  if (top == FooterTop::Later) {
    // Sessions already shown as a room's next on the cards are left out: the footer adds what comes after.
    std::vector<const SessionItem*> later;
    for (const SessionItem& item : board.coming) {
      bool is_next = std::any_of(board.rooms.begin(), board.rooms.end(), [&](const RoomCard& card) {
        return card.next && card.next->item.session == item.session;
      });
      if (!is_next) later.push_back(&item);
    }
    if (board.next_anywhere) {
      const NextInfo& next = *board.next_anywhere;
      std::string label = "Reprise " + next.when.fr + Dot() + "Resuming " + next.when.en + "  ";
      x += p.TextFit(Fonts::kStrong, ImVec2(x, y), b.right - x, t.accent, label);
      p.TextFit(Fonts::kBody, ImVec2(x, y), b.right - x, t.text, next.item.title + Dot() + next.item.room_name);
    } else if (!later.empty()) {
      std::string label = "Plus tard" + Dot() + "Later";
      x += p.Width(Fonts::kStrong, label) + m.U(24);
      p.Text(Fonts::kStrong, ImVec2(b.left, y), t.accent, label);
      for (const SessionItem* item : later) {
        const std::string time = item->start_hm + " ";
        const std::string title = item->title + (item->cancelled ? " (" + Join(item->status) + ")" : "");
        const ImU32 colour = item->cancelled ? t.warning : t.text;
        const float time_w = p.Width(Fonts::kStrong, time);
        if (x + time_w + std::min(p.Width(Fonts::kBody, title), m.U(260)) > b.right) break;
        p.Text(Fonts::kStrong, ImVec2(x, y), colour, time);
        x += time_w;
        x += p.TextFit(Fonts::kBody, ImVec2(x, y), std::min(m.U(520), b.right - x),
                       item->cancelled ? t.warning : t.text_muted, title);
        x += m.U(36);
      }
    }
  }

  float y2 = y + p.Line(Fonts::kBody) + m.U(6);
  bool has_notice = !notice.fr.empty();
  const Bilingual& line = has_notice ? notice : board.revision;
  // A dot per page while they are few; past that, "4 / 15", which leaves the revision line its room.
  const bool dots = pager.count > 1 && pager.count <= kMaxPageDots;
  const std::string page_label =
      pager.count > kMaxPageDots ? std::to_string(pager.current + 1) + " / " + std::to_string(pager.count) : "";
  float pager_w = dots ? pager.count * m.U(28) : (page_label.empty() ? 0.0f : p.Width(Fonts::kBody, page_label));
  p.TextFit(Fonts::kBody, ImVec2(b.left, y2), b.right - b.left - pager_w - m.U(24),
            has_notice ? t.warning : t.text_faint, Join(line));
  if (!page_label.empty()) p.TextRight(Fonts::kBody, b.right, y2, t.text_muted, page_label);
  if (dots) {
    float r = m.U(7), cy = y2 + p.Line(Fonts::kBody) / 2;
    for (int i = 0; i < pager.count; ++i) {
      float cx = b.right - (pager.count - 1 - i) * m.U(28) - r;
      p.List()->AddCircleFilled(ImVec2(cx, cy), r, i == pager.current ? t.accent : t.track, 16);
    }
  }
}

// ----- Board

struct CardGrid {
  int columns = 1;
  int rows = 1;
  float card_w = 0, card_h = 0;
};

/// Vertical rhythm of a room card (pixels).
struct CardRhythm {
  float pad, room, title_line, body, gap_after_room, info_gap, bar, bar_gap, rule_gap;
};
CardRhythm Rhythm(const Metrics& m) {
  return {m.U(18),
          std::round(m.title * kLineGap),
          std::round(m.title * kTitleLineGap),
          std::round(m.body * kLineGap),
          m.U(4),
          m.U(8),
          m.U(12),
          m.U(12),
          m.U(12)};
}

/// The card height the content needs: room line, two title lines, English line, speakers, time and progress, next.
float CardHeight(const Metrics& m) {
  CardRhythm r = Rhythm(m);
  return 2 * r.pad + r.room + r.gap_after_room + 2 * r.title_line + 2 * r.body + r.info_gap + r.body + r.info_gap +
         r.bar + r.bar_gap + r.rule_gap + r.body;
}

CardGrid LayoutCards(const ScreenContext& context) {
  const Metrics& m = context.metrics;
  Bands b = LayoutBands(context);
  CardGrid grid;
  float width = b.right - b.left, height = b.content_bottom - b.content_top;
  grid.columns = std::max(1, static_cast<int>((width + m.gap) / (m.U(760) + m.gap)));
  grid.card_h = CardHeight(m);
  grid.rows = std::max(1, static_cast<int>((height + m.gap) / (grid.card_h + m.gap)));
  grid.card_w = (width - (grid.columns - 1) * m.gap) / grid.columns;
  // Spread spare height between the rows so the cards fill the band.
  grid.card_h = (height - (grid.rows - 1) * m.gap) / grid.rows;
  grid.card_h = std::min(grid.card_h, CardHeight(m) * 1.25f);
  return grid;
}

/// "Ensuite · Next 11:45  Titre" (or "Demain 09:00  Titre") on one line.
void DrawNextLine(const Painter& p, ImVec2 pos, float width, const NextInfo& next) {
  const Theme& t = p.T();
  float x = pos.x;
  std::string when = next.when.fr;
  if (!next.other_day) {
    std::string label = "Ensuite" + Dot() + "Next ";
    p.Text(Fonts::kBody, ImVec2(x, pos.y), t.text_muted, label);
    x += p.Width(Fonts::kBody, label);
  } else if (!when.empty()) {
    when[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(when[0])));  // "Demain 09:00", "Jeudi …"
  }
  when += "  ";
  p.Text(Fonts::kStrong, ImVec2(x, pos.y), t.text, when);
  x += p.Width(Fonts::kStrong, when);
  p.TextFit(Fonts::kBody, ImVec2(x, pos.y), pos.x + width - x, t.text, next.item.title);
}

void DrawRoomCard(const Painter& p, ImVec2 a, ImVec2 size, const RoomCard& card) {
  const Theme& t = p.T();
  const Metrics& m = p.M();
  const CardRhythm r = Rhythm(m);
  const ImVec2 b(a.x + size.x, a.y + size.y);
  const NextInfo* upcoming = card.next && !card.next->other_day ? &*card.next : nullptr;
  const SessionItem* main = card.now ? &card.now->item : (upcoming ? &upcoming->item : nullptr);
  const ImU32 kind_colour = main ? t.KindColour(main->kind) : t.track;

  p.Rect(a, b, card.now ? t.surface : t.Dim(t.surface, 0.45f), m.rounding);
  const float stripe = m.U(10);
  p.Rect(a, ImVec2(a.x + stripe, b.y), card.now ? kind_colour : t.Fade(kind_colour, 0.40f), m.rounding,
         ImDrawFlags_RoundCornersLeft);

  const float left = a.x + stripe + m.U(22), right = b.x - m.U(22), width = right - left;
  float y = a.y + r.pad;

  // Room name, and the kind of what is on (or next) as a chip on the right. The name has the first claim on the
  // line: the chip takes what it leaves (at most 45 %), shortened at a word or left out, so a long kind ("YOC - Alles,
  // was Lötstationen braucht") never cuts the room's name.
  float chip_w = 0;
  if (main) {
    const float chip_gap = m.U(20), chip_pad = p.ChipWidth(Fonts::kBody, "");
    const float room_w = p.Width(Fonts::kTitle, card.room_name);
    const float chip_room = std::min(width * 0.45f, width - room_w - chip_gap);
    std::string chip = Join(main->kind_label);
    if (p.ChipWidth(Fonts::kBody, chip) > chip_room) chip = main->kind_label.fr;
    if (p.ChipWidth(Fonts::kBody, chip) > chip_room)
      chip = FitWholeWords(chip, chip_room - chip_pad, p.Measure(Fonts::kBody));
    if (!chip.empty() && p.ChipWidth(Fonts::kBody, chip) <= chip_room) {
      chip_w = p.ChipWidth(Fonts::kBody, chip);
      float chip_y = y + (r.room - p.Line(Fonts::kBody)) / 2 - m.U(2);
      p.Chip(Fonts::kBody, ImVec2(right - chip_w, chip_y), kind_colour, chip);
    }
  }
  p.TextFit(Fonts::kTitle, ImVec2(left, y), chip_w > 0 ? width - chip_w - m.U(20) : width,
            card.done_for_today ? t.text_muted : t.accent, card.room_name);
  y += r.room + r.gap_after_room;

  // Bottom-up: the next line, the rule above it, the progress bar, the time row.
  const float next_y = b.y - r.pad - r.body;
  const float rule_y = next_y - r.rule_gap;
  const float bar_y = rule_y - r.bar_gap - r.bar;
  const float info_y = bar_y - r.info_gap - r.body;

  if (card.now) {
    const NowInfo& now = *card.now;
    y += p.TextWrapped(Fonts::kTitle, ImVec2(left, y), width, t.text, now.item.title, 2, r.title_line);
    const bool has_en = !now.item.title_en.empty() && now.item.title_en != now.item.title;
    // A one-line French title leaves room for the English one on two lines.
    const int en_lines =
        std::max(1, static_cast<int>((info_y - r.info_gap - y - (now.item.speakers.empty() ? 0 : r.body)) / r.body));
    if (has_en)
      y += p.TextWrapped(Fonts::kBody, ImVec2(left, y), width, t.text_muted, now.item.title_en, std::min(2, en_lines));
    if (!now.item.speakers.empty() && y + r.body <= info_y - r.info_gap + m.U(2))
      p.TextFit(Fonts::kBody, ImVec2(left, y), width, t.text_muted, now.item.speakers);

    p.Text(Fonts::kStrong, ImVec2(left, info_y), t.text, now.item.time_range);
    std::string remaining = Join(now.remaining);
    if (p.Width(Fonts::kStrong, remaining) > width - p.Width(Fonts::kStrong, now.item.time_range) - m.U(30))
      remaining = now.remaining.fr;
    p.TextRight(Fonts::kStrong, right, info_y, kind_colour, remaining);
    p.Rect(ImVec2(left, bar_y), ImVec2(right, bar_y + r.bar), t.track, r.bar / 2);
    float fill = left + std::max(r.bar, width * now.progress);
    p.Rect(ImVec2(left, bar_y), ImVec2(fill, bar_y + r.bar), kind_colour, r.bar / 2);

    p.HLine(left, right, rule_y, t.track);
    if (card.next) {
      DrawNextLine(p, ImVec2(left, next_y), width, *card.next);
    } else {
      p.Text(Fonts::kBody, ImVec2(left, next_y), t.text_faint,
             Join({"Dernière session du jour", "Last session today"}));
    }
    return;
  }

  if (card.cancelled_now) {
    // Someone may be at the door for it: say it is cancelled before anything else.
    const SessionItem& cancelled = *card.cancelled_now;
    std::string label = Join(cancelled.status) + "  ";
    p.Text(Fonts::kStrong, ImVec2(left, y), t.warning, label);
    float x = left + p.Width(Fonts::kStrong, label);
    p.TextFit(Fonts::kBody, ImVec2(x, y), right - x, t.warning, cancelled.time_range + "  " + cancelled.title);
    y += r.body + r.gap_after_room;
  }

  if (upcoming) {
    // Between sessions: the next one takes the card, marked as coming.
    const SessionItem& item = upcoming->item;
    const int title_lines = std::clamp(static_cast<int>((info_y - r.info_gap - y) / r.title_line), 1, 2);
    y += p.TextWrapped(Fonts::kTitle, ImVec2(left, y), width, t.Dim(t.text, 0.15f), item.title, title_lines,
                       r.title_line);
    if (!item.title_en.empty() && item.title_en != item.title && y + r.body <= info_y - r.info_gap + m.U(2)) {
      p.TextFit(Fonts::kBody, ImVec2(left, y), width, t.text_muted, item.title_en);
      y += r.body;
    }
    if (!item.speakers.empty() && y + r.body <= info_y - r.info_gap + m.U(2))
      p.TextFit(Fonts::kBody, ImVec2(left, y), width, t.text_muted, item.speakers);
    p.Text(Fonts::kStrong, ImVec2(left, info_y), t.text, item.time_range);
    std::string starts = Join(upcoming->starts_in);
    if (p.Width(Fonts::kStrong, starts) > width - p.Width(Fonts::kStrong, item.time_range) - m.U(30))
      starts = upcoming->starts_in.fr;
    p.TextRight(Fonts::kStrong, right, info_y, kind_colour, starts);
    // A dashed track: nothing running yet.
    for (float x = left; x < right; x += m.U(28))
      p.Rect(ImVec2(x, bar_y), ImVec2(std::min(right, x + m.U(16)), bar_y + r.bar), t.track, r.bar / 2);
    p.HLine(left, right, rule_y, t.track);
    p.TextFit(Fonts::kBody, ImVec2(left, next_y), width, t.text_muted,
              Join({"Salle libre jusqu’à " + item.start_hm, "Free until " + item.start_hm}));
    return;
  }

  // Nothing more today: say so in the middle, and what the room has on another day at the bottom.
  float mid = (y + rule_y) / 2 - (p.Line(Fonts::kTitle) + r.body) / 2;
  p.Text(Fonts::kTitle, ImVec2(left, mid), t.text_muted, card.status.fr);
  p.Text(Fonts::kBody, ImVec2(left, mid + p.Line(Fonts::kTitle)), t.text_faint, card.status.en);
  if (card.next) {
    p.HLine(left, right, rule_y, t.track);
    DrawNextLine(p, ImVec2(left, next_y), width, *card.next);
  }
}

// ----- Timeline

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
  std::string title = bar.item.cancelled ? Join(bar.item.status) + Dot() + bar.item.title : bar.item.title;
  bool with_time = lines >= 3 || (lines == 2 && p.Width(Fonts::kBody, title) <= width);
  y += p.TextWrapped(bar.is_now ? Fonts::kStrong : Fonts::kBody, ImVec2(left, y), width,
                     bar.item.cancelled ? t.warning : text_colour, title, with_time ? lines - 1 : lines, advance);
  if (with_time) {
    p.TextFit(Fonts::kBody, ImVec2(left, y), width, bar.is_past ? t.text_faint : t.text_muted, bar.item.time_range);
  }
}

}  // namespace

float ReferenceHeight(ImVec2 size) { return std::min(size.x, size.y); }

ScreenContext MakeScreenContext(const Fonts& fonts, ImVec2 size) {
  ScreenContext context;
  context.fonts = &fonts;
  context.theme = &Theme::Venue();
  context.metrics = Metrics::ForHeight(ReferenceHeight(size));
  context.size = size;
  return context;
}

int BoardRoomsPerPage(const ScreenContext& context) {
  CardGrid grid = LayoutCards(context);
  return grid.columns * grid.rows;
}

int BoardPageCount(const ScreenContext& context, const BoardViewModel& board) {
  int per_page = BoardRoomsPerPage(context);
  int rooms = static_cast<int>(board.rooms.size());
  return std::max(1, (rooms + per_page - 1) / per_page);
}

int TimelineRowsPerPage(const ScreenContext& context) { return LayoutTimeline(context).rows_per_page; }

int TimelinePageCount(const ScreenContext& context, const TimelineViewModel& timeline) {
  return timeline.PageCount(TimelineRowsPerPage(context));
}

Action DrawBoard(const ScreenContext& context, const BoardViewModel& board, int page, const Pager& pager,
                 const Bilingual& notice) {
  BeginScreen(context);
  Painter p(context);
  Bands b = LayoutBands(context);
  DrawHeader(p, b, board);

  CardGrid grid = LayoutCards(context);
  int per_page = grid.columns * grid.rows;
  int pages = BoardPageCount(context, board);
  page = ((page % pages) + pages) % pages;
  std::size_t first = static_cast<std::size_t>(page * per_page);
  std::size_t last = std::min(board.rooms.size(), first + static_cast<std::size_t>(per_page));
  // Fewer cards than the page holds: use the full width with fewer columns when rooms are few.
  int columns = grid.columns;
  int count = static_cast<int>(last - first);
  if (pages == 1 && count <= grid.rows) columns = 1;
  float card_w = (b.right - b.left - (columns - 1) * p.M().gap) / columns;
  for (std::size_t i = first; i < last; ++i) {
    int index = static_cast<int>(i - first);
    int row = index / columns, column = index % columns;
    ImVec2 a(b.left + column * (card_w + p.M().gap), b.content_top + row * (grid.card_h + p.M().gap));
    DrawRoomCard(p, a, ImVec2(card_w, grid.card_h), board.rooms[i]);
  }
  if (board.rooms.empty()) {
    float cy = (b.content_top + b.content_bottom) / 2;
    p.TextCentred(Fonts::kTitle, context.size.x / 2, cy - p.Line(Fonts::kTitle), p.T().text_muted,
                  FrenchDisplay("Aucune session aujourd'hui"));
    p.TextCentred(Fonts::kBody, context.size.x / 2, cy + p.M().U(8), p.T().text_faint, "No sessions today");
  }
  DrawFooter(p, b, board, pager, notice, FooterTop::Later);
  return EndScreen();
}

Action DrawTimeline(const ScreenContext& context, const BoardViewModel& board, const TimelineViewModel& timeline,
                    int page, const Pager& pager) {
  BeginScreen(context);
  Painter p(context);
  const Theme& t = p.T();
  const Metrics& m = p.M();
  Bands b = LayoutBands(context);
  DrawHeader(p, b, board);
  TimelineLayout l = LayoutTimeline(context);
  auto [first, last] = timeline.RowsOnPage(page, l.rows_per_page);
  const float grid_w = l.grid_right - l.grid_left;
  auto x_of = [&](float share) { return l.grid_left + share * grid_w; };

  // Title of the page in the label column's header cell.
  p.TextFit(Fonts::kStrong, ImVec2(b.left, b.content_top), l.label_w - m.U(20), t.accent,
            "Programme" + Dot() + "Schedule");

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
                  Join({"Aucune session ce jour", "No sessions this day"}));
  }
  const TimelineLegend legend = timeline.Legend(first, last);
  DrawFooter(p, b, board, pager, {}, FooterTop::Legend, &legend);
  return EndScreen();
}

Action DrawCountdown(const ScreenContext& context, const BoardViewModel& board) {
  BeginScreen(context);
  Painter p(context);
  const Theme& t = p.T();
  const Metrics& m = p.M();
  Bands b = LayoutBands(context);
  DrawHeader(p, b, board);

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
  p.Rect(ImVec2(list_left - m.U(20), list_top), ImVec2(b.right, b.content_bottom), t.surface, m.rounding);
  float ly = list_top + m.U(20);
  float lx = list_left + m.U(8), lw = list_w - m.U(40);
  if (!board.day_programme.empty()) {
    Bilingual day = ShortDayLabel(board.day_programme.front().session->day);
    p.TextFit(Fonts::kTitle, ImVec2(lx, ly), lw, t.accent, "Programme du " + day.fr);
    ly += p.Line(Fonts::kTitle);
    p.TextFit(Fonts::kBody, ImVec2(lx, ly), lw, t.text_muted, "Programme for " + day.en);
    ly += p.Line(Fonts::kBody) + m.U(14);
  }
  const float time_w = p.Width(Fonts::kStrong, "00:00") + m.U(24);
  const float item_h = p.Line(Fonts::kStrong) + p.Line(Fonts::kBody) + m.U(12);
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
             "+ " + more + (one ? " autre session" : " autres sessions") + Dot() + more +
                 (one ? " more session" : " more sessions"));
      break;
    }
    ImU32 colour = item.cancelled ? t.warning : t.text;
    p.List()->AddCircleFilled(ImVec2(lx + m.U(4), ly + p.Line(Fonts::kStrong) / 2), m.U(6), t.KindColour(item.kind),
                              12);
    p.Text(Fonts::kStrong, ImVec2(lx + m.U(20), ly), colour, item.start_hm);
    std::string title = item.cancelled ? Join(item.status) + Dot() + item.title : item.title;
    p.TextFit(Fonts::kStrong, ImVec2(lx + m.U(20) + time_w, ly), lw - time_w - m.U(20), colour, title);
    std::string detail = item.room_name + Dot() + Join(item.kind_label);
    p.TextFit(Fonts::kBody, ImVec2(lx + m.U(20) + time_w, ly + p.Line(Fonts::kStrong)), lw - time_w - m.U(20),
              t.text_muted, detail);
    ly += item_h;
  }
  DrawFooter(p, b, board, {}, {}, FooterTop::None);
  return EndScreen();
}

Action DrawClosing(const ScreenContext& context, const BoardViewModel& board) {
  BeginScreen(context);
  Painter p(context);
  const Theme& t = p.T();
  const Metrics& m = p.M();
  Bands b = LayoutBands(context);
  DrawHeader(p, b, board);
  const float cx = context.size.x / 2, width = b.right - b.left;
  const float big = std::round(p.Px(Fonts::kDisplay) * 0.62f);
  float block_h =
      big * 1.2f + p.Line(Fonts::kTitle) + m.U(50) + 2 * p.Line(Fonts::kBody) + m.U(40) + p.Line(Fonts::kStrong);
  float y = (b.content_top + b.content_bottom - block_h) / 2;
  std::string thanks = board.closing_title.fr;
  float size = big;
  if (p.Width(Fonts::kDisplay, thanks, size) > width) size *= width / p.Width(Fonts::kDisplay, thanks, size);
  p.TextCentred(Fonts::kDisplay, cx, y, t.accent, thanks, size);
  y += big * 1.2f;
  p.TextCentred(Fonts::kTitle, cx, y, t.text, FitOneLine(board.closing_title.en, width, p.Measure(Fonts::kTitle)));
  y += p.Line(Fonts::kTitle) + m.U(50);
  p.TextCentred(Fonts::kBody, cx, y, t.text, FitOneLine(board.closing_text.fr, width, p.Measure(Fonts::kBody)));
  y += p.Line(Fonts::kBody);
  p.TextCentred(Fonts::kBody, cx, y, t.text_muted, FitOneLine(board.closing_text.en, width, p.Measure(Fonts::kBody)));
  y += p.Line(Fonts::kBody) + m.U(40);
  p.HLine(cx - m.U(120), cx + m.U(120), y - m.U(20), t.track);
  p.TextCentred(Fonts::kStrong, cx, y, t.text_muted, FitOneLine(Join(board.dates), width, p.Measure(Fonts::kStrong)));
  DrawFooter(p, b, board, {}, {}, FooterTop::None);
  return EndScreen();
}

Action DrawMessage(const ScreenContext& context, const MessageViewModel& message) {
  BeginScreen(context);
  Painter p(context);
  const Theme& t = p.T();
  const Metrics& m = p.M();
  const float cx = context.size.x / 2, width = std::min(context.size.x - 2 * m.margin, m.U(1400));
  float y = context.size.y * 0.30f;
  float r = m.U(34);
  p.List()->AddCircle(ImVec2(cx, y), r, t.warning, 32, m.U(5));
  p.Rect(ImVec2(cx - m.U(3), y - r * 0.55f), ImVec2(cx + m.U(3), y + r * 0.15f), t.warning, m.U(2));
  p.List()->AddCircleFilled(ImVec2(cx, y + r * 0.42f), m.U(4), t.warning, 12);
  y += r + m.U(40);
  p.TextCentred(Fonts::kTitle, cx, y, t.text, FitOneLine(message.title.fr, width, p.Measure(Fonts::kTitle)));
  y += p.Line(Fonts::kTitle);
  p.TextCentred(Fonts::kBody, cx, y, t.text_muted, FitOneLine(message.title.en, width, p.Measure(Fonts::kBody)));
  y += p.Line(Fonts::kBody) + m.U(40);
  for (const std::string& line : WrapText(message.reason, width, p.Measure(Fonts::kBody), 4)) {
    p.TextCentred(Fonts::kBody, cx, y, t.text, line);
    y += p.Line(Fonts::kBody);
  }
  if (message.retry_seconds >= 0) {
    y += m.U(30);
    std::string s = std::to_string(message.retry_seconds) + std::string(kNbsp) + "s";
    p.TextCentred(Fonts::kBody, cx, y, t.text_faint, "nouvel essai dans " + s + Dot() + "retrying in " + s);
  }
  return EndScreen();
}

}  // namespace kiosk::ui

// ----- Door sign

namespace kiosk::ui {
namespace {

/// The door sign's panel for what is on now (or that the room is free), in the box from `a` to `b`.
void DrawDoorNow(const Painter& p, ImVec2 a, ImVec2 b, const DoorSignViewModel& sign) {
  const Theme& t = p.T();
  const Metrics& m = p.M();
  const NowInfo* now = sign.on_now ? &*sign.on_now : nullptr;
  const ImU32 kind_colour = now ? t.KindColour(now->item.kind) : t.track;
  p.Rect(a, b, t.surface, m.rounding);
  p.Rect(a, ImVec2(a.x + m.U(12), b.y), kind_colour, m.rounding, ImDrawFlags_RoundCornersLeft);
  const float left = a.x + m.U(44), right = b.x - m.U(36), width = right - left;
  float y = a.y + m.U(28);

  if (!now) {
    // Free: the status takes the panel, the cancelled session first when someone may have come for it.
    if (sign.cancelled_now) {
      const SessionItem& c = *sign.cancelled_now;
      y += p.TextWrapped(Fonts::kTitle, ImVec2(left, y), width, t.warning, Join(c.status) + Dot() + c.time_range, 1);
      y += p.TextWrapped(Fonts::kStrong, ImVec2(left, y), width, t.warning, c.title, 2) + m.U(24);
    }
    const float size = std::round(p.Px(Fonts::kDisplay) * 0.62f);
    const Fonts::Role role = p.Big(sign.status.fr);
    const float mid = std::max(y, (a.y + b.y) / 2 - size * 1.2f);
    float h = p.TextWrappedAt(role, role == Fonts::kDisplay ? size : p.Px(Fonts::kTitle), ImVec2(left, mid), width,
                              t.text, sign.status.fr, 2, std::round(size * 1.08f));
    p.TextWrapped(Fonts::kTitle, ImVec2(left, mid + h + m.U(8)), width, t.text_muted, sign.status.en, 2);
    return;
  }

  // "En cours · Now" and the kind.
  const std::string label = "En cours" + Dot() + "Now";
  float x = left + p.Chip(Fonts::kStrong, ImVec2(left, y), t.now_line, label) + m.U(16);
  const std::string kind = Join(now->item.kind_label);
  if (!kind.empty() && x + p.ChipWidth(Fonts::kBody, kind) <= right)
    p.Chip(Fonts::kBody, ImVec2(x, y), kind_colour, kind);
  y += p.Line(Fonts::kStrong) + m.U(26);

  // Bottom-up: progress bar, then the time row above it.
  const float bar_h = m.U(18);
  const float bar_y = b.y - m.U(36) - bar_h;
  const float time_size = std::round(p.Px(Fonts::kDisplay) * 0.5f);
  const float time_y = bar_y - m.U(18) - time_size * 1.1f;

  // Title: large on up to three lines, smaller when it needs more, the English and speakers in what is left.
  const std::string& title = now->item.title;
  const Fonts::Role title_role = p.Big(title);
  float size = title_role == Fonts::kDisplay ? std::round(p.Px(Fonts::kDisplay) * 0.52f) : p.Px(Fonts::kTitle);
  auto measure = [&](std::string_view text) { return p.Width(title_role, text, size); };
  if (title_role == Fonts::kDisplay && WrapText(title, width, measure, 4).size() > 3) size = p.Px(Fonts::kTitle);
  const float advance = std::round(size * kTitleLineGap);
  const float below = time_y - m.U(20);
  const int title_lines = std::clamp(static_cast<int>((below - y) / advance), 1, 3);
  y += p.TextWrappedAt(title_role, size, ImVec2(left, y), width, t.text, title, title_lines, advance) + m.U(10);
  const float body = p.Line(Fonts::kBody);
  const bool has_en = !now->item.title_en.empty() && now->item.title_en != title;
  if (has_en && y + body <= below) {
    const int lines = std::clamp(static_cast<int>((below - y - (now->item.speakers.empty() ? 0 : body)) / body), 1, 2);
    y += p.TextWrapped(Fonts::kBody, ImVec2(left, y), width, t.text_muted, now->item.title_en, lines) + m.U(8);
  }
  if (!now->item.speakers.empty() && y + body <= below) {
    const int lines = std::clamp(static_cast<int>((below - y) / body), 1, 2);
    p.TextWrapped(Fonts::kBody, ImVec2(left, y), width, t.text_muted, now->item.speakers, lines);
  }

  const Fonts::Role time_role = p.Big(now->item.time_range);
  p.Text(time_role, ImVec2(left, time_y), t.text, now->item.time_range, time_size);
  const float time_w = p.Width(time_role, now->item.time_range, time_size);
  // Time left on the right: French large, English below it.
  const float rem_size = p.Px(Fonts::kTitle);
  std::string fr = now->remaining.fr;
  if (p.Width(Fonts::kTitle, fr) <= right - left - time_w - m.U(30)) {
    p.TextRight(Fonts::kTitle, right, time_y, kind_colour, fr);
    p.TextRight(Fonts::kBody, right, time_y + rem_size * 1.05f, t.text_muted, now->remaining.en);
  }
  p.Rect(ImVec2(left, bar_y), ImVec2(right, bar_y + bar_h), t.track, bar_h / 2);
  p.Rect(ImVec2(left, bar_y), ImVec2(left + std::max(bar_h, width * now->progress), bar_y + bar_h), kind_colour,
         bar_h / 2);
}

/// The next session: "Ensuite · Next", its start large and its title. Returns the height used.
float DrawDoorNext(const Painter& p, ImVec2 a, float width, float max_h, const DoorSignViewModel& sign) {
  const Theme& t = p.T();
  const Metrics& m = p.M();
  const float left = a.x + m.U(32), right = a.x + width - m.U(28), w = right - left;
  const float big = std::round(p.Px(Fonts::kDisplay) * 0.5f);
  float y = a.y + m.U(22);
  p.Text(Fonts::kStrong, ImVec2(left, y), t.text_muted, "Ensuite" + Dot() + "Next");
  y += p.Line(Fonts::kStrong) + m.U(6);
  if (!sign.next) {
    y += p.TextWrapped(Fonts::kTitle, ImVec2(left, y), w, t.text_muted,
                       FrenchDisplay("Plus de session dans cette salle"), 2);
    y += p.TextWrapped(Fonts::kBody, ImVec2(left, y), w, t.text_faint, "No more sessions in this room", 1);
  } else {
    const NextInfo& next = *sign.next;
    std::string when = next.when.fr;
    if (!when.empty()) when[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(when[0])));
    const Fonts::Role role = p.Big(when);
    const float size = role == Fonts::kDisplay ? big : p.Px(Fonts::kTitle);
    p.Text(role, ImVec2(left, y), t.accent, when, size);
    if (next.other_day) {
      p.Text(Fonts::kBody, ImVec2(left, y + size * 1.08f), t.text_muted, next.when.en);
      y += p.Line(Fonts::kBody);
    } else {
      const std::string in = Join(next.starts_in);
      const float in_x = left + p.Width(role, when, size) + m.U(24);
      if (in_x + p.Width(Fonts::kBody, in) <= right)
        p.Text(Fonts::kBody, ImVec2(in_x, y + size - p.Line(Fonts::kBody)), t.text_muted, in);
    }
    y += size * 1.1f;
    const int lines = std::clamp(static_cast<int>((a.y + max_h - m.U(20) - y) / p.Line(Fonts::kTitle)), 1, 2);
    y += p.TextWrapped(Fonts::kTitle, ImVec2(left, y), w, t.text, next.item.title, lines,
                       std::round(p.Px(Fonts::kTitle) * kTitleLineGap));
    if (!next.item.title_en.empty() && next.item.title_en != next.item.title &&
        y + p.Line(Fonts::kBody) <= a.y + max_h - m.U(16))
      y += p.TextWrapped(Fonts::kBody, ImVec2(left, y), w, t.text_muted, next.item.title_en, 1);
  }
  return y + m.U(20) - a.y;
}

/// The room's day: start and title per line; past ones faint, the one on now marked, cancelled ones in warning.
void DrawDoorDay(const Painter& p, ImVec2 a, ImVec2 b, const DoorSignViewModel& sign) {
  const Theme& t = p.T();
  const Metrics& m = p.M();
  const float left = a.x + m.U(32), right = b.x - m.U(28);
  float y = a.y + m.U(20);
  p.TextFit(Fonts::kStrong, ImVec2(left, y), right - left, t.accent, Join(sign.list_label));
  y += p.Line(Fonts::kStrong) + m.U(10);
  const float time_w = p.Width(Fonts::kTitle, "00:00") + m.U(24);
  const float row = p.Line(Fonts::kTitle) + m.U(6);
  for (std::size_t i = 0; i < sign.sessions.size(); ++i) {
    const DoorSignEntry& entry = sign.sessions[i];
    const std::size_t left_over = sign.sessions.size() - i;
    if (y + row > b.y - m.U(12) || (left_over > 1 && y + row + p.Line(Fonts::kBody) > b.y - m.U(12))) {
      const std::string more = std::to_string(left_over);
      p.Text(Fonts::kBody, ImVec2(left + time_w, y), t.text_faint,
             "+ " + more + (left_over == 1 ? " autre" : " autres") + Dot() + more + " more");
      break;
    }
    ImU32 colour = entry.item.cancelled ? t.warning : entry.past ? t.text_faint : t.text;
    if (entry.is_now) {
      p.Rect(ImVec2(a.x + m.U(12), y - m.U(4)), ImVec2(b.x - m.U(12), y + row - m.U(4)), t.Fade(t.now_line, 0.18f),
             m.U(8));
      p.Rect(ImVec2(a.x + m.U(12), y - m.U(4)), ImVec2(a.x + m.U(18), y + row - m.U(4)), t.now_line, m.U(3));
    }
    p.Text(Fonts::kTitle, ImVec2(left, y), colour, entry.item.start_hm);
    std::string title = entry.item.cancelled ? Join(entry.item.status) + Dot() + entry.item.title : entry.item.title;
    p.TextFit(Fonts::kStrong, ImVec2(left + time_w, y + (p.Px(Fonts::kTitle) - p.Px(Fonts::kStrong)) * 0.7f),
              right - left - time_w, colour, title);
    y += row;
  }
  if (sign.sessions.empty())
    p.Text(Fonts::kBody, ImVec2(left, y), t.text_faint, Join({"Aucune session", "No sessions"}));
}

}  // namespace

Action DrawDoorSign(const ScreenContext& context, const DoorSignViewModel& sign, const Bilingual& notice) {
  if (!sign.found) {
    MessageViewModel message;
    message.title = {FrenchDisplay("Salle inconnue : « " + sign.requested + " »"), "Unknown room: " + sign.requested};
    std::string rooms;
    for (const std::string& name : sign.known_rooms) rooms += (rooms.empty() ? "" : ", ") + name;
    message.reason = sign.known_rooms.empty()
                         ? FrenchDisplay("Le programme n'a aucune salle · The programme has no room")
                         : "Salles" + Dot() + "Rooms: " + rooms;
    return DrawMessage(context, message);
  }
  BeginScreen(context);
  Painter p(context);
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
  if (natural > name_w) name_size = std::max(name_size * name_w / natural, p.Px(Fonts::kTitle));
  p.Text(name_role, ImVec2(left, top), t.accent,
         FitOneLine(sign.room_name, name_w, [&](std::string_view s) { return p.Width(name_role, s, name_size); }),
         name_size);
  float y = top + std::max(name_size, clock_size) * 1.08f;
  p.TextFit(Fonts::kBody, ImVec2(left, y), right - left, t.text_muted,
            sign.day_label.fr + Dot() + sign.day_label.en + Dot() + sign.event_name);
  y += p.Line(Fonts::kBody) + m.U(14);
  p.HLine(left, right, y, t.track);
  const float content_top = y + m.U(24);

  // Footer: the revision or a notice.
  const float footer_y = context.size.y - m.U(16) - p.Line(Fonts::kBody);
  const bool has_notice = !notice.fr.empty();
  p.TextFit(Fonts::kBody, ImVec2(left, footer_y), right - left, has_notice ? t.warning : t.text_faint,
            Join(has_notice ? notice : sign.revision));
  const float content_bottom = footer_y - m.U(16);

  if (portrait) {
    // Stacked: now, next, the day.
    const float now_h = std::min(m.U(760), (content_bottom - content_top) * 0.48f);
    DrawDoorNow(p, ImVec2(left, content_top), ImVec2(right, content_top + now_h), sign);
    float ny = content_top + now_h + m.gap;
    // Never taller than the space left, so the day panel below keeps a positive height on short windows.
    const float next_h = std::max(0.0f, std::min(m.U(300), (content_bottom - ny) * 0.45f));
    p.Rect(ImVec2(left, ny), ImVec2(right, ny + next_h), t.Dim(t.surface, 0.3f), m.rounding);
    DrawDoorNext(p, ImVec2(left, ny), right - left, next_h, sign);
    ny += next_h + m.gap;
    p.Rect(ImVec2(left, ny), ImVec2(right, content_bottom), t.Dim(t.surface, 0.3f), m.rounding);
    DrawDoorDay(p, ImVec2(left, ny), ImVec2(right, content_bottom), sign);
  } else {
    const float split = left + (right - left) * 0.60f;
    DrawDoorNow(p, ImVec2(left, content_top), ImVec2(split - m.gap / 2, content_bottom), sign);
    const float cx = split + m.gap / 2;
    const float next_h = std::min(m.U(330), (content_bottom - content_top) * 0.45f);
    p.Rect(ImVec2(cx, content_top), ImVec2(right, content_top + next_h), t.Dim(t.surface, 0.3f), m.rounding);
    DrawDoorNext(p, ImVec2(cx, content_top), right - cx, next_h, sign);
    const float dy = content_top + next_h + m.gap;
    p.Rect(ImVec2(cx, dy), ImVec2(right, content_bottom), t.Dim(t.surface, 0.3f), m.rounding);
    DrawDoorDay(p, ImVec2(cx, dy), ImVec2(right, content_bottom), sign);
  }
  return EndScreen();
}

}  // namespace kiosk::ui
