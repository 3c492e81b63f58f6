// The venue's pictures and plan (logo, partners, venue plan) read from an assets folder into ui::Branding, and
// pictures decoded with stb_image and uploaded as OpenGL textures.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/ui/Branding.h"

namespace kiosk::app {

/// Turns a picture file into a ui::Picture (the app: UploadPicture; tests: a fake that needs no GL). It logs its
/// own failure and returns an invalid Picture for a file it cannot use.
using PictureUpload = std::function<ui::Picture(const std::filesystem::path&)>;
/// Where LoadBranding's and UploadPicture's log lines go (one line each, without a trailing newline); null: stderr.
using AssetLog = std::function<void(const std::string&)>;

/// Reads an event's assets folder `dir` (FindAssetsDir) into the screens' Branding. Every file is optional:
/// - `logo.png`: the event logo (PNG or JPEG via stb_image, at most kMaxPictureSide pixels a side: a larger one is
///   refused, not downscaled, with a log line; a wide wordmark suits the header best). Pictures named below likewise;
/// - `partners.toml`: the partners page, in file order: an array of tables `[[partner]]` with `name` (string,
///   required), `caption` (string: a line under the name, e.g. the full form of an acronym) and `logo` (a picture
///   file relative to `dir`, e.g. "partners/afd.png"; without it, or when it is missing or broken, the name is shown);
/// - `venue-plan.toml`: `title` (string), `aspect` (width / height, > 0; default 1.6), `background` (a picture file
///   relative to `dir`), an array `[[room]]` of `key` (the programme's room key or name, matched with MatchKey),
///   `label` (optional: the programme's room name when absent) and `x`, `y`, `w`, `h` (the rectangle in plan units:
///   0..1 of the plan's width and height), and an array `[[area]]` of `label`, `x`, `y`, `w`, `h` (zones that are no
///   programme room, drawn faint).
/// `upload` is called once per picture file that exists. A missing or broken file, a TOML syntax error, or an entry
/// without its required fields, with a coordinate that is no finite number (`nan`, `inf`) or outside 0..1 is skipped
/// with one line to `log` naming the file (and the line, for TOML); the rest loads. Texts (names, captions, labels,
/// the title) longer than kMaxAssetText characters are cut there, and partners after the kMaxPartners-th are
/// dropped, each with a log line. Never throws. `programme_url` goes to Branding::programme_url (the QR code).
ui::Branding LoadBranding(const std::filesystem::path& dir, const PictureUpload& upload, std::string programme_url,
                          const AssetLog& log = nullptr);

/// LoadBranding's caps on what a venue's files may ask the screens to lay out: characters (code points) of one text,
/// and partners on the partners page.
inline constexpr std::size_t kMaxAssetText = 200;
inline constexpr std::size_t kMaxPartners = 48;

/// The largest picture DecodePicture takes by default, in pixels a side: a 4096 x 4096 RGBA picture is 64 MiB decoded.
/// Larger pictures are refused (not downscaled): scale them down before putting them in the assets folder.
inline constexpr int kMaxPictureSide = 4096;

/// Frees stb_image's pixels (stbi_image_free).
struct StbiFree {
  void operator()(unsigned char* pixels) const;
};
/// A decoded picture: `width` x `height` pixels, 4 bytes (R, G, B, A) a pixel, row by row from the top, in the
/// buffer stb_image decoded into (owned, not copied). Movable, not copyable.
struct PixelImage {
  int width = 0;
  int height = 0;
  std::unique_ptr<unsigned char, StbiFree> rgba;
  std::size_t Bytes() const { return static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 4; }
};
/// Decodes a PNG or JPEG file (stb_image) to RGBA. The size is read from the file's header first (stbi_info) and a
/// picture over `max_side` pixels a side is refused before anything is decoded. nullopt when it cannot be read,
/// decoded or is too large, with the reason in `error` ("no such file", stb_image's reason, or "size WxH is over N
/// pixels a side; not decoded (scale it down)"). No GL.
std::optional<PixelImage> DecodePicture(const std::filesystem::path& path, std::string* error = nullptr,
                                        int max_side = kMaxPictureSide);

/// Owns the GL textures UploadPicture makes (RAII over the texture names, as hello_imgui's texture_gpu.h): Clear()
/// and the destructor delete them, so they must run while the GL context that uploaded them is current (the app
/// clears it before it closes its window). The Pictures handed out only borrow the textures: after Clear() they
/// must no longer be drawn. Not copyable, not movable.
class PictureStore {
 public:
  PictureStore() = default;
  ~PictureStore() { Clear(); }
  PictureStore(const PictureStore&) = delete;
  PictureStore& operator=(const PictureStore&) = delete;

  /// Takes ownership of the GL texture name `texture` (0 is ignored).
  void Adopt(unsigned texture);
  /// Deletes every texture held (glDeleteTextures; nothing when empty, so no GL call without textures).
  void Clear();
  /// Textures held.
  std::size_t Size() const { return m_textures.size(); }

 private:
  std::vector<unsigned> m_textures;  ///< GLuint names
};

/// DecodePicture (at most min(GL_MAX_TEXTURE_SIZE, kMaxPictureSide) pixels a side), then uploads the pixels as a
/// GL_RGBA texture (mipmapped and trilinear when glGenerateMipmap is there, so a large logo drawn small does not
/// alias, else GL_LINEAR; clamped to the edge) owned by `store`, and returns it as a Picture that borrows it. Needs a
/// current OpenGL context. On failure logs one line naming the file and the reason to `log` and returns an invalid
/// Picture.
ui::Picture UploadPicture(const std::filesystem::path& path, PictureStore& store, const AssetLog& log = nullptr);

/// The event's assets folder: `configured` (--assets or the configuration file) when not empty, else the KIOSK_ASSETS
/// environment variable when set and not empty, else the source tree's assets/ when it exists (builds run from the
/// checkout), else /usr/share/kiosk/assets. A folder that holds no asset file itself (logo.png, partners.toml,
/// venue-plan.toml) is a folder of events: the first of its subfolders by name that holds one is used (assets/ gives
/// assets/raict-2026). The result may not exist: LoadBranding then logs and loads nothing.
std::filesystem::path FindAssetsDir(const std::filesystem::path& configured);

/// Every text of `branding` a screen may draw (partner names and captions, plan title and labels), as UTF-8: add it
/// to Fonts::SetText so every character has a glyph.
std::string BrandingText(const ui::Branding& branding);

}  // namespace kiosk::app
