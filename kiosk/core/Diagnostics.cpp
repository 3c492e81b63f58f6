// Errors and warnings with their location.
#include "kiosk/core/Diagnostics.h"

#include <charconv>
#include <string_view>

namespace kiosk {

std::string Warning::ToString() const { return where.empty() ? message : where + ": " + message; }

namespace {

constexpr std::string_view kMorePrefix = "… and ";

/// How many warnings `text` stands for: N when it is (or ends with) MoreWarnings(N), else 1.
std::size_t Counted(std::string_view text) {
  const std::size_t at = text.rfind(kMorePrefix);
  if (at == std::string_view::npos) return 1;
  std::string_view rest = text.substr(at + kMorePrefix.size());
  std::size_t count = 0;
  const auto [end, error] = std::from_chars(rest.data(), rest.data() + rest.size(), count);
  const std::string_view tail(end, static_cast<std::size_t>(rest.data() + rest.size() - end));
  if (error != std::errc() || count == 0 || (tail != " more warnings" && tail != " more warning")) return 1;
  return count;
}

}  // namespace

std::string MoreWarnings(std::size_t left_out) {
  return std::string(kMorePrefix) + std::to_string(left_out) + " more warning" + (left_out == 1 ? "" : "s");
}

void BoundWarnings(std::vector<Warning>& warnings, const std::string& where, std::size_t max) {
  if (warnings.size() <= max) return;
  std::size_t left_out = 0;
  for (std::size_t i = max; i < warnings.size(); ++i) left_out += Counted(warnings[i].message);
  warnings.resize(max);
  warnings.push_back({where, MoreWarnings(left_out)});
}

void BoundWarningLines(std::vector<std::string>& lines, std::size_t max) {
  if (lines.size() <= max) return;
  std::size_t left_out = 0;
  for (std::size_t i = max; i < lines.size(); ++i) left_out += Counted(lines[i]);
  lines.resize(max);
  lines.push_back(MoreWarnings(left_out));
}

ImportError::ImportError(std::string where, std::string message)
    : std::runtime_error(where.empty() ? message : where + ": " + message),
      m_where(std::move(where)),
      m_message(std::move(message)) {}

}  // namespace kiosk
