// End to end through the kioskctl binary: exit codes, printed summaries, show/sessions/log on the RAICT programme.
#include <doctest/doctest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "TestSupport.h"
#include "kiosk/store/ScheduleStore.h"

namespace fs = std::filesystem;

namespace {

using Run = kiosk::test::CommandResult;

Run Kioskctl(const std::string& arguments) {
  return kiosk::test::RunCommand(std::string(KIOSKCTL_PATH) + " " + arguments);
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

TEST_CASE("import of six SECONDLY series in one room is quick, its warnings and its store small") {
  kiosk::test::TempDir temp;
  const fs::path ics = temp.Path() / "six.ics";
  {
    std::ofstream out(ics, std::ios::binary);
    out << "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//x//EN\r\n";
    for (int i = 0; i < 6; ++i) {
      out << "BEGIN:VEVENT\r\nUID:s" << i << "@x\r\nDTSTART:20260708T080000Z\r\nDTEND:20260708T090000Z\r\nSUMMARY:S"
          << i << "\r\nLOCATION:Salon Monge\r\nRRULE:FREQ=SECONDLY;COUNT=100000000\r\nEND:VEVENT\r\n";
    }
    out << "END:VCALENDAR\r\n";
  }
  REQUIRE(fs::file_size(ics) < 1024);
  const auto t0 = std::chrono::steady_clock::now();
  Run run = Kioskctl("import " + ics.string() + " --db " + temp.Store().string());
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  CHECK(run.exit_code == 0);
  CHECK(seconds < 5.0);
  CHECK(run.out.rfind("revision 1: 3000 sessions, 1 room, 7 warnings", 0) == 0);
  CHECK(run.out.find("3000 sessions overlap in Salon Monge between 10:00 and 11:08 on 2026-07-08") !=
        std::string::npos);
  std::uintmax_t store_bytes = 0;
  for (const auto& entry : fs::directory_iterator(temp.Path())) {
    if (entry.path().filename().string().rfind(temp.Store().filename().string(), 0) == 0)
      store_bytes += entry.file_size();
  }
  CHECK(store_bytes < 4 * 1024 * 1024);
  kiosk::ScheduleStore store(temp.Store().string(), kiosk::ScheduleStore::Mode::ReadOnly);
  CHECK(store.Revisions().back().warnings.size() == 7);
}

TEST_CASE("import refuses a programme of more than 20000 sessions at the row past it, exit 2, nothing written") {
  kiosk::test::TempDir temp;
  const fs::path csv = temp.Path() / "huge.csv";
  {
    std::ofstream out(csv, std::ios::binary);
    out << "id,date,start,end,room,title\n";
    for (int i = 0; i < 20001; ++i) {
      out << i << ",2026-07-0" << 8 + i % 2 << "," << 8 + i % 10 << ":00," << 9 + i % 10 << ":00,Salle " << i % 7
          << ",Session " << i << "\n";
    }
  }
  Run run = Kioskctl("import " + csv.string() + " --db " + temp.Store().string());
  CHECK(run.exit_code == 2);
  CHECK(run.out.find(csv.string() + ":20002: more than 20000 sessions, the most a programme may hold; nothing "
                                    "imported") != std::string::npos);
  CHECK_FALSE(fs::exists(temp.Store()));
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

TEST_CASE("live changes from the command line: each one revision, named by title, id or guid") {
  kiosk::test::TempDir temp;
  const std::string db = " --db " + temp.Store().string();
  REQUIRE(Kioskctl("import " + Raict() + db).exit_code == 0);

  Run delay = Kioskctl("delay \"Plénière d'ouverture\" 15" + db);
  CHECK(delay.exit_code == 0);
  CHECK(delay.out.rfind("revision 2: delay 'Plénière d’ouverture", 0) == 0);
  CHECK(delay.out.find("+15 min: now 09:15-10:15") != std::string::npos);
  CHECK(delay.out.find("note: now overlaps 'Réunion régionale Afrique") != std::string::npos);
  Run earlier = Kioskctl("delay J1-03 -10" + db);
  CHECK(earlier.exit_code == 0);
  CHECK(earlier.out.find("-10 min: now 09:50-11:20") != std::string::npos);
  CHECK(Kioskctl("move J1-03 --room laplace" + db).out.rfind("revision 4: move 'Eau, thème de l’année", 0) == 0);
  CHECK(Kioskctl("cancel J1-04" + db).out.rfind("revision 5: cancel 'Collectivités face aux crises", 0) == 0);
  CHECK(Kioskctl("full id:J1-06" + db).out.rfind("revision 6: full 'Internationalisation", 0) == 0);
  Run again = Kioskctl("full id:J1-06" + db);
  CHECK(again.exit_code == 0);
  CHECK(again.out.rfind("unchanged (revision 6): 'Internationalisation", 0) == 0);
  CHECK(again.out.find("is already marked full") != std::string::npos);
  CHECK(Kioskctl("open id:J1-06" + db).out.rfind("revision 7: open", 0) == 0);

  Run log = Kioskctl("log" + db);
  CHECK(log.out.find("revision 5  ") != std::string::npos);
  CHECK(log.out.find("  cancel 'Collectivités face aux crises") != std::string::npos);

  Run sessions = Kioskctl("sessions --day 2026-07-08" + db);
  CHECK(sessions.out.find("\"start\": \"2026-07-08T09:15:00+02:00\"") != std::string::npos);
  CHECK(sessions.out.find("\"delay_minutes\": 15") != std::string::npos);
  CHECK(sessions.out.find("\"moved_from\": \"Salon Monge\"") != std::string::npos);
}

TEST_CASE("an ambiguous or unknown SESSION or ROOM exits 2, lists the candidates and writes nothing") {
  kiosk::test::TempDir temp;
  const std::string db = " --db " + temp.Store().string();
  REQUIRE(Kioskctl("import " + Raict() + db).exit_code == 0);
  // "Nothing changes": the store's bytes, its write-ahead log included, are the same after every refusal.
  auto store_bytes = [&] {
    std::string bytes = kiosk::test::ReadBytes(temp.Store());
    if (fs::exists(temp.Store().string() + "-wal")) bytes += kiosk::test::ReadBytes(temp.Store().string() + "-wal");
    return bytes;
  };
  const std::string before = store_bytes();
  Run ambiguous = Kioskctl("delay Plénière 10" + db);
  CHECK(ambiguous.exit_code == 2);
  CHECK(ambiguous.out.find("kioskctl: error: 'Plénière' names 2 sessions") == 0);
  CHECK(ambiguous.out.find("\n  id:J1-02  2026-07-08 09:00  Grand Salon  Plénière d’ouverture") != std::string::npos);
  CHECK(ambiguous.out.find("\n  id:J2-21  2026-07-09 16:00  Grand Salon  Plénière de clôture") != std::string::npos);
  Run room = Kioskctl("move J1-03 --room salon" + db);
  CHECK(room.exit_code == 2);
  CHECK(room.out.find("names several rooms") != std::string::npos);
  CHECK(Kioskctl("delay J1-03 soon" + db).exit_code == 2);
  CHECK(Kioskctl("delay J1-03 721" + db).exit_code == 2);
  CHECK(Kioskctl("announce Pause --until 00:00" + db).exit_code == 2);  // already past today
  Run typo = Kioskctl("cancel J1-03 --db " + (temp.Path() / "typo.db").string());
  CHECK(typo.exit_code == 1);
  CHECK(typo.out.find("no schedule store at") != std::string::npos);
  CHECK_FALSE(fs::exists(temp.Path() / "typo.db"));
  CHECK(Kioskctl("log" + db).out.find("revision 2") == std::string::npos);
  CHECK(store_bytes() == before);
}

TEST_CASE("announce, list and clear announcements, and roll back a revision") {
  kiosk::test::TempDir temp;
  const std::string db = " --db " + temp.Store().string();
  REQUIRE(Kioskctl("import " + Raict() + db).exit_code == 0);
  Run info = Kioskctl("announce \"Le déjeuner est servi\" --en \"Lunch is served\" --room restaurant" + db);
  CHECK(info.exit_code == 0);
  CHECK(info.out.rfind("revision 2: announce info #1: Le déjeuner est servi", 0) == 0);
  CHECK(info.out.find("note: clear it with: kioskctl clear 1") != std::string::npos);
  Run emergency = Kioskctl("announce \"Évacuez le bâtiment\" --en \"Evacuate the building\" --priority emergency" + db);
  CHECK(emergency.out.rfind("revision 3: announce emergency #2", 0) == 0);
  CHECK(Kioskctl("announce Evacuez --priority emergency --until 23:00" + db).exit_code == 2);
  Run list = Kioskctl("announcements" + db);
  CHECK(list.out.find("#1  info  ") == 0);
  CHECK(list.out.find("rooms: Restaurant Les Arts\n    Le déjeuner est servi\n    Lunch is served\n") !=
        std::string::npos);
  CHECK(list.out.find("#2  emergency  ") != std::string::npos);
  CHECK(Kioskctl("clear 2" + db).out.rfind("revision 4: clear #2: Évacuez le bâtiment", 0) == 0);
  Run twice = Kioskctl("clear 2" + db);
  CHECK(twice.exit_code == 2);
  CHECK(twice.out.find("no announcement 2 is on screen") != std::string::npos);

  auto cancelled = [&] {
    const std::string out = Kioskctl("sessions" + db).out;
    std::size_t count = 0;
    for (std::size_t at = out.find("\"status\": \"cancelled\""); at != std::string::npos;
         at = out.find("\"status\": \"cancelled\"", at + 1))
      ++count;
    return count;
  };
  const std::size_t imported_cancelled = cancelled();
  REQUIRE(Kioskctl("cancel J1-04" + db).exit_code == 0);  // 5
  CHECK(cancelled() == imported_cancelled + 1);
  Run rollback = Kioskctl("rollback 4" + db);
  CHECK(rollback.exit_code == 0);
  CHECK(rollback.out.rfind("revision 6: rollback to revision 4", 0) == 0);
  CHECK(cancelled() == imported_cancelled);
  CHECK(Kioskctl("rollback 99" + db).exit_code == 2);
}

TEST_CASE("a re-import after live changes says which changes the file overrode") {
  kiosk::test::TempDir temp;
  const std::string db = " --db " + temp.Store().string();
  REQUIRE(Kioskctl("import " + Raict() + db).exit_code == 0);
  REQUIRE(Kioskctl("delay J1-02 15" + db).exit_code == 0);
  REQUIRE(Kioskctl("full J1-06" + db).exit_code == 0);
  std::string bytes = kiosk::test::ReadBytes(Raict());
  const std::string from = "J1-02,2026-07-08,09:00,10:00";
  REQUIRE(bytes.find(from) != std::string::npos);
  bytes.replace(bytes.find(from), from.size(), "J1-02,2026-07-08,09:30,10:30");
  const fs::path edited = temp.Path() / "raict-edited.csv";
  std::ofstream(edited, std::ios::binary) << bytes;
  Run import = Kioskctl("import " + edited.string() + db);
  CHECK(import.exit_code == 0);
  CHECK(import.out.rfind("revision 4: 48 sessions", 0) == 0);
  CHECK(import.out.find("overrode live change: delay +15 min of 'Plénière d’ouverture") != std::string::npos);
  CHECK(import.out.find("the file has it at 09:30") != std::string::npos);
  CHECK(import.out.find("Internationalisation") == std::string::npos);  // the full mark is kept, not reported
}

TEST_CASE("control characters in a programme's display text are removed with a warning, never printed") {
  // Issue 11 defect 4: NULs in a title were stored and printed by show.
  kiosk::test::TempDir temp;
  const fs::path csv = temp.Path() / "nul.csv";
  static const char kProgramme[] =
      "id,date,start,end,room,title,speakers\n"
      "1,2026-07-08,10:00,11:00,Salon Monge,Ouver\0ture\x1b[2J,Anne\x07 Martin\n";
  std::ofstream(csv, std::ios::binary) << std::string(kProgramme, sizeof kProgramme - 1);
  const std::string db = " --db " + temp.Store().string();
  const Run run = Kioskctl("import " + csv.string() + db);
  CHECK(run.exit_code == 0);
  CHECK(run.out.find("warning: " + csv.string() + ":2: title: removed 2 control characters") != std::string::npos);
  CHECK(run.out.find('\0') == std::string::npos);
  const Run show = Kioskctl("show --at 2026-07-08T10:20" + db);
  CHECK(show.exit_code == 0);
  CHECK(show.out.find("Ouverture[2J") != std::string::npos);
  CHECK(show.out.find('\0') == std::string::npos);
  CHECK(show.out.find('\x1b') == std::string::npos);
  const Run sessions = Kioskctl("sessions --json" + db);
  REQUIRE(sessions.exit_code == 0);
  const nlohmann::json list = nlohmann::json::parse(sessions.out);
  REQUIRE(list.size() == 1);
  CHECK(list[0]["title"] == "Ouverture[2J");

  // An id is an identifier: a control character in it is refused, naming the file and line; nothing written.
  static const char kBadId[] =
      "id,date,start,end,room,title\n"
      "1,2026-07-08,10:00,11:00,Salon Monge,Ouverture\n"
      "2\x1b,2026-07-08,11:00,12:00,Salon Monge,Atelier\n";
  const fs::path bad = temp.Path() / "bad-id.csv";
  std::ofstream(bad, std::ios::binary) << std::string(kBadId, sizeof kBadId - 1);
  const Run refused = Kioskctl("import " + bad.string() + db);
  CHECK(refused.exit_code == 2);
  CHECK(refused.out.find(bad.string() + ":3: id holds a control character (U+001B)") != std::string::npos);
  CHECK(kiosk::ScheduleStore(temp.Store().string(), kiosk::ScheduleStore::Mode::ReadOnly).Revisions().size() == 1);
}

TEST_CASE("a 1 MB title is cut to its maximum with a warning") {
  kiosk::test::TempDir temp;
  const fs::path csv = temp.Path() / "long.csv";
  std::ofstream(csv, std::ios::binary) << "id,date,start,end,room,title\n1,2026-07-08,10:00,11:00,Salon Monge,"
                                       << std::string(1 << 20, 'T') << "\n";
  const std::string db = " --db " + temp.Store().string();
  const Run run = Kioskctl("import " + csv.string() + db);
  CHECK(run.exit_code == 0);
  CHECK(run.out.find(":2: title: cut from 1048576 to 300 characters") != std::string::npos);
  const Run sessions = Kioskctl("sessions --json" + db);
  REQUIRE(sessions.exit_code == 0);
  const std::string title = nlohmann::json::parse(sessions.out)[0]["title"];
  CHECK(title == std::string(299, 'T') + "\xE2\x80\xA6");
}

TEST_CASE("kioskctl refuses control characters in a session or room argument and cleans an announcement") {
  kiosk::test::TempDir temp;
  const std::string db = " --db " + temp.Store().string();
  REQUIRE(Kioskctl("import " + Raict() + db).exit_code == 0);
  const Run session = Kioskctl("delay \"$(printf 'J1-03\\033')\" 15" + db);
  CHECK(session.exit_code == 2);
  CHECK(session.out.find("SESSION") != std::string::npos);
  CHECK(session.out.find('\x1b') == std::string::npos);
  const Run room = Kioskctl("move J1-03 --room \"$(printf 'Salon\\rMonge')\"" + db);
  CHECK(room.exit_code == 2);
  CHECK(room.out.find("--room") != std::string::npos);
  const Run notice = Kioskctl("announce \"$(printf 'Caf\\303\\251\\007 servi')\" --en " + std::string(600, 'E') + db);
  CHECK(notice.exit_code == 0);
  CHECK(notice.out.find("TEXT: removed 1 control character") != std::string::npos);
  CHECK(notice.out.find("--en: cut from 600 to 500 characters (its maximum)") != std::string::npos);
  const Run list = Kioskctl("announcements" + db);
  CHECK(list.out.find("Café servi") != std::string::npos);
  CHECK(list.out.find('\x07') == std::string::npos);
  kiosk::ScheduleStore store(temp.Store().string(), kiosk::ScheduleStore::Mode::ReadOnly);
  CHECK(store.Revisions().size() == 2);  // the import and the announcement; the refused changes wrote nothing
}

// Review of issue 11: a session id, a --room and an import's ids took U+202E and zero-width characters, and an
// announcement kept an open override that reversed the rest of the screen's line.
TEST_CASE("kioskctl refuses bidi controls and zero-width characters in ids and --room, and cleans an announcement") {
  kiosk::test::TempDir temp;
  const std::string db = " --db " + temp.Store().string();
  REQUIRE(Kioskctl("import " + Raict() + db).exit_code == 0);
  const std::string rlo = "$(printf '\\342\\200\\256')";  // U+202E RIGHT-TO-LEFT OVERRIDE
  const Run session = Kioskctl("delay \"J1-03" + rlo + "\" 15" + db);
  CHECK(session.exit_code == 2);
  CHECK(session.out.find("SESSION holds a bidirectional formatting character (U+202E RIGHT-TO-LEFT OVERRIDE) at "
                         "character 6") != std::string::npos);
  CHECK(session.out.find("\xE2\x80\xAE") == std::string::npos);
  const Run zero_width = Kioskctl("cancel \"J1$(printf '\\342\\200\\213')-03\"" + db);
  CHECK(zero_width.exit_code == 2);
  CHECK(zero_width.out.find("(U+200B ZERO WIDTH SPACE) at character 3") != std::string::npos);
  const Run room = Kioskctl("move J1-03 --room \"Salon" + rlo + " Monge\"" + db);
  CHECK(room.exit_code == 2);
  CHECK(room.out.find("--room holds a bidirectional formatting character (U+202E") != std::string::npos);
  const Run separator = Kioskctl("move J1-03 --room \"Salon$(printf '\\342\\200\\250')Monge\"" + db);
  CHECK(separator.exit_code == 2);
  CHECK(separator.out.find("--room holds a line or paragraph separator (U+2028 LINE SEPARATOR)") != std::string::npos);
  const Run notice =
      Kioskctl("announce \"Pause " + rlo + "eeffac\" --en \"Coffee$(printf '\\342\\200\\250')break\"" + db);
  CHECK(notice.exit_code == 0);
  CHECK(notice.out.find("TEXT: removed 1 bidirectional formatting character") != std::string::npos);
  CHECK(notice.out.find("--en: replaced 1 line or paragraph separator with spaces") != std::string::npos);
  const Run list = Kioskctl("announcements" + db);
  CHECK(list.out.find("Pause eeffac") != std::string::npos);
  CHECK(list.out.find("Coffee break") != std::string::npos);
  CHECK(list.out.find("\xE2\x80\xAE") == std::string::npos);
  kiosk::ScheduleStore store(temp.Store().string(), kiosk::ScheduleStore::Mode::ReadOnly);
  CHECK(store.Revisions().size() == 2);  // the import and the announcement; the refused changes wrote nothing

  // An import's id: refused naming the file and line and the code point; a UTF-16 file without a BOM is decoded.
  const fs::path bad = temp.Path() / "bidi-id.csv";
  std::ofstream(bad, std::ios::binary) << "id,date,start,end,room,title\n"
                                          "1,2026-07-08,10:00,11:00,Salon Monge,Ouverture\n"
                                          "2\xE2\x80\xAE,2026-07-08,11:00,12:00,Salon Monge,Atelier\n";
  const Run refused = Kioskctl("import " + bad.string() + db);
  CHECK(refused.exit_code == 2);
  CHECK(refused.out.find(bad.string() +
                         ":3: id holds a bidirectional formatting character (U+202E RIGHT-TO-LEFT OVERRIDE) at "
                         "character 2") != std::string::npos);
  const fs::path utf16 = temp.Path() / "utf16-no-bom.csv";
  {
    const std::u16string text = u"id,date,start,end,room,title\r\n1,2026-07-08,09:30,10:30,Salon Monge,Réunion\r\n";
    std::string bytes;
    for (char16_t unit : text) bytes += std::string{static_cast<char>(unit & 0xFF), static_cast<char>(unit >> 8)};
    std::ofstream(utf16, std::ios::binary) << bytes;
  }
  const Run decoded = Kioskctl("import " + utf16.string() + " --db " + (temp.Path() / "utf16.db").string());
  CHECK(decoded.exit_code == 0);
  CHECK(decoded.out.find(utf16.string() + ":1: decoded from UTF-16 (little-endian, no byte-order mark)") !=
        std::string::npos);
}

TEST_CASE("kioskctl --now and KIOSK_NOW: the README's rehearsal works on any date, and past says what the clock is") {
  kiosk::test::TempDir temp;
  const std::string db = " --db " + temp.Store().string();
  REQUIRE(Kioskctl("import " + Raict() + db).exit_code == 0);
  // The walkthrough's notice, given after the subcommand or before it.
  Run until = Kioskctl("announce Pause --until 2026-07-08T14:15 --now 2026-07-08T10:20" + db);
  CHECK(until.exit_code == 0);
  CHECK(until.out.rfind("revision 2: announce info #1", 0) == 0);
  Run hm = Kioskctl("--now 2026-07-08T10:20 announce Café --until 11:30" + db);
  CHECK(hm.exit_code == 0);
  Run list = Kioskctl("announcements --now 2026-07-08T10:20" + db);
  CHECK(list.out.find("until 2026-07-08T14:15") != std::string::npos);
  CHECK(list.out.find("until 2026-07-08T11:30") != std::string::npos);  // HH:MM is on --now's day
  CHECK(list.out.find("ended") == std::string::npos);
  CHECK(Kioskctl("announcements --now 2026-07-08T12:00" + db).out.find("ended 2026-07-08T11:30") != std::string::npos);

  Run past = Kioskctl("announce Pause --until 2026-07-08T09:15 --now 2026-07-08T10:20" + db);
  CHECK(past.exit_code == 2);
  CHECK(past.out.find("--until 2026-07-08T09:15 is already past: it is 2026-07-08 10:20 (Europe/Paris) by --now; "
                      "give a later time, or --now for a rehearsal") != std::string::npos);
  Run real = Kioskctl("announce Pause --until 2020-01-01T10:00" + db);
  CHECK(real.exit_code == 2);
  CHECK(real.out.find("is already past: it is 20") != std::string::npos);
  CHECK(real.out.find("(Europe/Paris) by this machine's clock; give a later time") != std::string::npos);

  // KIOSK_NOW: every command that reads the clock, show's default --at among them.
  Run show = kiosk::test::RunCommand("KIOSK_NOW=2026-07-08T10:20 " + std::string(KIOSKCTL_PATH) + " show" + db);
  CHECK(show.exit_code == 0);
  CHECK(show.out.find("2026-07-08 10:20 Europe/Paris — revision 3") != std::string::npos);
  Run delay = Kioskctl("delay J1-04 15 --now 2026-07-08T10:20" + db);
  CHECK(delay.exit_code == 0);
  Run bad = Kioskctl("show --now tomorrow" + db);
  CHECK(bad.exit_code == 2);
  CHECK(bad.out.find("--now (or KIOSK_NOW): unparseable date-time 'tomorrow'") != std::string::npos);
}

TEST_CASE("on read-only media show and log work, and a write names the read-only media") {
  kiosk::test::TempDir temp;
  const fs::path media = temp.Path() / "usb";
  fs::create_directories(media);
  const std::string db = " --db " + (media / "schedule.db").string();
  REQUIRE(Kioskctl("import " + Raict() + db).exit_code == 0);
  // A read-only bind mount of the folder in a mount namespace of its own (needs unshare and the right to mount).
  const std::string ro = "unshare -m sh -c 'mount --bind " + media.string() + " " + media.string() +
                         " && mount -o remount,bind,ro " + media.string() + " && ";
  const Run probe = kiosk::test::RunCommand(ro + "touch " + (media / "probe").string() + "' 2>&1");
  if (probe.out.find("Read-only file system") == std::string::npos) {
    MESSAGE("skipped: cannot make a read-only mount here: " << probe.out);
    return;
  }
  const Run show = kiosk::test::RunCommand(ro + KIOSKCTL_PATH + " show --at 2026-07-08T10:20" + db + "' 2>&1");
  CHECK(show.exit_code == 0);
  CHECK(show.out.find("Salon Monge | now 10:") != std::string::npos);
  const Run log = kiosk::test::RunCommand(ro + KIOSKCTL_PATH + " log" + db + "' 2>&1");
  CHECK(log.exit_code == 0);
  CHECK(log.out.find("revision 1 ") == 0);
  const Run write = kiosk::test::RunCommand(ro + KIOSKCTL_PATH + " cancel J1-04" + db + "' 2>&1");
  CHECK(write.exit_code != 0);
  CHECK(write.out.find("read-only media: the file system holding " + media.string() + " is mounted read-only") !=
        std::string::npos);
}

TEST_CASE("serve logs a client's method and path escaped, never as terminal control sequences") {
  // Found by review after issue 11's fixes: a request for "/%1b]0;PWNED%07%1b[2J%0d%0afake line" reached the
  // organizer's terminal raw (a title change, a cleared screen and a fake log line), no token needed.
  kiosk::test::TempDir temp;
  const fs::path www = temp.Path() / "www";
  fs::create_directories(www);
  const fs::path out = temp.Path() / "serve.out", err = temp.Path() / "serve.err";
  const std::string script =
      "import socket, subprocess, time, re, sys\n"
      "p = subprocess.Popen([sys.argv[1], 'serve', '--dir', sys.argv[2], '--port', '0'],"
      " stdout=open(sys.argv[3], 'w'), stderr=open(sys.argv[4], 'w'))\n"
      "port = None\n"
      "for _ in range(100):\n"
      "    m = re.search(r'127\\.0\\.0\\.1:(\\d+)', open(sys.argv[3]).read())\n"
      "    if m: port = int(m.group(1)); break\n"
      "    time.sleep(0.05)\n"
      "for raw in [b'GET /%1b%5d0%3bPWNED%07%1b%5b2J%0d%0afake%20line HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n',"
      " b'G\\x1bT / HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n']:\n"
      "    s = socket.create_connection(('127.0.0.1', port)); s.sendall(raw); s.recv(4096); s.close()\n"
      "time.sleep(0.3); p.terminate(); p.wait()\n";
  const fs::path py = temp.Path() / "probe.py";
  std::ofstream(py) << script;
  const auto run = kiosk::test::RunCommand("python3 " + py.string() + " " + KIOSKCTL_PATH + " " + www.string() + " " +
                                           out.string() + " " + err.string());
  REQUIRE(run.exit_code == 0);
  std::ifstream in(err);
  const std::string log((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  INFO(log);
  CHECK(log.find('\x1b') == std::string::npos);
  CHECK(log.find('\x07') == std::string::npos);
  CHECK(log.find('\r') == std::string::npos);
  CHECK(log.find("\nfake line") == std::string::npos);
  CHECK(log.find("\\x1B]0;PWNED") != std::string::npos);  // the request is still logged, escaped
}

TEST_CASE(
    "rooms: move and show --room read a room by either apostrophe and by a unique word, an ambiguous one exits 2") {
  kiosk::test::TempDir temp;
  const std::string db = " --db " + temp.Store().string();
  fs::path csv = temp.Path() / "honneur.csv";
  std::ofstream(csv, std::ios::binary) << "id,date,start,end,room,title\n"
                                          "1,2026-07-08,10:00,11:00,Salon d\u2019Honneur,Ouverture\n"
                                          "2,2026-07-08,10:00,11:00,Salon Monge,Atelier\n"
                                          "3,2026-07-08,11:30,12:00,Salon Monge,Clôture\n";
  REQUIRE(Kioskctl("import " + csv.string() + db).exit_code == 0);

  Run show = Kioskctl("show --at 2026-07-08T10:20 --room \"Salon d'Honneur\"" + db);
  CHECK(show.exit_code == 0);
  CHECK(show.out.find("\nSalon d\u2019Honneur | now 10:00-11:00 Ouverture") != std::string::npos);
  CHECK(show.out.find("Salon Monge |") == std::string::npos);
  Run word = Kioskctl("show --at 2026-07-08T10:20 --room Monge" + db);
  CHECK(word.exit_code == 0);
  CHECK(word.out.find("\nSalon Monge | now 10:00-11:00 Atelier") != std::string::npos);

  Run move = Kioskctl("move 3 --room \"Salon d'Honneur\"" + db);
  CHECK(move.exit_code == 0);
  CHECK(move.out.rfind("revision 2: move 'Clôture", 0) == 0);
  CHECK(move.out.find("Salon d\u2019Honneur") != std::string::npos);
  CHECK(Kioskctl("move 3 --room monge" + db).out.rfind("revision 3: move 'Clôture", 0) == 0);

  for (const char* command : {"show --room salon", "move 3 --room salon"}) {
    CAPTURE(command);
    Run ambiguous = Kioskctl(std::string(command) + db);
    CHECK(ambiguous.exit_code == 2);
    CHECK(ambiguous.out.find("'salon' names several rooms:\n  Salon d\u2019Honneur\n  Salon Monge") !=
          std::string::npos);
  }
}

namespace {

/// Issue 13: the French programme sheet as an organizer writes it (semicolons, a title row, days and hours in words).
void WriteFrenchCsv(const fs::path& path, const std::string& time_header = "Horaire") {
  std::ofstream(path, std::ios::binary)
      << "Programme des Rencontres 2026;;;;;\n"
      << "Jour;" << time_header << ";Salle;Type;Intitulé;Intervenants\n"
      << "mercredi 8 juillet 2026;9h30 - 10h30;Salle Monge;Plénière;Ouverture;Ana Lima\n"
      << "mercredi 8 juillet 2026;10h45 - 11h30;Salle Monge;Atelier;Cartes \"sensibles\";Bo Chen\n"
      << "jeudi 9 juillet 2026;14h - 15h;Salon d'Honneur;Table ronde;Clôture;\n";
}

std::string ReadText(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace

TEST_CASE("inspect prints a French sheet as import reads it: header, column roles, first rows, and writes nothing") {
  kiosk::test::TempDir temp;
  const fs::path csv = temp.Path() / "programme.csv";
  WriteFrenchCsv(csv);
  Run inspect = Kioskctl("inspect " + csv.string() + " --db " + temp.Store().string());
  CAPTURE(inspect.out);
  CHECK(inspect.exit_code == 0);
  CHECK(inspect.out.find("file: " + csv.string() + " (csv, delimiter ';')\n") == 0);
  CHECK(inspect.out.find("header: line 2\n") != std::string::npos);
  CHECK(inspect.out.find("  A  Jour          -> date\n") != std::string::npos);
  CHECK(inspect.out.find("  B  Horaire       -> start\n") != std::string::npos);
  CHECK(inspect.out.find("  C  Salle         -> room\n") != std::string::npos);
  CHECK(inspect.out.find("  E  Intitulé      -> title\n") != std::string::npos);
  CHECK(inspect.out.find("  F  Intervenants  -> speakers\n") != std::string::npos);
  CHECK(inspect.out.find("  line 3  2026-07-08  09:30-10:30  Salle Monge  Ouverture\n") != std::string::npos);
  CHECK(inspect.out.find("  line 5  2026-07-09  14:00-15:00  Salon d'Honneur  Clôture\n") != std::string::npos);
  CHECK(inspect.out.find("import would succeed: 3 sessions") != std::string::npos);
  CHECK_FALSE(fs::exists(temp.Store()));
  // --rows bounds the listing; the last line still counts every session.
  Run one = Kioskctl("inspect " + csv.string() + " --rows 1 --db " + temp.Store().string());
  CHECK(one.exit_code == 0);
  CHECK(one.out.find("line 4") == std::string::npos);
  CHECK(one.out.find("import would succeed: 3 sessions") != std::string::npos);
}

TEST_CASE("inspect --write-map writes the best guess, the organizer corrects it, import --map reads the sheet") {
  kiosk::test::TempDir temp;
  const std::string db = " --db " + temp.Store().string();
  const fs::path csv = temp.Path() / "programme.csv";
  WriteFrenchCsv(csv, "Quand");
  const fs::path map = temp.Path() / "map.toml";

  // "Quand" names no role: import refuses, naming the headers and how to name one; nothing is written.
  Run refused = Kioskctl("import " + csv.string() + db);
  CAPTURE(refused.out);
  CHECK(refused.exit_code == 2);
  CHECK(refused.out.find("--column start=") != std::string::npos);
  CHECK(refused.out.find("Quand") != std::string::npos);
  CHECK_FALSE(fs::exists(temp.Store()));

  // inspect says so too (exit 2) but writes its guess for the organizer to correct.
  Run inspect = Kioskctl("inspect " + csv.string() + " --write-map " + map.string() + db);
  CAPTURE(inspect.out);
  CHECK(inspect.exit_code == 2);
  CHECK(inspect.out.find("  B  Quand         -> ignored\n") != std::string::npos);
  CHECK(inspect.out.find("import would fail: ") != std::string::npos);
  CHECK(inspect.out.find("mapping written to " + map.string()) != std::string::npos);
  CHECK_FALSE(fs::exists(temp.Store()));
  std::string toml = ReadText(map);
  CAPTURE(toml);
  CHECK(toml.find("purpose = \"programme\"\n") != std::string::npos);
  CHECK(toml.find("# column B\n\"Quand\" = \"ignored\"\n") != std::string::npos);
  CHECK(toml.find("\"Intitulé\" = \"title\"\n") != std::string::npos);

  // The organizer's correction, then every later version of the sheet imports with --map alone.
  const std::size_t quand = toml.find("\"Quand\" = \"ignored\"");
  REQUIRE(quand != std::string::npos);
  toml.replace(quand, std::string("\"Quand\" = \"ignored\"").size(), "\"Quand\" = \"start\"");
  std::ofstream(map, std::ios::binary) << toml;
  Run inspect_mapped = Kioskctl("inspect " + csv.string() + " --map " + map.string() + db);
  CAPTURE(inspect_mapped.out);
  CHECK(inspect_mapped.exit_code == 0);
  CHECK(inspect_mapped.out.find("  B  Quand         -> start  (from the mapping)\n") != std::string::npos);
  Run import = Kioskctl("import " + csv.string() + " --map " + map.string() + db);
  CAPTURE(import.out);
  CHECK(import.exit_code == 0);
  CHECK(import.out.rfind("revision 1: 3 sessions, 2 rooms", 0) == 0);

  // A bad mapping file is invalid input naming its file and line.
  std::ofstream(map, std::ios::binary) << "purpose = \"programme\"\nheader_row = \"two\"\n";
  Run bad_map = Kioskctl("import " + csv.string() + " --map " + map.string() + db);
  CHECK(bad_map.exit_code == 2);
  CHECK(bad_map.out.find(map.string() + ":2: 'header_row' must be a whole number") != std::string::npos);
}

TEST_CASE("import --column ROLE=HEADER reads a header no dictionary knows, validate too") {
  kiosk::test::TempDir temp;
  const std::string db = " --db " + temp.Store().string();
  const fs::path csv = temp.Path() / "programme.csv";
  WriteFrenchCsv(csv, "Quand");
  CHECK(Kioskctl("validate " + csv.string()).exit_code == 2);
  Run validate = Kioskctl("validate " + csv.string() + " --column start=Quand");
  CAPTURE(validate.out);
  CHECK(validate.exit_code == 0);
  CHECK(validate.out.rfind("valid: 3 sessions, 2 rooms", 0) == 0);
  Run import = Kioskctl("import " + csv.string() + " --column start=Quand" + db);
  CAPTURE(import.out);
  CHECK(import.exit_code == 0);
  CHECK(import.out.rfind("revision 1: 3 sessions, 2 rooms", 0) == 0);

  // Bad table options are invalid input, and nothing is written.
  for (const char* option : {"--column start", "--column =Quand", "--days 2026-07-09,2026-07-08", "--days mercredi",
                             "--default-duration 0", "--default-duration 20min"}) {
    CAPTURE(option);
    Run bad = Kioskctl("import " + csv.string() + " --column start=Quand " + option + db);
    CHECK(bad.exit_code == 2);
    CHECK(bad.out.find(std::string(option).substr(0, std::string(option).find(' '))) != std::string::npos);
  }
  kiosk::ScheduleStore store(temp.Store().string(), kiosk::ScheduleStore::Mode::ReadOnly);
  CHECK(store.Revisions().size() == 1);
}

TEST_CASE("weekday day cells read onto --days, else onto the days of the programme already in the store") {
  kiosk::test::TempDir temp;
  const std::string db = " --db " + temp.Store().string();
  const fs::path csv = temp.Path() / "semaine.csv";
  std::ofstream(csv, std::ios::binary) << "Jour;Horaire;Salle;Intitulé\n"
                                          "mercredi;9h30 - 10h30;Salle Monge;Ouverture\n"
                                          "jeudi;14h - 15h;Salle Monge;Clôture\n";
  Run days = Kioskctl("inspect " + csv.string() + " --days 2026-07-08,2026-07-09" + db);
  CAPTURE(days.out);
  CHECK(days.exit_code == 0);
  CHECK(days.out.find("days: 2026-07-08, 2026-07-09 (from --days)\n") != std::string::npos);
  CHECK(days.out.find("  line 3  2026-07-09  14:00-15:00  Salle Monge  Clôture\n") != std::string::npos);

  // With the RAICT programme (2026-07-08..09) in the store, no --days is needed.
  REQUIRE(Kioskctl("import " + Raict() + db).exit_code == 0);
  Run from_store = Kioskctl("inspect " + csv.string() + db);
  CAPTURE(from_store.out);
  CHECK(from_store.exit_code == 0);
  CHECK(from_store.out.find("(from the programme in " + temp.Store().string() + ")\n") != std::string::npos);
  CHECK(from_store.out.find("  line 2  2026-07-08  09:30-10:30  Salle Monge  Ouverture\n") != std::string::npos);
  Run import = Kioskctl("import " + csv.string() + db);
  CAPTURE(import.out);
  CHECK(import.exit_code == 0);
  CHECK(import.out.rfind("revision 2: 2 sessions, 1 room", 0) == 0);
}

TEST_CASE("inspect of an unreadable sheet or a nested JSON table exits 2 and writes nothing, not even the map") {
  kiosk::test::TempDir temp;
  const std::string db = " --db " + temp.Store().string();
  const fs::path map = temp.Path() / "map.toml";
  const fs::path xlsx = temp.Path() / "programme.xlsx";
  std::ofstream(xlsx, std::ios::binary) << std::string("PK\x03\x04", 4) << std::string(64, '\0') << "not a workbook";
  for (const std::string& command : {"inspect " + xlsx.string() + " --write-map " + map.string(),
                                     "inspect " + xlsx.string() + " --sheet Programme --write-map " + map.string(),
                                     "import " + xlsx.string(), "validate " + xlsx.string()}) {
    CAPTURE(command);
    Run run = Kioskctl(command + db);
    CAPTURE(run.out);
    CHECK(run.exit_code == 2);
    CHECK(run.out.find("kioskctl: error: " + xlsx.string()) != std::string::npos);
  }
  const fs::path json = temp.Path() / "events.json";
  std::ofstream(json, std::ios::binary) << R"([{"title": "Ouverture", "room": {"name": "Salle Monge"}}])";
  Run nested = Kioskctl("inspect " + json.string() + " --write-map " + map.string() + db);
  CAPTURE(nested.out);
  CHECK(nested.exit_code == 2);
  CHECK(nested.out.find(json.string() + ": object 1, key 'room': the value is an object") != std::string::npos);
  CHECK_FALSE(fs::exists(map));
  CHECK_FALSE(fs::exists(temp.Store()));
}
