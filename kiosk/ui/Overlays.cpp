// Announcements, the wrong-clock screen and the staff corner: the view models of Overlays.h.
#include "kiosk/ui/Overlays.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <utility>

#include "kiosk/core/Text.h"
#include "kiosk/ui/Catalogue.h"
#include "kiosk/ui/Typography.h"

namespace kiosk::ui {

AnnouncementsViewModel AnnouncementsViewModel::Build(const std::vector<Announcement>& announcements, Instant now,
                                                     const std::string* room_key) {
  AnnouncementsViewModel vm;
  for (const Announcement* a : ActiveAnnouncements(announcements, now, room_key)) {
    AnnouncementView view;
    view.id = a->id;
    view.priority = a->priority;
    view.text = DisplayText(a->text, true);
    view.text_en = DisplayText(a->text_en, false);
    if (view.text.empty()) view.text = std::move(view.text_en);
    if (view.text_en == view.text) view.text_en.clear();
    if (view.text.empty()) continue;
    switch (a->priority) {
      case AnnouncementPriority::Emergency:
        vm.emergency.push_back(std::move(view));
        break;
      case AnnouncementPriority::Urgent:
        vm.urgent.push_back(std::move(view));
        break;
      case AnnouncementPriority::Info:
        vm.info.push_back(std::move(view));
        break;
    }
    if (a->until && *a->until > now && (!vm.next_change || *a->until < *vm.next_change)) vm.next_change = *a->until;
  }
  return vm;
}

std::size_t AnnouncementsViewModel::MostOfOnePriority() const {
  return std::max({emergency.size(), urgent.size(), info.size()});
}

const AnnouncementView* AnnouncementsViewModel::At(const std::vector<AnnouncementView>& list, long long slot) {
  if (list.empty()) return nullptr;
  const long long n = static_cast<long long>(list.size());
  return &list[static_cast<std::size_t>(((slot % n) + n) % n)];
}

ClockProblemViewModel ClockProblemViewModel::Build(const Programme& programme, const RevisionStamp& revision,
                                                   Instant now, const VenueZone& zone) {
  ClockProblemViewModel vm;
  // Without a known revision only the event can tell a wrong clock.
  vm.check = CheckClock(programme, revision.number > 0 ? revision.imported_at : Instant{}, now);
  if (!vm.Wrong()) return vm;
  vm.title = UiText("overlay.clock_wrong");
  auto when = [&zone](Instant t) { return FormatDay(zone.LocalDay(t)) + " " + zone.FormatHm(t); };
  const std::string clock = when(now);
  const std::string dot = " " + std::string(kMiddleDot) + " ";
  const Bilingual& fix = UiText("overlay.clock_fix");
  Bilingual what;
  if (vm.check == ClockCheck::BeforeEvent) {
    what = Format(UiText("overlay.clock_before_event"), {{"clock", clock}});
  } else {
    const std::string number = std::to_string(revision.number), made = when(revision.imported_at);
    what = Format(UiText("overlay.clock_before_revision"), {{"clock", clock}, {"revision", number}, {"made", made}});
  }
  vm.hint = {FrenchDisplay(what.fr) + dot + FrenchDisplay(fix.fr), what.en + dot + fix.en};
  return vm;
}

std::vector<ProgrammeListViewModel> ProgrammeListViewModel::Build(const Programme& programme, const VenueZone& zone,
                                                                  const RevisionStamp& revision,
                                                                  const std::string* room_key) {
  std::vector<ProgrammeListViewModel> lists;
  const bool french = ProgrammeIsFrench(programme);
  const Room* room = room_key ? programme.FindRoom(*room_key) : nullptr;
  if (room_key && room == nullptr) return lists;
  for (const Day day : programme.Days()) {
    ProgrammeListViewModel list;
    list.title = DisplayText(Trim(room ? room->name : programme.conference.title), french);
    list.day_label = DayLabel(day);
    list.show_rooms = room == nullptr;
    list.revision = RevisionLabel(revision, zone, Day{});
    for (const Session* session : SessionsOfDay(programme, day)) {
      if (room && session->room_key != room->key && session->marks.moved_from != room->key) continue;
      list.items.push_back(MakeSessionItem(programme, *session, zone));
    }
    if (!list.items.empty()) lists.push_back(std::move(list));
  }
  return lists;
}

MessageViewModel UnavailableMessage(std::string reason, int retry_seconds) {
  MessageViewModel message;
  message.title = UiText("message.unavailable");
  message.reason = std::move(reason);
  message.retry_seconds = retry_seconds;
  return message;
}

Bilingual SyncProblemText(std::string_view kind) {
  if (kind.empty()) return UiText("message.sync_first_try");
  if (kind.starts_with("HTTP ")) {
    const std::string status = ScreenText(std::string(kind));
    return Format(UiText("message.sync_http"), {{"status", status}});
  }
  const auto french = [](const Bilingual& text) { return Bilingual{FrenchDisplay(text.fr), text.en}; };
  if (kind == "server down") return UiText("message.sync_server_down");
  if (kind == "timed out") return UiText("message.sync_timed_out");
  if (kind == "bad signature") return french(UiText("message.sync_bad_signature"));
  if (kind == "wrong hash") return UiText("message.sync_wrong_hash");
  if (kind == "truncated download") return UiText("message.sync_truncated");
  if (kind == "old revision replayed") return UiText("message.sync_old_revision");
  if (kind == "bad snapshot") return UiText("message.sync_bad_snapshot");
  if (kind == "newer schema") return UiText("message.sync_newer_schema");
  if (kind == "store locked") return UiText("message.sync_store_locked");
  if (kind == "sync error") return UiText("message.sync_error");
  const std::string text = ScreenText(std::string(kind));
  return {text, text};
}

Bilingual SecondsText(double seconds) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.2f", std::max(0.0, seconds));
  std::string en = buffer;
  while (en.back() == '0') en.pop_back();
  if (en.back() == '.') en.pop_back();
  std::string fr = en;
  std::replace(fr.begin(), fr.end(), '.', ',');
  const std::string unit = std::string(kNbsp) + "s";
  return {fr + unit, en + unit};
}

MessageViewModel SyncWaitingMessage(const std::string& url, std::string_view problem_kind, double interval_seconds) {
  MessageViewModel message;
  message.title = UiText("message.sync_waiting");
  message.reason = ScreenText(url);
  message.problem = SyncProblemText(problem_kind);
  message.retry_every_seconds = interval_seconds;
  return message;
}

WrongClockViewModel WrongClockViewModel::Build(const Programme& programme, const VenueZone& zone,
                                               const RevisionStamp& revision, const std::string* room_key,
                                               bool landscape, const ClockProblemViewModel& clock) {
  WrongClockViewModel vm;
  if (room_key == nullptr && landscape) {
    // Today is unknown: the header names each grid's day and the revision carries its date.
    BoardViewModel header;
    header.event_name = DisplayText(Trim(programme.conference.title), ProgrammeIsFrench(programme));
    header.revision = RevisionLabel(revision, zone, Day{});
    for (const Day day : programme.Days()) {
      for (TimelineViewModel& grid : TimelineViewModel::BuildWithoutNow(programme, day, zone)) {
        WrongClockGrid entry{header, std::move(grid)};
        entry.header.day_label = entry.grid.day_label;
        vm.grids.push_back(std::move(entry));
      }
    }
  } else {
    vm.lists = ProgrammeListViewModel::Build(programme, zone, revision, room_key);
  }
  vm.message.title = clock.title;
  vm.message.reason = clock.hint.en.empty() ? clock.hint.fr : clock.hint.fr + " / " + clock.hint.en;
  return vm;
}

std::string StaffStatusText(const StaffStatus& status) {
  if (!status.syncing) return {};
  const std::string warn = "\u26A0 ";
  std::string text = "sync ";
  if (!status.last_sync_age) {
    text += warn + "none yet";
  } else {
    const long long s = std::max<long long>(0, status.last_sync_age->count());
    if (!status.sync_problem.empty()) text += warn;
    // Minutes at most: the screen redraws for the staff corner when the minute changes, not every second.
    if (s < 60) {
      text += "<1 min";
    } else if (s < 2 * 3600) {
      text += std::to_string(s / 60) + " min";
    } else {
      const long long m = (s / 60) % 60;
      text += std::to_string(s / 3600) + " h " + (m < 10 ? "0" : "") + std::to_string(m);
    }
  }
  if (!status.sync_problem.empty()) text += ": " + ScreenText(status.sync_problem);
  return text;
}

}  // namespace kiosk::ui
