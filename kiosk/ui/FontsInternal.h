// Helpers the font files share (Fonts.cpp, FontFaces.cpp, FontFallbacks.cpp, FontGlyphRanges.cpp): font files'
// bytes, FreeType faces, the faces of one build, glyph ranges. Internal to kiosk/ui.
#pragma once

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <unordered_set>
#include <vector>

#include <ft2build.h>
#include FT_FREETYPE_H
#include <imgui.h>

namespace kiosk::ui::fonts_detail {

/// Latin-1, Latin Extended-A, General Punctuation, the euro sign, the replacement character.
constexpr ImWchar kBaseRanges[] = {0x0020, 0x00FF, 0x0100, 0x017F, 0x2000, 0x206F, 0x20AC, 0x20AC, 0xFFFD, 0xFFFD, 0};

/// The display face (clock, countdown, closing words): printable ASCII, no-break spaces, en dash, French letters.
constexpr ImWchar kDisplayRanges[] = {0x0020, 0x007E, 0x00A0, 0x00A0, 0x2013, 0x2014, 0x2019,
                                      0x2019, 0x2026, 0x2026, 0x202F, 0x202F, 0};
constexpr const char* kDisplayText = "àâäçéèêëîïôöùûüÿœæÀÂÇÉÈÊËÎÏÔÙÛÜŒ«»";

/// A font file larger than this is not a font a screen needs (Noto Serif CJK, the largest in Debian, is 27 MB).
constexpr off_t kMaxFontFileBytes = 128 << 20;

/// True when `path` is a regular file (errors: false).
bool IsFile(const std::filesystem::path& path);

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
std::vector<ImWchar> RangesOf(const std::vector<char32_t>& sorted);
/// The code points of 0-terminated ImGui glyph ranges.
std::vector<char32_t> Expand(const ImWchar* ranges);
/// Sorted distinct code points of `text` that a 16-bit ImWchar atlas can hold (U+0020 to U+FFFF).
std::vector<char32_t> CodePoints(const std::u32string& text);
/// The sorted distinct union of `a` and `b` (each sorted).
std::vector<char32_t> Union(std::vector<char32_t> a, const std::vector<char32_t>& b);
/// Every character of the interface: the catalogue in French and English, as typed and as displayed, and kUiText.
std::vector<char32_t> InterfaceCodePoints();

/// Kana (hiragana, katakana, their extensions and half-width forms): the text is Japanese.
bool IsKana(char32_t c);

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
FaceHandle OpenFace(const FreeTypeLibrary& freetype, const FontBytes& bytes, int index, const char** why);

/// Initialises fontconfig once per process, and picks up fonts installed or removed since (a stat of the font
/// folders when none were). True when fontconfig reloaded its configuration: a code point it had no face for may
/// have one now.
bool RefreshFontconfig();

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
                 std::vector<Face>& faces, Chain& chain);

/// The faces fontconfig gives for the code points of `wanted` that `chain` lacks, at `weight`, each with exactly
/// the code points it was found for and that FreeType confirms it has. Consecutive code points of a script mostly
/// land in the same face, so a code point is first tried against the faces already found for its language hint
/// (their fontconfig charset), and fontconfig is asked only when none has it, and not when it already had no face
/// for the code point, weight and hint (`misses`, kept across builds; each FcFontMatch costs about 2 ms, counted in
/// `matches`).
std::vector<Face> FindFallbacks(FontFiles& files, const FreeTypeLibrary& freetype, const Chain& chain,
                                const std::vector<char32_t>& wanted, int weight, bool text_has_kana,
                                std::unordered_set<std::uint64_t>& misses, std::uint64_t& matches);

/// The largest pixel size (ImFontConfig::SizePixels, at most `wanted`, at least 1) at which ImGui 1.86's FreeType
/// builder renders every glyph `face` has in `ranges` within kMaxGlyphArea pixels. The builder asks FreeType for
/// `size` pixels from the ascender to the descender (FT_SIZE_REQUEST_TYPE_REAL_DIM), so a glyph is
/// extent * size / (ascender - descender) pixels, plus a pixel or two of antialiasing and, for an emboldened face,
/// an em / 24 in each direction (FT_GlyphSlot_Embolden; counted twice here). The extents are the face's bounding
/// box when it fits at `wanted` (cheap, and the common case), else those of the glyphs themselves (a bounding box
/// is often far larger than the letters of a screen: Inter's is 3.4 em wide), measured unscaled up to
/// kMaxMeasuredGlyphs glyphs.
float SafeBakeSize(const FreeTypeLibrary& freetype, const Face& face, const ImWchar* ranges, float wanted);

/// A venue's faces in `directory`: each "<Family>-Regular.otf|ttf" in file name order with its
/// "<Family>-Bold.otf|ttf", else the regular file emboldened.
struct VenueFamily {
  std::string regular;
  std::string bold;
  bool embolden = false;
};
std::vector<VenueFamily> VenueFamilies(const std::filesystem::path& directory);

}  // namespace kiosk::ui::fonts_detail
