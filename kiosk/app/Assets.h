// The venue's pictures and plan (logo, partners, venue plan) read from an assets folder into ui::Branding, and
// pictures decoded with stb_image and uploaded as OpenGL textures.
#pragma once

#include <filesystem>
#include <functional>
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
/// - `logo.png`: the event logo (PNG or JPEG via stb_image, any size; a wide wordmark suits the header best);
/// - `partners.toml`: the partners page, in file order: an array of tables `[[partner]]` with `name` (string,
///   required), `caption` (string: a line under the name, e.g. the full form of an acronym) and `logo` (a picture
///   file relative to `dir`, e.g. "partners/afd.png"; without it, or when it is missing or broken, the name is shown);
/// - `venue-plan.toml`: `title` (string), `aspect` (width / height, > 0; default 1.6), `background` (a picture file
///   relative to `dir`), an array `[[room]]` of `key` (the programme's room key or name, matched with MatchKey),
///   `label` (optional: the programme's room name when absent) and `x`, `y`, `w`, `h` (the rectangle in plan units:
///   0..1 of the plan's width and height), and an array `[[area]]` of `label`, `x`, `y`, `w`, `h` (zones that are no
///   programme room, drawn faint).
/// `upload` is called once per picture file that exists. A missing or broken file, a TOML syntax error, or an entry
/// without its required fields or outside 0..1 is skipped with one line to `log` naming the file (and the line, for
/// TOML); the rest loads. Never throws. `programme_url` goes to Branding::programme_url (the QR code).
ui::Branding LoadBranding(const std::filesystem::path& dir, const PictureUpload& upload, std::string programme_url,
                          const AssetLog& log = nullptr);

/// A decoded picture: `width` x `height` pixels, 4 bytes (R, G, B, A) a pixel, row by row from the top.
struct PixelImage {
  int width = 0;
  int height = 0;
  std::vector<unsigned char> rgba;
};
/// Decodes a PNG or JPEG file (stb_image) to RGBA. nullopt when it cannot be read or decoded, with the reason in
/// `error` ("no such file", stb_image's reason, or a size over 16384 pixels a side). No GL.
std::optional<PixelImage> DecodePicture(const std::filesystem::path& path, std::string* error = nullptr);

/// DecodePicture, then uploads the pixels as a GL_RGBA texture (GL_LINEAR filtering, clamped to the edge) and returns
/// it as a Picture. Needs a current OpenGL context. On failure logs one line naming the file and the reason to `log`
/// and returns an invalid Picture. Release the texture with ReleasePictures (or glDeleteTextures).
ui::Picture UploadPicture(const std::filesystem::path& path, const AssetLog& log = nullptr);

/// Deletes the GL textures of every valid picture of `branding` (in the context that uploaded them) and leaves them
/// invalid. For pictures UploadPicture made; do not call it on a fake upload's pictures.
void ReleasePictures(ui::Branding& branding);

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
