// The fonts of the venue screens: a venue's own faces, else Inter, else DejaVu Sans, with fallback faces found by
// fontconfig for every other script of the text, baked by FreeType at a few sizes scaled to the screen.
#pragma once

#include <array>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <imgui.h>

#include "kiosk/core/LiveChanges.h"
#include "kiosk/core/Model.h"

namespace kiosk::ui {

/// Every text of a programme a screen may draw (conference, rooms, titles, kinds, tracks, descriptions, speakers and
/// roles), as UTF-8, for glyph ranges.
std::string ProgrammeText(const Programme& programme);
/// Every text of the announcements (French and English), as UTF-8, for glyph ranges.
std::string AnnouncementText(const std::vector<Announcement>& announcements);

/// Owns the content of ImGui's font atlas (ImGui::GetIO().Fonts): four baked faces, rebuilt when the screen height,
/// the pixel ratio, the font folder or the set of characters to show changes. Needs a current ImGui context; never
/// touches GL.
///
/// Faces (issue 5 section 2; assets/fonts/README.md): the main face is the first of a venue's own faces
/// (SetFontDirectory), Inter (Debian fonts-inter), DejaVu Sans (fonts-dejavu-core), ImGui's built-in font; the ones
/// after the first that exist are merged behind it. Every character of the text that none of them has is asked of
/// fontconfig (its charset, the role's weight, a language hint for Han and Hangul) and the face it names is merged in
/// with glyph ranges of exactly those characters. Each font file is read once per build, shared by the roles, and
/// freed when the atlas is built.
class Fonts {
 public:
  enum Role { kBody, kStrong, kTitle, kDisplay, kRoleCount };

  /// The folder of a venue's own faces (assets/fonts): each "<Family>-Regular.otf" or ".ttf" there, in file name
  /// order, with its "<Family>-Bold.otf|ttf" for the bold roles (else the regular file emboldened by FreeType), comes
  /// before Inter. Default: none. A missing folder or a file FreeType cannot open is skipped with a log line at the
  /// next build; a rebuild is due when the folder changed.
  void SetFontDirectory(std::filesystem::path directory);

  /// Sets the text (UTF-8) whose characters must have glyphs, besides Latin-1, Latin Extended-A, General
  /// Punctuation and the interface's own strings (UiCatalogue in French and English, day and month names). The
  /// characters are those the screens draw: ScreenText (NFC) of the text, plain and with French typography. A
  /// rebuild is due only when that set of characters changed.
  void SetText(std::string_view utf8);

  /// Rebuilds the atlas if the screen height (window units), the pixel ratio, the font folder or the characters
  /// changed since the last build. Glyphs are baked for screen_height * pixel_ratio framebuffer pixels (a HiDPI
  /// monitor's content scale); Size(role) stays in window units. Keeps the atlas within `max_texture_size`
  /// (GL_MAX_TEXTURE_SIZE) by baking the title role with the strong face, then smaller, and as a last resort without
  /// the text's own characters: never an empty atlas. Returns true when it rebuilt: the renderer must upload the
  /// atlas texture again. Logs two lines to stderr per build: the faces, sizes, atlas size and time, then
  /// "kiosk: fonts: missing glyphs: N" with the code points still without a glyph. Never throws.
  bool Ensure(float screen_height, int max_texture_size, float pixel_ratio = 1.0f);

  /// The face for a role, or ImGui's default font before the first build. Its FontSize is the baked size (pixels of
  /// the framebuffer), which differs from Size(role) on HiDPI screens, huge screens and small GPUs: draw with
  /// Size(role).
  ImFont* Get(Role role) const;
  /// The size (window units, pixels at pixel ratio 1) to draw a role at on this screen, whatever size it was baked at.
  float Size(Role role) const;
  /// How many characters of the text and of the interface strings have no glyph in the body, strong or title face,
  /// at the last build.
  int MissingGlyphs() const { return static_cast<int>(m_missing.size()); }
  /// Those characters, ascending.
  std::vector<char32_t> MissingCodePoints() const { return m_missing; }
  /// File names (no folder) of the fallback faces fontconfig found and that were merged in at the last build,
  /// in the order first used, each once ("NotoSansCJK-Regular.ttc").
  std::vector<std::string> FallbackFaces() const { return m_fallback_faces; }
  /// Atlas size in pixels at the last build.
  int AtlasWidth() const { return m_atlas_width; }
  int AtlasHeight() const { return m_atlas_height; }

 private:
  struct Plan;  ///< the faces, their bytes and glyph ranges of one build (Fonts.cpp)

  bool Build(const Plan& plan, float scale, bool title_from_strong, bool text_glyphs, int max_texture_size);

  std::filesystem::path m_font_directory;
  bool m_directory_changed = false;
  std::vector<char32_t> m_chars;  ///< sorted distinct code points of the text as drawn
  bool m_chars_changed = true;
  float m_height = 0.0f;
  float m_pixel_ratio = 1.0f;
  std::array<ImFont*, kRoleCount> m_fonts{};
  std::array<float, kRoleCount> m_sizes{};  ///< sizes to draw at (window units), from Metrics of the screen height
  std::vector<char32_t> m_missing;
  std::vector<std::string> m_fallback_faces;
  int m_atlas_width = 0;
  int m_atlas_height = 0;
};

}  // namespace kiosk::ui
