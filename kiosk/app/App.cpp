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
#include "kiosk/app/SyncThread.h"
#include "kiosk/app/Watchdog.h"
#include "kiosk/app/Window.h"
#include "kiosk/core/Clock.h"
#include "kiosk/core/VenueZone.h"
#include "kiosk/ui/BoardViewModel.h"
#include "kiosk/ui/DoorSignViewModel.h"
#include "kiosk/ui/Fonts.h"
#include "kiosk/ui/InteractiveScreen.h"
#include "kiosk/ui/InteractiveViewModel.h"
#include "kiosk/ui/PageScreens.h"
#include "kiosk/ui/Screens.h"
#include "kiosk/ui/StaffStatus.h"
#include "kiosk/ui/TimelineViewModel.h"
#include "kiosk/ui/Typography.h"

namespace kiosk::app {
namespace {

using SteadyClock = std::chrono::steady_clock;

/// Frames to draw after any change: ImGui needs two to settle, one more for safety.
constexpr int kSettleFrames = 3;
/// The lobby rotates in slots of AppOptions::page_seconds; a board page takes two slots, any other page one.
constexpr int kBoardSlots = 2;

/// One screen of the lobby's rotation.
struct LobbyScreen {
  enum class Kind { Board, Timeline, Partners, Plan } kind = Kind::Board;
  int page = 0;
};

const char* KindName(LobbyScreen::Kind kind) {
  switch (kind) {
    case LobbyScreen::Kind::Board:
      return "board";
    case LobbyScreen::Kind::Timeline:
      return "timeline";
    case LobbyScreen::Kind::Partners:
      return "partners";
    case LobbyScreen::Kind::Plan:
      return "plan";
  }
  return "board";
}

class App {
 public:
  explicit App(const AppOptions& options)
      : m_options(options),
        m_manual_offset(options.page),
        m_slot(std::max<long long>(1, std::llround(options.page_seconds))) {}
  ~App() { Shutdown(); }

  int Run();

 private:
  static std::filesystem::path StorePath(const AppOptions& options) {
    return options.db.empty() ? DefaultStorePath() : options.db;
  }
  bool CreateWindow();
  void InstallCallbacks();
  void Shutdown();
  void OnProgrammeChanged();
  const VenueZone& Zone() const { return m_time->Zone(); }
  void RenderFrame(Instant now, SteadyClock::time_point steady_now);
  ui::Action DrawWrongClock(const ui::ScreenContext& context, const ui::RevisionStamp& stamp, const Room* room,
                            Instant now, SteadyClock::time_point steady_now);
  bool WriteScreenshot();
  int RunBenchmark();
  int RetrySeconds(SteadyClock::time_point steady_now) const {
    auto wait = std::chrono::ceil<std::chrono::seconds>(m_store.next_poll - steady_now);
    return static_cast<int>(std::max<long long>(0, wait.count()));
  }
  void Wake(int frames = kSettleFrames) { m_frames_due = std::max(m_frames_due, frames); }
  /// The lobby's pages in rotation order: --show board|timeline keeps one, else AppOptions::lobby_pages.
  std::vector<std::string> LobbyPages() const {
    if (m_options.screen == ScreenChoice::Board) return {"board"};
    if (m_options.screen == ScreenChoice::Timeline) return {"timeline"};
    return m_options.lobby_pages;
  }
  /// Draws the lobby's rotation (board, timeline, partners, plan pages) for a programme day in progress.
  ui::Action DrawLobby(ui::ScreenContext& context, const ui::BoardViewModel& board, const ui::Bilingual& notice,
                       Instant now, SteadyClock::time_point steady_now);
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
  /// Night mode (ScreenCare.h): the brightness at programme time `now`, venue-local.
  float Night(Instant now) const {
    const date::local_seconds local = Zone().ToLocal(now);
    return NightBrightness(std::chrono::floor<std::chrono::minutes>(local - std::chrono::floor<date::days>(local)),
                           m_options.night_from, m_options.night_until, m_options.night_brightness);
  }

  static App* From(GLFWwindow* window) { return static_cast<App*>(glfwGetWindowUserPointer(window)); }

  /// The loader's worker wakes the loop with glfwPostEmptyEvent: only between glfwInit and glfwTerminate.
  void StartLoader() {
    m_loader = std::make_unique<ProgrammeLoader>(StorePath(m_options), m_options.sync_url, [this] {
      if (m_wake_ready) glfwPostEmptyEvent();
    });
  }
  /// Takes the loader's newest state, if any; true when what is shown changes (the programme or the problem, not
  /// only the retry's countdown).
  bool TakeStore() {
    std::optional<ProgrammeState> state = m_loader->Take();
    if (!state) return false;
    const bool changed = state->programme != m_store.programme || state->problem != m_store.problem ||
                         state->problem_text != m_store.problem_text;
    m_store = std::move(*state);
    return changed;
  }

  AppOptions m_options;
  std::unique_ptr<ProgrammeLoader> m_loader;  ///< the store, read on its own thread; reset before the window closes
  ProgrammeState m_store;                     ///< the loader's last state taken by the frame loop
  std::atomic<bool> m_wake_ready{false};      ///< GLFW is initialised: the loader may post an empty event
  KioskWindow m_kiosk_window;
  GLFWwindow* m_window = nullptr;  ///< m_kiosk_window's, once open
  SteadyClock::time_point m_started = SteadyClock::now();
  std::optional<ProgrammeClock> m_time;  ///< zone and clock; set first thing in Run()
  std::shared_ptr<const LoadedProgramme> m_programme;
  ui::Fonts m_fonts;
  int m_frames_due = kSettleFrames;
  int m_manual_offset = 0;  ///< pages skipped by NextPage or --page
  // What the last frame showed; a difference means a new frame is due.
  Instant m_shown_next_change{};
  Instant m_shown_now{};  ///< the clock time drawn; a clock stepping back before it redraws at once
  long long m_shown_slot_number = -1;
  int m_shown_screen_count = 0;  ///< screens in the last frame's rotation; slot changes matter only above one
  std::shared_ptr<const LoadedProgramme> m_font_programme;  ///< the programme whose texts the fonts were given
  int m_shown_retry = -1;
  bool m_first_frame_logged = false;
  bool m_room_missing_logged = false;  ///< the unknown --room was logged (again only after it was found once)
  double m_build_cpu_ms = 0;  ///< main-thread CPU spent building frames (view models + ImGui), for --bench-frames
  std::unique_ptr<SyncThread> m_sync;  ///< --sync; started in Run() after the window, stopped before glfwTerminate
  ui::StaffStatus m_staff;             ///< the staff corner, refreshed from m_sync every loop
  std::int64_t m_logged_revision = 0;  ///< the last revision logged as shown
  std::chrono::seconds m_slot;         ///< one rotation slot (AppOptions::page_seconds, at least 1 s)
  PictureStore m_pictures;             ///< m_branding's GL textures; Shutdown() clears it before the window closes
  ui::Branding m_branding;             ///< logo, partners, venue plan, programme URL (assets/); loaded after the window
  ui::InteractiveState m_touch;        ///< --interactive: the visitor's place on the touch screen
  bool m_shown_touch = false;          ///< whether the last frame showed the touch screen
  Watchdog m_watchdog;                 ///< systemd: READY=1 after the first frame, WATCHDOG=1 from the loop
  std::string m_status_page;           ///< what the last frame showed, for the STATUS= line ("board page 1/3")
  ImVec2 m_shown_shift{0, 0};          ///< the burn-in offset of the last frame
  float m_shown_height = 1080;         ///< the last frame's window height, which scales the burn-in offset
  float m_shown_brightness = 1.0f;     ///< NightBrightness at the last frame (a change wakes a frame)
  bool m_emergency_shown = false;      ///< the last frame was the emergency screen (its red fills the burn-in strip)
  bool m_keep_bright = false;          ///< the last frame showed an alert or a session on now: never dimmed
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
  if (!m_options.here.empty() &&
      std::none_of(m_branding.plan.rooms.begin(), m_branding.plan.rooms.end(), [&](const ui::PlanRoom& room) {
        return ui::PlanRoomMatches(room, m_options.here, m_options.here);
      })) {
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

void App::OnProgrammeChanged() {
  std::shared_ptr<const LoadedProgramme> current = m_store.programme;
  // The fonts follow in RenderFrame (programme and announcement texts together).
  if (current && current != m_programme) m_time->UseZone(current->programme.conference.time_zone);
  m_programme = current;
  Wake();
}

void App::RenderFrame(Instant now, SteadyClock::time_point steady_now) {
  int fb_w = 0, fb_h = 0, win_w = 0, win_h = 0;
  glfwGetFramebufferSize(m_window, &fb_w, &fb_h);
  glfwGetWindowSize(m_window, &win_w, &win_h);
  if (win_w <= 0 || win_h <= 0) return;  // minimised
  const ImVec2 size(static_cast<float>(win_w), static_cast<float>(win_h));
  const double build_start = ThreadCpuMs();

  // The announcements' characters need glyphs as much as the programme's.
  if (m_programme && m_programme != m_font_programme) {
    m_fonts.SetText(ui::ProgrammeText(m_programme->programme) + ui::AnnouncementText(m_programme->announcements) +
                    BrandingText(m_branding));
    m_font_programme = m_programme;
  }
  m_kiosk_window.BeginFrame(m_fonts);
  // Taps land where the picture is: the burn-in shift moves the picture, not the cursor.
  if (ImGuiIO& io = ImGui::GetIO(); ImGui::IsMousePosValid(&io.MousePos)) {
    io.MousePos.x -= m_shown_shift.x;
    io.MousePos.y -= m_shown_shift.y;
  }
  ImGui::NewFrame();

  ui::ScreenContext context = ui::MakeScreenContext(m_fonts, size);
  context.staff = &m_staff;
  context.branding = &m_branding;
  context.slot = std::chrono::duration_cast<std::chrono::seconds>(steady_now - m_started) / m_slot;
  ui::Action action;
  m_keep_bright = false;
  m_emergency_shown = false;
  m_shown_now = now;
  m_shown_screen_count = 1;
  m_status_page = m_programme ? "" : "no programme";
  if (!m_programme) {
    ui::MessageViewModel message = ui::UnavailableMessage(
        m_store.problem == StoreProblem::None ? "loading " + m_loader->Path().string() : m_store.problem_text,
        RetrySeconds(steady_now));
    m_shown_retry = message.retry_seconds;
    if (!m_options.sync_url.empty()) {
      // A syncing kiosk's store comes from the publisher, not from kioskctl import: say what it waits for, why its
      // last poll failed (both languages, for staff) and how often it polls (no countdown: it is the sync thread's).
      message = ui::SyncWaitingMessage(m_options.sync_url, m_staff.sync_problem, m_options.sync_interval);
    }
    action = ui::DrawMessage(context, message);
  } else {
    const Programme& programme = m_programme->programme;
    ui::RevisionStamp stamp{m_programme->revision.number, m_programme->revision.imported_at};
    ui::Bilingual notice;
    if (m_store.problem != StoreProblem::None) {
      // The reason is in the log; the screen says what it shows instead.
      const std::string number = std::to_string(stamp.number), hm = Zone().FormatHm(stamp.imported_at);
      notice = {ui::FrenchDisplay("Programme non actualisé : révision " + number + " de " + hm + " affichée"),
                "Programme not refreshed: showing revision " + number + " from " + hm};
    }
    // The same decision as the headless kiosk's: which screen, its view models, when it next changes.
    ViewPlan plan = PlanView(m_programme.get(), m_options.room, m_time->Trusted(), now, Zone());
    const Room* room = plan.room;
    const ui::AnnouncementsViewModel& announcements = plan.announcements;
    context.announcements = &announcements;
    const ui::ClockProblemViewModel& clock = plan.clock;
    context.clock = &clock;
    ui::BoardViewModel board;
    if (plan.kind == ViewKind::WrongClock) {
      action = DrawWrongClock(context, stamp, room, now, steady_now);
    } else if (plan.kind == ViewKind::DoorSign) {
      // A door sign shows its one room and never rotates.
      const ui::DoorSignViewModel& sign = *plan.sign;
      if (!sign.found && !m_room_missing_logged) {
        std::fprintf(stderr, "kiosk: --room '%s': no such room in revision %lld\n", m_options.room->c_str(),
                     static_cast<long long>(stamp.number));
        m_room_missing_logged = true;
      }
      if (sign.found) m_room_missing_logged = false;
      action = ui::DrawDoorSign(context, sign, notice);
    } else {
      board = std::move(*plan.board);
    }
    m_shown_next_change = plan.next_change;
    if (plan.kind != ViewKind::Board) {
      // Drawn above.
    } else if (TouchActive(steady_now)) {
      // The touch screen, until idle_seconds without a touch bring the lobby back.
      ui::InteractiveViewModel touch =
          ui::InteractiveViewModel::Build(programme, Zone(), now, m_touch, stamp, &m_branding.plan);
      if (!m_time->Trusted()) touch.clock.clear();  // no clock in the header when it cannot be trusted
      const ui::InteractiveResult result = ui::DrawInteractive(context, touch, m_touch);
      if (result.touched) {
        m_touch = ui::Apply(m_touch, result.input);
        Wake();
      }
      action = result.action;
      m_status_page = "touch screen";
    } else if (board.phase == EventPhase::Before || board.overnight) {
      action = ui::DrawCountdown(context, board);
    } else if (board.phase == EventPhase::After) {
      action = ui::DrawClosing(context, board);
    } else {
      action = DrawLobby(context, board, notice, now, steady_now);
    }
    if (m_options.interactive && plan.kind == ViewKind::Board && !TouchActive(steady_now) &&
        action.kind == ui::Action::Kind::NextPage) {
      // A touch on the lobby of an interactive kiosk opens the touch screen (a fresh visitor: the default state).
      m_touch = {};
      ui::InteractiveInput wake;
      wake.at = steady_now;
      m_touch = ui::Apply(m_touch, wake);
      action = {};
      Wake();
    }
    // An emergency covers the whole screen: the pages under it do not rotate (no wake every slot for a screen
    // that does not change). Several announcements of one priority alternate with the slots.
    // Night mode never dims an alert or a session going on (an evening session, a late delay).
    m_emergency_shown = plan.Covered();
    m_keep_bright = plan.Covered() || !announcements.urgent.empty() ||
                    std::any_of(board.rooms.begin(), board.rooms.end(),
                                [](const ui::RoomCard& card) { return card.now.has_value(); });
    if (plan.Covered()) {
      m_shown_screen_count = announcements.emergency.size() > 1 ? 2 : 1;
    } else if (announcements.MostOfOnePriority() > 1) {
      m_shown_screen_count = std::max(m_shown_screen_count, 2);
    }
  }
  m_shown_slot_number = std::chrono::duration_cast<std::chrono::seconds>(steady_now - m_started) / m_slot;

  // Night mode: everything, overlays included, under a translucent black (beyond the edges, which the burn-in shift
  // moves into view).
  m_shown_brightness = Night(now);
  const float brightness = m_keep_bright ? 1.0f : m_shown_brightness;
  if (brightness < 1.0f) {
    const float margin = size.y * 0.05f + 16;
    ImGui::GetForegroundDrawList()->AddRectFilled(
        ImVec2(-margin, -margin), ImVec2(size.x + margin, size.y + margin),
        IM_COL32(0, 0, 0, static_cast<int>((1.0f - brightness) * 255.0f + 0.5f)));
  }
  ImGui::Render();
  // Burn-in care: the GL3 backend projects from DisplayPos and offsets the clip rects by it, so moving it moves the
  // whole picture, scissors included; the strip it uncovers shows the cleared background.
  m_shown_height = size.y;
  m_shown_shift = BurnIn(steady_now, size.y);
  ImGui::GetDrawData()->DisplayPos = ImVec2(-m_shown_shift.x, -m_shown_shift.y);
  m_build_cpu_ms += ThreadCpuMs() - build_start;
  glViewport(0, 0, fb_w, fb_h);
  // The strip the burn-in shift uncovers shows the clear colour: the emergency's red under an emergency screen.
  const ImU32 bg = m_emergency_shown ? ui::Theme::Venue().emergency : ui::Theme::Venue().background;
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

ui::Action App::DrawLobby(ui::ScreenContext& context, const ui::BoardViewModel& board, const ui::Bilingual& notice,
                          Instant now, SteadyClock::time_point steady_now) {
  const Programme& programme = m_programme->programme;
  const ImVec2 size = context.size;
  // The timeline is built only when it is in the rotation (its page count needs it). On a portrait screen the hours
  // are too narrow for text in the bars: the lobby leaves it out there unless it is the only page.
  std::optional<ui::TimelineViewModel> timeline;
  std::vector<LobbyScreen> screens;
  std::vector<int> slots;  // index into screens, one per slot
  const std::vector<std::string> pages = LobbyPages();
  for (const std::string& name : pages) {
    const int first = static_cast<int>(screens.size());
    if (name == "board") {
      for (int page = 0; page < ui::BoardPageCount(context, board); ++page) {
        screens.push_back({LobbyScreen::Kind::Board, page});
        slots.insert(slots.end(), kBoardSlots, static_cast<int>(screens.size()) - 1);
      }
    } else if (name == "timeline" && (size.x >= size.y || pages.size() == 1)) {
      if (!timeline)
        timeline = size.x >= size.y
                       ? ui::TimelineViewModel::Build(programme, board.day.value_or(Zone().LocalDay(now)), now, Zone())
                       : ui::TimelineViewModel::Build(programme, board.day.value_or(Zone().LocalDay(now)), now, Zone(),
                                                      std::chrono::hours{4}, std::chrono::hours{5});
      for (int page = 0; page < ui::TimelinePageCount(context, *timeline); ++page)
        screens.push_back({LobbyScreen::Kind::Timeline, page});
    } else if (name == "partners" && ui::HasPartnersPage(context)) {
      screens.push_back({LobbyScreen::Kind::Partners, 0});
    } else if (name == "plan" && ui::HasPlanPage(context)) {
      screens.push_back({LobbyScreen::Kind::Plan, 0});
    }
    for (int i = first; i < static_cast<int>(screens.size()); ++i)
      if (screens[i].kind != LobbyScreen::Kind::Board) slots.push_back(i);
  }
  if (screens.empty()) {
    // Nothing in the configured rotation can show (e.g. only "partners" and no partners): the board, never blank.
    screens.push_back({LobbyScreen::Kind::Board, 0});
    slots.push_back(0);
  }
  auto elapsed = std::chrono::duration_cast<std::chrono::seconds>(steady_now - m_started);
  const int count = static_cast<int>(screens.size());
  m_shown_screen_count = count;
  const int index =
      (slots[ui::RotationPage(elapsed, m_slot, static_cast<int>(slots.size()))] + m_manual_offset) % count;
  const LobbyScreen screen = screens[index];
  ui::Pager pager{index, count};
  m_status_page = std::string(KindName(screen.kind)) + " page " + std::to_string(screen.page + 1) + " (screen " +
                  std::to_string(index + 1) + "/" + std::to_string(count) + ")";
  switch (screen.kind) {
    case LobbyScreen::Kind::Board:
      return ui::DrawBoard(context, board, screen.page, pager, notice);
    case LobbyScreen::Kind::Timeline:
      return ui::DrawTimeline(context, board, *timeline, screen.page, pager);
    case LobbyScreen::Kind::Partners:
      return ui::DrawPartners(context, board, pager);
    case LobbyScreen::Kind::Plan:
      return ui::DrawVenuePlan(context, board, pager, m_options.here);
  }
  return {};
}

ui::Action App::DrawWrongClock(const ui::ScreenContext& context, const ui::RevisionStamp& stamp, const Room* room,
                               Instant now, SteadyClock::time_point steady_now) {
  // The clock cannot say what is on now: every day of the programme in turn, without now/next, under the band that
  // says the clock is wrong (ui::WrongClockViewModel decides what that is).
  m_shown_next_change = std::chrono::floor<std::chrono::minutes>(now) + std::chrono::minutes{1};
  const ui::WrongClockViewModel programme = ui::WrongClockViewModel::Build(
      m_programme->programme, Zone(), stamp, room ? &room->key : nullptr, context.size.x >= context.size.y,
      context.clock ? *context.clock : ui::ClockProblemViewModel{});
  const int count = ui::WrongClockScreenCount(context, programme);
  if (count == 0) return ui::DrawWrongClock(context, programme, 0);
  m_shown_screen_count = count;
  const auto elapsed = std::chrono::duration_cast<std::chrono::seconds>(steady_now - m_started);
  return ui::DrawWrongClock(context, programme,
                            (ui::RotationPage(elapsed, m_slot * kBoardSlots, count) + m_manual_offset) % count);
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
  OnProgrammeChanged();

  if (!m_options.screenshot.empty()) {
    if (m_options.interactive) {
      // A screenshot of a touch screen shows it as a visitor sees it after a first touch, not its idle lobby.
      ui::InteractiveInput touch;
      touch.at = SteadyClock::now();
      m_touch = ui::Apply(m_touch, touch);
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
    if (TakeStore()) OnProgrammeChanged();

    // Iconified or zero-sized: nothing to draw; sleep until an event (restore wakes a frame) or the next store poll.
    int fb_w = 0, fb_h = 0;
    glfwGetFramebufferSize(m_window, &fb_w, &fb_h);
    if (glfwGetWindowAttrib(m_window, GLFW_ICONIFIED) || fb_w <= 0 || fb_h <= 0) {
      glfwWaitEventsTimeout(1.0);  // the loader and the sync thread wake it
      continue;
    }
    const Instant now = m_time->Now();

    // A frame is due when something on screen would change: the minute, a session boundary, the rotation slot,
    // the retry countdown of the message screen.
    const auto elapsed = std::chrono::duration_cast<std::chrono::seconds>(steady_now - m_started);
    const auto next_slot_at = m_started + (elapsed / m_slot + 1) * m_slot;
    const bool rotating = m_shown_screen_count > 1;
    if (rotating && elapsed / m_slot != m_shown_slot_number) Wake(2);
    // A clock stepping back (NTP, a manual fix) redraws now rather than when real time reaches the old next change.
    if (m_programme && ViewOutOfDate(now, m_shown_now, m_shown_next_change)) Wake(2);
    if (!m_programme && m_options.sync_url.empty() && RetrySeconds(steady_now) != m_shown_retry) Wake(2);
    // The touch screen goes back to the lobby when the visitor has left.
    const bool touch_active = TouchActive(steady_now);
    if (touch_active != m_shown_touch) {
      m_shown_touch = touch_active;
      Wake(2);
    }
    // The burn-in walk's next step, dusk and dawn of night mode.
    const ImVec2 shift = BurnIn(steady_now, m_shown_height);
    if (shift.x != m_shown_shift.x || shift.y != m_shown_shift.y || Night(now) != m_shown_brightness) Wake(2);

    if (m_frames_due > 0) {
      RenderFrame(now, steady_now);
      glfwSwapBuffers(m_window);
      --m_frames_due;
      if (m_programme && m_programme->revision.number != m_logged_revision) {
        m_logged_revision = m_programme->revision.number;
        std::fprintf(stderr, "kiosk: shown revision %lld at %s\n", static_cast<long long>(m_logged_revision),
                     UtcMillis().c_str());
      }
      if (!m_first_frame_logged) {
        m_first_frame_logged = true;
        std::fprintf(stderr, "kiosk: first frame after %.0f ms\n",
                     std::chrono::duration<double, std::milli>(SteadyClock::now() - m_started).count());
        m_watchdog.Ready();
      }
      m_watchdog.Status("revision " + std::to_string(m_programme ? m_programme->revision.number : 0) + ", " +
                        (m_status_page.empty() ? std::string("shown") : m_status_page));
      glfwPollEvents();
      continue;
    }

    // Sleep until the next visible change, the next store poll, or the next rotation slot, whichever is first.
    double timeout = kMaxWaitSeconds;  // the loader wakes the loop when the store changed
    if (rotating) timeout = std::min(timeout, std::chrono::duration<double>(next_slot_at - steady_now).count());
    // The next change is in programme time, which --speed makes run faster than the real time slept.
    if (m_programme)
      timeout = std::min(timeout, m_time->RealSeconds(static_cast<double>((m_shown_next_change - now).count())));
    if (!m_programme) timeout = std::min(timeout, 1.0);
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
  const std::size_t rooms = m_programme ? m_programme->programme.rooms.size() : 0;
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
