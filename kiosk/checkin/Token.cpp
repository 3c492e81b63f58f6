// The hub's token read from a file (Token.h).
#include "kiosk/checkin/Token.h"

#include <fstream>

#include "kiosk/core/Text.h"

namespace kiosk::checkin {

std::optional<std::string> ReadTokenFile(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::string line;
  if (!in || !std::getline(in, line)) return std::nullopt;
  return std::string(Trim(line));
}

}  // namespace kiosk::checkin
