// kioskctl's clock: the system clock, or the rehearsal instant of --now / $KIOSK_NOW (as kiosk --now).
#include <memory>
#include <stdexcept>
#include <string>

#include "tools/kioskctl/Commands.h"

namespace kiosk::ctl {
namespace {

std::string& RehearsalText() {
  static std::string text;
  return text;
}

}  // namespace

void SetRehearsalNow(std::string text) { RehearsalText() = std::move(text); }

const Clock& CommandClock(const VenueZone& zone) {
  static const SystemClock system;
  static std::unique_ptr<FixedClock> rehearsal;
  if (RehearsalText().empty()) return system;
  try {
    rehearsal = std::make_unique<FixedClock>(ParseIsoInstant(RehearsalText(), zone));
  } catch (const std::invalid_argument& error) {
    throw InvalidInput(std::string("--now (or KIOSK_NOW): ") + error.what());
  }
  return *rehearsal;
}

std::string DescribeClock(const VenueZone& zone) {
  const Instant now = CommandClock(zone).Now();
  const std::string iso = zone.FormatIso(now);  // 2026-12-07T20:05:00+01:00
  return iso.substr(0, 10) + " " + iso.substr(11, 5) + " (" + zone.Name() + ") by " +
         (RehearsalText().empty() ? "this machine's clock" : "--now");
}

}  // namespace kiosk::ctl
