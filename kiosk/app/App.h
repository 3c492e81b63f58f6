// The kiosk application: GLFW window, OpenGL renderer, the idling frame loop, screen rotation and screenshots.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace kiosk::app {

/// Which screen the lobby shows: rotate board and timeline, or keep one.
enum class ScreenChoice { Auto, Board, Timeline };

/// What main.cpp parsed from the command line.
struct AppOptions {
  std::filesystem::path db;        ///< schedule store; empty: kiosk::DefaultStorePath()
  std::optional<std::string> now;  ///< ISO 8601 start of a running clock; without offset: venue-local
  bool fullscreen = false;
  int monitor = 0;   ///< index into glfwGetMonitors(); the primary monitor when out of range
  int width = 1920;  ///< window size in screen coordinates (windowed mode)
  int height = 1080;
  std::filesystem::path screenshot;  ///< when set: render this moment to a PNG, print its path, exit
  ScreenChoice screen = ScreenChoice::Auto;
  /// Door sign: show only this room (its key, or its name as NormalizeKey compares it) instead of the lobby.
  std::optional<std::string> room;
  int page = 0;  ///< start the rotation this many pages further (screenshots of later pages)
  /// Benchmark: after the first frame, draw this many frames back to back (no idling), print the start-to-first-frame
  /// time, CPU milliseconds per frame (whole process, so software GL rasterisation counts) and peak RSS, then exit.
  int bench_frames = 0;
  /// --sync: the manifest URL to poll for signed snapshots (swapped into `db`); empty: no sync.
  std::string sync_url;
  std::filesystem::path sync_pubkey;  ///< --pubkey: the publisher's public key file (kioskctl keygen)
  double sync_interval = 2.0;         ///< --sync-interval: seconds between two polls
  /// --headless: no window, no GL; logs the revision shown and each room's now-on session (tests, benchmarks).
  bool headless = false;
  /// --clock-offset-file (test hook, headless only): a file holding seconds (signed) added to the clock, re-read
  /// every loop, so a test can jump the clock while the kiosk runs. Missing or unreadable: no offset.
  std::filesystem::path clock_offset_file;
};

/// Reads the current GL context's back buffer (`width` x `height` framebuffer pixels) and writes it as an RGB PNG,
/// then prints the path to stdout. Returns false (and logs) when the file cannot be written. The kiosk's and the
/// check-in desk's --screenshot.
bool WriteBackBufferPng(const std::filesystem::path& path, int width, int height);

/// Runs the kiosk until the window closes (or, with a screenshot path, until the PNG is written).
/// Returns the process exit code: 0 on success, 1 when no window or GL context can be made or the PNG cannot be
/// written, 2 for a bad --now. Never throws.
int RunApp(const AppOptions& options);

}  // namespace kiosk::app
