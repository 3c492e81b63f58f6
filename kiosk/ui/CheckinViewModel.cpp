// The check-in desk's view model: names, statuses, warnings and counters as the desk shows them, French first.
#include "kiosk/ui/CheckinViewModel.h"

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "kiosk/core/Text.h"
#include "kiosk/ui/Catalogue.h"
#include "kiosk/ui/Typography.h"

namespace kiosk::ui {
namespace {

char32_t UpperChar(char32_t c) {
  if (c >= 'a' && c <= 'z') return c - 0x20;
  if (c >= 0xE0 && c <= 0xFE && c != 0xF7) return c - 0x20;  // Latin-1
  if (c == 0xFF) return 0x178;
  if (c == 0x153) return 0x152;  // œ
  // Latin Extended-A: pairs upper (even) / lower (odd), except 0x139-0x148 and 0x179-0x17E (upper odd).
  if ((c >= 0x100 && c <= 0x137) || (c >= 0x14A && c <= 0x177)) return (c & 1) ? c - 1 : c;
  if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E)) return (c & 1) ? c : c - 1;
  if (c == 0x1A1) return 0x1A0;  // ơ (Vietnamese)
  if (c == 0x1B0) return 0x1AF;  // ư (Vietnamese)
  if (c >= 0x1E00 && c <= 0x1EFF && c != 0x1E9E && (c < 0x1E96 || c > 0x1E9F)) return (c & 1) ? c - 1 : c;
  return c;
}

/// "mer. 8 juil." for a venue-local day.
std::string FrenchDay(Day day) {
  // Catalogue keys, Sunday first (date::weekday::c_encoding) and January first.
  static const char* const kWeekdays[] = {"date.sun_short", "date.mon_short", "date.tue_short", "date.wed_short",
                                          "date.thu_short", "date.fri_short", "date.sat_short"};
  static const char* const kMonths[] = {"date.jan_short", "date.feb_short", "date.mar_short", "date.apr_short",
                                        "date.may_short", "date.jun_short", "date.jul_short", "date.aug_short",
                                        "date.sep_short", "date.oct_short", "date.nov_short", "date.dec_short"};
  const date::year_month_day& ymd = day;
  const date::weekday weekday{date::sys_days{day}};
  return UiText(kWeekdays[weekday.c_encoding()]).fr + " " + std::to_string(static_cast<unsigned>(ymd.day())) + " " +
         UiText(kMonths[static_cast<unsigned>(ymd.month()) - 1]).fr;
}

std::string DeskLabel(std::string_view desk) { return ScreenText(desk); }

/// "10:02", or "08/07 10:02" when the event is not on `today` (venue-local).
std::string WhenShort(EventTime at, const VenueZone& zone, Day today) {
  const Instant instant = std::chrono::floor<std::chrono::seconds>(at);
  std::string hm = zone.FormatHm(instant);
  const Day day = zone.LocalDay(instant);
  if (day == today) return hm;
  const date::year_month_day& ymd = day;
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%02u/%02u ", static_cast<unsigned>(ymd.day()),
                static_cast<unsigned>(ymd.month()));
  return buffer + hm;
}

/// `path` as one shell word: quoted when it holds anything but the characters paths usually have.
std::string ShellWord(const std::string& path) {
  const bool plain = !path.empty() && std::all_of(path.begin(), path.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           std::string_view("/._-+,:@%=~").find(c) != std::string_view::npos;
  });
  if (plain) return path;
  std::string quoted = "'";
  for (char c : path) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

/// The full-screen message for a store that is not Ready (French first; the path and the command lines as typed).
CheckinStoreMessageView StoreMessage(const DeskState& state) {
  CheckinStoreMessageView out;
  if (state.store == DeskStore::Ready) return out;
  out.shown = true;
  out.path = ScreenText(state.store_path);
  const std::string path = ShellWord(ScreenText(state.store_path));
  const Bilingual import = Format(UiText("desk.store_import"), {{"path", path}});
  const std::string seconds = std::to_string(state.retry_seconds);
  const Bilingual retry = Format(UiText("desk.store_retry"), {{"seconds", seconds}});
  switch (state.store) {
    case DeskStore::Ready:
      break;
    case DeskStore::Missing:
      out.error = true;
      out.headline = UiText("desk.store_missing");
      out.todo.push_back(UiText("desk.store_import_one"));
      out.todo.push_back(import);
      out.retry = retry;
      break;
    case DeskStore::Unreadable:
      out.error = true;
      out.detail = ScreenText(state.store_problem);
      switch (state.store_fault) {
        case DeskStoreFault::NotRegistrant:
          out.headline = UiText("desk.store_not_registrant");
          out.todo.push_back(UiText("desk.store_check_people"));
          out.todo.push_back(UiText("desk.store_import_elsewhere"));
          break;
        case DeskStoreFault::NewerSchema:
          out.headline = UiText("desk.store_newer");
          out.todo.push_back(UiText("desk.store_update"));
          break;
        case DeskStoreFault::Io:
          out.headline = UiText("desk.store_io");
          out.todo.push_back(UiText("desk.store_check_rights"));
          break;
        case DeskStoreFault::Damaged:
          out.headline = UiText("desk.store_damaged");
          out.todo.push_back(UiText("desk.store_move_away"));
          out.todo.push_back(import);
          break;
      }
      out.retry = retry;
      break;
    case DeskStore::Empty:
      if (state.hub.configured) {
        out.headline = UiText("desk.store_waiting_hub");
        out.todo.push_back(state.hub.online ? UiText("desk.store_hub_online")
                           : state.hub.problem == DeskHubStatus::Problem::TokenRefused
                               ? UiText("desk.store_hub_token")
                               : UiText("desk.store_hub_unreachable"));
        out.todo.push_back(UiText("desk.store_on_hub"));
      } else {
        out.headline = UiText("desk.store_empty");
        out.todo.push_back(UiText("desk.store_import_them"));
        out.todo.push_back(import);
      }
      out.retry = UiText("desk.store_opens");
      break;
  }
  out.headline = {FrenchDisplay(out.headline.fr), EnglishDisplay(out.headline.en)};
  for (Bilingual& line : out.todo) {
    if (line.fr.rfind("kioskctl", 0) == 0) continue;  // a command line as it is typed
    line = {FrenchDisplay(line.fr), EnglishDisplay(line.en)};
  }
  out.retry = {FrenchDisplay(out.retry.fr), EnglishDisplay(out.retry.en)};
  return out;
}

}  // namespace

std::string UpperLatin(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char32_t c : DecodeUtf8(text)) AppendUtf8(out, UpperChar(c));
  return out;
}

std::string DeskDisplayName(const Registrant& registrant) {
  const std::string last = UpperLatin(ScreenText(ToNfc(registrant.last_name)));
  const std::string first = ScreenText(ToNfc(registrant.first_name));
  if (last.empty()) return first;
  if (first.empty()) return last;
  return last + " " + first;
}

Bilingual AlreadyCheckedInLine(const CheckinEvent& event, const VenueZone& zone, Day today) {
  const Instant instant = std::chrono::floor<std::chrono::seconds>(event.at);
  const std::string hm = zone.FormatHm(instant), desk = DeskLabel(event.desk);
  const Day day = zone.LocalDay(instant);
  if (day == today) {
    return Format(UiText("desk.already_at"), {{"time", hm}, {"desk", desk}});
  }
  const date::year_month_day& ymd = day;
  char dm[16];
  std::snprintf(dm, sizeof dm, "%02u/%02u", static_cast<unsigned>(ymd.day()), static_cast<unsigned>(ymd.month()));
  return Format(UiText("desk.already_on"), {{"date", dm}, {"time", hm}, {"desk", desk}});
}

std::string CheckinGlyphText(const std::vector<Registrant>& registrants) {
  std::string text =
      "Poste poste autonome standalone desk Hub : en ligne online injoignable unreachable en attente pending "
      "Enregistré·e Checked in Attendu·e Expected Déjà enregistré·e à au Already checked in at desk "
      "Code inconnu Unknown code Aucun résultat No match Bienvenue ! Welcome Annuler le dernier Undo last "
      "ne figure plus dans la dernière liste not in the latest list Aucun code PIN : kioskctl registrants pin "
      "No staff PIN set Tapez un nom, une organisation ou scannez un code Type a name, an organisation or scan a code "
      "Code PIN du personnel Staff PIN Code incorrect Wrong PIN Patientez Wait Son programme Their programme "
      "Enregistrement annulé Check-in undone Rien à annuler Nothing to undo ●•·–—…’«»⚠✓✔×⌫↵↑↓ "
      "Aucun fichier d'inscrits illisible abîmé inaccessible Vérifiez Mettez côté réimportez AUTRE-CHEMIN "
      "En attente de la liste du hub Nouvel essai automatique Poste verrouillé : code PIN du personnel";
  text += '\n';
  // Latin Extended-B, spacing modifier letters (ʿ ʾ of Arabic romanisations), combining marks, Latin Extended
  // Additional (Vietnamese): whole blocks, so a name typed at the desk has its glyphs even before it is imported.
  for (char32_t c = 0x180; c <= 0x24F; ++c) AppendUtf8(text, c);
  for (char32_t c = 0x2B0; c <= 0x36F; ++c) AppendUtf8(text, c);
  for (char32_t c = 0x1E00; c <= 0x1EFF; ++c) AppendUtf8(text, c);
  text += '\n';
  for (const Registrant& r : registrants) {
    text += DeskDisplayName(r) + "\n" + r.organisation + "\n" + r.category + "\n" + r.note + "\n" + r.order_code + "\n";
    for (const RegistrantAppointment& a : r.appointments) text += a.title + "\n" + a.place + "\n";
  }
  return text;
}

CheckinViewModel BuildCheckinViewModel(const DeskState& state, const VenueZone& zone, Instant now) {
  CheckinViewModel vm;
  const Day today = zone.LocalDay(now);
  vm.desk = DeskLabel(state.desk);
  vm.checked_in = state.counts.checked_in;
  vm.expected = state.counts.expected;
  for (const DeskCounts::Group& g : state.counts.by_category)
    vm.categories.push_back({ScreenText(g.label.empty() ? "—" : g.label), g.checked_in, g.expected});
  for (const DeskCounts::Group& g : state.counts.by_day)
    vm.days.push_back({FrenchDay(g.day), g.checked_in, g.expected});
  vm.query = ScreenText(state.query);
  vm.locked = state.lock == DeskLock::Locked;
  vm.pin_digits = state.pin_digits;
  vm.pin_message = state.pin_message;
  vm.can_undo = state.can_undo;
  vm.store_message = StoreMessage(state);

  if (!state.store_problem.empty()) {
    vm.warning_line = Format(UiText("desk.store_unreadable"), {{"problem", ScreenText(state.store_problem)}});
  } else if (state.lock == DeskLock::NoPin) {
    vm.warning_line = UiText("desk.no_pin");
  }

  if (!state.hub.configured) {
    vm.hub_line = UiText("desk.standalone");
  } else if (state.hub.online) {
    vm.hub_line = UiText("desk.hub_online");
    if (state.hub.pending > 0) {
      const Bilingual pending = Format(UiText("desk.hub_pending"), {{"n", std::to_string(state.hub.pending)}});
      vm.hub_line.fr += " — " + pending.fr;
      vm.hub_line.en += " — " + pending.en;
    }
  } else {
    const Bilingual pending = Format(UiText("desk.hub_pending"), {{"n", std::to_string(state.hub.pending)}});
    // The hub answered with 401: the token is wrong (--token / --token-file), not the network.
    const bool token_refused = state.hub.problem == DeskHubStatus::Problem::TokenRefused;
    vm.hub_line = UiText(token_refused ? "desk.hub_token_refused" : "desk.hub_unreachable");
    vm.hub_line.fr += " — " + pending.fr;
    vm.hub_line.en += " — " + pending.en;
    // "Unreachable" says it all (the details are in the log); another failure is named.
    if (!token_refused && state.hub.problem != DeskHubStatus::Problem::Unreachable && !state.hub.error.empty())
      vm.hub_line.en += " (" + ScreenText(state.hub.error) + ")";
    vm.hub_problem = true;
  }
  if (state.hub.configured && state.hub.last_exchange_ms > 0) {
    const Instant last{
        std::chrono::duration_cast<std::chrono::seconds>(std::chrono::milliseconds(state.hub.last_exchange_ms))};
    const auto age = std::chrono::duration_cast<std::chrono::seconds>(now - last).count();
    if (!state.hub.online || age > 5) {
      const Bilingual exchange = Format(UiText("desk.hub_last_exchange"), {{"time", zone.FormatHm(last)}});
      vm.hub_line.fr += " · " + exchange.fr;
      vm.hub_line.en += " · " + exchange.en;
    }
  }

  const std::string trimmed(Trim(state.query));
  if (DecodeUtf8(trimmed).size() < 2) {
    vm.hint = UiText("desk.hint");
  } else if (state.hits.empty()) {
    vm.hint = Format(UiText("desk.no_match_for"), {{"query", ScreenText(trimmed)}});
    vm.hint.fr = FrenchDisplay(vm.hint.fr);
  }
  for (std::size_t i = 0; i < state.hits.size(); ++i) {
    const DeskHit& hit = state.hits[i];
    CheckinRowView row;
    row.name = DeskDisplayName(hit.registrant);
    row.organisation = DisplayText(ToNfc(hit.registrant.organisation), true);
    row.category = ScreenText(hit.registrant.category);
    row.order_code = hit.registrant.order_code;
    row.selected = static_cast<int>(i) == state.selected;
    if (hit.status.checked_in && hit.status.first) {
      const CheckinEvent& first = *hit.status.first;
      const std::string when = WhenShort(first.at, zone, today), desk = DeskLabel(first.desk);
      row.badge = hit.status.active.size() > 1 ? CheckinRowView::Badge::Twice : CheckinRowView::Badge::CheckedIn;
      row.status = Format(UiText("desk.checked_in"), {{"when", when}, {"desk", desk}});
      if (hit.status.active.size() > 1) {
        row.status.fr += " (+" + std::to_string(hit.status.active.size() - 1) + ")";
        row.status.en += " (+" + std::to_string(hit.status.active.size() - 1) + ")";
      }
    } else if (hit.withdrawn) {
      row.badge = CheckinRowView::Badge::Withdrawn;
      row.status = UiText("desk.withdrawn");
    } else {
      row.status = UiText("desk.expected");
    }
    vm.rows.push_back(std::move(row));
  }

  const DeskOutcome& outcome = state.outcome;
  CheckinOutcomeView& out = vm.outcome;
  if (outcome.registrant) {
    const Registrant& r = *outcome.registrant;
    out.name = DeskDisplayName(r);
    out.organisation = DisplayText(ToNfc(r.organisation), true);
    out.category = ScreenText(r.category);
    for (const RegistrantAppointment& a : r.appointments) {
      CheckinAppointmentView line;
      line.when = FrenchDay(zone.LocalDay(a.start)) + " · " + zone.FormatHm(a.start);
      if (a.end > a.start) line.when += std::string(kEnDash) + zone.FormatHm(a.end);
      line.title = DisplayText(a.title, true);
      line.place = ScreenText(a.place);
      out.programme.push_back(std::move(line));
    }
  }
  switch (outcome.kind) {
    case DeskOutcome::Kind::None:
      break;
    case DeskOutcome::Kind::CheckedIn:
      out.tone = CheckinOutcomeView::Tone::Success;
      out.headline = Format(UiText("desk.welcome"), {{"desk", vm.desk}});
      break;
    case DeskOutcome::Kind::AlreadyCheckedIn:
      out.tone = CheckinOutcomeView::Tone::Warning;
      if (outcome.status.active.size() > 1) {
        out.headline = Format(UiText("desk.checked_in_times"), {{"n", std::to_string(outcome.status.active.size())}});
      } else {
        out.headline = UiText("desk.already");
      }
      // The first and the last only, whatever the hub merged (the headline gives the count).
      if (!outcome.status.active.empty())
        out.details.push_back(AlreadyCheckedInLine(outcome.status.active.front(), zone, today));
      if (outcome.status.active.size() > 1)
        out.details.push_back(AlreadyCheckedInLine(outcome.status.active.back(), zone, today));
      if (outcome.status.active.empty() && outcome.status.first)
        out.details.push_back(AlreadyCheckedInLine(*outcome.status.first, zone, today));
      break;
    case DeskOutcome::Kind::UnknownCode:
      out.tone = CheckinOutcomeView::Tone::Error;
      out.headline = UiText("desk.unknown_code");
      out.details.push_back({ScreenText(outcome.text), ""});
      break;
    case DeskOutcome::Kind::NoMatch:
      out.tone = CheckinOutcomeView::Tone::Error;
      out.headline = UiText("desk.no_match");
      out.details.push_back({ScreenText(outcome.text), ""});
      break;
    case DeskOutcome::Kind::PickOne:
      out.tone = CheckinOutcomeView::Tone::Neutral;
      out.headline = UiText("desk.pick_one");
      out.details.push_back(UiText("desk.pick_one_help"));
      out.details.push_back({ScreenText(outcome.text), ""});
      break;
    case DeskOutcome::Kind::Undone:
      out.tone = CheckinOutcomeView::Tone::Neutral;
      out.headline = UiText("desk.undone");
      out.programme.clear();
      break;
    case DeskOutcome::Kind::NothingToUndo:
      out.tone = CheckinOutcomeView::Tone::Neutral;
      out.headline = UiText("desk.nothing_to_undo");
      break;
    case DeskOutcome::Kind::Error:
      out.tone = CheckinOutcomeView::Tone::Error;
      out.headline = UiText("desk.error");
      out.details.push_back({ScreenText(outcome.text), ""});
      break;
  }
  if (outcome.withdrawn && outcome.registrant) out.details.push_back(UiText("desk.not_in_list"));
  if (outcome.registrant && !outcome.registrant->note.empty() && outcome.kind != DeskOutcome::Kind::Undone)
    out.details.push_back({Format(UiText("desk.note").fr, {{"note", ScreenText(outcome.registrant->note)}}), ""});
  for (Bilingual& line : out.details) line.fr = FrenchDisplay(line.fr);
  out.headline.fr = FrenchDisplay(out.headline.fr);
  vm.warning_line.fr = FrenchDisplay(vm.warning_line.fr);
  vm.hub_line.fr = FrenchDisplay(vm.hub_line.fr);
  return vm;
}

}  // namespace kiosk::ui
