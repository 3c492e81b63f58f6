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
/// - two confirmed sessions overlapping in one room (names both, the room and the overlap in venue time);
/// - a zero-length session, unless it is in `zero_length_reported` (an importer already said why in its own words,
///   e.g. an empty frab <duration>);
/// - a session outside the conference days (when ConferenceInfo has first/last day);
/// `source` names the file in each warning's `where`.
std::vector<Warning> ValidateProgramme(const Programme& programme, const std::string& source,
                                       const SessionKeys& zero_length_reported = {});

}  // namespace kiosk
