// The error every store (programme, registrants) throws when its file cannot be used.
#pragma once

#include <stdexcept>
#include <string>

namespace kiosk {

/// The store cannot be used. Kind tells the screen what to say.
class StoreError : public std::runtime_error {
 public:
  enum class Kind { Missing, NewerSchema, Corrupt, Io };
  StoreError(Kind kind, const std::string& message) : std::runtime_error(message), m_kind(kind) {}
  Kind GetKind() const { return m_kind; }

 private:
  Kind m_kind;
};

}  // namespace kiosk
