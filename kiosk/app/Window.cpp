#include "kiosk/app/Window.h"

#include <cstdio>

#define GLFW_INCLUDE_NONE
#include <GL/gl.h>
#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

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

}  // namespace

bool KioskWindow::Open(const WindowOptions& options, void* user,
                       const std::function<void(GLFWwindow*)>& install_callbacks) {
  glfwSetErrorCallback(OnGlfwError);
  if (!glfwInit()) {
    std::fprintf(stderr, "kiosk: cannot initialise GLFW (no display?)\n");
    return false;
  }
  m_glfw_ready = true;
  GLFWmonitor* monitor = nullptr;
  int width = options.width, height = options.height;
  if (options.fullscreen && !options.hidden) {
    int count = 0;
    GLFWmonitor** monitors = glfwGetMonitors(&count);
    if (options.monitor < count) {
      monitor = monitors[options.monitor];
    } else {
      monitor = glfwGetPrimaryMonitor();
      std::fprintf(stderr, "kiosk: no monitor %d (%d connected); using the primary monitor\n", options.monitor, count);
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
      // A venue screen stays up when another window takes the focus (GLFW would iconify it).
      glfwWindowHint(GLFW_AUTO_ICONIFY, GLFW_FALSE);
    }
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
}

}  // namespace kiosk::app
