// Fallback faces from fontconfig: for each character of the text that the main faces lack, the face fontconfig names
// (its charset, the role's weight, a language hint for Han, kana and Hangul), with a cache of the characters it had
// none for.
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include <fontconfig/fontconfig.h>

#include "kiosk/ui/FontsInternal.h"

namespace kiosk::ui {

using namespace fonts_detail;

namespace {

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

}  // namespace

namespace fonts_detail {

bool IsKana(char32_t c) {
  return (c >= 0x3040 && c <= 0x30FF) || (c >= 0x31F0 && c <= 0x31FF) || (c >= 0xFF66 && c <= 0xFF9F);
}
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

}  // namespace fonts_detail
}  // namespace kiosk::ui
