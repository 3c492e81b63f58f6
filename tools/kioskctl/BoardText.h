// The board as text (for ssh and tests) and as a static HTML page (the browser peer of the benchmark).
#pragma once

#include <optional>
#include <string>

#include "kiosk/core/Model.h"
#include "kiosk/store/ScheduleStore.h"

namespace kiosk {

/// One line per room: "Room | now 10:00-11:30 Title [Retardé +15 min / Delayed +15 min] | next 11:45 Title
/// [Complet / Full]" (venue-local times, "now -" / "next -" when none; live changes in brackets as the screens word
/// them), then "| not here: 11:45 Title [Déplacé → Grand Salon / Moved to Grand Salon]" for each session people may
/// come to the room for today that was cancelled or moved away. Before the rooms: a heading line with the event, the
/// venue-local date and time, the zone and the revision; one line per active announcement, "ALERTE / EMERGENCY: …",
/// "ANNONCE URGENTE / URGENT: …", "INFO: …" (text / English). `room_filter`: a room as FindRoom (core/RoomLookup.h)
/// reads it (key, name, or a unique word of the name); nullopt for every room; it adds the announcements for that
/// room. Throws std::invalid_argument (FindRoom's message) when the filter names no room, or several.
std::string BoardAsText(const LoadedProgramme& loaded, Instant at, const std::optional<std::string>& room_filter);

/// The same board as a self-contained HTML page styled like the kiosk's lobby board (1920x1080): the announcements
/// for every screen on top, the marks as badges, the footer "Mis à jour à 14:05 · révision 7 / Updated …".
std::string BoardAsHtml(const LoadedProgramme& loaded, Instant at);

}  // namespace kiosk
