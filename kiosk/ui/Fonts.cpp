// Font atlas building: the faces and glyph ranges of one build planned once, baked by the FreeType builder at the
// roles' sizes within the GPU's largest texture, and logged. Font files and FreeType faces: FontFaces.cpp; fallback
// faces from fontconfig: FontFallbacks.cpp; glyph ranges: FontGlyphRanges.cpp; what they share: FontsInternal.h.
#include "kiosk/ui/Fonts.h"

#include <malloc.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <optional>

#include <fontconfig/fontconfig.h>
#include <imgui_freetype.h>

#include "kiosk/ui/FontsInternal.h"
#include "kiosk/ui/Theme.h"
#include "kiosk/ui/Typography.h"

namespace kiosk::ui {

using namespace fonts_detail;

namespace {

constexpr const char* kInterRegular = "/usr/share/fonts/opentype/inter/Inter-Regular.otf";
constexpr const char* kInterBold = "/usr/share/fonts/opentype/inter/Inter-Bold.otf";
constexpr const char* kDejaVuRegular = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
constexpr const char* kDejaVuBold = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";

/// Tallest screen (reference height, framebuffer px) whose sizes are baked as they are; taller screens draw the
/// glyphs baked at this height scaled up (AddText with the wanted size). Below it, kMaxGlyphArea may still bake a
/// face smaller than its role's size.
constexpr float kMaxBakedHeight = 2160.0f;

/// Bakes below this fraction of the wanted size are not worth it: the atlas drops the text's own characters instead.
constexpr float kMinScale = 0.25f;
/// Entries of the fontconfig miss cache (Fonts::m_fallback_misses) at most, about 3 MB.
constexpr std::size_t kMaxFallbackMisses = 1 << 16;
/// Code points listed after "missing glyphs: N" at most.
constexpr std::size_t kMissingLogged = 64;

std::string FileName(const std::string& path) { return std::filesystem::path(path).filename().string(); }

/// "a.otf+b.ttf" for the log.
std::string Names(const std::vector<Face>& faces) {
  std::string names;
  for (const Face& face : faces) names += (names.empty() ? "" : "+") + FileName(face.path);
  return names.empty() ? "ImGui default" : names;
}

/// "NotoSansCJK-Regular.ttc#0 (21)" for each fallback face, for the log.
std::string FallbackNames(const std::vector<Face>& faces) {
  std::string names;
  for (const Face& face : faces) {
    char count[32];
    std::snprintf(count, sizeof count, "#%d (%zu)", face.index, face.code_points.size());
    names += (names.empty() ? "" : ", ") + FileName(face.path) + count;
  }
  return names;
}

}  // namespace

/// Everything one build needs, planned once per Ensure and shared by its attempts: the faces with their bytes (each
/// file read once, freed with the plan) and the glyph ranges (which must outlive atlas->Build()).
struct Fonts::Plan {
  FontFiles files;
  std::vector<Face> main_regular;  ///< body
  std::vector<Face> main_bold;     ///< strong, title, display
  std::vector<Face> fallback_regular;
  std::vector<Face> fallback_bold;
  std::vector<Face> fallback_display;
  std::vector<char32_t> text_chars;  ///< the text's and the interface's characters: these must all have a glyph
  std::vector<ImWchar> text_ranges;  ///< text_chars and kBaseRanges
  std::vector<ImWchar> display_ranges;
  std::vector<ImWchar> base_ranges;  ///< kBaseRanges and the interface only: the last resort when the atlas is full
  std::vector<char32_t> dropped;     ///< the text's characters over Fonts::kMaxTextCharacters: not baked, missing
  /// Per role, the largest size each of its faces bakes at within kMaxGlyphArea (SafeBakeSize), the smallest of them:
  /// a face merged at a smaller size than the font's would draw smaller than its neighbours.
  std::array<float, Fonts::kRoleCount> max_size{};
};

namespace {

/// Baked pixels per window unit: the pixel ratio, and at most the sizes of a kMaxBakedHeight screen.
float BakeFactor(float height, float pixel_ratio) {
  return pixel_ratio * std::min(1.0f, kMaxBakedHeight / std::max(1.0f, height * pixel_ratio));
}

/// The sizes of the roles on a screen (window units), body, strong, title, display.
std::array<float, Fonts::kRoleCount> RoleSizes(float height) {
  const Metrics metrics = Metrics::ForHeight(height);
  return {metrics.body, metrics.body, metrics.title, metrics.display};
}

}  // namespace

void Fonts::SetFontDirectory(std::filesystem::path directory) {
  if (directory == m_font_directory) return;
  m_font_directory = std::move(directory);
  m_directory_changed = true;
}

void Fonts::SetText(std::string_view utf8) {
  // What the screens draw: ScreenText (NFC, no controls, BMP only), with French typography's ’ and no-break spaces.
  const std::string screen = ScreenText(utf8);
  std::vector<char32_t> chars = CodePoints(DecodeUtf8(screen) + DecodeUtf8(FrenchDisplay(screen)));
  if (chars != m_chars) {
    m_chars = std::move(chars);
    m_chars_changed = true;
  }
}

bool Fonts::Ensure(float screen_height, int max_texture_size, float pixel_ratio) {
  if (!(pixel_ratio > 0.0f) || !std::isfinite(pixel_ratio)) pixel_ratio = 1.0f;
  pixel_ratio = std::clamp(pixel_ratio, 0.5f, 4.0f);
  // A new ImGui context has a new atlas: m_fonts point into the old one, freed with it.
  ImFontAtlas* atlas = ImGui::GetIO().Fonts;
  const bool same_atlas = atlas == m_atlas && m_fonts[kBody] != nullptr && atlas->Fonts.contains(m_fonts[kBody]);
  if (!m_chars_changed && !m_directory_changed && screen_height == m_height && pixel_ratio == m_pixel_ratio &&
      same_atlas) {
    return false;
  }
  m_atlas = atlas;
  m_height = screen_height;
  m_pixel_ratio = pixel_ratio;
  m_chars_changed = false;
  m_directory_changed = false;
  const auto started = std::chrono::steady_clock::now();

  Plan plan;
  const std::vector<char32_t> interface_chars = InterfaceCodePoints();
  const std::vector<char32_t> base_chars = Union(interface_chars, Expand(kBaseRanges));
  // A bounded number of the text's own characters: each is baked three times and may cost a fontconfig query.
  std::vector<char32_t> kept;
  std::size_t beyond = 0;
  for (char32_t c : m_chars) {
    if (!std::binary_search(base_chars.begin(), base_chars.end(), c) && ++beyond > kMaxTextCharacters) {
      plan.dropped.push_back(c);
    } else {
      kept.push_back(c);
    }
  }
  plan.text_chars = Union(std::move(kept), interface_chars);
  plan.text_ranges = RangesOf(Union(plan.text_chars, Expand(kBaseRanges)));
  plan.base_ranges = RangesOf(base_chars);
  const std::vector<char32_t> display_chars = Union(Expand(kDisplayRanges), CodePoints(DecodeUtf8(kDisplayText)));
  plan.display_ranges = RangesOf(display_chars);

  {
    FreeTypeLibrary freetype;
    Chain regular;
    Chain bold;
    for (const VenueFamily& family : VenueFamilies(m_font_directory)) {
      AddMainFace(plan.files, freetype, family.regular, false, plan.main_regular, regular);
      AddMainFace(plan.files, freetype, family.bold, family.embolden, plan.main_bold, bold);
    }
    for (const auto& [regular_path, bold_path] :
         {std::pair{kInterRegular, kInterBold}, std::pair{kDejaVuRegular, kDejaVuBold}}) {
      if (!IsFile(regular_path) || !IsFile(bold_path)) continue;
      AddMainFace(plan.files, freetype, regular_path, false, plan.main_regular, regular);
      AddMainFace(plan.files, freetype, bold_path, false, plan.main_bold, bold);
    }
    // Forgotten when fonts were installed or removed, and when the texts of days have filled it (one build adds
    // fewer than 30000: kMaxTextCharacters and the interface, at three weights and hints).
    if (RefreshFontconfig() || m_fallback_misses.size() > kMaxFallbackMisses) m_fallback_misses.clear();
    const bool has_kana = std::any_of(plan.text_chars.begin(), plan.text_chars.end(), IsKana);
    plan.fallback_regular = FindFallbacks(plan.files, freetype, regular, plan.text_chars, FC_WEIGHT_REGULAR, has_kana,
                                          m_fallback_misses, m_fontconfig_matches);
    plan.fallback_bold = FindFallbacks(plan.files, freetype, bold, plan.text_chars, FC_WEIGHT_BOLD, has_kana,
                                       m_fallback_misses, m_fontconfig_matches);
    plan.fallback_display = FindFallbacks(plan.files, freetype, bold, display_chars, FC_WEIGHT_BOLD, has_kana,
                                          m_fallback_misses, m_fontconfig_matches);

    // The largest size each role's faces bake at safely (kMaxGlyphArea), from the sizes wanted at scale 1.
    const std::array<float, kRoleCount> sizes = RoleSizes(m_height);
    const float bake = BakeFactor(m_height, m_pixel_ratio);
    for (int role = 0; role < kRoleCount; ++role) {
      const float wanted = std::max(8.0f, std::round(sizes[role] * bake));
      const bool display = role == kDisplay;
      const ImWchar* ranges = display ? plan.display_ranges.data() : plan.text_ranges.data();
      float cap = wanted;
      for (const Face& face : role == kBody ? plan.main_regular : plan.main_bold) {
        cap = std::min(cap, SafeBakeSize(freetype, face, ranges, wanted));
      }
      for (const Face& face : display         ? plan.fallback_display
                              : role == kBody ? plan.fallback_regular
                                              : plan.fallback_bold) {
        cap = std::min(cap, SafeBakeSize(freetype, face, face.ranges.data(), wanted));
      }
      plan.max_size[role] = cap;
    }
  }

  // Fit the GPU's largest texture (a 4K wall with CJK on a small GPU): titles from the strong face (drawn scaled up),
  // then smaller bakes, the next scale guessed from how far over the last atlas went (its height grows as the area).
  float scale = 1.0f;
  bool title_from_strong = false;
  bool text_glyphs = true;
  bool built = Build(plan, scale, title_from_strong, text_glyphs, max_texture_size);
  while (!built && scale > kMinScale) {
    if (!title_from_strong) {
      title_from_strong = true;
    } else {
      float factor = 0.8f;
      if (m_atlas_height > max_texture_size) {
        factor = std::min(factor, 0.97f * std::sqrt(static_cast<float>(max_texture_size) / m_atlas_height));
      }
      scale = std::max(kMinScale, scale * factor);
    }
    built = Build(plan, scale, title_from_strong, text_glyphs, max_texture_size);
    if (scale <= kMinScale) break;
  }
  if (!built) {
    text_glyphs = false;  // the interface and Latin at least: never a blank screen
    built = Build(plan, kMinScale, true, text_glyphs, max_texture_size);
  }
  if (!built) {
    atlas->Clear();
    ImFontConfig config;  // ImGui's own font (ASCII), at the body's size rather than its 13 px
    config.SizePixels = std::max(8.0f, std::round(RoleSizes(m_height)[kBody] * BakeFactor(m_height, m_pixel_ratio)));
    ImFont* font = atlas->AddFontDefault(&config);
    atlas->Build();
    m_fonts.fill(font);
    ImGui::GetIO().FontDefault = font;
    m_atlas_width = atlas->TexWidth;
    m_atlas_height = atlas->TexHeight;
  }

  m_missing.clear();
  for (char32_t c : plan.text_chars) {
    const auto glyph = static_cast<ImWchar>(c);
    if (m_fonts[kBody]->FindGlyphNoFallback(glyph) == nullptr ||
        m_fonts[kStrong]->FindGlyphNoFallback(glyph) == nullptr ||
        m_fonts[kTitle]->FindGlyphNoFallback(glyph) == nullptr) {
      m_missing.push_back(c);
    }
  }
  if (!plan.dropped.empty()) {
    m_missing = Union(std::move(m_missing), plan.dropped);
    std::fprintf(stderr, "kiosk: fonts: %zu characters of the text over the limit of %zu, from U+%04X: not baked\n",
                 plan.dropped.size(), kMaxTextCharacters, static_cast<unsigned>(plan.dropped.front()));
  }
  m_fallback_faces.clear();
  std::string fallbacks;
  for (const std::vector<Face>* faces : {&plan.fallback_regular, &plan.fallback_bold, &plan.fallback_display}) {
    if (!faces->empty()) fallbacks += (fallbacks.empty() ? "" : ", ") + FallbackNames(*faces);
    for (const Face& face : *faces) {
      const std::string name = FileName(face.path);
      if (text_glyphs || faces == &plan.fallback_display) {
        if (std::find(m_fallback_faces.begin(), m_fallback_faces.end(), name) == m_fallback_faces.end()) {
          m_fallback_faces.push_back(name);
        }
      }
    }
  }
  // The atlas keeps its pixels and glyphs; the fonts' bytes (plan.files) go when the plan does.
  ImGui::GetIO().Fonts->ClearInputData();

  const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  std::fprintf(stderr,
               "kiosk: fonts: %s / %s, fallbacks: %s; sizes %.0f/%.0f/%.0f/%.0f px (baked %.0f/%.0f/%.0f/%.0f), "
               "atlas %dx%d, %zu characters (%.0f ms)\n",
               Names(plan.main_regular).c_str(), Names(plan.main_bold).c_str(),
               fallbacks.empty() ? "none" : fallbacks.c_str(), m_sizes[kBody], m_sizes[kStrong], m_sizes[kTitle],
               m_sizes[kDisplay], m_fonts[kBody]->FontSize, m_fonts[kStrong]->FontSize, m_fonts[kTitle]->FontSize,
               m_fonts[kDisplay]->FontSize, m_atlas_width, m_atlas_height, plan.text_chars.size(), ms);
  if (scale < 1.0f || title_from_strong || !text_glyphs) {
    std::fprintf(stderr, "kiosk: fonts: atlas limit %d px: baked at x%.2f%s%s\n", max_texture_size, scale,
                 title_from_strong ? ", titles drawn from the strong face" : "",
                 text_glyphs ? "" : ", without the programme's own characters");
  }
  if (m_height * m_pixel_ratio > kMaxBakedHeight) {
    std::fprintf(stderr, "kiosk: fonts: drawn at %.0f/%.0f/%.0f/%.0f px (scaled from the baked sizes)\n",
                 m_sizes[kBody], m_sizes[kStrong], m_sizes[kTitle], m_sizes[kDisplay]);
  }
  std::string missing = "kiosk: fonts: missing glyphs: " + std::to_string(m_missing.size());
  for (std::size_t i = 0; i < m_missing.size() && i < kMissingLogged; ++i) {
    char code[16];
    std::snprintf(code, sizeof code, " U+%04X", static_cast<unsigned>(m_missing[i]));
    missing += code;
  }
  if (m_missing.size() > kMissingLogged) missing += " …";
  std::fprintf(stderr, "%s\n", missing.c_str());
  plan = Plan();
#ifdef __GLIBC__
  // FreeType's tables for the CJK faces (65535 glyphs each, one FT_Face per role) are freed into malloc's heap, which
  // glibc keeps (over 100 MB after the second build) unless asked to give its free pages back.
  malloc_trim(0);
#endif
  return true;
}

bool Fonts::Build(const Plan& plan, float scale, bool title_from_strong, bool text_glyphs, int max_texture_size) {
  ImGuiIO& io = ImGui::GetIO();
  ImFontAtlas* atlas = io.Fonts;
  atlas->Clear();
  atlas->FontBuilderIO = ImGuiFreeType::GetBuilderForFreeType();
  atlas->FontBuilderFlags = ImGuiFreeTypeBuilderFlags_LightHinting;
  atlas->Flags |= ImFontAtlasFlags_NoPowerOfTwoHeight | ImFontAtlasFlags_NoMouseCursors;
  int width = 4096;
  while (width > max_texture_size && width > 512) width /= 2;
  atlas->TexDesiredWidth = width;

  // Bake for the framebuffer (pixel ratio), at most at the sizes of a 4K screen (see kMaxBakedHeight) and of the
  // faces' largest glyphs (kMaxGlyphArea); the screens draw at the window-unit sizes.
  const std::array<float, kRoleCount> sizes = RoleSizes(m_height);
  const float bake = scale * BakeFactor(m_height, m_pixel_ratio);
  struct RoleFace {
    Role role;
    float size;
    bool bold;
  };
  const RoleFace roles[] = {{kBody, sizes[kBody], false},
                            {kStrong, sizes[kStrong], true},
                            {kTitle, sizes[kTitle], true},
                            {kDisplay, sizes[kDisplay], true}};
  static const std::vector<Face> kNone;
  for (const RoleFace& role : roles) {
    m_sizes[role.role] = std::round(role.size);
    if (role.role == kTitle && title_from_strong) {
      m_fonts[kTitle] = m_fonts[kStrong];
      continue;
    }
    float size = std::max(8.0f, std::round(role.size * bake));
    if (plan.max_size[role.role] > 0.0f) size = std::min(size, plan.max_size[role.role]);
    const bool display = role.role == kDisplay;
    const ImWchar* ranges = display       ? plan.display_ranges.data()
                            : text_glyphs ? plan.text_ranges.data()
                                          : plan.base_ranges.data();
    const std::vector<Face>& fallbacks = display        ? plan.fallback_display
                                         : !text_glyphs ? kNone
                                         : role.bold    ? plan.fallback_bold
                                                        : plan.fallback_regular;
    ImFont* font = nullptr;
    auto add = [&](const Face& face, const ImWchar* face_ranges) {
      ImFontConfig config;
      config.FontData = face.bytes->Data();
      config.FontDataSize = face.bytes->Size();
      config.SizePixels = size;
      config.GlyphRanges = face_ranges;
      config.FontNo = face.index;
      config.OversampleH = config.OversampleV = 1;
      config.PixelSnapH = true;
      config.FontBuilderFlags = face.embolden ? ImGuiFreeTypeBuilderFlags_Bold : 0;
      // Merged behind the first face, a face only fills the code points the ones before lack (the builder never
      // overwrites a glyph).
      config.MergeMode = font != nullptr;
      std::snprintf(config.Name, sizeof config.Name, "%s, %.0fpx", FileName(face.path).c_str(), size);
      // The bytes are shared by the roles and freed with the plan. ImGui 1.86's AddFont copies them when
      // FontDataOwnedByAtlas is false (20 MB a role for a CJK collection); given as owned it keeps the pointer, and
      // the flag is then cleared on the atlas's own copy of the config so that ClearInputData never frees them.
#if IMGUI_VERSION_NUM != 18600
// AddFont copies the config and keeps an owned pointer; ClearInputData frees FontData only when owned. Check both
// (and the 256 KiB glyph chunks of kMaxGlyphArea) before changing the version.
#error "FontDataOwnedByAtlas trick written for ImGui 1.86's AddFont and ClearInputData: check them for this version"
#endif
      config.FontDataOwnedByAtlas = true;
      ImFont* added = atlas->AddFont(&config);
      atlas->ConfigData.back().FontDataOwnedByAtlas = false;
      if (font == nullptr) font = added;
    };
    for (const Face& face : role.bold ? plan.main_bold : plan.main_regular) add(face, ranges);
    if (font == nullptr) {
      ImFontConfig fallback;
      fallback.SizePixels = size;
      font = atlas->AddFontDefault(&fallback);
    }
    for (const Face& face : fallbacks) add(face, face.ranges.data());
    m_fonts[role.role] = font;
  }
  io.FontDefault = m_fonts[kBody];

  if (!atlas->Build()) {
    std::fprintf(stderr, "kiosk: fonts: atlas build failed at scale %.2f\n", scale);
    m_atlas_width = m_atlas_height = 0;
    return false;
  }
  m_atlas_width = atlas->TexWidth;
  m_atlas_height = atlas->TexHeight;
  return m_atlas_width <= max_texture_size && m_atlas_height <= max_texture_size;
}

float Fonts::Size(Role role) const {
  return m_sizes[role] > 0 && m_fonts[role] != nullptr ? m_sizes[role] : Get(role)->FontSize;
}

ImFont* Fonts::Get(Role role) const {
  // Fonts of another context's atlas are freed (or about to be): ImGui's current font until Ensure rebuilds.
  ImFont* font = m_fonts[role];
  const bool valid = font != nullptr && m_atlas == ImGui::GetIO().Fonts && m_atlas->Fonts.contains(font);
  return valid ? font : ImGui::GetFont();
}

}  // namespace kiosk::ui
