// Errors and warnings with their location.
#include "kiosk/core/Diagnostics.h"

namespace kiosk {

std::string Warning::ToString() const { return where.empty() ? message : where + ": " + message; }

ImportError::ImportError(std::string where, std::string message)
    : std::runtime_error(where.empty() ? message : where + ": " + message),
      m_where(std::move(where)),
      m_message(std::move(message)) {}

}  // namespace kiosk
