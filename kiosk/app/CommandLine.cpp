// The kiosk's command line (CommandLine.h): the configuration file first, then every flag given over it.
#include "kiosk/app/CommandLine.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <utility>

#include <CLI/CLI.hpp>

#include "kiosk/app/Config.h"
#include "kiosk/checkin/Token.h"
#include "kiosk/core/Fields.h"
#include "kiosk/core/Text.h"

namespace kiosk::app {
namespace {

/// Copies `value` into `target` when the command line gave `option` (a flag overrides the configuration file only
/// when it is given).
template <typename T, typename U>
void Override(const CLI::Option* option, T& target, const U& value) {
  if (option->count() > 0) target = value;
}

/// `command` refused: exit code 2 (the message is already on stderr).
KioskCommand& Refused(KioskCommand& command) {
  command.exit_code = 2;
  return command;
}

}  // namespace

KioskCommand ParseKioskCommandLine(int argc, char** argv) {
  KioskCommand command;
  // Everything the command line says lands in `flags`; `options` is the configuration file's, then the flags given.
  AppOptions flags;
  CLI::App cli{"kiosk: the venue screen (lobby board, day timeline, countdown, door sign)"};
  std::string config, db, now, window, screenshot, room, show = "auto", pages, assets, pubkey;
  auto* config_option =
      cli.add_option("--config", config,
                     "TOML configuration file (default: $KIOSK_CONFIG; see tools/kiosk.toml); flags given override it");
  auto* db_option =
      cli.add_option("--db", db, "Schedule store (default: $KIOSK_DB, else ~/.local/share/kiosk/schedule.db)");
  auto* now_option =
      cli.add_option("--now", now, "Run the clock from this instant, ISO 8601 (venue-local unless it has an offset)");
  auto* fullscreen = cli.add_flag("--fullscreen,!--windowed", flags.fullscreen,
                                  "Full screen on a monitor (--windowed: a window, over a configuration's fullscreen)");
  auto* monitor_option =
      cli.add_option("--monitor", flags.monitor, "Monitor index for full screen (default 0; primary if missing)")
          ->check(CLI::NonNegativeNumber);
  auto* window_option = cli.add_option("--window", window, "Window size WxH (default 1920x1080)");
  cli.add_option("--screenshot", screenshot, "Render this moment to a PNG, print its path and exit");
  auto* show_option =
      cli.add_option("--show", show,
                     "Screen: auto (rotate the --pages), or keep one page: board, timeline, partners or plan")
          ->check(CLI::IsMember({"auto", "board", "timeline", "partners", "plan"}));
  std::string here;
  auto* here_option = cli.add_option(
      "--here", here, "Where this screen stands, a room key of the venue plan (e.g. accueil): marked 'Vous êtes ici'");
  auto* room_option =
      cli.add_option("--room", room, "Door sign of this room (key or name, e.g. \"Salon Monge\") instead of the lobby");
  cli.add_option("--page", flags.page, "Start the rotation at this page (0: the first board page)")
      ->check(CLI::NonNegativeNumber);
  auto* pages_option = cli.add_option(
      "--pages", pages, "The lobby's pages in rotation order, a comma list of board, timeline, partners, plan");
  auto* page_seconds_option =
      cli.add_option("--page-seconds", flags.page_seconds, "Seconds of one rotation slot (a board page takes two)")
          ->check(CLI::Range(1.0, 3600.0));
  auto* interactive_option =
      cli.add_flag("--interactive", flags.interactive,
                   "Touch screen: browse by day, kind and theme; back to the lobby after idle_seconds without a touch");
  auto* speed_option = cli.add_option("--speed", flags.speed,
                                      "Run the programme clock this many times faster than real time (0.1 to 100000; "
                                      "from --now, else from the real time at start); pages still rotate in real time")
                           ->check(CLI::Range(kMinSpeed, kMaxSpeed));
  auto* assets_option = cli.add_option("--assets", assets,
                                       "Folder of the logo, partners/ and the venue plan (default: $KIOSK_ASSETS, "
                                       "else the source tree's assets/, else /usr/share/kiosk/assets)");
  auto* programme_url_option =
      cli.add_option("--programme-url", flags.programme_url, "The online programme, shown as a QR code on the lobby");
  auto* touch_session_option = cli.add_option(
      "--touch-session", flags.touch_session,
      "With --interactive --screenshot: render the touch screen's detail of this session (guid, id or title start)");
  cli.add_option("--bench-frames", flags.bench_frames,
                 "Benchmark: draw N frames back to back, print first-frame time, CPU per frame and peak RSS, exit")
      ->check(CLI::NonNegativeNumber);
  std::string sync_url, clock_offset_file;
  auto* sync =
      cli.add_option("--sync", sync_url,
                     "Pull signed snapshots from this folder URL (http://HOST:8080/, its 'manifest') or manifest URL "
                     "into the --db store in the background; the screen keeps the last good revision");
  auto* pubkey_option = cli.add_option(
      "--pubkey", pubkey, "The publisher's public key file (kioskctl keygen) that snapshots must be signed with");
  auto* sync_interval_option =
      cli.add_option("--sync-interval", flags.sync_interval, "Seconds between two polls of the manifest (default 2)")
          ->check(CLI::Range(0.05, 3600.0));
  auto* headless = cli.add_flag("--headless", flags.headless,
                                "No window, no GL: for tests and benchmarks. Runs the same store polling, --sync and "
                                "now/next view models and prints 'shown revision N at UTC-TIME' and 'now-on ROOM: "
                                "SESSION' lines to stdout until SIGINT/SIGTERM");
  headless->excludes("--screenshot")->excludes("--bench-frames")->excludes(fullscreen);
  cli.add_option("--clock-offset-file", clock_offset_file,
                 "Test hook (with --headless): a file holding seconds added to the clock, re-read every loop, so a "
                 "test can jump the clock")
      ->needs(headless);
  // The check-in desk (issue 4 section 3): `--mode checkin` opens the registrant store instead of the programme.
  std::string mode = "board", people, desk, hub, token, token_file, desk_input;
  cli.add_option("--mode", mode, "board (the venue screens, default) or checkin (the check-in desk)")
      ->check(CLI::IsMember({"board", "checkin"}));
  cli.add_option("--people", people,
                 "Check-in: registrant store (default: $KIOSK_PEOPLE, else ~/.local/share/kiosk/registrants.db)");
  cli.add_option("--desk", desk, "Check-in: this desk's name, e.g. A (default: the host name)");
  auto* hub_option =
      cli.add_option("--hub", hub, "Check-in: the hub's URL (kioskctl serve), e.g. http://10.0.0.5:8080");
  auto* token_option = cli.add_option("--token", token, "Check-in: the hub's token")->needs(hub_option);
  cli.add_option("--token-file", token_file, "Check-in: a file whose first line is the hub's token")
      ->needs(hub_option)
      ->excludes(token_option);
  cli.add_option("--desk-input", desk_input,
                 "Check-in test hook: typed into the search field at start; a newline or \\n is Enter "
                 "(with --screenshot: shows a search or a scan's outcome)");
  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    command.exit_code = cli.exit(error);  // --help prints and gives 0; a bad flag gives its message and non-zero
    return command;
  }

  // The configuration file first (nothing shown when it is wrong), then every flag given on top of it.
  AppOptions options;
  if (config_option->count() == 0) {
    const char* from_environment = std::getenv("KIOSK_CONFIG");
    if (from_environment && *from_environment) config = from_environment;
  }
  if (!config.empty()) {
    try {
      options = LoadConfig(config, options);
    } catch (const std::exception& error) {
      std::fprintf(stderr, "kiosk: bad configuration: %s\n", error.what());
      return Refused(command);
    }
  }
  if (!window.empty()) {
    try {
      std::tie(flags.width, flags.height) = ParseWindowSize(window);
    } catch (const std::invalid_argument& error) {
      std::fprintf(stderr, "kiosk: --window: %s\n", error.what());
      return Refused(command);
    }
  }
  // CLI11's ranges let "nan" through (every comparison with it is false).
  if (!std::isfinite(flags.page_seconds) || !std::isfinite(flags.speed) || !std::isfinite(flags.sync_interval)) {
    std::fprintf(stderr, "kiosk: --page-seconds, --speed and --sync-interval take a finite number\n");
    return Refused(command);
  }
  if (pages_option->count() > 0) {
    try {
      flags.lobby_pages = ParsePageList(pages);
    } catch (const std::invalid_argument& error) {
      std::fprintf(stderr, "kiosk: --pages: %s\n", error.what());
      return Refused(command);
    }
  }
  Override(fullscreen, options.fullscreen, flags.fullscreen);
  Override(monitor_option, options.monitor, flags.monitor);
  if (window_option->count() > 0) {
    options.width = flags.width;
    options.height = flags.height;
  }
  Override(pages_option, options.lobby_pages, flags.lobby_pages);
  // --pages given here wins over a configuration's `show` that keeps one page.
  if (pages_option->count() > 0) options.screen = ScreenChoice::Auto;
  Override(page_seconds_option, options.page_seconds, flags.page_seconds);
  Override(interactive_option, options.interactive, flags.interactive);
  Override(speed_option, options.speed, flags.speed);
  Override(assets_option, options.assets, std::filesystem::path(assets));
  Override(programme_url_option, options.programme_url, flags.programme_url);
  Override(sync_interval_option, options.sync_interval, flags.sync_interval);
  Override(db_option, options.db, std::filesystem::path(db));
  // An empty --now or --room given over a configuration's: the system clock, the lobby.
  Override(now_option, options.now, now.empty() ? std::nullopt : std::optional<std::string>(now));
  Override(room_option, options.room, room.empty() ? std::nullopt : std::optional<std::string>(room));
  Override(sync, options.sync_url, sync_url);
  Override(pubkey_option, options.sync_pubkey, std::filesystem::path(pubkey));
  Override(here_option, options.here, here);
  if (show_option->count() > 0) {
    options.screen = show == "board"      ? ScreenChoice::Board
                     : show == "timeline" ? ScreenChoice::Timeline
                                          : ScreenChoice::Auto;
    if (show == "partners" || show == "plan") options.lobby_pages = {show};
  }
  // Command-line only: one-shot runs and test hooks.
  options.page = flags.page;
  options.bench_frames = flags.bench_frames;
  options.touch_session = flags.touch_session;
  if (touch_session_option->count() > 0 && (!options.interactive || screenshot.empty())) {
    std::fprintf(stderr, "kiosk: --touch-session needs --interactive and --screenshot\n");
    return Refused(command);
  }
  options.headless = flags.headless;
  if (!options.sync_url.empty() && options.sync_pubkey.empty()) {
    std::fprintf(stderr, "kiosk: --sync needs --pubkey (or [sync] pubkey in the configuration)\n");
    return Refused(command);
  }
  if (options.sync_url.empty() && (pubkey_option->count() > 0 || sync_interval_option->count() > 0)) {
    std::fprintf(stderr, "kiosk: --pubkey and --sync-interval need --sync (or [sync] url in the configuration)\n");
    return Refused(command);
  }
  if (mode == "checkin") {
    if (headless->count() > 0 || !sync_url.empty() || !room.empty()) {
      std::fprintf(stderr, "kiosk: --mode checkin takes no --headless, --sync or --room\n");
      return Refused(command);
    }
    if (!now.empty()) {
      // Check-in events carry the real time (merged between desks by time): a desk never runs on a made-up clock.
      std::fprintf(stderr, "kiosk: --mode checkin takes no --now: check-ins are stamped with the real clock\n");
      return Refused(command);
    }
    // The desk's name goes into every check-in event, to the hub and into kioskctl's output (issue 11 defect 4).
    if (const auto problem = IdentifierProblem(FieldKind::DeskName, desk)) {
      std::fprintf(stderr, "kiosk: --desk %s\n", problem->c_str());
      return Refused(command);
    }
    DeskOptions desk_options;
    if (!people.empty()) desk_options.people = people;
    desk_options.desk = desk;
    desk_options.hub_url = hub;
    desk_options.token = token;
    if (!token_file.empty()) {
      const std::optional<std::string> read = checkin::ReadTokenFile(token_file);  // as kioskctl serve reads it
      if (!read) {
        std::fprintf(stderr, "kiosk: cannot read the token from %s\n", token_file.c_str());
        return Refused(command);
      }
      desk_options.token = *read;
    }
    if (!hub.empty() && desk_options.token.empty()) {
      std::fprintf(stderr, "kiosk: --hub needs --token or --token-file\n");
      return Refused(command);
    }
    desk_options.fullscreen = options.fullscreen;
    desk_options.monitor = options.monitor;
    desk_options.width = options.width;
    desk_options.height = options.height;
    if (!screenshot.empty()) desk_options.screenshot = screenshot;
    desk_options.desk_input = desk_input;
    command.mode = KioskCommand::Mode::Desk;
    command.desk = std::move(desk_options);
    return command;
  }
  if (!people.empty() || !desk.empty() || !hub.empty() || !desk_input.empty()) {
    std::fprintf(stderr, "kiosk: --people, --desk, --hub and --desk-input need --mode checkin\n");
    return Refused(command);
  }
  if (!screenshot.empty()) options.screenshot = screenshot;
  if (!clock_offset_file.empty()) options.clock_offset_file = clock_offset_file;
  command.mode = options.headless ? KioskCommand::Mode::Headless : KioskCommand::Mode::Screens;
  command.screens = std::move(options);
  return command;
}

}  // namespace kiosk::app
