// Headless tests of the screens' view models, typography and line breaking (no window, no GL).
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <set>

#include <imgui.h>

#include "ScreenTestSupport.h"
#include "TestSupport.h"
#include "kiosk/core/Fields.h"
#include "kiosk/core/LiveChanges.h"
#include "kiosk/core/VenueZone.h"
#include "kiosk/importers/Importer.h"
#include "kiosk/ui/BoardViewModel.h"
#include "kiosk/ui/DoorSignViewModel.h"
#include "kiosk/ui/Fonts.h"
#include "kiosk/ui/Overlays.h"
#include "kiosk/ui/Screens.h"
#include "kiosk/ui/Theme.h"
#include "kiosk/ui/TimelineViewModel.h"
#include "kiosk/ui/Typography.h"

using namespace kiosk;
using namespace kiosk::ui;
using std::chrono::hours;
using std::chrono::minutes;

namespace {

const std::string kNbspS(kNbsp);
const std::string kNarrowS(kNarrowNbsp);

/// A small two-day programme in Europe/Paris, built in code.
struct Fixture {
  VenueZone zone{"Europe/Paris"};
  Programme programme;

  Instant At(const char* local) const { return ParseIsoInstant(local, zone); }

  Session& Add(const char* uid, const char* room, const char* start, const char* end, const char* title,
               const char* kind = "atelier") {
    Session s;
    s.uid = uid;
    s.room_key = room;
    s.start = At(start);
    s.end = At(end);
    s.day = ParseDay(std::string(start).substr(0, 10));
    s.title = title;
    s.kind = kind;
    programme.sessions.push_back(s);
    return programme.sessions.back();
  }

  Fixture() {
    programme.conference.title = "17es Rencontres de l'action internationale";
    programme.rooms = {{"grand", "Grand Salon"},
                       {"monge", "Salon Monge"},
                       {"arts", "Restaurant Les Arts"},
                       {"laplace", "Salon Laplace"}};
    Add("p1", "grand", "2026-07-08T09:00", "2026-07-08T10:00", "Plénière d'ouverture", "plénière");
    Session& eau = Add("a1", "monge", "2026-07-08T10:00", "2026-07-08T11:30", "Eau : quels enjeux ?");
    eau.title_en = "Water: what's at stake?";
    eau.speakers = {{"Claire Vasseur", "Vice-présidente"}, {"Mamadou Sène", ""}};
    Add("a2", "monge", "2026-07-08T11:45", "2026-07-08T13:00", "Étude ECSI");
    Add("r1", "grand", "2026-07-08T10:00", "2026-07-08T11:30", "Réunion régionale Sahel", "réunion régionale");
    Add("l1", "arts", "2026-07-08T13:00", "2026-07-08T14:15", "Déjeuner", "déjeuner");
    Session& cancelled = Add("c1", "laplace", "2026-07-08T10:00", "2026-07-08T11:00", "Café annulé", "café");
    cancelled.status = SessionStatus::Cancelled;
    Add("c2", "laplace", "2026-07-08T15:00", "2026-07-08T15:45", "Café remplaçant", "café");
    Add("d2", "grand", "2026-07-09T09:00", "2026-07-09T10:30", "Plénière de clôture", "plénière");
    programme.Normalize();
  }
};

const RoomCard* FindCard(const BoardViewModel& vm, const std::string& key) {
  for (const RoomCard& card : vm.rooms)
    if (card.room_key == key) return &card;
  return nullptr;
}

/// Every character is 10 px wide (code points, not bytes).
float TenPerChar(std::string_view text) { return 10.0f * static_cast<float>(DecodeUtf8(text).size()); }

}  // namespace

TEST_CASE("typography: French no-break spaces before high punctuation and inside guillemets") {
  CHECK(FrenchDisplay("Eau : quels enjeux ?") == "Eau" + kNbspS + ": quels enjeux" + kNarrowS + "?");
  CHECK(FrenchDisplay("Eau: quels enjeux?") == "Eau" + kNbspS + ": quels enjeux" + kNarrowS + "?");
  CHECK(FrenchDisplay("« x »") == "«" + kNbspS + "x" + kNbspS + "»");
  CHECK(FrenchDisplay("«x»") == "«" + kNbspS + "x" + kNbspS + "»");
  CHECK(FrenchDisplay("Vite ! Oui ; non") == "Vite" + kNarrowS + "! Oui" + kNarrowS + "; non");
  CHECK(FrenchDisplay("l'action") == "l\u2019action");
  // Times, URLs and already typeset text are left alone.
  CHECK(FrenchDisplay("10:30") == "10:30");
  CHECK(FrenchDisplay("https://cites-unies-france.org") == "https://cites-unies-france.org");
  const std::string once = FrenchDisplay("Eau : « quels » enjeux ?!");
  CHECK(FrenchDisplay(once) == once);
  CHECK(EnglishDisplay("Water: what's at stake?") == "Water: what\u2019s at stake?");
}

TEST_CASE("typography: wrapping never breaks at a no-break space, so no line starts with ':' or '?'") {
  const std::string text = FrenchDisplay("Eau : quels enjeux pour demain ?");
  for (float width : {80.0f, 100.0f, 140.0f, 200.0f, 400.0f}) {  // at least the longest word
    std::vector<std::string> lines = WrapText(text, width, TenPerChar);
    REQUIRE(!lines.empty());
    for (const std::string& line : lines) {
      CHECK(line.rfind(":", 0) != 0);
      CHECK(line.rfind("?", 0) != 0);
      CHECK(line.rfind(kNbspS, 0) != 0);
      CHECK(line.rfind(kNarrowS, 0) != 0);
    }
  }
  std::vector<std::string> lines = WrapText(text, 100.0f, TenPerChar);
  CHECK(lines.front() == "Eau" + kNbspS + ":");
  CHECK(lines.back() == "demain" + kNarrowS + "?");
}

TEST_CASE("typography: wrap limits lines with an ellipsis and cuts only an over-long word") {
  std::vector<std::string> lines = WrapText("un deux trois quatre cinq six", 110.0f, TenPerChar, 2);
  REQUIRE(lines.size() == 2);
  CHECK(lines[0] == "un deux");
  CHECK(lines[1] == "trois\u2026");
  for (const std::string& line : lines) CHECK(TenPerChar(line) <= 110.0f);
  lines = WrapText("anticonstitutionnellement", 100.0f, TenPerChar);
  CHECK(lines.size() == 3);  // unbounded: split between characters
  lines = WrapText("Internationalisation des territoires", 100.0f, TenPerChar, 2);
  REQUIRE(lines.size() == 1);  // bounded: the over-wide word ends the text with an ellipsis, never cut silently
  CHECK(lines[0] == "Internati\u2026");
  lines = WrapText("Rendez-vous B2B", 80.0f, TenPerChar, 2);
  REQUIRE(lines.size() == 2);
  CHECK(lines[0] == "Rendez-");
  CHECK(lines[1] == "vous B2B");
  CHECK(FitOneLine("Salle La Rochefoucauld", 150.0f, TenPerChar) == "Salle La\u2026");
  CHECK(FitOneLine("Court", 150.0f, TenPerChar) == "Court");
}

TEST_CASE("typography: fitting a long text measures what it keeps, not every prefix of what it is given") {
  // Issue 11 defect 5: FittingPrefix measured every prefix one character longer (quadratic: a 1 MB title took 21 s
  // for the first board frame) and Ellipsize measured the text before each of its spaces from the end.
  std::size_t measured = 0;
  const MeasureText counting = [&](std::string_view text) {
    measured += text.size();
    return TenPerChar(text);
  };
  const std::string word(20000, 'x');  // one word, 20 000 characters
  std::string words;                   // 20 000 characters in words of 9
  while (words.size() < 20000) words += "mot-clef ";
  for (const std::string* text : std::vector<const std::string*>{&word, &words}) {
    measured = 0;
    const std::string fitted = FitOneLine(*text, 400.0f, counting);
    CHECK(TenPerChar(fitted) <= 400.0f);
    CHECK(fitted.size() >= 20);
    CHECK(measured < 4000);  // ~40 characters kept; before: over 10 million bytes measured
    measured = 0;
    const std::vector<std::string> lines = WrapText(*text, 400.0f, counting, 3);
    CHECK(lines.size() <= 3);
    CHECK(measured < 8000);
    measured = 0;
    CHECK(WrapText(*text, 400.0f, counting, 0).size() >= 450);  // unbounded: every line, each measured a few times
    CHECK(measured < 40 * text->size());
  }
  // The same results as measuring every prefix: the longest prefix that fits, cut at a word when that keeps half.
  CHECK(FitOneLine(word, 95.0f, TenPerChar) == "xxxxxxxx\u2026");
  CHECK(FitOneLine(words, 255.0f, TenPerChar) == "mot-clef mot-clef\u2026");
  CHECK(WrapText(word, 100.0f, TenPerChar, 0).front() == std::string(10, 'x'));
  CHECK(FitOneLine("Salle La Rochefoucauld", 150.0f, TenPerChar) == "Salle La\u2026");
  CHECK(FitOneLine(std::string(40, 'a') + " b", 150.0f, TenPerChar) == std::string(14, 'a') + "\u2026");
}

TEST_CASE(
    "typography: ImGui 1.86's word wrap keeps U+00A0 inside a word but then cuts mid-word (so we wrap ourselves)") {
  ImGuiContext* context = ImGui::CreateContext();
  ImGui::GetIO().IniFilename = nullptr;  // no imgui.ini left in the working folder
  ImFontAtlas* atlas = ImGui::GetIO().Fonts;
  ImFont* font = atlas->AddFontDefault();  // ProggyClean covers Latin-1, U+00A0 included
  unsigned char* pixels = nullptr;
  int w = 0, h = 0;
  atlas->GetTexDataAsAlpha8(&pixels, &w, &h);
  auto wrap_at = [font](const std::string& text) {
    const char* end = text.c_str() + text.size();
    const float full = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, text.c_str(), end).x;
    return font->CalcWordWrapPositionA(1.0f, text.c_str(), end, full * 0.75f) - text.c_str();
  };
  CHECK(wrap_at("aaaa bbbb") == 4);              // an ASCII space is a break
  CHECK(wrap_at("aaaa" + kNbspS + "bbbb") > 6);  // U+00A0 is not, but the over-long "word" is cut inside "bbbb"
  ImGui::DestroyContext(context);
}

TEST_CASE("board at 2026-07-08T10:20 Europe/Paris: now, next, minutes left, progress, labels") {
  Fixture f;
  BoardViewModel vm =
      BoardViewModel::Build(f.programme, f.At("2026-07-08T10:20"), f.zone, {12, f.At("2026-07-08T10:05")});
  CHECK(vm.phase == EventPhase::During);
  CHECK(vm.clock == "10:20");
  CHECK(vm.day_label.fr == "mercredi 8 juillet 2026");
  CHECK(vm.day_label.en == "Wednesday 8 July 2026");
  CHECK(vm.event_name == "17es Rencontres de l\u2019action internationale");
  CHECK(vm.revision.fr == "Mis à jour à 10:05 \u00B7 révision 12");
  CHECK(vm.revision.en == "Updated 10:05 \u00B7 revision 12");
  CHECK(RevisionLine(vm.revision) == "Mis à jour à 10:05 \u00B7 révision 12 / Updated 10:05 \u00B7 revision 12");
  REQUIRE(vm.rooms.size() == 4);

  const RoomCard* monge = FindCard(vm, "monge");
  REQUIRE(monge);
  REQUIRE(monge->now);
  CHECK(monge->now->item.title == "Eau" + kNbspS + ": quels enjeux" + kNarrowS + "?");
  CHECK(monge->now->item.title_en == "Water: what\u2019s at stake?");
  CHECK(monge->now->item.time_range == "10:00\u201311:30");
  CHECK(monge->now->item.speakers == "Claire Vasseur (Vice-présidente), Mamadou Sène");
  CHECK(monge->now->item.kind == SessionKind::Workshop);
  CHECK(monge->now->item.kind_label.fr == "Atelier");
  CHECK(monge->now->minutes_left == 70);
  CHECK(monge->now->remaining.fr == "encore 1" + kNbspS + "h" + kNbspS + "10");
  CHECK(monge->now->progress == doctest::Approx(20.0 / 90.0));
  REQUIRE(monge->next);
  CHECK(monge->next->when.fr == "11:45");
  CHECK_FALSE(monge->next->other_day);
  CHECK(monge->next->item.title == "Étude ECSI");

  const RoomCard* grand = FindCard(vm, "grand");
  REQUIRE(grand);
  REQUIRE(grand->now);
  CHECK(grand->now->item.kind == SessionKind::Regional);
  REQUIRE(grand->next);
  CHECK(grand->next->other_day);
  CHECK(grand->next->when.fr == "demain 09:00");
  CHECK(grand->next->when.en == "tomorrow 09:00");

  // Cancelled sessions are never now, and show as cancelled in the day's list.
  const RoomCard* laplace = FindCard(vm, "laplace");
  REQUIRE(laplace);
  CHECK_FALSE(laplace->now);
  REQUIRE(laplace->next);
  CHECK(laplace->next->item.title == "Café remplaçant");
  CHECK(laplace->status.fr == "Prochaine session à 15:00");

  const RoomCard* arts = FindCard(vm, "arts");
  REQUIRE(arts);
  CHECK_FALSE(arts->now);
  CHECK_FALSE(arts->done_for_today);

  // Coming sessions: start after now, by start.
  REQUIRE(vm.coming.size() == 3);
  CHECK(vm.coming[0].start_hm == "11:45");
  CHECK(vm.coming[1].start_hm == "13:00");
  CHECK(vm.coming[2].start_hm == "15:00");
  CHECK_FALSE(vm.next_anywhere);
  // The clock changes at the next minute.
  CHECK(vm.next_change == f.At("2026-07-08T10:21"));
}

TEST_CASE("board: rooms with a session on now first, then those with one to come today by start, done ones last") {
  Fixture f;
  f.Add("g2", "grand", "2026-07-08T16:00", "2026-07-08T17:00", "Réunion régionale Maghreb", "réunion régionale");
  f.programme.Normalize();
  // 13:30: lunch on in Les Arts; Laplace (15:00) and Grand Salon (16:00) to come, soonest first; Monge done.
  BoardViewModel vm = BoardViewModel::Build(f.programme, f.At("2026-07-08T13:30"), f.zone, {});
  std::vector<std::string> order;
  for (const RoomCard& card : vm.rooms) order.push_back(card.room_key);
  CHECK(order == std::vector<std::string>{"arts", "laplace", "grand", "monge"});
  CHECK(vm.rooms[0].now);
  CHECK(vm.rooms[3].done_for_today);
}

TEST_CASE("typography follows the session's language: French spaces only for French (or unstated) text") {
  CHECK(IsFrenchLanguage(""));
  CHECK(IsFrenchLanguage("fr"));
  CHECK(IsFrenchLanguage("fr/en"));
  CHECK(IsFrenchLanguage("FR-ca"));
  CHECK(IsFrenchLanguage("French"));
  CHECK_FALSE(IsFrenchLanguage("en"));
  CHECK_FALSE(IsFrenchLanguage("de, en"));
  CHECK_FALSE(IsFrenchLanguage("en/fr"));

  Fixture f;
  Session& german = f.Add("de1", "grand", "2026-07-08T16:00", "2026-07-08T17:00",
                          "Wann klappt der Anschluss, wie sagt man Chaos vorher?", "Talk");
  german.language = "de, en";
  Session& english = f.Add("en1", "monge", "2026-07-08T16:00", "2026-07-08T17:00", "Libreboot: Free Your BIOS!");
  english.language = "en";
  english.speakers = {{"Leah Rowe", "Maintainer's note: none"}};
  Programme english_only;
  english_only.sessions = {english, english, f.programme.sessions[f.programme.sessions.size() - 2]};
  f.programme.Normalize();
  for (const Session& s : f.programme.sessions) {
    SessionItem item = MakeSessionItem(f.programme, s, f.zone);
    if (s.uid == "de1") CHECK(item.title == "Wann klappt der Anschluss, wie sagt man Chaos vorher?");
    if (s.uid == "en1") {
      CHECK(item.title == "Libreboot: Free Your BIOS!");
      CHECK(item.speakers == "Leah Rowe (Maintainer\u2019s note: none)");
    }
    if (s.uid == "a1") CHECK(item.title == "Eau" + kNbspS + ": quels enjeux" + kNarrowS + "?");
  }
  CHECK(ProgrammeIsFrench(f.programme));  // 8 of 10 sessions state no language
  CHECK_FALSE(ProgrammeIsFrench(english_only));
}

TEST_CASE("board: a cancelled session is never now, and is listed as Annulé / Cancelled") {
  Fixture f;
  BoardViewModel vm = BoardViewModel::Build(f.programme, f.At("2026-07-08T09:30"), f.zone, {});
  const RoomCard* laplace = FindCard(vm, "laplace");
  REQUIRE(laplace);
  bool listed = false;
  for (const SessionItem& item : vm.coming) {
    if (item.title == "Café annulé") {
      listed = true;
      CHECK(item.cancelled);
      CHECK(item.status.fr == "Annulé");
      CHECK(item.status.en == "Cancelled");
    }
  }
  CHECK(listed);
  for (const char* t : {"2026-07-08T10:00", "2026-07-08T10:30", "2026-07-08T10:59"}) {
    BoardViewModel at = BoardViewModel::Build(f.programme, f.At(t), f.zone, {});
    const RoomCard* card = FindCard(at, "laplace");
    REQUIRE(card);
    CHECK_FALSE(card->now);
    // In its slot, the card says the session is cancelled.
    REQUIRE(card->cancelled_now);
    CHECK(card->cancelled_now->title == "Café annulé");
  }
  BoardViewModel later = BoardViewModel::Build(f.programme, f.At("2026-07-08T11:00"), f.zone, {});
  CHECK_FALSE(FindCard(later, "laplace")->cancelled_now);
  CHECK(vm.revision.fr.empty());
}

TEST_CASE("board: between sessions and done for the day") {
  Fixture f;
  BoardViewModel vm = BoardViewModel::Build(f.programme, f.At("2026-07-08T14:30"), f.zone, {});
  CHECK(vm.phase == EventPhase::During);
  const RoomCard* monge = FindCard(vm, "monge");
  REQUIRE(monge);
  CHECK(monge->done_for_today);
  CHECK(monge->status.fr == "Plus de session aujourd\u2019hui");
  CHECK(monge->status.en == "No more sessions today");
  // Nothing on now anywhere: the board says what comes next.
  REQUIRE(vm.next_anywhere);
  CHECK(vm.next_anywhere->item.title == "Café remplaçant");
  CHECK(vm.next_anywhere->when.fr == "15:00");
  // The next minute boundary comes before 15:00.
  CHECK(vm.next_change == f.At("2026-07-08T14:31"));
  CHECK_FALSE(vm.overnight);

  // After the day's last session, the screen waits for the next day.
  BoardViewModel evening = BoardViewModel::Build(f.programme, f.At("2026-07-08T21:00"), f.zone, {});
  CHECK(evening.phase == EventPhase::During);
  CHECK(evening.overnight);
  CHECK(evening.countdown.fr == "dans 12" + kNbspS + "h");
  CHECK(evening.opening.fr == "Reprise jeudi 9 juillet à 09:00");
  REQUIRE(evening.day_programme.size() == 1);
  CHECK(evening.day_programme[0].title == "Plénière de clôture");
}

TEST_CASE("board: zero-length sessions give progress 0, not a division by zero") {
  Fixture f;
  f.Add("z", "monge", "2026-07-08T16:00", "2026-07-08T16:00", "Annonce", "annonce");
  f.programme.Normalize();
  BoardViewModel vm = BoardViewModel::Build(f.programme, f.At("2026-07-08T16:00"), f.zone, {});
  for (const RoomCard& card : vm.rooms) {
    if (card.now) CHECK(card.now->progress >= 0.0f);
    if (card.now) CHECK(card.now->progress <= 1.0f);
  }
}

TEST_CASE("board: before the event a countdown and the first day's programme, after it the closing words") {
  Fixture f;
  BoardViewModel before = BoardViewModel::Build(f.programme, f.At("2026-07-01T10:00"), f.zone, {});
  CHECK(before.phase == EventPhase::Before);
  CHECK(before.countdown.fr == "J-7");
  CHECK(before.countdown.en == "7 days to go");
  CHECK(before.opening.fr == "Ouverture mercredi 8 juillet à 09:00");
  CHECK(before.day_programme.size() == 7);
  CHECK_FALSE(before.overnight);
  CHECK(before.dates.fr == "8\u20139 juillet 2026");

  BoardViewModel morning = BoardViewModel::Build(f.programme, f.At("2026-07-08T06:45"), f.zone, {});
  CHECK(morning.phase == EventPhase::Before);
  CHECK(morning.countdown.fr == "dans 2" + kNbspS + "h" + kNbspS + "15");
  CHECK(morning.countdown.en == "in 2" + kNbspS + "h" + kNbspS + "15" + kNbspS + "min");

  BoardViewModel soon = BoardViewModel::Build(f.programme, f.At("2026-07-08T08:25"), f.zone, {});
  CHECK(soon.countdown.fr == "dans 35" + kNbspS + "min");

  BoardViewModel after =
      BoardViewModel::Build(f.programme, f.At("2026-07-10T10:00"), f.zone, {7, f.At("2026-07-01T09:00")});
  CHECK(after.phase == EventPhase::After);
  CHECK(after.closing_title.fr == "Merci de votre participation" + kNarrowS + "!");
  CHECK(after.revision.fr == "Mis à jour le mercredi 1er juillet à 09:00 \u00B7 révision 7");
}

TEST_CASE("board: with the first session cancelled, the countdown counts to the first confirmed one") {
  Fixture f;
  for (Session& session : f.programme.sessions)
    if (session.uid == "p1") session.status = SessionStatus::Cancelled;  // the 09:00 opening plenary
  BoardViewModel soon = BoardViewModel::Build(f.programme, f.At("2026-07-08T08:25"), f.zone, {});
  CHECK(soon.phase == EventPhase::Before);
  CHECK(soon.countdown.fr == "dans 1" + kNbspS + "h" + kNbspS + "35");
  CHECK(soon.opening.fr == "Ouverture mercredi 8 juillet à 10:00");
  CHECK(soon.opening.en == "Opens Wednesday 8 July at 10:00");
}

TEST_CASE("fonts: an 8K wall (4320 px) bakes at most the 4K sizes, draws at its own, and never crashes") {
  ImGuiContext* context = ImGui::CreateContext();
  ImGui::GetIO().IniFilename = nullptr;  // no imgui.ini left in the working folder
  {
    Fonts fonts;
    fonts.SetText("Plénière d'ouverture 0123456789 WMŒ—");
    for (float height : {240.0f, 360.0f, 1080.0f, 2160.0f, 4320.0f}) {
      CAPTURE(height);
      CHECK(fonts.Ensure(height, 16384));
      const Metrics metrics = Metrics::ForHeight(height);
      CHECK(fonts.Size(Fonts::kBody) == doctest::Approx(std::round(metrics.body)));
      CHECK(fonts.Size(Fonts::kDisplay) == doctest::Approx(std::round(metrics.display)));
      // Debian's imgui_freetype 1.86 overflows its scratch buffer for glyphs over 65536 px: 4K sizes at most.
      CHECK(fonts.Get(Fonts::kDisplay)->FontSize <= 240.0f);
    }
  }
  ImGui::DestroyContext(context);
}

TEST_CASE("day labels in French and English") {
  CHECK(DayLabel(Day{date::year{2026}, date::July, date::day{9}}).fr == "jeudi 9 juillet 2026");
  CHECK(DayLabel(Day{date::year{2026}, date::August, date::day{1}}).fr == "samedi 1er août 2026");
  CHECK(DayLabel(Day{date::year{2026}, date::August, date::day{1}}).en == "Saturday 1 August 2026");
  CHECK(DaySpanLabel(Day{date::year{2026}, date::June, date::day{30}}, Day{date::year{2026}, date::July, date::day{1}})
            .en == "30 June \u2013 1 July 2026");
}

TEST_CASE("kinds are classified ignoring case and accents") {
  CHECK(ClassifyKind("plénière") == SessionKind::Plenary);
  CHECK(ClassifyKind("Atelier") == SessionKind::Workshop);
  CHECK(ClassifyKind("réunion régionale") == SessionKind::Regional);
  CHECK(ClassifyKind("café des rencontres") == SessionKind::Cafe);
  CHECK(ClassifyKind("rendez-vous B2B") == SessionKind::B2B);
  CHECK(ClassifyKind("pause") == SessionKind::Break);
  CHECK(ClassifyKind("déjeuner") == SessionKind::Break);
  CHECK(KindLabel("déjeuner").en == "Lunch");
  CHECK(ClassifyKind("comité") == SessionKind::Other);
  CHECK(KindLabel("comité").fr == "Comité de pilotage");
}

TEST_CASE("timeline: bars on the grid span, now-line, pagination and rotation") {
  Fixture f;
  TimelineViewModel vm = TimelineViewModel::Build(f.programme, Day{date::year{2026}, date::July, date::day{8}},
                                                  f.At("2026-07-08T10:20"), f.zone);
  // Grid 09:00-16:00 (last end 15:45 rounded up): 7 hours.
  CHECK(vm.grid_start == f.At("2026-07-08T09:00"));
  CHECK(vm.grid_end == f.At("2026-07-08T16:00"));
  CHECK_FALSE(vm.windowed);  // 7 h: the whole day
  CHECK(vm.day_start == vm.grid_start);
  CHECK(vm.day_end == vm.grid_end);
  REQUIRE(vm.ticks.size() == 8);
  CHECK(vm.ticks.front().label == "09:00");
  CHECK(vm.ticks.back().label == "16:00");
  REQUIRE(vm.now_x);
  CHECK(*vm.now_x == doctest::Approx(80.0 / 420.0));
  CHECK(vm.now_hm == "10:20");
  REQUIRE(vm.rows.size() == 4);
  CHECK(vm.rows[0].room_name == "Grand Salon");
  const TimelineBar& eau = vm.rows[1].bars[0];
  CHECK(eau.x0 == doctest::Approx(60.0 / 420.0));
  CHECK(eau.x1 == doctest::Approx(150.0 / 420.0));
  CHECK(eau.is_now);
  CHECK_FALSE(vm.rows[0].bars[0].is_now);  // the opening plenary ended at 10:00
  CHECK(vm.rows[0].bars[0].is_past);
  // The cancelled café is a bar, never now.
  CHECK(vm.rows[3].bars[0].item.cancelled);
  CHECK_FALSE(vm.rows[3].bars[0].is_now);
  // The next day's session is not on this day's grid.
  for (const TimelineRow& row : vm.rows)
    for (const TimelineBar& bar : row.bars) CHECK(bar.item.title != "Plénière de clôture");

  CHECK(vm.PageCount(3) == 2);
  CHECK(vm.RowsOnPage(0, 3) == std::pair<std::size_t, std::size_t>{0, 3});
  CHECK(vm.RowsOnPage(1, 3) == std::pair<std::size_t, std::size_t>{3, 4});
  CHECK(vm.RowsOnPage(2, 3) == std::pair<std::size_t, std::size_t>{0, 3});
  CHECK(vm.PageCount(10) == 1);
  CHECK(vm.PageCount(0) == 4);
  CHECK(RotationPage(std::chrono::seconds{0}, std::chrono::seconds{10}, 3) == 0);
  CHECK(RotationPage(std::chrono::seconds{25}, std::chrono::seconds{10}, 3) == 2);
  CHECK(RotationPage(std::chrono::seconds{35}, std::chrono::seconds{10}, 3) == 0);
  CHECK(RotationPage(std::chrono::seconds{35}, std::chrono::seconds{10}, 1) == 0);

  // Outside the grid there is no now-line.
  TimelineViewModel evening = TimelineViewModel::Build(f.programme, Day{date::year{2026}, date::July, date::day{8}},
                                                       f.At("2026-07-08T20:00"), f.zone);
  CHECK_FALSE(evening.now_x);
}

namespace {

/// A congress day in Europe/Paris running from 09:00 to the next morning (the grid spans 09:00-06:00, 21 h).
struct LongDay {
  VenueZone zone{"Europe/Paris"};
  Programme programme;
  Day day{date::year{2024}, date::December, date::day{28}};

  Instant At(const char* local) const { return ParseIsoInstant(local, zone); }
  void Add(const char* uid, const char* room, const char* start, const char* end, const char* kind = "Talk") {
    Session s;
    s.uid = uid;
    s.room_key = room;
    s.day = day;
    s.start = At(start);
    s.end = At(end);
    s.title = uid;
    s.kind = kind;
    s.language = "en";
    programme.sessions.push_back(s);
  }

  LongDay() {
    programme.rooms = {{"saal1", "Saal 1"}, {"glitch", "Saal GLITCH"}, {"zigzag", "Saal ZIGZAG"}};
    Add("opening", "saal1", "2024-12-28T09:00", "2024-12-28T10:00");
    Add("noon", "saal1", "2024-12-28T12:30", "2024-12-28T13:30");
    Add("across-start", "glitch", "2024-12-28T12:30", "2024-12-28T14:30", "Workshop");
    Add("afternoon", "saal1", "2024-12-28T14:00", "2024-12-28T15:00");
    Add("across-end", "saal1", "2024-12-28T20:30", "2024-12-28T22:00", "DJ Set");
    Add("morning-only", "zigzag", "2024-12-28T10:00", "2024-12-28T11:00");
    Add("night", "glitch", "2024-12-29T05:00", "2024-12-29T05:30", "Live Concert");
    programme.Normalize();
  }

  /// The day's timeline at venue-local `now`.
  TimelineViewModel Grid(const char* now) const { return TimelineViewModel::Build(programme, day, At(now), zone); }
};

const TimelineBar* FindBar(const TimelineViewModel& vm, const std::string& title) {
  for (const TimelineRow& row : vm.rows)
    for (const TimelineBar& bar : row.bars)
      if (bar.item.title == title) return &bar;
  return nullptr;
}

}  // namespace

TEST_CASE("timeline window: a day over 10 h shows 8 h from the hour before now, shifted inside the day") {
  LongDay d;
  TimelineViewModel vm = d.Grid("2024-12-28T14:00");
  CHECK(vm.day_start == d.At("2024-12-28T09:00"));
  CHECK(vm.day_end == d.At("2024-12-29T06:00"));
  CHECK(vm.windowed);
  CHECK(vm.grid_start == d.At("2024-12-28T13:00"));
  CHECK(vm.grid_end == d.At("2024-12-28T21:00"));
  REQUIRE(vm.ticks.size() == 9);
  CHECK(vm.ticks.front().label == "13:00");
  CHECK(vm.ticks.back().label == "21:00");

  // Floored to the hour: until 14:59 the window keeps its start; at 15:00 it moves on by an hour.
  CHECK(d.Grid("2024-12-28T14:59").grid_start == d.At("2024-12-28T13:00"));
  CHECK(d.Grid("2024-12-28T15:00").grid_start == d.At("2024-12-28T14:00"));
  // Before the day's first session, and in its first hour: from the day's first hour.
  for (const char* early : {"2024-12-28T07:30", "2024-12-28T08:59", "2024-12-28T09:30"}) {
    TimelineViewModel morning = d.Grid(early);
    CHECK(morning.grid_start == d.At("2024-12-28T09:00"));
    CHECK(morning.grid_end == d.At("2024-12-28T17:00"));
  }
  // Near the end of the day the window is shifted back, not shrunk: still 8 h, ending at the day change.
  TimelineViewModel late = d.Grid("2024-12-29T04:30");
  CHECK(late.grid_start == d.At("2024-12-28T22:00"));
  CHECK(late.grid_end == d.At("2024-12-29T06:00"));
  // Long after the day, the same last window (no now-line).
  TimelineViewModel after = d.Grid("2024-12-29T12:00");
  CHECK(after.grid_start == d.At("2024-12-28T22:00"));
  CHECK_FALSE(after.now_x);

  // A day of exactly 10 h is shown whole.
  LongDay ten;
  ten.programme.sessions.clear();
  ten.Add("first", "saal1", "2024-12-28T09:00", "2024-12-28T10:00");
  ten.Add("last", "saal1", "2024-12-28T18:30", "2024-12-28T19:00");
  ten.programme.Normalize();
  TimelineViewModel whole = ten.Grid("2024-12-28T14:00");
  CHECK_FALSE(whole.windowed);
  CHECK(whole.grid_start == ten.At("2024-12-28T09:00"));
  CHECK(whole.grid_end == ten.At("2024-12-28T19:00"));
}

TEST_CASE("timeline window: sessions across its edges are clipped, those outside it left out, with their rooms") {
  LongDay d;
  TimelineViewModel vm = d.Grid("2024-12-28T14:00");  // 13:00-21:00
  const TimelineBar* noon = FindBar(vm, "noon");      // 12:30-13:30
  REQUIRE(noon);
  CHECK(noon->clipped_start);
  CHECK_FALSE(noon->clipped_end);
  CHECK(noon->x0 == doctest::Approx(0.0));
  CHECK(noon->x1 == doctest::Approx(0.5 / 8.0));
  CHECK(noon->is_past);
  const TimelineBar* across_start = FindBar(vm, "across-start");  // 12:30-14:30
  REQUIRE(across_start);
  CHECK(across_start->clipped_start);
  CHECK(across_start->is_now);
  CHECK(across_start->x1 == doctest::Approx(1.5 / 8.0));
  const TimelineBar* across_end = FindBar(vm, "across-end");  // 20:30-22:00
  REQUIRE(across_end);
  CHECK(across_end->clipped_end);
  CHECK_FALSE(across_end->clipped_start);
  CHECK(across_end->x0 == doctest::Approx(7.5 / 8.0));
  CHECK(across_end->x1 == doctest::Approx(1.0));
  const TimelineBar* afternoon = FindBar(vm, "afternoon");
  REQUIRE(afternoon);
  CHECK_FALSE(afternoon->clipped_start);
  CHECK_FALSE(afternoon->clipped_end);
  // Wholly outside the window: not drawn; a room with nothing in it has no row.
  CHECK_FALSE(FindBar(vm, "opening"));
  CHECK_FALSE(FindBar(vm, "night"));
  REQUIRE(vm.rows.size() == 2);
  CHECK(vm.rows[0].room_key == "saal1");
  CHECK(vm.rows[1].room_key == "glitch");

  // The night session shows in the last window, and the room of the morning in the first.
  CHECK(FindBar(d.Grid("2024-12-29T04:30"), "night"));
  TimelineViewModel morning = d.Grid("2024-12-28T08:00");
  CHECK(FindBar(morning, "morning-only"));
  CHECK(FindBar(morning, "opening"));
  CHECK_FALSE(FindBar(morning, "across-end"));
}

TEST_CASE("timeline window: the now-line is placed in the window") {
  LongDay d;
  TimelineViewModel vm = d.Grid("2024-12-28T14:00");
  REQUIRE(vm.now_x);
  CHECK(*vm.now_x == doctest::Approx(1.0 / 8.0));
  CHECK(vm.now_hm == "14:00");
  TimelineViewModel half_past = d.Grid("2024-12-28T14:30");
  REQUIRE(half_past.now_x);
  CHECK(*half_past.now_x == doctest::Approx(1.5 / 8.0));
  TimelineViewModel late = d.Grid("2024-12-29T04:30");  // 22:00-06:00
  REQUIRE(late.now_x);
  CHECK(*late.now_x == doctest::Approx(6.5 / 8.0));
  // Before the day: the window starts at its first hour and now is not on it.
  CHECK_FALSE(d.Grid("2024-12-28T07:30").now_x);
}

TEST_CASE("timeline legend: only the kinds on the page, a category once, other kinds by their own names") {
  Fixture f;
  TimelineViewModel vm = TimelineViewModel::Build(f.programme, Day{date::year{2026}, date::July, date::day{8}},
                                                  f.At("2026-07-08T10:20"), f.zone);
  auto labels = [](const TimelineLegend& legend) {
    std::vector<std::string> out;
    for (const LegendItem& item : legend.items) out.push_back(item.label);
    return out;
  };
  // The whole day: plenary, workshop, regional meeting, café, lunch (a break); no B2B in this programme.
  TimelineLegend all = vm.Legend(0, vm.rows.size());
  CHECK(labels(all) ==
        std::vector<std::string>{"Plénière", "Atelier", "Réunion régionale", "Café des Rencontres", "Pause"});
  CHECK(all.items[4].kind == SessionKind::Break);
  CHECK(all.more_other == 0);
  // One page: Salon Monge's two workshops only.
  REQUIRE(vm.rows[1].room_key == "monge");
  CHECK(labels(vm.Legend(1, 2)) == std::vector<std::string>{"Atelier"});
  // Salon Laplace: the cancelled café is drawn as cancelled, the replacement café gives the colour.
  REQUIRE(vm.rows[3].room_key == "laplace");
  CHECK(labels(vm.Legend(3, 4)) == std::vector<std::string>{"Café des Rencontres"});

  // Spellings of one category appear once; kinds without one share the neutral colour, named as written.
  LongDay d;
  d.programme.sessions.clear();
  d.Add("t1", "saal1", "2024-12-28T10:00", "2024-12-28T11:00", "talk");
  d.Add("t2", "saal1", "2024-12-28T11:00", "2024-12-28T12:00", "Talk");
  d.Add("t3", "glitch", "2024-12-28T10:00", "2024-12-28T11:00", "Talk");
  d.Add("w1", "glitch", "2024-12-28T11:00", "2024-12-28T12:00", "Workshop");
  d.Add("w2", "zigzag", "2024-12-28T10:00", "2024-12-28T11:00", "Bits & Bäume - Workshop");
  d.Add("dj1", "zigzag", "2024-12-28T11:00", "2024-12-28T12:00", "DJ Set");
  d.Add("dj2", "zigzag", "2024-12-28T12:00", "2024-12-28T13:00", "DJ Set");
  d.Add("o1", "saal1", "2024-12-28T12:00", "2024-12-28T13:00", "other");
  d.Add("c1", "glitch", "2024-12-28T12:00", "2024-12-28T13:00", "Live Concert");
  d.Add("f1", "glitch", "2024-12-28T13:00", "2024-12-28T14:00", "Film");
  d.programme.Normalize();
  TimelineViewModel congress = d.Grid("2024-12-28T11:00");
  TimelineLegend legend = congress.Legend(0, congress.rows.size());
  CHECK(labels(legend) == std::vector<std::string>{"Atelier", "Talk", "DJ Set", "Other"});
  CHECK(legend.items[0].kind == SessionKind::Workshop);
  CHECK(legend.items[1].kind == SessionKind::Other);
  CHECK(legend.more_other == 2);  // Live Concert, Film
  CHECK(congress.Legend(0, congress.rows.size(), 10).more_other == 0);
  for (const LegendItem& item : legend.items) CHECK(item.label != "Plénière");
}

TEST_CASE("timeline, case midnight: a session crossing the grid edge is clipped, not dropped, and not shown twice") {
  VenueZone zone("Europe/Paris");
  Programme p;
  p.rooms = {{"hall-a", "Hall A"}, {"workshop-2", "Workshop 2"}};
  auto add = [&](const char* uid, const char* room, const char* day, const char* start, const char* end,
                 const char* title) {
    Session s;
    s.uid = uid;
    s.room_key = room;
    s.day = ParseDay(day);
    s.start = ParseIsoInstant(start, zone);
    s.end = ParseIsoInstant(end, zone);
    s.title = title;
    p.sessions.push_back(s);
  };
  add("901", "workshop-2", "2026-10-02", "2026-10-02T17:00", "2026-10-03T08:00", "Night CTF");
  add("902", "hall-a", "2026-10-02", "2026-10-03T01:30", "2026-10-03T02:15", "Late lightning talks");
  add("903", "hall-a", "2026-10-03", "2026-10-03T10:00", "2026-10-03T11:00", "Morning plenary");
  p.Normalize();

  const Day day1{date::year{2026}, date::October, date::day{2}}, day2{date::year{2026}, date::October, date::day{3}};
  const Instant at_two = ParseIsoInstant("2026-10-03T02:00", zone);
  TimelineViewModel grid1 = TimelineViewModel::Build(p, day1, at_two, zone);
  // The day runs 17:00 to the day change at 06:00 (13 h): the grid is the 8 h window ending at that edge.
  CHECK(grid1.day_start == ParseIsoInstant("2026-10-02T17:00", zone));
  CHECK(grid1.day_end == ParseIsoInstant("2026-10-03T06:00", zone));
  CHECK(grid1.windowed);
  CHECK(grid1.grid_start == ParseIsoInstant("2026-10-02T22:00", zone));
  CHECK(grid1.grid_end == ParseIsoInstant("2026-10-03T06:00", zone));
  REQUIRE(grid1.rows.size() == 2);
  const TimelineBar* ctf = nullptr;
  const TimelineBar* late = nullptr;
  for (const TimelineRow& row : grid1.rows)
    for (const TimelineBar& bar : row.bars) {
      if (bar.item.title == "Night CTF") ctf = &bar;
      if (bar.item.title == "Late lightning talks") late = &bar;
    }
  REQUIRE(ctf);
  REQUIRE(late);
  CHECK(ctf->x0 == doctest::Approx(0.0));
  CHECK(ctf->x1 == doctest::Approx(1.0));
  CHECK(ctf->clipped_end);    // at the day change
  CHECK(ctf->clipped_start);  // at the window's start
  CHECK(ctf->is_now);
  CHECK(late->is_now);
  CHECK(late->x0 == doctest::Approx(3.5 / 8.0));
  REQUIRE(grid1.now_x);
  CHECK(*grid1.now_x == doctest::Approx(4.0 / 8.0));

  TimelineViewModel grid2 = TimelineViewModel::Build(p, day2, at_two, zone);
  REQUIRE(grid2.rows.size() == 1);
  REQUIRE(grid2.rows[0].bars.size() == 1);
  CHECK(grid2.rows[0].bars[0].item.title == "Morning plenary");

  // The board at 02:00 shows both night sessions as now.
  BoardViewModel board = BoardViewModel::Build(p, at_two, zone, {});
  int now_count = 0;
  for (const RoomCard& card : board.rooms) now_count += card.now ? 1 : 0;
  CHECK(now_count == 2);
}

TEST_CASE("tz-ics shape: a programme in America/Los_Angeles, whatever the host TZ") {
  VenueZone zone("America/Los_Angeles");
  Programme p;
  p.conference.time_zone = "America/Los_Angeles";
  p.rooms = {{"grand-ballroom", "Grand Ballroom"}};
  Session dispatch;
  dispatch.uid = "dispatch";
  dispatch.room_key = "grand-ballroom";
  dispatch.day = Day{date::year{2026}, date::July, date::day{20}};
  dispatch.start = ParseIsoInstant("2026-07-20T12:00", zone);
  dispatch.end = ParseIsoInstant("2026-07-20T14:00", zone);
  dispatch.title = "Dispatch";
  Session plenary = dispatch;
  plenary.uid = "plenary";
  plenary.start = ParseIsoInstant("2026-07-20T21:30:00Z", zone);
  plenary.end = ParseIsoInstant("2026-07-20T22:30:00Z", zone);
  plenary.title = "Plenary (given in UTC)";
  p.sessions = {dispatch, plenary};
  p.Normalize();

  const Instant t = ParseIsoInstant("2026-07-20T19:30:00Z", zone);
  BoardViewModel board = BoardViewModel::Build(p, t, zone, {});
  CHECK(board.clock == "12:30");
  REQUIRE(board.rooms.size() == 1);
  REQUIRE(board.rooms[0].now);
  CHECK(board.rooms[0].now->item.title == "Dispatch");
  CHECK(board.rooms[0].now->item.time_range == "12:00\u201314:00");
  REQUIRE(board.rooms[0].next);
  CHECK(board.rooms[0].next->item.time_range == "14:30\u201315:30");

  TimelineViewModel timeline = TimelineViewModel::Build(p, dispatch.day, t, zone);
  CHECK(timeline.grid_start == ParseIsoInstant("2026-07-20T12:00", zone));
  CHECK(timeline.grid_end == ParseIsoInstant("2026-07-20T16:00", zone));
  CHECK(timeline.now_hm == "12:30");
  REQUIRE(timeline.now_x);
  CHECK(*timeline.now_x == doctest::Approx(0.5 / 4.0));
}

TEST_CASE("RAICT 2026 programme (schedules/raict-2026.csv) at 2026-07-08T10:20") {
  const std::filesystem::path csv = test::SourcePath("schedules/raict-2026.csv");
  if (!std::filesystem::exists(csv)) {
    MESSAGE("schedules/raict-2026.csv not present; skipped");
    return;
  }
  ImportResult imported = ImportFile(csv, {});
  const Programme& p = imported.programme;
  VenueZone zone(p.conference.time_zone);
  CHECK(zone.Name() == "Europe/Paris");
  BoardViewModel vm = BoardViewModel::Build(p, ParseIsoInstant("2026-07-08T10:20", zone), zone, {});
  CHECK(vm.phase == EventPhase::During);
  CHECK(vm.day_label.fr == "mercredi 8 juillet 2026");
  int on_now = 0;
  for (const RoomCard& card : vm.rooms) {
    if (!card.now) continue;
    ++on_now;
    CHECK(card.now->item.time_range == "10:00\u201311:30");
    CHECK(card.now->minutes_left == 70);
    CHECK(card.now->progress == doctest::Approx(20.0 / 90.0));
    CHECK_FALSE(card.now->item.cancelled);
    // French typography reached the titles: no straight apostrophe, no breakable space before ':'.
    CHECK(card.now->item.title.find('\'') == std::string::npos);
    CHECK(card.now->item.title.find(" :") == std::string::npos);
  }
  CHECK(on_now == 6);
  // Salon Monge: water workshop now, ECSI presentation next at 11:45.
  for (const RoomCard& card : vm.rooms) {
    if (card.room_name != "Salon Monge") continue;
    REQUIRE(card.now);
    CHECK(card.now->item.title.rfind("Eau, thème de l\u2019année", 0) == 0);
    REQUIRE(card.next);
    CHECK(card.next->when.fr == "11:45");
  }

  // Day 2, 11:10: the cancelled Franco-Japanese café is never now in Salon Laplace.
  BoardViewModel day2 = BoardViewModel::Build(p, ParseIsoInstant("2026-07-09T11:10", zone), zone, {});
  for (const RoomCard& card : day2.rooms) {
    if (card.now) CHECK_FALSE(card.now->item.cancelled);
    if (card.room_name == "Salon Laplace") CHECK_FALSE(card.now);
  }

  // Before and after.
  CHECK(BoardViewModel::Build(p, ParseIsoInstant("2026-07-06T10:00", zone), zone, {}).countdown.fr == "J-2");
  CHECK(BoardViewModel::Build(p, ParseIsoInstant("2026-07-10T10:00", zone), zone, {}).phase == EventPhase::After);

  // Fonts: every character of the programme has a glyph in Inter (or the DejaVu fallback).
  ImGuiContext* context = ImGui::CreateContext();
  ImGui::GetIO().IniFilename = nullptr;  // no imgui.ini left in the working folder
  {
    Fonts fonts;
    fonts.SetText(ProgrammeText(p));
    CHECK(fonts.Ensure(1080.0f, 8192));
    CHECK(fonts.MissingGlyphs() == 0);
    CHECK(fonts.AtlasWidth() <= 8192);
    CHECK(fonts.AtlasHeight() <= 8192);
    CHECK_FALSE(fonts.Ensure(1080.0f, 8192));  // nothing changed, no rebuild
    CHECK(fonts.Get(Fonts::kTitle)->FontSize >= 40.0f);
    CHECK(fonts.Get(Fonts::kBody)->FontSize >= 28.0f);
  }
  ImGui::DestroyContext(context);
}

TEST_CASE("shared case midnight (night.xml): board at 02:00 and 09:30, day grids clip and never repeat") {
  const std::filesystem::path file = test::CasePath("midnight", "night.xml");
  if (!std::filesystem::exists(file)) {
    MESSAGE("shared case midnight not present; skipped");
    return;
  }
  ImportOptions options;
  options.time_zone = "Europe/Paris";
  const Programme p = ImportFile(file, options).programme;
  VenueZone zone("Europe/Paris");
  REQUIRE(p.rooms.size() == 2);

  BoardViewModel night = BoardViewModel::Build(p, ParseIsoInstant("2026-10-03T02:00", zone), zone, {});
  std::map<std::string, std::string> now_by_room;
  for (const RoomCard& card : night.rooms)
    if (card.now) now_by_room[card.room_name] = card.now->item.title;
  CHECK(now_by_room["Workshop 2"] == "Night CTF");
  CHECK(now_by_room["Hall A"] == "Late lightning talks");

  BoardViewModel morning = BoardViewModel::Build(p, ParseIsoInstant("2026-10-03T09:30", zone), zone, {});
  for (const RoomCard& card : morning.rooms) {
    if (card.now) CHECK(card.now->item.title != "Night CTF");
    if (card.room_name == "Hall A") {
      REQUIRE(card.next);
      CHECK(card.next->item.title == "Morning plenary");
    }
  }

  const std::vector<Day> days = p.Days();
  REQUIRE(days.size() == 2);
  TimelineViewModel day1 = TimelineViewModel::Build(p, days[0], ParseIsoInstant("2026-10-03T02:00", zone), zone);
  TimelineViewModel day2 = TimelineViewModel::Build(p, days[1], ParseIsoInstant("2026-10-03T09:30", zone), zone);
  bool ctf_clipped = false;
  for (const TimelineRow& row : day1.rows)
    for (const TimelineBar& bar : row.bars)
      if (bar.item.title == "Night CTF") ctf_clipped = bar.clipped_end && bar.x1 == doctest::Approx(1.0);
  CHECK(ctf_clipped);
  for (const TimelineRow& row : day2.rows)
    for (const TimelineBar& bar : row.bars) {
      CHECK(bar.item.title != "Night CTF");
      CHECK(bar.item.title != "Late lightning talks");
    }
}

TEST_CASE("shared case cancelled (programme.csv): at 14:10 Room 1 shows the replacement, never the cancelled talk") {
  const std::filesystem::path file = test::CasePath("cancelled", "programme.csv");
  if (!std::filesystem::exists(file)) {
    MESSAGE("shared case cancelled not present; skipped");
    return;
  }
  ImportOptions options;
  options.time_zone = "Europe/Paris";
  const Programme p = ImportFile(file, options).programme;
  VenueZone zone("Europe/Paris");
  BoardViewModel vm = BoardViewModel::Build(p, ParseIsoInstant("2026-06-10T14:10", zone), zone, {});
  REQUIRE(vm.rooms.size() == 1);
  REQUIRE(vm.rooms[0].now);
  CHECK(vm.rooms[0].now->item.title == "Replacement talk");
  TimelineViewModel timeline = TimelineViewModel::Build(p, *vm.day, ParseIsoInstant("2026-06-10T14:10", zone), zone);
  for (const TimelineRow& row : timeline.rows)
    for (const TimelineBar& bar : row.bars) {
      if (bar.item.title == "Original talk") {
        CHECK(bar.item.cancelled);
        CHECK_FALSE(bar.is_now);
        CHECK(bar.item.status.fr == "Annulé");
      }
    }
}

TEST_CASE("legible from 5 m: at 1080 px body >= 28 px, titles and room names >= 40 px, sizes scale 720p to 4K") {
  using kiosk::ui::Metrics;
  const Metrics hd = Metrics::ForHeight(1080);
  CHECK(hd.body >= 28.0f);
  CHECK(hd.title >= 40.0f);
  CHECK(hd.display > hd.title);
  const Metrics small = Metrics::ForHeight(720), uhd = Metrics::ForHeight(2160);
  CHECK(small.body == doctest::Approx(hd.body * 720.0f / 1080.0f));
  CHECK(uhd.title == doctest::Approx(hd.title * 2.0f));
  // Portrait 1080x1920 uses the short side, so a door sign in portrait keeps the 1080 sizes.
  CHECK(kiosk::ui::ReferenceHeight(ImVec2(1080, 1920)) == 1080.0f);
  CHECK(kiosk::ui::ReferenceHeight(ImVec2(3840, 2160)) == 2160.0f);
}

TEST_CASE("screen text: controls, bidi and format characters and emoji are dropped, line breaks become spaces") {
  CHECK(ScreenText("ctl\x01\x02\x07\x1b[31mred\x7f") == "ctl[31mred");
  CHECK(ScreenText("a\u200b\u202e b\u2066 \ufeffc") == "a b c");
  CHECK(ScreenText("\U0001F469\u200d\U0001F680\U0001F389 Emoji \U0001F1EB\U0001F1F7 talk \U0001F600") == "Emoji talk");
  CHECK(ScreenText("DIY HRT Meetup \U0001F3F3\uFE0F\u200D\u26A7\uFE0F") == "DIY HRT Meetup \u26A7");
  CHECK(ScreenText("Line1\nLine2\r\n\tLine3") == "Line1 Line2 Line3");
  CHECK(ScreenText("\xC3\x28") == "\uFFFD(");
  CHECK(ScreenText("\U00020000\U00020001 x") == "\uFFFD x");  // beyond the 16-bit ImWchar: one U+FFFD per run
  // NFC: a combining mark after its base letter is composed into one code point (one glyph).
  CHECK(ScreenText("Zéro combi\u0308ning") == "Zéro comb\u00efning");
  CHECK(ScreenText("\x01\x02") == "");
  // Through the view model: a CSV cell may hold any of these.
  Fixture f;
  f.programme.sessions.front().title = "Pl\x01\x1bé\u202eni\U0001F389ère\nd'ouverture";
  const SessionItem item = MakeSessionItem(f.programme, f.programme.sessions.front(), f.zone);
  CHECK(item.title == "Plénière d’ouverture");
}

TEST_CASE("one-line fit never returns a line break, so a title with one draws on one line") {
  const MeasureText measure = [](std::string_view s) { return static_cast<float>(DecodeUtf8(s).size()) * 10; };
  CHECK(FitOneLine("Line1\nLine2", 1000, measure) == "Line1 Line2");
  const std::string cut = FitOneLine("Line1\nLine2\nLine3\nLine4", 80, measure);
  CHECK(cut.find('\n') == std::string::npos);
  CHECK(measure(cut) <= 80);
}

TEST_CASE("a session without a title shows its English title, else its kind, never a blank") {
  Fixture f;
  Session& s = f.programme.sessions.front();
  s.title = "  \x01 ";
  s.title_en = "Opening plenary";
  SessionItem item = MakeSessionItem(f.programme, s, f.zone);
  CHECK(item.title == "Opening plenary");
  CHECK(item.title_en.empty());
  s.title_en = "";
  item = MakeSessionItem(f.programme, s, f.zone);
  CHECK(item.title == "Plénière");
  s.kind = "";
  item = MakeSessionItem(f.programme, s, f.zone);
  CHECK(item.title == "Session");
}

TEST_CASE("a 30-day session: dated time range, days left, and a timeline grid around now") {
  Fixture f;
  f.programme.rooms.push_back({"hall", "Hall"});
  Session& expo = f.Add("x1", "hall", "2026-07-01T10:00", "2026-07-31T10:00", "Thirty day exhibition", "expo");
  const Session expo_copy = expo;
  std::sort(f.programme.sessions.begin(), f.programme.sessions.end(),
            [](const Session& a, const Session& b) { return a.start < b.start; });
  const Instant now = f.At("2026-07-15T10:20");
  const SessionItem item = MakeSessionItem(f.programme, expo_copy, f.zone);
  CHECK(item.time_range == "01/07 10:00" + std::string(kEnDash) + "31/07 10:00");

  const BoardViewModel board = BoardViewModel::Build(f.programme, now, f.zone, {});
  const RoomCard* hall = nullptr;
  for (const RoomCard& card : board.rooms)
    if (card.room_key == "hall") hall = &card;
  REQUIRE(hall != nullptr);
  REQUIRE(hall->now);
  CHECK(hall->now->remaining.fr == "encore 16" + kNbspS + "jours");
  CHECK(hall->now->remaining.en == "16" + kNbspS + "days left");

  const TimelineViewModel timeline = TimelineViewModel::Build(f.programme, expo_copy.day, now, f.zone);
  REQUIRE(timeline.now_x.has_value());
  CHECK(timeline.grid_start <= now);
  CHECK(now < timeline.grid_end);
  CHECK(timeline.grid_end - timeline.grid_start == kTimelineWindow);
}

TEST_CASE("far-away instants: minutes never overflow into negative counts") {
  Fixture f;
  const Instant now = ParseIsoInstant("1970-01-01T00:00", f.zone);
  const BoardViewModel board = BoardViewModel::Build(f.programme, now, f.zone, {});
  CHECK(board.phase == EventPhase::Before);
  CHECK(board.countdown.fr.find('-') == 1);  // "J-20642", not "J--…"
  const Instant far = Instant{} - std::chrono::hours{24 * 365 * 5000LL};
  const BoardViewModel ancient = BoardViewModel::Build(f.programme, far, f.zone, {});
  CHECK(ancient.phase == EventPhase::Before);
}

using kiosk::test::Raict;  // the RAICT 2026 programme from schedules/, as the organizer imports it

TEST_CASE("door sign at 2026-07-08T10:20 Europe/Paris for salon-monge: now, next, the day of the room") {
  const VenueZone zone("Europe/Paris");
  const Instant now = ParseIsoInstant("2026-07-08T10:20", zone);
  const DoorSignViewModel vm = DoorSignViewModel::Build(Raict(), "salon-monge", now, zone, {3, now - minutes{30}});
  REQUIRE(vm.found);
  CHECK(vm.room_key == "salon-monge");
  CHECK(vm.room_name == "Salon Monge");
  CHECK(vm.clock == "10:20");
  CHECK(vm.day_label.fr == "mercredi 8 juillet 2026");
  CHECK(vm.revision.en == "Updated 09:50 \u00B7 revision 3");

  REQUIRE(vm.on_now);
  CHECK(vm.on_now->item.title.rfind("Eau, thème de l\u2019année", 0) == 0);
  CHECK(vm.on_now->item.title_en.rfind("Water, theme of the year", 0) == 0);
  CHECK(vm.on_now->item.kind_label.fr == "Atelier");
  CHECK_FALSE(vm.on_now->item.speakers.empty());
  CHECK(vm.on_now->item.time_range == "10:00\u201311:30");
  CHECK(vm.on_now->minutes_left == 70);
  CHECK(vm.on_now->progress == doctest::Approx(20.0 / 90.0));
  CHECK(vm.status.fr.empty());
  CHECK_FALSE(vm.cancelled_now);

  REQUIRE(vm.next);
  CHECK(vm.next->item.start_hm == "11:45");
  CHECK_FALSE(vm.next->other_day);
  CHECK(vm.next->item.title.rfind("Présentation de l\u2019étude ECSI", 0) == 0);

  // The room's day: its four sessions of 8 July, by start, the one on now marked.
  REQUIRE(vm.day);
  CHECK(*vm.day == Day{date::year{2026} / 7 / 8});
  CHECK(vm.list_label.en == "Today in this room");
  REQUIRE(vm.sessions.size() == 4);
  const char* starts[] = {"10:00", "11:45", "14:15", "16:15"};
  for (std::size_t i = 0; i < vm.sessions.size(); ++i) {
    CHECK(vm.sessions[i].item.start_hm == starts[i]);
    CHECK(vm.sessions[i].item.room_name == "Salon Monge");
    CHECK(vm.sessions[i].is_now == (i == 0));
    CHECK_FALSE(vm.sessions[i].past);
  }
  CHECK(vm.next_change == ParseIsoInstant("2026-07-08T10:21", zone));
}

TEST_CASE("door sign: the room found by its name as written, any case and accents, or not found with the rooms") {
  const VenueZone zone("Europe/Paris");
  const Instant now = ParseIsoInstant("2026-07-08T10:20", zone);
  for (const char* key : {"Salon Monge", "salon monge", "SALON-MONGE"}) {
    CAPTURE(key);
    const DoorSignViewModel vm = DoorSignViewModel::Build(Raict(), key, now, zone, {});
    REQUIRE(vm.found);
    CHECK(vm.room_key == "salon-monge");
    CHECK(vm.sessions.size() == 4);
  }
  const DoorSignViewModel unknown = DoorSignViewModel::Build(Raict(), "Salle 404", now, zone, {});
  CHECK_FALSE(unknown.found);
  CHECK(unknown.requested == "Salle 404");
  CHECK_FALSE(unknown.on_now);
  CHECK(unknown.sessions.empty());
  CHECK(unknown.known_rooms.size() == Raict().rooms.size());
  CHECK(std::find(unknown.known_rooms.begin(), unknown.known_rooms.end(), "Salon Monge") != unknown.known_rooms.end());
  CHECK_FALSE(DoorSignViewModel::Build(Raict(), "", now, zone, {}).found);
  CHECK_FALSE(DoorSignViewModel::Build(Programme{}, "salon-monge", now, zone, {}).found);
}

TEST_CASE(
    "door sign: kiosk --room reads the room as kioskctl does, either apostrophe, a unique word, not an ambiguous one") {
  const VenueZone zone("Europe/Paris");
  const Instant now = ParseIsoInstant("2026-07-08T10:20", zone);
  Programme programme = Raict();
  programme.rooms.push_back(Room{"salon-d-honneur", "Salon d\u2019Honneur"});
  for (const char* query : {"Salon d'Honneur", "Salon d\u2019Honneur", "salon d\u02bchonneur", "Honneur"}) {
    CAPTURE(query);
    const DoorSignViewModel vm = DoorSignViewModel::Build(programme, query, now, zone, {});
    REQUIRE(vm.found);
    CHECK(vm.room_key == "salon-d-honneur");
  }
  const DoorSignViewModel monge = DoorSignViewModel::Build(programme, "Monge", now, zone, {});
  REQUIRE(monge.found);
  CHECK(monge.room_key == "salon-monge");
  CHECK(monge.sessions.size() == 4);
  // "Salon" is a word of five rooms' names: none is shown, and the sign lists those it could mean.
  const DoorSignViewModel salon = DoorSignViewModel::Build(programme, "Salon", now, zone, {});
  CHECK_FALSE(salon.found);
  CHECK(salon.known_rooms == std::vector<std::string>{"Grand Salon", "Salon Monge", "Salon Berthollet", "Salon Laplace",
                                                      "Salon d\u2019Honneur"});
  // The kiosk's log words it as kioskctl does (it said "no such room" for an ambiguous word).
  CHECK(salon.ambiguous);
  CHECK(RoomNotFoundLine(salon, 3) ==
        "--room 'Salon': names several rooms (Grand Salon, Salon Monge, Salon Berthollet, Salon Laplace, "
        "Salon d\u2019Honneur) in revision 3");
  const DoorSignViewModel nowhere = DoorSignViewModel::Build(programme, "Cour d'honneur", now, zone, {});
  CHECK_FALSE(nowhere.found);
  CHECK_FALSE(nowhere.ambiguous);
  CHECK(RoomNotFoundLine(nowhere, 1) == "--room 'Cour d'honneur': no such room in revision 1");
}

TEST_CASE("door sign: free until the next session, no more sessions today, and the next day before it starts") {
  const VenueZone zone("Europe/Paris");
  auto at = [&zone](const char* local) { return ParseIsoInstant(local, zone); };

  const DoorSignViewModel gap = DoorSignViewModel::Build(Raict(), "salon-monge", at("2026-07-08T13:20"), zone, {});
  CHECK_FALSE(gap.on_now);
  CHECK(gap.status.fr == "Salle libre jusqu\u2019à 14:15");
  CHECK(gap.status.en == "Free until 14:15");
  REQUIRE(gap.next);
  CHECK(gap.next->item.start_hm == "14:15");
  REQUIRE(gap.sessions.size() == 4);
  CHECK(gap.sessions[0].past);
  CHECK(gap.sessions[1].past);
  CHECK_FALSE(gap.sessions[2].past);

  const DoorSignViewModel evening = DoorSignViewModel::Build(Raict(), "salon-monge", at("2026-07-08T19:00"), zone, {});
  CHECK(evening.status.fr == "Plus de session aujourd\u2019hui");
  REQUIRE(evening.next);
  CHECK(evening.next->other_day);
  CHECK(evening.next->when.en == "tomorrow 09:00");
  // The list moves to the room's next day.
  REQUIRE(evening.day);
  CHECK(*evening.day == Day{date::year{2026} / 7 / 9});
  CHECK(evening.list_label.fr == "Programme du jeudi 9 juillet");
  CHECK(evening.sessions.size() == 3);

  const DoorSignViewModel before = DoorSignViewModel::Build(Raict(), "salon-monge", at("2026-07-01T10:00"), zone, {});
  CHECK(before.status.en == "No sessions today");
  REQUIRE(before.day);
  CHECK(*before.day == Day{date::year{2026} / 7 / 8});
  CHECK(before.sessions.size() == 4);

  const DoorSignViewModel after = DoorSignViewModel::Build(Raict(), "salon-monge", at("2026-07-20T10:00"), zone, {});
  CHECK_FALSE(after.next);
  REQUIRE(after.day);
  CHECK(*after.day == Day{date::year{2026} / 7 / 9});
  CHECK(after.sessions.size() == 3);
}

TEST_CASE("door sign: a cancelled session stays in the list, marked, and is never on now") {
  Fixture f;
  const DoorSignViewModel vm = DoorSignViewModel::Build(f.programme, "laplace", f.At("2026-07-08T10:20"), f.zone, {});
  REQUIRE(vm.found);
  CHECK_FALSE(vm.on_now);
  REQUIRE(vm.cancelled_now);
  CHECK(vm.cancelled_now->status.en == "Cancelled");
  CHECK(vm.status.en == "Free until 15:00");
  REQUIRE(vm.sessions.size() == 2);
  CHECK(vm.sessions[0].item.cancelled);
  CHECK(vm.sessions[0].item.status.fr == "Annulé");
  CHECK_FALSE(vm.sessions[1].item.cancelled);
}

// ----- Live changes on screen (issue 3): marks, footer, announcements, wrong clock, staff corner

namespace {

const std::string kDot = " \u00B7 ";

/// A live change to the RAICT session whose source id is `id` (as the organizer's kioskctl records it).
LiveChange Change(ChangeKind kind, const std::string& id, int minutes = 0, const std::string& room = "") {
  const Programme& p = Raict();
  auto it = std::find_if(p.sessions.begin(), p.sessions.end(), [&](const Session& s) { return s.source_id == id; });
  REQUIRE(it != p.sessions.end());
  LiveChange change;
  change.revision = 2;
  change.kind = kind;
  change.session_uid = it->uid;
  change.session_start = it->start;
  change.minutes = minutes;
  change.room_key = room;
  change.before = kind == ChangeKind::Move ? it->room_key : (kind == ChangeKind::Cancel ? "confirmed" : "");
  return change;
}

/// The RAICT programme after the morning of 8 July's live changes: the water workshop (Monge, 10:00) 15 min late,
/// the climate workshop (Laplace, 10:00) 10 min early, the gender workshop moved from Laplace to the Grand Salon
/// (11:45), the Madagascar meeting (Berthollet, 11:45) cancelled, the crises workshop (Berthollet, 10:00) and the
/// ECSI presentation (Monge, 11:45) full.
const Programme& RaictLive() {
  static const Programme programme = ApplyLiveChanges(
      Raict(), {Change(ChangeKind::Delay, "J1-03", 15), Change(ChangeKind::Delay, "J1-05", -10),
                Change(ChangeKind::Move, "J1-12", 0, "grand-salon"), Change(ChangeKind::Cancel, "J1-11"),
                Change(ChangeKind::Full, "J1-04"), Change(ChangeKind::Full, "J1-10")});
  return programme;
}

const SessionItem* FindItem(const std::vector<SessionItem>& items, const std::string& source_id) {
  for (const SessionItem& item : items)
    if (item.session && item.session->source_id == source_id) return &item;
  return nullptr;
}

const RoomCard* CardNamed(const BoardViewModel& vm, const std::string& name) {
  for (const RoomCard& card : vm.rooms)
    if (card.room_name == name) return &card;
  return nullptr;
}

Announcement MakeAnnouncement(std::int64_t id, AnnouncementPriority priority, const std::string& text,
                              const std::string& text_en, Instant made_at, std::optional<Instant> until = {},
                              std::vector<std::string> rooms = {}) {
  Announcement a;
  a.id = id;
  a.revision = id + 1;
  a.priority = priority;
  a.text = text;
  a.text_en = text_en;
  a.made_at = made_at;
  a.until = until;
  a.room_keys = std::move(rooms);
  return a;
}

std::vector<std::int64_t> Ids(const std::vector<AnnouncementView>& list) {
  std::vector<std::int64_t> ids;
  for (const AnnouncementView& a : list) ids.push_back(a.id);
  return ids;
}

}  // namespace

TEST_CASE("live marks on the board at 10:20: delayed, brought forward, moved (new and old room), cancelled, full") {
  const VenueZone zone("Europe/Paris");
  const Programme& p = RaictLive();
  const BoardViewModel vm = BoardViewModel::Build(p, ParseIsoInstant("2026-07-08T10:20", zone), zone, {});

  // Salon Monge: the water workshop on now, 15 min late, its planned start kept to be shown struck.
  const RoomCard* monge = CardNamed(vm, "Salon Monge");
  REQUIRE(monge);
  REQUIRE(monge->now);
  const SessionItem& water = monge->now->item;
  CHECK(water.session->source_id == "J1-03");
  REQUIRE(water.marks.size() == 1);
  CHECK(water.marks[0].kind == MarkKind::Delayed);
  CHECK(water.marks[0].text.fr == "Retardé +15" + kNbspS + "min");
  CHECK(water.marks[0].text.en == "Delayed +15" + kNbspS + "min");
  CHECK(water.marks[0].compact == "Retardé" + kDot + "Delayed +15" + kNbspS + "min");
  CHECK(water.marks[0].brief == "+15" + kNbspS + "min");
  CHECK(water.delay_minutes == 15);
  CHECK(water.planned_start_hm == "10:00");
  CHECK(water.time_range == "10:15\u201311:45");
  CHECK(monge->now->minutes_left == 85);
  // Its next, the ECSI presentation, is full.
  REQUIRE(monge->next);
  CHECK(monge->next->item.session->source_id == "J1-10");
  CHECK(monge->next->item.full);
  REQUIRE(monge->next->item.Mark(MarkKind::Full));
  CHECK(monge->next->item.Mark(MarkKind::Full)->text.fr == "Complet");
  CHECK(monge->next->item.Mark(MarkKind::Full)->text.en == "Full");
  CHECK(monge->next->item.Mark(MarkKind::Full)->compact == "Complet" + kDot + "Full");

  // Salon Berthollet: full now; its cancelled 11:45 meeting is an alert, its next the 14:15 workshop.
  const RoomCard* berthollet = CardNamed(vm, "Salon Berthollet");
  REQUIRE(berthollet);
  REQUIRE(berthollet->now);
  CHECK(berthollet->now->item.full);
  REQUIRE(berthollet->alerts.size() == 1);
  CHECK(berthollet->alerts[0].session->source_id == "J1-11");
  CHECK(berthollet->alerts[0].cancelled);
  REQUIRE(berthollet->alerts[0].marks.size() == 1);  // cancelled shows only that
  CHECK(berthollet->alerts[0].marks[0].kind == MarkKind::Cancelled);
  CHECK(berthollet->alerts[0].marks[0].compact == "Annulé" + kDot + "Cancelled");
  REQUIRE(berthollet->next);
  CHECK(berthollet->next->item.start_hm == "14:15");
  CHECK_FALSE(berthollet->cancelled_now);

  // Salon Laplace: the climate workshop 10 min early; the gender workshop that was to follow moved away.
  const RoomCard* laplace = CardNamed(vm, "Salon Laplace");
  REQUIRE(laplace);
  REQUIRE(laplace->now);
  REQUIRE(laplace->now->item.marks.size() == 1);
  CHECK(laplace->now->item.marks[0].kind == MarkKind::Earlier);
  CHECK(laplace->now->item.marks[0].text.fr == "Avancé de 10" + kNbspS + "min");
  CHECK(laplace->now->item.marks[0].text.en == "10" + kNbspS + "min earlier");
  CHECK(laplace->now->item.time_range == "09:50\u201311:20");
  CHECK(laplace->now->item.planned_start_hm == "10:00");
  REQUIRE(laplace->alerts.size() == 1);
  const SessionItem& gone = laplace->alerts[0];
  CHECK(gone.session->source_id == "J1-12");
  CHECK(gone.room_name == "Grand Salon");
  CHECK(gone.moved_from == "Salon Laplace");
  REQUIRE(gone.marks.size() == 1);
  CHECK(gone.marks[0].kind == MarkKind::Moved);
  CHECK(gone.marks[0].text.fr == "Déplacé \u2192 Grand Salon");
  CHECK(gone.marks[0].text.en == "Moved to Grand Salon");
  CHECK(gone.marks[0].compact == "Déplacé" + kDot + "Moved \u2192 Grand Salon");
  REQUIRE(laplace->next);
  CHECK(laplace->next->item.start_hm == "14:15");  // the moved session is never this room's next

  // The Grand Salon's own card says the session was moved here, not "moved to the Grand Salon".
  const RoomCard* grand = CardNamed(vm, "Grand Salon");
  REQUIRE(grand);
  REQUIRE(grand->next);
  CHECK(grand->next->item.session->source_id == "J1-12");
  REQUIRE(grand->next->item.Mark(MarkKind::Moved));
  CHECK(grand->next->item.Mark(MarkKind::Moved)->text.fr == "Déplacé ici depuis Salon Laplace");
  CHECK(grand->next->item.Mark(MarkKind::Moved)->text.en == "Moved here from Salon Laplace");
  CHECK(grand->next->item.Mark(MarkKind::Moved)->compact == "Déplacé ici" + kDot + "Moved here");
  CHECK(grand->alerts.empty());

  // The day's coming list keeps the cancelled meeting, marked, and names the moved one's new room.
  const SessionItem* cancelled = FindItem(vm.coming, "J1-11");
  REQUIRE(cancelled);
  CHECK(cancelled->marks.front().text.fr == "Annulé");
  const SessionItem* moved = FindItem(vm.coming, "J1-12");
  REQUIRE(moved);
  CHECK(moved->marks.front().text.fr == "Déplacé \u2192 Grand Salon");
  // Sessions without live changes carry no mark.
  REQUIRE(CardNamed(vm, "Espace Rencontres"));
  CHECK(CardNamed(vm, "Espace Rencontres")->now->item.marks.empty());
}

TEST_CASE("live marks stay for the rest of the day, and a room whose only session moved away keeps its card") {
  const VenueZone zone("Europe/Paris");
  const Programme& p = RaictLive();
  // 16:00: the moved gender workshop is over; the Laplace door still lists it where it was, marked.
  const DoorSignViewModel late =
      DoorSignViewModel::Build(p, "salon-laplace", ParseIsoInstant("2026-07-08T16:00", zone), zone, {});
  auto entry = std::find_if(late.sessions.begin(), late.sessions.end(),
                            [](const DoorSignEntry& e) { return e.item.session->source_id == "J1-12"; });
  REQUIRE(entry != late.sessions.end());
  CHECK(entry->moved_away);
  CHECK(entry->past);
  CHECK(entry->item.marks.front().text.en == "Moved to Grand Salon");
  CHECK(late.alerts.empty());  // over: no longer an alert
  // The climate workshop of the morning keeps its mark in the list too.
  CHECK(late.sessions.front().item.session->source_id == "J1-05");
  CHECK(late.sessions.front().item.marks.front().kind == MarkKind::Earlier);

  // A room whose one session of the day moved away still has a card on the board, saying where it went.
  Fixture f;
  f.programme.rooms.push_back({"solo", "Salle Solo"});
  f.Add("s1", "solo", "2026-07-08T14:00", "2026-07-08T15:00", "Atelier solitaire");
  f.programme.Normalize();
  const Session& solo = *std::find_if(f.programme.sessions.begin(), f.programme.sessions.end(),
                                      [](const Session& s) { return s.uid == "s1"; });
  LiveChange move;
  move.kind = ChangeKind::Move;
  move.session_uid = "s1";
  move.session_start = solo.start;
  move.room_key = "monge";
  move.before = "solo";
  const Programme moved = ApplyLiveChanges(f.programme, {move});
  const BoardViewModel vm = BoardViewModel::Build(moved, f.At("2026-07-08T10:20"), f.zone, {});
  const RoomCard* card = FindCard(vm, "solo");
  REQUIRE(card);
  REQUIRE(card->alerts.size() == 1);
  CHECK(card->alerts[0].marks.front().text.fr == "Déplacé \u2192 Salon Monge");
  CHECK(card->done_for_today);
  const DoorSignViewModel sign = DoorSignViewModel::Build(moved, "solo", f.At("2026-07-08T10:20"), f.zone, {});
  REQUIRE(sign.day);
  REQUIRE(sign.sessions.size() == 1);
  CHECK(sign.sessions[0].moved_away);
  CHECK(sign.list_label.en == "Today in this room");
}

TEST_CASE("live marks on door signs: delayed and full now, full next, cancelled, the old and the new room") {
  const VenueZone zone("Europe/Paris");
  const Programme& p = RaictLive();
  auto at = [&zone](const char* local) { return ParseIsoInstant(local, zone); };

  // Salon Monge at 10:20: the late water workshop on now, the full ECSI presentation next.
  const DoorSignViewModel monge = DoorSignViewModel::Build(p, "salon-monge", at("2026-07-08T10:20"), zone, {});
  REQUIRE(monge.on_now);
  CHECK(monge.on_now->item.Mark(MarkKind::Delayed));
  CHECK(monge.on_now->item.planned_start_hm == "10:00");
  CHECK(monge.on_now->item.start_hm == "10:15");
  REQUIRE(monge.next);
  CHECK(monge.next->item.full);
  CHECK(monge.next->item.start_hm == "11:45");
  CHECK(monge.sessions.front().item.Mark(MarkKind::Delayed));

  // Salon Berthollet at 10:20: full now; its cancelled meeting listed and an alert, never on now or next.
  const DoorSignViewModel berthollet =
      DoorSignViewModel::Build(p, "salon-berthollet", at("2026-07-08T10:20"), zone, {});
  REQUIRE(berthollet.on_now);
  CHECK(berthollet.on_now->item.full);
  CHECK(berthollet.on_now->item.Mark(MarkKind::Full)->text.fr == "Complet");
  REQUIRE(berthollet.alerts.size() == 1);
  CHECK(berthollet.alerts[0].Mark(MarkKind::Cancelled));
  REQUIRE(berthollet.next);
  CHECK(berthollet.next->item.start_hm == "14:15");
  REQUIRE(berthollet.sessions.size() == 4);
  CHECK(berthollet.sessions[1].item.start_hm == "11:45");
  CHECK(berthollet.sessions[1].item.marks.front().text.en == "Cancelled");
  // At 12:00 the cancelled meeting's slot contains now: the sign says so instead of showing it on now.
  const DoorSignViewModel noon = DoorSignViewModel::Build(p, "salon-berthollet", at("2026-07-08T12:00"), zone, {});
  CHECK_FALSE(noon.on_now);
  REQUIRE(noon.cancelled_now);
  CHECK(noon.cancelled_now->session->source_id == "J1-11");
  REQUIRE(noon.alerts.size() == 1);
  CHECK(noon.status.fr == "Salle libre jusqu\u2019à 14:15");

  // The old room at 12:00: nothing on now, the moved workshop first among the alerts and in the list, marked.
  const DoorSignViewModel laplace = DoorSignViewModel::Build(p, "salon-laplace", at("2026-07-08T12:00"), zone, {});
  CHECK_FALSE(laplace.on_now);
  REQUIRE(laplace.alerts.size() == 1);
  CHECK(laplace.alerts[0].session->source_id == "J1-12");
  CHECK(laplace.alerts[0].marks.front().text.fr == "Déplacé \u2192 Grand Salon");
  REQUIRE(laplace.sessions.size() == 4);
  const char* starts[] = {"09:50", "11:45", "14:15", "16:15"};
  for (std::size_t i = 0; i < laplace.sessions.size(); ++i) CHECK(laplace.sessions[i].item.start_hm == starts[i]);
  CHECK(laplace.sessions[1].moved_away);
  CHECK_FALSE(laplace.sessions[2].moved_away);
  REQUIRE(laplace.next);
  CHECK(laplace.next->item.start_hm == "14:15");
  CHECK(laplace.next_change == at("2026-07-08T12:01"));

  // The new room at 12:00: on now, "moved here from Salon Laplace".
  const DoorSignViewModel grand = DoorSignViewModel::Build(p, "grand-salon", at("2026-07-08T12:00"), zone, {});
  REQUIRE(grand.on_now);
  CHECK(grand.on_now->item.session->source_id == "J1-12");
  CHECK(grand.on_now->item.moved_from == "Salon Laplace");
  CHECK(grand.on_now->item.Mark(MarkKind::Moved)->text.fr == "Déplacé ici depuis Salon Laplace");
  CHECK(grand.on_now->item.Mark(MarkKind::Moved)->text.en == "Moved here from Salon Laplace");
  CHECK(grand.alerts.empty());
  auto here = std::find_if(grand.sessions.begin(), grand.sessions.end(),
                           [](const DoorSignEntry& e) { return e.item.session->source_id == "J1-12"; });
  REQUIRE(here != grand.sessions.end());
  CHECK_FALSE(here->moved_away);
  CHECK(here->is_now);
  CHECK(here->item.Mark(MarkKind::Moved)->compact == "Déplacé ici" + kDot + "Moved here");
}

TEST_CASE("live marks on the timeline: badges on the bars, a moved session in its new row only") {
  const VenueZone zone("Europe/Paris");
  const Programme& p = RaictLive();
  const Instant now = ParseIsoInstant("2026-07-08T10:20", zone);
  const TimelineViewModel tl = TimelineViewModel::Build(p, Day{date::year{2026} / 7 / 8}, now, zone);
  std::map<std::string, std::vector<const TimelineBar*>> bars;  // room key -> bars
  for (const TimelineRow& row : tl.rows)
    for (const TimelineBar& bar : row.bars) bars[row.room_key].push_back(&bar);
  auto bar_of = [&](const std::string& room, const std::string& id) -> const TimelineBar* {
    for (const TimelineBar* bar : bars[room])
      if (bar->item.session->source_id == id) return bar;
    return nullptr;
  };
  const TimelineBar* water = bar_of("salon-monge", "J1-03");
  REQUIRE(water);
  CHECK(water->is_now);
  CHECK(water->item.marks.front().brief == "+15" + kNbspS + "min");
  CHECK(water->item.time_range == "10:15\u201311:45");
  const TimelineBar* madagascar = bar_of("salon-berthollet", "J1-11");
  REQUIRE(madagascar);
  CHECK(madagascar->item.cancelled);
  CHECK(madagascar->item.marks.front().brief == "Annulé");
  const TimelineBar* gender = bar_of("grand-salon", "J1-12");
  REQUIRE(gender);
  CHECK(gender->item.marks.front().brief == "Déplacé ici");
  CHECK(gender->item.marks.front().text.en == "Moved here from Salon Laplace");
  CHECK_FALSE(bar_of("salon-laplace", "J1-12"));  // no ghost in the old row: a swap would overlap it
  REQUIRE(bar_of("salon-berthollet", "J1-04"));
  CHECK(bar_of("salon-berthollet", "J1-04")->item.marks.front().compact == "Complet" + kDot + "Full");
}

TEST_CASE("footer: Mis à jour à 14:05 · révision 7 / Updated 14:05 · revision 7, with the date on another day") {
  const VenueZone zone("Europe/Paris");
  const Instant made = ParseIsoInstant("2026-07-08T14:05", zone);
  const Bilingual today = RevisionLabel({7, made}, zone, Day{date::year{2026} / 7 / 8});
  CHECK(today.fr == "Mis à jour à 14:05" + kDot + "révision 7");
  CHECK(today.en == "Updated 14:05" + kDot + "revision 7");
  CHECK(RevisionLine(today) == "Mis à jour à 14:05" + kDot + "révision 7 / Updated 14:05" + kDot + "revision 7");
  const Bilingual later = RevisionLabel({7, made}, zone, Day{date::year{2026} / 7 / 9});
  CHECK(later.fr == "Mis à jour le mercredi 8 juillet à 14:05" + kDot + "révision 7");
  CHECK(later.en == "Updated Wednesday 8 July 14:05" + kDot + "revision 7");
  CHECK(RevisionLabel({0, made}, zone, Day{date::year{2026} / 7 / 8}).fr.empty());

  // The board, the door sign and the timeline's header board all carry it.
  const Instant now = ParseIsoInstant("2026-07-08T15:00", zone);
  CHECK(BoardViewModel::Build(RaictLive(), now, zone, {7, made}).revision == today);
  CHECK(DoorSignViewModel::Build(RaictLive(), "salon-monge", now, zone, {7, made}).revision == today);
  // Venue-local: 12:05 UTC is 14:05 in Paris in July, whatever the host's zone.
  test::HostTz tokyo("Asia/Tokyo");
  CHECK(RevisionLabel({7, ParseIsoInstant("2026-07-08T12:05:00Z", zone)}, zone, Day{date::year{2026} / 7 / 8}) ==
        today);
}

TEST_CASE("announcements: info band, urgent box, emergency on every screen, room-restricted ones on their door only") {
  const VenueZone zone("Europe/Paris");
  auto at = [&zone](const char* local) { return ParseIsoInstant(local, zone); };
  const std::vector<Announcement> all = {
      MakeAnnouncement(1, AnnouncementPriority::Info, "Vestiaire : à gauche de l'accueil",
                       "Cloakroom: left of the desk", at("2026-07-08T09:00")),
      MakeAnnouncement(2, AnnouncementPriority::Info, "Déjeuner servi jusqu'à 14 h 15", "", at("2026-07-08T10:05"),
                       at("2026-07-08T11:00")),
      MakeAnnouncement(3, AnnouncementPriority::Urgent, "Atelier plein : retransmission en salle La Rochefoucauld",
                       "Workshop full", at("2026-07-08T10:10"), {}, {"salon-berthollet"}),
      MakeAnnouncement(4, AnnouncementPriority::Urgent, "La plénière de clôture est avancée à 16 h",
                       "The closing plenary is at 4 pm", at("2026-07-08T10:00")),
      MakeAnnouncement(5, AnnouncementPriority::Emergency, "Évacuation du bâtiment", "Evacuate the building",
                       at("2026-07-08T10:15"), {}, {"salon-monge"}),
      MakeAnnouncement(6, AnnouncementPriority::Info, "Expirée", "Expired", at("2026-07-08T08:00"),
                       at("2026-07-08T10:10")),
  };
  const std::string berthollet = "salon-berthollet", monge = "salon-monge";

  // The lobby: both live infos (newest first), the urgent one for every screen, the emergency whatever its rooms;
  // the expired info is gone.
  const AnnouncementsViewModel lobby = AnnouncementsViewModel::Build(all, at("2026-07-08T10:20"), nullptr);
  CHECK(Ids(lobby.info) == std::vector<std::int64_t>{2, 1});
  CHECK(Ids(lobby.urgent) == std::vector<std::int64_t>{4});
  CHECK(Ids(lobby.emergency) == std::vector<std::int64_t>{5});
  REQUIRE(lobby.next_change);
  CHECK(*lobby.next_change == at("2026-07-08T11:00"));  // the lunch info ends: the screen changes then
  CHECK(lobby.MostOfOnePriority() == 2);
  // French typography for the French text, English as written; a missing English stays empty.
  CHECK(lobby.info[1].text == "Vestiaire" + kNbspS + ": à gauche de l\u2019accueil");
  CHECK(lobby.info[1].text_en == "Cloakroom: left of the desk");
  CHECK(lobby.info[0].text_en.empty());

  // Salon Berthollet's door sign adds the urgent notice for its room; Salon Monge's does not get it.
  const AnnouncementsViewModel door = AnnouncementsViewModel::Build(all, at("2026-07-08T10:20"), &berthollet);
  CHECK(Ids(door.urgent) == std::vector<std::int64_t>{3, 4});
  CHECK(Ids(door.emergency) == std::vector<std::int64_t>{5});
  const AnnouncementsViewModel other = AnnouncementsViewModel::Build(all, at("2026-07-08T10:20"), &monge);
  CHECK(Ids(other.urgent) == std::vector<std::int64_t>{4});

  // Later, the lunch info has ended too.
  const AnnouncementsViewModel noon = AnnouncementsViewModel::Build(all, at("2026-07-08T11:30"), nullptr);
  CHECK(Ids(noon.info) == std::vector<std::int64_t>{1});
  CHECK_FALSE(noon.next_change);

  // Several of one priority alternate, one per rotation slot.
  REQUIRE(AnnouncementsViewModel::At(lobby.info, 0));
  CHECK(AnnouncementsViewModel::At(lobby.info, 0)->id == 2);
  CHECK(AnnouncementsViewModel::At(lobby.info, 1)->id == 1);
  CHECK(AnnouncementsViewModel::At(lobby.info, 2)->id == 2);
  CHECK(AnnouncementsViewModel::At(lobby.info, -1)->id == 1);
  CHECK(AnnouncementsViewModel::At(lobby.emergency, 7)->id == 5);
  CHECK(AnnouncementsViewModel::At(noon.urgent, 0) != nullptr);
  CHECK(AnnouncementsViewModel::At({}, 3) == nullptr);
  CHECK(AnnouncementsViewModel::Build({}, at("2026-07-08T10:20"), nullptr).Empty());
}

TEST_CASE("wrong clock: the programme without now or next under a band, never nothing on today") {
  const VenueZone zone("Europe/Paris");
  auto at = [&zone](const char* local) { return ParseIsoInstant(local, zone); };
  const Programme& p = RaictLive();
  const RevisionStamp stamp{7, at("2026-07-08T14:05")};

  // Earlier than the revision the screen holds.
  const ClockProblemViewModel behind = ClockProblemViewModel::Build(p, stamp, at("2026-07-08T09:00"), zone);
  CHECK(behind.check == ClockCheck::BeforeRevision);
  CHECK(behind.Wrong());
  CHECK(behind.title.fr == "L\u2019horloge de cet écran est incorrecte");
  CHECK(behind.title.en == "This screen\u2019s clock is wrong");
  CHECK(behind.hint.fr.find("2026-07-08 09:00") != std::string::npos);
  CHECK(behind.hint.fr.find("révision 7 (2026-07-08 14:05)") != std::string::npos);
  CHECK(behind.hint.en.find("set the time (NTP)") != std::string::npos);
  // More than a year before the event (a screen whose clock reset to 2000).
  const ClockProblemViewModel reset = ClockProblemViewModel::Build(p, {}, at("2000-01-01T00:00"), zone);
  CHECK(reset.check == ClockCheck::BeforeEvent);
  CHECK(reset.hint.en.find("long before the event") != std::string::npos);
  // A clock that is right, and one within the tolerance of the revision's maker.
  CHECK_FALSE(ClockProblemViewModel::Build(p, stamp, at("2026-07-08T15:00"), zone).Wrong());
  CHECK_FALSE(ClockProblemViewModel::Build(p, stamp, at("2026-07-08T14:03"), zone).Wrong());
  CHECK(ClockProblemViewModel::Build(p, stamp, at("2026-07-08T15:00"), zone).title.fr.empty());

  // The lobby's lists: every day of the programme, with its marks, the revision with its date.
  const std::vector<ProgrammeListViewModel> lists = ProgrammeListViewModel::Build(p, zone, stamp, nullptr);
  REQUIRE(lists.size() == 2);
  CHECK(lists[0].day_label.fr == "mercredi 8 juillet 2026");
  CHECK(lists[1].day_label.en == "Thursday 9 July 2026");
  CHECK(lists[0].show_rooms);
  CHECK(lists[0].title == "17es Rencontres de l\u2019action internationale des collectivités territoriales");
  CHECK(lists[0].items.size() + lists[1].items.size() == p.sessions.size());
  CHECK(lists[0].revision.fr == "Mis à jour le mercredi 8 juillet à 14:05" + kDot + "révision 7");
  const SessionItem* madagascar = FindItem(lists[0].items, "J1-11");
  REQUIRE(madagascar);
  CHECK(madagascar->marks.front().kind == MarkKind::Cancelled);
  CHECK(std::is_sorted(lists[0].items.begin(), lists[0].items.end(),
                       [](const SessionItem& a, const SessionItem& b) { return a.start < b.start; }));

  // A door sign's lists: its room's sessions and those moved away from it, under the room's name.
  const std::string laplace = "salon-laplace";
  const std::vector<ProgrammeListViewModel> door = ProgrammeListViewModel::Build(p, zone, stamp, &laplace);
  REQUIRE(door.size() == 2);
  CHECK(door[0].title == "Salon Laplace");
  CHECK_FALSE(door[0].show_rooms);
  REQUIRE(door[0].items.size() == 4);
  CHECK(door[0].items[1].session->source_id == "J1-12");
  CHECK(door[0].items[1].marks.front().text.fr == "Déplacé \u2192 Grand Salon");
  const std::string nowhere = "nowhere";
  CHECK(ProgrammeListViewModel::Build(p, zone, stamp, &nowhere).empty());

  // The landscape lobby's timelines: windows over the whole day, no now-line, nothing past or on now, and every
  // session of the day on one of them.
  const Day day1{date::year{2026} / 7 / 8};
  const std::vector<TimelineViewModel> grids = TimelineViewModel::BuildWithoutNow(p, day1, zone);
  REQUIRE(grids.size() == 2);  // 08:00-20:00 in two windows of 8 h
  CHECK(grids[0].grid_start == at("2026-07-08T08:00"));
  CHECK(grids[1].grid_end == at("2026-07-08T20:00"));
  std::set<std::string> seen;
  for (const TimelineViewModel& grid : grids) {
    CHECK_FALSE(grid.now_x);
    CHECK(grid.now_hm.empty());
    for (const TimelineRow& row : grid.rows)
      for (const TimelineBar& bar : row.bars) {
        CHECK_FALSE(bar.is_now);
        CHECK_FALSE(bar.is_past);
        seen.insert(bar.item.session->uid);
      }
  }
  CHECK(seen.size() == SessionsOfDay(p, day1).size());
  CHECK(TimelineViewModel::BuildWithoutNow(p, Day{date::year{2026} / 7 / 20}, zone).empty());
}

TEST_CASE("staff corner: sync age to the minute, the problem, none yet, and nothing when not syncing") {
  using std::chrono::seconds;
  CHECK(StaffStatusText({}).empty());
  CHECK(StaffStatusText({true, seconds{4}, ""}) == "sync <1 min");
  CHECK(StaffStatusText({true, seconds{180}, ""}) == "sync 3 min");
  CHECK(StaffStatusText({true, seconds{2 * 3600 + 5 * 60}, ""}) == "sync 2 h 05");
  CHECK(StaffStatusText({true, seconds{180}, "HTTP 404 for http://hub/manifest"}) ==
        "sync \u26A0 3 min: HTTP 404 for http://hub/manifest");
  CHECK(StaffStatusText({true, std::nullopt, ""}) == "sync \u26A0 none yet");
  CHECK(StaffStatusText({true, std::nullopt, "connection refused"}) == "sync \u26A0 none yet: connection refused");
  CHECK(StaffStatusText({true, seconds{30}, "bad\nline"}) == "sync \u26A0 <1 min: bad line");
}

TEST_CASE("wrong-clock timeline: a gap in a long day leaves no empty grid and keeps the sessions after it") {
  Fixture f;
  Programme& p = f.programme;
  p.sessions.clear();
  f.Add("early", "grand", "2026-07-08T06:00", "2026-07-08T07:00", "Accueil des délégations", "accueil");
  f.Add("late", "monge", "2026-07-08T22:00", "2026-07-08T23:00", "Soirée de clôture", "cocktail");
  p.Normalize();
  const std::vector<TimelineViewModel> grids =
      TimelineViewModel::BuildWithoutNow(p, Day{date::year{2026} / 7 / 8}, f.zone);
  // 06:00-14:00, then 14:00-22:00 (nothing on it: dropped), then 15:00-23:00 with the evening.
  REQUIRE(grids.size() == 2);
  CHECK(grids[0].grid_start == f.At("2026-07-08T06:00"));
  CHECK(grids[1].grid_end == f.At("2026-07-08T23:00"));
  for (const TimelineViewModel& grid : grids) CHECK_FALSE(grid.rows.empty());
  REQUIRE(grids[1].rows.size() == 1);
  CHECK(grids[1].rows[0].bars.at(0).item.session->uid == "late");
}

TEST_CASE("alert before next: one rule for the board's card and the door sign, decided in the view models") {
  const VenueZone zone("Europe/Paris");
  auto at = [&zone](const char* local) { return ParseIsoInstant(local, zone); };
  const Programme& p = RaictLive();
  // At 10:20 Salon Laplace has its climate workshop on; the gender workshop (11:45) moved to the Grand Salon
  // before the room's next session.
  const BoardViewModel board = BoardViewModel::Build(p, at("2026-07-08T10:20"), zone, {});
  const DoorSignViewModel sign = DoorSignViewModel::Build(p, "salon-laplace", at("2026-07-08T10:20"), zone, {});
  const RoomCard* card = CardNamed(board, "Salon Laplace");
  REQUIRE(card);
  REQUIRE(card->alert_before_next);
  REQUIRE(sign.alert_before_next);
  CHECK(card->alert_before_next->session == sign.alert_before_next->session);
  CHECK(card->alert_before_next->session->source_id == "J1-12");
  CHECK(card->alert_before_next->marks.front().kind == MarkKind::Moved);
  // Every card and sign follows AlertBeforeNext.
  for (const RoomCard& c : board.rooms) {
    CAPTURE(c.room_name);
    const auto expected = AlertBeforeNext(c.alerts, c.next);
    CHECK(c.alert_before_next.has_value() == expected.has_value());
    const DoorSignViewModel s = DoorSignViewModel::Build(p, c.room_key, at("2026-07-08T10:20"), zone, {});
    CHECK(s.alert_before_next.has_value() == c.alert_before_next.has_value());
    if (s.alert_before_next && c.alert_before_next) CHECK(s.alert_before_next->session == c.alert_before_next->session);
  }

  // The rule itself: an alert at or after a next session today is not shown before it; with no next today, the first.
  Fixture f;
  const Programme& fp = f.programme;
  const SessionItem early = MakeSessionItem(fp, fp.sessions[0], f.zone);      // 09:00
  const SessionItem later = MakeSessionItem(fp, fp.sessions.back(), f.zone);  // the next day, 09:00
  NextInfo next;
  next.item = MakeSessionItem(fp, fp.sessions[3], f.zone);  // 10:00 or later
  CHECK(AlertBeforeNext({}, next) == std::nullopt);
  CHECK(AlertBeforeNext({early}, next)->session == early.session);
  CHECK_FALSE(AlertBeforeNext({later}, next));
  CHECK(AlertBeforeNext({later}, std::nullopt)->session == later.session);
  next.other_day = true;
  CHECK(AlertBeforeNext({later}, next)->session == later.session);
}

TEST_CASE("door sign badges leave out Complet, which the sign says in its banner") {
  const VenueZone zone("Europe/Paris");
  const Programme& p = RaictLive();
  const DoorSignViewModel full =
      DoorSignViewModel::Build(p, "salon-berthollet", ParseIsoInstant("2026-07-08T10:20", zone), zone, {});
  REQUIRE(full.on_now);
  CHECK(full.on_now->item.Mark(MarkKind::Full) != nullptr);
  CHECK(std::none_of(full.now_badges.begin(), full.now_badges.end(),
                     [](const SessionMark& m) { return m.kind == MarkKind::Full; }));
  CHECK(full.now_badges.size() + 1 == full.on_now->item.marks.size());
  CHECK(kFullBanner.fr == "COMPLET");
  CHECK(kFullBanner.en == "FULL");
  const DoorSignViewModel monge =
      DoorSignViewModel::Build(p, "salon-monge", ParseIsoInstant("2026-07-08T10:20", zone), zone, {});
  REQUIRE(monge.next);
  CHECK(monge.next_badges.size() + (monge.next->item.full ? 1 : 0) == monge.next->item.marks.size());
  CHECK(monge.now_badges == monge.on_now->item.marks);  // delayed, not full: all its marks
}

TEST_CASE("wrong-clock view model: timelines on a landscape lobby, lists on a portrait one or a door sign") {
  const VenueZone zone("Europe/Paris");
  auto at = [&zone](const char* local) { return ParseIsoInstant(local, zone); };
  const Programme& p = RaictLive();
  const RevisionStamp stamp{7, at("2026-07-08T14:05")};
  const ClockProblemViewModel clock = ClockProblemViewModel::Build(p, stamp, at("2026-07-08T09:00"), zone);
  REQUIRE(clock.Wrong());

  const WrongClockViewModel lobby = WrongClockViewModel::Build(p, zone, stamp, nullptr, true, clock);
  CHECK(lobby.lists.empty());
  REQUIRE(lobby.grids.size() >= 3);  // day 1 in two windows, then day 2
  CHECK_FALSE(lobby.Empty());
  for (const WrongClockGrid& day : lobby.grids) {
    CHECK(day.header.clock.empty());
    CHECK(day.header.day_label == day.grid.day_label);
    CHECK(day.header.event_name == "17es Rencontres de l\u2019action internationale des collectivités territoriales");
    CHECK(day.header.revision.fr == "Mis à jour le mercredi 8 juillet à 14:05" + kDot + "révision 7");
    CHECK_FALSE(day.grid.now_x);
  }
  CHECK(lobby.grids.front().header.day_label.fr == "mercredi 8 juillet 2026");
  CHECK(lobby.grids.back().header.day_label.fr == "jeudi 9 juillet 2026");

  const WrongClockViewModel portrait = WrongClockViewModel::Build(p, zone, stamp, nullptr, false, clock);
  CHECK(portrait.grids.empty());
  CHECK(portrait.lists.size() == 2);
  const std::string laplace = "salon-laplace";
  const WrongClockViewModel door = WrongClockViewModel::Build(p, zone, stamp, &laplace, true, clock);
  CHECK(door.grids.empty());
  REQUIRE(door.lists.size() == 2);
  CHECK_FALSE(door.lists[0].show_rooms);

  // Nothing to list: the message says what is wrong, in both languages.
  const WrongClockViewModel empty = WrongClockViewModel::Build(Programme{}, zone, stamp, nullptr, true, clock);
  CHECK(empty.Empty());
  CHECK(empty.message.title == clock.title);
  CHECK(empty.message.reason.find(clock.hint.fr) != std::string::npos);
  CHECK(empty.message.reason.find(clock.hint.en) != std::string::npos);
}

namespace {

/// Draws one frame without a window (ImGui only, no GL) for a display of `size`, with `draw`; returns every text the
/// screen drew, with its box (ScreenContext::text_log).
template <class Draw>
std::vector<DrawnText> DrawHeadless(Fonts& fonts, ImVec2 size, const Draw& draw) {
  ImGuiIO& io = ImGui::GetIO();
  io.DisplaySize = size;
  io.DeltaTime = 1.0f / 60.0f;
  fonts.Ensure(ReferenceHeight(size), 16384);
  std::vector<DrawnText> log;
  ImGui::NewFrame();
  ScreenContext context = MakeScreenContext(fonts, size);
  context.text_log = &log;
  draw(context);
  ImGui::Render();
  return log;
}

/// `text` without a trailing "…" (a line cut short).
std::string WithoutEllipsis(std::string text) {
  const std::string ellipsis(kEllipsis);
  while (text.size() >= ellipsis.size() && text.compare(text.size() - ellipsis.size(), ellipsis.size(), ellipsis) == 0)
    text.resize(text.size() - ellipsis.size());
  return text;
}

/// Whether `t` lies wholly inside x 0..width, y 0..bottom (a pixel of rounding allowed).
bool Inside(const DrawnText& t, float width, float bottom) {
  return t.min.x >= -1.0f && t.min.y >= -1.0f && t.max.x <= width + 1.0f && t.max.y <= bottom + 1.0f &&
         t.max.x > t.min.x;
}

/// Whether one of the forms of `mark` (as Badges picks it: compact, French, brief) was drawn inside the box.
bool MarkDrawn(const std::vector<DrawnText>& log, const SessionMark& mark, float width, float bottom) {
  return std::any_of(log.begin(), log.end(), [&](const DrawnText& t) {
    return (t.text == mark.compact || t.text == mark.text.fr || t.text == mark.brief ||
            // the door sign's big alert wraps the French over two lines
            (t.text.size() >= 6 && mark.text.fr.rfind(t.text, 0) == 0)) &&
           Inside(t, width, bottom);
  });
}

/// Whether the first line of `text` was drawn inside the box: a drawn text (its "…" dropped) that starts `text`
/// and is at least a word long.
bool FirstLineDrawn(const std::vector<DrawnText>& log, const std::string& text, float width, float bottom) {
  return std::any_of(log.begin(), log.end(), [&](const DrawnText& t) {
    const std::string line = WithoutEllipsis(t.text);
    return line.size() >= std::min<std::size_t>(8, text.size()) && text.rfind(line, 0) == 0 && Inside(t, width, bottom);
  });
}

bool TextDrawn(const std::vector<DrawnText>& log, const std::string& text, float width, float bottom) {
  return std::any_of(log.begin(), log.end(),
                     [&](const DrawnText& t) { return t.text == text && Inside(t, width, bottom); });
}

Announcement LongWord(std::int64_t id, AnnouncementPriority priority, Instant made_at) {
  std::string word;
  for (int i = 0; i < 12; ++i) word += "Anticonstitutionnellement";
  return MakeAnnouncement(id, priority, word, "", made_at);
}

}  // namespace

TEST_CASE("screens draw every mark and announcement at 720p, 1080p, portrait and 4K inside the screen") {
  const VenueZone zone("Europe/Paris");
  auto at = [&zone](const char* local) { return ParseIsoInstant(local, zone); };
  const Programme& p = RaictLive();
  const RevisionStamp stamp{9, at("2026-07-08T10:05")};
  const std::string long_fr =
      "La plénière de clôture est avancée à 16 h 00 et se tiendra dans le Grand Salon ; merci de rejoindre la salle "
      "dès 15 h 45 : les portes fermeront à l'heure.";
  const std::string long_en =
      "The closing plenary is brought forward to 4 pm and takes place in the Grand Salon; please be seated by 3:45 pm.";
  const std::vector<Announcement> notices = {
      MakeAnnouncement(1, AnnouncementPriority::Info, long_fr, long_en, at("2026-07-08T10:00")),
      MakeAnnouncement(2, AnnouncementPriority::Info, "Vestiaire : rez-de-chaussée", "", at("2026-07-08T10:01")),
      MakeAnnouncement(3, AnnouncementPriority::Urgent, long_fr, long_en, at("2026-07-08T10:02")),
  };
  std::vector<Announcement> with_emergency = notices;
  with_emergency.push_back(MakeAnnouncement(4, AnnouncementPriority::Emergency, long_fr + " " + long_fr,
                                            long_en + " " + long_en, at("2026-07-08T10:03")));
  // Twenty at once, info and urgent alternating, each of its own length.
  std::vector<Announcement> twenty;
  for (int i = 0; i < 20; ++i)
    twenty.push_back(MakeAnnouncement(10 + i, i % 2 ? AnnouncementPriority::Urgent : AnnouncementPriority::Info,
                                      "Annonce " + std::to_string(i) + " : " + long_fr.substr(0, 20 + 6 * i),
                                      i % 3 ? "Notice " + std::to_string(i) : "", at("2026-07-08T09:00")));
  // One word longer than any screen is wide, in each place an announcement goes.
  const std::vector<Announcement> long_word = {LongWord(40, AnnouncementPriority::Info, at("2026-07-08T10:00")),
                                               LongWord(41, AnnouncementPriority::Urgent, at("2026-07-08T10:00"))};
  std::vector<Announcement> long_word_emergency = long_word;
  long_word_emergency.push_back(LongWord(42, AnnouncementPriority::Emergency, at("2026-07-08T10:00")));
  std::vector<Announcement> every = with_emergency;
  for (const auto* list : {&twenty, &long_word_emergency}) every.insert(every.end(), list->begin(), list->end());

  ImGuiContext* imgui = ImGui::CreateContext();
  ImGui::GetIO().IniFilename = nullptr;  // no imgui.ini left in the working folder
  {
    Fonts fonts;
    fonts.SetText(ProgrammeText(p) + AnnouncementText(every));
    const StaffStatus staff{true, std::chrono::seconds{200}, "HTTP 404 for http://hub.example/raict/manifest.json"};
    const BoardViewModel board = BoardViewModel::Build(p, at("2026-07-08T10:20"), zone, stamp);
    const TimelineViewModel timeline = TimelineViewModel::Build(p, *board.day, at("2026-07-08T10:20"), zone);
    const BoardViewModel before = BoardViewModel::Build(p, at("2026-07-08T08:00"), zone, stamp);
    const BoardViewModel after = BoardViewModel::Build(p, at("2026-07-10T10:00"), zone, stamp);
    const std::string room = "salon-laplace";
    const ClockProblemViewModel clock = ClockProblemViewModel::Build(p, stamp, at("2026-07-08T09:00"), zone);
    const std::vector<ProgrammeListViewModel> lists = ProgrammeListViewModel::Build(p, zone, stamp, nullptr);
    const std::vector<ProgrammeListViewModel> door_lists = ProgrammeListViewModel::Build(p, zone, stamp, &room);
    REQUIRE_FALSE(door_lists.front().show_rooms);
    const WrongClockViewModel wrong = WrongClockViewModel::Build(p, zone, stamp, nullptr, true, clock);
    REQUIRE(wrong.grids.size() >= 2);

    for (const ImVec2 size : {ImVec2(1280, 720), ImVec2(1920, 1080), ImVec2(1080, 1920), ImVec2(3840, 2160)}) {
      CAPTURE(size.x);
      CAPTURE(size.y);
      for (const std::vector<Announcement>* list : std::initializer_list<const std::vector<Announcement>*>{
               &notices, &with_emergency, &twenty, &long_word, &long_word_emergency}) {
        CAPTURE(list->size());
        const AnnouncementsViewModel lobby = AnnouncementsViewModel::Build(*list, at("2026-07-08T10:20"), nullptr);
        const AnnouncementsViewModel door = AnnouncementsViewModel::Build(*list, at("2026-07-08T10:20"), &room);
        // `marks`: what the screen's own content must show, above the info band (none under an emergency).
        auto check = [&](const std::string what, const AnnouncementsViewModel& announcements,
                         const std::vector<SessionMark>& marks, const std::vector<std::string>& texts,
                         const auto& draw) {
          CAPTURE(what);
          for (long long slot : {0LL, 1LL, 19LL}) {
            CAPTURE(slot);
            float band_top = size.y;
            const std::vector<DrawnText> log = DrawHeadless(fonts, size, [&](ScreenContext context) {
              context.announcements = &announcements;
              context.slot = slot;
              context.staff = &staff;
              draw(context);
              band_top = InfoBandTop(context);
            });
            REQUIRE_FALSE(log.empty());
            for (const DrawnText& t : log) {
              CAPTURE(t.text);
              CHECK(Inside(t, size.x, size.y));
            }
            const AnnouncementView* emergency = AnnouncementsViewModel::At(announcements.emergency, slot);
            if (emergency) {
              CHECK(FirstLineDrawn(log, emergency->text, size.x, size.y));
              CHECK(TextDrawn(log, "ALERTE", size.x, size.y));
              continue;
            }
            if (const AnnouncementView* info = AnnouncementsViewModel::At(announcements.info, slot)) {
              CAPTURE(info->text);
              CHECK(band_top < size.y);
              CHECK(FirstLineDrawn(log, info->text, size.x, size.y));
            }
            if (const AnnouncementView* urgent = AnnouncementsViewModel::At(announcements.urgent, slot)) {
              CAPTURE(urgent->text);
              CHECK(FirstLineDrawn(log, urgent->text, size.x, band_top));
            }
            for (const SessionMark& mark : marks) {
              CAPTURE(mark.compact);
              CHECK(MarkDrawn(log, mark, size.x, band_top));
            }
            for (const std::string& text : texts) {
              CAPTURE(text);
              CHECK(TextDrawn(log, text, size.x, band_top));
            }
          }
        };
        // The board's first page: the marks of what is on in each of its rooms, and the alert of its last line.
        std::vector<SessionMark> board_marks;
        // As many cards as the page holds with this info band under it.
        fonts.Ensure(ReferenceHeight(size), 16384);
        ScreenContext lobby_context = MakeScreenContext(fonts, size);
        lobby_context.announcements = &lobby;
        const int per_page = lobby.emergency.empty() ? BoardRoomsPerPage(lobby_context) : 0;
        for (int i = 0; i < std::min<int>(per_page, static_cast<int>(board.rooms.size())); ++i) {
          const RoomCard& card = board.rooms[static_cast<std::size_t>(i)];
          if (card.now && !card.now->item.marks.empty()) board_marks.push_back(card.now->item.marks.front());
          if (card.now && card.alert_before_next) board_marks.push_back(card.alert_before_next->marks.front());
        }
        check("board", lobby, board_marks, {}, [&](const ScreenContext& c) { DrawBoard(c, board, 0, {0, 2}); });
        check("timeline", lobby, {}, {}, [&](const ScreenContext& c) { DrawTimeline(c, board, timeline, 0, {1, 2}); });
        check("countdown", lobby, {}, {}, [&](const ScreenContext& c) { DrawCountdown(c, before); });
        check("closing", lobby, {}, {}, [&](const ScreenContext& c) { DrawClosing(c, after); });
        for (const char* when : {"2026-07-08T10:20", "2026-07-08T12:00"}) {
          const DoorSignViewModel sign = DoorSignViewModel::Build(p, room, at(when), zone, stamp);
          std::vector<SessionMark> marks = sign.now_badges;
          if (!sign.on_now && !sign.alerts.empty()) marks.push_back(sign.alerts.front().marks.front());
          if (sign.on_now && sign.alert_before_next) marks.push_back(sign.alert_before_next->marks.front());
          check("door sign", door, marks, {}, [&](const ScreenContext& c) { DrawDoorSign(c, sign); });
        }
        const DoorSignViewModel full =
            DoorSignViewModel::Build(p, "salon-berthollet", at("2026-07-08T10:20"), zone, stamp);
        REQUIRE(full.on_now);
        REQUIRE(full.on_now->item.full);
        check("full door sign", door, full.now_badges, {kFullBanner.fr + " / " + kFullBanner.en},
              [&](const ScreenContext& c) { DrawDoorSign(c, full); });
        // The programme lists (lobby and door sign): the first mark of each item on the first page.
        for (const ProgrammeListViewModel* shown : {&lists[0], &door_lists[0]}) {
          std::vector<SessionMark> marks;
          for (std::size_t i = 0; i < std::min<std::size_t>(4, shown->items.size()); ++i)
            if (!shown->items[i].marks.empty()) marks.push_back(shown->items[i].marks.front());
          if (shown == &door_lists[0]) CHECK_FALSE(marks.empty());
          check(shown->show_rooms ? "wrong clock list" : "wrong clock door list", shown == &lists[0] ? lobby : door,
                marks, {clock.title.fr}, [&](ScreenContext c) {
                  c.clock = &clock;
                  DrawProgrammeList(c, *shown, 0, {0, 2});
                });
        }
        check("wrong clock timeline", lobby, {}, {clock.title.fr}, [&](ScreenContext c) {
          c.clock = &clock;
          DrawWrongClock(c, wrong, 0);
        });
        check("message", lobby, {}, {}, [&](const ScreenContext& c) {
          DrawMessage(c, {{"Programme indisponible", "Programme unavailable"}, "store missing", 3});
        });
      }
    }
  }
  ImGui::DestroyContext(imgui);
}

// ----- Layout at the four sizes of issue 5 (1280x720, 1920x1080, 1080x1920, 3840x2160)

namespace {

/// The texts and the boxes (ScreenContext::box_log) of one frame drawn without a window.
struct Frame {
  std::vector<DrawnText> texts;
  std::vector<DrawnText> boxes;
  float title_px = 0;  ///< Fonts::Size(kTitle) on this screen
};

template <class Draw>
Frame DrawFrame(Fonts& fonts, ImVec2 size, const Draw& draw) {
  Frame frame;
  frame.texts = DrawHeadless(fonts, size, [&](ScreenContext context) {
    context.box_log = &frame.boxes;
    frame.title_px = fonts.Size(Fonts::kTitle);
    draw(context);
  });
  return frame;
}

/// A letter or digit of a word: lines never end between two of them unless cut with "…". Han, kana and other
/// scripts written without spaces (U+2E80 on) break between any two characters.
bool WordChar(char32_t c) {
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  if (c == 0x2019) return true;  // d’expérience
  return (c >= 0xC0 && c < 0x2000 && c != 0xD7 && c != 0xF7);
}

/// Where `line` (as drawn, maybe ending with "…") was cut inside a word of the text it comes from, among `sources`:
/// empty when it starts and ends at word boundaries of one of its places in a source, or comes from none of them. A
/// line ending with "…" may end inside a word only when cutting at its last word boundary would have left it short
/// (FitOneLine keeps at least half the width): here, when its last space is in its first three quarters.
std::string CutInsideWord(const std::string& drawn, const std::vector<std::string>& sources) {
  const std::string text = WithoutEllipsis(drawn);
  const std::u32string line = DecodeUtf8(text);
  if (line.size() < 2) return {};
  bool may_end_inside = false;
  if (text.size() < drawn.size()) {
    std::size_t boundary = 0;
    for (std::size_t i = 1; i < line.size(); ++i)
      if (line[i] == U' ') boundary = i;  // FitOneLine cuts at spaces only
    may_end_inside = boundary * 4 < line.size() * 3;
  }
  bool found = false;
  for (const std::string& source_text : sources) {
    const std::u32string source = DecodeUtf8(source_text);
    for (std::size_t at = source.find(line); at != std::u32string::npos; at = source.find(line, at + 1)) {
      found = true;
      const std::size_t end = at + line.size();
      const bool start_ok = at == 0 || !(WordChar(source[at - 1]) && WordChar(source[at]));
      const bool end_ok =
          may_end_inside || end == source.size() || !(WordChar(source[end - 1]) && WordChar(source[end]));
      if (start_ok && end_ok) return {};
    }
  }
  return found ? drawn : std::string();
}

bool Overlap(const DrawnText& a, const DrawnText& b) {
  const float w = std::min(a.max.x, b.max.x) - std::max(a.min.x, b.min.x);
  const float h = std::min(a.max.y, b.max.y) - std::max(a.min.y, b.min.y);
  return w > 1.5f && h > 1.5f;
}

bool Within(const DrawnText& t, const DrawnText& box) {
  return t.min.x >= box.min.x - 1 && t.min.y >= box.min.y - 1 && t.max.x <= box.max.x + 1 && t.max.y <= box.max.y + 1;
}

/// Every text of `item` a screen may draw whole or in part.
void AddItemTexts(std::vector<std::string>& out, const SessionItem& item) {
  for (const std::string* text : {&item.title, &item.title_en, &item.speakers, &item.room_name})
    if (!text->empty()) out.push_back(*text);
}

/// The synthetic programme of issue 5: long room names, long titles in both languages, long speaker lists, on
/// 8 July 2026 (on now at 10:20, next at 11:45, more in the afternoon) and 9 July.
Programme LongProgramme() {
  Fixture f;
  Programme p;
  p.conference.title =
      "17es Rencontres de l'action internationale des collectivités territoriales et de la coopération décentralisée";
  p.rooms = {{"nord", "Salle des conférences internationales Jean-Baptiste Poquelin, aile nord, deuxième étage"},
             {"grand", "Grand Salon"},
             {"afrique", "Salon des relations décentralisées franco-africaines et de la solidarité internationale"},
             {"gregoire", "Amphithéâtre Abbé-Grégoire"},
             {"viet", "Salle Hợp tác phi tập trung Việt – Pháp"},
             {"r", "R"}};
  const std::string long_fr =
      "Coopération décentralisée et transition écologique : comment les collectivités territoriales françaises et "
      "leurs partenaires africains, asiatiques et latino-américains construisent ensemble des réponses locales aux "
      "défis climatiques mondiaux";
  const std::string long_en =
      "Decentralised cooperation and the ecological transition: how French local authorities and their African, "
      "Asian and Latin American partners build local answers to global climate challenges together";
  std::vector<Speaker> speakers;
  for (const char* name : {"Claire Vasseur-Delacroix", "Mamadou Sène", "Nguyễn Thị Minh Khai", "Haruka Mizuno",
                           "Tomás Villalobos", "Léa Fontaine", "Bruno Castel", "Chloé Dubreuil"})
    speakers.push_back({name, "Vice-présidente chargée des relations internationales et de la coopération"});
  int n = 0;
  for (const Room& room : p.rooms) {
    auto add = [&](const char* day, const char* start, const char* end, const std::string& title,
                   const std::string& title_en, const char* kind) -> Session& {
      Session s;
      s.uid = "s" + std::to_string(n++);
      s.room_key = room.key;
      s.start = f.At((std::string(day) + "T" + start).c_str());
      s.end = f.At((std::string(day) + "T" + end).c_str());
      s.day = ParseDay(day);
      s.title = title;
      s.title_en = title_en;
      s.kind = kind;
      s.speakers = speakers;
      p.sessions.push_back(s);
      return p.sessions.back();
    };
    add("2026-07-08", "10:00", "11:30", long_fr, long_en, "atelier de travail thématique et interrégional");
    add("2026-07-08", "11:45", "13:00", "Table ronde " + long_fr, "Round table " + long_en, "plénière");
    add("2026-07-08", "14:00", "15:00", long_fr + " (suite et fin)", "", "réunion régionale");
    add("2026-07-09", "09:00", "10:00", long_fr, long_en, "atelier");
  }
  p.Normalize();
  return p;
}

}  // namespace

TEST_CASE(
    "layout at 1280x720, 1920x1080, 1080x1920 and 3840x2160: texts in the screen and their boxes, no word cut, "
    "no overlap, titles shrink before they are cut") {
  const VenueZone zone("Europe/Paris");
  auto at = [&zone](const char* local) { return ParseIsoInstant(local, zone); };
  const Programme& raict = Raict();
  const Programme synthetic = LongProgramme();
  const RevisionStamp stamp{12, at("2026-07-08T09:55")};
  std::string emergency_fr, emergency_en;
  while (DecodeUtf8(emergency_fr).size() < 500)
    emergency_fr +=
        "Évacuation immédiate du bâtiment par les sorties de secours signalées, sans utiliser les "
        "ascenseurs ; suivez les consignes du personnel en gilet orange. ";
  while (DecodeUtf8(emergency_en).size() < 500)
    emergency_en +=
        "Leave the building now by the marked emergency exits, without using the lifts; follow the "
        "staff in orange vests. ";
  const std::string urgent_fr =
      "La plénière de clôture est avancée à 16 h 00 et se tiendra dans le Grand Salon ; merci de rejoindre la salle "
      "dès 15 h 45 : les portes fermeront à l'heure.";
  const std::vector<Announcement> emergency = {
      MakeAnnouncement(1, AnnouncementPriority::Emergency, emergency_fr, emergency_en, at("2026-07-08T10:00"))};
  const std::vector<Announcement> notices = {
      MakeAnnouncement(2, AnnouncementPriority::Info,
                       "Vestiaire et consigne à bagages au rez-de-chaussée, à gauche de "
                       "l'accueil ; le wifi du salon est « RAICT-2026 ».",
                       "Cloakroom on the ground floor.", at("2026-07-08T10:00")),
      MakeAnnouncement(3, AnnouncementPriority::Urgent, urgent_fr, "The closing plenary is brought forward to 4 pm.",
                       at("2026-07-08T10:00"))};
  const std::vector<Announcement> info_only = {notices.front()};

  struct Moment {
    const char* name;
    const Programme* programme;
    Instant now;
  };
  const std::vector<Moment> moments = {{"RAICT 8 July 10:20", &raict, at("2026-07-08T10:20")},
                                       {"RAICT 9 July 11:10", &raict, at("2026-07-09T11:10")},
                                       {"long texts 8 July 10:20", &synthetic, at("2026-07-08T10:20")},
                                       {"long texts 8 July 11:35", &synthetic, at("2026-07-08T11:35")}};

  ImGuiContext* imgui = ImGui::CreateContext();
  ImGui::GetIO().IniFilename = nullptr;
  {
    Fonts fonts;
    std::vector<Announcement> all = emergency;
    all.insert(all.end(), notices.begin(), notices.end());
    fonts.SetText(ProgrammeText(raict) + ProgrammeText(synthetic) + AnnouncementText(all));
    int screens = 0, cut_titles = 0, shrunk_titles = 0;

    for (const ImVec2 size : {ImVec2(1280, 720), ImVec2(1920, 1080), ImVec2(1080, 1920), ImVec2(3840, 2160)}) {
      CAPTURE(size.x);
      CAPTURE(size.y);
      for (const Moment& moment : moments) {
        const std::string moment_name = moment.name;
        CAPTURE(moment_name);
        const Programme& p = *moment.programme;
        const BoardViewModel board = BoardViewModel::Build(p, moment.now, zone, stamp);
        REQUIRE(board.day);
        const TimelineViewModel timeline = TimelineViewModel::Build(p, *board.day, moment.now, zone);
        const BoardViewModel before = BoardViewModel::Build(p, at("2026-07-07T18:00"), zone, stamp);
        const BoardViewModel after = BoardViewModel::Build(p, at("2026-07-10T10:00"), zone, stamp);

        // What the screens may draw in part: every session text, room name and the event's name.
        std::vector<std::string> sources = {board.event_name, emergency_fr, emergency_en, urgent_fr};
        std::vector<std::string> titles;
        for (const Session& s : p.sessions) {
          const SessionItem item = MakeSessionItem(p, s, zone);
          AddItemTexts(sources, item);
          titles.push_back(item.title);
        }
        for (const Room& room : p.rooms) sources.push_back(DisplayText(room.name, ProgrammeIsFrench(p)));

        // `what` drawn with `announcements` (null: none): the checks every screen passes.
        // `must_show`: texts whose first line the screen must draw (room names and titles on now), whatever the size.
        auto check = [&](const std::string& what, const std::vector<Announcement>* announcements,
                         const std::vector<std::string>& must_show, const auto& draw) {
          CAPTURE(what);
          const AnnouncementsViewModel shown = announcements
                                                   ? AnnouncementsViewModel::Build(*announcements, moment.now, nullptr)
                                                   : AnnouncementsViewModel{};
          const Frame frame = DrawFrame(fonts, size, [&](ScreenContext context) {
            context.announcements = &shown;
            draw(context);
          });
          ++screens;
          REQUIRE_FALSE(frame.texts.empty());
          ScreenContext with_band = MakeScreenContext(fonts, size);
          with_band.announcements = &shown;
          const float band_top = InfoBandTop(with_band);
          for (const DrawnText& t : frame.texts) {
            CAPTURE(t.text);
            CHECK(Inside(t, size.x, size.y));
            CHECK(CutInsideWord(t.text, sources).empty());
          }
          if (!shown.emergency.empty()) {
            CHECK(FirstLineDrawn(frame.texts, shown.emergency.front().text, size.x, size.y));
            return;
          }
          // A title is wrapped onto its lines, then drawn one step smaller, and only then cut.
          for (const DrawnText& t : frame.texts) {
            const std::string line = WithoutEllipsis(t.text);
            const bool is_title = line.size() >= 6 &&
                                  std::any_of(titles.begin(), titles.end(),
                                              [&](const std::string& x) { return x.find(line) != std::string::npos; });
            const float px = t.max.y - t.min.y;
            if (!is_title || px < frame.title_px * 0.8f) continue;  // body text: one-line lists, English titles
            if (px < frame.title_px * 0.99f) ++shrunk_titles;
            if (line.size() == t.text.size()) continue;
            CAPTURE(t.text);
            ++cut_titles;
            CHECK(px < frame.title_px * 0.9f);  // one step (x 0.85) smaller, rounded
          }
          if (!shown.urgent.empty()) {
            // The urgent box holds its own lines; the content under the veil is not its concern.
            const auto box = std::find_if(frame.boxes.begin(), frame.boxes.end(),
                                          [](const DrawnText& b) { return b.text == "urgent"; });
            REQUIRE(box != frame.boxes.end());
            for (const DrawnText& t : frame.texts) {
              const std::string line = WithoutEllipsis(t.text);
              if (line.size() >= 12 && urgent_fr.find(line) != std::string::npos) {
                CAPTURE(t.text);
                CHECK(Within(t, *box));
              }
            }
            return;
          }
          // Each text that starts in a box (card, panel, bar, band) stays in it.
          for (const DrawnText& box : frame.boxes) {
            CAPTURE(box.text);
            for (const DrawnText& t : frame.texts) {
              if (t.min.x + 1 < box.min.x || t.min.x + 1 > box.max.x || t.min.y + 1 < box.min.y ||
                  t.min.y + 1 > box.max.y)
                continue;
              CAPTURE(t.text);
              CHECK(Within(t, box));
            }
          }
          for (const std::string& text : must_show) {
            CAPTURE(text);
            CHECK(FirstLineDrawn(frame.texts, text, size.x, band_top));
          }
          // The boxes are on the screen, above the info band, with room for a line; cards and panels side by side,
          // never on top of each other.
          for (std::size_t i = 0; i < frame.boxes.size(); ++i) {
            const DrawnText& box = frame.boxes[i];
            CAPTURE(box.text);
            CHECK(Inside(box, size.x, size.y));
            CHECK(box.max.y - box.min.y >= frame.title_px * 0.8f);
            if (box.text == "bar" || box.text == "info") continue;
            CHECK(box.max.y <= band_top + 1);
            for (std::size_t j = i + 1; j < frame.boxes.size(); ++j) {
              if (frame.boxes[j].text == "bar" || frame.boxes[j].text == "info") continue;
              CAPTURE(frame.boxes[j].text);
              CHECK_FALSE(Overlap(box, frame.boxes[j]));
            }
          }
          // No two texts of the screen on top of each other.
          for (std::size_t i = 0; i < frame.texts.size(); ++i) {
            for (std::size_t j = i + 1; j < frame.texts.size(); ++j) {
              if (!Overlap(frame.texts[i], frame.texts[j])) continue;
              CAPTURE(frame.texts[i].text);
              CAPTURE(frame.texts[j].text);
              CHECK(false);
            }
          }
        };

        for (const std::vector<Announcement>* announcements :
             std::initializer_list<const std::vector<Announcement>*>{nullptr, &info_only, &notices, &emergency}) {
          fonts.Ensure(ReferenceHeight(size), 16384);
          ScreenContext probe = MakeScreenContext(fonts, size);
          const int pages = BoardPageCount(probe, board);
          const int per_page = BoardRoomsPerPage(probe);
          for (int page = 0; page < std::min(pages, 3); ++page) {
            std::vector<std::string> shown;
            for (int i = page * per_page; i < std::min<int>((page + 1) * per_page, board.rooms.size()); ++i) {
              const RoomCard& card = board.rooms[static_cast<std::size_t>(i)];
              shown.push_back(card.room_name);
              if (card.now) shown.push_back(card.now->item.title);
            }
            check("board page " + std::to_string(page), announcements, shown, [&](const ScreenContext& c) {
              DrawBoard(c, board, page, {page, pages});
            });
          }
          if (size.x >= size.y)
            check("timeline", announcements, {}, [&](const ScreenContext& c) {
              DrawTimeline(c, board, timeline, 0, {0, 1});
            });
          check("countdown", announcements, {before.countdown.fr, before.opening.fr},
                [&](const ScreenContext& c) { DrawCountdown(c, before); });
          check("closing", announcements, {after.closing_title.fr, after.closing_text.fr},
                [&](const ScreenContext& c) { DrawClosing(c, after); });
          const std::string reason =
              "SQLite: unable to open database file /var/lib/kiosk/raict-2026.db (no such file or directory); the "
              "last good revision is 11 from 10:42, shown again as soon as it can be read";
          check("message", announcements, {"Programme indisponible", reason}, [&](const ScreenContext& c) {
            DrawMessage(c, {{"Programme indisponible", "Programme unavailable"}, reason, 5});
          });
          if (announcements == &notices) continue;  // the door signs do not show lobby notices
          for (const Room& room : p.rooms) {
            const DoorSignViewModel sign = DoorSignViewModel::Build(p, room.key, moment.now, zone, stamp);
            std::vector<std::string> shown = {sign.room_name};
            if (sign.on_now) shown.push_back(sign.on_now->item.title);
            if (sign.next) shown.push_back(sign.next->item.title);
            check("door sign " + room.key, announcements, shown,
                  [&](const ScreenContext& c) { DrawDoorSign(c, sign); });
            if (announcements) continue;
            // The room's name is what a door sign is for: cut only after it took a second line.
            const Frame door = DrawFrame(fonts, size, [&](const ScreenContext& c) { DrawDoorSign(c, sign); });
            int name_lines = 0;
            bool name_cut = false;
            for (const DrawnText& t : door.texts) {
              const std::string line = WithoutEllipsis(t.text);
              if (t.max.y > size.y / 4 || line.empty() || sign.room_name.find(line) == std::string::npos) continue;
              ++name_lines;
              name_cut = name_cut || line.size() < t.text.size();
            }
            CAPTURE(sign.room_name);
            CHECK(name_lines >= 1);
            if (name_cut) CHECK(name_lines == 2);
            // A day of three sessions leaves the day panel room for two lines a title: one is cut only after both.
            const auto day_box = std::find_if(door.boxes.begin(), door.boxes.end(),
                                              [](const DrawnText& b) { return b.text == "door_day"; });
            REQUIRE(day_box != door.boxes.end());
            if (sign.sessions.size() > 3) continue;
            auto title_piece = [&](const DrawnText& t) {
              const std::string line = WithoutEllipsis(t.text);
              return Within(t, *day_box) && line.size() >= 4 &&
                     std::any_of(sign.sessions.begin(), sign.sessions.end(),
                                 [&](const DoorSignEntry& e) { return e.item.title.find(line) != std::string::npos; });
            };
            for (const DrawnText& t : door.texts) {
              if (!title_piece(t) || WithoutEllipsis(t.text).size() == t.text.size()) continue;
              CAPTURE(t.text);
              const float px = t.max.y - t.min.y;
              // Its first line right above it: the title took its second line before it was cut.
              CHECK(std::any_of(door.texts.begin(), door.texts.end(), [&](const DrawnText& u) {
                return &u != &t && title_piece(u) && t.min.y - u.min.y >= 0.9f * px && t.min.y - u.min.y <= 1.3f * px;
              }));
            }
          }
        }
      }
    }
    MESSAGE("screens drawn: " << screens << ", titles drawn smaller: " << shrunk_titles << ", cut: " << cut_titles);
    CHECK(screens > 200);
    CHECK(shrunk_titles > 0);
  }
  ImGui::DestroyContext(imgui);
}

TEST_CASE("timeline window for a portrait screen: 4 hours from the hour before now, inside the day") {
  const VenueZone zone("Europe/Paris");
  const Instant now =
      zone.ToInstant(date::local_days{date::July / 8 / 2026} + std::chrono::hours{10} + std::chrono::minutes{20});
  const Day day = date::year_month_day{date::July / 8 / 2026};
  const TimelineViewModel wide = TimelineViewModel::Build(Raict(), day, now, zone);
  const TimelineViewModel narrow =
      TimelineViewModel::Build(Raict(), day, now, zone, std::chrono::hours{4}, std::chrono::hours{5});
  // RAICT's first day runs 08:30-20:00: 12 hours, so a landscape lobby shows 8 of them and a portrait one 4.
  CHECK(wide.windowed);
  CHECK(zone.FormatHm(wide.grid_end) == "17:00");
  CHECK(narrow.windowed);
  CHECK(zone.FormatHm(narrow.grid_start) == "09:00");
  CHECK(zone.FormatHm(narrow.grid_end) == "13:00");
  CHECK(narrow.ticks.size() == 5);
  REQUIRE(narrow.now_x.has_value());
  CHECK(*narrow.now_x == doctest::Approx((80.0 / 60.0) / 4.0));
}

namespace {

/// French words up to exactly `chars` characters (code points), cut inside the last word when needed.
std::string LongWords(std::size_t chars, std::size_t seed) {
  static const std::vector<std::string> kWords = {
      "Coopération",   "décentralisée",  "et",     "action",  "internationale", "des",
      "collectivités", "territoriales:", "enjeux", "d'avenir"};
  std::u32string out;
  for (std::size_t i = seed; out.size() < chars; ++i) {
    if (!out.empty()) out += U' ';
    out += DecodeUtf8(kWords[i % kWords.size()]);
  }
  out.resize(chars);
  if (out.back() == U' ') out.back() = U'x';  // a cell is trimmed: the text keeps its full length
  std::string text;
  for (char32_t c : out) AppendUtf8(text, c);
  return text;
}

}  // namespace

TEST_CASE("the longest allowed fields everywhere: board and door sign frames measure text linear in what they show") {
  // Issue 11 defect 5: every field at its maximum (kiosk/core/Fields.h), 150 speakers a session, through the importer
  // as an organizer's file would come. The frame must not measure (CalcTextSizeA) text in proportion to what it is
  // given: each frame's measured bytes are bounded by its drawn bytes (a deterministic proxy for its time; the
  // wall-clock figures are in bench/text_fit_bench).
  const std::size_t title = LimitOf(FieldKind::Title).max_chars, room = LimitOf(FieldKind::RoomName).max_chars;
  const std::size_t name = LimitOf(FieldKind::SpeakerName).max_chars;
  const std::size_t role = LimitOf(FieldKind::SpeakerRole).max_chars;
  std::string csv = "id,date,start,end,room,title,title_en,speakers,description\n";
  for (int r = 0; r < 8; ++r) {
    const std::string room_name = LongWords(room, r);
    for (int slot = 0; slot < 4; ++slot) {
      std::string speakers;
      for (int s = 0; s < 150; ++s) {
        if (s > 0) speakers += " | ";
        speakers += LongWords(name, s) + " (" + LongWords(role, s + 1) + ")";
      }
      const std::string hours[] = {"09:00", "10:00", "11:00", "12:00", "13:00"};
      csv += "s" + std::to_string(r) + "-" + std::to_string(slot) + ",2026-07-08," + hours[slot] + "," +
             hours[slot + 1] + "," + room_name + "," + LongWords(title, slot + r) + "," +
             LongWords(title, slot + r + 3) + "," + speakers + "," +
             LongWords(LimitOf(FieldKind::Description).max_chars, slot) + "\n";
    }
  }
  ImportOptions options;
  options.source_name = "longest.csv";
  const ImportResult imported = ImportCsv(csv, options);
  const Programme& p = imported.programme;
  REQUIRE(p.sessions.size() == 32);
  REQUIRE(p.rooms.size() == 8);
  CHECK(DecodeUtf8(p.sessions[0].title).size() == title);  // at the maximum, not cut
  CHECK(DecodeUtf8(p.rooms[0].name).size() == room);
  CHECK(p.sessions[0].speakers.size() == kMaxSpeakers);  // 150 given, with a warning
  CHECK(DecodeUtf8(p.sessions[0].speakers[0].role).size() == role);

  const VenueZone zone("Europe/Paris");
  const Instant now = ParseIsoInstant("2026-07-08T10:20", zone);
  const BoardViewModel board = BoardViewModel::Build(p, now, zone, {1, now});
  ImGuiContext* imgui = ImGui::CreateContext();
  ImGui::GetIO().IniFilename = nullptr;
  {
    Fonts fonts;
    fonts.SetText(ProgrammeText(p));
    std::size_t worst_measured = 0, worst_drawn = 0;
    auto check = [&](const std::string& what, ImVec2 size, const std::function<void(const ScreenContext&)>& draw) {
      std::size_t measured = 0;
      const std::vector<DrawnText> texts = test::DrawHeadless(fonts, size, [&](ScreenContext context) {
        context.measured_bytes = &measured;
        draw(context);
      });
      std::size_t drawn = 0;
      for (const DrawnText& text : texts) drawn += text.text.size();
      CAPTURE(what);
      CAPTURE(size.x);
      CAPTURE(drawn);
      CHECK(drawn > 0);
      CHECK(drawn < 20000);  // what a screen shows; the programme holds megabytes
      CHECK(measured <= 40 * drawn + 40000);
      if (measured > worst_measured) worst_measured = measured, worst_drawn = drawn;
    };
    for (const ImVec2 size : {ImVec2(1920, 1080), ImVec2(1080, 1920), ImVec2(960, 540)}) {
      fonts.Ensure(ReferenceHeight(size), 16384);
      const int pages = BoardPageCount(MakeScreenContext(fonts, size), board);
      for (int page = 0; page < pages; ++page) {
        check("board page " + std::to_string(page), size, [&](const ScreenContext& c) {
          DrawBoard(c, board, page, {page, pages});
        });
      }
      for (const Room& r : p.rooms) {
        const DoorSignViewModel sign = DoorSignViewModel::Build(p, r.key, now, zone, {1, now});
        REQUIRE(sign.found);
        check("door sign " + r.key, size, [&](const ScreenContext& c) { DrawDoorSign(c, sign); });
      }
    }
    MESSAGE("worst frame: " << worst_measured << " bytes measured for " << worst_drawn << " bytes drawn");
  }
  ImGui::DestroyContext(imgui);
}

TEST_CASE("a sync kiosk waiting for its first programme says why in both languages and its real poll interval") {
  // Issue 11: a wrong key showed only "waiting for the first signed programme from …" in English, no reason, and
  // "retrying in 5 s" while the kiosk polled every 2 s.
  const MessageViewModel message = SyncWaitingMessage("http://192.168.1.10:8080/", "bad signature", 2.0);
  CHECK(message.title == Bilingual{"En attente du premier programme signé", "Waiting for the first signed programme"});
  CHECK(message.reason == "http://192.168.1.10:8080/");
  CHECK(message.problem.fr == "signature refusée\u00A0: le programme n’est pas signé par la clé de cet écran");
  CHECK(message.problem.en == "signature refused: the programme is not signed with this screen’s key");
  CHECK(message.retry_seconds < 0);
  CHECK(message.retry_every_seconds == 2.0);
  CHECK(SyncProblemText("HTTP 404") == Bilingual{"le serveur répond HTTP 404", "the server answers HTTP 404"});
  CHECK(SyncProblemText("server down") == Bilingual{"serveur injoignable", "server unreachable"});
  CHECK(SyncProblemText("") == Bilingual{"première connexion en cours", "first connection under way"});
  CHECK(SecondsText(0.5) == Bilingual{"0,5\u00A0s", "0.5\u00A0s"});
  CHECK(SecondsText(2) == Bilingual{"2\u00A0s", "2\u00A0s"});

  test::HeadlessImGui imgui;
  Fonts fonts;
  for (const ImVec2 size : {ImVec2(960, 540), ImVec2(1920, 1080), ImVec2(1080, 1920)}) {
    CAPTURE(size.x);
    const std::vector<DrawnText> drawn =
        test::DrawHeadless(fonts, size, [&](ScreenContext& context) { DrawMessage(context, message); });
    bool french_reason = false, english_reason = false, every = false;
    for (const DrawnText& text : drawn) {
      CAPTURE(text.text);
      CHECK(text.text.find("retrying in") == std::string::npos);
      if (text.text.find("signature refusée") != std::string::npos) french_reason = true;
      if (text.text.find("signature refused") != std::string::npos) english_reason = true;
      if (text.text == "nouvel essai toutes les 2\u00A0s · retrying every 2\u00A0s") every = true;
      CHECK(text.min.x >= 0);
      CHECK(text.max.x <= size.x);
    }
    CHECK(french_reason);
    CHECK(english_reason);
    CHECK(every);
  }
}

TEST_CASE("door signs never show a delay in French alone: 'Retardé · Delayed +15 min' or '+15 min'") {
  // Issue 11: at 960x540 the door sign's day list showed "Retardé +15 min" without "Delayed".
  test::HeadlessImGui imgui;
  Fonts fonts;
  const Programme& p = RaictLive();
  VenueZone zone(p.conference.time_zone);
  auto at = [&zone](const char* local) { return ParseIsoInstant(local, zone); };
  int delays_seen = 0;
  for (const ImVec2 size : {ImVec2(960, 540), ImVec2(1280, 720), ImVec2(1080, 1920), ImVec2(540, 960)}) {
    CAPTURE(size.x);
    CAPTURE(size.y);
    for (const char* at_text : {"2026-07-08T09:30", "2026-07-08T10:20"}) {
      const Instant now = at(at_text);
      for (const Room& room : p.rooms) {
        const DoorSignViewModel sign = DoorSignViewModel::Build(p, room.key, now, zone, {2, now});
        REQUIRE(sign.found);
        const std::vector<DrawnText> log =
            test::DrawHeadless(fonts, size, [&](ScreenContext context) { DrawDoorSign(context, sign); });
        for (const DrawnText& t : log) {
          CAPTURE(t.text);
          CHECK(t.text.rfind("Retardé +", 0) == std::string::npos);
          CHECK(t.text.rfind("Avancé de", 0) == std::string::npos);
          if (t.text.find("+15") != std::string::npos) ++delays_seen;
        }
      }
    }
  }
  CHECK(delays_seen > 0);
}

TEST_CASE("door sign: a session moved away is named first on its alert line, then where it went, at every size") {
  // Issue 11: at 960x540 the Grand Salon's sign read "Déplacé · Moved → Restaurant Les Arts 10:00 Réu…" (which
  // session moved?), and its day list gave the moved session's row to the mark alone, without its title.
  const VenueZone zone("Europe/Paris");
  const Programme p = ApplyLiveChanges(
      Raict(), {Change(ChangeKind::Delay, "J1-02", 15), Change(ChangeKind::Move, "J1-08", 0, "restaurant-les-arts")});
  const Instant now = ParseIsoInstant("2026-07-08T09:30", zone);
  const DoorSignViewModel sign = DoorSignViewModel::Build(p, "grand-salon", now, zone, {3, now});
  REQUIRE(sign.on_now);
  REQUIRE(sign.alert_before_next);
  const SessionItem& moved = *sign.alert_before_next;
  REQUIRE(moved.title.rfind("Réunion régionale Afrique", 0) == 0);
  const SessionMark& mark = moved.marks.front();
  REQUIRE(mark.kind == MarkKind::Moved);
  test::HeadlessImGui imgui;
  Fonts fonts;
  fonts.SetText(ProgrammeText(p));
  for (const ImVec2 size :
       {ImVec2(960, 540), ImVec2(1280, 720), ImVec2(1920, 1080), ImVec2(1080, 1920), ImVec2(540, 960)}) {
    CAPTURE(size.x);
    CAPTURE(size.y);
    const std::vector<DrawnText> drawn =
        test::DrawHeadless(fonts, size, [&](ScreenContext& context) { DrawDoorSign(context, sign); });
    // The title's pieces drawn: at least "Réunion régionale" (17 characters) of it, and not cut to a stub.
    std::vector<const DrawnText*> titles, marks;
    for (const DrawnText& t : drawn) {
      const std::string line = WithoutEllipsis(t.text);
      if (line.size() >= 17 && moved.title.rfind(line, 0) == 0) titles.push_back(&t);
      // Its mark in one of its forms, or where it went in a form both languages read ("→ Restaurant Les Arts").
      if (t.text == mark.compact || t.text == mark.text.fr || t.text == mark.brief ||
          t.text == "\u2192 Restaurant Les Arts")
        marks.push_back(&t);
      CHECK(t.max.x <= size.x + 1);
    }
    // Two places name it: the next panel's alert line and the day list's row.
    CHECK(titles.size() >= 2);
    // On the alert line the title comes first and the mark after it, on the same line, saying where it went.
    bool title_then_mark = false, where = false;
    for (const DrawnText* title : titles)
      for (const DrawnText* m : marks)
        if (std::abs(title->min.y - m->min.y) < (title->max.y - title->min.y) && title->max.x <= m->min.x) {
          title_then_mark = true;
          where = where || m->text.find("Restaurant Les Arts") != std::string::npos;
        }
    CHECK(title_then_mark);
    CHECK(where);
    // The day list's row says where it went too.
    CHECK(std::count_if(marks.begin(), marks.end(), [](const DrawnText* m) {
            return m->text.find("Restaurant Les Arts") != std::string::npos;
          }) >= 2);
  }
}

TEST_CASE("interpretation badge: the catalogue's wording, with and without a channel, none when cancelled") {
  const std::optional<SessionMark> channel = InterpretationMark({{"EN"}, "2"});
  REQUIRE(channel);
  CHECK(channel->kind == MarkKind::Interpretation);
  CHECK(channel->text.fr == "Interprétation EN" + kDot + "canal 2");
  CHECK(channel->text.en == "Interpreted into EN" + kDot + "channel 2");
  CHECK(channel->compact == "Interprétation EN" + kDot + "canal 2 / Interpreted into EN" + kDot + "channel 2");
  CHECK(channel->brief == "Interp. EN" + kDot + "c. 2");
  const std::optional<SessionMark> two = InterpretationMark({{"FR", "EN"}, ""});
  REQUIRE(two);
  CHECK(two->text.fr == "Interprétation FR, EN");
  CHECK(two->text.en == "Interpreted into FR, EN");
  CHECK(two->compact == "Interprétation FR, EN / Interpreted into FR, EN");
  CHECK(two->brief == "Interp. FR, EN");
  CHECK_FALSE(InterpretationMark({}));

  const VenueZone zone("Europe/Paris");
  Programme p = Raict();
  p.sessions[0].interpretation = {{"FR", "EN"}, "2"};
  SessionItem item = MakeSessionItem(p, p.sessions[0], zone);
  REQUIRE(item.interpretation);
  CHECK(item.interpretation->text.fr == "Interprétation FR, EN" + kDot + "canal 2");
  CHECK(item.marks.empty());  // not a live change
  REQUIRE(item.Badges().size() == 1);
  CHECK(item.Badges().back().kind == MarkKind::Interpretation);
  p.sessions[0].status = SessionStatus::Cancelled;
  item = MakeSessionItem(p, p.sessions[0], zone);
  CHECK_FALSE(item.interpretation);
  REQUIRE(item.Badges().size() == 1);
  CHECK(item.Badges()[0].kind == MarkKind::Cancelled);
}

TEST_CASE("interpretation badge on the board and the door sign, inside its card and beside the title, at every size") {
  const VenueZone zone("Europe/Paris");
  const Instant now = ParseIsoInstant("2026-07-08T10:20", zone);
  // Salon Monge: the late water workshop on now (delayed) and the full presentation next, both interpreted.
  Programme p = RaictLive();
  for (Session& session : p.sessions)
    if (session.room_key == "salon-monge") session.interpretation = {{"FR", "EN"}, "2"};
  const BoardViewModel board = BoardViewModel::Build(p, now, zone, {});
  const RoomCard* monge = CardNamed(board, "Salon Monge");
  REQUIRE(monge);
  REQUIRE(monge->now);
  REQUIRE(monge->now->item.interpretation);
  const SessionMark badge = *monge->now->item.interpretation;
  CHECK(monge->now->item.Badges().size() == 2);  // Retardé, then the interpretation
  const DoorSignViewModel sign = DoorSignViewModel::Build(p, "salon-monge", now, zone, {});
  REQUIRE(sign.on_now);
  REQUIRE(sign.next);
  REQUIRE_FALSE(sign.now_badges.empty());
  CHECK(sign.now_badges.back() == badge);
  REQUIRE(sign.next_badges.size() == 1);  // "Complet" is the banner's
  CHECK(sign.next_badges[0].kind == MarkKind::Interpretation);
  const std::size_t monge_index = static_cast<std::size_t>(monge - board.rooms.data());

  const test::HeadlessImGui imgui;
  Fonts fonts;
  fonts.SetText(ProgrammeText(p));
  for (const ImVec2 size :
       {ImVec2(960, 540), ImVec2(1280, 720), ImVec2(1920, 1080), ImVec2(1080, 1920), ImVec2(540, 960)}) {
    CAPTURE(size.x);
    CAPTURE(size.y);
    // The board's page that holds Salon Monge's card.
    fonts.Ensure(ReferenceHeight(size), 16384);
    const int per_page = BoardRoomsPerPage(MakeScreenContext(fonts, size));
    std::vector<DrawnText> cards;
    const std::vector<DrawnText> log = DrawHeadless(fonts, size, [&](ScreenContext context) {
      context.box_log = &cards;
      DrawBoard(context, board, static_cast<int>(monge_index) / per_page, {0, 1});
    });
    const DrawnText* card = nullptr;
    for (const DrawnText& box : cards)
      for (const DrawnText& t : log)
        if (box.text == "card" && t.text == "Salon Monge" && t.min.x >= box.min.x && t.min.y >= box.min.y &&
            t.max.x <= box.max.x && t.max.y <= box.max.y)
          card = &box;
    REQUIRE(card);
    auto in_card = [&](const DrawnText& t) {
      return t.min.x >= card->min.x && t.min.y >= card->min.y && t.max.x <= card->max.x && t.max.y <= card->max.y;
    };
    const auto drawn_badge = std::find_if(log.begin(), log.end(), [&](const DrawnText& t) {
      return t.text == badge.compact || t.text == badge.text.fr || t.text == badge.brief;
    });
    REQUIRE(drawn_badge != log.end());
    CAPTURE(drawn_badge->text);
    CHECK(in_card(*drawn_badge));
    CHECK(Inside(*drawn_badge, size.x, size.y));
    // The title keeps its place: its first line drawn in the card, under or beside the badges.
    CHECK(std::any_of(log.begin(), log.end(), [&](const DrawnText& t) {
      const std::string line = WithoutEllipsis(t.text);
      return line.size() >= 8 && monge->now->item.title.rfind(line, 0) == 0 && in_card(t);
    }));

    const std::vector<DrawnText> door =
        DrawHeadless(fonts, size, [&](const ScreenContext& context) { DrawDoorSign(context, sign); });
    for (const SessionMark& mark : {sign.now_badges.back(), sign.next_badges[0]}) {
      CAPTURE(mark.compact);
      CHECK(MarkDrawn(door, mark, size.x, size.y));
    }
    for (const DrawnText& t : door) {
      CAPTURE(t.text);
      CHECK(Inside(t, size.x, size.y));
    }
    CHECK(FirstLineDrawn(door, sign.on_now->item.title, size.x, size.y));
    CHECK(FirstLineDrawn(door, sign.next->item.title, size.x, size.y));
  }
}

TEST_CASE("door sign of a programme without a conference title: the day line ends at the day, without a dot") {
  // Issue 13: a programme imported from a sheet without metadata has no conference title; the door sign drew
  // "mercredi 8 juillet 2026 · Wednesday 8 July 2026 · " with a dangling dot.
  test::HeadlessImGui imgui;
  Fonts fonts;
  Programme p = RaictLive();
  VenueZone zone(p.conference.time_zone);
  const Instant now = ParseIsoInstant("2026-07-08T10:20", zone);
  for (const bool titled : {true, false}) {
    if (!titled) p.conference.title.clear();
    const DoorSignViewModel sign = DoorSignViewModel::Build(p, p.rooms.front().key, now, zone, {2, now});
    REQUIRE(sign.found);
    const std::vector<DrawnText> log =
        test::DrawHeadless(fonts, ImVec2(1280, 720), [&](ScreenContext context) { DrawDoorSign(context, sign); });
    const auto day_line = std::find_if(
        log.begin(), log.end(), [](const DrawnText& t) { return t.text.rfind("mercredi 8 juillet 2026", 0) == 0; });
    REQUIRE(day_line != log.end());
    CAPTURE(day_line->text);
    if (titled) {
      CHECK(day_line->text.find("Wednesday 8 July 2026 · ") != std::string::npos);
    } else {
      CHECK(day_line->text == "mercredi 8 juillet 2026 · Wednesday 8 July 2026");
    }
  }
}
