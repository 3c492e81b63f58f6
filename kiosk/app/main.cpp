// kiosk: the venue screen. Parses the command line and hands over to RunApp.
#include <cstdio>
#include <fstream>
#include <regex>
#include <string>

#include <CLI/CLI.hpp>

#include "kiosk/app/App.h"
#include "kiosk/app/CheckinDesk.h"
#include "kiosk/app/Headless.h"
#include "kiosk/core/Text.h"

int main(int argc, char** argv) {
  kiosk::app::AppOptions options;
  CLI::App cli{"kiosk: the venue screen (lobby board, day timeline, countdown, door sign)"};
  std::string db, now, window, screenshot, room, show = "auto";
  cli.add_option("--db", db, "Schedule store (default: $KIOSK_DB, else ~/.local/share/kiosk/schedule.db)");
  cli.add_option("--now", now, "Run the clock from this instant, ISO 8601 (venue-local unless it has an offset)");
  auto* fullscreen = cli.add_flag("--fullscreen", options.fullscreen, "Full screen on a monitor");
  cli.add_option("--monitor", options.monitor, "Monitor index for --fullscreen (default 0; primary if missing)")
      ->needs(fullscreen)
      ->check(CLI::NonNegativeNumber);
  cli.add_option("--window", window, "Window size WxH (default 1920x1080)");
  cli.add_option("--screenshot", screenshot, "Render this moment to a PNG, print its path and exit");
  cli.add_option("--show", show, "Screen: auto (rotate board and timeline), board or timeline")
      ->check(CLI::IsMember({"auto", "board", "timeline"}));
  cli.add_option("--room", room, "Door sign of this room (key or name, e.g. \"Salon Monge\") instead of the lobby");
  cli.add_option("--page", options.page, "Start the rotation at this page (0: the first board page)")
      ->check(CLI::NonNegativeNumber);
  cli.add_option("--bench-frames", options.bench_frames,
                 "Benchmark: draw N frames back to back, print first-frame time, CPU per frame and peak RSS, exit")
      ->check(CLI::NonNegativeNumber);
  std::string sync_url, pubkey, clock_offset_file;
  auto* sync = cli.add_option("--sync", sync_url,
                              "Pull signed snapshots from this manifest URL (a URL ending in / gets 'manifest') "
                              "into the --db store in the background; the screen keeps the last good revision");
  cli.add_option("--pubkey", pubkey,
                 "The publisher's public key file (kioskctl keygen) that snapshots must be signed with")
      ->needs(sync);
  sync->needs(cli.get_option("--pubkey"));
  cli.add_option("--sync-interval", options.sync_interval, "Seconds between two polls of the manifest (default 2)")
      ->needs(sync)
      ->check(CLI::Range(0.05, 3600.0));
  auto* headless = cli.add_flag("--headless", options.headless,
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
  CLI11_PARSE(cli, argc, argv);

  if (!window.empty()) {
    std::smatch match;
    static const std::regex kSize(R"((\d{2,5})[xX](\d{2,5}))");
    if (!std::regex_match(window, match, kSize)) {
      std::fprintf(stderr, "kiosk: --window wants WxH such as 1920x1080, got '%s'\n", window.c_str());
      return 2;
    }
    options.width = std::stoi(match[1]);
    options.height = std::stoi(match[2]);
  }
  if (mode == "checkin") {
    if (headless->count() > 0 || !sync_url.empty() || !room.empty()) {
      std::fprintf(stderr, "kiosk: --mode checkin takes no --headless, --sync or --room\n");
      return 2;
    }
    if (!now.empty()) {
      // Check-in events carry the real time (merged between desks by time): a desk never runs on a made-up clock.
      std::fprintf(stderr, "kiosk: --mode checkin takes no --now: check-ins are stamped with the real clock\n");
      return 2;
    }
    kiosk::app::DeskOptions desk_options;
    if (!people.empty()) desk_options.people = people;
    desk_options.desk = desk;
    desk_options.hub_url = hub;
    desk_options.token = token;
    if (!token_file.empty()) {
      std::ifstream in(token_file);
      if (!in || !std::getline(in, desk_options.token)) {
        std::fprintf(stderr, "kiosk: cannot read the token from %s\n", token_file.c_str());
        return 2;
      }
      desk_options.token = std::string(kiosk::Trim(desk_options.token));  // as kioskctl serve reads it
    }
    if (!hub.empty() && desk_options.token.empty()) {
      std::fprintf(stderr, "kiosk: --hub needs --token or --token-file\n");
      return 2;
    }
    desk_options.fullscreen = options.fullscreen;
    desk_options.monitor = options.monitor;
    desk_options.width = options.width;
    desk_options.height = options.height;
    if (!screenshot.empty()) desk_options.screenshot = screenshot;
    desk_options.desk_input = desk_input;
    return kiosk::app::RunCheckinDesk(desk_options);
  }
  if (!people.empty() || !desk.empty() || !hub.empty() || !desk_input.empty()) {
    std::fprintf(stderr, "kiosk: --people, --desk, --hub and --desk-input need --mode checkin\n");
    return 2;
  }
  if (!db.empty()) options.db = db;
  if (!now.empty()) options.now = now;
  if (!screenshot.empty()) options.screenshot = screenshot;
  if (!room.empty()) options.room = room;
  options.screen = show == "board"      ? kiosk::app::ScreenChoice::Board
                   : show == "timeline" ? kiosk::app::ScreenChoice::Timeline
                                        : kiosk::app::ScreenChoice::Auto;
  options.sync_url = sync_url;
  if (!pubkey.empty()) options.sync_pubkey = pubkey;
  if (!clock_offset_file.empty()) options.clock_offset_file = clock_offset_file;
  return options.headless ? kiosk::app::RunHeadless(options) : kiosk::app::RunApp(options);
}
