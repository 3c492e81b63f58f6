// The one catalogue of the screens' own words (labels, messages), in French and English.
//
// Keys are "section.name" in lower case ASCII, digits and '_' (tests/catalogue_tests checks the shape): the section
// says where the words show ("common" on several screens, "board", "countdown", "closing", "timeline", "footer",
// "door", "overlay" for announcements and the wrong-clock band, "desk" for the check-in desk, "date" and "kind" for
// names the view models compose, "mark", "time", "message"; "plan", "partners", "qr", "interactive" for the lobby
// pages and touch screens). A key is never renamed once screens use it; a new wording keeps its key. Values go in
// through "{name}" placeholders (see Format). Every key a source names must be in the table and every entry must be
// named by a source under kiosk/ui (catalogue_tests scans them), so keys are written out whole, never composed.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kiosk/ui/BoardViewModel.h"

namespace kiosk::ui {

/// One entry of the catalogue: a stable key ("common.later") and its French and English text, as typed (the screens
/// apply FrenchDisplay where French typography is due).
struct CatalogueEntry {
  std::string_view key;
  Bilingual text;
};

/// The interface string `key` in French and English. An unknown key is a programming error caught by the tests
/// (catalogue_tests); at run time it returns {key, key} and logs the key once to stderr. Never throws.
const Bilingual& UiText(std::string_view key);

/// One value for a placeholder: its name (without braces) and the text that replaces it.
using FormatValue = std::pair<std::string_view, std::string_view>;

/// Placeholders: an entry's text may hold "{name}" (ASCII letters, digits, '_'), which Format replaces with the value
/// given for that name: Format("Salle libre jusqu’à {time}", {{"time", "14:15"}}) -> "Salle libre jusqu’à 14:15". A
/// placeholder with no value given is left as written (a tester sees it); a value is inserted as is (never scanned
/// again), so a room named "{x}" stays "{x}". Typography (FrenchDisplay) is applied by the caller, after Format.
std::string Format(std::string_view text, std::initializer_list<FormatValue> values);
/// Format on both languages of `text`.
Bilingual Format(const Bilingual& text, std::initializer_list<FormatValue> values);

/// Every entry, sorted by key: for the fonts' glyph ranges (every character of the interface gets a glyph) and the
/// tests (keys unique, both languages present).
const std::vector<CatalogueEntry>& UiCatalogue();

}  // namespace kiosk::ui
