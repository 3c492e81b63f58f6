// Font atlas building: glyph ranges from the text as drawn, a venue's faces or Inter with DejaVu merged in, fallback
// faces found by fontconfig for the other scripts, FreeType rasterizer.
#include "kiosk/ui/Fonts.h"

#include <fcntl.h>
#include <malloc.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>

#include <fontconfig/fontconfig.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_OUTLINE_H
#include <imgui_freetype.h>

#include "kiosk/ui/Catalogue.h"
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

/// The screens' own strings that are not in the interface catalogue (yet): day and month names, labels, symbols.
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

/// Tallest screen (reference height, framebuffer px) whose sizes are baked as they are; taller screens draw the
/// glyphs baked at this height scaled up (AddText with the wanted size). Below it, kMaxGlyphArea may still bake a
/// face smaller than its role's size.
constexpr float kMaxBakedHeight = 2160.0f;

/// Debian's imgui_freetype (1.86) copies each rendered glyph into 256 KiB scratch chunks of 4 bytes per pixel and
/// never checks that one glyph fits: a glyph over 65536 px (about 256x256) writes past the chunk and corrupts the
/// heap (upstream fixed it after 1.86). Inter's widest display glyphs at 240 px stay near 45000 px, but a venue's
/// face (wide letters, small line metrics), or one FreeType emboldens, can go over at the same size: each face is
/// baked at most at the size where its largest glyph, by its outlines, stays under this (SafeBakeSize).
constexpr double kMaxGlyphArea = 60000.0;
/// Glyphs measured one by one (FT_LOAD_NO_SCALE) for SafeBakeSize at most; beyond, the face's bounding box decides.
constexpr std::size_t kMaxMeasuredGlyphs = 3000;

/// Bakes below this fraction of the wanted size are not worth it: the atlas drops the text's own characters instead.
constexpr float kMinScale = 0.25f;
/// A font file larger than this is not a font a screen needs (Noto Serif CJK, the largest in Debian, is 27 MB).
constexpr off_t kMaxFontFileBytes = 128 << 20;
/// Entries of the fontconfig miss cache (Fonts::m_fallback_misses) at most, about 3 MB.
constexpr std::size_t kMaxFallbackMisses = 1 << 16;
/// Code points listed after "missing glyphs: N" at most.
constexpr std::size_t kMissingLogged = 64;

std::string FileName(const std::string& path) { return std::filesystem::path(path).filename().string(); }

bool IsFile(const std::filesystem::path& path) {
  std::error_code error;
  return std::filesystem::is_regular_file(path, error);
}

/// A font file's bytes in anonymous pages of their own, so that freeing them gives the memory back to the system at
/// once: a Noto CJK collection is 20 MB, and malloc would keep such a block in its heap after the first free.
class FontBytes {
 public:
  /// Reads the whole file; nullptr (and `error` set) when it cannot be read, is empty or is over kMaxFontFileBytes.
  static std::unique_ptr<FontBytes> Read(const std::string& path, std::string* error) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      *error = std::strerror(errno);
      return nullptr;
    }
    std::unique_ptr<FontBytes> bytes;
    struct stat info {};
    if (::fstat(fd, &info) != 0 || info.st_size <= 0 || info.st_size > kMaxFontFileBytes) {
      *error = "empty, unreadable or over 128 MB";
    } else {
      const auto size = static_cast<std::size_t>(info.st_size);
      void* data = ::mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
      if (data == MAP_FAILED) {
        *error = std::strerror(errno);
      } else {
        bytes.reset(new FontBytes(data, size));
        std::size_t done = 0;
        while (done < size) {
          const ssize_t n = ::read(fd, static_cast<char*>(data) + done, size - done);
          if (n < 0 && errno == EINTR) continue;
          if (n <= 0) break;
          done += static_cast<std::size_t>(n);
        }
        if (done != size) {
          *error = "short read";
          bytes.reset();
        }
      }
    }
    ::close(fd);
    return bytes;
  }

  ~FontBytes() { ::munmap(m_data, m_size); }
  FontBytes(const FontBytes&) = delete;
  FontBytes& operator=(const FontBytes&) = delete;

  void* Data() const { return m_data; }
  int Size() const { return static_cast<int>(m_size); }

 private:
  FontBytes(void* data, std::size_t size) : m_data(data), m_size(size) {}
  void* m_data;
  std::size_t m_size;
};

/// The font files of one build, each read at its first use and freed with the cache.
class FontFiles {
 public:
  /// The file's bytes; nullptr (logged once) when it cannot be read.
  const FontBytes* Load(const std::string& path) {
    auto it = m_files.find(path);
    if (it != m_files.end()) return it->second.get();
    std::string error;
    std::unique_ptr<FontBytes> bytes = FontBytes::Read(path, &error);
    if (!bytes) std::fprintf(stderr, "kiosk: fonts: cannot read %s: %s\n", path.c_str(), error.c_str());
    return m_files.emplace(path, std::move(bytes)).first->second.get();
  }

  /// True the first time in this build that `key` (a face skipped) is reported: one log line per face and build,
  /// whatever roles use it.
  bool FirstReport(const std::string& key) { return m_reported.insert(key).second; }

 private:
  std::map<std::string, std::unique_ptr<FontBytes>> m_files;
  std::set<std::string> m_reported;
};

/// One face of a font file as the atlas gets it: the main faces take the role's ranges, a fallback face exactly the
/// code points it was found for.
struct Face {
  std::string path;
  int index = 0;          ///< face in a collection (.ttc), with fontconfig's named-instance bits (ImFontConfig::FontNo)
  bool embolden = false;  ///< a regular file standing in for a missing bold (FreeType emboldens it)
  const FontBytes* bytes = nullptr;
  std::vector<char32_t> code_points;  ///< fallback faces only
  std::vector<ImWchar> ranges;        ///< fallback faces only: ImGui glyph ranges of code_points, 0-terminated
};

/// ImGui glyph ranges (pairs of first and last, 0-terminated) of sorted distinct BMP code points.
std::vector<ImWchar> RangesOf(const std::vector<char32_t>& sorted) {
  std::vector<ImWchar> ranges;
  for (std::size_t i = 0; i < sorted.size();) {
    std::size_t j = i;
    while (j + 1 < sorted.size() && sorted[j + 1] == sorted[j] + 1) ++j;
    ranges.push_back(static_cast<ImWchar>(sorted[i]));
    ranges.push_back(static_cast<ImWchar>(sorted[j]));
    i = j + 1;
  }
  ranges.push_back(0);
  return ranges;
}

/// The code points of 0-terminated ImGui glyph ranges.
std::vector<char32_t> Expand(const ImWchar* ranges) {
  std::vector<char32_t> out;
  for (; ranges[0] != 0; ranges += 2)
    for (char32_t c = ranges[0]; c <= ranges[1]; ++c) out.push_back(c);
  return out;
}

/// Sorted distinct code points of `text` that a 16-bit ImWchar atlas can hold (U+0020 to U+FFFF).
std::vector<char32_t> CodePoints(const std::u32string& text) {
  std::vector<char32_t> chars;
  chars.reserve(text.size());
  for (char32_t c : text)
    if (c >= 0x20 && c <= 0xFFFF) chars.push_back(c);
  std::sort(chars.begin(), chars.end());
  chars.erase(std::unique(chars.begin(), chars.end()), chars.end());
  return chars;
}

std::vector<char32_t> Union(std::vector<char32_t> a, const std::vector<char32_t>& b) {
  a.insert(a.end(), b.begin(), b.end());
  std::sort(a.begin(), a.end());
  a.erase(std::unique(a.begin(), a.end()), a.end());
  return a;
}

/// Every character of the interface: the catalogue in French and English, as typed and as displayed, and kUiText.
std::vector<char32_t> InterfaceCodePoints() {
  std::string text = kUiText;
  text += FrenchDisplay(kUiText);
  for (const CatalogueEntry& entry : UiCatalogue()) {
    text += entry.text.fr + " " + FrenchDisplay(entry.text.fr) + " " + entry.text.en + " " +
            EnglishDisplay(entry.text.en) + " ";
  }
  return CodePoints(DecodeUtf8(text));
}

bool IsKana(char32_t c) {
  return (c >= 0x3040 && c <= 0x30FF) || (c >= 0x31F0 && c <= 0x31FF) || (c >= 0xFF66 && c <= 0xFF9F);
}
bool IsHangul(char32_t c) {
  return (c >= 0x1100 && c <= 0x11FF) || (c >= 0x3130 && c <= 0x318F) || (c >= 0xA960 && c <= 0xA97F) ||
         (c >= 0xAC00 && c <= 0xD7FF);
}
/// Han ideographs and the punctuation, brackets and full-width forms that Chinese and Japanese share, whose glyphs
/// differ by language (Noto Sans CJK has a face per language).
bool IsHan(char32_t c) {
  return (c >= 0x2E80 && c <= 0x2FDF) || (c >= 0x3000 && c <= 0x303F) || (c >= 0x3100 && c <= 0x312F) ||
         (c >= 0x31A0 && c <= 0x31BF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFFEF);
}

/// The fontconfig language hint for `c`: "ko" for Hangul, "ja" for kana, and for Han "ja" when the text has kana
/// (Japanese), else "zh-cn"; nullptr for other scripts (the charset decides).
const char* LanguageHint(char32_t c, bool text_has_kana) {
  if (IsHangul(c)) return "ko";
  if (IsKana(c)) return "ja";
  if (IsHan(c)) return text_has_kana ? "ja" : "zh-cn";
  return nullptr;
}

struct FreeTypeLibrary {
  FT_Library library = nullptr;
  FreeTypeLibrary() {
    if (FT_Init_FreeType(&library) != 0) library = nullptr;
  }
  ~FreeTypeLibrary() {
    if (library != nullptr) FT_Done_FreeType(library);
  }
  FreeTypeLibrary(const FreeTypeLibrary&) = delete;
  FreeTypeLibrary& operator=(const FreeTypeLibrary&) = delete;
};

struct FaceCloser {
  void operator()(FT_Face face) const { FT_Done_Face(face); }
};
using FaceHandle = std::unique_ptr<FT_FaceRec_, FaceCloser>;

/// The face `index` of the bytes as FreeType (and so ImGui's builder) reads it, with its Unicode character map
/// selected; null, and the reason in `why`, when FreeType cannot open it or it has no Unicode map (a symbol font,
/// a legacy encoding only). ImGui 1.86's FreeType builder calls FT_Select_Charmap(FT_ENCODING_UNICODE) on every
/// face and fails the whole atlas->Build() when one has none: such a face must never reach the atlas.
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

struct PatternDestroyer {
  void operator()(FcPattern* pattern) const { FcPatternDestroy(pattern); }
};
using PatternHandle = std::unique_ptr<FcPattern, PatternDestroyer>;

/// Fontconfig's answer for one code point: the face and its charset (kept to try the next code points against).
struct Match {
  std::string path;
  int index = 0;
  PatternHandle pattern;  ///< owns the charset
  FcCharSet* charset = nullptr;
};

/// Initialises fontconfig once per process, and picks up fonts installed or removed since (a stat of the font
/// folders when none were). True when fontconfig reloaded its configuration: a code point it had no face for may
/// have one now.
bool RefreshFontconfig() {
  static std::once_flag once;
  static bool ready = false;
  std::call_once(once, [] {
    ready = FcInit() == FcTrue;
    if (!ready) std::fprintf(stderr, "kiosk: fonts: fontconfig did not initialise; no fallback faces\n");
  });
  if (!ready || FcConfigUptoDate(nullptr)) return false;
  FcInitReinitialize();
  return true;
}

/// Key of the miss cache (Fonts::m_fallback_misses): code point, fontconfig weight, language hint.
std::uint64_t MissKey(char32_t c, int weight, const char* lang) {
  std::uint64_t hint = 0;
  if (lang != nullptr) hint = std::strcmp(lang, "ko") == 0 ? 1 : std::strcmp(lang, "ja") == 0 ? 2 : 3;
  return static_cast<std::uint64_t>(c) | (static_cast<std::uint64_t>(static_cast<std::uint16_t>(weight)) << 32) |
         (hint << 48);
}

/// Asks fontconfig for a face with a glyph for `c` at `weight` (FC_WEIGHT_REGULAR or FC_WEIGHT_BOLD), preferring
/// sans-serif and the language `lang` (may be null). FcFontMatch always names some face: the answer counts only when
/// the face's charset has `c` and it is a scalable outline font (TrueType or CFF) without colour layers, which is
/// what ImGui's FreeType builder draws.
std::optional<Match> MatchCodePoint(char32_t c, int weight, const char* lang) {
  PatternHandle pattern(FcPatternCreate());
  if (!pattern) return std::nullopt;
  FcCharSet* wanted = FcCharSetCreate();
  FcCharSetAddChar(wanted, c);
  FcPatternAddCharSet(pattern.get(), FC_CHARSET, wanted);
  FcCharSetDestroy(wanted);
  FcPatternAddInteger(pattern.get(), FC_WEIGHT, weight);
  FcPatternAddBool(pattern.get(), FC_SCALABLE, FcTrue);
  FcPatternAddString(pattern.get(), FC_FAMILY, reinterpret_cast<const FcChar8*>("sans-serif"));
  if (lang != nullptr) FcPatternAddString(pattern.get(), FC_LANG, reinterpret_cast<const FcChar8*>(lang));
  FcConfigSubstitute(nullptr, pattern.get(), FcMatchPattern);
  FcDefaultSubstitute(pattern.get());
  FcResult result = FcResultNoMatch;
  PatternHandle found(FcFontMatch(nullptr, pattern.get(), &result));
  if (!found) return std::nullopt;

  Match match;
  FcChar8* file = nullptr;
  FcBool scalable = FcFalse;
  FcBool color = FcFalse;
  FcChar8* format = nullptr;
  if (FcPatternGetString(found.get(), FC_FILE, 0, &file) != FcResultMatch ||
      FcPatternGetCharSet(found.get(), FC_CHARSET, 0, &match.charset) != FcResultMatch ||
      !FcCharSetHasChar(match.charset, c)) {
    return std::nullopt;
  }
  if (FcPatternGetBool(found.get(), FC_SCALABLE, 0, &scalable) == FcResultMatch && !scalable) return std::nullopt;
  if (FcPatternGetBool(found.get(), FC_COLOR, 0, &color) == FcResultMatch && color) return std::nullopt;
  if (FcPatternGetString(found.get(), FC_FONTFORMAT, 0, &format) == FcResultMatch) {
    const std::string_view kind(reinterpret_cast<const char*>(format));
    if (kind != "TrueType" && kind != "CFF") return std::nullopt;
  }
  FcPatternGetInteger(found.get(), FC_INDEX, 0, &match.index);
  match.path = reinterpret_cast<const char*>(file);
  match.pattern = std::move(found);
  return match;
}

/// Main faces of one weight as FreeType opened them, to ask which code points they lack.
struct Chain {
  std::vector<FaceHandle> faces;
  bool Covers(char32_t c) const {
    for (const FaceHandle& face : faces)
      if (FT_Get_Char_Index(face.get(), c) != 0) return true;
    return false;
  }
};

/// Adds the face at `path` to the chain of main faces when its file reads and FreeType opens it.
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

/// The faces fontconfig gives for the code points of `wanted` that `chain` lacks, at `weight`, each with exactly
/// the code points it was found for and that FreeType confirms it has. Consecutive code points of a script mostly
/// land in the same face, so a code point is first tried against the faces already found for its language hint
/// (their fontconfig charset), and fontconfig is asked only when none has it, and not when it already had no face
/// for the code point, weight and hint (`misses`, kept across builds; each FcFontMatch costs about 2 ms, counted in
/// `matches`).
std::vector<Face> FindFallbacks(FontFiles& files, const FreeTypeLibrary& freetype, const Chain& chain,
                                const std::vector<char32_t>& wanted, int weight, bool text_has_kana,
                                std::unordered_set<std::uint64_t>& misses, std::uint64_t& matches) {
  struct Candidate {
    Match match;
    std::vector<std::string> hints;  ///< language hints it answered for ("" for none)
    std::vector<char32_t> code_points;
  };
  std::vector<Candidate> candidates;
  for (char32_t c : wanted) {
    if (chain.Covers(c)) continue;
    const char* lang = LanguageHint(c, text_has_kana);
    const std::string hint = lang != nullptr ? lang : "";
    Candidate* pick = nullptr;
    for (Candidate& candidate : candidates) {
      const bool same_hint = std::find(candidate.hints.begin(), candidate.hints.end(), hint) != candidate.hints.end();
      if (same_hint && FcCharSetHasChar(candidate.match.charset, c)) {
        pick = &candidate;
        break;
      }
    }
    if (pick == nullptr) {
      const std::uint64_t key = MissKey(c, weight, lang);
      if (misses.count(key) != 0) continue;
      ++matches;
      std::optional<Match> match = MatchCodePoint(c, weight, lang);
      if (!match) {
        misses.insert(key);
        continue;
      }
      for (Candidate& candidate : candidates) {
        if (candidate.match.path == match->path && candidate.match.index == match->index) pick = &candidate;
      }
      if (pick == nullptr) {
        candidates.push_back({std::move(*match), {}, {}});
        pick = &candidates.back();
      }
      if (std::find(pick->hints.begin(), pick->hints.end(), hint) == pick->hints.end()) pick->hints.push_back(hint);
    }
    pick->code_points.push_back(c);
  }

  std::vector<Face> faces;
  for (Candidate& candidate : candidates) {
    const FontBytes* bytes = files.Load(candidate.match.path);
    if (bytes == nullptr) continue;
    const char* why = nullptr;
    FaceHandle handle = OpenFace(freetype, *bytes, candidate.match.index, &why);
    if (!handle) {
      const std::string name = candidate.match.path + "#" + std::to_string(candidate.match.index);
      if (files.FirstReport(name)) std::fprintf(stderr, "kiosk: fonts: %s: %s; skipped\n", name.c_str(), why);
      continue;
    }
    Face face;
    face.path = candidate.match.path;
    face.index = candidate.match.index;
    face.bytes = bytes;
    // fontconfig's charset leaves out blank glyphs and the like; ImGui's builder asks the cmap, so ask it too.
    for (char32_t c : candidate.code_points)
      if (FT_Get_Char_Index(handle.get(), c) != 0) face.code_points.push_back(c);
    if (face.code_points.empty()) continue;
    std::sort(face.code_points.begin(), face.code_points.end());
    face.ranges = RangesOf(face.code_points);
    faces.push_back(std::move(face));
  }
  return faces;
}

/// The largest pixel size (ImFontConfig::SizePixels, at most `wanted`, at least 1) at which ImGui 1.86's FreeType
/// builder renders every glyph `face` has in `ranges` within kMaxGlyphArea pixels. The builder asks FreeType for
/// `size` pixels from the ascender to the descender (FT_SIZE_REQUEST_TYPE_REAL_DIM), so a glyph is
/// extent * size / (ascender - descender) pixels, plus a pixel or two of antialiasing and, for an emboldened face,
/// an em / 24 in each direction (FT_GlyphSlot_Embolden; counted twice here). The extents are the face's bounding
/// box when it fits at `wanted` (cheap, and the common case), else those of the glyphs themselves (a bounding box
/// is often far larger than the letters of a screen: Inter's is 3.4 em wide), measured unscaled up to
/// kMaxMeasuredGlyphs glyphs.
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

/// A venue's faces in `directory`: each "<Family>-Regular.otf|ttf" in file name order with its
/// "<Family>-Bold.otf|ttf", else the regular file emboldened.
struct VenueFamily {
  std::string regular;
  std::string bold;
  bool embolden = false;
};
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

std::string ProgrammeText(const Programme& programme) {
  std::string text = programme.conference.title + "\n" + programme.conference.acronym + "\n";
  for (const Room& room : programme.rooms) text += room.name + "\n";
  for (const Session& session : programme.sessions) {
    text += session.title + "\n" + session.title_en + "\n" + session.kind + "\n" + session.track + "\n" +
            session.description + "\n";
    for (const Speaker& speaker : session.speakers) text += speaker.name + " " + speaker.role + "\n";
  }
  return text;
}

std::string AnnouncementText(const std::vector<Announcement>& announcements) {
  std::string text;
  for (const Announcement& announcement : announcements) text += announcement.text + "\n" + announcement.text_en + "\n";
  return text;
}

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
