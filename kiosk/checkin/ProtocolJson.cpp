// The JSON forms of the check-in protocol (kiosk/checkin/Protocol.h): events and registrants, both ways.
#include "kiosk/checkin/ProtocolJson.h"

#include <algorithm>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "kiosk/checkin/Protocol.h"
#include "kiosk/core/Fields.h"
#include "kiosk/store/RegistrantStore.h"  // IsUuid

namespace kiosk::checkin {

using nlohmann::json;

const json& Field(const json& object, const char* name) {
  auto it = object.find(name);
  if (it == object.end()) throw std::invalid_argument(std::string("missing field \"") + name + "\"");
  return *it;
}

namespace {

std::string StringField(const json& object, const char* name, bool required) {
  auto it = object.find(name);
  if (it == object.end() || (!required && it->is_null())) {
    if (required) throw std::invalid_argument(std::string("missing field \"") + name + "\"");
    return {};
  }
  if (!it->is_string()) throw std::invalid_argument(std::string("field \"") + name + "\" must be a string");
  return it->get<std::string>();
}

}  // namespace

std::int64_t IntegerField(const json& object, const char* name) {
  const json& value = Field(object, name);
  if (!value.is_number_integer()) throw std::invalid_argument(std::string("field \"") + name + "\" must be an integer");
  return value.get<std::int64_t>();
}

namespace {

/// A received value as a message quotes it: a string as JSON (controls escaped), cut to 40 bytes at a character
/// boundary; anything else by its type ("an array"). Never the whole value: it may be megabytes long, or nested so
/// deep that dumping it (recursive) overflows the stack.
std::string Describe(const json& value) {
  if (value.is_string()) {
    const std::string& text = value.get_ref<const std::string&>();
    std::size_t cut = std::min<std::size_t>(text.size(), 40);
    while (cut < text.size() && cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    return json(text.substr(0, cut)).dump(-1, ' ', false, json::error_handler_t::replace) +
           (cut < text.size() ? "…" : "");
  }
  if (value.is_null()) return "null";
  return std::string(value.is_array() || value.is_object() ? "an " : "a ") + value.type_name();
}

void RequireObject(const json& value, const char* what) {
  if (!value.is_object()) throw std::invalid_argument(std::string(what) + " must be a JSON object");
}

}  // namespace

bool EventTimeInBounds(EventTime at, EventTime now) {
  // In integers, without at - now: "at" comes from the network and may be near the int64 limits.
  const std::int64_t when = at.time_since_epoch().count(), clock = now.time_since_epoch().count();
  const std::int64_t limit = std::chrono::duration_cast<std::chrono::milliseconds>(kMaxEventClockDistance).count();
  return when >= clock - limit && when <= clock + limit;
}

// --- JSON converters

json CheckinEventToJson(const CheckinEvent& event) {
  return {{key::kUuid, event.uuid},
          {key::kOrderCode, event.order_code},
          {key::kDesk, event.desk},
          {key::kAt, event.at.time_since_epoch().count()},
          {key::kKind, std::string(CheckinKindName(event.kind))},
          {key::kUndoes, event.undoes}};
}

CheckinEvent CheckinEventFromJson(const json& value) {
  RequireObject(value, "a check-in event");
  CheckinEvent event;
  event.uuid = StringField(value, key::kUuid, true);
  // Messages never quote a refused value raw: a desk name or code could hold a terminal's escape codes.
  if (!IsUuid(event.uuid)) {
    throw std::invalid_argument("field \"uuid\" must be a lower-case uuid: " + Printable(event.uuid));
  }
  event.order_code = StringField(value, key::kOrderCode, true);
  RequireIdentifierField(FieldKind::OrderCode, key::kOrderCode, event.order_code);
  if (event.order_code.empty() || CanonicalOrderCode(event.order_code) != event.order_code) {
    throw std::invalid_argument("field \"order_code\" must be a canonical, non-empty order code in event " +
                                event.uuid);
  }
  event.desk = StringField(value, key::kDesk, true);
  RequireIdentifierField(FieldKind::DeskName, key::kDesk, event.desk);
  if (event.desk.empty()) throw std::invalid_argument("field \"desk\" must not be empty in event " + event.uuid);
  event.at = EventTime{std::chrono::milliseconds{IntegerField(value, key::kAt)}};
  try {
    event.kind = ParseCheckinKind(StringField(value, key::kKind, true));
  } catch (const std::invalid_argument& error) {
    throw std::invalid_argument(std::string("field \"kind\": ") + error.what());
  }
  event.undoes = StringField(value, key::kUndoes, false);
  if (event.kind == CheckinKind::Undo && !IsUuid(event.undoes)) {
    throw std::invalid_argument("field \"undoes\" must be the uuid of an In event in undo event " + event.uuid);
  }
  if (event.kind == CheckinKind::In && !event.undoes.empty()) {
    throw std::invalid_argument("field \"undoes\" must be empty in in event " + event.uuid);
  }
  return event;
}

json RegistrantToJson(const Registrant& registrant) {
  json days = json::array();
  for (const Day& day : registrant.days) days.push_back(FormatDay(day));
  json appointments = json::array();
  for (const RegistrantAppointment& appointment : registrant.appointments) {
    appointments.push_back({{"start", appointment.start.time_since_epoch().count()},
                            {"end", appointment.end.time_since_epoch().count()},
                            {"title", appointment.title},
                            {"place", appointment.place}});
  }
  return {{"order_code", registrant.order_code},
          {"first_name", registrant.first_name},
          {"last_name", registrant.last_name},
          {"organisation", registrant.organisation},
          {"email", registrant.email},
          {"category", registrant.category},
          {"country", registrant.country},
          {"days", days},
          {"appointments", appointments},
          {"note", registrant.note},
          {"ticket_codes", registrant.ticket_codes}};
}

Registrant RegistrantFromJson(const json& value) {
  RequireObject(value, "a registrant");
  Registrant registrant;
  registrant.order_code = StringField(value, key::kOrderCode, true);
  RequireIdentifierField(FieldKind::OrderCode, key::kOrderCode, registrant.order_code);
  if (registrant.order_code.empty() || CanonicalOrderCode(registrant.order_code) != registrant.order_code) {
    throw std::invalid_argument("field \"order_code\" must be a canonical, non-empty order code: \"" +
                                registrant.order_code + "\"");
  }
  const std::string& code = registrant.order_code;
  auto text = [&](const char* name) {
    try {
      return StringField(value, name, false);
    } catch (const std::invalid_argument& error) {
      throw std::invalid_argument(std::string(error.what()) + " (registrant " + code + ")");
    }
  };
  registrant.first_name = text("first_name");
  registrant.last_name = text("last_name");
  registrant.organisation = text("organisation");
  registrant.email = text("email");
  registrant.category = text("category");
  registrant.country = text("country");
  registrant.note = text("note");
  if (auto it = value.find("days"); it != value.end() && !it->is_null()) {
    if (!it->is_array()) throw std::invalid_argument("field \"days\" must be a list (registrant " + code + ")");
    for (const json& day : *it) {
      Day parsed = day.is_string() ? ParseDay(day.get<std::string>()) : Day{};
      if (!parsed.ok()) {
        throw std::invalid_argument("field \"days\" must hold YYYY-MM-DD days, got " + Describe(day) + " (registrant " +
                                    code + ")");
      }
      registrant.days.push_back(parsed);
    }
  }
  if (auto it = value.find("appointments"); it != value.end() && !it->is_null()) {
    if (!it->is_array()) throw std::invalid_argument("field \"appointments\" must be a list (registrant " + code + ")");
    for (const json& item : *it) {
      try {
        RequireObject(item, "an appointment");
        RegistrantAppointment appointment;
        appointment.start = Instant{std::chrono::seconds{IntegerField(item, "start")}};
        appointment.end =
            item.contains("end") ? Instant{std::chrono::seconds{IntegerField(item, "end")}} : appointment.start;
        appointment.title = StringField(item, "title", false);
        appointment.place = StringField(item, "place", false);
        registrant.appointments.push_back(std::move(appointment));
      } catch (const std::invalid_argument& error) {
        throw std::invalid_argument(std::string("field \"appointments\": ") + error.what() + " (registrant " + code +
                                    ")");
      }
    }
  }
  // Optional (a hub before issue 13 sends none): the codes a desk scans besides the order code, canonical.
  if (auto it = value.find("ticket_codes"); it != value.end() && !it->is_null()) {
    if (!it->is_array()) throw std::invalid_argument("field \"ticket_codes\" must be a list (registrant " + code + ")");
    for (const json& item : *it) {
      if (!item.is_string()) {
        throw std::invalid_argument("field \"ticket_codes\" must hold strings, got " + Describe(item) +
                                    " (registrant " + code + ")");
      }
      RequireIdentifierField(FieldKind::OrderCode, "ticket_codes", item.get<std::string>());
      registrant.ticket_codes.push_back(item.get<std::string>());
    }
    registrant.ticket_codes = CanonicalTicketCodes(registrant.ticket_codes, registrant.order_code);
  }
  return registrant;
}

}  // namespace kiosk::checkin
