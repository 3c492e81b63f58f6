// Issue 5 section 4: the venue's pictures (assets/, kiosk/app/Assets), the QR code, the partners and venue plan pages
// and the plan inset, drawn headless (ImGui, no GL) at 720p, 1080p, portrait and 4K; and, when KIOSK_PAGES_SHOTS
// names a folder and a display is there, rendered with OpenGL to PNGs to look at.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <optional>
#include <set>
#include <tuple>
#include <type_traits>

#include <GL/gl.h>
#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>
#include <stb_image_write.h>

#include "ScreenTestSupport.h"
#include "TestSupport.h"
#include "kiosk/app/App.h"
#include "kiosk/app/Assets.h"
#include "kiosk/app/Window.h"
#include "kiosk/core/Text.h"
#include "kiosk/core/VenueZone.h"
#include "kiosk/importers/Importer.h"
#include "kiosk/ui/BoardViewModel.h"
#include "kiosk/ui/Catalogue.h"
#include "kiosk/ui/Fonts.h"
#include "kiosk/ui/InteractiveViewModel.h"
#include "kiosk/ui/Overlays.h"
#include "kiosk/ui/PageScreens.h"
#include "kiosk/ui/QrCode.h"
#include "kiosk/ui/ScreenParts.h"
#include "kiosk/ui/Screens.h"
#include "kiosk/ui/Typography.h"

using namespace kiosk;
using namespace kiosk::ui;
namespace fs = std::filesystem;

namespace {

const std::string kUrl = "https://example.org/raict-2026/programme";  // 40 bytes: QR version 3 at level M

using kiosk::test::Raict;  // the imported RAICT programme (ScreenTestSupport.h)

/// A picture "upload" without GL: decodes the file (so a broken one fails as in the app) and numbers the textures.
struct FakeUpload {
  std::vector<std::string>* log;
  int* next_texture;
  ui::Picture operator()(const fs::path& path) const {
    std::string error;
    const std::optional<app::PixelImage> image = app::DecodePicture(path, &error);
    if (!image) {
      log->push_back("kiosk: assets: " + path.string() + ": " + error + "; skipped");
      return {};
    }
    ui::Picture picture;
    picture.texture = reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>((*next_texture)++));
    picture.width = image->width;
    picture.height = image->height;
    return picture;
  }
};

struct Loaded {
  std::vector<std::string> log;
  int next_texture = 1;
  Branding branding;
};

std::unique_ptr<Loaded> Load(const fs::path& dir, std::string url = kUrl) {
  auto loaded = std::make_unique<Loaded>();
  loaded->branding = app::LoadBranding(dir, FakeUpload{&loaded->log, &loaded->next_texture}, std::move(url),
                                       [log = &loaded->log](const std::string& line) { log->push_back(line); });
  return loaded;
}

void Write(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

bool Contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

/// Sets an environment variable for the scope (unset: nullptr) and restores it after.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value) : m_name(name) {
    if (const char* old = std::getenv(name)) m_old = old;
    if (value) {
      ::setenv(name, value, 1);
    } else {
      ::unsetenv(name);
    }
  }
  ~ScopedEnv() {
    if (m_old) {
      ::setenv(m_name, m_old->c_str(), 1);
    } else {
      ::unsetenv(m_name);
    }
  }

 private:
  const char* m_name;
  std::optional<std::string> m_old;
};

/// One headless frame: every text drawn with its box, and every vertex (position, colour) of the draw lists.
struct Frame {
  std::vector<DrawnText> texts;
  std::vector<ImDrawVert> vertices;
};

template <class Draw>
Frame DrawHeadless(Fonts& fonts, ImVec2 size, const Draw& draw) {
  ImGuiIO& io = ImGui::GetIO();
  io.DisplaySize = size;
  io.DeltaTime = 1.0f / 60.0f;
  fonts.Ensure(ReferenceHeight(size), 16384);
  Frame frame;
  ImGui::NewFrame();
  ScreenContext context = MakeScreenContext(fonts, size);
  context.text_log = &frame.texts;
  draw(context);
  ImGui::Render();
  const ImDrawData* data = ImGui::GetDrawData();
  for (int i = 0; i < data->CmdListsCount; ++i) {
    const ImDrawList* list = data->CmdLists[i];
    frame.vertices.insert(frame.vertices.end(), list->VtxBuffer.begin(), list->VtxBuffer.end());
  }
  return frame;
}

bool InsideBox(const DrawnText& t, ImVec2 min, ImVec2 max) {
  return t.min.x >= min.x - 1 && t.min.y >= min.y - 1 && t.max.x <= max.x + 1 && t.max.y <= max.y + 1 &&
         t.max.x > t.min.x;
}

/// `text` without a trailing "…".
std::string WithoutEllipsis(std::string text) {
  const std::string ellipsis(kEllipsis);
  while (text.size() >= ellipsis.size() && text.compare(text.size() - ellipsis.size(), ellipsis.size(), ellipsis) == 0)
    text.resize(text.size() - ellipsis.size());
  return text;
}

/// Whether a text drawn inside `min`..`max` starts with `prefix` ("Vous êtes ici · You are here" for "Vous êtes ici").
bool StartsDrawn(const std::vector<DrawnText>& texts, const std::string& prefix, ImVec2 min, ImVec2 max) {
  return std::any_of(texts.begin(), texts.end(),
                     [&](const DrawnText& t) { return t.text.rfind(prefix, 0) == 0 && InsideBox(t, min, max); });
}

/// Whether a drawn text inside `min`..`max` begins `text` (its first line, at least a word of it).
bool FirstLineDrawn(const std::vector<DrawnText>& texts, const std::string& text, ImVec2 min, ImVec2 max) {
  return std::any_of(texts.begin(), texts.end(), [&](const DrawnText& t) {
    const std::string line = WithoutEllipsis(t.text);
    return line.size() >= std::min<std::size_t>(3, text.size()) && text.rfind(line, 0) == 0 && InsideBox(t, min, max);
  });
}

// 1024 x 1024: a square screen is landscape to the plan page, with less width than its list's minimum wants.
const std::vector<ImVec2> kSizes = {ImVec2(1280, 720), ImVec2(1920, 1080), ImVec2(1080, 1920), ImVec2(3840, 2160),
                                    ImVec2(1024, 1024)};

/// A PNG of `width` x `height` opaque grey pixels (stb_image_write).
void WritePng(const fs::path& path, int width, int height) {
  fs::create_directories(path.parent_path());
  const std::vector<unsigned char> pixels(static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 4, 128);
  REQUIRE(stbi_write_png(path.c_str(), width, height, 4, pixels.data(), width * 4) != 0);
}

/// A PNG whose header claims `width` x `height` (an 8 x 8 file with its IHDR size rewritten; stb_image reads no CRC):
/// a few hundred bytes that would decode to width * height * 4 bytes.
void WritePngClaiming(const fs::path& path, std::uint32_t width, std::uint32_t height) {
  WritePng(path, 8, 8);
  std::fstream file(path, std::ios::binary | std::ios::in | std::ios::out);
  const unsigned char size[8] = {static_cast<unsigned char>(width >> 24),  static_cast<unsigned char>(width >> 16),
                                 static_cast<unsigned char>(width >> 8),   static_cast<unsigned char>(width),
                                 static_cast<unsigned char>(height >> 24), static_cast<unsigned char>(height >> 16),
                                 static_cast<unsigned char>(height >> 8),  static_cast<unsigned char>(height)};
  file.seekp(16);  // 8 bytes of signature, 4 of length, 4 of "IHDR"
  file.write(reinterpret_cast<const char*>(size), sizeof size);
}

}  // namespace

TEST_CASE("assets: the RAICT folder gives the logo, the five partners and a plan of the programme's rooms") {
  const std::unique_ptr<Loaded> loaded = Load(test::SourcePath("assets/raict-2026"));
  CHECK(loaded->log.empty());
  const Branding& b = loaded->branding;
  REQUIRE(b.logo.Valid());
  CHECK(b.logo.width == 1005);  // tools/make-assets.py's wordmark, trimmed
  CHECK(b.logo.height == 272);
  std::vector<std::string> names;
  for (const Partner& partner : b.partners) names.push_back(partner.name);
  CHECK(names == std::vector<std::string>{"Cités Unies France", "Ministère de l'Europe et des Affaires étrangères",
                                          "AFD", "PLATFORMA", "CGLU · UCLG"});
  CHECK(b.partners[2].caption == "Agence française de développement");
  for (const Partner& partner : b.partners) CHECK_FALSE(partner.logo.Valid());  // names only: no trademarks
  CHECK(b.programme_url == kUrl);
  CHECK(Contains(b.plan.title, "schématique"));
  CHECK(b.plan.aspect == doctest::Approx(1.6));
  CHECK(b.plan.areas.size() == 2);
  REQUIRE(b.plan.rooms.size() == 8);
  const PlanRoom& grand = b.plan.rooms.front();
  CHECK(grand.room_key == "grand-salon");
  CHECK(grand.min.x == doctest::Approx(0.02));
  CHECK(grand.max.y == doctest::Approx(0.50));

  // Every plan room is a room of the programme, and every room of the programme is on the plan.
  const Programme& p = Raict();
  REQUIRE(p.rooms.size() == 8);
  for (const PlanRoom& room : b.plan.rooms) {
    CAPTURE(room.room_key);
    CHECK(std::any_of(p.rooms.begin(), p.rooms.end(),
                      [&](const Room& r) { return MatchKey(r.key) == MatchKey(room.room_key); }));
  }
  for (const Room& r : p.rooms) {
    CAPTURE(r.name);
    CHECK(std::any_of(b.plan.rooms.begin(), b.plan.rooms.end(),
                      [&](const PlanRoom& room) { return MatchKey(room.room_key) == MatchKey(r.key); }));
  }
  // No two rooms overlap, and all lie within the plan.
  for (std::size_t i = 0; i < b.plan.rooms.size(); ++i) {
    const PlanRoom& r = b.plan.rooms[i];
    CHECK(r.min.x >= 0.0f);
    CHECK(r.max.x <= 1.0f);
    for (std::size_t j = i + 1; j < b.plan.rooms.size(); ++j) {
      const PlanRoom& o = b.plan.rooms[j];
      CAPTURE(r.room_key);
      CAPTURE(o.room_key);
      CHECK((r.max.x <= o.min.x || o.max.x <= r.min.x || r.max.y <= o.min.y || o.max.y <= r.min.y));
    }
  }
  // Every character of the assets' texts is in the fonts' base ranges (Latin-1, Latin Extended-A, punctuation).
  for (char32_t c : DecodeUtf8(app::BrandingText(b))) CHECK((c < 0x180 || (c >= 0x2000 && c < 0x2070)));
}

TEST_CASE("assets: FindAssetsDir takes the configured folder, then KIOSK_ASSETS, then the source tree's event") {
  const fs::path raict = test::SourcePath("assets/raict-2026");
  CHECK(app::FindAssetsDir(raict) == raict);
  CHECK(app::FindAssetsDir(test::SourcePath("assets")) == raict);  // a folder of events: its first event
  test::TempDir dir;
  Write(dir.Path() / "b-event" / "partners.toml", "");
  Write(dir.Path() / "a-event" / "logo.png", "");
  fs::create_directories(dir.Path() / "0-empty");
  {
    ScopedEnv env("KIOSK_ASSETS", dir.Path().c_str());
    CHECK(app::FindAssetsDir("") == dir.Path() / "a-event");
    CHECK(app::FindAssetsDir(raict) == raict);
  }
  ScopedEnv env("KIOSK_ASSETS", nullptr);
  CHECK(app::FindAssetsDir("") == raict);
  CHECK(app::FindAssetsDir("/nonexistent/kiosk-assets") == "/nonexistent/kiosk-assets");
}

TEST_CASE("assets: a missing folder, a broken PNG and bad TOML are each skipped with one line naming the file") {
  SUBCASE("missing folder") {
    const std::unique_ptr<Loaded> loaded = Load("/nonexistent/kiosk-assets/raict");
    REQUIRE(loaded->log.size() == 1);
    CHECK(Contains(loaded->log[0], "/nonexistent/kiosk-assets/raict"));
    CHECK_FALSE(loaded->branding.logo.Valid());
    CHECK(loaded->branding.partners.empty());
    CHECK(loaded->branding.plan.Empty());
    CHECK(loaded->branding.programme_url == kUrl);
  }
  SUBCASE("broken PNG, missing partner logo, TOML syntax error, a room outside the plan") {
    test::TempDir dir;
    Write(dir.Path() / "logo.png", "\x89PNG\r\n\x1a\nthis is not a PNG any more");
    Write(dir.Path() / "partners.toml",
          "[[partner]]\nname = \"AFD\"\nlogo = \"partners/afd.png\"\n\n[[partner]]\ncaption = \"no name\"\n");
    Write(dir.Path() / "venue-plan.toml",
          "title = \"Test\"\naspect = 2.0\n[[room]]\nkey = \"salon-monge\"\nx = 0.1\ny = 0.1\nw = 0.3\nh = 0.3\n"
          "[[room]]\nkey = \"salon-laplace\"\nx = 0.8\ny = 0.1\nw = 0.5\nh = 0.3\n");
    const std::unique_ptr<Loaded> loaded = Load(dir.Path());
    for (const std::string& line : loaded->log) MESSAGE(line);
    REQUIRE(loaded->log.size() == 4);
    CHECK(Contains(loaded->log[0], (dir.Path() / "logo.png").string()));
    CHECK(Contains(loaded->log[1], "partners.toml:1"));  // the partner whose logo is missing …
    CHECK(Contains(loaded->log[1], "partners/afd.png"));
    CHECK(Contains(loaded->log[2], "partners.toml:5"));    // … and the one without a name
    CHECK(Contains(loaded->log[3], "venue-plan.toml:9"));  // the second [[room]]
    CHECK(Contains(loaded->log[3], "salon-laplace"));
    CHECK_FALSE(loaded->branding.logo.Valid());
    REQUIRE(loaded->branding.partners.size() == 1);
    CHECK(loaded->branding.partners[0].name == "AFD");  // shown by name
    CHECK_FALSE(loaded->branding.partners[0].logo.Valid());
    REQUIRE(loaded->branding.plan.rooms.size() == 1);
    CHECK(loaded->branding.plan.aspect == doctest::Approx(2.0));

    // A TOML syntax error: the file is skipped, the message names it and the line.
    Write(dir.Path() / "partners.toml", "[[partner]]\nname = \"AFD\"\ncaption = \"unterminated\n");
    Write(dir.Path() / "venue-plan.toml", "title = \"Test\"\n\n[[room]\nkey = 1\n");
    fs::remove(dir.Path() / "logo.png");
    const std::unique_ptr<Loaded> bad = Load(dir.Path());
    for (const std::string& line : bad->log) MESSAGE(line);
    REQUIRE(bad->log.size() == 3);
    CHECK(Contains(bad->log[0], "logo.png"));
    CHECK(Contains(bad->log[1], (dir.Path() / "partners.toml").string() + ":3"));
    CHECK(Contains(bad->log[2], (dir.Path() / "venue-plan.toml").string() + ":3"));
    CHECK(bad->branding.partners.empty());
    CHECK(bad->branding.plan.Empty());
  }
  SUBCASE("DecodePicture says why") {
    test::TempDir dir;
    std::string error;
    CHECK_FALSE(app::DecodePicture(dir.Path() / "none.png", &error));
    CHECK(error == "no such file");
    Write(dir.Path() / "empty.png", "");
    CHECK_FALSE(app::DecodePicture(dir.Path() / "empty.png", &error));
    CHECK(Contains(error, "cannot decode"));
    const std::optional<app::PixelImage> logo = app::DecodePicture(test::SourcePath("assets/raict-2026/logo.png"));
    REQUIRE(logo);
    CHECK(logo->Bytes() == std::size_t{1005} * 272 * 4);
    REQUIRE(logo->rgba);
    CHECK(logo->rgba.get()[3] == 0);  // a transparent corner
  }
}

TEST_CASE("assets: a nan or inf coordinate in venue-plan.toml skips that room with its line, and a nan aspect is 1.6") {
  test::TempDir dir;
  // TOML 1.0 has nan and inf; NaN fails every range comparison, so only an explicit check refuses it.
  Write(dir.Path() / "venue-plan.toml",
        "aspect = nan\n"                                                   // line 1
        "[[room]]\nkey = \"a\"\nx = nan\ny = 0.1\nw = 0.2\nh = 0.2\n"      // 2
        "[[room]]\nkey = \"b\"\nx = 0.1\ny = 0.1\nw = 0.2\nh = -nan\n"     // 8
        "[[room]]\nkey = \"c\"\nx = 0.5\ny = 0.5\nw = inf\nh = 0.2\n"      // 14
        "[[room]]\nkey = \"d\"\nx = 0.5\ny = 0.5\nw = 0.2\nh = 0.2\n"      // 20
        "[[area]]\nlabel = \"e\"\nx = 0.0\ny = nan\nw = 0.2\nh = 0.2\n");  // 26
  const std::unique_ptr<Loaded> loaded = Load(dir.Path());
  // The plan's lines (the folder has no logo and no partners: a line each).
  std::vector<std::string> log;
  for (const std::string& line : loaded->log) {
    MESSAGE(line);
    if (Contains(line, "venue-plan.toml")) log.push_back(line);
  }
  const VenuePlan& plan = loaded->branding.plan;
  REQUIRE(plan.rooms.size() == 1);
  CHECK(plan.rooms[0].room_key == "d");
  CHECK(plan.areas.empty());
  CHECK(plan.aspect == doctest::Approx(1.6));
  for (const PlanRoom& room : plan.rooms) {
    CHECK(std::isfinite(room.min.x));
    CHECK(std::isfinite(room.max.y));
  }
  REQUIRE(log.size() == 5);
  CHECK(Contains(log[0], "venue-plan.toml:1"));
  CHECK(Contains(log[1], "venue-plan.toml:2"));
  CHECK(Contains(log[1], "room 'a'"));
  CHECK(Contains(log[1], "finite"));
  CHECK(Contains(log[2], "venue-plan.toml:8"));
  CHECK(Contains(log[3], "venue-plan.toml:14"));
  CHECK(Contains(log[4], "venue-plan.toml:26"));
  CHECK(Contains(log[4], "finite"));
}

TEST_CASE("assets: a picture over 4096 pixels a side is refused from its header, before it is decoded") {
  test::TempDir dir;
  std::string error;
  // A real 5000 x 4 PNG: refused at the default limit, decoded when the caller allows it.
  WritePng(dir.Path() / "wide.png", 5000, 4);
  CHECK_FALSE(app::DecodePicture(dir.Path() / "wide.png", &error));
  CHECK(error == "size 5000x4 is over 4096 pixels a side; not decoded (scale it down)");
  const std::optional<app::PixelImage> wide = app::DecodePicture(dir.Path() / "wide.png", &error, 8192);
  REQUIRE(wide);
  CHECK(wide->width == 5000);
  CHECK(wide->height == 4);
  CHECK(wide->rgba.get()[0] == 128);
  CHECK(wide->rgba.get()[wide->Bytes() - 1] == 128);
  // A header claiming 8000 x 8000 (256 MB decoded; stb_image itself refuses a claim over 2^30 bytes) in a file of a
  // few hundred bytes: the size is the reason, not a decoding failure after a huge allocation.
  WritePngClaiming(dir.Path() / "bomb.png", 8000, 8000);
  CHECK(fs::file_size(dir.Path() / "bomb.png") < 1000);
  CHECK_FALSE(app::DecodePicture(dir.Path() / "bomb.png", &error));
  CHECK(error == "size 8000x8000 is over 4096 pixels a side; not decoded (scale it down)");
  // The limit is the caller's: the 1005 x 272 logo under a 1000-pixel one.
  CHECK_FALSE(app::DecodePicture(test::SourcePath("assets/raict-2026/logo.png"), &error, 1000));
  CHECK(error == "size 1005x272 is over 1000 pixels a side; not decoded (scale it down)");
  CHECK(app::DecodePicture(test::SourcePath("assets/raict-2026/logo.png"), &error, 1005));

  // Through LoadBranding: the oversized logo is skipped with a line naming it; the rest loads.
  WritePng(dir.Path() / "logo.png", 4097, 2);
  const std::unique_ptr<Loaded> loaded = Load(dir.Path());
  CHECK_FALSE(loaded->branding.logo.Valid());
  REQUIRE_FALSE(loaded->log.empty());
  CHECK(Contains(loaded->log[0], (dir.Path() / "logo.png").string()));
  CHECK(Contains(loaded->log[0], "4097x2 is over 4096"));
}

TEST_CASE("assets: texts over 200 characters are cut whole at a character, partners after the 48th dropped") {
  test::TempDir dir;
  // 250 two-byte characters: cut at 200 characters, 400 bytes, never inside one.
  std::string long_name;
  for (int i = 0; i < 250; ++i) long_name += "é";
  std::string partners;
  for (int i = 0; i < 50; ++i)
    partners += "[[partner]]\nname = \"" + (i == 0 ? long_name : "P" + std::to_string(i)) + "\"\ncaption = \"" +
                (i == 1 ? std::string(300, 'c') : std::string("c")) + "\"\n";
  Write(dir.Path() / "partners.toml", partners);
  Write(dir.Path() / "venue-plan.toml", "title = \"" + std::string(201, 't') + "\"\n[[room]]\nkey = \"a\"\nlabel = \"" +
                                            std::string(200, 'l') + "\"\nx = 0.1\ny = 0.1\nw = 0.2\nh = 0.2\n");
  WritePng(dir.Path() / "logo.png", 4, 4);
  const std::unique_ptr<Loaded> loaded = Load(dir.Path());
  for (const std::string& line : loaded->log) MESSAGE(line);
  const Branding& b = loaded->branding;
  REQUIRE(b.partners.size() == 48);
  CHECK(b.partners[0].name.size() == 400);
  CHECK(b.partners[0].name == long_name.substr(0, 400));
  CHECK(b.partners[1].caption == std::string(200, 'c'));
  CHECK(b.partners[47].name == "P47");
  CHECK(b.plan.title == std::string(200, 't'));
  REQUIRE(b.plan.rooms.size() == 1);
  CHECK(b.plan.rooms[0].label == std::string(200, 'l'));  // 200 exactly is kept
  REQUIRE(loaded->log.size() == 4);
  CHECK(Contains(loaded->log[0], "partners.toml:1"));
  CHECK(Contains(loaded->log[0], "partner name is over 200 characters; cut"));
  CHECK(Contains(loaded->log[1], "partner caption"));
  CHECK(Contains(loaded->log[2], "partners.toml:145"));  // the 49th [[partner]]
  CHECK(Contains(loaded->log[2], "more than 48 partners"));
  CHECK(Contains(loaded->log[3], "venue-plan.toml:1"));
}

TEST_CASE("plan: a plan room keyed by the programme room's name is the same room for the highlight and PlanHasRoom") {
  VenuePlan plan;
  plan.aspect = 2.0f;
  plan.rooms.push_back({"Salle Bleue", "", ImVec2(0.05f, 0.1f), ImVec2(0.45f, 0.9f)});  // the name, not the key
  plan.rooms.push_back({"r2", "Autre", ImVec2(0.55f, 0.1f), ImVec2(0.95f, 0.9f)});
  const std::vector<Room> rooms = {Room{"r1", "Salle Bleue"}, Room{"r2", "Salle Rouge"}};
  CHECK(PlanRoomMatches(plan.rooms[0], "r1", "Salle Bleue"));
  CHECK(PlanRoomMatches(plan.rooms[0], "salle-bleue", ""));
  CHECK_FALSE(PlanRoomMatches(plan.rooms[0], "r1", ""));
  CHECK_FALSE(PlanRoomMatches(PlanRoom{}, "", ""));  // an empty key matches nothing
  CHECK(PlanHasRoom(plan, rooms[0]));
  CHECK(PlanHasRoom(plan, rooms[1]));
  CHECK_FALSE(PlanHasRoom(plan, Room{"r3", "Salle Verte"}));

  const Theme& theme = Theme::Venue();
  ImGuiContext* imgui = ImGui::CreateContext();
  ImGui::GetIO().IniFilename = nullptr;
  {
    Fonts fonts;
    const ImVec2 size(1920, 1080);
    // Accent vertices inside the left room's rectangle and none elsewhere, for the highlight `key`.
    auto accents = [&](std::string_view key, const std::vector<Room>* names) {
      std::pair<ImVec2, ImVec2> box;
      const Frame frame = DrawHeadless(fonts, size, [&](const ScreenContext& context) {
        BeginScreen(context);
        Painter p(context);
        box = DrawPlanInset(p, ImVec2(100, 100), ImVec2(1100, 600), plan, key, true, names);
        EndScreenWindow();
      });
      const float w = box.second.x - box.first.x, h = box.second.y - box.first.y;
      const PlanRoom& room = plan.rooms[0];
      const ImVec2 rmin(box.first.x + room.min.x * w - 1, box.first.y + room.min.y * h - 1);
      const ImVec2 rmax(box.first.x + room.max.x * w + 1, box.first.y + room.max.y * h + 1);
      std::pair<int, int> in_out{0, 0};
      for (const ImDrawVert& v : frame.vertices) {
        if (v.col != theme.accent) continue;
        const bool in = v.pos.x >= rmin.x && v.pos.x <= rmax.x && v.pos.y >= rmin.y && v.pos.y <= rmax.y;
        (in ? in_out.first : in_out.second)++;
      }
      return in_out;
    };
    // The programme's key: the plan names the room, the programme's rooms tell the inset that they are one.
    auto [in, out] = accents("r1", &rooms);
    CHECK(in >= 4);
    CHECK(out == 0);
    std::tie(in, out) = accents("Salle Bleue", &rooms);  // the name still works
    CHECK(in >= 4);
    CHECK(out == 0);
    std::tie(in, out) = accents("r1", nullptr);  // without the programme's rooms nothing says r1 is Salle Bleue
    CHECK(in == 0);
    std::tie(in, out) = accents("r3", &rooms);
    CHECK(in == 0);
    CHECK(out == 0);
  }
  ImGui::DestroyContext(imgui);
}

TEST_CASE(
    "pictures: UploadPicture's textures belong to a PictureStore, and an earlier GL error does not lose a picture") {
  static_assert(!std::is_copy_constructible_v<app::PictureStore>);
  static_assert(!std::is_copy_assignable_v<app::PictureStore>);
  // Needs a display (xvfb-run -a ctest …); without one there is no GL context to test with.
  app::KioskWindow window;
  app::WindowOptions options;
  options.width = 320;
  options.height = 240;
  options.hidden = true;
  if (!window.Open(options, nullptr, {})) {
    MESSAGE("no display: the GL picture store is not tested (run under xvfb-run -a)");
    return;
  }
  test::TempDir dir;
  WritePng(dir.Path() / "wide.png", 4097, 2);
  std::vector<std::string> log;
  const app::AssetLog to_log = [&log](const std::string& line) { log.push_back(line); };
  GLuint logo_texture = 0, second_texture = 0;
  {
    app::PictureStore store;
    CHECK(store.Size() == 0);
    glEnable(0x7FFF);  // GL_INVALID_ENUM, left unread: UploadPicture must not take it for its own
    const Picture logo = app::UploadPicture(test::SourcePath("assets/raict-2026/logo.png"), store, to_log);
    REQUIRE(logo.Valid());
    CHECK(logo.width == 1005);
    CHECK(logo.height == 272);
    CHECK(store.Size() == 1);
    logo_texture = static_cast<GLuint>(reinterpret_cast<std::intptr_t>(logo.texture));
    CHECK(glIsTexture(logo_texture) == GL_TRUE);
    // Over 4096 pixels a side: refused, nothing held.
    CHECK_FALSE(app::UploadPicture(dir.Path() / "wide.png", store, to_log).Valid());
    CHECK(store.Size() == 1);
    REQUIRE(log.size() == 1);
    CHECK(Contains(log[0], "wide.png"));
    CHECK(Contains(log[0], "4097x2 is over"));
    CHECK(Contains(log[0], "not decoded"));
    // Clear() deletes what the store holds.
    store.Clear();
    CHECK(store.Size() == 0);
    CHECK(glIsTexture(logo_texture) == GL_FALSE);
    const Picture again = app::UploadPicture(test::SourcePath("assets/raict-2026/logo.png"), store, to_log);
    REQUIRE(again.Valid());
    second_texture = static_cast<GLuint>(reinterpret_cast<std::intptr_t>(again.texture));
    CHECK(glIsTexture(second_texture) == GL_TRUE);
  }
  // The store's destructor deleted its texture.
  CHECK(glIsTexture(second_texture) == GL_FALSE);
  CHECK(glGetError() == GL_NO_ERROR);
  window.Close();
}

TEST_CASE("qr: a programme URL encodes at level M in the smallest version, the same every time") {
  const QrMatrix code = EncodeQr(kUrl);
  CHECK(code.size == 29);  // 40 bytes: version 2 holds 26 at level M, version 3 holds 42
  REQUIRE(code.dark.size() == 29u * 29u);
  CHECK(EncodeQr(kUrl).dark == code.dark);
  CHECK(EncodeQr("https://example.org/").size == 25);  // 20 bytes: version 2 (version 1 holds 14)
  // The finder patterns: a dark 7x7 ring, a light ring inside, a dark 3x3 centre, in three corners.
  for (auto [x0, y0] : {std::pair{0, 0}, std::pair{22, 0}, std::pair{0, 22}}) {
    CHECK(code.Dark(x0, y0));
    CHECK(code.Dark(x0 + 6, y0 + 6));
    CHECK_FALSE(code.Dark(x0 + 1, y0 + 1));
    CHECK(code.Dark(x0 + 3, y0 + 3));
  }
  // Version 3's one alignment pattern, centred on module (22, 22): dark centre, light ring, dark ring.
  CHECK(code.Dark(22, 22));
  CHECK_FALSE(code.Dark(21, 21));
  CHECK(code.Dark(20, 20));
  CHECK(EncodeQr("").Empty());
  CHECK(EncodeQr(std::string(3000, 'x')).Empty());  // over version 40 at level M (2331 bytes)
  CHECK(EncodeQr(std::string(2331, 'x')).size == 177);
}

TEST_CASE("qr: drawn on whole pixels, dark modules on a white square with a quiet zone of 4 modules") {
  ImGuiContext* imgui = ImGui::CreateContext();
  ImGui::GetIO().IniFilename = nullptr;
  {
    Fonts fonts;
    bool drawn = false, too_small = true, empty = true;
    const Frame frame = DrawHeadless(fonts, ImVec2(1920, 1080), [&](const ScreenContext& context) {
      BeginScreen(context);
      Painter p(context);
      drawn = DrawQrCode(p, ImVec2(100.4f, 200.6f), 300.0f, kUrl);
      too_small = DrawQrCode(p, ImVec2(600, 200), 30.0f, kUrl);  // under a pixel a module
      empty = DrawQrCode(p, ImVec2(900, 200), 300.0f, "");
      EndScreenWindow();
    });
    CHECK(drawn);
    CHECK_FALSE(too_small);
    CHECK_FALSE(empty);
    // 29 + 8 modules in 300 px: 8 px a module; the square at (100, 201), the code 4 modules (+ 2 px centring) in.
    int black = 0;
    float min_x = 1e9f, min_y = 1e9f, max_x = 0, max_y = 0;
    for (const ImDrawVert& v : frame.vertices) {
      if (v.col != IM_COL32(0, 0, 0, 255)) continue;
      ++black;
      CHECK(v.pos.x == std::round(v.pos.x));
      CHECK(v.pos.y == std::round(v.pos.y));
      min_x = std::min(min_x, v.pos.x), min_y = std::min(min_y, v.pos.y);
      max_x = std::max(max_x, v.pos.x), max_y = std::max(max_y, v.pos.y);
    }
    CHECK(black > 0);
    CHECK(min_x == 100 + 2 + 32);
    CHECK(min_y == 201 + 2 + 32);
    CHECK(max_x == 100 + 2 + 32 + 29 * 8);
    CHECK(max_y == 201 + 2 + 32 + 29 * 8);
  }
  ImGui::DestroyContext(imgui);
}

TEST_CASE("qr: DrawQrCode keeps the last URL's code, and a new URL draws its own") {
  ImGuiContext* imgui = ImGui::CreateContext();
  ImGui::GetIO().IniFilename = nullptr;
  {
    Fonts fonts;
    // The dark vertices of `url`'s code drawn alone.
    auto dark = [&](std::string_view url) {
      const Frame frame = DrawHeadless(fonts, ImVec2(1920, 1080), [&](const ScreenContext& context) {
        BeginScreen(context);
        Painter p(context);
        CHECK(DrawQrCode(p, ImVec2(100, 100), 400.0f, url));
        EndScreenWindow();
      });
      std::vector<ImVec2> points;
      for (const ImDrawVert& v : frame.vertices)
        if (v.col == IM_COL32(0, 0, 0, 255)) points.push_back(v.pos);
      return points;
    };
    auto same = [](const std::vector<ImVec2>& a, const std::vector<ImVec2>& b) {
      return a.size() == b.size() &&
             std::equal(a.begin(), a.end(), b.begin(), [](ImVec2 p, ImVec2 q) { return p.x == q.x && p.y == q.y; });
    };
    const std::vector<ImVec2> first = dark(kUrl), again = dark(kUrl);
    const std::vector<ImVec2> other = dark("https://example.org/");  // version 2, not 3: another code
    const std::vector<ImVec2> back = dark(kUrl);
    CHECK_FALSE(first.empty());
    CHECK(same(first, again));
    CHECK_FALSE(same(first, other));
    CHECK(same(first, back));
    // The code drawn is EncodeQr's: its dark modules' count in runs matches the matrix's.
    const QrMatrix code = EncodeQr("https://example.org/");
    int runs = 0;
    for (int y = 0; y < code.size; ++y)
      for (int x = 0; x < code.size; ++x)
        if (code.Dark(x, y) && !code.Dark(x - 1, y)) ++runs;
    CHECK(other.size() == static_cast<std::size_t>(runs) * 4);
  }
  ImGui::DestroyContext(imgui);
}

TEST_CASE("pages: partners and plan inside the screen and their bands at 720p, 1080p, portrait and 4K") {
  const VenueZone zone("Europe/Paris");
  const Programme& p = Raict();
  const Instant now = ParseIsoInstant("2026-07-08T10:20", zone);
  const BoardViewModel board = BoardViewModel::Build(p, now, zone, {4, now - std::chrono::minutes{30}});
  const std::unique_ptr<Loaded> loaded = Load(test::SourcePath("assets/raict-2026"));
  const Branding& branding = loaded->branding;
  Announcement emergency;
  emergency.id = 1;
  emergency.priority = AnnouncementPriority::Emergency;
  emergency.text = "Évacuez le bâtiment";
  emergency.text_en = "Evacuate the building";
  emergency.made_at = now - std::chrono::minutes{1};
  const AnnouncementsViewModel alarm = AnnouncementsViewModel::Build({emergency}, now, nullptr);

  int on_now = 0;
  for (const RoomCard& card : board.rooms) on_now += card.now ? 1 : 0;
  REQUIRE(on_now >= 6);  // 10:20 on 8 July: the workshops, the regional meeting and the B2B meetings

  ImGuiContext* imgui = ImGui::CreateContext();
  ImGui::GetIO().IniFilename = nullptr;
  {
    Fonts fonts;
    fonts.SetText(ProgrammeText(p) + app::BrandingText(branding));
    for (const ImVec2 size : kSizes) {
      CAPTURE(size.x);
      CAPTURE(size.y);
      fonts.Ensure(ReferenceHeight(size), 16384);
      ScreenContext probe = MakeScreenContext(fonts, size);
      probe.branding = &branding;
      CHECK(HasPartnersPage(probe));
      CHECK(HasPlanPage(probe));
      const Bands bands = LayoutBands(probe);
      // Every text inside the screen, and inside the header, the content or the footer band.
      auto check_bands = [&](const Frame& frame) {
        REQUIRE_FALSE(frame.texts.empty());
        for (const DrawnText& t : frame.texts) {
          CAPTURE(t.text);
          CAPTURE(t.min.y);
          CAPTURE(t.max.y);
          CHECK(InsideBox(t, ImVec2(0, 0), size));
          const bool header =
              InsideBox(t, ImVec2(bands.left, bands.header_top), ImVec2(bands.right, bands.header_bottom));
          const bool content =
              InsideBox(t, ImVec2(bands.left, bands.content_top), ImVec2(bands.right, bands.content_bottom));
          const bool footer =
              InsideBox(t, ImVec2(bands.left, bands.footer_top), ImVec2(bands.right, bands.footer_bottom));
          CHECK((header || content || footer));
        }
      };
      const ImVec2 content_min(bands.left, bands.content_top), content_max(bands.right, bands.content_bottom);

      const Frame partners = DrawHeadless(fonts, size, [&](ScreenContext c) {
        c.branding = &branding;
        DrawPartners(c, board, {2, 4});
      });
      check_bands(partners);
      CHECK(FirstLineDrawn(partners.texts, "Nos partenaires", content_min, content_max));
      for (const Partner& partner : branding.partners) {
        CAPTURE(partner.name);
        CHECK(FirstLineDrawn(partners.texts, FrenchDisplay(partner.name), content_min, content_max));
        CHECK(FirstLineDrawn(partners.texts, FrenchDisplay(partner.caption), content_min, content_max));
      }
      CHECK(FirstLineDrawn(partners.texts, "Le programme en ligne", content_min, content_max));
      CHECK(std::any_of(partners.vertices.begin(), partners.vertices.end(),
                        [](const ImDrawVert& v) { return v.col == IM_COL32(0, 0, 0, 255); }));  // the QR code

      const Frame plan = DrawHeadless(fonts, size, [&](ScreenContext c) {
        c.branding = &branding;
        DrawVenuePlan(c, board, {3, 4}, "accueil");
      });
      check_bands(plan);
      CHECK(FirstLineDrawn(plan.texts, "Plan des salles", content_min, content_max));
      CHECK(StartsDrawn(plan.texts, "Vous êtes ici", content_min, content_max));
      CHECK(FirstLineDrawn(plan.texts, FrenchDisplay(branding.plan.title), content_min, content_max));
      // Every room's name on the plan, and every session on now beside it (its title's first line).
      for (const PlanRoom& room : branding.plan.rooms) {
        CAPTURE(room.label);
        CHECK(FirstLineDrawn(plan.texts, room.label, content_min, content_max));
      }
      int listed = 0;
      for (const RoomCard& card : board.rooms)
        if (card.now && FirstLineDrawn(plan.texts, card.now->item.title, content_min, content_max)) ++listed;
      CHECK(listed >= std::min(on_now, 4));
      // The rooms on now are filled in their kind's colour: the plenary-free morning has workshops in sky blue.
      const ImU32 workshop = Theme::Venue().Dim(Theme::Venue().KindColour(SessionKind::Workshop), 0.72f);
      CHECK(std::any_of(plan.vertices.begin(), plan.vertices.end(),
                        [&](const ImDrawVert& v) { return v.col == workshop; }));
      if (size.x == size.y) {
        // A square screen is too narrow for the list's least width (m.U(480)) beside the plan: the list goes under
        // it, from the left edge, below the plan's title.
        const auto heading = std::find_if(plan.texts.begin(), plan.texts.end(),
                                          [](const DrawnText& t) { return t.text.rfind("En ce moment", 0) == 0; });
        const auto title = std::find_if(plan.texts.begin(), plan.texts.end(), [&](const DrawnText& t) {
          return t.text.rfind(FrenchDisplay(branding.plan.title).substr(0, 10), 0) == 0;
        });
        REQUIRE(heading != plan.texts.end());
        REQUIRE(title != plan.texts.end());
        CHECK(heading->min.x <= bands.left + 1);
        CHECK(heading->min.y >= title->max.y);
      }

      // An emergency covers both pages.
      for (int page = 0; page < 2; ++page) {
        const Frame covered = DrawHeadless(fonts, size, [&](ScreenContext c) {
          c.branding = &branding;
          c.announcements = &alarm;
          if (page == 0) {
            DrawPartners(c, board, {2, 4});
          } else {
            DrawVenuePlan(c, board, {3, 4}, "accueil");
          }
        });
        CHECK(std::any_of(covered.texts.begin(), covered.texts.end(),
                          [](const DrawnText& t) { return Contains(t.text, "ALERTE"); }));
        CHECK_FALSE(std::any_of(covered.texts.begin(), covered.texts.end(), [](const DrawnText& t) {
          return Contains(t.text, "AFD") || Contains(t.text, "Salon Monge");
        }));
      }
    }
    // Without branding the pages have nothing to show, and the rotation skips them.
    ScreenContext bare = MakeScreenContext(fonts, ImVec2(1920, 1080));
    CHECK_FALSE(HasPartnersPage(bare));
    CHECK_FALSE(HasPlanPage(bare));
  }
  ImGui::DestroyContext(imgui);
}

TEST_CASE("plan inset: 'Vous êtes ici' on the highlighted room, filled in the accent, inside the box") {
  const std::unique_ptr<Loaded> loaded = Load(test::SourcePath("assets/raict-2026"));
  const VenuePlan& plan = loaded->branding.plan;
  const Theme& theme = Theme::Venue();
  ImGuiContext* imgui = ImGui::CreateContext();
  ImGui::GetIO().IniFilename = nullptr;
  {
    Fonts fonts;
    fonts.SetText(app::BrandingText(loaded->branding));
    for (const ImVec2 size : kSizes) {
      CAPTURE(size.x);
      for (const std::string key : {"salon-monge", "Salle La Rochefoucauld", "restaurant-les-arts"}) {
        CAPTURE(key);
        std::pair<ImVec2, ImVec2> box;
        // The inset as a door sign would place it: a third of the width, in the lower half.
        const ImVec2 a(std::round(size.x * 0.6f), std::round(size.y * 0.5f)), b(size.x - 40, size.y - 40);
        const Frame frame = DrawHeadless(fonts, size, [&](const ScreenContext& context) {
          BeginScreen(context);
          Painter p(context);
          box = DrawPlanInset(p, a, b, plan, key, true, &Raict().rooms);
          EndScreenWindow();
        });
        // The plan keeps its aspect inside the box it was given.
        CHECK(box.first.x >= a.x);
        CHECK(box.second.x <= b.x);
        CHECK(box.second.y <= b.y);
        CHECK((box.second.x - box.first.x) / (box.second.y - box.first.y) == doctest::Approx(1.6).epsilon(0.02));
        for (const DrawnText& t : frame.texts) {
          CAPTURE(t.text);
          CHECK(InsideBox(t, box.first, box.second));
        }
        CHECK(StartsDrawn(frame.texts, "Vous êtes ici", box.first, box.second));
        // The highlighted room is filled in the accent colour: accent vertices inside its rectangle.
        const PlanRoom* room = nullptr;
        for (const PlanRoom& r : plan.rooms)
          if (MatchKey(r.room_key) == MatchKey(key)) room = &r;
        REQUIRE(room != nullptr);
        const float w = box.second.x - box.first.x, h = box.second.y - box.first.y;
        const ImVec2 rmin(box.first.x + room->min.x * w - 1, box.first.y + room->min.y * h - 1);
        const ImVec2 rmax(box.first.x + room->max.x * w + 1, box.first.y + room->max.y * h + 1);
        int accent = 0, outside = 0;
        for (const ImDrawVert& v : frame.vertices) {
          if (v.col != theme.accent) continue;
          const bool in = v.pos.x >= rmin.x && v.pos.x <= rmax.x && v.pos.y >= rmin.y && v.pos.y <= rmax.y;
          (in ? accent : outside)++;
        }
        CHECK(accent >= 4);
        CHECK(outside == 0);
      }
      // No highlight: no accent, no "Vous êtes ici"; an empty plan draws nothing.
      const Frame plain = DrawHeadless(fonts, size, [&](const ScreenContext& context) {
        BeginScreen(context);
        Painter p(context);
        DrawPlanInset(p, ImVec2(0, 0), size, plan, "", true);
        const auto none = DrawPlanInset(p, ImVec2(0, 0), size, VenuePlan{}, "accueil", true);
        CHECK(none.first.x == none.second.x);
        EndScreenWindow();
      });
      CHECK_FALSE(std::any_of(plain.texts.begin(), plain.texts.end(),
                              [](const DrawnText& t) { return Contains(t.text, "Vous"); }));
    }
    // --here and a door sign's room are read by the one room lookup (core/RoomLookup.h): a unique word of a
    // programme room's name lights that room at 1080p.
    const ImVec2 size(1920, 1080);
    // query → the plan room that lights up; "Salon" names four rooms and lights none.
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"Monge", "salon-monge"}, {"la roche", "salle-la-rochefoucauld"}, {"accueil", "accueil"}, {"Salon", ""}};
    for (const auto& [query, lit] : cases) {
      CAPTURE(query);
      std::pair<ImVec2, ImVec2> box;
      const Frame frame = DrawHeadless(fonts, size, [&](const ScreenContext& context) {
        BeginScreen(context);
        Painter p(context);
        box = DrawPlanInset(p, ImVec2(40, 40), ImVec2(size.x - 40, size.y - 40), plan, query, true, &Raict().rooms);
        EndScreenWindow();
      });
      const float w = box.second.x - box.first.x, h = box.second.y - box.first.y;
      // The lit room: the plan room holding the most accent vertices (a neighbour may share an edge's few).
      std::string accented;
      long most = 0;
      for (const PlanRoom& r : plan.rooms) {
        const ImVec2 rmin(box.first.x + r.min.x * w - 1, box.first.y + r.min.y * h - 1);
        const ImVec2 rmax(box.first.x + r.max.x * w + 1, box.first.y + r.max.y * h + 1);
        const long count = std::count_if(frame.vertices.begin(), frame.vertices.end(), [&](const ImDrawVert& v) {
          return v.col == theme.accent && v.pos.x >= rmin.x && v.pos.x <= rmax.x && v.pos.y >= rmin.y &&
                 v.pos.y <= rmax.y;
        });
        if (count > most) most = count, accented = r.room_key;
      }
      CHECK(accented == lit);
      if (!lit.empty()) CHECK(most >= 4);
      CHECK(StartsDrawn(frame.texts, "Vous êtes ici", box.first, box.second) == !lit.empty());
    }
  }
  ImGui::DestroyContext(imgui);
}

TEST_CASE("plan: 'Vous êtes ici' covers no label (rooms, 'Entrée · Entrance') for each room as here, page and inset") {
  // Issue 11: on the plan the callout covered the "Entrée · Entrance" label (the door sign's portrait inset of Salle
  // La Rochefoucauld, the plan page at 1920x1080 with the Accueil as here).
  const VenueZone zone("Europe/Paris");
  const Instant now = ParseIsoInstant("2026-07-09T11:10", zone);
  const BoardViewModel board = BoardViewModel::Build(Raict(), now, zone, {4, now - std::chrono::minutes{30}});
  const std::unique_ptr<Loaded> loaded = Load(test::SourcePath("assets/raict-2026"));
  const Branding& branding = loaded->branding;
  test::HeadlessImGui imgui;  // destroyed however the case ends
  {
    Fonts fonts;
    fonts.SetText(ProgrammeText(Raict()) + app::BrandingText(branding));
    // The callout's rectangle (box "you_are_here") against every other text drawn: none intersects it.
    auto check_clear = [](const Frame& frame, const std::vector<DrawnText>& boxes) {
      const auto callout =
          std::find_if(boxes.begin(), boxes.end(), [](const DrawnText& b) { return b.text == "you_are_here"; });
      REQUIRE(callout != boxes.end());
      CHECK(StartsDrawn(frame.texts, "Vous êtes ici", callout->min, callout->max));
      for (const DrawnText& t : frame.texts) {
        if (t.text.rfind("Vous êtes ici", 0) == 0) continue;
        CAPTURE(t.text);
        CAPTURE(t.min.x);
        CAPTURE(t.min.y);
        CAPTURE(t.max.x);
        CAPTURE(t.max.y);
        CAPTURE(callout->min.x);
        CAPTURE(callout->min.y);
        CAPTURE(callout->max.x);
        CAPTURE(callout->max.y);
        const bool apart = std::min(t.max.x, callout->max.x) - std::max(t.min.x, callout->min.x) <= 0.5f ||
                           std::min(t.max.y, callout->max.y) - std::max(t.min.y, callout->min.y) <= 0.5f;
        CHECK(apart);
      }
    };
    for (const PlanRoom& here : branding.plan.rooms) {
      CAPTURE(here.room_key);
      for (const ImVec2 size : {ImVec2(960, 540), ImVec2(1280, 720), ImVec2(1920, 1080), ImVec2(1080, 1920)}) {
        CAPTURE(size.x);
        CAPTURE(size.y);
        std::vector<DrawnText> boxes;
        const Frame page = DrawHeadless(fonts, size, [&](ScreenContext c) {
          c.branding = &branding;
          c.box_log = &boxes;
          DrawVenuePlan(c, board, {3, 4}, here.room_key);
        });
        check_clear(page, boxes);
      }
      for (const ImVec2 size : {ImVec2(1080, 1920), ImVec2(540, 960)}) {
        CAPTURE(size.x);
        CAPTURE(size.y);
        // The portrait door sign's inset, and an inset a third of the width in the lower half.
        const DoorSignViewModel sign = DoorSignViewModel::Build(Raict(), here.room_key, now, zone, {4, now});
        std::vector<DrawnText> boxes;
        const Frame door = DrawHeadless(fonts, size, [&](ScreenContext c) {
          c.branding = &branding;
          c.box_log = &boxes;
          DrawDoorSign(c, sign);
        });
        if (std::any_of(boxes.begin(), boxes.end(), [](const DrawnText& b) { return b.text == "door_plan"; }))
          check_clear(door, boxes);
        boxes.clear();
        const Frame inset = DrawHeadless(fonts, size, [&](ScreenContext c) {
          c.box_log = &boxes;
          BeginScreen(c);
          Painter p(c);
          DrawPlanInset(p, ImVec2(std::round(size.x * 0.6f), std::round(size.y * 0.5f)),
                        ImVec2(size.x - 40, size.y - 40), branding.plan, here.room_key, true, &Raict().rooms);
          EndScreenWindow();
        });
        check_clear(inset, boxes);
      }
    }
  }
}

TEST_CASE("portrait door signs: the now card holds no wide empty band, the plan is shown, the footer whole") {
  // Issue 11: portrait door signs left the main card half empty (a wide gap above its time row) and cut the footer
  // ("… / Updated Sunday 29…").
  const VenueZone zone("Europe/Paris");
  const std::unique_ptr<Loaded> loaded = Load(test::SourcePath("assets/raict-2026"));
  const Branding& branding = loaded->branding;
  test::HeadlessImGui imgui;  // destroyed however the case ends
  {
    Fonts fonts;
    fonts.SetText(ProgrammeText(Raict()) + app::BrandingText(branding));
    for (const std::string when : {"2026-07-08T09:30", "2026-07-09T11:10"}) {
      CAPTURE(when);
      const Instant now = ParseIsoInstant(when, zone);
      for (const Room& room : Raict().rooms) {
        CAPTURE(room.key);
        // Published a month before: the footer says the full date ("Mis à jour le lundi 8 juin à 09:30 · révision 4").
        const DoorSignViewModel sign =
            DoorSignViewModel::Build(Raict(), room.key, now, zone, {4, now - std::chrono::hours{24 * 30}});
        for (const ImVec2 size : {ImVec2(1080, 1920), ImVec2(540, 960)}) {
          CAPTURE(size.x);
          std::vector<DrawnText> boxes;
          const Frame door = DrawHeadless(fonts, size, [&](ScreenContext c) {
            c.branding = &branding;
            c.box_log = &boxes;
            DrawDoorSign(c, sign);
          });
          // The footer: the revision's French and English each drawn whole, on the screen.
          for (const std::string& part : {sign.revision.fr, sign.revision.en}) {
            CAPTURE(part);
            CHECK(std::any_of(door.texts.begin(), door.texts.end(), [&](const DrawnText& t) {
              return t.text.find(part) != std::string::npos && InsideBox(t, ImVec2(0, 0), size);
            }));
          }
          for (const DrawnText& b : boxes) {
            CAPTURE(b.text);
            CHECK(b.min.y >= 0);
            CHECK(b.max.y <= size.y);
          }
          const auto box = [&](const char* name) {
            return std::find_if(boxes.begin(), boxes.end(), [&](const DrawnText& b) { return b.text == name; });
          };
          // The venue plan with the room on it, under the day.
          CHECK(box("door_plan") != boxes.end());
          const auto now_box = box("door_now");
          REQUIRE(now_box != boxes.end());
          // The widest band of the now card without a text: under 20 % of its height (its paddings, the bar).
          std::vector<std::pair<float, float>> rows;
          for (const DrawnText& t : door.texts)
            if (InsideBox(t, now_box->min, now_box->max)) rows.emplace_back(t.min.y, t.max.y);
          REQUIRE_FALSE(rows.empty());
          std::sort(rows.begin(), rows.end());
          float covered = now_box->min.y, widest = 0;
          for (const auto& [top, bottom] : rows) {
            widest = std::max(widest, top - covered);
            covered = std::max(covered, bottom);
          }
          widest = std::max(widest, now_box->max.y - covered);
          CAPTURE(widest);
          // (A short card's paddings may be wider than a fifth of it: three lines of body text are allowed.)
          CHECK(widest <= std::max(0.2f * (now_box->max.y - now_box->min.y), 3 * fonts.Size(Fonts::kBody)));
        }
      }
    }
  }
}

TEST_CASE("pages: rendered with OpenGL to PNGs in the folder KIOSK_PAGES_SHOTS names (skipped without it)") {
  const char* out = std::getenv("KIOSK_PAGES_SHOTS");
  if (out == nullptr || *out == '\0') {
    MESSAGE("KIOSK_PAGES_SHOTS not set: no PNGs rendered (xvfb-run -a -s '-screen 0 3840x2160x24' with it set)");
    return;
  }
  const VenueZone zone("Europe/Paris");
  const Programme& p = Raict();
  const Instant now = ParseIsoInstant("2026-07-08T10:20", zone);
  const BoardViewModel board = BoardViewModel::Build(p, now, zone, {4, now - std::chrono::minutes{30}});
  // One hidden window as large as the largest size; each size draws into the bottom left corner of its back buffer.
  // Run it once a size: for s in 1280x720 1920x1080 1080x1920 3840x2160; do KIOSK_PAGES_SIZE=$s ...; done
  app::KioskWindow window;
  app::WindowOptions options;
  options.width = 3840;
  options.height = 2160;
  options.hidden = true;
  REQUIRE(window.Open(options, nullptr, {}));
  app::PictureStore pictures;
  Branding branding = app::LoadBranding(
      app::FindAssetsDir(""), [&pictures](const fs::path& path) { return app::UploadPicture(path, pictures); }, kUrl);
  REQUIRE(branding.logo.Valid());
  {
    Fonts fonts;
    fonts.SetText(ProgrammeText(p) + app::BrandingText(branding));
    for (const ImVec2 size : kSizes) {
      const std::string name =
          std::to_string(static_cast<int>(size.x)) + "x" + std::to_string(static_cast<int>(size.y));
      // One size a run (KIOSK_PAGES_SIZE=1920x1080): under Xvfb's llvmpipe the frames after the atlas is rebuilt for
      // a second size came out black.
      if (const char* only = std::getenv("KIOSK_PAGES_SIZE"); only != nullptr && name != only) continue;
      for (int page = 0; page < 3; ++page) {
        for (int frame = 0; frame < 2; ++frame) {
          if (fonts.Ensure(ReferenceHeight(size), window.MaxTexture()) && ImGui::GetIO().Fonts->TexID != 0) {
            ImGui_ImplOpenGL3_DestroyFontsTexture();
            ImGui_ImplOpenGL3_CreateFontsTexture();
          }
          ImGui_ImplOpenGL3_NewFrame();
          ImGui_ImplGlfw_NewFrame();
          ImGui::GetIO().DisplaySize = size;
          ImGui::GetIO().DisplayFramebufferScale = ImVec2(1, 1);
          ImGui::NewFrame();
          ScreenContext context = MakeScreenContext(fonts, size);
          context.branding = &branding;
          if (page == 0) DrawPartners(context, board, {2, 4});
          if (page == 1) DrawVenuePlan(context, board, {3, 4}, "accueil");
          if (page == 2) {
            // The pieces on their own: the logo, a plan inset, a QR code.
            BeginScreen(context);
            Painter painter(context);
            const Metrics& m = context.metrics;
            DrawLogo(painter, ImVec2(m.U(40), m.U(40)), ImVec2(size.x / 2, m.U(160)), branding.logo);
            DrawPlanInset(painter, ImVec2(m.U(40), m.U(220)), ImVec2(size.x / 2, size.y - m.U(40)), branding.plan,
                          "salon-monge", true, &p.rooms);
            DrawQrCode(painter, ImVec2(size.x / 2 + m.U(40), m.U(220)), m.U(400), kUrl);
            EndScreenWindow();
          }
          ImGui::Render();
          glViewport(0, 0, 3840, 2160);
          const ImU32 bg = Theme::Venue().background;
          glClearColor(((bg >> IM_COL32_R_SHIFT) & 0xFF) / 255.0f, ((bg >> IM_COL32_G_SHIFT) & 0xFF) / 255.0f,
                       ((bg >> IM_COL32_B_SHIFT) & 0xFF) / 255.0f, 1.0f);
          glClear(GL_COLOR_BUFFER_BIT);
          ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
          if (frame == 0) glfwSwapBuffers(window.Get());
          if (frame == 1) {
            const char* what[] = {"partners", "plan", "pieces"};
            CHECK(app::WriteBackBufferPng(fs::path(out) / ("pages-" + std::string(what[page]) + "-" + name + ".png"),
                                          static_cast<int>(size.x), static_cast<int>(size.y)));
          }
        }
      }
    }
  }
  pictures.Clear();  // while the window's context is current
  window.Close();
}

TEST_CASE("plan: a plan room keyed with any apostrophe is the programme room (the one room rule, core/RoomLookup.h)") {
  const PlanRoom plan_room{"Salon d\u02bcHonneur", "", ImVec2(0.05f, 0.1f), ImVec2(0.45f, 0.9f)};
  CHECK(PlanRoomMatches(plan_room, "salon-d-honneur", "Salon d\u2019Honneur"));
  CHECK(PlanRoomMatches(plan_room, "r9", "Salon d'Honneur"));
  CHECK(PlanRoomMatches(plan_room, "r9", "SALON D\u2018HONNEUR"));
  CHECK_FALSE(PlanRoomMatches(plan_room, "r9", "Salon Monge"));
  CHECK_FALSE(PlanRoomMatches(plan_room, "r9", "Honneur"));  // a word is for people's queries, not for plan keys
}
