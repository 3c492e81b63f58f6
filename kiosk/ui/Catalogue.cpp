// The catalogue's table. Keys are "screen.what"; keep each section sorted by key.
#include "kiosk/ui/Catalogue.h"

#include <algorithm>
#include <cstdio>
#include <mutex>
#include <set>
#include <string>

namespace kiosk::ui {
namespace {

std::vector<CatalogueEntry> BuildCatalogue() {
  std::vector<CatalogueEntry> entries = {
      // --- common: every screen (Screens.cpp, Overlays)
      {"common.later", {"Plus tard", "Later"}},
      {"common.next", {"Ensuite", "Next"}},
      // --- lobby pages: partners and venue plan (PageScreens.cpp)
      {"plan.you_are_here", {"Vous êtes ici", "You are here"}},
      {"partners.title", {"Nos partenaires", "Our partners"}},
      {"qr.programme", {"Le programme en ligne", "The programme online"}},
      // --- interactive (InteractiveScreen.cpp)
      {"interactive.back", {"Retour", "Back"}},
  };
  std::sort(entries.begin(), entries.end(),
            [](const CatalogueEntry& a, const CatalogueEntry& b) { return a.key < b.key; });
  return entries;
}

}  // namespace

const std::vector<CatalogueEntry>& UiCatalogue() {
  static const std::vector<CatalogueEntry> entries = BuildCatalogue();
  return entries;
}

const Bilingual& UiText(std::string_view key) {
  const std::vector<CatalogueEntry>& entries = UiCatalogue();
  auto it = std::lower_bound(entries.begin(), entries.end(), key,
                             [](const CatalogueEntry& entry, std::string_view k) { return entry.key < k; });
  if (it != entries.end() && it->key == key) return it->text;
  // A missing key shows itself (a tester sees it) and is logged once.
  static std::mutex mutex;
  static std::set<std::string, std::less<>> missing;
  static std::vector<Bilingual>* shown = new std::vector<Bilingual>();  // never freed: references stay valid
  std::lock_guard<std::mutex> lock(mutex);
  if (missing.insert(std::string(key)).second) {
    std::fprintf(stderr, "kiosk: catalogue: no text for key '%.*s'\n", static_cast<int>(key.size()), key.data());
    shown->reserve(1024);
  }
  for (const Bilingual& text : *shown)
    if (text.fr == key) return text;
  shown->push_back({std::string(key), std::string(key)});
  return shown->back();
}

}  // namespace kiosk::ui
