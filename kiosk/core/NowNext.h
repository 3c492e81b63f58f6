// Now/next queries over a programme at a given instant: what a board or door sign shows.
#pragma once

#include <optional>
#include <vector>

#include "kiosk/core/Model.h"

namespace kiosk {

/// What a room has on now and next at one instant. Pointers into the Programme; null when none.
struct RoomNowNext {
  const Room* room = nullptr;
  const Session* now = nullptr;   ///< confirmed, start <= t < end (a cancelled session is never now)
  const Session* next = nullptr;  ///< the first confirmed session starting after t (any later day)
};

// Every query expects programme.sessions in Programme::Normalize() order (by start), as importers and the store give
// it.

/// The session on now in a room, or nullptr. Zero-length sessions are never on now.
const Session* SessionOnNow(const Programme& programme, const std::string& room_key, Instant t);
/// The first confirmed session in the room starting strictly after t (ties: by uid), or nullptr.
const Session* NextSession(const Programme& programme, const std::string& room_key, Instant t);
/// Now/next for every room, in the programme's room order.
std::vector<RoomNowNext> NowNextByRoom(const Programme& programme, Instant t);

/// The programme day a board should show at t: the day whose confirmed sessions span t; else the first day that is
/// still to come (venue-local date >= today); else the last day. nullopt for an empty programme.
std::optional<Day> CurrentDay(const Programme& programme, Instant t, Day venue_today);

/// Sessions filed under `day`, by start then room order.
std::vector<const Session*> SessionsOfDay(const Programme& programme, Day day);

/// The session that opens the event: the earliest-starting confirmed one (all cancelled: the earliest of all), the
/// one a countdown counts to. nullptr for an empty programme. Same rule as PhaseAt.
const Session* OpeningSession(const Programme& programme);

/// Where t stands relative to the whole programme.
enum class EventPhase { Before, During, After };
/// Before the first confirmed session's start, after the last confirmed session's end, else During; cancelled
/// sessions don't open or close the event (all cancelled: every session counts). Empty programme: Before.
EventPhase PhaseAt(const Programme& programme, Instant t);

}  // namespace kiosk
