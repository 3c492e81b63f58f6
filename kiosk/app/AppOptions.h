// What a kiosk is asked to do: the options main.cpp reads from the command line and the TOML configuration.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

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
  /// --touch-session (screenshot hook, with --interactive): the session whose detail the touch screen shows, as
  /// kioskctl names one (guid, id, "uid@HH:MM" or the start of its title; FindSession). Empty: the first touch's page.
  std::string touch_session;
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

  // --- Issue 5: venue-grade screens. Every field can be set in the TOML configuration (kiosk/app/Config.h);
  // command-line flags override it.
  /// --config: the TOML file these options were read from (empty: none).
  std::filesystem::path config;
  /// The lobby's pages in rotation order: "board" (now/next), "timeline", "partners", "plan". Pages that have nothing
  /// to show (no partners, no plan, a portrait screen for the timeline) are skipped.
  std::vector<std::string> lobby_pages{"board", "timeline", "partners", "plan"};
  double page_seconds = 10.0;  ///< one rotation slot (seconds); a board page stays two slots
  /// --interactive: a touch screen (browse by day, kind and theme, a session's detail, the venue plan); back to the
  /// lobby after `idle_seconds` without a touch.
  bool interactive = false;
  double idle_seconds = 60.0;
  /// --speed: the programme clock runs this many times faster than real time (soak tests, demonstrations); 1: real.
  double speed = 1.0;
  /// Where the pictures and the venue plan are read from (logo.png, partners.toml, venue-plan.toml; see
  /// kiosk/app/Assets.h FindAssetsDir); empty: the KIOSK_ASSETS environment variable, else the checkout's assets/,
  /// else /usr/share/kiosk/assets.
  std::filesystem::path assets;
  /// Where this screen stands, a room key of the venue plan (e.g. "accueil"): the lobby's plan page marks it
  /// "Vous êtes ici · You are here". Empty: no mark. A door sign marks its own room.
  std::string here;
  /// The online programme, shown as a QR code on the lobby; empty: no QR code.
  std::string programme_url;
  /// Burn-in care: the whole picture shifts by up to this many pixels (at 1080 px high) every `shift_minutes`.
  float shift_pixels = 4.0f;
  double shift_minutes = 3.0;
  /// Night mode outside event hours: from `night_from` to `night_until` (venue-local HH:MM) the screen is dimmed to
  /// `night_brightness` (0..1). Empty strings: no night mode.
  std::string night_from = "21:00";
  std::string night_until = "07:00";
  float night_brightness = 0.35f;
};

/// The range --speed and [kiosk] speed accept: from a tenth of real time to 100 000 times it.
constexpr double kMinSpeed = 0.1;
constexpr double kMaxSpeed = 100000.0;

}  // namespace kiosk::app
