// The interface catalogue (kiosk/ui/Catalogue.h): keys unique and sorted, both languages present, the same
// placeholders in both, every key the screens use in the table and every entry used (the sources are scanned).
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "kiosk/ui/Catalogue.h"
#include "kiosk/ui/Overlays.h"

using namespace kiosk::ui;

namespace {

/// The sources that draw interface text: kiosk/ui/*.cpp and *.h, except the catalogue's own table.
std::map<std::string, std::string> UiSources() {
  std::map<std::string, std::string> sources;
  const std::filesystem::path dir = std::filesystem::path(KIOSK_SOURCE_DIR) / "kiosk" / "ui";
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    const std::filesystem::path& path = entry.path();
    if (path.extension() != ".cpp" && path.extension() != ".h") continue;
    if (path.filename() == "Catalogue.cpp") continue;
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    sources[path.filename().string()] = text.str();
  }
  return sources;
}

/// The "{name}" placeholders of `text`.
std::set<std::string> Placeholders(const std::string& text) {
  std::set<std::string> names;
  static const std::regex placeholder(R"(\{([A-Za-z0-9_]+)\})");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), placeholder); it != std::sregex_iterator(); ++it)
    names.insert((*it)[1].str());
  return names;
}

/// The section of a key: what comes before its first '.'.
std::string Section(std::string_view key) { return std::string(key.substr(0, key.find('.'))); }

bool InCatalogue(std::string_view key) {
  const auto& entries = UiCatalogue();
  return std::any_of(entries.begin(), entries.end(), [&](const CatalogueEntry& e) { return e.key == key; });
}

}  // namespace

TEST_CASE("catalogue: keys are unique, sorted, section.name in lower case, both languages non-empty") {
  const std::vector<CatalogueEntry>& entries = UiCatalogue();
  REQUIRE(entries.size() > 100);
  static const std::regex key_shape(R"([a-z]+\.[a-z0-9_]+)");
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const CatalogueEntry& entry = entries[i];
    CAPTURE(entry.key);
    CHECK(std::regex_match(std::string(entry.key), key_shape));
    CHECK_FALSE(entry.text.fr.empty());
    CHECK_FALSE(entry.text.en.empty());
    if (i > 0) CHECK(entries[i - 1].key < entry.key);  // sorted and so unique
  }
}

TEST_CASE("catalogue: the table in Catalogue.cpp lists each section's keys in order, each key once") {
  std::ifstream in(std::filesystem::path(KIOSK_SOURCE_DIR) / "kiosk" / "ui" / "Catalogue.cpp", std::ios::binary);
  std::string line, previous;
  int keys = 0;
  static const std::regex entry(R"re(^\s*\{"([a-z]+\.[a-z0-9_]+)",)re");
  std::set<std::string> seen;
  while (std::getline(in, line)) {
    if (line.find("// ---") != std::string::npos) previous.clear();  // a new section
    std::smatch match;
    if (!std::regex_search(line, match, entry)) continue;
    const std::string key = match[1].str();
    CAPTURE(key);
    CHECK(previous < key);
    CHECK(seen.insert(key).second);
    previous = key;
    ++keys;
  }
  CHECK(keys == static_cast<int>(UiCatalogue().size()));
}

TEST_CASE("catalogue: the English of an entry takes no value its French lacks, and most take the same") {
  int differ = 0;
  for (const CatalogueEntry& entry : UiCatalogue()) {
    CAPTURE(entry.key);
    const std::set<std::string> fr = Placeholders(entry.text.fr), en = Placeholders(entry.text.en);
    CHECK(std::includes(fr.begin(), fr.end(), en.begin(), en.end()));
    if (fr != en) ++differ;
  }
  // The desk's short English lines leave out what its French spells out ("No match", "Registrant store unreadable").
  CHECK(Placeholders(UiText("desk.no_match_for").fr) == std::set<std::string>{"query"});
  CHECK(differ == 2);
}

TEST_CASE("catalogue: UiText finds every entry by key, and shows an unknown key as itself") {
  for (const CatalogueEntry& entry : UiCatalogue()) CHECK(&UiText(entry.key) == &entry.text);
  CHECK(UiText("common.next") == Bilingual{"Ensuite", "Next"});
  const Bilingual& unknown = UiText("no.such_key");
  CHECK(unknown.fr == "no.such_key");
  CHECK(unknown.en == "no.such_key");
  CHECK(&UiText("no.such_key") == &unknown);  // the same reference every time
}

TEST_CASE("catalogue: Format replaces {name} placeholders, leaves unknown ones, never rescans values") {
  CHECK(Format("Salle libre jusqu’à {time}", {{"time", "14:15"}}) == "Salle libre jusqu’à 14:15");
  CHECK(Format("{n} / {n}", {{"n", "3"}}) == "3 / 3");
  CHECK(Format("{a}{b}", {{"a", "x"}, {"b", "y"}}) == "xy");
  CHECK(Format("Room {room}", {{"room", "{time}"}, {"time", "no"}}) == "Room {time}");
  CHECK(Format("{missing} here", {}) == "{missing} here");
  CHECK(Format("an { alone and {unclosed", {{"unclosed", "x"}}) == "an { alone and {unclosed");
  CHECK(Format("", {{"a", "b"}}).empty());
  const Bilingual both = Format(UiText("footer.updated_at"), {{"time", "14:05"}, {"revision", "7"}});
  CHECK(both.fr == "Mis à jour à 14:05 · révision 7");
  CHECK(both.en == "Updated 14:05 · revision 7");
}

TEST_CASE("catalogue: every key the ui sources name is in the table, and every entry is used") {
  const std::map<std::string, std::string> sources = UiSources();
  REQUIRE(sources.count("Screens.cpp") == 1);
  std::set<std::string> sections;
  for (const CatalogueEntry& entry : UiCatalogue()) sections.insert(Section(entry.key));

  // Keys named in UiText("...") calls (either branch of a `?:` inside the call too), and any other string literal
  // shaped like a key of a catalogue section (tables of keys such as the day names).
  std::set<std::string> named;
  static const std::regex call(R"re(UiText\(\s*(?:[^;()"]*\?\s*)?"([^"]+)"(?:\s*:\s*"([^"]+)")?\s*\))re");
  static const std::regex literal(R"re("([a-z]+\.[a-z0-9_]+)")re");
  for (const auto& [file, text] : sources) {
    for (auto it = std::sregex_iterator(text.begin(), text.end(), call); it != std::sregex_iterator(); ++it) {
      named.insert((*it)[1].str());
      if ((*it)[2].matched) named.insert((*it)[2].str());
    }
    for (auto it = std::sregex_iterator(text.begin(), text.end(), literal); it != std::sregex_iterator(); ++it)
      if (sections.count(Section((*it)[1].str()))) named.insert((*it)[1].str());
  }
  REQUIRE(named.count("common.next") == 1);
  REQUIRE(named.count("date.sunday") == 1);  // a table of keys, not a UiText call
  for (const std::string& key : named) {
    CAPTURE(key);
    CHECK(InCatalogue(key));
  }
  for (const CatalogueEntry& entry : UiCatalogue()) {
    CAPTURE(entry.key);
    CHECK(named.count(std::string(entry.key)) == 1);
  }
}

TEST_CASE("catalogue: the screens' strings moved in keep their words (board, door sign, desk, clock band)") {
  CHECK(Format(UiText("common.free_until"), {{"time", "14:15"}}) ==
        Bilingual{"Salle libre jusqu’à 14:15", "Free until 14:15"});
  CHECK(UiText("overlay.emergency") == Bilingual{"Alerte", "Emergency"});
  CHECK(UiText("door.full") == Bilingual{"COMPLET", "FULL"});
  CHECK(Format(UiText("desk.already_at"), {{"time", "10:02"}, {"desk", "A"}}).fr ==
        "Déjà enregistré·e à 10:02 au poste A");
  CHECK(UiText("date.first_day").fr == "1er");
  const MessageViewModel unavailable = UnavailableMessage("store missing", 5);
  CHECK(unavailable.title == Bilingual{"Programme indisponible", "Programme unavailable"});
  CHECK(unavailable.reason == "store missing");
  CHECK(unavailable.retry_seconds == 5);
}
