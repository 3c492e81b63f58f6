// Text helpers that every layer shares: keys that ignore case and accents, trimming, UTF-8 checks.
#pragma once

#include <string>
#include <string_view>

namespace kiosk {

/// Folds text to a comparison key: Unicode NFKD, marks stripped, case folded (utf8proc), runs of ASCII white space
/// and punctuation collapsed to one '-', trimmed. "Salle Écluse" and "salle  ecluse" give "salle-ecluse".
/// Invalid UTF-8 gives the bytes lower-cased as ASCII. Text with no letter or digit (e.g. "--") gives "".
/// Room keys and derived uids are made with it: it must not change, or stored identities would.
std::string NormalizeKey(std::string_view text);

/// NormalizeKey that also treats Unicode punctuation and spaces (’ ‘ « » – NBSP …) and the modifier-letter
/// apostrophes ʼ ʻ as separators, for matching what people type against titles and names: "d'ouverture",
/// "d’ouverture" and "dʼouverture" give "d-ouverture". Never an identity.
std::string MatchKey(std::string_view text);

/// Unicode NFC of valid UTF-8 (utf8proc); invalid UTF-8 is returned unchanged.
std::string ToNfc(std::string_view text);

/// True when `text` is well-formed UTF-8.
bool IsValidUtf8(std::string_view text);

/// Decodes Windows-1252 bytes to UTF-8 (the 5 undefined bytes map to U+FFFD).
std::string Windows1252ToUtf8(std::string_view bytes);

/// Removes leading and trailing ASCII white space.
std::string_view Trim(std::string_view text);

}  // namespace kiosk
