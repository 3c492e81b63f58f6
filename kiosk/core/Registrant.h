// Registrants and check-in events (issue 4): the personal data of the check-in desk. It lives in the registrant
// store, a SQLite file of its own that public screens and published snapshots never open (DESIGN.md data flow 4).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/Model.h"

namespace kiosk {

/// One entry of a registrant's own programme: a workshop they signed up for, or a B2B meeting at a table.
struct RegistrantAppointment {
  Instant start{};    ///< UTC
  Instant end{};      ///< UTC; equal to start when the source gives no end
  std::string title;  ///< "Atelier Eau et assainissement", "B2B : Ville de Hué"
  std::string place;  ///< "Salon Monge", "Table 7 (Salon Laplace)"; may be empty

  bool operator==(const RegistrantAppointment&) const = default;
};

/// A person registered for the event, as a registration platform exports them. Identity: the order code.
struct Registrant {
  std::string order_code;  ///< CanonicalOrderCode of the platform's code (pretix "K7Q2A", Eventbrite "11211912243")
  std::string first_name;
  std::string last_name;
  std::string organisation;  ///< local government, company or body ("Ville de Lyon")
  std::string email;
  std::string category;  ///< "élu·e", "technicien·ne", "partenaire", "presse", or the platform's product / ticket type
  std::string country;    ///< as the source gives it ("France", "Vietnam", "VN")
  std::vector<Day> days;  ///< venue-local days they attend, ascending; empty: every day of the event
  std::vector<RegistrantAppointment> appointments;  ///< their own programme, by start
  std::string note;  ///< pretix "Requires special attention" / "Comment"; shown to desk staff only
  /// The other codes that name this person at the desk (issue 13 section 3): what their ticket prints or its QR code
  /// holds when that is not the order code (pretix's ticket secret, a platform's barcode number). Scanning or typing
  /// any of them finds them, as their order code does. Canonical form (CanonicalTicketCodes): each CanonicalOrderCode,
  /// none empty, none equal to order_code, no repeats, ascending; the store refuses a code two registrants share.
  std::vector<std::string> ticket_codes;

  bool operator==(const Registrant&) const = default;
};

/// Canonical form of an order code as people and barcode scanners type it: ASCII white space trimmed, letters
/// upper-cased by character (utf8proc_toupper after NFC, so "RéUNION" gives "RÉUNION"; ASCII-only or invalid UTF-8:
/// ASCII letters only), nothing else changed ("  k7q2a\r" gives "K7Q2A"). Throws nothing.
std::string CanonicalOrderCode(std::string_view code);

/// The canonical form of Registrant::ticket_codes: CanonicalOrderCode of each of `codes`, empty ones and those equal
/// to `order_code` (canonical) dropped, sorted ascending, repeats removed. Throws nothing.
std::vector<std::string> CanonicalTicketCodes(const std::vector<std::string>& codes, std::string_view order_code);

/// Milliseconds since the Unix epoch, UTC: the time of a check-in event (ms so that two events of one second order).
using EventTime = std::chrono::sys_time<std::chrono::milliseconds>;

/// A check-in event is either a check-in or the undo of one.
enum class CheckinKind { In, Undo };

/// One append-only check-in event (DESIGN.md data flow 4). Events are never changed or deleted; desks and the hub
/// merge them as a union by uuid, so a replayed event never counts twice.
struct CheckinEvent {
  std::string uuid;        ///< RFC 4122 version 4, lower-case hex with hyphens (36 characters); the identity
  std::string order_code;  ///< CanonicalOrderCode
  std::string desk;        ///< desk name, e.g. "A" or "Accueil 1"
  EventTime at{};          ///< when the desk made it (the desk's clock), UTC
  CheckinKind kind = CheckinKind::In;
  std::string undoes;  ///< Undo: the uuid of the In event it cancels; empty for In

  bool operator==(const CheckinEvent&) const = default;
};

/// Where a registrant stands, derived from all their events: an In counts unless an Undo names it.
struct CheckinStatus {
  bool checked_in = false;
  std::optional<CheckinEvent> first;  ///< the earliest In not undone (at, then uuid); set when checked_in
  /// Every In not undone, earliest first. More than one means two desks checked the same person in while they could
  /// not see each other (offline): the desk shows it as a warning, never silently.
  std::vector<CheckinEvent> active;
};

/// Derives the status of one registrant from their events (any order; events of other codes are ignored).
CheckinStatus DeriveCheckinStatus(std::string_view order_code, const std::vector<CheckinEvent>& events);

/// "in" / "undo". ParseCheckinKind throws std::invalid_argument for anything else.
std::string_view CheckinKindName(CheckinKind kind);
CheckinKind ParseCheckinKind(std::string_view name);

}  // namespace kiosk
