// Invented RAICT-like registrants for demonstrations and benchmarks (GenerateRegistrants), and the plain sheet writer
// (RegistrantsToSheetCsv) that ImportRegistrantsCsv reads back.
//
// Every person here is invented: first and last names are drawn independently from lists of common names of each
// culture; organisations are real local governments and bodies (RAICT-like, ../shared/raict-2026/FACTS.md), e-mail
// addresses are at example.org (reserved by RFC 2606) or example.fr, never a real mailbox provider. Randomness is an
// own splitmix64 (Steele, Lea, Flood 2014), never a std distribution, so the same seed gives the same people with every
// standard library.

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <date/date.h>

#include "kiosk/core/Text.h"
#include "kiosk/core/VenueZone.h"
#include "kiosk/importers/RegistrantImporter.h"

namespace kiosk {
namespace {

/// splitmix64: a 64-bit state advanced by a Weyl constant and mixed; good enough for invented people, same everywhere.
class SplitMix64 {
 public:
  /// splitmix64's output function: a bijective 64-bit mix, to turn (seed, index) into independent stream seeds.
  static std::uint64_t Mix(std::uint64_t z) {
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }

  explicit SplitMix64(std::uint64_t seed) : m_state(seed) {}
  std::uint64_t Next() { return Mix(m_state += 0x9E3779B97F4A7C15ULL); }
  /// Uniform in [0, n), n > 0 (modulo bias at most n / 2^64: nothing for lists of names).
  std::size_t Below(std::size_t n) { return static_cast<std::size_t>(Next() % n); }
  /// True with probability percent / 100.
  bool Percent(int percent) { return Below(100) < static_cast<std::size_t>(percent); }
  template <typename List>
  const auto& Pick(const List& list) {
    return list[Below(std::size(list))];
  }

 private:
  std::uint64_t m_state;
};

using Names = std::vector<std::string_view>;

/// First and last names of one culture (written as people of it write them in Latin script).
struct Culture {
  Names first;
  Names last;
};

enum CultureId { kFr, kVi, kHy, kJa, kAr, kMr, kWa, kMg, kHt, kEs, kZh, kKo, kQc, kDe, kIt, kNl, kCultureCount };

const std::array<Culture, kCultureCount>& Cultures() {
  static const std::array<Culture, kCultureCount> cultures{{
      {{"Élodie",        "Jean-Baptiste", "Marie-Claire", "Anne-Sophie", "Hélène",    "François", "Gaëlle",
        "Zoé",           "Loïc",          "Benoît",       "Cécile",      "Jérôme",    "Noémie",   "Thibault",
        "Maëlle",        "Joël",          "Agnès",        "Léa",         "Hugo",      "Camille",  "Mathilde",
        "Théo",          "Inès",          "Raphaël",      "Éric",        "Sébastien", "Clémence", "Aurélie",
        "Pierre-Yves",   "Marie-Hélène",  "Frédéric",     "Solène",      "Gwenaëlle", "Céline",   "Stéphane",
        "Jean-François", "Océane",        "Mélanie",      "Étienne",     "Anaïs",     "Josiane",  "Yannick",
        "Sandrine",      "Nathalie",      "Olivier",      "Laure",       "Armelle",   "Rémi",     "Chloé",
        "Hervé"},
       {"Martin",      "Lefèvre",         "Moreau",         "Girard",       "Fontaine",     "Garnier",
        "Chevalier",   "Rousseau",        "Lambert",        "Faure",        "Mercier",      "Blanchard",
        "Guérin",      "Boyer",           "Gauthier",       "Perrin",       "Morel",        "Lemaire",
        "Roussel",     "Bertrand-Moulin", "Le Gall",        "Le Bihan",     "Le Goff",      "de Villeneuve",
        "de La Roche", "du Pré",          "d'Arcy",         "d'Estienne",   "Saint-Martin", "Hoarau",
        "Payet",       "Kerjean",         "Ménard",         "Bénard",       "Prévost",      "Lévêque",
        "Thébault",    "Beaumont-Sicard", "Dupont-Lefèvre", "Marchetti",    "Brun",         "Caron",
        "Vasseur",     "Delmas",          "Le Corre",       "de Kervéguen", "Lagarde",      "Noël",
        "Bréhal",      "Écuyer"}},
      {{"Thị Ánh", "Văn Hùng", "Minh Khôi", "Ngọc Lan", "Thị Hương", "Quốc Vinh", "Thu Thảo", "Anh Tuấn", "Thị Mai",
        "Đức Thắng", "Hoàng Yến", "Văn Dũng"},
       {"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Phan", "Huỳnh", "Võ"}},
      {{"Aram", "Anahit", "Narine", "Tigran", "Lusine", "Gor", "Armen", "Hasmik", "Karen", "Siranush", "Mariam",
        "Davit", "Ani", "Hayk"},
       {"Hovhannisyan", "Petrosyan", "Grigoryan", "Sargsyan", "Avetisyan", "Manukyan", "Harutyunyan", "Melkonyan",
        "Ghazaryan", "Vardanyan", "Khachatryan", "Mkrtchyan"}},
      {{"Yūko", "Kenji", "Haruto", "Aiko", "Shōta", "Yūki", "Emi", "Daisuke", "Sakura", "Takumi", "Ryōta", "Naoko",
        "Kōji", "Mai"},
       {"Takahashi", "Satō", "Suzuki", "Tanaka", "Watanabe", "Itō", "Yamamoto", "Nakamura", "Kobayashi", "Katō",
        "Saitō", "Ōno", "Morimoto"}},
      {{"Karim",  "Nadia",  "Youssef", "Salma", "Mehdi",   "Fatima Zahra", "Rachid", "Leïla", "Omar", "Samira",
        "Hichem", "Meriem", "Aïcha",   "Driss", "Khadija", "Anouar",       "Rania",  "Walid", "Nour", "Sami"},
       {"El Amrani", "Ben Salah", "Benjelloun",  "Haddad",     "Khoury",   "Nassar",      "Tazi",
        "Chraïbi",   "Mansour",   "Ben Youssef", "El Idrissi", "Bennani",  "Abou Khalil", "Saadé",
        "Hamdan",    "Ben Ammar", "Trabelsi",    "Jaziri",     "El Fassi", "Aït Lahcen"}},
      {{"Sidi", "Mohamed Lemine", "Ahmedou", "Cheikh", "Brahim", "Moctar", "Abdallahi", "Isselmou"},
       {"Ould Cheikh", "Ould Mohamed", "Ould Brahim", "Ould Sidi", "Ould Ahmed", "Ould Bah"}},
      {{"Mamadou", "Awa",   "Ousmane",  "Aminata",  "Moussa", "Fatoumata", "Ibrahima", "Mariam",   "Adama", "Koffi",
        "Rokia",   "Ndèye", "Boubacar", "Aïssatou", "Salif",  "Adjoa",     "Sékou",    "Kadiatou", "Issa",  "Hawa"},
       {"Diop",      "Ndiaye",   "Traoré",     "Ouédraogo", "Sow",   "Diallo",   "Koné",
        "Kaboré",    "Sawadogo", "Adjovi",     "Mbarga",    "Fall",  "Cissé",    "Camara",
        "Coulibaly", "Zongo",    "Hounkpatin", "Ekotto",    "Fotso", "Mahamadou"}},
      {{"Hery", "Voahangy", "Tiana", "Fanja", "Rivo", "Hanitra", "Mamy", "Lalao", "Njaka", "Haingo"},
       {"Rakotomalala", "Andrianarisoa", "Randriamampionona", "Rasoanaivo", "Razafindrakoto", "Rakotondrabe",
        "Ravelonjanahary", "Rabemananjara"}},
      {{"Jean-Robert", "Marie-Carmel", "Wilner", "Nadège", "Fritz", "Guerline", "Jean-Ronel", "Mirlande"},
       {"Désir", "Joseph", "Pierre-Louis", "Charles", "Jean-Baptiste", "Saint-Fleur", "Dorsainvil", "Lafontant"}},
      {{"Lucía", "Martín", "Sofía", "Joaquín", "Valentina", "Tomás", "Camila", "Facundo", "Mariela", "Agustín"},
       {"González", "Fernández", "Rodríguez", "Pérez", "Gómez", "Sosa", "Di Stéfano", "Ibarra", "Herrera",
        "de la Fuente"}},
      {{"Xinyi", "Wei", "Jing", "Hao", "Mei", "Yu", "Lei", "Xiaoling", "Jun", "Yan"},
       {"Wang", "Li", "Zhang", "Liu", "Chen", "Zhou", "Huang", "Zhao", "Wu", "Xu"}},
      {{"Min-jun", "Seo-yeon", "Ji-woo", "Hae-rin", "Do-hyun", "Su-bin", "Jae-won", "Ye-jin"},
       {"Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Yoon", "Han"}},
      {{"Geneviève", "Mathieu", "Josée", "Marc-André", "Émilie", "Félix", "Isabelle", "Jean-Philippe"},
       {"Tremblay", "Gagnon", "Côté", "Bélanger", "Lévesque", "Bouchard", "Gauthier", "Pelletier"}},
      {{"Jürgen", "Anke", "Lukas", "Sabine", "Jörg", "Katrin", "Matthias", "Ute"},
       {"Müller", "Schäfer", "von Bergen", "Weiß", "Krüger", "Schneider", "Hoffmann", "Köhler"}},
      {{"Giulia", "Marco", "Chiara", "Niccolò", "Francesca", "Matteo", "Ilaria", "Lorenzo"},
       {"Rossi", "De Luca", "Esposito", "Ricci", "Bianchi", "Colombo", "D'Angelo", "Ferrara"}},
      {{"Jan", "Pieter", "Sanne", "Maartje", "Joost", "Femke", "Bram", "Lotte"},
       {"van der Berg", "de Vries", "van Dijk", "Bakker", "van den Heuvel", "de Jong", "Visser", "ter Horst"}},
  }};
  return cultures;
}

/// A partner country: its name (in French, as the desk shows it), the culture of its people, its local governments.
struct Country {
  std::string_view name;
  CultureId culture;
  Names organisations;
};

const std::vector<Country>& Countries() {
  static const std::vector<Country> countries{
      {"Vietnam", kVi, {"Ville de Hué", "Province de Quảng Nam", "Ville de Đà Nẵng", "Ville de Hải Phòng"}},
      {"Arménie", kHy, {"Ville d'Erevan", "Ville de Gyumri", "Communauté de Goris", "Région de Syunik"}},
      {"Japon", kJa, {"Préfecture de Nagano", "Ville de Kanazawa", "Ville de Matsumoto", "Préfecture d'Aichi"}},
      {"Maroc", kAr, {"Commune de Chefchaouen", "Région Souss-Massa", "Commune d'Agadir", "Région de l'Oriental"}},
      {"Tunisie", kAr, {"Commune de Sousse", "Commune de Kairouan", "Commune de Bizerte"}},
      {"Liban", kAr, {"Municipalité de Byblos", "Union des municipalités du Chouf", "Municipalité de Tyr"}},
      {"Palestine", kAr, {"Municipalité de Bethléem", "Municipalité de Naplouse", "Municipalité de Jéricho"}},
      {"Mauritanie", kMr, {"Commune de Kaédi", "Région du Gorgol", "Commune de Rosso"}},
      {"Sénégal", kWa, {"Commune de Saint-Louis", "Département de Podor", "Ville de Ziguinchor"}},
      {"Mali", kWa, {"Commune de Ségou", "Conseil de cercle de Kayes"}},
      {"Burkina Faso", kWa, {"Commune de Koudougou", "Commune de Ouahigouya"}},
      {"Niger", kWa, {"Commune de Zinder", "Région de Tillabéri"}},
      {"Bénin", kWa, {"Commune d'Abomey", "Commune de Grand-Popo"}},
      {"Cameroun", kWa, {"Commune de Dschang", "Commune de Bafoussam"}},
      {"Madagascar", kMg, {"Commune urbaine d'Antsirabe", "Région Haute Matsiatra", "Commune de Fianarantsoa"}},
      {"Haïti", kHt, {"Mairie de Jacmel", "Mairie des Cayes", "Mairie de Jérémie"}},
      {"Argentine", kEs, {"Municipalidad de Rosario", "Provincia de Córdoba", "Municipalidad de Mendoza"}},
      {"Chine", kZh, {"Ville de Wuhan", "Province du Hubei", "Ville de Chengdu"}},
      {"République de Corée", kKo, {"Ville de Jeonju", "Province du Gyeonggi", "Ville de Gwangju"}},
      {"Canada (Québec)", kQc, {"Ville de Québec", "Ville de Sherbrooke", "Ville de Trois-Rivières"}},
      {"Allemagne", kDe, {"Ville de Fribourg-en-Brisgau", "Land de Rhénanie-Palatinat"}},
      {"Italie", kIt, {"Comune di Torino", "Regione Toscana"}},
      {"Pays-Bas", kNl, {"Gemeente Utrecht", "Gemeente Zwolle"}},
  };
  return countries;
}

const Names kFrenchOrganisations{
    "Ville de Lyon",
    "Ville de Nantes",
    "Ville de Besançon",
    "Ville d'Angers",
    "Ville de Saint-Étienne",
    "Ville de Chambéry",
    "Ville de Grenoble",
    "Ville de Lille",
    "Ville de Rennes",
    "Ville de Strasbourg",
    "Ville de Cergy",
    "Ville de Montreuil",
    "Ville de Niort",
    "Ville de Poitiers",
    "Ville d'Évry-Courcouronnes",
    "Département de la Gironde",
    "Département du Val-de-Marne",
    "Département de l'Hérault",
    "Département de la Seine-Saint-Denis",
    "Département du Finistère",
    "Département d'Ille-et-Vilaine",
    "Département des Côtes-d'Armor",
    "Département de La Réunion",
    "Région Bretagne",
    "Région Auvergne-Rhône-Alpes",
    "Région Nouvelle-Aquitaine",
    "Région Île-de-France",
    "Région Occitanie",
    "Région Hauts-de-France",
    "Région Grand Est",
    "Métropole de Lyon",
    "Bordeaux Métropole",
    "Métropole européenne de Lille",
    "Nantes Métropole",
    "Métropole Nice Côte d'Azur",
    "Eurométropole de Strasbourg",
    "Communauté d'agglomération du Grand Besançon",
    "Collectivité territoriale de Martinique",
};

/// Partner bodies and the country they are based in.
const std::array<std::pair<std::string_view, std::string_view>, 7> kPartners{{
    {"Agence française de développement (AFD)", "France"},
    {"Ministère de l'Europe et des Affaires étrangères (MEAE), DCT-CIV", "France"},
    {"PLATFORMA", "Belgique"},
    {"CGLU", "Espagne"},
    {"Cités Unies France", "France"},
    {"Agence de l'eau Loire-Bretagne", "France"},
    {"Agence de l'eau Seine-Normandie", "France"},
}};

/// Invented media.
const Names kPress{"Revue Horizons territoriaux", "Radio Territoires Monde", "Le Courrier des coopérations",
                   "Agence Presse Solidarités locales", "Magazine Villes du monde"};

constexpr std::string_view kCodeAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ3789";  // pretix: no 0, O, 1, I, 2, 5, 6
constexpr std::size_t kFirstForcedElodie = 3;
constexpr std::array<std::size_t, 3> kForcedElodies{kFirstForcedElodie, 17, 41};  ///< indices, for count >= 50

/// The ASCII part of an e-mail address made from a name: MatchKey (accents stripped, case folded), 'đ' as 'd',
/// other non-ASCII dropped.
std::string EmailSlug(std::string_view name) {
  const std::string key = MatchKey(name);
  std::string slug;
  for (std::size_t i = 0; i < key.size(); ++i) {
    const auto c = static_cast<unsigned char>(key[i]);
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-') {
      slug += static_cast<char>(c);
    } else if (c == 0xC4 && i + 1 < key.size() && static_cast<unsigned char>(key[i + 1]) == 0x91) {
      slug += 'd';  // đ (U+0111) has no decomposition
      ++i;
    }
  }
  return slug;
}

bool AppointmentBefore(const RegistrantAppointment& a, const RegistrantAppointment& b) {
  return std::tie(a.start, a.end, a.title, a.place) < std::tie(b.start, b.end, b.title, b.place);
}

/// A session a registrant may sign up for, with its room's name.
struct Slot {
  const Session* session;
  std::string room_name;
};

/// The programme's workshops and regional meetings, and its B2B slots (by kind or title; cancelled ones left out).
struct ProgrammeSlots {
  std::vector<Slot> workshops;
  std::vector<Slot> b2b;
};

ProgrammeSlots SlotsOf(const Programme& programme) {
  ProgrammeSlots slots;
  for (const Session& session : programme.sessions) {
    if (session.status == SessionStatus::Cancelled || session.end <= session.start) continue;
    const std::string key = "-" + MatchKey(session.kind) + "-" + MatchKey(session.title) + "-";
    const Room* room = programme.FindRoom(session.room_key);
    Slot slot{&session, room ? room->name : session.room_key};
    if (key.find("-b2b-") != std::string::npos) {
      slots.b2b.push_back(std::move(slot));
    } else if (key.find("-atelier") != std::string::npos || key.find("-workshop") != std::string::npos ||
               key.find("-reunion-regionale-") != std::string::npos ||
               key.find("-regional-meeting-") != std::string::npos) {
      slots.workshops.push_back(std::move(slot));
    }
  }
  return slots;
}

bool Overlaps(Instant start, Instant end, const std::vector<RegistrantAppointment>& appointments) {
  return std::any_of(appointments.begin(), appointments.end(),
                     [&](const RegistrantAppointment& a) { return start < a.end && a.start < end; });
}

bool Attends(const Registrant& registrant, Day day) {
  return registrant.days.empty() ||
         std::find(registrant.days.begin(), registrant.days.end(), day) != registrant.days.end();
}

/// Gives `registrant` 1 to 3 workshops on their days and, one time in three, a 20-minute B2B meeting at a table.
void AddAppointments(Registrant& registrant, const ProgrammeSlots& slots, bool french, SplitMix64& rng) {
  std::vector<const Slot*> mine;
  for (const Slot& slot : slots.workshops) {
    if (Attends(registrant, slot.session->day)) mine.push_back(&slot);
  }
  const std::size_t wanted = 1 + rng.Below(3);
  for (int attempt = 0; attempt < 8 && !mine.empty() && registrant.appointments.size() < wanted; ++attempt) {
    const Slot& slot = *mine[rng.Below(mine.size())];
    if (Overlaps(slot.session->start, slot.session->end, registrant.appointments)) continue;
    registrant.appointments.push_back(
        RegistrantAppointment{slot.session->start, slot.session->end, slot.session->title, slot.room_name});
  }
  std::vector<const Slot*> tables;
  for (const Slot& slot : slots.b2b) {
    if (Attends(registrant, slot.session->day)) tables.push_back(&slot);
  }
  if (!tables.empty() && rng.Below(3) == 0) {
    // A 20-minute meeting in one of the B2B slots, clear of their workshops (a few tries, else none).
    const auto length = std::chrono::minutes{20};
    for (int attempt = 0; attempt < 6; ++attempt) {
      const Slot& slot = *tables[rng.Below(tables.size())];
      const auto meetings = std::max<long>(1, (slot.session->end - slot.session->start) / length);
      const Instant start =
          slot.session->start + length * static_cast<long>(rng.Below(static_cast<std::size_t>(meetings)));
      const Instant end = std::min(start + length, slot.session->end);
      if (Overlaps(start, end, registrant.appointments)) continue;
      // French local governments meet foreign ones and partners; the others meet French local governments.
      std::string partner;
      if (french && rng.Percent(50)) {
        partner = rng.Pick(kPartners).first;
      } else if (french) {
        partner = rng.Pick(rng.Pick(Countries()).organisations);
      } else {
        partner = rng.Pick(kFrenchOrganisations);
      }
      registrant.appointments.push_back(RegistrantAppointment{
          start, end, "B2B : " + partner, "Table " + std::to_string(1 + rng.Below(12)) + " (" + slot.room_name + ")"});
      break;
    }
  }
  std::sort(registrant.appointments.begin(), registrant.appointments.end(), AppointmentBefore);
}

/// Appends "HH:MM" of a wall-clock time (seconds dropped); no ostream, so writing 100 000 registrants stays fast.
void AppendHm(std::string& out, date::local_seconds time) {
  const auto minutes = std::chrono::duration_cast<std::chrono::minutes>(time - date::floor<date::days>(time)).count();
  const auto hours = minutes / 60, rest = minutes % 60;
  out += static_cast<char>('0' + hours / 10);
  out += static_cast<char>('0' + hours % 10);
  out += ':';
  out += static_cast<char>('0' + rest / 10);
  out += static_cast<char>('0' + rest % 10);
}

/// Quotes a CSV cell when it holds a delimiter, a quote, a line break or edge white space (RFC 4180).
void AppendCell(std::string& out, std::string_view cell) {
  const bool quote = cell.find_first_of(",\"\r\n") != std::string_view::npos ||
                     (!cell.empty() && (cell.front() == ' ' || cell.back() == ' '));
  if (!quote) {
    out += cell;
    return;
  }
  out += '"';
  for (char c : cell) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

}  // namespace

std::vector<Registrant> GenerateRegistrants(int count, std::uint64_t seed, const Programme* programme) {
  std::vector<Registrant> registrants;
  if (count <= 0) return registrants;
  registrants.reserve(static_cast<std::size_t>(count));

  std::vector<Day> all_days;
  if (programme != nullptr) all_days = programme->Days();
  if (all_days.empty()) {
    all_days = {Day{date::year{2026}, date::July, date::day{8}}, Day{date::year{2026}, date::July, date::day{9}}};
  }
  const ProgrammeSlots slots = programme != nullptr ? SlotsOf(*programme) : ProgrammeSlots{};

  // Codes of 5 characters like pretix while the space stays 32 times larger than the count (few redraws), longer
  // beyond; drawn from their own stream so that a person's other fields do not depend on collisions.
  std::size_t code_length = 5;
  const auto alphabet_size = static_cast<double>(kCodeAlphabet.size());
  for (double space = std::pow(alphabet_size, 5); space < 32.0 * count; space *= alphabet_size) ++code_length;
  SplitMix64 code_rng(seed ^ 0xC0DEC0DEC0DEC0DEULL);
  std::unordered_set<std::string> codes;
  codes.reserve(static_cast<std::size_t>(count) * 2);
  std::unordered_map<std::string, int> email_uses;
  email_uses.reserve(static_cast<std::size_t>(count) * 2);

  // Names come from fixed lists: each one's slug is made once (MatchKey is the costly part of a person).
  std::unordered_map<std::string, std::string> slugs;
  const auto slug_of = [&slugs](const std::string& name) -> const std::string& {
    auto [it, inserted] = slugs.try_emplace(name);
    if (inserted) it->second = EmailSlug(name);
    return it->second;
  };
  const auto& cultures = Cultures();
  for (std::size_t i = 0; i < static_cast<std::size_t>(count); ++i) {
    // One stream per person, seeded from (seed, index) through the mix: neighbouring people share no draws, and a
    // person does not depend on how many come after them.
    SplitMix64 rng(SplitMix64::Mix(seed ^ SplitMix64::Mix(0x632BE59BD9B4E019ULL + i)));
    Registrant person;
    do {
      person.order_code.clear();
      for (std::size_t k = 0; k < code_length; ++k)
        person.order_code += kCodeAlphabet[code_rng.Below(kCodeAlphabet.size())];
    } while (!codes.insert(person.order_code).second);

    const bool forced_elodie =
        count >= 50 && std::find(kForcedElodies.begin(), kForcedElodies.end(), i) != kForcedElodies.end();
    const std::size_t roll = forced_elodie ? 0 : rng.Below(100);
    CultureId culture = kFr;
    bool french_government = false;
    if (roll < 52) {  // French local governments
      french_government = true;
      person.organisation = rng.Pick(kFrenchOrganisations);
      person.country = "France";
      const std::size_t category = rng.Below(100);
      person.category = category < 40 ? "élu·e" : category < 92 ? "technicien·ne" : "intervenant·e";
    } else if (roll < 84) {  // local governments of partner countries
      const Country& country = rng.Pick(Countries());
      culture = country.culture;
      person.organisation = rng.Pick(country.organisations);
      person.country = country.name;
      const std::size_t category = rng.Below(100);
      person.category = category < 45 ? "élu·e" : category < 85 ? "technicien·ne" : "intervenant·e";
    } else if (roll < 94) {  // partners
      const auto& [name, country] = rng.Pick(kPartners);
      person.organisation = name;
      person.country = country;
      const CultureId european[] = {kNl, kDe, kIt};
      if (rng.Percent(30)) culture = rng.Pick(european);
      person.category = rng.Percent(80) ? "partenaire" : "intervenant·e";
    } else {  // press
      person.organisation = rng.Pick(kPress);
      person.country = "France";
      person.category = "presse";
    }
    const Culture& names = cultures[culture];
    person.first_name = forced_elodie ? "Élodie" : rng.Pick(names.first);
    person.last_name = rng.Pick(names.last);

    std::string local = slug_of(person.first_name) + "." + slug_of(person.last_name);
    const int uses = ++email_uses[local];
    if (uses > 1) local += std::to_string(uses);
    person.email = local + (rng.Percent(50) ? "@example.org" : "@example.fr");

    // Most attend every day, some one day only.
    if (all_days.size() > 1 && rng.Percent(25)) {
      person.days = {rng.Pick(all_days)};
    } else {
      person.days = all_days;
    }
    if (programme != nullptr) AddAppointments(person, slots, french_government, rng);
    registrants.push_back(std::move(person));
  }
  return registrants;
}

std::string RegistrantsToSheetCsv(const std::vector<Registrant>& registrants, const std::string& time_zone) {
  const VenueZone zone(time_zone.empty() ? std::string(kDefaultVenueZone) : time_zone);
  // A ticket_code column only when someone has ticket codes: a list without them is written as before.
  const bool codes = std::any_of(registrants.begin(), registrants.end(),
                                 [](const Registrant& person) { return !person.ticket_codes.empty(); });
  std::string out = "order_code,first_name,last_name,organisation,email,category,country,days,programme,note";
  out += codes ? ",ticket_code\n" : "\n";
  out.reserve(out.size() + registrants.size() * 160);
  std::string cell;
  for (const Registrant& person : registrants) {
    for (std::string_view text :
         {std::string_view(person.order_code), std::string_view(person.first_name), std::string_view(person.last_name),
          std::string_view(person.organisation), std::string_view(person.email), std::string_view(person.category),
          std::string_view(person.country)}) {
      AppendCell(out, text);
      out += ',';
    }
    cell.clear();
    for (const Day& day : person.days) {
      if (!cell.empty()) cell += ';';
      cell += FormatDay(day);
    }
    AppendCell(out, cell);
    out += ',';
    cell.clear();
    for (const RegistrantAppointment& appointment : person.appointments) {
      if (!cell.empty()) cell += '\n';
      const date::local_seconds start = zone.ToLocal(appointment.start);
      cell += FormatDay(Day{date::floor<date::days>(start)});
      cell += ' ';
      AppendHm(cell, start);
      if (appointment.end != appointment.start) {
        cell += '-';
        AppendHm(cell, zone.ToLocal(appointment.end));
      }
      cell += ' ';
      cell += appointment.title;
      if (!appointment.place.empty()) cell += " @ " + appointment.place;
    }
    // One entry holding ';' gets a trailing line break, so that the importer reads the cell line by line.
    if (person.appointments.size() == 1 && cell.find(';') != std::string::npos) cell += '\n';
    AppendCell(out, cell);
    out += ',';
    AppendCell(out, person.note);
    if (codes) {
      cell.clear();
      for (const std::string& code : person.ticket_codes) cell += (cell.empty() ? "" : ";") + code;
      out += ',';
      AppendCell(out, cell);
    }
    out += '\n';
  }
  return out;
}

}  // namespace kiosk
