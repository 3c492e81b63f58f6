// Benchmark (issue 12): the check-in desk's frame loop, headless, while a 100 000-registrant import (the generator,
// fixed seed) and hub merges (pages of 1000 events) write the same registrant file. Prints the worst and p99 time a
// frame waited on the desk (the store) and the check-in latency (Enter to the outcome on the frame thread), first
// with the desk controller on the frame thread (the old, synchronous path), then through the DeskWorker (the store
// off the frame thread), in the same run, and the ratios. Targets: no frame over 50 ms of waiting, a check-in
// confirmed within 100 ms.
// Run: BUILD/bench/desk_frame_bench [SECONDS_PER_PATH=20] [REGISTRANTS=100000]
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include <unistd.h>

#include "kiosk/checkin/DeskController.h"
#include "kiosk/checkin/DeskWorker.h"
#include "kiosk/core/Clock.h"
#include "kiosk/core/VenueZone.h"
#include "kiosk/importers/RegistrantImporter.h"
#include "kiosk/store/RegistrantStore.h"

namespace fs = std::filesystem;
using Steady = std::chrono::steady_clock;
using kiosk::checkin::DeskInput;

namespace {

constexpr auto kFrame = std::chrono::microseconds(16'667);      // 60 frames a second
constexpr auto kCheckinEvery = std::chrono::milliseconds(500);  // a person every half second (a busy desk)
constexpr std::uint64_t kSeed = 2026;

double Ms(Steady::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

double Percentile(std::vector<double> samples, double fraction) {
  if (samples.empty()) return 0;
  std::sort(samples.begin(), samples.end());
  const auto rank = static_cast<std::size_t>(fraction * static_cast<double>(samples.size() - 1) + 0.5);
  return samples[std::min(rank, samples.size() - 1)];
}

/// The writer: the 100 000-registrant import, then 8 s of hub merges (1000-event pages every 200 ms), then the
/// import again (a field changed, so it writes), until `stop`. Its own connection, as kioskctl import and the desk's
/// hub thread have. Set while the writer's import transaction runs, and how many imports have started.
std::atomic<bool> g_importing{false};
std::atomic<int> g_import_starts{0};

void Write(const fs::path& people, std::vector<kiosk::Registrant> registrants, std::atomic<bool>& stop,
           std::atomic<int>& imports, std::atomic<int>& merges) {
  kiosk::RegistrantStore store(people, kiosk::RegistrantStore::Mode::ReadWrite);
  std::uint64_t state = kSeed;
  auto next = [&] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::size_t>(state >> 33);
  };
  for (int round = 0; !stop; ++round) {
    for (kiosk::Registrant& registrant : registrants) registrant.note = "round " + std::to_string(round);
    ++g_import_starts;
    g_importing = true;
    store.Import(registrants, "bench.csv");
    g_importing = false;
    ++imports;
    // Then 8 s of hub merges: a page of 1000 events every 200 ms (a hub thread pulls once a second; five times that).
    const auto merges_end = Steady::now() + std::chrono::seconds(8);
    while (Steady::now() < merges_end && !stop) {
      std::vector<kiosk::CheckinEvent> events;
      const auto at = std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
      for (int i = 0; i < 1000; ++i) {
        // Codes from the far end of the list: the desk checks in the first ones, so its outcomes stay "checked in".
        const kiosk::Registrant& who = registrants[registrants.size() / 2 + next() % (registrants.size() / 2)];
        events.push_back({kiosk::NewUuid(), who.order_code, "HUB", at, kiosk::CheckinKind::In, ""});
      }
      store.MergeEvents(events);
      ++merges;
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
  }
}

struct Figures {
  std::vector<double> frame_wait_ms;
  std::vector<double> checkin_ms;
  std::vector<double> checkin_merges_ms;  ///< of checkin_ms: those that met no import (only hub merges)
  int checked_in = 0, other = 0, errors = 0;
};

void Print(const char* path, const Figures& f) {
  const double worst_frame =
      f.frame_wait_ms.empty() ? 0 : *std::max_element(f.frame_wait_ms.begin(), f.frame_wait_ms.end());
  const double worst_checkin = f.checkin_ms.empty() ? 0 : *std::max_element(f.checkin_ms.begin(), f.checkin_ms.end());
  const auto over = std::count_if(f.frame_wait_ms.begin(), f.frame_wait_ms.end(), [](double ms) { return ms > 50; });
  std::printf(
      "%-12s frames %zu: wait worst %.1f ms, p99 %.2f ms, %ld over 50 ms | check-ins %zu (%d in, %d other, %d "
      "errors): p50 %.1f ms, p99 %.1f ms, worst %.1f ms; %zu during merges only: p50 %.1f ms, worst %.1f ms\n",
      path, f.frame_wait_ms.size(), worst_frame, Percentile(f.frame_wait_ms, 0.99), static_cast<long>(over),
      f.checkin_ms.size(), f.checked_in, f.other, f.errors, Percentile(f.checkin_ms, 0.5),
      Percentile(f.checkin_ms, 0.99), worst_checkin, f.checkin_merges_ms.size(), Percentile(f.checkin_merges_ms, 0.5),
      f.checkin_merges_ms.empty() ? 0.0 : *std::max_element(f.checkin_merges_ms.begin(), f.checkin_merges_ms.end()));
}

void Count(Figures& figures, const kiosk::ui::DeskOutcome& outcome) {
  using Kind = kiosk::ui::DeskOutcome::Kind;
  if (outcome.kind == Kind::CheckedIn) {
    ++figures.checked_in;
  } else if (outcome.kind == Kind::Error) {
    ++figures.errors;
  } else {
    ++figures.other;
  }
}

/// The old path: the controller (and its store) on the frame thread; a frame waits as long as its calls take.
Figures RunSynchronous(const fs::path& people, const std::vector<std::string>& codes, std::size_t& next_code,
                       Steady::duration length) {
  kiosk::SystemClock clock;
  kiosk::checkin::DeskController desk(people, "BENCH", clock, kiosk::VenueZone("Europe/Paris"));
  Figures figures;
  std::int64_t glyph_revision = desk.RegistrantRevision();
  const auto end = Steady::now() + length;
  auto next_checkin = Steady::now();
  while (Steady::now() < end) {
    const auto frame_start = Steady::now();
    if (frame_start >= next_checkin && next_code < codes.size()) {
      next_checkin += kCheckinEvery;
      const int starts = g_import_starts;
      const bool importing = g_importing;
      for (char c : codes[next_code++]) desk.OnChar(static_cast<char32_t>(c));
      desk.OnEnter();
      figures.checkin_ms.push_back(Ms(Steady::now() - frame_start));
      if (!importing && !g_importing && starts == g_import_starts)
        figures.checkin_merges_ms.push_back(figures.checkin_ms.back());
      Count(figures, desk.State().outcome);
    }
    desk.Tick();
    (void)desk.View();
    // As the old window loop did on the frame thread: every name again when the registrant list changed.
    if (desk.RegistrantRevision() != glyph_revision) {
      glyph_revision = desk.RegistrantRevision();
      (void)kiosk::ui::CheckinGlyphText(desk.Registrants());
    }
    const auto waited = Steady::now() - frame_start;
    figures.frame_wait_ms.push_back(Ms(waited));
    std::this_thread::sleep_until(frame_start + kFrame);
  }
  return figures;
}

/// The new path: the frame thread posts keys to the DeskWorker and takes snapshots; it never touches the store.
Figures RunWorker(const fs::path& people, const std::vector<std::string>& codes, std::size_t& next_code,
                  Steady::duration length) {
  kiosk::SystemClock clock;
  const kiosk::VenueZone zone("Europe/Paris");
  kiosk::checkin::DeskWorker worker(people, "BENCH", clock, zone, false, nullptr);
  kiosk::checkin::DeskSnapshot shown = worker.WaitForSnapshot(0);
  Figures figures;
  std::uint64_t waiting_for = 0;  ///< the Enter whose outcome is not shown yet (0: none)
  Steady::time_point pressed{};
  int starts = 0;
  bool importing = false;
  const auto end = Steady::now() + length;
  auto next_checkin = Steady::now();
  while (Steady::now() < end || waiting_for != 0) {
    const auto frame_start = Steady::now();
    if (waiting_for == 0 && frame_start >= next_checkin && frame_start < end && next_code < codes.size()) {
      next_checkin += kCheckinEvery;
      // A scanner's code and its Enter arrive within one frame: the window posts a frame's keys at once.
      std::vector<DeskInput> keys;
      for (char c : codes[next_code++]) keys.push_back({.kind = DeskInput::Kind::Char, .c = static_cast<char32_t>(c)});
      keys.push_back({.kind = DeskInput::Kind::Enter});
      waiting_for = worker.Post(std::move(keys));
      pressed = frame_start;
      starts = g_import_starts;
      importing = g_importing;
    }
    if (std::optional<kiosk::checkin::DeskSnapshot> next = worker.TakeSnapshot()) shown = std::move(*next);
    if (waiting_for != 0 && shown.applied >= waiting_for) {
      figures.checkin_ms.push_back(Ms(Steady::now() - pressed));
      if (!importing && !g_importing && starts == g_import_starts)
        figures.checkin_merges_ms.push_back(figures.checkin_ms.back());
      Count(figures, shown.state.outcome);
      waiting_for = 0;
    }
    (void)kiosk::ui::BuildCheckinViewModel(shown.state, zone, clock.Now());
    figures.frame_wait_ms.push_back(Ms(Steady::now() - frame_start));
    std::this_thread::sleep_until(frame_start + kFrame);
  }
  return figures;
}

}  // namespace

int main(int argc, char** argv) {
  const int seconds = argc > 1 ? std::max(1, std::atoi(argv[1])) : 20;
  const int count = argc > 2 ? std::max(2000, std::atoi(argv[2])) : 100'000;
  const fs::path dir = fs::temp_directory_path() / ("kiosk-desk-frame-bench-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const fs::path people = dir / "registrants.db";

  const std::vector<kiosk::Registrant> all = kiosk::GenerateRegistrants(count, kSeed);
  // The desk starts with the first 2000 (a list already imported); the writer brings the whole list.
  std::vector<kiosk::Registrant> first(all.begin(), all.begin() + 2000);
  kiosk::RegistrantStore(people).Import(first, "bench.csv");
  std::vector<std::string> codes;
  for (const kiosk::Registrant& registrant : first) codes.push_back(registrant.order_code);
  std::printf(
      "desk frame bench: %d registrants imported and merged in loops (seed %llu), %d s per path, a check-in "
      "every %lld ms, frames at 60 Hz\n",
      count, static_cast<unsigned long long>(kSeed), seconds, static_cast<long long>(kCheckinEvery.count()));

  std::atomic<bool> stop{false};
  std::atomic<int> imports{0}, merges{0};
  std::thread writer(Write, people, all, std::ref(stop), std::ref(imports), std::ref(merges));
  std::size_t next_code = 0;
  const Figures old_path = RunSynchronous(people, codes, next_code, std::chrono::seconds(seconds));
  const Figures new_path = RunWorker(people, codes, next_code, std::chrono::seconds(seconds));
  stop = true;
  writer.join();
  std::printf("writer: %d imports of %d registrants, %d merges of 1000 events\n", imports.load(), count, merges.load());
  Print("synchronous", old_path);
  Print("worker", new_path);
  auto worst = [](const std::vector<double>& v) { return v.empty() ? 0.0 : *std::max_element(v.begin(), v.end()); };
  const double new_worst = std::max(worst(new_path.frame_wait_ms), 0.001);
  std::printf("frame wait worst: synchronous / worker = %.0fx; p99 %.2f ms / %.3f ms\n",
              worst(old_path.frame_wait_ms) / new_worst, Percentile(old_path.frame_wait_ms, 0.99),
              Percentile(new_path.frame_wait_ms, 0.99));
  fs::remove_all(dir);
  return 0;
}
