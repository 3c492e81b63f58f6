// The window every kiosk screen opens (lobby, door sign, check-in desk): GLFW, an OpenGL 3 context and ImGui.
#pragma once

#include <chrono>
#include <functional>
#include <string>

#include "kiosk/ui/Fonts.h"

struct GLFWwindow;
struct GLFWmonitor;

namespace kiosk::app {

/// What kind of window a screen asks for.
struct WindowOptions {
  int width = 1920;  ///< windowed size in screen coordinates (full screen takes the monitor's mode)
  int height = 1080;
  bool fullscreen = false;
  int monitor = 0;      ///< index into glfwGetMonitors(); the primary monitor when out of range (logged)
  bool hidden = false;  ///< a screenshot renders into a window nobody needs to see
  /// Full screen only: no mouse cursor over the picture (venue screens; the check-in desk keeps its cursor).
  bool hide_cursor = false;
  const char* title = "kiosk";
};

/// A GLFW window with an OpenGL 3.3 core context (else 3.0) and ImGui with its GLFW and OpenGL 3 backends.
/// Close() (or the destructor) shuts ImGui down, destroys the window and terminates GLFW. Not copyable.
///
/// Full screen, it is made for a screen nobody touches: it takes the configured monitor (the primary one when that is
/// missing, logged), follows monitors being unplugged and plugged again (glfwSetMonitorCallback: the monitor in use
/// gone, it moves to the primary one, or stays a window when there is none; the configured monitor back, it moves
/// back; each logged), hides the cursor when asked, never iconifies when it loses the focus (GLFW_AUTO_ICONIFY), and
/// keeps the X screen saver and DPMS from blanking the screen (GLFW turns the X screen saver off while a window is full
/// screen; KeepAwake() resets the X idle timer, which DPMS uses too). One KioskWindow open at a time.
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
  /// The window's content scale (glfwGetWindowContentScale, the larger axis): 1 on an ordinary screen, 2 on a
  /// HiDPI one whose desktop is set to double size; 1 before Open.
  float ContentScale() const;
  /// Whether the window is full screen on a monitor now (it may have fallen back to a window after an unplug).
  bool OnMonitor() const { return m_monitor != nullptr; }

  /// Full screen only: resets the X server's idle timer (XResetScreenSaver) at most every 30 s of `now`, so neither
  /// the screen saver nor DPMS blanks a screen that nobody touches (as SDL does). Call it from the frame loop; a no-op
  /// when windowed or when libX11 is not loaded.
  void KeepAwake(std::chrono::steady_clock::time_point now = std::chrono::steady_clock::now());
  /// Starts an ImGui frame of a window at least 1x1 (callers return early when it is minimised) up to, not
  /// including, ImGui::NewFrame, which the caller calls (the lobby corrects the mouse first). Gives `fonts` the
  /// screen's reference height and the framebuffer/window pixel ratio (glyphs baked sharp on HiDPI); runs both
  /// backends' NewFrame; uploads the atlas again whenever it has no texture (a rebuild, which a new revision or notice
  /// with new characters causes, resets ImGui's TexID); then frees the atlas's 4-bytes-per-pixel copy,
  /// which ImGui 1.86 keeps beside the alpha atlas it is made from (4x its size) and makes again from it when the
  /// backend uploads again.
  void BeginFrame(ui::Fonts& fonts);

 private:
  static void OnMonitorEvent(GLFWmonitor* monitor, int event);
  void MonitorEvent(GLFWmonitor* monitor, int event);
  /// Makes the window full screen on `monitor` in its current video mode; false (logged) without a mode.
  bool UseMonitor(GLFWmonitor* monitor);
  /// Whether `monitor` is the one the options ask for (by connector name once seen, else by index).
  bool IsWanted(GLFWmonitor* monitor) const;

  WindowOptions m_options;
  GLFWmonitor* m_monitor = nullptr;  ///< the monitor the window is full screen on; null: windowed
  std::string m_wanted_name;         ///< the configured monitor's name (e.g. "HDMI-1") once it was seen
  std::chrono::steady_clock::time_point m_last_awake{};
  GLFWwindow* m_window = nullptr;
  bool m_imgui_ready = false;
  bool m_glfw_ready = false;
  int m_max_texture = 2048;
};

}  // namespace kiosk::app
