// The kiosk's TOML configuration: strict reading (unknown keys and wrong types are errors, with file and line).
#include "kiosk/app/Config.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <functional>
#include <map>
#include <regex>
#include <set>

#include <toml++/toml.h>

#include "kiosk/app/ScreenCare.h"
#include "kiosk/core/VenueZone.h"

namespace kiosk::app {
namespace {

std::string Where(const std::filesystem::path& file, int line, const std::string& key, const std::string& reason) {
  std::string text = file.string() + ":" + std::to_string(line) + ": ";
  if (!key.empty()) text += key + ": ";
  return text + reason;
}

const char* TypeName(toml::node_type type) {
  switch (type) {
    case toml::node_type::table:
      return "a table";
    case toml::node_type::array:
      return "an array";
    case toml::node_type::string:
      return "a string";
    case toml::node_type::integer:
      return "an integer";
    case toml::node_type::floating_point:
      return "a float";
    case toml::node_type::boolean:
      return "a boolean";
    case toml::node_type::date:
      return "a date";
    case toml::node_type::time:
      return "a time";
    case toml::node_type::date_time:
      return "a date-time";
    default:
      return "nothing";
  }
}

/// Reads typed values out of one parsed file, throwing ConfigError at the value's line.
class Reader {
 public:
  explicit Reader(std::filesystem::path file) : m_file(std::move(file)) {
    std::error_code error;
    const auto absolute = std::filesystem::absolute(m_file, error);
    m_folder = (error ? m_file : absolute).parent_path();
  }

  [[noreturn]] void Fail(const toml::node& node, const std::string& key, const std::string& reason) const {
    throw ConfigError(m_file, static_cast<int>(node.source().begin.line), key, reason);
  }
  [[noreturn]] void Fail(int line, const std::string& key, const std::string& reason) const {
    throw ConfigError(m_file, line, key, reason);
  }
  [[noreturn]] void WrongType(const toml::node& node, const std::string& key, const char* wanted) const {
    Fail(node, key, std::string("expected ") + wanted + ", got " + TypeName(node.type()));
  }

  bool Bool(const toml::node& node, const std::string& key) const {
    if (!node.is_boolean()) WrongType(node, key, "a boolean (true or false)");
    return node.as_boolean()->get();
  }
  std::string String(const toml::node& node, const std::string& key) const {
    if (!node.is_string()) WrongType(node, key, "a string");
    return node.as_string()->get();
  }
  long long Integer(const toml::node& node, const std::string& key, long long low, long long high) const {
    if (!node.is_integer()) WrongType(node, key, "an integer");
    const long long value = node.as_integer()->get();
    if (value < low || value > high)
      Fail(node, key, std::to_string(value) + " is out of range " + std::to_string(low) + ".." + std::to_string(high));
    return value;
  }
  /// An integer or a float within [low, high] (`low_open`: low itself excluded).
  double Number(const toml::node& node, const std::string& key, double low, double high, bool low_open = false) const {
    double value = 0;
    if (node.is_integer()) {
      value = static_cast<double>(node.as_integer()->get());
    } else if (node.is_floating_point()) {
      value = node.as_floating_point()->get();
    } else {
      WrongType(node, key, "a number");
    }
    if (!std::isfinite(value) || value < low || value > high || (low_open && value == low)) {
      char reason[128];
      if (low_open) {
        std::snprintf(reason, sizeof reason, "%g is out of range: more than %g, at most %g", value, low, high);
      } else {
        std::snprintf(reason, sizeof reason, "%g is out of range %g..%g", value, low, high);
      }
      Fail(node, key, reason);
    }
    return value;
  }
  /// A path; relative ones are taken from the configuration file's folder.
  std::filesystem::path Path(const toml::node& node, const std::string& key) const {
    const std::string text = String(node, key);
    if (text.empty()) Fail(node, key, "an empty path");
    std::filesystem::path path(text);
    return path.is_relative() ? (m_folder / path).lexically_normal() : path;
  }

 private:
  std::filesystem::path m_file;
  std::filesystem::path m_folder;
};

using Setter = std::function<void(const toml::node&, const std::string& key)>;

}  // namespace

ConfigError::ConfigError(std::filesystem::path file, int line, std::string key, const std::string& reason)
    : std::runtime_error(Where(file, line, key, reason)),
      m_file(std::move(file)),
      m_line(line),
      m_key(std::move(key)) {}

const std::vector<std::string>& LobbyPageNames() {
  static const std::vector<std::string> kNames{"board", "timeline", "partners", "plan"};
  return kNames;
}

std::vector<std::string> ParsePageList(const std::string& text) {
  std::vector<std::string> pages;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t comma = std::min(text.find(',', start), text.size());
    std::string name = text.substr(start, comma - start);
    const auto first = name.find_first_not_of(" \t"), last = name.find_last_not_of(" \t");
    name = first == std::string::npos ? std::string() : name.substr(first, last - first + 1);
    const auto& known = LobbyPageNames();
    if (std::find(known.begin(), known.end(), name) == known.end())
      throw std::invalid_argument("unknown page '" + name + "' (pages: board, timeline, partners, plan)");
    pages.push_back(name);
    start = comma + 1;
  }
  if (pages.empty()) throw std::invalid_argument("no pages");
  return pages;
}

std::pair<int, int> ParseWindowSize(const std::string& text) {
  static const std::regex kSize(R"((\d{2,5})[xX](\d{2,5}))");
  std::smatch match;
  if (!std::regex_match(text, match, kSize))
    throw std::invalid_argument("expected WxH such as 1920x1080, got '" + text + "'");
  return {std::stoi(match[1]), std::stoi(match[2])};
}

AppOptions LoadConfig(const std::filesystem::path& path, AppOptions options) {
  {
    std::ifstream probe(path);
    if (!probe) throw ConfigError(path, 0, "", "cannot read the configuration file");
  }
  toml::table root;
  try {
    root = toml::parse_file(path.string());
  } catch (const toml::parse_error& error) {
    throw ConfigError(path, static_cast<int>(error.source().begin.line), "", std::string(error.description()));
  }
  const Reader read(path);
  options.config = path;

  // Cross-key checks need the line of the key they blame.
  int sync_url_line = 0, night_line = 0;
  bool pubkey_given = false;

  const std::map<std::string, std::map<std::string, Setter>> sections{
      {"kiosk",
       {
           {"db", [&](const toml::node& n, const std::string& k) { options.db = read.Path(n, k); }},
           {"assets", [&](const toml::node& n, const std::string& k) { options.assets = read.Path(n, k); }},
           {"programme_url",
            [&](const toml::node& n, const std::string& k) { options.programme_url = read.String(n, k); }},
           {"now",
            [&](const toml::node& n, const std::string& k) {
              const std::string text = read.String(n, k);
              try {
                // Checked in the default zone here; ProgrammeClock reads it again in the programme's.
                ParseIsoInstant(text, VenueZone(kDefaultVenueZone));
              } catch (const std::exception& error) {
                read.Fail(n, k, error.what());
              }
              options.now = text;
            }},
           {"speed", [&](const toml::node& n,
                         const std::string& k) { options.speed = read.Number(n, k, kMinSpeed, kMaxSpeed); }},
       }},
      {"screen",
       {
           {"fullscreen", [&](const toml::node& n, const std::string& k) { options.fullscreen = read.Bool(n, k); }},
           {"monitor", [&](const toml::node& n,
                           const std::string& k) { options.monitor = static_cast<int>(read.Integer(n, k, 0, 63)); }},
           {"window",
            [&](const toml::node& n, const std::string& k) {
              try {
                std::tie(options.width, options.height) = ParseWindowSize(read.String(n, k));
              } catch (const std::invalid_argument& error) {
                read.Fail(n, k, error.what());
              }
            }},
           {"room",
            [&](const toml::node& n, const std::string& k) {
              const std::string room = read.String(n, k);
              if (room.empty()) read.Fail(n, k, "an empty room (leave the key out for the lobby)");
              options.room = room;
            }},
           {"here", [&](const toml::node& n, const std::string& k) { options.here = read.String(n, k); }},
           {"show",
            [&](const toml::node& n, const std::string& k) {
              const std::string show = read.String(n, k);
              if (show == "auto") {
                options.screen = ScreenChoice::Auto;
              } else if (show == "board") {
                options.screen = ScreenChoice::Board;
              } else if (show == "timeline") {
                options.screen = ScreenChoice::Timeline;
              } else if (show == "partners" || show == "plan") {
                options.screen = ScreenChoice::Auto;
                options.lobby_pages = {show};
              } else {
                read.Fail(n, k, "'" + show + "' is not auto, board, timeline, partners or plan");
              }
            }},
           {"interactive", [&](const toml::node& n, const std::string& k) { options.interactive = read.Bool(n, k); }},
           {"idle_seconds", [&](const toml::node& n,
                                const std::string& k) { options.idle_seconds = read.Number(n, k, 0, 86400, true); }},
       }},
      {"lobby",
       {
           {"pages",
            [&](const toml::node& n, const std::string& k) {
              if (!n.is_array()) read.WrongType(n, k, "an array of page names");
              std::vector<std::string> pages;
              for (const toml::node& item : *n.as_array()) {
                const std::string name = read.String(item, k);
                const auto& known = LobbyPageNames();
                if (std::find(known.begin(), known.end(), name) == known.end())
                  read.Fail(item, k, "unknown page '" + name + "' (pages: board, timeline, partners, plan)");
                pages.push_back(name);
              }
              if (pages.empty()) read.Fail(n, k, "no pages");
              options.lobby_pages = std::move(pages);
            }},
           {"page_seconds", [&](const toml::node& n,
                                const std::string& k) { options.page_seconds = read.Number(n, k, 1, 3600, false); }},
       }},
      {"sync",
       {
           {"url",
            [&](const toml::node& n, const std::string& k) {
              options.sync_url = read.String(n, k);
              if (options.sync_url.empty()) read.Fail(n, k, "an empty URL (leave the key out: no sync)");
              sync_url_line = static_cast<int>(n.source().begin.line);
            }},
           {"pubkey",
            [&](const toml::node& n, const std::string& k) {
              options.sync_pubkey = read.Path(n, k);
              pubkey_given = true;
            }},
           {"interval",
            [&](const toml::node& n, const std::string& k) { options.sync_interval = read.Number(n, k, 0.05, 3600); }},
       }},
      {"burn_in",
       {
           {"shift_pixels",
            [&](const toml::node& n, const std::string& k) {
              options.shift_pixels = static_cast<float>(read.Number(n, k, 0, 100));
            }},
           {"shift_minutes",
            [&](const toml::node& n, const std::string& k) {
              options.shift_minutes = read.Number(n, k, 0, 24 * 60, true);
            }},
       }},
      {"night",
       {
           {"from",
            [&](const toml::node& n, const std::string& k) {
              options.night_from = read.String(n, k);
              if (!options.night_from.empty() && !ParseHm(options.night_from))
                read.Fail(n, k, "'" + options.night_from + "' is not HH:MM");
              night_line = static_cast<int>(n.source().begin.line);
            }},
           {"until",
            [&](const toml::node& n, const std::string& k) {
              options.night_until = read.String(n, k);
              if (!options.night_until.empty() && !ParseHm(options.night_until))
                read.Fail(n, k, "'" + options.night_until + "' is not HH:MM");
              night_line = static_cast<int>(n.source().begin.line);
            }},
           {"brightness",
            [&](const toml::node& n, const std::string& k) {
              options.night_brightness = static_cast<float>(read.Number(n, k, 0, 1));
            }},
       }},
  };

  for (auto&& [section_key, section] : root) {
    const std::string name(section_key.str());
    const int line = static_cast<int>(section_key.source().begin.line);
    const auto known = sections.find(name);
    if (known == sections.end()) {
      read.Fail(line ? line : static_cast<int>(section.source().begin.line), name,
                section.is_table() ? "unknown section (sections: kiosk, screen, lobby, sync, burn_in, night)"
                                   : "unknown key (keys go in a section: [kiosk], [screen], [lobby], [sync], "
                                     "[burn_in], [night])");
    }
    if (!section.is_table()) read.WrongType(section, name, "a table");
    for (auto&& [key, node] : *section.as_table()) {
      const std::string dotted = name + "." + std::string(key.str());
      const auto setter = known->second.find(std::string(key.str()));
      if (setter == known->second.end()) {
        std::string keys;
        for (const auto& [known_key, unused] : known->second) keys += (keys.empty() ? "" : ", ") + known_key;
        const int key_line = static_cast<int>(key.source().begin.line);
        read.Fail(key_line ? key_line : static_cast<int>(node.source().begin.line), dotted,
                  "unknown key (keys of [" + name + "]: " + keys + ")");
      }
      setter->second(node, dotted);
    }
  }

  if (!options.sync_url.empty() && options.sync_pubkey.empty() && !pubkey_given)
    read.Fail(sync_url_line, "sync.url", "needs sync.pubkey, the publisher's public key file");
  if (options.night_from.empty() != options.night_until.empty())
    read.Fail(night_line, "night", "from and until must be both set (HH:MM) or both empty (no night mode)");
  return options;
}

}  // namespace kiosk::app
