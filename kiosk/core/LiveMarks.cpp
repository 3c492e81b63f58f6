// The bilingual wording of live marks and the sessions a room's door warns about (LiveMarks.h).
#include "kiosk/core/LiveMarks.h"

#include <cstdlib>

namespace kiosk {

std::pair<std::string, std::string> MarkDuration(int minutes, std::string_view space) {
  const std::string sp(space);
  const long long total = std::llabs(static_cast<long long>(minutes));
  if (total >= 48 * 60) {
    // A delay of days reads as days, not "Retardé +72 h".
    const std::string days = std::to_string((total + 24 * 60 - 1) / (24 * 60));
    return {days + sp + "jours", days + sp + "days"};
  }
  if (total < 60) {
    const std::string text = std::to_string(total) + sp + "min";
    return {text, text};
  }
  const long long h = total / 60, m = total % 60;
  const std::string hours = std::to_string(h) + sp + "h";
  if (m == 0) return {hours, hours};
  const std::string mm = (m < 10 ? "0" : "") + std::to_string(m);
  return {hours + sp + mm, hours + sp + mm + sp + "min"};
}

std::vector<LiveMarkText> LiveMarks(const Session& session, std::string_view room_name, std::string_view space) {
  const std::string dot = " \xC2\xB7 ";
  std::vector<LiveMarkText> marks;
  if (session.status == SessionStatus::Cancelled) {
    marks.push_back({MarkKind::Cancelled, "Annulé", "Cancelled", "Annulé" + dot + "Cancelled", "Annulé"});
    return marks;
  }
  const SessionMarks& m = session.marks;
  if (!m.moved_from.empty() && m.moved_from != session.room_key) {
    const std::string arrow = " \u2192 ", to(room_name);
    marks.push_back(
        {MarkKind::Moved, "Déplacé" + arrow + to, "Moved to " + to, "Déplacé" + dot + "Moved" + arrow + to, "Déplacé"});
  }
  if (m.delay_minutes > 0) {
    const auto [fr, en] = MarkDuration(m.delay_minutes, space);
    marks.push_back(
        {MarkKind::Delayed, "Retardé +" + fr, "Delayed +" + en, "Retardé" + dot + "Delayed +" + en, "+" + fr});
  } else if (m.delay_minutes < 0) {
    const auto [fr, en] = MarkDuration(-m.delay_minutes, space);
    marks.push_back(
        {MarkKind::Earlier, "Avancé de " + fr, en + " earlier", "Avancé" + dot + "Earlier " + en, "\u2212" + fr});
  }
  if (m.full) marks.push_back({MarkKind::Full, "Complet", "Full", "Complet" + dot + "Full", "Complet"});
  return marks;
}

std::vector<const Session*> RoomAlerts(const Programme& programme, const std::string& room_key, Instant now,
                                       const VenueZone& zone) {
  const Day today = zone.LocalDay(now);
  std::vector<const Session*> alerts;
  for (const Session& session : programme.sessions) {
    const bool cancelled_here = session.room_key == room_key && session.status == SessionStatus::Cancelled;
    const bool moved_away = session.marks.moved_from == room_key && session.room_key != room_key;
    if (!cancelled_here && !moved_away) continue;
    if (session.end <= now) continue;
    // One starting later than now must be on today's venue-local date; one already running counts whatever its day.
    if (session.start > now && zone.LocalDay(session.start) != today) continue;
    alerts.push_back(&session);
  }
  return alerts;
}

}  // namespace kiosk
