// Validation rules every importer applies: the warnings that let an import go on.
#pragma once

#include <set>
#include <string>
#include <utility>
#include <vector>

#include "kiosk/core/Diagnostics.h"
#include "kiosk/core/Model.h"

namespace kiosk {

/// Sessions by identity (uid, start in UTC).
using SessionKeys = std::set<std::pair<std::string, Instant>>;

/// Checks a parsed programme and returns warnings (never throws):
/// - confirmed sessions overlapping in one room: one warning per group (a run of sessions by start, each starting
///   before the latest end of those before it), found in O(n log n) a room: "3 sessions overlap in Salon Monge
///   between 10:00 and 11:30 on 2026-07-08: "A" (1), "B" (2) and "C" (3)", at the group's second session; the times
///   (venue time) span where two or more of them run at once; beyond three sessions the first two are named and the
///   rest counted ("… "B" (2) and 10 more"). Zero-length sessions overlap nothing;
/// - a zero-length session, unless it is in `zero_length_reported` (an importer already said why in its own words,
///   e.g. an empty frab <duration>);
/// - a session outside the conference days (when ConferenceInfo has first/last day);
/// `source` names the file in each warning's `where`. At most about 2 warnings a session (a group holds two or more);
/// callers bound what they keep with BoundWarnings.
std::vector<Warning> ValidateProgramme(const Programme& programme, const std::string& source,
                                       const SessionKeys& zero_length_reported = {});

}  // namespace kiosk
