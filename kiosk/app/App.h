// The kiosk application: GLFW window, OpenGL renderer, the idling frame loop, screen rotation and screenshots.
#pragma once

#include <filesystem>

#include "kiosk/app/AppOptions.h"

namespace kiosk::app {

/// Reads the current GL context's back buffer (`width` x `height` framebuffer pixels) and writes it as an RGB PNG,
/// then prints the path to stdout. Returns false (and logs) when the file cannot be written. The kiosk's and the
/// check-in desk's --screenshot.
bool WriteBackBufferPng(const std::filesystem::path& path, int width, int height);

/// Runs the kiosk until the window closes (or, with a screenshot path, until the PNG is written).
/// Returns the process exit code: 0 on success, 1 when no window or GL context can be made or the PNG cannot be
/// written, 2 for a bad --now. Never throws.
int RunApp(const AppOptions& options);

}  // namespace kiosk::app
