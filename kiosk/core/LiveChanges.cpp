// Live changes: applying them to the imported programme, merging them with a re-import, finding what SESSION names.
#include "kiosk/core/LiveChanges.h"

#include <algorithm>
#include <array>
#include <map>

#include "kiosk/core/Text.h"

namespace kiosk {
namespace {

constexpr std::array<std::pair<ChangeKind, std::string_view>, 5> kChangeNames = {{{ChangeKind::Delay, "delay"},
                                                                                  {ChangeKind::Cancel, "cancel"},
                                                                                  {ChangeKind::Move, "move"},
                                                                                  {ChangeKind::Full, "full"},
                                                                                  {ChangeKind::Open, "open"}}};
constexpr std::array<std::pair<AnnouncementPriority, std::string_view>, 3> kPriorityNames = {
    {{AnnouncementPriority::Info, "info"},
     {AnnouncementPriority::Urgent, "urgent"},
     {AnnouncementPriority::Emergency, "emergency"}}};

/// The index of the session uid + start in `programme`, or -1.
long FindOccurrence(const Programme& programme, const std::string& uid, Instant start) {
  for (std::size_t i = 0; i < programme.sessions.size(); ++i) {
    if (programme.sessions[i].uid == uid && programme.sessions[i].start == start) return static_cast<long>(i);
  }
  return -1;
}

std::vector<const Session*> Occurrences(const Programme& programme, const std::string& uid) {
  std::vector<const Session*> found;
  for (const Session& session : programme.sessions)
    if (session.uid == uid) found.push_back(&session);
  return found;
}

std::string RoomName(const Programme& programme, const std::string& key) {
  const Room* room = programme.FindRoom(key);
  return room ? room->name : key;
}

/// "delay +15 min", "move to Salon Monge", "cancellation", "room full", "room open again".
std::string Describe(const LiveChange& change, const Programme& programme) {
  switch (change.kind) {
    case ChangeKind::Delay:
      return change.minutes == 0
                 ? std::string("delay cleared")
                 : "delay " + std::string(change.minutes > 0 ? "+" : "") + std::to_string(change.minutes) + " min";
    case ChangeKind::Move:
      return "move to " + RoomName(programme, change.room_key);
    case ChangeKind::Cancel:
      return "cancellation";
    case ChangeKind::Full:
      return "room full";
    case ChangeKind::Open:
      return "room open again";
  }
  return "change";
}

std::string CandidateLine(const Programme& programme, const Session& session, const VenueZone& zone) {
  const std::string local = zone.FormatIso(session.start);  // 2026-07-08T10:20:00+02:00
  return session.uid + "  " + local.substr(0, 10) + " " + local.substr(11, 5) + "  " +
         RoomName(programme, session.room_key) + "  " + session.title;
}

[[noreturn]] void ThrowCandidates(const std::string& head, const Programme& programme,
                                  const std::vector<const Session*>& candidates, const VenueZone& zone) {
  std::string message = head;
  const std::size_t shown = std::min<std::size_t>(candidates.size(), 10);
  for (std::size_t i = 0; i < shown; ++i) message += "\n  " + CandidateLine(programme, *candidates[i], zone);
  if (candidates.size() > shown) message += "\n  … and " + std::to_string(candidates.size() - shown) + " more";
  throw LookupError(message);
}

/// Whether NormalizeKey form `key` starts with `prefix`.
bool StartsWith(const std::string& key, const std::string& prefix) {
  return !prefix.empty() && key.compare(0, prefix.size(), prefix) == 0;
}

}  // namespace

std::string_view ChangeKindName(ChangeKind kind) {
  for (const auto& [value, name] : kChangeNames)
    if (value == kind) return name;
  return "change";
}

std::optional<ChangeKind> ParseChangeKind(std::string_view name) {
  for (const auto& [value, text] : kChangeNames)
    if (text == name) return value;
  return std::nullopt;
}

std::string_view PriorityName(AnnouncementPriority priority) {
  for (const auto& [value, name] : kPriorityNames)
    if (value == priority) return name;
  return "info";
}

std::optional<AnnouncementPriority> ParsePriority(std::string_view name) {
  for (const auto& [value, text] : kPriorityNames)
    if (text == name) return value;
  return std::nullopt;
}

std::vector<const Announcement*> ActiveAnnouncements(const std::vector<Announcement>& announcements, Instant now,
                                                     const std::string* room_key) {
  std::vector<const Announcement*> active;
  for (const Announcement& announcement : announcements) {
    if (announcement.until && *announcement.until <= now) continue;
    const bool everywhere = announcement.room_keys.empty() || announcement.priority == AnnouncementPriority::Emergency;
    const bool for_this_room = room_key && std::find(announcement.room_keys.begin(), announcement.room_keys.end(),
                                                     *room_key) != announcement.room_keys.end();
    if (everywhere || for_this_room) active.push_back(&announcement);
  }
  std::stable_sort(active.begin(), active.end(), [](const Announcement* a, const Announcement* b) {
    if (a->priority != b->priority) return a->priority > b->priority;
    if (a->made_at != b->made_at) return a->made_at > b->made_at;
    return a->id > b->id;
  });
  return active;
}

Programme ApplyLiveChanges(const Programme& imported, const std::vector<LiveChange>& changes) {
  Programme programme = imported;
  // Changes name sessions as imported; find them by index in the copy before any start moves.
  for (const LiveChange& change : changes) {
    const long index = FindOccurrence(imported, change.session_uid, change.session_start);
    if (index < 0) continue;
    Session& session = programme.sessions[static_cast<std::size_t>(index)];
    switch (change.kind) {
      case ChangeKind::Delay: {
        // MINUTES is the whole delay against the imported time: the latest delay replaces the one before.
        const Session& original = imported.sessions[static_cast<std::size_t>(index)];
        const Instant start = original.start + std::chrono::minutes{change.minutes};
        // Never onto another occurrence of the same session: (uid, start) names one occurrence.
        const bool collides = std::any_of(programme.sessions.begin(), programme.sessions.end(), [&](const Session& s) {
          return &s != &session && s.uid == session.uid && s.start == start;
        });
        if (collides) continue;
        session.start = start;
        session.end = original.end + std::chrono::minutes{change.minutes};
        session.marks.delay_minutes = change.minutes;
        break;
      }
      case ChangeKind::Move:
        if (!imported.FindRoom(change.room_key)) continue;
        if (session.marks.moved_from.empty()) session.marks.moved_from = session.room_key;
        session.room_key = change.room_key;
        // Moved back where it was imported: no longer a move.
        if (session.room_key == session.marks.moved_from) session.marks.moved_from.clear();
        break;
      case ChangeKind::Cancel:
        session.status = SessionStatus::Cancelled;
        session.marks.cancelled = true;
        break;
      case ChangeKind::Full:
        session.marks.full = true;
        break;
      case ChangeKind::Open:
        session.marks.full = false;
        break;
    }
    session.marks.revision = std::max(session.marks.revision, change.revision);
  }
  programme.Normalize();
  return programme;
}

namespace {

/// The session of `incoming` that is `session` of `previous` under a new uid: the only session of `incoming` whose
/// title (NormalizeKey) is `session`'s and whose uid `previous` does not hold, when `session`'s title is held by no
/// other session of `previous`. nullptr otherwise. How a re-timed row of a sheet without ids is recognised.
const Session* RetitledOccurrence(const Programme& previous, const Programme& incoming, const Session& session) {
  const std::string key = NormalizeKey(session.title);
  if (key.empty()) return nullptr;
  const auto same_title = [&](const Session& s) { return NormalizeKey(s.title) == key; };
  if (std::count_if(previous.sessions.begin(), previous.sessions.end(), same_title) != 1) return nullptr;
  const Session* found = nullptr;
  for (const Session& candidate : incoming.sessions) {
    if (!same_title(candidate) || !Occurrences(previous, candidate.uid).empty()) continue;
    if (found) return nullptr;  // two new sessions of that title: which one is not known
    found = &candidate;
  }
  return found;
}

}  // namespace

LiveChangeMerge MergeLiveChanges(const Programme& previous, const Programme& incoming,
                                 const std::vector<LiveChange>& changes, const VenueZone& zone) {
  LiveChangeMerge merge;
  for (const LiveChange& change : changes) {
    const long before_index = FindOccurrence(previous, change.session_uid, change.session_start);
    const std::string title =
        before_index >= 0 ? previous.sessions[static_cast<std::size_t>(before_index)].title : change.session_uid;
    const std::string what = Describe(change, previous) + " of '" + title + "' (" +
                             zone.FormatHm(change.session_start) + ", revision " + std::to_string(change.revision) +
                             ")";
    long index = FindOccurrence(incoming, change.session_uid, change.session_start);
    LiveChange carried = change;
    if (index < 0) {
      // A session held once in both programmes is the same session at whatever time: the file re-timed it. That
      // contradicts a delay only; the other changes follow it to its new time.
      std::vector<const Session*> now_at = Occurrences(incoming, change.session_uid);
      if (now_at.empty() && before_index >= 0) {
        // A sheet without an id column derives the uid from the day, start, room and title (SessionUid.h): a
        // re-timed session comes back under another uid. The one new session of the same title is it.
        if (const Session* same =
                RetitledOccurrence(previous, incoming, previous.sessions[static_cast<std::size_t>(before_index)])) {
          carried.session_uid = same->uid;
          now_at = {same};
        }
      }
      if (now_at.empty()) {
        merge.overridden.push_back(what + ": the file no longer has this session");
        continue;
      }
      if (now_at.size() != 1 || Occurrences(previous, change.session_uid).size() != 1) {
        merge.overridden.push_back(what + ": the file no longer has it at that time");
        continue;
      }
      if (change.kind == ChangeKind::Delay) {
        const Instant delayed = change.session_start + std::chrono::minutes{change.minutes};
        (now_at.front()->start == delayed ? merge.absorbed : merge.overridden)
            .push_back(what + ": the file has it at " + zone.FormatHm(now_at.front()->start));
        continue;
      }
      carried.session_start = now_at.front()->start;
      index = FindOccurrence(incoming, carried.session_uid, carried.session_start);
    }
    const Session& session = incoming.sessions[static_cast<std::size_t>(index)];
    if (change.kind == ChangeKind::Move) {
      if (session.room_key == change.room_key) {
        merge.absorbed.push_back(what + ": the file has it there");
        continue;
      }
      if (session.room_key != change.before) {
        merge.overridden.push_back(what + ": the file puts it in " + RoomName(incoming, session.room_key));
        continue;
      }
      if (!incoming.FindRoom(change.room_key)) {
        merge.overridden.push_back(what + ": the file no longer has that room");
        continue;
      }
    }
    if (change.kind == ChangeKind::Cancel && session.status == SessionStatus::Cancelled) {
      merge.absorbed.push_back(what + ": the file cancels it too");
      continue;
    }
    merge.kept.push_back(carried);
  }
  return merge;
}

const Session& FindSession(const Programme& programme, std::string_view query_view, const VenueZone& zone) {
  const std::string query(Trim(query_view));
  if (query.empty()) throw LookupError("SESSION is empty: give a guid, an id or the start of a title");

  // uid@time: one occurrence of a repeated session.
  if (const std::size_t at = query.rfind('@'); at != std::string::npos && at > 0) {
    const std::string uid = query.substr(0, at), when = query.substr(at + 1);
    std::vector<const Session*> found = Occurrences(programme, uid);
    if (found.empty()) found = Occurrences(programme, "id:" + uid);
    std::vector<const Session*> matching;
    for (const Session* session : found) {
      const std::string local = zone.FormatIso(session->start);  // YYYY-MM-DDTHH:MM:SS+hh:mm
      const std::string day_time = local.substr(0, 16);
      if (when == local.substr(11, 5) || when == day_time || when == local.substr(0, 10) + " " + local.substr(11, 5))
        matching.push_back(session);
    }
    if (matching.size() == 1) return *matching.front();
    if (!found.empty()) {
      ThrowCandidates("'" + query + "' matches " + std::to_string(matching.size()) +
                          " occurrences; use uid@YYYY-MM-DDTHH:MM with one of:",
                      programme, found, zone);
    }
  }

  std::vector<const Session*> exact = Occurrences(programme, query);
  if (exact.empty()) exact = Occurrences(programme, "id:" + query);
  if (exact.empty()) {
    for (const Session& session : programme.sessions)
      if (!session.source_id.empty() && session.source_id == query) exact.push_back(&session);
  }
  if (exact.size() == 1) return *exact.front();
  if (exact.size() > 1) {
    ThrowCandidates("'" + query + "' is a session repeated " + std::to_string(exact.size()) +
                        " times; name one occurrence as uid@YYYY-MM-DDTHH:MM:",
                    programme, exact, zone);
  }

  const std::string key = MatchKey(query);
  if (key.size() < 2) throw LookupError("'" + query + "' is too short to name a session by its title");
  std::vector<const Session*> by_title;
  for (const Session& session : programme.sessions) {
    if (StartsWith(MatchKey(session.title), key) ||
        (!session.title_en.empty() && StartsWith(MatchKey(session.title_en), key)))
      by_title.push_back(&session);
  }
  // A title typed whole wins over longer titles it begins.
  if (by_title.size() > 1) {
    std::vector<const Session*> whole;
    for (const Session* session : by_title)
      if (MatchKey(session->title) == key || MatchKey(session->title_en) == key) whole.push_back(session);
    if (whole.size() == 1) return *whole.front();
  }
  if (by_title.size() == 1) return *by_title.front();
  if (by_title.empty()) {
    throw LookupError("no session is named '" + query + "' (guid, id or start of the title; see kioskctl sessions)");
  }
  ThrowCandidates(
      "'" + query + "' names " + std::to_string(by_title.size()) + " sessions; give more of the title or a guid:",
      programme, by_title, zone);
}

}  // namespace kiosk
