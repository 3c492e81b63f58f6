// Benchmark: import memory and time of large programmes (issue 11, defect 2). Each case runs in its own child
// process, so its peak RSS (VmHWM from /proc/self/status) is its own: a CSV of N distinct sessions generated with a
// fixed seed (a room for every 25 sessions, 2 days, 30-90 minute sessions at random quarter hours, a 400-byte
// description: overlaps in every room), imported and
// committed to a fresh store; and the 1 KB iCalendar file of six RRULE:FREQ=SECONDLY;COUNT=100000000 series in one
// room. Prints sessions, warnings kept, store size, time and peak RSS per case, and the ratios between the two sizes
// under the bound. Not a pass/fail test.
//   import_memory_bench [N ...]   (default: 10000 20000 100000)
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "kiosk/importers/Importer.h"
#include "kiosk/store/ScheduleStore.h"

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

/// Peak resident set of this process in KiB (VmHWM), 0 when unreadable.
long PeakRssKib() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::atol(line.c_str() + 6);
  }
  return 0;
}

/// `count` distinct sessions as the organizer's CSV, the same bytes for the same count (seed 11).
std::string GenerateCsv(std::size_t count) {
  std::mt19937 random(11);
  // About 500 bytes a row, as the issue's 50 MB file of 101 000 sessions; a room for every 25 sessions.
  const std::size_t rooms = std::max<std::size_t>(20, count / 25);
  const std::string description(400, 'd');
  std::string csv = "# time_zone: Europe/Paris\nid,date,start,duration,room,title,speakers,description\n";
  csv.reserve(count * 520);
  for (std::size_t i = 0; i < count; ++i) {
    const int day = 8 + static_cast<int>(random() % 2);
    const int quarter = static_cast<int>(random() % 40);  // 08:00 to 17:45
    const int minutes = 30 + 15 * static_cast<int>(random() % 5);
    const std::size_t room = random() % rooms;
    char row[200];
    std::snprintf(row, sizeof row,
                  "S%zu,2026-07-%02d,%02d:%02d,%d,Salle %zu,Session %zu sur les collectivités,Orateur %zu,", i, day,
                  8 + quarter / 4, 15 * (quarter % 4), minutes, room, i, i);
    csv += row;
    csv += description;
    csv += '\n';
  }
  return csv;
}

/// The 1 KB file of the issue: six one-hour series in one room, each RRULE:FREQ=SECONDLY;COUNT=100000000.
std::string SixSecondlySeries() {
  std::string ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//bench//EN\r\n";
  for (int i = 0; i < 6; ++i) {
    ics += "BEGIN:VEVENT\r\nUID:s" + std::to_string(i) +
           "@x\r\nDTSTART:20260708T080000Z\r\nDTEND:20260708T090000Z\r\nSUMMARY:S" + std::to_string(i) +
           "\r\nLOCATION:Salon Monge\r\nRRULE:FREQ=SECONDLY;COUNT=100000000\r\nEND:VEVENT\r\n";
  }
  return ics + "END:VCALENDAR\r\n";
}

/// One case, in this (child) process: import `bytes` as `name`, commit to a fresh store, print one line.
int RunCase(const std::string& label, const std::string& name, const std::string& bytes) {
  const fs::path dir = fs::temp_directory_path() / ("kiosk-import-memory-bench-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const long before_kib = PeakRssKib();
  const auto t0 = Clock::now();
  std::string outcome;
  bool imported = false;
  try {
    kiosk::ImportOptions options;
    options.source_name = name;
    kiosk::ImportResult result = kiosk::ImportBytes(bytes, options);
    {
      kiosk::ScheduleStore store(dir / "schedule.db");
      store.CommitImport(result.programme, result.warnings, name, kiosk::Sha256Hex(bytes));
    }
    std::uintmax_t store_bytes = 0;
    for (const auto& entry : fs::directory_iterator(dir)) store_bytes += entry.file_size();
    outcome = "imported " + std::to_string(result.programme.sessions.size()) + " sessions, " +
              std::to_string(result.warnings.size()) + " warnings kept, store " + std::to_string(store_bytes / 1024) +
              " KiB";
    imported = true;
  } catch (const kiosk::ImportError& error) {
    outcome = std::string("refused: ") + error.what();
  }
  const double seconds = std::chrono::duration<double>(Clock::now() - t0).count();
  const long peak_kib = PeakRssKib();
  fs::remove_all(dir);
  std::printf("%-22s %9zu bytes  %7.2f s  peak RSS %7.1f MiB (input alone %6.1f MiB)  %s\n", label.c_str(),
              bytes.size(), seconds, peak_kib / 1024.0, before_kib / 1024.0, outcome.c_str());
  std::fflush(stdout);
  std::printf("@ %.6f %ld %d\n", seconds, peak_kib, imported ? 1 : 0);  // for the parent's ratios
  std::fflush(stdout);
  return 0;
}

struct Figures {
  double seconds = 0;
  long peak_kib = 0;
  int imported = 0;
};

/// Runs `make` and RunCase in a child process; returns the child's figures read from its "@label" line.
template <typename Make>
Figures InChild(const std::string& label, const std::string& name, Make make) {
  int pipe_fds[2];
  if (::pipe(pipe_fds) != 0) std::exit(1);
  std::fflush(stdout);  // or the child would print the parent's buffered lines again
  const pid_t child = ::fork();
  if (child == 0) {
    ::close(pipe_fds[0]);
    ::dup2(pipe_fds[1], STDOUT_FILENO);
    const std::string bytes = make();
    std::_Exit(RunCase(label, name, bytes));
  }
  ::close(pipe_fds[1]);
  Figures figures;
  std::string output;
  char buffer[4096];
  for (ssize_t n; (n = ::read(pipe_fds[0], buffer, sizeof buffer)) > 0;)
    output.append(buffer, static_cast<std::size_t>(n));
  ::close(pipe_fds[0]);
  int status = 0;
  ::waitpid(child, &status, 0);
  std::size_t at = 0;
  while (at < output.size()) {
    std::size_t end = output.find('\n', at);
    if (end == std::string::npos) end = output.size();
    const std::string line = output.substr(at, end - at);
    if (line.rfind("@", 0) == 0) {
      std::sscanf(line.c_str() + 1, "%lf %ld %d", &figures.seconds, &figures.peak_kib, &figures.imported);
    } else {
      std::printf("%s\n", line.c_str());
    }
    at = end + 1;
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    std::printf("%-22s child ended abnormally (status %d)\n", label.c_str(), status);
  }
  return figures;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::size_t> counts;
  for (int i = 1; i < argc; ++i) counts.push_back(std::strtoull(argv[i], nullptr, 10));
  if (counts.empty()) counts = {10000, 20000, 100000};
  std::printf("import memory bench: kMaxSessions %zu, kMaxWarnings %zu, CSV seed 11\n", kiosk::kMaxSessions,
              kiosk::kMaxWarnings);
  std::vector<Figures> figures;
  for (std::size_t count : counts) {
    figures.push_back(InChild("csv " + std::to_string(count), "sessions-" + std::to_string(count) + ".csv",
                              [count] { return GenerateCsv(count); }));
  }
  InChild("ics 6 x SECONDLY", "six-series.ics", [] { return SixSecondlySeries(); });
  for (std::size_t i = 1; i < counts.size(); ++i) {
    // A refused import stops early: only two imports compare (linear scaling under the bound).
    if (!figures[i - 1].imported || !figures[i].imported || figures[i - 1].seconds <= 0) continue;
    std::printf("csv %zu vs %zu: %.2fx the sessions, %.2fx the time, %.2fx the peak RSS\n", counts[i], counts[i - 1],
                static_cast<double>(counts[i]) / static_cast<double>(counts[i - 1]),
                figures[i].seconds / figures[i - 1].seconds,
                static_cast<double>(figures[i].peak_kib) / static_cast<double>(figures[i - 1].peak_kib));
  }
  return 0;
}
