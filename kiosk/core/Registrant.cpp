#include "kiosk/core/Registrant.h"

#include <algorithm>
#include <set>
#include <stdexcept>

namespace kiosk {

std::string CanonicalOrderCode(std::string_view code) {
  constexpr std::string_view kSpace = " \t\r\n\f\v";
  const auto first = code.find_first_not_of(kSpace);
  if (first == std::string_view::npos) return {};
  code = code.substr(first, code.find_last_not_of(kSpace) - first + 1);
  std::string canonical(code);
  for (char& c : canonical) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return canonical;
}

CheckinStatus DeriveCheckinStatus(std::string_view order_code, const std::vector<CheckinEvent>& events) {
  std::set<std::string_view> undone;
  for (const CheckinEvent& event : events) {
    if (event.kind == CheckinKind::Undo && event.order_code == order_code) undone.insert(event.undoes);
  }
  CheckinStatus status;
  for (const CheckinEvent& event : events) {
    if (event.kind == CheckinKind::In && event.order_code == order_code && !undone.contains(event.uuid)) {
      status.active.push_back(event);
    }
  }
  std::sort(status.active.begin(), status.active.end(), [](const CheckinEvent& a, const CheckinEvent& b) {
    return a.at != b.at ? a.at < b.at : a.uuid < b.uuid;
  });
  status.checked_in = !status.active.empty();
  if (status.checked_in) status.first = status.active.front();
  return status;
}

std::string_view CheckinKindName(CheckinKind kind) { return kind == CheckinKind::In ? "in" : "undo"; }

CheckinKind ParseCheckinKind(std::string_view name) {
  if (name == "in") return CheckinKind::In;
  if (name == "undo") return CheckinKind::Undo;
  throw std::invalid_argument("check-in event kind must be \"in\" or \"undo\", got \"" + std::string(name) + "\"");
}

}  // namespace kiosk
