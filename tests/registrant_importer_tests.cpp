// Registrant imports (pretix, Eventbrite, plain sheet), their errors, and the demonstration generator (issue 4 §1).
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "TestSupport.h"
#include "kiosk/core/Registrant.h"
#include "kiosk/core/Text.h"
#include "kiosk/core/VenueZone.h"
#include "kiosk/importers/Importer.h"
#include "kiosk/importers/RegistrantImporter.h"

namespace {

namespace fs = std::filesystem;
using kiosk::Day;
using kiosk::ImportError;
using kiosk::Registrant;
using kiosk::RegistrantFormat;
using kiosk::RegistrantImportResult;

RegistrantImportResult Import(const std::string& csv, const std::string& source = "registrants.csv") {
  kiosk::RegistrantImportOptions options;
  options.source_name = source;
  return kiosk::ImportRegistrantsCsv(csv, options);
}

/// The "where" of the ImportError that importing `csv` throws ("" when it does not throw), and its message.
std::pair<std::string, std::string> ErrorOf(const std::string& csv) {
  try {
    Import(csv);
  } catch (const ImportError& error) {
    return {error.Where(), error.Message()};
  }
  return {};
}

Day D(int y, unsigned m, unsigned d) { return Day{date::year{y}, date::month{m}, date::day{d}}; }

kiosk::Instant Utc(const char* iso) { return kiosk::ParseIsoInstant(iso, kiosk::VenueZone("UTC")); }

const Registrant& ByCode(const std::vector<Registrant>& list, const std::string& code) {
  const auto found = std::find_if(list.begin(), list.end(), [&](const Registrant& r) { return r.order_code == code; });
  REQUIRE_MESSAGE(found != list.end(), "no registrant " << code);
  return *found;
}

bool HasWarning(const RegistrantImportResult& result, const std::string& where, const std::string& needle) {
  return std::any_of(result.warnings.begin(), result.warnings.end(), [&](const kiosk::Warning& warning) {
    return warning.where == where && warning.message.find(needle) != std::string::npos;
  });
}

}  // namespace

TEST_CASE("pretix check-in list, English headers, full names split with particles") {
  const auto result = Import(
      "Order code,Attendee name,Product,Price,Checked in,Checked out,Automatically checked in,Secret,E-mail,Company,"
      "Voucher code,Order date,Requires special attention,Comment\n"
      "k7q2a,Jan van der Berg,Élu·e,0.00,No,No,No,abcd,j.vdberg@example.org,Gemeente Utrecht,,2026-04-20,No,\n"
      "LM3PX,Anne de la Tour,Technicien·ne,0.00,Yes,No,No,efgh,a.tour@example.fr,Région Bretagne,,2026-04-21,Yes,"
      "Fauteuil roulant\n"
      "ZZ7Q9, Yann  Le Gall ,Presse,0.00,No,No,No,ijkl,,Revue,,2026-04-22,,\n"
      "ABCDE,Nadia El Amrani,Partenaire,,,,,,,,,,,\n"
      "PQRST,Ndiaye,Presse,,,,,,,,,,,\n");
  CHECK(result.format == RegistrantFormat::Pretix);
  CHECK(kiosk::RegistrantFormatName(result.format) == "pretix");
  REQUIRE(result.registrants.size() == 5);
  const Registrant& jan = result.registrants[0];
  // An order of one ticket keeps its order code as printed.
  CHECK(jan.order_code == "K7Q2A");
  // Golden value of a ticket code (an order of several tickets): the code must never change.
  CHECK(kiosk::PretixTicketCode("k7q2a", "Jan", "van der Berg", "j.vdberg@example.org") == "K7Q2A-PLKH");
  CHECK(jan.first_name == "Jan");
  CHECK(jan.last_name == "van der Berg");
  CHECK(jan.category == "Élu·e");
  CHECK(jan.email == "j.vdberg@example.org");
  CHECK(jan.organisation == "Gemeente Utrecht");
  CHECK(jan.note.empty());
  const Registrant& anne = result.registrants[1];
  CHECK(anne.first_name == "Anne");
  CHECK(anne.last_name == "de la Tour");
  CHECK(anne.note == "Attention particulière / Special attention ; Fauteuil roulant");
  CHECK(result.registrants[2].first_name == "Yann");
  CHECK(result.registrants[2].last_name == "Le Gall");
  CHECK(result.registrants[3].last_name == "El Amrani");
  CHECK(result.registrants[4].first_name.empty());
  CHECK(result.registrants[4].last_name == "Ndiaye");
  CHECK(result.registrants[4].days.empty());
  CHECK(result.warnings.empty());
}

TEST_CASE("pretix check-in list, French headers with name parts, semicolons and a BOM") {
  const auto result = Import(
      "\xEF\xBB\xBF"
      "Code de commande;Nom du participant;Nom du participant : Prénom;Nom du participant : Nom;Produit;Prix;"
      "Adresse e-mail;Société;Nécessite une attention particulière;Commentaire\n"
      "a1b2c;Nguyễn Thị Ánh;Thị Ánh;Nguyễn;Technicien·ne;0,00;anh@example.org;Ville de Hué;Non;\n"
      "D3E4F;Takahashi Yūko;Yūko;Takahashi;Élu·e;0,00;yuko@example.org;Préfecture de Nagano;Oui;Interprète\n"
      "G7H8J;Jean-Baptiste d'Arcy;;;Presse;0,00;;;;\n");
  CHECK(result.format == RegistrantFormat::Pretix);
  REQUIRE(result.registrants.size() == 3);
  CHECK(result.registrants[0].order_code == "A1B2C");
  CHECK(result.registrants[0].first_name == "Thị Ánh");
  CHECK(result.registrants[0].last_name == "Nguyễn");
  CHECK(result.registrants[0].organisation == "Ville de Hué");
  CHECK(result.registrants[0].email == "anh@example.org");
  CHECK(result.registrants[0].category == "Technicien·ne");
  CHECK(result.registrants[1].first_name == "Yūko");
  CHECK(result.registrants[1].last_name == "Takahashi");
  CHECK(result.registrants[1].note == "Attention particulière / Special attention ; Interprète");
  // Empty name parts: the full name is split instead.
  CHECK(result.registrants[2].first_name == "Jean-Baptiste");
  CHECK(result.registrants[2].last_name == "d'Arcy");
}

TEST_CASE("pretix English name parts win over the full name") {
  const auto result = Import(
      "Order code,Attendee name,Attendee name: Title,Attendee name: Given name,Attendee name: Family name,Product\n"
      "AAAAA,Dr Jan van der Berg,Dr,Jan,van der Berg,Speaker\n");
  REQUIRE(result.registrants.size() == 1);
  CHECK(result.registrants[0].first_name == "Jan");
  CHECK(result.registrants[0].last_name == "van der Berg");
  CHECK(result.registrants[0].category == "Speaker");
}

TEST_CASE("pretix ticket codes: FNV-1a 64 of the name and e-mail key, pinned") {
  // Golden values computed apart (a Python FNV-1a 64): check-in events are keyed by these codes.
  CHECK(kiosk::PretixTicketCode("ABC12", "Marie", "Dubois", "maire@ville-exemple.fr") == "ABC12-HCZU");
  CHECK(kiosk::PretixTicketCode("ABC12", "Marie", "Dubois", "maire@ville-exemple.fr", 8) == "ABC12-HCZU7KHX");
  CHECK(kiosk::PretixTicketCode("LM3PX", "Awa", "Diop", "") == "LM3PX-7YDP");
  // The key is MatchKey of the whole name and the e-mail without case: the split, case and spacing do not matter.
  CHECK(kiosk::PretixTicketCode(" abc12", "Marie Dubois", "", "Maire@Ville-Exemple.FR") == "ABC12-HCZU");
  CHECK(kiosk::PretixTicketCode("ABC12", "MARIE", "  dubois ", "maire@ville-exemple.fr") == "ABC12-HCZU");
  CHECK(kiosk::PretixTicketCode("ABC12", "Marie", "Dubois", "marie@ville-exemple.fr") != "ABC12-HCZU");
}

TEST_CASE("pretix: an order of several tickets gives one registrant a ticket, each coded by name and e-mail") {
  const auto result = Import(
      "Order code,Attendee name,Product,E-mail,Company\n"
      "abc12,Marie Dubois,Élu·e,maire@ville-exemple.fr,Ville de Rennes\n"
      "K7Q2A,Jan van der Berg,Élu·e,j.vdberg@example.org,Gemeente Utrecht\n"
      "ABC12,Paul Le Gall,Technicien·ne,p.legall@ville-exemple.fr,Ville de Rennes\n"
      "ABC12,Sophie Martin,Technicien·ne,s.martin@ville-exemple.fr,Ville de Rennes\n"
      "LM3PX,Awa Diop,Presse,,\n"
      "LM3PX,Omar Tazi,Presse,,\n");
  CHECK(result.format == RegistrantFormat::Pretix);
  REQUIRE(result.registrants.size() == 6);
  std::vector<std::string> codes;
  for (const Registrant& person : result.registrants) codes.push_back(person.order_code);
  CHECK(codes ==
        std::vector<std::string>{"ABC12-HCZU", "K7Q2A", "ABC12-E9Z7", "ABC12-C7AK", "LM3PX-7YDP", "LM3PX-X8UP"});
  CHECK(result.registrants[0].first_name == "Marie");
  CHECK(result.registrants[0].last_name == "Dubois");
  CHECK(result.registrants[0].email == "maire@ville-exemple.fr");
  CHECK(result.registrants[2].first_name == "Paul");
  CHECK(result.registrants[2].last_name == "Le Gall");
  CHECK(result.registrants[2].category == "Technicien·ne");
  CHECK(result.registrants[3].first_name == "Sophie");
  CHECK(result.registrants[3].last_name == "Martin");
  CHECK(result.registrants[3].email == "s.martin@ville-exemple.fr");
  // Same order, same (empty) e-mail, different names: two tickets, not a duplicated row.
  CHECK(result.registrants[4].last_name == "Diop");
  CHECK(result.registrants[5].last_name == "Tazi");
  // A multi-ticket order is normal: no warning.
  CHECK(result.warnings.empty());
}

TEST_CASE("pretix: a re-export with the rows in another order gives every person the same code") {
  const std::vector<std::string> rows{"ABC12,Marie Dubois,maire@ville-exemple.fr\n",
                                      "K7Q2A,Jan van der Berg,j.vdberg@example.org\n",
                                      "ABC12,Paul Le Gall,p.legall@ville-exemple.fr\n",
                                      "ABC12,Sophie Martin,s.martin@ville-exemple.fr\n",
                                      "LM3PX,Awa Diop,\n",
                                      "LM3PX,Omar Tazi,\n"};
  const auto codes_of = [&](const std::vector<std::size_t>& order) {
    std::string csv = "Order code,Attendee name,E-mail\n";
    for (const std::size_t i : order) csv += rows[i];
    std::map<std::string, std::string> codes;  // last name -> code
    for (const Registrant& person : Import(csv).registrants) codes[person.last_name] = person.order_code;
    return codes;
  };
  const auto first = codes_of({0, 1, 2, 3, 4, 5});
  REQUIRE(first.size() == 6);
  CHECK(codes_of({3, 5, 1, 2, 0, 4}) == first);
  CHECK(codes_of({5, 4, 3, 2, 1, 0}) == first);
  CHECK(first.at("Dubois") == "ABC12-HCZU");
  CHECK(first.at("Martin") == "ABC12-C7AK");
}

TEST_CASE("pretix: an order of several tickets that gains one keeps its persons' codes") {
  const std::string before =
      "Order code,Attendee name,E-mail\n"
      "ABC12,Marie Dubois,maire@ville-exemple.fr\n"
      "ABC12,Paul Le Gall,p.legall@ville-exemple.fr\n"
      "K7Q2A,Jan van der Berg,j.vdberg@example.org\n";
  const auto two = Import(before);
  const auto three = Import(before + "ABC12,Sophie Martin,s.martin@ville-exemple.fr\n");
  REQUIRE(two.registrants.size() == 3);
  REQUIRE(three.registrants.size() == 4);
  CHECK(ByCode(three.registrants, two.registrants[0].order_code).last_name == "Dubois");
  CHECK(ByCode(three.registrants, two.registrants[1].order_code).last_name == "Le Gall");
  CHECK(ByCode(three.registrants, "K7Q2A").last_name == "van der Berg");
  CHECK(ByCode(three.registrants, "ABC12-C7AK").last_name == "Martin");
}

TEST_CASE("pretix: a corrected name keeps the code of a single ticket, and of a ticket with a Secret") {
  const auto before = Import(
      "Order code,Attendee name,E-mail,Secret\n"
      "K7Q2A,Jan van der Berg,j.vdberg@example.org,k3fq9x2mbz7wq4rt\n"
      "ABC12,Marie Dubois,maire@ville-exemple.fr,p8xk2mq7vzt3rbw9\n"
      "ABC12,Paul Le Gall,p.legall@ville-exemple.fr,t5rq8wz2kmx7vb3p\n");
  const auto after = Import(
      "Order code,Attendee name,E-mail,Secret\n"
      "K7Q2A,Jan van den Berg,jan.vdberg@example.org,k3fq9x2mbz7wq4rt\n"
      "ABC12,Marie Dubois-Martin,m.dubois@ville-exemple.fr,p8xk2mq7vzt3rbw9\n"
      "ABC12,Paul Le Gall,p.legall@ville-exemple.fr,t5rq8wz2kmx7vb3p\n");
  REQUIRE(before.registrants.size() == 3);
  REQUIRE(after.registrants.size() == 3);
  for (std::size_t i = 0; i < 3; ++i) CHECK(before.registrants[i].order_code == after.registrants[i].order_code);
  CHECK(after.registrants[0].order_code == "K7Q2A");
  CHECK(after.registrants[1].order_code.starts_with("ABC12-"));
  CHECK(after.registrants[1].order_code != after.registrants[2].order_code);
  CHECK(after.registrants[1].last_name == "Dubois-Martin");
}

TEST_CASE("pretix: the same attendee twice in one order (an add-on product) is one registrant, with a warning") {
  kiosk::RegistrantImportOptions options;
  options.source_name = "registrants.csv";
  const kiosk::RegistrantImportResult result = kiosk::ImportRegistrantsCsv(
      "Order code,Attendee name,E-mail,Product\n"
      "ABC12,Marie Dubois,maire@ville-exemple.fr,élu·e\n"
      "ABC12,Paul Le Gall,p.legall@ville-exemple.fr,technicien·ne\n"
      "abc12 , MARIE  Dubois ,Maire@ville-exemple.fr,Déjeuner\n",
      options);
  REQUIRE(result.registrants.size() == 2);
  CHECK(result.registrants[0].order_code == "ABC12-HCZU");
  CHECK(result.registrants[0].category == "élu·e");
  CHECK(result.registrants[1].order_code == "ABC12-E9Z7");
  REQUIRE(result.warnings.size() == 1);
  CHECK(result.warnings[0].where == "registrants.csv:4");
  CHECK(result.warnings[0].message ==
        "order ABC12: the attendee of line 2 again (an add-on product or a repeated row): kept once");
}

TEST_CASE("pretix: ticket codes that could clash") {
  SUBCASE("two persons of one order colliding on 4 characters both get 8") {
    // guest848 and guest2396 share ABC12-QLQX (found by search); the same persons in two orders do not collide.
    const auto result = Import(
        "Order code,Attendee name,E-mail\n"
        "ABC12,Marie Dubois,guest848@example.org\n"
        "ABC12,Marie Dubois,guest2396@example.org\n"
        "ABC12,Paul Le Gall,p.legall@ville-exemple.fr\n"
        "K7Q2A,Marie Dubois,guest848@example.org\n");
    REQUIRE(result.registrants.size() == 4);
    CHECK(result.registrants[0].order_code == "ABC12-QLQXSVQJ");
    CHECK(result.registrants[1].order_code == "ABC12-QLQXUYXE");
    CHECK(result.registrants[2].order_code == "ABC12-E9Z7");
    CHECK(result.registrants[3].order_code == "K7Q2A");  // one ticket: its order code
    REQUIRE(result.warnings.size() == 1);
    CHECK(result.warnings[0].where == "registrants.csv:2");
    CHECK(result.warnings[0].message ==
          "order ABC12: the attendees of lines 2, 3 would share the ticket code ABC12-QLQX: coded with 8 characters");
  }
  SUBCASE("a row whose own order code looks like a ticket code is no clash") {
    const auto result = Import(
        "Order code,Attendee name\n"
        "ABC12,Marie Dubois\n"
        "ABC12-1,Sophie Martin\n"
        "ABC12,Paul Le Gall\n");
    REQUIRE(result.registrants.size() == 3);
    CHECK(result.registrants[0].order_code == kiosk::PretixTicketCode("ABC12", "Marie", "Dubois", ""));
    CHECK(result.registrants[1].order_code == "ABC12-1");  // an order of one ticket
    CHECK(result.registrants[2].order_code == kiosk::PretixTicketCode("ABC12", "Paul", "Le Gall", ""));
    CHECK(result.warnings.empty());
  }
}

TEST_CASE("Eventbrite attendee report from the corpus") {
  const fs::path path = kiosk::test::CorpusDir() / "attendees" / "eventbrite-attendee-report.csv";
  if (!fs::exists(path)) {
    MESSAGE("corpus absent, skipped");
    return;
  }
  const auto result = kiosk::ImportRegistrantsFile(path, {});
  CHECK(result.format == RegistrantFormat::Eventbrite);
  CHECK(kiosk::RegistrantFormatName(result.format) == "eventbrite");
  REQUIRE(result.registrants.size() == 3);
  const Registrant& john = result.registrants[0];
  CHECK(john.order_code == "18441583423");  // the Attendee #, not the Order #
  CHECK(john.first_name == "John");
  CHECK(john.last_name == "Doe");
  CHECK(john.email == "jdoe1@test1mail.com");
  CHECK(john.organisation == "Company1Name");
  CHECK(john.category == "General Admission");
  CHECK(john.country.empty());
  CHECK(result.registrants[2].order_code == "18443939943");
  CHECK(result.registrants[2].last_name == "Bloggs");
  CHECK(result.warnings.empty());
}

TEST_CASE("Eventbrite: refunded attendees are skipped, Order # is the code without Attendee #") {
  const auto result = Import(
      "Order #,First Name,Last Name,Email,Ticket Type,Attendee Status,Home Country,Company\n"
      "111,Awa,Diop,awa@example.org,Élu·e,Attending,Sénégal,Commune de Saint-Louis\n"
      "222,Omar,Tazi,omar@example.org,Presse,Refunded,Maroc,\n");
  CHECK(result.format == RegistrantFormat::Eventbrite);
  REQUIRE(result.registrants.size() == 1);
  CHECK(result.registrants[0].order_code == "111");
  CHECK(result.registrants[0].country == "Sénégal");
  CHECK(result.registrants[0].organisation == "Commune de Saint-Louis");
  CHECK(HasWarning(result, "registrants.csv:3", "Refunded"));
}

TEST_CASE("search-accents registrants.csv imports as a sheet, NFC") {
  const auto result = kiosk::ImportRegistrantsFile(kiosk::test::CasePath("search-accents", "registrants.csv"), {});
  CHECK(result.format == RegistrantFormat::Sheet);
  REQUIRE(result.registrants.size() == 6);
  CHECK(ByCode(result.registrants, "K7Q2A").first_name == "Élodie");
  CHECK(ByCode(result.registrants, "K7Q2B").first_name == "ÉLODIE");
  // Row 3 is written decomposed (E + U+0301): stored composed.
  CHECK(ByCode(result.registrants, "K7Q2C").first_name == "\xC3\x89lodie");
  CHECK(ByCode(result.registrants, "K7Q2D").first_name == "Thị Ánh");
  CHECK(ByCode(result.registrants, "K7Q2D").last_name == "Nguyễn");
  CHECK(ByCode(result.registrants, "K7Q2E").last_name == "Dupont-Lefèvre");
  CHECK(ByCode(result.registrants, "K7Q2F").last_name == "van der Berg");
  CHECK(ByCode(result.registrants, "K7Q2F").organisation == "Gemeente Utrecht");
  CHECK(ByCode(result.registrants, "K7Q2F").email == "j.vdberg@example.org");
}

TEST_CASE("sheet with French headers, days and programme") {
  const auto result = Import(
      "code de commande,prénom,nom,collectivité,courriel,catégorie,pays,jours,programme\n"
      "AB3CD,Élodie,Garnier,Ville de Lyon,e.garnier@example.org,élu·e,France,09/07/2026 2026-07-08 2026-07-08,"
      "\"2026-07-08 10:00-11:30 Atelier Eau @ Salon Monge\n2026-07-08 09:00 Accueil\"\n"
      "EF7GH,Aram,Hovhannisyan,Ville d'Erevan,,technicien·ne,Arménie,,"
      "2026-07-09 14:00-14:20 B2B : Ville de Lyon @ Table 7 (Salon Laplace); 2026-07-09 23:30-00:30 Soirée\n");
  CHECK(result.format == RegistrantFormat::Sheet);
  REQUIRE(result.registrants.size() == 2);
  const Registrant& elodie = result.registrants[0];
  CHECK(elodie.organisation == "Ville de Lyon");
  CHECK(elodie.category == "élu·e");
  CHECK(elodie.country == "France");
  CHECK(elodie.days == std::vector<Day>{D(2026, 7, 8), D(2026, 7, 9)});
  REQUIRE(elodie.appointments.size() == 2);
  CHECK(elodie.appointments[0].title == "Accueil");
  CHECK(elodie.appointments[0].start == Utc("2026-07-08T07:00:00Z"));
  CHECK(elodie.appointments[0].end == elodie.appointments[0].start);
  CHECK(elodie.appointments[0].place.empty());
  CHECK(elodie.appointments[1].title == "Atelier Eau");
  CHECK(elodie.appointments[1].place == "Salon Monge");
  CHECK(elodie.appointments[1].start == Utc("2026-07-08T08:00:00Z"));
  CHECK(elodie.appointments[1].end == Utc("2026-07-08T09:30:00Z"));
  const Registrant& aram = result.registrants[1];
  CHECK(aram.days.empty());
  REQUIRE(aram.appointments.size() == 2);
  CHECK(aram.appointments[0].title == "B2B : Ville de Lyon");
  CHECK(aram.appointments[0].place == "Table 7 (Salon Laplace)");
  CHECK(aram.appointments[0].start == Utc("2026-07-09T12:00:00Z"));
  CHECK(aram.appointments[1].end == Utc("2026-07-09T22:30:00Z"));  // past midnight
}

TEST_CASE("sheet in Windows-1252 with semicolons") {
  const auto result = Import(
      "order code;pr\xE9nom;nom;organisation;e-mail;cat\xE9gorie\r\n"
      "XY789;\xC9lodie;Lef\xE8vre;D\xE9partement de la Gironde;elodie@example.fr;\xE9lu\xB7"
      "e\r\n");
  REQUIRE(result.registrants.size() == 1);
  CHECK(result.registrants[0].first_name == "Élodie");
  CHECK(result.registrants[0].last_name == "Lefèvre");
  CHECK(result.registrants[0].organisation == "Département de la Gironde");
  CHECK(result.registrants[0].category == "élu·e");
  CHECK(HasWarning(result, "registrants.csv:1", "Windows-1252"));
}

// Review of issue 11: a registrant list saved as UTF-16 without a BOM was refused as invalid UTF-8 or mangled.
TEST_CASE("registrants: a UTF-16 sheet without a BOM is decoded, little- or big-endian") {
  const std::u16string text = u"order_code,first_name,last_name\r\nA1,Élodie,Dupont\r\nB2,مریم,Karimi\r\n";
  for (const bool little : {true, false}) {
    CAPTURE(little);
    std::string bytes;
    for (char16_t unit : text) {
      const char low = static_cast<char>(unit & 0xFF), high = static_cast<char>(unit >> 8);
      bytes += little ? std::string{low, high} : std::string{high, low};
    }
    const RegistrantImportResult result = Import(bytes);
    REQUIRE(result.registrants.size() == 2);
    CHECK(ByCode(result.registrants, "A1").first_name == "Élodie");
    CHECK(ByCode(result.registrants, "B2").first_name == "مریم");
    CHECK(HasWarning(result, "registrants.csv:1", "decoded from UTF-16"));
    CHECK(HasWarning(result, "registrants.csv:1", "no byte-order mark"));
  }
}

TEST_CASE("sheet: unknown columns are warned about") {
  const auto result = Import("\n# export du 1er juin\norder_code,last_name,shoe size\nA,Diop,42\n");
  REQUIRE(result.registrants.size() == 1);
  CHECK(result.registrants[0].last_name == "Diop");
  CHECK(HasWarning(result, "registrants.csv:3", "unknown column 'shoe size'"));
}

TEST_CASE("errors name the file and line") {
  SUBCASE("unknown header row lists the known formats") {
    const auto [where, message] = ErrorOf("\nfoo,bar\n1,2\n");
    CHECK(where == "registrants.csv:2");
    CHECK(message.find("unknown header row") != std::string::npos);
    CHECK(message.find("pretix") != std::string::npos);
    CHECK(message.find("Eventbrite") != std::string::npos);
    CHECK(message.find("sheet") != std::string::npos);
  }
  SUBCASE("empty file") { CHECK(ErrorOf("\n\n").first == "registrants.csv:1"); }
  SUBCASE("a line break or another control character in an order code") {
    // Issue 11 defect 4: no scanner can type it; the file is refused rather than the code kept.
    const auto [where, message] = ErrorOf("order_code,first_name,last_name\nA,Awa,Diop\n\"multi\nline\",Jan,Visser\n");
    CHECK(where == "registrants.csv:3");
    CHECK(message == "order code holds a control character (U+000A) at character 6");
  }
  SUBCASE("missing order code") {
    const auto [where, message] = ErrorOf("order_code,first_name,last_name\nA,Awa,Diop\n , Omar,Tazi\n");
    CHECK(where == "registrants.csv:3");
    CHECK(message == "no order code");
  }
  SUBCASE("no name at all") {
    const auto [where, message] = ErrorOf("order_code,first_name,last_name,email\nA,,,a@example.org\n");
    CHECK(where == "registrants.csv:2");
    CHECK(message.find("no name") != std::string::npos);
  }
  SUBCASE("repeated order code names both lines") {
    const auto [where, message] =
        ErrorOf("order_code,first_name,last_name\nabc,Awa,Diop\nMULTI,Jan,\"Vis\nser\"\n ABC ,Omar,Tazi\n");
    CHECK(where == "registrants.csv:5");
    CHECK(message == "order code ABC repeats line 2");
  }
  SUBCASE("the sheet refuses a repeated order code even with other names (no tickets numbering)") {
    const auto [where, message] = ErrorOf(
        "order_code,first_name,last_name,email\n"
        "ABC12,Marie,Dubois,maire@ville-exemple.fr\n"
        "ABC12,Paul,Le Gall,p.legall@ville-exemple.fr\n");
    CHECK(where == "registrants.csv:3");
    CHECK(message == "order code ABC12 repeats line 2");
  }
  SUBCASE("Eventbrite refuses a repeated attendee number") {
    const auto [where, message] = ErrorOf(
        "Order #,First Name,Last Name,Attendee #\n"
        "111,Awa,Diop,555\n"
        "111,Omar,Tazi,555\n");
    CHECK(where == "registrants.csv:3");
    CHECK(message == "order code 555 repeats line 2");
  }
  SUBCASE("bad day") {
    const auto [where, message] = ErrorOf("order_code,last_name,days\nA,Diop,2026-07-08;demain\n");
    CHECK(where == "registrants.csv:2");
    CHECK(message.find("'demain'") != std::string::npos);
  }
  SUBCASE("bad programme entry") {
    const auto [where, message] =
        ErrorOf("order_code,last_name,programme\nA,Diop,2026-07-08 10:00 Atelier\nB,Sow,2026-07-08 25:00 Atelier\n");
    CHECK(where == "registrants.csv:3");
    CHECK(message.find("bad programme entry '2026-07-08 25:00 Atelier'") != std::string::npos);
  }
  SUBCASE("mixed encodings") {
    const auto [where, message] = ErrorOf("order_code,last_name\nA,Lefèvre\nB,Lef\xE8vre\n");
    CHECK(where == "registrants.csv:3");
    CHECK(message.find("mixed encodings") != std::string::npos);
  }
  SUBCASE("unterminated quote") { CHECK(ErrorOf("order_code,last_name\nA,\"Diop\n").first == "registrants.csv:2"); }
}

// Review of issue 11: an order code took U+202E (and then displayed reversed); names kept an open override.
TEST_CASE("registrants: a bidi control or zero-width character in an order code is refused, names are cleaned") {
  const auto [where, message] = ErrorOf("order_code,first_name,last_name\nA,Awa,Diop\n7ZT\u202EHV,Jan,Visser\n");
  CHECK(where == "registrants.csv:3");
  CHECK(message ==
        "order code holds a bidirectional formatting character (U+202E RIGHT-TO-LEFT OVERRIDE) at "
        "character 4");
  CHECK(ErrorOf("order_code,first_name,last_name\n7ZT\u200DHV,Jan,Visser\n").second ==
        "order code holds an invisible format character (U+200D ZERO WIDTH JOINER) at character 4");
  CHECK(ErrorOf("order_code,first_name,last_name\n7ZT\u2029HV,Jan,Visser\n").second ==
        "order code holds a line or paragraph separator (U+2029 PARAGRAPH SEPARATOR) at character 4");
  const RegistrantImportResult result =
      Import("order_code,first_name,last_name,organisation\nA1,\u202Eeilrahc,مریم,Ville de \u202Bتونس\u202C\n");
  REQUIRE(result.registrants.size() == 1);
  CHECK(result.registrants[0].first_name == "eilrahc");
  CHECK(result.registrants[0].last_name == "مریم");
  CHECK(result.registrants[0].organisation == "Ville de \u202Bتونس\u202C");  // a closed embedding stays
  CHECK(HasWarning(result, "registrants.csv:2", "first name: removed 1 bidirectional formatting character"));
}

TEST_CASE("generator: same seed same people, another seed other people") {
  const auto first = kiosk::GenerateRegistrants(400, 2026);
  const auto again = kiosk::GenerateRegistrants(400, 2026);
  const auto other = kiosk::GenerateRegistrants(400, 7);
  REQUIRE(first.size() == 400);
  CHECK(first == again);
  CHECK(first != other);
  std::set<std::string> codes, countries, categories;
  int elodies = 0;
  for (const Registrant& person : first) {
    codes.insert(person.order_code);
    countries.insert(person.country);
    categories.insert(person.category);
    CHECK(person.order_code.size() == 5);
    CHECK(person.order_code.find_first_not_of("ABCDEFGHJKLMNPQRSTUVWXYZ3789") == std::string::npos);
    const bool example = person.email.ends_with("@example.org") || person.email.ends_with("@example.fr");
    CHECK_MESSAGE(example, person.email);
    CHECK(!person.last_name.empty());
    CHECK(!person.first_name.empty());
    CHECK(kiosk::ToNfc(person.first_name + person.last_name + person.organisation) ==
          person.first_name + person.last_name + person.organisation);
    CHECK(!person.days.empty());
    CHECK(person.appointments.empty());
    elodies += person.first_name == "Élodie";
  }
  CHECK(codes.size() == 400);
  CHECK(countries.size() >= 20);
  CHECK(categories == std::set<std::string>{"élu·e", "technicien·ne", "partenaire", "presse", "intervenant·e"});
  CHECK(elodies >= 3);
  CHECK(kiosk::GenerateRegistrants(0, 2026).empty());
  CHECK(kiosk::GenerateRegistrants(-3, 2026).empty());
  // Several Élodies already among the first 50.
  const auto fifty = kiosk::GenerateRegistrants(50, 99);
  CHECK(std::count_if(fifty.begin(), fifty.end(), [](const Registrant& r) { return r.first_name == "Élodie"; }) >= 3);
}

TEST_CASE("generator: 100 000 registrants with unique codes, quickly") {
  const auto start = std::chrono::steady_clock::now();
  const auto many = kiosk::GenerateRegistrants(100000, 2026);
  const auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
  MESSAGE("100 000 registrants generated in " << elapsed.count() << " ms");
  REQUIRE(many.size() == 100000);
  std::set<std::string> codes;
  for (const Registrant& person : many) codes.insert(person.order_code);
  CHECK(codes.size() == 100000);
}

TEST_CASE("generator -> sheet -> import gives the same registrants, with a programme") {
  const auto programme = kiosk::ImportFile(kiosk::test::SourcePath("schedules/raict-2026.csv"), {}).programme;
  const auto people = kiosk::GenerateRegistrants(400, 2026, &programme);
  REQUIRE(people.size() == 400);
  int with_b2b = 0, with_workshops = 0;
  for (const Registrant& person : people) {
    int workshops = 0;
    for (const auto& appointment : person.appointments) {
      if (appointment.title.starts_with("B2B : ")) {
        ++with_b2b;
        CHECK(appointment.place.starts_with("Table "));
        CHECK(appointment.end - appointment.start == std::chrono::minutes{20});
      } else {
        ++workshops;
        CHECK(!appointment.place.empty());
      }
    }
    CHECK(workshops <= 3);
    with_workshops += workshops >= 1;
  }
  CHECK(with_workshops >= 390);
  CHECK(with_b2b > 80);
  CHECK(with_b2b < 190);

  const std::string csv = kiosk::RegistrantsToSheetCsv(people);
  const auto back = Import(csv, "demo.csv");
  CHECK(back.format == RegistrantFormat::Sheet);
  CHECK(back.warnings.empty());
  REQUIRE(back.registrants.size() == people.size());
  for (std::size_t i = 0; i < people.size(); ++i) {
    CHECK(back.registrants[i] == people[i]);
  }
  // Without a programme too, and another venue zone for the times.
  const auto plain = kiosk::GenerateRegistrants(120, 5);
  kiosk::RegistrantImportOptions tokyo;
  tokyo.time_zone = "Asia/Tokyo";
  CHECK(kiosk::ImportRegistrantsCsv(kiosk::RegistrantsToSheetCsv(plain, "Asia/Tokyo"), tokyo).registrants == plain);
  kiosk::RegistrantImportOptions in_tokyo;
  in_tokyo.time_zone = "Asia/Tokyo";
  CHECK(kiosk::ImportRegistrantsCsv(kiosk::RegistrantsToSheetCsv(people, "Asia/Tokyo"), in_tokyo).registrants ==
        people);
}

TEST_CASE("sheet writer quotes what needs it and keeps a title with a semicolon in one entry") {
  Registrant person;
  person.order_code = "QW3RT";
  person.first_name = "Jean-Baptiste";
  person.last_name = "d'Arcy";
  person.organisation = "Ville de Lyon, relations \"internationales\"";
  person.category = "intervenant·e";
  person.days = {D(2026, 7, 9)};
  person.note = "Fauteuil roulant\nInterprète";
  person.appointments = {{Utc("2026-07-09T09:00:00Z"), Utc("2026-07-09T10:30:00Z"), "Eau ; assainissement", "Salon"}};
  Registrant other = person;
  other.order_code = "ZX7CV";
  other.appointments.push_back({Utc("2026-07-09T07:00:00Z"), Utc("2026-07-09T07:00:00Z"), "Accueil", ""});
  const std::string csv = kiosk::RegistrantsToSheetCsv({person, other});
  CHECK(csv.find("\"Ville de Lyon, relations \"\"internationales\"\"\"") != std::string::npos);
  CHECK(csv.find("2026-07-09 11:00-12:30 Eau ; assainissement @ Salon") != std::string::npos);
  const auto back = Import(csv);
  REQUIRE(back.registrants.size() == 2);
  CHECK(back.registrants[0] == person);
  CHECK(back.registrants[1].appointments.front().title == "Accueil");
  CHECK(back.registrants[1] == Registrant{other.order_code,
                                          other.first_name,
                                          other.last_name,
                                          other.organisation,
                                          other.email,
                                          other.category,
                                          other.country,
                                          other.days,
                                          {other.appointments[1], other.appointments[0]},
                                          other.note});
}

TEST_CASE("Eventbrite: an attendee without attendee number is known by the order number") {
  const auto result = Import(
      "Order #,First Name,Last Name,Attendee #,Ticket Type\n"
      "111,Awa,Diop,555,Élu·e\n"
      "222,Omar,Tazi,,Presse\n");
  REQUIRE(result.registrants.size() == 2);
  CHECK(result.registrants[0].order_code == "555");
  CHECK(result.registrants[1].order_code == "222");
}

TEST_CASE("registrant days out of range say so, 24:00 ends an appointment and cannot start one") {
  auto [where, message] = ErrorOf("order code,first name,last name,days\nAB3CD,Ana,Silva,9999-12-31\n");
  CHECK(where == "registrants.csv:2");
  CHECK(message ==
        "out of range: 9999-12-31 (dates run from 1970-01-01 to 2100-12-31) in column days (YYYY-MM-DD or "
        "DD/MM/YYYY)");
  std::tie(where, message) =
      ErrorOf("order code,first name,last name,programme\nAB3CD,Ana,Silva,3000-01-01 10:00 Accueil\n");
  CHECK(message ==
        "bad programme entry '3000-01-01 10:00 Accueil': out of range: 3000-01-01 (dates run from "
        "1970-01-01 to 2100-12-31) (expected 'YYYY-MM-DD HH:MM[-HH:MM] Title @ Place')");
  std::tie(where, message) =
      ErrorOf("order code,first name,last name,programme\nAB3CD,Ana,Silva,2026-07-08 24:00-01:00 Nuit\n");
  CHECK(message.find("24:00 is the end of a day, not a start") != std::string::npos);
  const auto result =
      Import("order code,first name,last name,programme\nAB3CD,Ana,Silva,2026-07-08 22:00-24:00 Soirée\n");
  REQUIRE(result.registrants.at(0).appointments.size() == 1);
  CHECK(result.registrants[0].appointments[0].end == Utc("2026-07-08T22:00:00Z"));
}

TEST_CASE("order codes are upper-cased by character, not by byte") {
  CHECK(kiosk::CanonicalOrderCode(" RéUNION\r") == "RÉUNION");
  CHECK(kiosk::CanonicalOrderCode("re\u0301union") == "RÉUNION");  // NFD typed: the same code
  CHECK(kiosk::CanonicalOrderCode("k7q2a") == "K7Q2A");
  CHECK(kiosk::CanonicalOrderCode("straße") == "STRAẞE");  // one character for one: ß gives the capital ẞ
}

TEST_CASE("a UTF-16 or .xlsx registrant list is decoded or named") {
  std::string utf16 = "\xFF\xFE";
  for (const char c : std::string("order code,first name,last name\nAB3CD,Ana,Silva\n")) utf16 += std::string{c, '\0'};
  const auto result = Import(utf16);
  REQUIRE(result.registrants.size() == 1);
  CHECK(result.registrants[0].last_name == "Silva");
  const auto [where, message] = ErrorOf(std::string("PK\x03\x04\x14\x00", 6) + "xl/worksheets/sheet1.xml");
  CHECK(message.find("this is an Excel .xlsx workbook: export it as CSV (UTF-8)") == 0);
}

TEST_CASE("pretix: the Secret column becomes each ticket's ticket code, an add-on's secret too") {
  const auto result = Import(
      "Order code,Attendee name,E-mail,Product,Secret\n"
      "K7Q2A,Lise Varenne,l.varenne@example.org,Élu·e,k3fq9x2mbz7wq4rt\n"
      "ABC12,Noé Castellane,n.castellane@example.fr,Presse,p8xk2mq7vzt3rbw9\n"
      "ABC12,Inès Morvan,i.morvan@example.fr,Presse,t5rq8wz2kmx7vb3p\n"
      "ABC12,Noé Castellane,n.castellane@example.fr,Déjeuner,w2vb7kq9rmz3xt8p\n"
      "QW3RT,Jules Ferrandi,,Presse,\n");
  REQUIRE(result.registrants.size() == 4);
  CHECK(result.registrants[0].order_code == "K7Q2A");
  CHECK(result.registrants[0].ticket_codes == std::vector<std::string>{"K3FQ9X2MBZ7WQ4RT"});
  CHECK(result.registrants[1].order_code.starts_with("ABC12-"));
  CHECK(result.registrants[1].ticket_codes == std::vector<std::string>{"P8XK2MQ7VZT3RBW9", "W2VB7KQ9RMZ3XT8P"});
  CHECK(result.registrants[2].ticket_codes == std::vector<std::string>{"T5RQ8WZ2KMX7VB3P"});
  CHECK(result.registrants[3].ticket_codes.empty());
}

TEST_CASE("sheet and Eventbrite: a ticket code column, several codes in one cell") {
  const auto sheet = Import(
      "Code de commande;Prénom;Nom;Code billet\n"
      "R1;Lise;Varenne;4006381333931 | qr-77k2\n"
      "R2;Noé;Castellane;5012345678900\n"
      "R3;Inès;Morvan;\n");
  CHECK(sheet.format == RegistrantFormat::Sheet);
  CHECK(sheet.warnings.empty());
  REQUIRE(sheet.registrants.size() == 3);
  CHECK(sheet.registrants[0].ticket_codes == std::vector<std::string>{"4006381333931", "QR-77K2"});
  CHECK(sheet.registrants[1].ticket_codes == std::vector<std::string>{"5012345678900"});
  CHECK(sheet.registrants[2].ticket_codes.empty());
  for (const char* header : {"ticket code", "Ticket-Code", "barcode", "code-barres", "ticket_secret"}) {
    CAPTURE(header);
    const auto one = Import(std::string("order code,name,") + header + "\nR1,Lise Varenne,abc;def\n");
    REQUIRE(one.registrants.size() == 1);
    CHECK(one.registrants[0].ticket_codes == std::vector<std::string>{"ABC", "DEF"});
  }
  const auto eventbrite = Import(
      "Order #,Order Date,First Name,Last Name,Email,Ticket Type,Attendee #,Barcode #,Attendee Status\n"
      "1111,2026-05-01,Lise,Varenne,l.varenne@example.org,Delegate,2221,222111111001,Attending\n");
  CHECK(eventbrite.format == RegistrantFormat::Eventbrite);
  REQUIRE(eventbrite.registrants.size() == 1);
  CHECK(eventbrite.registrants[0].ticket_codes == std::vector<std::string>{"222111111001"});
  // The sheet writer keeps them.
  CHECK(Import(kiosk::RegistrantsToSheetCsv(sheet.registrants)).registrants == sheet.registrants);
}

TEST_CASE("two registrants sharing a ticket code: an error naming both lines") {
  auto [where, message] = ErrorOf(
      "order code,name,ticket code\n"
      "R1,Lise Varenne,4006381333931\n"
      "R2,Noé Castellane,5012345678900\n"
      "R3,Inès Morvan,5012345678900;777\n");
  CHECK(where == "registrants.csv:4");
  CHECK(message == "ticket code 5012345678900 of order code R3 is also that of line 3 (order code R2)");
  std::tie(where, message) = ErrorOf(
      "order code,name,ticket code\n"
      "R1,Lise Varenne,r2\n"
      "R2,Noé Castellane,\n");
  CHECK(where == "registrants.csv:2");
  CHECK(message == "ticket code R2 is the order code of line 3 (R2)");
  std::tie(where, message) = ErrorOf(
      "Order code,Attendee name,Secret\n"
      "K7Q2A,Lise Varenne,samesecret\n"
      "ABC12,Noé Castellane,SameSecret\n");
  CHECK(where == "registrants.csv:3");
  CHECK(message == "ticket code SAMESECRET of order code ABC12 is also that of line 2 (order code K7Q2A)");
}

TEST_CASE("registrant columns named by the organizer (--column ROLE=HEADER) win over the export's names") {
  kiosk::RegistrantImportOptions options;
  options.source_name = "inscrits.csv";
  options.table.columns = {
      {"N° dossier", "order_code"}, {"Badge", "ticket_code"}, {"Nom", "full_name"}, {"Remarque", "ignored"}};
  const auto result = kiosk::ImportRegistrantsCsv(
      "N° dossier,Nom,Badge,Remarque\n"
      "D-1,Lise Varenne,4006381333931,VIP\n",
      options);
  REQUIRE(result.registrants.size() == 1);
  CHECK(result.registrants[0].order_code == "D-1");
  CHECK(result.registrants[0].first_name == "Lise");
  CHECK(result.registrants[0].last_name == "Varenne");
  CHECK(result.registrants[0].ticket_codes == std::vector<std::string>{"4006381333931"});
  CHECK(result.registrants[0].note.empty());
  options.table.columns = {{"Badge", "barcode"}};
  try {
    kiosk::ImportRegistrantsCsv("order code,name,Badge\nD-1,Lise Varenne,1\n", options);
    FAIL("an unknown role was accepted");
  } catch (const ImportError& error) {
    CHECK(error.Where() == "inscrits.csv:1");
    CHECK(
        error.Message().starts_with("unknown registrant column role 'barcode' for header 'Badge' (roles: order_code,"));
  }
  options.table.columns = {{"Billet", "ticket_code"}};
  CHECK_THROWS_WITH_AS(kiosk::ImportRegistrantsCsv("order code,name\nD-1,Lise Varenne\n", options),
                       doctest::Contains("no column 'Billet' in the header row"), ImportError);
}
