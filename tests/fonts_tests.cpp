// Fonts for any script (issue 5 section 2): fallback faces from fontconfig, NFC, atlas limits, rebuilds, the log.
#include <doctest/doctest.h>

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <imgui.h>

#include "TestSupport.h"
#include "kiosk/importers/Importer.h"
#include "kiosk/ui/Fonts.h"
#include "kiosk/ui/Theme.h"
#include "kiosk/ui/Typography.h"

using namespace kiosk;
using namespace kiosk::ui;

namespace {

/// An ImGui context for the scope (fonts need one, never a window or GL).
struct ImGuiScope {
  ImGuiContext* context = ImGui::CreateContext();
  ImGuiScope() { ImGui::GetIO().IniFilename = nullptr; }
  ~ImGuiScope() { ImGui::DestroyContext(context); }
  ImGuiScope(const ImGuiScope&) = delete;
  ImGuiScope& operator=(const ImGuiScope&) = delete;
};

/// Every string of a programme as the screens draw it: DisplayText of the conference, rooms, titles (French
/// typography when the session is French), English titles, speakers, roles, kinds and tracks.
std::string DrawnText(const Programme& programme) {
  std::string text = DisplayText(programme.conference.title, true) + "\n";
  for (const Room& room : programme.rooms) text += DisplayText(room.name, true) + "\n";
  for (const Session& session : programme.sessions) {
    const bool french = IsFrenchLanguage(session.language);
    text += DisplayText(session.title, french) + "\n" + DisplayText(session.title_en, false) + "\n";
    text += DisplayText(session.kind, true) + "\n" + DisplayText(session.track, french) + "\n";
    for (const Speaker& speaker : session.speakers) {
      text += DisplayText(speaker.name, french) + " (" + DisplayText(speaker.role, french) + ")\n";
    }
  }
  return text;
}

/// Code points of UTF-8 text in [first, last].
std::vector<char32_t> CodePointsIn(const std::string& text, char32_t first, char32_t last) {
  std::vector<char32_t> out;
  for (char32_t c : DecodeUtf8(text))
    if (c >= first && c <= last && std::find(out.begin(), out.end(), c) == out.end()) out.push_back(c);
  return out;
}

bool HasGlyph(const Fonts& fonts, Fonts::Role role, char32_t c) {
  return fonts.Get(role)->FindGlyphNoFallback(static_cast<ImWchar>(c)) != nullptr;
}

std::string Hex(const std::vector<char32_t>& code_points) {
  std::string out;
  char buffer[16];
  for (char32_t c : code_points) {
    std::snprintf(buffer, sizeof buffer, " U+%04X", static_cast<unsigned>(c));
    out += buffer;
  }
  return out;
}

/// `count` CJK unified ideographs from U+4E00 on, with kana: a large Japanese programme.
std::string ManyHan(int count) {
  std::string text = "のはをにでと、。「」";
  for (int i = 0; i < count; ++i) {
    AppendUtf8(text, static_cast<char32_t>(0x4E00 + i));
    if (i % 20 == 19) text += ' ';
  }
  return text;
}

/// A figure of /proc/self/status in kB: "VmRSS:" the resident memory now, "VmHWM:" its peak.
long StatusKb(const std::string& field = "VmRSS:") {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind(field, 0) == 0) return std::stol(line.substr(field.size()));
  }
  return -1;
}

/// Captures what the scope writes to stderr (fd 2) into Text().
class StderrCapture {
 public:
  StderrCapture() {
    std::fflush(stderr);
    m_saved = ::dup(2);
    const int fd = ::open(m_dir.Path().c_str(), O_TMPFILE | O_RDWR, 0600);
    m_file = fd >= 0 ? fd : ::open((m_dir.Path() / "stderr").c_str(), O_CREAT | O_RDWR | O_TRUNC, 0600);
    ::dup2(m_file, 2);
  }
  ~StderrCapture() { Restore(); }
  StderrCapture(const StderrCapture&) = delete;
  StderrCapture& operator=(const StderrCapture&) = delete;

  std::string Text() {
    Restore();
    std::string text;
    char buffer[4096];
    ::lseek(m_file, 0, SEEK_SET);
    for (ssize_t n; (n = ::read(m_file, buffer, sizeof buffer)) > 0;) text.append(buffer, static_cast<std::size_t>(n));
    return text;
  }

 private:
  void Restore() {
    if (m_saved < 0) return;
    std::fflush(stderr);
    ::dup2(m_saved, 2);
    ::close(m_saved);
    m_saved = -1;
  }
  test::TempDir m_dir;
  int m_saved = -1;
  int m_file = -1;
};

/// A copy of the font file at `from` written to `to`, changed by `patch(bytes, tag, table_offset)` for each table of
/// its directory (`tag` points at the four bytes of the tag in the directory, to rename a table).
template <typename Patch>
void CopyFontPatched(const std::string& from, const std::filesystem::path& to, Patch patch) {
  std::ifstream in(from, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  REQUIRE(bytes.size() > 12);
  auto u16 = [&](std::size_t at) {
    return static_cast<unsigned>(static_cast<unsigned char>(bytes[at]) << 8 |
                                 static_cast<unsigned char>(bytes[at + 1]));
  };
  const unsigned tables = u16(4);
  for (unsigned i = 0; i < tables; ++i) {
    const std::size_t entry = 12 + 16 * i;
    const std::size_t offset = std::size_t{u16(entry + 8)} << 16 | u16(entry + 10);
    patch(bytes, entry, offset);
  }
  std::ofstream(to, std::ios::binary) << bytes;
}

/// Sets the big-endian 16-bit value at `at`.
void Put16(std::string& bytes, std::size_t at, int value) {
  bytes[at] = static_cast<char>((value >> 8) & 0xFF);
  bytes[at + 1] = static_cast<char>(value & 0xFF);
}

/// The largest area (baked pixels) of a glyph of the font.
float LargestGlyphArea(const ImFont* font) {
  float largest = 0.0f;
  for (const ImFontGlyph& glyph : font->Glyphs)
    largest = std::max(largest, (glyph.X1 - glyph.X0) * (glyph.Y1 - glyph.Y0));
  return largest;
}

}  // namespace

TEST_CASE("fonts: every string of the RAICT programme has a glyph, Vietnamese and Japanese included") {
  const ImportResult imported = ImportFile(test::SourcePath("schedules/raict-2026.csv"), {});
  const std::string text = DrawnText(imported.programme);
  REQUIRE(CodePointsIn(text, 0x3040, 0x9FFF).size() >= 10);  // the programme has Japanese titles

  ImGuiScope imgui;
  Fonts fonts;
  fonts.SetText(text);
  const auto started = std::chrono::steady_clock::now();
  CHECK(fonts.Ensure(1080.0f, 8192));
  const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  MESSAGE("RAICT build: " << ms << " ms, atlas " << fonts.AtlasWidth() << "x" << fonts.AtlasHeight());
  CAPTURE(Hex(fonts.MissingCodePoints()));
  CHECK(fonts.MissingGlyphs() == 0);
  CHECK(fonts.AtlasWidth() <= 8192);
  CHECK(fonts.AtlasHeight() <= 8192);
  for (Fonts::Role role : {Fonts::kBody, Fonts::kStrong, Fonts::kTitle}) {
    CAPTURE(role);
    CHECK(HasGlyph(fonts, role, 0x1EC7));  // ệ of "Việt" (Vietnamese, in Inter)
    CHECK(HasGlyph(fonts, role, 0x01B0));  // ư of "Giao lưu"
    CHECK(HasGlyph(fonts, role, 0x65E5));  // 日
    CHECK(HasGlyph(fonts, role, 0x306E));  // の
    for (char32_t c : CodePointsIn(text, 0x3040, 0x9FFF)) CHECK(HasGlyph(fonts, role, c));
  }
  // The Japanese come from Noto Sans CJK, found by fontconfig; Latin stays in Inter (no fallback for it).
  const std::vector<std::string> fallbacks = fonts.FallbackFaces();
  CHECK(std::find(fallbacks.begin(), fallbacks.end(), "NotoSansCJK-Regular.ttc") != fallbacks.end());
  CHECK(std::find(fallbacks.begin(), fallbacks.end(), "NotoSansCJK-Bold.ttc") != fallbacks.end());
  CHECK(fonts.Size(Fonts::kBody) == doctest::Approx(30.0f));
  CHECK(fonts.Get(Fonts::kBody)->FontSize == doctest::Approx(30.0f));
  CHECK(fonts.Get(Fonts::kTitle)->FontSize == doctest::Approx(44.0f));
  CHECK_FALSE(fonts.Ensure(1080.0f, 8192));  // nothing changed, no rebuild
}

TEST_CASE("fonts: every string of FOSDEM 2026 has a glyph, its Cyrillic and Chinese included") {
  const std::filesystem::path path = test::CorpusDir() / "frab" / "fosdem-2026.xml";
  if (!std::filesystem::exists(path)) {
    MESSAGE("skipped: no " << path.string());
    return;
  }
  const ImportResult imported = ImportFile(path, {});
  const std::string text = DrawnText(imported.programme);
  const std::vector<char32_t> cyrillic = CodePointsIn(text, 0x0400, 0x04FF);
  const std::vector<char32_t> han = CodePointsIn(text, 0x4E00, 0x9FFF);
  CHECK(cyrillic.size() >= 3);  // "Бого"
  CHECK(han.size() >= 3);       // "胡玮文"

  ImGuiScope imgui;
  Fonts fonts;
  fonts.SetText(text);
  CHECK(fonts.Ensure(1080.0f, 8192));
  CAPTURE(Hex(fonts.MissingCodePoints()));
  CHECK(fonts.MissingGlyphs() == 0);
  for (char32_t c : cyrillic) CHECK(HasGlyph(fonts, Fonts::kBody, c));
  for (char32_t c : han) {
    CHECK(HasGlyph(fonts, Fonts::kBody, c));
    CHECK(HasGlyph(fonts, Fonts::kStrong, c));
  }
  CHECK(HasGlyph(fonts, Fonts::kBody, 0x73AE));  // 玮, a simplified-Chinese form: the zh-cn face
}

TEST_CASE("fonts: Korean, Arabic, Armenian, Devanagari and Thai have glyphs, the fallbacks being Noto faces") {
  // Arabic, Armenian and Hebrew letters come from DejaVu Sans, merged behind Inter; the others from fontconfig.
  ImGuiScope imgui;
  Fonts fonts;
  fonts.SetText("한국어 세션 · مرحبا بكم · Բարի գալուստ · Ἑλληνικά · עברית · हिन्दी · ภาษาไทย");
  CHECK(fonts.Ensure(1080.0f, 8192));
  CAPTURE(Hex(fonts.MissingCodePoints()));
  CHECK(fonts.MissingGlyphs() == 0);
  for (char32_t c : {U'한', U'국', U'م', U'ب', U'Բ', U'ա', U'Ἑ', U'ע', U'ह', U'ภ'}) {
    CAPTURE(static_cast<unsigned>(c));
    CHECK(HasGlyph(fonts, Fonts::kBody, c));
    CHECK(HasGlyph(fonts, Fonts::kTitle, c));
  }
  const std::vector<std::string> fallbacks = fonts.FallbackFaces();
  std::string names;
  for (const std::string& name : fallbacks) names += name + " ";
  CAPTURE(names);
  REQUIRE_FALSE(fallbacks.empty());
  for (const std::string& name : fallbacks) CHECK(name.rfind("Noto", 0) == 0);
  // Hangul from the Korean face of Noto Sans CJK; Devanagari and Thai from their own Noto faces.
  CHECK(std::find(fallbacks.begin(), fallbacks.end(), "NotoSansCJK-Regular.ttc") != fallbacks.end());
  CHECK(std::find(fallbacks.begin(), fallbacks.end(), "NotoSansDevanagari-Regular.ttf") != fallbacks.end());
  CHECK(std::find(fallbacks.begin(), fallbacks.end(), "NotoSansThai-Regular.ttf") != fallbacks.end());
}

TEST_CASE("fonts: decomposed text is drawn composed (NFC)") {
  // "Tiếng Việt" typed with combining marks: e + U+0302 + U+0301, e + U+0323 + U+0302.
  const std::string decomposed = "Ti\x65\xCC\x82\xCC\x81ng Vi\x65\xCC\xA3\xCC\x82t";
  CHECK(ScreenText(decomposed) == "Ti\xE1\xBA\xBFng Vi\xE1\xBB\x87t");  // U+1EBF, U+1EC7
  CHECK(DecodeUtf8(ScreenText("e\xCC\x82\xCC\x81")) == std::u32string{0x1EBF});
  CHECK(ScreenText("Cafe\xCC\x81 \xFF ok") == "Caf\xC3\xA9 \xEF\xBF\xBD ok");  // invalid byte: U+FFFD, still NFC
  CHECK(DisplayText("A\xCC\x8A", false) == "\xC3\x85");                        // A + ring: Å U+00C5

  ImGuiScope imgui;
  Fonts fonts;
  fonts.SetText(decomposed);
  CHECK(fonts.Ensure(1080.0f, 8192));
  CHECK(fonts.MissingGlyphs() == 0);
  CHECK(HasGlyph(fonts, Fonts::kBody, 0x1EBF));
  CHECK(HasGlyph(fonts, Fonts::kBody, 0x1EC7));
}

TEST_CASE("fonts: a 3840x2160 wall with much CJK fits 8192 and 4096 textures, never without glyphs") {
  const ImportResult imported = ImportFile(test::SourcePath("schedules/raict-2026.csv"), {});
  const std::string text = DrawnText(imported.programme) + ManyHan(3000);
  ImGuiScope imgui;
  Fonts fonts;
  fonts.SetText(text);

  for (int max_texture : {8192, 4096}) {
    CAPTURE(max_texture);
    fonts.SetText(text + std::to_string(max_texture));  // a rebuild each time
    const auto started = std::chrono::steady_clock::now();
    CHECK(fonts.Ensure(2160.0f, max_texture));
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    MESSAGE("2160 px, max " << max_texture << ": atlas " << fonts.AtlasWidth() << "x" << fonts.AtlasHeight()
                            << ", baked body/title " << fonts.Get(Fonts::kBody)->FontSize << "/"
                            << fonts.Get(Fonts::kTitle)->FontSize << " px, " << ms << " ms");
    CHECK(fonts.AtlasWidth() <= max_texture);
    CHECK(fonts.AtlasHeight() <= max_texture);
    CHECK(fonts.AtlasWidth() > 0);
    CAPTURE(Hex(fonts.MissingCodePoints()));
    CHECK(fonts.MissingGlyphs() == 0);
    CHECK(HasGlyph(fonts, Fonts::kBody, 0x4E00 + 2999));
    CHECK(HasGlyph(fonts, Fonts::kTitle, 0x65E5));
    // Drawn at the screen's sizes whatever they were baked at.
    CHECK(fonts.Size(Fonts::kBody) == doctest::Approx(60.0f));
    CHECK(fonts.Size(Fonts::kTitle) == doctest::Approx(88.0f));
    CHECK(fonts.Get(Fonts::kBody)->FontSize >= 24.0f);  // readable when scaled up, not a last-resort bake
  }
}

TEST_CASE("fonts: a rebuild counts the new text's missing glyphs, and logs them") {
  ImGuiScope imgui;
  Fonts fonts;
  // U+0378 and U+0379 are unassigned: no font has them.
  fonts.SetText("Salle \xCD\xB8");
  {
    StderrCapture log;
    CHECK(fonts.Ensure(1080.0f, 8192));
    const std::string text = log.Text();
    CHECK(text.find("kiosk: fonts: missing glyphs: 1 U+0378\n") != std::string::npos);
  }
  CHECK(fonts.MissingCodePoints() == std::vector<char32_t>{0x0378});
  fonts.SetText("Salle \xCD\xB8\xCD\xB9 Ꭰ");  // U+13A0 Cherokee: a fallback face
  CHECK(fonts.Ensure(1080.0f, 8192));
  CHECK(fonts.MissingGlyphs() == 2);
  CHECK(fonts.MissingCodePoints() == std::vector<char32_t>{0x0378, 0x0379});
  CHECK(HasGlyph(fonts, Fonts::kBody, 0x13A0));
  fonts.SetText("Salle Monge");
  {
    StderrCapture log;
    CHECK(fonts.Ensure(1080.0f, 8192));
    CHECK(log.Text().find("kiosk: fonts: missing glyphs: 0\n") != std::string::npos);
  }
  CHECK(fonts.MissingGlyphs() == 0);
  CHECK(fonts.FallbackFaces().empty());  // Latin and the interface: Inter and DejaVu only
}

TEST_CASE("fonts: over 64 missing code points are logged as the first 64 and an ellipsis") {
  // Unassigned code points and noncharacters, which no installed face has (Inter has private-use glyphs).
  std::vector<char32_t> absent = {0x0378, 0x0379, 0x0380, 0x0381, 0x0382, 0x0383};
  for (char32_t c = 0x05C8; c <= 0x05CF; ++c) absent.push_back(c);
  for (char32_t c = 0x2FE0; c <= 0x2FEF; ++c) absent.push_back(c);
  for (char32_t c = 0xFDD0; c <= 0xFDEF; ++c) absent.push_back(c);
  for (char32_t c = 0xFFF0; c <= 0xFFF8; ++c) absent.push_back(c);
  REQUIRE(absent.size() == 71);
  std::string text;
  for (char32_t c : absent) AppendUtf8(text, c);
  ImGuiScope imgui;
  Fonts fonts;
  fonts.SetText(text);
  StderrCapture log;
  CHECK(fonts.Ensure(1080.0f, 8192));
  const std::string logged = log.Text();
  CAPTURE(logged);
  CHECK(fonts.MissingCodePoints() == absent);
  CHECK(logged.find("kiosk: fonts: missing glyphs: 71 U+0378 U+0379 U+0380 ") != std::string::npos);
  // The 64th is U+FFF1 (6 + 8 + 16 + 32 before U+FFF0); then "…" and the end of the line.
  CHECK(logged.find(" U+FDEF U+FFF0 U+FFF1 …\n") != std::string::npos);
  CHECK(logged.find("U+FFF2") == std::string::npos);
}

TEST_CASE("fonts: a HiDPI screen bakes at its framebuffer size and draws in window units") {
  ImGuiScope imgui;
  Fonts fonts;
  fonts.SetText("Plénière d’ouverture");
  CHECK(fonts.Ensure(1080.0f, 8192, 2.0f));
  CHECK(fonts.Size(Fonts::kBody) == doctest::Approx(30.0f));
  CHECK(fonts.Size(Fonts::kTitle) == doctest::Approx(44.0f));
  CHECK(fonts.Get(Fonts::kBody)->FontSize == doctest::Approx(60.0f));
  CHECK(fonts.Get(Fonts::kTitle)->FontSize == doctest::Approx(88.0f));
  CHECK_FALSE(fonts.Ensure(1080.0f, 8192, 2.0f));
  CHECK(fonts.Ensure(1080.0f, 8192, 1.0f));  // the window moved to a standard monitor
  CHECK(fonts.Get(Fonts::kBody)->FontSize == doctest::Approx(30.0f));
  // 2160 at ratio 2 is 4320 framebuffer pixels: baked at the 4K sizes at most (kMaxBakedHeight).
  CHECK(fonts.Ensure(2160.0f, 16384, 2.0f));
  CHECK(fonts.Size(Fonts::kBody) == doctest::Approx(60.0f));
  CHECK(fonts.Get(Fonts::kBody)->FontSize == doctest::Approx(60.0f));
  CHECK(fonts.Get(Fonts::kDisplay)->FontSize <= 240.0f);
}

TEST_CASE("fonts: a venue's own faces in the font folder come before Inter") {
  test::TempDir folder;
  // DejaVu Sans Mono stands for a venue's face: monospaced, so 'i' is as wide as 'M' (not so in Inter).
  std::filesystem::copy_file("/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf",
                             folder.Path() / "Venue-Regular.ttf");
  std::ofstream(folder.Path() / "Broken-Regular.otf") << "not a font";
  std::ofstream(folder.Path() / "notes.txt") << "not a face";
  ImGuiScope imgui;
  Fonts fonts;
  fonts.SetText("iM 日本");
  CHECK(fonts.Ensure(1080.0f, 8192));
  auto advance = [&](Fonts::Role role, char32_t c) {
    return fonts.Get(role)->FindGlyphNoFallback(static_cast<ImWchar>(c))->AdvanceX;
  };
  CHECK(advance(Fonts::kBody, 'i') < advance(Fonts::kBody, 'M'));  // Inter before SetFontDirectory

  fonts.SetFontDirectory(folder.Path());
  CHECK(fonts.Ensure(1080.0f, 8192));  // a new folder is a rebuild
  CHECK(advance(Fonts::kBody, 'i') == doctest::Approx(advance(Fonts::kBody, 'M')));
  // No Venue-Bold: the bold roles embolden the regular file, still monospaced.
  CHECK(advance(Fonts::kStrong, 'i') == doctest::Approx(advance(Fonts::kStrong, 'M')));
  CHECK(HasGlyph(fonts, Fonts::kBody, 0x65E5));  // fallbacks still found for what the venue's face lacks
  CHECK(fonts.MissingGlyphs() == 0);

  fonts.SetFontDirectory(folder.Path() / "absent");
  CHECK(fonts.Ensure(1080.0f, 8192));
  CHECK(advance(Fonts::kBody, 'i') < advance(Fonts::kBody, 'M'));  // back to Inter
}

TEST_CASE("fonts: 20 rebuilds with CJK do not grow resident memory (the font files are freed)") {
  const ImportResult imported = ImportFile(test::SourcePath("schedules/raict-2026.csv"), {});
  const std::string text = DrawnText(imported.programme) + ManyHan(300) + "한국어 세션";
  ImGuiScope imgui;
  Fonts fonts;
  fonts.SetText(text);
  const long before = StatusKb();
  auto started = std::chrono::steady_clock::now();
  CHECK(fonts.Ensure(1080.0f, 8192));
  const double first_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  const long after_first = StatusKb();
  double total_ms = 0;
  for (int i = 1; i <= 20; ++i) {
    std::string revision = text;
    AppendUtf8(revision, static_cast<char32_t>(0x5000 + i));  // one new character each revision: a rebuild
    fonts.SetText(revision);
    started = std::chrono::steady_clock::now();
    CHECK(fonts.Ensure(1080.0f, 8192));
    total_ms += std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  }
  const long after_twenty = StatusKb();
  MESSAGE("RAICT + 300 Han + Hangul: first build "
          << first_ms << " ms, mean rebuild " << total_ms / 20 << " ms, atlas " << fonts.AtlasWidth() << "x"
          << fonts.AtlasHeight() << "; VmRSS " << before << " kB before, " << after_first << " kB after 1 build, "
          << after_twenty << " kB after 21; VmHWM " << StatusKb("VmHWM:") << " kB");
  CHECK(fonts.MissingGlyphs() == 0);
  REQUIRE(after_first > 0);
  // Two Noto CJK collections (39 MB) are read for each build: keeping them, or leaking one a build, shows here.
  CHECK(after_twenty - after_first < 8 * 1024);
}

TEST_CASE("fonts: a venue face without a Unicode character map is skipped with one log line, not the whole atlas") {
  // DejaVu Sans with its cmap table renamed (and post, whose glyph names FreeType would make a Unicode map from):
  // FreeType opens it, but FT_Select_Charmap(FT_ENCODING_UNICODE) fails, as ImGui 1.86's builder needs it.
  test::TempDir folder;
  CopyFontPatched("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", folder.Path() / "Aaa-Regular.ttf",
                  [](std::string& bytes, std::size_t entry, std::size_t) {
                    if (bytes.compare(entry, 4, "cmap") == 0) bytes.replace(entry, 4, "cmaq");
                    if (bytes.compare(entry, 4, "post") == 0) bytes.replace(entry, 4, "posu");
                  });
  ImGuiScope imgui;
  Fonts fonts;
  fonts.SetFontDirectory(folder.Path());
  fonts.SetText("iM Plénière d’ouverture ợ 日本");
  StderrCapture log;
  CHECK(fonts.Ensure(1080.0f, 8192));
  const std::string logged = log.Text();
  CAPTURE(logged);
  const std::string line = "Aaa-Regular.ttf: no Unicode character map; skipped\n";
  const std::size_t first = logged.find(line);
  CHECK(first != std::string::npos);
  CHECK(logged.find(line, first + 1) == std::string::npos);  // once, though the regular and bold roles both use it
  CHECK(logged.find("atlas build failed") == std::string::npos);
  CAPTURE(Hex(fonts.MissingCodePoints()));
  CHECK(fonts.MissingGlyphs() == 0);
  for (Fonts::Role role : {Fonts::kBody, Fonts::kStrong, Fonts::kTitle}) {
    CAPTURE(role);
    CHECK(HasGlyph(fonts, role, U'é'));
    CHECK(HasGlyph(fonts, role, 0x1EE3));  // ợ
    CHECK(HasGlyph(fonts, role, 0x65E5));  // 日
  }
  CHECK(fonts.Get(Fonts::kBody)->FontSize == doctest::Approx(30.0f));  // Inter, not ImGui's 13 px default font
  auto advance = [&](char32_t c) {
    return fonts.Get(Fonts::kBody)->FindGlyphNoFallback(static_cast<ImWchar>(c))->AdvanceX;
  };
  CHECK(advance('i') < advance('M'));
  CHECK_FALSE(fonts.Ensure(1080.0f, 8192));  // built once: no failed build to retry every frame
}

TEST_CASE("fonts: the last-resort default font is baked at the body's size") {
  ImGuiScope imgui;
  Fonts fonts;
  fonts.SetText("Salle Monge");
  StderrCapture log;
  CHECK(fonts.Ensure(1080.0f, 64));  // no atlas of the faces fits 64 px: ImGui's own font
  CHECK(fonts.Get(Fonts::kBody)->FontSize == doctest::Approx(30.0f));
  CHECK(fonts.Get(Fonts::kDisplay) == fonts.Get(Fonts::kBody));
  CHECK(fonts.Size(Fonts::kBody) == doctest::Approx(30.0f));
}

TEST_CASE("fonts: code points fontconfig has no face for are asked once, not at every rebuild") {
  std::string text = "Salle ";
  for (char32_t c = 0xE000; c < 0xE000 + 2000; ++c) AppendUtf8(text, c);  // private use: no installed face
  ImGuiScope imgui;
  Fonts fonts;
  fonts.SetText(text);
  auto started = std::chrono::steady_clock::now();
  CHECK(fonts.Ensure(1080.0f, 8192));
  const double first_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  const std::uint64_t first = fonts.FontconfigMatches();
  const int missing = fonts.MissingGlyphs();

  fonts.SetText(text + " Ω");  // a new character (Inter has it): a rebuild
  started = std::chrono::steady_clock::now();
  CHECK(fonts.Ensure(1080.0f, 8192));
  const double second_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  const std::uint64_t second = fonts.FontconfigMatches() - first;
  MESSAGE("2000 private-use code points: first build " << first_ms << " ms, " << first << " FcFontMatch; second "
                                                       << second_ms << " ms, " << second << " FcFontMatch; missing "
                                                       << missing);
  CHECK(missing >= 1000);                               // most have no face: they are what the cache is for
  CHECK(first >= static_cast<std::uint64_t>(missing));  // asked at each weight
  CHECK(second * 5 <= first);
  CHECK(second <= 10);
  CHECK(fonts.MissingGlyphs() == missing);  // the same answer as without the cache
}

TEST_CASE("fonts: characters of the text beyond the limit are not baked and count as missing") {
  constexpr char32_t kFirst = 0xAC00;  // Hangul syllables: one Noto CJK face, found through its charset
  const auto count = static_cast<char32_t>(Fonts::kMaxTextCharacters + 1000);
  std::string text;
  for (char32_t c = kFirst; c < kFirst + count; ++c) AppendUtf8(text, c);
  ImGuiScope imgui;
  Fonts fonts;
  fonts.SetText(text);
  StderrCapture log;
  CHECK(fonts.Ensure(270.0f, 16384));
  const std::string logged = log.Text();
  CAPTURE(logged);
  CHECK(fonts.MissingGlyphs() == 1000);
  const std::vector<char32_t> missing = fonts.MissingCodePoints();
  REQUIRE(missing.size() == 1000);
  CHECK(missing.front() == kFirst + Fonts::kMaxTextCharacters);
  CHECK(missing.back() == kFirst + count - 1);
  CHECK(HasGlyph(fonts, Fonts::kBody, kFirst + Fonts::kMaxTextCharacters - 1));
  CHECK_FALSE(HasGlyph(fonts, Fonts::kBody, kFirst + Fonts::kMaxTextCharacters));
  CHECK(logged.find("kiosk: fonts: 1000 characters of the text over the limit of 8000, from U+CB40: not baked") !=
        std::string::npos);
  CHECK(logged.find("kiosk: fonts: missing glyphs: 1000 U+CB40 ") != std::string::npos);
}

TEST_CASE("fonts: a venue face with large glyphs for its line height is baked small enough for 1.86's builder") {
  // DejaVu Sans Mono with a line (hhea ascender - descender) of 0.59 em instead of 1.16: ImGui's builder asks
  // FreeType for the size from ascender to descender, so at the 240 px display size of a 4K screen its letters are
  // 400 px tall, emboldened (no Bold file), far over the 65536 px that fit the builder's 256 KiB glyph chunk.
  test::TempDir folder;
  CopyFontPatched("/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf", folder.Path() / "Tight-Regular.ttf",
                  [](std::string& bytes, std::size_t entry, std::size_t offset) {
                    if (bytes.compare(entry, 4, "hhea") != 0) return;
                    Put16(bytes, offset + 4, 900);   // ascender
                    Put16(bytes, offset + 6, -300);  // descender
                  });
  ImGuiScope imgui;
  Fonts fonts;
  fonts.SetText("Plénière d’ouverture ŒUVRES 日本");
  CHECK(fonts.Ensure(2160.0f, 16384));
  // Inter's display glyphs fit at the full size: measured one by one, not by Inter's 3.4 em wide bounding box.
  CHECK(fonts.Get(Fonts::kDisplay)->FontSize == doctest::Approx(240.0f));
  MESSAGE("Inter at 4K: largest display glyph " << LargestGlyphArea(fonts.Get(Fonts::kDisplay)) << " px");
  CHECK(LargestGlyphArea(fonts.Get(Fonts::kDisplay)) <= 60000.0f);

  fonts.SetFontDirectory(folder.Path());
  CHECK(fonts.Ensure(2160.0f, 16384));
  for (Fonts::Role role : {Fonts::kBody, Fonts::kStrong, Fonts::kTitle, Fonts::kDisplay}) {
    CAPTURE(role);
    const ImFont* font = fonts.Get(role);
    MESSAGE("tight venue face at 4K, role " << role << ": baked " << font->FontSize << " px for " << fonts.Size(role)
                                            << ", largest glyph " << LargestGlyphArea(font) << " px");
    CHECK(LargestGlyphArea(font) <= 60000.0f);
    CHECK(LargestGlyphArea(font) >= 1000.0f);
  }
  // Still the venue's face (monospaced), drawn at the screen's sizes, baked smaller only where needed.
  const ImFont* display = fonts.Get(Fonts::kDisplay);
  CHECK(display->FindGlyphNoFallback('i')->AdvanceX == doctest::Approx(display->FindGlyphNoFallback('M')->AdvanceX));
  CHECK(display->FontSize < 240.0f);
  CHECK(display->FontSize >= 80.0f);
  CHECK(fonts.Size(Fonts::kDisplay) == doctest::Approx(240.0f));
  CHECK(fonts.Get(Fonts::kBody)->FontSize == doctest::Approx(60.0f));  // small enough already
  CHECK(fonts.MissingGlyphs() == 0);
}

TEST_CASE("fonts: a new ImGui context gets a rebuild, never the freed fonts of the old one") {
  Fonts fonts;
  fonts.SetText("Plénière d’ouverture");
  {
    ImGuiScope first;
    CHECK(fonts.Ensure(1080.0f, 8192));
    CHECK_FALSE(fonts.Ensure(1080.0f, 8192));
  }
  ImGuiScope second;
  CHECK(fonts.Get(Fonts::kBody) == ImGui::GetFont());  // not a font of the freed atlas
  CHECK(fonts.Ensure(1080.0f, 8192));
  CHECK(ImGui::GetIO().Fonts->Fonts.contains(fonts.Get(Fonts::kBody)));
  CHECK(ImGui::GetIO().Fonts->Fonts.contains(fonts.Get(Fonts::kDisplay)));
  CHECK(HasGlyph(fonts, Fonts::kBody, U'é'));
  CHECK(ImGui::GetIO().FontDefault == fonts.Get(Fonts::kBody));
  CHECK_FALSE(fonts.Ensure(1080.0f, 8192));
}
