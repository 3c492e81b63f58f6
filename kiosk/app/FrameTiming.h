// When the kiosk's frame loop (windowed or headless) must build a new view, and how long it may sleep in between.
#pragma once

#include "kiosk/core/Model.h"

namespace kiosk::app {

/// The longest the frame loop sleeps between two looks at the clock, the store and the sync status (seconds): a
/// clock jump or a new revision is on screen within this, plus the time to build the view.
constexpr double kMaxWaitSeconds = 0.5;
/// The shortest sleep, so a loop that is late never spins.
constexpr double kMinWaitSeconds = 0.01;

/// Whether a view built for `shown_now` (UTC), valid until `shown_next_change` (its next minute or session
/// boundary), is out of date at `now`: that boundary has passed, or the clock stepped back before `shown_now` (NTP,
/// a manual fix, a test's jump), which must not wait until real time reaches the old boundary again.
inline bool ViewOutOfDate(Instant now, Instant shown_now, Instant shown_next_change) {
  return now >= shown_next_change || now < shown_now;
}

}  // namespace kiosk::app
