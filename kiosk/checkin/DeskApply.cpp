// The desk's state transitions, pure: Apply(DeskModel, DeskEvent) -> the next model and the store calls to make
// (DeskApply.h). DeskController runs the calls and feeds their answers back as events.
#include "kiosk/checkin/DeskApply.h"

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/Text.h"
#include "kiosk/ui/Typography.h"  // DecodeUtf8, AppendUtf8

namespace kiosk::checkin {

namespace {

/// Removes the last UTF-8 code point of `text`.
void PopUtf8(std::string& text) {
  while (!text.empty()) {
    const unsigned char c = static_cast<unsigned char>(text.back());
    text.pop_back();
    if ((c & 0xC0) != 0x80) break;
  }
}

/// Whether `text` looks like an order code rather than a name: one word with a digit in it.
bool LooksLikeCode(std::string_view text) {
  if (text.empty() || text.find(' ') != std::string_view::npos) return false;
  return std::any_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

// ---------------------------------------------------------------------------------------------------------------
// Apply: the desk's state transitions (DeskApply.h)

namespace {

namespace ev = desk_event;
namespace fx = desk_effect;

struct Stepper {
  DeskModel& m;
  std::vector<DeskEffect>& effects;
  Instant now;

  ui::DeskState& v() { return m.view; }

  void Activity() { m.last_activity = now; }

  void SetOutcome(ui::DeskOutcome outcome) {
    v().outcome = std::move(outcome);
    m.outcome_at = now;
    m.query_spent = true;
  }

  /// The hits for the field as it is: a search from 2 characters, else nobody.
  void Research(bool keep_selection) {
    if (ui::DecodeUtf8(v().query).size() >= 2) {
      effects.push_back(fx::Search{v().query, keep_selection});
    } else {
      SearchDone({v().query, {}, keep_selection});
    }
  }

  void SearchDone(const ev::SearchDone& done) {
    if (done.query != v().query) return;  // an answer for a field that changed since
    // Keep the selection on the same person when a refresh reorders nothing; else the first row.
    std::string selected_code;
    if (done.keep_selection && v().selected >= 0 && v().selected < static_cast<int>(v().hits.size()))
      selected_code = v().hits[v().selected].registrant.order_code;
    v().hits = done.hits;
    v().selected = 0;
    for (std::size_t i = 0; i < v().hits.size(); ++i)
      if (v().hits[i].registrant.order_code == selected_code) v().selected = static_cast<int>(i);
  }

  void Refresh() {
    if (!m.Locked()) Research(true);
    effects.push_back(fx::Count{});
  }

  void Lock() {
    v().lock = ui::DeskLock::Locked;
    m.pin.clear();
    v().pin_digits = 0;
    v().pin_message = {};
    // Nobody's name stays on a locked desk.
    v().query.clear();
    v().hits.clear();
    v().outcome = {};
    m.query_spent = false;
  }

  void QueryChanged(std::string text) {
    Activity();
    if (m.Locked() || !m.Usable()) return;
    v().query = std::move(text);
    if (m.query_spent) {
      // Typing for the next person hides the last outcome.
      m.query_spent = false;
      v().outcome = {};
    }
    v().selected = 0;
    m.selection_chosen = false;
    Research(false);
  }

  void ClearPin() {
    m.pin.clear();
    v().pin_digits = 0;
  }

  /// Enter on the PIN screen once the digits are known not to be a registrant's code.
  void PinEnter() {
    if (m.pin_garbage) {
      // Letters came with these digits: a badge scanned at a locked desk, not a PIN. No try is counted.
      m.pin_garbage = false;
      ClearPin();
      v().pin_message = {"Poste verrouillé : code PIN du personnel", "Desk locked: staff PIN"};
      return;
    }
    if (now < m.pin_blocked_until) {
      const auto wait = std::chrono::duration_cast<std::chrono::seconds>(m.pin_blocked_until - now).count();
      v().pin_message = {"Trop d’essais : patientez " + std::to_string(wait) + " s",
                         "Too many tries: wait " + std::to_string(wait) + " s"};
      ClearPin();
      return;
    }
    const std::string pin = m.pin;
    ClearPin();
    if (pin.empty()) {
      PinChecked(false);
    } else {
      effects.push_back(fx::CheckPin{pin});
    }
  }

  void PinChecked(bool ok) {
    if (ok) {
      m.pin_failures = 0;
      v().pin_message = {};
      v().lock = ui::DeskLock::Unlocked;
      Refresh();
      return;
    }
    ++m.pin_failures;
    v().pin_message = {"Code incorrect", "Wrong PIN"};
    if (m.pin_failures >= kDeskPinTries) {
      m.pin_blocked_until = now + kDeskPinBackoff;
      v().pin_message = {"Code incorrect : patientez " + std::to_string(kDeskPinBackoff.count()) + " s",
                         "Wrong PIN: wait " + std::to_string(kDeskPinBackoff.count()) + " s"};
    }
  }

  void operator()(const ev::Typed& typed) {
    Activity();
    if (!m.Usable()) return;
    if (m.Locked()) {
      for (char32_t c : typed.text) {
        if (c < 0x20 || c == 0x7F) continue;
        // A scanner's order code typed at a locked desk is not a PIN: remember it, so its Enter costs no try.
        // A 13th digit is no PIN either (Eventbrite codes are all digits).
        if (c < '0' || c > '9' || m.pin.size() >= 12) m.pin_garbage = true;
        if (c >= '0' && c <= '9' && m.pin.size() < 12) m.pin += static_cast<char>(c);
      }
      v().pin_digits = static_cast<int>(m.pin.size());
      return;
    }
    std::string query = m.query_spent ? std::string() : v().query;
    bool any = false;
    for (char32_t c : typed.text) {
      if (c < 0x20 || c == 0x7F) continue;
      ui::AppendUtf8(query, c);
      any = true;
    }
    if (any) QueryChanged(std::move(query));
  }
  void operator()(const ev::QueryReplaced& replaced) { QueryChanged(replaced.text); }
  void operator()(const ev::Backspace&) {
    Activity();
    if (!m.Usable()) return;
    if (m.Locked()) {
      if (!m.pin.empty()) m.pin.pop_back();
      if (m.pin.empty()) m.pin_garbage = false;  // rubbed out: the next digits are a fresh PIN
      v().pin_digits = static_cast<int>(m.pin.size());
      return;
    }
    std::string text = v().query;
    PopUtf8(text);
    QueryChanged(std::move(text));
  }
  void operator()(const ev::Escape&) {
    Activity();
    if (!m.Usable()) return;
    if (m.Locked()) {
      m.pin_garbage = false;
      ClearPin();
      return;
    }
    v().outcome = {};
    m.query_spent = false;
    QueryChanged({});
  }
  void operator()(const ev::Enter&) {
    Activity();
    if (!m.Usable()) return;
    if (m.Locked()) {
      // An all-digit order code (Eventbrite's attendee numbers have 11 digits) scanned at a locked desk is no PIN
      // either: a registrant's own code of 8 digits or more costs no try.
      if (!m.pin_garbage && m.pin.size() >= 8) {
        effects.push_back(fx::FindPinCode{m.pin});
        return;
      }
      PinEnter();
      return;
    }
    // Enter again on the outcome shown: nothing new to do (but a "pick one" list still takes Enter on its selection).
    if (m.query_spent && v().outcome.kind != ui::DeskOutcome::Kind::PickOne) return;
    const std::string trimmed(Trim(v().query));
    if (trimmed.empty()) return;
    effects.push_back(fx::FindCode{CanonicalOrderCode(trimmed), trimmed});
  }
  void operator()(const ev::CodeFound& found) {
    if (!m.Usable() || m.Locked() || found.trimmed != Trim(v().query)) return;
    const std::string& trimmed = found.trimmed;
    if (found.order_code) {
      effects.push_back(fx::CheckIn{*found.order_code});
    } else if (!v().hits.empty() && LooksLikeCode(trimmed) && v().hits.size() > 1 && !m.selection_chosen) {
      // A scanned order code of several tickets (a pretix order of three people): never guess who is at the desk.
      v().outcome = {};
      v().outcome.kind = ui::DeskOutcome::Kind::PickOne;
      v().outcome.text = trimmed;
      m.outcome_at = now;
      m.query_spent = true;  // the next scan or key starts afresh; ↑ ↓, Enter and clicks still pick from the list
    } else if (!v().hits.empty()) {
      const int index = std::clamp(v().selected, 0, static_cast<int>(v().hits.size()) - 1);
      effects.push_back(fx::CheckIn{v().hits[index].registrant.order_code});
    } else {
      ui::DeskOutcome outcome;
      outcome.kind = LooksLikeCode(trimmed) || ui::DecodeUtf8(trimmed).size() < 2 ? ui::DeskOutcome::Kind::UnknownCode
                                                                                  : ui::DeskOutcome::Kind::NoMatch;
      outcome.text = trimmed;
      SetOutcome(std::move(outcome));
    }
  }
  void operator()(const ev::PinCodeFound& found) {
    if (!m.Usable() || !m.Locked() || found.pin != m.pin) return;
    m.pin_garbage = found.is_code;
    PinEnter();
  }
  void operator()(const ev::PinChecked& checked) {
    if (m.Locked()) PinChecked(checked.ok);
  }
  void operator()(const ev::Click& click) {
    Activity();
    if (m.Locked() || !m.Usable() || click.row < 0 || click.row >= static_cast<int>(v().hits.size())) return;
    v().selected = click.row;
    effects.push_back(fx::CheckIn{v().hits[click.row].registrant.order_code});
  }
  void operator()(const ev::Move& move) {
    Activity();
    if (m.Locked() || !m.Usable() || v().hits.empty()) return;
    v().selected = std::clamp(v().selected + move.delta, 0, static_cast<int>(v().hits.size()) - 1);
    m.selection_chosen = true;
  }
  void operator()(const ev::UndoPressed&) {
    Activity();
    if (m.Locked() || !m.Usable()) return;
    if (m.last_in.empty()) {
      ui::DeskOutcome outcome;
      outcome.kind = ui::DeskOutcome::Kind::NothingToUndo;
      SetOutcome(std::move(outcome));
      return;
    }
    effects.push_back(fx::Undo{m.last_in});
  }
  void operator()(const ev::CheckedIn& done) {
    const bool failed = done.outcome.kind == ui::DeskOutcome::Kind::Error;
    if (!done.event_uuid.empty()) m.last_in = done.event_uuid;
    SetOutcome(done.outcome);
    if (!failed) v().store_problem.clear();
    v().can_undo = !m.last_in.empty();
    // Also the probe after a failed write: a store that cannot be read either becomes the message screen.
    Refresh();
  }
  void operator()(const ev::Undone& done) {
    m.last_in.clear();
    v().can_undo = false;
    SetOutcome(done.outcome);
    Refresh();
  }
  void operator()(const ev::SearchDone& done) { SearchDone(done); }
  void operator()(const ev::CountsRead& read) { v().counts = read.counts; }
  void operator()(const ev::Tick&) {
    // A "pick one" waits for staff to choose; every other outcome clears after it has been read.
    if (v().outcome.kind != ui::DeskOutcome::Kind::None && v().outcome.kind != ui::DeskOutcome::Kind::PickOne &&
        now - m.outcome_at >= kDeskOutcomeSeconds) {
      // The panel has been read: the field clears for the next person.
      v().outcome = {};
      m.query_spent = false;
      v().query.clear();
      v().hits.clear();
      v().selected = 0;
    }
    if (v().lock == ui::DeskLock::Unlocked && now - m.last_activity >= kDeskIdleLock) Lock();
  }
  void operator()(const ev::HubChanged& changed) {
    ui::DeskHubStatus status;
    if (const auto& hub = changed.hub) {
      status.configured = true;
      status.online = hub->online;
      status.problem = hub->online                                ? ui::DeskHubStatus::Problem::None
                       : hub->problem == HubProblem::Unreachable  ? ui::DeskHubStatus::Problem::Unreachable
                       : hub->problem == HubProblem::TokenRefused ? ui::DeskHubStatus::Problem::TokenRefused
                                                                  : ui::DeskHubStatus::Problem::Other;
      status.error = hub->error;
      status.pending = hub->pending;
      status.last_exchange_ms = hub->last_exchange_ms;
    }
    v().hub = std::move(status);
  }
  void operator()(const ev::StoreOpened& opened) {
    m.store_open = true;
    if (opened.has_pin && v().lock == ui::DeskLock::NoPin) Lock();
    if (!opened.has_pin) v().lock = ui::DeskLock::NoPin;
    v().store_problem.clear();
    v().store = opened.revision > 0 ? ui::DeskStore::Ready : ui::DeskStore::Empty;
    Refresh();
  }
  void operator()(const ev::StoreChanged& changed) {
    // A PIN set (or cleared) with kioskctl while the desk runs takes effect now.
    if (!changed.has_pin && v().lock != ui::DeskLock::NoPin) v().lock = ui::DeskLock::NoPin;
    if (changed.has_pin && v().lock == ui::DeskLock::NoPin) Lock();
    v().store = changed.revision > 0 ? ui::DeskStore::Ready : ui::DeskStore::Empty;
    Refresh();
  }
  void operator()(const ev::StoreLost& lost) {
    m.store_open = false;
    v().store = lost.store;
    v().store_problem = lost.problem;
    if (lost.store == ui::DeskStore::Unreadable) v().store_fault = lost.fault;
    // Nothing of the last person stays on a screen that no longer shows the desk.
    v().hits.clear();
    v().query.clear();
    v().outcome = {};
    m.query_spent = false;
  }
};

}  // namespace

DeskStep Apply(DeskModel model, const DeskEvent& event) {
  DeskStep step{std::move(model), {}};
  std::visit(Stepper{step.model, step.effects, event.at}, event.what);
  return step;
}

}  // namespace kiosk::checkin
