// The check-in desk's controller: search, check-in, undo, the staff PIN, the counters (DeskController.h).
#include "kiosk/checkin/DeskController.h"

#include <algorithm>
#include <cstdio>
#include <stdexcept>
#include <vector>

#include "kiosk/core/Text.h"
#include "kiosk/ui/Typography.h"  // DecodeUtf8, AppendUtf8

namespace kiosk::checkin {

// ---------------------------------------------------------------------------------------------------------------
// DeskController

namespace {

ui::DeskHit ToHit(const RegistrantHit& hit) { return {hit.registrant, hit.status, hit.withdrawn}; }

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

DeskController::DeskController(const std::filesystem::path& people, std::string desk, const Clock& clock,
                               const VenueZone& zone, bool create_missing)
    : m_people(people), m_create_missing(create_missing), m_clock(clock), m_zone(zone) {
  if (Trim(desk).empty()) throw std::invalid_argument("the desk name is empty");
  m_state.desk = std::string(Trim(desk));
  m_state.store_path = m_people.string();
  m_state.retry_seconds = static_cast<int>(kRetryEvery.count());
  m_last_activity = m_clock.Now();
  m_last_retry = std::chrono::steady_clock::now();
  TryOpen();
}

void DeskController::Log(const std::string& line) { std::fprintf(stderr, "kiosk: %s\n", line.c_str()); }

template <class Call>
bool DeskController::Guard(Call&& call) {
  if (!m_store) return false;
  try {
    call(*m_store);
    return true;
  } catch (const std::exception& error) {
    StoreFailed(error);
    return false;
  }
}

void DeskController::StoreFailed(const std::exception& error) {
  m_store.reset();
  m_revision = -1;
  m_data_version = -1;
  const std::string message = error.what();
  const auto* store_error = dynamic_cast<const StoreError*>(&error);
  std::error_code ec;
  const bool missing =
      (store_error && store_error->GetKind() == StoreError::Kind::Missing) || !std::filesystem::exists(m_people, ec);
  if (missing && !m_create_missing) {
    m_state.store = ui::DeskStore::Missing;
    m_state.store_problem = "no registrant store at " + m_people.string();
  } else {
    m_state.store = ui::DeskStore::Unreadable;
    m_state.store_problem = message;
    m_state.store_fault = ui::DeskStoreFault::Damaged;
    if (store_error) {
      const std::string_view suffix = "is not a registrant store";
      if (store_error->GetKind() == StoreError::Kind::NewerSchema) {
        m_state.store_fault = ui::DeskStoreFault::NewerSchema;
      } else if (store_error->GetKind() == StoreError::Kind::Io) {
        m_state.store_fault = ui::DeskStoreFault::Io;
      } else if (message.size() >= suffix.size() &&
                 message.compare(message.size() - suffix.size(), suffix.size(), suffix) == 0) {
        m_state.store_fault = ui::DeskStoreFault::NotRegistrant;
      }
    }
  }
  // Nothing of the last person stays on a screen that no longer shows the desk.
  m_state.hits.clear();
  m_state.query.clear();
  m_state.outcome = {};
  m_query_spent = false;
  if (m_state.store_problem != m_logged) {
    m_logged = m_state.store_problem;
    Log(m_state.store_problem + " (the desk shows it and tries again every " + std::to_string(kRetryEvery.count()) +
        " s)");
  }
}

bool DeskController::TryOpen() {
  const ui::DeskStore before = m_state.store;
  const std::string problem_before = m_state.store_problem;
  m_store.reset();
  m_file = IdentifyFile(m_people);
  try {
    if (!m_file.exists && !m_create_missing)
      throw StoreError(StoreError::Kind::Missing, "no registrant store at " + m_people.string());
    // Update never creates the file; ReadWrite (a desk with a hub) does.
    m_store = std::make_unique<RegistrantStore>(
        m_people, m_create_missing ? RegistrantStore::Mode::ReadWrite : RegistrantStore::Mode::Update);
    m_file = IdentifyFile(m_people);
    // A damaged file may open and fail on its first read: read it all now (PIN, revision, counters).
    const bool has_pin = m_store->HasPin();
    m_data_version = m_store->DataVersion();
    m_revision = m_store->RegistrantRevision();
    const CheckinCounts counts = m_store->Counts(m_zone);
    (void)counts;
    if (has_pin && m_state.lock == ui::DeskLock::NoPin) Lock();
    if (!has_pin) m_state.lock = ui::DeskLock::NoPin;
  } catch (const std::exception& error) {
    StoreFailed(error);
    return m_state.store != before || m_state.store_problem != problem_before;
  }
  m_state.store_problem.clear();
  m_state.store = m_revision > 0 ? ui::DeskStore::Ready : ui::DeskStore::Empty;
  if (!m_logged.empty() || m_state.store == ui::DeskStore::Empty) {
    const std::string line = m_state.store == ui::DeskStore::Empty
                                 ? "registrant store " + m_people.string() + " has no registrant yet"
                                 : "registrant store " + m_people.string() + " is readable again";
    if (line != m_logged) Log(line);
    m_logged = m_state.store == ui::DeskStore::Empty ? line : std::string();
  }
  if (!Locked()) Search();
  RefreshCounts();
  return true;
}

void DeskController::ReadRevision() {
  std::int64_t revision = -1;
  if (!Guard([&](RegistrantStore& store) { revision = store.RegistrantRevision(); })) return;
  m_revision = revision;
  const ui::DeskStore next = revision > 0 ? ui::DeskStore::Ready : ui::DeskStore::Empty;
  if (next == ui::DeskStore::Ready && m_state.store == ui::DeskStore::Empty &&
      m_logged.find("no registrant") != std::string::npos) {
    Log("registrant store " + m_people.string() + ": registrants imported");
    m_logged.clear();
  }
  m_state.store = next;
}

std::vector<Registrant> DeskController::Registrants() {
  std::vector<Registrant> registrants;
  Guard([&](RegistrantStore& store) {
    for (const RegistrantHit& hit : store.All()) registrants.push_back(hit.registrant);
  });
  return registrants;
}

EventTime DeskController::EventNow() const {
  // Milliseconds order two check-ins of one second; the injected clock has seconds only, so take the system's
  // milliseconds when it agrees with it (the real clock), else the injected second (tests, --now).
  const Instant now = m_clock.Now();
  const auto system = std::chrono::floor<std::chrono::milliseconds>(std::chrono::system_clock::now());
  if (std::chrono::floor<std::chrono::seconds>(system) == now) return EventTime{system.time_since_epoch()};
  return std::chrono::time_point_cast<std::chrono::milliseconds>(now);
}

void DeskController::Activity() { m_last_activity = m_clock.Now(); }

void DeskController::Search() {
  std::vector<ui::DeskHit> hits;
  if (ui::DecodeUtf8(m_state.query).size() >= 2) {
    if (!Guard([&](RegistrantStore& store) {
          for (const RegistrantHit& hit : store.Search(m_state.query, kResultLimit)) hits.push_back(ToHit(hit));
        }))
      hits.clear();
  }
  // Keep the selection on the same person when a refresh reorders nothing; else the first row.
  std::string selected_code;
  if (m_state.selected >= 0 && m_state.selected < static_cast<int>(m_state.hits.size()))
    selected_code = m_state.hits[m_state.selected].registrant.order_code;
  m_state.hits = std::move(hits);
  m_state.selected = 0;
  for (std::size_t i = 0; i < m_state.hits.size(); ++i)
    if (m_state.hits[i].registrant.order_code == selected_code) m_state.selected = static_cast<int>(i);
}

void DeskController::RefreshCounts() {
  CheckinCounts counts;
  if (!Guard([&](RegistrantStore& store) { counts = store.Counts(m_zone); })) return;
  {
    ui::DeskCounts out;
    out.checked_in = counts.checked_in;
    out.expected = counts.expected;
    for (const auto& [category, pair] : counts.by_category)
      out.by_category.push_back({category, Day{}, pair.first, pair.second});
    for (const auto& [day, pair] : counts.by_day) {
      ui::DeskCounts::Group group;
      group.day = day;
      group.checked_in = pair.first;
      group.expected = pair.second;
      out.by_day.push_back(group);
    }
    // The biggest categories first: those the desk watches.
    std::stable_sort(out.by_category.begin(), out.by_category.end(),
                     [](const auto& a, const auto& b) { return a.expected > b.expected; });
    m_state.counts = std::move(out);
  }
}

void DeskController::SetOutcome(ui::DeskOutcome outcome) {
  m_state.outcome = std::move(outcome);
  m_outcome_at = m_clock.Now();
  m_query_spent = true;
}

void DeskController::OnQueryChanged(std::string text) {
  Activity();
  if (Locked() || !Usable()) return;
  m_state.query = std::move(text);
  if (m_query_spent) {
    // Typing for the next person hides the last outcome.
    m_query_spent = false;
    m_state.outcome = {};
  }
  m_state.selected = 0;
  m_selection_chosen = false;
  Search();
  m_state.selected = 0;
}

void DeskController::OnChar(char32_t c) {
  Activity();
  if (c < 0x20 || c == 0x7F || !Usable()) return;
  if (Locked()) {
    // A scanner's order code typed at a locked desk is not a PIN: remember it, so its Enter costs no try.
    // A 13th digit is no PIN either (Eventbrite codes are all digits).
    if (c < '0' || c > '9' || m_pin.size() >= 12) m_pin_garbage = true;
    if (c >= '0' && c <= '9' && m_pin.size() < 12) m_pin += static_cast<char>(c);
    m_state.pin_digits = static_cast<int>(m_pin.size());
    return;
  }
  std::string text = m_query_spent ? std::string() : m_state.query;
  ui::AppendUtf8(text, c);
  OnQueryChanged(std::move(text));
}

void DeskController::OnText(std::u32string_view text) {
  if (text.size() <= 1 || Locked() || !Usable()) {
    for (char32_t c : text) OnChar(c);
    return;
  }
  Activity();
  std::string query = m_query_spent ? std::string() : m_state.query;
  bool typed = false;
  for (char32_t c : text) {
    if (c < 0x20 || c == 0x7F) continue;  // as OnChar: ignored
    ui::AppendUtf8(query, c);
    typed = true;
  }
  if (typed) OnQueryChanged(std::move(query));
}

void DeskController::OnBackspace() {
  Activity();
  if (!Usable()) return;
  if (Locked()) {
    if (!m_pin.empty()) m_pin.pop_back();
    if (m_pin.empty()) m_pin_garbage = false;  // rubbed out: the next digits are a fresh PIN
    m_state.pin_digits = static_cast<int>(m_pin.size());
    return;
  }
  std::string text = m_state.query;
  PopUtf8(text);
  OnQueryChanged(std::move(text));
}

void DeskController::OnEscape() {
  Activity();
  if (!Usable()) return;
  if (Locked()) {
    m_pin_garbage = false;
    m_pin.clear();
    m_state.pin_digits = 0;
    return;
  }
  m_state.outcome = {};
  m_query_spent = false;
  OnQueryChanged({});
}

void DeskController::OnMoveSelection(int delta) {
  Activity();
  if (Locked() || !Usable() || m_state.hits.empty()) return;
  m_state.selected = std::clamp(m_state.selected + delta, 0, static_cast<int>(m_state.hits.size()) - 1);
  m_selection_chosen = true;
}

void DeskController::CheckInCode(const std::string& code) {
  if (!m_store) return;
  try {
    const CheckinResult result = m_store->CheckIn(code, m_state.desk, EventNow());
    ui::DeskOutcome outcome;
    outcome.registrant = result.registrant;
    outcome.status = result.status;
    outcome.text = code;
    switch (result.outcome) {
      case CheckinResult::Outcome::CheckedIn:
        outcome.kind = ui::DeskOutcome::Kind::CheckedIn;
        if (result.event) m_last_in = result.event->uuid;
        break;
      case CheckinResult::Outcome::AlreadyCheckedIn:
        outcome.kind = ui::DeskOutcome::Kind::AlreadyCheckedIn;
        break;
      case CheckinResult::Outcome::UnknownCode:
        outcome.kind = ui::DeskOutcome::Kind::UnknownCode;
        break;
    }
    if (result.registrant) {
      if (std::optional<RegistrantHit> hit = m_store->Find(code)) outcome.withdrawn = hit->withdrawn;
    }
    SetOutcome(std::move(outcome));
    m_state.store_problem.clear();
  } catch (const std::exception& error) {
    ui::DeskOutcome outcome;
    outcome.kind = ui::DeskOutcome::Kind::Error;
    outcome.text = error.what();
    SetOutcome(std::move(outcome));
  }
  m_state.can_undo = !m_last_in.empty();
  // Also the probe after a failed write: a store that cannot be read either becomes the message screen.
  Search();
  RefreshCounts();
}

void DeskController::OnEnter() {
  Activity();
  if (!Usable()) return;
  if (Locked()) {
    // An all-digit order code (Eventbrite's attendee numbers have 11 digits) scanned at a locked desk is no PIN
    // either: a registrant's own code of 8 digits or more costs no try.
    if (!m_pin_garbage && m_pin.size() >= 8) {
      bool is_code = false;
      Guard([&](RegistrantStore& store) { is_code = store.Find(m_pin).has_value(); });
      m_pin_garbage = is_code;
    }
    if (m_pin_garbage) {
      // Letters came with these digits: a badge scanned at a locked desk, not a PIN. No try is counted.
      m_pin_garbage = false;
      m_pin.clear();
      m_state.pin_digits = 0;
      m_state.pin_message = {"Poste verrouillé : code PIN du personnel", "Desk locked: staff PIN"};
      return;
    }
    const Instant now = m_clock.Now();
    if (now < m_pin_blocked_until) {
      const auto wait = (m_pin_blocked_until - now).count();
      m_state.pin_message = {"Trop d’essais : patientez " + std::to_string(wait) + " s",
                             "Too many tries: wait " + std::to_string(wait) + " s"};
      m_pin.clear();
      m_state.pin_digits = 0;
      return;
    }
    bool ok = false;
    if (!m_pin.empty() && !Guard([&](RegistrantStore& store) { ok = store.CheckPin(m_pin); })) {
      m_pin.clear();
      m_state.pin_digits = 0;
      return;  // the store failed: its message shows, no try counted
    }
    m_pin.clear();
    m_state.pin_digits = 0;
    if (ok) {
      m_pin_failures = 0;
      m_state.pin_message = {};
      m_state.lock = ui::DeskLock::Unlocked;
      Search();
      RefreshCounts();
      return;
    }
    ++m_pin_failures;
    m_state.pin_message = {"Code incorrect", "Wrong PIN"};
    if (m_pin_failures >= kPinTries) {
      m_pin_blocked_until = now + kPinBackoff;
      m_state.pin_message = {"Code incorrect : patientez " + std::to_string(kPinBackoff.count()) + " s",
                             "Wrong PIN: wait " + std::to_string(kPinBackoff.count()) + " s"};
    }
    return;
  }
  // Enter again on the outcome shown: nothing new to do (but a "pick one" list still takes Enter on its selection).
  if (m_query_spent && m_state.outcome.kind != ui::DeskOutcome::Kind::PickOne) return;
  const std::string trimmed(Trim(m_state.query));
  if (trimmed.empty()) return;
  const std::string code = CanonicalOrderCode(trimmed);
  std::optional<RegistrantHit> exact;
  if (!Guard([&](RegistrantStore& store) { exact = store.Find(code); })) return;
  if (exact) {
    CheckInCode(exact->registrant.order_code);
  } else if (!m_state.hits.empty() && LooksLikeCode(trimmed) && m_state.hits.size() > 1 && !m_selection_chosen) {
    // A scanned order code of several tickets (a pretix order of three people): never guess who is at the desk.
    m_state.outcome = {};
    m_state.outcome.kind = ui::DeskOutcome::Kind::PickOne;
    m_state.outcome.text = trimmed;
    m_outcome_at = m_clock.Now();
    m_query_spent = true;  // the next scan or key starts afresh; ↑ ↓, Enter and clicks still pick from the list
  } else if (!m_state.hits.empty()) {
    const int index = std::clamp(m_state.selected, 0, static_cast<int>(m_state.hits.size()) - 1);
    CheckInCode(m_state.hits[index].registrant.order_code);
  } else {
    ui::DeskOutcome outcome;
    outcome.kind = LooksLikeCode(trimmed) || ui::DecodeUtf8(trimmed).size() < 2 ? ui::DeskOutcome::Kind::UnknownCode
                                                                                : ui::DeskOutcome::Kind::NoMatch;
    outcome.text = trimmed;
    SetOutcome(std::move(outcome));
  }
}

void DeskController::OnClick(int index) {
  Activity();
  if (Locked() || !Usable() || index < 0 || index >= static_cast<int>(m_state.hits.size())) return;
  m_state.selected = index;
  CheckInCode(m_state.hits[index].registrant.order_code);
}

void DeskController::Undo() {
  Activity();
  if (Locked() || !Usable()) return;
  ui::DeskOutcome outcome;
  if (m_last_in.empty()) {
    outcome.kind = ui::DeskOutcome::Kind::NothingToUndo;
    SetOutcome(std::move(outcome));
    return;
  }
  try {
    // The registrant, for the panel: the one whose active check-ins hold the uuid.
    std::optional<Registrant> registrant;
    for (const StoredCheckinEvent& stored : m_store->EventsAfter(0, 1 << 30, true)) {
      if (stored.event.uuid != m_last_in) continue;
      if (std::optional<RegistrantHit> hit = m_store->Find(stored.event.order_code)) registrant = hit->registrant;
      break;
    }
    if (m_store->Undo(m_last_in, m_state.desk, EventNow())) {
      outcome.kind = ui::DeskOutcome::Kind::Undone;
      outcome.registrant = registrant;
    } else {
      outcome.kind = ui::DeskOutcome::Kind::NothingToUndo;
    }
  } catch (const std::exception& error) {
    outcome.kind = ui::DeskOutcome::Kind::Error;
    outcome.text = error.what();
  }
  m_last_in.clear();
  m_state.can_undo = false;
  SetOutcome(std::move(outcome));
  Search();
  RefreshCounts();
}

void DeskController::Lock() {
  m_state.lock = ui::DeskLock::Locked;
  m_pin.clear();
  m_state.pin_digits = 0;
  m_state.pin_message = {};
  // Nobody's name stays on a locked desk.
  m_state.query.clear();
  m_state.hits.clear();
  m_state.outcome = {};
  m_query_spent = false;
}

bool DeskController::PollStore() {
  if (!m_store) return TryOpen();
  // A file removed, replaced (a new inode) or emptied under the open connection: open it again as it is now.
  const FileIdentity file = IdentifyFile(m_people);
  const FileChange change = CompareFile(m_file, file);
  if (change == FileChange::Replaced) return TryOpen();
  // Rewritten in place (same inode, new size or time) without a commit SQLite knows of: read it again, which
  // finds the damage if there is any.
  const bool rewritten = change == FileChange::Rewritten;
  m_file = file;
  std::int64_t version = 0;
  if (!Guard([&](RegistrantStore& store) { version = store.DataVersion(); })) return true;
  if (version == m_data_version && !rewritten) return false;
  m_data_version = version;
  // A PIN set (or cleared) with kioskctl while the desk runs takes effect now.
  bool has_pin = false;
  if (!Guard([&](RegistrantStore& store) { has_pin = store.HasPin(); })) return true;
  if (!has_pin && m_state.lock != ui::DeskLock::NoPin) m_state.lock = ui::DeskLock::NoPin;
  if (has_pin && m_state.lock == ui::DeskLock::NoPin) Lock();
  ReadRevision();
  if (!Locked()) Search();
  RefreshCounts();
  return true;
}

bool DeskController::Tick(std::chrono::milliseconds poll_every, std::chrono::milliseconds retry_every) {
  bool changed = false;
  const Instant now = m_clock.Now();
  // A "pick one" waits for staff to choose; every other outcome clears after it has been read.
  if (m_state.outcome.kind != ui::DeskOutcome::Kind::None && m_state.outcome.kind != ui::DeskOutcome::Kind::PickOne &&
      now - m_outcome_at >= kOutcomeSeconds) {
    // The panel has been read: the field clears for the next person.
    m_state.outcome = {};
    m_query_spent = false;
    m_state.query.clear();
    m_state.hits.clear();
    m_state.selected = 0;
    changed = true;
  }
  if (m_state.lock == ui::DeskLock::Unlocked && now - m_last_activity >= kIdleLock) {
    Lock();
    changed = true;
  }
  const auto steady = std::chrono::steady_clock::now();
  if (!m_store) {
    // Missing or unreadable: look again every few seconds, not every frame.
    if (steady - m_last_retry >= retry_every) {
      m_last_retry = steady;
      if (TryOpen()) changed = true;
    }
  } else if (steady - m_last_poll >= poll_every) {
    m_last_poll = steady;
    if (PollStore()) changed = true;
  }
  return changed;
}

void DeskController::SetHub(std::optional<DeskSyncState> hub) {
  ui::DeskHubStatus status;
  if (hub) {
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
  m_state.hub = std::move(status);
}

ui::CheckinViewModel DeskController::View() const { return ui::BuildCheckinViewModel(m_state, m_zone, m_clock.Now()); }

}  // namespace kiosk::checkin
