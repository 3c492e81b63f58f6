// The picture pieces the lobby's pages and other screens embed: the venue plan (DrawPlan, DrawPlanInset), the logo,
// fitted text and a page's title. All sizes in Metrics units; texts from the catalogue (Catalogue.h) and the assets
// (Branding.h). The pages themselves: PartnersScreen.cpp, PlanScreen.cpp.

#include "kiosk/ui/PageScreens.h"

#include <algorithm>
#include <cfloat>
#include <cmath>

#include "kiosk/core/RoomLookup.h"
#include "kiosk/ui/Catalogue.h"
#include "kiosk/ui/ScreenParts.h"
#include "kiosk/ui/Typography.h"

namespace kiosk::ui {

bool PlanRoomMatches(const PlanRoom& room, std::string_view room_key, std::string_view room_name) {
  return NamesRoom(room.room_key, room_key, room_name);
}

namespace {

/// The name a plan room is drawn with: its label, else the programme's name for its key, else the key.
std::string PlanRoomName(const PlanRoom& room, const std::vector<Room>* rooms) {
  if (!room.label.empty()) return FrenchDisplay(room.label);
  if (rooms)
    for (const Room& r : *rooms)
      if (PlanRoomMatches(room, r.key, r.name)) return FrenchDisplay(r.name);
  return room.room_key;
}

}  // namespace

/// A box of `aspect` (width / height) as large as fits in `a`..`b`, centred, on whole pixels.
std::pair<ImVec2, ImVec2> FitAspect(ImVec2 a, ImVec2 b, float aspect) {
  const float bw = std::max(0.0f, b.x - a.x), bh = std::max(0.0f, b.y - a.y);
  float w = bw, h = aspect > 0 ? bw / aspect : bh;
  if (h > bh) {
    h = bh;
    w = h * aspect;
  }
  const ImVec2 min(std::round(a.x + (bw - w) / 2), std::round(a.y + (bh - h) / 2));
  return {min, ImVec2(min.x + std::round(w), min.y + std::round(h))};
}

namespace {

/// A point of the plan (plan units) in pixels of `box`.
ImVec2 PlanPoint(const std::pair<ImVec2, ImVec2>& box, ImVec2 unit) {
  return ImVec2(std::round(box.first.x + unit.x * (box.second.x - box.first.x)),
                std::round(box.first.y + unit.y * (box.second.y - box.first.y)));
}

}  // namespace

FittedText FitText(const Painter& p, Fonts::Role role, std::string_view text, float width, float height,
                   std::initializer_list<float> sizes, float line_gap) {
  FittedText fitted;
  if (text.empty() || width <= 0) return fitted;
  const float smallest = *(sizes.end() - 1);
  for (float size : sizes) {
    const float advance = std::round(size * line_gap);
    const int max_lines = static_cast<int>((height + (advance - size)) / advance);
    if (max_lines < 1) continue;
    auto measure = [&p, role, size](std::string_view s) { return p.Width(role, s, size); };
    std::vector<std::string> lines = WrapText(text, width, measure, max_lines);
    const bool cut = !lines.empty() && lines.back().size() >= kEllipsis.size() &&
                     lines.back().compare(lines.back().size() - kEllipsis.size(), kEllipsis.size(), kEllipsis) == 0 &&
                     !(text.size() >= kEllipsis.size() && text.substr(text.size() - kEllipsis.size()) == kEllipsis);
    if (lines.empty() || (cut && size != smallest)) continue;
    fitted.lines = std::move(lines);
    fitted.size = size;
    fitted.advance = advance;
    return fitted;
  }
  return fitted;
}

/// Whether the fitted text was cut short (its last line ends with "…").
bool EndsCut(const FittedText& fitted) {
  if (fitted.lines.empty()) return false;
  const std::string& last = fitted.lines.back();
  return last.size() >= kEllipsis.size() &&
         last.compare(last.size() - kEllipsis.size(), kEllipsis.size(), kEllipsis) == 0;
}

/// Draws `fitted` centred on `centre_x` from `y`.
void DrawCentred(const Painter& p, Fonts::Role role, float centre_x, float y, ImU32 colour, const FittedText& fitted) {
  for (std::size_t i = 0; i < fitted.lines.size(); ++i)
    p.TextCentred(role, centre_x, y + static_cast<float>(i) * fitted.advance, colour, fitted.lines[i], fitted.size);
}

namespace {

/// One line at `size`, shortened with "…" to `width`. Returns the width drawn.
float TextFitAt(const Painter& p, Fonts::Role role, ImVec2 pos, float width, ImU32 colour, std::string_view text,
                float size) {
  auto measure = [&p, role, size](std::string_view s) { return p.Width(role, s, size); };
  const std::string fitted = FitOneLine(text, width, measure);
  p.Text(role, pos, colour, fitted, size);
  return p.Width(role, fitted, size);
}

}  // namespace

/// A page's title under the header: French large, English muted on the same baseline when it fits. Returns the
/// height used.
float DrawPageTitle(const Painter& p, float left, float right, float y, const Bilingual& text) {
  const Theme& t = p.T();
  const float fr_w = p.TextFit(Fonts::kTitle, ImVec2(left, y), right - left, t.text, FrenchDisplay(text.fr));
  const float en_x = left + fr_w + p.M().U(24);
  if (!text.en.empty() && en_x + p.Width(Fonts::kBody, text.en) <= right) {
    // Same baseline: the faces' ascents at the sizes drawn (the atlas may hold them baked smaller).
    auto ascent = [&p](Fonts::Role role) { return p.Font(role)->Ascent * p.Px(role) / p.Font(role)->FontSize; };
    p.Text(Fonts::kBody, ImVec2(en_x, y + ascent(Fonts::kTitle) - ascent(Fonts::kBody)), t.text_muted, text.en);
  }
  return p.Line(Fonts::kTitle);
}

/// The plan in `box` (already fitted to its aspect): areas, rooms with their names (and, with `cards`, the session
/// on now in each room that has one), the highlighted room and "Vous êtes ici".
void DrawPlan(const Painter& p, const std::pair<ImVec2, ImVec2>& box, const VenuePlan& plan,
              std::string_view highlight_key, bool here, const std::vector<Room>* rooms,
              const std::vector<RoomCard>* cards) {
  const Theme& t = p.T();
  const Metrics& m = p.M();
  const float box_w = box.second.x - box.first.x, box_h = box.second.y - box.first.y;
  // Sizes follow the plan's own size (an inset on a door sign is small), within the screen's text sizes.
  const float scale = std::clamp(std::min(box_w / m.U(1100), box_h / m.U(690)), 0.55f, 1.0f);
  const float body = p.Px(Fonts::kBody), pad = std::round(m.U(10) * std::max(scale, 0.7f));

  p.Rect(box.first, box.second, t.Dim(t.surface, 0.55f), m.U(10));
  if (plan.background.Valid()) p.List()->AddImage(plan.background.texture, box.first, box.second);

  // Where the labels went (the areas' and the rooms', with the titles under them): "Vous êtes ici" goes off them.
  std::vector<std::pair<ImVec2, ImVec2>> labels;
  for (const PlanArea& area : plan.areas) {
    const ImVec2 a = PlanPoint(box, area.min), b = PlanPoint(box, area.max);
    p.Outline(a, b, t.track, m.U(8), std::max(1.0f, m.U(3) * scale));
    const float size = std::round(body * 0.8f * scale);
    if (b.y - a.y >= size * 1.3f + pad) {
      const ImVec2 at(a.x + pad, b.y - pad * 0.6f - size * 1.15f);
      const float w =
          TextFitAt(p, Fonts::kBody, at, b.x - a.x - 2 * pad, t.text_faint, FrenchDisplay(area.label), size);
      labels.emplace_back(at, ImVec2(at.x + w, at.y + size * 1.15f));
    }
  }

  // The programme room the highlight names (the one room lookup: key, name or a unique word of it), so that a plan
  // room keyed by its key or its name lights up. A word never takes the highlight from a plan room it names whole
  // (--here accueil stays the plan's "accueil" whatever the programme's rooms are called).
  std::string_view highlight_name;
  if (rooms && !highlight_key.empty()) {
    const RoomMatch match = MatchRoom(*rooms, highlight_key);
    const bool plan_names_it = std::any_of(plan.rooms.begin(), plan.rooms.end(), [&](const PlanRoom& room) {
      return PlanRoomMatches(room, highlight_key, highlight_key);
    });
    if (match.room && !(match.by_word && plan_names_it)) {
      highlight_key = match.room->key;
      highlight_name = match.room->name;
    }
  }
  const PlanRoom* highlighted = nullptr;
  for (const PlanRoom& room : plan.rooms) {
    const ImVec2 a = PlanPoint(box, room.min), b = PlanPoint(box, room.max);
    const bool highlight = !highlight_key.empty() && PlanRoomMatches(room, highlight_key, highlight_name);
    const std::string name = PlanRoomName(room, rooms);
    const NowInfo* now = nullptr;
    if (cards)
      for (const RoomCard& card : *cards)
        if (card.now && PlanRoomMatches(room, card.room_key, card.room_name)) now = &*card.now;
    const ImU32 kind = now ? t.KindColour(now->item.kind) : t.track;
    if (highlight) {
      highlighted = &room;
      p.Rect(a, b, t.accent, m.U(8));
    } else if (now) {
      p.Rect(a, b, t.Dim(kind, 0.72f), m.U(8));
      p.Outline(a, b, kind, m.U(8), std::max(2.0f, m.U(4) * scale));
    } else {
      p.Rect(a, b, t.surface, m.U(8));
      p.Outline(a, b, t.track, m.U(8), std::max(1.0f, m.U(2) * scale));
    }
    const ImU32 ink = highlight ? t.background : t.text;
    const float inner_w = b.x - a.x - 2 * pad, inner_h = b.y - a.y - 2 * pad;
    const float s = body * scale;
    const FittedText label = FitText(p, Fonts::kStrong, name, inner_w, inner_h,
                                     {std::round(s * 1.15f), std::round(s), std::round(s * 0.8f)});
    const float centre_x = (a.x + b.x) / 2;
    float y = a.y + pad;
    // The box of the centred lines of `fitted` drawn from `top`, for `labels`.
    auto label_box = [&](Fonts::Role role, float top, const FittedText& fitted) {
      float w = 0;
      for (const std::string& line : fitted.lines) w = std::max(w, p.Width(role, line, fitted.size));
      labels.emplace_back(ImVec2(centre_x - w / 2, top), ImVec2(centre_x + w / 2, top + fitted.Height()));
    };
    if (label.size > 0) {
      DrawCentred(p, Fonts::kStrong, centre_x, y, ink, label);
      label_box(Fonts::kStrong, y, label);
      y += label.Height() + m.U(4) * scale;
    }
    if (now && label.size > 0) {
      // The session's title under the room's name when at least a line of it fits; the page lists it beside too.
      const FittedText title = FitText(p, Fonts::kBody, now->item.title, inner_w, a.y + pad + inner_h - y,
                                       {std::round(s * 0.9f), std::round(s * 0.75f)}, kLineGap);
      if (title.size > 0 && (title.lines.size() > 1 || title.lines.front().size() >= 12)) {
        DrawCentred(p, Fonts::kBody, centre_x, y, highlight ? t.background : t.text_muted, title);
        label_box(Fonts::kBody, y, title);
      }
    }
  }

  if (here && highlighted) {
    // "Vous êtes ici" as a light callout with a red pin.
    const ImVec2 a = PlanPoint(box, highlighted->min), b = PlanPoint(box, highlighted->max);
    const Bilingual& words = UiText("plan.you_are_here");
    const float chip_pad = std::round(m.U(12) * scale);
    const float gap = std::round(m.U(8) * scale);
    const float label_h = std::round(body * scale * 1.3f) + pad;
    auto overlap = [](ImVec2 a0, ImVec2 a1, ImVec2 b0, ImVec2 b1) {
      return std::max(0.0f, std::min(a1.x, b1.x) - std::max(a0.x, b0.x)) *
             std::max(0.0f, std::min(a1.y, b1.y) - std::max(a0.y, b0.y));
    };
    auto covered_labels = [&](ImVec2 c0, ImVec2 c1) {
      float area = 0;
      for (const auto& [l0, l1] : labels) area += overlap(c0, c1, l0, l1);
      return area;
    };
    // Where a callout of `chip_w` x `chip_h` goes: under the room, else above it, else inside at its foot, else
    // beside it; centred on it, else from its left or its right edge: the place that covers least of the other
    // rooms, their names counting most, and no label at all (a room's, an area's such as "Entrée · Entrance", a
    // title). When each of those covers one, the nearest place on the plan that covers none. Always within the plan.
    // Returns its cost (1e6 and more: it covers a label) and its top left corner.
    auto place = [&](float chip_w, float chip_h) {
      const float max_left = std::max(box.first.x, box.second.x - chip_w);
      const float max_top = std::max(box.first.y, box.second.y - chip_h);
      float best_cost = FLT_MAX;
      ImVec2 best(box.first.x, box.first.y);
      auto consider = [&](float left, float top, float extra) {
        left = std::round(std::clamp(left, box.first.x, max_left));
        top = std::round(std::clamp(top, box.first.y, max_top));
        const ImVec2 c0(left, top), c1(left + chip_w, top + chip_h);
        float cost = extra + 1e6f * covered_labels(c0, c1);
        for (const PlanRoom& other : plan.rooms) {
          if (&other == highlighted) continue;
          const ImVec2 o0 = PlanPoint(box, other.min), o1 = PlanPoint(box, other.max);
          cost += overlap(c0, c1, o0, o1) + 4 * overlap(c0, c1, o0, ImVec2(o1.x, std::min(o1.y, o0.y + label_h)));
        }
        if (cost < best_cost) {
          best_cost = cost;
          best = c0;
        }
      };
      const float mid_y = (a.y + b.y - chip_h) / 2;
      for (float top : {b.y + gap, a.y - gap - chip_h, b.y - chip_h - gap, mid_y}) {
        if (top < box.first.y || top + chip_h > box.second.y) continue;
        for (float left : {(a.x + b.x - chip_w) / 2, a.x, b.x - chip_w}) consider(left, top, 0);
      }
      for (float left : {a.x - gap - chip_w, b.x + gap})
        if (left >= box.first.x && left + chip_w <= box.second.x) consider(left, mid_y, 0);
      if (best_cost >= 1e6f) {
        // Every place by the room covers a label: the nearest that covers none, on a grid over the plan.
        const float step = std::max(4.0f, std::round(chip_h / 3));
        const ImVec2 centre((a.x + b.x) / 2, (a.y + b.y) / 2);
        for (float top = box.first.y; top <= max_top; top += step)
          for (float left = box.first.x; left <= max_left; left += step) {
            const float dx = left + chip_w / 2 - centre.x, dy = top + chip_h / 2 - centre.y;
            consider(left, top, 1e5f + std::sqrt(dx * dx + dy * dy) * chip_h);
          }
      }
      return std::pair{best_cost, best};
    };
    // Both languages, else the French alone, else the French one step smaller: the first that finds a place
    // covering no label (on a small inset the bilingual callout is nearly as wide as the plan).
    const float base = std::round(body * std::max(scale, 0.8f));
    const std::string both = FrenchDisplay(words.fr) + Dot() + words.en, french = FrenchDisplay(words.fr);
    std::string text;
    float size = 0, chip_w = 0, chip_h = 0, dot = 0, x = box.first.x, y = box.first.y;
    for (const auto& [candidate, candidate_size] :
         {std::pair{both, base}, std::pair{french, base}, std::pair{french, std::round(base * 0.8f)}}) {
      const float d = std::round(candidate_size * 0.32f);
      const float max_text = box_w - 2 * chip_pad - 2 * d - m.U(10);
      auto measure = [&](std::string_view s) { return p.Width(Fonts::kStrong, s, candidate_size); };
      if (candidate == both && measure(both) > max_text) continue;  // never "You…"
      const std::string fitted = FitOneLine(candidate, max_text, measure);
      const float w = std::round(measure(fitted) + 2 * chip_pad + 2 * d + m.U(10));
      const float h = std::round(candidate_size * 1.45f);
      const auto [cost, at] = place(w, h);
      text = fitted;
      size = candidate_size;
      chip_w = w;
      chip_h = h;
      dot = d;
      x = at.x;
      y = at.y;
      if (cost < 1e6f) break;
    }
    p.Box("you_are_here", ImVec2(x, y), ImVec2(x + chip_w, y + chip_h));
    p.Rect(ImVec2(x, y), ImVec2(x + chip_w, y + chip_h), t.text, chip_h / 2);
    p.Outline(ImVec2(x, y), ImVec2(x + chip_w, y + chip_h), t.background, chip_h / 2, std::max(1.0f, m.U(2)));
    p.List()->AddCircleFilled(ImVec2(x + chip_pad + dot, y + chip_h / 2), dot, t.now_line, 20);
    p.Text(Fonts::kStrong, ImVec2(x + chip_pad + 2 * dot + m.U(10), y + (chip_h - size) / 2 - size * 0.05f),
           t.background, text, size);
  }
}

std::pair<ImVec2, ImVec2> DrawPlanInset(const Painter& p, ImVec2 a, ImVec2 b, const VenuePlan& plan,
                                        std::string_view highlight_room_key, bool here,
                                        const std::vector<Room>* rooms) {
  if (plan.Empty() || b.x <= a.x || b.y <= a.y) return {a, a};
  const auto box = FitAspect(a, b, plan.aspect);
  DrawPlan(p, box, plan, highlight_room_key, here, rooms, nullptr);
  return box;
}

float DrawLogo(const Painter& p, ImVec2 a, ImVec2 b, const Picture& logo) {
  if (!logo.Valid() || b.x <= a.x || b.y <= a.y) return 0.0f;
  const float scale = std::min((b.x - a.x) / logo.width, (b.y - a.y) / logo.height);
  const float w = std::round(logo.width * scale), h = std::round(logo.height * scale);
  const ImVec2 at(std::round(a.x), std::round(a.y + (b.y - a.y - h) / 2));
  p.List()->AddImage(logo.texture, at, ImVec2(at.x + w, at.y + h));
  return w;
}

}  // namespace kiosk::ui
