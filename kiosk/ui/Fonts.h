// The fonts of the venue screens: Inter (else DejaVu Sans) baked by FreeType at a few sizes scaled to the screen.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include <imgui.h>

#include "kiosk/core/LiveChanges.h"
#include "kiosk/core/Model.h"

namespace kiosk::ui {

/// Every text of a programme a screen may draw (conference, rooms, titles, kinds, speakers and roles), as UTF-8,
/// for glyph ranges.
std::string ProgrammeText(const Programme& programme);
/// Every text of the announcements (French and English), as UTF-8, for glyph ranges.
std::string AnnouncementText(const std::vector<Announcement>& announcements);

/// Owns the content of ImGui's font atlas (ImGui::GetIO().Fonts): four baked faces, rebuilt when the screen height or
/// the set of characters to show changes. Needs a current ImGui context; never touches GL.
class Fonts {
 public:
  enum Role { kBody, kStrong, kTitle, kDisplay, kRoleCount };

  /// Sets the text (UTF-8) whose characters must have glyphs, besides Latin-1, Latin Extended-A, General
  /// Punctuation and the UI's own strings. A rebuild is due only when its set of characters changed.
  void SetText(std::string_view utf8);

  /// Rebuilds the atlas if the screen height (pixels) or the characters changed since the last build. Keeps the
  /// atlas within `max_texture_size` (GL_MAX_TEXTURE_SIZE) by baking smaller when needed. Returns true when it
  /// rebuilt: the renderer must upload the atlas texture again. Logs one line to stderr per build. A face file
  /// that is missing falls back to DejaVu Sans, then to ImGui's built-in font; never throws.
  bool Ensure(float screen_height, int max_texture_size);

  /// The face for a role, or ImGui's default font before the first build. Its FontSize is the baked size, which
  /// may be smaller than Size(role) (huge screens, small GPUs): draw with Size(role).
  ImFont* Get(Role role) const;
  /// The size (pixels) to draw a role at on this screen, whatever size it was baked at.
  float Size(Role role) const;
  /// Characters of the text that no face has a glyph for, at the last build.
  int MissingGlyphs() const { return m_missing; }
  /// Atlas size in pixels at the last build.
  int AtlasWidth() const { return m_atlas_width; }
  int AtlasHeight() const { return m_atlas_height; }

 private:
  bool Build(float scale, int max_texture_size);

  std::vector<char32_t> m_chars;  ///< sorted distinct code points of the text
  bool m_chars_changed = true;
  float m_height = 0.0f;
  std::array<ImFont*, kRoleCount> m_fonts{};
  std::array<float, kRoleCount> m_sizes{};  ///< sizes to draw at (pixels), from Metrics of the screen height
  ImVector<ImWchar> m_text_ranges;          ///< must outlive the atlas build
  ImVector<ImWchar> m_display_ranges;       ///< digits and the few letters of the clock and countdown
  int m_missing = 0;
  int m_atlas_width = 0;
  int m_atlas_height = 0;
};

}  // namespace kiosk::ui
