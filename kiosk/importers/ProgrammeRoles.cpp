// The roles of a programme table's columns and the header names that give them, in French, English and German
// (ProgrammeTable.h; issue 13 section 2). Every alias the CSV importer knew before issue 13 is kept.

#include <algorithm>
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kiosk/core/Text.h"
#include "kiosk/importers/ProgrammeTable.h"

namespace kiosk {
namespace {

constexpr std::array<std::pair<ProgrammeRole, std::string_view>, 16> kRoleNames{{
    {ProgrammeRole::Id, "id"},
    {ProgrammeRole::Date, "date"},
    {ProgrammeRole::Start, "start"},
    {ProgrammeRole::End, "end"},
    {ProgrammeRole::EndDate, "end_date"},
    {ProgrammeRole::Duration, "duration"},
    {ProgrammeRole::Room, "room"},
    {ProgrammeRole::Kind, "kind"},
    {ProgrammeRole::Title, "title"},
    {ProgrammeRole::TitleEn, "title_en"},
    {ProgrammeRole::Speakers, "speakers"},
    {ProgrammeRole::Track, "track"},
    {ProgrammeRole::Language, "language"},
    {ProgrammeRole::Interpretation, "interpretation"},
    {ProgrammeRole::Status, "status"},
    {ProgrammeRole::Description, "description"},
}};

/// Header names as NormalizeKey folds them (case, accents, punctuation ignored) and the role each one gives.
/// The first 33 are the aliases of the CSV importer before issue 13, unchanged.
constexpr std::pair<std::string_view, ProgrammeRole> kHeaderAliases[] = {
    // Before issue 13.
    {"id", ProgrammeRole::Id},
    {"identifiant", ProgrammeRole::Id},
    {"date", ProgrammeRole::Date},
    {"start", ProgrammeRole::Start},
    {"debut", ProgrammeRole::Start},
    {"heure-de-debut", ProgrammeRole::Start},
    {"end", ProgrammeRole::End},
    {"fin", ProgrammeRole::End},
    {"heure-de-fin", ProgrammeRole::End},
    {"duration", ProgrammeRole::Duration},
    {"duree", ProgrammeRole::Duration},
    {"room", ProgrammeRole::Room},
    {"salle", ProgrammeRole::Room},
    {"lieu", ProgrammeRole::Room},
    {"kind", ProgrammeRole::Kind},
    {"type", ProgrammeRole::Kind},
    {"format", ProgrammeRole::Kind},
    {"title", ProgrammeRole::Title},
    {"titre", ProgrammeRole::Title},
    {"title-en", ProgrammeRole::TitleEn},
    {"titre-en", ProgrammeRole::TitleEn},
    {"english-title", ProgrammeRole::TitleEn},
    {"speakers", ProgrammeRole::Speakers},
    {"intervenants", ProgrammeRole::Speakers},
    {"track", ProgrammeRole::Track},
    {"theme", ProgrammeRole::Track},
    {"language", ProgrammeRole::Language},
    {"langue", ProgrammeRole::Language},
    {"status", ProgrammeRole::Status},
    {"statut", ProgrammeRole::Status},
    {"description", ProgrammeRole::Description},
    {"heure-debut", ProgrammeRole::Start},
    {"heure-fin", ProgrammeRole::End},
    // Issue 13: French, English and German names, and the compound names of exports.
    {"creneau", ProgrammeRole::Start},
    {"creneaux", ProgrammeRole::Start},
    {"creneau-horaire", ProgrammeRole::Start},
    {"slot", ProgrammeRole::Start},
    {"time-slot", ProgrammeRole::Start},
    {"animateurs", ProgrammeRole::Speakers},
    {"animateur", ProgrammeRole::Speakers},
    {"animatrices", ProgrammeRole::Speakers},
    {"animation", ProgrammeRole::Speakers},
    {"moderateur", ProgrammeRole::Speakers},
    {"moderateurs", ProgrammeRole::Speakers},
    {"moderation", ProgrammeRole::Speakers},
    {"moderator", ProgrammeRole::Speakers},
    {"moderators", ProgrammeRole::Speakers},
    {"panelistes", ProgrammeRole::Speakers},
    {"panelists", ProgrammeRole::Speakers},
    {"orateurs", ProgrammeRole::Speakers},
    {"redner", ProgrammeRole::Speakers},
    {"uid", ProgrammeRole::Id},
    {"guid", ProgrammeRole::Id},
    {"session-id", ProgrammeRole::Id},
    {"jour", ProgrammeRole::Date},
    {"day", ProgrammeRole::Date},
    {"datum", ProgrammeRole::Date},
    {"tag", ProgrammeRole::Date},
    {"start-date", ProgrammeRole::Date},
    {"date-de-debut", ProgrammeRole::Date},
    {"date-debut", ProgrammeRole::Date},
    {"startdatum", ProgrammeRole::Date},
    {"horaire", ProgrammeRole::Start},
    {"horaires", ProgrammeRole::Start},
    {"heure", ProgrammeRole::Start},
    {"heures", ProgrammeRole::Start},
    {"time", ProgrammeRole::Start},
    {"times", ProgrammeRole::Start},
    {"uhrzeit", ProgrammeRole::Start},
    {"zeit", ProgrammeRole::Start},
    {"beginn", ProgrammeRole::Start},
    {"start-time", ProgrammeRole::Start},
    {"starttime", ProgrammeRole::Start},
    {"begin", ProgrammeRole::Start},
    {"from", ProgrammeRole::Start},
    {"end-time", ProgrammeRole::End},
    {"endtime", ProgrammeRole::End},
    {"ende", ProgrammeRole::End},
    {"endzeit", ProgrammeRole::End},
    {"to", ProgrammeRole::End},
    {"end-date", ProgrammeRole::EndDate},
    {"date-de-fin", ProgrammeRole::EndDate},
    {"date-fin", ProgrammeRole::EndDate},
    {"enddatum", ProgrammeRole::EndDate},
    {"dauer", ProgrammeRole::Duration},
    {"length", ProgrammeRole::Duration},
    {"duration-minutes", ProgrammeRole::Duration},
    {"duree-min", ProgrammeRole::Duration},
    {"location", ProgrammeRole::Room},
    {"venue", ProgrammeRole::Room},
    {"ort", ProgrammeRole::Room},
    {"raum", ProgrammeRole::Room},
    {"saal", ProgrammeRole::Room},
    {"salles", ProgrammeRole::Room},
    {"espace", ProgrammeRole::Room},
    {"emplacement", ProgrammeRole::Room},
    {"session-type", ProgrammeRole::Kind},
    {"type-de-session", ProgrammeRole::Kind},
    {"categorie", ProgrammeRole::Kind},
    {"category", ProgrammeRole::Kind},
    {"art", ProgrammeRole::Kind},
    {"typ", ProgrammeRole::Kind},
    {"intitule", ProgrammeRole::Title},
    {"titel", ProgrammeRole::Title},
    {"session", ProgrammeRole::Title},
    {"name", ProgrammeRole::Title},
    {"nom", ProgrammeRole::Title},
    {"sujet", ProgrammeRole::Title},
    {"thema", ProgrammeRole::Title},
    {"intitule-en", ProgrammeRole::TitleEn},
    {"titel-en", ProgrammeRole::TitleEn},
    {"english", ProgrammeRole::TitleEn},
    {"intervenant", ProgrammeRole::Speakers},
    {"intervenant-e-s", ProgrammeRole::Speakers},
    {"intervenant-es", ProgrammeRole::Speakers},
    {"intervenantes", ProgrammeRole::Speakers},
    {"speaker", ProgrammeRole::Speakers},
    {"speakers-names", ProgrammeRole::Speakers},
    {"presenter", ProgrammeRole::Speakers},
    {"presenters", ProgrammeRole::Speakers},
    {"orateur", ProgrammeRole::Speakers},
    {"orateurs", ProgrammeRole::Speakers},
    {"orateurs-oratrices", ProgrammeRole::Speakers},
    {"referent", ProgrammeRole::Speakers},
    {"referenten", ProgrammeRole::Speakers},
    {"referentin", ProgrammeRole::Speakers},
    {"referentinnen", ProgrammeRole::Speakers},
    {"redner", ProgrammeRole::Speakers},
    {"sprecher", ProgrammeRole::Speakers},
    {"thematique", ProgrammeRole::Track},
    {"themes", ProgrammeRole::Track},
    {"parcours", ProgrammeRole::Track},
    {"filiere", ProgrammeRole::Track},
    {"themenbereich", ProgrammeRole::Track},
    {"lang", ProgrammeRole::Language},
    {"sprache", ProgrammeRole::Language},
    {"interpretation", ProgrammeRole::Interpretation},
    {"interpretariat", ProgrammeRole::Interpretation},
    {"traduction", ProgrammeRole::Interpretation},
    {"translation", ProgrammeRole::Interpretation},
    {"dolmetschen", ProgrammeRole::Interpretation},
    {"dolmetschung", ProgrammeRole::Interpretation},
    {"state", ProgrammeRole::Status},
    {"etat", ProgrammeRole::Status},
    {"resume", ProgrammeRole::Description},
    {"summary", ProgrammeRole::Description},
    {"abstract", ProgrammeRole::Description},
    {"beschreibung", ProgrammeRole::Description},
    {"zusammenfassung", ProgrammeRole::Description},
    {"details", ProgrammeRole::Description},
    {"presentation", ProgrammeRole::Description},
};

}  // namespace

std::string_view ProgrammeRoleName(ProgrammeRole role) {
  for (const auto& [candidate, name] : kRoleNames) {
    if (candidate == role) return name;
  }
  return "?";
}

std::optional<ProgrammeRole> ParseProgrammeRole(std::string_view name) {
  const std::string key = NormalizeKey(name);
  for (const auto& [role, role_name] : kRoleNames) {
    if (NormalizeKey(role_name) == key) return role;
  }
  return std::nullopt;
}

namespace {

std::optional<ProgrammeRole> RoleOfKey(std::string_view key) {
  for (const auto& [alias, role] : kHeaderAliases) {
    if (alias == key) return role;
  }
  return std::nullopt;
}

}  // namespace

std::optional<ProgrammeRole> ProgrammeRoleOfHeader(std::string_view header) {
  const std::string key = NormalizeKey(header);
  if (const auto role = RoleOfKey(key)) return role;
  // A header of several words names its role by one of them: French puts it first and links the rest with de, du,
  // des, la, le, l' ("Date de la session", "Nom de la salle"), English and German last ("Session ID", "Room name").
  std::vector<std::string_view> words;
  for (std::size_t begin = 0; begin < key.size();) {
    const std::size_t end = std::min(key.find('-', begin), key.size());
    words.push_back(std::string_view(key).substr(begin, end - begin));
    begin = end + 1;
  }
  if (words.size() < 2) return std::nullopt;
  const bool french = std::any_of(words.begin(), words.end(), [](std::string_view w) {
    return w == "de" || w == "du" || w == "des" || w == "la" || w == "le" || w == "l" || w == "d";
  });
  // "nom" and "name" alone are a title ("Nom", "Name" of pretalx exports); in "Nom de la salle" or "Room name"
  // they name nothing by themselves.
  const auto role_of_word = [](std::string_view word) -> std::optional<ProgrammeRole> {
    if (word == "nom" || word == "noms" || word == "name" || word == "names") return std::nullopt;
    return RoleOfKey(word);
  };
  if (french) {
    for (const std::string_view word : words)
      if (const auto role = role_of_word(word)) return role;
  } else {
    for (auto word = words.rbegin(); word != words.rend(); ++word)
      if (const auto role = role_of_word(*word)) return role;
  }
  return std::nullopt;
}

}  // namespace kiosk
