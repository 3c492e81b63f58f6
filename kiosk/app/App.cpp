// The kiosk application: window and GL context, ImGui backends, the frame loop that idles, rotation, screenshots.
#include "kiosk/app/App.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <memory>
#include <optional>
#include <vector>

#include <sys/resource.h>
#include <time.h>

#define GLFW_INCLUDE_NONE
#include <GL/gl.h>
#include <GLFW/glfw3.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>
#include <stb_image_write.h>

#include "kiosk/app/Assets.h"
#include "kiosk/app/FrameTiming.h"
#include "kiosk/app/LogTime.h"
#include "kiosk/app/ProgrammeClock.h"
#include "kiosk/app/ProgrammeLoader.h"
#include "kiosk/app/ScreenCare.h"
#include "kiosk/app/ScreenDecision.h"
#include "kiosk/app/SyncThread.h"
#include "kiosk/app/Watchdog.h"
#include "kiosk/app/Window.h"
#include "kiosk/core/Clock.h"
#include "kiosk/core/LiveChanges.h"
#include "kiosk/core/RoomLookup.h"
#include "kiosk/core/VenueZone.h"
#include "kiosk/ui/BoardViewModel.h"
#include "kiosk/ui/DoorSignViewModel.h"
#include "kiosk/ui/Fonts.h"
#include "kiosk/ui/InteractiveScreen.h"
#include "kiosk/ui/InteractiveViewModel.h"
#include "kiosk/ui/PageScreens.h"
#include "kiosk/ui/ScreenParts.h"
#include "kiosk/ui/Screens.h"
#include "kiosk/ui/StaffStatus.h"
#include "kiosk/ui/TimelineViewModel.h"
#include "kiosk/ui/Typography.h"

namespace kiosk::app {
namespace {

using SteadyClock = std::chrono::steady_clock;

/// Frames to draw after any change: ImGui needs two to settle, one more for safety.
constexpr int kSettleFrames = 3;

class App {
 public:
  explicit App(const AppOptions& options) : m_options(options), m_manual_offset(options.page) {}
  ~App() { Shutdown(); }

  int Run();

 private:
  static std::filesystem::path StorePath(const AppOptions& options) {
    return options.db.empty() ? DefaultStorePath() : options.db;
  }
  bool CreateWindow();
  void InstallCallbacks();
  void Shutdown();
  const VenueZone& Zone() const { return m_time->Zone(); }
  void RenderFrame(Instant now, SteadyClock::time_point steady_now);
  bool WriteScreenshot();
  int RunBenchmark();
  int RetrySeconds(SteadyClock::time_point steady_now) const {
    auto wait = std::chrono::ceil<std::chrono::seconds>(m_store.next_poll - steady_now);
    return static_cast<int>(std::max<long long>(0, wait.count()));
  }
  void Wake(int frames = kSettleFrames) { m_frames_due = std::max(m_frames_due, frames); }
  /// Real time since the start, on which the rotation and the burn-in walk run.
  std::chrono::seconds Elapsed(SteadyClock::time_point steady_now) const {
    return std::chrono::duration_cast<std::chrono::seconds>(steady_now - m_started);
  }
  /// The page counts the decision needs, measured by ui at `context`'s size with the plan's bands in place.
  static ScreenLayout Layout(const ui::ScreenContext& context) {
    ScreenLayout layout;
    layout.landscape = context.size.x >= context.size.y;
    const auto with = [context](const ViewPlan& plan) {
      ui::ScreenContext measured = context;
      measured.announcements = &plan.announcements;
      measured.clock = &plan.clock;
      return measured;
    };
    layout.board_pages = [with](const ViewPlan& plan, const ui::BoardViewModel& board) {
      return ui::BoardPageCount(with(plan), board);
    };
    layout.timeline_pages = [with](const ViewPlan& plan, const ui::TimelineViewModel& timeline) {
      return ui::TimelinePageCount(with(plan), timeline);
    };
    layout.partners = ui::HasPartnersPage(context);
    layout.plan = ui::HasPlanPage(context);
    layout.wrong_clock_pages = [with](const ViewPlan& plan, const ui::WrongClockViewModel& programme) {
      return ui::WrongClockScreenCount(with(plan), programme);
    };
    return layout;
  }
  /// Whether the touch screen shows (an --interactive kiosk touched less than idle_seconds ago).
  bool TouchActive(SteadyClock::time_point steady_now) const {
    return m_options.interactive &&
           !ui::IdleExpired(m_touch, steady_now, std::chrono::duration<double>(m_options.idle_seconds));
  }
  /// Burn-in care (ScreenCare.h): the whole picture's offset now, walking on real time from the start, within
  /// ±shift_pixels scaled to `height` (window pixels).
  ImVec2 BurnIn(SteadyClock::time_point steady_now, float height) const {
    const auto period = std::max(std::chrono::seconds{1},
                                 std::chrono::seconds{static_cast<long long>(m_options.shift_minutes * 60 + 0.5)});
    return BurnInShift(std::chrono::duration_cast<std::chrono::seconds>(steady_now - m_started),
                       BurnInMaxPixels(m_options.shift_pixels, height), period);
  }

  static App* From(GLFWwindow* window) { return static_cast<App*>(glfwGetWindowUserPointer(window)); }

  /// The loader's worker wakes the loop with glfwPostEmptyEvent: only between glfwInit and glfwTerminate.
  void StartLoader() {
    m_loader = std::make_unique<ProgrammeLoader>(StorePath(m_options), m_options.sync_url, [this] {
      if (m_wake_ready) glfwPostEmptyEvent();
    });
  }
  /// Takes the loader's newest state, if any, and wakes frames when what is shown changes (the programme or the
  /// problem, not only the retry's countdown). A new programme brings its zone (and a venue-local --now read in it);
  /// the fonts follow in RenderFrame (programme and announcement texts together).
  void TakeStore() {
    std::optional<ProgrammeState> state = m_loader->Take();
    if (!state) return;
    const bool changed = state->programme != m_store.programme || state->problem != m_store.problem ||
                         state->problem_text != m_store.problem_text;
    if (state->programme && state->programme != m_store.programme)
      m_time->UseZone(state->programme->programme.conference.time_zone);
    m_store = std::move(*state);
    if (changed) Wake();
  }

  AppOptions m_options;
  std::unique_ptr<ProgrammeLoader> m_loader;  ///< the store, read on its own thread; reset before the window closes
  ProgrammeState m_store;  ///< the loader's last state taken by the frame loop: the programme shown, the problem
  std::atomic<bool> m_wake_ready{false};  ///< GLFW is initialised: the loader may post an empty event
  KioskWindow m_kiosk_window;
  GLFWwindow* m_window = nullptr;  ///< m_kiosk_window's, once open
  SteadyClock::time_point m_started = SteadyClock::now();
  std::optional<ProgrammeClock> m_time;  ///< zone and clock; set first thing in Run()
  ui::Fonts m_fonts;
  int m_frames_due = kSettleFrames;
  int m_manual_offset = 0;  ///< pages skipped by NextPage or --page
  /// What the last frame showed (its ScreenDecision's answer); a difference means a new frame is due.
  struct Shown {
    Instant now{};          ///< the clock time drawn; a clock stepping back before it redraws at once
    Instant next_change{};  ///< programme time: the picture's next change (minute, session, notice's end)
    long long slot = -1;    ///< the rotation slot drawn
    int alternating = 0;    ///< pictures alternating with the slot; slot changes matter only above one
    std::chrono::seconds next_slot_change = std::chrono::seconds::max();  ///< real time since start
    float night = 1.0f;                                                   ///< night mode's level (a change wakes)
    ImVec2 shift{0, 0};                                                   ///< the burn-in offset drawn
    float height = 1080;  ///< the window height, which scales the burn-in offset
    int retry = -1;       ///< the message screen's countdown
    std::string status;   ///< for the STATUS= line ("board page 1 (screen 1/3)")
  } m_shown;
  std::shared_ptr<const LoadedProgramme> m_font_programme;  ///< the programme whose texts the fonts were given
  bool m_first_frame_logged = false;
  bool m_room_missing_logged = false;  ///< the unknown --room was logged (again only after it was found once)
  double m_build_cpu_ms = 0;  ///< main-thread CPU spent building frames (view models + ImGui), for --bench-frames
  std::unique_ptr<SyncThread> m_sync;  ///< --sync; started in Run() after the window, stopped before glfwTerminate
  ui::StaffStatus m_staff;             ///< the staff corner, refreshed from m_sync every loop
  std::int64_t m_logged_revision = 0;  ///< the last revision logged as shown
  PictureStore m_pictures;             ///< m_branding's GL textures; Shutdown() clears it before the window closes
  ui::Branding m_branding;             ///< logo, partners, venue plan, programme URL (assets/); loaded after the window
  ui::InteractiveState m_touch;        ///< --interactive: the visitor's place on the touch screen
  bool m_shown_touch = false;          ///< whether the last frame showed the touch screen
  Watchdog m_watchdog;                 ///< systemd: READY=1 after the first frame, WATCHDOG=1 from the loop
};

double ThreadCpuMs() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

bool App::CreateWindow() {
  WindowOptions window;
  window.width = m_options.width;
  window.height = m_options.height;
  window.fullscreen = m_options.fullscreen;
  window.monitor = m_options.monitor;
  window.hidden = !m_options.screenshot.empty();
  window.hide_cursor = true;  // full screen only: a venue screen shows no mouse cursor
  if (!m_kiosk_window.Open(window, this, [this](GLFWwindow* window) {
        m_window = window;
        InstallCallbacks();
      }))
    return false;
  m_window = m_kiosk_window.Get();
  ImGui::GetIO().ConfigFlags |= ImGuiConfigFlags_NoMouseCursorChange;
  // Pictures need the GL context; each missing or broken file is skipped with a log line.
  const std::filesystem::path assets = FindAssetsDir(m_options.assets);
  // A venue's own faces: the event folder's fonts/, else the one beside it (assets/fonts).
  std::error_code error;
  m_fonts.SetFontDirectory(std::filesystem::is_directory(assets / "fonts", error) ? assets / "fonts"
                                                                                  : assets.parent_path() / "fonts");
  m_branding = LoadBranding(
      assets, [this](const std::filesystem::path& path) { return UploadPicture(path, m_pictures); },
      m_options.programme_url);
  // The plan's rooms by the one room lookup (key, name, or a word of one name), as the plan page lights them.
  std::vector<Room> plan_rooms;
  for (const ui::PlanRoom& room : m_branding.plan.rooms) {
    plan_rooms.push_back(Room{room.room_key, room.room_key});  // the plan page matches keys, not labels
  }
  if (!m_options.here.empty() && !MatchRoom(plan_rooms, m_options.here).room) {
    // A typo would silently leave the plan without its "vous êtes ici".
    std::fprintf(stderr, "kiosk: here '%s' is no room of the venue plan: the plan page marks no place\n",
                 m_options.here.c_str());
  }
  return true;
}

void App::InstallCallbacks() {
  // Any input or window change asks for a few frames; the ImGui backend chains these after its own.
  glfwSetKeyCallback(m_window, [](GLFWwindow* w, int, int, int, int) { From(w)->Wake(); });
  glfwSetCharCallback(m_window, [](GLFWwindow* w, unsigned) { From(w)->Wake(); });
  glfwSetMouseButtonCallback(m_window, [](GLFWwindow* w, int, int, int) { From(w)->Wake(); });
  glfwSetScrollCallback(m_window, [](GLFWwindow* w, double, double) { From(w)->Wake(); });
  glfwSetWindowFocusCallback(m_window, [](GLFWwindow* w, int) { From(w)->Wake(); });
  glfwSetCursorEnterCallback(m_window, [](GLFWwindow* w, int) { From(w)->Wake(); });
  glfwSetFramebufferSizeCallback(m_window, [](GLFWwindow* w, int, int) { From(w)->Wake(); });
  glfwSetWindowRefreshCallback(m_window, [](GLFWwindow* w) { From(w)->Wake(); });
}

void App::Shutdown() {
  m_wake_ready = false;
  m_loader.reset();                             // joined before GLFW terminates: its worker posts empty events
  if (m_window != nullptr) m_pictures.Clear();  // while the GL context is current
  m_kiosk_window.Close();
  m_window = nullptr;
}

void App::RenderFrame(Instant now, SteadyClock::time_point steady_now) {
  int fb_w = 0, fb_h = 0, win_w = 0, win_h = 0;
  glfwGetFramebufferSize(m_window, &fb_w, &fb_h);
  glfwGetWindowSize(m_window, &win_w, &win_h);
  if (win_w <= 0 || win_h <= 0) return;  // minimised
  const ImVec2 size(static_cast<float>(win_w), static_cast<float>(win_h));
  const double build_start = ThreadCpuMs();

  // The announcements' characters need glyphs as much as the programme's.
  if (m_store.programme && m_store.programme != m_font_programme) {
    m_fonts.SetText(ui::ProgrammeText(m_store.programme->programme) +
                    ui::AnnouncementText(m_store.programme->announcements) + BrandingText(m_branding));
    m_font_programme = m_store.programme;
  }
  m_kiosk_window.BeginFrame(m_fonts);
  // Taps land where the picture is: the burn-in shift moves the picture, not the cursor.
  if (ImGuiIO& io = ImGui::GetIO(); ImGui::IsMousePosValid(&io.MousePos)) {
    io.MousePos.x -= m_shown.shift.x;
    io.MousePos.y -= m_shown.shift.y;
  }
  ImGui::NewFrame();

  ui::ScreenContext context = ui::MakeScreenContext(m_fonts, size);
  context.staff = &m_staff;
  context.branding = &m_branding;

  // What to show: decided once (ScreenDecision.h); the rest of this function applies the answer.
  ScreenInput input;
  input.elapsed = Elapsed(steady_now);
  input.manual_offset = m_manual_offset;
  input.touch_active = TouchActive(steady_now);
  input.clock_trusted = m_time->Trusted();
  const ScreenDecision decision = DecideScreen(m_store.programme.get(), now, Zone(), m_options, input, Layout(context));
  const ViewPlan& plan = decision.plan;
  context.slot = decision.slot;
  context.announcements = &plan.announcements;
  context.clock = &plan.clock;
  m_shown = Shown{now,
                  decision.next_change,
                  decision.slot,
                  decision.alternating,
                  decision.next_slot_change,
                  decision.night,
                  m_shown.shift,
                  m_shown.height,
                  -1,
                  decision.status};

  ui::Action action;
  const ui::RevisionStamp stamp =
      m_store.programme ? ui::RevisionStamp{m_store.programme->revision.number, m_store.programme->revision.imported_at}
                        : ui::RevisionStamp{};
  ui::Bilingual notice;
  if (m_store.programme && m_store.problem != StoreProblem::None) {
    // The reason is in the log; the screen says what it shows instead.
    const std::string number = std::to_string(stamp.number), hm = Zone().FormatHm(stamp.imported_at);
    notice = {ui::FrenchDisplay("Programme non actualisé : révision " + number + " de " + hm + " affichée"),
              "Programme not refreshed: showing revision " + number + " from " + hm};
  }
  if (plan.sign) {
    if (!plan.sign->found && !m_room_missing_logged) {
      std::fprintf(stderr, "kiosk: %s\n", ui::RoomNotFoundLine(*plan.sign, stamp.number).c_str());
      m_room_missing_logged = true;
    }
    if (plan.sign->found) m_room_missing_logged = false;
  }
  const ui::Pager pager{decision.index, decision.count};
  switch (decision.screen) {
    case Screen::Message: {
      ui::MessageViewModel message = ui::UnavailableMessage(
          m_store.problem == StoreProblem::None ? "loading " + m_loader->Path().string() : m_store.problem_text,
          RetrySeconds(steady_now));
      m_shown.retry = message.retry_seconds;
      if (!m_options.sync_url.empty()) {
        // A syncing kiosk's store comes from the publisher, not from kioskctl import: say what it waits for, why
        // its last poll failed (both languages, for staff) and how often it polls (no countdown: it is the sync
        // thread's).
        message = ui::SyncWaitingMessage(m_options.sync_url, m_staff.sync_problem, m_options.sync_interval);
      }
      action = ui::DrawMessage(context, message);
      break;
    }
    case Screen::Emergency: {
      // Over everything: several alternate, one a slot.
      action = ui::DrawEmergency(context, *ui::AnnouncementsViewModel::At(plan.announcements.emergency, context.slot));
      // Nothing under it is tappable: the touch screen lets only a quit through.
      if (decision.covered == Screen::Touch && action.kind != ui::Action::Kind::Quit) action = {};
      break;
    }
    case Screen::WrongClock:
      action = ui::DrawWrongClock(context, *decision.wrong_clock, decision.page);
      break;
    case Screen::DoorSign:
      action = ui::DrawDoorSign(context, *plan.sign, notice);
      break;
    case Screen::Touch: {
      // The touch screen, until idle_seconds without a touch bring the lobby back.
      ui::InteractiveViewModel touch =
          ui::InteractiveViewModel::Build(m_store.programme->programme, Zone(), now, m_touch, stamp, &m_branding.plan);
      if (!m_time->Trusted()) touch.clock.clear();  // no clock in the header when it cannot be trusted
      const ui::InteractiveResult result = ui::DrawInteractive(context, touch, m_touch);
      if (result.touched) {
        m_touch = ui::Apply(m_touch, result.input);
        Wake();
      }
      action = result.action;
      break;
    }
    case Screen::Countdown:
      action = ui::DrawCountdown(context, *plan.board);
      break;
    case Screen::Closing:
      action = ui::DrawClosing(context, *plan.board);
      break;
    case Screen::Board:
      action = ui::DrawBoard(context, *plan.board, decision.page, pager, notice);
      break;
    case Screen::Timeline:
      action = ui::DrawTimeline(context, *plan.board, *decision.timeline, decision.page, pager);
      break;
    case Screen::Partners:
      action = ui::DrawPartners(context, *plan.board, pager);
      break;
    case Screen::Plan:
      action = ui::DrawVenuePlan(context, *plan.board, pager, m_options.here);
      break;
  }
  if (m_options.interactive && plan.kind == ViewKind::Board && !input.touch_active &&
      action.kind == ui::Action::Kind::NextPage) {
    // A touch on the lobby of an interactive kiosk opens the touch screen (a fresh visitor: the default state).
    m_touch = {};
    ui::InteractiveInput wake;
    wake.at = steady_now;
    m_touch = ui::Apply(m_touch, wake);
    action = {};
    Wake();
  }

  // Night mode: everything, overlays included, under a translucent black (beyond the edges, which the burn-in shift
  // moves into view).
  const float brightness = decision.brightness;
  if (brightness < 1.0f) {
    const float margin = size.y * 0.05f + 16;
    ImGui::GetForegroundDrawList()->AddRectFilled(
        ImVec2(-margin, -margin), ImVec2(size.x + margin, size.y + margin),
        IM_COL32(0, 0, 0, static_cast<int>((1.0f - brightness) * 255.0f + 0.5f)));
  }
  ImGui::Render();
  // Burn-in care: the GL3 backend projects from DisplayPos and offsets the clip rects by it, so moving it moves the
  // whole picture, scissors included; the strip it uncovers shows the cleared background.
  m_shown.height = size.y;
  m_shown.shift = BurnIn(steady_now, size.y);
  ImGui::GetDrawData()->DisplayPos = ImVec2(-m_shown.shift.x, -m_shown.shift.y);
  m_build_cpu_ms += ThreadCpuMs() - build_start;
  glViewport(0, 0, fb_w, fb_h);
  // The strip the burn-in shift uncovers shows the clear colour: the emergency's red under an emergency screen.
  const ImU32 bg = decision.screen == Screen::Emergency ? ui::Theme::Venue().emergency : ui::Theme::Venue().background;
  const float dim = brightness;
  glClearColor(dim * ((bg >> IM_COL32_R_SHIFT) & 0xFF) / 255.0f, dim * ((bg >> IM_COL32_G_SHIFT) & 0xFF) / 255.0f,
               dim * ((bg >> IM_COL32_B_SHIFT) & 0xFF) / 255.0f, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());

  switch (action.kind) {
    case ui::Action::Kind::Quit:
      glfwSetWindowShouldClose(m_window, GLFW_TRUE);
      break;
    case ui::Action::Kind::NextPage:
      ++m_manual_offset;
      Wake();
      break;
    case ui::Action::Kind::None:
      break;
  }
}

bool App::WriteScreenshot() {
  int w = 0, h = 0;
  glfwGetFramebufferSize(m_window, &w, &h);
  return WriteBackBufferPng(m_options.screenshot, w, h);
}

int App::Run() {
  try {
    m_time.emplace(m_options.now, m_started, m_options.speed);
  } catch (const std::exception& error) {
    std::fprintf(stderr, "kiosk: %s\n", error.what());
    return 2;
  }
  if (!CreateWindow()) return 1;

  m_fonts.SetText("");
  if (!m_options.screenshot.empty() && !m_options.sync_url.empty()) {
    // A screenshot of a syncing kiosk shows what the server publishes: one pull first, logged like the thread's.
    try {
      const sync::SyncResult pulled = PullOnceNow(SyncSettingsFrom(m_options, StorePath(m_options)));
      std::fprintf(stderr, "kiosk: sync %s: %s\n", std::string(sync::ToString(pulled.outcome)).c_str(),
                   pulled.message.c_str());
      // The screen says why, as the live window's staff corner and waiting message do (a wrong key, a 404 …).
      m_staff = StaffAfterPull(pulled);
    } catch (const std::exception& error) {
      std::fprintf(stderr, "kiosk: %s\n", error.what());
      return 2;
    }
  }
  // The first look at the store, before the first frame: a screenshot or a benchmark waits for it as long as the
  // store's busy timeout allows; a running kiosk a second at most (then "loading", and the programme when it comes).
  m_wake_ready = true;
  StartLoader();
  const bool one_shot = !m_options.screenshot.empty() || m_options.bench_frames > 0;
  m_loader->WaitFirst(one_shot ? std::chrono::seconds{30} : std::chrono::seconds{1});
  TakeStore();

  if (!m_options.screenshot.empty()) {
    if (m_options.interactive) {
      // A screenshot of a touch screen shows it as a visitor sees it after a first touch, not its idle lobby.
      ui::InteractiveInput touch;
      touch.at = SteadyClock::now();
      m_touch = ui::Apply(m_touch, touch);
      if (!m_options.touch_session.empty() && m_store.programme) {
        // --touch-session: the detail of that session, as a tap on it in the list opens it.
        try {
          const Programme& programme = m_store.programme->programme;
          const Session& session =
              FindSession(programme, m_options.touch_session, VenueZone(programme.conference.time_zone));
          ui::InteractiveInput tap = ui::InteractiveInput::Tap(ui::InteractiveInput::Target::Session, session.uid);
          tap.start = session.start;
          tap.at = touch.at;
          m_touch = ui::Apply(m_touch, tap);
        } catch (const std::exception& error) {
          std::fprintf(stderr, "kiosk: --touch-session: %s\n", error.what());
          return 2;
        }
      }
    }
    for (int frame = 0; frame < kSettleFrames; ++frame) {
      glfwPollEvents();
      RenderFrame(m_time->Now(), SteadyClock::now());
      if (frame + 1 < kSettleFrames) glfwSwapBuffers(m_window);
    }
    bool written = WriteScreenshot();
    std::fprintf(stderr, "kiosk: screenshot rendered in %.0f ms\n",
                 std::chrono::duration<double, std::milli>(SteadyClock::now() - m_started).count());
    return written ? 0 : 1;
  }

  if (m_options.bench_frames > 0) return RunBenchmark();

  if (!m_options.sync_url.empty()) {
    try {
      const SyncSettings settings = SyncSettingsFrom(m_options, m_loader->Path());
      // glfwPostEmptyEvent is thread-safe: it ends the loop's glfwWaitEventsTimeout at once.
      m_sync = std::make_unique<SyncThread>(settings, [] { glfwPostEmptyEvent(); });
    } catch (const std::exception& error) {
      std::fprintf(stderr, "kiosk: %s\n", error.what());
      return 2;
    }
  }
  // The sync thread wakes GLFW: it must be joined before ~App terminates GLFW, whichever way Run() returns.
  struct StopSync {
    std::unique_ptr<SyncThread>& sync;
    ~StopSync() { sync.reset(); }
  } stop_sync{m_sync};

  while (!glfwWindowShouldClose(m_window)) {
    const auto steady_now = SteadyClock::now();
    // Only this loop pings systemd's watchdog: when it hangs, the pings stop and systemd restarts the kiosk. It
    // never sleeps longer than kMaxWaitSeconds, far below half of any sensible WatchdogSec.
    m_watchdog.Tick(steady_now);
    m_kiosk_window.KeepAwake(steady_now);
    if (m_sync) {
      // A swapped-in snapshot is read now, not at the next poll (5 s when the store was missing until then).
      if (m_sync->TakeStoreChanged()) m_loader->PollSoon();
      ui::StaffStatus staff = m_sync->Staff();
      const auto minutes = [](const ui::StaffStatus& s) {
        return s.last_sync_age ? s.last_sync_age->count() / 60 : -1LL;
      };
      if (staff.syncing != m_staff.syncing || staff.sync_problem != m_staff.sync_problem ||
          minutes(staff) != minutes(m_staff))
        Wake(2);
      m_staff = std::move(staff);
    }
    // The store is read on the loader's thread: this only takes what it handed over (no SQLite here).
    TakeStore();

    // Iconified or zero-sized: nothing to draw; sleep until an event (restore wakes a frame) or the next store poll.
    int fb_w = 0, fb_h = 0;
    glfwGetFramebufferSize(m_window, &fb_w, &fb_h);
    if (glfwGetWindowAttrib(m_window, GLFW_ICONIFIED) || fb_w <= 0 || fb_h <= 0) {
      glfwWaitEventsTimeout(1.0);  // the loader and the sync thread wake it
      continue;
    }
    const Instant now = m_time->Now();

    // A frame is due when the last decision's answer no longer holds: the rotation shows another picture, the
    // minute or a session boundary passed (dusk and dawn of night mode fall on a minute), the retry countdown of
    // the message screen moved.
    const auto next_slot_at = m_started + m_shown.next_slot_change;
    // One frame each: the decision steps everything that moves with the minute, so a second frame would draw the
    // same picture (ImGui's settling frames matter after input and new data only, which wake kSettleFrames).
    if (Elapsed(steady_now) >= m_shown.next_slot_change) Wake(1);
    // A clock stepping back (NTP, a manual fix) redraws now rather than when real time reaches the old next change.
    if (m_store.programme && ViewOutOfDate(now, m_shown.now, m_shown.next_change)) Wake(1);
    if (!m_store.programme && m_options.sync_url.empty() && RetrySeconds(steady_now) != m_shown.retry) Wake(1);
    // The touch screen goes back to the lobby when the visitor has left.
    const bool touch_active = TouchActive(steady_now);
    if (touch_active != m_shown_touch) {
      m_shown_touch = touch_active;
      Wake(2);
    }
    // The burn-in walk's next step.
    const ImVec2 shift = BurnIn(steady_now, m_shown.height);
    if (shift.x != m_shown.shift.x || shift.y != m_shown.shift.y) Wake(1);

    if (m_frames_due > 0) {
      RenderFrame(now, steady_now);
      glfwSwapBuffers(m_window);
      --m_frames_due;
      if (m_store.programme && m_store.programme->revision.number != m_logged_revision) {
        m_logged_revision = m_store.programme->revision.number;
        std::fprintf(stderr, "kiosk: shown revision %lld at %s\n", static_cast<long long>(m_logged_revision),
                     UtcMillis().c_str());
      }
      if (!m_first_frame_logged) {
        m_first_frame_logged = true;
        std::fprintf(stderr, "kiosk: first frame after %.0f ms\n",
                     std::chrono::duration<double, std::milli>(SteadyClock::now() - m_started).count());
        m_watchdog.Ready();
      }
      m_watchdog.Status("revision " + std::to_string(m_store.programme ? m_store.programme->revision.number : 0) +
                        ", " + (m_shown.status.empty() ? std::string("shown") : m_shown.status));
      glfwPollEvents();
      continue;
    }

    // Sleep until the next visible change, the next store poll, or the next rotation slot, whichever is first.
    double timeout = kMaxWaitSeconds;  // the loader wakes the loop when the store changed
    if (m_shown.next_slot_change != std::chrono::seconds::max())
      timeout = std::min(timeout, std::chrono::duration<double>(next_slot_at - steady_now).count());
    // The next change is in programme time, which --speed makes run faster than the real time slept.
    if (m_store.programme)
      timeout = std::min(timeout, m_time->RealSeconds(static_cast<double>((m_shown.next_change - now).count())));
    if (!m_store.programme) timeout = std::min(timeout, 1.0);
    if (touch_active) {
      const auto idle_end = m_touch.last_touch + std::chrono::duration_cast<SteadyClock::duration>(
                                                     std::chrono::duration<double>(m_options.idle_seconds));
      timeout = std::min(timeout, std::chrono::duration<double>(idle_end - steady_now).count());
    }
    glfwWaitEventsTimeout(std::clamp(timeout, kMinWaitSeconds, kMaxWaitSeconds));
  }
  m_watchdog.Stopping();
  return 0;
}

double ProcessCpuMs() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

int App::RunBenchmark() {
  glfwSwapInterval(0);  // measure the work, not the display's refresh
  RenderFrame(m_time->Now(), SteadyClock::now());
  glfwSwapBuffers(m_window);
  glFinish();
  const double first_frame_ms = std::chrono::duration<double, std::milli>(SteadyClock::now() - m_started).count();
  const double cpu_start = ProcessCpuMs();
  m_build_cpu_ms = 0;
  const auto wall_start = SteadyClock::now();
  for (int frame = 0; frame < m_options.bench_frames; ++frame) {
    glfwPollEvents();
    RenderFrame(m_time->Now(), SteadyClock::now());
    glfwSwapBuffers(m_window);
  }
  glFinish();
  const double cpu_ms = ProcessCpuMs() - cpu_start;
  const double wall_ms = std::chrono::duration<double, std::milli>(SteadyClock::now() - wall_start).count();
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  int w = 0, h = 0;
  glfwGetFramebufferSize(m_window, &w, &h);
  const std::size_t rooms = m_store.programme ? m_store.programme->programme.rooms.size() : 0;
  std::printf(
      "kiosk bench: %dx%d, %zu rooms, first frame %.0f ms, %d frames: CPU %.2f ms/frame (building it %.2f ms, "
      "the rest GL), wall %.2f ms/frame, peak RSS %.1f MiB\n",
      w, h, rooms, first_frame_ms, m_options.bench_frames, cpu_ms / m_options.bench_frames,
      m_build_cpu_ms / m_options.bench_frames, wall_ms / m_options.bench_frames, usage.ru_maxrss / 1024.0);
  return 0;
}

}  // namespace

bool WriteBackBufferPng(const std::filesystem::path& path, int width, int height) {
  const int w = width, h = height;
  std::vector<unsigned char> pixels(static_cast<std::size_t>(w) * h * 3);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadBuffer(GL_BACK);
  glReadPixels(0, 0, w, h, GL_RGB, GL_UNSIGNED_BYTE, pixels.data());
  // GL rows run bottom-up; PNG rows top-down.
  const std::size_t stride = static_cast<std::size_t>(w) * 3;
  std::vector<unsigned char> flipped(pixels.size());
  for (int y = 0; y < h; ++y)
    std::copy_n(&pixels[static_cast<std::size_t>(h - 1 - y) * stride], stride,
                &flipped[static_cast<std::size_t>(y) * stride]);
  if (!stbi_write_png(path.c_str(), w, h, 3, flipped.data(), static_cast<int>(stride))) {
    std::fprintf(stderr, "kiosk: cannot write %s\n", path.c_str());
    return false;
  }
  std::printf("%s\n", path.c_str());
  return true;
}

int RunApp(const AppOptions& options) {
  try {
    App app(options);
    return app.Run();
  } catch (const std::exception& error) {
    std::fprintf(stderr, "kiosk: fatal: %s\n", error.what());
    return 1;
  }
}

}  // namespace kiosk::app
