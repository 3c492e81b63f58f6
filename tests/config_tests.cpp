// The unattended kiosk (issue 5 section 6): the TOML configuration, --speed, the burn-in walk, night mode and the
// systemd notifications (a fake NOTIFY_SOCKET). No window.
#include <doctest/doctest.h>

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <set>
#include <string>
#include <thread>
#include <utility>

#include "TestSupport.h"
#include "kiosk/app/Config.h"
#include "kiosk/app/ProgrammeClock.h"
#include "kiosk/app/ScreenCare.h"
#include "kiosk/app/Watchdog.h"

using namespace kiosk;
using namespace kiosk::app;
using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

namespace {

std::filesystem::path WriteFile(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  return path;
}

/// LoadConfig on `text` (written to DIR/kiosk.toml); the ConfigError's message, or "" when it loaded.
std::string ConfigFailure(const test::TempDir& dir, const std::string& text) {
  const auto path = WriteFile(dir.Path() / "kiosk.toml", text);
  try {
    LoadConfig(path, AppOptions{});
  } catch (const ConfigError& error) {
    return error.what();
  }
  return "";
}

}  // namespace

TEST_CASE("LoadConfig reads every option from its section") {
  test::TempDir dir;
  const auto path = WriteFile(dir.Path() / "kiosk.toml", R"(# a door sign at the RAICT
[kiosk]
db = "/var/lib/kiosk/raict.db"
assets = "/srv/assets"
programme_url = "https://raict.example.org/programme"
now = "2026-07-08T09:30"
speed = 60

[screen]
fullscreen = true
monitor = 1
window = "1280x720"
room = "Salon Monge"
show = "timeline"
interactive = true
idle_seconds = 45.5

[lobby]
pages = ["plan", "board"]
page_seconds = 12

[sync]
url = "http://10.0.0.5:8080/manifest"
pubkey = "/etc/kiosk/publisher.pub"
interval = 0.5

[burn_in]
shift_pixels = 6
shift_minutes = 2.5

[night]
from = "22:30"
until = "06:45"
brightness = 0.2
)");
  const AppOptions options = LoadConfig(path, AppOptions{});
  CHECK(options.config == path);
  CHECK(options.db == "/var/lib/kiosk/raict.db");
  CHECK(options.assets == "/srv/assets");
  CHECK(options.programme_url == "https://raict.example.org/programme");
  REQUIRE(options.now);
  CHECK(*options.now == "2026-07-08T09:30");
  CHECK(options.speed == 60.0);
  CHECK(options.fullscreen);
  CHECK(options.monitor == 1);
  CHECK(options.width == 1280);
  CHECK(options.height == 720);
  REQUIRE(options.room);
  CHECK(*options.room == "Salon Monge");
  CHECK(options.screen == ScreenChoice::Timeline);
  CHECK(options.interactive);
  CHECK(options.idle_seconds == 45.5);
  CHECK(options.lobby_pages == std::vector<std::string>{"plan", "board"});
  CHECK(options.page_seconds == 12.0);
  CHECK(options.sync_url == "http://10.0.0.5:8080/manifest");
  CHECK(options.sync_pubkey == "/etc/kiosk/publisher.pub");
  CHECK(options.sync_interval == 0.5);
  CHECK(options.shift_pixels == 6.0f);
  CHECK(options.shift_minutes == 2.5);
  CHECK(options.night_from == "22:30");
  CHECK(options.night_until == "06:45");
  CHECK(options.night_brightness == doctest::Approx(0.2));
}

TEST_CASE("LoadConfig keeps the defaults of keys left out and takes relative paths from the file's folder") {
  test::TempDir dir;
  std::filesystem::create_directories(dir.Path() / "etc");
  const auto path = WriteFile(dir.Path() / "etc" / "kiosk.toml", R"([kiosk]
db = "../data/raict.db"
[sync]
url = "http://hub/manifest"
pubkey = "keys/publisher.pub"
[night]
from = ""
until = ""
)");
  AppOptions defaults;
  defaults.monitor = 2;
  defaults.page_seconds = 7;
  const AppOptions options = LoadConfig(path, defaults);
  CHECK(options.monitor == 2);
  CHECK(options.page_seconds == 7.0);
  CHECK_FALSE(options.fullscreen);
  CHECK_FALSE(options.now);
  CHECK(options.speed == 1.0);
  CHECK(options.lobby_pages == std::vector<std::string>{"board", "timeline", "partners", "plan"});
  const auto folder = std::filesystem::absolute(dir.Path() / "etc");
  CHECK(options.db == (folder / "../data/raict.db").lexically_normal());
  CHECK(options.sync_pubkey == folder / "keys/publisher.pub");
  // Night mode switched off: never dimmed.
  CHECK(options.night_from.empty());
  CHECK(NightBrightness(hours{23}, options.night_from, options.night_until, options.night_brightness) == 1.0f);
}

TEST_CASE("LoadConfig names the file, line and key of an unknown key, section or a wrong type") {
  test::TempDir dir;
  const std::string file = (dir.Path() / "kiosk.toml").string();
  CHECK(ConfigFailure(dir, "[screen]\nfullscreen = true\nmonitr = 1\n") ==
        file +
            ":3: screen.monitr: unknown key (keys of [screen]: fullscreen, here, idle_seconds, interactive, monitor, "
            "room, show, window)");
  CHECK(ConfigFailure(dir, "\n[screan]\nmonitor = 1\n") ==
        file + ":2: screan: unknown section (sections: kiosk, screen, lobby, sync, burn_in, night)");
  CHECK(ConfigFailure(dir, "db = \"x.db\"\n").rfind(file + ":1: db: unknown key (keys go in a section", 0) == 0);
  CHECK(ConfigFailure(dir, "[screen]\n\nmonitor = \"1\"\n") ==
        file + ":3: screen.monitor: expected an integer, got a string");
  CHECK(ConfigFailure(dir, "[screen]\nfullscreen = 1\n") ==
        file + ":2: screen.fullscreen: expected a boolean (true or false), got an integer");
  CHECK(ConfigFailure(dir, "[lobby]\npages = [\"board\",\n  \"agenda\"]\n") ==
        file + ":3: lobby.pages: unknown page 'agenda' (pages: board, timeline, partners, plan)");
  CHECK(ConfigFailure(dir, "[lobby]\npages = \"board\"\n") ==
        file + ":2: lobby.pages: expected an array of page names, got a string");
  CHECK(ConfigFailure(dir, "[lobby]\npages = []\n") == file + ":2: lobby.pages: no pages");
}

TEST_CASE("LoadConfig refuses values out of range, malformed times and a sync URL without a key") {
  test::TempDir dir;
  const std::string file = (dir.Path() / "kiosk.toml").string();
  CHECK(ConfigFailure(dir, "[kiosk]\nspeed = 0.01\n") == file + ":2: kiosk.speed: 0.01 is out of range 0.1..100000");
  CHECK(ConfigFailure(dir, "[kiosk]\nspeed = 200000\n") ==
        file + ":2: kiosk.speed: 200000 is out of range 0.1..100000");
  CHECK(ConfigFailure(dir, "[lobby]\npage_seconds = 0\n") ==
        file + ":2: lobby.page_seconds: 0 is out of range 1..3600");
  CHECK(ConfigFailure(dir, "[screen]\nmonitor = -1\n") == file + ":2: screen.monitor: -1 is out of range 0..63");
  CHECK(ConfigFailure(dir, "[screen]\nwindow = \"big\"\n") ==
        file + ":2: screen.window: expected WxH such as 1920x1080, got 'big'");
  CHECK(ConfigFailure(dir, "[screen]\nshow = \"both\"\n") ==
        file + ":2: screen.show: 'both' is not auto, board, timeline, partners or plan");
  CHECK(ConfigFailure(dir, "[night]\nfrom = \"9pm\"\n") == file + ":2: night.from: '9pm' is not HH:MM");
  CHECK(ConfigFailure(dir, "[night]\nbrightness = 1.5\n") == file + ":2: night.brightness: 1.5 is out of range 0..1");
  CHECK(ConfigFailure(dir, "[night]\nfrom = \"\"\n") ==
        file + ":2: night: from and until must be both set (HH:MM) or both empty (no night mode)");
  CHECK(ConfigFailure(dir, "[sync]\ninterval = 2\nurl = \"http://hub/manifest\"\n") ==
        file + ":3: sync.url: needs sync.pubkey, the publisher's public key file");
  CHECK(ConfigFailure(dir, "[kiosk]\nnow = \"yesterday\"\n").rfind(file + ":2: kiosk.now: ", 0) == 0);
  // TOML syntax: the parser's line.
  const std::string syntax = ConfigFailure(dir, "[screen]\nfullscreen = true\nmonitor = \n");
  CHECK(syntax.rfind(file + ":3: ", 0) == 0);
  // No file at all.
  try {
    LoadConfig(dir.Path() / "missing.toml", AppOptions{});
    FAIL("no error for a missing file");
  } catch (const ConfigError& error) {
    CHECK(std::string(error.what()) ==
          (dir.Path() / "missing.toml").string() + ":0: cannot read the configuration file");
    CHECK(error.Line() == 0);
  }
}

TEST_CASE("the example configuration tools/kiosk.toml loads: the RAICT lobby") {
  const AppOptions options = LoadConfig(test::SourcePath("tools/kiosk.toml"), AppOptions{});
  CHECK(options.fullscreen);
  CHECK(options.monitor == 0);
  CHECK_FALSE(options.room);
  CHECK(options.db == "/var/lib/kiosk/raict-2026.db");
  CHECK(options.lobby_pages == std::vector<std::string>{"board", "timeline", "partners", "plan"});
  CHECK(options.shift_pixels == 4.0f);
  CHECK(options.night_from == "21:00");
  CHECK(options.sync_url.empty());
}

TEST_CASE("ParsePageList and ParseWindowSize read the command line's lists and sizes") {
  CHECK(ParsePageList("board,timeline, plan") == std::vector<std::string>{"board", "timeline", "plan"});
  CHECK(ParsePageList("partners") == std::vector<std::string>{"partners"});
  CHECK_THROWS_WITH_AS(ParsePageList("board,,plan"), "unknown page '' (pages: board, timeline, partners, plan)",
                       std::invalid_argument);
  CHECK_THROWS_AS(ParsePageList("agenda"), std::invalid_argument);
  CHECK(ParseWindowSize("3840x2160") == std::pair<int, int>{3840, 2160});
  CHECK(ParseWindowSize("1080X1920") == std::pair<int, int>{1080, 1920});
  CHECK_THROWS_AS(ParseWindowSize("1920x"), std::invalid_argument);
}

TEST_CASE("BurnInShift walks one pixel a step over every offset within the bound, starting at 0") {
  const seconds period = minutes{3};
  CHECK(BurnInShift(seconds{0}, 4.0f, period).x == 0);
  CHECK(BurnInShift(seconds{0}, 4.0f, period).y == 0);
  // Still the first step until a period has passed.
  CHECK(BurnInShift(seconds{179}, 4.0f, period).x == 0);
  CHECK(BurnInShift(seconds{180}, 4.0f, period).x == 1);
  CHECK(BurnInShift(seconds{4 * 180}, 4.0f, period).x == 4);
  CHECK(BurnInShift(seconds{5 * 180}, 4.0f, period).x == 3);
  CHECK(BurnInShift(seconds{12 * 180}, 4.0f, period).x == -4);
  // After a whole sweep of x (4R = 16 steps), y has moved one pixel.
  CHECK(BurnInShift(seconds{16 * 180}, 4.0f, period).y == 1);
  CHECK(BurnInShift(seconds{16 * 180}, 4.0f, period).x == 0);

  std::set<std::pair<int, int>> seen;
  ImVec2 last = BurnInShift(seconds{0}, 4.6f, period);
  for (long long step = 0; step < 16 * 4 * 4; ++step) {
    const ImVec2 shift = BurnInShift(seconds{step * 180}, 4.6f, period);
    CHECK(std::abs(shift.x) <= 4);
    CHECK(std::abs(shift.y) <= 4);
    CHECK(std::abs(shift.x - last.x) <= 1);
    CHECK(std::abs(shift.y - last.y) <= 1);
    last = shift;
    seen.insert({static_cast<int>(shift.x), static_cast<int>(shift.y)});
  }
  CHECK(seen.size() == 81);  // every offset of the 9 x 9 square
  // The cycle closes: 16 R² steps later it is back at the start.
  CHECK(BurnInShift(seconds{256 * 180}, 4.0f, period).x == 0);
  CHECK(BurnInShift(seconds{256 * 180}, 4.0f, period).y == 0);
  // Less than a pixel allowed, or no period: never moves.
  CHECK(BurnInShift(seconds{5 * 180}, 0.9f, period).x == 0);
  CHECK(BurnInShift(seconds{5 * 180}, 4.0f, seconds{0}).x == 0);
  // The bound scales with the screen's height from 1080 px.
  CHECK(BurnInMaxPixels(4, 1080) == 4.0f);
  CHECK(BurnInMaxPixels(4, 2160) == 8.0f);
  CHECK(BurnInMaxPixels(4, 720) == doctest::Approx(2.6667));
  CHECK(BurnInMaxPixels(0, 1080) == 0.0f);
}

TEST_CASE("NightBrightness dims between from and until, across midnight or within a day") {
  const auto hm = [](int h, int m) { return minutes{h * 60 + m}; };
  // 21:00 to 07:00, across midnight.
  CHECK(NightBrightness(hm(20, 59), hm(21, 0), hm(7, 0), 0.35f) == 1.0f);
  CHECK(NightBrightness(hm(21, 0), hm(21, 0), hm(7, 0), 0.35f) == 0.35f);
  CHECK(NightBrightness(hm(0, 0), hm(21, 0), hm(7, 0), 0.35f) == 0.35f);
  CHECK(NightBrightness(hm(6, 59), hm(21, 0), hm(7, 0), 0.35f) == 0.35f);
  CHECK(NightBrightness(hm(7, 0), hm(21, 0), hm(7, 0), 0.35f) == 1.0f);
  CHECK(NightBrightness(hm(12, 0), hm(21, 0), hm(7, 0), 0.35f) == 1.0f);
  // 01:00 to 05:00, within a day.
  CHECK(NightBrightness(hm(0, 30), hm(1, 0), hm(5, 0), 0.5f) == 1.0f);
  CHECK(NightBrightness(hm(3, 0), hm(1, 0), hm(5, 0), 0.5f) == 0.5f);
  CHECK(NightBrightness(hm(5, 0), hm(1, 0), hm(5, 0), 0.5f) == 1.0f);
  // The same start and end: no night; brightness clamped.
  CHECK(NightBrightness(hm(3, 0), hm(3, 0), hm(3, 0), 0.5f) == 1.0f);
  CHECK(NightBrightness(hm(23, 0), hm(21, 0), hm(7, 0), -1.0f) == 0.0f);
  // The configuration's texts.
  CHECK(NightBrightness(hm(22, 15), "21:00", "07:00", 0.35f) == 0.35f);
  CHECK(NightBrightness(hm(22, 15), "", "", 0.35f) == 1.0f);
  CHECK(NightBrightness(hm(23, 59), "22:00", "24:00", 0.4f) == 0.4f);
  CHECK(ParseHm("07:05") == hm(7, 5));
  CHECK(ParseHm("24:00") == hm(24, 0));
  CHECK_FALSE(ParseHm("7:05"));
  CHECK_FALSE(ParseHm("24:01"));
  CHECK_FALSE(ParseHm("12:60"));
}

TEST_CASE("ProgrammeClock runs --speed times real time from --now, and refuses a speed out of range") {
  const auto started = std::chrono::steady_clock::now();
  ProgrammeClock clock(std::string("2026-07-08T00:00"), started, 3600.0);
  CHECK(clock.Trusted());
  CHECK(clock.Speed() == 3600.0);
  CHECK(clock.RealSeconds(60.0) == doctest::Approx(60.0 / 3600.0));
  const Instant start = ParseIsoInstant("2026-07-08T00:00", clock.Zone());
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  // Half a real second is half a programme hour (with a generous margin for a loaded machine).
  const auto run = clock.Now() - start;
  CHECK(run >= seconds{1700});
  CHECK(run <= seconds{3 * 3600});
  // Read again in another zone, the time run so far is kept at speed.
  clock.UseZone("Asia/Tokyo");
  const auto run_tokyo = clock.Now() - ParseIsoInstant("2026-07-08T00:00", clock.Zone());
  CHECK(run_tokyo >= seconds{1700});
  CHECK(run_tokyo <= seconds{3 * 3600});

  // Without --now it starts at the real time.
  ProgrammeClock fast(std::nullopt, std::chrono::steady_clock::now(), 2.0);
  CHECK(fast.Trusted());
  const auto real = std::chrono::time_point_cast<seconds>(std::chrono::system_clock::now());
  CHECK(fast.Now() - real <= seconds{2});
  CHECK(real - fast.Now() <= seconds{2});
  CHECK_FALSE(ProgrammeClock(std::nullopt).Trusted());

  CHECK_THROWS_WITH_AS(ProgrammeClock(std::nullopt, started, 0.05), "--speed: 0.05 is out of range 0.1..100000",
                       std::invalid_argument);
  CHECK_THROWS_AS(ProgrammeClock(std::nullopt, started, 1e6), std::invalid_argument);
}

namespace {

/// A unix datagram socket bound in a temporary folder, posing as systemd's notify socket for its lifetime
/// (NOTIFY_SOCKET and WATCHDOG_USEC set, restored after).
class FakeNotifySocket {
 public:
  explicit FakeNotifySocket(const std::filesystem::path& path, const char* watchdog_usec) : m_path(path) {
    m_fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    REQUIRE(m_fd >= 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    REQUIRE(path.string().size() < sizeof address.sun_path);
    std::strncpy(address.sun_path, path.c_str(), sizeof address.sun_path - 1);
    REQUIRE(::bind(m_fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    timeval timeout{2, 0};
    ::setsockopt(m_fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    ::setenv("NOTIFY_SOCKET", path.c_str(), 1);
    if (watchdog_usec) {
      ::setenv("WATCHDOG_USEC", watchdog_usec, 1);
    } else {
      ::unsetenv("WATCHDOG_USEC");
    }
    ::unsetenv("WATCHDOG_PID");
  }
  ~FakeNotifySocket() {
    ::close(m_fd);
    ::unsetenv("NOTIFY_SOCKET");
    ::unsetenv("WATCHDOG_USEC");
  }
  FakeNotifySocket(const FakeNotifySocket&) = delete;
  FakeNotifySocket& operator=(const FakeNotifySocket&) = delete;

  /// The next datagram; "" when none comes within `wait`.
  std::string Receive(std::chrono::milliseconds wait = std::chrono::milliseconds{2000}) const {
    timeval timeout{static_cast<time_t>(wait.count() / 1000), static_cast<suseconds_t>(wait.count() % 1000 * 1000)};
    ::setsockopt(m_fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    char buffer[512];
    const ssize_t size = ::recv(m_fd, buffer, sizeof buffer, 0);
    return size > 0 ? std::string(buffer, static_cast<std::size_t>(size)) : std::string();
  }

 private:
  std::filesystem::path m_path;
  int m_fd = -1;
};

}  // namespace

TEST_CASE("Watchdog tells a fake systemd READY=1, then WATCHDOG=1 at half of WATCHDOG_USEC, and STATUS changes") {
  test::TempDir dir;
  FakeNotifySocket systemd(dir.Path() / "notify", "400000");  // WatchdogSec=0.4 s
  Watchdog watchdog;
  CHECK(watchdog.Active());
  REQUIRE(watchdog.PingInterval());
  CHECK(*watchdog.PingInterval() == std::chrono::microseconds{200000});

  watchdog.Ready("revision 3, board page 1");
  CHECK(systemd.Receive() == "READY=1\nSTATUS=revision 3, board page 1");
  watchdog.Ready();  // once only
  const auto now = std::chrono::steady_clock::now();
  // Not yet half the watchdog since READY=1.
  CHECK_FALSE(watchdog.Tick(now));
  CHECK(systemd.Receive(std::chrono::milliseconds{50}) == "");
  CHECK(watchdog.Tick(now + std::chrono::milliseconds{250}));
  CHECK(systemd.Receive() == "WATCHDOG=1");
  CHECK_FALSE(watchdog.Tick(now + std::chrono::milliseconds{300}));
  CHECK(watchdog.Tick(now + std::chrono::milliseconds{460}));
  CHECK(systemd.Receive() == "WATCHDOG=1");

  watchdog.Status("revision 4, board page 2");
  CHECK(systemd.Receive() == "STATUS=revision 4, board page 2");
  watchdog.Status("revision 4, board page 2");  // unchanged: nothing sent
  CHECK(systemd.Receive(std::chrono::milliseconds{50}) == "");
  watchdog.Stopping();
  CHECK(systemd.Receive() == "STOPPING=1");
}

TEST_CASE("Watchdog is a no-op without NOTIFY_SOCKET, and pings nothing without WATCHDOG_USEC") {
  {
    test::TempDir dir;
    FakeNotifySocket systemd(dir.Path() / "notify", nullptr);
    Watchdog watchdog;
    CHECK(watchdog.Active());
    CHECK_FALSE(watchdog.PingInterval());
    watchdog.Ready();
    CHECK(systemd.Receive() == "READY=1");
    CHECK_FALSE(watchdog.Tick(std::chrono::steady_clock::now() + hours{1}));
    CHECK(systemd.Receive(std::chrono::milliseconds{50}) == "");
  }
  ::unsetenv("NOTIFY_SOCKET");
  Watchdog watchdog;
  CHECK_FALSE(watchdog.Active());
  watchdog.Ready();
  CHECK_FALSE(watchdog.Tick(std::chrono::steady_clock::now() + hours{1}));
}

#ifdef KIOSK_PATH
// End to end through the binary (tests/CMakeLists.txt gives config_tests KIOSK_PATH): a bad configuration stops the
// kiosk before it opens anything, with the file, line and key, exit code 2; flags are checked after the file.
TEST_CASE("kiosk --config with a bad file exits 2 naming the file, line and key, before showing anything") {
  test::TempDir dir;
  const auto bad = WriteFile(dir.Path() / "bad.toml", "[screen]\nfullscreen = true\nmonitor = \"HDMI-1\"\n");
  // No DISPLAY needed: nothing is opened.
  test::CommandResult run = test::RunCommand("env -u DISPLAY " + std::string(KIOSK_PATH) + " --config " + bad.string());
  CHECK(run.exit_code == 2);
  CHECK(run.out.find(bad.string() + ":3: screen.monitor: expected an integer, got a string") != std::string::npos);
  // From $KIOSK_CONFIG too.
  run = test::RunCommand("env -u DISPLAY KIOSK_CONFIG=" + bad.string() + " " + KIOSK_PATH + " --headless");
  CHECK(run.exit_code == 2);
  CHECK(run.out.find("bad configuration: " + bad.string() + ":3:") != std::string::npos);
  // A sync URL from the file still needs a key from somewhere.
  const auto sync = WriteFile(dir.Path() / "sync.toml", "[kiosk]\nspeed = 2\n");
  run = test::RunCommand(std::string(KIOSK_PATH) + " --config " + sync.string() +
                         " --sync http://127.0.0.1:9/ --headless");
  CHECK(run.exit_code == 2);
  CHECK(run.out.find("--sync needs --pubkey") != std::string::npos);
  run = test::RunCommand(std::string(KIOSK_PATH) + " --pages board,agenda --headless");
  CHECK(run.exit_code == 2);
  CHECK(run.out.find("--pages: unknown page 'agenda'") != std::string::npos);
}
#endif

TEST_CASE("a configuration's show = \"plan\" keeps the plan page alone, as --show plan does") {
  test::TempDir dir;
  const auto path = WriteFile(dir.Path() / "kiosk.toml", "[screen]\nshow = \"plan\"\n[lobby]\npage_seconds = 15\n");
  const AppOptions options = LoadConfig(path, AppOptions{});
  CHECK(options.screen == ScreenChoice::Auto);
  CHECK(options.lobby_pages == std::vector<std::string>{"plan"});
  CHECK(options.page_seconds == 15.0);
}
