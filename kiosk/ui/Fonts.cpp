// Font atlas building: glyph ranges from the programme, Inter with a DejaVu fallback merged in, FreeType rasterizer.
#include "kiosk/ui/Fonts.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>

#include <imgui_freetype.h>

#include "kiosk/ui/Theme.h"
#include "kiosk/ui/Typography.h"

namespace kiosk::ui {
namespace {

constexpr const char* kInterRegular = "/usr/share/fonts/opentype/inter/Inter-Regular.otf";
constexpr const char* kInterBold = "/usr/share/fonts/opentype/inter/Inter-Bold.otf";
constexpr const char* kDejaVuRegular = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
constexpr const char* kDejaVuBold = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";

/// Latin-1, Latin Extended-A, General Punctuation, the euro sign, the replacement character.
constexpr ImWchar kBaseRanges[] = {0x0020, 0x00FF, 0x0100, 0x017F, 0x2000, 0x206F, 0x20AC, 0x20AC, 0xFFFD, 0xFFFD, 0};

/// The screens' own strings (labels, messages, day and month names), so their characters always have glyphs.
constexpr const char* kUiText =
    "Programme indisponible unavailable nouvel essai dans retrying in Annulé Cancelled encore left Ensuite Next "
    "Prochaine session à Plus de session aujourd’hui No more sessions today demain tomorrow révision revision "
    "mis à jour updated Merci de votre participation ! Thank you for joining us Ouverture Opens J- days to go "
    "lundi mardi mercredi jeudi vendredi samedi dimanche janvier février mars avril mai juin juillet août septembre "
    "octobre novembre décembre Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April "
    "May June July August September October November December « » – — · … ’ 0123456789: "
    "Retardé Delayed Avancé earlier Déplacé → Moved Complet Full Alerte Emergency Annonce urgente Urgent notice ⚠ − "
    "L’horloge de cet écran est incorrecte This screen’s clock is wrong";

/// The display face (clock, countdown, closing words): printable ASCII, no-break spaces, en dash, French letters.
constexpr ImWchar kDisplayRanges[] = {0x0020, 0x007E, 0x00A0, 0x00A0, 0x2013, 0x2014, 0x2019,
                                      0x2019, 0x2026, 0x2026, 0x202F, 0x202F, 0};
constexpr const char* kDisplayText = "àâäçéèêëîïôöùûüÿœæÀÂÇÉÈÊËÎÏÔÙÛÜŒ«»";

/// Tallest screen (reference height, px) whose sizes are baked as they are; taller screens draw the glyphs baked at
/// this height scaled up (AddText with the wanted size). Debian's imgui_freetype (1.86) copies each rendered glyph
/// into 256 KiB scratch chunks of 4 bytes per pixel and never checks that one glyph fits: a glyph over 65536 px
/// (about 256x256; the 480 px display face of a 7680x4320 wall) writes past the chunk and corrupts the heap. At
/// 2160 px the largest face is 240 px, whose widest glyphs stay near 45000 px (upstream fixed it after 1.86).
constexpr float kMaxBakedHeight = 2160.0f;

bool Exists(const char* path) {
  std::error_code error;
  return std::filesystem::is_regular_file(path, error);
}

}  // namespace

std::string ProgrammeText(const Programme& programme) {
  std::string text = programme.conference.title + "\n" + programme.conference.acronym + "\n";
  for (const Room& room : programme.rooms) text += room.name + "\n";
  for (const Session& session : programme.sessions) {
    text += session.title + "\n" + session.title_en + "\n" + session.kind + "\n";
    for (const Speaker& speaker : session.speakers) text += speaker.name + " " + speaker.role + "\n";
  }
  return text;
}

std::string AnnouncementText(const std::vector<Announcement>& announcements) {
  std::string text;
  for (const Announcement& announcement : announcements) text += announcement.text + "\n" + announcement.text_en + "\n";
  return text;
}

void Fonts::SetText(std::string_view utf8) {
  std::u32string decoded = DecodeUtf8(utf8);
  decoded += DecodeUtf8(FrenchDisplay(utf8));  // typography adds ’ and no-break spaces
  std::vector<char32_t> chars(decoded.begin(), decoded.end());
  std::sort(chars.begin(), chars.end());
  chars.erase(std::unique(chars.begin(), chars.end()), chars.end());
  chars.erase(std::remove_if(chars.begin(), chars.end(), [](char32_t c) { return c < 0x20; }), chars.end());
  if (chars != m_chars) {
    m_chars = std::move(chars);
    m_chars_changed = true;
  }
}

bool Fonts::Ensure(float screen_height, int max_texture_size) {
  if (!m_chars_changed && screen_height == m_height && m_fonts[kBody] != nullptr) return false;
  m_height = screen_height;
  m_chars_changed = false;
  const auto started = std::chrono::steady_clock::now();
  // Bake smaller when the atlas would not fit the GPU's largest texture (a 4K wall on a small GPU).
  float scale = 1.0f;
  while (!Build(scale, max_texture_size) && scale > 0.3f) scale *= 0.8f;
  const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  std::fprintf(stderr,
               "kiosk: fonts: %s, sizes %.0f/%.0f/%.0f/%.0f px, atlas %dx%d, %zu characters, missing glyphs: %d "
               "(%.0f ms)\n",
               Exists(kInterRegular) ? "Inter" : "DejaVu Sans", m_fonts[kBody]->FontSize, m_fonts[kStrong]->FontSize,
               m_fonts[kTitle]->FontSize, m_fonts[kDisplay]->FontSize, m_atlas_width, m_atlas_height, m_chars.size(),
               m_missing, ms);
  if (m_height > kMaxBakedHeight) {
    std::fprintf(stderr, "kiosk: fonts: drawn at %.0f/%.0f/%.0f/%.0f px (scaled from the baked sizes)\n",
                 m_sizes[kBody], m_sizes[kStrong], m_sizes[kTitle], m_sizes[kDisplay]);
  }
  return true;
}

bool Fonts::Build(float scale, int max_texture_size) {
  ImGuiIO& io = ImGui::GetIO();
  ImFontAtlas* atlas = io.Fonts;
  atlas->Clear();
  atlas->FontBuilderIO = ImGuiFreeType::GetBuilderForFreeType();
  atlas->FontBuilderFlags = ImGuiFreeTypeBuilderFlags_LightHinting;
  atlas->Flags |= ImFontAtlasFlags_NoPowerOfTwoHeight | ImFontAtlasFlags_NoMouseCursors;
  int width = 4096;
  while (width > max_texture_size && width > 512) width /= 2;
  atlas->TexDesiredWidth = width;

  ImFontGlyphRangesBuilder text_builder;
  text_builder.AddRanges(kBaseRanges);
  text_builder.AddText(kUiText);
  for (char32_t c : m_chars) {
    if (c <= 0xFFFF) text_builder.AddChar(static_cast<ImWchar>(c));  // ImWchar is 16-bit in Debian's build
  }
  m_text_ranges.clear();
  text_builder.BuildRanges(&m_text_ranges);
  ImFontGlyphRangesBuilder display_builder;
  display_builder.AddRanges(kDisplayRanges);
  display_builder.AddText(kDisplayText);
  m_display_ranges.clear();
  display_builder.BuildRanges(&m_display_ranges);

  const Metrics metrics = Metrics::ForHeight(m_height);
  // Bake at most at the sizes of a 4K screen (see kMaxBakedHeight); the screens draw at the full sizes.
  const float bake = scale * std::min(1.0f, kMaxBakedHeight / std::max(1.0f, m_height));
  const bool have_inter = Exists(kInterRegular) && Exists(kInterBold);
  const bool have_dejavu = Exists(kDejaVuRegular) && Exists(kDejaVuBold);
  struct Face {
    Role role;
    float size;
    bool bold;
    const ImWchar* ranges;
  };
  const Face faces[] = {{kBody, metrics.body, false, m_text_ranges.Data},
                        {kStrong, metrics.body, true, m_text_ranges.Data},
                        {kTitle, metrics.title, true, m_text_ranges.Data},
                        {kDisplay, metrics.display, true, m_display_ranges.Data}};
  for (const Face& face : faces) {
    m_sizes[face.role] = std::round(face.size);
    const float size = std::max(8.0f, std::round(face.size * bake));
    ImFont* font = nullptr;
    ImFontConfig config;
    config.OversampleH = config.OversampleV = 1;
    config.PixelSnapH = true;
    if (have_inter) {
      font = atlas->AddFontFromFileTTF(face.bold ? kInterBold : kInterRegular, size, &config, face.ranges);
    }
    if (have_dejavu) {
      // Merged after Inter, DejaVu only fills the code points Inter lacks (the builder never overwrites a glyph).
      ImFontConfig merge = config;
      merge.MergeMode = font != nullptr;
      ImFont* merged = atlas->AddFontFromFileTTF(face.bold ? kDejaVuBold : kDejaVuRegular, size, &merge, face.ranges);
      if (font == nullptr) font = merged;
    }
    if (font == nullptr) {
      ImFontConfig fallback;
      fallback.SizePixels = size;
      font = atlas->AddFontDefault(&fallback);
    }
    m_fonts[face.role] = font;
  }
  io.FontDefault = m_fonts[kBody];

  if (!atlas->Build()) {
    std::fprintf(stderr, "kiosk: fonts: atlas build failed at scale %.2f\n", scale);
    return false;
  }
  m_atlas_width = atlas->TexWidth;
  m_atlas_height = atlas->TexHeight;
  m_missing = 0;
  for (char32_t c : m_chars) {
    if (c > 0xFFFF || m_fonts[kBody]->FindGlyphNoFallback(static_cast<ImWchar>(c)) == nullptr) ++m_missing;
  }
  return m_atlas_width <= max_texture_size && m_atlas_height <= max_texture_size;
}

float Fonts::Size(Role role) const {
  return m_sizes[role] > 0 && m_fonts[role] != nullptr ? m_sizes[role] : Get(role)->FontSize;
}

ImFont* Fonts::Get(Role role) const {
  ImFont* font = m_fonts[role];
  return font != nullptr ? font : ImGui::GetFont();
}

}  // namespace kiosk::ui
