// Benchmark: import of a frab schedule.xml (default ../shared/corpus/frab/38c3.xml): parse, validate and commit.
// Prints the median and best wall time over N runs and sessions per second. Not a pass/fail test.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <unistd.h>

#include "kiosk/importers/Importer.h"
#include "kiosk/store/ScheduleStore.h"

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

int main(int argc, char** argv) {
  fs::path file = argc > 1 ? fs::path(argv[1]) : fs::path(KIOSK_SHARED_DIR) / "corpus" / "frab" / "38c3.xml";
  int runs = argc > 2 ? std::max(1, std::atoi(argv[2])) : 15;
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "import_bench: cannot read %s\n", file.c_str());
    return 1;
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  const std::string bytes = buffer.str();

  fs::path dir = fs::temp_directory_path() / ("kiosk-import-bench-" + std::to_string(::getpid()));
  std::vector<double> total_ms, parse_ms;
  std::size_t sessions = 0;
  for (int i = 0; i < runs; ++i) {
    fs::remove_all(dir);
    fs::create_directories(dir);
    kiosk::ScheduleStore store(dir / "schedule.db");  // a fresh store each run: the commit writes everything
    auto t0 = Clock::now();
    kiosk::ImportOptions options;
    options.source_name = file.string();
    kiosk::ImportResult result = kiosk::ImportBytes(bytes, options);
    auto t1 = Clock::now();
    store.CommitImport(result.programme, result.warnings, file.filename().string(), kiosk::Sha256Hex(bytes));
    auto t2 = Clock::now();
    sessions = result.programme.sessions.size();
    parse_ms.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
    total_ms.push_back(std::chrono::duration<double, std::milli>(t2 - t0).count());
  }
  fs::remove_all(dir);
  auto median = [](std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
  };
  double total = median(total_ms);
  std::printf("import %s: %zu sessions, %zu bytes, %d runs\n", file.filename().c_str(), sessions, bytes.size(), runs);
  std::printf("  parse+validate median %.1f ms\n", median(parse_ms));
  std::printf("  import incl. commit median %.1f ms (best %.1f ms), %.0f sessions/s; target < 150 ms\n", total,
              *std::min_element(total_ms.begin(), total_ms.end()), sessions / (total / 1000.0));
  return 0;
}
