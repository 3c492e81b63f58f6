// How a session's live changes read on every screen and in kioskctl's board (issue 3): the bilingual mark texts and
// the sessions a room's door must warn about. Pure std (no ImGui), shared by kiosk_ui and kioskctl.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kiosk/core/Model.h"
#include "kiosk/core/VenueZone.h"

namespace kiosk {

/// The kind of a live change a session carries, most important first in LiveMarks (each with its badge colour on
/// screen, kiosk::ui::Theme::MarkColour). Interpretation is no live change: the badge of a session's simultaneous
/// interpretation (Session::interpretation, issue 13), which the screens draw after the live marks.
enum class MarkKind { Cancelled, Moved, Delayed, Earlier, Full, Interpretation };

/// One mark's wording, French and English, in the three lengths the screens need.
struct LiveMarkText {
  MarkKind kind = MarkKind::Delayed;
  /// "Retardé +15 min" / "Delayed +15 min", "Avancé de 10 min" / "10 min earlier", "Déplacé → Salon Monge" /
  /// "Moved to Salon Monge", "Annulé" / "Cancelled", "Complet" / "Full".
  std::string fr;
  std::string en;
  /// Both languages on one short line: "Retardé · Delayed +15 min", "Déplacé · Moved → Salon Monge", "Annulé ·
  /// Cancelled", "Complet · Full".
  std::string compact;
  /// The shortest form: "+15 min", "−10 min", "Déplacé", "Annulé", "Complet".
  std::string brief;

  bool operator==(const LiveMarkText&) const = default;
};

/// A duration in minutes as the marks say it, with `space` between number and unit: "25 min" / "25 min",
/// "1 h 10" / "1 h 10 min", "1 h" / "1 h"; from 48 h on, whole days rounded up: "3 jours" / "3 days". Returns
/// {French, English}. `minutes` < 0 counts as its absolute value.
std::pair<std::string, std::string> MarkDuration(int minutes, std::string_view space = "\xC2\xA0");

/// The marks of `session` (its SessionMarks and status), most important first: a cancelled session has only
/// "Annulé" / "Cancelled"; otherwise moved (when its room differs from marks.moved_from), delayed or brought forward,
/// full. `room_name`: the display name of the session's current room (for "Déplacé → …"); `space`: the space inside
/// durations (no-break on screen, plain in text output).
std::vector<LiveMarkText> LiveMarks(const Session& session, std::string_view room_name,
                                    std::string_view space = "\xC2\xA0");

/// Sessions that people may come to room `room_key` for but that will not take place there: cancelled ones in the
/// room and ones moved away from it (Session::marks.moved_from), not yet ended at `now` (UTC) and starting on the
/// venue-local date of `now` (or already started). By start (programme order).
std::vector<const Session*> RoomAlerts(const Programme& programme, const std::string& room_key, Instant now,
                                       const VenueZone& zone);

}  // namespace kiosk
