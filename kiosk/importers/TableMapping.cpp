// The organizer's mapping of a table (TableMapping.h): the TOML file --map reads and `inspect --write-map` writes,
// and the --column / --days options.

#include "kiosk/importers/TableMapping.h"

#include <algorithm>
#include <cstdio>
#include <limits>
#include <stdexcept>
#include <string>
#include <tuple>

#include <toml++/toml.h>

#include "kiosk/core/Diagnostics.h"
#include "kiosk/importers/Importer.h"

namespace kiosk {

namespace {

/// Longest default duration a mapping may give: one day, in minutes.
constexpr long long kMaxDefaultDurationMinutes = 24 * 60;

std::string Trim(std::string_view text) {
  const std::size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const std::size_t last = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(first, last - first + 1));
}

/// "source:line" of a node (toml++ keeps each node's source position).
std::string WhereOf(const std::string& source, const toml::source_region& region) {
  return region.begin.line > 0 ? source + ":" + std::to_string(region.begin.line) : source;
}

/// The day `text` names: YYYY-MM-DD, or DD/MM/YYYY when `slashes` allows it; !ok() otherwise or out of range.
Day ParseOneDay(std::string_view text, bool slashes) {
  Day day = ParseDay(text);
  if (!day.ok() && slashes && text.size() == 10 && text[2] == '/' && text[5] == '/') {
    const std::string iso =
        std::string(text.substr(6, 4)) + "-" + std::string(text.substr(3, 2)) + "-" + std::string(text.substr(0, 2));
    day = ParseDay(iso);
  }
  return day.ok() && DayInRange(day) ? day : Day{};
}

/// A TOML basic string ("…") holding `text` exactly: quotes, backslashes and control characters escaped, UTF-8 as is.
std::string TomlString(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        if (byte < 0x20 || byte == 0x7F) {
          char escaped[8];
          std::snprintf(escaped, sizeof escaped, "\\u%04X", static_cast<unsigned>(byte));
          out += escaped;
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

/// Reads one mapping file's nodes, throwing ImportError("source:line", …) at the first problem.
class MappingReader {
 public:
  explicit MappingReader(const std::string& source) : m_source(source) {}

  [[noreturn]] void Fail(const toml::node& node, const std::string& message) const {
    throw ImportError(WhereOf(m_source, node.source()), message);
  }

  std::string String(const toml::node& node, const std::string& key) const {
    const auto* value = node.as_string();
    if (!value) Fail(node, "'" + key + "' must be a string (in quotes)");
    return value->get();
  }

  long long Integer(const toml::node& node, const std::string& key, long long low, long long high) const {
    const auto* value = node.as_integer();
    if (!value) Fail(node, "'" + key + "' must be a whole number");
    const long long number = value->get();
    if (number < low || number > high) {
      Fail(node, "'" + key + "' must be from " + std::to_string(low) + " to " + std::to_string(high) + ", not " +
                     std::to_string(number));
    }
    return number;
  }

  std::vector<Day> Days(const toml::node& node) const {
    const auto* array = node.as_array();
    if (!array) Fail(node, "'days' must be a list of days: days = [\"2026-07-08\", \"2026-07-09\"]");
    std::vector<Day> days;
    for (const toml::node& element : *array) {
      Day day;
      if (const auto* text = element.as_string()) {
        day = ParseOneDay(text->get(), false);
        if (!day.ok()) Fail(element, "'days': not a day (YYYY-MM-DD): '" + text->get() + "'");
      } else if (const auto* date = element.as_date()) {
        const toml::date value = date->get();
        day = Day{date::year{value.year}, date::month{value.month}, date::day{value.day}};
        if (!day.ok() || !DayInRange(day)) Fail(element, "'days': not a day in range");
      } else {
        Fail(element, "'days' must list days as \"YYYY-MM-DD\"");
      }
      if (!days.empty() && day == days.back()) Fail(element, "'days': " + FormatDay(day) + " is repeated");
      if (!days.empty() && day < days.back()) {
        Fail(element,
             "'days': " + FormatDay(day) + " comes before " + FormatDay(days.back()) + " (list the days in order)");
      }
      days.push_back(day);
    }
    return days;
  }

  /// [columns]: header text = role, in the file's order (toml++ tables iterate in key order, so sort by position).
  std::vector<std::pair<std::string, std::string>> Columns(const toml::node& node) const {
    const auto* table = node.as_table();
    if (!table) Fail(node, "'columns' must be a table: [columns] then \"Header\" = \"role\" lines");
    struct Entry {
      toml::source_position position;
      std::string header;
      std::string role;
    };
    std::vector<Entry> entries;
    for (const auto& [key, value] : *table) {
      const std::string header(key.str());
      std::string role = Trim(String(value, "columns." + header));
      if (role.empty()) Fail(value, "column '" + header + "': the role is empty (a role name, or \"ignored\")");
      entries.push_back({value.source().begin, header, std::move(role)});
    }
    std::stable_sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
      return std::tie(a.position.line, a.position.column) < std::tie(b.position.line, b.position.column);
    });
    std::vector<std::pair<std::string, std::string>> columns;
    for (Entry& entry : entries) columns.emplace_back(std::move(entry.header), std::move(entry.role));
    return columns;
  }

 private:
  const std::string& m_source;
};

}  // namespace

bool TableMapping::Empty() const {
  return purpose.empty() && sheet.empty() && header_row == 0 && columns.empty() && days.empty() &&
         !default_duration.has_value();
}

TableMapping ParseTableMapping(std::string_view text, const std::string& source) {
  toml::table root;
  try {
    root = toml::parse(text, source);
  } catch (const toml::parse_error& error) {
    throw ImportError(WhereOf(source, error.source()), "invalid TOML: " + std::string(error.description()));
  }
  const MappingReader read(source);
  TableMapping mapping;
  for (const auto& [key, node] : root) {
    const std::string name(key.str());
    if (name == "purpose") {
      mapping.purpose = Trim(read.String(node, name));
      if (mapping.purpose != "programme" && mapping.purpose != "registrants") {
        read.Fail(node, "'purpose' must be \"programme\" or \"registrants\", not \"" + mapping.purpose + "\"");
      }
    } else if (name == "sheet") {
      mapping.sheet = read.String(node, name);
    } else if (name == "header_row") {
      mapping.header_row = static_cast<int>(read.Integer(node, name, 1, std::numeric_limits<int>::max()));
    } else if (name == "days") {
      mapping.days = read.Days(node);
    } else if (name == "default_duration") {
      mapping.default_duration = std::chrono::minutes(read.Integer(node, name, 1, kMaxDefaultDurationMinutes));
    } else if (name == "columns") {
      mapping.columns = read.Columns(node);
    } else {
      throw ImportError(WhereOf(source, key.source()),
                        "unknown key '" + name +
                            "' (a mapping has purpose, sheet, header_row, days, default_duration and [columns])");
    }
  }
  return mapping;
}

TableMapping ReadTableMappingFile(const std::filesystem::path& path) {
  return ParseTableMapping(ReadSourceFile(path), path.string());
}

std::string TableMappingToToml(const TableMapping& mapping, const std::vector<std::string>& letters) {
  std::string out = "# kioskctl table mapping: how the columns of this sheet are read (kioskctl import --map FILE).\n";
  out +=
      "# Each header (compared ignoring case, accents and punctuation) gets a role, or \"ignored\": correct what is\n";
  out += "# wrong, then import every version of this sheet with --map.\n";
  if (!mapping.purpose.empty()) out += "purpose = " + TomlString(mapping.purpose) + "\n";
  if (!mapping.sheet.empty()) out += "sheet = " + TomlString(mapping.sheet) + "\n";
  if (mapping.header_row > 0) out += "header_row = " + std::to_string(mapping.header_row) + "\n";
  if (!mapping.days.empty()) {
    out += "days = [";
    for (std::size_t i = 0; i < mapping.days.size(); ++i) {
      out += (i ? ", " : "") + TomlString(FormatDay(mapping.days[i]));
    }
    out += "]\n";
  } else {
    out +=
        "# days = [\"2026-07-08\", \"2026-07-09\"]   # the event's days, for day cells written \"jeudi\" or "
        "\"Jour 1\"\n";
  }
  if (mapping.default_duration) {
    out += "default_duration = " + std::to_string(mapping.default_duration->count()) + "\n";
  } else {
    out += "# default_duration = 30   # minutes, for a session with no end that no later session in its room ends\n";
  }
  if (!mapping.columns.empty()) {
    out += "\n[columns]\n";
    for (std::size_t i = 0; i < mapping.columns.size(); ++i) {
      // Not a structured binding: clang 14 (the fuzz build) cannot capture one in the lambda below.
      const std::string& header = mapping.columns[i].first;
      const std::string& role = mapping.columns[i].second;
      // A TOML table holds a key once: of repeated headers the last entry wins (as it does when importing).
      const bool repeated =
          std::any_of(mapping.columns.begin() + static_cast<std::ptrdiff_t>(i) + 1, mapping.columns.end(),
                      [&](const auto& later) { return later.first == header; });
      if (repeated) continue;
      if (i < letters.size() && !letters[i].empty()) out += "# column " + letters[i] + "\n";
      out += TomlString(header) + " = " + TomlString(role) + "\n";
    }
  }
  return out;
}

void AddColumnOption(TableMapping& mapping, std::string_view option) {
  const std::size_t equals = option.find('=');
  if (equals == std::string_view::npos) {
    throw std::invalid_argument("--column '" + std::string(option) +
                                "': expected ROLE=HEADER, as in --column start=Heure");
  }
  std::string role = Trim(option.substr(0, equals));
  std::string header = Trim(option.substr(equals + 1));
  if (role.empty()) throw std::invalid_argument("--column '" + std::string(option) + "': the role before '=' is empty");
  if (header.empty()) {
    throw std::invalid_argument("--column '" + std::string(option) + "': the header after '=' is empty");
  }
  mapping.columns.emplace_back(std::move(header), std::move(role));
}

std::vector<Day> ParseDaysOption(std::string_view option) {
  std::vector<Day> days;
  std::size_t begin = 0;
  while (true) {
    const std::size_t comma = option.find(',', begin);
    const std::string item =
        Trim(option.substr(begin, comma == std::string_view::npos ? std::string_view::npos : comma - begin));
    const Day day = ParseOneDay(item, true);
    if (!day.ok()) {
      throw std::invalid_argument("--days: not a day (YYYY-MM-DD or DD/MM/YYYY): '" + item + "'");
    }
    if (!days.empty() && day == days.back()) throw std::invalid_argument("--days: " + item + " is repeated");
    if (!days.empty() && day < days.back()) {
      throw std::invalid_argument("--days: " + item + " comes before " + FormatDay(days.back()) +
                                  " (give the days in order)");
    }
    days.push_back(day);
    if (comma == std::string_view::npos) break;
    begin = comma + 1;
  }
  return days;
}

}  // namespace kiosk
