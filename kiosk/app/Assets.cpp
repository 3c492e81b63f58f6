// The assets folder: logo, partners and venue plan into ui::Branding (toml++, stb_image, OpenGL textures).
#include "kiosk/app/Assets.h"

#include <GL/gl.h>
#include <GLFW/glfw3.h>
#include <stb_image.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <system_error>

#include <toml++/toml.h>

namespace kiosk::app {
namespace fs = std::filesystem;

namespace {

constexpr const char* kLogoFile = "logo.png";
constexpr const char* kPartnersFile = "partners.toml";
constexpr const char* kPlanFile = "venue-plan.toml";

void Log(const AssetLog& log, const std::string& line) {
  if (log) {
    log(line);
  } else {
    std::fprintf(stderr, "%s\n", line.c_str());
  }
}

bool IsFile(const fs::path& path) {
  std::error_code error;
  return fs::is_regular_file(path, error);
}

/// "kiosk: assets: FILE[:LINE]: WHAT".
std::string Message(const fs::path& file, std::int64_t line, const std::string& what) {
  std::string text = "kiosk: assets: " + file.string();
  if (line > 0) text += ":" + std::to_string(line);
  return text + ": " + what;
}

/// Cuts `text` to kMaxAssetText code points (at a code point's start, so the UTF-8 stays whole), logging it.
void CapText(std::string& text, const fs::path& file, std::int64_t line, const std::string& what, const AssetLog& log) {
  std::size_t points = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;  // a continuation byte
    if (points++ == kMaxAssetText) {
      text.resize(i);
      Log(log, Message(file, line, what + " is over " + std::to_string(kMaxAssetText) + " characters; cut"));
      return;
    }
  }
}

/// The picture `relative` (to `dir`) through `upload`, or an invalid one (logged when missing).
ui::Picture Picture(const fs::path& dir, const std::string& relative, const PictureUpload& upload, const AssetLog& log,
                    const fs::path& named_in, std::int64_t line) {
  const fs::path path = dir / relative;
  if (!IsFile(path)) {
    Log(log, Message(named_in, line, "picture '" + relative + "' not found (" + path.string() + "); skipped"));
    return {};
  }
  return upload ? upload(path) : ui::Picture{};
}

/// The TOML file `path`, or nullopt (logged: missing, unreadable or a syntax error with its line).
std::optional<toml::table> ParseToml(const fs::path& path, const AssetLog& log) {
  if (!IsFile(path)) {
    Log(log, Message(path, 0, "not found; skipped"));
    return std::nullopt;
  }
  try {
    return toml::parse_file(path.string());
  } catch (const toml::parse_error& error) {
    Log(log, Message(path, static_cast<std::int64_t>(error.source().begin.line),
                     std::string(error.description()) + "; file skipped"));
  } catch (const std::exception& error) {
    Log(log, Message(path, 0, std::string(error.what()) + "; file skipped"));
  }
  return std::nullopt;
}

std::int64_t LineOf(const toml::node& node) { return static_cast<std::int64_t>(node.source().begin.line); }

/// The array of tables `key` of `root` (an absent key: empty); logs entries that are no table.
std::vector<const toml::table*> Tables(const toml::table& root, const char* key, const fs::path& file,
                                       const AssetLog& log) {
  std::vector<const toml::table*> tables;
  const toml::node* node = root.get(key);
  if (node == nullptr) return tables;
  const toml::array* array = node->as_array();
  if (array == nullptr) {
    Log(log,
        Message(file, LineOf(*node), std::string("'") + key + "' is not an array of tables [[" + key + "]]; skipped"));
    return tables;
  }
  for (const toml::node& element : *array) {
    if (const toml::table* table = element.as_table()) {
      tables.push_back(table);
    } else {
      Log(log, Message(file, LineOf(element), std::string("an entry of '") + key + "' is not a table; skipped"));
    }
  }
  return tables;
}

/// x, y, w, h of `table` as a rectangle in plan units, or nullopt (logged) when one is missing or it leaves 0..1.
std::optional<std::pair<ImVec2, ImVec2>> PlanRect(const toml::table& table, const fs::path& file, const AssetLog& log,
                                                  const std::string& what) {
  const std::optional<double> x = table["x"].value<double>(), y = table["y"].value<double>(),
                              w = table["w"].value<double>(), h = table["h"].value<double>();
  if (!x || !y || !w || !h) {
    Log(log, Message(file, LineOf(table), what + ": needs numbers x, y, w and h; skipped"));
    return std::nullopt;
  }
  // TOML has nan and inf: NaN fails every comparison below, so it must be refused first.
  if (!std::isfinite(*x) || !std::isfinite(*y) || !std::isfinite(*w) || !std::isfinite(*h)) {
    Log(log, Message(file, LineOf(table), what + ": x, y, w and h must be finite numbers (not nan or inf); skipped"));
    return std::nullopt;
  }
  constexpr double kSlack = 1e-6;
  if (*x < -kSlack || *y < -kSlack || *w <= 0 || *h <= 0 || *x + *w > 1 + kSlack || *y + *h > 1 + kSlack) {
    Log(log,
        Message(file, LineOf(table), what + ": x, y, w, h must lie within 0..1 of the plan, w and h > 0; skipped"));
    return std::nullopt;
  }
  return std::make_pair(ImVec2(static_cast<float>(*x), static_cast<float>(*y)),
                        ImVec2(static_cast<float>(*x + *w), static_cast<float>(*y + *h)));
}

void LoadPartners(const fs::path& dir, const PictureUpload& upload, const AssetLog& log, ui::Branding& branding) {
  const fs::path file = dir / kPartnersFile;
  const std::optional<toml::table> root = ParseToml(file, log);
  if (!root) return;
  for (const toml::table* table : Tables(*root, "partner", file, log)) {
    ui::Partner partner;
    partner.name = table->get_as<std::string>("name") ? **table->get_as<std::string>("name") : std::string();
    if (partner.name.empty()) {
      Log(log, Message(file, LineOf(*table), "partner without a name; skipped"));
      continue;
    }
    if (branding.partners.size() >= kMaxPartners) {
      Log(log, Message(file, LineOf(*table),
                       "more than " + std::to_string(kMaxPartners) + " partners; this one and the rest skipped"));
      break;
    }
    CapText(partner.name, file, LineOf(*table), "partner name", log);
    partner.caption = (*table)["caption"].value_or(std::string());
    CapText(partner.caption, file, LineOf(*table), "partner caption", log);
    if (std::optional<std::string> logo = (*table)["logo"].value<std::string>(); logo && !logo->empty())
      partner.logo = Picture(dir, *logo, upload, log, file, LineOf(*table));
    branding.partners.push_back(std::move(partner));
  }
}

void LoadPlan(const fs::path& dir, const PictureUpload& upload, const AssetLog& log, ui::Branding& branding) {
  const fs::path file = dir / kPlanFile;
  const std::optional<toml::table> root = ParseToml(file, log);
  if (!root) return;
  ui::VenuePlan plan;
  plan.title = (*root)["title"].value_or(std::string());
  CapText(plan.title, file, root->get("title") ? LineOf(*root->get("title")) : 0, "title", log);
  if (const toml::node* aspect = root->get("aspect")) {
    const std::optional<double> value = aspect->value<double>();
    if (value && std::isfinite(*value) && *value > 0.05 && *value < 20) {
      plan.aspect = static_cast<float>(*value);
    } else {
      Log(log, Message(file, LineOf(*aspect), "aspect must be a number between 0.05 and 20; 1.6 used"));
    }
  }
  if (std::optional<std::string> background = (*root)["background"].value<std::string>();
      background && !background->empty())
    plan.background = Picture(dir, *background, upload, log, file, LineOf(*root->get("background")));
  for (const toml::table* table : Tables(*root, "room", file, log)) {
    ui::PlanRoom room;
    room.room_key = (*table)["key"].value_or(std::string());
    if (room.room_key.empty()) {
      Log(log, Message(file, LineOf(*table), "room without a key; skipped"));
      continue;
    }
    CapText(room.room_key, file, LineOf(*table), "room key", log);
    room.label = (*table)["label"].value_or(std::string());
    CapText(room.label, file, LineOf(*table), "room label", log);
    const auto rect = PlanRect(*table, file, log, "room '" + room.room_key + "'");
    if (!rect) continue;
    room.min = rect->first;
    room.max = rect->second;
    plan.rooms.push_back(std::move(room));
  }
  for (const toml::table* table : Tables(*root, "area", file, log)) {
    ui::PlanArea area;
    area.label = (*table)["label"].value_or(std::string());
    CapText(area.label, file, LineOf(*table), "area label", log);
    const auto rect = PlanRect(*table, file, log, "area '" + area.label + "'");
    if (!rect) continue;
    area.min = rect->first;
    area.max = rect->second;
    plan.areas.push_back(std::move(area));
  }
  branding.plan = std::move(plan);
}

}  // namespace

ui::Branding LoadBranding(const fs::path& dir, const PictureUpload& upload, std::string programme_url,
                          const AssetLog& log) {
  ui::Branding branding;
  branding.programme_url = std::move(programme_url);
  try {
    std::error_code error;
    if (dir.empty() || !fs::is_directory(dir, error)) {
      Log(log, Message(dir, 0, "no such folder: no logo, partners or venue plan"));
      return branding;
    }
    if (IsFile(dir / kLogoFile)) {
      if (upload) branding.logo = upload(dir / kLogoFile);
    } else {
      Log(log, Message(dir / kLogoFile, 0, "not found; no logo"));
    }
    LoadPartners(dir, upload, log, branding);
    LoadPlan(dir, upload, log, branding);
  } catch (const std::exception& error) {
    // An upload function that throws, a file system error: what loaded so far stays.
    Log(log, Message(dir, 0, std::string(error.what()) + "; the rest skipped"));
  }
  return branding;
}

void StbiFree::operator()(unsigned char* pixels) const { stbi_image_free(pixels); }

std::optional<PixelImage> DecodePicture(const fs::path& path, std::string* error, int max_side) {
  auto fail = [error](std::string why) -> std::optional<PixelImage> {
    if (error) *error = std::move(why);
    return std::nullopt;
  };
  if (!IsFile(path)) return fail("no such file");
  // One open file for the header and the pixels, so the size checked is the size decoded.
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!file) return fail("cannot open");
  int width = 0, height = 0, channels = 0;
  // The header's size before decoding anything: a 16384 x 16384 PNG is a few kilobytes and a gigabyte decoded.
  if (!stbi_info_from_file(file.get(), &width, &height, &channels)) {
    const char* reason = stbi_failure_reason();
    return fail(std::string("cannot decode: ") + (reason ? reason : "unknown reason"));
  }
  auto too_large = [&](int w, int h) {
    return fail("size " + std::to_string(w) + "x" + std::to_string(h) + " is over " + std::to_string(max_side) +
                " pixels a side; not decoded (scale it down)");
  };
  if (width <= 0 || height <= 0 || width > max_side || height > max_side) return too_large(width, height);
  PixelImage image;
  image.rgba.reset(stbi_load_from_file(file.get(), &image.width, &image.height, &channels, 4));
  if (!image.rgba) {
    const char* reason = stbi_failure_reason();
    return fail(std::string("cannot decode: ") + (reason ? reason : "unknown reason"));
  }
  if (image.width <= 0 || image.height <= 0 || image.width > max_side || image.height > max_side)
    return too_large(image.width, image.height);
  return image;
}

void PictureStore::Adopt(unsigned texture) {
  if (texture != 0) m_textures.push_back(texture);
}

void PictureStore::Clear() {
  if (m_textures.empty()) return;
  glDeleteTextures(static_cast<GLsizei>(m_textures.size()), m_textures.data());
  m_textures.clear();
}

ui::Picture UploadPicture(const fs::path& path, PictureStore& store, const AssetLog& log) {
  GLint max_side = 0;
  glGetIntegerv(GL_MAX_TEXTURE_SIZE, &max_side);
  const int limit = max_side > 0 ? std::min<int>(max_side, kMaxPictureSide) : kMaxPictureSide;
  std::string error;
  const std::optional<PixelImage> image = DecodePicture(path, &error, limit);
  if (!image) {
    Log(log, Message(path, 0, error + "; skipped"));
    return {};
  }
  // An error left by earlier GL calls would be read as this upload's and delete a good texture. Bounded: without a
  // context some drivers keep returning an error.
  for (int i = 0; i < 32 && glGetError() != GL_NO_ERROR; ++i) {
  }
  GLuint texture = 0;
  glGenTextures(1, &texture);
  if (texture == 0) {
    Log(log, Message(path, 0, "glGenTextures failed (no current OpenGL context?); skipped"));
    return {};
  }
  // Loaded through GLFW: glGenerateMipmap is OpenGL 3.0, not in <GL/gl.h>'s 1.1 prototypes.
  using GenerateMipmap = void (*)(GLenum);
  const auto generate_mipmap = reinterpret_cast<GenerateMipmap>(glfwGetProcAddress("glGenerateMipmap"));
  GLint previous = 0;
  glGetIntegerv(GL_TEXTURE_BINDING_2D, &previous);
  GLint previous_alignment = 4;
  glGetIntegerv(GL_UNPACK_ALIGNMENT, &previous_alignment);
  glBindTexture(GL_TEXTURE_2D, texture);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, generate_mipmap ? GL_LINEAR_MIPMAP_LINEAR : GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, image->width, image->height, 0, GL_RGBA, GL_UNSIGNED_BYTE, image->rgba.get());
  GLenum gl_error = glGetError();
  if (gl_error == GL_NO_ERROR && generate_mipmap) {
    generate_mipmap(GL_TEXTURE_2D);
    if (glGetError() != GL_NO_ERROR)  // no mipmaps after all: sample the one level
      glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
  }
  glPixelStorei(GL_UNPACK_ALIGNMENT, previous_alignment);
  glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(previous));
  if (gl_error != GL_NO_ERROR) {
    glDeleteTextures(1, &texture);
    Log(log, Message(path, 0, "glTexImage2D failed (GL error " + std::to_string(gl_error) + "); skipped"));
    return {};
  }
  store.Adopt(texture);
  ui::Picture picture;
  picture.texture = reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(texture));
  picture.width = image->width;
  picture.height = image->height;
  return picture;
}

namespace {

bool HoldsAssets(const fs::path& dir) {
  return IsFile(dir / kLogoFile) || IsFile(dir / kPartnersFile) || IsFile(dir / kPlanFile);
}

/// `root` itself when it holds an asset file, else its first subfolder by name that does, else `root`.
fs::path EventDir(const fs::path& root) {
  if (HoldsAssets(root)) return root;
  std::error_code error;
  std::vector<fs::path> folders;
  for (fs::directory_iterator it(root, error), end; !error && it != end; it.increment(error))
    if (it->is_directory(error) && HoldsAssets(it->path())) folders.push_back(it->path());
  if (folders.empty()) return root;
  std::sort(folders.begin(), folders.end());
  return folders.front();
}

}  // namespace

fs::path FindAssetsDir(const fs::path& configured) {
  if (!configured.empty()) return EventDir(configured);
  if (const char* env = std::getenv("KIOSK_ASSETS"); env != nullptr && *env != '\0') return EventDir(env);
#ifdef KIOSK_ASSETS_DIR
  std::error_code error;
  if (fs::is_directory(KIOSK_ASSETS_DIR, error)) return EventDir(KIOSK_ASSETS_DIR);
#endif
  return EventDir("/usr/share/kiosk/assets");
}

std::string BrandingText(const ui::Branding& branding) {
  std::string text = branding.plan.title;
  for (const ui::Partner& partner : branding.partners) text += "\n" + partner.name + "\n" + partner.caption;
  for (const ui::PlanRoom& room : branding.plan.rooms) text += "\n" + room.label;
  for (const ui::PlanArea& area : branding.plan.areas) text += "\n" + area.label;
  return text;
}

}  // namespace kiosk::app
