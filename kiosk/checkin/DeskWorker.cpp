// The desk's worker thread: the controller and its store connection off the frame thread (DeskWorker.h).
#include "kiosk/checkin/DeskWorker.h"

#include <exception>
#include <vector>

namespace kiosk::checkin {

void ApplyInput(DeskController& desk, const DeskInput& input) {
  switch (input.kind) {
    case DeskInput::Kind::Char:
      desk.OnChar(input.c);
      break;
    case DeskInput::Kind::Enter:
      desk.OnEnter();
      break;
    case DeskInput::Kind::Backspace:
      desk.OnBackspace();
      break;
    case DeskInput::Kind::Escape:
      desk.OnEscape();
      break;
    case DeskInput::Kind::Up:
      desk.OnMoveSelection(-1);
      break;
    case DeskInput::Kind::Down:
      desk.OnMoveSelection(+1);
      break;
    case DeskInput::Kind::Undo:
      desk.Undo();
      break;
    case DeskInput::Kind::Click:
      desk.OnClick(input.row);
      break;
    case DeskInput::Kind::Hub:
      desk.SetHub(input.hub);
      break;
    case DeskInput::Kind::PollStore:
      desk.PollStore();
      break;
  }
}

DeskWorker::DeskWorker(std::filesystem::path people, std::string desk, const Clock& clock, VenueZone zone,
                       bool create_missing, std::function<void()> wake, std::chrono::milliseconds tick)
    : m_clock(clock), m_zone(std::move(zone)), m_wake(std::move(wake)), m_tick(tick) {
  m_counter = std::thread([this, people] { Count(people); });
  m_thread = std::thread([this, people = std::move(people), desk = std::move(desk), create_missing]() mutable {
    Loop(std::move(people), std::move(desk), create_missing);
  });
  std::unique_lock lock(m_mutex);
  m_cv.wait(lock, [this] { return m_started; });
  if (m_start_error) {
    lock.unlock();
    m_thread.join();
    {
      std::lock_guard stop(m_mutex);
      m_stop = true;
    }
    m_count_cv.notify_all();
    m_counter.join();
    std::rethrow_exception(m_start_error);
  }
}

DeskWorker::~DeskWorker() {
  {
    std::lock_guard lock(m_mutex);
    m_stop = true;
  }
  m_cv.notify_all();
  m_count_cv.notify_all();
  if (m_thread.joinable()) m_thread.join();
  if (m_counter.joinable()) m_counter.join();
}

void DeskWorker::Count(std::filesystem::path people) {
  std::unique_lock lock(m_mutex);
  while (true) {
    m_count_cv.wait(lock, [this] { return m_stop || m_count_wanted || m_glyph_wanted; });
    if (m_stop) return;
    if (m_glyph_wanted) {
      m_glyph_wanted = false;
      m_count_running = true;  // m_glyph_text is set below, before the worker can see both unset
      lock.unlock();
      std::vector<Registrant> registrants;
      try {
        RegistrantStore store(people, RegistrantStore::Mode::ReadOnly);
        for (const RegistrantHit& hit : store.All()) registrants.push_back(hit.registrant);
      } catch (const std::exception&) {
        registrants.clear();  // as DeskController::Registrants: the desk's own labels only
      }
      std::string text = ui::CheckinGlyphText(registrants);
      lock.lock();
      m_count_running = false;
      m_glyph_text = std::move(text);
      m_cv.notify_all();
      continue;
    }
    m_count_wanted = false;
    m_count_running = true;
    lock.unlock();
    std::optional<CheckinCounts> counts;
    try {
      // A connection of its own, opened for each count: a file replaced meanwhile is read as it is now. A failure
      // keeps the counters shown (the desk's own connection reports the store's problems).
      RegistrantStore store(people, RegistrantStore::Mode::ReadOnly);
      counts = store.Counts(m_zone);
    } catch (const std::exception&) {
    }
    lock.lock();
    m_count_running = false;
    m_count_done = true;
    m_count_result = std::move(counts);
    m_cv.notify_all();
  }
}

std::uint64_t DeskWorker::Post(DeskInput input) {
  std::uint64_t number = 0;
  {
    std::lock_guard lock(m_mutex);
    number = ++m_posted;
    m_inputs.emplace_back(number, std::move(input));
  }
  m_cv.notify_all();
  return number;
}

std::uint64_t DeskWorker::Post(std::vector<DeskInput> inputs) {
  std::uint64_t number = 0;
  {
    std::lock_guard lock(m_mutex);
    for (DeskInput& input : inputs) m_inputs.emplace_back(++m_posted, std::move(input));
    number = m_posted;
  }
  m_cv.notify_all();
  return number;
}

std::optional<DeskSnapshot> DeskWorker::TakeSnapshot() {
  std::lock_guard lock(m_mutex);
  std::optional<DeskSnapshot> snapshot = std::move(m_snapshot);
  m_snapshot.reset();
  return snapshot;
}

DeskSnapshot DeskWorker::WaitForSnapshot(std::uint64_t inputs) {
  std::unique_lock lock(m_mutex);
  m_published.wait(lock, [&] { return m_snapshot && m_snapshot->applied >= inputs && m_snapshot->settled; });
  DeskSnapshot snapshot = std::move(*m_snapshot);
  m_snapshot.reset();
  return snapshot;
}

void DeskWorker::Publish(DeskController& desk, bool glyphs, std::optional<std::string> glyph_text) {
  DeskSnapshot snapshot;
  snapshot.state = desk.State();
  snapshot.locked = desk.Locked();
  snapshot.usable = desk.Usable();
  snapshot.registrant_revision = desk.RegistrantRevision();
  snapshot.glyph_text = std::move(glyph_text);
  if (glyphs) {
    m_glyph_revision = snapshot.registrant_revision;
    snapshot.glyph_text = ui::CheckinGlyphText(desk.Registrants());  // the store, here on the worker (start-up)
  } else if (snapshot.registrant_revision != m_glyph_revision) {
    // Every name of a new registrant list (100 000 of them: most of a second's read) is read on the counter thread,
    // so staff inputs never wait behind it; its text comes with a later snapshot.
    m_glyph_revision = snapshot.registrant_revision;
    {
      std::lock_guard lock(m_mutex);
      m_glyph_wanted = true;
    }
    m_count_cv.notify_all();
  }
  snapshot.applied = m_applied;
  {
    std::lock_guard lock(m_mutex);
    snapshot.settled = !desk.RefreshPending() && !m_count_wanted && !m_count_running && !m_count_done &&
                       !m_glyph_wanted && !m_glyph_text;
    // A snapshot not yet taken keeps its glyph text: the frame thread must not miss a new registrant list.
    if (m_snapshot && m_snapshot->glyph_text && !snapshot.glyph_text) snapshot.glyph_text = m_snapshot->glyph_text;
    m_snapshot = std::move(snapshot);
  }
  m_published.notify_all();
  if (m_wake) m_wake();
}

void DeskWorker::Loop(std::filesystem::path people, std::string desk_name, bool create_missing) {
  std::unique_ptr<DeskController> desk;
  try {
    desk = std::make_unique<DeskController>(people, std::move(desk_name), m_clock, m_zone, create_missing);
  } catch (...) {
    std::lock_guard lock(m_mutex);
    m_start_error = std::current_exception();
    m_started = true;
    m_cv.notify_all();
    return;
  }
  {
    std::lock_guard lock(m_mutex);
    m_started = true;
  }
  m_cv.notify_all();
  Publish(*desk, true);
  // The refreshes after a check-in or a poll wait for a turn without staff inputs (see below).
  desk->SetDeferRefresh(true);
  std::unique_lock lock(m_mutex);
  for (;;) {
    m_cv.wait_for(lock, m_tick, [&] { return m_stop || !m_inputs.empty() || m_count_done || desk->RefreshPending(); });
    // Keys queued when the desk closes (a badge scanned as the window shuts) are applied, as the window applied
    // them itself before: a check-in the staff made is not lost. Nothing is published then (the window is gone).
    const bool stopping = m_stop;
    if (stopping && m_inputs.empty()) break;
    std::deque<std::pair<std::uint64_t, DeskInput>> inputs;
    inputs.swap(m_inputs);
    std::optional<CheckinCounts> counts;
    const bool counted = m_count_done;
    if (counted) {
      counts = std::move(m_count_result);
      m_count_result.reset();
      m_count_done = false;
    }
    std::optional<std::string> glyph_text = std::move(m_glyph_text);
    m_glyph_text.reset();
    lock.unlock();
    bool changed = !inputs.empty();
    if (counts) desk->CountsArrived(*counts);
    // A run of characters (a scanner's code, keys typed while the worker was busy) searches once, for the whole run.
    std::u32string run;
    auto flush = [&] {
      if (run.empty()) return;
      desk->OnText(run);
      run.clear();
    };
    for (auto& [number, input] : inputs) {
      if (input.kind == DeskInput::Kind::Char) {
        run += input.c;
      } else {
        flush();
        ApplyInput(*desk, input);
      }
      m_applied = number;
    }
    flush();
    if (stopping) break;
    if (desk->TakeCountRequest()) {
      {
        std::lock_guard count_lock(m_mutex);
        m_count_wanted = true;
      }
      m_count_cv.notify_all();
    }
    // The staff's inputs first: one refresh step (the search; the counters are read on the counter thread), the
    // store's poll (another desk's events, an import), the outcome's end and the idle lock wait for a turn
    // without inputs.
    if (changed || counted || glyph_text) {
      Publish(*desk, false, std::move(glyph_text));
    } else if (desk->RefreshPending()) {
      desk->RunDeferred();
      Publish(*desk, false);
    } else if (desk->Tick()) {
      Publish(*desk, false);
    }
    lock.lock();
  }
}

}  // namespace kiosk::checkin
