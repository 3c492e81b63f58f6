// The JSON forms of the check-in protocol (kiosk/checkin/Protocol.h), shared by the desk's client and the hub's routes.
#pragma once

#include <cstdint>

#include <nlohmann/json_fwd.hpp>

#include "kiosk/core/Registrant.h"

namespace kiosk::checkin {

/// True when `at` is within kMaxEventClockDistance of `now` (both UTC).
bool EventTimeInBounds(EventTime at, EventTime now);

/// JSON forms of the protocol (Protocol.h: EVENT and REG). FromJson throws std::invalid_argument naming the field for a
/// malformed value.
nlohmann::json CheckinEventToJson(const CheckinEvent& event);
CheckinEvent CheckinEventFromJson(const nlohmann::json& json);
nlohmann::json RegistrantToJson(const Registrant& registrant);
Registrant RegistrantFromJson(const nlohmann::json& json);

/// The member `name` of a received JSON object; throws std::invalid_argument ("missing field \"NAME\"").
const nlohmann::json& Field(const nlohmann::json& object, const char* name);
/// The integer member `name`; throws std::invalid_argument naming the field when it is missing or not an integer.
std::int64_t IntegerField(const nlohmann::json& object, const char* name);

}  // namespace kiosk::checkin
