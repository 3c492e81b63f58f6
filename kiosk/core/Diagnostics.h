// Errors and warnings of imports and validation, each naming where in the source it was found.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace kiosk {

/// A problem that does not stop an import. `where` is "file:line" or "file: /schedule/day[1]/room[2]/event[3]".
struct Warning {
  std::string where;
  std::string message;

  /// "where: message"
  std::string ToString() const;
  bool operator==(const Warning&) const = default;
};

/// Invalid input: the import is aborted and nothing is written. what() is "where: message".
class ImportError : public std::runtime_error {
 public:
  ImportError(std::string where, std::string message);
  const std::string& Where() const { return m_where; }
  const std::string& Message() const { return m_message; }

 private:
  std::string m_where;
  std::string m_message;
};

}  // namespace kiosk
