// libFuzzer target for the iCalendar importer: any input either imports or throws ImportError, and what imports holds
// the model's invariants (end >= start, every session in a known room, venue-local day of its start).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "kiosk/core/VenueZone.h"
#include "kiosk/importers/Importer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  kiosk::ImportOptions options;
  options.source_name = "fuzz.ics";
  try {
    const kiosk::ImportResult result =
        kiosk::ImportICalendar(std::string_view(reinterpret_cast<const char*>(data), size), options);
    const kiosk::Programme& programme = result.programme;
    const kiosk::VenueZone venue(programme.conference.time_zone);
    for (const kiosk::Session& session : programme.sessions) {
      if (session.end < session.start) std::abort();
      if (programme.FindRoom(session.room_key) == nullptr) std::abort();
      if (session.day != venue.LocalDay(session.start)) std::abort();
    }
  } catch (const kiosk::ImportError&) {
  }
  return 0;
}
