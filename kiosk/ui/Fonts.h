// The fonts of the venue screens: a venue's own faces, else Inter, else DejaVu Sans, with fallback faces found by
// fontconfig for every other script of the text, baked by FreeType at a few sizes scaled to the screen.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <unordered_set>
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
  /// before Inter. Default: none. A missing folder, a file FreeType cannot open or a face without a Unicode
  /// character map (which would fail ImGui's whole atlas) is skipped with a log line at the next build; a rebuild is
  /// due when the folder changed.
  void SetFontDirectory(std::filesystem::path directory);

  /// Sets the text (UTF-8) whose characters must have glyphs, besides Latin-1, Latin Extended-A, General
  /// Punctuation and the interface's own strings (UiCatalogue in French and English, day and month names). The
  /// characters are those the screens draw: ScreenText (NFC) of the text, plain and with French typography. A
  /// rebuild is due only when that set of characters changed. At most kMaxTextCharacters characters beyond
  /// those are baked (the lowest code points); the others count as missing glyphs.
  ///
  /// Cost: the rebuild it causes (next Ensure) runs on the frame thread and blocks the frame: about 60 ms for the
  /// RAICT programme, up to seconds for a programme with thousands of CJK characters.
  void SetText(std::string_view utf8);

  /// Characters of the text baked at most besides the base ranges and the interface's strings (8000 Han, or every
  /// Hangul syllable a programme plausibly uses): each is a glyph in three roles and, when no main face has it, a
  /// fontconfig query (about 2 ms) at the first build.
  static constexpr std::size_t kMaxTextCharacters = 8000;

  /// Rebuilds the atlas if the screen height (window units), the pixel ratio, the font folder or the characters
  /// changed since the last build. Glyphs are baked for screen_height * pixel_ratio framebuffer pixels (a HiDPI
  /// monitor's content scale); Size(role) stays in window units. Keeps the atlas within `max_texture_size`
  /// (GL_MAX_TEXTURE_SIZE) by baking the title role with the strong face, then smaller, and as a last resort without
  /// the text's own characters: never an empty atlas. Also rebuilds when ImGui's atlas (ImGui::GetIO().Fonts, a new
  /// context) is not the one last built into. Returns true when it rebuilt: the renderer must upload the atlas
  /// texture again. Logs two lines to stderr per build: the faces, sizes, atlas size and time, then
  /// "kiosk: fonts: missing glyphs: N" with the code points still without a glyph. Never throws.
  ///
  /// A rebuild blocks the calling (frame) thread: about 60 ms for the RAICT programme at 1080 px, up to seconds for
  /// thousands of CJK characters at the first build (later builds skip the code points fontconfig had no face for,
  /// until fontconfig reports a font change). Each face is baked small enough that its largest glyph stays within
  /// the 1.86 FreeType builder's scratch chunk (FontFaces.cpp, kMaxGlyphArea); Size(role) is unaffected.
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
  /// How many times this object asked fontconfig for a face (FcFontMatch), over all builds: for tests and
  /// diagnostics of the miss cache.
  std::uint64_t FontconfigMatches() const { return m_fontconfig_matches; }

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
  ImFontAtlas* m_atlas = nullptr;  ///< the atlas m_fonts live in (ImGui::GetIO().Fonts at the last build)
  /// Code point, weight and language hint (FontFallbacks.cpp, MissKey) that fontconfig had no usable face for: not
  /// asked again until fontconfig reports a change of the installed fonts.
  std::unordered_set<std::uint64_t> m_fallback_misses;
  std::uint64_t m_fontconfig_matches = 0;
};

}  // namespace kiosk::ui
