// libFuzzer target for the registrant importer (pretix, Eventbrite, sheet): any input either imports or throws
// ImportError; nothing else is allowed, and what imports keeps the store's invariants.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <set>
#include <string>
#include <string_view>

#include "kiosk/core/Diagnostics.h"
#include "kiosk/importers/RegistrantImporter.h"

/// Imports `data` as a registrant CSV; aborts when a registrant has no code, a code twice, or a code that is not
/// canonical (an exception other than ImportError escapes to libFuzzer, which reports it as a crash).
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  kiosk::RegistrantImportOptions options;
  options.source_name = "fuzz.csv";
  try {
    const kiosk::RegistrantImportResult result = kiosk::ImportRegistrantsCsv(bytes, options);
    std::set<std::string> codes;
    for (const kiosk::Registrant& registrant : result.registrants) {
      if (registrant.order_code.empty() || registrant.order_code != kiosk::CanonicalOrderCode(registrant.order_code) ||
          !codes.insert(registrant.order_code).second) {
        std::abort();
      }
      for (const kiosk::RegistrantAppointment& appointment : registrant.appointments) {
        if (appointment.end < appointment.start) std::abort();
      }
    }
  } catch (const kiosk::ImportError&) {
    // Bad input, reported with a message.
  }
  return 0;
}
