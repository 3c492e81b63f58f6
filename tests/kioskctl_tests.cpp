// End to end through the kioskctl binary: exit codes, printed summaries, show/sessions/log on the RAICT programme.
#include <doctest/doctest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "TestSupport.h"
#include "kiosk/store/ScheduleStore.h"

namespace fs = std::filesystem;

namespace {

struct Run {
  int exit_code = -1;
  std::string out;  ///< stdout and stderr together
};

Run Kioskctl(const std::string& arguments) {
  std::string command = std::string(KIOSKCTL_PATH) + " " + arguments + " 2>&1";
  Run run;
  FILE* pipe = ::popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  std::array<char, 4096> buffer{};
  while (std::size_t n = std::fread(buffer.data(), 1, buffer.size(), pipe)) run.out.append(buffer.data(), n);
  int status = ::pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

std::string Raict() { return kiosk::test::SourcePath("schedules/raict-2026.csv").string(); }

}  // namespace

TEST_CASE("import prints the revision summary, the same file again changes nothing") {
  kiosk::test::TempDir temp;
  Run first = Kioskctl("import " + Raict() + " --db " + temp.Store().string());
  CHECK(first.exit_code == 0);
  CHECK(first.out.rfind("revision 1: 48 sessions, 8 rooms, 0 warnings", 0) == 0);
  Run again = Kioskctl("import " + Raict() + " --db " + temp.Store().string());
  CHECK(again.exit_code == 0);
  CHECK(again.out.rfind("revision 1: 48 sessions, 8 rooms, 0 warnings (unchanged", 0) == 0);
  Run log = Kioskctl("log --db " + temp.Store().string());
  CHECK(log.exit_code == 0);
  CHECK(log.out.find("revision 1  ") == 0);
  CHECK(log.out.find("raict-2026.csv  sha256:") != std::string::npos);
  CHECK(log.out.find("revision 2") == std::string::npos);
}

TEST_CASE("invalid input exits 2, names the file and line, and writes nothing") {
  kiosk::test::TempDir temp;
  fs::path bad = temp.Path() / "bad.csv";
  std::ofstream(bad) << "id,date,start,end,room,title\n1,2026-07-08,10:00,11:00,Salon Monge,Ouverture\n"
                        "2,2026-07-08,25:99,11:00,Salon Monge,Atelier\n";
  Run run = Kioskctl("import " + bad.string() + " --db " + temp.Store().string());
  CHECK(run.exit_code == 2);
  CHECK(run.out.find(bad.string() + ":3") != std::string::npos);
  CHECK_FALSE(fs::exists(temp.Store().string()));

  // With a good revision in place, a bad file leaves it as it was.
  REQUIRE(Kioskctl("import " + Raict() + " --db " + temp.Store().string()).exit_code == 0);
  CHECK(Kioskctl("import " + bad.string() + " --db " + temp.Store().string()).exit_code == 2);
  kiosk::ScheduleStore store(temp.Store().string(), kiosk::ScheduleStore::Mode::ReadOnly);
  CHECK(store.Revisions().size() == 1);
  CHECK(store.Load()->programme.sessions.size() == 48);

  CHECK(Kioskctl("import " + Raict() + " --tz Mars/Base --db " + temp.Store().string()).exit_code == 2);
  CHECK(Kioskctl("import " + Raict() + " --format yaml --db " + temp.Store().string()).exit_code == 2);
  // An unreadable file is not invalid input: exit 1, and nothing written either.
  CHECK(Kioskctl("import /nonexistent/file.csv --db " + temp.Store().string()).exit_code == 1);
  fs::path header_only = temp.Path() / "header-only.csv";
  std::ofstream(header_only) << "id,date,start,end,room,title\n";
  Run empty = Kioskctl("import " + header_only.string() + " --db " + temp.Store().string());
  CHECK(empty.exit_code == 2);
  CHECK(empty.out.find("no sessions in the file") != std::string::npos);
  CHECK(store.Load()->programme.sessions.size() == 48);
}

TEST_CASE("validate checks without writing") {
  kiosk::test::TempDir temp;
  Run run = Kioskctl("validate " + Raict());
  CHECK(run.exit_code == 0);
  CHECK(run.out.rfind("valid: 48 sessions, 8 rooms, 0 warnings", 0) == 0);
  Run cancelled = Kioskctl("validate " + kiosk::test::CasePath("cancelled", "programme.csv").string());
  CHECK(cancelled.exit_code == 0);
  CHECK(cancelled.out.find("warning: ") != std::string::npos);
  CHECK(cancelled.out.find("overlap in Room 1 between 14:30 and 14:45") != std::string::npos);
}

TEST_CASE("show gives now and next per room at 10:20 on 8 July (venue time)") {
  kiosk::test::TempDir temp;
  REQUIRE(Kioskctl("import " + Raict() + " --db " + temp.Store().string()).exit_code == 0);
  Run run = Kioskctl("show --db " + temp.Store().string() + " --at 2026-07-08T10:20");
  REQUIRE(run.exit_code == 0);
  CHECK(run.out.find("2026-07-08 10:20 Europe/Paris — revision 1") != std::string::npos);
  CHECK(run.out.find("\nSalon Monge | now 10:") != std::string::npos);
  CHECK(run.out.find("\nSalon Berthollet | now 10:") != std::string::npos);
  CHECK(run.out.find("\nSalon Laplace | now 10:") != std::string::npos);
  // The same instant given in UTC shows the same board.
  Run utc = Kioskctl("show --db " + temp.Store().string() + " --at 2026-07-08T08:20:00Z");
  CHECK(utc.out == run.out);
  Run room = Kioskctl("show --db " + temp.Store().string() + " --at 2026-07-08T10:20 --room 'salon monge'");
  CHECK(room.exit_code == 0);
  CHECK(room.out.find("Salon Berthollet") == std::string::npos);
  CHECK(room.out.find("Salon Monge | now") != std::string::npos);
  CHECK(Kioskctl("show --db " + temp.Store().string() + " --room Nowhere").exit_code == 2);
  CHECK(Kioskctl("show --db " + (temp.Path() / "none.db").string()).exit_code == 1);
}

TEST_CASE("sessions --json lists every session with venue-offset times") {
  kiosk::test::TempDir temp;
  REQUIRE(Kioskctl("import " + Raict() + " --db " + temp.Store().string()).exit_code == 0);
  Run run = Kioskctl("sessions --db " + temp.Store().string() + " --day 2026-07-09 --json");
  REQUIRE(run.exit_code == 0);
  nlohmann::json sessions = nlohmann::json::parse(run.out);
  REQUIRE(sessions.is_array());
  CHECK(sessions.size() == 21);
  bool found_copil = false;
  for (const auto& session : sessions) {
    CHECK(session["start"].get<std::string>().substr(0, 10) == "2026-07-09");
    CHECK(session["start"].get<std::string>().substr(19) == "+02:00");
    for (const char* key : {"guid", "room", "end", "title", "kind", "status"}) CHECK(session.contains(key));
    if (session["title"].get<std::string>().find("COPIL") != std::string::npos) {
      found_copil = true;
      CHECK(session["start"] == "2026-07-09T15:30:00+02:00");
      CHECK(session["end"] == "2026-07-09T17:00:00+02:00");
      CHECK(session["status"] == "confirmed");
    }
  }
  CHECK(found_copil);
}
