// libFuzzer target for the JSON forms of the check-in protocol (kiosk/checkin/Protocol.h): the events a desk pushes,
// the events page and the registrants page the hub answers. The input is one JSON text, read as each form in turn
// through the library's parse functions (CheckinEventFromJson, RegistrantFromJson, EventTimeInBounds), in the shapes
// the hub's POST /checkin/v1/events handler and the desk's pull and list refresh walk them. The envelopes themselves
// ("events" must be a list, "last_seq", "revision", the query parameters) are checked inline in
// kiosk/checkin/CheckinHub.cpp and in DeskSync::Impl, not by a library function, so only their walk is mirrored here.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "kiosk/checkin/Protocol.h"
#include "kiosk/checkin/ProtocolJson.h"
#include "kiosk/core/Registrant.h"
#include "kiosk/store/RegistrantStore.h"

namespace {

using nlohmann::json;

/// The hub's clock for the time bound: 2026-07-08T10:00:00Z, fixed so that a finding reproduces.
const kiosk::EventTime kNow{std::chrono::milliseconds{1783504800000}};

/// An event that parsed: it keeps the parser's promises, and its JSON form reads back as the same event.
void CheckEvent(const kiosk::CheckinEvent& event) {
  if (!kiosk::IsUuid(event.uuid) || event.order_code.empty() ||
      kiosk::CanonicalOrderCode(event.order_code) != event.order_code || event.desk.empty()) {
    std::abort();
  }
  if (event.kind == kiosk::CheckinKind::Undo ? !kiosk::IsUuid(event.undoes) : !event.undoes.empty()) std::abort();
  // What the desk sends (a strict dump: the strings came from a parsed, hence valid UTF-8, text) reads back the same.
  if (kiosk::checkin::CheckinEventFromJson(json::parse(kiosk::checkin::CheckinEventToJson(event).dump())) != event)
    std::abort();
  // The hub's time bound, against the distance computed without overflow ("at" may be near the int64 limits).
  const __int128 distance =
      static_cast<__int128>(event.at.time_since_epoch().count()) - kNow.time_since_epoch().count();
  const __int128 limit = std::chrono::milliseconds(kiosk::checkin::kMaxEventClockDistance).count();
  if (kiosk::checkin::EventTimeInBounds(event.at, kNow) != (distance >= -limit && distance <= limit)) std::abort();
}

/// One event as the hub reads each item of a push and the desk each item of a page: parsed, or refused with
/// std::invalid_argument (any other exception escapes to libFuzzer as a crash).
void ReadEvent(const json& item) {
  try {
    const kiosk::CheckinEvent event = kiosk::checkin::CheckinEventFromJson(item);
    CheckEvent(event);
  } catch (const std::invalid_argument&) {
    // A malformed event: the hub answers 400 naming it, the desk reports a malformed event list.
  }
}

/// One registrant as the desk reads each item of the hub's list.
void ReadRegistrant(const json& item) {
  try {
    const kiosk::Registrant registrant = kiosk::checkin::RegistrantFromJson(item);
    if (registrant.order_code.empty() || kiosk::CanonicalOrderCode(registrant.order_code) != registrant.order_code) {
      std::abort();
    }
    for (const kiosk::Day& day : registrant.days) {
      if (!day.ok()) std::abort();
    }
    if (kiosk::checkin::RegistrantFromJson(json::parse(kiosk::checkin::RegistrantToJson(registrant).dump())) !=
        registrant)
      std::abort();
  } catch (const std::invalid_argument&) {
    // A malformed registrant: the desk reports a malformed registrant list and keeps its own.
  }
}

/// Each item of `document[name]` when that is a list, as the hub and the desk walk it.
template <typename Read>
void ReadList(const json& document, const char* name, Read read) {
  if (!document.is_object()) return;
  auto list = document.find(name);
  if (list == document.end() || !list->is_array()) return;
  for (const json& item : *list) read(item);
}

}  // namespace

/// Reads `data` as a JSON text and then as every form of the protocol: a push body {"desk", "events"}, an events
/// page {"events": [EVENT with "seq"…], "last_seq"}, a registrants page {"revision", "registrants"}, and a lone
/// event or registrant (the whole document, or each item of a top-level list). Aborts when a parsed value breaks
/// the parser's promises or does not survive its JSON round trip.
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  json document;
  try {
    document = json::parse(text);
  } catch (const json::exception&) {
    return 0;  // The hub answers 400 "malformed JSON"; the desk reports the hub's answer as malformed.
  }
  ReadList(document, "events", ReadEvent);
  ReadList(document, "registrants", ReadRegistrant);
  ReadEvent(document);
  ReadRegistrant(document);
  if (document.is_array()) {
    for (const json& item : document) {
      ReadEvent(item);
      ReadRegistrant(item);
    }
  }
  return 0;
}
