// Tests of the CSV importer: the shared cases (cancelled, csv-encoding, tz-ics as CSV), the RFC 4180 grammar, columns,
// times (venue zone, DST gaps and overlaps, past midnight), encodings, RAICT.
#include <doctest/doctest.h>

#include <unistd.h>
#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <optional>
#include <string>

#include "ImportTestHelpers.h"
#include "TestSupport.h"
#include "kiosk/core/Model.h"
#include "kiosk/core/NowNext.h"
#include "kiosk/core/Text.h"
#include "kiosk/core/VenueZone.h"
#include "kiosk/importers/Importer.h"
#include "kiosk/store/ScheduleStore.h"

namespace {

using kiosk::test::HostTz;
using kiosk::test::Named;
using kiosk::test::TempDir;
using kiosk::test::WarningsText;

using namespace std::chrono_literals;
using kiosk::ImportError;
using kiosk::ImportResult;
using kiosk::Instant;
using kiosk::Session;
using kiosk::SessionStatus;

/// Imports CSV text as "test.csv" with an optional --tz.
ImportResult Csv(const std::string& text, const std::string& tz = "") {
  kiosk::ImportOptions options;
  options.source_name = "test.csv";
  options.time_zone = tz;
  return kiosk::ImportCsv(text, options);
}

/// Imports a file of a shared case, named as its file name.
ImportResult CaseCsv(const std::string& name, const std::string& file) {
  kiosk::ImportOptions options;
  options.source_name = file;
  return kiosk::ImportCsv(kiosk::test::ReadBytes(kiosk::test::CasePath(name, file)), options);
}

/// The ImportError that importing `text` (with an optional --tz) throws ("" when none).
std::string ErrorOf(const std::string& text, const std::string& tz = "") {
  try {
    Csv(text, tz);
  } catch (const ImportError& error) {
    return error.what();
  }
  return "";
}

/// How many warnings are at `where` and contain `part`.
int CountWarnings(const ImportResult& result, const std::string& where, const std::string& part) {
  return static_cast<int>(std::count_if(result.warnings.begin(), result.warnings.end(), [&](const kiosk::Warning& w) {
    return w.where == where && w.message.find(part) != std::string::npos;
  }));
}

/// UTC instant from "YYYY-MM-DDTHH:MM:SSZ".
Instant Utc(const std::string& iso) { return kiosk::ParseIsoInstant(iso, kiosk::VenueZone("UTC")); }

const Session* FindByTitle(const kiosk::Programme& programme, const std::string& title) {
  for (const Session& session : programme.sessions) {
    if (session.title == title) return &session;
  }
  return nullptr;
}

bool Contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

constexpr const char* kHeader = "id,date,start,end,room,title\n";

}  // namespace

// --- shared case: cancelled

TEST_CASE("cancelled case: overlap warning names both talks, the room and the overlap in venue time") {
  const ImportResult result = CaseCsv("cancelled", "programme.csv");
  REQUIRE(result.programme.sessions.size() == 4);
  int overlap_warnings = 0;
  for (const kiosk::Warning& warning : result.warnings) {
    const std::string text = warning.ToString();
    if (!Contains(text, "Replacement talk") || !Contains(text, "Overlapping talk")) continue;
    ++overlap_warnings;
    CHECK(Contains(text, "programme.csv"));
    CHECK(Contains(text, "Room 1"));
    CHECK(Contains(text, "14:30"));
    CHECK(Contains(text, "14:45"));
  }
  CHECK(overlap_warnings == 1);
  // The cancelled "Original talk" overlaps both but is not live: no warning names it.
  for (const kiosk::Warning& warning : result.warnings) CHECK_FALSE(Contains(warning.ToString(), "Original talk"));
}

TEST_CASE("cancelled case: statuses, cancelled is Cancelled and an empty status is Confirmed") {
  const ImportResult result = CaseCsv("cancelled", "programme.csv");
  const Session* original = FindByTitle(result.programme, "Original talk");
  const Session* replacement = FindByTitle(result.programme, "Replacement talk");
  const Session* cafe = FindByTitle(result.programme, "Café des Rencontres");
  REQUIRE(original);
  REQUIRE(replacement);
  REQUIRE(cafe);
  CHECK(original->status == SessionStatus::Cancelled);
  CHECK(replacement->status == SessionStatus::Confirmed);
  CHECK(cafe->status == SessionStatus::Confirmed);
  CHECK(original->uid == "id:20");
  CHECK(original->speakers == std::vector<kiosk::Speaker>{{"Paul Ardent", ""}});
  CHECK(original->start == Utc("2026-06-10T12:00:00Z"));
  CHECK(original->end == Utc("2026-06-10T12:45:00Z"));
  REQUIRE(result.programme.rooms.size() == 1);
  CHECK(result.programme.rooms[0].name == "Room 1");
  CHECK(result.programme.rooms[0].key == kiosk::NormalizeKey("Room 1"));
}

TEST_CASE("cancelled case: at 14:10 NOW in Room 1 is the replacement, never the cancelled talk") {
  const ImportResult result = CaseCsv("cancelled", "programme.csv");
  const std::string room = result.programme.rooms.at(0).key;
  const Session* now = kiosk::SessionOnNow(result.programme, room, Utc("2026-06-10T12:10:00Z"));
  REQUIRE(now);
  CHECK(now->title == "Replacement talk");
  for (Instant t = Utc("2026-06-10T11:59:00Z"); t <= Utc("2026-06-10T12:46:00Z"); t += 1min) {
    const Session* on = kiosk::SessionOnNow(result.programme, room, t);
    CHECK((on == nullptr || on->title != "Original talk"));
  }
  // The same through the store, as the kiosk reads it.
  TempDir dir;
  kiosk::ScheduleStore store(dir.Path() / "schedule.db");
  store.CommitImport(result.programme, result.warnings, "programme.csv", "0");
  const auto loaded = store.Load();
  REQUIRE(loaded);
  const Session* loaded_now = kiosk::SessionOnNow(loaded->programme, room, Utc("2026-06-10T12:10:00Z"));
  REQUIRE(loaded_now);
  CHECK(loaded_now->title == "Replacement talk");
}

// --- shared case: csv-encoding

TEST_CASE("csv-encoding case: UTF-8 with BOM, semicolon, CRLF, DD/MM/YYYY and French headers") {
  const ImportResult result = CaseCsv("csv-encoding", "bom-semicolon.csv");
  const kiosk::Programme& programme = result.programme;
  REQUIRE(programme.sessions.size() == 2);
  REQUIRE(programme.rooms.size() == 1);
  CHECK(programme.rooms[0].name == "Salle Écluse");
  CHECK(programme.rooms[0].key == "salle-ecluse");
  CHECK(programme.sessions[0].source_id == "1");
  CHECK(programme.sessions[0].uid == "id:1");
  CHECK(programme.sessions[1].source_id == "2");
  CHECK(programme.sessions[0].title == "Ouverture des Rencontres");
  CHECK(programme.sessions[1].title == "Coopération et eau");
  CHECK(programme.sessions[0].kind == "plénière");
  CHECK(programme.sessions[0].day == kiosk::Day{date::year{2026} / 7 / 8});
  CHECK(programme.sessions[0].start == Utc("2026-07-08T07:30:00Z"));
  CHECK(programme.sessions[0].end == Utc("2026-07-08T08:30:00Z"));
  for (const Session& session : programme.sessions) CHECK(session.room_key == "salle-ecluse");
  for (const kiosk::Warning& warning : result.warnings) CHECK_FALSE(Contains(warning.message, "Windows-1252"));
}

TEST_CASE("csv-encoding case: Windows-1252 is decoded, with a warning naming line 1") {
  const ImportResult result = CaseCsv("csv-encoding", "cp1252.csv");
  const kiosk::Programme& programme = result.programme;
  REQUIRE(programme.sessions.size() == 2);
  REQUIRE(programme.rooms.size() == 1);
  CHECK(programme.rooms[0].name == "Salle Écluse");
  CHECK(programme.sessions[0].source_id == "1");
  CHECK(programme.sessions[0].title == "Ouverture des Rencontres");
  CHECK(programme.sessions[1].title == "Coopération et eau");
  CHECK(programme.sessions[0].kind == "plénière");
  for (const Session& session : programme.sessions) {
    CHECK_FALSE(Contains(session.title, "\xEF\xBF\xBD"));
    CHECK_FALSE(Contains(session.title, "?"));
  }
  CHECK_FALSE(Contains(programme.rooms[0].name, "?"));
  CHECK_FALSE(Contains(programme.rooms[0].name, "\xEF\xBF\xBD"));
  const auto encoding = std::find_if(result.warnings.begin(), result.warnings.end(), [](const kiosk::Warning& w) {
    return Contains(w.message, "decoded as Windows-1252");
  });
  REQUIRE(encoding != result.warnings.end());
  CHECK(encoding->where == "cp1252.csv:1");
  // Same sessions as the UTF-8 file.
  CHECK(programme.sessions == CaseCsv("csv-encoding", "bom-semicolon.csv").programme.sessions);
}

TEST_CASE("csv-encoding case: importing both files one after the other leaves one room") {
  TempDir dir;
  kiosk::ScheduleStore store(dir.Path() / "schedule.db");
  for (const char* file : {"bom-semicolon.csv", "cp1252.csv"}) {
    const std::string bytes = kiosk::test::ReadBytes(kiosk::test::CasePath("csv-encoding", file));
    kiosk::ImportOptions options;
    options.source_name = file;
    const ImportResult result = kiosk::ImportCsv(bytes, options);
    store.CommitImport(result.programme, result.warnings, file, kiosk::Sha256Hex(bytes));
  }
  const auto loaded = store.Load();
  REQUIRE(loaded);
  REQUIRE(loaded->programme.rooms.size() == 1);
  CHECK(loaded->programme.rooms[0].name == "Salle Écluse");
  CHECK(loaded->programme.sessions.size() == 2);
}

TEST_CASE("mixed encodings: a UTF-8 file with one stray Windows-1252 byte is refused, naming its line") {
  // The reviewer's repro (/tmp/rv/mixed.csv): "Salle Écluse" and "Café" in UTF-8, "débat" with byte E9.
  const std::string mixed = std::string(kHeader) +
                            "1,2026-07-08,09:30,10:30,Salle \xC3\x89"
                            "cluse,Caf\xC3\xA9 d\xE9"
                            "bat\n";
  const std::string error = ErrorOf(mixed);
  CHECK(Contains(error, "test.csv:2:"));
  CHECK(Contains(error, "invalid UTF-8 (mixed encodings?)"));
  CHECK(Contains(error, "0xE9"));
  // The stray byte's line is named, before or after the UTF-8 text.
  const std::string later = std::string(kHeader) +
                            "1,2026-07-08,09:30,10:30,Salle \xC3\x89"
                            "cluse,Ouverture\n"
                            "2,2026-07-08,10:30,11:30,Salle \xC3\x89"
                            "cluse,Coop\xE9ration\n";
  CHECK(Contains(ErrorOf(later), "test.csv:3:"));
  const std::string earlier = std::string(kHeader) +
                              "1,2026-07-08,09:30,10:30,A,Coop\xE9ration\n"
                              "2,2026-07-08,10:30,11:30,A,R\xC3\xA9union\n";
  CHECK(Contains(ErrorOf(earlier), "test.csv:2:"));
  CHECK(Contains(ErrorOf(earlier), "invalid UTF-8 (mixed encodings?)"));
  // A BOM says UTF-8 too.
  const std::string bom = "\xEF\xBB\xBF" + std::string(kHeader) + "1,2026-07-08,09:30,10:30,A,Coop\xE9ration\n";
  CHECK(Contains(ErrorOf(bom), "test.csv:2:"));
  CHECK(Contains(ErrorOf(bom), "invalid UTF-8 (mixed encodings?)"));
  // A truncated or overlong sequence is not UTF-8 either: "\xC3" at the end, "\xC0\xAF" (overlong '/').
  CHECK(Contains(ErrorOf(std::string(kHeader) + "1,2026-07-08,09:30,10:30,\xC3\xA9,T\xC3"), "test.csv:2:"));
  CHECK(Contains(ErrorOf(std::string(kHeader) + "1,2026-07-08,09:30,10:30,\xC3\xA9,T\xC0\xAF\n"),
                 "invalid UTF-8 (mixed encodings?)"));
}

TEST_CASE("pure Windows-1252: decoded, never mojibake, bytes undefined in Windows-1252 are refused") {
  const ImportResult result = Csv(std::string(kHeader) +
                                  "1,2026-07-08,09:30,10:30,Salle \xC9"
                                  "cluse,Caf\xE9 \x93"
                                  "d\xE9"
                                  "bat\x94\n");
  CHECK(result.programme.rooms.at(0).name == "Salle Écluse");
  CHECK(result.programme.sessions.at(0).title == "Café “débat”");
  CHECK(CountWarnings(result, "test.csv:1", "decoded as Windows-1252") == 1);
  const std::string error =
      ErrorOf(std::string(kHeader) + "1,2026-07-08,09:30,10:30,A,T\n2,2026-07-08,10:30,11:30,A,\x81\n");
  CHECK(Contains(error, "test.csv:3:"));
  CHECK(Contains(error, "neither UTF-8 nor Windows-1252"));
}

// --- grammar

TEST_CASE("quoted cells: delimiters, doubled quotes and line breaks inside, CRLF record ends") {
  const ImportResult result =
      Csv("id,date,start,end,room,title,description\r\n"
          "1,2026-07-08,09:30,10:30,\"Salle A, rez-de-chaussée\",\"Le \"\"grand\"\" débat\",\"ligne 1\r\nligne 2\"\r\n"
          "2,2026-07-08,11:00,12:00,Salle A  rez-de-chaussée,\"Deux\",\r\n");
  REQUIRE(result.programme.sessions.size() == 2);
  const Session& first = result.programme.sessions[0];
  CHECK(first.title == "Le \"grand\" débat");
  CHECK(first.description == "ligne 1\nligne 2");
  // Same normalized room key: one room, first spelling kept.
  REQUIRE(result.programme.rooms.size() == 1);
  CHECK(result.programme.rooms[0].name == "Salle A, rez-de-chaussée");
  CHECK(result.programme.sessions[1].title == "Deux");
  CHECK(result.programme.sessions[1].description.empty());
}

TEST_CASE("line numbers after a multi-line quoted cell are physical lines") {
  const std::string text = std::string(kHeader) +
                           "1,2026-07-08,09:30,10:30,A,\"two\nline title\"\n"
                           "2,2026-07-08,9h3O,10:30,A,bad time\n";
  const std::string error = ErrorOf(text);
  CHECK(Contains(error, "test.csv:4"));
  CHECK(Contains(error, "unparseable time '9h3O'"));
  CHECK(Contains(error, "start"));
  // The record itself starts on line 2 when its own cell spans lines.
  CHECK(Contains(ErrorOf(std::string(kHeader) + "1,2026-07-08,25:00,10:30,A,\"two\nlines\"\n"), "test.csv:2:"));
}

TEST_CASE("UTF-8 BOM with ',' delimiter and LF") {
  const ImportResult result = Csv("\xEF\xBB\xBFid,date,start,end,room,title\n7,2026-07-08,09:30,10:30,A,Hello\n");
  REQUIRE(result.programme.sessions.size() == 1);
  CHECK(result.programme.sessions[0].source_id == "7");
  CHECK(result.programme.sessions[0].title == "Hello");
}

TEST_CASE("tab delimiter is detected") {
  const ImportResult result = Csv("id\tdate\tstart\tend\troom\ttitle\n1\t2026-07-08\t09:30\t10:30\tA, B\tHi, there\n");
  REQUIRE(result.programme.sessions.size() == 1);
  CHECK(result.programme.rooms[0].name == "A, B");
  CHECK(result.programme.sessions[0].title == "Hi, there");
}

TEST_CASE("unterminated quoted cell names the line where the cell started") {
  const std::string error = ErrorOf(std::string(kHeader) +
                                    "1,2026-07-08,09:30,10:30,A,ok\n"
                                    "2,2026-07-08,11:00,12:00,A,\"never closed\nmore\nmore\n");
  CHECK(Contains(error, "test.csv:3"));
  CHECK(Contains(error, "unterminated quoted cell"));
}

TEST_CASE("row length: fewer cells read as empty, more cells is an error naming the line") {
  const ImportResult result = Csv("date,start,end,room,title,track,language\n2026-07-08,09:30,10:30,A,Short\n");
  REQUIRE(result.programme.sessions.size() == 1);
  CHECK(result.programme.sessions[0].track.empty());
  CHECK(result.programme.sessions[0].language.empty());
  const std::string error = ErrorOf(std::string(kHeader) +
                                    "1,2026-07-08,09:30,10:30,A,Title\n"
                                    "2,2026-07-08,11:00,12:00,A,Title, with comma\n");
  CHECK(Contains(error, "test.csv:3"));
  CHECK(Contains(error, "7 cells"));
}

TEST_CASE("blank lines and empty rows are skipped") {
  const ImportResult result = Csv("\n\n" + std::string(kHeader) + "\n,,,,,\n1,2026-07-08,09:30,10:30,A,T\n\n  \n");
  CHECK(result.programme.sessions.size() == 1);
}

TEST_CASE("an empty file or one without a header is an error naming line 1") {
  CHECK(Contains(ErrorOf(""), "test.csv:1"));
  CHECK(Contains(ErrorOf("\xEF\xBB\xBF\r\n# title: x\n"), "no header"));
}

// --- columns

TEST_CASE("missing required column names the file, line 1 and the column") {
  const std::string error = ErrorOf("id,date,start,end,title\n1,2026-07-08,09:30,10:30,T\n");
  CHECK(Contains(error, "test.csv:1:"));
  CHECK(Contains(error, "room"));
  // Issue 13: a sheet of start times only imports (the default duration, with a warning), it is not refused.
  CHECK(ErrorOf("date,start,room,title\n2026-07-08,09:30,A,T\n").empty());
  CHECK(Contains(ErrorOf("date,end,room,title\n"), "start"));
  CHECK(Contains(ErrorOf("date,start,end,room\n"), "title"));
  // After metadata the header is on a later line, and that line is named.
  CHECK(Contains(ErrorOf("# title: X\n\nid,start,end,room,title\n"), "test.csv:3:"));
  CHECK(Contains(ErrorOf("# title: X\n\nid,start,end,room,title\n"), "date"));
}

TEST_CASE("headers match whatever the case and accents, in French or English") {
  const ImportResult result = Csv(
      "IDENTIFIANT;Date;Heure de Début;FIN;SALLE;Format;Titre;Titre_EN;Intervenants;Thème;Langue;Statut;Description;"
      "Remarques\n"
      "a1;2026-07-08;09:30;10:30;Salon Foch;atelier;Eau et villes;Water and cities;Ana "
      "Lima;Climat;fr;annulé;Texte;x\n");
  REQUIRE(result.programme.sessions.size() == 1);
  const Session& session = result.programme.sessions[0];
  CHECK(session.source_id == "a1");
  CHECK(session.uid == "id:a1");
  CHECK(session.kind == "atelier");
  CHECK(session.title == "Eau et villes");
  CHECK(session.title_en == "Water and cities");
  CHECK(session.track == "Climat");
  CHECK(session.language == "fr");
  CHECK(session.status == SessionStatus::Cancelled);
  CHECK(session.description == "Texte");
  CHECK(session.speakers == std::vector<kiosk::Speaker>{{"Ana Lima", ""}});
  const bool unknown_warned = std::any_of(result.warnings.begin(), result.warnings.end(), [](const kiosk::Warning& w) {
    return w.where == "test.csv:1" && Contains(w.message, "Remarques");
  });
  CHECK(unknown_warned);
}

TEST_CASE("English title alias and duration in H:MM") {
  const ImportResult result =
      Csv("date,start,duration,room,title,English title\n2026-07-08,09:30,1:15,A,Titre,Title\n");
  REQUIRE(result.programme.sessions.size() == 1);
  CHECK(result.programme.sessions[0].title_en == "Title");
  CHECK(result.programme.sessions[0].end - result.programme.sessions[0].start == 75min);
}

TEST_CASE("duration column instead of end, in minutes") {
  const ImportResult result =
      Csv("date,début,durée,salle,titre\n2026-07-08,09:30,45,A,T\n2026-07-08,10:30,90 min,A,U\n");
  REQUIRE(result.programme.sessions.size() == 2);
  CHECK(result.programme.sessions[0].start == Utc("2026-07-08T07:30:00Z"));
  CHECK(result.programme.sessions[0].end == Utc("2026-07-08T08:15:00Z"));
  CHECK(result.programme.sessions[1].end == Utc("2026-07-08T10:00:00Z"));
  const std::string error = ErrorOf("date,start,duration,room,title\n2026-07-08,09:30,forty,A,T\n");
  CHECK(Contains(error, "test.csv:2"));
  CHECK(Contains(error, "unparseable duration 'forty'"));
}

TEST_CASE("speakers: separators, roles in trailing parentheses, trimming") {
  const ImportResult result = Csv(
      "date,start,end,room,title,speakers\n"
      "2026-07-08,09:30,10:30,A,T,\" Marie Curie (Maire de Lyon) ; Jean Dupont|  Ana (Lima) Silva (Directrice (AFD))\n"
      "Paul Ardent \"\n");
  REQUIRE(result.programme.sessions.size() == 1);
  const std::vector<kiosk::Speaker> expected{{"Marie Curie", "Maire de Lyon"},
                                             {"Jean Dupont", ""},
                                             {"Ana (Lima) Silva", "Directrice (AFD)"},
                                             {"Paul Ardent", ""}};
  CHECK(result.programme.sessions[0].speakers == expected);
}

TEST_CASE("speakers: semicolon is kept inside a speaker when it is the CSV delimiter") {
  const ImportResult result = Csv("date;start;end;room;title;speakers\n2026-07-08;09:30;10:30;A;T;\"A (x; y) | B\"\n");
  const std::vector<kiosk::Speaker> expected{{"A", "x; y"}, {"B", ""}};
  CHECK(result.programme.sessions.at(0).speakers == expected);
}

TEST_CASE("status values: confirmed, cancelled in both languages, unknown warns") {
  const ImportResult result =
      Csv("id,date,start,end,room,title,status\n"
          "1,2026-07-08,09:00,09:10,A,T1,Confirmé\n"
          "2,2026-07-08,09:10,09:20,A,T2,scheduled\n"
          "3,2026-07-08,09:20,09:30,A,T3,Canceled\n"
          "4,2026-07-08,09:30,09:40,A,T4,ANNULE\n"
          "5,2026-07-08,09:40,09:50,A,T5,tentative\n");
  REQUIRE(result.programme.sessions.size() == 5);
  CHECK(result.programme.sessions[0].status == SessionStatus::Confirmed);
  CHECK(result.programme.sessions[1].status == SessionStatus::Confirmed);
  CHECK(result.programme.sessions[2].status == SessionStatus::Cancelled);
  CHECK(result.programme.sessions[3].status == SessionStatus::Cancelled);
  CHECK(result.programme.sessions[4].status == SessionStatus::Confirmed);
  const bool warned = std::any_of(result.warnings.begin(), result.warnings.end(), [](const kiosk::Warning& w) {
    return w.where == "test.csv:6" && Contains(w.message, "tentative");
  });
  CHECK(warned);
}

TEST_CASE("text cells are trimmed and NFC-normalised") {
  // "É" written as E + combining acute accent.
  const ImportResult result = Csv(std::string(kHeader) +
                                  "1,2026-07-08,09:30,10:30,  Salle E\xCC\x81"
                                  "cluse ,  R\xC3\xA9union  \n");
  CHECK(result.programme.rooms.at(0).name == "Salle Écluse");
  CHECK(result.programme.sessions.at(0).title == "Réunion");
}

// --- identity

// Review of issue 11: an id took U+202E; a title's open override reversed the rest of the screen's line.
TEST_CASE("bidi controls: refused in an id naming the line and code point, unbalanced ones removed from text") {
  const ImportResult result =
      Csv("id,date,start,end,room,title\n"
          "1,2026-07-08,09:30,10:30,Salon Monge,Atelier \u202Eeniram\n"
          "2,2026-07-08,10:30,11:30,سالن\u200Cاصلی,\u2067مراسم\u2069 d'ouverture\u2028suite\n"
          "3,2026-07-08,11:30,12:30,\u2067Hall\u2069,क्\u200Dष 👩\u200D💻\n");
  INFO(WarningsText(result.warnings));
  REQUIRE(result.programme.sessions.size() == 3);
  CHECK(result.programme.sessions[0].title == "Atelier eniram");
  CHECK(CountWarnings(result, "test.csv:2", "title: removed 1 bidirectional formatting character") == 1);
  CHECK(result.programme.sessions[1].title == "\u2067مراسم\u2069 d'ouverture suite");
  CHECK(CountWarnings(result, "test.csv:3", "title: replaced 1 line or paragraph separator with spaces") == 1);
  CHECK(result.programme.sessions[2].title == "क्\u200Dष 👩\u200D💻");
  // A room's name keeps the joiners Persian needs, loses the isolates: it is also the room's key.
  REQUIRE(result.programme.rooms.size() == 3);
  CHECK(result.programme.rooms[1].name == "سالن\u200Cاصلی");
  CHECK(result.programme.rooms[2].name == "Hall");
  CHECK(CountWarnings(result, "test.csv:4", "room name: removed 2 invisible format characters") == 1);

  CHECK(ErrorOf("id,date,start,end,room,title\n1,2026-07-08,09:30,10:30,A,T\n2\u202E,2026-07-08,10:30,11:30,A,T\n") ==
        "test.csv:3: id holds a bidirectional formatting character (U+202E RIGHT-TO-LEFT OVERRIDE) at character 2");
  CHECK(ErrorOf("id,date,start,end,room,title\n\uFEFF1,2026-07-08,09:30,10:30,A,T\n") ==
        "test.csv:2: id holds an invisible format character (U+FEFF ZERO WIDTH NO-BREAK SPACE) at character 1");
}

TEST_CASE("uid: id column, else derived deterministically from day, start, room and title") {
  const ImportResult result =
      Csv("id,date,start,end,room,title\n"
          ",2026-07-08,09:30,10:30,Salle Écluse,Ouverture\n"
          "9,2026-07-08,09:30,10:30,B,Autre\n");
  const Session* derived = FindByTitle(result.programme, "Ouverture");
  REQUIRE(derived);
  CHECK(derived->source_id.empty());
  CHECK(Contains(derived->uid, "csv:2026-07-08T09:30@salle-ecluse"));
  CHECK(FindByTitle(result.programme, "Autre")->uid == "id:9");
  // Re-importing gives the same uids.
  CHECK(Csv("id,date,start,end,room,title\n,08/07/2026,9h30,10:30,salle ecluse,Ouverture\n")
            .programme.sessions.at(0)
            .uid == derived->uid);
}

TEST_CASE("duplicate (uid, start) names both lines, the same id at another start is a repeat") {
  const std::string error = ErrorOf(std::string(kHeader) +
                                    "5,2026-07-08,09:30,10:30,A,T\n"
                                    "6,2026-07-08,11:00,12:00,A,U\n"
                                    "5,2026-07-08,09:30,10:30,B,T again\n");
  CHECK(Contains(error, "test.csv:4"));
  CHECK(Contains(error, "line 2"));
  const ImportResult repeats =
      Csv(std::string(kHeader) + "5,2026-07-08,09:30,10:30,A,T\n5,2026-07-09,09:30,10:30,A,T\n");
  CHECK(repeats.programme.sessions.size() == 2);
}

TEST_CASE("rooms keep first spelling and first appearance order") {
  const ImportResult result = Csv(std::string(kHeader) +
                                  "1,2026-07-08,11:00,12:00,Salon Foch,T1\n"
                                  "2,2026-07-08,09:00,10:00,Grand Amphi,T2\n"
                                  "3,2026-07-08,13:00,14:00,SALON FOCH,T3\n");
  REQUIRE(result.programme.rooms.size() == 2);
  CHECK(result.programme.rooms[0].name == "Salon Foch");
  CHECK(result.programme.rooms[1].name == "Grand Amphi");
  CHECK(FindByTitle(result.programme, "T3")->room_key == result.programme.rooms[0].key);
  // Normalize sorts sessions by start.
  CHECK(result.programme.sessions.at(0).title == "T2");
}

// --- dates and times

TEST_CASE("dates DD/MM/YYYY and YYYY-MM-DD, times H:MM, 9h30 and HH:MM:SS") {
  const ImportResult result =
      Csv("id,date,start,end,room,title\n"
          "1,8/7/2026,9:05,9h45,A,T1\n"
          "2,2026-07-09,10:00:00,11h,A,T2\n");
  REQUIRE(result.programme.sessions.size() == 2);
  CHECK(result.programme.sessions[0].day == kiosk::Day{date::year{2026} / 7 / 8});
  CHECK(result.programme.sessions[0].start == Utc("2026-07-08T07:05:00Z"));
  CHECK(result.programme.sessions[0].end == Utc("2026-07-08T07:45:00Z"));
  CHECK(result.programme.sessions[1].day == kiosk::Day{date::year{2026} / 7 / 9});
  CHECK(result.programme.sessions[1].end == Utc("2026-07-09T09:00:00Z"));
}

TEST_CASE("unparseable date or time names the line and the column") {
  std::string error = ErrorOf(std::string(kHeader) + "1,2026-07-08,09:30,10:30,A,T\n1,31/02/2026,09:30,10:30,A,T\n");
  CHECK(Contains(error, "test.csv:3"));
  CHECK(Contains(error, "unparseable date '31/02/2026' in column date"));
  error = ErrorOf(std::string(kHeader) + "1,2026-07-08,09:30,noon,A,T\n");
  CHECK(Contains(error, "test.csv:2"));
  CHECK(Contains(error, "unparseable time 'noon' in column end"));
  // 24:00 ends a day: as a start it is refused with that reason (issue 11, defect 7), as an end it is midnight.
  CHECK(Contains(ErrorOf(std::string(kHeader) + "1,2026-07-08,24:00,24:00,A,T\n"),
                 "test.csv:2: 24:00 in column start is the end of a day, not a start: a session that starts at "
                 "midnight starts at 00:00 on the next day"));
  const ImportResult late = Csv(std::string(kHeader) + "1,2026-07-08,23:00,24:00,A,T\n");
  CHECK(late.programme.sessions.at(0).end == Utc("2026-07-08T22:00:00Z"));
}

TEST_CASE("well-formed dates out of range say so, in the one range of kiosk, 1970 to 2100") {
  for (const std::string date : {"9999-12-31", "0001-01-01", "3000-01-01", "1969-12-31", "31/12/2101"}) {
    CAPTURE(date);
    const std::string error = ErrorOf(std::string(kHeader) + "1," + date + ",09:30,10:30,A,T\n");
    CHECK(Contains(error,
                   "test.csv:2: out of range: " + date + " (dates run from 1970-01-01 to 2100-12-31) in column date"));
    CHECK_FALSE(Contains(error, "unparseable"));
  }
  CHECK(Contains(ErrorOf("# start: 9999-12-31\n" + std::string(kHeader) + "1,2026-07-08,09:30,10:30,A,T\n"),
                 "test.csv:1: out of range: 9999-12-31 (dates run from 1970-01-01 to 2100-12-31) in metadata 'start'"));
  CHECK(Csv(std::string(kHeader) + "1,2100-12-31,09:30,10:30,A,T\n").programme.sessions.size() == 1);
  CHECK(Csv(std::string(kHeader) + "1,1970-01-02,09:30,10:30,A,T\n").programme.sessions.size() == 1);
  CHECK(Contains(ErrorOf(std::string(kHeader) + "1,2026-13-01,09:30,10:30,A,T\n"), "unparseable date '2026-13-01'"));
  // ISO 8601 date-times (frab, --at, --until, --now) follow the same range.
  const kiosk::VenueZone paris("Europe/Paris");
  CHECK_THROWS_WITH_AS(kiosk::ParseIsoInstant("9999-12-31T10:00", paris),
                       "out of range: 9999-12-31T10:00 (dates run from 1970-01-01 to 2100-12-31)",
                       std::invalid_argument);
  CHECK_THROWS_WITH_AS(kiosk::ParseIsoInstant("0001-01-01T00:00:00Z", paris), doctest::Contains("out of range"),
                       std::invalid_argument);
}

/// `text` as UTF-16 with a BOM, little- or big-endian (ASCII and Latin-1 and one astral character only).
std::string Utf16(const std::u16string& text, bool little) {
  std::string bytes = little ? "\xFF\xFE" : "\xFE\xFF";
  for (char16_t unit : text) {
    const char low = static_cast<char>(unit & 0xFF), high = static_cast<char>(unit >> 8);
    bytes += little ? std::string{low, high} : std::string{high, low};
  }
  return bytes;
}

TEST_CASE("a UTF-16 file (BOM FF FE or FE FF) is decoded, with a warning") {
  const std::u16string text = u"id,date,start,end,room,title\r\n1,2026-07-08,09:30,10:30,Salon Monge,Réunion 🌍\r\n";
  for (const bool little : {true, false}) {
    CAPTURE(little);
    const ImportResult result = kiosk::ImportBytes(Utf16(text, little), Named("utf16.csv"), std::nullopt);
    REQUIRE(result.programme.sessions.size() == 1);
    CHECK(result.programme.sessions[0].title == "Réunion 🌍");
    CHECK(Contains(WarningsText(result.warnings), "utf16.csv:1: decoded from UTF-16"));
  }
  // An unpaired surrogate on line 2.
  std::string broken =
      Utf16(u"id,date,start,end,room,title\n1,2026-07-08,09:30,10:30,A,T", true) + std::string("\x00\xD8", 2);
  try {
    kiosk::ImportBytes(broken, Named("bad16.csv"), std::nullopt);
    FAIL("no error");
  } catch (const ImportError& error) {
    CHECK(Contains(error.what(), "bad16.csv:2: UTF-16 (little-endian) file with"));
    CHECK(Contains(error.what(), "save the file as UTF-8"));
  }
}

// Review of issue 11: UTF-16 without a byte-order mark (what some exports write) was read as Windows-1252 garbage or
// refused as "invalid UTF-8". Its NUL bytes at every other position give it away, and its byte order.
TEST_CASE("a UTF-16 file without a BOM is recognised by its NUL bytes and decoded, little- or big-endian") {
  const std::u16string text = u"id,date,start,end,room,title\r\n1,2026-07-08,09:30,10:30,Salon Monge,Réunion 🌍\r\n";
  for (const bool little : {true, false}) {
    CAPTURE(little);
    const std::string bytes = Utf16(text, little).substr(2);  // no BOM
    const ImportResult result = kiosk::ImportBytes(bytes, Named("nobom.csv"), std::nullopt);
    REQUIRE(result.programme.sessions.size() == 1);
    CHECK(result.programme.sessions[0].title == "Réunion 🌍");
    CHECK(Contains(WarningsText(result.warnings), std::string("nobom.csv:1: decoded from UTF-16 (") +
                                                      (little ? "little" : "big") + "-endian, no byte-order mark)"));
    // The same file through the CSV importer alone (as kioskctl import --format csv reads it).
    CHECK(Csv(bytes).programme.sessions.at(0).title == "Réunion 🌍");
  }
  // An iCalendar file too (the format is detected after decoding).
  const std::u16string calendar =
      u"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nBEGIN:VEVENT\r\nUID:e1\r\nDTSTART:20260708T100000Z\r\n"
      u"DTEND:20260708T110000Z\r\nSUMMARY:Réunion\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
  const ImportResult ics = kiosk::ImportBytes(Utf16(calendar, true).substr(2), Named("nobom.ics"), std::nullopt);
  REQUIRE(ics.programme.sessions.size() == 1);
  CHECK(ics.programme.sessions[0].title == "Réunion");
  // NULs at both positions: not UTF-16 of any byte order (UTF-32, a binary file): refused, never decoded.
  std::string utf32;
  for (char c : std::string("id,date,start,end,room,title\n")) utf32 += std::string{c, '\0', '\0', '\0'};
  CHECK(Contains(ErrorOf(utf32), "test.csv: the file holds NUL bytes"));
  CHECK(Contains(ErrorOf(utf32), "save it as UTF-8"));
  // One NUL in a UTF-8 title is a control character, not an encoding.
  static const char kOneNul[] = "id,date,start,end,room,title\n1,2026-07-08,09:30,10:30,A,T\0x\n";
  const ImportResult one_nul = Csv(std::string(kOneNul, sizeof kOneNul - 1));
  CHECK(one_nul.programme.sessions.at(0).title == "Tx");
}

TEST_CASE("an .xlsx, .ods or .pdf given to import is named by its magic bytes, not called invalid UTF-8") {
  auto error_of = [](const std::string& bytes) {
    try {
      kiosk::ImportBytes(bytes, Named("programme.bin"), std::nullopt);
    } catch (const ImportError& error) {
      return std::string(error.what());
    }
    return std::string();
  };
  const std::string xlsx = std::string("PK\x03\x04\x14\x00\x06\x00", 8) + "[Content_Types].xml....xl/workbook.xml";
  CHECK(error_of(xlsx) ==
        "programme.bin: this is an Excel .xlsx workbook: export it as CSV (UTF-8) and import that "
        "file (File > Save As > CSV UTF-8)");
  const std::string ods =
      std::string("PK\x03\x04\x0a\x00\x00\x00", 8) + "mimetypeapplication/vnd.oasis.opendocument.spreadsheetPK";
  CHECK(Contains(error_of(ods),
                 "programme.bin: this is an OpenDocument .ods spreadsheet (LibreOffice Calc): export it "
                 "as CSV (UTF-8)"));
  CHECK(Contains(error_of("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj"), "programme.bin: this is a PDF document"));
  CHECK_FALSE(Contains(error_of("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj"), "UTF-8 ("));
}

TEST_CASE("end before start is an error naming the line, end equal to start is a zero-length session") {
  // Read on the next day 10:00 to 09:00 would last 23 hours: an error, not a session past midnight.
  const std::string error =
      ErrorOf(std::string(kHeader) + "1,2026-07-08,09:00,09:30,A,Ok\n2,2026-07-08,10:00,09:00,A,Bad\n");
  CHECK(Contains(error, "test.csv:3:"));
  CHECK(Contains(error, "end before start"));
  CHECK(Contains(error, "10:00 to 09:00"));
  const ImportResult zero = Csv(std::string(kHeader) + "1,2026-07-08,10:00,10:00,A,Zero\n");
  REQUIRE(zero.programme.sessions.size() == 1);
  CHECK(zero.programme.sessions[0].start == zero.programme.sessions[0].end);
  CHECK_FALSE(zero.warnings.empty());
}

TEST_CASE("past midnight: 22:00 to 01:00 ends on the next day, with a warning naming the line") {
  const ImportResult result = Csv(std::string(kHeader) +
                                  "1,2026-07-08,20:00,21:00,A,Dinner\n"
                                  "2,2026-07-08,22:00,01:00,A,Night session\n");
  const Session* night = FindByTitle(result.programme, "Night session");
  REQUIRE(night);
  CHECK(night->day == kiosk::Day{date::year{2026} / 7 / 8});  // filed under the day it starts
  CHECK(night->start == Utc("2026-07-08T20:00:00Z"));
  CHECK(night->end == Utc("2026-07-08T23:00:00Z"));
  CHECK(kiosk::VenueZone("Europe/Paris").FormatIso(night->end) == "2026-07-09T01:00:00+02:00");
  CHECK(CountWarnings(result, "test.csv:3", "ends after midnight, read as 01:00 the next day") == 1);
  CHECK(CountWarnings(result, "test.csv:2", "midnight") == 0);
  // At 00:30 the night session is on now.
  const Session* now = kiosk::SessionOnNow(result.programme, night->room_key, Utc("2026-07-08T22:30:00Z"));
  REQUIRE(now);
  CHECK(now->title == "Night session");
}

TEST_CASE("past midnight: at most 12 hours, a duration column is never wrapped") {
  // 13:00 to 01:00 is exactly 12 hours: accepted.
  const ImportResult twelve = Csv(std::string(kHeader) + "1,2026-07-08,13:00,01:00,A,Long\n");
  CHECK(twelve.programme.sessions.at(0).end - twelve.programme.sessions.at(0).start == 12h);
  CHECK(CountWarnings(twelve, "test.csv:2", "ends after midnight, read as 01:00 the next day") == 1);
  // 12:59 to 01:00 would be 12 h 01: end before start.
  const std::string error = ErrorOf(std::string(kHeader) + "1,2026-07-08,12:59,01:00,A,Too long\n");
  CHECK(Contains(error, "test.csv:2:"));
  CHECK(Contains(error, "end before start"));
  // Across the spring change the length is counted in real time: 22:00 to 03:00 on 28-29 March is 4 hours.
  const ImportResult spring = Csv(std::string(kHeader) + "1,2026-03-28,22:00,03:00,A,Spring night\n");
  CHECK(spring.programme.sessions.at(0).start == Utc("2026-03-28T21:00:00Z"));
  CHECK(spring.programme.sessions.at(0).end == Utc("2026-03-29T01:00:00Z"));
  // A duration is a length, not a clock time: 22:00 plus 180 minutes, no midnight warning.
  const ImportResult duration = Csv("date,start,duration,room,title\n2026-07-08,22:00,180,A,T\n");
  CHECK(duration.programme.sessions.at(0).end == Utc("2026-07-08T23:00:00Z"));
  CHECK(CountWarnings(duration, "test.csv:2", "midnight") == 0);
  // End and duration both given: the end (read on the next day) is used, and they agree.
  const ImportResult both = Csv("date,start,end,duration,room,title\n2026-07-08,22:00,01:00,180,A,T\n");
  CHECK(both.programme.sessions.at(0).end == Utc("2026-07-08T23:00:00Z"));
  CHECK(CountWarnings(both, "test.csv:2", "disagree") == 0);
}

TEST_CASE("DST spring gap: a start that does not exist is moved forward, an end before it as instants is an error") {
  // The reviewer's repro: 02:30 does not exist on 2026-03-29 in Paris and reads as 03:30+02:00, after 03:00+02:00.
  const std::string error =
      ErrorOf(std::string(kHeader) + "1,2026-03-29,01:00,01:30,A,Early\n1b,2026-03-29,02:30,03:00,A,Gap talk\n");
  CHECK(Contains(error, "test.csv:3:"));
  CHECK(Contains(error, "end before start"));
  CHECK(Contains(error, "03:30+02:00 to 03:00+02:00"));
  // A gap start with a later end imports, with a warning naming the line.
  const ImportResult later = Csv(std::string(kHeader) + "1,2026-03-29,02:30,04:00,A,Gap talk\n");
  const Session& session = later.programme.sessions.at(0);
  CHECK(session.start == Utc("2026-03-29T01:30:00Z"));
  CHECK(session.end == Utc("2026-03-29T02:00:00Z"));
  CHECK(CountWarnings(later, "test.csv:2", "start 2026-03-29 02:30 does not exist in Europe/Paris") == 1);
  CHECK(CountWarnings(later, "test.csv:2", "read as 03:30+02:00") == 1);
  // A gap end: 01:30+01:00 to 02:30 (read as 03:30+02:00) is one hour.
  const ImportResult gap_end = Csv(std::string(kHeader) + "1,2026-03-29,01:30,02:30,A,T\n");
  CHECK(gap_end.programme.sessions.at(0).start == Utc("2026-03-29T00:30:00Z"));
  CHECK(gap_end.programme.sessions.at(0).end == Utc("2026-03-29T01:30:00Z"));
  CHECK(CountWarnings(gap_end, "test.csv:2", "end 2026-03-29 02:30 does not exist") == 1);
  CHECK(CountWarnings(gap_end, "test.csv:2", "start") == 0);
}

TEST_CASE("DST autumn overlap: a time that happens twice is the earlier instant, with a warning naming the line") {
  const ImportResult result = Csv(std::string(kHeader) +
                                  "1,2026-10-25,01:00,01:30,A,Before\n"
                                  "2,2026-10-25,02:30,02:45,A,Overlap talk\n");
  const Session* overlap = FindByTitle(result.programme, "Overlap talk");
  REQUIRE(overlap);
  CHECK(overlap->start == Utc("2026-10-25T00:30:00Z"));
  CHECK(overlap->end == Utc("2026-10-25T00:45:00Z"));
  CHECK(CountWarnings(result, "test.csv:3", "start 2026-10-25 02:30 happens twice in Europe/Paris") == 1);
  CHECK(CountWarnings(result, "test.csv:3", "end 2026-10-25 02:45 happens twice") == 1);
  CHECK(CountWarnings(result, "test.csv:3", "read as the first, 02:30+02:00") == 1);
  CHECK(CountWarnings(result, "test.csv:2", "twice") == 0);
  // An ordinary day has no such warning.
  const ImportResult plain = Csv(std::string(kHeader) + "1,2026-10-24,02:30,02:45,A,T\n");
  CHECK(CountWarnings(plain, "test.csv:2", "twice") == 0);
}

TEST_CASE("fuzz invariant on the reviewer's DST repro: an import never gives end before start") {
  // tests/fuzz/fuzz_csv.cpp aborts on end < start; the reviewer's repro (/tmp/rv/dst.csv) tripped it.
  const std::string repro = std::string(kHeader) +
                            "1,2026-03-29,02:30,03:00,A,Gap talk\n"
                            "2,2026-10-25,02:30,02:45,A,Overlap talk\n";
  CHECK(Contains(ErrorOf(repro), "test.csv:2:"));
  for (const char* zone : {"", "Europe/Paris", "Europe/London", "America/New_York", "Australia/Lord_Howe"}) {
    for (const char* row :
         {"2026-03-29,02:30,03:00", "2026-03-29,02:00,02:59", "2026-10-25,02:30,02:45", "2026-03-08,02:30,03:00",
          "2026-11-01,01:30,01:00", "2026-10-04,02:10,02:20", "2026-04-05,01:50,01:40", "2026-03-29,23:30,00:30"}) {
      try {
        const ImportResult result = Csv(std::string(kHeader) + "1," + row + ",A,T\n", zone);
        for (const Session& session : result.programme.sessions) CHECK(session.end >= session.start);
      } catch (const ImportError& error) {
        CHECK(Contains(error.what(), "test.csv:2:"));
      }
    }
  }
}

TEST_CASE("venue zone: 10:20 in Europe/Paris on 2026-07-08 is 08:20Z") {
  const ImportResult result = Csv(std::string(kHeader) + "1,2026-07-08,10:20,11:00,A,T\n");
  CHECK(result.programme.conference.time_zone == "Europe/Paris");
  CHECK(result.programme.sessions.at(0).start == Utc("2026-07-08T08:20:00Z"));
  CHECK(kiosk::FormatUtc(result.programme.sessions.at(0).start) == "2026-07-08T08:20:00Z");
}

TEST_CASE("--tz override: times are read in America/Los_Angeles when the file names no zone") {
  const ImportResult result = Csv(std::string(kHeader) + "1,2026-07-08,10:20,11:00,A,T\n", "America/Los_Angeles");
  CHECK(result.programme.conference.time_zone == "America/Los_Angeles");
  CHECK(result.programme.sessions.at(0).start == Utc("2026-07-08T17:20:00Z"));
}

TEST_CASE("venue zone rule: --tz, else the file's # time_zone:, else Europe/Paris, times are read in it") {
  const std::string text = "# time_zone: America/New_York\n" + std::string(kHeader) + "1,2026-07-08,10:20,11:00,A,T\n";
  const ImportResult own = Csv(text);
  CHECK(own.programme.conference.time_zone == "America/New_York");
  CHECK(own.programme.sessions.at(0).start == Utc("2026-07-08T14:20:00Z"));
  CHECK(CountWarnings(own, "test.csv:1", "time_zone") == 0);
  // --tz wins: 10:20 is read in Paris, and the metadata line is named in a warning.
  const ImportResult overridden = Csv(text, "Europe/Paris");
  CHECK(overridden.programme.conference.time_zone == "Europe/Paris");
  CHECK(overridden.programme.sessions.at(0).start == Utc("2026-07-08T08:20:00Z"));
  CHECK(overridden.programme.sessions.at(0).end == Utc("2026-07-08T09:00:00Z"));
  CHECK(CountWarnings(overridden, "test.csv:1",
                      "file says time_zone America/New_York; reading times in --tz Europe/Paris") == 1);
  // The same zone both ways: no warning.
  CHECK(CountWarnings(Csv(text, "America/New_York"), "test.csv:1", "time_zone") == 0);
  // The metadata line is named wherever it is.
  const ImportResult later =
      Csv("# title: X\n\n# time_zone: Europe/London\n" + std::string(kHeader) + "1,2026-07-08,10:20,11:00,A,T\n",
          "America/Los_Angeles");
  CHECK(later.programme.sessions.at(0).start == Utc("2026-07-08T17:20:00Z"));
  CHECK(CountWarnings(later, "test.csv:3",
                      "file says time_zone Europe/London; reading times in --tz America/Los_Angeles") == 1);
  // Unknown zones: in the file without --tz an error naming its line; replaced by --tz a warning; --tz itself an error.
  CHECK(Contains(ErrorOf("# time_zone: Mars/Olympus\n" + std::string(kHeader)), "test.csv:1"));
  const ImportResult replaced =
      Csv("# time_zone: Mars/Olympus\n" + std::string(kHeader) + "1,2026-07-08,10:20,11:00,A,T\n", "Europe/Paris");
  CHECK(replaced.programme.sessions.at(0).start == Utc("2026-07-08T08:20:00Z"));
  CHECK(CountWarnings(replaced, "test.csv:1", "file says time_zone Mars/Olympus") == 1);
  CHECK(Contains(ErrorOf(std::string(kHeader), "Mars/Olympus"), "Mars/Olympus"));
  CHECK_THROWS_AS(Csv(std::string(kHeader), "Mars/Olympus"), ImportError);
}

// --- shared case: tz-ics, as its CSV equivalent

/// ../shared/cases/tz-ics/dispatch.ics as an organizer would write it in a spreadsheet, in venue-local times.
constexpr const char* kDispatchCsv =
    "id,date,start,end,room,title\n"
    "case-dispatch-1,2026-07-20,12:00,14:00,Grand Ballroom,Dispatch\n"
    "case-dispatch-2,2026-07-20,14:30,15:30,Grand Ballroom,Plenary (given in UTC)\n";

/// The tz-ics expectations (EXPECTED.md) on a programme read with venue zone America/Los_Angeles.
void CheckDispatch(const kiosk::Programme& programme) {
  CHECK(programme.conference.time_zone == "America/Los_Angeles");
  REQUIRE(programme.rooms.size() == 1);
  CHECK(programme.rooms[0].name == "Grand Ballroom");
  const Session* dispatch = FindByTitle(programme, "Dispatch");
  const Session* plenary = FindByTitle(programme, "Plenary (given in UTC)");
  REQUIRE(dispatch);
  REQUIRE(plenary);
  CHECK(dispatch->uid == "id:case-dispatch-1");
  CHECK(dispatch->start == Utc("2026-07-20T19:00:00Z"));
  CHECK(dispatch->end == Utc("2026-07-20T21:00:00Z"));
  CHECK(plenary->start == Utc("2026-07-20T21:30:00Z"));  // the .ics gives it as 20260720T213000Z
  CHECK(plenary->end == Utc("2026-07-20T22:30:00Z"));
  const kiosk::VenueZone venue("America/Los_Angeles");
  CHECK(venue.FormatHm(dispatch->start) == "12:00");
  CHECK(venue.FormatHm(dispatch->end) == "14:00");
  CHECK(venue.FormatHm(plenary->start) == "14:30");
  CHECK(venue.FormatHm(plenary->end) == "15:30");
  const Session* now = kiosk::SessionOnNow(programme, programme.rooms[0].key, Utc("2026-07-20T19:30:00Z"));
  REQUIRE(now);
  CHECK(now->title == "Dispatch");
  CHECK(now->room_key == kiosk::NormalizeKey("Grand Ballroom"));
  CHECK(venue.FormatHm(Utc("2026-07-20T19:30:00Z")) == "12:30");  // where the now-line sits
}

TEST_CASE("tz-ics case as CSV: Dispatch 12:00-14:00 in Los Angeles is 19:00Z and on now at 19:30Z") {
  CheckDispatch(Csv(kDispatchCsv, "America/Los_Angeles").programme);
}

TEST_CASE("tz-ics case as CSV: --tz wins over a file that says Europe/Paris") {
  const ImportResult result = Csv("# time_zone: Europe/Paris\n" + std::string(kDispatchCsv), "America/Los_Angeles");
  CheckDispatch(result.programme);
  CHECK(CountWarnings(result, "test.csv:1",
                      "file says time_zone Europe/Paris; reading times in --tz America/Los_Angeles") == 1);
}

TEST_CASE("tz-ics case as CSV: the same instants whatever the host's TZ") {
  for (const char* host : {"UTC", "Europe/Paris", "Asia/Tokyo", "America/Los_Angeles"}) {
    CAPTURE(host);
    const HostTz scoped(host);
    CheckDispatch(Csv(kDispatchCsv, "America/Los_Angeles").programme);
  }
}

// --- metadata

TEST_CASE("metadata lines before the header fill the conference") {
  const ImportResult result =
      Csv("# title: 17es Rencontres de l'action internationale\n"
          "# acronym: RAICT;;;;\n"
          "\"# description: Salons, ateliers et \"\"démonstration\"\"\";;\n"
          "# a comment without a key\n"
          "# start: 2026-07-08\n"
          "# end: 09/07/2026\n"
          "\n" +
          std::string(kHeader) + "1,2026-07-08,09:30,10:30,A,T\n");
  const kiosk::ConferenceInfo& conference = result.programme.conference;
  CHECK(conference.title == "17es Rencontres de l'action internationale");
  CHECK(conference.acronym == "RAICT");
  CHECK(conference.description == "Salons, ateliers et \"démonstration\"");
  CHECK(conference.first_day == kiosk::Day{date::year{2026} / 7 / 8});
  CHECK(conference.last_day == kiosk::Day{date::year{2026} / 7 / 9});
  CHECK(conference.time_zone == "Europe/Paris");
  REQUIRE(result.programme.sessions.size() == 1);
  // The header is on line 8: a data error on the next line names line 9.
  CHECK(Contains(
      ErrorOf("# title: x\n# start: 2026-07-08\n\n\n\n\n\n" + std::string(kHeader) + "1,2026-07-08,nine,10:30,A,T\n"),
      "test.csv:9"));
  CHECK(Contains(ErrorOf("# start: someday\n" + std::string(kHeader)), "test.csv:1"));
}

// --- the RAICT programme

TEST_CASE("schedules/raict-2026.csv imports cleanly") {
  const auto path = kiosk::test::SourcePath("schedules/raict-2026.csv");
  kiosk::ImportOptions options;
  options.source_name = "raict-2026.csv";
  const ImportResult result = kiosk::ImportCsv(kiosk::test::ReadBytes(path), options);
  CHECK(result.programme.sessions.size() >= 40);
  for (const kiosk::Warning& warning : result.warnings) {
    std::string lower = warning.message;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    CHECK_MESSAGE(!Contains(lower, "overlap"), warning.ToString());
  }
  const bool copil = std::any_of(
      result.programme.sessions.begin(), result.programme.sessions.end(),
      [](const Session& s) { return s.start == Utc("2026-07-09T13:30:00Z") && Contains(s.title, "COPIL"); });
  CHECK(copil);
  CHECK(Contains(result.programme.conference.description, "démonstration"));
  CHECK(result.programme.conference.time_zone == "Europe/Paris");
}
