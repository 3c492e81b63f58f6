#include "kiosk/core/Registrant.h"

#include <algorithm>
#include <set>
#include <stdexcept>

#include <utf8proc.h>

#include "kiosk/core/Text.h"

namespace kiosk {

std::string CanonicalOrderCode(std::string_view code) {
  constexpr std::string_view kSpace = " \t\r\n\f\v";
  const auto first = code.find_first_not_of(kSpace);
  if (first == std::string_view::npos) return {};
  code = code.substr(first, code.find_last_not_of(kSpace) - first + 1);
  std::string canonical(code);
  const bool ascii =
      std::all_of(canonical.begin(), canonical.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  if (ascii || !IsValidUtf8(canonical)) {
    for (char& c : canonical) {
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    }
    return canonical;
  }
  // By character, not by byte: "RéUNION" gives "RÉUNION" (NFC first, so "e" + U+0301 is the same code as "é").
  const std::string nfc = ToNfc(canonical);
  std::string upper;
  upper.reserve(nfc.size());
  const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(nfc.data());
  utf8proc_ssize_t at = 0;
  while (at < static_cast<utf8proc_ssize_t>(nfc.size())) {
    utf8proc_int32_t point = 0;
    const utf8proc_ssize_t length =
        utf8proc_iterate(bytes + at, static_cast<utf8proc_ssize_t>(nfc.size()) - at, &point);
    if (length <= 0) break;
    utf8proc_uint8_t encoded[4];
    const utf8proc_ssize_t written = utf8proc_encode_char(utf8proc_toupper(point), encoded);
    upper.append(reinterpret_cast<const char*>(encoded), static_cast<std::size_t>(written));
    at += length;
  }
  return upper;
}

std::vector<std::string> CanonicalTicketCodes(const std::vector<std::string>& codes, std::string_view order_code) {
  const std::string own = CanonicalOrderCode(order_code);
  std::vector<std::string> canonical;
  canonical.reserve(codes.size());
  for (const std::string& code : codes) {
    std::string c = CanonicalOrderCode(code);
    if (!c.empty() && c != own) canonical.push_back(std::move(c));
  }
  std::sort(canonical.begin(), canonical.end());
  canonical.erase(std::unique(canonical.begin(), canonical.end()), canonical.end());
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
  std::sort(status.active.begin(), status.active.end(),
            [](const CheckinEvent& a, const CheckinEvent& b) { return a.at != b.at ? a.at < b.at : a.uuid < b.uuid; });
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
