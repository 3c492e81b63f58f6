// The items every screen shares (SessionItems.h): a session as lists and cards show it, now/next infos, day and
// revision labels, kinds.
#include "kiosk/ui/SessionItems.h"

#include <algorithm>
#include <array>
#include <limits>

#include "kiosk/core/Fields.h"
#include "kiosk/core/LiveChanges.h"
#include "kiosk/core/Text.h"
#include "kiosk/ui/Catalogue.h"
#include "kiosk/ui/Overlays.h"
#include "kiosk/ui/Typography.h"

namespace kiosk::ui {
namespace {

/// The speakers' line of an item stops after about this many bytes (two lines of the widest screen hold far fewer).
constexpr std::size_t kSpeakersTextBytes = 1000;

using std::chrono::minutes;
using std::chrono::seconds;

// Catalogue keys of the day and month names, Sunday first (date::weekday::c_encoding) and January first.
constexpr std::array<std::string_view, 7> kWeekdayKeys = {
    "date.sunday", "date.monday", "date.tuesday", "date.wednesday", "date.thursday", "date.friday", "date.saturday"};
constexpr std::array<std::string_view, 12> kMonthKeys = {
    "date.january", "date.february", "date.march",     "date.april",   "date.may",      "date.june",
    "date.july",    "date.august",   "date.september", "date.october", "date.november", "date.december"};

const Bilingual& Weekday(Day day) { return UiText(kWeekdayKeys[date::weekday{date::sys_days{day}}.c_encoding()]); }
const Bilingual& Month(Day day) { return UiText(kMonthKeys[static_cast<unsigned>(day.month()) - 1]); }
const std::string& FrenchMonth(Day day) { return Month(day).fr; }
const std::string& EnglishMonth(Day day) { return Month(day).en; }
std::string FrenchDayNumber(Day day) {
  unsigned d = static_cast<unsigned>(day.day());
  return d == 1 ? UiText("date.first_day").fr : std::to_string(d);
}
std::string Year(Day day) { return std::to_string(static_cast<int>(day.year())); }

/// "25 min" / "1 h 10" (French) and "25 min" / "1 h 10 min" (English), with no-break spaces inside; from two days
/// on, whole days: "16 jours" / "16 days".
Bilingual Duration(int total_minutes) {
  auto [fr, en] = MarkDuration(total_minutes, kNbsp);
  return {std::move(fr), std::move(en)};
}

/// Whole minutes from `from` to `to`, rounded up.
int CeilMinutes(Instant from, Instant to) {
  auto s = (to - from).count();
  // Clamped: a --now millennia away must not overflow into a negative count.
  return s <= 0 ? 0 : static_cast<int>(std::min<long long>((s + 59) / 60, std::numeric_limits<int>::max()));
}

/// "dans 25 min" / "in 25 min" until `start`.
Bilingual StartsIn(Instant now, Instant start) {
  Bilingual d = Duration(CeilMinutes(now, start));
  const Bilingual& in = UiText("time.in");
  return {Format(in.fr, {{"duration", d.fr}}), Format(in.en, {{"duration", d.en}})};
}

Day Tomorrow(Day day) { return Day{date::sys_days{day} + date::days{1}}; }

}  // namespace

Bilingual StartsInLabel(Instant now, Instant start) { return StartsIn(now, start); }

NextInfo MakeNextInfo(const Programme& programme, const Session& session, const VenueZone& zone, Instant now) {
  const Day today = zone.LocalDay(now);
  NextInfo next;
  next.starts_in = StartsIn(now, session.start);
  next.item = MakeSessionItem(programme, session, zone);
  Day day = zone.LocalDay(session.start);
  next.other_day = day != today;
  if (!next.other_day) {
    next.when = {next.item.start_hm, next.item.start_hm};
  } else if (day == Tomorrow(today)) {
    next.when = Format(UiText("time.tomorrow_at"), {{"time", next.item.start_hm}});
  } else {
    Bilingual d = ShortDayLabel(day);
    next.when = {d.fr + " " + next.item.start_hm, d.en + " " + next.item.start_hm};
  }
  return next;
}

NowInfo MakeNowInfo(const Programme& programme, const Session& session, const VenueZone& zone, Instant now) {
  NowInfo info;
  info.item = MakeSessionItem(programme, session, zone);
  info.minutes_left = CeilMinutes(now, session.end);
  auto length = (session.end - session.start).count();
  info.progress =
      length > 0 ? std::clamp(static_cast<float>((now - session.start).count()) / length, 0.0f, 1.0f) : 0.0f;
  Bilingual d = Duration(info.minutes_left);
  const Bilingual& left = UiText("time.left");
  info.remaining = {Format(left.fr, {{"duration", d.fr}}), Format(left.en, {{"duration", d.en}})};
  return info;
}

Bilingual RevisionLabel(const RevisionStamp& revision, const VenueZone& zone, Day today) {
  if (revision.number <= 0) return {};
  std::string hm = zone.FormatHm(revision.imported_at);
  std::string number = std::to_string(revision.number);
  Day day = zone.LocalDay(revision.imported_at);
  if (day == today) return Format(UiText("footer.updated_at"), {{"time", hm}, {"revision", number}});
  Bilingual d = ShortDayLabel(day);
  const Bilingual& on = UiText("footer.updated_on");
  return {Format(on.fr, {{"day", d.fr}, {"time", hm}, {"revision", number}}),
          Format(on.en, {{"day", d.en}, {"time", hm}, {"revision", number}})};
}

std::string RevisionLine(const Bilingual& revision) {
  if (revision.en.empty()) return revision.fr;
  return revision.fr + " / " + revision.en;
}

const SessionMark* SessionItem::Mark(MarkKind kind) const {
  for (const SessionMark& mark : marks)
    if (mark.kind == kind) return &mark;
  return nullptr;
}

std::vector<SessionMark> SessionItem::Badges() const {
  std::vector<SessionMark> badges = marks;
  if (interpretation) badges.push_back(*interpretation);
  return badges;
}

std::optional<SessionMark> InterpretationMark(const Interpretation& interpretation) {
  if (!interpretation.Any()) return std::nullopt;
  const std::size_t max_label = LimitOf(FieldKind::Label).max_chars;
  std::string languages;
  for (const std::string& language : interpretation.languages)
    languages += (languages.empty() ? "" : ", ") + CutText(Trim(language), max_label);
  const std::string channel = CutText(Trim(interpretation.channel), max_label);
  const Bilingual text = channel.empty()
                             ? Format(UiText("mark.interpretation_no_channel"), {{"languages", languages}})
                             : Format(UiText("mark.interpretation"), {{"languages", languages}, {"channel", channel}});
  const std::string brief =
      channel.empty()
          ? Format(UiText("mark.interpretation_brief_no_channel").fr, {{"languages", languages}})
          : Format(UiText("mark.interpretation_brief").fr, {{"languages", languages}, {"channel", channel}});
  return SessionMark{MarkKind::Interpretation, text, text.fr + " / " + text.en, brief};
}

std::optional<SessionItem> AlertBeforeNext(const std::vector<SessionItem>& alerts,
                                           const std::optional<NextInfo>& next) {
  for (const SessionItem& alert : alerts)
    if (!next || next->other_day || alert.start < next->item.start) return alert;
  return std::nullopt;
}

SessionKind ClassifyKind(std::string_view kind) {
  const std::string key = NormalizeKey(kind);
  auto has = [&key](std::string_view part) { return key.find(part) != std::string::npos; };
  if (has("plen")) return SessionKind::Plenary;
  if (has("pause") || has("break") || has("dejeuner") || has("lunch") || has("repas") || has("cocktail") ||
      has("accueil") || has("welcome") || has("registration"))
    return SessionKind::Break;
  if (has("regional")) return SessionKind::Regional;
  if (has("atelier") || has("workshop")) return SessionKind::Workshop;
  if (has("cafe")) return SessionKind::Cafe;
  if (has("b2b") || has("rendez-vous")) return SessionKind::B2B;
  return SessionKind::Other;
}

Bilingual KindLabel(SessionKind kind) {
  switch (kind) {
    case SessionKind::Plenary:
      return UiText("kind.plenary");
    case SessionKind::Workshop:
      return UiText("kind.workshop");
    case SessionKind::Regional:
      return UiText("kind.regional");
    case SessionKind::Cafe:
      return UiText("kind.cafe");
    case SessionKind::B2B:
      return UiText("kind.b2b");
    case SessionKind::Break:
      return UiText("kind.break");
    case SessionKind::Other:
      break;
  }
  return {};
}

Bilingual KindLabel(std::string_view kind) {
  const std::string key = NormalizeKey(kind);
  auto has = [&key](std::string_view part) { return key.find(part) != std::string::npos; };
  const SessionKind category = ClassifyKind(kind);
  if (category == SessionKind::Workshop && has("micro")) return UiText("kind.micro_workshop");
  if (category == SessionKind::Break) {
    if (has("dejeuner") || has("lunch") || has("repas")) return UiText("kind.lunch");
    if (has("cocktail")) return UiText("kind.reception");
    if (has("accueil") || has("welcome") || has("registration")) return UiText("kind.welcome");
  }
  if (category != SessionKind::Other) return KindLabel(category);
  if (key == "talk" || key == "conference" || key == "intervention") return UiText("kind.talk");
  if (key == "presentation") return UiText("kind.presentation");
  if (has("copil") || has("comite") || has("steering")) return UiText("kind.steering");
  std::string text = DisplayText(kind, true);
  if (!text.empty() && text[0] >= 'a' && text[0] <= 'z') text[0] = static_cast<char>(text[0] - 'a' + 'A');
  return {text, text};
}

Bilingual DayLabel(Day day) {
  if (!day.ok()) return {};
  return {Weekday(day).fr + " " + FrenchDayNumber(day) + " " + FrenchMonth(day) + " " + Year(day),
          Weekday(day).en + " " + std::to_string(static_cast<unsigned>(day.day())) + " " + EnglishMonth(day) + " " +
              Year(day)};
}

Bilingual ShortDayLabel(Day day) {
  if (!day.ok()) return {};
  return {Weekday(day).fr + " " + FrenchDayNumber(day) + " " + FrenchMonth(day),
          Weekday(day).en + " " + std::to_string(static_cast<unsigned>(day.day())) + " " + EnglishMonth(day)};
}

Bilingual DaySpanLabel(Day first, Day last) {
  if (!first.ok() || !last.ok()) return {};
  const std::string dash(kEnDash);
  std::string d1 = std::to_string(static_cast<unsigned>(first.day()));
  std::string d2 = std::to_string(static_cast<unsigned>(last.day()));
  std::string fr1 = FrenchDayNumber(first), fr2 = FrenchDayNumber(last);
  if (first == last) {
    return {fr1 + " " + std::string(FrenchMonth(first)) + " " + Year(first),
            d1 + " " + std::string(EnglishMonth(first)) + " " + Year(first)};
  }
  if (first.year() == last.year() && first.month() == last.month()) {
    return {fr1 + dash + fr2 + " " + std::string(FrenchMonth(last)) + " " + Year(last),
            d1 + dash + d2 + " " + std::string(EnglishMonth(last)) + " " + Year(last)};
  }
  if (first.year() == last.year()) {
    return {fr1 + " " + std::string(FrenchMonth(first)) + " " + dash + " " + fr2 + " " +
                std::string(FrenchMonth(last)) + " " + Year(last),
            d1 + " " + std::string(EnglishMonth(first)) + " " + dash + " " + d2 + " " +
                std::string(EnglishMonth(last)) + " " + Year(last)};
  }
  Bilingual a = DaySpanLabel(first, first), b = DaySpanLabel(last, last);
  return {a.fr + " " + dash + " " + b.fr, a.en + " " + dash + " " + b.en};
}

SessionItem MakeSessionItem(const Programme& programme, const Session& session, const VenueZone& zone) {
  SessionItem item;
  item.session = &session;
  item.start = session.start;
  item.end = session.end;
  item.start_hm = zone.FormatHm(session.start);
  item.end_hm = zone.FormatHm(session.end);
  item.time_range = item.start_hm + std::string(kEnDash) + item.end_hm;
  if (session.end - session.start >= std::chrono::hours{24}) {
    // "10:00–10:00" would hide the days between: a session of a day or more shows its dates ("01/07 10:00–31/07
    // 10:00").
    auto day_month = [&zone](Instant t) {
      const Day d = zone.LocalDay(t);
      const unsigned dd = static_cast<unsigned>(d.day()), mm = static_cast<unsigned>(d.month());
      return (dd < 10 ? "0" : "") + std::to_string(dd) + "/" + (mm < 10 ? "0" : "") + std::to_string(mm) + " ";
    };
    item.time_range =
        day_month(session.start) + item.start_hm + std::string(kEnDash) + day_month(session.end) + item.end_hm;
  }
  const bool french = IsFrenchLanguage(session.language);
  // Cut to the field's maximum first: a store or snapshot written before the bounds (kiosk/core/Fields.h) may hold a
  // 1 MB title, and every pass below is linear in what it is given.
  const std::size_t max_title = LimitOf(FieldKind::Title).max_chars;
  item.title = DisplayText(CutText(Trim(session.title), max_title), french);
  item.title_en = DisplayText(CutText(session.title_en, max_title), false);
  item.kind = ClassifyKind(session.kind);
  item.kind_label = KindLabel(session.kind);
  if (item.title.empty()) {
    // A source may leave the title out (a frab <event> without <title>): show the English one, else the kind, so
    // the card and the bar never read as blank.
    item.title = !item.title_en.empty() ? std::move(item.title_en) : item.kind_label.fr;
    item.title_en.clear();
    if (item.title.empty()) item.title = UiText("common.session").fr;
  }
  const Room* room = programme.FindRoom(session.room_key);
  item.room_name =
      DisplayText(CutText(room ? room->name : session.room_key, LimitOf(FieldKind::RoomName).max_chars), french);
  for (const Speaker& speaker : session.speakers) {
    if (Trim(speaker.name).empty()) continue;
    // A screen shows one or two lines of speakers: a list of thousands of names is not joined whole (issue 11
    // defect 5); what is left out reads as "…".
    if (item.speakers.size() >= kSpeakersTextBytes) {
      item.speakers += ", " + std::string(kEllipsis);
      break;
    }
    if (!item.speakers.empty()) item.speakers += ", ";
    item.speakers += DisplayText(Trim(speaker.name), french);
    if (!Trim(speaker.role).empty()) item.speakers += " (" + DisplayText(Trim(speaker.role), french) + ")";
  }
  item.cancelled = session.status == SessionStatus::Cancelled;
  if (item.cancelled) item.status = UiText("common.cancelled");

  // Live changes (issue 3), as badges. A cancelled session shows only that: its delay or room no longer matter.
  const SessionMarks& marks = session.marks;
  item.delay_minutes = marks.delay_minutes;
  item.full = marks.full && !item.cancelled;
  if (!marks.moved_from.empty()) {
    const Room* from = programme.FindRoom(marks.moved_from);
    item.moved_from = DisplayText(from ? from->name : marks.moved_from, french);
  }
  if (marks.delay_minutes != 0) item.planned_start_hm = zone.FormatHm(session.start - minutes{marks.delay_minutes});
  // The wording is shared with kioskctl's board (kiosk/core/LiveMarks.h); a cancelled session carries only that.
  for (LiveMarkText& mark : LiveMarks(session, item.room_name, kNbsp))
    item.marks.push_back(
        {mark.kind, {std::move(mark.fr), std::move(mark.en)}, std::move(mark.compact), std::move(mark.brief)});
  // Simultaneous interpretation (issue 13): a badge of its own, after the live changes; not for a cancelled session.
  if (!item.cancelled) item.interpretation = InterpretationMark(session.interpretation);
  return item;
}

void SayMovedHere(SessionItem& item) {
  for (SessionMark& mark : item.marks) {
    if (mark.kind != MarkKind::Moved) continue;
    const Bilingual& here = UiText("mark.moved_here");
    mark.text = Format(UiText("mark.moved_here_from"), {{"room", item.moved_from}});
    mark.compact = here.fr + " " + std::string(kMiddleDot) + " " + here.en;
    mark.brief = here.fr;
  }
}

bool ProgrammeIsFrench(const Programme& programme) {
  std::size_t french = 0;
  for (const Session& session : programme.sessions) french += IsFrenchLanguage(session.language) ? 1 : 0;
  return 2 * french >= programme.sessions.size();
}

}  // namespace kiosk::ui
