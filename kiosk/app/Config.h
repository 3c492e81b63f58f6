// The kiosk's configuration file (TOML): every option of a venue screen, which command-line flags then override.
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "kiosk/app/AppOptions.h"

namespace kiosk::app {

/// A configuration file that cannot be used: unreadable, not TOML, an unknown key, a value of the wrong type or out
/// of range. what() is "FILE:LINE: KEY: reason" (LINE 0 when the whole file is at fault, KEY empty for syntax).
class ConfigError : public std::runtime_error {
 public:
  ConfigError(std::filesystem::path file, int line, std::string key, const std::string& reason);
  const std::filesystem::path& File() const { return m_file; }
  int Line() const { return m_line; }               ///< 1-based; 0: the file as a whole
  const std::string& Key() const { return m_key; }  ///< dotted, e.g. "screen.monitor"; empty for a syntax error

 private:
  std::filesystem::path m_file;
  int m_line;
  std::string m_key;
};

/// Reads the TOML configuration `path` over `defaults` (usually a default AppOptions): every key present replaces
/// that option, the others keep their value; `config` is set to `path`. The format (all keys optional; relative
/// paths are relative to the file's folder):
///   [kiosk]   db, assets (paths), programme_url, now (ISO 8601, venue-local without offset), speed (0.1..100000)
///   [screen]  fullscreen (bool), monitor (int >= 0), window ("WxH"), room (key or name: a door sign),
///             show ("auto" | "board" | "timeline" | "partners" | "plan"), here (a plan room key), interactive (bool),
///             idle_seconds (> 0)
///   [lobby]   pages (array of "board" | "timeline" | "partners" | "plan", not empty), page_seconds (> 0)
///   [sync]    url, pubkey (path; required with url), interval (seconds, 0.05..3600)
///   [burn_in] shift_pixels (0..100, at 1080 px high), shift_minutes (> 0)
///   [night]   from, until ("HH:MM", both or neither empty), brightness (0..1)
/// Numbers of seconds, minutes and pixels take integers or floats. Test hooks and one-shot runs (--screenshot,
/// --page, --bench-frames, --headless, --clock-offset-file) are command-line only.
/// Throws ConfigError for an unreadable file, a TOML syntax error, an unknown section or key, a wrong type or a value
/// out of range, naming the file, the line and the key.
AppOptions LoadConfig(const std::filesystem::path& path, AppOptions defaults);

/// The names a lobby page may have, in their default rotation order: board, timeline, partners, plan.
const std::vector<std::string>& LobbyPageNames();

/// Splits a --pages list ("board,timeline,plan"; spaces around names ignored) and checks each name against
/// LobbyPageNames(). Throws std::invalid_argument naming the bad entry, or for an empty list.
std::vector<std::string> ParsePageList(const std::string& text);

/// "WxH" (e.g. "1920x1080", 2 to 5 digits each, x or X) as {width, height}. Throws std::invalid_argument.
std::pair<int, int> ParseWindowSize(const std::string& text);

}  // namespace kiosk::app
