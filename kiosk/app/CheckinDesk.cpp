// The check-in desk's window loop: keys posted to the DeskWorker (kiosk/checkin), its snapshots drawn with ImGui.
// The frame thread never touches the registrant store.
#include "kiosk/app/CheckinDesk.h"

#include <algorithm>
#include <cstdio>
#include <deque>
#include <stdexcept>
#include <vector>

#include <sys/stat.h>
#include <unistd.h>

#define GLFW_INCLUDE_NONE
#include <GL/gl.h>
#include <GLFW/glfw3.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include "kiosk/app/App.h"
#include "kiosk/app/Window.h"
#include "kiosk/checkin/DeskHubThread.h"
#include "kiosk/checkin/DeskWorker.h"
#include "kiosk/core/Text.h"
#include "kiosk/ui/CheckinScreen.h"
#include "kiosk/ui/Fonts.h"
#include "kiosk/ui/Typography.h"

namespace kiosk::app {

using checkin::DeskHubThread;
using checkin::DeskInput;
using checkin::DeskSnapshot;
using checkin::DeskSync;
using checkin::DeskSyncState;
using checkin::DeskWorker;

// ---------------------------------------------------------------------------------------------------------------
// Options helpers

std::string DefaultDeskName() {
  char name[256] = {};
  if (gethostname(name, sizeof name - 1) != 0 || name[0] == '\0') return "desk";
  return name;
}

std::vector<std::string> SplitDeskInput(std::string_view input) {
  std::vector<std::string> pieces;
  std::string run;
  auto flush = [&] {
    if (!run.empty()) pieces.push_back(std::move(run));
    run.clear();
  };
  for (std::size_t i = 0; i < input.size(); ++i) {
    if (input[i] == '\n' || input[i] == '\r') {
      flush();
      if (input[i] == '\r' && i + 1 < input.size() && input[i + 1] == '\n') ++i;
      pieces.emplace_back("\n");
    } else if (input[i] == '\\' && i + 1 < input.size() && input[i + 1] == 'n') {
      flush();
      pieces.emplace_back("\n");
      ++i;
    } else {
      run += input[i];
    }
  }
  flush();
  return pieces;
}

// ---------------------------------------------------------------------------------------------------------------
// The window

namespace {

using SteadyClock = std::chrono::steady_clock;

/// One keyboard event, in the order GLFW delivered it. The desk reads keys from GLFW's callbacks rather than from
/// ImGui 1.86's per-frame key state: a scanner presses and releases Enter within one poll, which that state misses.
using KeyEvent = DeskInput;

class DeskWindow {
 public:
  DeskWindow(const DeskOptions& options, DeskWorker& desk, DeskSnapshot first, const Clock& clock,
             const VenueZone& zone)
      : m_options(options), m_desk(desk), m_shown(std::move(first)), m_clock(clock), m_zone(zone) {}
  ~DeskWindow() { Shutdown(); }
  /// `make_hub` (may be empty) starts the hub thread once GLFW is up (the thread wakes it).
  int Run(const std::function<std::unique_ptr<DeskHubThread>()>& make_hub);
  /// The store was open and had registrants in the last snapshot shown.
  bool Usable() const { return m_shown.usable; }

 private:
  bool Create();
  void Shutdown();
  /// The newest snapshot from the worker, if any: true when it changed what is shown.
  bool TakeSnapshot();
  ui::CheckinViewModel View() const { return ui::BuildCheckinViewModel(m_shown.state, m_zone, m_clock.Now()); }
  void Render(bool caret_on);
  bool WriteScreenshot();
  static DeskWindow* From(GLFWwindow* w) { return static_cast<DeskWindow*>(glfwGetWindowUserPointer(w)); }

  const DeskOptions& m_options;
  DeskWorker& m_desk;
  DeskSnapshot m_shown;  ///< what the frame thread draws: the worker's last snapshot
  const Clock& m_clock;
  const VenueZone& m_zone;
  KioskWindow m_kiosk_window;
  GLFWwindow* m_window = nullptr;  ///< m_kiosk_window's, once open
  ui::Fonts m_fonts;
  std::deque<KeyEvent> m_keys;
  int m_frames_due = 3;
};

bool DeskWindow::Create() {
  WindowOptions request;
  request.width = m_options.width;
  request.height = m_options.height;
  request.fullscreen = m_options.fullscreen;
  request.monitor = m_options.monitor;
  request.hidden = !m_options.screenshot.empty();
  request.title = "kiosk — accueil";
  const bool opened = m_kiosk_window.Open(request, this, [](GLFWwindow* window) {
    // The desk's keys are queued in order (KeyEvent); every input asks for a few frames.
    glfwSetKeyCallback(window, [](GLFWwindow* w, int key, int, int action, int mods) {
      if (action != GLFW_PRESS && action != GLFW_REPEAT) return;
      DeskWindow* self = From(w);
      self->m_frames_due = std::max(self->m_frames_due, 3);
      switch (key) {
        case GLFW_KEY_ENTER:
        case GLFW_KEY_KP_ENTER:
          self->m_keys.push_back({KeyEvent::Kind::Enter});
          break;
        case GLFW_KEY_BACKSPACE:
          self->m_keys.push_back({KeyEvent::Kind::Backspace});
          break;
        case GLFW_KEY_ESCAPE:
          self->m_keys.push_back({KeyEvent::Kind::Escape});
          break;
        case GLFW_KEY_UP:
          self->m_keys.push_back({KeyEvent::Kind::Up});
          break;
        case GLFW_KEY_DOWN:
          self->m_keys.push_back({KeyEvent::Kind::Down});
          break;
        case GLFW_KEY_Z:
          if (mods & GLFW_MOD_CONTROL) self->m_keys.push_back({KeyEvent::Kind::Undo});
          break;
        default:
          break;
      }
    });
    glfwSetCharCallback(window, [](GLFWwindow* w, unsigned c) {
      DeskWindow* self = From(w);
      self->m_frames_due = std::max(self->m_frames_due, 3);
      self->m_keys.push_back({KeyEvent::Kind::Char, static_cast<char32_t>(c)});
    });
    glfwSetMouseButtonCallback(
        window, [](GLFWwindow* w, int, int, int) { From(w)->m_frames_due = std::max(From(w)->m_frames_due, 3); });
    glfwSetCursorPosCallback(
        window, [](GLFWwindow* w, double, double) { From(w)->m_frames_due = std::max(From(w)->m_frames_due, 2); });
    glfwSetFramebufferSizeCallback(
        window, [](GLFWwindow* w, int, int) { From(w)->m_frames_due = std::max(From(w)->m_frames_due, 3); });
    glfwSetWindowRefreshCallback(window,
                                 [](GLFWwindow* w) { From(w)->m_frames_due = std::max(From(w)->m_frames_due, 3); });
  });
  if (!opened) return false;
  m_window = m_kiosk_window.Get();
  return true;
}

void DeskWindow::Shutdown() {
  m_kiosk_window.Close();
  m_window = nullptr;
}

bool DeskWindow::TakeSnapshot() {
  std::optional<DeskSnapshot> next = m_desk.TakeSnapshot();
  if (!next) return false;
  std::optional<std::string> glyphs = std::move(next->glyph_text);
  m_shown = std::move(*next);
  if (glyphs) m_shown.glyph_text = std::move(glyphs);
  return true;
}

void DeskWindow::Render(bool caret_on) {
  int win_w = 0, win_h = 0;
  glfwGetWindowSize(m_window, &win_w, &win_h);
  if (win_w <= 0 || win_h <= 0) return;
  const ImVec2 size(static_cast<float>(win_w), static_cast<float>(win_h));
  m_kiosk_window.BeginFrame(m_fonts);
  ImGui::NewFrame();
  const ui::ScreenContext context = ui::MakeScreenContext(m_fonts, size);
  const ui::CheckinAction action = ui::DrawCheckinScreen(context, View(), caret_on);
  ImGui::Render();
  int fb_w = 0, fb_h = 0;
  glfwGetFramebufferSize(m_window, &fb_w, &fb_h);
  glViewport(0, 0, fb_w, fb_h);
  glClearColor(0, 0, 0, 1);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  // A click acts after the frame that showed the rows it hit.
  if (action.kind == ui::CheckinAction::Kind::CheckIn) {
    m_desk.Post({.kind = DeskInput::Kind::Click, .row = action.row});
    m_frames_due = std::max(m_frames_due, 3);
  } else if (action.kind == ui::CheckinAction::Kind::Undo) {
    m_desk.Post({.kind = DeskInput::Kind::Undo});
    m_frames_due = std::max(m_frames_due, 3);
  }
}

bool DeskWindow::WriteScreenshot() {
  int w = 0, h = 0;
  glfwGetFramebufferSize(m_window, &w, &h);
  return WriteBackBufferPng(m_options.screenshot, w, h);
}

int DeskWindow::Run(const std::function<std::unique_ptr<DeskHubThread>()>& make_hub) {
  if (!Create()) return 1;
  // Glyphs for every registrant's name (Vietnamese, Armenian, Arabic romanisations), the desk's own strings and
  // the store message (its path and error may hold any character).
  std::string glyph_base = m_shown.glyph_text.value_or(std::string());
  m_shown.glyph_text.reset();
  std::string glyph_message;
  auto update_glyphs = [&](bool base_changed) {
    const ui::CheckinStoreMessageView message = View().store_message;
    std::string text = message.path + "\n" + message.detail + "\n";
    for (const ui::Bilingual& line : message.todo) text += line.fr + "\n" + line.en + "\n";
    if (!base_changed && text == glyph_message) return;
    glyph_message = std::move(text);
    m_fonts.SetText(glyph_base + glyph_message);
  };
  update_glyphs(true);

  // --desk-input: typed as a person (or a scanner) would, before the first frame.
  std::uint64_t typed = 0;
  for (const std::string& piece : SplitDeskInput(m_options.desk_input)) {
    if (piece == "\n") {
      typed = m_desk.Post({.kind = DeskInput::Kind::Enter});
    } else {
      for (char32_t c : ui::DecodeUtf8(piece)) typed = m_desk.Post({.kind = DeskInput::Kind::Char, .c = c});
    }
  }
  if (typed > 0) {
    // Before the first frame, as a person would have typed it (start-up and screenshots only: not the frame loop).
    DeskSnapshot after = m_desk.WaitForSnapshot(typed);
    if (after.glyph_text) glyph_base = *after.glyph_text;
    after.glyph_text.reset();
    m_shown = std::move(after);
    update_glyphs(true);
  }
  if (!m_options.screenshot.empty()) {
    for (int frame = 0; frame < 3; ++frame) {
      glfwPollEvents();
      Render(true);
      if (frame + 1 < 3) glfwSwapBuffers(m_window);
    }
    return WriteScreenshot() ? 0 : 1;
  }

  // Joined when Run returns, before ~DeskWindow terminates GLFW.
  std::unique_ptr<DeskHubThread> hub = make_hub ? make_hub() : nullptr;
  const auto started = SteadyClock::now();
  bool caret_shown = true;
  std::optional<DeskSyncState> last_hub;
  while (!glfwWindowShouldClose(m_window)) {
    // Keys go to the worker in order; what they did comes back as a snapshot (the worker wakes the loop).
    if (!m_keys.empty()) {
      m_desk.Post(std::vector<DeskInput>(m_keys.begin(), m_keys.end()));
      m_keys.clear();
    }
    if (hub) {
      const DeskSyncState state = hub->State();
      if (!last_hub || last_hub->online != state.online || last_hub->pending != state.pending ||
          last_hub->error != state.error || last_hub->last_exchange_ms != state.last_exchange_ms) {
        if (!last_hub || last_hub->online != state.online || last_hub->error != state.error) {
          std::fprintf(stderr, "kiosk: hub %s%s (%d pending)\n",
                       state.online ? "online" : "offline: ", state.error.c_str(), state.pending);
        }
        last_hub = state;
        m_desk.Post({.kind = DeskInput::Kind::Hub, .hub = state});
      }
    }
    if (TakeSnapshot()) m_frames_due = std::max(m_frames_due, 2);
    // New registrants (the hub's refresh, kioskctl import) may bring new characters; so may a new store message.
    if (m_shown.glyph_text) {
      glyph_base = std::move(*m_shown.glyph_text);
      m_shown.glyph_text.reset();
      m_frames_due = std::max(m_frames_due, 2);
      update_glyphs(true);
    } else if (m_frames_due > 0) {
      update_glyphs(false);
    }
    // The caret blinks at 1 Hz: one frame per half second while idle.
    const bool caret_on =
        (std::chrono::duration_cast<std::chrono::milliseconds>(SteadyClock::now() - started).count() / 500) % 2 == 0;
    if (caret_on != caret_shown) m_frames_due = std::max(m_frames_due, 1);
    if (m_frames_due > 0) {
      caret_shown = caret_on;
      Render(caret_on);
      glfwSwapBuffers(m_window);
      --m_frames_due;
      glfwPollEvents();
      continue;
    }
    // Keys arrive through callbacks during the wait and are queued: none is dropped however long it sleeps.
    glfwWaitEventsTimeout(0.25);
  }
  return 0;
}

}  // namespace

int RunCheckinDesk(const DeskOptions& options) {
  try {
    const std::filesystem::path people = options.people.empty() ? DefaultRegistrantStorePath() : options.people;
    const std::string desk = options.desk.empty() ? DefaultDeskName() : options.desk;
    std::optional<VenueZone> zone;
    try {
      zone.emplace(options.zone);
    } catch (const std::exception& error) {
      std::fprintf(stderr, "kiosk: %s\n", error.what());
      return 2;
    }
    SystemClock clock;
    // With a hub the desk may create its store (the hub's list fills it); a standalone desk never does.
    const bool with_hub = !options.hub_url.empty();
    // The controller and its store connection live on the worker: the frame thread never waits on SQLite.
    // Ended before the window terminates GLFW (below): its wake calls glfwPostEmptyEvent from its own thread.
    auto owned_worker =
        std::make_unique<DeskWorker>(people, desk, clock, *zone, with_hub, [] { glfwPostEmptyEvent(); });
    DeskWorker& worker = *owned_worker;
    std::uint64_t posted = 0;
    if (with_hub) posted = worker.Post({.kind = DeskInput::Kind::Hub, .hub = DeskSyncState{}});
    if (with_hub && !options.screenshot.empty()) {
      // A screenshot of a desk with a hub shows what the hub knows: one exchange first (its own connection).
      try {
        DeskSync sync(people, options.hub_url, options.token, desk);
        const DeskSyncState state = sync.SyncOnce();
        std::fprintf(stderr, "kiosk: hub %s%s\n", state.online ? "online" : "offline: ", state.error.c_str());
        posted = worker.Post({.kind = DeskInput::Kind::Hub, .hub = state});
      } catch (const std::exception& error) {
        std::fprintf(stderr, "kiosk: hub: %s\n", error.what());
      }
      posted = worker.Post({.kind = DeskInput::Kind::PollStore});
    }
    DeskSnapshot first = worker.WaitForSnapshot(posted);
    std::fprintf(stderr, "kiosk: check-in desk '%s' on %s%s\n", desk.c_str(), people.c_str(),
                 first.locked ? " (locked: staff PIN)" : "");
    DeskWindow window(options, worker, std::move(first), clock, *zone);
    std::function<std::unique_ptr<DeskHubThread>()> make_hub;
    if (!options.hub_url.empty() && options.screenshot.empty()) {
      make_hub = [&] {
        return std::make_unique<DeskHubThread>(people, options.hub_url, options.token, desk,
                                               [] { glfwPostEmptyEvent(); });
      };
    }
    const int code = window.Run(make_hub);
    if (with_hub && !options.screenshot.empty() && window.Usable()) {
      // What --desk-input checked in reaches the hub before the desk exits, as a running desk's next exchange would.
      try {
        DeskSync sync(people, options.hub_url, options.token, desk);
        const DeskSyncState state = sync.SyncOnce();
        std::fprintf(stderr, "kiosk: hub %s%s, %d pending\n",
                     state.online ? "online" : "offline: ", state.error.c_str(), state.pending);
      } catch (const std::exception& error) {
        std::fprintf(stderr, "kiosk: hub: %s\n", error.what());
      }
    }
    owned_worker.reset();  // joined (its queued inputs applied) while GLFW is still up; ~DeskWindow terminates it
    return code;
  } catch (const std::exception& error) {
    std::fprintf(stderr, "kiosk: %s\n", error.what());
    return 1;
  }
}

}  // namespace kiosk::app
