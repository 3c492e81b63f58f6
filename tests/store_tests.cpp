// Store: round trip, identity rules (stable row ids), re-import changes nothing, revisions, errors, data_version.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>

#include <unistd.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include "TestSupport.h"
#include "kiosk/core/VenueZone.h"
#include "kiosk/store/ScheduleStore.h"

using namespace kiosk;

namespace {

Programme SampleProgramme() {
  VenueZone paris("Europe/Paris");
  Programme programme;
  programme.conference.title = "17es Rencontres de l’action internationale des collectivités territoriales";
  programme.conference.acronym = "RAICT 2026";
  programme.conference.time_zone = "Europe/Paris";
  programme.conference.first_day = ParseDay("2026-07-08");
  programme.conference.last_day = ParseDay("2026-07-09");
  programme.rooms = {{"salon-monge", "Salon Monge"}, {"salon-berthollet", "Salon Berthollet"}};
  Session a;
  a.uid = "id:J1-01";
  a.source_id = "J1-01";
  a.room_key = "salon-monge";
  a.day = ParseDay("2026-07-08");
  a.start = ParseIsoInstant("2026-07-08T10:00", paris);
  a.end = ParseIsoInstant("2026-07-08T11:30", paris);
  a.title = "Eau : la coopération décentralisée face au « nouvel ordre mondial »";
  a.title_en = "Water and decentralised cooperation";
  a.kind = "atelier";
  a.track = "Eau";
  a.language = "fr/en";
  a.speakers = {{"Claire Vasseur", "Adjointe au maire"}, {"Nguyễn Thị Lan", ""}};
  Session b = a;
  b.uid = "id:J1-02";
  b.source_id = "J1-02";
  b.room_key = "salon-berthollet";
  b.title = "Café des Rencontres";
  b.title_en = "";
  b.speakers = {};
  b.status = SessionStatus::Cancelled;
  programme.sessions = {a, b};
  programme.Normalize();
  return programme;
}

}  // namespace

TEST_CASE("a programme round-trips through the store unchanged") {
  kiosk::test::TempDir temp;
  Programme programme = SampleProgramme();
  {
    ScheduleStore store(temp.Store());
    CommitResult result = store.CommitImport(programme, {{"p.csv:3", "a warning"}}, "p.csv", "abc");
    CHECK(result.revision == 1);
    CHECK(result.changed);
  }
  ScheduleStore reader(temp.Store(), ScheduleStore::Mode::ReadOnly);
  std::optional<LoadedProgramme> loaded = reader.Load();
  REQUIRE(loaded.has_value());
  CHECK(loaded->programme == programme);
  CHECK(loaded->programme.sessions[0].speakers[1].name == "Nguyễn Thị Lan");
  CHECK(loaded->revision.number == 1);
  CHECK(loaded->revision.source_name == "p.csv");
  CHECK(loaded->revision.sessions == 2);
  CHECK(loaded->revision.rooms == 2);
  REQUIRE(loaded->revision.warnings.size() == 1);
  CHECK(loaded->revision.warnings[0] == "p.csv:3: a warning");
}

TEST_CASE("re-importing the same programme writes no revision and keeps row ids") {
  kiosk::test::TempDir temp;
  ScheduleStore store(temp.Store());
  Programme programme = SampleProgramme();
  store.CommitImport(programme, {}, "p.csv", "abc");
  auto ids = store.SessionRowIds();
  CommitResult again = store.CommitImport(programme, {}, "p.csv", "abc");
  CHECK(again.revision == 1);
  CHECK_FALSE(again.changed);
  CHECK(store.Revisions().size() == 1);
  CHECK(store.SessionRowIds() == ids);
}

TEST_CASE("identity: a changed title keeps the row id, a session dropped by the file is removed") {
  kiosk::test::TempDir temp;
  ScheduleStore store(temp.Store());
  Programme programme = SampleProgramme();
  store.CommitImport(programme, {}, "p.csv", "1");
  auto before = store.SessionRowIds();
  REQUIRE(before.size() == 2);
  programme.sessions[0].title = "Titre corrigé";
  programme.sessions.pop_back();
  CommitResult result = store.CommitImport(programme, {}, "p.csv", "2");
  CHECK(result.revision == 2);
  CHECK(result.changed);
  auto after = store.SessionRowIds();
  REQUIRE(after.size() == 1);
  CHECK(after[0].first ==
        programme.sessions[0].uid + "@" + std::to_string(programme.sessions[0].start.time_since_epoch().count()));
  auto same = std::find(before.begin(), before.end(), after[0]);
  CHECK(same != before.end());
  CHECK(store.Load()->programme.sessions[0].title == "Titre corrigé");
  // The room that lost its only session is still a room of the programme (rooms are listed, not derived).
  CHECK(store.Load()->programme.rooms.size() == 2);
}

TEST_CASE("identity: the same guid at another start is a repeat, kept as its own occurrence") {
  kiosk::test::TempDir temp;
  ScheduleStore store(temp.Store());
  Programme programme = SampleProgramme();
  Session repeat = programme.sessions[0];
  repeat.start += std::chrono::hours{24};
  repeat.end += std::chrono::hours{24};
  repeat.day = ParseDay("2026-07-09");
  programme.sessions.push_back(repeat);
  programme.Normalize();
  store.CommitImport(programme, {}, "p.csv", "1");
  CHECK(store.Load()->programme.sessions.size() == 3);
  CHECK(store.SessionRowIds().size() == 3);
}

TEST_CASE("revisions are numbered and logged oldest first") {
  kiosk::test::TempDir temp;
  ScheduleStore store(temp.Store());
  Programme programme = SampleProgramme();
  store.CommitImport(programme, {}, "first.csv", "aa");
  programme.sessions[0].title_en = "Changed";
  store.CommitImport(programme, {{"w", "x"}}, "second.csv", "bb");
  auto revisions = store.Revisions();
  REQUIRE(revisions.size() == 2);
  CHECK(revisions[0].number == 1);
  CHECK(revisions[0].source_name == "first.csv");
  CHECK(revisions[1].number == 2);
  CHECK(revisions[1].source_sha256 == "bb");
  CHECK(revisions[1].warnings == std::vector<std::string>{"w: x"});
  CHECK(store.Load()->revision.number == 2);
}

TEST_CASE("errors: a missing store, a newer schema and a file that is not a database") {
  kiosk::test::TempDir temp;
  try {
    ScheduleStore store(temp.Store(), ScheduleStore::Mode::ReadOnly);
    FAIL("expected StoreError");
  } catch (const StoreError& error) {
    CHECK(error.GetKind() == StoreError::Kind::Missing);
  }
  {
    ScheduleStore store(temp.Store());
    CHECK_FALSE(store.Load().has_value());  // empty store: no revision yet
    SQLite::Database raw(temp.Store().string(), SQLite::OPEN_READWRITE);
    raw.exec("PRAGMA user_version=99");
  }
  try {
    ScheduleStore store(temp.Store(), ScheduleStore::Mode::ReadOnly);
    FAIL("expected StoreError");
  } catch (const StoreError& error) {
    CHECK(error.GetKind() == StoreError::Kind::NewerSchema);
    CHECK(std::string(error.what()).find("99") != std::string::npos);
  }
  std::filesystem::path junk = temp.Path() / "junk.db";
  {
    std::ofstream out(junk);
    out << "this is not an SQLite database, it is a spreadsheet someone renamed";
  }
  try {
    ScheduleStore store(junk, ScheduleStore::Mode::ReadOnly);
    store.Load();
    FAIL("expected StoreError");
  } catch (const StoreError& error) {
    CHECK(error.GetKind() == StoreError::Kind::Corrupt);
  }
}

TEST_CASE("data_version changes for a reader when another connection commits") {
  kiosk::test::TempDir temp;
  ScheduleStore writer(temp.Store());
  Programme programme = SampleProgramme();
  writer.CommitImport(programme, {}, "p.csv", "1");
  ScheduleStore reader(temp.Store(), ScheduleStore::Mode::ReadOnly);
  std::int64_t version = reader.DataVersion();
  CHECK(reader.DataVersion() == version);
  programme.sessions[0].title = "Nouveau titre";
  writer.CommitImport(programme, {}, "p.csv", "2");
  CHECK(reader.DataVersion() != version);
  CHECK(reader.Load()->programme.sessions[0].title == "Nouveau titre");
}

TEST_CASE("the default store path honours KIOSK_DB, then XDG_DATA_HOME") {
  // Save and restore what the test changes, so other cases in this process see the environment they started with.
  auto saved = [](const char* name) -> std::optional<std::string> {
    const char* value = std::getenv(name);
    return value ? std::optional<std::string>(value) : std::nullopt;
  };
  auto restore = [](const char* name, const std::optional<std::string>& value) {
    if (value)
      ::setenv(name, value->c_str(), 1);
    else
      ::unsetenv(name);
  };
  const auto kiosk_db = saved("KIOSK_DB"), xdg = saved("XDG_DATA_HOME");
  ::setenv("KIOSK_DB", "/tmp/elsewhere/k.db", 1);
  CHECK(DefaultStorePath() == std::filesystem::path("/tmp/elsewhere/k.db"));
  ::unsetenv("KIOSK_DB");
  ::setenv("XDG_DATA_HOME", "/tmp/xdg", 1);
  CHECK(DefaultStorePath() == std::filesystem::path("/tmp/xdg/kiosk/schedule.db"));
  restore("KIOSK_DB", kiosk_db);
  restore("XDG_DATA_HOME", xdg);
}

TEST_CASE("sha256 of the source bytes") {
  CHECK(Sha256Hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(Sha256Hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_CASE("identity: a delayed session (same uid, new start) keeps its row id") {
  kiosk::test::TempDir temp;
  ScheduleStore store(temp.Store());
  Programme programme = SampleProgramme();
  store.CommitImport(programme, {}, "p.csv", "1");
  auto before = store.SessionRowIds();
  REQUIRE(before.size() == 2);
  const std::string uid = programme.sessions[0].uid;
  programme.sessions[0].start += std::chrono::minutes{30};
  programme.sessions[0].end += std::chrono::minutes{30};
  programme.Normalize();
  CHECK(store.CommitImport(programme, {}, "p.csv", "2").changed);
  auto after = store.SessionRowIds();
  REQUIRE(after.size() == 2);
  std::int64_t id_before = 0, id_after = 0;
  for (const auto& [key, id] : before)
    if (key.rfind(uid + "@", 0) == 0) id_before = id;
  for (const auto& [key, id] : after)
    if (key.rfind(uid + "@", 0) == 0) id_after = id;
  CHECK(id_before != 0);
  CHECK(id_after == id_before);
  std::optional<LoadedProgramme> loaded = store.Load();
  CHECK(loaded->programme == programme);
}

TEST_CASE("interpretation: kept by the store, its revisions and a rollback, and a change of it alone is a revision") {
  kiosk::test::TempDir temp;
  ScheduleStore store(temp.Store());
  Programme programme = SampleProgramme();
  programme.sessions[0].interpretation = {{"FR", "EN"}, "2"};
  CHECK(store.CommitImport(programme, {}, "p.xml", "1").revision == 1);
  CHECK(store.Load()->programme == programme);
  CHECK(store.Load()->programme.sessions[0].interpretation == Interpretation{{"FR", "EN"}, "2"});
  CHECK_FALSE(store.Load()->programme.sessions[1].interpretation.Any());

  // A live change rewrites the sessions' rows; the rollback restores them from the revision's imported programme.
  auto interpretation_of = [&store](const std::string& uid) {
    const LoadedProgramme loaded = *store.Load();
    for (const Session& session : loaded.programme.sessions)
      if (session.uid == uid) return session.interpretation;
    FAIL("no session " << uid);
    return Interpretation{};
  };
  CHECK(store.CommitChange({ChangeKind::Delay, "id:J1-01", 10, ""}).revision == 2);
  CHECK(interpretation_of("id:J1-01") == Interpretation{{"FR", "EN"}, "2"});
  CHECK_FALSE(interpretation_of("id:J1-02").Any());
  CHECK(store.Rollback(1).revision == 3);
  CHECK(interpretation_of("id:J1-01") == Interpretation{{"FR", "EN"}, "2"});

  Programme changed = programme;
  changed.sessions[0].interpretation = {{"EN", "ES", "AR"}, ""};
  CHECK(store.CommitImport(changed, {}, "p.xml", "2").changed);
  CHECK(store.Load()->programme.sessions[0].interpretation == Interpretation{{"EN", "ES", "AR"}, ""});
  CHECK_FALSE(store.CommitImport(changed, {}, "p.xml", "2").changed);
}

TEST_CASE("interpretation: a schema 2 store (before it) is read as none and migrated when opened for writing") {
  kiosk::test::TempDir temp;
  {
    ScheduleStore store(temp.Store());
    store.CommitImport(SampleProgramme(), {}, "p.csv", "1");
  }
  {
    // What the previous version wrote: schema 2, without the interpretation columns.
    SQLite::Database raw(temp.Store().string(), SQLite::OPEN_READWRITE);
    raw.exec("ALTER TABLE sessions DROP COLUMN interpretation_languages");
    raw.exec("ALTER TABLE sessions DROP COLUMN interpretation_channel");
    raw.exec("PRAGMA user_version=2");
  }
  {
    ScheduleStore reader(temp.Store(), ScheduleStore::Mode::ReadOnly);  // a screen not yet upgraded reads it as is
    const LoadedProgramme loaded = *reader.Load();
    CHECK(loaded.programme == SampleProgramme());
    CHECK_FALSE(loaded.programme.sessions[0].interpretation.Any());
  }
  ScheduleStore store(temp.Store());
  CHECK_FALSE(store.CommitImport(SampleProgramme(), {}, "p.csv", "1").changed);  // same programme, same base
  Programme programme = SampleProgramme();
  programme.sessions[1].interpretation = {{"EN"}, "3"};
  CHECK(store.CommitImport(programme, {}, "p.csv", "2").revision == 2);
  CHECK(store.Load()->programme.sessions[1].interpretation == Interpretation{{"EN"}, "3"});
  SQLite::Database check(temp.Store().string());
  CHECK(check.execAndGet("PRAGMA user_version").getInt() == 3);
}
