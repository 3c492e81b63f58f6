// JSON forms of the imported programme and live changes kept in the schedule store's revisions (nlohmann_json).
#include "kiosk/store/StoreJson.h"

#include <stdexcept>

#include <nlohmann/json.hpp>

namespace kiosk::store_json {
namespace {

using nlohmann::ordered_json;

std::int64_t ToEpoch(Instant instant) { return instant.time_since_epoch().count(); }
Instant FromEpoch(std::int64_t seconds) { return Instant{std::chrono::seconds{seconds}}; }

template <typename Json>
Json Parse(const std::string& text, const char* what) {
  try {
    return Json::parse(text);
  } catch (const nlohmann::json::exception& error) {
    throw std::runtime_error(std::string("stored ") + what + " is not valid JSON: " + error.what());
  }
}

}  // namespace

std::string ProgrammeToJson(const Programme& programme) {
  const ConferenceInfo& info = programme.conference;
  ordered_json out;
  out["conference"] = {{"title", info.title},
                       {"acronym", info.acronym},
                       {"description", info.description},
                       {"time_zone", info.time_zone},
                       {"first_day", info.first_day.ok() ? FormatDay(info.first_day) : ""},
                       {"last_day", info.last_day.ok() ? FormatDay(info.last_day) : ""}};
  ordered_json rooms = ordered_json::array();
  for (const Room& room : programme.rooms) rooms.push_back({{"key", room.key}, {"name", room.name}});
  out["rooms"] = std::move(rooms);
  ordered_json sessions = ordered_json::array();
  for (const Session& session : programme.sessions) {
    ordered_json speakers = ordered_json::array();
    for (const Speaker& speaker : session.speakers) speakers.push_back({speaker.name, speaker.role});
    sessions.push_back({{"uid", session.uid},
                        {"source_id", session.source_id},
                        {"room", session.room_key},
                        {"day", FormatDay(session.day)},
                        {"start", ToEpoch(session.start)},
                        {"end", ToEpoch(session.end)},
                        {"title", session.title},
                        {"title_en", session.title_en},
                        {"kind", session.kind},
                        {"track", session.track},
                        {"language", session.language},
                        {"description", session.description},
                        {"speakers", std::move(speakers)},
                        {"cancelled", session.status == SessionStatus::Cancelled}});
    // Only when announced: the JSON (and so the base's SHA-256) of a programme without interpretation stays what
    // the previous version wrote, so re-importing an unchanged file still changes nothing.
    if (session.interpretation.Any()) {
      sessions.back()["interpretation"] = {{"languages", session.interpretation.languages},
                                           {"channel", session.interpretation.channel}};
    }
  }
  out["sessions"] = std::move(sessions);
  // Strings the store holds came through importers that check UTF-8; replace rather than throw should one not be.
  return out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Programme ProgrammeFromJson(const std::string& text) {
  const nlohmann::json in = Parse<nlohmann::json>(text, "programme");
  try {
    Programme programme;
    const nlohmann::json& info = in.at("conference");
    programme.conference.title = info.at("title").get<std::string>();
    programme.conference.acronym = info.at("acronym").get<std::string>();
    programme.conference.description = info.at("description").get<std::string>();
    programme.conference.time_zone = info.at("time_zone").get<std::string>();
    programme.conference.first_day = ParseDay(info.at("first_day").get<std::string>());
    programme.conference.last_day = ParseDay(info.at("last_day").get<std::string>());
    for (const nlohmann::json& room : in.at("rooms"))
      programme.rooms.push_back({room.at("key").get<std::string>(), room.at("name").get<std::string>()});
    for (const nlohmann::json& item : in.at("sessions")) {
      Session session;
      session.uid = item.at("uid").get<std::string>();
      session.source_id = item.at("source_id").get<std::string>();
      session.room_key = item.at("room").get<std::string>();
      session.day = ParseDay(item.at("day").get<std::string>());
      session.start = FromEpoch(item.at("start").get<std::int64_t>());
      session.end = FromEpoch(item.at("end").get<std::int64_t>());
      session.title = item.at("title").get<std::string>();
      session.title_en = item.at("title_en").get<std::string>();
      session.kind = item.at("kind").get<std::string>();
      session.track = item.at("track").get<std::string>();
      session.language = item.at("language").get<std::string>();
      session.description = item.at("description").get<std::string>();
      for (const nlohmann::json& speaker : item.at("speakers"))
        session.speakers.push_back({speaker.at(0).get<std::string>(), speaker.at(1).get<std::string>()});
      session.status = item.at("cancelled").get<bool>() ? SessionStatus::Cancelled : SessionStatus::Confirmed;
      if (const auto found = item.find("interpretation"); found != item.end()) {
        session.interpretation.languages = found->at("languages").get<std::vector<std::string>>();
        session.interpretation.channel = found->at("channel").get<std::string>();
      }
      programme.sessions.push_back(std::move(session));
    }
    programme.Normalize();
    return programme;
  } catch (const nlohmann::json::exception& error) {
    throw std::runtime_error(std::string("stored programme is malformed: ") + error.what());
  }
}

std::string ChangesToJson(const std::vector<LiveChange>& changes) {
  ordered_json out = ordered_json::array();
  for (const LiveChange& change : changes) {
    out.push_back({{"revision", change.revision},
                   {"kind", std::string(ChangeKindName(change.kind))},
                   {"uid", change.session_uid},
                   {"start", ToEpoch(change.session_start)},
                   {"minutes", change.minutes},
                   {"room", change.room_key},
                   {"before", change.before},
                   {"made_at", ToEpoch(change.made_at)}});
  }
  return out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::vector<LiveChange> ChangesFromJson(const std::string& text) {
  const nlohmann::json in = Parse<nlohmann::json>(text, "live changes");
  try {
    std::vector<LiveChange> changes;
    for (const nlohmann::json& item : in) {
      LiveChange change;
      change.revision = item.at("revision").get<std::int64_t>();
      const std::optional<ChangeKind> kind = ParseChangeKind(item.at("kind").get<std::string>());
      if (!kind) throw std::runtime_error("stored live change has unknown kind " + item.at("kind").dump());
      change.kind = *kind;
      change.session_uid = item.at("uid").get<std::string>();
      change.session_start = FromEpoch(item.at("start").get<std::int64_t>());
      change.minutes = item.at("minutes").get<int>();
      change.room_key = item.at("room").get<std::string>();
      change.before = item.at("before").get<std::string>();
      change.made_at = FromEpoch(item.at("made_at").get<std::int64_t>());
      changes.push_back(std::move(change));
    }
    return changes;
  } catch (const nlohmann::json::exception& error) {
    throw std::runtime_error(std::string("stored live changes are malformed: ") + error.what());
  }
}

std::string StringsToJson(const std::vector<std::string>& strings) {
  return nlohmann::json(strings).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::vector<std::string> StringsFromJson(const std::string& text) {
  const nlohmann::json in = Parse<nlohmann::json>(text, "list");
  try {
    return in.get<std::vector<std::string>>();
  } catch (const nlohmann::json::exception& error) {
    throw std::runtime_error(std::string("stored list is malformed: ") + error.what());
  }
}

}  // namespace kiosk::store_json
