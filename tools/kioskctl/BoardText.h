// The board as text (for ssh and tests) and as a static HTML page (the browser peer of the benchmark).
#pragma once

#include <optional>
#include <string>

#include "kiosk/core/Model.h"
#include "kiosk/store/ScheduleStore.h"

namespace kiosk {

/// One line per room: "Room | now 10:00-11:30 Title | next 11:45 Title" (venue-local times, "now -" / "next -" when
/// none), after a heading line with the event, the venue-local date and time, the zone and the revision.
/// `room_filter`: a room key or name (compared with NormalizeKey); nullopt for every room.
/// Throws std::invalid_argument when the filter names no room.
std::string BoardAsText(const LoadedProgramme& loaded, Instant at, const std::optional<std::string>& room_filter);

/// The same board as a self-contained HTML page styled like the kiosk's lobby board (1920x1080).
std::string BoardAsHtml(const LoadedProgramme& loaded, Instant at);

}  // namespace kiosk
