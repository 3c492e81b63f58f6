// The status words (see StatusWords.h).
#include "kiosk/core/StatusWords.h"

#include <array>
#include <string>

#include "kiosk/core/Text.h"

namespace kiosk {
namespace {

// NormalizeKey forms: "annulée" is "annulee", "confirmé" is "confirme".
constexpr std::array<std::string_view, 7> kConfirmedWords = {"",          "confirmed", "confirme", "confirmee",
                                                             "scheduled", "accepted",  "accepte"};
constexpr std::array<std::string_view, 4> kCancelledWords = {"cancelled", "canceled", "annule", "annulee"};

}  // namespace

std::optional<SessionStatus> ParseStatusWord(std::string_view word) {
  const std::string key = NormalizeKey(word);
  for (std::string_view confirmed : kConfirmedWords)
    if (key == confirmed) return SessionStatus::Confirmed;
  for (std::string_view cancelled : kCancelledWords)
    if (key == cancelled) return SessionStatus::Cancelled;
  return std::nullopt;
}

}  // namespace kiosk
