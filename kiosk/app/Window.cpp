// The kiosk's window: GLFW and an OpenGL 3 context for ImGui; full screen on the right monitor, following hotplugs.
#include "kiosk/app/Window.h"

#include <cstdio>
#include <string>

#include <dlfcn.h>

#define GLFW_INCLUDE_NONE
#include <GL/gl.h>
#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include "kiosk/ui/Screens.h"

namespace kiosk::app {
namespace {

void OnGlfwError(int code, const char* description) {
  std::fprintf(stderr, "kiosk: glfw error %d: %s\n", code, description);
}

/// glGetString as text; "?" when the driver returns NULL.
const char* GlString(GLenum name) {
  const GLubyte* text = glGetString(name);
  return text ? reinterpret_cast<const char*>(text) : "?";
}

/// The window whose monitor callback is installed (GLFW's monitor callback is global and has no user pointer).
KioskWindow* g_current = nullptr;

std::string MonitorName(GLFWmonitor* monitor) {
  const char* name = monitor ? glfwGetMonitorName(monitor) : nullptr;
  return name ? name : "?";
}

/// How the monitor's desktop is scaled (glfwGetMonitorContentScale), logged with its name and mode.
void LogMonitor(const char* what, GLFWmonitor* monitor) {
  float sx = 1, sy = 1;
  glfwGetMonitorContentScale(monitor, &sx, &sy);
  const GLFWvidmode* mode = glfwGetVideoMode(monitor);
  std::fprintf(stderr, "kiosk: %s monitor %s, %dx%d at %d Hz, content scale %.2fx%.2f\n", what,
               MonitorName(monitor).c_str(), mode ? mode->width : 0, mode ? mode->height : 0,
               mode ? mode->refreshRate : 0, sx, sy);
}

// XResetScreenSaver(Display*) and glfwGetX11Display(), looked up at run time: GLFW 3.3 on Debian is built for X11
// and loads libX11, but the kiosk does not link libX11 itself (and runs on no other platform GLFW offers here).
using ResetScreenSaverFn = int (*)(void*);
using GetX11DisplayFn = void* (*)();

}  // namespace

bool KioskWindow::Open(const WindowOptions& options, void* user,
                       const std::function<void(GLFWwindow*)>& install_callbacks) {
  glfwSetErrorCallback(OnGlfwError);
  if (!glfwInit()) {
    std::fprintf(stderr, "kiosk: cannot initialise GLFW (no display?)\n");
    return false;
  }
  m_glfw_ready = true;
  m_options = options;
  GLFWmonitor* monitor = nullptr;
  int width = options.width, height = options.height;
  if (options.fullscreen && !options.hidden) {
    int count = 0;
    GLFWmonitor** monitors = glfwGetMonitors(&count);
    if (options.monitor >= 0 && options.monitor < count) {
      monitor = monitors[options.monitor];
      m_wanted_name = MonitorName(monitor);
    } else {
      monitor = glfwGetPrimaryMonitor();
      std::fprintf(stderr, "kiosk: no monitor %d (%d connected); using the primary monitor %s until it comes\n",
                   options.monitor, count, monitor ? MonitorName(monitor).c_str() : "(none)");
    }
    const GLFWvidmode* mode = monitor ? glfwGetVideoMode(monitor) : nullptr;
    if (monitor && !mode) {
      std::fprintf(stderr, "kiosk: no video mode for the monitor; using a %dx%d window instead of full screen\n", width,
                   height);
      monitor = nullptr;
    }
    if (monitor) {
      width = mode->width;
      height = mode->height;
      glfwWindowHint(GLFW_RED_BITS, mode->redBits);
      glfwWindowHint(GLFW_GREEN_BITS, mode->greenBits);
      glfwWindowHint(GLFW_BLUE_BITS, mode->blueBits);
      glfwWindowHint(GLFW_REFRESH_RATE, mode->refreshRate);
      LogMonitor("full screen on", monitor);
    }
    // A venue screen stays up when another window takes the focus (GLFW would iconify it), also after falling back
    // to a window and going full screen again on a monitor plugged back.
    glfwWindowHint(GLFW_AUTO_ICONIFY, GLFW_FALSE);
  }
  glfwWindowHint(GLFW_RESIZABLE, GLFW_TRUE);
  glfwWindowHint(GLFW_VISIBLE, options.hidden ? GLFW_FALSE : GLFW_TRUE);

  struct Attempt {
    int major, minor;
    bool core;
    const char* glsl;
  };
  for (Attempt attempt : {Attempt{3, 3, true, "#version 330"}, Attempt{3, 0, false, "#version 130"}}) {
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, attempt.major);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, attempt.minor);
    glfwWindowHint(GLFW_OPENGL_PROFILE, attempt.core ? GLFW_OPENGL_CORE_PROFILE : GLFW_OPENGL_ANY_PROFILE);
    glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, attempt.core ? GLFW_TRUE : GLFW_FALSE);
    m_window = glfwCreateWindow(width, height, options.title, monitor, nullptr);
    if (!m_window) continue;
    glfwMakeContextCurrent(m_window);
    glfwSwapInterval(1);
    glGetIntegerv(GL_MAX_TEXTURE_SIZE, &m_max_texture);
    std::fprintf(stderr, "kiosk: window %dx%d, OpenGL %s (%s), max texture %d\n", width, height, GlString(GL_VERSION),
                 GlString(GL_RENDERER), m_max_texture);
    m_monitor = monitor;
    if (options.fullscreen && !options.hidden) {
      // Nobody uses a mouse on a venue screen: no cursor over the picture (a touch screen needs none either).
      if (options.hide_cursor) glfwSetInputMode(m_window, GLFW_CURSOR, GLFW_CURSOR_HIDDEN);
      g_current = this;
      glfwSetMonitorCallback(OnMonitorEvent);
    }
    std::fprintf(stderr, "kiosk: window content scale %.2f\n", ContentScale());

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // a kiosk keeps no window layout on disk
    io.LogFilename = nullptr;
    glfwSetWindowUserPointer(m_window, user);
    if (install_callbacks) install_callbacks(m_window);  // before the backend, which chains to them
    ImGui_ImplGlfw_InitForOpenGL(m_window, true);
    ImGui_ImplOpenGL3_Init(attempt.glsl);
    m_imgui_ready = true;
    return true;
  }
  std::fprintf(stderr, "kiosk: cannot create a window with an OpenGL 3 context\n");
  return false;
}

void KioskWindow::Close() {
  if (g_current == this) {
    glfwSetMonitorCallback(nullptr);
    g_current = nullptr;
  }
  if (m_imgui_ready) {
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
    m_imgui_ready = false;
  }
  if (m_window) {
    glfwDestroyWindow(m_window);
    m_window = nullptr;
  }
  if (m_glfw_ready) {
    glfwTerminate();
    m_glfw_ready = false;
  }
  m_monitor = nullptr;
}

float KioskWindow::ContentScale() const {
  if (!m_window) return 1.0f;
  float sx = 1, sy = 1;
  glfwGetWindowContentScale(m_window, &sx, &sy);
  return sx > sy ? sx : sy;
}

void KioskWindow::OnMonitorEvent(GLFWmonitor* monitor, int event) {
  if (g_current) g_current->MonitorEvent(monitor, event);
}

bool KioskWindow::IsWanted(GLFWmonitor* monitor) const {
  if (!m_wanted_name.empty()) return MonitorName(monitor) == m_wanted_name;
  int count = 0;
  GLFWmonitor** monitors = glfwGetMonitors(&count);
  return m_options.monitor >= 0 && m_options.monitor < count && monitors[m_options.monitor] == monitor;
}

bool KioskWindow::UseMonitor(GLFWmonitor* monitor) {
  const GLFWvidmode* mode = glfwGetVideoMode(monitor);
  if (!mode) {
    std::fprintf(stderr, "kiosk: monitor %s has no video mode; staying as it is\n", MonitorName(monitor).c_str());
    return false;
  }
  glfwSetWindowMonitor(m_window, monitor, 0, 0, mode->width, mode->height, mode->refreshRate);
  if (m_options.hide_cursor) glfwSetInputMode(m_window, GLFW_CURSOR, GLFW_CURSOR_HIDDEN);
  m_monitor = monitor;
  LogMonitor("full screen on", monitor);
  return true;
}

void KioskWindow::MonitorEvent(GLFWmonitor* monitor, int event) {
  if (!m_window) return;
  if (event == GLFW_DISCONNECTED) {
    std::fprintf(stderr, "kiosk: monitor %s unplugged\n", MonitorName(monitor).c_str());
    if (monitor != m_monitor) return;
    // GLFW has made the window a window already; take the primary monitor if there is one left.
    m_monitor = nullptr;
    GLFWmonitor* primary = glfwGetPrimaryMonitor();
    if (primary && primary != monitor && UseMonitor(primary)) {
      std::fprintf(stderr, "kiosk: moved to the primary monitor %s\n", MonitorName(primary).c_str());
    } else {
      std::fprintf(stderr, "kiosk: no monitor left; staying a %dx%d window until one comes\n", m_options.width,
                   m_options.height);
    }
    return;
  }
  if (event != GLFW_CONNECTED) return;
  std::fprintf(stderr, "kiosk: monitor %s plugged in\n", MonitorName(monitor).c_str());
  if (m_monitor && IsWanted(m_monitor)) return;  // already where it should be
  if (IsWanted(monitor)) {
    m_wanted_name = MonitorName(monitor);
    if (UseMonitor(monitor)) std::fprintf(stderr, "kiosk: back on the configured monitor %s\n", m_wanted_name.c_str());
  } else if (!m_monitor) {
    // A window since the last monitor went: any monitor is better than none.
    GLFWmonitor* primary = glfwGetPrimaryMonitor();
    if (primary && UseMonitor(primary))
      std::fprintf(stderr, "kiosk: moved to the primary monitor %s\n", MonitorName(primary).c_str());
  }
}

void KioskWindow::KeepAwake(std::chrono::steady_clock::time_point now) {
  if (!m_window || !m_monitor) return;
  if (m_last_awake != std::chrono::steady_clock::time_point{} && now - m_last_awake < std::chrono::seconds{30}) return;
  m_last_awake = now;
  static const auto reset = reinterpret_cast<ResetScreenSaverFn>(dlsym(RTLD_DEFAULT, "XResetScreenSaver"));
  static const auto display = reinterpret_cast<GetX11DisplayFn>(dlsym(RTLD_DEFAULT, "glfwGetX11Display"));
  if (!reset || !display) return;
  if (void* x_display = display()) reset(x_display);
}

void KioskWindow::BeginFrame(ui::Fonts& fonts) {
  int win_w = 0, win_h = 0, fb_w = 0, fb_h = 0;
  glfwGetWindowSize(m_window, &win_w, &win_h);
  glfwGetFramebufferSize(m_window, &fb_w, &fb_h);
  const ImVec2 size(static_cast<float>(win_w), static_cast<float>(win_h));
  const float pixel_ratio = fb_h > 0 && win_h > 0 ? static_cast<float>(fb_h) / static_cast<float>(win_h) : 1.0f;
  fonts.Ensure(ui::ReferenceHeight(size), m_max_texture, pixel_ratio);
  // The first NewFrame creates the backend's device objects and uploads the atlas.
  ImGui_ImplOpenGL3_NewFrame();
  ImFontAtlas* atlas = ImGui::GetIO().Fonts;
  // A rebuilt atlas has no texture: ImGui 1.86's font builders set TexID to 0, so a rebuilt atlas is told by its TexID,
  // not by whether the backend has uploaded before (asking that after the build read 0 and skipped the upload: every
  // draw then sampled texture 0, black on a live screen after any new character). DestroyFontsTexture frees the
  // backend's previous texture (it keeps its own name of it), then the new atlas is uploaded and named.
  if (atlas->TexID == 0) {
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
  }
  // Only when the alpha atlas stays to make it again from (a colour atlas has no alpha copy).
  if (atlas->TexPixelsRGBA32 != nullptr && atlas->TexPixelsAlpha8 != nullptr && atlas->TexID != 0) {
    IM_FREE(atlas->TexPixelsRGBA32);
    atlas->TexPixelsRGBA32 = nullptr;
  }
  ImGui_ImplGlfw_NewFrame();
}

}  // namespace kiosk::app
