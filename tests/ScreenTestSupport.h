// What the screen test suites share: the RAICT programme as imported, an ImGui context without a window, and one
// headless frame of a screen (ImGui only, no GL) with the texts it drew.
#pragma once

#include <vector>

#include <imgui.h>

#include "TestSupport.h"
#include "kiosk/core/Model.h"
#include "kiosk/importers/Importer.h"
#include "kiosk/ui/Fonts.h"
#include "kiosk/ui/Screens.h"

namespace kiosk::test {

/// The RAICT 2026 programme from schedules/, as the organizer imports it (imported once per suite).
inline const Programme& Raict() {
  static const Programme programme = [] {
    ImportOptions options;
    options.source_name = "raict-2026.csv";
    return kiosk::ImportFile(SourcePath("schedules/raict-2026.csv"), options).programme;
  }();
  return programme;
}

/// An ImGui context for headless frames, destroyed at scope exit; no imgui.ini left in the working folder.
class HeadlessImGui {
 public:
  HeadlessImGui() : m_context(ImGui::CreateContext()) { ImGui::GetIO().IniFilename = nullptr; }
  ~HeadlessImGui() { ImGui::DestroyContext(m_context); }
  HeadlessImGui(const HeadlessImGui&) = delete;
  HeadlessImGui& operator=(const HeadlessImGui&) = delete;

 private:
  ImGuiContext* m_context;
};

/// Draws one frame without a window (ImGui only, no GL) for a display of `size`: `draw(context)` with the screen
/// context of that size (MakeScreenContext) logging its texts; returns every text drawn, with its box
/// (ScreenContext::text_log). `draw` may set more of the context (announcements, branding, box_log) before drawing.
/// The frame's draw data stays readable (ImGui::GetDrawData, DrawnVertices) until the next frame.
template <class Draw>
std::vector<ui::DrawnText> DrawHeadless(ui::Fonts& fonts, ImVec2 size, const Draw& draw) {
  ImGuiIO& io = ImGui::GetIO();
  io.DisplaySize = size;
  io.DeltaTime = 1.0f / 60.0f;
  fonts.Ensure(ui::ReferenceHeight(size), 16384);
  std::vector<ui::DrawnText> log;
  ImGui::NewFrame();
  ui::ScreenContext context = ui::MakeScreenContext(fonts, size);
  context.text_log = &log;
  draw(context);
  ImGui::Render();
  return log;
}

/// Every vertex (position, colour) of the last frame rendered (ImGui::Render: DrawHeadless).
inline std::vector<ImDrawVert> DrawnVertices() {
  std::vector<ImDrawVert> vertices;
  const ImDrawData* data = ImGui::GetDrawData();
  if (data == nullptr) return vertices;
  for (int i = 0; i < data->CmdListsCount; ++i) {
    const ImDrawList* list = data->CmdLists[i];
    vertices.insert(vertices.end(), list->VtxBuffer.begin(), list->VtxBuffer.end());
  }
  return vertices;
}

}  // namespace kiosk::test
