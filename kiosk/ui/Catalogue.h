// The one catalogue of the screens' own words (labels, messages), in French and English.
#pragma once

#include <string_view>
#include <utility>
#include <vector>

#include "kiosk/ui/BoardViewModel.h"

namespace kiosk::ui {

/// One entry of the catalogue: a stable key ("board.later") and its French and English text, as typed (the screens
/// apply FrenchDisplay where French typography is due).
struct CatalogueEntry {
  std::string_view key;
  Bilingual text;
};

/// The interface string `key` in French and English. An unknown key is a programming error caught by the tests
/// (catalogue_tests); at run time it returns {key, key} and logs the key once to stderr. Never throws.
const Bilingual& UiText(std::string_view key);

/// Every entry, sorted by key: for the fonts' glyph ranges (every character of the interface gets a glyph) and the
/// tests (keys unique, both languages present).
const std::vector<CatalogueEntry>& UiCatalogue();

}  // namespace kiosk::ui
