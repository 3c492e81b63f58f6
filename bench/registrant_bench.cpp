// Benchmark (issue 4 section 5): the check-in desk on 100 000 invented registrants (GenerateRegistrants, fixed seed).
// Prints: generating and importing them (CSV parse + store import), the search latency per keystroke for 1 to 6
// typed characters (p50 and p99; target p99 under 5 ms), the check-in write latency, and the wait of a desk's
// check-ins during an import of as many changed registrants (target: worst under about 1 s). Not a pass/fail test.
// Usage: registrant_bench [COUNT (default 100000)] [TYPED NAMES (default 300)]
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include <unistd.h>

#include "kiosk/importers/RegistrantImporter.h"
#include "kiosk/store/RegistrantStore.h"

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

double Ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

/// The value below which `fraction` of the samples lie (nearest rank).
double Percentile(std::vector<double> samples, double fraction) {
  if (samples.empty()) return 0;
  std::sort(samples.begin(), samples.end());
  const auto rank = static_cast<std::size_t>(fraction * static_cast<double>(samples.size() - 1) + 0.5);
  return samples[std::min(rank, samples.size() - 1)];
}

/// The first `n` UTF-8 characters of `text`.
std::string FirstCharacters(const std::string& text, std::size_t n) {
  std::size_t pos = 0;
  for (std::size_t count = 0; pos < text.size() && count < n; ++count) {
    ++pos;
    while (pos < text.size() && (static_cast<unsigned char>(text[pos]) & 0xC0) == 0x80) ++pos;
  }
  return text.substr(0, pos);
}

}  // namespace

int main(int argc, char** argv) {
  const int count = argc > 1 ? std::max(1, std::atoi(argv[1])) : 100'000;
  const int typed = argc > 2 ? std::max(1, std::atoi(argv[2])) : 300;
  const fs::path dir = fs::temp_directory_path() / ("kiosk-registrant-bench-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);

  auto t0 = Clock::now();
  const std::vector<kiosk::Registrant> generated = kiosk::GenerateRegistrants(count, 2026);
  auto t1 = Clock::now();
  const std::string csv = kiosk::RegistrantsToSheetCsv(generated);
  auto t2 = Clock::now();
  kiosk::RegistrantImportOptions options;
  options.source_name = "generated.csv";
  const kiosk::RegistrantImportResult parsed = kiosk::ImportRegistrantsCsv(csv, options);
  auto t3 = Clock::now();
  kiosk::RegistrantStore store(dir / "registrants.db");
  const kiosk::RegistrantImportSummary summary = store.Import(parsed.registrants, options.source_name);
  auto t4 = Clock::now();
  std::printf("registrants: %d generated in %.0f ms; CSV %.1f MB written in %.0f ms\n", count, Ms(t1 - t0),
              static_cast<double>(csv.size()) / 1e6, Ms(t2 - t1));
  std::printf("  import: CSV parse %.0f ms + store import %.0f ms = %.0f ms (%d added)\n", Ms(t3 - t2), Ms(t4 - t3),
              Ms(t4 - t2), summary.added);
  auto t5 = Clock::now();
  store.Import(parsed.registrants, options.source_name);
  std::printf("  re-import of the same list (nothing changes): %.0f ms\n", Ms(Clock::now() - t5));

  // A desk checking in while the list is imported (issue 13 section 4): another connection makes a check-in every
  // 20 ms during an import of `count` changed registrants (every note changed: `count` rows rewritten); each
  // check-in's wait is the time its CheckIn call took. Target: the worst under about 1 s.
  {
    std::vector<kiosk::Registrant> changed = parsed.registrants;
    for (kiosk::Registrant& r : changed) r.note = "v2";
    std::atomic<bool> importing{true};
    std::vector<double> waits;
    std::thread desk([&] {
      kiosk::RegistrantStore desk_store(dir / "registrants.db");
      for (std::size_t i = 0; importing; ++i) {
        const std::string& code = generated[(i * 7919) % generated.size()].order_code;
        auto c0 = Clock::now();
        try {
          desk_store.CheckIn(code, "desk",
                             std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now()));
          waits.push_back(Ms(Clock::now() - c0));
        } catch (const std::exception& error) {
          waits.push_back(Ms(Clock::now() - c0));
          std::printf("  check-in failed: %s\n", error.what());
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
      }
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    auto i0 = Clock::now();
    const kiosk::RegistrantImportSummary again = store.Import(changed, options.source_name);
    const double import_ms = Ms(Clock::now() - i0);
    importing = false;
    desk.join();
    std::printf(
        "check-in during an import of %d changed registrants (%d updated, %.0f ms): %zu check-ins, "
        "p50 %.1f ms  p99 %.1f ms  worst %.1f ms\n",
        count, again.updated, import_ms, waits.size(), Percentile(waits, 0.5), Percentile(waits, 0.99),
        Percentile(waits, 1.0));
  }

  // Search as a desk types: each of `typed` names (last names, first names, organisations and order codes, spread
  // over the list) typed one character at a time; every keystroke is one Search call, as the desk makes it.
  std::map<std::size_t, std::vector<double>> by_length;
  std::map<std::size_t, std::vector<double>> hits_by_length;
  const std::size_t step = std::max<std::size_t>(1, generated.size() / static_cast<std::size_t>(typed));
  int queries = 0;
  for (std::size_t i = 0, n = 0; i < generated.size() && n < static_cast<std::size_t>(typed); i += step, ++n) {
    const kiosk::Registrant& r = generated[i];
    const std::string& word = n % 4 == 0   ? r.last_name
                              : n % 4 == 1 ? r.first_name
                              : n % 4 == 2 ? r.organisation
                                           : r.order_code;
    for (std::size_t length = 1; length <= 6; ++length) {
      const std::string query = FirstCharacters(word, length);
      auto s0 = Clock::now();
      const std::vector<kiosk::RegistrantHit> hits = store.Search(query, 12);
      by_length[length].push_back(Ms(Clock::now() - s0));
      hits_by_length[length].push_back(static_cast<double>(hits.size()));
      ++queries;
    }
  }
  std::printf("search, %d keystrokes (%d names typed 1 to 6 characters, 12 results shown):\n", queries, typed);
  std::vector<double> all;
  for (const auto& [length, samples] : by_length) {
    if (length >= 2) all.insert(all.end(), samples.begin(), samples.end());  // one character searches nothing
    std::printf("  %zu typed: p50 %.3f ms  p99 %.3f ms  max %.3f ms  (median %.0f results)\n", length,
                Percentile(samples, 0.50), Percentile(samples, 0.99), Percentile(samples, 1.0),
                Percentile(hits_by_length[length], 0.5));
  }
  std::printf("  2 to 6 typed: p50 %.3f ms  p99 %.3f ms; target p99 < 5 ms\n", Percentile(all, 0.50),
              Percentile(all, 0.99));

  // Check-in writes: one IMMEDIATE transaction each (WAL), as the desk makes them.
  std::vector<double> writes;
  const int checkins = std::min<int>(2000, count);
  for (int i = 0; i < checkins; ++i) {
    const std::string& code = generated[static_cast<std::size_t>(i) * generated.size() / checkins].order_code;
    auto c0 = Clock::now();
    store.CheckIn(code, "bench",
                  std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now()));
    writes.push_back(Ms(Clock::now() - c0));
  }
  std::printf("check-in write (%d, one transaction each): p50 %.3f ms  p99 %.3f ms  max %.3f ms\n", checkins,
              Percentile(writes, 0.50), Percentile(writes, 0.99), Percentile(writes, 1.0));
  std::error_code ec;
  const auto wal = fs::file_size(dir / "registrants.db-wal", ec);
  std::printf("registrant store: %.1f MB (+ %.1f MB WAL)\n",
              static_cast<double>(fs::file_size(dir / "registrants.db")) / 1e6,
              ec ? 0.0 : static_cast<double>(wal) / 1e6);
  fs::remove_all(dir);
  return 0;
}
