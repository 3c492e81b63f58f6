// Whether a kiosk's clock can be trusted against the programme it shows and the revision it holds.
#pragma once

#include <chrono>

#include "kiosk/core/Model.h"

namespace kiosk {

/// Whether the kiosk's clock can be trusted (issue 3 section 3): a clock more than a year before the event's first
/// session, or earlier than the revision it holds was made (`revision_made_at`, UTC) is wrong, and the screen must
/// not say "nothing on today". Clocks within kClockTolerance of the revision's maker count as right.
enum class ClockCheck { Plausible, BeforeEvent, BeforeRevision };
constexpr std::chrono::minutes kClockTolerance{5};
ClockCheck CheckClock(const Programme& programme, Instant revision_made_at, Instant now);

}  // namespace kiosk
