// libFuzzer target: arbitrary bytes through ImportFrabXml; only ImportError may come out.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "kiosk/core/Diagnostics.h"
#include "kiosk/importers/Importer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const kiosk::ImportOptions options = [] {
    kiosk::ImportOptions fixed;
    fixed.source_name = "fuzz.xml";
    return fixed;
  }();
  try {
    kiosk::ImportFrabXml(std::string_view(reinterpret_cast<const char*>(data), size), options);
  } catch (const kiosk::ImportError&) {
    // Rejected input is the expected outcome; any other exception escapes and is reported as a crash.
  }
  return 0;
}
