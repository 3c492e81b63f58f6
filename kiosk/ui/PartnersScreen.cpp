// The lobby's partners page: the partners' tiles (logo or name) and the QR code to the online programme.
#include "kiosk/ui/PartnersScreen.h"

#include <algorithm>
#include <cmath>

#include "kiosk/ui/Catalogue.h"
#include "kiosk/ui/ScreenParts.h"
#include "kiosk/ui/Typography.h"

namespace kiosk::ui {

namespace {

/// The partners' grid: columns and tile size for `count` tiles in `width` x `height`, tiles about 2:1.
struct TileGrid {
  int columns = 1, rows = 1;
  float tile_w = 0, tile_h = 0;
};
TileGrid LayoutTiles(int count, float width, float height, float gap) {
  TileGrid best;
  float best_score = -1;
  for (int columns = 1; columns <= std::max(1, count); ++columns) {
    const int rows = (count + columns - 1) / columns;
    const float w = (width - (columns - 1) * gap) / columns, h = (height - (rows - 1) * gap) / rows;
    if (w <= 0 || h <= 0) continue;
    // The largest 2:1 tile each slot holds.
    const float score = std::min(w, 2.0f * h);
    if (score > best_score) {
      best_score = score;
      best = {columns, rows, w, std::min(h, w * 0.75f)};
    }
  }
  return best;
}

void DrawPartnerTile(const Painter& p, ImVec2 a, ImVec2 b, const Partner& partner) {
  const Theme& t = p.T();
  const Metrics& m = p.M();
  p.Rect(a, b, t.surface, m.rounding);
  p.Rect(a, ImVec2(b.x, a.y + m.U(6)), t.Fade(t.accent, 0.8f), m.rounding, ImDrawFlags_RoundCornersTop);
  const float pad = m.U(24);
  const float inner_w = b.x - a.x - 2 * pad, inner_h = b.y - a.y - 2 * pad - m.U(6);
  const float centre_x = (a.x + b.x) / 2;
  if (partner.logo.Valid()) {
    // The logo centred, aspect kept, on a light panel (logos are made for white paper).
    p.Rect(ImVec2(a.x + m.U(10), a.y + m.U(16)), ImVec2(b.x - m.U(10), b.y - m.U(10)), IM_COL32_WHITE, m.rounding);
    const float scale = std::min(inner_w / partner.logo.width, inner_h / partner.logo.height);
    const float w = std::round(partner.logo.width * scale), h = std::round(partner.logo.height * scale);
    const ImVec2 at(std::round(centre_x - w / 2), std::round(a.y + m.U(6) + (b.y - a.y - m.U(6) - h) / 2));
    p.List()->AddImage(partner.logo.texture, at, ImVec2(at.x + w, at.y + h));
    return;
  }
  // The name as a typographic tile: as large as it fits (two lines at most), the caption under it.
  const std::string name = FrenchDisplay(partner.name), caption = FrenchDisplay(partner.caption);
  const float title = p.Px(Fonts::kTitle), body = p.Px(Fonts::kBody);
  // The largest name size at which the name (two lines at most) and the caption both fit uncut; else the smallest.
  FittedText name_text, caption_text;
  const std::initializer_list<float> sizes = {std::round(title * 1.45f), std::round(title * 1.2f), title,
                                              std::round(title * 0.8f), std::round(body * 0.85f)};
  for (float size : sizes) {
    name_text = FitText(p, Fonts::kTitle, name, inner_w, std::min(inner_h, 2 * size * kTitleLineGap), {size});
    caption_text = {};
    if (name_text.size == 0) continue;
    const float left = inner_h - name_text.Height() - m.U(12);
    caption_text = FitText(
        p, Fonts::kBody, caption, inner_w, left,
        {std::min(body, std::round(size * 0.7f)), std::round(body * 0.85f), std::round(body * 0.72f)}, kLineGap);
    if (!EndsCut(name_text) && (caption.empty() || (caption_text.size > 0 && !EndsCut(caption_text)))) break;
  }
  const float gap = caption_text.size > 0 ? m.U(12) : 0.0f;
  const float total = name_text.Height() + gap + caption_text.Height();
  const float y = std::round(a.y + m.U(6) + (b.y - a.y - m.U(6) - total) / 2);
  DrawCentred(p, Fonts::kTitle, centre_x, y, t.text, name_text);
  DrawCentred(p, Fonts::kBody, centre_x, y + name_text.Height() + gap, t.text_muted, caption_text);
}

/// The QR code to the online programme with its caption, in `a`..`b` (the code as large as fits above the caption,
/// at most m.U(420)). Returns false when nothing could be drawn.
bool DrawQrPanel(const Painter& p, ImVec2 a, ImVec2 b, const std::string& url) {
  const Theme& t = p.T();
  const Metrics& m = p.M();
  const float width = b.x - a.x;
  const Bilingual& what = UiText("qr.programme");
  const Bilingual& scan = UiText("qr.scan");
  const float caption_h = 2 * p.Line(Fonts::kStrong) + p.Line(Fonts::kBody) + m.U(16);
  const float side = std::floor(std::min({width, b.y - a.y - caption_h, m.U(420)}));
  if (side < m.U(120)) return false;
  const float x = std::round(a.x + (width - side) / 2);
  if (!DrawQrCode(p, ImVec2(x, a.y), side, url)) return false;
  float y = a.y + side + m.U(16);
  const float centre_x = a.x + width / 2;
  auto centred_fit = [&](Fonts::Role role, ImU32 colour, const std::string& text) {
    const std::string fitted = FitOneLine(text, width, p.Measure(role));
    p.TextCentred(role, centre_x, y, colour, fitted);
    y += p.Line(role);
  };
  centred_fit(Fonts::kStrong, t.accent, FrenchDisplay(what.fr));
  centred_fit(Fonts::kBody, t.text_muted, what.en);
  centred_fit(Fonts::kBody, t.text_faint, FrenchDisplay(scan.fr) + Dot() + scan.en);
  return true;
}

/// The partners page's body: its title, the partners' tiles and the QR code to the online programme.
void DrawPartnersBody(const ScreenContext& context, const Painter& p, const Bands& b) {
  const Metrics& m = p.M();
  float top = b.content_top + DrawPageTitle(p, b.left, b.right, b.content_top, UiText("partners.title")) + m.U(20);
  ImVec2 grid_min(b.left, top), grid_max(b.right, b.content_bottom);
  const std::string url = context.branding ? context.branding->programme_url : std::string();
  if (!url.empty()) {
    // The QR code beside the tiles on a landscape screen, under them on a portrait one.
    const bool portrait = context.size.y > context.size.x;
    const float panel_w = std::round(std::min(m.U(460), (b.right - b.left) * 0.34f));
    if (portrait) {
      const float panel_h =
          std::min(m.U(420), (b.right - b.left) * 0.5f) + 2 * p.Line(Fonts::kStrong) + p.Line(Fonts::kBody) + m.U(16);
      if (DrawQrPanel(p, ImVec2(b.left, b.content_bottom - panel_h), ImVec2(b.right, b.content_bottom), url))
        grid_max.y = b.content_bottom - panel_h - m.U(40);
    } else if (DrawQrPanel(p, ImVec2(b.right - panel_w, top), ImVec2(b.right, b.content_bottom), url)) {
      grid_max.x = b.right - panel_w - m.U(48);
    }
  }
  const std::vector<Partner> none;
  const std::vector<Partner>& partners = context.branding ? context.branding->partners : none;
  const int count = static_cast<int>(partners.size());
  if (count > 0) {
    const TileGrid grid = LayoutTiles(count, grid_max.x - grid_min.x, grid_max.y - grid_min.y, m.gap);
    const float used_h = grid.rows * grid.tile_h + (grid.rows - 1) * m.gap;
    const float y0 = std::round(grid_min.y + (grid_max.y - grid_min.y - used_h) / 2);
    for (int i = 0; i < count; ++i) {
      const int row = i / grid.columns, column = i % grid.columns;
      // The last row's tiles centred when it is not full.
      const int in_row = std::min(grid.columns, count - row * grid.columns);
      const float row_w = in_row * grid.tile_w + (in_row - 1) * m.gap;
      const float x0 = grid_min.x + (grid_max.x - grid_min.x - row_w) / 2;
      const ImVec2 a(std::round(x0 + column * (grid.tile_w + m.gap)), std::round(y0 + row * (grid.tile_h + m.gap)));
      DrawPartnerTile(p, a, ImVec2(std::round(a.x + grid.tile_w), std::round(a.y + grid.tile_h)),
                      partners[static_cast<std::size_t>(i)]);
    }
  }
}

}  // namespace

bool HasPartnersPage(const ScreenContext& context) {
  return context.branding != nullptr && !context.branding->partners.empty();
}

Action DrawPartners(const ScreenContext& context, const BoardViewModel& board, const Pager& pager) {
  return DrawBoardScreenFrame(context, board, {pager},
                              [&](const Painter& p, const Bands& b) { DrawPartnersBody(context, p, b); });
}

}  // namespace kiosk::ui
