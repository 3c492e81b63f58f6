// The window every kiosk screen opens (lobby, door sign, check-in desk): GLFW, an OpenGL 3 context and ImGui.
#pragma once

#include <functional>

struct GLFWwindow;

namespace kiosk::app {

/// What kind of window a screen asks for.
struct WindowOptions {
  int width = 1920;  ///< windowed size in screen coordinates (full screen takes the monitor's mode)
  int height = 1080;
  bool fullscreen = false;
  int monitor = 0;      ///< index into glfwGetMonitors(); the primary monitor when out of range (logged)
  bool hidden = false;  ///< a screenshot renders into a window nobody needs to see
  const char* title = "kiosk";
};

/// A GLFW window with an OpenGL 3.3 core context (else 3.0) and ImGui with its GLFW and OpenGL 3 backends.
/// Close() (or the destructor) shuts ImGui down, destroys the window and terminates GLFW. Not copyable.
class KioskWindow {
 public:
  KioskWindow() = default;
  ~KioskWindow() { Close(); }
  KioskWindow(const KioskWindow&) = delete;
  KioskWindow& operator=(const KioskWindow&) = delete;

  /// Initialises GLFW and opens the window. `user` goes to glfwSetWindowUserPointer; `install_callbacks` runs before
  /// the ImGui GLFW backend, which chains to them. Logs "kiosk: window WxH, OpenGL …" on success; returns false,
  /// logged, when GLFW cannot start (no display) or no OpenGL 3 context can be made.
  bool Open(const WindowOptions& options, void* user, const std::function<void(GLFWwindow*)>& install_callbacks);
  /// Idempotent.
  void Close();

  GLFWwindow* Get() const { return m_window; }
  /// GL_MAX_TEXTURE_SIZE of the context (2048 before Open), the bound for the font atlas.
  int MaxTexture() const { return m_max_texture; }

 private:
  GLFWwindow* m_window = nullptr;
  bool m_imgui_ready = false;
  bool m_glfw_ready = false;
  int m_max_texture = 2048;
};

}  // namespace kiosk::app
