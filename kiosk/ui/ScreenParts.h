// Internal to kiosk/ui: the drawing helpers, bands and frame every venue screen shares (Screens.cpp,
// ScreenOverlays.cpp, the screens' files, PageScreens.cpp, InteractiveScreen.cpp). Not for the app: it draws through
// Screens.h.
#pragma once

#include <cfloat>
#include <cmath>
#include <functional>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <imgui.h>

#include "kiosk/ui/Screens.h"
#include "kiosk/ui/Typography.h"

namespace kiosk::ui {

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
    if (m_context.measured_bytes) *m_context.measured_bytes += text.size();
    return font->CalcTextSizeA(size, FLT_MAX, 0.0f, text.data(), text.data() + text.size()).x;
  }
  MeasureText Measure(Fonts::Role role) const {
    return [this, role](std::string_view text) { return Width(role, text); };
  }

  void Text(Fonts::Role role, ImVec2 pos, ImU32 colour, std::string_view text, float size = 0) const {
    if (text.empty()) return;
    ImFont* font = Font(role);
    if (size <= 0) size = Px(role);
    const ImVec2 at(std::round(pos.x), std::round(pos.y));
    m_list->AddText(font, size, at, colour, text.data(), text.data() + text.size());
    if (m_context.text_log) {
      const ImVec2 extent = font->CalcTextSizeA(size, FLT_MAX, 0.0f, text.data(), text.data() + text.size());
      m_context.text_log->push_back({std::string(text), at, ImVec2(at.x + extent.x, at.y + extent.y)});
    }
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

  /// Tests only (ScreenContext::box_log): records the box `name` from `a` to `b` that the texts drawn in it keep to.
  /// The screen this painter draws on.
  const ScreenContext& Context() const { return m_context; }
  void Box(std::string_view name, ImVec2 a, ImVec2 b) const {
    if (m_context.box_log) m_context.box_log->push_back({std::string(name), a, b});
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

  /// A live-change badge: `text` on a solid fill of the mark's colour, readable from afar. Returns its width.
  float Badge(Fonts::Role role, ImVec2 pos, MarkKind kind, std::string_view text) const {
    float pad = m_m.U(12), w = Width(role, text) + 2 * pad, h = Line(role) + m_m.U(4);
    Rect(pos, ImVec2(pos.x + w, pos.y + h), m_theme.MarkColour(kind), m_m.U(8));
    Text(role, ImVec2(pos.x + pad, pos.y + m_m.U(2)), m_theme.MarkTextColour(kind), text);
    return w;
  }
  float BadgeWidth(Fonts::Role role, std::string_view text) const { return ChipWidth(role, text); }
  /// Badges of `marks` left to right from `pos` within `width`: each in its compact form, else its French (but for a
  /// delay or an advance, whose brief form "+15 min" reads in both languages: never "Retardé +15 min" alone), else
  /// its brief form; one that fits in none is left out. Returns the width used (0: none drawn). `draw` false: only
  /// measures.
  float Badges(Fonts::Role role, ImVec2 pos, float width, const std::vector<SessionMark>& marks,
               bool draw = true) const {
    float x = pos.x;
    const float gap = m_m.U(12);
    for (const SessionMark& mark : marks) {
      std::string text = mark.compact;
      const float room = pos.x + width - x;
      const bool neutral_brief = mark.kind == MarkKind::Delayed || mark.kind == MarkKind::Earlier;
      if (BadgeWidth(role, text) > room && !neutral_brief) text = mark.text.fr;
      if (BadgeWidth(role, text) > room) text = mark.brief;
      if (text.empty() || BadgeWidth(role, text) > room) continue;
      x += (draw ? Badge(role, ImVec2(x, pos.y), mark.kind, text) : BadgeWidth(role, text)) + gap;
    }
    return x > pos.x ? x - gap - pos.x : 0.0f;
  }
  /// Text with a line through it (a time that no longer holds). Returns its width.
  float Struck(Fonts::Role role, ImVec2 pos, ImU32 colour, std::string_view text, float size = 0) const {
    if (size <= 0) size = Px(role);
    Text(role, pos, colour, text, size);
    const float w = Width(role, text, size);
    const float y = std::round(pos.y + size * 0.55f);
    m_list->AddRectFilled(ImVec2(pos.x - m_m.U(2), y), ImVec2(pos.x + w + m_m.U(2), y + std::max(2.0f, size * 0.07f)),
                          colour);
    return w;
  }

 private:
  const ScreenContext& m_context;
  ImDrawList* m_list;
  const Theme& m_theme;
  const Metrics& m_m;
};

/// Shared vertical layout: header, content, footer bands (pixels).
struct Bands {
  float left, right;
  float header_top, header_bottom;
  float content_top, content_bottom;
  float footer_top, footer_bottom;
};

/// The shared vertical layout of a screen of this context: header, content and footer bands (pixels), above the info
/// band and under the wrong-clock band.
Bands LayoutBands(const ScreenContext& context);

/// The longest run of whole words of `text` that fits `max_width` with "…" after it; empty when not even the first
/// word fits. For labels better left out than cut mid-word.
std::string FitWholeWords(std::string_view text, float max_width, const MeasureText& measure);
/// Draws what covers the screen (announcements, staff corner), reads the keyboard and mouse into an action and
/// closes the window. `emergency`: the emergency screen, which nothing else covers but the staff corner.
Action EndScreen(const ScreenContext& context, bool emergency = false);
/// `text` with its ASCII letters in capitals.
std::string UpperAscii(std::string text);
/// " · " between the French and English halves of a line (one of them alone when the other is empty or the same).
std::string Join(const Bilingual& text);
/// " · ".
std::string Dot();
/// Width (pixels) of `text` in a role at `size` (0: the role's size).
float WidthOf(const ScreenContext& context, Fonts::Role role, std::string_view text, float size = 0);
/// Line advance (pixels) of a role.
float LineOf(const ScreenContext& context, Fonts::Role role);
/// WidthOf as a MeasureText for WrapText and FitOneLine.
MeasureText MeasureOf(const ScreenContext& context, Fonts::Role role, float size = 0);
/// The emergency announcement the screen shows instead of its content, or nullptr.
const AnnouncementView* EmergencyOf(const ScreenContext& context);
/// The emergency screen: the whole screen deep red, the notice in French and English as large as it fits.
Action DrawEmergency(const ScreenContext& context, const AnnouncementView& a);
/// Event (or room) name, a day and the live clock; no clock when `clock` is empty (it cannot be trusted).
void DrawHeader(const Painter& p, const Bands& b, const std::string& event_name, const Bilingual& day_label,
                const std::string& clock);
/// DrawHeader with the board's event name, day and clock.
void DrawHeader(const Painter& p, const Bands& b, const BoardViewModel& board);

/// What the footer's first line shows.
enum class FooterTop { None, Later, Legend };

/// Footer: later sessions of the day (or what comes next) or the legend of the kinds on the page, the revision or a
/// notice, and where the rotation stands.
void DrawFooter(const Painter& p, const Bands& b, const Bilingual& revision, const Pager& pager,
                const Bilingual& notice, FooterTop top, const BoardViewModel* board = nullptr,
                const TimelineLegend* legend = nullptr);

/// A screen's own content: drawn with the frame's painter, in the shared bands (LayoutBands) of the frame's context.
using ScreenBody = std::function<void(const Painter& p, const Bands& b)>;

/// The preamble and the end every venue screen shares, written once (issue 12): with an emergency announcement in
/// the context, the emergency screen (DrawEmergency) and not `body`: nothing else shows; else the full-window screen
/// on the theme's background (BeginScreen), `body` drawn in it, then what covers every screen (announcements, the
/// wrong-clock band, the staff corner) and the window closed (EndScreen). Returns what the person at the screen asked
/// for.
Action DrawScreenFrame(const ScreenContext& context, const ScreenBody& body);

/// The footer of a screen with the board's chrome: DrawFooter's arguments after the board's revision.
struct BoardFooter {
  Pager pager;
  Bilingual notice{};
  FooterTop top = FooterTop::None;
  const TimelineLegend* legend = nullptr;  ///< with FooterTop::Legend (null: no legend line)
};

/// DrawScreenFrame with the board's chrome: the board's header (event, day, live clock) above `body` and the footer
/// (board.revision and `footer`; with FooterTop::Later, the board's later sessions) under it. The board, timeline,
/// countdown, closing, partners and venue plan screens.
Action DrawBoardScreenFrame(const ScreenContext& context, const BoardViewModel& board, const BoardFooter& footer,
                            const ScreenBody& body);

// ----- Text fitting and session lines (Screens.cpp), shared by the screens' files

/// Height of the screen above the info band (ScreenOverlays.cpp).
float ScreenBottom(const ScreenContext& context);
/// Lines of `text` wrapped at `width` with `role` drawn at `size`, at most `max_lines` (0: any).
std::vector<std::string> WrapAt(const Painter& p, Fonts::Role role, float size, std::string_view text, float width,
                                int max_lines);

/// One step down for a title that does not fit its lines: titles wrap, then shrink by this much, and only then are
/// cut (issue 5).
constexpr float kTitleShrink = 0.85f;

/// A title laid out by FitTitle: its size, line advance and lines.
struct TitleFit {
  float size = 0;
  float advance = 0;
  std::vector<std::string> lines;
  float Height() const { return static_cast<float>(lines.size()) * advance; }
};

struct BigText {
  Fonts::Role role;
  float size;
  std::vector<std::string> lines;
};

/// `text` in `role` within `width` x `height`, on at most `max_lines` lines `size * kTitleLineGap` apart: the first
/// of `sizes` (pixels, descending) at which it fits whole, else cut with "…" (at a word) at the last size. At least
/// one line, even when `height` holds less.
TitleFit FitTitle(const Painter& p, Fonts::Role role, std::initializer_list<float> sizes, std::string_view text,
                  float width, float height, int max_lines);
/// Draws `lines` from `pos` with `role` at `size`, `advance` apart; `centre`: centred on pos.x. Returns the height.
float DrawLines(const Painter& p, Fonts::Role role, float size, ImVec2 pos, ImU32 colour,
                const std::vector<std::string>& lines, float advance, bool centre = false);
/// The French text of an announcement as large as it fits: the largest of `sizes` whose wrapping needs at most
/// `max_lines` lines (the smallest one cuts with "…" at a word). Returns the role, the size and the lines.
BigText FitBig(const Painter& p, std::string_view text, float width, std::initializer_list<float> sizes, int max_lines);

/// The start as planned, struck, before the time range when the session is delayed (else just the range), in
/// `role` at `size`. Returns the width drawn.
float DrawTimeRange(const Painter& p, Fonts::Role role, ImVec2 pos, ImU32 colour, const SessionItem& item,
                    float size = 0);
/// The width DrawTimeRange takes.
float TimeRangeWidth(const Painter& p, Fonts::Role role, const SessionItem& item, float size = 0);
/// The width of `title` (in `role`) that a line with a mark beside it keeps for the title (see Screens.cpp).
float TitleKeep(const Painter& p, Fonts::Role role, const std::string& title, float room);
/// `mark` for a line where its compact and French forms may not fit: a moved session says where it went.
SessionMark WhereMovedMark(SessionMark mark);
/// A session people may come for that will not take place here, on one line: its start and title, then its first
/// mark beside it in the form that fits.
void DrawAlertLine(const Painter& p, ImVec2 pos, float width, const SessionItem& item);

// ----- Pictures (PageScreens.cpp): the pieces the board, the door sign, the touch screen and the lobby's pages embed

/// The venue plan fitted into the box `a`..`b` (aspect kept, centred): every room as a rectangle with its name.
/// `highlight_room_key` (a Room::key, compared with MatchKey; empty: none) is filled in the accent; with `here` it also
/// carries a marker and "Vous êtes ici · You are here". `rooms` (may be null) gives the programme's names for plan
/// rooms without a label. Draws nothing for an empty plan. Returns the box the plan took.
std::pair<ImVec2, ImVec2> DrawPlanInset(const Painter& p, ImVec2 a, ImVec2 b, const VenuePlan& plan,
                                        std::string_view highlight_room_key, bool here,
                                        const std::vector<Room>* rooms = nullptr);
/// The QR code (libqrencode, level M) of `url`: dark modules on a white square of `side` pixels at `a` with its quiet
/// zone inside. Returns false and draws nothing when the URL cannot be encoded (empty, or over the largest version).
bool DrawQrCode(const Painter& p, ImVec2 a, float side, std::string_view url);
/// The event logo fitted into `a`..`b` (aspect kept, left-aligned, vertically centred). Returns the width used:
/// 0 when the logo is not Valid() (nothing drawn).
float DrawLogo(const Painter& p, ImVec2 a, ImVec2 b, const Picture& logo);

/// A box of `aspect` (width / height) as large as fits in `a`..`b`, centred, on whole pixels.
std::pair<ImVec2, ImVec2> FitAspect(ImVec2 a, ImVec2 b, float aspect);
/// Lines of `text` wrapped into `width` x `height` at the largest of `sizes` (pixels, largest first) where every line
/// fits whole; at the smallest, cut with "…" to the lines that fit. `size` 0: nothing fits (not even one line).
struct FittedText {
  std::vector<std::string> lines;
  float size = 0;
  float advance = 0;
  float Height() const { return static_cast<float>(lines.size()) * advance; }
};
FittedText FitText(const Painter& p, Fonts::Role role, std::string_view text, float width, float height,
                   std::initializer_list<float> sizes, float line_gap = kTitleLineGap);
/// Whether the fitted text was cut short (its last line ends with "…").
bool EndsCut(const FittedText& fitted);
/// Draws `fitted` centred on `centre_x` from `y`.
void DrawCentred(const Painter& p, Fonts::Role role, float centre_x, float y, ImU32 colour, const FittedText& fitted);
/// A page's title under the header: French large, English muted on the same baseline when it fits. Returns the
/// height used.
float DrawPageTitle(const Painter& p, float left, float right, float y, const Bilingual& text);
/// The plan in `box` (already fitted to its aspect): areas, rooms with their names (and, with `cards`, the session
/// on now in each room that has one), the highlighted room and "Vous êtes ici".
void DrawPlan(const Painter& p, const std::pair<ImVec2, ImVec2>& box, const VenuePlan& plan,
              std::string_view highlight_key, bool here, const std::vector<Room>* rooms,
              const std::vector<RoomCard>* cards);
}  // namespace kiosk::ui
