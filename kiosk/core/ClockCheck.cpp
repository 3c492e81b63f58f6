// The clock check (see ClockCheck.h).
#include "kiosk/core/ClockCheck.h"

#include <algorithm>

namespace kiosk {

ClockCheck CheckClock(const Programme& programme, Instant revision_made_at, Instant now) {
  // Machines disagree by seconds: only a clock clearly behind the revision's maker is wrong.
  if (revision_made_at.time_since_epoch().count() > 0 && now < revision_made_at - kClockTolerance)
    return ClockCheck::BeforeRevision;
  Instant first = Instant::max();
  for (const Session& session : programme.sessions) first = std::min(first, session.start);
  // A year: 366 days, so a leap year never flags a clock that is right.
  if (first != Instant::max() && now < first - std::chrono::hours{24 * 366}) return ClockCheck::BeforeEvent;
  return ClockCheck::Plausible;
}

}  // namespace kiosk
