// The check-in desk's controller: search, check-in, undo, the staff PIN, the counters (DeskController.h).
#include "kiosk/checkin/DeskController.h"

#include <algorithm>
#include <cstdio>
#include <stdexcept>
#include <vector>

#include "kiosk/core/Text.h"
#include "kiosk/ui/Typography.h"  // DecodeUtf8, AppendUtf8

namespace kiosk::checkin {

namespace {

ui::DeskHit ToHit(const RegistrantHit& hit) { return {hit.registrant, hit.status, hit.withdrawn}; }

}  // namespace

// ---------------------------------------------------------------------------------------------------------------
// DeskController

DeskController::DeskController(const std::filesystem::path& people, std::string desk, const Clock& clock,
                               const VenueZone& zone, bool create_missing)
    : m_people(people), m_create_missing(create_missing), m_clock(clock), m_zone(zone) {
  if (Trim(desk).empty()) throw std::invalid_argument("the desk name is empty");
  m_model.view.desk = std::string(Trim(desk));
  m_model.view.store_path = m_people.string();
  m_model.view.retry_seconds = static_cast<int>(kRetryEvery.count());
  m_model.last_activity = m_clock.Now();
  m_last_retry = std::chrono::steady_clock::now();
  TryOpen();
}

void DeskController::Log(const std::string& line) { std::fprintf(stderr, "kiosk: %s\n", line.c_str()); }

void DeskController::Dispatch(DeskEvent::What what) {
  DeskStep step = Apply(std::move(m_model), DeskEvent{std::move(what), m_clock.Now()});
  m_model = std::move(step.model);
  for (DeskEffect& effect : step.effects) {
    if (m_defer_refresh) {
      // The worker's mode: the refreshes wait until no staff input is queued (RunDeferred); a later one replaces an
      // earlier one (the field's text is read when it runs).
      if (std::holds_alternative<desk_effect::Search>(effect) && std::get<desk_effect::Search>(effect).keep_selection) {
        m_search_stale = true;
        continue;
      }
      if (std::holds_alternative<desk_effect::Count>(effect)) {
        m_counts_stale = true;
        continue;
      }
    }
    if (std::optional<DeskEvent::What> answer = Run(effect)) Dispatch(std::move(*answer));
  }
}

void DeskController::SetDeferRefresh(bool defer) {
  m_defer_refresh = defer;
  if (!defer)
    while (RunDeferred()) {
    }
}

bool DeskController::RunDeferred() {
  if (m_search_stale) {
    m_search_stale = false;
    if (!m_model.Locked() && ui::DecodeUtf8(m_model.view.query).size() >= 2) {
      if (std::optional<DeskEvent::What> answer = Run(desk_effect::Search{m_model.view.query, true}))
        Dispatch(std::move(*answer));
      return true;
    }
  }
  if (m_counts_stale) {
    m_counts_stale = false;
    if (std::optional<DeskEvent::What> answer = Run(desk_effect::Count{})) Dispatch(std::move(*answer));
    return true;
  }
  return false;
}

bool DeskController::TakeCountRequest() {
  const bool pending = m_counts_stale;
  m_counts_stale = false;
  return pending;
}

void DeskController::CountsArrived(const CheckinCounts& counts) { Dispatch(desk_event::CountsRead{ToCounts(counts)}); }

template <class Call>
std::optional<DeskEvent::What> DeskController::Guard(Call&& call) {
  if (!m_store) return std::nullopt;
  try {
    return call(*m_store);
  } catch (const std::exception& error) {
    return StoreFailed(error);
  }
}

std::optional<DeskEvent::What> DeskController::Run(const DeskEffect& effect) {
  using namespace desk_effect;
  namespace ev = desk_event;
  if (const auto* search = std::get_if<desk_effect::Search>(&effect)) {
    return Guard([&](RegistrantStore& store) -> DeskEvent::What {
      ev::SearchDone done{search->query, {}, search->keep_selection};
      for (const RegistrantHit& hit : store.Search(search->query, kResultLimit)) done.hits.push_back(ToHit(hit));
      return done;
    });
  }
  if (std::holds_alternative<Count>(effect)) {
    return Guard(
        [&](RegistrantStore& store) -> DeskEvent::What { return ev::CountsRead{ToCounts(store.Counts(m_zone))}; });
  }
  if (const auto* find = std::get_if<FindCode>(&effect)) {
    return Guard([&](RegistrantStore& store) -> DeskEvent::What {
      ev::CodeFound found{find->trimmed, std::nullopt};
      if (std::optional<RegistrantHit> exact = store.Find(find->code)) found.order_code = exact->registrant.order_code;
      return found;
    });
  }
  if (const auto* find = std::get_if<FindPinCode>(&effect)) {
    return Guard([&](RegistrantStore& store) -> DeskEvent::What {
      return ev::PinCodeFound{find->pin, store.Find(find->pin).has_value()};
    });
  }
  if (const auto* check = std::get_if<CheckPin>(&effect)) {
    return Guard([&](RegistrantStore& store) -> DeskEvent::What { return ev::PinChecked{store.CheckPin(check->pin)}; });
  }
  if (const auto* check_in = std::get_if<desk_effect::CheckIn>(&effect)) {
    if (!m_store) return std::nullopt;
    ev::CheckedIn done;
    const std::string& code = check_in->order_code;
    try {
      const CheckinResult result = m_store->CheckIn(code, m_model.view.desk, EventNow());
      done.outcome.registrant = result.registrant;
      done.outcome.status = result.status;
      done.outcome.text = code;
      switch (result.outcome) {
        case CheckinResult::Outcome::CheckedIn:
          done.outcome.kind = ui::DeskOutcome::Kind::CheckedIn;
          if (result.event) done.event_uuid = result.event->uuid;
          break;
        case CheckinResult::Outcome::AlreadyCheckedIn:
          done.outcome.kind = ui::DeskOutcome::Kind::AlreadyCheckedIn;
          break;
        case CheckinResult::Outcome::UnknownCode:
          done.outcome.kind = ui::DeskOutcome::Kind::UnknownCode;
          break;
      }
      if (result.registrant) {
        if (std::optional<RegistrantHit> hit = m_store->Find(code)) done.outcome.withdrawn = hit->withdrawn;
      }
    } catch (const std::exception& error) {
      done = {};
      done.outcome.kind = ui::DeskOutcome::Kind::Error;
      done.outcome.text = error.what();
    }
    return done;
  }
  if (const auto* undo = std::get_if<desk_effect::Undo>(&effect)) {
    if (!m_store) return std::nullopt;
    ev::Undone done;
    try {
      // The registrant, for the panel: the one whose active check-ins hold the uuid.
      std::optional<Registrant> registrant;
      for (const StoredCheckinEvent& stored : m_store->EventsAfter(0, 1 << 30, true)) {
        if (stored.event.uuid != undo->event_uuid) continue;
        if (std::optional<RegistrantHit> hit = m_store->Find(stored.event.order_code)) registrant = hit->registrant;
        break;
      }
      if (m_store->Undo(undo->event_uuid, m_model.view.desk, EventNow())) {
        done.outcome.kind = ui::DeskOutcome::Kind::Undone;
        done.outcome.registrant = registrant;
      } else {
        done.outcome.kind = ui::DeskOutcome::Kind::NothingToUndo;
      }
    } catch (const std::exception& error) {
      done.outcome.kind = ui::DeskOutcome::Kind::Error;
      done.outcome.text = error.what();
    }
    return done;
  }
  return std::nullopt;
}

ui::DeskCounts DeskController::ToCounts(const CheckinCounts& counts) {
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
  return out;
}

DeskEvent::What DeskController::StoreFailed(const std::exception& error) {
  m_store.reset();
  m_revision = -1;
  m_data_version = -1;
  m_search_stale = m_counts_stale = false;
  desk_event::StoreLost lost;
  const std::string message = error.what();
  const auto* store_error = dynamic_cast<const StoreError*>(&error);
  std::error_code ec;
  const bool missing =
      (store_error && store_error->GetKind() == StoreError::Kind::Missing) || !std::filesystem::exists(m_people, ec);
  if (missing && !m_create_missing) {
    lost.store = ui::DeskStore::Missing;
    lost.problem = "no registrant store at " + m_people.string();
  } else {
    lost.store = ui::DeskStore::Unreadable;
    lost.problem = message;
    lost.fault = ui::DeskStoreFault::Damaged;
    if (store_error) {
      const std::string_view suffix = "is not a registrant store";
      if (store_error->GetKind() == StoreError::Kind::NewerSchema) {
        lost.fault = ui::DeskStoreFault::NewerSchema;
      } else if (store_error->GetKind() == StoreError::Kind::Io) {
        lost.fault = ui::DeskStoreFault::Io;
      } else if (message.size() >= suffix.size() &&
                 message.compare(message.size() - suffix.size(), suffix.size(), suffix) == 0) {
        lost.fault = ui::DeskStoreFault::NotRegistrant;
      }
    }
  }
  if (lost.problem != m_logged) {
    m_logged = lost.problem;
    Log(lost.problem + " (the desk shows it and tries again every " + std::to_string(kRetryEvery.count()) + " s)");
  }
  return lost;
}

bool DeskController::TryOpen() {
  const ui::DeskStore before = m_model.view.store;
  const std::string problem_before = m_model.view.store_problem;
  m_store.reset();
  m_file = IdentifyFile(m_people);
  desk_event::StoreOpened opened;
  try {
    if (!m_file.exists && !m_create_missing)
      throw StoreError(StoreError::Kind::Missing, "no registrant store at " + m_people.string());
    // Update never creates the file; ReadWrite (a desk with a hub) does.
    m_store = std::make_unique<RegistrantStore>(
        m_people, m_create_missing ? RegistrantStore::Mode::ReadWrite : RegistrantStore::Mode::Update);
    m_file = IdentifyFile(m_people);
    // A damaged file may open and fail on its first read: read it all now (PIN, revision, counters).
    opened.has_pin = m_store->HasPin();
    m_data_version = m_store->DataVersion();
    m_revision = m_store->RegistrantRevision();
    opened.revision = m_revision;
    (void)m_store->Counts(m_zone);
  } catch (const std::exception& error) {
    Dispatch(StoreFailed(error));
    return m_model.view.store != before || m_model.view.store_problem != problem_before;
  }
  const bool empty = m_revision <= 0;
  if (!m_logged.empty() || empty) {
    const std::string line = empty ? "registrant store " + m_people.string() + " has no registrant yet"
                                   : "registrant store " + m_people.string() + " is readable again";
    if (line != m_logged) Log(line);
    m_logged = empty ? line : std::string();
  }
  Dispatch(opened);
  return true;
}

std::vector<Registrant> DeskController::Registrants() {
  std::vector<Registrant> registrants;
  if (!m_store) return registrants;
  try {
    for (const RegistrantHit& hit : m_store->All()) registrants.push_back(hit.registrant);
  } catch (const std::exception& error) {
    registrants.clear();
    Dispatch(StoreFailed(error));
  }
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

void DeskController::OnQueryChanged(std::string text) { Dispatch(desk_event::QueryReplaced{std::move(text)}); }
void DeskController::OnChar(char32_t c) { Dispatch(desk_event::Typed{std::u32string(1, c)}); }
void DeskController::OnText(std::u32string_view text) { Dispatch(desk_event::Typed{std::u32string(text)}); }
void DeskController::OnBackspace() { Dispatch(desk_event::Backspace{}); }
void DeskController::OnEscape() { Dispatch(desk_event::Escape{}); }
void DeskController::OnEnter() { Dispatch(desk_event::Enter{}); }
void DeskController::OnClick(int index) { Dispatch(desk_event::Click{index}); }
void DeskController::OnMoveSelection(int delta) { Dispatch(desk_event::Move{delta}); }
void DeskController::Undo() { Dispatch(desk_event::UndoPressed{}); }
void DeskController::SetHub(std::optional<DeskSyncState> hub) { Dispatch(desk_event::HubChanged{std::move(hub)}); }

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
  desk_event::StoreChanged changed;
  std::int64_t version = 0;
  try {
    version = m_store->DataVersion();
    // Nothing committed since the last look: nothing to search or count again.
    if (version == m_data_version && !rewritten) return false;
    m_data_version = version;
    changed.has_pin = m_store->HasPin();
    changed.revision = m_store->RegistrantRevision();
  } catch (const std::exception& error) {
    Dispatch(StoreFailed(error));
    return true;
  }
  if (changed.revision > 0 && m_revision <= 0 && m_logged.find("no registrant") != std::string::npos) {
    Log("registrant store " + m_people.string() + ": registrants imported");
    m_logged.clear();
  }
  m_revision = changed.revision;
  Dispatch(changed);
  return true;
}

bool DeskController::Tick(std::chrono::milliseconds poll_every, std::chrono::milliseconds retry_every) {
  const ui::DeskOutcome::Kind outcome_before = m_model.view.outcome.kind;
  const ui::DeskLock lock_before = m_model.view.lock;
  Dispatch(desk_event::Tick{});
  bool changed = m_model.view.outcome.kind != outcome_before || m_model.view.lock != lock_before;
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

ui::CheckinViewModel DeskController::View() const {
  return ui::BuildCheckinViewModel(m_model.view, m_zone, m_clock.Now());
}

}  // namespace kiosk::checkin
