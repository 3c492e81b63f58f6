// The lobby board: room cards (now, next, the alert line, progress) in a grid of pages, drawn in the board's frame.
#include "kiosk/ui/BoardScreen.h"

#include <algorithm>
#include <cfloat>
#include <cmath>

#include "kiosk/ui/Catalogue.h"
#include "kiosk/ui/ScreenParts.h"
#include "kiosk/ui/Typography.h"

namespace kiosk::ui {

namespace {

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
  // Rows as if each card could do without its speakers' line (the cards drop it when short): an info band at the
  // bottom then still leaves two rows on a 16:9 screen.
  grid.card_h = CardHeight(m) - Rhythm(m).body;
  grid.rows = std::max(1, static_cast<int>((height + m.gap) / (grid.card_h + m.gap)));
  grid.card_w = (width - (grid.columns - 1) * m.gap) / grid.columns;
  // Spread spare height between the rows so the cards fill the band.
  grid.card_h = (height - (grid.rows - 1) * m.gap) / grid.rows;
  grid.card_h = std::min(grid.card_h, CardHeight(m) * 1.25f);
  return grid;
}

/// "Ensuite · Next 11:45 [Retardé · Delayed +15 min] Titre" (or "Demain 09:00  Titre") on one line.
void DrawNextLine(const Painter& p, ImVec2 pos, float width, const NextInfo& next) {
  const Theme& t = p.T();
  float x = pos.x;
  std::string when = next.when.fr;
  if (!next.other_day) {
    std::string label = Join(UiText("common.next")) + " ";
    p.Text(Fonts::kBody, ImVec2(x, pos.y), t.text_muted, label);
    x += p.Width(Fonts::kBody, label);
  } else if (!when.empty()) {
    when[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(when[0])));  // "Demain 09:00", "Jeudi …"
  }
  when += "  ";
  p.Text(Fonts::kStrong, ImVec2(x, pos.y), t.text, when);
  x += p.Width(Fonts::kStrong, when);
  if (const std::vector<SessionMark> badges = next.item.Badges(); !badges.empty()) {
    // The badges get at most two thirds of what is left, so the title keeps a readable start.
    const float w = p.Badges(Fonts::kBody, ImVec2(x, pos.y - p.M().U(2)), (pos.x + width - x) * 0.67f, badges);
    if (w > 0) x += w + p.M().U(14);
  }
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

  p.Box("card", a, b);
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
  // The live changes of what is on (or next) go on the room's line in place of the kind when they all fit there:
  // they matter more, and the title keeps its two lines.
  // Its interpretation badge (issue 13) goes with them.
  bool marks_on_room_line = false;
  const std::vector<SessionMark> main_badges = main ? main->Badges() : std::vector<SessionMark>{};
  if (!main_badges.empty()) {
    const float room_w = p.Width(Fonts::kTitle, card.room_name);
    const float all = p.Badges(Fonts::kBody, ImVec2(0, 0), FLT_MAX, main_badges, false);
    if (all > 0 && all <= width - room_w - m.U(20)) {
      chip_w = all;
      p.Badges(Fonts::kBody, ImVec2(right - all, y + (r.room - p.Line(Fonts::kBody)) / 2 - m.U(2)), all, main_badges);
      marks_on_room_line = true;
    }
  }
  if (main && !marks_on_room_line) {
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
  const float text_bottom = info_y - r.info_gap + m.U(2);  // what the title and its lines must stay above
  const float badge_row = r.body + m.U(10);

  // The session's live changes as badges, before its title; then the title on the lines left (two at most).
  auto badges_and_title = [&](const SessionItem& item, ImU32 colour) {
    const std::vector<SessionMark> badges = item.Badges();
    if (!marks_on_room_line && !badges.empty() && y + badge_row + r.title_line <= text_bottom) {
      p.Badges(Fonts::kBody, ImVec2(left, y), width, badges);
      y += badge_row;
    }
    // Two lines at most; a longer title is drawn one step smaller before it is cut.
    const float title_px = p.Px(Fonts::kTitle);
    const TitleFit title = FitTitle(p, Fonts::kTitle, {title_px, std::round(title_px * kTitleShrink)}, item.title,
                                    width, std::min(text_bottom - y, 2 * r.title_line), 2);
    y += DrawLines(p, Fonts::kTitle, title.size, ImVec2(left, y), colour, title.lines, title.advance);
  };
  // The time row: the range (the planned start struck when delayed) and, on the right, what is left or to wait.
  auto time_row = [&](const SessionItem& item, const Bilingual& right_text) {
    const float used = DrawTimeRange(p, Fonts::kStrong, ImVec2(left, info_y), t.text, item);
    std::string text = Join(right_text);
    if (p.Width(Fonts::kStrong, text) > width - used - m.U(30)) text = right_text.fr;
    if (p.Width(Fonts::kStrong, text) <= width - used - m.U(30))
      p.TextRight(Fonts::kStrong, right, info_y, kind_colour, text);
  };

  if (card.now) {
    const NowInfo& now = *card.now;
    badges_and_title(now.item, t.text);
    const bool has_en = !now.item.title_en.empty() && now.item.title_en != now.item.title;
    if (has_en && y + r.body <= text_bottom) {
      // A one-line French title leaves room for the English one on two lines.
      const int en_lines =
          std::clamp(static_cast<int>((text_bottom - y - (now.item.speakers.empty() ? 0 : r.body)) / r.body), 1, 2);
      y += p.TextWrapped(Fonts::kBody, ImVec2(left, y), width, t.text_muted, now.item.title_en, en_lines);
    }
    if (!now.item.speakers.empty() && y + r.body <= text_bottom)
      p.TextFit(Fonts::kBody, ImVec2(left, y), width, t.text_muted, now.item.speakers);

    time_row(now.item, now.remaining);
    p.Rect(ImVec2(left, bar_y), ImVec2(right, bar_y + r.bar), t.track, r.bar / 2);
    float fill = left + std::max(r.bar, width * now.progress);
    p.Rect(ImVec2(left, bar_y), ImVec2(fill, bar_y + r.bar), kind_colour, r.bar / 2);

    p.HLine(left, right, rule_y, t.track);
    if (card.alert_before_next) {
      // Before its next session the room has one that will not take place here: that is what to say.
      DrawAlertLine(p, ImVec2(left, next_y), width, *card.alert_before_next);
    } else if (card.next) {
      DrawNextLine(p, ImVec2(left, next_y), width, *card.next);
    } else {
      p.Text(Fonts::kBody, ImVec2(left, next_y), t.text_faint, Join(UiText("board.last_session")));
    }
    return;
  }

  // Someone may be at the door for a session cancelled or moved away: say so before anything else.
  const int max_alerts = upcoming ? 1 : 2;
  for (int i = 0; i < std::min<int>(max_alerts, static_cast<int>(card.alerts.size())); ++i) {
    DrawAlertLine(p, ImVec2(left, y + m.U(2)), width, card.alerts[static_cast<std::size_t>(i)]);
    y += r.body + m.U(12);
  }

  if (upcoming) {
    // Between sessions: the next one takes the card, marked as coming.
    const SessionItem& item = upcoming->item;
    badges_and_title(item, t.Dim(t.text, 0.15f));
    if (!item.title_en.empty() && item.title_en != item.title && y + r.body <= text_bottom) {
      p.TextFit(Fonts::kBody, ImVec2(left, y), width, t.text_muted, item.title_en);
      y += r.body;
    }
    if (!item.speakers.empty() && y + r.body <= text_bottom)
      p.TextFit(Fonts::kBody, ImVec2(left, y), width, t.text_muted, item.speakers);
    time_row(item, upcoming->starts_in);
    // A dashed track: nothing running yet.
    for (float x = left; x < right; x += m.U(28))
      p.Rect(ImVec2(x, bar_y), ImVec2(std::min(right, x + m.U(16)), bar_y + r.bar), t.track, r.bar / 2);
    p.HLine(left, right, rule_y, t.track);
    p.TextFit(Fonts::kBody, ImVec2(left, next_y), width, t.text_muted,
              Join(Format(UiText("common.free_until"), {{"time", item.start_hm}})));
    return;
  }

  // Nothing more today: say so in the middle, and what the room has on another day at the bottom.
  float mid = std::max(y, (y + rule_y) / 2 - (p.Line(Fonts::kTitle) + r.body) / 2);
  p.TextFit(Fonts::kTitle, ImVec2(left, mid), width, t.text_muted, card.status.fr);
  p.TextFit(Fonts::kBody, ImVec2(left, mid + p.Line(Fonts::kTitle)), width, t.text_faint, card.status.en);
  if (card.next) {
    p.HLine(left, right, rule_y, t.track);
    DrawNextLine(p, ImVec2(left, next_y), width, *card.next);
  }
}

}  // namespace

int BoardRoomsPerPage(const ScreenContext& context) {
  CardGrid grid = LayoutCards(context);
  return grid.columns * grid.rows;
}

int BoardPageCount(const ScreenContext& context, const BoardViewModel& board) {
  int per_page = BoardRoomsPerPage(context);
  int rooms = static_cast<int>(board.rooms.size());
  return std::max(1, (rooms + per_page - 1) / per_page);
}

namespace {

/// The board's body: the room cards of page `page`, or that there are no sessions today.
void DrawBoardBody(const ScreenContext& context, const Painter& p, const Bands& b, const BoardViewModel& board,
                   int page) {
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
                  FrenchDisplay(UiText("common.no_sessions_today").fr));
    p.TextCentred(Fonts::kBody, context.size.x / 2, cy + p.M().U(8), p.T().text_faint,
                  UiText("common.no_sessions_today").en);
  }
}

}  // namespace

Action DrawBoard(const ScreenContext& context, const BoardViewModel& board, int page, const Pager& pager,
                 const Bilingual& notice) {
  return DrawBoardScreenFrame(context, board, {pager, notice, FooterTop::Later},
                              [&](const Painter& p, const Bands& b) { DrawBoardBody(context, p, b, board, page); });
}

}  // namespace kiosk::ui
