// Font files and their FreeType faces: a venue's own families, opening a face, the main faces of a build, and the
// largest size a face bakes at safely with ImGui 1.86's FreeType builder.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_OUTLINE_H

#include "kiosk/ui/FontsInternal.h"

namespace kiosk::ui {
namespace {

/// Debian's imgui_freetype (1.86) copies each rendered glyph into 256 KiB scratch chunks of 4 bytes per pixel and
/// never checks that one glyph fits: a glyph over 65536 px (about 256x256) writes past the chunk and corrupts the
/// heap (upstream fixed it after 1.86). Inter's widest display glyphs at 240 px stay near 45000 px, but a venue's
/// face (wide letters, small line metrics), or one FreeType emboldens, can go over at the same size: each face is
/// baked at most at the size where its largest glyph, by its outlines, stays under this (SafeBakeSize).
constexpr double kMaxGlyphArea = 60000.0;
/// Glyphs measured one by one (FT_LOAD_NO_SCALE) for SafeBakeSize at most; beyond, the face's bounding box decides.
constexpr std::size_t kMaxMeasuredGlyphs = 3000;

}  // namespace

namespace fonts_detail {

bool IsFile(const std::filesystem::path& path) {
  std::error_code error;
  return std::filesystem::is_regular_file(path, error);
}

FaceHandle OpenFace(const FreeTypeLibrary& freetype, const FontBytes& bytes, int index, const char** why) {
  *why = "FreeType cannot open it";
  FT_Face face = nullptr;
  if (freetype.library == nullptr || FT_New_Memory_Face(freetype.library, static_cast<const FT_Byte*>(bytes.Data()),
                                                        bytes.Size(), index, &face) != 0) {
    return nullptr;
  }
  FaceHandle handle(face);
  if (FT_Select_Charmap(face, FT_ENCODING_UNICODE) != 0) {
    *why = "no Unicode character map";
    return nullptr;
  }
  return handle;
}

void AddMainFace(FontFiles& files, const FreeTypeLibrary& freetype, const std::string& path, bool embolden,
                 std::vector<Face>& faces, Chain& chain) {
  const FontBytes* bytes = files.Load(path);
  if (bytes == nullptr) return;
  const char* why = nullptr;
  FaceHandle handle = OpenFace(freetype, *bytes, 0, &why);
  if (!handle) {
    if (files.FirstReport(path)) std::fprintf(stderr, "kiosk: fonts: %s: %s; skipped\n", path.c_str(), why);
    return;
  }
  Face face;
  face.path = path;
  face.embolden = embolden;
  face.bytes = bytes;
  faces.push_back(std::move(face));
  chain.faces.push_back(std::move(handle));
}

float SafeBakeSize(const FreeTypeLibrary& freetype, const Face& face, const ImWchar* ranges, float wanted) {
  const char* why = nullptr;
  FaceHandle handle = OpenFace(freetype, *face.bytes, face.index, &why);
  if (!handle) return wanted;  // not in the atlas either (opened before; cannot happen)
  FT_Face ft = handle.get();
  double line = static_cast<double>(ft->ascender) - ft->descender;
  if (!(line > 0)) line = ft->units_per_EM > 0 ? ft->units_per_EM : 1000.0;
  const double em = ft->units_per_EM > 0 ? ft->units_per_EM / line : 1.0;  // em per pixel of size
  struct Extent {
    double width, height;  ///< font units
  };
  auto fits = [&](const std::vector<Extent>& extents, double size) {
    const double margin = 3.0 + (face.embolden ? em * size / 12.0 : 0.0);
    for (const Extent& e : extents) {
      const double w = std::ceil(e.width * size / line) + margin;
      const double h = std::ceil(e.height * size / line) + margin;
      if (w * h > kMaxGlyphArea) return false;
    }
    return true;
  };
  auto largest = [&](const std::vector<Extent>& extents) {
    if (fits(extents, wanted)) return wanted;
    float low = 1.0f;  // fits, or nothing does
    float high = wanted;
    while (high - low > 0.5f) {
      const float mid = std::floor((low + high) / 2.0f);
      if (mid <= low) break;
      (fits(extents, mid) ? low : high) = mid;
    }
    return low;
  };
  const std::vector<Extent> box = {
      {static_cast<double>(ft->bbox.xMax) - ft->bbox.xMin, static_cast<double>(ft->bbox.yMax) - ft->bbox.yMin}};
  if (fits(box, wanted)) return wanted;

  std::vector<Extent> glyphs;
  std::size_t measured = 0;
  for (const ImWchar* range = ranges; range[0] != 0; range += 2) {
    for (char32_t c = range[0]; c <= range[1]; ++c) {
      const FT_UInt index = FT_Get_Char_Index(ft, c);
      if (index == 0) continue;
      if (++measured > kMaxMeasuredGlyphs) return largest(box);
      if (FT_Load_Glyph(ft, index, FT_LOAD_NO_SCALE | FT_LOAD_NO_BITMAP) != 0) continue;
      if (ft->glyph->format != FT_GLYPH_FORMAT_OUTLINE) return largest(box);
      FT_BBox cbox{};
      FT_Outline_Get_CBox(&ft->glyph->outline, &cbox);
      glyphs.push_back({static_cast<double>(cbox.xMax) - cbox.xMin, static_cast<double>(cbox.yMax) - cbox.yMin});
    }
  }
  return largest(glyphs);
}

std::vector<VenueFamily> VenueFamilies(const std::filesystem::path& directory) {
  std::vector<VenueFamily> families;
  if (directory.empty()) return families;
  std::error_code error;
  if (!std::filesystem::is_directory(directory, error)) {
    std::fprintf(stderr, "kiosk: fonts: no font folder %s; using the system's faces\n", directory.c_str());
    return families;
  }
  std::vector<std::filesystem::path> regulars;
  for (std::filesystem::directory_iterator it(directory, error), end; !error && it != end; it.increment(error)) {
    const std::string name = it->path().filename().string();
    for (const char* suffix : {"-Regular.otf", "-Regular.ttf"}) {
      const std::string_view s(suffix);
      if (name.size() > s.size() && name.compare(name.size() - s.size(), s.size(), s) == 0 && IsFile(it->path())) {
        regulars.push_back(it->path());
      }
    }
  }
  std::sort(regulars.begin(), regulars.end());
  for (const std::filesystem::path& regular : regulars) {
    const std::string name = regular.filename().string();
    const std::string family = name.substr(0, name.size() - std::string_view("-Regular.otf").size());
    VenueFamily venue{regular.string(), regular.string(), true};
    for (const char* extension : {".otf", ".ttf"}) {
      const std::filesystem::path bold = directory / (family + "-Bold" + extension);
      if (IsFile(bold)) {
        venue.bold = bold.string();
        venue.embolden = false;
        break;
      }
    }
    families.push_back(venue);
  }
  return families;
}

}  // namespace fonts_detail
}  // namespace kiosk::ui
