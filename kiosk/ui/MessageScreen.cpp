// The message screen: nothing to show, why, and when the next attempt is.
#include "kiosk/ui/MessageScreen.h"

#include <algorithm>
#include <cfloat>
#include <cmath>

#include "kiosk/ui/Catalogue.h"
#include "kiosk/ui/ScreenParts.h"
#include "kiosk/ui/Typography.h"

namespace kiosk::ui {

namespace {

/// The message screen's body: a warning sign, the title, the reason, the problem for staff and when the next attempt
/// is.
void DrawMessageBody(const ScreenContext& context, const Painter& p, const MessageViewModel& message) {
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
  if (!message.problem.fr.empty()) {
    // For staff: French first, the English beside it (under it when the line is too narrow for both).
    y += m.U(16);
    const std::string both = Join(message.problem);
    std::vector<std::string> lines = {both};
    if (p.Width(Fonts::kBody, both) > width) {
      lines = WrapText(message.problem.fr, width, p.Measure(Fonts::kBody), 2);
      for (std::string& line : WrapText(message.problem.en, width, p.Measure(Fonts::kBody), 2))
        lines.push_back(std::move(line));
    }
    for (const std::string& line : lines) {
      p.TextCentred(Fonts::kBody, cx, y, t.warning, line);
      y += p.Line(Fonts::kBody);
    }
  }
  if (message.retry_every_seconds > 0) {
    y += m.U(30);
    const Bilingual every = SecondsText(message.retry_every_seconds);
    const Bilingual& text = UiText("message.retry_every");
    p.TextCentred(Fonts::kBody, cx, y, t.text_faint,
                  Join({Format(text.fr, {{"seconds", every.fr}}), Format(text.en, {{"seconds", every.en}})}));
  } else if (message.retry_seconds >= 0) {
    y += m.U(30);
    std::string s = std::to_string(message.retry_seconds) + std::string(kNbsp) + "s";
    p.TextCentred(Fonts::kBody, cx, y, t.text_faint, Join(Format(UiText("message.retry"), {{"seconds", s}})));
  }
}

}  // namespace

Action DrawMessage(const ScreenContext& context, const MessageViewModel& message) {
  return DrawScreenFrame(context, [&](const Painter& p, const Bands&) { DrawMessageBody(context, p, message); });
}

}  // namespace kiosk::ui
