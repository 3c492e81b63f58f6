// Live changes (issue 3 section 1): applying, merging with a re-import, finding sessions and rooms, announcements,
// the clock check, and the store's revisions for each change, rollback and the schema 1 -> 2 migration.
#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>

#include <SQLiteCpp/SQLiteCpp.h>

#include "TestSupport.h"
#include "kiosk/core/ClockCheck.h"
#include "kiosk/core/LiveChanges.h"
#include "kiosk/core/RoomLookup.h"
#include "kiosk/core/VenueZone.h"
#include "kiosk/importers/Importer.h"
#include "kiosk/store/ScheduleStore.h"

using namespace kiosk;

namespace {

const VenueZone& Paris() {
  static const VenueZone zone("Europe/Paris");
  return zone;
}

Instant At(const char* local) { return ParseIsoInstant(local, Paris()); }

const Programme& Raict() {
  static const Programme programme =
      ImportFile(test::SourcePath("schedules/raict-2026.csv"), {}, std::nullopt).programme;
  return programme;
}

const Session& ByUid(const Programme& programme, const std::string& uid) {
  for (const Session& session : programme.sessions)
    if (session.uid == uid) return session;
  throw std::runtime_error("no session " + uid);
}

LiveChange Change(ChangeKind kind, const std::string& uid, std::int64_t revision = 2) {
  LiveChange change;
  change.kind = kind;
  change.session_uid = uid;
  change.session_start = ByUid(Raict(), uid).start;
  change.revision = revision;
  return change;
}

/// The RAICT CSV with one line changed, for re-imports.
std::filesystem::path EditedRaict(const test::TempDir& temp, const std::string& from, const std::string& to) {
  std::string bytes = test::ReadBytes(test::SourcePath("schedules/raict-2026.csv"));
  const std::size_t at = bytes.find(from);
  REQUIRE(at != std::string::npos);
  bytes.replace(at, from.size(), to);
  const std::filesystem::path path = temp.Path() / "raict-edited.csv";
  std::ofstream(path, std::ios::binary) << bytes;
  return path;
}

CommitResult ImportInto(ScheduleStore& store, const std::filesystem::path& file) {
  ImportResult result = ImportFile(file, {}, std::nullopt);
  return store.CommitImport(result.programme, result.warnings, file.filename().string(), "sha");
}

}  // namespace

TEST_CASE("apply: a delay is the whole delay against the programme, the latest one wins") {
  const Programme shown = ApplyLiveChanges(Raict(), {[] {
                                                       LiveChange c = Change(ChangeKind::Delay, "id:J1-02");
                                                       c.minutes = 15;
                                                       return c;
                                                     }(),
                                                     [] {
                                                       LiveChange c = Change(ChangeKind::Delay, "id:J1-02", 3);
                                                       c.minutes = 5;
                                                       return c;
                                                     }()});
  const Session& plenary = ByUid(shown, "id:J1-02");
  CHECK(plenary.start == At("2026-07-08T09:05"));
  CHECK(plenary.end == At("2026-07-08T10:05"));
  CHECK(plenary.marks.delay_minutes == 5);
  CHECK(plenary.marks.revision == 3);
  CHECK(ByUid(shown, "id:J1-01").marks == SessionMarks{});
  CHECK(shown.sessions.size() == Raict().sessions.size());
}

TEST_CASE("apply: move, cancel, full and open") {
  LiveChange move = Change(ChangeKind::Move, "id:J1-03");
  move.room_key = "salon-laplace";
  move.before = "salon-monge";
  const Programme shown =
      ApplyLiveChanges(Raict(), {move, Change(ChangeKind::Cancel, "id:J1-05"), Change(ChangeKind::Full, "id:J1-02"),
                                 Change(ChangeKind::Full, "id:J1-06"), Change(ChangeKind::Open, "id:J1-06", 4)});
  CHECK(ByUid(shown, "id:J1-03").room_key == "salon-laplace");
  CHECK(ByUid(shown, "id:J1-03").marks.moved_from == "salon-monge");
  CHECK(ByUid(shown, "id:J1-05").status == SessionStatus::Cancelled);
  CHECK(ByUid(shown, "id:J1-05").marks.cancelled);
  CHECK(ByUid(shown, "id:J1-02").marks.full);
  CHECK_FALSE(ByUid(shown, "id:J1-06").marks.full);
  CHECK(ByUid(shown, "id:J1-06").marks.revision == 4);

  LiveChange back = move;
  back.room_key = "salon-monge";
  const Programme returned = ApplyLiveChanges(Raict(), {move, back});
  CHECK(ByUid(returned, "id:J1-03").room_key == "salon-monge");
  CHECK(ByUid(returned, "id:J1-03").marks.moved_from.empty());
}

TEST_CASE("merge: the file keeps what it does not contradict and names what it overrode") {
  LiveChange delay = Change(ChangeKind::Delay, "id:J1-02");
  delay.minutes = 15;
  LiveChange move = Change(ChangeKind::Move, "id:J1-03");
  move.room_key = "salon-laplace";
  move.before = "salon-monge";
  const LiveChange full = Change(ChangeKind::Full, "id:J1-06");
  const std::vector<LiveChange> changes = {delay, move, full};

  SUBCASE("the same file keeps every change") {
    const LiveChangeMerge merge = MergeLiveChanges(Raict(), Raict(), changes, Paris());
    CHECK(merge.kept == changes);
    CHECK(merge.overridden.empty());
  }
  SUBCASE("a file that moves the delayed session and changes the moved one's room overrides both") {
    Programme incoming = Raict();
    for (Session& session : incoming.sessions) {
      if (session.uid == "id:J1-02") session.start = At("2026-07-08T09:30"), session.end = At("2026-07-08T10:30");
      if (session.uid == "id:J1-03") session.room_key = "salle-la-rochefoucauld";
    }
    incoming.Normalize();
    const LiveChangeMerge merge = MergeLiveChanges(Raict(), incoming, changes, Paris());
    REQUIRE(merge.kept.size() == 1);
    CHECK(merge.kept[0] == full);
    REQUIRE(merge.overridden.size() == 2);
    CHECK(merge.overridden[0].find("delay +15 min of 'Plénière d’ouverture") == 0);
    CHECK(merge.overridden[0].find("the file has it at 09:30") != std::string::npos);
    CHECK(merge.overridden[1].find("move to Salon Laplace") == 0);
    CHECK(merge.overridden[1].find("the file puts it in Salle La Rochefoucauld") != std::string::npos);
  }
  SUBCASE("a session the file dropped drops its changes") {
    Programme incoming = Raict();
    std::erase_if(incoming.sessions, [](const Session& s) { return s.uid == "id:J1-06"; });
    const LiveChangeMerge merge = MergeLiveChanges(Raict(), incoming, changes, Paris());
    CHECK(merge.kept.size() == 2);
    REQUIRE(merge.overridden.size() == 1);
    CHECK(merge.overridden[0].find("the file no longer has this session") != std::string::npos);
  }
}

TEST_CASE("find session: guid, id, start of the title with either apostrophe, ambiguity lists candidates") {
  CHECK(FindSession(Raict(), "id:J1-02", Paris()).uid == "id:J1-02");
  CHECK(FindSession(Raict(), "J1-02", Paris()).uid == "id:J1-02");
  CHECK(FindSession(Raict(), "Plénière d'ouverture", Paris()).uid == "id:J1-02");
  CHECK(FindSession(Raict(), "pleniere d’ouv", Paris()).uid == "id:J1-02");
  CHECK(FindSession(Raict(), "id:J1-02@09:00", Paris()).uid == "id:J1-02");
  try {
    FindSession(Raict(), "Plénière", Paris());
    FAIL("an ambiguous title must throw");
  } catch (const LookupError& error) {
    const std::string message = error.what();
    CHECK(message.find("'Plénière' names 2 sessions") == 0);
    CHECK(message.find("id:J1-02  2026-07-08 09:00  Grand Salon  Plénière d’ouverture") != std::string::npos);
    CHECK(message.find("id:J2-21  2026-07-09 16:00  Grand Salon  Plénière de clôture") != std::string::npos);
  }
  CHECK_THROWS_WITH_AS(FindSession(Raict(), "Nothing like this", Paris()),
                       doctest::Contains("no session is named 'Nothing like this'"), LookupError);
  CHECK_THROWS_AS(FindSession(Raict(), "P", Paris()), LookupError);
}

TEST_CASE("find room: key, name in any case, a word of the name, else the list of rooms") {
  CHECK(FindRoom(Raict(), "salon-monge").name == "Salon Monge");
  CHECK(FindRoom(Raict(), "SALON MONGE").key == "salon-monge");
  CHECK(FindRoom(Raict(), "monge").key == "salon-monge");
  CHECK(FindRoom(Raict(), "rochefou").name == "Salle La Rochefoucauld");
  CHECK_THROWS_WITH_AS(FindRoom(Raict(), "salon"), doctest::Contains("names several rooms"), LookupError);
  CHECK_THROWS_WITH_AS(FindRoom(Raict(), "Amphithéâtre"), doctest::Contains("\n  Salon Berthollet"), LookupError);
}

TEST_CASE("announcements: expired ones hide, room ones show on their door only, emergency everywhere and first") {
  Announcement info{1,
                    2,
                    "Déjeuner servi",
                    "Lunch is served",
                    AnnouncementPriority::Info,
                    At("2026-07-08T14:00"),
                    {},
                    At("2026-07-08T12:00")};
  Announcement room{
      2, 3, "Salle comble", "", AnnouncementPriority::Urgent, std::nullopt, {"salon-monge"}, At("2026-07-08T12:05")};
  Announcement emergency{
      3, 4, "Évacuez", "Evacuate", AnnouncementPriority::Emergency, std::nullopt, {}, At("2026-07-08T12:10")};
  const std::vector<Announcement> all = {info, room, emergency};
  const std::string monge = "salon-monge", laplace = "salon-laplace";

  std::vector<const Announcement*> lobby = ActiveAnnouncements(all, At("2026-07-08T13:00"), nullptr);
  REQUIRE(lobby.size() == 2);
  CHECK(lobby[0]->id == 3);
  CHECK(lobby[1]->id == 1);
  std::vector<const Announcement*> door = ActiveAnnouncements(all, At("2026-07-08T13:00"), &monge);
  REQUIRE(door.size() == 3);
  CHECK(door[0]->id == 3);
  CHECK(door[1]->id == 2);
  CHECK(ActiveAnnouncements(all, At("2026-07-08T13:00"), &laplace).size() == 2);
  std::vector<const Announcement*> later = ActiveAnnouncements(all, At("2026-07-08T14:00"), nullptr);
  REQUIRE(later.size() == 1);
  CHECK(later[0]->id == 3);
}

TEST_CASE("clock check: a year before the event or before the revision is wrong, else plausible") {
  const Instant made = At("2026-07-08T08:00");
  CHECK(CheckClock(Raict(), made, At("2026-07-08T10:00")) == ClockCheck::Plausible);
  CHECK(CheckClock(Raict(), made, At("2026-07-08T07:58")) == ClockCheck::Plausible);  // within the tolerance
  CHECK(CheckClock(Raict(), made, At("2026-07-08T06:00")) == ClockCheck::BeforeRevision);
  CHECK(CheckClock(Raict(), Instant{}, At("1970-01-02T00:00")) == ClockCheck::BeforeEvent);
  CHECK(CheckClock(Raict(), Instant{}, At("2025-06-01T00:00")) == ClockCheck::BeforeEvent);
  CHECK(CheckClock(Raict(), Instant{}, At("2025-08-01T00:00")) == ClockCheck::Plausible);
}

TEST_CASE("store: each live change is one revision that the screens load with its marks") {
  test::TempDir temp;
  ScheduleStore store(temp.Store());
  CHECK(ImportInto(store, test::SourcePath("schedules/raict-2026.csv")).revision == 1);

  CommitResult delay = store.CommitChange({ChangeKind::Delay, "Plénière d'ouverture", 15, ""});
  CHECK(delay.revision == 2);
  CHECK(delay.changed);
  CHECK(delay.summary.find("+15 min: now 09:15-10:15") != std::string::npos);
  REQUIRE(delay.notes.size() == 1);
  CHECK(delay.notes[0].find("now overlaps 'Réunion régionale Afrique de l’Ouest") == 0);
  CHECK(store.CommitChange({ChangeKind::Move, "id:J1-03", 0, "laplace"}).revision == 3);
  CHECK(store.CommitChange({ChangeKind::Cancel, "J1-05", 0, ""}).revision == 4);
  CHECK(store.CommitChange({ChangeKind::Full, "J1-06", 0, ""}).revision == 5);

  ScheduleStore reader(temp.Store(), ScheduleStore::Mode::ReadOnly);
  std::optional<LoadedProgramme> loaded = reader.Load();
  REQUIRE(loaded);
  CHECK(loaded->revision.number == 5);
  CHECK(loaded->revision.kind == "full");
  const Session& plenary = ByUid(loaded->programme, "id:J1-02");
  CHECK(plenary.start == At("2026-07-08T09:15"));
  CHECK(plenary.marks.delay_minutes == 15);
  CHECK(plenary.marks.revision == 2);
  CHECK(ByUid(loaded->programme, "id:J1-03").room_key == "salon-laplace");
  CHECK(ByUid(loaded->programme, "id:J1-03").marks.moved_from == "salon-monge");
  CHECK(ByUid(loaded->programme, "id:J1-05").marks.cancelled);
  CHECK(ByUid(loaded->programme, "id:J1-06").marks.full);
  CHECK(store.LiveChanges().size() == 4);
  CHECK(store.Revisions().size() == 5);
}

TEST_CASE("store: a change that changes nothing, or names nothing, writes nothing") {
  test::TempDir temp;
  ScheduleStore store(temp.Store());
  CHECK_THROWS_WITH_AS(store.CommitChange({ChangeKind::Full, "J1-06", 0, ""}), doctest::Contains("no programme"),
                       std::invalid_argument);
  ImportInto(store, test::SourcePath("schedules/raict-2026.csv"));
  store.CommitChange({ChangeKind::Cancel, "J1-05", 0, ""});
  const CommitResult again = store.CommitChange({ChangeKind::Cancel, "J1-05", 0, ""});
  CHECK_FALSE(again.changed);
  CHECK(again.revision == 2);
  CHECK(again.summary.find("is already cancelled") != std::string::npos);
  CHECK_FALSE(store.CommitChange({ChangeKind::Open, "J1-06", 0, ""}).changed);
  CHECK_FALSE(store.CommitChange({ChangeKind::Move, "J1-03", 0, "Salon Monge"}).changed);
  CHECK_THROWS_AS(store.CommitChange({ChangeKind::Delay, "Plénière", 10, ""}), LookupError);
  CHECK_THROWS_AS(store.CommitChange({ChangeKind::Move, "J1-04", 0, "Amphithéâtre"}), LookupError);
  CHECK(store.CommitChange({ChangeKind::Delay, "J1-04", 0, ""}).summary.find("is not delayed") != std::string::npos);
  CHECK_THROWS_AS(store.CommitChange({ChangeKind::Delay, "J1-04", 721, ""}), std::invalid_argument);
  CHECK(store.Revisions().size() == 2);
}

TEST_CASE("store: a delayed session is named by its new time, a new delay replaces it, 0 clears it") {
  test::TempDir temp;
  ScheduleStore store(temp.Store());
  ImportInto(store, test::SourcePath("schedules/raict-2026.csv"));
  store.CommitChange({ChangeKind::Delay, "id:J1-02@09:00", 15, ""});
  CHECK_FALSE(store.CommitChange({ChangeKind::Delay, "id:J1-02", 15, ""}).changed);  // typed twice: still 15
  store.CommitChange({ChangeKind::Delay, "id:J1-02@09:15", 10, ""});
  const Session plenary = ByUid(store.Load()->programme, "id:J1-02");
  CHECK(plenary.start == At("2026-07-08T09:10"));
  CHECK(plenary.marks.delay_minutes == 10);
  const CommitResult cleared = store.CommitChange({ChangeKind::Delay, "id:J1-02", 0, ""});
  CHECK(cleared.summary.find("delay cleared for 'Plénière d’ouverture") == 0);
  CHECK(ByUid(store.Load()->programme, "id:J1-02").start == At("2026-07-08T09:00"));
  CHECK(store.LiveChanges().empty());
  CHECK(store.Revisions().size() == 4);
}

TEST_CASE("store: a re-import keeps the live changes the file does not contradict and reports the others") {
  test::TempDir temp;
  ScheduleStore store(temp.Store());
  ImportInto(store, test::SourcePath("schedules/raict-2026.csv"));
  store.CommitChange({ChangeKind::Delay, "J1-02", 15, ""});
  store.CommitChange({ChangeKind::Full, "J1-06", 0, ""});

  // The organizer's file, re-imported unchanged: nothing to write, the changes stay.
  const CommitResult same = ImportInto(store, test::SourcePath("schedules/raict-2026.csv"));
  CHECK_FALSE(same.changed);
  CHECK(store.LiveChanges().size() == 2);

  // The organizer moved the plenary to 09:30 in the file: the file wins over the live delay, the full mark stays.
  const std::string original = test::ReadBytes(test::SourcePath("schedules/raict-2026.csv"));
  REQUIRE(original.find("J1-02,2026-07-08,09:00,10:00") != std::string::npos);
  const CommitResult edited =
      ImportInto(store, EditedRaict(temp, "J1-02,2026-07-08,09:00,10:00", "J1-02,2026-07-08,09:30,10:30"));
  CHECK(edited.changed);
  CHECK(edited.revision == 4);
  REQUIRE(edited.overridden.size() == 1);
  CHECK(edited.overridden[0].find("delay +15 min of 'Plénière d’ouverture") == 0);
  CHECK(edited.overridden[0].find("the file has it at 09:30") != std::string::npos);
  const LoadedProgramme loaded = *store.Load();
  CHECK(ByUid(loaded.programme, "id:J1-02").start == At("2026-07-08T09:30"));
  CHECK(ByUid(loaded.programme, "id:J1-02").marks.delay_minutes == 0);
  CHECK(ByUid(loaded.programme, "id:J1-06").marks.full);
  REQUIRE(store.LiveChanges().size() == 1);
  CHECK(store.LiveChanges()[0].kind == ChangeKind::Full);
  CHECK(std::any_of(loaded.revision.warnings.begin(), loaded.revision.warnings.end(),
                    [](const std::string& w) { return w.find("overrode live change: delay +15 min") == 0; }));
}

TEST_CASE("store: rollback restores an earlier revision's programme as a new revision, announcements stay") {
  test::TempDir temp;
  ScheduleStore store(temp.Store());
  ImportInto(store, test::SourcePath("schedules/raict-2026.csv"));
  store.CommitChange({ChangeKind::Delay, "J1-02", 15, ""});  // 2
  store.CommitChange({ChangeKind::Cancel, "J1-05", 0, ""});  // 3
  Announcement notice;
  notice.text = "Évacuez le bâtiment";
  notice.priority = AnnouncementPriority::Emergency;
  store.Announce(notice);  // 4

  const CommitResult rollback = store.Rollback(2);
  CHECK(rollback.changed);
  CHECK(rollback.revision == 5);
  CHECK(rollback.summary == "rollback to revision 2");
  const LoadedProgramme loaded = *store.Load();
  CHECK(ByUid(loaded.programme, "id:J1-02").marks.delay_minutes == 15);
  CHECK(ByUid(loaded.programme, "id:J1-05").status == SessionStatus::Confirmed);
  CHECK(loaded.revision.kind == "rollback");
  REQUIRE(loaded.announcements.size() == 1);
  CHECK(loaded.announcements[0].text == "Évacuez le bâtiment");

  const CommitResult to_import = store.Rollback(1);
  CHECK(to_import.revision == 6);
  CHECK(store.Load()->programme == Raict());
  CHECK_FALSE(store.Rollback(6).changed);
  CHECK_THROWS_WITH_AS(store.Rollback(42), doctest::Contains("no revision 42"), LookupError);
}

TEST_CASE("store: announcements get ids never reused, clear takes them off, bad ones write nothing") {
  test::TempDir temp;
  ScheduleStore store(temp.Store());
  ImportInto(store, test::SourcePath("schedules/raict-2026.csv"));
  Announcement info;
  info.text = "Le déjeuner est servi";
  info.text_en = "Lunch is served";
  info.room_keys = {"restaurant", "Grand Salon"};
  const CommitResult first = store.Announce(info);
  CHECK(first.announcement_id == 1);
  CHECK(first.revision == 2);
  std::vector<Announcement> listed = store.Announcements();
  REQUIRE(listed.size() == 1);
  CHECK(listed[0].room_keys == std::vector<std::string>{"restaurant-les-arts", "grand-salon"});
  CHECK(listed[0].text_en == "Lunch is served");
  CHECK(store.ClearAnnouncement(1).revision == 3);
  CHECK(store.Announcements().empty());
  CHECK_THROWS_AS(store.ClearAnnouncement(1), LookupError);
  info.room_keys.clear();
  CHECK(store.Announce(info).announcement_id == 2);

  Announcement bad;
  CHECK_THROWS_AS(store.Announce(bad), std::invalid_argument);  // no text
  bad.text = std::string(499, 'a') + "é";                       // 500 characters, 501 bytes: fine
  CHECK(store.Announce(bad).changed);
  bad.text += "!";
  CHECK_THROWS_WITH_AS(store.Announce(bad), doctest::Contains("at most 500 characters"), std::invalid_argument);
  bad.text = "Fermeture";
  bad.text_en = std::string(501, 'x');
  CHECK_THROWS_AS(store.Announce(bad), std::invalid_argument);
  bad.text_en.clear();
  bad.text = "Évacuez";
  bad.priority = AnnouncementPriority::Emergency;
  bad.room_keys = {"Salon Monge"};
  CHECK_THROWS_AS(store.Announce(bad), std::invalid_argument);
  bad.room_keys.clear();
  bad.until = At("2020-01-01T00:00");
  CHECK_THROWS_AS(store.Announce(bad), std::invalid_argument);
  bad.priority = AnnouncementPriority::Info;
  CHECK_THROWS_WITH_AS(store.Announce(bad), doctest::Contains("in the past"), std::invalid_argument);
  CHECK(store.Revisions().size() == 5);
}

TEST_CASE("store: a schema 1 store is migrated and its programme can take live changes") {
  test::TempDir temp;
  {
    // The on-disk form schema 1 wrote (kiosk before issue 3), with one imported revision.
    SQLite::Database db(temp.Store().string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db.exec(test::kScheduleSchemaV1);
    db.exec(R"sql(
      INSERT INTO meta VALUES('title', 'Old store'), ('time_zone', 'Europe/Paris');
      INSERT INTO revisions VALUES(1, 1780000000, 'old.csv', 'abc', 1, 1, '');
      INSERT INTO rooms VALUES(1, 'salon-monge', 'Salon Monge', 0, 1);
      INSERT INTO sessions VALUES(1, 'id:A', 1783497600, 1783501200, 'A', 1, '2026-07-08', 'Atelier eau', '',
        'atelier', '', 'fr', '', 'confirmed', 1);
      PRAGMA user_version = 1;
    )sql");
  }
  {
    ScheduleStore reader(temp.Store(), ScheduleStore::Mode::ReadOnly);  // a kiosk not yet upgraded reads it as is
    CHECK(reader.Load()->programme.sessions.size() == 1);
  }
  ScheduleStore store(temp.Store());
  CHECK(store.CommitChange({ChangeKind::Delay, "Atelier", 10, ""}).revision == 2);
  const LoadedProgramme loaded = *store.Load();
  CHECK(loaded.programme.conference.title == "Old store");
  CHECK(loaded.programme.sessions[0].marks.delay_minutes == 10);
  CHECK(loaded.programme.sessions[0].start == Instant{std::chrono::seconds{1783497600 + 600}});
  CHECK(store.Rollback(1).revision == 3);
  CHECK(store.Load()->programme.sessions[0].marks.delay_minutes == 0);
  SQLite::Database check(temp.Store().string());
  CHECK(check.execAndGet("PRAGMA user_version").getInt() == ScheduleStore::kSchemaVersion);
}

TEST_CASE("merge: a session the file re-timed keeps its cancel, move and full marks at the new time") {
  LiveChange move = Change(ChangeKind::Move, "id:J1-03");
  move.room_key = "salon-laplace";
  move.before = "salon-monge";
  const std::vector<LiveChange> changes = {move, Change(ChangeKind::Cancel, "id:J1-04"),
                                           Change(ChangeKind::Full, "id:J1-05")};
  Programme incoming = Raict();
  for (Session& session : incoming.sessions) {
    if (session.uid == "id:J1-03" || session.uid == "id:J1-04" || session.uid == "id:J1-05")
      session.start += std::chrono::minutes{15}, session.end += std::chrono::minutes{15};
  }
  incoming.Normalize();
  const LiveChangeMerge merge = MergeLiveChanges(Raict(), incoming, changes, Paris());
  CHECK(merge.overridden.empty());
  REQUIRE(merge.kept.size() == 3);
  for (const LiveChange& kept : merge.kept) CHECK(kept.session_start == At("2026-07-08T10:15"));
  const Programme shown = ApplyLiveChanges(incoming, merge.kept);
  CHECK(ByUid(shown, "id:J1-03").room_key == "salon-laplace");
  CHECK(ByUid(shown, "id:J1-04").status == SessionStatus::Cancelled);
  CHECK(ByUid(shown, "id:J1-05").marks.full);
}

TEST_CASE("merge: a sheet without ids re-times a session under a new uid, and its marks follow it by title") {
  // Issue 13 (a newcomer's run): the uid of a row without an id is derived from its day, start, room and title, so
  // the next version of the sheet with a session at 14:00 instead of 11:30 names it anew; its "full" mark was lost
  // as "the file no longer has this session".
  Programme previous = Raict();
  for (Session& session : previous.sessions)
    if (session.uid == "id:J1-05") session.uid = "csv:old-slot";
  previous.Normalize();
  LiveChange full = Change(ChangeKind::Full, "id:J1-05");
  full.session_uid = "csv:old-slot";
  LiveChange cancel = full;
  cancel.kind = ChangeKind::Cancel;
  Programme incoming = previous;
  for (Session& session : incoming.sessions) {
    if (session.uid != "csv:old-slot") continue;
    session.uid = "csv:new-slot";
    session.start += std::chrono::hours{3}, session.end += std::chrono::hours{3};
  }
  incoming.Normalize();
  const LiveChangeMerge merge = MergeLiveChanges(previous, incoming, {full, cancel}, Paris());
  CHECK(merge.overridden.empty());
  REQUIRE(merge.kept.size() == 2);
  CHECK(merge.kept.front().session_uid == "csv:new-slot");
  CHECK(merge.kept.front().session_start == ByUid(incoming, "csv:new-slot").start);
  const Programme shown = ApplyLiveChanges(incoming, merge.kept);
  CHECK(ByUid(shown, "csv:new-slot").marks.full);
  CHECK(ByUid(shown, "csv:new-slot").status == SessionStatus::Cancelled);

  // Two new sessions of that title: which one is not known, the change is reported as overridden.
  Programme twice = incoming;
  Session copy = ByUid(incoming, "csv:new-slot");
  copy.uid = "csv:other-slot";
  copy.start += std::chrono::hours{1}, copy.end += std::chrono::hours{1};
  twice.sessions.push_back(copy);
  twice.Normalize();
  const LiveChangeMerge unclear = MergeLiveChanges(previous, twice, {full}, Paris());
  CHECK(unclear.kept.empty());
  REQUIRE(unclear.overridden.size() == 1);
  CHECK(unclear.overridden.front().find("the file no longer has this session") != std::string::npos);
}

TEST_CASE("merge: a change the file now makes itself is absorbed, not reported as overridden") {
  LiveChange delay = Change(ChangeKind::Delay, "id:J1-02");
  delay.minutes = 15;
  LiveChange move = Change(ChangeKind::Move, "id:J1-03");
  move.room_key = "salon-laplace";
  move.before = "salon-monge";
  Programme incoming = Raict();
  for (Session& session : incoming.sessions) {
    if (session.uid == "id:J1-02") session.start += std::chrono::minutes{15}, session.end += std::chrono::minutes{15};
    if (session.uid == "id:J1-03") session.room_key = "salon-laplace";
    if (session.uid == "id:J1-04") session.status = SessionStatus::Cancelled;
  }
  incoming.Normalize();
  const LiveChangeMerge merge =
      MergeLiveChanges(Raict(), incoming, {delay, move, Change(ChangeKind::Cancel, "id:J1-04")}, Paris());
  CHECK(merge.kept.empty());
  CHECK(merge.overridden.empty());
  REQUIRE(merge.absorbed.size() == 3);
  CHECK(merge.absorbed[0].find("the file has it at 09:15") != std::string::npos);
  CHECK(merge.absorbed[1].find("the file has it there") != std::string::npos);
  CHECK(merge.absorbed[2].find("the file cancels it too") != std::string::npos);
}

TEST_CASE("store: a delay never lands on another occurrence of the same session") {
  test::TempDir temp;
  ScheduleStore store(temp.Store());
  Programme programme = Raict();
  Session repeat = ByUid(programme, "id:J1-03");
  repeat.start += std::chrono::minutes{30};
  repeat.end += std::chrono::minutes{30};
  programme.sessions.push_back(repeat);  // id:J1-03 at 10:00 and 10:30
  programme.Normalize();
  store.CommitImport(programme, {}, "repeat.csv", "sha");
  CHECK_THROWS_WITH_AS(store.CommitChange({ChangeKind::Delay, "id:J1-03@10:00", 30, ""}),
                       doctest::Contains("would start with its own repeat at 10:30"), std::invalid_argument);
  CHECK(store.CommitChange({ChangeKind::Delay, "id:J1-03@10:00", 20, ""}).changed);
  const Programme shown = store.Load()->programme;
  CHECK(std::count_if(shown.sessions.begin(), shown.sessions.end(),
                      [](const Session& s) { return s.uid == "id:J1-03"; }) == 2);
  CHECK(store.CommitChange({ChangeKind::Full, "id:J1-03@10:30", 0, ""}).changed);
  CHECK(store.Revisions().size() == 3);
}

TEST_CASE("store: live changes write only to an existing store") {
  test::TempDir temp;
  CHECK_THROWS_AS(ScheduleStore(temp.Path() / "typo" / "schedule.db", ScheduleStore::Mode::Update), StoreError);
  CHECK_FALSE(std::filesystem::exists(temp.Path() / "typo"));
}
