// Live changes and announcements: delay, move, cancel, full and open a session; announce and clear a notice; read
// them back. Each makes a revision (ScheduleRevisions.cpp).
#include <algorithm>
#include <chrono>

#include <SQLiteCpp/SQLiteCpp.h>

#include "kiosk/core/Text.h"
#include "kiosk/core/VenueZone.h"
#include "kiosk/store/ScheduleStore.h"
#include "kiosk/store/ScheduleStoreInternal.h"
#include "kiosk/store/StoreJson.h"

namespace kiosk {

using namespace schedule_detail;

namespace {

/// "'Plénière d’ouverture' (08/07 10:00, Grand Salon)".
std::string SessionLabel(const Programme& programme, const Session& session, const VenueZone& zone) {
  const Room* room = programme.FindRoom(session.room_key);
  const std::string local = zone.FormatIso(session.start);
  return "'" + session.title + "' (" + local.substr(8, 2) + "/" + local.substr(5, 2) + " " +
         zone.FormatHm(session.start) + ", " + (room ? room->name : session.room_key) + ")";
}

/// The confirmed sessions in the same room that overlap `session` in `programme`, as notes.
std::vector<std::string> OverlapNotes(const Programme& programme, const Session& session, const VenueZone& zone) {
  std::vector<std::string> notes;
  for (const Session& other : programme.sessions) {
    if (&other == &session || other.room_key != session.room_key || other.status == SessionStatus::Cancelled) continue;
    if (other.start < session.end && session.start < other.end && other.start != other.end)
      notes.push_back("now overlaps " + SessionLabel(programme, other, zone) + " until " + zone.FormatHm(other.end));
  }
  return notes;
}

std::optional<Announcement> ReadAnnouncement(SQLite::Statement& query) {
  if (!query.executeStep()) return std::nullopt;
  Announcement announcement;
  announcement.id = query.getColumn(0).getInt64();
  announcement.revision = query.getColumn(1).getInt64();
  announcement.text = query.getColumn(2).getString();
  announcement.text_en = query.getColumn(3).getString();
  announcement.priority = ParsePriority(query.getColumn(4).getString()).value_or(AnnouncementPriority::Info);
  if (!query.getColumn(5).isNull()) announcement.until = FromEpoch(query.getColumn(5).getInt64());
  try {
    announcement.room_keys = store_json::StringsFromJson(query.getColumn(6).getString());
  } catch (const std::runtime_error&) {
    announcement.room_keys.clear();  // a damaged room list shows the notice everywhere rather than nowhere
  }
  announcement.made_at = FromEpoch(query.getColumn(7).getInt64());
  return announcement;
}

constexpr int kMaxDelayMinutes = 720;
constexpr std::size_t kMaxAnnouncementCharacters = 500;

}  // namespace

namespace schedule_detail {

std::vector<Announcement> ReadAnnouncements(SQLite::Database& db) {
  std::vector<Announcement> announcements;
  SQLite::Statement query(db,
                          "SELECT id, revision, text, text_en, priority, until, rooms, made_at FROM announcements "
                          "WHERE cleared_revision IS NULL ORDER BY id");
  while (std::optional<Announcement> announcement = ReadAnnouncement(query))
    announcements.push_back(std::move(*announcement));
  return announcements;
}

}  // namespace schedule_detail

std::vector<Announcement> ScheduleStore::Announcements() {
  try {
    ReadTransaction read(*m_db);
    if (m_db->execAndGet("PRAGMA user_version").getInt() < 2) return {};
    return ReadAnnouncements(*m_db);
  } catch (const SQLite::Exception& error) {
    throw StoreError(StoreError::Kind::Corrupt,
                     "cannot read announcements of " + m_path.string() + ": " + error.what());
  }
}

std::vector<LiveChange> ScheduleStore::LiveChanges() {
  try {
    ReadTransaction read(*m_db);
    if (m_db->execAndGet("PRAGMA user_version").getInt() < 2) return {};
    return ParseChanges(ReadCurrentState(*m_db).changes_json, m_path);
  } catch (const SQLite::Exception& error) {
    throw StoreError(StoreError::Kind::Corrupt, "cannot read live changes of " + m_path.string() + ": " + error.what());
  }
}

CommitResult ScheduleStore::CommitChange(const ChangeRequest& request) {
  if (request.kind == ChangeKind::Delay && (request.minutes < -kMaxDelayMinutes || request.minutes > kMaxDelayMinutes))
    throw std::invalid_argument("a delay is a number of minutes from -720 to 720: got " +
                                std::to_string(request.minutes));
  return InWriteTransaction(*m_db, m_path, [&](const CurrentState& current) {
    if (current.number == 0 || !current.base_id)
      throw std::invalid_argument("no programme imported yet in " + m_path.string() + " (run kioskctl import)");
    const Programme base = ReadBase(*m_db, *current.base_id, m_path);
    const VenueZone zone(base.conference.time_zone);
    std::vector<LiveChange> changes = ParseChanges(current.changes_json, m_path);
    const Programme shown = ApplyLiveChanges(base, changes);

    // Organizers name the session as the screens show it; the change names it as imported.
    const Session& target = FindSession(shown, request.session, zone);
    const Instant imported_start = target.start - std::chrono::minutes{target.marks.delay_minutes};
    const Session* imported = nullptr;
    for (const Session& session : base.sessions)
      if (session.uid == target.uid && session.start == imported_start) imported = &session;
    if (imported == nullptr)
      throw StoreError(StoreError::Kind::Corrupt, m_path.string() + ": live changes name a session not imported");
    auto same_session = [&](const LiveChange& c) {
      return c.session_uid == imported->uid && c.session_start == imported->start;
    };

    const std::string label = SessionLabel(shown, target, zone);
    LiveChange change;
    change.revision = current.number + 1;
    change.kind = request.kind;
    change.session_uid = imported->uid;
    change.session_start = imported->start;
    change.made_at = Instant{std::chrono::seconds{NowSeconds()}};
    std::string summary;
    switch (request.kind) {
      case ChangeKind::Delay: {
        if (request.minutes == target.marks.delay_minutes)
          return Unchanged(current, label + (request.minutes == 0 ? " is not delayed"
                                                                  : " is already delayed by " +
                                                                        std::to_string(request.minutes) + " min"));
        const std::chrono::minutes delay{request.minutes};
        for (const Session& other : base.sessions)
          if (other.uid == imported->uid && &other != imported && other.start == imported->start + delay)
            throw std::invalid_argument(label + " would start with its own repeat at " + zone.FormatHm(other.start) +
                                        ": delay that occurrence instead");
        // MINUTES is the whole delay against the programme: it replaces the previous one, so a command typed twice
        // never doubles it, and 0 clears it.
        std::erase_if(changes, [&](const LiveChange& c) { return c.kind == ChangeKind::Delay && same_session(c); });
        change.minutes = request.minutes;
        summary = request.minutes == 0
                      ? "delay cleared for " + label + ": back at " + zone.FormatHm(imported->start) + "-" +
                            zone.FormatHm(imported->end)
                      : "delay " + label + " " + (request.minutes > 0 ? "+" : "") + std::to_string(request.minutes) +
                            " min: now " + zone.FormatHm(imported->start + delay) + "-" +
                            zone.FormatHm(imported->end + delay);
        break;
      }
      case ChangeKind::Move: {
        const Room& room = FindRoom(base, request.room);
        if (room.key == target.room_key) return Unchanged(current, label + " is already in " + room.name);
        change.room_key = room.key;
        change.before = imported->room_key;
        summary = "move " + label + " to " + room.name;
        break;
      }
      case ChangeKind::Cancel:
        if (target.status == SessionStatus::Cancelled) return Unchanged(current, label + " is already cancelled");
        change.before = "confirmed";
        summary = "cancel " + label;
        break;
      case ChangeKind::Full:
        if (target.marks.full) return Unchanged(current, label + " is already marked full");
        summary = "full " + label;
        break;
      case ChangeKind::Open:
        if (!target.marks.full) return Unchanged(current, label + " is not marked full");
        summary = "open " + label + " (no longer full)";
        break;
    }
    // Open takes the full mark away rather than adding to the list; a cleared delay leaves nothing behind.
    if (request.kind == ChangeKind::Open)
      std::erase_if(changes, [&](const LiveChange& c) { return c.kind == ChangeKind::Full && same_session(c); });
    else if (!(request.kind == ChangeKind::Delay && request.minutes == 0))
      changes.push_back(change);
    const Programme next = ApplyLiveChanges(base, changes);

    CommitResult result = Changed(current, summary);
    if (request.kind == ChangeKind::Delay || request.kind == ChangeKind::Move) {
      const Instant start =
          imported->start +
          std::chrono::minutes{request.kind == ChangeKind::Delay ? request.minutes : target.marks.delay_minutes};
      for (const Session& session : next.sessions)
        if (session.uid == change.session_uid && session.start == start)
          result.notes = OverlapNotes(next, session, zone);
    }
    WriteProgrammeTables(*m_db, next, result.revision, m_path);
    RevisionRow row =
        RowWithProgrammeOf(current, current.number + 1, std::string(ChangeKindName(request.kind)), summary);
    row.warnings = result.notes;
    row.changes_json = store_json::ChangesToJson(changes);
    InsertRevision(*m_db, row);
    return result;
  });
}

CommitResult ScheduleStore::Announce(Announcement announcement) {
  if (Trim(announcement.text).empty()) throw std::invalid_argument("an announcement needs a text");
  // A notice is read from 5 m in a few seconds; a long one would also cost the screen seconds a frame to lay out.
  for (const std::string* text : {&announcement.text, &announcement.text_en}) {
    const std::size_t characters = static_cast<std::size_t>(std::count_if(
        text->begin(), text->end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
    if (characters > kMaxAnnouncementCharacters)
      throw std::invalid_argument("an announcement is at most " + std::to_string(kMaxAnnouncementCharacters) +
                                  " characters in each language; this one has " + std::to_string(characters));
    if (!IsValidUtf8(*text)) throw std::invalid_argument("an announcement must be UTF-8 text");
  }
  const std::int64_t now = NowSeconds();
  if (announcement.priority == AnnouncementPriority::Emergency &&
      (announcement.until || !announcement.room_keys.empty()))
    throw std::invalid_argument("an emergency notice goes to every screen until cleared: no --until, no --room");
  if (announcement.until && announcement.until->time_since_epoch().count() <= now)
    throw std::invalid_argument("--until is in the past: the announcement would never show");
  return InWriteTransaction(*m_db, m_path, [&](const CurrentState& current) {
    if (current.number == 0)
      throw std::invalid_argument("no programme imported yet in " + m_path.string() + " (run kioskctl import)");
    std::vector<std::string> keys;
    if (!announcement.room_keys.empty()) {
      const Programme shown = ReadProgramme(*m_db, kSchemaVersion);
      for (const std::string& query : announcement.room_keys) {
        const std::string key = FindRoom(shown, query).key;
        if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(key);
      }
    }
    SQLite::Statement insert(*m_db,
                             "INSERT INTO announcements(revision, text, text_en, priority, until, rooms, made_at) "
                             "VALUES(?, ?, ?, ?, ?, ?, ?) RETURNING id");
    insert.bind(1, current.number + 1);
    insert.bind(2, std::string(Trim(announcement.text)));
    insert.bind(3, std::string(Trim(announcement.text_en)));
    insert.bind(4, std::string(PriorityName(announcement.priority)));
    if (announcement.until)
      insert.bind(5, ToEpoch(*announcement.until));
    else
      insert.bind(5);
    insert.bind(6, store_json::StringsToJson(keys));
    insert.bind(7, now);
    insert.executeStep();
    CommitResult result = Changed(current, {});
    result.announcement_id = insert.getColumn(0).getInt64();
    insert.reset();
    result.summary = "announce " + std::string(PriorityName(announcement.priority)) + " #" +
                     std::to_string(result.announcement_id) + ": " + std::string(Trim(announcement.text));
    InsertRevision(*m_db, RowWithProgrammeOf(current, current.number + 1, "announce", result.summary));
    return result;
  });
}

CommitResult ScheduleStore::ClearAnnouncement(std::int64_t id) {
  return InWriteTransaction(*m_db, m_path, [&](const CurrentState& current) {
    SQLite::Statement text(*m_db, "SELECT text FROM announcements WHERE id = ? AND cleared_revision IS NULL");
    text.bind(1, id);
    if (current.number == 0 || !text.executeStep())
      throw LookupError("no announcement " + std::to_string(id) + " is on screen (see kioskctl announcements)");
    CommitResult result = Changed(current, "clear #" + std::to_string(id) + ": " + text.getColumn(0).getString());
    result.announcement_id = id;
    text.reset();
    SQLite::Statement clear(*m_db, "UPDATE announcements SET cleared_revision = ? WHERE id = ?");
    clear.bind(1, result.revision);
    clear.bind(2, id);
    clear.exec();
    InsertRevision(*m_db, RowWithProgrammeOf(current, current.number + 1, "clear", result.summary));
    return result;
  });
}

}  // namespace kiosk
