// The hub's token read from a file (kiosk --token-file, kioskctl serve --token-file): one reader for both ends.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace kiosk::checkin {

/// The first line of the file at `path`, ASCII white space trimmed on both sides (a trailing "\r\n" or a space typed
/// by hand never becomes part of the token). nullopt when the file cannot be opened or holds no line at all (empty).
/// Never throws. The caller checks the token itself (kioskctl serve: kMinTokenLength, printable ASCII).
std::optional<std::string> ReadTokenFile(const std::filesystem::path& path);

}  // namespace kiosk::checkin
