// How long the first board and door sign frames take to build with very long fields (issue 11 defect 5): a 1 MB
// title, a speakers cell of 60 000 names, and every field at its maximum length (kiosk/core/Fields.h). Headless
// (ImGui without a window or GL), as tests/ui_tests.cpp draws screens. Prints milliseconds per frame; not a test.
//
// Usage: text_fit_bench [REPEATS]   (default 3; the figure printed is the slowest of the repeats)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>
#include <vector>

#include <imgui.h>

#include "kiosk/core/Fields.h"
#include "kiosk/core/VenueZone.h"
#include "kiosk/importers/Importer.h"
#include "kiosk/ui/BoardViewModel.h"
#include "kiosk/ui/DoorSignViewModel.h"
#include "kiosk/ui/Fonts.h"
#include "kiosk/ui/Screens.h"

using namespace kiosk;
using namespace kiosk::ui;
using Clock = std::chrono::steady_clock;

namespace {

/// Words up to `bytes` bytes (ASCII), so a field holds many break opportunities as a real text does.
std::string Words(std::size_t bytes, std::size_t seed) {
  static const char* kWords[] = {"Cooperation",   "decentralisee",  "et",     "action",  "internationale", "des",
                                 "collectivites", "territoriales:", "enjeux", "d'avenir"};
  std::string out;
  for (std::size_t i = seed; out.size() < bytes; ++i) {
    if (!out.empty()) out += ' ';
    out += kWords[i % 10];
  }
  out.resize(bytes);
  if (out.back() == ' ') out.back() = 'x';  // a cell is trimmed: the text keeps its full length
  return out;
}

/// Eight rooms with a session now (10:00-11:00) and one next, with ordinary texts.
Programme Ordinary() {
  Programme programme;
  const VenueZone zone("Europe/Paris");
  for (int r = 0; r < 8; ++r) {
    const std::string key = "salle-" + std::to_string(r);
    programme.rooms.push_back({key, "Salle " + std::to_string(r)});
    for (int slot = 0; slot < 2; ++slot) {
      Session session;
      session.uid = key + "-" + std::to_string(slot);
      session.room_key = key;
      session.day = ParseDay("2026-07-08");
      session.start = ParseIsoInstant(slot == 0 ? "2026-07-08T10:00" : "2026-07-08T11:00", zone);
      session.end = session.start + std::chrono::hours(1);
      session.title = "Atelier " + Words(60, static_cast<std::size_t>(r + slot));
      session.speakers = {{"Claire Vasseur", "Vice-présidente"}, {"Mamadou Sène", ""}};
      programme.sessions.push_back(session);
    }
  }
  programme.Normalize();
  return programme;
}

struct Case {
  const char* name;
  Programme programme;
};

double Ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

/// One headless frame of `draw` at `size`; milliseconds.
double Frame(Fonts& fonts, ImVec2 size, const std::function<void(const ScreenContext&)>& draw) {
  ImGuiIO& io = ImGui::GetIO();
  io.DisplaySize = size;
  io.DeltaTime = 1.0f / 60.0f;
  const Clock::time_point start = Clock::now();
  ImGui::NewFrame();
  draw(MakeScreenContext(fonts, size));
  ImGui::Render();
  return Ms(Clock::now() - start);
}

}  // namespace

int main(int argc, char** argv) {
  const int repeats = argc > 1 ? std::max(1, std::atoi(argv[1])) : 3;
  const VenueZone zone("Europe/Paris");
  const Instant now = ParseIsoInstant("2026-07-08T10:20", zone);

  std::vector<Case> cases;
  cases.push_back({"ordinary programme (8 rooms)", Ordinary()});
  {
    Programme p = Ordinary();
    p.sessions[0].title = Words(1 << 20, 0);  // as a store written before the bounds may hold
    cases.push_back({"a 1 MB title (held raw, as a store from before the bounds)", p});
  }
  {
    Programme p = Ordinary();
    p.sessions[0].speakers.clear();
    for (int i = 0; i < 60000; ++i) p.sessions[0].speakers.push_back({"Intervenant " + std::to_string(i), ""});
    cases.push_back({"60 000 speakers (held raw, as a store from before the bounds)", p});
  }
  {
    // Every field at its maximum, through the importer (which keeps kMaxSpeakers of the 150 given).
    std::string csv = "id,date,start,end,room,title,title_en,speakers,description\n";
    for (int r = 0; r < 8; ++r) {
      for (int slot = 0; slot < 2; ++slot) {
        std::string speakers;
        for (int s = 0; s < 150; ++s) {
          speakers += (s ? " | " : "") + Words(LimitOf(FieldKind::SpeakerName).max_chars, s) + " (" +
                      Words(LimitOf(FieldKind::SpeakerRole).max_chars, s + 1) + ")";
        }
        csv += std::to_string(r) + "-" + std::to_string(slot) + ",2026-07-08," +
               (slot ? "11:00,12:00," : "10:00,11:00,") + Words(LimitOf(FieldKind::RoomName).max_chars, r) + "," +
               Words(LimitOf(FieldKind::Title).max_chars, r + slot) + "," +
               Words(LimitOf(FieldKind::Title).max_chars, r + 3) + "," + speakers + "," +
               Words(LimitOf(FieldKind::Description).max_chars, slot) + "\n";
      }
    }
    ImportOptions options;
    options.source_name = "longest.csv";
    cases.push_back({"every field at its maximum (imported)", ImportCsv(csv, options).programme});
  }

  ImGuiContext* imgui = ImGui::CreateContext();
  ImGui::GetIO().IniFilename = nullptr;
  std::printf("%-62s %10s %12s %12s\n", "programme", "view model", "board frame", "door sign");
  for (const Case& c : cases) {
    Fonts fonts;
    fonts.SetText(ProgrammeText(c.programme));
    const ImVec2 size(1920, 1080);
    fonts.Ensure(ReferenceHeight(size), 16384);  // the atlas bake is not timed: it runs once per new text
    double model_ms = 0, board_ms = 0, door_ms = 0;
    for (int i = 0; i < repeats; ++i) {
      const Clock::time_point start = Clock::now();
      const BoardViewModel board = BoardViewModel::Build(c.programme, now, zone, {1, now});
      const DoorSignViewModel sign =
          DoorSignViewModel::Build(c.programme, c.programme.sessions[0].room_key, now, zone, {1, now});
      model_ms = std::max(model_ms, Ms(Clock::now() - start));
      board_ms = std::max(board_ms, Frame(fonts, size, [&](const ScreenContext& context) {
                            DrawBoard(context, board, 0, {0, BoardPageCount(context, board)});
                          }));
      door_ms =
          std::max(door_ms, Frame(fonts, size, [&](const ScreenContext& context) { DrawDoorSign(context, sign); }));
    }
    std::printf("%-62s %8.1f ms %9.1f ms %9.1f ms\n", c.name, model_ms, board_ms, door_ms);
    std::fflush(stdout);
  }
  ImGui::DestroyContext(imgui);
  return 0;
}
