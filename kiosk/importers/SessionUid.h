// A session's uid as every importer makes it (DESIGN.md identity: re-importing the same file changes nothing).
#pragma once

#include <string>
#include <string_view>

namespace kiosk::importers {

/// What a session without a guid or id is identified by.
struct DerivedUid {
  std::string_view scheme;    ///< the format: "csv", "frab", "ics"
  std::string when;           ///< its start as the format reads it ("2026-07-08T09:30" venue-local, or UTC with Z)
  std::string_view room_key;  ///< Room::key; empty: the format leaves the room out ("ics")
  std::string_view title;     ///< the title; cleaned and cut as the session keeps it (CleanDisplayText) first
};

/// A session's uid: its `guid` (frab event@guid, iCalendar UID; unique across systems), else "id:" + `source_id`
/// (a spreadsheet's id column, frab event@id), else derived from what the source says of it:
/// SCHEME ":" WHEN ["@" ROOM_KEY] "/" NormalizeKey(CleanDisplayText(TITLE)), so an over-long title gives a bounded
/// uid ("csv:2026-07-08T09:30@salle-ecluse/ouverture",
/// "ics:2026-07-08T10:00:00Z/sans-salle"). A uid is identity: this spelling must not change, or a re-import would
/// no longer find the sessions that live changes name. Never throws.
std::string SessionUid(std::string_view guid, std::string_view source_id, const DerivedUid& derived);

}  // namespace kiosk::importers
