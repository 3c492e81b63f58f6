// Glyph ranges of the font atlas: the characters of the interface and of the text a screen draws, as sorted code
// points and as ImGui's ranges.
#include <algorithm>
#include <string>
#include <vector>

#include "kiosk/ui/Catalogue.h"
#include "kiosk/ui/Fonts.h"
#include "kiosk/ui/FontsInternal.h"
#include "kiosk/ui/Typography.h"

namespace kiosk::ui {
namespace {

/// The screens' own strings that are not in the interface catalogue (yet): day and month names, labels, symbols.
constexpr const char* kUiText =
    "Programme indisponible unavailable nouvel essai dans retrying in Annulé Cancelled encore left Ensuite Next "
    "Prochaine session à Plus de session aujourd’hui No more sessions today demain tomorrow révision revision "
    "mis à jour updated Merci de votre participation ! Thank you for joining us Ouverture Opens J- days to go "
    "lundi mardi mercredi jeudi vendredi samedi dimanche janvier février mars avril mai juin juillet août septembre "
    "octobre novembre décembre Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April "
    "May June July August September October November December « » – — · … ’ 0123456789: "
    "Retardé Delayed Avancé earlier Déplacé → Moved Complet Full Alerte Emergency Annonce urgente Urgent notice ⚠ − "
    "L’horloge de cet écran est incorrecte This screen’s clock is wrong";

}  // namespace

namespace fonts_detail {

std::vector<ImWchar> RangesOf(const std::vector<char32_t>& sorted) {
  std::vector<ImWchar> ranges;
  for (std::size_t i = 0; i < sorted.size();) {
    std::size_t j = i;
    while (j + 1 < sorted.size() && sorted[j + 1] == sorted[j] + 1) ++j;
    ranges.push_back(static_cast<ImWchar>(sorted[i]));
    ranges.push_back(static_cast<ImWchar>(sorted[j]));
    i = j + 1;
  }
  ranges.push_back(0);
  return ranges;
}

std::vector<char32_t> Expand(const ImWchar* ranges) {
  std::vector<char32_t> out;
  for (; ranges[0] != 0; ranges += 2)
    for (char32_t c = ranges[0]; c <= ranges[1]; ++c) out.push_back(c);
  return out;
}

std::vector<char32_t> CodePoints(const std::u32string& text) {
  std::vector<char32_t> chars;
  chars.reserve(text.size());
  for (char32_t c : text)
    if (c >= 0x20 && c <= 0xFFFF) chars.push_back(c);
  std::sort(chars.begin(), chars.end());
  chars.erase(std::unique(chars.begin(), chars.end()), chars.end());
  return chars;
}

std::vector<char32_t> Union(std::vector<char32_t> a, const std::vector<char32_t>& b) {
  a.insert(a.end(), b.begin(), b.end());
  std::sort(a.begin(), a.end());
  a.erase(std::unique(a.begin(), a.end()), a.end());
  return a;
}

std::vector<char32_t> InterfaceCodePoints() {
  std::string text = kUiText;
  text += FrenchDisplay(kUiText);
  for (const CatalogueEntry& entry : UiCatalogue()) {
    text += entry.text.fr + " " + FrenchDisplay(entry.text.fr) + " " + entry.text.en + " " +
            EnglishDisplay(entry.text.en) + " ";
  }
  return CodePoints(DecodeUtf8(text));
}

}  // namespace fonts_detail

std::string ProgrammeText(const Programme& programme) {
  std::string text = programme.conference.title + "\n" + programme.conference.acronym + "\n";
  for (const Room& room : programme.rooms) text += room.name + "\n";
  for (const Session& session : programme.sessions) {
    text += session.title + "\n" + session.title_en + "\n" + session.kind + "\n" + session.track + "\n" +
            session.description + "\n";
    for (const Speaker& speaker : session.speakers) text += speaker.name + " " + speaker.role + "\n";
  }
  return text;
}

std::string AnnouncementText(const std::vector<Announcement>& announcements) {
  std::string text;
  for (const Announcement& announcement : announcements) text += announcement.text + "\n" + announcement.text_en + "\n";
  return text;
}

}  // namespace kiosk::ui
