// The touch screen (`kiosk --interactive`, issue 5 section 1): its view model on the RAICT programme, its state
// transitions and idle rule, and its drawing at 720p, 1080p, portrait and 4K (ImGui frames without a window).
#include <doctest/doctest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include <imgui.h>

#include "ScreenTestSupport.h"
#include "kiosk/core/LiveChanges.h"
#include "kiosk/core/VenueZone.h"
#include "kiosk/ui/Catalogue.h"
#include "kiosk/ui/Fonts.h"
#include "kiosk/ui/InteractiveScreen.h"
#include "kiosk/ui/InteractiveViewModel.h"
#include "kiosk/ui/Overlays.h"
#include "kiosk/ui/Screens.h"
#include "kiosk/ui/Theme.h"
#include "kiosk/ui/Typography.h"

using namespace kiosk;
using namespace kiosk::ui;
using Target = InteractiveInput::Target;
using kiosk::test::Raict;
using std::chrono::seconds;

namespace {

const Session& BySourceId(const Programme& p, const std::string& id) {
  auto it = std::find_if(p.sessions.begin(), p.sessions.end(), [&](const Session& s) { return s.source_id == id; });
  REQUIRE(it != p.sessions.end());
  return *it;
}

/// RAICT on the morning of 8 July with live changes: the water workshop (J1-03, Monge) 15 min late, the Madagascar
/// meeting (J1-11) cancelled, the gender workshop (J1-12) moved from Laplace to the Grand Salon.
const Programme& RaictLive() {
  static const Programme programme = [] {
    const Programme& p = Raict();
    auto change = [&](ChangeKind kind, const std::string& id, int minutes, const std::string& room) {
      const Session& s = BySourceId(p, id);
      LiveChange c;
      c.revision = 2;
      c.kind = kind;
      c.session_uid = s.uid;
      c.session_start = s.start;
      c.minutes = minutes;
      c.room_key = room;
      c.before = kind == ChangeKind::Move ? s.room_key : (kind == ChangeKind::Cancel ? "confirmed" : "");
      return c;
    };
    return ApplyLiveChanges(p, {change(ChangeKind::Delay, "J1-03", 15, ""), change(ChangeKind::Cancel, "J1-11", 0, ""),
                                change(ChangeKind::Move, "J1-12", 0, "grand-salon")});
  }();
  return programme;
}

std::vector<std::string> SourceIds(const std::vector<BrowseItem>& items) {
  std::vector<std::string> ids;
  for (const BrowseItem& item : items) ids.push_back(item.item.session->source_id);
  return ids;
}

std::vector<std::string> Keys(const std::vector<FilterChip>& chips) {
  std::vector<std::string> keys;
  for (const FilterChip& chip : chips) keys.push_back(chip.key);
  return keys;
}

/// A schematic plan of the RAICT salons (plan units), as assets/venue-plan.toml would give it.
VenuePlan RaictPlan() {
  VenuePlan plan;
  plan.title = "Rez-de-chaussée · Ground floor";
  plan.aspect = 1.6f;
  plan.rooms = {{"grand-salon", "", {0.05f, 0.05f}, {0.45f, 0.55f}},
                {"salon-monge", "", {0.50f, 0.05f}, {0.72f, 0.30f}},
                {"Salon Berthollet", "", {0.75f, 0.05f}, {0.95f, 0.30f}},
                {"salon-laplace", "", {0.50f, 0.35f}, {0.72f, 0.55f}},
                {"espace-rencontres", "Espace Rencontres", {0.05f, 0.60f}, {0.95f, 0.95f}}};
  return plan;
}

const Day kDay1 = ParseDay("2026-07-08");
const Day kDay2 = ParseDay("2026-07-09");

}  // namespace

TEST_CASE("interactive browse: the RAICT day, kind and theme filters give the right sessions") {
  const VenueZone zone("Europe/Paris");
  const Programme& p = Raict();
  const Instant now = ParseIsoInstant("2026-07-08T10:20", zone);

  // No state yet: the board's day (today), every session of it, by start.
  InteractiveState state;
  InteractiveViewModel vm = InteractiveViewModel::Build(p, zone, now, state);
  REQUIRE(vm.day);
  CHECK(*vm.day == kDay1);
  CHECK(vm.items.size() == 27);
  CHECK(vm.items.front().item.session->source_id == "J1-01");
  CHECK(vm.items.back().item.session->source_id == "J1-27");
  REQUIRE(vm.days.size() == 2);
  CHECK(vm.days[0].active);
  CHECK(vm.days[0].today);
  CHECK(vm.days[0].label.fr == "mercredi 8 juillet");
  CHECK(vm.days[0].label.en == "Wednesday 8 July");
  CHECK(vm.days[1].compact.fr == "jeu. 9");
  CHECK(vm.days[1].compact.en == "Thu 9");
  CHECK(vm.clock == "10:20");
  CHECK(vm.today_label.fr == "mercredi 8 juillet 2026");
  // The sessions on now at 10:20 (10:00-11:30) are marked, the 08:30 welcome and the 09:00 plenary are over: the
  // list opens on the page of the third session.
  CHECK(vm.items[0].past);
  CHECK(vm.items[1].past);
  CHECK_FALSE(vm.items[2].past);
  CHECK(vm.first_current == 2);
  // At 16:00 on the page of the 15:45 break (the 20th session), the first not over.
  const InteractiveViewModel afternoon =
      InteractiveViewModel::Build(p, zone, ParseIsoInstant("2026-07-08T16:00", zone), state);
  CHECK(afternoon.first_current == 19);
  CHECK(afternoon.items[19].item.session->source_id == "J1-20");
  CHECK(afternoon.items[19].is_now);
  CHECK(std::count_if(vm.items.begin(), vm.items.end(), [](const BrowseItem& i) { return i.is_now; }) == 6);

  // 9 July, workshops: five of them, by start.
  state.day = kDay2;
  state.kind = "atelier";
  vm = InteractiveViewModel::Build(p, zone, now, state);
  CHECK(vm.kind == "atelier");
  CHECK(SourceIds(vm.items) == std::vector<std::string>{"J2-02", "J2-04", "J2-05", "J2-09", "J2-17"});
  CHECK(vm.items[0].item.session->uid == "id:J2-02");
  CHECK(vm.items[0].item.time_range == "09:00\u201310:30");
  CHECK(vm.items[0].item.room_name == "Grand Salon");
  CHECK(vm.items[0].theme == "Eau");
  CHECK(vm.items[4].item.start_hm == "14:00");
  CHECK_FALSE(vm.items[0].is_now);
  CHECK_FALSE(vm.items[0].past);
  CHECK(vm.days[1].active);
  CHECK_FALSE(vm.days[0].active);

  // Workshops on water, 8 July: two of the three water sessions (the third is a B2B meeting).
  state.day = kDay1;
  state.theme = "eau";
  vm = InteractiveViewModel::Build(p, zone, now, state);
  CHECK(SourceIds(vm.items) == std::vector<std::string>{"J1-03", "J1-16"});
  state.kind.clear();
  vm = InteractiveViewModel::Build(p, zone, now, state);
  CHECK(SourceIds(vm.items) == std::vector<std::string>{"J1-03", "J1-07", "J1-16"});

  // A cancelled session stays listed, marked.
  state = {};
  state.day = kDay2;
  state.theme = "asie";
  vm = InteractiveViewModel::Build(p, zone, now, state);
  CHECK(SourceIds(vm.items) == std::vector<std::string>{"J2-03", "J2-12", "J2-20"});
  CHECK(vm.items[1].item.cancelled);
  REQUIRE(vm.items[1].item.marks.size() == 1);
  CHECK(vm.items[1].item.marks[0].kind == MarkKind::Cancelled);
}

TEST_CASE("interactive browse: only the kinds and themes present on the day are offered, most sessions first") {
  const VenueZone zone("Europe/Paris");
  const Programme& p = Raict();
  const Instant now = ParseIsoInstant("2026-07-08T10:20", zone);
  InteractiveState state;
  state.day = kDay2;
  const InteractiveViewModel vm = InteractiveViewModel::Build(p, zone, now, state);

  const std::vector<std::string> kinds = Keys(vm.kinds);
  CHECK(std::set<std::string>(kinds.begin(), kinds.end()) ==
        std::set<std::string>{"accueil", "atelier", "reunion-regionale", "cafe-des-rencontres", "rendez-vous-b2b",
                              "pause", "dejeuner", "comite", "pleniere"});
  CHECK(kinds.size() == 9);  // no "cocktail": that is 8 July
  // 5 workshops and 5 cafés (the cancelled one counts), then 3 B2B meetings.
  CHECK(kinds[0] == "atelier");
  CHECK(kinds[1] == "cafe-des-rencontres");
  CHECK(kinds[2] == "rendez-vous-b2b");
  CHECK(vm.kinds[0].count == 5);
  CHECK(vm.kinds[0].label.fr == "Atelier");
  CHECK(vm.kinds[0].kind == SessionKind::Workshop);
  CHECK(vm.kinds[2].count == 3);

  const std::vector<std::string> themes = Keys(vm.themes);
  CHECK(themes.size() == 10);
  CHECK(themes[0] == "asie");
  CHECK(vm.themes[0].count == 3);
  CHECK(vm.themes[0].label.fr == "Asie");
  CHECK(std::find(themes.begin(), themes.end(), "ameriques-caraibes") == themes.end());  // 8 July only
  for (const FilterChip& chip : vm.themes) {
    CAPTURE(chip.key);
    CHECK(chip.count >= 1);
    CHECK_FALSE(chip.active);
  }
  // The sessions without a track (welcome, breaks, lunch, plenary) offer no theme.
  CHECK(std::find(themes.begin(), themes.end(), "") == themes.end());

  // 8 July offers its own: the cocktail, Americas & Caribbean.
  state.day = kDay1;
  const InteractiveViewModel day1 = InteractiveViewModel::Build(p, zone, now, state);
  const std::vector<std::string> kinds1 = Keys(day1.kinds), themes1 = Keys(day1.themes);
  CHECK(std::find(kinds1.begin(), kinds1.end(), "cocktail") != kinds1.end());
  CHECK(std::find(kinds1.begin(), kinds1.end(), "comite") == kinds1.end());
  CHECK(std::find(themes1.begin(), themes1.end(), "ameriques-caraibes") != themes1.end());
  CHECK(std::find(themes1.begin(), themes1.end(), "asie") == themes1.end());

  // A filter the day does not offer is not in effect there: every session shows.
  state.day = kDay2;
  state.kind = "cocktail";
  state.theme = "asie";
  const InteractiveViewModel kept = InteractiveViewModel::Build(p, zone, now, state);
  CHECK(kept.kind.empty());
  CHECK(kept.theme == "asie");
  CHECK(kept.items.size() == 3);
  CHECK(std::none_of(kept.kinds.begin(), kept.kinds.end(), [](const FilterChip& c) { return c.active; }));
  CHECK(std::count_if(kept.themes.begin(), kept.themes.end(), [](const FilterChip& c) { return c.active; }) == 1);

  // A day the programme lacks: the board's day.
  state = {};
  state.day = ParseDay("2026-07-10");
  CHECK(*InteractiveViewModel::Build(p, zone, ParseIsoInstant("2026-07-09T09:00", zone), state).day == kDay2);
  // An empty programme: no days, no chips, no items.
  const InteractiveViewModel empty = InteractiveViewModel::Build(Programme{}, zone, now, {});
  CHECK(empty.days.empty());
  CHECK(empty.items.empty());
  CHECK(empty.kinds.empty());
}

TEST_CASE("interactive Apply: session to Detail, Back to Browse with its filters, the plan and back, pages, days") {
  const TouchClock::time_point t0{seconds{1000}};
  InteractiveState state;
  state = Apply(state, [&] {
    InteractiveInput day = InteractiveInput::Tap(Target::Day);
    day.day = kDay2;
    day.at = t0;
    return day;
  }());
  CHECK(state.page == InteractivePage::Browse);
  CHECK(state.day == kDay2);
  CHECK(state.last_touch == t0);

  state = Apply(state, InteractiveInput::Tap(Target::Kind, "atelier"));
  state = Apply(state, InteractiveInput::Tap(Target::Theme, "eau"));
  CHECK(state.kind == "atelier");
  CHECK(state.theme == "eau");
  state = Apply(state, InteractiveInput::Tap(Target::PageDown, {}, 1));
  CHECK(state.list_page == 1);
  state = Apply(state, InteractiveInput::Tap(Target::PageDown));
  CHECK(state.list_page == 2);
  state = Apply(state, InteractiveInput::Tap(Target::PageUp));
  CHECK(state.list_page == 1);
  state = Apply(state, InteractiveInput::Tap(Target::KindMore, {}, 4));
  CHECK(state.kind_first == 4);

  // A session: its detail.
  InteractiveInput session = InteractiveInput::Tap(Target::Session, "id:J2-02");
  session.start = Instant{seconds{1783580400}};
  session.at = t0 + seconds{5};
  state = Apply(state, session);
  CHECK(state.page == InteractivePage::Detail);
  CHECK(state.session_uid == "id:J2-02");
  CHECK(state.session_start == session.start);
  CHECK(state.last_touch == t0 + seconds{5});

  // Its room on the plan, then back to the detail, then back to the list as it was.
  state = Apply(state, InteractiveInput::Tap(Target::Plan, "grand-salon"));
  CHECK(state.page == InteractivePage::Plan);
  CHECK(state.plan_room == "grand-salon");
  CHECK(state.plan_return == InteractivePage::Detail);
  state = Apply(state, InteractiveInput::Tap(Target::Back));
  CHECK(state.page == InteractivePage::Detail);
  CHECK(state.session_uid == "id:J2-02");
  CHECK(state.plan_room.empty());
  state = Apply(state, InteractiveInput::Tap(Target::Back));
  CHECK(state.page == InteractivePage::Browse);
  CHECK(state.session_uid.empty());
  CHECK(state.day == kDay2);
  CHECK(state.kind == "atelier");
  CHECK(state.theme == "eau");
  CHECK(state.list_page == 1);
  CHECK(state.kind_first == 4);

  // The whole plan from the list: Back returns to the list.
  state = Apply(state, InteractiveInput::Tap(Target::Plan));
  CHECK(state.page == InteractivePage::Plan);
  CHECK(state.plan_return == InteractivePage::Browse);
  state = Apply(state, InteractiveInput::Tap(Target::Back));
  CHECK(state.page == InteractivePage::Browse);

  // The active kind tapped again, or "Tous · All", clears it; a filter unsets the page (the list opens where the
  // sessions still to come are).
  state = Apply(state, InteractiveInput::Tap(Target::Kind, "atelier"));
  CHECK(state.kind.empty());
  CHECK_FALSE(state.list_page.has_value());
  state = Apply(state, InteractiveInput::Tap(Target::Theme, ""));
  CHECK(state.theme.empty());
  state = Apply(state, InteractiveInput::Tap(Target::Theme, "asie"));
  state = Apply(state, InteractiveInput::Tap(Target::PageDown, {}, 3));
  // Another day keeps the filters, the page unset and the chips from the first.
  InteractiveInput day1 = InteractiveInput::Tap(Target::Day);
  day1.day = kDay1;
  state = Apply(state, day1);
  CHECK(state.day == kDay1);
  CHECK(state.theme == "asie");
  CHECK_FALSE(state.list_page.has_value());
  CHECK(state.kind_first == 0);
  // Pages never go below the first; a touch on nothing changes only the touch time.
  state = Apply(state, InteractiveInput::Tap(Target::PageUp));
  CHECK(state.list_page == 0);
  InteractiveInput nothing = InteractiveInput::Tap(Target::None);
  nothing.at = t0 + seconds{42};
  const InteractiveState touched = Apply(state, nothing);
  CHECK(touched.last_touch == t0 + seconds{42});
  InteractiveState same = touched;
  same.last_touch = state.last_touch;
  CHECK(same == state);

  // The first touch pins the list page the visitor saw (the screen says which): a session ending no longer turns
  // the list. A page already chosen stays; a day or a filter unsets it again.
  InteractiveInput seen = InteractiveInput::Tap(Target::None);
  seen.list_page = 2;
  CHECK(Apply({}, seen).list_page == 2);
  InteractiveInput opened = InteractiveInput::Tap(Target::Session, "id:J1-03");
  opened.list_page = 1;
  const InteractiveState pinned = Apply({}, opened);
  CHECK(pinned.page == InteractivePage::Detail);
  CHECK(pinned.list_page == 1);
  CHECK(Apply(pinned, InteractiveInput::Tap(Target::Back)).list_page == 1);
  CHECK(Apply(pinned, seen).list_page == 1);
  InteractiveInput down = InteractiveInput::Tap(Target::PageDown);  // no index: the page after the one seen
  down.list_page = 2;
  CHECK(Apply({}, down).list_page == 3);
  InteractiveInput other_day = InteractiveInput::Tap(Target::Day);
  other_day.day = kDay2;
  other_day.list_page = 2;
  CHECK_FALSE(Apply({}, other_day).list_page.has_value());
  CHECK_FALSE(Apply({}, InteractiveInput::Tap(Target::None)).list_page.has_value());  // no page seen: still unset
}

TEST_CASE("interactive idle: back to the board after 60 s without a touch, not at 59 s") {
  const TouchClock::time_point t0{seconds{5000}};
  InteractiveState state;
  CHECK(IdleExpired(state, t0));                                  // never touched: the board shows
  CHECK(IdleExpired(state, TouchClock::time_point{seconds{3}}));  // even 3 s after boot
  InteractiveInput touch = InteractiveInput::Tap(Target::None);
  touch.at = t0;
  state = Apply(state, touch);
  CHECK_FALSE(IdleExpired(state, t0));
  CHECK_FALSE(IdleExpired(state, t0 + seconds{59}));
  CHECK(IdleExpired(state, t0 + seconds{60}));
  CHECK(IdleExpired(state, t0 + seconds{61}));
  CHECK(kDefaultIdle == seconds{60});
  // The app's --idle option (AppOptions::idle_seconds), fractional seconds too.
  CHECK_FALSE(IdleExpired(state, t0 + seconds{29}, std::chrono::duration<double>(30.0)));
  CHECK(IdleExpired(state, t0 + seconds{30}, std::chrono::duration<double>(30.0)));
  CHECK_FALSE(IdleExpired(state, t0 + std::chrono::milliseconds{90400}, std::chrono::duration<double>(90.5)));
  CHECK(IdleExpired(state, t0 + std::chrono::milliseconds{90500}, std::chrono::duration<double>(90.5)));
  // A later touch starts the count again.
  touch.at = t0 + seconds{50};
  state = Apply(state, touch);
  CHECK_FALSE(IdleExpired(state, t0 + seconds{100}));
  CHECK(IdleExpired(state, t0 + seconds{110}));
}

TEST_CASE("interactive detail: titles in both languages, time, room, speakers with roles, marks, on the plan") {
  const VenueZone zone("Europe/Paris");
  const Programme& p = RaictLive();
  const Instant now = ParseIsoInstant("2026-07-08T10:20", zone);
  const VenuePlan plan = RaictPlan();
  const Session& water = BySourceId(p, "J1-03");

  InteractiveState state;
  InteractiveInput tap = InteractiveInput::Tap(Target::Session, water.uid);
  tap.start = water.start;
  state = Apply(state, tap);
  InteractiveViewModel vm = InteractiveViewModel::Build(p, zone, now, state, {}, &plan);
  CHECK(vm.page == InteractivePage::Detail);
  REQUIRE(vm.detail);
  const SessionDetail& d = *vm.detail;
  CHECK(d.item.title.rfind("Eau, thème de l\u2019année", 0) == 0);
  CHECK_FALSE(d.item.title_en.empty());
  CHECK(d.item.title_en == EnglishDisplay(water.title_en));
  // 15 min late: 10:15-11:45, the planned 10:00 kept to be struck.
  CHECK(d.item.time_range == "10:15\u201311:45");
  CHECK(d.item.planned_start_hm == "10:00");
  REQUIRE(d.item.marks.size() == 1);
  CHECK(d.item.marks[0].kind == MarkKind::Delayed);
  CHECK(d.is_now);
  CHECK_FALSE(d.past);
  CHECK(d.day_label.fr == "mercredi 8 juillet");
  CHECK(d.item.room_name == "Salon Monge");
  CHECK(d.room_key == "salon-monge");
  CHECK(d.theme == "Eau");
  CHECK(d.on_plan);
  REQUIRE(d.speakers.size() == water.speakers.size());
  REQUIRE_FALSE(d.speakers.empty());
  CHECK(d.speakers[0].name == FrenchDisplay(water.speakers[0].name));
  CHECK(d.speakers[0].role == FrenchDisplay(water.speakers[0].role));
  CHECK(d.description == FrenchDisplay(water.description));
  CHECK_FALSE(d.description.empty());

  // Without a plan, or with one lacking the room, no "Voir sur le plan".
  CHECK_FALSE(InteractiveViewModel::Build(p, zone, now, state).detail->on_plan);
  VenuePlan partial = plan;
  partial.rooms.erase(partial.rooms.begin() + 1);
  CHECK_FALSE(InteractiveViewModel::Build(p, zone, now, state, {}, &partial).detail->on_plan);
  // A room the plan names by its display name ("Salon Berthollet") is on it too.
  const Session& crises = BySourceId(p, "J1-04");
  tap = InteractiveInput::Tap(Target::Session, crises.uid);
  tap.start = crises.start;
  CHECK(InteractiveViewModel::Build(p, zone, now, Apply({}, tap), {}, &plan).detail->on_plan);

  // The moved gender workshop: its new room, the Grand Salon, and the mark.
  const Session& gender = BySourceId(p, "J1-12");
  tap = InteractiveInput::Tap(Target::Session, gender.uid);
  tap.start = gender.start;
  vm = InteractiveViewModel::Build(p, zone, now, Apply({}, tap), {}, &plan);
  REQUIRE(vm.detail);
  CHECK(vm.detail->room_key == "grand-salon");
  CHECK(vm.detail->item.room_name == "Grand Salon");
  REQUIRE_FALSE(vm.detail->item.marks.empty());
  CHECK(vm.detail->item.marks[0].kind == MarkKind::Moved);

  // The plan opened from it highlights its room, with the room's name.
  InteractiveState on_plan = Apply(Apply({}, tap), InteractiveInput::Tap(Target::Plan, "grand-salon"));
  vm = InteractiveViewModel::Build(p, zone, now, on_plan, {}, &plan);
  CHECK(vm.page == InteractivePage::Plan);
  CHECK(vm.plan_room_key == "grand-salon");
  CHECK(vm.plan_room_name == "Grand Salon");
  CHECK(vm.has_plan);
  REQUIRE(vm.detail);

  // The cancelled Madagascar meeting: marked, and over at 14:00.
  const Session& madagascar = BySourceId(p, "J1-11");
  tap = InteractiveInput::Tap(Target::Session, madagascar.uid);
  tap.start = madagascar.start;
  vm = InteractiveViewModel::Build(p, zone, ParseIsoInstant("2026-07-08T14:00", zone), Apply({}, tap));
  REQUIRE(vm.detail);
  CHECK(vm.detail->item.cancelled);
  CHECK(vm.detail->past);
  CHECK_FALSE(vm.detail->is_now);
  REQUIRE(vm.detail->item.marks.size() == 1);
  CHECK(vm.detail->item.marks[0].text.fr == "Annulé");

  // A session the new revision no longer has: back to the list.
  InteractiveState gone;
  gone.page = InteractivePage::Detail;
  gone.session_uid = "id:nowhere";
  vm = InteractiveViewModel::Build(p, zone, now, gone);
  CHECK(vm.page == InteractivePage::Browse);
  CHECK_FALSE(vm.detail);
  // A live delay moved the start the state holds: the same session still.
  const Session& imported_water = BySourceId(Raict(), "J1-03");
  tap = InteractiveInput::Tap(Target::Session, imported_water.uid);
  tap.start = imported_water.start;
  vm = InteractiveViewModel::Build(p, zone, now, Apply({}, tap));
  REQUIRE(vm.detail);
  CHECK(vm.detail->item.start_hm == "10:15");
}

namespace {

/// One frame of the touch screen without a window (ImGui only, no GL) for a display of `size`; the texts it drew
/// (ScreenContext::text_log), the boxes they keep to (ScreenContext::box_log: "urgent", "info") and its result.
struct Drawn {
  std::vector<DrawnText> log;
  std::vector<DrawnText> boxes;
  InteractiveResult result;
  Metrics metrics;
  float info_band_top = 0;  ///< InfoBandTop of the frame's context
};

Drawn DrawFrame(Fonts& fonts, ImVec2 size, const Branding* branding, const InteractiveViewModel& vm,
                const InteractiveState& state, const AnnouncementsViewModel* announcements = nullptr) {
  Drawn drawn;
  drawn.log = test::DrawHeadless(fonts, size, [&](ScreenContext& context) {
    context.box_log = &drawn.boxes;
    context.branding = branding;
    context.announcements = announcements;
    drawn.metrics = context.metrics;
    drawn.info_band_top = InfoBandTop(context);
    drawn.result = DrawInteractive(context, vm, state);
  });
  return drawn;
}

/// A tap at `at`: the frames before, during and after the left button goes down; returns the one it went down in.
Drawn TapAt(Fonts& fonts, ImVec2 size, const Branding* branding, const InteractiveViewModel& vm,
            const InteractiveState& state, ImVec2 at, const AnnouncementsViewModel* announcements = nullptr) {
  ImGuiIO& io = ImGui::GetIO();
  io.MousePos = at;
  io.MouseDown[0] = false;
  (void)DrawFrame(fonts, size, branding, vm, state, announcements);
  io.MouseDown[0] = true;
  Drawn tapped = DrawFrame(fonts, size, branding, vm, state, announcements);
  io.MouseDown[0] = false;
  (void)DrawFrame(fonts, size, branding, vm, state, announcements);
  return tapped;
}

ImVec2 Centre(ImVec2 min, ImVec2 max) { return ImVec2((min.x + max.x) / 2, (min.y + max.y) / 2); }

bool Inside(ImVec2 min, ImVec2 max, float width, float height) {
  return min.x >= -1.0f && min.y >= -1.0f && max.x <= width + 1.0f && max.y <= height + 1.0f && max.x > min.x;
}

bool Overlap(ImVec2 a0, ImVec2 a1, ImVec2 b0, ImVec2 b1, float slack = 1.0f) {
  return a0.x < b1.x - slack && b0.x < a1.x - slack && a0.y < b1.y - slack && b0.y < a1.y - slack;
}

bool DrewText(const std::vector<DrawnText>& log, const std::string& text) {
  return std::any_of(log.begin(), log.end(), [&](const DrawnText& t) { return t.text == text; });
}

/// Checks what every page must hold: every text inside the screen and none over another, every target at least
/// U(88) high, inside the screen and over no other target.
void CheckFrame(const Drawn& d, ImVec2 size) {
  for (const DrawnText& t : d.log) {
    CAPTURE(t.text);
    CHECK(Inside(t.min, t.max, size.x, size.y));
  }
  for (std::size_t i = 0; i < d.log.size(); ++i)
    for (std::size_t j = i + 1; j < d.log.size(); ++j) {
      CAPTURE(d.log[i].text);
      CAPTURE(d.log[j].text);
      CHECK_FALSE(Overlap(d.log[i].min, d.log[i].max, d.log[j].min, d.log[j].max));
    }
  const std::vector<TouchTarget>& targets = d.result.targets;
  REQUIRE_FALSE(targets.empty());
  for (std::size_t i = 0; i < targets.size(); ++i) {
    CAPTURE(i);
    CAPTURE(static_cast<int>(targets[i].input.target));
    CHECK(targets[i].max.y - targets[i].min.y >= d.metrics.U(88) - 0.01f);
    CHECK(targets[i].max.x - targets[i].min.x >= d.metrics.U(88) - 0.01f);
    CHECK(Inside(targets[i].min, targets[i].max, size.x, size.y));
    for (std::size_t j = i + 1; j < targets.size(); ++j)
      CHECK_FALSE(Overlap(targets[i].min, targets[i].max, targets[j].min, targets[j].max));
  }
}

std::vector<const TouchTarget*> TargetsOf(const Drawn& d, Target target) {
  std::vector<const TouchTarget*> found;
  for (const TouchTarget& t : d.result.targets)
    if (t.input.target == target) found.push_back(&t);
  return found;
}

}  // namespace

TEST_CASE("interactive screen: Browse, Detail and Plan at 720p, 1080p, portrait and 4K inside the screen") {
  const VenueZone zone("Europe/Paris");
  const Instant now = ParseIsoInstant("2026-07-08T10:20", zone);
  // The live programme, with one session given a description and speakers longer than any screen holds.
  Programme p = RaictLive();
  Session& water =
      *std::find_if(p.sessions.begin(), p.sessions.end(), [](const Session& s) { return s.source_id == "J1-03"; });
  for (int i = 0; i < 12; ++i)
    water.speakers.push_back(
        {"Intervenante n° " + std::to_string(i + 2), "Adjointe au maire chargée des relations internationales"});
  std::string long_description;
  for (int i = 0; i < 60; ++i)
    long_description += "L'accès à l'eau et à l'assainissement des territoires partenaires. ";
  water.description = long_description;
  const RevisionStamp stamp{9, ParseIsoInstant("2026-07-08T10:05", zone)};
  Branding branding;
  branding.plan = RaictPlan();

  InteractiveInput open_water = InteractiveInput::Tap(Target::Session, water.uid);
  open_water.start = water.start;
  const InteractiveState browse{};
  InteractiveState filtered;
  filtered.day = kDay2;
  filtered.kind = "atelier";
  const InteractiveState detail = Apply({}, open_water);
  const InteractiveState plan = Apply(detail, InteractiveInput::Tap(Target::Plan, "salon-monge"));
  InteractiveState last_page;
  last_page.list_page = 99;  // clamped to the last page there is

  const test::HeadlessImGui imgui;
  {
    Fonts fonts;
    fonts.SetText(ProgrammeText(p));
    for (const ImVec2 size : {ImVec2(1280, 720), ImVec2(1920, 1080), ImVec2(1080, 1920), ImVec2(3840, 2160)}) {
      CAPTURE(size.x);
      CAPTURE(size.y);
      auto draw = [&](const InteractiveState& state) {
        const InteractiveViewModel vm = InteractiveViewModel::Build(p, zone, now, state, stamp, &branding.plan);
        return DrawFrame(fonts, size, &branding, vm, state);
      };

      {
        CAPTURE(std::string("browse"));
        const InteractiveViewModel vm = InteractiveViewModel::Build(p, zone, now, browse, stamp, &branding.plan);
        const Drawn d = DrawFrame(fonts, size, &branding, vm, browse);
        CheckFrame(d, size);
        // The day tabs, the plan button, "Tous" twice, a page of sessions, the arrow to the next page.
        CHECK(TargetsOf(d, Target::Day).size() == 2);
        CHECK(TargetsOf(d, Target::Plan).size() == 1);
        CHECK(TargetsOf(d, Target::Kind).size() >= 2);
        CHECK(TargetsOf(d, Target::Theme).size() >= 2);
        const std::vector<const TouchTarget*> sessions = TargetsOf(d, Target::Session);
        REQUIRE(sessions.size() >= 4);
        CHECK(sessions.size() < vm.items.size());
        CHECK(TargetsOf(d, Target::PageDown).size() == 1);
        CHECK(TargetsOf(d, Target::PageUp).empty());  // on the first page
        // The list in order from the first session; every text of an item inside its box.
        for (std::size_t i = 0; i < sessions.size(); ++i) {
          CHECK(sessions[i]->input.key == vm.items[i].item.session->uid);
          CHECK(sessions[i]->input.start == vm.items[i].item.start);
        }
        CHECK(DrewText(d.log, vm.items[0].item.start_hm));
        for (const DrawnText& t : d.log)
          for (const TouchTarget* s : sessions)
            if (Overlap(t.min, t.max, s->min, s->max, 0.0f)) {
              CAPTURE(t.text);
              CHECK((t.min.x >= s->min.x && t.max.x <= s->max.x && t.min.y >= s->min.y && t.max.y <= s->max.y));
            }
        // The chips of the day's kinds carry their keys; the labels are French over English.
        for (const TouchTarget* kind : TargetsOf(d, Target::Kind)) {
          CAPTURE(kind->input.key);
          CHECK((kind->input.key.empty() || std::any_of(vm.kinds.begin(), vm.kinds.end(), [&](const FilterChip& c) {
                   return c.key == kind->input.key;
                 })));
        }
        CHECK(DrewText(d.log, "Tous"));
        CHECK(DrewText(d.log, UiText("interactive.kind").fr));
        CHECK(DrewText(d.log, "mercredi 8 juillet"));
        // Tapping the first session opens it: the tap lands on the box drawn for it.
        const Drawn tapped = TapAt(fonts, size, &branding, vm, browse, Centre(sessions[0]->min, sessions[0]->max));
        CHECK(tapped.result.touched);
        CHECK(tapped.result.input.target == Target::Session);
        CHECK(tapped.result.input.key == vm.items[0].item.session->uid);
        CHECK(tapped.result.action.kind == Action::Kind::None);
        CHECK(tapped.result.input.list_page == 0);  // the page it was on
        const InteractiveState opened = Apply(browse, tapped.result.input);
        CHECK(opened.page == InteractivePage::Detail);
        CHECK(opened.list_page == 0);

        // At 16:00 the list opens on the page with the 15:45 break, the first session not over; PageUp leads back.
        const InteractiveViewModel later = InteractiveViewModel::Build(
            p, zone, ParseIsoInstant("2026-07-08T16:00", zone), browse, stamp, &branding.plan);
        const Drawn d16 = DrawFrame(fonts, size, &branding, later, browse);
        CheckFrame(d16, size);
        const std::vector<const TouchTarget*> shown = TargetsOf(d16, Target::Session);
        CHECK(std::any_of(shown.begin(), shown.end(),
                          [&](const TouchTarget* t) { return t->input.key == BySourceId(p, "J1-20").uid; }));
        REQUIRE(TargetsOf(d16, Target::PageUp).size() == 1);
        CHECK(TargetsOf(d16, Target::PageUp)[0]->input.index ==
              static_cast<int>(later.first_current / shown.size()) - 1);

        // Back from the session opened at 10:20, at 16:00: the list stays on the page the visitor left, the first,
        // not the page of what is still to come.
        const InteractiveState back = Apply(opened, InteractiveInput::Tap(Target::Back));
        const InteractiveViewModel back_vm = InteractiveViewModel::Build(
            p, zone, ParseIsoInstant("2026-07-08T16:00", zone), back, stamp, &branding.plan);
        const Drawn back16 = DrawFrame(fonts, size, &branding, back_vm, back);
        CHECK(TargetsOf(back16, Target::PageUp).empty());
        REQUIRE_FALSE(TargetsOf(back16, Target::Session).empty());
        CHECK(TargetsOf(back16, Target::Session)[0]->input.key == BySourceId(p, "J1-01").uid);

        // A touch on nothing (the header) at 16:00 pins the page shown then; at 18:00, with more sessions over, the
        // list has not moved on.
        const Drawn header_tap = TapAt(fonts, size, &branding, later, browse, ImVec2(size.x / 2, d16.metrics.U(60)));
        CHECK(header_tap.result.touched);
        CHECK(header_tap.result.input.target == Target::None);
        const int page16 = TargetsOf(d16, Target::PageUp)[0]->input.index + 1;
        CHECK(header_tap.result.input.list_page == page16);
        const InteractiveState stayed = Apply(browse, header_tap.result.input);
        CHECK(stayed.list_page == page16);
        const InteractiveViewModel evening = InteractiveViewModel::Build(
            p, zone, ParseIsoInstant("2026-07-08T18:00", zone), stayed, stamp, &branding.plan);
        const InteractiveViewModel evening_unpinned = InteractiveViewModel::Build(
            p, zone, ParseIsoInstant("2026-07-08T18:00", zone), browse, stamp, &branding.plan);
        const Drawn d18 = DrawFrame(fonts, size, &branding, evening, stayed);
        const Drawn d18_unpinned = DrawFrame(fonts, size, &branding, evening_unpinned, browse);
        const std::vector<const TouchTarget*> at18 = TargetsOf(d18, Target::Session);
        const std::vector<const TouchTarget*> at18_unpinned = TargetsOf(d18_unpinned, Target::Session);
        REQUIRE(at18.size() == shown.size());
        for (std::size_t i = 0; i < shown.size(); ++i) CHECK(at18[i]->input.key == shown[i]->input.key);
        // (Unpinned, the list would have moved: the test is worth something only where 18:00 is on another page.)
        REQUIRE_FALSE(at18_unpinned.empty());
        CHECK(at18_unpinned[0]->input.key != shown[0]->input.key);
      }
      {
        CAPTURE(std::string("browse, filtered, one page"));
        const Drawn d = draw(filtered);
        CheckFrame(d, size);
        CHECK(TargetsOf(d, Target::Session).size() == 5);
        CHECK(TargetsOf(d, Target::PageDown).empty());
        CHECK(DrewText(d.log, "jeudi 9 juillet"));
      }
      {
        CAPTURE(std::string("browse, last page"));
        const Drawn d = draw(last_page);
        CheckFrame(d, size);
        REQUIRE(TargetsOf(d, Target::PageUp).size() == 1);
        CHECK(TargetsOf(d, Target::PageDown).empty());
        CHECK(TargetsOf(d, Target::PageUp)[0]->input.index >= 0);
        // The last session of the day is on it.
        const std::vector<const TouchTarget*> sessions = TargetsOf(d, Target::Session);
        REQUIRE_FALSE(sessions.empty());
        CHECK(sessions.back()->input.key == BySourceId(p, "J1-27").uid);
      }
      {
        CAPTURE(std::string("detail"));
        const Drawn d = draw(detail);
        CheckFrame(d, size);
        CHECK(TargetsOf(d, Target::Back).size() == 1);
        const std::vector<const TouchTarget*> on_plan = TargetsOf(d, Target::Plan);
        REQUIRE(on_plan.size() == 1);
        CHECK(on_plan[0]->input.key == "salon-monge");
        CHECK(DrewText(d.log, "Voir sur le plan"));
        CHECK(DrewText(d.log, "See on the plan"));
        CHECK(DrewText(d.log, "10:15\u201311:45"));
        CHECK(DrewText(d.log, "10:00"));  // the planned start, struck
        CHECK(DrewText(d.log, "Salon Monge"));
        CHECK(std::any_of(d.log.begin(), d.log.end(),
                          [](const DrawnText& t) { return t.text.rfind("Retard", 0) == 0; }));  // the delay badge
        CHECK(std::any_of(d.log.begin(), d.log.end(),
                          [](const DrawnText& t) { return t.text.rfind("Eau, th", 0) == 0; }));
        CHECK(DrewText(d.log, FrenchDisplay(water.speakers[0].name)));
        // The description is cut with "…" where the room runs out.
        const std::string ellipsis(kEllipsis);
        const std::string description = DisplayText(long_description, true);
        CHECK(std::any_of(d.log.begin(), d.log.end(), [&](const DrawnText& t) {
          if (t.text.size() <= ellipsis.size() + 8) return false;
          if (t.text.compare(t.text.size() - ellipsis.size(), ellipsis.size(), ellipsis) != 0) return false;
          return description.find(t.text.substr(0, t.text.size() - ellipsis.size())) != std::string::npos;
        }));
        // It starts on a line of its own and has at least two, after the first speakers and "+ 11" (the rest).
        CHECK(std::any_of(d.log.begin(), d.log.end(),
                          [&](const DrawnText& t) { return t.text.size() > 20 && description.rfind(t.text, 0) == 0; }));
        CHECK(std::count_if(d.log.begin(), d.log.end(), [&](const DrawnText& t) {
                return t.text.size() > 20 && description.find(t.text) != std::string::npos;
              }) >= 2);
        CHECK(std::any_of(d.log.begin(), d.log.end(), [](const DrawnText& t) { return t.text.rfind("+ ", 0) == 0; }));
      }
      {
        CAPTURE(std::string("plan"));
        const Drawn d = draw(plan);
        CheckFrame(d, size);
        CHECK(TargetsOf(d, Target::Back).size() == 1);
        CHECK(TargetsOf(d, Target::Session).empty());
        CHECK(DrewText(d.log, "Salon Monge"));
        // Back from the plan returns to the detail.
        CHECK(Apply(plan, TargetsOf(d, Target::Back)[0]->input).page == InteractivePage::Detail);
      }
      {
        CAPTURE(std::string("announcements"));
        auto notice = [&](std::int64_t id, AnnouncementPriority priority, const std::string& text) {
          Announcement a;
          a.id = id;
          a.revision = id + 1;
          a.priority = priority;
          a.text = text;
          a.text_en = "Cloakroom on the ground floor";
          a.made_at = ParseIsoInstant("2026-07-08T10:00", zone);
          return a;
        };
        // An info band at the bottom: the screen keeps above it, every box still whole.
        const AnnouncementsViewModel info = AnnouncementsViewModel::Build(
            {notice(1, AnnouncementPriority::Info, "Vestiaire : rez-de-chaussée")}, now, nullptr);
        const InteractiveViewModel vm = InteractiveViewModel::Build(p, zone, now, browse, stamp, &branding.plan);
        const Drawn banded = DrawFrame(fonts, size, &branding, vm, browse, &info);
        CheckFrame(banded, size);
        CHECK(std::any_of(banded.log.begin(), banded.log.end(),
                          [](const DrawnText& t) { return t.text.rfind("Vestiaire", 0) == 0; }));
        // An emergency covers everything: its notice, nothing to tap.
        const AnnouncementsViewModel emergency = AnnouncementsViewModel::Build(
            {notice(2, AnnouncementPriority::Emergency, "Évacuez le bâtiment par les sorties de secours")}, now,
            nullptr);
        for (const InteractiveState* state : {&browse, &detail, &plan}) {
          const InteractiveViewModel shown = InteractiveViewModel::Build(p, zone, now, *state, stamp, &branding.plan);
          const Drawn covered = DrawFrame(fonts, size, &branding, shown, *state, &emergency);
          CHECK(covered.result.targets.empty());
          CHECK(DrewText(covered.log, "ALERTE"));
          CHECK_FALSE(DrewText(covered.log, "Tous"));
          CHECK_FALSE(DrewText(covered.log, "Retour"));
        }

        // Nothing tappable reaches under the info band, and a tap in the band hits nothing.
        REQUIRE(banded.info_band_top < size.y - 1);
        for (const TouchTarget& target : banded.result.targets) {
          CAPTURE(static_cast<int>(target.input.target));
          CHECK(target.max.y <= banded.info_band_top);
        }
        const Drawn band_tap =
            TapAt(fonts, size, &branding, vm, browse, ImVec2(size.x / 2, (banded.info_band_top + size.y) / 2), &info);
        CHECK(band_tap.result.touched);
        CHECK(band_tap.result.input.target == Target::None);

        // An urgent notice: its veil dims the whole page under the box. A tap on the notice, over a session drawn
        // under it, or on a day tab outside it only keeps the screen awake (and pins no list page).
        const AnnouncementsViewModel urgent = AnnouncementsViewModel::Build(
            {notice(3, AnnouncementPriority::Urgent, "Le Salon Monge est fermé : ateliers au Grand Salon")}, now,
            nullptr);
        const Drawn plain = DrawFrame(fonts, size, &branding, vm, browse);
        const Drawn veiled = DrawFrame(fonts, size, &branding, vm, browse, &urgent);
        CHECK(veiled.result.targets.empty());
        const auto box = std::find_if(veiled.boxes.begin(), veiled.boxes.end(),
                                      [](const DrawnText& b) { return b.text == "urgent"; });
        REQUIRE(box != veiled.boxes.end());
        const std::vector<const TouchTarget*> under_sessions = TargetsOf(plain, Target::Session);
        const auto under = std::find_if(under_sessions.begin(), under_sessions.end(), [&](const TouchTarget* t) {
          const ImVec2 c = Centre(t->min, t->max);
          return c.x > box->min.x && c.x < box->max.x && c.y > box->min.y && c.y < box->max.y;
        });
        REQUIRE(under != under_sessions.end());
        const ImVec2 on_notice = Centre((*under)->min, (*under)->max);
        // Without the notice, that tap opens the session; with it, nothing.
        CHECK(TapAt(fonts, size, &branding, vm, browse, on_notice).result.input.target == Target::Session);
        const Drawn notice_tap = TapAt(fonts, size, &branding, vm, browse, on_notice, &urgent);
        CHECK(notice_tap.result.touched);
        CHECK(notice_tap.result.input.target == Target::None);
        CHECK_FALSE(notice_tap.result.input.list_page.has_value());
        CHECK(Apply(browse, notice_tap.result.input).page == InteractivePage::Browse);
        REQUIRE_FALSE(TargetsOf(plain, Target::Day).empty());
        const TouchTarget* day_tab = TargetsOf(plain, Target::Day)[0];
        const Drawn tab_tap = TapAt(fonts, size, &branding, vm, browse, Centre(day_tab->min, day_tab->max), &urgent);
        CHECK(tab_tap.result.touched);
        CHECK(tab_tap.result.input.target == Target::None);
        // On the detail too: Back, under the veil, does nothing.
        const InteractiveViewModel detail_vm = InteractiveViewModel::Build(p, zone, now, detail, stamp, &branding.plan);
        const Drawn detail_plain = DrawFrame(fonts, size, &branding, detail_vm, detail);
        REQUIRE(TargetsOf(detail_plain, Target::Back).size() == 1);
        const TouchTarget* back_button = TargetsOf(detail_plain, Target::Back)[0];
        const Drawn back_tap =
            TapAt(fonts, size, &branding, detail_vm, detail, Centre(back_button->min, back_button->max), &urgent);
        CHECK(back_tap.result.input.target == Target::None);
        CHECK(Apply(detail, back_tap.result.input).page == InteractivePage::Detail);
      }
      {
        CAPTURE(std::string("no plan, no session for the filters"));
        InteractiveState none;
        none.day = kDay1;
        none.theme = "genre";
        none.kind = "pause";
        const InteractiveViewModel vm = InteractiveViewModel::Build(p, zone, now, none, stamp, nullptr);
        const Drawn d = DrawFrame(fonts, size, nullptr, vm, none);
        CheckFrame(d, size);
        CHECK(TargetsOf(d, Target::Plan).empty());
        CHECK(TargetsOf(d, Target::Session).empty());
        CHECK(DrewText(d.log, "Aucune session pour ces choix"));
      }
    }
  }
}

TEST_CASE("interactive screen: the detail of an interpreted session shows its badge beside the title at every size") {
  const VenueZone zone("Europe/Paris");
  const Instant now = ParseIsoInstant("2026-07-08T10:20", zone);
  Programme p = RaictLive();
  Session& water =
      *std::find_if(p.sessions.begin(), p.sessions.end(), [](const Session& s) { return s.source_id == "J1-03"; });
  water.interpretation = {{"FR", "EN", "ES"}, "2"};
  const Session shown = water;
  InteractiveInput open_water = InteractiveInput::Tap(Target::Session, shown.uid);
  open_water.start = shown.start;
  const InteractiveState detail = Apply({}, open_water);
  Branding branding;
  branding.plan = RaictPlan();
  const RevisionStamp stamp{9, ParseIsoInstant("2026-07-08T10:05", zone)};
  const InteractiveViewModel vm = InteractiveViewModel::Build(p, zone, now, detail, stamp, &branding.plan);
  REQUIRE(vm.detail);
  REQUIRE(vm.detail->item.interpretation);
  const SessionMark badge = *vm.detail->item.interpretation;
  CHECK(badge.text.fr == "Interprétation FR, EN, ES · canal 2");

  const test::HeadlessImGui imgui;
  Fonts fonts;
  fonts.SetText(ProgrammeText(p));
  for (const ImVec2 size :
       {ImVec2(960, 540), ImVec2(1280, 720), ImVec2(1920, 1080), ImVec2(1080, 1920), ImVec2(540, 960)}) {
    CAPTURE(size.x);
    CAPTURE(size.y);
    const Drawn d = DrawFrame(fonts, size, &branding, vm, detail);
    const auto drawn = std::find_if(d.log.begin(), d.log.end(), [&](const DrawnText& t) {
      return t.text == badge.compact || t.text == badge.text.fr || t.text == badge.brief;
    });
    REQUIRE(drawn != d.log.end());
    CAPTURE(drawn->text);
    CHECK(Inside(drawn->min, drawn->max, size.x, size.y));
    // Where a line holds it, in both languages: on a line of its own when it does not fit beside the delay.
    if (size.x >= 1080) CHECK(drawn->text == badge.compact);
    // With the delay badge, and the title's first line still drawn under them.
    CHECK(std::any_of(d.log.begin(), d.log.end(), [](const DrawnText& t) { return t.text.rfind("Retard", 0) == 0; }));
    const auto title = std::find_if(d.log.begin(), d.log.end(), [&](const DrawnText& t) {
      return t.text.size() >= 8 && vm.detail->item.title.rfind(t.text, 0) == 0;
    });
    REQUIRE(title != d.log.end());
    CHECK(title->min.y >= drawn->max.y);
    for (const DrawnText& t : d.log) {
      CAPTURE(t.text);
      CHECK(Inside(t.min, t.max, size.x, size.y));
    }
  }
}
