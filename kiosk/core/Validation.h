// Validation rules every importer applies: the warnings that let an import go on.
#pragma once

#include <string>
#include <vector>

#include "kiosk/core/Diagnostics.h"
#include "kiosk/core/Model.h"

namespace kiosk {

/// Checks a parsed programme and returns warnings (never throws):
/// - two confirmed sessions overlapping in one room (names both, the room and the overlap in venue time);
/// - a zero-length session;
/// - a session outside the conference days (when ConferenceInfo has first/last day);
/// `source` names the file in each warning's `where`.
std::vector<Warning> ValidateProgramme(const Programme& programme, const std::string& source);

}  // namespace kiosk
