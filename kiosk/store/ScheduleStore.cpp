// SQLite schedule store: the programme round trip (reading and writing its tables, Load, CommitImport). The file and
// its migrations: ScheduleSchema.cpp; revisions and rollback: ScheduleRevisions.cpp; live changes and announcements:
// ScheduleLiveChanges.cpp; helpers they share: ScheduleStoreInternal.h.
#include "kiosk/store/ScheduleStore.h"

#include <algorithm>
#include <unordered_map>

#include <SQLiteCpp/SQLiteCpp.h>

#include "kiosk/core/VenueZone.h"
#include "kiosk/store/ScheduleStoreInternal.h"
#include "kiosk/store/StoreJson.h"

namespace kiosk {

using namespace schedule_detail;

namespace {

const char* StatusName(SessionStatus status) { return status == SessionStatus::Cancelled ? "cancelled" : "confirmed"; }

/// Interpretation languages as the sessions table keeps them: the codes joined with ',' ("FR,EN"; "" for none).
std::string JoinLanguages(const std::vector<std::string>& languages) {
  std::string joined;
  for (const std::string& language : languages) joined += (joined.empty() ? "" : ",") + language;
  return joined;
}

std::vector<std::string> SplitLanguages(const std::string& joined) {
  std::vector<std::string> languages;
  std::size_t begin = 0;
  while (begin < joined.size()) {
    const std::size_t comma = std::min(joined.find(',', begin), joined.size());
    if (comma > begin) languages.push_back(joined.substr(begin, comma - begin));
    begin = comma + 1;
  }
  return languages;
}

}  // namespace

namespace schedule_detail {

Instant FromEpoch(std::int64_t seconds) { return Instant{std::chrono::seconds{seconds}}; }
std::int64_t ToEpoch(Instant instant) { return instant.time_since_epoch().count(); }

Programme ReadProgramme(SQLite::Database& db, int schema) {
  Programme programme;
  {
    SQLite::Statement meta(db, "SELECT key, value FROM meta");
    while (meta.executeStep()) {
      std::string key = meta.getColumn(0).getString(), value = meta.getColumn(1).getString();
      ConferenceInfo& info = programme.conference;
      if (key == "title")
        info.title = value;
      else if (key == "acronym")
        info.acronym = value;
      else if (key == "description")
        info.description = value;
      else if (key == "time_zone")
        info.time_zone = value;
      else if (key == "first_day")
        info.first_day = ParseDay(value);
      else if (key == "last_day")
        info.last_day = ParseDay(value);
    }
  }
  std::unordered_map<std::int64_t, std::string> room_keys;
  {
    SQLite::Statement rooms(db, "SELECT id, key, name FROM rooms ORDER BY position");
    while (rooms.executeStep()) {
      room_keys[rooms.getColumn(0).getInt64()] = rooms.getColumn(1).getString();
      programme.rooms.push_back({rooms.getColumn(1).getString(), rooms.getColumn(2).getString()});
    }
  }
  std::unordered_map<std::int64_t, std::size_t> index_of;
  {
    SQLite::Statement sessions(db, std::string("SELECT id, uid, start, end, source_id, room_id, day, title, title_en, "
                                               "kind, track, language, description, status") +
                                       (schema >= 2 ? ", delay_minutes, moved_from, cancelled_live, full, "
                                                      "marks_revision"
                                                    : "") +
                                       (schema >= 3 ? ", interpretation_languages, interpretation_channel" : "") +
                                       " FROM sessions");
    while (sessions.executeStep()) {
      Session session;
      session.uid = sessions.getColumn(1).getString();
      session.start = FromEpoch(sessions.getColumn(2).getInt64());
      session.end = FromEpoch(sessions.getColumn(3).getInt64());
      session.source_id = sessions.getColumn(4).getString();
      session.room_key = room_keys[sessions.getColumn(5).getInt64()];
      session.day = ParseDay(sessions.getColumn(6).getString());
      session.title = sessions.getColumn(7).getString();
      session.title_en = sessions.getColumn(8).getString();
      session.kind = sessions.getColumn(9).getString();
      session.track = sessions.getColumn(10).getString();
      session.language = sessions.getColumn(11).getString();
      session.description = sessions.getColumn(12).getString();
      session.status =
          sessions.getColumn(13).getString() == "cancelled" ? SessionStatus::Cancelled : SessionStatus::Confirmed;
      if (schema >= 2) {
        session.marks.delay_minutes = sessions.getColumn(14).getInt();
        session.marks.moved_from = sessions.getColumn(15).getString();
        session.marks.cancelled = sessions.getColumn(16).getInt() != 0;
        session.marks.full = sessions.getColumn(17).getInt() != 0;
        session.marks.revision = sessions.getColumn(18).getInt64();
      }
      if (schema >= 3) {
        session.interpretation.languages = SplitLanguages(sessions.getColumn(19).getString());
        session.interpretation.channel = sessions.getColumn(20).getString();
      }
      index_of[sessions.getColumn(0).getInt64()] = programme.sessions.size();
      programme.sessions.push_back(std::move(session));
    }
  }
  {
    SQLite::Statement speakers(db, "SELECT session_id, name, role FROM speakers ORDER BY session_id, position");
    while (speakers.executeStep()) {
      auto it = index_of.find(speakers.getColumn(0).getInt64());
      if (it == index_of.end()) continue;
      programme.sessions[it->second].speakers.push_back(
          {speakers.getColumn(1).getString(), speakers.getColumn(2).getString()});
    }
  }
  programme.Normalize();
  return programme;
}

void WriteProgrammeTables(SQLite::Database& db, const Programme& incoming, std::int64_t revision,
                          const std::filesystem::path& path) {
  {
    SQLite::Statement clear(db, "DELETE FROM meta");
    clear.exec();
    SQLite::Statement meta(db, "INSERT INTO meta(key, value) VALUES(?, ?)");
    const ConferenceInfo& info = incoming.conference;
    std::pair<const char*, std::string> rows[] = {{"title", info.title},
                                                  {"acronym", info.acronym},
                                                  {"description", info.description},
                                                  {"time_zone", info.time_zone},
                                                  {"first_day", info.first_day.ok() ? FormatDay(info.first_day) : ""},
                                                  {"last_day", info.last_day.ok() ? FormatDay(info.last_day) : ""}};
    for (const auto& [key, value] : rows) {
      meta.bind(1, key);
      meta.bind(2, value);
      meta.exec();
      meta.reset();
    }
  }

  std::unordered_map<std::string, std::int64_t> room_ids;
  {
    SQLite::Statement upsert(db,
                             "INSERT INTO rooms(key, name, position, revision) VALUES(?, ?, ?, ?) "
                             "ON CONFLICT(key) DO UPDATE SET name=excluded.name, position=excluded.position, "
                             "revision=excluded.revision RETURNING id");
    for (std::size_t i = 0; i < incoming.rooms.size(); ++i) {
      upsert.bind(1, incoming.rooms[i].key);
      upsert.bind(2, incoming.rooms[i].name);
      upsert.bind(3, static_cast<std::int64_t>(i));
      upsert.bind(4, revision);
      upsert.executeStep();
      room_ids[incoming.rooms[i].key] = upsert.getColumn(0).getInt64();
      upsert.reset();
    }
  }

  db.exec("DELETE FROM speakers");
  {
    // Identity (DESIGN.md): a session is its uid; uid + start only tells repeats apart. So a session that the
    // organizer delayed (one occurrence before and after) keeps its row: move its start before the upsert.
    std::unordered_map<std::string, int> occurrences;
    for (const Session& session : incoming.sessions) ++occurrences[session.uid];
    std::unordered_map<std::string, std::int64_t> single_starts;
    SQLite::Statement singles(db, "SELECT uid, min(start) FROM sessions GROUP BY uid HAVING count(*) = 1");
    while (singles.executeStep()) single_starts[singles.getColumn(0).getString()] = singles.getColumn(1).getInt64();
    SQLite::Statement move(db, "UPDATE sessions SET start = ? WHERE uid = ?");
    for (const Session& session : incoming.sessions) {
      auto stored = single_starts.find(session.uid);
      if (occurrences[session.uid] != 1 || stored == single_starts.end() || stored->second == ToEpoch(session.start))
        continue;
      move.bind(1, ToEpoch(session.start));
      move.bind(2, session.uid);
      move.exec();
      move.reset();
    }
  }
  {
    SQLite::Statement upsert(
        db,
        "INSERT INTO sessions(uid, start, end, source_id, room_id, day, title, title_en, kind, track, language, "
        "description, status, revision, delay_minutes, moved_from, cancelled_live, full, marks_revision, "
        "interpretation_languages, interpretation_channel) "
        "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT(uid, start) DO UPDATE SET end=excluded.end, source_id=excluded.source_id, "
        "room_id=excluded.room_id, day=excluded.day, title=excluded.title, title_en=excluded.title_en, "
        "kind=excluded.kind, track=excluded.track, language=excluded.language, description=excluded.description, "
        "status=excluded.status, revision=excluded.revision, delay_minutes=excluded.delay_minutes, "
        "moved_from=excluded.moved_from, cancelled_live=excluded.cancelled_live, full=excluded.full, "
        "marks_revision=excluded.marks_revision, interpretation_languages=excluded.interpretation_languages, "
        "interpretation_channel=excluded.interpretation_channel RETURNING id");
    SQLite::Statement speaker(db, "INSERT INTO speakers(session_id, position, name, role) VALUES(?, ?, ?, ?)");
    for (const Session& session : incoming.sessions) {
      auto room = room_ids.find(session.room_key);
      if (room == room_ids.end()) {
        throw StoreError(StoreError::Kind::Io,
                         path.string() + ": session " + session.uid + " names unknown room " + session.room_key);
      }
      upsert.bind(1, session.uid);
      upsert.bind(2, ToEpoch(session.start));
      upsert.bind(3, ToEpoch(session.end));
      upsert.bind(4, session.source_id);
      upsert.bind(5, room->second);
      upsert.bind(6, FormatDay(session.day));
      upsert.bind(7, session.title);
      upsert.bind(8, session.title_en);
      upsert.bind(9, session.kind);
      upsert.bind(10, session.track);
      upsert.bind(11, session.language);
      upsert.bind(12, session.description);
      upsert.bind(13, StatusName(session.status));
      upsert.bind(14, revision);
      upsert.bind(15, session.marks.delay_minutes);
      upsert.bind(16, session.marks.moved_from);
      upsert.bind(17, session.marks.cancelled ? 1 : 0);
      upsert.bind(18, session.marks.full ? 1 : 0);
      upsert.bind(19, session.marks.revision);
      upsert.bind(20, JoinLanguages(session.interpretation.languages));
      upsert.bind(21, session.interpretation.channel);
      upsert.executeStep();
      const std::int64_t session_id = upsert.getColumn(0).getInt64();
      upsert.reset();
      for (std::size_t i = 0; i < session.speakers.size(); ++i) {
        speaker.bind(1, session_id);
        speaker.bind(2, static_cast<std::int64_t>(i));
        speaker.bind(3, session.speakers[i].name);
        speaker.bind(4, session.speakers[i].role);
        speaker.exec();
        speaker.reset();
      }
    }
  }
  {
    SQLite::Statement prune_sessions(db, "DELETE FROM sessions WHERE revision <> ?");
    prune_sessions.bind(1, revision);
    prune_sessions.exec();
    SQLite::Statement prune_rooms(db, "DELETE FROM rooms WHERE revision <> ?");
    prune_rooms.bind(1, revision);
    prune_rooms.exec();
  }
}

}  // namespace schedule_detail

std::optional<LoadedProgramme> ScheduleStore::Load() {
  try {
    ReadTransaction read(*m_db);
    const int schema = m_db->execAndGet("PRAGMA user_version").getInt();
    if (schema < 1) return std::nullopt;
    SQLite::Statement last(*m_db, RevisionQuery(schema) + " ORDER BY number DESC LIMIT 1");
    std::optional<RevisionInfo> revision = ReadRevision(last);
    if (!revision) return std::nullopt;
    LoadedProgramme loaded{ReadProgramme(*m_db, schema), std::move(*revision), {}};
    if (schema >= 2) loaded.announcements = ReadAnnouncements(*m_db);
    return loaded;
  } catch (const SQLite::Exception& error) {
    throw StoreError(StoreError::Kind::Corrupt, "cannot read schedule store " + m_path.string() + ": " + error.what());
  }
}

std::vector<std::pair<std::string, std::int64_t>> ScheduleStore::SessionRowIds() {
  try {
    std::vector<std::pair<std::string, std::int64_t>> ids;
    SQLite::Statement query(*m_db, "SELECT uid || '@' || start, id FROM sessions ORDER BY start, uid");
    while (query.executeStep()) ids.emplace_back(query.getColumn(0).getString(), query.getColumn(1).getInt64());
    return ids;
  } catch (const SQLite::Exception& error) {
    throw StoreError(StoreError::Kind::Corrupt, "cannot read sessions of " + m_path.string() + ": " + error.what());
  }
}

CommitResult ScheduleStore::CommitImport(const Programme& programme, const std::vector<Warning>& warnings,
                                         const std::string& source_name, const std::string& source_sha256) {
  Programme incoming = programme;
  for (Session& session : incoming.sessions) session.marks = {};
  incoming.Normalize();
  const std::string json = store_json::ProgrammeToJson(incoming);
  const std::string sha = Sha256Hex(json);
  const VenueZone zone(incoming.conference.time_zone);
  return InWriteTransaction(*m_db, m_path, [&](const CurrentState& current) {
    if (current.number > 0 && current.base_id && BaseSha(*m_db, *current.base_id) == sha)
      return Unchanged(current, "same programme as the current revision");

    CommitResult result = Changed(current, {});
    std::vector<LiveChange> kept;
    const std::vector<LiveChange> changes = ParseChanges(current.changes_json, m_path);
    if (current.base_id && !changes.empty()) {
      LiveChangeMerge merge = MergeLiveChanges(ReadBase(*m_db, *current.base_id, m_path), incoming, changes, zone);
      kept = std::move(merge.kept);
      result.overridden = std::move(merge.overridden);
      for (const std::string& line : merge.absorbed) result.notes.push_back("live change now in the file: " + line);
    }
    WriteProgrammeTables(*m_db, ApplyLiveChanges(incoming, kept), result.revision, m_path);

    RevisionRow row;
    row.number = result.revision;
    row.source_name = source_name;
    row.source_sha256 = source_sha256;
    row.sessions = static_cast<int>(incoming.sessions.size());
    row.rooms = static_cast<int>(incoming.rooms.size());
    for (const Warning& warning : warnings) row.warnings.push_back(warning.ToString());
    row.kind = "import";
    row.summary = "import " + std::filesystem::path(source_name).filename().string();
    if (!kept.empty()) row.summary += ", " + std::to_string(kept.size()) + " live changes kept";
    if (!result.overridden.empty())
      row.summary += ", " + std::to_string(result.overridden.size()) + " overridden by the file";
    for (const std::string& line : result.overridden) row.warnings.push_back("overrode live change: " + line);
    for (const std::string& line : result.notes) row.warnings.push_back(line);
    row.base_id = InsertBase(*m_db, json, sha);
    row.changes_json = store_json::ChangesToJson(kept);
    InsertRevision(*m_db, row);
    result.summary = row.summary;
    return result;
  });
}

}  // namespace kiosk
