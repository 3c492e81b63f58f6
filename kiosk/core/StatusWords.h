// The one list of words a programme file may give for a session's status (spreadsheet "status" column, frab/pretalx
// <status>, @state, JSON "state"/"status").
#pragma once

#include <optional>
#include <string_view>

#include "kiosk/core/Model.h"

namespace kiosk {

/// The status `word` says, compared by NormalizeKey (case and accents ignored): Confirmed for "" (none given),
/// "confirmed", "confirmé(e)", "scheduled", "accepted", "accepté"; Cancelled for "cancelled", "canceled", "annulé",
/// "annulée". nullopt for any other word (the spreadsheet importer warns and reads it as confirmed; frab's states such
/// as "confirmed" or "unconfirmed" are not cancellations). Never throws.
std::optional<SessionStatus> ParseStatusWord(std::string_view word);

}  // namespace kiosk
