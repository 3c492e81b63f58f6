// Core: the bilingual wording of live marks and the sessions a room's door warns about (kiosk/core/LiveMarks.h),
// shared by the screens and kioskctl's board.
#include <doctest/doctest.h>

#include "kiosk/core/LiveMarks.h"
#include "kiosk/core/VenueZone.h"

using namespace kiosk;

namespace {

const std::string kNbsp = "\xC2\xA0";

Session At(const VenueZone& zone, const char* uid, const char* room, const char* start, const char* end) {
  Session s;
  s.uid = uid;
  s.room_key = room;
  s.start = ParseIsoInstant(start, zone);
  s.end = ParseIsoInstant(end, zone);
  s.day = ParseDay(std::string(start).substr(0, 10));
  s.title = uid;
  return s;
}

}  // namespace

TEST_CASE("live mark durations: minutes, hours, and whole days from 48 h, with the space asked for") {
  using P = std::pair<std::string, std::string>;
  CHECK(MarkDuration(15, " ") == P{"15 min", "15 min"});
  CHECK(MarkDuration(-15, " ") == P{"15 min", "15 min"});
  CHECK(MarkDuration(60, " ") == P{"1 h", "1 h"});
  CHECK(MarkDuration(65, " ") == P{"1 h 05", "1 h 05 min"});
  CHECK(MarkDuration(47 * 60 + 59, " ") == P{"47 h 59", "47 h 59 min"});
  CHECK(MarkDuration(48 * 60, " ") == P{"2 jours", "2 days"});
  CHECK(MarkDuration(48 * 60 + 1, " ") == P{"3 jours", "3 days"});
  CHECK(MarkDuration(15) == P{"15" + kNbsp + "min", "15" + kNbsp + "min"});
}

TEST_CASE("live marks: cancelled alone, else moved, delayed or brought forward, full, in both languages") {
  const std::string dot = " \xC2\xB7 ";
  Session s;
  s.room_key = "grand";
  s.marks.moved_from = "monge";
  s.marks.delay_minutes = 15;
  s.marks.full = true;
  std::vector<LiveMarkText> marks = LiveMarks(s, "Grand Salon", " ");
  REQUIRE(marks.size() == 3);
  CHECK(marks[0] == LiveMarkText{MarkKind::Moved, "Déplacé \u2192 Grand Salon", "Moved to Grand Salon",
                                 "Déplacé" + dot + "Moved \u2192 Grand Salon", "Déplacé"});
  CHECK(marks[1] == LiveMarkText{MarkKind::Delayed, "Retardé +15 min", "Delayed +15 min",
                                 "Retardé" + dot + "Delayed +15 min", "+15 min"});
  CHECK(marks[2] == LiveMarkText{MarkKind::Full, "Complet", "Full", "Complet" + dot + "Full", "Complet"});

  s.marks.delay_minutes = -10;
  s.marks.moved_from = "grand";  // moved back to where it was: no longer a move
  s.marks.full = false;
  marks = LiveMarks(s, "Grand Salon", " ");
  REQUIRE(marks.size() == 1);
  CHECK(marks[0].kind == MarkKind::Earlier);
  CHECK(marks[0].fr == "Avancé de 10 min");
  CHECK(marks[0].en == "10 min earlier");
  CHECK(marks[0].brief == "\u221210 min");

  s.marks.delay_minutes = 3 * 24 * 60;
  CHECK(LiveMarks(s, "", " ").front().fr == "Retardé +3 jours");
  CHECK(LiveMarks(s, "", " ").front().en == "Delayed +3 days");

  s.status = SessionStatus::Cancelled;
  s.marks.full = true;
  marks = LiveMarks(s, "Grand Salon");
  REQUIRE(marks.size() == 1);
  CHECK(marks[0].kind == MarkKind::Cancelled);
  CHECK(marks[0].fr == "Annulé");
  CHECK(marks[0].en == "Cancelled");

  CHECK(LiveMarks(Session{}, "Grand Salon").empty());
}

TEST_CASE("room alerts: cancelled here or moved away, not ended, today or already started") {
  const VenueZone zone("Europe/Paris");
  Programme p;
  p.rooms = {{"grand", "Grand Salon"}, {"monge", "Salon Monge"}};
  p.sessions.push_back(At(zone, "cancelled", "monge", "2026-07-08T11:00", "2026-07-08T12:00"));
  p.sessions.back().status = SessionStatus::Cancelled;
  p.sessions.push_back(At(zone, "moved", "grand", "2026-07-08T14:00", "2026-07-08T15:00"));
  p.sessions.back().marks.moved_from = "monge";
  p.sessions.push_back(At(zone, "over", "monge", "2026-07-08T08:00", "2026-07-08T09:00"));
  p.sessions.back().status = SessionStatus::Cancelled;
  p.sessions.push_back(At(zone, "tomorrow", "monge", "2026-07-09T09:00", "2026-07-09T10:00"));
  p.sessions.back().status = SessionStatus::Cancelled;
  p.sessions.push_back(At(zone, "confirmed", "monge", "2026-07-08T16:00", "2026-07-08T17:00"));
  p.sessions.push_back(At(zone, "running", "monge", "2026-07-07T09:00", "2026-07-10T09:00"));
  p.sessions.back().status = SessionStatus::Cancelled;
  p.Normalize();

  std::vector<std::string> uids;
  for (const Session* s : RoomAlerts(p, "monge", ParseIsoInstant("2026-07-08T10:00", zone), zone))
    uids.push_back(s->uid);
  CHECK(uids == std::vector<std::string>{"running", "cancelled", "moved"});
  // The new room has nothing to warn about.
  CHECK(RoomAlerts(p, "grand", ParseIsoInstant("2026-07-08T10:00", zone), zone).empty());
}
