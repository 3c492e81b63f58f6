// kiosk: the venue screen. Parses the command line and hands over to RunApp.
#include <cstdio>
#include <regex>
#include <string>

#include <CLI/CLI.hpp>

#include "kiosk/app/App.h"

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
  if (!db.empty()) options.db = db;
  if (!now.empty()) options.now = now;
  if (!screenshot.empty()) options.screenshot = screenshot;
  if (!room.empty()) options.room = room;
  options.screen = show == "board"      ? kiosk::app::ScreenChoice::Board
                   : show == "timeline" ? kiosk::app::ScreenChoice::Timeline
                                        : kiosk::app::ScreenChoice::Auto;
  return kiosk::app::RunApp(options);
}
