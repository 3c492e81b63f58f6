// libFuzzer target for the CSV importer: any input either imports or throws ImportError; nothing else is allowed.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "kiosk/core/Diagnostics.h"
#include "kiosk/importers/Importer.h"

/// Imports `data` as CSV; aborts when the result breaks a model invariant (an exception other than ImportError
/// escapes to libFuzzer, which reports it as a crash).
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  kiosk::ImportOptions options;
  options.source_name = "fuzz.csv";
  try {
    const kiosk::ImportResult result = kiosk::ImportCsv(bytes, options);
    for (const kiosk::Session& session : result.programme.sessions) {
      if (session.end < session.start || session.uid.empty() || !result.programme.FindRoom(session.room_key)) {
        std::abort();
      }
    }
    for (const kiosk::Room& room : result.programme.rooms) {
      if (room.key.empty()) std::abort();
    }
  } catch (const kiosk::ImportError&) {
    // Bad input, reported with a message: the expected outcome for most fuzz inputs.
  }
  return 0;
}
