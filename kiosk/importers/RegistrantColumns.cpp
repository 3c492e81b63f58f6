// The registrant CSV import's header row: which export it is (pretix, Eventbrite, the plain sheet) and which column
// holds what, by the names each platform gives its columns in English and French (RegistrantImporter.cpp's file
// comment has the rules).
#include <algorithm>
#include <array>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kiosk/core/Text.h"
#include "kiosk/importers/RegistrantImportInternal.h"

namespace kiosk::registrant_import_detail {
namespace {

using Alias = std::pair<std::string_view, Column>;

/// pretix check-in list headers (MatchKey form), English and French.
constexpr std::array kPretixAliases{
    Alias{"order-code", Column::OrderCode},
    Alias{"code-de-commande", Column::OrderCode},
    Alias{"code-commande", Column::OrderCode},
    Alias{"attendee-name", Column::FullName},
    Alias{"nom-du-participant", Column::FullName},
    Alias{"nom-du-de-la-participant-e", Column::FullName},
    Alias{"nom-de-participant", Column::FullName},
    Alias{"product", Column::Category},
    Alias{"produit", Column::Category},
    Alias{"e-mail", Column::Email},
    Alias{"email", Column::Email},
    Alias{"adresse-e-mail", Column::Email},
    Alias{"adresse-email", Column::Email},
    Alias{"courriel", Column::Email},
    Alias{"attendee-email", Column::Email},
    Alias{"adresse-mail-du-participant", Column::Email},
    Alias{"adresse-mail", Column::Email},
    Alias{"company", Column::Organisation},
    Alias{"entreprise", Column::Organisation},
    Alias{"societe", Column::Organisation},
    Alias{"organisation", Column::Organisation},
    Alias{"country", Column::Country},
    Alias{"pays", Column::Country},
    Alias{"requires-special-attention", Column::Attention},
    Alias{"necessite-une-attention-particuliere", Column::Attention},
    Alias{"attention-particuliere", Column::Attention},
    Alias{"comment", Column::Note},
    Alias{"commentaire", Column::Note},
    Alias{"secret", Column::Secret},
    Alias{"code-secret", Column::Secret},
};

/// Prefixes of pretix name-part columns ("Attendee name: Given name").
constexpr std::array<std::string_view, 4> kPretixNamePartPrefixes{"attendee-name-", "nom-du-participant-",
                                                                  "nom-du-de-la-participant-e-", "nom-de-participant-"};
/// Name parts (after the prefix) that hold the first or the last name; other parts (title, salutation…) are ignored.
constexpr std::array kPretixNameParts{
    Alias{"given-name", Column::FirstName},    Alias{"first-name", Column::FirstName},
    Alias{"prenom", Column::FirstName},        Alias{"family-name", Column::LastName},
    Alias{"last-name", Column::LastName},      Alias{"surname", Column::LastName},
    Alias{"nom-de-famille", Column::LastName}, Alias{"nom", Column::LastName},
};

/// Eventbrite attendee report headers.
constexpr std::array kEventbriteAliases{
    Alias{"attendee", Column::OrderCode},  // "Attendee #"
    Alias{"order", Column::AltOrderCode},  // "Order #"
    Alias{"first-name", Column::FirstName},
    Alias{"last-name", Column::LastName},
    Alias{"email", Column::Email},
    Alias{"company", Column::Organisation},
    Alias{"ticket-type", Column::Category},
    Alias{"home-country", Column::Country},
    Alias{"attendee-status", Column::Status},
    Alias{"barcode", Column::TicketCode},  // "Barcode #"
    Alias{"ticket-code", Column::TicketCode},
};

/// Plain sheet headers, English and French.
constexpr std::array kSheetAliases{
    Alias{"order-code", Column::OrderCode},
    Alias{"code-de-commande", Column::OrderCode},
    Alias{"code", Column::OrderCode},
    Alias{"order", Column::OrderCode},
    Alias{"commande", Column::OrderCode},
    Alias{"name", Column::FullName},
    Alias{"full-name", Column::FullName},
    Alias{"nom-complet", Column::FullName},
    Alias{"first-name", Column::FirstName},
    Alias{"given-name", Column::FirstName},
    Alias{"prenom", Column::FirstName},
    Alias{"last-name", Column::LastName},
    Alias{"family-name", Column::LastName},
    Alias{"surname", Column::LastName},
    Alias{"nom", Column::LastName},
    Alias{"nom-de-famille", Column::LastName},
    Alias{"organisation", Column::Organisation},
    Alias{"organization", Column::Organisation},
    Alias{"organisme", Column::Organisation},
    Alias{"collectivite", Column::Organisation},
    Alias{"structure", Column::Organisation},
    Alias{"company", Column::Organisation},
    Alias{"email", Column::Email},
    Alias{"e-mail", Column::Email},
    Alias{"courriel", Column::Email},
    Alias{"mail", Column::Email},
    Alias{"adresse-e-mail", Column::Email},
    Alias{"category", Column::Category},
    Alias{"categorie", Column::Category},
    Alias{"country", Column::Country},
    Alias{"pays", Column::Country},
    Alias{"days", Column::Days},
    Alias{"jours", Column::Days},
    Alias{"programme", Column::Programme},
    Alias{"program", Column::Programme},
    Alias{"note", Column::Note},
    Alias{"notes", Column::Note},
    Alias{"remarque", Column::Note},
    Alias{"commentaire", Column::Note},
    Alias{"comment", Column::Note},
    Alias{"ticket-code", Column::TicketCode},
    Alias{"ticket-codes", Column::TicketCode},
    Alias{"code-billet", Column::TicketCode},
    Alias{"code-du-billet", Column::TicketCode},
    Alias{"code-de-billet", Column::TicketCode},
    Alias{"barcode", Column::TicketCode},
    Alias{"bar-code", Column::TicketCode},
    Alias{"code-barres", Column::TicketCode},
    Alias{"code-barre", Column::TicketCode},
    Alias{"ticket-secret", Column::TicketCode},
    Alias{"secret", Column::TicketCode},
    Alias{"qr-code", Column::TicketCode},
    Alias{"ticket-number", Column::TicketCode},
    Alias{"numero-de-billet", Column::TicketCode},
};

constexpr std::string_view kKnownFormats =
    "expected a pretix check-in list (Order code, Attendee name, Product…; or Code de commande, Nom du participant, "
    "Produit…), an Eventbrite attendee report (Order #, First Name, Last Name, Attendee #…) or the plain sheet "
    "(order code, first name, last name, organisation, e-mail, category, country, days, programme, ticket code; or "
    "code de commande, prénom, nom, organisation, courriel, catégorie, pays, jours, programme, code billet)";

template <std::size_t N>
std::optional<Column> Lookup(const std::array<Alias, N>& aliases, std::string_view key) {
  for (const auto& [alias, column] : aliases) {
    if (alias == key) return column;
  }
  return std::nullopt;
}

/// The roles of RegistrantImportOptions::table.columns (TableMapping) and the columns they name; "ignored" is none.
constexpr std::array<std::pair<std::string_view, Column>, 12> kRoles{{
    {"order_code", Column::OrderCode},
    {"first_name", Column::FirstName},
    {"last_name", Column::LastName},
    {"full_name", Column::FullName},
    {"organisation", Column::Organisation},
    {"email", Column::Email},
    {"category", Column::Category},
    {"country", Column::Country},
    {"days", Column::Days},
    {"programme", Column::Programme},
    {"note", Column::Note},
    {"ticket_code", Column::TicketCode},
}};

/// The MatchKey of a pretix name-part column's part ("given-name"), or nullopt when `key` is not one.
std::optional<std::string_view> PretixNamePart(std::string_view key) {
  for (std::string_view prefix : kPretixNamePartPrefixes) {
    if (key.size() > prefix.size() && key.starts_with(prefix)) return key.substr(prefix.size());
  }
  return std::nullopt;
}

}  // namespace

void RegistrantImport::ReadHeader(const CsvRecord& header) {
  m_header_size = header.cells.size();
  std::vector<std::string> names, keys;
  for (const std::string& cell : header.cells) {
    names.push_back(ToNfc(Trim(cell)));
    keys.push_back(MatchKey(names.back()));
  }
  const auto has = [&](std::initializer_list<std::string_view> wanted) {
    return std::any_of(keys.begin(), keys.end(), [&](const std::string& key) {
      return std::find(wanted.begin(), wanted.end(), key) != wanted.end();
    });
  };
  const bool pretix_code = has({"order-code", "code-de-commande", "code-commande"});
  const bool pretix_name =
      has({"attendee-name", "nom-du-participant", "nom-du-de-la-participant-e", "nom-de-participant", "product",
           "produit"}) ||
      std::any_of(keys.begin(), keys.end(), [](const std::string& key) { return PretixNamePart(key).has_value(); });
  const bool eventbrite = has({"order"}) && has({"first-name"}) && has({"last-name"}) &&
                          has({"attendee", "ticket-type", "attendee-status"});
  if (pretix_code && pretix_name) {
    m_result.format = RegistrantFormat::Pretix;
  } else if (eventbrite) {
    m_result.format = RegistrantFormat::Eventbrite;
  } else {
    m_result.format = RegistrantFormat::Sheet;
  }

  // The organizer's word first (--column ROLE=HEADER, --map): later entries win, headers compared by NormalizeKey.
  std::vector<std::optional<std::optional<Column>>> given(keys.size());
  for (const auto& [text, role] : m_options.table.columns) {
    std::optional<Column> column;
    if (role != "ignored") {
      const auto* found = std::find_if(kRoles.begin(), kRoles.end(), [&](const auto& r) { return r.first == role; });
      if (found == kRoles.end()) {
        std::string roles;
        for (const auto& r : kRoles) roles += std::string(roles.empty() ? "" : ", ") + std::string(r.first);
        Fail(header.line,
             "unknown registrant column role '" + role + "' for header '" + text + "' (roles: " + roles + ", ignored)");
      }
      column = found->second;
    }
    bool matched = false;
    for (std::size_t i = 0; i < names.size(); ++i) {
      if (NormalizeKey(names[i]) == NormalizeKey(text)) given[i] = column, matched = true;
    }
    if (!matched) Fail(header.line, "no column '" + text + "' in the header row (mapped to " + role + ")");
  }
  for (std::size_t i = 0; i < keys.size(); ++i) {
    const std::string& key = keys[i];
    if (given[i]) {
      if (*given[i]) m_columns[static_cast<std::size_t>(**given[i])] = i;
      continue;
    }
    if (key.empty()) continue;  // a spreadsheet's trailing empty column
    std::optional<Column> column;
    switch (m_result.format) {
      case RegistrantFormat::Pretix:
        column = Lookup(kPretixAliases, key);
        if (const auto part = PretixNamePart(key)) column = Lookup(kPretixNameParts, *part);
        break;
      case RegistrantFormat::Eventbrite:
        column = Lookup(kEventbriteAliases, key);
        break;
      case RegistrantFormat::Sheet:
        column = Lookup(kSheetAliases, key);
        if (!column) Warn(header.line, "unknown column '" + names[i] + "' ignored");
        break;
    }
    if (!column) continue;
    auto& slot = m_columns[static_cast<std::size_t>(*column)];
    if (slot) {
      Warn(header.line, "column '" + names[i] + "' repeats column '" + names[*slot] + "'; ignored");
      continue;
    }
    slot = i;
  }
  if (m_result.format == RegistrantFormat::Eventbrite && !Has(Column::OrderCode)) {
    // Without "Attendee #" the order number is the code.
    std::swap(m_columns[static_cast<std::size_t>(Column::OrderCode)],
              m_columns[static_cast<std::size_t>(Column::AltOrderCode)]);
  }
  const bool has_name = Has(Column::FullName) || Has(Column::FirstName) || Has(Column::LastName);
  if (!Has(Column::OrderCode) || !has_name) {
    std::string message = "unknown header row (";
    message += !Has(Column::OrderCode) ? "no order code column" : "no name column";
    message += "): ";
    message += kKnownFormats;
    Fail(header.line, std::move(message));
  }
}

std::string RegistrantImport::Cell(const CsvRecord& row, Column column) { return CachedNfc(RawCell(row, column)); }

std::string_view RegistrantImport::RawCell(const CsvRecord& row, Column column) const {
  const auto index = m_columns[static_cast<std::size_t>(column)];
  if (!index || *index >= row.cells.size()) return {};
  return Trim(row.cells[*index]);
}

}  // namespace kiosk::registrant_import_detail
